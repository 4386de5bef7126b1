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

    @Test func notesWithoutMarkersSurviveAsEmptyRefs() throws {
        var document = try readJSONL(try fixtureBytes("varied.jsonl"))
        let index = try #require(document.index(ofUnit: "s7"))
        document.units[index].noteRefs = ["n3"]
        let tei = try writeTEI(document)
        #expect(String(decoding: tei, as: UTF8.self).contains("interest.<ref type=\"foot\" target=\"#n3\"/></s>"))
        #expect(try readTEI(tei).units[index].noteRefs == ["n3"])
    }

    @Test func idsThatCannotBeXMLIDsAreRefused() throws {
        var document = try readJSONL(try fixtureBytes("varied.jsonl"))
        document.units[0].id = "1st sentence"
        #expect {
            try writeTEI(document)
        } throws: { error in
            guard case .unrepresentable(let message) = error as? DocumentWriteError else { return false }
            return message.contains("'1st sentence'") && message.contains("xml:id")
        }
    }

    @Test func controlCharactersAreRefusedWithAReason() throws {
        var document = try readJSONL(try fixtureBytes("varied.jsonl"))
        document.units[0].text = "bell\u{07}"
        #expect {
            try writeTEI(document)
        } throws: { error in
            guard case .unrepresentable(let message) = error as? DocumentWriteError else { return false }
            return message.contains("U+7")
        }
    }

    @Test func exportCarriesEveryAnnotationConsumersRead() throws {
        let tei = String(decoding: try writeTEI(try readJSONL(try fixtureBytes("varied.jsonl"))), as: UTF8.self)
        #expect(tei.contains(##"<s xml:id="s3" type="thesis" source="char:28,54" ana="#arg-claim #score-s3""##))
        #expect(tei.contains(##"<link type="attack" target="#s6 #s3" resp="#argmark-label.model.zh.v1" cert="0.4"/>"##))
        #expect(tei.contains(##"<respons locus="value" target="#s3" match="@type" resp="#argmark-human-王芳"/>"##))
        #expect(tei.contains(#"<idno type="DOI">10.1/x&amp;y</idno>"#))
        #expect(tei.contains(#"replacementPattern="texts/varied%20sample.zh.txt#char=$1,$2""#))
        #expect(tei.contains(#"<persName>J. Doe &amp; Co &lt;review&gt;</persName>"#))
    }
}
