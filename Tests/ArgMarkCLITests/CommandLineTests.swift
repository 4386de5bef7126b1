import ArgMarkCore
import Foundation
import Testing

/// Runs the built `argmark` binary end to end.
struct CommandLineTests {
    /// The package's root folder (Models/, Annotations/, tools/).
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The executable built beside the tests (the test target depends on it, so it is always built first).
    static let binary: URL = {
        let fm = FileManager.default
        if let explicit = ProcessInfo.processInfo.environment["ARGMARK_BINARY"] { return URL(fileURLWithPath: explicit) }
        var candidates = [Bundle.main.bundleURL, Bundle.main.bundleURL.appendingPathComponent("debug"),
                          URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()]
        candidates += Bundle.allBundles.map { $0.bundleURL.deletingLastPathComponent() }
        candidates.append(packageRoot.appendingPathComponent(".build/debug"))
        let found = candidates.map { $0.appendingPathComponent("argmark") }.first { fm.isExecutableFile(atPath: $0.path) }
        return found ?? packageRoot.appendingPathComponent(".build/debug/argmark")
    }()

    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs `binary` with `arguments` and `stdin`, in `directory` with `environment` (the test's own when nil), its
    /// standard output going to `standardOutput` (captured when nil).
    func argmark(
        _ arguments: [String], stdin: String? = nil, binary: URL = CommandLineTests.binary, in directory: String? = nil,
        environment: [String: String]? = nil, standardOutput: FileHandle? = nil
    ) throws -> Run {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        if let environment { process.environment = environment }
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = standardOutput ?? out
        process.standardError = err
        let input = Pipe()
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        let stdoutData = standardOutput == nil ? out.fileHandleForReading.readDataToEndOfFile() : Data()
        let stderrData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, stdout: String(decoding: stdoutData, as: UTF8.self),
                   stderr: String(decoding: stderrData, as: UTF8.self))
    }

    func temporaryDirectory() throws -> String {
        let path = NSTemporaryDirectory() + "argmark-cli-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// Two documents of one corpus table whose doc_ids make one output name are told apart by doc_id and line.
    @Test func aCorpusTableDocIDCollisionNamesBothDocuments() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try Data("doc_id\tunit_id\ttext\na/b\ts1\tWe argue that taxes should rise.\na_b\ts1\tWe argue schools need funds.\n".utf8)
            .write(to: URL(fileURLWithPath: dir + "/corp.tsv"))
        let run = try argmark(["annotate", dir + "/corp.tsv", "--out", dir + "/out"])
        #expect(run.status == 1)
        #expect(run.stderr.contains("corp.tsv (doc_id a_b, from line 3): its output"), "\(run.stderr)")
        #expect(run.stderr.contains("is also the output of \(dir)/corp.tsv (doc_id a/b, from line 2); rename one of the doc_ids"), "\(run.stderr)")
    }

    /// A person's link into a sentence labelled background since (hand-edited, merged): export, tree and review
    /// move it up to the tree as review does, sign it provisional rather than the person's, and say so.
    @Test func aPersonsLinkThatNoLongerFitsIsMovedAndSaidSo() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        func sentence(_ n: Int, _ text: String, _ rest: String) -> String {
            #"{"type":"sentence","id":"s\#(n)","section":"d1","paragraph":"p1","lang":"en","start":\#(n * 10),"end":\#(n * 10 + 9),"text":"\#(text)",\#(rest)}"#
        }
        let jsonl = [
            #"{"type":"document","id":"moved","lang":"en"}"#,
            sentence(1, "We argue X.", #""label":"claim","labeledBy":"human:x","linkedBy":"human:x""#),
            sentence(2, "It holds Y.", #""label":"claim","labeledBy":"human:x","parent":"s1","relation":"support","linkedBy":"human:x""#),
            sentence(3, "Some words.", #""label":"background","labeledBy":"human:y""#),
            sentence(4, "Rents rose.", #""label":"evidence","labeledBy":"human:x","parent":"s3","relation":"support","linkedBy":"human:x""#),
        ].joined(separator: "\n") + "\n"
        try Data(jsonl.utf8).write(to: URL(fileURLWithPath: dir + "/moved.jsonl"))
        let exported = try argmark(["export", dir + "/moved.jsonl", "--to", "csv", "--out", "-"])
        #expect(exported.status == 0, "\(exported.stderr)")
        #expect(exported.stderr.contains("a link a person made no longer fits the labels or the tree (s4)"), "\(exported.stderr)")
        let row = try #require(exported.stdout.split(whereSeparator: \.isNewline).first { $0.contains(",s4,") })
        // s3 has no link to lead s4 up along, so the linker places it: its link is the linker's now.
        let columns = row.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        #expect(columns.count == 20 && columns[12] != "s3" && columns[18] == "link.learned.v1", "\(row)")
        let reviewed = try argmark(["review", dir + "/moved.jsonl"], stdin: "q\n")
        #expect(reviewed.stdout.contains("a link a person made no longer fits") || reviewed.stderr.contains("a link a person made no longer fits"),
                "\(reviewed.stdout)\(reviewed.stderr)")
        // The file itself is as it was: nothing is written unasked.
        #expect(try String(contentsOfFile: dir + "/moved.jsonl", encoding: .utf8) == jsonl)
    }

    @Test func standardInToStandardOut() throws {
        let run = try argmark(["annotate", "-"], stdin: "一、标题\n第一句。第二句。\n")
        #expect(run.status == 0)
        let lines = run.stdout.split(separator: "\n")
        #expect(lines.count == 4)
        #expect(lines[0].hasPrefix("{\"type\":\"document\",\"id\":\"stdin\",\"lang\":\"zh\""))
        #expect(lines[2].contains("\"text\":\"第一句。\""))
    }

    @Test func outDashWritesOneFileToStandardOut() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try Data("Ban all debt buyers now\n".utf8).write(to: URL(fileURLWithPath: dir + "/in/comment.en.txt").creatingParent())
        try Data("A second comment. It argues.\n".utf8).write(to: URL(fileURLWithPath: dir + "/in/other.en.txt"))
        let run = try argmark(["annotate", dir + "/in/comment.en.txt", "--out", "-", "--no-tree"])
        #expect(run.status == 0)
        let lines = run.stdout.split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines[1].contains("\"text\":\"Ban all debt buyers now\""))
        #expect(!FileManager.default.fileExists(atPath: FileManager.default.currentDirectoryPath + "/-/comment.en.jsonl"))
        // Several documents cannot share standard output.
        let several = try argmark(["annotate", dir + "/in/comment.en.txt", dir + "/in/other.en.txt", "--out", "-"])
        #expect(several.status == 64)
        #expect(several.stderr.contains("--out - writes one document to standard output"))
        let directory = try argmark(["annotate", dir + "/in", "--out", "-"])
        #expect(directory.status == 64)
        #expect(directory.stderr.contains("holds 2; give --out DIR"))
    }

    @Test func batchReportsFailuresAndExitsNonZero() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try Data("Good text. Two sentences.\n".utf8).write(to: URL(fileURLWithPath: dir + "/in/good.en.txt").creatingParent())
        try Data([0xFF, 0xFE, 0x00, 0x41]).write(to: URL(fileURLWithPath: dir + "/in/bad.txt"))
        let run = try argmark(["annotate", dir + "/in", dir + "/missing.txt", "--out", dir + "/out", "--jobs", "2"])
        #expect(run.status == 1)
        #expect(run.stderr.contains("argmark: error: \(dir)/missing.txt: no such file or directory"))
        #expect(run.stderr.contains("argmark: error: \(dir)/in/bad.txt: "))
        #expect(run.stderr.contains("annotated 1 of 3 files"))
        #expect(FileManager.default.fileExists(atPath: dir + "/out/good.en.jsonl"))
    }

    @Test func badArgumentsAreUsageErrors() throws {
        #expect(try argmark(["annotate", "x.txt"]).status == 64)
        #expect(try argmark(["annotate", "x.txt", "--out", "o", "--to", "docx"]).stderr.contains("unknown output format 'docx'"))
        #expect(try argmark(["annotate", "x.txt", "--out", "o", "--input-format", "pdf"]).status == 64)
        let timeout = try argmark(["annotate", "x.txt", "--out", "o", "--plugin-timeout", "nan"])
        #expect(timeout.status == 64 && timeout.stderr.contains("--plugin-timeout takes seconds"))
        #expect(try argmark(["annotate", "x.txt", "--out", "o", "--external", "python3 'unclosed"]).stderr.contains("a quote is not closed"))
    }

    /// An --out that cannot take the outputs is refused before any external labeller is started: a model's start-up
    /// can take minutes.
    @Test func aWrongOutIsRefusedBeforeAnExternalLabellerStarts() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try Data("Regulators should act now.\n".utf8).write(to: URL(fileURLWithPath: dir + "/in.en.txt"))
        try Data().write(to: URL(fileURLWithPath: dir + "/taken"))
        let run = try argmark(["annotate", dir + "/in.en.txt", "--out", dir + "/taken", "--external", "sh -c 'touch \(dir)/started'"])
        #expect(run.status == 64 && run.stderr.contains("is a file; give a directory"), "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir + "/started"))
    }

    /// An external labeller may not take a built-in labeller's id, nor one that differs from it in case only, nor
    /// another built-in plugin's (the outputs' record would list it twice), nor --labelers' word none.
    @Test func anExternalLabellerCannotPassForABuiltInOne() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/python3") else { return }
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try Data("Regulators should act now.\n".utf8).write(to: URL(fileURLWithPath: dir + "/in.en.txt"))
        for id in ["label.cue.en.v1", "label.cue.EN.v1"] {
            try Data("import sys\nfor line in sys.stdin:\n    print('{\"type\":\"hello\",\"protocol\":1,\"id\":\"\(id)\"}', flush=True)\n".utf8)
                .write(to: URL(fileURLWithPath: dir + "/impostor.py"))
            let run = try argmark(["annotate", dir + "/in.en.txt", "--out", dir + "/out", "--external", "python3 \(dir)/impostor.py"])
            #expect(run.status == 1 && run.stderr.contains("plugin \(id): the external labeller's id is a built-in labeller's"), "\(run.stderr)")
        }
        for (id, message) in [("link.learned.v1", "is a built-in linker's;"), ("score.dfquad.v1", "is a built-in scorer's;"), ("None", "is --labelers' word for no labeller")] {
            try Data("import sys\nfor line in sys.stdin:\n    print('{\"type\":\"hello\",\"protocol\":1,\"id\":\"\(id)\"}', flush=True)\n".utf8)
                .write(to: URL(fileURLWithPath: dir + "/impostor.py"))
            let run = try argmark(["annotate", dir + "/in.en.txt", "--out", dir + "/out", "--external", "python3 \(dir)/impostor.py"])
            #expect(run.status == 1 && run.stderr.contains("plugin \(id): the external labeller's id \(message)"), "\(run.stderr)")
        }
    }

    /// An external labeller can be named and weighted in --labelers like a built-in one, and its path may hold spaces.
    @Test func anExternalLabellerIsNamedAndWeightedInTheLabelers() throws {
        let plugin = Self.packageRoot.appendingPathComponent("tools/external_labeler_example.py").path
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/python3") else { return }
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.copyItem(atPath: plugin, toPath: dir + "/my labeller.py")
        try Data("Regulators should act now.\n".utf8).write(to: URL(fileURLWithPath: dir + "/in.en.txt"))
        let run = try argmark([
            "annotate", dir + "/in.en.txt", "--out", dir + "/out", "--no-tree", "--external", "python3 '\(dir)/my labeller.py'",
            "--labelers", "label.example-external.v1:2",
        ])
        #expect(run.status == 0, "\(run.stderr)")
        let written = try String(contentsOfFile: dir + "/out/in.en.jsonl", encoding: .utf8)
        #expect(written.contains(#""label":"prescription""#) && written.contains(#""labeledBy":"label.example-external.v1""#))
        let weightless = try argmark(["annotate", dir + "/in.en.txt", "--out", dir + "/out", "--labelers", "label.cue.en.v1:0"])
        #expect(weightless.status != 0 && weightless.stderr.contains("a labeller's weight is a number from 0.0001 to 10000"))
        // Weights the combiner's sums overflow with, or that the provenance's four decimals would record as 0.
        for weight in ["1e308", "0.00001"] {
            let outOfRange = try argmark(["annotate", dir + "/in.en.txt", "--out", dir + "/out", "--labelers", "label.cue.en.v1:" + weight])
            #expect(outOfRange.status != 0 && outOfRange.stderr.contains("a labeller's weight is a number from 0.0001 to 10000"))
        }
        let mistyped = try argmark(["annotate", dir + "/in.en.txt", "--out", dir + "/out", "--labelers", "label.cue.en.v1:O.5"])
        #expect(mistyped.status != 0 && mistyped.stderr.contains("the weight 'O.5' is not a number"))
        let spaced = try argmark(["annotate", dir + "/in.en.txt", "--out", dir + "/out", "--no-tree", "--labelers", " label.cue.en.v1 , label.rules.en.v1 : 2"])
        #expect(spaced.status == 0, "\(spaced.stderr)")
        // A misspelt option is named even where the command's own check (--out is required) fails first.
        let misspelt = try argmark(["annotate", dir + "/in.en.txt", "--otu", dir + "/out"])
        #expect(misspelt.status == 64 && misspelt.stderr.contains("unknown option '--otu'; did you mean '--out'?"), "\(misspelt.stderr)")
        let unlike = try argmark(["annotate", dir + "/in.en.txt", "--zzzzzz"])
        #expect(unlike.status == 64 && unlike.stderr.contains("unknown option '--zzzzzz' (argmark annotate --help lists them)"), "\(unlike.stderr)")
        // A beginning, a case, a short option; an option's value is its value, not an option.
        for (typed, meant) in [("--tim", "--timings"), ("--OUT", "--out"), ("-o", "--out"), ("--output", "--out")] {
            let run = try argmark(["annotate", dir + "/in.en.txt", typed, dir + "/out"])
            #expect(run.status == 64 && run.stderr.contains("unknown option '\(typed)'; did you mean '\(meant)'?"), "\(run.stderr)")
        }
        let value = try argmark(["train", "--rate", "--x"])
        #expect(value.status == 64 && !value.stderr.contains("unknown option"), "\(value.stderr)")
    }

    @Test func evalBetweenTwoFiles() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let document = "{\"type\":\"document\",\"id\":\"x\"}\n"
        func sentence(_ id: Int, _ label: String) -> String {
            "{\"type\":\"sentence\",\"id\":\"s\(id)\",\"section\":\"d1\",\"paragraph\":\"p1\",\"lang\":\"zh\",\"start\":\(id),\"end\":\(id + 1),\"text\":\"句\",\"label\":\"\(label)\"}\n"
        }
        try Data((document + sentence(1, "claim") + sentence(2, "evidence")).utf8).write(to: URL(fileURLWithPath: dir + "/gold.jsonl"))
        try Data((document + sentence(1, "claim") + sentence(2, "claim")).utf8).write(to: URL(fileURLWithPath: dir + "/pred.jsonl"))
        let text = try argmark(["eval", dir + "/gold.jsonl", dir + "/pred.jsonl"])
        #expect(text.status == 0)
        #expect(text.stdout.contains("accuracy 0.500"))
        let json = try argmark(["eval", dir + "/gold.jsonl", dir + "/pred.jsonl", "--format", "json"])
        #expect(json.stdout.hasPrefix("{\"overall\":{\"sentences\":2,\"accuracy\":0.5,"))
        let missing = try argmark(["eval", dir + "/gold.jsonl", dir + "/nope.jsonl"])
        #expect(missing.status == 1 && missing.stderr.contains("no such file"))
        // ArgMark's CSV export of the prediction is named as such, not called malformed JSON.
        let csv = try argmark(["export", dir + "/pred.jsonl", "--to", "csv", "--out", dir + "/pred.csv"])
        #expect(csv.status == 0, "\(csv.stderr)")
        let exported = try argmark(["eval", dir + "/gold.jsonl", dir + "/pred.csv"])
        #expect(exported.status == 1 && exported.stderr.contains("pred.csv: ArgMark's CSV export (a row per sentence, for spreadsheets), which is not read back: give the JSONL or TEI it was exported from"))
        // Intervals, and a second labelling of the same gold compared sentence by sentence.
        try Data((document + sentence(1, "evidence") + sentence(2, "claim")).utf8).write(to: URL(fileURLWithPath: dir + "/worse.jsonl"))
        let compared = try argmark(["eval", dir + "/gold.jsonl", dir + "/pred.jsonl", "--compare", dir + "/worse.jsonl", "--bootstrap", "50"])
        #expect(compared.status == 0, "\(compared.stderr)")
        #expect(compared.stdout.contains("95% bootstrap interval (50 resamples of 2 sentences): macro-F1 ["))
        #expect(compared.stdout.contains("against \(dir)/worse.jsonl (paired, 50 resamples of 2 sentences, 95% intervals):"))
        #expect(compared.stdout.contains("accuracy 0.500 against 0.000: difference +0.500") && compared.stdout.contains("right only here 1, only there 0, exact p 1.000"))
        let comparedJSON = try argmark(["eval", dir + "/gold.jsonl", dir + "/pred.jsonl", "--compare", dir + "/worse.jsonl", "--format", "json"])
        #expect(comparedJSON.stdout.contains(",\"comparison\":{\"baseline\":") && comparedJSON.stdout.contains("\"resamples\":1000,"))
        let badUnit = try argmark(["eval", dir + "/gold.jsonl", dir + "/pred.jsonl", "--bootstrap", "50", "--resample", "pages"])
        #expect(badUnit.status != 0 && badUnit.stderr.contains("--resample must be auto, documents or sentences"))
        // Too few resamples to place a 95 % interval, and one document drawn as a whole, are refused.
        #expect(try argmark(["eval", dir + "/gold.jsonl", dir + "/pred.jsonl", "--bootstrap", "5"]).stderr.contains("from 40 (1000 is usual)"))
        let oneDocument = try argmark(["eval", dir + "/gold.jsonl", dir + "/pred.jsonl", "--bootstrap", "50", "--resample", "documents"])
        #expect(oneDocument.status == 1 && oneDocument.stderr.contains("give --resample sentences"))
        // The sentences labelled otherwise, to a file (the report as before) or instead of the report.
        let errors = try argmark(["eval", dir + "/gold.jsonl", dir + "/pred.jsonl", "--errors", dir + "/errors.tsv"])
        #expect(errors.status == 0 && errors.stdout == text.stdout && errors.stderr.contains("1 of 2 sentences labelled otherwise written to"))
        #expect(try String(contentsOfFile: dir + "/errors.tsv", encoding: .utf8)
            == "document\tsentence\tpredicted_sentence\tgold\tpredicted\tconfidence\tlabeled_by\treasons\ttext\tconfidence_scale\ngold.jsonl\ts2\t-\tevidence\tclaim\t-\t-\t-\t句\t-\n")
        let errorsOut = try argmark(["eval", dir + "/gold.jsonl", dir + "/pred.jsonl", "--errors", "-"])
        #expect(errorsOut.status == 0 && errorsOut.stdout.hasPrefix("document\tsentence\t") && errorsOut.stdout.hasSuffix("\t句\t-\n"))
        // --errors never writes over the gold or the prediction it reads.
        let goldBefore = try Data(contentsOf: URL(fileURLWithPath: dir + "/gold.jsonl"))
        for target in ["/gold.jsonl", "/pred.jsonl", "/./gold.jsonl"] {
            let over = try argmark(["eval", dir + "/gold.jsonl", dir + "/pred.jsonl", "--errors", dir + target])
            #expect(over.status == 64 && over.stderr.contains("it would be written over"), "\(target): \(over.stderr)")
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: dir + "/gold.jsonl")) == goldBefore)
        let errorsNowhere = try argmark(["eval", dir + "/gold.jsonl", dir + "/pred.jsonl", "--errors", dir + "/gold.jsonl/errors.tsv"])
        #expect(errorsNowhere.status == 1 && errorsNowhere.stderr.contains("errors.tsv"))
        let twoAnnotators = try argmark(["eval", dir + "/gold.jsonl", dir + "/pred.jsonl", "--compare", dir + "/worse.jsonl", "--agreement"])
        #expect(twoAnnotators.status != 0 && twoAnnotators.stderr.contains("--agreement compares two annotators"))
    }

    /// A gold tree a linker made (links the review left as they were) is said to be the linker's when it is scored.
    @Test func evalSaysWhenTheGoldTreeIsALinkers() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        func sentence(_ id: Int, parent: Int?, linkedBy: String) -> String {
            let link = parent.map { #","parent":"s\#($0)","relation":"support","linkedBy":"\#(linkedBy)""# } ?? #","linkedBy":"\#(linkedBy)""#
            return #"{"type":"sentence","id":"s\#(id)","section":"d1","paragraph":"p1","lang":"zh","start":\#(id),"end":\#(id + 1),"text":"句","label":"claim","labeledBy":"human:wang""# + link + "}\n"
        }
        let document = "{\"type\":\"document\",\"id\":\"x\"}\n"
        for (name, by) in [("machine", "link.learned.v1"), ("person", "human:wang")] {
            try Data((document + sentence(1, parent: nil, linkedBy: by) + sentence(2, parent: 1, linkedBy: by) + sentence(3, parent: 1, linkedBy: by)).utf8)
                .write(to: URL(fileURLWithPath: dir + "/\(name).jsonl"))
        }
        let scored = try argmark(["eval", dir + "/machine.jsonl", dir + "/person.jsonl"])
        #expect(scored.status == 0 && scored.stderr.contains("2 of the gold's 2 scored links were set by a linker (linkedBy link.learned.v1)"), "\(scored.stderr)")
        let byPerson = try argmark(["eval", dir + "/person.jsonl", dir + "/machine.jsonl"])
        #expect(byPerson.status == 0 && !byPerson.stderr.contains("set by a linker"), "\(byPerson.stderr)")
        // A key typed wrong by hand ("lable") is said to be passed over, by eval and by the commands that read one file.
        let typo = try String(contentsOfFile: dir + "/person.jsonl", encoding: .utf8).replacingOccurrences(of: #""label":"claim","labeledBy":"human:wang","parent":"s1""#, with: #""lable":"evidence","label":"claim","labeledBy":"human:wang","parent":"s1""#)
        try Data(typo.utf8).write(to: URL(fileURLWithPath: dir + "/typo.jsonl"))
        let typoEval = try argmark(["eval", dir + "/typo.jsonl", dir + "/machine.jsonl"])
        #expect(typoEval.stderr.contains("keys ArgMark's JSONL does not read are passed over (lable on line 3"), "\(typoEval.stderr)")
        let typoTree = try argmark(["tree", dir + "/typo.jsonl"])
        #expect(typoTree.stderr.contains("lable on line 3"), "\(typoTree.stderr)")
    }

    /// A gold file reviewed in part holds the labels annotate gave it: scored as gold, they are said to be a
    /// labeller's. Two annotators' folders where the second lacks a document compare nothing of it (no zeros, no
    /// tree missed), and the figure's wording says whose labels it averages over. Reviewed TEI in a folder is gold.
    @Test func evalSaysWhatItsGoldIs() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let document = "{\"type\":\"document\",\"id\":\"x\"}\n"
        func sentence(_ id: Int, _ label: String, _ by: String) -> String {
            "{\"type\":\"sentence\",\"id\":\"s\(id)\",\"section\":\"d1\",\"paragraph\":\"p1\",\"lang\":\"zh\",\"start\":\(id),\"end\":\(id + 1),\"text\":\"句\",\"label\":\"\(label)\",\"labeledBy\":\"\(by)\"}\n"
        }
        for sub in ["/a", "/b", "/t"] { try FileManager.default.createDirectory(atPath: dir + sub, withIntermediateDirectories: true) }
        try Data((document + sentence(1, "claim", "human:wang") + sentence(2, "evidence", "label.model.zh.v1") + sentence(3, "claim", "label.rules.zh.v1")).utf8)
            .write(to: URL(fileURLWithPath: dir + "/a/x.jsonl"))
        try Data((document + sentence(1, "claim", "label.cue.zh.v1") + sentence(2, "evidence", "label.cue.zh.v1") + sentence(3, "claim", "label.cue.zh.v1")).utf8)
            .write(to: URL(fileURLWithPath: dir + "/pred.jsonl"))
        let partlyReviewed = try argmark(["eval", dir + "/a/x.jsonl", dir + "/pred.jsonl"])
        #expect(partlyReviewed.status == 0 && partlyReviewed.stderr.contains(
            "2 of the gold's 3 scored labels were set by a labeller (labeledBy label.model.zh.v1, label.rules.zh.v1), not a person"), "\(partlyReviewed.stderr)")
        #expect(partlyReviewed.stdout.contains("(labels in gold)"))
        // Two annotators: the second annotated x but not y.
        try Data((document + sentence(1, "claim", "human:li") + sentence(2, "evidence", "human:li")).utf8).write(to: URL(fileURLWithPath: dir + "/b/x.jsonl"))
        try Data((document.replacingOccurrences(of: "\"x\"", with: "\"y\"") + sentence(1, "claim", "human:wang")).utf8).write(to: URL(fileURLWithPath: dir + "/a/y.jsonl"))
        let agreement = try argmark(["eval", dir + "/a", dir + "/b", "--agreement"])
        #expect(agreement.status == 0 && agreement.stderr.contains("no file in \(dir)/b for 1 of the 2 files of \(dir)/a (y.jsonl); nothing of them is compared"))
        #expect(agreement.stdout.contains("(labels either annotator used)") && !agreement.stdout.contains("tree:"), "\(agreement.stdout)")
        #expect(agreement.stdout.contains("y.jsonl") && agreement.stdout.contains("      -        -      -"), "\(agreement.stdout)")
        #expect(agreement.stdout.contains("no second annotation of 1 of 2 documents, not compared: y.jsonl"))
        #expect(agreement.stdout.contains("unlabelled predictions skipped 1 "), "\(agreement.stdout)")
        let agreementJSON = try argmark(["eval", dir + "/a", dir + "/b", "--agreement", "--format", "json"])
        #expect(agreementJSON.stdout.contains("{\"sentences\":0,\"accuracy\":null,\"macroF1\":null,\"kappa\":null,"), "\(agreementJSON.stdout)")
        // A folder of reviewed TEI is gold too.
        let tei = try argmark(["export", dir + "/b/x.jsonl", "--to", "tei", "--out", dir + "/t/x.tei.xml"])
        #expect(tei.status == 0, "\(tei.stderr)")
        let fromTEI = try argmark(["eval", dir + "/t", dir + "/a", "--agreement"])
        #expect(fromTEI.status == 0 && fromTEI.stdout.contains("sentences 1  accuracy 1.000"), "\(fromTEI.stdout)\(fromTEI.stderr)")
        // Its JSONL beside it: the document is scored once, from the JSONL, and the TEI named in a warning.
        try FileManager.default.copyItem(atPath: dir + "/b/x.jsonl", toPath: dir + "/t/x.jsonl")
        let twins = try argmark(["eval", dir + "/t", dir + "/a", "--agreement", "--format", "json"])
        #expect(twins.status == 0 && twins.stderr.contains("1 TEI file in \(dir)/t stands beside the JSONL of the same document (x.tei.xml); the JSONL is scored"))
        #expect(twins.stdout.components(separatedBy: "\"name\":").count == 2, "\(twins.stdout)")
    }

    /// A model of the default pipeline that does not load (a broken manifest, a truncated weights file) is an error
    /// for annotate, not a quiet run with the cue lexicons alone; naming the labellers runs without it.
    @Test func theDefaultPipelineDoesNotRunWithoutAModelItNames() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let models = Self.packageRoot.appendingPathComponent("Models")
        try FileManager.default.createDirectory(atPath: dir + "/models/cues", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: dir + "/models/label.model.zh.v1", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: models.appendingPathComponent("cues/zh.tsv").path, toPath: dir + "/models/cues/zh.tsv")
        try Data(#"{"labelers":[{"id":"label.model.zh.v1","weight":1},{"id":"label.cue.zh.v1","weight":0.75}]}"#.utf8)
            .write(to: URL(fileURLWithPath: dir + "/models/pipeline.json"))
        try Data(#"{"id":"label.model.zh.v1","labels":"claim"}"#.utf8).write(to: URL(fileURLWithPath: dir + "/models/label.model.zh.v1/manifest.json"))
        try Data("各国应当加强合作。\n".utf8).write(to: URL(fileURLWithPath: dir + "/in.zh.txt"))
        let run = try argmark(["annotate", dir + "/in.zh.txt", "--out", dir + "/out", "--models", dir + "/models"])
        #expect(run.status == 1 && run.stderr.contains("manifest.json ") && !run.stderr.contains("DecodingError"))
        #expect(run.stderr.contains("the default pipeline needs label.model.zh.v1, which did not load"))
        #expect(!FileManager.default.fileExists(atPath: dir + "/out/in.zh.jsonl"))
        let chosen = try argmark(["annotate", dir + "/in.zh.txt", "--out", dir + "/out", "--models", dir + "/models", "--labelers", "label.cue.zh.v1"])
        #expect(chosen.status == 0, "\(chosen.stderr)")
    }

    /// A pipeline.json that cannot be read (a stray comma, a weight of 0) is an error for annotate, tree and explain,
    /// not a quiet fallback that drops the decision rules it names.
    @Test func theDefaultPipelineDoesNotRunWhenItsFileIsBroken() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let models = Self.packageRoot.appendingPathComponent("Models")
        try FileManager.default.createDirectory(atPath: dir + "/models/cues", withIntermediateDirectories: true)
        for file in ["cues/zh.tsv", "cues/zh.rules.tsv"] {
            try FileManager.default.copyItem(atPath: models.appendingPathComponent(file).path, toPath: dir + "/models/" + file)
        }
        try Data("例如，某市推出了新项目。\n".utf8).write(to: URL(fileURLWithPath: dir + "/in.zh.txt"))
        for (broken, said) in [
            (#"{"labelers":[{"id":"label.cue.zh.v1","weight":0.75},{"id":"label.rules.zh.v1","weight":2},,]}"#, "pipeline.json: is not valid JSON (line 1, column 91)"),
            (#"{"labelers":[{"id":"label.cue.zh.v1","weight":0.75},{"id":"label.rules.zh.v1","weight":0}]}"#, "gives label.rules.zh.v1 the weight 0.0"),
        ] {
            try Data(broken.utf8).write(to: URL(fileURLWithPath: dir + "/models/pipeline.json"))
            try? FileManager.default.removeItem(atPath: dir + "/out")
            let run = try argmark(["annotate", dir + "/in.zh.txt", "--out", dir + "/out", "--models", dir + "/models"])
            #expect(run.status == 1 && run.stderr.contains("error: the default pipeline's file cannot be read") && run.stderr.contains(said), "\(run.stderr)")
            #expect(!FileManager.default.fileExists(atPath: dir + "/out/in.zh.jsonl"))
            let tree = try argmark(["explain", dir + "/in.zh.txt", "s1", "--models", dir + "/models"])
            #expect(tree.status == 1 && tree.stderr.contains("the default pipeline's file cannot be read"), "\(tree.stderr)")
            let chosen = try argmark(["annotate", dir + "/in.zh.txt", "--out", dir + "/out", "--models", dir + "/models", "--labelers", "label.rules.zh.v1"])
            #expect(chosen.status == 0, "\(chosen.stderr)")
        }
    }

    /// A gold document the prediction has no file for is scored as unlabelled, not left out: a labeller that failed
    /// on the hard documents would otherwise score better. The report and its JSON name the documents.
    @Test func evalScoresAMissingPredictionAsUnlabelled() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        // The second sentence of each supports the first.
        func document(_ id: String, _ labels: [String]) -> String {
            "{\"type\":\"document\",\"id\":\"\(id)\"}\n" + labels.enumerated().map { n, label in
                "{\"type\":\"sentence\",\"id\":\"s\(n + 1)\",\"section\":\"d1\",\"paragraph\":\"p1\",\"lang\":\"zh\",\"start\":\(n),\"end\":\(n + 1),\"text\":\"句\(n)\",\"label\":\"\(label)\""
                    + (n == 1 ? ",\"parent\":\"s1\",\"relation\":\"support\"" : "") + "}\n"
            }.joined()
        }
        try Data(document("a", ["claim", "evidence"]).utf8).write(to: URL(fileURLWithPath: dir + "/gold/a.jsonl").creatingParent())
        try Data(document("b", ["claim", "claim"]).utf8).write(to: URL(fileURLWithPath: dir + "/gold/b.jsonl"))
        try Data(document("a", ["claim", "evidence"]).utf8).write(to: URL(fileURLWithPath: dir + "/pred/a.jsonl").creatingParent())
        let run = try argmark(["eval", dir + "/gold", dir + "/pred"])
        #expect(run.status == 0 && run.stderr.contains("no prediction in \(dir)/pred for 1 of the 2 gold files (b.jsonl); their sentences are scored as unlabelled"))
        #expect(run.stdout.contains("no prediction for 1 of 2 documents, scored as unlabelled: b.jsonl") && run.stdout.contains("sentences 4  accuracy 0.500"))
        // Its links count as missed too, where the other predictions were linked.
        #expect(run.stdout.contains("tree: attachment 0.500 (1/2)"))
        // A prediction no gold file takes (misnamed, or extra) is named, not passed over.
        try Data(document("c", ["claim", "claim"]).utf8).write(to: URL(fileURLWithPath: dir + "/pred/B.jsonl"))
        #expect(try argmark(["eval", dir + "/gold", dir + "/pred"]).stderr.contains("1 file in \(dir)/pred matches no gold file and is not scored (B.jsonl)"))
        try FileManager.default.removeItem(atPath: dir + "/pred/B.jsonl")
        let json = try argmark(["eval", dir + "/gold", dir + "/pred", "--format", "json"])
        #expect(json.stdout.contains(#","missingPredictions":["b.jsonl"]"#) && json.stdout.hasPrefix(#"{"overall":{"sentences":4,"accuracy":0.5,"#))
        try FileManager.default.removeItem(atPath: dir + "/pred/a.jsonl")
        try Data("{}".utf8).write(to: URL(fileURLWithPath: dir + "/pred/other.jsonl"))
        let none = try argmark(["eval", dir + "/gold", dir + "/pred"])
        #expect(none.status == 1 && none.stderr.contains("has a namesake in"))
        // Namesakes eval does not read (annotate --to csv) are named as what they are.
        try Data("id,label\n".utf8).write(to: URL(fileURLWithPath: dir + "/pred/a.csv"))
        let csv = try argmark(["eval", dir + "/gold", dir + "/pred"])
        #expect(csv.status == 1 && csv.stderr.contains("\(dir)/pred/a.csv and the like, which eval does not read"), "\(csv.stderr)")
    }

    /// A corpus folder of sentence tables and their gold tables: annotate reads the tables, eval scores the
    /// predictions against the gold tables, paired by the tables' ids.
    @Test func annotateAndEvalSentenceTables() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let sentences = "id\tpara\tkind\ttext\ns1\tp1\tHEAD\t一、引言\ns2\tp2\tS\t本文认为合作是出路。\ns4\tp2\tS\t各国应当加强合作。\n"
        try Data(sentences.utf8).write(to: URL(fileURLWithPath: dir + "/corpus/r_sentences.tsv").creatingParent())
        try Data("id\tlabel\tparent\trelation\ns1\t-\t-\t-\ns2\tclaim\tROOT\t-\ns4\tprescription\ts2\tsupport\n".utf8)
            .write(to: URL(fileURLWithPath: dir + "/corpus/r_gold.tsv"))
        let annotate = try argmark(["annotate", dir + "/corpus", "--out", dir + "/pred", "--labelers", "label.cue.zh.v1"])
        #expect(annotate.status == 0 && annotate.stderr.contains("annotated 1 of 1 files"))
        let eval = try argmark(["eval", dir + "/corpus", dir + "/pred"])
        #expect(eval.status == 0)
        #expect(eval.stdout.contains("matching: id") && eval.stdout.contains("sentences 2  accuracy 1.000"))
        let file = try argmark(["eval", dir + "/corpus/r_gold.tsv", dir + "/pred/r_sentences.jsonl"])
        #expect(file.status == 0 && file.stdout.contains("sentences 2 "))
        // train's held-out predictions of sentence tables are named as annotate names them, so eval pairs them.
        for name in ["q", "t"] {
            try Data(sentences.replacingOccurrences(of: "合作是出路", with: "\(name)合作是出路").utf8)
                .write(to: URL(fileURLWithPath: dir + "/corpus/\(name)_sentences.tsv"))
            try FileManager.default.copyItem(atPath: dir + "/corpus/r_gold.tsv", toPath: dir + "/corpus/\(name)_gold.tsv")
        }
        // Held-out predictions or scores written into the gold they come from would replace it: refused first.
        let goldTables = try FileManager.default.contentsOfDirectory(atPath: dir + "/corpus").sorted()
        for (option, target) in [("--predictions", "/corpus"), ("--predictions", "/corpus/"), ("--proposal-scores", "/corpus/scores.tsv")] {
            let over = try argmark(["train", "--lang", "zh", "--data", dir + "/corpus", "--cross-validate", dir + "/corpus", option, dir + target])
            #expect(over.status == 64 && over.stderr.contains("input directory"), "\(option) \(target): \(over.stderr)")
        }
        let linkerOver = try argmark(["train-linker", "--data", dir + "/corpus", "--cross-validate", "--predictions", dir + "/corpus"])
        #expect(linkerOver.status == 64 && linkerOver.stderr.contains("would be written over"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir + "/corpus").sorted() == goldTables)
        let crossValidated = try argmark(["train", "--lang", "zh", "--data", dir + "/corpus", "--cross-validate", dir + "/corpus", "--shuffles", "1",
                                          "--predictions", dir + "/cv", "--out", dir + "/cvmodel"])
        #expect(crossValidated.status == 0, "\(crossValidated.stderr)")
        #expect(FileManager.default.fileExists(atPath: dir + "/cv/r_sentences.jsonl"))
        let cvEval = try argmark(["eval", dir + "/corpus", dir + "/cv"])
        #expect(cvEval.status == 0 && !cvEval.stderr.contains("no gold file") && !cvEval.stderr.contains("no prediction"), "\(cvEval.stderr)")
        for name in ["q", "t"] {
            try FileManager.default.removeItem(atPath: dir + "/corpus/\(name)_sentences.tsv")
            try FileManager.default.removeItem(atPath: dir + "/corpus/\(name)_gold.tsv")
        }
        // The gold is read as annotate reads the table, so that pairing by offsets pairs the same sentences.
        let byOffsets = try argmark(["eval", dir + "/corpus/r_gold.tsv", dir + "/pred/r_sentences.jsonl", "--match", "offsets"])
        #expect(byOffsets.stdout.contains("sentences 2  accuracy 1.000") && !byOffsets.stderr.contains("warning"))
        // The guideline's label table: one row per row of the input, ids as given; eval lays it over the gold.
        let table = try argmark(["annotate", dir + "/corpus/r_sentences.tsv", "--to", "tsv", "--out", dir + "/tables", "--labelers", "label.cue.zh.v1"])
        #expect(table.status == 0)
        let written = try String(contentsOfFile: dir + "/tables/r_sentences.labels.tsv", encoding: .utf8)
        #expect(written == "id\tlabel\tparent\trelation\ns1\t-\t-\t-\ns2\tclaim\tROOT\t-\ns4\tprescription\ts2\tsupport\n")
        let fromTables = try argmark(["eval", dir + "/corpus", dir + "/tables"])
        #expect(fromTables.status == 0 && fromTables.stdout.contains("sentences 2  accuracy 1.000") && fromTables.stdout.contains("attachment 1.000"))
        // Two directories of predictions of the same gold, compared: the same labels, no difference.
        let compared = try argmark(["eval", dir + "/corpus", dir + "/pred", "--compare", dir + "/tables", "--bootstrap", "50"])
        #expect(compared.status == 0 && compared.stdout.contains("macro-F1 1.000 against 1.000: difference 0.000 [0.000, 0.000], higher in 50.0% of resamples (ties count half)"))
        // Two annotators' gold tables of one sentence table: their agreement, by file or by directory.
        try FileManager.default.createDirectory(atPath: dir + "/second", withIntermediateDirectories: true)
        try Data("id\tlabel\tparent\trelation\ns1\t-\t-\t-\ns2\tclaim\tROOT\t-\ns4\tclaim\ts2\tsupport\n".utf8)
            .write(to: URL(fileURLWithPath: dir + "/second/r_gold.tsv"))
        let agreement = try argmark(["eval", dir + "/corpus/r_gold.tsv", dir + "/second/r_gold.tsv", "--agreement"])
        #expect(agreement.status == 0 && agreement.stdout.contains("sentences 2  accuracy 0.500"))
        // Two annotators' agreement with an interval for κ.
        let agreementInterval = try argmark(["eval", dir + "/corpus/r_gold.tsv", dir + "/second/r_gold.tsv", "--agreement", "--bootstrap", "50"])
        #expect(agreementInterval.status == 0 && agreementInterval.stdout.contains("(50 resamples of 2 sentences): macro-F1 [")
            && agreementInterval.stdout.contains("  kappa ["))
        // The second annotator's folder holds the sentence table beside the labels, as the first one's does: it is
        // their text, no prediction that matches no gold file.
        try FileManager.default.copyItem(atPath: dir + "/corpus/r_sentences.tsv", toPath: dir + "/second/r_sentences.tsv")
        let agreementByDirectory = try argmark(["eval", dir + "/corpus", dir + "/second", "--agreement"])
        #expect(agreementByDirectory.stdout.contains("sentences 2  accuracy 0.500"))
        #expect(!agreementByDirectory.stderr.contains("no gold file"), "\(agreementByDirectory.stderr)")
        // A corpus table of several documents: one label table per document, scored against the corpus table.
        try Data("doc_id\tunit_id\ttext\tlabel\nd1\ts1\t本文认为合作是出路。\tclaim\nd2\ts1\t各国应当加强合作。\tprescription\n".utf8)
            .write(to: URL(fileURLWithPath: dir + "/comments.tsv"))
        let corpusRun = try argmark(["annotate", dir + "/comments.tsv", "--to", "tsv", "--out", dir + "/cpred", "--labelers", "label.cue.zh.v1"])
        #expect(corpusRun.status == 0 && corpusRun.stderr.contains("annotated 2 of 2"))
        #expect(try String(contentsOfFile: dir + "/cpred/comments/d2.labels.tsv", encoding: .utf8) == "id\tlabel\tparent\trelation\ns1\tprescription\tROOT\t-\n")
        let corpusEval = try argmark(["eval", dir + "/comments.tsv", dir + "/cpred"])
        #expect(corpusEval.status == 0 && corpusEval.stdout.contains("sentences 2  accuracy 1.000"))
        let corpusByOffsets = try argmark(["eval", dir + "/comments.tsv", dir + "/cpred", "--match", "offsets"])
        #expect(corpusByOffsets.stdout.contains("sentences 2  accuracy 1.000") && !corpusByOffsets.stderr.contains("warning"))
        let unlabelled = try argmark(["eval", dir + "/corpus/r_sentences.tsv", dir + "/pred/r_sentences.jsonl"])
        #expect(unlabelled.status == 1 && unlabelled.stderr.contains("is a sentence table without labels"))
        // A corpus table given against one file is named as a table, not called malformed JSON.
        let tableAgainstFile = try argmark(["eval", dir + "/comments.tsv", dir + "/cpred/comments/d2.labels.tsv"])
        #expect(tableAgainstFile.status == 1 && tableAgainstFile.stderr.contains("comments.tsv: a gold table is read as NAME_gold.tsv")
            && !tableAgainstFile.stderr.contains("JSON object"))
    }

    @Test func pluginsAreListed() throws {
        let run = try argmark(["plugins"])
        #expect(run.status == 0)
        #expect(run.stdout.contains("read.article.v1\treader\tzh,en,mixed"))
        #expect(run.stdout.contains("label.model.zh.v1\tlabeler\tzh,mixed\tclaim,evidence,example,prescription,background\t"))
        #expect(run.stdout.contains("[default]") && run.stdout.contains("[default ×0.75]"))
        #expect(run.stdout.contains("link.learned.v1\tlinker\tzh,en,mixed\t-\tlearned thesis and attachment"))
    }

    @Test func theDefaultPipelineLabelsAndLabellersCanBeChosen() throws {
        let text = "本文认为合作是出路。例如，某国加强了对话。各国应当加强合作。\n"
        let labelled = try argmark(["annotate", "-"], stdin: text).stdout
        #expect(labelled.contains(#""label":"example""#) && labelled.contains(#""label":"prescription""#))
        let cues = try argmark(["annotate", "-", "--labelers", "label.cue.zh.v1"], stdin: text).stdout
        #expect(cues.contains(#""labeledBy":"label.cue.zh.v1""#))
        let none = try argmark(["annotate", "-", "--labelers", "none"], stdin: text).stdout
        #expect(!none.contains(#""label":"claim""#))
        let unknown = try argmark(["annotate", "-", "--labelers", "label.nope.v1"], stdin: text)
        #expect(unknown.status == 64 && unknown.stderr.contains("no such labeller; available: "))
    }

    /// A pipeline file's calibration turns the combiner's share into its probability, for the labellers and weights
    /// it was fitted with only; a misspelt coefficient or models directory is an error, not a silent default.
    @Test func aPipelineCalibrationSetsTheConfidences() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        func pipelineFile(weight: Double, coefficient: String) throws -> String {
            let path = dir + "/pipeline-\(weight)-\(coefficient).json"
            let json = #"{"labelers":[{"id":"label.cue.zh.v1","weight":\#(weight)}],"calibration":[{"languages":["zh"],"labelers":{"label.cue.zh.v1":1},"coefficients":{"\#(coefficient)":-3}}]}"#
            try Data(json.utf8).write(to: URL(fileURLWithPath: path))
            return path
        }
        let text = "本文认为合作是出路。各国应当加强合作。\n"
        let calibrated = try argmark(["annotate", "-", "--pipeline", try pipelineFile(weight: 1, coefficient: "bias")], stdin: text)
        #expect(calibrated.status == 0, "\(calibrated.stderr)")
        #expect(calibrated.stdout.components(separatedBy: #""confidence":0.0474"#).count == 3)  // 1 / (1 + e³), both sentences
        let reweighted = try argmark(["annotate", "-", "--pipeline", try pipelineFile(weight: 2, coefficient: "bias")], stdin: text)
        #expect(reweighted.status == 0 && !reweighted.stdout.contains(#""confidence":0.0474"#))
        let misspelt = try argmark(["annotate", "-", "--pipeline", try pipelineFile(weight: 1, coefficient: "bais")], stdin: text)
        #expect(misspelt.status == 64 && misspelt.stderr.contains(#"has a coefficient for "bais", which is none of its features"#))
        let noModels = try argmark(["annotate", "-", "--models", dir + "/Modles"], stdin: text)
        #expect(noModels.status == 64 && noModels.stderr.contains("--models \(dir)/Modles: no such directory"))
    }

    /// Realistic mistakes get a message (and, where nothing sensible can be done, a failure), not a silent result.
    @Test func mistakesAreNamedNotPassedOver() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try Data("Regulators should act now. 我们应当加强合作。\n".utf8).write(to: URL(fileURLWithPath: dir + "/mixed.txt"))
        // A pipeline that handles one of the two languages says which sentences it left unlabelled.
        let oneLanguage = try argmark(["annotate", dir + "/mixed.txt", "--out", dir + "/o", "--labelers", "label.cue.zh.v1"])
        #expect(oneLanguage.status == 0 && oneLanguage.stderr.contains("1 of 2 sentences got no label: no labeller of this pipeline handles en (1)"))
        // --out is a directory: a file's name and standard input with --out are refused.
        #expect(try argmark(["annotate", dir + "/mixed.txt", "--out", dir + "/out.jsonl"]).stderr.contains("looks like a file's name"))
        #expect(try argmark(["annotate", "-", "--out", dir + "/o"], stdin: "x.\n").stderr.contains("standard input is written to standard output"))
        // … and so does standard input among files, whose document would have gone to the terminal.
        let mixed = try argmark(["annotate", "-", dir + "/mixed.txt", "--out", dir + "/o2"], stdin: "x.\n")
        #expect(mixed.status != 0 && mixed.stderr.contains("standard input (-) is written to standard output, not into --out"))
        // export takes its format from the output's name, and refuses a name that says otherwise.
        let tei = try argmark(["export", dir + "/o/mixed.jsonl", "--out", dir + "/mixed.tei.xml"])
        let written = try String(contentsOfFile: dir + "/mixed.tei.xml", encoding: .utf8)
        #expect(tei.status == 0 && written.hasPrefix("<?xml"))
        #expect(try argmark(["export", dir + "/o/mixed.jsonl", "--out", dir + "/m.xml", "--to", "dot"]).stderr.contains("give --to tei"))
        // report counts x.txt and its x.jsonl as one document.
        try FileManager.default.copyItem(atPath: dir + "/o/mixed.jsonl", toPath: dir + "/mixed.jsonl")
        try FileManager.default.removeItem(atPath: dir + "/o")
        try FileManager.default.removeItem(atPath: dir + "/mixed.tei.xml")
        let report = try argmark(["report", dir])
        #expect(report.stderr.contains("is left out: it is the document") && !report.stdout.contains("corpus: 2 documents"))
        // Two texts of one name (paper.txt, paper.md) are two documents: neither names the other as its source.
        let pair = dir + "/pair"
        try Data("We argue that cities should act. Rents rose by 12 percent in 2019.\n".utf8).write(to: URL(fileURLWithPath: pair + "/paper.txt").creatingParent())
        try Data("本文认为，城市应当行动。据统计，2019年租金上涨了12%。\n".utf8).write(to: URL(fileURLWithPath: pair + "/paper.md"))
        let both = try argmark(["report", pair])
        #expect(!both.stderr.contains("is left out") && both.stdout.contains("corpus: 2 documents"), "\(both.stderr)")
        // A JSONL and the TEI exported from it are one document.
        #expect(try argmark(["export", dir + "/mixed.jsonl", "--to", "tei", "--out", dir + "/mixed.tei.xml"]).status == 0)
        let exported = try argmark(["report", dir])
        #expect(exported.stderr.contains("mixed.tei.xml is left out") && !exported.stdout.contains("corpus: 2 documents"), "\(exported.stderr)")
        // eval needs labelled gold, and reads a TEI prediction.
        let unlabelled = try argmark(["annotate", dir + "/mixed.txt", "--out", dir + "/u", "--labelers", "none"])
        #expect(unlabelled.status == 0)
        let nothing = try argmark(["eval", dir + "/u/mixed.jsonl", dir + "/mixed.jsonl"])
        #expect(nothing.status == 1 && nothing.stderr.contains("no gold sentence is labelled"))
        try FileManager.default.createDirectory(atPath: dir + "/g", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: dir + "/mixed.jsonl", toPath: dir + "/g/mixed.jsonl")
        #expect(try argmark(["annotate", dir + "/mixed.txt", "--to", "tei", "--out", dir + "/p", "--no-tree"]).status == 0)
        let teiDirectory = try argmark(["eval", dir + "/g", dir + "/p", "--format", "json"])
        #expect(teiDirectory.status == 0 && teiDirectory.stdout.contains(#""tree":null,"#), "\(teiDirectory.stderr)")
        // train: a document given twice, and a model folder of the other language.
        let twice = try argmark(["train", "--lang", "zh", "--data", dir + "/mixed.jsonl", "--data", dir + "/mixed.jsonl", "--out", dir + "/label.model.zh.v1"])
        #expect(twice.status != 0 && twice.stderr.contains("is given twice"))
        // A copy under another id in the same folder is a copy too (its cross-validated score would be inflated), named
        // by its file.
        let copied = try String(contentsOfFile: dir + "/g/mixed.jsonl", encoding: .utf8)
            .replacingOccurrences(of: #""type":"document","id":"mixed""#, with: #""type":"document","id":"mixed-copy""#)
        try Data(copied.utf8).write(to: URL(fileURLWithPath: dir + "/g/mixed-copy.jsonl"))
        let copy = try argmark(["train", "--lang", "zh", "--data", dir + "/g", "--out", dir + "/label.model.zh.v1"])
        #expect(copy.status != 0 && copy.stderr.contains("has the sentences of") && copy.stderr.contains("\(dir)/g/mixed-copy.jsonl") && copy.stderr.contains("\(dir)/g/mixed.jsonl"), "\(copy.stderr)")
        try FileManager.default.removeItem(atPath: dir + "/g/mixed-copy.jsonl")
        #expect(try argmark(["train", "--lang", "en", "--data", dir + "/mixed.jsonl", "--out", dir + "/label.model.zh.v1"]).stderr.contains("is the zh model's folder"))
        // A model trained into a folder of its own is read with the cue lexicon it was trained with, which is not
        // there: said so, and what to do, not "is missing; run argmark train" and an empty list of labellers.
        #expect(try argmark(["train", "--lang", "zh", "--data", dir + "/mixed.jsonl", "--out", dir + "/own/label.model.zh.mine.v1", "--shuffles", "1"]).status == 0)
        let alone = try argmark(["annotate", dir + "/mixed.txt", "--out", dir + "/own-out", "--models", dir + "/own", "--labelers", "label.model.zh.mine.v1"])
        #expect(alone.status != 0 && alone.stderr.contains("which is not in \(dir)/own") && alone.stderr.contains("copy the project's Models/cues there"), "\(alone.stderr)")
        #expect(alone.stderr.contains("the models directory loaded none"))
        // Settings that trained a model labelling every sentence alike, and exited 0; a negative number is read as one.
        for (setting, message) in [
            (["--epochs", "0"], "--epochs must be between 1 and 1000"), (["--rate", "-1"], "--rate must be a number from 0.0001 to 10"),
            (["--rate", "1e30"], "--rate must be a number from 0.0001 to 10"), (["--rate", "1e-9"], "--rate must be a number from 0.0001 to 10"), (["--l2", "-1"], "--l2 must be a number from 0"),
            (["--balance", "nan"], "--balance must be a number from 0"),
        ] {
            let refused = try argmark(["train", "--lang", "zh", "--data", dir + "/mixed.jsonl", "--out", dir + "/label.model.zh.x.v1"] + setting)
            #expect(refused.status == 64 && refused.stderr.contains(message), "\(setting): \(refused.stderr)")
        }
        let heavy = try argmark(["train", "--lang", "zh", "--data", dir + "/mixed.jsonl:1e40", "--out", dir + "/label.model.zh.x.v1"])
        #expect(heavy.status != 0 && heavy.stderr.contains("at most 100"), "\(heavy.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir + "/label.model.zh.x.v1/weights.bin"))
        #expect(try argmark(["review", dir + "/mixed.jsonl", "--annotator", " "], stdin: "q\n").stderr.contains("the annotator's name is empty"))
        #expect(try argmark(["tree", "-"], stdin: "x").stderr.contains("reads a file, not standard input"))
        #expect(try argmark(["annotate", dir + "/mixed.txt", "--out", dir + "/t", "--no-tree", "--linker", "link.tree.v1"]).status == 64)
        #expect(try argmark(["train", "--lang", "zh", "--data", dir + "/mixed.jsonl", "--out", dir + "/m", "--predictions", dir + "/p"]).stderr
            .contains("--predictions needs --cross-validate"))
        try FileManager.default.createDirectory(atPath: dir + "/empty", withIntermediateDirectories: true)
        #expect(try argmark(["annotate", dir + "/mixed.txt", dir + "/empty", "--out", dir + "/e"]).stderr.contains("/empty holds no input file"))
    }

    /// What train and eval write never replaces a person's work: held-out predictions over a copy of the gold and an
    /// errors table over a file that is none are refused before any work; a label signed neither by a person nor by
    /// a labeller is refused, not taken for a machine's; a trained model's folder says how annotate loads it; an
    /// output under a file or inside the data is refused before training; a pipeline file naming an unknown
    /// labeller gets one error.
    @Test func trainAndEvalKeepAPersonsWork() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try Data("本文认为合作是出路。据统计，贸易额增长了8%。例如，某国加强了对话。各国应当加强合作。\n".utf8)
            .write(to: URL(fileURLWithPath: dir + "/a.zh.txt"))
        try Data("我们认为改革势在必行。2023年，出口增长了5%。比如，某市试点了新政。政府必须加快改革。\n".utf8)
            .write(to: URL(fileURLWithPath: dir + "/b.zh.txt"))
        #expect(try argmark(["annotate", dir + "/a.zh.txt", dir + "/b.zh.txt", "--out", dir + "/m", "--no-tree"]).status == 0)
        try FileManager.default.createDirectory(atPath: dir + "/gold", withIntermediateDirectories: true)
        for name in ["a.zh.jsonl", "b.zh.jsonl"] {
            let machine = try String(contentsOfFile: dir + "/m/" + name, encoding: .utf8)
            let person = machine.replacing(/"labeledBy":"label\.[^"]*"/, with: #""labeledBy":"human:ana""#)
            try Data(person.utf8).write(to: URL(fileURLWithPath: dir + "/gold/" + name))
        }
        let gold = try String(contentsOfFile: dir + "/gold/a.zh.jsonl", encoding: .utf8)
        #expect(gold.contains("human:ana"))
        try Data(gold.utf8).write(to: URL(fileURLWithPath: dir + "/p/a.zh.jsonl").creatingParent())
        let over = try argmark(["train", "--lang", "zh", "--data", dir + "/gold", "--cross-validate", dir + "/gold", "--shuffles", "1",
                                "--predictions", dir + "/p"])
        #expect(over.status != 0 && over.stderr.contains("not written") && over.stderr.contains("a person set")
            && !over.stderr.contains("fold"), "\(over.stderr)")
        #expect(try String(contentsOfFile: dir + "/p/a.zh.jsonl", encoding: .utf8) == gold)
        // Nor over a copy whose labels have no labeledBy (hand-made: someone's, as annotate keeps them).
        try Data(gold.replacingOccurrences(of: #","labeledBy":"human:ana""#, with: "").utf8).write(to: URL(fileURLWithPath: dir + "/p2/a.zh.jsonl").creatingParent())
        let unknown = try argmark(["train", "--lang", "zh", "--data", dir + "/gold", "--cross-validate", dir + "/gold", "--shuffles", "1",
                                   "--predictions", dir + "/p2"])
        #expect(unknown.status != 0 && unknown.stderr.contains("holds labels with no labeledBy"), "\(unknown.stderr)")
        // An output that signs a person's work but no longer reads (a signature mistyped) is not replaced unread.
        let mistyped = gold.replacingOccurrences(of: "human:ana", with: "humans:bob")
        try Data(mistyped.utf8).write(to: URL(fileURLWithPath: dir + "/o1/a.zh.jsonl").creatingParent())
        let unread = try argmark(["annotate", dir + "/a.zh.txt", "--out", dir + "/o1"])
        #expect(unread.status != 0 && unread.stderr.contains("cannot be read"), "\(unread.stderr)")
        #expect(try String(contentsOfFile: dir + "/o1/a.zh.jsonl", encoding: .utf8) == mistyped)
        // Signed with a capital (Human:…, which reads as a person's too), the same; another tool's file that only
        // mentions human rights is no one's signed work, and is replaced as before.
        let capital = gold.replacingOccurrences(of: "human:ana", with: "HUmans:Bob")
        try Data(capital.utf8).write(to: URL(fileURLWithPath: dir + "/o2/a.zh.jsonl").creatingParent())
        #expect(try argmark(["annotate", dir + "/a.zh.txt", "--out", dir + "/o2"]).status != 0)
        #expect(try String(contentsOfFile: dir + "/o2/a.zh.jsonl", encoding: .utf8) == capital)
        // A reviewed TEI with an XML slip (a bare &): its reviewer signs as argmark-human-ana, not human:.
        #expect(try argmark(["export", dir + "/gold/a.zh.jsonl", "--to", "tei", "--out", dir + "/t4/a.zh.tei.xml"]).status == 0)
        let tei = try String(contentsOfFile: dir + "/t4/a.zh.tei.xml", encoding: .utf8)
        #expect(tei.contains("argmark-human-ana"))
        let broken = tei.replacingOccurrences(of: "</teiHeader>", with: "</teiHeader>&")
        try Data(broken.utf8).write(to: URL(fileURLWithPath: dir + "/t4/a.zh.tei.xml"))
        #expect(try argmark(["annotate", dir + "/a.zh.txt", "--to", "tei", "--out", dir + "/t4"]).status != 0)
        #expect(try String(contentsOfFile: dir + "/t4/a.zh.tei.xml", encoding: .utf8) == broken)
        try Data("notes on human rights, not JSON\n".utf8).write(to: URL(fileURLWithPath: dir + "/o3/a.zh.jsonl").creatingParent())
        #expect(try argmark(["annotate", dir + "/a.zh.txt", "--out", dir + "/o3"]).status == 0)
        // An errors table replaces an earlier one (saved with CRLF too), and nothing else.
        try Data(("document\tsentence\tpredicted_sentence\tgold\tpredicted\tconfidence\tlabeled_by\treasons\ttext\r\n").utf8)
            .write(to: URL(fileURLWithPath: dir + "/crlf.tsv"))
        #expect(try argmark(["eval", dir + "/gold/a.zh.jsonl", dir + "/m/a.zh.jsonl", "--errors", dir + "/crlf.tsv"]).status == 0)
        // (An earlier version's table, before confidence_scale was added last, is one too.)
        try Data([0xEF, 0xBB, 0xBF] + Array("document\tsentence\tpredicted_sentence\tgold\tpredicted\tconfidence\tlabeled_by\treasons\ttext\tconfidence_scale\r\n".utf8))
            .write(to: URL(fileURLWithPath: dir + "/bom.tsv"))
        #expect(try argmark(["eval", dir + "/gold/a.zh.jsonl", dir + "/m/a.zh.jsonl", "--errors", dir + "/bom.tsv"]).status == 0)
        try Data("my notes\n".utf8).write(to: URL(fileURLWithPath: dir + "/notes.txt"))
        let notes = try argmark(["eval", dir + "/gold/a.zh.jsonl", dir + "/m/a.zh.jsonl", "--errors", dir + "/notes.txt"])
        #expect(notes.status == 64 && notes.stderr.contains("is no errors table of an earlier run"), "\(notes.stderr)")
        #expect(try String(contentsOfFile: dir + "/notes.txt", encoding: .utf8) == "my notes\n")
        for _ in 0..<2 {
            #expect(try argmark(["eval", dir + "/gold/a.zh.jsonl", dir + "/m/a.zh.jsonl", "--errors", dir + "/errors.tsv"]).status == 0)
        }
        // labeledBy "" would make the person's label a machine's, relabelled by the next run.
        try Data(gold.replacingOccurrences(of: "human:ana", with: "").utf8).write(to: URL(fileURLWithPath: dir + "/unsigned.jsonl"))
        let unsigned = try argmark(["annotate", dir + "/unsigned.jsonl", "--out", dir + "/u", "--no-tree"])
        #expect(unsigned.status != 0 && unsigned.stderr.contains("labeledBy is empty"), "\(unsigned.stderr)")
        // Where a trained model loads from.
        let elsewhere = try argmark(["train", "--lang", "zh", "--data", dir + "/gold", "--shuffles", "1", "--out", dir + "/mine"])
        #expect(elsewhere.status == 0 && elsewhere.stderr.contains("annotate will not find this model"), "\(elsewhere.stderr)")
        let named = try argmark(["train", "--lang", "zh", "--data", dir + "/gold", "--shuffles", "1", "--out", dir + "/models/label.model.zh.mine.v3"])
        #expect(named.stderr.contains("--models \(dir)/models --labelers label.model.zh.mine.v3"), "\(named.stderr)")
        let manifest = try String(contentsOfFile: dir + "/models/label.model.zh.mine.v3/manifest.json", encoding: .utf8)
        #expect(manifest.contains(#""version" : 3"#))
        // Outputs that cannot be made, or would be read as data, are refused before training.
        let underFile = try argmark(["train", "--lang", "zh", "--data", dir + "/gold", "--out", dir + "/notes.txt/model"])
        #expect(underFile.status == 64 && underFile.stderr.contains("is a file; give a directory"), "\(underFile.stderr)")
        let inside = try argmark(["train", "--lang", "zh", "--data", dir + "/gold", "--cross-validate", dir + "/gold", "--predictions", dir + "/gold/cv"])
        #expect(inside.status == 64 && inside.stderr.contains("lies in the input directory"), "\(inside.stderr)")
        // A sentence table with a stray byte is read as annotate reads it: the line, not "missing".
        var table = Array("id\tpara\tkind\ttext\ns1\tp1\tS\t本文认为合作是出路。\ns2\tp1\tS\t据统计，贸易额增长了8%。\n".utf8)
        table.insert(0xE9, at: table.count - 3)
        try Data(table).write(to: URL(fileURLWithPath: dir + "/t/x_sentences.tsv").creatingParent())
        try Data("id\tlabel\tparent\trelation\ns1\tclaim\tROOT\t-\ns2\tevidence\ts1\tsupport\n".utf8).write(to: URL(fileURLWithPath: dir + "/t/x_gold.tsv"))
        for command in [["train", "--lang", "zh", "--data", dir + "/t", "--out", dir + "/tm"], ["eval", dir + "/t/x_gold.tsv", dir + "/m/a.zh.jsonl"]] {
            let stray = try argmark(command)
            #expect(stray.status != 0 && stray.stderr.contains("x_sentences.tsv: line 3: a byte that is not UTF-8") && !stray.stderr.contains("missing"), "\(stray.stderr)")
        }
        // A lexicon emptied by mistake is refused, and the default pipeline says its labeller did not load.
        let models = Self.packageRoot.appendingPathComponent("Models").path
        try FileManager.default.createDirectory(atPath: dir + "/M/cues", withIntermediateDirectories: true)
        for file in ["cues/en.tsv", "cues/zh.rules.tsv", "cues/en.rules.tsv", "pipeline.json"] {
            try FileManager.default.copyItem(atPath: models + "/" + file, toPath: dir + "/M/" + file)
        }
        try Data("# emptied\n".utf8).write(to: URL(fileURLWithPath: dir + "/M/cues/zh.tsv"))
        let emptied = try argmark(["annotate", dir + "/a.zh.txt", "--models", dir + "/M", "--out", dir + "/e"])
        #expect(emptied.status != 0 && emptied.stderr.contains("zh.tsv: holds no line but comments")
            && emptied.stderr.contains("names label.cue.zh.v1, which did not load (see above)"), "\(emptied.stderr)")
        let chosen = try argmark(["annotate", dir + "/a.zh.txt", "--models", dir + "/M", "--labelers", "label.cue.zh.v1", "--out", dir + "/e"])
        #expect(chosen.status != 0 && chosen.stderr.contains("plugin label.cue.zh.v1: not in the models directory (missing, or it failed to load"), "\(chosen.stderr)")
        // A pipeline file naming no labeller there is: its one error, not a second one about the file.
        try Data(#"{"labelers":[{"id":"label.nope.v1","weight":1}]}"#.utf8).write(to: URL(fileURLWithPath: dir + "/pipeline.json"))
        let pipeline = try argmark(["annotate", dir + "/a.zh.txt", "--pipeline", dir + "/pipeline.json", "--out", dir + "/q"])
        #expect(pipeline.status != 0 && pipeline.stderr.contains("no such labeller") && !pipeline.stderr.contains("ExitCode")
            && !pipeline.stderr.contains("not a pipeline file"), "\(pipeline.stderr)")
    }

    /// Re-running --no-tree on a linked file that nothing changes keeps its tree; a file's own links of unknown
    /// origin are kept, and a tree they leave with two roots is completed around them by tree as by review; an export to a path that reaches standard output through a
    /// linked directory goes to the descriptor (after what the shell had written there).
    @Test func treesAndOutputsAreKeptWhereNothingChanged() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try Data("本文认为合作是出路。据统计，贸易额增长了8%。例如，某国加强了对话。各国应当加强合作。\n".utf8)
            .write(to: URL(fileURLWithPath: dir + "/a.zh.txt"))
        #expect(try argmark(["annotate", dir + "/a.zh.txt", "--out", dir + "/o"]).status == 0)
        let linked = try String(contentsOfFile: dir + "/o/a.zh.jsonl", encoding: .utf8)
        let again = try argmark(["annotate", dir + "/o/a.zh.jsonl", "--out", "-", "--no-tree"])
        #expect(again.stdout.components(separatedBy: #""parent":"s"#).count == linked.components(separatedBy: #""parent":"s"#).count)
        #expect(linked.components(separatedBy: #""parent":"s"#).count > 1)
        // Two roots, links with no linkedBy (hand-made): tree completes the tree around them, as review does.
        let document = "{\"type\":\"document\",\"id\":\"h\"}\n"
        func sentence(_ id: Int, _ label: String, _ parent: String?) -> String {
            "{\"type\":\"sentence\",\"id\":\"s\(id)\",\"section\":\"d1\",\"paragraph\":\"p1\",\"lang\":\"zh\",\"start\":\(id),\"end\":\(id + 1),"
                + "\"text\":\"句\(id)。\",\"label\":\"\(label)\",\"parent\":\(parent.map { "\"\($0)\"" } ?? "null"),\"relation\":\(parent == nil ? "null" : "\"support\"")}\n"
        }
        try Data((document + sentence(1, "claim", nil) + sentence(2, "evidence", "s1") + sentence(3, "claim", nil) + sentence(4, "evidence", "s3")).utf8)
            .write(to: URL(fileURLWithPath: dir + "/h.jsonl"))
        let tree = try argmark(["tree", dir + "/h.jsonl"])
        #expect(tree.status == 0 && tree.stdout.components(separatedBy: "(thesis)").count == 2, "\(tree.stdout)")
        #expect(["s1", "s2", "s3", "s4"].allSatisfy { tree.stdout.contains("\($0) ") }, "\(tree.stdout)")
        let parents = try argmark(["annotate", dir + "/h.jsonl", "--out", "-"]).stdout
        #expect(parents.contains(#""id":"s2","#) && parents.contains(#""text":"句2。","label":"evidence""#))
        #expect(parents.contains(#""parent":"s1","relation":"support","score""#) && parents.contains(#""parent":"s3","relation":"support","score""#))
        // review needs one thesis: it completes the tree around the file's own links instead of replacing them.
        let review = try argmark(["review", dir + "/h.jsonl", "--annotator", "t"], stdin: "w\nq\n")
        #expect(review.status == 0 && review.stdout.contains("keeping the file's 2 links"), "\(review.stdout)")
        let saved = try String(contentsOfFile: dir + "/h.jsonl", encoding: .utf8)
        #expect(saved.contains(#""id":"s2","#) && saved.contains(#""parent":"s1","relation":"support","score""#))
        #expect(saved.components(separatedBy: #""parent":"s3""#).count == 2)
        // A chain that ends at a background sentence is no tree to keep: the linker mends it, once.
        try Data((document + sentence(1, "background", nil) + sentence(2, "claim", "s1") + sentence(3, "evidence", "s2") + sentence(4, "claim", "s1")).utf8)
            .write(to: URL(fileURLWithPath: dir + "/b.jsonl"))
        let mended = try argmark(["review", dir + "/b.jsonl", "--annotator", "t"], stdin: "stats\nw\nq\n")
        #expect(mended.status == 0 && mended.stdout.contains("linked the argument tree") && !mended.stdout.contains("thesis none"), "\(mended.stdout)")
        let reopened = try argmark(["review", dir + "/b.jsonl", "--annotator", "t"], stdin: "q\n")
        #expect(reopened.status == 0 && !reopened.stdout.contains("linked the argument tree"))
        // Standard output appended to a file (a shell's >>), reached again through a link to /proc/self/fd.
        func appendingStandardOutput(to file: String, _ arguments: [String]) throws -> Int32 {
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: file))
            defer { try? handle.close() }
            try handle.seekToEnd()
            let process = Process()
            process.executableURL = Self.binary
            process.arguments = arguments
            process.standardOutput = handle
            process.standardError = FileHandle.nullDevice
            try process.run()
            process.waitUntilExit()
            return process.terminationStatus
        }
        try FileManager.default.createSymbolicLink(atPath: dir + "/fds", withDestinationPath: "/proc/self/fd")
        try Data("HEADER\n".utf8).write(to: URL(fileURLWithPath: dir + "/redirected.dot"))
        let exported = try appendingStandardOutput(to: dir + "/redirected.dot", ["export", dir + "/o/a.zh.jsonl", "--to", "dot", "--out", dir + "/fds/1"])
        let redirected = try String(contentsOfFile: dir + "/redirected.dot", encoding: .utf8)
        #expect(exported == 0 && redirected.hasPrefix("HEADER\ndigraph"), "\(redirected.prefix(40))")
        // An ordinary path that is also where standard output goes (>> o/a.zh.jsonl) is replaced as any output is:
        // one document, not the old one with the new appended.
        let annotated = try appendingStandardOutput(to: dir + "/o/a.zh.jsonl", ["annotate", dir + "/a.zh.txt", "--out", dir + "/o"])
        let rewritten = try String(contentsOfFile: dir + "/o/a.zh.jsonl", encoding: .utf8)
        #expect(annotated == 0 && rewritten.components(separatedBy: #"{"type":"document""#).count == 2)
    }

    @Test func treeExplainReportAndExport() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let text = "一、引言\n本文认为开放合作是唯一出路。据统计，2023年贸易额达4万亿美元[1]。例如，某国2018年出台了新法。\n二、建议\n各国应当加强对话。\n"
        try Data(text.utf8).write(to: URL(fileURLWithPath: dir + "/a.zh.txt"))
        #expect(try argmark(["annotate", dir + "/a.zh.txt", "--out", dir]).status == 0)
        let jsonl = try String(contentsOfFile: dir + "/a.zh.jsonl", encoding: .utf8)
        #expect(jsonl.contains(#""linkedBy":"link.learned.v1""#) && jsonl.contains(#""explanation":{"base":"#))
        // The rule linker can still be chosen.
        #expect(try argmark(["annotate", dir + "/a.zh.txt", "--out", dir + "/rules", "--linker", "link.tree.v1"]).status == 0)
        #expect(try String(contentsOfFile: dir + "/rules/a.zh.jsonl", encoding: .utf8).contains(#""linkedBy":"link.tree.v1""#))
        #expect(try argmark(["annotate", dir + "/a.zh.txt", "--out", dir + "/x", "--linker", "link.nope.v1"]).stderr.contains("no such linker"))
        // Which sentence the shipped models make the thesis is their business; the commands must agree on it.
        let thesisLine = try #require(jsonl.split(separator: "\n").first {
            $0.contains(#""parent":null"#) && $0.contains(#""linkedBy":"link.learned.v1""#)
        })
        let thesis = try #require(thesisLine.firstMatch(of: /"id":"(s[0-9]+)"/)?.1)
        let thesisLabel = try #require(thesisLine.firstMatch(of: /"label":"([a-z]+)"/)?.1)
        let tree = try argmark(["tree", dir + "/a.zh.jsonl", "--width", "0"])
        #expect(tree.stdout.hasPrefix("\(thesis) \(thesisLabel) (thesis) score="))
        let explain = try argmark(["explain", dir + "/a.zh.jsonl", String(thesis)])
        #expect(explain.status == 0 && explain.stdout.contains("the thesis (root of the argument tree)"))
        #expect(try argmark(["explain", dir + "/a.zh.jsonl", "s99"]).status == 1)
        let report = try argmark(["report", dir + "/a.zh.jsonl"])
        #expect(report.stdout.contains("thesis \(thesis)") && report.stdout.contains("evidence density per section"))
        let json = try argmark(["report", dir, "--format", "json"])
        #expect(json.status == 0 && json.stdout.contains("\"unsupportedClaims\""))
        // A directory's JSON has the corpus totals the text report opens with, and names each document's file.
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let documents = try #require(object["documents"] as? [[String: Any]])
        #expect(documents.count > 1)
        let corpus = try #require(object["corpus"] as? [String: Any])
        #expect(corpus["documents"] as? Int == documents.count && corpus["thesisSupport"] != nil)
        #expect(documents.allSatisfy { ($0["file"] as? String)?.hasPrefix(dir) == true })
        #expect(try argmark(["export", dir + "/a.zh.jsonl", "--to", "dot", "--out", dir + "/a.dot"]).status == 0)
        // Without --to or an --out name, export writes TEI, the format the annotation is taken away in.
        #expect(try argmark(["export", dir + "/a.zh.jsonl"]).status == 0)
        #expect(try String(contentsOfFile: dir + "/a.zh.tei.xml", encoding: .utf8).contains("<TEI "))
        // The guideline's label table, named by --to or by the --out name; the thesis is the one ROOT row.
        #expect(try argmark(["export", dir + "/a.zh.jsonl", "--to", "tsv"]).status == 0)
        let labels = try String(contentsOfFile: dir + "/a.zh.labels.tsv", encoding: .utf8)
        #expect(labels.hasPrefix("id\tlabel\tparent\trelation\n") && labels.contains("\n\(thesis)\t\(thesisLabel)\tROOT\t-\n"))
        #expect(labels.components(separatedBy: "\tROOT\t").count == 2)
        #expect(try argmark(["export", dir + "/a.zh.jsonl", "--out", dir + "/pred.tsv"]).status == 0)
        #expect(try String(contentsOfFile: dir + "/pred.tsv", encoding: .utf8) == labels)
        // The tree in AIF JSON, named by --to (NAME.aif.json) or by the --out name; another .json name is refused.
        #expect(try argmark(["export", dir + "/a.zh.jsonl", "--to", "aif"]).status == 0)
        let aif = try String(contentsOfFile: dir + "/a.zh.aif.json", encoding: .utf8)
        #expect(aif.hasPrefix("{\"nodes\":[") && aif.contains("{\"nodeID\":\"\(thesis)\",") && aif.contains("\"type\":\"RA\""))
        #expect(try argmark(["export", dir + "/a.zh.jsonl", "--out", dir + "/tree.aif.json"]).status == 0)
        #expect(try String(contentsOfFile: dir + "/tree.aif.json", encoding: .utf8) == aif)
        #expect(try argmark(["export", dir + "/a.zh.jsonl", "--out", dir + "/tree.json"]).stderr.contains("aif (.aif.json)"))
        // A row per sentence as CSV, named by --to or by the --out name.
        #expect(try argmark(["export", dir + "/a.zh.jsonl", "--to", "csv"]).status == 0)
        let csv = try String(contentsOfFile: dir + "/a.zh.csv", encoding: .utf8)
        #expect(csv.hasPrefix("document,id,section,heading,") && csv.contains(",\(thesisLabel),") && csv.contains(",true,"))
        #expect(try argmark(["export", dir + "/a.zh.jsonl", "--out", dir + "/rows.csv"]).status == 0)
        #expect(try String(contentsOfFile: dir + "/rows.csv", encoding: .utf8) == csv)
        // A folder as --out takes the export under the input's name, as annotate's --out does.
        try FileManager.default.createDirectory(atPath: dir + "/exports", withIntermediateDirectories: true)
        #expect(try argmark(["export", dir + "/a.zh.jsonl", "--to", "csv", "--out", dir + "/exports"]).status == 0)
        #expect(try String(contentsOfFile: dir + "/exports/a.zh.csv", encoding: .utf8) == csv)
        // --out - writes to standard output; --out naming the input is refused, the input kept.
        let toStdout = try argmark(["export", dir + "/a.zh.jsonl", "--to", "dot", "--out", "-"])
        #expect(toStdout.status == 0 && toStdout.stdout.hasPrefix("digraph argument {"))
        let input = try Data(contentsOf: URL(fileURLWithPath: dir + "/a.zh.jsonl"))
        // A .jsonl name is no export's (a reviewed JSONL would be replaced by TEI or Graphviz).
        let overwrite = try argmark(["export", dir + "/a.zh.jsonl", "--to", "tei", "--out", dir + "/./a.zh.jsonl"])
        #expect(overwrite.status != 0 && overwrite.stderr.contains("not .jsonl"))
        #expect(try argmark(["export", dir + "/a.zh.jsonl", "--to", "tei", "--out", dir + "/a.zh.tei.xml"]).status == 0)
        let teiInput = try Data(contentsOf: URL(fileURLWithPath: dir + "/a.zh.tei.xml"))
        let overwriteTEI = try argmark(["export", dir + "/a.zh.tei.xml", "--out", dir + "/./a.zh.tei.xml"])
        #expect(overwriteTEI.status != 0 && overwriteTEI.stderr.contains("the export would replace the input"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: dir + "/a.zh.tei.xml")) == teiInput)
        #expect(try Data(contentsOf: URL(fileURLWithPath: dir + "/a.zh.jsonl")) == input)
        #expect(try String(contentsOfFile: dir + "/a.dot", encoding: .utf8).hasPrefix("digraph argument {"))
        let svg = try argmark(["export", dir + "/a.zh.jsonl", "--to", "svg", "--out", dir + "/a.svg"])
        if FileManager.default.isExecutableFile(atPath: "/usr/bin/dot") {
            #expect(svg.status == 0)
        } else {
            #expect(svg.status == 1 && svg.stderr.contains("apt-get install graphviz"))
        }
    }

    @Test func trainLinkerMeasuresEndToEndWithPredictedLabels() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let gold = Self.packageRoot.appendingPathComponent("Annotations/gold")
        for name in ["en-medical-debt-comment.en.jsonl", "en-data-broker-comment.en.jsonl"] {
            try FileManager.default.copyItem(atPath: gold.appendingPathComponent(name).path, toPath: dir + "/gold-" + name)
        }
        // "Predicted" labels for one document: every sentence background, so nothing can be attached.
        var lines = try String(contentsOfFile: dir + "/gold-en-medical-debt-comment.en.jsonl", encoding: .utf8)
        for label in ["claim", "evidence", "example", "prescription"] {
            lines = lines.replacingOccurrences(of: "\"label\":\"\(label)\"", with: "\"label\":\"background\"")
        }
        try Data(lines.utf8).write(to: URL(fileURLWithPath: dir + "/labels/en-medical-debt-comment.en.jsonl").creatingParent())
        let withGold = try argmark(["train-linker", "--data", dir + "/gold-en-medical-debt-comment.en.jsonl", "--data",
                                    dir + "/gold-en-data-broker-comment.en.jsonl", "--cross-validate", "--per-document"])
        #expect(withGold.status == 0)
        #expect(!withGold.stdout.contains("gold-en-medical-debt-comment\tattachment learned 0.000"))
        let endToEnd = try argmark(["train-linker", "--data", dir + "/gold-en-medical-debt-comment.en.jsonl", "--data",
                                    dir + "/gold-en-data-broker-comment.en.jsonl", "--cross-validate", "--per-document",
                                    "--labels-from", dir + "/labels"])
        #expect(endToEnd.status == 0)
        #expect(endToEnd.stdout.contains("gold-en-medical-debt-comment\tattachment learned 0.000\trules 0.000"))
        #expect(endToEnd.stderr.contains("1 held-out documents had no labelled file there and were skipped"))
        #expect(try argmark(["train-linker", "--data", dir, "--labels-from", dir + "/labels", "--out", dir + "/m"]).status != 0)
    }

    /// train-linker is held to what train is held to: a source given twice, an --evaluate-only spelt otherwise or
    /// naming no source, a cross-validation with nothing to train on and an --out that is a file are refused before
    /// any training, and the model folder changes as a whole.
    @Test func trainLinkerRefusesWhatWouldMisreport() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let gold = Self.packageRoot.appendingPathComponent("Annotations/gold")
        try FileManager.default.createDirectory(atPath: dir + "/g", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: gold.appendingPathComponent("en-medical-debt-comment.en.jsonl").path, toPath: dir + "/g/a.jsonl")
        let twice = try argmark(["train-linker", "--data", dir + "/g", "--data", dir + "/g/", "--cross-validate"])
        #expect(twice.status == 64 && twice.stderr.contains("is given twice"), "\(twice.stderr)")
        let misspelt = try argmark(["train-linker", "--data", dir + "/g", "--evaluate-only", dir + "/h", "--out", dir + "/m"])
        #expect(misspelt.status == 64 && misspelt.stderr.contains("--evaluate-only \(dir)/h is not among the --data sources"))
        let alone = try argmark(["train-linker", "--data", dir + "/g", "--cross-validate"])
        #expect(alone.status == 1 && alone.stderr.contains("nothing to train on"), "\(alone.stderr)")
        try Data().write(to: URL(fileURLWithPath: dir + "/taken"))
        #expect(try argmark(["train-linker", "--data", dir + "/g", "--out", dir + "/taken"]).stderr.contains("--out \(dir)/taken is a file"))
        #expect(try argmark(["train", "--lang", "en", "--data", dir + "/g", "--out", dir + "/taken"]).stderr.contains("--out \(dir)/taken is a file"))
        let trained = try argmark(["train-linker", "--data", dir + "/g", "--out", dir + "/m/link.learned.v1"])
        #expect(trained.status == 0, "\(trained.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir + "/m").sorted() == ["link.learned.v1"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir + "/m/link.learned.v1").sorted() == ["manifest.json", "weights.tsv"])
    }

    /// `train --chain` cross-validates and writes a model with its transition table; `--proposal-scores` writes
    /// every held-out sentence's gold label and each labeller's five scores.
    @Test func trainChainWritesTransitionsAndProposalScores() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let gold = Self.packageRoot.appendingPathComponent("Annotations/gold")
        try FileManager.default.createDirectory(atPath: dir + "/gold", withIntermediateDirectories: true)
        for name in ["en-medical-debt-comment.en.jsonl", "en-data-broker-comment.en.jsonl"] {
            try FileManager.default.copyItem(atPath: gold.appendingPathComponent(name).path, toPath: dir + "/gold/" + name)
        }
        let run = try argmark(["train", "--lang", "en", "--chain", "--shuffles", "1", "--bits", "14", "--data", dir + "/gold",
                               "--cross-validate", dir + "/gold", "--combine-with", "label.cue.en.v1:0.25",
                               "--proposal-scores", dir + "/scores.tsv", "--out", dir + "/model"])
        #expect(run.status == 0, "\(run.stderr)")
        let manifest = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: dir + "/model/manifest.json"))) as! [String: Any]
        let transitions = try #require(manifest["transitions"] as? [[Double]])
        #expect(transitions.count == 5 && transitions.allSatisfy { $0.count == 5 })
        // The held-out figure with its bootstrap interval (two documents: sentences drawn).
        let scores = try #require(manifest["scores"] as? [String: Double])
        let macro = try #require(scores["lodo.macroF1"])
        #expect(try #require(scores["lodo.macroF1.lower95"]) <= macro && macro <= (try #require(scores["lodo.macroF1.upper95"])))
        #expect(run.stdout.contains("95% bootstrap interval (1000 resamples of ") && run.stdout.contains(" sentences): macro-F1 ["))
        let rows = try String(contentsOfFile: dir + "/scores.tsv", encoding: .utf8).split(separator: "\n")
        #expect(rows.first == "document\tunit\tparagraph\tgold\tplugin\tclaim\tevidence\texample\tprescription\tbackground")
        #expect(rows.contains { $0.contains("\tlabel.model.fold\t") } && rows.contains { $0.contains("\tlabel.cue.en.v1\t") })
        #expect(rows.dropFirst().allSatisfy { $0.split(separator: "\t", omittingEmptySubsequences: false).count == 10 })
        // Another process (another hash seed) trains the same weights, and a Chinese document beside them is left
        // out of what the manifest says the English model learnt from.
        try FileManager.default.copyItem(atPath: gold.appendingPathComponent("zh-ai-military.zh.jsonl").path, toPath: dir + "/gold/zh-ai-military.zh.jsonl")
        let again = try argmark(["train", "--lang", "en", "--chain", "--shuffles", "1", "--bits", "14", "--data", dir + "/gold", "--out", dir + "/again"])
        #expect(again.status == 0 && again.stderr.contains("2 documents, ") && again.stderr.contains("(1 document in another language left out)"))
        #expect(FileManager.default.contents(atPath: dir + "/again/weights.bin") == FileManager.default.contents(atPath: dir + "/model/weights.bin"))
        let sources = try #require((try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: dir + "/again/manifest.json"))) as? [String: Any])?["trainingData"] as? [[String: Any]])
        #expect(sources.map { $0["documents"] as? Int } == [2])
        // The settings that shape the weights are recorded beside the seed and the epochs.
        let settings = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: dir + "/again/manifest.json"))) as? [String: Any])
        #expect(settings["learningRate"] as? Double == 0.2 && settings["classBalance"] as? Double == 0.5 && settings["stacked"] as? Bool == false)
        try FileManager.default.removeItem(atPath: dir + "/gold/zh-ai-military.zh.jsonl")
        #expect(try argmark(["train", "--lang", "en", "--chain", "--stacked", "--data", dir + "/gold", "--out", dir + "/m2"]).status != 0)
        #expect(try argmark(["train", "--lang", "en", "--data", dir + "/gold", "--proposal-scores", dir + "/s.tsv", "--out", dir + "/m3"]).status != 0)
        // Weights above 0, data with labels, and at least two documents to cross-validate.
        let weightless = try argmark(["train", "--lang", "en", "--data", dir + "/gold:0", "--out", dir + "/m4"])
        #expect(weightless.status != 0 && weightless.stderr.contains("a source's weight is a number above 0"))
        let mistyped = try argmark(["train", "--lang", "en", "--data", dir + "/gold:O.5", "--out", dir + "/m4"])
        #expect(mistyped.status != 0 && mistyped.stderr.contains("the weight 'O.5' is not a number"))
        try FileManager.default.createDirectory(atPath: dir + "/empty", withIntermediateDirectories: true)
        #expect(try argmark(["train", "--lang", "en", "--data", dir + "/empty", "--out", dir + "/m5"]).stderr.contains("no labelled sentences"))
        try Data("id\tpara\tkind\ttext\ns1\tp1\tS\tA sentence.\n".utf8).write(to: URL(fileURLWithPath: dir + "/empty/r_sentences.tsv"))
        #expect(try argmark(["train", "--lang", "en", "--data", dir + "/empty/r_sentences.tsv", "--out", dir + "/m5"]).stderr
            .contains("a sentence table has no labels; give its labels, \(dir)/empty/r_gold.tsv"))
        let one = dir + "/gold/en-data-broker-comment.en.jsonl"
        #expect(try argmark(["train", "--lang", "en", "--data", one, "--cross-validate", one]).stderr.contains("needs at least two documents"))
        #expect(try argmark(["train", "--lang", "zh", "--data", one, "--out", dir + "/m6"]).stderr.contains("labelled sentences is in zh"))
    }

    @Test func teiExportImportAndValidate() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let text = "一、引言\n本文认为开放合作是唯一出路。据统计，2023年贸易额达4万亿美元。\n"
        try Data(text.utf8).write(to: URL(fileURLWithPath: dir + "/a.zh.txt"))
        // annotate --to tei names outputs NAME.tei.xml; reading them back gives the JSONL of the same run.
        #expect(try argmark(["annotate", dir + "/a.zh.txt", "--out", dir + "/tei", "--to", "tei"]).status == 0)
        let tei = try String(contentsOfFile: dir + "/tei/a.zh.tei.xml", encoding: .utf8)
        #expect(tei.contains(#"<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:lang="zh">"#))
        #expect(try argmark(["annotate", dir + "/a.zh.txt", "--out", dir + "/jsonl"]).status == 0)
        let back = try argmark(["annotate", dir + "/tei", "--out", dir + "/back", "--labelers", "none", "--no-tree"])
        #expect(back.status == 0)
        #expect(try String(contentsOfFile: dir + "/back/a.zh.jsonl", encoding: .utf8)
            == (try String(contentsOfFile: dir + "/jsonl/a.zh.jsonl", encoding: .utf8)))
        // export --to tei, refusing to replace its input.
        #expect(try argmark(["export", dir + "/jsonl/a.zh.jsonl", "--to", "tei"]).status == 0)
        #expect(FileManager.default.fileExists(atPath: dir + "/jsonl/a.zh.tei.xml"))
        let replace = try argmark(["export", dir + "/jsonl/a.zh.tei.xml", "--to", "tei"])
        #expect(replace.status == 1 && replace.stderr.contains("would replace the input"))
        // annotate never writes over its input either.
        let same = try argmark(["annotate", dir + "/tei/a.zh.tei.xml", "--out", dir + "/tei", "--to", "tei"])
        #expect(same.status == 1 && same.stderr.contains("it is the input itself"))
        // validate with a small schema: file:line:column errors, exit 1 on an invalid file.
        let schema = """
            <grammar xmlns="http://relaxng.org/ns/structure/1.0"><start><element name="r"><empty/></element></start></grammar>
            """
        try Data(schema.utf8).write(to: URL(fileURLWithPath: dir + "/r.rng"))
        try Data("<r/>".utf8).write(to: URL(fileURLWithPath: dir + "/ok.xml"))
        try Data("<r>\n<x/></r>".utf8).write(to: URL(fileURLWithPath: dir + "/bad.xml"))
        try Data("<r>".utf8).write(to: URL(fileURLWithPath: dir + "/broken.xml"))
        let validate = try argmark(["validate", dir + "/ok.xml", dir + "/bad.xml", dir + "/broken.xml", "--schema", dir + "/r.rng"])
        #expect(validate.status == 1)
        #expect(validate.stdout.contains("\(dir)/ok.xml: valid"))
        #expect(validate.stdout.contains("\(dir)/bad.xml:2:"))
        #expect(validate.stdout.contains("\(dir)/broken.xml:1:"))
        #expect(validate.stderr.contains("2 of 3 files invalid"))
        // A malformed TEI input is one failure with its line; the batch goes on.
        try Data("<TEI xmlns=\"http://www.tei-c.org/ns/1.0\">\n<text><body><p>x</body></text></TEI>".utf8)
            .write(to: URL(fileURLWithPath: dir + "/in/broken.tei.xml").creatingParent())
        try Data(text.utf8).write(to: URL(fileURLWithPath: dir + "/in/b.zh.txt"))
        let batch = try argmark(["annotate", dir + "/in", "--out", dir + "/out2", "--to", "tei"])
        #expect(batch.status == 1)
        #expect(batch.stderr.contains("broken.tei.xml: line 2: "))
        #expect(FileManager.default.fileExists(atPath: dir + "/out2/b.zh.tei.xml"))
    }

    /// The review fixture, copied into a fresh directory.
    func reviewFixture(_ dir: String) throws -> String {
        let source = Self.packageRoot.appendingPathComponent("Tests/ArgMarkReviewTests/Fixtures/sample.zh.jsonl")
        let path = dir + "/sample.zh.jsonl"
        try FileManager.default.copyItem(atPath: source.path, toPath: path)
        return path
    }

    @Test func reviewScriptedSessionWritesAndClearsTheJournal() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let file = try reviewFixture(dir)
        let run = try argmark(["review", file, "--annotator", "wang"], stdin: "goto s6\nlabel claim\nlink s6 s3 attack\nwrite\nquit\n")
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("reviewing \(file) as human:wang: 9 sentences, 0 reviewed"))
        #expect(run.stdout.contains("s6: supports s3 → attacks s3"))
        #expect(run.stdout.contains("wrote \(file) (2 edits); journal cleared"))
        #expect(!FileManager.default.fileExists(atPath: file + ".journal"))
        let saved = try String(contentsOfFile: file, encoding: .utf8)
        #expect(saved.contains(#""id":"s6","section":"d1","paragraph":"p3""#))
        #expect(saved.contains(#""label":"claim","confidence":null,"labeledBy":"human:wang","parent":"s3","relation":"attack""#))
        // A later machine run keeps the human decisions.
        let again = try argmark(["annotate", file, "--out", dir + "/again"])
        #expect(again.status == 0)
        let reannotated = try String(contentsOfFile: dir + "/again/sample.zh.jsonl", encoding: .utf8)
        #expect(reannotated.contains(#""label":"claim","confidence":null,"labeledBy":"human:wang","parent":"s3","relation":"attack""#))
    }

    @Test func reviewRecoversEditsAfterTheInputEndsOrTheProcessIsKilled() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let file = try reviewFixture(dir)
        let original = try Data(contentsOf: URL(fileURLWithPath: file))
        // Input ends with unsaved edits: the journal keeps them, the file is untouched, exit status 1.
        let ended = try argmark(["review", file, "--annotator", "wang"], stdin: "label s2 claim\nlabel s9 background\n")
        #expect(ended.status == 1)
        #expect(ended.stderr.contains("2 unsaved edits; they are kept in \(file).journal"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: file)) == original)
        // kill -9 after an acknowledged edit.
        let live = try LiveReview(file: file)
        live.send("label s4 example\n")
        live.wait(for: "s4: label evidence → example")
        kill(live.process.processIdentifier, SIGKILL)
        live.process.waitUntilExit()
        #expect(live.seen.contains("recovered 2 unsaved edits"))
        // Reopening replays all three and can undo them.
        let reopened = try argmark(["review", file, "--annotator", "wang"], stdin: "stats\nundo\nwq\n")
        #expect(reopened.status == 0, "\(reopened.stderr)")
        #expect(reopened.stdout.contains("recovered 3 unsaved edits from \(file).journal (not yet written; write saves them)"))
        #expect(reopened.stdout.contains("undid: label s4 example"))
        let saved = try String(contentsOfFile: file, encoding: .utf8)
        #expect(saved.contains(#""id":"s2","section":"d1","paragraph":"p2","lang":"zh","start":"#) && saved.contains(#""labeledBy":"human:wang""#))
        #expect(!saved.contains(#""label":"example","confidence":null,"labeledBy":"human:wang""#))
        #expect(!FileManager.default.fileExists(atPath: file + ".journal"))
    }

    /// SIGTERM (or SIGHUP, or SIGINT in a script) ends a session with a word on where its edits are, the signal's
    /// status and no lock file left; reopening replays the edits.
    @Test func reviewEndedByASignalSaysWhereItsEditsAre() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let file = try reviewFixture(dir)
        for (signal, name, edit, acknowledged) in [
            (SIGTERM, "SIGTERM", "label s2 claim\n", "s2: label background → claim"), (SIGINT, "SIGINT", "label s4 example\n", "s4: label evidence → example"),
        ] {
            let live = try LiveReview(file: file)
            live.send(edit)
            live.wait(for: acknowledged)
            kill(live.process.processIdentifier, signal)
            live.process.waitUntilExit()
            let stderr = String(decoding: live.errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            // Ended by the signal itself (status 128 + its number to a shell).
            #expect(live.process.terminationReason == .uncaughtSignal && live.process.terminationStatus == signal, "\(stderr)")
            #expect(stderr.contains("the review of \(file) was ended by \(name): its unsaved edits are in \(file).journal"), "\(stderr)")
            #expect(!FileManager.default.fileExists(atPath: file + ".journal.lock"))
            #expect(FileManager.default.fileExists(atPath: file + ".journal"))
        }
        let reopened = try argmark(["review", file, "--annotator", "wang"], stdin: "w\n")
        #expect(reopened.stdout.contains("recovered 2 unsaved edits"), "\(reopened.stdout)")
        // Ended after a write, with nothing unsaved: no journal to point to.
        let written = try LiveReview(file: file)
        written.send("stats\n")
        written.wait(for: "sentences · reviewed")
        kill(written.process.processIdentifier, SIGTERM)
        written.process.waitUntilExit()
        let said = String(decoding: written.errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(said.contains("was ended by SIGTERM: it had no unsaved edits"), "\(said)")
    }

    @Test func reviewRefusesAJournalOfAnotherVersion() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let file = try reviewFixture(dir)
        #expect(try argmark(["review", file], stdin: "label s2 claim\n").status == 1)
        // The file changes behind the journal's back.
        try (try String(contentsOfFile: file, encoding: .utf8).replacingOccurrences(of: "各国应当", with: "各国必须"))
            .write(toFile: file, atomically: true, encoding: .utf8)
        let stale = try argmark(["review", file], stdin: "quit\n")
        #expect(stale.status == 1)
        #expect(stale.stderr.contains("belongs to another version of \(file)") && stale.stderr.contains("--replay-journal"))
        #expect(FileManager.default.fileExists(atPath: file + ".journal"))
        // Asked to, review replays the edits that still fit, and journals them again for the file as it is now.
        let replayed = try argmark(["review", file, "--replay-journal"], stdin: "quit\n")
        #expect(replayed.status == 1 && replayed.stdout.contains("still fit the sentences they change: recovered 1 unsaved edit"), "\(replayed.stderr)")
        #expect(!FileManager.default.fileExists(atPath: file + ".journal.superseded"))
        let again = try argmark(["review", file], stdin: "write\nquit\n")
        #expect(again.status == 0 && again.stdout.contains("recovered 1 unsaved edit"), "\(again.stderr)")
        #expect(try String(contentsOfFile: file, encoding: .utf8).contains("各国必须"))
        // An edit that no longer fits (the sentence was relabelled behind the journal's back) is not replayed.
        #expect(try argmark(["review", file], stdin: "label s2 evidence\n").status == 1)
        var lines = try String(contentsOfFile: file, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let s2 = try #require(lines.firstIndex { $0.contains(#""id":"s2","#) })
        lines[s2] = lines[s2].replacing(/"label":"[a-z]+"/, with: #""label":"background""#)
        try lines.joined(separator: "\n").write(toFile: file, atomically: true, encoding: .utf8)
        let misfit = try argmark(["review", file, "--replay-journal"], stdin: "quit\n")
        #expect(misfit.status == 1 && misfit.stderr.contains("no longer fit the sentences they change"), "\(misfit.stderr)")
        #expect(FileManager.default.fileExists(atPath: file + ".journal"))
        let discarded = try argmark(["review", file, "--discard-journal"], stdin: "quit\n")
        #expect(discarded.status == 0 && discarded.stdout.contains("deleted the journal"))
    }

    /// Edits undone back to the version on disk leave nothing unsaved: quitting or ending the input needs no warning
    /// and leaves no journal behind.
    @Test func reviewEditsUndoneToTheFileLeaveNothingUnsaved() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let file = try reviewFixture(dir)
        let original = try Data(contentsOf: URL(fileURLWithPath: file))
        let quit = try argmark(["review", file, "--annotator", "wang"], stdin: "label s2 claim\nundo\nstats\nquit\n")
        #expect(quit.status == 0, "\(quit.stderr)")
        #expect(quit.stdout.contains("unsaved edits 0") && !quit.stdout.contains("unsaved edit:"))
        #expect(!FileManager.default.fileExists(atPath: file + ".journal"))
        let ended = try argmark(["review", file, "--annotator", "wang"], stdin: "label s2 claim\nlabel s9 background\nundo\nundo\n")
        #expect(ended.status == 0 && !ended.stderr.contains("unsaved"), "\(ended.stderr)")
        #expect(!FileManager.default.fileExists(atPath: file + ".journal"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: file)) == original)
    }

    /// Edits made after a write go into a journal that names the version written, so they come back too.
    @Test func reviewEditsAfterAWriteComeBack() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let file = try reviewFixture(dir)
        let run = try argmark(["review", file, "--annotator", "wang"], stdin: "label s2 claim\nwrite\nlabel s9 background\n")
        #expect(run.status == 1 && run.stdout.contains("wrote \(file) (1 edit)"))
        let reopened = try argmark(["review", file, "--annotator", "wang"], stdin: "wq\n")
        #expect(reopened.status == 0, "\(reopened.stderr)")
        #expect(reopened.stdout.contains("recovered 1 unsaved edit from \(file).journal"))
        #expect(try String(contentsOfFile: file, encoding: .utf8).contains(#""label":"background","confidence":null,"labeledBy":"human:wang""#))
        // An undo after a write changes the file's version: it comes back as an unsaved edit, and quitting keeps it.
        let undone = try argmark(["review", file, "--annotator", "wang"], stdin: "write\nundo\n")
        #expect(undone.status == 0)
        let afterUndo = try argmark(["review", file, "--annotator", "wang"], stdin: "label s4 claim\nwrite\nundo\nquit\nquit\n")
        #expect(afterUndo.stdout.contains("left 1 unsaved edit"))
        let back = try argmark(["review", file, "--annotator", "wang"], stdin: "quit\nquit\n")
        #expect(back.stdout.contains("recovered 1 unsaved edit"))
        #expect(FileManager.default.fileExists(atPath: file + ".journal"))
    }

    /// TEI's offset prefix says what the offsets count in: a web page's laid-out text is no RFC 5147 text of the file.
    /// A batch whose every file failed names no output folder; validate with no schema says where it looked.
    @Test func offsetsSchemaAndSummaryMessages() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try Data("<html><body><p>We argue that cities should act.</p></body></html>".utf8).write(to: URL(fileURLWithPath: dir + "/page.en.html"))
        try Data("We argue that cities should act.\n".utf8).write(to: URL(fileURLWithPath: dir + "/plain.en.txt"))
        #expect(try argmark(["annotate", dir + "/page.en.html", dir + "/plain.en.txt", "--to", "tei", "--out", dir + "/tei"]).status == 0)
        let page = try String(contentsOfFile: dir + "/tei/page.en.tei.xml", encoding: .utf8)
        let plain = try String(contentsOfFile: dir + "/tei/plain.en.tei.xml", encoding: .utf8)
        #expect(page.contains("into the text ArgMark laid out from the source") && !plain.contains("laid out from the source"))
        #expect(plain.contains("Offsets START,END into the source text in Unicode code points (RFC 5147 char scheme)."))
        try Data().write(to: URL(fileURLWithPath: dir + "/empty.txt"))
        let failed = try argmark(["annotate", dir + "/empty.txt", "--out", dir + "/none"])
        #expect(failed.status == 1 && !failed.stderr.contains("output in"))
        let validate = try argmark(["validate", dir + "/tei/plain.en.tei.xml"], in: dir, environment: [:])
        #expect(validate.status == 1 && validate.stderr.contains("no schema to validate against") && !validate.stderr.contains("Usage:"))
    }

    /// export, whose default target is FILE.tei.xml beside the input, never replaces a TEI file a person reviewed.
    @Test func exportKeepsAReviewedTEI() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let file = try reviewFixture(dir)
        let tei = dir + "/sample.zh.tei.xml"
        #expect(try argmark(["export", file]).status == 0)
        #expect(try argmark(["review", tei, "--annotator", "wang"], stdin: "goto s11\nlabel evidence\nwq\n").status == 0)
        let again = try argmark(["export", file])
        #expect(again.status == 1 && again.stderr.contains("not written: \(tei) holds a label or link a person set"))
        #expect(try String(contentsOfFile: tei, encoding: .utf8).contains("human-wang"))
        #expect(try argmark(["export", file, "--out", dir + "/fresh.tei.xml"]).status == 0)
    }

    /// A review taken up again says where it stopped: the first unreviewed sentence once some are reviewed, and a
    /// recovered session goes on at the sentence of its last edit (not at the first sentence).
    @Test func reviewResumesWhereItStopped() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let file = try reviewFixture(dir)
        let fresh = try argmark(["review", file, "--annotator", "wang"], stdin: "quit\n")
        #expect(!fresh.stdout.contains("first unreviewed"))
        let crashed = try argmark(["review", file, "--annotator", "wang"], stdin: "accept s2\nlabel s9 background\nnext\n")
        #expect(crashed.status == 1)
        let reopened = try argmark(["review", file, "--annotator", "wang"], stdin: "write\nquit\n")
        #expect(reopened.status == 0, "\(reopened.stderr)")
        #expect(reopened.stdout.contains("2 reviewed; the first unreviewed is s3 (goto s3)"))
        #expect(reopened.stdout.contains("(not yet written; write saves them); going on at the last one\ns9 · background (human:wang)"))
        let again = try argmark(["review", file, "--annotator", "wang"], stdin: "quit\n")
        // Nothing recovered: the session opens at the first sentence.
        #expect(again.stdout.contains("the first unreviewed is s3") && again.stdout.contains("help lists the commands\ns2 ·"))
    }

    /// A second session on a file under review is refused; a file another program changed meanwhile is not written
    /// over unless the reviewer says write!.
    @Test func reviewRefusesASecondSessionAndKeepsOtherWritersChanges() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let file = try reviewFixture(dir)
        let live = try LiveReview.labellingS2(file: file)
        let second = try argmark(["review", file], stdin: "quit\n")
        #expect(second.status == 1 && second.stderr.contains("\(file) is open in another review session"))
        let changed = try Self.changeOnDisk(file)
        live.send("write\n")
        live.wait(for: "changed on disk")
        #expect(try String(contentsOfFile: file, encoding: .utf8) == changed)
        live.send("write!\nquit\n")
        live.finish()
        #expect(live.process.terminationStatus == 0 && live.seen.contains("wrote \(file) (1 edit)"))
        #expect(!FileManager.default.fileExists(atPath: file + ".journal.lock"))
        #expect(try argmark(["review", file], stdin: "quit\n").status == 0)
    }

    /// A file moved away under the session is not written again at its old place by `w` (two diverging copies):
    /// refused with what to do; `write!` writes it all the same.
    @Test func reviewDoesNotRecreateAFileMovedAway() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let file = try reviewFixture(dir)
        let live = try LiveReview.labellingS2(file: file)
        try FileManager.default.moveItem(atPath: file, toPath: dir + "/moved.jsonl")
        live.send("w\n")
        live.wait(for: "is gone since this session opened it")
        #expect(!FileManager.default.fileExists(atPath: file))
        live.send("write!\nquit\n")
        live.finish()
        #expect(live.seen.contains("wrote \(file) (1 edit)"), "\(live.seen)")
        #expect(try String(contentsOfFile: file, encoding: .utf8).contains(#""label":"claim","confidence":null,"labeledBy":"human:wang""#))
    }

    /// Unsaved edits on a file another program changed (or removed) under the session cannot wait in a journal that
    /// fits only the version opened: quitting writes the session's version beside the file, and the file still opens.
    @Test func reviewWritesUnsavedEditsBesideAFileChangedUnderIt() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let file = try reviewFixture(dir)
        chmod(file, 0o600)
        let live = try LiveReview.labellingS2(file: file)
        let changed = try Self.changeOnDisk(file)
        live.send("quit\nquit\n")
        live.finish()
        #expect(live.seen.contains("left 1 unsaved edit: \(file) changed on disk under this session"))
        let copies = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasPrefix("sample.zh.unsaved-") && $0.hasSuffix(".jsonl") }
        #expect(copies.count == 1)
        // As private as the file it copies.
        var copyMode = stat()
        #expect(stat(dir + "/" + (copies.first ?? ""), &copyMode) == 0 && copyMode.st_mode & 0o777 == 0o600)
        let copy = try String(contentsOfFile: dir + "/" + (copies.first ?? ""), encoding: .utf8)
        #expect(copy.contains(#""label":"claim","confidence":null,"labeledBy":"human:wang""#))
        #expect(try String(contentsOfFile: file, encoding: .utf8) == changed)
        #expect(!FileManager.default.fileExists(atPath: file + ".journal"))
        #expect(try argmark(["review", file], stdin: "quit\n").status == 0)
    }

    /// A write-protected file is replaced only on write!; a SOURCE_DATE_EPOCH no writer could record (milliseconds)
    /// is refused before any edit is acknowledged; a private file's journal is as private as the file; and a copy a
    /// killed write left beside the file goes when the next session opens it.
    @Test func reviewKeepsProtectionsAndCleansUp() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let file = try reviewFixture(dir)
        let epoch = try argmark(["review", file], stdin: "label s2 claim\nwrite\n", environment: ["SOURCE_DATE_EPOCH": "1700000000000"])
        #expect(epoch.status != 0 && epoch.stderr.contains("SOURCE_DATE_EPOCH is '1700000000000'"), "\(epoch.stderr)")
        #expect(!FileManager.default.fileExists(atPath: file + ".journal"))
        chmod(file, 0o600)
        let stale = dir + "/.sample.zh.jsonl.999999.12345.argmark-tmp"
        #expect(FileManager.default.createFile(atPath: stale, contents: Data("{}".utf8)))
        let live = try LiveReview.labellingS2(file: file)
        var journal = stat()
        #expect(stat(file + ".journal", &journal) == 0 && journal.st_mode & 0o777 == 0o600)
        #expect(!FileManager.default.fileExists(atPath: stale))
        live.send("quit!\n")
        live.finish()
        // A NUL typed into a command is echoed without cutting the reply short.
        let nul = try argmark(["review", file], stdin: "l s3 c\u{0}x\nstats\nquit\n")
        #expect(nul.stdout.contains("prescription/r, background/b\n"), "\(nul.stdout)")
        // A heading's id is named as such for every command that takes a sentence.
        let heading = try argmark(["review", file], stdin: "show s1\nquit\n")
        #expect(heading.stdout.contains("s1 is a heading, not a sentence"), "\(heading.stdout)")
        // A name too long for its journal is said on opening, not at every refused edit.
        let long = dir + "/" + String(repeating: "r", count: 246) + ".jsonl"
        try FileManager.default.copyItem(atPath: file, toPath: long)
        let tooLong = try argmark(["review", long], stdin: "quit\n")
        #expect(tooLong.stdout.contains("is too long for its journal"), "\(tooLong.stdout)")
        chmod(file, 0o444)
        // A write-protected file's journal still takes edits: its owner may write it.
        _ = try argmark(["review", file, "--annotator", "wang"], stdin: "label s2 claim\nquit\nquit\n")
        var protectedJournal = stat()
        #expect(stat(file + ".journal", &protectedJournal) == 0 && protectedJournal.st_mode & 0o200 != 0)
        let protected = try argmark(["review", file, "--annotator", "wang"], stdin: "write\nwrite!\nquit\n")
        #expect(protected.stdout.contains("\(file) is write-protected; write! replaces it") && protected.stdout.contains("wrote \(file) (1 edit)"),
                "\(protected.stdout)")
    }

    /// Standard output that cannot be written (a full disk, a closed descriptor) ends a review session with an error
    /// that says where its edits are; a closed one is not taken over by the session's lock file.
    @Test(.enabled(if: FileManager.default.fileExists(atPath: "/dev/full"), "needs /dev/full"))
    func reviewStopsWhenStandardOutputCannotBeWritten() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let file = try reviewFixture(dir)
        let full = try #require(FileHandle(forWritingAtPath: "/dev/full"))
        let run = try argmark(["review", file], stdin: "label s2 claim\nstats\n", standardOutput: full)
        #expect(run.status == 1 && run.stderr.contains("cannot write to standard output"), "\(run.stderr)")
        let closed = try argmark(["-c", "\"$0\" review \"$1\" >&-", CommandLineTests.binary.path, file],
                                 stdin: "label s2 claim\nstats\n", binary: URL(fileURLWithPath: "/bin/sh"))
        #expect(closed.status == 1 && closed.stderr.contains("cannot write to standard output"), "\(closed.stderr)")
        // With standard error gone too the session still ends with status 1, not a crash (Foundation's FileHandle
        // trapped on the failed write).
        let both = try argmark(["-c", "\"$0\" review \"$1\" >/dev/full 2>/dev/full", CommandLineTests.binary.path, file],
                               stdin: "label s2 claim\nstats\n", binary: URL(fileURLWithPath: "/bin/sh"))
        #expect(both.status == 1)
        #expect(try argmark(["review", file], stdin: "quit\n").status == 0)
    }

    /// A write stopped after the rename and before the journal's removal leaves a journal whose edits the file
    /// holds: the next opening clears it rather than refusing it as another version's.
    @Test func aJournalAWriteLeftBehindIsClearedOnOpening() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let file = try reviewFixture(dir)
        #expect(try argmark(["review", file, "--annotator", "wang"], stdin: "label s2 claim\n").status == 1)
        let journal = try String(contentsOfFile: file + ".journal", encoding: .utf8)
        // The same session written elsewhere gives the version the stopped write left behind.
        try FileManager.default.copyItem(atPath: file, toPath: dir + "/copy.jsonl")
        try Data(journal.utf8).write(to: URL(fileURLWithPath: dir + "/copy.jsonl.journal"))
        #expect(try argmark(["review", dir + "/copy.jsonl", "--annotator", "wang"], stdin: "write\nquit\n").status == 0)
        let written = try Data(contentsOf: URL(fileURLWithPath: dir + "/copy.jsonl"))
        let mark = #"{"writing":{"hash":"\#(String(FNV1a.hash(written), radix: 16))","size":\#(written.count)}}"#
        try Data((journal + mark + "\n").utf8).write(to: URL(fileURLWithPath: file + ".journal"))
        try written.write(to: URL(fileURLWithPath: file))
        let reopened = try argmark(["review", file, "--annotator", "wang"], stdin: "quit\n")
        #expect(reopened.status == 0 && reopened.stdout.contains("already holds its edits"), "\(reopened.stdout)\(reopened.stderr)")
        #expect(!FileManager.default.fileExists(atPath: file + ".journal"))
    }

    /// Another program's change to a file under review (各国应当 → 各国必须); the file's new text.
    static func changeOnDisk(_ file: String) throws -> String {
        let changed = try String(contentsOfFile: file, encoding: .utf8).replacingOccurrences(of: "各国应当", with: "各国必须")
        try changed.write(toFile: file, atomically: true, encoding: .utf8)
        return changed
    }

    @Test func reviewStrictStopsAtTheFirstInvalidCommand() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let file = try reviewFixture(dir)
        let lenient = try argmark(["review", file], stdin: "frobnicate\nlink s3 s4\nquit\n")
        #expect(lenient.status == 0 && lenient.stdout.contains("unknown command 'frobnicate'"))
        let strict = try argmark(["review", file, "--strict"], stdin: "next\nlink s3 s4\nnext\nquit\n")
        #expect(strict.status == 1)
        #expect(strict.stdout.contains("refused: s3 is the thesis"))
        #expect(!strict.stdout.contains("s4 · evidence"))
        // accept-next at the last sentence accepts it and stays: a script stops there, as after next.
        let last = try argmark(["review", file, "--strict", "--annotator", "bob"], stdin: "goto s11\nan\nlabel background\nquit!\n")
        #expect(last.status == 1 && last.stdout.contains("s11: label claim accepted") && !last.stdout.contains("label claim → background"))
        #expect(last.stderr.contains("--strict stopped at this command with 1 unsaved edit; it is kept in"))
        let text = try argmark(["review", dir + "/x.txt"])
        #expect(text.status == 1)
    }

    @Test func reviewWorksOnTEIAndWritesTEIBack() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let file = try reviewFixture(dir)
        #expect(try argmark(["export", file, "--to", "tei", "--out", dir + "/sample.zh.tei.xml"]).status == 0)
        let run = try argmark(["review", dir + "/sample.zh.tei.xml", "--annotator", "王芳"], stdin: "thesis s8\nwq\n")
        #expect(run.status == 0, "\(run.stderr)")
        let tei = try String(contentsOfFile: dir + "/sample.zh.tei.xml", encoding: .utf8)
        #expect(tei.contains(#"<s xml:id="s8" type="thesis""#))
        #expect(tei.contains(##"<respons locus="value" target="#s8" match="@type" resp="#argmark-human-王芳"/>"##))
        #expect(tei.contains(#"when="2026-"#) || tei.contains(#"when=""#))
    }
}


extension URL {
    func creatingParent() throws -> URL {
        try FileManager.default.createDirectory(at: deletingLastPathComponent(), withIntermediateDirectories: true)
        return self
    }
}

/// A review session running in the background, fed line by line, for what only a live process shows (a crash, a
/// second session, a file changed meanwhile).
final class LiveReview {
    let process = Process()
    let input = Pipe()
    let output = Pipe()
    let errors = Pipe()
    var seen = ""

    init(file: String) throws {
        process.executableURL = CommandLineTests.binary
        process.arguments = ["review", file, "--annotator", "wang"]
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        try process.run()
    }

    func send(_ text: String) { input.fileHandleForWriting.write(Data(text.utf8)) }

    /// A session on `file` that has relabelled s2 a claim (an unsaved edit).
    static func labellingS2(file: String) throws -> LiveReview {
        let live = try LiveReview(file: file)
        live.send("label s2 claim\n")
        live.wait(for: "s2: label background → claim")
        return live
    }

    /// Waits for the session to end and takes the rest of its output.
    func finish() {
        process.waitUntilExit()
        seen += String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    }

    /// Reads the output until it shows `text` (at most 20 seconds).
    func wait(for text: String) {
        let deadline = Date().addingTimeInterval(20)
        while !seen.contains(text), Date() < deadline { seen += String(decoding: output.fileHandleForReading.availableData, as: UTF8.self) }
    }
}
