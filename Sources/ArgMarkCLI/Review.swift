import ArgMarkCore
import ArgMarkFormats
import ArgMarkIO
import ArgMarkPipeline
import ArgMarkPlugins
import ArgMarkReview
import ArgMarkTEI
import ArgumentParser
import CLibEdit
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

struct Review: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Review labels and links in a line-oriented editor that never loses an edit.",
        discussion: """
            Opens ArgMark JSONL or TEI. Every edit is flushed to FILE.journal before it is acknowledged; after a \
            crash, reopening the file replays the journal. write replaces the file atomically and clears the \
            journal. On a terminal, lines are edited with libedit and output is coloured (unless NO_COLOR is set); \
            otherwise one command is read per line and the output is plain, so sessions can be scripted. Type help \
            for the commands.
            """)

    @Argument(help: "An ArgMark JSONL or TEI file.") var file: String
    @Option(name: .long, help: "Your name, recorded as human:NAME on every edit (default: $ARGMARK_ANNOTATOR, else $USER, else reviewer).")
    var annotator: String?
    @Flag(name: .long, help: "Exit with status 1 at the first invalid or refused command, or a move or search that finds nothing.") var strict = false
    @Option(name: .long, help: "Columns to wrap at (default: the terminal's, else 80).") var width: Int?
    @Flag(name: .long, help: "Delete a journal left by an earlier session instead of replaying it.") var discardJournal = false
    @Flag(name: .long, help: "Replay a journal left by an earlier session although the file changed since (another program wrote it), when every edit still finds the labels and links it changed.")
    var replayJournal = false
    @Option(name: .long, help: "The Models/ directory (its linker completes a labelled file that has no tree yet).") var models: String?
    @Flag(name: .long, help: "Print to standard error how long opening and each command took (for tools/bench_review.sh).")
    var timings = false

    func validate() throws {
        if let width, width < 20 { throw ValidationError("--width takes a number of columns from 20 (80 is usual)") }
        if discardJournal && replayJournal { throw ValidationError("--discard-journal and --replay-journal are alternatives; give one") }
    }

    func run() throws {
        let started = ContinuousClock.now
        // A pipe whose reader has gone (review … | head) ends the session with an error that says where its edits
        // are (`emit`), not by the signal, which left no word and the lock file behind.
        signal(SIGPIPE, SIG_IGN)
        // Ctrl-\ (SIGQUIT) ends the session as SIGTERM does (the journal holds every acknowledged edit), without a
        // core file that would hold the document, instead of entering the Swift runtime's crash handler, which left
        // a scripted session spinning with the file locked.
        // (One the session was started with ignored stays so.)
        if !SignalHandlers.isIgnored(SIGQUIT) { signal(SIGQUIT) { _ in _exit(131) } }
        // Standard input carries the commands; the document is a file the session writes back.
        if file == "-" { throw AnalysedDocument.failure("-: review edits a file and writes it back; give the file (commands come on standard input)") }
        // Review labels nothing itself: only the linker and the scorer are needed.
        let registry = try LoadedRegistry.load(models: models, labelling: false, labellers: false)
        let bytes: [UInt8]
        do { bytes = try FileAccess.read(file) } catch { throw AnalysedDocument.failure(error.description) }
        let reader: any DocumentReader
        var document: Document
        do {
            reader = try registry.reader(format: "auto", path: file, bytes: bytes)
            guard reader.formatName == "jsonl" || reader.formatName == "tei" else {
                if file.hasSuffix(".labels.tsv") {
                    throw AnalysedDocument.failure(
                        "\(file): a label table holds labels without the sentences' text, so it cannot be reviewed; review the JSONL or TEI it was exported from")
                }
                throw AnalysedDocument.failure(
                    "\(file): review opens ArgMark JSONL or TEI; annotate it first (argmark annotate \(FileAccess.shellQuoted(file)) --out DIR) and review DIR/…jsonl")
            }
            let input = ReaderInput(bytes: bytes, sourcePath: file, documentID: InputDiscovery.documentID(ofFile: file))
            // Writing back would replace another tool's TEI, or markup added by hand (names, corrections, line
            // breaks, comments), by what ArgMark writes: the file is left as it is, and a JSONL copy is reviewed.
            if let tei = reader as? TEIReader {
                let (read, lost) = try tei.readForRewrite(input)
                document = read
                if !lost.isEmpty {
                    let copy = "DIR/" + InputDiscovery.stem((file as NSString).lastPathComponent) + ".jsonl"
                    throw AnalysedDocument.failure(
                        "\(file): review writes the file back in ArgMark's TEI encoding, which would change what this file holds (\(lost.joined(separator: "; "))); review a JSONL copy instead (labels and links kept): argmark annotate \(FileAccess.shellQuoted(file)) --labelers none --no-tree --out DIR, argmark review \(FileAccess.shellQuoted(copy)), then argmark export \(FileAccess.shellQuoted(copy)) --to tei")
                }
            } else {
                document = try reader.read(input)
                // Writing back would drop what ArgMark's JSONL does not hold (a comment field added by hand).
                let lost = JSONLinesReaderAccess.unreadKeys(in: bytes, of: document)
                if !lost.isEmpty {
                    let keys = lost.prefix(5).map { "\($0.key) on line \($0.line)" }.joined(separator: ", ") + (lost.count > 5 ? ", …" : "")
                    let copy = "DIR/" + InputDiscovery.stem((file as NSString).lastPathComponent) + ".jsonl"
                    throw AnalysedDocument.failure(
                        "\(file) holds keys ArgMark's JSONL does not keep (\(keys)), which writing it back would drop; keep them elsewhere and review a copy without them (argmark annotate \(FileAccess.shellQuoted(file)) --labelers none --no-tree --out DIR, then argmark review \(FileAccess.shellQuoted(copy)))")
                }
            }
        } catch DocumentReadError.noSentences {
            throw AnalysedDocument.failure("\(file): no sentences to review (only headings, captions or notes)")
        } catch let error as DocumentReadError {
            throw AnalysedDocument.failure("\(file): \(error.description)")
        }
        guard let writer = registry.writer(format: reader.formatName) else { throw ExitCode.failure }
        var opening: [String] = []
        // A labelled document without a complete tree gets the default linker's tree around the links it has
        // (TreeCompletion: a person's, and the file's own that reach a root), as tree, report and export show it.
        let hasArgumentative = document.units.contains { $0.kind == .sentence && $0.annotation.label?.isArgumentative == true }
        var treeCompletedBy = ""
        // Edits an earlier session journalled were made on the tree it completed: this one completes the tree the
        // same way when it can (the rule linker if that session found no Models/, none if it had none to complete),
        // so that they fit and come back wherever the file is reopened from.
        var completingLinker = registry.linkers.first
        // (Only a journal that will be replayed: not one --discard-journal deletes, nor one of another version.)
        if !discardJournal, let contents = (try? ReviewJournal.read(ReviewJournal.path(for: FileAccess.linkTarget(of: file) ?? file))) ?? nil,
           replayJournal || contents.version == ReviewJournal.FileVersion(bytes: bytes), let journalled = contents.treeCompletedBy {
            completingLinker = journalled.isEmpty ? nil : registry.linkers.first { $0.descriptor.id == journalled } ?? completingLinker
        }
        if let linker = completingLinker, !TreeCompletion.isComplete(document) {
            let personsLinks = TreeCompletion.personsLinks(of: document)
            let (completed, kept) = TreeCompletion.complete(document, with: linker)
            let changed = TreeCompletion.personsLinksChanged(personsLinks, in: completed)
            document = completed
            document.recordLinker(linker)
            treeCompletedBy = linker.descriptor.id
            opening.append("linked the argument tree (\(linker.descriptor.id)\(kept == 0 ? "" : ", keeping the file's \(kept) links")); write saves it")
            if !changed.isEmpty { opening.append(TreeCompletion.personsLinksNote(changed)) }
        }
        if !hasArgumentative { opening.append("no sentence is labelled yet: label them here, or run argmark annotate first") }

        let interactive = isInteractive
        let environment = ProcessInfo.processInfo.environment
        let color = interactive && environment["NO_COLOR"] == nil && environment["TERM"] != "dumb"
        // A variable set but empty (USER= in a container) counts as unset, as shells treat it.
        func variable(_ key: String) -> String? { environment[key].flatMap { $0.isEmpty ? nil : $0 } }
        var name = annotator ?? variable("ARGMARK_ANNOTATOR") ?? variable("USER") ?? "reviewer"
        // Edits are signed human:NAME already: human:bob is bob, not human:human:bob.
        if name.hasPrefix("human:") { name.removeFirst("human:".count) }
        // Edits are signed human:NAME; an empty name signs none.
        guard !name.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty, !name.unicodeScalars.contains(where: LabelReason.isUnprintable) else {
            throw ValidationError("the annotator's name is empty or holds control characters; give --annotator NAME (or set ARGMARK_ANNOTATOR)")
        }
        // SOURCE_DATE_EPOCH (the reproducible-builds convention) fixes the time edits record, so scripted sessions
        // give identical output and files.
        var clock: () -> String = ReviewSession.now
        if let value = environment["SOURCE_DATE_EPOCH"] {
            // Seconds since 1970, as the convention has it, within years TEI and JSONL can hold: a value in
            // milliseconds would stamp every edit with a year past 9999, which no writer takes, after the edits
            // had been acknowledged.
            guard let epoch = Double(value), epoch >= 0, epoch < 253_402_300_800 else {
                throw ValidationError("SOURCE_DATE_EPOCH is '\(value)', which is no time from 1970 to 9999 in seconds (milliseconds?); unset it or give seconds since 1970, e.g. 1767225600")
            }
            let formatter = ISO8601DateFormatter()
            let fixed = formatter.string(from: Date(timeIntervalSince1970: epoch))
            clock = { fixed }
        }
        var session = ReviewSession(
            document: document, annotator: name, scorer: registry.scorers.first,
            style: ReviewStyle(width: width ?? (interactive ? Self.terminalWidth() : 80), color: color), clock: clock)

        // The document as this session opened it (tree completed, scored), before any journal is replayed.
        let opened = session.document
        let version = ReviewJournal.FileVersion(bytes: bytes)
        // The journal and the lock belong to the file a link leads to: a session opened through the link and one
        // opened by the file's own name would otherwise not see each other.
        let sessionFile = FileAccess.linkTarget(of: file) ?? file
        let journalPath = ReviewJournal.path(for: sessionFile)
        // One session per file: a second one would journal into, and write over, this one's work.
        var lock: ReviewLock?
        do { lock = try ReviewLock(file: sessionFile) } catch {
            if case .held = error { throw AnalysedDocument.failure(error.description) }
            opening.append("warning: \(error.description); another session on \(file) would not be noticed")
        }
        defer { lock?.release() }
        // A signal that ends the session (SIGTERM, a closed terminal's SIGHUP, Ctrl-C in a script) says where its
        // edits are and takes the lock file away, as the end of input does; it had ended the session without a word.
        let journalForSignals = JournalForSignals()
        let endings = Self.endOnSignals(
            interactive: interactive, file: file, journal: journalPath, lockFile: lock?.path, restore: journalForSignals)
        defer { endings.cancel() }
        // A write that was killed before its rename left a full copy beside the file; the journal has its edits.
        if lock != nil { FileAccess.removeStaleTemporaries(of: sessionFile) }
        if discardJournal, FileManager.default.fileExists(atPath: journalPath) {
            let discarded = (try? ReviewJournal.read(journalPath))??.edits.count ?? 0
            unlink(journalPath)
            opening.append("deleted the journal \(journalPath)" + (discarded > 0 ? ", discarding its \(discarded) edit\(discarded == 1 ? "" : "s")" : ""))
        }
        do {
            // Read once: a write stopped before it cleared the journal, a journal of another version, or this one's.
            let journalled = try ReviewJournal.read(journalPath)
            if let contents = journalled, contents.writing == version, contents.version != version {
                // A write that renamed the file into place but was stopped before it removed the journal.
                unlink(journalPath)
                opening.append("removed \(journalPath): \(file) already holds its edits (the last write was stopped before it cleared the journal)")
            } else if let contents = journalled, contents.version != version {
                // The file changed after the edits were journalled (another program wrote it while the session was
                // killed). With --replay-journal they are recovered when every one still finds its sentences'
                // labels and links as it left them (the journal does not hold the sentences' text, so the person
                // decides), and the journal is written again for this version; otherwise it is kept and named.
                var replayed = session
                // (Edits made on a tree another linker completed do not fit this one: as below.)
                if replayJournal, let before = contents.treeCompletedBy, before != treeCompletedBy {
                    throw AnalysedDocument.failure(
                        "\(journalPath) holds edits made on a tree \(before.isEmpty ? "the file held itself" : before + " completed"), but this session has \(treeCompletedBy.isEmpty ? "the file's own tree" : "the tree " + treeCompletedBy + " completed"), so they would not fit; reopen it with the same Models/ (run from the project's folder, or give --models DIR or ARGMARK_MODELS) to recover them (or --discard-journal to delete them)")
                }
                var fits = replayJournal && !contents.edits.isEmpty
                for edit in contents.edits where fits {
                    do { try replayed.replay(edit) } catch { fits = false }
                }
                guard fits, replayed.document.validate().isEmpty else {
                    let count = "\(contents.edits.count) edit\(contents.edits.count == 1 ? " was" : "s were")"
                    throw AnalysedDocument.failure(replayJournal
                        ? "\(journalPath) belongs to another version of \(file) (the file changed since its \(count) journalled, and they no longer fit the sentences they change), so it is not applied; move it away to keep it, or reopen with --discard-journal to delete it"
                        : "\(journalPath) belongs to another version of \(file) (the file changed since its \(count) journalled), so it is not applied; reopen with --replay-journal to apply the edits if they still fit the sentences they change (check that those sentences say what they said), move it away to keep it, or reopen with --discard-journal to delete it")
                }
                // The old journal stays beside the new one until every edit is journalled again.
                let aside = journalPath + ".superseded"
                guard rename(journalPath, aside) == 0 else {
                    throw AnalysedDocument.failure("\(journalPath): cannot be set aside to journal its edits again (\(String(cString: strerror(errno)))); move it away to keep it, or reopen with --discard-journal to delete it")
                }
                let rebased = ReviewJournal(path: journalPath, fileVersion: version, treeCompletedBy: treeCompletedBy)
                do { for edit in contents.edits { try rebased.append(edit) } } catch {
                    unlink(journalPath)
                    rename(aside, journalPath)
                    throw AnalysedDocument.failure(error.description)
                }
                unlink(aside)
                session = replayed
                if let last = session.lastEditFocus { session.moveCursor(to: last) }
                let recovered = session.unsavedEdits
                opening.append("\(file) changed since \(journalPath) was written, but its \(contents.edits.count) step\(contents.edits.count == 1 ? "" : "s") still fit the sentences they change: recovered \(recovered) unsaved edit\(recovered == 1 ? "" : "s") (not yet written; write saves \(recovered == 1 ? "it" : "them")); going on at the last one")
            } else if let contents = journalled {
                // Edits journalled over a tree one linker completed do not fit another's (Models/ not found this time).
                if let before = contents.treeCompletedBy, before != treeCompletedBy {
                    func describe(_ linker: String) -> String { linker.isEmpty ? "the file's own tree" : "the tree \(linker) completed" }
                    throw AnalysedDocument.failure(
                        "\(journalPath) holds edits made on \(describe(before)), but this session has \(describe(treeCompletedBy)), so they would not fit; reopen it with the same Models/ (run from the project's folder, or give --models DIR or ARGMARK_MODELS) to recover them (or --discard-journal to delete them)")
                }
                var replayed = session
                for edit in contents.edits {
                    do { try replayed.replay(edit) } catch {
                        throw AnalysedDocument.failure(
                            "\(journalPath) does not fit \(file) (\(error.description)), so none of it is applied; move it away to keep it, or reopen with --discard-journal to delete it")
                    }
                }
                session = replayed
                let recovered = session.unsavedEdits
                if recovered > 0 {
                    // The session goes on at the sentence of the last step, as the person left it.
                    if let last = session.lastEditFocus { session.moveCursor(to: last) }
                    opening.append("recovered \(recovered) unsaved edit\(recovered == 1 ? "" : "s") from \(journalPath) (not yet written; write saves \(recovered == 1 ? "it" : "them")); going on at the last one")
                } else if !contents.edits.isEmpty {
                    opening.append("replayed \(journalPath): its steps undo each other, so \(file) already holds the result")
                }
            }
        } catch let error as ReviewJournal.JournalError {
            throw AnalysedDocument.failure(error.description)
        }
        let journal = ReviewJournal(path: journalPath, fileVersion: version, treeCompletedBy: treeCompletedBy)
        journalForSignals.set(journal)
        journalForSignals.unsavedEdits = session.unsavedEdits
        // In a folder that cannot be written, no edit can be journalled, nor the file written.
        let folder = FileAccess.directoryPart(of: sessionFile)
        if access(folder.isEmpty ? "." : folder, W_OK) != 0 {
            opening.append("warning: \(folder.isEmpty ? "this folder" : folder) cannot be written, so no edit can be kept; copy \(file) to a folder you can write to and review the copy")
        } else if (journalPath as NSString).lastPathComponent.utf8.count > Int(NAME_MAX) {
            // The journal's name is the file's and .journal: past the file system's limit, no edit can be journalled.
            opening.append("warning: the name of \(file) is too long for its journal (\((journalPath as NSString).lastPathComponent)), so no edit can be kept; review a copy with a shorter name")
        }

        let sentences = session.document.units.count { $0.kind == .sentence }
        let reviewed = session.document.units.count { $0.kind == .sentence && $0.annotation.isLabelReviewed }
        var out = "reviewing \(file) as human:\(name): \(sentences) sentences, \(reviewed) reviewed"
        // A review taken up again: where it stopped, one command away.
        if reviewed > 0, reviewed < sentences,
           let first = session.document.units.first(where: { $0.kind == .sentence && !$0.annotation.isLabelReviewed }) {
            out += "; the first unreviewed is \(first.id) (goto \(first.id))"
        }
        out += "; help lists the commands"
        // On a terminal (or at a width asked for) the opening keeps to the width; a script reads it whole.
        let fit: (String) -> String = fitsLines ? { [session] in session.fitted($0) } : { $0 }
        out = fit(out) + "\n"
        for line in opening { out += fit(line) + "\n" }
        out += fit(session.execute("show").output)
        try emit(out)
        if timings { Terminal.note("timing: open \(Self.milliseconds(since: started)) ms") }

        var lineEditor = LineEditor(interactive: interactive)
        while true {
            guard let line = lineEditor.read(prompt: "\(session.document.units[session.cursor].id)> ") else {
                // Ctrl-D on a terminal leaves the cursor after the prompt: what follows starts a line of its own.
                if interactive { try emit("\n") }
                // End of input: what is unsaved stays in the journal.
                if session.unsavedEdits > 0, let rescue = rescueUnsavedEdits(session, writer: writer, journal: journal) {
                    Terminal.warning("end of input with \(Self.describeRescue(session.unsavedEdits, file: file, rescue: rescue))")
                    throw ExitCode.failure
                }
                if session.unsavedEdits > 0 {
                    Terminal.warning(
                        "end of input with \(keptInJournal(session.unsavedEdits, journalPath))")
                    throw ExitCode.failure
                }
                // Steps that undid each other leave nothing to recover.
                if holdsDocument(session, writer: writer, opened: opened) { journal.remove() }
                return
            }
            let commandStarted = ContinuousClock.now
            defer { if timings { Terminal.note("timing: \(line.trimmingCharacters(in: .whitespaces)) \(Self.milliseconds(since: commandStarted)) ms") } }
            let response = session.execute(line)
            // (Right after the edit is journalled, so that a signal counts it; a write or an undo changes it too.)
            defer { journalForSignals.unsavedEdits = session.unsavedEdits }
            if let edit = response.edit {
                defer { journalForSignals.unsavedEdits = session.unsavedEdits }
                do { try journal.append(edit) } catch {
                    session.revert(edit)
                    try emit(fit(session.style.color ? "\u{1B}[31merror: \(error.description)\u{1B}[0m\n" : "error: \(error.description)\n"))
                    if strict { throw ExitCode.failure }
                    continue
                }
            }
            // A reply keeps to the width as the opening does (a long refusal would wrap mid-word).
            try emit(fit(response.output))
            if (response.isError || response.isMiss) && strict {
                // The script stops here; what it edited is in the journal, as at the end of input.
                if session.unsavedEdits > 0, let rescue = rescueUnsavedEdits(session, writer: writer, journal: journal) {
                    Terminal.warning("--strict stopped at this command with \(Self.describeRescue(session.unsavedEdits, file: file, rescue: rescue))")
                } else if session.unsavedEdits > 0 {
                    Terminal.warning(
                        "--strict stopped at this command with \(keptInJournal(session.unsavedEdits, journalPath))")
                }
                throw ExitCode.failure
            }
            switch response.action {
            case .none: continue
            case .write:
                try save(&session, writer: writer, journal: journal)
            case .forceWrite:
                try save(&session, writer: writer, journal: journal, overwritingChanges: true)
            case .writeAndQuit:
                // A write that failed leaves the session open: quitting would report success for unsaved edits.
                if try save(&session, writer: writer, journal: journal) { return }
            case .quit:
                if session.unsavedEdits > 0, let rescue = rescueUnsavedEdits(session, writer: writer, journal: journal) {
                    try emit(fit("left \(Self.describeRescue(session.unsavedEdits, file: file, rescue: rescue))\n"))
                } else if session.unsavedEdits > 0 {
                    try emit(fit("left \(session.unsavedEdits) unsaved edit\(session.unsavedEdits == 1 ? "" : "s") in \(journalPath); \(session.unsavedEdits == 1 ? "it comes" : "they come") back when you reopen \(file)\n"))
                } else if holdsDocument(session, writer: writer, opened: opened) {
                    journal.remove()
                }
                return
            case .discardAndQuit:
                let discarded = session.unsavedEdits
                journal.remove()
                if discarded > 0 { try emit(fit("discarded \(discarded) unsaved edit\(discarded == 1 ? "" : "s")\n")) }
                return
            }
        }
    }

    /// `N unsaved edits; they are kept in JOURNAL and come back when you reopen FILE`, for a session that ends without
    /// writing them.
    private func keptInJournal(_ count: Int, _ journalPath: String) -> String {
        "\(count) unsaved edit\(count == 1 ? "" : "s"); \(count == 1 ? "it is" : "they are") kept in \(journalPath) and \(count == 1 ? "comes" : "come") back when you reopen \(file)"
    }

    /// Writes the document in its own format (temporary file and rename), then starts a new journal for the version
    /// written; returns whether it wrote. A file that another program changed since it was opened (or last written)
    /// is not overwritten unless `overwritingChanges`.
    @discardableResult
    private func save(
        _ session: inout ReviewSession, writer: any DocumentWriter, journal: ReviewJournal, overwritingChanges: Bool = false
    ) throws -> Bool {
        func fail(_ message: String) throws -> Bool {
            let kept = FileManager.default.fileExists(atPath: journal.path) ? "; the edits stay in \(journal.path)" : ""
            try emit(fitted("error: \(message)\(kept)\n", by: session))
            if strict { throw ExitCode.failure }
            return false
        }
        // Moved or deleted by another program: writing would make a second copy beside the one moved, as a file
        // changed under the session would be overwritten.
        if !overwritingChanges, !FileManager.default.fileExists(atPath: file) {
            return try fail("\(file) is gone since this session opened it (moved or deleted by another program?); write! writes this session's version there all the same")
        }
        if !overwritingChanges, let onDisk = try? FileAccess.read(file), ReviewJournal.FileVersion(bytes: onDisk) != journal.fileVersion {
            return try fail("\(file) changed on disk since this session opened or last wrote it; write! overwrites those changes with this session's version")
        }
        // A write-protected file is replaced only on write!, as an editor asks before writing over a read-only file
        // (the rename would replace it whatever its mode, and root may write anything).
        // Mode bits for root, who may write anything; access() for everyone else (someone else's 644 file in a
        // folder one may write, which the rename would otherwise take over).
        var existing = stat()
        if !overwritingChanges, stat(file, &existing) == 0,
           existing.st_mode & (S_IWUSR | S_IWGRP | S_IWOTH) == 0 || (access(file, W_OK) != 0 && errno == EACCES) {
            return try fail("\(file) is write-protected; write! replaces it all the same, or make it writable (chmod u+w \(FileAccess.shellQuoted(file)))")
        }
        let bytes: [UInt8]
        do {
            bytes = try writer.write(SourceReferences.forWriting(session.document, to: file, format: writer.formatName))
            journal.noteWriting(ReviewJournal.FileVersion(bytes: bytes))
            try FileAccess.writeAtomically(bytes, to: file)
        } catch let error as DocumentWriteError {
            return try fail("cannot write \(file): \(error.description)")
        } catch let error as FileAccessError {
            return try fail(error.description)
        }
        journal.restart(for: ReviewJournal.FileVersion(bytes: bytes))
        let count = session.unsavedEdits
        session.markWritten()
        let wrote = "wrote \(file) (\(count) edit\(count == 1 ? "" : "s")); journal cleared\n"
        try emit(fitted(wrote, by: session))
        return true
    }

    /// The session's document written beside `file` (NAME.unsaved-TIMESTAMP.jsonl, the time in UTC) when `file` changed on disk
    /// under the session or is gone: the journal fits only the version it was opened at and would be refused on
    /// reopening, which would strand its edits; the same when the journal is gone (another program deleted it, and it
    /// could not be written again), where they would be lost. The journal, whose edits the copy holds, is removed.
    /// Where the copy went and why, or nil when `file` is as the session left it and the journal holds the edits (or
    /// the copy could not be written, and the journal stays).
    private func rescueUnsavedEdits(_ session: ReviewSession, writer: any DocumentWriter, journal: ReviewJournal) -> Rescue? {
        var onDisk = stat()
        let journalKept = ((try? journal.restoreIfRemoved()) != nil) && journal.isIntact
            && stat(journal.path, &onDisk) == 0 && (onDisk.st_mode & S_IFMT) == S_IFREG
        if journalKept, let onDisk = try? FileAccess.read(file), ReviewJournal.FileVersion(bytes: onDisk) == journal.fileVersion { return nil }
        guard let bytes = try? writer.write(SourceReferences.forWriting(session.document, to: file, format: writer.formatName)) else { return nil }
        let ext = (file as NSString).pathExtension
        let suffix = file.hasSuffix(".tei.xml") ? ".tei.xml" : ext.isEmpty ? "" : "." + ext
        let stem = file.hasSuffix(suffix) ? String(file.dropLast(suffix.count)) : file
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withYear, .withMonth, .withDay, .withTime, .withTimeZone]
        // A name of its own, never an earlier copy's (two in one second): -2, -3 … after the time.
        let stamp = "\(stem).unsaved-\(formatter.string(from: Date()))"
        var copy = stamp + suffix
        var n = 2
        while FileManager.default.fileExists(atPath: copy) {
            copy = "\(stamp)-\(n)\(suffix)"
            n += 1
        }
        // The copy holds the whole document: as private as the file was (a 600 file's copy is 600 too), from the
        // moment it exists.
        var original = stat()
        let mode: mode_t? = stat(journal.path, &original) == 0 || stat(file, &original) == 0 ? (original.st_mode & 0o666) | 0o600 : nil
        do { try FileAccess.writeAtomically(bytes, to: copy, mode: mode) } catch { return nil }
        journal.remove()
        return Rescue(copy: copy, journalGone: !journalKept)
    }

    /// Where `rescueUnsavedEdits` wrote the session's version, and why.
    struct Rescue {
        var copy: String
        /// The journal, not the file, was gone.
        var journalGone: Bool
    }

    static func describeRescue(_ edits: Int, file: String, rescue: Rescue) -> String {
        let why = rescue.journalGone
            ? "its journal was deleted under this session and could not be written again"
            : "\(file) changed on disk under this session (or is gone)"
        return "\(edits) unsaved edit\(edits == 1 ? "" : "s"): \(why), so \(edits == 1 ? "it cannot" : "they cannot") wait in the journal; the session's version is written to \(rescue.copy) (compare it with \(file) and keep what you want)"
    }

    /// Whether the file on disk is what writing the session's document would write: only then may a journal whose
    /// steps undid each other go (a journal is never removed on the strength of the step count alone).
    /// The document as opened counts too: steps that undid each other on a file whose tree was completed on opening
    /// leave nothing the next opening would not build again.
    private func holdsDocument(_ session: ReviewSession, writer: any DocumentWriter, opened: Document) -> Bool {
        guard let bytes = try? writer.write(SourceReferences.forWriting(session.document, to: file, format: writer.formatName)) else { return false }
        if let onDisk = try? FileAccess.read(file), bytes == onDisk { return true }
        return (try? writer.write(SourceReferences.forWriting(opened, to: file, format: writer.formatName))) == bytes
    }

    /// Handlers that end the session on SIGTERM, SIGHUP, SIGQUIT and (in a script; at a terminal Ctrl-C abandons the
    /// line) SIGINT: where its unsaved edits are is said, and the lock file is removed.
    static func endOnSignals(
        interactive: Bool, file: String, journal: String, lockFile: String?, restore: JournalForSignals
    ) -> SignalHandlers {
        let names = [SIGTERM: "SIGTERM", SIGHUP: "SIGHUP", SIGINT: "SIGINT", SIGQUIT: "SIGQUIT"]
        return SignalHandlers(interactive ? [SIGTERM, SIGHUP, SIGQUIT] : [SIGTERM, SIGHUP, SIGINT, SIGQUIT]) { number in
            // A journal another program deleted under the session is written again first, so that what is said holds.
            restore.restoreIfRemoved()
            // The journal exists while edits are unsaved (a write clears it; it is created by the next edit). It fits
            // the version of the file it was written for: one another program changed or removed meanwhile is said.
            let edits: String
            if let contents = (try? ReviewJournal.read(journal)) ?? nil {
                if !FileManager.default.fileExists(atPath: file) {
                    edits = "its unsaved edits are in \(journal), but \(file) is gone; put it back, then reopen it"
                } else if let bytes = try? FileAccess.read(file), ReviewJournal.FileVersion(bytes: bytes) != contents.version,
                          contents.writing.map({ ReviewJournal.FileVersion(bytes: bytes) != $0 }) ?? true {
                    edits = "its unsaved edits are in \(journal), but \(file) changed on disk under the session; reopen it with --replay-journal to apply them to it as it now is (or --discard-journal)"
                } else {
                    edits = "its unsaved edits are in \(journal), and come back when you reopen \(file)"
                }
            } else if restore.unsavedEdits > 0 {
                // Deleted with its folder, say: what was journalled is gone, and the message must not say otherwise.
                edits = "its journal \(journal) is gone (deleted under the session) and could not be written again, so its \(restore.unsavedEdits) unsaved edit\(restore.unsavedEdits == 1 ? " is" : "s are") lost"
            } else {
                edits = "it had no unsaved edits (\(file) holds every edit written)"
            }
            Terminal.write("argmark: the review of \(file) was ended by \(names[number] ?? "signal \(number)"): \(edits)\n")
            if let lockFile { unlink(lockFile) }
            // (SIGQUIT's default action would write a core file of the document: its status only.)
            if number == SIGQUIT { _exit(128 + number) }
            SignalHandlers.endBy(number)
        }
    }

    /// On a terminal, or at a width asked for, what the session prints keeps to the width; a script reads it whole.
    private var fitsLines: Bool { width != nil || isInteractive }

    /// `text` kept to the session's width where lines are fitted (`fitsLines`), as it is otherwise.
    private func fitted(_ text: String, by session: ReviewSession) -> String { fitsLines ? session.fitted(text) : text }

    /// Commands from a terminal, output to one: a person at the keyboard, not a script.
    private var isInteractive: Bool { isatty(0) == 1 && isatty(1) == 1 }

    /// Prints `text`; output that cannot reach standard output (a full disk, a closed pipe) ends the session, whose
    /// edits are in the journal already.
    private func emit(_ text: String) throws {
        guard !text.isEmpty, !writeStandardOutput(text) else { return }
        let reason = String(cString: strerror(errno))
        let journalPath = ReviewJournal.path(for: FileAccess.linkTarget(of: file) ?? file)
        let kept = FileManager.default.fileExists(atPath: journalPath)
            ? "the edits not yet written are kept in \(journalPath) and come back when you reopen \(file)" : "no edit is lost"
        throw AnalysedDocument.failure(
            "cannot write to standard output (\(reason)), so the session ends: check the disk or pipe its output goes to; \(kept)")
    }

    static func milliseconds(since start: ContinuousClock.Instant) -> String {
        let elapsed = ContinuousClock.now - start
        let ms = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
        return String(format: "%.2f", ms)
    }

    static func terminalWidth() -> Int {
        var size = winsize()
        if ioctl(1, UInt(TIOCGWINSZ), &size) == 0, size.ws_col >= 40 { return Int(size.ws_col) }
        return 80
    }
}

/// Lines from libedit on a terminal (editing keys, history), or plain lines from standard input.
struct LineEditor {
    let interactive: Bool

    init(interactive: Bool) {
        self.interactive = interactive
        // libedit reads multibyte characters only under a UTF-8 locale; without one it drops every Chinese character
        // typed (/中文 arrived as /). The user's locale if it is UTF-8, else C.UTF-8.
        if interactive {
            setlocale(LC_CTYPE, "")
            if String(cString: nl_langinfo(nl_item(CODESET))) != "UTF-8" { setlocale(LC_CTYPE, "C.UTF-8") }
        }
    }

    mutating func read(prompt: String) -> String? {
        guard interactive else { return readLine(strippingNewline: true) }
        // A Ctrl-C pressed while a command ran is spent: it must not abandon the line typed next.
        _ = argmark_take_interrupt()
        var raw = argmark_readline(prompt)
        // Ctrl-C gives up the line being typed and asks again, as a shell does; it had ended the session.
        while argmark_take_interrupt() != 0 {
            if let abandoned = raw { argmark_free_line(abandoned) }
            Terminal.write("^C\n")
            raw = argmark_readline(prompt)
        }
        guard let raw else { return nil }
        defer { argmark_free_line(raw) }
        let line = String(cString: raw)
        if !line.trimmingCharacters(in: .whitespaces).isEmpty { add_history(raw) }
        return line
    }
}

/// The session's journal, for the signal handler (another thread) to write again should another program have deleted
/// it: the handler is set up before the journal exists. The journal locks its own changes.
final class JournalForSignals: @unchecked Sendable {
    private let lock = NSLock()
    private var journal: ReviewJournal?

    private var unsaved = 0

    func set(_ journal: ReviewJournal) { lock.withLock { self.journal = journal } }

    /// The session's count of unsaved edits, as the main loop last saw it.
    var unsavedEdits: Int {
        get { lock.withLock { unsaved } }
        set { lock.withLock { unsaved = newValue } }
    }

    func restoreIfRemoved() {
        let journal = lock.withLock { self.journal }
        // (Without waiting on an edit being written: a slow disk must not keep the signal from ending the session.)
        _ = try? journal?.restoreIfRemoved(waiting: false)
    }
}
