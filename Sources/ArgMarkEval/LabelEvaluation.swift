import ArgMarkCore

/// How gold and predicted sentences are paired.
public enum SentenceMatching: String, Sendable, CaseIterable {
    /// Same ids (`s12` ↔ `s12`): both files come from the same segmentation.
    case id
    /// Greatest offset overlap: the files were segmented differently from one source.
    case offsets
    /// Greatest overlap of the sentences' text, spaces left out, each gold sentence found in the prediction's text
    /// in order: the files hold the same text, segmented, spaced or offset differently (a `.lines` copy, another
    /// version with an editor's note added).
    case text
    /// `id` when every gold sentence has a predicted one with the same id and offsets (or text), else `text`.
    case auto
}

/// Per-label precision, recall and F1.
public struct LabelScore: Sendable, Hashable {
    public var label: ArgumentLabel
    public var precision: Double
    public var recall: Double
    public var f1: Double
    /// Gold sentences with this label.
    public var support: Int
    /// Predicted sentences with this label.
    public var predicted: Int
}

/// A confusion matrix over the five labels plus "none" (predicted unlabelled or no matching sentence), and the
/// scores derived from it. Matrices of several documents add up, so a corpus is scored by pooling.
public struct LabelEvaluation: Sendable, Hashable {
    /// Row = gold label, column = predicted label; index 5 is "none".
    public private(set) var confusion: [[Int]]
    /// Gold sentences that had no label and were not scored.
    public private(set) var unlabeledGold: Int
    /// Gold sentences whose prediction had no label and were not scored (agreement between annotators only).
    public private(set) var unlabeledPredicted = 0
    /// Gold sentences whose text the prediction does not hold (text matching): paired by the place their neighbours
    /// leave them, or, with no place, scored as unlabelled predictions.
    public internal(set) var textNotFound = 0
    public internal(set) var documents: Int
    /// Agreement of the argument trees, where the gold has one.
    public internal(set) var tree = TreeEvaluation()

    public static let noneIndex = ArgumentLabel.allCases.count

    public init() {
        confusion = Array(repeating: Array(repeating: 0, count: ArgumentLabel.allCases.count + 1), count: ArgumentLabel.allCases.count + 1)
        unlabeledGold = 0
        documents = 0
    }

    /// Counts one pair; with `skippingUnlabelledPredictions` (two annotators) a pair either side left unlabelled is
    /// skipped, so the figures do not depend on which file is called the gold.
    public mutating func add(gold: ArgumentLabel?, predicted: ArgumentLabel?, skippingUnlabelledPredictions: Bool = false) {
        guard let gold else {
            unlabeledGold += 1
            return
        }
        if predicted == nil && skippingUnlabelledPredictions {
            unlabeledPredicted += 1
            return
        }
        confusion[Self.index(gold)][predicted.map(Self.index) ?? Self.noneIndex] += 1
    }

    public mutating func merge(_ other: LabelEvaluation) {
        for r in confusion.indices {
            for c in confusion[r].indices { confusion[r][c] += other.confusion[r][c] }
        }
        unlabeledGold += other.unlabeledGold
        unlabeledPredicted += other.unlabeledPredicted
        textNotFound += other.textNotFound
        documents += other.documents
        tree.merge(other.tree)
    }

    static func index(_ label: ArgumentLabel) -> Int { ArgumentLabel.allCases.firstIndex(of: label)! }

    /// Scored sentences.
    public var total: Int { confusion.reduce(0) { $0 + $1.reduce(0, +) } }

    public var accuracy: Double {
        let t = total
        return t == 0 ? 0 : Double((0..<Self.noneIndex).reduce(0) { $0 + confusion[$1][$1] }) / Double(t)
    }

    public var scores: [LabelScore] {
        ArgumentLabel.allCases.enumerated().map { i, label in
            let truePositives = confusion[i][i]
            let support = confusion[i].reduce(0, +)
            let predicted = confusion.reduce(0) { $0 + $1[i] }
            let precision = predicted == 0 ? 0 : Double(truePositives) / Double(predicted)
            let recall = support == 0 ? 0 : Double(truePositives) / Double(support)
            let f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall)
            return LabelScore(label: label, precision: precision, recall: recall, f1: f1, support: support, predicted: predicted)
        }
    }

    /// Mean F1 over the labels present in the gold.
    public var macroF1: Double {
        let present = scores.filter { $0.support > 0 }
        return present.isEmpty ? 0 : present.reduce(0) { $0 + $1.f1 } / Double(present.count)
    }

    /// Cohen's κ between gold and prediction over the six categories (chance agreement from the marginals).
    public var kappa: Double {
        let t = Double(total)
        guard t > 0 else { return 0 }
        let observed = Double((0...Self.noneIndex).reduce(0) { $0 + confusion[$1][$1] }) / t
        var expected = 0.0
        for k in 0...Self.noneIndex {
            let row = Double(confusion[k].reduce(0, +))
            let column = Double(confusion.reduce(0) { $0 + $1[k] })
            expected += (row / t) * (column / t)
        }
        return expected >= 1 ? (observed >= 1 ? 1 : 0) : (observed - expected) / (1 - expected)
    }
}

/// Pairs the sentences of a gold and a predicted document and scores the labels.
public enum LabelEvaluator {
    /// Scores `predicted` against `gold`; returns the evaluation and the matching actually used. `agreement`: the
    /// two files are two annotators', so a sentence either one left unlabelled is skipped.
    public static func evaluate(
        gold: Document, predicted: Document, matching: SentenceMatching = .auto, agreement: Bool = false
    ) -> (evaluation: LabelEvaluation, matching: SentenceMatching) {
        let mode = matching == .auto ? (isAlignedByID(gold: gold, predicted: predicted) ? .id : .text) : matching
        var evaluation = LabelEvaluation()
        evaluation.documents = 1
        let goldSentences = gold.units.filter { $0.kind == .sentence }
        if mode == .id {
            var byID: [String: TextUnit] = [:]
            for unit in predicted.units { byID[unit.id] = unit }
            for unit in goldSentences {
                evaluation.add(gold: unit.annotation.label, predicted: byID[unit.id]?.annotation.label, skippingUnlabelledPredictions: agreement)
            }
            evaluation.tree = TreeEvaluation.compare(gold: gold, predicted: predicted, goldFor: { $0 }, predictedFor: { byID[$0] })
            return (evaluation, mode)
        }
        let spans = mode == .text ? Spans.byText(gold: gold, predicted: predicted) : Spans.byOffsets(gold: gold, predicted: predicted)
        evaluation.textNotFound = goldSentences.count { spans.notFound.contains($0.id) }
        // Each unit on either side corresponds to the unit of its kind on the other side it overlaps most.
        let predictedByKind = Dictionary(grouping: predicted.units.filter { spans.predicted[$0.id] != nil }, by: \.kind)
        let goldByKind = Dictionary(grouping: gold.units.filter { spans.gold[$0.id] != nil }, by: \.kind)
        func bestOverlap(_ span: Range<Int>, among others: [TextUnit], _ otherSpans: [String: Range<Int>]) -> TextUnit? {
            var best: (unit: TextUnit, overlap: Int)?
            for other in others {
                let o = otherSpans[other.id]!
                let overlap = min(o.upperBound, span.upperBound) - max(o.lowerBound, span.lowerBound)
                if overlap > 0, best == nil || overlap > best!.overlap { best = (other, overlap) }
            }
            return best?.unit
        }
        var predictedOfGold: [String: TextUnit] = [:]
        for unit in gold.units {
            guard let span = spans.gold[unit.id] else { continue }
            predictedOfGold[unit.id] = bestOverlap(span, among: predictedByKind[unit.kind] ?? [], spans.predicted)
        }
        var goldOfPredicted: [String: String] = [:]
        for unit in predicted.units {
            guard let span = spans.predicted[unit.id] else { continue }
            goldOfPredicted[unit.id] = bestOverlap(span, among: goldByKind[unit.kind] ?? [], spans.gold)?.id
        }
        for unit in goldSentences {
            evaluation.add(gold: unit.annotation.label, predicted: predictedOfGold[unit.id]?.annotation.label, skippingUnlabelledPredictions: agreement)
        }
        evaluation.tree = TreeEvaluation.compare(gold: gold, predicted: predicted, goldFor: { goldOfPredicted[$0] }, predictedFor: { predictedOfGold[$0] })
        return (evaluation, mode)
    }

    static func isAlignedByID(gold: Document, predicted: Document) -> Bool {
        var byID: [String: TextUnit] = [:]
        for unit in predicted.units { byID[unit.id] = unit }
        return gold.units.allSatisfy { unit in
            guard let other = byID[unit.id] else { return false }
            return (other.start == unit.start && other.end == unit.end) || other.text == unit.text
        }
    }
}

/// Where each unit of a gold and a predicted document lies on one common axis, so that units that overlap there
/// are paired.
struct Spans {
    var gold: [String: Range<Int>] = [:]
    var predicted: [String: Range<Int>] = [:]
    /// Gold units whose text was not found (text matching).
    var notFound: Set<String> = []

    /// The units' own offsets: both files were read from one source.
    static func byOffsets(gold: Document, predicted: Document) -> Spans {
        var spans = Spans()
        for unit in gold.units where unit.end > unit.start { spans.gold[unit.id] = unit.start..<unit.end }
        for unit in predicted.units where unit.end > unit.start { spans.predicted[unit.id] = unit.start..<unit.end }
        return spans
    }

    /// Positions in the prediction's text with spaces left out: each predicted unit where it stands, each gold unit
    /// where its text is found, searching on from the gold unit before it (near it first, so that a short sentence
    /// is not found far away). A gold unit not found (an edited sentence) takes the gap its neighbours leave, shared
    /// by length with the others not found there; one with no gap (a sentence the prediction lacks) gets no span.
    static func byText(gold: Document, predicted: Document) -> Spans {
        var spans = Spans()
        var text: [Unicode.Scalar] = []
        for unit in predicted.units {
            let start = text.count
            text += normalized(unit.text)
            if text.count > start { spans.predicted[unit.id] = start..<text.count }
        }
        let units = gold.units.filter { !normalized($0.text).isEmpty }
        var found: [Range<Int>?] = []
        var cursor = 0
        // Searching the whole rest of the text for every sentence of another document would take long: after many
        // misses in a row, only the stretch near the cursor is searched.
        var farMisses = 0
        for unit in units {
            let needle = normalized(unit.text)
            let near = min(text.count, cursor + 4 * needle.count + 2_000)
            var hit = find(needle, in: text, from: cursor, to: near)
            if hit == nil, needle.count >= 8, farMisses < 50 {
                hit = find(needle, in: text, from: max(cursor, near - needle.count), to: text.count)
                farMisses = hit == nil ? farMisses + 1 : 0
            }
            found.append(hit)
            if let hit { cursor = hit.upperBound } else { spans.notFound.insert(unit.id) }
        }
        // Gaps between found neighbours, shared by the units not found inside them.
        var k = 0
        while k < units.count {
            guard found[k] == nil else { k += 1; continue }
            var end = k
            while end < units.count, found[end] == nil { end += 1 }
            let lower = k > 0 ? found[k - 1]!.upperBound : 0
            let upper = end < units.count ? found[end]!.lowerBound : text.count
            if upper > lower {
                let lengths = units[k..<end].map { normalized($0.text).count }
                let total = lengths.reduce(0, +)
                var position = Double(lower)
                for (offset, length) in lengths.enumerated() {
                    let width = Double(upper - lower) * Double(length) / Double(total)
                    let from = Int(position.rounded())
                    let to = Int((position + width).rounded())
                    if to > from { found[k + offset] = from..<to }
                    position += width
                }
            }
            k = end
        }
        for (unit, span) in zip(units, found) { spans.gold[unit.id] = span }
        return spans
    }

    /// The text without spaces (line breaks, tabs, full-width and no-break spaces).
    static func normalized(_ text: String) -> [Unicode.Scalar] {
        text.unicodeScalars.filter { !$0.properties.isWhitespace }
    }

    static func find(_ needle: [Unicode.Scalar], in text: [Unicode.Scalar], from: Int, to: Int) -> Range<Int>? {
        guard !needle.isEmpty, to - from >= needle.count else { return nil }
        let first = needle[0]
        var i = from
        while i + needle.count <= to {
            if text[i] == first {
                var j = 1
                while j < needle.count, text[i + j] == needle[j] { j += 1 }
                if j == needle.count { return i..<(i + needle.count) }
            }
            i += 1
        }
        return nil
    }
}

/// Argument-tree agreement: for every gold sentence with a gold parent or the gold thesis, whether the prediction
/// gives it the same parent (attachment), the same parent and relation, and whether the thesis is the same sentence.
public struct TreeEvaluation: Sendable, Hashable {
    /// Gold sentences that have a gold parent (the thesis excluded).
    public var linked = 0
    public var sameParent = 0
    public var sameParentAndRelation = 0
    /// Documents with a gold thesis, and those whose predicted thesis is the same sentence.
    public var theses = 0
    public var thesesFound = 0

    public init() {}

    public var attachment: Double { linked == 0 ? 0 : Double(sameParent) / Double(linked) }
    public var attachmentWithRelation: Double { linked == 0 ? 0 : Double(sameParentAndRelation) / Double(linked) }
    public var thesisAccuracy: Double { theses == 0 ? 0 : Double(thesesFound) / Double(theses) }

    public mutating func merge(_ other: TreeEvaluation) {
        linked += other.linked
        sameParent += other.sameParent
        sameParentAndRelation += other.sameParentAndRelation
        theses += other.theses
        thesesFound += other.thesesFound
    }

    /// Compares trees; `goldFor` maps a predicted unit id to the gold unit id it corresponds to.
    static func compare(gold: Document, predicted: Document, goldFor: (String) -> String?, predictedFor: (String) -> TextUnit?) -> TreeEvaluation {
        var e = TreeEvaluation()
        let goldThesis = gold.units.first {
            $0.kind == .sentence && $0.annotation.parent == nil && $0.annotation.label != nil && $0.annotation.label != .background
                && gold.units.contains(where: { $0.annotation.parent != nil })
        }
        if let thesis = goldThesis {
            e.theses = 1
            if let p = predictedFor(thesis.id), p.annotation.parent == nil, p.annotation.label != nil, p.annotation.label != .background,
                predicted.units.contains(where: { $0.annotation.parent != nil })
            {
                e.thesesFound = 1
            }
        }
        for unit in gold.units where unit.kind == .sentence {
            guard let goldParent = unit.annotation.parent else { continue }
            e.linked += 1
            guard let p = predictedFor(unit.id), let predictedParent = p.annotation.parent,
                goldFor(predictedParent) == goldParent
            else { continue }
            e.sameParent += 1
            if p.annotation.relation == unit.annotation.relation { e.sameParentAndRelation += 1 }
        }
        return e
    }
}
