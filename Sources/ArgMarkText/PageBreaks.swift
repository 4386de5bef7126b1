/// Text extracted from a PDF (pdftotext and most converters) marks each page break with a form feed and keeps the
/// page furniture around it: the page number, and a running head or foot that repeats from page to page (the
/// author and short title, the journal and volume, "CRS-12"). Read as text, the furniture becomes headings and
/// paragraphs in the middle of the argument, and the paragraph that runs on across the break is cut in two.
/// `PageBreaks` blanks the furniture next to each form feed and joins the paragraph a break cut. A hard-wrapped text
/// without form feeds (copied from a PDF viewer) turns its pages where its page numbers count up
/// (`numberedPageEnds`); any other text reads as before.
enum PageBreaks {
    /// Lines on each side of a break that may be furniture: a page number and a running head or foot.
    static let furnitureLinesPerSide = 2
    /// Longest furniture line, in scalars.
    static let longestFurniture = 120

    /// The text's logical lines (`HardWrap.logicalLines`), with the page furniture blanked in `scalars` (spaces in
    /// place of its characters, so that every offset still points into the source) and a paragraph that runs on
    /// across a page break read as one.
    static func logicalLines(_ scalars: inout [Unicode.Scalar]) -> [Range<Int>] {
        var footnotes: [Footnote] = []
        return logicalLines(&scalars, footnotes: &footnotes)
    }

    /// A note set at the foot of a page: its number and text (`1 U.S. Energy Information Administration, …`), and
    /// where it stood.
    struct Footnote: Sendable, Hashable {
        var marker: String
        var text: String
        var range: Range<Int>
        /// A journal's fields on a first page's foot under its notes (收稿日期：…, 基金项目：…, 作者简介：…): metadata
        /// (`takeFields`), not a note.
        var isField = false
    }

    /// The fields among `footnotes` (removed from them), in order; a line among them that names no field the front
    /// matter knows (Funding: …) stays a note without a marker, as a source line does.
    static func takeFields(_ footnotes: inout [Footnote]) -> [(key: String, value: String)] {
        var fields: [(key: String, value: String)] = []
        footnotes = footnotes.compactMap { note in
            guard note.isField else { return note }
            let found = FrontMatter.lateFields(note.text) ?? FrontMatter.fieldsOf(note.text)
            if found.isEmpty { return Footnote(marker: "", text: note.text, range: note.range) }
            fields += found.map { (key: $0.0, value: $0.1) }
            return nil
        }
        return fields
    }

    /// Whether a line at a page's foot opens a journal's fields (收稿日期：2023-11-20；修回日期：…, 基金项目：…,
    /// 作者简介：…): by the journal's own labels only (a note's wrapped line may open 作者单位： or 基金：), asked of every
    /// line of a page's notes, so the label is looked for first.
    static func isFieldLine(_ s: [Unicode.Scalar], _ line: Range<Int>) -> Bool {
        guard line.count >= 6, let first = s[line].first(where: { !"［[【".unicodeScalars.contains($0) }),
              ScalarClass.isHan(first) || first == "R" || first == "F"
        else { return false }
        let head = String(s.string(line.lowerBound..<min(line.upperBound, line.lowerBound + 16)).drop { "［[【 ".contains($0) })
        guard fieldLabels.contains(where: head.hasPrefix) else { return false }
        return FrontMatter.lateFields(s.string(line)) != nil || head.hasPrefix("Received") || head.hasPrefix("Funding")
    }

    private static let fieldLabels = ["收稿日期", "修回日期", "录用日期", "接受日期", "基金项目", "作者简介", "通讯作者", "Received", "Funding"]

    /// Whether a line of a journal's fields opens another label (DOI：…, Funding: …): a colon near its start after
    /// a few words or characters, none of them a comma.
    static func opensLabel(_ text: String) -> Bool {
        guard let colon = text.prefix(24).firstIndex(where: { $0 == "：" || $0 == ":" }) else { return false }
        let label = text[..<colon]
        return !label.isEmpty && !label.contains(where: { "，,。".contains($0) }) && label.split(separator: " ").count <= 3
    }

    /// The logical lines as above, and the notes set at the foot of each page (`blankFootnotes`), blanked from the
    /// text so that a paragraph they stood in the middle of reads as one; a heading wrapped onto a second line is one
    /// (`WrappedHeading`), and so is a section number on the line above its title; a speaker's label on a line of its
    /// own opens the paragraph below it (`SpeakerLabel`).
    static func logicalLines(_ scalars: inout [Unicode.Scalar], footnotes: inout [Footnote]) -> [Range<Int>] {
        let lines = WrappedHeading.joined(scalars, pagedLines(&scalars, footnotes: &footnotes))
        return SpeakerLabel.joined(scalars, WrappedHeading.joinedSectionNumbers(scalars, lines))
    }

    /// The logical lines with the page furniture blanked, and a paragraph a page break cut read as one.
    private static func pagedLines(_ scalars: inout [Unicode.Scalar], footnotes: inout [Footnote]) -> [Range<Int>] {
        // The wrap width, which tells a running head from a wrapped line, is measured before anything is blanked.
        let before = HardWrap.layout(scalars)
        let breaks = blankFurniture(&scalars, wrapWidth: before.width, footnotes: &footnotes)
        guard !breaks.isEmpty else { return unpagedLines(&scalars, before.lines, footnotes: &footnotes) }
        let (lines, width) = HardWrap.layout(scalars)
        return joinAcross(breaks, lines, scalars, wrapWidth: width)
    }

    /// The notes at the foot of each page, blanked in `s` (the page furniture already is): at the bottom of a page, a
    /// run of lines whose first opens with a note number that the page's text carries as a marker (…their grids.1
    /// Mining …, ¹, ①), each entry numbered one more than the one before (an entry's wrapped lines between them), and
    /// above it, if any, the rule a converter leaves as a line of underscores or dashes. A numbered list at a page's
    /// foot has no such markers above it, so it stays text.
    static func blankFootnotes(_ s: inout [Unicode.Scalar], breaks: [Int]) -> [Footnote] {
        let lines = lineRanges(s).map { s.trimmed($0) }
        var pageEnds = breaks
        if let last = lines.last(where: { !$0.isEmpty }), !breaks.contains(where: { $0 >= last.lowerBound }) { pageEnds.append(s.count) }
        var notes: [Footnote] = []
        var blanked: [Range<Int>] = []
        var pageStart = 0
        var lineIndex = 0
        for end in pageEnds {
            var page: [Range<Int>] = []
            while lineIndex < lines.count, lines[lineIndex].lowerBound <= end {
                let line = lines[lineIndex]
                if !line.isEmpty, line.lowerBound >= pageStart, !(line.contains { s[$0] == "\u{0C}" }) { page.append(line) }
                lineIndex += 1
            }
            pageStart = end + 1
            guard let block = footnoteBlock(s, page) else { continue }
            notes += footnotes(s, page, block.entries)
            blanked += page[block.start...]
        }
        for line in blanked {
            for i in line { s[i] = " " }
        }
        return notes
    }

    /// A text without pages, whose notes stand at its end under a rule (a line of underscores or dashes), as a web
    /// page's or an EU document's do when copied: the notes blanked and returned, as a page's foot notes are, and the
    /// lines read again. Without the rule such a run of numbered lines is a list, and the text reads as it was.
    private static func unpagedLines(_ s: inout [Unicode.Scalar], _ lines: [Range<Int>], footnotes: inout [Footnote]) -> [Range<Int>] {
        // Cheap first: the rule must stand within the text's last 41 lines, looked for from the end.
        guard lines.suffix(41).contains(where: { isRule(s, s.trimmed($0)) }) else { return lines }
        let page = lineRanges(s).map { s.trimmed($0) }.filter { !$0.isEmpty }
        guard let block = footnoteBlock(s, page, bracketed: true), isRule(s, page[block.start]),
              // A table under a rule (1   Germany   1.2 percent) is no list of notes.
              !block.entries.contains(where: { Caption.isFigureRow(s, page[$0.line]) })
        else {
            return lines
        }
        footnotes += Self.footnotes(s, page, block.entries)
        for line in page[block.start...] {
            for i in line { s[i] = " " }
        }
        return HardWrap.layout(s).lines
    }

    /// The notes of a block's entries, each running to the line before the next one's; a source line among an
    /// entry's lines (Source: …, 资料来源：…) is a note of its own, not the entry's continuation.
    private static func footnotes(_ s: [Unicode.Scalar], _ page: [Range<Int>], _ entries: [(line: Int, number: Int, marker: String, textStart: Int)]) -> [Footnote] {
        var notes: [Footnote] = []
        for (n, entry) in entries.enumerated() {
            // The fields under this entry, after its note.
            var trailing: [Footnote] = []
            defer { notes += trailing }
            var last = n + 1 < entries.count ? entries[n + 1].line - 1 : page.count - 1
            // A journal's fields under the notes (收稿日期：… / 基金项目：… / 作者简介：…) end the note above them; a line
            // of theirs that does not open a field wraps the one before.
            // (Only under a note line that ends: a wrapped note goes on.)
            if last > entry.line, let first = (entry.line + 1...last).first(where: { k in
                isFieldLine(s, page[k]) && endsNoteLine(s[page[k - 1].upperBound - 1])
            }) {
                var fields: [Footnote] = []
                for k in first...last {
                    let text = s.string(page[k])
                    let opensField = isFieldLine(s, page[k]) || opensLabel(text)
                    if let previous = fields.last, !opensField, !endsNoteLine(s[page[k - 1].upperBound - 1]) {
                        // A field wrapped onto this line, in Latin with a space.
                        let space = ScalarClass.isLatinLetter(s[page[k].lowerBound]) || ScalarClass.isLatinLetter(s[page[k - 1].upperBound - 1]) ? " " : ""
                        fields[fields.count - 1].text = previous.text + space + text
                        fields[fields.count - 1].range = previous.range.lowerBound..<page[k].upperBound
                    } else {
                        // Another field, or a line of its own (本文观点仅代表作者个人。): a note without a marker unless it
                        // names a field (takeFields).
                        fields.append(Footnote(marker: "", text: text, range: page[k], isField: opensField))
                    }
                }
                trailing = fields
                last = first - 1
            }
            var end = last
            if let source = (entry.line + 1...max(entry.line + 1, last)).first(where: { $0 <= last && Caption.isSourceLine(s, page[$0]) }) {
                end = source - 1
                let range = page[source].lowerBound..<page[last].upperBound
                let entryRange = entry.textStart..<page[end].upperBound
                notes.append(Footnote(marker: entry.marker, text: s.string(entryRange), range: entryRange))
                notes.append(Footnote(marker: "", text: s.string(range), range: range))
                continue
            }
            let range = entry.textStart..<page[end].upperBound
            notes.append(Footnote(marker: entry.marker, text: s.string(range), range: range))
        }
        return notes
    }

    /// Whether a note's line ends where a field may follow it: a full stop, a closing bracket or quote, a page range.
    static func endsNoteLine(_ last: Unicode.Scalar) -> Bool {
        "。．.）)”\"』」".unicodeScalars.contains(last) || ScalarClass.isDigit(last)
    }

    /// The foot-of-page notes among a page's lines: the index of their first line (the rule above them, if any) and
    /// each entry's line, number, marker (3, or ③) and where its text starts.
    /// `bracketed`: entries may be numbered as the text cites them ([1] …), as a letter's or a web page's notes under a
    /// rule at its end are (a PDF's pages set their notes' numbers bare; a numbered reference list is read as one).
    private static func footnoteBlock(_ s: [Unicode.Scalar], _ page: [Range<Int>], bracketed: Bool = false)
        -> (start: Int, entries: [(line: Int, number: Int, marker: String, textStart: Int)])?
    {
        guard page.count >= 2 else { return nil }
        var entries: [(line: Int, number: Int, marker: String, textStart: Int)] = []
        var best: (start: Int, entries: [(line: Int, number: Int, marker: String, textStart: Int)])?
        // From the page's last line up: the block grows entry by entry while the numbers count up downwards.
        var k = page.count - 1
        while k >= 1, page.count - k <= 40 {
            if let (number, textStart) = entryNumber(s, page[k], bracketed: bracketed) {
                if let next = entries.first, next.number != number + 1 { break }
                // The marker as the text writes it: 3, or ③.
                let marker = ScalarClass.isCircledNumber(s[page[k].lowerBound]) ? String(Character(s[page[k].lowerBound])) : String(number)
                entries.insert((k, number, marker, textStart), at: 0)
                if carriesMarker(s, Array(page[..<k]), number, bracketed: bracketed) {
                    var start = k
                    if start > 0, isRule(s, page[start - 1]) { start -= 1 }
                    best = (start, entries)
                }
            } else if entries.isEmpty, k < page.count - 12 {
                // Below the lowest entry only its own wrapped lines.
                break
            }
            k -= 1
        }
        // Every line from the block's first entry down belongs to an entry.
        if let found = best, !(found.entries.first?.line ?? 0 >= found.start) { best = nil }
        // An author's note above the numbered ones (or alone at a first page's foot), marked as the title or the
        // byline marks it: *　李华，北京大学法学院助理教授。本文系……的阶段性成果。
        let below = best?.start ?? page.count
        for k in stride(from: below - 1, through: max(1, below - (best == nil ? 3 : 4)), by: -1) {
            guard isAuthorNoteMark(s[page[k].lowerBound]), page[k].count > 2, !isSignificanceLegend(s, page[k]),
                  page[..<k].contains(where: { line in line.dropFirst().contains { s[$0] == s[page[k].lowerBound] } })
            else { continue }
            let textStart = s.trimmed(page[k].lowerBound + 1..<page[k].upperBound).lowerBound
            let note = (line: k, number: 0, marker: String(Character(s[page[k].lowerBound])), textStart: textStart)
            return (k > 0 && isRule(s, page[k - 1]) ? k - 1 : k, [note] + (best?.entries ?? []))
        }
        return best
    }

    /// A table's legend of its stars (* p < 0.05, ** p < 0.01), which is no author's note.
    static func isSignificanceLegend(_ s: [Unicode.Scalar], _ line: Range<Int>) -> Bool {
        let text = String(String.UnicodeScalarView(s[line])).lowercased()
        return text.contains(/p\s*[<>≤≥]/) || text.contains("significan")
    }

    /// The marks of an author's note at a page's foot: *, ∗, ＊, †.
    static func isAuthorNoteMark(_ c: Unicode.Scalar) -> Bool { c == "*" || c == "∗" || c == "＊" || c == "†" }

    /// The note number opening `line` (1 to 3 digits, or a circled number, then a space or a letter), and where the
    /// note's text starts.
    private static func entryNumber(_ s: [Unicode.Scalar], _ line: Range<Int>, bracketed: Bool = false) -> (number: Int, textStart: Int)? {
        let i = line.lowerBound
        if bracketed, s[i] == "[" || s[i] == "［" {
            var k = i + 1
            while k < line.upperBound, k - i <= 3, ScalarClass.isDigit(s[k]) { k += 1 }
            guard k > i + 1, k < line.upperBound, s[k] == "]" || s[k] == "］",
                  let number = Int(String(String.UnicodeScalarView(s[(i + 1)..<k]))) else { return nil }
            let start = s.trimmed(k + 1..<line.upperBound).lowerBound
            return start < line.upperBound ? (number, start) : nil
        }
        if let value = ScalarClass.circledNumberValue(s[i]) {
            let start = line.lowerBound + 1 < line.upperBound ? s.trimmed(line.lowerBound + 1..<line.upperBound).lowerBound : line.upperBound
            return start < line.upperBound ? (value, start) : nil
        }
        var k = i
        // ¹ JRC (2020), …: a web page's or word processor's note number, in superscript.
        if ScalarClass.isSuperscriptDigit(s[i]) {
            while k < line.upperBound, k - i < 3, ScalarClass.isSuperscriptDigit(s[k]) { k += 1 }
            guard k < line.upperBound, let number = Int(String(String.UnicodeScalarView(s[i..<k].map(ScalarClass.superscriptValue)))) else { return nil }
            let start = s.trimmed(k..<line.upperBound).lowerBound
            guard start < line.upperBound, !ScalarClass.isLower(s[start]) else { return nil }
            return (number, start)
        }
        while k < line.upperBound, k - i < 3, ScalarClass.isDigit(s[k]) { k += 1 }
        guard k > i, k < line.upperBound, ScalarClass.isSpace(s[k]), let number = Int(String(String.UnicodeScalarView(s[i..<k]))) else { return nil }
        let start = s.trimmed(k..<line.upperBound).lowerBound
        // "12 U.S. Energy …", "3 Ibid.", "4 “Title,”": a note's text opens with a capital, a quote or a CJK character,
        // or with a title's number before a capital (4 5 U.S.C. § 706, 7 42 U.S.C. 1983).
        var titleNumber = start
        while titleNumber < line.upperBound, titleNumber - start < 3, ScalarClass.isDigit(s[titleNumber]) { titleNumber += 1 }
        let citesTitle = titleNumber > start && titleNumber + 1 < line.upperBound && s[titleNumber] == " " && ScalarClass.isUpper(s[titleNumber + 1])
        guard start < line.upperBound, ScalarClass.isUpper(s[start]) || ScalarClass.isCJK(s[start]) || "\"“‘'(".unicodeScalars.contains(s[start]) || citesTitle
        else { return nil }
        return (number, start)
    }

    /// Whether `lines` carry note number `number` as a marker: the digits right after a word or a closing mark and
    /// before a space or the line's end (grids.1, Act,12 ”3), a superscript number or a circled one.
    private static func carriesMarker(_ s: [Unicode.Scalar], _ lines: [Range<Int>], _ number: Int, bracketed: Bool = false) -> Bool {
        let digits = Array(String(number).unicodeScalars)
        if bracketed {
            let cited = Array("[\(number)]".unicodeScalars), fullWidth = Array("［\(number)］".unicodeScalars)
            if lines.contains(where: { line in
                // Set on the word or stop it follows (…would exclude.[1], fees[2]), or after a space before a stop or a
                // comma (… in public administration [1].); "Option [1] would", "as [1] and [2]" name the list's items.
                line.contains { i in
                    guard i > line.lowerBound, (s[i] == "[" && s[i..<line.upperBound].starts(with: cited))
                            || (s[i] == "［" && s[i..<line.upperBound].starts(with: fullWidth))
                    else { return false }
                    if !ScalarClass.isSpace(s[i - 1]) { return true }
                    let after = i + cited.count
                    guard after >= line.upperBound || ".,;:)。，；".unicodeScalars.contains(s[after]) else { return false }
                    // (…recommends option [1]. names the item.)
                    var w = i - 1
                    while w > line.lowerBound, ScalarClass.isLatinLetter(s[w - 1]) { w -= 1 }
                    return !Self.itemLabels.contains(String(String.UnicodeScalarView(s[w..<(i - 1)])).lowercased())
                }
            }) { return true }
        }
        for (index, line) in lines.enumerated() {
            // A circled marker the wrap put at a line's start (…冶炼园区。 | ①与此同时，…): the line above runs on into it,
            // nearly as wide as the page's widest; a list's item opens after its item's short last line or its lead-in's
            // colon, and the list's next item opens a line too.
            if index > 0, ScalarClass.circledNumberValue(s[line.lowerBound]) == number, runsOn(s, from: lines[index - 1], into: line),
               5 * lines[index - 1].count >= 4 * (lines.map(\.count).max() ?? 0),
               !"：:".unicodeScalars.contains(s[lines[index - 1].upperBound - 1]),
               // (No other line of the page opens with a circled number: two lists, ①② and ①②, are no marker and note.)
               !lines.enumerated().contains(where: { $0.offset != index && ScalarClass.circledNumberValue(s[$0.element.lowerBound]) != nil }) {
                return true
            }
            var i = line.lowerBound + 1
            while i < line.upperBound {
                if ScalarClass.circledNumberValue(s[i]) == number { return true }
                if ScalarClass.isSuperscriptDigit(s[i]), !ScalarClass.isSuperscriptDigit(s[i - 1]) {
                    var k = i
                    while k < line.upperBound, ScalarClass.isSuperscriptDigit(s[k]) { k += 1 }
                    if s[i..<k].map(ScalarClass.superscriptValue) == digits { return true }
                }
                if s[i] == digits[0], !ScalarClass.isDigit(s[i - 1]), !ScalarClass.isSpace(s[i - 1]),
                   ScalarClass.isLatinLetter(s[i - 1]) || ".,;:)”’\"'".unicodeScalars.contains(s[i - 1]) || ScalarClass.isCJK(s[i - 1]),
                   !isDecimal(s, markerAt: i, lineStart: line.lowerBound) {
                    let end = i + digits.count
                    if end <= line.upperBound, Array(s[i..<end]) == digits, end == line.upperBound || !ScalarClass.isDigit(s[end]) {
                        // Not a figure: 2024, 3.5, $40 stand after a space, a decimal point has a digit before it.
                        if end == line.upperBound || ScalarClass.isSpace(s[end]) || ".,;:".unicodeScalars.contains(s[end]) { return true }
                    }
                }
                i += 1
            }
        }
        return false
    }

    /// Words that name a numbered item rather than cite a note (Option [1], step [2]).
    static let itemLabels: Set<String> = [
        "option", "options", "item", "items", "step", "steps", "alternative", "proposal", "recommendation", "scenario", "case",
        "question", "point", "measure", "priority", "action", "tier", "level", "stage", "phase", "type", "model", "group",
        "figure", "table", "equation", "eq", "fig", "appendix", "annex", "section", "part", "box", "questions", "recommendations",
        "steps", "points", "measures", "actions", "priorities", "proposals", "figures", "tables", "sections", "parts", "chapters",
    ]

    /// Whether `line` follows `previous` on the next source line, no blank line between them.
    private static func runsOn(_ s: [Unicode.Scalar], from previous: Range<Int>, into line: Range<Int>) -> Bool {
        var newlines = 0
        for i in previous.upperBound..<line.lowerBound {
            if s[i] == "\n" { newlines += 1 } else if !ScalarClass.isSpace(s[i]) && s[i] != "\r" { return false }
        }
        return newlines == 1
    }

    /// Whether the digits at `i` are the decimals of a figure (2.3 in a table's row, 1,250), not a note number:
    /// a point or comma with a digit before it, unless that digit ends a year standing as a word (in 2025.5 The …).
    private static func isDecimal(_ s: [Unicode.Scalar], markerAt i: Int, lineStart: Int) -> Bool {
        guard i - 2 >= lineStart, s[i - 1] == "." || s[i - 1] == ",", ScalarClass.isDigit(s[i - 2]) else { return false }
        return !SentenceSegmenter.closesYear(s, stopAt: i - 1)
    }

    /// A line that is nothing but a rule: five or more underscores, dashes or box-drawing strokes.
    private static func isRule(_ s: [Unicode.Scalar], _ line: Range<Int>) -> Bool {
        line.count >= 5 && line.allSatisfy { "_-—–─━".unicodeScalars.contains(s[$0]) || ScalarClass.isSpace(s[$0]) }
    }

    /// Blanks the furniture next to each page break and returns the breaks' offsets (empty when there are none): the
    /// form feeds, or in a hard-wrapped text without them the ends of its page-number lines (`numberedPageEnds`). A
    /// line next to a break is furniture when it is a page number (12, - 12 -, Page 12 of 30, 第12页), or when it
    /// reads, digits aside, as a line next to another break, stands nowhere else and does not end a sentence (a
    /// running head or foot); furniture runs from the break outwards and stops at the first line that is neither.
    /// On a page without such a head, a heading-like line that stands between a sentence cut off at the break and its
    /// continuation, and is no wrapped line of the text (`wrapWidth`), is one too.
    /// The notes at the feet of the pages (`blankFootnotes`) are blanked before that last step, so that a head between
    /// a sentence cut off above a page's notes and its continuation is found too.
    static func blankFurniture(_ s: inout [Unicode.Scalar], wrapWidth: Int?, footnotes: inout [Footnote]) -> [Int] {
        var breaks = s.indices.filter { s[$0] == "\u{0C}" }
        let formFeeds = !breaks.isEmpty
        let lines = lineRanges(s)
        if !formFeeds { breaks = numberedPageEnds(s, lines, decoratedOnly: wrapWidth == nil) }
        guard !breaks.isEmpty else { return [] }
        let candidates = furnitureCandidates(s, lines, breaks)
        // The lines that turn the pages (a text without form feeds): a head that carries the page number goes, and
        // only that one (a heading or table row set off by two spaces next to a bare page number stays).
        let pageLines = formFeeds ? [] : Set(lines.filter { breaks.contains($0.upperBound) }.map { s.trimmed($0).lowerBound })
        // Running heads and feet: a line that, digits aside, stands as two or more lines next to two or more breaks
        // and nowhere else (a line of the argument that a text repeats turns up away from the breaks too; a heading
        // or caption alone on a short page stands next to two breaks but is one line).
        var breaksByKey: [String: Set<Int>] = [:]
        var linesByKey: [String: Set<Int>] = [:]
        for (side, lines) in candidates.enumerated() {
            for line in lines where line.count <= longestFurniture {
                let key = key(s, line)
                breaksByKey[key, default: []].insert(side / 2)
                linesByKey[key, default: []].insert(line.lowerBound)
            }
        }
        // The text's own start and end are page edges too: the title that the running head repeats stands above the
        // first page, the last page's foot below its last line when no form feed follows it. Such a line does not
        // count as standing elsewhere; the foot is blanked, the title kept.
        let filled = lines.map { s.trimmed($0) }.filter { !$0.isEmpty }
        let nextToBreaks = Set(candidates.joined().map(\.lowerBound))
        func isEdge(_ line: Range<Int>) -> Bool {
            !nextToBreaks.contains(line.lowerBound) && !line.contains { s[$0] == "\u{0C}" }
        }
        // Only a heading-like line above the first page, or a title that asks (Do Enterprise Zones Create Jobs or
        // Move Them?): a running head is no sentence. The title may stand under the journal's line and its DOI.
        let firstLines = Set(filled.prefix(furnitureLinesPerSide + 2).filter {
            isEdge($0) && (HeadingDetector.level(s, $0) != nil || HeadingDetector.isTitle(s, $0))
        }.map(\.lowerBound))
        let lastLines = formFeeds ? Array(filled.suffix(furnitureLinesPerSide).reversed()).filter { line in
            isEdge(line) && !breaks.contains { $0 >= line.lowerBound }
        } : []
        var everywhere: [String: Int] = [:]
        for text in filled where text.count <= longestFurniture && !firstLines.contains(text.lowerBound) && !lastLines.contains(text) {
            let key = key(s, text)
            if linesByKey[key] != nil { everywhere[key, default: 0] += 1 }
        }
        // A head that also stands above the first page (a thesis's 华中师范大学硕士学位论文, a journal's name and issue)
        // needs only one more page edge: a copy of three or four pages shows each of two alternating heads once.
        // Such a head is short of a full line: a paragraph's first line that the text happens to repeat is not.
        func isShort(_ line: Range<Int>) -> Bool {
            wrapWidth.map { 20 * HardWrap.columns(s, line) < 17 * $0 } ?? (line.count <= 30)
        }
        let firstKeys = Set(filled.filter { firstLines.contains($0.lowerBound) && isShort($0) }.map { key(s, $0) })
        // … and its number too, when it has one (Chapter 1 above the first page is no head of Chapter 2's page).
        let firstTexts = Set(filled.filter { firstLines.contains($0.lowerBound) }.map { unmarked(s, $0) })
        // A head or foot that carries the page's number beside its text (Congressional Research Service    1, … 2)
        // at two breaks or more, its numbers counting up by one as pages do, is furniture even where its text stands
        // elsewhere too (a report's issuer on its cover); a table's Total    65 at the foot of two pages is not.
        var folioNumbersByKey: [String: [Int]] = [:]
        for lines in candidates {
            for line in lines where line.count <= longestFurniture {
                if let (number, _) = folio(s, line) { folioNumbersByKey[key(s, line), default: []].append(number) }
            }
        }
        func countsUp(_ numbers: [Int]) -> Bool {
            numbers.count >= 2 && zip(numbers, numbers.dropFirst()).allSatisfy { $1 == $0 + 1 }
        }
        let runningKeys = Set(breaksByKey.keys.filter { key in
            let top = firstKeys.contains(key) ? 1 : 0
            guard breaksByKey[key]!.count + top >= 2, linesByKey[key]!.count + top >= 2 else { return false }
            return everywhere[key] == linesByKey[key]!.count || countsUp(folioNumbersByKey[key] ?? [])
        })
        var furniture: [Range<Int>] = []
        // From each break outwards up to the first line that is not furniture; how many lines each side gave.
        var furnitureCount = [Int](repeating: 0, count: candidates.count)
        for (side, lines) in candidates.enumerated() {
            for line in lines {
                guard isFurniture(line) else { break }
                furniture.append(line)
                furnitureCount[side] += 1
            }
            // A head and the page number beyond it (\fJOURNAL OF ARGUMENTATION STUDIES / 213): the number vouches for
            // the short line it stands against, which a single page cannot show recurring.
            if furnitureCount[side] == 0, lines.count >= 2, isPageNumber(s, lines[1]), lines[0].count <= longestFurniture,
               endsMidSentence(s, lines[0]), isInCapitals(s, lines[0]) {
                furniture += lines[0...1]
                furnitureCount[side] = 2
            }
        }
        func isRunningHead(_ line: Range<Int>) -> Bool {
            let key = key(s, line)
            guard runningKeys.contains(key) else { return false }
            return breaksByKey[key]!.count >= 2 || firstTexts.contains(unmarked(s, line))
        }
        func isFurniture(_ line: Range<Int>) -> Bool {
            line.count <= longestFurniture && (isPageNumber(s, line) || (pageLines.contains(s.trimmed(line).lowerBound) && folio(s, s.trimmed(line)) != nil)
                || (isRunningHead(line) || isJournalIssue(s, line))
                    // A head in capitals may end in a stop (M. A. ELLISON ET AL.); a sentence is not set so.
                    && (endsMidSentence(s, line) || isInCapitals(s, line)))
        }
        for line in lastLines {
            guard isFurniture(line) else { break }
            furniture.append(line)
        }
        for line in furniture {
            for i in line { s[i] = " " }
        }
        footnotes = blankFootnotes(&s, breaks: breaks)
        if let wrapWidth {
            // The lines next to each break once the furniture and the notes are blank; only a side that gave no
            // furniture may hold such a head (on the other, the head was found, and the next line is the text's).
            let bodyCandidates = furnitureCandidates(s, lineRanges(s), breaks)
            var heads: [Range<Int>] = []
            for side in stride(from: 0, to: bodyCandidates.count, by: 2) {
                let before = furnitureCount[side] == 0 ? bodyCandidates[side] : Array(bodyCandidates[side].prefix(1))
                let after = furnitureCount[side + 1] == 0 ? bodyCandidates[side + 1] : Array(bodyCandidates[side + 1].prefix(1))
                // Heading-like, and short of the width by more than the next line's first word: no wrapped line.
                func isHead(_ line: Range<Int>, before following: Range<Int>) -> Bool {
                    HeadingDetector.level(s, line) != nil
                        && HardWrap.columns(s, line) + HardWrap.nextWordColumns(s, after: line, next: following) <= wrapWidth
                }
                if before.count >= 2, let next = after.first, isHead(before[0], before: next),
                   runsOn(s, before[1], into: next, wrapWidth: wrapWidth) {
                    heads.append(before[0])
                } else if after.count >= 2, let last = before.first, isHead(after[0], before: after[1]),
                          runsOn(s, last, into: after[1], wrapWidth: wrapWidth) {
                    heads.append(after[0])
                }
            }
            for line in heads {
                for i in line { s[i] = " " }
            }
        }
        // The form feeds are spaces too, so that what runs on across a break (a note marker: …获益。[19 | ]) is not
        // stopped by one.
        if formFeeds {
            for f in breaks { s[f] = " " }
        }
        return breaks
    }

    /// The lines that may be furniture on each side of every break (before, after, before, after …): the trimmed
    /// non-empty lines nearest to it, nearest first, up to `furnitureLinesPerSide` and not past another break.
    private static func furnitureCandidates(_ s: [Unicode.Scalar], _ lines: [Range<Int>], _ breaks: [Int]) -> [[Range<Int>]] {
        var candidates: [[Range<Int>]] = []
        var lineIndex = 0
        func holdsBreak(_ line: Range<Int>) -> Bool { line.contains { s[$0] == "\u{0C}" } }
        for f in breaks {
            while lineIndex + 1 < lines.count, lines[lineIndex].upperBound < f { lineIndex += 1 }
            let home = lines[lineIndex]
            var before: [Range<Int>] = []
            var after: [Range<Int>] = []
            let headOfHome = s.trimmed(home.lowerBound..<max(home.lowerBound, min(f, home.upperBound)))
            if !headOfHome.isEmpty { before.append(headOfHome) }
            var k = lineIndex - 1
            while k >= 0, before.count < furnitureLinesPerSide, !holdsBreak(lines[k]) {
                let line = s.trimmed(lines[k])
                if !line.isEmpty { before.append(line) }
                k -= 1
            }
            let tailOfHome = s.trimmed(min(f + 1, home.upperBound)..<home.upperBound)
            if !tailOfHome.isEmpty { after.append(tailOfHome) }
            k = lineIndex + 1
            while k < lines.count, after.count < furnitureLinesPerSide, !holdsBreak(lines[k]) {
                let line = s.trimmed(lines[k])
                if !line.isEmpty { after.append(line) }
                k += 1
            }
            candidates.append(before)
            candidates.append(after)
        }
        return candidates
    }

    /// Where a hard-wrapped text without form feeds turns its pages, as one copied from a PDF viewer keeps them: the
    /// ends of the lines that are nothing but a page number, when at least three such numbers count up one by one
    /// (12, 13, 14 …), at least `shortestPage` lines apart and most of them about one page apart, and at least half
    /// of them cut a sentence (the line above stops mid-sentence). Section numbers and years standing as headings
    /// follow a paragraph's end; a numbered list or a table column is no hard-wrapped text.
    /// A text whose paragraphs are not wrapped (a viewer's copy reflowed, or one paragraph a line) turns its pages only
    /// at page numbers set off as such (`decoratedOnly`: ·52·, - 52 -, 第52页, Page 52), never at bare numbers, which
    /// there are a list's or a table's as often.
    static func numberedPageEnds(_ s: [Unicode.Scalar], _ lines: [Range<Int>], decoratedOnly: Bool = false) -> [Int] {
        var pages: [(number: Int, line: Int)] = []
        // The running text of each page number carried by a head or foot, digits aside.
        var heads: [Int: String] = [:]
        for (index, line) in lines.enumerated() {
            let text = s.trimmed(line)
            guard !text.isEmpty else { continue }
            if text.count <= 12, isPageNumber(s, text), let number = firstNumber(s, text) {
                if decoratedOnly, !isDecoratedPageNumber(s, text) { continue }
                pages.append((number, index))
            } else if !decoratedOnly, let (number, head) = folio(s, text) {
                heads[pages.count] = key(s, head)
                pages.append((number, index))
            }
        }
        // A short official document's two pages (— 1 — and — 2 —, the second the text's last line) are pages too.
        let lastFilled = lines.lastIndex { !s.trimmed($0).isEmpty }
        let twoSetPages = pages.count == 2 && pages[1].line == lastFilled && pages[1].number == pages[0].number + 1
            && pages.allSatisfy { isDecoratedPageNumber(s, s.trimmed(lines[$0.line])) }
        // And a one-page text's number set at its foot (— 1 —, the text's last line).
        let oneSetPage = pages.count == 1 && pages[0].line == lastFilled && pages[0].number == 1
            && isDecoratedPageNumber(s, s.trimmed(lines[pages[0].line]))
        guard pages.count >= 3 || twoSetPages || oneSetPage else { return [] }
        // The longest run in which each page number follows the one before it by one, far enough down the text: the
        // best run ending at each number among the pages at least `shortestPage` lines above (they join the table as
        // the scan moves past them, so that a stray number just above cannot hide a page further up), and each
        // page's predecessor in its run.
        var bestEndingAt: [Int: (length: Int, page: Int)] = [:]
        var predecessor = [Int?](repeating: nil, count: pages.count)
        var length = [Int](repeating: 1, count: pages.count)
        var available = 0
        for i in pages.indices {
            while available < i, pages[i].line - pages[available].line >= (decoratedOnly ? shortestUnwrappedPage : shortestPage) {
                let page = available
                if length[page] >= bestEndingAt[pages[page].number]?.length ?? 0 { bestEndingAt[pages[page].number] = (length[page], page) }
                available += 1
            }
            if let run = bestEndingAt[pages[i].number - 1] {
                length[i] = run.length + 1
                predecessor[i] = run.page
            }
        }
        guard let last = length.indices.max(by: { length[$0] < length[$1] }), length[last] >= 2 || oneSetPage else { return [] }
        var run: [Int] = []
        var cursor: Int? = last
        while let page = cursor {
            run.append(page)
            cursor = predecessor[page]
        }
        run.reverse()
        // The last page is as long as its text: its number, the next after the run's and the text's last, turns it
        // however few lines above it stand, and its length says nothing of the others'.
        // Two pages and a short last one are pages only when their numbers are set as such (·12·, - 12 -): bare
        // numbers so few are a short text's numbered sections as often.
        if let end = run.last, end + 1 == pages.count - 1, pages[end + 1].number == pages[end].number + 1,
           pages[end + 1].line - pages[end].line >= 3,
           run.count >= 3 || (run + [end + 1]).allSatisfy({ isDecoratedPageNumber(s, s.trimmed(lines[pages[$0].line])) }) {
            run.append(end + 1)
        }
        guard run.count >= 3 || (twoSetPages && run.count == 2) || (oneSetPage && run.count == 1) else { return [] }
        let shortLast = run.last == pages.count - 1 ? 1 : 0
        // Pages of a PDF are about one length; a figure's page or the last one may be shorter.
        let gaps = zip(run, run.dropFirst().dropLast(shortLast)).map { pages[$1].line - pages[$0].line }.sorted()
        if !gaps.isEmpty {
            let median = gaps[gaps.count / 2]
            guard 3 * gaps.count(where: { 4 * abs($0 - median) <= median }) >= 2 * gaps.count else { return [] }
        }
        // A page turns where a sentence is cut off above its number, or where notes stand at its foot (a Chinese law
        // journal's ① … above ·136·, whose last note ends its sentence).
        let cutPages = run.indices.filter { n in
            let line = pages[run[n]].line
            guard let above = (0..<line).last(where: { !s.trimmed(lines[$0]).isEmpty }) else { return false }
            if endsMidSentence(s, s.trimmed(lines[above])) { return true }
            let top = n > 0 ? pages[run[n - 1]].line + 1 : 0
            let page = lines[top..<line].map { s.trimmed($0) }.filter { !$0.isEmpty }
            return footnoteBlock(s, page) != nil
        }
        let cuts = cutPages.count
        // The text's last page ends where the text does, cut or not; and numbers set as page numbers (·117·, - 52 -)
        // turn their pages however many of them end on a paragraph's end.
        let endsText = !lines[(pages[run[run.count - 1]].line + 1)...].contains { !s.trimmed($0).isEmpty }
        let decorated = run.allSatisfy { isDecoratedPageNumber(s, s.trimmed(lines[pages[$0].line])) }
        let numberLines = run.map { pages[$0].line }
        // Where a head recurs beside every number, one page cut below the first number is enough (numbered sections
        // under one subheading, 1 | Key findings, 2 | Key findings, end on paragraphs' ends every time, and the first
        // stands under the title).
        guard decorated || 2 * cuts >= run.count - (endsText ? 1 : 0)
            || (cutPages.contains { $0 > 0 } && headedAlike(s, lines, numberLines: endsText ? Array(numberLines.dropLast()) : numberLines)) else { return [] }
        // Page numbers carried by heads or feet need the heads to recur (a verso and a recto head at most): numbered
        // section headings (1    Introduction, 2    Background) count up too, each with a text of its own.
        let keys = run.compactMap { heads[$0] }
        if keys.count >= 2, Set(keys).count > 2 || Set(keys).count == keys.count { return [] }
        return run.map { lines[pages[$0].line].upperBound }
    }

    /// Whether the line right above every page number, or the line right below every one, is a running head or foot:
    /// at least two pages, each with such a line short of the text's width and ending no sentence (a paragraph's
    /// first or last line, which a text may repeat, is not), and at most two texts among them (a verso and a recto
    /// head), one of them at least twice. Pages so headed turn even where most end on a paragraph's end.
    private static func headedAlike(_ s: [Unicode.Scalar], _ lines: [Range<Int>], numberLines: [Int]) -> Bool {
        guard numberLines.count >= 2 else { return false }
        let widths = lines.map { HardWrap.columns(s, s.trimmed($0)) }.sorted(by: >)
        let width = widths.isEmpty ? 0 : widths[min(widths.count - 1, widths.count / 10)]
        for step in [-1, 1] {
            var keys: [String] = []
            for line in numberLines {
                var index = line + step
                while lines.indices.contains(index), s.trimmed(lines[index]).isEmpty { index += step }
                guard lines.indices.contains(index) else { break }
                let text = s.trimmed(lines[index])
                guard text.count <= longestFurniture, 20 * HardWrap.columns(s, text) < 17 * width, !endsSentenceOrClause(s, text),
                      !text.contains(where: { s[$0] == "\n" || s[$0] == "\r" }) else { break }
                keys.append(s.string(text).lowercased())
            }
            guard keys.count == numberLines.count else { continue }
            let distinct = Set(keys)
            if distinct.count <= 2, distinct.contains(where: { key in keys.count { $0 == key } >= 2 }) { return true }
        }
        return false
    }

    /// Fewest lines between two page numbers of a text without form feeds.
    static let shortestPage = 15
    /// Fewest lines between two page numbers of a text whose paragraphs are lines of their own.
    static let shortestUnwrappedPage = 5

    /// The first run of ASCII digits in `line` (2 in "Page 2 of 5").
    private static func firstNumber(_ s: [Unicode.Scalar], _ line: Range<Int>) -> Int? {
        guard let start = line.first(where: { s[$0].isASCII && ScalarClass.isDigit(s[$0]) }) else { return nil }
        var end = start
        while end < line.upperBound, end - start < 5, s[end].isASCII, ScalarClass.isDigit(s[end]) { end += 1 }
        return Int(String(String.UnicodeScalarView(s[start..<end])))
    }

    /// Joins two logical lines that a page break separates when the second carries on the first: the first stops
    /// mid-sentence, and the second opens in lower case (…foreign ownership, and others that may | raise national
    /// security…), or it is no numbered heading or bullet and the first is no heading (and, unless the first is a full
    /// line of a hard-wrapped text, the second is no heading-like line), or in a hard-wrapped text
    /// (`wrapWidth`) ends in a full line (…two cables in | Baltic Sea…, …这正是中 | 国主提的…, a note marker cut in
    /// two …获益。[19 | ]2024年…); or the second opens with a note marker, which closes the sentence above (…设备。|
    /// [33]2025年…), unless it is the next entry of a notes list (one of the three lines above opened with a marker).
    static func joinAcross(_ breaks: [Int], _ lines: [Range<Int>], _ s: [Unicode.Scalar], wrapWidth: Int?) -> [Range<Int>] {
        var result: [Range<Int>] = []
        var b = 0
        for line in lines {
            guard let previous = result.last else {
                result.append(line)
                continue
            }
            while b < breaks.count, breaks[b] < previous.upperBound { b += 1 }
            // Entries of a notes list open with their markers; in running text a line rarely does.
            if b < breaks.count, breaks[b] < line.lowerBound,
               carriesOn(s, previous, line, inNotesList: result.suffix(3).contains { NotesList.opensWithBracketedMarker(s, $0) },
                         wrapWidth: wrapWidth) {
                result[result.count - 1] = previous.lowerBound..<line.upperBound
            } else {
                result.append(line)
            }
        }
        return result
    }

    private static func carriesOn(
        _ s: [Unicode.Scalar], _ previous: Range<Int>, _ next: Range<Int>, inNotesList: @autoclosure () -> Bool, wrapWidth: Int?
    ) -> Bool {
        if NotesList.opensWithBracketedMarker(s, next) { return !inNotesList() }
        guard endsMidSentence(s, previous) else { return false }
        if ScalarClass.isLower(s[next.lowerBound]) || opensBracketedAside(s, next) { return true }
        guard HeadingDetector.numberedLevel(s, next, latin: true) == nil, !HardWrap.opensBulletedItem(s, next) else { return false }
        if HeadingDetector.level(s, previous) == nil {
            // A heading-like line after one that is no full line of a wrapped text (a list item without a stop, a
            // paragraph's last line) opens a section: …written reason | Discussion.
            if HeadingDetector.level(s, next) != nil, !(wrapWidth.map { isFull(s, previous, wrapWidth: $0) } ?? false) { return false }
            return true
        }
        // A heading-like line that fills the text's width is a paragraph's first line, cut off by the break.
        guard let wrapWidth else { return false }
        return isFull(s, previous, wrapWidth: wrapWidth)
    }

    /// Whether `line` opens with a short bracketed aside that its sentence goes on after — "(2017), the cooperative's
    /// …", "(OECD) and the …" — as a page's first line does when a citation fell across the break; a numbered item,
    /// "(1) Fund …", goes on with a capital instead.
    static func opensBracketedAside(_ s: [Unicode.Scalar], _ line: Range<Int>) -> Bool {
        guard s[line.lowerBound] == "(", let close = (line.lowerBound + 1..<min(line.upperBound, line.lowerBound + 30)).first(where: { s[$0] == ")" })
        else { return false }
        var next = close + 1
        if next < line.upperBound, ",;:".unicodeScalars.contains(s[next]) { return true }
        while next < line.upperBound, ScalarClass.isSpace(s[next]) { next += 1 }
        return next < line.upperBound && ScalarClass.isLower(s[next])
    }

    /// Whether the text of `line` plainly runs on into `next`: it stops mid-sentence and is a full line of the text
    /// (or no heading), and `next` opens in lower case, or in Chinese text with a Chinese character or a closing
    /// bracket (…获益。[19 | ]2024年…).
    private static func runsOn(_ s: [Unicode.Scalar], _ line: Range<Int>, into next: Range<Int>, wrapWidth: Int) -> Bool {
        guard endsMidSentence(s, line), isFull(s, line, wrapWidth: wrapWidth) || HeadingDetector.level(s, line) == nil else { return false }
        let first = s[next.lowerBound]
        if ScalarClass.isLower(first) { return true }
        let chinese = line.suffix(8).contains { ScalarClass.isHan(s[$0]) }
        // …据农业农村部统计， | 2022年全国… goes on with a figure.
        return chinese && (ScalarClass.isHan(first) || first == "]" || first == "］" || first.isASCII && ScalarClass.isDigit(first))
    }

    /// Whether the last physical line of `line` reaches 85% of the wrap width, as a wrapped line does.
    private static func isFull(_ s: [Unicode.Scalar], _ line: Range<Int>, wrapWidth: Int) -> Bool {
        var lastLineStart = line.upperBound - 1
        while lastLineStart > line.lowerBound, s[lastLineStart - 1] != "\n", s[lastLineStart - 1] != "\r" { lastLineStart -= 1 }
        return 20 * HardWrap.columns(s, lastLineStart..<line.upperBound) >= 17 * wrapWidth
    }

    /// Whether `line` stops before its sentence's end (`HeadingDetector.endsOpen`), looking through closing quotes
    /// and brackets (…所致。” and …(2019). end, …in (see 2019) does not).
    private static func endsMidSentence(_ s: [Unicode.Scalar], _ line: Range<Int>) -> Bool {
        var end = line.upperBound - 1
        while end > line.lowerBound, ScalarClass.isCloser(s[end]) { end -= 1 }
        return HeadingDetector.endsOpen(s[end])
    }

    /// A line's text with digits and lower-case Roman page numbers dropped, spaces collapsed and ASCII letters in
    /// lower case: a running head with its page number ("Marchetti-Rao 12" / "MARCHETTI-RAO 13", and a report's
    /// front matter "Page ii   GAO-24-105123" / "Page 3   GAO-24-105123") has one key. Only a word written in lower
    /// case i, v and x (at most five) counts as a Roman page number, not "IV" in a title.
    private static func key(_ s: [Unicode.Scalar], _ line: Range<Int>) -> String {
        var result = String.UnicodeScalarView()
        var word = String.UnicodeScalarView()
        var roman = true
        func endWord() {
            if !word.isEmpty, !(roman && word.count <= 5) {
                if !result.isEmpty { result.append(" ") }
                for scalar in word { result.append(scalar) }  // append(contentsOf:) would copy `result`
            }
            word = String.UnicodeScalarView()
            roman = true
        }
        for i in line {
            let c = s[i]
            // The title's note mark (算法解释权的规范基础与实现路径*) is not in its running head.
            if ScalarClass.isDigit(c) || isAuthorNoteMark(c) { continue }
            if ScalarClass.isSpace(c) {
                endWord()
                continue
            }
            roman = roman && (c == "i" || c == "v" || c == "x")
            word.append(c.value >= 0x41 && c.value <= 0x5A ? Unicode.Scalar(c.value + 32)! : c)
        }
        endWord()
        return String(result)
    }

    /// The page number of a running head or foot that carries it, set off by two or more spaces at either end
    /// (`74    THE POLITICS OF MEMORY`, `THE ARCHIVE AND ITS DISCONTENTS    75`, `Policy Brief No. 14 | May 2024    3`):
    /// a title-like text of at most 80 characters that ends no sentence, and a number of up to four digits; with the
    /// text's own range (its key tells a recurring head from a numbered section heading).
    static func folio(_ s: [Unicode.Scalar], _ line: Range<Int>) -> (number: Int, text: Range<Int>)? {
        guard line.count >= 6, line.count <= 90 else { return nil }
        // The run of ASCII digits from `start` in the direction of `step`, its value and the index past it.
        func digits(from start: Int, step: Int) -> (value: Int, end: Int)? {
            var k = start
            var count = 0
            while line.contains(k), s[k].isASCII, ScalarClass.isDigit(s[k]), count < 5 {
                count += 1
                k += step
            }
            guard (1...4).contains(count) else { return nil }
            let run = step > 0 ? start..<k : (k + 1)..<(start + 1)
            let value = s[run].reduce(0) { $0 * 10 + Int($1.value - 48) }
            return (value, k)
        }
        // The number first or last, then at least two spaces and the text (a leading number that is part of the
        // text, 19TH-CENTURY ARCHIVES    75, leaves the trailing one to try).
        func candidate(leading: Bool) -> (number: Int, text: Range<Int>)? {
            guard let (number, edge) = leading ? digits(from: line.lowerBound, step: 1) : digits(from: line.upperBound - 1, step: -1)
            else { return nil }
            var text = leading ? edge..<line.upperBound : line.lowerBound..<(edge + 1)
            var gap = 0
            if leading {
                while text.lowerBound < text.upperBound, s[text.lowerBound] == " " { text = (text.lowerBound + 1)..<text.upperBound; gap += 1 }
            } else {
                while text.lowerBound < text.upperBound, s[text.upperBound - 1] == " " { text = text.lowerBound..<(text.upperBound - 1); gap += 1 }
            }
            // (A head may open with a figure: 19TH-CENTURY ARCHIVES; and end as its title asks: Do Enterprise Zones
            // Create Jobs or Move Them?)
            guard gap >= 2, text.count >= 3, text.count <= 80,
                  !endsSentenceOrClause(s, text) || "?？".unicodeScalars.contains(s[text.upperBound - 1]),
                  ScalarClass.isUpper(s[text.lowerBound]) || ScalarClass.isCJK(s[text.lowerBound])
                    || ScalarClass.isDigit(s[text.lowerBound]) && text.contains(where: { ScalarClass.isUpper(s[$0]) }) else { return nil }
            return (number, text)
        }
        return candidate(leading: true) ?? candidate(leading: false)
    }

    /// Whether `text` ends with a sentence's or a clause's mark (a running head does not).
    private static func endsSentenceOrClause(_ s: [Unicode.Scalar], _ text: Range<Int>) -> Bool {
        ".。!?！？,，;；:：".unicodeScalars.contains(s[text.upperBound - 1])
    }

    /// A line's text without a note mark (the title's star that its running head leaves out), spaces and case (a
    /// journal's name above its cover page, in capitals as its head).
    private static func unmarked(_ s: [Unicode.Scalar], _ line: Range<Int>) -> String {
        String(String.UnicodeScalarView(s[line].filter { !isAuthorNoteMark($0) && !ScalarClass.isSpace($0) })).lowercased()
    }

    /// Latin text in capitals (JOURNAL OF ARGUMENTATION STUDIES, M. A. ELLISON ET AL.): three capitals at least and no
    /// lower-case letter.
    static func isInCapitals(_ s: [Unicode.Scalar], _ line: Range<Int>) -> Bool {
        !line.contains { ScalarClass.isLower(s[$0]) || ScalarClass.isCJK(s[$0]) } && line.count(where: { ScalarClass.isUpper(s[$0]) }) >= 3
    }

    /// A journal's name and issue as a running head sets it: 法学研究　2023年第2期, 中国社会科学 2023 年第 5 期.
    static func isJournalIssue(_ s: [Unicode.Scalar], _ line: Range<Int>) -> Bool {
        guard line.count <= 30 else { return false }
        let text = String(String.UnicodeScalarView(s[line]))
        return text.contains(/\d{4}\s*年\s*第\s*\d{1,2}\s*期$/) && text.first.map { !$0.isNumber } == true
    }

    /// A page number with more than its digits: ·52·, - 52 -, — 52 —, 第52页, Page 52, p. 52 (not (52) or [52], an
    /// equation's or a reference's number).
    static func isDecoratedPageNumber(_ s: [Unicode.Scalar], _ line: Range<Int>) -> Bool {
        let marks = s[line].filter { !ScalarClass.isDigit($0) && !ScalarClass.isSpace($0) }
        return !marks.isEmpty && !marks.contains { "()[]（）［］".unicodeScalars.contains($0) }
    }

    /// A page number alone on its line: 12, - 12 -, — 12 —, ·12·, [12], Page 12, p. 12, 12 of 30, 12/30, xii, 第12页.
    static func isPageNumber(_ s: [Unicode.Scalar], _ line: Range<Int>) -> Bool {
        var text = String(String.UnicodeScalarView(s[line])).lowercased()
        text = text.trimming("-–—－·•[]()| ")
        for prefix in ["page ", "p. ", "p.", "第"] where text.hasPrefix(prefix) { text = String(text.dropFirst(prefix.count)) }
        for suffix in ["页"] where text.hasSuffix(suffix) { text = String(text.dropLast(suffix.count)) }
        let parts = text.split(whereSeparator: { $0 == " " || $0 == "/" }).filter { $0 != "of" }
        guard (1...2).contains(parts.count), text.count <= 12 else { return false }
        return parts.allSatisfy { part in
            part.allSatisfy(\.isASCII) && (part.allSatisfy(\.isNumber) || part.allSatisfy { "ivx".contains($0) } && part.count <= 5)
        }
    }
}

private extension String {
    func trimming(_ set: String) -> String {
        var scalars = Substring(self)
        while let first = scalars.first, set.contains(first) { scalars = scalars.dropFirst() }
        while let last = scalars.last, set.contains(last) { scalars = scalars.dropLast() }
        return String(scalars)
    }
}
