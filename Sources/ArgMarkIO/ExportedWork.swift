import ArgMarkCore
import Foundation

/// The labels and links an exported table or tree records per sentence, read back so that a run does not replace
/// an export holding a person's work: no reader takes these formats in, as they are written for other tools, but
/// `annotate --to csv` or `export --to aif` over a reviewed document's export would otherwise lose what a person
/// set (`BatchRunner.personsWorkAt`).
enum ExportedWork {
    /// Each sentence's annotation as a CSV (`SentenceCSVWriter`'s columns) or AIF JSON (`AIFWriter`'s keys) file at
    /// `path` records it, or nil when `path` is neither or does not read as one.
    static func annotations(in bytes: [UInt8], path: String) -> [(id: String, annotation: SentenceAnnotation)]? {
        let name = path.lowercased()
        if name.hasSuffix(".csv") { return csv(bytes) }
        if name.hasSuffix(".aif.json") || name.hasSuffix(".aif") { return aif(bytes) }
        return nil
    }

    /// The rows of the sentence table: id, label, labeled_by, parent, relation and (tables written since it was
    /// added) linked_by.
    static func csv(_ bytes: [UInt8]) -> [(id: String, annotation: SentenceAnnotation)]? {
        guard let text = String(validating: bytes, as: UTF8.self) else { return nil }
        let rows = records(text)
        guard let header = rows.first, let id = header.firstIndex(of: "id"), let labeledBy = header.firstIndex(of: "labeled_by")
        else { return nil }
        func column(_ name: String) -> Int? { header.firstIndex(of: name) }
        let label = column("label"), parent = column("parent"), relation = column("relation"), linkedBy = column("linked_by")
        func cell(_ row: [String], _ index: Int?) -> String? {
            guard let index, index < row.count, !row[index].isEmpty else { return nil }
            return row[index]
        }
        return rows.dropFirst().compactMap { row in
            guard let unit = cell(row, id) else { return nil }
            var annotation = SentenceAnnotation()
            annotation.label = cell(row, label).flatMap(ArgumentLabel.init(rawValue:))
            annotation.labeledBy = cell(row, labeledBy).map(Annotator.init)
            annotation.parent = cell(row, parent)
            annotation.relation = cell(row, relation).flatMap(ArgumentRelation.init(rawValue:))
            annotation.linkedBy = cell(row, linkedBy).map(Annotator.init)
            return (unit, annotation)
        }
    }

    /// RFC 4180 records: quoted fields may hold commas, doubled quotes and line breaks.
    static func records(_ text: String) -> [[String]] {
        var rows: [[String]] = []
        var row: [String] = []
        var field = ""
        var quoted = false
        var iterator = text.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar? = nil
        while let c = pending ?? iterator.next() {
            pending = nil
            if quoted {
                if c == "\"" {
                    let next = iterator.next()
                    if next == "\"" { field.unicodeScalars.append("\"") } else { quoted = false; pending = next }
                } else {
                    field.unicodeScalars.append(c)
                }
                continue
            }
            switch c {
            case "\"": quoted = true
            case ",": row.append(field); field = ""
            case "\r": continue
            case "\n": row.append(field); rows.append(row); row = []; field = ""
            default: field.unicodeScalars.append(c)
            }
        }
        if !field.isEmpty || !row.isEmpty { row.append(field); rows.append(row) }
        return rows
    }

    /// The I-nodes' labels and who set them, and each link (child → scheme → parent) with its scheme's type and
    /// `linkedBy`.
    static func aif(_ bytes: [UInt8]) -> [(id: String, annotation: SentenceAnnotation)]? {
        guard let root = try? JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any],
              let nodes = root["nodes"] as? [[String: Any]], let edges = root["edges"] as? [[String: Any]]
        else { return nil }
        var order: [String] = []
        var annotations: [String: SentenceAnnotation] = [:]
        var schemes: [String: (type: String, linkedBy: String?)] = [:]
        for node in nodes {
            guard let id = node["nodeID"] as? String, let type = node["type"] as? String else { continue }
            if type == "I" {
                var annotation = SentenceAnnotation()
                annotation.label = (node["label"] as? String).flatMap(ArgumentLabel.init(rawValue:))
                annotation.labeledBy = (node["labeledBy"] as? String).map(Annotator.init)
                order.append(id)
                annotations[id] = annotation
            } else {
                schemes[id] = (type, node["linkedBy"] as? String)
            }
        }
        var into: [String: String] = [:]
        var outOf: [String: String] = [:]
        for edge in edges {
            guard let from = edge["fromID"] as? String, let to = edge["toID"] as? String else { continue }
            if schemes[to] != nil { into[to] = from } else if schemes[from] != nil { outOf[from] = to }
        }
        for (scheme, info) in schemes {
            guard let child = into[scheme], let parent = outOf[scheme], annotations[child] != nil else { continue }
            annotations[child]!.parent = parent
            annotations[child]!.relation = info.type == "CA" ? .attack : .support
            annotations[child]!.linkedBy = info.linkedBy.map(Annotator.init)
        }
        return order.map { ($0, annotations[$0]!) }
    }
}
