import ArgMarkCore

/// Renders an evaluation as an aligned text table or as JSON with fixed key order.
public struct EvaluationReport: Sendable {
    public var evaluation: LabelEvaluation
    /// Per-document results when a directory was evaluated, by document name.
    public var perDocument: [(name: String, evaluation: LabelEvaluation, matching: SentenceMatching)]

    public init(evaluation: LabelEvaluation, perDocument: [(name: String, evaluation: LabelEvaluation, matching: SentenceMatching)]) {
        self.evaluation = evaluation
        self.perDocument = perDocument
    }

    public func text() -> String {
        let e = evaluation
        var lines: [String] = []
        if perDocument.count > 1 {
            let trees = e.tree.linked > 0
            lines.append(pad("document", 44) + pad("match", 9) + lpad("n", 6) + lpad("acc", 7) + lpad("macroF1", 9) + lpad("kappa", 7)
                + (trees ? lpad("attach", 8) + lpad("thesis", 8) : ""))
            for d in perDocument {
                let t = d.evaluation.tree
                lines.append(pad(d.name, 44) + pad(d.matching.rawValue, 9) + lpad("\(d.evaluation.total)", 6)
                    + lpad(f3(d.evaluation.accuracy), 7) + lpad(f3(d.evaluation.macroF1), 9) + lpad(f3(d.evaluation.kappa), 7)
                    + (trees ? lpad(t.linked > 0 ? f3(t.attachment) : "-", 8) + lpad(t.theses > 0 ? "\(t.thesesFound)/\(t.theses)" : "-", 8) : ""))
            }
            lines.append("")
        } else if let only = perDocument.first {
            lines.append("matching: \(only.matching.rawValue)")
        }
        lines.append(pad("label", 14) + lpad("precision", 10) + lpad("recall", 8) + lpad("F1", 8) + lpad("gold", 7) + lpad("pred", 7))
        for s in e.scores {
            lines.append(pad(s.label.rawValue, 14) + lpad(f3(s.precision), 10) + lpad(f3(s.recall), 8) + lpad(f3(s.f1), 8)
                + lpad("\(s.support)", 7) + lpad("\(s.predicted)", 7))
        }
        lines.append("")
        lines.append("sentences \(e.total)  accuracy \(f3(e.accuracy))  macro-F1 \(f3(e.macroF1)) (labels in gold)  kappa \(f3(e.kappa))"
            + (e.unlabeledGold > 0 ? "  unlabelled gold skipped \(e.unlabeledGold)" : "")
            + (e.unlabeledPredicted > 0 ? "  unlabelled predictions skipped \(e.unlabeledPredicted)" : "")
            + (e.machineLabelsSkipped > 0 ? "  machine labels skipped \(e.machineLabelsSkipped)" : "")
            + (e.textNotFound > 0 ? "  gold text not in prediction \(e.textNotFound)" : ""))
        if e.tree.linked > 0 {
            lines.append("tree: attachment \(f3(e.tree.attachment)) (\(e.tree.sameParent)/\(e.tree.linked))  with relation \(f3(e.tree.attachmentWithRelation))  thesis found \(e.tree.thesesFound)/\(e.tree.theses)")
        }
        let c = e.confidence
        if c.count > 0 {
            lines.append("confidence: mean \(f3(c.meanConfidence)) against accuracy \(f3(c.accuracy)) over \(c.count) labels  "
                + "calibration error (ECE, 10 bins) \(f3(c.calibrationError))"
                + (c.ranking.map { "  right above wrong \(f3($0)) (AUROC)" } ?? "")
                + (c.errorsInLeastConfidentFifth.map { "  least-confident fifth holds \(f3($0)) of the errors" } ?? ""))
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
            let labels = e.scores.map {
                "\"\($0.label.rawValue)\":{\"precision\":\(num($0.precision)),\"recall\":\(num($0.recall)),\"f1\":\(num($0.f1)),\"support\":\($0.support),\"predicted\":\($0.predicted)}"
            }.joined(separator: ",")
            let matrix = e.confusion.prefix(LabelEvaluation.noneIndex).map { "[" + $0.map(String.init).joined(separator: ",") + "]" }
                .joined(separator: ",")
            let c = e.confidence
            // null without confidences: an ECE of 0 would read as perfect calibration.
            let confidence = c.count == 0 ? "\"confidence\":null," :
                "\"confidence\":{\"labels\":\(c.count),\"mean\":\(num(c.meanConfidence)),\"accuracy\":\(num(c.accuracy)),"
                + "\"calibrationError\":\(num(c.calibrationError)),\"auroc\":\(c.ranking.map(num) ?? "null"),"
                + "\"errorsInLeastConfidentFifth\":\(c.errorsInLeastConfidentFifth.map(num) ?? "null")},"
            // null where neither file has a tree to compare (annotate --no-tree), as the text report leaves it out.
            let tree = e.tree.linked == 0 && e.tree.theses == 0 ? "\"tree\":null," : "\"tree\":{\"linked\":\(e.tree.linked),\"attachment\":\(num(e.tree.attachment)),\"attachmentWithRelation\":\(num(e.tree.attachmentWithRelation)),\"theses\":\(e.tree.theses),\"thesesFound\":\(e.tree.thesesFound)},"
            return "{\"sentences\":\(e.total),\"accuracy\":\(num(e.accuracy)),\"macroF1\":\(num(e.macroF1)),\"kappa\":\(num(e.kappa)),"
                + "\"unlabeledGold\":\(e.unlabeledGold),\"unlabeledPredicted\":\(e.unlabeledPredicted),\"textNotFound\":\(e.textNotFound),\"machineLabelsSkipped\":\(e.machineLabelsSkipped),"
                + "\"labels\":{\(labels)}," + confidence + tree
                + "\"confusion\":{\"rows\":\"gold\",\"columns\":[\"claim\",\"evidence\",\"example\",\"prescription\",\"background\",\"none\"],\"matrix\":[\(matrix)]}}"
        }
        let documents = perDocument.map {
            "{\"name\":\(quote($0.name)),\"matching\":\"\($0.matching.rawValue)\",\"scores\":\(object($0.evaluation))}"
        }.joined(separator: ",")
        return "{\"overall\":\(object(evaluation)),\"documents\":[\(documents)]}\n"
    }

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
        s.count >= width ? s + " " : s + String(repeating: " ", count: width - s.count)
    }

    private func lpad(_ s: String, _ width: Int) -> String {
        s.count >= width ? " " + s : String(repeating: " ", count: width - s.count) + s
    }
}
