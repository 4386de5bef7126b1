import ArgMarkCore
import Testing

@testable import ArgMarkLinking

/// `TreeLinker.repairTree` remembers what each walk up a chain learnt; it must repair exactly as walking every
/// sentence's chain afresh does (the reference below, the algorithm it replaced).
struct TreeRepairTests {
    /// Walks each sentence's chain from scratch and re-attaches the last machine-linked sentence of a broken one.
    static func referenceRepair(_ document: inout Document, thesis: Int, nodes: [Int], linker: TreeLinker) {
        var index: [String: Int] = [:]
        for (i, unit) in document.units.enumerated() { index[unit.id] = i }
        for i in nodes where i != thesis {
            var seen: Set<Int> = [i]
            var current = i
            var ok = false
            while let p = document.units[current].annotation.parent, let j = index[p] {
                if j == thesis { ok = true; break }
                if seen.contains(j) || !linker.isArgumentative(document.units[j]) { break }
                seen.insert(j)
                current = j
            }
            if ok { continue }
            let fix = document.units[current].annotation.isHumanLink ? i : current
            guard !document.units[fix].annotation.isHumanLink else { continue }
            document.units[fix].annotation.parent = document.units[thesis].id
            document.units[fix].annotation.relation = .support
            document.units[fix].annotation.linkConfidence = 0.2
            document.units[fix].annotation.linkedBy = .plugin("ref")
        }
    }

    /// Random chains of human and machine links, with links to background sentences, to missing ids and in cycles.
    @Test(arguments: 1...400)
    func repairMatchesWalkingEveryChain(_ seed: UInt64) {
        var state = seed &* 0x9E37_79B9_7F4A_7C15
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        let count = 4 + next(12)
        var document = labelledDocument((0..<count).map { _ in
            (1, [ArgumentLabel.claim, .claim, .evidence, .example, .background][next(5)], "句子。")
        })
        let thesis = next(count)
        document.units[thesis].annotation.label = .claim
        for i in 0..<count where i != thesis {
            switch next(20) {
            case 0, 1: document.units[i].annotation.parent = nil
            case 2: document.units[i].annotation.parent = "s\(count + 5)"
            default: document.units[i].annotation.parent = "s\(next(count) + 1)"
            }
            document.units[i].annotation.relation = .support
            document.units[i].annotation.linkedBy = next(2) == 0 ? .human("ana") : .plugin("machine")
        }
        let nodes = (0..<count).filter { document.units[$0].annotation.label != .background }
        var expected = document
        Self.referenceRepair(&expected, thesis: thesis, nodes: nodes, linker: TreeLinker())
        var repaired = document
        TreeLinker().repairTree(&repaired, thesis: thesis, nodes: nodes, linkerID: "ref")
        #expect(repaired.units.map(\.annotation.parent) == expected.units.map(\.annotation.parent), "seed \(seed)")
    }
}
