import ArgMarkCore
import Testing

@testable import ArgMarkEval

func document(_ spans: [(Int, Int, ArgumentLabel?)], ids: [String]? = nil) -> Document {
    var doc = Document(id: "d", sections: [Section(id: "d1", level: 1, heading: nil, parent: nil)])
    for (n, span) in spans.enumerated() {
        doc.units.append(TextUnit(id: ids?[n] ?? "s\(n + 1)", kind: .sentence, section: "d1", paragraph: "p1", language: .zh,
                                  start: span.0, end: span.1, text: "t\(span.0)-\(span.1)", annotation: SentenceAnnotation(label: span.2)))
    }
    doc.paragraphs = [Paragraph(id: "p1", section: "d1", language: .zh, units: 0..<spans.count)]
    return doc
}

struct LabelEvaluationTests {
    @Test func perfectAgreement() {
        let gold = document([(0, 5, .claim), (5, 9, .evidence), (9, 12, .prescription)])
        let (e, matching) = LabelEvaluator.evaluate(gold: gold, predicted: gold)
        #expect(matching == .id)
        #expect(e.accuracy == 1)
        #expect(e.macroF1 == 1)
        #expect(e.kappa == 1)
    }

    @Test func handComputedScores() {
        // gold: C C E E P ; pred: C E E E none
        let gold = document([(0, 1, .claim), (1, 2, .claim), (2, 3, .evidence), (3, 4, .evidence), (4, 5, .prescription)])
        let pred = document([(0, 1, .claim), (1, 2, .evidence), (2, 3, .evidence), (3, 4, .evidence), (4, 5, nil)])
        let (e, _) = LabelEvaluator.evaluate(gold: gold, predicted: pred)
        let claim = e.scores[0]
        #expect(claim.precision == 1 && claim.recall == 0.5)
        let evidence = e.scores[1]
        #expect(abs(evidence.precision - 2.0 / 3) < 1e-12 && evidence.recall == 1)
        #expect(e.scores[3].f1 == 0)
        #expect(e.confusion[3][LabelEvaluation.noneIndex] == 1)
        // macro-F1 over the three gold labels: (2/3 + 0.8 + 0) / 3
        #expect(abs(e.macroF1 - (2.0 / 3 + 0.8) / 3) < 1e-12)
        #expect(e.accuracy == 0.6)
        // kappa: po = 0.6; pe = (2/5)(1/5) + (2/5)(3/5) + (1/5)(0) + 0 + (0)(1/5) = 0.32
        #expect(abs(e.kappa - (0.6 - 0.32) / (1 - 0.32)) < 1e-12)
        // Example and background, which neither side uses, have no scores in the report (not 0, which an average of
        // the rows would take in); prescription, in the gold but never predicted, has recall and F1 0 and no precision
        // (0 of 0 predictions).
        let report = EvaluationReport(evaluation: e, perDocument: [])
        #expect(report.text().contains("example                -       -       -      0      0"))
        #expect(report.text().contains("prescription           -   0.000   0.000      1      0"))
        #expect(report.json().contains(#""example":{"precision":null,"recall":null,"f1":null,"support":0,"predicted":0}"#))
        #expect(report.json().contains(#""prescription":{"precision":null,"recall":0,"f1":0,"support":1,"predicted":0}"#))
    }

    /// A label predicted but not in the gold has precision 0 and no recall (0 of 0 gold sentences), as a label in the
    /// gold but never predicted has no precision.
    @Test func aRateOutOfNothingIsNone() {
        let gold = document([(0, 1, .claim), (1, 2, .claim)])
        let pred = document([(0, 1, .claim), (1, 2, .prescription)])
        let (e, _) = LabelEvaluator.evaluate(gold: gold, predicted: pred)
        let report = EvaluationReport(evaluation: e, perDocument: [])
        #expect(report.text().contains("prescription       0.000       -   0.000      0      1"))
        #expect(report.json().contains(#""prescription":{"precision":0,"recall":null,"f1":0,"support":0,"predicted":1}"#))
    }

    /// A prediction that holds fewer sentences than the gold (paired by id), or leaves some unlabelled (a label table
    /// cut short), is counted, not only scored as misses.
    @Test func aPredictionCutShortIsCounted() {
        let gold = document([(0, 1, .claim), (1, 2, .evidence), (2, 3, .evidence)])
        let (short, _) = LabelEvaluator.evaluate(gold: gold, predicted: document([(0, 1, .claim), (1, 2, .evidence)]), matching: .id)
        #expect(short.goldWithoutPrediction == 1 && short.predictionsWithoutLabel == 0)
        #expect(short.confusion[1][LabelEvaluation.noneIndex] == 1)
        let (unlabelled, _) = LabelEvaluator.evaluate(gold: gold, predicted: document([(0, 1, .claim), (1, 2, nil), (2, 3, nil)]))
        #expect(unlabelled.goldWithoutPrediction == 0 && unlabelled.predictionsWithoutLabel == 2)
        let report = EvaluationReport(evaluation: unlabelled, perDocument: [])
        #expect(report.text().contains("predicted without a label 2"))
        #expect(report.json().contains(#""goldWithoutPrediction":0,"predictionsWithoutLabel":2"#))
        // A document no prediction file was given for is named apart (missingPredictions), not counted here.
        let (absent, _) = LabelEvaluator.evaluate(gold: gold, predicted: gold.removingAnnotations(), noPredictionFile: true)
        #expect(absent.goldWithoutPrediction == 0 && absent.predictionsWithoutLabel == 0 && absent.confusion[1][LabelEvaluation.noneIndex] == 2)
        // Between two annotators an unlabelled side is skipped, as before, not counted here.
        let (agreement, _) = LabelEvaluator.evaluate(gold: gold, predicted: document([(0, 1, .claim), (1, 2, nil), (2, 3, nil)]), agreement: true)
        #expect(agreement.predictionsWithoutLabel == 0 && agreement.unlabeledPredicted == 2)
    }

    @Test func confidencesAreScoredAgainstTheLabels() {
        // gold: C C E E P ; pred: C 0.9 (right), E 0.8 (wrong), E 0.7, E 0.3 (right), none (not scored for confidence)
        let gold = document([(0, 1, .claim), (1, 2, .claim), (2, 3, .evidence), (3, 4, .evidence), (4, 5, .prescription)])
        var pred = document([(0, 1, .claim), (1, 2, .evidence), (2, 3, .evidence), (3, 4, .evidence), (4, 5, nil)])
        for (i, c) in [0.9, 0.8, 0.7, 0.3].enumerated() { pred.units[i].annotation.confidence = c }
        let (e, _) = LabelEvaluator.evaluate(gold: gold, predicted: pred)
        let c = e.confidence
        #expect(c.count == 4 && c.errors == 1)
        #expect(abs(c.meanConfidence - 0.675) < 1e-12 && c.accuracy == 0.75)
        // Four one-label bins: |0.9 − 1| + |0.8 − 0| + |0.7 − 1| + |0.3 − 1|, each a quarter of the labels.
        #expect(abs(c.calibrationError - (0.1 + 0.8 + 0.3 + 0.7) / 4) < 1e-12)
        // Of the three right labels only the 0.9 is above the wrong 0.8.
        #expect(abs(c.ranking! - 1.0 / 3) < 1e-12)
        #expect(c.errorsInLeastConfidentFifth == nil)  // a fifth of four labels is none
        #expect(EvaluationReport(evaluation: e, perDocument: []).text().contains("calibration error (ECE, 10 bins) 0.475"))
        #expect(EvaluationReport(evaluation: e, perDocument: []).json().contains("\"confidence\":{\"labels\":4,\"mean\":0.675,\"accuracy\":0.75,\"calibrationError\":0.475,\"auroc\":0.3333,\"errorsInLeastConfidentFifth\":null,\"fromShares\":0,\"fromUnsaid\":4}"))
        // A prediction that does not say what its confidences are is said to, as report says it.
        #expect(!EvaluationReport(evaluation: e, perDocument: []).text().contains("shares"))
        #expect(EvaluationReport(evaluation: e, perDocument: []).text().contains("(the prediction does not say whether they are calibrated)"))
        // Confidences a prediction records as shares are said to be no probabilities; a calibrated one's are not.
        var shares = pred
        for i in shares.units.indices { shares.units[i].annotation.confidenceScale = .share }
        let fromShares = LabelEvaluator.evaluate(gold: gold, predicted: shares).evaluation
        #expect(fromShares.confidence.fromShares == 4)
        #expect(EvaluationReport(evaluation: fromShares, perDocument: []).text().contains("(the labellers' shares, not calibrated probabilities)"))
        var calibrated = pred
        for i in calibrated.units.indices { calibrated.units[i].annotation.confidenceScale = .calibrated }
        var both = LabelEvaluator.evaluate(gold: gold, predicted: calibrated).evaluation
        #expect(both.confidence.fromShares == 0 && both.confidence.fromUnsaid == 0)
        #expect(!EvaluationReport(evaluation: both, perDocument: []).text().contains("do not say"))
        both.merge(fromShares)
        #expect(EvaluationReport(evaluation: both, perDocument: []).text().contains("(4 of them the labellers' shares, not calibrated probabilities)"))
        // A human's label is no prediction with a confidence; documents pool.
        pred.units[0].annotation.labeledBy = .human("ana")
        var pooled = LabelEvaluator.evaluate(gold: gold, predicted: pred).evaluation
        #expect(pooled.confidence.count == 3)
        pooled.merge(e)
        #expect(pooled.confidence.count == 7 && pooled.confidence.errors == 2)
        #expect(pooled.confidence.errorsInLeastConfidentFifth == 0)  // the lowest of seven is a right 0.3
        var ranked = ConfidenceEvaluation()
        for (c, right) in [(0.2, false), (0.4, true), (0.5, false), (0.6, true), (0.9, true)] { ranked.add(confidence: c, right: right) }
        #expect(ranked.errorsInLeastConfidentFifth == 0.5)  // the lowest one of five holds one of the two errors
        var tied = ConfidenceEvaluation()
        for right in [true, false, true, true, true, true, false, true, true, true] { tied.add(confidence: 1, right: right) }
        #expect(tied.errorsInLeastConfidentFifth == 0.2)  // all tied: a fifth of the errors, whatever the order
        // Two annotators: no confidences are scored, so the figures do not depend on which file comes first.
        #expect(LabelEvaluator.evaluate(gold: gold, predicted: pred, agreement: true).evaluation.confidence.count == 0)
    }

    /// The sentences labelled otherwise are kept, in the gold's order, with what the prediction says about them, and
    /// the table lists each on one line of ten fields.
    @Test func disagreementsAreListed() {
        // gold: C C E P ; pred: C E(0.8, a cue's reason) E none
        let gold = document([(0, 1, .claim), (1, 2, .claim), (2, 3, .evidence), (3, 4, .prescription)])
        var pred = document([(0, 1, .claim), (1, 2, .evidence), (2, 3, .evidence), (3, 4, nil)])
        pred.units[1].annotation.confidence = 0.8125
        pred.units[1].annotation.confidenceScale = .share
        pred.units[1].annotation.labeledBy = .plugin("label.cue.zh.v1")
        pred.units[1].annotation.labelReasons = [LabelReason(plugin: "label.cue.zh.v1", label: .evidence, score: 0.8, evidence: "据统计")]
        var gold2 = gold
        gold2.units[1].text = "a\tb\nc"
        let (e, _) = LabelEvaluator.evaluate(gold: gold2, predicted: pred)
        #expect(e.disagreements.map(\.sentence) == ["s2", "s4"])
        #expect(e.disagreements[0].gold == .claim && e.disagreements[0].predicted == .evidence && e.disagreements[0].confidence == 0.8125)
        #expect(e.disagreements[1].predicted == nil && e.disagreements[1].predictedSentence == nil)
        let table = EvaluationReport(evaluation: e, perDocument: [("doc.jsonl", e, .id)]).disagreementTable()
        let rows = table.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(rows.count == 3 && rows.allSatisfy { $0.split(separator: "\t", omittingEmptySubsequences: false).count == 10 })
        // The confidence as the file stores it (four places), so that the row can be found in the JSONL.
        #expect(rows[1] == "doc.jsonl\ts2\t-\tclaim\tevidence\t0.8125\tlabel.cue.zh.v1\tlabel.cue.zh.v1 evidence 0.80 (据统计)\ta b c\tshare")
        #expect(rows[2] == "doc.jsonl\ts4\t-\tprescription\t-\t-\t-\t-\tt3-4\t-")
        // Pooled documents keep each one's list; two annotators' unlabelled sentences are skipped, not listed.
        var pooled = e
        pooled.merge(e)
        #expect(pooled.disagreements.count == 4)
        #expect(LabelEvaluator.evaluate(gold: gold, predicted: pred, agreement: true).evaluation.disagreements.map(\.sentence) == [])
        // Paired by text across segmentations, the predicted sentence's own id is named when it is another.
        let resegmented = document([(0, 1, .claim), (1, 2, .evidence), (2, 3, .evidence), (3, 4, .prescription)], ids: ["a1", "a2", "a3", "a4"])
        let byText = LabelEvaluator.evaluate(gold: gold, predicted: resegmented, matching: .offsets).evaluation
        #expect(byText.disagreements.map(\.sentence) == ["s2"] && byText.disagreements[0].predictedSentence == "a2")
    }

    /// The gold's thesis is the sentence it marks as the root (ROOT in a table), not the first argumentative sentence
    /// without a parent, which may be an unlinked remark before it.
    @Test func theMarkedThesisIsTheGoldThesis() {
        var gold = document([(0, 1, .claim), (1, 2, .claim), (2, 3, .evidence)])
        gold.units[1].annotation.linkedBy = .human("gold")
        gold.units[2].annotation.parent = "s2"
        gold.units[2].annotation.relation = .support
        var predicted = gold
        predicted.units[1].annotation.linkedBy = .plugin("link.rules.v1")
        let tree = LabelEvaluator.evaluate(gold: gold, predicted: predicted).evaluation.tree
        #expect(tree.theses == 1 && tree.thesesFound == 1 && tree.linked == 1 && tree.sameParent == 1)
        gold.units[1].annotation.linkedBy = nil
        // Unmarked: the first argumentative sentence without a parent, as before.
        #expect(LabelEvaluator.evaluate(gold: gold, predicted: predicted).evaluation.tree.thesesFound == 1)
    }

    @Test func withoutConfidencesThereIsNoConfidenceLine() {
        let gold = document([(0, 5, .claim), (5, 9, .evidence)])
        let (e, _) = LabelEvaluator.evaluate(gold: gold, predicted: gold)
        #expect(e.confidence.count == 0 && e.confidence.ranking == nil && e.confidence.errorsInLeastConfidentFifth == nil)
        #expect(!EvaluationReport(evaluation: e, perDocument: []).text().contains("confidence:"))
        #expect(EvaluationReport(evaluation: e, perDocument: []).json().contains("\"confidence\":null,"))
    }

    @Test func differentSegmentationsAreMatchedByOffsetsWhenAsked() {
        let gold = document([(0, 10, .claim), (10, 20, .evidence)])
        let pred = document([(0, 4, .background), (4, 10, .claim), (10, 20, .evidence)])
        let (e, matching) = LabelEvaluator.evaluate(gold: gold, predicted: pred, matching: .offsets)
        #expect(matching == .offsets)
        #expect(e.accuracy == 1)
    }

    func textDocument(_ sentences: [(String, ArgumentLabel?)], offset: Int = 0) -> Document {
        var doc = document(sentences.map { _ in (0, 1, nil) })
        var position = offset
        for (i, (text, label)) in sentences.enumerated() {
            doc.units[i].text = text
            doc.units[i].start = position
            doc.units[i].end = position + text.unicodeScalars.count
            doc.units[i].annotation.label = label
            position += text.unicodeScalars.count + 2
        }
        return doc
    }

    /// Paired by offsets, a gold clause that lies in its predicted sentence (or holds it) is the same text segmented
    /// otherwise, not another text; a sentence of other words is.
    @Test func offsetsCountOnlyOtherWordsAsAnotherText() {
        let gold = textDocument([("Cities underprice parking,", .claim), ("and cruising fills streets.", .claim)])
        let pred = textDocument([("Cities underprice parking, and cruising fills streets.", .claim)])
        #expect(LabelEvaluator.evaluate(gold: gold, predicted: pred, matching: .offsets).evaluation.pairedTextDiffers == 0)
        let other = textDocument([("Rents rose by 12 percent in 2019 across the region.", .evidence)])
        #expect(LabelEvaluator.evaluate(gold: gold, predicted: other, matching: .offsets).evaluation.pairedTextDiffers == 2)
    }

    /// Files segmented, spaced and offset differently pair by their text; an added sentence is passed over and an
    /// edited one takes the place its neighbours leave it.
    @Test func differentSegmentationsOfOneTextAreMatchedByText() {
        let gold = textDocument([
            ("Cities underprice parking.", .claim), ("Cruising makes up 30 percent of traffic.", .evidence),
            ("In SFpark, cruising fell by half.", .example), ("Cities should price parking.", .prescription),
        ])
        let pred = textDocument([
            ("Cities  underprice parking.", .claim), ("[Editor's note: revised.]", .background),
            ("Cruising makes up 30 percent", .evidence), ("of traffic.", .claim), ("In SFpark, cruising fell by a half.", .example),
            ("Cities should price parking.", .prescription),
        ], offset: 7)
        let (e, matching) = LabelEvaluator.evaluate(gold: gold, predicted: pred)
        #expect(matching == .text)
        #expect(e.accuracy == 1 && e.total == 4)
        #expect(e.textNotFound == 1)
        // Another document holds none of the gold's text.
        let other = textDocument([("Completely different words here.", .claim), ("Nothing in common at all.", .claim)])
        #expect(LabelEvaluator.evaluate(gold: gold, predicted: other).evaluation.textNotFound == 4)
        #expect(LabelEvaluator.evaluate(gold: gold, predicted: other).evaluation.textOutOfOrder == 0)
        // The same text with its halves swapped: paired in order, half is not where the others place it, and all of
        // that half stands elsewhere in the prediction (what eval tells, rather than "not in the text").
        let swapped = textDocument(Array([
            ("In SFpark, cruising fell by half.", ArgumentLabel.example), ("Cities should price parking.", .prescription),
            ("Cities underprice parking.", .claim), ("Cruising makes up 30 percent of traffic.", .evidence),
        ]))
        let reordered = LabelEvaluator.evaluate(gold: gold, predicted: swapped, matching: .text).evaluation
        #expect(reordered.textNotFound == 2 && reordered.textOutOfOrder == 2)
        #expect(e.textOutOfOrder == 0, "an edited sentence is nowhere else")
        // A salutation said twice and edited once: its text stands only where the other one was found.
        let greeted = textDocument([("Dear members.", .background), ("Rents rose by 12 percent.", .evidence), ("Dear members.", .background), ("Cities should act.", .prescription)])
        let edited = textDocument([("Dear members.", .background), ("Rents rose by 12 percent.", .evidence), ("Dear fellow members.", .background), ("Cities should act.", .prescription)])
        let salutation = LabelEvaluator.evaluate(gold: greeted, predicted: edited, matching: .text).evaluation
        #expect(salutation.textNotFound == 1 && salutation.textOutOfOrder == 0)
    }

    /// A prediction of the text set otherwise — ASCII punctuation for full-width, straight quotes for curly ones, a
    /// zero-width space or a soft hyphen inside a word — pairs by text, sentence by sentence.
    @Test func typesettingDoesNotKeepSentencesApart() {
        let gold = textDocument([
            ("本文认为，“规则”之争：实质是发展模式之争。", .claim), ("据统计，2023年贸易额增长了５％。", .evidence),
            ("We argue that ‘rules’ matter — a lot.", .claim),
        ])
        let pred = textDocument([
            ("本文认为,\"规则\"之争:实质是发展模式之争.", .claim), ("据统计,2023年贸易\u{200B}额增长了5%。", .evidence),
            ("We argue that 'rules' mat\u{00AD}ter - a lot.", .claim),
        ], offset: 3)
        let (e, matching) = LabelEvaluator.evaluate(gold: gold, predicted: pred, matching: .text)
        #expect(matching == .text && e.textNotFound == 0 && e.accuracy == 1 && e.total == 3)
    }

    /// A sentence edited in the prediction whose old text occurs again later does not drag the pairing there: the
    /// sentences found once fix the alignment.
    @Test func anEditedSentenceRepeatedLaterDoesNotDerailThePairing() {
        let body: [(String, ArgumentLabel?)] = [
            ("We reviewed twelve cities in detail.", .background), ("Costs rose sharply last year.", .evidence),
            ("Prices must fall now in every city.", .prescription), ("Voters agree with this view.", .claim),
            ("Boston is one example of it.", .example), ("We reviewed twelve cities in detail.", .background),
            ("Parking should be priced.", .claim),
        ]
        var edited = body
        edited[0].0 = "We reviewed 12 cities in detail."
        let (e, matching) = LabelEvaluator.evaluate(gold: textDocument(body), predicted: textDocument(edited, offset: 3))
        #expect(matching == .text)
        #expect(e.accuracy == 1 && e.textNotFound == 1)
    }

    /// Sentences that open alike by the thousand (a survey's answers) are too many to index: each is looked for near
    /// the one before it. A sentence with no text leaves its neighbour's place to the one before it.
    @Test func sentencesOpeningAlikeAndEmptyOnesPair() {
        let answers: [(String, ArgumentLabel?)] = (0..<1_500).map { ("Respondent answer number \($0) is yes.", $0 % 2 == 0 ? .claim : .evidence) }
        let (e, _) = LabelEvaluator.evaluate(gold: textDocument(answers), predicted: textDocument(answers, offset: 1), matching: .text)
        #expect(e.accuracy == 1 && e.textNotFound == 0)
        let gold = textDocument([("Parking is underpriced in most cities.", .claim), ("", .claim), ("Boston is one example of it.", .example)])
        let pred = textDocument([("Parking is underpriced in most cities.", .claim), ("Boston is an example of it.", .example)])
        let (f, _) = LabelEvaluator.evaluate(gold: gold, predicted: pred, matching: .text)
        #expect(f.confusion[2][2] == 1)
    }

    @Test func longestRisingRun() {
        let values = [3, 1, 4, 1, 5, 9, 2, 6]
        let run = Spans.longestRisingRun(values)
        #expect(run.count == 4 && zip(run, run.dropFirst()).allSatisfy { $0 < $1 && values[$0] < values[$1] })
        #expect(Spans.longestRisingRun([]).isEmpty)
    }

    /// Between two annotators a sentence either one left unlabelled is skipped, so κ does not depend on the order.
    @Test func agreementIsSymmetric() {
        let a = document([(0, 1, .claim), (1, 2, .evidence), (2, 3, .claim), (3, 4, .example), (4, 5, .claim)])
        let b = document([(0, 1, .claim), (1, 2, .claim), (2, 3, .claim), (3, 4, .example), (4, 5, nil)])
        let ab = LabelEvaluator.evaluate(gold: a, predicted: b, agreement: true).evaluation
        let ba = LabelEvaluator.evaluate(gold: b, predicted: a, agreement: true).evaluation
        #expect(ab.total == 4 && ba.total == 4 && ab.unlabeledPredicted == 1 && ba.unlabeledGold == 1)
        #expect(abs(ab.kappa - ba.kappa) < 1e-12)
        // Neither file is the gold: macro-F1 averages over the labels either annotator used (evidence is a's only).
        #expect(abs(ab.macroF1 - ba.macroF1) < 1e-12 && ab.scores.filter { $0.support > 0 || $0.predicted > 0 }.count == 3)
        // Scoring a system, an unlabelled prediction is a miss.
        #expect(LabelEvaluator.evaluate(gold: a, predicted: b).evaluation.total == 5)
    }

    /// Two reviewers' copies of one annotated file share the machine labels neither touched: between annotators
    /// those sentences are left out (counted), so that three disagreements among ten do not read as κ 0.9.
    @Test func agreementLeavesOutMachineLabels() {
        var a = document((0..<10).map { ($0, $0 + 1, ArgumentLabel.claim) })
        for i in 0..<10 { a.units[i].annotation.labeledBy = .plugin("label.model.zh.v1") }
        var b = a
        for (i, (x, y)) in [(ArgumentLabel.claim, ArgumentLabel.evidence), (.example, .background), (.evidence, .prescription)].enumerated() {
            a.units[i].annotation.label = x
            a.units[i].annotation.labeledBy = .human("alice")
            b.units[i].annotation.label = y
            b.units[i].annotation.labeledBy = .human("bob")
        }
        // Links a linker set on either side are left out of the tree figures the same way.
        for i in 1..<10 {
            a.units[i].annotation.parent = "s1"
            a.units[i].annotation.relation = .support
            a.units[i].annotation.linkedBy = i == 1 ? .human("alice") : .plugin("link.learned.v1")
            b.units[i].annotation.parent = "s1"
            b.units[i].annotation.relation = .support
            b.units[i].annotation.linkedBy = i == 1 ? .human("bob") : .plugin("link.learned.v1")
        }
        let e = LabelEvaluator.evaluate(gold: a, predicted: b, agreement: true).evaluation
        #expect(e.total == 3 && e.machineLabelsSkipped == 7 && e.accuracy == 0)
        #expect(e.tree.linked == 1 && LabelEvaluator.evaluate(gold: a, predicted: b).evaluation.tree.linked == 9)
        #expect(LabelEvaluator.evaluate(gold: b, predicted: a, agreement: true).evaluation.kappa == e.kappa)
        // Scoring a system, every label counts.
        #expect(LabelEvaluator.evaluate(gold: a, predicted: b).evaluation.total == 10)
    }

    @Test func unlabelledGoldIsSkipped() {
        let gold = document([(0, 1, .claim), (1, 2, nil)])
        let (e, _) = LabelEvaluator.evaluate(gold: gold, predicted: gold)
        #expect(e.total == 1 && e.unlabeledGold == 1)
    }

    @Test func mergingPoolsCounts() {
        let gold = document([(0, 1, .claim)])
        var total = LabelEvaluation()
        total.merge(LabelEvaluator.evaluate(gold: gold, predicted: gold).evaluation)
        total.merge(LabelEvaluator.evaluate(gold: gold, predicted: document([(0, 1, .example)])).evaluation)
        #expect(total.total == 2 && total.accuracy == 0.5 && total.documents == 2)
    }

    @Test func reportsRender() {
        let gold = document([(0, 1, .claim), (1, 2, .evidence)])
        let (e, m) = LabelEvaluator.evaluate(gold: gold, predicted: gold)
        let report = EvaluationReport(evaluation: e, perDocument: [("d.jsonl", e, m)])
        #expect(report.text().contains("macro-F1 1.000"))
        #expect(report.json().hasPrefix("{\"overall\":{\"sentences\":2,\"accuracy\":1,\"macroF1\":1,\"kappa\":1,"))
    }

    @Test func worseThanChanceRendersANegativeKappa() {
        // Every label swapped: κ = −1 for the document, which the report used to crash on (a negative count).
        let gold = document([(0, 1, .claim), (1, 2, .evidence), (2, 3, .claim), (3, 4, .evidence)])
        let swapped = document([(0, 1, .evidence), (1, 2, .claim), (2, 3, .evidence), (3, 4, .claim)])
        let (e, m) = LabelEvaluator.evaluate(gold: gold, predicted: swapped)
        #expect(e.kappa < -0.1)
        let text = EvaluationReport(evaluation: e, perDocument: [("d.jsonl", e, m)]).text()
        #expect(text.contains("kappa -1.000"))
    }

    @Test(arguments: [(0.5, "0.500"), (0.0504, "0.050"), (-0.125, "-0.125"), (-0.0004, "0.000"), (1, "1.000"), (-1, "-1.000"), (Double.nan, "nan")])
    func threeDecimals(_ value: Double, _ text: String) {
        #expect(FixedDecimal.threePlaces(value) == text)
    }
}
