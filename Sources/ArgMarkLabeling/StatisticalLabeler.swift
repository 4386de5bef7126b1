import ArgMarkCore
import ArgMarkPipeline

/// The trained labeller: multinomial logistic regression over sentence and context features (see
/// ``FeatureExtractor``), one model per language, loaded from `Models/<id>/`; with a ``LabelChain``, a linear-chain
/// model whose per-sentence probabilities are the marginals given the whole paragraph.
public struct StatisticalLabeler: Labeler {
    public let model: LinearModel
    /// The optional second stage, which also sees the first stage's predictions for the neighbours and the section.
    public let stage2: LinearModel?
    /// The paragraph chain's transitions, when the model was trained as a linear chain.
    public let chain: LabelChain?
    public let extractor: FeatureExtractor
    public let manifest: ModelManifest
    public var descriptor: PluginDescriptor

    public init(manifest: ModelManifest, model: LinearModel, stage2: LinearModel? = nil, chain: LabelChain? = nil, lexicon: CueLexicon) {
        self.manifest = manifest
        self.model = model
        self.stage2 = stage2
        self.chain = chain
        let language = LanguageTag(rawValue: manifest.language) ?? .zh
        extractor = FeatureExtractor(dimensions: model.dimensions, lexicon: lexicon, language: language)
        descriptor = PluginDescriptor(
            id: manifest.id, kind: .labeler, summary: manifest.summary,
            languages: language == .zh ? [.zh, .mixed] : [language], labels: model.labels,
            requires: [.sentences], assigns: [.labels])
    }

    public func propose(for document: Document) -> [LabelProposal] {
        let frame = extractor.frame(for: document)
        // A document with no sentence in this model's language (the English model on a Chinese report) costs nothing.
        guard !frame.units.isEmpty else { return [] }
        let probabilities: [[Double]]
        if stage2 == nil {
            // Each sentence is scored as its features are built, and they are let go: only the scores are kept.
            var scores = [[Double]](repeating: [], count: document.units.count)
            extractor.forEachFeatureVector(of: document) { i, v in scores[i] = model.scores(v) }
            probabilities = FeatureExtractor.firstStage(scores: frame.units.map { scores[$0] }, frame: frame, chain: chain)
        } else {
            let all = extractor.features(for: document)
            probabilities = extractor.probabilities(
                frame.units.map { all[$0] }, frame: frame, model: model, chain: chain, stage2: stage2)
        }
        return zip(frame.units, probabilities).map { index, p in
            var scores = LabelScores()
            for (c, label) in model.labels.enumerated() { scores[label] = p[c] }
            // No evidence string: the probability it would tell is the proposal's score.
            return LabelProposal(unitIndex: index, scores: scores, evidence: "", pluginID: descriptor.id)
        }
    }
}
