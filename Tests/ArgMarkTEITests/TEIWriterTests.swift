import ArgMarkCore
import ArgMarkPipeline
import ArgMarkTEI
import ArgMarkText
import ArgMarkXML
import Foundation
import Testing

struct TEIWriterTests {
    @Test func exportMatchesGoldenFile() throws {
        let document = try readJSONL(try fixtureBytes("varied.jsonl"))
        try expectGolden(try writeTEI(document), "varied.tei.xml")
    }

    @Test func exportIsDeterministic() throws {
        let document = try readJSONL(try fixtureBytes("varied.jsonl"))
        #expect(try writeTEI(document) == (try writeTEI(document)))
    }

    @Test func jsonlToTEIToJSONLIsIdentical() throws {
        let original = try fixtureBytes("varied.jsonl")
        let tei = try writeTEI(try readJSONL(original))
        let back = try writeJSONL(try readTEI(tei))
        #expect(String(decoding: back, as: UTF8.self) == String(decoding: original, as: UTF8.self))
    }

    @Test func readerOutputRoundTripsWithAstralAndMarkup() throws {
        let text = "一、引言\n本文认为 A & B < C 成立𠮷。[1]但是，也有人反对！\nWe argue that rules matter. However, markets disagree.\n注释\n[1] 某书，2020年。\n"
        let document = try ArticleReader().read(ReaderInput(bytes: Array(text.utf8), sourcePath: "a b.txt", documentID: "a"))
        let jsonl = try writeJSONL(document)
        let back = try writeJSONL(try readTEI(try writeTEI(document)))
        #expect(String(decoding: back, as: UTF8.self) == String(decoding: jsonl, as: UTF8.self))
    }

    /// A figure's caption and a table's rows are a `figure` of `head`s between the paragraphs, and read back as the
    /// same caption units in the same section.
    @Test func captionsRoundTripAsFigures() throws {
        let text = "1. Introduction\nCables carry most data.\nTable 1. Licences\nCountry    Licences\nUSA        42\nSource: FCC.\nFigure 1. Map of stations.\nThe map shows clusters.\n"
        let document = try PlainTextReader().read(ReaderInput(bytes: Array(text.utf8), sourcePath: "c.txt", documentID: "c"))
        #expect(document.units.filter { $0.kind == .caption }.count == 5)
        let tei = try writeTEI(document)
        let xml = String(decoding: tei, as: UTF8.self)
        #expect(xml.contains("<figure xml:id=\"p3\">"))
        #expect(xml.contains("<head xml:id=\"s7\" source=\"char:105,131\">Figure 1. Map of stations.</head>"))
        let back = try readTEI(tei)
        #expect(back.units.map(\.kind) == document.units.map(\.kind))
        #expect(String(decoding: try writeJSONL(back), as: UTF8.self) == String(decoding: try writeJSONL(document), as: UTF8.self))
    }

    @Test func notesWithoutMarkersSurviveAsEmptyRefs() throws {
        var document = try readJSONL(try fixtureBytes("varied.jsonl"))
        let index = try #require(document.index(ofUnit: "s7"))
        document.units[index].noteRefs = ["n3"]
        let tei = try writeTEI(document)
        #expect(String(decoding: tei, as: UTF8.self).contains("interest.<ref type=\"foot\" target=\"#n3\"/></s>"))
        #expect(try readTEI(tei).units[index].noteRefs == ["n3"])
    }

    /// A note on a title, a heading or a caption is linked from it as from a sentence (a `ref` inside the `head`),
    /// and read back: the links had been lost in TEI and on the way back.
    @Test func notesOfHeadingsAndCaptionsAreLinked() throws {
        let text = "数字贸易规则研究①\n一、引言②\n本文认为，规则竞争日益激烈。③\n表1 贸易数据④\n国家    金额\n中国    100\n注释\n①基金项目。\n②引言注。\n③某书，2020年。\n④资料来源：WTO。\n"
        let document = try ArticleReader().read(ReaderInput(bytes: Array(text.utf8), sourcePath: "h.txt", documentID: "h"))
        let noted = document.units.filter { $0.kind != .sentence && !$0.noteRefs.isEmpty }
        try #require(noted.count >= 2)
        let tei = try writeTEI(document)
        let xml = String(decoding: tei, as: UTF8.self)
        for unit in noted {
            let head = try #require(xml.range(of: "<head xml:id=\"\(unit.id)\""))
            let end = try #require(xml.range(of: "</head>", range: head.upperBound..<xml.endIndex))
            #expect(xml[head.upperBound..<end.lowerBound].contains("<ref type=\"foot\" target=\"#"))
        }
        let back = try readTEI(tei)
        #expect(back.units.map(\.noteRefs) == document.units.map(\.noteRefs))
        #expect(String(decoding: try writeJSONL(back), as: UTF8.self) == String(decoding: try writeJSONL(document), as: UTF8.self))
    }

    /// Every id that cannot be an xml:id is named in one refusal, so that a table of such ids is mended in one pass.
    @Test func everyIDThatCannotBeAnXMLIDIsNamedAtOnce() throws {
        var document = try readJSONL(try fixtureBytes("varied.jsonl"))
        // Units no other names (no parent, no section's heading).
        document.units[0].id = "1a"
        document.units[10].id = "x:y"
        document.units[9].id = "score-a"
        document.units[9].annotation.parent = nil
        document.units[9].annotation.relation = nil
        #expect {
            try writeTEI(document)
        } throws: { error in
            guard case .unrepresentable(let message) = error as? DocumentWriteError else { return false }
            return message.contains("3 ids cannot be written") && message.contains("'1a'") && message.contains("'x:y'") && message.contains("'score-a'")
        }
    }

    /// A control character in the metadata is named with its field, as one in a sentence is with the sentence.
    @Test func aControlCharacterInTheMetadataNamesItsField() throws {
        var document = try readJSONL(try fixtureBytes("varied.jsonl"))
        document.metadata.titles["en"] = "Bad\u{01} title"
        #expect {
            try writeTEI(document)
        } throws: { error in
            guard case .unrepresentable(let message) = error as? DocumentWriteError else { return false }
            return message.contains("the document's title (en) contains U+0001")
        }
    }

    @Test func idsThatCannotBeXMLIDsAreRefused() throws {
        var document = try readJSONL(try fixtureBytes("varied.jsonl"))
        document.units[0].id = "1st-sentence"
        #expect {
            try writeTEI(document)
        } throws: { error in
            guard case .unrepresentable(let message) = error as? DocumentWriteError else { return false }
            return message.contains("'1st-sentence'") && message.contains("xml:id")
        }
    }

    /// The prefixes of ArgMark's own ids (why- holds a sentence's label reasons) are refused for a document's ids:
    /// a sentence why-a beside a sentence a made the TEI invalid.
    @Test(arguments: ["why-a", "score-a", "arg-a", "argmark-a"])
    func idsWithAReservedPrefixAreRefused(_ id: String) throws {
        try expectFirstUnitIDRefused(id, saying: "uses a prefix ArgMark reserves")
    }

    /// Writing varied.jsonl with its first unit's id set to `id` is refused with a message holding `message`.
    private func expectFirstUnitIDRefused(_ id: String, saying message: String) throws {
        var document = try readJSONL(try fixtureBytes("varied.jsonl"))
        document.units[0].id = id
        #expect {
            try writeTEI(document)
        } throws: { error in
            guard case .unrepresentable(let refusal) = error as? DocumentWriteError else { return false }
            return refusal.contains(message)
        }
    }

    /// An id that cannot be an xml:id is refused with what is wrong with it.
    @Test(arguments: [("ab#c", "it holds '#'"), ("1a", "it starts with '1'"), ("a b", "it holds a space"), ("a:b", "it holds ':'")])
    func idsThatCannotBeXMLIDsAreNamedWithWhy(_ id: String, _ reason: String) throws {
        try expectFirstUnitIDRefused(id, saying: "the id '\(id)' cannot be an xml:id (\(reason)")
    }

    @Test func controlCharactersAreRefusedWithAReason() throws {
        var document = try readJSONL(try fixtureBytes("varied.jsonl"))
        document.units[0].text = "bell\u{07}"
        #expect {
            try writeTEI(document)
        } throws: { error in
            guard case .unrepresentable(let message) = error as? DocumentWriteError else { return false }
            // Named with its unit, so that it can be found in a long document.
            return message.contains("\(document.units[0].kind.rawValue) \(document.units[0].id) contains U+0007")
        }
    }

    @Test func exportCarriesEveryAnnotationConsumersRead() throws {
        let tei = String(decoding: try writeTEI(try readJSONL(try fixtureBytes("varied.jsonl"))), as: UTF8.self)
        #expect(tei.contains(##"<s xml:id="s3" type="thesis" source="char:28,54" ana="#arg-claim #score-s3 #why-s3""##))
        // What each labeller proposed, in a feature structure of its own that @ana points to.
        #expect(tei.contains(##"<fs xml:id="why-s3" type="labelProposals" resp="#argmark">"##))
        #expect(tei.contains(##"<fs type="proposal"><f name="plugin"><string>label.cue.zh.v1</string></f><f name="label"><symbol value="claim"/></f><f name="score"><numeric value="0.9502"/></f><f name="evidence"><string>本文认为→claim &amp; &lt;&quot;本质上&quot;&gt;</string></f></fs>"##))
        #expect(tei.contains(##"<link type="attack" target="#s6 #s3" resp="#argmark-label.model.zh.v1" cert="0.4"/>"##))
        #expect(tei.contains(##"<respons locus="value" target="#s3" match="@type" resp="#argmark-human-王芳"/>"##))
        #expect(tei.contains(#"<idno type="DOI">10.1/x&amp;y</idno>"#))
        #expect(tei.contains(#"replacementPattern="texts/varied%20sample.zh.txt#char=$1,$2""#))
        #expect(tei.contains(#"<persName>J. Doe &amp; Co &lt;review&gt;</persName>"#))
    }
}
