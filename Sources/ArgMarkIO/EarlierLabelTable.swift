import ArgMarkCore
import ArgMarkFormats
import Foundation

/// A label table (`NAME.labels.tsv`) about to be replaced by one with other rows is kept beside it first.
///
/// The guideline's table has no column saying who set a label, so a table a person corrected by hand (the usual way
/// to make gold from a run's output) cannot be told from one a run wrote; replacing it would lose that work without
/// a word. The earlier table is kept under the next `NAME.labels.tsv.~N~`, as `cp --backup=numbered` names them, and
/// the caller says so. A table with the same rows is replaced as it is: nothing is lost.
public enum EarlierLabelTable {
    /// Writes `table` to `path` atomically, first keeping a regular file there whose rows differ (where a symbolic
    /// link leads, as the write goes there) under the next `~N~` name: a copy of its own, with the file's permissions,
    /// owner and group (as far as this user may set them) and time, so that no write to the table — in place, through
    /// another process's descriptor, cut short by a full disk — can reach it. Returns the line to tell the user, or
    /// nil when nothing was kept. When the table cannot be written, the copy is removed again if the table is still
    /// whole; when it cannot be kept, the table is not written.
    public static func write(_ table: [UInt8], to path: String) throws(FileAccessError) -> String? {
        let kept = try keep(at: path, replacedBy: table)
        do {
            try FileAccess.writeAtomically(table, to: path)
        } catch {
            if let kept, let earlier = kept.earlier, (try? FileAccess.read(kept.destination)) == earlier { unlink(kept.backup) }
            throw error
        }
        return kept?.note
    }

    /// Writes an output of `format` to `path` atomically: a label table (`tsv`) keeping the earlier one as `write`
    /// does, every other format as it is. Returns the line to tell the user, if any.
    public static func writeOutput(_ bytes: [UInt8], to path: String, format: String) throws(FileAccessError) -> String? {
        guard format == "tsv" else {
            try FileAccess.writeAtomically(bytes, to: path)
            return nil
        }
        return try write(bytes, to: path)
    }

    /// What was kept: the backup's path, the table it keeps (its place, and its bytes when they could be read) and
    /// the note.
    struct Kept {
        var backup: String
        var destination: String
        var earlier: [UInt8]?
        var note: String
    }

    /// Keeps the table at `path` under the next `~N~` name when it differs from `replacement` (a table it cannot
    /// read too, which it cannot compare), or nil when there is nothing to keep.
    static func keep(at path: String, replacedBy replacement: [UInt8]) throws(FileAccessError) -> Kept? {
        // A descriptor (/dev/stdout to a shell's >) is written in place, as the shell asked: no table of the past.
        guard FileAccess.descriptorNamed(by: path) == nil, let destination = FileAccess.linkTarget(of: path) else { return nil }
        var existing = stat()
        guard stat(destination, &existing) == 0, (existing.st_mode & S_IFMT) == S_IFREG, existing.st_size > 0 else { return nil }
        let earlier = try? FileAccess.read(destination)
        let difference: String
        if let earlier {
            guard earlier != replacement, let differing = Self.difference(earlier, replacement) else { return nil }
            difference = differing
        } else {
            difference = "what it holds, which this run cannot read to compare"
        }
        let backup = backupPath(destination, nextNumber(for: destination))
        if let earlier {
            do {
                try FileAccess.writeAtomically(earlier, to: backup, mode: existing.st_mode & 0o777)
            } catch {
                let reason: String
                if case .unwritable(_, let why) = error { reason = why } else { reason = error.description }
                throw .earlierTableNotKept(path, backup: backup, difference: difference, reason: reason)
            }
            // The person's file as they left it: owner and group where this user may give them, and its time.
            _ = chown(backup, existing.st_uid, existing.st_gid)
            var times = [existing.st_atim, existing.st_mtim]
            _ = utimensat(AT_FDCWD, backup, &times, 0)
        } else if link(destination, backup) != 0 {
            // A table this user may write but not read is kept under a second name, which needs no reading.
            throw .earlierTableNotKept(path, backup: backup, difference: difference, reason: String(cString: strerror(errno)))
        }
        return Kept(backup: backup, destination: destination, earlier: earlier,
                    note: "\(path) differed from this run's table in \(difference); the earlier table is kept as \(backup) (a label table does not say who set a label, so corrections typed into it cannot be told from a run's; those made with argmark review are kept by every run)")
    }

    /// `PATH.~N~`.
    static func backupPath(_ path: String, _ number: Int) -> String { "\(path).~\(number)~" }

    /// One past the highest `~N~` beside `path`, so that the newest backup has the highest number (as `cp` numbers
    /// them); a name taken by anything (a dangling link too) is passed over.
    static func nextNumber(for path: String) -> Int {
        let directory = (path as NSString).deletingLastPathComponent
        let prefix = (path as NSString).lastPathComponent + ".~"
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.isEmpty ? "." : directory)) ?? []
        let highest = names.compactMap { name -> Int? in
            guard name.hasPrefix(prefix), name.hasSuffix("~") else { return nil }
            // (A number no run would reach, ~9223372036854775807~, is passed over rather than counted past.)
            return Int(name.dropFirst(prefix.count).dropLast()).flatMap { $0 < 1_000_000_000 ? $0 : nil }
        }.max() ?? 0
        var number = highest + 1
        var status = stat()
        while lstat(backupPath(path, number), &status) == 0 { number += 1 }
        return number
    }

    /// How the earlier table differs from the new one, in rows: "3 of 120 rows (s4, s9, s17)"; nil when it holds the
    /// same rows, written otherwise (line ends, a byte-order mark, order), as a spreadsheet saves them: nothing is
    /// lost then. A table that does not read as one (a label no one knows) is compared line by line.
    static func difference(_ earlier: [UInt8], _ replacement: [UInt8]) -> String? {
        guard let decoded = String(validating: earlier, as: UTF8.self) else { return "everything (it is no UTF-8 label table)" }
        let earlierText = decoded.hasPrefix("\u{FEFF}") ? String(decoded.dropFirst()) : decoded
        let newText = String(decoding: replacement, as: UTF8.self)
        let changed: [String]
        let total: Int
        if let earlierRows = try? LabelTable.rows(earlierText), let newRows = try? LabelTable.rows(newText) {
            let new = Dictionary(newRows.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
            let old = Set(earlierRows.map(\.id))
            changed = earlierRows.filter { new[$0.id] != $0 }.map(\.id) + newRows.filter { !old.contains($0.id) }.map(\.id)
            total = old.union(newRows.map(\.id)).count
        } else {
            // Rows as lines, their first cell the id: those only one table holds.
            func lines(_ text: String) -> [String] {
                text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            }
            // (Header lines are no rows: a table may have lost its header, or be no table at all.)
            let isHeader: (String) -> Bool = { $0.prefix { $0 != "\t" }.lowercased() == "id" }
            let earlierLines = lines(earlierText).filter { !isHeader($0) }, newLines = lines(newText).filter { !isHeader($0) }
            let earlierSet = Set(earlierLines), newSet = Set(newLines)
            var ids: [String] = []
            for line in earlierLines.filter({ !newSet.contains($0) }) + newLines.filter({ !earlierSet.contains($0) }) {
                let id = String(line.prefix { $0 != "\t" })
                if !ids.contains(id) { ids.append(id) }
            }
            changed = ids
            let firstCell: (String) -> String = { String($0.prefix { $0 != "\t" }) }
            total = Set(earlierLines.map(firstCell) + newLines.map(firstCell)).count
        }
        guard !changed.isEmpty else {
            // The same rows, but with what a person added in columns of their own (a note, a second label).
            let extra = extraColumns(earlierText)
            return extra.isEmpty ? nil : "the column\(extra.count == 1 ? "" : "s") \(extra.joined(separator: ", ")), which this run does not write"
        }
        let named = changed.prefix(5).joined(separator: ", ") + (changed.count > 5 ? ", …" : "")
        return "\(changed.count) of \(total) row\(total == 1 ? "" : "s") (\(named))"
    }

    /// The columns a table holds beyond the guideline's four: the header's other names, or (a row longer than the
    /// header) "a fifth column" and so on, where a row has text in one.
    static func extraColumns(_ text: String) -> [String] {
        let lines = text.split(whereSeparator: \.isNewline).filter { !$0.allSatisfy(\.isWhitespace) }
        guard let header = lines.first else { return [] }
        let names = header.split(separator: "\t", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        let standard: Set<String> = ["id", "label", "parent", "relation"]
        var extra = names.filter { !$0.isEmpty && !standard.contains($0.lowercased()) }
        let widest = lines.dropFirst().map { line in
            line.split(separator: "\t", omittingEmptySubsequences: false).lastIndex { !$0.allSatisfy(\.isWhitespace) }.map { $0 + 1 } ?? 0
        }.max() ?? 0
        // (A header may stop after label, as a table's rows may: the four columns stand however many it names.)
        let named = max(names.count, standard.count)
        if widest > named { extra += (named..<widest).map { "number \($0 + 1)" } }
        return extra
    }
}
