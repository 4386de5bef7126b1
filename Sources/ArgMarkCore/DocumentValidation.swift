/// A broken invariant of the model, named by the unit it concerns.
public struct ModelViolation: Sendable, Hashable, CustomStringConvertible {
    /// The unit, paragraph or section id the problem is about (empty for the document as a whole).
    public var subject: String
    public var message: String

    public init(subject: String, message: String) {
        self.subject = subject
        self.message = message
    }

    public var description: String { subject.isEmpty ? message : "\(subject): \(message)" }
}

extension Document {
    /// Checks the invariants every reader, editor and format relies on; an empty result means the document is sound.
    ///
    /// Units are in reading order with unique ids and non-decreasing, non-overlapping offsets; headings and captions
    /// carry no annotation; confidences and scores lie in [0, 1]; parents exist, are sentences, and never form a
    /// cycle; paragraphs tile the units and name existing sections; note references exist.
    public func validate() -> [ModelViolation] {
        var problems: [ModelViolation] = []
        var seen: [String: Int] = [:]
        var previousEnd = 0
        let sectionIDs = Set(sections.map(\.id))
        let noteIDs = Set(notes.map(\.id))
        // An id is a name, written into terminals and tables: a control character in one (an escape sequence, a line
        // break, a tab) would act on the terminal or shift a table's cells. A space may stand in a document id, which
        // comes from a file's name (my report.txt).
        func isName(_ id: String) -> Bool {
            !id.isEmpty && !id.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) || $0 == "\u{2028}" || $0 == "\u{2029}" }
        }
        if !isName(id) {
            problems.append(.init(subject: "", message: "the document id \(id.debugDescription) is empty or holds a control character"))
        }
        for (index, unit) in units.enumerated() {
            if seen.updateValue(index, forKey: unit.id) != nil {
                problems.append(.init(subject: unit.id, message: "duplicate unit id"))
            }
            if !isName(unit.id) {
                problems.append(.init(subject: unit.id.debugDescription, message: "an id must not be empty or hold a control character"))
            }
            if unit.start > unit.end {
                problems.append(.init(subject: unit.id, message: "start \(unit.start) is after end \(unit.end)"))
            }
            if unit.start < previousEnd {
                problems.append(.init(subject: unit.id, message: "offsets overlap the previous unit or go backwards"))
            }
            previousEnd = max(previousEnd, unit.end)
            if !sectionIDs.contains(unit.section) {
                problems.append(.init(subject: unit.id, message: "unknown section \(unit.section)"))
            }
            for ref in unit.noteRefs where !noteIDs.contains(ref) {
                problems.append(.init(subject: unit.id, message: "note \(ref) does not exist"))
            }
            let a = unit.annotation
            if unit.kind != .sentence, a != SentenceAnnotation() {
                problems.append(.init(subject: unit.id, message: "a \(unit.kind.rawValue) carries a label, link or score"))
            }
            if let c = a.confidence, !(0...1).contains(c) {
                problems.append(.init(subject: unit.id, message: "confidence \(c) is outside 0…1"))
            }
            if let s = a.score, !(0...1).contains(s) {
                problems.append(.init(subject: unit.id, message: "score \(s) is outside 0…1"))
            }
            if let c = a.linkConfidence, !(0...1).contains(c) {
                problems.append(.init(subject: unit.id, message: "link confidence \(c) is outside 0…1"))
            }
            if (a.parent == nil) != (a.relation == nil) {
                problems.append(.init(subject: unit.id, message: "parent and relation must be set together"))
            }
        }
        for unit in units {
            guard let parent = unit.annotation.parent else { continue }
            guard let parentIndex = seen[parent] else {
                problems.append(.init(subject: unit.id, message: "parent \(parent) does not exist"))
                continue
            }
            if units[parentIndex].kind != .sentence {
                problems.append(.init(subject: unit.id, message: "parent \(parent) is a \(units[parentIndex].kind.rawValue)"))
            }
        }
        problems.append(contentsOf: cycleViolations(index: seen))
        var expectedStart = 0
        for paragraph in paragraphs {
            if paragraph.units.lowerBound != expectedStart || paragraph.units.upperBound > units.count {
                problems.append(.init(subject: paragraph.id, message: "paragraph does not continue where the previous ended"))
            }
            expectedStart = paragraph.units.upperBound
            for unitIndex in paragraph.units where unitIndex < units.count {
                if units[unitIndex].paragraph != paragraph.id || units[unitIndex].section != paragraph.section {
                    problems.append(.init(subject: units[unitIndex].id, message: "unit disagrees with paragraph \(paragraph.id)"))
                }
            }
        }
        if expectedStart != units.count {
            problems.append(.init(subject: "", message: "paragraphs cover \(expectedStart) of \(units.count) units"))
        }
        return problems
    }

    /// Follows parent links from every unit; colours mark units known to end at a root (2) or on the current path (1).
    private func cycleViolations(index: [String: Int]) -> [ModelViolation] {
        var state = [UInt8](repeating: 0, count: units.count)
        var problems: [ModelViolation] = []
        for start in units.indices where state[start] == 0 {
            var path: [Int] = []
            var current: Int? = start
            while let i = current, state[i] == 0 {
                state[i] = 1
                path.append(i)
                current = units[i].annotation.parent.flatMap { index[$0] }
            }
            if let i = current, state[i] == 1, let first = path.firstIndex(of: i) {
                // Named from the link to mend: a machine's (the next run places it again) rather than a person's,
                // whichever unit the walk happened to close the cycle at.
                var cycle = Array(path[first...])
                if let machine = cycle.firstIndex(where: { !units[$0].annotation.isHumanLink }) {
                    cycle = Array(cycle[machine...] + cycle[..<machine])
                }
                let persons = cycle.filter { units[$0].annotation.isHumanLink }
                    .map { "\(units[$0].id)'s by \(units[$0].annotation.linkedBy?.description ?? "a person")" }
                problems.append(.init(
                    subject: units[cycle[0]].id,
                    message: "parent links form a cycle: \((cycle + [cycle[0]]).map { units[$0].id }.joined(separator: " → "))"
                        + (persons.isEmpty ? "" : " (the link\(persons.count == 1 ? "" : "s") a person set: \(persons.joined(separator: ", ")))")
                        + "; to break it, set \(units[cycle[0]].id)'s parent and relation to null, and it is linked again where it fits"))
            }
            for i in path { state[i] = 2 }
        }
        return problems
    }
}
