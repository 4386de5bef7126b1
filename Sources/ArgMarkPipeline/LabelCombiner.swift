import ArgMarkCore

/// Merges labellers' proposals into one label per sentence.
///
/// The rule: each proposal's per-label scores are multiplied by its plugin's weight (default 1) and summed per
/// sentence; the label with the highest total wins (ties go to the label listed first in the guideline). Its
/// confidence is that total divided by the larger of (a) the summed scores of all labels and (b) the summed
/// weights of the plugins that spoke: a single probabilistic labeller keeps its probability, and one weak
/// detector alone does not report certainty. Sentences a human labelled are left alone.
public struct LabelCombiner: Sendable {
    public var weights: [String: Double]

    public init(weights: [String: Double] = [:]) {
        self.weights = weights
    }

    public func combine(_ proposals: [LabelProposal], into document: Document) -> Document {
        var document = document
        var totals: [Int: [ArgumentLabel: Double]] = [:]
        var pluginWeight: [Int: Double] = [:]
        var contributors: [Int: [ArgumentLabel: String]] = [:]
        for proposal in proposals where document.units.indices.contains(proposal.unitIndex) {
            let weight = weights[proposal.pluginID] ?? 1
            pluginWeight[proposal.unitIndex, default: 0] += weight
            for (label, score) in proposal.scores {
                let clamped = min(max(score, 0), 1)
                totals[proposal.unitIndex, default: [:]][label, default: 0] += clamped * weight
                if contributors[proposal.unitIndex]?[label] == nil {
                    contributors[proposal.unitIndex, default: [:]][label] = proposal.pluginID
                }
            }
        }
        for (index, scores) in totals {
            var unit = document.units[index]
            guard unit.kind == .sentence, !unit.annotation.isHumanLabel else { continue }
            let sum = scores.values.reduce(0, +)
            guard sum > 0 else { continue }
            let winner = scores.max { a, b in a.value < b.value || (a.value == b.value && a.key > b.key) }!
            unit.annotation.label = winner.key
            unit.annotation.confidence = min(1, winner.value / max(sum, pluginWeight[index] ?? 1))
            unit.annotation.labeledBy = .plugin(contributors[index]?[winner.key] ?? "combined")
            document.units[index] = unit
        }
        return document
    }
}
