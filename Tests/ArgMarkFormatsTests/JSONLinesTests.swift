import ArgMarkCore
@testable import ArgMarkFormats
import ArgMarkPipeline
import ArgMarkText
import Foundation
import Testing

func fixtureURL(_ name: String) throws -> URL {
    try #require(Bundle.module.url(forResource: "Fixtures/\(name)", withExtension: nil))
}

/// `annotated.jsonl`, the fixture that fills every annotation slot, as the exports' golden files start from it.
func annotatedFixture() throws -> Document {
    let bytes = Array(try Data(contentsOf: try fixtureURL("annotated.jsonl")))
    return try JSONLinesReader().read(ReaderInput(bytes: bytes, sourcePath: nil, documentID: "annotated"))
}

/// Compares `actual` with the golden file `name`; `ARGMARK_RECORD=1` rewrites it in the source tree and fails.
func assertGolden(_ actual: [UInt8], _ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/\(name)")
    if ProcessInfo.processInfo.environment["ARGMARK_RECORD"] != nil {
        try Data(actual).write(to: golden)
        Issue.record("recorded \(name); unset ARGMARK_RECORD and run again", sourceLocation: sourceLocation)
        return
    }
    let expected = try Data(contentsOf: golden)
    #expect(Array(expected) == actual, "export differs from \(name); re-record with ARGMARK_RECORD=1 if intended", sourceLocation: sourceLocation)
}

struct JSONLinesTests {
    func readArticle() throws -> Document {
        try ArticleReader().read(
            ReaderInput(bytes: Array(try Data(contentsOf: try fixtureURL("cnki-article.zh.txt"))),
                        sourcePath: "cnki-article.zh.txt", documentID: "cnki-article.zh"))
    }

    @Test func articleExportMatchesGolden() throws {
        try assertGolden(try JSONLinesWriter().write(try readArticle()), "cnki-article.zh.jsonl")
    }

    @Test func exportIsDeterministic() throws {
        #expect(try JSONLinesWriter().write(try readArticle()) == JSONLinesWriter().write(try readArticle()))
    }

    @Test func roundTripOfAReadDocument() throws {
        let document = try readArticle()
        let bytes = try JSONLinesWriter().write(document)
        let back = try JSONLinesReader().read(ReaderInput(bytes: bytes, sourcePath: "cnki-article.zh.txt", documentID: "x"))
        #expect(back == document)
        #expect(try JSONLinesWriter().write(back) == bytes)
    }

    /// Caption units (a table's caption and rows) are written as `"type":"caption"` and read back as such; one
    /// that carries a label is refused by validation like a labelled heading.
    @Test func captionsRoundTrip() throws {
        let text = "States hedge.\n表1 各国立场\n国家 立场 年份\n甲国 支持 2020\n"
        let document = try PlainTextReader().read(ReaderInput(bytes: Array(text.utf8), sourcePath: "t.txt", documentID: "t"))
        let bytes = try JSONLinesWriter().write(document)
        #expect(String(decoding: bytes, as: UTF8.self).contains("{\"type\":\"caption\",\"id\":\"s2\""))
        let back = try JSONLinesReader().read(ReaderInput(bytes: bytes, sourcePath: "t.txt", documentID: "t"))
        #expect(back == document)
        var labelled = back
        labelled.units[1].annotation.label = .background
        #expect(labelled.validate().contains { $0.subject == "s2" })
    }

    /// A sentence longer than a text file's line may be (a million characters) is read back from the JSONL ArgMark
    /// wrote for it.
    @Test func aLineLongerThanATextLineIsReadBack() throws {
        let text = String(repeating: "本", count: 1_100_000) + "。"
        var document = Document(id: "long", sections: [Section(id: "d1", level: 1, heading: nil, parent: nil)])
        document.units = [TextUnit(id: "s1", kind: .sentence, section: "d1", paragraph: "p1", language: .zh, start: 0, end: text.unicodeScalars.count, text: text)]
        document.paragraphs = [Paragraph(id: "p1", section: "d1", language: .zh, units: 0..<1)]
        let bytes = try JSONLinesWriter().write(document)
        let back = try JSONLinesReader().read(ReaderInput(bytes: bytes, sourcePath: nil, documentID: "long"))
        #expect(back.units.first?.text == text)
    }

    /// A generator written by another tool or by hand, and entries that are no plugin record, are passed over as
    /// keys this reader does not know are, not a reason to refuse the file.
    @Test func aGeneratorWrittenOtherwiseIsPassedOver() throws {
        let original = String(decoding: try Data(contentsOf: try fixtureURL("annotated.jsonl")), as: UTF8.self)
        let generator = try #require(original.firstRange(of: /"generator":\{.*\}\}\n/))
        for replacement in [#""generator":"mytool 1.0"}"#, #""generator":{"name":"x","plugins":["a","b"]}}"#,
                            #""generator":{"plugins":[{"id":"a","role":"linker"},{"id":"b","role":"label","weight":"high"},{"role":"label"}]}}"#] {
            let edited = original.replacingCharacters(in: generator, with: replacement + "\n")
            let document = try JSONLinesReader().read(ReaderInput(bytes: Array(edited.utf8), sourcePath: nil, documentID: "annotated"))
            #expect(document.plugins.map(\.id) == (replacement.contains(#""id":"b""#) ? ["b"] : []), "\(replacement)")
        }
    }

    /// "Human:alice" typed by hand where the file says who decided is a person's decision, which no machine run
    /// overwrites; a labeller's id (ArgMark's or another's) stays as written, and a value that is neither — which
    /// would make a person's label one the next run overwrites — is refused with its line.
    @Test func humanTypedInAnyCaseIsAPerson() throws {
        func sentence(_ by: String) throws -> SentenceAnnotation {
            let text = #"{"type":"document","id":"x"}"# + "\n" + #"{"type":"sentence","id":"s1","section":"d1","paragraph":"p1","lang":"zh","start":0,"end":1,"text":"句","label":"claim","labeledBy":"\#(by)","linkedBy":"\#(by)"}"# + "\n"
            return try #require(JSONLinesReader().read(ReaderInput(bytes: Array(text.utf8), sourcePath: nil, documentID: "x")).units.first?.annotation)
        }
        for by in ["Human:alice", "HUMAN: alice", "human:alice"] {
            let annotation = try sentence(by)
            #expect(annotation.labeledBy == .human("alice") && annotation.linkedBy == .human("alice") && annotation.isKeptLabel, "\(by)")
        }
        #expect(try sentence("label.cue.zh.v1").labeledBy == .plugin("label.cue.zh.v1"))
        #expect(try sentence("gpt4").labeledBy == .plugin("gpt4"))
        // Other tools' ids, colons and spaces included, are labellers'.
        for by in ["openai:gpt-4o", "qwen2.5:7b", "GPT 4 (OpenAI)", "spacy/en_core_web_sm", "humanities-bert", "Human-in-the-loop v2"] {
            #expect(try sentence(by).labeledBy == .plugin(by), "\(by)")
        }
        for by in ["", "  ", " human:alice", "human :alice", "humans:alice", "human：alice", "human", "Human", "human;alice"] {
            #expect(throws: DocumentReadError.self, "\(by)") { try sentence(by) }
            #expect { try sentence(by) } throws: { error in
                "\(error)".contains("line 2") && "\(error)".contains("human:NAME")
            }
        }
    }

    /// The written-out check for a misspelt signature says what the pattern it replaced says, on signatures near
    /// it and far from it.
    @Test func aMisspeltSignatureIsWhatThePatternSaid() {
        let pattern = /(?i)\s*humans?\s*([:：;].*)?/
        let signatures = [
            "human", "Human", "HUMANS", "humanS", " human", "\thuman ", "human:", "human:ana", "humans:ana", "human :ana",
            "human：ana", "human;ana", "human; a b", "human s", "humans s", "human,ana", "human-ana", "humanities-bert",
            "humanss", "huma", "hum", "", "  ", "x human", "human:a\nb", "human\n:ab", "human\n", "human:\r\n",
            "human\u{2028}", "human:\u{2028}x", "\u{3000}human：名", "ＨＵＭＡＮ:x", "human\u{301}:x", "hUmAn ; ",
            "humans:", "human::", "human:human", "h\u{FF55}man", "humanſ:x", "human\u{0085}",
        ]
        for raw in signatures {
            #expect(JSONLinesReader.readsAsMisspeltSignature(raw) == (raw.wholeMatch(of: pattern) != nil), "\(raw.debugDescription)")
        }
    }

    @Test func roundTripKeepsEveryAnnotationSlot() throws {
        let original = Array(try Data(contentsOf: try fixtureURL("annotated.jsonl")))
        let document = try JSONLinesReader().read(ReaderInput(bytes: original, sourcePath: nil, documentID: "annotated"))
        #expect(document.units[2].annotation.labeledBy == .human("ana"))
        #expect(document.plugins == [
            PluginRecord(id: "label.cue.zh.v1", role: .label, fingerprint: "fnv1a64w:00112233445566ff", weight: 0.75),
            PluginRecord(id: "ext.v1", role: .label, weight: 1.5),
            PluginRecord(id: "link.learned.v1", role: .link, fingerprint: "fnv1a64w:ffeeddccbbaa9988"),
            PluginRecord(id: "score.dfquad.v1", role: .score),
        ])
        #expect(document.units[3].annotation.relation == .attack)
        #expect(document.units[1].noteRefs == ["n1"])
        #expect(document.sections.map(\.level) == [1, 2])
        #expect(document.sections[1].parent == "d1")
        #expect(document.units[2].annotation.isHumanLink)
        #expect(document.units[1].annotation.explanation?.children.map(\.child) == ["s3", "s4"])
        #expect(document.units[1].annotation.labelReasons == [
            LabelReason(plugin: "label.cue.zh.v1", label: .claim, score: 0.9, evidence: "本文认为→claim"),
            LabelReason(plugin: "ext.v1", label: .prescription, score: 0.0001, evidence: ""),
        ])
        #expect(document.units[2].annotation.labelReasons.isEmpty)
        // Confidences of both kinds: each sentence says its own (a person's label has none).
        #expect(document.confidenceScale == .mixed)
        #expect(document.units.map(\.annotation.confidenceScale) == [nil, .calibrated, nil, .share, nil, .calibrated, nil])
        #expect(try JSONLinesWriter().write(document) == original)
    }

    /// One scale on the document line holds for every machine confidence that does not say its own; a scale that is
    /// none of them is refused with its line, since passed over it would be taken for calibrated.
    @Test func aDocumentsConfidenceScaleHoldsForItsSentences() throws {
        let original = String(decoding: try Data(contentsOf: try fixtureURL("annotated.jsonl")), as: UTF8.self)
        func read(_ text: String) throws -> Document {
            try JSONLinesReader().read(ReaderInput(bytes: Array(text.utf8), sourcePath: nil, documentID: "annotated"))
        }
        let unsaid = original.replacingOccurrences(of: #","confidenceScale":"calibrated""#, with: "")
            .replacingOccurrences(of: #","confidenceScale":"share""#, with: "")
        let shares = try read(unsaid.replacingOccurrences(of: #""confidences":"mixed""#, with: #""confidences":"share""#))
        #expect(shares.confidenceScale == .share && shares.units[1].annotation.confidenceScale == .share)
        #expect(shares.units[2].annotation.confidenceScale == nil)  // a person's label
        // Written back, a document of one scale says it once.
        let written = String(decoding: try JSONLinesWriter().write(shares), as: UTF8.self)
        #expect(written.contains(#""confidences":"share""#) && !written.contains("confidenceScale"))
        // A file that does not say has no scale; nor has a document whose every label is a person's.
        #expect(try read(unsaid.replacingOccurrences(of: #""confidences":"mixed","#, with: "")).confidenceScale == nil)
        var reviewed = shares
        for i in reviewed.units.indices where reviewed.units[i].annotation.label != nil {
            reviewed.units[i].annotation.labeledBy = .human("ana")
        }
        let reviewedLines = String(decoding: try JSONLinesWriter().write(reviewed), as: UTF8.self)
        #expect(reviewed.confidenceScale == nil && !reviewedLines.contains("confidences"))
        for bad in [#""confidences":"probability""#, #""confidences":0.5"#, #""confidences":"Share""#] {
            let text = unsaid.replacingOccurrences(of: #""confidences":"mixed""#, with: bad)
            #expect { try read(text) } throws: { error in
                "\(error)".contains("line 1") && "\(error)".contains("calibrated, share or mixed")
            }
        }
        // Confidences that say nothing (an older file's) stay so beside ones a later run recorded: written one by
        // one, never given the others' scale.
        var partly = try read(unsaid.replacingOccurrences(of: #""confidences":"mixed","#, with: ""))
        partly.units[3].annotation.confidenceScale = .share
        #expect(partly.confidenceScale == .mixed)
        let partlyRead = try read(String(decoding: try JSONLinesWriter().write(partly), as: UTF8.self))
        #expect(partlyRead.units.map(\.annotation.confidenceScale) == [nil, nil, nil, .share, nil, nil, nil])
        // Another tool's generator may use the key as it likes.
        let foreign = unsaid.replacingOccurrences(of: #""name":"argmark""#, with: #""name":"othertool""#)
            .replacingOccurrences(of: #""confidences":"mixed""#, with: #""confidences":{"mean":0.8}"#)
        #expect(try read(foreign).confidenceScale == nil)
        let mixedSentence = original.replacingOccurrences(of: #""confidenceScale":"share""#, with: #""confidenceScale":"mixed""#)
        #expect { try read(mixedSentence) } throws: { error in
            "\(error)".contains("line 5") && "\(error)".contains("calibrated or share")
        }
    }

    @Test func escaping() throws {
        var document = Document(id: "e")
        document.sections = [Section(id: "d1", level: 1, heading: nil, parent: nil)]
        document.units = [TextUnit(id: "s1", kind: .sentence, section: "d1", paragraph: "p1", language: .en, start: 0, end: 9,
                                   text: "a\"b\\c\u{1}\n\u{2028}")]
        document.paragraphs = [Paragraph(id: "p1", section: "d1", language: .en, units: 0..<1)]
        let line = String(decoding: try JSONLinesWriter().write(document), as: UTF8.self).split(separator: "\n")[1]
        #expect(line.contains(#""text":"a\"b\\c\u0001\n\u2028""#))
    }

    @Test(arguments: [0.5, 1.0, 0.0, 0.33333, 0.99999, 0.00004, 0.1234])
    func numberFormatting(_ value: Double) {
        let expected = ["0.5": "0.5", "1.0": "1", "0.0": "0", "0.33333": "0.3333", "0.99999": "1", "4e-05": "0", "0.1234": "0.1234"]
        #expect(JSONNumber.format(value) == expected["\(value)"])
    }

    /// The writer's numbers, written as bytes, are exactly FixedDecimal's.
    @Test func writtenNumbersAreFixedDecimals() throws {
        var values: [Double] = [0, 1, 0.5, 0.00005, 0.00004999, 0.99995, 0.1, 0.10001, 0.0001, 0.9999, 123.45678, 7, 10, 100.00005]
        var state: UInt64 = 20_261_205
        for _ in 0..<300 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            values.append(Double(state >> 11) / Double(1 << 53))
        }
        var document = Document(id: "n", sections: [Section(id: "d1", level: 1, heading: nil, parent: nil)])
        document.units = values.enumerated().map { n, value in
            TextUnit(id: "s\(n + 1)", kind: .sentence, section: "d1", paragraph: "p1", language: .en, start: n, end: n + 1, text: "x",
                     annotation: SentenceAnnotation(label: .claim, confidence: value, score: -value))
        }
        document.paragraphs = [Paragraph(id: "p1", section: "d1", language: .en, units: 0..<values.count)]
        let lines = String(decoding: try JSONLinesWriter().write(document), as: UTF8.self).split(separator: "\n").dropFirst()
        for (line, value) in zip(lines, values) {
            #expect(line.contains("\"confidence\":\(FixedDecimal.format(value)),"), "\(value)")
            #expect(line.contains("\"score\":\(FixedDecimal.format(-value)),"), "\(-value)")
        }
    }

    /// A review time is what TEI's @when takes as a date and time or a date (the written-out check says what the
    /// pattern says); one that is no time is refused on reading, with its line, where CSV and AIF had carried it on.
    @Test func aReviewTimeThatIsNoTimeIsRefused() throws {
        // A date alone too, as another tool's TEI @when may give it.
        let pattern = /\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?/
        for time in ["2026-12-03T08:00:00Z", "2026-12-03T08:00:00", "2026-12-03T08:00:00.5Z", "2026-12-03T08:00:00.123+08:00",
                     "2026-12-03T08:00:00-05:00", "yesterday", "", "2026-12-03", "2026-12-03Z", "2026-12-03+08:00", "2026-12-03.5", "2026-12", "2026-12-03 08:00:00Z", "2026-12-03T08:00:00.Z",
                     "2026-12-03T08:00:00+0800", "2026-12-03T08:00:00ZZ", "2026-12-03T08:00:00+08:00 ",
                     "12026-12-03T08:00:00Z", "2026-1-03T08:00:00Z"] {
            #expect(SentenceAnnotation.isReviewTime(time) == (time.wholeMatch(of: pattern) != nil), "\(time.debugDescription)")
        }
        // Where the pattern's \d took any digit, a full-width one is no xsd:dateTime for @when.
        #expect(!SentenceAnnotation.isReviewTime("２０２６-12-03T08:00:00Z"))
        let text = #"{"type":"document","id":"x"}"# + "\n" + #"{"type":"sentence","id":"s1","section":"d1","paragraph":"p1","lang":"en","start":0,"end":1,"text":"x","label":"claim","labeledBy":"human:a","reviewedAt":"yesterday"}"# + "\n"
        #expect { try JSONLinesReader().read(ReaderInput(bytes: Array(text.utf8), sourcePath: nil, documentID: "x")) } throws: { error in
            "\(error)".contains("line 2") && "\(error)".contains("reviewedAt \"yesterday\" is neither a date and time")
        }
    }

    /// A labeller's weight too large for four fixed decimals (1e15 typed in a pipeline file) is written as a JSON
    /// number and read back, where it had stopped the run on an integer overflow.
    @Test func aHugeWeightIsWrittenAndReadBack() throws {
        #expect(FixedDecimal.format(1e20) == "1e+20" && FixedDecimal.format(-1e16) == "-1e+16" && FixedDecimal.format(99_999_999) == "99999999")
        #expect(FixedDecimal.twoPlaces(1e20) == "1e+20" && FixedDecimal.threePlaces(1e16) == "1e+16" && FixedDecimal.twoPlaces(.infinity) == "inf")
        var document = Document(id: "w", sections: [Section(id: "d1", level: 1, heading: nil, parent: nil)])
        document.units = [TextUnit(id: "s1", kind: .sentence, section: "d1", paragraph: "p1", language: .en, start: 0, end: 1, text: "x",
                                   annotation: SentenceAnnotation(label: .claim, confidence: 0.5, labeledBy: .plugin("a")))]
        document.paragraphs = [Paragraph(id: "p1", section: "d1", language: .en, units: 0..<1)]
        document.plugins = [PluginRecord(id: "a", role: .label, weight: 1e20), PluginRecord(id: "b", role: .label, weight: 1e15)]
        let bytes = try JSONLinesWriter().write(document)
        let read = try JSONLinesReader().read(ReaderInput(bytes: bytes, sourcePath: nil, documentID: "w"))
        #expect(read.plugins.map(\.weight) == [1e20, 1e15])
    }

    @Test(arguments: [
        ("not json\n", 1, "not a valid ArgMark JSON object"),
        ("{\"type\":\"sentence\",\"id\":\"s1\"}\n", 1, "first line must be the"),
        ("{\"type\":\"document\",\"id\":\"x\"}\n{\"type\":\"widget\"}\n", 2, "unknown record type"),
        ("{\"type\":\"document\",\"id\":\"x\"}\n{\"type\":\"sentence\",\"id\":\"s1\",\"section\":\"d1\",\"paragraph\":\"p1\",\"lang\":\"zh\",\"start\":0,\"end\":2,\"text\":\"好。\",\"label\":\"opinion\"}\n", 2, "unknown label 'opinion'"),
        ("{\"type\":\"document\",\"id\":\"x\"}\n{\"type\":\"sentence\",\"id\":\"s1\",\"section\":\"d1\",\"paragraph\":\"p1\",\"lang\":\"zh\",\"start\":0,\"end\":2,\"text\":\"好。\",\"parent\":\"s9\",\"relation\":\"support\"}\n", 2, "parent s9 does not exist"),
        ("{\"type\":\"document\",\"id\":\"x\"}\n{\"type\":\"sentence\",\"id\":\"s1\",\"section\":\"d1\",\"paragraph\":\"p1\",\"lang\":\"zh\",\"start\":0,\"end\":2,\"text\":\"好。\",\"parent\":\"s1\",\"relation\":\"support\"}\n", 1, "cycle"),
        ("{\"type\":\"document\",\"id\":\"x\"}\n{\"type\":\"sentence\",\"id\":\"s1\",\"section\":\"d1\",\"paragraph\":\"p1\",\"lang\":\"zh\",\"start\":0,\"end\":2,\"text\":\"好。\",\"confidence\":\"high\"}\n", 2, "bad value for \"confidence\""),
        // An id with a control character is named escaped, and its line is found by it.
        ("{\"type\":\"document\",\"id\":\"x\"}\n{\"type\":\"sentence\",\"id\":\"s1\",\"section\":\"d1\",\"paragraph\":\"p1\",\"lang\":\"zh\",\"start\":0,\"end\":2,\"text\":\"好。\"}\n{\"type\":\"sentence\",\"id\":\"s2\\u0007\",\"section\":\"d1\",\"paragraph\":\"p1\",\"lang\":\"zh\",\"start\":2,\"end\":4,\"text\":\"好。\"}\n", 3, "hold a control character"),
        ("{\"type\":\"document\",\"id\":\"x\"}\n{\"type\":\"sentence\",\"id\":\"s1\",\"section\":\"d1\",\"paragraph\":\"p1\",\"lang\":\"zh\",\"start\":0,\"end\":2,\"text\":\"好。\",\"labelReasons\":[[\"a\",\"opinion\",0.5,\"\"]]}\n", 2, "unknown label 'opinion' in labelReasons"),
        ("{\"type\":\"document\",\"id\":\"x\"}\n{\"type\":\"sentence\",\"id\":\"s1\",\"section\":\"d1\",\"paragraph\":\"p1\",\"lang\":\"zh\",\"start\":0,\"end\":2,\"text\":\"好。\",\"labelReasons\":[[\"a\",\"claim\",7.5,\"\"]]}\n", 2, "scores are numbers in [0, 1]"),
    ])
    func malformedInputIsLocated(_ text: String, _ line: Int, _ fragment: String) {
        #expect {
            try JSONLinesReader().read(ReaderInput(bytes: Array(text.utf8), sourcePath: nil, documentID: "x"))
        } throws: { error in
            guard case DocumentReadError.malformed(let at, let message) = error else { return false }
            return (at == line || fragment == "cycle") && message.contains(fragment)
        }
    }
}
