/// How many terminal columns text takes: East Asian wide and full-width characters two, combining marks none, the
/// rest one. For lining up what a command prints (review's views, eval's tables), not for measuring text.
public enum TerminalWidth {
    /// Terminal columns of a scalar: 2 for East Asian wide and full-width characters, 0 for combining marks.
    public static func of(_ s: Unicode.Scalar) -> Int {
        switch s.value {
        case 0x0300...0x036F, 0x200B...0x200F, 0xFE00...0xFE0F: return 0
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
            0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x1F300...0x1F64F,
            0x1F900...0x1F9FF, 0x20000...0x3FFFD:
            return 2
        default: return 1
        }
    }

    /// Terminal columns of `text`.
    public static func columns(_ text: some StringProtocol) -> Int { text.unicodeScalars.reduce(0) { $0 + of($1) } }
}
