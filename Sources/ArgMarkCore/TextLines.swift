extension StringProtocol {
    /// The lines of a data file (a lexicon, a corpus TSV, a weights table) without their line ends, whether they end
    /// in `\n`, in `\r\n` (a file saved on Windows) or in `\r` (classic Mac OS), and without the byte-order mark some
    /// editors write first. Swift reads `\r\n` as one character, so a split on `"\n"` alone would take such a file
    /// for a single line.
    public var dataFileLines: [Substring] {
        var lines = split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }.map { Substring($0) }
        if let first = lines.first, first.first == "\u{FEFF}" { lines[0] = first.dropFirst() }
        return lines
    }
}
