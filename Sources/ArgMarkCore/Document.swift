/// A document: metadata, then a body of sections, paragraphs and units (headings and sentences), then notes.
///
/// The model holds stand-off annotation over an immutable text: units keep their text and offsets,
/// and labels, links and scores live in each unit's ``SentenceAnnotation``.
public struct Document: Sendable, Hashable, Identifiable {
    /// A stable id, by default the source file name without its last extension.
    public var id: String
    /// Where the document was read from, as the user named it; nil for standard input.
    public var sourcePath: String?
    public var metadata: DocumentMetadata
    public var sections: [Section]
    public var paragraphs: [Paragraph]
    /// Headings and sentences in reading order.
    public var units: [TextUnit]
    public var notes: [Note]
    /// The `teiHeader` of a TEI source, serialised as XML, kept so that a TEI export of the document carries the
    /// original header (with ArgMark's declarations added); nil for every other input.
    public var originalTEIHeader: String?
    /// The plugins whose labels, links and scores the document holds, in the order they ran (labellers, linker,
    /// scorer): each run replaces the records of the roles it redid, and a file read back keeps them.
    public var plugins: [PluginRecord] = []

    public init(
        id: String, sourcePath: String? = nil, metadata: DocumentMetadata = .init(),
        sections: [Section] = [], paragraphs: [Paragraph] = [], units: [TextUnit] = [], notes: [Note] = []
    ) {
        self.id = id
        self.sourcePath = sourcePath
        self.metadata = metadata
        self.sections = sections
        self.paragraphs = paragraphs
        self.units = units
        self.notes = notes
    }

    /// The languages of the body, most frequent first (by sentence count; ties in a fixed order).
    public var languages: [LanguageTag] {
        // Indexing rather than iterating avoids copying (and retaining) every unit.
        var sentenceCounts = [Int](repeating: 0, count: LanguageTag.allCases.count)
        var headingCounts = sentenceCounts
        for i in units.indices {
            let language = units[i].language
            guard language != .und else { continue }
            let slot = LanguageTag.allCases.firstIndex(of: language)!
            if units[i].kind == .sentence { sentenceCounts[slot] += 1 } else { headingCounts[slot] += 1 }
        }
        let counts = sentenceCounts.contains { $0 > 0 } ? sentenceCounts : headingCounts
        return LanguageTag.allCases.indices.filter { counts[$0] > 0 }
            .sorted { counts[$0] > counts[$1] || (counts[$0] == counts[$1] && $0 < $1) }
            .map { LanguageTag.allCases[$0] }
    }

    /// The dominant language of the body, `und` for a body without letters.
    public var language: LanguageTag { languages.first ?? .und }

    /// The sentences (not headings) in reading order.
    public var sentences: some Collection<TextUnit> { units.lazy.filter { $0.kind == .sentence } }

    /// The index of the unit with `id`, in O(1) for the usual sequential ids.
    public func index(ofUnit id: String) -> Int? {
        if id.hasPrefix("s"), let n = Int(id.dropFirst()), n >= 1, n <= units.count, units[n - 1].id == id {
            return n - 1
        }
        return units.firstIndex { $0.id == id }
    }

    /// The index of the thesis, the root of the argument tree: the argumentative sentence a linker or person placed
    /// at the root (`isThesis`); in a file whose links say nothing of who set them (hand-made JSONL, TEI without
    /// `@resp`), the first parentless claim or prescription that others hang under. Nil when no one linked the
    /// document, or nothing hangs from a claim or a prescription. Every view and export names this one.
    public var thesisIndex: Int? {
        if let marked = units.firstIndex(where: { $0.kind == .sentence && $0.annotation.isThesis }) { return marked }
        var parents = Set<String>()
        for unit in units where unit.kind == .sentence { if let parent = unit.annotation.parent { parents.insert(parent) } }
        guard !parents.isEmpty else { return nil }
        return units.firstIndex { unit in
            let a = unit.annotation
            return unit.kind == .sentence && (a.label == .claim || a.label == .prescription) && a.parent == nil && parents.contains(unit.id)
        }
    }

    /// The unit with `id`, if any.
    public func unit(_ id: String) -> TextUnit? {
        index(ofUnit: id).map { units[$0] }
    }

    /// The same text with no label, link or score on any unit: what a labeller is given, or a prediction that labelled
    /// nothing.
    public func removingAnnotations() -> Document {
        var document = self
        for i in document.units.indices { document.units[i].annotation = SentenceAnnotation() }
        return document
    }
}
