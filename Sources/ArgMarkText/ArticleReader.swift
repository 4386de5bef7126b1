import Foundation
import ArgMarkCore
import ArgMarkPipeline

/// Reads scholarly journal articles in the CNKI layout (and its English equivalent):
/// front matter (【摘要】【关键词】【中图分类号】【文献标识码】【DOI】【作者简介】…, or `Abstract:`/`Keywords:`) into metadata;
/// the body into sections, paragraphs and sentences; the 注释 / 参考文献 / References list into notes, linked from
/// the `[1]` markers in sentences; a trailing English title, author, Abstract and Keywords block into English
/// metadata; and editor lines (责编, 美编) into metadata.
public struct ArticleReader: DocumentReader {
    public init() {}

    public let descriptor = PluginDescriptor(
        id: "read.article.v1", kind: .reader,
        summary: "journal articles (CNKI layout and English equivalents): front matter, body, notes, English abstract",
        languages: [.zh, .en, .mixed], assigns: [.sentences])
    public var formatName: String { "article" }
    public var fileExtensions: [String] { [] }

    /// Scores the beginning of a text by the front-matter labels it carries. An abstract label on a line of its
    /// own near the top ("Abstract", 摘要) is enough: papers put it under the title and author lines.
    public func sniff(_ prefix: Substring) -> Int {
        var score = 0
        for (index, line) in prefix.split(whereSeparator: \.isNewline).prefix(60).enumerated() {
            let trimmed = line.drop { $0.isWhitespace }
            // (Spaced as thesis templates set it, 摘　要, or in Traditional characters.)
            if index < 15, trimmed.count <= 12,
               Self.abstractLabels.contains(FrontMatter.simplified(trimmed.unicodeScalars.filter { !ScalarClass.isSpace($0) }.map(String.init).joined()).lowercased()) {
                score += 5
            } else if let mark = trimmed.unicodeScalars.first, FrontMatter.opensTag(mark), let key = FrontMatter.tags(in: String(trimmed)).first?.key,
                FrontMatter.canonicalKey(key) != nil
            {
                score += 5
            } else if trimmed.prefix(25).contains(where: { $0 == "：" || $0 == ":" }),
                // (A label is at most 24 characters, so a line with no colon that early has none: most lines.)
                let (key, _) = FrontMatter.labelledField(String(trimmed)), FrontMatter.canonicalKey(key) != nil
            {
                // An abstract given inline under the title (Abstract: Participatory budgeting is …) marks a paper
                // as its label on a line of its own does; a report's Summary: does not.
                score += index < 15 && Self.abstractLabels.contains(FrontMatter.simplified(key).lowercased() + ":") ? 5 : 3
            }
        }
        return score >= 5 ? score : 0
    }

    /// Whether line `index` is an author's note that one of the title block's `marks` points to (∗ We thank …): it
    /// opens with the mark and a capital or a Chinese character, is no table's significance legend (∗ p < 0.10), and
    /// no item of a list whose lines open alike (* Key point one | * Key point two).
    static func opensAuthorsNote(_ s: [Unicode.Scalar], _ lines: [Range<Int>], at index: Int, marks: Set<Unicode.Scalar>) -> Bool {
        let line = lines[index]
        guard !marks.isEmpty, line.count > 2, marks.contains(s[line.lowerBound]),
              ScalarClass.isSpace(s[line.lowerBound + 1]) || !PageBreaks.isAuthorNoteMark(s[line.lowerBound + 1]),
              let first = s.trimmed(line.lowerBound + 1..<line.upperBound).first,
              ScalarClass.isUpper(s[first]) || ScalarClass.isHan(s[first]), !PageBreaks.isSignificanceLegend(s, line)
        else { return false }
        func opensAlike(_ k: Int) -> Bool { lines.indices.contains(k) && lines[k].count > 1 && s[lines[k].lowerBound] == s[line.lowerBound] }
        return !opensAlike(index - 1) && !opensAlike(index + 1)
    }

    /// Abstract labels that mark a paper when they stand alone on a line ("Summary" does not: reports use it too).
    private static let abstractLabels: Set<String> = ["abstract", "abstract:", "摘要", "摘要：", "内容摘要", "内容提要"]

    /// A keywords field's keywords: Chinese ones parted by spaces and 、；， too, English ones by , and ; only.
    public static func splitKeywords(_ value: String) -> [String] { FrontMatter.splitKeywords(value) }

    public func read(_ input: ReaderInput) throws(DocumentReadError) -> Document {
        var scalars = try TextDecoder.decode(input.bytes)
        if scalars.allSatisfy(ScalarClass.isSpace) { throw .empty }
        var footnotes: [PageBreaks.Footnote] = []
        let allLines = PageBreaks.logicalLines(&scalars, footnotes: &footnotes)
        // A Markdown paper's YAML front matter is its metadata; the article's own front matter follows it.
        let frontMatter = YAMLFrontMatter.find(scalars)
        let unframed = frontMatter.map { header in allLines.filter { $0.lowerBound >= header.end } } ?? allLines
        // A WeChat account's repost: its page's lines leave the text (WeChatFrame).
        let weChat = WeChatFrame.find(scalars, unframed)
        let lines = weChat?.kept(unframed) ?? unframed
        var metadata = DocumentMetadata()
        var cursor = FrontMatter.parse(scalars, lines, into: &metadata)
        weChat?.record(into: &metadata)
        // The marks set after a word of the title block (…Technology Sector∗, 算法问责*, Maria K. Lindqvist*   Daniel
        // Osei†): the author's notes they point to may stand right after the front matter, in the body's place.
        var authorNoteMarks = Set<Unicode.Scalar>()
        // (Not a Markdown emphasis, *Jane Smith, EPI*, whose line opens with the same mark.)
        for line in lines[..<min(cursor, lines.count)] where line.count > 1 {
            for i in line.dropFirst() where PageBreaks.isAuthorNoteMark(scalars[i]) && !PageBreaks.isAuthorNoteMark(scalars[i - 1])
                && scalars[line.lowerBound] != scalars[i]
                && !ScalarClass.isSpace(scalars[i - 1]) && (i + 1 == line.upperBound || ScalarClass.isSpace(scalars[i + 1])) {
                authorNoteMarks.insert(scalars[i])
            }
        }
        let listItems = ListItems.headingLike(scalars, lines)
        frontMatter?.record(into: &metadata)
        var body = BodyAssembler(scalars: scalars, documentID: input.documentID, sourcePath: input.sourcePath)
        // The fields a first page's foot sets under its notes (收稿日期：…, 基金项目：…), as they are read in the body.
        for field in PageBreaks.takeFields(&footnotes) { FrontMatter.store(key: field.key, value: field.value, into: &metadata) }
        body.addFootnotes(footnotes)
        var noteLines: [Range<Int>] = []
        var inNotes = false
        var englishBlockStart: Int?
        var bodyLanguageHan = 0
        var bodyLanguageLatin = 0
        var backMatter = BackMatter()
        var contents: [String] = []
        let unheadedNotes = NotesList.unheadedTrailingList(scalars, lines)
        let webTail = MediaFrame.webTailStart(scalars, lines)
        var rights: [String] = []
        // Whether a line of the body has been read: the author's notes stand before it.
        var bodyBegun = false
        while cursor < lines.count {
            let line = lines[cursor]
            // A web page's tail, its related links and footer (相关文章 | … | 版权所有 …): the footer's rights are kept.
            if cursor == webTail {
                rights += lines[cursor...].map { scalars.string($0) }.filter(FrameLines.isRightsNotice)
                break
            }
            // A toolbar copied with the page (下载PDF | 导出引用 | 收藏 | 阅读次数：1523).
            if MediaFrame.mayBeButtons(scalars, line), MediaFrame.isToolbar(scalars.string(line)) {
                cursor += 1
                continue
            }
            if cursor == unheadedNotes, !inNotes {
                body.addNotes(noteLines)
                noteLines = []
                inNotes = true
            }
            let text = scalars.string(line)
            if EditorLine.parse(text, into: &metadata) {
                cursor += 1
                continue
            }
            // 基金项目：… 收稿日期：… 作者简介：… where a PDF puts them, at the foot of the first page inside the body
            // or after the references: metadata, not a heading, a sentence or the last reference's continuation.
            if let fields = FrontMatter.lateFields(text) {
                for (key, value) in fields { FrontMatter.store(key: key, value: value, into: &metadata) }
                cursor += 1
                continue
            }
            // An author's note that a mark of the title block points to (∗ We thank …), where the body begins; a
            // starred 本文系……成果 is the funding, read above.
            if !inNotes, !bodyBegun, Self.opensAuthorsNote(scalars, lines, at: cursor, marks: authorNoteMarks) {
                body.addAuthorNote(mark: scalars[line.lowerBound], line)
                cursor += 1
                continue
            }
            if let resume = body.takeContentsOrGlossary(lines, at: cursor, inNotes: &inNotes, notes: &noteLines, contents: &contents) {
                cursor = resume
                continue
            }
            if NotesHeading.matches(text) {
                // A second list (References after Notes) is a list of its own.
                body.addNotes(noteLines)
                noteLines = []
                inNotes = true
                cursor += 1
                continue
            }
            // A Chinese body (Latin letters weighed by a third, as LanguageDetector weighs them: an English quotation
            // or two does not make an article English).
            if 3 * bodyLanguageHan > bodyLanguageLatin,
               EnglishBlock.starts(scalars, lines, at: cursor) || (bodyBegun && EnglishBlock.startsAtAbstract(scalars, lines, at: cursor)) {
                englishBlockStart = cursor
                break
            }
            // A back-matter heading ends a notes list too (Notes on contributors after the Notes); notes headings and
            // the English block, tested above, end a back-matter block.
            // And so does an appendix (附录：访谈提纲, Appendix A), which is body text of its own after the references.
            if inNotes, BackMatter.heading(scalars, scalars.trimmed(line)) != nil || Self.isAppendixHeading(text) {
                body.addNotes(noteLines)
                noteLines = []
                inNotes = false
            }
            if !inNotes, backMatter.take(scalars, lines, at: cursor, endsBlock: false) {
                cursor += 1
                continue
            }
            if inNotes {
                noteLines.append(line)
            } else {
                // (A sentence begins it; Keywords: and JEL lines the front matter left are no body yet.)
                if HardWrap.endsSentence(scalars, before: line.upperBound, from: line.lowerBound) { bodyBegun = true }
                body.addLine(line, listItem: listItems.contains(cursor))
                for i in line {
                    if ScalarClass.isHan(scalars[i]) { bodyLanguageHan += 1 }
                    else if ScalarClass.isLatinLetter(scalars[i]) { bodyLanguageLatin += 1 }
                }
            }
            cursor += 1
        }
        if let start = englishBlockStart {
            EnglishBlock.parse(scalars, Array(lines[start...]), into: &metadata)
        }
        backMatter.record(into: &metadata)
        TableOfContents.record(contents, into: &metadata)
        if !rights.isEmpty { metadata.fields["rights"] = ([metadata.fields["rights"]].compactMap { $0 } + rights).joined(separator: " ") }
        body.builder.setMetadata(metadata)
        body.addNotes(noteLines)
        return try body.finish()
    }
}

/// Front-matter fields: `【摘要】…` tags and `摘要：…` / `Abstract:` labelled lines.
enum FrontMatter {
    /// Known labels (spaces removed) and the field they fill.
    static func canonicalKey(_ raw: String) -> String? {
        let key = simplified(raw.unicodeScalars.filter { !ScalarClass.isSpace($0) }.map(String.init).joined())
        switch key.lowercased() {
        case "摘要", "内容摘要", "内容提要", "提要", "abstract", "summary": return "abstract"
        case "关键词", "关键字", "keywords", "keyword", "keywords:", "keyword(s)": return "keywords"
        case "中图分类号", "中图法分类号", "中图分类", "分类号": return "clc"
        case "文献标识码", "文献标志码": return "documentCode"
        case "文章编号": return "articleNumber"
        case "doi": return "doi"
        case "作者简介": return "authorInfo"
        case "作者单位": return "affiliation"
        case "基金项目", "基金": return "funding"
        case "收稿日期", "received": return "received"
        case "修回日期", "revised": return "revised"
        case "accepted", "录用日期": return "accepted"
        // CNKI's cover sheet of an article published online first (网络首发), and its English counterparts.
        case "网络首发时间", "网络首发日期", "网络出版时间", "网络出版日期", "在线出版日期", "publishedonline", "firstpublished":
            return "onlineFirst"
        case "网络首发地址", "网络出版地址": return "onlineFirstAddress"
        case "网络首发": return "onlineFirstNotice"
        case "出版确认": return "publicationConfirmation"
        case "tocitethisarticle", "citethisarticle", "howtocite", "citation": return "citation"
        case "tolinktothisarticle", "linktothisarticle": return "link"
        case "通讯作者": return "correspondingAuthor"
        case "开放科学(资源服务)标识码(osid)", "开放科学（资源服务）标识码（osid）", "osid": return "osid"
        case "作者贡献声明", "作者贡献说明", "作者贡献": return "authorContributions"
        case "引用格式", "引用本文", "本文引用格式": return "citation"
        case "jel", "jelclassification", "jelcodes": return "jel"
        case "作者", "authors", "author": return "authors"
        case "题目", "标题", "title": return "title"
        default: return nil
        }
    }

    /// The Traditional characters of the front- and back-matter labels (關鍵詞, 內容提要, 參考文獻, 註釋) as Simplified
    /// ones, so that a Taiwan or Hong Kong article's labels read as a mainland one's (`CharacterFolding`, which folds
    /// whole texts for the labellers, needs Models/ and comes after reading).
    static func simplified(_ label: String) -> String {
        guard label.unicodeScalars.contains(where: { $0.value >= 0x4E00 }) else { return label }
        return String(label.map { traditionalLabelCharacters[$0] ?? $0 })
    }

    private static let traditionalLabelCharacters: [Character: Character] = [
        "關": "关", "鍵": "键", "詞": "词", "內": "内", "類": "类", "號": "号", "獻": "献", "標": "标", "識": "识", "碼": "码",
        "簡": "简", "單": "单", "項": "项", "資": "资", "參": "参", "註": "注", "釋": "释", "錄": "录", "題": "题", "編": "编",
        "輯": "辑", "責": "责", "訊": "讯", "網": "网", "發": "发", "時": "时", "間": "间", "確": "确", "認": "认",
        "謝": "谢", "誌": "志", "圖": "图", "書": "书", "稱": "称",
    ]

    /// Brackets a front-matter label is set in: 【摘要】, and the [摘 要] / ［摘要］ / 〔摘要〕 several journals print.
    static let labelBrackets: [(open: Unicode.Scalar, close: Unicode.Scalar)] = [("【", "】"), ("[", "]"), ("［", "］"), ("〔", "〕")]

    /// Whether `scalar` may open a bracketed front-matter label.
    static func opensTag(_ scalar: Unicode.Scalar) -> Bool { labelBrackets.contains { $0.open == scalar } }

    /// Whether `line` opens with 【…】 or a bracketed known label ([摘 要]), a front-matter line a wrap never joins.
    static func opensTagLine(_ s: [Unicode.Scalar], _ line: Range<Int>) -> Bool {
        guard !line.isEmpty else { return false }
        if s[line.lowerBound] == "【" { return true }
        // Only a line opening with a bracket becomes a string.
        return opensTag(s[line.lowerBound]) && !tags(in: s.string(line)).isEmpty
    }

    /// The `【KEY】value` pairs of a line, each value trimmed. In square brackets only a known label counts
    /// ([摘 要], [Abstract]): `[1] 张三. 题名[J].` is a note.
    static func tags(in line: String) -> [(key: String, value: String, offset: Int)] {
        let s = Array(line.unicodeScalars)
        guard let firstMark = s.firstIndex(where: { !ScalarClass.isSpace($0) }),
              let (opener, closer) = labelBrackets.first(where: { $0.open == s[firstMark] }) else { return [] }
        var result: [(String, String, Int)] = []
        var open: [Int] = []
        for (index, scalar) in s.enumerated() where scalar == opener {
            // Square brackets also hold markers and citations inside a value: only those holding a label open a tag.
            if opener != "【" {
                guard let close = s[index...].firstIndex(of: closer), canonicalKey(s.string(index + 1..<close)) != nil else { continue }
            }
            open.append(index)
        }
        guard let first = open.first, first == firstMark else { return [] }
        for (n, start) in open.enumerated() {
            guard let close = s[start...].firstIndex(of: closer) else { break }
            let valueEnd = n + 1 < open.count ? open[n + 1] : s.count
            guard close < valueEnd else { continue }
            let value = s.trimmed(close + 1..<valueEnd)
            result.append((s.string(start + 1..<close), s.string(value), value.lowerBound))
        }
        return result
    }

    /// `摘要：value`, `Abstract: value`, `Key words: value`: a known label, a colon, the value.
    static func labelledField(_ line: String) -> (key: String, value: String)? {
        guard let colon = line.firstIndex(where: { $0 == "：" || $0 == ":" }) else { return nil }
        let key = String(line[..<colon])
        // Labels are capitalised (Abstract:, Keywords:); "title: the …" is a wrapped sentence's line.
        let value = line[line.index(after: colon)...].trimmingCharacters(in: CharacterSet(charactersIn: " \t　"))
        // …but a DOI is one in any case (doi: 10.19735/…).
        if let first = key.unicodeScalars.first, ScalarClass.isLower(first), !(key == "doi" && value.hasPrefix("10.")) { return nil }
        guard key.count <= 24, canonicalKey(key) != nil else { return nil }
        return (key, value)
    }

    /// Whether `line` opens with a known front-matter label and a colon (引用格式：…, 网络首发：…, Abstract: …): in
    /// hard-wrapped front matter such a line starts a new field, however full the line above.
    static func opensLabelledField(_ s: [Unicode.Scalar], _ line: Range<Int>) -> Bool { labelledFieldKey(s, line) != nil }

    /// The key of the front-matter field `line` opens with its label and colon (keywords for Keywords: …), if any.
    static func labelledFieldKey(_ s: [Unicode.Scalar], _ line: Range<Int>) -> String? {
        let prefix = line.lowerBound..<min(line.upperBound, line.lowerBound + 25)
        // Only a line with a colon near its start is turned into a string: this runs for every wrapped line.
        guard prefix.contains(where: { s[$0] == "：" || s[$0] == ":" }), let (key, _) = labelledField(s.string(prefix)) else { return nil }
        return canonicalKey(key)
    }

    /// Whether `line` is a bare Abstract / ABSTRACT / 摘要 / Keywords label on a line of its own.
    static func isBareLabel(_ s: [Unicode.Scalar], _ line: Range<Int>) -> Bool {
        guard line.count <= 25, !line.isEmpty, !ScalarClass.isLower(s[line.lowerBound]),
              let key = canonicalKey(s.string(line)) else { return false }
        return key == "abstract" || key == "keywords"
    }

    /// Reads front matter from the first lines into `metadata` and returns the index of the first body line.
    static func parse(_ scalars: [Unicode.Scalar], _ lines: [Range<Int>], into metadata: inout DocumentMetadata) -> Int {
        let start = coverSheetEnd(scalars, lines, into: &metadata)
        let window = min(lines.count, start + 60)
        var firstField: Int?
        var lastField = start - 1
        var pendingKey: String?
        var lastKey: String?
        var resume = start
        for index in start..<window where index >= resume {
            let text = scalars.string(lines[index])
            // A web page's buttons (【字体：大 中 小】　【打印本页】　【关闭窗口】) are no field whose value is the next line.
            if MediaFrame.isButton(text) {
                if firstField != nil { lastField = index }
                continue
            }
            let fields = fieldsOf(text)
            if !fields.isEmpty {
                if firstField == nil { firstField = index }
                for (key, value) in fields {
                    if value.isEmpty { pendingKey = key } else { store(key: key, value: value, into: &metadata) }
                    lastKey = key
                }
                lastField = index
                continue
            }
            if let key = pendingKey {
                // A bare "Abstract" or "摘要" label line: the next line is the value.
                store(key: key, value: text, into: &metadata)
                pendingKey = nil
                lastField = index
                continue
            }
            // A publisher's rights line among the fields (© 2023 Springer Nature, © The Author(s) 2023) goes on.
            if firstField != nil, text.hasPrefix("©") || (text.count <= 200 && FrameLines.isRightsNotice(text)) {
                metadata.fields["rights", default: ""] += (metadata.fields["rights"] == nil ? "" : " ") + text
                lastField = index
                continue
            }
            // An abstract of several paragraphs: the lines up to the keywords go on it.
            if lastKey == "abstract", !text.isEmpty, keywordsFollow(scalars, lines, after: index) {
                let language = isEnglish(text) ? "en" : "zh"
                if let abstract = metadata.abstracts[language] {
                    // A paragraph that ended its sentence is followed by the next; one cut mid-sentence was wrapped
                    // (…《数字市场法》采 | 取事前禁止…) and runs on.
                    let ended = abstract.unicodeScalars.last.map { "。．.！？!?”\"".unicodeScalars.contains($0) } ?? true
                    metadata.abstracts[language] = ended ? abstract + "\n" + text : runningOn(abstract + "\n" + text)
                    lastField = index
                    continue
                }
            }
            // The English title, authors, abstract and keywords between the Chinese front matter and the body
            // (some journals print them there rather than at the end): metadata, and the front matter goes on.
            // (Only after Chinese front matter: an English paper's own fields are read above.)
            if firstField != nil, metadata.abstracts["zh"] != nil || metadata.keywords["zh"] != nil
                || LanguageDetector.detect(scalars, lines[start]) == .zh, EnglishBlock.starts(scalars, lines, at: index) {
                // The block ends after its keywords line; without one, after its abstract's line, so that an English
                // body after Chinese front matter stays the body.
                var end = index + 1
                var afterAbstract: Int?
                var sawKeywords = false
                while end < min(lines.count, index + 16), LanguageDetector.detect(scalars, lines[end]) == .en || scalars.trimmed(lines[end]).isEmpty {
                    let text = scalars.string(lines[end])
                    let labelled = fieldsOf(text).first?.0
                    let key = labelled ?? canonicalKey(text)
                    end += 1
                    if key == "keywords" {
                        sawKeywords = true
                        break
                    }
                    // A bare Abstract label has its text on the next line.
                    if key == "abstract", afterAbstract == nil { afterAbstract = labelled == nil ? end + 1 : end }
                }
                if !sawKeywords, let afterAbstract { end = min(afterAbstract, lines.count) }
                EnglishBlock.parse(scalars, Array(lines[index..<end]), into: &metadata)
                lastKey = nil
                lastField = end - 1
                resume = end
                continue
            }
            // A bare label line without colon (Abstract / 摘要 / 作者简介) opens a field, also after other fields (a thesis sets
            // its Abstract and Key words lines below the Chinese abstract).
            // After other fields only the labels themselves (not a report's Summary heading) open one.
            if let key = canonicalKey(text), key == "abstract" || key == "keywords" || key == "authorInfo",
               firstField == nil || !simplified(text).lowercased().hasPrefix("summary") {
                pendingKey = key
                if firstField == nil { firstField = index }
                lastField = index
                continue
            }
            if firstField != nil { break }
        }
        guard let first = firstField else { return start }
        // Short lines before the front matter: the title, then the byline.
        var preamble = lines[start..<first].map { scalars.string($0) }.filter { !$0.isEmpty }
        // A journal's name and issue above the title (中国公共管理 2023年第4期, as a copy from the journal's page opens)
        // is where the article appeared, not its title; the DOI under it, or wrapped onto its line, is the article's.
        // A web page's breadcrumb (首页 > 学术研究 > 法学前沿 > 正文) says where the page stands on its site; the site's
        // menu above it (首页 / 期刊简介 / 编委会 …) is no title, and a sidebar under it (本期导航 and its links) stands
        // above the title, the line over the authors.
        if let crumb = preamble.prefix(16).firstIndex(where: isBreadcrumb), crumb + 1 < preamble.count {
            metadata.fields["breadcrumb"] = preamble[crumb]
            // (Only a menu's short items above it go with it: a title above it stays.)
            if preamble[..<crumb].allSatisfy({ $0.count <= 10 }) { preamble.removeFirst(crumb + 1) } else { preamble.remove(at: crumb) }
            // (The authors' line is the one over their affiliations; a subtitle, ——基于…, keeps its title.)
            if let first = preamble.first, Self.sidebarHeadings.contains(first),
               let byline = preamble.indices.dropFirst(2).first(where: { k in
                   isChineseByline(preamble[k]) && k + 1 < preamble.count && isChineseAffiliation(preamble[k + 1])
               }) {
                let subtitled = preamble[byline - 1].hasPrefix("——") && byline >= 3
                preamble.removeFirst(byline - (subtitled ? 2 : 1))
            }
        }
        // A journal's label of the article's kind above its title (ARTICLE, Research Article, REVIEW ESSAY) is no title.
        if preamble.count > 2, Self.articleKinds.contains(preamble[0].trimmingCharacters(in: .whitespaces).lowercased()) {
            metadata.fields["articleType"] = preamble.removeFirst().trimmingCharacters(in: .whitespaces)
        }
        while preamble.count > 1 {
            let (issue, wrappedDOI) = withoutDOI(preamble[0])
            let aloneDOI = doiLine(preamble[0])
            // The rest of a masthead, as a PDF's first page sets it around the issue (2024年3月  INTERNATIONAL ECONOMIC
            // COOPERATION  Mar. 2024; the journal's name on a line of its own between two issue lines) is the
            // journal's too, not the article's title.
            // (A name in capitals alone on its line only beside a Chinese journal's: an English paper's title may be set
            // in capitals under its journal's line.)
            let chineseMasthead = metadata.fields["journal"]?.unicodeScalars.contains(where: ScalarClass.isHan) ?? false
            let companion = metadata.fields["journal"] != nil && aloneDOI == nil
                && (Self.isMastheadCompanion(issue)
                    || ((Self.isJournalName(issue) || (chineseMasthead && Self.isCapitalName(issue)))
                        && (Self.isMastheadCompanion(preamble[1]) || isJournalIssueLine(preamble[1]))))
            guard companion || isJournalIssueLine(issue) || (metadata.fields["journal"] != nil && aloneDOI != nil) else { break }
            preamble.removeFirst()
            if metadata.doi == nil, let doi = aloneDOI ?? wrappedDOI { metadata.doi = doi }
            // (A layout's runs of spaces between the masthead's parts are parted as its lines are.)
            let parts = issue.split(separator: /\s{2,}/).joined(separator: "; ")
            if aloneDOI == nil { metadata.fields["journal", default: ""] += (metadata.fields["journal"] == nil ? "" : "; ") + parts }
        }
        // A web page's buttons (字号 大 中 小, 分享到：, 小字号) are no byline, and its date and source line (2024年03月15日08:21 |
        // 来源：人民网－理论频道) says when and where it was published.
        if metadata.fields["breadcrumb"] != nil {
            preamble.removeAll { MediaFrame.isButton($0) || ["小字号", "中字号", "大字号"].contains($0) }
            // (Only a line of nothing else: 发布时间：… 来源：… 作者：… 点击数：… set apart by full-width spaces stays the byline.)
            func dateAndSource(_ line: String) -> (date: String?, source: String?)? {
                guard let found = MediaFrame.pageDateAndSource(line),
                      !(found.date ?? "").contains(where: { "：　".contains($0) }), !(found.source ?? "").contains(where: { "：　".contains($0) })
                else { return nil }
                return found
            }
            if let (k, found) = preamble.indices.dropFirst().lazy.compactMap({ k in dateAndSource(preamble[k]).map { (k, $0) } }).first {
                if let date = found.date { metadata.fields["date"] = date }
                if let source = found.source { metadata.fields["source"] = source }
                preamble.remove(at: k)
            }
            // Any other line of the page's dates and sources (2024-03-15 08:21 来源：光明日报) is the byline's, as it was,
            // not a line of names.
            while let k = preamble.indices.dropFirst().first(where: { k in
                preamble[k].count <= 80 && (preamble[k].contains("来源：") || preamble[k].firstMatch(of: /^\d{4}[-年]\d{1,2}/) != nil)
            }) {
                metadata.fields["byline", default: ""] += (metadata.fields["byline"] == nil ? "" : "; ") + preamble[k]
                preamble.remove(at: k)
            }
        }
        // A paper lists each author and affiliation on a line of its own: more lines than a title and a byline, but
        // all short and none a sentence.
        let titleBlock = preamble.count <= 6 || (preamble.count <= 16 && preamble.allSatisfy { line in
            line.count <= 120 && !(line.last.map { ".。!?！？".contains($0) } ?? false)
        })
        if titleBlock {
            for (n, line) in preamble.enumerated() {
                if n == 0 {
                    // A Markdown title (# Title) without its marks.
                    var title = line.hasPrefix("# ") ? String(line.dropFirst(2)).trimmingCharacters(in: .whitespaces) : line
                    // The star that points to the funding note (算法问责*) is no part of the title.
                    while let last = title.last, "*∗※".contains(last), title.count > 1 { title.removeLast() }
                    metadata.titles[titleLanguage(title)] = title
                } else if n == 1, line.hasPrefix("—") || line.hasPrefix("―") || line.hasPrefix("－－") || line.hasPrefix("--"),
                          line.unicodeScalars.contains(where: { ScalarClass.isCJK($0) && !"—―－".unicodeScalars.contains($0) }),
                          let title = metadata.titles[titleLanguage(preamble[0])] {
                    // A subtitle (——兼评《…》, ——基于…的分析) goes on the title, as CNKI writes the whole title.
                    metadata.titles[titleLanguage(preamble[0])] = title + line
                } else if n == 1, continuesWrappedTitle(preamble[0], line), let title = metadata.titles["zh"] {
                    // A long title a PDF wrapped onto a second line (…东南亚国家的对冲策 | 略：动因、模式与限度): one title, not
                    // a byline of "略：动因" and "模式与限度".
                    metadata.titles["zh"] = title + (opensSubtitle(after: title, line) ? "——" : "") + line
                } else if isEnglish(line), metadata.authors.allSatisfy(isEnglish), let (names, rest) = englishPersons(line) {
                    // English authors, each with or without the affiliation after a comma (Ana Ribeiro, University
                    // of Lisbon), on lines of their own or between affiliation lines: the names are authors, the
                    // rest the byline.
                    metadata.authors += names
                    if !rest.isEmpty { metadata.fields["byline", default: ""] += (metadata.fields["byline"] == nil ? "" : "; ") + rest }
                } else if looksLikeByline(line), metadata.authors.isEmpty,
                          !(isEnglish(line) && (isAffiliation(line) || isEditionLine(line) || !splitNames(line).allSatisfy(mayBeEnglishName))) {
                    metadata.authors = splitNames(line)
                } else {
                    metadata.fields["byline", default: ""] += (metadata.fields["byline"] == nil ? "" : "; ") + line
                }
            }
        } else {
            return start
        }
        return lastField + 1
    }

    /// Whether `line` is the second line of a Chinese title `first` wrapped at its width: the title fills its line
    /// (14 characters or more, no stop at its end), and the line, no longer, names no one (no byline, affiliation or
    /// digit) and is mostly Han.
    static func continuesWrappedTitle(_ first: String, _ line: String) -> Bool {
        guard first.count >= 14, line.count <= first.count, first.count + line.count <= 70,
              // (A site's menu, 首页　期刊简介　编委会 …, is spaced; a title set in a PDF is not.)
              !first.contains(where: { $0 == " " || $0 == "　" }),
              let last = first.unicodeScalars.last, ScalarClass.isHan(last) || "、：".unicodeScalars.contains(last),
              !isChineseByline(line), !isChineseAffiliation(line), !line.contains(where: { $0.isNumber || $0 == "·" || $0 == "•" }),
              // (A transliterated name, 阿依古丽·买买提, or a collective byline, 本刊特约评论员, is no part of a title.)
              !["评论员", "评论部", "理论部", "记者", "编辑部", "课题组", "研究组", "本刊", "作者", "报社", "杂志社"].contains(where: line.contains),
              !(line.last.map { "。！？：:".contains($0) } ?? true)
        else { return false }
        let han = line.unicodeScalars.filter(ScalarClass.isHan).count
        return 4 * han >= 3 * line.unicodeScalars.count
    }

    /// Whether `line`, under a title that ends a phrase (…研究, …分析), opens its subtitle (以算法合谋为中心的考察, 基于…,
    /// 兼论…), which CNKI writes after a dash.
    static func opensSubtitle(after title: String, _ line: String) -> Bool {
        ["研究", "分析", "探析", "考察", "探讨", "问题", "路径", "逻辑", "机制", "困境", "反思", "重构", "治理", "评析"].contains(where: title.hasSuffix)
            && ["以", "基于", "兼论", "兼评", "从", "对"].contains(where: line.hasPrefix)
    }

    /// A journal's name and issue on a line of their own: 法学研究　2023年第2期, 《中国社会科学》2023 年第 5 期, 第45卷第3期,
    /// Vol. 45, No. 3 (2023).
    static func isJournalIssueLine(_ line: String) -> Bool {
        // The issue ends the line (学习《求是》2024年第1期重要文章的几点体会 is a title); an English one may have its
        // season, year and pages after it.
        line.count <= 100 && (line.contains(/\d{4}\s*年\s*第\s*\d{1,2}\s*期\s*[)）]?$/) || line.contains(/第\s*\d{1,3}\s*卷\s*第\s*\d{1,2}\s*期\s*[)）]?$/)
            || line.contains(/\b[Vv]ol\.\s*\d{1,3},?\s*[Nn]o\.\s*\d{1,2}\b[^。!?]{0,30}$/))
            && !(line.last.map { "。！？!?".contains($0) } ?? false)
    }

    /// Whether `line` is the rest of a journal's masthead: its parts, set apart by runs of spaces, each an issue
    /// (Vol.38 No.3), a month (2024年3月, Mar. 2024), the journal's name in capitals (INTERNATIONAL ECONOMIC
    /// COOPERATION), or, beside one of those, its Chinese name (国际经济合作).
    static func isMastheadCompanion(_ line: String) -> Bool {
        let parts = line.split(separator: /\s{2,}/).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard !parts.isEmpty, line.count <= 160 else { return false }
        var named = 0
        for part in parts {
            if isJournalIssueLine(part) || part.wholeMatch(of: /\d{4}\s*年\s*\d{1,2}\s*月/) != nil
                || part.wholeMatch(of: /(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{4}/) != nil {
                continue
            }
            if isCapitalName(part) { named += 1; continue }
            if parts.count > 1, isJournalName(part) { named += 1; continue }
            return false
        }
        return named < parts.count
    }

    /// A journal's name in capitals, two words or more (INTERNATIONAL ECONOMIC COOPERATION).
    static func isCapitalName(_ line: String) -> Bool {
        line.count <= 80 && line.wholeMatch(of: /[A-Z][A-Z&,\-]*( [A-Z&,\-]+)+/) != nil
    }

    /// A journal's Chinese name alone: two to twelve Han characters, nothing else.
    static func isJournalName(_ line: String) -> Bool {
        (2...12).contains(line.unicodeScalars.count) && line.unicodeScalars.allSatisfy(ScalarClass.isHan)
    }

    /// The kinds of article a journal labels above the title, lower-cased.
    static let articleKinds: Set<String> = [
        "article", "research article", "original article", "review article", "review essay", "original research",
        "research paper", "research note", "brief report", "short communication", "special issue article",
        "symposium article",
        // (Not Editorial, Commentary or Perspective: a short piece may be titled so.)
    ]

    /// A journal site's sidebar headings, over links to other articles.
    static let sidebarHeadings: Set<String> = ["本期导航", "本期目录", "栏目导航", "期刊导航", "最新文章", "热点文章", "推荐文章"]

    /// Whether `line` names Chinese authors only: two to four Han characters each (王晓明1，陈静怡2).
    static func isChineseByline(_ line: String) -> Bool {
        let names = splitNames(line)
        return !names.isEmpty && names.count <= 12 && names.allSatisfy { name in
            (2...4).contains(name.unicodeScalars.count) && name.unicodeScalars.allSatisfy(ScalarClass.isHan)
        }
    }

    /// Whether `line` gives Chinese authors' affiliations: in brackets, or naming a university, institute or school.
    static func isChineseAffiliation(_ line: String) -> Bool {
        line.hasPrefix("（") || line.hasPrefix("(") || ["大学", "学院", "研究院", "研究所", "研究中心", "党校", "科学院"].contains(where: line.contains)
    }

    /// A site's breadcrumb: 首页 > 学术研究 > 正文, Home › Research › Article, 当前位置：首页 >> 学术.
    static func isBreadcrumb(_ line: String) -> Bool {
        let trimmed = ["您当前的位置：", "当前位置：", "您的位置：", "当前位置:"].first(where: line.hasPrefix).map { String(line.dropFirst($0.count)) } ?? line
        // (Home, then a separator: Homepage: https://… is no breadcrumb.)
        return line.count <= 80 && (trimmed.contains(/^(首页|主页|Home)\s*[>›»\/]/) || isSiteTrail(trimmed))
    }

    /// A channel's trail without its home link (人民网>>理论>>理论前沿, 光明网 > 理论 > 学术): three or more short names (up
    /// to 12 characters, no stop) apart by >> or », or by > after a site's name (…网, …网站); a line of terms set apart
    /// by > (数据 > 信息 > 知识 > 智慧) is no trail.
    static func isSiteTrail(_ line: String) -> Bool {
        let names = line.split(whereSeparator: { ">›»".contains($0) }).map { $0.trimmingCharacters(in: .whitespaces) }
        guard names.count >= 3, names.allSatisfy({ !$0.isEmpty && $0.count <= 12 && !$0.contains(where: { "。，！？.,!?：:".contains($0) }) })
        else { return false }
        return line.contains(">>") || line.contains("»") || line.contains("›") || ["网", "网站", "频道"].contains(where: names[0].hasSuffix)
    }

    /// `line` without a DOI at its end, and the DOI.
    static func withoutDOI(_ line: String) -> (line: String, doi: String?) {
        guard let match = line.firstMatch(of: /\s+(?:https?:\/\/(?:dx\.)?doi\.org\/|[Dd][Oo][Ii]:\s*)(10\.\d{4,9}\/\S+)$/) else { return (line, nil) }
        return (String(line[..<match.range.lowerBound]), String(match.1))
    }

    /// The DOI a line that is nothing but a DOI gives (https://doi.org/10.1234/x, doi:10.1234/x, DOI: 10.1234/x).
    static func doiLine(_ line: String) -> String? {
        guard let match = line.firstMatch(of: /^(?:https?:\/\/(?:dx\.)?doi\.org\/|[Dd][Oo][Ii]:\s*)(10\.\d{4,9}\/\S+)$/) else { return nil }
        return String(match.1)
    }

    /// Whether a keywords line (关键词：…, 【关键词】…, Keywords: …, or the bare label) comes within three lines after
    /// `index`, with no other field before it.
    static func keywordsFollow(_ scalars: [Unicode.Scalar], _ lines: [Range<Int>], after index: Int) -> Bool {
        for next in (index + 1)..<min(lines.count, index + 4) {
            let text = scalars.string(lines[next])
            if let key = fieldsOf(text).first?.0 ?? canonicalKey(text) { return key == "keywords" }
        }
        return false
    }

    /// The cover sheet CNKI puts before an article published online first: 网络首发论文, then labelled lines (题目：…
    /// 作者：… 网络首发日期：… 引用格式：… 网络首发：… 出版确认：…) before the article's own title and front matter.
    /// Stores its fields and returns the index of the line after it (0 when there is none).
    static func coverSheetEnd(_ scalars: [Unicode.Scalar], _ lines: [Range<Int>], into metadata: inout DocumentMetadata) -> Int {
        var fields: [(String, String)] = []
        var isCover = false
        var index = 0
        while index < min(lines.count, 20) {
            let text = scalars.string(scalars.trimmed(lines[index]))
            if text.isEmpty {
                index += 1
                continue
            }
            if text == "网络首发论文" {
                isCover = true
            } else if let (key, value) = labelledField(text), let canonical = canonicalKey(key) {
                if ["onlineFirst", "onlineFirstNotice", "publicationConfirmation"].contains(canonical) { isCover = true }
                fields.append((canonical, value))
            } else {
                break
            }
            index += 1
        }
        guard isCover else { return 0 }
        for (key, value) in fields { store(key: key, value: value, into: &metadata) }
        return index
    }

    /// Fields a journal prints apart from the front matter, often on the first page's foot or at the end.
    static let lateKeys: Set<String> = ["funding", "received", "revised", "accepted", "authorInfo", "affiliation", "correspondingAuthor", "authorContributions"]

    /// The fields of `text` when it holds only `lateKeys` fields (基金项目：…, [作者简介] …), else nil.
    static func lateFields(_ text: String) -> [(String, String)]? {
        var text = text.trimmingCharacters(in: CharacterSet(charactersIn: " \t　"))
        // The People's Daily sets its author's affiliation in brackets at the end: （作者单位：……）.
        for (open, close) in [("（", "）"), ("(", ")")] where text.hasPrefix(open) && text.hasSuffix(close) {
            text = String(text.dropFirst().dropLast())
        }
        // A funding note in a sentence of its own (本文系国家社科基金重大项目“……”（23ZDA001）的阶段性成果), perhaps
        // under the star that marks it on the title (*本文系…), with the thanks after it (感谢……，文责自负。).
        // Only the note itself and thanks may follow it: 本文系统梳理了……成果。在此基础上，…… is body text.
        let unstarred = String(text.drop { "*∗※".contains($0) })
        let firstSentence = unstarred.firstIndex(of: "。").map { String(unstarred[...$0]) } ?? unstarred
        let rest = unstarred.dropFirst(firstSentence.count)
        if unstarred.count <= 300, unstarred.hasPrefix("本文系") || unstarred.hasPrefix("本文为") || unstarred.hasPrefix("本文是"),
           !unstarred.hasPrefix("本文系统"),
           firstSentence.contains("项目") || firstSentence.contains("基金") || firstSentence.contains("课题"),
           ["成果", "成果。", "资助", "资助。"].contains(where: { firstSentence.hasSuffix($0) }),
           rest.isEmpty || rest.hasPrefix("感谢") || rest.hasPrefix("作者感谢") || rest.hasPrefix("文责自负") {
            return [("funding", unstarred)]
        }
        // The author line some journals print on the first page (作者张晓明，清华大学公共管理学院副教授（北京 100084）。):
        // a name, then an office or a postcode, not 作者认为，…
        if text.count <= 200, text.hasPrefix("作者"), let comma = text.firstIndex(where: { $0 == "，" || $0 == "," }),
           (2...4).contains(text.distance(from: text.index(text.startIndex, offsetBy: 2), to: comma)),
           text[text.index(text.startIndex, offsetBy: 2)..<comma].unicodeScalars.allSatisfy(ScalarClass.isHan),
           !["认为", "指出", "提出", "强调", "主张", "发现", "希望", "注意到"].contains(where: { text.dropFirst(2).hasPrefix($0) }),
           isAffiliation(String(text[comma...])),
           ["教授", "研究员", "讲师", "博士", "院长", "主任", "编审", "助理"].contains(where: { text.contains($0) })
            || text.contains(/\d{6}/) {
            return [("authorInfo", String(text.dropFirst(2)))]
        }
        guard let first = text.unicodeScalars.first(where: { !ScalarClass.isSpace($0) }),
              opensTag(first) || text.unicodeScalars.prefix(25).contains(where: { $0 == "：" || $0 == ":" }) else { return nil }
        let fields = fieldsOf(text.trimmingCharacters(in: .whitespaces))
        guard !fields.isEmpty, fields.allSatisfy({ lateKeys.contains($0.0) && !$0.1.isEmpty }) else { return nil }
        return fields
    }

    static func fieldsOf(_ text: String) -> [(String, String)] {
        let tagged = tags(in: text)
        if !tagged.isEmpty { return tagged.map { (canonicalKey($0.key) ?? $0.key, $0.value) } }
        guard let (key, value) = labelledField(text) else { return [] }
        // Two fields on one line (中图分类号：U491 文献标识码：A): a value stops where, after a space, another known
        // label and its colon begin.
        // Spaces, full-width ones and semicolons part them (中图分类号：D630　　文献标识码：A; 收稿日期：…；修回日期：…).
        let words = value.split(omittingEmptySubsequences: true) { $0 == " " || $0 == "　" || $0 == ";" || $0 == "；" }
        for k in words.indices.dropFirst() where words[k].contains("：") || words[k].contains(":") {
            // The value is the text before the label as written (its ；inside kept), without the separators at its end.
            let rest = String(value[words[k].startIndex...])
            let later = fieldsOf(rest)
            if !later.isEmpty, labelledField(rest) != nil {
                let before = value[..<words[k].startIndex].trimmingCharacters(in: CharacterSet(charactersIn: " 　;；"))
                return [(canonicalKey(key)!, before)] + later
            }
        }
        return [(canonicalKey(key)!, value)]
    }

    /// English, or mixed with more Latin letters than Chinese characters (English keywords that a wrap ran on into a
    /// Chinese editor line: … in cyberspace责编∕韩拓).
    static func isEnglish(_ text: String) -> Bool {
        switch LanguageDetector.detect(text) {
        case .en: return true
        case .mixed:
            let latin = text.unicodeScalars.count(where: ScalarClass.isLatinLetter)
            return latin > 2 * text.unicodeScalars.count(where: ScalarClass.isHan)
        default: return false
        }
    }

    static func titleLanguage(_ text: String) -> String {
        LanguageDetector.detect(text) == .en ? "en" : "zh"
    }

    static func store(key: String, value: String, into metadata: inout DocumentMetadata) {
        let value = ["abstract", "title", "keywords"].contains(key) ? runningOn(value) : value
        let language = isEnglish(value) ? "en" : "zh"
        switch key {
        case "abstract":
            metadata.abstracts[language] = value
        case "keywords":
            metadata.keywords[language] = splitKeywords(value)
        case "clc", "documentCode", "articleNumber", "jel":
            metadata.classification[key] = value
        case "doi":
            metadata.doi = value.replacingOccurrences(of: "https://doi.org/", with: "")
        case "authorInfo":
            metadata.fields[key] = value
            if metadata.authors.isEmpty { metadata.authors = namesFromAuthorInfo(value) }
        case "authors":
            metadata.authors = splitNames(value)
        case "title":
            metadata.titles[language] = value
        default:
            metadata.fields[key] = value
        }
    }

    /// A field's value with the line breaks a hard-wrapped copy left in it read as running text: none between two
    /// Chinese characters (…《数字市场法》采 | 取事前禁止…), one space elsewhere.
    static func runningOn(_ value: String) -> String {
        guard value.contains(where: { $0 == "\n" || $0 == "\r" }) else { return value }
        let scalars = Array(value.unicodeScalars)
        return scalars.joinedLines(scalars.indices)
    }

    static func splitKeywords(_ value: String) -> [String] {
        // 人大复印报刊资料 parts its keywords with slashes (人民性/文艺理论/话语建构); among other separators a slash is
        // the keyword's own (DRG/DIP).
        var separators: Set<Character> = [";", "；", ",", "，", "、", " ", "　"]
        if !value.contains(where: { separators.contains($0) }) { separators.formUnion(["/", "／"]) }
        let latin = LanguageDetector.detect(value) == .en
        // English keywords contain spaces ("security dilemma"); split them on , and ; only.
        return value.split { latin ? ($0 == "," || $0 == ";" || $0 == "；" || $0 == "，") : separators.contains($0) }
            .map { $0.trimmingCharacters(in: CharacterSet(charactersIn: " 　.。")) }
            .filter { !$0.isEmpty }
    }

    /// `鲁传颖,同济大学…教授。` → 鲁传颖; several authors are separated by ；.
    static func namesFromAuthorInfo(_ value: String) -> [String] {
        value.split { $0 == "；" || $0 == ";" }.compactMap { entry in
            let name = entry.prefix { $0 != "," && $0 != "，" && $0 != "(" && $0 != "（" && $0 != " " }
                .trimmingCharacters(in: CharacterSet(charactersIn: " 　"))
            return (1...20).contains(name.count) ? name : nil
        }
    }

    /// Words of an institution's name: a line holding one is an affiliation, not an author.
    static let institutionWords = [
        "University", "Universit", "Institute", "College", "School", "Department", "Center", "Centre", "Academy",
        "Foundation", "Ministry", "Council", "Bureau", "Laborator", "Agency", "Office", "Commission", "Hospital",
        "Corporation", "Inc.", "Ltd", "Service", "Library", "Institution", "Bank", "Endowment", "Association", "Society",
        "Fund", "Trust", "Group", "Network", "Initiative", "Program", "Project", "Government", "Court", "Congress",
        "大学", "学院", "研究院", "研究所", "研究中心", "中心",
    ]

    static func isAffiliation(_ line: String) -> Bool { institutionWords.contains { line.contains($0) } }

    /// A line holding one person's name as papers print it: two to four words, each capitalised or an initial, a
    /// footnote mark at its end at most (Jonathan P. Reed2, Li Wei*); no comma, no figure standing alone.
    static func isPersonsName(_ line: String) -> Bool {
        let name = line.trimmingCharacters(in: CharacterSet.nameNoise)
        let words = name.split(separator: " ")
        guard (2...4).contains(words.count { !nameParticles.contains(String($0)) }), !name.contains(","), !["The", "A", "An"].contains(words[0])
        else { return false }
        // A surname's particle is lower case (Ana Beatriz de Souza, Marieke van der Meer, Saif al-Islam Haddad); a
        // capital may be any Latin script's (Łukasz, Đặng), as may the letters.
        return words.first.map { !nameParticles.contains(String($0)) } == true && words.last.map { !nameParticles.contains(String($0)) } == true
            && words.allSatisfy { word in
                if nameParticles.contains(String(word)) || word.hasPrefix("al-") || word.hasPrefix("el-") { return true }
                guard let first = word.first, first.isUppercase else { return false }
                return word.allSatisfy { $0.isLetter || $0 == "." || $0 == "-" || $0 == "'" || $0 == "’" }
            }
    }

    /// The lower-case particles of surnames.
    static let nameParticles: Set<String> = ["de", "da", "das", "do", "dos", "del", "della", "di", "du", "van", "von", "der", "den", "ter", "la", "le", "bin", "ibn", "al", "el"]

    /// The persons' names of an English byline and what else it says (their affiliation), when it names someone: the
    /// line's comma-separated parts that read as a person's name, and the rest.
    static func englishPersons(_ line: String) -> (names: [String], rest: String)? {
        // Each name may carry its affiliation in brackets (Marta Kowalczyk (University of Amsterdam) and Daniel Osei
        // (London School of Economics)): the names are read without them, the bracketed parts are the rest.
        let bracketed = line.matches(of: /\(([^()]+)\)/).map { String($0.1).trimmingCharacters(in: .whitespaces) }
        var line = bracketed.isEmpty ? line : line.replacing(/\s*\([^()]+\)/, with: "")
        // A brief's By-line (By Sarah Patel).
        if line.hasPrefix("By ") || line.hasPrefix("by ") { line = String(line.dropFirst(3)) }
        // A layout copy sets the names apart by columns of spaces (Maria K. Lindqvist*          Daniel Osei†).
        line = line.replacing(/\ {3,}/, with: ", ")
        // An affiliation's letter after each name (Nadia Haddad a and Peter J. Lowe b) is no part of it.
        let parts = splitNames(line).map { $0.replacing(/\ [a-z](,[a-z])*$/, with: "") }
        let names = parts.filter { part in
            // (In capitals, an institution's word stands whole: CENTER FOR LAW, not COURTNEY's Court.)
            isPersonsName(part) && !isAffiliation(part)
                && !part.capitalized.split(separator: " ").contains { word in institutionWords.contains { word.hasPrefix($0) && word.count <= $0.count + 3 } }
                && !part.split(separator: " ").contains { notInNames.contains(String($0).capitalized) }
        }
        guard !names.isEmpty, !isAffiliation(names[0]) else { return nil }
        // Only a line that opens with a name: "Policy Brief No. 4, Center for …" names no one.
        guard let first = parts.first, names.first == first else { return nil }
        let rest = line.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { part in !names.contains { part.contains($0) } }
        return (names, (rest + bracketed).joined(separator: ", "))
    }

    /// Words of a lab's, a series' or a publication's name that no person's name holds (Urban Climate Justice Lab,
    /// Position Paper No. 4).
    static let notInNames: Set<String> = [
        "Lab", "Labs", "Paper", "Papers", "No.", "Report", "Brief", "Policy", "Working", "Series", "Vol.", "Issue", "Press",
        "Journal", "Review", "Studies", "Program", "Programme", "Forum", "Project", "Network", "Group", "Team", "Office",
        // A report's first headings (Executive Summary, Key Findings).
        "Summary", "Executive", "Abstract", "Foreword", "Preface", "Acknowledgements", "Acknowledgments", "Contents",
        "Introduction", "Overview", "Highlights", "Findings", "Key", "Background", "Conclusion", "Conclusions",
        // A publisher's first-page furniture (ARTICLE HISTORY, Original Article, Research Paper).
        "Article", "History", "Original", "Research", "Received", "Accepted", "Published",
    ]

    /// An English line that says which version of the paper or issue this is rather than who wrote it (Working paper,
    /// March 2025; Discussion Paper No. 12; 2021, VOL. 12, NO. 2; © The Author(s) 2023): a figure or a series' word,
    /// which no name holds.
    static func isEditionLine(_ line: String) -> Bool {
        line.contains(where: \.isNumber) || line.split { $0 == " " || $0 == "," }.contains { word in
            ["working", "paper", "papers", "discussion", "series", "draft", "version", "preprint", "vol.", "no.", "issue", "journal", "review",
             "policy", "brief"]
                .contains(word.lowercased())
        }
    }

    /// Whether an English byline's part may be a name `isPersonsName` does not read (danah boyd, Plato): no lower-case
    /// word but a surname's particle unless all are (a title's the ethics of persuasion is no name).
    static func mayBeEnglishName(_ part: String) -> Bool {
        let words = part.split(separator: " ")
        return words.allSatisfy { $0.first?.isLowercase == true } || words.allSatisfy { word in
            word.first?.isLowercase != true || nameParticles.contains(String(word))
        }
    }

    static func looksLikeByline(_ line: String) -> Bool {
        let names = splitNames(line)
        return !names.isEmpty && names.allSatisfy { $0.count <= 30 } && !line.contains("。")
    }

    static func splitNames(_ line: String) -> [String] {
        // 文/苏明远, 文／苏明远: the byline's "text by".
        var line = line
        for prefix in ["文/", "文／", "作者/", "作者／"] where line.hasPrefix(prefix) { line = String(line.dropFirst(prefix.count)) }
        let latin = LanguageDetector.detect(line) == .en
        if latin {
            let separators: Set<Character> = [",", "，", "、", ";", "；", "　"]
            // Publishers join the last two names with & (Taylor & Francis) or set · between all (Springer).
            return line.split { separators.contains($0) || $0 == "·" }.flatMap { $0.components(separatedBy: " and ") }
                .flatMap { $0.components(separatedBy: " AND ") }
                .flatMap { $0.components(separatedBy: " & ") }
                .map { $0.trimmingCharacters(in: CharacterSet.nameNoise) }.filter { !$0.isEmpty }
        }
        // An affiliation in brackets after the names (陈静（北京大学国际关系学院，北京 100871）) is no name.
        line = line.replacing(/（[^）]*）|\([^)]*\)/, with: "")
        let separators: Set<Character> = [",", "，", "、", ";", "；"]
        var names: [String] = []
        for part in line.split(whereSeparator: { separators.contains($0) }) {
            // Journals pad a two-character name to three with a space (陈　静, 李　华): two single Han characters
            // between spaces are one name.
            let pieces = part.split { $0 == " " || $0 == "　" }.map(Self.bareName).filter { !$0.isEmpty }
            var k = 0
            while k < pieces.count {
                if k + 1 < pieces.count, Self.isSingleHan(pieces[k]), Self.isSingleHan(pieces[k + 1]) {
                    names.append(pieces[k] + pieces[k + 1])
                    k += 2
                } else {
                    names.append(pieces[k])
                    k += 1
                }
            }
        }
        // A mark alone (the b of 张晓明a,b) is no name.
        return names.filter { !($0.unicodeScalars.count <= 2 && $0.unicodeScalars.allSatisfy(ScalarClass.isLower)) }
    }

    /// A Chinese name without the marks around it: footnote digits and symbols, and affiliation letters (张晓明a).
    private static func bareName(_ piece: Substring) -> String {
        var scalars = Array(piece.trimmingCharacters(in: CharacterSet.nameNoise).unicodeScalars)
        if scalars.contains(where: ScalarClass.isCJK) {
            while let last = scalars.last, ScalarClass.isLower(last) || ScalarClass.isDigit(last) || last == "," { scalars.removeLast() }
        }
        return String(String.UnicodeScalarView(scalars)).trimmingCharacters(in: CharacterSet.nameNoise)
    }

    private static func isSingleHan(_ piece: String) -> Bool {
        piece.unicodeScalars.count == 1 && ScalarClass.isCJK(piece.unicodeScalars.first!)
    }
}

extension CharacterSet {
    /// Footnote digits and symbols after author names.
    /// The marks a byline opens with (□　苏明远, ◎苏明远) count as noise too.
    static let nameNoise = CharacterSet(charactersIn: " 　*∗＊†‡0123456789¹²³□■◎●○◆◇★☆")
}

/// 注释 / 参考文献 / References / Notes headings.
enum NotesHeading {
    static let names: Set<String> = [
        "注释", "注", "注释与参考文献", "参考文献", "主要参考文献", "参考书目", "尾注", "参考资料", "引用文献", "references", "notes", "bibliography",
        "workscited", "endnotes", "literature", "referencesandnotes", "notesandreferences", "sources", "footnotes",
    ]


    /// The longest line, in scalars, that can be a notes heading ("References and Notes:" with spaces).
    static let longest = 32

    static func matches(_ line: String) -> Bool { names.contains(key(line)) }

    /// A heading's words run together in lower case, without colons and 【】: "References and Notes:" →
    /// "referencesandnotes".
    static func key(_ line: String) -> String {
        // A Markdown heading's marks go too (# References, as the Word, OpenDocument and web readers lay one out).
        let unmarked = line.drop { $0 == "#" }
        return FrontMatter.simplified(unmarked.unicodeScalars.filter { !ScalarClass.isSpace($0) && $0 != "：" && $0 != ":" && !"【】[]［］〔〕".unicodeScalars.contains($0) }
            .map(String.init).joined().lowercased())
    }
}

/// An unnumbered reference list: a References / Bibliography / 参考文献 heading whose next lines are author–year
/// entries ("Arrighi, G. and Drangel, J. (1986). …", "Vernon, Raymond. 1971. …", "王名，乐园．…2008"). The first
/// two lines after the heading (or the only one) must both look like entries, so that a body section that happens
/// to be called "Sources" and opens with a dated sentence stays body text.
enum ReferenceList {
    static let headings: Set<String> = [
        "references", "bibliography", "workscited", "literature", "literaturecited", "referencesandnotes",
        "notesandreferences", "sources", "参考文献", "引用文献", "参考资料", "注释与参考文献",
    ]

    /// Lines that may follow an entry's first line before the next entry opens, in a hard-wrapped list: a
    /// 200-character reference set 38 characters to the line, as pdftotext leaves a Chinese paper's English references.
    static let wrappedLines = 8

    /// Whether the lines after the heading at `index` are author–year entries: the first line opens one, and so does
    /// the next line, or, when the first is cut off mid-way (a hard-wrapped list), one of the lines that carry it on.
    static func entriesFollow(_ scalars: [Unicode.Scalar], _ lines: [Range<Int>], headingAt index: Int) -> Bool {
        let first = index + 1
        guard first < lines.count, isEntry(scalars, lines, at: first) else { return false }
        guard first + 1 < lines.count else { return true }
        let reach = endsSentence(scalars, lines[first]) ? 1 : wrappedLines
        return ((first + 1)..<min(lines.count, first + 1 + reach)).contains { isEntry(scalars, lines, at: $0) }
    }

    private static let sentenceEnds: Set<Unicode.Scalar> = [".", "。", "．", "!", "?", "！", "？"]

    private static func endsSentence(_ s: [Unicode.Scalar], _ line: Range<Int>) -> Bool {
        sentenceEnds.contains(s[line.upperBound - 1])
    }

    /// An entry opens with a name (a capital letter or a CJK character) and gives a year 1600–2099 early: in
    /// parentheses, or after the authors and a separator and closed by punctuation: "(1986)", "1971.", "2008(4)", "2020a,".
    /// Early is within 120 characters, read on into the next lines when the list is hard-wrapped ("Carter, M., de
    /// Janvry, A., Sadoulet, E." / "and Sarris, A. (2017). …").
    static func isEntry(_ s: [Unicode.Scalar], _ lines: [Range<Int>], at index: Int) -> Bool {
        let line = lines[index]
        // Only a line cut off mid-way reads on: one that ends a sentence ("We thank the reviewers.") is whole, and
        // a year on the line after it belongs to that line.
        guard line.count < 120, index + 1 < lines.count, !endsSentence(s, line) else { return isEntry(s, line) }
        var joined = Array(s[line])
        var next = index + 1
        while joined.count < 120, next < lines.count, next <= index + 3 {
            joined.append(" ")
            joined.append(contentsOf: s[lines[next]])
            next += 1
        }
        return isEntry(joined, 0..<joined.count)
    }

    static func isEntry(_ s: [Unicode.Scalar], _ line: Range<Int>) -> Bool {
        // A Markdown list of references (- Freeman, R. B. (1984). …): the entry after its bullet.
        if line.count > 2, "-*•".unicodeScalars.contains(s[line.lowerBound]), s[line.lowerBound + 1] == " " {
            return isEntry(s, (line.lowerBound + 2)..<line.upperBound)
        }
        let first = s[line.lowerBound]
        guard ScalarClass.isUpper(first) || ScalarClass.isCJK(first) else { return false }
        let end = min(line.upperBound, line.lowerBound + 120)
        var sawSeparator = false
        var i = line.lowerBound
        while i + 4 <= end {
            let c = s[i]
            if c == "," || c == "." || c == "，" || c == "．" || c == "、" { sawSeparator = true }
            if isYear(s, i, end), i == line.lowerBound || !ScalarClass.isDigit(s[i - 1]) {
                let before: Unicode.Scalar? = i > line.lowerBound ? s[i - 1] : nil
                let after: Unicode.Scalar? = i + 4 < line.upperBound ? s[i + 4] : nil
                // "European Commission (2025)." names an author without a separator.
                if before == "(" || before == "（" { return true }
                // "2020a," is a second work of the same year.
                if sawSeparator, let a = after,
                    yearClosers.contains(a)
                        || (ScalarClass.isLower(a) && i + 5 < line.upperBound && !ScalarClass.isLatinLetter(s[i + 5]))
                {
                    return true
                }
            }
            i += 1
        }
        return false
    }

    /// What may follow an entry's year: "1971.", "2008(4)", "(1986)", "2008，".
    private static let yearClosers: Set<Unicode.Scalar> = [".", ",", ";", "(", ")", "，", "．", "（", "）"]

    /// Four digits from 1600 to 2099, ASCII or full width (（２０１７）, as a text set in full-width forms gives them).
    private static func isYear(_ s: [Unicode.Scalar], _ i: Int, _ end: Int) -> Bool {
        guard i + 4 <= end, (i..<(i + 4)).allSatisfy({ ScalarClass.isDigit(s[$0]) }) else { return false }
        func value(_ digit: Unicode.Scalar) -> UInt32 { digit.value >= 0xFF10 ? digit.value - 0xFF10 : digit.value - 0x30 }
        let century = value(s[i]) * 10 + value(s[i + 1])
        return (16...20).contains(century) && (i + 4 >= s.count || !ScalarClass.isDigit(s[i + 4]))
    }
}

/// Editor lines at the end of CNKI articles: `责 编∕韩 拓 美 编∕周群英`, `责任编辑：张三`.
enum EditorLine {
    /// Labels that open an editor line and nothing else (编辑 and 校对 open ordinary lines too).
    static let openers = ["责任编辑", "责任校对", "责编", "美编"]

    /// Whether `line` opens with an editor label (责编∕韩拓, also spaced out: 责 编∕韩 拓): a line of its own, not the
    /// rest of the one above.
    static func opens(_ s: [Unicode.Scalar], _ line: Range<Int>) -> Bool {
        openers.contains { label in
            var i = line.lowerBound
            for scalar in label.unicodeScalars {
                while i < line.upperBound, ScalarClass.isSpace(s[i]) { i += 1 }
                guard i < line.upperBound, s[i] == scalar else { return false }
                i += 1
            }
            return true
        }
    }

    /// Whether `line` may be an editor's line: it opens with an editor label, or with a bracket before one
    /// ((责任编辑：王静), 【责任编辑:…】, [责任编辑 王芳]).
    static func opensBracketedOrBare(_ s: [Unicode.Scalar], _ line: Range<Int>) -> Bool {
        guard let first = line.first else { return false }
        return opens(s, line) || ("（(【[［〔".unicodeScalars.contains(s[first]) && line.count > 1 && opens(s, (first + 1)..<line.upperBound))
    }

    static let roles: [(label: String, field: String)] = [
        ("责任编辑", "editor"), ("责任校对", "proofreader"), ("责编", "editor"), ("美编", "artEditor"),
        ("校对", "proofreader"), ("编辑", "editor"),
    ]

    /// Whether `line` is an editor line, its roles left unstored.
    static func isEditorLine(_ line: String) -> Bool {
        var unused = DocumentMetadata()
        return parse(line, into: &unused)
    }

    /// Stores the roles found in `line` and returns true when the line is an editor line.
    static func parse(_ line: String, into metadata: inout DocumentMetadata) -> Bool {
        var compact = String(line.unicodeScalars.filter { !ScalarClass.isSpace($0) }.map(Character.init))
        // [责任编辑 王芳], （责任编辑：王芳）, 〔责任编辑：王芳〕: the brackets some journals set it in; 法学研究 writes
        // [本文责任编辑：王芳].
        var bracketed = false
        for (open, close) in [("[", "]"), ("［", "］"), ("（", "）"), ("(", ")"), ("【", "】"), ("〔", "〕")]
        where compact.hasPrefix(open) && compact.hasSuffix(close) {
            compact = String(compact.dropFirst().dropLast())
            bracketed = true
        }
        // Only in brackets: 本文编辑过程中得到……致谢。 is a line of the text.
        if bracketed, compact.hasPrefix("本文"), roles.contains(where: { compact.dropFirst(2).hasPrefix($0.label) }) {
            compact = String(compact.dropFirst(2))
        }
        // The role, then its separator or a name alone (责编∕韩拓, 责任编辑：张三, 责任编辑 王芳): not a sentence that
        // opens with the word (编辑是出版工作的核心环节。).
        guard compact.count <= 60, roles.contains(where: { role in
            guard compact.hasPrefix(role.label) else { return false }
            let rest = compact.dropFirst(role.label.count)
            return rest.first.map { "∕/：:|｜".contains($0) } ?? false || (rest.count <= 4 && !rest.contains("。"))
        }) else { return false }
        var found: [(range: Range<String.Index>, field: String)] = []
        var searchStart = compact.startIndex
        while searchStart < compact.endIndex {
            var best: (Range<String.Index>, String)?
            for role in roles {
                if let r = compact.range(of: role.label, range: searchStart..<compact.endIndex),
                    best == nil || r.lowerBound < best!.0.lowerBound
                {
                    best = (r, role.field)
                }
            }
            guard let hit = best else { break }
            found.append(hit)
            searchStart = hit.0.upperBound
        }
        for (n, hit) in found.enumerated() {
            let valueEnd = n + 1 < found.count ? found[n + 1].range.lowerBound : compact.endIndex
            let value = compact[hit.range.upperBound..<valueEnd].trimmingCharacters(in: CharacterSet(charactersIn: "∕/：:|｜　 "))
            if !value.isEmpty, metadata.fields[hit.field] == nil { metadata.fields[hit.field] = value }
        }
        return !found.isEmpty
    }
}

/// The English title / author / Abstract / Keywords block that ends Chinese journal articles.
enum EnglishBlock {
    /// An English title line followed within a few lines by `Abstract`, with only English lines (the bylines)
    /// between them. Everything from here on is read as metadata, so an English paragraph of the body, or a Chinese
    /// heading or sentence between it and the abstract, must not start the block: they would be lost as bylines.
    static func starts(_ scalars: [Unicode.Scalar], _ lines: [Range<Int>], at index: Int) -> Bool {
        guard LanguageDetector.detect(scalars, lines[index]) == .en, !readsAsProse(scalars, lines[index]) else { return false }
        for next in index..<min(lines.count, index + 6) {
            // Reference-list entries ([16] United Nations, …) are notes, not an English title block.
            if NotesList.marker(scalars, lines[next]) != nil { return false }
            let text = scalars.string(lines[next])
            if isAbstractLine(text) || text.hasPrefix("Summary:") {
                return next > index
            }
            if next > index, LanguageDetector.detect(scalars, lines[next]) != .en { return false }
        }
        return false
    }

    /// An English Abstract line (Abstract: …, 【Abstract】…, [Abstract] …) with no English title above it, after a
    /// Chinese body and its references, where only the English keywords and editor lines follow it: the block
    /// without its title line, which had been read as the last reference's continuation.
    static func startsAtAbstract(_ scalars: [Unicode.Scalar], _ lines: [Range<Int>], at index: Int) -> Bool {
        guard LanguageDetector.detect(scalars, lines[index]) == .en, isAbstractLine(scalars.string(lines[index])),
              lines.count - index <= 8 else { return false }
        return lines[(index + 1)...].allSatisfy { line in
            let text = scalars.string(line)
            return LanguageDetector.detect(scalars, line) == .en || !FrontMatter.fieldsOf(text).isEmpty || EditorLine.isEditorLine(text)
        }
    }

    /// An English abstract's line: Abstract: …, ABSTRACT …, or a bracketed label ([Abstract], 【Abstract】).
    static func isAbstractLine(_ text: String) -> Bool {
        text.hasPrefix("Abstract") || text.hasPrefix("ABSTRACT")
            || FrontMatter.tags(in: text).first.map({ FrontMatter.canonicalKey($0.key) == "abstract" }) == true
    }

    /// A line of running prose rather than a title: longer than titles run, or ending in a full stop after ten
    /// words or more (titles end without one; a byline may, but a byline does not open the block).
    static func readsAsProse(_ scalars: [Unicode.Scalar], _ line: Range<Int>) -> Bool {
        let words = scalars.string(line).split(whereSeparator: { $0 == " " }).count
        guard let last = line.last else { return false }
        return words > 40 || (words >= 10 && scalars[last] == ".")
    }

    /// Words a title does not end on (it goes on after them).
    static let titleLinks: Set<String> = [
        "of", "in", "under", "on", "for", "between", "and", "the", "with", "to", "from", "by", "amid", "toward", "towards", "a", "an",
        "at", "into", "across", "beyond", "after", "before", "during", "against", "among", "over", "through", "within",
    ]

    static func parse(_ scalars: [Unicode.Scalar], _ lines: [Range<Int>], into metadata: inout DocumentMetadata) {
        var pendingKey: String?
        var bylines: [String] = []
        for (n, range) in lines.enumerated() {
            let text = scalars.string(range)
            if EditorLine.parse(text, into: &metadata) { continue }
            // (A block without its title line opens with its abstract.)
            if n == 0, !isAbstractLine(text) {
                // A hard-wrapped copy may have run the authors' line into a long title (… Patterns and Limits |
                // SUN Jiaming, HE Jing): the line after the last break, when it names persons only, each with the
                // surname in capitals as Chinese journals print them (a title's tail, … of | Great Powers, has none), is
                // the byline.
                if let lastBreak = range.last(where: { scalars[$0] == "\n" || scalars[$0] == "\r" }),
                   case let names = scalars.string(scalars.trimmed((lastBreak + 1)..<range.upperBound)), names.count <= 80,
                   !names.contains(":"), let (persons, rest) = FrontMatter.englishPersons(names), !persons.isEmpty, rest.isEmpty,
                   persons.allSatisfy({ person in
                       // A surname in capitals and a given name in small letters (SUN Jiaming; not SOUTHEAST ASIA).
                       let words = person.split(separator: " ")
                       return words.contains { $0.count >= 2 && $0.allSatisfy { $0.isUppercase && $0.isLetter } } && words.contains { $0.contains(where: \.isLowercase) }
                   }),
                   // (Not a title's last line after its preposition: … Rethinking the Legacy of | DENG Xiaoping.)
                   case let head = scalars.string(scalars.trimmed(range.lowerBound..<lastBreak)),
                   let lastWord = head.split(separator: " ").last, !Self.titleLinks.contains(lastWord.lowercased()) {
                    metadata.titles["en"] = head
                    bylines.append(names)
                    continue
                }
                metadata.titles["en"] = text
                continue
            }
            let fields = FrontMatter.fieldsOf(text)
            if !fields.isEmpty {
                for (key, value) in fields {
                    if value.isEmpty { pendingKey = key } else { FrontMatter.store(key: key, value: value, into: &metadata) }
                }
                continue
            }
            if let key = pendingKey {
                FrontMatter.store(key: key, value: text, into: &metadata)
                pendingKey = nil
            } else if n == 1, text.hasPrefix("—") || text.hasPrefix("―") || text.hasPrefix("--"), let title = metadata.titles["en"] {
                // The English title's subtitle (—A Review of …), as the Chinese one goes on its title.
                metadata.titles["en"] = title + " " + text
            } else if metadata.abstracts["en"] == nil {
                bylines.append(text)
            } else if metadata.keywords["en"] == nil {
                // A wrapped abstract continues on the next line.
                metadata.abstracts["en", default: ""] += " " + text
            } else {
                metadata.fields["trailer", default: ""] += (metadata.fields["trailer"] == nil ? "" : " ") + text
            }
        }
        if let first = bylines.first {
            metadata.fields["authors.en"] = FrontMatter.splitNames(first).joined(separator: "; ")
            if bylines.count > 1 { metadata.fields["affiliation.en"] = bylines.dropFirst().joined(separator: "; ") }
        }
    }
}

/// Notes and reference lists: `[1]…`, `［1］…`, `1. …`, `①…`, or unnumbered entries one per line.
enum NotesList {
    /// Whether the line at `index` opens a notes list: a notes heading followed by a numbered entry, or a
    /// references heading followed by author–year entries (`ReferenceList`).
    static func opens(_ scalars: [Unicode.Scalar], _ lines: [Range<Int>], at index: Int) -> Bool {
        // Notes headings are short; testing only short lines keeps a long text's reading linear and cheap.
        guard lines[index].count <= NotesHeading.longest, index + 1 < lines.count else { return false }
        let key = NotesHeading.key(scalars.string(lines[index]))
        // An author's note marked with a dagger may come first († Department of …), the numbered notes after it.
        var first = index + 1
        while first < lines.count - 1, first < index + 3, symbolMarker(scalars, lines[first]) != nil { first += 1 }
        if marker(scalars, lines[first]) != nil || bareMarker(scalars, lines[first])?.0 == "1", NotesHeading.names.contains(key) {
            return true
        }
        return ReferenceList.headings.contains(key) && ReferenceList.entriesFollow(scalars, lines, headingAt: index)
    }

    struct Entry {
        var marker: String
        var range: Range<Int>
    }

    /// The first line of a notes list that ends the text without a heading of its own ([1] Hagelskamp, C. … (2016).
    /// Public Spending … | [2] Replication data are …, a copy that lost its "Notes"): every line from there to the
    /// end opens with a bracketed number, counting up from [1]; the line above is a paragraph that ends its sentence
    /// (not a heading such as Recommendations or 攻读学位期间发表的论文 over a list of its own); half the entries or more
    /// cite as references do (a year, [J], [M] …); and the text before cites [1] after its words, as a note marker
    /// stands (…people of colour.[1] Yet; not 第［1］项 or option [1]). Circled numbers (①…②…) likewise, the body
    /// citing ① after a sentence's end. Nil when the text ends otherwise.
    static func unheadedTrailingList(_ s: [Unicode.Scalar], _ lines: [Range<Int>]) -> Int? {
        var index = lines.count
        var expected: Int?
        // Circled numbers (① The Guardian, …, June 7, 2013) count as bracketed ones do, all entries alike.
        let circled = lines.last.map { !$0.isEmpty && ScalarClass.isCircledNumber(s[$0.lowerBound]) } ?? false
        // From the last line up: each entry's number one less than the one after it, down to 1.
        while index > 0 {
            let line = lines[index - 1]
            let number: Int?
            if circled {
                number = line.isEmpty ? nil : ScalarClass.circledNumberValue(s[line.lowerBound])
            } else {
                number = opensWithBracketedMarker(s, line) && !ScalarClass.isCircledNumber(s[line.lowerBound])
                    ? marker(s, line).flatMap({ Int($0.0) }) : nil
            }
            guard let number, number >= 1, expected.map({ $0 == number }) ?? true else { break }
            index -= 1
            expected = number - 1
            if number == 1 { break }
        }
        guard expected == 0, index > 0 else { return nil }
        let above = lines[index - 1]
        guard HardWrap.endsSentence(s, before: above.upperBound, from: above.lowerBound) else { return nil }
        let entries = lines[index...].map { s.string($0) }
        guard 2 * entries.count(where: { $0.contains(/(1[89]|20)\d\d|\[[JMRZNCDS]\]|［[JMRZNCDS]］/) }) >= entries.count else { return nil }
        // The body cites the first note as a marker after its words ("… people of colour.[1] Yet …"); a circled one
        // after a sentence's end (…的服务器。①德国…), where an enumeration's ① follows a colon or a comma.
        let body = above.upperBound
        if circled {
            for k in (lines[0].lowerBound + 1)..<max(body, lines[0].lowerBound + 1) where s[k] == "①" && "。．.!?！？”\"）)".unicodeScalars.contains(s[k - 1]) {
                return index
            }
            return nil
        }
        var k = lines[0].lowerBound + 1
        while k + 3 < body {
            if s[k] == "[" || s[k] == "［", s[k + 1] == "1", s[k + 2] == "]" || s[k + 2] == "］",
               "。．.!?！？”\"）)".unicodeScalars.contains(s[k - 1])
                || (!ScalarClass.isSpace(s[k - 1]) && s[k - 1] != "第"
                    && (ScalarClass.isSpace(s[k + 3]) || "。，；：,.;:[［)）".unicodeScalars.contains(s[k + 3]))) {
                return index
            }
            k += 1
        }
        return nil
    }

    static func parse(_ scalars: [Unicode.Scalar], _ lines: [Range<Int>]) -> [Entry] {
        var entries: [Entry] = []
        // Endnotes numbered as a PDF leaves superscripts (1 U.S. Geological Survey, …): each entry the number after
        // the last one, so that a wrapped line opening with a figure is no entry.
        let firstNumbered = lines.first { symbolMarker(scalars, $0) == nil && !scalars.trimmed($0).isEmpty }
        let bare = firstNumbered.map { marker(scalars, $0) == nil && bareMarker(scalars, $0)?.0 == "1" } ?? false
        let numbered = bare || (firstNumbered.map { marker(scalars, $0) != nil } ?? false)
        for line in lines {
            if let (symbol, textStart) = symbolMarker(scalars, line) {
                entries.append(Entry(marker: symbol, range: scalars.trimmed(textStart..<line.upperBound)))
                continue
            }
            let next = String((entries.last.flatMap { Int($0.marker) } ?? 0) + 1)
            let bareEntry = bare ? bareMarker(scalars, line).flatMap { $0.0 == next ? $0 : nil } : nil
            if let (marker, textStart) = bareEntry ?? (bare ? nil : marker(scalars, line)) {
                entries.append(Entry(marker: marker, range: scalars.trimmed(textStart..<line.upperBound)))
            } else if numbered, let last = entries.indices.last, !Caption.isSourceLine(scalars, line) {
                // A wrapped entry: extend the previous note over this line (a 资料来源： / Source: line after the list
                // is a note of its own, not the last entry's continuation).
                entries[last].range = entries[last].range.lowerBound..<line.upperBound
            } else {
                // A Markdown list's entry without its bullet (- Freeman, R. B. (1984). …).
                let bulleted = line.count > 2 && "-*•".unicodeScalars.contains(scalars[line.lowerBound]) && scalars[line.lowerBound + 1] == " "
                entries.append(Entry(marker: "", range: bulleted ? scalars.trimmed((line.lowerBound + 2)..<line.upperBound) : line))
            }
        }
        return entries.filter { !$0.range.isEmpty }
    }

    /// A note number without a mark after it, as a PDF leaves an endnote's superscript (1 U.S. Geological Survey, …):
    /// one to three digits, one space, then a capital, a Chinese character, a quote or a bracket.
    static func bareMarker(_ s: [Unicode.Scalar], _ line: Range<Int>) -> (String, Int)? {
        var k = line.lowerBound
        while k < line.upperBound, s[k].isASCII, ScalarClass.isDigit(s[k]) { k += 1 }
        guard k > line.lowerBound, k - line.lowerBound <= 3, k + 1 < line.upperBound, s[k] == " " else { return nil }
        let first = s[k + 1]
        guard ScalarClass.isUpper(first) || ScalarClass.isCJK(first) || "\"“‘(".unicodeScalars.contains(first) else { return nil }
        return (String(String.UnicodeScalarView(s[line.lowerBound..<k])), k + 1)
    }

    /// Whether the line opens with a bracketed or circled marker ([12], ［12］, ⑫): a note's own, or in running text
    /// one that a wrap or a page break carried to the line's start. (1. opens a heading as often as a note.)
    static func opensWithBracketedMarker(_ s: [Unicode.Scalar], _ line: Range<Int>) -> Bool {
        guard let (_, textStart) = marker(s, line) else { return false }
        return ScalarClass.isCircledNumber(s[line.lowerBound]) || s[textStart - 1] == "]" || s[textStart - 1] == "］"
            || s[textStart - 1] == "〕"
    }

    /// A note marked with a symbol (†, ‡) at the start of a line, as an author's note heads a list of numbered ones,
    /// and where its text starts.
    static func symbolMarker(_ s: [Unicode.Scalar], _ line: Range<Int>) -> (String, Int)? {
        guard line.count > 2, s[line.lowerBound] == "†" || s[line.lowerBound] == "‡", ScalarClass.isSpace(s[line.lowerBound + 1]) else {
            return nil
        }
        return (String(Character(s[line.lowerBound])), line.lowerBound + 1)
    }

    /// The marker at the start of a line and where the entry's text starts.
    static func marker(_ s: [Unicode.Scalar], _ line: Range<Int>) -> (String, Int)? {
        let i = line.lowerBound
        if ScalarClass.isCircledNumber(s[i]) { return (String(Character(s[i])), i + 1) }
        // ¹ Regulation (EU) …: a web page's or word processor's note number, in superscript, as the body sets it.
        if ScalarClass.isSuperscriptDigit(s[i]) {
            var k = i
            while k < line.upperBound, k - i < 3, ScalarClass.isSuperscriptDigit(s[k]) { k += 1 }
            guard k < line.upperBound, ScalarClass.isSpace(s[k]) || !ScalarClass.isSuperscriptDigit(s[k]) else { return nil }
            return (String(String.UnicodeScalarView(s[i..<k].map(ScalarClass.superscriptValue))), k)
        }
        if s[i] == "[" || s[i] == "［" || s[i] == "〔" {
            if let label = markdownLabel(s, at: i, end: line.upperBound), label.end < line.upperBound, s[label.end] == ":" {
                return (label.label, label.end + 1)
            }
            var k = i + 1
            while k < line.upperBound, ScalarClass.isDigit(s[k]) { k += 1 }
            let close: Unicode.Scalar = s[i] == "〔" ? "〕" : (s[i] == "[" ? "]" : "］")
            guard k > i + 1, k < line.upperBound, s[k] == close || (s[i] != "〔" && (s[k] == "]" || s[k] == "］")),
                  s[i] != "〔" || k - i - 1 <= 3 else { return nil }
            return (normalizedDigits(s, i + 1..<k), k + 1)
        }
        var k = i
        while k < line.upperBound, ScalarClass.isDigit(s[k]) { k += 1 }
        guard k > i, k - i <= 3, k < line.upperBound else { return nil }
        if s[k] == "、" || s[k] == "．" || (s[k] == "." && k + 1 < line.upperBound && ScalarClass.isSpace(s[k + 1])) {
            return (normalizedDigits(s, i..<k), k + 1)
        }
        return nil
    }

    /// A Markdown footnote reference at `i`, `[^1]` or `[^label]` (letters, digits, - and _, at most 24): its
    /// label and where it ends.
    static func markdownLabel(_ s: [Unicode.Scalar], at i: Int, end: Int) -> (label: String, end: Int)? {
        guard i + 2 < end, s[i] == "[", s[i + 1] == "^" else { return nil }
        var k = i + 2
        while k < end, k - i <= 26, ScalarClass.isLatinLetter(s[k]) || ScalarClass.isDigit(s[k]) || s[k] == "-" || s[k] == "_" { k += 1 }
        guard k > i + 2, k < end, s[k] == "]" else { return nil }
        return (String(String.UnicodeScalarView(s[(i + 2)..<k])), k + 1)
    }

    /// Whether `line` defines a Markdown footnote (`[^1]: text`): such a line is a note wherever it stands.
    static func isMarkdownDefinition(_ s: [Unicode.Scalar], _ line: Range<Int>) -> Bool {
        guard let label = markdownLabel(s, at: line.lowerBound, end: line.upperBound) else { return false }
        return label.end < line.upperBound && s[label.end] == ":"
    }

    static func normalizedDigits(_ s: [Unicode.Scalar], _ range: Range<Int>) -> String {
        String(String.UnicodeScalarView(s[range].map { $0.value >= 0xFF10 ? Unicode.Scalar($0.value - 0xFF10 + 0x30)! : $0 }))
    }
}

/// Text that a reader of another format has laid out (a web page, a Word or OpenDocument text): read as a journal
/// article when it opens with an article's front matter (【摘要】, Abstract, 关键词：…), so that the abstract and
/// keywords go to the metadata rather than into the body, else as plain text.
public enum LaidOutText {
    public static func read(_ text: String, sourcePath: String?, documentID: String) throws(DocumentReadError) -> Document {
        let input = ReaderInput(bytes: Array(text.utf8), sourcePath: sourcePath, documentID: documentID)
        if ArticleReader().sniff(text.prefix(16_384)) > 0 { return try ArticleReader().read(input) }
        return try PlainTextReader().read(input)
    }
}


extension ArticleReader {
    /// An appendix's heading: 附录 (附　录, 附录一, 附录：访谈提纲) or Appendix (Appendix A: …), short and without a full stop.
    static func isAppendixHeading(_ line: String) -> Bool {
        let text = line.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "　", with: "")
        guard text.count <= 40, !text.hasSuffix("。"), !text.hasSuffix(".") else { return false }
        if text.hasPrefix("附录") { return true }
        guard text.hasPrefix("Appendix") || text.hasPrefix("APPENDIX") else { return false }
        let rest = text.dropFirst("Appendix".count)
        return rest.isEmpty || rest.first == " " || rest.first == ":" || rest.first == "："
    }
}
