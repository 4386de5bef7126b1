import ArgMarkCore
import ArgMarkPipeline
import Foundation
import Testing

@testable import ArgMarkLinking

/// A document from (paragraph, label, text) rows; labels as a human set them unless `machine`.
func labelledDocument(_ rows: [(Int, ArgumentLabel?, String)], machine: Bool = false) -> Document {
    var builder = DocumentBuilder(id: "t", sourcePath: nil)
    var offset = 0
    var paragraph: [DocumentBuilder.Span] = []
    var current = rows.first?.0
    for (p, label, text) in rows {
        if p != current {
            builder.addParagraph(paragraph, language: .zh)
            paragraph = []
            current = p
        }
        let n = text.unicodeScalars.count
        paragraph.append(.init(start: offset, end: offset + n, text: text, language: .zh,
                               annotation: SentenceAnnotation(label: label, confidence: machine ? 0.8 : nil,
                                                              labeledBy: label == nil ? nil : machine ? .plugin("test") : .human("t"))))
        offset += n
    }
    builder.addParagraph(paragraph, language: .zh)
    return builder.document
}

/// A reproducible random labelling of `count` sentences in paragraphs of 1–6.
func randomDocument(count: Int, seed: UInt64) -> Document {
    var state = seed
    func next() -> UInt64 {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return state >> 33
    }
    var rows: [(Int, ArgumentLabel?, String)] = []
    var paragraph = 0
    var left = 0
    let openers = ["", "然而，", "因此，", "例如，", "此外，", "", "首先，", "其次，", "最后，", "一是", "二是", "——"]
    for i in 0..<count {
        if left == 0 {
            paragraph += 1
            left = Int(next() % 6) + 1
        }
        left -= 1
        let labels: [ArgumentLabel?] = [.claim, .evidence, .example, .prescription, .background, nil]
        rows.append((paragraph, labels[Int(next() % 6)], openers[Int(next() % UInt64(openers.count))] + "句子\(i)[\(i % 3)]。"))
    }
    return labelledDocument(rows, machine: true)
}

struct TreeTests {
    static func linkedExample() -> Document {
        let document = labelledDocument([
            (1, .background, "随着数字经济发展，规则竞争加剧。"),
            (1, .claim, "本文认为，开放合作是唯一出路。"),
            (2, .claim, "规则分化首先体现在数据流动上。"),
            (2, .evidence, "据统计，2023年贸易额达4万亿美元。[1]"),
            (2, .example, "例如，某国2018年出台了新法。"),
            (2, .example, "该法要求数据本地存储。"),
            (2, .claim, "然而，这种二分法难以成立。"),
            (3, .prescription, "各国应当加强对话。"),
            (3, .prescription, "要建立共同规则。"),
        ])
        return SupportScorer().score(TreeLinker().link(document))
    }

    @Test func goldenTreeDump() throws {
        let dump = TreeRendering.dump(Self.linkedExample(), textWidth: 8)
        let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/tree-golden.txt")
        if ProcessInfo.processInfo.environment["ARGMARK_RECORD"] != nil {
            try Data(dump.utf8).write(to: golden)
            Issue.record("recorded tree-golden.txt; unset ARGMARK_RECORD and run again")
            return
        }
        #expect(dump == (try String(contentsOf: golden, encoding: .utf8)))
    }

    /// A sentence a person linked and then (or another person) relabelled background leaves the tree on every route,
    /// not only on `annotate --no-tree`: the guideline's background has no parent.
    @Test func aPersonsLinkFromABackgroundSentenceGoes() throws {
        var d = Self.linkedExample()
        let example = try #require(d.units.firstIndex { $0.text.hasPrefix("例如") })
        d.units[example].annotation.linkedBy = .human("ann")
        d.units[example].annotation.label = .background
        d.units[example].annotation.labeledBy = .human("bo")
        let relinked = TreeCompletion.link(d, with: TreeLinker()).document
        #expect(relinked.units[example].annotation.parent == nil && relinked.units[example].annotation.linkedBy == nil)
        #expect(TreeCompletion.isComplete(relinked))
        // The case's next sentence, hung under it, moves up with it to the claim above.
        #expect(relinked.units[example + 1].annotation.parent != d.units[example].id)
    }

    /// Two sentences a person marked as the thesis make no second root: the first stays the thesis, the other is
    /// linked under the tree as any sentence is.
    @Test func aSecondThesisAPersonMarkedIsLinkedUnderTheFirst() throws {
        var d = Self.linkedExample()
        let second = try #require(d.units.firstIndex { $0.text.hasPrefix("规则分化") })
        for i in [1, second] {
            d.units[i].annotation.parent = nil
            d.units[i].annotation.relation = nil
            d.units[i].annotation.linkedBy = .human("ann")
        }
        let linked = TreeLinker().link(d)
        #expect(linked.units[1].annotation.isThesis && linked.units[1].annotation.linkedBy == .human("ann"))
        #expect(linked.units[second].annotation.parent != nil && linked.units[second].annotation.linkedBy == .plugin("link.tree.v1"))
        #expect(TreeCompletion.isComplete(linked))
    }

    @Test func thesisCuesAndStructure() {
        let d = Self.linkedExample()
        let a = d.units.map(\.annotation)
        #expect(a[1].parent == nil && a[1].linkedBy == .plugin("link.tree.v1"))  // 本文认为 → thesis
        #expect(a[0].parent == nil && a[0].linkedBy == nil)  // background
        #expect(a[2].parent == "s2")  // section's first claim → thesis
        #expect(a[3].parent == "s3" && a[4].parent == "s3")  // evidence, example → nearest claim
        #expect(a[5].parent == "s5")  // a continued example → the example
        #expect(a[6].parent == "s3" && a[6].relation == .attack)  // 然而 attacks
        #expect(a[8].parent == "s8")  // a paragraph's prescriptions → its first
        #expect(d.validate().isEmpty)
    }

    /// A concession (Admittedly …, 当然，…) attacks the claim it grants a point against, and the answer that follows
    /// it (But …) attacks the concession, not the claim (the rule linker; the learned one calls the same step).
    @Test func aConcessionAttacksAndItsAnswerAttacksTheConcession() throws {
        let document = labelledDocument([
            (1, .claim, "We argue that plastic bags should be banned."),
            (1, .claim, "Admittedly, paper bags also harm the environment."),
            (1, .claim, "But this is an argument for reusable bags, not for plastic ones."),
            (1, .evidence, "In 2019, the city collected 3 million bags from its rivers."),
        ])
        let linked = TreeLinker().link(document)
        let a = linked.units.map(\.annotation)
        #expect(a[1].parent == "s1" && a[1].relation == .attack)
        #expect(a[2].parent == "s2" && a[2].relation == .attack)
        #expect(linked.validate().isEmpty)
        let chinese = labelledDocument([(1, .claim, "本文认为，开放合作是唯一出路。"), (1, .claim, "当然，合作也有代价。")])
        #expect(TreeLinker().link(chinese).units[1].annotation.relation == .attack)
        // A concession that hangs, through its parents, under the answer keeps the answer where it was: no cycle.
        let cyclic = labelledDocument([
            (1, .claim, "We argue that the ban is right."), (1, .evidence, "Admittedly, paper bags cost 5 cents more."),
            (1, .claim, "But the cost is small."), (1, .claim, "Therefore, the ban is worth its price."),
        ])
        var parents: [Int: (Int, Double, ArgumentRelation)] = [1: (3, 0.5, .attack), 3: (2, 0.5, .support), 2: (0, 0.5, .attack)]
        TreeLinker().answerConcessions(cyclic.units, &parents)
        #expect(parents[2]?.0 == 0)
    }

    /// A view named as someone else's (有观点认为，…; 也有学者认为，…; Defenders of … argue) attacks what it is set
    /// against, and the author's answer (但这…; 事实真相：…; 这种说法…) attacks the view; 但愿 is no answer.
    @Test func otherPeoplesViewsAndTheAnswersToThemAttack() {
        let document = labelledDocument([
            (1, .claim, "本文认为，数字税应当由多边规则协调。"),
            (1, .claim, "有观点认为，各国单边开征数字税更有效率。"),
            (1, .claim, "但这会引发报复性关税。"),
            (2, .claim, "谬误1：数字税只针对外国企业。"),
            (3, .claim, "事实真相：数字税对本国和外国企业一视同仁。"),
            (4, .claim, "也有学者认为，数字税会转嫁给消费者。"),
            (4, .claim, "这种说法忽视了平台的定价能力。"),
            (5, .claim, "但愿各国能够达成共识。"),
        ])
        let a = TreeLinker().link(document).units.map(\.annotation)
        #expect(a[1].relation == .attack)
        #expect(a[2].parent == "s2" && a[2].relation == .attack)
        #expect(a[3].relation == .attack && a[4].relation == .attack)
        #expect(a[5].relation == .attack)
        #expect(a[6].parent == "s6" && a[6].relation == .attack)
        #expect(a[7].relation == .support)
        let english = labelledDocument([
            (1, .claim, "We argue that the merger should be blocked."),
            (1, .claim, "Defenders of the merger argue that it will lower fares."),
            (1, .claim, "This objection ignores the fare increases after the last merger."),
        ])
        let e = TreeLinker().link(english).units.map(\.annotation)
        #expect(e[1].relation == .attack && e[2].parent == "s2" && e[2].relation == .attack)
        // Words that only begin like an opener are none.
        let linker = TreeLinker()
        #expect(!linker.opensAttack("This objectionable practice traps borrowers."))
        #expect(!linker.opensAttack("但丁的《神曲》描绘了地狱。") && !linker.opensAttack("有一种方法可以降低成本。"))
        #expect(linker.opensAttack("This objection, however, misses the point.") && linker.opensAttack("有一种观点认为，应当放开。"))
    }

    /// A thesis stated as such (we argue, 本文认为) is a cue of its own words: "Critics of AI argue" is no "I argue",
    /// and a view opened as someone else's states no thesis of the author's.
    @Test func statedThesesAreTheAuthors() {
        #expect(TreeLinker.statesThesis("We argue that cities should act."))
        #expect(TreeLinker.statesThesis("In this paper, I argue that rules fail."))
        #expect(TreeLinker.statesThesis("本文认为，数字税应当由多边规则协调。"))
        #expect(!TreeLinker.statesThesis("Critics of AI argue that these tools entrench discrimination."))
        #expect(!TreeLinker.statesThesis("Some argue that we argue too much."))
        // A comment's stance on the proposal is its thesis; a view reported as others' is not.
        #expect(TreeLinker.statesThesis("The Coalition strongly supports the proposal: overdraft coverage is a loan."))
        #expect(TreeLinker.statesThesis("We oppose the proposed rule as drafted."))
        #expect(!TreeLinker.statesThesis("Some have argued that they support the proposal."))
        #expect(TreeLinker().opensAttack("Some have argued that the estimates are too high."))
        let comment = labelledDocument([
            (1, .claim, "Hidden fees make it impossible for consumers to compare prices."),
            (1, .claim, "I support the proposed rule."),
            (2, .prescription, "The Commission should require the total price to be shown first."),
            (2, .claim, "But consumers are confused now, precisely because prices are split into pieces."),
        ])
        #expect(TreeLinker().link(comment).units[1].annotation.isThesis)
    }

    /// The report marks the claims that argue against the thesis (an objection), not the author's answer to them.
    @Test func theReportMarksClaimsAgainstTheThesis() {
        let document = labelledDocument([
            (1, .claim, "本文认为，数字税应当由多边规则协调。"),
            (1, .claim, "多边协调能够降低企业的合规成本。"),
            (2, .claim, "有观点认为，各国单边开征数字税更有效率。"),
            (2, .claim, "但这会引发报复性关税。"),
        ])
        let report = DocumentReport(SupportScorer().score(TreeLinker().link(document)))
        let against = Dictionary(uniqueKeysWithValues: report.claims.map { ($0.id, $0.againstThesis) })
        #expect(against == ["s2": false, "s3": true, "s4": false])
        #expect(report.text().contains("(against the thesis)"))
    }

    /// A control character in a sentence (an escape sequence pasted from a terminal) is shown as a space, not sent to
    /// the terminal by tree, explain and report.
    @Test func controlCharactersDoNotReachTheTerminal() {
        #expect(TreeRendering.shorten("a\u{1B}[2Jb\tc\u{85}d", 40) == "a [2Jb c d")
    }

    /// Evidence alone argues for nothing: a document with no claim or prescription gets no tree, and neither the
    /// tree nor the report calls one of its figures the thesis.
    @Test func evidenceAloneHasNoTree() {
        var builder = DocumentBuilder(id: "d", sourcePath: nil)
        builder.addParagraph([
            .init(start: 0, end: 33, text: "In 2023, GDP grew by 5.2 percent.", language: .en, annotation: SentenceAnnotation(label: .evidence)),
            .init(start: 34, end: 65, text: "Exports rose 7 percent in 2022.", language: .en, annotation: SentenceAnnotation(label: .evidence)),
        ], language: .en)
        for linked in [TreeLinker().link(builder.document), LearnedLinker(model: AttachmentModel(weights: [:])).link(builder.document)] {
            #expect(linked.units.allSatisfy { $0.annotation.parent == nil && $0.annotation.linkedBy == nil })
            #expect(TreeRendering.dump(linked).isEmpty)
            #expect(DocumentReport(linked).thesis == nil)
        }
    }

    @Test(arguments: [1, 2, 3, 5, 8, 13, 21, 40, 200])
    func alwaysATreeWhateverTheLabels(_ count: Int) {
        for seed in UInt64(1)...6 {
            let document = SupportScorer().score(TreeLinker().link(randomDocument(count: count, seed: seed &* UInt64(count))))
            #expect(document.validate().isEmpty)
            let argumentative = document.units.filter { $0.annotation.label != nil && $0.annotation.label != .background }
            let roots = argumentative.filter { $0.annotation.parent == nil }
            // Evidence and examples alone argue for nothing: no claim or prescription, no tree.
            guard argumentative.contains(where: { $0.annotation.label == .claim || $0.annotation.label == .prescription }) else {
                #expect(argumentative.allSatisfy { $0.annotation.parent == nil && $0.annotation.linkedBy == nil })
                continue
            }
            #expect(roots.count == 1 && [.claim, .prescription].contains(roots[0].annotation.label))
            // Every chain ends at the thesis, through argumentative sentences only.
            for unit in argumentative {
                var current = unit
                var steps = 0
                while let p = current.annotation.parent, steps <= count {
                    let parent = document.unit(p)!
                    #expect(parent.annotation.label != nil && parent.annotation.label != .background)
                    current = parent
                    steps += 1
                }
                #expect(current.id == roots.first?.id)
            }
            for unit in document.units where unit.annotation.label == nil || unit.annotation.label == .background {
                #expect(unit.annotation.parent == nil && unit.annotation.score == nil)
            }
            #expect(argumentative.allSatisfy { (0...1).contains(document.unit($0.id)!.annotation.score!) })
        }
    }

    @Test func deterministic() {
        let document = randomDocument(count: 120, seed: 7)
        let a = SupportScorer().score(TreeLinker().link(document))
        let b = SupportScorer().score(TreeLinker().link(document))
        #expect(a.units.map(\.annotation) == b.units.map(\.annotation))
        // Linking an already linked document changes no link.
        let relinked = TreeLinker().link(a)
        #expect(relinked.units.map(\.annotation.parent) == a.units.map(\.annotation.parent))
        #expect(relinked.units.map(\.annotation.relation) == a.units.map(\.annotation.relation))
    }

    @Test func humanLinksAreKept() {
        var document = labelledDocument([
            (1, .claim, "本文认为甲。"), (1, .claim, "乙。"), (2, .evidence, "丙2020年。"), (2, .claim, "丁。"),
        ])
        // A person hangs the evidence under 乙 (s2) and makes 丁 attack the thesis.
        document.units[2].annotation.parent = "s2"
        document.units[2].annotation.relation = .support
        document.units[2].annotation.linkedBy = .human("ana")
        document.units[3].annotation.parent = "s1"
        document.units[3].annotation.relation = .attack
        document.units[3].annotation.linkedBy = .human("ana")
        let linked = TreeLinker().link(document)
        #expect(linked.units[2].annotation == document.units[2].annotation)
        #expect(linked.units[3].annotation == document.units[3].annotation)
        #expect(linked.validate().isEmpty)
    }

    @Test func aHumanCycleIsBrokenOnTheMachineSide() {
        var document = labelledDocument([(1, .claim, "本文认为甲。"), (1, .claim, "乙。"), (1, .claim, "丙。")])
        // s2 → s3 by a person; the machine would attach s3 → s2: that would be a cycle.
        document.units[1].annotation.parent = "s3"
        document.units[1].annotation.relation = .support
        document.units[1].annotation.linkedBy = .human("ana")
        let linked = TreeLinker().link(document)
        #expect(linked.validate().isEmpty)
        #expect(linked.units[1].annotation.parent == "s3")
        #expect(linked.units[2].annotation.parent == "s1")
    }

    /// A chain of thousands of human links is linked, repaired and drawn without deep recursion or a walk per
    /// sentence; below 64 levels the drawing gives the depth instead of guides.
    @Test func aVeryDeepHumanChainIsHandled() {
        let depth = 3_000
        var document = labelledDocument((0..<depth).map { (1, .claim, "主张\($0)。") })
        for i in 1..<depth {
            document.units[i].annotation.parent = "s\(i)"
            document.units[i].annotation.relation = .support
            document.units[i].annotation.linkedBy = .human("ana")
        }
        let linked = SupportScorer().score(TreeLinker().link(document))
        #expect(linked.validate().isEmpty)
        let lines = TreeRendering.dump(linked).split(separator: "\n")
        #expect(lines.count == depth)
        #expect(lines.last!.hasPrefix("… (depth \(depth - 1)) └─ s\(depth) claim"))
        #expect(lines.allSatisfy { $0.count < 3 * TreeRendering.deepestDrawn + 60 })
    }

    @Test func scoresAreMonotone() {
        let base = labelledDocument([(1, .claim, "本文认为甲。"), (2, .claim, "乙。"), (2, .evidence, "丙2020年。")])
        let before = SupportScorer().score(TreeLinker().link(base))
        var more = base
        more.units.append(TextUnit(id: "s4", kind: .sentence, section: "d1", paragraph: "p2", language: .zh, start: 20, end: 25,
                                   text: "丁2021年[2]。", annotation: SentenceAnnotation(label: .evidence, labeledBy: .human("t"))))
        more.paragraphs[1].units = 1..<4
        let after = SupportScorer().score(TreeLinker().link(more))
        #expect(after.units[1].annotation.score! >= before.units[1].annotation.score!)
        #expect(after.units[0].annotation.score! >= before.units[0].annotation.score!)
        // An attacker never raises.
        var attacked = base
        attacked.units.append(TextUnit(id: "s4", kind: .sentence, section: "d1", paragraph: "p2", language: .zh, start: 20, end: 25,
                                       text: "然而，戊。", annotation: SentenceAnnotation(label: .claim, labeledBy: .human("t"))))
        attacked.paragraphs[1].units = 1..<4
        let afterAttack = SupportScorer().score(TreeLinker().link(attacked))
        #expect(afterAttack.units[1].annotation.score! <= before.units[1].annotation.score!)
    }

    @Test(arguments: [(0.5, 0.0, 0.0, 0.5), (0.5, 1.0, 0.0, 1.0), (0.5, 0.0, 1.0, 0.0), (0.4, 0.5, 0.5, 0.4), (0.4, 0.75, 0.25, 0.7)])
    func dfquadCombination(_ base: Double, _ support: Double, _ attack: Double, _ expected: Double) {
        #expect(abs(SupportScorer.combine(base: base, support: support, attack: attack) - expected) < 1e-12)
    }

    @Test func explanationsAndReports() throws {
        let d = Self.linkedExample()
        let explanation = try #require(TreeRendering.explain(d, unit: "s3"))
        #expect(explanation.contains("supports s2"))
        #expect(explanation.contains("s7 claim attacks"))
        #expect(TreeRendering.explain(d, unit: "s99") == nil)
        #expect(TreeRendering.missingUnit(d, id: "s99") == "no sentence s99; its sentence ids run \(d.units.first { $0.kind == .sentence }!.id)…\(d.units.last { $0.kind == .sentence }!.id)")
        #expect(try #require(TreeRendering.explain(d, unit: "s2")).contains("the thesis (root of the argument tree)"))
        // A sentence left without a parent beside the thesis is no second thesis, and with no links at all there is
        // no tree, as `tree` shows them.
        var unlinked = d
        let s7 = try #require(unlinked.units.firstIndex { $0.id == "s7" })
        unlinked.units[s7].annotation.parent = nil
        unlinked.units[s7].annotation.relation = nil
        #expect(try #require(TreeRendering.explain(unlinked, unit: "s7")).contains("not linked into the argument tree (no parent)"))
        for i in unlinked.units.indices {
            unlinked.units[i].annotation.parent = nil
            unlinked.units[i].annotation.linkedBy = nil
        }
        #expect(try #require(TreeRendering.explain(unlinked, unit: "s2")).contains("not linked: the document has no argument tree"))
        var noted = d
        noted.notes = [Note(id: "n1", marker: "1", text: "参见某文件。")]
        #expect(TreeRendering.missingUnit(noted, id: "n1") == "n1 is a note (entry 1 of the notes), not a sentence: notes take no label, link or score")
        let report = DocumentReport(d)
        #expect(report.thesis?.id == "s2")
        #expect(report.claims.map(\.id).contains("s7"))
        #expect(report.unsupported.map(\.id) == ["s7"])
        let dot = TreeRendering.dot(d)
        #expect(dot.hasPrefix("digraph argument {"))
        #expect(dot.contains("\"s7\" -> \"s3\" [style=dashed"))
        #expect(TreeRendering.shorten("本文认为开放合作是唯一出路", 4) == "本文认…")
        // What is left to review: machine labels not accepted or changed by a person, and how many of them their
        // confidences say are wrong; a link a person set (reviewedAt on a machine label) reviews no label.
        var reviewed = d
        let labelled = reviewed.units.indices.filter { reviewed.units[$0].kind == .sentence && reviewed.units[$0].annotation.label != nil }
        for (n, i) in labelled.enumerated() {
            reviewed.units[i].annotation.labeledBy = .plugin("m")
            reviewed.units[i].annotation.confidence = n == 0 ? 0.5 : 0.9
        }
        reviewed.units[labelled[1]].annotation.reviewedAt = "2026-12-05T11:00:00Z"
        #expect(DocumentReport(reviewed).review.unreviewed == labelled.count)
        reviewed.units[labelled[1]].annotation.labeledBy = .human("ana")
        let need = DocumentReport(reviewed).review
        #expect(need.unreviewed == labelled.count - 1 && need.belowThreshold == 1)
        #expect(abs(try #require(need.expectedWrong) - (0.5 + 0.1 * Double(labelled.count - 2))) < 1e-9)
        #expect(DocumentReport(reviewed).text().contains("to review: \(labelled.count - 1) machine labels, about "))
        // Shares are no probabilities: their sum estimates nothing, and the report says why; in a corpus only the
        // calibrated documents' labels are estimated.
        // A file that does not say what its confidences are is taken at its word, and the report says so.
        #expect(DocumentReport(reviewed).text().contains("wrong by their confidences (taken as calibrated: the file does not say)"))
        var shares = reviewed
        shares.assumeConfidenceScale(.share)
        #expect(TreeRendering.explain(shares, unit: reviewed.units[labelled[0]].id)?.contains("(confidence 0.50, the labellers' share, no calibrated probability)") == true)
        #expect(TreeRendering.explain(reviewed, unit: reviewed.units[labelled[0]].id)?.contains("(confidence 0.50)") == true)
        let shareReport = DocumentReport(shares)
        #expect(shareReport.review.expectedWrong == nil && shareReport.review.belowThreshold == 1)
        #expect(shareReport.text().contains("their confidences are the labellers' shares, not calibrated probabilities, so they estimate nothing"))
        #expect(shareReport.json()["review"].flatMap { ($0 as? [String: Any])?["confidences"] as? String } == "share")
        var calibrated = reviewed
        calibrated.assumeConfidenceScale(.calibrated)
        #expect(DocumentReport(calibrated).review.expectedWrong == need.expectedWrong)
        #expect(DocumentReport(calibrated).text().contains("of them wrong by their confidences; "))
        // One share among calibrated confidences leaves the rest to estimate from.
        var mixed = calibrated
        mixed.units[labelled[2]].annotation.confidenceScale = .share
        let mixedNeed = DocumentReport(mixed).review
        #expect(mixed.confidenceScale == .mixed && mixedNeed.shares == 1)
        #expect(abs(try #require(mixedNeed.expectedWrong) - (0.5 + 0.1 * Double(labelled.count - 3))) < 1e-9)
        #expect(DocumentReport(mixed).text().contains("of the \(labelled.count - 2) calibrated ones, about \(Int((0.5 + 0.1 * Double(labelled.count - 3)).rounded())) wrong by their confidences (besides, 1 is the labellers' share, no probability)"))
        // Some that do not say among shares: those are estimated from, and said to be taken as calibrated.
        var unsaid = mixed
        unsaid.units[labelled[0]].annotation.confidenceScale = nil
        #expect(unsaid.confidenceScale == .mixed)
        #expect(DocumentReport(unsaid).text().contains("that are no shares, about \(Int((0.5 + 0.1 * Double(labelled.count - 3)).rounded())) wrong by their confidences (1 of them taken as calibrated: the file does not say; besides, 1 is"))
        let corpus = CorpusReport([DocumentReport(calibrated), shareReport]).text()
        #expect(corpus.contains("of the \(labelled.count - 1) calibrated ones, about \(Int((0.5 + 0.1 * Double(labelled.count - 2)).rounded())) wrong by their confidences (besides, \(labelled.count - 1) are the labellers' shares, no probabilities)"))
        #expect(CorpusReport([shareReport]).text().contains("so they estimate nothing"))
    }

    @Test func linearTime() {
        // Not a timing test: the linker visits each sentence a bounded number of times, so a long document links.
        let document = randomDocument(count: 5_000, seed: 3)
        let linked = SupportScorer().score(TreeLinker().link(document))
        #expect(linked.validate().isEmpty)
    }
}

/// The thesis, backing and explanations as every view shows them.
struct TreeViewAgreementTests {
    /// A small tree set by hand: s2 claim ← s3 evidence (support), s4 claim (attack) ← s5 evidence (support).
    func handLinked(linkedBy: Annotator?) -> Document {
        var d = labelledDocument([
            (1, .claim, "我们认为应当改革。"), (1, .evidence, "2023年增长5%。"), (1, .claim, "然而也有人反对。"),
            (1, .evidence, "调查显示六成人反对。"),
        ])
        let ids = d.units.map(\.id)
        let links: [(Int, Int, ArgumentRelation)] = [(1, 0, .support), (2, 0, .attack), (3, 2, .support)]
        for (child, parent, relation) in links {
            d.units[child].annotation.parent = ids[parent]
            d.units[child].annotation.relation = relation
            d.units[child].annotation.linkedBy = linkedBy
        }
        d.units[0].annotation.linkedBy = linkedBy
        return SupportScorer().score(d)
    }

    /// Links that say nothing of who set them still have a thesis, the one claim others hang under; a document
    /// nobody linked has none, and evidence others hang under is no thesis.
    @Test func theThesisIsTheRootClaimWhoeverLinkedIt() throws {
        for linkedBy: Annotator? in [nil, .human("li")] {
            let d = handLinked(linkedBy: linkedBy)
            #expect(d.thesisIndex == 0)
            #expect(TreeRendering.dump(d).hasPrefix("\(d.units[0].id) claim (thesis)"))
            #expect(try #require(TreeRendering.explain(d, unit: d.units[0].id)).contains("the thesis (root of the argument tree)"))
            #expect(DocumentReport(d).thesis?.id == d.units[0].id)
        }
        #expect(labelledDocument([(1, .claim, "我们认为应当改革。")]).thesisIndex == nil)
        var evidenceOnly = labelledDocument([(1, .evidence, "2023年增长5%。"), (1, .evidence, "出口增长3%。")])
        evidenceOnly.units[1].annotation.parent = evidenceOnly.units[0].id
        evidenceOnly.units[1].annotation.relation = .support
        evidenceOnly.units[1].annotation.linkedBy = .human("li")
        #expect(evidenceOnly.thesisIndex == nil)
        #expect(!TreeRendering.dump(evidenceOnly).contains("(thesis)"))
    }

    /// Evidence under an attacker backs the attack, not the claim attacked; a thesis with no evidence of its own is
    /// counted among the claims without.
    @Test func backingStopsAtAnAttack() {
        let report = DocumentReport(handLinked(linkedBy: .human("li")))
        #expect(report.thesis?.backing == 1)
        #expect(report.claims.first?.backing == 1)
        var bare = handLinked(linkedBy: .human("li"))
        bare.units[1].annotation.label = .claim
        let unsupported = DocumentReport(SupportScorer().score(bare)).unsupported.map(\.id)
        #expect(unsupported == [bare.units[0].id, bare.units[1].id])
        #expect(DocumentReport(bare).assessedClaims == 3)
    }

    /// explain's figures add up as shown (score = base + net, each rounded as the file keeps it), and a claim with
    /// many children is explained in linear time, with each child's effect as before.
    @Test func explanationsAddUpAndScale() throws {
        let d = handLinked(linkedBy: .human("li"))
        let text = try #require(TreeRendering.explain(d, unit: d.units[0].id))
        let score = try #require(text.firstMatch(of: /score (\d\.\d\d), from base (\d\.\d\d)/))
        let net = try #require(text.firstMatch(of: /net ([+-]\d\.\d\d)/))
        #expect(abs(Double(score.1)! - (Double(score.2)! + Double(net.1)!)) < 1e-9)
        let children = (0..<6).map { ScoreExplanation.Contribution(child: "c\($0)", relation: $0 % 2 == 0 ? .support : .attack, strength: 0.1 * Double($0 + 1)) }
        let products = TreeRendering.productsLeavingOneOut(children)
        for k in children.indices {
            let direct = children.indices.filter { $0 != k }.reduce(1.0) { $0 * (1 - children[$1].strength) }
            #expect(abs(products[k] - direct) < 1e-12)
        }
    }

    /// A year as a word of its own and full-width figures are checkable material, as 2023年 and ASCII figures are.
    @Test func yearsAndFullWidthFiguresRaiseTheBase() {
        func base(_ text: String) -> Double {
            SupportScorer().baseScore(labelledDocument([(1, .evidence, text)]).units[0])
        }
        #expect(base("2023年，全国GDP增长5.2%。") == base("２０２３年，全国ＧＤＰ增长５．２％。"))
        #expect(base("In March 2023, GDP grew by 5.2 percent.") == base("2023年，全国GDP增长5.2%。"))
        #expect(base("GDP grew by 5.2 percent.") < base("In March 2023, GDP grew by 5.2 percent."))
        #expect(base("Code GDP2023 grew by 5.2 percent.") == base("GDP grew by 5.2 percent."))
        #expect(base("It rose to 2023.5 points.") == base("It rose to 5.2 points."))
    }
}
