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
    /// With `keepingTableIDs`, the units of a `_gold.tsv` pair keep the table's ids (as `SentenceTableReader` gives
    /// them), so that `eval` pairs the gold with predictions for the table by id; training numbers them afresh.
    public static func load(_ path: String, keepingTableIDs: Bool = false) throws(TrainingDataError) -> [GoldDocument] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw TrainingDataError(path: path, message: "no such file or directory")
        }
        if isDirectory.boolValue {
            // A directory named through a symbolic link is walked as its target (the walk lists nothing under a link);
            // its files keep the name given.
            let walked = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
            let files = (FileManager.default.enumerator(atPath: walked)?.allObjects as? [String] ?? []).sorted()
            // A sentence table whose labels are not beside it would be left out without a word: training on less
            // than was given.
            let names = Set(files)
            if let lone = files.first(where: { $0.hasSuffix("_sentences.tsv") && !names.contains(String($0.dropLast("_sentences.tsv".count)) + "_gold.tsv") }) {
                let file = (path as NSString).appendingPathComponent(lone)
                throw TrainingDataError(
                    path: file,
                    message: "a sentence table without its labels (\(String(lone.dropLast("_sentences.tsv".count)) + "_gold.tsv") is not beside it); add them, or move the table out of \(path)")
            }
            var documents: [GoldDocument] = []
            for file in files where file.hasSuffix(".jsonl") || file.hasSuffix("_gold.tsv") || file.hasSuffix(".train.tsv") {
                documents += try load((path as NSString).appendingPathComponent(file), keepingTableIDs: keepingTableIDs)
            }
            return documents
        }
        let text = try readText(path)
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
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: sentencesPath, isDirectory: &isDirectory), !isDirectory.boolValue else {
                throw TrainingDataError(path: path, message: "its sentences file \(sentencesPath) is \(isDirectory.boolValue ? "a directory" : "missing")")
            }
            let sentences = try readText(sentencesPath)
            return [GoldDocument(source: path, document: try pairDocument(sentences: sentences, gold: text, path: path, keepingTableIDs: keepingTableIDs))]
        }
        if path.hasSuffix("_sentences.tsv") {
            // The sentences alone carry no labels; the pair is named by its labels.
            let gold = String(path.dropLast("_sentences.tsv".count)) + "_gold.tsv"
            throw TrainingDataError(path: path, message: "a sentence table has no labels; give its labels, \(gold), or the directory that holds both")
        }
        return try corpusDocuments(text, path: path, keepingTableIDs: keepingTableIDs)
    }

    /// The text of a training file, decoded as `annotate` decodes an input, so that a stray byte, a binary file or a
    /// runaway line gets the same message, naming its line, from both.
    static func readText(_ path: String) throws(TrainingDataError) -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw TrainingDataError(path: path, message: "cannot be read; check its permissions")
        }
        let bytes = [UInt8](data)
        do {
            return String(String.UnicodeScalarView(try TextDecoder.decode(bytes)))
        } catch {
            throw TrainingDataError(path: path, message: error.description)
        }
    }

    /// `id para kind text` + `id label parent relation`, paired by `id` (a gold file sorted or edited by hand keeps
    /// its labels on their sentences; every sentence needs exactly one gold row and every gold row a sentence).
    static func pairDocument(sentences: String, gold: String, path: String, keepingTableIDs: Bool = false) throws(TrainingDataError) -> Document {
        let sentencesPath = String(path.dropLast("_gold.tsv".count)) + "_sentences.tsv"
        let (unitHeader, units) = rows(sentences)
        let (goldHeader, labels) = rows(gold)
        for (header, file) in [(unitHeader, sentencesPath), (goldHeader, path)] where header.isEmpty {
            throw TrainingDataError(path: file, message: "is empty; it needs its header line and a row per sentence")
        }
        guard unitHeader.contains("id"), unitHeader.contains("text") else {
            throw TrainingDataError(path: sentencesPath, message: "expected a header with id, para, kind and text columns (it has \(unitHeader.joined(separator: ", ")))")
        }
        guard goldHeader.contains("id"), goldHeader.contains("label") else {
            throw TrainingDataError(path: path, message: "expected a header with id, label, parent and relation columns (it has \(goldHeader.joined(separator: ", ")))")
        }
        var goldByID: [String: (line: Int, cells: [String: String])] = [:]
        for row in labels {
            // An id with a stray space is the id (s2 and "s2 " name one sentence).
            guard let id = row.cells["id"]?.trimmingCharacters(in: .whitespaces), !id.isEmpty, row.cells["label"] != nil else {
                throw TrainingDataError(path: path, message: "line \(row.line) has no id or no label column")
            }
            if let earlier = goldByID[id] {
                throw TrainingDataError(path: path, message: "line \(row.line): sentence \(id) has a gold row already (line \(earlier.line))")
            }
            goldByID[id] = row
        }
        var seen = Set<String>()
        var records: [Record] = []
        for unit in units {
            guard let id = unit.cells["id"]?.trimmingCharacters(in: .whitespaces), !id.isEmpty else {
                throw TrainingDataError(path: sentencesPath, message: "line \(unit.line) has no id")
            }
            guard seen.insert(id).inserted else {
                throw TrainingDataError(path: sentencesPath, message: "line \(unit.line): sentence id \(id) occurs twice")
            }
            guard let gold = goldByID[id] else {
                throw TrainingDataError(path: path, message: "no gold row for sentence \(id) (line \(unit.line) of \(sentencesPath)); give it a row, - for none")
            }
            records.append(Record(paragraph: unit.cells["para"] ?? "", kind: unit.cells["kind"] ?? "S", text: unit.cells["text"] ?? "",
                                  label: gold.cells["label"] ?? "-", parent: gold.cells["parent"]?.trimmingCharacters(in: .whitespaces) ?? "-",
                                  relation: gold.cells["relation"] ?? "-", line: gold.line, id: id))
        }
        if let stray = labels.first(where: { !seen.contains($0.cells["id"]?.trimmingCharacters(in: .whitespaces) ?? "") }) {
            throw TrainingDataError(path: path, message: "line \(stray.line): sentence \(stray.cells["id"] ?? "") is not in \(sentencesPath)")
        }
        var document = try document(records, id: (path as NSString).lastPathComponent, path: path)
        if keepingTableIDs {
            let ids: [String]
            do {
                ids = try records.map { record throws(DocumentReadError) in try SentenceTableReader.unitID(record.id!, line: record.line) }
            } catch {
                throw TrainingDataError(path: sentencesPath, message: error.description)
            }
            if Set(ids).count < ids.count {
                throw TrainingDataError(path: sentencesPath, message: "two rows have the same id once numbers are read as s-numbers (12 as s12); rename one")
            }
            SentenceTableReader.rename(&document, to: ids)
        }
        return document
    }

    /// Rows with a `doc_id` column, grouped into documents in order of first appearance.
    static func corpusDocuments(_ text: String, path: String, keepingTableIDs: Bool = false) throws(TrainingDataError) -> [GoldDocument] {
        let (header, table) = rows(text)
        guard ["doc_id", "text", "label"].allSatisfy(header.contains) else {
            throw TrainingDataError(path: path, message: "expected a TSV with doc_id, text and label columns (its header has \(header.joined(separator: ", ")))")
        }
        guard !table.isEmpty else { throw TrainingDataError(path: path, message: "has a header but no rows") }
        var order: [String] = []
        var grouped: [String: [Record]] = [:]
        for (line, row) in table {
            guard let id = row["doc_id"] else { throw TrainingDataError(path: path, message: "line \(line) has no doc_id") }
            guard row["label"] != nil, row["text"] != nil else {
                throw TrainingDataError(path: path, message: "line \(line) has fewer columns than the header (no text or label)")
            }
            if grouped[id] == nil { order.append(id) }
            let unitID = (row["unit_id"] ?? row["id"])?.trimmingCharacters(in: .whitespaces)
            // The table's links (parent_unit_id, relation; ROOT for the thesis), where it has them and ids to name.
            let parent = unitID == nil ? "-" : (row["parent_unit_id"] ?? row["parent"] ?? "-").trimmingCharacters(in: .whitespaces)
            grouped[id, default: []].append(Record(
                paragraph: row["para"] ?? "p1", kind: row["kind"] ?? "S", text: row["text"] ?? "", label: row["label"] ?? "-",
                parent: parent, relation: row["relation"] ?? "-", line: line, id: unitID, unitID: unitID))
        }
        var documents: [GoldDocument] = []
        for id in order {
            var document: Document
            do {
                document = try Self.document(grouped[id]!, id: id, path: path)
            } catch {
                // A corpus's links that make no tree (CDCP's graphs are not all trees) leave the document without
                // one; its labels are read all the same (a label error is thrown again below).
                document = try Self.document(grouped[id]!.map { var r = $0; r.parent = "-"; r.relation = "-"; return r }, id: id, path: path)
            }
            if keepingTableIDs {
                // The table's unit ids (unit_id, or id), as SentenceTableReader keeps them, where every row has one.
                let given = grouped[id]!.map { $0.unitID ?? "" }
                let ids: [String]? = try? given.map { cell throws(DocumentReadError) in try SentenceTableReader.unitID(cell, line: 0) }
                if let ids, Set(ids).count == ids.count { SentenceTableReader.rename(&document, to: ids) }
            }
            documents.append(GoldDocument(source: path, document: document))
        }
        return documents
    }

    struct Record {
        var paragraph: String
        var kind: String
        var text: String
        var label: String
        var parent: String
        var relation: String
        /// The record's line in its TSV file.
        var line: Int
        /// The sentence's id in its source, which `parent` names (the document numbers its units afresh).
        var id: String? = nil
        /// A corpus table's unit id (its `unit_id` column), kept only for `eval`.
        var unitID: String? = nil
    }

    /// The rows under a TSV's header, by column name, each with its line number in the file (for messages).
    static func rows(_ text: String) -> (header: [String], rows: [(line: Int, cells: [String: String])]) {
        var numbered = text.dataFileLines.enumerated().map { ($0.offset + 1, $0.element) }.filter { !$0.1.isEmpty }
        guard !numbered.isEmpty else { return ([], []) }
        let header = numbered.removeFirst().1.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        return (header, numbered.map { line, content in
            let cells = content.split(separator: "\t", omittingEmptySubsequences: false)
            var row: [String: String] = [:]
            for (k, name) in header.enumerated() where k < cells.count { row[name] = String(cells[k]) }
            return (line, row)
        })
    }

    /// Builds a document with synthetic offsets (sentences joined in order) and the gold labels and links.
    static func document(_ records: [Record], id: String, path: String) throws(TrainingDataError) -> Document {
        var builder = DocumentBuilder(id: id, sourcePath: nil)
        var offset = 0
        var paragraph: [DocumentBuilder.Span] = []
        var currentParagraph: String?
        var previousEndsOpen = false
        var outline = HeadingOutline()
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
                // A heading takes no label in the guideline's tables; one given would be dropped without a word.
                if !["", "-"].contains(record.label.trimmingCharacters(in: .whitespaces)) {
                    throw TrainingDataError(
                        path: path,
                        message: "line \(record.line): \(record.id.map { "sentence \($0)" } ?? "the row") is a heading (kind \(record.kind)) labelled '\(record.label)'; a heading's row has - for its label, or mark the row a sentence (kind S) in its table")
                }
                flush()
                let level = HeadingDetector.levelOfHeadingRow(
                    record.text, previousParagraphEndsOpen: previousEndsOpen, currentLevel: builder.document.sections.last?.level,
                    outline: &outline)
                builder.addHeading(.init(start: offset, end: offset + length, text: record.text, language: language), level: level)
                previousEndsOpen = false
            } else {
                if record.paragraph != currentParagraph { flush() }
                var annotation = SentenceAnnotation()
                // A misspelt label (Claim, prescripton) is an error, not a sentence silently left unlabelled.
                let written = record.label.trimmingCharacters(in: .whitespaces)
                if !["", "-"].contains(written), ArgumentLabel(rawValue: written) == nil {
                    throw TrainingDataError(path: path, message: "line \(record.line): unknown label '\(record.label)' (labels: \(ArgumentLabel.allCases.map(\.rawValue).joined(separator: ", ")); - for none)")
                }
                if let label = ArgumentLabel(rawValue: written) {
                    annotation.label = label
                    annotation.labeledBy = .human("gold")
                    // The thesis as the gold marks it: other argumentative sentences may have no parent either.
                    if record.parent == "ROOT" { annotation.linkedBy = .human("gold") }
                    // A parent names a sentence of the file by its id (ROOT: the thesis; -: none). Where ids were
                    // paired, any id counts; in a corpus without them, the s-numbered ids of the gold format.
                    let parent = record.parent
                    let named = !["", "-", "ROOT"].contains(parent) && (record.id != nil || parent.hasPrefix("s"))
                    if named, let relation = ArgumentRelation(rawValue: record.relation.trimmingCharacters(in: .whitespaces)) {
                        annotation.parent = parent
                        annotation.relation = relation
                    } else if named, record.id != nil {
                        throw TrainingDataError(path: path, message: "line \(record.line): relation '\(record.relation)' of sentence \(record.id!) is neither support nor attack")
                    }
                }
                paragraph.append(.init(start: offset, end: offset + length, text: record.text, language: language, annotation: annotation))
                if let last = record.text.unicodeScalars.last { previousEndsOpen = HeadingDetector.endsOpen(last) }
            }
            currentParagraph = record.paragraph
            offset += length + 1
        }
        flush()
        var document = builder.take()
        // Units are numbered afresh (s1, s2, … in reading order): parents name the source's ids, which may skip.
        if records.contains(where: { $0.id != nil }) {
            let renamed = Dictionary(zip(records.compactMap(\.id), document.units.map(\.id)), uniquingKeysWith: { first, _ in first })
            let position = Dictionary(document.units.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
            for (i, record) in records.enumerated() {
                guard let parent = document.units[i].annotation.parent else { continue }
                let named = "line \(record.line): sentence \(record.id ?? document.units[i].id) names the parent \(parent)"
                guard let unit = renamed[parent], let p = position[unit] else {
                    throw TrainingDataError(path: path, message: "\(named), which is no sentence of the file")
                }
                guard document.units[p].kind == .sentence else { throw TrainingDataError(path: path, message: "\(named), a heading") }
                guard p != i else { throw TrainingDataError(path: path, message: "\(named), itself") }
                document.units[i].annotation.parent = unit
            }
            // Parents form a tree: a chain that comes back to where it started is a cycle.
            for start in document.units.indices where document.units[start].annotation.parent != nil {
                var current = start
                for _ in document.units.indices {
                    guard let up = document.units[current].annotation.parent, let next = position[up] else { break }
                    if next == start {
                        throw TrainingDataError(path: path, message: "line \(records[start].line): sentence \(records[start].id ?? document.units[start].id) is its own ancestor (a cycle of parents)")
                    }
                    current = next
                }
            }
        }
        return document
    }
}
