import CLibXML2
import Foundation

/// A compiled RELAX NG schema (XML syntax). Compiling TEI's `tei_all.rng` takes libxml2 about 16 s, so compile
/// it once and validate any number of documents with it; validation itself takes milliseconds.
///
/// Validations are serialised by a lock, so one schema can be shared by concurrent callers.
public final class RelaxNGSchema: @unchecked Sendable {
    private let schema: xmlRelaxNGPtr
    private let lock = NSLock()

    /// Compiles the schema at `path`; the errors name the schema file's lines.
    public init(path: String) throws(XMLError) {
        _ = XMLLibrary.initialised
        guard FileManager.default.isReadableFile(atPath: path) else {
            throw XMLError(code: 0, line: 0, column: 0, message: "\(path): cannot read the schema; check the path")
        }
        // A file that is no XML, or XML of another kind (a TEI document given as the schema), is named as such
        // before libxml2's schema compiler prints its own lines about it.
        if let bytes = FileManager.default.contents(atPath: path) {
            // (A schema that declares entities, which ArgMark's parser refuses in documents, is libxml2's to judge.)
            var document: XMLDocument?
            do { document = try XMLDocument.parse([UInt8](bytes), registerIDs: false) } catch where !error.message.contains("declares entities") {
                throw XMLError(code: 0, line: 0, column: 0, message: "\(path): is not a RELAX NG schema, not even XML (\(error.description)); give a .rng file such as tei_all.rng")
            } catch {}
            if let root = document?.root, root.namespace != "http://relaxng.org/ns/structure/1.0" {
                throw XMLError(code: 0, line: 0, column: 0, message: "\(path): is not a RELAX NG schema (its root is <\(root.name)>\(root.namespace.map { " in \($0)" } ?? "")); give a .rng file such as tei_all.rng")
            }
        }
        guard let parser = xmlRelaxNGNewParserCtxt(path) else {
            throw XMLError(code: 0, line: 0, column: 0, message: "\(path): libxml2 could not open the schema")
        }
        defer { xmlRelaxNGFreeParserCtxt(parser) }
        let collector = ErrorCollector()
        let context = Unmanaged.passUnretained(collector).toOpaque()
        xmlRelaxNGSetParserStructuredErrors(parser, ErrorCollector.handler, context)
        guard let schema = withExtendedLifetime(collector, { xmlRelaxNGParse(parser) }) else {
            let first = collector.errors.first?.description ?? "not a RELAX NG schema"
            throw XMLError(code: 0, line: 0, column: 0, message: "\(path): cannot compile the schema: \(first)")
        }
        self.schema = schema
    }

    deinit {
        xmlRelaxNGFree(schema)
    }

    /// The schema errors of `document`, in document order; empty when it is valid.
    public func validate(_ document: XMLDocument) -> [XMLError] {
        lock.lock()
        defer { lock.unlock() }
        guard let context = xmlRelaxNGNewValidCtxt(schema) else {
            return [XMLError(code: 0, line: 0, column: 0, message: "libxml2 could not create a validation context")]
        }
        defer { xmlRelaxNGFreeValidCtxt(context) }
        let collector = ErrorCollector()
        xmlRelaxNGSetValidStructuredErrors(context, ErrorCollector.handler, Unmanaged.passUnretained(collector).toOpaque())
        let status = withExtendedLifetime(collector) { xmlRelaxNGValidateDoc(context, document.pointer) }
        if status != 0 && collector.errors.isEmpty {
            return [XMLError(code: Int(status), line: 0, column: 0, message: "the document does not match the schema")]
        }
        return status == 0 ? [] : collector.errors
    }
}

/// Receives libxml2's structured errors through a C callback.
final class ErrorCollector {
    var errors: [XMLError] = []

    static let handler: xmlStructuredErrorFunc = { context, error in
        guard let context, let error else { return }
        let collector = Unmanaged<ErrorCollector>.fromOpaque(context).takeUnretainedValue()
        // libxml2 reports each failed pattern branch; keep the list readable.
        if collector.errors.count < 1000 { collector.errors.append(XMLError(UnsafePointer(error))) }
    }
}
