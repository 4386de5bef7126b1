import Foundation

/// A linear chain over the sentences of a paragraph: label-to-label transition scores added to each sentence's
/// own label scores, so that a case told over several sentences stays one case (an example is followed by an
/// example far more often than evidence is) without a cue in every sentence.
///
/// Inference is forward–backward: each sentence gets its marginal label probabilities given the whole paragraph,
/// which the combiner can merge with other labellers like any other per-sentence probabilities.
public struct LabelChain: Sendable, Hashable {
    /// Number of labels.
    public let count: Int
    /// `count × count`, row-major: the score of label `b` following label `a` is `transitions[a * count + b]`.
    public var transitions: [Double]

    public init(count: Int, transitions: [Double]? = nil) {
        self.count = count
        self.transitions = transitions ?? [Double](repeating: 0, count: count * count)
    }

    /// A chain from its table as rows (previous label) of columns (label), as `manifest.json` stores it; nil unless
    /// the table is square and every entry a finite number.
    public init?(rows: [[Double]]) {
        guard !rows.isEmpty, rows.allSatisfy({ $0.count == rows.count && $0.allSatisfy(\.isFinite) }) else { return nil }
        self.init(count: rows.count, transitions: rows.flatMap { $0 })
    }

    /// The table as rows (previous label) of columns (label).
    public var rows: [[Double]] {
        (0..<count).map { Array(transitions[($0 * count)..<(($0 + 1) * count)]) }
    }

    /// What forward–backward tells about one chain.
    public struct Posterior: Sendable {
        /// Per position, the marginal probability of each label.
        public var marginals: [[Double]]
        /// Per position after the first, the probability of each (previous label, label) pair, row-major.
        public var pairs: [[Double]]
    }

    /// Forward–backward over one chain of per-position label `scores` (unnormalised log-potentials); the pair
    /// probabilities, which only training needs, are computed when `pairs` is true.
    public func posterior(_ scores: ArraySlice<[Double]>, pairs withPairs: Bool = true) -> Posterior {
        let k = count
        let n = scores.count
        guard n > 0 else { return Posterior(marginals: [], pairs: []) }
        let first = scores.startIndex
        var alpha = [[Double]](repeating: [Double](repeating: 0, count: k), count: n)
        var beta = [[Double]](repeating: [Double](repeating: 0, count: k), count: n)
        alpha[0] = scores[first]
        var terms = [Double](repeating: 0, count: k)
        if n > 1 {
            for i in 1..<n {
                for b in 0..<k {
                    for a in 0..<k { terms[a] = alpha[i - 1][a] + transitions[a * k + b] }
                    alpha[i][b] = scores[first + i][b] + Self.logSumExp(terms)
                }
            }
            for i in stride(from: n - 2, through: 0, by: -1) {
                for a in 0..<k {
                    for b in 0..<k { terms[b] = transitions[a * k + b] + scores[first + i + 1][b] + beta[i + 1][b] }
                    beta[i][a] = Self.logSumExp(terms)
                }
            }
        }
        let logZ = Self.logSumExp(alpha[n - 1])
        var marginals: [[Double]] = []
        marginals.reserveCapacity(n)
        for i in 0..<n { marginals.append((0..<k).map { exp(alpha[i][$0] + beta[i][$0] - logZ) }) }
        var pairs: [[Double]] = []
        if withPairs && n > 1 {
            pairs.reserveCapacity(n - 1)
            for i in 1..<n {
                var pair = [Double](repeating: 0, count: k * k)
                for a in 0..<k {
                    for b in 0..<k {
                        pair[a * k + b] = exp(alpha[i - 1][a] + transitions[a * k + b] + scores[first + i][b] + beta[i][b] - logZ)
                    }
                }
                pairs.append(pair)
            }
        }
        return Posterior(marginals: marginals, pairs: pairs)
    }

    /// Marginal label probabilities of every sentence; `previous[n]` is the index of sentence `n`'s predecessor
    /// in its paragraph (nil at a paragraph's start), and sentences are listed in reading order.
    public func marginals(scores: [[Double]], previous: [Int?]) -> [[Double]] {
        var result: [[Double]] = []
        result.reserveCapacity(scores.count)
        for range in Self.chains(previous: previous) { result += posterior(scores[range], pairs: false).marginals }
        return result
    }

    /// The paragraph chains: maximal runs of sentences each following the one before.
    public static func chains(previous: [Int?]) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var start = 0
        for n in previous.indices where n > 0 && previous[n] != n - 1 {
            ranges.append(start..<n)
            start = n
        }
        if !previous.isEmpty { ranges.append(start..<previous.count) }
        return ranges
    }

    static func logSumExp(_ values: [Double]) -> Double {
        let top = values.max() ?? 0
        guard top.isFinite else { return top }
        var sum = 0.0
        for v in values { sum += exp(v - top) }
        return top + log(sum)
    }
}
