import ArgMarkCore
import ArgMarkPipeline

/// Writes the guideline's output format (../shared/GUIDELINE.md, "Output format"): a TSV with the header
/// `id label parent relation` and one row per unit in reading order, ids as the document has them (a sentence table
/// read with `read.table.v1` keeps its own). The thesis has the parent `ROOT`; headings, captions, background and
/// sentences without a label or link have `-` in the columns they lack.
public struct LabelTableWriter: DocumentWriter {
    public init() {}

    public let descriptor = PluginDescriptor(
        id: "write.tsv.v1", kind: .writer,
        summary: "the guideline's label table: id, label, parent (ROOT for the thesis), relation; one row per unit")
    public var formatName: String { "tsv" }
    /// `NAME.labels.tsv`: the labels of a `NAME_sentences.tsv` must not take its name, nor look like one.
    public var fileExtension: String { "labels.tsv" }

    public func write(_ document: Document) throws(DocumentWriteError) -> [UInt8] {
        var out = Array(LabelTable.header.utf8)
        out.reserveCapacity(document.units.count * 32)
        let thesis = document.thesisIndex.map { document.units[$0].id }
        // A sentence table's labels go back under its own ids, so that they pair with its gold row for row.
        let tableID = document.tableID
        for unit in document.units {
            // Ids become cells: a tab or a line break in one would shift every column after it.
            guard !unit.id.unicodeScalars.contains(where: { $0 == "\t" || $0 == "\n" || $0 == "\r" }) else {
                throw .unrepresentable("the id of unit \(unit.id.debugDescription) holds a tab or line break, which a TSV cell cannot")
            }
            let row = LabelTable.Row(unit, isThesis: unit.id == thesis)
            out += tableID(unit.id).utf8
            for cell in [row.label?.rawValue, row.parent.map(tableID), row.relation?.rawValue] {
                out.append(UInt8(ascii: "\t"))
                out += (cell ?? "-").utf8
            }
            out.append(UInt8(ascii: "\n"))
        }
        return out
    }
}

/// The guideline's label table (`id label parent relation`), written by ``LabelTableWriter`` and read back as
/// predictions to score.
public enum LabelTable {
    public static let header = "id\tlabel\tparent\trelation\n"
    /// The parent of the thesis.
    public static let root = "ROOT"

    /// One unit's row: its label, and its parent (`ROOT` for the thesis) and relation.
    public struct Row: Sendable, Hashable {
        public var id: String
        public var label: ArgumentLabel?
        public var parent: String?
        public var relation: ArgumentRelation?

        public init(id: String, label: ArgumentLabel?, parent: String?, relation: ArgumentRelation?) {
            self.id = id
            self.label = label
            self.parent = parent
            self.relation = relation
        }

        /// The row for `unit`: a sentence's label, and its link when it is in the tree (an argumentative sentence a
        /// linker or person placed; one no one linked has `-`).
        public init(_ unit: TextUnit, isThesis: Bool) {
            id = unit.id
            let a = unit.annotation
            guard unit.kind == .sentence, let label = a.label else { return }
            self.label = label
            guard label.isArgumentative else { return }
            if let parent = a.parent {
                self.parent = parent
                relation = a.relation
            } else if isThesis {
                parent = LabelTable.root
            }
        }
    }

    /// The rows of a label table. A row may stop after its label; `-` or an empty cell is no value.
    public static func rows(_ text: String) throws(DocumentReadError) -> [Row] {
        var rows: [Row] = []
        var columns: [String: Int] = [:]
        // "\r\n" is one Character in Swift: split on line ends of every kind, not on "\n" alone.
        for (offset, content) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let number = offset + 1
            if content.allSatisfy(\.isWhitespace) { continue }
            let cells = content.split(separator: "\t", omittingEmptySubsequences: false).map { cell in
                // A stray space around a cell is no part of it (s2 and "s2 " name one unit).
                var trimmed = cell
                while trimmed.first?.isWhitespace == true { trimmed.removeFirst() }
                while trimmed.last?.isWhitespace == true { trimmed.removeLast() }
                return String(trimmed)
            }
            if columns.isEmpty {
                for (k, name) in cells.enumerated() where columns[name.lowercased()] == nil { columns[name.lowercased()] = k }
                guard columns["id"] != nil, columns["label"] != nil else {
                    throw .malformed(line: number, message: "a label table's header names its columns id, label, parent and relation (this one has \(cells.joined(separator: ", ")))")
                }
                continue
            }
            func cell(_ name: String) -> String? {
                guard let k = columns[name], k < cells.count, !["", "-"].contains(cells[k]) else { return nil }
                return cells[k]
            }
            guard let id = cell("id") else { throw .malformed(line: number, message: "the row has no id") }
            var row = Row(id: id, label: nil, parent: cell("parent"), relation: nil)
            if let written = cell("label") {
                guard let label = ArgumentLabel(rawValue: written) else {
                    throw .malformed(line: number, message: "unknown label '\(written)' (labels: \(ArgumentLabel.allCases.map(\.rawValue).joined(separator: ", ")); - for none)")
                }
                row.label = label
            }
            if let written = cell("relation") {
                guard let relation = ArgumentRelation(rawValue: written) else {
                    throw .malformed(line: number, message: "unknown relation '\(written)' (support or attack; - for none)")
                }
                row.relation = relation
            }
            rows.append(row)
        }
        guard !columns.isEmpty else { throw .empty }
        return rows
    }

    /// `document` with the labels and links of `rows` in place of its own, each row on the unit with its id and
    /// attributed to `annotator`: predictions in the table format laid over the gold's sentences to score them.
    /// A row for an id the document lacks, or twice for one id, is an error; a unit without a row is left unlabelled.
    public static func apply(_ rows: [Row], to document: Document, by annotator: Annotator) throws(DocumentReadError) -> Document {
        var document = document.removingAnnotations()
        var index: [String: Int] = [:]
        for (i, unit) in document.units.enumerated() where index[unit.id] == nil { index[unit.id] = i }
        var seen = Set<String>()
        // A table's numeric id is the unit `s` + the number (`SentenceTableReader.unitID`), as a label table written
        // for a numbered sentence table gives it back.
        func unitID(_ id: String) -> String {
            index[id] == nil && !id.isEmpty && id.allSatisfy({ $0.isASCII && $0.isNumber }) ? "s" + id : id
        }
        for var row in rows {
            row.id = unitID(row.id)
            row.parent = row.parent.map(unitID)
            guard let i = index[row.id] else {
                throw .unsupported("the labels name the unit \(row.id), which the gold does not have: labels of another document?")
            }
            guard seen.insert(row.id).inserted else { throw .unsupported("the labels give the unit \(row.id) two rows") }
            guard document.units[i].kind == .sentence, let label = row.label else { continue }
            var a = SentenceAnnotation(label: label, labeledBy: annotator)
            if row.parent == root {
                a.linkedBy = annotator
            } else if let parent = row.parent, let relation = row.relation {
                guard index[parent] != nil else {
                    throw .unsupported("the unit \(row.id) names the parent \(parent), which the gold does not have")
                }
                a.parent = parent
                a.relation = relation
                a.linkedBy = annotator
            }
            document.units[i].annotation = a
        }
        return document
    }
}
