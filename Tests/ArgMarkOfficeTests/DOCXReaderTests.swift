import ArgMarkCore
import ArgMarkOffice
import ArgMarkPipeline
import ArgMarkPlugins
import Foundation
import Testing

/// Word documents read as their text: headings by style or outline level, tracked changes as accepted, notes as
/// notes, tables of figures left out.
struct DOCXReaderTests {
    func fixture(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: try #require(Bundle.module.url(forResource: "Fixtures/\(name)", withExtension: nil))))
    }

    func read(_ bytes: [UInt8]) throws -> Document {
        try DOCXReader().read(ReaderInput(bytes: bytes, sourcePath: "brief.docx", documentID: "brief"))
    }

    func texts(_ document: Document) -> [String] { document.units.map { "\($0.kind) \($0.text)" } }

    @Test func aBriefReadsAsItsText() throws {
        let document = try read(try fixture("brief.docx"))
        #expect(texts(document) == [
            "heading Who Pays for the Grid?",
            "heading 1. Introduction",
            "sentence Large new loads are connecting to the grid.[1]",
            "sentence Utilities must plan for them.",
            "sentence Regulators should require large-load tariffs.[2]",
            "heading Options for Congress",
            "sentence Congress could set interconnection deadlines.",
            "sentence It could also fund studies.",
            "heading 二、中国的做法",
            "sentence 各地区应当加强协调。",
        ])
        #expect(document.sections.map(\.level) == [1, 1, 2, 2])
        // Its first paragraph is in Word's Title style: the document's title, and still its first heading.
        #expect(document.metadata.titles == ["en": "Who Pays for the Grid?"])
        #expect(document.notes.map(\.text) == ["U.S. Energy Information Administration, 2024.", "See the commission's order of 2025."])
        #expect(document.units[2].noteRefs == [document.notes[0].id] && document.units[4].noteRefs == [document.notes[1].id])
    }

    /// The document properties Word and LibreOffice keep (title, description, keywords) are the document's metadata;
    /// the file's creator (an account, here Administrator) is no author. The text is read as before.
    @Test func documentPropertiesAreMetadata() throws {
        let document = try read(try fixture("properties.docx"))
        #expect(texts(document) == texts(try read(try fixture("brief.docx"))))
        #expect(document.metadata.titles == ["en": "Who Pays for the Grid? Large Loads and Tariffs"])
        #expect(document.metadata.abstracts == ["en": "Options for Congress on large new loads."])
        #expect(document.metadata.keywords == ["en": ["grid", "tariffs", "large loads"]] && document.metadata.authors.isEmpty)
        // A title property that is no form of the Title paragraph's (a template's Document1) gives way to it.
        #expect(try read(try fixture("stale-title-property.docx")).metadata.titles == ["en": "Who Pays for the Grid?"])
        #expect(try read(try fixture("stale-title-property-zh.docx")).metadata.titles == ["zh": "谁为电网买单？"])
        let odt = try ODTReader().read(ReaderInput(bytes: try fixture("properties.odt"), sourcePath: "p.odt", documentID: "p"))
        #expect(odt.metadata.titles == ["zh": "数字贸易规则"] && odt.metadata.keywords == ["zh": ["数字贸易", "规则"]])
    }

    /// The document as Word shows it with its changes accepted: a moved sentence once, a paragraph whose mark was
    /// deleted run on into the next, hidden text left out; list paragraphs as list items (not headings), a nested
    /// table's cells once, a heading below level 6 still a heading, no space where a line break parts Chinese.
    @Test func changesListsTablesAndHiddenText() throws {
        let document = try read(try fixture("revisions.docx"))
        #expect(texts(document) == [
            "heading Background",
            "sentence Importers paid most of the duty.",
            "sentence Tariffs were cut in 2015.",
            "sentence The reform of the customs code should therefore be completed this year.",
            "sentence Housing costs rose 12 percent last year.",
            "sentence The committee considered three options:",
            "sentence - A carbon tax",
            "sentence - Regulatory standards",
            "sentence Outer cell: this box summarises the main practices of the regions in building digital government.",
            "sentence Inner cell: local governments should set up permanent coordination bodies, as the pilots in three provinces have shown.",
            "sentence Inner right cell.",
            "sentence Outer right cell.",
            "heading Detailed cost tables",
            "sentence 近年来，数字政府建设取得了显著成效。",
        ])
        #expect(document.sections.last?.level == 6)
    }

    /// Strict Open XML reads as the transitional kind does, notes and heading styles included; a main part that
    /// only the package's relationships name (word/document2.xml), and member names with backslashes, read too.
    @Test func strictAndOtherPackagings() throws {
        let strict = try read(try fixture("strict.docx"))
        #expect(texts(strict).first == "heading Introduction")
        #expect(strict.notes.count == 2 && strict.units[1].noteRefs == [strict.notes[0].id])
        for name in ["document2.docx", "backslash.docx"] {
            let bytes = try fixture(name)
            #expect(try PluginRegistry.standard.reader(format: "auto", path: name, bytes: bytes).formatName == "docx")
            #expect(texts(try read(bytes)) == ["sentence We argue that carbon pricing must be paired with targeted transfers."], "\(name)")
        }
    }

    /// Section titles numbered with Word's list numbering in a body style are headings, not list items (only a
    /// bulleted list or a list paragraph style makes items).
    @Test func numberedSectionTitlesAreHeadings() throws {
        let document = try read(try fixture("numbered-headings.docx"))
        #expect(document.units.filter { $0.kind == .heading }.map(\.text) == ["Fiscal rules in downturns", "Introduction", "Evidence"])
        #expect(!document.units.contains { $0.text.hasPrefix("- ") })
    }

    /// A list numbered in the body style (items one after another), bullets at any level and a list style make list
    /// items; a last paragraph whose mark was deleted is kept.
    @Test func numberedAndBulletedListsAndALastDeletedMark() throws {
        let numbered = try read(try fixture("numbered-list.docx"))
        #expect(numbered.units.filter { $0.text.hasPrefix("- ") }.map(\.text) == ["- Raise the carbon price", "- Expand public transit in cities", "- Fund retraining for displaced workers"])
        let bulleted = try read(try fixture("bulleted-lists.docx"))
        #expect(bulleted.units.filter { $0.kind == .heading }.map(\.text) == ["Fiscal rules in downturns"])
        #expect(bulleted.units.filter { $0.text.hasPrefix("- ") }.count == 5)
        let deleted = try read(try fixture("deleted-last-mark.docx"))
        #expect(deleted.units.map(\.text).last == "The last paragraph says rules reduce deficits.")
    }

    /// A text box's paragraphs follow the paragraph it is anchored in, each once (Word writes a box twice, as a
    /// drawing and as its VML fallback), and a legacy VML box alone reads too.
    @Test func textBoxesFollowTheirParagraph() throws {
        let document = try read(try fixture("text-boxes.docx"))
        #expect(document.units.filter { $0.kind == .sentence }.map(\.text) == [
            "Fiscal rules can be flexible without losing credibility.",
            "In 2001 Chile adopted a rule that targets a structural surplus of one percent of GDP.",
            "The rule survived two recessions.",
            "中国在2015年设立了第一批自由贸易试验区。",
            "Rules need escape clauses.",
        ])
        #expect(document.units.filter { $0.text.contains("Box 1.") }.count == 1)
    }

    /// A footnote referenced with a custom mark (the * of a title's funding note) is a note like any other: the
    /// marker stands for the mark, in the text and at the head of the note.
    @Test func aCustomNoteMarkIsTheMarker() throws {
        let document = try read(try fixture("custom-mark.docx"))
        #expect(document.units.first?.text == "数字治理的制度逻辑[1]")
        #expect(document.notes.map(\.text) == ["本文系国家社会科学基金项目（23BZZ001）的阶段性成果。", "参见王某：《数字治理》，北京大学出版社2020年版。"])
        #expect(!document.units.contains { $0.text.contains("*") })
        // A mark set as a symbol (w:sym) is the mark; the next run's text is the paragraph's.
        let symbol = try read(try fixture("symbol-mark.docx"))
        #expect(symbol.units.contains { $0.text == "张三[1]，李四（北京大学政府管理学院）" }, "\(symbol.units.map(\.text))")
    }

    /// A stored (uncompressed) archive without styles or notes reads too, its headings by their form.
    @Test func aStoredArchiveWithoutStyles() throws {
        let document = try read(try fixture("stored.docx"))
        #expect(document.units.contains { $0.text == "Regulators should require large-load tariffs." })
    }

    /// `annotate` picks the reader by extension or by the content; what is no .docx is an error that says what.
    @Test func theRegistryPicksItAndBrokenArchivesAreNamed() throws {
        let bytes = try fixture("brief.docx")
        #expect(try PluginRegistry.standard.reader(format: "auto", path: "brief.docx", bytes: bytes).formatName == "docx")
        #expect(try PluginRegistry.standard.reader(format: "auto", path: "download", bytes: bytes).formatName == "docx")
        #expect { try read(Array(bytes.prefix(bytes.count / 2))) } throws: { error in
            guard case DocumentReadError.malformed(_, let message) = error else { return false }
            return message.hasPrefix("not a readable .docx")
        }
        #expect { try read(Array("PK\u{03}\u{04} this is not really a ZIP archive at all".utf8)) } throws: { error in
            guard case DocumentReadError.malformed(_, let message) = error else { return false }
            return message.contains("no ZIP central directory")
        }
        #expect(throws: DocumentReadError.empty) { try read([]) }
    }
}
