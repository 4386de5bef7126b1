import ArgMarkCore
import Testing

@testable import ArgMarkEval

/// A document of `gold.count` sentences, its gold labels and a prediction of them, scored.
private func scored(_ gold: [ArgumentLabel], _ predicted: [ArgumentLabel?]) -> LabelEvaluation {
    let spans = gold.indices.map { ($0, $0 + 1, Optional(gold[$0])) }
    let prediction = predicted.indices.map { ($0, $0 + 1, predicted[$0]) }
    return LabelEvaluator.evaluate(gold: document(spans), predicted: document(prediction)).evaluation
}

/// `count` sentences cycling through four labels, and a prediction that gets every `wrongEvery`-th one wrong
/// (called the next label), or none (0).
private func corpus(_ count: Int, wrongEvery: Int, offset: Int = 0) -> LabelEvaluation {
    let labels: [ArgumentLabel] = [.claim, .evidence, .example, .prescription]
    let gold = (0..<count).map { labels[$0 % 4] }
    let predicted = gold.indices.map { i -> ArgumentLabel? in
        wrongEvery > 0 && (i + offset) % wrongEvery == 0 ? labels[(i + 1) % 4] : gold[i]
    }
    return scored(gold, predicted)
}

struct SignificanceTests {
    @Test func mcNemarIsTheExactBinomialTest() {
        #expect(Bootstrap.mcNemar(0, 0) == 1)
        // 10 : 0 discordant sentences: 2 × ½¹⁰.
        #expect(abs(Bootstrap.mcNemar(10, 0) - 2.0 / 1024) < 1e-12)
        #expect(Bootstrap.mcNemar(0, 10) == Bootstrap.mcNemar(10, 0))
        // 3 : 5 of 8: 2 × (1 + 8 + 28 + 56) / 256.
        #expect(abs(Bootstrap.mcNemar(3, 5) - 186.0 / 256) < 1e-12)
        #expect(Bootstrap.mcNemar(4, 4) == 1)
        // Large counts stay finite: 600 : 400 is far from even.
        let p = Bootstrap.mcNemar(600, 400)
        #expect(p > 0 && p < 1e-9)
    }

    @Test func percentilesInterpolateBetweenOrderStatistics() {
        let values = (0...100).map(Double.init).reversed()
        let interval = Bootstrap.percentiles(Array(values), level: 0.9)
        #expect(abs(interval.lower - 5) < 1e-9 && abs(interval.upper - 95) < 1e-9)
        #expect(Bootstrap.percentiles([0, 1], level: 0.5) == Interval(lower: 0.25, upper: 0.75))
    }

    @Test func theTallyScoresAsTheEvaluationDoes() {
        let e = scored([.claim, .claim, .evidence, .evidence, .prescription], [.claim, .evidence, .evidence, .evidence, nil])
        #expect(e.scored.count == 5)
        #expect(e.scored[4] == LabelEvaluation.ScoredSentence(gold: 3, predicted: UInt8(LabelEvaluation.noneIndex)))
        let tally = Tally(e)
        #expect(abs(tally.macroF1 - e.macroF1) < 1e-12)
        #expect(tally.accuracy == e.accuracy)
        #expect(abs(tally.kappa - e.kappa) < 1e-12)
        var pooled = e
        pooled.merge(e)
        #expect(pooled.scored.count == 10)
    }

    @Test func bootstrapIntervalsAreSeededAndHoldTheEstimate() {
        let documents = (0..<12).map { corpus(40, wrongEvery: 3 + $0 % 4, offset: $0) }
        var pooled = LabelEvaluation()
        for d in documents { pooled.merge(d) }
        for unit in ResamplingUnit.allCases {
            let a = Bootstrap.estimate(documents, unit: unit, resamples: 400)
            let b = Bootstrap.estimate(documents, unit: unit, resamples: 400)
            #expect(a == b)
            #expect(a.population == (unit == .documents ? 12 : 480))
            #expect(a.macroF1.contains(pooled.macroF1) && a.accuracy.contains(pooled.accuracy) && a.kappa.contains(pooled.kappa))
            #expect(a.macroF1.upper - a.macroF1.lower > 0.005)
            // Each gold label's F1 has an interval around it; background, which the gold lacks, has none.
            #expect(a.labelF1.count == 5 && a.labelF1[4] == nil)
            for (k, score) in pooled.scores.prefix(4).enumerated() { #expect(a.labelF1[k]!.contains(score.f1)) }
            #expect(Bootstrap.estimate(documents, unit: unit, resamples: 400, seed: 7) != a)
        }
        // Documents that differ more than their sentences do: drawing documents shows it, drawing sentences does not.
        let uneven = (0..<12).map { corpus(40, wrongEvery: $0 < 6 ? 0 : 2) }
        let byDocument = Bootstrap.estimate(uneven, unit: .documents, resamples: 400).accuracy
        let bySentence = Bootstrap.estimate(uneven, unit: .sentences, resamples: 400).accuracy
        #expect(byDocument.upper - byDocument.lower > 2 * (bySentence.upper - bySentence.lower))
        // A perfect labelling has nothing to vary.
        let perfect = Bootstrap.estimate([corpus(20, wrongEvery: 0)], unit: .sentences, resamples: 50)
        #expect(perfect.macroF1 == Interval(lower: 1, upper: 1) && perfect.accuracy == Interval(lower: 1, upper: 1)
            && perfect.kappa == Interval(lower: 1, upper: 1))
        #expect(ResamplingUnit.automatic(documents: 9) == .sentences && ResamplingUnit.automatic(documents: 10) == .documents)
    }

    @Test func aPairedComparisonOfTheSameLabellingFindsNoDifference() throws {
        let documents = (0..<3).map { corpus(30, wrongEvery: 4, offset: $0) }
        let c = try Bootstrap.compare(documents.enumerated().map { ("d\($0)", $1, $1) }, unit: .sentences, resamples: 200)
        #expect(c.macroF1Difference == 0 && c.macroF1DifferenceInterval == Interval(lower: 0, upper: 0))
        #expect(c.candidateBetterShare == 0.5)
        #expect(c.onlyCandidateRight == 0 && c.onlyBaselineRight == 0 && c.mcNemarP == 1)
    }

    @Test func aPairedComparisonFindsARealDifference() throws {
        let better = (0..<12).map { corpus(40, wrongEvery: 10, offset: $0) }
        let worse = (0..<12).map { corpus(40, wrongEvery: 3, offset: $0) }
        let pairs = (0..<12).map { ("d\($0)", better[$0], worse[$0]) }
        for unit in ResamplingUnit.allCases {
            let c = try Bootstrap.compare(pairs, unit: unit, resamples: 300)
            #expect(c.macroF1Difference > 0.1 && c.macroF1DifferenceInterval.lower > 0 && c.accuracyDifferenceInterval.lower > 0)
            #expect(c.candidateBetterShare == 1)
            #expect(c.mcNemarP < 1e-6)
            // Swapped, everything turns round.
            let swapped = try Bootstrap.compare(pairs.map { ($0.0, $0.2, $0.1) }, unit: unit, resamples: 300)
            #expect(abs(swapped.macroF1Difference + c.macroF1Difference) < 1e-12 && swapped.macroF1DifferenceInterval.upper < 0)
            #expect(swapped.candidateBetterShare == 0 && swapped.onlyBaselineRight == c.onlyCandidateRight && swapped.mcNemarP == c.mcNemarP)
        }
        // The discordant sentences: wrong only every third, or only every tenth.
        let c = try Bootstrap.compare(pairs, unit: .sentences, resamples: 10)
        var onlyBetter = 0
        var onlyWorse = 0
        for k in 0..<12 {
            onlyBetter += (0..<40).count { ($0 + k) % 3 == 0 && ($0 + k) % 10 != 0 }
            onlyWorse += (0..<40).count { ($0 + k) % 10 == 0 && ($0 + k) % 3 != 0 }
        }
        #expect(c.onlyCandidateRight == onlyBetter && c.onlyBaselineRight == onlyWorse && onlyWorse > 0)
    }

    @Test func predictionsOfDifferentGoldsAreNotCompared() {
        let a = corpus(10, wrongEvery: 0)
        let b = corpus(11, wrongEvery: 0)
        #expect(throws: ComparisonError.differentSentences(document: "r")) {
            try Bootstrap.compare([("r", a, b)], unit: .sentences, resamples: 10)
        }
        #expect(throws: ComparisonError.nothingToCompare) { try Bootstrap.compare([], unit: .documents, resamples: 10) }
    }

    @Test func theReportShowsIntervalsAndTheComparison() throws {
        let documents = (0..<2).map { corpus(40, wrongEvery: 4, offset: $0) }
        var pooled = LabelEvaluation()
        for d in documents { pooled.merge(d) }
        let perDocument = documents.enumerated().map { (name: "d\($0)", evaluation: $1, matching: SentenceMatching.id) }
        var report = EvaluationReport(evaluation: pooled, perDocument: perDocument)
        #expect(report.text().contains("mean over documents: macro-F1 "))
        // A name longer than the column widens it: every row's figures stay in their columns.
        // (A Chinese name counts its characters twice, as a terminal shows them.)
        let long = String(repeating: "县政府工作报告", count: 4) + "x.zh.jsonl"
        let widened = EvaluationReport(evaluation: pooled, perDocument: [(name: long, evaluation: documents[0], matching: SentenceMatching.id)]
            + perDocument).text().split(separator: "\n").prefix(4)
        func column(_ line: Substring) -> Int {
            let cut = line.firstRange(of: "id ")?.lowerBound ?? line.firstRange(of: "match")!.lowerBound
            return EvaluationReport.columns(String(line[..<cut]))
        }
        #expect(Set(widened.map(column)).count == 1, "\(widened)")
        #expect(!report.text().contains("bootstrap") && !report.json().contains("\"bootstrap\""))
        report.bootstrap = Bootstrap.estimate(documents, unit: .sentences, resamples: 100)
        let worse = (0..<2).map { corpus(40, wrongEvery: 2, offset: $0) }
        report.comparison = ("other", try Bootstrap.compare((0..<2).map { ("d\($0)", documents[$0], worse[$0]) }, unit: .sentences, resamples: 100))
        let text = report.text()
        #expect(text.contains("95% bootstrap interval (100 resamples of 80 sentences): macro-F1 ["))
        #expect(text.contains("  F1 95% interval\n"))
        let lines = text.split(separator: "\n")
        #expect(lines.first { $0.hasPrefix("claim ") }!.hasSuffix("]") && !lines.first { $0.hasPrefix("background ") }!.contains("["))
        #expect(text.contains("sentences of one document are not independent"))
        #expect(text.contains("against other (paired, 100 resamples of 80 sentences, 95% intervals):"))
        #expect(text.contains("higher in 100.0% of resamples"))
        // Right only with the first: every second sentence, less every fourth, in each document.
        #expect(text.contains("McNemar: right only here 20, only there 0, exact p < 0.001"))
        report.bootstrap = Bootstrap.estimate(documents, unit: .documents, resamples: 10)
        #expect(report.text().contains("(10 resamples of 2 documents): macro-F1 [") && report.text().contains("few documents to draw from: a rough interval"))
        report.bootstrap = Bootstrap.estimate([documents[0]], unit: .documents, resamples: 10)
        #expect(report.text().contains("(10 resamples of 1 document): "))
        report.bootstrap = Bootstrap.estimate(documents, unit: .sentences, resamples: 100)
        let json = report.json()
        #expect(json.contains(",\"documentMean\":{\"macroF1\":"))
        #expect(json.contains(",\"bootstrap\":{\"unit\":\"sentences\",\"population\":80,\"resamples\":100,\"level\":0.95,\"macroF1\":["))
        #expect(json.contains(",\"labels\":{\"claim\":[") && !json.contains("\"background\":["))
        #expect(json.contains("\"mcNemar\":{\"onlyCandidateRight\":20,\"onlyBaselineRight\":0,\"p\":1.91e-06}}"))
    }
}
