import ArgMarkCore
import ArgMarkPipeline
import ArgMarkText
import ArgMarkXML

/// Reads a Word document (.docx: a ZIP archive of WordprocessingML, as Word, LibreOffice and WPS save it): the body's
/// paragraphs in order, a heading where its style is a heading style or gives an outline level (by the style's
/// name, heading 1 … 标题 1 … Title, so that a Chinese Word's numbered style ids read too), the text of tracked
/// insertions but not of deletions, tables of prose read through and tables of figures left out, a text box's
/// paragraphs after the paragraph it is anchored in, and the foot- and
/// endnotes as the document's notes, each reference a marker numbered as Word numbers it (in the order of
/// reference). The text so laid out — headings as Markdown headings, the notes as Markdown footnotes — is read as
/// `PlainTextReader` reads text; offsets point into that layout, not into the archive.
public struct DOCXReader: DocumentReader {
    public init() {}

    public let descriptor = PluginDescriptor(
        id: "read.docx.v1", kind: .reader,
        summary: "a Word document (.docx): paragraphs, heading styles, foot- and endnotes, read as plain text",
        languages: [.zh, .en, .mixed], assigns: [.sentences])
    public var formatName: String { "docx" }
    public var fileExtensions: [String] { ["docx"] }

    /// A ZIP archive that names a `word/` part near its start.
    public func sniff(_ prefix: Substring) -> Int {
        prefix.hasPrefix("PK\u{03}\u{04}") && prefix.prefix(4096).contains("word/") ? 70 : 0
    }

    public func read(_ input: ReaderInput) throws(DocumentReadError) -> Document {
        try OfficeXML.read(input, kind: ".docx", layout: Self.layout)
    }

    /// The document's text laid out as plain text with Markdown headings and footnotes.
    static func layout(_ bytes: [UInt8]) throws(ZipArchive.Failure) -> OfficeXML.LaidOut {
        let archive = try ZipArchive(bytes)
        // The main part is word/document.xml, or where the package's relationships say (Word Online and Office
        // 365 write word/document2.xml).
        let main = try archive.member("word/document.xml") != nil ? "word/document.xml" : try mainPart(of: archive) ?? "word/document.xml"
        guard let body = try archive.member(main) else {
            throw .damaged("it has no word/document.xml (a .docx from Word, LibreOffice or WPS has one)")
        }
        let styles = try archive.member("word/styles.xml").map(transitional)
        var layout = WordLayout(
            headingLevels: try styleLevels(styles), listStyles: try listStyles(styles),
            bulletLists: try bulletLists(archive.member("word/numbering.xml").map(transitional)),
            titleStyles: try titleStyles(styles))
        for part in ["word/footnotes.xml", "word/endnotes.xml"] {
            guard let notes = try archive.member(part) else { continue }
            layout.readNotes(try OfficeXML.parse(transitional(notes), part))
        }
        layout.render(try OfficeXML.parse(transitional(body), main))
        return OfficeXML.LaidOut(text: layout.finished(), title: layout.title)
    }

    /// The paragraph styles named Title (any case), which Word gives a document's title.
    static func titleStyles(_ bytes: [UInt8]?) throws(ZipArchive.Failure) -> Set<String> {
        guard let bytes else { return [] }
        let root = try OfficeXML.parse(bytes, "word/styles.xml")
        return Set(root.children(named: "style").compactMap { style in
            guard style.attribute("type", namespace: WordLayout.namespace) == "paragraph",
                  (style.child("name")?.attribute("val", namespace: WordLayout.namespace) ?? "").lowercased() == "title"
            else { return nil }
            return style.attribute("styleId", namespace: WordLayout.namespace)
        })
    }

    /// The main document part that `_rels/.rels` names (the officeDocument relationship's target), if any.
    static func mainPart(of archive: ZipArchive) throws(ZipArchive.Failure) -> String? {
        guard let rels = try archive.member("_rels/.rels") else { return nil }
        let root = try OfficeXML.parse(rels, "_rels/.rels")
        for relationship in root.children(named: "Relationship") where relationship.attribute("Type")?.hasSuffix("/officeDocument") == true {
            guard var target = relationship.attribute("Target") else { continue }
            while target.hasPrefix("/") { target.removeFirst() }
            return target
        }
        return nil
    }

    /// A part saved as Strict Open XML (Word's "Strict Open XML Document") with the transitional namespaces the
    /// reader looks its elements and attributes up in: the two name the same vocabulary.
    static func transitional(_ bytes: [UInt8]) -> [UInt8] {
        let strict = Array("http://purl.oclc.org/ooxml/wordprocessingml/main".utf8)
        guard ByteSearch.firstIndex(bytes, strict, to: min(bytes.count, 4096)) != nil else { return bytes }
        var text = String(decoding: bytes, as: UTF8.self)
        text = text.replacingOccurrences(of: "http://purl.oclc.org/ooxml/wordprocessingml/main", with: WordLayout.namespace)
        text = text.replacingOccurrences(
            of: "http://purl.oclc.org/ooxml/officeDocument/relationships", with: "http://schemas.openxmlformats.org/officeDocument/2006/relationships")
        return Array(text.utf8)
    }

    /// The paragraph styles of lists (List Paragraph, List Bullet, List Number, 列表段落 …), by id.
    static func listStyles(_ bytes: [UInt8]?) throws(ZipArchive.Failure) -> Set<String> {
        guard let bytes else { return [] }
        let root = try OfficeXML.parse(bytes, "word/styles.xml")
        var ids = Set<String>()
        for style in root.children(named: "style") where style.attribute("type", namespace: WordLayout.namespace) == "paragraph" {
            guard let id = style.attribute("styleId", namespace: WordLayout.namespace) else { continue }
            let name = (style.child("name")?.attribute("val", namespace: WordLayout.namespace) ?? "").lowercased()
            if name.hasPrefix("list") || name.hasPrefix("列表") || name.hasPrefix("列出") { ids.insert(id) }
        }
        return ids
    }

    /// The levels that are bullets, as "numId:ilvl", from word/numbering.xml.
    static func bulletLists(_ bytes: [UInt8]?) throws(ZipArchive.Failure) -> Set<String> {
        guard let bytes else { return [] }
        let root = try OfficeXML.parse(bytes, "word/numbering.xml")
        let ns = WordLayout.namespace
        var bulletLevels: [String: [String]] = [:]
        for abstract in root.children(named: "abstractNum") {
            guard let id = abstract.attribute("abstractNumId", namespace: ns) else { continue }
            for level in abstract.children(named: "lvl") where level.child("numFmt")?.attribute("val", namespace: ns) == "bullet" {
                bulletLevels[id, default: []].append(level.attribute("ilvl", namespace: ns) ?? "0")
            }
        }
        var keys = Set<String>()
        for num in root.children(named: "num") {
            guard let id = num.attribute("numId", namespace: ns), let abstract = num.child("abstractNumId")?.attribute("val", namespace: ns) else { continue }
            for level in bulletLevels[abstract] ?? [] { keys.insert(id + ":" + level) }
        }
        return keys
    }

    /// Each paragraph style's heading level: a style named heading N (any case, 标题 N) is level N, Title level 1,
    /// and a style with an outline level (0-based) that level + 1; a style based on a heading style inherits its level.
    static func styleLevels(_ bytes: [UInt8]?) throws(ZipArchive.Failure) -> [String: Int] {
        guard let bytes else { return [:] }
        let root = try OfficeXML.parse(bytes, "word/styles.xml")
        var levels: [String: Int] = [:]
        var basedOn: [String: String] = [:]
        for style in root.children(named: "style") where style.attribute("type", namespace: WordLayout.namespace) == "paragraph" {
            guard let id = style.attribute("styleId", namespace: WordLayout.namespace) else { continue }
            let name = (style.child("name")?.attribute("val", namespace: WordLayout.namespace) ?? "").lowercased()
            if let parent = style.child("basedOn")?.attribute("val", namespace: WordLayout.namespace) { basedOn[id] = parent }
            if name == "title" {
                levels[id] = 1
            } else if let number = ["heading ", "标题 ", "标题"].lazy.compactMap({ name.hasPrefix($0) ? Int(name.dropFirst($0.count)) : nil }).first,
                      (1...9).contains(number) {
                levels[id] = number
            } else if let outline = style.child("pPr")?.child("outlineLvl")?.attribute("val", namespace: WordLayout.namespace),
                      let level = Int(outline), (0...8).contains(level) {
                levels[id] = level + 1
            }
        }
        for id in basedOn.keys where levels[id] == nil {
            var parent = basedOn[id]
            var steps = 0
            while let current = parent, levels[current] == nil, steps < 10 {
                parent = basedOn[current]
                steps += 1
            }
            if let current = parent, let level = levels[current] { levels[id] = level }
        }
        return levels
    }
}

/// A Word document's body laid out as text.
struct WordLayout {
    static let namespace = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

    let headingLevels: [String: Int]
    /// List paragraph styles and bulleted numberings: a paragraph in one is a list item.
    let listStyles: Set<String>
    let bulletLists: Set<String>
    private var text = ""
    /// Foot- and endnotes by kind and id, and the number each referenced one was given, in order of reference.
    private var noteTexts: [String: String] = [:]
    private var numbers: [String: Int] = [:]
    private var referenced: [String] = []
    /// The custom marks (w:customMarkFollows) of the notes referenced with one, by note.
    private var customMarks: [String: String] = [:]

    /// The Title paragraph styles, and the first paragraph set in one: the document's title (it stays its first
    /// heading, as a Markdown file's title does).
    let titleStyles: Set<String>
    private(set) var title: String?
    /// Whether a paragraph of text (no heading) has been laid out.
    private var inBody = false

    init(headingLevels: [String: Int], listStyles: Set<String> = [], bulletLists: Set<String> = [], titleStyles: Set<String> = []) {
        self.headingLevels = headingLevels
        self.listStyles = listStyles
        self.bulletLists = bulletLists
        self.titleStyles = titleStyles
    }

    mutating func readNotes(_ root: XMLElement) {
        for note in root.children where note.isNamed("footnote") || note.isNamed("endnote") {
            // The separators Word keeps as notes -1 and 0 are typed; real notes are not.
            guard note.attribute("type", namespace: Self.namespace) == nil,
                  let id = note.attribute("id", namespace: Self.namespace) else { continue }
            let paragraphs = note.descendants(named: "p").map { paragraphText($0, notes: false) }.filter { !$0.isEmpty }
            noteTexts[note.name + id] = paragraphs.joined(separator: " ")
        }
    }

    mutating func render(_ root: XMLElement) {
        guard let body = root.child("body") else { return }
        renderBlocks(body)
        // A last paragraph whose mark was deleted has no next one to run on into: it stands as it is.
        if !joinedToNext.isEmpty {
            text += joinedToNext + "\n\n"
            joinedToNext = ""
        }
    }

    /// A paragraph's list numbering (`w:numId`, 0 meaning none) and level.
    static func numbering(_ p: XMLElement) -> (id: String, level: String)? {
        guard let numPr = p.child("pPr")?.child("numPr"), let id = numPr.child("numId")?.attribute("val", namespace: namespace), id != "0"
        else { return nil }
        return (id, numPr.child("ilvl")?.attribute("val", namespace: namespace) ?? "0")
    }

    private mutating func renderBlocks(_ element: XMLElement) {
        let children = element.children
        for (k, child) in children.enumerated() {
            switch child.name {
            case "p":
                // Paragraphs numbered in one list one after another are its items (a recommendations list as Google
                // Docs or LibreOffice export it); a numbered title stands between paragraphs of text.
                let list = Self.numbering(child)?.id
                let neighbours = [k > 0 ? children[k - 1] : nil, k + 1 < children.count ? children[k + 1] : nil]
                let inRun = list != nil && neighbours.contains { $0.map { $0.name == "p" && Self.numbering($0)?.id == list } == true }
                paragraph(child, inNumberedRun: inRun)
                layOutTextBoxes()
            case "tbl":
                // Each cell once: a table nested in a cell is read with that cell.
                if !OfficeXML.isDataTable(child, cell: "tc", text: "t") {
                    for row in Self.contentChildren(child, named: "tr") {
                        for cell in Self.contentChildren(row, named: "tc") { renderBlocks(cell) }
                    }
                }
            case "sdt": if let content = child.child("sdtContent") { renderBlocks(content) }
            default: continue
            }
        }
    }

    /// `element`'s children named `name`, also those a content control or custom XML wraps (w:sdt/w:sdtContent).
    static func contentChildren(_ element: XMLElement, named name: String) -> [XMLElement] {
        element.children.flatMap { child -> [XMLElement] in
            if child.name == name { return [child] }
            if child.name == "sdt", let content = child.child("sdtContent") { return contentChildren(content, named: name) }
            if child.name == "customXml" { return contentChildren(child, named: name) }
            return []
        }
    }

    /// The text of paragraphs whose mark was deleted as a tracked change: with the change accepted they run on
    /// into the next paragraph.
    private var joinedToNext = ""

    /// The contents of the text boxes anchored in the paragraph just read (a report's "Box 1" sidebar): their
    /// paragraphs follow it as paragraphs of their own, not run into its sentence.
    private var anchoredTextBoxes: [XMLElement] = []

    private mutating func layOutTextBoxes() {
        let boxes = anchoredTextBoxes
        anchoredTextBoxes = []
        guard !boxes.isEmpty else { return }
        // A paragraph whose mark was deleted runs on into the next paragraph of the text, not into the box.
        let held = joinedToNext
        joinedToNext = ""
        for box in boxes { renderBlocks(box) }
        if !joinedToNext.isEmpty { text += joinedToNext + "\n\n" }
        joinedToNext = held
    }

    /// The text boxes' contents (`w:txbxContent`) in a drawing or a VML picture, each once: Word writes a box twice,
    /// as a drawing and as the VML fallback for older readers, and the fallback is passed over; a box nested in a
    /// box is read with the box that holds it.
    static func textBoxContents(in element: XMLElement) -> [XMLElement] {
        element.children.flatMap { child -> [XMLElement] in
            if child.name == "txbxContent" { return [child] }
            if child.name == "Fallback" { return [] }
            return textBoxContents(in: child)
        }
    }

    private mutating func paragraph(_ p: XMLElement, inNumberedRun: Bool = false) {
        var value = paragraphText(p, notes: true)
        let properties = p.child("pPr")
        if !joinedToNext.isEmpty {
            value = value.isEmpty ? joinedToNext : Self.joined(joinedToNext, value)
            joinedToNext = ""
        }
        if properties?.child("rPr")?.child("del") != nil || properties?.child("rPr")?.child("moveFrom") != nil {
            joinedToNext = value
            return
        }
        guard !value.isEmpty else { return }
        // A paragraph at a bulleted level, in a list paragraph style or in a run of one list's items is a list item,
        // not a short line that would read as a heading; one numbered alone in a body style (1 Introduction) may be
        // a heading, and is read by its form.
        let numbering = Self.numbering(p)
        let style = properties?.child("pStyle")?.attribute("val", namespace: Self.namespace)
        let listItem = inNumberedRun || style.map(listStyles.contains) == true
            || numbering.map { bulletLists.contains($0.id + ":" + $0.level) } == true
        var level = properties?.child("pStyle")?.attribute("val", namespace: Self.namespace).flatMap { headingLevels[$0] }
        if level == nil, let outline = properties?.child("outlineLvl")?.attribute("val", namespace: Self.namespace),
           let number = Int(outline), (0...8).contains(number) {
            level = number + 1
        }
        // Only before the body: a Title paragraph further on (an appendix's) names no document.
        if title == nil, !inBody, let style, titleStyles.contains(style) { title = value }
        if level == nil && !listItem { inBody = true }
        if let level {
            // Markdown has six levels; a deeper heading is still a heading.
            text += String(repeating: "#", count: min(level, 6)) + " " + value + "\n\n"
        } else if listItem {
            text += "- " + value + "\n\n"
        } else {
            text += value + "\n\n"
        }
    }

    /// Two pieces of one paragraph: a space between them unless Chinese meets Chinese.
    static func joined(_ first: String, _ second: String) -> String {
        guard let last = first.unicodeScalars.last, let next = second.unicodeScalars.first else { return first + second }
        return last.isCJKText && next.isCJKText ? first + second : first + " " + second
    }

    /// A paragraph's text: its runs' text (tracked insertions, hyperlinks and fields' results included; deletions,
    /// field codes, drawings, text boxes and the fallback copy of alternate content not), a tab or a line break as a space, and
    /// with `notes` each foot- or endnote reference as its marker [n].
    private mutating func paragraphText(_ p: XMLElement, notes: Bool) -> String {
        var out = ""
        // A reference with a mark of its own (w:customMarkFollows: the * of a title's funding note) is followed by
        // the mark as text, which the marker [n] stands for.
        var customMarkOf: String?
        func visit(_ element: XMLElement) {
            for content in element.contents {
                guard case .element(let child) = content else { continue }
                switch child.name {
                case "t" where customMarkOf != nil:
                    customMarks[customMarkOf!] = child.textContent.split(separator: " ").joined()
                    customMarkOf = nil
                case "sym" where customMarkOf != nil:
                    // A symbol mark (†, or the Symbol font's *) is the mark itself, not text.
                    customMarkOf = nil
                case "r" where Self.isHidden(child):
                    // Hidden text (w:vanish) is no part of the document as Word shows and prints it.
                    continue
                case "r":
                    // The mark follows the reference in its own run; a later run's text is the paragraph's.
                    visit(child)
                    customMarkOf = nil
                case "t": out += child.textContent
                case "tab": out += " "
                case "br", "cr": out += OfficeXML.lineBreak
                case "noBreakHyphen": out += "-"
                case "drawing", "pict":
                    // A text box's paragraphs are laid out after this one's (see `layOutTextBoxes`); a note's are
                    // left out, as its drawings are.
                    if notes { anchoredTextBoxes += Self.textBoxContents(in: child) }
                case "del", "delText", "moveFrom", "instrText", "object", "Fallback", "pPr", "rPr", "footnoteRef", "endnoteRef":
                    continue
                case "footnoteReference", "endnoteReference":
                    guard notes, let id = child.attribute("id", namespace: Self.namespace) else { continue }
                    let key = (child.name == "footnoteReference" ? "footnote" : "endnote") + id
                    guard noteTexts[key] != nil else { continue }
                    if numbers[key] == nil {
                        numbers[key] = numbers.count + 1
                        referenced.append(key)
                    }
                    out += "[\(numbers[key]!)]"
                    if Self.isOn(child.attribute("customMarkFollows", namespace: Self.namespace)) == true { customMarkOf = key }
                default: visit(child)
                }
            }
        }
        visit(p)
        return OfficeXML.resolvingLineBreaks(out).split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\u{A0}" }).joined(separator: " ")
    }

    /// Whether a run is hidden (w:vanish, not switched off by val="0" / "false").
    static func isHidden(_ run: XMLElement) -> Bool {
        guard let vanish = run.child("rPr")?.child("vanish") else { return false }
        return isOn(vanish.attribute("val", namespace: namespace)) != false
    }

    /// An OOXML on/off value: nil when absent.
    static func isOn(_ value: String?) -> Bool? {
        value.map { $0 != "0" && $0 != "false" && $0 != "off" }
    }

    /// The laid-out text, the referenced notes after it as Markdown footnotes (a note's own custom mark, which
    /// opens its text as the reference's number would, left out).
    func finished() -> String {
        var result = text
        for key in referenced {
            var note = noteTexts[key] ?? ""
            if let mark = customMarks[key], !mark.isEmpty, note.hasPrefix(mark) {
                note = String(note.dropFirst(mark.count).drop { $0 == " " })
            }
            result += "[^\(numbers[key]!)]: " + note + "\n"
        }
        return result
    }
}
