/// Why an input could not be read. Each case's description says what is wrong and what to do;
/// the batch runner prefixes the file name.
public enum DocumentReadError: Error, Sendable, Hashable, CustomStringConvertible {
    case empty
    case binary(byteOffset: Int)
    case invalidUTF8(byteOffset: Int, line: Int)
    /// UTF-8 text but for `count` (at most three) bytes, the first at `byteOffset`, on `lines`.
    case strayBytes(byteOffset: Int, lines: [Int], count: Int)
    /// UTF-16 text (a byte-order mark, or every other byte NUL in ASCII text), big- or little-endian.
    case utf16(bigEndian: Bool)
    case utf32(bigEndian: Bool)
    case lineTooLong(line: Int, length: Int, limit: Int)
    case noSentences
    /// A structured input (JSON Lines, XML) is not well formed at `line`.
    case malformed(line: Int, message: String)
    case unknownFormat(String, available: [String])
    case unsupported(String)

    public var description: String {
        switch self {
        case .empty:
            "the file is empty; give a document with at least one sentence"
        case .binary(let offset):
            "this looks like a binary file (NUL or control bytes at byte \(offset)); give a UTF-8 text, JSONL or TEI file"
        case .invalidUTF8(let offset, let line):
            "line \(line): invalid UTF-8 at byte \(offset) of the file; convert the file to UTF-8 from the encoding it was saved in, keeping its name in another folder: mkdir -p utf8 && iconv -f GB18030 -t UTF-8 FILE > utf8/FILE for Simplified Chinese (GBK, GB2312), -f BIG5 for Traditional Chinese, -f WINDOWS-1252 for Western European text; check that the result reads right"
        case .strayBytes(let offset, let lines, let count):
            "line\(lines.count > 1 ? "s" : "") \(lines.prefix(5).map(String.init).joined(separator: ", "))\(lines.count > 5 ? ", …" : ""): \(count == 1 ? "a byte" : "\(count) bytes") that \(count == 1 ? "is" : "are") not UTF-8 (the first at byte \(offset)) in a file that is otherwise UTF-8, likely a character pasted from another encoding; retype \(count == 1 ? "it" : "them") in an editor that saves UTF-8 (do not convert the whole file with iconv, which would garble every other character)"
        case .utf16(let bigEndian):
            "this is UTF-16 text, not UTF-8; convert it first (iconv -f UTF-16\(bigEndian ? "BE" : "LE") -t UTF-8 FILE > utf8/FILE, in a folder made for it)"
        case .utf32(let bigEndian):
            "this is UTF-32 text, not UTF-8; convert it first (iconv -f UTF-32\(bigEndian ? "BE" : "LE") -t UTF-8 FILE > utf8/FILE, in a folder made for it)"
        case .lineTooLong(let line, let length, let limit):
            "line \(line) is \(length) characters long (limit \(limit)); is this a text file? split the line into paragraphs"
        case .noSentences:
            "no sentences found (only whitespace, headings, a table or front matter); check the file and --input-format"
        case .malformed(let line, let message):
            // Line 0: a problem of the whole file (a damaged archive, inconsistent ids), not of one line.
            line > 0 ? "line \(line): \(message)" : message
        case .unknownFormat(let name, let available):
            "unknown input format '\(name)'; use one of: \(available.joined(separator: ", "))"
        case .unsupported(let message):
            message
        }
    }
}

/// Why a document could not be written.
public enum DocumentWriteError: Error, Sendable, Hashable, CustomStringConvertible {
    case invalidDocument(String)
    /// The format cannot represent something the document holds (the message names it and what to do).
    case unrepresentable(String)

    public var description: String {
        switch self {
        case .invalidDocument(let message): "cannot write an inconsistent document: \(message)"
        case .unrepresentable(let message): message
        }
    }
}

/// A plugin failed on a document; the message names the plugin, what went wrong and what to do.
public struct PluginError: Error, Sendable, Hashable, CustomStringConvertible {
    public var pluginID: String
    public var message: String

    public init(pluginID: String, message: String) {
        self.pluginID = pluginID
        self.message = message
    }

    public var description: String { "plugin \(pluginID): \(message)" }
}
