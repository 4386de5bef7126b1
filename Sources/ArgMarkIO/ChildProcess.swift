#if canImport(Glibc)
    import Glibc
#endif

/// A program started with its standard input and output on pipes and its standard error shared, for an external
/// labeller.
///
/// Started with `posix_spawnp` rather than Foundation's `Process` for two reasons. A child inherits the signal mask of
/// the thread that starts it, and ArgMark's worker threads block every signal, so the labeller could be stopped only
/// by SIGKILL and its own clean-up on SIGTERM never ran: here it starts with no signal blocked and the default action
/// for each. And `Process` learns that its child ended only when every process holding the child's inherited
/// descriptors has closed them, so a labeller that died leaving a background helper behind still "ran", and stopping it
/// waited as long as the helper lived: here the exit is asked of the kernel (`waitpid`).
struct ChildProcess: ~Copyable {
    let pid: pid_t
    /// Write end of the child's standard input (-1 once closed).
    private(set) var input: Int32
    /// Read end of the child's standard output (-1 once closed).
    private(set) var output: Int32
    /// The wait status once the child has been reaped.
    private var waitStatus: Int32?

    /// Why a program could not be started.
    struct StartError: Error {
        var message: String
    }

    /// Starts `command` (argv; the program is looked up on PATH unless it names a path).
    init(_ command: [String]) throws(StartError) {
        guard let program = command.first, !program.isEmpty else { throw StartError(message: "empty command") }
        var inputPipe: [Int32] = [-1, -1]
        var outputPipe: [Int32] = [-1, -1]
        guard pipe(&inputPipe) == 0 else { throw StartError(message: "cannot create a pipe: \(Self.describe(errno))") }
        guard pipe(&outputPipe) == 0 else {
            let code = errno
            close(inputPipe[0])
            close(inputPipe[1])
            throw StartError(message: "cannot create a pipe: \(Self.describe(code))")
        }
        // Close-on-exec: the child gets only the two ends it is given as 0 and 1, not ArgMark's ends (nor does a
        // labeller started later get this one's).
        for descriptor in inputPipe + outputPipe { _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, inputPipe[0], 0)
        posix_spawn_file_actions_adddup2(&actions, outputPipe[1], 1)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var unblocked = sigset_t()
        sigemptyset(&unblocked)
        posix_spawnattr_setsigmask(&attributes, &unblocked)
        // Signals ArgMark ignores (SIGPIPE) or a runtime may have set: the child starts with their default action.
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for number in [SIGPIPE, SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGCHLD, SIGUSR1, SIGUSR2, SIGALRM] { sigaddset(&defaults, number) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        // A process group of its own, signalled whole: a labeller started through a wrapper script (activate an
        // environment, then run python without exec) is stopped with the script, not left running under init.
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETPGROUP))
        var argv: [UnsafeMutablePointer<CChar>?] = command.map { strdup($0) }
        argv.append(nil)
        defer { for pointer in argv { free(pointer) } }
        var pid = pid_t()
        let result = posix_spawnp(&pid, program, &actions, &attributes, argv, environ)
        close(inputPipe[0])
        close(outputPipe[1])
        guard result == 0 else {
            close(inputPipe[1])
            close(outputPipe[0])
            switch result {
            case ENOENT:
                throw StartError(message: program.contains("/")
                    ? "cannot start \(program): no such file"
                    : "cannot start \(program): no such program on PATH (give its path, or its interpreter: python3 script.py)")
            case EACCES:
                throw StartError(message: "cannot start \(program): not executable (chmod +x \(program), or give its interpreter: python3 \(program))")
            default:
                throw StartError(message: "cannot start \(program): \(Self.describe(result))")
            }
        }
        self.pid = pid
        input = inputPipe[1]
        output = outputPipe[0]
    }

    /// Whether the child still runs (it is reaped, without waiting, once it has ended).
    mutating func isRunning() -> Bool {
        guard waitStatus == nil else { return false }
        var status: Int32 = 0
        let reaped = waitpid(pid, &status, WNOHANG)
        if reaped == pid {
            waitStatus = status
            return false
        }
        // ECHILD: reaped by someone else; nothing runs under this id that is still ours.
        if reaped < 0 && errno == ECHILD {
            waitStatus = -1
            return false
        }
        return true
    }

    /// Waits for the child to end (after SIGKILL, which it cannot block).
    mutating func waitForExit() {
        guard waitStatus == nil else { return }
        var status: Int32 = 0
        while true {
            let reaped = waitpid(pid, &status, 0)
            if reaped == pid { waitStatus = status; return }
            if reaped < 0 && errno == EINTR { continue }
            waitStatus = -1
            return
        }
    }

    /// Sends `signal` to the child's process group (its own, led by it): the child and whatever it started. Also after
    /// the child has ended, for a helper it left running (a group's id is not given to another process while the
    /// group has a member).
    func send(_ signal: Int32) {
        if kill(-pid, signal) != 0, waitStatus == nil { kill(pid, signal) }
    }

    mutating func closeInput() {
        if input >= 0 { close(input) }
        input = -1
    }

    mutating func closeOutput() {
        if output >= 0 { close(output) }
        output = -1
    }

    /// "exit status 3", "killed by signal 9" or "still running".
    mutating func exitDescription() -> String {
        guard !isRunning(), let status = waitStatus else { return "still running" }
        if status < 0 { return "ended" }
        let signal = status & 0x7F
        return signal != 0 ? "killed by signal \(signal)" : "exit status \((status >> 8) & 0xFF)"
    }

    private static func describe(_ code: Int32) -> String { String(cString: strerror(code)) }

    deinit {
        if input >= 0 { close(input) }
        if output >= 0 { close(output) }
    }
}
