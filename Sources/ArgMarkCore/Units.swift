/// The annotation slots of a sentence: filled by labellers, the linker, the scorer or a human reviewer.
public struct SentenceAnnotation: Sendable, Hashable {
    /// The argumentative label, or nil while unlabelled.
    public var label: ArgumentLabel?
    /// The labeller's confidence in `label`, in [0, 1]; nil for human labels or when unknown.
    public var confidence: Double?
    /// What `confidence` is: a calibrated probability or the winning label's share of the combined scores
    /// (``ConfidenceScale/calibrated`` or ``ConfidenceScale/share``); nil without a confidence or where the file it
    /// was read from does not say (an older ArgMark's, another tool's).
    public var confidenceScale: ConfidenceScale?
    /// Who chose the label.
    public var labeledBy: Annotator?
    /// The id of the parent sentence in the argument tree; nil for the thesis, background sentences and unlinked ones.
    public var parent: String?
    /// How this sentence relates to `parent`.
    public var relation: ArgumentRelation?
    /// The evidential-support score in [0, 1] once scored.
    public var score: Double?
    /// Who set `parent` and `relation` (or decided that the sentence is the thesis): a linker or a person.
    /// Machine runs never change links a person set.
    public var linkedBy: Annotator?
    /// The linker's confidence in the edge to `parent`; nil for human links.
    public var linkConfidence: Double?
    /// How `score` came about: the base score and the children that raised or lowered it.
    public var explanation: ScoreExplanation?
    /// When a person last edited or accepted this sentence's label or link (ISO 8601, UTC); nil while unreviewed.
    public var reviewedAt: String?
    /// What each labeller proposed for the sentence at the last run that labelled it, in pipeline order: why the
    /// machine label is what it is. A person's later label leaves them as they were (what the machines had said).
    public var labelReasons: [LabelReason]

    public init(
        label: ArgumentLabel? = nil, confidence: Double? = nil, labeledBy: Annotator? = nil,
        parent: String? = nil, relation: ArgumentRelation? = nil, score: Double? = nil,
        linkedBy: Annotator? = nil, linkConfidence: Double? = nil, explanation: ScoreExplanation? = nil,
        reviewedAt: String? = nil, labelReasons: [LabelReason] = [], confidenceScale: ConfidenceScale? = nil
    ) {
        self.label = label
        self.confidence = confidence
        self.confidenceScale = confidenceScale
        self.labeledBy = labeledBy
        self.parent = parent
        self.relation = relation
        self.score = score
        self.linkedBy = linkedBy
        self.linkConfidence = linkConfidence
        self.explanation = explanation
        self.reviewedAt = reviewedAt
        self.labelReasons = labelReasons
    }

    /// True for a machine label with a confidence: the confidences whose scale outputs record.
    public var hasMachineConfidence: Bool { confidence != nil && !isKeptLabel }

    /// The scale a machine confidence records (`calibrated` or `share`); nil for none, a person's label, and one
    /// whose file does not say (or says mixed by hand, which a sentence's scale never is).
    public var recordedConfidenceScale: ConfidenceScale? {
        hasMachineConfidence && confidenceScale != .mixed ? confidenceScale : nil
    }

    /// True when a person set the link; such links are never changed by machine runs.
    public var isHumanLink: Bool { linkedBy?.isHuman ?? false }

    /// True when a person set the label; such labels are never overwritten by machine runs.
    public var isHumanLabel: Bool { labeledBy?.isHuman ?? false }

    /// True when no labeller may overwrite the label: a person's, or one of unknown origin (a label in hand-made
    /// JSONL or another tool's TEI, with no `labeledBy`), which is someone's work as far as ArgMark can tell.
    public var isKeptLabel: Bool { label != nil && labeledBy?.isHuman != false }

    /// True once a person has edited or accepted the sentence, its label or its link.
    public var isReviewed: Bool { reviewedAt != nil }

    /// Whether `value` is a review time as files keep it: a date and time `YYYY-MM-DDTHH:MM:SS` with an optional
    /// fraction of a second, or a date `YYYY-MM-DD` (another tool's TEI `@when` may give only the day), either with an
    /// optional zone (`Z`, `+08:00`): what TEI's `@when` takes as a dateTime or a date. Written out: it is asked of
    /// every sentence read.
    public static func isReviewTime(_ value: String) -> Bool {
        let s = Array(value.utf8)
        func digits(_ range: Range<Int>) -> Bool { range.upperBound <= s.count && s[range].allSatisfy { $0 >= 0x30 && $0 <= 0x39 } }
        func byte(_ i: Int, _ c: Character) -> Bool { i < s.count && s[i] == c.asciiValue! }
        guard digits(0..<4), byte(4, "-"), digits(5..<7), byte(7, "-"), digits(8..<10) else { return false }
        var i = 10
        if byte(i, "T") {
            guard digits(11..<13), byte(13, ":"), digits(14..<16), byte(16, ":"), digits(17..<19) else { return false }
            i = 19
        }
        if i == 19, byte(i, ".") {
            i += 1
            let start = i
            while i < s.count, s[i] >= 0x30, s[i] <= 0x39 { i += 1 }
            guard i > start else { return false }
        }
        if i == s.count { return true }
        if byte(i, "Z") { return i + 1 == s.count }
        guard byte(i, "+") || byte(i, "-") else { return false }
        return digits((i + 1)..<(i + 3)) && byte(i + 3, ":") && digits((i + 4)..<(i + 6)) && i + 6 == s.count
    }

    /// True once a person has set or accepted the label (a label of unknown origin, hand-made or another tool's,
    /// counts once a person has reviewed the sentence): what review's queues go by. A link a person set leaves a
    /// machine label unreviewed.
    public var isLabelReviewed: Bool { isHumanLabel || (label != nil && labeledBy == nil && reviewedAt != nil) }

    /// True for the document's thesis: an argumentative sentence that a linker or person placed at the root.
    public var isThesis: Bool { label?.isArgumentative == true && parent == nil && linkedBy != nil }
}

/// One labeller's proposal for a sentence: the label it scored highest, that score, and its own account of why
/// (the cues or rules that fired, an external model's note; empty where the score says it all).
public struct LabelReason: Sendable, Hashable {
    /// The labeller's plugin id.
    public var plugin: String
    public var label: ArgumentLabel
    /// The labeller's score for `label`, in [0, 1].
    public var score: Double
    public var evidence: String

    public init(plugin: String, label: ArgumentLabel, score: Double, evidence: String) {
        self.plugin = plugin
        self.label = label
        self.score = score
        self.evidence = evidence
    }

    /// `label.rules.zh.v1 example 0.95 (^例如→example)`, as review and explain show it.
    public var summary: String {
        let evidence = Self.printable(evidence)
        return "\(Self.printable(plugin)) \(label.rawValue) \(FixedDecimal.twoPlaces(score))" + (evidence.isEmpty ? "" : " (\(evidence))")
    }

    /// Whether `text` is already as ``printable(_:)`` would make it (the common case, checked without building a
    /// string): no control character or non-character, no space at either end or two in a row, nothing beyond the
    /// limit.
    static func isPrintable(_ text: String) -> Bool {
        var previousWasSpace = true
        var count = 0
        for scalar in text.unicodeScalars {
            let v = scalar.value
            if isUnprintable(scalar) { return false }
            // Unicode's White_Space characters beyond the plain space become plain spaces on the slow path.
            if v == 0xA0 || v == 0x1680 || (0x2000...0x200A).contains(v) || v == 0x2028 || v == 0x2029 || v == 0x202F
                || v == 0x205F || v == 0x3000 || v == 0x85 { return false }
            let isSpace = v == 0x20
            if isSpace && previousWasSpace { return false }
            previousWasSpace = isSpace
            count += 1
            if count > evidenceLimit { return false }
        }
        return !previousWasSpace || count == 0
    }

    /// Longest evidence kept: a reason, not a document.
    public static let evidenceLimit = 300

    /// `text` fit to show on a terminal and to store in XML: control characters (a terminal's escape sequences,
    /// line breaks), bidirectional overrides and non-characters become spaces, runs of spaces one, and more than
    /// ``evidenceLimit`` characters end in "…". An external labeller's evidence passes through here.
    public static func printable(_ text: String) -> String {
        if isPrintable(text) { return text }
        var out: [Unicode.Scalar] = []
        var lastWasSpace = true
        for scalar in text.unicodeScalars {
            let isSpace = isUnprintable(scalar) || scalar.properties.isWhitespace
            if isSpace && lastWasSpace { continue }
            out.append(isSpace ? " " : scalar)
            lastWasSpace = isSpace
        }
        if lastWasSpace, !out.isEmpty { out.removeLast() }
        if out.count > evidenceLimit { out = Array(out.prefix(evidenceLimit)) + ["…"] }
        var view = String.UnicodeScalarView()
        view.append(contentsOf: out)
        return String(view)
    }

    /// Control characters (C0, DEL, C1), the bidirectional overrides and isolates, which reorder what follows them
    /// on a terminal, and the non-characters U+FFFE/U+FFFF.
    public static func isUnprintable(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        return v < 0x20 || (0x7F...0x9F).contains(v) || (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v)
            || v == 0xFFFE || v == 0xFFFF
    }
}

/// Why a sentence has its support score: its base score and the aggregated strength of its supporters and
/// attackers (gradual semantics over the bipolar argument tree).
public struct ScoreExplanation: Sendable, Hashable {
    /// The base score from the label, its confidence and the strength of the sentence's own material.
    public var base: Double
    /// Each direct child with its relation and its own final strength, strongest first.
    public var children: [Contribution]

    public struct Contribution: Sendable, Hashable {
        public var child: String
        public var relation: ArgumentRelation
        public var strength: Double

        public init(child: String, relation: ArgumentRelation, strength: Double) {
            self.child = child
            self.relation = relation
            self.strength = strength
        }
    }

    public init(base: Double, children: [Contribution]) {
        self.base = base
        self.children = children
    }
}

/// A heading or sentence of the document body, with stand-off offsets into the document text.
///
/// Offsets count Unicode scalars from the start of the document text (after a byte-order mark, if any);
/// `end` is exclusive. Use ``TextOffsetConverter`` for UTF-16 offsets.
public struct TextUnit: Sendable, Hashable, Identifiable {
    /// Stable id in reading order: `s1`, `s2`, … (headings and sentences share one sequence).
    public var id: String
    public var kind: UnitKind
    /// The id of the section (`d1`, …) the unit belongs to.
    public var section: String
    /// The id of the paragraph (`p1`, …) the unit belongs to; a heading is a paragraph of its own.
    public var paragraph: String
    public var language: LanguageTag
    public var start: Int
    public var end: Int
    /// The unit's text, exactly as in the document between `start` and `end`.
    public var text: String
    /// Ids of the notes (`n3`) whose markers occur in this unit, in order of appearance.
    public var noteRefs: [String]
    public var annotation: SentenceAnnotation

    public init(
        id: String, kind: UnitKind, section: String, paragraph: String, language: LanguageTag,
        start: Int, end: Int, text: String, noteRefs: [String] = [], annotation: SentenceAnnotation = .init()
    ) {
        self.id = id
        self.kind = kind
        self.section = section
        self.paragraph = paragraph
        self.language = language
        self.start = start
        self.end = end
        self.text = text
        self.noteRefs = noteRefs
        self.annotation = annotation
    }
}

/// A paragraph: a run of consecutive units in one section.
public struct Paragraph: Sendable, Hashable, Identifiable {
    public var id: String
    public var section: String
    /// The language decided for the whole paragraph (zh, en or mixed).
    public var language: LanguageTag
    /// Indices into ``Document/units``.
    public var units: Range<Int>

    public init(id: String, section: String, language: LanguageTag, units: Range<Int>) {
        self.id = id
        self.section = section
        self.language = language
        self.units = units
    }
}

/// A section of the body, opened by a heading (except possibly the first).
public struct Section: Sendable, Hashable, Identifiable {
    public var id: String
    /// 1 for top-level headings (一、, Chapter 1, I.), deeper for （一）, 1.1 and so on.
    public var level: Int
    /// The id of the heading unit, nil for text that precedes every heading.
    public var heading: String?
    /// The id of the enclosing section, if any.
    public var parent: String?

    public init(id: String, level: Int, heading: String?, parent: String?) {
        self.id = id
        self.level = level
        self.heading = heading
        self.parent = parent
    }
}

/// A note or reference-list entry; sentences point to it through their note markers.
public struct Note: Sendable, Hashable, Identifiable {
    /// `n1`, `n2`, … in document order.
    public var id: String
    /// The marker as printed in the list (`1` for `[1]`, `①` for ①), empty when the entry has none.
    public var marker: String
    public var text: String
    /// Offsets of the note text in the document text, when it comes from one.
    public var start: Int?
    public var end: Int?

    public init(id: String, marker: String, text: String, start: Int? = nil, end: Int? = nil) {
        self.id = id
        self.marker = marker
        self.text = text
        self.start = start
        self.end = end
    }
}
