import Foundation
import Testing

/// What a batch must not do to a person's work, and what it must not pass over in silence.
extension CommandLineTests {
    /// A re-run of the batch that made an output a person has since reviewed would replace their labels with the
    /// machine's: it is refused for that file, and annotating the reviewed output itself keeps them.
    @Test func aReviewedOutputIsNotReplacedByARerun() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let text = "We argue that cities should abolish parking minimums. Parking minimums raise the cost of housing. In 2019, rents rose by 12 percent.\n"
        try Data(text.utf8).write(to: URL(fileURLWithPath: dir + "/in/city.en.txt").creatingParent())
        #expect(try argmark(["annotate", dir + "/in", "--out", dir + "/out"]).status == 0)
        let output = dir + "/out/city.en.jsonl"
        let review = try argmark(["review", output, "--annotator", "alice"], stdin: "goto s2\nlabel evidence\nwrite\nquit\n")
        #expect(review.status == 0, "\(review.stderr)")
        let reviewed = try Data(contentsOf: URL(fileURLWithPath: output))
        let rerun = try argmark(["annotate", dir + "/in", "--out", dir + "/out"])
        #expect(rerun.status == 1)
        #expect(rerun.stderr.contains("\(output) holds a label or link a person set that this run would not keep (s2's label evidence by human:alice)"))
        #expect(rerun.stderr.contains("argmark annotate \(output) --out OTHER_DIR"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: output)) == reviewed)
        // The reviewed output annotated again keeps the person's label, and so may replace an earlier such run.
        for _ in 0..<2 {
            let kept = try argmark(["annotate", output, "--out", dir + "/again"])
            #expect(kept.status == 0, "\(kept.stderr)")
        }
        #expect(try String(contentsOfFile: dir + "/again/city.en.jsonl", encoding: .utf8).contains(#""label":"evidence","confidence":null,"labeledBy":"human:alice""#))
        // Edits still in a review journal are a person's work too.
        try Data("journal\n".utf8).write(to: URL(fileURLWithPath: dir + "/again/city.en.jsonl.journal"))
        let journalled = try argmark(["annotate", output, "--out", dir + "/again"])
        #expect(journalled.status == 1)
        #expect(journalled.stderr.contains("has a review journal (\(dir)/again/city.en.jsonl.journal) holding edits not yet written into it"))
    }

    /// A CSV or AIF export of a reviewed document records the person's labels and links (`labeled_by`,
    /// `linked_by`): a fresh run's export is refused over it, as over reviewed JSONL and TEI, and the reviewed
    /// document's export may replace it.
    @Test func anExportOfReviewedWorkIsNotReplacedByAFreshRun() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let text = "We argue that cities should abolish parking minimums. Parking minimums raise the cost of housing. In 2019, rents rose by 12 percent.\n"
        try Data(text.utf8).write(to: URL(fileURLWithPath: dir + "/in/city.en.txt").creatingParent())
        #expect(try argmark(["annotate", dir + "/in", "--out", dir + "/machine"]).status == 0)
        #expect(try argmark(["annotate", dir + "/in", "--out", dir + "/reviewed"]).status == 0)
        let review = try argmark(["review", dir + "/reviewed/city.en.jsonl", "--annotator", "alice"],
                                 stdin: "label s2 example\nlink s3 s1 attack\nwrite\nquit\n")
        #expect(review.status == 0, "\(review.stderr)")
        for (format, name) in [("csv", "city.en.csv"), ("aif", "city.en.aif.json")] {
            let target = dir + "/exports/" + name
            let first = try argmark(["export", dir + "/reviewed/city.en.jsonl", "--to", format, "--out", target])
            #expect(first.status == 0, "\(first.stderr)")
            let exported = try Data(contentsOf: URL(fileURLWithPath: target))
            #expect(String(decoding: exported, as: UTF8.self).contains("human:alice"))
            let over = try argmark(["export", dir + "/machine/city.en.jsonl", "--to", format, "--out", target])
            #expect(over.status == 1 && over.stderr.contains("\(target) holds 2 labels or links a person set that this run would not keep"), "\(format): \(over.stderr)")
            #expect(over.stderr.contains("it was exported from a reviewed document"))
            let annotated = try argmark(["annotate", dir + "/in/city.en.txt", "--to", format, "--out", dir + "/exports"])
            #expect(annotated.status == 1 && annotated.stderr.contains("this run would not keep"), "\(format): \(annotated.stderr)")
            #expect(try Data(contentsOf: URL(fileURLWithPath: target)) == exported)
            let again = try argmark(["export", dir + "/reviewed/city.en.jsonl", "--to", format, "--out", target])
            #expect(again.status == 0, "\(format): \(again.stderr)")
        }
        // The same person's later decision, exported again, replaces the earlier export; another person's does not.
        let relabel = try argmark(["review", dir + "/reviewed/city.en.jsonl", "--annotator", "alice"], stdin: "label s2 claim\nwrite\nquit\n")
        #expect(relabel.status == 0, "\(relabel.stderr)")
        #expect(try argmark(["export", dir + "/reviewed/city.en.jsonl", "--to", "csv", "--out", dir + "/exports/city.en.csv"]).status == 0)
        try FileManager.default.copyItem(atPath: dir + "/machine/city.en.jsonl", toPath: dir + "/bob.en.jsonl")
        #expect(try argmark(["review", dir + "/bob.en.jsonl", "--annotator", "bob"], stdin: "label s2 evidence\nlink s3 s1 attack\nwrite\nquit\n").status == 0)
        let bobs = try argmark(["export", dir + "/bob.en.jsonl", "--to", "csv", "--out", dir + "/exports/city.en.csv"])
        #expect(bobs.status == 1 && bobs.stderr.contains("s2's label claim by human:alice"), "\(bobs.stderr)")
        // Who set each link is in the table, so a person's link is told from a linker's; a machine label's
        // confidence says what it is (the default pipeline's are calibrated), a person's label has none.
        let csv = try String(contentsOfFile: dir + "/exports/city.en.csv", encoding: .utf8)
        #expect(csv.hasPrefix("document,id,") && csv.contains(",reviewed_at,linked_by,confidence_scale\r\n"))
        #expect(csv.contains(",human:alice,calibrated\r\n") && csv.contains(",claim,,human:alice,"))
    }

    /// A TEI file names its source relative to its own folder, as TEI tools resolve its pointers, wherever the command
    /// ran; ArgMark reads the name back against the file's folder, and a document read from standard input names
    /// none after a round trip.
    @Test func teiNamesItsSourceFromItsOwnFolder() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let text = "我们认为，城市应当扩大公共自行车系统。据统计，2022年短途机动车出行减少了18%。\n"
        try Data(text.utf8).write(to: URL(fileURLWithPath: dir + "/in/a.zh.txt").creatingParent())
        #expect(try argmark(["annotate", "in/a.zh.txt", "--to", "tei", "--out", "out"], in: dir).status == 0)
        let tei = try String(contentsOfFile: dir + "/out/a.zh.tei.xml", encoding: .utf8)
        #expect(tei.contains(#"replacementPattern="../in/a.zh.txt#char=$1,$2""#) && tei.contains(#"<idno type="path">../in/a.zh.txt</idno>"#))
        // Read back (from elsewhere), the source is where it is; exported to another folder, named from there.
        #expect(try argmark(["annotate", "a.zh.tei.xml", "--out", dir + "/jsonl"], in: dir + "/out").status == 0)
        #expect(try String(contentsOfFile: dir + "/jsonl/a.zh.jsonl", encoding: .utf8).contains(#""source":"../in/a.zh.txt""#))
        #expect(try argmark(["export", "out/a.zh.tei.xml", "--to", "tei", "--out", "deep/er/b.tei.xml"], in: dir).status == 0)
        #expect(try String(contentsOfFile: dir + "/deep/er/b.tei.xml", encoding: .utf8).contains(#"<idno type="path">../../in/a.zh.txt</idno>"#))
        // Reviewed and written back in place, it names its source as before.
        let review = try argmark(["review", "out/a.zh.tei.xml", "--annotator", "ana"], stdin: "label s2 claim\nwq\n", in: dir)
        #expect(review.status == 0, "\(review.stderr)")
        #expect(try String(contentsOfFile: dir + "/out/a.zh.tei.xml", encoding: .utf8).contains(#"<idno type="path">../in/a.zh.txt</idno>"#))
        // An absolute source stays absolute.
        #expect(try argmark(["annotate", dir + "/in/a.zh.txt", "--to", "tei", "--out", "abs"], in: dir).status == 0)
        #expect(try String(contentsOfFile: dir + "/abs/a.zh.tei.xml", encoding: .utf8).contains(#"<idno type="path">\#(dir)/in/a.zh.txt</idno>"#))
        // From standard input: no source before the round trip, none after it.
        let piped = try argmark(["annotate", "-", "--out", "-"], stdin: text, in: dir)
        try Data(piped.stdout.utf8).write(to: URL(fileURLWithPath: dir + "/p.jsonl"))
        #expect(try argmark(["export", "p.jsonl", "--to", "tei", "--out", "p.tei.xml"], in: dir).status == 0)
        #expect(try argmark(["annotate", "p.tei.xml", "--out", "round"], in: dir).status == 0)
        #expect(try String(contentsOfFile: dir + "/round/p.jsonl", encoding: .utf8).contains(#""source":null"#))
    }

    /// On a terminal, Ctrl-C abandons the line being typed and the session goes on (it had ended it):
    /// tools/check_review_interrupt.py drives review on a pseudo-terminal, where Python and util-linux's setsid are
    /// at hand.
    @Test(.enabled(if: Self.interruptCheckRuns, "tools/check_review_interrupt.py needs python3 and util-linux's setsid"))
    func ctrlCAbandonsTheLineOnATerminal() throws {
        let python = try #require(Self.python)
        // The check times keystrokes against a session on a pseudo-terminal; under a loaded parallel test run it once
        // ended after a correct transcript (exit status 1, cause not found), so a second attempt is allowed: both
        // failing is a failure, with both transcripts.
        var transcripts: [String] = []
        for _ in 1...2 {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: python)
            process.arguments = [CommandLineTests.packageRoot.appendingPathComponent("tools/check_review_interrupt.py").path, CommandLineTests.binary.path]
            let output = Pipe()
            process.standardOutput = output
            process.standardError = output
            try process.run()
            let transcript = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            if process.terminationStatus == 0 { return }
            transcripts.append(transcript)
        }
        Issue.record("\(transcripts.joined(separator: "\n--- second attempt ---\n"))")
    }

    /// A folder walk that meets an earlier run's outputs in a subfolder (out/tei/a.tei.xml beside a.txt) reads the
    /// document once, naming the copy it leaves out; a reviewed copy, a person's work, is read.
    /// Ctrl-C in the middle of a batch: the failures met so far were named as they came, and the batch ends with
    /// how far it got, ended by SIGINT itself (status 130 to a shell). The external labeller answers the first document and then hangs, having
    /// marked a file, so that the interrupt comes after the failing second file whatever the machine's speed.
    @Test(.enabled(if: Self.python != nil, "needs python3"))
    func anInterruptedBatchSaysHowFarItGot() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try Data("Cities should act now.\n".utf8).write(to: URL(fileURLWithPath: dir + "/a.en.txt"))
        try Data([0x50, 0x4B, 0x00, 0x01, 0x02, 0x00, 0x7F, 0x00]).write(to: URL(fileURLWithPath: dir + "/b.en.txt"))
        try Data("Rents rose by 12 percent.\n".utf8).write(to: URL(fileURLWithPath: dir + "/c.en.txt"))
        let example = Self.packageRoot.appendingPathComponent("tools/external_labeler_example.py").path
        let process = Process()
        process.executableURL = Self.binary
        process.arguments = ["annotate", dir + "/a.en.txt", dir + "/b.en.txt", dir + "/c.en.txt", "--out", dir + "/out", "--jobs", "1",
                             "--external", "\(Self.python!) \(example) --hang-after 1 --mark \(dir)/hung", "--plugin-timeout", "600"]
        let err = Pipe()
        process.standardError = err
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        // Waits for the labeller to hang on the third file (a wait, not a timed assertion).
        while !FileManager.default.fileExists(atPath: dir + "/hung"), process.isRunning { usleep(20_000) }
        process.interrupt()
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        // Ended by the signal itself, so that a shell running it in a loop stops too.
        #expect(process.terminationReason == .uncaughtSignal && process.terminationStatus == SIGINT, "\(stderr)")
        #expect(stderr.contains("b.en.txt: this looks like a binary file"), "\(stderr)")
        #expect(stderr.contains("interrupted after 2 of 3 files: at least 1 written whole in \(dir)/out, 1 failed (named above); the other file was not written"), "\(stderr)")
        #expect(FileManager.default.fileExists(atPath: dir + "/out/a.en.jsonl"))
        #expect(!FileManager.default.fileExists(atPath: dir + "/out/c.en.jsonl"))
    }

    /// SIGTERM while an external labeller is stuck in a call (it neither replies nor reads its input, and blocks
    /// SIGTERM): ArgMark stops it (SIGKILL after a second) before exiting, even for a single file, rather than
    /// leaving it running under init.
    @Test(.enabled(if: Self.python != nil, "needs python3"))
    func anInterruptedRunStopsItsExternalLabeller() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try Data("Cities should act now.\n".utf8).write(to: URL(fileURLWithPath: dir + "/a.en.txt"))
        let example = Self.packageRoot.appendingPathComponent("tools/external_labeler_example.py").path
        let process = Process()
        process.executableURL = Self.binary
        process.arguments = ["annotate", dir + "/a.en.txt", "--out", dir + "/out", "--plugin-timeout", "600",
                             "--external", "\(Self.python!) \(example) --hang-after 0 --stall --ignore-term --mark \(dir)/hung"]
        let err = Pipe()
        process.standardError = err
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        // Waits for the labeller to stall and write its process id (a wait, not a timed assertion).
        var labeller: Int32?
        while labeller == nil, process.isRunning {
            labeller = (try? String(contentsOfFile: dir + "/hung", encoding: .utf8)).flatMap { Int32($0) }
            usleep(20_000)
        }
        process.terminate()
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal && process.terminationStatus == SIGTERM, "\(stderr)")
        #expect(stderr.contains("interrupted before the file was written: run the same command again to do it"), "\(stderr)")
        let pid = try #require(labeller)
        // Gone, or a zombie waiting for init to reap it: either way it no longer runs.
        func runs() -> Bool {
            guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
                  let state = stat.split(separator: ")").last?.split(separator: " ").first else { return false }
            return state != "Z" && state != "X"
        }
        var waited = 0
        while runs(), waited < 500 { usleep(20_000); waited += 1 }
        #expect(!runs(), "the labeller \(pid) still runs")
        if runs() { kill(pid, SIGKILL) }
    }

    @Test func anEarlierRunsOutputsAreNotReadAgain() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let text = "We argue that cities should abolish parking minimums. Parking minimums raise the cost of housing. In 2019, rents rose by 12 percent.\n"
        try Data(text.utf8).write(to: URL(fileURLWithPath: dir + "/in/city.en.txt").creatingParent())
        #expect(try argmark(["annotate", "in", "--to", "tei", "--out", "in/tei"], in: dir).status == 0)
        #expect(try argmark(["annotate", "in", "--out", "in/jsonl"], in: dir).status == 0)
        let csv = try argmark(["annotate", "in", "--to", "csv", "--out", "in/csv"], in: dir)
        #expect(csv.status == 0 && csv.stderr.contains("in/tei/city.en.tei.xml is left out: it is ArgMark's annotation of ../city.en.txt"), "\(csv.stderr)")
        #expect(csv.stderr.contains("in/jsonl/city.en.jsonl is left out"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir + "/in/csv") == ["city.en.csv"])
        let review = try argmark(["review", "in/jsonl/city.en.jsonl", "--annotator", "ana"], stdin: "label s2 evidence\nwq\n", in: dir)
        #expect(review.status == 0, "\(review.stderr)")
        let again = try argmark(["annotate", "in", "--to", "csv", "--out", "again"], in: dir)
        #expect(again.status == 0 && !again.stderr.contains("city.en.jsonl is left out"), "\(again.stderr)")
        #expect(FileManager.default.fileExists(atPath: dir + "/again/jsonl/city.en.csv"))
    }

    static let python = ["/usr/bin/python3", "/usr/local/bin/python3"].first(where: FileManager.default.isExecutableFile(atPath:))
    static let interruptCheckRuns = python != nil && FileManager.default.isExecutableFile(atPath: "/usr/bin/setsid")

    /// Edits a review left in its journal (quit twice) are not in the file: the commands that read it say so, rather
    /// than exporting or reporting it without them.
    @Test func unwrittenReviewEditsAreNamed() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let text = "We argue that cities should abolish parking minimums. Parking minimums raise the cost of housing. In 2019, rents rose by 12 percent.\n"
        try Data(text.utf8).write(to: URL(fileURLWithPath: dir + "/city.en.txt").creatingParent())
        #expect(try argmark(["annotate", dir + "/city.en.txt", "--out", dir + "/out"]).status == 0)
        let file = dir + "/out/city.en.jsonl"
        let quiet = try argmark(["export", file, "--to", "tsv", "--out", dir + "/x.tsv"])
        #expect(quiet.status == 0 && !quiet.stderr.contains("journal"))
        let review = try argmark(["review", file, "--annotator", "alice"], stdin: "goto s3\nlabel claim\nquit\nquit\n")
        #expect(review.stderr.contains("left 1 unsaved edit") || review.stdout.contains("left 1 unsaved edit"), "\(review.stdout)")
        let warning = "\(file).journal holds 1 review edit not written into \(file), which this reads without them"
        for command in [["export", file, "--to", "tsv", "--out", dir + "/y.tsv"], ["tree", file], ["report", file], ["annotate", file, "--out", dir + "/again"]] {
            let run = try argmark(command)
            #expect(run.status == 0 && run.stderr.contains(warning), "\(command): \(run.stderr)")
        }
        // Read through a link, the file's journal is the one review keeps, beside the file the link leads to.
        try FileManager.default.createSymbolicLink(atPath: dir + "/link.jsonl", withDestinationPath: file)
        #expect(try argmark(["tree", dir + "/link.jsonl"]).stderr.contains("\(file).journal holds 1 review edit"))
        // An undo is a step of its own in the journal, and named as one: review counts what the steps leave.
        #expect(try argmark(["review", file, "--annotator", "alice"], stdin: "goto s2\nlabel background\nundo\nquit\nquit\n").status == 0)
        #expect(try argmark(["tree", file]).stderr.contains("\(file).journal holds 3 review steps (2 edits, 1 undo) not written"))
    }

    /// An output that is a link to a file under review is that file: its journal and lock are looked for where the
    /// link leads; and a write-protected output stays as it is, for root too.
    @Test func aLinkedOrWriteProtectedOutputIsNotReplaced() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try Data("We argue that cities should act. In 2019, rents rose by 12 percent.\n".utf8)
            .write(to: URL(fileURLWithPath: dir + "/in/city.en.txt").creatingParent())
        #expect(try argmark(["annotate", dir + "/in", "--out", dir + "/reviewed"]).status == 0)
        let reviewed = dir + "/reviewed/city.en.jsonl"
        try FileManager.default.createDirectory(atPath: dir + "/out", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: dir + "/out/city.en.jsonl", withDestinationPath: reviewed)
        let before = try Data(contentsOf: URL(fileURLWithPath: reviewed))
        try Data("journal\n".utf8).write(to: URL(fileURLWithPath: reviewed + ".journal"))
        let linked = try argmark(["annotate", dir + "/in", "--out", dir + "/out"])
        #expect(linked.status == 1 && linked.stderr.contains("has a review journal (\(reviewed).journal)"), "\(linked.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: reviewed)) == before)
        try FileManager.default.removeItem(atPath: reviewed + ".journal")
        try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: reviewed)
        let protected = try argmark(["annotate", dir + "/in", "--out", dir + "/reviewed"])
        #expect(protected.status == 1 && protected.stderr.contains("\(reviewed) is write-protected"), "\(protected.stderr)")
        #expect(!FileManager.default.fileExists(atPath: reviewed + ".journal.lock"))
    }

    /// A full disk or a closed descriptor behind standard output is an error, not a cut-short output and exit 0.
    @Test(.enabled(if: FileManager.default.fileExists(atPath: "/dev/full"), "needs /dev/full"))
    func standardOutputThatCannotBeWrittenIsAnError() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let input = dir + "/a.en.txt"
        try Data("We argue that cities should abolish parking minimums. Parking minimums raise the cost of housing.\n".utf8)
            .write(to: URL(fileURLWithPath: input))
        let full = try #require(FileHandle(forWritingAtPath: "/dev/full"))
        let annotate = try argmark(["annotate", input, "--out", "-"], standardOutput: full)
        #expect(annotate.status == 1)
        #expect(annotate.stderr.contains("cannot write to standard output (No space left on device)"))
        #expect(try argmark(["annotate", input, "--out", dir + "/out"]).status == 0)
        let tree = try argmark(["tree", dir + "/out/a.en.jsonl"], standardOutput: full)
        #expect(tree.status == 1)
        #expect(tree.stderr.contains("cannot write to standard output"))
    }

    /// An empty --out (an unset variable) and an --out that is the input directory are refused: the first wrote into
    /// the current directory, the second made every later run fail on its own outputs.
    @Test func anEmptyOutOrTheInputDirectoryAsOutIsRefused() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try Data("Cities should act now.\n".utf8).write(to: URL(fileURLWithPath: dir + "/in/a.en.txt").creatingParent())
        let empty = try argmark(["annotate", dir + "/in", "--out", ""])
        #expect(empty.status == 64 && empty.stderr.contains("--out is empty"))
        let same = try argmark(["annotate", dir + "/in", "--out", dir + "/in/"])
        #expect(same.status == 64 && same.stderr.contains("is the input directory"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir + "/in") == ["a.en.txt"])
    }

    /// What a walk cannot read is named: a PDF (with the command that converts it) unless its text sits beside it,
    /// and a file whose name is not UTF-8. A file reached twice is read once; a name near the 255-byte limit is
    /// written.
    @Test func aBatchNamesWhatItCannotReadAndReadsEachFileOnce() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let sentence = Data("我们认为，城市应当取消最低停车配建标准。\n".utf8)
        let longName = String(repeating: "长", count: 80)
        try sentence.write(to: URL(fileURLWithPath: dir + "/in/\(longName).txt").creatingParent())
        try sentence.write(to: URL(fileURLWithPath: dir + "/in/report.txt"))
        try Data("%PDF-1.7\n".utf8).write(to: URL(fileURLWithPath: dir + "/in/report.pdf"))
        try Data("%PDF-1.7\n".utf8).write(to: URL(fileURLWithPath: dir + "/in/scan.pdf"))
        // caf\xE9.txt: a Latin-1 name.
        let latin1 = Array((dir + "/in/caf").utf8) + [0xE9] + Array(".txt".utf8) + [0]
        let fd = latin1.withUnsafeBufferPointer { open(UnsafeRawPointer($0.baseAddress!).assumingMemoryBound(to: CChar.self), O_WRONLY | O_CREAT, 0o644) }
        #expect(fd >= 0)
        close(fd)
        let run = try argmark(["annotate", dir + "/in", dir + "/in/report.txt", "--out", dir + "/out"])
        #expect(run.status == 1)
        #expect(run.stderr.contains("warning: 1 file not read (\(dir)/in/scan.pdf): ArgMark reads no .pdf; convert with pdftotext -enc UTF-8 FILE.pdf"))
        #expect(run.stderr.contains("a file whose name is not UTF-8"))
        #expect(run.stderr.contains("annotated 2 of 3 files"))
        #expect(FileManager.default.fileExists(atPath: dir + "/out/\(longName).jsonl"))
    }

    /// A file deeper than the system's path limit is named as a failure, not dropped unsaid. (A folder that can be
    /// listed but not entered is named the same way; root enters every folder, so it cannot be tried here.)
    @Test func aFilePastThePathLimitIsNamed() throws {
        let dir = try temporaryDirectory()
        defer { _ = try? argmark(["-c", "rm -rf \"$0\"", dir], binary: URL(fileURLWithPath: "/bin/sh")) }
        try Data("Cities should act now.\n".utf8).write(to: URL(fileURLWithPath: dir + "/in/top.en.txt").creatingParent())
        // Folder by folder from a descriptor, as no path that long can be named.
        var folder = open(dir + "/in", O_RDONLY | O_DIRECTORY)
        for _ in 0..<420 {
            mkdirat(folder, "dddddddddd", 0o755)
            let next = openat(folder, "dddddddddd", O_RDONLY | O_DIRECTORY)
            close(folder)
            folder = next
        }
        let file = openat(folder, "deep.en.txt", O_WRONLY | O_CREAT, 0o644)
        #expect(file >= 0 && write(file, "Rents rose.\n", 12) == 12)
        close(file)
        close(folder)
        let run = try argmark(["annotate", dir + "/in", "--out", dir + "/out", "--labelers", "none"])
        #expect(run.status == 1 && run.stderr.contains("cannot be read (File name too long); skipped"), "\(run.stderr.suffix(300))")
        #expect(run.stderr.contains("annotated 1 of 2 files"))
    }

    /// Labelling without Models/ gave every sentence no label and exit 0; it is an error, and --labelers none
    /// (reading and segmenting only) still runs.
    @Test func labellingWithoutModelsIsAnError() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        // A copy of the binary away from the package, run where no Models/ is either.
        let copy = URL(fileURLWithPath: dir + "/bin/argmark")
        try FileManager.default.createDirectory(atPath: dir + "/bin", withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: Self.binary, to: copy)
        try Data("Cities should act now.\n".utf8).write(to: URL(fileURLWithPath: dir + "/a.en.txt"))
        var environment = ProcessInfo.processInfo.environment
        environment["ARGMARK_MODELS"] = nil
        let labelling = try argmark(["annotate", "a.en.txt", "--out", "out"], binary: copy, in: dir, environment: environment)
        #expect(labelling.status == 64)
        #expect(labelling.stderr.contains("no Models/ directory found"))
        #expect(!FileManager.default.fileExists(atPath: dir + "/out"))
        let reading = try argmark(["annotate", "a.en.txt", "--out", "out", "--labelers", "none"], binary: copy, in: dir, environment: environment)
        #expect(reading.status == 0, "\(reading.stderr)")
        // An external labeller labels without Models/.
        if FileManager.default.isExecutableFile(atPath: "/usr/bin/python3") {
            let example = Self.packageRoot.appendingPathComponent("tools/external_labeler_example.py").path
            let external = try argmark(["annotate", "a.en.txt", "--out", "ext", "--external", "python3 \(example)"], binary: copy, in: dir, environment: environment)
            #expect(external.status == 0, "\(external.stderr)")
        }
        // tree, report and export label raw text with the default pipeline: without Models/ they stop too, while a
        // file that holds its labels is shown, and plugins lists what needs no model.
        for command in [["tree", "a.en.txt"], ["report", "a.en.txt"], ["export", "a.en.txt", "--to", "tsv", "--out", "-"]] {
            let run = try argmark(command, binary: copy, in: dir, environment: environment)
            #expect(run.status == 1 && run.stderr.contains("1 sentence has no label, and no labeller loaded to label it"), "\(command): \(run.stderr)")
        }
        #expect(try argmark(["tree", "ext/a.en.jsonl"], binary: copy, in: dir, environment: environment).status == 0)
        let plugins = try argmark(["plugins"], binary: copy, in: dir, environment: environment)
        #expect(plugins.status == 0 && plugins.stdout.contains("link.tree.v1"), "\(plugins.stderr)")
    }
}

/// What review must not lose or mistake when it opens a file.
extension CommandLineTests {
    /// A labelled file without a tree: review completes the tree on opening.
    func untreedFile(_ dir: String) throws -> String {
        let text = "We argue that cities should abolish parking minimums. Parking minimums raise the cost of housing. In 2019, rents rose by 12 percent. Cities should therefore act now.\n"
        try Data(text.utf8).write(to: URL(fileURLWithPath: dir + "/city.en.txt"))
        #expect(try argmark(["annotate", dir + "/city.en.txt", "--no-tree", "--out", dir + "/untreed"]).status == 0)
        return dir + "/untreed/city.en.jsonl"
    }

    /// Keys ArgMark's JSONL does not hold would be dropped by writing the file back: review refuses and says how to
    /// review a copy.
    @Test func reviewRefusesAFileWhoseKeysItWouldDrop() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let file = try reviewFixture(dir)
        var lines = try String(contentsOfFile: file, encoding: .utf8).split(separator: "\n").map(String.init)
        lines[3] = lines[3].replacingOccurrences(of: #"{"type":"sentence","#, with: #"{"type":"sentence","comment":"check this","#)
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: file))
        let run = try argmark(["review", file], stdin: "w\nq\n")
        #expect(run.status != 0)
        #expect(run.stderr.contains("holds keys ArgMark's JSONL does not keep (comment on line 4)"))
        #expect(try String(contentsOfFile: file, encoding: .utf8).contains(#""comment":"check this""#))
    }

    /// Steps that undo each other on a file whose tree was completed on opening leave no journal behind; edits made
    /// on the rule linker's tree (Models/ without the learned linker) come back when the file is reopened with it, as
    /// the session completes the tree the same way; a journal made over a tree a linker at hand cannot build is
    /// named as such, not as damaged.
    @Test func aReviewJournalFitsTheTreeItWasMadeOn() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let file = try untreedFile(dir)
        let undone = try argmark(["review", file, "--annotator", "wang"], stdin: "c\nundo\nq\n")
        #expect(undone.status == 0, "\(undone.stderr)")
        #expect(!FileManager.default.fileExists(atPath: file + ".journal"))
        let left = try argmark(["review", file, "--annotator", "wang"], stdin: "c\n")
        #expect(left.status == 1)
        let journal = try String(contentsOfFile: file + ".journal", encoding: .utf8)
        #expect(journal.contains(#""treeCompletedBy":"link.learned.v1""#))
        try Data(journal.replacingOccurrences(of: #""treeCompletedBy":"link.learned.v1""#, with: #""treeCompletedBy":"link.other.v9""#).utf8)
            .write(to: URL(fileURLWithPath: file + ".journal"))
        let reopened = try argmark(["review", file, "--annotator", "wang"], stdin: "q\n")
        #expect(reopened.status != 0)
        #expect(reopened.stderr.contains("holds edits made on the tree link.other.v9 completed, but this session has the tree link.learned.v1 completed"))
        try FileManager.default.removeItem(atPath: file + ".journal")
        // Models/ with the cue lexicons only: the rule linker completes the tree, and the edit made on it comes back
        // from the full Models/.
        try FileManager.default.createDirectory(atPath: dir + "/cues-only", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Self.packageRoot.appendingPathComponent("Models/cues").path, toPath: dir + "/cues-only/cues")
        let ruled = try argmark(["review", file, "--annotator", "wang", "--models", dir + "/cues-only"], stdin: "c\n")
        #expect(ruled.status == 1 && ruled.stdout.contains("linked the argument tree (link.tree.v1)"), "\(ruled.stderr)")
        let back = try argmark(["review", file, "--annotator", "wang"], stdin: "q!\n")
        #expect(back.status == 0 && back.stdout.contains("linked the argument tree (link.tree.v1)") && back.stdout.contains("recovered 1 unsaved edit"), "\(back.stderr)")
        // Once written, the file holds its tree: edits after the write are journalled over the file's own tree and
        // come back on reopening.
        #expect(try argmark(["review", file, "--annotator", "wang", "--discard-journal"], stdin: "c\nw\ngoto s3\ne\n").status == 1)
        let recovered = try argmark(["review", file, "--annotator", "wang"], stdin: "q!\n")
        #expect(recovered.status == 0, "\(recovered.stderr)")
        #expect(recovered.stdout.contains("recovered 1 unsaved edit"))
    }
}

/// tree, report and export read a folder and a file as annotate left them, and a person's changes to them.
extension CommandLineTests {
    /// A page beside the JSONL annotated from it is one document: the report reads the JSONL (perhaps reviewed),
    /// whatever the page's name sorts as; a directory of one document still gets its corpus summary. A sentence
    /// the file leaves unlabelled is labelled, not dropped from the counts.
    @Test func reportReadsTheAnnotatedFileOfADocumentAndLabelsWhatItLacks() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let page = "<html><body><p>We argue that cities should abolish parking minimums. Parking minimums raise the cost of housing. In 2019, rents rose by 12 percent.</p></body></html>\n"
        try Data(page.utf8).write(to: URL(fileURLWithPath: dir + "/d/x.html").creatingParent())
        #expect(try argmark(["annotate", dir + "/d/x.html", "--out", dir + "/d"]).status == 0)
        var lines = try String(contentsOfFile: dir + "/d/x.jsonl", encoding: .utf8).split(separator: "\n").map(String.init)
        let s3 = try #require(lines.firstIndex { $0.contains(#""id":"s3""#) })
        let cleared = lines[s3].replacing(/"label":"[a-z]+","confidence":[0-9.]+,"labeledBy":"[^"]+"/, with: #""label":null,"confidence":null,"labeledBy":null"#)
        #expect(cleared != lines[s3])
        lines[s3] = cleared
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: dir + "/d/x.jsonl"))
        let run = try argmark(["report", dir + "/d", "--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("\(dir)/d/x.html is left out: it is the document \(dir)/d/x.jsonl holds too"))
        #expect(run.stderr.contains("labelled the 1 sentence the file leaves unlabelled (s3)"))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(json["corpus"] != nil)
        let document = try #require((json["documents"] as? [[String: Any]])?.first)
        #expect(document["file"] as? String == dir + "/d/x.jsonl")
        let labels = try #require(document["labels"] as? [String: Int])
        #expect(labels.values.reduce(0, +) == 3)
        // One in no language a labeller handles stays unlabelled, and is named so rather than said to be labelled.
        let hand = #"{"type":"document","id":"h","lang":"zh"}"# + "\n"
            + #"{"type":"sentence","id":"s1","section":"d1","paragraph":"p1","start":0,"end":10,"text":"本文认为合作是出路。","label":"claim"}"# + "\n"
            + #"{"type":"sentence","id":"s2","section":"d1","paragraph":"p1","start":10,"end":31,"text":"例如，2018年的贸易摩擦造成了巨大损失。"}"# + "\n"
        try Data(hand.utf8).write(to: URL(fileURLWithPath: dir + "/h.jsonl"))
        let left = try argmark(["tree", dir + "/h.jsonl"])
        #expect(left.status == 0 && left.stderr.contains("1 sentence the file leaves unlabelled stays so (s2)") && !left.stderr.contains("labelled the 1 sentence"), "\(left.stderr)")
        // An entry the walk cannot read (a named pipe) is named, and the report goes on with the rest.
        #expect(mkfifo(dir + "/d/pipe.jsonl", 0o644) == 0)
        let withPipe = try argmark(["report", dir + "/d"])
        #expect(withPipe.status == 1 && withPipe.stderr.contains("pipe.jsonl: not a regular file") && withPipe.stdout.contains("corpus"), "\(withPipe.stderr)")
        // The summary counts what was not read, as a batch counts its failures, in text and in JSON.
        #expect(withPipe.stdout.contains("not read: 1 file (the errors above say why): \(dir)/d/pipe.jsonl"))
        let pipeJSON = try argmark(["report", dir + "/d", "--format", "json"])
        let notRead = try #require(try JSONSerialization.jsonObject(with: Data(pipeJSON.stdout.utf8)) as? [String: Any])["notRead"] as? [String]
        #expect(notRead == [dir + "/d/pipe.jsonl"])
    }
}
