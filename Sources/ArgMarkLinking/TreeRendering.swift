import ArgMarkCore
import Foundation

/// Tree views of a linked document: an indented text dump, a score explanation, and Graphviz DOT.
public enum TreeRendering {
    /// Children of every unit, in document order.
    static func children(_ document: Document) -> (roots: [Int], children: [[Int]]) {
        var index: [String: Int] = [:]
        for (i, unit) in document.units.enumerated() { index[unit.id] = i }
        var children = [[Int]](repeating: [], count: document.units.count)
        var roots: [Int] = []
        // A document nobody linked (no claim or prescription to hang a tree from, or annotate --no-tree) has no tree:
        // its parentless sentences are no theses.
        guard document.units.contains(where: { $0.kind == .sentence && ($0.annotation.parent != nil || $0.annotation.linkedBy != nil) }) else {
            return ([], children)
        }
        for (i, unit) in document.units.enumerated() where unit.kind == .sentence {
            guard let label = unit.annotation.label, label != .background else { continue }
            if let p = unit.annotation.parent, let j = index[p] { children[j].append(i) } else { roots.append(i) }
        }
        // The thesis first (`Document.thesisIndex`); other roots are sentences left unlinked.
        if let thesis = document.thesisIndex, let marked = roots.firstIndex(of: thesis), marked > 0 {
            roots.insert(roots.remove(at: marked), at: 0)
        }
        return (roots, children)
    }

    /// ```
    /// s7 claim (thesis) score=0.81
    /// ├─ s9 claim ─support─ score=0.74
    /// │  └─ s10 evidence ─support─ score=0.69
    /// ```
    /// `textWidth` > 0 appends the first characters of each sentence.
    public static func dump(_ document: Document, textWidth: Int = 0) -> String {
        let (roots, children) = children(document)
        let thesis = document.thesisIndex
        var lines: [String] = []
        // Depth first with a stack, not recursion: a chain of thousands of links (human links may make one) must not
        // overflow the stack. Below `deepestDrawn` levels the guides give way to the depth, so that a line does not
        // grow with the chain.
        var stack: [(unit: Int, prefix: String, connector: String, depth: Int)] = roots.reversed().map { ($0, "", "", 0) }
        while let (i, prefix, connector, depth) = stack.popLast() {
            let unit = document.units[i]
            let a = unit.annotation
            var text = "\(unit.id) \(a.label!.rawValue)"
            text += depth == 0 ? (i == thesis ? " (thesis)" : " (unlinked)") : " ─\(a.relation?.rawValue ?? "support")─"
            if let score = a.score { text += " score=\(fixed2(score))" }
            if textWidth > 0 { text += "  " + shorten(unit.text, textWidth) }
            lines.append(prefix + connector + text)
            let kids = children[i]
            let childPrefix: String
            if depth + 1 > deepestDrawn {
                childPrefix = "… (depth \(depth + 1)) "
            } else {
                childPrefix = prefix + (depth == 0 ? "" : (connector == "└─ " ? "   " : "│  "))
            }
            for (n, c) in kids.enumerated().reversed() {
                stack.append((c, childPrefix, n == kids.count - 1 ? "└─ " : "├─ ", depth + 1))
            }
        }
        return lines.joined(separator: "\n") + (lines.isEmpty ? "" : "\n")
    }

    /// The deepest level drawn with guides (far deeper than argued prose goes).
    static let deepestDrawn = 64

    /// What to tell someone who asked `explain` for an id that names no unit: a note's id (n1) is one, and a document
    /// read from a sentence table keeps that table's ids, so the range shown is the document's own first and last.
    public static func missingUnit(_ document: Document, id: String) -> String {
        if let i = document.index(ofUnit: id), document.units[i].kind != .sentence {
            let next = document.units[(i + 1)...].first { $0.kind == .sentence }
            return "\(id) is \(document.units[i].kind == .caption ? "a figure's or table's caption" : "a heading"), not a sentence: it takes no label, link or score"
                + (next.map { "; the first sentence after it is \($0.id)" } ?? "")
        }
        if let note = document.notes.first(where: { $0.id == id }) {
            return "\(id) is a note (\(note.marker.isEmpty ? "an entry" : "entry \(note.marker)") of the notes), not a sentence: notes take no label, link or score"
        }
        let sentences = document.units.filter { $0.kind == .sentence }
        guard let first = sentences.first, let last = sentences.last else { return "no sentence \(id): the document has no sentences" }
        // explain FILE 12 for s12: the number alone.
        if let close = document.unit("s" + id), close.kind == .sentence { return "no sentence \(id); did you mean \(close.id)?" }
        return "no sentence \(id); its sentence ids run \(first.id)…\(last.id)"
    }

    /// Why a sentence has its score, for `argmark explain`.
    public static func explain(_ document: Document, unit id: String) -> String? {
        // A heading or caption is no sentence to explain: `missingUnit` says so and where the next sentence is.
        guard let unit = document.unit(id), unit.kind == .sentence else { return nil }
        let a = unit.annotation
        // A share is said to be one: read as a probability it would mislead.
        let scale = a.confidenceScale == .share ? ", the labellers' share, no calibrated probability" : ""
        var lines = ["\(unit.id) \(a.label?.rawValue ?? "unlabelled")\(a.confidence.map { " (confidence \(fixed2($0))\(scale))" } ?? "")"
            + (a.labeledBy.map { " by \($0)" } ?? ""), "  " + shorten(unit.text, 80)]
        for reason in a.labelReasons { lines.append("  proposed by " + reason.summary) }
        if let parent = a.parent {
            lines.append("  \(a.relation?.rawValue ?? "support")s \(parent)" + (a.linkConfidence.map { " (link confidence \(fixed2($0)))" } ?? "")
                + (a.linkedBy.map { " by \($0)" } ?? ""))
        } else if a.label?.isArgumentative == true {
            // As `tree` draws it: the thesis (`Document.thesisIndex`), other roots were left unlinked, and a document
            // nobody linked has no tree.
            let roots = children(document).roots
            lines.append(document.thesisIndex.map { document.units[$0].id == unit.id } == true
                ? "  the thesis (root of the argument tree)" : roots.isEmpty ? "  not linked: the document has no argument tree"
                : "  not linked into the argument tree (no parent)")
        }
        guard let score = a.score, let e = a.explanation else {
            lines.append("  no support score (background or unlabelled sentences are not scored)")
            return lines.joined(separator: "\n") + "\n"
        }
        lines.append(e.children.isEmpty ? "  score \(fixed2(score)) = base \(fixed2(e.base)) (no supporters or attackers)"
            : "  score \(fixed2(score)), from base \(fixed2(e.base))")
        let support = e.children.filter { $0.relation == .support }
        let attack = e.children.filter { $0.relation == .attack }
        let vs = 1 - support.reduce(1.0) { $0 * (1 - $1.strength) }
        let va = 1 - attack.reduce(1.0) { $0 * (1 - $1.strength) }
        if !e.children.isEmpty {
            // The net change as the two figures above show it, so that base + net reads as the score shown.
            let net = shown(score) - shown(e.base)
            lines.append("  supporters \(support.count), aggregate \(fixed2(vs)); attackers \(attack.count), aggregate \(fixed2(va)); net \(net >= 0 ? "+" : "")\(fixed2(net))")
        }
        // Each child's marginal effect: the score without it. The other children's aggregate comes from products
        // before and after it, so that a claim with thousands of children is explained in linear time.
        if !e.children.isEmpty {
            lines.append("  each child's effect: the score with it minus the score without it (effects overlap, so they need not add up to the net)")
        }
        let supportWithout = productsLeavingOneOut(support)
        let attackWithout = productsLeavingOneOut(attack)
        var supportSeen = 0
        var attackSeen = 0
        for c in e.children {
            let s: Double
            let t: Double
            if c.relation == .support {
                s = support.count > 1 ? 1 - supportWithout[supportSeen] : 0
                t = attack.isEmpty ? 0 : va
                supportSeen += 1
            } else {
                s = support.isEmpty ? 0 : vs
                t = attack.count > 1 ? 1 - attackWithout[attackSeen] : 0
                attackSeen += 1
            }
            let without = SupportScorer.combine(base: e.base, support: s, attack: t)
            // As the scores are shown, so that a lone child's effect is the net above.
            let effect = shown(score) - shown(without)
            let child = document.unit(c.child)
            // The strength is the child's score times its link's confidence (a person's link has none and counts 1):
            // said for a machine link, or a child scored 0.90 shown at 0.24 reads as a mistake.
            let weighting = child.flatMap { unit in
                unit.annotation.linkConfidence.flatMap { confidence in
                    unit.annotation.score.map { " (score \(fixed2($0)) × link confidence \(fixed2(confidence)))" }
                }
            } ?? ""
            lines.append("  \(effect >= 0 ? "+" : "")\(fixed2(effect))  \(c.child) \(child?.annotation.label?.rawValue ?? "") \(c.relation.rawValue)s, weighted strength \(fixed2(c.strength))\(weighting)  "
                + shorten(child?.text ?? "", 40))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The tree as Graphviz DOT: boxes coloured by label, solid support and dashed red attack edges (child → parent),
    /// scores and shortened sentences in the labels.
    public static func dot(_ document: Document, textWidth: Int = 24) -> String {
        let colors: [ArgumentLabel: String] = [
            .claim: "#fde2b6", .evidence: "#cfe8cf", .example: "#d6e4f5", .prescription: "#f5d0e0", .background: "#eeeeee",
        ]
        var out = ["digraph argument {", "  rankdir=BT;", "  node [shape=box, style=\"rounded,filled\", fontname=\"Noto Sans CJK SC, sans-serif\", fontsize=10];"]
        let (roots, children) = children(document)
        let thesis = document.thesisIndex
        var included = Set(roots + children.flatMap { $0 })
        // A document with no tree (figures or cases alone argue for nothing) still shows its argumentative sentences,
        // as the AIF export does, rather than an empty picture.
        if included.isEmpty {
            included = Set(document.units.indices.filter { document.units[$0].kind == .sentence && document.units[$0].annotation.label?.isArgumentative == true })
        }
        for i in document.units.indices where included.contains(i) {
            let unit = document.units[i]
            let a = unit.annotation
            // The id escaped as the text is: a sentence table's ids are kept as given (a"b, c\d).
            var label = "\(escape(unit.id)) \(a.label!.rawValue)"
            if i == thesis { label += " (thesis)" } else if roots.contains(i) { label += " (unlinked)" }
            if let s = a.score { label += " \(fixed2(s))" }
            label += "\\n" + escape(shorten(unit.text, textWidth))
            let width = roots.contains(i) ? ", penwidth=2" : ""
            // Ids are quoted: a TEI file's own xml:ids (p-1.s-1, node, graph) are no bare DOT identifiers.
            out.append("  \"\(escape(unit.id))\" [label=\"\(label)\", fillcolor=\"\(colors[a.label!]!)\"\(width)];")
        }
        for i in document.units.indices where included.contains(i) {
            let a = document.units[i].annotation
            guard let p = a.parent else { continue }
            let style = a.relation == .attack ? " [style=dashed, color=\"#c0392b\", label=\"attack\"]" : ""
            out.append("  \"\(escape(document.units[i].id))\" -> \"\(escape(p))\"\(style);")
        }
        out.append("}")
        return out.joined(separator: "\n") + "\n"
    }

    /// The first `width` characters (CJK) or about `width` display columns of a sentence, with … when cut.
    public static func shorten(_ text: String, _ width: Int) -> String {
        var columns = 0
        var out = ""
        for ch in text {
            let w = ch.unicodeScalars.first.map { $0.value >= 0x1100 && ($0.properties.isIdeographic || (0x3000...0xFFEF).contains($0.value)) ? 2 : 1 } ?? 1
            if columns + w > width * 2 - 2 && columns > 0 { return out + "…" }
            // A control character in the text (an escape sequence, a tab) would act on the terminal: shown as a space.
            if let v = ch.unicodeScalars.first?.value, v < 0x20 || (0x7F...0x9F).contains(v) {
                out.append(" ")
                columns += 1
                continue
            }
            out.append(ch)
            columns += w
        }
        return out
    }

    /// For each child, the product of (1 − strength) over all the others.
    static func productsLeavingOneOut(_ children: [ScoreExplanation.Contribution]) -> [Double] {
        var before = [Double](repeating: 1, count: children.count + 1)
        for (k, child) in children.enumerated() { before[k + 1] = before[k] * (1 - child.strength) }
        var result = [Double](repeating: 1, count: children.count)
        var after = 1.0
        for k in children.indices.reversed() {
            result[k] = before[k] * after
            after *= 1 - children[k].strength
        }
        return result
    }

    /// A figure as the files keep it (four decimals) and then as people read it (two): 0.405 stored reads 0.41 here
    /// too, not the 0.40 its unrounded value would give.
    static func shown(_ x: Double) -> Double { FixedDecimal.asShown(FixedDecimal.asStored(x)) }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
    }

    static func fixed2(_ x: Double) -> String { FixedDecimal.twoPlaces(FixedDecimal.asStored(x)) }
}
