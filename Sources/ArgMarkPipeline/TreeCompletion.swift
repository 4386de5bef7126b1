import ArgMarkCore

/// Completes an argument tree that a file holds only in part — links dropped by `annotate --no-tree`, a link deleted
/// or a label changed by hand — around the links it has, so that every command shows the same tree. A person's
/// links are kept, and so are the file's links of unknown origin (hand-made JSONL, TEI without `@resp`) that lead
/// through argumentative sentences to a root; a link into or out of a background or unlabelled sentence, and the
/// machine's links, are the linker's to redo.
public enum TreeCompletion {
    /// Whether the argumentative sentences form one tree: exactly one root, and every one of them reaches it through
    /// argumentative sentences (no cycle, no parent that is background, unlabelled or missing). A document with no
    /// argumentative sentence is complete.
    public static func isComplete(_ document: Document) -> Bool {
        // A background sentence (or an unlabelled one) that still has a parent is outside the tree but linked into it.
        if document.units.indices.contains(where: { document.units[$0].kind == .sentence && !isArgumentative(document, $0) && document.units[$0].annotation.parent != nil }) {
            return false
        }
        let argumentative = document.units.indices.filter { isArgumentative(document, $0) }
        guard !argumentative.isEmpty else { return true }
        guard argumentative.count(where: { document.units[$0].annotation.parent == nil }) == 1 else { return false }
        let reaches = reachingRoot(document)
        return argumentative.allSatisfy { reaches[$0] }
    }

    /// `document` with its tree completed by `linker`, and how many of the file's own links of unknown origin were
    /// kept; `document` itself, and 0, when its tree is complete.
    public static func complete(_ document: Document, with linker: any Linker) -> (document: Document, keptLinks: Int) {
        guard !isComplete(document) else { return (document, 0) }
        return link(document, with: linker)
    }

    /// `document` linked by `linker`, which keeps a person's links, keeping also the file's own links of unknown
    /// origin that reach a root; and how many of those there were.
    public static func link(_ document: consuming Document, with linker: any Linker) -> (document: Document, keptLinks: Int) {
        liftLinksOutOfTheTree(&document)
        unlinkSentencesOutsideTheTree(&document)
        guard document.units.indices.contains(where: { document.units[$0].annotation.parent != nil && document.units[$0].annotation.linkedBy == nil }) else {
            return (linker.link(consume document), 0)
        }
        // Kept by signing them as a person's for the linker's run, then unsigned again.
        let keeper = Annotator.human("argmark-file-link")
        let reaches = reachingRoot(document)
        var ownLinks: [Int] = []
        for i in document.units.indices
        where document.units[i].annotation.parent != nil && document.units[i].annotation.linkedBy == nil && reaches[i] {
            document.units[i].annotation.linkedBy = keeper
            ownLinks.append(i)
        }
        document = linker.link(consume document)
        for i in ownLinks where document.units[i].annotation.linkedBy == keeper { document.units[i].annotation.linkedBy = nil }
        return (document, ownLinks.count)
    }

    /// A tree kept without linking (annotate --no-tree on a file edited by hand) that no longer fits its labels: a
    /// sentence a person relabelled background keeps no link, and the links into it are lifted to the nearest
    /// argumentative sentence above it, as review does; the scores, computed on the old tree, are dropped rather
    /// than left to contradict it.
    public static func mendKeptTree(_ document: inout Document) {
        guard document.units.indices.contains(where: { document.units[$0].annotation.parent != nil }) else { return }
        let before = document.units.map { ($0.annotation.parent, $0.annotation.relation) }
        // Lifted first, while the background sentence's own link still leads up to the tree.
        TreeCompletion.liftLinksOutOfTheTree(&document)
        unlinkSentencesOutsideTheTree(&document)
        let changed = zip(before, document.units).contains { $0.0 != $1.annotation.parent || $0.1 != $1.annotation.relation }
        if changed {
            for i in document.units.indices where document.units[i].annotation.score != nil || document.units[i].annotation.explanation != nil {
                document.units[i].annotation.score = nil
                document.units[i].annotation.explanation = nil
            }
        }
    }

    /// A background or unlabelled sentence has no parent (the guideline's tree holds argumentative sentences only):
    /// its own link goes, a person's too, since the person who relabelled it background (or a later one) left it
    /// outside the tree. Run after `liftLinksOutOfTheTree`, while its link still leads its children up.
    static func unlinkSentencesOutsideTheTree(_ document: inout Document) {
        for i in document.units.indices where document.units[i].kind == .sentence && document.units[i].annotation.label?.isArgumentative != true {
            var a = document.units[i].annotation
            guard a.parent != nil || a.linkedBy != nil else { continue }
            a.parent = nil
            a.relation = nil
            a.linkedBy = nil
            a.linkConfidence = nil
            document.units[i].annotation = a
        }
    }

    /// The links a person made in `document` (a sentence's index, parent, relation and signature): what
    /// ``personsLinksChanged(_:in:)`` compares after a run, without keeping a copy of the whole document.
    public static func personsLinks(of document: Document) -> [(index: Int, parent: String?, relation: ArgumentRelation?, linkedBy: Annotator?)] {
        // Read in place, and only a person's link in full: every document of a batch is asked, most with none.
        document.units.indices.compactMap { i in
            guard document.units[i].annotation.linkedBy?.isHuman == true else { return nil }
            return (i, document.units[i].annotation.parent, document.units[i].annotation.relation, document.units[i].annotation.linkedBy)
        }
    }

    /// The sentences among `before` (``personsLinks(of:)`` of the document a run started from) whose link `after` no
    /// longer holds as the person's (moved, signed provisional, placed anew), in document order: what a command that
    /// completed the tree should tell. A sentence now outside the tree (labelled background) lost its link by the
    /// guideline's rule, not to the machine, and is not counted.
    public static func personsLinksChanged(
        _ before: [(index: Int, parent: String?, relation: ArgumentRelation?, linkedBy: Annotator?)], in after: Document
    ) -> [String] {
        before.compactMap { old in
            guard old.index < after.units.count, isArgumentative(after, old.index) else { return nil }
            let new = after.units[old.index].annotation
            guard old.parent != new.parent || old.linkedBy != new.linkedBy || old.relation != new.relation else { return nil }
            return after.units[old.index].id
        }
    }

    /// What completing the tree did to the links of ``personsLinksChanged(_:in:)``, for a command to say.
    public static func personsLinksNote(_ ids: [String]) -> String {
        let shown = ids.prefix(5).joined(separator: ", ") + (ids.count > 5 ? ", …" : "")
        let one = ids.count == 1
        return "\(one ? "a link a person made no longer fits" : "\(ids.count) links a person made no longer fit") the labels or the tree (\(shown)): placed again by the machine (moved up past a background sentence, signed \(provisionalLinker), or linked anew), \(one ? "it is" : "they are") no longer signed as a person's; link \(one ? "it" : "them") again in review to keep a placement"
    }

    /// The parents of the sentences a machine linked, in a document a person has worked on (a label or a link of
    /// theirs in it), by sentence id; empty otherwise. A run that rebuilds the tree around the person's work places
    /// these again (`machineLinksMoved`).
    public static func machineLinks(of document: Document) -> [String: String] {
        guard document.units.contains(where: { $0.annotation.isHumanLabel || $0.annotation.isHumanLink }) else { return [:] }
        var parents: [String: String] = [:]
        for i in document.units.indices where document.units[i].kind == .sentence {
            let a = document.units[i].annotation
            if let linker = a.linkedBy, !linker.isHuman { parents[document.units[i].id] = a.parent ?? "ROOT" }
        }
        return parents
    }

    /// The sentences of `before` (`machineLinks`) whose parent `document` no longer gives them, in document order.
    public static func machineLinksMoved(_ before: [String: String], in document: Document) -> [String] {
        guard !before.isEmpty else { return [] }
        return document.units.compactMap { unit in
            guard let old = before[unit.id] else { return nil }
            return (unit.annotation.parent ?? "ROOT") == old && unit.annotation.label?.isArgumentative == true ? nil : unit.id
        }
    }

    /// The note for a run that placed a machine's links again around a person's work.
    public static func machineLinksNote(_ ids: [String]) -> String {
        let shown = ids.prefix(5).joined(separator: ", ") + (ids.count > 5 ? ", …" : "")
        let one = ids.count == 1
        return "the labels and links a person set are kept; \(one ? "1 link" : "\(ids.count) links") the machine had set \(one ? "was" : "were") placed again around them (\(shown)); annotate with --no-tree to keep every link as the file had it"
    }

    /// Who a link moved by the tree's completion is signed by, with ``provisionalConfidence``: no person placed it
    /// there, and a later linker may place it better. Review signs the links it moves on a relabelling so too.
    public static let provisionalLinker = "link.review.v1"
    public static let provisionalConfidence = 0.3

    /// Moves each link into a sentence outside the tree (background or unlabelled: a person relabelled the parent,
    /// or a model did) up to the nearest argumentative sentence above that one, as review moves a background
    /// sentence's children to its parent; with none above (or one below the sentence itself), the link is removed
    /// and the linker attaches the sentence. A moved link a person or a linker made is signed as provisional
    /// (``provisionalLinker``): signed as theirs, it would claim a placement they never made, and a person's would
    /// never be placed again. One of unknown origin stays so.
    public static func liftLinksOutOfTheTree(_ document: inout Document) {
        // A document no one has linked yet (a fresh annotation) has nothing to lift.
        guard document.units.indices.contains(where: { document.units[$0].annotation.parent != nil }) else { return }
        let position = positions(document)
        let n = document.units.count
        for i in document.units.indices where isArgumentative(document, i) {
            guard let parent = document.units[i].annotation.parent, let p = position[parent], !isArgumentative(document, p) else { continue }
            var target: Int?
            var current = p
            for _ in 0..<n {
                guard let up = document.units[current].annotation.parent, let next = position[up] else { break }
                if isArgumentative(document, next) { target = next; break }
                current = next
            }
            // Hanging the sentence under one of its own descendants would close a cycle.
            if let t = target {
                var walk = t
                for _ in 0..<n {
                    if walk == i { target = nil; break }
                    guard let up = document.units[walk].annotation.parent, let next = position[up] else { break }
                    walk = next
                }
            }
            if let target {
                document.units[i].annotation.parent = document.units[target].id
                if document.units[i].annotation.linkedBy != nil {
                    document.units[i].annotation.linkedBy = .plugin(provisionalLinker)
                    document.units[i].annotation.linkConfidence = provisionalConfidence
                }
            } else {
                document.units[i].annotation.parent = nil
                document.units[i].annotation.relation = nil
                document.units[i].annotation.linkedBy = nil
                document.units[i].annotation.linkConfidence = nil
            }
        }
    }

    // Units are read in place through their indices here: passing or iterating a unit copies it, retaining every
    // string and array it holds, and a long document has tens of thousands.
    private static func isArgumentative(_ document: Document, _ i: Int) -> Bool {
        document.units[i].kind == .sentence && document.units[i].annotation.label?.isArgumentative == true
    }

    /// Each id's unit index (the first unit with it).
    private static func positions(_ document: Document) -> [String: Int] {
        var position: [String: Int] = [:]
        position.reserveCapacity(document.units.count)
        for i in document.units.indices where position[document.units[i].id] == nil { position[document.units[i].id] = i }
        return position
    }

    /// Per unit, whether its chain of parents runs through argumentative sentences to a root. Each chain is walked
    /// once: a sentence whose parent is known to reach a root reaches it too, and one met again on the path being
    /// walked closes a cycle.
    private static func reachingRoot(_ document: Document) -> [Bool] {
        enum Reach { case unknown, onPath, yes, no }
        let position = positions(document)
        var reach = [Reach](repeating: .unknown, count: document.units.count)
        for start in document.units.indices where reach[start] == .unknown {
            var path: [Int] = []
            var current = start
            var result = false
            while true {
                switch reach[current] {
                case .yes: result = true
                case .no, .onPath: result = false
                case .unknown:
                    guard isArgumentative(document, current) else { result = false; break }
                    reach[current] = .onPath
                    path.append(current)
                    guard let parent = document.units[current].annotation.parent else { result = true; break }
                    guard let next = position[parent] else { result = false; break }
                    current = next
                    continue
                }
                break
            }
            for unit in path { reach[unit] = result ? .yes : .no }
        }
        return reach.map { $0 == .yes }
    }
}
