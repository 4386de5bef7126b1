import ArgMarkPlugins

/// The registry with the labellers from Models/ (found by `ModelLibrary.locate` unless `--models` is given);
/// files that fail to load are reported as warnings and left out.
enum LoadedRegistry {
    static func load(models: String?) -> PluginRegistry {
        guard let directory = models ?? ModelLibrary.locate() else {
            Terminal.warning("no Models/ directory found (set ARGMARK_MODELS or --models); running without labellers")
            return .standard
        }
        let library = ModelLibrary(directory: directory)
        for problem in library.problems { Terminal.warning(problem) }
        let registry = PluginRegistry.standard.adding(library)
        for id in registry.absentDefaultLabelers {
            Terminal.warning("\(directory)/pipeline.json names \(id), which no plugin provides; the default pipeline runs without it")
        }
        return registry
    }
}
