/// Assembles a ``Document`` in reading order, assigning stable ids (`s`, `p`, `d`, `n` sequences) so every
/// reader numbers units the same way.
public struct DocumentBuilder: Sendable {
    public private(set) var document: Document
    private var currentSection: String?
    /// The sections a new heading may nest under, levels rising from the outermost: the last section of a lower
    /// level than a new heading's is always here, so finding a parent does not scan every section before it.
    private var openSections: [(level: Int, id: String)] = []

    public init(id: String, sourcePath: String?, metadata: DocumentMetadata = .init()) {
        document = Document(id: id, sourcePath: sourcePath, metadata: metadata)
    }

    /// A sentence or heading span before it is numbered.
    public struct Span: Sendable, Hashable {
        public var start: Int
        public var end: Int
        public var text: String
        public var language: LanguageTag
        public var annotation: SentenceAnnotation

        public init(start: Int, end: Int, text: String, language: LanguageTag, annotation: SentenceAnnotation = .init()) {
            self.start = start
            self.end = end
            self.text = text
            self.language = language
            self.annotation = annotation
        }
    }

    /// Opens a new section with `heading` as its first unit (a paragraph of its own).
    public mutating func addHeading(_ heading: Span, level: Int) {
        currentSection = openSection(level: level, heading: "s\(document.units.count + 1)")
        appendParagraph([heading], kind: .heading, language: heading.language)
    }

    /// Appends a paragraph of sentences to the current section (opening an unheaded one if needed).
    public mutating func addParagraph(_ sentences: [Span], language: LanguageTag) {
        guard !sentences.isEmpty else { return }
        appendParagraph(sentences, kind: .sentence, language: language)
    }

    /// Appends a figure's or table's caption, rows and source lines as a paragraph of caption units in the current
    /// section: they are kept, but open no section and carry no label.
    public mutating func addCaption(_ lines: [Span], language: LanguageTag) {
        guard !lines.isEmpty else { return }
        appendParagraph(lines, kind: .caption, language: language)
    }

    /// Appends a note; its id is the next in the `n` sequence.
    @discardableResult
    public mutating func addNote(marker: String, text: String, start: Int?, end: Int?) -> String {
        let id = "n\(document.notes.count + 1)"
        document.notes.append(Note(id: id, marker: marker, text: text, start: start, end: end))
        return id
    }

    /// Hands over the finished document without copying its arrays; the builder is empty afterwards.
    public mutating func take() -> Document {
        let id = document.id
        defer {
            document = Document(id: id)
            currentSection = nil
            openSections = []
        }
        return document
    }

    public mutating func setMetadata(_ metadata: DocumentMetadata) {
        document.metadata = metadata
    }

    /// Appends a section under the last one of a lower level and returns its id.
    private mutating func openSection(level: Int, heading: String?) -> String {
        let id = "d\(document.sections.count + 1)"
        while let last = openSections.last, last.level >= level { openSections.removeLast() }
        document.sections.append(Section(id: id, level: level, heading: heading, parent: openSections.last?.id))
        openSections.append((level, id))
        return id
    }

    private mutating func appendParagraph(_ spans: [Span], kind: UnitKind, language: LanguageTag) {
        let section: String
        if let currentSection {
            section = currentSection
        } else {
            section = openSection(level: 1, heading: nil)
            currentSection = section
        }
        let paragraphID = "p\(document.paragraphs.count + 1)"
        let first = document.units.count
        for span in spans {
            document.units.append(
                TextUnit(
                    id: "s\(document.units.count + 1)", kind: kind, section: section, paragraph: paragraphID,
                    language: span.language, start: span.start, end: span.end, text: span.text,
                    annotation: span.annotation))
        }
        document.paragraphs.append(
            Paragraph(id: paragraphID, section: section, language: language, units: first..<document.units.count))
    }
}
