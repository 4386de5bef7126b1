import ArgMarkCore

/// A numbering form that opens a heading: 第一编 / 第一章 / 第一节, 一、, （一）, (1), 1., 1.1, I., A., Chapter 1 ….
public enum NumberingStyle: Hashable, Sendable {
    case chinesePart, chineseChapter, chineseSection
    /// 一、 二．
    case chineseCounted
    /// 壹、 貳、: the formal numerals, above 一、 (as papers and reports in Taiwan number their parts).
    case formalCounted
    /// （一）
    case chineseParenthesized
    /// (1) （1）
    case parenthesizedDigits
    /// 1. 1、
    case digits
    /// 1.1, 1.1.2: the number of its components.
    case decimal(Int)
    case roman, letter
    case partWord, chapterWord, sectionWord, appendixWord
    /// 专栏4　… (a plan's box) and its items 01　…: inside the section they stand in.
    case box, paddedDigits

    /// The level the form has on its own: what a heading of this form gets when no other numbered heading
    /// encloses it.
    func level(latin: Bool) -> Int {
        switch self {
        case .chinesePart, .chineseChapter, .chineseCounted, .formalCounted, .roman, .partWord, .chapterWord, .appendixWord: 1
        case .chineseSection, .chineseParenthesized, .letter, .sectionWord: 2
        case .digits: latin ? 1 : 3
        case .parenthesizedDigits, .box: 4
        // 01 Introduction heads a section as an unnumbered line does, unless a box encloses it (`HeadingOutline`).
        case .paddedDigits: 1
        case .decimal(let components): components
        }
    }

    /// Where the form stands in a fixed hierarchy, for the forms that have one: the Chinese official order
    /// (编 › 章 › 节 › 一、 › （一） › 1. › （1）, as GB/T 9704 and every 规划纲要 nest them) and the English book's
    /// (Part › Chapter or Appendix › I.). Other forms (1., A. and 1.1 in English) take whatever place a document
    /// gives them.
    func rank(latin: Bool) -> Int? {
        switch self {
        case .chinesePart, .partWord: 0
        case .chineseChapter, .chapterWord, .appendixWord: 1
        case .chineseSection, .roman, .formalCounted: 2
        case .chineseCounted: 3
        case .chineseParenthesized: 4
        case .digits: latin ? nil : 5
        case .parenthesizedDigits: 6
        default: nil
        }
    }

    /// Whether a heading of this form (`rank`), met for the first time after one of `enclosing` (`outer`), is a part
    /// of it. A form without a fixed rank is (I. then A. then 1.: each new form goes one level down); a ranked form
    /// is under a higher-ranked one (第一章 then 一、, not （一） then 一、), and a deep one — 1. or (1) in Chinese —
    /// under any form without a rank, while a book's part, chapter or appendix never is.
    static func nests(rank: Int?, under outer: Int?) -> Bool {
        guard let rank else { return true }
        guard let outer else { return rank >= 5 }
        return outer < rank
    }
}

/// Places each numbered heading among the document's other numbered headings, so that sections nest as the
/// document numbers them rather than by each form's usual level: I. › A. › 1. in a US report (1. had been a
/// sibling of I.), 第一章 › 一、 › （一） in a plan outline or a thesis (一、 had been a sibling of 第一章). The forms
/// open so far are kept from the outermost in; a form met again closes every form opened inside it.
public struct HeadingOutline: Sendable {
    /// The forms open, from the outermost in: each with its rank and the level it was placed at.
    private var open: [(style: NumberingStyle, rank: Int?, level: Int)] = []

    public init() {}

    /// The level of the heading `s[range]`, whose own form gives it `level` (`HeadingDetector.level`, in context).
    /// An unnumbered heading keeps its level; at level 1 (a title, References, 结语, a box's title) it opens a part
    /// of the document that the numbering before it does not enclose, so the outline starts again.
    public mutating func place(_ s: [Unicode.Scalar], _ range: Range<Int>, level: Int) -> Int {
        guard !range.isEmpty, let style = HeadingDetector.numbering(s, range) ?? HeadingDetector.bareNumbering(s, range) else {
            if level == 1 { open.removeAll() }
            return level
        }
        if let k = open.lastIndex(where: { $0.style == style }) {
            open.removeSubrange((k + 1)...)
            return open[k].level
        }
        let rank = style.rank(latin: LanguageDetector.detect(s, range) == .en)
        while let enclosing = open.last, !NumberingStyle.nests(rank: rank, under: enclosing.rank)
                // A box's items (01　高端新材料) are its own; 01 Introduction elsewhere is a chapter of the document.
                || (style == .paddedDigits && enclosing.style != .box) {
            open.removeLast()
        }
        let placed = open.last.map { max(level, $0.level + 1) } ?? level
        open.append((style, rank, placed))
        return placed
    }

    /// `place` for a heading given as text (a sentence table's heading row).
    public mutating func place(_ text: String, level: Int) -> Int {
        let scalars = Array(text.unicodeScalars)
        return place(scalars, scalars.trimmed(scalars.indices), level: level)
    }
}

/// Numbered lines that a lead-in announces as a list (今年要重点抓好以下三项工作： / 1．稳定粮食播种面积 / 2．…; OSHA
/// requests comment on the following questions: / 1. Should …? / 2. Are there …?): items of the paragraph's
/// argument, not headings that each open an empty section. A list is told from numbered subheadings by what follows
/// them: two or more lines numbered alike and counting up from 1 (1. / (1) / ①), one after the other with nothing
/// between them, right after a line of text that ends with a colon. Numbered subheadings after such a lead-in
/// (…从以下三个层面理解： / 1. 技术层面 / a paragraph / 2. 制度层面) have their paragraphs between them, and stay
/// headings; so do the sections that a list of them announced (…as follows: / 1. … / 2. … / then 1. again). Without
/// a lead-in, a run of three or more such lines, most of them sentences, is a list too.
enum ListItems {
    /// The kinds of list number.
    enum Marker: Equatable {
        /// 1. / 1． / 1、
        case digits
        /// (1) / （1）
        case parenthesized
        /// ①
        case circled
    }

    /// The indices of `lines` that are items of such a list and would otherwise be read as headings.
    static func headingLike(_ s: [Unicode.Scalar], _ lines: [Range<Int>]) -> Set<Int> {
        var items: Set<Int> = []
        var i = 0
        while i < lines.count {
            let lead = s.trimmed(lines[i])
            i += 1
            guard lead.count > 1, s[lead.upperBound - 1] == "：" || s[lead.upperBound - 1] == ":",
                  HeadingDetector.level(s, lead) == nil else { continue }
            var run: [Int] = []
            var kind: Marker?
            var j = i
            while j < lines.count {
                let line = s.trimmed(lines[j])
                if line.isEmpty {
                    j += 1
                    continue
                }
                // Each item the number after the one before, from 1: a second 1. starts what the list announced.
                guard let (marker, number) = marker(s, line), kind == nil || marker == kind, number == run.count + 1 else { break }
                kind = marker
                run.append(j)
                j += 1
            }
            if run.count >= 2 {
                for k in run where HeadingDetector.level(s, s.trimmed(lines[k])) != nil { items.insert(k) }
            }
            i = max(i, j)
        }
        // Without a lead-in: a run of three or more such lines, most of them sentences (1. Extend coverage to ….,
        // 2. Prohibit …., 3. Require … at point of sale, 4. Publish ….), holds an item that lacks its stop, not a
        // heading between its neighbours.
        var start = 0
        while start < lines.count {
            var run: [Int] = []
            var kind: Marker?
            var j = start
            while j < lines.count {
                let line = s.trimmed(lines[j])
                guard !line.isEmpty, let (marker, number) = marker(s, line), kind == nil || marker == kind, number == run.count + 1 else { break }
                kind = marker
                run.append(j)
                j += 1
            }
            // (The run's last line may head what follows it: 3.强化考核督导 above its paragraph.)
            let headingLike = run.filter { HeadingDetector.level(s, s.trimmed(lines[$0])) != nil }
            if run.count >= 3, 2 * headingLike.count < run.count { items.formUnion(headingLike.filter { $0 != run.last }) }
            start = max(start + 1, j)
        }
        return items
    }

    /// The list number a line opens with, and its value: 1. / 1． / 1、 (digits), (1) / （1）, or a circled ①.
    static func marker(_ s: [Unicode.Scalar], _ line: Range<Int>) -> (Marker, Int)? {
        if let value = ScalarClass.circledNumberValue(s[line.lowerBound]) { return (.circled, value) }
        let kind: Marker
        switch HeadingDetector.numbering(s, line) {
        case .digits: kind = .digits
        case .parenthesizedDigits: kind = .parenthesized
        default: return nil
        }
        guard let start = line.first(where: { ScalarClass.isDigit(s[$0]) }) else { return nil }
        let end = (start..<line.upperBound).first { !ScalarClass.isDigit(s[$0]) } ?? line.upperBound
        guard let value = Int(NotesList.normalizedDigits(s, start..<end)) else { return nil }
        return (kind, value)
    }
}
