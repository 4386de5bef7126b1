import ArgMarkCore

/// How gold and predicted sentences are paired.
public enum SentenceMatching: String, Sendable, CaseIterable {
    /// Same ids (`s12` ↔ `s12`): both files come from the same segmentation.
    case id
    /// Greatest offset overlap: the files were segmented differently.
    case offsets
    /// `id` when every gold sentence has a predicted one with the same id and offsets (or text), else `offsets`.
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
    public internal(set) var documents: Int
    /// Agreement of the argument trees, where the gold has one.
    public internal(set) var tree = TreeEvaluation()

    public static let noneIndex = ArgumentLabel.allCases.count

    public init() {
        confusion = Array(repeating: Array(repeating: 0, count: ArgumentLabel.allCases.count + 1), count: ArgumentLabel.allCases.count + 1)
        unlabeledGold = 0
        documents = 0
    }

    public mutating func add(gold: ArgumentLabel?, predicted: ArgumentLabel?) {
        guard let gold else {
            unlabeledGold += 1
            return
        }
        confusion[Self.index(gold)][predicted.map(Self.index) ?? Self.noneIndex] += 1
    }

    public mutating func merge(_ other: LabelEvaluation) {
        for r in confusion.indices {
            for c in confusion[r].indices { confusion[r][c] += other.confusion[r][c] }
        }
        unlabeledGold += other.unlabeledGold
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
    /// Scores `predicted` against `gold`; returns the evaluation and the matching actually used.
    public static func evaluate(
        gold: Document, predicted: Document, matching: SentenceMatching = .auto
    ) -> (evaluation: LabelEvaluation, matching: SentenceMatching) {
        let mode = matching == .auto ? chooseMatching(gold: gold, predicted: predicted) : matching
        var evaluation = LabelEvaluation()
        evaluation.documents = 1
        let goldSentences = gold.units.filter { $0.kind == .sentence }
        evaluation.tree = tree(gold: gold, predicted: predicted, mode: mode)
        switch mode {
        case .id, .auto:
            var byID: [String: TextUnit] = [:]
            for unit in predicted.units { byID[unit.id] = unit }
            for unit in goldSentences {
                evaluation.add(gold: unit.annotation.label, predicted: byID[unit.id]?.annotation.label)
            }
        case .offsets:
            let predictedSentences = predicted.units.filter { $0.kind == .sentence }
            var j = 0
            for unit in goldSentences {
                while j < predictedSentences.count, predictedSentences[j].end <= unit.start { j += 1 }
                var best: (overlap: Int, label: ArgumentLabel?)?
                var k = j
                while k < predictedSentences.count, predictedSentences[k].start < unit.end {
                    let p = predictedSentences[k]
                    let overlap = min(p.end, unit.end) - max(p.start, unit.start)
                    if overlap > 0, best == nil || overlap > best!.overlap { best = (overlap, p.annotation.label) }
                    k += 1
                }
                evaluation.add(gold: unit.annotation.label, predicted: best?.label)
            }
        }
        return (evaluation, mode)
    }

    static func tree(gold: Document, predicted: Document, mode: SentenceMatching) -> TreeEvaluation {
        var predictedByID: [String: TextUnit] = [:]
        for unit in predicted.units { predictedByID[unit.id] = unit }
        if mode != .offsets {
            return TreeEvaluation.compare(gold: gold, predicted: predicted, goldFor: { $0 }, predictedFor: { predictedByID[$0] })
        }
        // Offsets: each unit on either side corresponds to the unit on the other side it overlaps most.
        func bestOverlap(_ unit: TextUnit, in others: [TextUnit]) -> TextUnit? {
            others.filter { $0.kind == unit.kind && $0.start < unit.end && unit.start < $0.end }
                .max { min($0.end, unit.end) - max($0.start, unit.start) < min($1.end, unit.end) - max($1.start, unit.start) }
        }
        var goldOfPredicted: [String: String] = [:]
        for unit in predicted.units { goldOfPredicted[unit.id] = bestOverlap(unit, in: gold.units)?.id }
        var predictedOfGold: [String: TextUnit] = [:]
        for unit in gold.units { predictedOfGold[unit.id] = bestOverlap(unit, in: predicted.units) }
        return TreeEvaluation.compare(gold: gold, predicted: predicted, goldFor: { goldOfPredicted[$0] }, predictedFor: { predictedOfGold[$0] })
    }

    static func chooseMatching(gold: Document, predicted: Document) -> SentenceMatching {
        var byID: [String: TextUnit] = [:]
        for unit in predicted.units { byID[unit.id] = unit }
        let aligned = gold.units.allSatisfy { unit in
            guard let other = byID[unit.id] else { return false }
            return (other.start == unit.start && other.end == unit.end) || other.text == unit.text
        }
        return aligned ? .id : .offsets
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
