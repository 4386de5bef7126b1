import Foundation
import ArgMarkCore

/// The header of a memorandum: TO: / FROM: / DATE: / RE: or SUBJECT: / CC: lines at the top, perhaps under a
/// MEMORANDUM line. They say who wrote to whom about what, and argue nothing: read as text, each became a heading
/// that opened a section of its own. They go to the document's metadata (`to`, `from`, `date`, `subject`, `cc`, the
/// subject also as the title when there is none).
struct MemoHeader {
    /// Indices of the header's lines (the MEMORANDUM line included).
    var lines: Range<Int>
    var fields: [(key: String, value: String)]

    private static let labels: [(label: String, key: String)] = [
        ("to", "to"), ("from", "from"), ("date", "date"), ("re", "subject"), ("subject", "subject"), ("cc", "cc"),
        ("bcc", "cc"), ("attn", "to"), ("attention", "to"),
    ]
    /// Lines a header may open under (a memorandum's or an organisation's name).
    private static let withinFirst = 4

    /// The header of `lines`, when at least two of TO / FROM / DATE / RE open consecutive lines near the top.
    static func find(_ scalars: [Unicode.Scalar], _ lines: [Range<Int>]) -> MemoHeader? {
        guard let first = (0..<min(lines.count, withinFirst)).first(where: { field(scalars, lines[$0]) != nil }) else { return nil }
        var fields: [(key: String, value: String)] = []
        var end = first
        while end < lines.count {
            if let found = field(scalars, lines[end]) {
                fields.append(found)
            } else if !fields.isEmpty, lines[end].lowerBound > 0, ScalarClass.isSpace(scalars[lines[end].lowerBound - 1]),
                      scalars[lines[end].lowerBound - 1] != "\n", lines[end].count <= 200 {
                // A field's value wrapped onto an indented line (RE: Options for Reducing | ␣␣␣Coming Fiscal Year).
                fields[fields.count - 1].value += " " + scalars.string(lines[end])
            } else {
                break
            }
            end += 1
        }
        let keys = Set(fields.map(\.key))
        guard keys.count >= 2, keys.contains("to") || keys.contains("from"),
              // Above the header only short lines without a sentence's end (MEMORANDUM, a letterhead).
              lines[0..<first].allSatisfy({ $0.count <= 80 && !FrameLines.isSentenceFinal(scalars[$0.upperBound - 1]) })
        else { return nil }
        return MemoHeader(lines: 0..<end, fields: fields)
    }

    /// A header line: its label (case-insensitive, then a colon) and the value after it.
    private static func field(_ scalars: [Unicode.Scalar], _ line: Range<Int>) -> (key: String, value: String)? {
        guard line.count <= 200 else { return nil }
        let text = scalars.string(line)
        guard let colon = text.firstIndex(of: ":") else { return nil }
        let label = text[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
        guard let key = labels.first(where: { $0.label == label })?.key else { return nil }
        let value = text[text.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        return value.isEmpty ? nil : (key, value)
    }

    func record(_ scalars: [Unicode.Scalar], _ all: [Range<Int>], into metadata: inout DocumentMetadata) {
        for (key, value) in fields {
            metadata.fields[key] = metadata.fields[key].map { $0 + "; " + value } ?? value
        }
        if metadata.titles.isEmpty, let subject = fields.first(where: { $0.key == "subject" })?.value {
            metadata.titles[LanguageDetector.detect(subject).rawValue] = subject
        }
        let above = all[lines].prefix { !scalars.string($0).contains(":") }.map { scalars.string($0) }.filter { !$0.isEmpty }
        if !above.isEmpty { metadata.fields["letterhead"] = above.joined(separator: "; ") }
    }
}
