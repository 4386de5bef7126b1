import ArgMarkCore

/// The frame of a letter, such as a public comment on a proposed rule: the letterhead, date, address block and
/// "Re:" line above the salutation, and the signature block below the complimentary close. They are not part of
/// the argument, so they go to the document's metadata instead of becoming headings and sentences. The salutation
/// ("Dear Administrator Regan:") and the close ("Sincerely,") stay in the body, where the guideline makes them
/// background.
struct LetterFrame {
    /// Index of the salutation line in the document's lines.
    var salutation: Int
    /// Indices of the signature block's lines (after the close, before any notes list).
    var signature: Range<Int>

    /// Only a salutation this near the top opens a letter; the lines above it must all be short.
    static let maximumLinesAbove = 16
    static let maximumFrameLine = 260
    static let maximumSignatureLine = 100
    /// The longest close with its comma and spaces ("Respectfully submitted," is 23).
    static let longestClose = 32

    private static let salutations = ["dear ", "to the ", "to whom it may concern"]
    private static let closes: Set<String> = [
        "sincerely", "sincerely yours", "yours sincerely", "yours truly", "yours faithfully", "respectfully",
        "respectfully submitted", "respectfully yours", "best regards", "kind regards", "regards", "with regards",
    ]

    /// The letter frame of `lines`, or nil when the text does not open with lines above a salutation.
    static func find(_ scalars: [Unicode.Scalar], _ lines: [Range<Int>]) -> LetterFrame? {
        let limit = min(lines.count, maximumLinesAbove + 1)
        guard let salutation = (0..<limit).first(where: { isSalutation(scalars.string(lines[$0])) }),
              salutation > 0,
              lines[..<salutation].allSatisfy({ $0.count <= maximumFrameLine })
        else { return nil }
        var signature = lines.count..<lines.count
        // Only short lines can be a close, so the letter's paragraphs are never turned into strings.
        if let close = (salutation + 1..<lines.count).last(where: {
            lines[$0].count <= longestClose && isClose(scalars.string(lines[$0]))
        }) {
            var end = close + 1
            while end < lines.count, lines[end].count <= maximumSignatureLine,
                  !readsAsProse(scalars, lines[end]), !NotesList.opens(scalars, lines, at: end) {
                end += 1
            }
            signature = close + 1..<end
        }
        return LetterFrame(salutation: salutation, signature: signature)
    }

    /// Puts the frame's lines into `metadata`: a first line that reads as a title ("Comment on Proposed Rule: …",
    /// not an organisation's name in capitals) as the title, the "Re:" / "Subject:" line as `subject`, the other
    /// lines above the salutation as `letterhead` and the signature block as `signature` (lines joined with "; ").
    func record(_ scalars: [Unicode.Scalar], _ lines: [Range<Int>], into metadata: inout DocumentMetadata) {
        var letterhead: [String] = []
        for (index, line) in lines[..<salutation].enumerated() {
            let text = scalars.string(line)
            if index == 0, Self.isTitle(text) {
                metadata.titles[LanguageDetector.detect(scalars, line).rawValue] = text
            } else if let subject = Self.subject(text) {
                metadata.fields["subject"] = subject
            } else {
                letterhead.append(text)
            }
        }
        if !letterhead.isEmpty { metadata.fields["letterhead"] = letterhead.joined(separator: "; ") }
        if !signature.isEmpty {
            metadata.fields["signature"] = lines[signature].map { scalars.string($0) }.joined(separator: "; ")
        }
    }

    /// Whether line `index` belongs to the frame rather than the body.
    func isFrame(_ index: Int) -> Bool { index < salutation || signature.contains(index) }

    static func isSalutation(_ text: String) -> Bool {
        let lower = text.lowercased()
        guard text.count <= 80, salutations.contains(where: { lower.hasPrefix($0) }) else { return false }
        return lower.hasSuffix(":") || lower.hasSuffix(",") || lower == "to whom it may concern"
    }

    static func isClose(_ text: String) -> Bool {
        var lower = text.lowercased()
        while let last = lower.last, last == "," || last == "." || last == " " { lower.removeLast() }
        return closes.contains(lower)
    }

    /// A title has lower-case letters (a letterhead's organisation is often in capitals), several words and no
    /// sentence-final stop.
    static func isTitle(_ text: String) -> Bool {
        text.contains(where: \.isLowercase) && text.split(separator: " ").count >= 4
            && !(text.hasSuffix(".") || text.hasSuffix(",") || text.hasSuffix(":"))
    }

    /// The text of a "Re:" / "RE:" / "Subject:" line after its label.
    static func subject(_ text: String) -> String? {
        let lower = text.lowercased()
        for label in ["re:", "subject:"] where lower.hasPrefix(label) {
            return String(text.dropFirst(label.count).drop(while: { $0 == " " }))
        }
        return nil
    }

    /// A signature line is a name, a title or an organisation, which may end in an abbreviation ("Ph.D.", "Inc.");
    /// a line that ends a sentence of several words is body text again.
    private static func readsAsProse(_ scalars: [Unicode.Scalar], _ line: Range<Int>) -> Bool {
        guard let last = scalars[line].last, FrameLines.isSentenceFinal(last) else { return false }
        return last != "." || scalars[line].count { $0 == " " } >= 6
    }
}
