import ArgMarkCore
import ArgMarkEval
import ArgMarkLabeling
import ArgMarkPipeline

/// A training document with its weight and whether it is held out in turn.
public struct WeightedDocument: Sendable {
    public var gold: GoldDocument
    public var weight: Double
    /// Held out once each in leave-one-document-out; documents that are not stay in every training fold.
    public var heldOut: Bool

    public init(gold: GoldDocument, weight: Double, heldOut: Bool) {
        self.gold = gold
        self.weight = weight
        self.heldOut = heldOut
    }
}

/// Leave-one-document-out evaluation: for each held-out document, train on all other documents and score it.
public enum CrossValidation {
    public struct Result: Sendable {
        public var pooled: LabelEvaluation
        public var perDocument: [(name: String, evaluation: LabelEvaluation)]
        /// Each held-out document as its fold labelled it (the gold labels replaced), for error analysis.
        public var labelled: [Document]
        /// Every proposal for each held-out document (the fold model's and the other labellers'), parallel to
        /// `labelled`, so that combiner weights can be studied without retraining.
        public var proposals: [[LabelProposal]]
    }

    /// The plugin id the fold models' proposals carry, for combiner weights.
    public static let foldModelID = "label.model.fold"

    /// With `alongside` labellers, each held-out document is labelled the way the pipeline would: the fold model's
    /// proposals and theirs are merged by `combiner`, so a combination is measured, not just the model.
    ///
    /// `folds`: instead of one model per held-out document, `folds` models, each trained without every
    /// `folds`-th held-out document (in their order): for corpora of hundreds of short texts, where a model per
    /// document would take hours.
    public static func leaveOneDocumentOut(
        _ documents: [WeightedDocument], trainer: Trainer, alongside: [any Labeler] = [],
        combiner: LabelCombiner = .init(), folds: Int? = nil, progress: (String) -> Void = { _ in }
    ) -> Result {
        // Features are computed once per document and reused by every fold.
        let prepared = documents.map { trainer.prepare($0.gold.document, weight: $0.weight) }
        let heldOut = documents.indices.filter { documents[$0].heldOut && prepared[$0].labels.contains(where: { $0 != nil }) }
        // The held-out documents of each fold; leave-one-document-out is a fold per document.
        var groups: [[Int]] = heldOut.map { [$0] }
        if let folds, folds > 1, folds < heldOut.count {
            groups = (0..<folds).map { k in heldOut.enumerated().filter { $0.offset % folds == k }.map(\.element) }
        }
        var results: [Int: (evaluation: LabelEvaluation, labelled: Document, proposals: [LabelProposal])] = [:]
        for group in groups {
            let left = Set(group)
            let model = trainer.train(prepared.enumerated().filter { !left.contains($0.offset) }.map(\.element))
            for held in group {
                let document = documents[held]
                let probabilities = model.probabilities(prepared[held], extractor: trainer.extractor)
                // Label a copy without the gold, as the pipeline would.
                let unlabelled = document.gold.document.removingAnnotations()
                var proposals = zip(prepared[held].frame.units, probabilities).map { index, p in
                    LabelProposal(
                        unitIndex: index, scores: LabelScores(Dictionary(uniqueKeysWithValues: zip(ArgumentLabel.allCases, p))),
                        evidence: "", pluginID: foldModelID)
                }
                for labeler in alongside { proposals += (try? labeler.propose(for: unlabelled)) ?? [] }
                let labelled = combiner.combine(proposals, into: unlabelled)
                var evaluation = LabelEvaluation()
                for (n, gold) in prepared[held].labels.enumerated() {
                    guard let gold else { continue }
                    evaluation.add(gold: ArgumentLabel.allCases[gold], predicted: labelled.units[prepared[held].frame.units[n]].annotation.label)
                }
                progress("\(document.gold.document.id): macro-F1 \(String(format3: evaluation.macroF1)) on \(evaluation.total) sentences")
                results[held] = (evaluation, labelled, proposals)
            }
        }
        var pooled = LabelEvaluation()
        var perDocument: [(String, LabelEvaluation)] = []
        var labelledDocuments: [Document] = []
        var allProposals: [[LabelProposal]] = []
        for held in heldOut {
            let result = results[held]!
            pooled.merge(result.evaluation)
            perDocument.append((documents[held].gold.document.id, result.evaluation))
            labelledDocuments.append(result.labelled)
            allProposals.append(result.proposals)
        }
        return Result(pooled: pooled, perDocument: perDocument, labelled: labelledDocuments, proposals: allProposals)
    }
}

extension String {
    init(format3 value: Double) { self = FixedDecimal.threePlaces(value) }
}

/// What each training source is and under which licence it may be used (../shared/data/SOURCES.md).
public enum LicenceCatalog {
    /// The licence of the training data at `path`, known by the corpus's own name: a file or folder whose name starts
    /// with a corpus file's name (cdcp.train.tsv, microtexts…), else the innermost folder that is one of the shared
    /// data's or the project's (gwr, mfa2022, en-policy, zh-translated, Annotations). A name only containing one
    /// (notgwr, a CDCP table under Annotations/) is not taken for it: a wrong licence in a manifest is worse than
    /// "unknown".
    public static func licence(for path: String) -> String {
        let corpora: [(String, String)] = [
            ("cnunlp_essays", "no licence stated; research use (Song et al. 2020)"),
            ("crc_hotel", "no licence stated; research use (Li et al. 2017)"),
            ("cdcp", "ODbL"),
            ("microtexts", "CC BY-NC-SA 4.0"),
            ("ibm_ce2015", "CC BY-SA 3.0"),
        ]
        let folders: [String: String] = [
            "Annotations": "project gold, CC0 (texts original or public domain)",
            "gwr": "public-domain text (Chinese Government Work Reports); project-made labels, free to use",
            "mfa2022": "official document of a state organ; private training only, text not redistributed",
            "en-policy": "CC0 / US public domain",
            "zh-translated": "CC0 / US public domain (translations of en-policy)",
        ]
        for component in path.split(separator: "/").map(String.init).reversed() where component != "." && component != ".." {
            if let corpus = corpora.first(where: { component.lowercased().hasPrefix($0.0) }) { return corpus.1 }
            if let folder = folders[component] { return folder }
        }
        return "unknown; check before redistributing"
    }
}
