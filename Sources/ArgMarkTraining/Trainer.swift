import ArgMarkCore
import ArgMarkLabeling
import Foundation

/// Settings of a training run; the same settings and data give the same weights.
public struct TrainingSettings: Sendable {
    public var language: LanguageTag
    public var dimensions: Int = 1 << 18
    public var epochs: Int = 8
    public var learningRate: Double = 0.2
    public var l2: Double = 1e-6
    public var seed: UInt64 = 20_261_125
    /// Independent shuffles (seeds derived from `seed`) whose averaged weights make the model: one shuffle's
    /// result depends on its order by ±0.02 of held-out macro-F1, the mean of five far less.
    public var shuffles: Int = 5
    /// Exponent of the inverse-frequency class weights (0 = none, 1 = fully balanced).
    public var classBalance: Double = 0.5
    /// Train the second, stacked stage.
    public var stacked: Bool = false
    /// Train a linear chain over each paragraph's sentences (label transitions learned with the features)
    /// instead of labelling each sentence on its own.
    public var chain: Bool = false
    /// Document folds for the out-of-fold first-stage predictions the second stage learns from.
    public var folds: Int = 4

    public init(language: LanguageTag) {
        self.language = language
    }
}

/// One training sentence.
struct Example {
    var features: FeatureVector
    var label: Int
    var weight: Double
}

/// A gold document turned into features once: the candidate sentences of the model's language, their base
/// features, gold label indices (nil when unlabelled) and the frame the stacked stage needs.
public struct PreparedDocument: Sendable {
    public var name: String
    var frame: FeatureExtractor.Frame
    var vectors: [FeatureVector]
    var labels: [Int?]
    var weight: Double
}

/// The trained stages.
public struct TrainedModel: Sendable {
    public var stage1: LinearModel
    public var stage2: LinearModel?
    /// The paragraph chain's transitions, when trained as a linear chain.
    public var chain: LabelChain?

    /// Label probabilities for every candidate sentence of `document`.
    func probabilities(_ document: PreparedDocument, extractor: FeatureExtractor) -> [[Double]] {
        extractor.probabilities(document.vectors, frame: document.frame, model: stage1, chain: chain, stage2: stage2)
    }
}

/// Trains the multinomial logistic-regression labeller with AdaGrad over shuffled examples — or, with
/// `settings.chain`, a linear-chain CRF over each paragraph's sentences (the shipped models) — optionally with a
/// second, stacked stage trained on out-of-fold first-stage predictions (so it learns from realistic neighbours).
public struct Trainer: Sendable {
    public var settings: TrainingSettings
    public var extractor: FeatureExtractor

    public init(settings: TrainingSettings, lexicon: CueLexicon) {
        self.settings = settings
        extractor = FeatureExtractor(dimensions: settings.dimensions, lexicon: lexicon, language: settings.language)
    }

    public func prepare(_ document: Document, weight: Double) -> PreparedDocument {
        let all = extractor.features(for: document)
        let frame = extractor.frame(for: document)
        return PreparedDocument(
            name: document.id, frame: frame, vectors: frame.units.map { all[$0] },
            labels: frame.units.map { document.units[$0].annotation.label.map { ArgumentLabel.allCases.firstIndex(of: $0)! } },
            weight: weight)
    }

    /// Trains on `documents`: with `settings.chain` the chain model and its transitions, with `settings.stacked`
    /// both stages, otherwise the single per-sentence model.
    public func train(_ documents: [PreparedDocument]) -> TrainedModel {
        if settings.chain {
            let (model, chain) = fitChains(chains(documents))
            return TrainedModel(stage1: model, stage2: nil, chain: chain)
        }
        let stage1 = fit(examples(documents, vectors: documents.map(\.vectors)))
        guard settings.stacked else { return TrainedModel(stage1: stage1, stage2: nil) }
        // Out-of-fold first-stage predictions for every training document.
        let folds = min(settings.folds, documents.count)
        var outOfFold = [[[Double]]](repeating: [], count: documents.count)
        if folds >= 2 {
            for fold in 0..<folds {
                let model = fit(examples(
                    documents.enumerated().filter { $0.offset % folds != fold }.map(\.element),
                    vectors: documents.enumerated().filter { $0.offset % folds != fold }.map(\.element.vectors)))
                for (i, document) in documents.enumerated() where i % folds == fold {
                    outOfFold[i] = document.vectors.map(model.probabilities)
                }
            }
        } else {
            outOfFold = documents.map { $0.vectors.map(stage1.probabilities) }
        }
        let stackedVectors = documents.enumerated().map { i, d in
            extractor.stacked(d.vectors, frame: d.frame, probabilities: outOfFold[i])
        }
        return TrainedModel(stage1: stage1, stage2: fit(examples(documents, vectors: stackedVectors)))
    }

    func examples(_ documents: [PreparedDocument], vectors: [[FeatureVector]]) -> [Example] {
        var examples: [Example] = []
        for (document, vectors) in zip(documents, vectors) {
            for (n, label) in document.labels.enumerated() {
                guard let label else { continue }
                examples.append(Example(features: vectors[n], label: label, weight: document.weight))
            }
        }
        return examples
    }

    /// Each paragraph's run of labelled sentences as one training sequence (an unlabelled sentence splits it).
    func chains(_ documents: [PreparedDocument]) -> [[Example]] {
        var result: [[Example]] = []
        for document in documents {
            for range in LabelChain.chains(previous: document.frame.previous) {
                var run: [Example] = []
                for n in range {
                    guard let label = document.labels[n] else {
                        if !run.isEmpty { result.append(run) }
                        run = []
                        continue
                    }
                    run.append(Example(features: document.vectors[n], label: label, weight: document.weight))
                }
                if !run.isEmpty { result.append(run) }
            }
        }
        return result
    }

    /// The mean of `settings.shuffles` linear-chain models, each trained on its own shuffle order of the chains.
    func fitChains(_ chains: [[Example]]) -> (LinearModel, LabelChain) {
        let (model, chain) = averagedOverShuffles { seed in
            let (model, chain) = fitChains(chains, seed: seed)
            return (model, chain as LabelChain?)
        }
        return (model, chain!)
    }

    /// One AdaGrad run of a linear-chain CRF over paragraph chains shuffled by `seed`: the gradient of each
    /// chain's log-likelihood is (expected − observed) features per sentence from forward–backward, and
    /// (expected − observed) label pairs for the transitions. Weights are averaged over every update, as in
    /// the per-sentence trainer.
    func fitChains(_ chains: [[Example]], seed: UInt64) -> (LinearModel, LabelChain) {
        let labels = ArgumentLabel.allCases
        let k = labels.count
        var model = LinearModel(labels: Array(labels), dimensions: settings.dimensions)
        var chain = LabelChain(count: k)
        guard !chains.isEmpty else { return (model, chain) }
        let classWeight = classWeights(chains.joined())
        var accumulated = [Float](repeating: 1e-8, count: model.weights.count)
        var transitionAccumulated = [Double](repeating: 1e-8, count: k * k)
        let rate = Float(settings.learningRate)
        var timed = [Double](repeating: 0, count: model.weights.count)
        var transitionTimed = [Double](repeating: 0, count: k * k)
        var step = 1.0
        forEachInShuffledEpochs(chains.count, seed: seed) { n in
            let run = chains[n]
            let posterior = chain.posterior(run.map { model.scores($0.features) }[...])
            for (i, e) in run.enumerated() {
                update(&model, e, predicted: posterior.marginals[i], scale: e.weight * classWeight[e.label],
                       accumulated: &accumulated, timed: &timed, step: step)
            }
            if run.count > 1 {
                var gradient = [Double](repeating: 0, count: k * k)
                for i in 1..<run.count {
                    let scale = run[i].weight
                    for j in 0..<(k * k) { gradient[j] += posterior.pairs[i - 1][j] * scale }
                    gradient[run[i - 1].label * k + run[i].label] -= scale
                }
                for j in 0..<(k * k) {
                    transitionAccumulated[j] += gradient[j] * gradient[j]
                    let delta = Double(rate) * gradient[j] / transitionAccumulated[j].squareRoot()
                    chain.transitions[j] -= delta
                    transitionTimed[j] += step * delta
                }
            }
            step += 1
        }
        for i in model.weights.indices { model.weights[i] += Float(timed[i] / step) }
        for j in chain.transitions.indices { chain.transitions[j] += transitionTimed[j] / step }
        return (model, chain)
    }

    /// The mean of `settings.shuffles` models, each trained on its own shuffle order (a linear model stays one
    /// linear model, so labelling costs the same).
    func fit(_ examples: [Example]) -> LinearModel {
        averagedOverShuffles { (fit(examples, seed: $0), nil) }.0
    }

    /// The mean of `settings.shuffles` runs of `train`, each on its own shuffle seed derived from `settings.seed`
    /// (weights and transitions alike).
    private func averagedOverShuffles(_ train: (UInt64) -> (LinearModel, LabelChain?)) -> (LinearModel, LabelChain?) {
        var (sum, chain) = train(settings.seed)
        let shuffles = max(1, settings.shuffles)
        guard shuffles > 1 else { return (sum, chain) }
        for r in 1..<shuffles {
            let (other, otherChain) = train(settings.seed &+ UInt64(r) &* 0x9E37_79B9_7F4A_7C15)
            for i in sum.weights.indices { sum.weights[i] += other.weights[i] }
            if let otherChain { for i in otherChain.transitions.indices { chain?.transitions[i] += otherChain.transitions[i] } }
        }
        for i in sum.weights.indices { sum.weights[i] /= Float(shuffles) }
        if let count = chain?.transitions.count { for i in 0..<count { chain?.transitions[i] /= Double(shuffles) } }
        return (sum, chain)
    }

    /// One AdaGrad run over examples shuffled by `seed`, returning the weights averaged over every update (the
    /// running mean generalises better than the last weights: +0.005 held-out macro-F1).
    func fit(_ examples: [Example], seed: UInt64) -> LinearModel {
        var model = LinearModel(labels: Array(ArgumentLabel.allCases), dimensions: settings.dimensions)
        guard !examples.isEmpty else { return model }
        let classWeight = classWeights(examples)
        var accumulated = [Float](repeating: 1e-8, count: model.weights.count)
        // Σ t·Δw per weight, t the update number: w − Σ t·Δw / T is the mean of the weights over all T updates.
        var timed = [Double](repeating: 0, count: model.weights.count)
        var step = 1.0
        forEachInShuffledEpochs(examples.count, seed: seed) { n in
            let e = examples[n]
            update(&model, e, predicted: model.probabilities(e.features), scale: e.weight * classWeight[e.label],
                   accumulated: &accumulated, timed: &timed, step: step)
            step += 1
        }
        for i in model.weights.indices { model.weights[i] += Float(timed[i] / step) }
        return model
    }

    /// Inverse-frequency class weights raised to `settings.classBalance` (0: all 1).
    private func classWeights<S: Sequence>(_ examples: S) -> [Double] where S.Element == Example {
        let k = ArgumentLabel.allCases.count
        var counts = [Double](repeating: 0, count: k)
        for e in examples { counts[e.label] += e.weight }
        let total = counts.reduce(0, +)
        return counts.map { $0 > 0 ? pow(total / (Double(k) * $0), settings.classBalance) : 0 }
    }

    /// Calls `body` with every index below `count`, `settings.epochs` times, each epoch in a fresh Fisher–Yates
    /// order drawn from `seed`.
    private func forEachInShuffledEpochs(_ count: Int, seed: UInt64, _ body: (Int) -> Void) {
        var order = Array(0..<count)
        var random = SplitMix64(seed: seed)
        for _ in 0..<settings.epochs {
            for i in stride(from: order.count - 1, to: 0, by: -1) {
                order.swapAt(i, Int(random.next() % UInt64(i + 1)))
            }
            for n in order { body(n) }
        }
    }

    /// One AdaGrad step for one sentence: the gradient of its log-loss is (predicted − observed) × its features,
    /// plus L2; `timed` collects Σ t·Δw for the weights averaged over every update.
    private func update(
        _ model: inout LinearModel, _ e: Example, predicted p: [Double], scale: Double,
        accumulated: inout [Float], timed: inout [Double], step: Double
    ) {
        let k = model.labels.count
        let rate = Float(settings.learningRate)
        let l2 = Float(settings.l2)
        model.weights.withUnsafeMutableBufferPointer { w in
            accumulated.withUnsafeMutableBufferPointer { g in
                timed.withUnsafeMutableBufferPointer { t in
                    for (f, index) in e.features.indices.enumerated() {
                        let x = e.features.values[f]
                        let base = Int(index) * k
                        for c in 0..<k {
                            let residual = Float((p[c] - (c == e.label ? 1 : 0)) * scale)
                            let gradient = residual * x + l2 * w[base + c]
                            g[base + c] += gradient * gradient
                            let delta = rate * gradient / g[base + c].squareRoot()
                            w[base + c] -= delta
                            t[base + c] += step * Double(delta)
                        }
                    }
                }
            }
        }
    }
}
