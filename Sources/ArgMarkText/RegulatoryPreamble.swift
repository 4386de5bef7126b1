import Foundation
import ArgMarkCore

/// The preamble of a US Federal Register document (a proposed or final rule, a notice): the agency's header lines
/// (department, agency, CFR parts, docket and RIN numbers, the title) and the captioned fields AGENCY:, ACTION:,
/// SUMMARY:, DATES:, ADDRESSES:, FOR FURTHER INFORMATION CONTACT:, up to SUPPLEMENTARY INFORMATION:, where the
/// document's own text begins. Read as text, the header lines became headings of empty sections, the title ran
/// into the AGENCY: line and the addresses and telephone numbers were labelled as sentences. They go to the
/// document's metadata instead: the title as its title, the summary as its abstract, each other field by name
/// (`agency`, `action`, `dates`, `addresses`, `contact`; a field runs over paragraphs up to the next caption when
/// SUPPLEMENTARY INFORMATION: closes the preamble, else it is one paragraph) and the header lines as `header`.
struct RegulatoryPreamble {
    /// Where the preamble ends, as a scalar offset: it is the text's beginning up to there.
    var end: Int
    var title: String?
    var header: [String]
    var fields: [(key: String, value: String)]

    private static let captions: [(caption: String, key: String)] = [
        ("AGENCY", "agency"), ("AGENCIES", "agency"), ("ACTION", "action"), ("SUMMARY", "summary"), ("DATES", "dates"),
        ("DATE", "dates"), ("EFFECTIVE DATE", "dates"), ("EFFECTIVE DATES", "dates"), ("COMPLIANCE DATE", "dates"),
        ("ADDRESSES", "addresses"), ("ADDRESS", "addresses"), ("FOR FURTHER INFORMATION CONTACT", "contact"),
        ("SUPPLEMENTARY INFORMATION", "supplementary"),
    ]
    /// How far down the AGENCY: line may stand (under the header lines).
    private static let withinFirst = 30
    /// How many lines the captioned fields may take before SUPPLEMENTARY INFORMATION: (addresses with their
    /// instructions run long).
    private static let fieldLines = 300

    /// The preamble of `lines`, when an AGENCY: line near the top is followed by an ACTION: line: the pair every
    /// Federal Register rule and notice opens with.
    static func find(_ scalars: [Unicode.Scalar]) -> RegulatoryPreamble? {
        // Physical lines: a hard-wrapped text's logical lines would run the title into the AGENCY: line. A rule of
        // dashes (govinfo's text sets one under ACTION:) counts as a blank line.
        let lines = lineRanges(Array(scalars.prefix(20_000)))
            .map { scalars.trimmed($0) }
            .map { line in line.count >= 3 && scalars[line].allSatisfy({ "-=_".unicodeScalars.contains($0) }) ? line.lowerBound..<line.lowerBound : line }
        guard let agency = (0..<min(lines.count, withinFirst)).first(where: { caption(scalars, lines[$0])?.key == "agency" })
        else { return nil }
        // Above it only short lines without a sentence's end: the department, agency, CFR parts, docket, title (a
        // comment that quotes the preamble below its own first paragraph is a comment).
        let above = (0..<agency).filter { !lines[$0].isEmpty }
        guard above.count <= 12, above.allSatisfy({ lines[$0].count <= 200 }),
              !above.contains(where: { k in
                  let text = scalars.string(lines[k])
                  return text.unicodeScalars.last.map { ".!?。！？".unicodeScalars.contains($0) } == true && !isHeaderLine(text)
              })
        else { return nil }
        // Addresses, dates and contacts run on over paragraphs (Instructions: …, Docket: …) only up to a
        // SUPPLEMENTARY INFORMATION: caption that closes the preamble; without one each field is one paragraph.
        let closes = lines[agency..<min(lines.count, agency + fieldLines)].contains { caption(scalars, $0)?.key == "supplementary" }
        var fields: [(key: String, value: String)] = []
        var end = agency
        var closed = false
        var pendingBlank = false
        while end < lines.count, end - agency < fieldLines {
            let line = lines[end]
            if line.isEmpty {
                pendingBlank = true
                end += 1
                continue
            }
            if let found = caption(scalars, line) {
                if found.key == "supplementary" {
                    // The document's text follows; a caption with text of its own on the line stays with that text.
                    if found.value.isEmpty { end += 1 } else { break }
                    closed = true
                    break
                }
                fields.append((found.key, found.value))
            } else if fields.isEmpty {
                break
            } else if pendingBlank, !closes {
                // Without SUPPLEMENTARY INFORMATION: to close the preamble, a field is one paragraph.
                break
            } else {
                fields[fields.count - 1].value += (fields[fields.count - 1].value.isEmpty ? "" : " ") + scalars.string(scalars.trimmed(line))
            }
            pendingBlank = false
            end += 1
        }
        let keys = Set(fields.map(\.key))
        guard keys.contains("action") else { return nil }
        // Without SUPPLEMENTARY INFORMATION: the preamble ends at its last field's paragraph.
        if !closed {
            while end > agency, lines[end - 1].isEmpty { end -= 1 }
        }
        // The title is the paragraph just above AGENCY:; the lines above it are the agency's header.
        var paragraphs: [[String]] = [[]]
        for index in 0..<agency {
            let text = scalars.string(scalars.trimmed(lines[index]))
            if text.isEmpty {
                if !paragraphs[paragraphs.count - 1].isEmpty { paragraphs.append([]) }
            } else {
                paragraphs[paragraphs.count - 1].append(text)
            }
        }
        if paragraphs.last?.isEmpty == true { paragraphs.removeLast() }
        let titleLines = paragraphs.popLast()
        let title = titleLines.map { $0.joined(separator: " ") }.flatMap { isHeaderLine($0) ? nil : $0 }
        var header = paragraphs.flatMap { $0 }
        if title == nil, let titleLines { header += titleLines }
        return RegulatoryPreamble(
            end: lines[end - 1].upperBound, title: title, header: header, fields: fields.filter { !$0.value.isEmpty })
    }

    /// A caption line: its caption (in capitals, then a colon) and the text after it.
    private static func caption(_ scalars: [Unicode.Scalar], _ line: Range<Int>) -> (key: String, value: String)? {
        let range = scalars.trimmed(line)
        guard !range.isEmpty, scalars[range.lowerBound].properties.isUppercase else { return nil }
        let text = scalars.string(range)
        guard let colon = text.prefix(40).firstIndex(of: ":") else { return nil }
        let label = String(text[..<colon]).trimmingCharacters(in: .whitespaces)
        guard let key = captions.first(where: { $0.caption == label })?.key else { return nil }
        return (key, text[text.index(after: colon)...].trimmingCharacters(in: .whitespaces))
    }

    /// A line of the agency's header that is no title: CFR parts, a docket or RIN number, a billing code.
    private static func isHeaderLine(_ text: String) -> Bool {
        text.range(of: #"^(\[?(Docket|RIN|FRL|CFR|\d+ CFR|BILLING CODE)\b|\[[^\]]*\]$)"#, options: .regularExpression) != nil
    }

    func record(into metadata: inout DocumentMetadata) {
        if metadata.titles.isEmpty, let title { metadata.titles[LanguageDetector.detect(title).rawValue] = title }
        for (key, value) in fields {
            if key == "summary" {
                metadata.abstracts[LanguageDetector.detect(value).rawValue] = value
            } else {
                metadata.fields[key] = metadata.fields[key].map { $0 + "; " + value } ?? value
            }
        }
        if !header.isEmpty { metadata.fields["header"] = header.joined(separator: "; ") }
    }
}
