import ArgMarkCore
import ArgMarkPipeline
import Foundation
import Testing

@testable import ArgMarkLinking

/// A gold tree to learn from: random labels, linked by the rule linker and then marked as a person's.
func goldTree(count: Int, seed: UInt64) -> Document {
    var document = TreeLinker().link(randomDocument(count: count, seed: seed))
    for i in document.units.indices where document.units[i].annotation.linkedBy != nil {
        document.units[i].annotation.linkedBy = .human("gold")
        document.units[i].annotation.linkConfidence = nil
    }
    return document
}

struct LearnedLinkerTests {
    static let model: AttachmentModel = {
        let instances = (1...12).flatMap { seed in AttachmentModel.trainingExample(goldTree(count: 40, seed: UInt64(seed)))?.instances ?? [] }
        return AttachmentModel.train(instances, epochs: 4)
    }()

    @Test func trainingIsDeterministicAndTheWeightsRoundTrip() throws {
        let instances = (1...4).flatMap { seed in AttachmentModel.trainingExample(goldTree(count: 30, seed: UInt64(seed)))?.instances ?? [] }
        let a = AttachmentModel.train(instances, epochs: 3)
        let b = AttachmentModel.train(instances, epochs: 3)
        #expect(a.serialized() == b.serialized())
        #expect(!a.weights.isEmpty)
        let reloaded = try AttachmentModel(serialized: a.serialized())
        #expect(reloaded.serialized() == a.serialized())
        #expect(throws: AttachmentModelError.self) { try AttachmentModel(serialized: "zz\tnot a number\n") }
    }

    @Test func itLearnsTheTreesItIsShown() throws {
        // Trained on the rule linker's trees, it reproduces most of them on unseen documents.
        var correct = 0
        var total = 0
        for seed in UInt64(100)...105 {
            let example = try #require(AttachmentModel.trainingExample(goldTree(count: 40, seed: seed)))
            let (c, n) = AttachmentModel.attachment(LearnedLinker(model: Self.model).link(example.unlinked), gold: example.gold)
            correct += c
            total += n
        }
        #expect(Double(correct) / Double(total) > 0.8)
    }

    @Test(arguments: [1, 2, 3, 8, 40, 200])
    func alwaysATreeAndHumanLinksKept(_ count: Int) {
        for seed in UInt64(1)...4 {
            var document = randomDocument(count: count, seed: seed &* 31 &+ UInt64(count))
            // A person links the second argumentative sentence under the first.
            let argumentative = document.units.indices.filter { document.units[$0].annotation.label != nil && document.units[$0].annotation.label != .background }
            if argumentative.count >= 2 {
                document.units[argumentative[1]].annotation.parent = document.units[argumentative[0]].id
                document.units[argumentative[1]].annotation.relation = .attack
                document.units[argumentative[1]].annotation.linkedBy = .human("ana")
            }
            let linked = LearnedLinker(model: Self.model).link(document)
            #expect(linked.validate().isEmpty)
            let roots = argumentative.filter { linked.units[$0].annotation.parent == nil }
            #expect(roots.count == (argumentative.isEmpty ? 0 : 1))
            if argumentative.count >= 2 {
                #expect(linked.units[argumentative[1]].annotation.parent == document.units[argumentative[0]].id)
                #expect(linked.units[argumentative[1]].annotation.linkedBy == .human("ana"))
            }
            for i in argumentative where linked.units[i].annotation.linkedBy == .plugin("link.learned.v1") && linked.units[i].annotation.parent != nil {
                #expect((0...1).contains(linked.units[i].annotation.linkConfidence ?? -1))
            }
            #expect(LearnedLinker(model: Self.model).link(document) == linked)
        }
    }

    @Test func aThesisAPersonChoseWins() {
        var document = randomDocument(count: 30, seed: 5)
        guard let chosen = document.units.indices.last(where: { document.units[$0].annotation.label == .claim }) else { return }
        document.units[chosen].annotation.linkedBy = .human("ana")
        let linked = LearnedLinker(model: Self.model).link(document)
        #expect(linked.units[chosen].annotation.parent == nil)
        #expect(linked.validate().isEmpty)
    }

    /// A thesis the text states as such (本文认为，…) outranks the model's choice: a model taught that the thesis is a
    /// document's last claim takes the last claim of a text that states none, and the stated one where there is one.
    @Test func aStatedThesisOutranksTheModelsChoice() {
        func lastClaimIsTheThesis(_ seed: UInt64) -> Document {
            var document = randomDocument(count: 40, seed: seed)
            if let last = document.units.indices.last(where: { document.units[$0].annotation.label == .claim }) {
                document.units[last].annotation.linkedBy = .human("gold")
            }
            document = TreeLinker().link(document)
            for i in document.units.indices where document.units[i].annotation.linkedBy != nil {
                document.units[i].annotation.linkedBy = .human("gold")
                document.units[i].annotation.linkConfidence = nil
            }
            return document
        }
        let instances = (1...12).flatMap { AttachmentModel.trainingExample(lastClaimIsTheThesis($0))?.instances ?? [] }
        let linker = LearnedLinker(model: AttachmentModel.train(instances, epochs: 4))
        let rows: [(Int, ArgumentLabel?, String)] = [
            (1, .claim, "开放合作是应对规则分化的出路。"), (1, .evidence, "据统计，2023年数字贸易额达4万亿美元。"),
            (2, .claim, "规则分化首先体现在数据流动上。"), (2, .evidence, "2018年以来，多国出台了数据本地化法律。"),
            (3, .claim, "此外，标准竞争也在加剧。"),
        ]
        let unstated = linker.link(labelledDocument(rows, machine: true))
        #expect(unstated.units[4].annotation.parent == nil)
        var stated = rows
        stated[0].2 = "本文认为，开放合作是应对规则分化的出路。"
        let linked = linker.link(labelledDocument(stated, machine: true))
        #expect(linked.units[0].annotation.parent == nil)
        #expect(linked.units[4].annotation.parent != nil)
        #expect(linked.validate().isEmpty)
        // Nor is a sentence that opposes one before it (然而…, But …) the root the model's position would make it.
        var answering = rows
        answering[4].2 = "然而，标准竞争也在加剧。"
        let answered = linker.link(labelledDocument(answering, machine: true))
        #expect(answered.units[4].annotation.parent != nil && answered.units[4].annotation.relation == .attack)
        #expect(answered.validate().isEmpty)
    }

    /// The fast path for ASCII and CJK ideographs answers as the Unicode properties do, for every scalar.
    @Test func wordScalarsAgreeWithTheUnicodeProperties() {
        var disagreements: [UInt32] = []
        for value in UInt32(0)...0x10FFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let properties = scalar.properties
            let expected: UInt32? =
                properties.isAlphabetic || properties.numericType != nil
                ? properties.lowercaseMapping.unicodeScalars.first?.value ?? value : nil
            if AttachmentModel.wordScalar(scalar) != expected { disagreements.append(value) }
        }
        #expect(disagreements.isEmpty, "first: \(disagreements.prefix(5).map { String($0, radix: 16) })")
        #expect(AttachmentModel.bigrams("AI治理 a-B") == AttachmentModel.bigrams("ai治理 a-b"))
    }
}
