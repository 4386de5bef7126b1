import ArgMarkCore

/// The frame of a letter, such as a public comment on a proposed rule: the letterhead, date, address block and
/// "Re:" line above the salutation, and the signature block below the complimentary close. They are not part of
/// the argument, so they go to the document's metadata instead of becoming headings and sentences. The salutation
/// ("Dear Administrator Regan:") and the close ("Sincerely,") stay in the body, where the guideline makes them
/// background. A report's transmittal letter after its title page and contents (GAO's address block, date,
/// addressee and "Dear Madam Chair:") is a frame too, its salutation included.
struct LetterFrame {
    /// Index of the first line of the frame above the salutation: 0 for a letter that opens the text, the first
    /// line of the address block for a report's transmittal letter after its front matter.
    var start = 0
    /// Whether this is a report's transmittal letter after its front matter, whose salutation is no part of the
    /// report's argument either (a comment's stays in the body, where the guideline makes it background).
    var isTransmittal = false
    /// Index of the salutation line in the document's lines.
    var salutation: Int
    /// Indices of the signature block's lines (after the close, before any notes list).
    var signature: Range<Int>

    /// Only a salutation this near the top opens a letter; the lines above it must all be short.
    static let maximumLinesAbove = 16
    static let maximumFrameLine = 260
    static let maximumSignatureLine = 100
    /// The longest close with its comma and spaces ("Thank you for your consideration," is 33).
    static let longestClose = 40

    private static let salutations = ["dear ", "to the ", "to whom it may concern"]
    private static let closes: Set<String> = [
        "sincerely", "sincerely yours", "yours sincerely", "yours truly", "yours faithfully", "respectfully",
        "respectfully submitted", "respectfully yours", "best regards", "kind regards", "regards", "with regards",
        "best wishes", "warm regards", "cordially", "with appreciation",
    ]
    /// A comment's close as often (Thank you, / Tamika R. / Dayton, Ohio), but only with its comma: "Thank you." is a
    /// sentence, which more may follow.
    private static let closesWithComma: Set<String> = ["thank you", "thanks", "thank you for your consideration", "with thanks"]

    /// How far down a report's transmittal letter may begin (its title page, contents and abbreviations above).
    static let latestSalutation = 300
    /// The most lines an address block above a late salutation has (address, date, addressee and committee).
    static let longestAddressBlock = 14

    /// The letter frame of `lines`, or nil when the text does not open with lines above a salutation and no
    /// transmittal letter follows its front matter.
    static func find(_ scalars: [Unicode.Scalar], _ lines: [Range<Int>]) -> LetterFrame? {
        let limit = min(lines.count, maximumLinesAbove + 1)
        var start = 0
        let salutation: Int
        // A salutation on the first line (To whom it may concern,) opens a letter with no frame above it.
        if let top = (0..<limit).first(where: { isSalutation(scalars.string(lines[$0])) }),
           lines[..<top].allSatisfy({ $0.count <= maximumFrameLine }),
           !lines[..<top].contains(where: { isReportFront(scalars, $0) }) {
            salutation = top
        } else if let late = transmittal(scalars, lines) {
            (start, salutation) = late
            let signature = Self.signature(scalars, lines, after: salutation)
            return LetterFrame(start: start, isTransmittal: true, salutation: salutation, signature: signature)
        } else {
            return signedComment(scalars, lines)
        }
        return LetterFrame(start: start, salutation: salutation, signature: signature(scalars, lines, after: salutation))
    }

    /// The signature block: the name and title lines after the last close (Sincerely,) below the salutation.
    private static func signature(_ scalars: [Unicode.Scalar], _ lines: [Range<Int>], after salutation: Int) -> Range<Int> {
        // Only short lines can be a close, so the letter's paragraphs are never turned into strings.
        guard let close = (salutation + 1..<lines.count).last(where: {
            lines[$0].count <= longestClose && isClose(scalars.string(lines[$0]))
        }) else { return unsignedClose(scalars, lines, after: salutation) }
        var end = close + 1
        while end < lines.count, lines[end].count <= maximumSignatureLine,
              !readsAsProse(scalars, lines[end]), !NotesList.opens(scalars, lines, at: end) {
            end += 1
        }
        return close + 1..<end
    }

    /// The most lines of prose a comment signed without a salutation has above its name.
    static let longestUnaddressedComment = 30

    /// A short comment that neither opens with a salutation nor closes, but ends on its writer's name and place
    /// (I oppose this rule. … Stop wasting our tax dollars. | Bill Hargrove | Rural Route 2, Ogallala NE): every line
    /// above them a sentence's end, as a comment's paragraphs are, and the first a person's name. Its name and place
    /// go to the signature, as a signed letter's do; they had been headings.
    private static func signedComment(_ scalars: [Unicode.Scalar], _ lines: [Range<Int>]) -> LetterFrame? {
        // (Counted only as far as a comment may run: a long text is none, however long.)
        var filled: [Int] = []
        for index in lines.indices where !scalars.trimmed(lines[index]).isEmpty {
            filled.append(index)
            if filled.count > longestUnaddressedComment + 4 { return nil }
        }
        guard filled.count >= 3 else { return nil }
        let signature = unsignedClose(scalars, lines, after: -1)
        // A name and a place or organisation at least: one capitalised line alone may be a slogan (Protect The
        // Boundary Waters).
        guard signature.count >= 2, isPersonsName(scalars.string(scalars.trimmed(lines[signature.lowerBound]))),
              filled.filter({ $0 < signature.lowerBound }).allSatisfy({ index in
                  scalars[scalars.trimmed(lines[index])].last.map(FrameLines.isSentenceFinal) == true
              })
        else { return nil }
        return LetterFrame(start: 0, salutation: 0, signature: signature)
    }

    /// A person's name on its line: two to four capitalised words without digits (Bill Hargrove, Mark T., Jane
    /// Q. Public).
    private static func isPersonsName(_ line: String) -> Bool {
        let words = line.split(separator: " ")
        return (2...4).contains(words.count) && !line.contains(where: \.isNumber) && !line.contains(",")
            && !words.contains { ["The", "And", "Of", "For", "Our", "Your", "Now", "Not", "No"].contains(String($0)) }
            && words.allSatisfy { $0.first?.isUppercase == true && $0.dropFirst().allSatisfy { $0.isLowercase || $0 == "." || $0 == "-" || $0 == "'" } }
    }

    /// A letter that ends without a close (…at least let us pass through the cost. Thank you. | Mark T. | Columbus,
    /// OH): the run of at most four short lines after its last sentence that read as a name, a place or an
    /// affiliation (`isNameLine`), never a sentence of the letter (The rule must go.; Please reconsider).
    private static func unsignedClose(_ scalars: [Unicode.Scalar], _ lines: [Range<Int>], after salutation: Int) -> Range<Int> {
        var start = lines.count
        while start > salutation + 2, lines.count - start < 4, isNameLine(scalars.string(scalars.trimmed(lines[start - 1]))) {
            start -= 1
        }
        guard start < lines.count, let above = scalars[scalars.trimmed(lines[start - 1])].last, FrameLines.isSentenceFinal(above)
        else { return lines.count..<lines.count }
        return start..<lines.count
    }

    /// A signature's line: at most five words, each opening with a capital (or an initial, a postcode, a state's
    /// letters: Mark T., Columbus, OH, Chair, Riverside Tenants' Association), ending on no sentence mark but an
    /// initial's stop.
    static func isNameLine(_ line: String) -> Bool {
        let words = line.split(separator: " ")
        guard !words.isEmpty, words.count <= 6, line.count <= 60 else { return false }
        // Capitalised words, a name's or an organisation's small words after the first (Coalition for Clean Air,
        // Director of Policy), an e-mail address or a bracketed telephone number.
        guard words.enumerated().allSatisfy({ n, word in
            let first = word.unicodeScalars.first!
            return ScalarClass.isUpper(first) || ScalarClass.isDigit(first) || ScalarClass.isCJK(first) || "&(+".unicodeScalars.contains(first)
                || word.contains("@") || (n > 0 && Self.smallWords.contains(String(word)))
        }) else { return false }
        guard let last = line.unicodeScalars.last else { return false }
        if last == "." {
            // Mark T. / Jane D. (an initial), Jane Doe, Ph.D. / Washington, D.C. (an abbreviation with inner stops).
            let scalars = Array(line.unicodeScalars)
            let lastWord = words.last!.dropLast()
            return (scalars.count >= 3 && ScalarClass.isUpper(scalars[scalars.count - 2]) && scalars[scalars.count - 3] == " ")
                || lastWord.contains(".") || ["Jr", "Sr", "Inc", "Esq"].contains(String(lastWord))
        }
        return !FrameLines.isSentenceFinal(last) && last != ":" && last != ";"
    }

    private static let smallWords: Set<String> = ["of", "for", "and", "the", "on", "in", "at", "de", "van", "von", "du", "la"]

    /// A line of a report's front matter rather than a letterhead: a contents or glossary heading, a rights notice.
    /// Above such a line a short letter is a report's transmittal letter, whose frame starts below it.
    private static func isReportFront(_ scalars: [Unicode.Scalar], _ line: Range<Int>) -> Bool {
        let text = scalars.trimmed(line)
        guard !text.isEmpty else { return false }
        // Each check turns a line into a string only when it can open as what it looks for.
        return TableOfContents.isHeading(scalars, text) || Glossary.isHeading(scalars, text)
            || (FrameLines.mayBeRightsNotice(scalars, text) && FrameLines.isRightsNotice(scalars.string(text)))
    }

    /// A report's transmittal letter after its front matter (a GAO report: 441 G St. N.W. / Washington, DC 20548 /
    /// May 1, 2024 / The Honorable … / Dear Madam Chair:): a salutation below a line of the report's front matter
    /// (`isReportFront`), with at least three short lines right above it, one of them with a figure (a date, a
    /// postcode), none of them prose, a contents entry or an abbreviation's entry. Returns the address block's first
    /// line and the salutation.
    private static func transmittal(_ scalars: [Unicode.Scalar], _ lines: [Range<Int>]) -> (start: Int, salutation: Int)? {
        let limit = min(lines.count, latestSalutation)
        guard let front = (0..<limit).first(where: { isReportFront(scalars, lines[$0]) }) else { return nil }
        // Only a short line opening with D or T can be a salutation, so most lines are never turned into strings.
        guard let salutation = (front + 1..<max(front + 1, limit)).first(where: { index in
            let line = scalars.trimmed(lines[index])
            return !line.isEmpty && line.count <= 80 && "DdTt".unicodeScalars.contains(scalars[line.lowerBound])
                && isSalutation(scalars.string(line))
        }) else { return nil }
        var start = salutation
        var block = 0
        var hasFigure = false
        var k = salutation - 1
        while k > front, block < longestAddressBlock {
            let line = scalars.trimmed(lines[k])
            if !line.isEmpty {
                guard line.count <= 80, !readsAsProse(scalars, line), !isReportFront(scalars, line),
                      TableOfContents.pageNumberStart(scalars, line) == nil, !Glossary.isEntry(scalars, line) || hasColon(scalars, line)
                else { break }
                block += 1
                hasFigure = hasFigure || scalars[line].contains(where: { ScalarClass.isDigit($0) })
                start = k
            }
            k -= 1
        }
        return block >= 3 && hasFigure ? (start, salutation) : nil
    }

    /// Whether a line has a colon (Washington, DC 20548 has none; an address line may, Attn: …), which a glossary's
    /// colon entry has too: only a spaced abbreviation entry stops the address block.
    private static func hasColon(_ scalars: [Unicode.Scalar], _ line: Range<Int>) -> Bool {
        scalars[line].contains(":") || scalars[line].contains("：")
    }

    /// Puts the frame's lines into `metadata`: a first line that reads as a title ("Comment on Proposed Rule: …",
    /// not an organisation's name in capitals) as the title, the "Re:" / "Subject:" line as `subject`, the other
    /// lines above the salutation as `letterhead` and the signature block as `signature` (lines joined with "; ").
    func record(_ scalars: [Unicode.Scalar], _ lines: [Range<Int>], into metadata: inout DocumentMetadata) {
        var letterhead: [String] = []
        for (index, line) in lines[start..<salutation].enumerated() where !scalars.trimmed(line).isEmpty {
            let text = scalars.string(line)
            if start == 0, index == 0, Self.isTitle(text) {
                metadata.titles[LanguageDetector.detect(scalars, line).rawValue] = text
            } else if let subject = Self.subject(text) {
                metadata.fields["subject"] = subject
            } else {
                letterhead.append(text)
            }
        }
        if !letterhead.isEmpty { metadata.fields["letterhead"] = letterhead.joined(separator: "; ") }
        if isTransmittal { metadata.fields["salutation"] = scalars.string(scalars.trimmed(lines[salutation])) }
        if !signature.isEmpty {
            metadata.fields["signature"] = lines[signature].map { scalars.string($0) }.joined(separator: "; ")
        }
    }

    /// Whether line `index` belongs to the frame rather than the body.
    func isFrame(_ index: Int) -> Bool {
        (start..<salutation).contains(index) || (isTransmittal && index == salutation) || signature.contains(index)
    }

    static func isSalutation(_ text: String) -> Bool {
        let lower = text.lowercased()
        guard text.count <= 80, salutations.contains(where: { lower.hasPrefix($0) }) else { return false }
        return lower.hasSuffix(":") || lower.hasSuffix(",") || lower == "to whom it may concern"
    }

    static func isClose(_ text: String) -> Bool {
        var lower = text.lowercased()
        while let last = lower.last, last == " " { lower.removeLast() }
        let comma = lower.hasSuffix(",")
        while let last = lower.last, last == "," || last == "." || last == " " { lower.removeLast() }
        return closes.contains(lower) || (comma && closesWithComma.contains(lower))
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
