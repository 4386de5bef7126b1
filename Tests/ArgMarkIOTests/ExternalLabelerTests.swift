import ArgMarkCore
import ArgMarkPipeline
import Foundation
import Testing

@testable import ArgMarkIO

/// The example plugin in tools/, driven through the JSON-lines protocol; skipped where python3 is absent.
let examplePlugin: String? = {
    let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("tools/external_labeler_example.py").path
    let hasPython = ["/usr/bin/python3", "/usr/local/bin/python3"].contains { FileManager.default.isExecutableFile(atPath: $0) }
        || (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").contains {
            FileManager.default.isExecutableFile(atPath: "\($0)/python3")
        }
    return hasPython && FileManager.default.fileExists(atPath: script) ? script : nil
}()

func smallDocument() -> Document {
    var builder = DocumentBuilder(id: "d", sourcePath: nil)
    builder.addParagraph([
        .init(start: 0, end: 8, text: "例如，某国加强了对话。", language: .zh),
        .init(start: 8, end: 16, text: "Regulators should act.", language: .en),
    ], language: .mixed)
    return builder.document
}

@Suite(.enabled(if: examplePlugin != nil, "python3 or tools/external_labeler_example.py is absent: skipping external-labeller tests"))
struct ExternalLabelerTests {
    func start(_ flags: String...) throws(PluginError) -> ExternalLabeler {
        try ExternalLabeler(command: ["python3", examplePlugin!] + flags, timeout: 2)
    }

    @Test func handshakeAndLabels() throws {
        let labeler = try start()
        #expect(labeler.descriptor.id == "label.example-external.v1")
        #expect(labeler.descriptor.languages == [.zh, .en, .mixed])
        let proposals = try labeler.propose(for: smallDocument())
        #expect(proposals.map(\.unitIndex) == [0, 1])
        #expect(proposals[0].scores[.example] == 0.8)
        #expect(proposals[1].scores[.prescription] == 0.8)
        // The same process serves the next document.
        #expect(try labeler.propose(for: smallDocument()) == proposals)
    }

    @Test func aCrashIsAnErrorNamingThePlugin() throws {
        let labeler = try start("--crash-after", "1")
        _ = try labeler.propose(for: smallDocument())
        #expect {
            try labeler.propose(for: smallDocument())
        } throws: { error in
            let e = error as? PluginError
            return e?.pluginID == "label.example-external.v1" && e?.message.contains("ended without replying (exit status 3)") == true
        }
        // Later documents fail fast instead of hanging.
        #expect(throws: PluginError.self) { try labeler.propose(for: smallDocument()) }
    }

    @Test func aHangTimesOut() throws {
        let labeler = try start("--hang")
        let started = Date()
        #expect { try labeler.propose(for: smallDocument()) } throws: { error in
            (error as? PluginError)?.message.contains("no reply within 2 s") == true
        }
        #expect(Date().timeIntervalSince(started) < 10)
    }

    @Test(arguments: [("--garbage", "not a JSON object"), ("--error", "reported an error on d: model not loaded")])
    func badRepliesAreErrors(_ flag: String, _ fragment: String) throws {
        let labeler = try start(flag)
        #expect { try labeler.propose(for: smallDocument()) } throws: { error in
            (error as? PluginError)?.message.contains(fragment) == true
        }
    }

    @Test func aMissingProgramFailsAtStart() {
        #expect(throws: PluginError.self) { try ExternalLabeler(command: ["argmark-no-such-program"], timeout: 2) }
    }
}
