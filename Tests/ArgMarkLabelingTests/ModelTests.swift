import ArgMarkCore
import ArgMarkPipeline
import ArgMarkText
import Foundation
import Testing

@testable import ArgMarkLabeling
@testable import ArgMarkTraining

func readText(_ text: String) throws -> Document {
    try PlainTextReader().read(ReaderInput(bytes: Array(text.utf8), sourcePath: nil, documentID: "t"))
}

/// A labelled toy corpus: each document has one sentence per label, in different orders.
func toyCorpus() throws -> [Document] {
    let sentences: [(String, ArgumentLabel)] = [
        ("本文认为合作是唯一出路。", .claim), ("据统计，贸易额增长了8%。", .evidence), ("例如，某国加强了对话。", .example),
        ("各国应当加强合作。", .prescription), ("随着技术发展，问题增多。", .background),
        ("因此，规则之争本质上是发展模式之争。", .claim), ("截至2023年，已有40国签署协定。", .evidence),
        ("比如，新加坡推出了数字协定。", .example), ("必须尽快完善规则。", .prescription), ("所谓数字主权，是指数据管辖权。", .background),
    ]
    return try (0..<4).map { shift in
        let rotated = Array(sentences[shift...] + sentences[..<shift])
        var document = try readText(rotated.map(\.0).joined() + "\n")
        for i in document.units.indices {
            document.units[i].annotation.label = rotated.first { $0.0 == document.units[i].text }!.1
            document.units[i].annotation.labeledBy = .human("test")
        }
        return document
    }
}

struct FeatureExtractorTests {
    let extractor = FeatureExtractor(dimensions: 1 << 18, lexicon: ShippedLexicons.zh, language: .zh)

    /// Unit `index`'s shared features in `document`, its features with the genre copy appended, and the copy's
    /// indices; a copy doubles the features.
    func genreCopy(_ document: Document, _ index: Int) -> (shared: FeatureVector, augmented: FeatureVector, copies: Set<Int32>) {
        let shared = extractor.sharedFeatures(for: document)[index]
        let augmented = extractor.features(for: document)[index]
        #expect(augmented.indices.count == 2 * shared.indices.count)
        return (shared, augmented, Set(augmented.indices.suffix(shared.indices.count)))
    }

    /// How many of `copies` the `other` genre's copy of `shared` shares (few: the copies are hashed apart).
    func overlap(_ shared: FeatureVector, _ other: FeatureExtractor.CopyTag, _ copies: Set<Int32>) -> Int {
        var copied = shared
        extractor.augment(&copied, copy: other)
        return Set(copied.indices.suffix(shared.indices.count)).intersection(copies).count
    }

    /// A short text's sentences carry a second, short-text copy of every feature beside the shared ones; a long
    /// document's carry the shared ones only.
    @Test func shortTextsGetAugmentedFeatures() throws {
        let short = try readText("各国应当加强合作。因此，合作是出路。\n")
        let long = try readText("各国应当加强合作。" + String(repeating: "据统计，贸易额增长了8%。", count: FeatureExtractor.shortTextSentences) + "\n")
        let (shared, augmented, copies) = genreCopy(short, 0)
        #expect(Array(augmented.indices.prefix(shared.indices.count)) == shared.indices)
        #expect(Array(augmented.values.suffix(shared.values.count)) == shared.values)
        #expect(copies.intersection(shared.indices).count < copies.count / 10)
        #expect(extractor.features(for: long)[0].indices == extractor.sharedFeatures(for: long)[0].indices)
    }

    /// A work report (by its title or its address to the congress) gets a second, work-report copy of every
    /// feature, apart from the short-text copy; the same body under another title, and an English model's
    /// document, get the shared features only.
    @Test func workReportsGetAugmentedFeatures() throws {
        let body = String(repeating: "推动高质量发展。", count: FeatureExtractor.shortTextSentences + 1)
        let report = try readText("政府工作报告\n\n\(body)\n")
        let other = try readText("关于数字贸易规则的报告\n\n\(body)\n")
        #expect(FeatureExtractor.isWorkReport(report, language: .zh))
        #expect(FeatureExtractor.isWorkReport(try readText("各位代表：\n\n\(body)\n"), language: .zh))
        // A five-year plan's outline sets targets and tasks in the same bare verbs.
        #expect(FeatureExtractor.isWorkReport(try readText("澜平省国民经济和社会发展第十五个五年规划\n\n\(body)\n"), language: .zh))
        // So does a directive (关于…的意见 / 通知); an article about one does not.
        #expect(FeatureExtractor.isWorkReport(try readText("国务院办公厅关于进一步优化支付服务提升支付便利性的意见\n\n\(body)\n"), language: .zh))
        #expect(!FeatureExtractor.isWorkReport(try readText("关于数字贸易规则的几点思考\n\n\(body)\n"), language: .zh))
        // A local plan named by its form, its years in brackets after it; a study of such plans is no plan.
        for title in ["江东市推进数字政府建设实施方案（2024—2026年）", "江东市推进数字政府建设实施方案(2024-2026年)", "青澜市优化营商环境三年行动计划", "2024年全市数字经济工作要点"] {
            #expect(FeatureExtractor.isWorkReport(try readText("\(title)\n\n\(body)\n"), language: .zh), "\(title)")
        }
        #expect(!FeatureExtractor.isWorkReport(try readText("地方政府实施方案的文本分析（2015—2023年）研究\n\n\(body)\n"), language: .zh))
        #expect(!FeatureExtractor.isWorkReport(try readText("理性看待各地竞相出台的三年行动计划\n\n\(body)\n"), language: .zh))
        #expect(!FeatureExtractor.isWorkReport(try readText("中国五年规划的制度逻辑\n\n\(body)\n"), language: .zh))
        #expect(!FeatureExtractor.isWorkReport(other, language: .zh))
        #expect(!FeatureExtractor.isWorkReport(report, language: .en))
        let sentence = try #require(report.units.firstIndex { $0.kind == .sentence })
        let (shared, augmented, copies) = genreCopy(report, sentence)
        #expect(Array(augmented.indices.prefix(shared.indices.count)) == shared.indices)
        #expect(Array(augmented.values.suffix(shared.values.count)) == shared.values)
        #expect(copies.intersection(shared.indices).count < copies.count / 10)
        #expect(overlap(shared, .shortText, copies) < copies.count / 10)
        let otherSentence = try #require(other.units.firstIndex { $0.kind == .sentence })
        #expect(extractor.features(for: other)[otherSentence].indices == extractor.sharedFeatures(for: other)[otherSentence].indices)
    }

    /// A point-by-point rebuttal (谬误N： or 谎言N： … 事实真相： …) gets its own copy of every feature, hashed apart
    /// from the work-report and short-text copies; one 谬误 line or an English text does not make one.
    @Test func pointByPointRebuttalsGetAugmentedFeatures() throws {
        let body = String(repeating: "美方的做法损害了多边贸易体制。", count: FeatureExtractor.shortTextSentences)
        let rebuttal = try readText("美方所谓“去风险”的事实真相\n\n谬误1：美方称其不针对中国。\n\n事实真相：\(body)\n\n谬误2：美方称其维护公平竞争。\n")
        let single = try readText("关于贸易规则的评论\n\n谬误1：美方称其不针对中国。\n\n\(body)\n")
        #expect(FeatureExtractor.isPointByPointRebuttal(rebuttal, language: .zh))
        #expect(!FeatureExtractor.isPointByPointRebuttal(rebuttal, language: .en))
        #expect(!FeatureExtractor.isPointByPointRebuttal(single, language: .zh))
        let lies = try readText("涉疆谎言与事实真相\n\n谎言一：新疆存在“强迫劳动”。\n\n事实真相：\(body)\n\n谎言二：新疆的宗教自由受到限制。\n")
        #expect(FeatureExtractor.isPointByPointRebuttal(lies, language: .zh))
        let sentence = try #require(rebuttal.units.lastIndex { $0.kind == .sentence })
        let (shared, _, copies) = genreCopy(rebuttal, sentence)
        #expect(overlap(shared, .workReport, copies) < copies.count / 10)
        let singleSentence = try #require(single.units.lastIndex { $0.kind == .sentence })
        #expect(extractor.features(for: single)[singleSentence].indices == extractor.sharedFeatures(for: single)[singleSentence].indices)
    }

    /// A Chinese text set with ASCII punctuation (因此, … (一) … ?) has its full-width form's features, so a model
    /// trained on full-width text reads a journal export alike, and one with full-width letters (ＧＤＰ) or spaces
    /// beside Latin (GDP 增长) its plain form's; an English one with typographic apostrophes (don’t) its typed form's.
    @Test func foldedPunctuationGivesTheSameFeatures() throws {
        let fullWidth = "一、对策\n（一）各国应当加强合作：据统计，贸易额增长了8%；因此，规则之争本质上是发展模式之争。如何找到平衡？\n"
        let ascii = "一、对策\n(一)各国应当加强合作:据统计,贸易额增长了8%;因此,规则之争本质上是发展模式之争。如何找到平衡?\n"
        let a = extractor.features(for: try readText(ascii))
        let b = extractor.features(for: try readText(fullWidth))
        #expect(a.count == b.count && a.contains { !$0.indices.isEmpty })
        #expect(a.map(\.indices) == b.map(\.indices))
        #expect(a.map(\.values) == b.map(\.values))
        let fullWidthLetters = extractor.features(for: try readText("ＧＤＰ增长２%，ＷＴＯ改革陷入僵局。\n"))
        let asciiLetters = extractor.features(for: try readText("GDP增长2%，WTO改革陷入僵局。\n"))
        #expect(fullWidthLetters.map(\.indices) == asciiLetters.map(\.indices))
        let spaced = extractor.features(for: try readText("GDP 增长 2%，WTO 改革陷入僵局。\n"))
        #expect(spaced.map(\.indices) == asciiLetters.map(\.indices))
        let english = FeatureExtractor(dimensions: 1 << 18, lexicon: ShippedLexicons.en, language: .en)
        let typed = english.features(for: try readText("The agency's rules don't apply. Congress shouldn't wait.\n"))
        let typeset = english.features(for: try readText("The agency\u{2019}s rules don\u{2019}t apply. Congress shouldn\u{2019}t wait.\n"))
        #expect(typed.map(\.indices) == typeset.map(\.indices))
    }

    /// A long sentence's n-grams are scaled down so that their sum of squares stays that of a sentence of typical
    /// length (its cues and structure are not outvoted by its length); a sentence up to that length keeps them whole.
    @Test func longSentencesHaveTheirNGramsScaledDown() throws {
        let typical = FeatureExtractor.typicalChineseCharacters
        let call = "美方应放弃冷战思维"
        let long = call + String(repeating: "把承诺落到实处", count: 2 * typical / 7) + "。"
        let short = call + "。"
        // Vectors open with the bias, then the first character's unigram (0.5) and bigram (1).
        let longVector = try #require(extractor.features(for: try readText(long + "\n")).first { !$0.indices.isEmpty })
        let shortVector = try #require(extractor.features(for: try readText(short + "\n")).first { !$0.indices.isEmpty })
        let n = long.unicodeScalars.count
        #expect(n > typical)
        let scale = Float((Double(typical) / Double(n)).squareRoot())
        #expect(Array(longVector.values[1...2]) == [0.5 * scale, scale])
        #expect(Array(shortVector.values[1...2]) == [0.5, 1])
        // The n-grams of the long sentence weigh what those of a sentence of typical length weigh.
        let grams = 3 * n - 3
        let squares = Double(n) * Double(0.5 * scale) * Double(0.5 * scale) + Double(grams - n) * Double(scale * scale)
        let typicalSquares = Double(typical) * 0.25 + Double(2 * typical - 3)
        #expect(abs(squares - typicalSquares) < 0.02 * typicalSquares)  // up to the n-grams a sentence's ends lack
        let english = FeatureExtractor(dimensions: 1 << 18, lexicon: ShippedLexicons.en, language: .en)
        let words = FeatureExtractor.typicalEnglishWords
        let longEnglish = "Congress should act " + String(repeating: "on the many reforms ", count: words / 2) + "now."
        let scaled = try #require(english.features(for: try readText(longEnglish + "\n")).first { !$0.indices.isEmpty })
        let wordCount = longEnglish.split(separator: " ").count
        #expect(scaled.values[1] == Float((Double(words) / Double(wordCount)).squareRoot()))
        #expect(try #require(english.features(for: try readText("Congress should act now.\n")).first { !$0.indices.isEmpty }).values[1] == 1)
    }

    /// A figure or a table set between the paragraphs changes no sentence's features: captions are in no position
    /// the features count (paragraph place in the section, place in the document).
    @Test func captionsChangeNoFeatures() throws {
        let paragraphs = ["一、问题", "各国应当加强合作。据统计，贸易额增长了8%。", "因此，规则之争本质上是发展模式之争。", "例如，某国在2020年出台了新法。", "二、对策", "政府需要加强统计。"]
        let plain = try readText(paragraphs.joined(separator: "\n") + "\n")
        var withFigures = paragraphs
        withFigures.insert(contentsOf: ["表1 主要指标", "指标 2019年 2023年", "出口额 12.5 18.3", "资料来源：作者整理。"], at: 2)
        withFigures.insert("图1 各国立场示意图", at: 8)
        let figured = try readText(withFigures.joined(separator: "\n") + "\n")
        #expect(figured.units.count { $0.kind == .caption } == 5)
        let a = extractor.features(for: plain).enumerated().filter { plain.units[$0.offset].kind == .sentence }.map(\.element)
        let b = extractor.features(for: figured).enumerated().filter { figured.units[$0.offset].kind == .sentence }.map(\.element)
        #expect(a.count == 5 && a.map(\.indices) == b.map(\.indices))
        #expect(a.map(\.values) == b.map(\.values))
    }

    /// The same sentence reads differently in an expository section (no cues around it) and in an argued one.
    @Test func sectionsCarryTheirShareOfCues() throws {
        let sentence = "这一机制由三个部分组成。"
        let expository = try readText("一、概念\n\(sentence)数据在各层之间传递。每一层有各自的协议。\n")
        let argued = try readText("一、对策\n\(sentence)各国应当加强合作。因此，规则之争本质上是发展模式之争。\n")
        let inExpository = Set(extractor.features(for: expository).first { !$0.indices.isEmpty }!.indices)
        let inArgued = Set(extractor.features(for: argued).first { !$0.indices.isEmpty }!.indices)
        var noPrescription = FeatureHash(14)
        noPrescription.mix("prescription0")
        #expect(inExpository.contains(noPrescription.index(1 << 18)))
        #expect(!inArgued.contains(noPrescription.index(1 << 18)))
    }

    /// The order of cue labels inside a sentence is a feature: a call someone reported (强调要…) reads evidence
    /// then prescription, the author's own call prescription alone.
    @Test func cueOrderIsAFeature() throws {
        let reported = extractor.features(for: try readText("东盟国家表示，要和平，不要对抗。\n"))[0]
        let own = extractor.features(for: try readText("我们要和平，不要对抗。\n"))[0]
        var pair = FeatureHash(12)
        pair.mix("evidence>prescription")
        let index = pair.index(1 << 18)
        #expect(reported.indices.contains(index))
        #expect(!own.indices.contains(index))
    }
}

struct ModelTests {
    func trainer() -> Trainer {
        var settings = TrainingSettings(language: .zh)
        settings.dimensions = 1 << 14
        return Trainer(settings: settings, lexicon: ShippedLexicons.zh)
    }

    @Test func trainingIsDeterministicAndLearnsTheToyCorpus() throws {
        let documents = try toyCorpus().map { trainer().prepare($0, weight: 1) }
        let a = trainer().train(documents)
        let b = trainer().train(documents)
        #expect(a.stage1.weights == b.stage1.weights)
        let probabilities = a.probabilities(documents[0], extractor: trainer().extractor)
        for (n, gold) in documents[0].labels.enumerated() {
            let p = probabilities[n]
            #expect(p.indices.max { p[$0] < p[$1] } == gold)
            #expect(abs(p.reduce(0, +) - 1) < 1e-9)
        }
    }

    @Test func averagedShufflesAreDeterministicAndStillLearn() throws {
        var one = trainer()
        one.settings.shuffles = 1
        var three = trainer()
        three.settings.shuffles = 3
        let documents = try toyCorpus().map { one.prepare($0, weight: 1) }
        let single = one.train(documents).stage1
        let averaged = three.train(documents).stage1
        #expect(averaged.weights == three.train(documents).stage1.weights)
        #expect(averaged.weights != single.weights)
        for document in documents {
            for (n, gold) in document.labels.enumerated() {
                let p = averaged.probabilities(document.vectors[n])
                #expect(p.indices.max { p[$0] < p[$1] } == gold)
            }
        }
    }

    @Test func stackedStageTrainsAndPredicts() throws {
        var t = trainer()
        t.settings.stacked = true
        let documents = try toyCorpus().map { t.prepare($0, weight: 1) }
        let model = t.train(documents)
        #expect(model.stage2 != nil)
        #expect(model.probabilities(documents[1], extractor: t.extractor).count == documents[1].labels.count)
    }

    /// The labeller scores each sentence as its features are built and lets them go; its probabilities must be
    /// those of the whole-document path that training and cross-validation label through — for a plain and a
    /// chain model, in a work report (whose features get a genre copy) with several paragraphs and an English
    /// sentence the Chinese model leaves alone.
    @Test func labellerScoresAsTrainingDoes() throws {
        let report = try readText(
            "政府工作报告\n\n各位代表：\n\n过去一年，经济增长5%。例如，某省新建学校20所。\n\n"
                + "今年要推动高质量发展。因此，必须加强合作。\n\nThe government must act now on these reforms. This is what the report argues.\n\n"
                + "随着技术发展，问题增多。\n")
        for chain in [false, true] {
            var t = trainer()
            t.settings.chain = chain
            let model = t.train(try toyCorpus().map { t.prepare($0, weight: 1) })
            let manifest = ModelManifest(
                id: "label.model.zh.test", version: 1, language: "zh", labels: model.stage1.labels.map(\.rawValue),
                dimensions: model.stage1.dimensions, featureSet: "test", featureVersion: FeatureExtractor.version, lexicon: "zh.tsv",
                seed: 1, epochs: 1, l2: 0, transitions: model.chain?.rows, trainingData: [], scores: [:], summary: "test")
            let labeler = StatisticalLabeler(manifest: manifest, model: model.stage1, chain: model.chain, lexicon: ShippedLexicons.zh)
            let proposals = labeler.propose(for: report)
            let frame = t.extractor.frame(for: report)
            let expected = model.probabilities(t.prepare(report, weight: 1), extractor: t.extractor)
            #expect(proposals.map(\.unitIndex) == frame.units)
            #expect(proposals.count == expected.count)
            #expect(report.units.contains { $0.kind == .sentence && $0.language == .en })
            #expect(!frame.units.contains { report.units[$0].language == .en })
            for (proposal, p) in zip(proposals, expected) {
                #expect(model.stage1.labels.enumerated().map { proposal.scores[$1]! } == p)
            }
        }
    }

    @Test func weightsRoundTripAndCorruptionIsReported() throws {
        let model = trainer().train(try toyCorpus().map { trainer().prepare($0, weight: 1) }).stage1
        let bytes = model.serialized()
        let back = try LinearModel(serialized: bytes, labels: model.labels)
        #expect(back.weights == model.weights)
        #expect(throws: ModelError.self) { try LinearModel(serialized: Array(bytes.dropLast(3)), labels: model.labels) }
        #expect(throws: ModelError.self) { try LinearModel(serialized: Array("nope".utf8), labels: model.labels) }
        // Read from the file's bytes as loaded, without a copy.
        #expect(try LinearModel(serialized: Data(bytes), labels: model.labels).weights == model.weights)
        // A header cut short, and a row index past the model's dimensions (the first row's index is at byte 20).
        #expect(throws: ModelError.self) { try LinearModel(serialized: Array(bytes.prefix(12)), labels: model.labels) }
        var outOfRange = bytes
        withUnsafeBytes(of: UInt32(model.dimensions).littleEndian) { outOfRange.replaceSubrange(20..<24, with: $0) }
        #expect {
            try LinearModel(serialized: outOfRange, labels: model.labels)
        } throws: { error in
            "\(error)".contains("row \(model.dimensions) out of range")
        }
    }

    @Test func leaveOneDocumentOutScoresEveryHeldOutDocument() throws {
        let corpus = try toyCorpus()
        let documents = corpus.enumerated().map { WeightedDocument(gold: GoldDocument(source: "toy", document: $1), weight: 1, heldOut: $0 < 2) }
        let result = CrossValidation.leaveOneDocumentOut(documents, trainer: trainer())
        #expect(result.perDocument.count == 2)
        #expect(result.pooled.total == 20)
        #expect(result.pooled.accuracy > 0.8)
    }

    /// K folds score every held-out document once, by a model trained without its fold; K at least the number of
    /// held-out documents is leave-one-document-out.
    @Test func foldsScoreEveryHeldOutDocumentOnce() throws {
        let corpus = try toyCorpus()
        let documents = corpus.enumerated().map { WeightedDocument(gold: GoldDocument(source: "toy", document: $1), weight: 1, heldOut: $0 < 3) }
        let lodo = CrossValidation.leaveOneDocumentOut(documents, trainer: trainer())
        let twoFolds = CrossValidation.leaveOneDocumentOut(documents, trainer: trainer(), folds: 2)
        #expect(twoFolds.perDocument.map(\.name) == lodo.perDocument.map(\.name))
        #expect(twoFolds.pooled.total == lodo.pooled.total)
        let many = CrossValidation.leaveOneDocumentOut(documents, trainer: trainer(), folds: 10)
        #expect(many.labelled == lodo.labelled)
    }

    /// Annotating a sentence table reads it as training reads it: the same units, texts, languages and sections
    /// (a heading row after a sentence cut off mid-way is a fragment one level down, in both).
    @Test func aSentenceTableReadsAsTrainingReadsIt() throws {
        let sentences = "id\tpara\tkind\ttext\ns1\tp1\tHEAD\t一、总体要求\ns2\tp2\tS\t今年要推动\ns3\tp3\tHEAD\t区域全面经济伙伴关系协定\ns4\tp4\tS\t生效实施。\ns5\tp5\tHEAD\t二、重点任务\ns6\tp6\tS\tWe argue this.\n"
        let gold = "id\tlabel\tparent\trelation\ns1\t-\t-\t-\ns2\tprescription\t-\t-\ns3\t-\t-\t-\ns4\tevidence\t-\t-\ns5\t-\t-\t-\ns6\tclaim\t-\t-\n"
        let trained = try TrainingCorpus.pairDocument(sentences: sentences, gold: gold, path: "t_gold.tsv", keepingTableIDs: true)
        let read = try SentenceTableReader().read(ReaderInput(bytes: Array(sentences.utf8), sourcePath: nil, documentID: "t"))
        #expect(read.units.map(\.id) == trained.units.map(\.id) && read.units.map(\.text) == trained.units.map(\.text))
        #expect(read.units.map(\.language) == trained.units.map(\.language) && read.units.map(\.section) == trained.units.map(\.section))
        #expect(read.sections.map(\.level) == trained.sections.map(\.level) && read.sections.map(\.parent) == trained.sections.map(\.parent))
        #expect(read.sections.map(\.level) == [1, 2, 1])
    }

    /// Training refuses what it would otherwise leave out without a word: a sentence table whose labels are not
    /// beside it in a data directory, and a label on a heading's row.
    @Test func trainingDataItCannotUseIsRefused() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("argmark-lone-table-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try "id\tpara\tkind\ttext\ns1\tp1\tS\t本文认为合作是出路。\n".write(
            to: directory.appendingPathComponent("lone_sentences.tsv"), atomically: true, encoding: .utf8)
        #expect { try TrainingCorpus.load(directory.path) } throws: { error in
            (error as? TrainingDataError)?.message.contains("lone_gold.tsv is not beside it") == true
        }
        #expect { try TrainingCorpus.pairDocument(
            sentences: "id\tpara\tkind\ttext\ns1\tp1\tHEAD\t一、总体要求\ns2\tp2\tS\t今年要推动改革。\n",
            gold: "id\tlabel\tparent\trelation\ns1\tclaim\t-\t-\ns2\tprescription\t-\t-\n", path: "h_gold.tsv")
        } throws: { error in
            (error as? TrainingDataError)?.message.contains("line 2: sentence s1 is a heading (kind HEAD) labelled 'claim'") == true
        }
    }

    @Test func trainingCorpusFormats() throws {
        let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
        let pair = try TrainingCorpus.load(fixtures.appendingPathComponent("tiny_gold.tsv").path)
        #expect(pair.count == 1)
        let document = pair[0].document
        #expect(document.units.map(\.kind) == [.heading, .sentence, .sentence, .sentence, .sentence, .sentence])
        #expect(document.units.compactMap(\.annotation.label) == [.claim, .evidence, .example, .prescription, .background])
        #expect(document.units[2].annotation.parent == "s2" && document.units[2].annotation.relation == .support)
        #expect(document.paragraphs.count == 3)
        #expect(document.validate().isEmpty)
        // For eval, the table's own ids: parents follow, numbers become s-numbers as the table reader makes them.
        let skipping = try TrainingCorpus.pairDocument(
            sentences: "id\tpara\tkind\ttext\n1\tp1\tS\t本文认为合作是出路。\n3\tp1\tS\t据统计，贸易增长了。\n",
            gold: "id\tlabel\tparent\trelation\n1\tclaim\tROOT\t-\n3\tevidence\t1\tsupport\n", path: "k_gold.tsv", keepingTableIDs: true)
        #expect(skipping.units.map(\.id) == ["s1", "s3"] && skipping.units[1].annotation.parent == "s1")
        #expect(skipping.validate().isEmpty)
        #expect(try TrainingCorpus.load(fixtures.appendingPathComponent("tiny_gold.tsv").path, keepingTableIDs: true)[0].document.units.map(\.id) == document.units.map(\.id))
        let corpus = try TrainingCorpus.load(fixtures.appendingPathComponent("corpus.train.tsv").path)
        #expect(corpus.map(\.document.id) == ["d1", "d2"])
        let keeping = try TrainingCorpus.corpusDocuments("doc_id\tunit_id\ttext\tlabel\nd1\t4\tA claim.\tclaim\nd1\tu7\tA fact.\tevidence\n", path: "c.tsv", keepingTableIDs: true)
        #expect(keeping.first?.document.units.map(\.id) == ["s4", "u7"])
        // A corpus table's links (parent_unit_id, relation) are read, ROOT marks the thesis even after an unlinked
        // claim (as in CDCP), and links that make no tree leave that document without one.
        let linked = try TrainingCorpus.corpusDocuments("""
            doc_id\tunit_id\ttext\tlabel\tparent_unit_id\trelation
            d1\ts1\tA side remark.\tclaim\t-\t-
            d1\ts2\tWe should act.\tprescription\tROOT\t-
            d1\ts3\tCosts rose 8%.\tevidence\ts2\tsupport
            d2\ts1\tA claim.\tclaim\ts2\tsupport
            d2\ts2\tAnother.\tclaim\ts1\tsupport

            """, path: "c.tsv", keepingTableIDs: true)
        let first = linked[0].document
        #expect(first.units.map(\.annotation.parent) == [nil, nil, "s2"] && first.units[2].annotation.relation == .support)
        #expect(first.units.map(\.annotation.isThesis) == [false, true, false])
        #expect(linked[1].document.units.allSatisfy { $0.annotation.parent == nil } && linked[1].document.units[1].annotation.label == .claim)
        #expect(corpus[0].document.units.compactMap(\.annotation.label) == [.claim, .example])
        #expect(throws: TrainingDataError.self) { try TrainingCorpus.load(fixtures.appendingPathComponent("missing.tsv").path) }
    }

    /// A gold file is paired with its sentences by id: sorted or edited by hand, it keeps its labels on their
    /// sentences, and a missing, stray or repeated id is an error naming it. A directory reached through a symbolic
    /// link is walked; Windows line ends are line ends.
    @Test func goldRowsPairBySentenceIDAndFilesMayComeFromWindows() throws {
        let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
        let sentences = try String(contentsOf: fixtures.appendingPathComponent("tiny_sentences.tsv"), encoding: .utf8)
        let gold = try String(contentsOf: fixtures.appendingPathComponent("tiny_gold.tsv"), encoding: .utf8)
        let lines = gold.split(separator: "\n")
        let sorted = ([lines[0]] + lines.dropFirst().sorted { $0 > $1 }).joined(separator: "\n") + "\n"
        let expected = try TrainingCorpus.pairDocument(sentences: sentences, gold: gold, path: "t_gold.tsv")
        let fromSorted = try TrainingCorpus.pairDocument(sentences: sentences, gold: sorted, path: "t_gold.tsv")
        #expect(fromSorted.units.map(\.annotation) == expected.units.map(\.annotation))
        let crlf = try TrainingCorpus.pairDocument(
            sentences: sentences.replacingOccurrences(of: "\n", with: "\r\n"), gold: "\u{FEFF}" + gold.replacingOccurrences(of: "\n", with: "\r\n"), path: "t_gold.tsv")
        #expect(crlf.units.map(\.annotation) == expected.units.map(\.annotation) && crlf.units.map(\.text) == expected.units.map(\.text))
        func refusal(_ gold: String) -> String {
            do { _ = try TrainingCorpus.pairDocument(sentences: sentences, gold: gold, path: "t_gold.tsv"); return "" } catch { return error.description }
        }
        #expect(refusal(gold.replacingOccurrences(of: "s4\texample\ts2\tsupport\n", with: "")).contains("no gold row for sentence s4"))
        #expect(refusal(gold.replacingOccurrences(of: "s4\texample", with: "s99\texample")).contains("no gold row for sentence s4"))
        #expect(refusal(gold + "s99\tclaim\ts2\tsupport\n").contains("line 8: sentence s99 is not in t_sentences.tsv"))
        #expect(refusal(gold + "s4\tclaim\ts2\tsupport\n").contains("line 8: sentence s4 has a gold row already (line 5)"))
        // Ids that skip (s1, s3) or carry a stray space pair, and parents follow the sentences renumbered in order;
        // classic Mac line ends are line ends.
        let skipping = try TrainingCorpus.pairDocument(
            sentences: "id\tpara\tkind\ttext\rs1\tp1\tS\t本文认为合作是出路。\rs3\tp1\tS\t据统计，贸易增长了。\r",
            gold: "id\tlabel\tparent\trelation\ns1 \tclaim\tROOT\t-\ns3\tevidence\ts1 \tsupport\n", path: "k_gold.tsv")
        #expect(skipping.units.map(\.id) == ["s1", "s2"] && skipping.units[1].annotation.parent == "s1")
        // A relation with a stray space is the relation; a parent that is a heading, the sentence itself or a cycle
        // is an error naming the source's line and id.
        #expect(try TrainingCorpus.pairDocument(sentences: sentences, gold: gold.replacingOccurrences(of: "s3\tevidence\ts2\tsupport", with: "s3\tevidence\ts2\tsupport "), path: "t_gold.tsv").units[2].annotation.relation == .support)
        #expect(refusal(gold.replacingOccurrences(of: "s3\tevidence\ts2", with: "s3\tevidence\ts1")).contains("line 4: sentence s3 names the parent s1, a heading"))
        #expect(refusal(gold.replacingOccurrences(of: "s3\tevidence\ts2", with: "s3\tevidence\ts3")).contains("line 4: sentence s3 names the parent s3, itself"))
        #expect(refusal(gold.replacingOccurrences(of: "s2\tclaim\tROOT\t-", with: "s2\tclaim\ts3\tsupport")).contains("is its own ancestor"))
        let corpus = try TrainingCorpus.corpusDocuments("doc_id\ttext\tlabel\r\nd1\tA claim.\tclaim\r\n", path: "c.tsv")
        #expect(corpus.first?.document.units.first?.annotation.label == .claim)
        #expect(throws: TrainingDataError.self) { try TrainingCorpus.corpusDocuments("doc_id\ttext\tlabel\nd1\tNo label.\n", path: "c.tsv") }

        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("argmark-corpus-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("data"), withIntermediateDirectories: true)
        for name in ["tiny_gold.tsv", "tiny_sentences.tsv"] {
            try FileManager.default.copyItem(at: fixtures.appendingPathComponent(name), to: directory.appendingPathComponent("data/\(name)"))
        }
        try FileManager.default.createSymbolicLink(atPath: directory.appendingPathComponent("link").path, withDestinationPath: "data")
        #expect(try TrainingCorpus.load(directory.appendingPathComponent("link").path).count == 1)
        #expect(try TrainingCorpus.load(directory.appendingPathComponent("link").path + "/").count == 1)
    }

    /// A misspelt label is an error naming the file and line, not a sentence silently left unlabelled; a header
    /// with no rows is said to be one.
    @Test func trainingDataWithAMisspeltLabelIsRefused() throws {
        let corpus = "doc_id\ttext\tlabel\nd1\tA claim.\tclaim\nd1\tA typo.\tprescripton\n"
        #expect {
            try TrainingCorpus.corpusDocuments(corpus, path: "c.train.tsv")
        } throws: { error in
            (error as? TrainingDataError)?.description.contains("c.train.tsv: line 3: unknown label 'prescripton'") == true
        }
        // A stray space after a label is forgiven.
        #expect(try TrainingCorpus.corpusDocuments("doc_id\ttext\tlabel\nd1\tA claim.\tclaim \n", path: "c.tsv")[0].document.units[0].annotation.label == .claim)
        #expect {
            try TrainingCorpus.corpusDocuments("doc_id\ttext\tlabel\n", path: "h.tsv")
        } throws: { error in
            (error as? TrainingDataError)?.message == "has a header but no rows"
        }
    }
}

struct LabelChainTests {
    /// Exact marginals by enumerating every labelling of a short chain.
    func bruteForce(_ scores: [[Double]], _ chain: LabelChain) -> [[Double]] {
        let k = chain.count
        var marginals = [[Double]](repeating: [Double](repeating: 0, count: k), count: scores.count)
        var total = 0.0
        var labels = [Int](repeating: 0, count: scores.count)
        func visit(_ i: Int) {
            if i == scores.count {
                var score = 0.0
                for (n, label) in labels.enumerated() {
                    score += scores[n][label]
                    if n > 0 { score += chain.transitions[labels[n - 1] * k + label] }
                }
                let weight = exp(score)
                total += weight
                for (n, label) in labels.enumerated() { marginals[n][label] += weight }
                return
            }
            for label in 0..<k {
                labels[i] = label
                visit(i + 1)
            }
        }
        visit(0)
        return marginals.map { $0.map { $0 / total } }
    }

    @Test func forwardBackwardMatchesEnumeration() {
        let chain = LabelChain(count: 3, transitions: [0.5, -1, 0.2, 0, 1.5, -0.3, -2, 0.1, 0.7])
        let scores: [[Double]] = [[1, 0, -1], [0.2, 0.3, 0.1], [-0.5, 2, 0], [0, 0, 0]]
        let exact = bruteForce(scores, chain)
        let computed = chain.posterior(scores[...]).marginals
        for (a, b) in zip(exact.joined(), computed.joined()) { #expect(abs(a - b) < 1e-9) }
        // Pair marginals sum to the single marginals on either side.
        #expect(chain.posterior(scores[...], pairs: false).pairs.isEmpty)
        let pairs = chain.posterior(scores[...]).pairs
        for i in 1..<scores.count {
            for b in 0..<3 {
                let summed = (0..<3).reduce(0.0) { $0 + pairs[i - 1][$1 * 3 + b] }
                #expect(abs(summed - computed[i][b]) < 1e-9)
            }
        }
    }

    @Test func zeroTransitionsGiveEachSentencesOwnSoftmax() {
        let chain = LabelChain(count: 2)
        let marginals = chain.marginals(scores: [[0, log(3)], [log(4), 0]], previous: [nil, 0])
        #expect(abs(marginals[0][1] - 0.75) < 1e-12)
        #expect(abs(marginals[1][0] - 0.8) < 1e-12)
    }

    @Test func tableRowsRoundTrip() throws {
        let chain = try #require(LabelChain(rows: [[1, 2], [3, 4]]))
        #expect(chain.transitions == [1, 2, 3, 4] && chain.rows == [[1, 2], [3, 4]])
        #expect(LabelChain(rows: [[1, 2], [3]]) == nil)
        #expect(LabelChain(rows: [[1, .nan], [3, 4]]) == nil)
    }

    @Test func chainsFollowParagraphs() {
        #expect(LabelChain.chains(previous: [nil, 0, 1, nil, nil, 4]) == [0..<3, 3..<4, 4..<6])
        #expect(LabelChain.chains(previous: []).isEmpty)
    }

    /// A sentence without a cue of its own (该国随后继续推进。) takes the label of the case it continues: the
    /// chain learns that an example is followed by an example and evidence by evidence.
    @Test func chainTrainingLearnsThatACaseGoesOn() throws {
        var settings = TrainingSettings(language: .zh)
        settings.dimensions = 1 << 14
        settings.chain = true
        settings.shuffles = 2
        let trainer = Trainer(settings: settings, lexicon: ShippedLexicons.zh)
        let continuation = "该国随后继续推进。"
        let paragraphs: [(String, ArgumentLabel)] = [
            ("例如，某国加强了对话。", .example), ("据统计，贸易额增长了8%。", .evidence),
            ("比如，新加坡推出了数字协定。", .example), ("截至2023年，已有40国签署协定。", .evidence),
        ]
        var documents: [PreparedDocument] = []
        for round in 0..<3 {
            var document = try readText(paragraphs.map { $0.0 + continuation }.joined(separator: "\n") + "\n")
            for i in document.units.indices {
                let paragraph = paragraphs[(document.units.filter { $0.kind == .sentence }.firstIndex { $0.id == document.units[i].id }!) / 2]
                document.units[i].annotation.label = paragraph.1
            }
            document.id = "d\(round)"
            documents.append(trainer.prepare(document, weight: 1))
        }
        let model = trainer.train(documents)
        let chain = try #require(model.chain)
        let example = ArgumentLabel.allCases.firstIndex(of: .example)!
        let evidence = ArgumentLabel.allCases.firstIndex(of: .evidence)!
        #expect(chain.transitions[example * 5 + example] > chain.transitions[evidence * 5 + example])
        #expect(chain.transitions[evidence * 5 + evidence] > chain.transitions[example * 5 + evidence])
        let probabilities = model.probabilities(documents[0], extractor: trainer.extractor)
        for (n, gold) in documents[0].labels.enumerated() {
            let p = probabilities[n]
            #expect(p.indices.max { p[$0] < p[$1] } == gold)
            #expect(abs(p.reduce(0, +) - 1) < 1e-9)
        }
        #expect(model.stage1.weights == trainer.train(documents).stage1.weights)
    }
}

/// A manifest's licence comes from the corpus's own name, never from a name that only contains one.
struct LicenceCatalogTests {
    @Test(arguments: [
        ("../shared/data/en/cdcp.train.tsv", "ODbL"), ("../shared/data/en/microtexts.train.tsv", "CC BY-NC-SA 4.0"),
        ("/tmp/x/microtexts", "CC BY-NC-SA 4.0"), ("Annotations/gold", "project gold, CC0 (texts original or public domain)"),
        ("../shared/data/mfa2022", "official document of a state organ; private training only, text not redistributed"),
        ("Annotations/cdcp.small.train.tsv", "ODbL"), ("data/notgwr", "unknown; check before redistributing"),
        ("../shared/data/gwr/", "public-domain text (Chinese Government Work Reports); project-made labels, free to use"),
    ])
    func licences(_ path: String, _ licence: String) {
        #expect(LicenceCatalog.licence(for: path) == licence)
    }
}
