import ArgMarkCore
import ArgMarkPipeline

/// Links labelled sentences into an argument tree: one thesis, and for every claim, evidence, example and
/// prescription exactly one parent with a support or attack relation. Background sentences get none.
///
/// Thesis: the claim or prescription with the strongest thesis cues (本文认为, 笔者认为, we argue, 做好…工作，要…,
/// 唯有…才, 综上, or a therefore/因此 conclusion in the last paragraph), preferring the introduction and the conclusion
/// and sentences that share words with the title and
/// abstract. Attachment follows the guideline and the shapes measured on the project gold:
/// - the first claim of a paragraph attaches to its section's topic claim (the section's first claim), and a
///   section's topic claim to the thesis; later claims of a paragraph to the nearest claim before them;
/// - evidence attaches to the nearest claim before it in the paragraph, or to the claim that concludes the
///   paragraph with 因此 / 可见 / 这表明 / therefore when the evidence comes first; failing both, to the nearest claim
///   before it in the section, then the section topic, then the thesis;
/// - an example that continues an example attaches to it; otherwise as evidence;
/// - a prescription attaches to the first prescription of its paragraph; a paragraph's first prescription to the
///   section's first prescription or claim, else the thesis.
/// A sentence that opens with 然而 / 但是 / 不过 / 诚然 / however / but / yet attacks its parent. Links a person set
/// are kept; whatever the labels, the result is a tree (no cycles, every chain ends at the thesis).
/// Linear in the number of sentences.
public struct TreeLinker: Linker {
    public init() {}

    public let descriptor = PluginDescriptor(
        id: "link.tree.v1", kind: .linker,
        summary: "thesis by cues, position and overlap with title/abstract; parents by paragraph and section structure and discourse markers",
        languages: [.zh, .en, .mixed], requires: [.sentences, .labels], assigns: [.tree])

    /// 但， with either comma: journal exports set Chinese text with ASCII punctuation.
    static let attackOpeners = ["然而", "但是", "但，", "但,", "不过", "诚然", "可是", "however", "but ", "yet ", "nevertheless", "on the other hand", "still,"]
    /// A concession grants the other side a point before the author answers it (Admittedly, …; Critics argue …;
    /// 诚然 …): it attacks the claim it is conceded against, and the answer that follows (But …, 然而 …) attacks the
    /// concession. Kept apart from `attackOpeners`, which the attachment model's features read. "While …" is left out:
    /// a concession in the microtexts (8 of 12), a supporting claim in the policy papers (15 of 16).
    static let concessionOpeners = [
        "admittedly", "granted,", "of course,", "it is true that", "to be sure", "some argue", "some people argue",
        "some may argue", "some might argue", "some say", "some people say", "some may say", "some people think",
        "critics argue", "critics say", "opponents argue", "opponents say", "one could argue", "one might argue",
        "one may object", "it could be argued", "it may be argued", "it might be argued", "some would", "some might",
        "some may", "some believe", "there are those", "it may be", "it might be", "one could", "one might",
        "though ", "though,", "on one hand", "true, ", "critics will", "critics would", "critics may", "critics might",
        "critics could", "critics object", "诚然", "固然", "当然，", "有人认为",
        "有人会说",
        // A view the author goes on to answer, named as someone else's: in the gold, 也有…/有观点…/有人…/有一种… views
        // attack in 72 of 74 sentences, a rebuttal's 谬误 (the position rebutted) in 101 of 101.
        "也有观点", "也有学者认为", "也有学者主张", "也有人", "也有声音", "也有意见", "有观点", "有人担心", "有人质疑", "有人主张",
        "有人提出", "有人指出", "有人说", "有一种观点", "有一种看法", "有一种意见", "有一种说法", "有一种声音", "一种观点",
        "一种看法", "一种常见的看法", "一种常见的观点", "一种常见的说法", "一种意见", "一种说法", "反对者", "批评者", "质疑者",
        "有学者认为", "有学者主张", "谬误", "不少人担心", "一些人担心", "有些人担心",
    ] + [
        // English ones end at a word's end: "This objectionable practice" is no objection.
        "defenders of", "supporters of", "critics contend", "critics claim", "critics charge", "critics point",
        "critics have", "critics of", "opponents claim", "opponents contend", "opponents maintain", "opponents insist",
        "detractors", "it has been argued", "a familiar objection", "a common objection", "an obvious objection",
        "one objection", "another objection", "others worry", "others argue", "others contend", "others claim",
        "some claim", "some contend", "some maintain", "some insist", "some object", "some have argued", "some have claimed",
        "some have contended", "others have argued", "others have claimed",
        "others object", "skeptics contend", "skeptics claim", "skeptics say", "skeptics worry", "sceptics contend",
        "sceptics claim", "sceptics say", "sceptics worry",
    ].map { $0 + " " }
    /// An answer to a view, marking its attack on it (not among the attachment model's features, like the
    /// concessions): 但… beyond 但是 / 但， (104 of 142 gold sentences attack; 但愿 and 但凡 are no answer), a
    /// rebuttal's 事实真相 (101 of 101), 这种说法 / 这种观点 … (29 of 31), 也要看到 (4 of 4), and objections named as such.
    static let rebuttalOpeners = [
        "但", "事实真相", "事实恰恰", "这种说法", "这种观点", "这种看法", "这种论调", "这种指责", "这种论点", "也要看到", "同时也要看到",
    ] + ["this objection", "that objection", "this criticism", "that criticism"].flatMap { [$0 + " ", $0 + ","] }
    /// 但 that is no "but": 但愿 (may it be), 但凡 (whenever), 但丁 (Dante), 但书 (a proviso), 但求 (only asking).
    static let notRebuttalOpeners = ["但愿", "但凡", "但丁", "但书", "但求"]
    static let conclusionOpeners = ["因此", "所以", "可见", "由此可见", "这表明", "这说明", "由此", "综上", "总之", "therefore", "thus", "hence", "consequently", "this shows", "this suggests"]
    /// Thesis cues and their weights; `…` is a gap of up to six characters (做好今年政府工作，要).
    static let thesisCues: [(String, Double)] = [
        ("本文认为", 4), ("笔者认为", 4), ("本文主张", 4), ("笔者主张", 4), ("本报告认为", 4), ("本研究认为", 4), ("我们认为", 2.5),
        ("本文提出", 2), ("做好…工作，要", 4), ("做好", 0.5),
        ("唯有", 1.5), ("只有", 0.8), ("综上", 1), ("总之", 0.8), ("we argue", 4), ("i argue", 4), ("this paper argues", 4),
        ("this article argues", 4), ("this essay argues", 4), ("this report argues", 4), ("we contend", 3), ("i contend", 3),
        ("our argument", 2.5), ("we conclude", 2), ("in sum", 1),
    ]

    public func link(_ document: consuming Document) -> Document {
        guard Self.hasThesisCandidate(document), let (thesis, nodes, parent) = plan(document) else {
            clearMachineLinks(&document, keep: [])
            return document
        }
        write(&document, thesis: thesis, nodes: nodes, parent: parent, linkerID: descriptor.id)
        return document
    }

    /// Writes machine links (human ones are kept), clears stale ones, and repairs the result into a tree.
    func write(
        _ document: inout Document, thesis: Int, nodes: [Int], parent: [Int: (Int, Double, ArgumentRelation)], linkerID: String
    ) {
        for i in nodes {
            var a = document.units[i].annotation
            // A person's link stays, and so does a person's thesis; a second sentence a person marked as the thesis
            // (two annotators' files merged) is linked under the first, since a tree has one root.
            if a.isHumanLink && (a.parent != nil || i == thesis) { continue }
            if i == thesis {
                a.parent = nil
                a.relation = nil
                a.linkConfidence = nil
            } else if let (p, confidence, relation) = parent[i] {
                a.parent = document.units[p].id
                a.relation = relation
                a.linkConfidence = FixedDecimal.asStored(confidence)
            }
            a.linkedBy = .plugin(linkerID)
            document.units[i].annotation = a
        }
        clearMachineLinks(&document, keep: Set(nodes))
        repairTree(&document, thesis: thesis, nodes: nodes, linkerID: linkerID)
    }

    /// Whether a tree can have a thesis: a sentence labelled claim or prescription, or one a person placed at the
    /// root. Evidence alone (two figures, a list of cases) argues for nothing, and is given no tree.
    static func hasThesisCandidate(_ document: Document) -> Bool {
        document.units.contains { unit in
            unit.kind == .sentence && (unit.annotation.label == .claim || unit.annotation.label == .prescription
                || (unit.annotation.label?.isArgumentative == true && unit.annotation.isHumanLink && unit.annotation.parent == nil))
        }
    }

    /// The thesis, the argumentative sentences and each one's parent, confidence and relation; nil when there is
    /// nothing to link. Reads the document only, so writing the links afterwards copies nothing.
    /// `thesis` overrides the rule choice (a learned one); a thesis a person chose still wins.
    func plan(_ document: Document, thesis chosen: Int? = nil) -> (thesis: Int, nodes: [Int], parent: [Int: (Int, Double, ArgumentRelation)])? {
        let units = document.units
        let nodes = units.indices.filter { units[$0].kind == .sentence && isArgumentative(units[$0]) }
        guard !nodes.isEmpty else { return nil }
        let human = nodes.first { units[$0].annotation.isHumanLink && units[$0].annotation.parent == nil }
        // A sentence a person hung under another cannot be the root.
        let free = chosen.flatMap { nodes.contains($0) && !(units[$0].annotation.isHumanLink && units[$0].annotation.parent != nil) ? $0 : nil }
        let thesis = human ?? free ?? chooseThesis(document, nodes)
        // Section order and, per section, its topic claim and first prescription.
        var sectionTopic: [String: Int] = [:]
        var sectionFirstPrescription: [String: Int] = [:]
        for i in nodes where i != thesis {
            let s = units[i].section
            if units[i].annotation.label == .claim, sectionTopic[s] == nil { sectionTopic[s] = i }
            if units[i].annotation.label == .prescription, sectionFirstPrescription[s] == nil { sectionFirstPrescription[s] = i }
        }
        var parent: [Int: (Int, Double)] = [:]
        // The latest claim (or the thesis) seen in each section so far: paragraphs are visited in order.
        var lastClaimInSection: [String: Int] = [:]
        for paragraph in document.paragraphs {
            let inParagraph = paragraph.units.filter { units[$0].kind == .sentence && isArgumentative(units[$0]) }
            var lastClaim: Int?
            var firstClaim: Int?
            var firstPrescription: Int?
            var previous: Int?
            for (k, i) in inParagraph.enumerated() {
                defer {
                    if units[i].annotation.label == .claim || i == thesis {
                        lastClaim = i
                        lastClaimInSection[units[i].section] = i
                        if firstClaim == nil { firstClaim = i }
                    }
                    if units[i].annotation.label == .prescription, firstPrescription == nil { firstPrescription = i }
                    previous = i
                }
                guard i != thesis else { continue }
                let section = units[i].section
                let sectionFallback: (Int, Double) = {
                    if let t = sectionTopic[section], t != i, t < i { return (t, 0.5) }
                    return (thesis, 0.45)
                }()
                switch units[i].annotation.label! {
                case .claim:
                    if let c = lastClaim {
                        parent[i] = (c, 0.6)
                    } else if sectionTopic[section] == i {
                        parent[i] = (thesis, 0.55)
                    } else {
                        parent[i] = sectionFallback
                    }
                case .evidence, .example:
                    if units[i].annotation.label == .example, let p = previous, units[p].annotation.label == .example {
                        parent[i] = (p, 0.6)
                    } else if let c = lastClaim {
                        parent[i] = (c, 0.65)
                    } else if let c = inParagraph[(k + 1)...].first(where: { units[$0].annotation.label == .claim && opens(units[$0].text, Self.conclusionOpenerBytes) }) {
                        parent[i] = (c, 0.55)
                    } else if let c = lastClaimInSection[section] {
                        parent[i] = (c, 0.45)
                    } else {
                        parent[i] = sectionFallback
                    }
                case .prescription:
                    if let p = firstPrescription {
                        parent[i] = (p, 0.6)
                    } else if let p = sectionFirstPrescription[section], p < i {
                        parent[i] = (p, 0.45)
                    } else if let c = lastClaim ?? firstClaim {
                        parent[i] = (c, 0.45)
                    } else {
                        parent[i] = (thesis, 0.4)
                    }
                case .background:
                    break
                }
            }
        }
        var withRelations: [Int: (Int, Double, ArgumentRelation)] = [:]
        for (i, (p, confidence)) in parent {
            withRelations[i] = (p, confidence, opensAttack(units[i].text) ? .attack : .support)
        }
        answerConcessions(units, &withRelations)
        return (thesis, nodes, withRelations)
    }

    func isArgumentative(_ unit: TextUnit) -> Bool {
        guard let label = unit.annotation.label else { return false }
        return label != .background
    }

    /// Background and unlabelled sentences carry no machine link.
    private func clearMachineLinks(_ document: inout Document, keep: Set<Int>) {
        for i in document.units.indices where !keep.contains(i) && !document.units[i].annotation.isHumanLink {
            document.units[i].annotation.parent = nil
            document.units[i].annotation.relation = nil
            document.units[i].annotation.linkConfidence = nil
            document.units[i].annotation.linkedBy = nil
        }
    }

    static let attackOpenerBytes = attackOpeners.map { Array($0.utf8) }
    static let concessionOpenerBytes = concessionOpeners.map { Array($0.utf8) }
    static let rebuttalOpenerBytes = rebuttalOpeners.map { Array($0.utf8) }
    static let notRebuttalOpenerBytes = notRebuttalOpeners.map { Array($0.utf8) }
    /// Both, for one pass over a sentence's opening.
    static let attackOrConcessionOpenerBytes = attackOpenerBytes + concessionOpenerBytes

    /// Whether a sentence attacks its parent: it opens as an objection (However, …), as a concession or someone
    /// else's view (Admittedly, …; 有观点认为，…) or as an answer to one (事实真相：…).
    func opensAttack(_ text: String) -> Bool {
        opens(text, Self.attackOrConcessionOpenerBytes) || opensRebuttal(text)
    }

    /// Whether a sentence opens as an answer to a view (`rebuttalOpeners`).
    func opensRebuttal(_ text: String) -> Bool {
        opens(text, Self.rebuttalOpenerBytes) && !opens(text, Self.notRebuttalOpenerBytes)
    }

    /// The answer to a concession (Admittedly, X. But Y.) attacks the concession right before it in its paragraph,
    /// not the claim the concession was made against; not where the concession hangs, through its parents, under the
    /// answer itself (a cycle).
    func answerConcessions(_ units: [TextUnit], _ parent: inout [Int: (Int, Double, ArgumentRelation)]) {
        // In the sentences' order: a dictionary's own order varies from process to process.
        for i in parent.keys.sorted() where i > 0 {
            guard let link = parent[i], link.0 != i - 1 else { continue }
            let previous = i - 1
            guard units[previous].kind == .sentence, units[previous].paragraph == units[i].paragraph, parent[previous] != nil,
                  opens(units[i].text, Self.attackOpenerBytes) || opensRebuttal(units[i].text), !opens(units[i].text, Self.concessionOpenerBytes),
                  opens(units[previous].text, Self.concessionOpenerBytes), !Self.reaches(previous, i, parent)
            else { continue }
            parent[i] = (previous, link.1, .attack)
        }
    }

    /// Whether the chain of parents from `start` comes to `target`.
    private static func reaches(_ start: Int, _ target: Int, _ parent: [Int: (Int, Double, ArgumentRelation)]) -> Bool {
        var current = start
        var steps = 0
        while let next = parent[current]?.0, steps <= parent.count {
            if next == target { return true }
            current = next
            steps += 1
        }
        return false
    }
    static let conclusionOpenerBytes = conclusionOpeners.map { Array($0.utf8) }
    static let thesisCueBytes = thesisCues.map { cue in (cue.0.split(separator: "…").map { Array($0.utf8) }, cue.1) }

    /// Thesis cue indices by the first byte of their first part.
    private static let thesisCuesByFirstByte: [[Int]] = {
        var table = [[Int]](repeating: [], count: 256)
        for (n, cue) in thesisCueBytes.enumerated() {
            if let byte = cue.0.first?.first { table[Int(byte)].append(n) }
        }
        return table
    }()

    /// Which thesis cues lower-cased UTF-8 `bytes` contain, as `containsCue` tells, found in one pass over the
    /// sentence: searching it once per cue was a twelfth of linking.
    static func thesisCueHits(_ bytes: [UInt8]) -> [Bool] {
        var hits = [Bool](repeating: false, count: thesisCueBytes.count)
        bytes.withUnsafeBufferPointer { b in
            for p in b.indices {
                for n in thesisCuesByFirstByte[Int(b[p])] where !hits[n] && cueChain(b, thesisCueBytes[n].0, at: p) { hits[n] = true }
            }
        }
        return hits
    }

    /// Whether the cue's first part starts at `start` and each later part follows within 18 bytes of the one before
    /// (the first occurrence in that window).
    private static func cueChain(_ b: UnsafeBufferPointer<UInt8>, _ parts: [[UInt8]], at start: Int) -> Bool {
        let first = parts[0]
        guard start + first.count <= b.count else { return false }
        for k in first.indices where b[start + k] != first[k] { return false }
        var end = start + first.count
        for part in parts.dropFirst() {
            guard let next = ByteSearch.firstIndex(b, part, from: end, to: end + 18 + part.count) else { return false }
            end = next + part.count
        }
        return true
    }

    /// Whether lower-cased UTF-8 `bytes` contain the cue's parts in order, each within 18 bytes (six CJK characters)
    /// of the end of the one before.
    static func containsCue(_ bytes: [UInt8], _ parts: [[UInt8]]) -> Bool {
        bytes.withUnsafeBufferPointer { b in b.indices.contains { cueChain(b, parts, at: $0) } }
    }

    /// UTF-8 of the characters skipped before an opener: space, ideographic space, quotes, dashes.
    static let skippedAtStart: [[UInt8]] = [" ", "　", "“", "\"", "—"].map { Array($0.utf8) }

    /// Whether the sentence (after spaces, quotes and dashes) starts with one of `openers`, ASCII case-insensitively.
    func opens(_ text: String, _ openers: [[UInt8]]) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            var i = 0
            skipping: while i < bytes.count {
                for s in Self.skippedAtStart where i + s.count <= bytes.count && bytes[i..<(i + s.count)].elementsEqual(s) {
                    i += s.count
                    continue skipping
                }
                break
            }
            return openers.contains { opener in
                guard i + opener.count <= bytes.count else { return false }
                for k in opener.indices {
                    let b = bytes[i + k]
                    if (b >= 65 && b <= 90 ? b + 32 : b) != opener[k] { return false }
                }
                return true
            }
        }
    }

    /// Lower-cases ASCII letters only: enough for the English markers, and far cheaper than full case folding.
    static func asciiLowercased(_ text: String) -> String {
        String(decoding: text.utf8.map { $0 >= 65 && $0 <= 90 ? $0 + 32 : $0 }, as: UTF8.self)
    }

    /// Whether a sentence states itself as the text's thesis: a thesis cue of weight 3 or more (本文认为, 笔者认为,
    /// we argue, this paper argues …).
    /// An English cue counts as a word of its own (not the "i argue" of "Critics of AI argue"), and a sentence that
    /// opens as someone else's view or a concession states no thesis of the author's.
    static func statesThesis(_ text: String) -> Bool {
        guard !TreeLinker().opensAttack(text) else { return false }
        let lowered = Array(asciiLowercased(text).utf8)
        return containsAtWordStart(lowered, statedThesisCueBytes)
    }

    /// The cues that state a thesis as such: thesis cues of at least `statedThesisWeight`, and a comment's stance.
    static let statedThesisCueBytes = thesisCueBytes.filter { $0.1 >= statedThesisWeight }.map(\.0) + stanceCueBytes
    /// The weight from which a thesis cue states the thesis as such (本文认为, we argue); a stance weighs as much.
    static let statedThesisWeight = 3.0

    /// A public comment's stance on the rule it answers (The Coalition strongly supports the proposal: …; I oppose the
    /// proposed rule): its thesis, as a paper's "we argue" is. Kept out of `thesisCues`, whose hits the attachment
    /// model reads as features it was trained on.
    static let stanceCues = ["support…the proposal", "support…the proposed rule", "oppose…the proposal", "oppose…the proposed rule"]
    static let stanceCueBytes = stanceCues.map { $0.split(separator: "…").map { Array($0.utf8) } }

    /// Whether lower-cased UTF-8 `bytes` hold one of `cues`, a Latin one starting a word.
    static func containsAtWordStart(_ bytes: [UInt8], _ cues: [[[UInt8]]]) -> Bool {
        bytes.withUnsafeBufferPointer { b in
            cues.contains { parts in
                guard let first = parts.first?.first else { return false }
                return b.indices.contains { p in
                    b[p] == first && !(first < 0x80 && p > 0 && isLatinLetter(b[p - 1])) && cueChain(b, parts, at: p)
                }
            }
        }
    }

    private static func isLatinLetter(_ byte: UInt8) -> Bool { (byte >= 97 && byte <= 122) || (byte >= 65 && byte <= 90) }

    /// A human-chosen thesis (human link without parent) wins; otherwise the best-scoring claim or prescription.
    func chooseThesis(_ document: Document, _ nodes: [Int]) -> Int {
        if let human = nodes.first(where: { document.units[$0].annotation.isHumanLink && document.units[$0].annotation.parent == nil }) {
            return human
        }
        let context = Self.asciiLowercased(document.metadata.titles.values.sorted().joined() + document.metadata.abstracts.values.sorted().joined())
        let contextKeys = Self.bigramKeys(context)
        // Strings only for a context or a sentence whose scalars keys cannot stand for.
        lazy var contextGrams = bigrams(context)
        let lastSection = document.units.last?.section
        let lastParagraph = nodes.last.map { document.units[$0].paragraph }
        let firstSections = Set(document.sections.prefix(2).map(\.id))
        var best: (index: Int, score: Double)?
        for i in nodes {
            let unit = document.units[i]
            guard unit.annotation.label == .claim || unit.annotation.label == .prescription else { continue }
            if unit.annotation.isHumanLink && unit.annotation.parent != nil { continue }
            let bytes = unit.text.utf8.map { $0 >= 65 && $0 <= 90 ? $0 + 32 : $0 }
            var score = unit.annotation.label == .claim ? 0.5 : 0
            let hits = Self.thesisCueHits(bytes)
            for (n, (_, weight)) in Self.thesisCueBytes.enumerated() where hits[n] { score += weight }
            if Self.containsAtWordStart(bytes, Self.stanceCueBytes) { score += Self.statedThesisWeight }
            if firstSections.contains(unit.section) { score += 0.6 }
            if unit.section == lastSection { score += 0.3 }
            // A conclusion drawn at the very end (therefore / 因此 … in the last paragraph) states the main claim.
            if unit.paragraph == lastParagraph, opens(unit.text, Self.conclusionOpenerBytes) { score += 1.2 }
            if contextKeys.map({ !$0.isEmpty }) ?? !contextGrams.isEmpty {
                // The same counts from scalar keys when both texts allow them (most do); strings otherwise.
                let shared: Int
                let count: Int
                if let contextKeys, let keys = Self.bigramKeys(unit.text) {
                    shared = keys.intersection(contextKeys).count
                    count = keys.count
                } else {
                    let grams = bigrams(unit.text)
                    shared = grams.intersection(contextGrams).count
                    count = grams.count
                }
                score += 2 * Double(shared) / Double(max(1, count))
            }
            if best == nil || score > best!.score { best = (i, score) }
        }
        return best?.index ?? nodes.first { !(document.units[$0].annotation.isHumanLink && document.units[$0].annotation.parent != nil) } ?? nodes[0]
    }

    /// `bigrams` as scalar-pair keys, or nil when the text has a letter outside ASCII, Latin-1, the CJK ideographs and
    /// the full-width forms. Two strings are equal when they are canonically equivalent, which a combining mark, a
    /// compatibility ideograph or a Hangul jamo can make of different scalars; among the scalars kept here no two pairs
    /// are, so counting keys counts what the strings count, without hashing a string per pair.
    static func bigramKeys(_ text: String) -> Set<UInt64>? {
        var keys = Set<UInt64>()
        var previous: UInt32?
        for scalar in text.unicodeScalars {
            let v = scalar.value
            if v < 0x80 {
                guard asciiKept[Int(v)] else { continue }
            } else {
                if scalar.properties.isWhitespace || scalar.properties.isPunctuationLike { continue }
                guard (v >= 0xA1 && v <= 0xFF) || (v >= 0x3001 && v <= 0x3029) || (v >= 0x3400 && v <= 0x4DBF) || (v >= 0x4E00 && v <= 0x9FFF)
                    || (v >= 0xFF01 && v <= 0xFF5E)
                else { return nil }
            }
            if let p = previous { keys.insert(UInt64(p) << 32 | UInt64(v)) }
            previous = v
        }
        return keys
    }

    /// Which ASCII scalars `bigrams` keeps (neither whitespace nor punctuation-like), read from their properties once.
    private static let asciiKept: [Bool] = (0..<128).map { (v: UInt8) in
        let properties = Unicode.Scalar(v).properties
        return !properties.isWhitespace && !properties.isPunctuationLike
    }

    /// The text's bigrams of scalars other than whitespace and punctuation, as strings.
    func bigrams(_ text: String) -> Set<String> {
        let scalars = Array(text.unicodeScalars.filter { !$0.properties.isWhitespace && !$0.properties.isPunctuationLike })
        guard scalars.count > 1 else { return [] }
        var grams = Set<String>()
        for k in 0..<(scalars.count - 1) {
            var view = String.UnicodeScalarView()
            view.append(scalars[k])
            view.append(scalars[k + 1])
            grams.insert(String(view))
        }
        return grams
    }

    /// Breaks cycles and dangling chains (possible only through human links or stale ids) by attaching the
    /// offending machine-linked sentence to the thesis; every chain then ends at the thesis.
    func repairTree(_ document: inout Document, thesis: Int, nodes: [Int], linkerID: String) {
        var index: [String: Int] = [:]
        for (i, unit) in document.units.enumerated() { index[unit.id] = i }
        let thesisID = document.units[thesis].id
        // What the walks learnt, so that a deep chain is walked once, not once per sentence on it. `reaches`: the
        // chain ends at the thesis; a re-attachment only adds such chains, so this stays true. `brokenTop`: the
        // chain breaks off at that human-linked sentence; a re-attachment may mend such chains below it, so these
        // hold only until the next one (`brokenAt` records the re-attachment count they were learnt at).
        var reaches = [Bool](repeating: false, count: document.units.count)
        reaches[thesis] = true
        var brokenTop = [Int](repeating: -1, count: document.units.count)
        var brokenAt = [Int](repeating: -1, count: document.units.count)
        var reattached = 0
        var walkedBy = [Int](repeating: -1, count: document.units.count)
        for i in nodes where i != thesis && !reaches[i] {
            var path = [i]
            walkedBy[i] = i
            var current = i
            var ok = false
            var cycle = false
            while let p = document.units[current].annotation.parent, let j = index[p] {
                if reaches[j] { ok = true; break }
                if brokenAt[j] == reattached { current = brokenTop[j]; break }
                if walkedBy[j] == i { cycle = true; break }
                if !isArgumentative(document.units[j]) { break }
                walkedBy[j] = i
                path.append(j)
                current = j
            }
            if ok {
                for k in path { reaches[k] = true }
                continue
            }
            // Re-attach the last machine-linked sentence on the broken chain (or this one) to the thesis.
            let fix = document.units[current].annotation.isHumanLink ? i : current
            guard !document.units[fix].annotation.isHumanLink else {
                // A chain that ends off the tree (no parent, a background one, an unknown id) breaks at the same top
                // whichever sentence on it the walk starts from; a cycle closes at a different place for each.
                if !cycle {
                    for k in path {
                        brokenTop[k] = current
                        brokenAt[k] = reattached
                    }
                }
                continue
            }
            document.units[fix].annotation.parent = thesisID
            document.units[fix].annotation.relation = .support
            document.units[fix].annotation.linkConfidence = 0.2
            document.units[fix].annotation.linkedBy = .plugin(linkerID)
            reattached += 1
            reaches[fix] = true
            // With the top re-attached the whole walk hangs from the thesis. With this sentence re-attached the chain
            // above it may loop back through it and hang from the thesis too: it is walked again when its turn comes.
            if fix == current { for k in path { reaches[k] = true } }
        }
    }
}

extension Unicode.Scalar.Properties {
    var isPunctuationLike: Bool {
        switch generalCategory {
        case .otherPunctuation, .openPunctuation, .closePunctuation, .dashPunctuation, .initialPunctuation, .finalPunctuation,
            .connectorPunctuation, .mathSymbol, .otherSymbol:
            true
        default: false
        }
    }
}
