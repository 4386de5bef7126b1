// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "ArgMark",
    products: [
        .executable(name: "argmark", targets: ["ArgMarkCLI"]),
        .library(name: "ArgMarkCore", targets: ["ArgMarkCore"]),
        .library(name: "ArgMarkPlugins", targets: ["ArgMarkPlugins"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0")
    ],
    targets: [
        // The data model: plain Sendable value types, no I/O.
        .target(name: "ArgMarkCore"),
        // Plugin protocols (readers, writers, labellers, linkers, scorers) and the pipeline that runs them.
        .target(name: "ArgMarkPipeline", dependencies: ["ArgMarkCore"]),
        // Decoding, reading plain text / articles / sentence lines, zh-en segmentation.
        .target(name: "ArgMarkText", dependencies: ["ArgMarkCore", "ArgMarkPipeline"]),
        // Serialisation formats (JSON Lines).
        .target(name: "ArgMarkFormats", dependencies: ["ArgMarkCore", "ArgMarkPipeline"]),
        // Label evaluation and inter-annotator agreement.
        .target(name: "ArgMarkEval", dependencies: ["ArgMarkCore"]),
        // Labellers: cue lexicons, the statistical model and its features.
        .target(name: "ArgMarkLabeling", dependencies: ["ArgMarkCore", "ArgMarkPipeline"]),
        // The argument tree (linker) and evidential-support scores (scorer), with reports and pictures of them.
        .target(name: "ArgMarkLinking", dependencies: ["ArgMarkCore", "ArgMarkPipeline"]),
        // Training data loading, the trainer and leave-one-document-out evaluation.
        .target(
            name: "ArgMarkTraining",
            dependencies: ["ArgMarkCore", "ArgMarkPipeline", "ArgMarkLabeling", "ArgMarkFormats", "ArgMarkText", "ArgMarkEval"]),
        // The one registry that lists every plugin.
        .target(
            name: "ArgMarkPlugins",
            dependencies: ["ArgMarkCore", "ArgMarkPipeline", "ArgMarkText", "ArgMarkFormats", "ArgMarkLabeling", "ArgMarkLinking"]),
        // File discovery, bounded reading, atomic writes and the parallel batch runner.
        .target(name: "ArgMarkIO", dependencies: ["ArgMarkCore", "ArgMarkPipeline", "ArgMarkPlugins"]),
        // The thin command-line front end.
        .executableTarget(
            name: "ArgMarkCLI",
            dependencies: [
                "ArgMarkCore", "ArgMarkPipeline", "ArgMarkPlugins", "ArgMarkIO", "ArgMarkEval", "ArgMarkFormats",
                "ArgMarkLabeling", "ArgMarkTraining", "ArgMarkLinking",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        .testTarget(name: "ArgMarkCoreTests", dependencies: ["ArgMarkCore"]),
        .testTarget(
            name: "ArgMarkTextTests", dependencies: ["ArgMarkCore", "ArgMarkText", "ArgMarkPipeline"],
            resources: [.copy("Fixtures")]),
        .testTarget(
            name: "ArgMarkFormatsTests",
            dependencies: ["ArgMarkCore", "ArgMarkFormats", "ArgMarkText", "ArgMarkPipeline", "ArgMarkPlugins"],
            resources: [.copy("Fixtures")]),
        .testTarget(name: "ArgMarkEvalTests", dependencies: ["ArgMarkCore", "ArgMarkEval"]),
        .testTarget(
            name: "ArgMarkLinkingTests", dependencies: ["ArgMarkCore", "ArgMarkPipeline", "ArgMarkLinking"], exclude: ["Fixtures"]),
        .testTarget(
            name: "ArgMarkLabelingTests",
            dependencies: ["ArgMarkCore", "ArgMarkPipeline", "ArgMarkText", "ArgMarkLabeling", "ArgMarkTraining", "ArgMarkPlugins"],
            exclude: ["Fixtures"]),
        .testTarget(
            name: "ArgMarkIOTests", dependencies: ["ArgMarkCore", "ArgMarkIO", "ArgMarkPlugins", "ArgMarkPipeline"]),
        .testTarget(name: "ArgMarkCLITests", dependencies: ["ArgMarkCLI"]),
    ],
    swiftLanguageModes: [.v6]
)
