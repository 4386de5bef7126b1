import Foundation
import Testing

@testable import ArgMarkXML

struct XMLDocumentTests {
    private func parse(_ text: String) throws(XMLError) -> XMLDocument {
        try XMLDocument.parse(Array(text.utf8))
    }

    @Test func readsElementsAttributesAndText() throws {
        let document = try parse(#"<r xmlns="urn:x" xml:lang="zh"><a xml:id="i1" n="2">甲&amp;乙<b>𠮷</b></a><!-- c --><a/></r>"#)
        let root = try #require(document.root)
        #expect(root.name == "r")
        #expect(root.namespace == "urn:x")
        #expect(root.xmlLang == "zh")
        let a = root.children(named: "a")
        #expect(a.count == 2)
        #expect(a[0].xmlID == "i1")
        #expect(a[0].attribute("n") == "2")
        #expect(a[0].attribute("missing") == nil)
        #expect(a[0].textContent == "甲&乙𠮷")
        #expect(a[0].child("b")?.parent?.name == "a")
        #expect(root.descendants(named: "b").count == 1)
    }

    @Test func malformedXMLNamesLineAndColumn() {
        #expect {
            try parse("<r>\n  <a>\n</r>")
        } throws: { error in
            guard let error = error as? XMLError else { return false }
            return error.line == 3 && error.column > 0 && error.code != 0
        }
    }

    /// The error named is where the document first goes wrong, not a later one at the end of the file ("Premature
    /// end of data in tag r"), which libxml2 would report last.
    @Test func malformedXMLNamesTheFirstError() {
        #expect {
            try parse("<r><p>a <hi>b</p>\n<p>c</p>\n<p>d</p>\n</r>\n")
        } throws: { error in
            guard let error = error as? XMLError else { return false }
            return error.line == 1 && error.message.contains("mismatch")
        }
    }

    /// The first error of a large document is reported without stopping the parser from inside libxml2's error
    /// report (which freed the input under the parser and crashed on files of a few megabytes).
    @Test func aLargeMalformedDocumentNamesItsFirstError() {
        let filler = String(repeating: "<p>Text of the paragraph, long enough to fill the parser's buffers.</p>", count: 30_000)
        #expect {
            try parse("<r>\n" + filler + "<p>a ]]> b</p>" + filler + "\n</r>\n")
        } throws: { error in
            guard let error = error as? XMLError else { return false }
            return error.line == 2 && error.message.contains("]]>")
        }
    }

    @Test func externalEntityIsRefusedNotRead() {
        let xxe = """
            <?xml version="1.0"?>
            <!DOCTYPE r [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>
            <r>&xxe;</r>
            """
        #expect {
            try parse(xxe)
        } throws: { error in
            (error as? XMLError)?.message.contains("declares entities") ?? false
        }
    }

    @Test func billionLaughsIsRefused() {
        var doctype = "<!DOCTYPE r [ <!ENTITY l0 \"ha\">"
        for level in 1...10 {
            doctype += " <!ENTITY l\(level) \"" + String(repeating: "&l\(level - 1);", count: 10) + "\">"
        }
        doctype += " ]>"
        #expect(throws: XMLError.self) { try parse(doctype + "<r>&l10;</r>") }
    }

    @Test func undeclaredEntityUnderExternalDTDStaysInert() throws {
        // No DTD is loaded, so the reference cannot be expanded: it contributes no text.
        let document = try parse(#"<!DOCTYPE r SYSTEM "file:///etc/passwd"><r>a&ent;b</r>"#)
        #expect(document.root?.textContent == "ab")
    }

    /// Nor is a DTD on disk read, whether or not the parse registers ids (skipping them had made libxml2 load it).
    @Test func externalDTDOnDiskIsNeverRead() throws {
        let dtd = FileManager.default.temporaryDirectory.appendingPathComponent("argmark-test-\(getpid()).dtd")
        try Data("<!ENTITY ent \"EXPANDED\">".utf8).write(to: dtd)
        defer { try? FileManager.default.removeItem(at: dtd) }
        let xml = "<!DOCTYPE r SYSTEM \"\(dtd.path)\"><r>a&ent;b</r>"
        for registerIDs in [true, false] {
            let document = try XMLDocument.parse(Array(xml.utf8), registerIDs: registerIDs)
            #expect(document.root?.textContent == "ab")
        }
    }

    @Test func deepNestingFailsCleanly() {
        let depth = 5000
        let xml = String(repeating: "<a>", count: depth) + String(repeating: "</a>", count: depth)
        #expect(throws: XMLError.self) { try parse(xml) }
    }

    @Test func emptyAndBinaryInputAreErrors() {
        #expect(throws: XMLError.self) { try parse("") }
        #expect(throws: XMLError.self) { try XMLDocument.parse([0x00, 0x01, 0x02, 0xFF]) }
    }
}

struct XMLStreamWriterTests {
    @Test func escapesTextAndAttributesAndRoundTrips() throws {
        let writer = try XMLStreamWriter()
        writer.startDocument()
        writer.startElement("r")
        try writer.attribute("a", "x \"&\" <y>\n")
        try writer.text("A & B < C > D 𠮷\r\n")
        writer.endElement()
        let bytes = try writer.finish()
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.contains("A &amp; B &lt; C &gt; D 𠮷"))
        let root = try #require(try XMLDocument.parse(bytes).root)
        #expect(root.attribute("a") == "x \"&\" <y>\n")
        #expect(root.textContent == "A & B < C > D 𠮷\r\n")
    }

    @Test func refusesControlCharacters() throws {
        let writer = try XMLStreamWriter()
        writer.startElement("r")
        #expect(throws: XMLError.self) { try writer.text("bell\u{07}") }
        #expect(throws: XMLError.self) { try writer.attribute("a", "\u{FFFF}") }
    }

    @Test func copySkipsAndInjects() throws {
        let document = try XMLDocument.parse(Array(#"<h><keep>1</keep><drop xml:id="argmark-x">2</drop><!--c--></h>"#.utf8))
        let writer = try XMLStreamWriter()
        try writer.copy(
            document.root!, skipping: { $0.xmlID?.hasPrefix("argmark") ?? false },
            around: { element, phase, out throws(XMLError) in
                if element.name == "h", phase == .beforeEnd { try out.element("added", text: "3") }
            })
        let output = String(decoding: try writer.finish(), as: UTF8.self)
        #expect(output == "<h><keep>1</keep><!--c--><added>3</added></h>\n", "\(output)")
    }
}

struct RelaxNGSchemaTests {
    static let schema = """
        <grammar xmlns="http://relaxng.org/ns/structure/1.0" datatypeLibrary="http://www.w3.org/2001/XMLSchema-datatypes">
          <start><element name="r"><oneOrMore><element name="n"><data type="integer"/></element></oneOrMore></element></start>
        </grammar>
        """

    private func compiled() throws -> RelaxNGSchema {
        let path = NSTemporaryDirectory() + "argmark-rng-\(UUID().uuidString).rng"
        try Self.schema.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        return try RelaxNGSchema(path: path)
    }

    /// A file that is no schema is named as what it is: no XML, or XML of another kind.
    @Test func aFileThatIsNoSchemaIsNamedSo() throws {
        for (text, message) in [("just text", "is not a RELAX NG schema, not even XML"), (#"<TEI xmlns="http://www.tei-c.org/ns/1.0"/>"#, "its root is <TEI> in http://www.tei-c.org/ns/1.0")] {
            let path = NSTemporaryDirectory() + "argmark-rng-\(UUID().uuidString).rng"
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            defer { try? FileManager.default.removeItem(atPath: path) }
            #expect { try RelaxNGSchema(path: path) } throws: { error in (error as? XMLError)?.message.contains(message) == true }
        }
    }

    /// libxml2's advice to programmers (use XML_PARSE_HUGE option) becomes the limit it is.
    @Test func libxml2sAdviceToProgrammersIsSaidAsTheLimit() {
        #expect(XMLError.readable("Excessive depth in document: 256 use XML_PARSE_HUGE option")
            == "Excessive depth in document: 256: beyond the limits ArgMark reads XML within (elements nested 256 deep, 10 MB of text in one node); split or flatten the document")
        #expect(XMLError.readable("Opening and ending tag mismatch") == "Opening and ending tag mismatch")
    }

    @Test func validAndInvalidDocuments() throws {
        let schema = try compiled()
        let valid = try XMLDocument.parse(Array("<r><n>1</n><n>2</n></r>".utf8))
        #expect(schema.validate(valid).isEmpty)
        let invalid = try XMLDocument.parse(Array("<r>\n<n>1</n>\n<n>x</n></r>".utf8))
        let errors = schema.validate(invalid)
        #expect(!errors.isEmpty)
        #expect(errors.contains { $0.line == 3 })
    }

    @Test func missingSchemaIsAClearError() {
        #expect {
            try RelaxNGSchema(path: "/nonexistent/tei_all.rng")
        } throws: { error in
            (error as? XMLError)?.message.contains("cannot read the schema") ?? false
        }
    }
}
