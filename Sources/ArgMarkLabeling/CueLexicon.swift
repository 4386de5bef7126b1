import ArgMarkCore

/// A discourse cue: a word or construction that signals a label, with a weight.
public struct Cue: Sendable, Hashable {
    /// The cue as written in the lexicon (`以…为例`, `^要`).
    public var text: String
    /// nil for a blocker: a longer word that contains a cue but is not one (重要 is not 要).
    public var label: ArgumentLabel?
    public var weight: Double
    /// Matches only at the sentence start.
    public var anchored: Bool
    /// The literal parts; more than one means a gap construction (以…为例).
    var parts: [[Unicode.Scalar]]
}

/// One cue found in a sentence.
public struct CueMatch: Sendable, Hashable {
    public var cue: Cue
    /// Scalar offset of the match in the sentence.
    public var offset: Int
}

/// Why a lexicon could not be loaded.
public struct LexiconError: Error, Sendable, CustomStringConvertible {
    public var line: Int
    public var message: String
    public var description: String { "line \(line): \(message)" }
}

/// A cue lexicon kept as data (`Models/cues/zh.tsv`: cue, label, weight, note) and its matcher.
///
/// At each position the longest cue wins and consumes its characters, so blockers (label `none`) stop shorter
/// cues inside them; `^` anchors a cue at the sentence start (after dashes, quotes, list numbers and spaces);
/// `…` is a gap of up to `maxGap` characters. English lexicons match case-insensitively on word boundaries. Cues and
/// text are matched with their punctuation folded (`PunctuationFolding`: ASCII as full width in Chinese, ’ as ' in
/// English).
public struct CueLexicon: Sendable {
    public let cues: [Cue]
    public let wordBoundaries: Bool
    let maxGap: Int
    /// Single-part cues by first scalar, longest first.
    private let byFirstScalar: [Unicode.Scalar: [Cue]]
    /// One bit per (scalar value mod 65536) that starts a cue: most characters start none, and the bit test is
    /// much cheaper than the dictionary lookup it saves.
    private let startBits: [UInt64]
    private let gapCues: [Cue]

    public init(tsv: String, wordBoundaries: Bool) throws(LexiconError) {
        var cues: [Cue] = []
        for (index, line) in tsv.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.trimmingSpaces
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            let columns = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard columns.count >= 3 else {
                throw LexiconError(line: index + 1, message: "expected cue<TAB>label<TAB>weight[<TAB>note]")
            }
            var text = columns[0]
            let label: ArgumentLabel?
            if columns[1] == "none" {
                label = nil
            } else if let value = ArgumentLabel(rawValue: columns[1]) {
                label = value
            } else {
                throw LexiconError(line: index + 1, message: "unknown label '\(columns[1])'; use one of the five labels or none")
            }
            guard let weight = Double(columns[2]) else {
                throw LexiconError(line: index + 1, message: "weight '\(columns[2])' is not a number")
            }
            let original = text
            let anchored = text.hasPrefix("^")
            if anchored { text.removeFirst() }
            if wordBoundaries { text = text.lowercased() }
            let parts = text.split(separator: "…").map { $0.unicodeScalars.map { PunctuationFolding.fold($0, english: wordBoundaries) } }
            guard !parts.isEmpty, parts.allSatisfy({ !$0.isEmpty }) else {
                throw LexiconError(line: index + 1, message: "empty cue")
            }
            cues.append(Cue(text: original, label: label, weight: weight, anchored: anchored, parts: parts))
        }
        self.cues = cues
        self.wordBoundaries = wordBoundaries
        maxGap = wordBoundaries ? 40 : 20
        var index: [Unicode.Scalar: [Cue]] = [:]
        for cue in cues where cue.parts.count == 1 { index[cue.parts[0][0], default: []].append(cue) }
        byFirstScalar = index.mapValues { $0.sorted { $0.parts[0].count > $1.parts[0].count } }
        var bits = [UInt64](repeating: 0, count: 1024)
        for scalar in index.keys {
            let v = Int(scalar.value & 0xFFFF)
            bits[v >> 6] |= 1 << UInt64(v & 63)
        }
        startBits = bits
        gapCues = cues.filter { $0.parts.count > 1 }
    }

    /// The cues in `text`, in order of position (blockers excluded).
    public func matches(in text: String) -> [CueMatch] {
        // One pass over the text (Array(text.unicodeScalars) would walk it twice, once to count): the scalars, lower
        // case for English, and the filter that tells which gap cues can occur.
        var s: [Unicode.Scalar] = []
        s.reserveCapacity(text.utf8.count)
        var present = ScalarMask()
        for var scalar in text.unicodeScalars {
            if wordBoundaries, scalar.value >= 65 && scalar.value <= 90 { scalar = Unicode.Scalar(UInt8(scalar.value) | 0x20) }
            scalar = PunctuationFolding.fold(scalar, english: wordBoundaries)
            s.append(scalar)
            present.insert(scalar)
        }
        let start = sentenceStart(s)
        var result: [CueMatch] = []
        var i = 0
        while i < s.count {
            var consumed = 1
            let v = Int(s[i].value & 0xFFFF)
            if startBits[v >> 6] & (1 << UInt64(v & 63)) != 0, let candidates = byFirstScalar[s[i]] {
                for cue in candidates where (!cue.anchored || i == start) && matchesLiteral(cue.parts[0], in: s, at: i) {
                    if cue.label != nil { result.append(CueMatch(cue: cue, offset: i)) }
                    consumed = cue.parts[0].count
                    break
                }
            }
            i += consumed
        }
        // A gap cue (以…为例) is looked for only when the first scalar of each of its parts occurs in the text.
        for cue in gapCues where cue.label != nil && cue.parts.allSatisfy({ present.mayContain($0[0]) }) {
            if let offset = matchGap(cue, in: s, start: start) { result.append(CueMatch(cue: cue, offset: offset)) }
        }
        return result.sorted { $0.offset < $1.offset }
    }

    /// Summed cue weight per label.
    public func weights(in text: String) -> [ArgumentLabel: Double] {
        var totals: [ArgumentLabel: Double] = [:]
        for match in matches(in: text) { totals[match.cue.label!, default: 0] += match.cue.weight }
        return totals
    }

    private func matchesLiteral(_ literal: [Unicode.Scalar], in s: [Unicode.Scalar], at i: Int) -> Bool {
        guard i + literal.count <= s.count else { return false }
        for k in literal.indices where s[i + k] != literal[k] { return false }
        if wordBoundaries {
            if i > 0, isWordScalar(s[i - 1]), isWordScalar(literal[0]) { return false }
            let end = i + literal.count
            if end < s.count, isWordScalar(s[end]), isWordScalar(literal[literal.count - 1]) { return false }
        }
        return true
    }

    private func matchGap(_ cue: Cue, in s: [Unicode.Scalar], start: Int) -> Int? {
        var i = cue.anchored ? start : 0
        let last = cue.anchored ? start : s.count - 1
        let first = cue.parts[0][0]
        while i <= last {
            if s[i] == first, matchesLiteral(cue.parts[0], in: s, at: i) {
                var position = i + cue.parts[0].count
                var ok = true
                for part in cue.parts.dropFirst() {
                    var found: Int?
                    var j = position
                    while j <= min(s.count - part.count, position + maxGap) {
                        if matchesLiteral(part, in: s, at: j) {
                            found = j
                            break
                        }
                        j += 1
                    }
                    guard let f = found else {
                        ok = false
                        break
                    }
                    position = f + part.count
                }
                if ok { return i }
            }
            i += 1
        }
        return nil
    }

    private func isWordScalar(_ s: Unicode.Scalar) -> Bool {
        (s.value >= 0x61 && s.value <= 0x7A) || (s.value >= 0x30 && s.value <= 0x39) || (s.value >= 0x41 && s.value <= 0x5A)
    }

    private static let skippableAtStart: Set<Unicode.Scalar> = [
        "—", "-", "“", "\"", "‘", "'", " ", "　", "（", "(", "）", ")", "、", ".", "．", "：", ":",
    ]
    private static let listNumerals: Set<Unicode.Scalar> = [
        "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "0", "1", "2", "3", "4", "5", "6", "7", "8", "9",
    ]
    private static let listMarks: Set<Unicode.Scalar> = ["、", "是", "）", ")", ".", "．"]

    /// Where a sentence really starts: after dashes, quotes, spaces and list numbers (一是 / （一） / 1.).
    private func sentenceStart(_ s: [Unicode.Scalar]) -> Int {
        var i = 0
        while i < s.count {
            if Self.skippableAtStart.contains(s[i]) {
                i += 1
            } else if Self.listNumerals.contains(s[i]), i + 1 < s.count, Self.listMarks.contains(s[i + 1]) {
                i += 2
            } else {
                break
            }
        }
        return i
    }
}

/// A 256-bit filter of the scalars in a text (by their low byte): no false negatives, so a miss rules a cue out.
private struct ScalarMask {
    private var bits: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)

    @inline(__always)
    mutating func insert(_ scalar: Unicode.Scalar) {
        let bit = UInt64(1) << UInt64(scalar.value & 63)
        switch (scalar.value >> 6) & 3 {
        case 0: bits.0 |= bit
        case 1: bits.1 |= bit
        case 2: bits.2 |= bit
        default: bits.3 |= bit
        }
    }

    @inline(__always)
    func mayContain(_ scalar: Unicode.Scalar) -> Bool {
        let bit = UInt64(1) << UInt64(scalar.value & 63)
        switch (scalar.value >> 6) & 3 {
        case 0: return bits.0 & bit != 0
        case 1: return bits.1 & bit != 0
        case 2: return bits.2 & bit != 0
        default: return bits.3 & bit != 0
        }
    }
}

extension Substring {
    var trimmingSpaces: Substring {
        var s = self
        while let f = s.first, f == " " || f == "\t" || f == "\r" { s.removeFirst() }
        while let l = s.last, l == " " || l == "\t" || l == "\r" { s.removeLast() }
        return s
    }
}
