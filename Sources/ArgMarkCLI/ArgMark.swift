import ArgMarkCore
import ArgumentParser

@main
struct ArgMark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "argmark",
        abstract: "Argument mining for scholarly and policy prose in Chinese and English.",
        version: ArgMarkVersion.current,
        subcommands: [Annotate.self, Evaluate.self, Train.self, Explain.self, Tree.self, Report.self, Export.self, Validate.self, Review.self, TrainLinker.self, Plugins.self]
    )
}
