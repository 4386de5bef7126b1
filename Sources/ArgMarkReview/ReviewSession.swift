import ArgMarkCore
import ArgMarkPipeline
import Foundation

/// A review of one document: a cursor on a sentence, edits of labels and links that keep the argument tree valid,
/// unlimited undo and redo, and the output of every command as text. No I/O: the caller reads commands, journals
/// each edit before printing its acknowledgement, and writes the file when asked (``Response/action``).
///
/// Edits record `human:NAME` and the time, and mark the sentence reviewed, so later machine runs keep them. After
/// every edit the support scores are recomputed.
public struct ReviewSession {
    public private(set) var document: Document
    /// Index into `document.units` of the current sentence.
    public private(set) var cursor: Int
    /// The reviewer's name, recorded as `human:NAME`.
    public let annotator: String
    /// How many steps the document is from the version last written (or opened): an edit adds one, undoing it
    /// takes it away again, so undoing back to the written version leaves nothing unsaved.
    public var unsavedEdits: Int { written.distance(atDepth: undoStack.count) }
    public var style: ReviewStyle
    /// Links the editor makes on its own (a sentence newly labelled argumentative needs a parent); machine links,
    /// so a later `annotate` may place them better.
    public static let defaultLinker = TreeCompletion.provisionalLinker

    private var undoStack: [ReviewEdit] = []
    private var redoStack: [ReviewEdit] = []
    private(set) var index: [String: Int] = [:]
    /// The units whose parent is each unit, in document order (kept up to date by every edit).
    private(set) var children: [[Int]] = []
    private let scorer: (any Scorer)?
    private let clock: () -> String
    private var quitWarned = false
    /// The last pattern searched for, which / alone finds again.
    private var lastFind: String?
    private var written = WrittenVersion()
    /// `written` before the last step, so that ``revert(_:)`` can put it back.
    private var writtenBeforeLastStep = WrittenVersion()
    private let search = SearchIndex()

    /// What the caller does after printing a response.
    public enum Action: Sendable, Hashable {
        case none, write, forceWrite, quit, writeAndQuit, discardAndQuit
    }

    public struct Response: Sendable {
        /// Text to print (ends with a newline unless empty).
        public var output: String
        /// The edit to append to the journal before printing `output`.
        public var edit: ReviewEdit?
        public var action: Action = .none
        /// An invalid or refused command (`--strict` stops at the first).
        public var isError = false
        /// A move or search that found nothing, the cursor left where it was (`--strict` stops there too: the next
        /// edit would fall on another sentence than the script meant).
        public var isMiss = false
    }

    /// `clock` gives the current time as ISO 8601 (injected so sessions replay deterministically in tests).
    public init(
        document: Document, annotator: String, scorer: (any Scorer)?, style: ReviewStyle = ReviewStyle(),
        clock: @escaping () -> String = ReviewSession.now
    ) {
        self.document = document
        self.annotator = annotator
        self.scorer = scorer
        self.style = style
        self.clock = clock
        cursor = document.units.firstIndex { $0.kind == .sentence } ?? 0
        index.reserveCapacity(document.units.count)
        for (i, unit) in document.units.enumerated() { index[unit.id] = i }
        children = [[Int]](repeating: [], count: document.units.count)
        for (i, unit) in document.units.enumerated() {
            if let p = unit.annotation.parent, let j = index[p] { children[j].append(i) }
        }
        if let scorer {
            self.document = scorer.score(self.document)
            self.document.recordScorer(scorer)
        }
        // Built now, as part of opening, so that no search pays for it.
        search.prepare(self.document)
    }

    /// The current time in UTC, to the second.
    public static func now() -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: Date())
    }

    var human: Annotator { .human(annotator) }

    // MARK: commands

    public mutating func execute(_ line: String) -> Response {
        guard let parsed = ReviewCommand.parse(line) else { return Response(output: "") }
        switch parsed {
        case .failure(let error):
            let word = line.trimmingCharacters(in: .whitespaces)
            if !word.contains(" "), index[word] != nil { return run(.goto(word), line: line) }
            return failure("error: \(error.message)")
        case .success(let command):
            return run(command, line: line)
        }
    }

    private func failure(_ message: String) -> Response {
        Response(output: style.error(message) + "\n", isError: true)
    }

    private func note(_ message: String) -> Response { Response(output: message + "\n") }

    private func miss(_ message: String) -> Response { Response(output: message + "\n", isMiss: true) }

    private mutating func run(_ command: ReviewCommand, line: String) -> Response {
        if case .quit = command {} else { quitWarned = false }
        switch command {
        case .next: return move(from: cursor + 1, forward: true, wrap: false, what: "sentence") { _ in true }
        case .previous: return move(from: cursor - 1, forward: false, wrap: false, what: "sentence") { _ in true }
        case .nextSection:
            let section = document.units[cursor].section
            return move(from: cursor + 1, forward: true, wrap: false, what: "section", atEnd: "in the last section") { $0.section != section }
        case .previousSection:
            // The section before the current one starts at its first sentence, wherever in its own section the cursor is.
            let units = document.units
            let section = units[cursor].section
            guard let before = units.indices[..<cursor].last(where: { units[$0].kind == .sentence && units[$0].section != section }) else {
                return miss("in the first section")
            }
            let previous = units[before].section
            let first = units.indices[...before].last { units[$0].kind == .sentence && units[$0].section != previous }.map { $0 + 1 } ?? 0
            return move(from: first, forward: true, wrap: false, what: "section") { $0.section == previous }
        case .goto(let id):
            // A heading or caption is a place in the document: go to the first sentence after it.
            if let i = index[id], document.units[i].kind != .sentence,
               let next = document.units.indices[(i + 1)...].first(where: { document.units[$0].kind == .sentence }) {
                cursor = next
                let what = document.units[i].kind == .caption ? "a figure or table caption" : "a heading"
                return note("(\(id) is \(what); the first sentence after it:)\n" + show(next))
            }
            // A paragraph's or section's id (the place line shows pN): its first sentence.
            if index[id] == nil, let place = place(id) {
                guard let first = firstSentence(ofParagraphOrSection: id) else {
                    return failure("error: \(ReviewCommand.echoed(id)) is \(place) with no sentence in or after it")
                }
                cursor = first
                return note(show(first))
            }
            switch sentence(id) {
            case .failure(let refusal): return failure("error: " + refusal.message)
            case .success(let i):
                cursor = i
                return note(show(i))
            }
        case .nextUnreviewed:
            return move(from: cursor + 1, forward: true, wrap: true, what: "unreviewed sentence") { !$0.annotation.isLabelReviewed }
        case .nextLow(let threshold):
            return move(from: cursor + 1, forward: true, wrap: true, what: "unreviewed sentence with confidence below \(fixed2(threshold))") {
                Self.isLow($0, threshold)
            }
        case .nextLabel(let label):
            return move(from: cursor + 1, forward: true, wrap: true, what: "\(label.rawValue) sentence") { $0.annotation.label == label }
        case .find(let pattern) where pattern.isEmpty:
            // / alone finds the last pattern again, as in ed, vi and less.
            guard let last = lastFind else { return failure("error: no search to repeat; find one first (/REGEX)") }
            return run(.find(last), line: line)
        case .find(let pattern) where !pattern.contains(where: { "\\^$.|?*+()[]{}".contains($0) }):
            lastFind = pattern
            // A plain word: a byte search, an order of magnitude faster than a regular expression.
            let needle = Array(pattern.utf8)
            return move(from: cursor + 1, forward: true, wrap: true, what: "sentence containing '\(ReviewCommand.echoed(pattern))'") { unit in
                ByteSearch.contains(unit.text, needle)
            }
        case .find(let pattern):
            let regex: NSRegularExpression
            do { regex = try NSRegularExpression(pattern: pattern, options: [.anchorsMatchLines]) } catch {
                return failure("error: '\(ReviewCommand.echoed(pattern))' is not a valid regular expression; a backslash takes a mark as it is (find \\[1\\] finds the note marker [1], find \\( a bracket)")
            }
            if let group = Self.nestedRepetition(pattern) {
                return failure("error: \(ReviewCommand.echoed(group)) repeats a group that is itself all repetition or holds a run of any characters (.* .+ \\S+), which can search for ever on a sentence it does not match; repeat once (write .+ for (.+)+, \\S+ for (\\S+)+, .*a.*a for (.*a){2})")
            }
            lastFind = pattern
            if let literal = Self.requiredLiteral(pattern) {
                // Only sentences holding the pattern's literal part can match: a byte search finds them, and the
                // regular expression runs on those alone.
                let needle = Array(literal.utf8)
                return move(from: cursor + 1, forward: true, wrap: true, what: "sentence matching /\(ReviewCommand.echoed(pattern))/") { unit in
                    ByteSearch.contains(unit.text, needle)
                        && regex.firstMatch(in: unit.text, range: NSRange(unit.text.startIndex..., in: unit.text)) != nil
                }
            }
            guard let (i, wrapped) = search.first(regex, after: cursor, in: document) else { return miss("no sentence matching /\(ReviewCommand.echoed(pattern))/") }
            cursor = i
            return note((wrapped ? "(wrapped to the start)\n" : "") + show(i))
        case .label(let label, let unit): return edit(line) { s throws(Refusal) in try s.labelChanges(unit, label) }
        case .accept(let unit): return edit(line) { s throws(Refusal) in try s.acceptChanges(unit) }
        case .acceptAndNext:
            // One keystroke per sentence when walking through a document: accept, then show the next one.
            var accepted = edit(line) { s throws(Refusal) in try s.acceptChanges(nil) }
            guard !accepted.isError else { return accepted }
            let moved = move(from: cursor + 1, forward: true, wrap: false, what: "sentence") { _ in true }
            accepted.output += moved.output
            // At the last sentence the cursor stays: --strict stops there, as after next.
            accepted.isMiss = moved.isMiss
            return accepted
        case .link(let child, let parent, let relation):
            return edit(line) { s throws(Refusal) in try s.linkChanges(child, parent, relation) }
        case .unlink(let unit): return edit(line) { s throws(Refusal) in try s.unlinkChanges(unit) }
        case .thesis(let unit): return edit(line) { s throws(Refusal) in try s.thesisChanges(unit) }
        case .show(let id):
            guard let id else { return note(show(cursor)) }
            switch sentence(id) {
            case .failure(let refusal): return failure("error: " + refusal.message)
            case .success(let i): return note(show(i))
            }
        case .explain(let id):
            guard let id else { return note(fitted(explain(cursor))) }
            switch sentence(id) {
            case .failure(let refusal): return failure("error: " + refusal.message)
            case .success(let i): return note(fitted(explain(i)))
            }
        case .tree(let id):
            guard let id else { return note(tree(nil)) }
            switch sentence(id) {
            case .failure(let refusal): return failure("error: " + refusal.message)
            case .success(let i): return note(tree(i))
            }
        case .list(let filter): return note(list(filter))
        case .sections: return note(fitted(sectionList()))
        case .stats: return note(fitted(stats()))
        case .help: return note(fitted(Self.help))
        case .undo: return undo(line)
        case .redo: return redo(line)
        case .write: return Response(output: "", action: .write)
        case .forceWrite: return Response(output: "", action: .forceWrite)
        case .writeAndQuit: return Response(output: "", action: .writeAndQuit)
        case .forceQuit: return Response(output: "", action: .discardAndQuit)
        case .quit:
            if unsavedEdits > 0 && !quitWarned {
                quitWarned = true
                return note(
                    "\(unsavedEdits) unsaved edit\(unsavedEdits == 1 ? "" : "s"): write saves \(unsavedEdits == 1 ? "it" : "them"), quit! discards \(unsavedEdits == 1 ? "it" : "them"); quit again to leave \(unsavedEdits == 1 ? "it" : "them") in the journal for the next review")
            }
            return Response(output: "", action: .quit)
        }
    }

    /// The sentence with `id`, or why there is none.
    private func sentence(_ id: String) -> Result<Int, Refusal> {
        // A numbered sentence table's own id (7, as its CSV and label table write it) is the unit s7.
        guard let i = index[id] ?? index[document.unitID(forTableID: id)] else {
            let first = document.units.first { $0.kind == .sentence }
            let last = document.units.last { $0.kind == .sentence }
            let range = first.map { "\($0.id)…\(last!.id)" } ?? "none"
            return .failure(Refusal("no sentence \(ReviewCommand.echoed(id)) (sentences: \(range))"))
        }
        guard document.units[i].kind == .sentence else {
            let what = document.units[i].kind == .caption ? "a figure or table caption" : "a heading"
            // Said so for every command that takes a sentence (label, link, show, explain, tree), not only edits.
            let after = document.units.indices[(i + 1)...].contains { document.units[$0].kind == .sentence }
                ? " (goto \(id) moves to the first sentence after it)" : " (no sentence follows it)"
            return .failure(Refusal("\(id) is \(what), not a sentence; give a sentence's id\(after)"))
        }
        return .success(i)
    }

    /// What `id` names when it is a paragraph's or a section's id.
    private func place(_ id: String) -> String? {
        if document.paragraphs.contains(where: { $0.id == id }) { return "a paragraph" }
        return document.sections.contains(where: { $0.id == id }) ? "a section" : nil
    }

    /// The first sentence of the paragraph or section `id`, or after it when it holds none of its own (a heading's
    /// paragraph, a section of subsections).
    private func firstSentence(ofParagraphOrSection id: String) -> Int? {
        let units = document.units
        let start: Int
        if let paragraph = document.paragraphs.first(where: { $0.id == id }) {
            start = paragraph.units.lowerBound
        } else if let section = document.sections.first(where: { $0.id == id }),
                  let first = units.indices.first(where: { units[$0].section == id || units[$0].id == section.heading }) {
            start = first
        } else {
            return nil
        }
        return units.indices[start...].first { units[$0].kind == .sentence }
    }

    private mutating func move(
        from start: Int, forward: Bool, wrap: Bool, what: String, atEnd: String? = nil, _ matches: (TextUnit) -> Bool
    ) -> Response {
        let units = document.units
        var order: [Int] = forward ? Array(max(0, start)..<units.count) : Array(stride(from: min(start, units.count - 1), through: 0, by: -1))
        if wrap { order += Array(0..<min(max(0, start), units.count)) }
        for i in order where units[i].kind == .sentence && matches(units[i]) {
            let wrapped = wrap && i < start
            cursor = i
            return note((wrapped ? "(wrapped to the start)\n" : "") + show(i))
        }
        if !wrap { return miss(atEnd ?? (forward ? "at the last sentence" : "at the first sentence")) }
        return miss("no \(what)")
    }

    /// The longest run of literal text every match of `pattern` must contain, when the pattern is simple enough to
    /// tell (no alternation, groups, classes or escapes); nil otherwise.
    static func requiredLiteral(_ pattern: String) -> String? {
        guard !pattern.contains(where: { "|()[]\\".contains($0) }) else { return nil }
        var pieces: [String] = []
        var current = ""
        var chars = Array(pattern)[...]
        while let c = chars.popFirst() {
            switch c {
            case ".", "^", "$":
                pieces.append(current)
                current = ""
            case "+":
                // The character before is required once; what follows may not join it.
                pieces.append(current)
                current = ""
            case "*", "?", "{":
                // The character before is optional.
                if !current.isEmpty { current.removeLast() }
                pieces.append(current)
                current = ""
                if c == "{" { while let d = chars.popFirst(), d != "}" {} }
            default:
                current.append(c)
            }
        }
        pieces.append(current)
        return pieces.max { $0.utf8.count < $1.utf8.count }.flatMap { $0.isEmpty ? nil : $0 }
    }

    /// The first group of `pattern` that is repeated (`*`, `+`, `{m,}`) while every part of one of its branches is
    /// itself repeated or optional — `(.+)+`, `(\\S+\\s?)*`, `([^。]*)*`, `(a+|b)+` — or nil. A backtracking
    /// matcher tries every way of sharing a sentence out between the repetitions, which on a sentence with no match
    /// takes longer than anyone waits, and NSRegularExpression cannot be stopped.
    static func nestedRepetition(_ pattern: String) -> String? {
        let s = Array(pattern)
        struct Group {
            var start: Int; var branchFree = true; var branchAtoms = 0; var loose = false; var lookaround = false
            /// Whether an atom that matches nearly anything, repeated without bound (.*, \S+), stands inside: it can take
            /// what the group's other atoms match ([^。]+。 cannot).
            var broadRun = false
        }
        var groups: [Group] = []
        var i = 0
        // What the quantifier after an atom allows: whether the atom must match, the loose group it repeats (the
        // find), and whether it may match more than once (+, *, {2,5}, and {12} too) or as a run (*, +, {0,60}).
        struct Quantified { var mandatory: Bool; var hit: String?; var multiple = false; var unbounded = false }
        // Whether the atom just read (ending before i) is repeated, optional or once; a repeated loose group is the find.
        func quantifier(after atomLooseGroup: Bool, atomStart: Int) -> Quantified {
            guard i < s.count else { return Quantified(mandatory: true) }
            var repeated = false
            var optional = false
            var multiple = false
            var unbounded = false
            switch s[i] {
            case "*": repeated = true; optional = true; multiple = true; unbounded = true; i += 1
            case "+": repeated = true; multiple = true; unbounded = true; i += 1
            case "?": optional = true; i += 1
            case "{":
                guard let close = s[i...].firstIndex(of: "}") else { return Quantified(mandatory: true) }
                let bounds = String(s[(i + 1)..<close]).split(separator: ",", omittingEmptySubsequences: false)
                let low = Int(bounds.first ?? "") ?? 0
                let high = bounds.count == 1 ? low : Int(bounds[1])
                // An exact count ({4}) has one way to match; a range ({2,5}, {2,}) has many.
                repeated = high.map { $0 > 1 && $0 != low } ?? true
                optional = low == 0
                multiple = (high ?? 2) > 1
                // (.{0,60} has as many ways to share out as .*.)
                unbounded = high.map { $0 - low >= 10 } ?? true
                i = close + 1
            default: return Quantified(mandatory: true)
            }
            // A lazy or possessive mark (+? ++) follows the quantifier.
            var possessive = false
            if i < s.count, s[i] == "?" || s[i] == "+" { possessive = s[i] == "+"; i += 1 }
            // A possessive run gives nothing back, so it is no run to share out.
            if possessive { multiple = false; unbounded = false }
            if repeated, atomLooseGroup, !possessive { return Quantified(mandatory: false, hit: String(s[atomStart..<i])) }
            return Quantified(mandatory: !(repeated || optional), hit: nil, multiple: multiple, unbounded: unbounded)
        }
        func markBroadRun() {
            for k in groups.indices { groups[k].broadRun = true }
        }
        // A run of a class repeated without bound (\S+, \w*, [^。]+) takes what the group's next atom matches when
        // that atom is one of its characters ((\S+,){3}, ([^。]*a){12}); not when it is not (([^。]+。)+, (\w+ )+).
        // What the run can match, until the next atom says.
        var pendingRun: ((Character) -> Bool)?
        func nextAtom(literal: Character?) {
            guard let run = pendingRun else { return }
            pendingRun = nil
            if literal.map(run) ?? true { markBroadRun() }
        }
        func atomRead(mandatory: Bool) {
            guard !groups.isEmpty else { return }
            groups[groups.count - 1].branchAtoms += 1
            if mandatory { groups[groups.count - 1].branchFree = false }
        }
        while i < s.count {
            let start = i
            switch s[i] {
            case "\\":
                // An escape, with a property or code point in braces (\p{Han}, \x{4E00}).
                i += 2
                if i < s.count, s[i] == "{", "pPxN".contains(s[i - 1]) { i = (s[i...].firstIndex(of: "}") ?? s.count - 1) + 1 }
                let escaped = start + 1 < s.count ? s[start + 1] : " "
                // An escaped mark is that mark (\. \( \[): a literal.
                nextAtom(literal: escaped.isLetter || escaped.isNumber ? nil : escaped)
                let q = quantifier(after: false, atomStart: start)
                if let hit = q.hit { return hit }
                if q.unbounded {
                    let word: (Character) -> Bool = { $0.isLetter || $0.isNumber || $0 == "_" }
                    switch escaped {
                    case "S": pendingRun = { !$0.isWhitespace }
                    case "w": pendingRun = word
                    case "W": pendingRun = { !word($0) }
                    case "D": pendingRun = { !$0.isNumber }
                    default: break
                    }
                }
                atomRead(mandatory: q.mandatory)
            case "[":
                // A class, with ] first taken literally and escapes skipped.
                nextAtom(literal: nil)
                i += 1
                let negated = i < s.count && s[i] == "^"
                if negated { i += 1 }
                let membersStart = i
                if i < s.count, s[i] == "]" { i += 1 }
                while i < s.count, s[i] != "]" { i += s[i] == "\\" ? 2 : 1 }
                let members = s[membersStart..<min(i, s.count)]
                i += 1
                let q = quantifier(after: false, atomStart: start)
                if q.unbounded {
                    // Characters listed one by one say what the run matches; ranges and escapes are taken as anything.
                    if members.contains("\\") || members.contains("-") {
                        if negated { pendingRun = { _ in true } } else { markBroadRun() }
                    } else {
                        let listed = Set(members)
                        pendingRun = negated ? { !listed.contains($0) } : { listed.contains($0) }
                    }
                }
                atomRead(mandatory: q.mandatory)
            case "(":
                nextAtom(literal: nil)
                var group = Group(start: i)
                i += 1
                if i < s.count, s[i] == "?" {
                    // (?: (?i) (?i: (?<name> are groups; (?= (?! (?<= (?<! look around and match nothing. The
                    // group's own marks are passed over.
                    let rest = String(s[i...].prefix(3))
                    group.lookaround = rest.hasPrefix("?=") || rest.hasPrefix("?!") || rest.hasPrefix("?<=") || rest.hasPrefix("?<!")
                    if group.lookaround {
                        i += rest.hasPrefix("?<") ? 3 : 2
                    } else if rest.hasPrefix("?<") {
                        i = (s[i...].firstIndex(of: ">") ?? s.count - 1) + 1
                    } else {
                        while i < s.count, s[i] != ":", s[i] != ")" { i += 1 }
                        if i < s.count, s[i] == ":" { i += 1 }
                    }
                }
                groups.append(group)
            case ")":
                // A run at the group's end meets the group's start again on its next match.
                nextAtom(literal: nil)
                i += 1
                guard var group = groups.popLast() else { continue }
                if group.branchAtoms > 0, group.branchFree { group.loose = true }
                if group.lookaround { continue }
                let q = quantifier(after: group.loose, atomStart: group.start)
                if let hit = q.hit { return hit }
                // A group holding .* matched more than once ((.*a){12}, (e.*)+) has as many ways to share a sentence
                // out as the loose group above: the same refusal.
                if group.broadRun, q.multiple { return String(s[group.start..<i]) }
                if group.broadRun { markBroadRun() }
                // A group that can match nothing counts as optional in the group around it.
                atomRead(mandatory: q.mandatory && !group.loose)
            case "|":
                pendingRun = nil
                i += 1
                guard !groups.isEmpty else { continue }
                var group = groups[groups.count - 1]
                if group.branchAtoms > 0, group.branchFree { group.loose = true }
                group.branchFree = true
                group.branchAtoms = 0
                groups[groups.count - 1] = group
            case "^", "$":
                i += 1
            default:
                nextAtom(literal: s[start] == "." ? nil : s[start])
                i += 1
                let q = quantifier(after: false, atomStart: start)
                if let hit = q.hit { return hit }
                if q.unbounded, s[start] == "." { markBroadRun() }
                atomRead(mandatory: q.mandatory)
            }
        }
        return nil
    }

    static func isLow(_ unit: TextUnit, _ threshold: Double) -> Bool {
        let a = unit.annotation
        guard !a.isLabelReviewed else { return false }
        return a.label == nil || FixedDecimal.asShown(a.confidence ?? 1) < threshold
    }

    // MARK: edits

    /// Why an edit is not made; the message says what to do instead.
    struct Refusal: Error {
        var message: String
        /// Not a refusal but a note: the edit asks for what is already so (not a failure under `--strict`).
        var isNote = false
        init(_ message: String, isNote: Bool = false) {
            self.message = message
            self.isNote = isNote
        }
    }

    /// Computes the new annotations of an edit (refusing edits that would break the tree), applies them, rescores
    /// and returns the journal entry.
    private mutating func edit(_ line: String, _ plan: (ReviewSession) throws(Refusal) -> [Int: SentenceAnnotation]) -> Response {
        let planned: [Int: SentenceAnnotation]
        do { planned = try plan(self) } catch { return error.isNote ? note(error.message) : failure("refused: \(error.message)") }
        let changes = planned.keys.sorted().map { i in
            UnitChange(unit: document.units[i].id, before: AnnotationSnapshot(document.units[i].annotation), after: AnnotationSnapshot(planned[i]!))
        }.filter { $0.before != $0.after }
        guard !changes.isEmpty else { return note("nothing to change") }
        let record = ReviewEdit(kind: .edit, command: line.trimmingCharacters(in: .whitespaces), at: clock(), annotator: annotator, changes: changes)
        apply(changes)
        writtenBeforeLastStep = written
        written.branch(atDepth: undoStack.count)
        undoStack.append(record)
        redoStack.removeAll()
        return Response(output: describe(changes) + status() + "\n", edit: record)
    }

    private mutating func apply(_ changes: [UnitChange]) {
        var touched: [Int] = []
        for change in changes {
            guard let i = index[change.unit] else { continue }
            document.units[i].annotation = change.after.applied(to: document.units[i].annotation)
            touched.append(i)
            if change.before.parent != change.after.parent {
                if let old = change.before.parent.flatMap({ index[$0] }) {
                    children[old].removeAll { $0 == i }
                    touched.append(old)
                }
                if let new = change.after.parent.flatMap({ index[$0] }) {
                    let position = children[new].firstIndex { $0 > i } ?? children[new].count
                    children[new].insert(i, at: position)
                }
            }
        }
        scorer?.rescore(&document, units: touched, children: children, index: index)
    }

    private mutating func undo(_ line: String) -> Response {
        guard let last = undoStack.popLast() else { return note("nothing to undo") }
        let inverse = last.changes.reversed().map(\.inverse)
        apply(inverse)
        writtenBeforeLastStep = written
        redoStack.append(last)
        let record = ReviewEdit(kind: .undo, command: line.trimmingCharacters(in: .whitespaces), at: clock(), annotator: annotator, changes: inverse)
        return Response(output: "undid: \(last.command)\n" + describe(inverse) + status() + "\n", edit: record)
    }

    private mutating func redo(_ line: String) -> Response {
        guard let next = redoStack.popLast() else { return note("nothing to redo") }
        apply(next.changes)
        writtenBeforeLastStep = written
        undoStack.append(next)
        let record = ReviewEdit(kind: .redo, command: line.trimmingCharacters(in: .whitespaces), at: clock(), annotator: annotator, changes: next.changes)
        return Response(output: "redid: \(next.command)\n" + describe(next.changes) + status() + "\n", edit: record)
    }

    /// Undoes a step the journal could not record, so memory and disk agree.
    public mutating func revert(_ edit: ReviewEdit) {
        apply(edit.changes.reversed().map(\.inverse))
        switch edit.kind {
        case .edit: _ = undoStack.popLast()
        case .undo: if let e = redoStack.popLast() { undoStack.append(e) }
        case .redo: if let e = undoStack.popLast() { redoStack.append(e) }
        }
        written = writtenBeforeLastStep
    }

    /// Re-applies a journalled step after a crash. Each sentence must still hold what the step found; otherwise
    /// the journal belongs to another version of the file and nothing is applied.
    public mutating func replay(_ edit: ReviewEdit) throws(ReviewJournalError) {
        for change in edit.changes {
            guard let i = index[change.unit] else { throw .mismatch("sentence \(change.unit) does not exist") }
            guard AnnotationSnapshot(document.units[i].annotation).matchesAsWritten(change.before) else {
                throw .mismatch("sentence \(change.unit) does not hold what the journal expects")
            }
        }
        apply(edit.changes)
        writtenBeforeLastStep = written
        // An undo or redo is replayed as one only when it undoes or redoes the step on top of the rebuilt history.
        // After a write the journal starts again, but the session's history went on below the version written: an
        // undo of an edit made before the write finds nothing to undo here, and is replayed as an edit of its own,
        // so that it still counts as unsaved.
        if edit.kind == .undo, let last = undoStack.last, last.changes.reversed().map(\.inverse) == edit.changes {
            redoStack.append(undoStack.removeLast())
        } else if edit.kind == .redo, let next = redoStack.last, next.changes == edit.changes {
            undoStack.append(redoStack.removeLast())
        } else if edit.kind == .redo, let last = undoStack.last, last.changes.reversed().map(\.inverse) == edit.changes {
            // Written, undone, redone: the undo came back as an edit of its own (above), and this redo takes it
            // back, to the version written.
            redoStack.append(undoStack.removeLast())
        } else {
            written.branch(atDepth: undoStack.count)
            undoStack.append(ReviewEdit(kind: .edit, command: edit.command, at: edit.at, annotator: edit.annotator, changes: edit.changes))
            redoStack.removeAll()
        }
    }

    /// The sentence of the last edit the history holds (an undone one is not), for a recovered session to go on at.
    public var lastEditFocus: String? { undoStack.last?.focus }

    /// Puts the cursor on sentence `id`, if there is one: a recovered session goes on where its last edit was.
    public mutating func moveCursor(to id: String) {
        if case .success(let i) = sentence(id) { cursor = i }
    }

    /// The file now holds every edit.
    public mutating func markWritten() {
        written = WrittenVersion(depth: undoStack.count)
        writtenBeforeLastStep = written
        quitWarned = false
    }

    private func target(_ id: String?) throws(Refusal) -> Int {
        guard let id else { return cursor }
        switch sentence(id) {
        case .success(let i): return i
        case .failure(let refusal): throw refusal
        }
    }

    static func isArgumentative(_ label: ArgumentLabel?) -> Bool { label?.isArgumentative == true }

    /// The claim or prescription without a parent (the root of the tree), if any. Evidence or an example without one
    /// is no thesis: it waits for a claim to hang under.
    var thesis: Int? {
        document.units.indices.first { i in
            let a = document.units[i].annotation
            return document.units[i].kind == .sentence && (a.label == .claim || a.label == .prescription) && a.parent == nil
        }
    }

    func children(of i: Int) -> [Int] { children[i] }

    private func labelChanges(_ id: String?, _ label: ArgumentLabel) throws(Refusal) -> [Int: SentenceAnnotation] {
        let i = try target(id)
        let unit = document.units[i]
        var a = unit.annotation
        let was = a.label
        // The label this person already gave: nothing to change (the time it was set stays), however long after.
        if was == label, a.labeledBy == human { return [:] }
        a.label = label
        a.labeledBy = human
        a.confidence = nil
        a.confidenceScale = nil
        a.reviewedAt = clock()
        var planned: [Int: SentenceAnnotation] = [:]
        if a.parent == nil, thesis == i, label != .claim, label != .prescription, Self.isArgumentative(label) {
            throw Refusal("\(unit.id) is the thesis, which must be a claim or a prescription; make another sentence the thesis first (thesis ID), then relabel \(unit.id)")
        }
        if Self.isArgumentative(was) && !Self.isArgumentative(label) {
            // The thesis goes only with the tree: while another sentence is argumentative it needs a root.
            let othersArgue = document.units.indices.contains { $0 != i && document.units[$0].kind == .sentence && Self.isArgumentative(document.units[$0].annotation.label) }
            if a.parent == nil && thesis == i && othersArgue {
                throw Refusal("\(unit.id) is the thesis; make another sentence the thesis first (thesis ID), then relabel \(unit.id)")
            }
            // Its children move up to its parent: background sentences stay outside the tree.
            for c in children(of: i) {
                var child = document.units[c].annotation
                child.parent = a.parent
                child.linkedBy = .plugin(Self.defaultLinker)
                child.linkConfidence = TreeCompletion.provisionalConfidence
                planned[c] = child
            }
            a.parent = nil
            a.relation = nil
            a.linkedBy = nil
            a.linkConfidence = nil
        } else if !Self.isArgumentative(was) && Self.isArgumentative(label) {
            if let root = thesis {
                // Under the nearest claim before it in its section, else under the thesis.
                let section = unit.section
                var parent = root
                var k = i - 1
                while k >= 0, document.units[k].section == section {
                    let other = document.units[k].annotation
                    if document.units[k].kind == .sentence, other.label == .claim { parent = k; break }
                    k -= 1
                }
                a.parent = document.units[parent].id
                a.relation = .support
                a.linkedBy = .plugin(Self.defaultLinker)
                a.linkConfidence = TreeCompletion.provisionalConfidence
            } else if label == .claim || label == .prescription {
                becomeRoot(i, &a, taking: &planned)
            } else {
                // Evidence or an example with no claim yet: outside any tree until a claim is labelled.
                a.parent = nil
                a.relation = nil
                a.linkedBy = nil
                a.linkConfidence = nil
            }
        } else if Self.isArgumentative(was), label == .claim || label == .prescription, a.parent == nil, thesis == nil {
            // Evidence waiting outside the tree relabelled a claim: the first claim, it is the root.
            becomeRoot(i, &a, taking: &planned)
        }
        planned[i] = a
        return planned
    }

    /// Makes the sentence at `i` (annotation `a`) the root: the first claim or prescription, and the evidence and
    /// examples labelled before it, which had nothing to hang under, now support it.
    private func becomeRoot(_ i: Int, _ a: inout SentenceAnnotation, taking planned: inout [Int: SentenceAnnotation]) {
        a.parent = nil
        a.relation = nil
        a.linkedBy = .plugin(Self.defaultLinker)
        a.linkConfidence = nil
        for k in document.units.indices where k != i && document.units[k].kind == .sentence {
            var other = document.units[k].annotation
            guard Self.isArgumentative(other.label), other.parent == nil else { continue }
            other.parent = document.units[i].id
            other.relation = .support
            other.linkedBy = .plugin(Self.defaultLinker)
            other.linkConfidence = TreeCompletion.provisionalConfidence
            planned[k] = other
        }
    }

    private func acceptChanges(_ id: String?) throws(Refusal) -> [Int: SentenceAnnotation] {
        let i = try target(id)
        var a = document.units[i].annotation
        guard a.label != nil else {
            throw Refusal("\(document.units[i].id) has no label to accept; give it one (label claim, or c e x r b)")
        }
        // Another person's label stays theirs, with the time they set it: accepting it would sign it over.
        if a.isHumanLabel && a.labeledBy != human {
            throw Refusal("\(document.units[i].id) was labelled \(a.label!.rawValue) by \(a.labeledBy!.description) and stays theirs; to make it yours, label it (label \(document.units[i].id) \(a.label!.rawValue))")
        }
        // This person's own label, accepted again: nothing to change.
        if a.labeledBy == human { return [:] }
        a.labeledBy = human
        a.confidence = nil
        a.confidenceScale = nil
        a.reviewedAt = clock()
        return [i: a]
    }

    private func linkChanges(_ childID: String?, _ parentID: String, _ typed: ArgumentRelation?) throws(Refusal) -> [Int: SentenceAnnotation] {
        let c = try target(childID)
        let p = try target(parentID)
        let child = document.units[c]
        let parent = document.units[p]
        guard c != p else { throw Refusal("a sentence cannot be its own parent") }
        guard Self.isArgumentative(child.annotation.label) else {
            throw Refusal("\(child.id) is \(child.annotation.label?.rawValue ?? "unlabelled"); only claims, evidence, examples and prescriptions have a parent. Label it first (label \(child.id) claim)")
        }
        guard Self.isArgumentative(parent.annotation.label) else {
            throw Refusal("\(parent.id) is \(parent.annotation.label?.rawValue ?? "unlabelled") and outside the tree; it cannot take children. Label it first (label \(parent.id) claim)")
        }
        if child.annotation.parent == nil && thesis == c {
            throw Refusal("\(child.id) is the thesis, the root of the tree; make another sentence the thesis first (thesis ID)")
        }
        // Walking up from the new parent must not meet the child.
        var path = [parent.id]
        var k = p
        while let up = document.units[k].annotation.parent, let j = index[up] {
            if j == c || path.count > document.units.count {
                let elsewhere = child.annotation.parent ?? (thesis.map { document.units[$0].id } ?? "PARENT")
                throw Refusal("linking \(child.id) under \(parent.id) would make a cycle: \(parent.id) is below \(child.id) (\((path + [up]).joined(separator: " → "))); move \(parent.id) out from under \(child.id) first (link \(parent.id) \(elsewhere)), then link \(child.id) under it")
            }
            path.append(up)
            k = j
        }
        // Confirming the parent keeps the relation unless another is typed (an attack stays an attack); a new parent
        // is supported unless said otherwise.
        let relation = typed ?? (child.annotation.parent == parent.id ? child.annotation.relation ?? .support : .support)
        // The same link again changes nothing: a person's stays theirs, and a script that repeats it goes on, as one
        // that repeats a label does.
        if child.annotation.parent == parent.id, child.annotation.relation == relation, child.annotation.isHumanLink {
            throw Refusal("nothing to change: \(child.id) already \(relation == .attack ? "attacks" : "supports") \(parent.id) (linked by \(child.annotation.linkedBy!.description))", isNote: true)
        }
        return [c: humanLink(child.annotation, parent: parent.id, relation: relation)]
    }

    private func unlinkChanges(_ id: String?) throws(Refusal) -> [Int: SentenceAnnotation] {
        let i = try target(id)
        let unit = document.units[i]
        guard let parent = unit.annotation.parent else {
            if thesis == i { throw Refusal("\(unit.id) is the thesis; it has no parent to remove") }
            throw Refusal("\(unit.id) has no parent")
        }
        guard let root = thesis else { throw Refusal("the document has no thesis to attach \(unit.id) to; choose one (thesis ID)") }
        guard document.units[root].id != parent else {
            throw Refusal("\(unit.id) already hangs directly under the thesis \(parent); every argumentative sentence needs a parent, so link it elsewhere (link \(unit.id) PARENT) or label it background")
        }
        // The sentence keeps its stance: an objection moved under the thesis still objects.
        return [i: humanLink(unit.annotation, parent: document.units[root].id, relation: unit.annotation.relation ?? .support)]
    }

    private func thesisChanges(_ id: String?) throws(Refusal) -> [Int: SentenceAnnotation] {
        let i = try target(id)
        let unit = document.units[i]
        guard unit.annotation.label == .claim || unit.annotation.label == .prescription else {
            throw Refusal("\(unit.id) is \(unit.annotation.label?.rawValue ?? "unlabelled"); the thesis must be a claim or a prescription. Relabel it first (label \(unit.id) claim)")
        }
        var planned: [Int: SentenceAnnotation] = [:]
        let old = thesis
        if old == i && unit.annotation.isHumanLink { return [:] }
        if let old, old != i {
            // The former thesis now supports the new one; everything that hung under it still does.
            planned[old] = humanLink(document.units[old].annotation, parent: unit.id, relation: .support, reviewed: false)
        }
        planned[i] = humanLink(unit.annotation, parent: nil, relation: nil)
        return planned
    }

    /// `annotation` hung under `parent` by the reviewer (nil: the root); `reviewed` also stamps the review time
    /// (a former thesis moved along with a new one is linked, not reviewed).
    private func humanLink(_ annotation: SentenceAnnotation, parent: String?, relation: ArgumentRelation?, reviewed: Bool = true) -> SentenceAnnotation {
        var a = annotation
        a.parent = parent
        a.relation = relation
        a.linkedBy = human
        a.linkConfidence = nil
        if reviewed { a.reviewedAt = clock() }
        return a
    }
}

/// Every sentence's text in one string (one line each), built on the first regular-expression search, so a search
/// is one pass of the regular-expression engine rather than one call per sentence. Texts never change in a review.
final class SearchIndex {
    private var text: NSString?
    private var string = ""
    /// UTF-16 offset of each line's start, and the unit it holds.
    private var starts: [Int] = []
    /// Each line's length in UTF-16 units, its line break left out.
    private var lengths: [Int] = []
    private var units: [Int] = []

    /// The first sentence after `cursor` whose text matches, wrapping to the start; and whether it wrapped.
    func first(_ regex: NSRegularExpression, after cursor: Int, in document: Document) -> (Int, Bool)? {
        prepare(document)
        guard let text, !units.isEmpty else { return nil }
        // The line after the cursor's.
        var low = 0
        var high = units.count
        while low < high {
            let mid = (low + high) / 2
            if units[mid] <= cursor { low = mid + 1 } else { high = mid }
        }
        let from = low < units.count ? starts[low] : text.length
        if let found = search(regex, from: from, to: text.length) { return (found, false) }
        if from > 0, let found = search(regex, from: 0, to: from) { return (found, true) }
        return nil
    }

    /// The unit of the first sentence between the line starts `from` and `end` that holds a match. A match the
    /// engine found across a line break (\s, [^。]{200} reach into the next sentence) is no match in one sentence:
    /// that sentence is searched alone, and the search goes on after it.
    private func search(_ regex: NSRegularExpression, from: Int, to end: Int) -> Int? {
        var position = from
        while position < end, let match = regex.firstMatch(in: string, range: NSRange(location: position, length: end - position)) {
            let line = line(at: match.range.location)
            let lineEnd = starts[line] + lengths[line]
            if match.range.location + match.range.length <= lineEnd { return units[line] }
            if regex.firstMatch(in: string, range: NSRange(location: starts[line], length: lengths[line])) != nil { return units[line] }
            position = lineEnd + 1
        }
        return nil
    }

    private func line(at location: Int) -> Int {
        var low = 0
        var high = starts.count
        while low < high {
            let mid = (low + high) / 2
            if starts[mid] <= location { low = mid + 1 } else { high = mid }
        }
        return max(0, low - 1)
    }

    func prepare(_ document: Document) {
        guard text == nil else { return }
        var joined = ""
        var offset = 0
        for (i, unit) in document.units.enumerated() where unit.kind == .sentence {
            starts.append(offset)
            lengths.append(unit.text.utf16.count)
            units.append(i)
            joined += unit.text
            joined += "\n"
            offset += unit.text.utf16.count + 1
        }
        string = joined
        text = joined as NSString
    }
}

/// A journal that does not fit the file it sits beside.
public enum ReviewJournalError: Error, Sendable, Hashable, CustomStringConvertible {
    case mismatch(String)

    public var description: String {
        switch self {
        case .mismatch(let message): message
        }
    }
}

/// How output looks: the width to wrap at and whether to colour it (never when NO_COLOR is set or output is not a
/// terminal).
public struct ReviewStyle: Sendable, Hashable {
    public var width: Int
    public var color: Bool

    public init(width: Int = 80, color: Bool = false) {
        // As narrow as review --width allows (20): a 30-column terminal gets 30, not 40.
        self.width = max(20, width)
        self.color = color
    }

    func paint(_ text: String, _ code: String) -> String { color ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text }

    /// `text` without the colour codes `paint` adds, to count its columns.
    func plain(_ text: String) -> String {
        guard color else { return text }
        return text.replacing(/\u{1B}\[[0-9;]*m/, with: "")
    }

    func error(_ text: String) -> String { paint(text, "31") }

    func label(_ label: ArgumentLabel?, padded: Bool = false) -> String {
        let name = label?.rawValue ?? "-"
        let text = padded ? name + String(repeating: " ", count: max(0, 12 - name.count)) : name
        switch label {
        case .claim: return paint(text, "34")
        case .evidence: return paint(text, "32")
        case .example: return paint(text, "36")
        case .prescription: return paint(text, "35")
        case .background, nil: return paint(text, "2")
        }
    }
}

func fixed2(_ x: Double) -> String { FixedDecimal.twoPlaces(x) }

/// Where the version last written sits relative to the undo history. While it is in the history it is the
/// undo-stack depth at the write; an edit made after undoing past it drops it from the history, and it is then
/// `offset` steps from the depth where the history branched.
struct WrittenVersion: Sendable {
    private var depth = 0
    private var offset = 0

    init(depth: Int = 0) { self.depth = depth }

    func distance(atDepth current: Int) -> Int { offset + abs(current - depth) }

    /// A new edit at `current` discards the redo steps above it; if the written version was among them, it is
    /// now reached only through the branch point.
    mutating func branch(atDepth current: Int) {
        guard current < depth else { return }
        offset += depth - current
        depth = current
    }
}
