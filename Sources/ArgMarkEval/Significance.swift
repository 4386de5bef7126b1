import ArgMarkCore
import Foundation  // lgamma, log, exp: the exact McNemar test

/// A two-sided interval of a statistic.
public struct Interval: Sendable, Hashable {
    public var lower: Double
    public var upper: Double

    public init(lower: Double, upper: Double) {
        self.lower = lower
        self.upper = upper
    }

    public func contains(_ x: Double) -> Bool { lower <= x && x <= upper }
}

/// What a bootstrap draws with replacement. The sentences of one document share its author, genre and annotator, so
/// drawing them one by one treats them as independent and gives too narrow an interval; drawing whole documents
/// does not, but needs enough documents to be worth anything.
public enum ResamplingUnit: String, Sendable, CaseIterable {
    case documents
    case sentences

    /// Documents when there are at least ``fewestDocuments`` of them, sentences otherwise.
    public static func automatic(documents: Int) -> ResamplingUnit { documents >= fewestDocuments ? .documents : .sentences }

    /// Below this many documents a document bootstrap draws too few distinct samples to say much.
    public static let fewestDocuments = 10
}

/// Percentile bootstrap intervals of a labelling's macro-F1 and accuracy.
public struct BootstrapEstimate: Sendable, Hashable {
    public var unit: ResamplingUnit
    /// Documents or sentences drawn from.
    public var population: Int
    public var resamples: Int
    /// Coverage of the intervals (0.95).
    public var level: Double
    public var macroF1: Interval
    public var accuracy: Interval
    /// Cohen's κ: between two annotators, how sure their agreement is.
    public var kappa: Interval
    /// Each gold label's F1, over the resamples that hold the label (in `ArgumentLabel.allCases` order; nil for a
    /// label the gold does not have).
    public var labelF1: [Interval?]
}

/// Two labellings of one gold, compared on the same sentences: a paired bootstrap (each resample draws the same
/// documents or sentences for both) for the difference in macro-F1 and accuracy, and the exact McNemar test on which
/// sentences each labels right.
public struct PairedComparison: Sendable, Hashable {
    public var unit: ResamplingUnit
    public var population: Int
    public var resamples: Int
    public var level: Double
    public var candidateMacroF1: Double
    public var baselineMacroF1: Double
    public var candidateAccuracy: Double
    public var baselineAccuracy: Double
    /// Candidate minus baseline, over all the sentences.
    public var macroF1Difference: Double { candidateMacroF1 - baselineMacroF1 }
    public var accuracyDifference: Double { candidateAccuracy - baselineAccuracy }
    public var macroF1DifferenceInterval: Interval
    public var accuracyDifferenceInterval: Interval
    /// The share of resamples in which the candidate's macro-F1 is above the baseline's (ties count half).
    public var candidateBetterShare: Double
    /// Sentences that only the candidate labels right, and that only the baseline does.
    public var onlyCandidateRight: Int
    public var onlyBaselineRight: Int
    /// Two-sided exact McNemar p-value: how likely a split of the discordant sentences at least this uneven is if
    /// both labellings were equally accurate.
    public var mcNemarP: Double
}

/// Two labellings that cannot be compared sentence by sentence.
public enum ComparisonError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The two were scored on different gold sentences of this document (another gold, or another pairing).
    case differentSentences(document: String)
    case nothingToCompare

    public var description: String {
        switch self {
        case .differentSentences(let document):
            "\(document): the two predictions were scored on different gold sentences; compare predictions of the same gold, paired the same way (--match)"
        case .nothingToCompare: "no document has both predictions: nothing to compare"
        }
    }
}

/// Bootstrap intervals and paired comparisons over evaluated documents. Deterministic: the same inputs and seed
/// give the same intervals on every machine.
public enum Bootstrap {
    /// The generator's seed unless one is given.
    public static let defaultSeed: UInt64 = 20_261_206

    /// Intervals for macro-F1 (over the labels present in each resample's gold) and accuracy, drawing `unit`s of
    /// `documents` with replacement `resamples` times.
    public static func estimate(
        _ documents: [LabelEvaluation], unit: ResamplingUnit, resamples: Int, level: Double = 0.95, seed: UInt64 = defaultSeed
    ) -> BootstrapEstimate {
        let items = Items(documents.map { ($0, $0) }, unit: unit)
        var rng = SplitMix64(seed: seed)
        var macro: [Double] = []
        var accuracy: [Double] = []
        var kappa: [Double] = []
        var labels = [[Double]](repeating: [], count: LabelEvaluation.noneIndex)
        macro.reserveCapacity(resamples)
        accuracy.reserveCapacity(resamples)
        for _ in 0..<resamples {
            let (tally, _) = items.draw(&rng)
            macro.append(tally.macroF1)
            accuracy.append(tally.accuracy)
            kappa.append(tally.kappa)
            for label in labels.indices {
                if let f1 = tally.f1(label) { labels[label].append(f1) }
            }
        }
        let present = items.all.0
        return BootstrapEstimate(
            unit: unit, population: items.count, resamples: resamples, level: level,
            macroF1: percentiles(macro, level: level), accuracy: percentiles(accuracy, level: level),
            kappa: percentiles(kappa, level: level),
            labelF1: labels.indices.map { present.f1($0) == nil ? nil : percentiles(labels[$0], level: level) })
    }

    /// Compares `candidate` with `baseline`, document by document as named (the same gold scored twice).
    public static func compare(
        _ documents: [(name: String, candidate: LabelEvaluation, baseline: LabelEvaluation)],
        unit: ResamplingUnit, resamples: Int, level: Double = 0.95, seed: UInt64 = defaultSeed
    ) throws(ComparisonError) -> PairedComparison {
        guard !documents.isEmpty else { throw .nothingToCompare }
        var onlyCandidate = 0
        var onlyBaseline = 0
        for d in documents {
            guard d.candidate.scored.count == d.baseline.scored.count,
                  zip(d.candidate.scored, d.baseline.scored).allSatisfy({ $0.gold == $1.gold })
            else { throw .differentSentences(document: d.name) }
            for (a, b) in zip(d.candidate.scored, d.baseline.scored) {
                let candidateRight = a.predicted == a.gold
                let baselineRight = b.predicted == b.gold
                if candidateRight && !baselineRight { onlyCandidate += 1 }
                if baselineRight && !candidateRight { onlyBaseline += 1 }
            }
        }
        let items = Items(documents.map { ($0.candidate, $0.baseline) }, unit: unit)
        let whole = items.all
        var rng = SplitMix64(seed: seed)
        var macroDifferences: [Double] = []
        var accuracyDifferences: [Double] = []
        var better = 0.0
        for _ in 0..<resamples {
            let (a, b) = items.draw(&rng)
            let difference = a.macroF1 - b.macroF1
            macroDifferences.append(difference)
            accuracyDifferences.append(a.accuracy - b.accuracy)
            better += difference > 0 ? 1 : difference == 0 ? 0.5 : 0
        }
        return PairedComparison(
            unit: unit, population: items.count, resamples: resamples, level: level,
            candidateMacroF1: whole.0.macroF1, baselineMacroF1: whole.1.macroF1,
            candidateAccuracy: whole.0.accuracy, baselineAccuracy: whole.1.accuracy,
            macroF1DifferenceInterval: percentiles(macroDifferences, level: level),
            accuracyDifferenceInterval: percentiles(accuracyDifferences, level: level),
            candidateBetterShare: resamples == 0 ? 0.5 : better / Double(resamples),
            onlyCandidateRight: onlyCandidate, onlyBaselineRight: onlyBaseline,
            mcNemarP: mcNemar(onlyCandidate, onlyBaseline))
    }

    /// Two-sided exact McNemar test: twice the binomial(b + c, ½) probability of a split at least as uneven as
    /// b : c, at most 1.
    public static func mcNemar(_ b: Int, _ c: Int) -> Double {
        let n = b + c
        guard n > 0 else { return 1 }
        let k = min(b, c)
        let logHalfToN = Double(n) * log(0.5)
        var tail = 0.0
        for i in 0...k {
            tail += exp(lgamma(Double(n + 1)) - lgamma(Double(i + 1)) - lgamma(Double(n - i + 1)) + logHalfToN)
        }
        return min(1, 2 * tail)
    }

    /// The central `level` share of `values`, by linear interpolation between order statistics.
    static func percentiles(_ values: [Double], level: Double) -> Interval {
        guard !values.isEmpty else { return Interval(lower: 0, upper: 0) }
        let sorted = values.sorted()
        func quantile(_ q: Double) -> Double {
            let position = q * Double(sorted.count - 1)
            let below = Int(position.rounded(.down))
            let above = min(below + 1, sorted.count - 1)
            return sorted[below] + (sorted[above] - sorted[below]) * (position - Double(below))
        }
        let tail = (1 - level) / 2
        return Interval(lower: quantile(tail), upper: quantile(1 - tail))
    }
}

/// What a resample draws from: per document two tallies (a paired comparison's two labellings, or one twice), or
/// per scored sentence its two cells.
private struct Items {
    private var documents: [(Tally, Tally)] = []
    private var sentences: [(Int, Int)] = []
    private var symmetric = false

    init(_ pairs: [(LabelEvaluation, LabelEvaluation)], unit: ResamplingUnit) {
        symmetric = pairs.contains { $0.0.symmetric }
        switch unit {
        case .documents:
            documents = pairs.map { (Tally($0.0), Tally($0.1)) }
        case .sentences:
            for (a, b) in pairs {
                for (x, y) in zip(a.scored, b.scored) {
                    sentences.append((Int(x.gold) * Tally.side + Int(x.predicted), Int(y.gold) * Tally.side + Int(y.predicted)))
                }
            }
        }
    }

    var count: Int { documents.isEmpty ? sentences.count : documents.count }

    /// Every item once: the point estimates.
    var all: (Tally, Tally) {
        var a = Tally()
        var b = Tally()
        a.symmetric = symmetric
        b.symmetric = symmetric
        for (x, y) in documents {
            a.add(x)
            b.add(y)
        }
        for (x, y) in sentences {
            a.cells[x] += 1
            b.cells[y] += 1
        }
        return (a, b)
    }

    /// `count` items drawn with replacement.
    func draw(_ rng: inout SplitMix64) -> (Tally, Tally) {
        var a = Tally()
        var b = Tally()
        a.symmetric = symmetric
        b.symmetric = symmetric
        let n = count
        guard n > 0 else { return (a, b) }
        for _ in 0..<n {
            let i = Int(rng.next().multipliedFullWidth(by: UInt64(n)).high)
            if documents.isEmpty {
                a.cells[sentences[i].0] += 1
                b.cells[sentences[i].1] += 1
            } else {
                a.add(documents[i].0)
                b.add(documents[i].1)
            }
        }
        return (a, b)
    }
}
