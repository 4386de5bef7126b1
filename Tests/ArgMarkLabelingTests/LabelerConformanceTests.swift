import ArgMarkCore
import ArgMarkLabeling
import ArgMarkPipeline
import ArgMarkPlugins
import Foundation
import Testing

/// Every labeller shipped in Models/ must behave: deterministic, scores in [0, 1], proposals only for sentences of
/// its languages, no failure on empty, Chinese, English or mixed documents, and human labels survive the pipeline.
struct LabelerConformanceTests {
    static let registry = PluginRegistry.standard.adding(ModelLibrary(directory: ShippedLexicons.modelsDirectory.path))
    static let ids = registry.labelers.map(\.descriptor.id)

    static let texts = [
        "一、引言\n本文认为合作是出路。据统计，贸易额增长了8%。例如，某国加强了对话。各国应当加强合作。\n",
        "1. Introduction\nWe argue that audits work. For example, one audit found bias. Regulators should act. Is that enough?\n",
        "中国提出了倡议。The European Union disagreed with the proposal entirely. 双方继续谈判。\n",
        "标题\n。\n",
    ]

    /// The shipped Chinese model copied into `models/label.model.zh.v1/` with its manifest edited by `edit`.
    static func copyShippedChineseModel(into models: URL, folder name: String = "label.model.zh.v1", editing edit: (inout [String: Any]) -> Void) throws {
        let folder = models.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let shipped = ShippedLexicons.modelsDirectory.appendingPathComponent("label.model.zh.v1")
        try FileManager.default.copyItem(at: shipped.appendingPathComponent("weights.bin"), to: folder.appendingPathComponent("weights.bin"))
        var manifest = try JSONSerialization.jsonObject(with: Data(contentsOf: shipped.appendingPathComponent("manifest.json"))) as! [String: Any]
        edit(&manifest)
        try JSONSerialization.data(withJSONObject: manifest).write(to: folder.appendingPathComponent("manifest.json"))
    }

    @Test func theShippedLabellersAreLoaded() {
        #expect(Set(Self.ids).isSuperset(of: ["label.cue.zh.v1", "label.cue.en.v1", "label.rules.zh.v1", "label.rules.en.v1",
                                              "label.model.zh.v1", "label.model.en.v1"]))
        #expect(Self.registry.defaultPipeline().labelers.count == 6)
        // Each rule file is described by what it holds: only the English rules have a main-verb should, and only the
        // Chinese ones call a question background.
        let zhRules = try? #require(Self.registry.labeler(id: "label.rules.zh.v1")).descriptor.summary
        let enRules = try? #require(Self.registry.labeler(id: "label.rules.en.v1")).descriptor.summary
        #expect(zhRules?.contains("should") == false && zhRules?.contains("questions") == true)
        #expect(enRules?.contains("should → prescription") == true && enRules?.contains("questions") == false)
    }

    /// A library loaded without its labellers has the linker, the pipeline's file and the character table; loading
    /// them afterwards gives what loading all at once gives, problems included (a broken lexicon and the model that
    /// needs it), each problem once.
    @Test func labellersLoadedLaterAreTheSame() throws {
        let temporary = FileManager.default.temporaryDirectory.appendingPathComponent("argmark-later-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: temporary) }
        try FileManager.default.copyItem(at: ShippedLexicons.modelsDirectory, to: temporary)
        for directory in [ShippedLexicons.modelsDirectory.path, temporary.path] {
            var later = ModelLibrary(directory: directory, labellers: false)
            #expect(later.labellersUnloaded && later.labelers.isEmpty && later.holdsLabellerFiles)
            #expect(later.linkers.count == 1 && later.pipeline != nil && later.characterFolding != nil)
            let registry = PluginRegistry.standard.adding(later)
            #expect(registry.unloadedLabellers != nil && registry.absentDefaultLabelers.isEmpty)
            later.loadLabellers()
            let atOnce = ModelLibrary(directory: directory)
            #expect(!later.labellersUnloaded && PluginRegistry.standard.adding(later).unloadedLabellers == nil)
            #expect(later.labelers.map(\.descriptor.id) == atOnce.labelers.map(\.descriptor.id))
            #expect(later.labelers.map(\.descriptor.fingerprint) == atOnce.labelers.map(\.descriptor.fingerprint))
            #expect(Set(later.problems) == Set(atOnce.problems) && later.problems.count == atOnce.problems.count)
            #expect(later.pipeline == atOnce.pipeline)
            // The second directory gets a broken lexicon for the next round.
            try "应当\tprescription\tx\n".write(to: temporary.appendingPathComponent("cues/zh.tsv"), atomically: true, encoding: .utf8)
        }
        #expect(ModelLibrary(directory: temporary.path).problems.count >= 2)
    }

    /// The shipped models are linear chains; a manifest whose transition table has the wrong shape is reported
    /// as a problem naming the folder, not loaded.
    @Test func shippedModelsAreChainsAndBadTransitionsAreReported() throws {
        for id in ["label.model.zh.v1", "label.model.en.v1"] {
            let model = try #require(Self.registry.labeler(id: id) as? StatisticalLabeler)
            #expect(model.chain != nil, "\(id) has no transitions")
        }
        let temporary = FileManager.default.temporaryDirectory.appendingPathComponent("argmark-chain-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: temporary) }
        try FileManager.default.createDirectory(at: temporary, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: ShippedLexicons.modelsDirectory.appendingPathComponent("cues"), to: temporary.appendingPathComponent("cues"))
        try Self.copyShippedChineseModel(into: temporary) { $0["transitions"] = [[1.0, 2.0]] }
        let library = ModelLibrary(directory: temporary.path)
        #expect(!library.labelers.contains { $0.descriptor.id == "label.model.zh.v1" })
        #expect(library.problems.contains { $0.contains("label.model.zh.v1") && $0.contains("transitions") })
    }

    /// A model copied into `Models/label.model.zh.v1/` from a folder of another name keeps that name in its
    /// manifest; it is reported, not loaded under a name the pipeline never asks for, and the default pipeline
    /// says which of its labellers are absent.
    @Test func aModelNamedOtherwiseIsReportedAndThePipelineSaysWhatIsAbsent() throws {
        let temporary = FileManager.default.temporaryDirectory.appendingPathComponent("argmark-id-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: temporary) }
        try FileManager.default.createDirectory(at: temporary, withIntermediateDirectories: true)
        for file in ["cues", "pipeline.json"] {
            try FileManager.default.copyItem(at: ShippedLexicons.modelsDirectory.appendingPathComponent(file), to: temporary.appendingPathComponent(file))
        }
        try Self.copyShippedChineseModel(into: temporary) { $0["id"] = "model-zh" }
        let library = ModelLibrary(directory: temporary.path)
        #expect(!library.labelers.contains { $0.descriptor.id == "model-zh" || $0.descriptor.id == "label.model.zh.v1" })
        #expect(library.problems.contains { $0.contains("model-zh") && $0.contains("label.model.zh.v1") })
        let registry = PluginRegistry.standard.adding(library)
        #expect(registry.absentDefaultLabelers == ["label.model.zh.v1", "label.model.en.v1"])
        #expect(Self.registry.absentDefaultLabelers.isEmpty)
    }

    /// A run records what labelled, linked and scored the document, with the fingerprint of what each loaded and
    /// each labeller's weight; a model with other weights has another fingerprint under the same id.
    @Test func theRunRecordsItsPluginsAndTheirFingerprints() throws {
        let labelled = try Self.registry.defaultPipeline().run(readText(Self.texts[0]))
        let labels = labelled.plugins.filter { $0.role == .label }
        #expect(labels.map(\.id).contains("label.model.zh.v1") && labels.map(\.id).contains("label.cue.zh.v1"))
        #expect(labels.allSatisfy { $0.fingerprint?.hasPrefix("fnv1a64w:") == true && $0.weight != nil })
        #expect(labels.first { $0.id == "label.cue.zh.v1" }?.weight == 0.75)
        #expect(labelled.plugins.map(\.role) == labels.map(\.role) + [.link, .score])
        // Labelled again without a linker, with other labels: the old tree and its records go.
        let cuesOnly = Pipeline(labelers: [try #require(Self.registry.labeler(id: "label.cue.zh.v1"))])
        let relabelled = try cuesOnly.run(labelled)
        #expect(relabelled.plugins.map(\.id) == ["label.cue.zh.v1"])
        let temporary = FileManager.default.temporaryDirectory.appendingPathComponent("argmark-fingerprint-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: temporary) }
        try FileManager.default.createDirectory(at: temporary, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: ShippedLexicons.modelsDirectory.appendingPathComponent("cues"), to: temporary.appendingPathComponent("cues"))
        try Self.copyShippedChineseModel(into: temporary) { _ in }
        let copy = try #require(ModelLibrary(directory: temporary.path).labelers.first { $0.descriptor.id == "label.model.zh.v1" })
        #expect(copy.descriptor.fingerprint != nil)
        #expect(ModelLibrary(directory: temporary.path).labelers.first { $0.descriptor.id == "label.model.zh.v1" }?.descriptor.fingerprint
            == copy.descriptor.fingerprint)
        try FileManager.default.removeItem(at: temporary.appendingPathComponent("label.model.zh.v1"))
        try Self.copyShippedChineseModel(into: temporary) { $0["transitions"] = Array(repeating: Array(repeating: 0.0, count: 5), count: 5) }
        let changed = try #require(ModelLibrary(directory: temporary.path).labelers.first { $0.descriptor.id == "label.model.zh.v1" })
        #expect(changed.descriptor.fingerprint != copy.descriptor.fingerprint)
    }

    /// A model trained into a folder of its own name (`train --out Models/label.model.zh.mine.v1`) loads beside the
    /// shipped ones under that id, for `--labelers` and pipeline files; one whose folder names the other language
    /// is reported.
    @Test func aModelInAFolderOfItsOwnLoadsUnderItsId() throws {
        let temporary = FileManager.default.temporaryDirectory.appendingPathComponent("argmark-own-model-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: temporary) }
        try FileManager.default.createDirectory(at: temporary, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: ShippedLexicons.modelsDirectory.appendingPathComponent("cues"), to: temporary.appendingPathComponent("cues"))
        try Self.copyShippedChineseModel(into: temporary, folder: "label.model.zh.mine.v1") { $0["id"] = "label.model.zh.mine.v1" }
        try Self.copyShippedChineseModel(into: temporary, folder: "label.model.en.wrong.v1") { $0["id"] = "label.model.en.wrong.v1" }
        // A backup copy and an archive beside them are no model folders.
        try Self.copyShippedChineseModel(into: temporary, folder: "label.model.zh.v1.bak") { _ in }
        try Data("x".utf8).write(to: temporary.appendingPathComponent("label.model.en.v1.tar.gz"))
        let library = ModelLibrary(directory: temporary.path)
        #expect(!library.problems.contains { $0.contains(".bak") || $0.contains("tar.gz") }, "\(library.problems)")
        #expect(library.labelers.contains { $0.descriptor.id == "label.model.zh.mine.v1" }, "\(library.problems)")
        #expect(!library.labelers.contains { $0.descriptor.id == "label.model.en.wrong.v1" })
        #expect(library.problems.contains { $0.contains("label.model.en.wrong.v1") && $0.contains("\"zh\"") })
        let registry = PluginRegistry.standard.adding(library)
        #expect(registry.labeler(id: "label.model.zh.mine.v1") != nil)
    }

    /// A linker whose weights were cut off is reported, not left to link with what is left of them.
    @Test func aCutOffLinkerIsReported() throws {
        let temporary = FileManager.default.temporaryDirectory.appendingPathComponent("argmark-cut-linker-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: temporary) }
        let folder = temporary.appendingPathComponent("link.learned.v1")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let shipped = ShippedLexicons.modelsDirectory.appendingPathComponent("link.learned.v1")
        try FileManager.default.copyItem(at: shipped.appendingPathComponent("manifest.json"), to: folder.appendingPathComponent("manifest.json"))
        let weights = try Data(contentsOf: shipped.appendingPathComponent("weights.tsv"))
        #expect(ModelLibrary(directory: temporary.path).linkers.isEmpty, "no weights yet")
        try weights.write(to: folder.appendingPathComponent("weights.tsv"))
        #expect(ModelLibrary(directory: temporary.path).linkers.count == 1)
        // Windows line ends (a checkout without .gitattributes) are whole lines too.
        try Data(String(decoding: weights, as: UTF8.self).replacingOccurrences(of: "\n", with: "\r\n").utf8).write(to: folder.appendingPathComponent("weights.tsv"))
        #expect(ModelLibrary(directory: temporary.path).linkers.count == 1)
        // And so are classic Mac OS's.
        try Data(String(decoding: weights, as: UTF8.self).replacingOccurrences(of: "\n", with: "\r").utf8).write(to: folder.appendingPathComponent("weights.tsv"))
        #expect(ModelLibrary(directory: temporary.path).linkers.count == 1)
        try weights.prefix(500).write(to: folder.appendingPathComponent("weights.tsv"))
        let cut = ModelLibrary(directory: temporary.path)
        #expect(cut.linkers.isEmpty && cut.problems.contains { $0.contains("weights.tsv ends in the middle of a line") })
        // Cut at a line's end: the manifest's count of weights finds it.
        var manifest = try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("manifest.json"))) as! [String: Any]
        manifest["weightCount"] = weights.split(separator: UInt8(ascii: "\n")).count
        try JSONSerialization.data(withJSONObject: manifest).write(to: folder.appendingPathComponent("manifest.json"))
        let lines = weights.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        try Data(lines.prefix(10).joined(separator: [UInt8(ascii: "\n")]) + [UInt8(ascii: "\n")]).write(to: folder.appendingPathComponent("weights.tsv"))
        let short = ModelLibrary(directory: temporary.path)
        #expect(short.linkers.isEmpty && short.problems.contains { $0.contains("holds 10 weights where manifest.json says") })
    }

    /// The shipped Traditional → simplified table loads and reaches the default pipeline: a Traditional text is
    /// labelled as its simplified form is, and keeps its own characters; a broken table is reported by line.
    @Test func aTraditionalTextIsLabelledAsItsSimplifiedForm() throws {
        let pipeline = Self.registry.defaultPipeline()
        #expect(pipeline.characterFolding != nil)
        let simplified = try pipeline.run(readText(Self.texts[0]))
        let written = "一、引言\n本文認為合作是出路。據統計，貿易額增長了8%。例如，某國加強了對話。各國應當加強合作。\n"
        let traditional = try pipeline.run(readText(written))
        #expect(traditional.units.map(\.annotation.label) == simplified.units.map(\.annotation.label))
        #expect(traditional.units.map(\.text).joined().contains("各國應當加強合作。"))
        let temporary = FileManager.default.temporaryDirectory.appendingPathComponent("argmark-fold-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: temporary) }
        try FileManager.default.createDirectory(at: temporary.appendingPathComponent("fold"), withIntermediateDirectories: true)
        try "應\t应\n當当\n".write(to: temporary.appendingPathComponent("fold/zh-hant.tsv"), atomically: true, encoding: .utf8)
        let library = ModelLibrary(directory: temporary.path)
        #expect(library.characterFolding == nil)
        #expect(library.problems.contains { $0.contains("zh-hant.tsv") && $0.contains("line 2") })
    }

    /// A model trained with a lexicon of the user's own (`train --lexicon cues/zh-mine.tsv`) loads with that lexicon,
    /// which no labeller of the fixed list reads.
    @Test func aModelTrainedWithItsOwnLexiconLoads() throws {
        let temporary = FileManager.default.temporaryDirectory.appendingPathComponent("argmark-own-lexicon-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: temporary) }
        try FileManager.default.createDirectory(at: temporary.appendingPathComponent("cues"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: ShippedLexicons.modelsDirectory.appendingPathComponent("cues/zh.tsv"),
                                         to: temporary.appendingPathComponent("cues/zh-mine.tsv"))
        try Self.copyShippedChineseModel(into: temporary) { $0["lexicon"] = "cues/zh-mine.tsv" }
        let library = ModelLibrary(directory: temporary.path)
        #expect(library.labelers.map(\.descriptor.id) == ["label.model.zh.v1"], "\(library.problems)")
        // A lexicon of its own that is broken is named with its problem.
        try Data("例如\tcase\t1\n".utf8).write(to: temporary.appendingPathComponent("cues/zh-mine.tsv"))
        let broken = ModelLibrary(directory: temporary.path)
        #expect(broken.labelers.isEmpty && broken.problems.contains { $0.contains("zh-mine.tsv did not load") && $0.contains("line 1") })
    }

    /// A cue written in Traditional characters would never fire, as texts are matched folded to simplified ones: it
    /// is named.
    @Test func aTraditionalCueIsNamed() throws {
        let temporary = FileManager.default.temporaryDirectory.appendingPathComponent("argmark-traditional-cue-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: temporary) }
        try FileManager.default.createDirectory(at: temporary.appendingPathComponent("cues"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: temporary.appendingPathComponent("fold"), withIntermediateDirectories: true)
        try Data("应当\tprescription\t1\n繼續實施\tprescription\t1\n".utf8).write(to: temporary.appendingPathComponent("cues/zh.tsv"))
        try Data("繼\t继\n續\t续\n實\t实\n".utf8).write(to: temporary.appendingPathComponent("fold/zh-hant.tsv"))
        let library = ModelLibrary(directory: temporary.path)
        #expect(library.problems.contains { $0.contains("zh.tsv: the cue 繼續實施 is written in Traditional characters") && $0.contains("(继续实施)") })
    }

    /// A lexicon or table saved in another encoding is named as such, not silently left out (the rules that did not
    /// load were explained only by "did not load").
    @Test func aFileInAnotherEncodingIsNamed() throws {
        let temporary = FileManager.default.temporaryDirectory.appendingPathComponent("argmark-encoding-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: temporary) }
        try FileManager.default.createDirectory(at: temporary.appendingPathComponent("cues"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: temporary.appendingPathComponent("fold"), withIntermediateDirectories: true)
        // 例如 in GB18030, and a UTF-16 table with its byte-order mark.
        try Data([0xC0, 0xFD, 0xC8, 0xE7, 0x09, 0x65, 0x78, 0x61, 0x6D, 0x70, 0x6C, 0x65, 0x09, 0x31, 0x0A])
            .write(to: temporary.appendingPathComponent("cues/zh.rules.tsv"))
        try Data([0xFF, 0xFE] + Array("應\t应\n".utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
            .write(to: temporary.appendingPathComponent("fold/zh-hant.tsv"))
        // A UTF-8 lexicon with one stray byte pasted in: its line, not a conversion that would garble the rest; and
        // one emptied by mistake (all but its comments), which would label with no cues and silence the model's cue
        // features.
        try Data(Array("# 规则\n例如\texample\t3.0\n".utf8) + [0xFF] + Array("比如\texample\t3.0\n譬如\texample\t3.0\n".utf8))
            .write(to: temporary.appendingPathComponent("cues/en.rules.tsv"))
        try Data("# ArgMark Chinese cue lexicon\n\n".utf8).write(to: temporary.appendingPathComponent("cues/zh.tsv"))
        let library = ModelLibrary(directory: temporary.path)
        #expect(library.labelers.isEmpty && library.characterFolding == nil)
        #expect(library.problems.contains { $0.contains("zh.rules.tsv: line 1: invalid UTF-8") && $0.contains("iconv -f GB18030") })
        #expect(library.problems.contains { $0.contains("zh-hant.tsv: this is UTF-16 text, not UTF-8") })
        #expect(library.problems.contains { $0.contains("en.rules.tsv: line 3: a byte that is not UTF-8") && $0.contains("do not convert the whole file") })
        #expect(library.problems.contains { $0.contains("zh.tsv: holds no line but comments") })
    }

    @Test(arguments: ids)
    func conforms(_ id: String) throws {
        let labeler = try #require(Self.registry.labeler(id: id))
        #expect(labeler.descriptor.kind == .labeler)
        #expect(!labeler.descriptor.summary.isEmpty)
        #expect(id.range(of: #"\.v\d+$"#, options: .regularExpression) != nil)
        for text in Self.texts {
            let document = try readText(text)
            let first = try labeler.propose(for: document)
            #expect(try labeler.propose(for: document) == first, "\(id) is not deterministic")
            for proposal in first {
                let unit = document.units[proposal.unitIndex]
                #expect(unit.kind == .sentence)
                #expect(labeler.descriptor.languages.contains(unit.language), "\(id) labelled a \(unit.language) sentence")
                #expect(proposal.scores.allSatisfy { (0...1).contains($0.score) })
                #expect(proposal.pluginID == id)
            }
        }
    }

    @Test func humanLabelsAreNeverOverwritten() throws {
        var document = try readText(Self.texts[0])
        document.units[1].annotation = SentenceAnnotation(label: .background, labeledBy: .human("ana"))
        let labelled = try Self.registry.defaultPipeline().run(document)
        #expect(labelled.units[1].annotation == document.units[1].annotation)
        #expect(labelled.units.filter { $0.kind == .sentence }.allSatisfy { $0.annotation.label != nil })
        #expect(labelled.units.allSatisfy { $0.annotation.confidence.map { (0...1).contains($0) } ?? true })
    }

    @Test func theDefaultPipelineLabelsBothLanguages() throws {
        let zh = try Self.registry.defaultPipeline().run(readText(Self.texts[0]))
        #expect(zh.units.compactMap(\.annotation.label) == [.claim, .evidence, .example, .prescription])
        let en = try Self.registry.defaultPipeline().run(readText(Self.texts[1]))
        #expect(en.units.compactMap(\.annotation.label).contains(.example))
        #expect(en.units.first { $0.text == "Regulators should act." }?.annotation.label == .prescription)
    }

    /// A question in a paper is background (a research question); in a short comment it is usually rhetorical,
    /// and the short-text features (trained on CDCP comments and microtexts) read it as an argument.
    @Test func questionsAreReadByGenre() throws {
        let comment = "We argue that audits work. For example, one audit found bias. Regulators should act. Is that enough?\n"
        let reports = (0..<FeatureExtractor.shortTextSentences).map { "In \(2000 + $0), agency \($0) published \(3 * $0) audit reports." }
        let paper = "1. Introduction\n" + comment + "\n2. Method\n" + reports.joined(separator: " ") + "\n"
        let pipeline = Self.registry.defaultPipeline()
        let inPaper = try pipeline.run(readText(paper)).units.first { $0.text == "Is that enough?" }
        let inComment = try pipeline.run(readText(comment)).units.first { $0.text == "Is that enough?" }
        #expect(inPaper?.annotation.label == .background)
        #expect(inComment?.annotation.label != .background)
    }
}
