import ArgMarkCore
import ArgMarkPipeline
import Foundation
import Testing

@testable import ArgMarkText

/// A comment table as regulations.gov exports a docket's comments: CSV, a header, one comment per row, quoted fields
/// holding commas, doubled quotes and paragraphs.
struct CommentTableTests {
    let table = """
        "Document ID","Agency ID","Docket ID","Posted Date","Title","First Name","Last Name","State/Province","Category","Comment","Attachment Files"
        "CFPB-2023-0038-0101","CFPB","CFPB-2023-0038","2023-06-01","Comment from Ana Ruiz","Ana","Ruiz","OH","Individual","Overdraft fees cost my family $140 last year, ""just"" for being late.

        The Bureau should cap them at $5.",""
        "CFPB-2023-0038-0102","CFPB","CFPB-2023-0038","2023-06-02","Comment from Anonymous","Anonymous","Anonymous","","Individual","Banks, not customers, set these fees.","a.pdf"

        """

    func part(_ n: Int) throws -> Document {
        let bytes = Array(table.utf8)
        let reader = CommentTableReader()
        let parts = try reader.parts(of: bytes)
        return try reader.read(ReaderInput(bytes: bytes, sourcePath: "c.csv", documentID: parts[n].id, part: parts[n]))
    }

    @Test func eachRowIsADocumentItsCommentTheTextItsColumnsTheMetadata() throws {
        let parts = try CommentTableReader().parts(of: Array(table.utf8))
        #expect(parts.map(\.id) == ["CFPB-2023-0038-0101", "CFPB-2023-0038-0102"])
        // (The first comment's row spans three lines of the file, under the header's.)
        #expect(parts.map(\.lines.count) == [4, 2])
        let first = try part(0)
        #expect(first.units.map(\.text) == ["Overdraft fees cost my family $140 last year, \"just\" for being late.", "The Bureau should cap them at $5."])
        #expect(first.paragraphs.count == 2 && first.units.allSatisfy { $0.kind == .sentence })
        #expect(first.metadata.titles == ["en": "Comment from Ana Ruiz"] && first.metadata.authors == ["Ana Ruiz"])
        #expect(first.metadata.fields["documentId"] == "CFPB-2023-0038-0101" && first.metadata.fields["docketId"] == "CFPB-2023-0038")
        #expect(first.metadata.fields["agency"] == "CFPB" && first.metadata.fields["state"] == "OH" && first.metadata.fields["posted"] == "2023-06-01")
        #expect(first.metadata.fields["sourceFormat"] == "csv" && first.metadata.fields["attachments"] == nil)
        // Offsets count in the comment's text.
        #expect(first.units[1].start == 70 && first.units[1].end == 103)
        let second = try part(1)
        #expect(second.metadata.authors.isEmpty && second.metadata.fields["attachments"] == "a.pdf")
        #expect(second.units.map(\.text) == ["Banks, not customers, set these fees."])
    }

    /// A table read whole is refused with what to do when it holds several comments; one row is read; a header
    /// without a comment's column (ArgMark's own CSV, a table of figures) is no comment table.
    @Test func whatIsAndIsNotACommentTable() throws {
        let reader = CommentTableReader()
        #expect(throws: DocumentReadError.self) { try reader.read(ReaderInput(bytes: Array(table.utf8), sourcePath: "c.csv", documentID: "c")) }
        let one = try reader.read(ReaderInput(bytes: Array("id,comment\n7,\"We oppose the rule, which costs too much.\"\n".utf8), sourcePath: "o.csv", documentID: "o"))
        #expect(one.units.map(\.text) == ["We oppose the rule, which costs too much."] && one.metadata.fields["id"] == "7")
        // (A table of one comment is named by its id too, as its rows would be.)
        #expect(try reader.parts(of: Array("id,comment\n7,One.\n".utf8)).map(\.id) == ["7"])
        #expect(reader.sniff("document,id,section,heading,paragraph,start,end,language,text,label,confidence,labeled_by") == 0)
        #expect(reader.sniff("year,value") == 0 && reader.sniff("\"Document ID\",\"Comment\"") > 0 && reader.sniff("comment_id,body,posted") > 0)
        // A folder walk takes a comment export (regulations.gov's ids with a Comment; a consultation's 序号 with its
        // 意见), not the folder's other tables, which may be named on the command line.
        #expect(CommentTableReader.isCommentTable(headerLine: "\"Document ID\",\"Docket ID\",\"Comment\"") && CommentTableReader.isCommentTable(headerLine: "序号,意见内容,提出单位"))
        #expect(!CommentTableReader.isCommentTable(headerLine: "id,text,label") && !CommentTableReader.isCommentTable(headerLine: "Country,Year,GDP growth,Comment"))
        #expect(!CommentTableReader.isCommentTable(headerLine: "year,value") && !CommentTableReader.isCommentTable(headerLine: "comment_id,body"))
        let feedback = try reader.read(ReaderInput(bytes: Array("序号,意见内容,提出单位\n1,建议删除第十二条。该条与上位法不一致。,江东省司法厅\n".utf8), sourcePath: "f.csv", documentID: "f"))
        #expect(feedback.units.map(\.text) == ["建议删除第十二条。", "该条与上位法不一致。"] && feedback.metadata.fields["提出单位"] == "江东省司法厅")
        // A text's first line that reads like a header is no table unless a .csv name says so (the score stays under
        // a .txt name's).
        #expect(reader.sniff("Comment") == 0 && reader.sniff("Text, body, and other matters") == 0 && reader.sniff("Comment, Docket No. FDA-2023-N-0001") == 0)
        #expect(reader.sniff("Document ID,Docket ID,Comment") < 3)
        #expect(throws: DocumentReadError.self) { try reader.read(ReaderInput(bytes: Array("year,value\n2023,4\n".utf8), sourcePath: "f.csv", documentID: "f")) }
        #expect(throws: DocumentReadError.self) { try reader.read(ReaderInput(bytes: Array("id,comment\n".utf8), sourcePath: "e.csv", documentID: "e")) }
    }

    /// Two rows of one id (a comment posted twice) are two documents, the second not named as another row is; a row
    /// without an id is named by its place.
    @Test func rowsAreNamedApart() throws {
        let bytes = Array("Document ID,Comment\nA-1,One.\nA-1,Two.\n,Three.\nA-1-2,Four.\n".utf8)
        #expect(try CommentTableReader().parts(of: bytes).map(\.id) == ["A-1", "A-1-3", "row-3", "A-1-2"])
    }

    /// A quote that never closes would run every later comment into the one it opens: an error naming its line.
    @Test func anUnclosedQuoteIsAnErrorNamingItsLine() throws {
        let bytes = Array("id,comment\n1,\"One.\"\n2,\"Two, and on\n3,Three.\n".utf8)
        #expect(throws: DocumentReadError.malformed(line: 3, message: "a quoted field opens here and is never closed; close it with a \" (a quote inside a field is written \"\")")) {
            try CommentTableReader().parts(of: bytes)
        }
        #expect(throws: DocumentReadError.malformed(line: 2, message: "a quoted field opens here and is never closed; close it with a \" (a quote inside a field is written \"\")")) {
            try CommentTableReader().read(ReaderInput(bytes: Array("id,comment\r\n1,\"One,\r\nand on\r\n".utf8), sourcePath: "u.csv", documentID: "u"))
        }
    }

    /// As spreadsheets and exports write them: a European spreadsheet's semicolons, CRLF line ends (read as \n, so
    /// that offsets do not depend on how many rows the table has), a quote after a space, an inch mark inside an
    /// unquoted field, a web form's <br/>, a blank row of empty quotes.
    @Test func tablesAsSpreadsheetsWriteThem() throws {
        let reader = CommentTableReader()
        func read(_ table: String) throws -> [Document] {
            let bytes = Array(table.utf8)
            let parts = try reader.parts(of: bytes)
            return try parts.map { part throws(DocumentReadError) in try reader.read(ReaderInput(bytes: bytes, sourcePath: "t.csv", documentID: part.id, part: part)) }
        }
        let semicolons = try read("Document ID;Comment\nS-1;\"Fees rose; we object.\"\nS-2;The rule helps.\n")
        #expect(semicolons.map(\.id) == ["S-1", "S-2"] && semicolons[0].units.map(\.text) == ["Fees rose; we object."])
        let crlf = try read("id,comment\r\nA,\"First para here.\r\n\r\nSecond para here.\"\r\nB,Other.\r\n")
        let single = try reader.read(ReaderInput(bytes: Array("id,comment\r\nA,\"First para here.\r\n\r\nSecond para here.\"\r\n".utf8), sourcePath: "t.csv", documentID: "A"))
        #expect(crlf[0].units.map(\.start) == single.units.map(\.start) && crlf[0].units.map(\.start) == [0, 18])
        let marks = try read("id,comment,state\nI-1,My TV is 55\" wide and the fee is high.,OH\nI-2, \"Quoted after a space, with a comma.\",WA\nI-3,Line one.<br/><br/>Don&#39;t add fees.,\n\"\",\"\",\"\"\n")
        #expect(marks.map(\.id) == ["I-1", "I-2", "I-3"])
        #expect(marks[0].units.map(\.text) == ["My TV is 55\" wide and the fee is high."] && marks[0].metadata.fields["state"] == "OH")
        #expect(marks[1].units.map(\.text) == ["Quoted after a space, with a comma."] && marks[1].metadata.fields["state"] == "WA")
        #expect(marks[2].units.map(\.text) == ["Line one.", "Don't add fees."])
    }

    /// regulations.gov's stand-in for a comment in its attachments is no text; the error names the row's line in
    /// the file and what the row is.
    @Test func aCommentOnlyInItsAttachmentsFailsNamingItsLine() throws {
        let bytes = Array("Document ID,Document Type,Comment\nD-1,Public Submission,We object.\nD-2,Public Submission,See attached file(s)\nD-3,Proposed Rule,\n".utf8)
        let reader = CommentTableReader()
        let parts = try reader.parts(of: bytes)
        func failure(_ n: Int) -> DocumentReadError? {
            do { _ = try reader.read(ReaderInput(bytes: bytes, sourcePath: "t.csv", documentID: parts[n].id, part: parts[n])) } catch { return error }
            return nil
        }
        #expect(failure(0) == nil)
        guard case .malformed(let line, let message)? = failure(1) else { Issue.record("no error"); return }
        #expect(line == 3 && message.contains("D-2 has no text of its own (\"See attached file(s)\")"))
        guard case .malformed(let line3, let message3)? = failure(2) else { Issue.record("no error"); return }
        #expect(line3 == 4 && message3.contains("D-3 (a Proposed Rule, not a public comment) has no text"))
    }

    @Test func recordsFollowRFC4180() {
        let records = CSVRecords.records(Array("a,\"b,c\",\"d\"\"e\"\r\n\"f\ng\",,h\n".unicodeScalars))
        #expect(records == [["a", "b,c", "d\"e"], ["f\ng", "", "h"]])
    }
}
