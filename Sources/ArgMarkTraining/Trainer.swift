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

    /// Label probabilities for every candidate sentence of `document`.
    func probabilities(_ document: PreparedDocument, extractor: FeatureExtractor) -> [[Double]] {
        let first = document.vectors.map(stage1.probabilities)
        guard let stage2 else { return first }
        return extractor.stacked(document.vectors, frame: document.frame, probabilities: first).map(stage2.probabilities)
    }
}

/// Trains the multinomial logistic-regression labeller with AdaGrad over shuffled examples, optionally with a
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

    /// Trains on `documents`; with `settings.stacked`, both stages.
    public func train(_ documents: [PreparedDocument]) -> TrainedModel {
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

    /// The mean of `settings.shuffles` models, each trained on its own shuffle order (a linear model stays one
    /// linear model, so labelling costs the same).
    func fit(_ examples: [Example]) -> LinearModel {
        var sum = fit(examples, seed: settings.seed)
        let shuffles = max(1, settings.shuffles)
        guard shuffles > 1 else { return sum }
        for r in 1..<shuffles {
            let other = fit(examples, seed: settings.seed &+ UInt64(r) &* 0x9E37_79B9_7F4A_7C15)
            for i in sum.weights.indices { sum.weights[i] += other.weights[i] }
        }
        for i in sum.weights.indices { sum.weights[i] /= Float(shuffles) }
        return sum
    }

    /// One AdaGrad run over examples shuffled by `seed`, returning the weights averaged over every update (the
    /// running mean generalises better than the last weights: +0.005 held-out macro-F1).
    func fit(_ examples: [Example], seed: UInt64) -> LinearModel {
        let labels = ArgumentLabel.allCases
        let k = labels.count
        var model = LinearModel(labels: Array(labels), dimensions: settings.dimensions)
        guard !examples.isEmpty else { return model }
        var counts = [Double](repeating: 0, count: k)
        for e in examples { counts[e.label] += e.weight }
        let total = counts.reduce(0, +)
        let classWeight = counts.map { $0 > 0 ? pow(total / (Double(k) * $0), settings.classBalance) : 0 }
        var accumulated = [Float](repeating: 1e-8, count: model.weights.count)
        var order = Array(examples.indices)
        var random = SplitMix64(seed: seed)
        let rate = Float(settings.learningRate)
        let l2 = Float(settings.l2)
        // Σ t·Δw per weight, t the update number: w − Σ t·Δw / T is the mean of the weights over all T updates.
        var timed = [Double](repeating: 0, count: model.weights.count)
        var step = 1.0
        for _ in 0..<settings.epochs {
            for i in stride(from: order.count - 1, to: 0, by: -1) {
                order.swapAt(i, Int(random.next() % UInt64(i + 1)))
            }
            for n in order {
                let e = examples[n]
                let p = model.probabilities(e.features)
                let scale = e.weight * classWeight[e.label]
                model.weights.withUnsafeMutableBufferPointer { w in
                    accumulated.withUnsafeMutableBufferPointer { g in
                        for (f, index) in e.features.indices.enumerated() {
                            let x = e.features.values[f]
                            let base = Int(index) * k
                            for c in 0..<k {
                                let residual = Float((p[c] - (c == e.label ? 1 : 0)) * scale)
                                let gradient = residual * x + l2 * w[base + c]
                                g[base + c] += gradient * gradient
                                let delta = rate * gradient / g[base + c].squareRoot()
                                w[base + c] -= delta
                                timed[base + c] += step * Double(delta)
                            }
                        }
                    }
                }
                step += 1
            }
        }
        for i in model.weights.indices { model.weights[i] += Float(timed[i] / step) }
        return model
    }
}
