import Synchronization
import ArgMarkCore
import ArgMarkFormats
import ArgMarkPipeline
import ArgMarkPlugins
import Foundation
import Testing

@testable import ArgMarkIO

/// A fresh temporary directory, removed after `body`.
func withTemporaryDirectory<T>(_ body: (String) async throws -> T) async throws -> T {
    let path = NSTemporaryDirectory() + "argmark-test-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: path) }
    return try await body(path)
}

func write(_ bytes: [UInt8], _ path: String) throws {
    try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
    try Data(bytes).write(to: URL(fileURLWithPath: path))
}

func runner(out: String?, jobs: Int = 2) -> BatchRunner {
    let registry = PluginRegistry.standard
    return BatchRunner(options: BatchOptions(registry: registry, inputFormat: "auto", writer: registry.writer(format: "jsonl")!,
                                             pipeline: registry.defaultPipeline(), outputDirectory: out, jobs: jobs))
}

struct BatchTests {
    @Test func aDirectoryOfGoodAndBadFiles() async throws {
        try await withTemporaryDirectory { dir in
            let input = dir + "/in"
            try write(Array("一、标题\n第一句。第二句。\n".utf8), input + "/good.zh.txt")
            try write(Array("The first. The second.\n".utf8), input + "/sub/good2.en.txt")
            try write([], input + "/empty.txt")
            try write([0x41, 0x00, 0x42, 0x43], input + "/binary.txt")
            // Random bytes: an invalid UTF-8 byte before the first NUL is still binary data, not text to convert.
            try write([0x52, 0x9C, 0xE3, 0x41, 0x07, 0x00, 0xF1, 0x10, 0x00, 0x8A], input + "/random.txt")
            try write(Array("好的".utf8) + [0xFF, 0xFE], input + "/latin1.txt")
            try write(Array(repeating: UInt8(ascii: "x"), count: 1_200_000), input + "/oneline.txt")
            try write(Array("{\"type\":\"document\"\n".utf8), input + "/broken.jsonl")
            try write(Array("ignored".utf8), input + "/.hidden.txt")
            try write(Array("ignored".utf8), input + "/image.png")
            let (inputs, missing) = InputDiscovery.discover([input, dir + "/nope.txt"])
            #expect(inputs.map(\.outputStem) == ["binary", "broken", "empty", "good.zh", "latin1", "oneline", "random", "sub/good2.en"])
            #expect(missing.map(\.message) == ["\(dir)/nope.txt: no such file or directory; check the path"])
            let summary = await runner(out: dir + "/out").run(inputs)
            #expect(summary.succeeded == 2)
            let failures = Dictionary(uniqueKeysWithValues: summary.failures.map { (($0.path as NSString).lastPathComponent, $0.message) })
            #expect(failures["empty.txt"]?.contains("the file is empty") == true)
            #expect(failures["binary.txt"]?.contains("binary file") == true)
            #expect(failures["latin1.txt"]?.contains("line 1: invalid UTF-8 at byte 6 of the file") == true)
            #expect(failures["random.txt"]?.contains("this looks like a binary file (NUL or control bytes at byte 5)") == true)
            #expect(failures["oneline.txt"]?.contains("line 1 is") == true)
            #expect(failures["broken.jsonl"]?.contains("line 1:") == true)
            #expect(failures.values.allSatisfy { $0.hasPrefix(input) })
            let outputs = try FileManager.default.subpathsOfDirectory(atPath: dir + "/out").sorted()
            #expect(outputs == ["good.zh.jsonl", "sub", "sub/good2.en.jsonl"])
            let jsonl = try String(contentsOfFile: dir + "/out/good.zh.jsonl", encoding: .utf8)
            #expect(jsonl.split(separator: "\n").count == 4)
        }
    }

    /// A walk reads regular files only: a named pipe with a text's name is reported, not opened (it would block the
    /// batch for ever); a directory it cannot list is reported; the batch's own output directory is not read back;
    /// a link to a file is read, a link to a directory met on the walk is not followed, a directory link named on
    /// the command line is walked.
    @Test func walksReadRegularFilesAndReportWhatTheyCannot() async throws {
        try await withTemporaryDirectory { dir in
            try write(Array("第一句。\n".utf8), dir + "/in/a.txt")
            try write(Array("第一句。\n".utf8), dir + "/in/out/a.jsonl")
            try write(Array("第一句。\n".utf8), dir + "/elsewhere/b.txt")
            #expect(mkfifo(dir + "/in/pipe.txt", 0o644) == 0)
            try FileManager.default.createSymbolicLink(atPath: dir + "/in/linked.txt", withDestinationPath: dir + "/elsewhere/b.txt")
            try FileManager.default.createSymbolicLink(atPath: dir + "/in/loop", withDestinationPath: dir + "/in")
            try FileManager.default.createSymbolicLink(atPath: dir + "/link", withDestinationPath: dir + "/elsewhere")
            // Two links leading to each other, and one to nothing: each named for what it is.
            try FileManager.default.createSymbolicLink(atPath: dir + "/in/loop1.txt", withDestinationPath: dir + "/in/loop2.txt")
            try FileManager.default.createSymbolicLink(atPath: dir + "/in/loop2.txt", withDestinationPath: dir + "/in/loop1.txt")
            try FileManager.default.createSymbolicLink(atPath: dir + "/in/dangling.txt", withDestinationPath: dir + "/in/none.txt")
            try FileManager.default.createDirectory(atPath: dir + "/in/closed", withIntermediateDirectories: true)
            try write(Array("第一句。\n".utf8), dir + "/in/closed/c.txt")
            chmod(dir + "/in/closed", 0)
            defer { chmod(dir + "/in/closed", 0o755) }
            let (inputs, failures) = InputDiscovery.discover([dir + "/in", dir + "/link"], excluding: [dir + "/in/out"])
            #expect(inputs.map(\.path).filter { !$0.hasPrefix(dir + "/in/closed/") } == [dir + "/in/a.txt", dir + "/in/linked.txt", dir + "/link/b.txt"])
            #expect(failures.contains { $0.message == "\(dir)/in/pipe.txt: not a regular file (a named pipe, socket or device); skipped" })
            #expect(failures.contains { $0.message.hasPrefix("\(dir)/in/loop1.txt: a symbolic link in a loop") })
            #expect(failures.contains { $0.message == "\(dir)/in/dangling.txt: a symbolic link to nothing; check where it points" })
            // Named on the command line, too.
            #expect(InputDiscovery.discover([dir + "/in/loop1.txt"]).failures.map(\.message) == [InputDiscovery.linkLoopMessage(dir + "/in/loop1.txt")])
            // Outputs written next to the inputs (--out equal to the input directory) leave the inputs found.
            #expect(InputDiscovery.discover([dir + "/elsewhere"], excluding: [dir + "/elsewhere"]).inputs.map(\.path) == [dir + "/elsewhere/b.txt"])
            // root reads a closed directory anyway; anyone else is told.
            if geteuid() != 0 { #expect(failures.contains { $0.message.hasPrefix("\(dir)/in/closed: permission denied") }) }
        }
    }

    /// Two files of one name in two subfolders are two documents with two ids (their CSV rows stack apart), and a
    /// control character in a file name does not reach the id.
    @Test func idsOfAWalkNameTheirSubfolders() async throws {
        try await withTemporaryDirectory { dir in
            try write(Array("It rose.\n".utf8), dir + "/in/sub1/report.txt")
            try write(Array("It fell.\n".utf8), dir + "/in/sub2/report.txt")
            try write(Array("It held.\n".utf8), dir + "/in/tab\there.txt")
            let (inputs, _) = InputDiscovery.discover([dir + "/in"])
            #expect(inputs.map(\.documentID) == ["sub1/report", "sub2/report", "tab_here"])
            #expect(inputs.map(\.outputStem) == ["sub1/report", "sub2/report", "tab\there"])
            #expect(InputDiscovery.discover([dir + "/in/sub1/report.txt"]).inputs.map(\.documentID) == ["report"])
        }
    }

    /// A path in a suggested command pastes into a shell as one word.
    @Test(arguments: [
        ("out/gwr2024.zh.jsonl", "out/gwr2024.zh.jsonl"),
        ("out/政府工作报告.jsonl", "out/政府工作报告.jsonl"),
        ("rv/name with spaces.zh.jsonl", "'rv/name with spaces.zh.jsonl'"),
        ("it's.jsonl", "'it'\\''s.jsonl'"),
        ("a$b;c.jsonl", "'a$b;c.jsonl'"),
    ])
    func pathsInSuggestedCommandsAreQuoted(_ path: String, _ quoted: String) {
        #expect(FileAccess.shellQuoted(path) == quoted)
    }

    @Test func parallelAndSerialRunsGiveIdenticalOutputs() async throws {
        try await withTemporaryDirectory { dir in
            for n in 0..<12 {
                try write(Array("标题\(n)\n这是第\(n)段。它有两句。\nAn English line \(n). Another.\n".utf8), dir + "/in/doc\(n).txt")
            }
            let (inputs, _) = InputDiscovery.discover([dir + "/in"])
            _ = await runner(out: dir + "/serial", jobs: 1).run(inputs)
            _ = await runner(out: dir + "/parallel", jobs: 4).run(inputs)
            for n in 0..<12 {
                let a = try Data(contentsOf: URL(fileURLWithPath: dir + "/serial/doc\(n).jsonl"))
                let b = try Data(contentsOf: URL(fileURLWithPath: dir + "/parallel/doc\(n).jsonl"))
                #expect(a == b)
            }
        }
    }

    /// A folder of labelled corpora holds sentence tables beside their gold tables: the walk takes the sentences,
    /// read under their own ids, and leaves the labels (and other tables) alone.
    @Test func aFolderOfSentenceTables() async throws {
        try await withTemporaryDirectory { dir in
            try write(Array("id\tpara\tkind\ttext\ns1\tp1\tHEAD\t引言\ns2\tp2\tS\t本文认为合作是出路。\n".utf8), dir + "/in/a_sentences.tsv")
            try write(Array("id\tlabel\tparent\trelation\ns1\t-\t-\t-\ns2\tclaim\tROOT\t-\n".utf8), dir + "/in/a_gold.tsv")
            try write(Array("doc_id\ttext\tlabel\nd1\tA claim.\tclaim\n".utf8), dir + "/in/corpus.train.tsv")
            let (inputs, failures) = InputDiscovery.discover([dir + "/in"])
            #expect(inputs.map(\.outputStem) == ["a_sentences"] && failures.isEmpty)
            let summary = await runner(out: dir + "/out").run(inputs)
            #expect(summary.succeeded == 1)
            let jsonl = try String(contentsOfFile: dir + "/out/a_sentences.jsonl", encoding: .utf8)
            #expect(jsonl.contains("\"id\":\"s2\"") && jsonl.contains("\"text\":\"本文认为合作是出路。\""))
        }
    }

    /// A corpus table named on the command line is as many documents as it has doc_ids, each written to
    /// STEM/DOC_ID (a slash in an id cannot leave the output directory).
    @Test func aCorpusTableIsOneInputPerDocument() async throws {
        try await withTemporaryDirectory { dir in
            try write(Array("doc_id\tunit_id\ttext\nc:1\ts1\tWe should act now.\n../x\ts1\tIt rose by 8%.\nc:1\ts2\tIt works.\n".utf8), dir + "/in/corpus.train.tsv")
            let (found, _) = InputDiscovery.discover([dir + "/in/corpus.train.tsv"])
            let inputs = runner(out: dir + "/out").expandingParts(found)
            #expect(inputs.map(\.outputStem) == ["corpus.train/c_1", "corpus.train/_.._x"])
            #expect(inputs.map(\.documentID) == ["c:1", "../x"])
            let summary = await runner(out: dir + "/out").run(inputs)
            #expect(summary.succeeded == 2)
            let first = try String(contentsOfFile: dir + "/out/corpus.train/c_1.jsonl", encoding: .utf8)
            #expect(first.contains("\"id\":\"c:1\"") && first.contains("It works.") && !first.contains("It rose"))
        }
    }

    /// regulations.gov's export of a docket's comments, in a folder beside other tables: the walk takes the comment
    /// table (not ArgMark's own CSV output, nor a table of figures), and each comment is a document of its own,
    /// written to STEM/DOCUMENT_ID with the row's columns as its metadata; a comment without text fails on its own.
    @Test func aCommentTableIsOneInputPerComment() async throws {
        try await withTemporaryDirectory { dir in
            let table = """
                "Document ID","Docket ID","Posted Date","First Name","Last Name","Organization Name","Comment"
                "EPA-2022-0114-0012","EPA-2022-0114","2023-05-02","Jane","Doe","","I support the proposed limits.

                The EPA should require notice within 30 days."
                "EPA-2022-0114-0013","EPA-2022-0114","2023-05-02","","","Great Lakes Utilities","The rule costs small systems about ""$900 per household"", a burden Congress should fund."
                "EPA-2022-0114-0014","EPA-2022-0114","2023-05-03","","","",""

                """
            try write(Array(table.utf8), dir + "/in/comments.csv")
            try write(Array("document,id,section,heading,paragraph,start,end,language,text,label,confidence,labeled_by\n".utf8), dir + "/in/export.csv")
            try write(Array("year,value\n2023,4\n".utf8), dir + "/in/figures.csv")
            let (found, failures) = InputDiscovery.discover([dir + "/in"])
            #expect(found.map(\.outputStem) == ["comments"] && failures.isEmpty)
            let inputs = runner(out: dir + "/out").expandingParts(found)
            #expect(inputs.map(\.outputStem) == ["comments/EPA-2022-0114-0012", "comments/EPA-2022-0114-0013", "comments/EPA-2022-0114-0014"])
            let summary = await runner(out: dir + "/out").run(inputs)
            let failed = summary.results.compactMap(\.failure)
            #expect(summary.succeeded == 2 && failed.count == 1 && failed.first?.message.contains("EPA-2022-0114-0014 has no text") == true)
            let first = try String(contentsOfFile: dir + "/out/comments/EPA-2022-0114-0012.jsonl", encoding: .utf8)
            #expect(first.contains("\"authors\":[\"Jane Doe\"]") && first.contains("\"docketId\":\"EPA-2022-0114\"") && first.contains("\"sourceFormat\":\"csv\""))
            #expect(first.contains("\"text\":\"The EPA should require notice within 30 days.\"") && !first.contains("per household"))
            let second = try String(contentsOfFile: dir + "/out/comments/EPA-2022-0114-0013.jsonl", encoding: .utf8)
            #expect(second.contains("about \\\"$900 per household\\\", a burden") && second.contains("\"organization\":\"Great Lakes Utilities\""))
        }
    }

    @Test func progressIsReportedForEveryDocument() async throws {
        try await withTemporaryDirectory { dir in
            for n in 0..<5 { try write(Array("句子\(n)。\n".utf8), dir + "/in/\(n).txt") }
            let (inputs, _) = InputDiscovery.discover([dir + "/in"])
            let seen = Mutex<[Int]>([])
            _ = await runner(out: dir + "/out").run(inputs) { p in seen.withLock { $0.append(p.done) } }
            #expect(seen.withLock { $0 } == [1, 2, 3, 4, 5])
        }
    }

    /// A key typed by hand into an annotated input ("lable") is not in the output: the batch says so for that file,
    /// as it happens, and says nothing of a file ArgMark wrote.
    @Test func keysAnInputHoldsButTheOutputLacksAreNamed() async throws {
        try await withTemporaryDirectory { dir in
            try write(Array("一、标题\n第一句。第二句。\n".utf8), dir + "/in/a.zh.txt")
            let (texts, _) = InputDiscovery.discover([dir + "/in"])
            _ = await runner(out: dir + "/first").run(texts)
            var lines = try String(contentsOfFile: dir + "/first/a.zh.jsonl", encoding: .utf8).split(separator: "\n").map(String.init)
            let sentence = try #require(lines.firstIndex { $0.contains("\"text\":\"第二句。\"") })
            lines[sentence] = lines[sentence].replacingOccurrences(of: "{\"type\"", with: "{\"lable\":\"claim\",\"type\"")
            try write(Array((lines.joined(separator: "\n") + "\n").utf8), dir + "/edited/a.zh.jsonl")
            try write(Array(try Data(contentsOf: URL(fileURLWithPath: dir + "/first/a.zh.jsonl"))), dir + "/edited/b.zh.jsonl")
            let (inputs, _) = InputDiscovery.discover([dir + "/edited"])
            let said = Mutex<[String]>([])
            let summary = await runner(out: dir + "/second").run(inputs) { p in said.withLock { $0 += p.latestWarnings } }
            #expect(summary.succeeded == 2)
            let warnings = said.withLock { $0 }
            #expect(warnings.count == 1)
            #expect(warnings.first?.contains("a.zh.jsonl: keys") == true)
            #expect(warnings.first?.contains("lable on line \(sentence + 1)") == true)
            #expect(warnings.first?.contains("not in \(dir)/second/a.zh.jsonl") == true)
        }
    }

    /// Annotating a file a person worked on keeps their labels and links and says which of the machine's links it
    /// placed again around them; a file no person touched is annotated again without a word.
    @Test func machineLinksPlacedAgainAroundAPersonsWorkAreNamed() async throws {
        try await withTemporaryDirectory { dir in
            try write(Array("一、问题\n本文认为，数字治理需要规则。据统计，2024年数据流动增长了12%。例如，欧盟出台了《数据法》。因此，规则竞争日益激烈。\n".utf8), dir + "/in/a.zh.txt")
            let (texts, _) = InputDiscovery.discover([dir + "/in"])
            _ = await runner(out: dir + "/read").run(texts)
            // Labels as a labeller and a person would set them; the run links them into a tree of the machine's.
            var labelled = try String(contentsOfFile: dir + "/read/a.zh.jsonl", encoding: .utf8)
            for (id, label, by) in [("s2", "claim", "human:anna"), ("s3", "evidence", "label.cue.zh.v1"), ("s4", "example", "label.cue.zh.v1"), ("s5", "claim", "label.cue.zh.v1")] {
                labelled = labelled.replacing(
                    try Regex(#"("id":"\#(id)".*?)"label":null,"confidence":null,"labeledBy":null"#),
                    with: { "\($0.output[1].substring ?? "")\"label\":\"\(label)\",\"confidence\":0.9,\"labeledBy\":\"\(by)\"" })
            }
            try write(Array(labelled.utf8), dir + "/labelled/a.zh.jsonl")
            _ = await runner(out: dir + "/linked").run(InputDiscovery.discover([dir + "/labelled"]).0)
            let linked = try String(contentsOfFile: dir + "/linked/a.zh.jsonl", encoding: .utf8)
            // The example's machine link moved by hand to another claim: annotating again places it back, and says so.
            var lines = linked.split(separator: "\n").map(String.init)
            let example = try #require(lines.firstIndex { $0.contains("\"id\":\"s4\"") })
            let parent = try #require(lines[example].firstMatch(of: /"parent":"(s\d)"/)?.1)
            #expect(lines[example].contains("\"linkedBy\":\"link."))
            lines[example] = lines[example].replacing(/"parent":"s\d"/, with: "\"parent\":\"\(parent == "s5" ? "s2" : "s5")\"")
            try write(Array((lines.joined(separator: "\n") + "\n").utf8), dir + "/edited/a.zh.jsonl")
            for (folder, expected) in [("edited", true), ("linked", false)] {
                let said = Mutex<[String]>([])
                let summary = await runner(out: dir + "/out-" + folder).run(InputDiscovery.discover([dir + "/" + folder]).0) { p in
                    said.withLock { $0 += p.latestWarnings }
                }
                #expect(summary.succeeded == 1)
                let note = said.withLock { $0 }.first { $0.contains("placed again") }
                #expect((note != nil) == expected, "\(folder): \(said.withLock { $0 })")
                if expected { #expect(note?.contains("1 link the machine had set was placed again around them (s4)") == true, "\(note ?? "")") }
            }
        }
    }

    @Test func outputsThatWouldCollideAreRefused() async throws {
        try await withTemporaryDirectory { dir in
            try write(Array("句子。\n".utf8), dir + "/a.txt")
            try write(Array("句子。\n".utf8), dir + "/a.lines")
            let (inputs, _) = InputDiscovery.discover([dir + "/a.txt", dir + "/a.lines"])
            let summary = await runner(out: dir + "/out").run(inputs)
            #expect(summary.succeeded == 1)
            #expect(summary.failures.first?.message.contains("rename one of them") == true)
        }
    }

    @Test func atomicWriteReplacesAndLeavesNoTemporaryFiles() async throws {
        try await withTemporaryDirectory { dir in
            let path = dir + "/new/x.jsonl"
            try FileAccess.writeAtomically(Array("one".utf8), to: path)
            try FileAccess.writeAtomically(Array("two".utf8), to: path)
            #expect(try String(contentsOfFile: path, encoding: .utf8) == "two")
            #expect(try FileManager.default.contentsOfDirectory(atPath: dir + "/new") == ["x.jsonl"])
            #expect(throws: FileAccessError.self) { try FileAccess.writeAtomically([1], to: dir + "/new/x.jsonl/y") }
        }
    }

    /// A model folder changes as a whole: the new files replace the old ones, other files stay unless dropped, no
    /// temporary directory is left, and a write that fails leaves the old folder as it was.
    @Test func aFolderIsReplacedAsAWhole() async throws {
        try await withTemporaryDirectory { dir in
            let model = dir + "/models/label.model.zh.v1"
            try FileAccess.replaceFiles(in: model, with: [("weights.bin", [1]), ("manifest.json", Array("{}".utf8)), ("weights.stage2.bin", [9])])
            try Data("notes".utf8).write(to: URL(fileURLWithPath: model + "/README"))
            try FileAccess.replaceFiles(in: model, with: [("weights.bin", [2]), ("manifest.json", Array("{\"v\":2}".utf8))], dropping: ["weights.stage2.bin"])
            #expect(try FileManager.default.contentsOfDirectory(atPath: model).sorted() == ["README", "manifest.json", "weights.bin"])
            #expect(FileManager.default.contents(atPath: model + "/weights.bin") == Data([2]))
            #expect(try FileManager.default.contentsOfDirectory(atPath: dir + "/models") == ["label.model.zh.v1"])
            // A file of the new set that cannot be written (a name that is a directory path) leaves the old folder.
            #expect(throws: FileAccessError.self) { try FileAccess.replaceFiles(in: model, with: [("weights.bin", [3]), ("sub/manifest.json", [0])]) }
            #expect(FileManager.default.contents(atPath: model + "/weights.bin") == Data([2]))
            #expect(try FileManager.default.contentsOfDirectory(atPath: dir + "/models") == ["label.model.zh.v1"])
            try Data().write(to: URL(fileURLWithPath: dir + "/file"))
            #expect(throws: FileAccessError.self) { try FileAccess.replaceFiles(in: dir + "/file", with: [("x", [0])]) }
        }
    }

    /// Saving through a link updates the linked file and keeps the link; an existing file keeps its permissions;
    /// a device is written to, not replaced.
    @Test func atomicWriteGoesThroughLinksAndKeepsPermissions() async throws {
        try await withTemporaryDirectory { dir in
            let fm = FileManager.default
            try fm.createDirectory(atPath: dir + "/real", withIntermediateDirectories: true)
            try FileAccess.writeAtomically(Array("one".utf8), to: dir + "/real/doc.jsonl")
            try fm.setAttributes([.posixPermissions: 0o600], ofItemAtPath: dir + "/real/doc.jsonl")
            try fm.createSymbolicLink(atPath: dir + "/link.jsonl", withDestinationPath: "real/doc.jsonl")
            try fm.createSymbolicLink(atPath: dir + "/chain.jsonl", withDestinationPath: dir + "/link.jsonl")
            try FileAccess.writeAtomically(Array("two".utf8), to: dir + "/chain.jsonl")
            #expect(try String(contentsOfFile: dir + "/real/doc.jsonl", encoding: .utf8) == "two")
            #expect(try fm.destinationOfSymbolicLink(atPath: dir + "/link.jsonl") == "real/doc.jsonl")
            #expect(try fm.destinationOfSymbolicLink(atPath: dir + "/chain.jsonl") == dir + "/link.jsonl")
            #expect((try fm.attributesOfItem(atPath: dir + "/real/doc.jsonl")[.posixPermissions] as? NSNumber)?.intValue == 0o600)
            #expect(try fm.contentsOfDirectory(atPath: dir + "/real") == ["doc.jsonl"])
            // A link to a file not there yet creates it.
            try fm.createSymbolicLink(atPath: dir + "/dangling.jsonl", withDestinationPath: "real/later.jsonl")
            try FileAccess.writeAtomically(Array("three".utf8), to: dir + "/dangling.jsonl")
            #expect(try String(contentsOfFile: dir + "/real/later.jsonl", encoding: .utf8) == "three")
            #expect(try fm.destinationOfSymbolicLink(atPath: dir + "/dangling.jsonl") == "real/later.jsonl")
            try FileAccess.writeAtomically(Array("gone".utf8), to: "/dev/null")
            var info = stat()
            #expect(stat("/dev/null", &info) == 0 && (info.st_mode & S_IFMT) == S_IFCHR)
            #expect(throws: FileAccessError.self) { try FileAccess.writeAtomically([1], to: dir + "/real") }
            // A link to an open descriptor (/dev/stdout is one) writes at the descriptor's offset, as a shell's >
            // redirection expects, and leaves the file behind it in place.
            let fd = open(dir + "/redirected.txt", O_WRONLY | O_CREAT | O_TRUNC, 0o644)
            defer { close(fd) }
            _ = "HEADER\n".withCString { write(fd, $0, 7) }
            try fm.createSymbolicLink(atPath: dir + "/out.dot", withDestinationPath: "/proc/self/fd/\(fd)")
            try FileAccess.writeAtomically(Array("one\n".utf8), to: dir + "/out.dot")
            try FileAccess.writeAtomically(Array("two\n".utf8), to: dir + "/out.dot")
            #expect(try String(contentsOfFile: dir + "/redirected.txt", encoding: .utf8) == "HEADER\none\ntwo\n")
            // A loop of links is an error, not a file written over one of them.
            try fm.createSymbolicLink(atPath: dir + "/loop-a", withDestinationPath: dir + "/loop-b")
            try fm.createSymbolicLink(atPath: dir + "/loop-b", withDestinationPath: dir + "/loop-a")
            #expect(throws: FileAccessError.self) { try FileAccess.writeAtomically([1], to: dir + "/loop-a") }
            #expect(try fm.destinationOfSymbolicLink(atPath: dir + "/loop-a") == dir + "/loop-b")
        }
    }

    /// A label table says nothing of who set a label: one a person corrected by hand is kept beside the new table
    /// (`~1~`, `~2~`, …) when a run writes other rows; the same rows, however written, are simply replaced.
    @Test func aLabelTableWithOtherRowsIsKeptBesideTheNewOne() async throws {
        try await withTemporaryDirectory { dir in
            try write(Array("一、标题\n因此，这是一个判断。例如，某市去年开展了试点。\n".utf8), dir + "/in/a.zh.txt")
            let registry = PluginRegistry.standard
            let tables = BatchRunner(options: BatchOptions(
                registry: registry, inputFormat: "auto", writer: registry.writer(format: "tsv")!,
                pipeline: registry.defaultPipeline(), outputDirectory: dir + "/out", jobs: 1))
            let (inputs, _) = InputDiscovery.discover([dir + "/in/a.zh.txt"])
            let table = dir + "/out/a.zh.labels.tsv"
            func run() async throws -> [String] {
                let summary = await tables.run(inputs)
                #expect(summary.succeeded == 1)
                return summary.results.flatMap(\.warnings)
            }
            #expect(try await run().isEmpty)
            let written = try String(contentsOfFile: table, encoding: .utf8)
            #expect(try await run().isEmpty)
            // A spreadsheet's save: CRLF line ends, the same rows.
            try write(Array(written.replacingOccurrences(of: "\n", with: "\r\n").utf8), table)
            #expect(try await run().isEmpty)
            #expect(try String(contentsOfFile: table, encoding: .utf8) == written)
            #expect(try FileManager.default.contentsOfDirectory(atPath: dir + "/out") == ["a.zh.labels.tsv"])
            // A person's correction of s2, twice.
            let corrected = written.split(separator: "\n").map { $0.hasPrefix("s2\t") ? "s2\tbackground\t-\t-" : String($0) }.joined(separator: "\n") + "\n"
            #expect(corrected != written)
            for number in 1...2 {
                try write(Array(corrected.utf8), table)
                try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: table)
                let warnings = try await run()
                #expect(warnings == ["\(table) differed from this run's table in 1 of 3 rows (s2); the earlier table is kept as \(table).~\(number)~ (a label table does not say who set a label, so corrections typed into it cannot be told from a run's; those made with argmark review are kept by every run)"])
                #expect(try String(contentsOfFile: table + ".~\(number)~", encoding: .utf8) == corrected)
                #expect((try FileManager.default.attributesOfItem(atPath: table + ".~\(number)~")[.posixPermissions] as? NSNumber)?.intValue == 0o600)
                #expect(try String(contentsOfFile: table, encoding: .utf8) == written)
            }
            // A byte-order mark, as a spreadsheet may save one: the same rows.
            try write([0xEF, 0xBB, 0xBF] + Array(written.utf8), table)
            #expect(try await run().isEmpty)
            // The backup is a copy of its own (no write to the table reaches it) with the file's time, numbered past
            // the highest.
            try write(Array("not a table".utf8), dir + "/out/a.zh.labels.tsv.~7~")
            try write(Array(corrected.utf8), table)
            var before = stat()
            stat(table, &before)
            #expect(try await run().first?.contains("kept as \(table).~8~") == true)
            var after = stat()
            stat(table + ".~8~", &after)
            #expect(after.st_ino != before.st_ino && after.st_mtim.tv_sec == before.st_mtim.tv_sec && after.st_uid == before.st_uid)
            // A column a person added (a note): the rows are the same, the table is kept all the same.
            let noted = written.split(separator: "\n").enumerated().map { number, row in
                row + (number == 0 ? "\tnote" : number == 2 ? "\tchecked by Anna: disagree" : "\t")
            }.joined(separator: "\n") + "\n"
            try write(Array(noted.utf8), table)
            #expect(try await run().first?.contains("differed from this run's table in the column note, which this run does not write; the earlier table is kept as \(table).~9~") == true)
            #expect(EarlierLabelTable.extraColumns("id\tlabel\ns1\tclaim\t-\t-\tmine\n") == ["number 5"])
            // A number no run would reach is passed over, not counted past.
            try write([], dir + "/out/a.zh.labels.tsv.~9223372036854775807~")
            #expect(EarlierLabelTable.nextNumber(for: table) == 10)
            // A label no one knows: the row is named, the rest compared line by line.
            try write(Array(written.replacingOccurrences(of: "s2\t", with: "s2\tx\t").utf8), table)
            #expect(try await run().first?.contains("differed from this run's table in 1 of 3 rows (s2)") == true)
            #expect(EarlierLabelTable.difference(Array(written.utf8), Array((written + "s9\tclaim\t-\t-\n").utf8)) == "1 of 4 rows (s9)")
            #expect(EarlierLabelTable.difference([0xFF, 0xFE, 0x41], Array(written.utf8)) == "everything (it is no UTF-8 label table)")
            // No table at all, or one without its header: rows counted without the header line.
            #expect(EarlierLabelTable.difference(Array("hello\n".utf8), Array(written.utf8)) == "4 of 4 rows (hello, s1, s2, s3)")
        }
    }

    @Test(arguments: [("a.zh.txt", "a.zh"), ("sub/a.txt", "sub/a"), ("noext", "noext"), (".hidden", ".hidden"), ("d.v1/file", "d.v1/file")])
    func stems(_ name: String, _ stem: String) {
        #expect(InputDiscovery.stem(name) == stem)
    }

    /// Temporary files an interrupted run left go at the next run; a live process's are kept, but for the process's
    /// own when it is interrupted.
    @Test func staleTemporaryFilesAreRemoved() async throws {
        try await withTemporaryDirectory { dir in
            var dead: Int32 = 4_000_000
            while kill(dead, 0) == 0 || errno != ESRCH { dead -= 1 }
            try write([1, 2, 3], dir + "/sub/.a.zh.jsonl.\(dead).77.argmark-tmp")
            try write([1, 2, 3], dir + "/.b.jsonl.\(getpid()).5.argmark-tmp")
            try write([1, 2, 3], dir + "/.notes.txt")
            #expect(FileAccess.removeStaleTemporaries(under: dir) == 1)
            let left = try FileManager.default.subpathsOfDirectory(atPath: dir).sorted()
            #expect(left == [".b.jsonl.\(getpid()).5.argmark-tmp", ".notes.txt", "sub"])
            // An interrupted batch removes its own writes' too.
            #expect(FileAccess.removeStaleTemporaries(under: dir, includingOwn: true) == 1)
            #expect(try FileManager.default.subpathsOfDirectory(atPath: dir).sorted() == [".notes.txt", "sub"])
        }
    }

    /// The directory part of a path, cut by hand: NSString's crashed on `--out a`.
    @Test(arguments: [("a", ""), ("-", ""), ("ab", ""), ("/a", "/"), ("a/", ""), ("./-", "."), ("x/y/z.tei.xml", "x/y"), ("//a//b", "//a")])
    func directoryParts(path: String, directory: String) {
        #expect(FileAccess.directoryPart(of: path) == directory)
    }

    @Test func progressLine() {
        let p = BatchProgress(done: 12, total: 40, failed: 1, bytes: 3_100_000, sentences: 10, elapsed: 1)
        #expect(ProgressFormatter.bar(p, width: 10) == "[===>      ] 12/40 files  3.1 MB/s  ETA 0:02  1 failed")
    }
}
