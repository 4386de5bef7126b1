import ArgMarkCore
import ArgMarkPipeline

/// Reads a sentence table: tab-separated, a header row naming the columns, then one unit per row, as the labelled
/// corpora of argument mining ship them (`NAME_sentences.tsv` beside `NAME_gold.tsv`: `id para kind text`).
///
/// - `id` (or `unit_id`, as in corpus tables) and `text` are required; `para` groups consecutive rows into
///   paragraphs (without it the rows between two headings are one paragraph); `kind` `HEAD` or `TOPIC` makes a row
///   a heading, anything else a sentence. A heading row gets the level `train` gives it
///   (`HeadingDetector.levelOfHeadingRow`), so that a table is labelled as the models saw it in training.
/// - The segmentation and the ids are kept exactly, so predictions pair with the table's gold by id. An id of
///   digits alone becomes `s` + the digits, since ids become `xml:id`s in TEI, which cannot start with a digit.
/// - Offsets point at each text cell in the file. Other columns (a `label`, say) are not read: labels belong to the
///   gold that `argmark eval` and `argmark train` read, and a labelled input would otherwise keep them.
/// - A corpus table of several documents (a `doc_id` column with more than one value, as arg-microtexts and CDCP ship)
///   is read one document at a time (``ReaderInput/part``; `parts(of:)` lists them), so that each is labelled as the
///   short text it is; read whole, it is refused with what to do.
public struct SentenceTableReader: DocumentReader {
    public init() {}

    public let descriptor = PluginDescriptor(
        id: "read.table.v1", kind: .reader,
        summary: "sentence table (TSV with a header: id, text, optional para and kind HEAD/S); segmentation and ids kept",
        languages: [.zh, .en, .mixed], assigns: [.sentences])
    public var formatName: String { "tsv" }
    public var fileExtensions: [String] { ["tsv"] }

    /// A header row of tab-separated names that include `id` and `text` is a sentence table and nothing else.
    public func sniff(_ prefix: Substring) -> Int {
        let firstLine = prefix.prefix { $0 != "\n" && $0 != "\r" }
        guard firstLine.contains("\t") else { return 0 }
        let names = Set(firstLine.split(separator: "\t", omittingEmptySubsequences: false).map(Self.columnName))
        return (names.contains("id") || names.contains("unit_id")) && names.contains("text") ? 50 : 0
    }

    public func read(_ input: ReaderInput) throws(DocumentReadError) -> Document {
        var source: PartSource?
        let scalars: [Unicode.Scalar]
        if let part = input.part {
            let found = try PartSource(input.bytes, part: part)
            source = found
            scalars = found.scalars
        } else {
            scalars = try TextDecoder.decode(input.bytes)
        }
        if scalars.allSatisfy(ScalarClass.isSpace) { throw .empty }
        let table = try Table(scalars, lineNumbers: source?.lineNumbers)
        // Offsets in the file, also where only one document's rows were decoded.
        func offset(_ position: Int) -> Int { source?.offset(position) ?? position }
        var builder = DocumentBuilder(id: input.documentID, sourcePath: input.sourcePath)
        var sourceIDs: [String] = []
        var paragraph: [DocumentBuilder.Span] = []
        var paragraphIDs: [String] = []
        var currentParagraph: String?
        var seen: [String: Int] = [:]
        var documentIDs: [String] = []
        // Whether some row's id is a number (the unit's id is then `s` + the number).
        var numberedIDs = false
        // Whether the last sentence stops mid-way, which makes a heading row after it a fragment (as training reads it).
        var previousEndsOpen = false
        var outline = HeadingOutline()
        func flush() {
            guard !paragraph.isEmpty else { return }
            // As the sentence-lines reader decides it, so that a table and its lines file read alike.
            builder.addParagraph(paragraph, language: LanguageDetector.detect(paragraph.map(\.text).joined(separator: " ")))
            sourceIDs += paragraphIDs
            paragraph = []
            paragraphIDs = []
        }
        for row in table.rows {
            // A row of no document would become a document named "" that no output can hold.
            if let cell = table.cell(row, "doc_id"), scalars.trimmed(cell).isEmpty {
                throw .malformed(line: row.line, message: "the doc_id is empty; give the row the id of the document it belongs to")
            }
            // A part's lines are its rows: parts(of:) found them by their doc_id in these bytes.
            if input.part == nil, let documentID = table.cell(row, "doc_id").map({ scalars.string(scalars.trimmed($0)) }),
               !documentIDs.contains(documentID) {
                documentIDs.append(documentID)
                if documentIDs.count > 1 {
                    throw .unsupported("line \(row.line): a second document (doc_id \(documentID) after \(documentIDs[0])); read a corpus table with annotate, which labels each of its documents on its own, or split it by doc_id (tools/split_corpus_tsv.py writes one NAME_sentences.tsv per document)")
                }
            }
            let cell = scalars.string(scalars.trimmed(table.cell(row, "id")!))
            let id = try Self.unitID(cell, line: row.line)
            if id != cell { numberedIDs = true }
            if let earlier = seen.updateValue(row.line, forKey: id) {
                throw .malformed(line: row.line, message: "the id \(id) is taken already (line \(earlier)); give every row its own id")
            }
            let text = scalars.trimmed(table.cell(row, "text")!)
            let kind = table.cell(row, "kind").map { scalars.string(scalars.trimmed($0)).uppercased() } ?? "S"
            let span = DocumentBuilder.Span(
                start: offset(text.lowerBound), end: offset(text.upperBound), text: scalars.string(text),
                language: kind == "HEAD" || kind == "TOPIC" ? LanguageDetector.detect(scalars, text) : LanguageDetector.detectSentence(scalars, text))
            if kind == "HEAD" || kind == "TOPIC" {
                flush()
                // An empty heading row stays a unit: the guideline's output has one row per row of the input.
                builder.addHeading(span, level: HeadingDetector.levelOfHeadingRow(
                    span.text, previousParagraphEndsOpen: previousEndsOpen, currentLevel: builder.document.sections.last?.level,
                    outline: &outline))
                previousEndsOpen = false
                sourceIDs.append(id)
                currentParagraph = nil
                continue
            }
            guard !text.isEmpty else {
                throw .malformed(line: row.line, message: "sentence \(id) has no text; give it its text or remove the row")
            }
            let paragraphName = table.cell(row, "para").map { scalars.string(scalars.trimmed($0)) } ?? ""
            if paragraphName != currentParagraph { flush() }
            currentParagraph = paragraphName
            paragraph.append(span)
            paragraphIDs.append(id)
            previousEndsOpen = HeadingDetector.endsOpen(scalars[text.upperBound - 1])
        }
        flush()
        var document = builder.take()
        Self.rename(&document, to: sourceIDs)
        if numberedIDs { document.metadata.fields[DocumentMetadata.tableIDPrefixField] = "s" }
        try DocumentFinishing.finish(&document)
        return document
    }

    /// The documents of a corpus table (its `doc_id`s, in order of first appearance), when it has more than one;
    /// else none. Each part lists the file's lines it is read from (the header first), found in one pass over the
    /// table, so that reading a part costs its own rows, however many documents the table holds.
    public func parts(of bytes: [UInt8]) throws(DocumentReadError) -> [DocumentPart] {
        let lines = Self.lines(bytes)
        func isBlank(_ line: DocumentPart.Line) -> Bool { bytes[line.bytes].allSatisfy { $0 == 0x20 || $0 == 0x09 } }
        guard let headerIndex = lines.firstIndex(where: { !isBlank($0) }) else { return [] }
        let header = try TextDecoder.decode(Array(bytes[lines[headerIndex].bytes]))
        let names = Table.cells(header, 0..<header.count).map { Self.columnName(Substring(header.string($0))) }
        // Most tables are one document, which their header tells before the whole file is decoded.
        guard let column = names.firstIndex(of: "doc_id") else { return [] }
        _ = try TextDecoder.decode(bytes)
        var order: [String] = []
        var linesOf: [String: [DocumentPart.Line]] = [:]
        for line in lines[(headerIndex + 1)...] where !isBlank(line) {
            guard let cell = Self.cell(column, of: line.bytes, in: bytes) else { continue }
            let id = String(decoding: bytes[cell], as: UTF8.self)
            if linesOf[id] == nil {
                order.append(id)
                linesOf[id] = [lines[headerIndex]]
            }
            linesOf[id]!.append(line)
        }
        return order.count > 1 ? order.map { DocumentPart(id: $0, lines: linesOf[$0]!) } : []
    }

    /// The file's lines as `lineRanges` cuts them (\n, \r\n or \r), each with its first scalar's offset (a
    /// byte-order mark is not counted, as `TextDecoder` drops it) and its number from 0.
    static func lines(_ bytes: [UInt8]) -> [DocumentPart.Line] {
        var lines: [DocumentPart.Line] = []
        let first = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        // Unchecked reads: a corpus table of many documents is one long pass.
        bytes.withUnsafeBufferPointer { buffer in
            let n = buffer.count
            var start = first
            var scalar = 0
            var lineScalar = 0
            var i = first
            while i < n {
                let b = buffer[i]
                if b == 0x0A || b == 0x0D {
                    lines.append(.init(bytes: start..<i, scalar: lineScalar, number: lines.count))
                    scalar += 1
                    if b == 0x0D, i + 1 < n, buffer[i + 1] == 0x0A {
                        i += 1
                        scalar += 1
                    }
                    start = i + 1
                    lineScalar = scalar
                } else if b & 0xC0 != 0x80 {
                    scalar += 1
                }
                i += 1
            }
            if start < n { lines.append(.init(bytes: start..<n, scalar: lineScalar, number: lines.count)) }
        }
        return lines
    }

    /// The bytes of cell `column` of `line` (tab-separated), spaces around it left out; nil when the line stops short.
    static func cell(_ column: Int, of line: Range<Int>, in bytes: [UInt8]) -> Range<Int>? {
        var field = 0
        var start = line.lowerBound
        var end = line.upperBound
        for j in line where bytes[j] == 0x09 {
            if field == column {
                end = j
                break
            }
            field += 1
            start = j + 1
        }
        guard field == column else { return nil }
        while start < end, bytes[start] == 0x20 || bytes[start] == 0x09 { start += 1 }
        while end > start, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 { end -= 1 }
        return start..<end
    }

    /// `ID` → `id`; a byte-order mark or spaces around a name do not count.
    static func columnName(_ cell: Substring) -> String {
        String(String.UnicodeScalarView(cell.unicodeScalars.filter { !ScalarClass.isSpace($0) })).lowercased()
    }

    /// The unit id for a row's `id` cell: as given, or `s` + digits for a number.
    public static func unitID(_ cell: String, line: Int) throws(DocumentReadError) -> String {
        guard !cell.isEmpty else { throw .malformed(line: line, message: "the row has no id; give every row an id (s1, s2, …)") }
        guard !cell.contains(where: \.isWhitespace) else {
            throw .malformed(line: line, message: "the id '\(cell)' holds a space; ids are single words (s1, s2, …)")
        }
        return cell.allSatisfy({ $0.isASCII && $0.isNumber }) ? "s" + cell : cell
    }

    /// Gives the units the table's ids (`ids[i]` for unit `i`), in place of the builder's `s1`, `s2`, …; parents and
    /// sections' headings, which name units by id, follow. Where a table's ids are the builder's paragraph or
    /// section ids (a table numbering its sentences p1, p2, … or d1, …), the paragraphs and sections are numbered
    /// under another prefix, so that every id of the document can be an `xml:id` of its TEI.
    public static func rename(_ document: inout Document, to ids: [String]) {
        let renamed = Dictionary(zip(document.units.map(\.id), ids), uniquingKeysWith: { first, _ in first })
        guard renamed.contains(where: { $0.key != $0.value }) else { return }
        for i in document.units.indices {
            document.units[i].id = renamed[document.units[i].id] ?? document.units[i].id
            if let parent = document.units[i].annotation.parent { document.units[i].annotation.parent = renamed[parent] ?? parent }
        }
        for i in document.sections.indices {
            if let heading = document.sections[i].heading { document.sections[i].heading = renamed[heading] ?? heading }
        }
        let unitIDs = Set(document.units.map(\.id))
        if document.paragraphs.contains(where: { unitIDs.contains($0.id) }) {
            let prefix = freePrefix(["para", "par", "pg"], count: document.paragraphs.count, avoiding: unitIDs)
            for i in document.paragraphs.indices {
                let id = "\(prefix)\(i + 1)"
                for u in document.paragraphs[i].units { document.units[u].paragraph = id }
                document.paragraphs[i].id = id
            }
        }
        if document.sections.contains(where: { unitIDs.contains($0.id) }) {
            let prefix = freePrefix(["div", "sec", "dv"], count: document.sections.count, avoiding: unitIDs)
            var sectionIDs: [String: String] = [:]
            for i in document.sections.indices { sectionIDs[document.sections[i].id] = "\(prefix)\(i + 1)" }
            for i in document.sections.indices {
                document.sections[i].id = sectionIDs[document.sections[i].id]!
                if let parent = document.sections[i].parent { document.sections[i].parent = sectionIDs[parent] ?? parent }
            }
            for i in document.paragraphs.indices { document.paragraphs[i].section = sectionIDs[document.paragraphs[i].section] ?? document.paragraphs[i].section }
            for i in document.units.indices { document.units[i].section = sectionIDs[document.units[i].section] ?? document.units[i].section }
        }
    }

    /// The first of `prefixes` that numbers `count` ids (prefix1 …) none of which is in `taken`, else the last with
    /// enough x's added.
    private static func freePrefix(_ prefixes: [String], count: Int, avoiding taken: Set<String>) -> String {
        func free(_ prefix: String) -> Bool { !(1...max(1, count)).contains { taken.contains("\(prefix)\($0)") } }
        if let prefix = prefixes.first(where: free) { return prefix }
        var prefix = prefixes.last! + "x"
        while !free(prefix) { prefix += "x" }
        return prefix
    }

    /// One document's rows of a corpus table, decoded with the header alone from the lines `parts(of:)` found, so
    /// that reading each of a table's thousands of documents does not decode and split the whole table each time.
    struct PartSource {
        /// The header line and the document's rows, one per line.
        var scalars: [Unicode.Scalar]
        /// The part's lines in the file, one per line of `scalars`.
        var lines: [DocumentPart.Line]
        /// Where each line of `scalars` starts there, in scalars.
        var starts: [Int]

        /// The line in the file of each line of `scalars`, from 0.
        var lineNumbers: [Int] { lines.map(\.number) }

        init(_ bytes: [UInt8], part: DocumentPart) throws(DocumentReadError) {
            guard part.lines.count > 1, part.lines.allSatisfy({ $0.bytes.upperBound <= bytes.count }) else {
                throw .unsupported("the rows of the document \(part.id) are not where they were: the table changed during the batch; run it again")
            }
            var reduced: [UInt8] = []
            for line in part.lines {
                reduced += bytes[line.bytes]
                reduced.append(0x0A)
            }
            do {
                scalars = try TextDecoder.decode(reduced)
            } catch .invalidUTF8(_, let line) {
                // The error's line is one of the part's; the file's is what the user can find.
                throw .invalidUTF8(byteOffset: part.lines[line - 1].bytes.lowerBound, line: part.lines[line - 1].number + 1)
            } catch .strayBytes(_, let lines, let count) {
                throw .strayBytes(byteOffset: part.lines[lines[0] - 1].bytes.lowerBound, lines: lines.map { part.lines[$0 - 1].number + 1 }, count: count)
            } catch .lineTooLong(let line, let length, let limit) {
                throw .lineTooLong(line: part.lines[line - 1].number + 1, length: length, limit: limit)
            }
            lines = part.lines
            starts = lineRanges(scalars).map(\.lowerBound)
            // A line of the part has a range of its own in `lineRanges` unless it changed since the part was found.
            guard starts.count == part.lines.count else {
                throw .unsupported("the rows of the document \(part.id) are not where they were: the table changed during the batch; run it again")
            }
        }

        /// The file offset of `position` in `scalars`.
        func offset(_ position: Int) -> Int {
            var low = 0
            var high = starts.count - 1
            while low < high {
                let mid = (low + high + 1) / 2
                if starts[mid] <= position { low = mid } else { high = mid - 1 }
            }
            return lines[low].scalar + position - starts[low]
        }
    }

    /// The header and the rows of a table, as ranges of the decoded text.
    struct Table {
        struct Row {
            /// The row's line in the file, from 1.
            var line: Int
            var cells: [Range<Int>]
        }

        var columns: [String: Int] = [:]
        var rows: [Row] = []

        /// `lineNumbers[k]`: the line in the file of line `k` of `scalars`, where they hold only some of its lines.
        init(_ scalars: [Unicode.Scalar], lineNumbers: [Int]? = nil) throws(DocumentReadError) {
            let lines = lineRanges(scalars).enumerated()
                .map { (offset: lineNumbers?[$0.offset] ?? $0.offset, element: $0.element) }
                .filter { !scalars.trimmed($0.element).isEmpty }
            guard let header = lines.first else { throw .empty }
            let names = Self.cells(scalars, header.element).map { SentenceTableReader.columnName(Substring(scalars.string($0))) }
            for (k, name) in names.enumerated() where columns[name] == nil { columns[name] = k }
            if columns["id"] == nil { columns["id"] = columns["unit_id"] }
            guard let text = columns["text"], columns["id"] != nil else {
                if columns["label"] != nil, columns["id"] != nil {
                    throw .malformed(line: header.offset + 1, message: "this is a label table (id, label, …) without the sentences' text: annotate the sentence table beside it (NAME_sentences.tsv), or score it with argmark eval")
                }
                throw .malformed(line: header.offset + 1, message: "a sentence table's header names its columns, among them id and text (this one has \(names.joined(separator: ", "))); give the table such a header, or read the file with --input-format text")
            }
            let needed = max(text, columns["id"]!) + 1
            for (index, line) in lines.dropFirst() {
                var cells = Self.cells(scalars, line)
                guard cells.count >= needed else {
                    throw .malformed(line: index + 1, message: "the row has \(cells.count) columns and the header \(names.count) (\(names.joined(separator: ", "))); a row needs at least its id and text cells, separated by tabs")
                }
                // The last column may hold tabs of its own: the text runs to the end of the line.
                if text == names.count - 1, cells.count > names.count {
                    cells[text] = cells[text].lowerBound..<line.upperBound
                } else if cells.count > names.count, cells[names.count...].contains(where: { !scalars.trimmed($0).isEmpty }) {
                    // Elsewhere a tab inside the text would shift the cells after it: the text cut, its tail read
                    // as the next column.
                    throw .malformed(line: index + 1, message: "the row has \(cells.count) columns and the header \(names.count) (\(names.joined(separator: ", "))): a tab inside a cell? Only a last text column may hold tabs; remove the tab, or put text last")
                }
                rows.append(Row(line: index + 1, cells: cells))
            }
            guard !rows.isEmpty else { throw .noSentences }
        }

        /// The cell of `row` under `column`, nil when the table has no such column or the row stops short of it.
        func cell(_ row: Row, _ column: String) -> Range<Int>? {
            guard let k = columns[column], k < row.cells.count else { return nil }
            return row.cells[k]
        }

        static func cells(_ scalars: [Unicode.Scalar], _ line: Range<Int>) -> [Range<Int>] {
            var cells: [Range<Int>] = []
            var start = line.lowerBound
            for i in line where scalars[i] == "\t" {
                cells.append(start..<i)
                start = i + 1
            }
            cells.append(start..<line.upperBound)
            return cells
        }
    }
}
