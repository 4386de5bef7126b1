import ArgMarkCore
import ArgMarkPipeline

/// Reads UTF-8 plain text: every non-empty line is a paragraph (or a heading), or in a hard-wrapped text every run
/// of wrapped lines (`HardWrap`); sentences are segmented. A notes
/// heading (Notes, References, 注释 …) followed by a numbered entry ([1] …, 1. …, ①), or a references heading
/// followed by author–year entries (Smith, J. (2020). …), opens a notes list, read as notes rather than as
/// sentences, up to the next heading that is not an entry (a report's appendix). A letter's frame (letterhead,
/// address block and "Re:" line above the salutation, the signature block below the close) goes to metadata, and
/// so do a paper's occasion line near the top ("Position paper prepared for …", with the author and affiliation
/// lines above it), a Federal Register document's preamble (`RegulatoryPreamble`) and a whole line in parentheses on
/// the data cutoff and sources (（本报告所引数据截至……）), and a Markdown file's YAML front matter (`YAMLFrontMatter`).
/// The title, occasion and speaker of a Chinese report or speech (`SpeechHeader`) are recorded as metadata too, their
/// lines kept in the text.
public struct PlainTextReader: DocumentReader {
    public init() {}

    public let descriptor = PluginDescriptor(
        id: "read.text.v1", kind: .reader,
        summary: "UTF-8 plain text: paragraphs at line breaks, headings detected, zh/en sentence segmentation",
        languages: [.zh, .en, .mixed], assigns: [.sentences])
    public var formatName: String { "text" }
    public var fileExtensions: [String] { ["txt", "text", "md"] }

    public func sniff(_ prefix: Substring) -> Int { 1 }

    public func read(_ input: ReaderInput) throws(DocumentReadError) -> Document {
        var scalars = try TextDecoder.decode(input.bytes)
        if scalars.allSatisfy(ScalarClass.isSpace) { throw .empty }
        var footnotes: [PageBreaks.Footnote] = []
        let pageLines = PageBreaks.logicalLines(&scalars, footnotes: &footnotes)
        // A WeChat account's repost, a public comment's page on regulations.gov: their page's lines leave the text
        // (WeChatFrame, CommentPageFrame).
        let weChat = WeChatFrame.find(scalars, pageLines)
        let unframed = weChat?.kept(pageLines) ?? pageLines
        let commentPage = weChat == nil ? CommentPageFrame.find(scalars, unframed) : nil
        let allLines = commentPage?.kept(unframed) ?? unframed
        // A government site's policy page copied whole opens with its breadcrumb and the document's index table: the
        // document's own frame is found under them.
        let governmentPage = GovernmentPageHeader.find(scalars, allLines)
        let headed = governmentPage.map { Array(allLines.dropFirst($0.lineCount)) } ?? allLines
        // A web page's tail, its related links and footer (相关文章 | … | 版权所有 …), goes before the document's own frame
        // is looked for at its end (a directive's attachments, signature); the footer's rights are kept.
        let webTail = MediaFrame.webTailStart(scalars, headed)
        // (An editor's line below the links, （责任编辑：李华）, and a directive's attachments listed there, 附件1：…, are
        // the text's as ever.)
        let lines = webTail.map { tail in
            Array(headed[..<tail]) + headed[tail...].filter { line in
                let text = scalars.string(line)
                return line.count <= 40 && (EditorLine.isEditorLine(text) || text.hasPrefix("附件"))
            }
        } ?? headed
        var body = BodyAssembler(scalars: scalars, documentID: input.documentID, sourcePath: input.sourcePath)
        let pageFields = PageBreaks.takeFields(&footnotes)
        body.addFootnotes(footnotes)
        let letter = LetterFrame.find(scalars, lines)
        let occasion = FrameLines.occasion(scalars, lines)
        let memo = letter == nil ? MemoHeader.find(scalars, lines) : nil
        let testimony = letter == nil && memo == nil ? TestimonyHeader.find(scalars, lines) : nil
        let preamble = letter == nil && memo == nil ? RegulatoryPreamble.find(scalars) : nil
        let frontMatter = YAMLFrontMatter.find(scalars)
        let speech = frontMatter == nil ? SpeechHeader.find(scalars, lines) : nil
        let official = letter == nil && memo == nil && frontMatter == nil ? OfficialDocumentFrame.find(scalars, lines) : nil
        let media = letter == nil && memo == nil && testimony == nil && frontMatter == nil && official == nil && speech == nil && preamble == nil && occasion == nil
            ? MediaFrame.find(scalars, lines) : nil
        var sourceNotes: [String] = []
        var rights = webTail.map { headed[$0...].map { scalars.string($0) }.filter(FrameLines.isRightsNotice) } ?? []
        var noteLines: [Range<Int>] = []
        // Markdown footnote definitions ([^1]: …), a list of their own wherever they stand.
        var markdownNotes: [Range<Int>] = []
        var inNotes = false
        var editorLines: [String] = []
        var backMatter = BackMatter()
        var contents: [String] = []
        // The line after a glossary or a table of contents, which the loop skips to.
        var resumeAt = 0
        let listItems = ListItems.headingLike(scalars, lines)
        let unheadedNotes = NotesList.unheadedTrailingList(scalars, lines)
        for (index, line) in lines.enumerated() {
            if index < resumeAt { continue }
            if index == unheadedNotes, !inNotes {
                body.addNotes(noteLines)
                noteLines = []
                inNotes = true
            }
            if let letter, letter.isFrame(index) { continue }
            if let occasion, (1...occasion).contains(index) { continue }
            if let memo, memo.lines.contains(index) { continue }
            if let testimony, testimony.lines.contains(index) { continue }
            if let official, official.lines.contains(index) { continue }
            if let media, media.lines.contains(index) { continue }
            if let preamble, line.upperBound <= preamble.end { continue }
            if let frontMatter, line.upperBound <= frontMatter.end { continue }
            // Only a line opening with a parenthesis is turned into a string here: a string per line made reading
            // a long text several times slower.
            if !inNotes, FrameLines.opensParenthesis(scalars[line.lowerBound]),
               let note = FrameLines.sourceNote(scalars.string(line)) {
                sourceNotes.append(note)
                continue
            }
            // A web page's buttons copied with the text (【打印本页】 【关闭窗口】), wherever they stand.
            if !inNotes, MediaFrame.mayBeButtons(scalars, line), MediaFrame.isButton(scalars.string(line)) {
                // (gov.cn sets its editor on the button's line: 【我要纠错】 责任编辑：王洋.)
                let text = scalars.string(line)
                if let editor = text.range(of: "责任编辑") { editorLines.append(String(text[editor.lowerBound...])) }
                continue
            }
            // An editor's line among the text's last lines ((责任编辑：王静), 责编：…) where no frame read it: metadata.
            if !inNotes, index + 3 >= lines.count, line.count <= 40, EditorLine.opensBracketedOrBare(scalars, line),
               EditorLine.isEditorLine(scalars.string(line)) {
                editorLines.append(scalars.string(line))
                continue
            }
            if !inNotes, FrameLines.mayBeRightsNotice(scalars, line), FrameLines.isRightsNotice(scalars.string(line)) {
                rights.append(scalars.string(line))
                continue
            }
            // A heading ends a notes list, but an author–year entry that reads like one (李强，张三．城市治理研究．北京：
            // 人民出版社，2015．, whose full-width full stops no sentence ends on) is the list going on.
            if inNotes, NotesList.marker(scalars, line) == nil, HeadingDetector.level(scalars, line) != nil,
               !ReferenceList.isEntry(scalars, line) {
                inNotes = false
            }
            // So does a back-matter heading (作者简介：…, 致谢, *通讯作者：…), as in the article reader.
            if inNotes, NotesList.marker(scalars, line) == nil, BackMatter.heading(scalars, scalars.trimmed(line)) != nil {
                inNotes = false
            }
            if let resume = body.takeContentsOrGlossary(lines, at: index, inNotes: &inNotes, notes: &noteLines, contents: &contents) {
                resumeAt = resume
                continue
            }
            if !inNotes, backMatter.take(scalars, lines, at: index, endsBlock: NotesList.opens(scalars, lines, at: index)) { continue }
            if !inNotes, NotesList.opens(scalars, lines, at: index) {
                // A second list (References after Notes) is a list of its own.
                body.addNotes(noteLines)
                noteLines = []
                inNotes = true
                continue
            }
            if !inNotes, NotesList.isMarkdownDefinition(scalars, line) {
                markdownNotes.append(line)
                continue
            }
            if inNotes { noteLines.append(line) } else { body.addLine(line, listItem: listItems.contains(index)) }
        }
        var metadata = body.builder.document.metadata
        // The fields a first page's foot sets under its notes (收稿日期：…, 基金项目：…).
        for field in pageFields { FrontMatter.store(key: field.key, value: field.value, into: &metadata) }
        letter?.record(scalars, lines, into: &metadata)
        if let occasion { FrameLines.recordOccasion(scalars, lines, at: occasion, into: &metadata) }
        memo?.record(scalars, lines, into: &metadata)
        testimony?.record(scalars, lines, into: &metadata)
        preamble?.record(into: &metadata)
        frontMatter?.record(into: &metadata)
        speech?.record(into: &metadata)
        official?.record(into: &metadata)
        media?.record(into: &metadata)
        governmentPage?.record(into: &metadata)
        weChat?.record(into: &metadata)
        commentPage?.record(into: &metadata)
        for line in editorLines { _ = EditorLine.parse(line, into: &metadata) }
        // (Only a Markdown file's: a web page or Word file laid out as text has its own title, in its head or properties.)
        if metadata.titles.isEmpty, ["md", "markdown"].contains(input.sourcePath?.split(separator: ".").last?.lowercased() ?? ""),
           let title = Self.markdownTitle(scalars, lines) {
            metadata.offerTitle(title)
        } else if metadata.titles.isEmpty, let title = TitleLine.title(scalars, lines, document: body.builder.document) {
            // A report or paper copied as text: its first line, which stays its first heading (TitleLine).
            metadata.offerTitle(title)
            if metadata.fields["date"] == nil, let date = TitleLine.date(scalars, lines) { metadata.fields["date"] = date }
        }
        if !sourceNotes.isEmpty { metadata.fields["sourceNote"] = sourceNotes.joined(separator: "; ") }
        if !rights.isEmpty { metadata.fields["rights"] = rights.joined(separator: " ") }
        TableOfContents.record(contents, into: &metadata)
        backMatter.record(into: &metadata)
        body.builder.setMetadata(metadata)
        body.addNotes(noteLines)
        body.addNotes(markdownNotes)
        return try body.finish()
    }
}

extension PlainTextReader {
    /// A Markdown document's title: its first line, when that is the one level-1 heading (`# Title`, the sections
    /// `## …`), as Markdown writers set a title. The line stays the text's heading.
    static func markdownTitle(_ scalars: [Unicode.Scalar], _ lines: [Range<Int>]) -> String? {
        func isLevelOne(_ line: Range<Int>) -> Bool {
            line.count > 2 && scalars[line.lowerBound] == "#" && scalars[line.lowerBound + 1] == " "
        }
        guard let first = lines.first, isLevelOne(first), !lines.dropFirst().contains(where: isLevelOne) else { return nil }
        let title = scalars.string((first.lowerBound + 2)..<first.upperBound).trimmingCharacters(in: .whitespaces)
        return title.isEmpty ? nil : title
    }
}

/// Reads one sentence per line: a blank line ends a paragraph, a line starting with `# ` is a heading.
/// The segmentation given is kept exactly.
public struct SentenceLinesReader: DocumentReader {
    public init() {}

    public let descriptor = PluginDescriptor(
        id: "read.lines.v1", kind: .reader,
        summary: "one sentence per line, blank line between paragraphs, '# ' headings; segmentation kept as given",
        languages: [.zh, .en, .mixed], assigns: [.sentences])
    public var formatName: String { "lines" }
    public var fileExtensions: [String] { ["lines", "sent"] }

    public func sniff(_ prefix: Substring) -> Int { 0 }

    public func read(_ input: ReaderInput) throws(DocumentReadError) -> Document {
        let scalars = try TextDecoder.decode(input.bytes)
        if scalars.allSatisfy(ScalarClass.isSpace) { throw .empty }
        var builder = DocumentBuilder(id: input.documentID, sourcePath: input.sourcePath)
        var paragraph: [DocumentBuilder.Span] = []
        var outline = HeadingOutline()
        func flush() {
            guard !paragraph.isEmpty else { return }
            let text = paragraph.map(\.text).joined(separator: " ")
            builder.addParagraph(paragraph, language: LanguageDetector.detect(text))
            paragraph = []
        }
        for line in lineRanges(scalars) {
            let range = scalars.trimmed(line)
            if range.isEmpty {
                flush()
                continue
            }
            if scalars.matches("# ", at: range.lowerBound) {
                flush()
                let heading = scalars.trimmed(range.lowerBound + 2..<range.upperBound)
                guard !heading.isEmpty else { continue }
                builder.addHeading(
                    .init(start: heading.lowerBound, end: heading.upperBound, text: scalars.string(heading),
                          language: LanguageDetector.detect(scalars, heading)),
                    level: outline.place(scalars, heading, level: HeadingDetector.numberedLevel(scalars, heading, latin: false) ?? 1))
                continue
            }
            paragraph.append(
                .init(start: range.lowerBound, end: range.upperBound, text: scalars.string(range),
                      language: LanguageDetector.detectSentence(scalars, range)))
        }
        flush()
        var document = builder.take()
        try DocumentFinishing.finish(&document)
        return document
    }
}
