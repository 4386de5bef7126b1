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
        apply(proposals, to: &document)
        return document
    }

    /// Merges `proposals` into `document` in place (no copy of its units).
    public func apply(_ proposals: [LabelProposal], to document: inout Document) {
        let k = ArgumentLabel.allCases.count
        let n = document.units.count
        // Flat per-unit tables: summed weighted scores, summed plugin weights, first contributor per label.
        var totals = [Double](repeating: 0, count: n * k)
        var pluginWeight = [Double](repeating: 0, count: n)
        var contributors = [String?](repeating: nil, count: n * k)
        var touched = [Bool](repeating: false, count: n)
        for proposal in proposals where proposal.unitIndex >= 0 && proposal.unitIndex < n {
            let u = proposal.unitIndex
            let weight = weights[proposal.pluginID] ?? 1
            pluginWeight[u] += weight
            for (c, label) in ArgumentLabel.allCases.enumerated() {
                guard let score = proposal.scores[label] else { continue }
                touched[u] = true
                totals[u * k + c] += min(max(score, 0), 1) * weight
                if contributors[u * k + c] == nil { contributors[u * k + c] = proposal.pluginID }
            }
        }
        for index in 0..<n where touched[index] {
            guard document.units[index].kind == .sentence, !document.units[index].annotation.isHumanLabel else { continue }
            var sum = 0.0
            var best = 0
            for c in 0..<k {
                sum += totals[index * k + c]
                // Strictly greater: ties go to the label listed first in the guideline.
                if totals[index * k + c] > totals[index * k + best] { best = c }
            }
            guard sum > 0 else { continue }
            document.units[index].annotation.label = ArgumentLabel.allCases[best]
            document.units[index].annotation.confidence = min(1, totals[index * k + best] / max(sum, pluginWeight[index]))
            document.units[index].annotation.labeledBy = .plugin(contributors[index * k + best] ?? "combined")
        }
    }
}
