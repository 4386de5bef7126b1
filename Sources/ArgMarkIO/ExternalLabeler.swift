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
        var child: ChildProcess
        var buffer: [UInt8] = []
        var failed: String?
        /// Label requests sent so far: each carries its number (`seq`), which a reply may echo.
        var requests = 0
    }

    /// Starts `command` (argv) and performs the handshake.
    /// - Parameter started: told the process id as soon as the process runs, before the handshake (which a loading
    ///   model may take long over), so that a signal meanwhile can stop it (``stopForExit(processes:)``).
    public init(command: [String], timeout: Double = 30, started: (Int32) -> Void = { _ in }) throws(PluginError) {
        self.command = command
        self.timeout = timeout
        let name = command.isEmpty ? "external" : command.joined(separator: " ")
        guard !command.isEmpty else { throw PluginError(pluginID: name, message: "empty command") }
        // A write to a labeller that has ended is an error to report (EPIPE), not a signal that ends ArgMark.
        signal(SIGPIPE, SIG_IGN)
        let child: ChildProcess
        do { child = try ChildProcess(command) } catch { throw PluginError(pluginID: name, message: error.message) }
        started(child.pid)
        var connection = Connection(child: child)
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
        guard let version = hello["protocol"] as? NSNumber, !Self.isBoolean(version), version.doubleValue == Double(Self.protocolVersion) else {
            Self.stop(&connection)
            // A version sent as text ("1") would read as the right one in the message.
            let given = hello["protocol"].map { value in
                value is String ? "\"\(value)\" (text, where a number is expected)"
                    : (value as? NSNumber).map(Self.isBoolean) == true ? "\((value as! NSNumber).boolValue) (not a number)" : "\(value)"
            } ?? "none"
            throw PluginError(pluginID: name, message: "speaks protocol \(given), ArgMark speaks \(Self.protocolVersion)")
        }
        guard let id = hello["id"] as? String, !id.isEmpty else {
            Self.stop(&connection)
            throw PluginError(pluginID: name, message: "the hello reply has no plugin id")
        }
        // The id names the labeller in every file, TEI id and message: printable characters without spaces.
        // Zero-width characters too: an id that looks like another labeller's is no id.
        if id.unicodeScalars.contains(where: { LabelReason.isUnprintable($0) || $0.properties.isWhitespace || $0.value == 0x20
            || (0x200B...0x200F).contains($0.value) || $0.value == 0xFEFF || $0.properties.generalCategory == .nonspacingMark })
            || id.unicodeScalars.count > 100 {
            Self.stop(&connection)
            throw PluginError(pluginID: name, message: "the hello reply's plugin id \(id.debugDescription) holds spaces or control characters (or runs past 100); give an id like label.my-model.v1")
        }
        // A colon would end the id in --labelers ID:WEIGHT, and human:… is how a person's labels are signed: labels
        // signed so would count as a person's and never be relabelled.
        if id.contains(":") || id.contains("：") {
            Self.stop(&connection)
            throw PluginError(pluginID: name, message: "the hello reply's plugin id \(id.debugDescription) holds a colon, which marks a person's labels (human:…) and a weight in --labelers ID:WEIGHT; give an id like label.my-model.v1")
        }
        // An unknown language or label is refused, not dropped: a dropped language would send the plugin every
        // sentence, a dropped label would hide a misspelt one.
        // Not a list (a lone "zh") would read as no list: every language, every label.
        for key in ["languages", "labels"] where hello[key] != nil && !(hello[key] is NSNull) && !(hello[key] is [String]) {
            Self.stop(&connection)
            throw PluginError(pluginID: id, message: "the hello reply's \(key) is \(Self.shown(hello[key]!)), not a list of names (\(key == "languages" ? "[\"zh\", \"mixed\"]" : "[\"claim\", \"evidence\"]"))")
        }
        let languageNames = hello["languages"] as? [String] ?? []
        let labelNames = hello["labels"] as? [String] ?? ArgumentLabel.allCases.map(\.rawValue)
        guard !labelNames.isEmpty else {
            Self.stop(&connection)
            throw PluginError(pluginID: id, message: "the hello reply lists no labels; list the labels it scores, or leave \"labels\" out for all five")
        }
        let unknownLanguages = languageNames.filter { LanguageTag(rawValue: $0) == nil }
        let unknownLabels = labelNames.filter { ArgumentLabel(rawValue: $0) == nil }
        guard unknownLanguages.isEmpty, unknownLabels.isEmpty else {
            Self.stop(&connection)
            let what = unknownLanguages.isEmpty
                ? "unknown label \(unknownLabels.joined(separator: ", ")) (labels: \(ArgumentLabel.allCases.map(\.rawValue).joined(separator: ", ")))"
                : "unknown language \(unknownLanguages.joined(separator: ", ")) (languages: \(LanguageTag.allCases.map(\.rawValue).joined(separator: ", ")))"
            throw PluginError(pluginID: id, message: "the hello reply names an \(what)")
        }
        let languages = languageNames.compactMap(LanguageTag.init(rawValue:))
        let labels = labelNames.compactMap(ArgumentLabel.init(rawValue:))
        descriptor = PluginDescriptor(
            id: id, kind: .labeler, summary: (hello["summary"] as? String) ?? "external labeller: \(command.joined(separator: " "))",
            languages: languages, labels: labels, requires: [.sentences], assigns: [.labels])
        processIdentifier = connection.child.pid
        state = Mutex(connection)
    }

    /// The process id of the labeller (for diagnostics and tests).
    public let processIdentifier: Int32

    /// Stops `labelers` at once, for ArgMark ending on a signal (Ctrl-C, SIGTERM) in the middle of a run.
    public static func stopForExit(_ labelers: [ExternalLabeler]) {
        stopForExit(processes: labelers.map(\.processIdentifier))
    }

    /// Stops the labellers started as `processes` (each leads a process group of its own, with what it started):
    /// SIGTERM to each group, then SIGKILL a second later (one second for all). A labeller stuck in a call that never
    /// reads its input would otherwise outlive ArgMark (and keep a model's memory). It does not wait for the
    /// labellers' locks, which a request in flight holds.
    public static func stopForExit(processes: [Int32]) {
        var status: Int32 = 0
        // waitpid 0: still running and not yet reaped; reaped here once it has ended.
        func running(_ pid: Int32) -> Bool { waitpid(pid, &status, WNOHANG) == 0 }
        for pid in processes { kill(-pid, SIGTERM) }
        var left = processes.filter(running)
        let killAt = Date().addingTimeInterval(1)
        while !left.isEmpty, Date() < killAt {
            usleep(10_000)
            left = left.filter(running)
        }
        // Every group, ended leader or not: a wrapper script that ended on SIGTERM may leave its python ignoring it.
        for pid in processes { kill(-pid, SIGKILL) }
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
        let id = descriptor.id
        let timeout = self.timeout
        let result: Result<[LabelProposal], PluginError> = state.withLock { connection in
            connection.requests += 1
            let sequence = connection.requests
            if let failed = connection.failed {
                return .failure(PluginError(pluginID: id, message: "was stopped after an earlier failure: \(failed)"))
            }
            do throws(PluginError) {
                // Output nobody asked for (a log line on stdout, a second reply) would be read as the next document's
                // reply: the labels of one document written into another.
                if let stray = Self.pendingOutput(&connection) {
                    throw PluginError(pluginID: id, message: "wrote output nobody asked for before \(document.id) (\(stray)); its replies are out of step, so it was stopped (log to standard error, not standard output)")
                }
                var request: [String: Any] = ["type": "label", "document": document.id, "seq": sequence, "sentences": sentences]
                // Two files of one name in a batch (x/a.txt, y/a.txt) share the document id: the path tells them apart.
                if let source = document.sourcePath { request["source"] = source }
                let reply = try Self.decode(try Self.exchange(&connection, try Self.encode(request, pluginID: id), pluginID: id, timeout: timeout), pluginID: id)
                // Without the echo a stray second reply would be taken for the next document's: its labels written
                // into another document.
                // (An error reply, which the protocol shows without one, may leave it out.)
                guard let answered = reply["seq"], !(answered is NSNull) else {
                    if reply["type"] as? String == "error" { return .failure(Self.reportedError(reply, on: document.id, pluginID: id)) }
                    throw PluginError(pluginID: id, message: "replied to request \(sequence) (\(document.id)) without its \"seq\"; echo the request's seq (and document) in every reply, so that a reply out of step is found, not written into another document")
                }
                guard let number = answered as? NSNumber, !Self.isBoolean(number), number.doubleValue == Double(sequence) else {
                    let given = answered is String ? "\"\(answered)\" (text, where a number is expected)" : Self.shown(answered)
                    throw PluginError(pluginID: id, message: "replied with seq \(given) when asked request \(sequence) (\(document.id)); its replies are out of step, so it was stopped")
                }
                if reply["type"] as? String == "error" {
                    // A reported error keeps the conversation in step: the batch goes on with the next document.
                    return .failure(Self.reportedError(reply, on: document.id, pluginID: id))
                }
                return .success(try Self.proposals(
                    from: reply, document: document.id, indexByID: indexByID, declared: Set(descriptor.labels), pluginID: id))
            } catch {
                // Any other failure may leave a reply half read or still to come: stop the process, so that no later
                // document reads it.
                connection.failed = error.message
                Self.stop(&connection)
                return .failure(error)
            }
        }
        return try result.get()
    }

    /// An `error` reply's message, printable (a plugin's own text may hold escape sequences or forged lines).
    private static func reportedError(_ reply: [String: Any], on document: String, pluginID id: String) -> PluginError {
        let message = (reply["message"] as? String).map(LabelReason.printable) ?? "no message"
        return PluginError(pluginID: id, message: "reported an error on \(document): \(message)")
    }

    /// The proposals of a `labels` reply to the request for `document`.
    private static func proposals(
        from reply: [String: Any], document: String, indexByID: [String: Int], declared: Set<ArgumentLabel>, pluginID id: String
    ) throws(PluginError) -> [LabelProposal] {
        guard reply["type"] as? String == "labels", let labels = reply["labels"] as? [[String: Any]] else {
            throw PluginError(pluginID: id, message: "malformed reply to \(document): expected {\"type\":\"labels\",\"labels\":[…]}")
        }
        if let answered = reply["document"], answered as? String != document {
            throw PluginError(pluginID: id, message: "replied for document \(answered) when asked about \(document)")
        }
        /// A probability: a number in [0, 1] (logits or percentages would be clamped into wrong labels).
        func probability(_ value: Any, _ what: String) throws(PluginError) -> Double {
            // A JSON true/false is an NSNumber of type "c"; `is Bool` would also take 0, 1 and 1.0 for booleans.
            if let number = value as? NSNumber, String(cString: number.objCType) == "c" {
                throw PluginError(pluginID: id, message: "malformed reply to \(document): \(what) is \(number.boolValue), not a number in [0, 1]")
            }
            guard let number = value as? NSNumber,
                  number.doubleValue.isFinite, (0...1).contains(number.doubleValue) else {
                let given = value is String ? "\"\(value)\" (text)" : Self.shown(value)
                throw PluginError(pluginID: id, message: "malformed reply to \(document): \(what) is \(given), not a number in [0, 1]")
            }
            return number.doubleValue
        }
        var proposals: [LabelProposal] = []
        var answered = Set<String>()
        for entry in labels {
            guard let sentence = entry["id"] as? String, let index = indexByID[sentence] else {
                throw PluginError(pluginID: id, message: "malformed reply to \(document): a label names an unknown sentence \(entry["id"] ?? "(no id)")")
            }
            // Two answers for one sentence would be summed as if two labellers had agreed.
            guard answered.insert(sentence).inserted else {
                throw PluginError(pluginID: id, message: "malformed reply to \(document): \(sentence) is labelled twice; give one entry per sentence")
            }
            guard entry["scores"] == nil || entry["label"] == nil else {
                throw PluginError(pluginID: id, message: "malformed reply to \(document): \(sentence) has both scores and a label; give one of them")
            }
            var scores = LabelScores()
            if let raw = entry["scores"], !(raw is [String: Any]) {
                throw PluginError(pluginID: id, message: "malformed reply to \(document): the scores of \(sentence) are \(Self.shown(raw)), not an object of label: score ({\"claim\":0.8,\"evidence\":0.2})")
            }
            if let raw = entry["scores"] as? [String: Any] {
                for (name, value) in raw {
                    guard let label = ArgumentLabel(rawValue: name) else {
                        throw PluginError(pluginID: id, message: "malformed reply to \(document): unknown label \(name) in the scores of \(sentence)")
                    }
                    scores[label] = try probability(value, "the score \(name) of \(sentence)")
                }
            } else if let name = entry["label"] as? String, let label = ArgumentLabel(rawValue: name) {
                scores[label] = try entry["confidence"].map { value throws(PluginError) in try probability(value, "the confidence of \(sentence)") } ?? 1
            } else if let name = entry["label"] {
                throw PluginError(pluginID: id, message: "malformed reply to \(document): \(sentence) is given the label \(Self.shown(name)); labels are \(ArgumentLabel.allCases.map(\.rawValue).joined(separator: ", "))")
            } else {
                throw PluginError(pluginID: id, message: "malformed reply to \(document): \(sentence) has neither \"scores\" nor \"label\"; give one of them, or leave the sentence out")
            }
            // Scores of nothing ({} or all 0) say nothing: the sentence is skipped, as one left out is, rather than
            // counted as a vote that only lowers the others' confidence.
            guard ArgumentLabel.allCases.contains(where: { (scores[$0] ?? 0) > 0 }) else { continue }
            // The handshake's labels are what the plugin scores: another one is a reply out of its own terms.
            if let undeclared = ArgumentLabel.allCases.first(where: { scores[$0] != nil && !declared.contains($0) }) {
                throw PluginError(pluginID: id, message: "malformed reply to \(document): \(sentence) is given \(undeclared.rawValue), which the handshake did not list among its labels (\(declared.sorted { $0.rawValue < $1.rawValue }.map(\.rawValue).joined(separator: ", ")))")
            }
            proposals.append(LabelProposal(
                unitIndex: index, scores: scores, evidence: (entry["evidence"] as? String) ?? "", pluginID: id))
        }
        return proposals
    }

    /// A JSON true or false, which Foundation reads as an NSNumber (`as? Int` would take true for 1).
    private static func isBoolean(_ number: NSNumber) -> Bool { String(cString: number.objCType) == "c" }

    /// A reply's value as a message shows it: short, printable, and a boolean as true or false.
    private static func shown(_ value: Any) -> String {
        if let number = value as? NSNumber, isBoolean(number) { return "\(number.boolValue)" }
        if value is NSNull { return "null" }
        if let text = value as? String { return "\"" + LabelReason.printable(String(text.prefix(60))) + "\"" }
        let data = try? JSONSerialization.data(withJSONObject: value, options: [.sortedKeys, .fragmentsAllowed])
        return LabelReason.printable(String((data.map { String(decoding: $0, as: UTF8.self) } ?? "\(value)").prefix(60)))
    }

    // MARK: The wire

    private static func encode(_ message: [String: Any], pluginID: String) throws(PluginError) -> [UInt8] {
        guard let data = try? JSONSerialization.data(withJSONObject: message, options: [.sortedKeys]) else {
            throw PluginError(pluginID: pluginID, message: "could not encode the request")
        }
        return Array(data) + [0x0A]
    }

    private static func decode(_ line: [UInt8], pluginID: String) throws(PluginError) -> [String: Any] {
        let shown = LabelReason.printable(String(decoding: line.prefix(120), as: UTF8.self))
        guard String(validating: line, as: UTF8.self) != nil else {
            throw PluginError(pluginID: pluginID, message: "malformed reply (not UTF-8 text; write replies in UTF-8): \(shown)")
        }
        let parsed: Any
        do { parsed = try JSONSerialization.jsonObject(with: Data(line)) } catch {
            let problem = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? "\(error)"
            // A line that does not even open like a reply is most likely a log line.
            // NaN and Infinity are named only when the reply holds them; another object is cut off or mistyped.
            let text = String(decoding: line, as: UTF8.self)
            let hint = line.first(where: { $0 != 0x20 && $0 != 0x09 }) != UInt8(ascii: "{")
                ? " (a plugin logs to standard error, never standard output)"
                : text.contains("NaN") || text.contains("Infinity")
                ? " (NaN and Infinity are no JSON: Python's json.dumps writes them unless allow_nan=False)"
                : " (one JSON object per line, complete and ending with a line break)"
            throw PluginError(pluginID: pluginID, message: "malformed reply (not JSON: \(problem)): \(shown)\(hint)")
        }
        guard let object = parsed as? [String: Any] else {
            throw PluginError(pluginID: pluginID, message: "malformed reply (a JSON value, not an object): \(shown)")
        }
        return object
    }

    /// Sends one request line and returns the reply line.
    private static func exchange(
        _ c: inout Connection, _ bytes: [UInt8], pluginID: String, timeout: Double
    ) throws(PluginError) -> [UInt8] {
        var written = 0
        while written < bytes.count {
            let n = bytes[written...].withUnsafeBytes { Glibc.write(c.child.input, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw PluginError(pluginID: pluginID, message: "the process no longer reads its input (\(c.child.exitDescription()))")
            }
            written += n
        }
        return try readLine(&c, pluginID: pluginID, timeout: timeout)
    }

    /// What the process wrote since its last reply, if anything (the first bytes, for the message).
    private static func pendingOutput(_ c: inout Connection) -> String? {
        // A blank line between replies (a print() too many) says nothing: JSON lines pass over blank lines. What
        // arrived after it is looked at too, so a stray line behind a blank one is still caught here.
        for _ in 0..<4 {
            var descriptor = pollfd(fd: c.child.output, events: Int16(POLLIN), revents: 0)
            if c.buffer.isEmpty, poll(&descriptor, 1, 0) > 0, descriptor.revents & Int16(POLLIN) != 0 {
                var chunk = [UInt8](repeating: 0, count: 4_096)
                let n = chunk.withUnsafeMutableBytes { Glibc.read(c.child.output, $0.baseAddress, $0.count) }
                if n > 0 { c.buffer.append(contentsOf: chunk[0..<n]) }
            }
            if let content = c.buffer.firstIndex(where: { !Self.isBlank($0) }) {
                if let lineEnd = c.buffer[..<content].lastIndex(of: 0x0A) { c.buffer.removeSubrange(...lineEnd) }
                return String(decoding: c.buffer.prefix(80), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            }
            guard !c.buffer.isEmpty else { return nil }
            c.buffer.removeAll()
        }
        return nil
    }

    /// A byte of a blank line: a space, a tab, a carriage return or a line feed.
    private static func isBlank(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0A }

    private static func readLine(_ c: inout Connection, pluginID: String, timeout: Double) throws(PluginError) -> [UInt8] {
        let deadline = Date().addingTimeInterval(timeout)
        // Bytes before `searched` hold no newline: each read is searched once, not the whole reply again.
        var searched = 0
        while true {
            if let newline = c.buffer[searched...].firstIndex(of: 0x0A) {
                let line = Array(c.buffer[..<newline])
                c.buffer.removeSubrange(...newline)
                // A blank line is passed over, as JSON lines have it.
                if line.allSatisfy(Self.isBlank) {
                    searched = 0
                    continue
                }
                return line
            }
            searched = c.buffer.count
            let remaining = deadline.timeIntervalSinceNow
            guard remaining > 0 else {
                throw PluginError(pluginID: pluginID, message: "no reply within \(timeout == timeout.rounded() ? String(Int(timeout)) : String(timeout)) s; the process was stopped (raise --plugin-timeout?)")
            }
            var descriptor = pollfd(fd: c.child.output, events: Int16(POLLIN), revents: 0)
            // In slices: a process that ended while a helper it started holds its output open sends no end of file.
            let ready = poll(&descriptor, 1, Int32(min(remaining, 0.25) * 1000))
            if ready < 0 && errno == EINTR { continue }
            if ready == 0 && !c.child.isRunning() {
                // Its reply may have come in just before it ended.
                var again = pollfd(fd: c.child.output, events: Int16(POLLIN), revents: 0)
                if poll(&again, 1, 0) > 0 { continue }
                throw PluginError(pluginID: pluginID, message: "the process ended without replying (\(c.child.exitDescription())); check its error output above")
            }
            if ready <= 0 { continue }
            var chunk = [UInt8](repeating: 0, count: 65_536)
            let n = chunk.withUnsafeMutableBytes { Glibc.read(c.child.output, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 {
                // End of its output: the process ended, or closed its standard output and goes on (then no reply can
                // come, and waiting for its exit would hang as long as it runs): wait no longer than the reply's time.
                while c.child.isRunning() && deadline.timeIntervalSinceNow > 0 { usleep(10_000) }
                if c.child.isRunning() {
                    throw PluginError(pluginID: pluginID, message: "the process closed its standard output without replying; it was stopped")
                }
                throw PluginError(pluginID: pluginID, message: "the process ended without replying (\(c.child.exitDescription())); check its error output above")
            }
            c.buffer.append(contentsOf: chunk[0..<n])
            if c.buffer.count > 256 << 20 {
                throw PluginError(pluginID: pluginID, message: "reply longer than 256 MiB without a newline")
            }
        }
    }

    private static func stop(_ c: inout Connection) {
        c.child.closeInput()
        if c.child.isRunning() {
            // Give a well-behaved plugin a moment to exit on end of input, then stop it.
            let deadline = Date().addingTimeInterval(1)
            while c.child.isRunning() && Date() < deadline { usleep(10_000) }
            if c.child.isRunning() { c.child.send(SIGTERM) }
            // A process that blocks or ignores SIGTERM is killed.
            let killAt = Date().addingTimeInterval(1)
            while c.child.isRunning() && Date() < killAt { usleep(10_000) }
            if c.child.isRunning() {
                c.child.send(SIGKILL)
                c.child.waitForExit()  // SIGKILL cannot be blocked: this returns at once
            }
        }
        // What the labeller started and left (a wrapper script's python stuck in a call) goes with it.
        c.child.send(SIGKILL)
        c.child.closeOutput()
    }
}
