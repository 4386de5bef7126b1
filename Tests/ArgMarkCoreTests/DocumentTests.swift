import Testing

@testable import ArgMarkCore

struct DocumentTests {
    func built() -> Document {
        var builder = DocumentBuilder(id: "t", sourcePath: nil)
        builder.addParagraph([.init(start: 0, end: 3, text: "前言。", language: .zh)], language: .zh)
        builder.addHeading(.init(start: 4, end: 8, text: "一、标题", language: .zh), level: 1)
        builder.addHeading(.init(start: 9, end: 15, text: "（一）小标题", language: .zh), level: 2)
        builder.addParagraph([.init(start: 16, end: 19, text: "甲。", language: .zh), .init(start: 19, end: 22, text: "乙。", language: .zh)], language: .zh)
        builder.addNote(marker: "1", text: "注。", start: nil, end: nil)
        return builder.document
    }

    @Test func builderAssignsSequentialIds() {
        let doc = built()
        #expect(doc.units.map(\.id) == ["s1", "s2", "s3", "s4", "s5"])
        #expect(doc.paragraphs.map(\.id) == ["p1", "p2", "p3", "p4"])
        #expect(doc.sections.map(\.id) == ["d1", "d2", "d3"])
        #expect(doc.sections.map(\.heading) == [nil, "s2", "s3"])
        #expect(doc.sections[2].parent == "d2")
        #expect(doc.notes.map(\.id) == ["n1"])
        #expect(doc.index(ofUnit: "s4") == 3)
        #expect(doc.validate().isEmpty)
    }

    @Test func validationFindsBrokenTrees() {
        var doc = built()
        doc.units[3].annotation = SentenceAnnotation(label: .claim, parent: "s5", relation: .support)
        doc.units[4].annotation = SentenceAnnotation(label: .claim, parent: "s4", relation: .support)
        #expect(doc.validate().contains { $0.description == "s4: parent links form a cycle: s4 → s5 → s4; to break it, set s4's parent and relation to null, and it is linked again where it fits" })
        // A cycle a person's link closes is named from the machine's link, the one to mend, whichever unit the walk
        // meets first; the person's is said.
        doc.units[3].annotation.linkedBy = .human("li")
        doc.units[4].annotation.linkedBy = .plugin("link.learned.v1")
        #expect(doc.validate().contains { $0.description == "s5: parent links form a cycle: s5 → s4 → s5 (the link a person set: s4's by human:li); to break it, set s5's parent and relation to null, and it is linked again where it fits" })
        doc.units[4].annotation = SentenceAnnotation(label: .claim, parent: "s2", relation: .support)
        #expect(doc.validate().contains { $0.message == "parent s2 is a heading" })
        doc.units[4].annotation = SentenceAnnotation(label: .claim, confidence: 1.5, parent: "s9")
        let messages = doc.validate().map(\.message)
        #expect(messages.contains("parent s9 does not exist"))
        #expect(messages.contains("confidence 1.5 is outside 0…1"))
        #expect(messages.contains("parent and relation must be set together"))
        doc.units[1].annotation.label = .claim
        #expect(doc.validate().contains { $0.subject == "s2" && $0.message.contains("heading carries") })
    }

    /// Ids are names written into terminals and tables: a control character (an escape sequence that would act on the
    /// terminal, a line break) is refused, in a unit's id and in the document's; a space in a document id, which comes
    /// from a file's name (my report.txt), is not.
    @Test func idsHoldNoControlCharacter() {
        var doc = built()
        doc.id = "my report"
        #expect(doc.validate().isEmpty)
        doc.units[2].id = "s3\u{1B}[31m"
        doc.id = "doc\nnext"
        let messages = doc.validate()
        #expect(messages.contains { $0.message.contains("an id must not be empty or hold a control character") })
        #expect(messages.contains { $0.subject.isEmpty && $0.message.contains("the document id") })
    }

    @Test func byteSearchFindsARunAnywhere() {
        let bytes = Array("{\"labeledBy\":\"human:alice\"}".utf8)
        #expect(ByteSearch.contains(bytes, Array("human:".utf8)))
        #expect(ByteSearch.firstIndex(bytes, Array("alice\"}".utf8), from: 1) != nil)
        #expect(!ByteSearch.contains(bytes, Array("humane".utf8)))
        #expect(!ByteSearch.contains(Array("hu".utf8), Array("human".utf8)))
    }

    /// A data file's lines, cut at line-end bytes, are its lines by characters (\n, \r\n and \r each end one, a
    /// first byte-order mark is dropped), on every mix of line ends, combining marks and wide characters.
    @Test func dataFileLinesAreTheLinesByCharacters() {
        func byCharacters(_ text: Substring) -> [Substring] {
            var lines = text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }.map { Substring($0) }
            if let first = lines.first, first.first == "\u{FEFF}" { lines[0] = first.dropFirst() }
            return lines
        }
        let pieces = ["a", "中", "\n", "\r", "\r\n", "\u{301}", "\u{FEFF}", "\t", "𠮷", "é"]
        var generator = SplitMix64(seed: 11)
        var texts = ["", "\n", "\r\n", "a\r\n\r\nb", "\u{FEFF}x\r\ny\n", "\n\u{301}x", "x\r"]
        for _ in 0..<300 {
            let length = Int(generator.next() % 13)
            texts.append((0..<length).map { _ in pieces[Int(generator.next() % UInt64(pieces.count))] }.joined())
        }
        for text in texts {
            #expect(text.dataFileLines == byCharacters(Substring(text)), "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
            // A substring's lines are cut as a string's.
            let inner = Substring(text).dropFirst(min(1, text.count))
            #expect(inner.dataFileLines == byCharacters(inner))
        }
        #expect("a\r\nb\rc\nd".dataFileLines == ["a", "b", "c", "d"])
    }

    @Test func annotatorWireForm() {
        #expect(Annotator("human:ana") == .human("ana"))
        #expect(Annotator("label.cue.zh.v1") == .plugin("label.cue.zh.v1"))
        #expect(Annotator.human("ana").description == "human:ana")
        #expect(SentenceAnnotation(labeledBy: .human("x")).isHumanLabel)
    }

    @Test func utf16Offsets() {
        let converter = TextOffsetConverter(text: "a𠮷b😀c")
        #expect((0...5).map(converter.utf16Offset(ofScalarOffset:)) == [0, 1, 3, 4, 6, 7])
    }

    @Test func languagesByFrequency() {
        var doc = built()
        doc.units[4].language = .en
        #expect(doc.languages == [.zh, .en])
        #expect(doc.language == .zh)
    }
}

/// A model's weights fingerprint, as tools/fit_calibration.py computes it (the calibration names the model it was
/// fitted with by it): these values are Python's.
@Test(arguments: [(0, "fnv1a64w:af63bd4c8601b7df"), (8, "fnv1a64w:1f69810766b63955"), (21, "fnv1a64w:147a89beff1af35e")])
func weightsFingerprintMatchesTheCalibrationTool(length: Int, digest: String) {
    #expect(FNV1a.wordDigest((0..<length).map { UInt8($0) }) == digest)
}
