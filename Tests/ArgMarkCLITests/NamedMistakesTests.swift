import Foundation
import Testing

/// Mistakes a user makes across commands, named instead of passed over, and files that go through review unchanged.
extension CommandLineTests {
    static let smallText = "一、引言\n本文认为，数据治理需要国际合作。据统计，2023年全球数据流量增长了25%。因此，各国应当加强对话。\n"

    /// An annotated copy of `smallText` in a fresh directory: (directory, path of the JSONL).
    func annotatedSmallText() throws -> (String, String) {
        let dir = try temporaryDirectory()
        try Self.smallText.write(toFile: dir + "/a.zh.txt", atomically: true, encoding: .utf8)
        #expect(try argmark(["annotate", dir + "/a.zh.txt", "--out", dir]).status == 0)
        return (dir, dir + "/a.zh.jsonl")
    }

    /// Opening a file and writing it with no edit, or with edits undone, leaves it byte for byte as it was: the
    /// confidences a run holds are the four decimals the file keeps, so the support scores come out the same.
    @Test func writingWithoutEditsChangesNothing() throws {
        let (dir, jsonl) = try annotatedSmallText()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let before = try Data(contentsOf: URL(fileURLWithPath: jsonl))
        #expect(try argmark(["review", jsonl, "--annotator", "ana"], stdin: "w\nq\n").status == 0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: jsonl)) == before)
        #expect(try argmark(["review", jsonl, "--annotator", "ana"], stdin: "l s3 b\nu\nw\nq\n").status == 0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: jsonl)) == before)
        #expect(try argmark(["export", jsonl, "--out", dir + "/a.zh.tei.xml"]).status == 0)
        let tei = try Data(contentsOf: URL(fileURLWithPath: dir + "/a.zh.tei.xml"))
        #expect(try argmark(["review", dir + "/a.zh.tei.xml", "--annotator", "ana"], stdin: "w\nq\n").status == 0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: dir + "/a.zh.tei.xml")) == tei)
        // Subsections after a subsection stay in their section (1.2 came out of 1. on a rewrite).
        let nested = "Title of paper\n\n1. Introduction\n\nWe argue that trees cool cities. Data show heat deaths rose in 2023.\n\n"
            + "1.1 First part\n\nFor example, Paris planted trees.\n\n1.2 Second part\n\nTherefore cities should plant trees.\n\n"
            + "2. Conclusion\n\nWe conclude that trees matter.\n"
        try nested.write(toFile: dir + "/n.en.txt", atomically: true, encoding: .utf8)
        #expect(try argmark(["annotate", dir + "/n.en.txt", "--to", "tei", "--out", dir]).status == 0)
        let nestedTEI = try Data(contentsOf: URL(fileURLWithPath: dir + "/n.en.tei.xml"))
        #expect(try argmark(["review", dir + "/n.en.tei.xml", "--annotator", "ana"], stdin: "w\nq\n").status == 0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: dir + "/n.en.tei.xml")) == nestedTEI)
    }

    /// A session opened through a symbolic link journals and locks as the file it leads to, so reopening the file
    /// by its own name recovers the edit; `--annotator human:bob` signs as bob.
    @Test func aLinkedFileSharesItsJournal() throws {
        let (dir, jsonl) = try annotatedSmallText()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.createSymbolicLink(atPath: dir + "/link.jsonl", withDestinationPath: jsonl)
        let interrupted = try argmark(["review", dir + "/link.jsonl", "--annotator", "human:bob"], stdin: "l s3 b\n")
        #expect(interrupted.stderr.contains("unsaved edit"))
        #expect(FileManager.default.fileExists(atPath: jsonl + ".journal"))
        #expect(!FileManager.default.fileExists(atPath: dir + "/link.jsonl.journal"))
        let reopened = try argmark(["review", jsonl, "--annotator", "bob"], stdin: "w\nq\n")
        #expect(reopened.stdout.contains("recovered 1 unsaved edit"))
        let written = try String(contentsOfFile: jsonl, encoding: .utf8)
        #expect(written.contains("\"labeledBy\":\"human:bob\"") && !written.contains("human:human:"))
    }

    /// review writes a TEI file back in ArgMark's encoding: an edition with markup that would be lost is left
    /// untouched, and the message says how to review a copy.
    @Test func reviewLeavesAnEditionsMarkupAlone() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let edition = """
            <?xml version="1.0" encoding="UTF-8"?>
            <TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>E</title></titleStmt>
            <publicationStmt><p>x</p></publicationStmt><sourceDesc><p>x</p></sourceDesc></fileDesc></teiHeader>
            <text><body><div><p><s xml:id="a1">The <persName>WTO</persName> failed.</s>
            <s xml:id="b1">We argue that <choice><sic>teh</sic><corr>the</corr></choice> policy failed.</s></p></div></body></text></TEI>
            """
        try edition.write(toFile: dir + "/ed.xml", atomically: true, encoding: .utf8)
        let run = try argmark(["review", dir + "/ed.xml", "--annotator", "jane"], stdin: "l a1 e\nw\nq\n")
        #expect(run.status != 0 && run.stderr.contains("another tool's TEI") && run.stderr.contains("--labelers none --no-tree"))
        #expect(try String(contentsOfFile: dir + "/ed.xml", encoding: .utf8) == edition)
        // The JSONL copy the message suggests reviews and exports; ArgMark's own export with a name marked up by
        // hand is refused too, and the markup named.
        #expect(try argmark(["annotate", dir + "/ed.xml", "--labelers", "none", "--no-tree", "--out", dir + "/copy"]).status == 0)
        #expect(try argmark(["review", dir + "/copy/ed.jsonl", "--annotator", "jane"], stdin: "l a1 e\nw\nq\n").status == 0)
        #expect(try String(contentsOfFile: dir + "/copy/ed.jsonl", encoding: .utf8).contains(#""label":"evidence","confidence":null,"labeledBy":"human:jane""#))
        // The TEI exported from that copy keeps the edition's header and is ArgMark's to review: a write without an
        // edit leaves it as it is.
        #expect(try argmark(["export", dir + "/copy/ed.jsonl", "--to", "tei"]).status == 0)
        let exported = try Data(contentsOf: URL(fileURLWithPath: dir + "/copy/ed.tei.xml"))
        #expect(try argmark(["review", dir + "/copy/ed.tei.xml", "--annotator", "jane"], stdin: "w\nq\n").status == 0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: dir + "/copy/ed.tei.xml")) == exported)
        try Self.smallText.write(toFile: dir + "/a.zh.txt", atomically: true, encoding: .utf8)
        let smallExport = try argmark(["annotate", dir + "/a.zh.txt", "--to", "tei", "--out", dir + "/copy"])
        #expect(smallExport.status == 0)
        var marked = try String(contentsOfFile: dir + "/copy/a.zh.tei.xml", encoding: .utf8)
        marked = marked.replacingOccurrences(of: "数据治理需要国际合作", with: "<term>数据治理</term>需要国际合作")
        try marked.write(toFile: dir + "/copy/a.zh.tei.xml", atomically: true, encoding: .utf8)
        let own = try argmark(["review", dir + "/copy/a.zh.tei.xml", "--annotator", "jane"], stdin: "w\nq\n")
        #expect(own.status != 0 && own.stderr.contains("<term> at line"), "\(own.stderr)")
        // So is one to which what the encoding allows was added by hand but the reader does not read: an appendix in
        // <back>, a note in the header, another @ana pointer, a comment before the root.
        let clean = try String(contentsOfFile: dir + "/copy/a.zh.tei.xml", encoding: .utf8).replacingOccurrences(of: "<term>数据治理</term>", with: "数据治理")
        for (name, added) in [
            ("back", clean.replacingOccurrences(of: "</text>", with: "<back><div type=\"appendix\"><p>附录。</p></div></back></text>")),
            ("header", clean.replacingOccurrences(of: "</titleStmt>", with: "</titleStmt><editionStmt><p>第二稿</p></editionStmt>")),
            ("pi", clean.replacingOccurrences(of: "<TEI ", with: "<?oxygen RNGSchema=\"x.rng\"?>\n<TEI ")),
            ("declaration", clean.replacingOccurrences(of: "</editorialDecl>", with: "<correction><p>Typos corrected by hand.</p></correction></editorialDecl>")),
        ] {
            try added.write(toFile: dir + "/copy/a.zh.tei.xml", atomically: true, encoding: .utf8)
            let run = try argmark(["review", dir + "/copy/a.zh.tei.xml", "--annotator", "jane"], stdin: "w\nq\n")
            #expect(run.status != 0 && run.stderr.contains("would change what this file holds"), "\(name): \(run.stderr)")
            #expect(try String(contentsOfFile: dir + "/copy/a.zh.tei.xml", encoding: .utf8) == added, "\(name)")
        }
        try clean.write(toFile: dir + "/copy/a.zh.tei.xml", atomically: true, encoding: .utf8)
        #expect(try argmark(["review", dir + "/copy/a.zh.tei.xml", "--annotator", "jane"], stdin: "w\nq\n").status == 0)
        // A file another ArgMark version wrote (its own declarations say another version) still opens.
        let older = clean.replacingOccurrences(of: #"ident="ArgMark" version="[^"]*""#, with: #"ident="ArgMark" version="0.0.9""#, options: .regularExpression)
        #expect(older != clean)
        try older.write(toFile: dir + "/copy/a.zh.tei.xml", atomically: true, encoding: .utf8)
        #expect(try argmark(["review", dir + "/copy/a.zh.tei.xml", "--annotator", "jane"], stdin: "q\n").status == 0)
        // A label category mistyped by hand is an error naming its line, not a sentence left unlabelled.
        let typo = edition.replacingOccurrences(of: #"<s xml:id="a1">"#, with: ##"<s xml:id="a1" ana="#arg-Claim">"##)
        try typo.write(toFile: dir + "/typo.xml", atomically: true, encoding: .utf8)
        let tree = try argmark(["tree", dir + "/typo.xml"])
        #expect(tree.status != 0 && tree.stderr.contains("line 4") && tree.stderr.contains("#arg-Claim"))
    }

    /// A labeller named twice would have its weights summed unannounced; an empty list labels nothing.
    @Test func aPipelineNamesEachLabellerOnce() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try Self.smallText.write(toFile: dir + "/a.zh.txt", atomically: true, encoding: .utf8)
        let twice = try argmark(["annotate", dir + "/a.zh.txt", "--out", dir + "/o", "--labelers", "label.cue.zh.v1,label.cue.zh.v1:0.5"])
        #expect(twice.status != 0 && twice.stderr.contains("named twice"))
        let empty = try argmark(["annotate", dir + "/a.zh.txt", "--out", dir + "/o", "--labelers", ""])
        #expect(empty.status != 0 && empty.stderr.contains("--labelers is empty"))
        #expect(!FileManager.default.fileExists(atPath: dir + "/o/a.zh.jsonl"))
    }
}
