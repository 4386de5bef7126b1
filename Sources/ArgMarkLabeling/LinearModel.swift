import ArgMarkCore
import Foundation

/// A multinomial logistic-regression model over hashed features: one weight row per feature index.
public struct LinearModel: Sendable {
    public let labels: [ArgumentLabel]
    public let dimensions: Int
    /// `dimensions × labels.count`, row-major by feature.
    public var weights: [Float]

    public init(labels: [ArgumentLabel], dimensions: Int, weights: [Float]? = nil) {
        self.labels = labels
        self.dimensions = dimensions
        self.weights = weights ?? [Float](repeating: 0, count: dimensions * labels.count)
    }

    /// Unnormalised class scores (the dot product of each label's weights with the features).
    public func scores(_ x: FeatureVector) -> [Double] {
        let k = labels.count
        var scores = [Double](repeating: 0, count: k)
        // Buffers, not arrays: this loop is a fifth of labelling time, and every index is a hash reduced modulo
        // `dimensions`, with one value beside it (`FeatureVector.add`).
        weights.withUnsafeBufferPointer { w in
            x.indices.withUnsafeBufferPointer { indices in
                x.values.withUnsafeBufferPointer { values in
                    scores.withUnsafeMutableBufferPointer { s in
                        for n in 0..<indices.count {
                            let base = Int(indices[n]) * k
                            let value = Double(values[n])
                            for c in 0..<k { s[c] += Double(w[base + c]) * value }
                        }
                    }
                }
            }
        }
        return scores
    }

    /// Class probabilities (softmax of the scores).
    public func probabilities(_ x: FeatureVector) -> [Double] {
        Self.softmax(scores(x))
    }

    /// Label scores as probabilities.
    public static func softmax(_ scores: [Double]) -> [Double] {
        var scores = scores
        let top = scores.max() ?? 0
        var total = 0.0
        for c in scores.indices {
            scores[c] = exp(scores[c] - top)
            total += scores[c]
        }
        return scores.map { $0 / total }
    }

    // MARK: Storage

    /// Sparse little-endian file: magic, version, dimensions, label count, row count, then per non-zero row
    /// its UInt32 index and `labels.count` Float32 weights.
    public func serialized() -> [UInt8] {
        let k = labels.count
        var out: [UInt8] = Array("AMLR".utf8)
        func u32(_ v: UInt32) { withUnsafeBytes(of: v.littleEndian) { out.append(contentsOf: $0) } }
        u32(1)
        u32(UInt32(dimensions))
        u32(UInt32(k))
        var rows: [Int] = []
        for row in 0..<dimensions where (0..<k).contains(where: { abs(weights[row * k + $0]) > 1e-5 }) { rows.append(row) }
        u32(UInt32(rows.count))
        for row in rows {
            u32(UInt32(row))
            for c in 0..<k { u32(weights[row * k + c].bitPattern) }
        }
        return out
    }

    /// Reads what `serialized()` wrote, from the file's bytes as loaded (`Data` or `[UInt8]`, without a copy).
    public init(serialized bytes: some ContiguousBytes, labels: [ArgumentLabel]) throws(ModelError) {
        let headerSize = 20
        let (isWeightsFile, byteCount) = bytes.withUnsafeBytes { raw in (raw.starts(with: "AMLR".utf8), raw.count) }
        guard isWeightsFile else { throw .corrupt("not an ArgMark weights file") }
        guard byteCount >= headerSize else { throw .corrupt("truncated weights file") }
        // Unaligned little-endian loads over the whole buffer: a Chinese model has half a million rows, and reading
        // them byte by byte took a third of the start-up time.
        func u32(_ raw: UnsafeRawBufferPointer, _ offset: Int) -> UInt32 {
            UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
        }
        let (version, dimensions, k, rows) = bytes.withUnsafeBytes { raw in
            (u32(raw, 4), Int(u32(raw, 8)), Int(u32(raw, 12)), Int(u32(raw, 16)))
        }
        guard version == 1 else { throw .corrupt("unsupported weights version") }
        guard k == labels.count, dimensions > 0, dimensions <= 1 << 24 else { throw .corrupt("weights do not match the manifest") }
        guard byteCount == headerSize + rows * (4 + 4 * k) else { throw .corrupt("weights file has the wrong size") }
        var weights = [Float](repeating: 0, count: dimensions * k)
        let rowOutOfRange: Int? = bytes.withUnsafeBytes { raw in
            weights.withUnsafeMutableBufferPointer { w in
                var offset = headerSize
                for _ in 0..<rows {
                    let row = Int(u32(raw, offset))
                    guard row < dimensions else { return row }
                    offset += 4
                    for c in 0..<k { w[row * k + c] = Float(bitPattern: u32(raw, offset + 4 * c)) }
                    offset += 4 * k
                }
                return nil
            }
        }
        if let rowOutOfRange { throw .corrupt("row \(rowOutOfRange) out of range") }
        self.init(labels: labels, dimensions: dimensions, weights: weights)
    }
}

/// Why a model could not be loaded.
public enum ModelError: Error, Sendable, CustomStringConvertible {
    case missing(String)
    case corrupt(String)
    /// Something the model needs beside its own files did not load; its own error says why.
    case dependency(String)

    public var description: String {
        switch self {
        case .missing(let what): "\(what) is missing; run `argmark train` or restore Models/"
        case .corrupt(let what): "\(what); retrain the model with `argmark train`"
        case .dependency(let what): what
        }
    }
}

/// What a trained model says about itself (`manifest.json` beside the weights).
public struct ModelManifest: Codable, Sendable, Hashable {
    public var id: String
    /// The model's version, the N of its id's `.vN` (1 for an id without one).
    public var version: Int
    public var language: String
    public var labels: [String]
    public var dimensions: Int
    public var featureSet: String
    public var featureVersion: Int
    public var lexicon: String
    public var seed: UInt64
    public var epochs: Int
    public var l2: Double
    /// How many shuffles were averaged (absent in manifests from before averaging: one).
    public var shuffles: Int?
    /// The paragraph chain's label-to-label transition scores (rows: previous label, columns: label, both in
    /// `labels` order); absent when the model labels each sentence on its own.
    public var transitions: [[Double]]?
    public var trainingData: [TrainingSource]
    public var scores: [String: Double]
    public var summary: String
    /// The other settings that shape the weights (absent in manifests from before they were recorded): the
    /// class-balance exponent, the learning rate, and whether a stacked second stage was trained.
    public var classBalance: Double?
    public var learningRate: Double?
    public var stacked: Bool?
    /// What the cross-validated `scores` measure: the sources held out in turn, and the labellers (with weights)
    /// the fold models were combined with (none: the model alone).
    public var crossValidated: [String]?
    public var scoresCombinedWith: [String: Double]?

    public struct TrainingSource: Codable, Sendable, Hashable {
        public var path: String
        public var documents: Int
        public var sentences: Int
        public var weight: Double
        public var licence: String

        public init(path: String, documents: Int, sentences: Int, weight: Double, licence: String) {
            self.path = path
            self.documents = documents
            self.sentences = sentences
            self.weight = weight
            self.licence = licence
        }
    }

    public init(
        id: String, version: Int, language: String, labels: [String], dimensions: Int, featureSet: String,
        featureVersion: Int, lexicon: String, seed: UInt64, epochs: Int, l2: Double, shuffles: Int? = nil, transitions: [[Double]]? = nil, trainingData: [TrainingSource],
        scores: [String: Double], summary: String
    ) {
        self.id = id
        self.version = version
        self.language = language
        self.labels = labels
        self.dimensions = dimensions
        self.featureSet = featureSet
        self.featureVersion = featureVersion
        self.lexicon = lexicon
        self.seed = seed
        self.epochs = epochs
        self.l2 = l2
        self.shuffles = shuffles
        self.transitions = transitions
        self.trainingData = trainingData
        self.scores = scores
        self.summary = summary
    }
}
