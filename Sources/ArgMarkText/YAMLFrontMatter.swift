import ArgMarkCore
import Foundation

/// A Markdown file's YAML front matter (Pandoc, Jekyll, Hugo, Quarto), or Hugo's TOML (`+++`, `key = value`): a `---` line at the very top, `key: value`
/// lines and lists, and a closing `---` or `...` line. It says what the document is (title, author, date, abstract,
/// keywords) and argues nothing: read as text, its lines became body sentences labelled background. They go to the
/// document's metadata instead. Only the simple YAML such headers use is read: plain and quoted scalars, `[a, b]` and
/// `- item` lists, folded `>` and literal `|` blocks, and Pandoc's author items (`- name: …` with the author's
/// affiliation under it); other nested mappings (`format: html: …`) are passed over, and a header that is anything
/// else stays text.
struct YAMLFrontMatter {
    /// Where the header ends in the text (after its closing line).
    var end: Int
    var entries: [Entry]

    struct Entry {
        var key: String
        var values: [String]
        /// Given as a list (`[a, b]`, `- a`): its items are whole, not to be split at commas.
        var isList = false
    }

    /// Lines the header may hold before it is taken for something else (a horizontal rule over a long passage).
    private static let maximumLines = 200

    /// The front matter at the start of `scalars`, if it opens with `---` on the first line and closes.
    static func find(_ scalars: [Unicode.Scalar]) -> YAMLFrontMatter? {
        // Most texts open otherwise: only the first characters are looked at then. Hugo's TOML header opens with +++.
        guard scalars.count >= 4, let mark = ["-", "+"].first(where: { $0 == scalars[0] }), scalars[1] == mark, scalars[2] == mark,
              scalars[3] == "\n" || scalars[3] == "\r" else {
            return nil
        }
        let delimiter = mark == "-" ? "---" : "+++"
        var rawLines: [(range: Range<Int>, text: String)] = []
        var start = 0
        while start < scalars.count, rawLines.count <= maximumLines {
            var end = start
            while end < scalars.count, scalars[end] != "\n" { end += 1 }
            var text = String(String.UnicodeScalarView(scalars[start..<end]))
            if text.hasSuffix("\r") { text.removeLast() }
            rawLines.append((start..<end, text))
            if rawLines.count > 1, text == delimiter || (mark == "-" && text == "...") { break }
            start = end + 1
        }
        guard rawLines.count >= 3, let closing = rawLines.last, closing.text == delimiter || (mark == "-" && closing.text == "...") else {
            return nil
        }
        if mark == "+" { return toml(rawLines.dropFirst().dropLast().map(\.text), end: min(scalars.count, closing.range.upperBound + 1)) }
        var entries: [Entry] = []
        var block: (indent: Int, folded: Bool, blank: Bool)?
        // The indentation of the current key's own list items, and of the keys inside the current item (Pandoc's
        // `- name: …` / `  affiliations: …`): deeper items belong to a nested key and are passed over.
        var listIndent: Int?
        var itemIndent: Int?
        // A name given over lines of its own (`- name:` / `given: John` / `family: Roe`), added when it ends.
        var nameParts: [String: String]?
        func endName() {
            if let parts = nameParts, let name = personName("{" + parts.map { "\($0.key): \($0.value)" }.sorted().joined(separator: ", ") + "}") {
                entries[entries.count - 1].values.append(name)
            }
            nameParts = nil
        }
        for line in rawLines.dropFirst().dropLast() {
            let text = line.text
            let trimmed = text.trimmingSpaces
            let indent = text.prefix { $0 == " " }.count
            if let current = block, !entries.isEmpty, trimmed.isEmpty || indent > current.indent {
                // A block scalar's lines, joined with spaces (folded) or line breaks (literal); a blank line parts
                // paragraphs in both.
                guard !trimmed.isEmpty else {
                    block?.blank = true
                    continue
                }
                var values = entries[entries.count - 1].values
                let joint = current.blank ? (current.folded ? "\n" : "\n\n") : (current.folded ? " " : "\n")
                if values.isEmpty { values = [trimmed] } else { values[0] += joint + trimmed }
                entries[entries.count - 1].values = values
                block?.blank = false
                continue
            }
            block = nil
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            if nameParts != nil, indent > (itemIndent ?? 0), let (key, value) = keyValue(trimmed), ["given", "family", "literal"].contains(key) {
                nameParts![key] = value
                continue
            }
            if nameParts != nil { endName() }
            if trimmed.hasPrefix("- ") || trimmed == "-" {
                guard !entries.isEmpty else { return nil }
                if listIndent == nil { listIndent = indent }
                guard indent <= listIndent! else { continue }
                entries[entries.count - 1].isList = true
                let item = String(trimmed.dropFirst()).trimmingSpaces
                // An item that is a mapping: its name is the value (Pandoc's authors), its other keys are passed over.
                if let (key, value) = keyValue(item) {
                    itemIndent = indent + 2
                    if key == "name", let name = personName(value) {
                        entries[entries.count - 1].values.append(name)
                    } else if key == "name" {
                        nameParts = [:]
                    }
                } else if !item.isEmpty {
                    itemIndent = nil
                    entries[entries.count - 1].values.append(scalar(item))
                }
                continue
            }
            if indent > 0 {
                guard !entries.isEmpty else { return nil }
                // A key of the list item above (affiliations:), or of a nested mapping (format: / html:): not the
                // document's; a name given so, the key's own mapping (author: / name: …), is.
                if let (key, value) = keyValue(trimmed), key == "name", listIndent == nil, let name = personName(value) {
                    entries[entries.count - 1].values.append(name)
                }
                continue
            }
            itemIndent = nil
            listIndent = nil
            guard let (key, value) = keyValue(text) else { return nil }
            if value == ">" || value == ">-" || value == "|" || value == "|-" {
                entries.append(Entry(key: key, values: []))
                block = (indent, value.hasPrefix(">"), false)
            } else if value.hasPrefix("[") {
                entries.append(Entry(key: key, values: inlineList(value), isList: true))
            } else {
                entries.append(Entry(key: key, values: value.isEmpty ? [] : [personName(value) ?? scalar(value)]))
            }
        }
        if nameParts != nil { endName() }
        // A header says at least what the document is; a rule over `Note: …` is no header.
        guard entries.contains(where: { ["title", "author", "authors", "date", "abstract", "keywords", "subtitle"].contains($0.key) }) else {
            return nil
        }
        return YAMLFrontMatter(end: min(scalars.count, closing.range.upperBound + 1), entries: entries)
    }

    /// A TOML header's `key = value` lines (strings, arrays, dates, numbers); tables (`[params]`) and what is in them
    /// are passed over.
    private static func toml(_ lines: [String], end: Int) -> YAMLFrontMatter? {
        var entries: [Entry] = []
        var inTable = false
        for line in lines {
            let trimmed = line.trimmingSpaces
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            if trimmed.hasPrefix("[") {
                inTable = true
                continue
            }
            guard !inTable else { continue }
            guard let equals = trimmed.firstIndex(of: "=") else { return nil }
            let key = trimmed[..<equals].trimmingSpaces.lowercased()
            let value = String(trimmed[trimmed.index(after: equals)...]).trimmingSpaces
            guard !key.isEmpty, key.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") }) else { return nil }
            entries.append(value.hasPrefix("[") ? Entry(key: key, values: inlineList(value), isList: true) : Entry(key: key, values: value.isEmpty ? [] : [scalar(value)]))
        }
        guard entries.contains(where: { ["title", "author", "authors", "date", "description", "keywords", "tags"].contains($0.key) }) else { return nil }
        return YAMLFrontMatter(end: end, entries: entries)
    }

    /// Records the header where the text said nothing of its own: title and abstract under the language they are
    /// written in, authors, keywords, and every other key as a field (`date`, `lang` …).
    func record(into metadata: inout DocumentMetadata) {
        // Keywords and tags are one list: a header may give both.
        metadata.offerKeywords(entries.filter { ["keywords", "tags"].contains($0.key) }
            .flatMap { $0.isList ? $0.values : $0.values.flatMap(ArticleReader.splitKeywords) })
        for entry in entries where !entry.values.isEmpty {
            let (key, values) = (entry.key, entry.values)
            let joined = values.joined(separator: "; ")
            switch key {
            case "title":
                metadata.offerTitle(joined)
            case "author", "authors":
                if metadata.authors.isEmpty { metadata.authors = values }
            case "abstract":
                metadata.offerAbstract(joined)
            case "keywords", "tags":
                break
            default:
                if metadata.fields[key] == nil { metadata.fields[key] = joined }
            }
        }
    }

    /// `key: value` (the value may be empty), the key lower-cased; nil for a line that is no such pair.
    private static func keyValue(_ text: String) -> (String, String)? {
        // A quoted key ("date published": …) is its text; a colon inside it is no separator.
        if let quote = text.first, quote == "\"" || quote == "'", let close = closingQuote(text) {
            let rest = text[text.index(after: close)...]
            guard rest.hasPrefix(":") else { return nil }
            let value = String(rest.dropFirst())
            guard value.isEmpty || value.first == " " || value.first == "\t" else { return nil }
            let key = scalar(String(text[...close])).trimmingSpaces
            return isKey(key) ? (key.lowercased(), value.trimmingSpaces) : nil
        }
        guard let colon = text.firstIndex(of: ":") else { return nil }
        let key = text[..<colon].trimmingSpaces
        guard !key.isEmpty, let first = key.first, !"-#[]{}?!&*|>%@`,\"'".contains(first), isKey(key) else { return nil }
        let value = String(text[text.index(after: colon)...])
        // A colon must be followed by a space or end the line (http://…, 10:30 are values, not keys).
        guard value.isEmpty || value.first == " " || value.first == "\t" else { return nil }
        return (key.lowercased(), value.trimmingSpaces)
    }

    /// Whether `key` reads as a header's key: a word of letters, digits, _ and - (title, Date, dc-creator), or, with
    /// spaces or in another script, a short name written as keys are, in lower case (weird key, date published,
    /// 来源) — not a speaker or a sentence's opening before a colon (Senator Warren:, Our position in brief:), which
    /// a header opened by --- may hold as prose.
    private static func isKey(_ key: Substring) -> Bool {
        guard !key.isEmpty, key.count <= 40 else { return false }
        if key.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") }) { return true }
        guard !key.contains(where: { ".,;?!。，；？！：\t\"'".contains($0) }), key.split(separator: " ").count <= 3 else { return false }
        return !key.contains(where: \.isUppercase)
    }

    private static func isKey(_ key: String) -> Bool { isKey(Substring(key)) }

    /// A person's name given as a flow mapping (`{given: John, family: Roe}`, `{literal: …}`), or as a scalar.
    private static func personName(_ value: String) -> String? {
        guard value.hasPrefix("{"), value.hasSuffix("}") else { return value.isEmpty ? nil : scalar(value) }
        var parts: [String: String] = [:]
        for pair in inlineList("[" + value.dropFirst().dropLast() + "]") {
            if let (key, part) = keyValue(pair) { parts[key] = scalar(part) }
        }
        if let literal = parts["literal"] ?? parts["name"] { return literal }
        let name = [parts["given"], parts["family"]].compactMap { $0 }.joined(separator: " ")
        return name.isEmpty ? nil : name
    }

    /// A scalar's value: a quoted one unquoted and unescaped (\" in double quotes, '' in single ones), a plain one
    /// without a trailing comment.
    private static func scalar(_ value: String) -> String {
        if value.count >= 2, let first = value.first, first == "\"" || first == "'", let close = closingQuote(value) {
            let inner = String(value[value.index(after: value.startIndex)..<close])
            return first == "\"" ? unescaped(inner) : inner.replacingOccurrences(of: "''", with: "'")
        }
        if let comment = value.range(of: " #") { return String(value[..<comment.lowerBound]).trimmingSpaces }
        return value
    }

    /// A double-quoted scalar's escapes resolved as YAML resolves them: \" \\ \/ \n \t \r \N \_ \L \P, and code points
    /// written \xXX, \uXXXX or \UXXXXXXXX; an escape YAML does not know, or one of a control character (\0, \a,
    /// \u0001), is kept as written.
    private static func unescaped(_ inner: String) -> String {
        guard inner.contains("\\") else { return inner }
        let simple: [Character: String] = [
            "\"": "\"", "\\": "\\", "/": "/", "n": "\n", "t": "\t", "r": "\r", " ": " ", "N": "\u{85}", "_": "\u{A0}", "L": "\u{2028}",
            "P": "\u{2029}",
        ]
        var result = ""
        var i = inner.startIndex
        while i < inner.endIndex {
            let c = inner[i]
            let next = inner.index(after: i)
            guard c == "\\", next < inner.endIndex else {
                result.append(c)
                i = next
                continue
            }
            let code = inner[next]
            if let replacement = simple[code] {
                result += replacement
                i = inner.index(after: next)
                continue
            }
            let digits = code == "x" ? 2 : code == "u" ? 4 : code == "U" ? 8 : 0
            let hexStart = inner.index(after: next)
            // A control character written as an escape (\0, \x07, \u0001) is kept as written: no metadata field holds one,
            // and TEI could only refuse it, naming a character the file does not show.
            if digits > 0, let hexEnd = inner.index(hexStart, offsetBy: digits, limitedBy: inner.endIndex),
               let value = UInt32(inner[hexStart..<hexEnd], radix: 16), let scalar = Unicode.Scalar(value),
               !(value < 0x20 && value != 0x09 && value != 0x0A && value != 0x0D) {
                result.unicodeScalars.append(scalar)
                i = hexEnd
                continue
            }
            result.append(c)
            i = next
        }
        return result
    }

    /// Where the quotation that opens `value` closes, if it does.
    private static func closingQuote(_ value: String) -> String.Index? {
        let quote = value.first!
        var i = value.index(after: value.startIndex)
        while i < value.endIndex {
            let c = value[i]
            if quote == "\"", c == "\\" {
                i = value.index(after: i)
                if i < value.endIndex { i = value.index(after: i) }
                continue
            }
            if c == quote {
                let next = value.index(after: i)
                // '' inside single quotes is a quote.
                if quote == "'", next < value.endIndex, value[next] == "'" {
                    i = value.index(after: next)
                    continue
                }
                return i
            }
            i = value.index(after: i)
        }
        return nil
    }

    /// The items of `[a, "b, c", 'd']`, commas inside quotes kept.
    private static func inlineList(_ value: String) -> [String] {
        var items: [String] = []
        var current = ""
        var quote: Character?
        for c in value.dropFirst() {
            if let open = quote {
                current.append(c)
                if c == open { quote = nil }
            } else if c == "\"" || c == "'" {
                quote = c
                current.append(c)
            } else if c == "," || c == "]" {
                items.append(current)
                current = ""
                if c == "]" { break }
            } else {
                current.append(c)
            }
        }
        return items.map { scalar($0.trimmingSpaces) }.filter { !$0.isEmpty }
    }
}

extension StringProtocol {
    /// The string without spaces and tabs at either end.
    fileprivate var trimmingSpaces: String {
        let scalars = String(self).unicodeScalars
        guard let first = scalars.firstIndex(where: { $0 != " " && $0 != "\t" }),
              let last = scalars.lastIndex(where: { $0 != " " && $0 != "\t" }) else { return "" }
        return String(scalars[first...last])
    }
}
