import ArgMarkCore
import ArgMarkOffice
import ArgMarkPipeline
import ArgMarkPlugins
import Foundation
import Testing

/// OpenDocument texts read as their text: headings at their outline level, list items as items, notes set
/// inline as notes, tables of figures left out.
struct ODTReaderTests {
    @Test func aReportReadsAsItsText() throws {
        let url = try #require(Bundle.module.url(forResource: "Fixtures/report.odt", withExtension: nil))
        let bytes = Array(try Data(contentsOf: url))
        #expect(try PluginRegistry.standard.reader(format: "auto", path: "report.odt", bytes: bytes).formatName == "odt")
        #expect(try PluginRegistry.standard.reader(format: "auto", path: "download", bytes: bytes).formatName == "odt")
        let document = try ODTReader().read(ReaderInput(bytes: bytes, sourcePath: "report.odt", documentID: "report"))
        #expect(document.units.map { "\($0.kind) \($0.text)" } == [
            "heading 数字贸易规则研究",
            "sentence 近年来，全球数字贸易快速发展[1]。",
            "sentence 各国应当加强协调。",
            "heading 一、主要分歧",
            "sentence - 美欧之间的数据流动安排几经反复。",
            "sentence - 区域协定中的规则 差异较大。",
            "sentence Trade rules differ.",
            "sentence They should converge.",
        ])
        #expect(document.sections.map(\.level) == [1, 2])
        #expect(document.notes.map(\.text) == ["参见联合国贸发会议：《2023年数字经济报告》。"])
        #expect(document.units[1].noteRefs == [document.notes[0].id])
        #expect { try ODTReader().read(ReaderInput(bytes: Array(bytes.prefix(60)), sourcePath: nil, documentID: "x")) } throws: { error in
            guard case DocumentReadError.malformed(_, let message) = error else { return false }
            return message.hasPrefix("not a readable .odt")
        }
    }

    /// A span's or link's own spaces are the text's (that <span>fiscal rules </span>should), a note's tab and
    /// text:s are spaces, a list item is an item (not a short line read as a heading), outline level 7 a heading.
    @Test func spansListsAndDeepHeadings() throws {
        let url = try #require(Bundle.module.url(forResource: "Fixtures/spans.odt", withExtension: nil))
        let document = try ODTReader().read(ReaderInput(bytes: Array(try Data(contentsOf: url)), sourcePath: "spans.odt", documentID: "spans"))
        #expect(document.units.map { "\($0.kind) \($0.text)" } == [
            "heading 1. Introduction",
            "sentence We argue that fiscal rules should be flexible in downturns.[1]",
            "sentence The IMF database shows debt rose by 10 percent.",
            "sentence The committee considered three options:",
            "sentence - A carbon tax",
            "sentence - Regulatory standards",
            "heading Detailed cost tables",
            "sentence Costs rose.",
        ])
        #expect(document.notes.map(\.text) == ["Blanchard 2019, p. 12."])
    }

    /// A text box anchored in a paragraph follows it as paragraphs of its own; one anchored to the page is read
    /// where it stands.
    @Test func textBoxesAreRead() throws {
        let url = try #require(Bundle.module.url(forResource: "Fixtures/text-boxes.odt", withExtension: nil))
        let document = try ODTReader().read(ReaderInput(bytes: Array(try Data(contentsOf: url)), sourcePath: "text-boxes.odt", documentID: "boxes"))
        #expect(document.units.filter { $0.kind == .sentence }.map(\.text) == [
            "Fiscal rules can be flexible without losing credibility.",
            "In 2001 Chile adopted a rule that targets a structural surplus of one percent of GDP.",
            "The rule survived two recessions.[1]",
            "A page-anchored box says rules need escape clauses.",
        ])
        #expect(document.units.filter { $0.text.contains("Box 1.") }.count == 1)
        // A note's own text box is left out of the body, as the Word reader leaves it.
        #expect(!document.units.contains { $0.text.contains("Chart note") } && document.notes.map(\.text) == ["See the chart."])
    }
}
