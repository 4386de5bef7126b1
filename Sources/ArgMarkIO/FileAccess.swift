import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Why a file could not be read or written, phrased for the user.
public enum FileAccessError: Error, Sendable, Hashable, CustomStringConvertible {
    case notFound(String)
    case isDirectory(String)
    case unreadable(String, reason: String)
    case tooLarge(String, bytes: Int, limit: Int)
    case unwritable(String, reason: String)
    /// Standard output refused the output (a full disk, a closed descriptor): what went there is incomplete.
    case standardOutput(reason: String)
    /// A label table with other rows could not be kept before being replaced (`EarlierLabelTable`), so it was not.
    case earlierTableNotKept(String, backup: String, difference: String, reason: String)

    public var description: String {
        switch self {
        case .notFound(let path): "\(path): no such file or directory; check the path"
        case .isDirectory(let path): "\(path): is a directory where a file was expected"
        case .unreadable(let path, let reason): "\(path): cannot read (\(reason)); check its permissions"
        case .tooLarge(let path, let bytes, let limit):
            "\(path): \(bytes / 1_048_576) MiB is larger than the \(limit / 1_048_576) MiB limit; split the document"
        case .unwritable(let path, let reason): "\(path): cannot write (\(reason)); check that its folder exists, can be written and has room"
        case .standardOutput(let reason):
            "cannot write to standard output (\(reason)); what went there is incomplete: check the disk or pipe it goes to, or write files with --out DIR"
        case .earlierTableNotKept(let path, let backup, let difference, let reason):
            "\(path): not replaced: it differs from this run's table in \(difference), and keeping it as \(backup) failed (\(reason)), so it is left as it was; make room or make its folder writable, or write elsewhere (another --out)"
        }
    }
}

/// Reading inputs with a size bound, and writing outputs atomically (temporary file, fsync, rename), so a killed
/// run never leaves a half-written output.
public enum FileAccess {
    /// `path` as a command a message suggests must write it to be pasted into a shell: as it is when it holds only
    /// letters (Chinese too), digits and `_@%+=:,./-`, else in single quotes (rv/'name with spaces.jsonl' reads
    /// as one word; a quote inside becomes '\'').
    public static func shellQuoted(_ path: String) -> String {
        let plain = !path.isEmpty && path.unicodeScalars.allSatisfy { c in
            c.value > 0x7F ? c.properties.isAlphabetic || c.properties.numericType != nil
                : (c.properties.isAlphabetic || ("0"..."9").contains(c) || "_@%+=:,./-".unicodeScalars.contains(c))
        }
        return plain ? path : "'" + path.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    /// The largest single input accepted.
    public static let maxInputBytes = 1 << 30

    /// Whether `path` names a directory (through links).
    public static func isDirectory(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    public static func read(_ path: String, limit: Int = maxInputBytes) throws(FileAccessError) -> [UInt8] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { throw .notFound(path) }
        if isDirectory.boolValue { throw .isDirectory(path) }
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw .unreadable(path, reason: String(cString: strerror(errno))) }
        defer { close(fd) }
        var info = stat()
        if fstat(fd, &info) == 0, Int(info.st_size) > limit {
            throw .tooLarge(path, bytes: Int(info.st_size), limit: limit)
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(max(Int(info.st_size), 0))
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let n = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw .unreadable(path, reason: String(cString: strerror(errno)))
            }
            if n == 0 { break }
            bytes.append(contentsOf: chunk[0..<n])
            if bytes.count > limit { throw .tooLarge(path, bytes: bytes.count, limit: limit) }
        }
        return bytes
    }

    /// Reads all of standard input.
    public static func readStandardInput(limit: Int = maxInputBytes) throws(FileAccessError) -> [UInt8] {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { Glibc.read(0, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw .unreadable("-", reason: String(cString: strerror(errno)))
            }
            if n == 0 { break }
            bytes.append(contentsOf: chunk[0..<n])
            if bytes.count > limit { throw .tooLarge("-", bytes: bytes.count, limit: limit) }
        }
        return bytes
    }

    /// Removes the temporary files that `writeAtomically` left under `directory` when a run was interrupted (Ctrl-C,
    /// kill -9): `.NAME.PID.N.argmark-tmp` whose process no longer runs. A running batch's own are kept. Returns how
    /// many went.
    /// With `includingOwn`, this process's too: an interrupted batch removes those of the writes it stops.
    @discardableResult
    public static func removeStaleTemporaries(under directory: String, includingOwn: Bool = false) -> Int {
        guard let enumerator = FileManager.default.enumerator(atPath: directory) else { return 0 }
        var removed = 0
        while let relative = enumerator.nextObject() as? String {
            let name = (relative as NSString).lastPathComponent
            // The batch writes into no hidden directory (.git and the like are not walked).
            if name.hasPrefix("."), (enumerator.fileAttributes?[.type] as? FileAttributeType) == .typeDirectory {
                enumerator.skipDescendants()
                continue
            }
            guard name.hasPrefix("."), isStaleTemporary(name) || (includingOwn && isOwnTemporary(name)) else { continue }
            if unlink((directory as NSString).appendingPathComponent(relative)) == 0 { removed += 1 }
        }
        return removed
    }

    /// Removes the temporary copies of `path` that an interrupted `writeAtomically` left beside it
    /// (`.NAME.PID.N.argmark-tmp` whose process no longer runs), as a review opening the file does: a killed write
    /// leaves a full copy of the document that nothing else would ever remove. Returns how many went.
    @discardableResult
    public static func removeStaleTemporaries(of path: String) -> Int {
        let target = linkTarget(of: path) ?? path
        let directory = directoryPart(of: target)
        let prefix = "." + (target as NSString).lastPathComponent + "."
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory.isEmpty ? "." : directory) else { return 0 }
        var removed = 0
        for name in names where name.hasPrefix(prefix) && isStaleTemporary(name) {
            if unlink((directory.isEmpty ? "" : directory + "/") + name) == 0 { removed += 1 }
        }
        return removed
    }

    /// Whether `name` is a temporary file `writeAtomically` named (`.NAME.PID.N.argmark-tmp`) whose process no
    /// longer runs.
    static func isStaleTemporary(_ name: String) -> Bool {
        guard let pid = temporaryOwner(name) else { return false }
        return kill(pid, 0) != 0 && errno == ESRCH
    }

    /// Whether `name` is a temporary file this process's `writeAtomically` named.
    static func isOwnTemporary(_ name: String) -> Bool { temporaryOwner(name) == getpid() }

    /// The process that wrote the temporary file `name` (`.NAME.PID.N.argmark-tmp`), or nil when it is none.
    private static func temporaryOwner(_ name: String) -> Int32? {
        guard name.hasSuffix(".argmark-tmp") else { return nil }
        let parts = name.dropLast(".argmark-tmp".count).split(separator: ".")
        guard parts.count >= 3, let pid = Int32(parts[parts.count - 2]), pid > 0, UInt32(parts[parts.count - 1]) != nil else { return nil }
        return pid
    }

    /// Whether `a` and `b` name one file: the same path once normalised and links resolved, or (both existing) the
    /// same file through a hard link.
    public static func isSameFile(_ a: String, _ b: String) -> Bool {
        if URL(fileURLWithPath: a).standardizedFileURL.resolvingSymlinksInPath()
            == URL(fileURLWithPath: b).standardizedFileURL.resolvingSymlinksInPath() { return true }
        var x = stat()
        var y = stat()
        return stat(a, &x) == 0 && stat(b, &y) == 0 && x.st_dev == y.st_dev && x.st_ino == y.st_ino
    }

    /// The directory part of `path` ("" for a bare name, "/" for a file at the root). NSString's
    /// deletingLastPathComponent crashes on some one-character strings (`--out a`), so the path is cut here.
    public static func directoryPart(of path: String) -> String {
        var end = path.endIndex
        while end > path.startIndex, path[path.index(before: end)] == "/" { end = path.index(before: end) }
        guard let slash = path[..<end].lastIndex(of: "/") else { return "" }
        var cut = slash
        while cut > path.startIndex, path[path.index(before: cut)] == "/" { cut = path.index(before: cut) }
        return cut == path.startIndex ? "/" : String(path[..<cut])
    }

    /// Replaces the files of a directory as a whole (a model folder: its weights and the manifest that describes
    /// them): the new set is written into a sibling temporary directory, with the directory's other files copied
    /// over except `dropping`, and then takes the directory's place, so that a failed write leaves the old set, never
    /// a new manifest beside old weights. A directory that is not there yet is created.
    public static func replaceFiles(in directory: String, with files: [(name: String, bytes: [UInt8])], dropping: Set<String> = [])
        throws(FileAccessError)
    {
        let target = directory.hasSuffix("/") && directory.count > 1 ? String(directory.dropLast()) : directory
        var isDirectory: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: target, isDirectory: &isDirectory)
        if exists && !isDirectory.boolValue { throw .unwritable(target, reason: "it is a file, not a directory") }
        let parent = directoryPart(of: target)
        if !parent.isEmpty {
            do { try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true) } catch {
                throw .unwritable(parent, reason: "cannot create the directory")
            }
        }
        let name = (target as NSString).lastPathComponent
        let stem = (parent.isEmpty ? "" : parent + "/") + ".\(name).\(getpid()).\(UInt32.random(in: 0...UInt32.max))"
        let staging = stem + ".argmark-tmp"
        let previous = stem + ".old.argmark-tmp"
        guard mkdir(staging, 0o755) == 0 else { throw .unwritable(target, reason: String(cString: strerror(errno))) }
        func abandon() { try? FileManager.default.removeItem(atPath: staging) }
        let written = Set(files.map(\.name))
        if exists {
            let kept = ((try? FileManager.default.contentsOfDirectory(atPath: target)) ?? []).filter { !written.contains($0) && !dropping.contains($0) }
            for file in kept {
                do {
                    try FileManager.default.copyItem(atPath: (target as NSString).appendingPathComponent(file), toPath: (staging as NSString).appendingPathComponent(file))
                } catch {
                    abandon()
                    throw .unwritable(target, reason: "cannot copy \(file) into the new folder")
                }
            }
        }
        for file in files {
            let path = (staging as NSString).appendingPathComponent(file.name)
            let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
            guard fd >= 0 else {
                let reason = String(cString: strerror(errno))
                abandon()
                throw .unwritable(target, reason: reason)
            }
            let failure = writeAll(file.bytes, to: fd, sync: true)
            close(fd)
            if let failure {
                abandon()
                throw .unwritable((target as NSString).appendingPathComponent(file.name), reason: failure)
            }
        }
        if exists {
            guard rename(target, previous) == 0 else {
                let reason = String(cString: strerror(errno))
                abandon()
                throw .unwritable(target, reason: reason)
            }
        }
        guard rename(staging, target) == 0 else {
            let reason = String(cString: strerror(errno))
            if exists { _ = rename(previous, target) }
            abandon()
            throw .unwritable(target, reason: reason)
        }
        if exists { try? FileManager.default.removeItem(atPath: previous) }
    }

    /// Writes `bytes` to `path` through a temporary file in the same directory and a rename; creates missing
    /// parent directories. Readers see either the old file or the complete new one.
    ///
    /// A symbolic link is written through: its target gets the new contents and the link stays (a rename onto the
    /// link would have replaced it and left the target as it was). A file that exists keeps its permissions and,
    /// where allowed, its owner. A device, pipe or socket (`/dev/null`, `/dev/stdout`) is written to directly, as
    /// renaming a file onto it would replace it.
    /// `mode` is a new file's permissions (a private document's copy is written private from the start); a file
    /// that exists keeps its own.
    public static func writeAtomically(_ bytes: [UInt8], to path: String, mode: mode_t? = nil) throws(FileAccessError) {
        // /dev/stdout, /dev/fd/1, /proc/self/fd/1: the open descriptor, at its own offset (a shell's > or >>), not
        // the file behind it, which a rename would replace and a reopening would overwrite from its start.
        if let descriptor = descriptorNamed(by: path) {
            if let failure = writeAll(bytes, to: descriptor, sync: false) { throw .unwritable(path, reason: failure) }
            return
        }
        var existing = stat()
        let exists = stat(path, &existing) == 0  // follows links
        if exists && (existing.st_mode & S_IFMT) == S_IFDIR { throw .unwritable(path, reason: "it is a directory") }
        // A descriptor of another process (/proc/PID/fd/N) is that process's file: written in place, not replaced.
        if exists && ((existing.st_mode & S_IFMT) != S_IFREG || linkChain(of: path).contains { descriptorDirectory(of: normalised($0)) != nil }) {
            let fd = open(path, O_WRONLY | O_CLOEXEC | ((existing.st_mode & S_IFMT) == S_IFREG ? O_TRUNC : 0))
            guard fd >= 0 else { throw .unwritable(path, reason: String(cString: strerror(errno))) }
            defer { close(fd) }
            if let failure = writeAll(bytes, to: fd, sync: false) { throw .unwritable(path, reason: failure) }
            return
        }
        guard let destination = linkTarget(of: path) else { throw .unwritable(path, reason: "too many levels of symbolic links") }
        let directory = directoryPart(of: destination)
        if !directory.isEmpty {
            do {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            } catch {
                throw .unwritable(directory, reason: "cannot create the directory")
            }
        }
        let suffix = ".\(getpid()).\(UInt32.random(in: 0...UInt32.max)).argmark-tmp"
        // A name near the 255-byte limit (a Chinese title of 80 characters) is cut for the temporary file, which
        // would otherwise be too long to create.
        var name = Substring((destination as NSString).lastPathComponent)
        while name.utf8.count > 255 - 1 - suffix.utf8.count { name = name.dropLast() }
        let temporary = (directory.isEmpty ? "" : directory + "/") + "." + name + suffix
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw .unwritable(path, reason: String(cString: strerror(errno))) }
        if exists {
            // The new file replaces the old one: it keeps its owner and who may read it (a private 600 file stays
            // private). The owner first: changing it clears a set-user-id bit that fchmod then restores.
            // Someone else's file in a shared folder cannot be given back to its owner (only root may): it keeps
            // at least its group, whose members, the owner among them, go on writing it.
            if fchown(fd, existing.st_uid, existing.st_gid) != 0 { _ = fchown(fd, uid_t.max, existing.st_gid) }
            _ = fchmod(fd, existing.st_mode & 0o7777)
        } else if let mode {
            _ = fchmod(fd, mode)
        }
        let failure = writeAll(bytes, to: fd, sync: true)
        close(fd)
        if let failure {
            unlink(temporary)
            throw .unwritable(path, reason: failure)
        }
        guard rename(temporary, destination) == 0 else {
            let code = errno
            let reason = String(cString: strerror(code))
            // A file that is a mount point (docker -v host.jsonl:/data/a.jsonl) cannot be replaced, only written:
            // in place, then, which is what the bind mount allows. The full copy stays until that write is done.
            if code == EBUSY, exists {
                let fd = open(destination, O_WRONLY | O_TRUNC | O_CLOEXEC)
                guard fd >= 0 else {
                    unlink(temporary)
                    throw .unwritable(path, reason: reason)
                }
                defer { close(fd) }
                if let failure = writeAll(bytes, to: fd, sync: true) {
                    // A visible name, which no clean-up of stale temporaries takes for its own.
                    let kept = destination + ".new"
                    let keptAt = access(kept, F_OK) != 0 && rename(temporary, kept) == 0 ? kept : temporary
                    throw .unwritable(path, reason: "\(failure); the whole new version is in \(keptAt)")
                }
                unlink(temporary)
                return
            }
            unlink(temporary)
            throw .unwritable(path, reason: reason)
        }
    }

    /// The descriptor `path` names: /dev/stdout, /dev/stderr, /dev/fd/N or /proc/self/fd/N, however spelt (`//`,
    /// `/./`, through links and linked directories). Only a name counts: an ordinary path to the file standard
    /// output happens to be open on is replaced as any file is (writing it through the descriptor would append to
    /// a shell's >> and leave a review's old document in place).
    static func descriptorNamed(by path: String) -> Int32? {
        for step in linkChain(of: path).map(normalised) {
            switch step {
            case "/dev/stdout": return 1
            case "/dev/stderr": return 2
            default: break
            }
            if let (directory, n) = descriptorDirectory(of: step), directory == .own { return n }
        }
        return nil
    }

    enum DescriptorDirectory { case own, otherProcess }

    /// Whether `path` is an entry of a descriptor directory (/dev/fd, /proc/self/fd, /proc/PID/fd), its directory
    /// resolved through links, and the descriptor's number.
    static func descriptorDirectory(of path: String) -> (DescriptorDirectory, Int32)? {
        let name = (path as NSString).lastPathComponent
        guard let n = Int32(name) else { return nil }
        let directory = directoryPart(of: path)
        var resolved = normalised(directory)
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        if realpath(directory.isEmpty ? "." : directory, &buffer) != nil {
            resolved = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        }
        if ["/dev/fd", "/proc/self/fd", "/proc/thread-self/fd", "/proc/\(getpid())/fd"].contains(resolved) { return (.own, n) }
        let parts = resolved.split(separator: "/")
        if parts.count == 3, parts[0] == "proc", parts[2] == "fd" || parts[2] == "fdinfo" { return (.otherProcess, n) }
        if parts.count == 5, parts[0] == "proc", parts[2] == "task", parts[4] == "fd" { return (.otherProcess, n) }
        return nil
    }

    /// `path` with empty and `.` components dropped (`//proc/./self` → `/proc/self`).
    static func normalised(_ path: String) -> String {
        let parts = path.split(separator: "/", omittingEmptySubsequences: true).filter { $0 != "." }
        return (path.hasPrefix("/") ? "/" : "") + parts.joined(separator: "/")
    }

    /// Where the symbolic link at `path` points (relative targets resolved against its directory); nil when `path`
    /// is no link.
    private static func nextLink(_ path: String) -> String? {
        var info = stat()
        guard lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFLNK else { return nil }
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let n = readlink(path, &buffer, buffer.count - 1)
        guard n > 0 else { return nil }
        let target = String(decoding: buffer[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        if target.hasPrefix("/") { return target }
        let base = directoryPart(of: path)
        return base.isEmpty ? target : (base == "/" ? "/" : base + "/") + target
    }

    /// `path` and every link it leads through; 41 entries when the chain goes on past 40 links (a loop).
    private static func linkChain(of path: String) -> [String] {
        var chain = [path]
        while chain.count <= 40, let next = nextLink(chain.last!) { chain.append(next) }
        return chain
    }

    /// The file a chain of symbolic links at `path` ends at (which need not exist yet); `path` itself when it is
    /// no link; nil after 40 links (a loop), as the kernel gives up there too.
    public static func linkTarget(of path: String) -> String? {
        let chain = linkChain(of: path)
        return chain.count > 40 ? nil : chain.last
    }

    /// Writes all of `bytes` to `fd`, retrying short and interrupted writes; nil, or why it failed.
    private static func writeAll(_ bytes: [UInt8], to fd: Int32, sync: Bool) -> String? {
        var written = 0
        return bytes.withUnsafeBytes { buffer in
            while written < buffer.count {
                let n = write(fd, buffer.baseAddress! + written, buffer.count - written)
                if n < 0 {
                    if errno == EINTR { continue }
                    return String(cString: strerror(errno))
                }
                written += n
            }
            return !sync || fsync(fd) == 0 ? nil : String(cString: strerror(errno))
        }
    }

    /// Writes to standard output, retrying short writes.
    public static func writeStandardOutput(_ bytes: [UInt8]) throws(FileAccessError) {
        // A full disk, a closed pipe or a closed descriptor: the output is cut short, which must not pass as done.
        if let failure = writeAll(bytes, to: 1, sync: false) { throw .standardOutput(reason: failure) }
    }
}
