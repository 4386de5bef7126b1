import ArgMarkCore
import ArgMarkPipeline
import ArgMarkPlugins
import Foundation

/// A document that could not be processed; the message names the file and what to do.
public struct BatchFailure: Sendable, Hashable, CustomStringConvertible {
    public var path: String
    public var message: String

    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    public var description: String { message }
}

/// What the batch did with one input.
public struct BatchItemResult: Sendable {
    public var input: BatchInput
    /// Where the output went; nil on failure or for standard output.
    public var outputPath: String?
    public var failure: BatchFailure?
    public var bytesRead: Int
    public var sentences: Int
    /// Sentences that came out without a label, per language.
    public var unlabelled: [LanguageTag: Int] = [:]
    /// Size of the output written, nil on failure.
    public var outputBytes: Int?
    /// Seconds spent in each stage of this document.
    public var timings = StageTimings()
    /// What the user should know of a document that was written (keys of a JSONL input that reading passed over,
    /// so that the output lacks them).
    public var warnings: [String] = []
}

/// Seconds spent reading (decoding, parsing, segmenting), analysing (labels, tree, scores) and writing (serialising;
/// not the file system), for `annotate --timings` and the benchmarks.
public struct StageTimings: Sendable, Hashable {
    public var read: Double = 0
    public var analyse: Double = 0
    public var write: Double = 0

    public init() {}

    public static func + (a: StageTimings, b: StageTimings) -> StageTimings {
        var sum = a
        sum.read += b.read
        sum.analyse += b.analyse
        sum.write += b.write
        return sum
    }
}

/// Progress after each finished document, for a progress bar.
public struct BatchProgress: Sendable {
    public var done: Int
    public var total: Int
    public var failed: Int
    public var bytes: Int
    public var sentences: Int
    public var elapsed: Double
    /// The failure of the document that has just finished, if it failed: said at once, so that a batch stopped
    /// half-way has named the failures it met.
    public var latestFailure: BatchFailure? = nil
    /// The warnings of the document that has just finished, said at once as its failure would be.
    public var latestWarnings: [String] = []
}

/// The outcome of a batch.
public struct BatchSummary: Sendable {
    public var results: [BatchItemResult]
    public var failures: [BatchFailure]
    public var elapsed: Double

    public var succeeded: Int { results.filter { $0.failure == nil }.count }
    public var timings: StageTimings { results.reduce(StageTimings()) { $0 + $1.timings } }
    /// The bytes of the documents annotated (a failed one's are no part of the throughput).
    public var bytes: Int { results.reduce(0) { $0 + ($1.failure == nil ? $1.bytesRead : 0) } }
    public var sentences: Int { results.reduce(0) { $0 + $1.sentences } }
    /// Sentences left without a label, per language, over the batch.
    public var unlabelled: [LanguageTag: Int] { results.reduce(into: [:]) { $0.merge($1.unlabelled, uniquingKeysWith: +) } }
}

/// What to run on every document.
public struct BatchOptions: Sendable {
    public var registry: PluginRegistry
    public var inputFormat: String
    public var writer: any DocumentWriter
    public var pipeline: Pipeline
    /// Output directory; nil writes to standard output (standard input only).
    public var outputDirectory: String?
    public var jobs: Int

    public init(
        registry: PluginRegistry, inputFormat: String, writer: any DocumentWriter, pipeline: Pipeline,
        outputDirectory: String?, jobs: Int
    ) {
        self.registry = registry
        self.inputFormat = inputFormat
        self.writer = writer
        self.pipeline = pipeline
        self.outputDirectory = outputDirectory
        self.jobs = max(1, jobs)
    }
}

/// Reads, analyses and writes documents in parallel. A failing document is reported and the batch goes on.
public struct BatchRunner: Sendable {
    public var options: BatchOptions

    public init(options: BatchOptions) {
        self.options = options
    }

    /// Where `input`'s output goes.
    public func outputPath(for input: BatchInput) -> String? {
        guard let directory = options.outputDirectory, !input.isStandardInput else { return nil }
        return (directory as NSString).appendingPathComponent(input.outputStem + "." + options.writer.fileExtension)
    }

    /// `inputs` with each file that holds several documents (a corpus table of comments or short essays, `doc_id`
    /// by `doc_id`; a comment table, row by row) in place of one input per document, written to `STEM/DOC_ID.EXT`, so
    /// that each is read, labelled and written as the document it is. Only tables are looked into (a `.tsv` or `.csv`
    /// name, or `--input-format tsv` / `csv`); a file
    /// that cannot be read stays as it is, for the batch to report.
    public func expandingParts(_ inputs: [BatchInput]) -> [BatchInput] {
        var expanded: [BatchInput] = []
        for input in inputs {
            guard !input.isStandardInput, input.part == nil,
                  Self.tableFormats.contains(options.inputFormat)
                    || (options.inputFormat == "auto" && Self.tableFormats.contains { input.path.lowercased().hasSuffix("." + $0) }),
                  let bytes = try? FileAccess.read(input.path),
                  let reader = try? options.registry.reader(format: options.inputFormat, path: input.path, bytes: bytes),
                  let parts = try? reader.parts(of: bytes), !parts.isEmpty
            else {
                expanded.append(input)
                continue
            }
            let contents = SharedBytes(bytes)
            for part in parts {
                expanded.append(BatchInput(
                    path: input.path, outputStem: input.outputStem + "/" + Self.fileName(part.id), documentID: part.id, part: part,
                    parts: parts.count, contents: contents, format: reader.formatName))
            }
        }
        return expanded
    }

    /// The formats whose files may hold several documents: a corpus table (tsv), a comment table (csv).
    static let tableFormats = ["tsv", "csv"]

    /// A document id as a file name: a slash, a NUL or a leading dot would leave the output directory or hide it.
    public static func fileName(_ id: String) -> String {
        // A slash would make a folder; the characters Windows file names refuse (: * ? " < > | \\) would make a name
        // that cannot be copied there, zipped for it, or used as a relative link (mtp2:micro_c001 reads as a URI).
        var name = String(id.map { "/\0:*?\"<>|\\".contains($0) ? "_" : $0 })
        if name.hasPrefix(".") || name.isEmpty { name = "_" + name }
        return name
    }

    /// Processes one document from bytes already read; returns the output bytes, sentence count and stage times.
    public func process(
        bytes: [UInt8], input: BatchInput
    ) throws(DocumentReadError) -> (
        output: [UInt8], document: Document, sentences: Int, unlabelled: [LanguageTag: Int], timings: StageTimings,
        passedOver: [PassedOverKey], personsLinksChanged: [String], machineLinksMoved: [String]
    ) {
        let path = input.isStandardInput ? nil : input.path
        var timings = StageTimings()
        var clock = ContinuousClock.now
        func lap() -> Double {
            let now = ContinuousClock.now
            defer { clock = now }
            let elapsed = now - clock
            return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        }
        let reader = try options.registry.reader(format: input.format ?? options.inputFormat, path: path, bytes: bytes)
        let read = try reader.read(ReaderInput(bytes: bytes, sourcePath: path, documentID: input.documentID, part: input.part))
        // A hand-typed key of an annotated input ("lable") would be missing from the output without a word.
        let passedOver = input.part == nil ? (reader as? any PassedOverReporting)?.passedOver(in: bytes, readAs: read) ?? [] : []
        timings.read = lap()
        // A person's link the run places again (one into a sentence since labelled background) is told, as the
        // commands that show a file tell it.
        let personsLinks = TreeCompletion.personsLinks(of: read)
        // So is a reviewed file's machine links that the run places again around the person's work.
        let machineLinks = TreeCompletion.machineLinks(of: read)
        let document: Document
        do { document = try options.pipeline.run(consume read) } catch { throw .unsupported(error.description) }
        let personsLinksChanged = TreeCompletion.personsLinksChanged(personsLinks, in: document)
        let machineLinksMoved = TreeCompletion.machineLinksMoved(machineLinks, in: document)
        timings.analyse = lap()
        do {
            let output = try options.writer.write(
                SourceReferences.forWriting(document, to: outputPath(for: input), format: options.writer.formatName))
            timings.write = lap()
            var unlabelled: [LanguageTag: Int] = [:]
            var sentences = 0
            // Read in place: iterating the units would copy each one.
            for i in document.units.indices where document.units[i].kind == .sentence {
                sentences += 1
                if document.units[i].annotation.label == nil { unlabelled[document.units[i].language, default: 0] += 1 }
            }
            return (output, document, sentences, unlabelled, timings, passedOver, personsLinksChanged, machineLinksMoved)
        } catch {
            throw .unsupported(error.description)
        }
    }

    /// Runs the batch with at most `jobs` documents in flight; `progress` is called after each one, in order of
    /// completion, from a single task. Once `stopping` says so (a signal is being handled), no document is started.
    public func run(
        _ inputs: [BatchInput], progress: @Sendable (BatchProgress) -> Void = { _ in }, stopping: @Sendable () -> Bool = { false }
    ) async -> BatchSummary {
        let start = Date()
        var results: [BatchItemResult?] = Array(repeating: nil, count: inputs.count)
        // Two inputs that would write the same output: the later one fails instead of overwriting.
        var claimed: [String: BatchInput] = [:]
        var collisions: [Int: BatchFailure] = [:]
        // A corpus table's document is named by its doc_id and the line it starts on: the file's name alone names
        // both documents of one table.
        func named(_ input: BatchInput) -> String {
            guard let part = input.part else { return input.path }
            // A part's lines start with the table's header line.
            return "\(input.path) (doc_id \(part.id)" + (part.lines.dropFirst().first.map { ", from line \($0.number + 1)" } ?? "") + ")"
        }
        for (index, input) in inputs.enumerated() {
            guard let path = outputPath(for: input) else { continue }
            if let earlier = claimed[path] {
                let what = input.part != nil && earlier.path == input.path ? "rename one of the doc_ids" : "rename one of them"
                collisions[index] = BatchFailure(
                    path: input.path,
                    message: "\(named(input)): its output \(path) is also the output of \(named(earlier)); \(what)")
            } else {
                claimed[path] = input
            }
        }
        var done = 0
        var failed = 0
        var bytes = 0
        var sentences = 0
        await withTaskGroup(of: (Int, BatchItemResult).self) { group in
            var next = 0
            func submit() {
                guard next < inputs.count, !stopping() else { return }
                let index = next
                let input = inputs[index]
                let collision = collisions[index]
                next += 1
                group.addTask { [self] in
                    if let collision {
                        return (index, BatchItemResult(input: input, outputPath: nil, failure: collision, bytesRead: 0, sentences: 0))
                    }
                    return (index, processFile(input))
                }
            }
            for _ in 0..<min(options.jobs, inputs.count) { submit() }
            while let (index, result) = await group.next() {
                results[index] = result
                done += 1
                if result.failure != nil { failed += 1 }
                // As the summary counts them: the bytes of the files annotated (a rejected 5 MB file is no throughput).
                if result.failure == nil { bytes += result.bytesRead }
                sentences += result.sentences
                progress(BatchProgress(done: done, total: inputs.count, failed: failed, bytes: bytes, sentences: sentences,
                                       elapsed: Date().timeIntervalSince(start), latestFailure: result.failure,
                                       latestWarnings: result.warnings))
                submit()
            }
        }
        let finished = results.compactMap { $0 }
        return BatchSummary(results: finished, failures: finished.compactMap(\.failure), elapsed: Date().timeIntervalSince(start))
    }

    private func processFile(_ input: BatchInput) -> BatchItemResult {
        var result = BatchItemResult(input: input, outputPath: nil, failure: nil, bytesRead: 0, sentences: 0)
        do {
            let bytes = try input.contents?.bytes ?? (input.isStandardInput ? FileAccess.readStandardInput() : FileAccess.read(input.path))
            // A corpus table's documents share its bytes: the summary's megabytes are the file's, once.
            result.bytesRead = bytes.count / input.parts
            let (output, document, sentences, unlabelled, timings, passedOver, personsLinksChanged, machineLinksMoved) = try process(bytes: bytes, input: input)
            result.unlabelled = unlabelled
            result.timings = timings
            result.outputBytes = output.count
            if let path = outputPath(for: input) {
                if FileAccess.isSameFile(path, input.path) {
                    throw FileAccessError.unwritable(path, reason: "it is the input itself; choose another --out directory so the input is kept")
                }
                // The review lock is held from the check to the rename, so that a session can neither open the
                // output nor write it back meanwhile.
                let (problem, lock) = personsWorkAt(path, wouldBeLostTo: document)
                defer { lock?.release() }
                if let problem { throw BatchFailure(path: input.path, message: "\(input.path): not written: \(problem)") }
                if let kept = try EarlierLabelTable.writeOutput(output, to: path, format: options.writer.formatName) {
                    result.warnings.append(kept)
                }
                result.outputPath = path
            } else {
                try FileAccess.writeStandardOutput(output)
            }
            result.sentences = sentences
            if !personsLinksChanged.isEmpty {
                result.warnings.append("\(input.isStandardInput ? "standard input" : input.path): " + TreeCompletion.personsLinksNote(personsLinksChanged))
            }
            if !machineLinksMoved.isEmpty {
                result.warnings.append("\(input.isStandardInput ? "standard input" : input.path): " + TreeCompletion.machineLinksNote(machineLinksMoved))
            }
            if !passedOver.isEmpty {
                result.warnings.append(PassedOverKey.warning(passedOver, path: input.isStandardInput ? "standard input" : input.path)
                    + "; they are not in \(result.outputPath ?? "the output")")
            }
        } catch let failure as BatchFailure {
            result.failure = failure
        } catch let error as FileAccessError {
            result.failure = BatchFailure(path: input.path, message: error.description)
        } catch let error as DocumentReadError {
            result.failure = BatchFailure(path: input.path, message: "\(input.path): \(error.description)")
        } catch {
            result.failure = BatchFailure(path: input.path, message: "\(input.path): \(error)")
        }
        return result
    }
}

extension BatchFailure: Error {}

extension BatchRunner {
    /// Why the output already at `path` must not be replaced by `document`, or nil when it may: a review session
    /// has it open, its review journal holds edits not yet written into it, it is write-protected, or it holds
    /// labels or links a person set (`human:…`) that `document` does not keep as that person's (a machine's or
    /// another person's in their place) — the annotations of a reviewed output that the input run again knows
    /// nothing of. Annotating the reviewed output itself keeps them.
    /// An existing output's review lock is taken and returned, for the caller to hold until it has written; the
    /// journal and the lock are those of the file a link at `path` leads to, as review keeps them there.
    func personsWorkAt(_ path: String, wouldBeLostTo document: Document) -> (problem: String?, lock: ReviewLock?) {
        Self.personsWorkAt(
            path, wouldBeLostTo: document, registry: options.registry,
            keep: "to keep it, annotate that file itself (argmark annotate \(FileAccess.shellQuoted(path)) --out OTHER_DIR), which keeps what a person set; to start over, move it away first")
    }

    /// `personsWorkAt(_:wouldBeLostTo:)` for any command that writes a file a person may have reviewed (`export`);
    /// `keep` says how to keep that work.
    public static func personsWorkAt(
        _ path: String, wouldBeLostTo document: Document, registry: PluginRegistry, keep: String
    ) -> (problem: String?, lock: ReviewLock?) {
        var existing = stat()
        guard stat(path, &existing) == 0, (existing.st_mode & S_IFMT) == S_IFREG else { return (nil, nil) }
        let reviewed = FileAccess.linkTarget(of: path) ?? path
        var lock: ReviewLock?
        do {
            lock = try ReviewLock(file: reviewed)
        } catch .held {
            return ("\(path) is open in a review session; finish that session (write or quit) first", nil)
        } catch {
            // A lock that cannot be taken (a read-only directory) says nothing about a session: the write will tell.
        }
        if FileManager.default.fileExists(atPath: ReviewJournal.path(for: reviewed)) {
            return ("\(path) has a review journal (\(ReviewJournal.path(for: reviewed))) holding edits not yet written into it; open it with argmark review \(FileAccess.shellQuoted(path)) to recover them; \(keep)", lock)
        }
        // Mode bits too: root may write a file that no one is meant to (access() grants root everything).
        if (access(path, W_OK) != 0 && errno == EACCES) || existing.st_mode & (S_IWUSR | S_IWGRP | S_IWOTH) == 0 {
            return ("\(path) is write-protected; make it writable (chmod u+w \(FileAccess.shellQuoted(path))) to replace it, or choose another --out directory", lock)
        }
        // Only a file that names a person is read again, so that a plain re-run costs no second parse (Human:NAME
        // signs a person's work too).
        guard let bytes = try? FileAccess.read(path), ByteSearch.containsIgnoringASCIICase(bytes, Array("human".utf8)) else { return (nil, lock) }
        // An export no reader takes in (CSV, AIF) is read for the labels and links it records.
        let recorded: [(id: String, annotation: SentenceAnnotation)]
        var keep = keep
        if let exported = ExportedWork.annotations(in: bytes, path: path) {
            // A CSV of a numbered sentence table has the table's own ids (1, 2, …).
            recorded = exported.map { (document.unitID(forTableID: $0.id), $0.annotation) }
            // Such a file is no input to annotate: its person's work is kept in the document it was exported from.
            keep = "it was exported from a reviewed document; to keep it, write elsewhere (another --out), or export that document again (argmark export REVIEWED.jsonl --to \(path.lowercased().hasSuffix(".csv") ? "csv" : "aif")); to start over, move it away first"
        } else if let reader = try? registry.reader(format: "auto", path: path, bytes: bytes) {
            do {
                recorded = try reader.read(ReaderInput(bytes: bytes, sourcePath: path, documentID: document.id)).units.map { ($0.id, $0.annotation) }
            } catch {
                // A file that signs a person's work (human:NAME; in ArgMark's TEI argmark-human-NAME and a persName)
                // but no longer reads would be replaced unread, and that work with it. One that only mentions human
                // rights is another tool's, and is replaced.
                guard String(decoding: bytes, as: UTF8.self).contains(/(?i)humans?\s*[:：]|argmark-human-|<persName/) else { return (nil, lock) }
                return ("\(path) signs labels or links as a person's (human:…) but cannot be read (\(error.description)): mend that, or move the file away first, so that no one's work is replaced unread", lock)
            }
        } else {
            return (nil, lock)
        }
        let new = Dictionary(document.units.map { ($0.id, $0.annotation) }, uniquingKeysWith: { first, _ in first })
        var lost: [String] = []
        for unit in recorded where unit.annotation.isHumanLabel || unit.annotation.isHumanLink {
            let before = unit.annotation
            // Named as the file names them (a numbered sentence table's CSV: 3, not s3).
            let id = document.tableID(unit.id)
            guard let after = new[unit.id] else {
                lost.append("\(id) (no longer in the document)")
                continue
            }
            // The same person's later decision (the reviewed document exported again after more review) replaces
            // theirs; a machine's or another person's does not.
            if before.isHumanLabel, after.labeledBy != before.labeledBy {
                lost.append("\(id)'s label \(before.label?.rawValue ?? "none") by \(before.labeledBy!)")
            } else if before.isHumanLink, after.linkedBy != before.linkedBy {
                lost.append("\(id)'s link to \(before.parent.map(document.tableID) ?? "none") by \(before.linkedBy!)")
            }
        }
        guard let first = lost.first else { return (nil, lock) }
        let count = lost.count == 1 ? "a label or link a person set" : "\(lost.count) labels or links a person set"
        return ("\(path) holds \(count) that this run would not keep (\(first)\(lost.count > 1 ? ", …" : "")); \(keep)", lock)
    }
}

/// Formats batch progress for a terminal line and the final summary.
public enum ProgressFormatter {
    /// `[=========>          ]  12/40 files  3.1 MB/s  ETA 0:05`
    public static func bar(_ p: BatchProgress, width: Int = 24) -> String {
        let fraction = p.total == 0 ? 1 : Double(p.done) / Double(p.total)
        let filled = Int(fraction * Double(width))
        let bar = String(repeating: "=", count: filled) + (filled < width ? ">" : "")
            + String(repeating: " ", count: max(0, width - filled - 1))
        let rate = p.elapsed > 0 ? Double(p.bytes) / p.elapsed / 1_000_000 : 0
        let remaining = p.done > 0 ? p.elapsed / Double(p.done) * Double(p.total - p.done) : 0
        let failed = p.failed > 0 ? "  \(p.failed) failed" : ""
        return "[\(bar)] \(p.done)/\(p.total) files  \(format1(rate)) MB/s  ETA \(clock(remaining))\(failed)"
    }

    /// One plain line for logs: counts, size, time and rate.
    public static func summary(_ s: BatchSummary, total: Int) -> String {
        let failed = total - s.succeeded
        let megabytes = Double(s.bytes) / 1_000_000
        let rate = s.elapsed > 0 ? megabytes / s.elapsed : 0
        let unit = s.results.contains { $0.input.part != nil } ? "documents" : "files"
        return "annotated \(s.succeeded) of \(total) \(unit) (\(format1(megabytes)) MB, \(s.sentences) sentences) in \(format2(s.elapsed)) s, \(format1(rate)) MB/s"
            + (failed > 0 ? "; \(failed) failed" : "")
    }

    static func clock(_ seconds: Double) -> String {
        let s = Int(seconds.rounded())
        return "\(s / 60):" + (s % 60 < 10 ? "0" : "") + "\(s % 60)"
    }

    public static func format1(_ x: Double) -> String {
        let tenths = Int((x * 10).rounded())
        return "\(tenths / 10).\(tenths % 10)"
    }

    public static func format2(_ x: Double) -> String {
        let hundredths = Int((x * 100).rounded())
        return "\(hundredths / 100)." + (hundredths % 100 < 10 ? "0" : "") + "\(hundredths % 100)"
    }
}
