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

    func update(_ progress: BatchProgress) {
        lock.withLock { self.progress = progress }
    }

    /// The line an interrupted batch ends with.
    func interruptedLine(total: Int, output: String?) -> (line: String, clearBar: Bool) {
        lock.withLock {
            let done = missing + (progress?.done ?? 0)
            let failed = missing + (progress?.failed ?? 0)
            let written = done - failed
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
/// signal (130, 143). Outputs are written by rename, so none is left half written; a temporary file of a write in
/// flight is removed by the next run.
enum BatchInterruption {
    /// Keeps the signal sources alive for the batch.
    final class Handlers: @unchecked Sendable {
        let sources: [DispatchSourceSignal]
        init(_ sources: [DispatchSourceSignal]) { self.sources = sources }
        func cancel() {
            for source in sources { source.cancel() }
            for number in [SIGINT, SIGTERM] { signal(number, SIG_DFL) }
        }
    }

    /// - Parameter beforeExit: run after the last word, before exiting (stops the external labellers).
    static func install(tally: BatchTally, total: Int, output: String?, beforeExit: @escaping @Sendable () -> Void = {}) -> Handlers {
        let sources = [(SIGINT, Int32(130)), (SIGTERM, Int32(143))].map { number, status -> DispatchSourceSignal in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                tally.beginStopping()
                let (line, clearBar) = tally.interruptedLine(total: total, output: output)
                if clearBar { Terminal.status(nil) }
                Terminal.note(line)
                beforeExit()
                _exit(status)
            }
            source.resume()
            return source
        }
        return Handlers(sources)
    }
}
