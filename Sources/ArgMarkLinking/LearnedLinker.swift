import ArgMarkCore
import ArgMarkPipeline

/// The tree linker with a learned thesis and learned attachment: the thesis is the argumentative sentence the
/// ``AttachmentModel`` scores highest (a thesis a person chose wins), the rule parents and relations (attack openers)
/// come from `link.tree.v1` around that thesis, and each sentence's parent is the candidate the model scores highest,
/// with its probability as the edge confidence; the items of one enumeration share the parent most probable for all
/// of them together. Human links are kept, and the result is repaired into a tree exactly as the
/// rule linker's is. Trained by `argmark train-linker`; shipped in Models/link.learned.v1.
public struct LearnedLinker: Linker {
    public let model: AttachmentModel
    public var descriptor: PluginDescriptor

    public init(model: AttachmentModel, id: String = "link.learned.v1", summary: String? = nil) {
        self.model = model
        descriptor = PluginDescriptor(
            id: id, kind: .linker,
            summary: summary ?? "learned thesis and attachment (conditional logits over candidates, link.tree.v1's choices among the features); relations by attack openers",
            languages: [.zh, .en, .mixed], requires: [.sentences, .labels], assigns: [.tree])
    }

    public func link(_ document: consuming Document) -> Document {
        let rules = TreeLinker()
        guard TreeLinker.hasThesisCandidate(document), let rulePlan = rules.plan(document) else { return rules.link(consume document) }
        // The learned thesis (a person's choice still wins inside plan), then the rule parents around it; a thesis is a
        // claim or a prescription, so the model's choice of another sentence leaves the rules' one.
        let learned = model.choose(AttachmentModel.thesisInstance(document, nodes: rulePlan.nodes, ruleThesis: rulePlan.thesis)).parent
        var thesisChoice = [.claim, .prescription].contains(document.units[learned].annotation.label) ? learned : rulePlan.thesis
        // A sentence that answers or opposes another (But the revenue can fund…, 然而…, an answer to a concession)
        // argues against something before it, so it is no root: the model's choice by position gives way to the rules'.
        if thesisChoice != rulePlan.thesis, rulePlan.parent[thesisChoice]?.2 == .attack {
            thesisChoice = rulePlan.thesis
        }
        // A thesis the text states as such (本文认为 / 笔者认为 / we argue …) outranks a choice the model made by position
        // and overlap.
        if TreeLinker.statesThesis(document.units[rulePlan.thesis].text), !TreeLinker.statesThesis(document.units[thesisChoice].text) {
            thesisChoice = rulePlan.thesis
        }
        // Planning again is needed only when the thesis moved (the rule parents hang around the thesis).
        let samePlan = thesisChoice == rulePlan.thesis ? rulePlan : nil
        guard let (thesis, nodes, ruleParent) = samePlan ?? rules.plan(document, thesis: thesisChoice) else { return rules.link(consume document) }
        var parent = ruleParent
        // Each instance is scored as it is built and only its candidates' probabilities are kept (for the series):
        // a long document's features held together took hundreds of megabytes.
        var choices: [Choice] = []
        AttachmentModel.forEachInstance(document, nodes: nodes, thesis: thesis, ruleParents: ruleParent.mapValues(\.0)) { instance in
            let (chosen, probability, probabilities) = model.chooseWithProbabilities(instance)
            let relation = ruleParent[instance.child]?.2 ?? .support
            parent[instance.child] = (chosen, probability, relation)
            choices.append(Choice(child: instance.child, candidates: instance.candidates, probabilities: probabilities, seriesFirst: instance.seriesFirst))
        }
        shareSeriesParents(choices, &parent)
        rules.answerConcessions(document.units, &parent)
        breakCycles(&parent, rules: ruleParent, thesis: thesis, document: document)
        rules.write(&document, thesis: thesis, nodes: nodes, parent: parent, linkerID: descriptor.id)
        return document
    }

    /// What the series pass needs of an instance once its features are gone.
    private struct Choice {
        var child: Int
        var candidates: [Int]
        var probabilities: [Double]
        var seriesFirst: Int?
    }

    /// Parallel items share a parent (GUIDELINE; every series in the project gold does): the items of one enumeration
    /// get the one parent that is most probable for all of them together (the largest sum of log-probabilities over
    /// the candidates every item has, the items themselves excluded).
    private func shareSeriesParents(_ instances: [Choice], _ parent: inout [Int: (Int, Double, ArgumentRelation)]) {
        var series: [Int: [Int]] = [:]
        var position: [Int: Int] = [:]
        for (n, instance) in instances.enumerated() {
            position[instance.child] = n
            if let first = instance.seriesFirst { series[first, default: []].append(n) }
        }
        for first in series.keys.sorted() {
            guard let head = position[first] else { continue }
            let members = [head] + series[first]!
            let items = Set(members.map { instances[$0].child })
            var total: [Int: Double] = [:]
            var seen: [Int: Int] = [:]
            var probability: [Int: [Int: Double]] = [:]
            for n in members {
                let instance = instances[n]
                for (candidate, p) in zip(instance.candidates, instance.probabilities) where !items.contains(candidate) {
                    total[candidate, default: 0] += _log(max(p, 1e-12))
                    seen[candidate, default: 0] += 1
                    probability[instance.child, default: [:]][candidate] = p
                }
            }
            let shared = total.keys.filter { seen[$0] == members.count }
            guard let best = shared.max(by: { total[$0]! < total[$1]! || (total[$0]! == total[$1]! && $0 > $1) }) else { continue }
            for n in members {
                let child = instances[n].child
                parent[child] = (best, probability[child]![best]!, parent[child]!.2)
            }
        }
    }

    /// Learned parents may point forward, so two choices can form a cycle: the least probable edge of each cycle
    /// falls back to the rule linker's parent (human links, which the tree repair keeps, are left alone).
    private func breakCycles(
        _ parent: inout [Int: (Int, Double, ArgumentRelation)], rules: [Int: (Int, Double, ArgumentRelation)], thesis: Int,
        document: Document
    ) {
        let starts = parent.keys.sorted()
        for _ in 0..<64 {
            // Colouring walk: 1 on the current path, 2 known to reach the thesis or a dead end.
            var state = [UInt8](repeating: 0, count: document.units.count)
            var cycle: [Int]?
            for start in starts where state[start] == 0 {
                var path: [Int] = []
                var current = start
                while state[current] == 0, current != thesis, let (p, _, _) = parent[current] {
                    state[current] = 1
                    path.append(current)
                    current = p
                }
                if state[current] == 1, let from = path.firstIndex(of: current) {
                    cycle = Array(path[from...])
                }
                for i in path { state[i] = 2 }
                if cycle != nil { break }
            }
            guard let members = cycle else { return }
            let weakest = members.filter { parent[$0]! != rules[$0]! }.min { parent[$0]!.1 < parent[$1]!.1 } ?? members[0]
            parent[weakest] = rules[weakest] ?? (thesis, 0.2, .support)
        }
    }
}
