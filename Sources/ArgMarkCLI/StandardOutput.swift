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
