import ArgMarkCore

/// How gold and predicted sentences are paired.
public enum SentenceMatching: String, Sendable, CaseIterable {
    /// Same ids (`s12` ↔ `s12`): both files come from the same segmentation.
    case id
    /// Greatest offset overlap: the files were segmented differently from one source.
    case offsets
    /// Greatest overlap of the sentences' text, spaces left out, each gold sentence found in the prediction's text
    /// in order: the files hold the same text, segmented, spaced or offset differently (a `.lines` copy, another
    /// version with an editor's note added).
    case text
    /// `id` when every gold sentence has a predicted one with the same id and offsets (or text), else `text`.
    case auto
}

/// A gold sentence the prediction labels otherwise (or leaves unlabelled), with what the prediction says about how
/// it decided.
public struct LabelDisagreement: Sendable, Hashable {
    /// The gold sentence's id.
    public var sentence: String
    /// The id of the predicted sentence paired with it, when the two files were segmented differently and it is
    /// another.
    public var predictedSentence: String?
    /// Whether a predicted sentence was paired with it at all (false: the prediction holds none there).
    public var paired: Bool
    public var gold: ArgumentLabel
    /// nil: the prediction left the sentence unlabelled, or holds no sentence there.
    public var predicted: ArgumentLabel?
    public var confidence: Double?
    /// What `confidence` is (calibrated or share), as the prediction records it.
    public var confidenceScale: ConfidenceScale?
    public var labeledBy: Annotator?
    /// Each labeller's proposal behind the predicted label (the cue that fired, the model's score).
    public var reasons: [LabelReason]
    /// The gold sentence's text.
    public var text: String

    public init(
        sentence: String, predictedSentence: String? = nil, gold: ArgumentLabel, predicted: ArgumentLabel?, confidence: Double? = nil,
        labeledBy: Annotator? = nil, reasons: [LabelReason] = [], text: String, confidenceScale: ConfidenceScale? = nil,
        paired: Bool = true
    ) {
        self.paired = paired
        self.confidenceScale = confidenceScale
        self.sentence = sentence
        self.predictedSentence = predictedSentence
        self.gold = gold
        self.predicted = predicted
        self.confidence = confidence
        self.labeledBy = labeledBy
        self.reasons = reasons
        self.text = text
    }
}

/// Per-label precision, recall and F1.
public struct LabelScore: Sendable, Hashable {
    public var label: ArgumentLabel
    public var precision: Double
    public var recall: Double
    public var f1: Double
    /// Gold sentences with this label.
    public var support: Int
    /// Predicted sentences with this label.
    public var predicted: Int
}

/// A confusion matrix over the five labels plus "none" (predicted unlabelled or no matching sentence), and the
/// scores derived from it. Matrices of several documents add up, so a corpus is scored by pooling.
public struct LabelEvaluation: Sendable, Hashable {
    /// Row = gold label, column = predicted label; index 5 is "none".
    public private(set) var confusion: [[Int]]
    /// Gold sentences that had no label and were not scored.
    public private(set) var unlabeledGold: Int
    /// Gold sentences whose prediction had no label and were not scored (agreement between annotators only).
    public private(set) var unlabeledPredicted = 0
    /// Labelled gold sentences paired (by id or offsets) with no predicted sentence: a prediction cut short, or one
    /// of another segmentation. Scored as unlabelled predictions.
    public fileprivate(set) var goldWithoutPrediction = 0
    /// Labelled gold sentences whose paired predicted sentence has no label (scoring a labeller; between two
    /// annotators such a sentence is skipped, `unlabeledPredicted`). Scored as misses.
    public fileprivate(set) var predictionsWithoutLabel = 0
    /// Gold sentences whose text the prediction does not hold (text matching): paired by the place their neighbours
    /// leave them, or, with no place, scored as unlabelled predictions.
    public fileprivate(set) var textNotFound = 0
    /// Of `textNotFound`, those whose text the prediction holds elsewhere, out of the gold's order (paragraphs in
    /// another order): text matching pairs in order.
    public fileprivate(set) var textOutOfOrder = 0
    /// Gold sentences paired (by id or offsets) with a predicted sentence of another text, spaces aside: with
    /// many, the prediction is of another document or another reading of it.
    public fileprivate(set) var pairedTextDiffers = 0
    /// Scored sentences whose predicted label a person set (`human:…`) or whose origin is unknown (no `labeledBy`):
    /// kept from the gold by re-annotating it, they measure no labeller.
    public fileprivate(set) var humanPredictions = 0
    /// Scored sentences whose gold label a labeller, not a person, set (`labeledBy` a plugin's id): a file reviewed
    /// in part still holds the labels `annotate` gave it, and scored as gold they measure agreement with that
    /// labeller.
    public fileprivate(set) var machineGold = 0
    /// Between two annotators: sentences left out because a labeller, not a person, set one of the two labels (an
    /// annotator's file keeps the labels `annotate` gave it, and both files agreeing on those would inflate κ).
    public fileprivate(set) var machineLabelsSkipped = 0
    public internal(set) var documents: Int
    /// Agreement of the argument trees, where the gold has one.
    public internal(set) var tree = TreeEvaluation()
    /// How well the predicted confidences describe how often the labels are right.
    public private(set) var confidence = ConfidenceEvaluation()
    /// Every scored sentence in the gold's order: what a bootstrap draws, and what pairs two predictions of one
    /// gold sentence by sentence (``Bootstrap``).
    public private(set) var scored: [ScoredSentence] = []

    /// Every scored sentence whose predicted label differs from the gold's (none included), in the gold's order:
    /// what `eval --errors` lists for reading the errors, or two annotators' disagreements for adjudication.
    public private(set) var disagreements: [LabelDisagreement] = []
    /// Two annotators compared (`eval --agreement`): neither file is the gold, so macro-F1 averages over the labels
    /// either one used, and swapping the files changes no figure.
    public var symmetric = false

    /// One scored sentence: the indices of its gold and predicted labels in the confusion matrix.
    public struct ScoredSentence: Sendable, Hashable {
        public var gold: UInt8
        public var predicted: UInt8
    }

    public static let noneIndex = ArgumentLabel.allCases.count

    public init() {
        confusion = Array(repeating: Array(repeating: 0, count: ArgumentLabel.allCases.count + 1), count: ArgumentLabel.allCases.count + 1)
        unlabeledGold = 0
        documents = 0
    }

    /// Counts one pair; with `skippingUnlabelledPredictions` (two annotators) a pair either side left unlabelled is
    /// skipped, so the figures do not depend on which file is called the gold.
    /// `confidence`: the predicted label's, if it has one (a machine label); it goes into ``confidence``, with
    /// `scale`, what that confidence is as its file records it.
    public mutating func add(
        gold: ArgumentLabel?, predicted: ArgumentLabel?, confidence: Double? = nil, scale: ConfidenceScale? = nil,
        skippingUnlabelledPredictions: Bool = false
    ) {
        guard let gold else {
            unlabeledGold += 1
            return
        }
        if predicted == nil && skippingUnlabelledPredictions {
            unlabeledPredicted += 1
            return
        }
        let row = Self.index(gold)
        let column = predicted.map(Self.index) ?? Self.noneIndex
        confusion[row][column] += 1
        scored.append(ScoredSentence(gold: UInt8(row), predicted: UInt8(column)))
        if let predicted, let confidence, (0...1).contains(confidence) {
            self.confidence.add(confidence: confidence, right: predicted == gold, scale: scale)
        }
    }

    public mutating func merge(_ other: LabelEvaluation) {
        for r in confusion.indices {
            for c in confusion[r].indices { confusion[r][c] += other.confusion[r][c] }
        }
        unlabeledGold += other.unlabeledGold
        unlabeledPredicted += other.unlabeledPredicted
        textNotFound += other.textNotFound
        goldWithoutPrediction += other.goldWithoutPrediction
        predictionsWithoutLabel += other.predictionsWithoutLabel
        textOutOfOrder += other.textOutOfOrder
        pairedTextDiffers += other.pairedTextDiffers
        humanPredictions += other.humanPredictions
        machineGold += other.machineGold
        machineLabelsSkipped += other.machineLabelsSkipped
        documents += other.documents
        tree.merge(other.tree)
        confidence.merge(other.confidence)
        scored += other.scored
        disagreements += other.disagreements
        symmetric = symmetric || other.symmetric
    }

    /// Records a scored sentence whose labels differ; `add` must have counted it.
    mutating func record(_ disagreement: LabelDisagreement) {
        disagreements.append(disagreement)
    }

    static func index(_ label: ArgumentLabel) -> Int { ArgumentLabel.allCases.firstIndex(of: label)! }

    /// Scored sentences.
    public var total: Int { confusion.reduce(0) { $0 + $1.reduce(0, +) } }

    public var accuracy: Double { Tally(self).accuracy }

    public var scores: [LabelScore] {
        let tally = Tally(self)
        return ArgumentLabel.allCases.indices.map(tally.score)
    }

    /// Mean F1 over the labels present in the gold (for two annotators, in either file).
    public var macroF1: Double { Tally(self).macroF1 }

    /// Cohen's κ between gold and prediction over the six categories (chance agreement from the marginals).
    public var kappa: Double { Tally(self).kappa }
}

/// A confusion matrix as one flat array (gold row × predicted column, "none" last): the one place the scores are
/// computed, for an evaluation and, many times over, for each bootstrap resample (`Bootstrap`).
struct Tally {
    static let side = LabelEvaluation.noneIndex + 1
    var cells = [Int](repeating: 0, count: side * side)
    /// Macro-F1 over the labels either side has (two annotators), not the gold's alone.
    var symmetric = false

    init() {}

    init(_ evaluation: LabelEvaluation) {
        symmetric = evaluation.symmetric
        for (r, row) in evaluation.confusion.enumerated() {
            for (c, count) in row.enumerated() { cells[r * Self.side + c] = count }
        }
    }

    mutating func add(_ other: Tally) {
        for i in cells.indices { cells[i] += other.cells[i] }
    }

    private var total: Int { cells.reduce(0, +) }

    /// Precision, recall and F1 of the label at `index`.
    func score(_ index: Int) -> LabelScore {
        let truePositives = cells[index * Self.side + index]
        var support = 0
        var predicted = 0
        for other in 0..<Self.side {
            support += cells[index * Self.side + other]
            predicted += cells[other * Self.side + index]
        }
        let precision = predicted == 0 ? 0 : Double(truePositives) / Double(predicted)
        let recall = support == 0 ? 0 : Double(truePositives) / Double(support)
        let f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall)
        return LabelScore(
            label: ArgumentLabel.allCases[index], precision: precision, recall: recall, f1: f1, support: support, predicted: predicted)
    }

    /// The F1 of the label at `index`; nil when the gold does not have it.
    func f1(_ index: Int) -> Double? {
        let score = score(index)
        return score.support == 0 ? nil : score.f1
    }

    /// The mean F1 over the labels present in the gold (symmetric: in either labelling).
    var macroF1: Double {
        let present = (0..<LabelEvaluation.noneIndex).compactMap { index -> Double? in
            let score = score(index)
            return score.support > 0 || (symmetric && score.predicted > 0) ? score.f1 : nil
        }
        return present.isEmpty ? 0 : present.reduce(0, +) / Double(present.count)
    }

    /// Cohen's κ over the six categories, chance agreement from the marginals.
    var kappa: Double {
        let t = Double(total)
        guard t > 0 else { return 0 }
        let observed = Double((0..<Self.side).reduce(0) { $0 + cells[$1 * Self.side + $1] }) / t
        var expected = 0.0
        for k in 0..<Self.side {
            var row = 0
            var column = 0
            for other in 0..<Self.side {
                row += cells[k * Self.side + other]
                column += cells[other * Self.side + k]
            }
            expected += (Double(row) / t) * (Double(column) / t)
        }
        return expected >= 1 ? (observed >= 1 ? 1 : 0) : (observed - expected) / (1 - expected)
    }

    var accuracy: Double {
        let t = total
        return t == 0 ? 0 : Double((0..<LabelEvaluation.noneIndex).reduce(0) { $0 + cells[$1 * Self.side + $1] }) / Double(t)
    }
}

/// Pairs the sentences of a gold and a predicted document and scores the labels.
public enum LabelEvaluator {
    /// Scores `predicted` against `gold`; returns the evaluation and the matching actually used. `agreement`: the
    /// two files are two annotators', so a sentence either one left unlabelled is skipped.
    /// `missing`: the prediction stands for a document the labeller gave no file for, so its absent tree counts as
    /// every link missed rather than as no tree asked for. `noPredictionFile`: the prediction stands for a document
    /// no file was given for (named apart), so its sentences are not counted as unpaired or unlabelled predictions.
    public static func evaluate(
        gold: Document, predicted: Document, matching: SentenceMatching = .auto, agreement: Bool = false, missing: Bool = false,
        noPredictionFile: Bool = false
    ) -> (evaluation: LabelEvaluation, matching: SentenceMatching) {
        var predictedByID: [String: TextUnit] = [:]
        for unit in predicted.units { predictedByID[unit.id] = unit }
        let mode = matching == .auto ? (isAlignedByID(gold: gold, predictedByID: predictedByID) ? .id : .text) : matching
        var evaluation = LabelEvaluation()
        evaluation.symmetric = agreement
        evaluation.documents = 1
        // The predicted unit paired with each gold unit, and (by overlap) the gold unit id paired with each predicted one.
        var predictedOfGold: [String: TextUnit] = [:]
        var goldOfPredicted: [String: String] = [:]
        if mode == .id {
            predictedOfGold = predictedByID
        } else {
            let spans = mode == .text ? Spans.byText(gold: gold, predicted: predicted) : Spans.byOffsets(gold: gold, predicted: predicted)
            evaluation.textNotFound = spans.notFound
            evaluation.textOutOfOrder = spans.outOfOrder
            // Each unit on either side corresponds to the unit of its kind on the other side it overlaps most.
            let forGold = Spans.bestOverlaps(of: gold.units, spans.gold, in: predicted.units, spans.predicted)
            let forPredicted = Spans.bestOverlaps(of: predicted.units, spans.predicted, in: gold.units, spans.gold)
            for (i, unit) in gold.units.enumerated() { if let k = forGold[i] { predictedOfGold[unit.id] = predicted.units[k] } }
            for (k, unit) in predicted.units.enumerated() { if let i = forPredicted[k] { goldOfPredicted[unit.id] = gold.units[i].id } }
        }
        for unit in gold.units where unit.kind == .sentence {
            let prediction = predictedOfGold[unit.id]?.annotation
            if mode != .text, let other = predictedOfGold[unit.id], other.text != unit.text, Spans.normalized(other.text) != Spans.normalized(unit.text),
               // By offsets, a sentence segmented otherwise holds its partner or lies in it: no other text.
               mode != .offsets || !(Spans.normalized(other.text).contains(Spans.normalized(unit.text))
                   || Spans.normalized(unit.text).contains(Spans.normalized(other.text))) {
                evaluation.pairedTextDiffers += 1
            }
            if !agreement, unit.annotation.label != nil, prediction?.label != nil, prediction?.isKeptLabel == true {
                evaluation.humanPredictions += 1
            }
            if !agreement, unit.annotation.label != nil, unit.annotation.labeledBy.map({ !$0.isHuman }) == true {
                evaluation.machineGold += 1
            }
            if agreement, unit.annotation.label != nil, prediction?.label != nil,
               [unit.annotation, prediction!].contains(where: { $0.labeledBy.map { !$0.isHuman } == true }) {
                evaluation.machineLabelsSkipped += 1
                continue
            }
            // A document with no prediction at all is named as such (missingPredictions), not counted here.
            if !agreement, !noPredictionFile, unit.annotation.label != nil {
                // Text matching counts its unpaired sentences itself (textNotFound).
                if predictedOfGold[unit.id] == nil {
                    if mode != .text { evaluation.goldWithoutPrediction += 1 }
                } else if prediction?.label == nil {
                    evaluation.predictionsWithoutLabel += 1
                }
            }
            let counted = evaluation.total
            evaluation.add(
                gold: unit.annotation.label, predicted: prediction?.label,
                // Two annotators' files: confidences are no prediction's, and scoring one side's would depend on the order.
                confidence: !agreement && prediction?.isHumanLabel == false ? prediction?.confidence : nil,
                scale: prediction?.confidenceScale, skippingUnlabelledPredictions: agreement)
            if evaluation.total > counted, let goldLabel = unit.annotation.label, prediction?.label != goldLabel {
                let other = predictedOfGold[unit.id]
                evaluation.record(LabelDisagreement(
                    sentence: unit.id, predictedSentence: other.flatMap { $0.id == unit.id ? nil : $0.id },
                    gold: goldLabel, predicted: prediction?.label, confidence: prediction?.confidence,
                    labeledBy: prediction?.labeledBy, reasons: prediction?.labelReasons ?? [], text: unit.text,
                    confidenceScale: prediction?.confidenceScale, paired: other != nil))
            }
        }
        // By id a predicted parent names its gold counterpart itself.
        let goldFor: (String) -> String? = mode == .id ? { $0 } : { goldOfPredicted[$0] }
        // A prediction without a tree (annotate --no-tree) is not scored as a tree with every link missing.
        if missing || predicted.units.contains(where: { $0.kind == .sentence && ($0.annotation.parent != nil || $0.annotation.linkedBy != nil) }) {
            evaluation.tree = TreeEvaluation.compare(
                gold: gold, predicted: predicted, goldFor: goldFor, predictedFor: { predictedOfGold[$0] }, agreement: agreement)
        }
        return (evaluation, mode)
    }

    static func isAlignedByID(gold: Document, predictedByID: [String: TextUnit]) -> Bool {
        gold.units.allSatisfy { unit in
            guard let other = predictedByID[unit.id] else { return false }
            return (other.start == unit.start && other.end == unit.end) || other.text == unit.text
        }
    }
}

/// Where each unit of a gold and a predicted document lies on one common axis, so that units that overlap there
/// are paired. Spans are indexed like the documents' units (nil: the unit has no place).
struct Spans {
    var gold: [Range<Int>?]
    var predicted: [Range<Int>?]
    /// Gold sentences whose text was not found in the prediction (text matching).
    var notFound = 0
    /// Of those, the ones whose text the prediction holds out of the gold's order.
    var outOfOrder = 0

    /// The units' own offsets: both files were read from one source.
    static func byOffsets(gold: Document, predicted: Document) -> Spans {
        func own(_ units: [TextUnit]) -> [Range<Int>?] { units.map { $0.end > $0.start ? $0.start..<$0.end : nil } }
        return Spans(gold: own(gold.units), predicted: own(predicted.units))
    }

    /// Shortest text looked up in the index of the prediction's text; shorter sentences are searched near where
    /// the sentence before them was found.
    static let indexedLength = 12
    /// More places than this for one sentence's text make it boilerplate, looked for near the sentence before it.
    static let mostCandidates = 64

    /// Positions in the prediction's text with spaces left out: each predicted unit where it stands, each gold unit
    /// where its text is found. A sentence whose text occurs once is an anchor; the longest run of anchors in the
    /// gold's order fixes the alignment (an edited sentence whose old text occurs later cannot drag it away), and
    /// every other sentence is looked for between the sentences placed before and after it. A gold unit still not
    /// found (an edited sentence) takes the gap its neighbours leave, shared by length with the others not found
    /// there; one with no gap (a sentence the prediction lacks) has no span.
    static func byText(gold: Document, predicted: Document) -> Spans {
        var text: [Unicode.Scalar] = []
        var predictedSpans: [Range<Int>?] = []
        for unit in predicted.units {
            let start = text.count
            text += normalized(unit.text)
            predictedSpans.append(text.count > start ? start..<text.count : nil)
        }
        let units = gold.units.indices.filter { gold.units[$0].kind == .sentence || gold.units[$0].kind == .heading || gold.units[$0].kind == .caption }
        let needles = units.map { normalized(gold.units[$0].text) }
        let index = TextIndex(text, length: indexedLength)
        // nil: too many places to tell (boilerplate, or many sentences opening alike); such a sentence is looked for
        // near where the one before it was found.
        let candidates: [[Int]?] = needles.map { needle in
            needle.count >= indexedLength ? index.occurrences(of: needle, in: text, atMost: mostCandidates + 1) : []
        }
        // Anchors: text found exactly once; keep the longest run whose places rise with the gold's order.
        let unique = needles.indices.filter { candidates[$0]?.count == 1 }
        let anchors = Set(longestRisingRun(unique.map { candidates[$0]![0] }).map { unique[$0] })
        var found = [Range<Int>?](repeating: nil, count: needles.count)
        for k in anchors { found[k] = candidates[k]![0]..<(candidates[k]![0] + needles[k].count) }
        // The others, in order, between the last place used and the next anchor.
        var lower = 0
        var nextAnchor = 0
        let anchorOrder = anchors.sorted()
        for k in needles.indices {
            if anchors.contains(k) {
                lower = found[k]!.upperBound
                nextAnchor += 1
                continue
            }
            let needle = needles[k]
            guard !needle.isEmpty else { continue }
            let upper = nextAnchor < anchorOrder.count ? found[anchorOrder[nextAnchor]]!.lowerBound : text.count
            var hit: Int?
            if needle.count >= indexedLength {
                if let places = candidates[k], places.count <= mostCandidates {
                    hit = places.first { $0 >= lower && $0 + needle.count <= upper }
                } else {
                    hit = find(needle, in: text, from: lower, to: min(upper, lower + 4 * needle.count + 2_000))
                }
            } else {
                hit = find(needle, in: text, from: lower, to: min(upper, lower + 4 * needle.count + 200))
            }
            if let hit {
                found[k] = hit..<(hit + needle.count)
                lower = hit + needle.count
            }
        }
        var notFound = 0
        var outOfOrder = 0
        // The places the found sentences hold, in order: a sentence whose text stands only where another gold
        // sentence was found (a salutation said several times, then edited once) is edited, not moved.
        let taken = found.compactMap { $0 }.sorted { $0.lowerBound < $1.lowerBound }
        func isFree(_ place: Range<Int>) -> Bool {
            var low = 0
            var high = taken.count
            while low < high {
                let mid = (low + high) / 2
                if taken[mid].upperBound <= place.lowerBound { low = mid + 1 } else { high = mid }
            }
            return low == taken.count || taken[low].lowerBound >= place.upperBound
        }
        for (k, range) in found.enumerated() where range == nil && gold.units[units[k]].kind == .sentence && !needles[k].isEmpty {
            notFound += 1
            let needle = needles[k]
            var places: [Int] = []
            if needle.count >= indexedLength {
                // nil: boilerplate found in too many places to say.
                places = candidates[k] ?? []
            } else {
                var from = 0
                while places.count < mostCandidates, let hit = find(needle, in: text, from: from, to: text.count) {
                    places.append(hit)
                    from = hit + 1
                }
            }
            if places.contains(where: { isFree($0..<($0 + needle.count)) }) { outOfOrder += 1 }
        }
        // Gaps between found neighbours, shared by the units not found inside them.
        var k = 0
        while k < needles.count {
            guard found[k] == nil, !needles[k].isEmpty else { k += 1; continue }
            var end = k
            while end < needles.count, found[end] == nil { end += 1 }
            // The nearest placed unit before (a unit with no text has no place).
            let from = found[..<k].last { $0 != nil }??.upperBound ?? 0
            let to = end < needles.count ? found[end]!.lowerBound : text.count
            if to > from {
                let lengths = (k..<end).map { needles[$0].count }
                let total = max(lengths.reduce(0, +), 1)
                var position = Double(from)
                for (offset, length) in lengths.enumerated() {
                    let width = Double(to - from) * Double(length) / Double(total)
                    let a = Int(position.rounded())
                    let b = Int((position + width).rounded())
                    if b > a { found[k + offset] = a..<b }
                    position += width
                }
            }
            k = end
        }
        var goldSpans = [Range<Int>?](repeating: nil, count: gold.units.count)
        for (k, unit) in units.enumerated() { goldSpans[unit] = found[k] }
        return Spans(gold: goldSpans, predicted: predictedSpans, notFound: notFound, outOfOrder: outOfOrder)
    }

    /// For each unit of `units`, the unit of the same kind in `others` its span overlaps most (nil: none), found in
    /// one sweep: the spans of each side rise with the units' order and do not overlap.
    static func bestOverlaps(
        of units: [TextUnit], _ spans: [Range<Int>?], in others: [TextUnit], _ otherSpans: [Range<Int>?]
    ) -> [Int?] {
        var result = [Int?](repeating: nil, count: units.count)
        for kind in [UnitKind.sentence, .heading, .caption] {
            let mine = units.indices.filter { units[$0].kind == kind && spans[$0] != nil }.sorted { spans[$0]!.lowerBound < spans[$1]!.lowerBound }
            let theirs = others.indices.filter { others[$0].kind == kind && otherSpans[$0] != nil }
                .sorted { otherSpans[$0]!.lowerBound < otherSpans[$1]!.lowerBound }
            var j = 0
            for i in mine {
                let span = spans[i]!
                while j < theirs.count, otherSpans[theirs[j]]!.upperBound <= span.lowerBound { j += 1 }
                var best: (index: Int, overlap: Int)?
                var k = j
                while k < theirs.count, otherSpans[theirs[k]]!.lowerBound < span.upperBound {
                    let o = otherSpans[theirs[k]]!
                    let overlap = min(o.upperBound, span.upperBound) - max(o.lowerBound, span.lowerBound)
                    if overlap > 0, best == nil || overlap > best!.overlap { best = (theirs[k], overlap) }
                    k += 1
                }
                result[i] = best?.index
            }
        }
        return result
    }

    /// The indices of a longest strictly rising subsequence of `values` (patience sorting, O(n log n)).
    static func longestRisingRun(_ values: [Int]) -> [Int] {
        var tails: [Int] = []  // index into values of the smallest tail of a run of each length
        var previous = [Int](repeating: -1, count: values.count)
        for (i, value) in values.enumerated() {
            var low = 0
            var high = tails.count
            while low < high {
                let middle = (low + high) / 2
                if values[tails[middle]] < value { low = middle + 1 } else { high = middle }
            }
            if low > 0 { previous[i] = tails[low - 1] }
            if low == tails.count { tails.append(i) } else { tails[low] = i }
        }
        var run: [Int] = []
        var i = tails.last ?? -1
        while i >= 0 {
            run.append(i)
            i = previous[i]
        }
        return run.reversed()
    }

    /// The text as sentences are paired by it: without spaces and invisible format characters (a zero-width space,
    /// a soft hyphen, a byte-order mark), and with what typesetting varies folded to one form — full-width letters,
    /// digits and marks to ASCII (，：“ as , : "), curly quotes to straight ones, 。 and 、 to . and , and dashes to -
    /// — so that a prediction of a text set otherwise (another tool's export, ASCII punctuation) pairs by text.
    static func normalized(_ text: String) -> [Unicode.Scalar] {
        var result: [Unicode.Scalar] = []
        result.reserveCapacity(text.unicodeScalars.count)
        for scalar in text.unicodeScalars {
            let v = scalar.value
            if v < 0x80 {
                if !scalar.properties.isWhitespace { result.append(scalar) }
                continue
            }
            if scalar.properties.isWhitespace || scalar.properties.generalCategory == .format { continue }
            result.append(folded(scalar))
        }
        return result
    }

    private static func folded(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        switch scalar.value {
        case 0xFF01...0xFF5E: return scalar.halfWidth
        case 0x201C, 0x201D, 0x201E, 0x201F, 0x2033, 0x300C, 0x300D: return "\""
        case 0x2018, 0x2019, 0x201A, 0x201B, 0x2032: return "'"
        case 0x3002, 0xFF61: return "."
        case 0x3001: return ","
        case 0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2015, 0x2212: return "-"
        default: return scalar
        }
    }

    static func find(_ needle: [Unicode.Scalar], in text: [Unicode.Scalar], from: Int, to: Int) -> Int? {
        guard !needle.isEmpty, from >= 0, to - from >= needle.count else { return nil }
        let first = needle[0]
        var i = from
        while i + needle.count <= to {
            if text[i] == first {
                var j = 1
                while j < needle.count, text[i + j] == needle[j] { j += 1 }
                if j == needle.count { return i }
            }
            i += 1
        }
        return nil
    }
}

/// Where each stretch of `length` scalars occurs in a text, by a hash of the stretch: the places where a longer
/// needle may begin, each then checked whole.
struct TextIndex {
    let length: Int
    private var latest: [UInt64: Int] = [:]
    /// For each position, the previous position with the same hash (-1: none).
    private var earlier: [Int]

    init(_ text: [Unicode.Scalar], length: Int) {
        self.length = length
        earlier = [Int](repeating: -1, count: max(text.count - length + 1, 0))
        guard text.count >= length else { return }
        latest.reserveCapacity(text.count)
        for i in 0...(text.count - length) {
            let key = Self.hash(text[i..<(i + length)])
            earlier[i] = latest[key] ?? -1
            latest[key] = i
        }
    }

    static func hash(_ stretch: ArraySlice<Unicode.Scalar>) -> UInt64 {
        var h: UInt64 = 14_695_981_039_346_656_037
        for scalar in stretch { h = (h ^ UInt64(scalar.value)) &* 1_099_511_628_211 }
        return h
    }

    /// Where `needle` (at least `length` long) occurs whole in `text`, in rising order, at most `limit` places; nil
    /// when more than `limit` occur or more than `16 * limit` places open alike, too many to check.
    func occurrences(of needle: [Unicode.Scalar], in text: [Unicode.Scalar], atMost limit: Int) -> [Int]? {
        var places: [Int] = []
        var i = latest[Self.hash(needle[0..<length])] ?? -1
        var checked = 0
        while i >= 0 {
            checked += 1
            if checked > 16 * limit { return nil }
            if i + needle.count <= text.count, text[i..<(i + needle.count)].elementsEqual(needle) {
                places.append(i)
                if places.count > limit { return nil }
            }
            i = earlier[i]
        }
        return places.reversed()
    }
}

/// Argument-tree agreement: for every gold sentence with a gold parent or the gold thesis, whether the prediction
/// gives it the same parent (attachment), the same parent and relation, and whether the thesis is the same sentence.
public struct TreeEvaluation: Sendable, Hashable {
    /// Gold sentences that have a gold parent (the thesis excluded).
    public var linked = 0
    public var sameParent = 0
    public var sameParentAndRelation = 0
    /// Documents with a gold thesis, and those whose predicted thesis is the same sentence.
    public var theses = 0
    public var thesesFound = 0
    /// Gold links (parents) a linker, not a person, set: scored as gold, they measure agreement with that linker.
    public var machineGoldLinks = 0

    public init() {}

    public var attachment: Double { linked == 0 ? 0 : Double(sameParent) / Double(linked) }
    public var attachmentWithRelation: Double { linked == 0 ? 0 : Double(sameParentAndRelation) / Double(linked) }
    public var thesisAccuracy: Double { theses == 0 ? 0 : Double(thesesFound) / Double(theses) }

    public mutating func merge(_ other: TreeEvaluation) {
        linked += other.linked
        sameParent += other.sameParent
        sameParentAndRelation += other.sameParentAndRelation
        theses += other.theses
        thesesFound += other.thesesFound
        machineGoldLinks += other.machineGoldLinks
    }

    /// Compares trees; `goldFor` maps a predicted unit id to the gold unit id it corresponds to.
    /// `agreement`: two annotators' files, so a link a linker set on either side is left out, as machine labels are.
    static func compare(
        gold: Document, predicted: Document, goldFor: (String) -> String?, predictedFor: (String) -> TextUnit?, agreement: Bool = false
    ) -> TreeEvaluation {
        var e = TreeEvaluation()
        // The thesis the gold marks as the root (ROOT in a table, placed by a person or linker), else its first
        // argumentative sentence without a parent.
        let hasTree = gold.units.contains(where: { $0.annotation.parent != nil })
        let goldThesis = !hasTree ? nil : gold.units.first { $0.kind == .sentence && $0.annotation.isThesis } ?? gold.units.first {
            $0.kind == .sentence && $0.annotation.parent == nil && $0.annotation.label != nil && $0.annotation.label != .background
        }
        // Between annotators a thesis a linker chose on either side is no one's judgement.
        let machineThesis = agreement && goldThesis.map { thesis in
            thesis.annotation.linkedBy.map { !$0.isHuman } == true || predictedFor(thesis.id)?.annotation.linkedBy.map { !$0.isHuman } == true
        } == true
        if let thesis = goldThesis, !machineThesis {
            e.theses = 1
            if let p = predictedFor(thesis.id), p.annotation.parent == nil, p.annotation.label != nil, p.annotation.label != .background,
                predicted.units.contains(where: { $0.annotation.parent != nil })
            {
                e.thesesFound = 1
            }
        }
        func machineLinked(_ a: SentenceAnnotation?) -> Bool { a?.linkedBy.map { !$0.isHuman } == true }
        for unit in gold.units where unit.kind == .sentence {
            guard let goldParent = unit.annotation.parent else { continue }
            if agreement, machineLinked(unit.annotation) || machineLinked(predictedFor(unit.id)?.annotation) { continue }
            if !agreement, machineLinked(unit.annotation) { e.machineGoldLinks += 1 }
            e.linked += 1
            guard let p = predictedFor(unit.id), let predictedParent = p.annotation.parent,
                goldFor(predictedParent) == goldParent
            else { continue }
            e.sameParent += 1
            if p.annotation.relation == unit.annotation.relation { e.sameParentAndRelation += 1 }
        }
        return e
    }
}

/// Predicted confidences against whether the labels were right: is a label with confidence 0.8 right four times in
/// five, and do the least confident labels hold the errors (where a reviewer should look first)?
public struct ConfidenceEvaluation: Sendable, Hashable {
    /// Per scored sentence whose predicted label carried a confidence.
    public private(set) var points: [Point] = []

    public struct Point: Sendable, Hashable {
        public var confidence: Double
        public var right: Bool
    }

    /// Of the points, those whose confidence is recorded as a share (``ConfidenceScale/share``): their calibration
    /// error measures no probability.
    public private(set) var fromShares = 0
    /// Of the points, those whose file does not say what their confidence is (an older ArgMark's, another tool's).
    public private(set) var fromUnsaid = 0

    public init() {}

    /// Counts one predicted confidence and whether its label was right; `scale` is what the confidence is, as its
    /// file records it (nil where it does not say).
    public mutating func add(confidence: Double, right: Bool, scale: ConfidenceScale? = nil) {
        points.append(Point(confidence: confidence, right: right))
        switch scale {
        case .share: fromShares += 1
        case .calibrated: break
        case .mixed, nil: fromUnsaid += 1
        }
    }

    public mutating func merge(_ other: ConfidenceEvaluation) {
        points += other.points
        fromShares += other.fromShares
        fromUnsaid += other.fromUnsaid
    }

    public var count: Int { points.count }
    public var errors: Int { points.count { !$0.right } }

    public var meanConfidence: Double { points.isEmpty ? 0 : points.reduce(0) { $0 + $1.confidence } / Double(points.count) }

    public var accuracy: Double { points.isEmpty ? 0 : Double(points.count { $0.right }) / Double(points.count) }

    /// Expected calibration error over ten equal-width bins: the mean gap between confidence and accuracy, each bin
    /// weighted by its share of the labels. 0 is perfect.
    public var calibrationError: Double {
        guard !points.isEmpty else { return 0 }
        var count = [Int](repeating: 0, count: 10)
        var confidenceSum = [Double](repeating: 0, count: 10)
        var rightCount = [Int](repeating: 0, count: 10)
        for point in points {
            let bin = min(Int(point.confidence * 10), 9)
            count[bin] += 1
            confidenceSum[bin] += point.confidence
            if point.right { rightCount[bin] += 1 }
        }
        var error = 0.0
        for bin in 0..<10 where count[bin] > 0 {
            error += abs(confidenceSum[bin] - Double(rightCount[bin])) / Double(points.count)
        }
        return error
    }

    /// The chance that a right label has a higher confidence than a wrong one (ties count half); 0.5 is no better
    /// than chance. Nil without both right and wrong labels.
    public var ranking: Double? {
        let right = points.count { $0.right }
        let wrong = points.count - right
        guard right > 0, wrong > 0 else { return nil }
        let sorted = points.sorted { $0.confidence < $1.confidence }
        var rankSum = 0.0
        var i = 0
        while i < sorted.count {
            var j = i
            while j < sorted.count && sorted[j].confidence == sorted[i].confidence { j += 1 }
            let meanRank = Double(i + j + 1) / 2
            rankSum += meanRank * Double(sorted[i..<j].count { $0.right })
            i = j
        }
        return (rankSum - Double(right) * Double(right + 1) / 2) / (Double(right) * Double(wrong))
    }

    /// The share of the wrong labels among the least-confident fifth of the labels: what a reviewer who checks
    /// that fifth finds. Labels tied at the fifth's edge count in proportion (as a random choice among them would).
    /// Nil without a wrong label or with fewer than five labels.
    public var errorsInLeastConfidentFifth: Double? {
        let wrong = errors
        let take = points.count / 5
        guard wrong > 0, take > 0 else { return nil }
        let sorted = points.sorted { $0.confidence < $1.confidence }
        let edge = sorted[take - 1].confidence
        let below = sorted.prefix { $0.confidence < edge }
        let tied = sorted.filter { $0.confidence == edge }
        let found = Double(below.count { !$0.right })
            + Double(tied.count { !$0.right }) * Double(take - below.count) / Double(tied.count)
        return found / Double(wrong)
    }
}
