import ArgMarkCore
import ArgMarkIO
import ArgMarkPipeline
import ArgMarkPlugins
import ArgumentParser
import Foundation

struct Annotate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Read, segment and annotate documents; write one output per input.",
        discussion: """
            Inputs are files, directories (walked recursively for .txt .text .md .lines .sent .jsonl .xml .html .htm .xhtml \
            .docx .odt, NAME_sentences.tsv sentence tables and .csv comment tables; a PDF, .doc or .rtf is named with the command that converts it) \
            or - for standard input; a path reached twice is read once (a link to a file is a document of its own); a corpus table of several documents (doc_id) \
            or a comment table of several comments (regulations.gov's CSV export) is one input per document, written to OUT/STEM/DOC_ID. Each output is named after its input with the last extension replaced \
            (a.zh.txt -> OUT/a.zh.jsonl, or OUT/a.zh.tei.xml with --to tei); files found in a directory keep their sub-directory under OUT. \
            A failing file is reported and the batch goes on; the exit status is 1 if any failed.
            """)

    @Argument(help: "Files, directories, or - for standard input.")
    var inputs: [String]

    @Option(name: .long, help: "Output format: jsonl, tei (TEI P5, valid against tei_all), tsv (the guideline's label table: id, label, parent, relation; NAME.labels.tsv), aif (the argument tree in AIF JSON; NAME.aif.json) or csv (a row per sentence with its text and annotations; NAME.csv).")
    var to: String = "jsonl"

    @Option(name: .long, help: "Output directory, or - for standard output with a single input (required unless the only input is -, which writes to standard output).")
    var out: String?

    @Option(name: .long, help: "Input format: auto, text, article, lines, tsv (a sentence table: id, text, optional para and kind), jsonl, tei, html (a web page), docx (a Word document), odt (an OpenDocument text) or csv (a comment table: a comment per row).")
    var inputFormat: String = "auto"

    @Option(name: .long, help: "Documents processed in parallel; the default is the number of cores.")
    var jobs: Int?

    @Option(name: .long, help: "Comma-separated labeller ids to run, in order (see `argmark plugins`); none runs no labeller but the --external ones.")
    var labelers: String?

    @Option(name: .long, help: "The Models/ directory (default: $ARGMARK_MODELS, ./Models, or beside the build).")
    var models: String?

    @Option(name: .long, help: "A pipeline file ({\"labelers\":[{\"id\":…,\"weight\":…}]}); default Models/pipeline.json.")
    var pipeline: String?

    @Option(name: .long, help: "An external labeller command speaking the JSON-lines protocol (repeatable), run after --labelers.")
    var external: [String] = []

    @Option(name: .long, help: "Seconds to wait for an external labeller's reply.")
    var pluginTimeout: Double = 30

    @Flag(name: .long, help: "Label only: skip the argument tree and the support scores.")
    var noTree = false

    @Option(name: .long, help: "The linker to build the tree with (see `argmark plugins`; default: the first listed, link.learned.v1 when Models/ has it).")
    var linker: String?

    @Flag(name: .long, help: "Also print the seconds spent reading, analysing and writing (summed over documents).")
    var timings = false

    func validate() throws {
        let registry = PluginRegistry.standard
        guard registry.outputFormats.contains(to) else {
            throw ValidationError("unknown output format '\(to)'; use one of: \(registry.outputFormats.joined(separator: ", "))")
        }
        guard registry.inputFormats.contains(inputFormat) else {
            throw ValidationError("unknown input format '\(inputFormat)'; use one of: \(registry.inputFormats.joined(separator: ", "))")
        }
        guard jobs ?? 1 >= 1 else { throw ValidationError("--jobs must be at least 1") }
        guard pluginTimeout.isFinite, pluginTimeout > 0, pluginTimeout <= 86_400 else {
            throw ValidationError("--plugin-timeout takes seconds above 0, up to 86400 (a day), not \(pluginTimeout)")
        }
        for command in external {
            do { _ = try CommandWords.split(command) } catch { throw ValidationError("--external \(command): \(error.message)") }
        }
        if out?.isEmpty == true {
            throw ValidationError("--out is empty (an unset variable?); give the directory the outputs go to, or - for standard output")
        }
        if out == nil && inputs != ["-"] {
            throw ValidationError("--out DIR is required (--out - writes a single input to standard output)")
        }
        if out == "-" && inputs.count != 1 {
            throw ValidationError("--out - writes one document to standard output; give one input, or --out DIR for several")
        }
        if inputs.filter({ $0 == "-" }).count > 1 { throw ValidationError("standard input (-) can be given once") }
        if noTree, let linker { throw ValidationError("--no-tree builds no tree, so --linker \(linker) would not run; give one of them") }
        if labelers != nil && pipeline != nil { throw ValidationError("give --labelers or --pipeline, not both") }
        // Checked before any external labeller is started, so that a wrong --out costs no model's start-up.
        if !writesStandardOutput, let out {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: out, isDirectory: &isDirectory), !isDirectory.boolValue {
                throw ValidationError("--out \(out) is a file; give a directory for the outputs (or - for standard output)")
            }
        }
        // --out is a directory; out.jsonl would become one, holding in.jsonl.
        if let out, out != "-", !FileManager.default.fileExists(atPath: out),
           [".jsonl", ".xml", ".json", ".tsv"].contains(where: { out.lowercased().hasSuffix($0) }) {
            throw ValidationError("--out names the directory the outputs go to, and \(out) looks like a file's name; give a directory (--out results)"
                + (out.lowercased().hasSuffix(".jsonl") || out.lowercased().hasSuffix(".xml") ? ", or --out - > \(out) for one document" : ""))
        }
        // Outputs written among the inputs are read back as inputs by the next run (a.jsonl beside a.txt, both
        // writing a.jsonl).
        if !writesStandardOutput, let out, let input = inputs.first(where: { $0 != "-" && FileAccess.isDirectory($0) && FileAccess.isSameFile($0, out) }) {
            throw ValidationError("--out \(out) is the input directory \(input): a second run would read the outputs back as inputs; give another directory (--out \(input.hasSuffix("/") ? String(input.dropLast()) : input)-annotated)")
        }
        if inputs == ["-"], let out, out != "-" {
            throw ValidationError("standard input is written to standard output; drop --out \(out), or give the input as a file to write into \(out)")
        }
        // With files beside it, standard input's document would go to the terminal while the summary named --out.
        if inputs.contains("-"), inputs.count > 1, let out, out != "-" {
            throw ValidationError("standard input (-) is written to standard output, not into --out \(out); save it to a file and give that file with the others")
        }
    }

    /// `--out -`: the one document goes to standard output, as it does when the input is `-`.
    private var writesStandardOutput: Bool { out == nil || out == "-" }

    /// `inputs` without the JSONL or TEI files ArgMark wrote from another of them (their header names it as the
    /// source), each named in a warning.
    static func leavingOutAnnotatedCopies(_ inputs: [BatchInput]) -> [BatchInput] {
        let here = FileManager.default.currentDirectoryPath
        let texts = Set(inputs.filter { !$0.isStandardInput }.map { SourcePath.absolute($0.path, in: here) })
        return inputs.filter { input in
            let lower = input.path.lowercased()
            guard !input.isStandardInput, lower.hasSuffix(".jsonl") || lower.hasSuffix(".xml"),
                  let source = AnnotatedCopy.source(of: input.path)
            else { return true }
            let named = lower.hasSuffix(".xml")
                ? SourcePath.resolved(source, against: SourcePath.directory(of: SourcePath.absolute(input.path, in: here)))
                : SourcePath.absolute(source, in: here)
            guard named != SourcePath.absolute(input.path, in: here), texts.contains(named) else { return true }
            Terminal.warning("\(input.path) is left out: it is ArgMark's annotation of \(source), which this run reads too")
            return false
        }
    }

    func run() async throws {
        // An external labeller labels without Models/: only a run that labels with none needs it.
        var registry = try LoadedRegistry.load(models: models, labelling: labelers != "none" && external.isEmpty)
        // External labellers start first, so that --labelers and a pipeline file can name (and weight) them.
        var started: [ExternalLabeler] = []
        // Ctrl-C or SIGTERM while they start (a model loading before its handshake): each is stopped, and so is what
        // it started, which its own process group keeps out of the terminal's Ctrl-C.
        let starting = ProcessList()
        let route = SignalRoute()
        var signals: SignalHandlers?
        if !external.isEmpty {
            route.set { number in
                starting.beginStopping()
                ExternalLabeler.stopForExit(processes: starting.all)
                Terminal.note("interrupted while the external labellers started: nothing was annotated")
                SignalHandlers.endBy(number)
            }
            signals = SignalHandlers([SIGINT, SIGTERM]) { route.fire($0) }
        }
        defer { signals?.cancel() }
        for command in external {
            do {
                started.append(try ExternalLabeler(command: try CommandWords.split(command), timeout: pluginTimeout, started: starting.add))
            } catch let error as PluginError {
                // Stopped by a signal's handler, which exits with the signal's status and word.
                while starting.isStopping { sleep(1) }
                Terminal.error(error.description)
                throw ExitCode.failure
            }
        }
        // Ids that differ in case only (label.cue.EN.v1) would be told apart by no reader of the outputs; a linker's,
        // a reader's or a scorer's id would list the plugin twice in the outputs' record of what ran, and `none`
        // is --labelers' word for no labeller.
        let builtIn = Dictionary(registry.all.map { ($0.descriptor.id.lowercased(), $0.descriptor) }, uniquingKeysWith: { first, _ in first })
        for labeler in started {
            let id = labeler.descriptor.id
            if id.lowercased() == "none" {
                Terminal.error("plugin \(id): the external labeller's id is --labelers' word for no labeller; give it an id of its own (label.my-model.v1)")
                throw ExitCode.failure
            }
            guard let taken = builtIn[id.lowercased()] else { continue }
            let kind = taken.kind == .labeler ? "labeller" : "\(taken.kind.rawValue)"
            Terminal.error("plugin \(id): the external labeller's id is a built-in \(kind)'s\(taken.id == id ? "" : " but for case"); give it an id of its own")
            throw ExitCode.failure
        }
        // Two external labellers of one id: only the first would ever be asked.
        for (k, labeler) in started.enumerated() where started[..<k].contains(where: { $0.descriptor.id == labeler.descriptor.id }) {
            Terminal.error("plugin \(labeler.descriptor.id): two --external labellers have this id; give each an id of its own")
            throw ExitCode.failure
        }
        registry.labelers += started
        // The default pipeline without a model that failed to load would label with cues alone and exit 0: a batch
        // would get weaker labels and nothing would fail.
        if labelers == nil && self.pipeline == nil, let failure = LoadedRegistry.defaultPipelineFailure(registry) {
            Terminal.error(failure)
            throw ExitCode.failure
        }
        var pipeline = registry.defaultPipeline()
        let externalIDs = Set(started.map(\.descriptor.id))
        pipeline.labelers.removeAll { externalIDs.contains($0.descriptor.id) }
        if labelers == "none" {
            pipeline.labelers = []
        } else if let labelers {
            guard !labelers.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw ValidationError("--labelers is empty: give labeller ids (argmark plugins lists them), or none for no labels")
            }
            // id or id:weight, comma-separated.
            // Spaces around an entry are the shell's or the writer's ("a, b"), not part of the id.
            let entries = try labelers.split(separator: ",").map { raw -> (id: String, weight: Double) in
                let item = raw.trimmingCharacters(in: .whitespaces)
                guard let colon = item.lastIndex(of: ":") else { return (item, 1) }
                let weight = item[item.index(after: colon)...].trimmingCharacters(in: .whitespaces)
                guard let value = Double(weight) else {
                    throw ValidationError("--labelers \(item): the weight '\(weight)' is not a number (ID:WEIGHT, e.g. label.cue.zh.v1:0.5)")
                }
                return (item[..<colon].trimmingCharacters(in: .whitespaces), value)
            }
            pipeline = try makePipeline(registry, PipelineSpecification(labelers: entries))
        } else if let file = self.pipeline {
            guard let data = FileManager.default.contents(atPath: file) else { throw ValidationError("cannot read the pipeline file \(file)") }
            do {
                let specification = try PipelineSpecification(json: data)
                guard !specification.labelers.isEmpty else {
                    throw ValidationError("\(file): its labelers list is empty; name at least one labeller (argmark plugins lists them)")
                }
                for problem in specification.unusedCalibrations { Terminal.warning("\(file): \(problem)") }
                pipeline = try makePipeline(registry, specification)
            } catch let error as ValidationError {
                throw error
            } catch let error as ExitCode {
                // makePipeline has said what is wrong (an unknown or doubled labeller): the file itself was read.
                throw error
            } catch let error as CalibrationError {
                throw ValidationError("\(file): \(error)")
            } catch {
                throw ValidationError("\(file): not a pipeline file ({\"labelers\":[{\"id\":…,\"weight\":…}]}): \(error)")
            }
        }
        // An external labeller the pipeline does not name runs after the others, at weight 1.
        for labeler in started where !pipeline.labelers.contains(where: { $0.descriptor.id == labeler.descriptor.id }) {
            pipeline.labelers.append(labeler)
        }
        if let linker {
            guard let chosen = registry.linkers.first(where: { $0.descriptor.id == linker }) else {
                throw ValidationError("no such linker '\(linker)'; available: \(registry.linkers.map(\.descriptor.id).joined(separator: ", "))")
            }
            pipeline.linker = chosen
        }
        if noTree {
            pipeline.linker = nil
            pipeline.scorer = nil
        }
        let options = BatchOptions(
            registry: registry, inputFormat: inputFormat, writer: registry.writer(format: to)!, pipeline: pipeline,
            outputDirectory: writesStandardOutput ? nil : out, jobs: jobs ?? ProcessInfo.processInfo.activeProcessorCount)
        if !writesStandardOutput, let out {
            let removed = FileAccess.removeStaleTemporaries(under: out)
            if removed > 0 { Terminal.note("removed \(removed) temporary file\(removed == 1 ? "" : "s") an interrupted run left in \(out)") }
        }
        // The output directory is no input: a re-run of `annotate . --out out` must not read its own outputs back.
        let discovery = InputDiscovery.discoverAll(inputs, excluding: writesStandardOutput ? [] : out.map { [$0] } ?? [])
        let (discovered, missing) = (discovery.inputs, discovery.failures)
        if !discovery.notRead.isEmpty {
            let kinds = Set(discovery.notRead.map { ($0 as NSString).pathExtension.lowercased() }).sorted()
            let shown = discovery.notRead.prefix(3).joined(separator: ", ") + (discovery.notRead.count > 3 ? ", …" : "")
            Terminal.warning("\(discovery.notRead.count) file\(discovery.notRead.count == 1 ? "" : "s") not read (\(shown)): ArgMark reads no "
                + kinds.map { ".\($0)" }.joined(separator: " or ") + "; convert with "
                + kinds.map { InputDiscovery.convertible[$0]! }.joined(separator: "; ") + " and annotate the result")
        }
        // A corpus table (doc_id) is as many inputs as it holds documents. ArgMark's own output of a text the run reads
        // too (an earlier run's out/tei/a.tei.xml beside a.txt) is that document again: left out, with a word.
        let found = BatchRunner(options: options).expandingParts(Self.leavingOutAnnotatedCopies(discovered))
        if writesStandardOutput && found.count > 1 {
            throw ValidationError("--out - writes one document to standard output, but \(inputs[0]) holds \(found.count); give --out DIR")
        }
        for failure in missing { Terminal.error(failure.message) }
        for path in Set(found.filter { !$0.isStandardInput }.map(\.path)).sorted() {
            if let warning = ReviewJournal.unwrittenEditsWarning(for: path) { Terminal.warning(warning) }
        }
        // A directory named beside others that holds nothing to read is worth a word: a wrong path, or files with
        // endings the walk does not take.
        if found.count > 0 {
            for input in inputs where input != "-" {
                guard FileAccess.isDirectory(input) else { continue }
                let prefix = input.hasSuffix("/") ? input : input + "/"
                if !found.contains(where: { $0.path.hasPrefix(prefix) }) {
                    Terminal.warning("\(input) holds no input file (looked for \(InputDiscovery.takenDescription))")
                }
            }
        }
        if found.isEmpty && missing.isEmpty {
            Terminal.error("no input files found in \(inputs.joined(separator: " ")) (looked for \(InputDiscovery.takenDescription))")
            throw ExitCode.failure
        }
        let showBar = Terminal.isStandardErrorTerminal && found.count > 1
        // The inputs that were not there count from the start.
        let tally = BatchTally(missing: missing.count, showsBar: showBar)
        // Even one file is a batch to stop cleanly: ended by the signal's default action, ArgMark would say nothing,
        // leave its temporary file, and leave an external labeller stuck in a call running.
        let externalLabelers = started
        route.set(BatchInterruption.action(tally: tally, total: found.count + missing.count, output: writesStandardOutput ? nil : out) {
            ExternalLabeler.stopForExit(externalLabelers)
        })
        if signals == nil { signals = SignalHandlers([SIGINT, SIGTERM]) { route.fire($0) } }
        let summary = await BatchRunner(options: options).run(found, progress: { progress in
            tally.update(progress)
            // Once a signal is being handled, its last word is the batch's (the documents its stopping of the
            // labellers ends are no failures to name).
            guard !tally.isStopping else { return }
            // A failure is named as it happens, above the bar.
            if let failure = progress.latestFailure {
                if showBar { Terminal.status(nil) }
                Terminal.error(failure.message)
            }
            if !progress.latestWarnings.isEmpty {
                if showBar { Terminal.status(nil) }
                for warning in progress.latestWarnings { Terminal.warning(warning) }
            }
            if showBar {
                // The inputs that failed before the batch began count in the bar as they do in the summary.
                var shown = progress
                shown.done += missing.count
                shown.failed += missing.count
                shown.total += missing.count
                Terminal.status(ProgressFormatter.bar(shown))
            }
        }, stopping: { tally.isStopping })
        // The handler is stopping the external labellers (which ended the batch): it exits with the signal's status.
        while tally.isStopping { sleep(1) }
        signals?.cancel()
        signals = nil
        if showBar { Terminal.status(nil) }
        warnAboutUnlabelled(summary, pipeline: pipeline)
        let total = found.count + missing.count
        // Standard input always goes to standard output, whatever --out says; when every file failed, nothing is in --out.
        let wroteFiles = !writesStandardOutput && summary.succeeded > 0 && found.contains { !$0.isStandardInput }
        Terminal.note(ProgressFormatter.summary(summary, total: total) + (wroteFiles ? out.map { "; output in \($0)" } ?? "" : ""))
        if timings {
            let t = summary.timings
            let megabytesIn = Double(summary.bytes) / 1_000_000
            let megabytesOut = Double(summary.results.compactMap(\.outputBytes).reduce(0, +)) / 1_000_000
            Terminal.note(
                "timings: read \(ProgressFormatter.format2(t.read)) s (\(ProgressFormatter.format1(t.read > 0 ? megabytesIn / t.read : 0)) MB/s of input), "
                    + "analyse \(ProgressFormatter.format2(t.analyse)) s, write \(ProgressFormatter.format2(t.write)) s "
                    + "(\(ProgressFormatter.format1(t.write > 0 ? megabytesOut / t.write : 0)) MB/s of output)")
        }
        if !summary.failures.isEmpty || !missing.isEmpty { throw ExitCode.failure }
    }

    /// Sentences a pipeline with labellers left unlabelled: a language none of them handles (`--labelers
    /// label.cue.zh.v1` on English), or labellers that proposed nothing (rules alone, a silent external model).
    private func warnAboutUnlabelled(_ summary: BatchSummary, pipeline: Pipeline) {
        let unlabelled = summary.unlabelled.filter { $0.value > 0 }
        guard !pipeline.labelers.isEmpty, !unlabelled.isEmpty else { return }
        let handled = Set(pipeline.labelers.flatMap { $0.descriptor.languages.isEmpty ? LanguageTag.allCases : $0.descriptor.languages })
        let total = unlabelled.values.reduce(0, +)
        var reasons: [String] = []
        let uncovered = unlabelled.keys.filter { !handled.contains($0) }.sorted { $0.rawValue < $1.rawValue }
        if !uncovered.isEmpty {
            reasons.append("no labeller of this pipeline handles "
                + uncovered.map { "\($0.rawValue) (\(unlabelled[$0]!))" }.joined(separator: ", "))
        }
        let silent = unlabelled.filter { handled.contains($0.key) }.values.reduce(0, +)
        if silent > 0 { reasons.append("the labellers proposed nothing for \(silent)") }
        Terminal.warning("\(total) of \(summary.sentences) sentences got no label: " + reasons.joined(separator: "; ")
            + " (labellers: \(pipeline.labelers.map(\.descriptor.id).joined(separator: ", ")))")
    }

    private func makePipeline(_ registry: PluginRegistry, _ specification: PipelineSpecification) throws -> Pipeline {
        // Said as the other errors are: a ValidationError thrown here would print the top-level usage after it.
        do { return try registry.pipeline(specification) } catch {
            // A shipped labeller missing here failed to load (its file was named in a warning above).
            if registry.labeler(id: error.pluginID) == nil,
               ModelLibrary.lexiconFile(of: error.pluginID) != nil || ModelLibrary.models.contains(error.pluginID) {
                Terminal.error("plugin \(error.pluginID): not in the models directory (missing, or it failed to load: see any warning above); restore its file, or choose other labellers (argmark plugins lists them)")
            } else {
                Terminal.error(error.description)
            }
            throw ExitCode.validationFailure
        }
    }
}
