/// Bibliographic and front-matter facts about a document. Keys of the dictionaries are language tags
/// (`zh`, `en`) or field names; every format writes them sorted, so output is deterministic.
public struct DocumentMetadata: Sendable, Hashable {
    /// Title per language.
    public var titles: [String: String]
    /// Author names in the order given (any language).
    public var authors: [String]
    public var doi: String?
    /// Keywords per language.
    public var keywords: [String: [String]]
    /// Abstract per language.
    public var abstracts: [String: String]
    /// Classification codes by scheme: `clc` (中图分类号), `documentCode` (文献标识码), …
    public var classification: [String: String]
    /// Anything else the front matter gives (`authorInfo`, `funding`, `editor`, `artEditor`, `byline`, …).
    public var fields: [String: String]

    public init(
        titles: [String: String] = [:], authors: [String] = [], doi: String? = nil,
        keywords: [String: [String]] = [:], abstracts: [String: String] = [:],
        classification: [String: String] = [:], fields: [String: String] = [:]
    ) {
        self.titles = titles
        self.authors = authors
        self.doi = doi
        self.keywords = keywords
        self.abstracts = abstracts
        self.classification = classification
        self.fields = fields
    }

    /// The field that says a sentence table's numeric ids (1, 2, …) were given this prefix (its value, `s`) to
    /// become unit ids, which become `xml:id`s in TEI and cannot start with a digit; the label table gives them
    /// back as the table had them.
    public static let tableIDPrefixField = "tableIDPrefix"

    /// The field naming the format a document's text was laid out from (`html`, `docx`, `odt`): its offsets count in
    /// that laid-out text, not in the file's characters.
    public static let sourceFormatField = "sourceFormat"

    /// The key a title, abstract or keyword list is filed under: zh when the text has Han characters, else en (the
    /// two languages ArgMark labels).
    public static func languageKey(of text: String) -> String {
        text.unicodeScalars.contains(where: \.isHanIdeograph) ? "zh" : "en"
    }

    /// Files `title` under its language, unless the document has it, or a title in that language, already: what a
    /// file's head or properties say gives way to what its text said.
    public mutating func offerTitle(_ title: String) {
        let key = Self.languageKey(of: title)
        if !titles.values.contains(title), titles[key] == nil { titles[key] = title }
    }

    /// Files `abstract` under its language unless one is there already.
    public mutating func offerAbstract(_ abstract: String) {
        let key = Self.languageKey(of: abstract)
        if abstracts[key] == nil { abstracts[key] = abstract }
    }

    /// Files `words` under their language unless keywords are there already.
    public mutating func offerKeywords(_ words: [String]) {
        let key = Self.languageKey(of: words.joined())
        if !words.isEmpty, keywords[key] == nil { keywords[key] = words }
    }

    public var isEmpty: Bool {
        titles.isEmpty && authors.isEmpty && doi == nil && keywords.isEmpty && abstracts.isEmpty
            && classification.isEmpty && fields.isEmpty
    }
}

extension Document {
    /// The id the unit `unitID` has in the sentence table the document was read from: a table numbered 1, 2, … was
    /// read as s1, s2, … (``DocumentMetadata/tableIDPrefixField``), and the tables written for it (the label table,
    /// the CSV) give the numbers back, so that their rows join the corpus's own row for row. Other ids are as they are.
    public func tableID(_ unitID: String) -> String {
        guard let prefix = metadata.fields[DocumentMetadata.tableIDPrefixField], unitID.hasPrefix(prefix),
              unitID.count > prefix.count, unitID.dropFirst(prefix.count).allSatisfy({ $0.isASCII && $0.isNumber })
        else { return unitID }
        return String(unitID.dropFirst(prefix.count))
    }

    /// The unit a table's own id stands for: the inverse of ``tableID(_:)``.
    public func unitID(forTableID id: String) -> String {
        guard let prefix = metadata.fields[DocumentMetadata.tableIDPrefixField], !id.isEmpty,
              id.allSatisfy({ $0.isASCII && $0.isNumber })
        else { return id }
        return prefix + id
    }
}
