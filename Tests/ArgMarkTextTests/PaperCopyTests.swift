import ArgMarkCore
import ArgMarkPipeline
import Foundation
import Testing

@testable import ArgMarkText

/// Papers as researchers copy them: an abstract given inline, notes whose list lost its heading or numbers its
/// entries in superscript, bylines with affiliations in brackets or set apart by spaces, an author's note under the
/// title's star, and a short hard-wrapped paper whose title page and table are lines of their own.
struct PaperCopyTests {
    func sentences(_ document: Document) -> [String] { document.units.filter { $0.kind == .sentence }.map(\.text) }

    /// "Abstract:" opening the paragraph under the title marks a paper as a label on its own line does: the title,
    /// the author and the abstract go to the metadata (they had been headings and labelled sentences).
    /// A CNKI article's English block after its body, hard-wrapped by pdftotext so that the authors' line ran into
    /// the long title: the title, and the names as the English byline (the title had ended "… Limits SUN Jiaming,
    /// HE Jing").
    @Test func anEnglishTitleRunIntoItsAuthorsLineIsSplit() {
        let text = "Hedging Strategies of Southeast Asian States: Drivers, Patterns and Limits\nSUN Jiaming, HE Jing\nAbstract: The competition puts pressure on small states.\n"
        let scalars = Array(text.unicodeScalars)
        let lines = lineRanges(scalars)
        var metadata = DocumentMetadata()
        EnglishBlock.parse(scalars, [lines[0].lowerBound..<lines[1].upperBound, lines[2]], into: &metadata)
        #expect(metadata.titles["en"] == "Hedging Strategies of Southeast Asian States: Drivers, Patterns and Limits")
        #expect(metadata.fields["authors.en"] == "SUN Jiaming; HE Jing" && metadata.abstracts["en"] == "The competition puts pressure on small states.")
        // A title wrapped onto its second line keeps it.
        var wrapped = DocumentMetadata()
        let long = Array("Hedging Strategies of Southeast Asian States amid the Competition of\nGreat Powers\n".unicodeScalars)
        let longLines = lineRanges(long)
        EnglishBlock.parse(long, [longLines[0].lowerBound..<longLines[1].upperBound], into: &wrapped)
        #expect(wrapped.titles["en"] == "Hedging Strategies of Southeast Asian States amid the Competition of Great Powers")
        // Nor does a title's last line after its preposition (… Legacy of | DENG Xiaoping), nor a place in capitals.
        for (head, tail) in [("Rethinking the Legacy of", "DENG Xiaoping"), ("Infrastructure Finance and Debt", "SOUTHEAST ASIA")] {
            var metadata = DocumentMetadata()
            let scalars = Array("\(head)\n\(tail)\n".unicodeScalars)
            let lines = lineRanges(scalars)
            EnglishBlock.parse(scalars, [lines[0].lowerBound..<lines[1].upperBound], into: &metadata)
            #expect(metadata.titles["en"] == "\(head) \(tail)" && metadata.fields["authors.en"] == nil)
        }
    }

    @Test func anAbstractGivenInlineMarksAPaper() throws {
        let text = """
            Who Shows Up? Participatory Budgeting and Civic Inequality

            Elena Ruiz-Moreno, Department of Government, University of Texas at Austin

            Abstract: Participatory budgeting is widely promoted as a remedy. I find that it attracts residents who are already active.

            I. Introduction

            Participatory budgeting is a process in which residents decide how to spend part of a budget. This article tests its promises.

            """
        #expect(ArticleReader().sniff(Substring(text)) > 0)
        #expect(ArticleReader().sniff("Summary: the programme grew.\n\nIt grew again.\n") == 0)
        let doc = try read(ArticleReader(), text)
        #expect(doc.metadata.titles["en"] == "Who Shows Up? Participatory Budgeting and Civic Inequality")
        #expect(doc.metadata.authors == ["Elena Ruiz-Moreno"])
        #expect(doc.metadata.abstracts["en"]?.hasPrefix("Participatory budgeting is widely promoted") == true)
        #expect(sentences(doc).first == "Participatory budgeting is a process in which residents decide how to spend part of a budget.")
    }

    /// A notes list that ends the text without its heading ([1] …, [2] …, counting up from 1, the body citing [1]) is
    /// the notes, linked from their markers; a numbered list that the body does not cite stays text.
    @Test(arguments: [true, false])
    func aNotesListWithoutItsHeadingIsTheNotes(asArticle: Bool) throws {
        let text = """
            Research on budgeting has been cautious. Voters were more likely to be low-income.[1] Yet that rested on exit surveys.

            I matched ballot records to census data.[2]

            [1] Hagelskamp, C. (2016). Public Spending, by the People. New York: Public Agenda.
            [2] Replication data are available from the author on request.

            """
        let doc = asArticle ? try read(ArticleReader(), text) : try read(PlainTextReader(), text)
        #expect(doc.notes.map(\.marker) == ["1", "2"])
        #expect(doc.notes.first?.text == "Hagelskamp, C. (2016). Public Spending, by the People. New York: Public Agenda.")
        #expect(sentences(doc).count == 4)
        #expect(doc.units.first { $0.text.hasPrefix("Voters") }?.noteRefs == ["n1"])
        let chinese = try read(ArticleReader(), "一、引言\n\n基层治理是国家治理的基础。[1]近年来各地进行了探索。[2]\n\n[1] 李四. 基层治理研究[J]. 政治学研究, 2020(3): 1-10.\n[2] 王五. 治理现代化[M]. 北京: 人民出版社, 2019.\n")
        #expect(chinese.notes.map(\.marker) == ["1", "2"] && sentences(chinese).count == 2)
        // Circled numbers as well (…服务器。①德国…), but not an enumeration after a colon (主要有：①…).
        let circled = try read(PlainTextReader(), "一、监听\n\n美国情报机构可以直接访问9家公司的服务器。①德国媒体报道了监听。②\n\n① The Guardian, \"NSA Prism\", June 7, 2013.\n② Der Spiegel, October 27, 2013.\n")
        #expect(circled.notes.map(\.marker) == ["①", "②"] && sentences(circled).count == 2)
        let listed = try read(PlainTextReader(), "措施主要有：①加大投入；②培养人才。\n\n①2024年投入资金100亿元。\n②2025年培养人才1万名。\n")
        #expect(listed.notes.isEmpty)
        let afterComma = try read(PlainTextReader(), "改革分为两个阶段，①2019年试点，②2021年推开。\n\n①2024年投入资金100亿元。\n②2025年培养人才1万名。\n")
        #expect(afterComma.notes.isEmpty)
        // Recommendations numbered in brackets that no sentence cites are the text's own.
        let uncited = try read(PlainTextReader(), "We recommend three steps.\n\n[1] Fund the mapping first.\n[2] Cap the matching requirement.\n")
        #expect(uncited.notes.isEmpty && sentences(uncited).count == 3)
        // Numbers that do not count up from 1 to the end are no list of notes.
        let broken = try read(PlainTextReader(), "Voters were low-income.[1] Yet that rested on surveys.\n\n[2] Replication data are available.\n")
        #expect(broken.notes.isEmpty)
    }

    /// Notes numbered in superscript (¹ Regulation …), as a web page or word processor sets them, carry their
    /// numbers, which link them from the body's ¹ (they had been notes without markers, linked from nothing).
    @Test func superscriptNumberedNotesAreLinked() throws {
        let doc = try read(PlainTextReader(), "The DSA converted this practice into a legal duty.¹ Platforms complied.²\n\nNotes\n¹ Regulation (EU) 2022/2065.\n² See also the Santa Clara Principles.\n")
        #expect(doc.notes.map(\.marker) == ["1", "2"])
        #expect(doc.notes.map(\.text) == ["Regulation (EU) 2022/2065.", "See also the Santa Clara Principles."])
        #expect(doc.units.filter { $0.kind == .sentence }.map(\.noteRefs) == [["n1"], ["n2"]])
    }

    /// English bylines: names with their affiliations in brackets, names set apart by a layout's spaces or followed
    /// by an affiliation's letter are the authors; a line saying which version this is names no one (it had made
    /// "Working paper" and "March" authors).
    @Test func englishBylinesNameTheAuthorsOnly() throws {
        func metadata(_ head: String) throws -> DocumentMetadata {
            try read(ArticleReader(), head + "\n\nAbstract\n\nPlatforms disclose decisions in volume. We ask what that shows.\n\n1. Introduction\n\nTransparency has become the default response.\n").metadata
        }
        let bracketed = try metadata("Reading the Ledger: Platform Transparency\n\nMarta Kowalczyk (University of Amsterdam) and Daniel Osei (London School of Economics)\n\nWorking paper, March 2025")
        #expect(bracketed.authors == ["Marta Kowalczyk", "Daniel Osei"])
        #expect(bracketed.fields["byline"] == "University of Amsterdam, London School of Economics; Working paper, March 2025")
        let layout = try metadata("Does Transparency Build Trust?\n\nMaria K. Lindqvist*          Daniel Osei†\n\nWorking Paper No. 24-017")
        #expect(layout.authors == ["Maria K. Lindqvist", "Daniel Osei"])
        let lettered = try metadata("Counter-argument generation and the ethics of persuasion\n\nNadia Haddad a and Peter J. Lowe b\n\na School of Computing, University of Glasgow\n\nARTICLE HISTORY")
        #expect(lettered.authors == ["Nadia Haddad", "Peter J. Lowe"])
        #expect(try metadata("Does Deliberation Change Minds?\n\nANA RIBEIRO AND THOMAS KELLER").authors == ["ANA RIBEIRO", "THOMAS KELLER"])
        let editionOnly = try metadata("Reading the Ledger\n\nWorking paper, March 2025")
        #expect(editionOnly.authors.isEmpty && editionOnly.fields["byline"] == "Working paper, March 2025")
    }

    /// The author's note that the title's star points to, standing where the body begins (∗ We thank …), is a note;
    /// a starred 本文系……成果 stays the funding.
    @Test func anAuthorsNoteUnderTheTitlesStarIsANote() throws {
        let doc = try read(ArticleReader(), "The Price of Silence∗\n\nPriya Raman\n\nAbstract\n\nNDAs are common. We study them.\n\n∗ We thank participants at the NBER Summer Institute for helpful comments.\n\n1 Introduction\n\nIn January 2024 the FTC voted to ban most non-compete clauses.\n")
        #expect(doc.metadata.titles["en"] == "The Price of Silence")
        #expect(doc.notes.map(\.marker) == ["∗"] && doc.notes.first?.text.hasPrefix("We thank participants") == true)
        #expect(sentences(doc) == ["In January 2024 the FTC voted to ban most non-compete clauses."])
        // Marks after the authors' names point to their notes too.
        let byline = try read(ArticleReader(), "Does Transparency Build Trust?\n\nMaria K. Lindqvist*   Daniel Osei†\n\nAbstract\n\nWe study reports.\n\n* University of Uppsala, Department of Government.\n† Centre for Digital Policy, University College Dublin.\n\n1 Introduction\n\nPlatforms publish reports.\n")
        #expect(byline.notes.map(\.marker) == ["*", "†"] && sentences(byline) == ["Platforms publish reports."])
        // A Markdown list's star opens no note where the title carries none.
        let list = try read(ArticleReader(), "Notes on Hedging\n\nAbstract\n\nStates hedge. We ask how.\n\n* Brazil hedges.\n\n1 Introduction\n\nStates hedge.\n")
        #expect(list.notes.isEmpty)
    }

    /// A short hard-wrapped paper whose title page, headings and a table are lines of their own (fewer than half the
    /// lines that run on are wrapped) is still read as wrapped: its sentences whole (they had been cut at every line,
    /// halves becoming headings).
    @Test func aShortWrappedPaperWithATableKeepsItsSentencesWhole() throws {
        let doc = try read(PlainTextReader(), String(decoding: try fixture("wrapped-paper-with-table.en.txt"), as: UTF8.self))
        #expect(sentences(doc).contains("In January 2024 the Federal Trade Commission voted to ban most non-compete clauses."))
        #expect(sentences(doc).contains("This yields several thousand cases filed by about two thousand firms across the country."))
        #expect(!doc.units.contains { $0.kind == .heading && $0.text.hasPrefix("In January") })
    }

    /// A regression table under its caption, as pdftotext leaves it with cells one space apart — coefficients with
    /// the minus sign, bracketed standard errors, controls ticked Yes — is the table's: no row a heading (they had
    /// opened sections called "Firm FE Yes Yes Yes"), its notes line no sentence.
    @Test func aRegressionTableIsTheCaptions() throws {
        let doc = try read(PlainTextReader(), String(decoding: try fixture("wrapped-paper-with-table.en.txt"), as: UTF8.self)
            .replacingOccurrences(of: "Post-suit -0.041 -0.046 -0.053", with: "Post-suit −0.041∗∗∗ −0.046∗∗∗ −0.053∗∗∗"))
        let captions = doc.units.filter { $0.kind == .caption }.map(\.text)
        #expect(captions.contains("Post-suit −0.041∗∗∗ −0.046∗∗∗ −0.053∗∗∗") && captions.contains("Firm FE Yes Yes Yes")
            && captions.contains("N 1,804 1,804 1,611"))
        #expect(doc.units.filter { $0.kind == .heading }.map(\.text).allSatisfy { !$0.contains("Yes") && !$0.hasPrefix("N ") })
    }

    /// A wrap right after a case's "v." (… certiorari in Gonzalez v. | Google LLC, 598 U.S. 617 (2023).14) carries the
    /// sentence on: the short line below had been a heading.
    @Test func aWrapAfterACasesVersusCarriesOn() throws {
        let doc = try read(PlainTextReader(), String(decoding: try fixture("law-review-wrapped.en.txt"), as: UTF8.self))
        #expect(sentences(doc).contains { $0.hasSuffix("certiorari in Gonzalez v. Google LLC, 598 U.S. 617 (2023) (per curiam).14") })
        #expect(!doc.units.contains { $0.kind == .heading })
    }
}

/// A web page copied from the browser as text: the site's menu, breadcrumb and sidebar above the article, its
/// toolbar, and below it the related links and the site's footer.
struct WebCopyTests {
    func sentences(_ document: Document) -> [String] { document.units.filter { $0.kind == .sentence }.map(\.text) }

    @Test func aJournalPageCopiedWholeReadsAsItsArticle() throws {
        let text = """
            首页
            期刊简介
            投稿指南
            您当前的位置：首页 > 当期目录 > 正文
            本期导航
            数字政府建设的地方实践
            基层治理中的技术赋能
            算法行政中的问责困境与制度回应
            王晓明1，陈静怡2
            （1. 南京大学 政府管理学院；2. 中山大学 政治与公共事务管理学院）
            摘　要：算法行政正在重塑政府与公民的关系。
            关键词：算法行政；问责
            下载PDF | 导出引用 | 收藏 | 阅读次数：1523
            一、问题的提出
            近年来，各地政府纷纷推出“秒批”改革举措[1]。然而，算法行政也带来了新的问责难题。
            参考文献
            [1] 国务院办公厅. 全国一体化政务服务平台建设情况通报[R]. 北京，2023.
            相关文章
            数字政府建设中的公民参与
            人工智能与行政法
            版权所有 © 《公共管理学报》编辑部　地址：哈尔滨市南岗区西大直街92号
            技术支持：北京勤云科技发展有限公司

            """
        let doc = try read(ArticleReader(), text)
        #expect(doc.metadata.titles["zh"] == "算法行政中的问责困境与制度回应")
        #expect(doc.metadata.authors == ["王晓明", "陈静怡"])
        #expect(doc.metadata.fields["breadcrumb"] == "您当前的位置：首页 > 当期目录 > 正文")
        #expect(doc.metadata.fields["rights"]?.hasPrefix("版权所有 ©") == true)
        #expect(doc.notes.map(\.text) == ["国务院办公厅. 全国一体化政务服务平台建设情况通报[R]. 北京，2023."])
        #expect(sentences(doc) == ["近年来，各地政府纷纷推出“秒批”改革举措[1]。", "然而，算法行政也带来了新的问责难题。"])
        #expect(!doc.units.contains { $0.text.contains("下载PDF") })
    }

    /// A gov.cn policy page copied whole: the breadcrumb and the document's index table go to the metadata, and the
    /// directive's own frame under them is found (its title had been lost, the table's rows headings and a sentence).
    @Test func aGovernmentPolicyPageReadsAsItsDirective() throws {
        let text = """
            首页 > 政策 > 国务院政策文件库 > 国务院文件 > 国务院办公厅文件
            索  引  号：\t000014349/2024-00045\t主题分类：\t国民经济管理\\其他
            发文机关：\t国务院办公厅\t成文日期：\t2024年05月20日
            标　　题：\t国务院办公厅关于印发《促进数据要素市场化配置行动方案》的通知
            发文字号：\t国办发〔2024〕23号\t发布日期：\t2024年05月28日
            国务院办公厅关于印发《促进数据要素市场化配置行动方案》的通知
            国办发〔2024〕23号
            各省、自治区、直辖市人民政府，国务院各部委、各直属机构：
            《促进数据要素市场化配置行动方案》已经国务院同意，现印发给你们，请认真贯彻落实。
            国务院办公厅
            2024年5月20日
            （此件公开发布）
            促进数据要素市场化配置行动方案
            一、总体要求
            到2026年，数据要素市场规模年均增长20%以上。
            【我要纠错】 责任编辑：王洋
            相关稿件
            图解：促进数据要素市场化配置行动方案
            版权所有：中国政府网　中文域名：中国政府网.政务

            """
        let doc = try read(PlainTextReader(), text)
        let m = doc.metadata
        #expect(m.titles["zh"] == "国务院办公厅关于印发《促进数据要素市场化配置行动方案》的通知")
        #expect(m.fields["documentNumber"] == "国办发〔2024〕23号" && m.fields["indexNumber"] == "000014349/2024-00045")
        #expect(m.fields["published"] == "2024年05月28日" && m.fields["issuer"] == "国务院办公厅" && m.fields["issued"] == "2024年5月20日")
        #expect(m.fields["breadcrumb"]?.hasPrefix("首页 > 政策") == true && m.fields["rights"]?.hasPrefix("版权所有") == true)
        #expect(doc.units.map(\.text) == ["《促进数据要素市场化配置行动方案》已经国务院同意，现印发给你们，请认真贯彻落实。", "促进数据要素市场化配置行动方案",
                                            "一、总体要求", "到2026年，数据要素市场规模年均增长20%以上。"])
        // A table of labelled cells the site does not set (姓名：…) is the text's.
        #expect(GovernmentPageHeader.row("姓名：张三\t单位：某大学") == nil && GovernmentPageHeader.row("标　　题：关于…的通知")?.first?.key == "title")
    }

    /// An op-ed's share buttons are no heading; a related-links heading that the text's own paragraphs follow is the
    /// text's (a section may be called Related).
    @Test func aToolbarGoesAndRelatedLinksEndThePage() throws {
        let doc = try read(PlainTextReader(), "China's Electric Car Edge\n\nShare  Tweet  Email  Print\n\nBeijing has built the world's largest electric vehicle industry. Tariffs will not change that.\n\nPeople also read\n\nThe Chip War Heats Up\n\nWhy Tariffs Fail\n\n© 2024 Council on Foreign Relations\n")
        #expect(!doc.units.contains { $0.text.contains("Tweet") || $0.text.contains("Chip War") })
        #expect(sentences(doc) == ["Beijing has built the world's largest electric vehicle industry.", "Tariffs will not change that."])
        #expect(doc.metadata.fields["rights"] == "© 2024 Council on Foreign Relations")
        // A headline's question or exclamation among the links is a link's title too.
        let questions = try read(PlainTextReader(), "人工智能教育要循序渐进。各地要加强统筹。\n相关阅读\n人工智能进课堂，家长该关注什么？\n习近平：“让数字技术更好造福人民！”\n人民网版权所有，未经书面授权禁止使用\n")
        #expect(sentences(questions) == ["人工智能教育要循序渐进。", "各地要加强统筹。"])
        #expect(questions.metadata.fields["rights"] == "人民网版权所有，未经书面授权禁止使用")
        let section = try read(PlainTextReader(), "Findings\n\nThe programme grew. It grew again.\n\nRelated\n\nThe second programme grew as well, and its costs fell by a third over five years of operation.\n")
        #expect(sentences(section).count == 3)
        #expect(!MediaFrame.isToolbar("Share the burden") && !MediaFrame.isToolbar("下载") && MediaFrame.isToolbar("分享 | 打印 | 关闭"))
    }
}

/// What the review of the reading changes found them taking too far, each kept as it was read before.
struct PaperCopyLimitsTests {
    func sentences(_ document: Document) -> [String] { document.units.filter { $0.kind == .sentence }.map(\.text) }

    /// A title's star points to the author's note under the front matter only: a table's significance legend (∗ p <
    /// 0.10) and a list starred further down stay the text's.
    @Test func starsInTheBodyAreNoAuthorsNotes() throws {
        let doc = try read(ArticleReader(), "The Price of Silence∗\n\nPriya Raman\n\nAbstract\n\nWe study NDAs.\n\n∗ We thank Evan Starr for comments.\n\n1 Introduction\n\nFirms sue workers.\n\n∗ p < 0.10, ∗∗ p < 0.05. Standard errors clustered by firm.\n\n* we assemble new data.\n")
        #expect(doc.notes.map(\.marker) == ["∗"])
        #expect(sentences(doc).contains("∗ p < 0.10, ∗∗ p < 0.05.") && sentences(doc).contains("* we assemble new data."))
    }

    /// Names with a surname's particle or a capital outside Latin-1, and lines that name no one the way names are
    /// read, still give their authors.
    @Test(arguments: [
        ("Ana Beatriz de Souza and Marieke van der Meer", ["Ana Beatriz de Souza", "Marieke van der Meer"]),
        ("Łukasz Nowak and Søren Jensen", ["Łukasz Nowak", "Søren Jensen"]),
        ("Rafael da Silva", ["Rafael da Silva"]),
        ("JANE MORRISON AND TOMÁS GARCÍA", ["JANE MORRISON", "TOMÁS GARCÍA"]),
    ])
    func bylinesWithParticlesAndOtherCapitals(_ byline: String, _ authors: [String]) throws {
        let doc = try read(ArticleReader(), "Public Trust After the Pandemic\n\n\(byline)\n\nCENTER FOR LAW AND SOCIETY, UNIVERSITY OF WASHINGTON\n\nAbstract\n\nTrust fell.\n\n1 Introduction\n\nTrust fell in most cities.\n")
        #expect(doc.metadata.authors == authors)
    }

    /// A numbered list at the text's end under a heading of its own, or whose entries cite nothing, is the text's; so
    /// is one whose first number the text names (第［1］项) rather than cites.
    @Test func trailingListsThatAreNoNotes() throws {
        let recommendations = try read(PlainTextReader(), "Voters were low-income.[1] Yet that rested on surveys.\n\nRecommendations\n\n[1] Fund the ACP through 2026.\n[2] Require address-level maps.\n")
        #expect(recommendations.notes.isEmpty && sentences(recommendations).contains("[1] Fund the ACP through 2026."))
        let uncited = try read(PlainTextReader(), "Voters were low-income.[1] Yet that rested on surveys.\n\n[1] Fund the ACP first.\n[2] Require address-level maps.\n")
        #expect(uncited.notes.isEmpty)
        let named = try read(PlainTextReader(), "各地要落实第［1］项任务。\n\n［1］全面推行“一网通办”，2024年底前完成。\n［2］加快数据共享，2025年底前完成。\n")
        #expect(named.notes.isEmpty)
    }

    /// Units listed one per line under a 通报's heading stay apart: no sentence ends inside those lines, so the text
    /// is not taken for a wrapped one.
    @Test func aListOfUnitsOnePerLineStaysApart() throws {
        let doc = try read(PlainTextReader(), String(decoding: try fixture("units-one-per-line.zh.txt"), as: UTF8.self))
        #expect(doc.units.contains { $0.text == "湖南省长沙市行政审批服务局" })
        #expect(!doc.units.contains { $0.text.contains("（联合申报）内蒙古") })
    }

    /// "Homepage: https://…" is no breadcrumb, and a title above a breadcrumb stays the title.
    @Test func breadcrumbsAndHomepages() throws {
        #expect(!FrontMatter.isBreadcrumb("Homepage: https://sites.google.com/view/laurachen") && FrontMatter.isBreadcrumb("Home > Research > Papers"))
        let doc = try read(ArticleReader(), "平台经济反垄断的规制逻辑与制度完善\n首页 > 学术研究 > 经济法学 > 正文\n王丽娟\n（中国政法大学 民商经济法学院，北京 100088）\n摘　要：平台经济需要规制。\n关键词：平台；反垄断\n一、引言\n平台经济发展迅速。\n")
        #expect(doc.metadata.titles["zh"] == "平台经济反垄断的规制逻辑与制度完善" && doc.metadata.authors == ["王丽娟"])
    }

    /// Part V. at a wrapped line's end ends its sentence: the heading below stays a heading.
    @Test func aRomanFiveEndsItsSentence() {
        let s = Array("… are taken up in turn in Part V.".unicodeScalars)
        #expect(HardWrap.endsSentence(s, before: s.count) && !HardWrap.endsSentence(Array("in Gonzalez v.".unicodeScalars), before: 14))
    }

    /// Two sentences quoted whole before a lower-case word are two sentences; only a slogan's short parts are one.
    @Test func quotedSentencesStayApart() {
        let text = "He said \"We have waited long enough. The rule will be final this year.\" reporters were told."
        let scalars = Array(text.unicodeScalars)
        #expect(SentenceSegmenter().segment(scalars, scalars.indices).count == 2)
    }

    /// Platform names in a table's row, a heading on 字号 (a trade name), and a must to point out set mid-sentence
    /// are the text's, as they were.
    @Test func notEveryButtonWordIsAButton() throws {
        #expect(!MediaFrame.isToolbar("Facebook | Twitter | Reddit") && !MediaFrame.isToolbar("微信｜微博｜QQ空间"))
        #expect(!MediaFrame.isButton("字号权的性质与边界") && MediaFrame.isButton("字号：大 中 小"))
        let doc = try read(PlainTextReader(), "Platform    Reports\nFacebook | Twitter | Reddit\n\nThe three platforms publish reports twice a year.\n")
        #expect(doc.units.contains { $0.text.contains("Facebook") })
    }

    /// An article's own rights notice stays when a page's footer adds another; an editor's line under the related
    /// links is still read, and among a text's last lines it is the editor where no frame read it (it had been a
    /// heading).
    @Test func aPagesTailKeepsWhatTheTextSaid() throws {
        let doc = try read(PlainTextReader(), "开放是当代中国的鲜明标识。\n我们要稳步扩大制度型开放。\n相关阅读\n稳步扩大制度型开放\n（责任编辑：李华）\n")
        #expect(doc.metadata.fields["editor"] == "李华" && !doc.units.contains { $0.text == "（责任编辑：李华）" || $0.text == "相关阅读" })
        let framed = try read(PlainTextReader(), "扩大制度型开放\n来源：人民日报　　2024年03月18日\n开放是当代中国的鲜明标识。\n我们要稳步扩大制度型开放。\n相关阅读\n稳步扩大制度型开放\n（责任编辑：李华）\n")
        #expect(framed.metadata.fields["editor"] == "李华")
        let rights = try read(ArticleReader(), "Who Votes?\n\nAbstract: Turnout is low.\n\n© 2024 The Author(s). Published under a CC BY 4.0 licence.\n\n1 Introduction\n\nTurnout is low in most cities.\n\nRelated articles\n\nWho votes in local elections\n\n© 2025 Urban Affairs Online. All rights reserved.\n")
        #expect(rights.metadata.fields["rights"]?.hasPrefix("© 2024 The Author(s).") == true && rights.metadata.fields["rights"]?.hasSuffix("All rights reserved.") == true)
    }
}

/// The second review's findings, each kept as it reads now.
struct PaperCopySecondReviewTests {
    func sentences(_ document: Document) -> [String] { document.units.filter { $0.kind == .sentence }.map(\.text) }

    /// A Markdown emphasis in the title block (*Jane Smith, EPI*) marks no note, and a list of starred key points is
    /// a list, not author's notes.
    @Test func emphasisAndKeyPointsAreNoNotes() throws {
        let doc = try read(ArticleReader(), "Raising the Wage Floor\n\n*Jane Smith, Economic Policy Institute*\n\nAbstract\n\nWages stalled.\n\n* Key point one is short.\n* Key point two is short.\n\n1 Introduction\n\nWages stalled for a decade.\n")
        #expect(doc.notes.isEmpty)
        let starred = try read(ArticleReader(), "Raising the Wage Floor\n\nJane Smith*\n\nAbstract\n\nWages stalled.\n\n* Key point one is short.\n* Key point two is short.\n\n1 Introduction\n\nWages stalled for a decade.\n")
        #expect(starred.notes.isEmpty)
    }

    /// A subtitle in title case is no author, nor is one with a lower-case joining word; names keep their particles
    /// (al, de) and surnames that are words elsewhere (Press).
    @Test(arguments: [
        ("Evidence From Twelve North American Cities\n\nElena Ruiz-Moreno", ["Elena Ruiz-Moreno"]),
        ("Democracia e Participação Social\n\nAna Beatriz de Souza", ["Ana Beatriz de Souza"]),
        ("Eyal Press and Maria Santos", ["Eyal Press", "Maria Santos"]),
        ("Abu al Hassan", ["Abu al Hassan"]),
    ])
    func subtitlesAndNames(_ head: String, _ authors: [String]) throws {
        let doc = try read(ArticleReader(), "Participatory Budgeting in Brazil\n\n\(head)\n\nAbstract\n\nBudgets matter.\n\n1 Introduction\n\nBudgets matter in most cities.\n")
        #expect(doc.metadata.authors == authors)
    }

    /// gov.cn's editor on the correction button's line is the editor; a table's last row that says No Change under
    /// its caption with two cells is a heading again, no row; an <a> number that is not the entry's own stays.
    @Test func editorsRowsAndYears() throws {
        let doc = try read(PlainTextReader(), "关于加强中小学人工智能教育的通知\n教基〔2025〕3号\n各省、自治区、直辖市教育厅：\n为推进人工智能教育，现就有关事项通知如下。\n一、总体要求\n各地要加强统筹。\n【我要纠错】 责任编辑：王洋\n")
        #expect(doc.metadata.fields["editor"] == "王洋")
        let s = Array("No Change".unicodeScalars)
        #expect(!Caption.isTableRow(s, s.indices))
        let row = Array("Firm FE Yes Yes Yes".unicodeScalars)
        #expect(Caption.isTableRow(row, row.indices))
    }

    /// Endnotes numbered as a PDF leaves superscripts, a full line each, stay apart.
    @Test func bareNumberedEndnotesStayApart() throws {
        let lines = (1...14).map { n in "Line \(n) of a report on broadband programmes, wrapped at about seventy-eight columns of text as" } + ["the body of the report ends here.", "Endnotes", "1 Federal Communications Commission, Eighth Broadband Progress Report, FCC 12-90 (2012).", "2 Pew Research Center, Internet/Broadband Fact Sheet, April 7, 2021."]
        let doc = try read(PlainTextReader(), lines.joined(separator: "\n") + "\n")
        #expect(doc.notes.count == 2)
    }
}
