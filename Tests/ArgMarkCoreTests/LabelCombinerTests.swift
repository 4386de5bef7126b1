import Foundation
import ArgMarkCore
import Testing

@testable import ArgMarkPipeline

struct LabelCombinerTests {
    func doc() -> Document {
        var doc = Document(id: "d", sections: [Section(id: "d1", level: 1, heading: nil, parent: nil)])
        doc.units = (1...2).map {
            TextUnit(id: "s\($0)", kind: .sentence, section: "d1", paragraph: "p1", language: .zh, start: $0, end: $0 + 1, text: "x")
        }
        doc.paragraphs = [Paragraph(id: "p1", section: "d1", language: .zh, units: 0..<2)]
        return doc
    }

    @Test func highestWeightedSumWinsAndHumansAreKept() {
        var d = doc()
        d.units[1].annotation = SentenceAnnotation(label: .background, labeledBy: .human("ana"))
        let proposals = [
            LabelProposal(unitIndex: 0, scores: [.claim: 0.6], evidence: "因此", pluginID: "a"),
            LabelProposal(unitIndex: 0, scores: [.prescription: 0.9], evidence: "应当", pluginID: "b"),
            LabelProposal(unitIndex: 1, scores: [.claim: 1], evidence: "", pluginID: "a"),
        ]
        let out = LabelCombiner().combine(proposals, into: d)
        #expect(out.units[0].annotation.label == .prescription)
        #expect(out.units[0].annotation.labeledBy == .plugin("b"))
        #expect(out.units[0].annotation.confidence! == FixedDecimal.asStored(0.9 / 2))
        #expect(out.units[1].annotation == d.units[1].annotation)
        let weighted = LabelCombiner(weights: ["a": 2]).combine(proposals, into: d)
        #expect(weighted.units[0].annotation.label == .claim)
        // Each labeller's proposal is kept as a reason, in pipeline order, whichever label won.
        #expect(out.units[0].annotation.labelReasons == [
            LabelReason(plugin: "a", label: .claim, score: 0.6, evidence: "因此"),
            LabelReason(plugin: "b", label: .prescription, score: 0.9, evidence: "应当"),
        ])
    }

    /// `labeledBy` credits the labeller that added most to the winning label, weight included, whatever the
    /// pipeline's order: a model listed first that gave the label 0.1 did not decide it.
    @Test func theLabellerThatAddedMostIsCredited() {
        let proposals = [
            LabelProposal(unitIndex: 0, scores: [.claim: 0.9, .background: 0.1], evidence: "", pluginID: "model"),
            LabelProposal(unitIndex: 0, scores: [.background: 0.95], evidence: "this article asks", pluginID: "rules"),
        ]
        let combiner = LabelCombiner(weights: ["model": 1, "rules": 2])
        let forward = combiner.combine(proposals, into: doc()).units[0].annotation
        let backward = combiner.combine(proposals.reversed(), into: doc()).units[0].annotation
        #expect(forward.label == .background && forward.labeledBy == .plugin("rules"))
        #expect(backward.label == forward.label && backward.labeledBy == forward.labeledBy && backward.confidence == forward.confidence)
        // Equal contributions: the labeller listed first.
        let tie = [
            LabelProposal(unitIndex: 0, scores: [.claim: 0.5], evidence: "", pluginID: "a"),
            LabelProposal(unitIndex: 0, scores: [.claim: 0.5], evidence: "", pluginID: "b"),
        ]
        #expect(LabelCombiner().combine(tie, into: doc()).units[0].annotation.labeledBy == .plugin("a"))
    }

    /// Evidence is made fit for a terminal and XML: an external model's escape sequences and line breaks become
    /// spaces, and a reason stays a reason in length.
    @Test func evidenceIsPrintable() {
        #expect(LabelReason.printable("a\u{1B}[31mb\nc\u{0}d\u{FFFF}  e ") == "a [31mb c d e")
        let long = LabelReason.printable(String(repeating: "长", count: 1000))
        #expect(long.count == LabelReason.evidenceLimit + 1 && long.hasSuffix("…"))
        #expect(LabelReason(plugin: "x\u{7}", label: .claim, score: 0.5, evidence: "\r\n").summary == "x claim 0.50")
        // Nothing cut, nothing marked cut; a right-to-left override would reorder the terminal line after it.
        #expect(LabelReason.printable(String(repeating: "a", count: 300) + "\n") == String(repeating: "a", count: 300))
        #expect(LabelReason.printable("a\u{202E}b") == "a b")
        // A line separator is a space whether or not the rest needs cleaning.
        #expect(LabelReason.printable("x\u{2028}y") == "x y" && LabelReason.printable("x\u{2028}y\u{1}") == "x y")
    }

    /// A labeller's default where it found nothing, and a proposal that prefers no label, are no reasons; a
    /// sentence whose proposals all score 0 keeps its label and its reasons.
    @Test func defaultsAndEmptyProposalsAreNoReasons() {
        var d = doc()
        d.units[1].annotation = SentenceAnnotation(
            label: .evidence, labeledBy: .plugin("m"), labelReasons: [LabelReason(plugin: "m", label: .evidence, score: 0.9, evidence: "")])
        let proposals = [
            LabelProposal(unitIndex: 0, scores: [.claim: 0.2], evidence: "no cue", pluginID: "cues", isFallback: true),
            LabelProposal(unitIndex: 0, scores: [.evidence: 0.7], evidence: "p", pluginID: "m"),
            LabelProposal(unitIndex: 0, scores: [.claim: 0, .example: 0], evidence: "", pluginID: "zero"),
            LabelProposal(unitIndex: 1, scores: [.claim: 0], evidence: "", pluginID: "zero"),
        ]
        let out = LabelCombiner().combine(proposals, into: d)
        #expect(out.units[0].annotation.labelReasons == [LabelReason(plugin: "m", label: .evidence, score: 0.7, evidence: "p")])
        #expect(out.units[1].annotation == d.units[1].annotation)
    }

    @Test func aReasonIsTheProposalsBestLabelClamped() {
        let proposals = [
            LabelProposal(unitIndex: 0, scores: [.evidence: 0.4, .example: 0.4, .claim: 0.1], evidence: "tie", pluginID: "a"),
            LabelProposal(unitIndex: 0, scores: [.background: 1.7], evidence: "", pluginID: "b"),
            LabelProposal(unitIndex: 0, scores: [:], evidence: "silent", pluginID: "c"),
        ]
        let out = LabelCombiner().combine(proposals, into: doc())
        #expect(out.units[0].annotation.labelReasons == [
            LabelReason(plugin: "a", label: .evidence, score: 0.4, evidence: "tie"),  // ties go to the label listed first
            LabelReason(plugin: "b", label: .background, score: 1, evidence: ""),
        ])
        #expect(out.units[1].annotation.labelReasons.isEmpty)
    }

    /// A labeller that scores two labels alike is shown proposing the one the combination chose, so that the
    /// labeller credited with a label is never shown proposing another: the rules' claim and prescription at 2.0
    /// each, settled for the prescription by the model.
    @Test func aTiedReasonShowsTheChosenLabel() {
        let proposals = [
            LabelProposal(unitIndex: 0, scores: [.prescription: 0.6, .claim: 0.2], evidence: "", pluginID: "model"),
            LabelProposal(unitIndex: 0, scores: [.claim: 0.86, .prescription: 0.86], evidence: "本文认为 应当", pluginID: "rules"),
        ]
        let out = LabelCombiner().combine(proposals, into: doc())
        #expect(out.units[0].annotation.label == .prescription)
        #expect(out.units[0].annotation.labeledBy == .plugin("rules"))
        #expect(out.units[0].annotation.labelReasons.map(\.label) == [.prescription, .prescription])
    }

    /// Labels every sentence `label`.
    struct FixedLabeler: Labeler {
        var label: ArgumentLabel
        var descriptor: PluginDescriptor { PluginDescriptor(id: "fixed", kind: .labeler, summary: "", labels: [label]) }
        func propose(for document: Document) -> [LabelProposal] {
            document.units.indices.map { LabelProposal(unitIndex: $0, scores: [label: 1], evidence: "", pluginID: "fixed") }
        }
    }

    /// Relabelling without a linker (--no-tree) drops the machine tree and scores once a label changes; a person's
    /// link stays, and unchanged labels keep the tree.
    @Test func relabellingWithoutALinkerDropsTheMachineTree() throws {
        var d = threeSentences()
        d.units[0].annotation = SentenceAnnotation(label: .claim, confidence: 1, labeledBy: .plugin("a"), score: 0.7, linkedBy: .plugin("link"))
        d.units[1].annotation = SentenceAnnotation(
            label: .claim, confidence: 1, labeledBy: .plugin("a"), parent: "s1", relation: .support, score: 0.5, linkedBy: .plugin("link"),
            linkConfidence: 0.9)
        d.units[2].annotation = SentenceAnnotation(
            label: .claim, confidence: 1, labeledBy: .plugin("a"), parent: "s1", relation: .attack, linkedBy: .human("ana"))
        let unchanged = try Pipeline(labelers: [FixedLabeler(label: .claim)]).run(d)
        #expect(unchanged.units.map(\.annotation.parent) == [nil, "s1", "s1"])
        #expect(unchanged.units[1].annotation.score == 0.5)
        // The same labels with other confidences: the scores' base has moved.
        var unsure = d
        for i in unsure.units.indices { unsure.units[i].annotation.confidence = 0.5 }
        #expect(try Pipeline(labelers: [FixedLabeler(label: .claim)]).run(unsure).units[1].annotation.score == nil)
        let relabelled = try Pipeline(labelers: [FixedLabeler(label: .evidence)]).run(d)
        #expect(relabelled.units.map(\.annotation.label) == [.evidence, .evidence, .evidence])
        #expect(relabelled.units.map(\.annotation.parent) == [nil, nil, "s1"])
        #expect(relabelled.units[0].annotation.linkedBy == nil && relabelled.units[1].annotation.linkConfidence == nil)
        #expect(relabelled.units[2].annotation.linkedBy == .human("ana") && relabelled.units[2].annotation.relation == .attack)
        #expect(relabelled.units.allSatisfy { $0.annotation.score == nil && $0.annotation.explanation == nil })
    }

    /// A tree kept without linking (no labellers, no linker: annotate --labelers none --no-tree on a file edited by
    /// hand) that a person's relabelling broke is mended as review mends it: the background sentence loses its link,
    /// its children hang from the sentence above it, and the scores of the old tree go; a tree that fits is untouched.
    @Test func aKeptTreeThatNoLongerFitsItsLabelsIsMended() throws {
        var d = threeSentences()
        d.units[0].annotation = SentenceAnnotation(label: .claim, confidence: 1, labeledBy: .plugin("a"), score: 0.7, linkedBy: .plugin("link"))
        d.units[1].annotation = SentenceAnnotation(
            label: .claim, confidence: 1, labeledBy: .plugin("a"), parent: "s1", relation: .support, score: 0.5, linkedBy: .plugin("link"))
        d.units[2].annotation = SentenceAnnotation(
            label: .evidence, confidence: 1, labeledBy: .plugin("a"), parent: "s2", relation: .support, score: 0.6, linkedBy: .plugin("link"))
        let fitting = try Pipeline(labelers: []).run(d)
        #expect(fitting.units.map(\.annotation.parent) == [nil, "s1", "s2"] && fitting.units[1].annotation.score == 0.5)
        d.units[1].annotation.label = .background
        d.units[1].annotation.labeledBy = .human("anna")
        let mended = try Pipeline(labelers: []).run(d)
        #expect(mended.units.map(\.annotation.parent) == [nil, nil, "s1"])
        #expect(mended.units[1].annotation.linkedBy == nil && mended.units[1].annotation.relation == nil)
        #expect(mended.units.allSatisfy { $0.annotation.score == nil })
    }

    /// A sentence a person linked, or hung another under, keeps its argumentative label when a run would make it
    /// background (the person's link stays in the tree); a label of unknown origin (no labeledBy) is kept like a
    /// person's.
    @Test func aPersonsLinkKeepsItsParentArgumentative() throws {
        var d = threeSentences()
        d.units[0].annotation = SentenceAnnotation(label: .claim, confidence: 0.9, labeledBy: .plugin("a"), linkedBy: .plugin("link"))
        d.units[1].annotation = SentenceAnnotation(
            label: .claim, confidence: 0.8, labeledBy: .plugin("a"), parent: "s1", relation: .support, linkedBy: .plugin("link"))
        // The kept label keeps what its confidence is: a calibrated one is not taken for this run's share.
        d.units[1].annotation.confidenceScale = .calibrated
        d.units[2].annotation = SentenceAnnotation(
            label: .evidence, confidence: 0.7, labeledBy: .plugin("a"), parent: "s2", relation: .support, linkedBy: .human("dave"))
        let relabelled = try Pipeline(labelers: [FixedLabeler(label: .background)]).run(d)
        #expect(relabelled.units.map(\.annotation.label) == [.background, .claim, .evidence])
        #expect(relabelled.units[1].annotation.labeledBy == .plugin("a") && relabelled.units[1].annotation.confidence == 0.8)
        #expect(relabelled.units[1].annotation.confidenceScale == .calibrated && relabelled.units[0].annotation.confidenceScale == .share)
        var unknown = d
        unknown.units[0].annotation.labeledBy = nil
        #expect(try Pipeline(labelers: [FixedLabeler(label: .background)]).run(unknown).units[0].annotation.label == .claim)
    }

    /// A tree is complete with one root that every argumentative sentence reaches through argumentative ones.
    @Test func treeCompletenessIsOneRootReachedByAll() {
        func tree(_ nodes: [(ArgumentLabel?, String?)]) -> Document {
            var d = doc()
            d.units = nodes.enumerated().map { n, node in
                var unit = TextUnit(id: "s\(n + 1)", kind: .sentence, section: "d1", paragraph: "p1", language: .zh, start: n, end: n + 1, text: "x")
                unit.annotation = SentenceAnnotation(label: node.0, parent: node.1, relation: node.1 == nil ? nil : .support)
                return unit
            }
            d.paragraphs[0].units = 0..<nodes.count
            return d
        }
        #expect(TreeCompletion.isComplete(tree([(.claim, nil), (.evidence, "s1"), (.background, nil)])))
        #expect(TreeCompletion.isComplete(tree([(nil, nil), (.background, nil)])))
        #expect(!TreeCompletion.isComplete(tree([(.claim, nil), (.claim, nil)])))  // two roots
        #expect(!TreeCompletion.isComplete(tree([(.claim, nil), (.background, "s1"), (.evidence, "s2")])))  // under background
        #expect(!TreeCompletion.isComplete(tree([(.claim, nil), (.evidence, "s9")])))  // no such parent
        #expect(!TreeCompletion.isComplete(tree([(.claim, nil), (.background, "s1")])))  // a background sentence linked
        #expect(!TreeCompletion.isComplete(tree([(.claim, nil), (nil, "s1")])))  // an unlabelled one
        #expect(!TreeCompletion.isComplete(tree([(.claim, nil), (.claim, "s3"), (.claim, "s2")])))  // a cycle
        // A link into a sentence outside the tree moves up to the nearest argumentative sentence above it, as
        // review moves a background sentence's children; with none above, it is removed for the linker.
        var relabelled = tree([(.claim, nil), (.background, "s1"), (.evidence, "s2"), (.example, "s2"), (nil, nil), (.evidence, "s5")])
        relabelled.units[2].annotation.linkedBy = .human("alice")
        TreeCompletion.liftLinksOutOfTheTree(&relabelled)
        #expect(relabelled.units.map(\.annotation.parent) == [nil, "s1", "s1", "s1", nil, nil])
        // A person's link moved is no longer the placement the person made: signed provisional, as review signs it.
        #expect(relabelled.units[2].annotation.linkedBy == .plugin(TreeCompletion.provisionalLinker) && relabelled.units[5].annotation.relation == nil)
        #expect(relabelled.units[2].annotation.linkConfidence == TreeCompletion.provisionalConfidence)
        #expect(relabelled.units[3].annotation.linkedBy == nil, "a link of unknown origin stays so")
    }

    @Test func pipelineWithoutStagesChangesNothing() throws {
        #expect(try Pipeline().run(doc()) == doc())
        #expect(Pipeline().unmetRequirements().isEmpty)
    }

    /// A calibration of two labellers; the expected confidences were computed by tools/fit_calibration.py's
    /// `features` and `predict`, which fit the shipped calibrations, so the two stay in step.
    func calibration() throws -> ConfidenceCalibration {
        try ConfidenceCalibration(
            languages: [.zh], labelers: ["a": 1, "b": 2],
            coefficients: [
                "share": 1.5, "a winner log-odds": 0.5, "a other": -1, "b spoke": 0.7, "b winner": 0.3,
                "label claim": 0.2, "label evidence": -0.1, "bias": -0.4,
            ])
    }

    func threeSentences() -> Document {
        var d = doc()
        d.units.append(TextUnit(id: "s3", kind: .sentence, section: "d1", paragraph: "p1", language: .en, start: 3, end: 4, text: "x"))
        d.paragraphs[0].units = 0..<3
        return d
    }

    @Test func calibratedConfidenceMatchesTheFittingScript() throws {
        let proposals = [
            LabelProposal(unitIndex: 0, scores: [.claim: 0.8, .evidence: 0.15], evidence: "", pluginID: "a"),
            LabelProposal(unitIndex: 0, scores: [.claim: 1], evidence: "", pluginID: "b"),
            LabelProposal(unitIndex: 1, scores: [.evidence: 0.6, .claim: 0.3], evidence: "", pluginID: "a"),
            LabelProposal(unitIndex: 2, scores: [.evidence: 0.6, .claim: 0.3], evidence: "", pluginID: "a"),
        ]
        let calibrated = LabelCombiner(weights: ["a": 1, "b": 2], calibrations: [try calibration()]).combine(proposals, into: threeSentences())
        #expect(calibrated.units[0].annotation.label == .claim)
        #expect(calibrated.units[0].annotation.confidence! == FixedDecimal.asStored(0.9395251595814809))
        #expect(calibrated.units[1].annotation.label == .evidence)
        #expect(calibrated.units[1].annotation.confidence! == FixedDecimal.asStored(0.575110376092023))
        // An English sentence is not a language the calibration covers: the share stands.
        #expect(calibrated.units[2].annotation.confidence == 0.6)
        // Labels and labellers are the combiner's either way.
        let raw = LabelCombiner(weights: ["a": 1, "b": 2]).combine(proposals, into: threeSentences())
        #expect(raw.units.map(\.annotation.label) == calibrated.units.map(\.annotation.label))
        #expect(raw.units.map(\.annotation.labeledBy) == calibrated.units.map(\.annotation.labeledBy))
        #expect(raw.units[0].annotation.confidence! == FixedDecimal.asStored(2.8 / 3))
        // The document says what its confidences are: here two calibrated and one share, with no calibration shares.
        #expect(calibrated.confidenceScale == .mixed && raw.confidenceScale == .share)
        var chinese = threeSentences()
        chinese.units[2].language = .zh
        let allCovered = LabelCombiner(weights: ["a": 1, "b": 2], calibrations: [try calibration()]).combine(proposals, into: chinese)
        #expect(allCovered.confidenceScale == .calibrated)
    }

    /// Each sentence says what its confidence is, so the document's scale is worked out from the confidences it
    /// holds: one a run did not relabel keeps its own, and a person's label has none.
    @Test func theDocumentsScaleIsItsConfidences() throws {
        var earlier = doc()
        earlier.units[0].annotation = SentenceAnnotation(label: .claim, confidence: 0.7, labeledBy: .plugin("old"))
        earlier.units[0].annotation.confidenceScale = .share
        earlier.units[1].annotation = SentenceAnnotation(label: .evidence, labeledBy: .human("ana"))
        #expect(earlier.confidenceScale == .share)
        // A run whose labellers speak only for the person's sentence changes nothing: the share stays one.
        let silent = LabelCombiner(weights: ["a": 1, "b": 2], calibrations: [try calibration()])
            .combine([LabelProposal(unitIndex: 1, scores: [.claim: 1], evidence: "", pluginID: "a")], into: earlier)
        #expect(silent.units[0].annotation.confidenceScale == .share && silent.confidenceScale == .share)
        let relabelled = LabelCombiner(weights: ["a": 1, "b": 2], calibrations: [try calibration()])
            .combine([LabelProposal(unitIndex: 0, scores: [.claim: 0.8], evidence: "", pluginID: "a")], into: earlier)
        #expect(relabelled.units[0].annotation.confidenceScale == .calibrated && relabelled.confidenceScale == .calibrated)
        var reviewed = earlier
        reviewed.units[0].annotation.labeledBy = .human("ana")
        #expect(reviewed.confidenceScale == nil)
        #expect(ConfidenceScale(calibrated: 0, shares: 0) == nil && ConfidenceScale(calibrated: 2, shares: 1) == .mixed)
    }

    @Test func calibrationHoldsOnlyForItsLabellersAndWeights() throws {
        let proposals = [
            LabelProposal(unitIndex: 0, scores: [.claim: 0.8, .evidence: 0.15], evidence: "", pluginID: "a"),
            LabelProposal(unitIndex: 0, scores: [.claim: 1], evidence: "", pluginID: "b"),
            LabelProposal(unitIndex: 1, scores: [.evidence: 0.6, .claim: 0.3], evidence: "", pluginID: "a"),
            LabelProposal(unitIndex: 1, scores: [.evidence: 0.9], evidence: "", pluginID: "external"),
        ]
        // Other weights than the fitted ones: no calibration anywhere.
        let reweighted = LabelCombiner(weights: ["a": 1, "b": 1], calibrations: [try calibration()]).combine(proposals, into: doc())
        #expect(reweighted.units[0].annotation.confidence! == FixedDecimal.asStored(1.8 / 2))
        // A labeller the calibration does not list spoke for the second sentence: its share stands; the first is calibrated.
        let added = LabelCombiner(weights: ["a": 1, "b": 2], calibrations: [try calibration()]).combine(proposals, into: doc())
        #expect(added.units[0].annotation.confidence! == FixedDecimal.asStored(0.9395251595814809))
        #expect(added.units[1].annotation.confidence! == FixedDecimal.asStored(1.5 / 2))
        #expect(reweighted.confidenceScale == .share && added.confidenceScale == .mixed)
    }

    /// A calibration for short documents comes first and covers only them; longer ones get the next that fits.
    @Test func aShortTextCalibrationCoversShortDocumentsOnly() throws {
        let short = try ConfidenceCalibration(languages: [.zh], labelers: ["a": 1], coefficients: ["bias": 2], maxSentences: 2)
        let general = try ConfidenceCalibration(languages: [.zh], labelers: ["a": 1], coefficients: ["bias": -2])
        let combiner = LabelCombiner(weights: ["a": 1], calibrations: [short, general])
        let proposals = [LabelProposal(unitIndex: 0, scores: [.claim: 0.5], evidence: "", pluginID: "a")]
        var three = threeSentences()
        three.units[2].language = .zh
        #expect(combiner.combine(proposals, into: doc()).units[0].annotation.confidence! == FixedDecimal.asStored(1 / (1 + exp(-2))))
        #expect(combiner.combine(proposals, into: three).units[0].annotation.confidence! == FixedDecimal.asStored(1 / (1 + exp(2))))
        #expect(throws: CalibrationError.self) { try ConfidenceCalibration(languages: [.zh], labelers: ["a": 1], coefficients: [:], maxSentences: 0) }
    }

    @Test func calibrationRefusesWhatItCannotUse() {
        #expect(throws: CalibrationError.self) { try ConfidenceCalibration(languages: [.zh], labelers: ["a": 1], coefficients: ["a winer": 1]) }
        #expect(throws: CalibrationError.self) { try ConfidenceCalibration(languages: [.zh], labelers: ["a": 0], coefficients: [:]) }
        #expect(throws: CalibrationError.self) { try ConfidenceCalibration(languages: [], labelers: ["a": 1], coefficients: [:]) }
        #expect(throws: CalibrationError.self) { try ConfidenceCalibration(languages: [.zh], labelers: ["a": 1], coefficients: ["bias": .nan]) }
        do {
            _ = try ConfidenceCalibration(languages: [.zh], labelers: ["a": 1], coefficients: ["a winer": 1])
        } catch {
            #expect(error.description.contains("\"a winer\""))
        }
    }
}
