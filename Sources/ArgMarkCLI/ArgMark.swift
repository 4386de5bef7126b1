import ArgMarkCore
import ArgMarkIO
import ArgumentParser
import Foundation

@main
struct ArgMark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "argmark",
        abstract: "Argument mining for scholarly and policy prose in Chinese and English.",
        version: ArgMarkVersion.current,
        subcommands: [Annotate.self, Evaluate.self, Train.self, Explain.self, Tree.self, Report.self, Export.self, Validate.self, Review.self, TrainLinker.self, Plugins.self]
    )

    /// ArgumentParser's own entry point, and then a check that what the command printed reached standard output: a
    /// full disk or a closed descriptor would otherwise cut a table or an export short with exit status 0.
    static func main() async {
        reserveStandardDescriptors()
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            // Help and --version end the run with success: their text must reach standard output too.
            if exitCode(for: error) == .success {
                print(fullMessage(for: error))
                if standardOutputFailed() { failOnStandardOutput() }
                Foundation.exit(0)
            }
            if exitCode(for: error) == .validationFailure, !fullMessage(for: error).contains("nknown option"),
               let unknown = unknownOption(in: Array(CommandLine.arguments.dropFirst())) {
                Terminal.write("Error: \(unknown)\n")
                Foundation.exit(ExitCode.validationFailure.rawValue)
            }
            exit(withError: error)
        }
        if standardOutputFailed() { failOnStandardOutput() }
    }

    /// A misspelt option (`--otu`) where a command's own check fails before ArgumentParser would name it (`--out DIR
    /// is required`): "unknown option '--otu'; did you mean '--out'?", or nil when every option is the command's.
    static func unknownOption(in arguments: [String]) -> String? {
        guard let name = arguments.first,
              let command = configuration.subcommands.first(where: { $0._commandName == name }) else { return nil }
        let help = command.helpMessage(columns: 400)
        let known = Set(help.matches(of: /--[A-Za-z0-9][A-Za-z0-9-]*/).map { String($0.output) })
        let short = Set(help.matches(of: /(?:^|[\s,])(-[A-Za-z])(?=[\s,])/).map { String($0.output.1) })
        // Options that take a value, whose value is passed over (--rate --x is a bad value, not an unknown option).
        let valued = Set(help.matches(of: /(--[A-Za-z0-9][A-Za-z0-9-]*) </).map { String($0.output.1) })
        var skipNext = false
        for argument in arguments.dropFirst() {
            if skipNext {
                skipNext = false
                continue
            }
            if argument == "--" { break }
            let option = String(argument.prefix { $0 != "=" })
            if known.contains(option) || short.contains(option) {
                skipNext = valued.contains(option) && !argument.contains("=")
                continue
            }
            guard option.hasPrefix("-"), option.count > 1, Double(option) == nil else { continue }
            let suggestion = nearestOption(to: option, among: known).map { "; did you mean '\($0)'?" } ?? ""
            return "unknown option '\(option)'\(suggestion) (argmark \(name) --help lists them)"
        }
        return nil
    }

    /// The option a misspelt one most likely meant: the one it alone begins (--tim → --timings, --o → --out) or, case aside, one at most
    /// two edits away (one for --x, a third of its length for a long one); for a short option, the long one starting with its
    /// letter, when one alone does.
    static func nearestOption(to option: String, among known: Set<String>) -> String? {
        let lowered = option.lowercased()
        if !lowered.hasPrefix("--") {
            let letter = lowered.dropFirst()
            let starting = known.filter { $0.dropFirst(2).hasPrefix(letter) }
            return starting.count == 1 ? starting.first : nil
        }
        let extending = known.filter { $0.hasPrefix(lowered) && lowered.count >= 3 }
        if extending.count == 1 { return extending.first }
        // One the typed option begins with (--output, --outdir → --out).
        let begun = known.filter { lowered.hasPrefix($0) && $0.count >= 4 }
        if begun.count == 1 { return begun.first }
        let allowed = lowered.count <= 4 ? 1 : max(2, (lowered.count - 2) / 3)
        var nearest: (name: String, distance: Int)?
        for candidate in known.sorted() {
            let distance = editDistance(lowered, candidate)
            if distance <= allowed, distance < (nearest?.distance ?? allowed + 1) { nearest = (candidate, distance) }
        }
        return nearest?.name
    }

    /// Levenshtein distance, for a misspelt option's suggestion.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        var row = Array(0...b.count)
        for i in 1...max(a.count, 1) where !a.isEmpty {
            var previous = row[0]
            row[0] = i
            for j in stride(from: 1, through: b.count, by: 1) {
                let current = row[j]
                let substitution: Int = previous + (a[i - 1] == b[j - 1] ? 0 : 1)
                let insertionOrDeletion: Int = min(row[j], row[j - 1]) + 1
                row[j] = min(substitution, insertionOrDeletion)
                previous = current
            }
        }
        return a.isEmpty ? b.count : row[b.count]
    }

    private static func failOnStandardOutput() -> Never {
        let reason = String(cString: strerror(errno))
        Terminal.write("argmark: error: \(FileAccessError.standardOutput(reason: reason))\n")
        Foundation.exit(1)
    }
}
