/// Where a sentence's text proper starts: after leading dashes, quotes, spaces, bullets and list markers — 1. / 12、 /
/// 3) / (a) / (iv) / （十一） / 十一、 / 一是 / ① / • — and a transcript's 答：, so that a cue anchored at the
/// sentence start ("^for example", ^例如) and the sentence-head features see the same words whether or not the
/// sentence opens a numbered item or an answer.
/// The cue lexicon and the feature extractor both ask here, so they cannot disagree about where a sentence starts.
enum SentenceHead {
    /// Characters skipped wherever they lead: spaces, quotes, dashes, bullets, and brackets and stops left alone
    /// ("(For example, …)" still opens with for example).
    private static let noise: Set<UInt32> = Set(" 　“\"‘'—-–•·●○◦▪▫■□◆◇►▶‣⁃*（()）、.．：:".unicodeScalars.map(\.value))
    private static let chineseNumerals: Set<UInt32> = Set("一二三四五六七八九十百零".unicodeScalars.map(\.value))
    /// What ends an arabic list number (1. / 1、 / 1) / 1．).
    private static let arabicMarks: Set<UInt32> = Set(".．、)）".unicodeScalars.map(\.value))
    /// What ends a Chinese list number: 十一、 and 一是 (一是……，二是……).
    private static let chineseMarks: Set<UInt32> = Set("、是".unicodeScalars.map(\.value))
    private static let opening: Set<UInt32> = [0x28, 0xFF08]  // ( （
    private static let closing: Set<UInt32> = [0x29, 0xFF09]  // ) ）
    /// Lower-case Roman numerals up to xii, as (iv) numbers an item.
    private static let romans: Set<String> = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii"]

    /// The offset in `s` (Unicode scalar values) where the text proper starts; `s.count` when nothing follows.
    static func start<C: RandomAccessCollection>(of s: C) -> Int where C.Element == UInt32, C.Index == Int {
        let base = s.startIndex
        var i = 0
        while i < s.count {
            if let length = markerLength(s, at: i) {
                i += length
            } else if noise.contains(s[base + i]) {
                i += 1
            } else {
                break
            }
        }
        return i
    }

    /// The length of the list marker at offset `i`, if one is there.
    private static func markerLength<C: RandomAccessCollection>(_ s: C, at i: Int) -> Int? where C.Element == UInt32, C.Index == Int {
        let base = s.startIndex
        func at(_ k: Int) -> UInt32? { k < s.count ? s[base + k] : nil }
        func isDigit(_ c: UInt32?) -> Bool { c.map { $0 >= 0x30 && $0 <= 0x39 } ?? false }
        guard let c = at(i) else { return nil }
        // A transcript's answer label kept in the text (答：中方敦促…… opens with 中方 as the answer does); a question's
        // 问： stays, as it marks the journalist's turn.
        if i == 0, c == 0x7B54, let colon = at(1), colon == 0xFF1A || colon == 0x3A { return 2 }
        // ① … ⑳, ⑴ … ⒇, ⒈ … ⒛.
        if (0x2460...0x249B).contains(c) { return 1 }
        // 1. / 12、 / 3): up to three digits and a mark, not a decimal (1.5) or a year (2023年).
        if isDigit(c) {
            var k = i
            while isDigit(at(k)), k - i < 3 { k += 1 }
            guard let mark = at(k), arabicMarks.contains(mark), !isDigit(at(k + 1)) else { return nil }
            return k + 1 - i
        }
        // 十一、 / 一是.
        if chineseNumerals.contains(c) {
            var k = i
            while let n = at(k), chineseNumerals.contains(n), k - i < 3 { k += 1 }
            guard let mark = at(k), chineseMarks.contains(mark) else { return nil }
            return k + 1 - i
        }
        // (1) / （十一） / (a) / (iv).
        if opening.contains(c) {
            var k = i + 1
            var inner: [UInt32] = []
            while let n = at(k), !closing.contains(n), inner.count < 4 {
                inner.append(n)
                k += 1
            }
            guard let close = at(k), closing.contains(close), !inner.isEmpty else { return nil }
            let numeric = inner.count <= 3 && (inner.allSatisfy { isDigit($0) } || inner.allSatisfy { chineseNumerals.contains($0) })
            let letters = String(String.UnicodeScalarView(inner.compactMap(Unicode.Scalar.init))).lowercased()
            let lettered = (inner.count == 1 && letters.first.map { $0 >= "a" && $0 <= "z" } == true) || romans.contains(letters)
            guard numeric || lettered else { return nil }
            return k + 1 - i
        }
        return nil
    }
}
