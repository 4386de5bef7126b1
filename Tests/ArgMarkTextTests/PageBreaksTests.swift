import ArgMarkCore
import Foundation
import ArgMarkPipeline
import Testing

@testable import ArgMarkText

/// Text extracted from a PDF, with a form feed, a page number and a running head at each page break, reads as the
/// same headings and sentences as the text without pages.
struct PageBreaksTests {
    /// Pages of `linesPerPage` lines as pdftotext leaves them: the page number below the last line, then a form feed
    /// opening the next page's running head (alternating between `heads`), then a blank line.
    static func paginate(_ text: String, linesPerPage: Int, heads: [String], number: (Int) -> String, formFeed: Bool = true) -> String {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var out: [String] = []
        for (page, start) in stride(from: 0, to: lines.count, by: linesPerPage).enumerated() {
            if start > 0 { out += ["", number(page), (formFeed ? "\u{0C}" : "") + heads[page % heads.count], ""] }
            out += lines[start..<min(start + linesPerPage, lines.count)]
        }
        return out.joined(separator: "\n")
    }

    func texts(_ document: Document) -> [String] { document.units.map { "\($0.kind) \($0.text)" } }

    /// A report's pages as pdftotext leaves them: the body wrapped at 72 columns with note numbers after words
    /// (grids.1), the notes at each page's foot under a rule, set smaller and so wider (90 columns), the report's
    /// title above each page but the first as its running head, "Congressional Research Service  N" below each, a
    /// form feed between pages and none after the last.
    static func reportPages(notesPerPage: Int = 2) -> (paged: String, plain: String, notes: [String]) {
        var paragraphs: [String] = []
        var notes: [String] = []
        for round in 0..<3 {
            for (k, paragraph) in HardWrapTests.englishParagraphs.enumerated() {
                let number = notes.count + 1
                notes.append("Office of Technology Assessment, Standards and Accountability, report \(round)-\(k), "
                    + "Washington, DC, 2024, pp. \(number)-\(number + 4), with the committee's appendix on drafting.")
                paragraphs.append(paragraph.replacingOccurrences(of: ". ", with: ".\(number) ", options: [], range: paragraph.range(of: ". ")))
            }
        }
        let title = "Technical Standards and AI Governance"
        let plainBody = paragraphs.map { HardWrapTests.wrapGreedily($0, width: 72) }.joined(separator: "\n\n")
        var pages: [String] = []
        var page: [String] = []
        var noteLines: [String] = []
        func turn() {
            let foot = ["_______________________"] + noteLines + ["Congressional Research Service" + String(repeating: " ", count: 40) + "\(pages.count + 1)"]
            pages.append((pages.isEmpty ? "" : title + "\n\n") + (page + foot).joined(separator: "\n"))
            page = []
            noteLines = []
        }
        for line in plainBody.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            page.append(line)
            if let marker = line.range(of: #"[a-z]\.(\d+) "#, options: .regularExpression) {
                let number = Int(line[marker].dropFirst(2).dropLast())!
                noteLines += HardWrapTests.wrapGreedily("\(number) " + notes[number - 1], width: 90).split(separator: "\n").map(String.init)
            }
            if page.count >= 14, noteLines.count >= notesPerPage { turn() }
        }
        turn()
        return (title + "\n\n" + pages.joined(separator: "\n\u{0C}"), title + "\n\n" + plainBody + "\n", notes)
    }

    /// A chapter copied from a PDF viewer whose running heads carry the page numbers (74    THE POLITICS OF MEMORY)
    /// turns its pages there: the heads go, and the sentences they cut are whole.
    @Test func runningHeadsCarryingPageNumbersTurnTheirPages() throws {
        let text = String(decoding: try fixture("viewer-copy-running-heads.txt"), as: UTF8.self)
        let document = try read(PlainTextReader(), text)
        #expect(!document.units.contains { $0.text.contains("MEMORY") || $0.text.contains("DISCONTENTS") })
        #expect(document.units.allSatisfy { $0.kind == .sentence })
        #expect(document.units.contains { $0.text.hasPrefix("Between 1870 and 1914 roughly 60 per cent") && $0.text.hasSuffix("was kept.") })
        // Numbered section headings set off by two spaces count up too, each with a text of its own: no pages.
        var headings = text
        for (n, head) in ["74    THE POLITICS OF MEMORY", "THE ARCHIVE AND ITS DISCONTENTS    75", "76    THE POLITICS OF MEMORY"].enumerated() {
            headings = headings.replacingOccurrences(of: head, with: "\(n + 1)    " + ["Introduction", "Background", "Methods"][n])
        }
        let kept = try read(PlainTextReader(), headings).units.map(\.text).joined(separator: " ")
        #expect(["Introduction", "Background", "Methods"].allSatisfy { kept.contains($0) }, "\(kept)")
        // Next to a bare page number, only the number goes: a list set off by two spaces at the page's top stays.
        let list = try read(PlainTextReader(), String(decoding: try fixture("viewer-copy-spaced-list.txt"), as: UTF8.self))
        #expect(list.units.filter { $0.text.contains("Reconcile the regional accounts") || $0.text.contains("Publish a single definition") }.count == 2)
        // A head may open with a figure.
        let figure = try read(PlainTextReader(), String(decoding: try fixture("viewer-copy-figure-head.txt"), as: UTF8.self))
        #expect(!figure.units.contains { $0.text.contains("MEMORY") || $0.text.contains("ARCHIVES") })
    }

    /// Sections numbered 1, 2, 3 on lines of their own are headings, not page numbers, however their sections end;
    /// Chapter 2 at a page's top is a heading though Chapter 1 stands above the first page (a running head repeats
    /// its number too).
    @Test func numberedSectionsAndChaptersAreNoPageFurniture() throws {
        let sections = try read(PlainTextReader(), String(decoding: try fixture("numbered-sections.en.txt"), as: UTF8.self))
        #expect(Set(["1", "2", "3"]).isSubset(of: Set(sections.units.filter { $0.kind == .heading }.map(\.text))))
        let chapters = try read(PlainTextReader(), String(decoding: try fixture("chapters-on-pages.en.txt"), as: UTF8.self))
        #expect(chapters.units.contains { $0.kind == .heading && $0.text == "Chapter 2" })
        // Lines of prose that open with a citation after a sentence's end carry their paragraph on (only a reference
        // list's entries, Surname, I. … (2006)., stand apart so).
        let citing = try read(PlainTextReader(), String(decoding: try fixture("citing-paragraphs.en.txt"), as: UTF8.self))
        let paragraph = citing.units.first { $0.text.hasPrefix("As Fishkin") }?.paragraph
        #expect(citing.units.filter { $0.paragraph == paragraph }.count == 3)
    }

    /// pdftotext's journal page: a table whose cells are one space apart under its caption is the table's (its
    /// header row too), not a run of headings that nest the next section under a row; a head in capitals ending in a
    /// stop (M. A. ELLISON ET AL.) goes, as does a head in capitals that only the page number beside it vouches for.
    @Test func aJournalPageFromPdftotextKeepsItsTableAndLosesItsHeads() throws {
        let body = HardWrapTests.englishParagraphs.map { HardWrapTests.wrapGreedily($0, width: 72) }.joined(separator: "\n\n")
        let table = "\n\n1. Findings\n\nTable 1. Comments by docket and type.\nDocket Comments With evidence Claims only\n"
            + "EPA-HQ-OAR-2019-0055 512 188 324\nFDA-2018-N-3017 401 97 304\nTotal 1,204 405 799\n\n1.1. Empirical accounts\n\n"
        let text = body + "\n\n212\n\u{0C}M. A. ELLISON ET AL.\n\n" + body + table + body + "\n\n213\n\u{0C}JOURNAL OF ARGUMENT STUDIES\n214\n\n"
            + body + "\n\n215\n\u{0C}M. A. ELLISON ET AL.\n\n" + body + "\n"
        let document = try read(PlainTextReader(), text)
        #expect(!document.units.contains { $0.text.contains("ELLISON") || $0.text.contains("JOURNAL OF") || $0.text == "214" })
        let captions = document.units.filter { $0.kind == .caption }.map(\.text)
        #expect(captions == ["Table 1. Comments by docket and type.", "Docket Comments With evidence Claims only",
                             "EPA-HQ-OAR-2019-0055 512 188 324", "FDA-2018-N-3017 401 97 304", "Total 1,204 405 799"])
        let sections = Dictionary(uniqueKeysWithValues: document.sections.compactMap { section in section.heading.flatMap { document.unit($0) }.map { ($0.text, section.level) } })
        #expect(sections["1.1. Empirical accounts"] == 2)
        // A sentence ending in figures is no row, and a line under a caption that no row follows is read as it is.
        let scalars = Array("Agencies changed 38 rules in 2019 and 41 in 2020.".unicodeScalars)
        #expect(!Caption.isSingleSpacedRow(scalars, scalars.indices))
        let lost = try read(PlainTextReader(), "Table 2. Outcomes.\nDiscussion\n\nThe outcomes were mixed. We discuss them.\n")
        #expect(lost.units.map(\.kind) == [.caption, .heading, .sentence, .sentence])
    }

    /// A Chinese law journal copied from a PDF viewer: its pages turn at ·37· although each page's last line is a
    /// note that ends its sentence; the notes (the author's * among them) leave the body, the running heads go (the
    /// journal's issue, the title without its star that also stands above the first page), and the sentence cut at
    /// the first page's end, with its notes and heads between, is whole. The same with the paragraphs unwrapped, and
    /// with bare page numbers.
    @Test func aLawJournalCopiedFromAViewerReadsWithoutItsPages() throws {
        let text = String(decoding: try fixture("viewer-copy-law-journal.zh.txt"), as: UTF8.self)
        // Unwrapped: a paragraph's lines on a page run together; headings, notes and furniture keep their lines.
        var unwrapped: [String] = []
        var joinable = false
        for line in text.split(separator: "\n").map(String.init) {
            let opensNote = line.first.map { "①②③④*".contains($0) } == true
            let furniture = line.hasPrefix("·") || line.hasPrefix("法学评论") || line.hasPrefix("算法解释权") || line.contains("：")
            let heading = line.contains("、") && line.count < 16
            if joinable, !line.hasPrefix("　　"), !opensNote, !furniture, !heading {
                unwrapped[unwrapped.count - 1] += line
            } else {
                unwrapped.append(line)
            }
            // Body lines take their continuations; a note takes its own wrapped lines too.
            joinable = opensNote || (joinable && !furniture && !heading) || line.hasPrefix("　　") || (!furniture && !heading && !line.hasPrefix("林"))
        }
        let bare = text.replacing(/·(\d+)·/) { String($0.output.1) }
        #expect(unwrapped.count < 40, "\(unwrapped)")
        // Bare numbers on three pages, the last short, are no proof of pages (a short essay's sections are numbered
        // so): only the pages of a longer copy turn at them.
        let bareDocument = try read(ArticleReader(), bare)
        #expect(bareDocument.units.contains { $0.text == "37" || $0.text.hasSuffix(" 37") || $0.text.contains("37") })
        for variant in [text, unwrapped.joined(separator: "\n")] {
            let document = try read(ArticleReader(), variant)
            let headings = document.units.filter { $0.kind == .heading }.map(\.text)
            #expect(headings == ["一、问题的提出", "二、比较法上的两种路径", "三、算法解释权的层次构造", "四、结　语"], "\(headings)")
            #expect(document.units.allSatisfy { $0.kind == .heading || $0.kind == .sentence })
            #expect(!document.units.contains { $0.text.contains("参见") || $0.text.contains("法学评论") || $0.text.contains("·") || $0.text.hasPrefix("*") })
            #expect(document.units.contains { $0.text == "由于序言不具有法律拘束力，学界对是否存在独立的解释权长期争论不休。①" })
            #expect(document.notes.map(\.marker) == ["*", "①", "②", "③", "④", "①", "②", "③", "④", "①"])
            #expect(document.notes.first?.text.hasSuffix("（23BFX101）的阶段性成果。") == true)
            #expect(document.units.filter { !$0.noteRefs.isEmpty }.count == 9)
        }
    }

    /// The notes at the pages' feet become the document's notes, linked from their markers, and the paragraphs they
    /// stood between read whole, as the text without pages reads; the running head and foot are gone.
    @Test func notesAtThePagesFeetAreNotes() throws {
        let (paged, plain, notes) = Self.reportPages()
        #expect(paged.split(separator: "\u{0C}").count >= 4)
        let document = try read(PlainTextReader(), paged)
        let expected = try read(PlainTextReader(), plain)
        #expect(texts(document) == texts(expected))
        #expect(document.notes.map(\.marker) == (1...notes.count).map(String.init))
        #expect(document.notes.map(\.text) == notes)
        for (n, note) in document.notes.enumerated() {
            #expect(document.units.contains { $0.noteRefs == [note.id] && $0.text.hasSuffix(".\(n + 1)") })
        }
        #expect(!document.units.contains { $0.text.contains("Congressional Research Service") || $0.text.contains("____") })
    }

    /// A report that names its issuer on the cover too (Congressional Research Service above the summary) still
    /// loses the foot that carries the page number, from the notes above it as from the text.
    @Test func aFootWhoseTextAlsoStandsOnTheCoverGoes() throws {
        let (paged, _, notes) = Self.reportPages()
        let covered = paged.replacingOccurrences(of: "Technical Standards and AI Governance\n\n", with: "Technical Standards and AI Governance\n\nJane Doe\nAnalyst in Technology Policy\nCongressional Research Service\n\n", options: [], range: paged.startIndex..<paged.index(paged.startIndex, offsetBy: 60))
        let document = try read(PlainTextReader(), covered)
        #expect(document.notes.map(\.text) == notes)
        #expect(!document.units.contains { $0.kind == .sentence && $0.text.contains("Congressional Research Service") })
    }

    /// A PDF viewer's copy whose pages end on a paragraph's end turns its pages all the same where a running head
    /// stands under every page number, or where the numbers are set as page numbers (·117·); the text's last page
    /// ends where the text does, cut or not.
    @Test func pagesEndingOnAParagraphsEnd() throws {
        let page = Self.wrappedLines(copies: 1) + Self.wrappedLines(copies: 1)
        let plain = (page + page + page).joined(separator: "\n") + "\n"
        // One page cut mid-sentence, the other ending on a paragraph's end.
        var headedLines = page + page + page
        headedLines.insert(contentsOf: ["2", "STANDARDS AND ACCOUNTABILITY"], at: 2 * page.count + 2)
        headedLines.insert(contentsOf: ["1", "STANDARDS AND ACCOUNTABILITY", ""], at: page.count)
        let headed = (headedLines + ["3"]).joined(separator: "\n") + "\n"
        #expect(texts(try read(PlainTextReader(), headed)) == texts(try read(PlainTextReader(), plain)))
        // Numbered sections under one recurring subheading, each ending on a paragraph's end, are no pages.
        let sections = (["CASE STUDIES IN HOUSING", "", "1", "Key findings"] + page + ["2", "Key findings"] + page + ["3", "Key findings"] + page + ["4", "Key findings"] + page)
            .joined(separator: "\n") + "\n"
        #expect(texts(try read(PlainTextReader(), sections)).filter { $0 == "heading Key findings" || $0.hasPrefix("heading 1") }.count >= 2)
        // Bare numbers under nothing that recurs, after paragraphs' ends: sections as often as pages.
        let bare = (page + ["1", ""] + page + ["2", ""] + page + ["3"]).joined(separator: "\n") + "\n"
        #expect(texts(try read(PlainTextReader(), bare)).contains("heading 2"))
        let paragraph = "数据共享不畅仍是制约数字政府效能提升的突出问题，需要从制度层面加以破解。本文试图通过S省的案例回答这一问题。"
        let chinesePage = (0..<4).flatMap { _ in HardWrapTests.wrapByCharacters(paragraph + paragraph, width: 20).split(separator: "\n").map(String.init) }
        let chinesePlain = (chinesePage + chinesePage + chinesePage).joined(separator: "\n") + "\n"
        let decorated = (chinesePage + ["·117·"] + chinesePage + ["·118·"] + chinesePage + ["·119·"]).joined(separator: "\n") + "\n"
        #expect(texts(try read(PlainTextReader(), decorated)) == texts(try read(PlainTextReader(), chinesePlain)))
        // A short official document exported from Word, a paragraph a line: its two pages' numbers (— 1 —, — 2 — on its
        // last line) go; two bare numbers stay.
        let paragraphs = (1...6).map { "（\($0)）\(paragraph)" }
        let official = (paragraphs + ["— 1 —"] + paragraphs + ["— 2 —"]).joined(separator: "\n") + "\n"
        #expect(texts(try read(PlainTextReader(), official)) == texts(try read(PlainTextReader(), (paragraphs + paragraphs).joined(separator: "\n") + "\n")))
        // A one-page document's number at its foot (— 1 —, its last line) goes too.
        let onePage = (paragraphs + ["", "— 1 —"]).joined(separator: "\n") + "\n"
        #expect(texts(try read(PlainTextReader(), onePage)) == texts(try read(PlainTextReader(), paragraphs.joined(separator: "\n") + "\n")))
        let twoBare = (paragraphs + ["1"] + paragraphs + ["2"]).joined(separator: "\n") + "\n"
        #expect(texts(try read(PlainTextReader(), twoBare)).contains { $0.hasSuffix(" 2") })
    }

    /// Chinese pages that number their foot notes afresh (① ② on every page): each marker links to the note at the
    /// foot of its own page, and the running head goes while the title above the first page stays.
    @Test func circledNotesNumberedAfreshOnEachPage() throws {
        let sentences = ["全球数字贸易快速发展，数据跨境流动规模持续扩大", "中国提出了一系列倡议，强调发展与安全并重",
                         "美欧之间的数据流动安排几经反复，规则分歧仍然明显", "区域贸易协定中的数字贸易章节不断增加"]
        var pages: [String] = []
        for page in 0..<3 {
            var lines: [String] = []
            var foot = ["——————————"]
            for (n, marker) in ["①", "②"].enumerated() {
                let paragraph = "第\(page + 1)页：" + sentences[(page + n) % 4] + marker + "。这一趋势值得关注，需要持续跟踪研究。"
                lines += stride(from: 0, to: paragraph.count, by: 38).map { String(Array(paragraph)[$0..<min($0 + 38, paragraph.count)]) } + [""]
                foot.append("\(marker)参见文献第\(page + 1)-\(n + 1)号，某某出版社，2023年。")
            }
            pages.append((page > 0 ? "数字贸易规则研究\n\n" : "") + (lines + foot + ["— \(page + 1) —"]).joined(separator: "\n"))
        }
        let document = try read(PlainTextReader(), "数字贸易规则研究\n\n" + pages.joined(separator: "\n\u{0C}") + "\n")
        #expect(document.units.first?.kind == .heading && document.units.filter { $0.text == "数字贸易规则研究" }.count == 1)
        #expect(document.notes.map(\.marker) == ["①", "②", "①", "②", "①", "②"])
        for unit in document.units where unit.text.contains("①") || unit.text.contains("②") {
            let page = unit.text.prefix(3)
            let note = try #require(document.notes.first { $0.id == unit.noteRefs.first })
            #expect(note.text.hasPrefix("参见文献\(page.dropLast())-"))
        }
        #expect(!document.units.contains { $0.text.contains("参见") || $0.text.contains("——") })
    }

    /// A CNKI PDF through pdftotext: the page's only note marker wrapped to a line's start (…冶炼园区。 | ①与此同时),
    /// its note between a sentence cut off at the page's foot and the page number. The note is a note, linked from
    /// the sentence it follows, and the sentence reads whole; a list whose items open their lines under a short line
    /// stays text.
    @Test func aCircledMarkerAtALinesStartIsAMarker() throws {
        let body = [
            "印度尼西亚的对冲策略明显偏向经济领域。佐科政府执政期间，印尼积极吸引中国",
            "投资以推动基础设施建设。雅加达—万隆高速铁路于2023年10月正式开通运营，",
            "成为中印尼共建“一带一路”的标志性项目。在镍产业领域，印尼自2020年起禁",
            "止镍矿石出口，吸引中国企业在苏拉威西岛投资建设冶炼园区并扩大产能规模。",
            "①与此同时，印尼在安全领域始终坚持“独立积极”的外交方针，避免与美国建立",
            "过于紧密的军事合作。由此可见，印尼的对冲策略以经济收益为优先考量，而在安",
            "",
            "①印尼能源与矿产资源部：《2020年第11号部长条例》，2019年8月。",
            "",
            "· 46 ·",
            "\u{0C}国际政治研究　2024年第2期",
            "",
            "全上刻意保持距离。",
            "",
        ]
        // A page of wrapped lines above, as the article's page has.
        let opening = String(repeating: "越南在经济上高度依赖中国，在安全上则坚持“四不”国防政策，在两大国之间保持平衡。", count: 8)
        let wrapped = stride(from: 0, to: opening.count, by: 37).map { String(Array(opening)[$0..<min($0 + 37, opening.count)]) }
        let document = try read(PlainTextReader(), "对冲策略的比较研究\n\n" + (wrapped + [""] + body).joined(separator: "\n") + "\n")
        let sentences = document.units.filter { $0.kind == .sentence }
        #expect(sentences.contains { $0.text == "由此可见，印尼的对冲策略以经济收益为优先考量，而在安全上刻意保持距离。" })
        #expect(!document.units.contains { $0.text.contains("部长条例") || $0.text.contains("国际政治研究") })
        let note = try #require(document.notes.first)
        #expect(note.marker == "①" && note.text.hasPrefix("印尼能源与矿产资源部"))
        #expect(sentences.first { $0.text.hasSuffix("冶炼园区并扩大产能规模。①") }?.noteRefs == [note.id])

        let list = ["印尼的经验表明，对冲策略的效果取决于多重因素。本文据此提出以下两点建议：", "①完善制度。", "②加强协调。", "",
                    "· 47 ·", "\u{0C}国际政治研究　2024年第2期", "", "其余内容。"]
        let listed = try read(PlainTextReader(), "对冲策略的比较研究\n\n" + list.joined(separator: "\n") + "\n")
        #expect(listed.notes.isEmpty)
        // Two lists on a page, the second at its foot, the first's ② after a full line: no marker, no note.
        let twoLists = wrapped + ["", "本文提出两点建议，第一点建议涉及制度建设，第二点建议涉及协调机制的完善。",
                                  "①完善基层公共服务的财政保障制度，明确县级政府在其中承担的主要责任。", "②建立跨区域公共服务协作机制，推动优质资源向基层和农村地区延伸。", "",
                                  "具体措施如下：", "", "①完善制度。", "②建立跨区域公共服务协作机制。", "", "· 48 ·", "\u{0C}国际政治研究　2024年第2期", "", "其余内容。"]
        #expect(try read(PlainTextReader(), "对冲策略的比较研究\n\n" + twoLists.joined(separator: "\n") + "\n").notes.isEmpty)
    }

    /// A first page's foot sets the journal's fields under its notes (收稿日期：… / 基金项目：… / 作者简介：…): they are
    /// the document's metadata, not the last note's continuation (they had run into it).
    @Test func aJournalsFieldsUnderAPagesNotesAreMetadata() throws {
        let opening = String(repeating: "越南在经济上高度依赖中国，在安全上则坚持“四不”国防政策，在两大国之间保持平衡。", count: 8)
        let wrapped = stride(from: 0, to: opening.count, by: 37).map { String(Array(opening)[$0..<min($0 + 37, opening.count)]) }
        let foot = [
            "学者们对对冲的构成要素进行了讨论。①", "",
            "①郭清水：《东南亚国家的对冲行为》，《当代东南亚》2008年第1期。", "",
            "收稿日期：2023-11-20；修回日期：2024-01-15", "基金项目：国家社会科学基金重大项目“大国竞争与周边外交研究”（23ZDA100）",
            "作者简介：孙嘉明，复旦大学国际关系与公共事务学院副教授；何静，上海国际问题", "研究院助理研究员。", "",
            "· 45 ·", "\u{0C}国际政治研究　2024年第2期", "", "然而，既有研究存在两方面的不足。", "",
        ]
        for reader in [PlainTextReader() as any DocumentReader, ArticleReader()] {
            let document = try read(reader, "对冲策略的比较研究\n\n" + (wrapped + [""] + foot).joined(separator: "\n") + "\n")
            #expect(document.notes.map(\.text) == ["郭清水：《东南亚国家的对冲行为》，《当代东南亚》2008年第1期。"])
            #expect(document.metadata.fields["received"] == "2023-11-20" && document.metadata.fields["revised"] == "2024-01-15")
            #expect(document.metadata.fields["funding"] == "国家社会科学基金重大项目“大国竞争与周边外交研究”（23ZDA100）")
            #expect(document.metadata.fields["authorInfo"] == "孙嘉明，复旦大学国际关系与公共事务学院副教授；何静，上海国际问题研究院助理研究员。")
            #expect(!document.units.contains { $0.text.contains("收稿日期") || $0.text.contains("基金项目") })
        }
        // A note wrapped onto a line that opens with a label stays whole (作者单位：… is the note's); a DOI line under the
        // fields is the DOI, not the received date's tail; a line of its own under them is a note.
        var other = foot
        other[2] = "①参见张三等：《东南亚研究》，"
        other.insert("作者单位：复旦大学，2020年版，第5页。", at: 3)
        other[5] = "收稿日期：2023-11-20"
        other.insert("DOI：10.1234/abcd.2024.02.003", at: 6)
        let wrappedNote = try read(PlainTextReader(), "对冲策略的比较研究\n\n" + (wrapped + [""] + other).joined(separator: "\n") + "\n")
        #expect(wrappedNote.notes.first?.text == "参见张三等：《东南亚研究》，作者单位：复旦大学，2020年版，第5页。")
        #expect(wrappedNote.metadata.fields["received"] == "2023-11-20" && wrappedNote.metadata.doi == "10.1234/abcd.2024.02.003")
    }

    /// A citation that fell across the break: the page's last line a heading-like start of a paragraph, the next
    /// page opening with the year in brackets. The sentence reads whole; a numbered item "(1) Fund …" does not join.
    @Test func aCitationAcrossTheBreakJoins() throws {
        let context = Self.wrappedLines(copies: 2).joined(separator: "\n") + "\n\n"
        let text = context + "According to Rey-Moreno\n\n12\n\u{0C}(2017), the cooperative's calls cost a fraction of what others charged.\n"
        #expect(texts(try read(PlainTextReader(), text)).last == "sentence According to Rey-Moreno (2017), the cooperative's calls cost a fraction of what others charged.")
        let scalars = Array("(1) Fund public participation.".unicodeScalars)
        #expect(!PageBreaks.opensBracketedAside(scalars, scalars.indices))
        let aside = Array("(OECD) and the member states agreed.".unicodeScalars)
        #expect(PageBreaks.opensBracketedAside(aside, aside.indices))
    }

    /// A numbered list at a page's foot whose numbers no marker above carries stays text.
    @Test func aNumberedListAtAPagesFootIsNoNotes() throws {
        let body = HardWrapTests.englishParagraphs.map { HardWrapTests.wrapGreedily($0, width: 72) }.joined(separator: "\n\n")
        let list = "\n\nThe report makes two recommendations:\n1 Publish the drafts of every standard.\n2 Fund public participation.\n"
        let paged = body + list + "Page 1\n\u{0C}" + body + list + "Page 2\n\u{0C}"
        let document = try read(PlainTextReader(), paged)
        #expect(document.notes.isEmpty)
        #expect(document.units.filter { $0.text.hasPrefix("1 Publish") }.count == 2)
    }

    @Test func englishPagesReadAsTheTextWithoutThem() throws {
        let plain = "Who Writes the Rules?\n\n"
            + (HardWrapTests.englishParagraphs + HardWrapTests.englishParagraphs).map { HardWrapTests.wrapGreedily($0, width: 64) }
            .joined(separator: "\n\n") + "\n"
        let paged = Self.paginate(plain, linesPerPage: 7, heads: ["Journal of Standards Policy 4 (2026)", "VAN DER BERG"], number: { "\($0)" })
        #expect(paged.split(separator: "\u{0C}").count >= 4)
        let expected = try read(PlainTextReader(), plain)
        let document = try read(PlainTextReader(), paged)
        #expect(texts(document) == texts(expected))
        #expect(document.paragraphs.count == expected.paragraphs.count)
        // Offsets point into the paged source: a unit's span holds its text, and across a break the furniture too.
        let source = Array(paged.unicodeScalars)
        for unit in document.units {
            var span = source[unit.start..<unit.end].split(whereSeparator: { ScalarClass.isSpace($0) })
                .map { String(String.UnicodeScalarView($0)) }.joined(separator: " ")
            for page in 1...9 {
                for head in ["Journal of Standards Policy 4 (2026)", "VAN DER BERG"] {
                    span = span.replacingOccurrences(of: " \(page) \(head) ", with: " ")
                }
            }
            #expect(span == unit.text)
        }
    }

    /// A recto head that repeats the article's title, a question, with the page's number beside it (Do Enterprise
    /// Zones Create Jobs or Move Them?      213), the title standing under the journal's line and DOI: furniture,
    /// as the verso head beside it is; the recto heads had been headings opening sections.
    @Test func aHeadRepeatingATitleThatAsksGoes() throws {
        let text = String(decoding: try fixture("question-title-pages.en.txt"), as: UTF8.self)
        let document = try read(ArticleReader(), text)
        #expect(document.metadata.titles["en"] == "Do Enterprise Zones Create Jobs or Move Them?")
        #expect(!document.units.contains { $0.text.contains("Move Them?") || $0.text.contains("M.L. Okafor, D.P. Whitcombe") },
                "\(document.units.filter { $0.text.contains("Move Them") }.map(\.text))")
    }

    @Test func chinesePagesReadAsTheTextWithoutThem() throws {
        let paragraphs = HardWrapTests.chineseParagraphs + HardWrapTests.chineseParagraphs
        let plain = "一、问题的提出\n" + paragraphs.map { HardWrapTests.wrapByCharacters($0, width: 30) }.joined(separator: "\n") + "\n"
        let paged = Self.paginate(plain, linesPerPage: 4, heads: ["全球治理研究 2026年第1期", "规范竞争与参与路径"], number: { "— \($0) —" })
        #expect(paged.split(separator: "\u{0C}").count >= 5)
        #expect(texts(try read(PlainTextReader(), paged)) == texts(try read(PlainTextReader(), plain)))
    }

    /// Copied from a PDF viewer, a text has no form feeds, but its page numbers count up page by page.
    @Test func pagesWithoutFormFeedsTurnAtTheirNumbers() throws {
        let plain = (0..<6).map { _ in HardWrapTests.englishParagraphs.map { HardWrapTests.wrapGreedily($0, width: 64) }.joined(separator: "\n\n") }
            .joined(separator: "\n\n") + "\n"
        // 17 lines a page, so that the pages break mid-paragraph as a PDF's do.
        let paged = Self.paginate(plain, linesPerPage: 17, heads: ["Journal of Standards Policy 4 (2026)", "VAN DER BERG"], number: { "\($0)" }, formFeed: false)
        #expect(!paged.contains("\u{0C}") && paged.contains("\n3\n"))
        #expect(texts(try read(PlainTextReader(), paged)) == texts(try read(PlainTextReader(), plain)))
        // Numbers that do not count up page by page are text: a list of short numbered lines stays as it is.
        let list = "Scores by region:\n1\n2\n3\n4\nThe scores rose.\n"
        #expect(try read(PlainTextReader(), list).units.count == 6)
    }

    /// With a single break nothing repeats, but a heading-like line between a sentence cut off at the break and
    /// its lower-case continuation is a running head; the page number goes too.
    @Test func aRunningHeadBetweenTheHalvesOfASentenceGoes() throws {
        let context = Self.wrappedLines(copies: 2).joined(separator: "\n") + "\n"
        let text = context + "States hedge between the poles because no single pole can meet\n\n12\n"
            + "\u{0C}Marchetti-Rao: Middle Powers and Digital Sovereignty\n\nall their needs, and the three cases show how far each can go.\n"
        let document = try read(PlainTextReader(), text)
        #expect(texts(document).last == "sentence States hedge between the poles because no single pole can meet all their needs, and the three cases show how far each can go.")
    }

    /// A heading at the foot of a page stays a heading; an entry of a notes list on the next page stays an entry.
    @Test func headingsAndNoteEntriesAtABreakStayApart() throws {
        let heading = try read(PlainTextReader(), "自主选择，停止以行政手段强行推动产业链搬迁。\n三、关于国际社会的态度\n\n— 3 —\n\u{0C}报告\n\n谬误5：盟友都支持美方的政策。美方声称如此。\n\n— 4 —\n\u{0C}报告\n\n事实真相：并非如此。\n")
        #expect(heading.units.map(\.kind) == [.sentence, .heading, .sentence, .sentence, .sentence])
        #expect(heading.units[1].text == "三、关于国际社会的态度")
        let notes = try read(PlainTextReader(), "正文一句。[1]正文二句。[2]\n注释\n[1] 王明国：《全球互联网治理》，\n《世界经济与政治》，2015年第3期。\n\n9\n\u{0C}[2] 习近平：《弘扬传统友好》，《人民日报》，2014年7月18日。\n")
        #expect(notes.notes.map(\.marker) == ["1", "2"])
        #expect(notes.notes[0].text == "王明国：《全球互联网治理》，《世界经济与政治》，2015年第3期。")
    }

    /// A heading at the top of a page after a list item without a stop opens its section; a line at the top of a
    /// page that goes on in a full sentence carries the cut one on.
    @Test func aHeadingAtAPagesTopAfterAnOpenListItemStaysAHeading() throws {
        let list = "Results\nThe agencies recommended three steps:\n• publish an inventory of automated tools\n• give applicants a written reason\n"
        let heading = try read(PlainTextReader(), list + "\u{0C}Discussion\nOur findings carry a clear message. Cities should act.\n")
        #expect(heading.units.map(\.kind) == [.heading, .sentence, .sentence, .sentence, .heading, .sentence, .sentence])
        #expect(heading.units[4].text == "Discussion")
        let carried = try read(PlainTextReader(), list + "\u{0C}for every adverse decision the system made. Cities should act.\n")
        #expect(carried.units[3].text == "• give applicants a written reason for every adverse decision the system made.")
    }

    /// A note marker that a page break cut in two, or carried to the next page, closes the sentence above.
    @Test func aNoteMarkerAcrossABreakStaysWithItsSentence() throws {
        let context = HardWrapTests.chineseParagraphs.map { HardWrapTests.wrapByCharacters($0, width: 30) }.joined(separator: "\n") + "\n"
        let document = try read(PlainTextReader(), context + "各国在能力建设合作中平等地从人工智能发展中获益。[19\n\n— 3 —\n\u{0C}规范竞争\n\n]2024年9月，联合国发布报告。\n")
        #expect(document.units.suffix(2).map(\.text) == ["各国在能力建设合作中平等地从人工智能发展中获益。[19]", "2024年9月，联合国发布报告。"])
        let carried = try read(PlainTextReader(), context + "该企业逐步停用其业务中的中国硬件设备。\n\n4\n\u{0C}[33]2025年5月，两国又宣布合作建设园区。\n")
        #expect(carried.units.suffix(2).map(\.text) == ["该企业逐步停用其业务中的中国硬件设备。[33]", "2025年5月，两国又宣布合作建设园区。"])
    }

    /// Endnotes numbered as a PDF leaves superscripts, without a mark after the number, are notes when they count up
    /// from 1 under a notes heading; a wrapped entry's line that opens with a figure stays with its entry.
    @Test func endnotesNumberedWithoutAMarkAreNotes() throws {
        let text = "Demand for lithium will triple by 2030.1 China refines most of it.2\n\nEndnotes\n\n1 International Energy Agency, The Role of Critical Minerals,\n31 pages (Paris: IEA, 2021).\n\n2 U.S. Geological Survey, Mineral Commodity Summaries 2023, 7.\n"
        let document = try read(PlainTextReader(), text)
        #expect(document.notes.map(\.marker) == ["1", "2"])
        #expect(document.notes.first?.text == "International Energy Agency, The Role of Critical Minerals, 31 pages (Paris: IEA, 2021).")
        #expect(document.units.map(\.noteRefs) == [[document.notes[0].id], [document.notes[1].id]])
    }

    /// A note number that a PDF leaves after the full stop, plain or superscript, links the sentence to its note.
    @Test func noteNumbersFromAPDFLinkToTheirNotes() throws {
        let document = try read(PlainTextReader(), "States hedge between the poles.2 Others bandwagon.¹ Few balance.\n\nNotes\n1. Kuik, C.-C. 2008. The Essence of Hedging.\n2. Goh, E. 2005. Meeting the China Challenge.\n")
        #expect(document.units.map(\.text) == ["States hedge between the poles.2", "Others bandwagon.¹", "Few balance."])
        #expect(document.notes.map(\.marker) == ["1", "2"])
        #expect(document.units.map(\.noteRefs) == [[document.notes[1].id], [document.notes[0].id], []])
        // A power of a unit and a page reference are no note numbers.
        let units = try read(PlainTextReader(), "An area of 300 km² was cleared. For details, see p.2\n\nNotes\n1. Kuik 2008.\n2. Goh 2005.\n")
        #expect(units.units.allSatisfy { $0.noteRefs.isEmpty })
        // Nor are a table's decimals (2.3 in a row) at a page's foot, under which a numbered heading and its
        // paragraph would otherwise read as note 3.
        let table = "Table 1 reports the statistics.\n\nTable 1: Summary Statistics\n                        Mean     SD\nShifts per week          4.1    1.6\nShift length (hours)     6.6    2.3\nNotes: Worker-week observations.\n\n3    Empirical Strategy\nWe estimate stacked event-study regressions.\n\n1\n\u{0C}Standard errors are clustered by state.\n"
        let decimals = try read(PlainTextReader(), table)
        #expect(decimals.notes.isEmpty && decimals.units.contains { $0.kind == .heading && $0.text == "3    Empirical Strategy" })
        // Nor is the power of a symbol (R², χ²).
        let powers = try read(PlainTextReader(), "模型的R²由0.213上升到0.227。检验的χ²为12.5。\n\n参考文献\n[1] 郭峰：《数字普惠金融》，2020年。\n[2] 张勋：《数字经济》，2019年。\n")
        #expect(powers.units.allSatisfy { $0.noteRefs.isEmpty })
    }

    /// The wrapped English paragraphs, `copies` times over, one line per element.
    static func wrappedLines(copies: Int) -> [String] {
        (0..<copies).flatMap { _ in
            HardWrapTests.englishParagraphs.flatMap { HardWrapTests.wrapGreedily($0, width: 64).split(separator: "\n").map(String.init) + [""] }
        }
    }

    /// A full wrapped line at the top of a page (European Commission should review …) reads like a heading but is
    /// the paragraph's next line, not a running head.
    @Test func aWrappedLineAtAPagesTopIsNoRunningHead() throws {
        let lines = Self.wrappedLines(copies: 2) + [
            "The committee then decided, after a long and heated debate, that",
            "European Commission officials should review the rules for all",
            "member states before the end of the year and publish findings.",
        ]
        let plain = lines.joined(separator: "\n") + "\n"
        let paged = (lines.dropLast(2) + ["", "12", "\u{0C}" + lines[lines.count - 2], lines[lines.count - 1]]).joined(separator: "\n") + "\n"
        #expect(texts(try read(PlainTextReader(), paged)) == texts(try read(PlainTextReader(), plain)))
    }

    /// Section numbers and years standing as headings count up too, but follow a paragraph's end: no pages.
    @Test func sectionNumbersAndYearsAreNoPages() throws {
        for numbers in [["1", "2", "3", "4"], ["2019", "2020", "2021", "2022"]] {
            let text = numbers.map { "\($0)\n\n" + Self.wrappedLines(copies: 1).joined(separator: "\n") }.joined(separator: "\n") + "\n"
            let document = try read(PlainTextReader(), text)
            #expect(document.units.filter { $0.kind == .heading }.map(\.text) == numbers)
        }
    }

    /// "Page 2 of 5" counts as page 2; a running head on a page of its own (a figure's page) still goes.
    @Test func pagesOfNAndHeadsOnEmptyPages() throws {
        let plain = Self.wrappedLines(copies: 6).joined(separator: "\n") + "\n"
        let copied = Self.paginate(plain, linesPerPage: 17, heads: ["Journal of Standards Policy 4 (2026)"], number: { "Page \($0) of 9" }, formFeed: false)
        #expect(texts(try read(PlainTextReader(), copied)) == texts(try read(PlainTextReader(), plain)))
        let paged = Self.paginate(plain, linesPerPage: 12, heads: ["VAN DER BERG"], number: { "\($0)" })
            .replacingOccurrences(of: "\n3\n\u{0C}VAN DER BERG\n", with: "\n3\n\u{0C}VAN DER BERG\n\n3a\n\u{0C}VAN DER BERG\n")
        #expect(paged.components(separatedBy: "VAN DER BERG").count > 5)
        let document = try read(PlainTextReader(), paged)
        #expect(!document.units.contains { $0.text.contains("VAN DER BERG") })
    }

    /// A heading or caption alone on a short page stands next to two breaks but is no running head; a stray number
    /// just above a page number does not hide the run of pages.
    @Test func aShortPageAndAStrayNumber() throws {
        let lines = Self.wrappedLines(copies: 4)
        let plain = lines.joined(separator: "\n") + "\n"
        let half = lines.count / 2
        let part = (lines[..<half] + ["", "1", "\u{0C}Part II", "", "Case Studies in Hedging", "", "2", "\u{0C}"] + lines[half...])
            .joined(separator: "\n") + "\n"
        let parted = try read(PlainTextReader(), part)
        #expect(parted.units.contains { $0.text == "Case Studies in Hedging" })
        var stray = Self.paginate(plain, linesPerPage: 17, heads: ["VAN DER BERG"], number: { "\($0)" }, formFeed: false)
        let thirdPage = try #require(stray.range(of: "\n3\nVAN DER BERG"))
        let strayAt = try #require(stray[..<thirdPage.lowerBound].range(of: "\n", options: .backwards, range: stray.startIndex..<stray.index(thirdPage.lowerBound, offsetBy: -200)))
        stray.insert(contentsOf: "\n2\n", at: strayAt.upperBound)
        #expect(!texts(try read(PlainTextReader(), stray)).contains { $0.contains("VAN DER BERG") })
    }

    @Test func aTextWithoutPagesIsLeftAlone() {
        var scalars = Array((Self.wrappedLines(copies: 3).joined(separator: "\n") + "\n\n12\n").unicodeScalars)
        let original = scalars
        #expect(PageBreaks.logicalLines(&scalars) == HardWrap.logicalLines(original))
        #expect(scalars == original)
    }

    @Test(arguments: [
        ("12", true), ("- 12 -", true), ("— 12 —", true), ("[12]", true), ("Page 12", true), ("page 12 of 30", true),
        ("12/30", true), ("xii", true), ("第12页", true), ("p. 4", true), ("·12·", true), ("－ 3 －", true),
        ("2024年", false), ("Chapter 2", false), ("12 percent", false), ("civil", false), ("Introduction", false),
    ])
    func pageNumbers(_ line: String, _ expected: Bool) {
        let scalars = Array(line.unicodeScalars)
        #expect(PageBreaks.isPageNumber(scalars, scalars.indices) == expected)
    }
}
