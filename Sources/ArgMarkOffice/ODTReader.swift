import ArgMarkCore
import ArgMarkPipeline
import ArgMarkText
import ArgMarkXML

/// Reads an OpenDocument text (.odt, as LibreOffice and WPS save it: a ZIP archive with `content.xml`): headings at
/// their outline level, paragraphs and list items in order, sections read through, tables of prose read through and
/// tables of figures left out, a text box's paragraphs after the paragraph it is anchored in, tracked changes as the
/// text stands, and each footnote or endnote (set inline where
/// it is cited) as a note, its citation a marker. Laid out as text with Markdown headings and footnotes, as the Word
/// reader lays out a .docx, and read as `PlainTextReader` reads text.
public struct ODTReader: DocumentReader {
    public init() {}

    public let descriptor = PluginDescriptor(
        id: "read.odt.v1", kind: .reader,
        summary: "an OpenDocument text (.odt): headings, paragraphs, lists and notes, read as plain text",
        languages: [.zh, .en, .mixed], assigns: [.sentences])
    public var formatName: String { "odt" }
    public var fileExtensions: [String] { ["odt"] }

    /// A ZIP archive whose first member, `mimetype`, names an OpenDocument text.
    public func sniff(_ prefix: Substring) -> Int {
        prefix.hasPrefix("PK\u{03}\u{04}") && prefix.prefix(200).contains("application/vnd.oasis.opendocument.text") ? 70 : 0
    }

    public func read(_ input: ReaderInput) throws(DocumentReadError) -> Document {
        try OfficeXML.read(input, kind: ".odt", layout: Self.layout)
    }
}

extension ODTReader {
    /// The text's body laid out as plain text with Markdown headings and footnotes.
    static func layout(_ bytes: [UInt8]) throws(ZipArchive.Failure) -> OfficeXML.LaidOut {
        let archive = try ZipArchive(bytes)
        guard let content = try archive.member("content.xml") else {
            throw .damaged("it has no content.xml (an .odt from LibreOffice or WPS has one)")
        }
        var layout = OpenDocumentLayout()
        layout.render(try OfficeXML.parse(content, "content.xml"))
        return OfficeXML.LaidOut(text: layout.finished(), title: nil)
    }
}

/// An OpenDocument text's body laid out as text.
struct OpenDocumentLayout {
    static let textNamespace = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"

    private var text = ""
    private var notes: [String] = []
    /// Whether the next paragraph opens a list item.
    private var listItemOpen = false
    /// The text boxes (`draw:frame/draw:text-box`, a report's "Box 1" sidebar) anchored in the paragraph just read:
    /// their paragraphs follow it as paragraphs of their own, not run into its sentence.
    private var anchoredTextBoxes: [XMLElement] = []

    private mutating func layOutTextBoxes() {
        let boxes = anchoredTextBoxes
        anchoredTextBoxes = []
        let held = listItemOpen
        listItemOpen = false
        for box in boxes { blocks(box) }
        listItemOpen = held
    }

    mutating func render(_ root: XMLElement) {
        guard let body = root.child("body")?.child("text") else { return }
        blocks(body)
    }

    private mutating func blocks(_ element: XMLElement) {
        for child in element.children {
            switch child.name {
            case "h":
                let level = child.attribute("outline-level", namespace: Self.textNamespace).flatMap(Int.init) ?? 1
                let value = inline(child)
                // Markdown has six levels; a deeper heading is still a heading.
                if !value.isEmpty { text += String(repeating: "#", count: min(max(level, 1), 6)) + " " + value + "\n\n" }
                layOutTextBoxes()
            case "p":
                let value = inline(child)
                if !value.isEmpty {
                    text += (listItemOpen ? "- " : "") + value + "\n\n"
                    listItemOpen = false
                }
                layOutTextBoxes()
            case "frame":
                // A frame anchored to the page stands among the paragraphs; its text box is read where it stands.
                for box in child.children where box.name == "text-box" { blocks(box) }
            case "list-item", "list-header":
                // A list item's first paragraph is a list item, not a short line that would read as a heading.
                listItemOpen = true
                blocks(child)
                listItemOpen = false
            case "list", "section", "table-row", "table-rows", "table-header-rows", "table-cell":
                blocks(child)
            case "table":
                if !OfficeXML.isDataTable(child, cell: "table-cell", text: "p") { blocks(child) }
            default:
                continue
            }
        }
    }

    /// A paragraph's text: spans, links and fields read through, `text:s` as its spaces, a tab or a line break as a
    /// space, a note as its marker [n] (its body kept for the notes), tracked-change marks and annotations left out.
    private mutating func inline(_ element: XMLElement) -> String {
        Self.collapsed(inlineText(element))
    }

    /// Runs of spaces, tabs, line breaks and no-break spaces as one space, none at the ends.
    private static func collapsed(_ text: String) -> String {
        OfficeXML.resolvingLineBreaks(text).split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\u{A0}" }).joined(separator: " ")
    }

    /// `inline`'s text before its spaces are collapsed: a span's or link's own spaces at its edges are the text's
    /// (LibreOffice writes `that <span>fiscal rules </span>should`), so they are kept until the paragraph is whole.
    private mutating func inlineText(_ element: XMLElement) -> String {
        var out = ""
        for content in element.contents {
            switch content {
            case .text(let value): out += value
            case .element(let child):
                switch child.name {
                case "s": out += String(repeating: " ", count: child.attribute("c", namespace: Self.textNamespace).flatMap(Int.init) ?? 1)
                case "tab": out += " "
                case "line-break": out += OfficeXML.lineBreak
                case "note":
                    guard let body = child.child("note-body") else { continue }
                    // A note's text boxes are left out, as the Word reader leaves them: laid out, they would land
                    // in the body after the paragraph citing the note.
                    let boxes = anchoredTextBoxes
                    let paragraphs = body.children.map { Self.collapsed(inlineText($0)) }.filter { !$0.isEmpty }
                    anchoredTextBoxes = boxes
                    notes.append(paragraphs.joined(separator: " "))
                    out += "[\(notes.count)]"
                case "frame":
                    anchoredTextBoxes += child.children.filter { $0.name == "text-box" }
                case "annotation", "annotation-end", "change-start", "change-end", "change", "bookmark", "bookmark-start",
                     "bookmark-end", "soft-page-break":
                    continue
                default: out += inlineText(child)
                }
            }
        }
        return out
    }

    func finished() -> String {
        var result = text
        for (n, note) in notes.enumerated() { result += "[^\(n + 1)]: \(note)\n" }
        return result
    }
}

/// What the Word and OpenDocument readers share: reading an archive's laid-out text as plain text, parsing a part,
/// and telling a table of figures from one of prose.
enum OfficeXML {
    /// Stands for a line break inside a paragraph until the paragraph is whole (`resolvingLineBreaks`).
    static let lineBreak = "\u{1}"

    /// A paragraph's line breaks as spaces, except between Chinese characters, where a break is no space
    /// (数字政府建设|取得了显著成效).
    static func resolvingLineBreaks(_ text: String) -> String {
        guard text.unicodeScalars.contains("\u{1}") else { return text }
        var scalars = String.UnicodeScalarView()
        let all = Array(text.unicodeScalars)
        for (i, scalar) in all.enumerated() {
            guard scalar == "\u{1}" else {
                scalars.append(scalar)
                continue
            }
            let before = scalars.last, after = all[(i + 1)...].first { $0 != "\u{1}" }
            if !(before?.isCJKText == true && after?.isCJKText == true) { scalars.append(" ") }
        }
        return String(scalars)
    }

    /// A file's text laid out as plain text, and the title a paragraph style marks (Word's Title), if any.
    struct LaidOut {
        var text: String
        var title: String?
    }

    /// The document `layout` makes of the archive's parts, read as text is (`LaidOutText`: as an article when it
    /// opens with an article's front matter); a damaged archive is "not a readable `kind`". The title a paragraph
    /// style marks comes before the file's properties' (often a template's, or empty), unless theirs is it continued.
    static func read(
        _ input: ReaderInput, kind: String, layout: ([UInt8]) throws(ZipArchive.Failure) -> LaidOut
    ) throws(DocumentReadError) -> Document {
        guard !input.bytes.isEmpty else { throw .empty }
        let laidOut: LaidOut
        do { laidOut = try layout(input.bytes) } catch {
            switch error {
            case .damaged(let message): throw .malformed(line: 0, message: "not a readable \(kind): \(message)")
            case .unsupported(let message): throw .unsupported(message)
            }
        }
        let text = laidOut.text
        guard !text.allSatisfy(\.isWhitespace) else { throw .noSentences }
        var document = try LaidOutText.read(text, sourcePath: input.sourcePath, documentID: input.documentID)
        let titled = laidOut.title != nil && document.metadata.titles.isEmpty
        recordProperties(input.bytes, into: &document.metadata)
        if titled, let title = laidOut.title {
            // The properties' title only where it is the paragraph's with more to it (a subtitle): the author set
            // both. Any other (a template's Document1, in whatever language) gives way.
            let continued = document.metadata.titles.values.first { $0 != title && $0.hasPrefix(title)
                && $0.dropFirst(title.count).first.map { " :：—–-（(,，".contains($0) } == true }
            let chosen = continued ?? title
            document.metadata.titles = [DocumentMetadata.languageKey(of: chosen): chosen]
        }
        document.metadata.fields[DocumentMetadata.sourceFormatField] = String(kind.drop { $0 == "." })
        return document
    }

    /// The document properties a Word (`docProps/core.xml`) or OpenDocument (`meta.xml`) file keeps, where the text
    /// said nothing: its title, description (as the abstract) and keywords, in Dublin Core terms. The file's creator is
    /// left out: it is the account that made the file (Administrator, 微软用户) as often as the author.
    static func recordProperties(_ bytes: [UInt8], into metadata: inout DocumentMetadata) {
        guard let archive = try? ZipArchive(bytes) else { return }
        let part = ["docProps/core.xml", "meta.xml"].lazy.compactMap { name in (try? archive.member(name)).flatMap { $0 } }.first
        guard let part, let root = try? XMLDocument.parse(part, registerIDs: false).root else { return }
        func values(_ name: String) -> [String] {
            root.descendants(named: name).map { MarkupText.collapsingWhitespace($0.textContent) }.filter { !$0.isEmpty }
        }
        if let title = values("title").first { metadata.offerTitle(title) }
        if let description = values("description").first { metadata.offerAbstract(description) }
        // Word keeps its keywords in one string (cp:keywords), OpenDocument one meta:keyword each.
        metadata.offerKeywords((values("keywords") + values("keyword")).flatMap(ArticleReader.splitKeywords))
    }

    static func parse(_ bytes: [UInt8], _ part: String) throws(ZipArchive.Failure) -> XMLElement {
        do {
            guard let root = try XMLDocument.parse(bytes, registerIDs: false).root else { throw ZipArchive.Failure.damaged("\(part) is empty") }
            return root
        } catch let error as ZipArchive.Failure {
            throw error
        } catch {
            throw .damaged("\(part): \(error)")
        }
    }

    /// Whether a table holds figures rather than prose: no cell whose text (its `text` elements') is of prose length.
    static func isDataTable(_ table: XMLElement, cell: String, text: String) -> Bool {
        !table.descendants(named: cell).contains { cell in
            cell.descendants(named: text).map(\.textContent).joined().count > 80
        }
    }
}
