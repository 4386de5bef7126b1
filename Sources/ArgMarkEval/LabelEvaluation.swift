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
