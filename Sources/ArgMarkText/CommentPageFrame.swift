import ArgMarkCore

/// A public comment copied from its page on regulations.gov, as researchers collect comments on a rule: above the
/// text who submitted it and when the agency posted it (Comment Submitted by Jane Doe | Posted by the Consumer
/// Financial Protection Bureau on Mar 4, 2024), its document id (Document ID | CFPB-2024-0002-0153) and the label
/// Comment; below it the attachments (Attachments (1) | Doe_comment_overdraft | View Attachment:) and the submitter's
/// details (Name: | Jane Doe | City: | Columbus | State: | OH). Read as text they were a dozen headings and a sentence
/// around the comment; the frame's lines leave the text and what they say goes to the metadata.
struct CommentPageFrame: PageFrameLines {
    /// Indices (into the lines searched) of the frame's lines, and where its tail begins.
    var frameLines: Set<Int> = []
    var tailStart: Int?
    var authors: [String] = []
    var fields: [(key: String, value: String)] = []

    /// The frame of `lines`, when one of the first four is the agency's "Posted by … on …" line, with the submitter
    /// above it or the document's id below.
    static func find(_ scalars: [Unicode.Scalar], _ lines: [Range<Int>]) -> CommentPageFrame? {
        let text = LineTexts(scalars: scalars, lines: lines)
        let head = Array(text.indices.lazy.filter { !text.isEmpty($0) }.prefix(4))
        guard let posted = head.first(where: { postedLine(text[$0]) != nil }), let (agency, date) = postedLine(text[posted]) else { return nil }
        var frame = CommentPageFrame()
        frame.frameLines.insert(posted)
        frame.fields += [("agency", agency), ("date", date)]
        if let submitted = head.first(where: { $0 < posted && submitter(text[$0]) != nil }), let name = submitter(text[submitted]) {
            frame.frameLines.insert(submitted)
            if name.lowercased() != "anonymous" { frame.authors = [name] }
        }
        // The labelled lines under it, each value on its own line or after the label, up to the label Comment.
        var k = posted + 1
        while k < text.count, k < posted + 12 {
            let line = text[k]
            if text.isEmpty(k) {
                k += 1
                continue
            }
            if line == "Comment" {
                frame.frameLines.insert(k)
                break
            }
            guard let (key, inline) = labelled(line, headLabels) else { break }
            frame.frameLines.insert(k)
            if let inline {
                frame.fields.append((key, inline))
            } else if let value = (k + 1..<min(text.count, k + 3)).first(where: { !text.isEmpty($0) }) {
                frame.frameLines.insert(value)
                frame.fields.append((key, text[value]))
                k = value
            }
            k += 1
        }
        // (A blog's "Posted by Jane on March 4, 2024", or with a comment's number under it, is no comment's page: the
        // submitter's line or a docket's document id, CFPB-2024-0002-0153, says it is.)
        guard !frame.authors.isEmpty || frame.frameLines.contains(where: { $0 < posted })
                || frame.fields.contains(where: { $0.key == "documentId" && $0.value.firstMatch(of: /^[A-Z][A-Z0-9]*-\d{4}-\d{4}-\d{4}$/) != nil })
        else { return nil }
        frame.readTail(text)
        return frame
    }

    /// Posted by the Consumer Financial Protection Bureau on Mar 4, 2024 → (the agency, the date).
    static func postedLine(_ line: String) -> (agency: String, date: String)? {
        guard line.hasPrefix("Posted by "), line.count <= 160,
              let match = line.firstMatch(of: /^Posted by (?:the )?(.+?) on ([A-Z][a-z]{2,8}\.? \d{1,2}, \d{4})$/) else { return nil }
        return (String(match.1), String(match.2))
    }

    /// Comment Submitted by Jane Doe, Comment from Third Coast Bank → the name.
    static func submitter(_ line: String) -> String? {
        guard line.hasPrefix("Comment "), line.count <= 120, let match = line.firstMatch(of: /^Comment (?:Submitted by|from) (.+)$/) else { return nil }
        return String(match.1).trimmingCharacters(in: .whitespaces)
    }

    static let headLabels: [String: String] = [
        "Document ID": "documentId", "Docket ID": "docketId", "Tracking Number": "trackingNumber", "Comment ID": "documentId",
        "Received Date": "received", "Posted Date": "posted",
    ]

    static let tailLabels: [String: String] = [
        "Name": "submitterName", "First Name": "firstName", "Last Name": "lastName", "City": "city", "State": "state",
        "Country": "country", "Organization Name": "organization", "Organization": "organization", "Category": "category",
        "Government Agency": "governmentAgency", "Government Agency Type": "governmentAgencyType", "Submitter's Representative": "representative",
        "Email": "email", "Phone": "phone", "Zip": "zip", "ZIP/Postal Code": "zip", "State or Province": "state",
    ]

    /// `Label:` with its value after it, or `Label` / `Label:` alone (its value on the next line): the field and the
    /// inline value.
    static func labelled(_ line: String, _ labels: [String: String]) -> (key: String, inline: String?)? {
        let parts = line.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
        guard let first = parts.first, let key = labels[first] else { return nil }
        let value = parts.count > 1 && !parts[1].isEmpty ? parts[1] : nil
        return (key, value)
    }

    /// The page's tail: Attachments (N) and the files' names and links, then the submitter's labelled details.
    private mutating func readTail(_ text: LineTexts) {
        let window = max(0, text.count - 40)..<text.count
        // (The attachments' line, else the submitter's details: a letter's own Name: / Title: block above them is the
        // letter's.)
        guard let start = window.first(where: { text[$0].firstMatch(of: /^Attachments? \(\d+\)$/) != nil || text[$0] == "Submitter Info" })
                ?? window.last(where: { k in Self.labelled(text[k], Self.tailLabels).map { $0.key == "submitterName" || $0.key == "firstName" } == true })
        else { return }
        // Every line from there is the tail's: attachment names and links, and labels with their values.
        var k = start
        var pendingKey: String?
        var attachments: [String] = []
        var inAttachments = false
        var found: [(key: String, value: String)] = []
        while k < text.count {
            let line = text[k]
            if text.isEmpty(k) {
            } else if line.firstMatch(of: /^Attachments? \(\d+\)$/) != nil {
                inAttachments = true
            } else if line.hasPrefix("View Attachment") || line == "Submitter Info" || line.hasPrefix("Download") {
            } else if let (key, inline) = Self.labelled(line, Self.tailLabels) {
                inAttachments = false
                if let inline { found.append((key, inline)) } else { pendingKey = key }
            } else if let key = pendingKey {
                found.append((key, line))
                pendingKey = nil
            } else if inAttachments, line.count <= 120, !line.contains(". ") {
                attachments.append(line)
            } else {
                // Text after the tail began: no tail.
                return
            }
            k += 1
        }
        // (The site's details are short: a name, a city, a state. A comment's own "Name: the pollutants you will
        // monitor" is its text.)
        guard found.allSatisfy({ $0.value.count <= 40 && $0.value.split(separator: " ").count <= 4 }) else { return }
        tailStart = start
        fields += found
        if !attachments.isEmpty { fields.append(("attachments", attachments.joined(separator: "; "))) }
    }

    func record(into metadata: inout DocumentMetadata) {
        if metadata.authors.isEmpty { metadata.authors = authors }
        for (key, value) in fields where metadata.fields[key] == nil { metadata.fields[key] = value }
    }
}
