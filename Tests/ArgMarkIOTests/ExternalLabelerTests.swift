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

    /// A process that closes its output but goes on running can send no reply: it is an error within the reply's time,
    /// not a wait for the process to end.
    @Test func closedOutputIsAnErrorNotAHang() throws {
        let labeler = try start("--close-output")
        let started = Date()
        #expect { try labeler.propose(for: smallDocument()) } throws: { error in
            (error as? PluginError)?.message.contains("closed its standard output without replying") == true
        }
        #expect(Date().timeIntervalSince(started) < 10)
        let pid = labeler.processIdentifier
        #expect(kill(pid, 0) != 0 || Self.isZombie(pid), "process \(pid) still runs")
    }

    @Test(arguments: [("--garbage", "malformed reply (not JSON: "), ("--error", "reported an error on d: model not loaded")])
    func badRepliesAreErrors(_ flag: String, _ fragment: String) throws {
        let labeler = try start(flag)
        #expect { try labeler.propose(for: smallDocument()) } throws: { error in
            (error as? PluginError)?.message.contains(fragment) == true
        }
    }

    /// A process that blocks SIGTERM is killed when its reply does not come: no process outlives the batch.
    @Test func aHungProcessThatIgnoresTerminationIsKilled() throws {
        let labeler = try start("--hang", "--ignore-term")
        #expect(throws: PluginError.self) { try labeler.propose(for: smallDocument()) }
        let pid = labeler.processIdentifier
        #expect(kill(pid, 0) != 0 || Self.isZombie(pid), "process \(pid) still runs")
    }

    static func isZombie(_ pid: Int32) -> Bool {
        ((try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)) ?? "").contains(") Z ")
    }

    /// A second reply to one request would be read as the next document's: the plugin is stopped instead, and every
    /// later document fails, so no document gets another's labels. The stray reply is caught before the next request
    /// when it has arrived by then, else by its sequence number.
    @Test func outputNobodyAskedForStopsThePlugin() throws {
        let labeler = try start("--twice")
        _ = try labeler.propose(for: smallDocument())
        #expect { try labeler.propose(for: smallDocument()) } throws: { error in
            let message = (error as? PluginError)?.message ?? ""
            return message.contains("wrote output nobody asked for") || message.contains("replied with seq 1 when asked request 2")
        }
        #expect { try labeler.propose(for: smallDocument()) } throws: { error in
            (error as? PluginError)?.message.contains("was stopped after an earlier failure") == true
        }
    }

    /// Blank lines before or after a reply say nothing, as JSON lines have it: they are no output nobody asked for.
    @Test func blankLinesArePassedOver() throws {
        let labeler = try start("--blank-lines")
        #expect(labeler.descriptor.id == "label.example-external.v1")
        for _ in 0..<3 {
            let proposals = try labeler.propose(for: smallDocument())
            #expect(proposals.map(\.unitIndex) == [0, 1])
        }
    }

    /// Scores are probabilities: logits are refused, not clamped into wrong labels.
    @Test func scoresOutsideZeroToOneAreRefused() throws {
        let labeler = try start("--logits")
        #expect { try labeler.propose(for: smallDocument()) } throws: { error in
            (error as? PluginError)?.message.contains(", not a number in [0, 1]") == true
        }
    }

    /// A reply holds one entry per sentence, with scores or a label, for the labels the handshake listed: two answers
    /// for a sentence would be summed as if two labellers agreed.
    @Test(arguments: [
        ("--repeat", "s1 is labelled twice"), ("--both", "s1 has both scores and a label"),
        ("--claims-only", "which the handshake did not list among its labels (claim)"),
    ])
    func aReplyOutsideItsTermsIsRefused(flag: String, message: String) throws {
        #expect { try start(flag).propose(for: smallDocument()) } throws: { error in
            (error as? PluginError)?.message.contains(message) == true
        }
    }

    /// 0 and 1 written as integers are probabilities (Foundation bridges them like booleans); true is not.
    @Test func certaintyIsAProbabilityButABooleanIsNot() throws {
        let proposals = try start("--certain").propose(for: smallDocument())
        #expect(proposals.map { $0.scores[.claim] } == [1, 1])
        #expect { try start("--boolean").propose(for: smallDocument()) } throws: { error in
            (error as? PluginError)?.message.contains("the confidence of s1 is true, not a number in [0, 1]") == true
        }
    }

    /// A labeller that answers the handshake with `hello` and every request with `reply`, SEQ standing for the
    /// request's number: one deviation from the protocol at a time.
    func scripted(hello: String, reply: String = "{}") throws(PluginError) -> ExternalLabeler {
        let script = """
            import sys, json
            for line in sys.stdin:
                request = json.loads(line)
                print(sys.argv[1] if request["type"] == "hello" else sys.argv[2].replace("SEQ", str(request["seq"])).replace("SOURCE", request.get("source", "none")), flush=True)
            """
        return try ExternalLabeler(command: ["python3", "-c", script, hello, reply], timeout: 5)
    }

    static let hello = #"{"type":"hello","protocol":1,"id":"label.t.v1"}"#

    /// A handshake is taken at its word only when its words are what the protocol says: a colon in the id would sign
    /// labels as a person's (human:…), a lone "zh" would read as every language, no labels as none to give.
    @Test(arguments: [
        (#"{"type":"hello","protocol":1,"id":"human:alice"}"#, "holds a colon, which marks a person's labels"),
        (#"{"type":"hello","protocol":1,"id":"human：alice"}"#, "holds a colon, which marks a person's labels"),
        (#"{"type":"hello","protocol":1,"id":"label.t.v1","languages":"zh"}"#, #"languages is "zh", not a list of names"#),
        (#"{"type":"hello","protocol":1,"id":"label.t.v1","labels":["claim",5]}"#, "labels is [\"claim\",5], not a list of names"),
        (#"{"type":"hello","protocol":1,"id":"label.t.v1","labels":[]}"#, "lists no labels"),
        (#"{"type":"hello","protocol":true,"id":"label.t.v1"}"#, "speaks protocol true (not a number)"),
    ])
    func aHandshakeOutsideTheProtocolIsRefused(hello: String, message: String) {
        #expect { try scripted(hello: hello) } throws: { error in
            (error as? PluginError)?.message.contains(message) == true
        }
    }

    /// Each reply is checked for what it says, and a refusal says what was wrong in the plugin's own terms.
    @Test(arguments: [
        (#"{"type":"labels","labels":[{"id":"s1","label":"claim"}]}"#, #"without its "seq""#),
        (#"{"type":"labels","seq":"SEQ","labels":[]}"#, #"replied with seq "1" (text, where a number is expected)"#),
        (#"{"type":"labels","seq":SEQ.5,"labels":[]}"#, "replied with seq 1.5 when asked request 1"),
        (#"{"type":"labels","seq":SEQ,"labels":[{"id":"s1","label":"Claim"}]}"#, #"s1 is given the label "Claim"; labels are claim, evidence"#),
        (#"{"type":"labels","seq":SEQ,"labels":[{"id":"s1","scores":["claim"]}]}"#, "the scores of s1 are [\"claim\"], not an object"),
        (#"{"type":"labels","seq":SEQ,"labels":[{"id":"s1","label":"claim","confidence":"0.9"}]}"#, #"the confidence of s1 is "0.9" (text), not a number"#),
        (#"{"type":"labels","seq":SEQ,"labels":[{"id":"s1","scores":{"claim":NaN}}]}"#, "NaN and Infinity are no JSON"),
        (#"{"type":"labels","seq":SEQ,"labels":[{"id":"s1","label":"claim"}"#, "(one JSON object per line, complete and ending with a line break)"),
        (#"{"type":"error","message":"bad\u001b[2J\nargmark: all fine"}"#, "reported an error on d: bad [2J argmark: all fine"),
    ])
    func aReplyIsCheckedForWhatItSays(reply: String, message: String) throws {
        let labeler = try scripted(hello: Self.hello, reply: reply)
        #expect { try labeler.propose(for: smallDocument()) } throws: { error in
            (error as? PluginError)?.message.contains(message) == true
        }
    }

    /// A request names the file the document was read from, as two files of one name share a document id.
    @Test func aRequestNamesTheDocumentsSource() throws {
        var document = smallDocument()
        document.sourcePath = "reports/y/a.txt"
        let reply = #"{"type":"labels","seq":SEQ,"labels":[{"id":"s1","label":"claim","evidence":"SOURCE"}]}"#
        let proposals = try scripted(hello: Self.hello, reply: reply).propose(for: document)
        #expect(proposals.map(\.evidence) == ["reports/y/a.txt"])
    }

    /// Scores of nothing are no vote: the sentence is skipped, as one left out of the reply is.
    @Test func emptyOrZeroScoresAreASkippedSentence() throws {
        let reply = #"{"type":"labels","seq":SEQ,"labels":[{"id":"s1","scores":{}},{"id":"s2","scores":{"claim":0,"evidence":0}}]}"#
        #expect(try scripted(hello: Self.hello, reply: reply).propose(for: smallDocument()).isEmpty)
    }

    /// The plugin id goes into every file and message: one with control characters is refused at the handshake.
    @Test func anIdWithControlCharactersIsRefused() {
        #expect { try start("--escape-id") } throws: { error in
            (error as? PluginError)?.message.contains("holds spaces or control characters") == true
        }
    }

    @Test func aMissingProgramFailsAtStart() async throws {
        #expect { try ExternalLabeler(command: ["argmark-no-such-program"], timeout: 2) } throws: { error in
            (error as? PluginError)?.message.contains("cannot start argmark-no-such-program: no such program on PATH") == true
        }
        try await withTemporaryDirectory { dir in
            try Data("#!/bin/sh\n".utf8).write(to: URL(fileURLWithPath: dir + "/labeller.sh"))
            #expect { try ExternalLabeler(command: [dir + "/labeller.sh"], timeout: 2) } throws: { error in
                (error as? PluginError)?.message.contains("labeller.sh: not executable (chmod +x") == true
            }
        }
    }

    /// The labeller starts with no signal blocked or ignored, whatever the thread that starts it blocks: a plain
    /// kill stops it, and its own clean-up on SIGTERM runs.
    @Test func theLabellerCanBeSignalled() throws {
        let labeler = try start()
        let status = try String(contentsOfFile: "/proc/\(labeler.processIdentifier)/status", encoding: .utf8)
        let fields = Dictionary(status.split(separator: "\n").compactMap { line -> (String, String)? in
            let parts = line.split(separator: ":", maxSplits: 1)
            return parts.count == 2 ? (String(parts[0]), parts[1].trimmingCharacters(in: .whitespaces)) : nil
        }, uniquingKeysWith: { a, _ in a })
        #expect(fields["SigBlk"].flatMap { UInt64($0, radix: 16) } == 0)
        let ignored = fields["SigIgn"].flatMap { UInt64($0, radix: 16) } ?? .max
        // (Python itself ignores SIGPIPE.)
        for signal in [SIGTERM, SIGINT, SIGHUP] { #expect(ignored & (1 << UInt64(signal - 1)) == 0, "signal \(signal) ignored") }
    }

    /// A labeller that ends while a helper it started still holds its output open is found to have ended: the error
    /// comes at once, not after the timeout or when the helper ends.
    @Test func anEndedProcessWhoseHelperHoldsItsOutputIsAnError() throws {
        let started = Date()
        // The helper outlives the timeout, which outlives any wait a loaded machine might add.
        #expect { try ExternalLabeler(command: ["sh", "-c", "sleep 30 2>/dev/null & exit 3"], timeout: 20) } throws: { error in
            // Whichever it meets first: the request finds no reader (the shell gave its helper no input), or no reply comes.
            let message = (error as? PluginError)?.message ?? ""
            return message.contains("ended without replying (exit status 3)") || message.contains("no longer reads its input (exit status 3)")
        }
        #expect(Date().timeIntervalSince(started) < 15)
    }
}
