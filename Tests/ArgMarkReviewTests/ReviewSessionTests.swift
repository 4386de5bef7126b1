import ArgMarkCore
import ArgMarkFormats
import ArgMarkLinking
import ArgMarkPipeline
import Foundation
import Testing

@testable import ArgMarkReview

let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

func sampleDocument() throws -> Document {
    let bytes = Array(try Data(contentsOf: fixtures.appendingPathComponent("sample.zh.jsonl")))
    return try JSONLinesReader().read(ReaderInput(bytes: bytes, sourcePath: "sample.zh.jsonl", documentID: "sample.zh"))
}

/// A clock that ticks one second per reading, so sessions are deterministic.
final class TestClock: @unchecked Sendable {
    private var seconds = 0
    func now() -> String {
        defer { seconds += 1 }
        return String(format: "2026-12-03T09:%02d:%02dZ", seconds / 60 % 60, seconds % 60)
    }
}

func session(_ document: Document, width: Int = 80) -> ReviewSession {
    let clock = TestClock()
    return ReviewSession(document: document, annotator: "wang", scorer: SupportScorer(), style: ReviewStyle(width: width), clock: clock.now)
}

/// Runs `commands` and renders `> command` followed by its output, as a golden transcript.
func transcript(_ commands: [String], width: Int = 80) throws -> (text: String, session: ReviewSession, edits: [ReviewEdit]) {
    var s = session(try sampleDocument(), width: width)
    var text = s.execute("show").output
    var edits: [ReviewEdit] = []
    for command in commands {
        let response = s.execute(command)
        if let edit = response.edit { edits.append(edit) }
        text += "> \(command)\n" + response.output
        switch response.action {
        case .none: break
        case .write: text += "[write]\n"
        case .forceWrite: text += "[write!]\n"
        case .quit: text += "[quit]\n"
        case .writeAndQuit: text += "[write and quit]\n"
        case .discardAndQuit: text += "[discard and quit]\n"
        }
        if response.isError { text += "[error]\n" }
    }
    return (text, s, edits)
}

func expectGolden(_ actual: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let url = fixtures.appendingPathComponent(name)
    if ProcessInfo.processInfo.environment["ARGMARK_RECORD"] == "1" {
        try actual.write(to: url, atomically: true, encoding: .utf8)
        Issue.record("recorded \(name); run again without ARGMARK_RECORD", sourceLocation: sourceLocation)
        return
    }
    let expected = try String(contentsOf: url, encoding: .utf8)
    #expect(actual == expected, "\(name) differs; if the change is intended, re-record with ARGMARK_RECORD=1", sourceLocation: sourceLocation)
}

func commands(_ name: String) throws -> [String] {
    try String(contentsOf: fixtures.appendingPathComponent(name), encoding: .utf8).split(separator: "\n").map(String.init)
}

/// The tree invariants every edit keeps: the model's own checks, and exactly one root among the argumentative
/// sentences, which every one of them reaches.
func expectValidTree(_ document: Document, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(document.validate().isEmpty, "\(document.validate())", sourceLocation: sourceLocation)
    let argumentative = document.units.indices.filter {
        document.units[$0].kind == .sentence && ReviewSession.isArgumentative(document.units[$0].annotation.label)
    }
    let roots = argumentative.filter { document.units[$0].annotation.parent == nil }
    #expect(argumentative.isEmpty || roots.count == 1, "roots: \(roots.map { document.units[$0].id })", sourceLocation: sourceLocation)
    for i in argumentative {
        var current = i
        var steps = 0
        while let parent = document.units[current].annotation.parent, let j = document.index(ofUnit: parent), steps <= document.units.count {
            #expect(ReviewSession.isArgumentative(document.units[j].annotation.label), "\(document.units[current].id) hangs under \(parent), which is outside the tree", sourceLocation: sourceLocation)
            current = j
            steps += 1
        }
        #expect(roots.contains(current), "\(document.units[i].id) does not reach the root", sourceLocation: sourceLocation)
    }
    for unit in document.units where !(unit.kind == .sentence && ReviewSession.isArgumentative(unit.annotation.label)) {
        #expect(unit.annotation.parent == nil, "\(unit.id) is outside the tree but has a parent", sourceLocation: sourceLocation)
    }
}

struct ReviewTranscriptTests {
    @Test func navigationAndViews() throws {
        let (text, _, edits) = try transcript(try commands("navigation.commands"))
        #expect(edits.isEmpty)
        try expectGolden(text, "navigation.transcript")
    }

    @Test func editsUndoRedoAndRefusals() throws {
        let (text, s, edits) = try transcript(try commands("editing.commands"))
        #expect(!edits.isEmpty)
        expectValidTree(s.document)
        try expectGolden(text, "editing.transcript")
    }

    @Test func narrowTerminalWrapsCJKByWidth() throws {
        let (text, _, _) = try transcript(["goto s5", "goto s10"], width: 40)
        try expectGolden(text, "narrow.transcript")
        for line in text.split(separator: "\n") where line.hasPrefix("  ") || line.hasPrefix("> s") {
            #expect(line.unicodeScalars.reduce(0) { $0 + ReviewSession.displayWidth($1) } <= 40, "too wide: \(line)")
        }
    }

    /// Every line of the tree keeps to the width, however deep the branch: the text takes what is left (none on a
    /// deep line), and a line deeper than the width is cut, so that the terminal wraps none and the branches below
    /// it stay drawn.
    @Test(arguments: [20, 30, 44])
    func treeLinesFitTheWidth(_ width: Int) throws {
        var s = session(try sampleDocument(), width: width)
        let sentences = s.document.units.filter { $0.kind == .sentence }.map(\.id)
        // A chain as deep as the sample allows: each sentence a claim under the one before it.
        for (parent, child) in zip(sentences, sentences.dropFirst()) {
            _ = s.execute("label \(child) claim")
            _ = s.execute("link \(child) \(parent)")
        }
        let tree = s.execute("tree").output
        for line in tree.split(separator: "\n") {
            #expect(line.unicodeScalars.reduce(0) { $0 + ReviewSession.displayWidth($1) } <= width, "too wide: \(line)")
        }
        #expect(tree.contains("…"))
        // Below the depth the width has room for, one line says how many sentences hang there and how to see them;
        // every sentence is either drawn or counted in it.
        let drawn = tree.split(separator: "\n").filter { $0.contains(" claim") }.count
        if let summary = tree.firstMatch(of: /(?:└─ )… (\d+)(?: below)?: tree (s\d+)/) {
            #expect(width < 44)
            #expect(drawn + Int(summary.1)! == sentences.count - 1, "\(tree)")
            let deeper = s.execute("tree \(summary.2)").output
            #expect(deeper.hasPrefix("\(summary.2) claim"))
        } else {
            #expect(drawn == sentences.count - 1, "\(tree)")
        }
    }

    /// stats says how many of the low-confidence sentences hold a share (a pipeline chosen with --labelers), which is
    /// no probability below the threshold.
    @Test func statsSaysWhichLowConfidencesAreShares() throws {
        var document = try sampleDocument()
        let sentences = document.units.indices.filter { document.units[$0].kind == .sentence && document.units[$0].annotation.label != nil }
        for i in sentences {
            document.units[i].annotation.confidence = 0.3
            document.units[i].annotation.confidenceScale = .calibrated
        }
        document.units[sentences[0]].annotation.confidenceScale = .share
        func stats() -> String {
            var s = session(document, width: 200)
            return s.execute("stats").output
        }
        #expect(stats().contains("below 0.60 \(sentences.count) (1 of them the labellers' shares, not probabilities)"))
        for i in sentences { document.units[i].annotation.confidenceScale = .share }
        #expect(stats().contains("(all of them the labellers' shares, not probabilities)"))
        for i in sentences { document.units[i].annotation.confidenceScale = .calibrated }
        #expect(!stats().contains("shares"))
    }

    /// A numbered sentence table's own ids (7, as its CSV writes them) name its sentences (s7) in review too.
    @Test func aNumberedTablesOwnIdsNameItsSentences() throws {
        var document = try sampleDocument()
        var plain = session(document)
        #expect(plain.execute("goto 5").isError)
        document.metadata.fields[DocumentMetadata.tableIDPrefixField] = "s"
        var numbered = session(document)
        #expect(!numbered.execute("goto 5").isError)
        #expect(numbered.document.units[numbered.cursor].id == "s5")
    }

    /// A reply longer than the width is wrapped, a line painted whole (an error in red) painted again line by line.
    @Test func repliesAreFittedColourAside() throws {
        let styled = ReviewSession(document: try sampleDocument(), annotator: "wang", scorer: SupportScorer(),
                                   style: ReviewStyle(width: 30, color: true), clock: TestClock().now)
        let red = styled.style.error("refused: s3 is a heading, not a sentence; give a sentence's id")
        let lines = styled.fitted(red + "\nshort\n").split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 5 && lines[3] == "short" && lines[4].isEmpty)
        for line in lines.prefix(3) {
            #expect(line.hasPrefix("\u{1B}[31m") && line.hasSuffix("\u{1B}[0m"))
            #expect(styled.style.plain(String(line)).unicodeScalars.count <= 30)
        }
        #expect(styled.style.plain(String(lines[0])) == "refused: s3 is a heading,")
    }

    /// Where a sentence is (§ heading — paragraph, sentence n of m) stays within a narrow terminal: the heading
    /// is shortened, or left out when there is no room for it.
    @Test(arguments: [24, 30, 34])
    func placeLineFitsTheWidth(_ width: Int) throws {
        let (text, _, _) = try transcript(["goto s5", "goto s10"], width: width)
        let places = text.split(separator: "\n").filter { $0.hasPrefix("§") }
        #expect(places.count == 3)
        for line in places {
            #expect(line.unicodeScalars.reduce(0) { $0 + ReviewSession.displayWidth($1) } <= width, "too wide: \(line)")
            #expect(line.contains(", sentence "))
        }
        if width == 34 { #expect(places.contains { $0.contains("一、问题…") || $0.contains("一、问题的") }) }
    }
}

struct ReviewSessionTests {
    @Test func editsRecordTheReviewerAndTime() throws {
        var s = session(try sampleDocument())
        let response = s.execute("label s6 claim")
        let a = try #require(s.document.unit("s6")).annotation
        #expect(a.label == .claim && a.labeledBy == .human("wang") && a.confidence == nil)
        #expect(a.reviewedAt == "2026-12-03T09:00:00Z")
        // A sentence that joins the tree gets a parent at once: the nearest claim before it in its section.
        #expect(a.parent == "s3" && a.linkedBy == .plugin(ReviewSession.defaultLinker))
        #expect(response.edit?.changes.map(\.unit) == ["s6"])
        #expect(s.unsavedEdits == 1)
    }

    /// A confidence that is the labellers' share says so where the sentence is shown; a calibrated one is shown as before.
    @Test func aShareIsShownAsOne() throws {
        var document = try sampleDocument()
        let i = try #require(document.units.firstIndex { $0.kind == .sentence && $0.annotation.confidence != nil && !$0.annotation.isKeptLabel })
        let id = document.units[i].id
        document.units[i].annotation.confidenceScale = .share
        var shares = session(document)
        #expect(shares.execute("show \(id)").output.contains(", a share, no probability)"))
        document.units[i].annotation.confidenceScale = .calibrated
        var calibrated = session(document)
        #expect(!calibrated.execute("show \(id)").output.contains("a share"))
    }

    /// Linking a sentence to the parent it has, without a relation, confirms the link as it is: an attack stays an
    /// attack (it had turned into a support); a new parent is supported unless a relation is typed; unlinking
    /// keeps the sentence's stance.
    @Test func confirmingAParentKeepsTheRelation() throws {
        var document = try sampleDocument()
        let i = try #require(document.units.firstIndex { $0.id == "s6" })
        document.units[i].annotation.label = .claim
        document.units[i].annotation.parent = "s9"
        document.units[i].annotation.relation = .attack
        document.units[i].annotation.linkedBy = .plugin("link.learned.v1")
        var s = session(document)
        #expect(s.execute("link s6 s9").edit != nil)
        var a = try #require(s.document.unit("s6")).annotation
        #expect(a.parent == "s9" && a.relation == .attack && a.linkedBy == .human("wang"))
        #expect(s.execute("link s6 s9").output.contains("already attacks s9"))
        #expect(s.execute("link s6 s9 s").edit != nil)
        #expect(try #require(s.document.unit("s6")).annotation.relation == .support)
        _ = s.execute("link s6 s8")
        #expect(try #require(s.document.unit("s6")).annotation.relation == .support)
        _ = s.execute("link s6 s9 a")
        _ = s.execute("unlink s6")
        a = try #require(s.document.unit("s6")).annotation
        #expect(a.relation == .attack && a.parent == "s3")
        expectValidTree(s.document)
    }

    /// Chinese text wraps as Chinese typesetting has it: no line opens with a stop or a closing mark, none ends with
    /// an opening one; every line fits the width.
    @Test func chineseWrapsWithoutAStopOpeningALine() {
        let text = "刚才，几位同志作了很好的发言，我听了很受启发。要推动“最多跑一次”改革，让群众少跑腿、好办事，真正做到“一网通办”。这就是所谓的“布鲁塞尔效应”。”他补充道。"
        for width in 20...44 {
            let lines = ReviewSession.wrap(text, prefix: "", indent: 0, width: width)
            #expect(lines.joined() == text, "width \(width)")
            for line in lines {
                let scalars = Array(line.unicodeScalars)
                #expect(!ReviewSession.neverStartsLine.contains(scalars.first!), "width \(width): \(line)")
                #expect(!ReviewSession.neverEndsLine.contains(scalars.last!), "width \(width): \(line)")
                #expect(ReviewSession.columns(scalars[...]) <= width, "width \(width): \(line)")
            }
        }
        // A run of marks stays where it falls (no mark per line), and a Latin word is not cut for a stop.
        for run in ["第一章　总则" + String(repeating: "…", count: 40) + "1", "创历史新高" + String(repeating: "！", count: 38) + "继续努力。",
                    "He said it would be fine" + String(repeating: ".", count: 80) + " Then he left."] {
            let lines = ReviewSession.wrap(run, prefix: "", indent: 0, width: 40)
            #expect(lines.joined().filter { $0 != " " } == run.filter { $0 != " " }, "\(lines)")
            #expect(!lines.contains { $0.count == 1 }, "\(lines)")
            #expect(lines.count <= 5 && lines.allSatisfy { ReviewSession.columns(Array($0.unicodeScalars)[...]) <= 40 }, "\(lines)")
        }
    }

    /// Confirming a machine's link reviews the link, not the label, and says so (as show does); undone, the review
    /// is said to be undone. A third word that is no relation is named; a pattern that is no regular expression says
    /// how to take a mark as it is.
    @Test func messagesSayWhatWasReviewedAndWhatWasWrong() throws {
        var s = session(try sampleDocument())
        let confirmed = s.execute("link s4 s3")
        #expect(confirmed.edit != nil && confirmed.output.hasPrefix("s4: link reviewed, label unreviewed"), "\(confirmed.output)")
        #expect(s.execute("undo").output.contains("s4: review undone"))
        let rebut = s.execute("k s4 s3 rebut")
        #expect(rebut.isError && rebut.output.contains("unknown relation 'rebut'; use support or attack"), "\(rebut.output)")
        let bracket = s.execute("find [")
        #expect(bracket.isError && bracket.output.contains("find \\[1\\] finds the note marker [1]"), "\(bracket.output)")
    }

    /// What a person typed is echoed in an error only in part; a cycle refusal says what to do instead; a label
    /// command with the label forgotten says so.
    @Test func refusalsSayWhatToDoAndEchoLittle() throws {
        var s = session(try sampleDocument())
        let pasted = String(repeating: "数", count: 5000)
        #expect(s.execute("/" + pasted).output.count < 200)
        #expect(s.execute("l s3 " + pasted).output.count < 200)
        #expect(s.execute("g " + pasted).output.count < 300)
        #expect(s.execute("l s3").output.contains("give the label after s3"))
        let cycle = s.execute("link s8 s10")
        #expect(cycle.isError && cycle.output.contains("would make a cycle") && cycle.output.contains("(link s10 s3)"), "\(cycle.output)")
    }

    /// A label of unknown origin (hand-made JSONL, another tool's TEI) is unreviewed until a person reviews it.
    @Test func labelsOfUnknownOriginWaitForReview() throws {
        var document = try sampleDocument()
        for i in document.units.indices where document.units[i].annotation.label != nil {
            document.units[i].annotation.labeledBy = nil
            document.units[i].annotation.reviewedAt = nil
        }
        var s = session(document)
        #expect(s.execute("stats").output.contains("reviewed 0 (0%)"))
        #expect(!s.execute("nu").isMiss)
        _ = s.execute("accept s3")
        #expect(s.execute("stats").output.contains("reviewed 1 "))
    }

    /// A move or search that finds nothing says so as a miss (which `--strict` stops at), and / alone repeats the
    /// last search.
    @Test func missesAreMarkedAndSlashRepeatsTheSearch() throws {
        var s = session(try sampleDocument())
        #expect(s.execute("/不存在的句子").isMiss)
        #expect(s.execute("/不存在.句子").isMiss)
        let first = s.execute("/数据")
        #expect(!first.isMiss && !first.isError)
        let again = s.execute("/")
        #expect(!again.isMiss && !again.isError && again.output != first.output)
        #expect(!s.execute("n").isMiss)
        var fresh = session(try sampleDocument())
        #expect(fresh.execute("/(").isError)
        #expect(fresh.execute("/").output.contains("no search to repeat"))
        #expect(fresh.execute("p").isMiss)
    }

    /// next-low counts a label by the confidence the editor shows: 0.5996, shown 0.60, is not below 0.60.
    @Test func lowIsJudgedByTheConfidenceShown() throws {
        var unit = try #require(try sampleDocument().units.first { $0.kind == .sentence && $0.annotation.label != nil && !$0.annotation.isHumanLabel })
        unit.annotation.reviewedAt = nil
        unit.annotation.confidence = 0.5996
        #expect(!ReviewSession.isLow(unit, 0.6))
        unit.annotation.confidence = 0.594
        #expect(ReviewSession.isLow(unit, 0.6))
    }

    /// An undo says which way it went: undoing an accept restores the machine's label and says so, rather than
    /// reporting the label accepted again.
    @Test func undoingAnAcceptSaysItWasUndone() throws {
        var s = session(try sampleDocument())
        let before = try #require(s.document.unit("s6")).annotation
        #expect(s.execute("accept s6").output.contains("s6: label \(before.label!.rawValue) accepted"))
        let undone = s.execute("undo").output
        #expect(undone.contains("s6: acceptance undone: label \(before.label!.rawValue) by \(before.labeledBy!)"), "\(undone)")
        #expect(!undone.contains("accepted"))
        #expect(try #require(s.document.unit("s6")).annotation == before)
    }

    /// Another person's label and link stay theirs: accepting the label, or linking the sentence to the parent it
    /// already has, is refused with who set it, instead of signing it over.
    @Test func anotherPersonsWorkStaysTheirs() throws {
        var document = try sampleDocument()
        let i = try #require(document.units.firstIndex { $0.id == "s6" })
        document.units[i].annotation.label = .evidence
        document.units[i].annotation.labeledBy = .human("alice")
        document.units[i].annotation.reviewedAt = "2026-12-01T08:00:00Z"
        var s = session(document)
        let accepted = s.execute("accept s6")
        #expect(accepted.edit == nil && accepted.output.contains("labelled evidence by human:alice and stays theirs"))
        let kept = try #require(s.document.unit("s6")).annotation
        #expect(kept.label == .evidence && kept.labeledBy == .human("alice") && kept.reviewedAt == "2026-12-01T08:00:00Z")
        // wang's own label accepted or given again changes nothing, however much later (its time stays); linking a
        // sentence where wang already linked it changes nothing.
        _ = s.execute("label s6 claim")
        let given = try #require(s.document.unit("s6")).annotation.reviewedAt
        for command in ["accept s6", "label s6 claim", "accept s6"] {
            let again = s.execute(command)
            #expect(again.edit == nil && !again.isError && again.output.contains("nothing to change"), "\(command)")
        }
        #expect(try #require(s.document.unit("s6")).annotation.reviewedAt == given)
        #expect(s.execute("link s6 s3").edit != nil)
        // The same link again is nothing to change, not a refusal that would stop a --strict script.
        let again = s.execute("link s6 s3")
        #expect(again.edit == nil && !again.isError && again.output.contains("nothing to change: s6 already supports s3"))
    }

    /// show and explain say what each labeller proposed; a reviewer's label leaves that record as it was.
    @Test func showAndExplainSayWhatTheLabellersProposed() throws {
        var document = try sampleDocument()
        let i = try #require(document.units.firstIndex { $0.id == "s6" })
        document.units[i].annotation.labelReasons = [
            LabelReason(plugin: "label.model.zh.v1", label: .evidence, score: 0.61, evidence: "p(evidence)=61%"),
            LabelReason(plugin: "label.rules.zh.v1", label: .example, score: 0.95, evidence: "^例如→example"),
        ]
        var s = session(document)
        let shown = s.execute("show s6").output
        #expect(shown.contains("proposed: label.model.zh.v1 evidence 0.61 (p(evidence)=61%)\n          label.rules.zh.v1 example 0.95 (^例如→example)\n"))
        #expect(s.execute("explain s6").output.hasPrefix("proposed: label.model.zh.v1 evidence 0.61"))
        _ = s.execute("label s6 claim")
        #expect(s.document.units[i].annotation.labelReasons == document.units[i].annotation.labelReasons)
        #expect(!s.execute("show s5").output.contains("proposed:"))
    }

    /// A session works on full-precision confidences (a tree linked on opening); the file it writes keeps four
    /// decimals. A journal written after the save must replay onto the file as reopened.
    @Test func theJournalReplaysOntoTheRoundedFile() throws {
        var document = try sampleDocument()
        let i = try #require(document.units.firstIndex { $0.id == "s4" })
        document.units[i].annotation.linkConfidence = 0.9863652031180744
        var s = session(document)
        let edit = try #require(s.execute("label s4 claim").edit)
        var reopened = document
        reopened.units[i].annotation.linkConfidence = 0.9864
        var again = session(reopened)
        try again.replay(edit)
        #expect(again.document.units[i].annotation.label == .claim)
        reopened.units[i].annotation.linkConfidence = 0.97
        var other = session(reopened)
        #expect(throws: ReviewJournalError.self) { try other.replay(edit) }
    }

    @Test func incrementalScoresEqualAFullScoring() throws {
        var s = session(try sampleDocument())
        for command in try commands("editing.commands") {
            _ = s.execute(command)
            let full = SupportScorer().score(s.document)
            for (a, b) in zip(s.document.units, full.units) {
                #expect(abs((a.annotation.score ?? -1) - (b.annotation.score ?? -1)) < 1e-9, "\(command): \(a.id) \(String(describing: a.annotation.score)) vs \(String(describing: b.annotation.score))")
                #expect(a.annotation.explanation?.children.map(\.child) == b.annotation.explanation?.children.map(\.child))
            }
        }
    }

    /// Random edits never break the tree, and undoing all of them restores the document.
    @Test(arguments: [1, 2, 3, 4, 5, 6, 7, 8])
    func randomEditsKeepTheTreeAndUndoRestores(_ seed: UInt64) throws {
        let original = try sampleDocument()
        var s = session(original)
        let initial = s.document
        var generator = SplitMix64(seed: seed)
        let ids = original.units.map(\.id)
        let labels = ["c", "e", "x", "r", "b"]
        var made = 0
        for _ in 0..<60 {
            let id = ids[Int(generator.next() % UInt64(ids.count))]
            let other = ids[Int(generator.next() % UInt64(ids.count))]
            let command: String
            switch generator.next() % 6 {
            case 0: command = "label \(id) \(labels[Int(generator.next() % 5)])"
            case 1: command = "link \(id) \(other) \(generator.next() % 2 == 0 ? "support" : "attack")"
            case 2: command = "unlink \(id)"
            case 3: command = "thesis \(id)"
            case 4: command = "accept \(id)"
            default: command = "undo"
            }
            let response = s.execute(command)
            if response.edit != nil { made += 1 }
            expectValidTree(s.document)
        }
        #expect(made > 10)
        while s.execute("undo").edit != nil {}
        for (a, b) in zip(s.document.units, initial.units) {
            #expect(AnnotationSnapshot(a.annotation) == AnnotationSnapshot(b.annotation), "\(a.id) differs after undoing everything")
        }
    }

    @Test func replayGivesTheSameDocumentAndRefusesAnotherVersion() throws {
        let (_, edited, edits) = try transcript(try commands("editing.commands"))
        var replayed = session(try sampleDocument())
        for edit in edits { try replayed.replay(edit) }
        #expect(replayed.document == edited.document)
        #expect(replayed.unsavedEdits == edited.unsavedEdits && replayed.unsavedEdits > 0)
        // Undo after a replay undoes the replayed edits.
        #expect(replayed.execute("undo").edit != nil)

        var changed = try sampleDocument()
        changed.units[changed.index(ofUnit: "s6")!].annotation.label = .evidence
        var other = session(changed)
        #expect(throws: ReviewJournalError.self) {
            for edit in edits { try other.replay(edit) }
        }
    }

    /// Written, undone, redone, then a crash: the journal after the write holds the undo and the redo, which replay
    /// back to the version written, nothing unsaved.
    @Test func aRedoAfterAWriteAndAnUndoReplaysToTheWrittenVersion() throws {
        var live = session(try sampleDocument())
        _ = live.execute("label s6 claim")
        live.markWritten()
        var journal: [ReviewEdit] = []
        for command in ["undo", "redo"] { journal.append(try #require(live.execute(command).edit)) }
        #expect(live.unsavedEdits == 0)
        var written = try sampleDocument()
        written.units[written.index(ofUnit: "s6")!].annotation = live.document.units[live.document.index(ofUnit: "s6")!].annotation
        var replayed = session(written)
        for edit in journal { try replayed.replay(edit) }
        #expect(replayed.unsavedEdits == 0)
        #expect(replayed.document.units.map(\.annotation.label) == live.document.units.map(\.annotation.label))
    }

    @Test func quitWarnsOnceAndQuitBangDiscards() throws {
        var s = session(try sampleDocument())
        _ = s.execute("label s2 claim")
        let first = s.execute("quit")
        #expect(first.action == .none && first.output.contains("1 unsaved edit"))
        #expect(s.execute("quit").action == .quit)
        #expect(s.execute("quit!").action == .discardAndQuit)
        #expect(s.execute("wq").action == .writeAndQuit)
        s.markWritten()
        #expect(s.execute("quit").action == .quit)
    }

    /// The thesis stays a claim or a prescription: evidence, example and background are refused until another
    /// sentence is the thesis; a background sentence's tree is itself, outside the tree, never "the thesis".
    @Test func theThesisKeepsAThesisLabel() throws {
        var s = session(try sampleDocument())
        for label in ["evidence", "example", "background"] {
            let response = s.execute("label s3 \(label)")
            #expect(response.isError && response.edit == nil && response.output.contains("s3 is the thesis"))
        }
        #expect(s.execute("label s3 prescription").edit != nil)
        #expect(s.execute("write!").action == .forceWrite)
        let tree = s.execute("tree s2").output
        #expect(tree.contains("(outside the tree)") && !tree.contains("thesis"))
    }

    /// Evidence labelled while no claim is: it waits outside the tree and is never the thesis; the first claim becomes
    /// the root and takes it in. The only argumentative sentence may go back to background.
    @Test func evidenceIsNeverTheThesis() throws {
        var document = try sampleDocument()
        for i in document.units.indices {
            document.units[i].annotation = SentenceAnnotation()
        }
        var s = session(document)
        let evidence = s.execute("label s4 evidence")
        #expect(evidence.edit != nil && !evidence.output.contains("thesis"))
        #expect(s.thesis == nil)
        #expect(s.document.units[s.index["s4"]!].annotation.parent == nil)
        let claim = s.execute("label s3 claim")
        #expect(claim.output.contains("s3: label - → claim; now the thesis"))
        #expect(claim.output.contains("s4: no parent → supports s3"))
        #expect(s.thesis == s.index["s3"])
        // Evidence waiting outside the tree relabelled a claim when no claim is: it becomes the root and takes in
        // the rest, and the evidence left waiting is shown as such, not as a thesis.
        var waiting = session(document)
        _ = waiting.execute("label s4 evidence")
        _ = waiting.execute("label s5 evidence")
        #expect(waiting.execute("show s4").output.contains("unlinked (no claim to support yet)"))
        let promoted = waiting.execute("label s5 claim")
        #expect(promoted.output.contains("s4: no parent → supports s5"), "\(promoted.output)")
        #expect(waiting.thesis == waiting.index["s5"])
        expectValidTree(waiting.document)
        #expect(s.execute("label s4 background").edit != nil)
        let last = s.execute("label s3 background")
        #expect(last.edit != nil && !last.isError, "\(last.output)")
        #expect(s.thesis == nil)
        expectValidTree(s.document)
    }

    /// A regular expression matches within one sentence: \s or a long negated class does not reach across the line
    /// break the search index puts between sentences.
    @Test func findMatchesWithinOneSentence() throws {
        let document = try sampleDocument()
        for pattern in ["/。\\s", "/[^。]{200}", "/。\\n近年"] {
            var s = session(document)
            #expect(s.execute(pattern).output.contains("no sentence matching"), "\(pattern)")
        }
        var s = session(document)
        #expect(s.execute("/条例》，对").output.hasPrefix("s5 ·"))
        #expect(s.execute("/^然而").output.hasPrefix("s6 ·"))
    }

    /// Words are separated by any space a keyboard gives (a tab, an ideographic space), and full-width letters
    /// typed by a Chinese input method are the commands' letters; a search pattern keeps its full-width marks.
    @Test func commandsTypedWithAChineseInputMethod() throws {
        #expect(ReviewCommand.parse("label\ts3 claim") == .success(.label(.claim, unit: "s3")))
        #expect(ReviewCommand.parse("ｌａｂｅｌ　ｓ３　ｃ") == .success(.label(.claim, unit: "s3")))
        #expect(ReviewCommand.parse("ｃ") == .success(.label(.claim, unit: nil)))
        #expect(ReviewCommand.parse("find 条例》，对") == .success(.find("条例》，对")))
        #expect(ReviewCommand.parse("／条例") == .success(.find("条例")))
        #expect(ReviewCommand.parse("\u{0C}") == nil)
        #expect(ReviewCommand.parse("\u{0B}\u{85}") == nil)
    }

    /// Unsaved edits count the steps between the document and the version written: undoing back to it leaves none,
    /// and an edit made after undoing past it keeps the undone steps counted.
    @Test func unsavedEditsMeasureTheDistanceFromTheWrittenVersion() throws {
        var s = session(try sampleDocument())
        _ = s.execute("label s2 claim")
        _ = s.execute("label s4 evidence")
        #expect(s.unsavedEdits == 2)
        _ = s.execute("undo")
        _ = s.execute("undo")
        #expect(s.unsavedEdits == 0)
        #expect(s.execute("quit").action == .quit)
        _ = s.execute("redo")
        #expect(s.unsavedEdits == 1)
        s.markWritten()
        _ = s.execute("redo")
        #expect(s.unsavedEdits == 1)
        _ = s.execute("undo")
        _ = s.execute("undo")
        #expect(s.unsavedEdits == 1)
        // The written version (s2 a claim) is no longer in the history after this edit: one undone step and one new.
        _ = s.execute("label s6 claim")
        #expect(s.unsavedEdits == 2)
        _ = s.execute("undo")
        #expect(s.unsavedEdits == 1)
        // After a write the journal starts again while the history goes on below it: an undo of an edit made before
        // the write is replayed as a step of its own, still unsaved (replayed as an undo it would find nothing to undo,
        // count as nothing, and the journal holding it would be removed on quitting).
        var live = session(try sampleDocument())
        _ = live.execute("label s2 claim")
        live.markWritten()
        let undone = try #require(live.execute("undo").edit)
        #expect(live.unsavedEdits == 1)
        var written = session(try sampleDocument())
        _ = written.execute("label s2 claim")
        written.markWritten()
        var reopened = session(written.document)
        try reopened.replay(undone)
        #expect(reopened.unsavedEdits == 1 && reopened.document.unit("s2")?.annotation.label == live.document.unit("s2")?.annotation.label)
        _ = reopened.execute("undo")
        #expect(reopened.unsavedEdits == 0 && reopened.document.unit("s2")?.annotation.label == .claim)
        let replayed = try transcript(["label s2 claim", "undo", "label s4 evidence", "undo", "redo"])
        var again = session(try sampleDocument())
        for edit in replayed.2 { try again.replay(edit) }
        #expect(again.unsavedEdits == 1 && replayed.1.unsavedEdits == 1)
    }

    @Test func revertUndoesAnEditTheJournalCouldNotKeep() throws {
        var s = session(try sampleDocument())
        let before = s.document
        let response = s.execute("label s2 claim")
        s.revert(try #require(response.edit))
        #expect(s.document == before)
        #expect(s.unsavedEdits == 0)
        #expect(s.execute("undo").output == "nothing to undo\n")
    }
}

struct LongDocumentTests {
    /// 10,000 sentences in 1,000 paragraphs: views stay bounded and edits keep the tree.
    @Test func longDocumentsStayResponsiveAndBounded() throws {
        var builder = DocumentBuilder(id: "long", sourcePath: nil)
        var offset = 0
        for p in 0..<1000 {
            if p % 50 == 0 {
                builder.addHeading(.init(start: offset, end: offset + 4, text: "第\(p / 50 + 1)节", language: .zh), level: 1)
                offset += 5
            }
            var spans: [DocumentBuilder.Span] = []
            for k in 0..<10 {
                let text = k == 0 ? "本文认为第\(p)段的论点成立。" : "据统计，第\(p)段第\(k)句的数据为\(k * 7)%。"
                let label: ArgumentLabel = k == 0 ? .claim : .evidence
                var annotation = SentenceAnnotation(label: label, confidence: 0.5 + Double(k) / 40, labeledBy: .plugin("label.test.v1"))
                let unitNumber = builder.document.units.count + spans.count + 1
                if p > 0 || k > 0 {
                    annotation.parent = k == 0 ? "s2" : "s\(unitNumber - k)"
                    annotation.relation = .support
                    annotation.linkedBy = .plugin("link.test.v1")
                } else {
                    annotation.linkedBy = .plugin("link.test.v1")
                }
                spans.append(.init(start: offset, end: offset + text.unicodeScalars.count, text: text, language: .zh, annotation: annotation))
                offset += text.unicodeScalars.count
            }
            builder.addParagraph(spans, language: .zh)
            offset += 1
        }
        let document = builder.take()
        #expect(document.validate().isEmpty)
        var s = session(document)
        #expect(s.document.units.count { $0.kind == .sentence } == 10_000)
        expectValidTree(s.document)
        for command in ["goto s9000", "label claim", "thesis s9000", "link s5 s9001 attack", "unlink s5", "undo", "find 第999段", "/数据为63%", "next-low 0.6"] {
            let response = s.execute(command)
            #expect(!response.isError, "\(command): \(response.output)")
        }
        expectValidTree(s.document)
        #expect(s.execute("list").output.split(separator: "\n").count == 51)
        #expect(s.execute("tree").output.split(separator: "\n").count == 201)
        #expect(s.execute("stats").output.hasPrefix("10000 sentences"))
    }
}

struct ReviewCommandTests {
    @Test(arguments: [
        ("n", ReviewCommand.next), ("prev", .previous), ("g s3", .goto("s3")), ("nu", .nextUnreviewed),
        ("nl", .nextLow(0.6)), ("next-low 0.3", .nextLow(0.3)), ("nb x", .nextLabel(.example)), ("/a b", .find("a b")),
        ("c", .label(.claim, unit: nil)), ("c s6", .label(.claim, unit: "s6")), ("x s2", .label(.example, unit: "s2")),
        ("label s4 evidence", .label(.evidence, unit: "s4")), ("l r", .label(.prescription, unit: nil)),
        ("a", .accept(unit: nil)), ("link s2 s3", .link(child: "s2", parent: "s3", relation: nil)),
        ("k s3 attack", .link(child: nil, parent: "s3", relation: .attack)), ("k s2 s3 a", .link(child: "s2", parent: "s3", relation: .attack)),
        ("k s3 S", .link(child: nil, parent: "s3", relation: .support)), ("ul", .unlink(nil)), ("t s3", .thesis("s3")),
        ("ls low", .list(.low(0.6))), ("list low 0.95", .list(.low(0.95))), ("ls provisional", .list(.provisional)),
        ("an", .acceptAndNext), ("ns", .nextSection), ("prev-section", .previousSection), ("sec", .sections),
        ("list b", .list(.label(.background))), ("?", .help), ("u", .undo), ("y", .redo),
        ("w", .write), ("q!", .forceQuit), ("wq", .writeAndQuit),
    ])
    func parses(_ line: String, _ expected: ReviewCommand) {
        #expect(ReviewCommand.parse(line) == .success(expected))
    }

    @Test(arguments: [
        ("改革.{2}发展", "改革"), ("abc+d", "abc"), ("ab?cd", "cd"), ("^Platforms", "Platforms"), ("x*", nil),
        ("a|b", nil), ("(foo)bar", nil), ("[0-9]+年", nil), ("\\d", nil), ("据统计", "据统计"),
    ] as [(String, String?)])
    func requiredLiterals(_ pattern: String, _ literal: String?) {
        #expect(ReviewSession.requiredLiteral(pattern) == literal)
    }

    /// A group repeated while all of one of its branches is repetition could search for ever on a sentence it does
    /// not match: find refuses it, and takes every other pattern.
    @Test(arguments: [
        ("(.+)+Q", "(.+)+"), ("(.*)*X", "(.*)*"), (#"(\S+\s?)*X"#, #"(\S+\s?)*"#), (#"(\p{Han}+)+Q"#, #"(\p{Han}+)+"#),
        ("([^。]*)*Q", "([^。]*)*"), ("(a+|b)+", "(a+|b)+"), ("(?:.+)+", "(?:.+)+"), ("((.+))+", "((.+))+"), ("(.+){2,}", "(.+){2,}"),
        (#"(\d+,)+"#, nil), ("(ab)+", nil), ("(a|b)+", nil), (#"(\s*\S)+"#, nil), ("改革.{2}发展", nil), ("(foo)bar", nil),
        ("(.+)?", nil), ("(.+)++", nil), ("(?=.+)+", nil), ("[(.+)+]", nil), (#"\(.+\)+"#, nil),
        (#"(\d{4})+"#, nil), (#"(\p{Han}{2})+"#, nil), ("([A-Z]{2})*", nil), ("(a{2,3})+", "(a{2,3})+"),
        // A group holding .* (or \S+) that repeats, a fixed number of times too.
        ("(.*a){12}X", "(.*a){12}"), ("(e.*){10}Z", "(e.*){10}"), ("(.*a)+X", "(.*a)+"), (#"(\S+,){3}"#, #"(\S+,){3}"#),
        ("([^。]+。)+", nil), ("(.*a){1}X", nil), ("(.*a)++X", nil), (#"(\w+ )+"#, nil),
        (#"(\w*a){12}X"#, #"(\w*a){12}"#), ("([^。]*a){12}X", "([^。]*a){12}"), (#"([\s\S]*a){12}X"#, #"([\s\S]*a){12}"#),
        ("(.{0,60}a){12}X", "(.{0,60}a){12}"), ("(.{0,3}a){2}", nil), ("([，、]+的)+", nil),
    ] as [(String, String?)])
    func nestedRepetitionIsFound(_ pattern: String, _ group: String?) {
        #expect(ReviewSession.nestedRepetition(pattern) == group)
    }

    @Test func emptyAndCommentLinesAreNothing() {
        #expect(ReviewCommand.parse("   ") == nil)
        #expect(ReviewCommand.parse("# a note") == nil)
    }
}
