import ArgMarkCore
import ArgMarkPipeline

/// Turns body lines of decoded text into headings and segmented paragraphs, shared by the text and article readers.
struct BodyAssembler {
    let scalars: [Unicode.Scalar]
    var builder: DocumentBuilder
    let segmenter = SentenceSegmenter()
    /// How the numbered headings met so far nest.
    var outline = HeadingOutline()

    /// The words of a text with line-end hyphens, to tell a hyphenated word from a compound (`Hyphenation`).
    let hyphenation: Hyphenation?

    init(scalars: [Unicode.Scalar], documentID: String, sourcePath: String?) {
        self.scalars = scalars
        hyphenation = Hyphenation(scalars)
        builder = DocumentBuilder(id: documentID, sourcePath: sourcePath)
    }

    /// Adds one line: a heading if it looks like one (unless it is an item of a list a lead-in announced,
    /// `ListItems`), otherwise a paragraph of sentences. A Markdown heading (`## 1.
    /// Introduction`) is a heading of its level without the marks, and a quoted line (`> …`, Markdown or e-mail) is
    /// a paragraph without them.
    mutating func addLine(_ line: Range<Int>, listItem: Bool = false) {
        var range = scalars.trimmed(line)
        guard !range.isEmpty else { return }
        if let (level, text) = markdownHeading(range) {
            addHeading(text, level: level)
            previousParagraphEndsOpen = false
            return
        }
        while range.count > 2, scalars[range.lowerBound] == ">", scalars[range.lowerBound + 1] == " " {
            range = scalars.trimmed(range.lowerBound + 2..<range.upperBound)
        }
        if addCaptionLine(range) { return }
        // A line of nothing but marks (* * *, ---, ———, a stray 。) outside a table is a break between parts or a
        // leftover of typesetting: neither a heading that opens a section nor a sentence to label.
        if !range.contains(where: { scalars[$0].properties.isAlphabetic || scalars[$0].properties.numericType != nil }) {
            previousParagraphEndsOpen = false
            return
        }
        if builder.document.units.isEmpty, HeadingDetector.isTitle(scalars, range) {
            addHeading(range, level: outline.place(scalars, range, level: 1))
        } else if !listItem, !isBoxItemText(range), let level = HeadingDetector.level(scalars, range) {
            addHeading(range, level: outline.place(scalars, range, level: HeadingDetector.levelInContext(
                level, numbered: HeadingDetector.numberedLevel(scalars, range, latin: false) != nil,
                previousParagraphEndsOpen: previousParagraphEndsOpen, currentLevel: builder.document.sections.last?.level)))
            // A plan's box (专栏2　…) and each of its items (01　…) open text of the box, until another heading.
            switch HeadingDetector.numbering(scalars, range) {
            case .box, .paddedDigits: inBox = true
            default: inBox = false
            }
            previousParagraphEndsOpen = false
        } else {
            addParagraph(range)
            previousParagraphEndsOpen = HeadingDetector.endsOpen(scalars, range)
            // A box's text ends with its item's (…等领域创新。) or the section's prose after the box: what follows is
            // read as headings and text again, unless another item's number opens the box's text anew.
            if inBox, !previousParagraphEndsOpen { inBox = false }
        }
    }

    /// `#` to `######` and a space before some text that does not open in lower case: the heading's level and its
    /// text.
    private func markdownHeading(_ range: Range<Int>) -> (Int, Range<Int>)? {
        var i = range.lowerBound
        while i < range.upperBound, scalars[i] == "#" { i += 1 }
        let level = i - range.lowerBound
        guard (1...6).contains(level), i < range.upperBound, scalars[i] == " " else { return nil }
        var text = scalars.trimmed(i..<range.upperBound)
        // A closing run of #s (## Introduction ##) is not part of the text.
        var end = text.upperBound
        while end > text.lowerBound, scalars[end - 1] == "#" { end -= 1 }
        if end < text.upperBound, end > text.lowerBound, scalars[end - 1] == " " { text = scalars.trimmed(text.lowerBound..<end) }
        // "# of complaints rose by 40 percent." is a sentence that opens with a number sign, not a heading.
        guard !text.isEmpty, !ScalarClass.isLower(scalars[text.lowerBound]) else { return nil }
        return (level, text)
    }

    /// Whether the previous paragraph ended without sentence-final punctuation.
    private var previousParagraphEndsOpen = false

    /// Whether the lines read now are a plan's box's (专栏2　科技前沿领域攻关) or one of its items' (01　量子信息):
    /// from such a heading to a paragraph that ends its sentence.
    private var inBox = false

    /// Whether the line at `range`, inside a box, is an item's text set without its stop (城域、城际量子通信技术研发，
    /// 实用化量子模拟机研制; 1.新建改扩建中小学21所): a clause list or a numbered item, not a heading. Boxes list their
    /// items so; an unnumbered heading has no comma or enumeration comma, and an item's own number (01　…) heads it.
    private func isBoxItemText(_ range: Range<Int>) -> Bool {
        guard inBox, LanguageDetector.detect(scalars, range) != .en else { return false }
        switch HeadingDetector.numbering(scalars, range) {
        // A box numbers its items 1. or (1) (1.新建中小学21所; 2.改造老旧小区136个), none of them a heading.
        case .digits, .parenthesizedDigits: return true
        case nil: return range.contains { scalars[$0] == "，" || scalars[$0] == "、" || scalars[$0] == "；" }
        default: return false
        }
    }

    /// The lines read as headings or captions, in order: a text that turns out to be nothing but such lines is read
    /// again with them as its paragraphs (`finish()`).
    private var headingLines: [Range<Int>] = []
    /// How many of `headingLines` are captions, table rows or source lines.
    private var captionLines = 0
    /// Whether a caption block had rows or a source line under it: a lone caption-like line (图1 显示了价格下降) may
    /// be the one sentence of a text, a table may not.
    private var readTable = false
    /// The notes lists' lines, kept for that second reading.
    private var noteLists: [[Range<Int>]] = []
    /// The notes set at the foot of the pages, kept for it too.
    private var footnotes: [PageBreaks.Footnote] = []

    /// The caption block being read (a caption and the rows and source lines under it), added as one paragraph of
    /// caption units when the next line of another kind comes; `table` when rows may follow.
    private var pendingCaption: (lines: [Range<Int>], table: Bool)?
    /// The line right under a table's caption that may be its header row (Docket Comments With evidence Claims
    /// only): the table's when a row of figures follows, else read as what it is once the caption is added.
    private var heldHeader: Range<Int>?

    /// Reads `range` as figure or table furniture (`Caption`) if it is: a caption opens a block, a table row or a
    /// source line carries one on. Anything else closes the block.
    private mutating func addCaptionLine(_ range: Range<Int>) -> Bool {
        // A displayed equation stands apart as a figure does: kept with its offsets, never labelled.
        if Caption.isEquation(scalars, range) {
            flushCaption()
            pendingCaption = ([range], false)
            previousParagraphEndsOpen = false
            return true
        }
        if let kind = Caption.kind(scalars, range) {
            flushCaption()
            pendingCaption = ([range], kind == .table)
            previousParagraphEndsOpen = false
            return true
        }
        // A Markdown table (| a | b |, |---|---|) is a table with or without a caption above it, and so is a row of
        // figures set in columns (East    12.3    13.5).
        if pendingCaption?.table != true, Caption.isPipeTableRow(scalars, range) || Caption.isFigureRow(scalars, range) {
            flushCaption()
            pendingCaption = ([range], true)
            previousParagraphEndsOpen = false
            return true
        }
        if let block = pendingCaption {
            // APA sets a table's number on a line of its own and its title on the next (Table 1 | Means and Standard
            // Deviations by Condition): the title belongs to the caption; a line after a blank one, or a numbered
            // heading, does not (Figure 1 whose image is lost, then 4. Discussion).
            if block.lines.count == 1, Caption.isBareNumber(scalars, block.lines[0]), range.count <= 160,
               !HardWrap.endsSentence(scalars, before: range.upperBound, from: range.lowerBound),
               scalars[block.lines[0].upperBound..<range.lowerBound].count(where: { $0 == "\n" }) == 1,
               HeadingDetector.numberedLevel(scalars, range, latin: true) == nil, HeadingDetector.numberedLevel(scalars, range, latin: false) == nil {
                pendingCaption?.lines.append(range)
                return true
            }
            // The unit line under a figure's title, as CRS, CBO and GAO set it ((as a percentage of GDP), Billions of
            // 2023 dollars), right below it and ending no sentence: the figure's, not a heading opening a section.
            if block.lines.count == 1, Caption.kind(scalars, block.lines[0]) != nil, Caption.isUnitLine(scalars, range),
               scalars[block.lines[0].upperBound..<range.lowerBound].count(where: { $0 == "\n" }) == 1 {
                pendingCaption?.lines.append(range)
                return true
            }
            // After a source line, only more source lines: the table is over.
            if Caption.isSourceLine(scalars, range) {
                appendToTable(range)
                pendingCaption?.table = false
                return true
            }
            // pdftotext sets a table's cells apart by one space (EPA-HQ-OAR-2019-0055 512 188 324, Total 1,204 405 799):
            // a row ending in figures, under a table's caption, with the header row held until such a row comes.
            if block.table, Caption.isTableRow(scalars, range) || Caption.isSingleSpacedRow(scalars, range) {
                appendToTable(range)
                return true
            }
            if block.table, block.lines.count == 1, heldHeader == nil, Caption.kind(scalars, block.lines[0]) == .table,
               scalars[block.lines[0].upperBound..<range.lowerBound].count(where: { $0 == "\n" }) == 1,
               Caption.mayBeHeaderRow(scalars, range) {
                heldHeader = range
                return true
            }
            // A chart's axis labels, which a PDF's text leaves under the figure's caption one a line (6,000,000 /
            // 4,000,000 / 0; 10% / 5%): the figure's, not headings that each opened a section.
            if !block.table, Caption.kind(scalars, block.lines[0]) == .figure, !block.lines.contains(where: { Caption.isSourceLine(scalars, $0) }),
               range.count <= 16, range.contains(where: { ScalarClass.isDigit(scalars[$0]) }),
               range.allSatisfy({ ScalarClass.isDigit(scalars[$0]) || ",.%$€£¥ -–−".unicodeScalars.contains(scalars[$0]) }) {
                pendingCaption?.lines.append(range)
                return true
            }
            // A chart's data set out under its caption (图5 …增速 / 2020    2.8 / 2021    9.6): rows whose every cell
            // after the first holds a figure are the figure's, not headings that each opened a section.
            if !block.table, Caption.kind(scalars, block.lines[0]) == .figure, !block.lines.contains(where: { Caption.isSourceLine(scalars, $0) }),
               Caption.isTableRow(scalars, range) {
                let cells = Caption.columns(scalars, range).cells
                if cells.count >= 2, cells.dropFirst().allSatisfy({ cell in cell.contains { ScalarClass.isDigit(scalars[$0]) } }) {
                    pendingCaption?.lines.append(range)
                    return true
                }
            }
        }
        flushCaption()
        return false
    }

    /// Adds a row or source line to the caption block, after the header row held for it.
    private mutating func appendToTable(_ range: Range<Int>) {
        if let header = heldHeader { pendingCaption?.lines.append(header) }
        heldHeader = nil
        pendingCaption?.lines.append(range)
    }

    private mutating func flushCaption() {
        guard let block = pendingCaption else { return }
        pendingCaption = nil
        // A held header row that no row of figures followed is read as what it is, after the caption.
        defer {
            if let header = heldHeader {
                heldHeader = nil
                addLine(header)
            }
        }
        // A text with no sentence at all is read again line by line (`finish()`), captions too.
        headingLines += block.lines
        captionLines += block.lines.count
        if block.lines.count > 1 { readTable = true }
        let spans = block.lines.map { line in
            DocumentBuilder.Span(
                start: line.lowerBound, end: line.upperBound, text: scalars.string(line, hyphenation: hyphenation),
                language: LanguageDetector.detect(scalars, line))
        }
        let whole = block.lines[0].lowerBound..<block.lines[block.lines.count - 1].upperBound
        builder.addCaption(spans, language: LanguageDetector.detect(scalars, whole))
    }

    mutating func addHeading(_ range: Range<Int>, level: Int) {
        flushCaption()
        headingLines.append(range)
        let language = LanguageDetector.detect(scalars, range)
        builder.addHeading(
            .init(start: range.lowerBound, end: range.upperBound, text: scalars.string(range, hyphenation: hyphenation), language: language),
            level: level)
    }

    mutating func addParagraph(_ range: Range<Int>) {
        flushCaption()
        let language = LanguageDetector.detect(scalars, range)
        let spans = segmenter.segment(scalars, range).map { sentence in
            var sentenceLanguage = language == .mixed || language == .en ? LanguageDetector.detectSentence(scalars, sentence) : language
            if sentenceLanguage == .und { sentenceLanguage = language }
            return DocumentBuilder.Span(
                start: sentence.lowerBound, end: sentence.upperBound, text: scalars.string(sentence, hyphenation: hyphenation),
                language: sentenceLanguage)
        }
        builder.addParagraph(spans, language: language)
    }

    /// Adds the entries of a notes list (`[1] …`, `1. …`, `①…`, continuation lines joined) as the document's notes.
    /// A text with notes and then a reference list adds each list on its own, so that the references are not read
    /// as the last note's continuation lines.
    mutating func addNotes(_ lines: [Range<Int>]) {
        flushCaption()
        guard !lines.isEmpty else { return }
        noteLists.append(lines)
        for note in NotesList.parse(scalars, lines) {
            builder.addNote(marker: note.marker, text: scalars.string(note.range, hyphenation: hyphenation),
                            start: note.range.lowerBound, end: note.range.upperBound)
        }
    }

    /// Adds an author's note that the title or byline marks (∗ We thank …; *本文系……成果), standing after the front
    /// matter: the mark is its marker.
    mutating func addAuthorNote(mark: Unicode.Scalar, _ line: Range<Int>) {
        flushCaption()
        let text = scalars.trimmed(line.lowerBound + 1..<line.upperBound)
        builder.addNote(marker: String(Character(mark)), text: scalars.string(text, hyphenation: hyphenation),
                        start: text.lowerBound, end: text.upperBound)
    }

    /// Adds the notes a PDF's pages carried at their feet (`PageBreaks.blankFootnotes`), in page order.
    mutating func addFootnotes(_ notes: [PageBreaks.Footnote]) {
        footnotes += notes
        for note in notes {
            builder.addNote(marker: note.marker, text: note.text, start: note.range.lowerBound, end: note.range.upperBound)
        }
    }

    /// Adds the notes list read so far (emptying it) and then a glossary's entries (`Glossary`) as notes of their own.
    mutating func addGlossary(_ entries: [Range<Int>], after notes: inout [Range<Int>]) {
        addNotes(notes)
        notes = []
        addNotes(entries)
    }

    /// Line `index` opening a table of contents (outside a notes list) or a glossary, as both readers meet them: the
    /// contents' titles go to `contents`, the glossary's entries become notes after `notes` and end a notes list.
    /// Returns the line to resume at, or nil for any other line.
    mutating func takeContentsOrGlossary(
        _ lines: [Range<Int>], at index: Int, inNotes: inout Bool, notes: inout [Range<Int>], contents: inout [String]
    ) -> Int? {
        if !inNotes, let table = TableOfContents.find(scalars, lines, headingAt: index) {
            contents.append(TableOfContents.titles(scalars, lines[table.lines], singleSpaced: table.singleSpaced))
            return table.lines.upperBound
        }
        guard let entries = Glossary.entries(scalars, lines, headingAt: index) else { return nil }
        addGlossary(Array(lines[entries]), after: &notes)
        inNotes = false
        return entries.upperBound
    }

    /// The finished document: undecided languages filled from the document's dominant one, note markers linked.
    /// A text whose every body line looked like a heading (a one-line comment or post without final punctuation:
    /// "Ban all debt buyers now") has no title and headings without a body but sentences: its lines become its
    /// paragraphs. Throws when the body has no sentence at all.
    mutating func finish() throws(DocumentReadError) -> Document {
        flushCaption()
        // A text of nothing but a table (its caption, rows and source) has no sentence to read: its rows are no
        // prose to label.
        if readTable, captionLines == headingLines.count, !builder.document.units.contains(where: { $0.kind == .sentence }) {
            throw .noSentences
        }
        if !headingLines.isEmpty, !builder.document.units.contains(where: { $0.kind == .sentence }) {
            var reread = BodyAssembler(scalars: scalars, documentID: builder.document.id, sourcePath: builder.document.sourcePath)
            reread.builder.setMetadata(builder.document.metadata)
            for line in headingLines { reread.addParagraph(line) }
            reread.addFootnotes(footnotes)
            for lines in noteLists { reread.addNotes(lines) }
            builder = reread.builder
        }
        var document = builder.take()
        try DocumentFinishing.finish(&document)
        return document
    }
}

/// Post-passes shared by the readers.
public enum DocumentFinishing {
    /// Rejects a body without sentences, fills undecided languages and links note markers.
    public static func finish(_ document: inout Document) throws(DocumentReadError) {
        guard document.units.contains(where: { $0.kind == .sentence }) else { throw .noSentences }
        fillUndecidedLanguages(&document)
        linkNoteMarkers(&document)
    }

    /// Units and paragraphs without letters (`2.5`, `——`) take the language of the document.
    public static func fillUndecidedLanguages(_ document: inout Document) {
        let dominant = document.language
        guard dominant != .und, document.units.contains(where: { $0.language == .und }) else { return }
        for i in document.units.indices where document.units[i].language == .und {
            document.units[i].language = dominant == .mixed ? .zh : dominant
        }
        for i in document.paragraphs.indices where document.paragraphs[i].language == .und {
            document.paragraphs[i].language = dominant
        }
    }

    /// Points each unit at the notes whose markers (`[3]`, `[1-3]`, `[2,5]`, `［4］`, ③) it contains. Where notes share
    /// a marker (a PDF's pages number their foot notes ① ② … afresh), a unit's is the nearest one after it.
    public static func linkNoteMarkers(_ document: inout Document) {
        guard !document.notes.isEmpty else { return }
        var byMarker: [String: [Note]] = [:]
        for note in document.notes where !note.marker.isEmpty { byMarker[note.marker, default: []].append(note) }
        for i in document.units.indices {
            let markers = noteMarkers(in: document.units[i].text)
            guard !markers.isEmpty else { continue }
            var refs: [String] = []
            for marker in markers {
                guard let notes = byMarker[marker] else { continue }
                let unitEnd = document.units[i].end
                let note = notes.count == 1 ? notes[0] : notes.first { ($0.start ?? -1) >= unitEnd } ?? notes[0]
                if !refs.contains(note.id) { refs.append(note.id) }
            }
            document.units[i].noteRefs = refs
        }
    }

    /// The note markers in `text`, in order, as the markers of the notes list (`3`, `①`): bracketed and circled ones,
    /// Markdown's [^1] and [^label],
    /// superscript digits (¹²), and in English text from a PDF the number after a sentence's closing full stop
    /// (…the poles.12; see `SentenceSegmenter`).
    public static func noteMarkers(in text: String) -> [String] {
        let s = Array(text.unicodeScalars)
        var result: [String] = []
        var i = 0
        while i < s.count {
            if ScalarClass.isCircledNumber(s[i]) {
                result.append(String(Character(s[i])))
                i += 1
                continue
            }
            // A superscript number after a word or a mark is a note's, not a unit's or a symbol's power (300 km², m³,
            // R², χ²).
            if ScalarClass.isSuperscriptDigit(s[i]), i > 0, !isUnit(before: i, s) {
                var digits = ""
                while i < s.count, ScalarClass.isSuperscriptDigit(s[i]) {
                    digits.append(Character(ScalarClass.superscriptValue(s[i])))
                    i += 1
                }
                result.append(String(Int(digits) ?? 0))
                continue
            }
            // A note number a PDF leaves glued to a comma or semicolon after a word (estimates,12 which critics …), as
            // Chicago-style notes sit mid-sentence: 1–3 ASCII digits, then a space.
            if s[i].isASCII, ScalarClass.isDigit(s[i]), i >= 2, [",", ";", ":"].contains(s[i - 1]), ScalarClass.isLower(s[i - 2]) {
                var k = i
                while k < s.count, s[k].isASCII, ScalarClass.isDigit(s[k]) { k += 1 }
                if k - i <= 3, k < s.count, s[k] == " " {
                    result.append(String(String.UnicodeScalarView(s[i..<k])))
                }
                i = k
                continue
            }
            guard s[i] == "[" || s[i] == "［" || (s[i] == "〔" && SentenceSegmenter.noteMarkerEnd(s, at: i, end: s.count) != nil) else {
                i += 1
                continue
            }
            if let markdown = NotesList.markdownLabel(s, at: i, end: s.count) {
                result.append(markdown.label)
                i = markdown.end
                continue
            }
            var k = i + 1
            var numbers: [Int] = []
            var current = ""
            var rangeStart: Int?
            var valid = true
            while k < s.count, s[k] != "]", s[k] != "］", s[k] != "〕", k - i <= 24 {
                let c = s[k]
                if ScalarClass.isDigit(c) {
                    current.unicodeScalars.append(Unicode.Scalar(c.value >= 0xFF10 ? c.value - 0xFF10 + 0x30 : c.value)!)
                } else if c == "," || c == "，" || c == " " || c == "-" || c == "–" || c == "—" {
                    if let n = Int(current) {
                        if let lower = rangeStart { numbers.append(contentsOf: rangeValues(lower, n)); rangeStart = nil }
                        else if c == "-" || c == "–" || c == "—" { rangeStart = n }
                        else { numbers.append(n) }
                    }
                    current = ""
                } else {
                    valid = false
                    break
                }
                k += 1
            }
            if valid, k < s.count, let n = Int(current) {
                if let lower = rangeStart { numbers.append(contentsOf: rangeValues(lower, n)) } else { numbers.append(n) }
                result.append(contentsOf: numbers.map(String.init))
                i = k + 1
            } else {
                i += 1
            }
        }
        result += trailingNoteNumbers(s)
        return result
    }

    /// The note numbers closing the text after a full stop that may carry them (poles.12; that.3,4; pages.5–7; not
    /// p.12), as the segmenter keeps them.
    private static func trailingNoteNumbers(_ s: [Unicode.Scalar]) -> [String] {
        var k = s.count
        while k > 0, s.count - k < 12, (s[k - 1].isASCII && ScalarClass.isDigit(s[k - 1])) || s[k - 1] == "," || s[k - 1] == "-" || s[k - 1] == "–" {
            k -= 1
        }
        while k < s.count, !ScalarClass.isDigit(s[k]) { k += 1 }
        guard k < s.count, let marker = trailingNoteNumber(s, from: k) else { return [] }
        // 3,4 and 5–7 are several notes' numbers.
        var numbers: [String] = []
        for part in marker.split(separator: ",") {
            let bounds = part.split(whereSeparator: { $0 == "-" || $0 == "–" }).compactMap { Int($0) }
            if bounds.count == 2 { numbers += rangeValues(bounds[0], bounds[1]).map(String.init) } else if let n = bounds.first { numbers.append(String(n)) }
        }
        return numbers
    }

    /// The marker text from `k` to the end when the character before `k` is a stop that may carry note numbers.
    private static func trailingNoteNumber(_ s: [Unicode.Scalar], from k: Int) -> String? {
        guard s[k...].allSatisfy({ $0.isASCII && (ScalarClass.isDigit($0) || $0 == "," || $0 == "-" || $0 == "–") || $0 == "–" }),
              ScalarClass.isDigit(s[s.count - 1]) else { return nil }
        // After the stop, or after a quotation or bracket the stop closes (called it "unworkable."13).
        var stop = k - 1
        guard stop >= 0 else { return nil }
        // The first number has one to three digits.
        let firstLength = s[k...].prefix { ScalarClass.isDigit($0) }.count
        if stop >= 1, ScalarClass.isCloser(s[stop]), !ScalarClass.isCJK(s[stop]), s[stop - 1] == "." || s[stop - 1] == "?" || s[stop - 1] == "!" {
            stop -= 1
            guard (1...3).contains(firstLength), stop >= 1 else { return nil }
            return String(String.UnicodeScalarView(s[k...]))
        }
        guard (1...3).contains(firstLength), k >= 2, s[stop] == ".",
              SentenceSegmenter.mayCarryNoteNumber(s, stopAt: stop) || SentenceSegmenter.closesYear(s, stopAt: stop) else {
            return nil
        }
        return String(String.UnicodeScalarView(s[k...]))
    }

    /// Whether the word before `i` is a unit of length, area or volume (km, m, cm, mm, ft, mi, yd, in) or a digit.
    private static func isUnit(before i: Int, _ s: [Unicode.Scalar]) -> Bool {
        if ScalarClass.isDigit(s[i - 1]) { return true }
        // A power of a symbol: R², χ², σ², x³ (a single letter, Latin or Greek); a note follows a word.
        if (0x391...0x3C9).contains(s[i - 1].value) { return true }
        var start = i
        while start > 0, ScalarClass.isLatinLetter(s[start - 1]) { start -= 1 }
        if i - start == 1 { return true }
        return units.contains(String(String.UnicodeScalarView(s[start..<i])))
    }

    private static let units: Set<String> = ["km", "m", "cm", "mm", "ft", "mi", "yd", "in"]

    private static func rangeValues(_ lower: Int, _ upper: Int) -> [Int] {
        lower <= upper && upper - lower < 100 ? Array(lower...upper) : [lower, upper]
    }
}
