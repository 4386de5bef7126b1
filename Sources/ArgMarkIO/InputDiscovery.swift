import Foundation

/// One document to process: where to read it and where its output goes (relative to the output directory).
public struct BatchInput: Sendable, Hashable {
    /// The input path as found (`-` for standard input).
    public var path: String
    /// The output path relative to the output directory, without extension (`sub/a.zh` for `DIR/sub/a.zh.txt`).
    public var outputStem: String
    /// The document id: the file name without its last extension.
    public var documentID: String

    public init(path: String, outputStem: String, documentID: String) {
        self.path = path
        self.outputStem = outputStem
        self.documentID = documentID
    }

    /// Standard input.
    public static let standardInput = BatchInput(path: "-", outputStem: "stdin", documentID: "stdin")

    public var isStandardInput: Bool { path == "-" }
}

/// Expands the command line's files and directories into inputs.
public enum InputDiscovery {
    /// Extensions picked up when walking a directory.
    public static let defaultExtensions: Set<String> = ["txt", "text", "md", "lines", "sent", "jsonl", "xml"]

    /// Files are taken as given; directories are walked recursively (hidden entries skipped, paths sorted) for files
    /// with `extensions`. Paths that do not exist are returned as failures so the batch can go on.
    public static func discover(
        _ arguments: [String], extensions: Set<String> = defaultExtensions
    ) -> (inputs: [BatchInput], failures: [BatchFailure]) {
        var inputs: [BatchInput] = []
        var failures: [BatchFailure] = []
        let fileManager = FileManager.default
        for argument in arguments {
            if argument == "-" {
                inputs.append(.standardInput)
                continue
            }
            var isDirectory: ObjCBool = false
            guard fileManager.fileExists(atPath: argument, isDirectory: &isDirectory) else {
                failures.append(BatchFailure(path: argument, message: FileAccessError.notFound(argument).description))
                continue
            }
            if !isDirectory.boolValue {
                let name = (argument as NSString).lastPathComponent
                inputs.append(BatchInput(path: argument, outputStem: stem(name), documentID: stem(name)))
                continue
            }
            guard let enumerator = fileManager.enumerator(atPath: argument) else {
                failures.append(BatchFailure(path: argument, message: "\(argument): cannot list the directory; check its permissions"))
                continue
            }
            var found: [String] = []
            while let relative = enumerator.nextObject() as? String {
                let name = (relative as NSString).lastPathComponent
                if name.hasPrefix(".") {
                    if (enumerator.fileAttributes?[.type] as? FileAttributeType) == .typeDirectory { enumerator.skipDescendants() }
                    continue
                }
                let ext = (name as NSString).pathExtension.lowercased()
                guard extensions.contains(ext) else { continue }
                if (enumerator.fileAttributes?[.type] as? FileAttributeType) == .typeDirectory { continue }
                found.append(relative)
            }
            for relative in found.sorted() {
                let path = (argument as NSString).appendingPathComponent(relative)
                inputs.append(BatchInput(path: path, outputStem: stem(relative), documentID: stem((relative as NSString).lastPathComponent)))
            }
        }
        return (inputs, failures)
    }

    /// `a.zh.txt` → `a.zh`; `a.zh.tei.xml` → `a.zh`; `sub/a.txt` → `sub/a`; a name without extension stays.
    public static func stem(_ name: String) -> String {
        // TEI files carry a compound extension: a.zh.tei.xml is the document a.zh.
        if name.lowercased().hasSuffix(".tei.xml"), name.count > 8 { return String(name.dropLast(8)) }
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return name }
        let slash = name.lastIndex(of: "/")
        if let slash, slash > dot { return name }
        if let slash, name.index(after: slash) == dot { return name }
        return String(name[..<dot])
    }
}
