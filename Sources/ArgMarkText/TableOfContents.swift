/// A table of contents (Contents, Table of Contents, 目录): a heading, then entries that end in a page number after dot
/// leaders, a tab or a run of spaces (Introduction ........ 1; 一、总体要求……3), with blank lines and list headings
/// (Figures, Tables, Contacts) between them, as a CRS report or a white paper copied from its PDF opens. It is no
/// part of the argument: read as headings, every entry opened an empty section before the body began. A 目录 whose
/// entries carry no page numbers (a white paper set for the web) ends where its first entry comes again, as the body's
/// first heading.
enum TableOfContents {
    static let headings: Set<String> = ["contents", "tableofcontents", "目录", "目次"]

    /// The lines of a table of contents whose heading is line `index` (its entries, list headings and blank lines),
    /// or nil when `index` is no such heading or fewer than two entries follow it.
    static func lines(_ s: [Unicode.Scalar], _ lines: [Range<Int>], headingAt index: Int) -> Range<Int>? {
        guard lines[index].count <= 24, headings.contains(NotesHeading.key(s.string(lines[index]))) else { return nil }
        return paged(s, lines, after: index) ?? unpaged(s, lines, after: index)
    }

    /// Entries with page numbers; a list heading or a blank line counts only when an entry follows it.
    private static func paged(_ s: [Unicode.Scalar], _ lines: [Range<Int>], after index: Int) -> Range<Int>? {
        var end = index + 1
        var entries = 0
        var cursor = index + 1
        while cursor < lines.count {
            let line = s.trimmed(lines[cursor])
            if pageNumberStart(s, line) != nil {
                entries += 1
                cursor += 1
                end = cursor
            } else if line.isEmpty || isListHeading(s, line) {
                cursor += 1
            } else {
                break
            }
        }
        return entries >= 2 ? (index + 1)..<end : nil
    }

    /// Entries without page numbers: short lines that end no sentence, up to the line that repeats the first of them.
    private static func unpaged(_ s: [Unicode.Scalar], _ lines: [Range<Int>], after index: Int) -> Range<Int>? {
        var first: [Unicode.Scalar]?
        var entries = 0
        var cursor = index + 1
        while cursor < lines.count, cursor <= index + 60 {
            let line = s.trimmed(lines[cursor])
            if line.isEmpty {
                cursor += 1
                continue
            }
            guard line.count <= 40, !HardWrap.endsSentence(s, before: line.upperBound, from: line.lowerBound) else { return nil }
            let text = Array(s[line])
            if let first, text == first { return entries >= 3 ? (index + 1)..<cursor : nil }
            if first == nil { first = text }
            entries += 1
            cursor += 1
        }
        return nil
    }

    /// Where the page number of a contents entry begins: a title, then leaders (three or more dots, middle dots or
    /// ellipses), a tab or two spaces, then an Arabic or Roman page number ending the line.
    static func pageNumberStart(_ s: [Unicode.Scalar], _ line: Range<Int>) -> Int? {
        var start = line.upperBound
        while start > line.lowerBound, isPageDigit(s[start - 1]) { start -= 1 }
        guard start < line.upperBound, line.upperBound - start <= 4 else { return nil }
        var leader = start
        while leader > line.lowerBound, isLeader(s[leader - 1]) { leader -= 1 }
        let leaders = s[leader..<start]
        let dots = leaders.filter { $0 != " " && $0 != "\t" && $0 != "　" }.count
        let set = dots >= 3 || leaders.contains("\t") || leaders.contains("…") || leaders.count >= 2 && dots == 0 && leaders.allSatisfy { $0 == " " || $0 == "　" }
        // Something must stand before the leaders, and it must not be a sentence (… grew by 12 percent in 2 020).
        guard set, leader > line.lowerBound, leader - line.lowerBound <= 200 else { return nil }
        return leader
    }

    /// Figures, Tables, Appendixes, Contacts, 图表目录: a short line without a page number inside the contents.
    private static func isListHeading(_ s: [Unicode.Scalar], _ line: Range<Int>) -> Bool {
        line.count <= 30 && !HardWrap.endsSentence(s, before: line.upperBound, from: line.lowerBound)
            && !s[line].contains { $0 == "，" || $0 == "," || $0 == "。" }
    }

    private static func isPageDigit(_ c: Unicode.Scalar) -> Bool {
        ("0"..."9").contains(c) || "ivxlcIVXLC".unicodeScalars.contains(c)
    }

    private static func isLeader(_ c: Unicode.Scalar) -> Bool {
        c == "." || c == "·" || c == "…" || c == "．" || c == "⋯" || c == " " || c == "\t" || c == "　"
    }

    /// The entries' titles, leaders and page numbers dropped, for `metadata.fields["contents"]`.
    static func titles(_ s: [Unicode.Scalar], _ lines: some Collection<Range<Int>>) -> String {
        lines.compactMap { line -> String? in
            let range = s.trimmed(line)
            guard !range.isEmpty else { return nil }
            let end = pageNumberStart(s, range) ?? range.upperBound
            return s.string(s.trimmed(range.lowerBound..<end))
        }.joined(separator: "; ")
    }
}
