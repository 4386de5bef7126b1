import ArgMarkPlugins
import ArgumentParser
import Foundation

/// The registry with the labellers from Models/ (found by `ModelLibrary.locate` unless `--models` is given);
/// files that fail to load are reported as warnings and left out.
enum LoadedRegistry {
    static func load(models: String?) throws -> PluginRegistry {
        // A directory the user named must exist: a misspelt --models used to give unlabelled output and exit 0.
        let named = models.map { ("--models", $0) } ?? ProcessInfo.processInfo.environment["ARGMARK_MODELS"].map { ("ARGMARK_MODELS", $0) }
        if let (source, path) = named {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw ValidationError("\(source) \(path): no such directory; name the folder that holds cues/, label.model.*/ and pipeline.json (the project's Models/)")
            }
        }
        guard let directory = models ?? ModelLibrary.locate() else {
            Terminal.warning("no Models/ directory found (set ARGMARK_MODELS or --models); running without labellers")
            return .standard
        }
        let library = ModelLibrary(directory: directory)
        for problem in library.problems { Terminal.warning(problem) }
        if library.labelers.isEmpty && library.problems.isEmpty {
            Terminal.warning("\(directory) holds no labeller (cues/*.tsv, label.model.*/); running without labellers")
        }
        let registry = PluginRegistry.standard.adding(library)
        for id in registry.absentDefaultLabelers {
            Terminal.warning("\(directory)/pipeline.json names \(id), which no plugin provides; the default pipeline runs without it")
        }
        return registry
    }
}
