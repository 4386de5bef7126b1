import ArgMarkCore
import Testing

@testable import ArgMarkLinking

struct EnumerationTests {
    @Test(arguments: [
        ("首先，要将核指挥控制作为优先领域。", EnumerationMarker.Series.ordinal, 1),
        ("其次，各国需要建立透明度措施。", .ordinal, 2),
        ("再次，技术扩散降低了门槛。", .ordinal, 3),
        ("最后，主要大国必须率先垂范。", .ordinal, 0),
        ("第二，规则分化抬高了合规成本。", .ordinal, 2),
        ("其三，多边谈判陷入迟滞。", .qiYi, 3),
        ("八是加强政府自身建设。", .numberShi, 8),
        ("十二是稳定粮食生产。", .numberShi, 12),
        ("（二）做强实体经济。", .parenthesised, 2),
        ("(3) 完善监管。", .arabic, 3),
        ("2. Expand the program.", .arabic, 2),
        ("——经济保持恢复发展。", .dash, -1),
        ("“首先，”他说。", .ordinal, 1),
        ("Second, the subsidy is poorly targeted.", .english, 2),
        ("Finally, Congress could act.", .english, 0),
    ])
    func markers(_ text: String, _ series: EnumerationMarker.Series, _ index: Int) {
        #expect(EnumerationMarker.parse(text) == EnumerationMarker(series: series, index: index))
    }

    @Test(arguments: [
        "最后一公里问题仍然突出。", "再次强调了这一原则。", "第一次工业革命改变了世界。", "其他国家也在跟进。",
        "1.5亿人受益。", "First Amendment claims are weak.", "Second-order effects matter.", "数字贸易增长最快。", "",
    ])
    func notMarkers(_ text: String) {
        #expect(EnumerationMarker.parse(text) == nil)
    }

    @Test func anyTextParsesWithoutTrapping() {
        // Random strings over the characters the parser looks at (numerals, brackets, separators, digits, dashes).
        let alphabet = Array("首先其次再最后第一二三四五六七八九十是（()）1234567890.、，,：: —-“\"aFfirstnalyz𠮷\u{301}")
        var random = SplitMix64(seed: 42)
        for _ in 0..<3000 {
            let length = Int(random.next() % 12)
            let text = String((0..<length).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] })
            let marker = EnumerationMarker.parse(text)
            #expect(marker == EnumerationMarker.parse(text))
            if let marker { #expect(marker.index >= -1 && marker.index <= 99) }
        }
    }

    @Test func listAnnouncers() {
        #expect(AttachmentModel.announces("今年要重点做好以下几个方面工作。"))
        #expect(AttachmentModel.announces("风险涉及人类控制、危机稳定等多个方面。"))
        #expect(AttachmentModel.announces("The report makes three recommendations:"))
        #expect(!AttachmentModel.announces("数字贸易规模快速扩张。"))
    }

    @Test func thesisCuesMayHaveAGap() {
        let cue = TreeLinker.thesisCueBytes.first { $0.0.count == 2 }!.0
        #expect(TreeLinker.containsCue(Array("做好今年政府工作，要坚持稳中求进。".utf8), cue))
        #expect(TreeLinker.containsCue(Array("做好政府工作，要坚持稳中求进。".utf8), cue))
        // More than six characters between the parts is not the construction.
        #expect(!TreeLinker.containsCue(Array("做好防汛抗旱和地质灾害防治工作，要压实责任。".utf8), cue))
        #expect(!TreeLinker.containsCue(Array("工作，要做好。".utf8), cue))
    }

    /// The one-pass matcher finds exactly the cues `containsCue` finds, one by one: cues at the start, the end and
    /// overlapping, a gapped cue whose first part comes again before its second, and text with no cue.
    @Test func thesisCueHitsAgreeWithContainsCue() {
        let cues = TreeLinker.thesisCues.map(\.0)
        var texts = [
            "做好防汛工作。做好今年政府工作，要坚持稳中求进。", "做好做好工作，要", "工作，要做好", "本文认为只有综上所述", "we argue that in sum we conclude",
            "this paper argues; i contend", "数字贸易规模快速扩张。", "", "做", "本报告认为本研究认为我们认为",
        ]
        // Every cue alone, with text around it, and cut one byte short.
        for cue in cues {
            let plain = cue.replacingOccurrences(of: "…", with: "今年")
            texts += [plain, "前文" + plain + "后文", String(decoding: Array(plain.utf8).dropLast(), as: UTF8.self)]
        }
        for text in texts {
            let bytes = Array(text.utf8)
            let hits = TreeLinker.thesisCueHits(bytes)
            let expected = TreeLinker.thesisCueBytes.map { TreeLinker.containsCue(bytes, $0.0) }
            #expect(hits == expected, "\(text)")
        }
    }

    /// Scalar-pair keys count what the string bigrams count, and give up where strings could be equal for different
    /// scalars (a combining accent, a compatibility ideograph).
    @Test func bigramKeysCountWhatStringBigramsCount() {
        let texts = [
            "数字主权的核心是对数据的控制。", "We argue that digital sovereignty is about control of data ($5, a^b, `x`, a|b).", "ＧＤＰ增长５％，〇一二。",
            "Café crème, naïve façade", "", "a", "本文认为，数字治理需要多边合作。\u{01}\u{7F}",
        ]
        let linker = TreeLinker()
        for a in texts {
            let keys = TreeLinker.bigramKeys(a)
            #expect(keys?.count == linker.bigrams(a).count, "\(a)")
            for b in texts {
                guard let keys, let other = TreeLinker.bigramKeys(b) else { continue }
                #expect(keys.intersection(other).count == linker.bigrams(a).intersection(linker.bigrams(b)).count, "\(a) | \(b)")
            }
        }
        #expect(TreeLinker.bigramKeys("cafe\u{301} au lait") == nil)
        #expect(TreeLinker.bigramKeys("\u{F900}國") == nil)
    }

    @Test func theRuleLinkerFindsAWorkReportsThesisWithAYearInIt() {
        let document = labelledDocument([
            (1, .claim, "过去一年，全市经济运行稳中有进。"),
            (1, .evidence, "地区生产总值增长5.2%。"),
            (2, .prescription, "做好今年政府工作，要坚持稳中求进工作总基调，推动高质量发展。"),
            (2, .prescription, "要着力扩大有效需求。"),
        ], machine: true)
        let linked = TreeLinker().link(document)
        let thesis = linked.units.first { $0.annotation.label != nil && $0.annotation.label != .background && $0.annotation.parent == nil }
        #expect(thesis?.text.hasPrefix("做好今年政府工作") == true)
    }

    /// 首先 / 其次 / 最后 in three paragraphs after the paragraph that announces them.
    static func enumeratedDocument() -> Document {
        labelledDocument([
            (1, .claim, "本文认为，人工智能军事应用的核心风险在于削弱人类控制。"),
            (2, .background, "下文分述各项风险。"),
            (3, .claim, "人工智能军事应用的风险是多层次的，涉及以下几个方面。"),
            (4, .claim, "首先，人类控制可能被弱化。"),
            (4, .evidence, "据统计，2023年相关事故达到12起。"),
            (5, .claim, "其次，高速交互可能导致危机升级。"),
            (5, .example, "例如，2010年的闪电崩盘说明了算法交互的风险。"),
            (6, .claim, "最后，使用武力的门槛可能降低。"),
            (6, .evidence, "研究显示，无人系统的部署成本下降了40%。"),
        ], machine: true)
    }

    @Test(arguments: [1, 2, 3])
    func parallelItemsShareAParent(_ seed: Int) throws {
        // Whatever the model prefers for each item alone, the three items end up under one parent that is not
        // one of them.
        let instances = (1...6).flatMap { s in AttachmentModel.trainingExample(goldTree(count: 30, seed: UInt64(s * 7 + seed)))?.instances ?? [] }
        let model = AttachmentModel.train(instances, epochs: 2, seed: UInt64(seed))
        let linked = LearnedLinker(model: model).link(Self.enumeratedDocument())
        #expect(linked.validate().isEmpty)
        let items = linked.units.filter { EnumerationMarker.parse($0.text) != nil }
        #expect(items.count == 3)
        let parents = Set(items.map(\.annotation.parent))
        #expect(parents.count == 1)
        let parent = try #require(parents.first ?? nil)
        #expect(!items.map(\.id).contains(parent))
    }

    @Test func theSeriesFeaturesPointAtTheAnnouncerAndTheSiblings() throws {
        let document = Self.enumeratedDocument()
        let nodes = document.units.indices.filter { document.units[$0].annotation.label != nil && document.units[$0].annotation.label != .background }
        let instances = AttachmentModel.instances(document, nodes: nodes, thesis: nodes[0], ruleParents: [:])
        let second = try #require(instances.first { document.units[$0.child].text.hasPrefix("其次") })
        let first = try #require(document.units.firstIndex { $0.text.hasPrefix("首先") })
        #expect(second.seriesFirst == first)
        let announcer = try #require(document.units.firstIndex { $0.text.hasSuffix("以下几个方面。") })
        #expect(second.candidates.contains(announcer))
        #expect(second.candidates.contains(first))
        // The first item starts the series; it has none to follow.
        let firstInstance = try #require(instances.first { $0.child == first })
        #expect(firstInstance.seriesFirst == nil)
    }
}
