import ArgMarkCore
import ArgMarkReview
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The journal of a review, `FILE.journal` beside the reviewed file: a header naming the version of the file it
/// belongs to (size and FNV-1a hash), then one JSON line per edit, each written and flushed to disk (fdatasync)
/// before the editor acknowledges the edit. A crash, a closed terminal or `kill -9` loses nothing acknowledged;
/// reopening replays it. A line cut short by a crash was never acknowledged and is ignored.
public final class ReviewJournal {
    public let path: String
    /// The version of the reviewed file the journal belongs to: the one opened, then the one last written.
    public private(set) var fileVersion: FileVersion
    private var descriptor: Int32 = -1
    /// The journal's complete lines as written (header, edits, marks), kept so that a journal another program
    /// deletes while the session runs can be written again whole (`restoreIfRemoved`).
    private var retained: [UInt8] = []
    /// Held by every change to the journal: a signal's handler, on another thread, may write it again.
    private let changing = NSLock()
    /// Whether the journal was deleted under the session and could not be written again yet: `retained` holds what
    /// it held, and every later attempt writes it whole first.
    private var lost = false

    /// Whether the journal on disk holds every edit acknowledged (false after a deletion it could not be written
    /// again from).
    public var isIntact: Bool { changing.withLock { !lost } }

    public struct FileVersion: Sendable, Hashable, Codable {
        public var size: Int
        public var hash: String

        public init(bytes: [UInt8]) {
            size = bytes.count
            hash = String(FNV1a.hash(bytes), radix: 16)
        }
    }

    private struct Header: Codable {
        var argmarkJournal: Int
        var file: String
        var version: FileVersion
        /// The linker that completed the file's tree when the session opened, "" for none (a journal written
        /// before this was recorded has nil).
        var treeCompletedBy: String?
    }

    /// What a journal on disk holds.
    public struct Contents: Sendable {
        public var version: FileVersion
        public var edits: [ReviewEdit]
        /// The linker that completed the file's tree when the journalled session opened ("" for none; nil when
        /// the journal does not say). A session whose tree another linker completed would not fit its edits.
        public var treeCompletedBy: String?
        /// The version a write was about to leave in the file (`noteWriting`): a file of that version holds every
        /// edit above the mark, and the journal was only not yet removed.
        public var writing: FileVersion?
    }

    /// The line `noteWriting` appends.
    private struct WritingMark: Codable {
        var writing: FileVersion
    }

    public enum JournalError: Error, Sendable, CustomStringConvertible {
        case unreadable(String, String)
        case malformed(String, line: Int)
        case unwritable(String, String)

        public var description: String {
            switch self {
            case .unreadable(let path, let reason): "\(path): cannot read the journal (\(reason))"
            case .malformed(let path, let line): "\(path): line \(line) is not a journal entry; the journal is damaged (move it away to open the file without it)"
            case .unwritable(let path, let reason): "\(path): cannot write the journal (\(reason)); the edit was not made"
            }
        }
    }

    /// `FILE.journal`.
    public static func path(for file: String) -> String { file + ".journal" }

    /// The name of the file a journal at `path` belongs to, for its header (a journal moved aside still says whose
    /// edits it holds).
    static func journalledFileName(_ path: String) -> String {
        let name = (path as NSString).lastPathComponent
        return name.hasSuffix(".journal") ? String(name.dropLast(".journal".count)) : name
    }

    /// The linker that completed the file's tree on opening ("" for none), recorded in the header; after a write the
    /// file holds the tree, so the journal that starts then records none.
    public private(set) var treeCompletedBy: String

    /// write(2), or in a test one that fails part way as a full disk does.
    private let writeBytes: (Int32, UnsafeRawPointer, Int) -> Int

    public convenience init(path: String, fileVersion: FileVersion, treeCompletedBy: String = "") {
        self.init(path: path, fileVersion: fileVersion, treeCompletedBy: treeCompletedBy) { write($0, $1, $2) }
    }

    init(path: String, fileVersion: FileVersion, treeCompletedBy: String = "", writeBytes: @escaping (Int32, UnsafeRawPointer, Int) -> Int) {
        self.path = path
        self.fileVersion = fileVersion
        self.treeCompletedBy = treeCompletedBy
        self.writeBytes = writeBytes
    }

    deinit {
        if descriptor >= 0 { close(descriptor) }
    }

    /// The journal at `path`, nil when there is none.
    public static func read(_ path: String) throws(JournalError) -> Contents? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        guard let data = FileManager.default.contents(atPath: path) else { throw .unreadable(path, "permission denied") }
        var lines = data.split(separator: 0x0A, omittingEmptySubsequences: false)
        // After a complete file the split ends with an empty piece; otherwise the last line was cut short by a crash
        // and never acknowledged. Either way the last piece goes.
        if !lines.isEmpty { lines.removeLast() }
        guard let first = lines.first else { return nil }
        let decoder = JSONDecoder()
        guard let header = try? decoder.decode(Header.self, from: Data(first)), header.argmarkJournal == 1 else {
            throw .malformed(path, line: 1)
        }
        var edits: [ReviewEdit] = []
        var writing: FileVersion?
        for (n, line) in lines.dropFirst().enumerated() {
            if let edit = try? decoder.decode(ReviewEdit.self, from: Data(line)) {
                edits.append(edit)
            } else if let mark = try? decoder.decode(WritingMark.self, from: Data(line)) {
                writing = mark.writing
            } else {
                throw .malformed(path, line: n + 2)
            }
        }
        return Contents(version: header.version, edits: edits, treeCompletedBy: header.treeCompletedBy, writing: writing)
    }

    /// The warning for a command that reads `file` while its review journal holds edits never written into it (a
    /// session left with quit twice, or killed): those edits are not in what the command reads. Nil when there is
    /// no such journal, or a write that completed holds its edits.
    public static func unwrittenEditsWarning(for file: String) -> String? {
        // Review journals a file opened through a link as the file it leads to.
        let journal = path(for: FileAccess.linkTarget(of: file) ?? file)
        guard FileManager.default.fileExists(atPath: journal) else { return nil }
        guard let contents = try? read(journal) else {
            return "\(journal) is a review journal that cannot be read; open \(file) in argmark review to see what it holds"
        }
        guard !contents.edits.isEmpty else { return nil }
        if let writing = contents.writing, let bytes = try? FileAccess.read(file), FileVersion(bytes: bytes) == writing { return nil }
        // Undos and redos are steps of their own here; review counts what they leave (recovered N unsaved edits).
        func counted(_ kind: ReviewEdit.Kind, _ word: String) -> String? {
            let n = contents.edits.count { $0.kind == kind }
            return n == 0 ? nil : "\(n) \(word)\(n == 1 ? "" : "s")"
        }
        let kinds = [counted(.edit, "edit"), counted(.undo, "undo"), counted(.redo, "redo")].compactMap { $0 }
        let count = contents.edits.count
        let steps = kinds.count == 1 && contents.edits[0].kind == .edit
            ? "\(count) review edit\(count == 1 ? "" : "s")"
            : "\(count) review step\(count == 1 ? "" : "s") (\(kinds.joined(separator: ", ")))"
        return "\(journal) holds \(steps) not written into \(file), which this reads without them; open it in argmark review and write them (w) first"
    }

    /// Appends `edit` and flushes it to disk; the journal file (with its header) is created on the first edit.
    public func append(_ edit: ReviewEdit) throws(JournalError) {
        changing.lock()
        defer { changing.unlock() }
        // Deleted under the session (a clean-up script, a sync client): this edit would go to a file no one can open.
        _ = try restoreIfRemovedHoldingLock()
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var bytes: [UInt8] = []
        if descriptor < 0 {
            let complete = try openForAppending(existing: FileManager.default.contents(atPath: path) ?? Data())
            if complete == 0 {
                let header = Header(
                    argmarkJournal: 1, file: Self.journalledFileName(path), version: fileVersion, treeCompletedBy: treeCompletedBy)
                guard let data = try? encoder.encode(header) else { throw .unwritable(path, "cannot encode the header") }
                bytes += Array(data) + [0x0A]
            }
        }
        guard let data = try? encoder.encode(edit) else { throw .unwritable(path, "cannot encode the edit") }
        bytes += Array(data) + [0x0A]
        // An append that fails part way (a full disk) is taken back whole: a partial line would have the next entry
        // glued to it and make every acknowledged edit unreadable, and a complete line whose sync failed is an edit
        // reported as not made that a reopening would replay.
        let before = lseek(descriptor, 0, SEEK_END)
        var written = 0
        var failure: String?
        while written < bytes.count {
            let n = bytes.withUnsafeBytes { writeBytes(descriptor, $0.baseAddress! + written, $0.count - written) }
            if n < 0 {
                if errno == EINTR { continue }
                failure = String(cString: strerror(errno))
                break
            }
            written += n
        }
        if failure == nil, fdatasync(descriptor) != 0 { failure = String(cString: strerror(errno)) }
        guard let failure else {
            retained += bytes
            return
        }
        var info = stat()
        if before >= 0, fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, ftruncate(descriptor, before) == 0 {
            _ = fdatasync(descriptor)
            if before == 0 {
                // Nothing acknowledged is in it: the next edit starts the journal again, header first.
                close(descriptor)
                descriptor = -1
                retained = []
                unlink(path)
            }
        }
        throw .unwritable(path, failure)
    }

    /// Writes the journal again, whole, when another program deleted or replaced it while the session held it open
    /// (or an earlier attempt failed); returns whether it did. A journal this session has not opened yet (recovered
    /// on opening, no edit since) is not known whole here, and is left as it is. With `waiting` false (a signal's
    /// handler) it gives up at once while an edit is being written, rather than wait on a slow disk.
    @discardableResult
    public func restoreIfRemoved(waiting: Bool = true) throws(JournalError) -> Bool {
        if waiting { changing.lock() } else if !changing.try() { return false }
        defer { changing.unlock() }
        return try restoreIfRemovedHoldingLock()
    }

    private func restoreIfRemovedHoldingLock() throws(JournalError) -> Bool {
        if !lost {
            guard descriptor >= 0 else { return false }
            var held = stat(), onDisk = stat()
            guard fstat(descriptor, &held) == 0 else { return false }
            if held.st_nlink > 0, stat(path, &onDisk) == 0, onDisk.st_ino == held.st_ino, onDisk.st_dev == held.st_dev { return false }
            close(descriptor)
            descriptor = -1
            lost = true
        }
        let fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_TRUNC | O_CLOEXEC, journalMode())
        guard fd >= 0 else {
            throw .unwritable(path, "it was deleted while the review was open and cannot be made again: \(String(cString: strerror(errno)))")
        }
        var written = 0
        while written < retained.count {
            let n = retained.withUnsafeBytes { writeBytes(fd, $0.baseAddress! + written, $0.count - written) }
            if n < 0, errno == EINTR { continue }
            guard n > 0 else { break }
            written += n
        }
        guard written == retained.count, fdatasync(fd) == 0 else {
            let reason = String(cString: strerror(errno))
            close(fd)
            unlink(path)
            throw .unwritable(path, "it was deleted while the review was open and cannot be written again whole: \(reason)")
        }
        descriptor = fd
        lost = false
        return true
    }

    /// Marks, before the file is replaced, the version the write leaves in it: a process killed between the rename
    /// and the journal's removal leaves a journal whose edits the file already holds, which the next opening can
    /// then tell from one that belongs to another version. Best effort: without the mark such a journal is refused
    /// as before, naming the way out.
    public func noteWriting(_ version: FileVersion) {
        changing.lock()
        defer { changing.unlock() }
        _ = try? restoreIfRemovedHoldingLock()
        // A journal recovered on opening, and written without a new edit, is not open yet.
        if descriptor < 0, !lost, let existing = FileManager.default.contents(atPath: path) { _ = try? openForAppending(existing: existing) }
        guard descriptor >= 0 else { return }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        guard let data = try? encoder.encode(WritingMark(writing: version)) else { return }
        let bytes = Array(data) + [0x0A]
        let before = lseek(descriptor, 0, SEEK_END)
        let n = bytes.withUnsafeBytes { writeBytes(descriptor, $0.baseAddress!, $0.count) }
        if n != bytes.count || fdatasync(descriptor) != 0 {
            if before >= 0 { _ = ftruncate(descriptor, before) }
        } else {
            retained += bytes
        }
    }

    /// The journal's mode: as private as the file it journals (a 600 file's journal is 600), and always writable by
    /// its owner (a write-protected file's journal still takes edits).
    private func journalMode() -> mode_t {
        var reviewed = stat()
        return path.hasSuffix(".journal") && stat(String(path.dropLast(".journal".count)), &reviewed) == 0
            ? (reviewed.st_mode & 0o666) | 0o600 : 0o644
    }

    /// Opens the journal for appending (creating it), with a last line a crash cut short dropped first; returns the
    /// length of its complete lines (0: no header yet).
    private func openForAppending(existing: Data) throws(JournalError) -> Int {
        let complete = existing.lastIndex(of: 0x0A).map { $0 + 1 } ?? 0
        // The journal holds the edits' text (`journalMode`).
        let mode = journalMode()
        descriptor = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, mode)
        guard descriptor >= 0 else { throw .unwritable(path, String(cString: strerror(errno))) }
        // The mode itself, not as the umask cuts it: a shared file's group may append to its journal as to the file.
        if existing.isEmpty { _ = fchmod(descriptor, mode) }
        if complete < existing.count, ftruncate(descriptor, off_t(complete)) != 0 {
            throw .unwritable(path, String(cString: strerror(errno)))
        }
        retained = Array(existing.prefix(complete))
        return complete
    }

    /// Deletes the journal after the file was written, so that the edits after that point go into a new journal
    /// that names the version written (a journal naming the opened version would be refused when reopening).
    public func restart(for written: FileVersion) {
        remove()
        fileVersion = written
        treeCompletedBy = ""
    }

    /// Deletes the journal (after the file was written, or when its edits are discarded).
    public func remove() {
        changing.lock()
        defer { changing.unlock() }
        retained = []
        lost = false
        if descriptor >= 0 {
            close(descriptor)
            descriptor = -1
        }
        unlink(path)
    }
}

/// The lock a review session holds on `FILE.journal.lock` while it runs, so that a second session on the same file is
/// refused instead of journalling into, and writing over, the first one's work. It is an advisory `flock`, which the
/// system releases when the process ends however it ends, so a crash leaves no stale lock.
public final class ReviewLock {
    public let path: String
    private var descriptor: Int32

    public enum LockError: Error, Sendable, CustomStringConvertible {
        case held(String)
        case unavailable(String, String)

        public var description: String {
            switch self {
            case .held(let file): "\(file) is open in another review session; finish that one first (write or quit), then reopen it"
            case .unavailable(let path, let reason): "\(path): cannot take the review lock (\(reason))"
            }
        }
    }

    /// `FILE.journal.lock`.
    public static func path(for file: String) -> String { ReviewJournal.path(for: file) + ".lock" }

    /// Takes the lock for reviewing `file`, or throws when another session holds it.
    public init(file: String) throws(LockError) {
        path = Self.path(for: file)
        descriptor = -1
        // A session that ends removes the lock file; one that opened it just before then holds a lock on a file no
        // longer at the path, so the lock counts only when the locked file is still the one there.
        for _ in 0..<8 {
            let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
            guard fd >= 0 else { throw .unavailable(path, String(cString: strerror(errno))) }
            guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
                let busy = errno == EWOULDBLOCK
                let reason = String(cString: strerror(errno))
                close(fd)
                throw busy ? .held(file) : .unavailable(path, reason)
            }
            var locked = stat()
            var current = stat()
            if fstat(fd, &locked) == 0, stat(path, &current) == 0, locked.st_dev == current.st_dev, locked.st_ino == current.st_ino {
                descriptor = fd
                return
            }
            close(fd)
        }
        throw .unavailable(path, "the lock file kept changing")
    }

    /// Releases the lock and removes its file.
    public func release() {
        guard descriptor >= 0 else { return }
        unlink(path)
        close(descriptor)
        descriptor = -1
    }

    deinit { release() }
}
