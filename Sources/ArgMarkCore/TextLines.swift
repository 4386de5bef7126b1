extension StringProtocol {
    /// The lines of a data file (a lexicon, a corpus TSV, a weights table) without their line ends, whether they end
    /// in `\n`, in `\r\n` (a file saved on Windows) or in `\r` (classic Mac OS), and without the byte-order mark some
    /// editors write first. Swift reads `\r\n` as one character, so a split on `"\n"` alone would take such a file
    /// for a single line.
    ///
    /// Cut at the line-end bytes: a line end is always a character of its own (or `\r\n` one together), so this
    /// is the split by characters, without breaking the whole file into grapheme clusters first (most of what
    /// loading the lexicons cost).
    public var dataFileLines: [Substring] {
        var lines: [Substring] = []
        let bytes = utf8
        var start = bytes.startIndex
        var i = start
        while i != bytes.endIndex {
            let byte = bytes[i]
            guard byte == 0x0A || byte == 0x0D else {
                i = bytes.index(after: i)
                continue
            }
            lines.append(Substring(self[start..<i]))
            i = bytes.index(after: i)
            if byte == 0x0D, i != bytes.endIndex, bytes[i] == 0x0A { i = bytes.index(after: i) }
            start = i
        }
        lines.append(Substring(self[start..<bytes.endIndex]))
        if let first = lines.first, first.first == "\u{FEFF}" { lines[0] = first.dropFirst() }
        return lines
    }
}
