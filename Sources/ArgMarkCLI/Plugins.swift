import ArgMarkPlugins
import ArgumentParser

struct Plugins: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List the built-in plugins: id, kind, languages, labels, summary.")

    func run() throws {
        for plugin in PluginRegistry.standard.all {
            let d = plugin.descriptor
            let languages = d.languages.isEmpty ? "any" : d.languages.map(\.rawValue).joined(separator: ",")
            let labels = d.labels.isEmpty ? "-" : d.labels.map(\.rawValue).joined(separator: ",")
            print("\(d.id)\t\(d.kind.rawValue)\t\(languages)\t\(labels)\t\(d.summary)")
        }
    }
}
