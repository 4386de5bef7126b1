import ArgMarkCore
import ArgMarkPipeline

/// Reads a comment table: CSV with a header row, one comment per row, as regulations.gov's bulk download of a
/// docket's comments and other comment datasets ship them (RFC 4180: a quoted field may hold commas, doubled quotes
/// and line breaks).
///
/// - The comment's column (`Comment`, `comment_text`, `body`, `text` …) is read as a plain text is — paragraphs,
///   headings, notes — with offsets into that text (`sourceFormat` `csv`), not into the file.
/// - The row's other columns go to the metadata: regulations.gov's by the keys a comment page's frame gives them
///   (`documentId`, `docketId`, `trackingNumber`, `agency`, `posted`, `received`, `organization`, `city`, `state`,
///   `country`, `category`, `attachments` …; First Name and Last Name the author unless Anonymous; Title the
///   title), any other non-empty column under its own name.
/// - A table of several rows is read one document per row (``ReaderInput/part``; `parts(of:)` lists them), named
///   by its Document ID (or `id`, `comment_id`), so that `annotate` labels each comment as the short text it is and
///   writes it to STEM/ID; read whole, it is refused with what to do.
/// - ArgMark's own sentence table (`--to csv`: a `labeled_by` column) is no comment table.
public struct CommentTableReader: DocumentReader {
    public init() {}

    public let descriptor = PluginDescriptor(
        id: "read.comments.v1", kind: .reader,
        summary: "comment table (CSV with a header, as regulations.gov exports a docket's comments): a document per row, its comment read as text, the other columns as metadata",
        languages: [.zh, .en, .mixed], assigns: [.sentences])
    public var formatName: String { "csv" }
    public var fileExtensions: [String] { ["csv"] }

    /// A header row naming a comment's column is a comment table: two columns or more, short names, and an id's
    /// column or a comment's by that name (a text whose first line is "Text, body and more" is none).
    public func sniff(_ prefix: Substring) -> Int {
        let header = CSVRecords.records(Array(prefix.unicodeScalars), limit: 1).first ?? []
        guard header.count >= 2, header.allSatisfy({ $0.count <= 60 }), let text = Self.textColumn(header) else { return 0 }
        return Self.idColumn(header) != nil || Self.normalised(header[text]).hasPrefix("comment") ? 50 : 0
    }

    public func read(_ input: ReaderInput) throws(DocumentReadError) -> Document {
        let scalars: [Unicode.Scalar]
        if let part = input.part {
            scalars = try SentenceTableReader.PartSource(input.bytes, part: part).scalars
        } else {
            scalars = try TextDecoder.decode(input.bytes)
        }
        if scalars.allSatisfy(ScalarClass.isSpace) { throw .empty }
        let (records, unclosed) = CSVRecords.parse(scalars)
        if let line = unclosed {
            throw .malformed(line: line, message: "a quoted field opens here and is never closed; close it with a \" (a quote inside a field is written \"\")")
        }
        guard let header = records.first, let textColumn = Self.textColumn(header) else {
            throw .malformed(line: 1, message: "the header names no comment column (Comment, comment_text, body or text); give the comments' column one of these names")
        }
        let rows = records.dropFirst().filter { !$0.allSatisfy { $0.isEmpty } }
        guard let row = rows.first else { throw .empty }
        if rows.count > 1 {
            throw .unsupported("a table of \(rows.count) comments; read it with annotate, which labels each comment as a document of its own")
        }
        let text = textColumn < row.count ? row[textColumn].trimmingCharacters(in: .whitespacesAndNewlines) : ""
        guard !text.isEmpty else {
            throw .malformed(line: 2, message: "the comment \(input.documentID) has no text (its attachments, if any, are not in the table); download its attachments to read them")
        }
        var document = try LaidOutText.read(text, sourcePath: input.sourcePath, documentID: input.documentID)
        var metadata = document.metadata
        Self.record(header, row, except: textColumn, into: &metadata)
        metadata.fields[DocumentMetadata.sourceFormatField] = "csv"
        document.metadata = metadata
        return document
    }

    /// Each comment of a table of several (its lines, the header's first), named by its id column, else `row-N`.
    public func parts(of bytes: [UInt8]) throws(DocumentReadError) -> [DocumentPart] {
        let lines = SentenceTableReader.lines(bytes)
        guard !lines.isEmpty else { return [] }
        _ = try TextDecoder.decode(bytes)
        // Records span lines where a quoted field holds a line break: each line's record, by the quotes before it
        // (a quote is one byte in UTF-8, and a doubled one toggles twice).
        var recordLines: [[DocumentPart.Line]] = []
        var open = false
        for line in lines {
            if open { recordLines[recordLines.count - 1].append(line) } else { recordLines.append([line]) }
            for byte in bytes[line.bytes] where byte == 0x22 { open.toggle() }
        }
        // A quote never closed would run every later comment into one.
        if open, let record = recordLines.last {
            throw .malformed(line: record[0].number + 1, message: "a quoted field opens here and is never closed; close it with a \" (a quote inside a field is written \"\")")
        }
        recordLines.removeAll { record in record.allSatisfy { bytes[$0.bytes].allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x2C } } }
        guard recordLines.count > 2, let headerLines = recordLines.first else { return [] }
        let header = CSVRecords.records(Array(headerLines.map { String(decoding: bytes[$0.bytes], as: UTF8.self) }.joined(separator: "\n").unicodeScalars)).first ?? []
        guard Self.textColumn(header) != nil else { return [] }
        let idColumn = Self.idColumn(header)
        var taken: [String: Int] = [:]
        return recordLines.dropFirst().enumerated().map { n, record in
            let text = record.map { String(decoding: bytes[$0.bytes], as: UTF8.self) }.joined(separator: "\n")
            let fields = CSVRecords.records(Array(text.unicodeScalars)).first ?? []
            var id = idColumn.flatMap { $0 < fields.count ? fields[$0].trimmingCharacters(in: .whitespaces) : nil } ?? ""
            if id.isEmpty { id = "row-\(n + 1)" }
            // Two rows of one id (a comment posted twice) are two documents.
            taken[id, default: 0] += 1
            if taken[id]! > 1 { id += "-\(taken[id]!)" }
            return DocumentPart(id: id, lines: headerLines + record)
        }
    }

    /// A header name as compared: lower case, letters and digits only (Document ID, document_id → documentid).
    static func normalised(_ name: String) -> String {
        String(name.lowercased().unicodeScalars.filter { ScalarClass.isLatinLetter($0) || ScalarClass.isDigit($0) }.map(Character.init))
    }

    /// The comment's column.
    static func textColumn(_ header: [String]) -> Int? {
        let names = header.map(normalised)
        // (ArgMark's own sentence table has a text column too.)
        if names.contains("labeledby") { return nil }
        for wanted in ["comment", "commenttext", "comments", "commentbody", "body", "text", "content"] {
            if let k = names.firstIndex(of: wanted) { return k }
        }
        return nil
    }

    /// The column that names each comment.
    static func idColumn(_ header: [String]) -> Int? {
        let names = header.map(normalised)
        for wanted in ["documentid", "commentid", "id", "docid", "trackingnumber"] {
            if let k = names.firstIndex(of: wanted) { return k }
        }
        return nil
    }

    /// regulations.gov's columns that a comment page's frame names too, and the export's own.
    static let keys: [String: String] = {
        var keys: [String: String] = [:]
        for (label, key) in CommentPageFrame.headLabels.merging(CommentPageFrame.tailLabels, uniquingKeysWith: { a, _ in a }) {
            keys[normalised(label)] = key
        }
        for (label, key) in [
            "Agency ID": "agency", "State/Province": "state", "Zip/Postal Code": "zip", "Attachment Files": "attachments",
            "Comment on Document ID": "commentOn", "Document Type": "documentType", "Document Subtype": "documentSubtype",
        ] {
            keys[normalised(label)] = key
        }
        return keys
    }()

    /// The row's columns but the comment's into `metadata`.
    static func record(_ header: [String], _ row: [String], except textColumn: Int, into metadata: inout DocumentMetadata) {
        var firstName = ""
        var lastName = ""
        for (k, name) in header.enumerated() where k != textColumn && k < row.count {
            let value = row[k].trimmingCharacters(in: .whitespacesAndNewlines)
            let label = name.trimmingCharacters(in: .whitespaces)
            guard !value.isEmpty, !label.isEmpty else { continue }
            let normal = normalised(label)
            if normal == "title" {
                metadata.offerTitle(value)
                continue
            }
            let key = keys[normal] ?? label
            if key == "firstName" { firstName = value }
            if key == "lastName" { lastName = value }
            metadata.fields[key] = value
        }
        let name = [firstName, lastName].filter { !$0.isEmpty }.joined(separator: " ")
        if metadata.authors.isEmpty, !name.isEmpty, name.lowercased() != "anonymous", !name.lowercased().hasPrefix("anonymous ") {
            metadata.authors = [name]
        }
    }
}

/// RFC 4180 records: fields apart by commas, a field in double quotes may hold commas, line breaks and doubled
/// quotes; a record ends at a line break outside quotes (\n, \r\n or \r).
enum CSVRecords {
    static func records(_ s: [Unicode.Scalar], limit: Int = .max) -> [[String]] { parse(s, limit: limit).records }

    /// The records, and the line (from 1) of a quoted field that never closes, if one does not.
    static func parse(_ s: [Unicode.Scalar], limit: Int = .max) -> (records: [[String]], unclosed: Int?) {
        var records: [[String]] = []
        var fields: [String] = []
        var field = String.UnicodeScalarView()
        var quoted = false
        var line = 1
        var openedOn = 1
        var i = 0
        func endField() {
            fields.append(String(field))
            field = String.UnicodeScalarView()
        }
        while i < s.count, records.count < limit {
            let c = s[i]
            if c == "\n" || (c == "\r" && !(i + 1 < s.count && s[i + 1] == "\n")) { line += 1 }
            if quoted {
                if c == "\"" {
                    if i + 1 < s.count, s[i + 1] == "\"" {
                        field.append("\"")
                        i += 1
                    } else {
                        quoted = false
                    }
                } else {
                    field.append(c)
                }
            } else if c == "\"" && field.isEmpty {
                quoted = true
                openedOn = line
            } else if c == "," {
                endField()
            } else if c == "\n" || c == "\r" {
                if c == "\r", i + 1 < s.count, s[i + 1] == "\n" {
                    i += 1
                    line += 1
                }
                endField()
                records.append(fields)
                fields = []
            } else {
                field.append(c)
            }
            i += 1
        }
        if records.count < limit, !field.isEmpty || !fields.isEmpty || quoted {
            endField()
            records.append(fields)
        }
        return (records, quoted && records.count < limit ? openedOn : nil)
    }
}
