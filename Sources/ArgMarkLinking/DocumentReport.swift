import ArgMarkCore
import Foundation

/// What `argmark report` says about a linked and scored document.
public struct DocumentReport: Sendable {
    public struct Claim: Sendable {
        public var id: String
        public var score: Double?
        public var text: String
        /// Evidence and example sentences anywhere beneath the claim.
        public var backing: Int
        /// Whether the claim argues against the thesis: an odd number of attacks on its way up to it (an objection the
        /// author answers, not the author's own claim).
        public var againstThesis = false
    }

    public struct SectionDensity: Sendable {
        public var section: String
        public var heading: String?
        public var sentences: Int
        /// Evidence and example sentences.
        public var backing: Int
        public var density: Double { sentences == 0 ? 0 : Double(backing) / Double(sentences) }
    }

    /// What is left to review: machine labels no person has accepted or changed.
    public struct ReviewNeed: Sendable {
        public var unreviewed = 0
        /// Of those, the ones with a confidence.
        public var withConfidence = 0
        /// Of those with a confidence, the ones whose confidence is a share (``ConfidenceScale/share``), no
        /// probability.
        public var shares = 0
        /// Of those with a confidence, the ones whose file does not say what it is (an older ArgMark's, another
        /// tool's): taken as calibrated, and said so.
        public var unsaid = 0
        /// The number of the others one expects to be wrong, Σ (1 − confidence); nil when every confidence is a share.
        public var expectedWrong: Double? {
            withConfidence > 0 && withConfidence == shares ? nil : probabilitySum
        }
        var probabilitySum = 0.0
        /// What the document's machine confidences are (``Document/confidenceScale``); nil when none says.
        public var scale: ConfidenceScale?
        /// Below `review`'s next-low threshold.
        public var belowThreshold = 0
        public static let threshold = 0.6
    }

    public var document: String
    /// The file the document was read from, where the caller knows it: two files may hold one document id (a
    /// reviewed copy beside the original).
    public var file: String?
    public var sentences: Int
    public var review = ReviewNeed()
    public var labels: [ArgumentLabel: Int]
    public var thesis: Claim?
    /// Claims by descending support score.
    public var claims: [Claim]
    public var sections: [SectionDensity]

    /// Claims with no evidence or example supporting them (an attacker's evidence does not count), the thesis first
    /// when it has none either.
    public var unsupported: [Claim] { ((thesis.map { [$0] } ?? []) + claims).filter { $0.backing == 0 } }

    /// The claims `unsupported` looks at: the thesis and the other claims.
    public var assessedClaims: Int { claims.count + (thesis == nil ? 0 : 1) }

    public init(_ document: Document) {
        self.document = document.id
        let units = document.units
        let (roots, children) = TreeRendering.children(document)
        var backing = [Int](repeating: 0, count: units.count)
        // Bottom-up count of evidence and examples in each subtree (units are visited children first).
        var order: [Int] = []
        var stack = roots
        var against = [Bool](repeating: false, count: units.count)
        while let top = stack.popLast() {
            order.append(top)
            for c in children[top] { against[c] = against[top] != (units[c].annotation.relation == .attack) }
            stack.append(contentsOf: children[top])
        }
        for i in order.reversed() {
            // What sits under an attacker backs the attack, not the claim it attacks.
            backing[i] = children[i].reduce(0) { total, c in
                units[c].annotation.relation == .attack ? total
                    : total + backing[c] + ([.evidence, .example].contains(units[c].annotation.label) ? 1 : 0)
            }
        }
        func claim(_ i: Int) -> Claim {
            Claim(id: units[i].id, score: units[i].annotation.score, text: units[i].text, backing: backing[i], againstThesis: against[i])
        }
        sentences = units.count { $0.kind == .sentence }
        review.scale = document.confidenceScale
        for unit in units where unit.kind == .sentence && unit.annotation.label != nil {
            let a = unit.annotation
            // A label of unknown origin (no labeledBy) is someone's, as annotate keeps it: not a machine label.
            guard !a.isKeptLabel else { continue }
            review.unreviewed += 1
            if let c = a.confidence {
                review.withConfidence += 1
                // A share is no probability; a confidence whose file does not say (an older ArgMark's, whose
                // default pipeline's were calibrated) is taken for one, and the report says so.
                switch a.recordedConfidenceScale {
                case .share: review.shares += 1
                case .calibrated: review.probabilitySum += 1 - c
                case .mixed, nil:
                    review.unsaid += 1
                    review.probabilitySum += 1 - c
                }
                // As review's next-low counts it: by the confidence shown.
                if FixedDecimal.asShown(c) < ReviewNeed.threshold { review.belowThreshold += 1 }
            }
        }
        var labels: [ArgumentLabel: Int] = [:]
        for unit in units { if let l = unit.annotation.label { labels[l, default: 0] += 1 } }
        self.labels = labels
        let thesisIndex = document.thesisIndex
        thesis = thesisIndex.map(claim)
        claims = units.indices.filter { units[$0].annotation.label == .claim && $0 != thesisIndex }.map(claim)
            .sorted { ($0.score ?? -1) > ($1.score ?? -1) || (($0.score ?? -1) == ($1.score ?? -1) && $0.id < $1.id) }
        var bySection: [String: SectionDensity] = [:]
        var sectionOrder: [String] = []
        for unit in units where unit.kind == .sentence {
            if bySection[unit.section] == nil {
                sectionOrder.append(unit.section)
                let heading = document.sections.first { $0.id == unit.section }?.heading.flatMap { document.unit($0)?.text }
                bySection[unit.section] = SectionDensity(section: unit.section, heading: heading, sentences: 0, backing: 0)
            }
            bySection[unit.section]!.sentences += 1
            if [.evidence, .example].contains(unit.annotation.label) { bySection[unit.section]!.backing += 1 }
        }
        sections = sectionOrder.map { bySection[$0]! }
    }

    public func text(top: Int = 10) -> String {
        var lines = ["\(document): \(sentences) sentence\(sentences == 1 ? "" : "s"); " + ArgumentLabel.allCases.map { "\($0.rawValue) \(labels[$0] ?? 0)" }.joined(separator: ", ")]
        if let t = thesis {
            lines.append("thesis \(t.id) score \(t.score.map(TreeRendering.fixed2) ?? "-"): \(TreeRendering.shorten(t.text, 60))")
        }
        lines.append(claims.isEmpty ? "claims by support: none" : "claims by support (top \(min(top, claims.count)) of \(claims.count)):")
        for c in claims.prefix(top) {
            lines.append("  \(c.id) \(c.score.map(TreeRendering.fixed2) ?? "-")  backing \(c.backing)\(c.againstThesis ? "  (against the thesis)" : "")  \(TreeRendering.shorten(c.text, 50))")
        }
        lines.append("claims with no evidence or example beneath them: \(unsupported.count) of \(assessedClaims)\(thesis == nil ? "" : " (the thesis counted)")"
            + (unsupported.isEmpty ? "" : " (" + unsupported.prefix(20).map(\.id).joined(separator: ", ") + (unsupported.count > 20 ? ", …" : "") + ")"))
        if review.unreviewed > 0 {
            lines.append("to review: \(review.unreviewed) machine label\(review.unreviewed == 1 ? "" : "s")"
                + (review.withConfidence > 0
                    ? ", " + Self.estimate(review) + "; \(review.belowThreshold) below \(TreeRendering.fixed2(ReviewNeed.threshold)) (review's next-low)"
                    : ""))
        }
        lines.append("evidence density per section (evidence + example per sentence):")
        for s in sections {
            lines.append("  \(s.section) \(TreeRendering.fixed2(s.density))  (\(s.backing)/\(s.sentences))  \(TreeRendering.shorten(s.heading ?? "(no heading)", 30))")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// How many of the machine labels with a confidence are likely wrong, or why their confidences cannot say.
    static func estimate(_ need: ReviewNeed) -> String {
        let shares = need.shares
        let unsaid = need.unsaid
        guard let wrong = need.expectedWrong else {
            return "their confidences are the labellers' shares, not calibrated probabilities, so they estimate nothing"
                + " (a pipeline chosen with --labelers or other weights has none; the default pipeline's are calibrated)"
        }
        let about = "about \(Int(wrong.rounded()))"
        // Every confidence a calibrated probability: the plain figure.
        guard shares > 0 || unsaid > 0 else { return "\(about) of them wrong by their confidences" }
        let counted = need.withConfidence - shares
        var notes: [String] = []
        if unsaid > 0 {
            notes.append(unsaid == counted ? "taken as calibrated: the file does not say" : "\(unsaid) of them taken as calibrated: the file does not say")
        }
        if shares > 0 {
            notes.append("besides, \(shares) " + (shares == 1 ? "is the labellers' share, no probability" : "are the labellers' shares, no probabilities"))
        }
        let note = " (" + notes.joined(separator: "; ") + ")"
        guard shares > 0 else { return "\(about) of them wrong by their confidences" + note }
        return "of the \(counted) \(unsaid == 0 ? "calibrated ones" : "that are no shares"), \(about) wrong by their confidences" + note
    }

    public func json() -> [String: Any] {
        func claim(_ c: Claim) -> [String: Any] {
            ["id": c.id, "score": c.score.map(FixedDecimal.asStored) ?? NSNull(), "backing": c.backing, "againstThesis": c.againstThesis, "text": c.text]
        }
        var object: [String: Any] = [
            "document": document, "sentences": sentences,
            "labels": Dictionary(uniqueKeysWithValues: ArgumentLabel.allCases.map { ($0.rawValue, labels[$0] ?? 0) }),
            "thesis": thesis.map(claim) ?? NSNull(),
            "claims": claims.map(claim),
            "unsupportedClaims": unsupported.map(\.id),
            "review": [
                "unreviewedMachineLabels": review.unreviewed, "withConfidence": review.withConfidence,
                "expectedWrong": review.expectedWrong.map(FixedDecimal.asShown) ?? NSNull(), "belowNextLowThreshold": review.belowThreshold,
                "confidences": review.scale?.rawValue ?? NSNull(), "shares": review.shares, "unsaid": review.unsaid,
            ] as [String: Any],
            "sections": sections.map {
                ["section": $0.section, "heading": $0.heading ?? NSNull(), "sentences": $0.sentences, "backing": $0.backing,
                 "density": FixedDecimal.asStored($0.density)] as [String: Any]
            },
        ]
        if let file { object["file"] = file }
        return object
    }
}

/// A summary over many reports.
public struct CorpusReport: Sendable {
    public var reports: [DocumentReport]

    public init(_ reports: [DocumentReport]) {
        self.reports = reports
    }

    var sentences: Int { reports.reduce(0) { $0 + $1.sentences } }
    /// The claims `unsupported` is counted among: each document's thesis and other claims.
    var claims: Int { reports.reduce(0) { $0 + $1.assessedClaims } }
    var unsupported: Int { reports.reduce(0) { $0 + $1.unsupported.count } }
    var thesisScores: [Double] { reports.compactMap { $0.thesis?.score } }
    var unreviewed: Int { reports.reduce(0) { $0 + $1.review.unreviewed } }
    /// The documents' review needs added up.
    var need: DocumentReport.ReviewNeed {
        var total = DocumentReport.ReviewNeed()
        for r in reports {
            total.unreviewed += r.review.unreviewed
            total.withConfidence += r.review.withConfidence
            total.shares += r.review.shares
            total.unsaid += r.review.unsaid
            total.probabilitySum += r.review.probabilitySum
            total.belowThreshold += r.review.belowThreshold
        }
        return total
    }
    var belowThreshold: Int { reports.reduce(0) { $0 + $1.review.belowThreshold } }
    var labels: [ArgumentLabel: Int] {
        var labels: [ArgumentLabel: Int] = [:]
        for r in reports { for (l, n) in r.labels { labels[l, default: 0] += n } }
        return labels
    }

    public func text() -> String {
        let labels = labels
        let scores = thesisScores
        var lines = ["corpus: \(reports.count) document\(reports.count == 1 ? "" : "s"), \(sentences) sentence\(sentences == 1 ? "" : "s"); "
            + ArgumentLabel.allCases.map { "\($0.rawValue) \(labels[$0] ?? 0)" }.joined(separator: ", ")]
        // The theses count among the claims here whatever their label (a prescription thesis too), as in each
        // document's report, so the figure can exceed the claim labels counted above: said so.
        lines.append("claims without evidence or example beneath them: \(unsupported) of \(claims) (each document's thesis counted)")
        if unreviewed > 0 {
            let need = need
            lines.append("to review: \(unreviewed) machine labels"
                + (need.withConfidence > 0 ? ", " + DocumentReport.estimate(need) : "")
                + "; \(belowThreshold) below \(TreeRendering.fixed2(DocumentReport.ReviewNeed.threshold))")
        }
        if !scores.isEmpty {
            lines.append("thesis support: mean \(TreeRendering.fixed2(scores.reduce(0, +) / Double(scores.count))), min \(TreeRendering.fixed2(scores.min()!)), max \(TreeRendering.fixed2(scores.max()!))")
        }
        lines.append("")
        for r in reports.sorted(by: { ($0.thesis?.score ?? 0) > ($1.thesis?.score ?? 0) }) {
            lines.append("  \(r.file ?? r.document)  thesis \(r.thesis?.score.map(TreeRendering.fixed2) ?? "-")  sentences \(r.sentences)  claims and thesis \(r.assessedClaims)  unsupported \(r.unsupported.count)")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The totals the text report opens with, for `report DIR --format json` ("corpus").
    public func json() -> [String: Any] {
        let labels = labels
        let scores = thesisScores
        return [
            "documents": reports.count, "sentences": sentences,
            "labels": Dictionary(uniqueKeysWithValues: ArgumentLabel.allCases.map { ($0.rawValue, labels[$0] ?? 0) }),
            "claims": claims, "unsupportedClaims": unsupported,
            "review": ["unreviewedMachineLabels": unreviewed, "withConfidence": need.withConfidence,
                       "expectedWrong": need.expectedWrong.map(FixedDecimal.asShown) ?? NSNull(), "shares": need.shares, "unsaid": need.unsaid,
                       "belowNextLowThreshold": belowThreshold] as [String: Any],
            "thesisSupport": scores.isEmpty ? NSNull() : [
                "mean": FixedDecimal.asStored(scores.reduce(0, +) / Double(scores.count)), "min": FixedDecimal.asStored(scores.min()!),
                "max": FixedDecimal.asStored(scores.max()!),
            ] as [String: Any],
        ]
    }
}
