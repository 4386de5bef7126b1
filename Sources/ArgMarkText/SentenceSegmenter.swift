import ArgMarkCore

/// Splits a paragraph into sentences, for Chinese, English and mixed text.
///
/// Chinese: 。！？ (and ASCII ! ?, and an ASCII . right after a Han character) end a sentence, and so does …… unless it
/// runs straight on into Chinese text (a pause: 他想了很久……最后还是走了); closing quotes and brackets stay with it (`。”`);
/// note markers after the terminator (`[1]`, `[1][2]`, `［3］`, ①, ¹²) belong to the sentence before; nothing
/// inside 《》 is split. English: a full stop ends a sentence only when whitespace (or the paragraph end)
/// follows and the next word does not start in lower case, and never after an abbreviation (U.S., e.g.,
/// et al., Dr., No., Fig., …), an initial, a list number at the paragraph start, or inside a decimal, URL or DOI;
/// a note number glued to the stop (poles.12 The) and a web address after it stay with the sentence.
public struct SentenceSegmenter: Sendable {
    public init() {}

    /// Segments `text` and returns the sentences' ranges as scalar offsets into `text`.
    public func segment(_ text: String) -> [Range<Int>] {
        let scalars = Array(text.unicodeScalars)
        return segment(scalars, scalars.indices)
    }

    /// Segments the paragraph at `range` of `scalars`; ranges are trimmed of spaces and never empty.
    public func segment(_ s: [Unicode.Scalar], _ range: Range<Int>) -> [Range<Int>] {
        var sentences: [Range<Int>] = []
        let end = range.upperBound
        var sentenceStart = range.lowerBound
        var i = range.lowerBound
        let bookTitleEnds = matchedBookTitles(s, range)
        let quotationEnds = embeddedQuotations(s, range)
        var bookTitleEnd = -1
        while i < end {
            let c = s[i]
            if c == "《", let close = bookTitleEnds[i] {
                bookTitleEnd = close
            }
            // A quotation set inside a sentence (回答“中国之治何以可能？”这一问题) does not end it with its own marks.
            if c == "“" || c == "「", let close = quotationEnds[i] {
                bookTitleEnd = max(bookTitleEnd, close)
            }
            if i < bookTitleEnd {
                i += 1
                continue
            }
            guard let boundary = boundaryAfterTerminator(s, at: i, paragraphStart: range.lowerBound, end: end) else {
                i += 1
                continue
            }
            let sentence = s.trimmed(sentenceStart..<boundary)
            if !sentence.isEmpty { sentences.append(sentence) }
            sentenceStart = boundary
            i = boundary
        }
        let last = s.trimmed(sentenceStart..<end)
        if !last.isEmpty { sentences.append(last) }
        return sentences
    }

    /// Maps each 《 to the offset just past its matching 》 within the paragraph; unmatched ones are ignored, so a
    /// stray bracket cannot swallow the rest of a paragraph.
    private func matchedBookTitles(_ s: [Unicode.Scalar], _ range: Range<Int>) -> [Int: Int] {
        var result: [Int: Int] = [:]
        var open: [Int] = []
        for i in range {
            if s[i] == "《" {
                open.append(i)
            } else if s[i] == "》", let o = open.popLast() {
                if open.isEmpty { result[o] = i + 1 }
            }
        }
        return result
    }

    /// Maps each “ or 「 that opens a quotation inside a sentence — after a word, not after a colon, a comma or a
    /// sentence's end (是“不忘初心！牢记使命！”，并…; 回答“…何以可能？”这一问题) — to the offset just past its
    /// closing mark, when that closes within 120 characters with a question or exclamation mark of its own before it
    /// and no full stop. Quoted speech (他说：“…。”)
    /// and a quotation opening a sentence are left to the terminator rules.
    private func embeddedQuotations(_ s: [Unicode.Scalar], _ range: Range<Int>) -> [Int: Int] {
        var result: [Int: Int] = [:]
        var i = range.lowerBound
        while i < range.upperBound {
            let opener = s[i]
            guard opener == "“" || opener == "「" else {
                i += 1
                continue
            }
            let closer: Unicode.Scalar = opener == "“" ? "”" : "」"
            var p = i - 1
            while p >= range.lowerBound, ScalarClass.isSpace(s[p]) { p -= 1 }
            let embedded = p >= range.lowerBound && (ScalarClass.isHan(s[p]) || s[p] == "》" || s[p] == "）")
            var k = i + 1
            var marks = false
            var fullStop = false
            while k < range.upperBound, k - i <= 120, s[k] != closer, s[k] != opener {
                if s[k] == "？" || s[k] == "！" || s[k] == "!" || s[k] == "?" { marks = true }
                if s[k] == "。" || s[k] == "．" { fullStop = true }
                k += 1
            }
            // A quotation holding a full stop (会议强调“要坚持人民至上。”会议还指出…) is quoted speech whose end ends
            // the sentence, as the terminator rules read it.
            if embedded, marks, !fullStop, k < range.upperBound, s[k] == closer { result[i] = k + 1 }
            i = k < range.upperBound && s[k] == closer ? k + 1 : i + 1
        }
        return result
    }

    /// If a sentence ends with the terminator at `i`, returns the offset just past everything that belongs to it
    /// (further terminators, closers, note markers); otherwise nil.
    private func boundaryAfterTerminator(_ s: [Unicode.Scalar], at i: Int, paragraphStart: Int, end: Int) -> Int? {
        let c = s[i]
        var j: Int
        var chineseFullStop = false
        switch c {
        case "。", "！", "？", "｡":
            j = i + 1
        case "．":
            guard ScalarClass.isChineseFullStop(s, i, from: paragraphStart) else { return nil }
            chineseFullStop = true
            j = i + 1
        case "!", "?":
            j = i + 1
        case "…":
            // Chinese …… ends a sentence; English … only before a capitalised word (checked below).
            j = i + 1
        case ".":
            guard fullStopEndsSentence(s, at: i, paragraphStart: paragraphStart, end: end) else { return nil }
            j = i + 1
        default:
            return nil
        }
        // Absorb terminators (？！, ……, ...), closing quotes and brackets (。” ?”.), then note markers.
        var onlyBracketsClosed = true
        var closedSomething = false
        var sawChineseMark = false
        while j < end {
            if isTerminatorLike(s[j]) {
                if ScalarClass.isCJKTerminator(s[j]) { sawChineseMark = true }
                j += 1
            } else if ScalarClass.isCloser(s[j]) {
                closedSomething = true
                if !isBracket(s[j]) { onlyBracketsClosed = false }
                j += 1
            } else if let emphasisEnd = Self.closingEmphasisEnd(s, at: j, end: end) {
                // **Platforms are not neutral.** Courts …: Markdown's closing emphasis stays with its sentence.
                closedSomething = true
                onlyBracketsClosed = false
                j = emphasisEnd
            } else {
                break
            }
        }
        j = footnoteNumberEnd(s, at: j, terminatorRunStart: i, end: end)
        j = skipNoteMarkers(s, from: j, end: end)
        // Emoji after the end mark close the sentence they comment on (…焦虑吗？🤔 / …cheaper! 😱😱), with their
        // modifiers and joiners; they are no sentence of their own, nor the opening of the next.
        var k = j
        while k < end, ScalarClass.isSpace(s[k]), s[k] != "\n" { k += 1 }
        if k < end, Self.isEmoji(s[k]) {
            while k < end, Self.isEmoji(s[k]) || s[k] == "\u{200D}" || s[k] == "\u{FE0F}" || (0x1F3FB...0x1F3FF).contains(s[k].value) {
                k += 1
            }
            j = k
        }
        if j >= end { return end }
        // A web address right after the end is the sentence's source (… rising consumer debt. http://…): it stays
        // with the sentence, which ends after it unless lower-case text runs on.
        if let address = trailingAddressEnd(s, from: j, end: end) {
            j = address
            if firstNonSpace(s, from: j, end: end) >= end { return end }
        }
        let next = firstNonSpace(s, from: j, end: end)
        guard next < end else { return end }
        let n = s[next]
        if ScalarClass.isContinuationPunctuation(n) { return nil }
        // "… within 12 months. (Recommendation 1)": a bracketed tag closing the paragraph belongs to the sentence
        // before it, not a sentence of its own.
        if n == "(" || n == "（" || n == "{", isTrailingParenthetical(s, from: next, end: end) { return end }
        // "… has fallen. (Smith 2020) Courts …": a citation or cross-reference set after the stop is the source of the
        // sentence before it, not the opening of the next.
        if n == "(" || n == "（" || n == "{", let citationEnd = Self.citationAfterStopEnd(s, at: next, end: end) {
            j = citationEnd
            if firstNonSpace(s, from: j, end: end) >= end { return end }
        }
        // (尚？)不存在 / (sic!) and: a mark inside a parenthesis that the sentence goes on after.
        if closedSomething, onlyBracketsClosed, next == j { return nil }
        // “数字政府是什么？”是一个…问题: a quoted question or exclamation opening a sentence, and the sentence goes on
        // after it. Quoted speech after a colon or comma (他问：“为什么？”随后…) ends there.
        if c == "？" || c == "！" || c == "?" || c == "!", next == j, ScalarClass.isHan(n), s[j - 1] == "”" || s[j - 1] == "」",
           let open = s[paragraphStart..<i].lastIndex(where: { $0 == "“" || $0 == "「" }), Self.opensSentence(s, at: open, paragraphStart: paragraphStart) {
            return nil
        }
        let isChineseMark = ScalarClass.isCJKTerminator(c) || sawChineseMark || chineseFullStop
        // “四季度经济明显回升。”康义说。: the attribution after a quotation closes its sentence, not one of its own
        // (cut off, 康义说。 had been a sentence hung under the quotation it attributes).
        if isChineseMark, next == j, s[j - 1] == "”" || s[j - 1] == "」", Self.attributionEnd(s, from: next, end: end) != nil,
           Self.quotationOpensSentence(s, closingAt: j - 1, paragraphStart: paragraphStart) {
            return nil
        }
        if c == "…", !sawChineseMark, next == j, !ScalarClass.isUpper(n), n != "“", n != "\"" {
            // A Chinese …… running straight on into text marks an omission or a pause, not a sentence end.
            return nil
        }
        if !isChineseMark {
            // ASCII ! ? and … in running English text continue when the next word is lower case, unless the writer
            // sets no capitals (how is that fair?? nobody would agree …) and a space stands between.
            if ScalarClass.isLower(n), !Self.opensWithSmallCapName(s, at: next, end: end),
               !(c != "…" && s[j - 1] != "…" && next > j && !ScalarClass.isCloser(s[j - 1])
                 && Self.writesWithoutCapitals(s, paragraphStart: paragraphStart, near: i, end: end)) {
                return nil
            }
            if c == "…" || s[j - 1] == "…" {
                let chineseContext = (i > paragraphStart && ScalarClass.isCJK(s[i - 1])) || ScalarClass.isCJK(n)
                if !chineseContext && !(ScalarClass.isUpper(n) || n == "\"" || n == "“") { return nil }
                // 一方面……另一方面: a single … pair followed by a Han character without space is a pause, not an end,
                // unless the … run is a full Chinese ellipsis (two or more).
                if chineseContext, j - i < 2 { return nil }
            } else if c == "!" || c == "?" {
                // 'Why?' he asked / 'Go!' said she: after a closing quote a lower-case word continues (checked above).
                if next == j, !ScalarClass.isCJK(n), !ScalarClass.isCloser(s[j - 1]) { return nil }
            }
        }
        return j
    }

    /// The verbs that attribute a quotation at the end of its sentence (“……。”康义说。).
    static let attributionVerbs: [String] = [
        "说", "说道", "表示", "指出", "强调", "介绍", "称", "坦言", "直言", "回应", "透露", "补充道", "告诉记者", "对记者说", "写道", "问道", "答道",
    ]

    /// Where a short attribution that follows a closing quotation mark ends — a speaker of at most 20 characters
    /// without punctuation, an attributing verb and a Chinese full stop or exclamation mark right after it (康义说。,
    /// 国家统计局副局长盛来运表示。) — or nil.
    static func attributionEnd(_ s: [Unicode.Scalar], from start: Int, end: Int) -> Int? {
        var k = start
        while k < end, k - start <= 24, s[k] != "。", s[k] != "！" {
            let c = s[k]
            guard ScalarClass.isHan(c) || c.properties.isAlphabetic || ScalarClass.isDigit(c) || c == "·" || c == "・" || c == " " else { return nil }
            k += 1
        }
        guard k < end, k > start, s[k] == "。" || s[k] == "！" else { return nil }
        let said = String(String.UnicodeScalarView(s[start..<k]))
        guard said.unicodeScalars.count > 1, attributionVerbs.contains(where: { said.hasSuffix($0) && said.unicodeScalars.count > $0.unicodeScalars.count }),
              // A clause of its own (这是总书记反复强调。) or a word that ends in a verb's character (小说, 学说, 简称).
              !said.contains("是"), !["这", "此", "该", "那"].contains(where: said.hasPrefix),
              !["小说", "学说", "传说", "据说", "听说", "简称", "名称", "号称", "著称", "俗称", "统称", "总称", "堪称", "所说", "来说"].contains(where: said.hasSuffix)
        else { return nil }
        return k + 1
    }

    /// Whether a speaker's name follows a capital title (MR. O'BRIEN:, MS. JEAN-PIERRE:, DR. Fauci:): a name in
    /// capitals (two letters or more, with ' - ’), or up to three capitalised words and a colon.
    static func speakerNameFollows(_ s: [Unicode.Scalar], from start: Int, end: Int) -> Bool {
        var j = start
        while j < end, ScalarClass.isLatinLetter(s[j]) || "-'’".unicodeScalars.contains(s[j]) { j += 1 }
        let name = s[start..<j]
        guard name.count > 1, let first = name.first, ScalarClass.isUpper(first) else { return false }
        if name.allSatisfy({ !ScalarClass.isLower($0) }), name.contains(where: { ScalarClass.isUpper($0) && $0 != first }) || name.count == 2 { return true }
        // Mixed case: the label's colon within three words.
        var words = 1
        while j < end, words <= 3 {
            if s[j] == ":" { return true }
            if s[j] == " " { words += 1 } else if !(ScalarClass.isLatinLetter(s[j]) || "-'’.".unicodeScalars.contains(s[j])) { return false }
            j += 1
        }
        return false
    }

    /// Whether the quotation the mark at `close` ends opened a sentence (“……。”康义说。, not 他写道：“……。”这是…): its
    /// opening mark found by counting the quotations nested in it, or none in the paragraph (a quotation of several
    /// paragraphs ends here).
    static func quotationOpensSentence(_ s: [Unicode.Scalar], closingAt close: Int, paragraphStart: Int) -> Bool {
        let closer = s[close]
        let opener: Unicode.Scalar = closer == "」" ? "「" : "“"
        var depth = 1
        var p = close - 1
        while p >= paragraphStart {
            if s[p] == closer { depth += 1 } else if s[p] == opener {
                depth -= 1
                if depth == 0 { return opensSentence(s, at: p, paragraphStart: paragraphStart) }
            }
            p -= 1
        }
        return true
    }

    /// Whether the mark at `open` opens its sentence: nothing but spaces before it since the paragraph's start or
    /// the last sentence's end (a closing mark after that end included).
    static func opensSentence(_ s: [Unicode.Scalar], at open: Int, paragraphStart: Int) -> Bool {
        var p = open - 1
        while p >= paragraphStart, ScalarClass.isSpace(s[p]) { p -= 1 }
        return p < paragraphStart || ScalarClass.isCJKTerminator(s[p])
            || (ScalarClass.isCloser(s[p]) && p > paragraphStart && ScalarClass.isCJKTerminator(s[p - 1]))
    }

    /// The end of a web address that follows `start` after spaces (on the same line) and is followed by the
    /// paragraph's end or by something other than a lower-case word; nil otherwise.
    private func trailingAddressEnd(_ s: [Unicode.Scalar], from start: Int, end: Int) -> Int? {
        var addressEnd: Int?
        var k = start
        // Several addresses in a row (a list of sources) all stay.
        while true {
            let before = k
            while k < end, s[k] == " " || s[k] == "\t" { k += 1 }
            guard k > before, let next = WebAddress.end(s, at: k, limit: end) else { break }
            addressEnd = next
            k = next
        }
        guard let addressEnd else { return nil }
        let next = firstNonSpace(s, from: addressEnd, end: end)
        if next < end, ScalarClass.isLower(s[next]) { return nil }
        return addressEnd
    }

    /// The end of a run of Markdown emphasis marks (`*`, `**`, `_`, `__`) at `j` that closes an emphasis: the run is
    /// followed by a space, a closer or the paragraph's end; nil otherwise.
    static func closingEmphasisEnd(_ s: [Unicode.Scalar], at j: Int, end: Int) -> Int? {
        guard j < end, s[j] == "*" || s[j] == "_" else { return nil }
        var k = j
        while k < end, k - j < 3, s[k] == s[j] { k += 1 }
        guard k == end || ScalarClass.isSpace(s[k]) || ScalarClass.isCloser(s[k]) else { return nil }
        return k
    }

    /// The end of a short parenthesis at `open` that reads as a citation or a cross-reference — it holds a letter
    /// and a digit (Smith 2020; Jones et al. 2019, p. 12; See Table 2; 王五，2019) and no sentence end of its own —
    /// when what follows it opens a new sentence (a capital, a quotation mark, a Chinese character or the
    /// paragraph's end). An enumeration ((1), (a), （一）) holds no letter and digit both, and stays with the next
    /// sentence.
    static func citationAfterStopEnd(_ s: [Unicode.Scalar], at open: Int, end: Int) -> Int? {
        // An assessment report's traceability reference in braces ({2.1, Figure 2.1}) needs digits only.
        let braces = s[open] == "{"
        let closer: Unicode.Scalar = braces ? "}" : s[open] == "(" ? ")" : "）"
        var k = open + 1
        var letter = false
        var digit = false
        while k < end, k - open <= 60 {
            let c = s[k]
            if c == closer { break }
            if c == "(" || c == "（" || c == ")" || c == "）" || c == "。" || c == "！" || c == "？"
                || c == "!" || c == "?" {
                return nil
            }
            if ScalarClass.isDigit(c) { digit = true } else if ScalarClass.isLatinLetter(c) || ScalarClass.isHan(c) { letter = true }
            k += 1
        }
        guard k < end, s[k] == closer, letter || braces, digit else { return nil }
        // Its own full stop before the closing mark ((See Table 2.)) makes it a sentence of its own.
        if s[k - 1] == "." { return nil }
        let after = k + 1
        var next = after
        while next < end, ScalarClass.isSpace(s[next]) { next += 1 }
        guard next == end || (next > after && (ScalarClass.isUpper(s[next]) || s[next] == "\"" || s[next] == "“"))
            || ScalarClass.isHan(s[next]) || s[next] == "《" || s[next] == "“" else { return nil }
        return after
    }

    /// Whether `s[from..<end]` is one bracketed tag and nothing after it: no sentence end inside, at most 40 scalars.
    private func isTrailingParenthetical(_ s: [Unicode.Scalar], from start: Int, end: Int) -> Bool {
        guard end - start <= 40 else { return false }
        var close = end - 1
        while close > start && ScalarClass.isSpace(s[close]) { close -= 1 }
        guard s[close] == ")" || s[close] == "）" || (s[start] == "{" && s[close] == "}") else { return false }
        for i in (start + 1)..<close where s[i] == "(" || s[i] == "（" || s[i] == ")" || s[i] == "）" || isTerminatorLike(s[i])
            || (s[i] == "." && s[start] != "{") {
            return false
        }
        return true
    }

    @inline(__always)
    private func isBracket(_ s: Unicode.Scalar) -> Bool {
        switch s {
        case "）", ")", "］", "]", "〕", "】": true
        default: false
        }
    }

    @inline(__always)
    private func isTerminatorLike(_ s: Unicode.Scalar) -> Bool {
        switch s {
        case "。", "！", "？", "｡", "!", "?", "…", ".": true
        default: false
        }
    }

    /// The end of a note number set right after a sentence's end at `start`, or `start` when there is none: a run
    /// of superscript digits (…the poles.¹² The…), or in English text extracted from a PDF 1–3 plain digits after a
    /// lower-case word, a closing quote or bracket, or a year, before a space and a capital or the paragraph's end
    /// (…the poles.12 The…, …took effect in 2025.5 The…). A decimal (3.5, 10.25 Mbps) has other digits before the
    /// stop, or lower case after it, and is left alone.
    private func footnoteNumberEnd(_ s: [Unicode.Scalar], at start: Int, terminatorRunStart i: Int, end: Int) -> Int {
        guard start < end else { return start }
        var j = start
        while j < end, ScalarClass.isSuperscriptDigit(s[j]) { j += 1 }
        if j > start { return j }
        guard !ScalarClass.isCJKTerminator(s[i]), Self.mayCarryNoteNumber(s, stopAt: i) || Self.closesYear(s, stopAt: i) else { return start }
        while j < end, j - start < 4, s[j].isASCII, ScalarClass.isDigit(s[j]) { j += 1 }
        guard j > start, j - start <= 3 else { return start }
        // Several notes' numbers (…that.3,4 Most …; …pages.5–7 The …).
        while j + 1 < end, s[j] == "," || s[j] == "–" || s[j] == "-", s[j + 1].isASCII, ScalarClass.isDigit(s[j + 1]) {
            var k = j + 1
            while k < end, k - j <= 3, s[k].isASCII, ScalarClass.isDigit(s[k]) { k += 1 }
            guard k - j <= 3 else { break }
            j = k
        }
        if j == end { return j }
        var next = j
        while next < end, ScalarClass.isSpace(s[next]) { next += 1 }
        guard next > j, next < end, ScalarClass.isUpper(s[next]) || s[next] == "\"" || s[next] == "“" else { return start }
        return j
    }

    /// Whether the full stop at `i` closes a year standing as a word (in 2025., since 1998.), after which a bare number
    /// before a capital is a note's, as a PDF leaves a superscript: a decimal of four digits before its point is
    /// rare in prose.
    static func closesYear(_ s: [Unicode.Scalar], stopAt i: Int) -> Bool {
        // A fiscal year (in 2022–23.) closes as its first year does.
        if i >= 8, (i - 2..<i).allSatisfy({ s[$0].isASCII && ScalarClass.isDigit(s[$0]) }), s[i - 3] == "–" || s[i - 3] == "-" {
            return closesYear(s, stopAt: i - 3)
        }
        guard i >= 5, (i - 4..<i).allSatisfy({ s[$0].isASCII && ScalarClass.isDigit(s[$0]) }),
              ScalarClass.isSpace(s[i - 5]) || s[i - 5] == "(",
              let year = Int(String(String.UnicodeScalarView(s[(i - 4)..<i]))) else { return false }
        return (1800...2099).contains(year)
    }

    /// Whether the full stop at `i` may be followed by a bare note number (…the poles.12): it closes a word of lower-case
    /// letters that is no abbreviation taking a number (p.12, tab.2, ref.3), or a quotation or bracket ((… p.12).3),
    /// and the token it ends holds no slash and no dot between letters (example.org/report.2).
    static func mayCarryNoteNumber(_ s: [Unicode.Scalar], stopAt i: Int) -> Bool {
        guard i > 0 else { return false }
        // An acronym of two to six capitals (a quarter of GDP.1 Events …; NATO.2) carries one as a word does; a Roman
        // numeral (Part IV.2) does not.
        if ScalarClass.isUpper(s[i - 1]) {
            var start = i
            while start > 0, i - start <= 6, s[start - 1].isASCII, ScalarClass.isUpper(s[start - 1]) { start -= 1 }
            let length = i - start
            guard length >= 2, length <= 6, start == 0 || ScalarClass.isSpace(s[start - 1]) || s[start - 1] == "(",
                  !s[start..<i].allSatisfy({ "IVXLC".unicodeScalars.contains($0) }) else { return false }
            // A figure's, table's or box's label (Box SPM.1, Figure TS.3) numbers it, no note.
            var wordEnd = start
            while wordEnd > 0, ScalarClass.isSpace(s[wordEnd - 1]) { wordEnd -= 1 }
            var wordStart = wordEnd
            while wordStart > 0, ScalarClass.isLatinLetter(s[wordStart - 1]) { wordStart -= 1 }
            let label = String(String.UnicodeScalarView(s[wordStart..<wordEnd])).lowercased()
            return !["figure", "fig", "table", "box", "annex", "appendix", "section", "chapter", "part", "panel"].contains(label)
        }
        guard ScalarClass.isLower(s[i - 1]) || (ScalarClass.isCloser(s[i - 1]) && !ScalarClass.isCJK(s[i - 1])) else {
            return false
        }
        // The token before the stop, back to a space or an opening mark (at most 40 scalars, so that a long run
        // without spaces costs nothing): an address or a file name (a slash, or a dot between letters) carries none.
        var start = i
        while start > 0, i - start < 40, !ScalarClass.isSpace(s[start - 1]), !ScalarClass.isCJK(s[start - 1]),
              s[start - 1] != "(", s[start - 1] != "—" {
            start -= 1
        }
        for k in start..<i where s[k] == "/" || (s[k] == "." && k > start && k + 1 < i
            && ScalarClass.isLatinLetter(s[k - 1]) && ScalarClass.isLatinLetter(s[k + 1])) {
            return false
        }
        // After a closing mark ((… p.12).3) the word before the mark is not the abbreviation in question.
        guard ScalarClass.isLower(s[i - 1]) else { return true }
        var wordStart = i - 1
        while wordStart > start, ScalarClass.isLatinLetter(s[wordStart - 1]) { wordStart -= 1 }
        let word = String(String.UnicodeScalarView(s[wordStart..<i])).lowercased()
        return !Abbreviations.numberedLowercased.contains(word)
    }

    /// Skips note markers (`noteMarkerEnd`): `[1]`, `[1][2]`, `[1-3]`, `[1,2]`, `［1］`, `[^1]` and circled numbers.
    private func skipNoteMarkers(_ s: [Unicode.Scalar], from start: Int, end: Int) -> Int {
        var j = start
        while j < end {
            // In a hard-wrapped paragraph (HardWrap) a marker may sit at the start of the next line or be split by
            // a line break, and across a page break (PageBreaks) below blank lines and the page's blanked furniture.
            var m = j
            var crossesLine = false
            while m < end, ScalarClass.isSpace(s[m]) {
                if Self.isLineBreak(s[m]) { crossesLine = true }
                m += 1
            }
            // On the same line a space may stand before a marker (… the reform. [1]) when nothing but a space or
            // the paragraph's end follows it: a sentence does not open with a note number.
            if !crossesLine, m > j, !Self.isStandaloneMarker(s, at: m, end: end) { m = j }
            guard let markerEnd = Self.noteMarkerEnd(s, at: m, end: end) else { break }
            j = markerEnd
        }
        return j
    }

    private static func isLineBreak(_ scalar: Unicode.Scalar) -> Bool { scalar == "\n" || scalar == "\r" }

    /// The end of the note marker that starts at `m`: a circled number, Markdown's [^1] or [^label], or a bracketed
    /// number or list of them (`[1]`, `[1-3]`, `[1,2]`, `［1］`; at most 16 characters, not counting the line breaks and
    /// spaces a wrap or a page break leaves inside it); nil when none starts there. The one reading of a marker's
    /// extent that the segmenter and the heading detector share.
    static func noteMarkerEnd(_ s: [Unicode.Scalar], at m: Int, end: Int) -> Int? {
        guard m < end else { return nil }
        if ScalarClass.isCircledNumber(s[m]) { return m + 1 }
        if let markdown = NotesList.markdownLabel(s, at: m, end: end) { return markdown.end }
        // [1], ［1］, and 〔1〕 as some Chinese journals set it (at most three digits there: 国发〔2024〕3号 is a
        // document's number).
        guard s[m] == "[" || s[m] == "［" || s[m] == "〔" else { return nil }
        var k = m + 1
        var digits = 0
        while k < end,
              ScalarClass.isDigit(s[k]) || s[k] == "," || s[k] == "-" || s[k] == "–" || s[k] == "，" || s[k] == " " || isLineBreak(s[k]) {
            if ScalarClass.isDigit(s[k]) { digits += 1 }
            k += 1
        }
        guard digits > 0, k < end, (m..<k).count(where: { !ScalarClass.isSpace(s[$0]) }) <= 16 else { return nil }
        if s[m] == "〔" { return s[k] == "〕" && digits <= 3 ? k + 1 : nil }
        guard s[k] == "]" || s[k] == "］" else { return nil }
        return k + 1
    }

    /// Whether a note marker starts at `m` with only a space or the end after it.
    private static func isStandaloneMarker(_ s: [Unicode.Scalar], at m: Int, end: Int) -> Bool {
        guard let k = noteMarkerEnd(s, at: m, end: end) else { return false }
        return k >= end || ScalarClass.isSpace(s[k])
    }

    private func firstNonSpace(_ s: [Unicode.Scalar], from start: Int, end: Int) -> Int {
        var j = start
        while j < end, ScalarClass.isSpace(s[j]) { j += 1 }
        return j
    }

    /// Whether `scalar` is an emoji that shows as a picture by default (😱, 🤔, 💪, 👍), not a symbol that text uses
    /// (©, ™, ↑, digits).
    static func isEmoji(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value >= 0x1F000 && scalar.properties.isEmojiPresentation
            || (0x2600...0x27BF).contains(scalar.value) && scalar.properties.isEmojiPresentation
    }

    /// Whether the writer of the paragraph around `i` sets no capitals, as many who comment on a rule do (i think these
    /// fees are a ripoff … the banks say its a service but its really a trap.): within 400 characters, sentences go on
    /// after a stop on an ordinary word with a small letter (two or more times, and more often than with a capital;
    /// once, where no capital follows a stop), and the paragraph opens with a small letter or the writer's own "i"
    /// stands small (i think, i'm). Their sentences end before a small letter. A page that opens mid-sentence (of the
    /// statute. Section 230 …) or an index (household i) is no such writer's.
    static func writesWithoutCapitals(_ s: [Unicode.Scalar], paragraphStart: Int, near i: Int, end: Int) -> Bool {
        let lower = max(paragraphStart, i - 400), upper = min(end, i + 400)
        var smallStarts = 0, capitalStarts = 0, smallI = false
        var k = lower
        while k + 1 < upper {
            if s[k] == "i", k == paragraphStart || s[k - 1] == " ", s[k + 1] == "'" || s[k + 1] == "’"
                || (s[k + 1] == " " && Self.pronounVerbs.contains(String(String.UnicodeScalarView(s[(k + 2)..<min(upper, k + 2 + 12)].prefix { ScalarClass.isLower($0) })))) {
                smallI = true
            }
            if s[k] == "." || s[k] == "?" || s[k] == "!", s[k + 1] == " " {
                var n = k + 1
                while n < upper, s[n] == " " { n += 1 }
                // (A stop after an abbreviation, esp. the, counts neither way.)
                var w = k
                while w > lower, ScalarClass.isLatinLetter(s[w - 1]) { w -= 1 }
                let plain = s[k] != "." || endsOnPlainWord(String(String.UnicodeScalarView(s[w..<k])))
                if n < upper, plain, ScalarClass.isLower(s[n]) { smallStarts += 1 } else if n < upper, ScalarClass.isUpper(s[n]) { capitalStarts += 1 }
            }
            k += 1
        }
        guard (smallStarts >= 2 && smallStarts > capitalStarts) || (smallStarts == 1 && capitalStarts == 0) else { return false }
        var first = paragraphStart
        while first < end, ScalarClass.isSpace(s[first]) || s[first] == "\n" { first += 1 }
        return smallI || (first < end && ScalarClass.isLower(s[first]) && !opensWithSmallCapName(s, at: first, end: end))
    }

    /// Words the pronoun "i" written small stands before (i think, i am, i paid).
    static let pronounVerbs: Set<String> = [
        "think", "am", "was", "have", "had", "do", "did", "dont", "would", "will", "can", "cant", "just", "really", "also",
        "feel", "believe", "got", "get", "paid", "pay", "need", "want", "know", "live", "work", "use", "used", "hope",
        "agree", "disagree", "support", "oppose", "urge", "ask", "never", "only", "still", "could", "should", "mean",
    ]

    /// Whether `token`, the word before a stop, is an ordinary word written small that may end a sentence (ripoff,
    /// it, 2024), not an abbreviation (etc, e.g, approx, acct, yr, no) or an initial.
    static func endsOnPlainWord(_ token: String) -> Bool {
        let scalars = token.unicodeScalars
        guard scalars.count >= 2, scalars.allSatisfy({ ScalarClass.isLower($0) || ScalarClass.isDigit($0) || $0 == "'" || $0 == "’" })
        else { return false }
        return !Abbreviations.writtenSmall.contains(token)
    }

    /// Whether the word at `i` is a name written with a small first letter and a capital after one or two (eLoran,
    /// iPhone, eBay, mRNA, iOS): such a name opens a sentence as a capitalised word does.
    static func opensWithSmallCapName(_ s: [Unicode.Scalar], at i: Int, end: Int) -> Bool {
        var k = i
        while k < end, k - i < 2, ScalarClass.isLower(s[k]) { k += 1 }
        guard k > i, k + 1 < end, ScalarClass.isUpper(s[k]) else { return false }
        return ScalarClass.isLower(s[k + 1]) || ScalarClass.isUpper(s[k + 1])
    }

    /// English full-stop rules.
    /// Whether the stop at `i` stands inside a short English quotation — opened at most 40 characters before, in the
    /// same sentence, closed at most 40 after — that a lower-case word follows: the quotation is a name the sentence
    /// goes on after ("Water. Rest. Shade." campaign), not speech that ends it.
    static func insideShortQuotationRunningOn(_ s: [Unicode.Scalar], at i: Int, paragraphStart: Int, end: Int) -> Bool {
        var open = i - 1
        while open >= paragraphStart, i - open <= 40, s[open] != "\"", s[open] != "“", s[open] != "”" { open -= 1 }
        guard open >= paragraphStart, i - open <= 40, s[open] == "“" || s[open] == "\"" else { return false }
        // A straight quote opens where a space or the paragraph's start comes before it.
        if s[open] == "\"", open > paragraphStart, !ScalarClass.isSpace(s[open - 1]) { return false }
        var close = i + 1
        while close < end, close - i <= 40, s[close] != "\"", s[close] != "”", s[close] != "“", s[close] != "\n" { close += 1 }
        guard close < end, close - i <= 40, s[close] == "”" || s[close] == "\"" else { return false }
        guard close - 1 > i, s[close - 1] == "." || s[close - 1] == "!" || s[close - 1] == "?" else { return false }
        // A slogan's parts are a few words each (Water. Rest. Shade.); sentences quoted whole are longer.
        let quoted = String(String.UnicodeScalarView(s[(open + 1)..<close]))
        guard quoted.split(whereSeparator: { ".!?".contains($0) }).allSatisfy({ $0.split(separator: " ").count <= 4 }) else { return false }
        var next = close + 1
        while next < end, s[next] == " " { next += 1 }
        return next > close + 1 && next < end && ScalarClass.isLower(s[next])
    }

    private func fullStopEndsSentence(_ s: [Unicode.Scalar], at i: Int, paragraphStart: Int, end: Int) -> Bool {
        // Inside a run of dots only the last one decides (ellipsis "...").
        if i + 1 < end, s[i + 1] == "." { return false }
        // A spaced ellipsis (the Secretary . . . shall issue; there. . . . Congress), as legal writing sets it: only its
        // last dot may end a sentence, and only before a capital.
        if i + 2 < end, s[i + 1] == " ", s[i + 2] == "." { return false }
        if i >= 2, s[i - 1] == " ", s[i - 2] == "." {
            let next = firstNonSpace(s, from: i + 1, end: end)
            return next >= end || ScalarClass.isUpper(s[next]) || s[next] == "\"" || s[next] == "“"
        }
        // A slogan or title quoted whole inside a sentence (the federal "Water. Rest. Shade." campaign): its inner
        // stops end nothing.
        if Self.insideShortQuotationRunningOn(s, at: i, paragraphStart: paragraphStart, end: end) { return false }
        // Chinese set with ASCII punctuation (差异较大.A市要求…; 较大.2023年,B市…; 功能.①然而,…): a stop right after a Han
        // character is no decimal point, abbreviation or dot inside a token, whatever letter, digit or circled number
        // follows it without a space.
        if i > paragraphStart, ScalarClass.isHan(s[i - 1]), i + 1 < end,
           case let n = s[i + 1], ScalarClass.isDigit(n) || ScalarClass.isUpper(n) || ScalarClass.isLower(n)
               || ScalarClass.isFullWidthAlphanumeric(n) || (0x2460...0x24FF).contains(n.value) {
            return true
        }
        // A note number set on the stop (…the poles.12 The…, …Microsoft Corp.7 What…): where it ends.
        let noteEnd = i + 1 < end && !ScalarClass.isSpace(s[i + 1]) ? footnoteNumberEnd(s, at: i + 1, terminatorRunStart: i, end: end) : i + 1
        // Inside a token: decimals (3.5), URLs, DOIs, file names, U.S.A.
        if i + 1 < end {
            let n = s[i + 1]
            // A full-width digit or letter goes on a token (２.５, Ｕ.Ｓ.) as an ASCII one does.
            if !(ScalarClass.isSpace(n) || ScalarClass.isCloser(n) || (ScalarClass.isCJK(n) && !ScalarClass.isFullWidthAlphanumeric(n))
                || n == "[" || n == "［" || n == "〔" || noteEnd > i + 1
                || Self.closingEmphasisEnd(s, at: i + 1, end: end) != nil) {
                return false
            }
        }
        // The token before the dot: letters, digits and inner dots back to a space or opening punctuation.
        var tokenStart = i
        while tokenStart > paragraphStart {
            let p = s[tokenStart - 1]
            if ScalarClass.isSpace(p) || p == "(" || p == "\"" || p == "“" || p == "‘" || p == "[" || p == "—" || p == "–"
                || p == "/" || ScalarClass.isCJK(p)
            {
                break
            }
            tokenStart -= 1
        }
        let token = s.string(tokenStart..<i)
        let isEllipsis = i >= 2 && s[i - 1] == "." && s[i - 2] == "."
        // After a note number the next word is the one after the number.
        let next = firstNonSpace(s, from: noteEnd, end: end)
        let nextScalar: Unicode.Scalar? = next < end ? s[next] : nil
        let nextWord = nextScalar == nil ? "" : word(s, from: next, end: end)
        if let n = nextScalar {
            if ScalarClass.isLower(n), WebAddress.end(s, at: next, limit: end) == nil, !Self.opensWithSmallCapName(s, at: next, end: end),
               !(Self.endsOnPlainWord(token) && Self.writesWithoutCapitals(s, paragraphStart: paragraphStart, near: i, end: end)) {
                return false
            }
            if ScalarClass.isContinuationPunctuation(n) { return false }
            if ScalarClass.isDigit(n), Abbreviations.beforeNumbers.contains(token) { return false }
            // A cited section or paragraph goes on (Cal. Lab. Code § 226.7; See Compl. ¶ 14).
            if n == "§" || n == "¶", Abbreviations.citationWords.contains(token) || Abbreviations.citationContinuations.contains(token)
                || Abbreviations.neverFinal.contains(token) || Abbreviations.citedAgain.contains(token) {
                return false
            }
            // A grant's, an award's or a docket's number written with its letters (grant no. FZ-271836-20, Docket No.
            // CFPB-2024-0017): a token holding a figure goes on after "no.", as a bare number does.
            if ["no", "No", "nos", "Nos"].contains(token), ScalarClass.isUpper(n), Self.isCodeWithFigures(s, from: next, end: end),
               Abbreviations.numberedThings.contains(wordBefore(s, tokenStart, paragraphStart: paragraphStart).lowercased()) {
                return false
            }
            // A decimal that a wrap by character count split in Chinese text (增长41.|5%; see HardWrap).
            if ScalarClass.isDigit(n), s[i + 1] == "\n" || s[i + 1] == "\r", i > tokenStart, ScalarClass.isDigit(s[i - 1]),
               tokenStart > paragraphStart, ScalarClass.isCJK(s[tokenStart - 1]) {
                return false
            }
        }
        // An initial inside a transliterated name (詹姆斯·N.罗西瑙, 小约瑟夫·S.奈, 亨利·A.基辛格): the letter follows the
        // name's middle dot, and the surname goes on after the stop.
        if let n = nextScalar, ScalarClass.isCJK(n) || ScalarClass.isUpper(n) {
            let letters = token.unicodeScalars.drop { Abbreviations.nameDots.contains($0) }
            let afterDot = letters.count < token.unicodeScalars.count
                || (tokenStart > paragraphStart && Abbreviations.nameDots.contains(s[tokenStart - 1]))
            if afterDot, letters.count == 1, ScalarClass.isUpper(letters.first!) { return false }
        }
        if isEllipsis {
            // "... and so on" continues; "... The next" ends.
            return nextScalar == nil || ScalarClass.isUpper(nextScalar!) || nextScalar == "\"" || nextScalar == "“"
        }
        // The same with a Chinese numeral (我们的建议是：一.加大投入；二.培养人才。).
        if token.isEmpty, i - 1 >= paragraphStart, "一二三四五六七八九十".unicodeScalars.contains(s[i - 1]),
           let n = nextScalar, ScalarClass.isCJK(n), !ScalarClass.isFullWidthAlphanumeric(n),
           i - 2 < paragraphStart || "：；，、。:;,".unicodeScalars.contains(s[i - 2]) {
            return false
        }
        if token.isEmpty { return true }
        // An enumeration inside a Chinese sentence (存在三个问题：1. 资金不足；2. 人才缺乏。) opens its item: a number of
        // one or two digits after a colon, a semicolon, a comma or a sentence's end, before Chinese text.
        if let n = nextScalar, ScalarClass.isCJK(n), !ScalarClass.isFullWidthAlphanumeric(n), token.unicodeScalars.count <= 2,
           token.unicodeScalars.allSatisfy(ScalarClass.isDigit) {
            var k = tokenStart - 1
            while k >= paragraphStart, ScalarClass.isSpace(s[k]) { k -= 1 }
            if k < paragraphStart || "：；，、。:;,".unicodeScalars.contains(s[k]) { return false }
        }
        // A list number at the start of the paragraph: "1. Introduction", "2.3. Data", "IV. Results".
        if tokenStart == s.trimmed(paragraphStart..<i).lowerBound, isListNumber(token) { return false }
        // A numbered label opening the paragraph or a sentence: "Recommendation 1. The Administrator should …",
        // "… three steps. Step 1. Register …" (but "as set out in Step 1. The next …" ends there).
        if token.unicodeScalars.count <= 3, token.unicodeScalars.allSatisfy(ScalarClass.isDigit) {
            let label = wordBefore(s, tokenStart, paragraphStart: paragraphStart)
            let labelStart = tokenStart - label.unicodeScalars.count - 1
            if Abbreviations.numberedLabels.contains(label), labelStart >= paragraphStart {
                var k = labelStart - 1
                while k >= paragraphStart, ScalarClass.isSpace(s[k]) { k -= 1 }
                // (After a question, "Option 2." is its answer, a sentence of its own.)
                if k < paragraphStart || (k < labelStart - 1 && ".:;".unicodeScalars.contains(s[k])) { return false }
            }
        }
        if nextScalar == nil { return true }
        let scalars = Array(token.unicodeScalars)
        // Initials: "J. N. Rosenau", "Harry S. Truman", "by J. Smith" — but "the platform X. When the court…" and
        // "areas graded D. Portland shows…" end a sentence: a lower-case word other than one that introduces a name
        // does not stand before an initial.
        if scalars.count == 1, ScalarClass.isUpper(scalars[0]) {
            if Abbreviations.sentenceOpeners.contains(nextWord) { return true }
            let previous = wordBefore(s, tokenStart, paragraphStart: paragraphStart)
            // A letter that names a part, an option or an appendix (Medicare Part D. Manufacturers …, in Appendix B.
            // Readers …) is no initial of a name: before a capital it ends the sentence.
            if Abbreviations.letteredLabels.contains(previous) { return true }
            return !previous.isEmpty && previous.unicodeScalars.allSatisfy(ScalarClass.isLower)
                && !Abbreviations.beforeNames.contains(previous)
        }
        // A note number on the stop shows the end a firm's name alone would hide (…Microsoft Corp.7 What changed…).
        if noteEnd > i + 1, Abbreviations.usuallyInternal.contains(token) { return Abbreviations.sentenceOpeners.contains(nextWord) }
        // "No." alone after a sentence's end is an answer (Should voting be compulsory? No. It forces …), not the
        // abbreviation of a number.
        let afterNextWord = next + nextWord.unicodeScalars.count
        if token == "No", !(nextScalar.map(ScalarClass.isDigit) ?? false),
           afterNextWord >= end || !(ScalarClass.isDigit(s[afterNextWord]) || s[afterNextWord] == "-") {
            var k = tokenStart - 1
            while k >= paragraphStart, ScalarClass.isSpace(s[k]) { k -= 1 }
            // After a question, an exclamation or a sentence closed on an ordinary lower-case word, not after an
            // abbreviation (Dkt. No. FDA-2019-N-1234, U.N. Doc. No. A/HRC/47/30).
            if k < paragraphStart || s[k] == "?" || s[k] == "!" { return true }
            if s[k] == ".", k > paragraphStart, ScalarClass.isLower(s[k - 1]) {
                let before = wordBefore(s, k, paragraphStart: paragraphStart)
                if before.unicodeScalars.count >= 3, before.unicodeScalars.allSatisfy(ScalarClass.isLower),
                   !Abbreviations.numberedLowercased.contains(before) { return true }
            }
        }
        // A citation's abbreviated journal or reporter after its volume number (134 Harv. L. Rev. 1; 34 J. Fin.
        // Intermediation 51; 91 Fed. Reg. 40112) goes on to its page.
        // Only an abbreviation's shape counts: a unit (50 GW.) or a word (on 18 March.) after a figure ends its sentence.
        if Abbreviations.isCitationAbbreviation(token), Self.followsVolumeNumber(s, tokenStart, paragraphStart: paragraphStart),
           nextScalar.map(ScalarClass.isUpper) == true, !Abbreviations.sentenceOpeners.contains(nextWord) {
            return false
        }
        // The Federal Reserve is "the Fed." at a sentence's end; the Federal Register, Rules and Circuit go on.
        if token == "Fed" { return !Abbreviations.federalCitations.contains(nextWord) }
        // A month goes on to its day or year (Sept. 12, Jan. 2024) or the next month of a list; before another
        // capitalised word it ends the sentence (… extended to Sept. Lawmakers …).
        // (A decision's or report's number after its month goes on too: Commission, Dec. No. 2020/45.)
        if Abbreviations.months.contains(token) {
            return !(nextScalar.map(ScalarClass.isDigit) ?? false) && !Abbreviations.months.contains(nextWord) && nextWord != "No"
        }
        // "etc." closes a list, and a sentence when a capital follows.
        if token == "etc" { return true }
        if Abbreviations.neverFinal.contains(token) || Abbreviations.neverFinal.contains(token.lowercased()) {
            return false
        }
        // A transcript's speaker label sets the title in capitals before a name in capitals (MS. JEAN-PIERRE:, SEN.
        // WARREN:); elsewhere MS. may be the Member States or a disease, and ends a sentence.
        if Abbreviations.capitalTitles.contains(token), Self.speakerNameFollows(s, from: next, end: end) {
            return false
        }
        // An appendix or annex named by its letter (App. B, Annex C) goes on; the NHS App. It … ends.
        if ["App", "Apps", "Appx", "Annex"].contains(token), nextWord.unicodeScalars.count == 1, nextScalar.map(ScalarClass.isUpper) == true {
            return false
        }
        // Dotted abbreviations (U.S, e.g, a.m): end a sentence only before a typical sentence opener.
        if scalars.contains("."), scalars.allSatisfy({ ScalarClass.isLatinLetter($0) || $0 == "." }),
            token.split(separator: ".").allSatisfy({ $0.count <= 2 })
        {
            return Abbreviations.sentenceOpeners.contains(nextWord)
        }
        if Abbreviations.usuallyInternal.contains(token) {
            return Abbreviations.sentenceOpeners.contains(nextWord)
        }
        if Abbreviations.citationWords.contains(token),
           nextScalar.map(ScalarClass.isDigit) == true || inCitation(s, tokenStart, paragraphStart: paragraphStart, nextWord: nextWord, at: next, end: end) {
            return Abbreviations.sentenceOpeners.contains(nextWord)
        }
        return true
    }

    /// Whether the word at `tokenStart` stands in a legal citation: inside brackets opened before it, after a case's
    /// "v." in the same stretch of text, or before another of the citation's abbreviations or an initial.
    private func inCitation(_ s: [Unicode.Scalar], _ tokenStart: Int, paragraphStart: Int, nextWord: String, at next: Int, end: Int) -> Bool {
        // A journal's abbreviated name goes on to its volume and page (94 Am. Econ. Rev. 112).
        if Abbreviations.citationWords.contains(nextWord) || Abbreviations.usuallyInternal.contains(nextWord) || nextWord == "No"
            || Abbreviations.journalWords.contains(nextWord) || continuesCitation(s, word: nextWord, at: next, end: end)
            || (nextWord.unicodeScalars.count == 1 && nextWord.unicodeScalars.allSatisfy(ScalarClass.isUpper)) {
            return true
        }
        var depth = 0
        let from = max(paragraphStart, tokenStart - 240)
        for k in stride(from: tokenStart - 1, through: from, by: -1) {
            switch s[k] {
            case ")": depth -= 1
            case "(": depth += 1
            case "v" where k + 2 < tokenStart && s[k + 1] == "." && s[k + 2] == " " && k > from && s[k - 1] == " ": return true
            default: break
            }
            if depth > 0 { return true }
        }
        return false
    }

    /// Whether `word`, the next after the abbreviation at `tokenStart`, carries a citation on in its own shape: Gov't,
    /// Dep't, Ass'n, Comm'n with their apostrophe, and a code or statute before its section or number (Cal. Lab. Code
    /// § 226.7; Tex. Gov't Code § 552); not "Ga. Gov. Brian Kemp" or "Cal. Code enforcement officers".
    private func continuesCitation(_ s: [Unicode.Scalar], word: String, at next: Int, end: Int) -> Bool {
        guard Abbreviations.citationContinuations.contains(word) else { return false }
        let after = next + word.unicodeScalars.count
        guard after < end else { return false }
        if ["Gov", "Dep", "Ass", "Comm"].contains(word) { return s[after] == "'" || s[after] == "’" }
        // After the word (and its stop: Stat., Rptr.), a section, a number or another of the citation's
        // abbreviations (Code Regs., Code Civ. Proc.); a council before its case's v. or a comma.
        var j = after
        if j < end, s[j] == "." { j += 1 }
        while j < end, s[j] == " " { j += 1 }
        guard j < end else { return false }
        if word == "Council" { return s[j] == "v" && j + 1 < end && s[j + 1] == "." || s[after] == "," }
        if s[j] == "§" || ScalarClass.isDigit(s[j]) { return true }
        var m = j
        while m < end, ScalarClass.isLatinLetter(s[m]) { m += 1 }
        return m > j && m - j <= 6 && ScalarClass.isUpper(s[j]) && m < end && s[m] == "."
    }

    /// Whether the abbreviation at `tokenStart` follows a citation's volume number, directly or across other
    /// abbreviated words of the journal's name (134 Harv.; 34 J. Fin.; 80 Geo. Wash.): one to three digits before it,
    /// after a space, an opening bracket or the paragraph's start, and the abbreviation a capitalised word.
    static func followsVolumeNumber(_ s: [Unicode.Scalar], _ tokenStart: Int, paragraphStart: Int) -> Bool {
        guard tokenStart < s.count, ScalarClass.isUpper(s[tokenStart]) else { return false }
        var k = tokenStart
        for _ in 0..<4 {
            var j = k
            while j > paragraphStart, s[j - 1] == " " { j -= 1 }
            guard j < k, j > paragraphStart else { return false }
            if ScalarClass.isDigit(s[j - 1]) {
                var d = j
                while d > paragraphStart, ScalarClass.isDigit(s[d - 1]) { d -= 1 }
                return j - d <= 3 && (d == paragraphStart || s[d - 1] == " " || s[d - 1] == "(")
            }
            // Another abbreviated word of the name: capitalised letters (an apostrophe inside) and its stop.
            guard s[j - 1] == "." else { return false }
            var w = j - 1
            while w > paragraphStart, ScalarClass.isLatinLetter(s[w - 1]) || s[w - 1] == "'" || s[w - 1] == "’" { w -= 1 }
            guard w < j - 1, j - 1 - w <= 8, ScalarClass.isUpper(s[w]) else { return false }
            k = w
        }
        return false
    }

    /// Whether the token at `start` is a code holding a figure (FZ-271836-20, CFPB-2024-0017, A/HRC/47/30): letters,
    /// figures, hyphens and slashes up to a space or closing mark, at least one of them a figure.
    static func isCodeWithFigures(_ s: [Unicode.Scalar], from start: Int, end: Int) -> Bool {
        var k = start, figures = 0
        while k < end, ScalarClass.isLatinLetter(s[k]) || ScalarClass.isDigit(s[k]) || s[k] == "-" || s[k] == "/" {
            if ScalarClass.isDigit(s[k]) { figures += 1 }
            k += 1
        }
        return figures > 0 && k - start >= 3
    }

    /// The word of Latin letters that ends just before `index`, across spaces ("graded" in "graded D."); empty when
    /// something else stands there.
    private func wordBefore(_ s: [Unicode.Scalar], _ index: Int, paragraphStart: Int) -> String {
        var end = index
        while end > paragraphStart, s[end - 1] == " " { end -= 1 }
        var start = end
        while start > paragraphStart, ScalarClass.isLatinLetter(s[start - 1]) { start -= 1 }
        return s.string(start..<end)
    }

    private func word(_ s: [Unicode.Scalar], from start: Int, end: Int) -> String {
        var j = start
        while j < end, ScalarClass.isLatinLetter(s[j]) { j += 1 }
        return s.string(start..<j)
    }

    private func isListNumber(_ token: String) -> Bool {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        if parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isNumber) }) { return true }
        let roman: Set<Character> = ["I", "V", "X", "L", "C"]
        return parts.count == 1 && token.count <= 5 && token.allSatisfy { roman.contains($0) }
            || (token.count == 1 && token.first!.isLetter)
    }
}

/// Abbreviations of English scholarly and policy prose.
enum Abbreviations {
    /// Never end a sentence (titles, Latin, citation forms).
    static let neverFinal: Set<String> = [
        "Dr", "Mr", "Mrs", "Ms", "Prof", "Sr", "Mt", "Gen", "Lt", "Col", "Capt", "Gov", "Sen", "Rep",
        "Hon", "hon", "Rt", "Rev", "Fr", "Sgt", "Cpl", "Adm", "Cmdr", "Maj", "Pres", "Supt", "Messrs", "Mme", "Mlle", "Amb",
        "e.g", "i.e", "cf", "vs", "v", "viz", "et", "ibid", "Ibid", "op", "cit", "approx", "ca", "c", "incl", "Ft",
        "Fig", "Figs", "fig", "figs", "Eq", "Eqs", "eq", "Ref", "Refs", "Tab", "Vol", "vol", "Vols", "vols",
        "Ch", "ch", "Chap", "chap", "Sec", "sec", "Secs", "Art", "Para", "para", "pp", "p", "ed", "eds",
        "No", "Nos", "Dept", "Univ", "Assn", "Bros", "Ave", "Blvd", "Rd", "est", "Est", "trans", "Trans", "repr",
        "U.S.C", "n.d", "Pub", "Publ", "Ord", "Reg", "Regs",
        // Legal citation forms of comments and reports: 91 Fed. Reg. 40112, 136 Stat. 1818, F. Supp., S. Ct.
        "Stat", "Supp", "Cir", "Ct", "Cong", "Sess",
    ]
    /// Months as abbreviated (`fullStopEndsSentence` lets them end a sentence before a capitalised word).
    static let months: Set<String> = ["Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec"]
    /// What follows "Fed." in a citation: the Federal Register, Rules, Circuit, Claims, Appendix (91 Fed. Reg.,
    /// Fed. R. Civ. P., Fed. Cir., Fed. Cl., Fed. Appx.).
    static let federalCitations: Set<String> = [
        "Reg", "R", "Cir", "Cl", "Appx", "App", "Sec", "Prac", "Proc", "Rules", "Rule",
        // Agencies and journals so abbreviated: Fed. Trade Comm'n, Fed. Mar. Comm'n, Fed. Res. Bull., Fed. Prob.
        "Trade", "Mar", "Res", "Prob", "Comm", "Commc",
    ]
    /// What a code's number names after "no." (grant no. FZ-271836-20, Docket No. CFPB-2024-0017); "said no. G20 …"
    /// ends its sentence.
    static let numberedThings: Set<String> = [
        "grant", "award", "docket", "dkt", "contract", "file", "case", "project", "bill", "order", "petition", "application",
        "permit", "license", "licence", "serial", "account", "reference", "ref", "agreement", "resolution", "decision",
        "claim", "patent", "registration", "item", "report", "opinion", "document", "doc", "control", "identifier", "id",
        "submission", "comment", "tracking", "notice", "rule", "regulation", "directive", "filing", "proceeding", "matter",
    ]
    /// Law reviews' and journals' words abbreviated after a volume number (134 Harv. L. Rev.; 120 Colum. L. Rev.;
    /// 80 Geo. Wash. L. Rev.) that the lists above lack.
    static let reviewWords: Set<String> = [
        "Harv", "Colum", "Geo", "Stan", "Penn", "Chi", "Nw", "Vand", "Corn", "Iowa", "Ohio", "Bos", "Fordham", "Emory",
        "Duke", "Yale", "J", "L", "Q", "Int", "Const", "Crim", "Env", "Envt", "Persp", "Intermediation", "Ass",
    ]

    /// Whether `token` has a citation's abbreviation's shape: a listed word of a journal, a reporter, a court or a
    /// law review, or a capitalised short word that is no English word (Harv, Colum); not a unit in capitals (GW)
    /// nor a word (March, Titles).
    static func isCitationAbbreviation(_ token: String) -> Bool {
        if journalWords.contains(token) || citationWords.contains(token) || reviewWords.contains(token) || token == "Fed" { return true }
        guard !months.contains(token), !usuallyInternal.contains(token) else { return false }
        let scalars = token.unicodeScalars
        guard (2...6).contains(scalars.count), ScalarClass.isUpper(scalars.first!),
              scalars.dropFirst().allSatisfy({ ScalarClass.isLower($0) }) else { return false }
        return !EnglishWords.all.contains(Substring(token.lowercased()))
    }
    /// A cited authority named again (Id. § 1605(a); see supra ¶ 14), which a section or paragraph sign continues.
    static let citedAgain: Set<String> = ["Id", "id", "Ibid", "ibid", "supra", "infra"]
    /// Words a capital letter follows as the name of a part, option or appendix (Part D, Option B, Appendix C, Title
    /// IX's letter-numbered kin), not as a person's initial.
    static let letteredLabels: Set<String> = [
        "Part", "Parts", "Appendix", "Annex", "Option", "Options", "Title", "Schedule", "Exhibit", "Table", "Figure",
        "Plan", "Alternative", "Tier", "Phase", "Group", "Class", "Type", "Gen", "Section", "Chapter", "Article",
        "Attachment", "Regulation", "Form", "Division", "Subpart", "Category", "Zone", "Grade", "Level", "Vitamin",
        "Scenario", "Track", "Stage", "Block", "Box", "Unit", "Pillar", "Component", "Step", "Model", "Program",
    ]
    /// Words that a number and a full stop follow to open a paragraph as its label (Recommendation 1. …).
    static let numberedLabels: Set<String> = [
        "Recommendation", "Finding", "Option", "Question", "Step", "Objective", "Goal", "Principle", "Action", "Priority",
        "Proposal", "Lesson", "Issue", "Measure", "Task", "Target", "Indicator",
    ]
    /// Titles as a transcript's speaker labels set them, in capitals (MS. JEAN-PIERRE:).
    static let capitalTitles: Set<String> = ["MR", "MS", "MRS", "DR", "SEN", "REP", "AMB", "GOV", "PROF", "GEN", "HON"]
    /// Abbreviations that usually sit inside a sentence but may close one before a clear sentence opener.
    /// A firm's Inc. and a statute's et seq. close a sentence as often as they stand inside one (… Sunbelt
    /// Logistics, Inc. The plaintiff …; 5 U.S.C. 601 et seq. The Panel …).
    static let usuallyInternal: Set<String> = ["etc", "Inc", "Ltd", "Co", "Corp", "Jr", "St", "a.m", "p.m", "seq", "al"]
    /// The Bluebook's words of a case name, a court or a reporter (Nationwide Mut. Ins. Co., Am. L. Inst., W.D.
    /// Okla., F. App'x) and the states it abbreviates: abbreviations inside a citation (`inCitation`), and ordinary
    /// words that end sentences elsewhere (Big Tech., Peoria, Ill.).
    /// Words of a journal's abbreviated name (Am. Econ. Rev., Am. J. Pol. Sci., Q. J. Econ.).
    static let journalWords: Set<String> = ["Econ", "Rev", "Pol", "Sci", "Stud", "Int'l", "Comp", "Soc", "Psych", "Quart", "Ann", "Bull", "Proc", "Res", "Am"]
    static let citationWords: Set<String> = [
        "Dkt", "Doc", "Econ", "Pol", "Stud", "Psych", "Quart", "Ann", "Bull", "Proc", "Ins", "Mut", "Auto", "Grp", "Inst", "Civ", "Comp", "Am", "Ass'n", "Comm'n", "Dep't", "Gov't", "Nat'l", "Int'l",
        "App'x", "Dist", "Bankr", "Super", "Cas", "Indus", "Mfg", "Fin", "Elec", "Transp", "Envtl", "Admin", "Sys",
        "Servs", "Prods", "Tech", "Educ", "Hous", "Sci", "Soc", "Res", "Pol'y", "Cal", "Okla", "Ill", "Fla", "Tex",
        "Mich", "Minn", "Wash", "Wis", "Conn", "Colo", "Ariz", "Ark", "Ala", "Ga", "Md", "Mass", "Pa", "Va", "Tenn",
        "Ky", "Kan", "Neb", "Nev", "Mo", "Del", "La", "Mont", "Vt", "Wyo", "Ind", "Miss",
        // More of the Bluebook's words (Nat. Res. Def. Council, Sch. Dist. of Abington Twp., Bell Atl. Corp., Cal.
        // Lab. Code, 116 Cong. Rec. 37,326, See Compl. ¶ 14).
        "Nat", "Def", "Sch", "Twp", "Atl", "Pac", "Lab", "Rec", "Compl", "Bd", "Cnty", "Ctr", "Hosp", "Mun", "Ry",
        "Sav", "Tel", "Util", "Prot", "Agric", "Cmty", "Dev", "Div", "Equip", "Exch", "Mgmt", "Mktg", "Pharm", "Prop",
        "Constr", "Bhd", "Rptr",
        // A science journal's name (Proc. Natl. Acad. Sci. U.S.A.).
        "Natl", "Acad",
    ]
    /// Words that carry a citation on after an abbreviation (Cal. Lab. Code § 226.7; Nat. Res. Def. Council).
    /// (`word` stops at an apostrophe: Gov't Code reads as Gov.)
    static let citationContinuations: Set<String> = ["Code", "Regs", "Stat", "Ann", "Rptr", "Council", "Gov", "Dep", "Ass", "Comm"]
    /// Abbreviations followed by a number (No. 5, p. 12, Art. 3). Lower-case "no" and "art" are abbreviations only
    /// here: elsewhere they are words that can end a sentence ("it can say no.", "the state of the art.").
    static let beforeNumbers: Set<String> = [
        "No", "Nos", "no", "nos", "p", "pp", "Art", "art", "Sec", "sec", "Vol", "vol", "Fig", "Figs", "Ch", "ch",
        "Eq", "Para", "para", "Tab", "Ref", "Refs", "Chap", "Sect", "Sects",
        // Legal and regulatory citations: 12 C.F.R. pt. 1026, App. 3, Sch. 2, cl. 4.
        "pt", "pts", "Pt", "Pts", "App", "Apps", "Sch", "sch", "cl", "subpt", "tit",
        // A note of a cited page (at 91 n. 3) and a person's dates (b. 1948, d. 2001).
        "n", "nn", "b", "d",
        // A table's column, a judgment's paragraphs and articles, a maximum (col. 3, paras. 14–16, Arts. 5 and 6, max. 5).
        "col", "cols", "paras", "Paras", "Arts", "arts", "max", "min", "fn", "fns",
    ]
    /// The dots that join the parts of a transliterated name in Chinese (约翰·F.肯尼迪): middle dot, katakana middle
    /// dot, hyphenation point, bullet.
    static let nameDots: Set<Unicode.Scalar> = ["\u{00B7}", "\u{30FB}", "\u{2027}", "\u{2022}", "\u{FF65}"]

    /// Lower-case words that stand before a person's initial ("by J. Smith", "and T. Lee", "see A. Sen").
    static let beforeNames: Set<String> = [
        "by", "and", "of", "with", "from", "to", "for", "in", "at", "on", "see", "cf", "per", "via", "against",
        "between", "like", "than", "or", "nor", "as", "about", "after", "before", "under", "including", "named",
        "judge", "justice", "president", "senator", "professor", "dean", "director", "chairman", "secretary",
    ]
    /// Abbreviations before a number, and those that never end a sentence, in lower case (tab.2, ref.3, sect.2, ex.3).
    /// "no", "art" and "app" stay out: elsewhere they are words that end sentences (the state of the art.12); so do
    /// the words of a firm's name (Corp., Inc.), which take no number.
    static let numberedLowercased: Set<String> = Set((beforeNumbers.union(neverFinal)).map { $0.lowercased() })
        .union(["sect", "ex", "tbl", "appx", "fn", "n", "nn", "ibid", "op", "loc"])
        // A firm's name takes no number: Microsoft Corp.7 carries note 7.
        .subtracting(["no", "art", "app", "corp", "inc", "ltd", "co", "bros"])

    /// Abbreviations written small that a comment's writer uses and no sentence ends on (my acct. was, last yr. and,
    /// esp. the, (resp. quadratic), warner bros. discovery, id. at 12, 5 mg. daily), besides those listed above.
    static let smallAbbreviations: Set<String> = [
        "acct", "yr", "yrs", "mo", "mos", "bal", "sq", "pls", "plz", "bros", "std", "resp", "esp", "govt", "avg",
        "misc", "tel", "wk", "wks", "hr", "hrs", "oz", "lb", "lbs", "no", "intl", "natl", "info", "appt", "amt", "qty",
        "tot", "excl", "orig", "prev", "admin", "assoc", "asst", "ie", "eg", "mins", "km", "kg", "mi", "mgmt", "mfg",
        "dist", "twp", "cty", "hwy", "apt", "bldg", "rm", "ext", "wt", "ht", "dia", "id", "supra", "infra", "mg", "ml",
        "mm", "cm", "mgr", "art", "gal", "qt", "pkg",
    ]

    /// Every abbreviation a small word before a stop may be: the small ones above, those before numbers or never
    /// final, and a firm's (Inc., Co.) and a list's (etc.) in lower case.
    static let writtenSmall: Set<String> = numberedLowercased.union(usuallyInternal.map { $0.lowercased() }).union(smallAbbreviations)

    /// Words that begin most sentences after a dotted abbreviation like U.S.
    static let sentenceOpeners: Set<String> = [
        "The", "This", "That", "These", "Those", "It", "Its", "In", "On", "At", "For", "As", "But", "However", "We",
        "They", "He", "She", "I", "A", "An", "And", "Yet", "So", "Thus", "Therefore", "Moreover", "Furthermore",
        "Such", "There", "What", "When", "While", "Although", "If", "Since", "Because", "Our", "Their", "His", "Her",
        "Many", "Most", "Some", "One", "Each", "Both", "Nor", "Still", "Instead", "Meanwhile", "Finally", "First",
        "Second", "Third", "Indeed", "Nevertheless", "Similarly", "Hence", "Consequently", "By", "With", "After",
        "Before", "During", "Despite", "To", "From", "Under", "Over", "Whatever", "Whether", "Where", "Who", "Which",
        "How", "Why", "Not", "Only", "Even", "All", "Any", "Every", "Few", "Much", "More", "Other", "Neither",
        "Either", "Then", "Now", "Today", "Here", "Until", "Unless", "Once", "Given", "Rather", "Overall",
        "Specifically", "Notably", "Importantly", "Accordingly", "Additionally", "Also", "Likewise", "Conversely",
        "Ultimately", "Perhaps", "Clearly", "Regardless", "You", "My", "Your", "Let",
        "Between", "Among", "Across", "Within", "Through", "Against", "Beyond", "Unlike", "Nonetheless", "Last", "Next",
        // Adverbs of time and sequence open a narrative's next sentence (…in the U.S. Later it spread); none of them
        // goes on a name after U.S. or Inc.
        "Later", "Earlier", "Recently", "Subsequently", "Afterwards", "Afterward", "Previously", "Initially",
        "Eventually", "Again", "Otherwise", "Besides", "Lastly", "Unfortunately", "Fortunately", "Alternatively",
    ]
}
