import ArgMarkPipeline
import ArgMarkText
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// One document to process: where to read it and where its output goes (relative to the output directory).
public struct BatchInput: Sendable, Hashable {
    /// The input path as found (`-` for standard input).
    public var path: String
    /// The output path relative to the output directory, without extension (`sub/a.zh` for `DIR/sub/a.zh.txt`).
    public var outputStem: String
    /// The document id: the file name without its last extension (a corpus table's documents: their `doc_id`).
    public var documentID: String
    /// The one document of a file that holds several (a corpus table's `doc_id`); nil for a file that is one.
    public var part: DocumentPart?
    /// How many documents the file holds (1 unless `part` is set): each counts its share of the file's bytes.
    public var parts: Int
    /// The file's bytes, read once for all the documents it holds; nil reads the file when its turn comes.
    public var contents: SharedBytes?
    /// The input format of the reader that found the documents of a file that holds several, which reads each of
    /// them without guessing the format again; nil for the batch's `--input-format`.
    public var format: String?

    public init(
        path: String, outputStem: String, documentID: String, part: DocumentPart? = nil, parts: Int = 1, contents: SharedBytes? = nil,
        format: String? = nil
    ) {
        self.path = path
        self.outputStem = outputStem
        self.documentID = documentID
        self.part = part
        self.parts = max(1, parts)
        self.contents = contents
        self.format = format
    }

    /// Standard input.
    public static let standardInput = BatchInput(path: "-", outputStem: "stdin", documentID: "stdin")

    public var isStandardInput: Bool { path == "-" }
}

/// A file's bytes shared by the documents it holds, so that a corpus table of thousands of documents is read from
/// disk once, not once per document. Equal only to itself.
public final class SharedBytes: Sendable, Hashable {
    public let bytes: [UInt8]

    public init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    public static func == (lhs: SharedBytes, rhs: SharedBytes) -> Bool { lhs === rhs }
    public func hash(into hasher: inout Hasher) { hasher.combine(ObjectIdentifier(self)) }
}

/// Expands the command line's files and directories into inputs.
public enum InputDiscovery {
    /// Extensions picked up when walking a directory.
    public static let defaultExtensions: Set<String> = ["txt", "text", "md", "lines", "sent", "jsonl", "xml", "html", "htm", "xhtml", "docx", "odt"]
    /// Name endings picked up besides: a sentence table (`NAME_sentences.tsv`), but not the `NAME_gold.tsv` of labels
    /// beside it, nor other tables that happen to share a folder with texts.
    public static let defaultNameSuffixes: [String] = ["_sentences.tsv"]
    /// What the walk takes, as a message lists it.
    public static let takenDescription = ".txt .text .md .lines .sent .jsonl .xml .html .htm .xhtml .docx .odt, NAME_sentences.tsv and comment tables (.csv)"
    /// Documents ArgMark does not read but a user means as inputs, with the command that converts them: a walk
    /// names them rather than passing over them in silence (unless a file of the same name beside them is read, as
    /// `pdftotext` leaves one).
    public static let convertible: [String: String] = [
        "pdf": "pdftotext -enc UTF-8 FILE.pdf", "doc": "soffice --headless --convert-to docx FILE.doc",
        "rtf": "soffice --headless --convert-to docx FILE.rtf",
    ]

    /// Whether `path` is a symbolic link whose links lead back to one another (stat's ELOOP).
    static func isLinkLoop(_ path: String) -> Bool {
        var status = stat()
        return stat(path, &status) != 0 && errno == ELOOP
    }

    static func linkLoopMessage(_ path: String) -> String {
        "\(path): a symbolic link in a loop (its links lead back to one another); point it at a file"
    }

    /// Files are taken as given; directories (a symbolic link to one named on the command line too) are walked
    /// recursively, hidden entries skipped and paths sorted, for regular files with `extensions`. Symbolic links to
    /// files are read; links to directories met on the walk are not followed (a link back up would loop). Paths that
    /// do not exist, directories that cannot be listed and named pipes or devices with an input's extension are
    /// returned as failures, so the batch goes on and reports them; a directory in `excluding` (the batch's own
    /// output directory, which a re-run would read back in) is skipped. A file whose name ends with one of
    /// `nameSuffixes` is taken whatever its extension.
    public static func discover(
        _ arguments: [String], extensions: Set<String> = defaultExtensions, nameSuffixes: [String] = defaultNameSuffixes,
        excluding: [String] = []
    ) -> (inputs: [BatchInput], failures: [BatchFailure]) {
        let found = discoverAll(arguments, extensions: extensions, nameSuffixes: nameSuffixes, excluding: excluding)
        return (found.inputs, found.failures)
    }

    /// What `discover` finds, and the files a walk passed over that a user likely meant as inputs (`convertible`).
    public struct Discovery: Sendable {
        public var inputs: [BatchInput] = []
        public var failures: [BatchFailure] = []
        /// Files of a `convertible` kind met on a walk, with no file of the same name beside them that is read.
        public var notRead: [String] = []
    }

    /// `discover`, with the convertible files a walk passed over. A path reached twice (named twice, or inside two
    /// directories named) is read once, under the first name it was reached by.
    public static func discoverAll(
        _ arguments: [String], extensions: Set<String> = defaultExtensions, nameSuffixes: [String] = defaultNameSuffixes,
        excluding: [String] = []
    ) -> Discovery {
        let wanted = Wanted(extensions: extensions, nameSuffixes: nameSuffixes)
        var result = Discovery()
        let excluded = Set(excluding.compactMap(realPath))
        var seen = Set<String>()
        // By the path, not the file behind it: a link to a file is read under its own name, as a document of its own.
        func add(_ input: BatchInput) {
            guard seen.insert(URL(fileURLWithPath: input.path).standardizedFileURL.path).inserted else { return }
            result.inputs.append(input)
        }
        for argument in arguments {
            if argument == "-" {
                result.inputs.append(.standardInput)
                continue
            }
            guard let kind = kind(of: argument, followingLinks: true) else {
                result.failures.append(BatchFailure(path: argument, message: isLinkLoop(argument)
                    ? linkLoopMessage(argument) : FileAccessError.notFound(argument).description))
                continue
            }
            guard kind == .directory else {
                add(BatchInput(path: argument, outputStem: stem((argument as NSString).lastPathComponent), documentID: documentID(ofFile: argument)))
                continue
            }
            var found: [String] = []
            var passedOver: [String] = []
            walk(argument, relative: "", wanted: wanted, excluded: excluded, into: &found, passedOver: &passedOver, failures: &result.failures)
            for relative in found.sorted() {
                let path = (argument as NSString).appendingPathComponent(relative)
                add(BatchInput(path: path, outputStem: stem(relative), documentID: documentID(stem(relative))))
            }
            let readStems = Set(found.map { stem($0) })
            for relative in passedOver.sorted() where !readStems.contains(stem(relative)) {
                let path = (argument as NSString).appendingPathComponent(relative)
                guard seen.insert(URL(fileURLWithPath: path).standardizedFileURL.path).inserted else { continue }
                result.notRead.append(path)
            }
        }
        // A directory named twice meets the same unreadable entries twice.
        var reported = Set<String>()
        result.failures = result.failures.filter { reported.insert(URL(fileURLWithPath: $0.path).standardizedFileURL.path).inserted }
        return result
    }

    private enum Kind { case regular, directory, link, other }

    /// What `path` is (lstat, or stat when `followingLinks`), nil when it does not exist.
    private static func kind(of path: String, followingLinks: Bool) -> Kind? {
        var info = stat()
        guard (followingLinks ? stat(path, &info) : lstat(path, &info)) == 0 else { return nil }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return .regular
        case S_IFDIR: return .directory
        case S_IFLNK: return .link
        default: return .other
        }
    }

    private static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// Which file names a directory walk takes.
    private struct Wanted {
        var extensions: Set<String>
        var nameSuffixes: [String]

        func contains(_ name: String) -> Bool {
            if extensions.contains((name as NSString).pathExtension.lowercased()) { return true }
            let lowered = name.lowercased()
            return nameSuffixes.contains { lowered.hasSuffix($0) }
        }
    }

    private static func walk(
        _ root: String, relative: String, wanted: Wanted, excluded: Set<String>, into found: inout [String],
        passedOver: inout [String], failures: inout [BatchFailure]
    ) {
        let directory = relative.isEmpty ? root : (root as NSString).appendingPathComponent(relative)
        // The directory named on the command line is read even when the outputs go there too.
        if !relative.isEmpty, !excluded.isEmpty, let real = realPath(directory), excluded.contains(real) { return }
        let names: [String]
        do { names = try FileManager.default.contentsOfDirectory(atPath: directory) } catch {
            let reason = access(directory, R_OK | X_OK) == 0 ? "cannot list it" : "permission denied"
            failures.append(BatchFailure(path: directory, message: "\(directory): \(reason); its files were not read (check its permissions)"))
            return
        }
        for name in names where !name.hasPrefix(".") {
            let child = relative.isEmpty ? name : (relative as NSString).appendingPathComponent(name)
            let path = (root as NSString).appendingPathComponent(child)
            var entry = kind(of: path, followingLinks: false)
            if entry == .link {
                // A link to a file is read like the file; a link to a directory is not followed.
                let target = kind(of: path, followingLinks: true)
                if target == .directory { continue }
                if target == nil {
                    if wanted.contains(name) {
                        failures.append(BatchFailure(path: path, message: Self.isLinkLoop(path)
                            ? Self.linkLoopMessage(path) : "\(path): a symbolic link to nothing; check where it points"))
                    }
                    continue
                }
                entry = target == .regular ? .regular : .other
            }
            switch entry {
            case .directory:
                walk(root, relative: child, wanted: wanted, excluded: excluded, into: &found, passedOver: &passedOver, failures: &failures)
            case .regular:
                if wanted.contains(name) || isCommentTable(name: name, path: path) {
                    found.append(child)
                } else if convertible[(name as NSString).pathExtension.lowercased()] != nil {
                    passedOver.append(child)
                }
            case .other:
                if wanted.contains(name) {
                    failures.append(BatchFailure(path: path, message: "\(path): not a regular file (a named pipe, socket or device); skipped"))
                }
            case nil where name.unicodeScalars.contains("\u{FFFD}"):
                // A name that is not UTF-8 (a GBK or Latin-1 name) comes back mangled and cannot be opened by it.
                failures.append(BatchFailure(
                    path: path,
                    message: "\(path): a file whose name is not UTF-8 (shown with �), which cannot be opened by that name; rename it in UTF-8 (convmv -f gbk -t utf-8 --notest -r \(directory), or by hand)"))
            case nil:
                // Gone since the listing (ENOENT) is nothing to report; a folder that can be listed but not entered
                // (no x permission) or a path past the system's length limit would otherwise drop its files unsaid.
                var info = stat()
                guard lstat(path, &info) != 0, errno != ENOENT else { continue }
                let reason = String(cString: strerror(errno))
                if errno == EACCES {
                    failures.append(BatchFailure(
                        path: directory, message: "\(directory): permission denied: it can be listed but not entered; its files were not read (chmod +x it)"))
                    return
                }
                failures.append(BatchFailure(path: path, message: "\(path): cannot be read (\(reason)); skipped"))
            case .link:
                continue
            }
        }
    }

    /// Whether a `.csv` file met in a walk is a comment table (its header names a comment's column, as
    /// regulations.gov's export does): taken, while other tables (and ArgMark's own `--to csv` output) are not.
    static func isCommentTable(name: String, path: String) -> Bool {
        guard (name as NSString).pathExtension.lowercased() == "csv", let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        let head = (try? handle.read(upToCount: 8192)) ?? Data()
        // (The header line only; a cut multi-byte character at the end is dropped by the decoding.)
        let line = String(decoding: head.prefix { $0 != 0x0A && $0 != 0x0D }, as: UTF8.self)
        return CommentTableReader.isCommentTable(headerLine: line)
    }

    /// A document's id from its file's stem: a control character a file name may hold (a tab, a line break, an
    /// escape) as an underscore, since no output format may carry one in an id and the JSONL written would not be
    /// read back.
    public static func documentID(_ stem: String) -> String {
        String(String.UnicodeScalarView(stem.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F ? "_" : $0 }))
    }

    /// The id of the document a file named on its own holds: its name's stem (`documentID`).
    public static func documentID(ofFile path: String) -> String { documentID(stem((path as NSString).lastPathComponent)) }

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
