import ArgMarkCore

/// The head of a witness's written testimony: Testimony of Dr. Elena Marquez / Director, Center for … / Before the
/// Subcommittee on … / Committee on … / U.S. House of Representatives / Hearing on "…" / March 5, 2025. Read as
/// text, each line became a heading that opened a section of its own. The lines go to the document's metadata: the
/// first as the title, the witness's name as the author, the hearing, the committee and the date as fields, the
/// rest as the byline.
struct TestimonyHeader {
    /// Indices of the head's lines.
    var lines: Range<Int>

    private static let openings = ["testimony of ", "statement of ", "prepared statement of ", "written testimony of ", "prepared testimony of ",
                                   "written statement of ", "testimony before ", "statement before "]
    /// The most lines a head has.
    private static let longestHead = 12

    /// The head of `lines`: a first line opening as testimony does, and under it short lines without a sentence's
    /// end, one of them naming the committee or the hearing (a Statement of Work names neither).
    static func find(_ scalars: [Unicode.Scalar], _ lines: [Range<Int>]) -> TestimonyHeader? {
        guard let first = lines.indices.first(where: { !scalars.trimmed(lines[$0]).isEmpty }), first < 3,
              lines[first].count <= 200 else { return nil }
        let opening = scalars.string(scalars.trimmed(lines[first])).lowercased()
        guard openings.contains(where: opening.hasPrefix) else { return nil }
        var end = first + 1
        var namesVenue = opening.contains(" before ")
        while end < lines.count, end - first < longestHead {
            let line = scalars.trimmed(lines[end])
            if line.isEmpty { end += 1; continue }
            guard line.count <= 160, !FrameLines.isSentenceFinal(scalars[line.upperBound - 1]) || MediaFrame.isDateLine(scalars.string(line)) else { break }
            let text = scalars.string(line).lowercased()
            if ["before the ", "committee", "subcommittee", "hearing", "house of representatives", "united states senate", "u.s. senate"]
                .contains(where: text.contains) { namesVenue = true }
            end += 1
        }
        guard namesVenue, end > first + 1 else { return nil }
        while end > first + 1, scalars.trimmed(lines[end - 1]).isEmpty { end -= 1 }
        return TestimonyHeader(lines: first..<end)
    }



    func record(_ scalars: [Unicode.Scalar], _ all: [Range<Int>], into metadata: inout DocumentMetadata) {
        let texts = all[lines].map { scalars.string(scalars.trimmed($0)) }.filter { !$0.isEmpty }
        guard let title = texts.first else { return }
        if metadata.titles.isEmpty { metadata.titles["en"] = title }
        // The witness: the name after "of", without its honorific and the office after a comma.
        if let of = title.range(of: " of ", options: .caseInsensitive) {
            var name = String(title[of.upperBound...])
            if let comma = name.firstIndex(of: ",") { name = String(name[..<comma]) }
            if let before = name.range(of: " before ", options: .caseInsensitive) { name = String(name[..<before.lowerBound]) }
            for honorific in ["Dr. ", "Mr. ", "Ms. ", "Mrs. ", "Prof. ", "Professor ", "The Honorable ", "Hon. "] where name.hasPrefix(honorific) {
                name = String(name.dropFirst(honorific.count))
            }
            if !name.isEmpty, name.split(separator: " ").count <= 5, metadata.authors.isEmpty { metadata.authors = [name] }
        }
        var byline: [String] = []
        for text in texts.dropFirst() {
            let lower = text.lowercased()
            if MediaFrame.isDateLine(text) {
                metadata.fields["date"] = text
            } else if lower.hasPrefix("hearing") || lower.hasPrefix("on ") && text.contains("\"") {
                metadata.fields["hearing"] = text
            } else if lower.hasPrefix("before the ") || lower.contains("committee") || lower.contains("house of representatives")
                        || lower.contains("senate") {
                metadata.fields["committee", default: ""] += (metadata.fields["committee"] == nil ? "" : "; ") + text
            } else {
                byline.append(text)
            }
        }
        if !byline.isEmpty { metadata.fields["byline"] = byline.joined(separator: "; ") }
    }
}
