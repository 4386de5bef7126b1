import ArgMarkCore
import Foundation

/// A JSONL or TEI file ArgMark wrote from a text, holding no person's work: the text's document again, as far as a
/// folder walk is concerned.
public enum AnnotatedCopy {
    /// The source `path` names as it holds it (a JSONL header's `source`; a TEI header's `idno type="path"`, relative to
    /// the TEI file's folder), when ArgMark wrote the file and no person's label or link is in it; nil otherwise.
    public static func source(of path: String) -> String? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        guard let head = try? handle.read(upToCount: 1 << 16), !head.isEmpty else { return nil }
        let text = String(decoding: head, as: UTF8.self)
        let source: String?
        if path.lowercased().hasSuffix(".jsonl") {
            guard let firstLine = text.split(separator: "\n", maxSplits: 1).first,
                  let header = try? JSONSerialization.jsonObject(with: Data(firstLine.utf8)) as? [String: Any],
                  (header["generator"] as? [String: Any])?["name"] as? String == "argmark"
            else { return nil }
            source = header["source"] as? String
        } else {
            guard text.contains("<idno type=\"argmark\">"), let start = text.range(of: "<idno type=\"path\">"),
                  let end = text.range(of: "</idno>", range: start.upperBound..<text.endIndex)
            else { return nil }
            source = String(text[start.upperBound..<end.lowerBound])
                .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
                .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&apos;", with: "'")
                .replacingOccurrences(of: "&amp;", with: "&")
        }
        guard let source, !source.isEmpty else { return nil }
        // A person's work (a reviewed copy, gold) is not the text's document again: it is kept.
        let personsWork = path.lowercased().hasSuffix(".jsonl") ? "\"human:" : "<persName>"
        guard let bytes = try? FileAccess.read(path), !ByteSearch.contains(bytes, Array(personsWork.utf8)) else { return nil }
        return source
    }
}
