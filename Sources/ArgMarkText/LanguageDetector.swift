import ArgMarkCore

/// Decides whether a stretch of text is Chinese, English or a mix, by weighing Han characters against Latin words.
public enum LanguageDetector {
    /// Share of the weighted letters one language needs to claim the text outright.
    static let dominance = 0.8

    public static func detect(_ text: String) -> LanguageTag {
        let scalars = Array(text.unicodeScalars)
        return detect(scalars, scalars.indices)
    }

    /// A sentence's language: as `detect`, except that a Chinese frame around English words (约瑟夫·奈指出：“…”,
    /// 例如，the European Union …) is mixed, not English: it is the Chinese writer's sentence, its cues (指出, 例如)
    /// are Chinese, and mixed text goes to the Chinese labellers.
    static func detectSentence(_ scalars: [Unicode.Scalar], _ range: Range<Int>) -> LanguageTag {
        let language = detect(scalars, range)
        return language == .en && opensWithChinese(scalars, range) ? .mixed : language
    }

    /// Whether the first letter of `range` is a Han character outside quotation marks, brackets and titles.
    static func opensWithChinese(_ scalars: [Unicode.Scalar], _ range: Range<Int>) -> Bool {
        for i in range {
            let s = scalars[i]
            if ScalarClass.isHan(s) { return true }
            if ScalarClass.isLatinLetter(s) || "“‘「『\"'(（《〈[［".unicodeScalars.contains(s) { return false }
        }
        return false
    }

    static func detect(_ scalars: [Unicode.Scalar], _ range: Range<Int>) -> LanguageTag {
        var han = 0
        var latinLetters = 0
        for i in range {
            let s = scalars[i]
            if ScalarClass.isHan(s) {
                han += 1
            } else if ScalarClass.isLatinLetter(s) || (0xFF21...0xFF3A).contains(s.value) || (0xFF41...0xFF5A).contains(s.value) {
                // Full-width letters too (Ｔｈｅ ｇｏｖｅｒｎｍｅｎｔ, typed with a Chinese input method): English all the same.
                latinLetters += 1
            }
        }
        // A Han character carries about as much as a short Latin word; weigh letters by 1/3 so that an acronym
        // (WTO, PM2.5) in a Chinese sentence or a Chinese term in an English one does not make it mixed.
        let zh = Double(han)
        let en = Double(latinLetters) / 3
        let total = zh + en
        if total == 0 { return .und }
        if zh / total >= dominance { return .zh }
        if en / total >= dominance { return .en }
        return .mixed
    }
}
