import ArgMarkCore
import ArgMarkFormats
import ArgMarkPipeline
import ArgMarkTEI
import ArgMarkXML
import Foundation
import Testing

/// The fixtures beside this file.
let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

/// ../shared beside the package, when this checkout has it.
let sharedTEI: URL? = {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("shared/tei")
    return FileManager.default.fileExists(atPath: url.appendingPathComponent("tei_all.rng").path) ? url : nil
}()

func fixtureBytes(_ name: String) throws -> [UInt8] {
    Array(try Data(contentsOf: fixtures.appendingPathComponent(name)))
}

func readJSONL(_ bytes: [UInt8], id: String = "varied") throws -> Document {
    try JSONLinesReader().read(ReaderInput(bytes: bytes, sourcePath: nil, documentID: id))
}

func readTEI(_ bytes: [UInt8], path: String? = "doc.tei.xml", id: String = "doc") throws -> Document {
    try TEIReader().read(ReaderInput(bytes: bytes, sourcePath: path, documentID: id))
}

func writeTEI(_ document: Document) throws -> [UInt8] { try TEIWriter().write(document) }

func writeJSONL(_ document: Document) throws -> [UInt8] { try JSONLinesWriter().write(document) }

/// Compares `actual` with the golden file `name`; `ARGMARK_RECORD=1` rewrites the golden file and fails, so a
/// recording run never passes silently.
func expectGolden(_ actual: [UInt8], _ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let url = fixtures.appendingPathComponent(name)
    if ProcessInfo.processInfo.environment["ARGMARK_RECORD"] == "1" {
        try Data(actual).write(to: url)
        Issue.record("recorded \(name); run again without ARGMARK_RECORD", sourceLocation: sourceLocation)
        return
    }
    let expected = try Data(contentsOf: url)
    #expect(Data(actual) == expected, "\(name) differs from the export; if the change is intended, re-record with ARGMARK_RECORD=1", sourceLocation: sourceLocation)
}

/// tei_all.rng compiled once per test process (libxml2 needs ~16 s for it); nil without ../shared.
let teiSchema: RelaxNGSchema? = {
    guard let sharedTEI else { return nil }
    return try? RelaxNGSchema(path: sharedTEI.appendingPathComponent("tei_all.rng").path)
}()
