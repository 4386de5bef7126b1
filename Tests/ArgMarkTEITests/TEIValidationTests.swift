import ArgMarkCore
import ArgMarkPipeline
import ArgMarkTEI
import ArgMarkText
import ArgMarkXML
import Foundation
import Testing

/// A varied set of exports: zh, en, mixed, every label, support and attack, human and machine decisions, notes,
/// an astral character, `&` and `<`, no metadata at all, a table's caption, rows and source line, and sources read
/// from TEI.
func variedExports() throws -> [(name: String, bytes: [UInt8])] {
    var exports: [(String, [UInt8])] = []
    exports.append(("varied", try writeTEI(try readJSONL(try fixtureBytes("varied.jsonl")))))
    let bare = try PlainTextReader().read(ReaderInput(bytes: Array("Plain text & <tags>.\n第二段𠮷。\n".utf8), sourcePath: nil, documentID: "stdin"))
    exports.append(("bare", try writeTEI(bare)))
    let article = "标题\n【摘要】本文认为规则重要。\n【关键词】规则；秩序\n一、引言\n本文认为，合作是出路。[1]然而，也有人反对。\n表1 各国立场\n国家 立场 年份\n甲国 支持 2020\n资料来源：作者整理。\n注释\n[1] 某书。\n"
    exports.append(("article", try writeTEI(try ArticleReader().read(ReaderInput(bytes: Array(article.utf8), sourcePath: "x.txt", documentID: "x")))))
    for name in ["paragraphs-only.zh.tei.xml", "sentences.en.tei.xml"] {
        exports.append((name, try writeTEI(try readTEI(try fixtureBytes(name)))))
    }
    return exports
}

@Suite(.enabled(if: sharedTEI != nil, "../shared/tei is absent: skipping validation against tei_all.rng"))
struct TEIValidationTests {
    @Test func exportsAreValidTEIAll() throws {
        let schema = try #require(teiSchema, "tei_all.rng did not compile")
        for (name, bytes) in try variedExports() {
            let errors = schema.validate(try XMLDocument.parse(bytes))
            #expect(errors.isEmpty, "\(name): \(errors.prefix(3).map(\.description))")
        }
    }

    @Test func invalidDocumentsAreCaughtWithLines() throws {
        let schema = try #require(teiSchema)
        let invalid = try XMLDocument.parse(try Array(Data(contentsOf: sharedTEI!.appendingPathComponent("minimal-invalid.xml"))))
        let errors = schema.validate(invalid)
        #expect(!errors.isEmpty)
        #expect(errors.allSatisfy { $0.line > 0 })
    }

    /// jing, the TEI Schematron rules and the pointer check (../shared/tei/check.sh), when Java, jing, Saxon and
    /// xsltproc are installed.
    @Test(.enabled(if: checkToolsInstalled, "jing, Saxon-HE or xsltproc is not installed: skipping ../shared/tei/check.sh"))
    func exportsPassTheSharedChecks() throws {
        let directory = NSTemporaryDirectory() + "argmark-tei-check-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var paths: [String] = []
        for (name, bytes) in try variedExports() {
            let path = directory + "/" + name.replacingOccurrences(of: ".tei.xml", with: "") + ".tei.xml"
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            paths.append(path)
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [sharedTEI!.appendingPathComponent("check.sh").path] + paths
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(text)")
        #expect(text.components(separatedBy: "relaxng (jing): valid").count - 1 == paths.count)
    }
}

let checkToolsInstalled: Bool = {
    let fm = FileManager.default
    return ["/usr/bin/jing", "/usr/bin/xsltproc", "/usr/bin/java", "/usr/share/java/Saxon-HE.jar"].allSatisfy { fm.fileExists(atPath: $0) }
}()
