import ArgMarkCore

/// Recognises heading lines: short lines without sentence-final punctuation, and numbered forms
/// (一、 （一） 1. 1.1 I. A. 第一章 第二节 Chapter 1 Part II Section 3).
public enum HeadingDetector {
    /// Longest unnumbered Chinese heading, in scalars.
    static let maxChineseLength = 40
    /// Longest numbered Chinese heading, in scalars.
    static let maxNumberedChineseLength = 60
    /// Longest English heading, in words.
    static let maxEnglishWords = 14
    /// Longest English heading in title case, in words: report headings state a finding ("Most People Who Lost
    /// Coverage … Were Disenrolled for Procedural Reasons, and Many Appear to Have Remained Eligible").
    static let maxTitleCaseEnglishWords = 28
    /// Longest Chinese document title on the first line, in scalars: official titles run long
    /// (关于2025年国民经济和社会发展计划执行情况与2026年国民经济和社会发展计划草案的报告, 44).
    static let maxChineseTitleLength = 64

    /// Marks that open a bulleted list item.
    static let bullets: Set<Unicode.Scalar> = ["•", "·", "▪", "▫", "◦", "●", "○", "■", "□", "◆", "◇", "‣", "⁃", "∙", "➢", "►", "✓", "✔",
                                                // The bullet pdftotext leaves for a Word document's list (Symbol font, private use).
                                                "\u{F0B7}", "\u{F0A7}"]

    /// Words of a salutation line (各位代表：, 同志们：, 女士们、先生们：).
    static let salutations = ["代表", "同志", "朋友", "女士", "先生", "委员", "来宾", "嘉宾", "同学"]
    /// The nouns a Chinese document's section labels end in (提案内容：, 案由：, 基本情况：, 推荐阅读：): a short line
    /// ending so, with its colon, heads what follows; a lead-in (研究发现：, 我们要重点做好以下工作：) does not.
    static let labelNouns = ["内容", "案由", "理由", "情况", "说明", "背景", "附件", "要点", "阅读", "依据", "目标", "原则", "建议", "意见"]

    /// Where the text after an ASCII list number and its space starts (`1. `, `2.3. `, `(4) `), or nil when the line
    /// opens with none.
    static func listNumberEnd(_ s: [Unicode.Scalar], _ range: Range<Int>) -> Int? {
        var i = range.lowerBound
        let parenthesised = s[i] == "("
        if parenthesised { i += 1 }
        let digitsStart = i
        while i < range.upperBound, s[i].isASCII, ScalarClass.isDigit(s[i]) || (!parenthesised && s[i] == "." && i > digitsStart) { i += 1 }
        guard i > digitsStart, i - digitsStart <= 6 else { return nil }
        if parenthesised {
            guard i < range.upperBound, s[i] == ")" else { return nil }
            i += 1
        } else if s[i - 1] != "." {
            return nil
        }
        guard i < range.upperBound, s[i] == " " else { return nil }
        while i < range.upperBound, s[i] == " " { i += 1 }
        return i
    }

    /// The heading level of `text` if it is a heading line, else nil.
    public static func level(of text: String) -> Int? {
        let scalars = Array(text.unicodeScalars)
        return level(scalars, scalars.trimmed(scalars.indices))
    }

    static func level(_ s: [Unicode.Scalar], _ range: Range<Int>) -> Int? {
        guard !range.isEmpty else { return nil }
        // A bulleted item (• 加大财政投入, - expand access) is a list's line of text, not a section of its own.
        if Self.bullets.contains(s[range.lowerBound]) { return nil }
        // So is a Markdown or typed list item (- item, * item, – item) and a quotation's attribution (— A director).
        if range.count > 1, ["-", "*", "+", "–", "—"].contains(s[range.lowerBound]), ScalarClass.isSpace(s[range.lowerBound + 1]) {
            return nil
        }
        // An epigraph's attribution (——习近平, ——约瑟夫·奈) names who said it; it heads nothing.
        if range.count >= 4, s[range.lowerBound] == "—", s[range.lowerBound + 1] == "—" {
            let name = String(String.UnicodeScalarView(s[(range.lowerBound + 2)..<range.upperBound])).trimmingCharacters(in: .whitespaces)
            if (2...10).contains(name.count), name.unicodeScalars.allSatisfy({ ScalarClass.isHan($0) || Abbreviations.nameDots.contains($0) }),
               !["为例", "基于", "兼论", "兼评", "视角", "分析", "研究"].contains(where: { name.contains($0) }) {
                return nil
            }
        }
        // A list's item that hands on to the next one (… adopt a safe harbor of $14; and) is text.
        if Self.handsOnToNextItem(s, range) { return nil }
        // A rebuttal's statement of the position it refutes (谬误一：新疆存在“强迫劳动”) is that position, a sentence,
        // whether or not a stop closes it.
        if Self.opensRefutedPosition(s, range) { return nil }
        // A division's number alone on its line (I. / A. / 1. above a court opinion's or a report's parts) heads it.
        if let bare = bareNumberLevel(s, range) { return bare }
        // A numbered line that goes on in lower case (1. cap the fee at …) is a list item, not a heading.
        if let marker = listNumberEnd(s, range), marker < range.upperBound, ScalarClass.isLower(s[marker]) { return nil }
        let last = s[range.upperBound - 1]
        let length = range.count
        // Sentence punctuation anywhere but a list number means running text (checked first: most lines are), except
        // for a numbered heading that asks a question.
        if endsRunningText(last) || ScalarClass.isChineseFullStop(s, range.upperBound - 1, from: range.lowerBound) {
            return numberedQuestionLevel(s, range)
        }
        // So does a sentence end followed by closing quotes or brackets and note markers (… "the state must act."
        // … in 1852.[1], … the reform.)¹²).
        let beforeClosers = endBeforeClosingMarks(s, range)
        if beforeClosers < range.upperBound, beforeClosers > range.lowerBound, endsRunningText(s[beforeClosers - 1]) {
            return numberedQuestionLevel(s, range.lowerBound..<beforeClosers)
        }
        for i in range where ScalarClass.endsChineseSentence(s, i, from: range.lowerBound) { return nil }
        // A line that cites a web address is text or a reference (… has more. https://…), not a heading.
        if WebAddress.occurs(in: s, range) { return nil }
        let language = LanguageDetector.detect(s, range)
        let numbered = numberedLevel(s, range, latin: language == .en)
        if last == "：" || last == ":" {
            // A salutation (各位代表：, Dear Secretary:) or a short label (Recommendations:) stands alone as a heading;
            // a lead-in to what follows (研究发现：, 我们要重点做好以下工作：) is a line of text.
            guard length <= 12 else { return nil }
            if let numbered { return numbered }
            if language == .en { return ScalarClass.isUpper(s[range.lowerBound]) ? 1 : nil }
            let text = String(String.UnicodeScalarView(s[range]))
            if Self.salutations.contains(where: text.contains) || text.hasPrefix("尊敬的") || text.hasPrefix("亲爱的") { return 1 }
            let label = text.dropLast()
            // A lead-in names what follows (现提出如下建议：, 存在以下情况：): it is text.
            let leadIn = ["如下", "以下", "下列", "几点"].contains { label.contains($0) }
            return length <= 8 && !leadIn && Self.labelNouns.contains(where: { label.hasSuffix($0) }) ? 1 : nil
        }
        switch language {
        case .en:
            let words = wordCount(s, range)
            if let numbered, words <= maxEnglishWords + 4 { return numbered }
            guard words <= maxEnglishWords || (words <= maxTitleCaseEnglishWords && isTitleCase(s, range)) else { return nil }
            let first = s[range.lowerBound]
            // Headings start with a capital, a digit or a quote; a lower-case start is a broken line.
            if ScalarClass.isLower(first) { return nil }
            // Mid-line sentence ends ("Results. We find") mean text, not a heading.
            if containsEnglishSentenceEnd(s, range) { return nil }
            return 1
        case .zh, .mixed:
            if let numbered, length <= maxNumberedChineseLength { return numbered }
            return length <= maxChineseLength ? 1 : nil
        case .und:
            return length <= maxChineseLength ? (numbered ?? 1) : nil
        }
    }

    /// Whether the line at `range` ends with "and" or "or" after a semicolon (…$14; and), as a list's next-to-last
    /// item does (after a comma it may be a heading that wraps: II. Tariffs, Quotas, and | Other Barriers).
    static func handsOnToNextItem(_ s: [Unicode.Scalar], _ range: Range<Int>) -> Bool {
        var start = range.upperBound
        while start > range.lowerBound, ScalarClass.isLatinLetter(s[start - 1]) { start -= 1 }
        let word = String(String.UnicodeScalarView(s[start..<range.upperBound]))
        guard word == "and" || word == "or" else { return false }
        var k = start
        while k > range.lowerBound, s[k - 1] == " " { k -= 1 }
        return k < start && k > range.lowerBound && s[k - 1] == ";"
    }

    /// Whether the line at `range` opens with a rebuttal's label for the position it refutes (谬误 / 谬论 / 谎言 /
    /// 误区, a number or none, a colon) and states it after the colon.
    static func opensRefutedPosition(_ s: [Unicode.Scalar], _ range: Range<Int>) -> Bool {
        guard range.count > 4 else { return false }
        let labels: [(Unicode.Scalar, Unicode.Scalar)] = [("谬", "误"), ("谬", "论"), ("谎", "言"), ("误", "区")]
        let i = range.lowerBound
        guard labels.contains(where: { $0.0 == s[i] && $0.1 == s[i + 1] }) else { return false }
        var k = i + 2
        while k < range.upperBound, k - i < 6, chineseNumerals.contains(s[k]) || ScalarClass.isDigit(s[k]) { k += 1 }
        guard k + 1 < range.upperBound, s[k] == "：" || s[k] == ":" else { return false }
        // A textbook's heading names a kind of fallacy (谬误一：非形式谬误的分类); a rebuttal states a position.
        let stated = String(String.UnicodeScalarView(s[(k + 1)..<range.upperBound]))
        return !Self.topicEndings.contains(where: stated.hasSuffix)
    }

    /// How a heading's topic ends (…的分类, …的类型, 概念辨析), where a stated position would not.
    static let topicEndings = ["分类", "类型", "种类", "概念", "辨析", "识别", "特征", "定义", "形式", "成因", "来源", "概述", "界定"]

    /// The form of a line that is only a division's number and its full stop (I. / A. / 1.), or nil.
    static func bareNumbering(_ s: [Unicode.Scalar], _ range: Range<Int>) -> NumberingStyle? {
        switch bareNumberLevel(s, range) {
        case 1: .roman
        case 2: .letter
        case 3: .digits
        default: nil
        }
    }

    /// The level of a line that is only a division's number and its full stop: a Roman numeral (I. – XLIX.) 1, a
    /// capital letter 2, a number of up to three digits 3, as a US court opinion nests them (I. › A. › 1.).
    static func bareNumberLevel(_ s: [Unicode.Scalar], _ range: Range<Int>) -> Int? {
        guard range.count >= 2, range.count <= 7, s[range.upperBound - 1] == "." else { return nil }
        let token = s[range.lowerBound..<(range.upperBound - 1)]
        if token.allSatisfy({ "IVXL".unicodeScalars.contains($0) }) { return 1 }
        if token.count == 1, ScalarClass.isUpper(token.first!), token.first!.isASCII { return 2 }
        if token.count <= 3, token.allSatisfy(ScalarClass.isDigit) { return 3 }
        return nil
    }

    /// The section level a detected heading gets in its context. A short unnumbered line right after a sentence
    /// cut off mid-way (推动 / 区域全面经济伙伴关系协定 / （RCEP）生效实施…) is a fragment of running text from a web
    /// export, not a new top-level section: it stays inside the current section, one level down.
    public static func levelInContext(_ level: Int, numbered: Bool, previousParagraphEndsOpen: Bool, currentLevel: Int?) -> Int {
        guard !numbered, previousParagraphEndsOpen, let currentLevel else { return level }
        return currentLevel + 1
    }

    /// The level of a heading row in a sentence table, where the row says it is a heading: its numbering's level, in
    /// context. Training reads the tables' headings this way, so annotating a table must too.
    public static func levelOfHeadingRow(
        _ text: String, previousParagraphEndsOpen: Bool, currentLevel: Int?, outline: inout HeadingOutline
    ) -> Int {
        outline.place(text, level: levelInContext(
            level(of: text) ?? 1, numbered: isNumbered(text), previousParagraphEndsOpen: previousParagraphEndsOpen, currentLevel: currentLevel))
    }

    /// Whether a paragraph ending in `last` stops mid-sentence.
    public static func endsOpen(_ last: Unicode.Scalar) -> Bool {
        !(ScalarClass.isCJKTerminator(last) || ScalarClass.isCloser(last) || "!?.…;；:：".unicodeScalars.contains(last))
    }

    /// Whether the paragraph at `range` ends open, looking past a note number set on its closing stop (…the
    /// Department of Energy.2, …所得。¹²): the number closes nothing, the stop before it does.
    static func endsOpen(_ s: [Unicode.Scalar], _ range: Range<Int>) -> Bool {
        var end = range.upperBound
        while end > range.lowerBound, range.upperBound - end < 3,
              ScalarClass.isDigit(s[end - 1]) || "¹²³⁴⁵⁶⁷⁸⁹⁰".unicodeScalars.contains(s[end - 1]) {
            end -= 1
        }
        // (Not a decimal's point: …增长了3.5 ends open.)
        if end < range.upperBound, end - 1 > range.lowerBound, !ScalarClass.isDigit(s[end - 2]),
           s[end - 1] == "." || ScalarClass.isCJKTerminator(s[end - 1]) || ScalarClass.isCloser(s[end - 1]) {
            return false
        }
        return endsOpen(s[range.upperBound - 1])
    }

    /// Whether `text` starts with a numbering form (一、 （一） 1. 1.1 I. 第一章 Chapter 1 …).
    public static func isNumbered(_ text: String) -> Bool {
        let scalars = Array(text.unicodeScalars)
        let range = scalars.trimmed(scalars.indices)
        return !range.isEmpty && numberedLevel(scalars, range, latin: false) != nil
    }

    /// A document's first line may be a title that asks a question ("We have never been sovereign? EU's …",
    /// "我们从未拥有主权？——…"): short, one question mark, no full stop; or a long Chinese title without any
    /// sentence punctuation (关于…计划草案的报告).
    static func isTitle(_ s: [Unicode.Scalar], _ range: Range<Int>) -> Bool {
        if level(s, range) != nil { return true }
        if range.count <= maxChineseTitleLength, !endsRunningText(s[range.upperBound - 1]), !WebAddress.occurs(in: s, range),
            !range.contains(where: { ScalarClass.isCJKTerminator(s[$0]) || s[$0] == "，" }),
            LanguageDetector.detect(s, range) == .zh
        {
            return true
        }
        var questions = 0
        for i in range {
            switch s[i] {
            case "？", "?": questions += 1
            case "。", "！", "!", "；", ";": return false
            case "." where i + 1 < range.upperBound && ScalarClass.isSpace(s[i + 1]): return false
            default: break
            }
        }
        guard questions == 1 else { return false }
        let language = LanguageDetector.detect(s, range)
        return language == .en ? wordCount(s, range) <= maxEnglishWords + 4 : range.count <= maxChineseLength
    }

    /// The level of a numbered heading that asks a question ("6. Do Governments Ignore Voters?", 三、谁来承担改造成本？):
    /// one question mark, at the end, no other sentence punctuation, and as short as other numbered headings.
    static func numberedQuestionLevel(_ s: [Unicode.Scalar], _ range: Range<Int>) -> Int? {
        guard range.count > 1, s[range.upperBound - 1] == "?" || s[range.upperBound - 1] == "？" else { return nil }
        let body = range.lowerBound..<(range.upperBound - 1)
        for i in body where ScalarClass.isCJKTerminator(s[i]) || "?!;；".unicodeScalars.contains(s[i]) { return nil }
        let language = LanguageDetector.detect(s, range)
        guard let numbered = numberedLevel(s, range, latin: language == .en) else { return nil }
        if language == .en {
            guard wordCount(s, range) <= maxEnglishWords, !containsEnglishSentenceEnd(s, body) else { return nil }
        } else if range.count > maxNumberedChineseLength {
            return nil
        }
        return numbered
    }

    /// The end of `range` before the marks that may follow a sentence's end: a bracketed source with a number in it
    /// after a space (“…act.” (Smith 2020, 45)), closing quotes and brackets, Markdown's
    /// emphasis (* and _), and note markers — bracketed numbers ([1], [1, 3], [2–4]), Markdown's [^1] and [^label],
    /// superscript or circled numbers, and a bare number right after a word's full stop (…reform.12, as a PDF leaves
    /// a superscript; not A.1 or 3.12, which number headings) — with the spaces between them.
    static func endBeforeClosingMarks(_ s: [Unicode.Scalar], _ range: Range<Int>) -> Int {
        var end = range.upperBound
        while end > range.lowerBound {
            let c = s[end - 1]
            // A block quotation's source in brackets after its end: “States must act.” (Smith 2020, 45)
            if c == ")" || c == "）", let open = (max(range.lowerBound, end - 60)..<(end - 1)).last(where: { s[$0] == "(" || s[$0] == "（" }) {
                var before = open
                while before > range.lowerBound, ScalarClass.isSpace(s[before - 1]) { before -= 1 }
                if before < open, before > range.lowerBound, ScalarClass.isCloser(s[before - 1]) || endsRunningText(s[before - 1]),
                   (open..<end).contains(where: { ScalarClass.isDigit(s[$0]) }) {
                    end = before
                    continue
                }
            }
            if ScalarClass.isSpace(c) || ScalarClass.isSuperscriptDigit(c) || ScalarClass.isCircledNumber(c)
                || (ScalarClass.isCloser(c) && c != "]" && c != "］") || c == "*" || c == "_" {
                end -= 1
            } else if c == "]" || c == "］" {
                guard let open = (max(range.lowerBound, end - 28)..<(end - 1)).last(where: { s[$0] == "[" || s[$0] == "［" }),
                      SentenceSegmenter.noteMarkerEnd(s, at: open, end: end) == end else { break }
                end = open
            } else if ScalarClass.isDigit(c) {
                var start = end - 1
                while start > range.lowerBound, ScalarClass.isDigit(s[start - 1]) { start -= 1 }
                // …the poles.12, and a quotation closed on its stop before the number (…get into that here."4).
                let afterStop = start - range.lowerBound >= 3 && s[start - 1] == "."
                    && ScalarClass.isLower(s[start - 2]) && ScalarClass.isLower(s[start - 3])
                let afterQuotation = start - range.lowerBound >= 2 && "\"”’'".unicodeScalars.contains(s[start - 1])
                    && ".?!".unicodeScalars.contains(s[start - 2])
                guard end - start <= 3, afterStop || afterQuotation else { break }
                end = start
            } else {
                break
            }
        }
        return end
    }

    private static func endsRunningText(_ s: Unicode.Scalar) -> Bool {
        switch s {
        case "。", "！", "？", "｡", "!", "?", "；", ";", "…", "，", ",", "、", ".": true
        default: false
        }
    }

    private static func wordCount(_ s: [Unicode.Scalar], _ range: Range<Int>) -> Int {
        var count = 0
        var inWord = false
        for i in range {
            let space = ScalarClass.isSpace(s[i])
            if !space && !inWord { count += 1 }
            inWord = !space
        }
        return count
    }

    /// Whether every word of four or more letters starts with a capital (short function words may not).
    private static func isTitleCase(_ s: [Unicode.Scalar], _ range: Range<Int>) -> Bool {
        var i = range.lowerBound
        var long = 0
        while i < range.upperBound {
            while i < range.upperBound && !ScalarClass.isLatinLetter(s[i]) { i += 1 }
            let start = i
            while i < range.upperBound && (ScalarClass.isLatinLetter(s[i]) || s[i] == "'" || s[i] == "’" || s[i] == "-") { i += 1 }
            guard i - start >= 4 else { continue }
            guard ScalarClass.isUpper(s[start]) else { return false }
            long += 1
        }
        return long >= 3
    }

    private static func containsEnglishSentenceEnd(_ s: [Unicode.Scalar], _ range: Range<Int>) -> Bool {
        var i = range.lowerBound + 1
        while i < range.upperBound - 2 {
            if s[i] == "." || s[i] == "?" || s[i] == "!", s[i + 1] == " ", ScalarClass.isUpper(s[i + 2]),
                i >= range.lowerBound + 3, ScalarClass.isLower(s[i - 1]), ScalarClass.isLower(s[i - 2])
            {
                return true
            }
            i += 1
        }
        return false
    }

    static let chineseNumerals: Set<Unicode.Scalar> = [
        "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "百", "零", "〇", "两",
    ]
    /// The formal (banking) numerals, simplified and traditional; not 陆 / 陸, which opens 陆、海、空… as the word for
    /// land.
    static let formalNumerals: Set<Unicode.Scalar> = [
        "壹", "贰", "貳", "叁", "參", "叄", "肆", "伍", "柒", "捌", "玖", "拾",
    ]

    /// Level of a numbering prefix, if the line starts with one: the level its form usually has, before
    /// `HeadingOutline` places it among the document's other numbered headings.
    static func numberedLevel(_ s: [Unicode.Scalar], _ range: Range<Int>, latin: Bool) -> Int? {
        numbering(s, range)?.level(latin: latin)
    }

    /// The numbering form a line opens with (一、 （一） 1. 1.1 I. A. 第一章 Chapter 1 …), or nil.
    static func numbering(_ s: [Unicode.Scalar], _ range: Range<Int>) -> NumberingStyle? {
        var i = range.lowerBound
        let end = range.upperBound
        func run(_ predicate: (Unicode.Scalar) -> Bool) -> Int {
            var j = i
            while j < end, predicate(s[j]) { j += 1 }
            return j - i
        }
        // 第一章 第二节 第三部分
        if s[i] == "第" {
            i += 1
            let n = run { chineseNumerals.contains($0) || ScalarClass.isDigit($0) }
            guard n > 0, i + n < end else { return nil }
            switch s[i + n] {
            case "编", "部", "篇": return .chinesePart
            case "章", "讲": return .chineseChapter
            case "节": return .chineseSection
            default: return nil
            }
        }
        // 专栏4　…: a plan's box, and its items 01　…, zero-padded as plans set them.
        if s[i] == "专", i + 2 < end, s[i + 1] == "栏", ScalarClass.isDigit(s[i + 2]) { return .box }
        if s[i] == "0", i + 2 < end, ScalarClass.isDigit(s[i + 1]), s[i + 2] == "\u{3000}" || s[i + 2] == " " { return .paddedDigits }
        // 壹、 貳、 (formal numerals, 壹 … 拾 in either script)
        let formal = run { formalNumerals.contains($0) }
        if formal > 0, formal <= 3, i + formal < end, s[i + formal] == "、" { return .formalCounted }
        // 一、 二．
        let han = run { chineseNumerals.contains($0) }
        if han > 0, i + han < end, ["、", "．", ".", "是"].contains(s[i + han]) {
            return s[i + han] == "是" ? nil : .chineseCounted
        }
        // （一） (1) （1）
        if s[i] == "（" || s[i] == "(" {
            i += 1
            let inner = run { chineseNumerals.contains($0) }
            let digits = inner == 0 ? run(ScalarClass.isDigit) : 0
            let k = i + inner + digits
            // (2018) of the tool …: a year a wrap put at a line's start is no list number.
            guard inner + digits > 0, digits <= 2, k < end, s[k] == "）" || s[k] == ")" else { return nil }
            return inner > 0 ? .chineseParenthesized : .parenthesizedDigits
        }
        // 1. 1.1 1.1.2 1、
        let digits = run(ScalarClass.isDigit)
        if digits > 0 && digits <= 3 {
            var k = i + digits
            var components = 1
            while k < end, s[k] == "." || s[k] == "．" {
                let next = k + 1
                var m = next
                while m < end, ScalarClass.isDigit(s[m]) { m += 1 }
                if m == next { break }
                components += 1
                k = m
            }
            guard k < end else { return nil }
            let mark = s[k]
            if components > 1 {
                return (mark == " " || mark == "　" || mark == "." || mark == "．" || !ScalarClass.isDigit(mark))
                    && !(mark == "%" || mark == "％") ? .decimal(components) : nil
            }
            if mark == "、" || mark == "．" || ((mark == ".") && k + 1 < end && (ScalarClass.isSpace(s[k + 1]) || ScalarClass.isCJK(s[k + 1]))) {
                return .digits
            }
            return nil
        }
        // I. II. IV.  A. B.
        let roman = run { "IVXLC".unicodeScalars.contains($0) }
        if roman > 0, i + roman + 1 < end, s[i + roman] == ".", ScalarClass.isSpace(s[i + roman + 1]) {
            return roman == 1 && !"IVX".unicodeScalars.contains(s[i]) ? .letter : .roman
        }
        if ScalarClass.isUpper(s[i]), i + 2 < end, s[i + 1] == ".", ScalarClass.isSpace(s[i + 2]) { return .letter }
        // Chapter 1, Part II, Section 3
        for word in ["Chapter ", "CHAPTER ", "Part ", "PART ", "Section ", "SECTION ", "Appendix ", "APPENDIX "]
        where s.matches(word, at: range.lowerBound) {
            switch word.first! {
            case "P": return .partWord
            case "S": return .sectionWord
            case "A": return .appendixWord
            default: return .chapterWord
            }
        }
        return nil
    }
}
