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

    /// A short text's sentences carry a second, short-text copy of every feature beside the shared ones; a long
    /// document's carry the shared ones only.
    @Test func shortTextsGetAugmentedFeatures() throws {
        let short = try readText("各国应当加强合作。因此，合作是出路。\n")
        let long = try readText("各国应当加强合作。" + String(repeating: "据统计，贸易额增长了8%。", count: FeatureExtractor.shortTextSentences) + "\n")
        let shared = extractor.sharedFeatures(for: short)[0]
        let augmented = extractor.features(for: short)[0]
        #expect(augmented.indices.count == 2 * shared.indices.count)
        #expect(Array(augmented.indices.prefix(shared.indices.count)) == shared.indices)
        #expect(Array(augmented.values.suffix(shared.values.count)) == shared.values)
        let copies = Set(augmented.indices.suffix(shared.indices.count))
        #expect(copies.intersection(shared.indices).count < copies.count / 10)
        #expect(extractor.features(for: long)[0].indices == extractor.sharedFeatures(for: long)[0].indices)
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

    @Test func weightsRoundTripAndCorruptionIsReported() throws {
        let model = trainer().train(try toyCorpus().map { trainer().prepare($0, weight: 1) }).stage1
        let bytes = model.serialized()
        let back = try LinearModel(serialized: bytes, labels: model.labels)
        #expect(back.weights == model.weights)
        #expect(throws: ModelError.self) { try LinearModel(serialized: Array(bytes.dropLast(3)), labels: model.labels) }
        #expect(throws: ModelError.self) { try LinearModel(serialized: Array("nope".utf8), labels: model.labels) }
    }

    @Test func leaveOneDocumentOutScoresEveryHeldOutDocument() throws {
        let corpus = try toyCorpus()
        let documents = corpus.enumerated().map { WeightedDocument(gold: GoldDocument(source: "toy", document: $1), weight: 1, heldOut: $0 < 2) }
        let result = CrossValidation.leaveOneDocumentOut(documents, trainer: trainer())
        #expect(result.perDocument.count == 2)
        #expect(result.pooled.total == 20)
        #expect(result.pooled.accuracy > 0.8)
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
        let corpus = try TrainingCorpus.load(fixtures.appendingPathComponent("corpus.train.tsv").path)
        #expect(corpus.map(\.document.id) == ["d1", "d2"])
        #expect(corpus[0].document.units.compactMap(\.annotation.label) == [.claim, .example])
        #expect(throws: TrainingDataError.self) { try TrainingCorpus.load(fixtures.appendingPathComponent("missing.tsv").path) }
    }
}
