/// Punctuation that typesetting varies without changing what a sentence says, folded to one form before cues are
/// matched and features computed (the text itself is never changed).
///
/// Chinese prose is set with full-width punctuation (，：；（）？！), but journal exports such as CNKI's and text typed on
/// a Latin keyboard often carry the ASCII forms (因此,…): Chinese reads them as full width, so that 因此, and 因此， are
/// one cue and one n-gram. Conversely some Chinese texts set Latin letters and digits in full width (ＧＤＰ增长２%):
/// Chinese reads those as ASCII, and drops the space some texts put between Chinese and Latin letters or digits
/// (AI 治理在 2024 年, where most write AI治理在2024年). English text from PDFs and word processors has typographic
/// apostrophes (don’t, Internet’s) where typed text has ASCII ones: English reads ’ and ‘ as ', so that don’t is one
/// word, as don't is.
enum PunctuationFolding {
    /// The full-width form of an ASCII punctuation mark that has one in Chinese typesetting, the ASCII form of a
    /// full-width Latin letter or digit, else `value` unchanged. The full stop stays: an ASCII period in Chinese text
    /// is a decimal point or part of a Latin name.
    @inline(__always)
    static func chinese(_ value: UInt32) -> UInt32 {
        if value >= 0xFF10 && value <= 0xFF5A {
            // ０–９, Ａ–Ｚ, ａ–ｚ sit 0xFEE0 above their ASCII forms.
            let ascii = value - 0xFEE0
            return (0x30...0x39).contains(ascii) || (0x41...0x5A).contains(ascii) || (0x61...0x7A).contains(ascii) ? ascii : value
        }
        return switch value {
        case 0x21: 0xFF01  // !
        case 0x28: 0xFF08  // (
        case 0x29: 0xFF09  // )
        case 0x2C: 0xFF0C  // ,
        case 0x3A: 0xFF1A  // :
        case 0x3B: 0xFF1B  // ;
        case 0x3F: 0xFF1F  // ?
        default: value
        }
    }

    /// The ASCII apostrophe for a typographic one (’ ‘), the ASCII form of a full-width Latin letter or digit (ｓｈｏｕｌｄ
    /// typed with a Chinese input method), else `value` unchanged.
    @inline(__always)
    static func english(_ value: UInt32) -> UInt32 {
        if value >= 0xFF10 && value <= 0xFF5A {
            let ascii = value - 0xFEE0
            return (0x30...0x39).contains(ascii) || (0x41...0x5A).contains(ascii) || (0x61...0x7A).contains(ascii) ? ascii : value
        }
        return value == 0x2019 || value == 0x2018 ? 0x27 : value
    }

    /// Drops each ASCII space between a Chinese character or mark and a Latin letter or digit, in either order, and
    /// between two Chinese characters or marks (text extracted from a PDF with a space after every character: 例 如 ，
    /// 重 要), from folded Chinese text: Chinese is written without spaces, so one says nothing.
    static func dropSpacesInChinese(_ s: inout [UInt32]) {
        guard s.contains(0x20) else { return }
        func isChinese(_ v: UInt32) -> Bool {
            (0x4E00...0x9FFF).contains(v) || (0x3000...0x303F).contains(v) || (0xFF00...0xFFEF).contains(v)
        }
        func isLatin(_ v: UInt32) -> Bool {
            (0x30...0x39).contains(v) || (0x41...0x5A).contains(v) || (0x61...0x7A).contains(v) || v == 0x25  // and %
        }
        var kept: [UInt32] = []
        kept.reserveCapacity(s.count)
        var i = 0
        while i < s.count {
            let v = s[i]
            if v == 0x20, let before = kept.last {
                // A run of spaces, as PDF extraction may leave two.
                var next = i
                while next < s.count, s[next] == 0x20 { next += 1 }
                if next < s.count, isChinese(before) ? (isLatin(s[next]) || isChinese(s[next])) : (isLatin(before) && isChinese(s[next])) {
                    i = next
                    continue
                }
            }
            kept.append(v)
            i += 1
        }
        s = kept
    }

    /// How a web address opens (a colon may be folded to full width, ：).
    private static let addressOpenings: [[UInt32]] = ["http://", "https://", "www."].map { $0.unicodeScalars.map(\.value) }

    /// Which positions of folded text lie in a web address (http://, https://, www.), or nil when none does: its ?
    /// is no question and its letters are no cue (https://…/search?q=5G).
    static func webAddressMask(_ s: [UInt32]) -> [Bool]? {
        func lower(_ v: UInt32) -> UInt32 { v >= 0x41 && v <= 0x5A ? v + 0x20 : v }
        func opens(at i: Int) -> Bool {
            addressOpenings.contains { opening in
                guard i + opening.count <= s.count else { return false }
                for (n, c) in opening.enumerated() where lower(s[i + n]) != c && !(c == 0x3A && s[i + n] == 0xFF1A) { return false }
                return true
            }
        }
        // ASCII marks and letters, and the full-width forms Chinese folding gives ! ( ) , : ; ?.
        func inAddress(_ v: UInt32) -> Bool {
            (0x21...0x7E).contains(v) || [0xFF01, 0xFF08, 0xFF09, 0xFF0C, 0xFF1A, 0xFF1B, 0xFF1F].contains(v)
        }
        var mask: [Bool]?
        var i = 0
        while i < s.count {
            let v = lower(s[i])
            if (v == 0x68 || v == 0x77), i == 0 || !(0x61...0x7A).contains(lower(s[i - 1])), opens(at: i) {
                if mask == nil { mask = [Bool](repeating: false, count: s.count) }
                while i < s.count, inAddress(s[i]) {
                    mask![i] = true
                    i += 1
                }
                continue
            }
            i += 1
        }
        return mask
    }

    /// `chinese` or `english` on a scalar, by the lexicon's or model's language.
    @inline(__always)
    static func fold(_ scalar: Unicode.Scalar, english isEnglish: Bool) -> Unicode.Scalar {
        let value = isEnglish ? english(scalar.value) : chinese(scalar.value)
        return value == scalar.value ? scalar : Unicode.Scalar(value)!
    }
}
