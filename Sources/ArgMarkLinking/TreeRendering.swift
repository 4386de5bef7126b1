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
        // The thesis first: the root a linker or person placed, where one did; other roots are sentences left unlinked.
        if let marked = roots.firstIndex(where: { document.units[$0].annotation.isThesis }), marked > 0 {
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
        var lines: [String] = []
        // Depth first with a stack, not recursion: a chain of thousands of links (human links may make one) must not
        // overflow the stack. Below `deepestDrawn` levels the guides give way to the depth, so that a line does not
        // grow with the chain.
        var stack: [(unit: Int, prefix: String, connector: String, depth: Int)] = roots.reversed().map { ($0, "", "", 0) }
        while let (i, prefix, connector, depth) = stack.popLast() {
            let unit = document.units[i]
            let a = unit.annotation
            var text = "\(unit.id) \(a.label!.rawValue)"
            text += depth == 0 ? (i == roots.first ? " (thesis)" : " (unlinked)") : " ─\(a.relation?.rawValue ?? "support")─"
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
        if let note = document.notes.first(where: { $0.id == id }) {
            return "\(id) is a note (\(note.marker.isEmpty ? "an entry" : "entry \(note.marker)") of the notes), not a sentence: notes take no label, link or score"
        }
        let sentences = document.units.filter { $0.kind == .sentence }
        guard let first = sentences.first, let last = sentences.last else { return "no sentence \(id): the document has no sentences" }
        return "no sentence \(id); its sentence ids run \(first.id)…\(last.id)"
    }

    /// Why a sentence has its score, for `argmark explain`.
    public static func explain(_ document: Document, unit id: String) -> String? {
        guard let unit = document.unit(id) else { return nil }
        if unit.kind != .sentence {
            return "\(unit.id) is \(unit.kind == .caption ? "a figure's or table's caption" : "a heading"), not a sentence: it takes no label, link or score\n  "
                + shorten(unit.text, 80) + "\n"
        }
        let a = unit.annotation
        var lines = ["\(unit.id) \(a.label?.rawValue ?? "unlabelled")\(a.confidence.map { " (confidence \(fixed2($0)))" } ?? "")"
            + (a.labeledBy.map { " by \($0)" } ?? ""), "  " + shorten(unit.text, 80)]
        for reason in a.labelReasons { lines.append("  proposed by " + reason.summary) }
        if let parent = a.parent {
            lines.append("  \(a.relation?.rawValue ?? "support")s \(parent)" + (a.linkConfidence.map { " (link confidence \(fixed2($0)))" } ?? "")
                + (a.linkedBy.map { " by \($0)" } ?? ""))
        } else if a.label?.isArgumentative == true {
            // As `tree` draws it: the first root is the thesis, other roots were left unlinked, and a document nobody
            // linked has no tree.
            let roots = children(document).roots
            lines.append(roots.first.map { document.units[$0].id == unit.id } == true
                ? "  the thesis (root of the argument tree)" : roots.isEmpty ? "  not linked: the document has no argument tree"
                : "  not linked into the argument tree (no parent)")
        }
        guard let score = a.score, let e = a.explanation else {
            lines.append("  no support score (background or unlabelled sentences are not scored)")
            return lines.joined(separator: "\n") + "\n"
        }
        lines.append("  score \(fixed2(score)) = base \(fixed2(e.base))" + (e.children.isEmpty ? " (no supporters or attackers)" : ""))
        let support = e.children.filter { $0.relation == .support }
        let attack = e.children.filter { $0.relation == .attack }
        let vs = 1 - support.reduce(1.0) { $0 * (1 - $1.strength) }
        let va = 1 - attack.reduce(1.0) { $0 * (1 - $1.strength) }
        if !e.children.isEmpty {
            lines.append("  supporters \(support.count), aggregate \(fixed2(vs)); attackers \(attack.count), aggregate \(fixed2(va)); net \(score >= e.base ? "+" : "")\(fixed2(score - e.base))")
        }
        for c in e.children {
            // What the score would be without this child: its marginal effect.
            let others = e.children.filter { $0.child != c.child }
            let s = 1 - others.filter { $0.relation == .support }.reduce(1.0) { $0 * (1 - $1.strength) }
            let t = 1 - others.filter { $0.relation == .attack }.reduce(1.0) { $0 * (1 - $1.strength) }
            let without = SupportScorer.combine(base: e.base, support: others.contains { $0.relation == .support } ? s : 0,
                                                attack: others.contains { $0.relation == .attack } ? t : 0)
            let effect = score - without
            let child = document.unit(c.child)
            lines.append("  \(effect >= 0 ? "+" : "")\(fixed2(effect))  \(c.child) \(child?.annotation.label?.rawValue ?? "") \(c.relation.rawValue)s, weighted strength \(fixed2(c.strength))  "
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
        let included = Set(roots + children.flatMap { $0 })
        for i in document.units.indices where included.contains(i) {
            let unit = document.units[i]
            let a = unit.annotation
            var label = "\(unit.id) \(a.label!.rawValue)"
            if i == roots.first { label += " (thesis)" } else if roots.contains(i) { label += " (unlinked)" }
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

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
    }

    static func fixed2(_ x: Double) -> String { FixedDecimal.twoPlaces(x) }
}
