import ArgMarkCore

/// A table of contents (Contents, Table of Contents, 目录): a heading, then entries that end in a page number after dot
/// leaders, a tab or a run of spaces (Introduction ........ 1; 一、总体要求……3), with blank lines and list headings
/// (Figures, Tables, Contacts) between them, as a CRS report or a white paper copied from its PDF opens. It is no
/// part of the argument: read as headings, every entry opened an empty section before the body began. A 目录 whose
/// entries carry no page numbers (a white paper set for the web) ends where its first entry comes again, as the body's
/// first heading.
enum TableOfContents {
    static let headings: Set<String> = ["contents", "tableofcontents", "目录", "目次"]

    /// A table of contents found: the indices of its lines (entries, list headings and blank lines), and whether its
    /// pages follow a single space, which its titles drop too.
    struct Found {
        var lines: Range<Int>
        var singleSpaced = false
    }

    /// The table of contents whose heading is line `index`, or nil when `index` is no such heading or too few entries
    /// follow it.
    static func find(_ s: [Unicode.Scalar], _ lines: [Range<Int>], headingAt index: Int) -> Found? {
        guard isHeading(s, lines[index]) else { return nil }
        if let found = paged(s, lines, after: index) ?? unpaged(s, lines, after: index) { return Found(lines: found) }
        return singleSpaced(s, lines, after: index).map { Found(lines: $0, singleSpaced: true) }
    }

    /// Whether `line` is a contents heading (Contents, Table of Contents, 目录). Asked of every line: only a short line
    /// that opens as a contents heading can is turned into a string.
    static func isHeading(_ s: [Unicode.Scalar], _ line: Range<Int>) -> Bool {
        let heading = s.trimmed(line)
        return !heading.isEmpty && heading.count <= 24 && ["C", "c", "T", "t", "目"].contains(s[heading.lowerBound])
            && headings.contains(NotesHeading.key(s.string(heading)))
    }

    /// Entries with page numbers; a list heading, an entry's first line that the PDF wrapped or a blank line counts
    /// only when an entry follows it. A page never lies more than 150 beyond the highest so far (the lists of
    /// figures and tables start again from their first pages), so a table's figures after the contents
    /// (城镇新增就业（万人）    1200) end them.
    private static func paged(_ s: [Unicode.Scalar], _ lines: [Range<Int>], after index: Int) -> Range<Int>? {
        var end = index + 1
        var entries = 0
        var highestPage: Int?
        var cursor = index + 1
        while cursor < lines.count {
            let line = s.trimmed(lines[cursor])
            if pageNumberStart(s, line) != nil {
                if let token = pageStart(s, line), let page = arabicPage(s, token..<line.upperBound) {
                    if page > (highestPage ?? 0) + 150 { break }
                    highestPage = max(highestPage ?? 0, page)
                }
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

    /// Entries whose page follows a single space (Summary 1; Rising Rents 5), as a contents page copied from a web
    /// page reads: at least three, their pages never going back (Roman ones before the first Arabic, appendix pages
    /// A-1 anywhere), blank lines between them allowed unless the first entries stood together; the first line that
    /// is no such entry ends them. Such a list could as well count screws, so one of its titles must come again
    /// later as a line of its own, as the body's headings repeat the contents.
    private static func singleSpaced(_ s: [Unicode.Scalar], _ lines: [Range<Int>], after index: Int) -> Range<Int>? {
        var end = index + 1
        var titles: Set<String> = []
        var lastPage = 0
        var blankSinceEntry = false
        var spacedOut: Bool?
        var cursor = index + 1
        while cursor < lines.count {
            let line = s.trimmed(lines[cursor])
            if line.isEmpty {
                if spacedOut == false { break }
                blankSinceEntry = true
                cursor += 1
                continue
            }
            guard line.count <= 100, let token = singleSpacedPage(s, line),
                  !HardWrap.endsSentence(s, before: token - 1, from: line.lowerBound) else { break }
            if let page = arabicPage(s, token..<line.upperBound) {
                guard page >= lastPage, page <= lastPage + 150 else { break }
                lastPage = page
            } else if isRoman(s, token..<line.upperBound) {
                guard lastPage == 0 else { break }
            }
            if titles.count == 1, spacedOut == nil { spacedOut = blankSinceEntry }
            titles.insert(NotesHeading.key(s.string(s.trimmed(line.lowerBound..<(token - 1)))))
            blankSinceEntry = false
            cursor += 1
            end = cursor
        }
        guard titles.count >= 3,
              lines[end...].contains(where: { titles.contains(NotesHeading.key(s.string(s.trimmed($0)))) }) else { return nil }
        return (index + 1)..<end
    }

    /// Where a page after a single space ends `line` (Rising Rents 5, Foreword iii, Data Sources A-1), if one does.
    private static func singleSpacedPage(_ s: [Unicode.Scalar], _ line: Range<Int>) -> Int? {
        guard let token = pageStart(s, line), token > line.lowerBound + 1, s[token - 1] == " ", !ScalarClass.isBlank(s[token - 2])
        else { return nil }
        // A title's last word in capitals (Part IV, World War II) is no Roman page: only lower-case ones are.
        if isRoman(s, token..<line.upperBound), s[token..<line.upperBound].contains(where: { ("A"..."Z").contains($0) }) { return nil }
        return token
    }

    private static func isRoman(_ s: [Unicode.Scalar], _ token: Range<Int>) -> Bool {
        s[token].allSatisfy { "ivxlcIVXLC".unicodeScalars.contains($0) }
    }

    /// Entries without page numbers: short lines that end no sentence, up to the line that repeats the first of them
    /// (spaces and case aside: 前  言, INTRODUCTION).
    private static func unpaged(_ s: [Unicode.Scalar], _ lines: [Range<Int>], after index: Int) -> Range<Int>? {
        var first: String?
        var entries = 0
        var cursor = index + 1
        while cursor < lines.count, cursor <= index + 60 {
            let line = s.trimmed(lines[cursor])
            if line.isEmpty {
                cursor += 1
                continue
            }
            // (A report's entry may run to 80 characters: IV. Costs and Benefits of the Proposed Standard; the
            // repeat of the first entry, which ends the contents, keeps a paragraph from being taken for one.)
            guard line.count <= 80, !HardWrap.endsSentence(s, before: line.upperBound, from: line.lowerBound) else { return nil }
            let key = NotesHeading.key(s.string(line))
            if let first, key == first { return entries >= 3 ? (index + 1)..<cursor : nil }
            if first == nil { first = key }
            entries += 1
            cursor += 1
        }
        return nil
    }

    /// Where the page number of a contents entry begins: a title, then leaders (three or more dots, middle dots or
    /// underscores, or an ellipsis), a tab or two spaces, then a page ending the line: up to four digits, a Roman
    /// numeral, a range (12–14) or an appendix page.
    static func pageNumberStart(_ s: [Unicode.Scalar], _ line: Range<Int>) -> Int? {
        guard let start = pageStart(s, line) else { return nil }
        var leader = start
        while leader > line.lowerBound, isLeader(s[leader - 1]) || ScalarClass.isBlank(s[leader - 1]) { leader -= 1 }
        let leaders = s[leader..<start]
        let dots = leaders.filter(isLeader).count
        let spaces = leaders.filter(ScalarClass.isBlank).count
        let set = dots >= 3 || leaders.contains("…") || leaders.contains("⋯") || leaders.contains("\t")
            || (dots == 0 && spaces >= 2)
        guard set, leader > line.lowerBound, leader - line.lowerBound <= 200 else { return nil }
        return leader
    }

    /// Whether a line ends in a page number set off by dot leaders, a tab or a run of at least four spaces (as
    /// pdftotext lays a contents page out): a contents entry even where the text is hard-wrapped, which must not run
    /// on into the next entry. Justified prose spreads runs of spaces along the line and may end in a capital Roman
    /// numeral (World War    II), so padding counts only before an Arabic or appendix page on a line without them.
    static func endsInSetOffPage(_ s: [Unicode.Scalar], _ line: Range<Int>) -> Bool {
        guard let start = pageStart(s, line), start > line.lowerBound else { return false }
        var k = start
        var spaces = 0
        while k > line.lowerBound, ScalarClass.isBlank(s[k - 1]) {
            spaces += s[k - 1] == "\t" ? 4 : 1
            k -= 1
        }
        if spaces >= 4, k > line.lowerBound, !isRoman(s, start..<line.upperBound), !hasJustifiedGap(s, line.lowerBound..<k) {
            return true
        }
        var dots = 0
        while k > line.lowerBound, isLeader(s[k - 1]) || ScalarClass.isBlank(s[k - 1]) {
            if isLeader(s[k - 1]) { dots += 1 }
            k -= 1
        }
        return (dots >= 3 || s[k..<start].contains("…")) && k > line.lowerBound
    }

    /// Whether a run of two or three spaces stands between words, as justified prose spreads them (a layout's padding
    /// runs longer).
    private static func hasJustifiedGap(_ s: [Unicode.Scalar], _ range: Range<Int>) -> Bool {
        var run = 0
        for k in range {
            if s[k] == " " {
                run += 1
            } else {
                if run == 2 || run == 3 { return true }
                run = 0
            }
        }
        return false
    }

    /// Where the page token that ends `line` begins, if one does.
    private static func pageStart(_ s: [Unicode.Scalar], _ line: Range<Int>) -> Int? {
        // A Chinese official PDF brackets its pages (前言……（1）): the page with its brackets.
        if line.count > 3, s[line.upperBound - 1] == "）" || s[line.upperBound - 1] == ")" {
            var open = line.upperBound - 1
            while open > line.lowerBound, open > line.upperBound - 7, ("0"..."9").contains(s[open - 1]) { open -= 1 }
            guard open < line.upperBound - 1, open > line.lowerBound, s[open - 1] == "（" || s[open - 1] == "(" else { return nil }
            return open - 1
        }
        var start = line.upperBound
        while start > line.lowerBound, isPageCharacter(s[start - 1]) { start -= 1 }
        guard start < line.upperBound else { return nil }
        let token = s[start..<line.upperBound]
        let digits = token.filter { ("0"..."9").contains($0) }.count
        let roman = isRoman(s, start..<line.upperBound)
        // 12, xiv, 12–14, A-1; a token that is all letters must be a short Roman numeral.
        guard roman ? token.count <= 6 : digits >= 1 && digits <= 4 && token.count <= 9,
              !token.first!.properties.isDash, !token.last!.properties.isDash else { return nil }
        if !roman, let letter = token.first(where: { !("0"..."9").contains($0) && !$0.properties.isDash }) {
            // Only an appendix letter before a dash may stand among the digits.
            guard ("A"..."Z").contains(letter), token.count >= 3, token.dropFirst().first!.properties.isDash else { return nil }
        }
        return start
    }

    /// The number of a page token that opens with digits (12, 12–14), else nil (xiv, A-1).
    private static func arabicPage(_ s: [Unicode.Scalar], _ token: Range<Int>) -> Int? {
        // （3）: the page in its brackets.
        if let first = s[token].first, first == "（" || first == "(", token.count >= 3 {
            return arabicPage(s, (token.lowerBound + 1)..<(token.upperBound - 1))
        }
        let digits = s[token].prefix { ("0"..."9").contains($0) }
        guard !digits.isEmpty, digits.count == s[token].count || s[token].dropFirst(digits.count).first!.properties.isDash
        else { return nil }
        return Int(String(String.UnicodeScalarView(digits)))
    }

    /// Figures, Tables, Contacts, 图表目录, or an entry's first line that the PDF wrapped: a line without a page
    /// number that ends no sentence.
    private static func isListHeading(_ s: [Unicode.Scalar], _ line: Range<Int>) -> Bool {
        line.count <= 120 && !HardWrap.endsSentence(s, before: line.upperBound, from: line.lowerBound)
            && !s[line].contains { $0 == "。" }
    }

    private static func isPageCharacter(_ c: Unicode.Scalar) -> Bool {
        ("0"..."9").contains(c) || "ivxlcIVXLC".unicodeScalars.contains(c) || ("A"..."Z").contains(c) || c.properties.isDash
    }

    private static func isLeader(_ c: Unicode.Scalar) -> Bool {
        c == "." || c == "·" || c == "．" || c == "‥" || c == "・" || c == "_" || c == "…" || c == "⋯"
    }

    /// A PDF's layout pads a label from its title (Appendix I          Objectives …): a tab or a run of three or more
    /// spaces becomes one space. Two stay, as a white paper spaces out a short title (前  言).
    private static func closingPadding(_ title: String) -> String {
        guard title.contains("   ") || title.contains("\t") else { return title }
        var result = ""
        var pending = ""
        for c in title {
            if c == " " || c == "\t" {
                pending.append(c)
                continue
            }
            result += pending.count >= 3 || pending.contains("\t") ? " " : pending
            pending = ""
            result.append(c)
        }
        return result
    }

    /// Stores the titles of the document's tables of contents as `metadata.fields["contents"]`.
    static func record(_ contents: [String], into metadata: inout DocumentMetadata) {
        if !contents.isEmpty { metadata.fields["contents"] = contents.joined(separator: "; ") }
    }

    /// The entries' titles, leaders and page numbers dropped and padding closed up, for `metadata.fields["contents"]`.
    static func titles(_ s: [Unicode.Scalar], _ lines: some Collection<Range<Int>>, singleSpaced: Bool = false) -> String {
        lines.compactMap { line -> String? in
            let range = s.trimmed(line)
            guard !range.isEmpty else { return nil }
            let end = pageNumberStart(s, range) ?? (singleSpaced ? singleSpacedPage(s, range) : nil) ?? range.upperBound
            return closingPadding(s.string(s.trimmed(range.lowerBound..<end)))
        }.joined(separator: "; ")
    }
}
