/// A plugin that made part of a document's machine annotation, as outputs record it: which labeller, linker or
/// scorer ran, a fingerprint of the data it loaded (a model's manifest and weights with its cue lexicon, a lexicon's
/// file), and a labeller's weight in the label combiner. Two models trained into the same folder share an id but not
/// a fingerprint, so a corpus says exactly what labelled it.
public struct PluginRecord: Sendable, Hashable {
    /// What the plugin did to the document.
    public enum Role: String, Sendable, Hashable, CaseIterable {
        case label, link, score
    }

    public var id: String
    public var role: Role
    /// `fnv1a64w:` and 16 hex digits over the files the plugin loaded; nil for a plugin that loads none (the rule
    /// linker, the scorer, an external labeller).
    public var fingerprint: String?
    /// The labeller's weight in the label combiner (labellers only).
    public var weight: Double?

    public init(id: String, role: Role, fingerprint: String? = nil, weight: Double? = nil) {
        self.id = id
        self.role = role
        self.fingerprint = fingerprint
        self.weight = weight
    }
}

/// What machine confidences mean, as the run that labelled them recorded it: a confidence calibrated on documents
/// the models did not see is a probability that the label is right; the combiner's share of the weighted scores
/// (a pipeline chosen with `--labelers` or other weights, which no calibration was fitted for, or a sentence a
/// labeller the calibration does not list spoke for) only orders labels from surer to less sure. A sentence's is
/// one of the first two; a document's (``Document/confidenceScale``) may be `mixed`.
public enum ConfidenceScale: String, Sendable, Hashable, CaseIterable, Codable {
    /// A calibrated probability (every one of the document's).
    case calibrated
    /// The winning label's share of the combined scores (every one of the document's).
    case share
    /// Not all one, in a document: some of each (a calibration that covers only some of its languages, a labeller
    /// it does not list that spoke for some sentences, a later run with another pipeline), or some that say beside
    /// some an older file left unsaid. Each sentence then says its own.
    case mixed

    /// The scale of a run that wrote `calibrated` calibrated confidences and `shares` shares; nil when it wrote none.
    public init?(calibrated: Int, shares: Int) {
        switch (calibrated > 0, shares > 0) {
        case (true, false): self = .calibrated
        case (false, true): self = .share
        case (true, true): self = .mixed
        case (false, false): return nil
        }
    }
}

extension Document {
    /// What the machine labels' confidences are, over every machine label that has one (a person's label has
    /// none): `calibrated` or `share` when all are; nil when none says (a file of an older ArgMark's or another
    /// tool's); `mixed` otherwise — some of each, or some that say and some that do not, so that each says its own
    /// where it is written. Worked out from the sentences, so it never describes confidences a later run or a person
    /// replaced.
    public var confidenceScale: ConfidenceScale? {
        let counts = confidenceScaleCounts
        guard counts.unsaid == 0 || counts.calibrated + counts.shares == 0 else { return .mixed }
        return ConfidenceScale(calibrated: counts.calibrated, shares: counts.shares)
    }

    /// How many machine confidences record each scale, and how many record none.
    public var confidenceScaleCounts: (calibrated: Int, shares: Int, unsaid: Int) {
        var counts = (calibrated: 0, shares: 0, unsaid: 0)
        for unit in units where unit.kind == .sentence && unit.annotation.hasMachineConfidence {
            switch unit.annotation.recordedConfidenceScale {
            case .calibrated: counts.calibrated += 1
            case .share: counts.shares += 1
            case .mixed, nil: counts.unsaid += 1
            }
        }
        return counts
    }

    /// Gives every machine confidence that says nothing the scale `scale` (`calibrated` or `share`): what a file
    /// that records one scale for the whole document means.
    public mutating func assumeConfidenceScale(_ scale: ConfidenceScale) {
        guard scale != .mixed else { return }
        for i in units.indices where units[i].kind == .sentence && units[i].annotation.hasMachineConfidence
            && units[i].annotation.confidenceScale == nil {
            units[i].annotation.confidenceScale = scale
        }
    }

    /// Replaces the records of `role` with `records`, keeping the order labellers, linker, scorer.
    public mutating func recordPlugins(_ records: [PluginRecord], as role: PluginRecord.Role) {
        plugins.removeAll { $0.role == role }
        plugins += records
        let roles = PluginRecord.Role.allCases
        plugins = roles.flatMap { role in plugins.filter { $0.role == role } }
    }

    /// Records the linker `id` as the maker of the tree when links of its own are in it; a tree of a person's links
    /// and the file's own is not its, and one the linker left untouched keeps the record it had.
    public mutating func recordLinker(id: String, fingerprint: String?) {
        guard units.indices.contains(where: { units[$0].annotation.linkedBy == .plugin(id) }) else { return }
        recordPlugins([PluginRecord(id: id, role: .link, fingerprint: fingerprint)], as: .link)
    }
}
