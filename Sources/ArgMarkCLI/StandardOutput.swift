// `stdout` is a C global, which Swift 6 reads only through a @preconcurrency import in a file without Foundation.
#if canImport(Glibc)
    @preconcurrency import Glibc
#elseif canImport(Darwin)
    @preconcurrency import Darwin
#endif

/// Whether what was printed failed to reach standard output: the last flush failed, or an earlier write did (a large
/// print writes past the stream's buffer, so its error is behind us and only the stream's error flag keeps it).
func standardOutputFailed() -> Bool {
    fflush(stdout) != 0 || ferror(stdout) != 0
}

/// Writes `text` to standard output at once; whether it got there.
func writeStandardOutput(_ text: String) -> Bool {
    // fwrite with the length, not fputs: a NUL in the text (typed into a review command) would end fputs's string
    // there and swallow the rest of the reply with its newline.
    var text = text
    text.withUTF8 { buffer in _ = fwrite(buffer.baseAddress, 1, buffer.count, stdout) }
    return !standardOutputFailed()
}

/// Puts /dev/null, opened read-only, in place of a standard descriptor the process started without. A file the
/// run opens would otherwise take the lowest free descriptor: with standard output closed, review's lock file
/// became descriptor 1 and took the session's output. Read-only, a write to it fails, as a closed one does.
func reserveStandardDescriptors() {
    for descriptor: Int32 in 0...2 where fcntl(descriptor, F_GETFD) == -1 && errno == EBADF {
        let opened = open("/dev/null", O_RDONLY)
        if opened >= 0, opened != descriptor {
            dup2(opened, descriptor)
            close(opened)
        }
    }
}
