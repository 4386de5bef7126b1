/// A heading too long for its line wraps onto the next: 二、数字技术赋能基层治理能力提升的内在机理与 | 分析框架,
/// Toward a Theory of | Digital Sovereignty. Read line by line, the tail became a heading, and a section, of its own.
/// A head that ends where no heading ends (on 的, 与, 和, 及 or 对 that close no word, or on "of", "and", "the" …)
/// and the short heading-like line right below it, with no numbering of its own, are one heading.
enum WrappedHeading {
    /// `lines` with each wrapped heading's two lines as one. In a hard-wrapped text a head that wraps fills a good
    /// part of the width (half of its widest lines, the tenth widest): a short heading ending on "for" (What to Watch
    /// For | Inflation) is complete, and the line below is a heading of its own. In a text of a line per paragraph
    /// (a Word or web export) the width says nothing: there an English head joins only a tail that goes on in lower
    /// case, or when it is long.
    static func joined(_ s: [Unicode.Scalar], _ lines: [Range<Int>]) -> [Range<Int>] {
        var heads: Set<Int> = []
        var width: Int?
        var k = 0
        // A document's title set over two lines at its subtitle's colon (Critical Minerals and U.S. Supply Chains: |
        // Issues for Congress), as a report's cover and a paper's first page set it: the first line alone read as a
        // lead-in sentence, the subtitle as a heading of its own.
        if let first = lines.firstIndex(where: { !s.trimmed($0).isEmpty }), first + 1 < lines.count,
           opensTitleAtColon(s, lines[first]), isSubtitle(s, lines[first + 1], after: lines[first]) {
            heads.insert(first)
            k = first + 2
        }
        while k + 1 < lines.count {
            let candidate = endsOpen(s, lines[k]) && isTail(s, lines[k + 1], after: lines[k])
            // Measured once, and only for a text that has such a pair of lines (0: not hard-wrapped).
            if candidate, width == nil { width = isHardWrapped(s, lines) ? textWidth(s, lines) : 0 }
            if candidate, let width, width > 0 ? 2 * HardWrap.columns(s, lines[k]) >= width : fitsUnwrapped(s, lines[k], lines[k + 1]) {
                heads.insert(k)
                k += 2
            } else {
                k += 1
            }
        }
        return merging(lines, withNext: heads)
    }

    /// `lines` with each line whose index is in `firsts` and the line after it as one.
    static func merging(_ lines: [Range<Int>], withNext firsts: Set<Int>) -> [Range<Int>] {
        guard !firsts.isEmpty else { return lines }
        var result: [Range<Int>] = []
        result.reserveCapacity(lines.count)
        var k = 0
        while k < lines.count {
            if firsts.contains(k), k + 1 < lines.count {
                result.append(lines[k].lowerBound..<lines[k + 1].upperBound)
                k += 2
            } else {
                result.append(lines[k])
                k += 1
            }
        }
        return result
    }

    /// `lines` with each section number set on a line of its own above its title (pdftotext of a paper: 2 |
    /// Background, 2.1 | Earlier codes, at most a blank line between) joined to the title as one heading. Read apart,
    /// the number was a heading of its own and every title a top-level one. Only where the numbers count as
    /// sections do (from 1, each top-level number the one before or the next) and at least two such pairs stand, so
    /// that a page number left above a running head (14 | RIBEIRO AND KELLER, 13 | 华中师范大学硕士学位论文, the same
    /// head under another number) stays as it was.
    static func joinedSectionNumbers(_ s: [Unicode.Scalar], _ lines: [Range<Int>]) -> [Range<Int>] {
        var candidates: [(index: Int, number: [Int], title: String)] = []
        for k in lines.indices.dropLast() {
            guard let number = sectionNumber(s, lines[k]), isNumberedTitle(s, lines[k + 1], after: lines[k]) else { continue }
            candidates.append((k, number, s.string(s.trimmed(lines[k + 1]))))
        }
        guard candidates.count >= 2 else { return lines }
        var numbersByTitle: [String: Set<[Int]>] = [:]
        for candidate in candidates { numbersByTitle[candidate.title, default: []].insert(candidate.number) }
        var joined: Set<Int> = []
        var previousTop: Int?
        for candidate in candidates where numbersByTitle[candidate.title]!.count == 1 {
            let top = candidate.number[0]
            // A run of sections opens at 1 (a table of contents before the body opens it again).
            if top == 1, candidate.number.count == 1 || previousTop == nil || previousTop == 1 {
                previousTop = 1
            } else if let previous = previousTop, top == previous || top == previous + 1 {
                previousTop = top
            } else {
                continue
            }
            joined.insert(candidate.index)
        }
        guard joined.count >= 2 else { return lines }
        return merging(lines, withNext: joined)
    }

    /// The parts of `line`'s number when the line is nothing but a section's number: 2, 2.1, 3.1.4 or 2. (at most 30
    /// at the top, two digits a part, four parts).
    private static func sectionNumber(_ s: [Unicode.Scalar], _ line: Range<Int>) -> [Int]? {
        let range = s.trimmed(line)
        guard !range.isEmpty, range.count <= 12 else { return nil }
        var parts: [Int] = []
        var value = 0
        var digits = 0
        for i in range {
            if s[i].isASCII, ScalarClass.isDigit(s[i]) {
                value = value * 10 + Int(s[i].value - 48)
                digits += 1
                guard digits <= 2 else { return nil }
            } else if s[i] == ".", digits > 0 {
                parts.append(value)
                value = 0
                digits = 0
            } else {
                return nil
            }
        }
        if digits > 0 { parts.append(value) }
        guard let top = parts.first, (1...30).contains(top), parts.count <= 4 else { return nil }
        return parts
    }

    /// Whether `line` is the title a section number on the line above heads: right below it or after one blank line,
    /// a heading-like line of its own numbering none, opening with a capital or a Chinese character.
    private static func isNumberedTitle(_ s: [Unicode.Scalar], _ line: Range<Int>, after number: Range<Int>) -> Bool {
        let breaks = lineBreaks(s, between: number, and: line)
        let title = s.trimmed(line)
        guard (1...2).contains(breaks), !title.isEmpty else { return false }
        let first = s[title.lowerBound]
        guard ScalarClass.isHan(first) || (first.isASCII && ScalarClass.isUpper(first)) else { return false }
        return HeadingDetector.numbering(s, title) == nil && HeadingDetector.level(s, title) != nil
    }

    /// How many line breaks (\r\n as one) stand between two lines.
    static func lineBreaks(_ s: [Unicode.Scalar], between first: Range<Int>, and second: Range<Int>) -> Int {
        (first.upperBound..<second.lowerBound).count { s[$0] == "\n" || (s[$0] == "\r" && ($0 + 1 == s.count || s[$0 + 1] != "\n")) }
    }

    /// Whether some logical line spans a line break: the text was hard-wrapped.
    private static func isHardWrapped(_ s: [Unicode.Scalar], _ lines: [Range<Int>]) -> Bool {
        lines.contains { line in line.contains { s[$0] == "\n" || s[$0] == "\r" } }
    }

    /// In a text of a line per paragraph: a Chinese head always (no Chinese heading ends on 的 or 与), an English one
    /// before a tail in lower case or when it is 40 columns or more.
    private static func fitsUnwrapped(_ s: [Unicode.Scalar], _ head: Range<Int>, _ tail: Range<Int>) -> Bool {
        ScalarClass.isHan(s[head.upperBound - 1]) || ScalarClass.isLower(s[tail.lowerBound]) || HardWrap.columns(s, head) >= 40
    }

    /// The width of the text's wide lines in columns: the tenth widest of its physical lines (a table's or a URL's
    /// line past the width counts little).
    private static func textWidth(_ s: [Unicode.Scalar], _ lines: [Range<Int>]) -> Int {
        var widths: [Int] = []
        for line in lines {
            var start = line.lowerBound
            for i in line where s[i] == "\n" || s[i] == "\r" {
                if i > start { widths.append(HardWrap.columns(s, start..<i)) }
                start = i + 1
            }
            if line.upperBound > start { widths.append(HardWrap.columns(s, start..<line.upperBound)) }
        }
        widths.sort(by: >)
        return widths.isEmpty ? 0 : widths[min(widths.count - 1, max(0, widths.count / 10))]
    }

    /// Characters no Chinese heading ends on, unless they close a word (目的, 参与, 普及, 应对 …).
    private static let openHan: Set<Unicode.Scalar> = ["的", "与", "和", "及", "对"]
    private static let wordsEndingOpenHan: Set<String> = [
        "目的", "有的", "似的", "参与", "给与", "赋与", "温和", "缓和", "总和", "调和", "饱和", "共和", "祥和", "中和", "平和",
        "柔和", "附和", "普及", "涉及", "波及", "危及", "顾及", "论及", "惠及", "触及", "企及", "不及", "应对", "面对", "针对",
        "相对", "核对", "比对", "绝对", "反对", "一对", "配对", "敌对", "校对", "派对",
    ]
    /// Words no English heading ends on.
    private static let openEnglishWords: Set<String> = [
        "of", "and", "the", "for", "to", "in", "on", "with", "a", "an", "between", "toward", "towards", "from", "by", "or",
        "its", "their", "at", "into", "versus",
    ]

    /// Whether `line`, one physical line not set in columns, is a heading-like line that stops where no heading ends.
    private static func endsOpen(_ s: [Unicode.Scalar], _ line: Range<Int>) -> Bool {
        guard line.count >= 2, !line.contains(where: { s[$0] == "\n" || s[$0] == "\r" || s[$0] == "\t" }) else { return false }
        // A line set in columns (a glossary's term and meaning, a table's row) wraps within its column.
        for i in line.dropFirst(2) where s[i] == " " && s[i - 1] == " " && s[i - 2] == " " { return false }
        let last = s[line.upperBound - 1]
        if openHan.contains(last) {
            let word = String(String.UnicodeScalarView(s[(line.upperBound - 2)..<line.upperBound]))
            guard !wordsEndingOpenHan.contains(word) else { return false }
        } else if ScalarClass.isLatinLetter(last) {
            var start = line.upperBound - 1
            while start > line.lowerBound, ScalarClass.isLatinLetter(s[start - 1]) { start -= 1 }
            guard start > line.lowerBound, ScalarClass.isSpace(s[start - 1]),
                  openEnglishWords.contains(String(String.UnicodeScalarView(s[start..<line.upperBound])).lowercased())
            else { return false }
        } else {
            return false
        }
        return HeadingDetector.level(s, line) != nil
    }

    /// Whether a text's first line is a title's head that ends at its subtitle's colon: English, three words or
    /// more in title case (its words of four letters or more capitalised), no other colon and no sentence's end.
    private static func opensTitleAtColon(_ s: [Unicode.Scalar], _ line: Range<Int>) -> Bool {
        let text = s.string(line)
        guard text.hasSuffix(":"), text.count <= 100, text.filter({ $0 == ":" }).count == 1,
              !text.contains(where: { "\t;!?".contains($0) }), LanguageDetector.detect(s, line) == .en else { return false }
        let words = text.dropLast().split(separator: " ")
        let long = words.filter { $0.filter(\.isLetter).count >= 4 }
        return words.count >= 3 && long.count >= 2 && long.allSatisfy { $0.first?.isUppercase == true }
    }

    /// Whether `line`, right below such a head, is its subtitle: one short line in title case (its words of four
    /// letters or more capitalised) that ends no sentence and is no numbered heading.
    private static func isSubtitle(_ s: [Unicode.Scalar], _ line: Range<Int>, after head: Range<Int>) -> Bool {
        guard lineBreaks(s, between: head, and: line) == 1, !line.contains(where: { s[$0] == "\n" || s[$0] == "\r" }) else { return false }
        let text = s.string(s.trimmed(line))
        guard !text.isEmpty, text.count <= 80, let last = text.unicodeScalars.last, !".!?;:,".unicodeScalars.contains(last),
              text.first?.isUppercase == true, !HeadingDetector.isNumbered(text) else { return false }
        let words = text.split(separator: " ")
        return words.count <= 10 && words.filter { $0.filter(\.isLetter).count >= 4 }.allSatisfy { $0.first?.isUppercase == true }
    }

    /// Whether `line` is the short rest of the heading `head` ends open: on the next line, itself one physical line,
    /// heading-like (in English, or in lower case without any punctuation), without numbering, and opening as the
    /// head's language goes on (a Chinese character, a Latin letter).
    private static func isTail(_ s: [Unicode.Scalar], _ line: Range<Int>, after head: Range<Int>) -> Bool {
        // Right below: one line break (\r\n as one) between them, no blank line.
        guard lineBreaks(s, between: head, and: line) == 1, !line.contains(where: { s[$0] == "\n" || s[$0] == "\r" }) else { return false }
        let first = s[line.lowerBound]
        let chinese = ScalarClass.isHan(s[head.upperBound - 1])
        if chinese {
            guard ScalarClass.isHan(first), line.count <= 16 else { return false }
        } else {
            guard ScalarClass.isLatinLetter(first), s[line].count(where: { $0 == " " }) < 6 else { return false }
            // A heading's rest may go on in lower case (… Enforcement and | the Bureau of Industry), which no heading
            // opens with: it has no punctuation at all.
            if ScalarClass.isLower(first) { return !s[line].contains { ".,;:!?".unicodeScalars.contains($0) } }
        }
        return HeadingDetector.numberedLevel(s, line, latin: !chinese) == nil && HeadingDetector.level(s, line) != nil
    }
}
