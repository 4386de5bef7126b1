extension Unicode.Scalar {
    /// A Han ideograph (CJK unified, extensions A–H, compatibility, 〇), the script of Chinese: the one definition
    /// the readers and the character folding share.
    @inlinable
    public var isHanIdeograph: Bool {
        let v = value
        return (0x4E00...0x9FFF).contains(v) || (0x3400...0x4DBF).contains(v) || (0x20000...0x323AF).contains(v)
            || (0xF900...0xFAFF).contains(v) || v == 0x3007
    }
}
