import ArgMarkCore
import ArgMarkFormats
import ArgMarkPipeline
import ArgMarkText
import Foundation

/// A gold document and where it came from.
public struct GoldDocument: Sendable {
    public var source: String
    public var document: Document
}

/// Why training data could not be read.
public struct TrainingDataError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var message: String
    public var description: String { "\(path): \(message)" }
}

/// Loads labelled documents from ArgMark JSONL gold, `*_sentences.tsv` + `*_gold.tsv` pairs, and corpus TSVs with a
/// `doc_id` column (../shared/data); directories are walked recursively.
public enum TrainingCorpus {
    public static func load(_ path: String) throws(TrainingDataError) -> [GoldDocument] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw TrainingDataError(path: path, message: "no such file or directory")
        }
        if isDirectory.boolValue {
            let files = (FileManager.default.enumerator(atPath: path)?.allObjects as? [String] ?? []).sorted()
            var documents: [GoldDocument] = []
            for file in files where file.hasSuffix(".jsonl") || file.hasSuffix("_gold.tsv") || file.hasSuffix(".train.tsv") {
                documents += try load((path as NSString).appendingPathComponent(file))
            }
            return documents
        }
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw TrainingDataError(path: path, message: "cannot read as UTF-8 text")
        }
        if path.hasSuffix(".jsonl") {
            do {
                let document = try JSONLinesReader().read(ReaderInput(bytes: Array(text.utf8), sourcePath: path, documentID: path))
                return [GoldDocument(source: path, document: document)]
            } catch {
                throw TrainingDataError(path: path, message: error.description)
            }
        }
        if path.hasSuffix("_gold.tsv") {
            let sentencesPath = String(path.dropLast("_gold.tsv".count)) + "_sentences.tsv"
            guard let sentences = try? String(contentsOfFile: sentencesPath, encoding: .utf8) else {
                throw TrainingDataError(path: path, message: "its sentences file \(sentencesPath) is missing")
            }
            return [GoldDocument(source: path, document: try pairDocument(sentences: sentences, gold: text, path: path))]
        }
        return try corpusDocuments(text, path: path)
    }

    /// `id para kind text` + `id label parent relation`.
    static func pairDocument(sentences: String, gold: String, path: String) throws(TrainingDataError) -> Document {
        let units = rows(sentences)
        let labels = rows(gold)
        guard units.count == labels.count else {
            throw TrainingDataError(path: path, message: "\(labels.count) gold rows for \(units.count) sentences")
        }
        let records = zip(units, labels).map { unit, gold in
            Record(paragraph: unit["para"] ?? "", kind: unit["kind"] ?? "S", text: unit["text"] ?? "",
                   label: gold["label"] ?? "-", parent: gold["parent"] ?? "-", relation: gold["relation"] ?? "-")
        }
        return document(records, id: (path as NSString).lastPathComponent)
    }

    /// Rows with a `doc_id` column, grouped into documents in order of first appearance.
    static func corpusDocuments(_ text: String, path: String) throws(TrainingDataError) -> [GoldDocument] {
        let table = rows(text)
        guard let first = table.first, first["doc_id"] != nil, first["text"] != nil, first["label"] != nil else {
            throw TrainingDataError(path: path, message: "expected a TSV with doc_id, text and label columns")
        }
        var order: [String] = []
        var grouped: [String: [Record]] = [:]
        for row in table {
            let id = row["doc_id"]!
            if grouped[id] == nil { order.append(id) }
            grouped[id, default: []].append(Record(
                paragraph: row["para"] ?? "p1", kind: row["kind"] ?? "S", text: row["text"] ?? "", label: row["label"] ?? "-",
                parent: "-", relation: "-"))
        }
        return order.map { GoldDocument(source: path, document: document(grouped[$0]!, id: $0)) }
    }

    struct Record {
        var paragraph: String
        var kind: String
        var text: String
        var label: String
        var parent: String
        var relation: String
    }

    static func rows(_ text: String) -> [[String: String]] {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: true).map { $0.hasSuffix("\r") ? $0.dropLast() : $0 }
        guard !lines.isEmpty else { return [] }
        let header = lines.removeFirst().split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        return lines.map { line in
            let cells = line.split(separator: "\t", omittingEmptySubsequences: false)
            var row: [String: String] = [:]
            for (k, name) in header.enumerated() where k < cells.count { row[name] = String(cells[k]) }
            return row
        }
    }

    /// Builds a document with synthetic offsets (sentences joined in order) and the gold labels and links.
    static func document(_ records: [Record], id: String) -> Document {
        var builder = DocumentBuilder(id: id, sourcePath: nil)
        var offset = 0
        var paragraph: [DocumentBuilder.Span] = []
        var currentParagraph: String?
        var previousEndsOpen = false
        func flush() {
            guard !paragraph.isEmpty else { return }
            let languages = Set(paragraph.map(\.language))
            builder.addParagraph(paragraph, language: languages.count == 1 ? languages.first! : .mixed)
            paragraph = []
        }
        for record in records {
            let length = record.text.unicodeScalars.count
            let language = LanguageDetector.detect(record.text)
            if record.kind == "HEAD" || record.kind == "TOPIC" {
                flush()
                let level = HeadingDetector.levelInContext(
                    HeadingDetector.level(of: record.text) ?? 1, numbered: HeadingDetector.isNumbered(record.text),
                    previousParagraphEndsOpen: previousEndsOpen, currentLevel: builder.document.sections.last?.level)
                builder.addHeading(.init(start: offset, end: offset + length, text: record.text, language: language), level: level)
                previousEndsOpen = false
            } else {
                if record.paragraph != currentParagraph { flush() }
                var annotation = SentenceAnnotation()
                if let label = ArgumentLabel(rawValue: record.label) {
                    annotation.label = label
                    annotation.labeledBy = .human("gold")
                    if record.parent.hasPrefix("s"), let relation = ArgumentRelation(rawValue: record.relation) {
                        annotation.parent = record.parent
                        annotation.relation = relation
                    }
                }
                paragraph.append(.init(start: offset, end: offset + length, text: record.text, language: language, annotation: annotation))
                if let last = record.text.unicodeScalars.last { previousEndsOpen = HeadingDetector.endsOpen(last) }
            }
            currentParagraph = record.paragraph
            offset += length + 1
        }
        flush()
        return builder.take()
    }
}
