import ArgMarkCore
import ArgMarkPipeline
import Foundation
import Testing

@testable import ArgMarkText

/// ../shared beside the package, when this checkout has it.
let sharedDirectory: URL? = {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared")
    return FileManager.default.fileExists(atPath: url.appendingPathComponent("samples").path) ? url : nil
}()

/// Regression checks on the real texts in ../shared; skipped with a message where it is absent.
@Suite(.enabled(if: sharedDirectory != nil, "../shared is absent: skipping the checks on the shared corpora"))
struct SharedCorpusTests {
    func read(_ relative: String, _ reader: some DocumentReader) throws -> Document {
        let bytes = Array(try Data(contentsOf: sharedDirectory!.appendingPathComponent(relative)))
        return try reader.read(ReaderInput(bytes: bytes, sourcePath: relative, documentID: "x"))
    }

    /// The project-made GWR gold fixes the segmentation of the three work reports, headings included.
    @Test(arguments: [2022, 2023, 2024])
    func workReportSegmentationMatchesTheGold(_ year: Int) throws {
        let document = try read("samples/gwr\(year).zh.txt", PlainTextReader())
        let tsv = try String(contentsOf: sharedDirectory!.appendingPathComponent("data/gwr/gwr\(year)_sentences.tsv"), encoding: .utf8)
        let rows = tsv.split(separator: "\n").dropFirst().map { $0.split(separator: "\t", omittingEmptySubsequences: false) }
        #expect(document.units.map(\.text) == rows.map { String($0[3]) })
        #expect(document.units.map { $0.kind == .heading ? "HEAD" : "S" } == rows.map { String($0[2]) })
    }

    /// Reading (not labels) of the CNKI sample article: front matter, body, notes and the English block.
    @Test func sampleArticleStructure() throws {
        let document = try read("samples/lu2025-cyberspace-order.zh.txt", ArticleReader())
        #expect(document.metadata.doi == "10.16619/j.cnki.rmltxsqy.2025.13.003")
        #expect(document.metadata.abstracts.keys.sorted() == ["en", "zh"])
        #expect(document.metadata.keywords["zh"]?.count == 4)
        #expect(document.metadata.titles["en"]?.hasPrefix("The Security Dilemma") == true)
        #expect(document.notes.count == 18)
        #expect(Set(document.units.flatMap(\.noteRefs)).count == 18)
        #expect(!document.units.contains { $0.text.hasPrefix("【") || $0.text.hasPrefix("Abstract") || $0.text.contains("责 编") })
        #expect(document.units.last?.text.hasSuffix("必然要求。") == true)
        #expect(document.validate().isEmpty)
    }
}
