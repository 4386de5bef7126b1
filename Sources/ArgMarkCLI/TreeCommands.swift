import ArgMarkCore
import ArgMarkIO
import ArgMarkLinking
import ArgMarkPipeline
import ArgMarkPlugins
import ArgumentParser
import Foundation

/// Loads any input and completes what it lacks: labels (the default pipeline), then the tree, then the scores.
/// What the file already holds is used as is.
enum AnalysedDocument {
    /// `path` completed with the models of `models` (loaded after the path is known to be no `-`; the labellers
    /// only if the file leaves a sentence to label).
    static func load(_ path: String, models: String?) throws -> Document {
        if path == "-" { throw failure(standardInputRefused) }
        var registry = try LoadedRegistry.load(models: models, labelling: false, labellers: false)
        return try load(path, registry: &registry)
    }

    /// `path` completed with `registry`'s plugins; a registry loaded without its labellers gets them here
    /// (`LoadedRegistry.withLabellers`) when the file leaves a sentence unlabelled, and keeps them for the next file.
    static func load(_ path: String, registry: inout PluginRegistry) throws -> Document {
        if path == "-" { throw failure(standardInputRefused) }
        let bytes: [UInt8]
        do { bytes = try FileAccess.read(path) } catch { throw failure(error.description) }
        if let warning = ReviewJournal.unwrittenEditsWarning(for: path) { Terminal.warning(warning) }
        var document: Document
        do {
            let reader = try registry.reader(format: "auto", path: path, bytes: bytes)
            document = try reader.read(ReaderInput(bytes: bytes, sourcePath: path, documentID: InputDiscovery.documentID(ofFile: path)))
            if reader.formatName == "jsonl" { JSONLinesReaderAccess.warnOfUnreadKeys(in: bytes, of: document, path: path) }
        } catch {
            throw failure("\(path): \(error)")
        }
        var sentences = document.units.filter { $0.kind == .sentence }
        let unlabelled = document.units.indices.filter { document.units[$0].kind == .sentence && document.units[$0].annotation.label == nil }
        if !unlabelled.isEmpty { registry = LoadedRegistry.withLabellers(registry) }
        var pipeline = registry.defaultPipeline()
        if !unlabelled.isEmpty, let failure = LoadedRegistry.defaultPipelineFailure(registry) {
            // Labelling the text with what did load would show weaker labels than annotate gives, with exit 0.
            throw self.failure("\(path): " + failure)
        }
        if !unlabelled.isEmpty, pipeline.labelers.isEmpty {
            // Without Models/ the tree, the report and the exports would show unlabelled sentences, with exit 0.
            throw self.failure(
                "\(path): \(unlabelled.count) sentence\(unlabelled.count == 1 ? " has" : "s have") no label, and no labeller loaded to label \(unlabelled.count == 1 ? "it" : "them"); run from the project's folder, or name its Models/ with --models DIR or ARGMARK_MODELS")
        }
        if sentences.contains(where: { $0.annotation.label != nil }) {
            // The file's labels are shown as they are; a sentence it leaves unlabelled (a label cleared by hand) is
            // labelled as annotate labels it, so that no sentence drops out of the tree and the counts.
            if !unlabelled.isEmpty, !pipeline.labelers.isEmpty {
                var labelling = pipeline
                labelling.linker = nil
                labelling.scorer = nil
                do {
                    let labelled = try labelling.run(document.removingAnnotations())
                    for i in unlabelled { document.units[i].annotation = labelled.units[i].annotation }
                } catch {
                    throw failure("\(path): \(error)")
                }
                // Said of the sentences that did get a label: one in no language a labeller handles (lang und) stays
                // unlabelled, and is named so.
                let labelled = unlabelled.filter { document.units[$0].annotation.label != nil }
                let left = unlabelled.filter { document.units[$0].annotation.label == nil }
                func ids(_ indices: [Int]) -> String {
                    indices.prefix(5).map { document.units[$0].id }.joined(separator: ", ") + (indices.count > 5 ? ", …" : "")
                }
                if !labelled.isEmpty {
                    Terminal.note("\(path): labelled the \(labelled.count) sentence\(labelled.count == 1 ? "" : "s") the file leaves unlabelled (\(ids(labelled))), as annotate would")
                }
                if !left.isEmpty {
                    Terminal.warning("\(path): \(left.count) sentence\(left.count == 1 ? "" : "s") the file leaves unlabelled stay\(left.count == 1 ? "s" : "") so (\(ids(left))): no labeller of the pipeline handles \(left.count == 1 ? "its" : "their") language (\(Set(left.map { document.units[$0].language.rawValue }).sorted().joined(separator: ", ")))")
                }
                sentences = document.units.filter { $0.kind == .sentence }
            }
            pipeline.labelers = []
        }
        // A complete tree is used as it is. One the file holds only in part (annotate --no-tree dropped the
        // machine's links; a link deleted or a label changed by hand) is completed around its links, as review
        // completes it on opening (TreeCompletion); a file with no link at all is linked.
        let linked = sentences.contains { $0.annotation.linkedBy != nil || $0.annotation.parent != nil }
        if linked { pipeline.linker = nil }
        let scorer = pipeline.scorer
        pipeline.scorer = nil
        let personsLinks = TreeCompletion.personsLinks(of: document)
        do { document = try pipeline.run(document) } catch { throw failure("\(path): \(error)") }
        if linked, let linker = registry.defaultPipeline().linker, !TreeCompletion.isComplete(document) {
            document = TreeCompletion.complete(document, with: linker).document
            document.recordLinker(linker)
        }
        // Mending the kept tree (in the pipeline's run) and completing it may each have moved a person's link.
        let changed = TreeCompletion.personsLinksChanged(personsLinks, in: document)
        if !changed.isEmpty { Terminal.note("\(path): " + TreeCompletion.personsLinksNote(changed)) }
        // Scores are computed from the labels and the tree as they now are (a hand edit leaves the stored ones
        // stale); for a file no one edited they are the ones it holds.
        if let scorer {
            document = scorer.score(document)
            document.recordScorer(scorer)
        }
        return document
    }

    static let standardInputRefused = "-: this command reads a file, not standard input; save the input first (argmark annotate - > doc.jsonl)"

    static func failure(_ message: String) -> Error {
        Terminal.write("argmark: error: \(message)\n")
        return ExitCode.failure
    }
}

struct Explain: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Explain a sentence's support score: its base score and the children that raised or lowered it.")

    @Argument(help: "A JSONL file (or any input, which is annotated first).") var file: String
    @Argument(help: "The sentence id, e.g. s12.") var id: String
    @Option(name: .long, help: "The Models/ directory.") var models: String?

    func run() throws {
        let document = try AnalysedDocument.load(file, models: models)
        guard let text = TreeRendering.explain(document, unit: id) else {
            throw AnalysedDocument.failure("\(file): " + TreeRendering.missingUnit(document, id: id))
        }
        print(text, terminator: "")
    }
}

struct Tree: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Print the argument tree with relations and scores.")

    @Argument(help: "A JSONL file (or any input, which is annotated first).") var file: String
    @Option(name: .long, help: "How much of each sentence to show, in Chinese characters (two Latin letters or digits fit in one; 0: none).") var width: Int = 24
    @Option(name: .long, help: "The Models/ directory.") var models: String?

    func validate() throws {
        guard (0...10_000).contains(width) else { throw ValidationError("--width takes 0 (no text) to 10000 characters, not \(width)") }
    }

    func run() throws {
        let document = try AnalysedDocument.load(file, models: models)
        let rendered = TreeRendering.dump(document, textWidth: width)
        if rendered.isEmpty {
            // Say so rather than print nothing: a tree needs a claim or a prescription to hang from.
            Terminal.write("argmark: \(file) has no argument tree (no sentence is labelled claim or prescription)\n")
        }
        print(rendered, terminator: "")
    }
}

struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Per document: the thesis, claims ranked by support, claims without evidence, evidence density per section; for a directory, a corpus summary too.")

    @Argument(help: "A file or a directory of files.") var path: String
    @Option(name: .long, help: "text or json.") var format: String = "text"
    @Option(name: .long, help: "The Models/ directory.") var models: String?

    func validate() throws {
        guard ["text", "json"].contains(format) else { throw ValidationError("--format must be text or json") }
    }

    func run() throws {
        if path == "-" { throw AnalysedDocument.failure(AnalysedDocument.standardInputRefused) }
        let (inputs, missing) = InputDiscovery.discover([path])
        // A directory gets its corpus summary even when one document in it comes through.
        let isDirectory = FileAccess.isDirectory(path)
        // What a folder walk could not read (a named pipe, a folder without permission) is named, and the report
        // goes on with the rest, as a batch does; a path that is not there at all is the command's error.
        if !isDirectory, let m = missing.first { throw AnalysedDocument.failure(m.message) }
        for m in missing { _ = AnalysedDocument.failure(m.message) }
        var reports: [DocumentReport] = []
        // What could not be read is counted in the summary, as a batch counts its failures (the errors name why).
        var unread = missing.map(\.path)
        // Loaded once for the whole directory; a models problem is the command's error, not a document's.
        var registry = try LoadedRegistry.load(models: models, labelling: false, labellers: false)
        guard !inputs.isEmpty else { throw AnalysedDocument.failure("\(path): no file to report on") }
        // x.txt beside its x.jsonl (annotate DIR --out DIR) or x.lines is one document: count it once, as annotate
        // refuses to write both, from the file that holds the most of it — the annotated (perhaps reviewed) JSONL or
        // TEI before the text it was made from.
        func rank(_ path: String) -> Int {
            let lower = path.lowercased()
            return lower.hasSuffix(".jsonl") ? 0 : lower.hasSuffix(".xml") ? 1 : 2
        }
        var chosen: [String: String] = [:]
        for input in inputs where chosen[input.outputStem].map({ rank(input.path) < rank($0) }) ?? true {
            chosen[input.outputStem] = input.path
        }
        // Only an annotated file that names the other as its source holds it: paper.txt and paper.md, or a
        // JSONL made from another text, are documents of their own.
        func holds(_ annotated: String, _ source: String) -> Bool {
            // A JSONL and a TEI of one name (a TEI exported from the JSONL) are one annotated document, read once.
            if rank(annotated) < rank(source), rank(source) < 2 { return true }
            // By name: a JSONL names its source from the folder it was made in, which need not be this one.
            guard rank(annotated) < rank(source), rank(source) == 2, let named = AnnotatedCopy.namedSource(of: annotated) else { return false }
            return (named as NSString).lastPathComponent == (source as NSString).lastPathComponent
        }
        for input in inputs {
            if let kept = chosen[input.outputStem], kept != input.path, holds(kept, input.path) {
                Terminal.warning("\(input.path) is left out: it is the document \(kept) holds too (the same name before the extension)")
                continue
            }
            do {
                var report = DocumentReport(try AnalysedDocument.load(input.path, registry: &registry))
                // Named by its file in a directory, where two files may hold one document id.
                if inputs.count > 1 || isDirectory { report.file = input.path }
                reports.append(report)
            } catch { unread.append(input.path) }
        }
        if format == "json" {
            var object: [String: Any] = ["documents": reports.map { $0.json() }]
            if reports.count > 1 || isDirectory { object["corpus"] = CorpusReport(reports).json() }
            if !unread.isEmpty { object["notRead"] = unread }
            let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .prettyPrinted])
            print(String(decoding: data, as: UTF8.self))
        } else {
            for r in reports { print(r.text()) }
            if reports.count > 1 || isDirectory { print(CorpusReport(reports).text(), terminator: "") }
            if !unread.isEmpty {
                print("not read: \(unread.count) file\(unread.count == 1 ? "" : "s") (the errors above say why): \(unread.joined(separator: ", "))")
            }
        }
        if !unread.isEmpty { throw ExitCode.failure }
    }
}

struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Export a document: TEI P5 (labels, tree and scores), the guideline's label table (tsv), a row per sentence (csv), or its argument tree in AIF JSON or as Graphviz dot or svg.")

    @Argument(help: "A JSONL file (or any input, which is annotated first).") var file: String
    @Option(name: .customLong("to"), help: "tei, tsv, csv, aif, dot or svg (default: from the --out name's ending, else tei).") var format: String?
    @Option(name: .long, help: "Output file, a folder (the input name with the format's ending inside it), or - for standard output (default: the input name with .tei.xml / .labels.tsv / .csv / .aif.json / .dot / .svg).") var out: String?
    @Option(name: .long, help: "The Models/ directory.") var models: String?

    /// The format an output name asks for: a.tei.xml or a.xml is TEI, a.tsv the label table, a.csv the sentence
    /// table, a.aif.json AIF, a.svg svg, a.dot or a.gv dot.
    static func format(named path: String) -> String? {
        let lower = path.lowercased()
        if lower.hasSuffix(".aif.json") { return "aif" }
        if lower.hasSuffix(".xml") { return "tei" }
        if lower.hasSuffix(".tsv") { return "tsv" }
        if lower.hasSuffix(".csv") { return "csv" }
        if lower.hasSuffix(".svg") { return "svg" }
        if lower.hasSuffix(".dot") || lower.hasSuffix(".gv") { return "dot" }
        return nil
    }

    /// The ending of a file in `format`: the writer's, for those a writer makes.
    static func fileExtension(_ format: String) -> String {
        PluginRegistry.standard.writer(format: format)?.fileExtension ?? format
    }

    /// --to, or what the --out name asks for, or TEI, the format scholars take the annotation away in.
    var to: String { format ?? out.flatMap(Self.format(named:)) ?? "tei" }

    func validate() throws {
        if out?.isEmpty == true {
            throw ValidationError("--out is empty (an unset variable?); give the file or directory the export goes to, or - for standard output")
        }
        // Graphviz renders pictures from the dot this writes; a .png holding TEI or dot would open as no picture.
        if let out, ["png", "pdf", "jpg", "jpeg", "gif"].contains((out as NSString).pathExtension.lowercased()) {
            throw ValidationError("export writes tei, tsv, csv, aif, dot or svg, not .\((out as NSString).pathExtension); for a picture: argmark export FILE --to dot --out - | dot -T\((out as NSString).pathExtension.lowercased()) > \(out)")
        }
        // A name another format's tools open (a reviewed .jsonl above all) would be replaced by Graphviz or TEI.
        if let out, !out.lowercased().hasSuffix(".aif.json"), ["jsonl", "ndjson", "json", "txt", "text", "lines", "sent", "html", "htm", "md", "markdown"].contains((out as NSString).pathExtension.lowercased()) {
            let back = (out as NSString).pathExtension.lowercased() == "jsonl"
                ? "; to turn TEI back into JSONL: argmark annotate FILE.tei.xml --labelers none --no-tree --out DIR" : ""
            throw ValidationError("export writes tei (.tei.xml), tsv (.labels.tsv), csv (.csv), aif (.aif.json), dot (.dot) or svg (.svg), not .\((out as NSString).pathExtension)\(back)")
        }
        if let format {
            guard ["tei", "tsv", "csv", "aif", "dot", "svg"].contains(format) else { throw ValidationError("--to must be tei, tsv, csv, aif, dot or svg") }
            // A.tei.xml holding Graphviz would be read by no TEI tool.
            if let out, let named = Self.format(named: out), named != format {
                throw ValidationError("--out \(out) names a .\((out as NSString).pathExtension) file but --to is \(format); give --to \(named), or an --out ending in .\(Self.fileExtension(format))")
            }
        }
    }

    func run() throws {
        let document = try AnalysedDocument.load(file, models: models)
        var target = out ?? InputDiscovery.stem(file) + "." + Self.fileExtension(to)
        // A folder takes the export under the input's name, as annotate's --out does.
        if let out, out != "-", out.hasSuffix("/") || FileAccess.isDirectory(out) {
            target = (out as NSString).appendingPathComponent(InputDiscovery.stem((file as NSString).lastPathComponent) + "." + Self.fileExtension(to))
        }
        if target != "-", FileAccess.isSameFile(target, file) {
            throw AnalysedDocument.failure("\(file): the export would replace the input; pass --out PATH")
        }
        if ["tei", "tsv", "csv", "aif"].contains(to) {
            let bytes: [UInt8]
            do { bytes = try PluginRegistry.standard.writer(format: to)!.write(SourceReferences.forWriting(document, to: target, format: to)) } catch {
                throw AnalysedDocument.failure("\(file): \(error.description)")
            }
            // A TEI or JSONL file a person reviewed at the target keeps that work, as annotate's outputs do: the
            // default target is FILE.tei.xml beside the input, the file a reviewer is likely to have opened.
            let (problem, lock) = target == "-" ? (nil, nil) : BatchRunner.personsWorkAt(
                target, wouldBeLostTo: document, registry: PluginRegistry.standard,
                keep: "to keep it, export to another file (--out OTHER); to start over, move it away first")
            defer { lock?.release() }
            if let problem { throw AnalysedDocument.failure("\(file): not written: \(problem)") }
            try deliver(bytes, to: target, format: to)
            return
        }
        let dot = TreeRendering.dot(document)
        var bytes = Array(dot.utf8)
        if to == "svg" {
            // Where the shell would find it (Homebrew, conda, nix put it elsewhere), then the usual places.
            let searched = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map { $0 + "/dot" }
                + ["/usr/bin/dot", "/usr/local/bin/dot"]
            guard let graphviz = searched.first(where: FileManager.default.isExecutableFile(atPath:)) else {
                throw AnalysedDocument.failure("svg needs Graphviz's dot, which is not installed; install it (apt-get install graphviz) or use --to dot")
            }
            let process = Process()
            process.executableURL = URL(fileURLWithPath: graphviz)
            process.arguments = ["-Tsvg"]
            let input = Pipe()
            let output = Pipe()
            process.standardInput = input
            process.standardOutput = output
            try process.run()
            // Ctrl-C reaching only ArgMark (a script's kill, timeout, a job runner) left dot running on a large tree.
            let graphvizProcess = process.processIdentifier
            let stops = SignalHandlers([SIGINT, SIGTERM]) { number in
                // SIGKILL: a child Process starts has the starting thread's blocked signals, SIGTERM among them; dot
                // holds nothing to save.
                kill(graphvizProcess, SIGKILL)
                SignalHandlers.endBy(number)
            }
            defer { stops.cancel() }
            input.fileHandleForWriting.write(Data(bytes))
            try input.fileHandleForWriting.close()
            let svg = output.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            guard process.terminationStatus == 0 else { throw AnalysedDocument.failure("dot failed with status \(process.terminationStatus)") }
            bytes = Array(svg)
        }
        try deliver(bytes, to: target, format: to)
    }

    /// Writes the export to `target` (atomically), or to standard output for `-`.
    private func deliver(_ bytes: [UInt8], to target: String, format: String) throws {
        if target == "-" {
            do { try FileAccess.writeStandardOutput(bytes) } catch { throw AnalysedDocument.failure(error.description) }
            return
        }
        // A label table a person may have corrected is kept beside the new one (EarlierLabelTable).
        let kept: String?
        do { kept = try EarlierLabelTable.writeOutput(bytes, to: target, format: format) } catch { throw AnalysedDocument.failure(error.description) }
        if let kept { Terminal.warning(kept) }
        Terminal.write("argmark: wrote \(target)\n")
    }
}
