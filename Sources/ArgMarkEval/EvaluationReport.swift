import ArgMarkCore
import Foundation  // pow, String(format:): intervals and p-values

/// Renders an evaluation as an aligned text table or as JSON with fixed key order.
public struct EvaluationReport: Sendable {
    public var evaluation: LabelEvaluation
    /// Per-document results when a directory was evaluated, by document name.
    public var perDocument: [(name: String, evaluation: LabelEvaluation, matching: SentenceMatching)]
    /// Bootstrap intervals of the pooled figures, when asked for.
    public var bootstrap: BootstrapEstimate?
    /// A paired comparison with a second prediction (named as the user gave it), when asked for.
    public var comparison: (baseline: String, result: PairedComparison)?
    /// Gold documents the prediction had no file for, scored as unlabelled (their sentences count as "none").
    public var missingPredictions: [String] = []

    public init(
        evaluation: LabelEvaluation, perDocument: [(name: String, evaluation: LabelEvaluation, matching: SentenceMatching)],
        bootstrap: BootstrapEstimate? = nil, comparison: (baseline: String, result: PairedComparison)? = nil
    ) {
        self.evaluation = evaluation
        self.perDocument = perDocument
        self.bootstrap = bootstrap
        self.comparison = comparison
    }

    /// The mean of the documents' macro-F1 and its range, for two documents or more: a corpus of documents of
    /// different sizes is often reported both pooled and per document.
    public var documentMean: (mean: Double, lowest: Double, highest: Double)? {
        let scores = perDocument.filter { $0.evaluation.total > 0 }.map(\.evaluation.macroF1)
        guard scores.count > 1 else { return nil }
        return (scores.reduce(0, +) / Double(scores.count), scores.min()!, scores.max()!)
    }

    public func text() -> String {
        let e = evaluation
        var lines: [String] = []
        if perDocument.count > 1 {
            let trees = e.tree.linked > 0
            // As wide as the longest name, so that a long one does not push its row's figures out of their columns.
            let nameWidth = max(44, (perDocument.map { Self.columns($0.name) }.max() ?? 0) + 2)
            lines.append(pad("document", nameWidth) + pad("match", 9) + lpad("n", 6) + lpad("acc", 7) + lpad("macroF1", 9) + lpad("kappa", 7)
                + (trees ? lpad("attach", 8) + lpad("thesis", 8) : ""))
            for d in perDocument {
                let t = d.evaluation.tree
                // A document with nothing scored (the second annotator's file missing) has no figures, not zeros.
                let scored = d.evaluation.total > 0
                func shown(_ x: Double) -> String { scored ? f3(x) : "-" }
                lines.append(pad(d.name, nameWidth) + pad(d.matching.rawValue, 9) + lpad("\(d.evaluation.total)", 6)
                    + lpad(shown(d.evaluation.accuracy), 7) + lpad(shown(d.evaluation.macroF1), 9) + lpad(shown(d.evaluation.kappa), 7)
                    + (trees ? lpad(t.linked > 0 ? f3(t.attachment) : "-", 8) + lpad(t.theses > 0 ? "\(t.thesesFound)/\(t.theses)" : "-", 8) : ""))
            }
            if let m = documentMean {
                lines.append("mean over documents: macro-F1 \(f3(m.mean)) (\(f3(m.lowest))–\(f3(m.highest)))")
            }
            lines.append("")
        } else if let only = perDocument.first {
            lines.append("matching: \(only.matching.rawValue)")
        }
        lines.append(pad("label", 14) + lpad("precision", 10) + lpad("recall", 8) + lpad("F1", 8) + lpad("gold", 7) + lpad("pred", 7)
            + (bootstrap != nil ? "  F1 \(percent(bootstrap!.level)) interval" : ""))
        for (i, s) in e.scores.enumerated() {
            // A rate out of nothing is none (not 0, which an average would take in): no precision without a prediction
            // of the label, no recall without a gold one, no F1 for a label neither side uses.
            func shown(_ x: Double, over n: Int) -> String { n == 0 ? "-" : f3(x) }
            lines.append(pad(s.label.rawValue, 14) + lpad(shown(s.precision, over: s.predicted), 10) + lpad(shown(s.recall, over: s.support), 8)
                + lpad(shown(s.f1, over: s.support + s.predicted), 8)
                + lpad("\(s.support)", 7) + lpad("\(s.predicted)", 7)
                + (bootstrap?.labelF1[i].map { "  " + range($0) } ?? ""))
        }
        lines.append("")
        if !missingPredictions.isEmpty {
            lines.append((e.symmetric ? "no second annotation of \(missingPredictions.count) of \(perDocument.count) documents, not compared: "
                : "no prediction for \(missingPredictions.count) of \(perDocument.count) documents, scored as unlabelled: ")
                + missingPredictions.prefix(5).joined(separator: ", ") + (missingPredictions.count > 5 ? ", and \(missingPredictions.count - 5) more" : ""))
        }
        lines.append("sentences \(e.total)  accuracy \(f3(e.accuracy))  macro-F1 \(f3(e.macroF1)) (\(e.symmetric ? "labels either annotator used" : "labels in gold"))  kappa \(f3(e.kappa))"
            + (e.unlabeledGold > 0 ? "  unlabelled gold skipped \(e.unlabeledGold)" : "")
            + (e.unlabeledPredicted > 0 ? "  unlabelled predictions skipped \(e.unlabeledPredicted)" : "")
            + (e.machineLabelsSkipped > 0 ? "  machine labels skipped \(e.machineLabelsSkipped)" : "")
            + (e.textNotFound > 0 ? "  gold text not in prediction \(e.textNotFound)" : "")
            + (e.goldWithoutPrediction > 0 ? "  gold sentences without a predicted one \(e.goldWithoutPrediction)" : "")
            + (e.predictionsWithoutLabel > 0 ? "  predicted without a label \(e.predictionsWithoutLabel)" : ""))
        if e.tree.linked > 0 {
            lines.append("tree: attachment \(f3(e.tree.attachment)) (\(e.tree.sameParent)/\(e.tree.linked))  with relation \(f3(e.tree.attachmentWithRelation))  thesis found \(e.tree.thesesFound)/\(e.tree.theses)")
        }
        let c = e.confidence
        if c.count > 0 {
            lines.append("confidence: mean \(f3(c.meanConfidence)) against accuracy \(f3(c.accuracy)) over \(c.count) labels  "
                + "calibration error (ECE, 10 bins) \(f3(c.calibrationError))"
                + (c.ranking.map { "  right above wrong \(f3($0)) (AUROC)" } ?? "")
                + (c.errorsInLeastConfidentFifth.map { "  least-confident fifth holds \(f3($0)) of the errors" } ?? "")
                // A share read as a probability would make its calibration error look like the pipeline's.
                + (c.fromShares == 0 ? "" : c.fromShares == c.count
                    ? "  (the labellers' shares, not calibrated probabilities)"
                    : "  (\(c.fromShares) of them the labellers' shares, not calibrated probabilities)")
                + (c.fromUnsaid == 0 ? "" : c.fromUnsaid == c.count
                    ? "  (the prediction does not say whether they are calibrated)"
                    : "  (\(c.fromUnsaid) of them do not say whether they are calibrated)"))
        }
        if let b = bootstrap {
            lines.append("\(percent(b.level)) bootstrap interval (\(b.resamples) resamples of \(counted(b.population, b.unit))): "
                + "macro-F1 \(range(b.macroF1))  accuracy \(range(b.accuracy))  kappa \(range(b.kappa))"
                + (b.unit == .sentences && perDocument.count > 1 ? "  (sentences of one document are not independent: the interval is too narrow)" : "")
                + (b.unit == .documents && b.population < ResamplingUnit.fewestDocuments ? "  (few documents to draw from: a rough interval)" : ""))
        }
        if let (baseline, c) = comparison {
            lines.append("against \(baseline) (paired, \(c.resamples) resamples of \(counted(c.population, c.unit)), \(percent(c.level)) intervals):")
            lines.append("  macro-F1 \(f3(c.candidateMacroF1)) against \(f3(c.baselineMacroF1)): difference \(signed(c.macroF1Difference)) "
                + "\(range(c.macroF1DifferenceInterval, signed: true)), higher in \(percent(c.candidateBetterShare, digits: 1)) of resamples (ties count half)")
            lines.append("  accuracy \(f3(c.candidateAccuracy)) against \(f3(c.baselineAccuracy)): difference \(signed(c.accuracyDifference)) "
                + "\(range(c.accuracyDifferenceInterval, signed: true)); McNemar: right only here \(c.onlyCandidateRight), only there \(c.onlyBaselineRight), exact p \(pValue(c.mcNemarP))")
        }
        lines.append("")
        lines.append("confusion (rows gold, columns predicted)")
        let names = ArgumentLabel.allCases.map { String($0.rawValue.prefix(5)) } + ["none"]
        lines.append(pad("", 14) + names.map { lpad($0, 7) }.joined())
        for (r, row) in e.confusion.enumerated() where r < LabelEvaluation.noneIndex {
            lines.append(pad(ArgumentLabel.allCases[r].rawValue, 14) + row.map { lpad("\($0)", 7) }.joined())
        }
        return lines.joined(separator: "\n") + "\n"
    }

    public func json() -> String {
        func object(_ e: LabelEvaluation) -> String {
            let labels = e.scores.map { s in
                func value(_ x: Double, over n: Int) -> String { n == 0 ? "null" : num(x) }
                return "\"\(s.label.rawValue)\":{\"precision\":\(value(s.precision, over: s.predicted)),\"recall\":\(value(s.recall, over: s.support)),"
                    + "\"f1\":\(value(s.f1, over: s.support + s.predicted)),\"support\":\(s.support),\"predicted\":\(s.predicted)}"
            }.joined(separator: ",")
            let matrix = e.confusion.prefix(LabelEvaluation.noneIndex).map { "[" + $0.map(String.init).joined(separator: ",") + "]" }
                .joined(separator: ",")
            let c = e.confidence
            // null without confidences: an ECE of 0 would read as perfect calibration.
            let confidence = c.count == 0 ? "\"confidence\":null," :
                "\"confidence\":{\"labels\":\(c.count),\"mean\":\(num(c.meanConfidence)),\"accuracy\":\(num(c.accuracy)),"
                + "\"calibrationError\":\(num(c.calibrationError)),\"auroc\":\(c.ranking.map(num) ?? "null"),"
                + "\"errorsInLeastConfidentFifth\":\(c.errorsInLeastConfidentFifth.map(num) ?? "null"),\"fromShares\":\(c.fromShares),\"fromUnsaid\":\(c.fromUnsaid)},"
            // null where neither file has a tree to compare (annotate --no-tree), as the text report leaves it out.
            let tree = e.tree.linked == 0 && e.tree.theses == 0 ? "\"tree\":null," : "\"tree\":{\"linked\":\(e.tree.linked),\"attachment\":\(num(e.tree.attachment)),\"attachmentWithRelation\":\(num(e.tree.attachmentWithRelation)),\"theses\":\(e.tree.theses),\"thesesFound\":\(e.tree.thesesFound)},"
            // null where nothing was scored, as the text report shows -.
            func scored(_ x: Double) -> String { e.total > 0 ? num(x) : "null" }
            return "{\"sentences\":\(e.total),\"accuracy\":\(scored(e.accuracy)),\"macroF1\":\(scored(e.macroF1)),\"kappa\":\(scored(e.kappa)),"
                + "\"unlabeledGold\":\(e.unlabeledGold),\"unlabeledPredicted\":\(e.unlabeledPredicted),\"textNotFound\":\(e.textNotFound),\"machineLabelsSkipped\":\(e.machineLabelsSkipped),"
                + "\"goldWithoutPrediction\":\(e.goldWithoutPrediction),\"predictionsWithoutLabel\":\(e.predictionsWithoutLabel),"
                + "\"labels\":{\(labels)}," + confidence + tree
                + "\"confusion\":{\"rows\":\"gold\",\"columns\":[\"claim\",\"evidence\",\"example\",\"prescription\",\"background\",\"none\"],\"matrix\":[\(matrix)]}}"
        }
        let documents = perDocument.map {
            "{\"name\":\(quote($0.name)),\"matching\":\"\($0.matching.rawValue)\",\"scores\":\(object($0.evaluation))}"
        }.joined(separator: ",")
        var extra = ""
        if !missingPredictions.isEmpty {
            extra += ",\"missingPredictions\":[" + missingPredictions.map(quote).joined(separator: ",") + "]"
        }
        if let m = documentMean {
            extra += ",\"documentMean\":{\"macroF1\":\(num(m.mean)),\"lowest\":\(num(m.lowest)),\"highest\":\(num(m.highest))}"
        }
        if let b = bootstrap {
            extra += ",\"bootstrap\":{\"unit\":\"\(b.unit.rawValue)\",\"population\":\(b.population),\"resamples\":\(b.resamples),\"level\":\(num(b.level)),"
                + "\"macroF1\":\(interval(b.macroF1)),\"accuracy\":\(interval(b.accuracy)),\"kappa\":\(interval(b.kappa)),"
                + "\"labels\":{" + zip(ArgumentLabel.allCases, b.labelF1).compactMap { label, i in i.map { "\"\(label.rawValue)\":\(interval($0))" } }
                    .joined(separator: ",") + "}}"
        }
        if let (baseline, c) = comparison {
            extra += ",\"comparison\":{\"baseline\":\(quote(baseline)),\"unit\":\"\(c.unit.rawValue)\",\"population\":\(c.population),"
                + "\"resamples\":\(c.resamples),\"level\":\(num(c.level)),"
                + "\"macroF1\":{\"candidate\":\(num(c.candidateMacroF1)),\"baseline\":\(num(c.baselineMacroF1)),\"difference\":\(num(c.macroF1Difference)),"
                + "\"interval\":\(interval(c.macroF1DifferenceInterval)),\"candidateBetterShare\":\(num(c.candidateBetterShare))},"
                + "\"accuracy\":{\"candidate\":\(num(c.candidateAccuracy)),\"baseline\":\(num(c.baselineAccuracy)),\"difference\":\(num(c.accuracyDifference)),"
                + "\"interval\":\(interval(c.accuracyDifferenceInterval))},"
                + "\"mcNemar\":{\"onlyCandidateRight\":\(c.onlyCandidateRight),\"onlyBaselineRight\":\(c.onlyBaselineRight),\"p\":\(exactNum(c.mcNemarP))}}"
        }
        return "{\"overall\":\(object(evaluation)),\"documents\":[\(documents)]\(extra)}\n"
    }

    /// The first line of `disagreementTable()`, by which an earlier table is known.
    public static let disagreementHeader = "document\tsentence\tpredicted_sentence\tgold\tpredicted\tconfidence\tlabeled_by\treasons\ttext\tconfidence_scale\n"
    /// The header lines of errors tables this and earlier versions wrote (before confidence_scale was added last):
    /// `eval --errors` replaces a table that opens with one of them.
    public static let disagreementHeaders = [disagreementHeader, "document\tsentence\tpredicted_sentence\tgold\tpredicted\tconfidence\tlabeled_by\treasons\ttext\n"]

    /// Every disagreement of every document as a tab-separated table with a header line, one row per gold sentence
    /// the prediction labels otherwise, in the documents' and then the gold's order: document, sentence (the gold's
    /// id), the paired predicted sentence when it is another, the two labels ("-" for none), the prediction's
    /// confidence, who labelled it, the proposals behind it, the sentence's text and what the confidence is
    /// (calibrated or share; last, so that the columns of tables written before it keep their places). Tabs and line
    /// breaks inside a field become spaces, so that every row reads back as one line of ten fields.
    public func disagreementTable() -> String {
        var out = Self.disagreementHeader
        for document in perDocument {
            for d in document.evaluation.disagreements {
                let fields = [
                    // `-`: the predicted sentence of the same id; `(none)`: the prediction holds no sentence there.
                    document.name, d.sentence, d.paired ? d.predictedSentence ?? "-" : "(none)", d.gold.rawValue, d.predicted?.rawValue ?? "-",
                    // As the file stores it (four decimals), so that a row can be found in the JSONL and TEI.
                    d.confidence.map(FixedDecimal.format) ?? "-", d.labeledBy?.description ?? "-",
                    d.reasons.isEmpty ? "-" : d.reasons.map(\.summary).joined(separator: "; "), d.text,
                    d.confidence != nil && (d.confidenceScale == .calibrated || d.confidenceScale == .share) ? d.confidenceScale!.rawValue : "-",
                ]
                out += fields.map(Self.field).joined(separator: "\t") + "\n"
            }
        }
        return out
    }

    /// A table field on one line: tabs and line breaks (any Unicode line or paragraph separator) become spaces.
    static func field(_ s: String) -> String {
        func breaksField(_ scalar: Unicode.Scalar) -> Bool {
            switch scalar.value {
            case 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x85, 0x2028, 0x2029: true
            default: false
            }
        }
        guard s.unicodeScalars.contains(where: breaksField) else { return s }
        var out = String.UnicodeScalarView()
        for scalar in s.unicodeScalars { out.append(breaksField(scalar) ? " " : scalar) }
        return String(out)
    }

    /// "3 documents", "1 sentence".
    private func counted(_ n: Int, _ unit: ResamplingUnit) -> String { "\(n) " + (n == 1 ? String(unit.rawValue.dropLast()) : unit.rawValue) }

    private func interval(_ i: Interval) -> String { "[\(num(i.lower)),\(num(i.upper))]" }

    /// A p-value with its magnitude kept (a tiny one is not 0).
    private func exactNum(_ x: Double) -> String { x >= 0.0001 || x == 0 ? num(x) : String(format: "%.2e", x) }

    private func range(_ i: Interval, signed: Bool = false) -> String {
        signed ? "[\(self.signed(i.lower)), \(self.signed(i.upper))]" : "[\(f3(i.lower)), \(f3(i.upper))]"
    }

    private func signed(_ x: Double) -> String {
        let text = f3(abs(x))
        return text == "0.000" ? "0.000" : (x < 0 ? "-" : "+") + text
    }

    private func percent(_ x: Double, digits: Int = 0) -> String {
        let scaled = (x * 100 * pow(10, Double(digits))).rounded() / pow(10, Double(digits))
        return (digits == 0 ? String(Int(scaled)) : String(scaled)) + "%"
    }

    private func pValue(_ p: Double) -> String { p >= 0.001 ? f3(p) : "< 0.001" }

    private func num(_ x: Double) -> String {
        let v = (x * 10_000).rounded() / 10_000
        return v == v.rounded() ? String(Int(v)) : String(v)
    }

    private func quote(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case _ where scalar.value < 0x20: out += "\\u00" + (scalar.value < 0x10 ? "0" : "") + String(scalar.value, radix: 16)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    private func f3(_ x: Double) -> String { FixedDecimal.threePlaces(x) }

    private func pad(_ s: String, _ width: Int) -> String {
        let used = Self.columns(s)
        return used >= width ? s + " " : s + String(repeating: " ", count: width - used)
    }

    /// Terminal columns of `s` (`TerminalWidth`): a Chinese name (县政府工作报告) takes two per character.
    static func columns(_ s: String) -> Int { TerminalWidth.columns(s) }

    private func lpad(_ s: String, _ width: Int) -> String {
        s.count >= width ? " " + s : String(repeating: " ", count: width - s.count) + s
    }
}
