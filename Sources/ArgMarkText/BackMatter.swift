import ArgMarkCore

/// Back matter that is no part of the argument: acknowledgements (致谢), a disclaimer, author information, declarations
/// of interest, data availability, notes on contributors — CRS reports and journal articles end with them. A heading
/// of one of these (alone on its line, or before a colon and the text) opens a block whose lines go to
/// `metadata.fields` under the block's key, up to the next such heading, a notes or references heading, a numbered
/// heading, or a heading-like line with body text after it (the body going on: Acknowledgements at a paper's start).
struct BackMatter {
    /// The collected blocks by field key, in the order met.
    private(set) var fields: [(key: String, value: String)] = []
    /// The key of the block being read.
    private var open: String?

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
    ]

    /// The field key of a back-matter heading at the start of `line`, and where the text after it starts (the
    /// line's end when the heading stands alone).
    static func heading(_ s: [Unicode.Scalar], _ line: Range<Int>) -> (key: String, textStart: Int)? {
        guard !line.isEmpty, ScalarClass.isUpper(s[line.lowerBound]) || ScalarClass.isHan(s[line.lowerBound]) else { return nil }
        var end = min(line.upperBound, line.lowerBound + 40)
        if let colon = (line.lowerBound..<end).first(where: { s[$0] == ":" || s[$0] == "：" }) { end = colon }
        else if line.count > 40 { return nil }
        let words = s[line.lowerBound..<end].filter { !ScalarClass.isSpace($0) && $0 != "." }
        guard let key = headings[String(String.UnicodeScalarView(words)).lowercased()] else { return nil }
        var textStart = end
        if textStart < line.upperBound { textStart += 1 }
        return (key, s.trimmed(textStart..<line.upperBound).lowerBound)
    }

    /// Takes line `index` if it opens or carries on a back-matter block; a line that ends the block (`endsBlock`: a
    /// notes heading; a numbered heading; a heading-like line before body text) is left to the body.
    mutating func take(
        _ s: [Unicode.Scalar], _ lines: [Range<Int>], at index: Int, endsBlock: @autoclosure () -> Bool
    ) -> Bool {
        let line = s.trimmed(lines[index])
        guard !line.isEmpty else { return open != nil }
        if let (key, textStart) = Self.heading(s, line) {
            open = key
            append(s, textStart..<line.upperBound)
            return true
        }
        guard open != nil else { return false }
        if endsBlock() || HeadingDetector.numberedLevel(s, line, latin: true) != nil
            || HeadingDetector.numberedLevel(s, line, latin: false) != nil
            || (HeadingDetector.level(s, line) != nil && Self.bodyTextFollows(s, lines, after: index)) {
            open = nil
            return false
        }
        append(s, line)
        return true
    }

    /// Whether the next non-blank line after `index` reads as body text (not heading-like): a name and a job title
    /// under Author Information are both heading-like; a section heading has its paragraph after it.
    private static func bodyTextFollows(_ s: [Unicode.Scalar], _ lines: [Range<Int>], after index: Int) -> Bool {
        for next in lines[(index + 1)...] {
            let range = s.trimmed(next)
            if range.isEmpty { continue }
            return HeadingDetector.level(s, range) == nil && heading(s, range) == nil
        }
        return false
    }

    private mutating func append(_ s: [Unicode.Scalar], _ range: Range<Int>) {
        guard let key = open, !range.isEmpty else { return }
        let text = s.string(range)
        if let k = fields.lastIndex(where: { $0.key == key }), k == fields.count - 1 {
            // Lines of Chinese run on without a space; anything else takes one.
            let joined = ScalarClass.isCJK(fields[k].value.unicodeScalars.last!) && ScalarClass.isCJK(s[range.lowerBound])
            fields[k].value += (joined ? "" : " ") + text
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
