import ArgMarkCore

/// Runs the analysis stages on a read document: labellers (merged by the combiner, human labels kept),
/// then the linker, then the scorer. Each stage is optional, so the pipeline runs whatever exists.
public struct Pipeline: Sendable {
    public var labelers: [any Labeler]
    public var combiner: LabelCombiner
    public var linker: (any Linker)?
    public var scorer: (any Scorer)?
    /// Folds a Traditional Chinese document to simplified characters for the stages (`Models/fold/zh-hant.tsv`).
    public var characterFolding: CharacterFolding?

    public init(
        labelers: [any Labeler] = [], combiner: LabelCombiner = .init(), linker: (any Linker)? = nil,
        scorer: (any Scorer)? = nil, characterFolding: CharacterFolding? = nil
    ) {
        self.labelers = labelers
        self.combiner = combiner
        self.linker = linker
        self.scorer = scorer
        self.characterFolding = characterFolding
    }

    /// The plugins that will run, in order.
    public var plugins: [any Plugin] {
        var list: [any Plugin] = labelers
        if let linker { list.append(linker) }
        if let scorer { list.append(scorer) }
        return list
    }

    /// Requirements no earlier stage (or the reader, which provides sentences) satisfies.
    public func unmetRequirements() -> [(plugin: String, facet: DocumentFacet)] {
        var available: Set<DocumentFacet> = [.sentences]
        var unmet: [(String, DocumentFacet)] = []
        for plugin in plugins {
            for facet in plugin.descriptor.requires where !available.contains(facet) {
                unmet.append((plugin.descriptor.id, facet))
            }
            available.formUnion(plugin.descriptor.assigns)
        }
        return unmet
    }

    /// Labels, links and scores `document`. Relabelling a document that has a tree without a linker (`--no-tree`)
    /// drops the machine-made links and every score once a label or its confidence has changed, since they were
    /// built for the old labels (a claim turned background would stay in the tree, a new claim would be a second root); links a
    /// person set stay.
    ///
    /// A document that reads as Traditional Chinese, and a Traditional paragraph in a simplified one, go through the
    /// stages in simplified characters (`characterFolding`), and a sentence with a PDF's ligatures or justified
    /// spacing with them undone (`TypesettingFolding`); all come back with their own text.
    public func run(_ document: consuming Document) throws(PluginError) -> Document {
        // Ligatures, soft hyphens and justified spacing (`TypesettingFolding`) are undone for the stages too.
        let typeset = TypesettingFolding.unitsToFold(document)
        let traditional = characterFolding?.unitsToFold(document) ?? []
        guard !typeset.isEmpty || !traditional.isEmpty else { return try runStages(document) }
        let changed = Array(Set(typeset).union(traditional)).sorted()
        let written = changed.map { document.units[$0].text }
        for i in typeset { document.units[i].text = TypesettingFolding.folded(document.units[i].text) }
        if let characterFolding {
            for i in traditional { document.units[i].text = characterFolding.folded(document.units[i].text) }
        }
        var result = try runStages(document)
        for (i, text) in zip(changed, written) { result.units[i].text = text }
        return result
    }

    private func runStages(_ document: consuming Document) throws(PluginError) -> Document {
        if !labelers.isEmpty { try label(&document) }
        // Links of unknown origin (hand-made JSONL, TEI without @resp) are kept as review keeps them.
        // Each stage consumes the document, so that it changes the units in place rather than copying them.
        if let linker {
            document = TreeCompletion.link(consume document, with: linker).document
            // The tree was linked anew: the linker is its maker when links of its own are in it, else none is.
            document.recordPlugins([], as: .link)
            document.recordLinker(linker)
        }
        if linker == nil { TreeCompletion.mendKeptTree(&document) }
        if let scorer {
            document = scorer.score(consume document)
            document.recordScorer(scorer)
        }
        return document
    }

    /// Runs the labellers and combines their proposals into `document`'s labels.
    private func label(_ document: inout Document) throws(PluginError) {
        var proposals: [LabelProposal] = []
        for labeler in labelers { proposals += try labeler.propose(for: document) }
        // Scores rest on the labels and their confidences: either changing makes the old tree and scores stale.
        // Only a document that has a tree or scores is compared (not the plain text annotate --no-tree labels).
        // Units are read in place through their indices: iterating the array would copy each one.
        let stale = linker == nil && document.units.indices.contains {
            document.units[$0].annotation.parent != nil || document.units[$0].annotation.linkedBy != nil
                || document.units[$0].annotation.score != nil
        }
        let before = stale ? document.units.map(LabelState.init) : []
        // A sentence a person linked, and one a person hung another under, is argumentative to that person: a
        // relabelling that would make it background keeps its argumentative label, so that the person's link
        // stays in the tree.
        var humanLinked = Set<String>()
        for i in document.units.indices where document.units[i].annotation.isHumanLink {
            humanLinked.insert(document.units[i].id)
            if let parent = document.units[i].annotation.parent { humanLinked.insert(parent) }
        }
        let parentsBefore = humanLinked.isEmpty ? [:] : Dictionary(
            document.units.enumerated().filter { humanLinked.contains($1.id) && $1.annotation.label?.isArgumentative == true }
                .map { ($0.offset, $0.element.annotation) },
            uniquingKeysWith: { first, _ in first })
        combiner.apply(proposals, to: &document)
        // Every labeller that proposed a label for the document, with its weight: what made its labels.
        let proposed = Set(proposals.map(\.pluginID))
        document.recordPlugins(labelers.filter { proposed.contains($0.descriptor.id) }.map {
            PluginRecord(id: $0.descriptor.id, role: .label, fingerprint: $0.descriptor.fingerprint, weight: combiner.weights[$0.descriptor.id] ?? 1)
        }, as: .label)
        for (index, annotation) in parentsBefore where document.units[index].annotation.label?.isArgumentative != true {
            document.units[index].annotation.label = annotation.label
            document.units[index].annotation.confidence = annotation.confidence
            document.units[index].annotation.confidenceScale = annotation.confidenceScale
            document.units[index].annotation.labeledBy = annotation.labeledBy
            document.units[index].annotation.labelReasons = annotation.labelReasons
        }
        // The links kept (a person's, unknown origin) may now lead into a sentence labelled background: with no
        // linker (the only case in which they are stale here), TreeCompletion.mendKeptTree lifts them next.
        if stale, before != document.units.map(LabelState.init) { Self.dropMachineTree(&document) }
    }

    /// A unit's label and confidence as a file keeps them (four decimals): a re-run that changes nothing keeps the tree.
    private struct LabelState: Equatable {
        var label: ArgumentLabel?
        var confidence: Double?

        init(_ unit: TextUnit) {
            label = unit.annotation.label
            confidence = unit.annotation.confidence.map { ($0 * 10_000).rounded() }
        }
    }

    private static func dropMachineTree(_ document: inout Document) {
        document.recordPlugins([], as: .link)
        document.recordPlugins([], as: .score)
        for i in document.units.indices where document.units[i].kind == .sentence {
            var a = document.units[i].annotation
            // A person's links stay, and so do links of unknown origin (no linkedBy), as linking keeps them.
            if a.linkedBy.map({ !$0.isHuman }) == true {
                a.parent = nil
                a.relation = nil
                a.linkedBy = nil
                a.linkConfidence = nil
            }
            a.score = nil
            a.explanation = nil
            document.units[i].annotation = a
        }
    }
}

extension Document {
    /// Records `scorer` as the maker of the scores.
    public mutating func recordScorer(_ scorer: any Scorer) {
        recordPlugins([PluginRecord(id: scorer.descriptor.id, role: .score, fingerprint: scorer.descriptor.fingerprint)], as: .score)
    }

    /// Records `linker` as the maker of the tree when links of its own are in it.
    public mutating func recordLinker(_ linker: any Linker) {
        recordLinker(id: linker.descriptor.id, fingerprint: linker.descriptor.fingerprint)
    }
}
