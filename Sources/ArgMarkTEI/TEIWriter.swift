import ArgMarkCore
import ArgMarkPipeline
import ArgMarkXML

/// Writes TEI P5 (valid against `tei_all`) through libxml2's streaming writer, following the encoding of
/// ../shared/tei/example-argument-annotation.xml; docs/tei.md describes every element and attribute.
///
/// Everything the JSONL holds is kept: the header carries the metadata, the annotators (`respStmt`), the plugins
/// (`application`), the label taxonomy and the offset convention; `div`/`head`/`p`/`s` carry the structure with
/// their ids, offsets into the source text (`source="char:START,END"`), languages, labels (`@ana`), annotators
/// (`@resp`) and confidences (`@cert`); `standOff` carries the tree (`linkGrp`), who chose the thesis (`respons`)
/// and the support scores with their explanations (`fs`). A document read from TEI keeps its original header,
/// with ArgMark's declarations added. Output is byte-identical for identical input (no clock is read).
public struct TEIWriter: DocumentWriter {
    public init() {}

    public let descriptor = PluginDescriptor(
        id: "write.tei.v1", kind: .writer,
        summary: "TEI P5 (tei_all): header, div/head/p/s with labels, standOff argument tree and support scores")
    public var formatName: String { "tei" }
    public var fileExtension: String { "tei.xml" }

    public func write(_ document: Document) throws(DocumentWriteError) -> [UInt8] {
        if let problem = document.validate().first { throw .invalidDocument(problem.description) }
        do {
            var encoder = try TEIEncoder(document)
            return try encoder.encode()
        } catch let error as DocumentWriteError {
            throw error
        } catch let error as XMLError {
            throw .unrepresentable("TEI: \(error.message)")
        } catch {
            throw .unrepresentable("TEI: \(error)")
        }
    }
}

/// One document's TEI serialisation.
struct TEIEncoder {
    let document: Document
    let out: XMLStreamWriter
    /// Annotators in order of first appearance, with their `xml:id`s.
    var annotators: [(annotator: Annotator, id: String)] = []
    var annotatorIDs: [String: String] = [:]
    /// Whether each classification scheme key has a taxonomy, by key, with its id.
    var schemeIDs: [(key: String, id: String)] = []
    var depth = 0
    /// Inside a kept source header nothing is indented, so taking ArgMark's additions out again restores the
    /// header byte for byte.
    var compact = false
    let sectionsByID: [String: Section]
    /// Review times (`reviewedAt`) in order, each a `change` in revisionDesc that reviewed sentences point to.
    var reviewChangeIDs: [String: String] = [:]
    var reviewTimes: [String] = []
    /// `document.language` counts every unit: computed once.
    let documentLanguage: LanguageTag
    let documentLanguages: [LanguageTag]
    /// The thesis's id (`Document.thesisIndex`), marked type="thesis".
    let thesisID: String?

    init(_ document: Document) throws {
        self.document = document
        thesisID = document.thesisIndex.map { document.units[$0].id }
        documentLanguages = document.languages
        documentLanguage = documentLanguages.first ?? .und
        sectionsByID = Dictionary(document.sections.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        out = try XMLStreamWriter()
        try checkIDs()
        try checkCharacters()
        collectAnnotators()
        reviewTimes = Array(Set(document.units.compactMap(\.annotation.reviewedAt))).sorted()
        for time in reviewTimes {
            guard Self.isDateTime(time) else {
                throw DocumentWriteError.unrepresentable("TEI: reviewedAt '\(time)' is neither a date and time (2026-12-03T08:00:00Z) nor a date (2026-12-03); correct it in the JSONL")
            }
            reviewChangeIDs[time] = Self.changeID(time)
        }
        schemeIDs = document.metadata.classification.keys.sorted().enumerated().map { ($0.element, "argmark-scheme-\($0.offset + 1)") }
    }

    /// A review's `change` id is made of its time (argmark-rev-2026-12-03T080000Z), not its place among the
    /// review times, so that undoing an earlier review does not renumber every later one (and every `s` pointing
    /// to it) in a TEI file kept under version control.
    static func changeID(_ time: String) -> String {
        "argmark-rev-" + String(String.UnicodeScalarView(time.unicodeScalars.compactMap { $0 == ":" ? nil : $0 == "+" ? "p" : $0 }))
    }

    /// A date and time or a date, as `@when` takes them (`SentenceAnnotation.isReviewTime`).
    static func isDateTime(_ value: String) -> Bool { SentenceAnnotation.isReviewTime(value) }

    /// A character XML 1.0 cannot carry (a control character: Word's manual line break U+000B, a form feed) in a
    /// unit's or note's text, named with the unit, where the XML writer could say only that "text" holds it.
    private func checkCharacters() throws(DocumentWriteError) {
        func illegal(_ text: String) -> Unicode.Scalar? { text.unicodeScalars.first(where: XMLStreamWriter.isUnrepresentable) }
        func code(_ scalar: Unicode.Scalar) -> String {
            let hex = String(scalar.value, radix: 16, uppercase: true)
            return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
        }
        for (kind, id, text) in document.units.map({ ($0.kind.rawValue, $0.id, $0.text) }) + document.notes.map({ ("note", $0.id, $0.text) }) {
            if let scalar = illegal(text) {
                throw .unrepresentable("TEI: \(kind) \(id) contains \(code(scalar)), a control character XML 1.0 cannot represent; replace it with a space in the source (or the JSONL) and annotate again")
            }
        }
        // The metadata, named by its field: the XML writer could say only that "text" holds it.
        let metadata = document.metadata
        var fields: [(String, String)] = metadata.titles.sorted { $0.key < $1.key }.map { ("title (\($0.key))", $0.value) }
        fields += metadata.authors.map { ("author", $0) }
        fields += metadata.doi.map { [("DOI", $0)] } ?? []
        fields += metadata.keywords.sorted { $0.key < $1.key }.flatMap { entry in entry.value.map { ("keyword (\(entry.key))", $0) } }
        fields += metadata.abstracts.sorted { $0.key < $1.key }.map { ("abstract (\($0.key))", $0.value) }
        fields += metadata.classification.sorted { $0.key < $1.key }.map { ("classification \($0.key)", $0.value) }
        fields += metadata.fields.sorted { $0.key < $1.key }.flatMap { [("the name of the field \($0.key)", $0.key), ("field \($0.key)", $0.value)] }
        for (field, text) in fields {
            if let scalar = illegal(text) {
                throw .unrepresentable("TEI: the document's \(field) contains \(code(scalar)), a control character XML 1.0 cannot represent; replace it with a space in the source (or the JSONL's metadata) and annotate again")
            }
        }
    }

    /// Every id becomes an `xml:id`: it must be an NCName and unique. Every id that cannot be one is named at once
    /// (up to five), so that a table of a hundred ids is mended in one pass, not one run per id.
    private func checkIDs() throws(DocumentWriteError) {
        var seen: Set<String> = []
        var problems: [String] = []
        let ids = document.units.map(\.id) + document.paragraphs.map(\.id) + document.sections.map(\.id) + document.notes.map(\.id)
        for id in ids {
            if !TEIVocabulary.isNCName(id) {
                // Name what is wrong with it: its first character, or the first one an xml:id cannot hold (# / & , …).
                let reason: String
                if let first = id.first, !(first.isLetter || first == "_") {
                    reason = "it starts with '\(first)', and an xml:id starts with a letter or _"
                } else if let bad = id.dropFirst().first(where: { !TEIVocabulary.isNCName("a" + String($0)) }) {
                    reason = bad.isWhitespace ? "it holds a space" : "it holds '\(bad)'; an xml:id holds letters, digits, - _ and . only"
                } else {
                    reason = "an xml:id is a letter or _ followed by letters, digits, - _ or ."
                }
                problems.append("the id '\(id)' cannot be an xml:id (\(reason))")
            } else if TEIVocabulary.isReserved(id) {
                problems.append("the id '\(id)' uses a prefix ArgMark reserves (argmark, arg-, score-, why-)")
            } else if !seen.insert(id).inserted {
                problems.append("the id '\(id)' is used twice (xml:id values must be unique across sentences, paragraphs, sections and notes)")
            }
        }
        guard let first = problems.first else { return }
        if problems.count == 1 { throw .unrepresentable("TEI: \(first); rename it or re-annotate the source text") }
        let named = problems.prefix(5).joined(separator: "; ")
        throw .unrepresentable("TEI: \(problems.count) ids cannot be written: \(named)\(problems.count > 5 ? "; and \(problems.count - 5) more" : ""); rename them or re-annotate the source text")
    }

    private mutating func collectAnnotators() {
        var taken: Set<String> = []
        func add(_ annotator: Annotator?) {
            guard let annotator, annotatorIDs[annotator.description] == nil else { return }
            let base = TEIVocabulary.ncName(annotator.description.replacingOccurrences(of: ":", with: "-"), prefix: "argmark-")
            var id = base
            var n = 2
            while taken.contains(id) || id == TEIVocabulary.applicationID || id == TEIVocabulary.taxonomyID {
                id = "\(base)-\(n)"
                n += 1
            }
            taken.insert(id)
            annotatorIDs[annotator.description] = id
            annotators.append((annotator, id))
        }
        for unit in document.units where unit.kind == .sentence {
            add(unit.annotation.labeledBy)
            add(unit.annotation.linkedBy)
        }
        // Every labeller that proposed, though another decided each label (the cue lexicon in the default
        // pipeline): its proposals stand in the sentences' labelProposals, and the header names what ran.
        for unit in document.units where unit.kind == .sentence {
            for reason in unit.annotation.labelReasons { add(Annotator(reason.plugin)) }
        }
        // And every plugin of the run that made the annotation (the scorer, whose scores name no annotator).
        for record in document.plugins { add(.plugin(record.id)) }
    }

    private func pointer(_ annotator: Annotator?) -> String? {
        annotator.flatMap { annotatorIDs[$0.description] }.map { "#" + $0 }
    }

    // MARK: layout

    private func newline() {
        if compact { return }
        out.raw("\n" + String(repeating: "  ", count: depth))
    }

    private mutating func open(_ name: String, _ attributes: KeyValuePairs<String, String?> = [:]) throws(XMLError) {
        newline()
        out.startElement(name)
        for (key, value) in attributes { if let value { try out.attribute(key, value) } }
        depth += 1
    }

    private mutating func close() {
        depth -= 1
        newline()
        out.endElement()
    }

    private func leaf(_ name: String, _ attributes: KeyValuePairs<String, String?> = [:], text: String) throws(XMLError) {
        newline()
        try out.element(name, attributes, text: text)
    }

    private func empty(_ name: String, _ attributes: KeyValuePairs<String, String?>) throws(XMLError) {
        newline()
        try out.emptyElement(name, attributes)
    }

    // MARK: document

    mutating func encode() throws -> [UInt8] {
        out.startDocument()
        out.processingInstruction("xml-model", "href=\"http://www.tei-c.org/release/xml/tei/custom/schema/relaxng/tei_all.rng\" type=\"application/xml\" schematypens=\"http://relaxng.org/ns/structure/1.0\"")
        out.raw("\n")
        out.startElement("TEI")
        try out.attribute("xmlns", TEIVocabulary.namespace)
        try out.attribute("xml:lang", TEIVocabulary.languageCode(documentLanguage))
        depth = 1
        if let header = document.originalTEIHeader {
            try writeMergedHeader(header)
        } else {
            try writeHeader()
        }
        try open("text")
        try writeBody()
        try writeBack()
        close()
        try writeStandOff()
        depth = 0
        newline()
        out.endElement()
        out.raw("\n")
        return try out.finish()
    }

    // MARK: header

    private var sortedTitles: [(language: String, title: String)] {
        let first = TEIVocabulary.languageCode(documentLanguage)
        return document.metadata.titles.sorted { a, b in
            (a.key == first ? 0 : 1, a.key) < (b.key == first ? 0 : 1, b.key)
        }.map { ($0.key, $0.value) }
    }

    private mutating func writeHeader() throws(XMLError) {
        let m = document.metadata
        try open("teiHeader")
        try open("fileDesc")
        try open("titleStmt")
        if m.titles.isEmpty {
            try leaf("title", ["type": "filename"], text: document.id)
        }
        for (n, (language, title)) in sortedTitles.enumerated() {
            try leaf("title", ["type": n == 0 ? "main" : "sub", "xml:lang": language], text: title)
        }
        for author in m.authors { try leaf("author", text: author) }
        try writeRespStmts()
        close()
        try open("publicationStmt")
        try leaf("publisher", text: TEIVocabulary.publisher)
        try leaf("idno", ["type": TEIVocabulary.documentIDType], text: document.id)
        try open("availability")
        try leaf("p", ["xml:lang": "en"], text: "Annotation layer generated by ArgMark; the text keeps the rights of its source.")
        close()
        close()
        try open("sourceDesc")
        try open("bibl")
        if m.titles.isEmpty { try leaf("title", ["level": "a"], text: document.id) }
        for (language, title) in sortedTitles { try leaf("title", ["level": "a", "xml:lang": language], text: title) }
        for author in m.authors { try leaf("author", text: author) }
        if let doi = m.doi { try leaf("idno", ["type": "DOI"], text: doi) }
        if let path = document.sourcePath { try leaf("idno", ["type": "path"], text: path) }
        for key in m.fields.keys.sorted() { try leaf("note", ["type": "field", "n": key], text: m.fields[key]!) }
        close()
        close()
        close()
        try open("encodingDesc")
        try writeEncodingParts(standalone: true)
        close()
        try writeProfileDesc()
        if !annotators.isEmpty || !reviewTimes.isEmpty {
            try open("revisionDesc")
            try writeChanges()
            close()
        }
        close()
    }

    private mutating func writeRespStmts() throws(XMLError) {
        for (annotator, id) in annotators {
            try open("respStmt", ["xml:id": id])
            switch annotator {
            case .plugin(let plugin):
                try leaf("resp", ["xml:lang": "en"], text: Self.responsibility(of: plugin))
                try leaf("name", ["type": "software"], text: plugin)
            case .human(let name):
                try leaf("resp", ["xml:lang": "en"], text: "manual review and correction of the argument annotation")
                try leaf("persName", text: name)
            }
            close()
        }
    }

    static func responsibility(of plugin: String) -> String {
        if plugin.hasPrefix("label.") { return "automatic argument labelling" }
        if plugin.hasPrefix("link.") { return "automatic argument-tree linking" }
        if plugin.hasPrefix("score.") { return "automatic evidential-support scoring" }
        return "automatic annotation"
    }

    /// `label.model.zh.v1` → `1`; ids without a version suffix get ArgMark's version.
    static func pluginVersion(_ id: String) -> String {
        if let last = id.split(separator: ".").last, last.hasPrefix("v"), !last.dropFirst().isEmpty,
            last.dropFirst().allSatisfy(\.isNumber)
        {
            return String(last.dropFirst())
        }
        return ArgMarkVersion.current
    }

    /// Whether a source's offsets count in text ArgMark laid out from markup (a web page, a Word or OpenDocument file,
    /// another tool's TEI or XML, a comment table's cell) rather than in the file's own characters, as they do in plain text and Markdown: as
    /// the reader recorded (`sourceFormat`, also for a page read from standard input), else by the file's ending.
    static func isLaidOut(_ source: String, format: String?) -> Bool {
        if let format { return ["html", "docx", "odt", "csv"].contains(format) }
        let name = source.split(separator: "/").last ?? ""
        guard let dot = name.lastIndex(of: ".") else { return false }
        return ["html", "htm", "xhtml", "docx", "odt", "xml"].contains(name[name.index(after: dot)...].lowercased())
    }

    /// appInfo, editorialDecl, the offset prefix and the taxonomies. `standalone` is false inside a source's own
    /// encodingDesc, whose appInfo (if any) receives the applications instead.
    private mutating func writeEncodingParts(standalone: Bool, appInfoExists: Bool = false) throws(XMLError) {
        if !appInfoExists {
            try open("appInfo", ["xml:id": standalone ? nil : "argmark-appinfo"])
            try writeApplications()
            close()
        }
        try open("editorialDecl", ["xml:id": "argmark-editorial"])
        try open("segmentation")
        try leaf(
            "p", ["xml:lang": "en"],
            text: "Sentences (s) and headings (head) were segmented by ArgMark; each carries its offsets in the source text as source=\"char:START,END\" (Unicode code points, END exclusive; see the prefixDef char).")
        close()
        try open("interpretation")
        try leaf(
            "p", ["xml:lang": "en"],
            text: "Each s carries its label in @ana (a category of taxonomy argmark-labels) and, when scored, a pointer to an fs of type evidentialSupport. @resp names who decided (a program or a person); @cert is the machine confidence\(Self.certMeaning(document)). In the argument tree (linkGrp type=\"argument\") every link points from the child sentence (first pointer) to its parent (second pointer), with type support or attack, and the thesis has type=\"thesis\" and no parent.")
        close()
        close()
        try open("listPrefixDef", ["xml:id": TEIVocabulary.prefixesID])
        let source = document.sourcePath ?? (document.id + ".txt")
        try open("prefixDef", [
            "ident": TEIVocabulary.offsetPrefix, "matchPattern": "([0-9]+),([0-9]+)",
            "replacementPattern": Self.uriEscaped(source) + "#char=$1,$2",
        ])
        try leaf("p", ["xml:lang": "en"], text: document.sourcePath == nil
            ? "Offsets START,END in Unicode code points (RFC 5147 char scheme) into the document's text, which names no file (read from standard input, or written without its source): \(source) in the pattern stands for that text, under the document's id."
            : Self.isLaidOut(source, format: document.metadata.fields[DocumentMetadata.sourceFormatField])
            ? "Offsets START,END in Unicode code points into the text ArgMark laid out from the source (its markup removed), not into the file's own characters: the char scheme of RFC 5147 (plain text) does not resolve them in this file."
            : "Offsets START,END into the source text in Unicode code points (RFC 5147 char scheme).")
        close()
        close()
        try open("classDecl", ["xml:id": "argmark-classes"])
        try open("taxonomy", ["xml:id": TEIVocabulary.taxonomyID])
        try leaf("desc", ["xml:lang": "en"], text: "ArgMark sentence-level argument labels")
        for label in ArgumentLabel.allCases {
            let d = TEIVocabulary.categoryDescriptions[label]!
            try open("category", ["xml:id": TEIVocabulary.categoryID(label)])
            try catDesc(language: "en", term: d.enTerm, separator: ": ", text: d.en)
            try catDesc(language: "zh", term: d.zhTerm, separator: "：", text: d.zh)
            close()
        }
        close()
        for (key, id) in schemeIDs {
            try open("taxonomy", ["xml:id": id, "n": key])
            try leaf("desc", text: Self.schemeDescription(key))
            close()
        }
        close()
    }

    private func catDesc(language: String, term: String, separator: String, text: String) throws(XMLError) {
        newline()
        out.startElement("catDesc")
        try out.attribute("xml:lang", language)
        try out.element("term", text: term)
        try out.text(separator + text)
        out.endElement()
    }

    private mutating func writeApplications() throws(XMLError) {
        try open("application", ["xml:id": TEIVocabulary.applicationID, "ident": "ArgMark", "version": ArgMarkVersion.current])
        try leaf("label", text: "ArgMark")
        try leaf(
            "desc", ["xml:lang": "en"],
            text: "Argument-mining toolkit: sentence segmentation, labelling, argument-tree linking, evidential-support scoring.")
        if let scale = document.confidenceScale { try leaf("desc", ["type": "confidences"], text: scale.rawValue) }
        // Where the confidences are not all of one scale, each scale points at its sentences (@cert has no slot for
        // it); a confidence neither points at does not say (read from an older file).
        if document.confidenceScale == .mixed {
            for (scale, type) in [(ConfidenceScale.share, "shareConfidences"), (.calibrated, "calibratedConfidences")] {
                let ids = document.units.filter { $0.kind == .sentence && $0.annotation.recordedConfidenceScale == scale }.map { "#" + $0.id }
                if !ids.isEmpty { try empty("ptr", ["type": type, "target": ids.joined(separator: " ")]) }
            }
        }
        close()
        for case (.plugin(let plugin), let id) in annotators {
            // ident is an XML name: an annotator read from another tool's header may be called "ArgMark 0.1.0".
            let ident = String(plugin.unicodeScalars.map { $0.properties.isAlphabetic || ("0"..."9").contains($0) || ".-_".unicodeScalars.contains($0) ? Character($0) : "-" })
            // A plugin of the run that made the annotation says what it did, where it ran (n) and what it loaded.
            let index = document.plugins.firstIndex { $0.id == plugin }
            let record = index.map { document.plugins[$0] }
            try open("application", [
                "xml:id": id + "-app", "ident": ident.first?.isLetter == true ? ident : "x-" + ident, "version": Self.pluginVersion(plugin),
                "type": record?.role.rawValue, "n": index.map { String($0 + 1) },
            ])
            try leaf("label", text: plugin)
            if let fingerprint = record?.fingerprint { try leaf("desc", ["type": "fingerprint"], text: fingerprint) }
            if let weight = record?.weight { try leaf("desc", ["type": "weight"], text: FixedDecimal.format(weight)) }
            close()
        }
    }

    /// What @cert means, as the labelling runs recorded it (the ArgMark application's desc type="confidences"),
    /// naming only the kinds the document holds.
    static func certMeaning(_ document: Document) -> String {
        let calibrated = ", the probability that the label is right, calibrated on documents the models did not see"
        let share = ", the winning label's share of the labellers' weighted scores: it orders labels from surer to less sure but is no calibrated probability"
        switch document.confidenceScale {
        case .calibrated: return calibrated
        case .share: return share
        case nil: return ""
        case .mixed:
            let counts = document.confidenceScaleCounts
            var parts: [String] = []
            if counts.calibrated > 0 { parts.append("a calibrated probability that the label is right") }
            if counts.shares > 0 { parts.append("the winning label's share of the labellers' weighted scores") }
            if counts.unsaid > 0 { parts.append("unrecorded (read from a file that did not say)") }
            return ", for some sentences " + parts.joined(separator: ", for others ") + " (the application argmark's ptr elements name which)"
        }
    }

    static func schemeDescription(_ key: String) -> String {
        switch key {
        case "clc": "Chinese Library Classification (中图分类号)"
        case "documentCode": "CNKI document code (文献标识码)"
        case "articleNumber": "Article number (文章编号)"
        case "jel": "JEL classification"
        default: key
        }
    }

    /// Percent-encodes what a URI may not hold (spaces, non-ASCII, `#`, `%`), keeping `/`.
    static func uriEscaped(_ path: String) -> String {
        var result = ""
        for byte in path.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "/"), UInt8(ascii: "."), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "~"):
                result.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = String(byte, radix: 16, uppercase: true)
                result += "%" + (hex.count == 1 ? "0" : "") + hex
            }
        }
        return result
    }

    private mutating func writeProfileDesc() throws(XMLError) {
        let m = document.metadata
        try open("profileDesc")
        for language in m.abstracts.keys.sorted() {
            try open("abstract", ["xml:lang": language])
            try leaf("p", text: m.abstracts[language]!)
            close()
        }
        let keywordLanguages = m.keywords.keys.sorted().filter { !m.keywords[$0]!.isEmpty }
        if !keywordLanguages.isEmpty || !schemeIDs.isEmpty {
            try open("textClass")
            for language in keywordLanguages {
                try open("keywords", ["xml:lang": language])
                for term in m.keywords[language]! { try leaf("term", text: term) }
                close()
            }
            for (key, id) in schemeIDs { try leaf("classCode", ["scheme": "#" + id], text: m.classification[key]!) }
            close()
        }
        try open("langUsage")
        for language in documentLanguages {
            try leaf("language", ["ident": TEIVocabulary.languageCode(language)], text: TEIVocabulary.languageName(language))
        }
        if documentLanguages.isEmpty { try leaf("language", ["ident": "und"], text: "undetermined") }
        close()
        close()
    }

    /// One change for the machine annotation and one per person, counting what each decided.
    private mutating func writeChanges() throws(XMLError) {
        let machines = annotators.filter { !$0.annotator.isHuman }
        if !machines.isEmpty {
            let who = machines.map { "#" + $0.id }.joined(separator: " ")
            let names = machines.map { $0.annotator.description }.joined(separator: ", ")
            try leaf("change", ["xml:id": "argmark-change-machine", "who": who], text: "Automatic annotation by ArgMark \(ArgMarkVersion.current) (\(names)).")
        }
        // One change per review time, which reviewed sentences point to (@change).
        var reviewed: [String: (count: Int, who: [String])] = [:]
        for unit in document.units {
            guard let time = unit.annotation.reviewedAt else { continue }
            var entry = reviewed[time] ?? (0, [])
            entry.count += 1
            for annotator in [unit.annotation.labeledBy, unit.annotation.linkedBy] {
                if let annotator, annotator.isHuman, let id = annotatorIDs[annotator.description], !entry.who.contains(id) { entry.who.append(id) }
            }
            reviewed[time] = entry
        }
        for time in reviewTimes {
            let entry = reviewed[time]!
            try leaf(
                "change", ["xml:id": reviewChangeIDs[time]!, "when": time, "who": entry.who.isEmpty ? nil : entry.who.map { "#" + $0 }.joined(separator: " ")],
                text: "Reviewed \(entry.count) sentence\(entry.count == 1 ? "" : "s") in argmark review.")
        }
        for (n, entry) in annotators.enumerated() where entry.annotator.isHuman {
            var labels = 0
            var links = 0
            for unit in document.units {
                if unit.annotation.labeledBy == entry.annotator { labels += 1 }
                if unit.annotation.linkedBy == entry.annotator { links += 1 }
            }
            try leaf(
                "change", ["xml:id": "argmark-change-\(n + 1)", "who": "#" + entry.id],
                text: "Manual review: \(labels) label\(labels == 1 ? "" : "s") and \(links) link\(links == 1 ? "" : "s") set by hand.")
        }
    }

    /// An `xml:id` of the kept source header that ArgMark's additions would give a second time (a category
    /// `arg-claim`, a score `score-s3`, a proposal list `why-s3`, a declaration `argmark-…`) would make the output
    /// invalid, and every `@ana="#arg-claim"` point at the source's element: refused, naming it, before anything is
    /// written. (A unit's id never clashes: the reader gives units ids the source does not use.)
    static func checkKeptHeaderIDs(_ header: XMLElement, units: [TextUnit]) throws(DocumentWriteError) {
        let categories = Dictionary(uniqueKeysWithValues: ArgumentLabel.allCases.map { (TEIVocabulary.categoryID($0), $0) })
        let unitIDs = Set(units.map(\.id))
        func check(_ element: XMLElement) throws(DocumentWriteError) {
            if let id = element.xmlID {
                var use: String?
                if let label = categories[id] {
                    use = "its \(label.rawValue) category"
                } else if id.hasPrefix(TEIVocabulary.reservedPrefix) {
                    use = "its own declarations (ids starting \(TEIVocabulary.reservedPrefix))"
                } else if let unit = ["score-", "why-"].lazy.compactMap({ id.hasPrefix($0) ? String(id.dropFirst($0.count)) : nil }).first,
                          unitIDs.contains(unit) {
                    use = id.hasPrefix("score-") ? "the support score of sentence \(unit)" : "the labellers' proposals for sentence \(unit)"
                }
                if let use {
                    throw .unrepresentable("TEI: the source's teiHeader has an element <\(element.name) xml:id=\"\(id)\">, and ArgMark's encoding gives that id to \(use); rename it in the source TEI (with what points to it) and annotate it again, or write JSONL, which keeps the header as it is")
                }
            }
            for child in element.children { try check(child) }
        }
        try check(header)
    }

    /// Copies a source's own header, adding ArgMark's respStmts, applications, encoding declarations and changes
    /// (each with an `xml:id` starting `argmark`, so a later read can take them out again).
    private mutating func writeMergedHeader(_ xml: String) throws {
        let parsed = try XMLDocument.parse(Array(xml.utf8))
        guard let header = parsed.root, header.name == "teiHeader" else {
            throw DocumentWriteError.unrepresentable("TEI: the kept original header is not a teiHeader; re-read the source TEI")
        }
        try Self.checkKeptHeaderIDs(header, units: document.units)
        let hasEncodingDesc = header.child("encodingDesc") != nil
        let hasRevisionDesc = header.child("revisionDesc") != nil
        let hasAppInfo = header.child("encodingDesc")?.child("appInfo") != nil
        newline()
        var encoder = self
        encoder.compact = true
        try out.copy(header, around: { element, phase, _ throws(XMLError) in
            // Only the header's own containers receive declarations (a biblFull in sourceDesc has a titleStmt too).
            let parent = element.parent?.name
            switch (element.name, phase) {
            case ("titleStmt", .beforeEnd) where parent == "fileDesc" && element.parent?.parent?.name == "teiHeader":
                encoder.depth = 4
                try encoder.writeRespStmts()
            case ("appInfo", .beforeEnd) where parent == "encodingDesc":
                encoder.depth = 4
                try encoder.writeApplications()
            case ("encodingDesc", .beforeEnd) where parent == "teiHeader":
                encoder.depth = 3
                try encoder.writeEncodingParts(standalone: false, appInfoExists: hasAppInfo)
            case ("fileDesc", .afterEnd) where !hasEncodingDesc && parent == "teiHeader":
                encoder.depth = 2
                try encoder.open("encodingDesc", ["xml:id": "argmark-encoding"])
                try encoder.writeEncodingParts(standalone: true)
                encoder.close()
            case ("revisionDesc", .afterStart) where parent == "teiHeader":
                encoder.depth = 3
                if element.child("listChange") == nil { try encoder.writeChanges() }
            case ("listChange", .afterStart) where parent == "revisionDesc" && element.parent?.parent?.name == "teiHeader":
                encoder.depth = 4
                try encoder.writeChanges()
            case ("teiHeader", .beforeEnd) where !hasRevisionDesc && (!encoder.annotators.isEmpty || !encoder.reviewTimes.isEmpty):
                encoder.depth = 2
                try encoder.open("revisionDesc", ["xml:id": "argmark-revisions"])
                try encoder.writeChanges()
                encoder.close()
            default:
                break
            }
        })
    }

    // MARK: body

    private mutating func writeBody() throws(XMLError) {
        try open("body")
        var openSections: [String] = []
        let sections = sectionsByID
        var currentSection: String?
        for (index, paragraph) in document.paragraphs.enumerated() {
            if paragraph.section != currentSection {
                currentSection = paragraph.section
                let section = sections[paragraph.section]
                // Close sections until the new one's parent is innermost (or none is open).
                while let top = openSections.last, top != section?.parent {
                    openSections.removeLast()
                    close()
                }
                try open("div", ["xml:id": paragraph.section, "type": "section", "n": String(section?.level ?? 1)])
                openSections.append(paragraph.section)
            }
            try writeParagraph(paragraph, index: index)
        }
        for _ in openSections { close() }
        close()
    }

    private func inheritedLanguage(_ code: String, _ parent: String) -> String? { code == parent ? nil : code }

    private mutating func writeParagraph(_ paragraph: Paragraph, index: Int) throws(XMLError) {
        let documentLanguage = TEIVocabulary.languageCode(self.documentLanguage)
        let units = document.units[paragraph.units]
        if let heading = units.first, heading.kind == .heading {
            guard units.count == 1 else {
                throw XMLError(code: 0, line: 0, column: 0, message: "paragraph \(paragraph.id) mixes a heading with sentences; give the heading a paragraph of its own")
            }
            let section = sectionsByID[paragraph.section]
            guard section?.heading == heading.id else {
                throw XMLError(code: 0, line: 0, column: 0, message: "heading \(heading.id) does not open its section \(paragraph.section); a heading must start a section")
            }
            newline()
            out.startElement("head")
            try out.attribute("xml:id", heading.id)
            if paragraph.id != "p\(index + 1)" { try out.attribute("n", paragraph.id) }
            try out.attribute("source", offsets(heading))
            if let code = inheritedLanguage(TEIVocabulary.languageCode(heading.language), documentLanguage) { try out.attribute("xml:lang", code) }
            // A note on a title or heading (标题①, Introduction[^1]) is linked as a sentence's is.
            try writeTextWithNoteRefs(heading)
            out.endElement()
            return
        }
        let paragraphLanguage = TEIVocabulary.languageCode(paragraph.language)
        if units.first?.kind == .caption {
            try writeCaption(paragraph, units: units, paragraphLanguage: paragraphLanguage, documentLanguage: documentLanguage)
            return
        }
        try open("p", ["xml:id": paragraph.id, "xml:lang": inheritedLanguage(paragraphLanguage, documentLanguage)])
        for unit in units {
            guard unit.kind == .sentence else {
                throw XMLError(code: 0, line: 0, column: 0, message: "\(unit.kind.rawValue) \(unit.id) sits inside paragraph \(paragraph.id); give it a paragraph of its own")
            }
            try writeSentence(unit, paragraphLanguage: paragraphLanguage)
        }
        close()
    }

    /// A figure's or table's caption, rows and source lines: a `figure` (allowed between and inside paragraphs) whose
    /// `head`s are the caption units, so that TEI consumers see a caption and no heading of the division.
    private mutating func writeCaption(
        _ paragraph: Paragraph, units: ArraySlice<TextUnit>, paragraphLanguage: String, documentLanguage: String
    ) throws(XMLError) {
        try open("figure", ["xml:id": paragraph.id, "xml:lang": inheritedLanguage(paragraphLanguage, documentLanguage)])
        for unit in units {
            guard unit.kind == .caption else {
                throw XMLError(code: 0, line: 0, column: 0, message: "\(unit.kind.rawValue) \(unit.id) sits inside the caption paragraph \(paragraph.id); give it a paragraph of its own")
            }
            newline()
            out.startElement("head")
            try out.attribute("xml:id", unit.id)
            try out.attribute("source", offsets(unit))
            if let code = inheritedLanguage(TEIVocabulary.languageCode(unit.language), paragraphLanguage) { try out.attribute("xml:lang", code) }
            try writeTextWithNoteRefs(unit)
            out.endElement()
        }
        close()
    }

    private func offsets(_ unit: TextUnit) -> String { "\(TEIVocabulary.offsetPrefix):\(unit.start),\(unit.end)" }

    private func writeSentence(_ unit: TextUnit, paragraphLanguage: String) throws(XMLError) {
        let a = unit.annotation
        newline()
        out.startElement("s")
        try out.attribute("xml:id", unit.id)
        if unit.id == thesisID { try out.attribute("type", "thesis") }
        try out.attribute("source", offsets(unit))
        if let code = inheritedLanguage(TEIVocabulary.languageCode(unit.language), paragraphLanguage) { try out.attribute("xml:lang", code) }
        var ana: [String] = []
        if let label = a.label { ana.append("#" + TEIVocabulary.categoryID(label)) }
        if a.score != nil || a.explanation != nil { ana.append("#" + TEIVocabulary.scoreID(unit.id)) }
        if !a.labelReasons.isEmpty { ana.append("#" + TEIVocabulary.reasonsID(unit.id)) }
        if !ana.isEmpty { try out.attribute("ana", ana.joined(separator: " ")) }
        if let resp = pointer(a.labeledBy) { try out.attribute("resp", resp) }
        if let confidence = a.confidence { try out.attribute("cert", FixedDecimal.format(confidence)) }
        if let time = a.reviewedAt, let change = reviewChangeIDs[time] { try out.attribute("change", "#" + change) }
        try writeTextWithNoteRefs(unit)
        out.endElement()
    }

    /// A sentence's, heading's or caption's text with its note markers as `ref type="foot"` to their notes. When the
    /// markers found do not give back the unit's note list exactly (a hand-edited file), the refs are written empty
    /// after the text instead, so the list survives either way.
    private func writeTextWithNoteRefs(_ unit: TextUnit) throws(XMLError) {
        guard !unit.noteRefs.isEmpty else {
            try out.text(unit.text)
            return
        }
        let spans = NoteMarkerSpans.find(in: unit.text, notes: document.notes, allowed: Set(unit.noteRefs))
        var recovered: [String] = []
        for span in spans { for id in span.notes where !recovered.contains(id) { recovered.append(id) } }
        let scalars = Array(unit.text.unicodeScalars)
        if recovered == unit.noteRefs {
            var position = 0
            for span in spans {
                try out.text(String(String.UnicodeScalarView(scalars[position..<span.range.lowerBound])))
                out.startElement("ref")
                try out.attribute("type", "foot")
                try out.attribute("target", span.notes.map { "#" + $0 }.joined(separator: " "))
                try out.text(String(String.UnicodeScalarView(scalars[span.range])))
                out.endElement()
                position = span.range.upperBound
            }
            try out.text(String(String.UnicodeScalarView(scalars[position...])))
        } else {
            try out.text(unit.text)
            for id in unit.noteRefs { try out.emptyElement("ref", ["type": "foot", "target": "#" + id]) }
        }
    }

    private mutating func writeBack() throws(XMLError) {
        guard !document.notes.isEmpty else { return }
        try open("back")
        try open("div", ["type": "notes"])
        for note in document.notes {
            var source: String?
            if let start = note.start, let end = note.end { source = "\(TEIVocabulary.offsetPrefix):\(start),\(end)" }
            try leaf("note", ["xml:id": note.id, "n": note.marker.isEmpty ? nil : note.marker, "source": source], text: note.text)
        }
        close()
        close()
    }

    // MARK: standOff

    private mutating func writeStandOff() throws(XMLError) {
        let linked = document.units.filter { $0.kind == .sentence && $0.annotation.parent != nil }
        // Who chose the thesis, when the file says.
        let theses = document.units.filter { $0.id == thesisID && $0.annotation.linkedBy != nil }
        let scored = document.units.filter { $0.kind == .sentence && ($0.annotation.score != nil || $0.annotation.explanation != nil) }
        let reasoned = document.units.filter { $0.kind == .sentence && !$0.annotation.labelReasons.isEmpty }
        guard !linked.isEmpty || !theses.isEmpty || !scored.isEmpty || !reasoned.isEmpty else { return }
        try open("standOff")
        if !linked.isEmpty {
            try open("linkGrp", ["type": "argument", "xml:id": TEIVocabulary.treeID])
            try leaf("desc", ["xml:lang": "en"], text: "Argument tree: child sentence first, parent second; type = relation to the parent.")
            for unit in linked {
                let a = unit.annotation
                try empty("link", [
                    "type": (a.relation ?? .support).rawValue, "target": "#\(unit.id) #\(a.parent!)", "resp": pointer(a.linkedBy),
                    "cert": a.linkConfidence.map(FixedDecimal.format),
                ])
            }
            close()
        }
        for unit in theses {
            try empty("respons", ["locus": "value", "target": "#" + unit.id, "match": "@type", "resp": pointer(unit.annotation.linkedBy)])
        }
        var children: [String: (support: Int, attack: Int)] = [:]
        for unit in linked {
            var counts = children[unit.annotation.parent!] ?? (0, 0)
            if unit.annotation.relation == .attack { counts.attack += 1 } else { counts.support += 1 }
            children[unit.annotation.parent!] = counts
        }
        for unit in scored {
            let a = unit.annotation
            try open("fs", ["xml:id": TEIVocabulary.scoreID(unit.id), "type": "evidentialSupport", "resp": "#" + TEIVocabulary.applicationID])
            if let score = a.score { try feature("score", numeric: score) }
            let counts = children[unit.id] ?? (0, 0)
            try feature("supporting", numeric: Double(counts.support))
            try feature("attacking", numeric: Double(counts.attack))
            if let e = a.explanation {
                try feature("base", numeric: e.base)
                try open("f", ["name": "children"])
                if e.children.isEmpty {
                    try empty("vColl", ["org": "list"])
                } else {
                    try open("vColl", ["org": "list"])
                    for c in e.children {
                        try inlineFeatureStructure("contribution", [
                            ("child", .string(c.child)), ("relation", .symbol(c.relation.rawValue)), ("strength", .numeric(c.strength)),
                        ])
                    }
                    close()
                }
                close()
            }
            close()
        }
        for unit in reasoned {
            // What each labeller proposed: fs type="labelProposals" > f name="proposals" > vColl > fs type="proposal".
            try open("fs", ["xml:id": TEIVocabulary.reasonsID(unit.id), "type": "labelProposals", "resp": "#" + TEIVocabulary.applicationID])
            try open("f", ["name": "proposals"])
            try open("vColl", ["org": "list"])
            for r in unit.annotation.labelReasons {
                try inlineFeatureStructure("proposal", [
                    ("plugin", .string(r.plugin)), ("label", .symbol(r.label.rawValue)), ("score", .numeric(r.score)),
                ] + (r.evidence.isEmpty ? [] : [("evidence", .string(r.evidence))]))
            }
            close()
            close()
            close()
        }
        close()
    }

    /// A feature value of an `fs` written on one line.
    private enum FeatureValue {
        case string(String)
        case symbol(String)
        case numeric(Double)
    }

    /// `<fs type="TYPE"><f name="…"><string>…</string></f>…</fs>` on a line of its own.
    private func inlineFeatureStructure(_ type: String, _ features: [(name: String, value: FeatureValue)]) throws(XMLError) {
        newline()
        out.startElement("fs")
        try out.attribute("type", type)
        for (name, value) in features {
            out.startElement("f")
            try out.attribute("name", name)
            switch value {
            case .string(let text): try out.element("string", text: text)
            case .symbol(let symbol): try out.emptyElement("symbol", ["value": symbol])
            case .numeric(let number): try out.emptyElement("numeric", ["value": FixedDecimal.format(number)])
            }
            out.endElement()
        }
        out.endElement()
    }

    private func feature(_ name: String, numeric value: Double) throws(XMLError) {
        newline()
        out.startElement("f")
        try out.attribute("name", name)
        try out.emptyElement("numeric", ["value": FixedDecimal.format(value)])
        out.endElement()
    }
}

/// Where note markers (`[3]`, `[1-3]`, `［4］`, ③) stand in a sentence, and which notes each names.
enum NoteMarkerSpans {
    struct Span {
        var range: Range<Int>
        var notes: [String]
    }

    /// Markers whose notes are all in `allowed`, by scalar range.
    static func find(in text: String, notes: [Note], allowed: Set<String>) -> [Span] {
        var byMarker: [String: String] = [:]
        for note in notes where !note.marker.isEmpty && byMarker[note.marker] == nil { byMarker[note.marker] = note.id }
        let s = Array(text.unicodeScalars)
        var spans: [Span] = []
        var i = 0
        while i < s.count {
            let c = s[i]
            if (0x2460...0x2473).contains(c.value) || (0x3251...0x325F).contains(c.value) || (0x32B1...0x32BF).contains(c.value) {
                if let id = byMarker[String(c)], allowed.contains(id) { spans.append(Span(range: i..<(i + 1), notes: [id])) }
                i += 1
                continue
            }
            guard c == "[" || c == "［" else {
                i += 1
                continue
            }
            var k = i + 1
            while k < s.count, s[k] != "]", s[k] != "］", k - i <= 24 { k += 1 }
            guard k < s.count, s[k] == "]" || s[k] == "］" else {
                i += 1
                continue
            }
            let inside = String(String.UnicodeScalarView(s[(i + 1)..<k]))
            let ids = markers(inside).compactMap { byMarker[$0] }
            if !ids.isEmpty, ids.allSatisfy(allowed.contains) {
                var unique: [String] = []
                for id in ids where !unique.contains(id) { unique.append(id) }
                spans.append(Span(range: i..<(k + 1), notes: unique))
                i = k + 1
            } else {
                i += 1
            }
        }
        return spans
    }

    /// `1-3` → 1 2 3; `2,5` → 2 5; full-width digits read as ASCII.
    static func markers(_ inside: String) -> [String] {
        var normalised = ""
        for scalar in inside.unicodeScalars {
            if (0xFF10...0xFF19).contains(scalar.value) {
                normalised.unicodeScalars.append(Unicode.Scalar(scalar.value - 0xFF10 + 0x30)!)
            } else {
                normalised.unicodeScalars.append(scalar)
            }
        }
        var result: [String] = []
        for part in normalised.split(whereSeparator: { $0 == "," || $0 == "，" || $0 == " " }) {
            let bounds = part.split(whereSeparator: { $0 == "-" || $0 == "–" || $0 == "—" })
            if bounds.count == 2, let low = Int(bounds[0]), let high = Int(bounds[1]), low <= high, high - low < 100 {
                result += (low...high).map(String.init)
            } else if bounds.count == 1, let n = Int(bounds[0]) {
                result.append(String(n))
            } else {
                return []
            }
        }
        return result
    }
}
