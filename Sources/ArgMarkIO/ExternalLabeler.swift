import ArgMarkCore
import ArgMarkPipeline
import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// A labeller in another process that speaks ArgMark's JSON-lines protocol on stdin/stdout (docs/external-labelers.md).
///
/// The process is started once (per batch) and handshakes with its plugin id, languages and labels; each document
/// is one request with all its sentences and one reply. A reply that does not come within `timeout`, a crash, or a
/// malformed reply is a ``PluginError`` naming the plugin (the process is then stopped), never a hang.
/// Requests from parallel documents are serialised.
public final class ExternalLabeler: Labeler, @unchecked Sendable {
    public static let protocolVersion = 1
    /// Starting an interpreter and loading a model can take a while: the handshake gets at least this long.
    public static let startupTimeout = 20.0
    public let descriptor: PluginDescriptor
    public let command: [String]
    public let timeout: Double
    private let state: Mutex<Connection>

    /// The running process and its pipes; owned by the mutex.
    private struct Connection: ~Copyable {
        var process: Process
        /// Closed through the handles, exactly once: closing the raw descriptors as well would close whatever
        /// file later reuses their numbers.
        var inputHandle: FileHandle?
        var outputHandle: FileHandle
        var input: Int32
        var output: Int32
        var buffer: [UInt8] = []
        var failed: String?
    }

    /// Starts `command` (argv) and performs the handshake.
    public init(command: [String], timeout: Double = 30) throws(PluginError) {
        self.command = command
        self.timeout = timeout
        let name = command.first ?? "external"
        guard !command.isEmpty else { throw PluginError(pluginID: name, message: "empty command") }
        signal(SIGPIPE, SIG_IGN)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = command
        let stdin = Pipe()
        let stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = FileHandle.standardError
        do { try process.run() } catch {
            throw PluginError(pluginID: name, message: "cannot start \(command.joined(separator: " ")): \(error.localizedDescription)")
        }
        var connection = Connection(
            process: process, inputHandle: stdin.fileHandleForWriting, outputHandle: stdout.fileHandleForReading,
            input: stdin.fileHandleForWriting.fileDescriptor, output: stdout.fileHandleForReading.fileDescriptor)
        let hello: [String: Any]
        do throws(PluginError) {
            let line = try Self.exchange(
                &connection, try Self.encode(["type": "hello", "protocol": Self.protocolVersion], pluginID: name),
                pluginID: name, timeout: max(timeout, Self.startupTimeout))
            hello = try Self.decode(line, pluginID: name)
        } catch {
            Self.stop(&connection)
            throw error
        }
        guard hello["type"] as? String == "hello" else {
            Self.stop(&connection)
            throw PluginError(pluginID: name, message: "expected a hello reply, got \(hello["type"] ?? "nothing")")
        }
        guard hello["protocol"] as? Int == Self.protocolVersion else {
            Self.stop(&connection)
            throw PluginError(pluginID: name, message: "speaks protocol \(hello["protocol"] ?? "?"), ArgMark speaks \(Self.protocolVersion)")
        }
        guard let id = hello["id"] as? String, !id.isEmpty else {
            Self.stop(&connection)
            throw PluginError(pluginID: name, message: "the hello reply has no plugin id")
        }
        let languages = (hello["languages"] as? [String] ?? []).compactMap(LanguageTag.init(rawValue:))
        let labels = (hello["labels"] as? [String] ?? ArgumentLabel.allCases.map(\.rawValue)).compactMap(ArgumentLabel.init(rawValue:))
        descriptor = PluginDescriptor(
            id: id, kind: .labeler, summary: (hello["summary"] as? String) ?? "external labeller: \(command.joined(separator: " "))",
            languages: languages, labels: labels, requires: [.sentences], assigns: [.labels])
        state = Mutex(connection)
    }

    deinit {
        state.withLock { Self.stop(&$0) }
    }

    public func propose(for document: Document) throws(PluginError) -> [LabelProposal] {
        var sentences: [[String: Any]] = []
        var indexByID: [String: Int] = [:]
        for (index, unit) in document.units.enumerated() where unit.kind == .sentence {
            if !descriptor.languages.isEmpty && !descriptor.languages.contains(unit.language) { continue }
            sentences.append(["id": unit.id, "lang": unit.language.rawValue, "text": unit.text])
            indexByID[unit.id] = index
        }
        guard !sentences.isEmpty else { return [] }
        let request: [String: Any] = ["type": "label", "document": document.id, "sentences": sentences]
        let id = descriptor.id
        let timeout = self.timeout
        let requestBytes = try Self.encode(request, pluginID: id)
        let result: Result<[UInt8], PluginError> = state.withLock { connection in
            if let failed = connection.failed { return .failure(PluginError(pluginID: id, message: failed)) }
            do throws(PluginError) {
                return .success(try Self.exchange(&connection, requestBytes, pluginID: id, timeout: timeout))
            } catch {
                connection.failed = error.message
                Self.stop(&connection)
                return .failure(error)
            }
        }
        let reply = try Self.decode(try result.get(), pluginID: id)
        if reply["type"] as? String == "error" {
            throw PluginError(pluginID: id, message: "reported an error on \(document.id): \(reply["message"] ?? "no message")")
        }
        guard reply["type"] as? String == "labels", let labels = reply["labels"] as? [[String: Any]] else {
            throw PluginError(pluginID: id, message: "malformed reply: expected {\"type\":\"labels\",\"labels\":[…]}")
        }
        var proposals: [LabelProposal] = []
        for entry in labels {
            guard let sentence = entry["id"] as? String, let index = indexByID[sentence] else {
                throw PluginError(pluginID: id, message: "malformed reply: a label names an unknown sentence \(entry["id"] ?? "(no id)")")
            }
            var scores = LabelScores()
            if let raw = entry["scores"] as? [String: Any] {
                for (name, value) in raw {
                    guard let label = ArgumentLabel(rawValue: name), let number = (value as? NSNumber)?.doubleValue,
                        number.isFinite
                    else {
                        throw PluginError(pluginID: id, message: "malformed reply: bad score \(name)=\(value) for \(sentence)")
                    }
                    scores[label] = number
                }
            } else if let name = entry["label"] as? String, let label = ArgumentLabel(rawValue: name) {
                scores[label] = (entry["confidence"] as? NSNumber)?.doubleValue ?? 1
            } else {
                throw PluginError(pluginID: id, message: "malformed reply: \(sentence) has neither scores nor a known label")
            }
            proposals.append(LabelProposal(
                unitIndex: index, scores: scores, evidence: (entry["evidence"] as? String) ?? id, pluginID: id))
        }
        return proposals
    }

    // MARK: The wire

    private static func encode(_ message: [String: Any], pluginID: String) throws(PluginError) -> [UInt8] {
        guard let data = try? JSONSerialization.data(withJSONObject: message, options: [.sortedKeys]) else {
            throw PluginError(pluginID: pluginID, message: "could not encode the request")
        }
        return Array(data) + [0x0A]
    }

    private static func decode(_ line: [UInt8], pluginID: String) throws(PluginError) -> [String: Any] {
        guard let object = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any] else {
            let shown = String(decoding: line.prefix(120), as: UTF8.self)
            throw PluginError(pluginID: pluginID, message: "malformed reply (not a JSON object): \(shown)")
        }
        return object
    }

    /// Sends one request line and returns the reply line.
    private static func exchange(
        _ c: inout Connection, _ bytes: [UInt8], pluginID: String, timeout: Double
    ) throws(PluginError) -> [UInt8] {
        var written = 0
        while written < bytes.count {
            let n = bytes[written...].withUnsafeBytes { Glibc.write(c.input, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw PluginError(pluginID: pluginID, message: "the process no longer reads its input (\(exitDescription(c.process)))")
            }
            written += n
        }
        return try readLine(&c, pluginID: pluginID, timeout: timeout)
    }

    private static func readLine(_ c: inout Connection, pluginID: String, timeout: Double) throws(PluginError) -> [UInt8] {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            if let newline = c.buffer.firstIndex(of: 0x0A) {
                let line = Array(c.buffer[..<newline])
                c.buffer.removeSubrange(...newline)
                return line
            }
            let remaining = deadline.timeIntervalSinceNow
            guard remaining > 0 else {
                throw PluginError(pluginID: pluginID, message: "no reply within \(Int(timeout)) s; the process was stopped (raise --plugin-timeout?)")
            }
            var descriptor = pollfd(fd: c.output, events: Int16(POLLIN), revents: 0)
            let ready = poll(&descriptor, 1, Int32(min(remaining, 3600) * 1000))
            if ready < 0 && errno == EINTR { continue }
            if ready <= 0 { continue }
            var chunk = [UInt8](repeating: 0, count: 65_536)
            let n = chunk.withUnsafeMutableBytes { Glibc.read(c.output, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 {
                c.process.waitUntilExit()
                throw PluginError(pluginID: pluginID, message: "the process ended without replying (\(exitDescription(c.process))); check its error output above")
            }
            c.buffer.append(contentsOf: chunk[0..<n])
            if c.buffer.count > 256 << 20 {
                throw PluginError(pluginID: pluginID, message: "reply longer than 256 MiB without a newline")
            }
        }
    }

    private static func exitDescription(_ process: Process) -> String {
        if process.isRunning { return "still running" }
        return process.terminationReason == .uncaughtSignal
            ? "killed by signal \(process.terminationStatus)" : "exit status \(process.terminationStatus)"
    }

    private static func stop(_ c: inout Connection) {
        if let handle = c.inputHandle {
            try? handle.close()
            c.inputHandle = nil
            c.input = -1
        }
        if c.process.isRunning {
            // Give a well-behaved plugin a moment to exit on end of input, then stop it.
            let deadline = Date().addingTimeInterval(1)
            while c.process.isRunning && Date() < deadline { usleep(10_000) }
            if c.process.isRunning { c.process.terminate() }
        }
        if c.output >= 0 {
            try? c.outputHandle.close()
            c.output = -1
        }
    }
}
