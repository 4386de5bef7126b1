import ArgMarkCore
import ArgMarkPipeline
import Foundation

/// Reads ArgMark's JSON Lines format back into a ``Document`` (ids, segmentation and annotations kept), so a
/// document can be re-processed, reviewed or evaluated.
public struct JSONLinesReader: DocumentReader, PassedOverReporting {
    public init() {}

    public let descriptor = PluginDescriptor(
        id: "read.jsonl.v1", kind: .reader, summary: "ArgMark JSON Lines (the native format), annotations kept",
        assigns: [.sentences])
    public var formatName: String { "jsonl" }
    public var fileExtensions: [String] { ["jsonl"] }

    public func sniff(_ prefix: Substring) -> Int {
        prefix.hasPrefix("{\"type\":\"document\"") ? 20 : 0
    }

    private struct Record: Decodable {
        var type: String
        var id: String?
        var lang: String?
        var source: String?
        var metadata: Metadata?
        var section: String?
        var paragraph: String?
        var start: Int?
        var end: Int?
        var text: String?
        var label: String?
        var confidence: Double?
        var confidenceScale: String?
        var labeledBy: String?
        var parent: String?
        var relation: String?
        var score: Double?
        var notes: [String]?
        var level: Int?
        var marker: String?
        var linkedBy: String?
        var linkConfidence: Double?
        var explanation: Explanation?
        var labelReasons: [Reason]?
        var teiHeader: String?
        var reviewedAt: String?
    }

    /// What the document line's `generator` records (ArgMark's `plugins` and `confidences`); a generator written
    /// otherwise (by another tool, by hand) and entries that are no such record are passed over, as keys this reader
    /// does not know are.
    /// In ArgMark's own generator a `confidences` value that is none of the scales is an error: read as none, the
    /// confidences would be taken for calibrated ones.
    static func generator(ofDocumentLine line: some Sequence<UInt8>, number: Int = 1) throws(DocumentReadError) -> (plugins: [PluginRecord], confidenceScale: ConfidenceScale?) {
        guard let object = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any],
              let generator = object["generator"] as? [String: Any]
        else { return ([], nil) }
        var scale: ConfidenceScale?
        if let written = generator["confidences"], !(written is NSNull) {
            let value = (written as? String).flatMap(ConfidenceScale.init(rawValue:))
            // Another tool's generator may use the key otherwise: only ArgMark's own is held to the scales.
            guard value != nil || generator["name"] as? String != "argmark" else {
                throw .malformed(line: number, message: "generator.confidences is \(written is String ? "'\(written)', which is no scale" : "not a string"); write calibrated, share or mixed (what the machine confidences are), or leave it out")
            }
            scale = value
        }
        guard let entries = generator["plugins"] as? [[String: Any]] else { return ([], scale) }
        let plugins = entries.compactMap { entry -> PluginRecord? in
            guard let id = entry["id"] as? String, !id.isEmpty, let role = (entry["role"] as? String).flatMap(PluginRecord.Role.init(rawValue:))
            else { return nil }
            let weight = (entry["weight"] as? NSNumber).flatMap { String(cString: $0.objCType) == "c" ? nil : $0.doubleValue }
            return PluginRecord(id: id, role: role, fingerprint: entry["fingerprint"] as? String, weight: weight)
        }
        return (plugins, scale)
    }

    /// ["plugin","label",score,"evidence"]
    private struct Reason: Decodable {
        var plugin: String
        var label: String
        var score: Double
        var evidence: String

        init(from decoder: Decoder) throws {
            var c = try decoder.unkeyedContainer()
            plugin = try c.decode(String.self)
            label = try c.decode(String.self)
            score = try c.decode(Double.self)
            evidence = try c.decode(String.self)
        }
    }

    private struct Explanation: Decodable {
        var base: Double
        var children: [Child]

        struct Child: Decodable {
            var id: String
            var relation: String
            var strength: Double

            init(from decoder: Decoder) throws {
                var c = try decoder.unkeyedContainer()
                id = try c.decode(String.self)
                relation = try c.decode(String.self)
                strength = try c.decode(Double.self)
            }
        }
    }

    private struct Metadata: Decodable {
        var titles: [String: String]?
        var authors: [String]?
        var doi: String?
        var keywords: [String: [String]]?
        var abstracts: [String: String]?
        var classification: [String: String]?
        var fields: [String: String]?
    }

    /// The keys a record may hold, which reading keeps; any other is dropped by reading and writing back.
    static let keptKeys: Set<String> = [
        "type", "id", "lang", "languages", "source", "metadata", "generator", "section", "paragraph", "start", "end", "text",
        "label", "confidence", "confidenceScale", "labeledBy", "parent", "relation", "score", "notes", "level", "marker", "linkedBy",
        "linkConfidence", "explanation", "labelReasons", "teiHeader", "reviewedAt",
    ]
    static let keptMetadataKeys: Set<String> = ["titles", "authors", "doi", "keywords", "abstracts", "classification", "fields"]

    /// A file that writes back as it is (the common case, ArgMark's own) holds no such key: only another is looked
    /// through, key by key.
    public func passedOver(in bytes: [UInt8], readAs document: Document) -> [PassedOverKey] {
        if (try? JSONLinesWriter().write(document)) == bytes { return [] }
        return Self.keysNotKept(in: bytes).map { PassedOverKey(key: $0.key, line: $0.line) }
    }

    /// The keys of `bytes` (a file this reader reads) that reading does not keep — a comment field added by hand, a
    /// project's own — each with the first line it stands on, in order of appearance: what writing the document
    /// back would lose.
    public static func keysNotKept(in bytes: [UInt8]) -> [(key: String, line: Int)] {
        var found: [(key: String, line: Int)] = []
        var seen = Set<String>()
        for (n, line) in bytes.split(separator: 0x0A, omittingEmptySubsequences: false).enumerated() {
            guard let object = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any] else { continue }
            var keys = object.keys.filter { !keptKeys.contains($0) }.sorted()
            if let metadata = object["metadata"] as? [String: Any] {
                keys += metadata.keys.filter { !keptMetadataKeys.contains($0) }.sorted().map { "metadata." + $0 }
            }
            for key in keys where seen.insert(key).inserted { found.append((key, n + 1)) }
        }
        return found
    }

    /// The longest line read, in characters.
    static let maxLineLength = 64_000_000

    public func read(_ input: ReaderInput) throws(DocumentReadError) -> Document {
        // A line is a record, as long as its sentence or header is (a sentence of a million characters, a TEI source's
        // kept header): text files' limit on a line would refuse what ArgMark itself wrote.
        let scalars = try TextDecoder.decode(input.bytes, maxLineLength: Self.maxLineLength)
        if scalars.allSatisfy({ $0.properties.isWhitespace }) { throw .empty }
        let decoder = JSONDecoder()
        // One document mutated in place: copying it per line would make reading quadratic.
        var doc = Document(id: input.documentID)
        var haveDocument = false
        var documentScale: ConfidenceScale?
        var lineOfUnit: [String: Int] = [:]
        var paragraphStart: [String: Int] = [:]
        var knownSections: Set<String> = []
        var lineNumber = 0
        // The bytes are valid UTF-8 (checked above), so lines are cut and decoded straight from them.
        var bytes = input.bytes[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        for line in bytes.split(separator: 0x0A, omittingEmptySubsequences: false) {
            lineNumber += 1
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
            let record: Record
            do {
                record = try decoder.decode(Record.self, from: Data(line))
            } catch {
                throw .malformed(line: lineNumber, message: "not a valid ArgMark JSON object (\(Self.describe(error))); fix or remove the line")
            }
            if record.type == "document" {
                guard !haveDocument else { throw .malformed(line: lineNumber, message: "a second document line; give one document per file") }
                doc = Document(id: record.id ?? input.documentID, sourcePath: record.source, metadata: Self.metadata(record.metadata))
                doc.originalTEIHeader = record.teiHeader
                let generator = try Self.generator(ofDocumentLine: line, number: lineNumber)
                doc.plugins = generator.plugins
                documentScale = generator.confidenceScale
                haveDocument = true
                continue
            }
            guard haveDocument else {
                throw .malformed(line: lineNumber, message: "the first line must be the {\"type\":\"document\",…} line")
            }
            switch record.type {
            case "heading", "sentence", "caption":
                let unit = try Self.unit(record, line: lineNumber)
                lineOfUnit[unit.id] = lineNumber
                if !knownSections.contains(unit.section) {
                    knownSections.insert(unit.section)
                    let level = unit.kind == .heading ? (record.level ?? 1) : 1
                    let parent = doc.sections.last { $0.level < level }?.id
                    doc.sections.append(
                        Section(id: unit.section, level: level, heading: unit.kind == .heading ? unit.id : nil, parent: parent))
                }
                if doc.paragraphs.last?.id == unit.paragraph {
                    doc.paragraphs[doc.paragraphs.count - 1].units = paragraphStart[unit.paragraph]!..<(doc.units.count + 1)
                } else {
                    guard paragraphStart[unit.paragraph] == nil else {
                        throw .malformed(line: lineNumber, message: "paragraph \(unit.paragraph) is interrupted; keep a paragraph's units together")
                    }
                    paragraphStart[unit.paragraph] = doc.units.count
                    doc.paragraphs.append(
                        Paragraph(id: unit.paragraph, section: unit.section, language: unit.language,
                                  units: doc.units.count..<(doc.units.count + 1)))
                }
                let p = doc.paragraphs.count - 1
                if doc.paragraphs[p].language != unit.language { doc.paragraphs[p].language = .mixed }
                doc.units.append(unit)
            case "note":
                guard let id = record.id, let text = record.text else {
                    throw .malformed(line: lineNumber, message: "a note needs \"id\" and \"text\"")
                }
                doc.notes.append(Note(id: id, marker: record.marker ?? "", text: text, start: record.start, end: record.end))
            default:
                throw .malformed(line: lineNumber, message: "unknown record type '\(record.type)'; expected document, heading, sentence, caption or note")
            }
        }
        guard haveDocument else { throw .malformed(line: 1, message: "no document line found") }
        // One scale on the document line holds for every machine confidence that does not say its own.
        if let documentScale { doc.assumeConfidenceScale(documentScale) }
        let document = doc
        let problems = document.validate()
        if let problem = problems.first {
            // An id with a control character is named escaped ("s300\u{07}").
            let line = lineOfUnit[problem.subject] ?? lineOfUnit.first { $0.key.debugDescription == problem.subject }?.value ?? 1
            // Others are said to be there, lest each be met only after the one before was mended.
            let more = problems.count == 1 ? "" : " (and \(problems.count - 1) more problem\(problems.count == 2 ? "" : "s") in the file)"
            let persons = document.units.contains { $0.annotation.isHumanLabel || $0.annotation.isHumanLink }
            throw .malformed(line: line, message: "\(problem); correct that line\(more)"
                + (persons ? "; annotating the source text again would start afresh, without the labels and links a person set in this file" : ""))
        }
        guard document.units.contains(where: { $0.kind == .sentence }) else { throw .noSentences }
        return document
    }

    private static func metadata(_ m: Metadata?) -> DocumentMetadata {
        guard let m else { return .init() }
        return DocumentMetadata(
            titles: m.titles ?? [:], authors: m.authors ?? [], doi: m.doi, keywords: m.keywords ?? [:],
            abstracts: m.abstracts ?? [:], classification: m.classification ?? [:], fields: m.fields ?? [:])
    }

    /// Who set a label or link, as the file signs it: `human:NAME` is a person, anything else a labeller (ArgMark's
    /// id, or another tool's: `openai:gpt-4o`, `GPT 4 (OpenAI)`, `humanities-bert`). A signature that is empty or
    /// reads as a person's misspelt (` human:ana`, `human :ana`, `humans:ana`, `human：ana`, a bare `human`) would
    /// make a person's label a machine's, which the next run overwrites: it is refused, naming the line.
    private static func annotator(_ raw: String?, key: String, line: Int) throws(DocumentReadError) -> Annotator? {
        guard let raw else { return nil }
        let annotator = Annotator(raw)
        if annotator.isHuman { return annotator }
        if raw.allSatisfy(\.isWhitespace) {
            throw .malformed(line: line, message: "\(key) is empty; write human:NAME for a person's work or the labeller's id, or leave the key out when nobody knows who set it")
        }
        // human:NAME with a space, a plural or a full-width colon (humanities-bert is another tool's id).
        if readsAsMisspeltSignature(raw) {
            throw .malformed(line: line, message: "\(key) \(raw.debugDescription) reads as a person's signature misspelt, which would make the label a machine's and let the next run overwrite it; write human:NAME (an ASCII colon, no space before it) for a person's work, or, if a tool set the label, that tool's id")
        }
        return annotator
    }

    /// Whether `raw` is `human` (or `humans`, any case) between spaces, alone or before `:`, `：` or `;` and a
    /// line's rest: what the pattern `(?i)\s*humans?\s*([:：;].*)?` matches whole. Written out, as a pattern is
    /// compiled again at each use, which was two fifths of reading a labelled file (two keys on every line).
    static func readsAsMisspeltSignature(_ raw: String) -> Bool {
        var rest = Substring(raw).drop(while: \.isWhitespace)
        guard rest.prefix(5).lowercased() == "human" else { return false }
        rest = rest.dropFirst(5)
        if rest.first == "s" || rest.first == "S" { rest = rest.dropFirst() }
        rest = rest.drop(while: \.isWhitespace)
        guard let mark = rest.first else { return true }
        return (mark == ":" || mark == "：" || mark == ";") && !rest.dropFirst().contains(where: \.isNewline)
    }

    private static func unit(_ r: Record, line: Int) throws(DocumentReadError) -> TextUnit {
        guard let id = r.id, let section = r.section, let paragraph = r.paragraph, let start = r.start, let end = r.end,
            let text = r.text
        else {
            throw .malformed(line: line, message: "a \(r.type) needs id, section, paragraph, start, end and text")
        }
        guard let language = LanguageTag(rawValue: r.lang ?? "und") else {
            throw .malformed(line: line, message: "unknown language '\(r.lang ?? "")'; use zh, en, mixed or und")
        }
        var annotation = SentenceAnnotation()
        if let label = r.label {
            guard let value = ArgumentLabel(rawValue: label) else {
                throw .malformed(line: line, message: "unknown label '\(label)'; use one of \(ArgumentLabel.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            annotation.label = value
        }
        if let relation = r.relation {
            guard let value = ArgumentRelation(rawValue: relation) else {
                throw .malformed(line: line, message: "unknown relation '\(relation)'; use support or attack")
            }
            annotation.relation = value
        }
        annotation.confidence = r.confidence
        if let scale = r.confidenceScale {
            guard let value = ConfidenceScale(rawValue: scale), value != .mixed else {
                throw .malformed(line: line, message: "confidenceScale is '\(scale)'; a sentence's confidence is calibrated or share")
            }
            annotation.confidenceScale = value
        }
        annotation.labeledBy = try annotator(r.labeledBy, key: "labeledBy", line: line)
        annotation.parent = r.parent
        annotation.score = r.score
        annotation.linkedBy = try annotator(r.linkedBy, key: "linkedBy", line: line)
        annotation.linkConfidence = r.linkConfidence
        // Read as it stood, a time that is no time was written into CSV and AIF and refused only by the TEI export.
        if let time = r.reviewedAt, !SentenceAnnotation.isReviewTime(time) {
            throw .malformed(line: line, message: "reviewedAt \(time.debugDescription) is neither a date and time (2026-12-03T08:00:00Z, as review writes it) nor a date (2026-12-03); correct it, or remove the key if the time is not known")
        }
        annotation.reviewedAt = r.reviewedAt
        for reason in r.labelReasons ?? [] {
            guard let label = ArgumentLabel(rawValue: reason.label) else {
                throw .malformed(line: line, message: "unknown label '\(reason.label)' in labelReasons; use one of \(ArgumentLabel.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            guard (0...1).contains(reason.score) else {
                throw .malformed(line: line, message: "labelReasons gives \(reason.plugin) the score \(reason.score); scores are numbers in [0, 1]")
            }
            annotation.labelReasons.append(LabelReason(
                plugin: LabelReason.printable(reason.plugin), label: label, score: reason.score, evidence: LabelReason.printable(reason.evidence)))
        }
        if let e = r.explanation {
            var children: [ScoreExplanation.Contribution] = []
            for child in e.children {
                guard let relation = ArgumentRelation(rawValue: child.relation) else {
                    throw .malformed(line: line, message: "unknown relation '\(child.relation)' in the score explanation")
                }
                children.append(.init(child: child.id, relation: relation, strength: child.strength))
            }
            annotation.explanation = ScoreExplanation(base: e.base, children: children)
        }
        return TextUnit(
            id: id, kind: UnitKind(rawValue: r.type) ?? .sentence, section: section, paragraph: paragraph,
            language: language, start: start, end: end, text: text, noteRefs: r.notes ?? [], annotation: annotation)
    }

    private static func describe(_ error: Error) -> String {
        switch error {
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context),
            DecodingError.dataCorrupted(let context):
            let path = context.codingPath.map(\.stringValue).joined(separator: ".")
            return path.isEmpty ? "malformed JSON" : "bad value for \"\(path)\""
        case DecodingError.keyNotFound(let key, _):
            return "missing \"\(key.stringValue)\""
        default:
            return "malformed JSON"
        }
    }
}
