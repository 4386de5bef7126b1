import CLibXML2
import Foundation

/// A problem libxml2 (or ArgMark's own guard around it) found in an XML document, with its position.
public struct XMLError: Error, Sendable, Hashable, CustomStringConvertible {
    /// libxml2's error code (`xmlParserErrors`); 0 for ArgMark's own checks.
    public var code: Int
    /// 1-based line, 0 when libxml2 does not know it.
    public var line: Int
    /// 1-based column, 0 when libxml2 does not know it.
    public var column: Int
    public var message: String

    public init(code: Int, line: Int, column: Int, message: String) {
        self.code = code
        self.line = line
        self.column = column
        self.message = message
    }

    /// `line:column: message` (without a file name, which the caller adds).
    public var description: String {
        let position = line > 0 ? (column > 0 ? "\(line):\(column): " : "\(line): ") : ""
        return "\(position)\(message)" + (code != 0 ? " [libxml2 \(code)]" : "")
    }

    /// Reads libxml2's error record.
    init(_ error: UnsafePointer<xmlError>, fallbackLine: Int = 0) {
        let raw = error.pointee.message.map { String(cString: $0) } ?? "unknown XML error"
        var line = Int(error.pointee.line)
        if line == 0, let node = error.pointee.node {
            line = Int(xmlGetLineNo(node.assumingMemoryBound(to: xmlNode.self)))
        }
        self.init(
            code: Int(error.pointee.code), line: line > 0 ? line : fallbackLine, column: Int(error.pointee.int2),
            message: Self.readable(raw.trimmingTrailingWhitespace()))
    }

    /// libxml2's message without its advice to the programmer (use XML_PARSE_HUGE option), which a user cannot take:
    /// said as the limit it is.
    static func readable(_ message: String) -> String {
        guard let advice = message.range(of: "use XML_PARSE_HUGE option") else { return message }
        let what = message[..<advice.lowerBound].trimmingCharacters(in: .whitespaces.union(CharacterSet(charactersIn: ",;")))
        return "\(what): beyond the limits ArgMark reads XML within (elements nested 256 deep, 10 MB of text in one node); split or flatten the document"
    }
}

extension String {
    func trimmingTrailingWhitespace() -> String {
        var scalars = Substring(self)
        while let last = scalars.last, last.isWhitespace { scalars.removeLast() }
        return String(scalars)
    }
}

/// libxml2 is initialised once per process before any thread uses it.
enum XMLLibrary {
    static let initialised: Bool = {
        xmlInitParser()
        return true
    }()
}

/// A parsed XML document; the one owner of its libxml2 tree, which is freed with it.
///
/// Parsing is safe for untrusted input: no network (`XML_PARSE_NONET`), no DTD loading, no entity
/// substitution (never `XML_PARSE_NOENT`), no recovery from errors (never `XML_PARSE_RECOVER`); a document that
/// declares entities is refused, so XXE and billion-laughs attacks end in an error. libxml2's own limits (depth
/// 256, 10 MB per text node) turn very deep or huge input into errors too.
public final class XMLDocument {
    let pointer: xmlDocPtr

    private init(pointer: xmlDocPtr) {
        self.pointer = pointer
    }

    deinit {
        xmlFreeDoc(pointer)
    }

    /// Parses `bytes` (the encoding declared in the document, UTF-8 by default). `registerIDs: false` skips
    /// libxml2's ID table, which only validation needs.
    public static func parse(_ bytes: [UInt8], registerIDs: Bool = true) throws(XMLError) -> XMLDocument {
        _ = XMLLibrary.initialised
        guard !bytes.isEmpty else { throw XMLError(code: 4, line: 1, column: 1, message: "the document is empty") }
        guard bytes.count < Int(Int32.max) else {
            throw XMLError(code: 0, line: 0, column: 0, message: "the document is larger than 2 GiB; split it")
        }
        // NODICT: text is not interned in the parser's dictionary, which halves parsing time on large documents.
        let options = Int32(
            XML_PARSE_NONET.rawValue | XML_PARSE_NOCDATA.rawValue | XML_PARSE_BIG_LINES.rawValue | XML_PARSE_COMPACT.rawValue
                | XML_PARSE_NODICT.rawValue)
        var parseState = ArgmarkParseState()
        return try withUnsafeMutablePointer(to: &parseState) { statePointer throws(XMLError) -> XMLDocument in
          try bytes.withUnsafeBufferPointer { buffer throws(XMLError) -> XMLDocument in
            let chars = UnsafeRawPointer(buffer.baseAddress!).assumingMemoryBound(to: CChar.self)
            // The state is read through the context's `_private` during the parse, while this pointer is valid.
            guard let context = argmark_memory_parser(chars, Int32(buffer.count), options, registerIDs ? 0 : 1, statePointer) else {
                throw XMLError(code: 0, line: 0, column: 0, message: "libxml2 could not allocate a parser")
            }
            defer { xmlFreeParserCtxt(context) }
            xmlParseDocument(context)
            context.pointee._private = nil
            let state = statePointer.pointee
            let document = context.pointee.myDoc
            context.pointee.myDoc = nil
            if state.refusedEntities != 0 {
                if let document { xmlFreeDoc(document) }
                let line = context.pointee.input.map { Int($0.pointee.line) } ?? 0
                throw XMLError(
                    code: 0, line: line, column: 0,
                    message: "the document declares entities (<!ENTITY …>), which ArgMark never expands; remove the DOCTYPE's internal subset")
            }
            guard let document, context.pointee.wellFormed != 0 else {
                if let document { xmlFreeDoc(document) }
                // Where the document first goes wrong, not the last error it led to.
                if state.hasFirstError != 0 {
                    let message = withUnsafeBytes(of: state.message) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
                    throw XMLError(code: Int(state.code), line: Int(state.line), column: Int(state.column), message: message.trimmingTrailingWhitespace())
                }
                if let error = xmlCtxtGetLastError(context) { throw XMLError(error) }
                throw XMLError(code: 0, line: 0, column: 0, message: "not well-formed XML")
            }
            return XMLDocument(pointer: document)
          }
        }
    }

    /// Parses `bytes` as HTML with libxml2's HTML parser, which reads what browsers read (unclosed tags, bare `&`)
    /// the way they do; the charset a `<meta>` declares is honoured, UTF-8 when none is (not libxml2's Latin-1). No
    /// network, and HTML has no entity declarations to expand.
    public static func parseHTML(_ bytes: [UInt8]) throws(XMLError) -> XMLDocument {
        _ = XMLLibrary.initialised
        guard !bytes.isEmpty else { throw XMLError(code: 4, line: 1, column: 1, message: "the document is empty") }
        guard bytes.count < Int(Int32.max) else {
            throw XMLError(code: 0, line: 0, column: 0, message: "the document is larger than 2 GiB; split it")
        }
        let options = Int32(
            HTML_PARSE_NONET.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue | HTML_PARSE_COMPACT.rawValue)
        guard let context = htmlNewParserCtxt() else {
            throw XMLError(code: 0, line: 0, column: 0, message: "libxml2 could not allocate a parser")
        }
        defer { htmlFreeParserCtxt(context) }
        context.pointee.sax.pointee.serror = argmark_silent_structured_error
        // libxml2 takes a page that declares no charset for Latin-1, as HTML 4 did; pages are UTF-8 now. A byte-order
        // mark outranks a <meta> (a page saved as UTF-8 that kept its old gb2312 declaration), as in browsers.
        // (A page's head may run long before its <meta>: scripts and styles first.)
        // A program or an image named .html: no charset advice would help.
        if !(bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF])), let nul = bytes.prefix(8192).firstIndex(of: 0) {
            throw XMLError(code: 0, line: 0, column: 0, message: "holds binary data (a NUL byte at byte \(nul + 1)), not a web page; is it the file you meant?")
        }
        let head = String(decoding: bytes.prefix(65_536), as: UTF8.self).lowercased()
        let hasMark = bytes.starts(with: [0xEF, 0xBB, 0xBF])
        let declared = !hasMark && (head.contains("charset") || head.contains("encoding="))
        // A page that declares nothing and is no UTF-8 (a GBK page saved without its <meta>) would read as
        // replacement characters: say so, as for a text file.
        if !declared, String(validating: bytes, as: UTF8.self) == nil {
            // The line of the first byte that is no UTF-8.
            var line = 1
            var iterator = bytes.makeIterator()
            var decoder = UTF8()
            scan: while true {
                switch decoder.decode(&iterator) {
                case .scalarValue(let scalar): if scalar == "\n" { line += 1 }
                case .emptyInput, .error: break scan
                }
            }
            throw XMLError(
                code: 0, line: line, column: 0,
                message: "the page declares no charset and is not UTF-8; add <meta charset=\"gbk\"> (or the charset it was saved in) to its head, or convert it: iconv -f GB18030 -t UTF-8 FILE > FILE.utf8.html")
        }
        let document = bytes.withUnsafeBufferPointer { buffer in
            htmlCtxtReadMemory(
                context, UnsafeRawPointer(buffer.baseAddress!).assumingMemoryBound(to: CChar.self), Int32(buffer.count), nil,
                declared ? nil : "UTF-8", options)
        }
        guard let document else { throw XMLError(code: 0, line: 0, column: 0, message: "libxml2 could not read the HTML") }
        // HTML is read however broken, but a page nested deeper than libxml2 goes loses what lies below: say so.
        if let error = xmlCtxtGetLastError(context), error.pointee.code == XML_ERR_INTERNAL_ERROR.rawValue {
            xmlFreeDoc(document)
            let line = XMLError(error).line
            throw XMLError(
                code: Int(error.pointee.code), line: line, column: 0,
                message: "elements nest deeper than 256 levels, below which libxml2 reads nothing; save the page as text instead")
        }
        return XMLDocument(pointer: document)
    }

    /// The root element.
    public var root: XMLElement? {
        guard let node = xmlDocGetRootElement(pointer) else { return nil }
        return XMLElement(node: node, owner: self)
    }

    /// The comments and processing instructions outside the root element (an editor's `<?oxygen …?>`, a comment
    /// after the end), each as "comment TEXT" or "pi NAME DATA" with its line.
    public var outerCommentsAndInstructions: [(text: String, line: Int)] {
        var result: [(String, Int)] = []
        var child = pointer.pointee.children
        while let c = child {
            if let text = describeCommentOrInstruction(c) { result.append((text, Int(xmlGetLineNo(c)))) }
            child = c.pointee.next
        }
        return result
    }
}

/// A comment node as "comment TEXT", a processing instruction as "pi NAME DATA"; nil for any other node.
private func describeCommentOrInstruction(_ node: xmlNodePtr) -> String? {
    let content = node.pointee.content.map { String(cString: $0) } ?? ""
    switch node.pointee.type {
    case XML_COMMENT_NODE: return "comment " + content
    case XML_PI_NODE: return "pi " + String(cString: node.pointee.name) + " " + content
    default: return nil
    }
}

/// The XML namespace (`xml:id`, `xml:lang`).
public let xmlNamespaceURI = "http://www.w3.org/XML/1998/namespace"

/// A piece of element content: a child element or a run of character data.
public enum XMLContent {
    case element(XMLElement)
    case text(String)
}

/// An element of a parsed ``XMLDocument``; keeps its document alive.
public struct XMLElement {
    let node: xmlNodePtr
    let owner: XMLDocument

    /// The local name (`s` for `tei:s`).
    public var name: String { String(cString: node.pointee.name) }

    /// The element's identity in its document (its node's address): two values for one element are equal, so a
    /// reader can tell an element met twice (a note collected, then met in the text) without an xml:id.
    public var identity: Int { Int(bitPattern: node) }

    /// The namespace URI, nil when none.
    public var namespace: String? { node.pointee.ns.flatMap { $0.pointee.href }.map { String(cString: $0) } }

    /// The line of the start tag.
    public var line: Int { Int(xmlGetLineNo(node)) }

    /// The value of the attribute `name` in no namespace, or in `namespace` when given (`xml:id`: name `id`,
    /// namespace ``xmlNamespaceURI``).
    public func attribute(_ name: String, namespace: String? = nil) -> String? {
        var attribute = node.pointee.properties
        while let a = attribute {
            if Self.equal(a.pointee.name, name) {
                let href = a.pointee.ns?.pointee.href
                let matches = namespace.map { Self.equal(href, $0) } ?? (href == nil)
                if matches { return Self.value(of: a) }
            }
            attribute = a.pointee.next
        }
        return nil
    }

    /// Compares a libxml2 string with a Swift string without creating a Swift string (names are compared a lot).
    @inline(__always)
    static func equal(_ c: UnsafePointer<xmlChar>?, _ s: String) -> Bool {
        guard let c else { return false }
        var s = s
        return s.withUTF8 { utf8 in
            var i = 0
            while i < utf8.count {
                if c[i] != utf8[i] { return false }
                i += 1
            }
            return c[i] == 0
        }
    }

    /// Whether the element's local name is `name`.
    public func isNamed(_ name: String) -> Bool { Self.equal(node.pointee.name, name) }

    /// `xml:id`.
    public var xmlID: String? { attribute("id", namespace: xmlNamespaceURI) }
    /// `xml:lang` on this element (not inherited).
    public var xmlLang: String? { attribute("lang", namespace: xmlNamespaceURI) }

    private static func value(of attribute: xmlAttrPtr) -> String {
        var result = ""
        var child = attribute.pointee.children
        while let c = child {
            if let content = c.pointee.content { result += String(cString: content) }
            child = c.pointee.next
        }
        return result
    }

    /// The enclosing element, nil for the root.
    public var parent: XMLElement? {
        guard let p = node.pointee.parent, p.pointee.type == XML_ELEMENT_NODE else { return nil }
        return XMLElement(node: p, owner: owner)
    }

    /// Child elements in order.
    public var children: [XMLElement] {
        var result: [XMLElement] = []
        var child = node.pointee.children
        while let c = child {
            if c.pointee.type == XML_ELEMENT_NODE { result.append(XMLElement(node: c, owner: owner)) }
            child = c.pointee.next
        }
        return result
    }

    /// Child elements named `name`.
    public func children(named name: String) -> [XMLElement] {
        var result: [XMLElement] = []
        var child = node.pointee.children
        while let c = child {
            if c.pointee.type == XML_ELEMENT_NODE, Self.equal(c.pointee.name, name) { result.append(XMLElement(node: c, owner: owner)) }
            child = c.pointee.next
        }
        return result
    }

    /// The first child element named `name`.
    public func child(_ name: String) -> XMLElement? {
        var child = node.pointee.children
        while let c = child {
            if c.pointee.type == XML_ELEMENT_NODE, Self.equal(c.pointee.name, name) { return XMLElement(node: c, owner: owner) }
            child = c.pointee.next
        }
        return nil
    }

    /// Elements and text in document order; comments and processing instructions are skipped, and entity
    /// references (never expanded) are inert.
    public var contents: [XMLContent] {
        var result: [XMLContent] = []
        var child = node.pointee.children
        while let c = child {
            switch c.pointee.type {
            case XML_ELEMENT_NODE: result.append(.element(XMLElement(node: c, owner: owner)))
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if let content = c.pointee.content { result.append(.text(String(cString: content))) }
            default: break
            }
            child = c.pointee.next
        }
        return result
    }

    /// This element's child comments and processing instructions, which `contents` skips, as "comment TEXT" or
    /// "pi NAME DATA".
    public var commentsAndInstructions: [String] {
        var result: [String] = []
        var child = node.pointee.children
        while let c = child {
            if let text = describeCommentOrInstruction(c) { result.append(text) }
            child = c.pointee.next
        }
        return result
    }

    /// The lines of this element's child comments and processing instructions, which `contents` skips.
    public var commentAndInstructionLines: [Int] {
        var lines: [Int] = []
        var child = node.pointee.children
        while let c = child {
            if c.pointee.type == XML_COMMENT_NODE || c.pointee.type == XML_PI_NODE { lines.append(Int(xmlGetLineNo(c))) }
            child = c.pointee.next
        }
        return lines
    }

    /// All attributes in one pass, as (name, value); names in the XML namespace read `xml:id`, `xml:lang`.
    public var attributes: [(name: String, value: String)] {
        var result: [(String, String)] = []
        var attribute = node.pointee.properties
        while let a = attribute {
            var name = String(cString: a.pointee.name)
            if let prefix = a.pointee.ns?.pointee.prefix { name = String(cString: prefix) + ":" + name }
            result.append((name, Self.value(of: a)))
            attribute = a.pointee.next
        }
        return result
    }

    /// Whether any child is an element (text-only elements take the fast paths).
    public var hasElementChildren: Bool {
        var child = node.pointee.children
        while let c = child {
            if c.pointee.type == XML_ELEMENT_NODE { return true }
            child = c.pointee.next
        }
        return false
    }

    /// All character data inside the element, in order, as written (no whitespace normalisation).
    public var textContent: String {
        // The common case, one text node, without concatenation.
        if let only = node.pointee.children, only.pointee.next == nil, only.pointee.type == XML_TEXT_NODE, let content = only.pointee.content {
            return String(cString: content)
        }
        var result = ""
        appendText(node, to: &result)
        return result
    }

    private func appendText(_ parent: xmlNodePtr, to result: inout String) {
        var child = parent.pointee.children
        while let c = child {
            switch c.pointee.type {
            case XML_ELEMENT_NODE: appendText(c, to: &result)
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if let content = c.pointee.content { result += String(cString: content) }
            default: break
            }
            child = c.pointee.next
        }
    }

    /// Descendant elements (depth first, document order) named `name`.
    public func descendants(named name: String) -> [XMLElement] {
        var result: [XMLElement] = []
        collect(node, name, &result)
        return result
    }

    private func collect(_ parent: xmlNodePtr, _ name: String, _ result: inout [XMLElement]) {
        var child = parent.pointee.children
        while let c = child {
            if c.pointee.type == XML_ELEMENT_NODE {
                if Self.equal(c.pointee.name, name) { result.append(XMLElement(node: c, owner: owner)) }
                collect(c, name, &result)
            }
            child = c.pointee.next
        }
    }

    /// The element serialised as XML (namespace declarations of its ancestors are not repeated).
    public var xml: String {
        guard let buffer = xmlBufferCreate() else { return "" }
        defer { xmlBufferFree(buffer) }
        xmlNodeDump(buffer, owner.pointer, node, 0, 0)
        guard let content = xmlBufferContent(buffer) else { return "" }
        return String(cString: content)
    }
}
