import ArgMarkCore

/// A learned choice of parent: for every argumentative sentence but the thesis, candidate parents (the
/// argumentative sentences from 16 before it to 5 after it, the thesis, its section's first claim, the rule
/// linker's choice and, for an enumerated item, the earlier items and the sentence announcing them) are scored by a linear model over features of the pair, and the best one wins (a conditional
/// logit, trained by maximum likelihood on gold trees).
///
/// Features: the distance in argumentative sentences (before/after, bucketed), same paragraph and section, the
/// label pair (also by direction, distance and paragraph), whether the candidate is the thesis, the section's
/// topic claim, its paragraph's first or last sentence, discourse openers of either sentence (conclusion, attack,
/// illustration, addition), word overlap, the language, and whether the rule linker chose it. Enumerations
/// (feature set v3): whether the candidate is an earlier item of the child's series (首先 … 其次, 一是 … 二是, ——
/// bullets), the sentence before the series' first item (which announces the list), the rule parent of the first
/// item, a sentence announcing a list (以下 / 几个方面 / a closing colon), or the item an unmarked sentence elaborates.
/// Each feature is an integer key (hashed template and values), so scoring allocates nothing.
public struct AttachmentModel: Sendable {
    /// Bumped whenever features change; a model trained with another version is refused.
    public static let featureVersion = 3
    public var weights: [UInt64: Double] {
        didSet { table = FeatureTable(weights) }
    }
    /// The weights in an open-addressing table: keys are already hashes, so lookups skip the dictionary's hashing.
    private var table: FeatureTable

    public init(weights: [UInt64: Double]) {
        self.weights = weights
        table = FeatureTable(weights)
    }

    /// One sentence to attach: its candidates with their feature keys, and (for training) the gold parent.
    public struct Instance: Sendable {
        public var child: Int
        public var candidates: [Int]
        public var features: [[UInt64]]
        public var gold: Int?
        /// The first item of the enumeration this sentence continues (其次 after 首先, 二是 after 一是, a second ——
        /// bullet), if any: parallel items share a parent.
        public var seriesFirst: Int? = nil
    }

    public func score(_ features: [UInt64]) -> Double {
        var total = 0.0
        for key in features { total += table[key] }
        return total
    }

    /// Every candidate's probability, in the order of `instance.candidates`.
    public func probabilities(_ instance: Instance) -> [Double] {
        Self.probabilities(scores: instance.features.map(score))
    }

    /// The best candidate and its probability among the candidates.
    public func choose(_ instance: Instance) -> (parent: Int, probability: Double) {
        Self.choice(scores: instance.features.map(score), candidates: instance.candidates)
    }

    /// `choose` and `probabilities` from one scoring of the candidates (the linker needs both for every sentence).
    public func chooseWithProbabilities(_ instance: Instance) -> (parent: Int, probability: Double, probabilities: [Double]) {
        let scores = instance.features.map(score)
        let (parent, probability) = Self.choice(scores: scores, candidates: instance.candidates)
        return (parent, probability, Self.probabilities(scores: scores))
    }

    private static func probabilities(scores: [Double]) -> [Double] {
        let top = scores.max() ?? 0
        let exps = scores.map { _exp($0 - top) }
        let sum = exps.reduce(0, +)
        return exps.map { $0 / sum }
    }

    private static func choice(scores: [Double], candidates: [Int]) -> (parent: Int, probability: Double) {
        let best = scores.indices.max { scores[$0] < scores[$1] || (scores[$0] == scores[$1] && candidates[$0] > candidates[$1]) }!
        let top = scores[best]
        let sum = scores.reduce(0) { $0 + _exp($1 - top) }
        return (candidates[best], 1 / sum)
    }

    // MARK: features

    static let conclusionOpeners = TreeLinker.conclusionOpenerBytes
    static let attackOpeners = TreeLinker.attackOpenerBytes + ["although", "while "].map { Array($0.utf8) }
    static let exampleOpeners = ["例如", "比如", "譬如", "以", "如", "又如", "for example", "for instance", "e.g.", "such as"].map { Array($0.utf8) }
    static let additiveOpeners = [
        "此外", "同时", "另外", "另一方面", "其次", "再次", "最后", "首先", "其一", "其二", "其三", "moreover", "furthermore",
        "in addition", "also", "first", "second", "finally", "besides",
    ].map { Array($0.utf8) }
    /// Words of a sentence that announces a list of parallel items (重点做好以下八个方面工作, 涉及…多个方面).
    static let announcerCues = ["以下", "如下", "下列", "几个方面", "个方面", "多个方面", "几点", "the following", "as follows", "several "].map { Array($0.utf8) }

    /// Whether the sentence announces parallel items: an announcing phrase, or a closing colon.
    static func announces(_ text: String) -> Bool {
        if let last = text.unicodeScalars.last, last == "：" || last == ":" { return true }
        let lowered = TreeLinker.asciiLowercased(text)
        return announcerCues.contains { ByteSearch.contains(lowered, $0) }
    }

    static func labelCode(_ label: ArgumentLabel?) -> UInt64 {
        switch label {
        case .claim: 0
        case .evidence: 1
        case .example: 2
        case .prescription: 3
        case .background, nil: 4
        }
    }

    /// An integer key for a feature template and its values (FNV-1a over the numbers).
    @inline(__always)
    static func key(_ template: UInt64, _ a: UInt64 = 0, _ b: UInt64 = 0, _ c: UInt64 = 0) -> UInt64 {
        // Unrolled: this runs for every feature of every candidate.
        var h = FNV1a.offset
        h = (h ^ template) &* FNV1a.prime
        h = (h ^ a) &* FNV1a.prime
        h = (h ^ b) &* FNV1a.prime
        h = (h ^ c) &* FNV1a.prime
        return h
    }

    /// |a ∩ b| of two sorted arrays, by merging.
    static func commonCount(_ a: [UInt64], _ b: [UInt64]) -> Int {
        var i = 0
        var j = 0
        var n = 0
        while i < a.count && j < b.count {
            if a[i] == b[j] {
                n += 1
                i += 1
                j += 1
            } else if a[i] < b[j] {
                i += 1
            } else {
                j += 1
            }
        }
        return n
    }

    /// A letter or digit in lower case, nil for anything else. ASCII and the common CJK ideographs are answered
    /// directly, since looking up Unicode properties for every character of every sentence was a tenth of linking;
    /// a test checks that this agrees with the properties for every scalar.
    @inline(__always)
    static func wordScalar(_ scalar: Unicode.Scalar) -> UInt32? {
        let v = scalar.value
        if v < 0x80 {
            if v >= 0x41 && v <= 0x5A { return v + 0x20 }
            return (v >= 0x61 && v <= 0x7A) || (v >= 0x30 && v <= 0x39) ? v : nil
        }
        if v >= 0x4E00 && v <= 0x9FFF { return v }
        guard scalar.properties.isAlphabetic || scalar.properties.numericType != nil else { return nil }
        return scalar.properties.lowercaseMapping.unicodeScalars.first?.value ?? v
    }

    /// Scalar bigrams of letters and digits, for word overlap: sorted, without repeats.
    static func bigrams(_ text: String) -> [UInt64] {
        var result: [UInt64] = []
        var previous: UInt32?
        for scalar in text.unicodeScalars {
            guard let value = wordScalar(scalar) else {
                previous = nil
                continue
            }
            if let p = previous { result.append(UInt64(p) << 32 | UInt64(value)) }
            previous = value
        }
        result.sort()
        var unique: [UInt64] = []
        unique.reserveCapacity(result.count)
        for x in result where unique.last != x { unique.append(x) }
        return unique
    }

    /// The sentences to attach in `document`, given its thesis and the rule linker's parents. `gold` gives each
    /// sentence's gold parent (training).
    public static func instances(
        _ document: Document, nodes: [Int], thesis: Int, ruleParents: [Int: Int], gold: [Int: Int] = [:]
    ) -> [Instance] {
        var result: [Instance] = []
        forEachInstance(document, nodes: nodes, thesis: thesis, ruleParents: ruleParents, gold: gold) { result.append($0) }
        return result
    }

    /// Calls `body` with each instance `instances` gives, in order, so that a linker can choose a parent and let the
    /// instance go: a long document's instances held together take hundreds of megabytes of features.
    public static func forEachInstance(
        _ document: Document, nodes: [Int], thesis: Int, ruleParents: [Int: Int], gold: [Int: Int] = [:], _ body: (Instance) -> Void
    ) {
        let units = document.units
        let linker = TreeLinker()
        // Paragraphs and sections as small integers (string keys cost a hash per look-up).
        var paragraphOf = [Int](repeating: 0, count: units.count)
        var sectionOf = [Int](repeating: 0, count: units.count)
        var sectionNumber: [String: Int] = [:]
        for (p, paragraph) in document.paragraphs.enumerated() {
            let section = sectionNumber[paragraph.section] ?? sectionNumber.count
            sectionNumber[paragraph.section] = section
            for i in paragraph.units where i < units.count {
                paragraphOf[i] = p
                sectionOf[i] = section
            }
        }
        var position = [Int](repeating: -1, count: units.count)
        for (k, i) in nodes.enumerated() { position[i] = k }
        var sectionTopic: [Int: Int] = [:]
        var paragraphFirst: [Int: Int] = [:]
        var paragraphLast: [Int: Int] = [:]
        var paragraphFirstPrescription: [Int: Int] = [:]
        var sectionFirstPrescription: [Int: Int] = [:]
        for i in nodes {
            let label = units[i].annotation.label
            if label == .claim, sectionTopic[sectionOf[i]] == nil { sectionTopic[sectionOf[i]] = i }
            if paragraphFirst[paragraphOf[i]] == nil { paragraphFirst[paragraphOf[i]] = i }
            paragraphLast[paragraphOf[i]] = i
            if label == .prescription {
                if paragraphFirstPrescription[paragraphOf[i]] == nil { paragraphFirstPrescription[paragraphOf[i]] = i }
                if sectionFirstPrescription[sectionOf[i]] == nil { sectionFirstPrescription[sectionOf[i]] = i }
            }
        }
        var openers = [(conclusion: Bool, attack: Bool, example: Bool, additive: Bool)](repeating: (false, false, false, false), count: units.count)
        var grams = [[UInt64]](repeating: [], count: units.count)
        var markers = [EnumerationMarker?](repeating: nil, count: units.count)
        var announcer = [Bool](repeating: false, count: units.count)
        for i in nodes {
            let text = units[i].text
            markers[i] = EnumerationMarker.parse(text)
            announcer[i] = announces(text)
            openers[i] = (
                linker.opens(text, conclusionOpeners), linker.opens(text, attackOpeners), linker.opens(text, exampleOpeners),
                linker.opens(text, additiveOpeners)
            )
            grams[i] = bigrams(text)
        }
        for (k, i) in nodes.enumerated() where i != thesis {
            let childLabel = units[i].annotation.label
            let childLanguage = units[i].language
            var candidates = Array(nodes[max(0, k - 16)..<k]) + Array(nodes[(k + 1)..<min(nodes.count, k + 6)])
            candidates.append(thesis)
            if let topic = sectionTopic[sectionOf[i]] { candidates.append(topic) }
            if let rule = ruleParents[i] { candidates.append(rule) }
            // Parallel items: the earlier items of this sentence's series (back to its first item, within the
            // section), the sentence before the first item (which usually announces the list) and the rule parent
            // of the first item.
            var siblings: [Int] = []
            var firstItem: Int?
            var introducer: Int?
            if let marker = markers[i] {
                if marker.index == 1 {
                    firstItem = i
                } else if marker.index == -1 {
                    // Unnumbered bullets: the run of paragraphs before this one that open with the same bullet.
                    firstItem = i
                    for j in nodes[max(0, k - 80)..<k].reversed() where paragraphFirst[paragraphOf[j]] == j {
                        guard sectionOf[j] == sectionOf[i], markers[j]?.series == marker.series else { break }
                        siblings.append(j)
                        firstItem = j
                    }
                } else {
                    for j in nodes[max(0, k - 80)..<k].reversed() {
                        guard sectionOf[j] == sectionOf[i] || marker.series == .parenthesised else { break }
                        guard let other = markers[j], other.series == marker.series else { continue }
                        if marker.index != 0 && other.index >= marker.index { break }
                        siblings.append(j)
                        if other.index == 1 {
                            firstItem = j
                            break
                        }
                    }
                }
                // The announcing sentence sits right before the first item: in its paragraph or the one before.
                if let first = firstItem, position[first] > 0, paragraphOf[nodes[position[first] - 1]] >= paragraphOf[first] - 1 {
                    introducer = nodes[position[first] - 1]
                    candidates.append(introducer!)
                }
                if let first = firstItem, first != i, let rule = ruleParents[first] { candidates.append(rule) }
                candidates += siblings
            }
            let firstItemRuleParent = firstItem.flatMap { $0 == i ? nil : ruleParents[$0] }
            // The item this unmarked sentence elaborates: the nearest earlier marked sentence in its section.
            var itemHead: Int?
            if markers[i] == nil {
                for j in nodes[max(0, k - 40)..<k].reversed() {
                    guard sectionOf[j] == sectionOf[i] else { break }
                    if markers[j] != nil {
                        itemHead = j
                        break
                    }
                }
            }
            candidates.sort()
            var ordered: [Int] = []
            for c in candidates where c != i && ordered.last != c { ordered.append(c) }
            let cl = labelCode(childLabel)
            let childOpeners = openers[i]
            let childFirst = paragraphFirst[paragraphOf[i]] == i
            let language: UInt64 = childLanguage == .zh ? 0 : childLanguage == .en ? 1 : 2
            // Structural landmarks around the child: the nearest claim before it (in its paragraph, in its section),
            // the nearest earlier sentence with its label, and the next claim after it in its paragraph.
            var nearestClaimInParagraph: Int?
            var nearestClaimInSection: Int?
            var nearestSameLabel: Int?
            // (At most 400 sentences back and ahead, so that a huge section without claims stays linear.)
            for j in nodes[max(0, k - 400)..<k].reversed() {
                let otherLabel = units[j].annotation.label
                guard sectionOf[j] == sectionOf[i] else { break }
                if otherLabel == .claim {
                    if nearestClaimInSection == nil { nearestClaimInSection = j }
                    if nearestClaimInParagraph == nil, paragraphOf[j] == paragraphOf[i] { nearestClaimInParagraph = j }
                }
                if nearestSameLabel == nil, otherLabel == childLabel { nearestSameLabel = j }
                if nearestClaimInSection != nil && nearestSameLabel != nil { break }
            }
            let nextClaimInParagraph = nodes[(k + 1)..<min(nodes.count, k + 401)].prefix { paragraphOf[$0] == paragraphOf[i] }.first { units[$0].annotation.label == .claim }
            // Word overlap with each candidate, and which candidates share the most words with the child (a
            // relative signal: the absolute overlap depends on the sentences' lengths and the genre).
            let overlaps = ordered.map { Double(commonCount(grams[i], grams[$0])) / Double(max(1, min(grams[i].count, grams[$0].count))) }
            let sortedOverlaps = overlaps.sorted(by: >)
            var features: [[UInt64]] = []
            for (c, j) in ordered.enumerated() {
                let parentLabel = units[j].annotation.label
                let d = position[j] - k
                let db: UInt64 =
                    d == -1 ? 0 : d == -2 ? 1 : d == -3 ? 2 : (d >= -6 && d < 0) ? 3 : d < 0 ? 4 : d == 1 ? 5 : d == 2 ? 6 : 7
                let sp: UInt64 = paragraphOf[j] == paragraphOf[i] ? 1 : 0
                let ss: UInt64 = sectionOf[j] == sectionOf[i] ? 1 : 0
                let lp = cl * 5 + labelCode(parentLabel)
                let direction: UInt64 = d < 0 ? 0 : 1
                var f: [UInt64] = []
                f.reserveCapacity(28)
                f += [
                    key(1, db), key(2, sp), key(3, ss), key(4, db, sp), key(5, lp), key(6, lp, direction), key(7, lp, sp),
                    key(8, lp, db), key(24, language, db), key(28), key(29, language, lp), key(30, language, db, sp),
                ]
                if j == thesis { f += [key(9), key(10, cl), key(11, ss)] }
                if sectionTopic[sectionOf[i]] == j { f += [key(12), key(13, cl)] }
                if paragraphFirst[paragraphOf[j]] == j { f.append(key(14, sp)) }
                if paragraphLast[paragraphOf[j]] == j { f.append(key(15, sp)) }
                if childFirst { f.append(key(16, db)) }
                let parentOpeners = openers[j]
                if parentOpeners.conclusion { f.append(key(17, db)) }
                if childOpeners.conclusion { f.append(key(18, db)) }
                if childOpeners.attack { f.append(key(19, db)) }
                if childOpeners.example { f.append(key(20, db, labelCode(parentLabel))) }
                if childOpeners.additive { f.append(key(21, db)) }
                if parentOpeners.additive { f.append(key(22, db)) }
                let overlap = overlaps[c]
                f.append(key(23, UInt64(min(4, Int(overlap * 10)))))
                if overlap > 0 {
                    let rank: UInt64 = overlap >= sortedOverlaps[0] ? 0 : sortedOverlaps.count > 1 && overlap >= sortedOverlaps[1] ? 1 : 2
                    if rank < 2 { f += [key(44, rank, cl), key(45, rank, sp)] }
                }
                if ruleParents[i] == j { f += [key(25), key(26, lp), key(27, db)] }
                if nearestClaimInParagraph == j { f.append(key(31, cl)) }
                if nearestSameLabel == j { f.append(key(32, cl, sp)) }
                if paragraphFirstPrescription[paragraphOf[i]] == j { f.append(key(33, cl)) }
                if sectionFirstPrescription[sectionOf[i]] == j { f.append(key(34, cl)) }
                if nearestClaimInSection == j { f.append(key(35, cl, sp)) }
                if nextClaimInParagraph == j { f.append(key(36, cl)) }
                if markers[i] != nil {
                    let later: UInt64 = firstItem == i ? 0 : 1
                    if siblings.contains(j) { f.append(key(37, cl, j == firstItem ? 1 : 0)) }
                    if introducer == j { f += [key(38, cl, later), key(42, later, announcer[j] ? 1 : 0)] }
                    if firstItemRuleParent == j { f.append(key(39, cl)) }
                }
                if announcer[j] { f.append(key(40, cl, markers[i] == nil ? 0 : 1)) }
                if markers[j] != nil && markers[i] == nil { f.append(key(41, cl, sp)) }
                if itemHead == j { f.append(key(43, cl, labelCode(parentLabel), sp)) }
                features.append(f)
            }
            body(Instance(child: i, candidates: ordered, features: features, gold: gold[i], seriesFirst: firstItem == i ? nil : firstItem))
        }
    }

    // MARK: the thesis

    /// The thesis as one choice among the argumentative sentences (`child` is -1): features of the sentence's label,
    /// position in the document, section and paragraph, thesis cues and openers, overlap with the title and
    /// abstract, the document's length, and whether the rule linker chose it.
    public static func thesisInstance(_ document: Document, nodes: [Int], ruleThesis: Int, gold: Int? = nil) -> Instance {
        let units = document.units
        let linker = TreeLinker()
        let context = bigrams(document.metadata.titles.values.sorted().joined(separator: " ") + " " + document.metadata.abstracts.values.sorted().joined(separator: " "))
        let firstSection = units[nodes[0]].section
        let lastSection = units[nodes[nodes.count - 1]].section
        var paragraphFirst: [String: Int] = [:]
        var paragraphLast: [String: Int] = [:]
        for i in nodes {
            if paragraphFirst[units[i].paragraph] == nil { paragraphFirst[units[i].paragraph] = i }
            paragraphLast[units[i].paragraph] = i
        }
        let size: UInt64 = nodes.count <= 8 ? 0 : nodes.count <= 40 ? 1 : 2
        var features: [[UInt64]] = []
        for (k, i) in nodes.enumerated() {
            let unit = units[i]
            let label = labelCode(unit.annotation.label)
            let relative = Double(k) / Double(max(1, nodes.count - 1))
            let position: UInt64 = k == 0 ? 0 : k == nodes.count - 1 ? 1 : relative < 0.1 ? 2 : relative > 0.9 ? 3 : relative < 0.3 ? 4 : relative > 0.7 ? 5 : 6
            let language: UInt64 = unit.language == .zh ? 0 : unit.language == .en ? 1 : 2
            var f: [UInt64] = [
                key(101, label), key(102, position), key(103, position, size), key(104, label, position), key(128),
                key(114, language, label), key(115, language, position),
            ]
            if unit.section == firstSection { f.append(key(105, label)) }
            if unit.section == lastSection { f.append(key(106, label)) }
            if paragraphFirst[unit.paragraph] == i { f.append(key(107, size)) }
            if paragraphLast[unit.paragraph] == i { f.append(key(108, size)) }
            let lowered = Array(TreeLinker.asciiLowercased(unit.text).utf8)
            var strongest = 0.0
            let hits = TreeLinker.thesisCueHits(lowered)
            for (n, cue) in TreeLinker.thesisCueBytes.enumerated() where hits[n] {
                f.append(key(109, UInt64(n)))
                strongest = max(strongest, cue.1)
            }
            // How strong the strongest cue is, shared across cues: a rare cue (I argue) still counts.
            if strongest > 0 { f.append(key(116, strongest >= 3 ? 2 : strongest >= 1.5 ? 1 : 0, size)) }
            if linker.opens(unit.text, conclusionOpeners) { f.append(key(110, position)) }
            if linker.opens(unit.text, attackOpeners) { f.append(key(111)) }
            if linker.opens(unit.text, exampleOpeners) { f.append(key(112)) }
            if !context.isEmpty {
                let grams = bigrams(unit.text)
                let overlap = Double(commonCount(grams, context)) / Double(max(1, grams.count))
                f.append(key(113, UInt64(min(4, Int(overlap * 10)))))
            }
            if i == ruleThesis { f += [key(125), key(126, size)] }
            features.append(f)
        }
        return Instance(child: -1, candidates: nodes, features: features, gold: gold)
    }

    // MARK: training

    /// A gold document prepared for training and evaluation: the document without its links (what a linker
    /// sees), each argumentative sentence's gold parent (nil for the thesis), and the attachment instances with the
    /// gold thesis and the rule linker's parents. Nil for a document without a gold tree.
    public static func trainingExample(_ document: Document) -> (unlinked: Document, gold: [String: String?], instances: [Instance])? {
        var goldParents: [String: String?] = [:]
        for unit in document.units where unit.kind == .sentence {
            guard let label = unit.annotation.label, label != .background else { continue }
            goldParents[unit.id] = unit.annotation.parent
        }
        guard goldParents.values.contains(where: { $0 != nil }) else { return nil }
        var unlinked = document
        for i in unlinked.units.indices {
            unlinked.units[i].annotation.parent = nil
            unlinked.units[i].annotation.relation = nil
            unlinked.units[i].annotation.linkedBy = nil
            unlinked.units[i].annotation.linkConfidence = nil
        }
        guard let rulePlan = TreeLinker().plan(unlinked) else { return nil }
        var index: [String: Int] = [:]
        for (i, unit) in document.units.enumerated() { index[unit.id] = i }
        let goldThesis = rulePlan.nodes.first { goldParents[document.units[$0].id] == .some(nil) } ?? rulePlan.thesis
        // Attachment is learned given the right thesis, as the rule parents around it would be.
        let plan = TreeLinker().plan(unlinked, thesis: goldThesis) ?? rulePlan
        var goldIndex: [Int: Int] = [:]
        for i in plan.nodes {
            if let p = goldParents[document.units[i].id] ?? nil, let j = index[p] { goldIndex[i] = j }
        }
        let rules = plan.parent.mapValues { $0.0 }
        let thesis = thesisInstance(unlinked, nodes: rulePlan.nodes, ruleThesis: rulePlan.thesis, gold: goldThesis)
        return (unlinked, goldParents, [thesis] + instances(unlinked, nodes: plan.nodes, thesis: goldThesis, ruleParents: rules, gold: goldIndex))
    }

    /// How many argumentative sentences have their gold parent, out of how many. The thesis counts when it is
    /// the predicted root: argumentative and without a parent (a sentence labelled background has no parent either,
    /// but it is not the thesis found).
    public static func attachment(_ predicted: Document, gold: [String: String?]) -> (correct: Int, total: Int) {
        var correct = 0
        for unit in predicted.units {
            guard let goldParent = gold[unit.id] else { continue }
            if let parent = goldParent {
                if unit.annotation.parent == parent { correct += 1 }
            } else if unit.annotation.parent == nil, let label = unit.annotation.label, label != .background {
                correct += 1
            }
        }
        return (correct, gold.count)
    }

    /// Maximum-likelihood training of the conditional logit by stochastic gradient ascent, in a fixed order drawn
    /// from `seed` (deterministic for the same data), returning the weights averaged over every step. Instances whose
    /// gold parent is not among the candidates are skipped.
    public static func train(_ instances: [Instance], epochs: Int = 10, rate: Double = 0.1, decay: Double = 1e-4, seed: UInt64 = 20_261_203) -> AttachmentModel {
        var weights: [UInt64: Double] = [:]
        func score(_ features: [UInt64]) -> Double {
            var total = 0.0
            for key in features { total += weights[key] ?? 0 }
            return total
        }
        // Σ t·Δw per key, t the step number: what turns the last weights into their running average.
        var timed: [UInt64: Double] = [:]
        var step = 1.0
        var order = Array(instances.indices.filter { instances[$0].gold.map(instances[$0].candidates.contains) ?? false })
        var random = SplitMix64(seed: seed)
        for _ in 0..<epochs {
            for k in stride(from: order.count - 1, to: 0, by: -1) { order.swapAt(k, Int(random.next() % UInt64(k + 1))) }
            for n in order {
                let instance = instances[n]
                let scores = instance.features.map(score)
                let top = scores.max() ?? 0
                let exps = scores.map { _exp($0 - top) }
                let sum = exps.reduce(0, +)
                for (c, candidate) in instance.candidates.enumerated() {
                    let gradient = (candidate == instance.gold ? 1 : 0) - exps[c] / sum
                    guard gradient != 0 else { continue }
                    for key in instance.features[c] {
                        weights[key, default: 0] += rate * gradient
                        timed[key, default: 0] += step * rate * gradient
                    }
                }
                step += 1
            }
            for key in weights.keys { weights[key]! *= 1 - decay }
            for key in timed.keys { timed[key]! *= 1 - decay }
        }
        // The average of the weights over every step (w − Σ t·Δ / T), which varies far less with the seed and the
        // order than the last weights do (held-out attachment ±0.002 across seeds instead of ±0.02).
        return AttachmentModel(weights: weights.merging(timed) { $0 - $1 / step })
    }

    /// `key<TAB>weight` lines, sorted by key, weights to 6 significant digits: the file in Models/.
    public func serialized() -> String {
        weights.keys.sorted().map { "\(String($0, radix: 16))\t\(formatWeight(weights[$0]!))" }.joined(separator: "\n") + "\n"
    }

    private func formatWeight(_ w: Double) -> String {
        let scaled = (w * 1_000_000).rounded() / 1_000_000
        return scaled == 0 ? "0" : "\(scaled)"
    }

    public init(serialized text: String) throws(AttachmentModelError) {
        var weights: [UInt64: Double] = [:]
        for (n, line) in text.dataFileLines.enumerated() where !line.isEmpty {
            let parts = line.split(separator: "\t")
            guard parts.count == 2, let key = UInt64(parts[0], radix: 16), let weight = Double(parts[1]) else {
                throw AttachmentModelError(message: "line \(n + 1) is not KEY<TAB>WEIGHT")
            }
            weights[key] = weight
        }
        self.weights = weights
        table = FeatureTable(weights)
    }
}

/// A read-only UInt64 → Double map with linear probing; 0 for absent keys.
struct FeatureTable: Sendable {
    private var keys: [UInt64]
    private var values: [Double]
    private var occupied: [Bool]
    private let mask: Int

    init(_ weights: [UInt64: Double]) {
        var capacity = 16
        while capacity < weights.count * 2 { capacity <<= 1 }
        keys = [UInt64](repeating: 0, count: capacity)
        values = [Double](repeating: 0, count: capacity)
        occupied = [Bool](repeating: false, count: capacity)
        mask = capacity - 1
        for (key, value) in weights {
            var slot = Int(truncatingIfNeeded: key ^ (key >> 29)) & mask
            while occupied[slot] { slot = (slot + 1) & mask }
            keys[slot] = key
            values[slot] = value
            occupied[slot] = true
        }
    }

    @inline(__always)
    subscript(key: UInt64) -> Double {
        var slot = Int(truncatingIfNeeded: key ^ (key >> 29)) & mask
        while occupied[slot] {
            if keys[slot] == key { return values[slot] }
            slot = (slot + 1) & mask
        }
        return 0
    }
}

public struct AttachmentModelError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}

@inline(__always)
func _exp(_ x: Double) -> Double {
    // exp from the C library via Foundation-free path.
    x < -700 ? 0 : _expImpl(x)
}

#if canImport(Glibc)
    import Glibc
    @inline(__always) func _expImpl(_ x: Double) -> Double { Glibc.exp(x) }
    @inline(__always) func _log(_ x: Double) -> Double { Glibc.log(x) }
#else
    import Darwin
    @inline(__always) func _expImpl(_ x: Double) -> Double { Darwin.exp(x) }
    @inline(__always) func _log(_ x: Double) -> Double { Darwin.log(x) }
#endif

