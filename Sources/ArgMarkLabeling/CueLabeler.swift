import ArgMarkCore
import ArgMarkPipeline
import Foundation

/// Labels sentences from a cue lexicon alone: each label's score is 1 − e^(−Σ weights of its cues); a sentence
/// without any cue gets a weak `claim` (the commonest label of argumentative prose) so that every sentence is
/// labelled. Transparent and fast; the statistical labeller uses the same cues as features.
public struct CueLabeler: Labeler {
    public let lexicon: CueLexicon
    public var descriptor: PluginDescriptor
    /// Score given to `claim` when no cue fires; nil proposes nothing then (a rule labeller that only speaks
    /// when its construction is present).
    public let fallbackScore: Double?

    public init(id: String, languages: [LanguageTag], lexicon: CueLexicon, fallbackScore: Double? = 0.2, summary: String? = nil) {
        self.lexicon = lexicon
        self.fallbackScore = fallbackScore
        descriptor = PluginDescriptor(
            id: id, kind: .labeler,
            summary: summary ?? "cue lexicon (\(lexicon.cues.count) cues, Models/cues): discourse markers and constructions per label",
            languages: languages, labels: ArgumentLabel.allCases, requires: [.sentences], assigns: [.labels])
    }

    public func propose(for document: Document) -> [LabelProposal] {
        var proposals: [LabelProposal] = []
        // A cue written ¶ (a journalist's question, 问：…) that opened a turn in this paragraph, and its sentence.
        var turn: (paragraph: String, cue: Cue, sentence: String)?
        for index in document.units.indices
        where document.units[index].kind == .sentence && descriptor.languages.contains(document.units[index].language) {
            // The unit's fields are read in place: copying the unit retains every string and array it holds.
            var matches = lexicon.matches(in: document.units[index].text)
            // A turn ends with its paragraph, or where another speaker's opens (答：…, A: …, MS. JEAN-PIERRE: …).
            if let opened = turn, opened.paragraph != document.units[index].paragraph || Self.opensSpeakersTurn(document.units[index].text) {
                turn = nil
            }
            if let opening = matches.first(where: { $0.cue.wholeTurn && $0.cue.label != nil }) {
                turn = (document.units[index].paragraph, opening.cue, document.units[index].id)
            } else if let turn {
                // The turn's cue holds for this sentence too, named with the sentence that opened it.
                var held = turn.cue
                held.text += " (\(turn.sentence))"
                matches.append(CueMatch(cue: held, offset: 0))
            }
            var scores = LabelScores()
            for match in matches { scores[match.cue.label!] = (scores[match.cue.label!] ?? 0) + match.cue.weight }
            for label in ArgumentLabel.allCases { if let total = scores[label] { scores[label] = 1 - Foundation.exp(-total) } }
            var fallback = false
            if scores.isEmpty {
                guard let fallbackScore else { continue }
                scores = [.claim: fallbackScore]
                fallback = true
            }
            // "cue→label cue→label", appended in place (interpolating each pair cost more than matching).
            var evidence = matches.isEmpty ? "no cue" : ""
            for (n, match) in matches.enumerated() {
                if n > 0 { evidence += " " }
                evidence += match.cue.text
                evidence += "→"
                evidence += match.cue.label!.rawValue
            }
            proposals.append(LabelProposal(unitIndex: index, scores: scores, evidence: evidence, pluginID: descriptor.id, isFallback: fallback))
        }
        return proposals
    }

    /// Whether a sentence opens with a speaker's label: 答： / 毛宁： / 外交部发言人汪文斌： (a name of at most four Han
    /// characters, or a title ending as a speaker's does), or A: / MS. JEAN-PIERRE: / THE PRESIDENT: (an answer's mark,
    /// a title and a name, THE and an office) — not a label inside a question (FIRST:, NOTE:, 声明全文如下：).
    static func opensSpeakersTurn(_ text: String) -> Bool {
        let head = text.unicodeScalars.prefix(40)
        guard let colon = head.firstIndex(where: { $0 == "：" || $0 == ":" }), colon > head.startIndex else { return false }
        let label = String(String.UnicodeScalarView(head[head.startIndex..<colon]))
        if label.unicodeScalars.allSatisfy({ $0.properties.isIdeographic }) {
            if label == "答" { return true }
            // A verb of saying quotes (美方称：, 美国国务院发言人称：, 总理强调：); 各位代表： addresses.
            if ["称", "说", "道", "表示", "指出", "认为", "强调", "问", "回应", "介绍", "如下", "全文"].contains(where: label.contains)
                || label.hasPrefix("各位") {
                return false
            }
            if ["发言人", "记者", "部长", "主任", "大使", "局长", "司长", "主席", "总理", "代表", "委员"].contains(where: label.contains) {
                return label.unicodeScalars.count <= 16
            }
            // A name: two to four characters.
            return (2...4).contains(label.unicodeScalars.count)
        }
        let words = label.split(separator: " ").map(String.init)
        guard let first = words.first else { return false }
        if words.count == 1 { return ["A", "ANSWER"].contains(first) }
        let titles = ["MR.", "MS.", "MRS.", "DR.", "SEN.", "REP.", "AMB.", "GOV.", "GEN.", "PROF.", "SECRETARY", "AMBASSADOR", "PRESIDENT", "THE"]
        return titles.contains(first) && words.count <= 4
    }
}
