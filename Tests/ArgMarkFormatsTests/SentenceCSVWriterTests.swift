import ArgMarkCore
import ArgMarkFormats
import Foundation
import Testing

/// A row per sentence as CSV: one header, then each sentence with its annotations, quoted where RFC 4180 asks.
struct SentenceCSVWriterTests {
    @Test func exportMatchesGolden() throws {
        try assertGolden(try SentenceCSVWriter().write(try annotatedFixture()), "annotated.csv")
    }

    /// Parsed back by the RFC's rules, each record has every column, and the sentences' text, label and score.
    @Test func recordsReadBackAsTheSentences() throws {
        let document = try annotatedFixture()
        let records = Self.parse(String(decoding: try SentenceCSVWriter().write(document), as: UTF8.self))
        let sentences = document.units.filter { $0.kind == .sentence }
        #expect(records.count == sentences.count + 1)
        #expect(records.allSatisfy { $0.count == records[0].count })
        let column = Dictionary(uniqueKeysWithValues: records[0].enumerated().map { ($1, $0) })
        for (record, unit) in zip(records.dropFirst(), sentences) {
            #expect(record[column["id"]!] == unit.id && record[column["text"]!] == unit.text)
            #expect(record[column["label"]!] == (unit.annotation.label?.rawValue ?? ""))
            #expect(record[column["score"]!] == (unit.annotation.score.map(FixedDecimal.format) ?? ""))
        }
        #expect(sentences.contains { $0.text.contains("\"") && $0.text.contains("\t") })
    }

    /// RFC 4180 records: fields split on commas outside quotes, "" inside quotes a quote, CRLF ending a record.
    static func parse(_ text: String) -> [[String]] {
        var records: [[String]] = []
        var record: [String] = []
        var field = ""
        var quoted = false
        var chars = Array(text)[...]
        while let c = chars.popFirst() {
            if quoted {
                if c == "\"" {
                    if chars.first == "\"" { field.append("\""); chars.removeFirst() } else { quoted = false }
                } else {
                    field.append(c)
                }
            } else if c == "\"" {
                quoted = true
            } else if c == "," {
                record.append(field)
                field = ""
            } else if c == "\r\n" {
                record.append(field)
                records.append(record)
                record = []
                field = ""
            } else {
                field.append(c)
            }
        }
        return records
    }
}
