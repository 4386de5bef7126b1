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
        let before = try Data(contentsOf: URL(fileURLWithPath: jsonl))
        #expect(try argmark(["review", jsonl, "--annotator", "ana"], stdin: "w\nq\n").status == 0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: jsonl)) == before)
        #expect(try argmark(["review", jsonl, "--annotator", "ana"], stdin: "l s3 b\nu\nw\nq\n").status == 0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: jsonl)) == before)
        #expect(try argmark(["export", jsonl, "--out", dir + "/a.zh.tei.xml"]).status == 0)
        let tei = try Data(contentsOf: URL(fileURLWithPath: dir + "/a.zh.tei.xml"))
        #expect(try argmark(["review", dir + "/a.zh.tei.xml", "--annotator", "ana"], stdin: "w\nq\n").status == 0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: dir + "/a.zh.tei.xml")) == tei)
    }

    /// A session opened through a symbolic link journals and locks as the file it leads to, so reopening the file
    /// by its own name recovers the edit; `--annotator human:bob` signs as bob.
    @Test func aLinkedFileSharesItsJournal() throws {
        let (dir, jsonl) = try annotatedSmallText()
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
        let edition = """
            <?xml version="1.0" encoding="UTF-8"?>
            <TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>E</title></titleStmt>
            <publicationStmt><p>x</p></publicationStmt><sourceDesc><p>x</p></sourceDesc></fileDesc></teiHeader>
            <text><body><div><p><s xml:id="a1">The <persName>WTO</persName> failed.</s>
            <s xml:id="b1">We argue that <choice><sic>teh</sic><corr>the</corr></choice> policy failed.</s></p></div></body></text></TEI>
            """
        try edition.write(toFile: dir + "/ed.xml", atomically: true, encoding: .utf8)
        let run = try argmark(["review", dir + "/ed.xml", "--annotator", "jane"], stdin: "l a1 e\nw\nq\n")
        #expect(run.status != 0 && run.stderr.contains("<persName> at line 4") && run.stderr.contains("argmark annotate"))
        #expect(try String(contentsOfFile: dir + "/ed.xml", encoding: .utf8) == edition)
        // A label category mistyped by hand is an error naming its line, not a sentence left unlabelled.
        let typo = edition.replacingOccurrences(of: #"<s xml:id="a1">"#, with: ##"<s xml:id="a1" ana="#arg-Claim">"##)
        try typo.write(toFile: dir + "/typo.xml", atomically: true, encoding: .utf8)
        let tree = try argmark(["tree", dir + "/typo.xml"])
        #expect(tree.status != 0 && tree.stderr.contains("line 4") && tree.stderr.contains("#arg-Claim"))
    }

    /// A labeller named twice would have its weights summed unannounced; an empty list labels nothing.
    @Test func aPipelineNamesEachLabellerOnce() throws {
        let dir = try temporaryDirectory()
        try Self.smallText.write(toFile: dir + "/a.zh.txt", atomically: true, encoding: .utf8)
        let twice = try argmark(["annotate", dir + "/a.zh.txt", "--out", dir + "/o", "--labelers", "label.cue.zh.v1,label.cue.zh.v1:0.5"])
        #expect(twice.status != 0 && twice.stderr.contains("named twice"))
        let empty = try argmark(["annotate", dir + "/a.zh.txt", "--out", dir + "/o", "--labelers", ""])
        #expect(empty.status != 0 && empty.stderr.contains("--labelers is empty"))
        #expect(!FileManager.default.fileExists(atPath: dir + "/o/a.zh.jsonl"))
    }
}
