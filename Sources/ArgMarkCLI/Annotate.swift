import ArgMarkIO
import ArgMarkPipeline
import ArgMarkPlugins
import ArgumentParser
import Foundation

struct Annotate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Read, segment and annotate documents; write one output per input.",
        discussion: """
            Inputs are files, directories (walked recursively for .txt .text .md .lines .sent .jsonl) or - for \
            standard input. Each output is named after its input with the last extension replaced \
            (a.zh.txt -> OUT/a.zh.jsonl); files found in a directory keep their sub-directory under OUT. \
            A failing file is reported and the batch goes on; the exit status is 1 if any failed.
            """)

    @Argument(help: "Files, directories, or - for standard input.")
    var inputs: [String]

    @Option(name: .long, help: "Output format: jsonl.")
    var to: String = "jsonl"

    @Option(name: .long, help: "Output directory (required unless the only input is -, which writes to standard output).")
    var out: String?

    @Option(name: .long, help: "Input format: auto, text, article, lines or jsonl.")
    var inputFormat: String = "auto"

    @Option(name: .long, help: "Documents processed in parallel (default: the number of cores).")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(name: .long, help: "Comma-separated labeller ids to run, in order (see `argmark plugins`).")
    var labelers: String?

    func validate() throws {
        let registry = PluginRegistry.standard
        guard registry.outputFormats.contains(to) else {
            throw ValidationError("unknown output format '\(to)'; use one of: \(registry.outputFormats.joined(separator: ", "))")
        }
        guard registry.inputFormats.contains(inputFormat) else {
            throw ValidationError("unknown input format '\(inputFormat)'; use one of: \(registry.inputFormats.joined(separator: ", "))")
        }
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1") }
        if out == nil && inputs != ["-"] {
            throw ValidationError("--out DIR is required (only a single - input may write to standard output)")
        }
        if inputs.filter({ $0 == "-" }).count > 1 { throw ValidationError("standard input (-) can be given once") }
    }

    func run() async throws {
        let registry = PluginRegistry.standard
        var pipeline = registry.defaultPipeline()
        if let labelers {
            pipeline.labelers = try labelers.split(separator: ",").map { id in
                guard let labeler = registry.labeler(id: String(id)) else {
                    let known = registry.labelers.map(\.descriptor.id)
                    throw ValidationError("unknown labeller '\(id)'; available: \(known.isEmpty ? "none yet" : known.joined(separator: ", "))")
                }
                return labeler
            }
        }
        let options = BatchOptions(
            registry: registry, inputFormat: inputFormat, writer: registry.writer(format: to)!, pipeline: pipeline,
            outputDirectory: out, jobs: jobs)
        let (found, missing) = InputDiscovery.discover(inputs)
        for failure in missing { Terminal.error(failure.message) }
        if found.isEmpty && missing.isEmpty {
            Terminal.error("no input files found in \(inputs.joined(separator: " ")) (looked for .txt .text .md .lines .sent .jsonl)")
            throw ExitCode.failure
        }
        let showBar = Terminal.isStandardErrorTerminal && found.count > 1
        let summary = await BatchRunner(options: options).run(found) { progress in
            if showBar { Terminal.status(ProgressFormatter.bar(progress)) }
        }
        if showBar { Terminal.status(nil) }
        for failure in summary.failures { Terminal.error(failure.message) }
        let total = found.count + missing.count
        Terminal.note(ProgressFormatter.summary(summary, total: total) + (out.map { "; output in \($0)" } ?? ""))
        if !summary.failures.isEmpty || !missing.isEmpty { throw ExitCode.failure }
    }
}
