import ArgMarkCore

/// A Markdown file's YAML front matter (Pandoc, Jekyll, Hugo, Quarto): a `---` line at the very top, `key: value`
/// lines and lists, and a closing `---` or `...` line. It says what the document is (title, author, date, abstract,
/// keywords) and argues nothing: read as text, its lines became body sentences labelled background. They go to the
/// document's metadata instead; only the simple YAML such headers use is read (scalars, quoted scalars, `[a, b]` and
/// `- item` lists, folded `>` / literal `|` blocks), and a header that is anything else stays text.
struct YAMLFrontMatter {
    /// Where the header ends in the text (after its closing line).
    var end: Int
    var entries: [(key: String, values: [String])]

    /// Lines the header may hold before it is taken for something else (a horizontal rule over a long passage).
    private static let maximumLines = 200

    /// The front matter at the start of `scalars`, if it opens with `---` on the first line and closes.
    static func find(_ scalars: [Unicode.Scalar]) -> YAMLFrontMatter? {
        // Most texts open otherwise: only the first three characters are looked at then.
        guard scalars.count >= 4, scalars[0] == "-", scalars[1] == "-", scalars[2] == "-", scalars[3] == "\n" || scalars[3] == "\r" else {
            return nil
        }
        var rawLines: [(range: Range<Int>, text: String)] = []
        var start = 0
        // A byte-order mark was taken off when decoding; the header must be the first line.
        while start < scalars.count, rawLines.count <= maximumLines {
            var end = start
            while end < scalars.count, scalars[end] != "\n" { end += 1 }
            var text = String(String.UnicodeScalarView(scalars[start..<end]))
            if text.hasSuffix("\r") { text.removeLast() }
            rawLines.append((start..<end, text))
            if rawLines.count > 1, text == "---" || text == "..." { break }
            start = end + 1
        }
        guard rawLines.count >= 3, rawLines[0].text == "---", let closing = rawLines.last, closing.text == "---" || closing.text == "..." else {
            return nil
        }
        var entries: [(key: String, values: [String])] = []
        var block: (indent: Int, folded: Bool)?
        for line in rawLines.dropFirst().dropLast() {
            let text = line.text
            let trimmed = text.trimmingSpaces
            let indent = text.prefix { $0 == " " }.count
            if let current = block, !entries.isEmpty, trimmed.isEmpty || indent > current.indent {
                // A block scalar's lines, joined with spaces (folded) or line breaks (literal).
                guard !trimmed.isEmpty else { continue }
                var values = entries[entries.count - 1].values
                if values.isEmpty { values = [trimmed] } else { values[0] += (current.folded ? " " : "\n") + trimmed }
                entries[entries.count - 1].values = values
                continue
            }
            block = nil
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            if trimmed.hasPrefix("- "), indent > 0 || !entries.isEmpty, !entries.isEmpty {
                // An item of the list the key above opened.
                entries[entries.count - 1].values.append(unquoted(String(trimmed.dropFirst(2)).trimmingSpaces))
                continue
            }
            if indent > 0, !entries.isEmpty {
                // A nested mapping (author: - name: …): its values belong to the key above it.
                if let colon = trimmed.firstIndex(of: ":") {
                    let value = String(trimmed[trimmed.index(after: colon)...]).trimmingSpaces
                    if !value.isEmpty { entries[entries.count - 1].values.append(unquoted(value)) }
                    continue
                }
                return nil
            }
            guard let colon = text.firstIndex(of: ":") else { return nil }
            let key = String(text[..<colon])
            guard !key.isEmpty, key.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") }) else { return nil }
            let value = String(text[text.index(after: colon)...]).trimmingSpaces
            if value == ">" || value == ">-" || value == "|" || value == "|-" {
                entries.append((key.lowercased(), []))
                block = (indent, value.hasPrefix(">"))
            } else if value.hasPrefix("["), value.hasSuffix("]") {
                let items = value.dropFirst().dropLast().split(separator: ",").map { unquoted(String($0).trimmingSpaces) }
                entries.append((key.lowercased(), items.filter { !$0.isEmpty }))
            } else {
                entries.append((key.lowercased(), value.isEmpty ? [] : [unquoted(value)]))
            }
        }
        // A header says at least what the document is; a rule over `Note: …` is no header.
        guard entries.contains(where: { ["title", "author", "authors", "date", "abstract", "keywords", "subtitle"].contains($0.key) }) else {
            return nil
        }
        return YAMLFrontMatter(end: min(scalars.count, closing.range.upperBound + 1), entries: entries)
    }

    /// Records the header: title (and subtitle) and abstract under the language they are written in, authors, keywords,
    /// and every other key as a field (`date`, `lang` …).
    func record(into metadata: inout DocumentMetadata) {
        for (key, values) in entries where !values.isEmpty {
            let joined = values.joined(separator: "; ")
            switch key {
            case "title":
                metadata.titles[Self.language(of: joined)] = joined
            case "author", "authors":
                metadata.authors += values
            case "abstract", "summary", "description":
                if key == "abstract" || metadata.abstracts.isEmpty { metadata.abstracts[Self.language(of: joined)] = joined }
                if key != "abstract" { metadata.fields[key] = joined }
            case "keywords", "tags":
                let words = values.count == 1 ? values[0].split(separator: ",").map { String($0).trimmingSpaces } : values
                metadata.keywords[Self.language(of: words.joined()), default: []] += words.filter { !$0.isEmpty }
            default:
                metadata.fields[key] = joined
            }
        }
    }

    /// zh when the text has Han characters, else en: the two languages ArgMark labels.
    private static func language(of text: String) -> String {
        text.unicodeScalars.contains(where: \.isHanIdeograph) ? "zh" : "en"
    }

    private static func unquoted(_ value: String) -> String {
        guard value.count >= 2, let first = value.first, first == "\"" || first == "'", value.last == first else { return value }
        return String(value.dropFirst().dropLast())
    }
}

extension String {
    /// The string without spaces and tabs at either end.
    fileprivate var trimmingSpaces: String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { $0 != " " && $0 != "\t" }),
              let last = scalars.lastIndex(where: { $0 != " " && $0 != "\t" }) else { return "" }
        return String(scalars[first...last])
    }
}
