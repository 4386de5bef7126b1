import ArgMarkIO
import ArgMarkPlugins
import ArgumentParser
import Foundation

/// The registry with the labellers from Models/ (found by `ModelLibrary.locate` unless `--models` is given);
/// files that fail to load are reported as warnings and left out.
enum LoadedRegistry {
    /// A models directory that is named (`--models`, `$ARGMARK_MODELS`) but missing or holding no labeller is an
    /// error for every command: even one that only completes what a file lacks (tree, report, export, review)
    /// would otherwise link with the rule linker instead of the learned one, and exit 0.
    /// - Parameters:
    ///   - labelling: the command labels text (annotate, train): no Models/ found at all is then an error.
    ///   - labellers: load the labellers now; a command that shows a labelled file passes false and calls
    ///     ``withLabellers(_:)`` when a file leaves a sentence unlabelled.
    static func load(models: String?, labelling: Bool = true, labellers: Bool = true) throws -> PluginRegistry {
        // A misspelt --models used to give unlabelled output and exit 0.
        // Set but empty counts as unset, as shells leave it (ARGMARK_MODELS= argmark …).
        let environment = ProcessInfo.processInfo.environment["ARGMARK_MODELS"].flatMap { $0.isEmpty ? nil : $0 }
        let named = models.map { ("--models", $0) } ?? environment.map { ("ARGMARK_MODELS", $0) }
        var directory = models ?? environment
        if let (source, path) = named {
            if !FileAccess.isDirectory(path) {
                throw usage("\(source) \(path.isEmpty ? "is empty" : "\(path): no such directory"); name the folder that holds cues/, label.model.*/ and pipeline.json (the project's Models/)")
            }
        } else {
            directory = ModelLibrary.locate()
        }
        guard let directory else {
            // Every labeller loads from Models/: labelling without it gave every sentence no label and exit 0.
            let problem = "no Models/ directory found here or beside the argmark binary; run from the project's folder, or name the folder that holds cues/, label.model.*/ and pipeline.json with --models DIR or ARGMARK_MODELS"
            if labelling { throw usage(problem + " (--labelers none reads and segments without labelling)") }
            Terminal.warning(problem + "; going on without labellers")
            return .standard
        }
        let library = ModelLibrary(directory: directory, labellers: labellers)
        for problem in library.problems { Terminal.warning(problem) }
        if (library.labellersUnloaded ? !library.holdsLabellerFiles : library.labelers.isEmpty) && library.problems.isEmpty {
            let problem = "\(directory) holds no labeller (cues/*.tsv, label.model.*/): is it the project's Models/ folder?"
            if named != nil { throw usage(problem) }
            Terminal.warning(problem + " Going on without labellers.")
        }
        let registry = PluginRegistry.standard.adding(library)
        warnOfAbsentDefaultLabelers(registry, library)
        return registry
    }

    /// `registry` with the labellers it was loaded without (`load(models:labelling:labellers: false)`), their
    /// problems warned of as `load` warns of them; `registry` itself when they are loaded.
    static func withLabellers(_ registry: PluginRegistry) -> PluginRegistry {
        guard var library = registry.unloadedLabellers else { return registry }
        let warned = library.problems.count
        library.loadLabellers()
        for problem in library.problems.dropFirst(warned) { Terminal.warning(problem) }
        let loaded = PluginRegistry.standard.adding(library)
        warnOfAbsentDefaultLabelers(loaded, library)
        return loaded
    }

    private static func warnOfAbsentDefaultLabelers(_ registry: PluginRegistry, _ library: ModelLibrary) {
        for id in registry.absentDefaultLabelers {
            // A labeller whose file failed above exists; it did not load.
            let failed = library.problems.contains { $0.contains("/\(id)") || ModelLibrary.lexiconFile(of: id).map($0.contains) == true }
            Terminal.warning("\(library.directory)/pipeline.json names \(id), which \(failed ? "did not load (see above)" : "no plugin provides")")
        }
    }

    /// Why the default pipeline cannot label as Models/ means it to, if it cannot: a labeller pipeline.json names did
    /// not load (a model without it would label with cues alone), or pipeline.json itself could not be read (the
    /// fallback drops the decision rules). Either way a batch would get weaker labels and exit 0.
    static func defaultPipelineFailure(_ registry: PluginRegistry) -> String? {
        if registry.defaultPipelineProblem != nil {
            return "the default pipeline's file cannot be read (see above): mend it (git checkout Models/pipeline.json restores the shipped one), or choose the labellers with --labelers or --pipeline FILE (argmark plugins lists them)"
        }
        guard !registry.absentDefaultLabelers.isEmpty else { return nil }
        let missing = registry.absentDefaultLabelers.joined(separator: ", ")
        return "the default pipeline needs \(missing), which did not load (see above): mend the file named there or restore it (git checkout -- Models/ restores the shipped files; tools/train_models.sh retrains a model), or choose the labellers with --labelers (argmark plugins lists them)"
    }

    /// A usage error told the way the other errors are (ArgumentParser would print the top-level usage after it,
    /// from inside a subcommand's run).
    private static func usage(_ message: String) -> Error {
        Terminal.error(message)
        return ExitCode.validationFailure
    }
}
