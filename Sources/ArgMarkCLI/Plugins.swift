import ArgMarkCore
import ArgMarkPlugins
import ArgumentParser

struct Plugins: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List the built-in plugins: id, kind, languages, labels, summary.")

    @Option(name: .long, help: "The Models/ directory (default: $ARGMARK_MODELS, ./Models, or beside the build).")
    var models: String?

    func run() throws {
        // Without Models/ the readers, writers, linkers and scorer are still listed (with a warning that no
        // labeller loaded).
        let registry = try LoadedRegistry.load(models: models, labelling: false)
        let pipeline = registry.defaultPipeline()
        let defaults = Set(pipeline.plugins.map(\.descriptor.id))
        for plugin in registry.all {
            let d = plugin.descriptor
            let languages = d.languages.isEmpty ? "any" : d.languages.map(\.rawValue).joined(separator: ",")
            let labels = d.labels.isEmpty ? "-" : d.labels.map(\.rawValue).joined(separator: ",")
            // A labeller's weight in the default pipeline, so that an edit of Models/pipeline.json shows here.
            let weight = d.kind == .labeler ? pipeline.combiner.weights[d.id].map { " ×\(FixedDecimal.format($0))" } ?? " ×1" : ""
            print("\(d.id)\t\(d.kind.rawValue)\t\(languages)\t\(labels)\t\(d.summary)" + (defaults.contains(d.id) ? " [default\(weight)]" : ""))
        }
    }
}
