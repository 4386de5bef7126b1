import ArgMarkCore

/// The part of a sentence's annotation a reviewer decides (scores are derived, so they are left out).
public struct AnnotationSnapshot: Sendable, Hashable, Codable {
    public var label: ArgumentLabel?
    public var confidence: Double?
    /// Absent in the journals of versions before it, read as nil.
    public var confidenceScale: ConfidenceScale?
    public var labeledBy: String?
    public var parent: String?
    public var relation: ArgumentRelation?
    public var linkedBy: String?
    public var linkConfidence: Double?
    public var reviewedAt: String?

    public init(_ a: SentenceAnnotation) {
        label = a.label
        confidence = a.confidence
        confidenceScale = a.confidenceScale
        labeledBy = a.labeledBy?.description
        parent = a.parent
        relation = a.relation
        linkedBy = a.linkedBy?.description
        linkConfidence = a.linkConfidence
        reviewedAt = a.reviewedAt
    }

    /// Whether the two hold the same decisions as a file keeps them: confidences to four decimals. A session works
    /// on full-precision values (a tree linked on opening), the file it writes and is reopened from on rounded ones.
    public func matchesAsWritten(_ other: AnnotationSnapshot) -> Bool {
        func kept(_ x: Double?) -> Double? { x.map { ($0 * 10_000).rounded() } }
        return label == other.label && labeledBy == other.labeledBy && parent == other.parent && relation == other.relation
            && linkedBy == other.linkedBy && reviewedAt == other.reviewedAt
            // A journal written before scales were recorded has none: it still matches its file.
            && (confidenceScale == nil || other.confidenceScale == nil || confidenceScale == other.confidenceScale)
            && kept(confidence) == kept(other.confidence) && kept(linkConfidence) == kept(other.linkConfidence)
    }

    /// `annotation` with these decisions (its score and explanation are kept until the next scoring).
    func applied(to annotation: SentenceAnnotation) -> SentenceAnnotation {
        var a = annotation
        a.label = label
        a.confidence = confidence
        a.confidenceScale = confidenceScale
        a.labeledBy = labeledBy.map(Annotator.init)
        a.parent = parent
        a.relation = relation
        a.linkedBy = linkedBy.map(Annotator.init)
        a.linkConfidence = linkConfidence
        a.reviewedAt = reviewedAt
        return a
    }
}

/// One sentence's annotation before and after an edit.
public struct UnitChange: Sendable, Hashable, Codable {
    public var unit: String
    public var before: AnnotationSnapshot
    public var after: AnnotationSnapshot

    public init(unit: String, before: AnnotationSnapshot, after: AnnotationSnapshot) {
        self.unit = unit
        self.before = before
        self.after = after
    }

    var inverse: UnitChange { UnitChange(unit: unit, before: after, after: before) }
}

/// One step of a review session as the journal records it: an edit, or an undo or redo of one.
public struct ReviewEdit: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable {
        case edit, undo, redo
    }

    public var kind: Kind
    /// The command as typed, for people reading the journal.
    public var command: String
    /// When (ISO 8601, UTC).
    public var at: String
    public var annotator: String
    /// Every sentence the step changed, with its decisions before and after.
    public var changes: [UnitChange]

    public init(kind: Kind, command: String, at: String, annotator: String, changes: [UnitChange]) {
        self.kind = kind
        self.command = command
        self.at = at
        self.annotator = annotator
        self.changes = changes
    }

    /// The sentence the step was about: the first changed one its command names (`label s9 background`), else the
    /// first whose label changed, else the first it changed (an edit also moves other sentences' links along).
    public var focus: String? {
        let named = Set(command.split(whereSeparator: \.isWhitespace).map(String.init))
        return changes.first { named.contains($0.unit) }?.unit
            ?? changes.first { $0.before.label != $0.after.label || $0.before.labeledBy != $0.after.labeledBy }?.unit
            ?? changes.first?.unit
    }
}
