/// A report's glossary (附：名词解释, Glossary): a heading, then entries of a term and a colon (“两重”：…的简称。). The
/// entries are read as notes, no part of the argument; the glossary ends at the first line that is no entry, so a
/// section of that name with prose under it stays body text.
enum Glossary {
    static let headings: Set<String> = ["名词解释", "附名词解释", "附件名词解释", "glossary", "glossaryofterms"]

    /// The entry lines of a glossary whose heading is line `index`, or nil when `index` is no glossary heading or no
    /// entry follows it.
    static func entries(_ s: [Unicode.Scalar], _ lines: [Range<Int>], headingAt index: Int) -> Range<Int>? {
        guard lines[index].count <= 16, headings.contains(NotesHeading.key(s.string(lines[index]))) else { return nil }
        var end = index + 1
        while end < lines.count, isEntry(s, s.trimmed(lines[end])) { end += 1 }
        return end > index + 1 ? (index + 1)..<end : nil
    }

    /// A term of at most 24 characters, then a colon, then the definition.
    static func isEntry(_ s: [Unicode.Scalar], _ line: Range<Int>) -> Bool {
        guard let colon = (line.lowerBound..<min(line.upperBound, line.lowerBound + 25)).first(where: { s[$0] == "：" || s[$0] == ":" })
        else { return false }
        return colon > line.lowerBound && colon + 1 < line.upperBound
    }
}
