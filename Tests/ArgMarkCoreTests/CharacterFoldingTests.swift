import ArgMarkCore
import Testing

@testable import ArgMarkPipeline

struct CharacterFoldingTests {
    let folding = CharacterFolding(table: ["應": "应", "當": "当", "國": "国", "們": "们", "臺": "台", "灣": "湾"])

    func document(_ texts: [String]) -> Document {
        var doc = Document(id: "d", sections: [Section(id: "d1", level: 1, heading: nil, parent: nil)])
        var offset = 0
        doc.units = texts.enumerated().map { n, text in
            defer { offset += text.unicodeScalars.count + 1 }
            return TextUnit(id: "s\(n + 1)", kind: .sentence, section: "d1", paragraph: "p1", language: .zh, start: offset,
                            end: offset + text.unicodeScalars.count, text: text)
        }
        doc.paragraphs = [Paragraph(id: "p1", section: "d1", language: .zh, units: 0..<texts.count)]
        return doc
    }

    /// Prescription for a sentence with 应当 in it, claim otherwise: a cue lexicon written in simplified characters.
    struct SimplifiedCueLabeler: Labeler {
        var descriptor: PluginDescriptor { PluginDescriptor(id: "cue", kind: .labeler, summary: "", labels: [.prescription, .claim]) }
        func propose(for document: Document) -> [LabelProposal] {
            document.units.indices.map { i in
                let calls = document.units[i].text.contains("应当")
                return LabelProposal(unitIndex: i, scores: [calls ? .prescription : .claim: 1], evidence: calls ? "应当" : "", pluginID: "cue")
            }
        }
    }

    @Test func aTableIsReadLineByLineAndItsMistakesAreNamed() throws {
        let table = try CharacterFolding(tsv: "# traditional\tsimplified\n應\t应\n\n當\t当\n")
        #expect(table.table == ["應": "应", "當": "当"])
        #expect(throws: FoldingTableError.self) { try CharacterFolding(tsv: "應當\t应当\n") }
        #expect(throws: FoldingTableError.self) { try CharacterFolding(tsv: "應\t应\n應\t応\n") }
        do {
            _ = try CharacterFolding(tsv: "應\t应\n國\n")
            Issue.record("a line without a tab was read")
        } catch {
            #expect(error.line == 2)
        }
    }

    @Test func onlyADocumentThatReadsAsTraditionalIsFolded() {
        #expect(folding.folded("我們應當") == "我们应当")
        // Twelve of its 32 Han characters are table keys.
        let traditional = document(["我們應當加強合作。", "國際社會應當團結。", "我們認為這是重點。", "應當如此，我們應當。"])
        #expect(folding.readsAsTraditional(traditional))
        #expect(!folding.readsAsTraditional(document(["我們應當加強合作。"])))
        // A simplified text that quotes a Traditional name is read as written.
        let simplified = document(["我们应当加强合作，臺灣学者也这样认为。"] + Array(repeating: "国际社会应当团结一致，共同应对挑战。", count: 20))
        #expect(!folding.readsAsTraditional(simplified))
    }

    @Test func theStagesReadTheFoldedTextAndTheOutputKeepsTheWrittenOne() throws {
        let traditional = document(["我們應當加強合作。", "國際社會應當團結。", "我們認為這是重點。", "應當如此，我們應當。"])
        let pipeline = Pipeline(labelers: [SimplifiedCueLabeler()], characterFolding: folding)
        let labelled = try pipeline.run(traditional)
        #expect(labelled.units.map(\.annotation.label) == [.prescription, .prescription, .claim, .prescription])
        #expect(labelled.units.map(\.text) == traditional.units.map(\.text))
        #expect(labelled.units.map(\.start) == traditional.units.map(\.start))
        // Without the folding the simplified cue never fires.
        let unfolded = try Pipeline(labelers: [SimplifiedCueLabeler()]).run(traditional)
        #expect(unfolded.units.allSatisfy { $0.annotation.label == .claim })
    }

    /// A Traditional paragraph in a simplified document (a quoted passage, a Taiwanese abstract) is folded on its
    /// own; a simplified paragraph that quotes 臺灣 is not.
    @Test func aTraditionalParagraphInASimplifiedDocumentIsFolded() throws {
        var mixed = document(Array(repeating: "国际社会应当团结一致，共同应对挑战。", count: 12) + ["我們應當加強合作。", "我们认为臺灣学者的看法值得重视。"])
        mixed.units[13].paragraph = "p3"
        mixed.paragraphs = [
            Paragraph(id: "p1", section: "d1", language: .zh, units: 0..<12), Paragraph(id: "p2", section: "d1", language: .zh, units: 12..<13),
            Paragraph(id: "p3", section: "d1", language: .zh, units: 13..<14),
        ]
        for i in 12..<14 { mixed.units[i].paragraph = mixed.paragraphs[i - 11].id }
        #expect(!folding.readsAsTraditional(mixed))
        #expect(folding.unitsToFold(mixed) == [12])
        let labelled = try Pipeline(labelers: [SimplifiedCueLabeler()], characterFolding: folding).run(mixed)
        #expect(labelled.units[12].annotation.label == .prescription && labelled.units[12].text == "我們應當加強合作。")
        #expect(labelled.units[13].text == "我们认为臺灣学者的看法值得重视。")
    }

    /// Prescription for a sentence with "we find" or "for example" in it — what a PDF's ligatures and justified
    /// spacing hide — claim otherwise.
    struct EnglishCueLabeler: Labeler {
        var descriptor: PluginDescriptor { PluginDescriptor(id: "cue.en", kind: .labeler, summary: "", labels: [.evidence, .claim]) }
        func propose(for document: Document) -> [LabelProposal] {
            document.units.indices.map { i in
                let text = document.units[i].text.lowercased()
                let found = text.contains("we find") || text.contains("for example,") || text.contains("significant")
                return LabelProposal(unitIndex: i, scores: [found ? .evidence : .claim: 1], evidence: "", pluginID: "cue.en")
            }
        }
    }

    /// Ligatures, soft hyphens and the runs of spaces a justified PDF leaves are undone for the stages; the text
    /// written out is the source's own.
    @Test func aPDFsTypesettingIsUndoneForTheStages() throws {
        #expect(TypesettingFolding.folded("We \u{FB01}nd a signi\u{FB01}cant e\u{FB00}ect.") == "We find a significant effect.")
        #expect(TypesettingFolding.folded("For   example,\u{A0} in\t2021 re\u{AD}form") == "For example, in 2021 reform")
        let typeset = document(["We \u{FB01}nd that poverty fell.", "For   example,  Denver spent more.", "Cities should act.", "Plain text here."])
        #expect(TypesettingFolding.unitsToFold(typeset) == [0, 1])
        let labelled = try Pipeline(labelers: [EnglishCueLabeler()]).run(typeset)
        #expect(labelled.units.map(\.annotation.label) == [.evidence, .evidence, .claim, .claim])
        #expect(labelled.units.map(\.text) == typeset.units.map(\.text))
    }
}
