import ArgMarkCore

/// The role a plugin plays in the pipeline.
public enum PluginKind: String, Sendable, CaseIterable, Hashable {
    case reader, writer, labeler, linker, scorer
}

/// What a plugin declares about itself: a versioned id, a one-line summary, the languages it handles,
/// and the document facts it requires and assigns (checked before a pipeline runs).
public struct PluginDescriptor: Sendable, Hashable {
    /// Versioned id, e.g. `read.article.v1`, `label.cue.zh.v1`.
    public var id: String
    public var kind: PluginKind
    public var summary: String
    /// Languages handled; empty means any.
    public var languages: [LanguageTag]
    /// Labels scored (labellers only).
    public var labels: [ArgumentLabel]
    public var requires: [DocumentFacet]
    public var assigns: [DocumentFacet]
    /// A fingerprint of the data the plugin loaded (``PluginRecord/fingerprint``), set by whatever loaded it.
    public var fingerprint: String?

    public init(
        id: String, kind: PluginKind, summary: String, languages: [LanguageTag] = [],
        labels: [ArgumentLabel] = [], requires: [DocumentFacet] = [], assigns: [DocumentFacet] = []
    ) {
        self.id = id
        self.kind = kind
        self.summary = summary
        self.languages = languages
        self.labels = labels
        self.requires = requires
        self.assigns = assigns
    }
}

/// A fact about a document that a plugin needs or produces.
public enum DocumentFacet: String, Sendable, Hashable, CaseIterable {
    case sentences, labels, tree, scores
}

/// Every plugin describes itself.
public protocol Plugin: Sendable {
    var descriptor: PluginDescriptor { get }
}

/// The bytes of one input and what is known about where they came from.
public struct ReaderInput: Sendable {
    public var bytes: [UInt8]
    /// The path as the user gave it, nil for standard input; used for ids and format sniffing.
    public var sourcePath: String?
    public var documentID: String
    /// The one document to read from a file that holds several (a corpus table's rows of one `doc_id`), as the
    /// reader's ``DocumentReader/parts(of:)`` found it; nil reads the file whole.
    public var part: DocumentPart?

    public init(bytes: [UInt8], sourcePath: String?, documentID: String, part: DocumentPart? = nil) {
        self.bytes = bytes
        self.sourcePath = sourcePath
        self.documentID = documentID
        self.part = part
    }
}

/// A key of an input file that reading passed over (a JSONL "lable" typed by hand, a project's own field), with the
/// first line it stands on: it counts for nothing and is not written back.
public struct PassedOverKey: Sendable, Hashable {
    public var key: String
    public var line: Int

    public init(key: String, line: Int) {
        self.key = key
        self.line = line
    }

    /// What a command says of `keys` passed over in the file at `path`: the first few, and what may have been meant.
    public static func warning(_ keys: [PassedOverKey], path: String) -> String {
        let shown = keys.prefix(5).map { "\($0.key) on line \($0.line)" }.joined(separator: ", ") + (keys.count > 5 ? ", …" : "")
        return "\(path): keys ArgMark's JSONL does not read are passed over (\(shown)); mistyped? (label, labeledBy, parent, relation …)"
    }
}

/// A reader whose format can hold more than it reads: it names what reading passed over, so that a command warns
/// rather than drops a person's field without a word.
public protocol PassedOverReporting {
    /// The keys of `bytes` that reading them into `document` passed over, in order of appearance; empty when none.
    func passedOver(in bytes: [UInt8], readAs document: Document) -> [PassedOverKey]
}

/// Reads one input format into a ``Document`` (segmented, ids assigned).
public protocol DocumentReader: Plugin {
    /// The name users pass to `--input-format`.
    var formatName: String { get }
    /// File extensions (lower case, no dot) this reader claims under `--input-format auto`;
    /// compound ones like `tei.xml` are allowed.
    var fileExtensions: [String] { get }
    /// How strongly the content looks like this format (0 = not at all), for `auto` when extensions disagree.
    func sniff(_ prefix: Substring) -> Int
    func read(_ input: ReaderInput) throws(DocumentReadError) -> Document
    /// The documents a file of this format holds when it holds several (a corpus table's `doc_id`s, in order), each
    /// read on its own with ``ReaderInput/part``; empty for a file that is one document.
    func parts(of bytes: [UInt8]) throws(DocumentReadError) -> [DocumentPart]
}

extension DocumentReader {
    public func parts(of bytes: [UInt8]) throws(DocumentReadError) -> [DocumentPart] { [] }
}

/// One document of a file that holds several: its id, and the lines of the file it is read from (a table's header
/// first), each with its first byte, its first scalar's offset and its number from 0, so that reading the document
/// costs its own lines, not the whole file's.
public struct DocumentPart: Sendable, Hashable {
    public struct Line: Sendable, Hashable {
        public var bytes: Range<Int>
        public var scalar: Int
        public var number: Int

        public init(bytes: Range<Int>, scalar: Int, number: Int) {
            self.bytes = bytes
            self.scalar = scalar
            self.number = number
        }
    }

    public var id: String
    public var lines: [Line]

    public init(id: String, lines: [Line]) {
        self.id = id
        self.lines = lines
    }
}

/// Serialises a ``Document`` into one output format.
public protocol DocumentWriter: Plugin {
    /// The name users pass to `--to`.
    var formatName: String { get }
    /// The extension given to output files, without the dot.
    var fileExtension: String { get }
    func write(_ document: Document) throws(DocumentWriteError) -> [UInt8]
}

/// Proposes labels for the sentences of a document. Labellers never mutate the document; the
/// ``LabelCombiner`` merges their proposals, and labels a human set are never overwritten. In-process labellers
/// never fail; an external one throws when its process crashes, times out or replies nonsense.
public protocol Labeler: Plugin {
    func propose(for document: Document) throws(PluginError) -> [LabelProposal]
}

/// Builds or repairs the argument tree (parents and relations) of a labelled document.
public protocol Linker: Plugin {
    /// Consumes the document so that writing the links changes it in place: a copy of a long document's units
    /// cost a tenth of annotating it.
    func link(_ document: consuming Document) -> Document
}

/// Computes evidential-support scores over the argument tree.
public protocol Scorer: Plugin {
    /// Consumes the document so that writing the scores changes it in place.
    func score(_ document: consuming Document) -> Document
    /// Brings the scores up to date after an edit of `units` (their labels or links changed): those units, the
    /// parents they had before, and everything above them. `children[i]` lists the argumentative children of unit
    /// `i` in document order and `index` maps ids to units, both as they are after the edit. Editors call this
    /// after every edit; the default scores the whole document.
    func rescore(_ document: inout Document, units: [Int], children: [[Int]], index: [String: Int])
}

extension Scorer {
    public func rescore(_ document: inout Document, units: [Int], children: [[Int]], index: [String: Int]) {
        document = score(consume document)
    }
}

/// Scores per label, stored inline (no allocation): labellers produce one per sentence, so this is hot.
public struct LabelScores: Sendable, Hashable, ExpressibleByDictionaryLiteral, Sequence {
    /// NaN marks a label without a score.
    private var storage = SIMD8<Double>(repeating: .nan)

    public init() {}

    public init(dictionaryLiteral elements: (ArgumentLabel, Double)...) {
        for (label, score) in elements { self[label] = score }
    }

    public init(_ dictionary: [ArgumentLabel: Double]) {
        for (label, score) in dictionary { self[label] = score }
    }

    @inline(__always)
    private static func slot(_ label: ArgumentLabel) -> Int {
        switch label {
        case .claim: 0
        case .evidence: 1
        case .example: 2
        case .prescription: 3
        case .background: 4
        }
    }

    public subscript(label: ArgumentLabel) -> Double? {
        get {
            let v = storage[Self.slot(label)]
            return v.isNaN ? nil : v
        }
        set { storage[Self.slot(label)] = newValue ?? .nan }
    }

    public var isEmpty: Bool { ArgumentLabel.allCases.allSatisfy { self[$0] == nil } }

    /// The scored labels in guideline order.
    public func makeIterator() -> some IteratorProtocol<(label: ArgumentLabel, score: Double)> {
        ArgumentLabel.allCases.compactMap { label in self[label].map { (label: label, score: $0) } }.makeIterator()
    }

    public static func == (a: Self, b: Self) -> Bool {
        ArgumentLabel.allCases.allSatisfy { a[$0] == b[$0] }
    }

    public func hash(into hasher: inout Hasher) {
        for label in ArgumentLabel.allCases { hasher.combine(self[label]) }
    }
}

/// One labeller's opinion about one sentence.
public struct LabelProposal: Sendable, Hashable {
    /// Index into ``Document/units``.
    public var unitIndex: Int
    /// Scores per label in [0, 1]; a single-label detector gives one entry.
    public var scores: LabelScores
    /// Why: the cue that fired, the strongest features, … (kept as the sentence's `labelReasons`, shown by review
    /// and explain).
    public var evidence: String
    public var pluginID: String
    /// A default the labeller gives when it found nothing (a cue lexicon's weak claim where no cue fired): it
    /// counts in the combination but is no reason worth keeping.
    public var isFallback: Bool

    public init(unitIndex: Int, scores: LabelScores, evidence: String, pluginID: String, isFallback: Bool = false) {
        self.unitIndex = unitIndex
        self.scores = scores
        self.evidence = evidence
        self.pluginID = pluginID
        self.isFallback = isFallback
    }
}
