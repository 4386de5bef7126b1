/// The marker of an item in an enumeration at the start of a sentence — 首先 / 其次 / 最后, 第一，, 其一, 一是, （一）,
/// 1., first / second / finally — with its series and its place in it. Parallel items share a parent (the sentence that
/// announces them), which the learned linker can only see if it knows which sentences belong to one series.
struct EnumerationMarker: Equatable, Sendable {
    enum Series: UInt64, Sendable {
        /// 首先 / 其次 / 再次 / 最后 and 第一， / 第二，: used interchangeably in one list.
        case ordinal = 1
        /// 其一 / 其二.
        case qiYi
        /// 一是 / 二是.
        case numberShi
        /// （一） / (二).
        case parenthesised
        /// 1. / 2、 / (1).
        case arabic
        /// first / second / finally, firstly / secondly / lastly.
        case english
        /// —— bullets (the work reports' lists of results): unnumbered.
        case dash
    }

    var series: Series
    /// 1 for the first item, 2 for the second …; 0 for an explicit last item (最后, finally) whose number is unknown;
    /// -1 for an unnumbered bullet.
    var index: Int

    /// Characters skipped before a marker: spaces, quotes and dashes.
    private static let skipped: Set<Unicode.Scalar> = [" ", "　", "“", "\"", "—", "-", "–"]
    private static let numerals: [Unicode.Scalar: Int] = ["一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10]
    /// What may follow 第N or 最后 for it to be a list marker rather than 第一次 or 最后一公里.
    private static let separators: Set<Unicode.Scalar> = ["，", ",", "、", "是", "：", ":", " "]

    /// The marker `text` opens with, if any.
    static func parse(_ text: String) -> EnumerationMarker? {
        var s = Substring(text).unicodeScalars[...]
        if s.starts(with: "——".unicodeScalars) { return EnumerationMarker(series: .dash, index: -1) }
        while let first = s.first, skipped.contains(first) { s = s.dropFirst() }
        let head = Array(s.prefix(12))
        guard let c0 = head.first else { return nil }
        func at(_ i: Int) -> Unicode.Scalar? { i < head.count ? head[i] : nil }
        func chineseNumber(from i: Int) -> (value: Int, length: Int)? {
            guard let a = at(i), let va = numerals[a] else { return nil }
            if va == 10, let b = at(i + 1), let vb = numerals[b], vb < 10 { return (10 + vb, 2) }
            return (va, 1)
        }
        // Words first, then numbered forms.
        let words: [(String, Series, Int, Bool)] = [
            ("首先", .ordinal, 1, false), ("其次", .ordinal, 2, false), ("再次", .ordinal, 3, true), ("最后", .ordinal, 0, true),
        ]
        let prefix = String(String.UnicodeScalarView(head.prefix(2)))
        for (word, series, index, needsSeparator) in words where prefix == word {
            if needsSeparator, !(at(2).map { separators.contains($0) } ?? false) { return nil }
            return EnumerationMarker(series: series, index: index)
        }
        switch c0 {
        case "第":
            if let (n, length) = chineseNumber(from: 1), let sep = at(1 + length), separators.contains(sep) {
                return EnumerationMarker(series: .ordinal, index: n)
            }
        case "其":
            if let (n, length) = chineseNumber(from: 1), let sep = at(1 + length), separators.contains(sep) {
                return EnumerationMarker(series: .qiYi, index: n)
            }
        case "（", "(":
            if let (n, length) = chineseNumber(from: 1), at(1 + length) == "）" || at(1 + length) == ")" {
                return EnumerationMarker(series: .parenthesised, index: n)
            }
            if let (n, length) = arabic(head, from: 1), at(1 + length) == "）" || at(1 + length) == ")" {
                return EnumerationMarker(series: .arabic, index: n)
            }
        default:
            if let (n, length) = chineseNumber(from: 0), at(length) == "是" {
                return EnumerationMarker(series: .numberShi, index: n)
            }
            if let (n, length) = arabic(head, from: 0), let sep = at(length), [".", "、", "．", ")", "）"].contains(sep),
                at(length + 1).map({ $0.properties.numericType == nil }) ?? false
            {
                return EnumerationMarker(series: .arabic, index: n)
            }
        }
        return english(s)
    }

    private static func arabic(_ head: [Unicode.Scalar], from i: Int) -> (value: Int, length: Int)? {
        var value = 0
        var length = 0
        while i + length < head.count, let digit = head[i + length].properties.numericType != nil ? Int(String(head[i + length])) : nil {
            value = value * 10 + digit
            length += 1
            if length > 2 { return nil }
        }
        return length == 0 || value == 0 ? nil : (value, length)
    }

    private static let englishWords: [(String, Int)] = [
        ("first", 1), ("firstly", 1), ("second", 2), ("secondly", 2), ("third", 3), ("thirdly", 3), ("fourth", 4),
        ("fourthly", 4), ("fifth", 5), ("finally", 0), ("lastly", 0),
    ]

    /// first, / second, … followed by a comma (so that "First Amendment" or "second-order" are not markers).
    private static func english(_ s: Substring.UnicodeScalarView.SubSequence) -> EnumerationMarker? {
        var word = ""
        for scalar in s.prefix(9) {
            guard scalar.properties.isAlphabetic else {
                guard scalar == "," else { return nil }
                let lowered = word.lowercased()
                return englishWords.first { $0.0 == lowered }.map { EnumerationMarker(series: .english, index: $0.1) }
            }
            word.unicodeScalars.append(scalar)
        }
        return nil
    }
}
