/// A report's glossary or list of abbreviations (附：名词解释, Glossary, Abbreviations, 缩略语): a heading, then entries
/// of a term and its meaning, set off by a colon (“两重”：…的简称。) or, as a report's PDF lays a list of
/// abbreviations out, by a tab or a run of spaces (FCC    Federal Communications Commission). The entries are read as
/// notes, no part of the argument; the list ends at the first line that is no entry (blank lines between entries
/// aside), or that a numbered list numbers out of turn, so a section of that name with prose under it stays body text.
enum Glossary {
    static let headings: Set<String> = [
        "名词解释", "附名词解释", "附件名词解释", "glossary", "glossaryofterms", "abbreviations", "listofabbreviations",
        "acronyms", "listofacronyms", "abbreviationsandacronyms", "acronymsandabbreviations", "缩略语", "缩略语表",
        "缩略词", "缩略词表", "缩写词", "缩写",
    ]

    /// The entry lines of a glossary whose heading is line `index`, or nil when `index` is no glossary heading or no
    /// entry follows it. A line indented to the meaning's column under a spaced entry carries its meaning on.
    static func entries(_ s: [Unicode.Scalar], _ lines: [Range<Int>], headingAt index: Int) -> Range<Int>? {
        guard isHeading(s, lines[index]) else { return nil }
        var end = index + 1
        var cursor = index + 1
        var meaningColumn: Int?
        var numbering: (form: Int, value: Int, term: Int)?
        while cursor < lines.count {
            let line = s.trimmed(lines[cursor])
            if line.isEmpty {
                cursor += 1
                meaningColumn = nil
                continue
            }
            if let meaningColumn, column(s, line.lowerBound) == meaningColumn,
               !HardWrap.endsSentence(s, before: s.trimmed(lines[cursor - 1]).upperBound, from: s.trimmed(lines[cursor - 1]).lowerBound) {
                cursor += 1
                end = cursor
                continue
            }
            guard isEntry(s, line) else { break }
            // Numbered entries count up from the first, in its form (1. 2. 3.; ①②③): a (1) after 1. 2. is the body's.
            let number = entryNumber(s, line)
            if cursor == index + 1 {
                numbering = number
            } else if let last = numbering {
                guard let number, number.form == last.form, number.value == last.value + 1 else { break }
                numbering = number
            } else if number != nil {
                break
            }
            meaningColumn = spacedMeaning(s, line).map { column(s, $0) }
            cursor += 1
            end = cursor
        }
        return end > index + 1 ? (index + 1)..<end : nil
    }

    /// The scalars a heading can open with, either case, or 【 (【名词解释】): asked of every line, only a short line
    /// opening with one is turned into a string.
    private static let openings: Set<Unicode.Scalar> = Set(headings.flatMap { key in
        key.unicodeScalars.first.map { [$0] + $0.properties.uppercaseMapping.unicodeScalars } ?? []
    } + ["【"])

    /// Whether `line` is a glossary's heading.
    static func isHeading(_ s: [Unicode.Scalar], _ line: Range<Int>) -> Bool {
        let heading = s.trimmed(line)
        return !heading.isEmpty && heading.count <= 28 && openings.contains(s[heading.lowerBound])
            && headings.contains(NotesHeading.key(s.string(heading)))
    }

    /// A term of at most 24 characters, then a colon, a tab or at least two spaces, then the meaning; not a numbered
    /// heading (Chapter 1: Introduction, 1  Introduction) or a caption after the list.
    static func isEntry(_ s: [Unicode.Scalar], _ line: Range<Int>) -> Bool {
        // A work report numbers its glossary's entries (1.专精特新：指…; （2）首发经济：…; ①…): the entry after the number.
        // (A Latin term after a number may be a numbered section's heading: 1. Introduction: Why …)
        if let term = entryNumber(s, line)?.term, !(s[term].isASCII && s[term].properties.isAlphabetic) {
            let head = term..<min(line.upperBound, term + 25)
            guard let colon = head.first(where: { s[$0] == "：" || s[$0] == ":" }) else { return false }
            return colon > term && colon + 1 < line.upperBound
        }
        guard !line.isEmpty, HeadingDetector.numberedLevel(s, line, latin: true) == nil, Caption.kind(s, line) == nil
        else { return false }
        let head = line.lowerBound..<min(line.upperBound, line.lowerBound + 25)
        if let colon = head.first(where: { s[$0] == "：" || s[$0] == ":" }) {
            return colon > line.lowerBound && colon + 1 < line.upperBound
        }
        return spacedMeaning(s, line) != nil
    }

    /// An entry's number (1. 1、 1． (1) （1） ①, one or two digits): its form (0: 1. 1、 1．; 1: (1) （1）; 2: ①), its
    /// value and where the term after it starts; nil when the line opens with none.
    private static func entryNumber(_ s: [Unicode.Scalar], _ line: Range<Int>) -> (form: Int, value: Int, term: Int)? {
        guard !line.isEmpty else { return nil }
        var i = line.lowerBound
        let form: Int
        let value: Int
        if let circled = ScalarClass.circledNumberValue(s[i]) {
            (form, value) = (2, circled)
            i += 1
        } else {
            let parenthesised = s[i] == "(" || s[i] == "（"
            if parenthesised { i += 1 }
            let digits = i
            while i < line.upperBound, i - digits < 3, s[i].isASCII, ScalarClass.isDigit(s[i]) { i += 1 }
            guard i > digits, i - digits <= 2, i < line.upperBound else { return nil }
            if parenthesised {
                guard s[i] == ")" || s[i] == "）" else { return nil }
            } else {
                guard s[i] == "." || s[i] == "．" || s[i] == "、" else { return nil }
            }
            form = parenthesised ? 1 : 0
            value = s[digits..<i].reduce(0) { $0 * 10 + Int($1.value - 48) }
            i += 1
        }
        while i < line.upperBound, ScalarClass.isBlank(s[i]) { i += 1 }
        return i < line.upperBound ? (form, value, i) : nil
    }

    /// Where the meaning starts in a line whose term is set off by a tab or at least two spaces (or, after a Latin
    /// abbreviation, an ideographic space), else nil. The term has at most 24 characters, opens with a letter, a
    /// digit or a unit sign (°C, %), is no section number (1  Introduction) and ends no clause (We use few terms.
    /// Each …; In this paper,  …); the meaning has a letter and no second run of spaces, which justified prose has.
    private static func spacedMeaning(_ s: [Unicode.Scalar], _ line: Range<Int>) -> Int? {
        guard let first = line.first,
              s[first].properties.isAlphabetic || ("0"..."9").contains(s[first]) || "°%$€£§#".unicodeScalars.contains(s[first])
        else { return nil }
        var gap = line.lowerBound
        while gap < min(line.upperBound, line.lowerBound + 25) {
            if s[gap] == "\t" || (s[gap] == " " && gap + 1 < line.upperBound && s[gap + 1] == " ") || s[gap] == "　" { break }
            gap += 1
        }
        guard gap < min(line.upperBound, line.lowerBound + 25), gap > line.lowerBound else { return nil }
        let term = line.lowerBound..<gap
        if s[gap] == "　", gap + 1 < line.upperBound, s[gap + 1] != "　",
           !s[term].contains(where: { $0.isASCII && $0.properties.isAlphabetic }) { return nil }
        var meaning = gap
        while meaning < line.upperBound, ScalarClass.isBlank(s[meaning]) { meaning += 1 }
        guard meaning < line.upperBound, !endsClause(s, term), !s[term].allSatisfy({ ("0"..."9").contains($0) || $0 == "." }),
              s[meaning..<line.upperBound].contains(where: { $0.properties.isAlphabetic }) else { return nil }
        for k in meaning..<(line.upperBound - 1) where ScalarClass.isBlank(s[k]) && ScalarClass.isBlank(s[k + 1]) { return nil }
        return meaning
    }

    /// Whether a term ends a clause or sentence, where an abbreviation's own stops (U.S., e.g.) come in one word
    /// with another stop inside.
    private static func endsClause(_ s: [Unicode.Scalar], _ term: Range<Int>) -> Bool {
        let last = s[term.upperBound - 1]
        if ",;，；、".unicodeScalars.contains(last) { return true }
        guard ".?!。？！".unicodeScalars.contains(last) else { return false }
        let body = s[term.lowerBound..<(term.upperBound - 1)]
        return !(body.contains(".") && !body.contains(" "))
    }

    /// Whether `paragraph` (one line) stands alone in hard-wrapped text: an entry set off by spaces in a run of such
    /// entries, their meanings (and the lines a meaning wrapped onto) in one column, that goes back to a glossary's
    /// heading, so that a list of abbreviations is not run together while a report's spaced headings and justified
    /// lines still wrap.
    static func standsAlone(_ s: [Unicode.Scalar], _ paragraph: Range<Int>, after earlier: [Range<Int>]) -> Bool {
        let line = s.trimmed(paragraph)
        guard let meaning = spacedMeaning(s, line) else { return false }
        let meaningColumn = column(s, meaning)
        for previous in earlier.reversed().prefix(200) {
            let before = s.trimmed(previous)
            if isHeading(s, before) { return true }
            guard !s[before].contains("\n") else { return false }
            // A meaning the PDF wrapped goes on in the meaning's column.
            if column(s, before.lowerBound) == meaningColumn { continue }
            guard let other = spacedMeaning(s, before), column(s, other) == meaningColumn else { return false }
        }
        return false
    }

    /// The column of `index` in its line.
    private static func column(_ s: [Unicode.Scalar], _ index: Int) -> Int {
        var start = index
        while start > 0, s[start - 1] != "\n" { start -= 1 }
        return index - start
    }
}
