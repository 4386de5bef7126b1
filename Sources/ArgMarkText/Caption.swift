/// The furniture of figures and tables in a text's body: a caption line (图1 …, 表 2-1：…, 续表1, Figure 3. …,
/// Fig. 2: …, Table A-1. …, Table II: …), the rows under a table's caption and the source or note line under either
/// (资料来源：…, Source: …, NOTE: …, Note. …). They are read as caption units (`UnitKind.caption`): kept with their
/// offsets, never labelled, and — unlike the headings they look like — opening no section, so the text after a
/// figure goes on in its section.
enum Caption {
    enum Kind { case figure, table }

    /// Whether the line `range` is a figure's or a table's caption. A sentence that refers to one (图1显示，……。
    /// 图 1 显示了增长。 Figure 2 illustrates …) is not: the number must be followed by a separator (a space, a colon,
    /// ". ", a dash) and then, in Chinese, a title (no comma, no sentence-final mark at the end) and, in English, no
    /// word in lower case.
    static func kind(_ s: [Unicode.Scalar], _ range: Range<Int>) -> Kind? {
        parse(s, range)?.kind
    }

    /// Whether `range` is a caption set off from its title by a colon, a full stop or a dash (Figure 1. …, 图1：…),
    /// or a bare number (TABLE 4): one that a hard-wrapped text's next line cannot be the rest of. After a bare
    /// space the line may be the first of a paragraph that begins with a figure's number (图 1 展示了…, Table 3 Panel A
    /// reports …), so it is left to the wrap.
    static func standsAlone(_ s: [Unicode.Scalar], _ range: Range<Int>) -> Bool {
        parse(s, range)?.setOff ?? false
    }

    private static func parse(_ s: [Unicode.Scalar], _ range: Range<Int>) -> (kind: Kind, setOff: Bool)? {
        guard !range.isEmpty, range.count <= 300 else { return nil }
        return chineseKind(s, range) ?? englishKind(s, range)
    }

    /// A source or note line under a figure or table: 资料来源：…, 数据来源：…, 注：…, Source: …, Notes: …, NOTE: …,
    /// and APA's "Note. …".
    static func isSourceLine(_ s: [Unicode.Scalar], _ range: Range<Int>) -> Bool {
        guard range.count <= 300 else { return false }
        for word in sourceWords where s.matches(word, at: range.lowerBound) {
            var i = range.lowerBound + word.unicodeScalars.count
            while i < range.upperBound, ScalarClass.isSpace(s[i]) { i += 1 }
            guard i < range.upperBound else { continue }
            if s[i] == "：" || s[i] == ":" { return true }
            // Note. Data are from … (APA), but not "Notes." alone.
            if s[i] == ".", word.hasPrefix("N"), i + 1 < range.upperBound, ScalarClass.isSpace(s[i + 1]) { return true }
        }
        return false
    }

    /// A figure's unit line: short, ending no sentence, and in brackets ((as a percentage of GDP), （单位：亿元）) or
    /// naming a unit (Billions of 2023 dollars, Percent of workers, Index, 2015 = 100).
    static func isUnitLine(_ s: [Unicode.Scalar], _ range: Range<Int>) -> Bool {
        guard (3...80).contains(range.count), let last = range.last, !".。!?！？:：".unicodeScalars.contains(s[last]) else { return false }
        let first = s[range.lowerBound]
        if (first == "(" && s[last] == ")") || (first == "（" && s[last] == "）") { return true }
        let text = s.string(range)
        if text.hasPrefix("单位") { return true }
        let words = text.split(separator: " ").map { $0.trimmingCharacters(in: .punctuationCharacters) }
        guard (1...8).contains(words.count) else { return false }
        // A heading in title case (Per Capita Spending Trends, Number of Households Affected) is no unit line.
        guard words.dropFirst().filter({ $0.count >= 4 && $0.first?.isUppercase == true }).isEmpty else { return false }
        let lower = words.map { $0.lowercased() }
        if unitWords.contains(lower[0]) { return true }
        return lower.count >= 2 && unitPhrases.contains(lower[0] + " " + lower[1])
    }

    /// The first word of a unit line (Billions of 2023 dollars, Percent, Index, 2015 = 100), as a whole word.
    private static let unitWords: Set<String> = ["billions", "millions", "thousands", "trillions", "percent", "percentage", "index", "dollars"]
    private static let unitPhrases: Set<String> = ["in billions", "in millions", "in thousands", "in percent", "share of", "rate per"]

    private static let sourceWords = [
        "资料来源", "数据来源", "来源", "注", "Sources", "Source", "SOURCES", "SOURCE", "Data sources", "Data source",
        "Notes", "Note", "NOTES", "NOTE",
    ]

    /// Whether `range` is a caption's number alone (Table 1, TABLE 2:, Figure 3., 表1, 图 2), its title on the next line.
    static func isBareNumber(_ s: [Unicode.Scalar], _ range: Range<Int>) -> Bool {
        guard kind(s, range) != nil, range.count <= 16 else { return false }
        var end = range.upperBound
        while end > range.lowerBound, ":：.．".unicodeScalars.contains(s[end - 1]) { end -= 1 }
        var i = end
        while i > range.lowerBound, ScalarClass.isDigit(s[i - 1]) || s[i - 1] == "-" || s[i - 1] == "." || s[i - 1] == "–" { i -= 1 }
        guard i < end else { return false }
        while i > range.lowerBound, ScalarClass.isSpace(s[i - 1]) { i -= 1 }
        let word = String(String.UnicodeScalarView(s[range.lowerBound..<i])).lowercased()
        return ["table", "figure", "fig.", "exhibit", "chart", "表", "图", "续表"].contains(word)
    }

    /// A displayed equation with its number: Y_it = α + βX_it + ε_it (1), Entre_ijt = α0 + α1DIF_jt + …　（1）. It
    /// holds an equals sign, no Chinese character, no sentence's end and at most two words of prose, and ends in a
    /// number in brackets. Read as
    /// text it became a sentence to label, or a heading that opened a section.
    static func isEquation(_ s: [Unicode.Scalar], _ range: Range<Int>) -> Bool {
        guard range.count >= 5, range.count <= 300, let open = equationNumberStart(s, range) else { return false }
        var equals = false
        // Words of prose (lower-case words of three letters or more standing alone): a formula has few, a sentence
        // that cites one ((β = 0.42) in the model of column (2)) many.
        var words = 0
        for i in range.lowerBound..<open {
            let c = s[i]
            if c == "=" || c == "＝" || c == "≈" || c == "≡" { equals = true }
            if ScalarClass.isHan(c) || c == "。" || c == "\n" || c == "\r" { return false }
            if (c == "." || c == "!" || c == "?" || c == ";"), i + 1 < open, s[i + 1] == " " { return false }
            if ScalarClass.isLower(c), c.isASCII, i == range.lowerBound || s[i - 1] == " " {
                var j = i
                while j < open, s[j].isASCII, ScalarClass.isLower(s[j]) { j += 1 }
                let word = String(String.UnicodeScalarView(s[i..<j]))
                if j - i >= 3, j == open || s[j] == " " || s[j] == "," || s[j] == "(", !Self.mathWords.contains(word) { words += 1 }
            }
        }
        return equals && words <= 2
    }

    /// Functions a formula names (log wage_it, max(…)), which are no words of prose.
    private static let mathWords: Set<String> = ["log", "exp", "max", "min", "sin", "cos", "tan", "lim", "sup", "inf", "det", "var", "cov", "corr", "argmax", "argmin"]

    /// Where a closing equation number starts: (1), (12), (3.2), （1）, after a space.
    private static func equationNumberStart(_ s: [Unicode.Scalar], _ range: Range<Int>) -> Int? {
        var i = range.upperBound - 1
        guard s[i] == ")" || s[i] == "）" else { return nil }
        i -= 1
        let digitsEnd = i
        while i > range.lowerBound, ScalarClass.isDigit(s[i]) || s[i] == "." { i -= 1 }
        guard i < digitsEnd, digitsEnd - i <= 5, s[i] == "(" || s[i] == "（", i > range.lowerBound, ScalarClass.isSpace(s[i - 1]) else { return nil }
        return i
    }

    /// A row of figures set in columns without a caption above it (East    12.3    13.5    9.8%): two or more gaps of
    /// a tab or two spaces, and figures in at least half of three or more cells. Such rows open a table block of their
    /// own, as a Markdown table does, rather than a section each.
    static func isFigureRow(_ s: [Unicode.Scalar], _ range: Range<Int>) -> Bool {
        guard !range.isEmpty, range.count <= 240, !HardWrap.endsSentence(s, before: range.upperBound, from: range.lowerBound) else { return false }
        let (cells, alignedGaps) = columns(s, range)
        let figures = cells.count { cell in cell.contains { ScalarClass.isDigit(s[$0]) } }
        return cells.count >= 3 && alignedGaps >= 2 && 2 * figures >= cells.count
    }

    /// The cells of a line (runs without spaces) and how many of the gaps between them are aligned (a tab, an
    /// ideographic space or two spaces and more).
    static func columns(_ s: [Unicode.Scalar], _ range: Range<Int>) -> (cells: [Range<Int>], alignedGaps: Int) {
        var cells: [Range<Int>] = []
        var alignedGaps = 0
        var i = range.lowerBound
        while i < range.upperBound {
            while i < range.upperBound, ScalarClass.isSpace(s[i]) { i += 1 }
            let start = i
            while i < range.upperBound, !ScalarClass.isSpace(s[i]) { i += 1 }
            if i > start { cells.append(start..<i) }
            var gap = 0
            var tab = false
            while i < range.upperBound, ScalarClass.isSpace(s[i]) {
                if s[i] == "\t" || s[i] == "\u{3000}" { tab = true }
                gap += 1
                i += 1
            }
            if i < range.upperBound, gap >= 2 || tab { alignedGaps += 1 }
        }
        return (cells, alignedGaps)
    }

    /// A table's header row under its caption: short, in no sentence, no numbered heading, opening with a capital or
    /// a Chinese character.
    static func mayBeHeaderRow(_ s: [Unicode.Scalar], _ range: Range<Int>) -> Bool {
        range.count <= 90 && !HardWrap.endsSentence(s, before: range.upperBound, from: range.lowerBound)
            && !",;:，；：".unicodeScalars.contains(s[range.upperBound - 1])
            && (ScalarClass.isUpper(s[range.lowerBound]) || ScalarClass.isCJK(s[range.lowerBound]))
            && HeadingDetector.numberedLevel(s, range, latin: true) == nil && HeadingDetector.numberedLevel(s, range, latin: false) == nil
    }

    /// A table row as pdftotext sets it, its cells one space apart: a label of a few words, then at least two figures
    /// and nothing else to the line's end (EPA-HQ-OAR-2019-0055 512 188 324; Total 1,204 405 799; United States 3.2
    /// (0.4) 41% –). A sentence has words between its figures or ends in a stop (… from 12 to 14, … in 2019.).
    static func isSingleSpacedRow(_ s: [Unicode.Scalar], _ range: Range<Int>) -> Bool {
        guard range.count <= 160 else { return false }
        let words = s[range].split(whereSeparator: { ScalarClass.isSpace($0) })
        func isFigure(_ word: ArraySlice<Unicode.Scalar>) -> Bool {
            word.contains { ScalarClass.isDigit($0) } && word.allSatisfy { ScalarClass.isDigit($0) || ",.%()+-−–±$€£¥*".unicodeScalars.contains($0) }
        }
        func isEmptyCell(_ word: ArraySlice<Unicode.Scalar>) -> Bool { ["–", "-", "—", "n/a", "NA", "…", "."].contains(String(String.UnicodeScalarView(word))) }
        guard let first = words.firstIndex(where: isFigure), first <= 8, let last = words.last, isFigure(last), last.last != "." else { return false }
        let cells = words[first...]
        return cells.count(where: isFigure) >= 2 && cells.allSatisfy { isFigure($0) || isEmptyCell($0) }
    }

    /// A row of a table under its caption: it ends no sentence (…创下新高。[3] does, through its note marker), and it
    /// has columns — cells set apart by a tab, a run of spaces or `|` (a numbered row, "1.  China  3.6", needs two such
    /// gaps, so that a numbered heading after the table is not taken for one), or, set with single spaces, short cells
    /// at least half of which are figures (美国 42 3; not "The 2020 Election"), or Chinese words of two to eight
    /// characters (a header row: 国家 许可数).
    static func isTableRow(_ s: [Unicode.Scalar], _ range: Range<Int>) -> Bool {
        if isPipeTableRow(s, range) { return true }
        guard !range.isEmpty, range.count <= 240 else { return false }
        if s[range.lowerBound] == "|" { return true }
        guard !HardWrap.endsSentence(s, before: range.upperBound, from: range.lowerBound), s[range.upperBound - 1] != "；",
              s[range.upperBound - 1] != ";", s[range.upperBound - 1] != "，", s[range.upperBound - 1] != "," else { return false }
        let (cells, alignedGaps) = columns(s, range)
        guard cells.count >= 2 else { return false }
        // Two sentences set apart by a double space are prose, not cells: "Our view is simple.  The Bureau …".
        if zip(cells, cells.dropFirst()).contains(where: { cell, next in
            let last = s[cell.upperBound - 1]
            let word = cell.count > 2 && ScalarClass.isLatinLetter(s[cell.upperBound - 2])  // simple., not 1.
            return ScalarClass.isCJKTerminator(last)
                || (word && (last == "." || last == "?" || last == "!") && ScalarClass.isUpper(s[next.lowerBound]))
        }) { return false }
        let numbered = HeadingDetector.numberedLevel(s, range, latin: true) != nil
            || HeadingDetector.numberedLevel(s, range, latin: false) != nil
        if alignedGaps >= (numbered ? 2 : 1) { return true }
        guard !numbered, cells.allSatisfy({ $0.count <= 12 }) else { return false }
        // A one-character cell after a figure is its unit, set apart as spaced text sets it (2019 年, 12 %).
        let counted = cells.filter { $0.count > 1 || ScalarClass.isDigit(s[$0.lowerBound]) }
        // A regression table's controls are ticked in words or marks (Firm FE  Yes  Yes  Yes; Controls ✓ ✓).
        // A coefficient's sign is often the minus sign (−0.041∗∗∗), its standard error bracketed ((0.009)).
        let isFigure = { (cell: Range<Int>) in
            let first = s[cell.lowerBound]
            let second = cell.count > 1 ? s[cell.lowerBound + 1] : " "
            return ScalarClass.isDigit(first) || first == "-" || first == "—" || first == "−"
                || ((first == "(" || first == "[") && (ScalarClass.isDigit(second) || second == "−" || second == "-"))
                || (cells.count >= 3 && ["Yes", "No", "✓", "✔", "×", "是", "否"].contains(String(String.UnicodeScalarView(s[cell]))))
        }
        let figures = counted.count(where: isFigure)
        // With a single figure, the other cells are labels (Japan 17, 美国 42), not a heading's words (2020 年以来的政策调整).
        let labelsShort = figures > 1 || counted.allSatisfy { isFigure($0) || $0.count <= 6 }
        if figures > 0, 2 * figures >= counted.count, labelsShort { return true }
        // A header row of Chinese words (国家 许可数); not a heading spaced out (结 语).
        return cells.allSatisfy { cell in cell.count >= 2 && cell.count <= 8 && cell.allSatisfy { ScalarClass.isHan(s[$0]) } }
    }

    /// A row of a Markdown table: it opens and closes with `|` and has at least two cells (| 国家 | 许可数 |,
    /// |---|:---:|). Prose does not open with a vertical bar.
    static func isPipeTableRow(_ s: [Unicode.Scalar], _ range: Range<Int>) -> Bool {
        guard range.count >= 5, range.count <= 2_000, s[range.lowerBound] == "|", s[range.upperBound - 1] == "|" else { return false }
        return s[range].count(where: { $0 == "|" }) >= 3
    }

    private static let chineseNumerals: Set<Unicode.Scalar> = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"]

    /// 图1 …, 表 2-1：…, 续表1, 图一 …: 图 or 表 (after 续 or 附), a number, then a space, a colon or the line's end,
    /// and a title: no comma and no sentence-final mark (图 1 显示了增长。 is a sentence).
    private static func chineseKind(_ s: [Unicode.Scalar], _ range: Range<Int>) -> (kind: Kind, setOff: Bool)? {
        var i = range.lowerBound
        if s[i] == "续" || s[i] == "附" { i += 1 }
        guard i < range.upperBound, s[i] == "图" || s[i] == "表" else { return nil }
        let kind: Kind = s[i] == "图" ? .figure : .table
        i += 1
        while i < range.upperBound, ScalarClass.isSpace(s[i]) { i += 1 }
        let numberStart = i
        if i < range.upperBound, chineseNumerals.contains(s[i]) {
            while i < range.upperBound, chineseNumerals.contains(s[i]), i - numberStart < 3 { i += 1 }
        } else {
            while i < range.upperBound, ScalarClass.isDigit(s[i]), i - numberStart < 3 { i += 1 }
            // 图2-1, 表3.2
            if i + 1 < range.upperBound, "-－—–.．".unicodeScalars.contains(s[i]), ScalarClass.isDigit(s[i + 1]) {
                i += 1
                while i < range.upperBound, ScalarClass.isDigit(s[i]) { i += 1 }
            }
        }
        guard i > numberStart else { return nil }
        if i == range.upperBound { return (kind, true) }
        guard ScalarClass.isSpace(s[i]) || s[i] == "：" || s[i] == ":" else { return nil }
        let title = i..<range.upperBound
        // A comma between digits is a figure's (（N=1,236）), not a clause's.
        func isThousands(_ k: Int) -> Bool { k > title.lowerBound && k + 1 < title.upperBound && ScalarClass.isDigit(s[k - 1]) && ScalarClass.isDigit(s[k + 1]) }
        if title.contains(where: { s[$0] == "，" || (s[$0] == "," && !isThousands($0)) || ScalarClass.isCJKTerminator(s[$0]) })
            || HardWrap.endsSentence(s, before: range.upperBound, from: range.lowerBound) {
            return nil
        }
        return (kind, s[i] == "：" || s[i] == ":")
    }

    private static let englishWords: [(String, Kind)] = [
        ("Figure", .figure), ("FIGURE", .figure), ("Fig.", .figure), ("FIG.", .figure), ("Fig", .figure), ("Chart", .figure),
        ("Graph", .figure), ("Map", .figure), ("Exhibit", .figure), ("Box", .figure), ("Table", .table), ("TABLE", .table),
    ]

    /// Figure 1. …, Fig. 2: …, Table 3 — …, TABLE 4, Figure A1 …, Figure 2-1. …, Table A-1. …, Table II: …: the word,
    /// a number, and then the line's end, a separator, or a word that does not open in lower case (Table 2 Licences by
    /// year; not Table 2 shows …).
    private static func englishKind(_ s: [Unicode.Scalar], _ range: Range<Int>) -> (kind: Kind, setOff: Bool)? {
        for (word, kind) in englishWords where s.matches(word, at: range.lowerBound) {
            var i = range.lowerBound + word.unicodeScalars.count
            guard i < range.upperBound, s[i] == " " else { continue }
            i += 1
            guard let end = numberEnd(s, i, range.upperBound) else { continue }
            i = end
            if i == range.upperBound { return (kind, true) }
            switch s[i] {
            case ":", "：", "|":
                return (kind, true)
            case ".":
                if i + 1 == range.upperBound || s[i + 1] == " " { return (kind, true) }
            case "—", "–", " ":
                var k = i
                while k < range.upperBound, s[k] == " " || s[k] == "—" || s[k] == "–" || s[k] == "-" { k += 1 }
                guard k < range.upperBound else { return (kind, true) }
                // Table 2 (below) shows …, Figure 3, above, …, Figure 3 — which … — shows …: a sentence goes on. After
                // a bare space or dash a title ends no sentence (Figure 2 The effect … was large.).
                if !ScalarClass.isLower(s[k]), s[k] != "(", s[k] != ",",
                   !HardWrap.endsSentence(s, before: range.upperBound, from: range.lowerBound) {
                    // Set off only by a dash (Figure 1 — Map …), not by a bare space.
                    return (kind, (i..<k).contains { s[$0] != " " })
                }
            default: break
            }
            return nil
        }
        return nil
    }

    /// The end of a figure or table number from `i`: 1, 12, 3a, 2.1, 2-1, A1, A-1, S2, or a Roman numeral (II, IV).
    private static func numberEnd(_ s: [Unicode.Scalar], _ start: Int, _ end: Int) -> Int? {
        var i = start
        let roman: Set<Unicode.Scalar> = ["I", "V", "X"]
        if i < end, roman.contains(s[i]) {
            while i < end, roman.contains(s[i]), i - start < 5 { i += 1 }
            // A Roman numeral stands alone: "Table II:" but not "Table Idea".
            if i == end || !ScalarClass.isLatinLetter(s[i]) { return i }
            i = start
        }
        // An appendix letter: A1, A-1, S2.
        if i + 1 < end, ScalarClass.isUpper(s[i]) {
            if ScalarClass.isDigit(s[i + 1]) { i += 1 }
            else if s[i + 1] == "-", i + 2 < end, ScalarClass.isDigit(s[i + 2]) { i += 2 }
        }
        let digits = i
        while i < end, ScalarClass.isDigit(s[i]), i - digits < 4 { i += 1 }
        guard i > digits else { return nil }
        // 2.1, 2-1, 3a
        if i + 1 < end, s[i] == "." || s[i] == "-", ScalarClass.isDigit(s[i + 1]) {
            i += 1
            while i < end, ScalarClass.isDigit(s[i]) { i += 1 }
        } else if i < end, ScalarClass.isLower(s[i]), i + 1 == end || !ScalarClass.isLatinLetter(s[i + 1]) {
            i += 1
        }
        return i
    }
}
