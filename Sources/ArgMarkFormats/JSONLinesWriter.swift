import ArgMarkCore
import ArgMarkPipeline

/// Writes ArgMark's native JSON Lines format (documented in docs/jsonl.md): a document line, one line per heading or
/// sentence in reading order, then one line per note. Keys and number formatting are fixed.
public struct JSONLinesWriter: DocumentWriter {
    public init() {}

    public let descriptor = PluginDescriptor(
        id: "write.jsonl.v1", kind: .writer,
        summary: "ArgMark JSON Lines: document line, one line per heading/sentence, then notes")
    public var formatName: String { "jsonl" }
    public var fileExtension: String { "jsonl" }

    public func write(_ document: Document) throws(DocumentWriteError) -> [UInt8] {
        var out = JSONBuffer(capacity: document.units.reduce(1024) { $0 + $1.text.utf8.count * 2 + 240 })
        writeDocumentLine(document, to: &out)
        var levels: [String: Int] = [:]
        for section in document.sections {
            if let heading = section.heading { levels[heading] = section.level }
        }
        // Where a document's confidences are of both kinds, each says its own; otherwise the document line says it.
        let eachSaysItsScale = document.confidenceScale == .mixed
        for unit in document.units {
            writeUnit(unit, level: levels[unit.id], writesScale: eachSaysItsScale, to: &out)
        }
        for note in document.notes {
            out.raw("{")
            out.raw("\"type\":")
            out.raw("\"note\"")
            out.raw(",\"id\":")
            out.string(note.id)
            out.raw(",\"marker\":")
            out.string(note.marker)
            out.raw(",\"start\":")
            out.int(note.start)
            out.raw(",\"end\":")
            out.int(note.end)
            out.raw(",\"text\":")
            out.string(note.text)
            out.raw("}")
            out.newline()
        }
        return out.bytes
    }

    private func writeDocumentLine(_ document: Document, to out: inout JSONBuffer) {
        out.raw("{")
        out.raw("\"type\":")
        out.raw("\"document\"")
        out.raw(",\"id\":")
        out.string(document.id)
        let languages = document.languages
        out.raw(",\"lang\":")
        out.string((languages.first ?? .und).rawValue)
        out.raw(",\"languages\":")
        out.strings(languages.map(\.rawValue))
        out.raw(",\"source\":")
        out.string(document.sourcePath)
        out.raw(",\"metadata\":")
        let m = document.metadata
        out.raw("{")
        out.raw("\"titles\":")
        out.sortedObject(m.titles) { $0.string($1) }
        out.raw(",\"authors\":")
        out.strings(m.authors)
        out.raw(",\"doi\":")
        out.string(m.doi)
        out.raw(",\"keywords\":")
        out.sortedObject(m.keywords) { $0.strings($1) }
        out.raw(",\"abstracts\":")
        out.sortedObject(m.abstracts) { $0.string($1) }
        out.raw(",\"classification\":")
        out.sortedObject(m.classification) { $0.string($1) }
        out.raw(",\"fields\":")
        out.sortedObject(m.fields) { $0.string($1) }
        out.raw("}")
        if let header = document.originalTEIHeader {
            out.raw(",\"teiHeader\":")
            out.string(header)
        }
        out.raw(",\"generator\":")
        out.raw("{\"name\":\"argmark\",\"version\":")
        out.string(ArgMarkVersion.current)
        // What the machine confidences mean: calibrated probabilities, the combiner's shares, or some of each.
        if let scale = document.confidenceScale {
            out.raw(",\"confidences\":")
            out.string(scale.rawValue)
        }
        // What made the labels, links and scores: each plugin with the fingerprint of what it loaded.
        if !document.plugins.isEmpty {
            out.raw(",\"plugins\":[")
            for (n, plugin) in document.plugins.enumerated() {
                if n > 0 { out.raw(",") }
                out.raw("{\"id\":")
                out.string(plugin.id)
                out.raw(",\"role\":")
                out.string(plugin.role.rawValue)
                if let fingerprint = plugin.fingerprint {
                    out.raw(",\"fingerprint\":")
                    out.string(fingerprint)
                }
                if let weight = plugin.weight {
                    out.raw(",\"weight\":")
                    out.fixed(weight)
                }
                out.raw("}")
            }
            out.raw("]")
        }
        out.raw("}}")
        out.newline()
    }

    private func writeUnit(_ unit: TextUnit, level: Int?, writesScale: Bool, to out: inout JSONBuffer) {
        let a = unit.annotation
        out.raw("{")
        out.raw("\"type\":")
        switch unit.kind {
        case .heading: out.raw("\"heading\"")
        case .sentence: out.raw("\"sentence\"")
        case .caption: out.raw("\"caption\"")
        }
        out.raw(",\"id\":")
        out.string(unit.id)
        out.raw(",\"section\":")
        out.string(unit.section)
        out.raw(",\"paragraph\":")
        out.string(unit.paragraph)
        out.raw(",\"lang\":")
        out.string(unit.language.rawValue)
        out.raw(",\"start\":")
        out.int(unit.start)
        out.raw(",\"end\":")
        out.int(unit.end)
        out.raw(",\"text\":")
        out.string(unit.text)
        out.raw(",\"label\":")
        out.string(a.label?.rawValue)
        out.raw(",\"confidence\":")
        out.fixed(a.confidence)
        if writesScale, let confidenceScale = a.recordedConfidenceScale {
            out.raw(",\"confidenceScale\":")
            out.string(confidenceScale.rawValue)
        }
        out.raw(",\"labeledBy\":")
        out.string(a.labeledBy?.description)
        out.raw(",\"parent\":")
        out.string(a.parent)
        out.raw(",\"relation\":")
        out.string(a.relation?.rawValue)
        out.raw(",\"score\":")
        out.fixed(a.score)
        out.raw(",\"notes\":")
        out.strings(unit.noteRefs)
        out.raw(",\"linkedBy\":")
        out.string(a.linkedBy?.description)
        out.raw(",\"linkConfidence\":")
        out.fixed(a.linkConfidence)
        out.raw(",\"explanation\":")
        if let e = a.explanation {
            // {"base":0.5,"children":[["s5","support",0.71],…]}
            out.raw("{\"base\":")
            out.fixed(e.base)
            out.raw(",\"children\":[")
            for (n, c) in e.children.enumerated() {
                if n > 0 { out.raw(",") }
                out.raw("[")
                out.string(c.child)
                out.raw(",")
                out.string(c.relation.rawValue)
                out.raw(",")
                out.fixed(c.strength)
                out.raw("]")
            }
            out.raw("]}")
        } else {
            out.null()
        }
        if !a.labelReasons.isEmpty {
            // [["label.model.zh.v1","claim",0.82,"p(claim)=82%"],…]
            out.raw(",\"labelReasons\":[")
            for (n, r) in a.labelReasons.enumerated() {
                if n > 0 { out.raw(",") }
                out.raw("[")
                out.string(r.plugin)
                out.raw(",")
                out.string(r.label.rawValue)
                out.raw(",")
                out.fixed(r.score)
                out.raw(",")
                out.string(r.evidence)
                out.raw("]")
            }
            out.raw("]")
        }
        if let reviewedAt = a.reviewedAt {
            out.raw(",\"reviewedAt\":")
            out.string(reviewedAt)
        }
        if unit.kind == .heading {
            out.raw(",\"level\":")
            out.int(level ?? 1)
        }
        out.raw("}")
        out.newline()
    }
}
