/// The furniture of figures and tables in a text's body: a caption line (图1 …, 表 2-1：…, 续表1, Figure 3. …,
/// Fig. 2: …, Table 1 — …), the rows under a table's caption and the source or note line under either (资料来源：…,
/// Source: …). They are read as caption units (`UnitKind.caption`): kept with their offsets, never labelled, and —
/// unlike the headings they look like — opening no section, so the text after a figure goes on in its section.
enum Caption {
    enum Kind { case figure, table }

    /// Whether the line `range` is a figure's or a table's caption. A sentence that refers to one (图1显示，……。
    /// Figure 2 illustrates …) is not: the number must be followed by a separator (a space, a colon, ". ", a dash)
    /// and, in English, not by a word in lower case.
    static func kind(_ s: [Unicode.Scalar], _ range: Range<Int>) -> Kind? {
        guard !range.isEmpty, range.count <= 300 else { return nil }
        if let kind = chineseKind(s, range) { return kind }
        return englishKind(s, range)
    }

    /// A source or note line under a figure or table: 资料来源：…, 数据来源：…, 注：…, Source: …, Notes: ….
    static func isSourceLine(_ s: [Unicode.Scalar], _ range: Range<Int>) -> Bool {
        let words = ["资料来源", "数据来源", "来源", "注", "说明", "Sources", "Source", "Data sources", "Data source", "Notes", "Note"]
        for word in words where s.matches(word, at: range.lowerBound) {
            var i = range.lowerBound + word.unicodeScalars.count
            while i < range.upperBound, ScalarClass.isSpace(s[i]) { i += 1 }
            if i < range.upperBound, s[i] == "：" || s[i] == ":" { return true }
        }
        return false
    }

    /// A row of a table under its caption: no sentence-final mark at its end, no section number before it, and
    /// columns — cells set apart by a tab, a run of spaces or `|`, or, set with single spaces, at least two short
    /// cells of which one holds a figure, or Chinese words of two to eight characters (a header row: 国家 许可数).
    static func isTableRow(_ s: [Unicode.Scalar], _ range: Range<Int>) -> Bool {
        guard !range.isEmpty, range.count <= 240 else { return false }
        if s[range.lowerBound] == "|" { return true }
        let last = s[range.upperBound - 1]
        guard !ScalarClass.isCJKTerminator(last), last != ".", last != "!", last != "?", last != "；", last != ";" else { return false }
        guard HeadingDetector.numberedLevel(s, range, latin: true) == nil,
              HeadingDetector.numberedLevel(s, range, latin: false) == nil else { return false }
        var cells: [Range<Int>] = []
        var aligned = false
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
            if i < range.upperBound, gap >= 2 || tab { aligned = true }
        }
        guard cells.count >= 2 else { return false }
        if aligned { return true }
        let short = cells.allSatisfy { $0.count <= 12 }
        guard short else { return false }
        if cells.contains(where: { cell in cell.contains { ScalarClass.isDigit(s[$0]) } }) { return true }
        // A header row of Chinese words (国家 许可数); not a heading spaced out (结 语).
        return cells.allSatisfy { cell in cell.count >= 2 && cell.count <= 8 && cell.allSatisfy { ScalarClass.isHan(s[$0]) } }
    }

    private static let chineseNumerals: Set<Unicode.Scalar> = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"]

    /// 图1 …, 表 2-1：…, 续表1, 图一 …: 图 or 表 (after 续 or 附), a number, and a space, a colon or the line's end.
    private static func chineseKind(_ s: [Unicode.Scalar], _ range: Range<Int>) -> Kind? {
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
        if i == range.upperBound { return kind }
        guard ScalarClass.isSpace(s[i]) || s[i] == "：" || s[i] == ":" else { return nil }
        // A caption is a title, not a run of sentences: at most one sentence-final mark, at its end.
        let terminators = (i..<range.upperBound - 1).filter { ScalarClass.isCJKTerminator(s[$0]) }.count
        return terminators == 0 ? kind : nil
    }

    private static let englishWords: [(String, Kind)] = [
        ("Figure", .figure), ("FIGURE", .figure), ("Fig.", .figure), ("FIG.", .figure), ("Chart", .figure),
        ("Graph", .figure), ("Map", .figure), ("Exhibit", .figure), ("Box", .figure), ("Table", .table), ("TABLE", .table),
    ]

    /// Figure 1. …, Fig. 2: …, Table 3 — …, TABLE 4, Figure A1 …: the word, a number, and then the line's end, a
    /// separator, or a word that does not open in lower case (Table 2 Licences by year; not Table 2 shows …).
    private static func englishKind(_ s: [Unicode.Scalar], _ range: Range<Int>) -> Kind? {
        for (word, kind) in englishWords where s.matches(word, at: range.lowerBound) {
            var i = range.lowerBound + word.unicodeScalars.count
            guard i < range.upperBound, s[i] == " " else { continue }
            i += 1
            let numberStart = i
            if i < range.upperBound, ScalarClass.isUpper(s[i]), i + 1 < range.upperBound, ScalarClass.isDigit(s[i + 1]) { i += 1 }
            let digitsStart = i
            while i < range.upperBound, ScalarClass.isDigit(s[i]), i - numberStart < 4 { i += 1 }
            guard i > digitsStart else { continue }
            // Figure 2.1, Figure 3a
            if i + 1 < range.upperBound, s[i] == ".", ScalarClass.isDigit(s[i + 1]) {
                i += 1
                while i < range.upperBound, ScalarClass.isDigit(s[i]) { i += 1 }
            } else if i < range.upperBound, ScalarClass.isLower(s[i]), i + 1 == range.upperBound || !ScalarClass.isLatinLetter(s[i + 1]) {
                i += 1
            }
            if i == range.upperBound { return kind }
            switch s[i] {
            case ":", "：", "|", "—", "–": return kind
            case ".":
                if i + 1 == range.upperBound || s[i + 1] == " " { return kind }
            case " ":
                var k = i
                while k < range.upperBound, s[k] == " " { k += 1 }
                guard k < range.upperBound else { return kind }
                if s[k] == "—" || s[k] == "–" || s[k] == "-" || s[k] == ":" { return kind }
                // Table 2 (below) shows …, Figure 3, above, …: a sentence goes on.
                if !ScalarClass.isLower(s[k]), s[k] != "(", s[k] != "," { return kind }
            default: break
            }
            return nil
        }
        return nil
    }
}
