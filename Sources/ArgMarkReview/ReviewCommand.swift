import ArgMarkCore
import Foundation

/// A command of `argmark review`, parsed from one input line.
public enum ReviewCommand: Sendable, Hashable {
    case next, previous
    /// The first sentence of the next section, or of the one before the current section.
    case nextSection, previousSection
    case goto(String)
    case nextUnreviewed
    case nextLow(Double)
    case nextLabel(ArgumentLabel)
    case find(String)
    case label(ArgumentLabel, unit: String?)
    case accept(unit: String?)
    /// Accept the current sentence's label and move to the next sentence.
    case acceptAndNext
    /// `relation` nil: none typed (a link kept under the same parent keeps its relation; a new parent is supported).
    case link(child: String?, parent: String, relation: ArgumentRelation?)
    case unlink(String?)
    case thesis(String?)
    case show(String?)
    case explain(String?)
    case tree(String?)
    case list(ListFilter)
    /// Every section with its heading and how many of its sentences are reviewed.
    case sections
    case stats, help
    case undo, redo
    case write, forceWrite, quit, forceQuit, writeAndQuit

    public enum ListFilter: Sendable, Hashable {
        case all, unreviewed, label(ArgumentLabel)
        /// Unreviewed sentences below the confidence threshold.
        case low(Double)
        /// Sentences hung by the editor itself (`ReviewSession.defaultLinker`) under a parent no one confirmed.
        case provisional
    }

    /// The default threshold of `next-low` and `list low`.
    public static let lowConfidence = 0.6

    /// One-letter label shortcuts, usable alone on a line (`c`) or after `label`.
    static let labelShortcuts: [String: ArgumentLabel] = [
        "c": .claim, "e": .evidence, "x": .example, "r": .prescription, "b": .background,
    ]

    /// A relation word, whole or as its first letter (s, a), as labels have theirs.
    static func relation(_ word: String) -> ArgumentRelation? {
        switch word.lowercased() {
        case "support", "s": .support
        case "attack", "a": .attack
        default: nil
        }
    }

    /// What a person typed, as an error message shows it: its first 40 characters (a pasted megabyte echoed back
    /// whole buried the message).
    static func echoed(_ text: some StringProtocol) -> String {
        text.count > 40 ? String(text.prefix(40)) + "…" : String(text)
    }

    static func label(_ word: Substring) -> ArgumentLabel? {
        let lowered = word.lowercased()
        return ArgumentLabel(rawValue: lowered) ?? labelShortcuts[lowered]
    }

    /// The line's command; a message saying what is wrong and what to type otherwise. Empty lines are nil.
    public static func parse(_ line: String) -> Result<ReviewCommand, ReviewCommandError>? {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty, !trimmed.hasPrefix("#") else { return nil }
        if trimmed.hasPrefix("/") || trimmed.hasPrefix("／") { return .success(.find(String(trimmed.dropFirst()))) }
        // A Chinese input method types full-width letters and an ideographic space (ｌａｂｅｌ　ｓ３), and a tab
        // separates words as a space does. A search pattern is taken as typed: its ，。 are the text's.
        let words = trimmed.split(omittingEmptySubsequences: true) { $0.isWhitespace }
        // A line of form feeds or other spaces `trimmed` keeps is as empty as a blank one.
        guard let first = words.first else { return nil }
        let name = folded(first)
        if name == "find" || name == "f", let patternStart = words.dropFirst().first?.startIndex {
            return .success(.find(String(trimmed[patternStart...])))
        }
        let arguments = words.dropFirst().map { Substring(folded($0)) }
        func fail(_ message: String) -> Result<ReviewCommand, ReviewCommandError> { .failure(ReviewCommandError(message)) }
        func noArguments(_ command: ReviewCommand) -> Result<ReviewCommand, ReviewCommandError> {
            arguments.isEmpty ? .success(command) : fail("\(name) takes no arguments")
        }
        func optionalID(_ make: (String?) -> ReviewCommand) -> Result<ReviewCommand, ReviewCommandError> {
            arguments.count <= 1 ? .success(make(arguments.first.map(String.init))) : fail("\(name) takes at most one sentence id")
        }
        if let label = labelShortcuts[name] {
            // c labels the current sentence a claim, and c s6 the sentence s6, as label s6 c does.
            guard arguments.count <= 1 else { return fail("usage: \(name) [ID] (label [ID] \(label.rawValue))") }
            return .success(.label(label, unit: arguments.first.map(String.init)))
        }
        switch name {
        case "next", "n": return noArguments(.next)
        case "prev", "p": return noArguments(.previous)
        case "next-section", "ns": return noArguments(.nextSection)
        case "prev-section", "ps": return noArguments(.previousSection)
        case "goto", "g":
            guard arguments.count == 1 else { return fail("usage: goto ID (e.g. goto s12)") }
            return .success(.goto(String(arguments[0])))
        case "next-unreviewed", "nu": return noArguments(.nextUnreviewed)
        case "next-low", "nl":
            guard arguments.count <= 1 else { return fail("usage: next-low [THRESHOLD]") }
            guard let value = threshold(arguments.first) else { return fail("the threshold must be a number between 0 and 1 (e.g. next-low 0.5)") }
            return .success(.nextLow(value))
        case "next-label", "nb":
            guard arguments.count == 1, let label = label(arguments[0]) else { return fail("usage: next-label LABEL (\(labelList))") }
            return .success(.nextLabel(label))
        case "find", "f":
            guard !arguments.isEmpty else { return fail("usage: find REGEX (or /REGEX)") }
            return .success(.find(arguments.joined(separator: " ")))
        case "label", "l":
            switch arguments.count {
            case 1:
                guard let label = label(arguments[0]) else {
                    // label s3 (the label forgotten) names a sentence, not a label.
                    if arguments[0].first == "s", arguments[0].dropFirst().allSatisfy(\.isNumber), arguments[0].count > 1 {
                        return fail("usage: label [ID] LABEL; give the label after \(arguments[0]) (\(labelList))")
                    }
                    return fail("unknown label '\(echoed(arguments[0]))'; use \(labelList)")
                }
                return .success(.label(label, unit: nil))
            case 2:
                guard let label = label(arguments[1]) else { return fail("unknown label '\(echoed(arguments[1]))'; use \(labelList)") }
                return .success(.label(label, unit: String(arguments[0])))
            default: return fail("usage: label [ID] LABEL (\(labelList))")
            }
        case "accept", "a": return optionalID { .accept(unit: $0) }
        case "accept-next", "an": return noArguments(.acceptAndNext)
        case "link", "k":
            var rest = arguments.map(String.init)
            var relation: ArgumentRelation?
            if let last = rest.last, let r = Self.relation(last) {
                relation = r
                rest.removeLast()
            }
            switch rest.count {
            case 1: return .success(.link(child: nil, parent: rest[0], relation: relation))
            case 2: return .success(.link(child: rest[0], parent: rest[1], relation: relation))
            case 3 where relation == nil:
                // k s7 s6 rebut: a third word that is no relation is named, not left to the usage line.
                return fail("unknown relation '\(echoed(rest[2]))'; use support or attack (s, a): link [CHILD] PARENT [support|attack]")
            default: return fail("usage: link [CHILD] PARENT [support|attack] (s, a)")
            }
        case "unlink", "ul": return optionalID { .unlink($0) }
        case "thesis", "t": return optionalID { .thesis($0) }
        case "show", "s": return optionalID { .show($0) }
        case "tree", "tr": return optionalID { .tree($0) }
        case "explain", "why": return optionalID { .explain($0) }
        case "list", "ls":
            // list low takes next-low's threshold.
            if arguments.count == 2, arguments[0].lowercased() == "low" {
                guard let value = threshold(arguments[1]) else { return fail("the threshold must be a number between 0 and 1 (e.g. list low 0.8)") }
                return .success(.list(.low(value)))
            }
            guard arguments.count <= 1 else { return fail("usage: list [LABEL|unreviewed|low [THRESHOLD]|provisional]") }
            guard let word = arguments.first else { return .success(.list(.all)) }
            switch word.lowercased() {
            case "unreviewed": return .success(.list(.unreviewed))
            case "low": return .success(.list(.low(lowConfidence)))
            case "provisional": return .success(.list(.provisional))
            case "all": return .success(.list(.all))
            default:
                guard let label = label(word) else { return fail("usage: list [LABEL|unreviewed|low [THRESHOLD]|provisional]; unknown filter '\(echoed(word))'") }
                return .success(.list(.label(label)))
            }
        case "sections", "sec": return noArguments(.sections)
        case "stats": return noArguments(.stats)
        case "help", "h", "?": return noArguments(.help)
        case "undo", "u": return noArguments(.undo)
        case "redo", "y": return noArguments(.redo)
        case "write", "w": return noArguments(.write)
        case "write!", "w!": return noArguments(.forceWrite)
        case "quit", "q": return noArguments(.quit)
        case "quit!", "q!": return noArguments(.forceQuit)
        case "wq": return noArguments(.writeAndQuit)
        default:
            return fail("unknown command '\(echoed(name))'; type help for the list")
        }
    }

    static let labelList = "claim/c, evidence/e, example/x, prescription/r, background/b"

    /// A confidence threshold as typed (0 to 1), the default when none is.
    static func threshold(_ word: Substring?) -> Double? {
        guard let word else { return lowConfidence }
        return Double(word).flatMap { (0...1).contains($0) ? $0 : nil }
    }

    /// `word` with full-width ASCII (ｃ, ｓ１２) as ASCII.
    static func folded(_ word: Substring) -> String {
        String(String.UnicodeScalarView(word.unicodeScalars.map(\.halfWidth)))
    }
}

/// Why a line is not a command; the message says what to type instead.
public struct ReviewCommandError: Error, Sendable, Hashable {
    public var message: String
    public init(_ message: String) { self.message = message }
}
