import ArgMarkCore
import Foundation

/// A JSONL or TEI file annotated from a text, as a folder walk meets it beside that text.
public enum AnnotatedCopy {
    /// The source `path` names, as it holds it (a JSONL header's `source`; a TEI header's `idno type="path"`, relative
    /// to the TEI file's folder), whoever wrote it; nil when it names none.
    public static func namedSource(of path: String) -> String? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        guard let head = try? handle.read(upToCount: headLength) else { return nil }
        return header(of: path, head[...])?.source
    }

    /// The source `path` names, when ArgMark wrote the file and no person's label or link is in it (the text's
    /// document again); nil otherwise. The file is read once.
    public static func source(of path: String) -> String? {
        guard let bytes = try? FileAccess.read(path), let header = header(of: path, Data(bytes.prefix(headLength))[...]),
              header.byArgMark
        else { return nil }
        // A person's work (a reviewed copy, gold) is not the text's document again: it is kept.
        let personsWork = path.lowercased().hasSuffix(".jsonl") ? "\"human:" : "<persName>"
        return ByteSearch.contains(bytes, Array(personsWork.utf8)) ? nil : header.source
    }

    /// How much of a file its header fits in.
    private static let headLength = 1 << 16

    /// The source the header in `head` names, and whether ArgMark wrote it (a JSONL `generator` argmark; a TEI
    /// `idno type="argmark"`).
    private static func header(of path: String, _ head: Data.SubSequence) -> (source: String, byArgMark: Bool)? {
        let text = String(decoding: head, as: UTF8.self)
        let source: String?
        let byArgMark: Bool
        if path.lowercased().hasSuffix(".jsonl") {
            guard let firstLine = text.split(separator: "\n", maxSplits: 1).first,
                  let header = try? JSONSerialization.jsonObject(with: Data(firstLine.utf8)) as? [String: Any]
            else { return nil }
            source = header["source"] as? String
            byArgMark = (header["generator"] as? [String: Any])?["name"] as? String == "argmark"
        } else {
            guard let start = text.range(of: "<idno type=\"path\">"),
                  let end = text.range(of: "</idno>", range: start.upperBound..<text.endIndex)
            else { return nil }
            source = String(text[start.upperBound..<end.lowerBound])
                .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
                .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&apos;", with: "'")
                .replacingOccurrences(of: "&amp;", with: "&")
            byArgMark = text.contains("<idno type=\"argmark\">")
        }
        guard let source, !source.isEmpty else { return nil }
        return (source, byArgMark)
    }
}
