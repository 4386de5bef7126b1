import ArgMarkCore

/// Merges labellers' proposals into one label per sentence.
///
/// The rule: each proposal's per-label scores are multiplied by its plugin's weight (default 1) and summed per
/// sentence; the label with the highest total wins (ties go to the label listed first in the guideline). Its
/// confidence is that total divided by the larger of (a) the summed scores of all labels and (b) the summed
/// weights of the plugins that spoke: a single probabilistic labeller keeps its probability, and one weak
/// detector alone does not report certainty. Where a ``ConfidenceCalibration`` of the pipeline holds for a
/// sentence, the confidence is instead its calibrated probability that the label is right; each sentence records
/// which it holds (``SentenceAnnotation/confidenceScale``). Sentences a person
/// labelled, and labels of unknown origin (no `labeledBy`: hand-made JSONL, another tool's TEI), are left alone.
public struct LabelCombiner: Sendable {
    public var weights: [String: Double]
    /// Calibrations fitted for this pipeline; one whose labellers and weights differ from `weights` is not used.
    public var calibrations: [ConfidenceCalibration]

    public init(weights: [String: Double] = [:], calibrations: [ConfidenceCalibration] = []) {
        self.weights = weights
        self.calibrations = calibrations
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
        // Flat per-unit tables: summed weighted scores, summed plugin weights, and per label the plugin that added
        // most to it (the one `labeledBy` credits: the rules that settled it, not a model listed first that gave it 0.01).
        var totals = [Double](repeating: 0, count: n * k)
        var pluginWeight = [Double](repeating: 0, count: n)
        var contributors = [String?](repeating: nil, count: n * k)
        var largestContribution = [Double](repeating: 0, count: n * k)
        var touched = [Bool](repeating: false, count: n)
        // The calibrations that hold for these weights, and each unit's proposals as a linked list (first, next).
        let usable = calibrations.filter { $0.holds(for: weights) }
        let sentenceCount = usable.isEmpty ? 0 : document.units.indices.count { document.units[$0].kind == .sentence }
        var firstProposal = [Int](repeating: -1, count: n)
        var nextProposal = [Int](repeating: -1, count: proposals.count)
        for (p, proposal) in proposals.enumerated().reversed() where proposal.unitIndex >= 0 && proposal.unitIndex < n {
            // Linked in reverse, so that each unit's list runs in pipeline order.
            nextProposal[p] = firstProposal[proposal.unitIndex]
            firstProposal[proposal.unitIndex] = p
        }
        for proposal in proposals where proposal.unitIndex >= 0 && proposal.unitIndex < n {
            let u = proposal.unitIndex
            let weight = weights[proposal.pluginID] ?? 1
            pluginWeight[u] += weight
            for (c, label) in ArgumentLabel.allCases.enumerated() {
                guard let score = proposal.scores[label] else { continue }
                touched[u] = true
                let contribution = min(max(score, 0), 1) * weight
                totals[u * k + c] += contribution
                // Strictly greater: among equal contributions, the plugin listed first.
                if contributors[u * k + c] == nil || contribution > largestContribution[u * k + c] {
                    contributors[u * k + c] = proposal.pluginID
                    largestContribution[u * k + c] = contribution
                }
            }
        }
        for index in 0..<n where touched[index] {
            guard document.units[index].kind == .sentence, !document.units[index].annotation.isKeptLabel else { continue }
            var sum = 0.0
            var best = 0
            for c in 0..<k {
                sum += totals[index * k + c]
                // Strictly greater: ties go to the label listed first in the guideline.
                if totals[index * k + c] > totals[index * k + best] { best = c }
            }
            guard sum > 0 else { continue }
            // Set with the label, so that the reasons never describe an older label than the one they stand beside.
            document.units[index].annotation.labelReasons = Self.reasons(
                first: firstProposal[index], next: nextProposal, proposals: proposals, chosen: ArgumentLabel.allCases[best])
            document.units[index].annotation.label = ArgumentLabel.allCases[best]
            let share = min(1, totals[index * k + best] / max(sum, pluginWeight[index]))
            var confidence = share
            // What the confidence is, recorded with it: a share read as a probability misleads.
            var scale = ConfidenceScale.share
            let language = document.units[index].language
            if !usable.isEmpty, let calibration = usable.first(where: { $0.covers(language, inDocumentOf: sentenceCount) }),
               let probability = Self.calibrated(
                   calibration, winner: best, share: share, unitProposals: firstProposal[index], next: nextProposal, proposals: proposals)
            {
                confidence = probability
                scale = .calibrated
            }
            document.units[index].annotation.confidence = FixedDecimal.asStored(confidence)
            document.units[index].annotation.confidenceScale = scale
            document.units[index].annotation.labeledBy = .plugin(contributors[index * k + best] ?? "combined")
        }
    }

    /// Each proposal's best label, its score and its evidence, in pipeline order. Of labels a proposal scores alike,
    /// the one the combination chose, else the one listed first: a labeller that gave claim and prescription 2.0
    /// each and was credited with a prescription is shown proposing the prescription, not the claim.
    private static func reasons(first: Int, next: [Int], proposals: [LabelProposal], chosen: ArgumentLabel) -> [LabelReason] {
        var reasons: [LabelReason] = []
        var p = first
        while p >= 0 {
            let proposal = proposals[p]
            p = next[p]
            guard !proposal.isFallback else { continue }
            var best: (label: ArgumentLabel, score: Double)?
            for label in ArgumentLabel.allCases {
                guard let score = proposal.scores[label] else { continue }
                let clamped = min(max(score, 0), 1)
                if best == nil || clamped > best!.score || (clamped == best!.score && label == chosen) { best = (label, clamped) }
            }
            // A proposal that scores every label 0 prefers none.
            if let best, best.score > 0 {
                reasons.append(LabelReason(
                    plugin: proposal.pluginID, label: best.label, score: best.score, evidence: LabelReason.printable(proposal.evidence)))
            }
        }
        return reasons
    }

    /// The calibrated confidence, or nil when a labeller the calibration does not list spoke for the sentence.
    private static func calibrated(
        _ calibration: ConfidenceCalibration, winner: Int, share: Double, unitProposals first: Int, next: [Int],
        proposals: [LabelProposal]
    ) -> Double? {
        var scores = [[Double?]?](repeating: nil, count: calibration.plugins.count)
        var p = first
        while p >= 0 {
            let proposal = proposals[p]
            guard let slot = calibration.plugins.firstIndex(of: proposal.pluginID) else { return nil }
            var labelScores = scores[slot] ?? [Double?](repeating: nil, count: ArgumentLabel.allCases.count)
            for (c, label) in ArgumentLabel.allCases.enumerated() {
                guard let score = proposal.scores[label] else { continue }
                labelScores[c] = max(labelScores[c] ?? 0, min(max(score, 0), 1))
            }
            scores[slot] = labelScores
            p = next[p]
        }
        return calibration.confidence(winner: winner, share: share, scores: scores)
    }
}
