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
        for unit in document.units {
            writeUnit(unit, level: levels[unit.id], to: &out)
        }
        for note in document.notes {
            out.raw("{")
            out.key("type", first: true)
            out.raw("\"note\"")
            out.key("id")
            out.string(note.id)
            out.key("marker")
            out.string(note.marker)
            out.key("start")
            out.int(note.start)
            out.key("end")
            out.int(note.end)
            out.key("text")
            out.string(note.text)
            out.raw("}")
            out.newline()
        }
        return out.bytes
    }

    private func writeDocumentLine(_ document: Document, to out: inout JSONBuffer) {
        out.raw("{")
        out.key("type", first: true)
        out.raw("\"document\"")
        out.key("id")
        out.string(document.id)
        out.key("lang")
        out.string(document.language.rawValue)
        out.key("languages")
        out.strings(document.languages.map(\.rawValue))
        out.key("source")
        out.string(document.sourcePath)
        out.key("metadata")
        let m = document.metadata
        out.raw("{")
        out.key("titles", first: true)
        out.sortedObject(m.titles) { $0.string($1) }
        out.key("authors")
        out.strings(m.authors)
        out.key("doi")
        out.string(m.doi)
        out.key("keywords")
        out.sortedObject(m.keywords) { $0.strings($1) }
        out.key("abstracts")
        out.sortedObject(m.abstracts) { $0.string($1) }
        out.key("classification")
        out.sortedObject(m.classification) { $0.string($1) }
        out.key("fields")
        out.sortedObject(m.fields) { $0.string($1) }
        out.raw("}")
        out.key("generator")
        out.raw("{\"name\":\"argmark\",\"version\":")
        out.string(ArgMarkVersion.current)
        out.raw("}}")
        out.newline()
    }

    private func writeUnit(_ unit: TextUnit, level: Int?, to out: inout JSONBuffer) {
        let a = unit.annotation
        out.raw("{")
        out.key("type", first: true)
        out.raw(unit.kind == .heading ? "\"heading\"" : "\"sentence\"")
        out.key("id")
        out.string(unit.id)
        out.key("section")
        out.string(unit.section)
        out.key("paragraph")
        out.string(unit.paragraph)
        out.key("lang")
        out.string(unit.language.rawValue)
        out.key("start")
        out.int(unit.start)
        out.key("end")
        out.int(unit.end)
        out.key("text")
        out.string(unit.text)
        out.key("label")
        out.string(a.label?.rawValue)
        out.key("confidence")
        out.fixed(a.confidence)
        out.key("labeledBy")
        out.string(a.labeledBy?.description)
        out.key("parent")
        out.string(a.parent)
        out.key("relation")
        out.string(a.relation?.rawValue)
        out.key("score")
        out.fixed(a.score)
        out.key("notes")
        out.strings(unit.noteRefs)
        if unit.kind == .heading {
            out.key("level")
            out.int(level ?? 1)
        }
        out.raw("}")
        out.newline()
    }
}
