import ArgMarkCore
import ArgMarkPipeline

/// Writes one row per sentence as CSV (RFC 4180, UTF-8, CRLF line ends), for the statistics tools analysts load
/// a table into (R, Stata, pandas, a spreadsheet): the document, where the sentence stands (section and its
/// heading, paragraph, character offsets), its text and language, and everything annotated on it — label,
/// confidence, who labelled it, parent, relation and link confidence, support score, whether it is the thesis, when
/// a person reviewed it (the label or the link), who set the link, and what a machine confidence is (`calibrated`:
/// a probability; `share`: the winning label's share of the labellers' scores). Every row names its document, so the files of a corpus stack into one table. Empty cells
/// are values not set.
public struct SentenceCSVWriter: DocumentWriter {
    public init() {}

    public let descriptor = PluginDescriptor(
        id: "write.csv.v1", kind: .writer,
        summary: "one row per sentence as CSV: document, section heading, paragraph, offsets, text, label, confidence, link, score")
    public var formatName: String { "csv" }
    public var fileExtension: String { "csv" }

    static let columns = [
        "document", "id", "section", "heading", "paragraph", "start", "end", "language", "text", "label", "confidence",
        "labeled_by", "parent", "relation", "link_confidence", "score", "thesis", "reviewed_at", "linked_by", "confidence_scale",
    ]

    public func write(_ document: Document) throws(DocumentWriteError) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(document.units.count * 200)
        row(Self.columns, into: &out)
        let headings = Dictionary(uniqueKeysWithValues: document.sections.compactMap { section in
            section.heading.flatMap { document.unit($0) }.map { (section.id, $0.text) }
        })
        let thesis = document.thesisIndex.map { document.units[$0].id }
        for unit in document.units where unit.kind == .sentence {
            let a = unit.annotation
            row([
                // A sentence table's own ids (1, 2, … read as s1, s2, …), so that the rows join the corpus's.
                document.id, document.tableID(unit.id), unit.section, headings[unit.section] ?? "", unit.paragraph, String(unit.start),
                String(unit.end), unit.language.rawValue, unit.text, a.label?.rawValue ?? "", Self.number(a.confidence),
                a.labeledBy?.description ?? "", a.parent.map(document.tableID) ?? "", a.relation?.rawValue ?? "", Self.number(a.linkConfidence),
                Self.number(a.score), unit.id == thesis ? "true" : "false", a.reviewedAt ?? "",
                // Last, so that the columns of tables written before it keep their places.
                a.linkedBy?.description ?? "",
                // What a machine confidence is (calibrated or share), as the labelling run recorded it; empty where
                // its file did not say.
                a.recordedConfidenceScale?.rawValue ?? "",
            ], into: &out)
        }
        return out
    }

    private static func number(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "" }
        return FixedDecimal.format(value)
    }

    /// One record: a field with a comma, quote or line break is quoted, its quotes doubled. A field that a
    /// spreadsheet would run as a formula (= + - @ at its start) is written as it is: this is data for analysis,
    /// and the text must stay the sentence's.
    private func row(_ fields: [String], into out: inout [UInt8]) {
        for (n, field) in fields.enumerated() {
            if n > 0 { out.append(UInt8(ascii: ",")) }
            let needsQuotes = field.utf8.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D }
            guard needsQuotes else {
                out += field.utf8
                continue
            }
            out.append(UInt8(ascii: "\""))
            for byte in field.utf8 {
                if byte == UInt8(ascii: "\"") { out.append(byte) }
                out.append(byte)
            }
            out.append(UInt8(ascii: "\""))
        }
        out += [0x0D, 0x0A]
    }
}
