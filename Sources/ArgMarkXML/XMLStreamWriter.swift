import CLibXML2

/// libxml2's streaming writer (`xmlTextWriter`) into a memory buffer; the one owner of both handles.
///
/// Text and attribute values are escaped by libxml2 (`&`, `<`, `>`, quotes, and carriage returns as character
/// references, so they survive a parse). Characters XML 1.0 forbids (controls other than tab, newline and carriage
/// return; U+FFFE, U+FFFF) are refused, naming the offending value, since no parser would read them back.
/// Indentation is left to the caller, so mixed content is never padded with whitespace.
public final class XMLStreamWriter {
    private let buffer: xmlBufferPtr
    private let writer: xmlTextWriterPtr
    private var failed: String?

    public init() throws(XMLError) {
        _ = XMLLibrary.initialised
        guard let buffer = xmlBufferCreateSize(1 << 16) else {
            throw XMLError(code: 0, line: 0, column: 0, message: "libxml2 could not allocate an output buffer")
        }
        // libxml2 2.9 grows buffers to the exact size by default, which makes long outputs quadratic.
        xmlBufferSetAllocationScheme(buffer, XML_BUFFER_ALLOC_DOUBLEIT)
        guard let writer = xmlNewTextWriterMemory(buffer, 0) else {
            xmlBufferFree(buffer)
            throw XMLError(code: 0, line: 0, column: 0, message: "libxml2 could not create a writer")
        }
        self.buffer = buffer
        self.writer = writer
    }

    deinit {
        xmlFreeTextWriter(writer)
        xmlBufferFree(buffer)
    }

    private func check(_ status: Int32, _ what: @autoclosure () -> String) {
        if status < 0, failed == nil { failed = what() }
    }

    /// `<?xml version="1.0" encoding="UTF-8"?>`
    public func startDocument() {
        check(xmlTextWriterStartDocument(writer, "1.0", "UTF-8", nil), "start of document")
    }

    public func processingInstruction(_ target: String, _ content: String) {
        check(xmlTextWriterWritePI(writer, target, content), "processing instruction \(target)")
    }

    public func startElement(_ name: String) {
        check(xmlTextWriterStartElement(writer, name), "<\(name)>")
    }

    /// An attribute of the element just started.
    public func attribute(_ name: String, _ value: String) throws(XMLError) {
        try Self.checkCharacters(value, context: "attribute \(name)")
        check(xmlTextWriterWriteAttribute(writer, name, value), "attribute \(name)")
    }

    /// Escaped character data.
    public func text(_ value: String) throws(XMLError) {
        guard !value.isEmpty else { return }
        try Self.checkCharacters(value, context: "text")
        check(xmlTextWriterWriteString(writer, value), "text")
    }

    /// Character data known to hold only XML-safe characters (markup-free literals of the caller's own).
    public func literal(_ value: String) {
        check(xmlTextWriterWriteString(writer, value), "text")
    }

    public func endElement() {
        check(xmlTextWriterEndElement(writer), "end tag")
    }

    /// `<name attr="v"…/>`-style convenience: start, attributes, end.
    public func emptyElement(_ name: String, _ attributes: KeyValuePairs<String, String?> = [:]) throws(XMLError) {
        startElement(name)
        for (key, value) in attributes { if let value { try attribute(key, value) } }
        endElement()
    }

    /// `<name attr="v"…>text</name>`.
    public func element(_ name: String, _ attributes: KeyValuePairs<String, String?> = [:], text: String) throws(XMLError) {
        startElement(name)
        for (key, value) in attributes { if let value { try attribute(key, value) } }
        try self.text(text)
        endElement()
    }

    public func comment(_ value: String) {
        check(xmlTextWriterWriteComment(writer, value), "comment")
    }

    /// Bytes written as they are (whitespace for layout, or already serialised XML).
    public func raw(_ value: String) {
        check(xmlTextWriterWriteRaw(writer, value), "raw output")
    }

    /// Closes open elements and returns the document's bytes.
    public func finish() throws(XMLError) -> [UInt8] {
        check(xmlTextWriterEndDocument(writer), "end of document")
        check(xmlTextWriterFlush(writer), "flush")
        if let failed { throw XMLError(code: 0, line: 0, column: 0, message: "libxml2 failed to write the \(failed)") }
        let count = Int(xmlBufferLength(buffer))
        guard count > 0, let content = xmlBufferContent(buffer) else { return [] }
        return Array(UnsafeBufferPointer(start: content, count: count))
    }

    /// Whether XML 1.0 cannot carry `scalar`: a control character other than tab, line feed and carriage return, or
    /// U+FFFE / U+FFFF.
    public static func isUnrepresentable(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        return v < 0x20 ? !(v == 0x09 || v == 0x0A || v == 0x0D) : (v == 0xFFFE || v == 0xFFFF)
    }

    /// Refuses characters that XML 1.0 cannot carry.
    static func checkCharacters(_ value: String, context: String) throws(XMLError) {
        for scalar in value.unicodeScalars {
            let v = scalar.value
            if isUnrepresentable(scalar) {
                throw XMLError(
                    code: 0, line: 0, column: 0,
                    message: "\(context) contains U+\(String(v, radix: 16, uppercase: true)), which XML 1.0 cannot represent; remove the control character")
            }
        }
    }
}

extension XMLStreamWriter {
    /// When ``copy(_:skipping:around:)`` calls back around an element.
    public enum CopyPhase: Sendable {
        /// After the start tag and its attributes.
        case afterStart
        /// Before the end tag.
        case beforeEnd
        /// After the end tag.
        case afterEnd
    }

    /// Re-writes `element` and its content: elements of the element's own namespace by local name, other
    /// namespaces' subtrees serialised as they are, text escaped, comments kept. Elements for which `skipping`
    /// is true are left out with their content; `around` may write more content at each phase of each element.
    public func copy(
        _ element: XMLElement, skipping: (XMLElement) -> Bool = { _ in false },
        around: (XMLElement, CopyPhase, XMLStreamWriter) throws(XMLError) -> Void = { _, _, _ in }
    ) throws(XMLError) {
        try copy(element, homeNamespace: element.namespace, skipping: skipping, around: around)
    }

    private func copy(
        _ element: XMLElement, homeNamespace: String?, skipping: (XMLElement) -> Bool,
        around: (XMLElement, CopyPhase, XMLStreamWriter) throws(XMLError) -> Void
    ) throws(XMLError) {
        if element.namespace != homeNamespace {
            raw(element.xml)
            return
        }
        startElement(element.name)
        var attribute = element.node.pointee.properties
        while let a = attribute {
            var name = String(cString: a.pointee.name)
            if let prefix = a.pointee.ns.flatMap({ $0.pointee.prefix }) { name = String(cString: prefix) + ":" + name }
            var value = ""
            var child = a.pointee.children
            while let c = child {
                if let content = c.pointee.content { value += String(cString: content) }
                child = c.pointee.next
            }
            try self.attribute(name, value)
            attribute = a.pointee.next
        }
        try around(element, .afterStart, self)
        var child = element.node.pointee.children
        while let c = child {
            switch c.pointee.type {
            case XML_ELEMENT_NODE:
                let childElement = XMLElement(node: c, owner: element.owner)
                if !skipping(childElement) {
                    try copy(childElement, homeNamespace: homeNamespace, skipping: skipping, around: around)
                }
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if let content = c.pointee.content { try text(String(cString: content)) }
            case XML_COMMENT_NODE:
                if let content = c.pointee.content { comment(String(cString: content)) }
            default: break
            }
            child = c.pointee.next
        }
        try around(element, .beforeEnd, self)
        endElement()
        try around(element, .afterEnd, self)
    }
}
