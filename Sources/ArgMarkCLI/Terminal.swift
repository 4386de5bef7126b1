import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Writing to standard error: errors, notes and a redrawn status line.
enum Terminal {
    static var isStandardErrorTerminal: Bool { isatty(2) == 1 }

    static func error(_ message: String) {
        write("argmark: error: \(message)\n")
    }

    static func warning(_ message: String) {
        write("argmark: warning: \(message)\n")
    }

    static func note(_ message: String) {
        write("argmark: \(message)\n")
    }

    /// Redraws the status line in place; nil clears it.
    static func status(_ line: String?) {
        write("\r\u{1B}[2K" + (line ?? ""))
    }

    /// Writes `text` to standard error as it is. A failed write is let go: Foundation's FileHandle traps on one
    /// (a closed pipe, a full disk), which killed a review whose error output went to `| head` with SIGILL.
    static func write(_ text: String) {
        var text = text
        text.withUTF8 { buffer in
            // All of it, across short writes and interruptions; a failure (a closed pipe) is let go.
            var offset = 0
            while offset < buffer.count {
                let n = Glibc.write(2, buffer.baseAddress! + offset, buffer.count - offset)
                if n > 0 {
                    offset += n
                } else if n < 0, errno == EINTR {
                    continue
                } else {
                    break
                }
            }
        }
    }
}
