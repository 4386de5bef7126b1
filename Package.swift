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
        // libxml2, the C library (Debian libxml2-dev, pkg-config libxml-2.0); C stays in this target.
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
        // A thin, safe Swift wrapper over libxml2: parsing without entities or network, the streaming writer,
        // RELAX NG validation.
        .target(name: "ArgMarkXML", dependencies: ["CLibXML2"]),
        // TEI P5: the writer (streaming, valid against tei_all) and the reader (ArgMark's own TEI, TEI with s or
        // only p, GROBID-style articles).
        .target(name: "ArgMarkTEI", dependencies: ["ArgMarkCore", "ArgMarkPipeline", "ArgMarkText", "ArgMarkXML"]),
        // Web pages: HTML through libxml2's HTML parser, the page's main text laid out and read as plain text.
        .target(name: "ArgMarkHTML", dependencies: ["ArgMarkCore", "ArgMarkPipeline", "ArgMarkText", "ArgMarkXML"]),
        // zlib, the C library (Debian zlib1g-dev, pkg-config zlib): the raw deflate of a .docx's or .odt's ZIP archive.
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        // Word and OpenDocument texts: the ZIP archive of a .docx or .odt and its XML, laid out and read as plain text.
        .target(name: "ArgMarkOffice", dependencies: ["ArgMarkCore", "ArgMarkPipeline", "ArgMarkText", "ArgMarkXML", "CZlib"]),
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
            dependencies: [
                "ArgMarkCore", "ArgMarkPipeline", "ArgMarkText", "ArgMarkFormats", "ArgMarkLabeling", "ArgMarkLinking",
                "ArgMarkTEI", "ArgMarkHTML", "ArgMarkOffice",
            ]),
        // The review editor's session: commands, edits that keep the tree valid, undo/redo, text views. No I/O.
        .target(name: "ArgMarkReview", dependencies: ["ArgMarkCore", "ArgMarkPipeline"]),
        // libedit, the C library (Debian libedit-dev, pkg-config libedit): line editing for review on a terminal.
        .systemLibrary(name: "CLibEdit", pkgConfig: "libedit", providers: [.apt(["libedit-dev"])]),
        // File discovery, bounded reading, atomic writes, the parallel batch runner and the review journal.
        .target(name: "ArgMarkIO", dependencies: ["ArgMarkCore", "ArgMarkPipeline", "ArgMarkFormats", "ArgMarkText", "ArgMarkPlugins", "ArgMarkReview"]),
        // The thin command-line front end.
        .executableTarget(
            name: "ArgMarkCLI",
            dependencies: [
                "ArgMarkCore", "ArgMarkPipeline", "ArgMarkPlugins", "ArgMarkIO", "ArgMarkEval", "ArgMarkFormats",
                "ArgMarkLabeling", "ArgMarkTraining", "ArgMarkLinking", "ArgMarkXML", "ArgMarkTEI", "ArgMarkReview", "CLibEdit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        .testTarget(name: "ArgMarkCoreTests", dependencies: ["ArgMarkCore", "ArgMarkPipeline"]),
        .testTarget(
            name: "ArgMarkTextTests", dependencies: ["ArgMarkCore", "ArgMarkText", "ArgMarkPipeline"],
            resources: [.copy("Fixtures")]),
        .testTarget(
            name: "ArgMarkFormatsTests",
            dependencies: ["ArgMarkCore", "ArgMarkFormats", "ArgMarkText", "ArgMarkPipeline", "ArgMarkPlugins"],
            resources: [.copy("Fixtures")]),
        .testTarget(name: "ArgMarkXMLTests", dependencies: ["ArgMarkXML"]),
        .testTarget(
            name: "ArgMarkReviewTests",
            dependencies: ["ArgMarkCore", "ArgMarkReview", "ArgMarkFormats", "ArgMarkPipeline", "ArgMarkLinking", "ArgMarkIO"],
            exclude: ["Fixtures"]),
        .testTarget(
            name: "ArgMarkTEITests",
            dependencies: ["ArgMarkCore", "ArgMarkPipeline", "ArgMarkTEI", "ArgMarkXML", "ArgMarkFormats", "ArgMarkText", "ArgMarkPlugins"],
            exclude: ["Fixtures"]),
        .testTarget(name: "ArgMarkEvalTests", dependencies: ["ArgMarkCore", "ArgMarkEval"]),
        .testTarget(name: "ArgMarkHTMLTests", dependencies: ["ArgMarkCore", "ArgMarkPipeline", "ArgMarkHTML", "ArgMarkPlugins"]),
        .testTarget(
            name: "ArgMarkOfficeTests", dependencies: ["ArgMarkCore", "ArgMarkPipeline", "ArgMarkOffice", "ArgMarkPlugins"],
            resources: [.copy("Fixtures")]),
        .testTarget(
            name: "ArgMarkLinkingTests", dependencies: ["ArgMarkCore", "ArgMarkPipeline", "ArgMarkLinking"], exclude: ["Fixtures"]),
        .testTarget(
            name: "ArgMarkLabelingTests",
            dependencies: ["ArgMarkCore", "ArgMarkPipeline", "ArgMarkText", "ArgMarkLabeling", "ArgMarkTraining", "ArgMarkPlugins"],
            exclude: ["Fixtures"]),
        .testTarget(
            name: "ArgMarkIOTests", dependencies: ["ArgMarkCore", "ArgMarkIO", "ArgMarkPlugins", "ArgMarkPipeline", "ArgMarkFormats"]),
        .testTarget(name: "ArgMarkCLITests", dependencies: ["ArgMarkCLI"]),
    ],
    swiftLanguageModes: [.v6]
)
