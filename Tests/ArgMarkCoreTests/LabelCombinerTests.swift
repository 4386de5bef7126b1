import ArgMarkCore
import Testing

@testable import ArgMarkPipeline

struct LabelCombinerTests {
    func doc() -> Document {
        var doc = Document(id: "d", sections: [Section(id: "d1", level: 1, heading: nil, parent: nil)])
        doc.units = (1...2).map {
            TextUnit(id: "s\($0)", kind: .sentence, section: "d1", paragraph: "p1", language: .zh, start: $0, end: $0 + 1, text: "x")
        }
        doc.paragraphs = [Paragraph(id: "p1", section: "d1", language: .zh, units: 0..<2)]
        return doc
    }

    @Test func highestWeightedSumWinsAndHumansAreKept() {
        var d = doc()
        d.units[1].annotation = SentenceAnnotation(label: .background, labeledBy: .human("ana"))
        let proposals = [
            LabelProposal(unitIndex: 0, scores: [.claim: 0.6], evidence: "因此", pluginID: "a"),
            LabelProposal(unitIndex: 0, scores: [.prescription: 0.9], evidence: "应当", pluginID: "b"),
            LabelProposal(unitIndex: 1, scores: [.claim: 1], evidence: "", pluginID: "a"),
        ]
        let out = LabelCombiner().combine(proposals, into: d)
        #expect(out.units[0].annotation.label == .prescription)
        #expect(out.units[0].annotation.labeledBy == .plugin("b"))
        #expect(abs(out.units[0].annotation.confidence! - 0.9 / 2) < 1e-12)
        #expect(out.units[1].annotation == d.units[1].annotation)
        let weighted = LabelCombiner(weights: ["a": 2]).combine(proposals, into: d)
        #expect(weighted.units[0].annotation.label == .claim)
    }

    @Test func pipelineWithoutStagesChangesNothing() throws {
        #expect(try Pipeline().run(doc()) == doc())
        #expect(Pipeline().unmetRequirements().isEmpty)
    }
}
