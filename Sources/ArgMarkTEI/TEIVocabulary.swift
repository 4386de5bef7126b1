import ArgMarkCore

/// The names ArgMark's TEI encoding uses (docs/tei.md), shared by the writer and the reader.
enum TEIVocabulary {
    static let namespace = "http://www.tei-c.org/ns/1.0"
    /// Every element ArgMark adds to a header carries an `xml:id` with this prefix, so a reader can tell ArgMark's
    /// declarations from a source's own header and drop them before keeping that header.
    static let reservedPrefix = "argmark"
    static let applicationID = "argmark"
    static let taxonomyID = "argmark-labels"
    /// The `listPrefixDef` declaring the offset scheme; readers recognise ArgMark's export of another tool's TEI by it.
    static let prefixesID = "argmark-prefixes"
    static let treeID = "argmark-tree"
    static let publisher = "ArgMark TEI export"
    /// `idno/@type` of the document id; present only in headers ArgMark generated itself.
    static let documentIDType = "argmark"
    /// The private URI prefix for offsets into the source text: `source="char:12,40"`.
    static let offsetPrefix = "char"

    static func categoryID(_ label: ArgumentLabel) -> String { "arg-\(label.rawValue)" }

    /// Whether `id` has a prefix the encoding keeps for its own ids (declarations, categories, scores, proposals):
    /// a sentence's, paragraph's, section's or note's id may not.
    static func isReserved(_ id: String) -> Bool {
        id.hasPrefix(reservedPrefix) || id.hasPrefix("arg-") || id.hasPrefix("score-") || id.hasPrefix("why-")
    }

    static func label(categoryID: String) -> ArgumentLabel? {
        guard categoryID.hasPrefix("arg-") else { return nil }
        return ArgumentLabel(rawValue: String(categoryID.dropFirst(4)))
    }

    static func scoreID(_ unitID: String) -> String { "score-\(unitID)" }
    /// The `fs` holding what each labeller proposed for a sentence.
    static func reasonsID(_ unitID: String) -> String { "why-\(unitID)" }

    /// English and Chinese descriptions of the labels (../shared/GUIDELINE.md).
    static let categoryDescriptions: [ArgumentLabel: (en: String, enTerm: String, zh: String, zhTerm: String)] = [
        .claim: ("an arguable assertion the author advances and that needs support.", "claim", "作者提出的、需要支撑的可争辩主张。", "论点"),
        .evidence: ("facts, data, cited documents or studies offered as a reason to accept a claim.", "evidence", "用以支撑论点的事实、数据、文献或研究结果。", "论据"),
        .example: ("a concrete particular case illustrating a general claim.", "example", "说明一般论点的具体个案。", "例证"),
        .prescription: ("a normative recommendation or call for action.", "prescription", "规范性的建议或行动呼吁。", "对策"),
        .background: ("context, definitions, signposting; no argumentative role.", "background", "背景、定义或行文提示，不承担论证功能。", "背景"),
    ]

    /// BCP 47 tag of a model language: `mixed` is `mul` (several languages), `und` stays `und`.
    static func languageCode(_ language: LanguageTag) -> String {
        switch language {
        case .zh: "zh"
        case .en: "en"
        case .mixed: "mul"
        case .und: "und"
        }
    }

    /// The model language of a BCP 47 tag: `zh-Hans`, `zh-CN`, `lzh` → zh; `en-GB` → en; `mul` → mixed.
    static func language(code: String) -> LanguageTag {
        let primary = code.split(separator: "-").first.map { $0.lowercased() } ?? ""
        switch primary {
        case "zh", "cmn", "lzh", "yue", "wuu": return .zh
        case "en", "eng": return .en
        case "mul": return .mixed
        default: return .und
        }
    }

    static func languageName(_ language: LanguageTag) -> String {
        switch language {
        case .zh: "Chinese"
        case .en: "English"
        case .mixed: "Chinese and English"
        case .und: "undetermined"
        }
    }

    /// True for an XML NCName (the form `xml:id` needs): a letter or `_` first, then letters, digits, `.-_` and
    /// combining marks; no colon.
    static func isNCName(_ value: String) -> Bool {
        guard let first = value.unicodeScalars.first, isNameStart(first) else { return false }
        return value.unicodeScalars.dropFirst().allSatisfy { isNameStart($0) || isNameChar($0) }
    }

    private static func isNameStart(_ c: Unicode.Scalar) -> Bool {
        switch c.value {
        case 0x41...0x5A, 0x61...0x7A, 0x5F, 0xC0...0xD6, 0xD8...0xF6, 0xF8...0x2FF, 0x370...0x37D, 0x37F...0x1FFF,
            0x200C...0x200D, 0x2070...0x218F, 0x2C00...0x2FEF, 0x3001...0xD7FF, 0xF900...0xFDCF, 0xFDF0...0xFFFD,
            0x10000...0xEFFFF:
            true
        default: false
        }
    }

    private static func isNameChar(_ c: Unicode.Scalar) -> Bool {
        switch c.value {
        case 0x2D, 0x2E, 0x30...0x39, 0xB7, 0x300...0x36F, 0x203F...0x2040: true
        default: false
        }
    }

    /// `value` made into NCName characters (others become `_`), prefixed so it starts like a name.
    static func ncName(_ value: String, prefix: String) -> String {
        var result = prefix
        for scalar in value.unicodeScalars {
            result.unicodeScalars.append(isNameStart(scalar) || isNameChar(scalar) ? scalar : "_")
        }
        return result
    }
}
