import ArgMarkCore
import ArgMarkFormats
import ArgMarkPipeline
import ArgMarkText
import Foundation
import Testing

/// The guideline's label table: written for every unit in order, and read back as predictions over the gold.
struct LabelTableTests {
    @Test func exportMatchesGolden() throws {
        try assertGolden(try LabelTableWriter().write(try annotatedFixture()), "annotated.labels.tsv")
    }

    /// What the table holds comes back when it is laid over the document's units: labels, parents, relations and
    /// the thesis (argumentative, linked, without a parent).
    @Test func readsBackWhatItWrote() throws {
        var document = try annotatedFixture()
        document.units[1].annotation.linkedBy = .plugin("link.tree.v1")
        let rows = try LabelTable.rows(String(decoding: try LabelTableWriter().write(document), as: UTF8.self))
        #expect(rows.map(\.id) == document.units.map(\.id))
        #expect(rows[1].parent == LabelTable.root)
        let back = try LabelTable.apply(rows, to: document, by: .plugin("table"))
        #expect(back.units.map(\.annotation.label) == document.units.map { $0.kind == .sentence ? $0.annotation.label : nil })
        #expect(back.units.map(\.annotation.parent) == document.units.map(\.annotation.parent))
        #expect(back.units.map(\.annotation.relation) == document.units.map(\.annotation.relation))
        #expect(back.units[1].annotation.linkedBy == .plugin("table") && back.units[1].annotation.parent == nil)
        #expect(back.units.allSatisfy { $0.annotation.labeledBy == nil || $0.annotation.labeledBy == .plugin("table") })
        #expect(back.validate().isEmpty)
    }

    /// Windows line ends, stray spaces, short rows and `-` read as a person writes them; what cannot be a label
    /// table, or does not fit the gold, is an error naming the line or the unit.
    @Test func readsHandWrittenTablesAndRefusesBrokenOnes() throws {
        let rows = try LabelTable.rows("ID\tLabel\tparent\trelation\r\ns1\t-\r\ns2 \tclaim\tROOT\t-\r\n\r\ns3\tevidence\ts2\tsupport\r\n")
        #expect(rows == [
            .init(id: "s1", label: nil, parent: nil, relation: nil), .init(id: "s2", label: .claim, parent: "ROOT", relation: nil),
            .init(id: "s3", label: .evidence, parent: "s2", relation: .support),
        ])
        func refusal(_ text: String) -> String {
            do { _ = try LabelTable.rows(text); return "" } catch { return error.description }
        }
        #expect(refusal("").contains("the file is empty"))
        #expect(refusal("sentence\tlabel\n").contains("line 1: a label table's header names its columns id, label, parent and relation"))
        #expect(refusal("id\tlabel\ns1\tClaim\n").contains("line 2: unknown label 'Claim'"))
        #expect(refusal("id\tlabel\tparent\trelation\ns2\tclaim\ts1\tsupports\n").contains("line 2: unknown relation 'supports'"))
        #expect(refusal("id\tlabel\n\tclaim\n").contains("line 2: the row has no id"))
        let document = try annotatedFixture()
        func misfit(_ rows: [LabelTable.Row]) -> String {
            do { _ = try LabelTable.apply(rows, to: document, by: .plugin("table")); return "" } catch { return error.description }
        }
        #expect(misfit([.init(id: "s99", label: .claim, parent: nil, relation: nil)]).contains("name the unit s99, which the gold does not have"))
        #expect(misfit([.init(id: "s2", label: .claim, parent: nil, relation: nil), .init(id: "s2", label: .claim, parent: nil, relation: nil)]).contains("two rows"))
        #expect(misfit([.init(id: "s3", label: .evidence, parent: "s42", relation: .support)]).contains("names the parent s42"))
    }

    @Test func anIDThatCannotBeACellIsRefused() throws {
        var document = try annotatedFixture()
        document.units[2].id = "s\t3"
        #expect(throws: DocumentWriteError.self) { try LabelTableWriter().write(document) }
    }
}

/// A sentence table numbered 1, 2, … reads as s1, s2, … (TEI's xml:ids cannot start with a digit); its label table
/// gives the numbers back, parents included, and reads back onto the units.
@Test func aNumberedSentenceTableGetsItsOwnIDsBack() throws {
    let table = "id\tpara\tkind\ttext\n0\tp0\tHEAD\tTitle\n1\tp1\tS\tWe should act now.\n2\tp1\tS\tIn 2020, 40% of firms failed.\n"
    var document = try SentenceTableReader().read(ReaderInput(bytes: Array(table.utf8), sourcePath: "t_sentences.tsv", documentID: "t"))
    #expect(document.units.map(\.id) == ["s0", "s1", "s2"])
    document.units[1].annotation = SentenceAnnotation(label: .prescription, labeledBy: .plugin("test"))
    document.units[2].annotation = SentenceAnnotation(
        label: .evidence, labeledBy: .plugin("test"), parent: "s1", relation: .support, linkedBy: .plugin("test"))
    let written = String(decoding: try LabelTableWriter().write(document), as: UTF8.self)
    #expect(written == "id\tlabel\tparent\trelation\n0\t-\t-\t-\n1\tprescription\tROOT\t-\n2\tevidence\t1\tsupport\n")
    let applied = try LabelTable.apply(try LabelTable.rows(written), to: document, by: .plugin("table"))
    #expect(applied.units[2].annotation.parent == "s1" && applied.units[1].annotation.label == .prescription)
    // The CSV gives them back too, as ids and as parents, so that its rows join the corpus's.
    let csv = String(decoding: try SentenceCSVWriter().write(document), as: UTF8.self).split(separator: "\r\n")
    #expect(csv[1].hasPrefix("t,1,") && csv[2].hasPrefix("t,2,") && csv[2].contains(",evidence,,test,1,support,"))
    #expect(document.unitID(forTableID: "2") == "s2" && document.unitID(forTableID: "x2") == "x2")
    // A table whose ids were words keeps them, even one that looks like a number after its s.
    let named = try SentenceTableReader().read(ReaderInput(
        bytes: Array("id\ttext\ns1\tWe should act now.\n".utf8), sourcePath: "u_sentences.tsv", documentID: "u"))
    #expect(named.metadata.fields.isEmpty)
    #expect(String(decoding: try LabelTableWriter().write(named), as: UTF8.self).hasSuffix("s1\t-\t-\t-\n"))
}

/// ../shared/data beside the package, when this checkout has it.
private let sharedData: URL? = {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/data")
    return FileManager.default.fileExists(atPath: url.path) ? url : nil
}()

/// Every sentence table of the shared corpora reads under its own ids, and its label table lines up with the
/// corpus's gold row for row: what an evaluation harness written to the guideline needs.
@Suite(.enabled(if: sharedData != nil, "../shared/data is absent: skipping the shared sentence tables"))
struct SharedSentenceTableTests {
    @Test func labelTablesLineUpWithTheGold() throws {
        let fm = FileManager.default
        let tables = (fm.enumerator(atPath: sharedData!.path)?.allObjects as? [String] ?? []).filter { $0.hasSuffix("_sentences.tsv") }.sorted()
        #expect(tables.count >= 20)
        for relative in tables {
            let url = sharedData!.appendingPathComponent(relative)
            let document = try SentenceTableReader().read(ReaderInput(bytes: Array(try Data(contentsOf: url)), sourcePath: relative, documentID: "x"))
            let written = String(decoding: try LabelTableWriter().write(document), as: UTF8.self)
            let gold = try String(contentsOf: URL(fileURLWithPath: url.path.replacingOccurrences(of: "_sentences.tsv", with: "_gold.tsv")), encoding: .utf8)
            func ids(_ table: String) -> [Substring] { table.split(separator: "\n").map { $0.prefix { $0 != "\t" } } }
            #expect(ids(written) == ids(gold), "\(relative)")
        }
    }
}
