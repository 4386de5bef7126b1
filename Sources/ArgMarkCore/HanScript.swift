extension Unicode.Scalar {
    /// A Han ideograph (CJK unified, extensions A–H, compatibility, 〇), the script of Chinese: the one definition
    /// the readers and the character folding share.
    @inlinable
    public var isHanIdeograph: Bool {
        let v = value
        return (0x4E00...0x9FFF).contains(v) || (0x3400...0x4DBF).contains(v) || (0x20000...0x323AF).contains(v)
            || (0xF900...0xFAFF).contains(v) || v == 0x3007
    }

    /// CJK text and punctuation: Han, kana, hangul, CJK symbols and full-width forms, which Chinese sets without
    /// spaces between them and Latin.
    @inlinable
    public var isCJKText: Bool {
        let v = value
        return isHanIdeograph || (0x3000...0x30FF).contains(v) || (0xFF00...0xFFEF).contains(v) || (0xAC00...0xD7AF).contains(v)
    }

    /// The ASCII form of a full-width letter, digit or mark (Ａ, １, ，, ？ as A, 1, ",", ?), else the scalar itself: what
    /// a Chinese input method types for ASCII, which review's commands and eval's text pairing read as ASCII.
    public var halfWidth: Unicode.Scalar {
        (0xFF01...0xFF5E).contains(value) ? Unicode.Scalar(value - 0xFEE0)! : self
    }
}
