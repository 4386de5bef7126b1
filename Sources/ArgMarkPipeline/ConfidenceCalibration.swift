import ArgMarkCore
import Foundation

/// Turns what the label combiner saw for a sentence into the probability that its label is right.
///
/// The combiner's raw confidence, the winner's share of the weighted scores, is a poor probability: with rules
/// and cues that rarely speak beside a model, most Chinese labels get 0.5–0.6 and are right four times in five.
/// A calibration is a logistic regression fitted (tools/fit_calibration.py) on held-out proposals of the very
/// pipeline it belongs to. Its features: the share; for each labeller it lists, whether it spoke, its score for
/// the winning label and its best score for another (each also as log-odds); and the winning label.
///
/// It holds only for the labellers and weights it was fitted with: ``LabelCombiner`` uses it for a sentence of one
/// of its languages when the combiner's weights for its labellers are the recorded ones and no other labeller
/// spoke for the sentence; otherwise the share stands.
public struct ConfidenceCalibration: Sendable, Hashable {
    /// Languages of the sentences it applies to.
    public var languages: [LanguageTag]
    /// Applies only to documents of at most this many sentences (short comments and essays, fitted on their own
    /// held-out proposals); nil: any document. The combiner takes the first calibration that fits.
    public var maxSentences: Int?
    /// The labellers and combiner weights it was fitted with.
    public var labelers: [String: Double]
    /// The trained models it was fitted with, by id: their weights' fingerprints (`FNV1a.wordDigest`). A model
    /// retrained since scores otherwise, and the calibration no longer describes it.
    public var models: [String: String] = [:]
    /// Feature name → coefficient; `bias` is the intercept. Names: `share`, `<labeller> spoke`, `<labeller> winner`,
    /// `<labeller> other`, `<labeller> winner log-odds`, `<labeller> other log-odds`, `label <label>`.
    public var coefficients: [String: Double]

    /// Scores are clamped to [ε, 1 − ε] before their log-odds are taken.
    static let epsilon = 1e-4

    /// The labellers in a fixed order, with their coefficients resolved once.
    let plugins: [String]
    private let share: Double
    private let bias: Double
    /// Per plugin, in `plugins` order: spoke, winner, other, winner log-odds, other log-odds.
    private let perPlugin: [[Double]]
    /// Per label, in guideline order.
    private let perLabel: [Double]

    public init(
        languages: [LanguageTag], labelers: [String: Double], coefficients: [String: Double], maxSentences: Int? = nil
    ) throws(CalibrationError) {
        guard !languages.isEmpty else { throw CalibrationError("names no language") }
        if let maxSentences, maxSentences < 1 { throw CalibrationError("gives maxSentences \(maxSentences); a document has at least one sentence") }
        guard !labelers.isEmpty else { throw CalibrationError("names no labeller") }
        for (id, weight) in labelers where !(weight.isFinite && weight > 0) {
            throw CalibrationError("gives \(id) the weight \(weight); weights are numbers above 0")
        }
        let plugins = labelers.keys.sorted()
        let known = Set(Self.featureNames(plugins: plugins) + ["bias"])
        if let unknown = coefficients.keys.sorted().first(where: { !known.contains($0) }) {
            throw CalibrationError("has a coefficient for \"\(unknown)\", which is none of its features (share, bias, \"<labeller> spoke|winner|other|winner log-odds|other log-odds\" for the labellers it lists, \"label <label>\")")
        }
        if let bad = coefficients.first(where: { !$0.value.isFinite }) {
            throw CalibrationError("has the coefficient \(bad.value) for \"\(bad.key)\"; coefficients are finite numbers")
        }
        self.languages = languages
        self.maxSentences = maxSentences
        self.labelers = labelers
        self.coefficients = coefficients
        self.plugins = plugins
        share = coefficients["share"] ?? 0
        bias = coefficients["bias"] ?? 0
        perPlugin = plugins.map { id in
            ["spoke", "winner", "other", "winner log-odds", "other log-odds"].map { coefficients["\(id) \($0)"] ?? 0 }
        }
        perLabel = ArgumentLabel.allCases.map { coefficients["label \($0.rawValue)"] ?? 0 }
    }

    /// Every feature name, in the order tools/fit_calibration.py lists them.
    static func featureNames(plugins: [String]) -> [String] {
        ["share"]
            + plugins.flatMap { id in ["spoke", "winner", "other", "winner log-odds", "other log-odds"].map { "\(id) \($0)" } }
            + ArgumentLabel.allCases.map { "label \($0.rawValue)" }
    }

    /// Whether it holds for a combiner with these weights: each of its labellers at its recorded weight.
    public func holds(for weights: [String: Double]) -> Bool {
        labelers.allSatisfy { weights[$0.key] == $0.value }
    }

    /// Whether it covers a sentence of `language` in a document of `sentences` sentences.
    func covers(_ language: LanguageTag, inDocumentOf sentences: Int) -> Bool {
        languages.contains(language) && (maxSentences.map { sentences <= $0 } ?? true)
    }

    /// The calibrated confidence of the label at index `winner`.
    /// - Parameters:
    ///   - share: the combiner's raw confidence.
    ///   - scores: per plugin of `plugins` (same order), its scores in guideline order clamped to [0, 1] (nil where
    ///     it gave none), or nil when it did not speak for the sentence.
    func confidence(winner: Int, share rawShare: Double, scores: [[Double?]?]) -> Double {
        var z = bias + share * rawShare + perLabel[winner]
        for (p, labelScores) in scores.enumerated() {
            guard let labelScores else { continue }
            let w = perPlugin[p]
            let winnerScore = labelScores[winner] ?? 0
            var other = 0.0
            for (c, s) in labelScores.enumerated() where c != winner { other = max(other, s ?? 0) }
            z += w[0] + w[1] * winnerScore + w[2] * other + w[3] * Self.logOdds(winnerScore) + w[4] * Self.logOdds(other)
        }
        // Coefficients large enough to overflow (inf − inf) say nothing: the share stands.
        guard !z.isNaN else { return rawShare }
        return 1 / (1 + exp(-z))
    }

    static func logOdds(_ p: Double) -> Double {
        let q = min(max(p, epsilon), 1 - epsilon)
        return log(q / (1 - q))
    }
}

/// Why a calibration cannot be used, phrased to follow "the calibration for LANGUAGES".
public struct CalibrationError: Error, Sendable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
