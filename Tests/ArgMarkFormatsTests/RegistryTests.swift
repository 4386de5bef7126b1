import ArgMarkCore
import Foundation
import ArgMarkPipeline
@testable import ArgMarkPlugins
import Testing

/// Pins the registry: a plugin added without its registry line (or removed) fails here.
struct RegistryTests {
    @Test func everyPluginIsListedOnceWithAVersionedID() {
        let ids = PluginRegistry.standard.all.map(\.descriptor.id)
        #expect(ids == [
            "read.text.v1", "read.article.v1", "read.lines.v1", "read.table.v1", "read.comments.v1", "read.jsonl.v1", "read.tei.v1", "read.html.v1", "read.docx.v1", "read.odt.v1", "write.jsonl.v1", "write.tei.v1", "write.tsv.v1", "write.aif.v1", "write.csv.v1",
            "link.tree.v1", "score.dfquad.v1",
        ],
                "registry out of date: update PluginRegistry.standard and this list together")
        #expect(Set(ids).count == ids.count)
        #expect(ids.allSatisfy { $0.range(of: #"\.v\d+$"#, options: .regularExpression) != nil })
    }

    @Test(arguments: [
        ("a.zh.txt", "一、标题\n正文。\n", "text"),
        ("a.txt", "【摘要】摘要。\n【关键词】甲 乙\n正文。\n", "article"),
        ("a.jsonl", "{\"type\":\"document\"}\n", "jsonl"),
        ("a.lines", "句子。\n", "lines"),
        ("a_sentences.tsv", "id\tpara\tkind\ttext\ns1\tp1\tS\t句子。\n", "tsv"),
        ("noext", "ID\ttext\n1\tA sentence.\n", "tsv"),
        ("a.txt", "id\ttext\ns1\tA sentence.\n", "tsv"),
        ("noext", "Name\tValue\nA\t1\n", "text"),
        ("noext", "{\"type\":\"document\",\"id\":\"x\"}\n", "jsonl"),
        ("a.zh.tei.xml", "<TEI xmlns=\"http://www.tei-c.org/ns/1.0\"/>", "tei"),
        ("a.xml", "<TEI/>", "tei"),
        ("-", "<?xml version=\"1.0\"?>\n<TEI xmlns=\"http://www.tei-c.org/ns/1.0\">", "tei"),
    ])
    func autoDetection(_ path: String, _ content: String, _ format: String) throws {
        let reader = try PluginRegistry.standard.reader(format: "auto", path: path, bytes: Array(content.utf8))
        #expect(reader.formatName == format)
    }

    /// A PDF, an old Word file, RTF, an image, a compressed file or another ZIP is named with what to do, not called text that is not UTF-8.
    @Test(arguments: [
        (Array("%PDF-1.7\n%\u{E2}\u{E3}".utf8), "pdftotext -enc UTF-8"),
        ([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0], "Word 97–2003"),
        (Array("{\\rtf1\\ansi Hello}".utf8), "an RTF file"),
        ([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D], "a PNG image"),
        ([0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, 0x4A, 0x46, 0x49, 0x46], "a JPEG image"),
        (Array("RIFF\u{24}\0\0\0WEBPVP8 ".utf8), "a WebP image"),
        ([0x1F, 0x8B, 0x08, 0x00, 0, 0, 0, 0], "gzip-compressed"),
        ([0x50, 0x4B, 0x03, 0x04] + Array("xl/workbook.xml".utf8), "no .docx or .odt"),
        // ArgMark's own exports for other tools are not read back as prose.
        (Array("document,id,section,heading,paragraph,start,end,language,text,label\nd,s1,d1,,p1,0,4,zh,合作。,claim\n".utf8), "ArgMark's CSV export"),
        (Array("{\"nodes\":[\n{\"nodeID\":\"s1\",\"text\":\"x\",\"type\":\"I\"}],\"edges\":[]}\n".utf8), "an AIF argument graph"),
        (Array("digraph argument {\n}\n".utf8), "a Graphviz graph"),
    ])
    func otherFormatsAreNamed(_ bytes: [UInt8], _ hint: String) {
        #expect { try PluginRegistry.standard.reader(format: "auto", path: "file.txt", bytes: bytes) } throws: { error in
            guard case DocumentReadError.unsupported(let message) = error else { return false }
            return message.contains(hint)
        }
    }

    /// A .docx whose first members are a thumbnail and other parts is still a .docx: its member names are read in
    /// the archive's central directory at the end, not looked for in its first bytes only.
    @Test func aDocxWithALargeFirstMemberIsNoOtherArchive() {
        let bytes: [UInt8] = [0x50, 0x4B, 0x03, 0x04] + Array("docProps/thumbnail.jpeg".utf8) + Array(repeating: 0x7F, count: 6000)
            + [0x50, 0x4B, 0x01, 0x02] + Array("word/document.xml".utf8)
        #expect(PluginRegistry.otherFormat(bytes) == nil)
        #expect(PluginRegistry.otherFormat(Array(bytes.prefix(6000)))?.contains("no .docx or .odt") == true)
    }

    /// A comment table is chosen by its .csv name; a text whose first line reads like its header stays a text.
    @Test func aCommentTableByItsNameATextByItsOwn() throws {
        let header = Array("Comment, Docket No. FDA-2023-N-0001, Food Labeling\nWe support the rule.\n".utf8)
        #expect(try PluginRegistry.standard.reader(format: "auto", path: "letter.txt", bytes: header).formatName == "text")
        let table = Array("\"Document ID\",\"Comment\"\n\"A-1\",\"We support the rule.\"\n".utf8)
        #expect(try PluginRegistry.standard.reader(format: "auto", path: "comments.csv", bytes: table).formatName == "csv")
        #expect(try PluginRegistry.standard.reader(format: "auto", path: nil, bytes: table).formatName == "csv")
    }

    @Test func unknownFormatListsTheKnownOnes() {
        #expect(throws: DocumentReadError.unknownFormat("tex", available: ["auto", "text", "article", "lines", "tsv", "csv", "jsonl", "tei", "html", "docx", "odt"])) {
            try PluginRegistry.standard.reader(format: "tex", path: nil, bytes: [])
        }
    }

    /// A pipeline file's calibration entries stand or fall one by one: the default pipeline keeps the good ones, an
    /// explicit --pipeline file is refused; a key this version does not know is refused rather than ignored.
    @Test func calibrationEntriesAreReadOneByOne() throws {
        let json = Data(#"""
            {"labelers":[{"id":"a","weight":1}],
             "calibration":[{"languages":["zh"],"labelers":{"a":1},"coefficients":{"bias":1}},
                            {"languages":["en"],"maxSentences":15,"minSentences":3,"labelers":{"a":1},"coefficients":{"bias":1}},
                            {"languages":["fr"],"labelers":{"a":1},"coefficients":{"bias":1}},
                            {"languages":["en"],"labelers":{"a":2},"coefficients":{"bias":1}}]}
            """#.utf8)
        let (specification, problems) = try PipelineSpecification.lenient(json: json)
        #expect(specification.labelers.map(\.id) == ["a"])
        #expect(specification.calibrations.map(\.languages) == [[.zh], [.en]])
        #expect(problems.count == 2)
        #expect(problems[0].contains(#"has the key "minSentences", which this version of ArgMark does not know"#))
        #expect(problems[1].contains(#"names the language "fr""#))
        #expect(specification.unusedCalibrations.count == 1 && specification.unusedCalibrations[0].contains("the calibration for en was fitted with a:2.0"))
        #expect(throws: CalibrationError.self) { try PipelineSpecification(json: json) }
    }

    /// A misspelt key is refused, not ignored (its value would be lost without a word), and a malformed file is
    /// described in the file's terms, with the place of the fault.
    @Test(arguments: [
        (#"{"labelers":[{"id":"a","weight":1},{"id":"b","wieght":5}]}"#, #"labelers[1] has the key "wieght"; a labeller's entry has "id" and "weight""#),
        (#"{"labelers":[{"id":"a"}],"notes":"x"}"#, #"has the key "notes", which a pipeline file does not have"#),
        (#"{"labelers":[{"id":"a","weight":"2"}]}"#, "labelers[0].weight is not a number"),
        (#"{"labelers":[{"weight":2}]}"#, #"labelers[0] has no "id""#),
        (#"{"labeler":[]}"#, #"has no "labelers": a pipeline file is"#),
        (#"{"labelers":["#, "is not valid JSON"),
    ])
    func pipelineFilesAreReadStrictly(json: String, message: String) {
        #expect { try PipelineSpecification(json: Data(json.utf8)) } throws: { error in
            (error as? ModelFileError)?.description.contains(message) == true
        }
    }

    /// A calibration names the model weights it was fitted with: once the model is retrained (other weights), it is
    /// left out with a warning rather than giving the new model's labels the old one's confidences.
    @Test func aCalibrationOfAnotherModelIsLeftOut() throws {
        let models = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Models")
        let dir = NSTemporaryDirectory() + "argmark-calibration-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.createDirectory(atPath: dir + "/cues", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: models.appendingPathComponent("cues/zh.tsv").path, toPath: dir + "/cues/zh.tsv")
        try FileManager.default.copyItem(atPath: models.appendingPathComponent("label.model.zh.v1").path, toPath: dir + "/label.model.zh.v1")
        let weights = try #require(FileManager.default.contents(atPath: dir + "/label.model.zh.v1/weights.bin"))
        func library(digest: String) throws -> ModelLibrary {
            // Two calibrations for one language, as English has (short texts and the rest).
            let calibration = """
                {"languages":["zh"],"labelers":{"label.model.zh.v1":1,"label.cue.zh.v1":0.75},
                 "models":{"label.model.zh.v1":"\(digest)"},"coefficients":{"share":1,"bias":0}}
                """
            try Data("""
                {"labelers":[{"id":"label.model.zh.v1","weight":1},{"id":"label.cue.zh.v1","weight":0.75}],
                 "calibration":[\(calibration.replacingOccurrences(of: "{\"languages\"", with: "{\"maxSentences\":15,\"languages\"")),
                                \(calibration)]}
                """.utf8).write(to: URL(fileURLWithPath: dir + "/pipeline.json"))
            return ModelLibrary(directory: dir)
        }
        let same = try library(digest: FNV1a.wordDigest([UInt8](weights)))
        #expect(same.problems.isEmpty && same.pipeline?.calibrations.count == 2)
        let other = try library(digest: "fnv1a64w:0000000000000000")
        #expect(other.pipeline?.calibrations.isEmpty == true)
        // One warning for the language, not one per calibration.
        #expect(other.problems.count { $0.contains("the calibration for zh was fitted with another label.model.zh.v1 than the one in") } == 1)
        // A model that does not load says so; its calibrations go without a second, misleading "retrained since?".
        try Data(weights.prefix(100)).write(to: URL(fileURLWithPath: dir + "/label.model.zh.v1/weights.bin"))
        let broken = try library(digest: FNV1a.wordDigest([UInt8](weights)))
        #expect(broken.problems.contains { $0.contains("weights file has the wrong size") })
        #expect(!broken.problems.contains { $0.contains("the calibration for") })
        #expect(broken.pipeline?.calibrations.isEmpty == true)
    }
}
