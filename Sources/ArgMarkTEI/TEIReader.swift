import ArgMarkCore
import ArgMarkPipeline
import ArgMarkText
import ArgMarkXML

/// Reads TEI P5 into a ``Document``:
/// - ArgMark's own export (recognised by `idno type="argmark"` in its header) exactly: ids, offsets, text,
///   metadata, labels, annotators, confidences, the tree, the thesis and the scores with their explanations, so
///   JSONL → TEI → JSONL is byte-identical;
/// - any other TEI: `div`/`head` give sections and headings; a `p` (or `ab`, list `item`) with `s` children keeps
///   their segmentation and `xml:id`s; a `p` without `s` is segmented; inline and back notes, and reference lists
///   (GROBID's `listBibl`), become notes, and `ref`s to them note references; figures, tables and formulas are left
///   out. Whitespace is normalised, and offsets count in a plain rendering of the body (one line per heading or
///   paragraph). The original `teiHeader` is kept, so the TEI written back keeps it and the ids.
/// An ArgMark annotation layer (`@ana`, `linkGrp`, `fs`) in any TEI is read as well.
public struct TEIReader: DocumentReader {
    public init() {}

    public let descriptor = PluginDescriptor(
        id: "read.tei.v1", kind: .reader,
        summary: "TEI P5: ArgMark's own export (lossless), TEI with s or only p, GROBID-style articles; header kept",
        assigns: [.sentences])
    public var formatName: String { "tei" }
    public var fileExtensions: [String] { ["tei.xml", "xml", "tei"] }

    public func sniff(_ prefix: Substring) -> Int {
        // Bytes, not characters: a character-wise search of 16 KB took a tenth of reading a short file.
        let bytes = Array(prefix.utf8)
        return ByteSearch.contains(bytes, Self.namespaceBytes) || ByteSearch.contains(bytes, Self.rootBytes) ? 50 : 0
    }

    private static let namespaceBytes = Array("http://www.tei-c.org/ns/1.0".utf8)
    private static let rootBytes = Array("<TEI".utf8)

    public func read(_ input: ReaderInput) throws(DocumentReadError) -> Document {
        try decode(input).document
    }


    /// The document, and what of the file writing it back in ArgMark's encoding would lose or change, from one
    /// parse: markup the encoding does not keep (``markupNotKept(in:limit:)``), else what the rewrite holds
    /// otherwise (``differences(original:rewritten:limit:)``). `review`, which writes the file back, needs both.
    public func readForRewrite(_ input: ReaderInput) throws(DocumentReadError) -> (document: Document, markupNotKept: [String]) {
        let (document, parsed, root, reference) = try decode(input)
        var lost = Self.markupNotKept(root: root, limit: 5)
        // What the encoding keeps may still hold what the reader does not read (an appendix in <back>, a note added
        // to the header, another @ana pointer): what writing the document back would change. Written back where it
        // is, the file names its source as it did.
        var rewriting = document
        rewriting.sourcePath = reference
        if lost.isEmpty, let rewritten = try? TEIWriter().write(rewriting), rewritten != input.bytes {
            lost = Self.differences(original: parsed, rewritten: rewritten)
        }
        return (document, lost)
    }

    /// The document, the parse it was read from and its TEI root.
    private func decode(_ input: ReaderInput) throws(DocumentReadError) -> (
        document: Document, parsed: XMLDocument, root: XMLElement, sourceReference: String?
    ) {
        if input.bytes.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) { throw .empty }
        if let nul = input.bytes.prefix(8192).firstIndex(of: 0), !Self.looksLikeUTF16(input.bytes) { throw .binary(byteOffset: nul) }
        let parsed: XMLDocument
        do {
            parsed = try XMLDocument.parse(input.bytes, registerIDs: false)
        } catch {
            let located = error.column > 0 ? "column \(error.column): " : ""
            let advice = error.code != 0 ? " [libxml2 \(error.code)]; fix the XML" : ""
            throw .malformed(line: error.line, message: located + error.message + advice)
        }
        guard let root = parsed.root else { throw .malformed(line: 1, message: "no root element; give a TEI P5 document") }
        guard root.name == "TEI" else {
            if root.name == "teiCorpus" {
                throw .unsupported("a teiCorpus holds several documents; split it into one TEI file per document")
            }
            throw .unsupported("the root element is <\(root.name)>, not <TEI>; give a TEI P5 document (or choose --input-format)")
        }
        var decoder = TEIDecoder(root: root, input: input)
        let document = try decoder.decode()
        return (document, parsed, root, decoder.sourceReference)
    }

    /// UTF-16 files have NUL bytes in their ASCII characters; libxml2 reads them by their byte-order mark.
    static func looksLikeUTF16(_ bytes: [UInt8]) -> Bool {
        bytes.count >= 2 && ((bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF))
    }
}

/// One TEI document's decoding.
struct TEIDecoder {
    let root: XMLElement
    let input: ReaderInput
    /// ArgMark's own export: exact text and offsets, metadata where the writer put it.
    let own: Bool
    let documentLanguage: String

    var units: [TextUnit] = []
    var paragraphs: [Paragraph] = []
    var sections: [Section] = []
    var notes: [Note] = []
    /// Ids in use (every `xml:id` of the source, and those generated), so generated ids never collide.
    var takenIDs: Set<String> = []
    /// Per unit, the raw `ref` targets (without `#`), resolved against the notes at the end.
    var pendingRefs: [[String]] = []
    /// Rendering cursor for sources without offsets: one line per heading or paragraph.
    var cursor = 0
    var noteIDsByXMLID: [String: String] = [:]
    let segmenter = SentenceSegmenter()

    init(root: XMLElement, input: ReaderInput) {
        self.root = root
        self.input = input
        own = TEIReader.isOwnExport(root)
        documentLanguage = root.xmlLang ?? "und"
    }

    // MARK: entry

    /// The source path as the file holds it (`idno type="path"`, or another tool's TEI's ArgMark prefixDef).
    var sourceReference: String?

    /// A path the TEI file holds, which is relative to its own folder, as a path from where this command runs.
    mutating func resolvingSource(_ reference: String) -> String {
        sourceReference = reference
        guard let path = input.sourcePath else { return reference }
        return SourcePath.resolved(reference, against: SourcePath.directory(of: path))
    }

    mutating func decode() throws(DocumentReadError) -> Document {
        // Generated ids must avoid the source's own; ArgMark's own export generates none.
        if !own { takenIDs = Self.xmlIDs(in: root) }
        let header = root.child("teiHeader")
        let annotators = header.map(readAnnotators) ?? [:]
        // ArgMark's own TEI names the source its offsets count in (idno type="path", below), relative to the TEI
        // file's folder; one that names none was read from standard input or made by hand, and its offsets are not
        // into this file.
        var document = Document(id: input.documentID, sourcePath: own ? nil : input.sourcePath)
        // ArgMark's export of another tool's TEI keeps that tool's header, with ArgMark's declarations added: the
        // source its offsets count in is the one its prefixDef names, not this file.
        if !own, let pattern = TEIReader.argMarkPrefixPattern(root), let end = pattern.range(of: "#char=") {
            document.sourcePath = resolvingSource(String(pattern[..<end.lowerBound]).removingPercentEncoding ?? String(pattern[..<end.lowerBound]))
        }
        if let header {
            readMetadata(header, into: &document)
            if !own { document.originalTEIHeader = try keptHeader(header) }
            document.plugins = Self.plugins(header)
        }
        if let text = root.child("text") {
            collectNotes(text)
            if let body = text.child("body") {
                var context = DivContext(section: nil, depth: 0)
                try walkContainer(body, language: text.xmlLang ?? documentLanguage, context: &context)
            }
            // A division of the back matter segmented into sentences is annotated text (the reference encoding's
            // English abstract, labelled and linked into the tree): it is read as a section after the body. Notes,
            // bibliographies and unsegmented appendices stay out, as before.
            if !own, let back = text.child("back") {
                for division in back.children where Self.divNames.contains(division.name)
                    && division.attribute("type") != "notes" && !division.descendants(named: "s").isEmpty {
                    var context = DivContext(section: nil, depth: 1, xmlID: division.xmlID)
                    try walkContainer(division, language: division.xmlLang ?? text.xmlLang ?? documentLanguage, context: &context)
                }
            }
        }
        guard units.contains(where: { $0.kind == .sentence }) else { throw .noSentences }
        // Hand the arrays over rather than share them, so the passes below modify them in place.
        document.units = units
        units = []
        document.paragraphs = paragraphs
        paragraphs = []
        document.sections = sections
        document.notes = notes
        resolveNoteRefs(&document)
        try readAnnotationLayer(&document, annotators: annotators)
        if let header { try Self.readConfidenceScales(header, into: &document) }
        if !own {
            DocumentFinishing.fillUndecidedLanguages(&document)
        }
        if let problem = document.validate().first {
            throw .malformed(line: 0, message: "\(problem); the TEI's ids or offsets are inconsistent (correct them, or re-export from JSONL)")
        }
        return document
    }

    /// Every `xml:id` of `element` and what it holds.
    static func xmlIDs(in element: XMLElement) -> Set<String> {
        var ids = Set<String>()
        func collect(_ element: XMLElement) {
            if let id = element.xmlID { ids.insert(id) }
            for child in element.children { collect(child) }
        }
        collect(element)
        return ids
    }

    /// Ids given out so far (units, paragraphs, sections, notes share the xml:id space).
    var assignedIDs: Set<String> = []

    /// The source's own id when it can serve (an NCName not given out yet; ArgMark's own TEI always keeps its
    /// ids), else a fresh one.
    private mutating func keptID(_ candidate: String?, _ prefix: String, _ n: Int) -> String {
        // Another tool's id with a prefix ArgMark's encoding reserves (an edition's p xml:id="arg-1") could not be
        // written back as TEI: it gets a fresh one, as an id that is no NCName does.
        if let candidate, own || (TEIVocabulary.isNCName(candidate) && !TEIVocabulary.isReserved(candidate) && !assignedIDs.contains(candidate)) {
            assignedIDs.insert(candidate)
            return candidate
        }
        let id = freshID(prefix, n)
        assignedIDs.insert(id)
        return id
    }

    private mutating func freshID(_ prefix: String, _ n: Int) -> String {
        var candidate = "\(prefix)\(n)"
        var k = 1
        while takenIDs.contains(candidate) {
            candidate = "\(prefix)\(n)-\(k)"
            k += 1
        }
        takenIDs.insert(candidate)
        return candidate
    }

    /// Whitespace runs become one space, ends trimmed: TEI sources are indented freely.
    static func normalised(_ text: String) -> String { MarkupText.collapsingWhitespace(text) }

    /// A heading's or note's text: ArgMark's own as written, another tool's as its paragraphs are read (an inline
    /// note left out, an edition's corrections taken).
    private func text(_ element: XMLElement) -> String {
        guard !own else { return element.textContent }
        var rendering = ParagraphRendering()
        rendering.render(element)
        return rendering.text
    }

    // MARK: header

    /// The plugins of the run that made the annotation, as ArgMark's export declares them: each `application` with
    /// a role as its type, in the order of its `n`, with the fingerprint and weight of its `desc`s.
    static func plugins(_ header: XMLElement) -> [PluginRecord] {
        var found: [(n: Int, record: PluginRecord)] = []
        // Only ArgMark's own declarations: another tool's application in a kept header is that tool's, whatever its type.
        for application in header.descendants(named: "application") {
            guard let xmlID = application.xmlID, xmlID.hasPrefix(TEIVocabulary.reservedPrefix), xmlID.hasSuffix("-app"),
                  let role = application.attribute("type").flatMap(PluginRecord.Role.init(rawValue:)),
                  let id = application.child("label")?.textContent, !id.isEmpty else { continue }
            let descriptions = application.children(named: "desc")
            func described(_ type: String) -> String? { descriptions.first { $0.attribute("type") == type }?.textContent }
            let record = PluginRecord(id: id, role: role, fingerprint: described("fingerprint"), weight: described("weight").flatMap(Double.init))
            found.append((application.attribute("n").flatMap(Int.init) ?? Int.max, record))
        }
        return found.enumerated().sorted { ($0.element.n, $0.offset) < ($1.element.n, $1.offset) }.map(\.element.record)
    }

    /// What the machine confidences are, as ArgMark's own application declares it: one scale for all, or (mixed)
    /// the shares pointed at and the rest calibrated. A scale that is none of the three is an error: passed over,
    /// the confidences would be taken for calibrated ones.
    static func readConfidenceScales(_ header: XMLElement, into document: inout Document) throws(DocumentReadError) {
        guard let application = header.descendants(named: "application").first(where: { $0.xmlID == TEIVocabulary.applicationID }),
              let declared = application.children(named: "desc").first(where: { $0.attribute("type") == "confidences" })
        else { return }
        let written = String(declared.textContent.filter { !$0.isWhitespace })
        guard let scale = ConfidenceScale(rawValue: written) else {
            throw .malformed(line: declared.line, message: "the desc of type confidences says '\(written)'; write calibrated, share or mixed (what the machine confidences are), or remove it")
        }
        if scale == .mixed {
            // Each scale's sentences are pointed at; one neither names does not say. A pointer missing or astray
            // would pass shares off as calibrated, so it is refused.
            var found = false
            for (pointed, type) in [(ConfidenceScale.share, "shareConfidences"), (.calibrated, "calibratedConfidences")] {
                for pointer in application.children(named: "ptr") where pointer.attribute("type") == type {
                    found = true
                    for id in pointers(pointer.attribute("target")) {
                        guard let i = document.index(ofUnit: id), document.units[i].kind == .sentence else {
                            throw .malformed(line: pointer.line, message: "the ptr of type \(type) points at #\(id), which is no sentence of the file; point it at the sentences whose confidence is a \(pointed == .share ? "share" : "calibrated probability")")
                        }
                        if document.units[i].annotation.confidence != nil { document.units[i].annotation.confidenceScale = pointed }
                    }
                }
            }
            guard found else {
                throw .malformed(line: declared.line, message: "the desc of type confidences says mixed, but no ptr of type shareConfidences or calibratedConfidences says which sentences are which; add them, or write the one scale all have")
            }
        } else {
            document.assumeConfidenceScale(scale)
        }
    }

    private func readAnnotators(_ header: XMLElement) -> [String: Annotator] {
        var result: [String: Annotator] = [:]
        for statement in header.descendants(named: "respStmt") {
            guard let id = statement.xmlID else { continue }
            if let software = statement.children(named: "name").first(where: { $0.attribute("type") == "software" }) {
                result[id] = .plugin(software.textContent)
            } else if let person = statement.child("persName") ?? statement.child("name") {
                result[id] = .human(person.textContent)
            }
        }
        // A person another tool declares elsewhere in the header (particDesc's listPerson, a persName with its own
        // id inside a respStmt) is who a @resp pointing at them names: read as theirs, not as a label of unknown origin.
        func addPerson(_ element: XMLElement, named name: String) {
            guard let id = element.xmlID, result[id] == nil else { return }
            let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
            if !trimmed.isEmpty { result[id] = .human(Self.normalised(trimmed)) }
        }
        for person in header.descendants(named: "person") {
            addPerson(person, named: (person.child("persName") ?? person.child("name"))?.textContent ?? person.textContent)
        }
        for name in header.descendants(named: "persName") { addPerson(name, named: name.textContent) }
        return result
    }

    private func languageKey(_ element: XMLElement, text: String) -> String {
        if let lang = element.xmlLang { return own ? lang : TEIVocabulary.languageCode(TEIVocabulary.language(code: lang)) }
        let detected = LanguageDetector.detect(text)
        return TEIVocabulary.languageCode(detected == .mixed || detected == .und ? TEIVocabulary.language(code: documentLanguage) : detected)
    }

    private mutating func readMetadata(_ header: XMLElement, into document: inout Document) {
        var m = DocumentMetadata()
        let fileDesc = header.child("fileDesc")
        let titleStmt = fileDesc?.child("titleStmt")
        for title in titleStmt?.children(named: "title") ?? [] where title.attribute("type") != "filename" {
            let value = text(title)
            guard !value.isEmpty else { continue }
            let key = languageKey(title, text: value)
            if m.titles[key] == nil { m.titles[key] = value }
        }
        m.authors = (titleStmt?.children(named: "author") ?? []).map(authorName).filter { !$0.isEmpty }
        let sourceDesc = fileDesc?.child("sourceDesc")
        if m.authors.isEmpty, let analytic = sourceDesc?.descendants(named: "analytic").first {
            m.authors = analytic.children(named: "author").map(authorName).filter { !$0.isEmpty }
        }
        if own {
            let bibl = sourceDesc?.child("bibl")
            for idno in bibl?.children(named: "idno") ?? [] {
                switch idno.attribute("type") {
                case "DOI": m.doi = idno.textContent
                case "path": document.sourcePath = resolvingSource(idno.textContent)
                default: break
                }
            }
            for note in bibl?.children(named: "note") ?? [] where note.attribute("type") == "field" {
                if let key = note.attribute("n") { m.fields[key] = note.textContent }
            }
            if let id = fileDesc?.child("publicationStmt")?.children(named: "idno").first(where: { $0.attribute("type") == TEIVocabulary.documentIDType }) {
                document.id = id.textContent
            }
        } else {
            m.doi = header.descendants(named: "idno").first { $0.attribute("type")?.uppercased() == "DOI" }.map { Self.normalised($0.textContent) }
        }
        let profileDesc = header.child("profileDesc")
        for abstract in profileDesc?.children(named: "abstract") ?? [] {
            let paragraphs = abstract.descendants(named: "p")
            let value = own
                ? (paragraphs.first?.textContent ?? "")
                : (paragraphs.isEmpty ? [Self.normalised(abstract.textContent)] : paragraphs.map { Self.normalised($0.textContent) }).joined(separator: "\n")
            guard !value.isEmpty else { continue }
            m.abstracts[languageKey(abstract, text: value)] = value
        }
        var schemes: [String: String] = [:]
        for taxonomy in header.descendants(named: "taxonomy") {
            if let id = taxonomy.xmlID, let key = taxonomy.attribute("n") { schemes[id] = key }
        }
        for textClass in profileDesc?.children(named: "textClass") ?? [] {
            for keywords in textClass.children(named: "keywords") {
                let terms = keywords.descendants(named: "term").map { text($0) }.filter { !$0.isEmpty }
                guard !terms.isEmpty else { continue }
                m.keywords[languageKey(keywords, text: terms.joined(separator: " ")), default: []] += terms
            }
            for code in textClass.children(named: "classCode") {
                let scheme = code.attribute("scheme") ?? "unknown"
                let id = scheme.hasPrefix("#") ? String(scheme.dropFirst()) : scheme
                m.classification[schemes[id] ?? id] = text(code)
            }
        }
        document.metadata = m
    }

    /// `persName` parts joined (forename surname), else the element's own text without affiliations and emails.
    private func authorName(_ author: XMLElement) -> String {
        if own { return author.textContent }
        if let person = author.child("persName") { return Self.normalised(person.children.map(\.textContent).joined(separator: " ")).isEmpty ? Self.normalised(person.textContent) : Self.normalised(person.children.map(\.textContent).joined(separator: " ")) }
        var parts: [String] = []
        for content in author.contents {
            switch content {
            case .text(let value): parts.append(value)
            case .element(let e) where !["affiliation", "email", "idno", "note", "roleName"].contains(e.name): parts.append(e.textContent)
            default: break
            }
        }
        return Self.normalised(parts.joined(separator: " "))
    }

    /// The source's own header without what ArgMark added to it earlier (elements whose `xml:id` starts `argmark`).
    private func keptHeader(_ header: XMLElement) throws(DocumentReadError) -> String {
        do {
            let writer = try XMLStreamWriter()
            // A container that held only ArgMark's declarations (a classDecl with its taxonomy) would be left empty,
            // which TEI does not allow.
            // Only an ArgMark export (which declares its offsets, argmark-prefixes) has ArgMark's additions: in another
            // tool's header an id that happens to start so is the source's own, kept (writing TEI then names it).
            let exported = TEIReader.argMarkPrefixPattern(root) != nil
            func isArgMarks(_ element: XMLElement) -> Bool { exported && element.xmlID?.hasPrefix(TEIVocabulary.reservedPrefix) ?? false }
            try writer.copy(header, skipping: { element in
                if isArgMarks(element) { return true }
                let children = element.children
                return !children.isEmpty && children.allSatisfy(isArgMarks)
                    && element.contents.allSatisfy { if case .text(let t) = $0 { t.allSatisfy(\.isWhitespace) } else { true } }
            })
            return String(decoding: try writer.finish(), as: UTF8.self)
        } catch {
            throw .malformed(line: header.line, message: "cannot keep the teiHeader: \(error.message)")
        }
    }

    // MARK: notes

    /// Notes anywhere in the text (inline, at the end of the body, in back) and reference-list entries, in
    /// document order; their `xml:id`s are kept.
    private mutating func collectNotes(_ text: XMLElement) {
        for note in text.descendants(named: "note") where !isInsideNote(note) {
            addNote(note, marker: note.attribute("n") ?? "")
        }
        if !own {
            for entry in text.descendants(named: "biblStruct") + text.descendants(named: "bibl") where isInReferenceList(entry) {
                addNote(entry, marker: entry.attribute("n") ?? "", spaced: true)
            }
        }
    }

    private func isInsideNote(_ element: XMLElement) -> Bool {
        var parent = element.parent
        while let p = parent {
            if p.isNamed("note") { return true }
            parent = p.parent
        }
        return false
    }

    private func isInReferenceList(_ element: XMLElement) -> Bool {
        element.parent?.isNamed("listBibl") ?? false
    }

    /// `spaced`: element boundaries separate words (a biblStruct's forename and surname are adjacent elements).
    private mutating func addNote(_ element: XMLElement, marker: String, spaced: Bool = false) {
        let value = spaced ? Self.normalised(Self.spacedText(element)) : text(element)
        let id = keptID(element.xmlID, "n", notes.count + 1)
        var start: Int?
        var end: Int?
        if own, let (a, b) = Self.offsets(element.attribute("source")) {
            start = a
            end = b
        }
        if let xmlID = element.xmlID { noteIDsByXMLID[xmlID] = id } else { noteIDsByXMLID[Self.inlineNoteKey(element)] = id }
        notes.append(Note(id: id, marker: marker, text: value, start: start, end: end))
    }

    /// The key a note without an xml:id is found by when the text that cites it is read.
    static func inlineNoteKey(_ note: XMLElement) -> String { "argmark-node-\(note.identity)" }

    static func spacedText(_ element: XMLElement) -> String {
        var result = ""
        for content in element.contents {
            switch content {
            case .text(let value): result += value
            case .element(let child): result += " " + spacedText(child) + " "
            }
        }
        return result
    }

    /// `char:12,40` → (12, 40); read byte by byte, since every sentence has one.
    static func offsets(_ source: String?) -> (Int, Int)? {
        guard var source else { return nil }
        return source.withUTF8 { bytes -> (Int, Int)? in
            // "char:" is 5 bytes.
            guard bytes.count > 7, bytes[0] == 0x63, bytes[1] == 0x68, bytes[2] == 0x61, bytes[3] == 0x72, bytes[4] == 0x3A else { return nil }
            var numbers = [0, 0]
            var which = 0
            var digits = 0
            for byte in bytes[5...] {
                if byte >= 0x30 && byte <= 0x39 {
                    guard numbers[which] < Int.max / 10 - 10 else { return nil }
                    numbers[which] = numbers[which] * 10 + Int(byte - 0x30)
                    digits += 1
                } else if byte == 0x2C, which == 0, digits > 0 {
                    which = 1
                    digits = 0
                } else {
                    return nil
                }
            }
            guard which == 1, digits > 0, numbers[1] >= numbers[0] else { return nil }
            return (numbers[0], numbers[1])
        }
    }

    // MARK: body

    struct DivContext {
        /// The section units go into; created on the first unit.
        var section: String?
        var depth: Int
        var level: Int = 1
        var parentSection: String?
        var xmlID: String?
        var pendingHeadingAllowed = true
        /// The section this division opened first (its heading's): the parent of every division nested in it, also
        /// of one after another nested division, where `section` is reset.
        var divisionSection: String?
    }

    static let divNames: Set<String> = ["div", "div1", "div2", "div3", "div4", "div5", "div6", "div7"]
    static let paragraphNames: Set<String> = ["p", "ab", "item", "l"]
    static let skippedNames: Set<String> = [
        "note", "figure", "table", "formula", "graphic", "pb", "lb", "cb", "milestone", "fw", "gap", "listBibl", "bibl",
        "biblStruct", "interpGrp", "spanGrp", "linkGrp", "fs", "media", "trailer", "byline", "dateline", "docAuthor",
        "docDate", "signed", "salute", "opener", "closer", "label",
    ]

    private mutating func walkContainer(_ element: XMLElement, language: String, context: inout DivContext) throws(DocumentReadError) {
        for child in element.children {
            let childLanguage = child.xmlLang ?? language
            if Self.divNames.contains(child.name) {
                var inner = DivContext(
                    section: nil, depth: context.depth + 1,
                    parentSection: context.section ?? (context.depth > 0 ? context.divisionSection : nil) ?? context.parentSection,
                    xmlID: child.xmlID)
                inner.level = own ? (child.attribute("n").flatMap(Int.init) ?? inner.depth) : inner.depth
                try walkContainer(child, language: childLanguage, context: &inner)
                // Text after a nested div continues in a section of its own.
                context.section = nil
                context.pendingHeadingAllowed = false
            } else if child.name == "head", context.section == nil, context.pendingHeadingAllowed, context.depth > 0 {
                try addHeading(child, language: childLanguage, context: &context)
            } else if own, child.name == "figure" {
                try addOwnCaption(child, language: childLanguage, context: &context)
            } else if Self.paragraphNames.contains(child.name) || child.name == "head" {
                try addParagraph(child, language: childLanguage, context: &context)
            } else if Self.skippedNames.contains(child.name) {
                continue
            } else {
                try walkContainer(child, language: childLanguage, context: &context)
            }
        }
    }

    private mutating func openSection(heading: String?, context: inout DivContext) -> String {
        if let section = context.section { return section }
        let id = keptID(context.xmlID, "d", sections.count + 1)
        sections.append(Section(id: id, level: context.level, heading: heading, parent: context.parentSection))
        context.section = id
        if context.divisionSection == nil { context.divisionSection = id }
        return id
    }

    private mutating func unitID(_ element: XMLElement) throws(DocumentReadError) -> String {
        if own, let id = element.xmlID { return id }
        if !own { return keptID(element.xmlID, "s", units.count + 1) }
        if own { throw .malformed(line: element.line, message: "<\(element.name)> has no xml:id; ArgMark's TEI gives every head and s one") }
        return freshID("s", units.count + 1)
    }

    private mutating func span(_ element: XMLElement, length: Int) throws(DocumentReadError) -> (Int, Int) {
        if own {
            guard let (a, b) = Self.offsets(element.attribute("source")) else {
                throw .malformed(line: element.line, message: "<\(element.name)> lacks source=\"char:START,END\"; ArgMark's TEI gives every head and s its offsets")
            }
            return (a, b)
        }
        let start = cursor
        cursor += length
        return (start, start + length)
    }

    private mutating func addHeading(_ head: XMLElement, language: String, context: inout DivContext) throws(DocumentReadError) {
        var value = text(head)
        // ArgMark's export of another tool's TEI keeps a heading's paragraph id there (p1-1), which is no number.
        if !own, let number = head.attribute("n"), !value.hasPrefix(number),
           number.range(of: #"^p[0-9]+(-[0-9]+)*$"#, options: .regularExpression) == nil {
            // GROBID keeps section numbers in head/@n; the heading reads as printed.
            value = number + " " + value
        }
        guard !value.isEmpty else { return }
        // A label on a heading of ArgMark's own TEI (a hand edit) is refused as the JSONL reader refuses it, not dropped.
        if own, let ana = head.attribute("ana"), ana.split(separator: " ").contains(where: { TEIVocabulary.label(categoryID: String($0.dropFirst())) != nil }) {
            throw .malformed(line: head.line, message: "the heading \(head.xmlID ?? "") carries a label (ana=\"\(ana)\"); headings take no label, link or score: remove it, or make the heading an <s> of a paragraph if it is a sentence")
        }
        let id = try unitID(head)
        let section = openSection(heading: id, context: &context)
        context.pendingHeadingAllowed = false
        let (start, end) = try span(head, length: value.unicodeScalars.count)
        if !own { cursor += 1 }
        let paragraphID = own ? (head.attribute("n") ?? "p\(paragraphs.count + 1)") : keptID(nil, "p", paragraphs.count + 1)
        let languageTag = own ? TEIVocabulary.language(code: language) : LanguageDetector.detect(value)
        units.append(TextUnit(id: id, kind: .heading, section: section, paragraph: paragraphID, language: languageTag, start: start, end: end, text: value))
        // ArgMark's own heading links its notes as a sentence does (another tool's head is read for its text only).
        pendingRefs.append(own && head.hasElementChildren ? head.descendants(named: "ref").flatMap { Self.pointers($0.attribute("target")) } : [])
        paragraphs.append(Paragraph(id: paragraphID, section: section, language: languageTag, units: (units.count - 1)..<units.count))
    }

    private mutating func addParagraph(_ p: XMLElement, language: String, context: inout DivContext) throws(DocumentReadError) {
        let sentences = p.descendants(named: "s").filter { !isInsideNote($0) }
        if own {
            guard !sentences.isEmpty else { return }
            try addOwnParagraph(p, sentences: sentences, language: language, context: &context)
            return
        }
        var rendering = ParagraphRendering()
        rendering.render(p)
        let paragraphText = rendering.text
        guard !paragraphText.unicodeScalars.allSatisfy({ $0.properties.isWhitespace }) else { return }
        let scalars = Array(paragraphText.unicodeScalars)
        var ranges: [(Range<Int>, XMLElement?)] = []
        if rendering.sentenceRanges.isEmpty {
            ranges = segmenter.segment(scalars, 0..<scalars.count).map { ($0, nil) }
        } else {
            ranges = rendering.sentenceRanges.compactMap { entry in
                let r = Self.trimmed(scalars, entry.range)
                return r.isEmpty ? nil : (r, entry.element)
            }
        }
        guard !ranges.isEmpty else { return }
        let section = openSection(heading: nil, context: &context)
        context.pendingHeadingAllowed = false
        let paragraphID: String
        paragraphID = keptID(p.xmlID, "p", paragraphs.count + 1)
        let paragraphLanguage = LanguageDetector.detect(paragraphText)
        // Each note reference goes to the sentence it stands in (or, between sentences, the one before it).
        var referencesByRange = [[String]](repeating: [], count: ranges.count)
        for reference in rendering.references {
            let k = ranges.lastIndex { $0.0.lowerBound <= reference.position } ?? 0
            referencesByRange[k].append(reference.target)
        }
        let first = units.count
        for (k, (range, element)) in ranges.enumerated() {
            let sentenceText = String(String.UnicodeScalarView(scalars[range]))
            var sentenceLanguage = paragraphLanguage == .mixed ? LanguageDetector.detect(sentenceText) : paragraphLanguage
            if sentenceLanguage == .und { sentenceLanguage = paragraphLanguage }
            let id: String
            if let element { id = try unitID(element) } else { id = freshID("s", units.count + 1) }
            units.append(TextUnit(
                id: id, kind: .sentence, section: section, paragraph: paragraphID, language: sentenceLanguage,
                start: cursor + range.lowerBound, end: cursor + range.upperBound, text: sentenceText))
            pendingRefs.append(referencesByRange[k])
            if let element { registerAnnotations(element, unit: units.count - 1) }
        }
        cursor += scalars.count + 1
        paragraphs.append(Paragraph(id: paragraphID, section: section, language: paragraphLanguage, units: first..<units.count))
    }

    /// The section, id and language of a paragraph-like element (`p`, `figure`) of ArgMark's own TEI.
    private mutating func openOwnParagraph(
        _ element: XMLElement, language: String, context: inout DivContext
    ) throws(DocumentReadError) -> (section: String, id: String, language: String) {
        let section = openSection(heading: nil, context: &context)
        context.pendingHeadingAllowed = false
        guard let id = element.xmlID else {
            throw .malformed(line: element.line, message: "<\(element.name)> has no xml:id; ArgMark's TEI gives every \(element.name) one")
        }
        return (section, id, element.xmlLang ?? language)
    }

    private mutating func addOwnParagraph(_ p: XMLElement, sentences: [XMLElement], language: String, context: inout DivContext) throws(DocumentReadError) {
        let (section, paragraphID, paragraphLanguage) = try openOwnParagraph(p, language: language, context: &context)
        let first = units.count
        for s in sentences {
            // One pass over the attributes: a sentence has up to eight.
            var id: String?
            var source: String?
            var code = paragraphLanguage
            var ana: String?
            var resp: String?
            var cert: String?
            var change: String?
            for (name, value) in s.attributes {
                switch name {
                case "xml:id": id = value
                case "source": source = value
                case "xml:lang": code = value
                case "ana": ana = value
                case "resp": resp = value
                case "cert": cert = value
                case "change": change = value
                case "type" where value == "thesis": markedThesis.append((units.count, s.line))
                default: break
                }
            }
            guard let id else { throw .malformed(line: s.line, message: "<s> has no xml:id; ArgMark's TEI gives every head and s one") }
            // A second sentence of one id would take the first one's labels and links.
            guard ownSentenceIDs.insert(id).inserted else {
                throw .malformed(line: s.line, message: "a second <s> has the xml:id \"\(id)\"; each sentence needs its own")
            }
            guard let (start, end) = Self.offsets(source) else {
                throw .malformed(line: s.line, message: "<s> lacks source=\"char:START,END\"; ArgMark's TEI gives every head and s its offsets")
            }
            units.append(TextUnit(
                id: id, kind: .sentence, section: section, paragraph: paragraphID, language: TEIVocabulary.language(code: code),
                start: start, end: end, text: s.textContent))
            pendingRefs.append(s.hasElementChildren ? s.descendants(named: "ref").flatMap { Self.pointers($0.attribute("target")) } : [])
            pendingAnnotations.append((units.count - 1, ana, resp, cert, change, s.line))
        }
        paragraphs.append(Paragraph(id: paragraphID, section: section, language: TEIVocabulary.language(code: paragraphLanguage), units: first..<units.count))
    }

    /// ArgMark's own `figure`: a paragraph of caption units, one per `head` (`TEIWriter.writeCaption`). It opens no
    /// section of its own.
    private mutating func addOwnCaption(_ figure: XMLElement, language: String, context: inout DivContext) throws(DocumentReadError) {
        let heads = figure.children(named: "head")
        guard !heads.isEmpty else { return }
        let (section, paragraphID, paragraphLanguage) = try openOwnParagraph(figure, language: language, context: &context)
        let first = units.count
        for head in heads {
            let id = try unitID(head)
            let (start, end) = try span(head, length: 0)
            units.append(TextUnit(
                id: id, kind: .caption, section: section, paragraph: paragraphID,
                language: TEIVocabulary.language(code: head.xmlLang ?? paragraphLanguage), start: start, end: end, text: head.textContent))
            pendingRefs.append(head.hasElementChildren ? head.descendants(named: "ref").flatMap { Self.pointers($0.attribute("target")) } : [])
        }
        paragraphs.append(Paragraph(id: paragraphID, section: section, language: TEIVocabulary.language(code: paragraphLanguage), units: first..<units.count))
    }

    static func trimmed(_ scalars: [Unicode.Scalar], _ range: Range<Int>) -> Range<Int> {
        var lower = range.lowerBound
        var upper = range.upperBound
        while lower < upper, scalars[lower].properties.isWhitespace { lower += 1 }
        while upper > lower, scalars[upper - 1].properties.isWhitespace { upper -= 1 }
        return lower..<upper
    }

    static func pointers(_ value: String?) -> [String] {
        (value ?? "").split(separator: " ").filter { $0.hasPrefix("#") }.map { String($0.dropFirst()) }
    }

    /// Remembers a sentence's label, annotator, confidence, thesis mark and score pointer for the annotation pass.
    private mutating func registerAnnotations(_ s: XMLElement, unit: Int) {
        pendingAnnotations.append((unit, s.attribute("ana"), s.attribute("resp"), s.attribute("cert"), s.attribute("change"), s.line))
    }

    var pendingAnnotations: [(unit: Int, ana: String?, resp: String?, cert: String?, change: String?, line: Int)] = []
    /// The xml:ids of ArgMark's own sentences read so far.
    var ownSentenceIDs: Set<String> = []
    /// ArgMark's own sentences marked type="thesis" (unit index, line).
    var markedThesis: [(unit: Int, line: Int)] = []

    private mutating func resolveNoteRefs(_ document: inout Document) {
        let noteIDs = Set(notes.map(\.id))
        for i in document.units.indices where !pendingRefs[i].isEmpty {
            var refs: [String] = []
            for target in pendingRefs[i] {
                let id = noteIDsByXMLID[target] ?? target
                if noteIDs.contains(id), !refs.contains(id) { refs.append(id) }
            }
            document.units[i].noteRefs = refs
        }
    }

    // MARK: annotation layer

    /// A @cert as a probability: nil when absent or one of TEI's words for it (high, medium, low, unknown); a number
    /// outside 0…1 is an error, as it is in JSONL.
    static func probability(_ cert: String?, line: Int) throws(DocumentReadError) -> Double? {
        guard let cert else { return nil }
        // XML leaves a value's spaces to the reader (cert=" 0.47 " is valid TEI); anything but a number or TEI's words
        // (a decimal comma: 0,47) is a mistake to name, not a confidence to drop.
        let trimmed = cert.trimmingCharacters(in: .whitespacesAndNewlines)
        if ["high", "medium", "low", "unknown"].contains(trimmed) { return nil }
        guard let value = Double(trimmed) else {
            throw .malformed(line: line, message: "cert=\"\(cert)\" is no probability; a confidence is a number from 0 to 1 (with a full stop: 0.47), or one of TEI's words high, medium, low, unknown")
        }
        guard value.isFinite, (0...1).contains(value) else {
            throw .malformed(line: line, message: "cert=\"\(cert)\" is no probability; a confidence is a number from 0 to 1")
        }
        return value
    }

    private func readAnnotationLayer(_ document: inout Document, annotators: [String: Annotator]) throws(DocumentReadError) {
        var index: [String: Int] = [:]
        index.reserveCapacity(document.units.count)
        for (i, unit) in document.units.enumerated() { index[unit.id] = i }
        // Every xml:id of the file, gathered only when a pointer finds no annotator.
        var fileIDs: Set<String>?
        func annotator(_ pointer: String?, line: Int) throws(DocumentReadError) -> Annotator? {
            let ids = Self.pointers(pointer)
            if let found = ids.lazy.compactMap({ annotators[$0] }).first { return found }
            // A resp that points at nothing (mistyped, or its respStmt deleted) would leave the label's origin unknown,
            // which keeps it as a person's from every later run: named instead. One that points at another element
            // (an editor declared elsewhere) is no annotator ArgMark knows, as before.
            if !ids.isEmpty {
                if fileIDs == nil { fileIDs = Self.xmlIDs(in: root) }
                if let missing = ids.first(where: { !fileIDs!.contains($0) }) {
                    throw .malformed(line: line, message: "resp=\"\(pointer ?? "")\" points at #\(missing), which no element of the file has as its xml:id; point it at the respStmt of whoever set it (its xml:id, e.g. #argmark-human-anna) or leave resp out if nobody knows")
                }
            }
            return nil
        }
        // Another scheme's categories (#arg-premise, declared in the file's own taxonomy) are not ArgMark's labels.
        let declaredCategories = Set((root.child("teiHeader")?.descendants(named: "category") ?? []).compactMap(\.xmlID))
        var reviewTimes: [String: String] = [:]
        for change in root.child("teiHeader")?.descendants(named: "change") ?? [] {
            if let id = change.xmlID, let when = change.attribute("when") { reviewTimes[id] = when }
        }
        var scoreOwner: [String: Int] = [:]
        var reasonsOwner: [String: Int] = [:]
        for entry in pendingAnnotations {
            var a = document.units[entry.unit].annotation
            var named: ArgumentLabel?
            for token in Self.pointers(entry.ana) {
                if let label = TEIVocabulary.label(categoryID: token) {
                    // Two labels would have been read as the last one, unannounced.
                    if let first = named, first != label {
                        throw .malformed(line: entry.line, message: "ana names two labels, #\(TEIVocabulary.categoryID(first)) and #\(token); a sentence has one: keep the one it should have")
                    }
                    named = label
                    a.label = label
                } else if token.lowercased().hasPrefix("arg-"), !declaredCategories.contains(token) {
                    // A label category mistyped by hand (#arg-Claim) would leave the sentence unlabelled unannounced.
                    let known = ArgumentLabel.allCases.map { "#" + TEIVocabulary.categoryID($0) }.joined(separator: ", ")
                    throw .malformed(line: entry.line, message: "ana names the label category #\(token), which is none of \(known) and no category the file declares")
                } else if token.hasPrefix("score-") {
                    scoreOwner[token] = entry.unit
                } else if token.hasPrefix("why-") {
                    reasonsOwner[token] = entry.unit
                }
            }
            if a.label != nil || own {
                a.labeledBy = try annotator(entry.resp, line: entry.line)
                a.confidence = try Self.probability(entry.cert, line: entry.line)
            }
            a.reviewedAt = Self.pointers(entry.change).lazy.compactMap { reviewTimes[$0] }.first
            // Kept as it stands, a time that is no date would be written into JSONL, which would then refuse it.
            if let time = a.reviewedAt, !SentenceAnnotation.isReviewTime(time) {
                throw .malformed(line: entry.line, message: "the change this sentence points at has when=\"\(time)\", which is neither a date and time (2026-12-03T08:00:00Z) nor a date (2026-12-03), the review times ArgMark keeps; correct it, or remove the sentence's @change")
            }
            document.units[entry.unit].annotation = a
        }
        guard let standOff = root.child("standOff") else { return }
        // Each sentence's link, by the line it stands on: a second one would have replaced the first unannounced.
        var linkLine: [Int: Int] = [:]
        for group in standOff.children(named: "linkGrp") where group.attribute("type") == "argument" {
            for link in group.children(named: "link") {
                let targets = Self.pointers(link.attribute("target"))
                guard targets.count == 2, let child = index[targets[0]], index[targets[1]] != nil else {
                    throw .malformed(line: link.line, message: "an argument link needs two pointers to sentences (child first, parent second)")
                }
                if let first = linkLine[child] {
                    let place = first == link.line ? "on the same line" : "on line \(first)"
                    throw .malformed(line: link.line, message: "\(targets[0]) has a second argument link (the first is \(place)); a sentence has one parent: keep the link it should have")
                }
                linkLine[child] = link.line
                // A misspelt or missing type read as support would turn an attack into a support unannounced.
                guard let relation = link.attribute("type").flatMap(ArgumentRelation.init(rawValue:)) else {
                    let given = link.attribute("type").map { "type=\"\($0)\"" } ?? "no type"
                    throw .malformed(line: link.line, message: "an argument link has \(given); it is type=\"support\" or type=\"attack\"")
                }
                var a = document.units[child].annotation
                a.parent = targets[1]
                a.relation = relation
                a.linkedBy = try annotator(link.attribute("resp"), line: link.line)
                a.linkConfidence = try Self.probability(link.attribute("cert"), line: link.line)
                document.units[child].annotation = a
            }
        }
        // The mark and the links must tell one story: a tree has one thesis, and the thesis has no parent.
        if markedThesis.count > 1 {
            let ids = markedThesis.map { document.units[$0.unit].id }.joined(separator: ", ")
            throw .malformed(line: markedThesis[1].line, message: "\(markedThesis.count) sentences are marked type=\"thesis\" (\(ids)); a tree has one thesis")
        }
        if let mark = markedThesis.first, let parent = document.units[mark.unit].annotation.parent {
            throw .malformed(line: mark.line, message: "\(document.units[mark.unit].id) is marked type=\"thesis\" but links to \(parent) as its parent; the thesis has none: move the mark or remove the link")
        }
        for respons in standOff.children(named: "respons") where respons.attribute("match") == "@type" {
            for target in Self.pointers(respons.attribute("target")) {
                // Pointing at no sentence, it would have dropped who made the thesis the root unannounced.
                guard let i = index[target] else {
                    throw .malformed(line: respons.line, message: "respons target=\"#\(target)\" points at no sentence; point it at the thesis it says who chose, or remove it")
                }
                if document.units[i].annotation.parent == nil {
                    document.units[i].annotation.linkedBy = try annotator(respons.attribute("resp"), line: respons.line)
                }
            }
        }
        for fs in standOff.children(named: "fs") where fs.attribute("type") == "evidentialSupport" {
            guard let id = fs.xmlID, let i = scoreOwner[id] else { continue }
            var score: Double?
            var base: Double?
            var contributions: [ScoreExplanation.Contribution] = []
            var hasChildren = false
            for f in fs.children(named: "f") {
                switch f.attribute("name") {
                case "score": score = f.child("numeric")?.attribute("value").flatMap(Double.init)
                case "base": base = f.child("numeric")?.attribute("value").flatMap(Double.init)
                case "children":
                    hasChildren = true
                    for c in f.child("vColl")?.children(named: "fs") ?? [] {
                        var child: String?
                        var relation: ArgumentRelation?
                        var strength: Double?
                        for g in c.children(named: "f") {
                            switch g.attribute("name") {
                            case "child": child = g.child("string")?.textContent
                            case "relation": relation = g.child("symbol")?.attribute("value").flatMap(ArgumentRelation.init(rawValue:))
                            case "strength": strength = g.child("numeric")?.attribute("value").flatMap(Double.init)
                            default: break
                            }
                        }
                        if let child, let relation, let strength { contributions.append(.init(child: child, relation: relation, strength: strength)) }
                    }
                default: break
                }
            }
            document.units[i].annotation.score = score
            if let base, hasChildren { document.units[i].annotation.explanation = ScoreExplanation(base: base, children: contributions) }
        }
        for fs in standOff.children(named: "fs") where fs.attribute("type") == "labelProposals" {
            guard let id = fs.xmlID, let i = reasonsOwner[id] else { continue }
            var reasons: [LabelReason] = []
            for f in fs.children(named: "f") where f.attribute("name") == "proposals" {
                for p in f.child("vColl")?.children(named: "fs") ?? [] {
                    var plugin: String?
                    var label: ArgumentLabel?
                    var score: Double?
                    var evidence = ""
                    for g in p.children(named: "f") {
                        switch g.attribute("name") {
                        case "plugin": plugin = g.child("string")?.textContent
                        case "label": label = g.child("symbol")?.attribute("value").flatMap(ArgumentLabel.init(rawValue:))
                        case "score": score = g.child("numeric")?.attribute("value").flatMap(Double.init)
                        case "evidence": evidence = g.child("string")?.textContent ?? ""
                        default: break
                        }
                    }
                    if let plugin, let label, let score, (0...1).contains(score) {
                        reasons.append(LabelReason(
                            plugin: LabelReason.printable(plugin), label: label, score: score, evidence: LabelReason.printable(evidence)))
                    }
                }
            }
            document.units[i].annotation.labelReasons = reasons
        }
    }
}

/// The normalised text of a paragraph-like element of a foreign TEI, with where its `s` children and its note
/// references fall. Inline notes, figures and the like are left out of the text. An edition's text reads as its
/// editor's: of a `choice` the correction, regularisation or expansion (corr, reg, expan), of an `app` the lemma,
/// deletions left out, and a line, column or page break marked `break="no"` joins the word it splits.
struct ParagraphRendering {
    var text = ""
    private var length = 0
    private var pendingSpace = false
    /// After a break inside a word: the whitespace that lays out the source is no word boundary.
    private var joining = false
    var sentenceRanges: [(range: Range<Int>, element: XMLElement)] = []
    var references: [(position: Int, target: String)] = []

    mutating func render(_ element: XMLElement) {
        for content in element.contents {
            switch content {
            case .text(let value): append(value)
            case .element(let child):
                switch child.name {
                case "note":
                    // A note set inline where it is cited refers its sentence to it, with an xml:id or without.
                    references.append((length, child.xmlID ?? TEIDecoder.inlineNoteKey(child)))
                case "lb", "cb", "pb":
                    if child.attribute("break") == "no" {
                        pendingSpace = false
                        joining = true
                    } else if child.name == "lb" {
                        pendingSpace = length > 0
                    }
                case "figure", "table", "formula", "graphic", "milestone", "fw", "gap", "interpGrp", "del", "surplus":
                    continue
                case "choice":
                    // The editor's reading; a choice of other alternatives (two readings, say) gives its first.
                    if let reading = ["corr", "reg", "expan"].lazy.compactMap({ child.child($0) }).first ?? child.children.first {
                        render(reading)
                    }
                case "app":
                    if let reading = child.child("lem") ?? child.child("rdg") { render(reading) }
                case "s":
                    pendingSpace = pendingSpace || length > 0
                    flushSpace()
                    let start = length
                    render(child)
                    sentenceRanges.append((start..<length, child))
                case "ref", "ptr":
                    for target in TEIDecoder.pointers(child.attribute("target")) { references.append((length, target)) }
                    let marker = TEIDecoder.normalised(child.textContent)
                    if ["foot", "note", "footnote", "endnote"].contains(child.attribute("type") ?? ""), !marker.isEmpty,
                        marker.allSatisfy(\.isNumber)
                    {
                        // A bare footnote number glued to the text ("claim.1") reads as the marker [1].
                        append("[" + marker + "]")
                    } else {
                        render(child)
                    }
                default:
                    render(child)
                }
            }
        }
    }

    private mutating func flushSpace() {
        if pendingSpace && length > 0 {
            text.unicodeScalars.append(" ")
            length += 1
        }
        pendingSpace = false
    }

    private mutating func append(_ value: String) {
        for scalar in value.unicodeScalars {
            if scalar.properties.isWhitespace {
                pendingSpace = !joining && length > 0
            } else {
                joining = false
                flushSpace()
                text.unicodeScalars.append(scalar)
                length += 1
            }
        }
    }
}

extension TEIReader {
    /// The replacementPattern of ArgMark's offset declaration (`listPrefixDef xml:id="argmark-prefixes"`), present in
    /// everything ArgMark writes: its own export and its export of another tool's TEI, whose header it keeps.
    static func argMarkPrefixPattern(_ root: XMLElement) -> String? {
        guard let header = root.child("teiHeader") else { return nil }
        for list in header.descendants(named: "listPrefixDef") where list.xmlID == TEIVocabulary.prefixesID {
            if let pattern = list.children(named: "prefixDef").first(where: { $0.attribute("ident") == TEIVocabulary.offsetPrefix })?.attribute("replacementPattern") {
                return pattern
            }
        }
        return nil
    }

    /// Whether `root` is ArgMark's own export, recognised by `idno type="argmark"` in its publicationStmt.
    static func isOwnExport(_ root: XMLElement) -> Bool {
        root.child("teiHeader")?.child("fileDesc")?.child("publicationStmt")?.children(named: "idno").contains {
            $0.attribute("type") == TEIVocabulary.documentIDType
        } ?? false
    }

    /// The elements of a TEI `text` that ArgMark writes, and the attributes it writes on them.
    private static let elementsWritten: Set<String> = ["text", "body", "back", "div", "head", "p", "s", "ref", "note", "figure"]
    private static let attributesWritten: Set<String> = [
        "xml:id", "xml:lang", "n", "type", "source", "ana", "cert", "resp", "change", "target", "place",
    ]

    /// What of a TEI file's `text` would be lost if it were written back from the ``Document`` read from it: elements
    /// ArgMark does not write (`persName`, `hi`, `choice`, `lb`, `pb`, `list`, `front` …), attributes it does not keep
    /// (`rend`, `corresp` …), comments and processing instructions — each named with its line, the first `limit` of
    /// them. Empty for ArgMark's own export; `review` refuses to write over a file for which it is not.
    public static func markupNotKept(in bytes: [UInt8], limit: Int = 5) -> [String] {
        guard let parsed = try? XMLDocument.parse(bytes, registerIDs: false), let root = parsed.root else { return [] }
        return markupNotKept(root: root, limit: limit)
    }

    /// Where `rewritten` (ArgMark's TEI of the document read from `original`) differs from `original` in what it
    /// holds — an element, an attribute or its value, text, a comment or processing instruction, in the header as
    /// in the text, layout aside — each named with its line in `original`, the first `limit` of them. A file the
    /// reader reads in full, as ArgMark wrote it, has none; one with an appendix, a header note, an attribute value
    /// or a comment added by hand has, and `review` must not write it back.
    static func differences(original a: XMLDocument, rewritten: [UInt8], limit: Int = 5) -> [String] {
        guard let b = try? XMLDocument.parse(rewritten, registerIDs: false), let rootA = a.root, let rootB = b.root else { return [] }
        var found: [String] = []
        let outerB = Set(b.outerCommentsAndInstructions.map(\.text))
        for (text, line) in a.outerCommentsAndInstructions where !outerB.contains(text) {
            found.append("a comment or processing instruction at line \(line)")
        }
        compare(rootA, rootB, loose: false, into: &found, limit: limit)
        return Array(found.prefix(limit))
    }

    /// The text of an element's content, whitespace collapsed, as one run between its child elements.
    private static func textRuns(_ element: XMLElement) -> [String] {
        var runs: [String] = []
        var current = ""
        func flush() {
            let collapsed = current.split(whereSeparator: \.isWhitespace).joined(separator: " ")
            if !collapsed.isEmpty { runs.append(collapsed) }
            current = ""
        }
        for content in element.contents {
            switch content {
            case .text(let value): current += value
            case .element: flush()
            }
        }
        flush()
        return runs
    }

    /// `loose` inside encodingDesc, whose declarations ArgMark writes itself and words differently from version to
    /// version: there only the elements and their ids (xml:id, ident) are compared, not other attributes or text,
    /// so a file another version wrote opens while an element a person added (a correction note, another
    /// application) is still found.
    private static func compare(_ a: XMLElement, _ b: XMLElement, loose: Bool, into found: inout [String], limit: Int) {
        guard found.count < limit else { return }
        let loose = loose || a.name == "encodingDesc"
        guard a.name == b.name else {
            found.append("<\(a.name)> at line \(a.line)")
            return
        }
        let attributesB = Dictionary(b.attributes.map { ($0.name, $0.value) }, uniquingKeysWith: { first, _ in first })
        for (name, value) in a.attributes where attributesB[name] != value && (!loose || name == "xml:id" || name == "ident") {
            found.append("\(name)=\"\(value)\" on <\(a.name)> at line \(a.line)")
            if found.count >= limit { return }
        }
        if !loose, textRuns(a) != textRuns(b) {
            found.append("the text of <\(a.name)> at line \(a.line)")
            return
        }
        if a.commentsAndInstructions != b.commentsAndInstructions {
            found.append("a comment or processing instruction in <\(a.name)> at line \(a.line)")
        }
        let childrenA = a.children, childrenB = b.children
        for (k, child) in childrenA.enumerated() {
            // An element added (or dropped) shifts the ones after it: it is named, not all of them.
            guard k < childrenB.count, child.name == childrenB[k].name else {
                found.append("<\(child.name)> at line \(child.line)")
                return
            }
            compare(child, childrenB[k], loose: loose, into: &found, limit: limit)
            if found.count >= limit { return }
        }
    }

    private static func markupNotKept(root: XMLElement, limit: Int) -> [String] {
        guard let text = root.child("text") else { return [] }
        // Another tool's TEI is read, not reproduced: its divisions, numbering, header declarations and the back
        // matter ArgMark leaves out would all change on a rewrite. ArgMark's export of another tool's TEI has its
        // offset declaration, and offsets on every head and s it wrote.
        let writtenByArgMark = isOwnExport(root) || (argMarkPrefixPattern(root) != nil
            && (text.descendants(named: "s") + text.descendants(named: "head")).allSatisfy { $0.attribute("source")?.hasPrefix("char:") == true })
        if !writtenByArgMark {
            return ["it is another tool's TEI (ArgMark writes an idno type=\"argmark\" or its argmark-prefixes declaration), whose divisions, numbering, header and back matter ArgMark does not reproduce"]
        }
        var found: [String] = []
        var stack = [text]
        while let element = stack.popLast(), found.count < limit {
            if !elementsWritten.contains(element.name) {
                found.append("<\(element.name)> at line \(element.line)")
                continue
            }
            if let attribute = element.attributes.first(where: { !attributesWritten.contains($0.name) }) {
                found.append("\(attribute.name)=\"\(attribute.value)\" on <\(element.name)> at line \(element.line)")
            }
            found += element.commentAndInstructionLines.map { "a comment or processing instruction at line \($0)" }
            stack += element.children.reversed()
        }
        return Array(found.prefix(limit))
    }
}
