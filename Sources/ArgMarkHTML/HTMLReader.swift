import ArgMarkCore
import ArgMarkPipeline
import ArgMarkText
import ArgMarkXML

/// Reads a web page saved as HTML (a government report on its ministry's site, a think-tank brief, an article's
/// full text): libxml2's HTML parser reads the page as a browser would, the page's main text is found (`main` or
/// `article`, else the block that holds most of the page's paragraph text, with the page's `h1` above it; a page of
/// many short pieces is read whole), and its
/// headings, paragraphs, list items, quotations and table rows are laid out as text — headings as Markdown
/// headings at their level, a paragraph per block — which `PlainTextReader` then reads (`ArticleReader` when it opens
/// with an article's front matter): segmentation, headings, notes and all; a list of the page's notes (class or id footnotes, endnotes …) becomes its notes. Navigation,
/// scripts, styles, forms, asides and footers are left out. The title heading is the page's
/// `h1`, else its `<title>`; the head's citation and Dublin Core tags (else `<title>`, `author`, `keywords`) give the
/// document's metadata. Offsets point into that laid-out text, not into the HTML.
public struct HTMLReader: DocumentReader {
    public init() {}

    public let descriptor = PluginDescriptor(
        id: "read.html.v1", kind: .reader,
        summary: "a web page (HTML): its main text's headings, paragraphs, list items and table rows, read as plain text",
        languages: [.zh, .en, .mixed], assigns: [.sentences])
    public var formatName: String { "html" }
    public var fileExtensions: [String] { ["html", "htm", "xhtml"] }

    /// A page opens with its doctype or `<html>` (after an XML declaration or a comment, if any); a text that only
    /// mentions `<html>` is no page.
    public func sniff(_ prefix: Substring) -> Int {
        let head = prefix.prefix(1024).drop { $0.isWhitespace || $0 == "\u{FEFF}" }.lowercased()
        if head.hasPrefix("<!doctype html") || head.hasPrefix("<html") { return 60 }
        if head.hasPrefix("<?xml") || head.hasPrefix("<!--"), head.contains("<html") { return 60 }
        return 0
    }

    public func read(_ input: ReaderInput) throws(DocumentReadError) -> Document {
        if input.bytes.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) { throw .empty }
        let page: XMLDocument
        do { page = try XMLDocument.parseHTML(Self.withoutConditionalComments(input.bytes)) } catch { throw .malformed(line: error.line, message: error.message) }
        guard let root = page.root else { throw .noSentences }
        var layout = HTMLLayout()
        layout.lay(out: root)
        guard !layout.text.allSatisfy(\.isWhitespace) else { throw .noSentences }
        var document = try LaidOutText.read(layout.text, sourcePath: input.sourcePath, documentID: input.documentID)
        Self.recordHead(of: root, pageTitle: layout.pageTitle, into: &document.metadata)
        document.metadata.fields[DocumentMetadata.sourceFormatField] = "html"
        return document
    }

    /// What the page's head says of the document, where the text said nothing: the scholarly meta tags journals and
    /// repositories set for citation managers (Highwire `citation_*`, Dublin Core `DC.*`), else the page's `h1` or
    /// `<title>` and its `author` / `keywords` tags. The `h1` stays the text's heading.
    /// `pageTitle` is the layout's (`HTMLLayout.pageTitle`), found while the page was laid out.
    static func recordHead(of root: XMLElement, pageTitle: String?, into metadata: inout DocumentMetadata) {
        // A page without a head (a fragment) still has its h1.
        let head = root.child("head") ?? root.descendants(named: "head").first
        var meta: [String: [String]] = [:]
        for tag in head?.children(named: "meta") ?? [] {
            guard let name = (tag.attribute("name") ?? tag.attribute("property"))?.lowercased(),
                  let content = tag.attribute("content").map(MarkupText.collapsingWhitespace), !content.isEmpty else { continue }
            meta[name, default: []].append(content)
        }
        func first(_ names: String...) -> String? { names.lazy.compactMap { meta[$0]?.first }.first }
        // The page's h1, else its <title>, which often carries the site's name (… - 外交部).
        // (ArticleTitle: gov.cn's pages.)
        if let title = first("citation_title", "dc.title", "articletitle", "og:title") ?? pageTitle {
            metadata.offerTitle(title)
        }
        if metadata.authors.isEmpty {
            // citation_authors: the older tag, every name in one ("Doe, Jane; Roe, Richard").
            metadata.authors = meta["citation_author"] ?? meta["citation_authors"].map { $0.flatMap { $0.split(separator: ";").map { MarkupText.collapsingWhitespace(String($0)) } } }
                ?? meta["dc.creator"] ?? meta["author"].map { Array($0.prefix(1)) } ?? []
        }
        if metadata.doi == nil {
            metadata.doi = ["citation_doi", "prism.doi", "dc.identifier"].lazy.compactMap { meta[$0] }.joined().lazy.compactMap(doi).first
        }
        if metadata.fields["date"] == nil, let date = first("citation_publication_date", "citation_date", "dc.date", "article:published_time") {
            metadata.fields["date"] = date
        }
        if metadata.fields["journal"] == nil, let journal = first("citation_journal_title") { metadata.fields["journal"] = journal }
        if let abstract = first("citation_abstract", "dc.description") { metadata.offerAbstract(abstract) }
        // Repositories write one citation_keywords tag per keyword, others one tag for all.
        // (keywords and Keywords tags are one name here: a keyword they share is kept once.)
        var seen = Set<String>()
        metadata.offerKeywords((meta["citation_keywords"] ?? meta["keywords"] ?? []).flatMap(ArticleReader.splitKeywords).filter { seen.insert($0).inserted })
    }

    /// The DOI a tag gives: bare (10.1234/x), as doi:… or as a doi.org address; an identifier that merely contains
    /// "10." (a page's address) is none.
    static func doi(_ value: String) -> String? {
        var rest = Substring(value)
        for prefix in ["https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "http://dx.doi.org/", "doi:", "DOI:"] where rest.hasPrefix(prefix) {
            rest = rest.dropFirst(prefix.count)
            break
        }
        rest = rest.drop { $0 == " " }
        // 10. + a registrant code of four to nine digits + / + a suffix.
        guard rest.hasPrefix("10."), let slash = rest.firstIndex(of: "/") else { return nil }
        let registrant = rest[rest.index(rest.startIndex, offsetBy: 3)..<slash]
        guard (4...9).contains(registrant.count), registrant.allSatisfy({ $0.isASCII && $0.isNumber }), slash < rest.index(before: rest.endIndex) else { return nil }
        return String(rest)
    }
}

extension HTMLReader {
    /// `bytes` without Internet Explorer's downlevel-revealed conditional comments (`<![if !supportFootnotes]>`,
    /// `<![endif]>`, as Word's "Save as Web Page" writes around its note numbers), which browsers ignore and libxml2
    /// would read as text; what stands between them is kept, as browsers show it.
    static func withoutConditionalComments(_ bytes: [UInt8]) -> [UInt8] {
        let open = Array("<![".utf8)
        guard ByteSearch.firstIndex(bytes, open) != nil else { return bytes }
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            // Only <![if …]> whose "]>" closes it before any other ">", and <![endif]> exactly: a hidden
            // conditional comment's <![endif]--> and the text after it stay.
            if bytes[i] == 0x3C, i + 4 < bytes.count, bytes[i + 1] == 0x21, bytes[i + 2] == 0x5B {
                if bytes[i + 3] == 0x69, bytes[i + 4] == 0x66,  // <![if
                   let close = bytes[(i + 5)..<min(bytes.count, i + 200)].firstIndex(of: 0x3E), bytes[close - 1] == 0x5D {
                    i = close + 1
                    continue
                }
                let endif = Array("<![endif]>".utf8)
                if i + endif.count <= bytes.count, Array(bytes[i..<(i + endif.count)]) == endif {
                    i += endif.count
                    continue
                }
            }
            result.append(bytes[i])
            i += 1
        }
        return result
    }
}

/// A page's main text laid out as plain text with Markdown headings.
struct HTMLLayout {
    private(set) var text = ""
    /// The page's title (`pageTitle(_:_:main:)`), found with its main text.
    private(set) var pageTitle: String?
    /// Whether the line being written has text yet, and whether a space is due before the next word.
    private var lineOpen = false
    private var pendingSpace = false
    /// Whether the whitespace due holds a line break of the source.
    private var pendingBreak = false

    /// Elements whose text is no part of the page's content.
    static let skipped: Set<String> = [
        "head", "script", "style", "noscript", "template", "nav", "aside", "footer", "form", "button", "select", "option",
        "textarea", "iframe", "svg", "canvas", "object", "embed", "figure", "img", "video", "audio", "map", "menu",
    ]
    /// Elements that stand as blocks: each opens a paragraph of its own.
    static let blocks: Set<String> = [
        "p", "div", "section", "article", "main", "header", "blockquote", "pre", "li", "dd", "dt", "tr", "table", "ul",
        "ol", "dl", "address", "center", "body", "caption", "details", "summary", "hr",
    ]

    mutating func lay(out root: XMLElement) {
        let body = Self.body(of: root)
        let main = Self.mainText(of: body)
        // A page's title often stands above its text block, outside it.
        pageTitle = Self.pageTitle(body, root, main: main)
        if let main, main.descendants(named: "h1").isEmpty, let title = pageTitle {
            heading(title, level: 1)
        }
        render(main ?? body)
        closeBlock()
        // A page may set its notes after its main text (<ol class="footnotes"> after </article>): when the main text
        // held none but marks a first note, they are looked for in the whole page, its navigation and scripts aside.
        if main != nil, notes.isEmpty, text.contains("[1]") { collectNotes(in: body) }
        // The notes a page lists apart (footnotes, endnotes), as Markdown footnotes after the text.
        for (n, note) in notes.enumerated() { text += "[^\(n + 1)]: \(note)\n" }
    }

    /// The entries of the page's notes lists, in order.
    private var notes: [String] = []
    /// Whether a list item's marker is still to be written before its first text.
    private var listMarkerPending = false
    /// Whether the last thing laid out is a notes heading (参考文献, References): a list right under it is the notes.
    private var afterNotesHeading = false
    /// The headings a numbered list of notes stands under (not Sources or Literature, which head a text's own sections).
    static let notesHeadings: Set<String> = ["参考文献", "注释", "注", "尾注", "注释与参考文献", "references", "notes", "endnotes", "footnotes", "bibliography", "workscited", "notesandreferences", "referencesandnotes"]

    /// An element's text without the furniture inside it (`furnitureClasses`).
    static func text(of element: XMLElement) -> String {
        var out = ""
        for content in element.contents {
            switch content {
            case .text(let value): out += value
            case .element(let child):
                if skipped.contains(child.name.lowercased()) || isHidden(child) || classNames(child).contains(where: furnitureClasses.contains) { continue }
                out += text(of: child)
            }
        }
        return out
    }

    /// Adds the entries of every notes list under `element` (`isNotesList`), in page order.
    private mutating func collectNotes(in element: XMLElement) {
        // A page footer is no text, but a page may keep its notes list there (<footer><ol class="footnotes">).
        for child in element.children where !Self.skipped.contains(child.name.lowercased()) || child.name.lowercased() == "footer" {
            if Self.isNotesList(child) {
                addNotes(of: child)
            } else {
                collectNotes(in: child)
            }
        }
    }

    /// Each entry of a notes list (a list item, else a paragraph) is a note; its back-link arrows go.
    private mutating func addNotes(of list: XMLElement) {
        for (n, entry) in Self.noteEntries(of: list).enumerated() {
            // Back-links go: ↩ (Pandoc writes it with the text-style selector U+FE0E), ↑, MediaWiki's ^.
            var value = MarkupText.collapsingWhitespace(Self.text(of: entry)
                .replacingOccurrences(of: "↩\u{FE0E}", with: " ").replacingOccurrences(of: "↩", with: " ")
                .replacingOccurrences(of: "↑", with: " "))
            // A note opening with its own bracketed number (Word's [1] 张三：…) is numbered by the list's order.
            // (Only the entry's own number: [2019] UKSC 41 keeps its year.)
            if value.hasPrefix("["), let close = value.firstIndex(of: "]"),
               Int(value[value.index(after: value.startIndex)..<close]) == notes.count + 1 || Int(value[value.index(after: value.startIndex)..<close]) == n + 1 {
                value = value[value.index(after: close)...].trimmingCharacters(in: .whitespaces)
            }
            // A CourtListener note opens with its own number (<a href="#r1">1</a> …; a publisher's <span>1</span>): the
            // list's order numbers it. Only a number that opens the entry (Ibid. at <a>12</a>. keeps its words).
            // (The entry's own number, n + 1, however the text runs on after it: <span>1</span><p>国务院办公厅…; not a
            // year, <span>2022</span> data.)
            if case .element(let first)? = entry.contents.first(where: { if case .text(let t) = $0 { !t.allSatisfy(\.isWhitespace) } else { true } }),
               first.isNamed("a") || first.isNamed("span") || first.isNamed("sup") {
                let number = MarkupText.collapsingWhitespace(first.textContent)
                if let own = Int(number), own == n + 1 || own == notes.count + 1, value.hasPrefix(number) {
                    value = value.dropFirst(number.count).trimmingCharacters(in: .whitespaces)
                }
            }
            if !value.isEmpty { notes.append(value) }
        }
    }

    /// Whether `element` lists the page's notes: one of its class or id names is a notes list's (footnotes,
    /// wp-block-footnotes, fn-list, endnotes, 注释), or it is a numbered list of references (MediaWiki's
    /// `ol class="references"`), and it holds entries (list items, paragraphs or one element per note). A name
    /// that only says the text has notes (`entry-content has-footnotes`) is no list: the article is not its notes.
    static func isNotesList(_ element: XMLElement) -> Bool {
        let names = classNames(element) + ((element.attribute("id") ?? "").lowercased().split(separator: " ").map(String.init))
        let named = names.contains { name in
            !name.hasPrefix("has-") && !name.hasPrefix("with-") && !name.hasSuffix("-ref") && !name.hasSuffix("-link")
                && ["footnote", "endnote", "fn-list", "notes-list", "注释"].contains { name.contains($0) }
        }
        let references = element.isNamed("ol") && names.contains { $0 == "references" || $0 == "reflist" }
            // Word's "Save as Web Page": <div style='mso-element:footnote-list'> holds a div per note.
            || ["mso-element:footnote-list", "mso-element:endnote-list"].contains(where: style(of: element).contains)
        // Only a block holds a list of notes: an inline <span class="easy-footnote"> around a marker is a marker.
        return (named || references) && notesListElements.contains(element.name.lowercased()) && !noteEntries(of: element).isEmpty
    }

    /// The elements a page's notes list can be.
    static let notesListElements: Set<String> = ["div", "section", "ol", "ul", "aside", "footer", "dl", "details", "table"]

    /// The lower-cased names of `element`'s class attribute.
    static func classNames(_ element: XMLElement) -> [String] {
        (element.attribute("class") ?? "").lowercased().split(whereSeparator: \.isWhitespace).map(String.init)
    }

    /// The entries of a notes list: its list items, else its paragraphs, else a table's rows (docutils), else its
    /// child `div`s (CourtListener's `div class="footnote"` per note).
    static func noteEntries(of list: XMLElement) -> [XMLElement] {
        let items = list.descendants(named: "li")
        if !items.isEmpty { return items }
        let paragraphs = list.descendants(named: "p")
        if !paragraphs.isEmpty { return paragraphs }
        // docutils (Sphinx) sets its footnotes in a table, a row per note.
        let rows = list.descendants(named: "tr")
        if !rows.isEmpty { return rows }
        return list.children.filter { $0.isNamed("div") && !$0.textContent.allSatisfy(\.isWhitespace) }
    }

    /// Whether a browser shows `element` not at all: the `hidden` attribute, or a style of `display: none` or
    /// `visibility: hidden` (an embargo note, a draft's comment, a menu's copy).
    static func isHidden(_ element: XMLElement) -> Bool {
        if element.attribute("hidden") != nil { return true }
        let style = style(of: element)
        return style.contains("display:none") || style.contains("visibility:hidden")
    }

    /// An element's inline style, lower-cased and without spaces (display: none reads display:none).
    static func style(of element: XMLElement) -> String {
        (element.attribute("style") ?? "").lowercased().filter { !$0.isWhitespace }
    }

    /// Class names of a page's furniture inside its text: MediaWiki's [edit] links and its notes' ^ back-links.
    static let furnitureClasses: Set<String> = ["mw-editsection", "mw-cite-backlink"]

    /// `main` or `article` when one holds most of the page's paragraph text, else the element holding the most
    /// paragraph text as its own children, if that is a third of the page's at least; nil when no block stands out
    /// or the page has no paragraphs to weigh (the page is then read whole).
    static func mainText(of body: XMLElement) -> XMLElement? {
        let total = paragraphText(body, deep: true)
        guard total > 0 else { return nil }
        for name in ["main", "article"] {
            let candidates = body.descendants(named: name).filter { !isSkipped($0) }
            if let best = candidates.max(by: { paragraphText($0, deep: true) < paragraphText($1, deep: true) }),
               2 * paragraphText(best, deep: true) >= total {
                return best
            }
        }
        var best: (element: XMLElement, weight: Int)?
        func visit(_ element: XMLElement) {
            guard !skipped.contains(element.name.lowercased()) else { return }
            let own = paragraphText(element, deep: false)
            if own > (best?.weight ?? 0) { best = (element, own) }
            for child in element.children { visit(child) }
        }
        visit(body)
        // A page of many short pieces (a list of articles) has no one block of text: it is read whole.
        guard let best, 3 * best.weight >= total else { return nil }
        return best.element
    }

    /// The text length of `element`'s `p` children (or of all its `p` descendants, `deep`) outside skipped parts.
    static func paragraphText(_ element: XMLElement, deep: Bool) -> Int {
        var length = 0
        for child in element.children where !skipped.contains(child.name.lowercased()) {
            if child.isNamed("p") {
                length += child.textContent.unicodeScalars.count { !$0.properties.isWhitespace }
            } else if deep {
                length += paragraphText(child, deep: true)
            }
        }
        return length
    }

    private static func isSkipped(_ element: XMLElement) -> Bool {
        var node: XMLElement? = element
        while let current = node {
            if skipped.contains(current.name.lowercased()) { return true }
            node = current.parent
        }
        return false
    }

    /// The page's body (the root itself for a fragment libxml2 gave no body).
    static func body(of root: XMLElement) -> XMLElement { root.isNamed("body") ? root : (root.child("body") ?? root) }

    /// The page's title: its first `h1` outside navigation, else `<title>`.
    static func pageTitle(_ body: XMLElement, _ root: XMLElement, main: XMLElement?) -> String? {
        // The main text's own h1 before one in a site header above it (中国知网 above the article's title).
        let h1 = (main?.descendants(named: "h1").first { !isSkipped($0) } ?? body.descendants(named: "h1").first { !isSkipped($0) })
            .map { MarkupText.collapsingWhitespace($0.textContent) }
        if let h1, !h1.isEmpty { return h1 }
        let title = root.child("head")?.child("title").map { MarkupText.collapsingWhitespace($0.textContent) }
        return title?.isEmpty == false ? title : nil
    }


    private mutating func render(_ element: XMLElement) {
        let contents = element.contents
        for (k, content) in contents.enumerated() {
            switch content {
            case .text(let value): inline(value)
            case .element(let child):
                let name = child.name.lowercased()
                if Self.skipped.contains(name) || Self.isHidden(child) { continue }
                if name == "pre" {
                    // Preformatted text keeps its lines, as a browser shows them: a blank line parts paragraphs.
                    closeBlock()
                    for line in Self.text(of: child).split(separator: "\n", omittingEmptySubsequences: false) {
                        if line.allSatisfy(\.isWhitespace) {
                            closeBlock()
                        } else {
                            inline(String(line))
                            closeLine()
                        }
                    }
                    closeBlock()
                    continue
                }
                if name.count == 2, name.first == "h", let level = Int(String(name.last!)), (1...6).contains(level) {
                    heading(MarkupText.collapsingWhitespace(Self.text(of: child)), level: level)
                } else if name == "br" {
                    if Self.breaksMidSentence(currentLine, before: contents[(k + 1)...]) {
                        // A break set inside a sentence (the 2018 trade war<br>cost billions) is no paragraph's end;
                        // read as its own line, the text before it became a heading.
                        pendingSpace = lineOpen
                        pendingBreak = true
                    } else {
                        closeLine()
                    }
                } else if name == "sup", let number = Int(MarkupText.collapsingWhitespace(child.textContent)), number < 1000,
                          !child.descendants(named: "a").isEmpty || element.isNamed("a") || text.unicodeScalars.last.map(Self.closesClause) == true {
                    // A note number set as a superscript — a link to the note, or after a mark — reads as a marker;
                    // an exponent (km<sup>2</sup>) does not.
                    pendingSpace = false
                    inline("[\(number)]")
                } else if Self.isNotesList(child)
                    || (afterNotesHeading && name == "ol" && !Self.noteEntries(of: child).isEmpty) {
                    // (A journal page's <h2>参考文献</h2><ol class="ref"><li>[1] …: a numbered list under a notes
                    // heading. An unnumbered one, author–year references, is read as the text's reference list.)
                    addNotes(of: child)
                } else if Self.classNames(child).contains(where: Self.furnitureClasses.contains) {
                    continue
                } else if name == "table", Self.isDataTable(child) {
                    // A table of figures is no prose; a table that lays out the page's text is read through.
                    continue
                } else if Self.blocks.contains(name) {
                    closeBlock()
                    // A list item's marker goes before its first text, also when a paragraph holds it (<li><p>),
                    // so that a short item reads as an item, not as a heading.
                    if name == "li" { listMarkerPending = true }
                    render(child)
                    listMarkerPending = false
                    closeBlock()
                } else if name == "td" || name == "th" {
                    if lineOpen { pendingSpace = true }
                    render(child)
                } else {
                    render(child)
                }
            }
        }
    }

    private mutating func heading(_ value: String, level: Int) {
        guard !value.isEmpty else { return }
        closeBlock()
        text += String(repeating: "#", count: level) + " " + value + "\n\n"
        afterNotesHeading = Self.notesHeadings.contains(value.lowercased().filter { !$0.isWhitespace && $0 != ":" && $0 != "：" })
    }

    private mutating func inline(_ value: String) {
        for scalar in value.unicodeScalars {
            if scalar.properties.isWhitespace {
                pendingSpace = lineOpen
                if scalar == "\n" || scalar == "\r" { pendingBreak = true }
            } else {
                // A line break in the source next to a Chinese character is no space (增长|7.8%); a space typed
                // between Chinese words (关键词 数字贸易 规则) is.
                if pendingSpace, !(pendingBreak && (scalar.isCJKText || text.unicodeScalars.last?.isCJKText == true)) {
                    text.unicodeScalars.append(" ")
                }
                pendingSpace = false
                pendingBreak = false
                afterNotesHeading = false
                if listMarkerPending, !lineOpen {
                    text += "- "
                    listMarkerPending = false
                }
                text.unicodeScalars.append(scalar)
                lineOpen = true
            }
        }
    }

    /// Whether `table` holds data rather than the page's text: no paragraph in it and no cell of prose length.
    static func isDataTable(_ table: XMLElement) -> Bool {
        guard table.descendants(named: "p").isEmpty else { return false }
        return !(table.descendants(named: "td") + table.descendants(named: "th")).contains {
            MarkupText.collapsingWhitespace($0.textContent).unicodeScalars.count > 80
        }
    }

    /// Punctuation a note number follows: the end of a sentence or clause, or a closing quote or bracket.
    private static func closesClause(_ scalar: Unicode.Scalar) -> Bool {
        ".,;:!?)]”’\"'。，；：！？）」』》".unicodeScalars.contains(scalar)
    }

    /// The text of the line being written.
    private var currentLine: Substring {
        guard lineOpen else { return "" }
        let start = text.lastIndex(of: "\n").map { text.index(after: $0) } ?? text.startIndex
        return text[start...]
    }

    /// Whether a `<br>` after `line` falls inside a sentence: the line ends without a mark that closes a sentence, a
    /// label or a salutation (。.!?:；…,，), is no numbered heading (一、… / 1. …) and no label: value line (联系人：张三),
    /// and the text after the break goes on — in lower case (the 2018 trade war<br>cost billions), or in Chinese after
    /// a line holding a clause's comma (例如，2018年的贸易摩擦<br>造成了…) and not indented as a paragraph's start (　　).
    /// A second `<br>` right after it parts paragraphs.
    static func breaksMidSentence(_ line: Substring, before following: ArraySlice<XMLContent>) -> Bool {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        guard let last = trimmed.unicodeScalars.last, !"。！？!?.:：；;…”」』\"')）,，".unicodeScalars.contains(last),
              !HeadingDetector.isNumbered(trimmed), !trimmed.contains("："), !trimmed.contains(": ")
        else { return false }
        var next: Unicode.Scalar?
        var indented = false
        search: for content in following {
            let text: String
            switch content {
            case .text(let value): text = value
            case .element(let element):
                if element.name.lowercased() == "br" { return false }
                text = element.textContent
            }
            for scalar in text.unicodeScalars {
                // An ideographic space or two no-break spaces: the indent a Chinese page gives a paragraph's start.
                if scalar == "\u{3000}" || scalar == "\u{A0}" { indented = true }
                if !scalar.properties.isWhitespace {
                    next = scalar
                    break search
                }
            }
        }
        guard let next, !indented else { return false }
        if next.properties.isLowercase { return true }
        return next.isCJKText && trimmed.unicodeScalars.contains { "，、".unicodeScalars.contains($0) }
    }

    private mutating func closeLine() {
        if lineOpen { text += "\n" }
        lineOpen = false
        pendingSpace = false
    }

    /// Ends the paragraph being written with a blank line.
    private mutating func closeBlock() {
        if lineOpen { text += "\n\n" }
        lineOpen = false
        pendingSpace = false
    }
}
