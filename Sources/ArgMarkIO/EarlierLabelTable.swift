import ArgMarkCore
import ArgMarkFormats
import Foundation

/// A label table (`NAME.labels.tsv`) about to be replaced by one with other rows is kept beside it first.
///
/// The guideline's table has no column saying who set a label, so a table a person corrected by hand (the usual way
/// to make gold from a run's output) cannot be told from one a run wrote; replacing it would lose that work without
/// a word. The earlier table is kept under the first free `NAME.labels.tsv.~N~`, as `cp --backup=numbered` names
/// them, and the caller says so. A table with the same bytes is replaced as it is: nothing is lost.
public enum EarlierLabelTable {
    /// Keeps the regular file at `path` (where a symbolic link leads, as the write goes there) under the first free
    /// `~N~` name when its bytes differ from `replacement`, and returns the line to tell the user; nil when there is
    /// no such file, or it holds `replacement` already.
    public static func keep(at path: String, replacedBy replacement: [UInt8]) throws(FileAccessError) -> String? {
        // A descriptor (/dev/stdout to a shell's >) is written in place, as the shell asked: no table of the past.
        guard FileAccess.descriptorNamed(by: path) == nil, let destination = FileAccess.linkTarget(of: path) else { return nil }
        var existing = stat()
        guard stat(destination, &existing) == 0, (existing.st_mode & S_IFMT) == S_IFREG else { return nil }
        let earlier = try FileAccess.read(destination)
        guard !earlier.isEmpty, earlier != replacement, let difference = difference(earlier, replacement) else { return nil }
        var number = 1
        while FileManager.default.fileExists(atPath: backupPath(destination, number)) || isLink(backupPath(destination, number)) {
            number += 1
        }
        let backup = backupPath(destination, number)
        // The copy is as private as the table it keeps.
        try FileAccess.writeAtomically(earlier, to: backup, mode: existing.st_mode & 0o777)
        return "\(path) differed from this run's table in \(difference); the earlier table is kept as \(backup) (a label table does not say who set a label, so corrections typed into it cannot be told from a run's; those made with argmark review are kept by every run)"
    }

    /// `PATH.~N~`.
    static func backupPath(_ path: String, _ number: Int) -> String { "\(path).~\(number)~" }

    private static func isLink(_ path: String) -> Bool {
        var status = stat()
        return lstat(path, &status) == 0
    }

    /// How the earlier table differs from the new one, in rows: "3 of 120 rows (s4, s9, s17)", or what it
    /// is when it does not read as a label table; nil when it holds the same rows, written otherwise (line ends,
    /// order), as a spreadsheet saves them: nothing is lost then.
    static func difference(_ earlier: [UInt8], _ replacement: [UInt8]) -> String? {
        guard let earlierText = String(validating: earlier, as: UTF8.self),
              let earlierRows = try? LabelTable.rows(earlierText),
              let newRows = try? LabelTable.rows(String(decoding: replacement, as: UTF8.self))
        else { return "everything (it is no label table ArgMark reads)" }
        let new = Dictionary(newRows.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let old = Set(earlierRows.map(\.id))
        var changed: [String] = []
        for row in earlierRows where new[row.id] != row { changed.append(row.id) }
        for row in newRows where !old.contains(row.id) { changed.append(row.id) }
        guard !changed.isEmpty else { return nil }
        let named = changed.prefix(5).joined(separator: ", ") + (changed.count > 5 ? ", …" : "")
        let total = max(earlierRows.count, newRows.count)
        return "\(changed.count) of \(total) row\(total == 1 ? "" : "s") (\(named))"
    }
}
