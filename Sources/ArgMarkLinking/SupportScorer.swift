import ArgMarkCore
import ArgMarkPipeline

/// Evidential-support scores by DF-QuAD gradual semantics over the bipolar argument tree (Rago et al., KR 2016).
///
/// Each argumentative sentence a has a base score τ(a) ∈ [0, 1]; its supporters' and attackers' final strengths are
/// aggregated by F(v₁…vₙ) = 1 − ∏(1 − vᵢ) (0 for none) into vₛ and vₐ, and
/// σ(a) = τ(a) − τ(a)·(vₐ − vₛ) when vₐ ≥ vₛ, else τ(a) + (1 − τ(a))·(vₛ − vₐ).
/// A child counts with its final strength times the confidence of its edge (1 for links a person set), so an
/// uncertain link weighs less and long lists of supporters saturate more slowly. Computed bottom-up, so linear in
/// the number of sentences. Adding a supporter never lowers a score, adding an attacker never raises it.
///
/// Base scores: evidence 0.6, example 0.55, claim and prescription 0.4 (a bare assertion needs support to be
/// believed), raised by the sentence's own checkable material — a note or citation marker +0.15, figures +0.1,
/// a date +0.05, a named document 《》 +0.05, a quotation +0.05 — and moved towards 0.5 by label uncertainty
/// (τ = 0.5 + (b − 0.5)·confidence). Scores go to every labelled non-background sentence; the thesis's score is
/// how well the whole text supports it.
public struct SupportScorer: Scorer {
    public init() {}

    public let descriptor = PluginDescriptor(
        id: "score.dfquad.v1", kind: .scorer,
        summary: "DF-QuAD gradual semantics: base scores from label, confidence and material; supporters raise, attackers lower",
        languages: [.zh, .en, .mixed], requires: [.labels, .tree], assigns: [.scores])

    public func score(_ document: consuming Document) -> Document {
        let (results, unscored) = evaluateAll(document)
        // Written after the read-only pass, so that no second reference to the units is alive and the writes change
        // the consumed document in place.
        for (i, sigma, explanation) in results {
            document.units[i].annotation.score = sigma
            document.units[i].annotation.explanation = explanation
        }
        for i in unscored {
            document.units[i].annotation.score = nil
            document.units[i].annotation.explanation = nil
        }
        return document
    }

    /// Every scored sentence's strength and explanation, children before parents, and the sentences left unscored.
    private func evaluateAll(_ document: Document) -> (scored: [(Int, Double, ScoreExplanation)], unscored: [Int]) {
        let units = document.units
        // Units are read in place through their indices: iterating the array copies each one.
        var index: [String: Int] = [:]
        index.reserveCapacity(units.count)
        for i in units.indices { index[units[i].id] = i }
        var children = [[Int]](repeating: [], count: units.count)
        var scored = [Bool](repeating: false, count: units.count)
        for i in units.indices where units[i].kind == .sentence {
            guard let label = units[i].annotation.label, label != .background else { continue }
            scored[i] = true
            if let p = units[i].annotation.parent, let j = index[p] { children[j].append(i) }
        }
        // Post-order without recursion: children before parents, whatever the depth.
        var strength = [Double](repeating: 0, count: units.count)
        var state = [UInt8](repeating: 0, count: units.count)
        var results: [(Int, Double, ScoreExplanation)] = []
        for root in units.indices where scored[root] && state[root] == 0 {
            var stack = [root]
            while let top = stack.last {
                if state[top] == 0 {
                    state[top] = 1
                    for c in children[top] where state[c] == 0 { stack.append(c) }
                } else {
                    stack.removeLast()
                    if state[top] == 2 { continue }
                    state[top] = 2
                    let (sigma, explanation) = evaluate(top, units: units, children: children[top].filter { state[$0] == 2 }) { strength[$0] }
                    strength[top] = sigma
                    results.append((top, sigma, explanation))
                }
            }
        }
        return (results, units.indices.filter { !scored[$0] })
    }

    /// One sentence's final strength from its base score and its children's strengths.
    private func evaluate(
        _ top: Int, units: [TextUnit], children: [Int], strength: (Int) -> Double
    ) -> (Double, ScoreExplanation) {
        let base = baseScore(units[top])
        var supportProduct = 1.0
        var attackProduct = 1.0
        var contributions: [ScoreExplanation.Contribution] = []
        for c in children {
            let a = units[c].annotation
            let relation = a.relation ?? .support
            let weight = a.isHumanLink ? 1 : (a.linkConfidence ?? 1)
            let effective = strength(c) * weight
            if relation == .attack { attackProduct *= 1 - effective } else { supportProduct *= 1 - effective }
            contributions.append(.init(child: units[c].id, relation: relation, strength: effective))
        }
        let vs = children.isEmpty ? 0 : 1 - supportProduct
        let va = children.isEmpty ? 0 : 1 - attackProduct
        let sigma = Self.combine(base: base, support: vs, attack: va)
        contributions.sort { $0.strength > $1.strength || ($0.strength == $1.strength && $0.child < $1.child) }
        return (sigma, ScoreExplanation(base: base, children: contributions))
    }

    /// Only the edited sentences, their former parents and everything above them change: they are recomputed
    /// deepest first, from their children's current scores. Time grows with the depth of the tree, not its size.
    public func rescore(_ document: inout Document, units changed: [Int], children: [[Int]], index: [String: Int]) {
        func scored(_ i: Int) -> Bool {
            let label = document.units[i].annotation.label
            return document.units[i].kind == .sentence && label != nil && label != .background
        }
        // Each affected unit with its depth (distance to its root).
        var depth: [Int: Int] = [:]
        for start in changed {
            var chain: [Int] = []
            var current: Int? = start
            var seen: Set<Int> = []
            while let i = current, depth[i] == nil, seen.insert(i).inserted {
                chain.append(i)
                current = document.units[i].annotation.parent.flatMap { index[$0] }
            }
            var base = current.flatMap { depth[$0] } ?? -1
            for i in chain.reversed() {
                base += 1
                depth[i] = base
            }
        }
        let order = depth.keys.sorted { (depth[$0]!, $0) > (depth[$1]!, $1) }
        for i in order {
            guard scored(i) else {
                document.units[i].annotation.score = nil
                document.units[i].annotation.explanation = nil
                continue
            }
            // Reading through `document` (no second reference to the array) keeps the writes below in place.
            let (sigma, explanation) = evaluate(i, units: document.units, children: children[i].filter(scored)) {
                document.units[$0].annotation.score ?? 0
            }
            document.units[i].annotation.score = sigma
            document.units[i].annotation.explanation = explanation
        }
    }

    /// DF-QuAD's combination of a base score with aggregated support and attack.
    public static func combine(base: Double, support: Double, attack: Double) -> Double {
        let value = attack >= support ? base - base * (attack - support) : base + (1 - base) * (support - attack)
        return min(1, max(0, value))
    }

    /// The base score τ of a sentence (see the type's documentation).
    public func baseScore(_ unit: TextUnit) -> Double {
        var b: Double
        switch unit.annotation.label {
        case .evidence: b = 0.6
        case .example: b = 0.55
        default: b = 0.4
        }
        // One pass over the scalars for every kind of checkable material.
        var hasDigit = false
        var hasYear = false
        var hasMarker = !unit.noteRefs.isEmpty
        var hasDocument = false
        var hasQuote = false
        let scalars = Array(unit.text.unicodeScalars)
        func isDigit(_ s: Unicode.Scalar) -> Bool { ("0"..."9").contains(s) || ("０"..."９").contains(s) }
        // A Latin letter against the digits makes them part of a code (GDP2023, 2023a); a Chinese character does not.
        func isLatin(_ s: Unicode.Scalar) -> Bool { s.isASCII && s.properties.isAlphabetic }
        for (k, s) in scalars.enumerated() {
            switch s {
            case "0"..."9", "０"..."９":
                hasDigit = true
                if k + 4 < scalars.count, scalars[k + 4] == "年" { hasYear = true }
                // A year written as a word of its own (In March 2023, 2019—2021), as English and much Chinese writes
                // dates: four digits from 1800 to 2099 with no digit, letter or decimal point against them.
                if !hasYear, k + 4 <= scalars.count, (k == 0 || !(isDigit(scalars[k - 1]) || scalars[k - 1] == "." || isLatin(scalars[k - 1]))),
                   scalars[k..<(k + 4)].allSatisfy(isDigit),
                   k + 4 == scalars.count || !(isDigit(scalars[k + 4]) || isLatin(scalars[k + 4]) || (scalars[k + 4] == "." && k + 5 < scalars.count && isDigit(scalars[k + 5]))) {
                    let value = scalars[k..<(k + 4)].reduce(0) { $0 * 10 + Int($1.value >= 0xFF10 ? $1.value - 0xFF10 : $1.value - 48) }
                    if (1800...2099).contains(value) { hasYear = true }
                }
            case "[", "［": hasMarker = true
            case "《": hasDocument = true
            case "“", "\"": hasQuote = true
            default: break
            }
        }
        if hasMarker { b += 0.15 }
        if hasDigit { b += 0.1 }
        if hasYear { b += 0.05 }
        if hasDocument { b += 0.05 }
        if hasQuote { b += 0.05 }
        b = min(b, 0.95)
        let confidence = unit.annotation.isHumanLabel ? 1 : (unit.annotation.confidence ?? 1)
        return 0.5 + (b - 0.5) * confidence
    }
}
