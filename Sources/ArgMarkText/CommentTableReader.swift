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

    /// A header row naming a comment's column and an id's (or a comment's by that name), quoted or of three names or
    /// more, is a comment table. The score is low, so that a `.txt` whose first line reads "Comment, Docket No. …"
    /// stays a text; a `.csv` name or `--input-format csv` chooses this reader.
    public func sniff(_ prefix: Substring) -> Int {
        let scalars = Array(prefix.unicodeScalars)
        let header = CSVRecords.parse(scalars, separator: CSVRecords.separator(scalars), limit: 1).records.first ?? []
        return Self.isHeader(header) && (header.count >= 3 || scalars.first == "\"") ? 2 : 0
    }

    /// Whether a `.csv` file's first line is a comment export's header, which a folder walk takes: a comment's
    /// column with regulations.gov's ids (Document ID, Docket ID, Tracking Number, Comment ID) or a consultation's
    /// feedback table (序号 and 意见…). A folder's other tables (id, text, label; Country, Year, Comment) are left to be
    /// named on the command line.
    public static func isCommentTable(headerLine line: String) -> Bool {
        let scalars = Array(line.unicodeScalars)
        let header = CSVRecords.parse(scalars, separator: CSVRecords.separator(scalars), limit: 1).records.first ?? []
        guard isHeader(header), let text = textColumn(header) else { return false }
        let names = Set(header.map(normalised))
        let comment = normalised(header[text])
        return (comment.hasPrefix("comment") && !names.isDisjoint(with: ["documentid", "docketid", "trackingnumber", "commentid"]))
            || (comment.hasPrefix("意见") && !names.isDisjoint(with: ["序号", "编号"]))
    }

    /// Two names or more, all short, a comment's column, and an id's column or a comment's by that name.
    static func isHeader(_ header: [String]) -> Bool {
        guard header.count >= 2, header.allSatisfy({ $0.count <= 60 }), let text = textColumn(header) else { return false }
        return idColumn(header) != nil || normalised(header[text]).hasPrefix("comment")
    }

    public func read(_ input: ReaderInput) throws(DocumentReadError) -> Document {
        let scalars: [Unicode.Scalar]
        // The file's line of a line of what is parsed (a comment's rows alone, or the whole file).
        var fileLine: (Int) -> Int = { $0 }
        if let part = input.part {
            scalars = try SentenceTableReader.PartSource(input.bytes, part: part).scalars
            fileLine = { line in line >= 1 && line <= part.lines.count ? part.lines[line - 1].number + 1 : line }
        } else {
            scalars = try TextDecoder.decode(input.bytes)
        }
        if scalars.allSatisfy(ScalarClass.isSpace) { throw .empty }
        let (records, unclosed) = CSVRecords.parse(scalars, separator: CSVRecords.separator(scalars))
        if let line = unclosed { throw .malformed(line: fileLine(line), message: Self.unclosedQuote) }
        guard let header = records.first, let textColumn = Self.textColumn(header) else {
            throw .malformed(line: 1, message: "the header names no comment column (Comment, comment_text, comments, body, text or content); give the comments' column one of these names")
        }
        let rows = records.dropFirst().filter { !Self.isBlank($0) }
        guard let row = rows.first else {
            throw .malformed(line: fileLine(2), message: "the table has no comment under its header; give each comment a row")
        }
        if rows.count > 1 {
            throw .unsupported("a table of \(rows.count) comments: annotate reads a comment table from a file (argmark annotate FILE.csv --out OUT) and writes each comment as a document of its own")
        }
        let rowLine = fileLine(2)
        let text = Self.commentText(textColumn < row.count ? row[textColumn] : "")
        let kind = header.firstIndex { Self.normalised($0) == "documenttype" }.flatMap { $0 < row.count ? row[$0].trimmingCharacters(in: .whitespaces) : nil }
        let what = kind.map { $0.isEmpty || $0 == "Public Submission" ? "" : " (a \($0), not a public comment)" } ?? ""
        guard !text.isEmpty else {
            let attachments = header.contains { Self.normalised($0).hasPrefix("attachment") }
            throw .malformed(line: rowLine, message: attachments
                ? "the comment \(input.documentID)\(what) has no text: its text, if any, is in its attachments, which the table does not hold; download them to read them"
                : "the comment \(input.documentID)\(what) has no text; give it its text or leave the row out")
        }
        if Self.isAttachmentPlaceholder(text) {
            throw .malformed(line: rowLine, message: "the comment \(input.documentID)\(what) has no text of its own (\"\(text)\"): its text is in its attachments, which the table does not hold; download them to read them")
        }
        var document = try LaidOutText.read(text, sourcePath: input.sourcePath, documentID: input.documentID)
        var metadata = document.metadata
        Self.record(header, row, except: textColumn, into: &metadata)
        metadata.fields[DocumentMetadata.sourceFormatField] = "csv"
        document.metadata = metadata
        return document
    }

    static let unclosedQuote = "a quoted field opens here and is never closed; close it with a \" (a quote inside a field is written \"\")"

    /// Whether every field of `record` is blank.
    static func isBlank(_ record: [String]) -> Bool { record.allSatisfy { $0.allSatisfy(\.isWhitespace) } }

    /// A comment's text as read: trimmed, and a web form's markup that some exports keep (line breaks as <br/>, a
    /// few character references) as the text it stands for.
    static func commentText(_ cell: String) -> String {
        var text = cell
        if text.contains("<br") || text.contains("&") {
            for (markup, plain) in [("<br/>", "\n"), ("<br />", "\n"), ("<br>", "\n"), ("<BR>", "\n"), ("&#39;", "'"), ("&quot;", "\""),
                                    ("&nbsp;", " "), ("&lt;", "<"), ("&gt;", ">"), ("&amp;", "&")] {
                text = text.replacingOccurrences(of: markup, with: plain)
            }
        }
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// regulations.gov's stand-in for a comment whose text is in its attachments (See attached file(s)).
    static func isAttachmentPlaceholder(_ text: String) -> Bool {
        guard text.count <= 40 else { return false }
        return text.lowercased().wholeMatch(of: /(please )?see (the )?attached( file\(s\)| files?| letter| comments?| documents?| document\(s\)| pdf)?\.?/) != nil
    }

    /// Each comment of a table (its lines, the header's first), named by its id column, else `row-N`; none for a
    /// file that is no comment table.
    public func parts(of bytes: [UInt8]) throws(DocumentReadError) -> [DocumentPart] {
        let lines = SentenceTableReader.lines(bytes)
        guard let first = lines.first else { return [] }
        _ = try TextDecoder.decode(bytes)
        let separator = CSVRecords.separator(Array(String(decoding: bytes[first.bytes], as: UTF8.self).unicodeScalars))
        // Records span lines where a quoted field holds a line break, found as `CSVRecords.parse` finds them (a quote
        // opens only at a field's start; "" inside is a quote), on the bytes: a quote and the separators are one byte.
        var recordLines: [[DocumentPart.Line]] = []
        var scanner = CSVRecords.Scanner(separator: UInt8(separator.value))
        var openedOn = 0
        for line in lines {
            if scanner.quoted { recordLines[recordLines.count - 1].append(line) } else { recordLines.append([line]) }
            if scanner.scan(bytes[line.bytes]) { openedOn = line.number }
        }
        // A quote never closed would run every later comment into one.
        if scanner.quoted { throw .malformed(line: openedOn + 1, message: Self.unclosedQuote) }
        func fields(_ record: [DocumentPart.Line]) -> [String] {
            let text = record.map { String(decoding: bytes[$0.bytes], as: UTF8.self) }.joined(separator: "\n")
            return CSVRecords.parse(Array(text.unicodeScalars), separator: separator, limit: 1).records.first ?? []
        }
        let records = recordLines.map { ($0, fields($0)) }.filter { !Self.isBlank($0.1) }
        guard records.count >= 2, let header = records.first?.1, Self.textColumn(header) != nil else { return [] }
        let idColumn = Self.idColumn(header)
        let ids = records.dropFirst().enumerated().map { n, record in
            let id = idColumn.flatMap { $0 < record.1.count ? record.1[$0].trimmingCharacters(in: .whitespaces) : nil } ?? ""
            return id.isEmpty ? "row-\(n + 1)" : id
        }
        // Two rows of one id (a comment posted twice) are two documents, the second named -2 (or -3 …, past any id
        // the table holds).
        let given = Set(ids)
        var taken: Set<String> = []
        return zip(records.dropFirst(), ids).map { record, id in
            var name = id
            var n = 2
            while taken.contains(name) || (name != id && given.contains(name)) {
                name = "\(id)-\(n)"
                n += 1
            }
            taken.insert(name)
            return DocumentPart(id: name, lines: records[0].0 + record.0)
        }
    }

    /// A header name as compared: lower case, letters and digits only (Document ID, document_id → documentid).
    static func normalised(_ name: String) -> String {
        String(name.lowercased().unicodeScalars.filter { ScalarClass.isLatinLetter($0) || ScalarClass.isDigit($0) || ScalarClass.isHan($0) }.map(Character.init))
    }

    /// The comment's column.
    static func textColumn(_ header: [String]) -> Int? {
        let names = header.map(normalised)
        // (ArgMark's own sentence table has a text column too.)
        if names.contains("labeledby") { return nil }
        // (A Chinese consultation's feedback table too: 序号, 意见内容, 提出单位.)
        for wanted in ["comment", "commenttext", "comments", "commentbody", "body", "text", "content", "意见内容", "意见建议", "修改意见", "意见",
                       "评论内容", "评论", "留言内容", "留言", "内容"] {
            if let k = names.firstIndex(of: wanted) { return k }
        }
        return nil
    }

    /// The column that names each comment.
    static func idColumn(_ header: [String]) -> Int? {
        let names = header.map(normalised)
        for wanted in ["documentid", "commentid", "id", "docid", "trackingnumber", "序号", "编号"] {
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

/// RFC 4180 records: fields apart by a separator (a comma; a semicolon or tab where the header uses one, as a
/// European spreadsheet saves CSV), a field in double quotes may hold separators, line breaks and doubled quotes (a
/// quote opens a field after spaces too, which are dropped); a record ends at a line break outside quotes (\n, \r\n or
/// \r), and a line break inside one is read as \n.
enum CSVRecords {
    /// The header's separator: the commonest of comma, semicolon and tab outside quotes on the first line.
    static func separator(_ s: [Unicode.Scalar]) -> Unicode.Scalar {
        var counts: [Unicode.Scalar: Int] = [",": 0, ";": 0, "\t": 0]
        var quoted = false
        for c in s {
            if c == "\n" || c == "\r", !quoted { break }
            if c == "\"" { quoted.toggle() } else if !quoted, counts[c] != nil { counts[c]! += 1 }
        }
        return [",", ";", "\t"].max { counts[$0]! < counts[$1]! || (counts[$0]! == counts[$1]! && $1 == ",") }!
    }

    static func records(_ s: [Unicode.Scalar], limit: Int = .max) -> [[String]] { parse(s, separator: separator(s), limit: limit).records }

    /// The records, and the line (from 1) of a quoted field that never closes, if one does not.
    static func parse(_ s: [Unicode.Scalar], separator: Unicode.Scalar = ",", limit: Int = .max) -> (records: [[String]], unclosed: Int?) {
        var records: [[String]] = []
        var fields: [String] = []
        var field = String.UnicodeScalarView()
        var quoted = false
        var onlySpaces = true
        var line = 1
        var openedOn = 1
        var i = 0
        func endField() {
            fields.append(String(field))
            field = String.UnicodeScalarView()
            onlySpaces = true
        }
        while i < s.count, records.count < limit {
            let c = s[i]
            let crlf = c == "\r" && i + 1 < s.count && s[i + 1] == "\n"
            if c == "\n" || c == "\r" { line += 1 }
            if quoted {
                if c == "\"" {
                    if i + 1 < s.count, s[i + 1] == "\"" {
                        field.append("\"")
                        i += 1
                    } else {
                        quoted = false
                    }
                } else if c == "\r" {
                    field.append("\n")
                    if crlf { i += 1 }
                } else {
                    field.append(c)
                }
            } else if c == "\"" && onlySpaces {
                field = String.UnicodeScalarView()
                quoted = true
                onlySpaces = false
                openedOn = line
            } else if c == separator {
                endField()
            } else if c == "\n" || c == "\r" {
                if crlf { i += 1 }
                endField()
                records.append(fields)
                fields = []
            } else {
                if c != " " { onlySpaces = false }
                field.append(c)
            }
            i += 1
        }
        if records.count < limit, !field.isEmpty || !fields.isEmpty || quoted {
            endField()
            records.append(fields)
        }
        return (records, quoted && records.count <= limit ? openedOn : nil)
    }

    /// `parse`'s state over a file's bytes, line by line, to find where records end without decoding them.
    struct Scanner {
        let separator: UInt8
        var quoted = false

        /// Scans one line (without its line break); true when a quoted field opened on it is still open at its end.
        mutating func scan(_ line: ArraySlice<UInt8>) -> Bool {
            var onlySpaces = !quoted
            var openedHere = false
            var i = line.startIndex
            while i < line.endIndex {
                let b = line[i]
                if quoted {
                    if b == 0x22 {
                        if i + 1 < line.endIndex, line[i + 1] == 0x22 { i += 1 } else { quoted = false }
                    }
                } else if b == 0x22 && onlySpaces {
                    quoted = true
                    openedHere = true
                    onlySpaces = false
                } else if b == separator {
                    onlySpaces = true
                } else if b != 0x20 {
                    onlySpaces = false
                }
                i += 1
            }
            return quoted && openedHere
        }
    }
}
