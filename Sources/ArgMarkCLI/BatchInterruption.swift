import ArgMarkIO
import Dispatch
import Foundation

/// What a batch has done so far, for the word it leaves when Ctrl-C or SIGTERM stops it: the failures were said as
/// they came, so only the count remains to say. Updated from the batch's progress, read by the signal handler.
final class BatchTally: @unchecked Sendable {
    private let lock = NSLock()
    private var progress: BatchProgress?
    /// Inputs that were not found, failed before the batch began.
    private let missing: Int
    /// Whether a progress bar is on the terminal, to be cleared before the last word.
    private let showsBar: Bool

    init(missing: Int, showsBar: Bool) {
        self.missing = missing
        self.showsBar = showsBar
    }

    /// Set once a signal is being handled: the labellers it stops make the documents in flight fail, which is no
    /// failure to report, and the batch must not end on its own before the handler exits with the signal's status.
    private var stopping = false

    var isStopping: Bool { lock.withLock { stopping } }

    func beginStopping() {
        lock.withLock { stopping = true }
    }

    /// Documents that failed once the signal was being handled: the labeller stopped under them, so they were not
    /// written, but they failed of no fault of their own.
    private var abandoned = 0

    func update(_ progress: BatchProgress) {
        lock.withLock {
            self.progress = progress
            if stopping, progress.latestFailure != nil { abandoned += 1 }
        }
    }

    /// The line an interrupted batch ends with.
    /// - Parameter output: the output directory, nil when the output goes to standard output.
    func interruptedLine(total: Int, output: String?) -> (line: String, clearBar: Bool) {
        lock.withLock {
            let done = missing + (progress?.done ?? 0) - abandoned
            let failed = missing + (progress?.failed ?? 0) - abandoned
            let written = done - failed
            // One file (with an external labeller) is no batch: there is no "other" file to tell of.
            if total == 1 {
                if written == 1 { return ("interrupted after the file was written whole", showsBar) }
                return ("interrupted before the file was \(failed == 1 ? "done (its failure is named above)" : "written")"
                    + (output == nil ? "" : ": run the same command again to do it"), showsBar)
            }
            let place = output.map { " in \($0)" } ?? ""
            let rest = total - done == 1 ? "the other file was not written: run the same command again to do it"
                : "the other \(total - done) were not written: run the same command again to do them"
            // A file renamed into place a moment before the signal may not be counted yet: "at least".
            return ("interrupted after \(done) of \(total) files: at least \(written) written whole\(place), \(failed) failed"
                + (failed > 0 ? " (named above)" : "") + "; " + rest, showsBar)
        }
    }
}

/// Ctrl-C (SIGINT) and SIGTERM during a batch: the partial summary, then the exit status a shell expects of the
/// signal (130, 143). Outputs are written by rename, so none is left half written; the temporary files of the writes
/// in flight are removed (one a write begins meanwhile, by the next run).
enum BatchInterruption {
    /// What Ctrl-C or SIGTERM does during the batch: stop the external labellers (`beforeExit`), so that the word
    /// counts the documents that end meanwhile, say how far the batch got, and exit with the signal's status.
    static func action(tally: BatchTally, total: Int, output: String?, beforeExit: @escaping @Sendable () -> Void = {}) -> @Sendable (Int32) -> Void {
        { number in
            tally.beginStopping()
            beforeExit()
            let (line, clearBar) = tally.interruptedLine(total: total, output: output)
            // The writes in flight leave no temporary files behind (those beginning meanwhile go at the next run).
            if let output { FileAccess.removeStaleTemporaries(under: output, includingOwn: true) }
            if clearBar { Terminal.status(nil) }
            Terminal.note(line)
            SignalHandlers.endBy(number)
        }
    }
}

/// Where a signal goes as a command moves from one stage to the next (starting the external labellers, the batch):
/// the handlers are installed once, since a signal source cancelled and made again on Linux leaves the signal
/// ignored.
final class SignalRoute: @unchecked Sendable {
    private let lock = NSLock()
    private var action: (@Sendable (Int32) -> Void)?

    func set(_ action: @escaping @Sendable (Int32) -> Void) { lock.withLock { self.action = action } }

    func fire(_ number: Int32) {
        let action = lock.withLock { self.action }
        action?(number)
    }
}

/// Signals handled on a queue rather than by their default action, for as long as the value is kept: `handler`
/// runs with the signal's number (and ends the process). `cancel()` gives the signals their default action back.
final class SignalHandlers: @unchecked Sendable {
    private let numbers: [Int32]
    private let sources: [DispatchSourceSignal]

    /// A signal the process was started with ignored (a script's background job, nohup) stays ignored, as it was
    /// before ArgMark handled any.
    init(_ numbers: [Int32], handler: @escaping @Sendable (Int32) -> Void) {
        var handled: [Int32] = []
        var sources: [DispatchSourceSignal] = []
        // A queue of their own: the shared pool, filled by a batch's parallel documents, ran a Ctrl-C only once a
        // document had finished (and counted it wrongly).
        let queue = DispatchQueue(label: "argmark.signals")
        for number in numbers {
            let previous = signal(number, SIG_IGN)
            if Self.isIgnore(previous) { continue }
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler { handler(number) }
            source.resume()
            handled.append(number)
            sources.append(source)
        }
        self.numbers = handled
        self.sources = sources
    }

    func cancel() {
        for source in sources { source.cancel() }
        for number in numbers { signal(number, SIG_DFL) }
    }

    /// Whether `number` is ignored (the process was started so).
    static func isIgnored(_ number: Int32) -> Bool {
        var current = sigaction()
        sigaction(number, nil, &current)
        return isIgnore(current.__sigaction_handler.sa_handler)
    }

    private static func isIgnore(_ disposition: sighandler_t?) -> Bool {
        guard let disposition else { return false }
        return unsafeBitCast(disposition, to: Int.self) == unsafeBitCast(SIG_IGN, to: Int.self)
    }

    /// Ends the process by `number` with its default action once a handler has said its last word, so that the
    /// shell sees a death by the signal (a loop of runs stops at Ctrl-C, as it would without ArgMark's handler);
    /// 128 + the number should the signal not end it.
    static func endBy(_ number: Int32) -> Never {
        signal(number, SIG_DFL)
        // Raised in this thread, with the signal let through here (another thread may block it: SIGTERM is blocked
        // where a Process was started).
        var only = sigset_t()
        sigemptyset(&only)
        sigaddset(&only, number)
        pthread_sigmask(SIG_UNBLOCK, &only, nil)
        raise(number)
        _exit(128 + number)
    }
}

/// Process ids noted from one thread and read by a signal handler on another.
final class ProcessList: @unchecked Sendable {
    private let lock = NSLock()
    private var ids: [Int32] = []
    private var stopped = false

    func add(_ id: Int32) { lock.withLock { ids.append(id) } }
    var all: [Int32] { lock.withLock { ids } }
    /// Set by a signal handler that is stopping the processes: what their ending makes fail is no error to report.
    var isStopping: Bool { lock.withLock { stopped } }
    func beginStopping() { lock.withLock { stopped = true } }
}
