import ArgMarkCore

/// A discourse cue: a word or construction that signals a label, with a weight.
public struct Cue: Sendable, Hashable {
    /// The cue as written in the lexicon (`以…为例`, `^要`).
    public var text: String
    /// nil for a blocker: a longer word that contains a cue but is not one (重要 is not 要), or a construction whose
    /// span silences the cues inside it (whether…should).
    public var label: ArgumentLabel?
    public var weight: Double
    /// Matches only at the sentence start.
    public var anchored: Bool
    /// Counts only in the author's own words: not inside quotation marks or a title in 《》 (written `@？`: a
    /// question someone else asked, quoted, or a book's title that asks one, is no question of the author's).
    public var outsideQuotations = false
    /// Holds for the rest of the sentence's paragraph too (written `¶^问：`): a turn in a transcript — a journalist's
    /// question runs on over several sentences, each of them the journalist's, not the author's argument.
    public var wholeTurn = false
    /// The literal parts; more than one means a gap construction (以…为例).
    var parts: [[Unicode.Scalar]]
    /// For each gap between parts: true when written `……`, a gap of any length up to the sentence's end.
    var unboundedGaps: [Bool] = []
    /// Place in the lexicon: of two cues of one length at one position, the one listed first wins.
    var order = 0
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
/// cues inside them, and a gap blocker stops every cue that starts within its span (`whether…should`, its `…` gap
/// within one clause; `argued that……should`, whose `……` runs on to the sentence's end); `^` anchors a cue at the sentence start (after dashes, quotes, list numbers and spaces);
/// `…` is a gap of up to `maxGap` characters and `……` one of any length (argued that……should); `{a|b|}` writes one
/// cue per choice. English lexicons match case-insensitively on word boundaries. Cues and text are matched with
/// their punctuation folded (`PunctuationFolding`: ASCII as full width in Chinese, ’ as ' in English).
public struct CueLexicon: Sendable {
    public let cues: [Cue]
    public let wordBoundaries: Bool
    let maxGap: Int
    /// Single-part cues that match anywhere, grouped by first scalar and longest first within a group, as flat
    /// tables (their scalars end to end, where each starts and ends, and its index in `cues`): the matcher reads
    /// them in place, where an array of cues would be copied, strings and all, for every candidate tried.
    private let literalScalars: [UInt32]
    private let literalBounds: [Int]
    private let literalCue: [Int]
    /// The runs of those cues, one per first scalar, found through a table by scalar value (1 + the run's index
    /// in `literalRuns`, 0 for none) in the Basic Multilingual Plane, where a dictionary lookup cost a twentieth of
    /// labelling, and through `otherRuns` beyond it.
    private let literalRunSlot: [UInt16]
    private let literalRuns: [Range<Int>]
    private let otherRuns: [UInt32: Range<Int>]
    /// Single-part cues anchored at the sentence start, sorted by their scalars (then by place in the lexicon):
    /// looked up by narrowing a range one scalar at a time, so that thousands of openers written with `{a|b}`
    /// groups cost a few comparisons per sentence.
    private let anchoredLiterals: [Cue]
    /// One bit per (scalar value mod 65536) that starts a cue: most characters start none, and the bit test is
    /// much cheaper than the dictionary lookup it saves.
    private let startBits: [UInt64]
    private let gapCues: [Cue]
    private let gapBlockers: [Cue]
    /// For each gap cue and gap blocker, the filter bits of its parts' first scalars: a cue is looked for only when
    /// the text's filter holds them all. The rules lexicons write a thousand gap cues with `{a|b}` groups, and
    /// reading each one's parts per sentence cost a tenth of labelling.
    private let gapCueNeeds: [ScalarMask]
    private let gapBlockerNeeds: [ScalarMask]

    public init(tsv: String, wordBoundaries: Bool) throws(LexiconError) {
        try self.init(tsv: tsv, wordBoundaries: wordBoundaries, keyHash: Self.keyHash)
    }

    /// What makes two lines one cue is where it may match and what it matches (anchored, parts, gaps). Cues are
    /// found again by a stable hash of those, each hash's cues chained through `nextWithHash`: hashing the scalar
    /// arrays with `Hasher` took a sixth of loading thousands of cues.
    static func keyHash(_ cue: Cue) -> UInt64 {
        var h = (FNV1a.offset ^ (cue.anchored ? 1 : 0)) &* FNV1a.prime
        for part in cue.parts {
            for scalar in part { h = (h ^ UInt64(scalar.value)) &* FNV1a.prime }
            h = (h ^ 0x1_0000_0000) &* FNV1a.prime
        }
        for unbounded in cue.unboundedGaps { h = (h ^ (unbounded ? 0x2_0000_0000 : 0x3_0000_0000)) &* FNV1a.prime }
        return h
    }

    /// - Parameter keyHash: the cue's key hash; tests pass one that collides, so that the chain is walked.
    init(tsv: String, wordBoundaries: Bool, keyHash: (Cue) -> UInt64) throws(LexiconError) {
        var cues: [Cue] = []
        var firstWithHash: [UInt64: Int] = [:]
        var nextWithHash: [Int] = []
        var lineOfCue: [Int] = []
        for (index, line) in tsv.dataFileLines.enumerated() {
            let trimmed = line.trimmingSpaces
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            let columns = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard columns.count >= 3 else {
                throw LexiconError(line: index + 1, message: "expected cue<TAB>label<TAB>weight[<TAB>note]")
            }
            // A file joined to another with cat carries the second one's byte-order mark into its first line.
            let written = columns[0].hasPrefix("\u{FEFF}") ? String(columns[0].dropFirst()) : columns[0]
            // `¶` first: the cue holds for the rest of its paragraph (a transcript's turn).
            let wholeTurn = written.hasPrefix("¶")
            let unmarked = wholeTurn ? String(written.dropFirst()) : written
            try Self.checkWritten(unmarked, line: index + 1)
            // `@` next: the cue counts only outside quotations (the cue keeps its text without it).
            let outsideQuotations = unmarked.hasPrefix("@")
            let text = outsideQuotations ? String(unmarked.dropFirst()) : unmarked
            let label: ArgumentLabel?
            if columns[1] == "none" {
                label = nil
            } else if let value = ArgumentLabel(rawValue: columns[1]) {
                label = value
            } else {
                throw LexiconError(line: index + 1, message: "unknown label '\(columns[1])'; use one of the five labels or none")
            }
            guard let weight = Double(columns[2]), weight.isFinite, weight >= 0 else {
                throw LexiconError(line: index + 1, message: "weight '\(columns[2])' is not a number of 0 or more")
            }
            // Weight 0 would add nothing to its label but still take its place from shorter cues: a blocker in
            // disguise, its reason never shown.
            guard weight > 0 || label == nil else {
                throw LexiconError(line: index + 1, message: "weight 0 for a cue labelled \(columns[1]) would count nothing and only stop shorter cues at its place; write none as its label for a blocker, or give it a weight above 0")
            }
            let grouped = text.contains("{") || text.contains("}")
            let expanded = grouped && !text.contains("…")
                ? try Self.groupedLiterals(text, label: label, weight: weight, wordBoundaries: wordBoundaries, line: index + 1)
                : try (grouped ? Self.gapAlternatives(of: text, line: index + 1) : [text]).map { variant throws(LexiconError) in
                    try Self.cue(variant, label: label, weight: weight, wordBoundaries: wordBoundaries, line: index + 1)
                }
            for var cue in expanded {
                cue.outsideQuotations = outsideQuotations
                cue.wholeTurn = wholeTurn
                // A second line for one cue with another label or weight would never count (the first wins), and a
                // gap cue listed twice would add its weight twice: the same cue again (two groups that overlap, or
                // （例如 and (例如, one once punctuation is folded) is kept once, another is an error.
                let hash = keyHash(cue)
                var candidate = firstWithHash[hash] ?? -1
                while candidate >= 0, cues[candidate].anchored != cue.anchored || cues[candidate].parts != cue.parts
                    || cues[candidate].unboundedGaps != cue.unboundedGaps {
                    candidate = nextWithHash[candidate]
                }
                if candidate >= 0 {
                    let first = candidate
                    guard cues[first].label == cue.label, cues[first].weight == cue.weight, cues[first].outsideQuotations == cue.outsideQuotations,
                          cues[first].wholeTurn == cue.wholeTurn else {
                        throw LexiconError(line: index + 1, message: "the cue \(cue.text) is listed already at line \(lineOfCue[first]), as \(cues[first].label?.rawValue ?? "none") with weight \(cues[first].weight); keep one line for it, with the label and weight it should have")
                    }
                    continue
                }
                nextWithHash.append(firstWithHash[hash] ?? -1)
                firstWithHash[hash] = cues.count
                lineOfCue.append(index + 1)
                cue.order = cues.count
                cues.append(cue)
            }
        }
        self.cues = cues
        self.wordBoundaries = wordBoundaries
        maxGap = wordBoundaries ? 40 : 20
        // Longest first; among cues of one length, the one listed first.
        let unanchored = Dictionary(grouping: cues.indices.filter { cues[$0].parts.count == 1 && !cues[$0].anchored }) {
            cues[$0].parts[0][0].value
        }
        var scalars: [UInt32] = []
        var bounds = [0]
        var cueIndex: [Int] = []
        var runs: [UInt32: Range<Int>] = [:]
        for first in unanchored.keys.sorted() {
            let run = unanchored[first]!.sorted { (cues[$0].parts[0].count, -$0) > (cues[$1].parts[0].count, -$1) }
            runs[first] = cueIndex.count..<(cueIndex.count + run.count)
            for c in run {
                scalars.append(contentsOf: cues[c].parts[0].lazy.map(\.value))
                bounds.append(scalars.count)
                cueIndex.append(c)
            }
        }
        literalScalars = scalars
        literalBounds = bounds
        literalCue = cueIndex
        var slots = [UInt16](repeating: 0, count: 0x10000)
        var slotted: [Range<Int>] = []
        var others: [UInt32: Range<Int>] = [:]
        for first in runs.keys.sorted() {
            if first < 0x10000 && slotted.count < Int(UInt16.max) {
                slotted.append(runs[first]!)
                slots[Int(first)] = UInt16(slotted.count)
            } else {
                others[first] = runs[first]!
            }
        }
        literalRunSlot = slots
        literalRuns = slotted
        otherRuns = others
        // Sorted through one flat array of scalar values: comparing the cues' own arrays retains and releases them
        // at every step, which made loading thousands of openers slow.
        let anchored = cues.filter { $0.parts.count == 1 && $0.anchored }
        var flat: [UInt32] = []
        var starts: [Int] = []
        for cue in anchored {
            starts.append(flat.count)
            flat.append(contentsOf: cue.parts[0].lazy.map(\.value))
        }
        starts.append(flat.count)
        let sortedIndices = flat.withUnsafeBufferPointer { values in starts.withUnsafeBufferPointer { starts in
            anchored.indices.sorted { a, b in
                let x = starts[a], xEnd = starts[a + 1], y = starts[b], yEnd = starts[b + 1]
                var k = 0
                while x + k < xEnd && y + k < yEnd {
                    if values[x + k] != values[y + k] { return values[x + k] < values[y + k] }
                    k += 1
                }
                return xEnd - x != yEnd - y ? xEnd - x < yEnd - y : a < b
            }
        } }
        anchoredLiterals = sortedIndices.map { anchored[$0] }
        var bits = [UInt64](repeating: 0, count: 1024)
        for scalar in runs.keys {
            let v = Int(scalar & 0xFFFF)
            bits[v >> 6] |= 1 << UInt64(v & 63)
        }
        startBits = bits
        gapCues = cues.filter { $0.parts.count > 1 && $0.label != nil }
        gapBlockers = cues.filter { $0.parts.count > 1 && $0.label == nil }
        gapCueNeeds = gapCues.map(ScalarMask.init(firstScalarsOf:))
        gapBlockerNeeds = gapBlockers.map(ScalarMask.init(firstScalarsOf:))
    }

    /// Mistakes a cue's column can hide, which would leave the cue silently dead: spaces around it (matched as
    /// spaces), `^@` for `@^`, and three full stops for the gap `…`.
    static func checkWritten(_ written: String, line: Int) throws(LexiconError) {
        let spaces: Set<Character> = [" ", "\u{3000}", "\u{00A0}"]
        if let first = written.first, let last = written.last, spaces.contains(first) || spaces.contains(last) {
            throw LexiconError(line: line, message: "the cue '\(written)' has a space at its start or end, which would be matched as one; remove it")
        }
        if written.hasPrefix("^@") {
            throw LexiconError(line: line, message: "write @ before ^ (@^\(written.dropFirst(2))): after the ^ the @ is matched as a character")
        }
        if written.contains("...") {
            throw LexiconError(line: line, message: "the cue '\(written)' has three full stops; a gap is written … (one character, U+2026)")
        }
        // The marks go first, once each, in the order ¶ @ ^: a mark doubled or out of that order right after them
        // (^¶…, @¶^…, ^^…) is a slip that would be matched as a character, and the cue would never fire. (A mark
        // further in, x^2 or 转发@, is the character itself.)
        var rest = Substring(written)
        if rest.hasPrefix("@") { rest = rest.dropFirst() }
        if rest.hasPrefix("^") { rest = rest.dropFirst() }
        if let mark = rest.first, "¶@^".contains(mark) {
            throw LexiconError(line: line, message: "the cue '\(written)' has \(mark) out of its place, where it is matched as a character; the marks go first, once each, in the order ¶ @ ^ (¶@^问：)")
        }
    }

    /// The cues a gap line with `{a|b|}` groups writes, as text, one per choice from each group. Each gap cue is
    /// searched for on its own in every sentence, so a line may write at most 1,000 of them.
    private static func gapAlternatives(of written: String, line: Int) throws(LexiconError) -> [String] {
        let (anchored, segments) = try groups(of: written, line: line)
        try checkCount(segments, limit: 1_000, line: line, what: "1,000 gap cues")
        return segments.reduce([anchored ? "^" : ""]) { heads, segment in heads.flatMap { head in segment.map { head + $0 } } }
    }

    /// Throws when `segments` would write more than `limit` cues (`what` names them), counted without overflowing.
    private static func checkCount(_ segments: [[Substring]], limit: Int, line: Int, what: String) throws(LexiconError) {
        var total = 1
        for segment in segments {
            total *= segment.count
            guard total <= limit else { throw LexiconError(line: line, message: "more than \(what) from one line") }
        }
    }

    /// A line split into its `^` and its segments: the choices of each `{a|b|}` group, or one fixed stretch of text.
    private static func groups(of written: String, line: Int) throws(LexiconError) -> (anchored: Bool, segments: [[Substring]]) {
        let anchored = written.hasPrefix("^")
        if written.dropFirst(anchored ? 1 : 0).contains("^") {
            throw LexiconError(line: line, message: "^ anchors only at the start of the cue, before any group")
        }
        var rest = Substring(anchored ? String(written.dropFirst()) : written)
        // Each segment: the choices of one group, or one fixed stretch of text.
        var segments: [[Substring]] = []
        while !rest.isEmpty {
            if rest.first == "{" {
                guard let close = rest.firstIndex(of: "}") else { throw LexiconError(line: line, message: "'{' without '}'") }
                let inner = rest[rest.index(after: rest.startIndex)..<close]
                if inner.contains("{") { throw LexiconError(line: line, message: "groups cannot nest") }
                segments.append(inner.split(separator: "|", omittingEmptySubsequences: false))
                rest = rest[rest.index(after: close)...]
            } else {
                let end = rest.firstIndex(of: "{") ?? rest.endIndex
                if rest[..<end].contains("}") { throw LexiconError(line: line, message: "'}' without '{'") }
                segments.append([rest[..<end]])
                rest = rest[end...]
            }
        }
        return (anchored, segments)
    }

    /// The literal cues a line with `{a|b|}` groups and no gap writes, one per choice from each group (an empty
    /// choice drops the group), built straight into folded scalars so that thousands load in a few milliseconds.
    /// Groups do not nest.
    private static func groupedLiterals(
        _ written: String, label: ArgumentLabel?, weight: Double, wordBoundaries: Bool, line: Int
    ) throws(LexiconError) -> [Cue] {
        let (anchored, segments) = try groups(of: written, line: line)
        let folded = segments.map { choices in
            choices.map { choice in
                (wordBoundaries ? choice.lowercased() : String(choice)).unicodeScalars.map {
                    PunctuationFolding.fold($0, english: wordBoundaries)
                }
            }
        }
        try checkCount(segments, limit: 50_000, line: line, what: "50,000 cues")
        let total = segments.reduce(1) { $0 * $1.count }
        var result: [Cue] = []
        result.reserveCapacity(total)
        var choice = [Int](repeating: 0, count: segments.count)
        // Each choice's text as a String once, so that a cue's text is joined from strings (not re-made from
        // substrings thousands of times), with its length known beforehand.
        let written = segments.map { $0.map(String.init) }
        for _ in 0..<total {
            var scalarCount = 0
            var byteCount = anchored ? 1 : 0
            for (k, c) in choice.enumerated() {
                scalarCount += folded[k][c].count
                byteCount += written[k][c].utf8.count
            }
            var scalars: [Unicode.Scalar] = []
            scalars.reserveCapacity(scalarCount)
            var text = anchored ? "^" : ""
            text.reserveCapacity(byteCount)
            for (k, c) in choice.enumerated() {
                scalars += folded[k][c]
                text += written[k][c]
            }
            guard !scalars.isEmpty else { throw LexiconError(line: line, message: "empty cue") }
            result.append(Cue(text: text, label: label, weight: weight, anchored: anchored, parts: [scalars]))
            var k = segments.count - 1
            while k >= 0 {
                choice[k] += 1
                if choice[k] < segments[k].count { break }
                choice[k] = 0
                k -= 1
            }
        }
        return result
    }

    /// One cue as written: `^` anchors it, `…` is a gap of up to `maxGap` characters and `……` one of any length.
    private static func cue(
        _ written: String, label: ArgumentLabel?, weight: Double, wordBoundaries: Bool, line: Int
    ) throws(LexiconError) -> Cue {
        var text = written
        let anchored = text.hasPrefix("^")
        if anchored { text.removeFirst() }
        if wordBoundaries { text = text.lowercased() }
        var parts: [[Unicode.Scalar]] = []
        var unboundedGaps: [Bool] = []
        var emptyPieces = 0
        // Split at the gap mark, where it is a character of its own (a mark joined to it, …́, makes it text): at its
        // scalar when every scalar is a character (counting them is one walk; splitting by characters made a
        // substring of each).
        let pieces: [[Unicode.Scalar]] = text.unicodeScalars.count == text.count
            ? text.unicodeScalars.split(separator: "…", omittingEmptySubsequences: false).map(Array.init)
            : text.split(separator: "…", omittingEmptySubsequences: false).map { Array($0.unicodeScalars) }
        for piece in pieces {
            if piece.isEmpty {
                emptyPieces += 1
                continue
            }
            if !parts.isEmpty {
                guard emptyPieces <= 1 else { throw LexiconError(line: line, message: "a gap is … or ……, not more") }
                unboundedGaps.append(emptyPieces == 1)
            } else if emptyPieces > 0 {
                throw LexiconError(line: line, message: "a cue cannot start with a gap")
            }
            emptyPieces = 0
            parts.append(piece.map { PunctuationFolding.fold($0, english: wordBoundaries) })
        }
        guard !parts.isEmpty else { throw LexiconError(line: line, message: "empty cue") }
        guard emptyPieces == 0 else { throw LexiconError(line: line, message: "a cue cannot end with a gap") }
        return Cue(text: written, label: label, weight: weight, anchored: anchored, parts: parts, unboundedGaps: unboundedGaps)
    }

    /// The cues in `text`, in order of position (blockers excluded).
    public func matches(in text: String) -> [CueMatch] {
        // One pass over the text (Array(text.unicodeScalars) would walk it twice, once to count): the scalars, lower
        // case for English, and the filter that tells which gap cues can occur.
        var s: [Unicode.Scalar] = []
        s.reserveCapacity(text.utf8.count)
        var present = ScalarMask()
        for var scalar in text.unicodeScalars {
            // Folded first, so that a full-width capital (Ｔｈｅ) is lower-cased as an ASCII one is.
            scalar = PunctuationFolding.fold(scalar, english: wordBoundaries)
            if wordBoundaries {
                if scalar.value >= 65 && scalar.value <= 90 {
                    scalar = Unicode.Scalar(UInt8(scalar.value) | 0x20)
                } else if scalar.value > 0x7F, scalar.properties.isUppercase {
                    // Émile as the lexicon writes it (lower case); one scalar for one, so that offsets stay.
                    let lower = scalar.properties.lowercaseMapping.unicodeScalars
                    if lower.count == 1, let first = lower.first { scalar = first }
                }
            }
            s.append(scalar)
            present.insert(scalar)
        }
        // Chinese is written without spaces: one between two Chinese characters (a PDF's 例 如 ，) or beside a Latin
        // word says nothing, and would split 重要 into a bare 要.
        if !wordBoundaries, s.contains(" ") {
            var values = s.map(\.value)
            PunctuationFolding.dropSpacesInChinese(&values)
            s = values.map { Unicode.Scalar($0)! }
        }
        let start = SentenceHead.start(of: s.lazy.map(\.value))
        var result: [CueMatch] = []
        var literalSpans: [(Range<Int>, ArgumentLabel?)] = []
        var i = 0
        while i < s.count {
            var consumed = 1
            // The index in `cues` of the cue found here.
            var found: Int?
            let v = Int(s[i].value & 0xFFFF)
            if startBits[v >> 6] & (1 << UInt64(v & 63)) != 0, let candidates = literalRun(startingWith: s[i].value) {
                for j in candidates where matchesLiteral(j, in: s, at: i) {
                    found = literalCue[j]
                    break
                }
            }
            if i == start, let anchored = longestAnchored(in: s, at: i),
               (anchored.parts[0].count, -anchored.order) > (found.map { cues[$0].parts[0].count } ?? 0, -(found ?? 0)) {
                found = anchored.order
            }
            if let c = found {
                if cues[c].label != nil { result.append(CueMatch(cue: cues[c], offset: i)) }
                consumed = cues[c].parts[0].count
                literalSpans.append((i..<(i + consumed), cues[c].label))
            }
            i += consumed
        }
        // A gap cue (以…为例) is looked for only when the first scalar of each of its parts occurs in the text. It does
        // not start inside a word a literal cue or blocker took (the 据 of 数据, the 有效 of 非常有效), where a blocker
        // starts, or where a literal cue of its own label starts (据统计 counts once, not again as 据…统计).
        if let firstCandidate = gapCues.indices.first(where: { present.holds(gapCueNeeds[$0]) }) {
            enum Place { case free, cueStart(ArgumentLabel), blocked }
            var places = [Place](repeating: .free, count: literalSpans.isEmpty ? 0 : s.count)
            for (span, label) in literalSpans {
                places[span.lowerBound] = label.map(Place.cueStart) ?? .blocked
                for k in span.dropFirst() { places[k] = .blocked }
            }
            func mayStart(_ cue: Cue, at i: Int) -> Bool {
                guard !places.isEmpty else { return true }
                switch places[i] {
                case .free: return true
                case .cueStart(let label): return label != cue.label
                case .blocked: return false
                }
            }
            for n in firstCandidate..<gapCues.count where present.holds(gapCueNeeds[n]) {
                let cue = gapCues[n]
                var from = 0
                while let span = matchGap(cue, in: s, start: start, from: from) {
                    if mayStart(cue, at: span.lowerBound) {
                        result.append(CueMatch(cue: cue, offset: span.lowerBound))
                        break
                    }
                    from = span.lowerBound + 1
                }
            }
        }
        // A gap blocker (whether…should) silences every cue that starts inside the stretch it spans, as a literal
        // blocker silences the cues inside its characters.
        if !result.isEmpty, !gapBlockers.isEmpty {
            var blocked: [Range<Int>] = []
            for n in gapBlockers.indices where present.holds(gapBlockerNeeds[n]) {
                let cue = gapBlockers[n]
                var from = 0
                while let span = matchGap(cue, in: s, start: start, from: from) {
                    // After a view reported (argued that……should) the rest of the sentence is the view: every
                    // should in it is someone else's.
                    let reach = cue.unboundedGaps.last == true ? span.lowerBound..<s.count : span
                    blocked.append(reach)
                    from = reach.upperBound
                }
            }
            if !blocked.isEmpty {
                result.removeAll { match in blocked.contains { $0.contains(match.offset) } }
            }
        }
        // A web address's ? or letters are no cue (https://…/easyquery.htm?cn=C01 asks nothing).
        if !result.isEmpty, present.mayContain("/") || present.mayContain("w") || present.mayContain("W"),
           let address = PunctuationFolding.webAddressMask(s.map(\.value)) {
            result.removeAll { address[$0.offset] }
        }
        if result.contains(where: \.cue.outsideQuotations) {
            let quoted = Self.quotedPositions(s, english: wordBoundaries)
            result.removeAll { $0.cue.outsideQuotations && quoted[$0.offset] }
        }
        return result.sorted { $0.offset < $1.offset }
    }

    /// For each position, whether it lies inside quotation marks or a title (《》〈〉, and 「」『』 ‘’ in Chinese; a
    /// straight " opens and closes in turn). A quotation still open at the sentence's end (the segmenter split it)
    /// holds the rest, and one closed at the sentence's end before any opened (a quotation opened in an earlier
    /// sentence, as a table segmented elsewhere splits a long quotation) holds what comes before its close. English
    /// ‘ ’ are left out: ’ is mostly an apostrophe.
    static func quotedPositions(_ s: [Unicode.Scalar], english: Bool) -> [Bool] {
        var quoted = [Bool](repeating: false, count: s.count)
        var depth = 0
        var straightOpen = false
        for (i, scalar) in s.enumerated() {
            switch scalar {
            case "“", "《", "〈", "「", "『": depth += 1
            case "”", "」", "』":
                // A quotation's end only as the sentence's last mark but its final punctuation (……承担后果”。), as its
                // one such mark (”放管服”。 is a term quoted with two) and not after a digit (3.5” is an inch mark).
                if depth == 0 && !quoted[..<i].contains(true) && s[(i + 1)...].allSatisfy(Self.closesASentence)
                    && s.lazy.filter({ $0 == scalar }).count == 1 && !(i > 0 && ("0"..."9").contains(s[i - 1])) {
                    for k in 0..<i { quoted[k] = true }
                }
                depth = max(0, depth - 1)
            case "》", "〉": depth = max(0, depth - 1)
            case "‘" where !english: depth += 1
            case "’" where !english: depth = max(0, depth - 1)
            case "\"":
                straightOpen.toggle()
            default: break
            }
            quoted[i] = depth > 0 || straightOpen
        }
        return quoted
    }

    /// What may follow a quotation's closing mark at a sentence's end.
    private static func closesASentence(_ scalar: Unicode.Scalar) -> Bool {
        "。！？.!?…；;”’」』）)] ".unicodeScalars.contains(scalar) || scalar.properties.isWhitespace
    }

    /// Summed cue weight per label.
    public func weights(in text: String) -> [ArgumentLabel: Double] {
        var totals: [ArgumentLabel: Double] = [:]
        for match in matches(in: text) { totals[match.cue.label!, default: 0] += match.cue.weight }
        return totals
    }

    /// The run of literal cues that start with `scalar`, if any.
    @inline(__always)
    private func literalRun(startingWith scalar: UInt32) -> Range<Int>? {
        if scalar < 0x10000 {
            let slot = Int(literalRunSlot[Int(scalar)])
            if slot != 0 { return literalRuns[slot - 1] }
        }
        return otherRuns.isEmpty ? nil : otherRuns[scalar]
    }

    /// The longest anchored literal that matches at `i` (of equal ones, the one listed first).
    private func longestAnchored(in s: [Unicode.Scalar], at i: Int) -> Cue? {
        var low = 0, high = anchoredLiterals.count
        var best: Cue?
        var k = 0
        while low < high {
            // The range holds the cues that begin with s[i..<i+k]; those of length k come first.
            if anchoredLiterals[low].parts[0].count == k {
                if matchesLiteral(anchoredLiterals[low].parts[0], in: s, at: i) { best = anchoredLiterals[low] }
                while low < high && anchoredLiterals[low].parts[0].count == k { low += 1 }
                continue
            }
            guard i + k < s.count else { break }
            let next = s[i + k].value
            // The cues left all run past k and are sorted by their k-th scalar.
            var a = low, b = high
            while a < b {
                let m = (a + b) / 2
                if anchoredLiterals[m].parts[0][k].value < next { a = m + 1 } else { b = m }
            }
            low = a
            b = high
            while a < b {
                let m = (a + b) / 2
                if anchoredLiterals[m].parts[0][k].value <= next { a = m + 1 } else { b = m }
            }
            high = a
            k += 1
        }
        return best
    }

    /// Whether the `j`th of the flat literal cues matches at `i`.
    private func matchesLiteral(_ j: Int, in s: [Unicode.Scalar], at i: Int) -> Bool {
        let from = literalBounds[j], count = literalBounds[j + 1] - from
        guard i + count <= s.count else { return false }
        for k in 0..<count where s[i + k].value != literalScalars[from + k] { return false }
        if wordBoundaries {
            if i > 0, isWordScalar(s[i - 1]), isWordScalar(literalScalars[from]) { return false }
            let end = i + count
            if end < s.count, isWordScalar(s[end]), isWordScalar(literalScalars[from + count - 1]) { return false }
        }
        return true
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

    /// Where `cue`'s first match at or after `from` begins and its last part ends.
    private func matchGap(_ cue: Cue, in s: [Unicode.Scalar], start: Int, from: Int) -> Range<Int>? {
        var i = cue.anchored ? start : from
        let last = cue.anchored ? (from <= start ? start : -1) : s.count - 1
        let first = cue.parts[0][0]
        while i <= last {
            if cue.parts.count > 2 {
                // Three parts or more: the second may occur twice within its gap, and only the later one leave the
                // third within reach, so each placement is tried.
                if s[i] == first, matchesLiteral(cue.parts[0], in: s, at: i),
                   let end = matchParts(cue, from: 1, in: s, at: i + cue.parts[0].count) {
                    return i..<end
                }
                i += 1
                continue
            }
            if s[i] == first, matchesLiteral(cue.parts[0], in: s, at: i) {
                var position = i + cue.parts[0].count
                var ok = true
                for (gap, part) in cue.parts.dropFirst().enumerated() {
                    let unbounded = cue.unboundedGaps[gap]
                    var found: Int?
                    var j = position
                    while j <= (unbounded ? s.count - part.count : min(s.count - part.count, position + maxGap)) {
                        if matchesLiteral(part, in: s, at: j) {
                            found = j
                            break
                        }
                        if cue.label == nil, !unbounded, Self.clauseBreaks.contains(s[j]) { break }
                        j += 1
                    }
                    guard let f = found else {
                        // Not found from here to the end: no later start can find it either.
                        if unbounded { return nil }
                        ok = false
                        break
                    }
                    position = f + part.count
                }
                if ok { return i..<position }
            }
            i += 1
        }
        return nil
    }

    /// Where the parts of `cue` from `part` on end, placed after `position` within their gaps, trying each place a
    /// part occurs (depth first); nil when no placement fits.
    private func matchParts(_ cue: Cue, from part: Int, in s: [Unicode.Scalar], at position: Int) -> Int? {
        guard part < cue.parts.count else { return position }
        let literal = cue.parts[part]
        let unbounded = cue.unboundedGaps[part - 1]
        var j = position
        while j <= (unbounded ? s.count - literal.count : min(s.count - literal.count, position + maxGap)) {
            if matchesLiteral(literal, in: s, at: j), let end = matchParts(cue, from: part + 1, in: s, at: j + literal.count) {
                return end
            }
            if cue.label == nil, !unbounded, Self.clauseBreaks.contains(s[j]) { return nil }
            j += 1
        }
        return nil
    }

    private func isWordScalar(_ s: Unicode.Scalar) -> Bool { isWordScalar(s.value) }

    /// A letter or digit of a Latin-script word: ASCII, and the accented letters of Latin-1 and Latin Extended A and
    /// B with the combining accents (début is one word, so its but is no cue).
    private func isWordScalar(_ v: UInt32) -> Bool {
        (v >= 0x61 && v <= 0x7A) || (v >= 0x30 && v <= 0x39) || (v >= 0x41 && v <= 0x5A)
            || (v >= 0xC0 && v <= 0x24F && v != 0xD7 && v != 0xF7) || (v >= 0x300 && v <= 0x36F)
    }

    /// A gap blocker's gap stays inside one clause: in "If we want to know how it works, we should …" the how of
    /// the condition does not make the main clause's should an embedded question.
    private static let clauseBreaks: Set<Unicode.Scalar> = [",", ";", ":", "，", "；", "：", "。"]
}

/// A 256-bit filter of the scalars in a text (by their low byte): no false negatives, so a miss rules a cue out.
private struct ScalarMask: Sendable {
    /// Indexed by bits 6–7 of the scalar, without a branch: a switch over them mispredicted on every character.
    private var bits = SIMD4<UInt64>(repeating: 0)

    init() {}

    /// The filter of the first scalars of a cue's parts.
    init(firstScalarsOf cue: Cue) {
        for part in cue.parts { insert(part[0]) }
    }

    /// Whether every scalar `other` holds may be in this filter's text.
    @inline(__always)
    func holds(_ other: ScalarMask) -> Bool {
        bits & other.bits == other.bits
    }

    @inline(__always)
    mutating func insert(_ scalar: Unicode.Scalar) {
        bits[Int((scalar.value >> 6) & 3)] |= UInt64(1) << UInt64(scalar.value & 63)
    }

    @inline(__always)
    func mayContain(_ scalar: Unicode.Scalar) -> Bool {
        bits[Int((scalar.value >> 6) & 3)] & (UInt64(1) << UInt64(scalar.value & 63)) != 0
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
