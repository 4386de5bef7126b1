import ArgMarkCore
@testable import ArgMarkIO
import Foundation
import Testing

@testable import ArgMarkReview

struct ReviewJournalTests {
    func temporaryPath() -> String { NSTemporaryDirectory() + "argmark-journal-\(UUID().uuidString).journal" }

    func edits() throws -> [ReviewEdit] {
        try transcript(["label s6 claim", "link s6 s3 attack", "undo", "thesis s9"]).edits
    }

    @Test func appendedEditsReadBackInOrder() throws {
        let path = temporaryPath()
        defer { unlink(path) }
        let version = ReviewJournal.FileVersion(bytes: Array("file".utf8))
        let journal = ReviewJournal(path: path, fileVersion: version)
        let written = try edits()
        for edit in written { try journal.append(edit) }
        let contents = try #require(try ReviewJournal.read(path))
        #expect(contents.version == version)
        #expect(contents.edits == written)
        journal.remove()
        #expect(try ReviewJournal.read(path) == nil)
    }

    /// A journal another program deletes (or replaces) while the session runs is written again whole before the
    /// next edit, and on asking: the edits acknowledged before the deletion are not lost with it.
    @Test func aJournalDeletedUnderTheSessionIsWrittenAgainWhole() throws {
        let path = temporaryPath()
        defer { unlink(path) }
        let journal = ReviewJournal(path: path, fileVersion: ReviewJournal.FileVersion(bytes: Array("file".utf8)))
        let written = try edits()
        try journal.append(written[0])
        try journal.append(written[1])
        #expect(try journal.restoreIfRemoved() == false)
        unlink(path)
        try journal.append(written[2])
        #expect(try #require(try ReviewJournal.read(path)).edits == Array(written[0...2]))
        // Replaced by another file of the same name (a sync client's copy): written again over it.
        unlink(path)
        try "someone else's".write(toFile: path, atomically: false, encoding: .utf8)
        #expect(try journal.restoreIfRemoved())
        try journal.append(written[3])
        #expect(try #require(try ReviewJournal.read(path)).edits == written)
    }

    /// A journal that cannot be written again at once (a folder put in its place) refuses the next edit and says it
    /// is not intact, and is written again whole, the edits before the deletion included, once it can be.
    @Test func aJournalThatCannotBeWrittenAgainKeepsItsEditsForLater() throws {
        let path = temporaryPath()
        defer { unlink(path); rmdir(path) }
        let journal = ReviewJournal(path: path, fileVersion: ReviewJournal.FileVersion(bytes: Array("file".utf8)))
        let written = try edits()
        try journal.append(written[0])
        unlink(path)
        #expect(mkdir(path, 0o755) == 0)
        #expect(throws: ReviewJournal.JournalError.self) { try journal.append(written[1]) }
        #expect(!journal.isIntact)
        #expect(throws: ReviewJournal.JournalError.self) { try journal.append(written[1]) }
        #expect(rmdir(path) == 0)
        try journal.append(written[1])
        #expect(journal.isIntact)
        #expect(try #require(try ReviewJournal.read(path)).edits == Array(written[0...1]))
    }

    /// The header names the file whose edits the journal holds, not the journal itself.
    @Test func theHeaderNamesTheReviewedFile() throws {
        let directory = NSTemporaryDirectory() + "argmark-journal-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = ReviewJournal.path(for: directory + "/paper.zh.jsonl")
        let journal = ReviewJournal(path: path, fileVersion: ReviewJournal.FileVersion(bytes: Array("file".utf8)))
        try journal.append(try edits()[0])
        let header = try #require(try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").first)
        #expect(header.contains(#""file":"paper.zh.jsonl""#), "\(header)")
    }

    /// A step's snapshots keep each confidence's scale, so an undo or a replay restores it; a journal written before
    /// scales were recorded (none in its snapshots) still matches the file it was written for.
    @Test func snapshotsKeepTheConfidenceScale() throws {
        let machine = SentenceAnnotation(label: .claim, confidence: 0.61, labeledBy: .plugin("label.model.zh.v1"), confidenceScale: .share)
        let snapshot = AnnotationSnapshot(machine)
        let decoded = try JSONDecoder().decode(AnnotationSnapshot.self, from: try JSONEncoder().encode(snapshot))
        #expect(decoded == snapshot && decoded.applied(to: SentenceAnnotation()).confidenceScale == .share)
        var older = snapshot
        older.confidenceScale = nil
        #expect(snapshot.matchesAsWritten(older) && older.matchesAsWritten(snapshot))
        var other = snapshot
        other.confidenceScale = .calibrated
        #expect(!snapshot.matchesAsWritten(other))
        // An older journal's JSON has no key for it.
        let withoutKey = try JSONDecoder().decode(AnnotationSnapshot.self, from: Data(#"{"label":"claim","confidence":0.61,"labeledBy":"label.model.zh.v1"}"#.utf8))
        #expect(withoutKey.confidenceScale == nil && snapshot.matchesAsWritten(withoutKey))
    }

    /// The version a write is about to leave in the file is marked before the rename, and read back; the edits
    /// around the mark are all kept.
    @Test func aWritingMarkReadsBack() throws {
        let path = temporaryPath()
        defer { unlink(path) }
        let opened = ReviewJournal.FileVersion(bytes: [1, 2, 3])
        let written = ReviewJournal.FileVersion(bytes: [4, 5, 6, 7])
        let journal = ReviewJournal(path: path, fileVersion: opened)
        journal.noteWriting(written)
        #expect(!FileManager.default.fileExists(atPath: path))
        let all = try edits()
        try journal.append(all[0])
        journal.noteWriting(written)
        try journal.append(all[1])
        let contents = try #require(try ReviewJournal.read(path))
        #expect(contents.version == opened && contents.writing == written && contents.edits == Array(all[0..<2]))
    }

    @Test func aLineCutShortByACrashIsIgnoredAndDroppedBeforeAppending() throws {
        let path = temporaryPath()
        defer { unlink(path) }
        let version = ReviewJournal.FileVersion(bytes: [1, 2, 3])
        let written = try edits()
        let first = ReviewJournal(path: path, fileVersion: version)
        try first.append(written[0])
        try first.append(written[1])
        // A crash in the middle of writing the third entry.
        let handle = try #require(FileHandle(forWritingAtPath: path))
        handle.seekToEndOfFile()
        handle.write(Data("{\"kind\":\"edit\",\"comm".utf8))
        try handle.close()
        #expect(try ReviewJournal.read(path)?.edits == Array(written[0..<2]))
        // The next session appends after the last complete entry.
        let second = ReviewJournal(path: path, fileVersion: version)
        try second.append(written[2])
        #expect(try ReviewJournal.read(path)?.edits == Array(written[0..<3]))
    }

    /// An append the disk refuses part way (a full disk) is reported and taken back whole: the edits acknowledged
    /// before it read back, and the next append is not glued to a half-written line.
    @Test func aFailedAppendIsReportedAndTakenBack() throws {
        let path = temporaryPath()
        defer { unlink(path) }
        let version = ReviewJournal.FileVersion(bytes: [1])
        let written = try edits()
        final class Disk: @unchecked Sendable { var calls = 0 }
        let disk = Disk()
        // The third append's write gets half its bytes onto the disk, then the disk is full.
        let journal = ReviewJournal(path: path, fileVersion: version) { fd, bytes, count in
            disk.calls += 1
            guard disk.calls == 3 else { return write(fd, bytes, count) }
            _ = write(fd, bytes, count / 2)
            errno = ENOSPC
            return -1
        }
        try journal.append(written[0])
        try journal.append(written[1])
        #expect {
            try journal.append(written[2])
        } throws: { error in
            (error as? ReviewJournal.JournalError)?.description.contains("No space left on device") ?? false
        }
        #expect(try ReviewJournal.read(path)?.edits == Array(written[0..<2]))
        try journal.append(written[2])
        #expect(try ReviewJournal.read(path)?.edits == Array(written[0..<3]))
    }

    @Test func aDamagedJournalIsNamed() throws {
        let path = temporaryPath()
        defer { unlink(path) }
        try Data("not a journal\n".utf8).write(to: URL(fileURLWithPath: path))
        #expect {
            try ReviewJournal.read(path)
        } throws: { error in
            (error as? ReviewJournal.JournalError)?.description.contains("line 1") ?? false
        }
    }

    @Test func fileVersionsDifferWhenTheFileDoes() {
        let a = ReviewJournal.FileVersion(bytes: Array("{\"a\":1}\n".utf8))
        let b = ReviewJournal.FileVersion(bytes: Array("{\"a\":2}\n".utf8))
        #expect(a != b && a == ReviewJournal.FileVersion(bytes: Array("{\"a\":1}\n".utf8)))
    }
}
