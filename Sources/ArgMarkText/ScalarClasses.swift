import ArgMarkPipeline

/// Character classes the readers and the segmenter decide on, over Unicode scalars.
enum ScalarClass {
    /// Han ideographs (CJK unified, extensions A–H, compatibility), the script of Chinese.
    @inline(__always)
    static func isHan(_ s: Unicode.Scalar) -> Bool { s.isHanIdeograph }

    /// CJK text and punctuation: Han, kana, hangul, CJK symbols and full-width forms.
    @inline(__always)
    static func isCJK(_ s: Unicode.Scalar) -> Bool { s.isCJKText }

    @inline(__always)
    static func isLatinLetter(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        // ﬀ–ﬆ: a PDF's ligatures are letters of their word (signiﬁ-|cant).
        return (v >= 0x41 && v <= 0x5A) || (v >= 0x61 && v <= 0x7A) || (v >= 0xC0 && v <= 0x24F && v != 0xD7 && v != 0xF7)
            || (v >= 0xFB00 && v <= 0xFB06)
    }

    @inline(__always)
    static func isUpper(_ s: Unicode.Scalar) -> Bool {
        (s.value >= 0x41 && s.value <= 0x5A) || (s.value >= 0xC0 && s.value <= 0xDE && s.value != 0xD7)
    }

    @inline(__always)
    static func isLower(_ s: Unicode.Scalar) -> Bool {
        (s.value >= 0x61 && s.value <= 0x7A) || (s.value >= 0xDF && s.value <= 0xFF && s.value != 0xF7)
    }

    @inline(__always)
    static func isDigit(_ s: Unicode.Scalar) -> Bool {
        (s.value >= 0x30 && s.value <= 0x39) || (s.value >= 0xFF10 && s.value <= 0xFF19)
    }

    /// A space, a tab or a full-width space: what a layout pads columns with (a contents entry's page, an
    /// abbreviation's meaning).
    @inline(__always)
    static func isBlank(_ s: Unicode.Scalar) -> Bool { s == " " || s == "\t" || s == "　" }

    /// Spaces and the invisible characters that pad lines in exported texts (full-width space, NBSP, BOM).
    @inline(__always)
    static func isSpace(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x20, 0x09, 0x0B, 0x0C, 0x0D, 0x0A, 0xA0, 0x3000, 0xFEFF, 0x200B, 0x2028, 0x2029: true
        case 0x2000...0x200A: true
        default: false
        }
    }

    /// Sentence-final marks that end a Chinese sentence wherever they stand.
    @inline(__always)
    static func isCJKTerminator(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x3002, 0xFF01, 0xFF1F, 0xFF61: true  // 。！？｡
        default: false
        }
    }

    /// A full-width full stop (．) that ends a Chinese sentence, as science journals set it for 。: after a Han
    /// character, a closing quote or bracket or a sign such as ％, but not after a digit or a full-width letter
    /// (３．５, Ｕ．Ｓ．), nor after the Chinese numeral that opens a line (一．引言 numbers a heading; 之一． ends).
    static func isChineseFullStop(_ s: [Unicode.Scalar], _ i: Int, from start: Int) -> Bool {
        guard s[i] == "．", i > start else { return false }
        // A wrap by character count can carry the stop to the next line, as it carries 。.
        var b = i - 1
        while b > start, s[b] == "\n" || s[b] == "\r" { b -= 1 }
        let before = s[b]
        if isDigit(before) || isSpace(before) || isFullWidthAlphanumeric(before) { return false }
        if chineseNumerals.contains(before) {
            var k = b
            while k > start, chineseNumerals.contains(s[k - 1]) { k -= 1 }
            // Only spaces, an opening bracket or 第 before the numerals: a list or heading number.
            var m = k
            while m > start, isBlank(s[m - 1]) || s[m - 1] == "（" || s[m - 1] == "(" || s[m - 1] == "第" { m -= 1 }
            if m == start || s[m - 1] == "\n" || s[m - 1] == "\r" { return false }
        }
        return true
    }

    private static let chineseNumerals: Set<Unicode.Scalar> = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "百", "零", "〇", "两"]

    /// A Chinese sentence end at `i`: 。！？｡, or a full stop ． set for 。 (`isChineseFullStop`).
    static func endsChineseSentence(_ s: [Unicode.Scalar], _ i: Int, from start: Int) -> Bool {
        isCJKTerminator(s[i]) || isChineseFullStop(s, i, from: start)
    }

    /// Closing quotes and brackets that stay with the sentence they close.
    @inline(__always)
    static func isCloser(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x201D, 0x2019, 0x22, 0x27, 0x300D, 0x300F, 0xFF09, 0x29, 0x3011, 0xFF3D, 0x5D, 0x3015, 0x300B, 0x3009,
            0xBB, 0x203A, 0xFE42, 0xFE44:
            true
        default: false
        }
    }

    /// Punctuation after which a sentence cannot start: a terminator followed by one of these is not a boundary.
    @inline(__always)
    static func isContinuationPunctuation(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0xFF0C, 0x3001, 0xFF1B, 0xFF1A, 0x2C, 0x3B, 0x3A, 0xFF0E: true  // ，、；：,;:．
        default: false
        }
    }

    /// Circled note markers ① … ⑳ and ㉑ … ㊿.
    /// ０–９, Ａ–Ｚ, ａ–ｚ.
    @inline(__always)
    static func isFullWidthAlphanumeric(_ s: Unicode.Scalar) -> Bool {
        (0xFF10...0xFF19).contains(s.value) || (0xFF21...0xFF3A).contains(s.value) || (0xFF41...0xFF5A).contains(s.value)
    }

    /// ⁰ ¹ ² ³ ⁴ … ⁹: a note number set as a superscript.
    @inline(__always)
    static func isSuperscriptDigit(_ s: Unicode.Scalar) -> Bool {
        s == "¹" || s == "²" || s == "³" || s == "⁰" || (0x2074...0x2079).contains(s.value)
    }

    @inline(__always)
    static func isCircledNumber(_ s: Unicode.Scalar) -> Bool { circledNumberValue(s) != nil }

    /// The number a circled numeral stands for: ① … ⑳, ㉑ … ㉟, ㊱ … ㊿.
    static func circledNumberValue(_ s: Unicode.Scalar) -> Int? {
        switch s.value {
        case 0x2460...0x2473: Int(s.value - 0x2460) + 1
        case 0x3251...0x325F: Int(s.value - 0x3251) + 21
        case 0x32B1...0x32BF: Int(s.value - 0x32B1) + 36
        default: nil
        }
    }

    /// The ASCII digit of a superscript one (¹ → 1).
    static func superscriptValue(_ s: Unicode.Scalar) -> Unicode.Scalar {
        switch s {
        case "¹": "1"
        case "²": "2"
        case "³": "3"
        default: Unicode.Scalar(s.value - 0x2070 + 0x30)!
        }
    }
}

/// A word that a typesetter hyphenated at a line's end (gover-/nance) is the word written whole when the same text
/// writes it whole elsewhere and never with that hyphen; otherwise (access-/request) the hyphen is the compound's.
struct Hyphenation {
    /// The text's words in lower case, as written (not across a line-end hyphen), with and without their hyphens.
    let words: Set<String>
    /// Whether a typesetter hyphenated the text's lines: at least one line-end hyphen splits a word the text or
    /// English writes whole (gover-|nance). A ragged wrap breaks only at a compound's own hyphen (product-|safety),
    /// and there no hyphen is dropped on English's word alone.
    let typesetterBreaks: Bool

    /// The words of a text that has line-end hyphens, nil when it has none.
    init?(_ s: [Unicode.Scalar]) {
        var hasBreak = false
        for i in s.indices.dropLast() where s[i] == "-" && (s[i + 1] == "\n" || s[i + 1] == "\r") {
            hasBreak = true
            break
        }
        guard hasBreak else { return nil }
        var words = Set<String>()
        var i = 0
        while i < s.count {
            guard ScalarClass.isLatinLetter(s[i]) else {
                i += 1
                continue
            }
            var j = i
            // A word with inner hyphens (access-request), stopping at a hyphen that ends a line.
            while j < s.count, ScalarClass.isLatinLetter(s[j])
                || (s[j] == "-" && j + 1 < s.count && ScalarClass.isLatinLetter(s[j + 1])) {
                j += 1
            }
            // The rest of a word hyphenated at a line's end (delibera-|tive) is no word of the text …
            var k = i - 1
            while k >= 0, s[k] == " " || s[k] == "\t" { k -= 1 }
            var breaks = 0
            while k >= 0, s[k] == "\n" || s[k] == "\r" { k -= 1; breaks += 1 }
            let continuesHyphen = breaks > 0 && breaks <= 2 && k >= 0 && s[k] == "-"
            // … and so is its first part (delibera-|).
            let beforeHyphen = j + 1 < s.count && s[j] == "-" && (s[j + 1] == "\n" || s[j + 1] == "\r")
            if !continuesHyphen, !beforeHyphen { words.insert(Self.key(String(String.UnicodeScalarView(s[i..<j])))) }
            i = j
        }
        self.words = words
        typesetterBreaks = s.indices.dropLast().contains { i in
            guard s[i] == "-", s[i + 1] == "\n" || s[i + 1] == "\r", let (start, rest) = Self.parts(s, hyphenAt: i) else { return false }
            let joined = Self.key(start + rest)
            return words.contains(joined) || EnglishWords.all.contains(Substring(joined))
        }
    }

    /// The letters before the hyphen at `i` and those that open the next line.
    private static func parts(_ s: [Unicode.Scalar], hyphenAt i: Int) -> (String, String)? {
        var a = i
        while a > 0, ScalarClass.isLatinLetter(s[a - 1]) { a -= 1 }
        var b = i + 1
        while b < s.count, ScalarClass.isSpace(s[b]) { b += 1 }
        var e = b
        while e < s.count, ScalarClass.isLatinLetter(s[e]) { e += 1 }
        guard a < i, b < e else { return nil }
        return (String(String.UnicodeScalarView(s[a..<i])), String(String.UnicodeScalarView(s[b..<e])))
    }

    /// Whether the hyphen ending `head` (the text so far, ending …gover-) before the line break that `s[next]`
    /// follows (nance…) splits one word.
    func isSyllableBreak(_ head: String.UnicodeScalarView, _ s: [Unicode.Scalar], after next: Int, end: Int) -> Bool {
        var first = String.UnicodeScalarView()
        for scalar in head.dropLast().reversed() {
            guard ScalarClass.isLatinLetter(scalar) else { break }
            first.append(scalar)
        }
        var second = String.UnicodeScalarView()
        var k = next
        while k < end, ScalarClass.isLatinLetter(s[k]) {
            second.append(s[k])
            k += 1
        }
        let start = String(String(first).reversed())
        let rest = String(second)
        if words.contains(Self.key(start + "-" + rest)) { return false }
        if words.contains(Self.key(start + rest)) { return true }
        // Written neither way elsewhere: English at large decides (`EnglishWords`): a word it writes whole
        // (delibera-|tive, acci-|dent) runs on; a compound of words (product-|safety, broker-|dealers,
        // government-|provided) and a proper name's (Anti-|Federalist) keep the hyphen.
        guard typesetterBreaks, let head = rest.unicodeScalars.first, ScalarClass.isLower(head), start.unicodeScalars.count >= 2,
              start.unicodeScalars.allSatisfy(ScalarClass.isLower) else { return false }
        let lowerStart = start.lowercased()
        if EnglishWords.all.contains(Substring(lowerStart + "-" + rest)) { return false }
        if Self.compoundFirsts.contains(lowerStart) || Self.compoundSeconds.contains(rest) { return false }
        // re-|elected, co-|operation: a hyphen between two of the same vowel is written.
        if let end = lowerStart.unicodeScalars.last, end == head, "aeiou".unicodeScalars.contains(end) { return false }
        if EnglishWords.all.contains(Substring(lowerStart + rest)) { return true }
        let firstIsWord = EnglishWords.all.contains(Substring(lowerStart)) || start.unicodeScalars.count >= 3 && words.contains(Self.key(start))
        let restIsWord = EnglishWords.all.contains(Substring(rest)) || words.contains(Self.key(rest))
        // Otherwise only two pieces that are no words, neither of them short, are one word's (chal-|lenged); a short
        // part is a compound's as often (ex-|ante, pro-|rata, lump-|sum, op-|ed).
        return !firstIsWord && !restIsWord && start.unicodeScalars.count >= 4 && rest.unicodeScalars.count >= 4
    }

    /// First parts that make compounds with a hyphen (self-|interest, non-|state, cross-|border, long-|standing).
    private static let compoundFirsts: Set<String> = [
        "self", "well", "non", "anti", "cross", "long", "short", "high", "low", "half", "ill", "all", "semi", "quasi",
        "post", "pre", "first", "second", "third", "one", "two", "three", "four", "five", "ten", "multi", "mid", "over",
        "under", "full", "part", "large", "small", "open", "hard", "soft", "top", "world", "twenty", "thirty", "forty",
        "fifty", "sixty", "seventy", "eighty", "ninety", "so", "case", "policy", "state", "data", "evidence", "decision",
        "rule", "rights", "market", "far", "near", "old", "new", "middle", "upper", "lower", "cost", "risk",
    ]
    /// Second parts that make compounds after a hyphen (evidence-|based, decision-|making, state-|owned, follow-|up).
    private static let compoundSeconds: Set<String> = [
        "based", "known", "term", "making", "maker", "makers", "level", "scale", "led", "driven", "related", "oriented",
        "specific", "wide", "free", "like", "run", "time", "year", "old", "class", "sized", "up", "down", "off", "out",
        "in", "on", "made", "owned", "funded", "sector", "profit", "income", "party", "state", "side", "hand", "order",
        "building", "setting", "sharing", "holder", "holders", "border", "country", "national", "market", "standing",
        "going", "looking", "ranging", "reaching", "wise", "fold", "less", "ready", "proof", "friendly", "intensive",
    ]

    /// A word as the set keeps it: lower case, ligatures spelt out, so that signiﬁ-|cant finds significant.
    private static func key(_ word: String) -> String {
        let hasLigature = word.unicodeScalars.contains { $0.value >= 0xFB00 && $0.value <= 0xFB06 }
        return (hasLigature ? TypesettingFolding.folded(word) : word).lowercased()
    }
}

/// Web addresses in running text: http://, https://, www. and the __URL__ placeholder that anonymised corpora (CDCP)
/// put in their place. An address runs to the next space.
enum WebAddress {
    private static let openings: [[Unicode.Scalar]] = ["http://", "https://", "www.", "__URL__"].map { Array($0.unicodeScalars) }

    /// The end of the address that starts at `i`, or nil when none starts there.
    static func end(_ s: [Unicode.Scalar], at i: Int, limit: Int) -> Int? {
        guard i < limit, s[i] == "h" || s[i] == "H" || s[i] == "w" || s[i] == "W" || s[i] == "_" else { return nil }
        let matches = openings.contains { opening in
            i + opening.count <= limit && zip(opening, s[i..<(i + opening.count)]).allSatisfy { a, b in
                a == b || (ScalarClass.isUpper(b) && a.value == b.value + 32)
            }
        }
        guard matches else { return nil }
        var j = i
        while j < limit, !ScalarClass.isSpace(s[j]) { j += 1 }
        return j
    }

    /// Whether an address starts anywhere in `range` (at its start, or after a space, an opening bracket or a colon).
    static func occurs(in s: [Unicode.Scalar], _ range: Range<Int>) -> Bool {
        range.contains { i in
            (i == range.lowerBound || ScalarClass.isSpace(s[i - 1]) || s[i - 1] == "(" || s[i - 1] == "（" || s[i - 1] == "："
                || s[i - 1] == ":") && end(s, at: i, limit: range.upperBound) != nil
        }
    }
}

extension Array where Element == Unicode.Scalar {
    /// The text of `range` as a String. A range that spans line breaks (a hard-wrapped paragraph, a wrapped note)
    /// is joined back into running text (`joinedLines`).
    func string(_ range: Range<Int>, hyphenation: Hyphenation? = nil) -> String {
        var lineBreak = false
        // Encoding straight into the string's storage is several times faster than appending scalars.
        let text = String(unsafeUninitializedCapacity: range.count * 4) { buffer in
            var n = 0
            for i in range {
                let v = self[i].value
                if v < 0x80 {
                    if v == 0x0A || v == 0x0D { lineBreak = true }
                    buffer[n] = UInt8(v)
                    n += 1
                } else if v < 0x800 {
                    buffer[n] = UInt8(0xC0 | (v >> 6))
                    buffer[n + 1] = UInt8(0x80 | (v & 0x3F))
                    n += 2
                } else if v < 0x10000 {
                    buffer[n] = UInt8(0xE0 | (v >> 12))
                    buffer[n + 1] = UInt8(0x80 | ((v >> 6) & 0x3F))
                    buffer[n + 2] = UInt8(0x80 | (v & 0x3F))
                    n += 3
                } else {
                    buffer[n] = UInt8(0xF0 | (v >> 18))
                    buffer[n + 1] = UInt8(0x80 | ((v >> 12) & 0x3F))
                    buffer[n + 2] = UInt8(0x80 | ((v >> 6) & 0x3F))
                    buffer[n + 3] = UInt8(0x80 | (v & 0x3F))
                    n += 4
                }
            }
            return n
        }
        return lineBreak ? joinedLines(range, hyphenation: hyphenation) : text
    }

    /// Whether the text so far ends inside a web address that the line break cut: its last word is an address
    /// ending mid-word (-, _, ?, =, &, #, ~, %), or in a dot or a slash before a next line that goes on as an address
    /// does (gov/docket/…, org/abs). "… at https://example.org. | The next" and "… .gov/ | and …" do not.
    static func breaksWebAddress(_ head: String.UnicodeScalarView, _ s: [Unicode.Scalar], next: Int, end: Int) -> Bool {
        guard let last = head.last, "/-_?=&#~%.".unicodeScalars.contains(last) else { return false }
        var word: [Unicode.Scalar] = []
        for scalar in head.reversed() {
            if ScalarClass.isSpace(scalar) || word.count > 400 { break }
            word.append(scalar)
        }
        word.reverse()
        while let first = word.first, "(<[\"“'".unicodeScalars.contains(first) { word.removeFirst() }
        guard WebAddress.end(word, at: 0, limit: word.count) != nil else { return false }
        // Mid-word (…/contrastive-, ?id=, #sec_): the address goes on whatever comes next.
        if "-_?=&#~%".unicodeScalars.contains(last) { return true }
        // After a dot or a slash only a next word that reads as an address does (gov/docket/…, 2023/Conference.html);
        // "… example.gov/ | and it is updated" is prose again.
        var k = next
        guard k < end, ScalarClass.isLatinLetter(s[k]) || ScalarClass.isDigit(s[k]) else { return false }
        while k < end, !ScalarClass.isSpace(s[k]) {
            if s[k] == "/" || (s[k] == "." && k + 1 < end && ScalarClass.isLatinLetter(s[k + 1])) { return true }
            k += 1
        }
        return false
    }

    /// The text of `range` with each line break (and the spaces around it) dropped in Chinese text (next to a Chinese
    /// character or mark, or anywhere but between two Latin letters when the text before it is Chinese: a wrap by
    /// character count splits 2.86 and [12] as much as 人次) and after a word's end-of-line hyphen before a
    /// lower-case letter (access-/request), and a space put elsewhere. No character of the text is dropped, but for the
    /// hyphen of a word a typesetter broke that `hyphenation` knows whole (gover-/nance).
    func joinedLines(_ range: Range<Int>, hyphenation: Hyphenation? = nil) -> String {
        var result = String.UnicodeScalarView()
        var i = range.lowerBound
        while i < range.upperBound {
            guard ScalarClass.isSpace(self[i]) else {
                result.append(self[i])
                i += 1
                continue
            }
            var j = i
            var lineBreak = false
            while j < range.upperBound, ScalarClass.isSpace(self[j]) {
                if self[j] == "\n" || self[j] == "\r" { lineBreak = true }
                j += 1
            }
            if !lineBreak {
                // One scalar at a time: the view's append(contentsOf:) copies the whole string each call, which
                // made a long wrapped paragraph quadratic (a 40,000-line one took 43 s).
                for k in i..<j { result.append(self[k]) }
            } else if let before = result.last, j < range.upperBound {
                let after = self[j]
                if ScalarClass.isCJK(before) || ScalarClass.isCJK(after)
                    || (Self.followsChinese(result) && !(ScalarClass.isLatinLetter(before) && ScalarClass.isLatinLetter(after))) {
                    // Chinese runs on without a space.
                } else if before == "\u{AD}", after.properties.isLowercase {
                    // A soft hyphen marks where a word may break: where it did, the word runs on without it.
                    result.removeLast()
                } else if before == "-" || before == "\u{2010}", ScalarClass.isUpper(after) || ScalarClass.isDigit(after),
                          let stem = result.dropLast().last, ScalarClass.isLatinLetter(stem) || ScalarClass.isDigit(stem) || stem == "." {
                    // A compound broken at its hyphen before a capital or a figure (U.S.-|China, COVID-|19, Indo-|Pacific)
                    // runs on with its hyphen: no syllable break comes before a capital.
                } else if before == "-" || before == "\u{2010}", after.properties.isLowercase, result.dropLast().last == ".",
                          result.dropLast(2).last.map(ScalarClass.isUpper) == true {
                    // An abbreviation's compound (U.S.-|based, E.U.-|wide) runs on with its hyphen.
                } else if before == "-" || before == "\u{2010}", after.properties.isLowercase,
                          result.dropLast().last.map(ScalarClass.isLatinLetter) == true {
                    // A word broken at its hyphen (access-/request, so-/called) runs on; the hyphen stays, since a
                    // wrap breaks compounds at theirs as often as a typesetter hyphenates (gover-/nance), unless
                    // the text itself writes the word whole elsewhere (`Hyphenation`).
                    if let hyphenation, hyphenation.isSyllableBreak(result, self, after: j, end: range.upperBound) {
                        result.removeLast()
                    }
                } else if Self.breaksWebAddress(result, self, next: j, end: range.upperBound) {
                    // A web address a wrap cut (https://www.regulations. | gov/docket/…) runs on without a space.
                } else {
                    result.append(" ")
                }
            }
            i = j
        }
        return String(result)
    }

    /// Whether the nearest Chinese character or Latin letter before the end of `text` is Chinese.
    private static func followsChinese(_ text: String.UnicodeScalarView) -> Bool {
        for scalar in text.reversed().prefix(40) {
            if ScalarClass.isCJK(scalar) { return true }
            if ScalarClass.isLatinLetter(scalar) { return false }
        }
        return false
    }

    /// `range` without leading and trailing spaces.
    func trimmed(_ range: Range<Int>) -> Range<Int> {
        var lower = range.lowerBound
        var upper = range.upperBound
        while lower < upper, ScalarClass.isSpace(self[lower]) { lower += 1 }
        while upper > lower, ScalarClass.isSpace(self[upper - 1]) { upper -= 1 }
        return lower..<upper
    }

    /// Whether the scalars at `offset` spell `literal`.
    func matches(_ literal: String, at offset: Int) -> Bool {
        var i = offset
        for scalar in literal.unicodeScalars {
            guard i < count, self[i] == scalar else { return false }
            i += 1
        }
        return true
    }
}

/// Splits decoded text into line ranges, excluding `\n`, `\r\n` or `\r` terminators.
func lineRanges(_ scalars: [Unicode.Scalar]) -> [Range<Int>] {
    var lines: [Range<Int>] = []
    var start = 0
    var i = 0
    let n = scalars.count
    while i < n {
        let v = scalars[i].value
        if v == 0x0A || v == 0x0D {
            lines.append(start..<i)
            if v == 0x0D, i + 1 < n, scalars[i + 1].value == 0x0A { i += 1 }
            start = i + 1
        }
        i += 1
    }
    if start < n { lines.append(start..<n) }
    return lines
}

/// Text gathered from markup (TEI, HTML, a Word or OpenDocument part), whose whitespace is the source's layout.
public enum MarkupText {
    /// `text` with each whitespace run one space and its ends trimmed: sources are indented and wrapped freely.
    public static func collapsingWhitespace(_ text: String) -> String {
        var result = ""
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            if scalar.properties.isWhitespace {
                pendingSpace = !result.isEmpty
            } else {
                if pendingSpace { result.unicodeScalars.append(" ") }
                pendingSpace = false
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
