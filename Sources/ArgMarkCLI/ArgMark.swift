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
            exit(withError: error)
        }
        if standardOutputFailed() { failOnStandardOutput() }
    }

    private static func failOnStandardOutput() -> Never {
        let reason = String(cString: strerror(errno))
        Terminal.write("argmark: error: \(FileAccessError.standardOutput(reason: reason))\n")
        Foundation.exit(1)
    }
}
