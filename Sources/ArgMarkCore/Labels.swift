/// The five sentence-level argument labels of the ArgMark guideline (`../shared/GUIDELINE.md`).
public enum ArgumentLabel: String, Sendable, CaseIterable, Hashable, Comparable, Codable {
    case claim, evidence, example, prescription, background

    /// Whether a sentence of this label belongs in the argument tree (every label but background).
    public var isArgumentative: Bool { self != .background }

    /// Labels order as the guideline lists them, so tables and matrices read the same everywhere.
    public static func < (lhs: ArgumentLabel, rhs: ArgumentLabel) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// How a sentence relates to its parent in the argument tree.
public enum ArgumentRelation: String, Sendable, CaseIterable, Hashable, Codable {
    case support, attack
}

/// The language of a paragraph or sentence. `mixed` is a paragraph with substantial Chinese and English;
/// `und` is text with no letters to decide on (a bare number, a symbol).
public enum LanguageTag: String, Sendable, CaseIterable, Hashable, Codable {
    case zh, en, mixed, und
}

/// Whether a unit of the body is a heading, a sentence or a caption. Only sentences carry labels.
///
/// A caption is the furniture of a figure or table: its caption (图1 …, Table 2. …), a table's rows and the source or
/// note line under it (资料来源：…, Source: …). It is kept with its offsets but is no part of the argument, and unlike
/// a heading it opens no section: the text after a figure goes on in the section the figure sits in.
public enum UnitKind: String, Sendable, Hashable, Codable {
    case heading, sentence, caption
}

/// Who set a label or link: a plugin (by its versioned id) or a named human annotator.
public enum Annotator: Sendable, Hashable, CustomStringConvertible {
    case plugin(String)
    case human(String)

    /// Parses the wire form: `human:NAME` is a person (`Human:NAME` typed by hand too), anything else a plugin id.
    public init(_ raw: String) {
        if raw.prefix(6).lowercased() == "human:" {
            self = .human(String(raw.dropFirst("human:".count).drop { $0 == " " }))
        } else {
            self = .plugin(raw)
        }
    }

    /// The wire form used by every format: the plugin id, or `human:NAME`.
    public var description: String {
        switch self {
        case .plugin(let id): id
        case .human(let name): "human:\(name)"
        }
    }

    /// True for decisions a person made; machine runs never overwrite these.
    public var isHuman: Bool {
        if case .human = self { return true }
        return false
    }
}
