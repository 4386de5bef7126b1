import ArgMarkCore

/// Back matter that is no part of the argument: acknowledgements (致谢), a disclaimer, author information, declarations
/// of interest, data availability, notes on contributors — CRS reports and journal articles end with them. Such a
/// heading before a colon takes the rest of its line (Disclaimer: The views …); alone on its line it takes what
/// follows into `metadata.fields` under its key: short lines (names, job titles, addresses) and then one paragraph of
/// text, unless a notes or references heading or a numbered heading comes first — so that a text with no headings
/// after its acknowledgements keeps its body.
struct BackMatter {
    /// The collected blocks by field key, in the order met.
    private(set) var fields: [(key: String, value: String)] = []
    /// The key of the block being read.
    private var open: String?
    /// Whether the open block has taken its paragraph of text.
    private var tookParagraph = false

    static let headings: [String: String] = [
        "acknowledgements": "acknowledgements", "acknowledgments": "acknowledgements",
        "acknowledgement": "acknowledgements", "acknowledgment": "acknowledgements", "致谢": "acknowledgements",
        "鸣谢": "acknowledgements",
        "disclaimer": "disclaimer",
        "authorinformation": "authorInformation", "authorcontactinformation": "authorInformation",
        "abouttheauthor": "authorInformation", "abouttheauthors": "authorInformation",
        "notesoncontributors": "authorInformation", "authorbiography": "authorInformation",
        "authorbiographies": "authorInformation", "biographicalnote": "authorInformation",
        "declarationofcompetinginterest": "competingInterests", "declarationofcompetinginterests": "competingInterests",
        "competinginterests": "competingInterests", "declarationofinterest": "competingInterests",
        "declarationofinterests": "competingInterests", "disclosurestatement": "competingInterests",
        "dataavailability": "dataAvailability", "dataavailabilitystatement": "dataAvailability",
        // A thesis's end: the candidate's publications, résumé and declarations.
        "攻读学位期间发表的论文": "publications", "攻读学位期间发表的学术论文": "publications",
        "攻读硕士学位期间发表的论文": "publications", "攻读博士学位期间发表的论文": "publications",
        "攻读硕士学位期间发表的学术论文": "publications", "攻读博士学位期间发表的学术论文": "publications",
        "攻读硕士学位期间取得的研究成果": "publications", "攻读博士学位期间取得的研究成果": "publications",
        "攻读学位期间取得的研究成果": "publications", "攻读博士学位期间取得的科研成果": "publications",
        "在学期间发表的论文": "publications", "在学期间发表的学术论文": "publications", "在读期间发表的论文": "publications",
        "在学期间取得的学术成果": "publications", "listofpublications": "publications",
        "作者简历": "authorInfo", "个人简历": "authorInfo", "作者简介": "authorInfo",
        "通讯作者": "correspondingAuthor", "通信作者": "correspondingAuthor", "correspondingauthor": "correspondingAuthor",
        "独创性声明": "declaration", "原创性声明": "declaration", "学位论文原创性声明": "declaration",
        "学位论文独创性声明": "declaration", "学位论文版权使用授权书": "declaration", "学位论文使用授权声明": "declaration",
        "关于学位论文使用授权的说明": "declaration",
    ]

    /// Blocks that are lists: every line is theirs ([1] 陈某某. 数字政府回应性的测量[J]. …) up to the next heading.
    static let listKeys: Set<String> = ["publications"]

    /// The field key of a back-matter heading at the start of `line`, and where the text after it starts (the
    /// line's end when the heading stands alone).
    static func heading(_ s: [Unicode.Scalar], _ line: Range<Int>) -> (key: String, textStart: Int)? {
        // *通讯作者：… marks its author as the byline's star does.
        var line = line
        if line.count > 1, s[line.lowerBound] == "*" || s[line.lowerBound] == "＊" { line = (line.lowerBound + 1)..<line.upperBound }
        guard !line.isEmpty, ScalarClass.isUpper(s[line.lowerBound]) || ScalarClass.isHan(s[line.lowerBound]) else { return nil }
        var end = min(line.upperBound, line.lowerBound + 40)
        if let colon = (line.lowerBound..<end).first(where: { s[$0] == ":" || s[$0] == "：" }) { end = colon }
        else if line.count > 40 { return nil }
        // Keyed as notes headings are (words run together in lower case), without a closing full stop.
        let words = NotesHeading.key(s.string(line.lowerBound..<end)).replacingOccurrences(of: ".", with: "")
        guard let key = headings[words] else { return nil }
        var textStart = end
        if textStart < line.upperBound { textStart += 1 }
        return (key, s.trimmed(textStart..<line.upperBound).lowerBound)
    }

    /// Takes line `index` if it opens or carries on a back-matter block; a line that ends the block (`endsBlock`: a
    /// notes heading; a numbered heading; a heading-like line with a paragraph right after it; anything after the
    /// block's paragraph) is left to the body.
    mutating func take(
        _ s: [Unicode.Scalar], _ lines: [Range<Int>], at index: Int, endsBlock: @autoclosure () -> Bool
    ) -> Bool {
        let line = s.trimmed(lines[index])
        guard !line.isEmpty else { return open != nil }
        if let (key, textStart) = Self.heading(s, line) {
            open = textStart < line.upperBound ? nil : key
            tookParagraph = false
            if textStart < line.upperBound { add(key, s.string(textStart..<line.upperBound), joined: false) }
            return true
        }
        guard let key = open else { return false }
        if Self.listKeys.contains(key) {
            // A list runs to the next heading that is neither one of its entries nor a numbered part of it
            // (一、发表的学术论文 / 二、参与的科研项目).
            if endsBlock() || (NotesList.marker(s, line) == nil && HeadingDetector.level(s, line) != nil
                && HeadingDetector.numberedLevel(s, line, latin: false) == nil && HeadingDetector.numberedLevel(s, line, latin: true) == nil) {
                open = nil
                return false
            }
            add(key, s.string(line), joined: false)
            return true
        }
        let short = Self.isShortLine(s, line)
        // A heading-like line with a paragraph right after it opens the next section (Executive Summary after the
        // authors' names and titles).
        if endsBlock() || tookParagraph || HeadingDetector.numberedLevel(s, line, latin: true) != nil
            || HeadingDetector.numberedLevel(s, line, latin: false) != nil
            || (short && index + 1 < lines.count && !Self.isShortLine(s, s.trimmed(lines[index + 1]))
                && Self.heading(s, s.trimmed(lines[index + 1])) == nil && !s.trimmed(lines[index + 1]).isEmpty
                && HeadingDetector.level(s, line) != nil && !line.contains { s[$0] == "@" }) {
            open = nil
            return false
        }
        if !short { tookParagraph = true }
        add(key, s.string(line), joined: true)
        return true
    }

    /// A short line of the block: a heading-like line (a name, a job title) or an address line (jroe@crs.loc.gov,
    /// 7-5678), rather than its paragraph of text.
    private static func isShortLine(_ s: [Unicode.Scalar], _ line: Range<Int>) -> Bool {
        !line.isEmpty && (HeadingDetector.level(s, line) != nil || (line.count <= 80 && line.contains { s[$0] == "@" }))
    }

    /// Adds `text` to the block `key`: to its last entry when `joined` and the block is the last one read, else as
    /// an entry of its own.
    private mutating func add(_ key: String, _ text: String, joined: Bool) {
        if joined, let last = fields.last, last.key == key, let end = last.value.unicodeScalars.last,
           let start = text.unicodeScalars.first {
            // Lines of Chinese run on without a space; anything else takes one.
            let tight = ScalarClass.isCJK(end) && ScalarClass.isCJK(start)
            fields[fields.count - 1].value += (tight ? "" : " ") + text
        } else {
            fields.append((key, text))
        }
    }

    /// Records the blocks in `metadata.fields` (a key met twice keeps both texts, joined by "; ").
    func record(into metadata: inout DocumentMetadata) {
        for (key, value) in fields {
            metadata.fields[key] = metadata.fields[key].map { $0 + "; " + value } ?? value
        }
    }
}
