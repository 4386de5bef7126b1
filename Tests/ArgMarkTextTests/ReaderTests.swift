import ArgMarkCore
import ArgMarkPipeline
import Foundation
import Testing

@testable import ArgMarkText

func fixture(_ name: String) throws -> [UInt8] {
    let url = try #require(Bundle.module.url(forResource: "Fixtures/\(name)", withExtension: nil))
    return Array(try Data(contentsOf: url))
}

func read(_ reader: some DocumentReader, _ text: String, id: String = "doc") throws -> Document {
    try reader.read(ReaderInput(bytes: Array(text.utf8), sourcePath: nil, documentID: id))
}

struct ArticleReaderTests {
    let document: Document

    init() throws {
        document = try ArticleReader().read(
            ReaderInput(bytes: try fixture("cnki-article.zh.txt"), sourcePath: "cnki-article.zh.txt", documentID: "cnki-article.zh"))
    }

    @Test func frontMatterBecomesMetadata() {
        let m = document.metadata
        #expect(m.titles == ["zh": "数字治理中的规则竞争", "en": "Rule Competition in Digital Governance"])
        #expect(m.authors == ["张明", "李华"])
        #expect(m.doi == "10.0000/argmark.test.2026.001")
        #expect(m.keywords["zh"] == ["数字治理", "规则竞争", "开放合作"])
        #expect(m.keywords["en"] == ["digital governance", "rule competition", "cooperation"])
        #expect(m.abstracts["zh"] == "随着数字经济的发展,规则竞争日益激烈。本文认为,开放合作是唯一出路。")
        #expect(m.abstracts["en"]?.hasPrefix("As the digital economy grows") == true)
        #expect(m.classification == ["clc": "D815", "documentCode": "A"])
        #expect(m.fields["editor"] == "王五")
        #expect(m.fields["artEditor"] == "赵六")
        #expect(m.fields["authors.en"] == "Zhang Ming; Li Hua")
        #expect(m.fields["authorInfo"]?.hasPrefix("张明,某大学教授") == true)
    }

    /// A subtitle under the title (——兼评…) goes on the title, as CNKI writes it, and is no author; the mark a byline
    /// opens with (□, ◎, 文/) is no name.
    @Test(arguments: ["苏明远", "□　苏明远", "◎苏明远", "文/苏明远"])
    func aSubtitleAndAMarkedBylineAreReadAsSuch(_ byline: String) throws {
        let text = "县衙的账本与帝国的财政\n——兼评《县衙里的账本》\n\(byline)\n【摘要】该书揭示了非正式经费体系。\n【关键词】清代财政；书评\n一\n清代的州县衙门究竟靠什么运转？这是一个老问题。\n"
        let m = try ArticleReader().read(ReaderInput(bytes: Array(text.utf8), sourcePath: nil, documentID: "r")).metadata
        #expect(m.titles["zh"] == "县衙的账本与帝国的财政——兼评《县衙里的账本》")
        #expect(m.authors == ["苏明远"])
    }

    /// A rule under a title (setext Markdown) is no subtitle.
    @Test func aRuleUnderATitleIsNoSubtitle() throws {
        let text = "Policy Options for Congress\n---------------------------\nJane Doe\nAbstract\nThe rules restricted chips.\n\nIntroduction\n\nExport controls matter. Congress should act.\n"
        let m = try ArticleReader().read(ReaderInput(bytes: Array(text.utf8), sourcePath: nil, documentID: "r")).metadata
        #expect(m.titles["en"] == "Policy Options for Congress")
    }

    /// Two labelled fields on one line, as journals without 【】 tags set them.
    @Test func twoLabelledFieldsOnOneLine() {
        #expect(FrontMatter.fieldsOf("中图分类号：U491 文献标识码：A").map { "\($0.0)=\($0.1)" } == ["clc=U491", "documentCode=A"])
        #expect(FrontMatter.fieldsOf("Keywords: parking: pricing, cruising").map { "\($0.0)=\($0.1)" } == ["keywords=parking: pricing, cruising"])
    }

    /// Fields parted by full-width spaces or semicolons, a lower-case doi, and the labels of library-science journals.
    @Test func fieldsPartedByFullWidthSpacesAndSemicolons() {
        func fields(_ line: String) -> [String] { FrontMatter.fieldsOf(line).map { "\($0.0)=\($0.1)" } }
        #expect(fields("中图分类号：D630　　文献标识码：A　　文章编号：1002-4123（2024）05-0031-12")
            == ["clc=D630", "documentCode=A", "articleNumber=1002-4123（2024）05-0031-12"])
        #expect(fields("中图分类号: D630; 文献标识码: A") == ["clc=D630", "documentCode=A"])
        #expect(fields("收稿日期：2024-03-01；修回日期：2024-05-10") == ["received=2024-03-01", "revised=2024-05-10"])
        #expect(fields("分类号：G250") == ["clc=G250"])
        #expect(fields("doi: 10.19735/j.issn.1006-0863.2024.05.04") == ["doi=10.19735/j.issn.1006-0863.2024.05.04"])
        #expect(fields("title: the rest of a wrapped sentence").isEmpty)
        #expect(fields("开放科学（资源服务）标识码（OSID）：") == ["osid="])
    }

    /// Chinese bylines as journals set them: two-character names padded with a space, affiliation marks, an
    /// affiliation in brackets.
    @Test(arguments: [
        ("陈　静", ["陈静"]),
        ("孙　悦，周　航", ["孙悦", "周航"]),
        ("张晓明　李　华", ["张晓明", "李华"]),
        ("陈 静（北京大学国际关系学院，北京 100871）", ["陈静"]),
        ("张晓明a,b，李华a", ["张晓明", "李华"]),
        ("李　明1,2　王　芳1", ["李明", "王芳"]),
        ("苏明远，王建国", ["苏明远", "王建国"]),
        ("Jane Doe and John Smith", ["Jane Doe", "John Smith"]),
    ])
    func chineseBylines(line: String, names: [String]) {
        #expect(FrontMatter.splitNames(line) == names)
    }

    /// An abstract of two paragraphs, and the English title, byline, abstract and keywords set between the Chinese
    /// front matter and the body, with more Chinese fields after them: all metadata, none of it body text.
    /// The English block at a Chinese article's end without its title line (the references, then Abstract: and Key
    /// words:) is the English abstract and keywords, not the last reference's continuation.
    @Test func anEnglishBlockWithoutItsTitleEndsTheReferences() throws {
        let text = """
            数字政府建设中的算法问责
            张明远
            摘要：算法决策在政务服务中广泛应用。
            关键词：数字政府；算法问责
            一、引言
            算法决策日益普及。本文认为，应当建立算法问责制度。
            参考文献
            [1]王浦劬,杨凤春.数字政府建设的理论逻辑[J].中国行政管理,2022(5):6-14.
            [2]BOVENS M. Analysing and assessing accountability[J]. European Law Journal, 2007, 13(4): 447-468.
            Abstract: The wide use of algorithmic decision-making in public services blurs responsibility.
            Key words: digital government; algorithmic accountability

            """
        let doc = try read(ArticleReader(), text)
        #expect(doc.metadata.abstracts["en"] == "The wide use of algorithmic decision-making in public services blurs responsibility.")
        #expect(doc.metadata.keywords["en"] == ["digital government", "algorithmic accountability"])
        #expect(doc.metadata.titles["en"] == nil)
        #expect(doc.notes.last?.text.hasSuffix("447-468.") == true)
    }

    @Test func englishBlockAndAbstractOfTwoParagraphsBeforeTheBody() throws {
        let text = """
            海外利益保护的制度供给
            刘　洋
            ［摘　要］　海外利益的规模迅速扩大。本文构建了三维框架。
            研究认为，应当完善制度供给。
            ［关键词］　海外利益；制度供给
            Institutional Supply for Overseas Interests Protection
            LIU Yang
            Abstract: China's overseas interests have expanded rapidly. Institutional supply lags behind.
            Key words: overseas interests; institutional supply
            ［中图分类号］D822　［文献标识码］A
            ［DOI］10.3969/j.issn.1003-7411.2024.02.005
            一、引言
            海外安全事件频发。

            """
        let doc = try read(ArticleReader(), text)
        let m = doc.metadata
        #expect(m.authors == ["刘洋"])
        #expect(m.abstracts["zh"] == "海外利益的规模迅速扩大。本文构建了三维框架。\n研究认为，应当完善制度供给。")
        #expect(m.keywords["zh"] == ["海外利益", "制度供给"])
        // An abstract hard-wrapped mid-sentence runs on (its paragraphs keep their break); keywords parted by
        // slashes, as 人大复印报刊资料 sets them, are several.
        let wrapped = try read(ArticleReader(), "平台治理研究\n李华\n内容提要：欧盟《数字市场法》采\n取事前禁止的规制模式。\n我国仍以事后执法为主。\n关键词：人民性/文艺理论/话语建构\n一、问题的提出\n平台经济发展迅速。\n")
        #expect(wrapped.metadata.abstracts["zh"] == "欧盟《数字市场法》采取事前禁止的规制模式。\n我国仍以事后执法为主。")
        #expect(wrapped.metadata.keywords["zh"] == ["人民性", "文艺理论", "话语建构"])
        // A journal's name and issue above the title says where the article appeared; the title is the next line.
        // A copy of a journal's web page: its breadcrumb and buttons are no title and no field.
        let page = try read(ArticleReader(), "首页 > 学术研究 > 法学前沿 > 正文\n告知同意规则的困境\n陈志远\n【字体：大 中 小】　【打印本页】　【关闭窗口】\n内容摘要：同意规则陷入困境。\n关键词：同意；个人信息\n一、问题的提出\n同意是个人信息处理的基础。\n")
        #expect(page.metadata.titles["zh"] == "告知同意规则的困境" && page.metadata.fields["breadcrumb"] == "首页 > 学术研究 > 法学前沿 > 正文")
        #expect(page.units.first?.text == "一、问题的提出" && !page.metadata.fields.keys.contains("关闭窗口"), "\(page.metadata.fields)")
        // A title that names an issue inside it stays the title.
        let study = try read(ArticleReader(), "学习《求是》2024年第1期重要文章的几点体会\n张明远\n摘要：文章阐述了三点体会。\n关键词：学习；体会\n一、引言\n平台经济发展迅速。\n").metadata
        #expect(study.titles["zh"] == "学习《求是》2024年第1期重要文章的几点体会" && study.fields["journal"] == nil)
        // An English journal line with its pages, the DOI wrapped onto it: the DOI is the document's.
        let english = try read(ArticleReader(), "Journal of Comparative Legislative Studies, Vol. 14, No. 2 (2023), pp. 211-238\nhttps://doi.org/10.1234/jcls.2023.0142\n\n"
            + "Committee Chairs and Oversight\n\nMaria K. Lindqvist\n\nAbstract\nCommittees matter.\n\nKeywords: committees; oversight\n\n1. Introduction\n\nCommittees matter a great deal.\n").metadata
        #expect(english.titles["en"] == "Committee Chairs and Oversight" && english.doi == "10.1234/jcls.2023.0142", "\(english)")
        #expect(english.fields["journal"] == "Journal of Comparative Legislative Studies, Vol. 14, No. 2 (2023), pp. 211-238")
        for issue in ["中国公共管理 2023年第4期", "法学研究　2023年第2期", "《中国社会科学》2023 年第 5 期", "Journal of Urban Policy, Vol. 12, No. 2 (2023)"] {
            let journal = try read(ArticleReader(), "\(issue)\n平台治理研究\n李华\n摘要：平台经济发展迅速。\n关键词：平台；治理\n一、问题的提出\n平台经济发展迅速。\n").metadata
            #expect(journal.titles["zh"] == "平台治理研究" && journal.authors == ["李华"] && journal.fields["journal"] == issue, "\(journal)")
        }
        // A journal's label of the article's kind above the title is no title.
        let labelled = try read(ArticleReader(), "ARTICLE\n\nCompany Towns and the Politics of Memory\n\nRebecca J. Tanaka and Owen H. Castellanos\n\nAbstract\nMuseums remember selectively.\n\nKeywords: memory; labor\n\n1. Introduction\n\nCompany towns shaped the region.\n").metadata
        #expect(labelled.titles["en"] == "Company Towns and the Politics of Memory" && labelled.fields["articleType"] == "ARTICLE", "\(labelled)")
        #expect(labelled.authors == ["Rebecca J. Tanaka", "Owen H. Castellanos"])
        // A PDF's masthead around the issue (the date, the journal's names in Chinese and in capitals), laid out or
        // one part a line, is the journal's, not the title.
        for masthead in ["第38卷第3期        国际经济合作        Vol.38 No.3\n2024年3月      INTERNATIONAL ECONOMIC COOPERATION      Mar. 2024",
                         "第38卷第3期\n国际经济合作\nVol.38 No.3\n2024年3月\nINTERNATIONAL ECONOMIC COOPERATION\nMar. 2024"] {
            let journal = try read(ArticleReader(), "\(masthead)\n\n平台治理研究\n李华\n摘要：平台经济发展迅速。\n关键词：平台；治理\n一、问题的提出\n平台经济发展迅速。\n").metadata
            #expect(journal.titles == ["zh": "平台治理研究"] && journal.authors == ["李华"], "\(journal)")
            #expect(journal.fields["journal"] == "第38卷第3期; 国际经济合作; Vol.38 No.3; 2024年3月; INTERNATIONAL ECONOMIC COOPERATION; Mar. 2024")
        }
        // An English paper's title in capitals under its journal's line and above its month stays the title.
        let capitals = try read(ArticleReader(), "Journal of Trade Policy, Vol. 12, No. 3\nTRADE WARS AND GLOBAL SUPPLY CHAINS\nMarch 2024\nMaria K. Lindqvist\n\nAbstract\nTariffs rose.\n\nKeywords: trade; tariffs\n\n1. Introduction\n\nTariffs rose sharply.\n").metadata
        #expect(capitals.titles["en"] == "TRADE WARS AND GLOBAL SUPPLY CHAINS", "\(capitals)")
        #expect(m.titles["en"] == "Institutional Supply for Overseas Interests Protection")
        #expect(m.abstracts["en"] == "China's overseas interests have expanded rapidly. Institutional supply lags behind.")
        #expect(m.keywords["en"] == ["overseas interests", "institutional supply"])
        #expect(m.classification["clc"] == "D822")
        #expect(m.doi == "10.3969/j.issn.1003-7411.2024.02.005")
        #expect(doc.units.map(\.text) == ["一、引言", "海外安全事件频发。"])
    }

    /// The funding note under the title's star (*本文系…的阶段性成果。感谢……), the author line some journals print
    /// (作者张晓明，清华大学…（北京 100084）。) and the star itself are metadata; an appendix after the references is
    /// body text again, not the last reference's continuation.
    @Test func starredFundingAuthorLineAndAppendix() throws {
        let text = """
            数字治理中的算法问责*
            张晓明
            内容提要：算法已经深度嵌入公共决策过程。
            关键词：算法问责　数字政府
            作者张晓明，清华大学公共管理学院副教授（北京 100084）。
            *本文系国家社会科学基金重大项目“算法治理研究”（22&ZD153）的阶段性成果。感谢匿名审稿专家的宝贵意见，文责自负。
            一、问题的提出
            算法并非价值中立的工具。
            参考文献
            [1] 王晓晔.论平台经济的反垄断规制[J].法学研究，2021（2）：3-20.
            附录：访谈提纲
            您如何看待平台的“二选一”行为？

            """
        let doc = try read(ArticleReader(), text)
        #expect(doc.metadata.titles["zh"] == "数字治理中的算法问责")
        #expect(doc.metadata.fields["funding"] == "本文系国家社会科学基金重大项目“算法治理研究”（22&ZD153）的阶段性成果。感谢匿名审稿专家的宝贵意见，文责自负。")
        #expect(doc.metadata.fields["authorInfo"] == "张晓明，清华大学公共管理学院副教授（北京 100084）。")
        #expect(doc.units.map(\.text) == ["一、问题的提出", "算法并非价值中立的工具。", "附录：访谈提纲", "您如何看待平台的“二选一”行为？"])
        #expect(doc.notes.map(\.text) == ["王晓晔.论平台经济的反垄断规制[J].法学研究，2021（2）：3-20."])
        // Body sentences that only open like those lines stay body sentences.
        let body = try read(ArticleReader(), """
            数字治理中的算法问责
            张晓明
            内容提要：算法已经深度嵌入公共决策过程。
            关键词：算法问责
            一、问题的提出
            作者认为，应当坚持以人民为中心的发展思想，推进共同富裕。
            本文系统梳理了国家社科基金项目的研究成果。在此基础上，本文提出三点建议。

            """)
        #expect(body.metadata.fields["authorInfo"] == nil && body.metadata.fields["funding"] == nil)
        #expect(body.units.map(\.text) == ["一、问题的提出", "作者认为，应当坚持以人民为中心的发展思想，推进共同富裕。",
                                            "本文系统梳理了国家社科基金项目的研究成果。", "在此基础上，本文提出三点建议。"])
    }

    /// Chinese front matter, then the English title, abstract and keywords, then an English body: the body stays the
    /// body; a field's value keeps its own semicolons.
    @Test func anEnglishBodyAfterChineseFrontMatterStaysTheBody() throws {
        let text = """
            平台治理研究
            王芳
            摘要：本文研究平台治理。
            关键词：平台；治理
            Platform Governance
            Abstract: This paper studies platform governance.
            Keywords: platforms; governance
            1 Introduction
            Platforms govern markets. They set rules for sellers.

            """
        let doc = try read(ArticleReader(), text)
        #expect(doc.metadata.abstracts["en"] == "This paper studies platform governance.")
        #expect(doc.units.map(\.text) == ["1 Introduction", "Platforms govern markets.", "They set rules for sellers."])
        // After Chinese fields other than an abstract (a funding note), the English block is metadata too.
        let funded = try read(ArticleReader(), "数字经济对城乡收入差距的影响研究\n张伟，李娜\n基金项目：国家社会科学基金项目（20BJL001）\nThe Impact of Digital Economy on Income\nZHANG Wei, LI Na\nAbstract: Using panel data, this paper studies the gap.\nKey words: digital economy; income gap\n一、引言\n数字经济发展迅速。\n")
        #expect(funded.metadata.keywords["en"] == ["digital economy", "income gap"])
        #expect(funded.units.map(\.text) == ["一、引言", "数字经济发展迅速。"])
        #expect(FrontMatter.fieldsOf("基金项目：A（1）；B（2）　收稿日期：2024-01-02").map { "\($0.0)=\($0.1)" }
            == ["funding=A（1）；B（2）", "received=2024-01-02"])
    }

    /// Publishers' front matter: a rights line among the fields (Springer), the Taylor & Francis cover's citation and
    /// link, authors joined by &; the bare Abstract label's text is the abstract, not body text.
    @Test(arguments: [
        ("Title of paper\nAmara Okafor\nReceived: 2 May 2022\n© 2023 Springer Nature\nAbstract\nWe argue that middle powers hedge.\n1 Introduction\nDigital sovereignty has become a slogan. Governments invoke it.\n",
         ["Amara Okafor"], "We argue that middle powers hedge.", "rights", "© 2023 Springer Nature"),
        ("The politics of fiscal rules\nLukas Brenner & Sofia Marchetti\nTo cite this article: Lukas Brenner & Sofia Marchetti (2023) The politics of fiscal rules, JEPP, 30:6, 1021-1045\nTo link to this article: https://doi.org/10.1080/13501763.2022.2061032\nAbstract\nWhy do governments comply with fiscal rules? We argue that veto players matter.\nIntroduction\nThe pact was designed to constrain deficits. Yet compliance has been poor.\n",
         ["Lukas Brenner", "Sofia Marchetti"], "Why do governments comply with fiscal rules? We argue that veto players matter.", "link", "https://doi.org/10.1080/13501763.2022.2061032"),
    ] as [(String, [String], String, String, String)])
    func publishersFrontMatter(text: String, authors: [String], abstract: String, field: String, value: String) throws {
        let doc = try read(ArticleReader(), text)
        #expect(doc.metadata.authors == authors)
        #expect(doc.metadata.abstracts["en"] == abstract)
        #expect(doc.metadata.fields[field] == value)
        #expect(doc.units.first.map { $0.kind == .heading } == true && doc.units.count == 3)
    }

    /// A Markdown paper's references set as a bulleted list are its notes, without their bullets, not body sentences.
    @Test func aBulletedReferenceListIsNotes() throws {
        let text = "# Voice at Work\n\n## 1. Introduction\n\nUnions give workers a voice (Freeman and Medoff 1984). Exit is the alternative.\n\n## References\n\n- Freeman, R. B., & Medoff, J. L. (1984). *What Do Unions Do?* Basic Books.\n- Hirschman, A. O. (1970). *Exit, Voice, and Loyalty*. Harvard University Press.\n"
        let doc = try read(PlainTextReader(), text)
        #expect(doc.notes.map(\.text) == ["Freeman, R. B., & Medoff, J. L. (1984). *What Do Unions Do?* Basic Books.",
                                          "Hirschman, A. O. (1970). *Exit, Voice, and Loyalty*. Harvard University Press."])
        #expect(!doc.units.map(\.text).contains { $0.contains("Medoff, J. L.") })
    }

    /// English authors with their affiliations after a comma, or on lines of their own between affiliation lines:
    /// the names are authors, the affiliations the byline; a lab's or a series' name is no author.
    @Test(arguments: [
        ("Does Deliberation Change Minds?\nAna Ribeiro, University of Lisbon\nThomas Keller, University of Zurich\nAbstract\nWe study assemblies.\n1. Introduction\nAssemblies matter. They deliberate.\n",
         ["Ana Ribeiro", "Thomas Keller"], "University of Lisbon; University of Zurich"),
        ("Does Deliberation Change Minds?\nAna Ribeiro\nUniversity of Lisbon\nThomas Keller\nUniversity of Zurich\nAbstract\nWe study assemblies.\n1. Introduction\nAssemblies matter. They deliberate.\n",
         ["Ana Ribeiro", "Thomas Keller"], "University of Lisbon; University of Zurich"),
        ("Cooling Cities\nHana Kowalczyk-Reyes, Daniel O. Mensah\nUrban Climate Justice Lab, Ridgemont University\nPosition Paper No. 4, October 2026\nAbstract\nHeat kills.\n1. Introduction\nCities heat up. They must adapt.\n",
         ["Hana Kowalczyk-Reyes", "Daniel O. Mensah"], "Urban Climate Justice Lab, Ridgemont University; Position Paper No. 4, October 2026"),
        ("Carbon Pricing and Industrial Policy\nMaria Lopez, Centre for European Reform\nExecutive Summary\nAbstract\nCarbon prices rose.\n1. Introduction\nIndustry adapted. It invested.\n",
         ["Maria Lopez"], "Centre for European Reform; Executive Summary"),
    ] as [(String, [String], String)])
    func englishAuthorsAndAffiliations(text: String, authors: [String], byline: String) throws {
        let doc = try read(ArticleReader(), text)
        #expect(doc.metadata.authors == authors)
        #expect(doc.metadata.fields["byline"] == byline)
    }

    /// A title as wide as a wrap does not run on into the author's name on the next line.
    @Test func aWideTitleKeepsItsAuthorApart() throws {
        let body = HardWrapTests.englishParagraphs.map { HardWrapTests.wrapGreedily($0, width: 88) }.joined(separator: "\n\n")
        let text = "Middle powers and digital sovereignty: Hedging between Washington, Brussels and Beijing\nAmara Okafor\nUniversity of Lagos, Nigeria\nAbstract\nMiddle powers hedge.\n1. Introduction\n" + body + "\n"
        let doc = try read(ArticleReader(), text)
        #expect(doc.metadata.titles["en"] == "Middle powers and digital sovereignty: Hedging between Washington, Brussels and Beijing")
        #expect(doc.metadata.authors == ["Amara Okafor"])
    }

    /// 主要参考文献 and 参考书目 head a notes list as 参考文献 does.
    @Test func mainReferencesHeadANotesList() throws {
        let doc = try read(ArticleReader(), "一、引言\n平台经济需要规制[1]。\n主要参考文献：\n[1]王晓晔.论平台经济的反垄断规制[J].法学研究，2021（2）：3-20.\n")
        #expect(doc.notes.map(\.text) == ["王晓晔.论平台经济的反垄断规制[J].法学研究，2021（2）：3-20."])
        #expect(doc.units.map(\.text) == ["一、引言", "平台经济需要规制[1]。"])
    }

    /// An official document's frame — its number with the title above it, the addressees, the notice's signature
    /// and date before the plan it transmits, the attachments, copies and printing line at the end — is metadata,
    /// not headings and a sentence labelled a prescription.
    @Test func anOfficialDocumentsFrameIsMetadata() throws {
        let text = """
            某某市人民政府关于印发《数字经济行动计划》的通知
            某政发〔2024〕5号

            各区人民政府，市政府各委、办、局：
            现将《数字经济行动计划》印发给你们，请认真贯彻执行。
            某某市人民政府
            2024年3月1日
            （此件公开发布）
            数字经济行动计划
            一、总体目标
            到2026年，数字经济核心产业增加值占比达到12%以上。
            附件：1.重点任务分工表
            2.数据交易场所名录
            抄送：市委各部门，市人大常委会办公室。
            某某市人民政府办公室　　　　　　　　　2024年3月4日印发

            """
        let doc = try read(PlainTextReader(), text)
        #expect(doc.metadata.titles["zh"] == "某某市人民政府关于印发《数字经济行动计划》的通知")
        let f = doc.metadata.fields
        #expect(f["documentNumber"] == "某政发〔2024〕5号" && f["addressees"] == "各区人民政府，市政府各委、办、局")
        #expect(f["issuer"] == "某某市人民政府" && f["issued"] == "2024年3月1日" && f["distribution"] == "此件公开发布")
        #expect(f["attachments"] == "1.重点任务分工表; 2.数据交易场所名录" && f["copyTo"] == "市委各部门，市人大常委会办公室。")
        #expect(f["printed"] == "某某市人民政府办公室 2024年3月4日印发")
        #expect(doc.units.map(\.text) == ["现将《数字经济行动计划》印发给你们，请认真贯彻执行。", "数字经济行动计划", "一、总体目标", "到2026年，数字经济核心产业增加值占比达到12%以上。"])
        // The body's own last list stays the body's when no 附件 line heads it.
        let listed = try read(PlainTextReader(), "国务院办公厅关于加强数据安全管理的通知\n国办发〔2024〕18号\n各省、自治区、直辖市人民政府：\n为加强数据安全管理，现就有关事项通知如下。\n各地要按照以下步骤推进工作：\n1.开展数据分类分级\n2.建立安全评估制度\n国务院办公厅\n2024年5月20日\n")
        #expect(listed.units.map(\.text).suffix(2) == ["1.开展数据分类分级", "2.建立安全评估制度"])
        #expect(listed.metadata.fields["issuer"] == "国务院办公厅" && listed.metadata.fields["attachments"] == nil)
        // A text citing a document number in its body has no frame.
        let cited = try read(PlainTextReader(), "一、引言\n依据国办发〔2024〕18号文件，各地加快推进改革。\n")
        #expect(cited.metadata.fields["documentNumber"] == nil)
    }

    /// Labels in square brackets ([摘 要], ［关键词］, 〔中图分类号〕) are front matter as 【】 ones are; fields a PDF
    /// puts at the first page's foot or after the references (基金项目：…, [作者简介] …, [责任编辑 王芳]) are metadata;
    /// an English block opening with [Abstract] is kept out of the body.
    @Test func bracketedLabelsAndLateFieldsAreMetadata() throws {
        let text = """
            基层治理现代化的制度逻辑
            王建国
            [摘 要] 基层治理是国家治理的基石。研究认为，党建引领构成主要逻辑。
            ［关键词］ 基层治理；数字赋能
            [中图分类号] D63  [文献标识码] A
            一、问题的提出
            基层治理关系到国家治理效能。
            收稿日期：2023-10-12
            基金项目：国家社会科学基金一般项目（22BZZ012）
            二、结论
            基层治理现代化是一个系统工程。
            参考文献
            [1] 孟庆国.数据共享的制度逻辑[J].中国行政管理，2020（5）：22-28.
            [作者简介] 王建国，北京大学政府管理学院教授。
            [责任编辑 王芳]
            The Institutional Logic of Grassroots Governance
            Wang Jianguo
            [Abstract] Grassroots governance is the cornerstone of state governance.
            [Key words] grassroots governance; digital empowerment

            """
        let doc = try read(ArticleReader(), text)
        #expect(doc.metadata.abstracts["zh"] == "基层治理是国家治理的基石。研究认为，党建引领构成主要逻辑。")
        #expect(doc.metadata.keywords["zh"] == ["基层治理", "数字赋能"])
        #expect(doc.metadata.classification["clc"] == "D63")
        #expect(doc.metadata.fields["received"] == "2023-10-12")
        #expect(doc.metadata.fields["funding"] == "国家社会科学基金一般项目（22BZZ012）")
        #expect(doc.metadata.fields["authorInfo"] == "王建国，北京大学政府管理学院教授。")
        #expect(doc.metadata.fields["editor"] == "王芳")
        #expect(doc.metadata.abstracts["en"] == "Grassroots governance is the cornerstone of state governance.")
        #expect(doc.units.map(\.text) == ["一、问题的提出", "基层治理关系到国家治理效能。", "二、结论", "基层治理现代化是一个系统工程。"])
        #expect(doc.notes.map(\.text) == ["孟庆国.数据共享的制度逻辑[J].中国行政管理，2020（5）：22-28."])
    }

    /// A paper that lists each author and affiliation on a line of its own: the title, every author and the
    /// affiliations are metadata, not sections; a line with a number (Position Paper No. 4) names no author.
    @Test func authorsOnLinesOfTheirOwnAreMetadata() throws {
        let text = """
            Public Trust and Algorithmic Decision-Making
            Maria L. Alvarez
            University of Wisconsin-Madison
            Jonathan P. Reed2
            Georgetown University
            Li Wei
            Peking University
            Working Paper No. 4, October 2026

            Abstract
            We survey 2,314 residents in 14 U.S. cities. Disclosure alone reduces trust.

            Keywords: algorithmic governance, public trust

            1. Introduction
            Cities increasingly use automated tools. Little is known about how residents see them.

            """
        let doc = try read(ArticleReader(), text)
        #expect(doc.metadata.titles["en"] == "Public Trust and Algorithmic Decision-Making")
        #expect(doc.metadata.authors == ["Maria L. Alvarez", "Jonathan P. Reed", "Li Wei"])
        #expect(doc.metadata.fields["byline"]?.contains("Georgetown University") == true)
        #expect(doc.metadata.abstracts["en"] == "We survey 2,314 residents in 14 U.S. cities. Disclosure alone reduces trust.")
        #expect(doc.units.map(\.text) == ["1. Introduction", "Cities increasingly use automated tools.", "Little is known about how residents see them."])
        // In a short title block, as before, the first byline names the authors and the rest is the byline.
        let short = try read(ArticleReader(), "Public Trust and Algorithms\nMaria L. Alvarez\nThe Brookings Institution\nWashington, DC\n\nAbstract\nWe survey residents. Trust falls.\n\n1. Introduction\nCities use tools.\n")
        #expect(short.metadata.authors == ["Maria L. Alvarez"])
    }

    /// Chicago-style note numbers a PDF leaves glued to a comma or after a closing quotation mark link their notes,
    /// as those after a full stop do; a figure after a comma does not.
    @Test func noteNumbersAfterACommaOrAQuotationLinkTheirNotes() {
        #expect(DocumentFinishing.noteMarkers(in: "Providers must file estimates,12 which critics call \"unworkable.\"13") == ["12", "13"])
        #expect(DocumentFinishing.noteMarkers(in: "It took effect in 2024.14") == ["14"])
        // Several notes at once, and a fiscal year's stop.
        #expect(DocumentFinishing.noteMarkers(in: "A dividend could change that.3,4") == ["3", "4"])
        #expect(DocumentFinishing.noteMarkers(in: "They said so on three pages.5–7") == ["5", "6", "7"])
        #expect(DocumentFinishing.noteMarkers(in: "Most of it was returned in 2022–23.6") == ["6"])
        #expect(DocumentFinishing.noteMarkers(in: "It grew by 3.4,5 percent.").isEmpty)
        #expect(DocumentFinishing.noteMarkers(in: "Sales rose in 2020,12 states reported, and fell by 3,500 units.").isEmpty)
        #expect(DocumentFinishing.noteMarkers(in: "A list a,b and c.").isEmpty)
    }

    @Test func frontMatterIsNotBody() {
        #expect(!document.units.contains { $0.text.contains("摘要") || $0.text.contains("Abstract") || $0.text.contains("责") })
    }

    @Test func bodyStructure() {
        let headings = document.units.filter { $0.kind == .heading }.map(\.text)
        #expect(headings == ["一、问题的提出", "（一）规则分化的表现", "二、结论"])
        #expect(document.sections.map(\.level) == [1, 2, 1])
        #expect(document.sections[1].parent == "d1")
        #expect(document.sections[2].parent == nil)
        let sentences = document.units.filter { $0.kind == .sentence }.map(\.text)
        #expect(sentences == [
            "近年来,各国围绕数据跨境流动展开激烈博弈。[1]", "本文认为,规则竞争的实质是发展模式之争。", "据统计,2024年全球数字贸易额超过4万亿美元。[2][3]",
            "例如,《数据安全法》第三条对数据作了界定。", "吉𠮷祥如意的“开放”理念是否可行？", "答案是肯定的！",
            "各国应当加强对话……而非对抗。", "因此,合作才是出路①。",
        ])
        #expect(document.units.map(\.id) == (1...11).map { "s\($0)" })
        #expect(document.validate().isEmpty)
    }

    @Test func notesAreLinkedFromMarkers() {
        #expect(document.notes.map(\.marker) == ["1", "2", "3"])
        #expect(document.notes[1].text == "UNCTAD, Digital Economy Report, 2024.")
        #expect(document.units[1].noteRefs == ["n1"])
        #expect(document.units[3].noteRefs == ["n2", "n3"])
        #expect(!document.units.contains { $0.text.hasPrefix("[1]王某") })
    }

    @Test func offsetsAreScalarPositionsIntoTheFile() throws {
        let text = String(decoding: try fixture("cnki-article.zh.txt"), as: UTF8.self)
        let scalars = Array(text.unicodeScalars)
        for unit in document.units {
            #expect(scalars.string(unit.start..<unit.end) == unit.text)
        }
        for note in document.notes {
            #expect(scalars.string(note.start!..<note.end!) == note.text)
        }
        let astral = try #require(document.units.first { $0.text.contains("𠮷") })
        let converter = TextOffsetConverter(text: text)
        #expect(converter.utf16Offset(ofScalarOffset: astral.end) == astral.end + 1)
        #expect(converter.utf16Offset(ofScalarOffset: astral.start) == astral.start)
    }

    @Test func englishArticle() throws {
        let doc = try ArticleReader().read(ReaderInput(bytes: try fixture("english-paper.en.txt"), sourcePath: nil, documentID: "en"))
        #expect(doc.metadata.titles == ["en": "Platform Power and Its Limits"])
        #expect(doc.metadata.authors == ["J. R. Smith"])
        #expect(doc.metadata.keywords["en"] == ["platforms", "regulation", "audits"])
        #expect(doc.metadata.abstracts["en"] == "This paper examines platform regulation in the U.S. and the EU. We argue that audits work.")
        #expect(doc.units.filter { $0.kind == .heading }.map(\.text) == ["1. Introduction", "1.1 Scope", "Conclusion"])
        #expect(doc.units.filter { $0.kind == .sentence }.map(\.text) == [
            "Platforms shape public debate.", "Dr. Lee et al. found a 3.5 percent drop in reach (see Fig. 2).",
            "The data are at https://example.org/data.csv.", "Is that enough?", "We study the U.S. market only.",
            "The E.U. is left for later work.", "Regulators should require audits [1].",
        ])
        #expect(doc.notes.count == 1)
        #expect(doc.language == .en)
    }

    @Test func sniffing() throws {
        let article = String(decoding: try fixture("cnki-article.zh.txt"), as: UTF8.self)
        #expect(ArticleReader().sniff(Substring(article)) > 0)
        #expect(ArticleReader().sniff("一、标题\n这是正文。\n") == 0)
    }

    @Test func aBareAbstractLabelUnderTheTitleMarksAPaper() throws {
        let paper = "Beyond the Binary\nA. N. Author\nAbstract\nWe argue that audits work.\n1. Introduction\nPlatforms shape debate [1].\nNotes\n[1] Smith 2020.\n"
        #expect(ArticleReader().sniff(Substring(paper)) >= 5)
        let doc = try read(ArticleReader(), paper)
        #expect(doc.metadata.abstracts["en"] == "We argue that audits work.")
        #expect(doc.units.filter { $0.kind == .sentence }.map(\.text) == ["Platforms shape debate [1]."])
        #expect(doc.notes.count == 1)
        // A report's "Summary" is not enough on its own: reports are read as plain text.
        #expect(ArticleReader().sniff("Child Care Funding\nSummary\nCongress funds child care through several programs.\n") == 0)
    }
}

struct PlainTextReaderTests {
    @Test func paragraphsHeadingsAndSentences() throws {
        let doc = try read(PlainTextReader(), "政府工作报告\n\n一、工作回顾\n过去一年很不平凡。经济增长8.1%。\r\n\n（一）稳增长\n要稳定宏观经济大盘。\n")
        #expect(doc.units.map(\.kind) == [.heading, .heading, .sentence, .sentence, .heading, .sentence])
        #expect(doc.paragraphs.count == 5)
        #expect(doc.sections.map(\.id) == ["d1", "d2", "d3"])
        #expect(doc.units[3].paragraph == doc.units[2].paragraph)
        #expect(doc.units.allSatisfy { $0.language == .zh })
        #expect(doc.validate().isEmpty)
    }

    /// Sections nest as the document numbers them: a US report's I. › A. › 1. (1. had been a sibling of I.), a
    /// plan's 第三篇 › 第八章 › 第一节 and a thesis's 第二章 › 一、 › （一） (each had been a sibling of the one before).
    @Test func numberedHeadingsNestAsTheDocumentNumbersThem() throws {
        func outline(_ text: String) throws -> [String] {
            let doc = try read(PlainTextReader(), text)
            return doc.sections.map { section in
                let heading = section.heading.flatMap { doc.unit($0)?.text } ?? "-"
                return "\(section.level) \(heading) < \(section.parent.flatMap { p in doc.sections.first { $0.id == p }?.heading.flatMap { doc.unit($0)?.text } } ?? "-")"
            }
        }
        let english = "I. Introduction\n\nCities face a new problem.\n\nA. The Scale of the Problem\n\nRegistrations rose.\n\n"
            + "1. Residential Complaints\n\nComplaints doubled.\n\n2. Commercial Traffic\n\nFirms plan flights.\n\n"
            + "B. Existing Law\n\nFederal law preempts local rules.\n\nII. Recommendations\n\nCongress should act.\n"
        #expect(try outline(english) == [
            "1 I. Introduction < -", "2 A. The Scale of the Problem < I. Introduction", "3 1. Residential Complaints < A. The Scale of the Problem",
            "3 2. Commercial Traffic < A. The Scale of the Problem", "2 B. Existing Law < I. Introduction", "1 II. Recommendations < -",
        ])
        let plan = "第三篇　加快发展现代产业体系\n\n第八章　深入实施制造强国战略\n\n第一节　加强产业基础能力建设\n\n实施产业基础再造工程。\n\n"
            + "第二节　提升产业链供应链现代化水平\n\n锻造产业链供应链长板。\n\n第九章　发展壮大战略性新兴产业\n\n着眼于抢占未来产业发展先机。\n\n"
            + "第四篇　形成强大国内市场\n\n坚持扩大内需这个战略基点。\n"
        #expect(try outline(plan).map { $0.prefix(1) } == ["1", "2", "3", "3", "2", "1"])
        // Formal numerals (壹、 貳、, as papers in Taiwan number their parts) stand above 一、.
        #expect(try outline("壹、緒論\n\n本文研究府際協力。\n\n貳、文獻回顧\n\n一、府際協力的理論\n\n理論很多。\n\n二、研究缺口\n\n缺口仍在。\n\n參、結論\n\n合作才是出路。\n").map { $0.prefix(1) } == ["1", "1", "2", "2", "1"])
        // 陆、 opening 陆、海、空… is the word for land, no part's number: 一、 after it is no subsection of it.
        #expect(try outline("陆、海、空三军联合训练\n\n训练规模扩大。\n\n一、装备发展\n\n装备更新加快。\n\n二、人才培养\n\n人才队伍壮大。\n").map { $0.prefix(1) } == ["1", "1", "1"])
        // A box's items set without a stop are its text, and the section after the box stays where it was.
        let box = "第四章　强化国家战略科技力量\n第一节　整合优化科技资源配置\n加快构建战略科技力量。\n专栏2　科技前沿领域攻关\n"
            + "01　量子信息\n城域、城际量子通信技术研发，通用量子计算原型机研制\n02　集成电路\n关键材料研发，先进工艺突破\n"
            + "专栏3　民生实事\n1.新建中小学21所，新增学位2.3万个\n2.改造老旧小区136个\n第二节　加强原创性科技攻关\n制定实施战略性科学计划。\n"
        let boxed = try read(PlainTextReader(), box)
        #expect(boxed.units.filter { $0.kind == .sentence }.map(\.text) == [
            "加快构建战略科技力量。", "城域、城际量子通信技术研发，通用量子计算原型机研制", "关键材料研发，先进工艺突破",
            "1.新建中小学21所，新增学位2.3万个", "2.改造老旧小区136个", "制定实施战略性科学计划。",
        ])
        #expect(try outline(box).map { $0.prefix(1) } == ["1", "2", "4", "5", "5", "4", "2"])
        // After the box's text, the section's prose ends it: numbered headings under it are headings again.
        let closed = try read(PlainTextReader(), "第一节　整合资源\n专栏2　科技攻关\n01　量子信息\n城域量子通信技术研发，量子计算原型机研制\n加强基础研究，持续加大投入。\n1.加强基础研究\n推动基础研究高质量发展。\n")
        #expect(closed.units.filter { $0.kind == .heading }.map(\.text) == ["第一节　整合资源", "专栏2　科技攻关", "01　量子信息", "1.加强基础研究"])
        let thesis = "第一章　绪论\n\n本文研究友岸外包。\n\n第二章　案例分析\n\n一、美国的政策工具\n\n（一）出口管制\n\n美国扩大了实体清单。\n\n"
            + "1. 实体清单\n\n清单不断扩展。\n\n（二）投资审查\n\n审查范围扩大。\n\n二、日本的跟进\n\n日本宣布了措施。\n\n第三章　结论\n\n合作才是出路。\n"
        #expect(try outline(thesis).map { $0.prefix(1) } == ["1", "1", "2", "3", "4", "3", "2", "1"])
        // A form met after a deeper one of the fixed order does not go under it: （一） then 一、 are not nested, and
        // a Chinese 1、 after (2) is its sibling's parent again, as before.
        #expect(try outline("发展报告\n\n（一）主要成就\n\n经济总量突破一百万亿元。\n\n二、面临挑战\n\n发展不平衡问题仍然突出。\n").map { $0.prefix(1) } == ["1", "2", "1"])
        #expect(try outline("发展报告\n\n（1）萌芽期\n\n政策开始出现。\n\n2、发展阶段\n\n政策逐步完善。\n").map { $0.prefix(1) } == ["1", "4", "3"])
        // An unnumbered top heading (References, 结语) starts the outline again, so what the builder nests under it
        // and what the outline says agree; an appendix is never a part of a numbered section.
        #expect(try outline("1. Introduction\n\nWe study drones.\n\nA. Data\n\nWe use records.\n\nReferences\n\nA. Survey\n\nWe asked residents.\n")
            .map { $0.prefix(1) } == ["1", "2", "1", "2"])
        #expect(try outline("1. Introduction\n\nWe study drones.\n\nAppendix A\n\nThe survey asked residents.\n").map { $0.prefix(1) } == ["1", "1"])
        // A memo's A. › 1. under its title nests; 01 Introduction, away from a box, is a chapter, its 1.1 under it.
        #expect(try outline("Memorandum on Drones\n\nA. Background\n\n1. Scale\n\nDrones multiplied.\n\n2. Law\n\nLaw lags.\n\nB. Options\n\n1. Ban\n\nA ban is costly.\n")
            .map { $0.prefix(1) } == ["1", "2", "3", "3", "2", "3"])
        #expect(try outline("Annual Review\n\n01 Introduction\n\n1.1 Scope\n\nWe cover one year.\n\n02 Findings\n\nCosts rose.\n")
            .map { $0.prefix(1) } == ["1", "1", "2", "1"])
    }

    /// A Chinese page's frame goes to the metadata: a commentary's byline and subtitle, the page's date, source and
    /// buttons, the editor's and the print edition's lines; a white paper's cover (issuer and month) is recorded and
    /// stays as headings, as the project's gold has it; a directive without its number still gives its addressees
    /// and its signature; a speech head without the speaker's name is a speech head.
    @Test func aChinesePagesFrameIsMetadata() throws {
        let page = "坚定不移推进高水平对外开放\n——论学习贯彻全会精神\n2024年03月06日08:31 | 来源：人民网－人民日报\n分享到：\n本报记者　李红梅　王浩\n\n"
            + "开放是中国式现代化的鲜明标识。我们要扩大高水平对外开放。\n\n（本报记者刘志强参与采写）\n《 人民日报 》（ 2024年03月06日 02 版）\n(责编：牛镛、岳弘彬)\n"
        let doc = try read(PlainTextReader(), page)
        #expect(doc.units.map(\.text) == ["坚定不移推进高水平对外开放", "——论学习贯彻全会精神", "本报记者　李红梅　王浩", "开放是中国式现代化的鲜明标识。", "我们要扩大高水平对外开放。"])
        let m = doc.metadata
        #expect(m.titles["zh"] == "坚定不移推进高水平对外开放" && m.authors == ["李红梅", "王浩"])
        #expect(m.fields["date"] == "2024年03月06日08:31" && m.fields["source"] == "人民网－人民日报" && m.fields["editor"] == "牛镛、岳弘彬")
        #expect(m.fields["subtitle"] == "论学习贯彻全会精神" && m.fields["printEdition"] == "《人民日报》（2024年03月06日02版）")
        let cover = try read(PlainTextReader(), "新时代的中国绿色发展\n\n中华人民共和国\n国务院新闻办公室\n2023年1月\n\n前言\n\n绿色是生命的底色。\n")
        #expect(cover.metadata.fields["issuer"] == "中华人民共和国 国务院新闻办公室" && cover.metadata.fields["issued"] == "2023年1月")
        // gov.cn's layout: the month in brackets under the title, the issuer under it.
        let bracketed = try read(PlainTextReader(), "新时代的中国水安全\n（2024年11月）\n中华人民共和国\n国务院新闻办公室\n\n前言\n\n水是生存之本。\n").metadata
        #expect(bracketed.titles["zh"] == "新时代的中国水安全" && bracketed.fields["date"] == "2024年11月")
        #expect(bracketed.fields["issuer"] == "中华人民共和国 国务院新闻办公室")
        // A news page's time under its headline gives no issuer.
        let news = try read(PlainTextReader(), "统计数据显示经济回升\n2024年03月06日08:31 | 来源：人民网\n国家统计局\n\n经济持续回升向好。\n").metadata
        #expect(news.fields["issuer"] == nil, "\(news.fields)")
        #expect(cover.units.filter { $0.kind == .heading }.count == 5)
        let directive = try read(PlainTextReader(), "国务院关于加快发展银发经济的意见\n\n各省、自治区、直辖市人民政府，国务院各部委、各直属机构：\n\n"
            + "发展银发经济是积极应对人口老龄化的重要举措。现提出如下意见。\n\n国务院\n2024年1月11日\n（此件公开发布）\n")
        #expect(directive.units.filter { $0.kind == .sentence }.count == 2 && directive.units.count == 3)
        #expect(directive.metadata.fields["issuer"] == "国务院" && directive.metadata.fields["issued"] == "2024年1月11日"
            && directive.metadata.fields["addressees"]?.hasPrefix("各省") == true && directive.metadata.fields["distribution"] == "此件公开发布")
        // A directive's opening sentence that ends with a colon is no list of addressees.
        let opening = try read(PlainTextReader(), "关于进一步优化营商环境的意见\n为深入贯彻党中央、国务院决策部署，进一步优化营商环境，现提出如下意见：\n一、总体要求\n坚持市场化法治化国际化原则。\n")
        #expect(opening.units.count == 4 && opening.metadata.fields["addressees"] == nil)
        let leadIn = try read(PlainTextReader(), "关于做好春耕生产工作的通知\n\n各地要重点抓好以下工作：\n\n一是稳定面积。二是提高单产。\n")
        #expect(leadIn.metadata.fields["addressees"] == nil && leadIn.units.count == 4)
        for addressees in ["各乡镇人民政府：", "各区人民政府，市政府各委、办、局："] {
            let notice = try read(PlainTextReader(), "关于做好春耕生产工作的通知\n\n\(addressees)\n\n现将有关事项通知如下。\n")
            #expect(notice.metadata.fields["addressees"] == String(addressees.dropLast()) && notice.units.count == 2, "\(addressees)")
        }
        // A text whose last line is a date, with no issuer above it, keeps it.
        let dated = try read(PlainTextReader(), "会议纪要\n\n会议讨论了三项议题。会议决定加快推进。\n\n2024年1月11日\n")
        #expect(dated.units.last?.text == "2024年1月11日")
        let speech = try read(PlainTextReader(), "在青年科技工作者座谈会上的讲话\n（2025年5月4日）\n同志们：\n青年是科技创新的生力军。\n")
        #expect(speech.metadata.titles["zh"] == "在青年科技工作者座谈会上的讲话" && speech.metadata.fields["occasion"] == "2025年5月4日")
    }

    /// An English commentary's byline, date and outlet line go to the metadata, and under such a byline so do the
    /// authors' notes and the disclaimer at its end; a body sentence that opens with By stays text.
    @Test func anEnglishCommentarysFrameIsMetadata() throws {
        let text = "Why the U.S. Needs a Digital Trade Strategy Now\n**By Jennifer A. Hillman and David Sacks**\n"
            + "*Council on Foreign Relations | Commentary | June 3, 2024*\nShare: Twitter | LinkedIn\n\n"
            + "By stepping back, Washington has left the field to others. Congress should pass a privacy law.\n\n"
            + "Jennifer A. Hillman is a senior fellow at the Council on Foreign Relations.\n\n"
            + "The views expressed in this commentary are solely those of the authors.\n"
        let doc = try read(PlainTextReader(), text)
        #expect(doc.units.map(\.text) == ["Why the U.S. Needs a Digital Trade Strategy Now", "By stepping back, Washington has left the field to others.", "Congress should pass a privacy law."])
        let m = doc.metadata
        #expect(m.authors == ["Jennifer A. Hillman", "David Sacks"] && m.titles["en"] == "Why the U.S. Needs a Digital Trade Strategy Now")
        #expect(m.fields["date"] == "June 3, 2024" && m.fields["source"] == "Council on Foreign Relations | Commentary")
        #expect(m.fields["authorNote"]?.hasPrefix("Jennifer A. Hillman is") == true && m.fields["disclaimer"]?.hasPrefix("The views expressed") == true)
        // A last sentence about an author that is no note on them stays the text's.
        let critics = try read(PlainTextReader(), "Industrial Policy Revisited\nBy John Smith\n\nIndustrial policy is back.\n\nJohn Smith is wrong, say his critics.\n")
        #expect(critics.units.last?.text == "John Smith is wrong, say his critics." && critics.metadata.fields["authorNote"] == nil)
        // Without a byline the same last lines are the text's.
        let unsigned = try read(PlainTextReader(), "A Brief\n\nCongress should act. It has waited long enough.\n\nThe views expressed in this brief are the author's own.\n")
        #expect(unsigned.units.last?.text == "The views expressed in this brief are the author's own." && unsigned.metadata.fields["disclaimer"] == nil)
    }

    /// A chart's data set out under its caption is the figure's, not a run of headings each opening a section.
    @Test func aChartsDataRowsAreItsCaptions() throws {
        let doc = try read(PlainTextReader(), "三、工业\n\n全年工业增加值405442亿元。\n\n图5  2020—2024年规模以上工业增加值增速\n2020    2.8\n2021    9.6\n\n全年建筑业增加值89949亿元。\n")
        #expect(doc.units.map(\.kind) == [.heading, .sentence, .caption, .caption, .caption, .sentence])
        #expect(doc.sections.count == 1)
        // After the figure's source line its rows are over.
        let sourced = try read(PlainTextReader(), "三、工业\n\n全年工业增加值405442亿元。\n\n图5  增速\n2020    2.8\n资料来源：国家统计局。\n2025    目标5%左右\n")
        #expect(sourced.units.map(\.kind) == [.heading, .sentence, .caption, .caption, .caption, .heading])
        // A chart's axis labels, one a line as a PDF's text leaves them, and its source line under them.
        let axis = try read(PlainTextReader(), "II. LESSONS\nFigure 2. Initial Claims by Week, 2020–2021\n6,000,000\n4,000,000\n0\nSource: Department of Labor.\n\nPUA let applicants self-certify.\n")
        #expect(axis.units.map(\.kind) == [.heading, .caption, .caption, .caption, .caption, .caption, .sentence])
    }

    /// Numbered lines a lead-in announces, one after the other, are a list's items, not headings of empty sections;
    /// numbered subheadings after a lead-in, their paragraphs between them, stay headings.
    @Test func aListALeadInAnnouncesIsNoRunOfHeadings() throws {
        let tasks = try read(PlainTextReader(), "二、重点任务\n今年要重点抓好以下三项工作：\n1．稳定粮食播种面积\n2．加强高标准农田建设\n3．推进种业振兴行动\n三、保障措施\n各地区要高度重视。\n")
        #expect(tasks.units.map(\.kind) == [.heading, .sentence, .sentence, .sentence, .sentence, .heading, .sentence])
        let questions = try read(PlainTextReader(), "OSHA requests comment on the following questions:\n1. Should the trigger be set at 80 °F?\n"
            + "2. Are there industries in which rest breaks would be infeasible?\n3. What would it cost a small employer to comply?\n\nEmployers should not wait.\n")
        #expect(questions.units.allSatisfy { $0.kind == .sentence } && questions.units.count == 5)
        // A list that announces the sections: the sections' own numbered headings, from 1 again, stay headings.
        let announced = try read(PlainTextReader(), "数字治理研究\n\n本文从以下两个层面展开分析：\n1. 技术层面\n2. 制度层面\n\n1. 技术层面\n\n技术是数字治理的基础。\n\n2. 制度层面\n\n制度保障是关键。\n")
        #expect(announced.units.map(\.kind) == [.heading, .sentence, .sentence, .sentence, .heading, .sentence, .heading, .sentence])
        let subheadings = try read(PlainTextReader(), "近年来，数字治理成为研究热点。数字治理可以从以下两个层面加以理解：\n\n1. 技术层面\n\n算法改变了治理的方式。\n\n2. 制度层面\n\n规则需要随之调整。\n")
        #expect(subheadings.units.filter { $0.kind == .heading }.map(\.text) == ["1. 技术层面", "2. 制度层面"])
        // Without a lead-in, a run of numbered sentences holds an item that lacks its stop; a run of numbered
        // headings (a contents list) stays headings.
        let items = try read(PlainTextReader(), "IV. Additional Recommendations\n\n1. Extend coverage to institutions with more than $5 billion in assets.\n"
            + "2. Prohibit transaction reordering that maximizes fees.\n3. Require institutions to offer a no-fee decline option at point of sale\n"
            + "4. Publish annual institution-level overdraft revenue data.\n\nV. Conclusion\n\nThe rule should be finalized.\n")
        #expect(items.units.filter { $0.kind == .heading }.map(\.text) == ["IV. Additional Recommendations", "V. Conclusion"])
        let headings = try read(PlainTextReader(), "1. Introduction\n2. Background\n3. Methods\n\nThe study asks why.\n")
        #expect(headings.units.filter { $0.kind == .heading }.count == 3)
        // The run's last line may head the paragraph below it.
        let mixed = try read(PlainTextReader(), "二、主要措施\n1.建立村级议事会，每月召开一次。\n2.推行积分制管理，按季度公示。\n3.强化考核督导\n县委督查室每半年开展一次专项督查。\n")
        #expect(mixed.units.filter { $0.kind == .heading }.map(\.text) == ["二、主要措施", "3.强化考核督导"])
    }

    /// Notes under a rule at the end of a text without pages (an EU document or a web page copied), numbered in
    /// superscript or plain digits, are its notes, their markers linked; without the rule such lines stay text.
    /// A source line after a notes list is a note of its own, not the last entry's continuation.
    @Test func notesUnderARuleAtTheTextsEndAreNotes() throws {
        let text = "Drought affected 17% of the EU's territory in 2022.¹ Losses are estimated at EUR 9 billion per year.²\n"
            + "Member States should invest in water efficiency.\n\n__________\n"
            + "¹ JRC (2020), Global warming and drought impacts in the EU.\n² EEA (2021), Water resources across Europe.\n"
        let doc = try read(PlainTextReader(), text)
        #expect(doc.notes.map(\.marker) == ["1", "2"] && doc.notes[1].text == "EEA (2021), Water resources across Europe.")
        #expect(doc.units.filter { $0.kind == .sentence }.count == 3)
        #expect(doc.units.first?.noteRefs == ["n1"])
        let plain = try read(PlainTextReader(), text.replacingOccurrences(of: "¹ JRC", with: "1 JRC").replacingOccurrences(of: "² EEA", with: "2 EEA")
            .replacingOccurrences(of: "2022.¹", with: "2022.1").replacingOccurrences(of: "year.²", with: "year.2"))
        #expect(plain.notes.map(\.marker) == ["1", "2"])
        let unruled = try read(PlainTextReader(), text.replacingOccurrences(of: "__________\n", with: ""))
        #expect(unruled.notes.isEmpty)
        // A source line among them is a note of its own; a table under a rule is no notes list.
        let withSource = try read(PlainTextReader(), text + "Source: European Commission, 2020.\n")
        #expect(withSource.notes.map(\.marker) == ["1", "2", ""] && withSource.notes[1].text == "EEA (2021), Water resources across Europe.")
        let table = try read(PlainTextReader(), "Growth rose in Q1 2024 and fell later.\n\n----------\n1   Germany   1.2 percent\n2   France   0.9 percent\n")
        #expect(table.notes.isEmpty)
        // Notes justified with wide spaces, as pdftotext -layout sets them, are notes still.
        let spaced = try read(PlainTextReader(), "Emissions must fall by 55%.¹ Investment must rise.²\n\n__________\n¹ JRC (2020),  Emissions  pathways  to  2030.\n²  COM(2019)  640  final.\n")
        #expect(spaced.notes.map(\.marker) == ["1", "2"])
        let sourced = try read(PlainTextReader(), "粮食产量创历史新高。[1]\n\n注释：\n[1]粮食产量数据来自抽样调查。\n资料来源：\n本公报数据来自农业农村部。\n")
        #expect(sourced.notes.map(\.text) == ["粮食产量数据来自抽样调查。", "资料来源：本公报数据来自农业农村部。"])
    }

    @Test func aNotesListAfterANotesHeadingIsReadAsNotes() throws {
        let text = "Findings\nClaims took longer in 2025.[1] Accuracy fell.\nNotes\n[1] VBA data, 2025.\n[2] Ibid.\nAppendix I: Scope and Methodology\nWe reviewed agency data.\n"
        let doc = try read(PlainTextReader(), text)
        #expect(doc.notes.count == 2)
        #expect(doc.units.filter { $0.kind == .sentence }.map(\.text) == [
            "Claims took longer in 2025.[1]", "Accuracy fell.", "We reviewed agency data.",
        ])
        #expect(doc.units.first { $0.text.hasPrefix("Claims") }?.noteRefs.isEmpty == false)
        // A heading that merely reads "Notes", with no numbered entry after it, stays a heading.
        let plain = try read(PlainTextReader(), "Notes\nThese are my notes on the plan.\n")
        #expect(plain.notes.isEmpty && plain.units.map(\.kind) == [.heading, .sentence])
    }

    /// "Footnotes" heads a notes list as "Notes" does; Traditional labels (摘要, 關鍵詞, 參考文獻) and a spaced 摘　要
    /// are an article's as the Simplified ones are.
    @Test func footnotesAndTraditionalOrSpacedLabels() throws {
        let notes = try read(PlainTextReader(), "The court reversed.[1] It remanded.[2]\n\nFootnotes\n\n[1] The policy is dated 2017.\n[2] Sunbelt also argues the claim is barred.\n")
        #expect(notes.notes.count == 2 && notes.units.allSatisfy { $0.kind != .heading })
        let traditional = "數位威權主義的擴散\n林志明\n摘要：本文認為，數位威權主義的擴散並非單純的技術輸出。\n關鍵詞：數位威權主義；東南亞\n壹、前言\n2017年，越南國會通過《網路安全法》。[1]\n參考文獻\n[1] 陳怡君（2021）。〈越南網路安全法之研究〉。\n"
        let doc = try read(ArticleReader(), traditional)
        #expect(doc.metadata.keywords["zh"] == ["數位威權主義", "東南亞"])
        #expect(doc.metadata.abstracts["zh"]?.hasPrefix("本文認為") == true && doc.notes.count == 1)
        let spaced = "摘　要\n本文以S市三个街道为案例，探讨形式主义的生成机制。\n关键词：形式主义；基层治理\n\n第一章　绪论\n党的十八大以来，党中央高度重视整治形式主义问题。\n"
        #expect(ArticleReader().sniff(Substring(spaced)) > 0)
        #expect(try read(ArticleReader(), spaced).metadata.abstracts["zh"]?.hasPrefix("本文以S市") == true)
    }

    /// Notes numbered 〔1〕 in the text and in the list (注释：〔1〕…) are notes, linked from their sentences.
    @Test func notesInTortoiseShellBrackets() throws {
        let doc = try read(PlainTextReader(), "一、问题的提出\n党的二十大报告提出，要“完善社会治理体系”。〔1〕这一部署指明了方向。学界已有讨论。〔2〕\n注释：\n〔1〕习近平：《高举中国特色社会主义伟大旗帜》，2022年，第54页。\n〔2〕周黎安：《行政发包制》，《社会》2014年第6期。\n")
        #expect(doc.notes.map(\.text) == ["习近平：《高举中国特色社会主义伟大旗帜》，2022年，第54页。", "周黎安：《行政发包制》，《社会》2014年第6期。"])
        #expect(doc.units.filter { $0.kind == .sentence }.map(\.noteRefs.count) == [1, 0, 1])
    }

    /// A newspaper article's trailer: the affiliation in brackets and a funding sentence are metadata.
    @Test func aBracketedAffiliationAndAFundingSentenceAreMetadata() throws {
        let text = "以新质生产力赋能中国式现代化\n李明华\n【摘要】发展新质生产力是推动高质量发展的内在要求。\n【关键词】新质生产力\n一、科学内涵\n新质生产力是先进生产力质态。我们要深入学习领会。\n（作者单位：中国人民大学习近平新时代中国特色社会主义思想研究院）\n本文系国家社科基金重大项目“新时代生产力理论研究”（23ZDA001）的阶段性成果\n"
        let doc = try read(ArticleReader(), text)
        #expect(doc.metadata.fields["affiliation"] == "中国人民大学习近平新时代中国特色社会主义思想研究院")
        #expect(doc.metadata.fields["funding"]?.hasSuffix("的阶段性成果") == true)
        #expect(doc.units.filter { $0.kind == .sentence }.map(\.text) == ["新质生产力是先进生产力质态。", "我们要深入学习领会。"])
    }

    /// A thesis sets its English Abstract and Key words below the Chinese ones, each label on a line of its own; an
    /// English title's subtitle at the end goes on the title, the names after it are the authors.
    @Test func englishAbstractBlocksAndSubtitles() throws {
        let thesis = "摘要\n本文以S市三个街道为案例，探讨形式主义的生成机制。\n关键词：形式主义；基层治理\n\nAbstract\nBased on interviews with 42 cadres, this thesis explores formalism.\nKey words: formalism; grassroots governance\n\n第一章　绪论\n党的十八大以来，党中央高度重视整治形式主义问题。\n"
        let doc = try read(ArticleReader(), thesis)
        #expect(doc.metadata.abstracts["en"]?.hasPrefix("Based on interviews") == true && doc.metadata.keywords["en"] == ["formalism", "grassroots governance"])
        #expect(doc.units.filter { $0.kind == .sentence }.map(\.text) == ["党的十八大以来，党中央高度重视整治形式主义问题。"])
        let review = "数字时代的国家治理现代化\n陈思远　刘晓晴\n【摘要】与会学者认为，数字技术正在重塑国家治理。\n【关键词】数字治理\n一、理论基础\n与会学者探讨了数字治理的理论内涵。\n\nDigital Era and State Governance\n—A Review of the 5th Forum on State Governance\nCHEN Si-yuan, LIU Xiao-qing\nAbstract: In November 2023, the 5th Forum was held in Beijing.\nKey words: digital governance\n"
        let english = try read(ArticleReader(), review)
        #expect(english.metadata.titles["en"] == "Digital Era and State Governance —A Review of the 5th Forum on State Governance")
        #expect(english.metadata.fields["authors.en"] == "CHEN Si-yuan; LIU Xiao-qing")
    }

    /// A report's table of contents without page numbers may have entries of 40 characters and more.
    @Test func aContentsListWithLongEntries() throws {
        let text = "Table of Contents\n\nI. Background\nII. Pertinent Legal Authority\nIII. Need for the Standard\nIV. Costs and Benefits of the Proposed Standard\n\nI. Background\n\nHeat is the leading cause of weather deaths.\n\nII. Pertinent Legal Authority\n\nThe Act authorises the standard.\n\nIII. Need for the Standard\n\nWorkers die every year.\n\nIV. Costs and Benefits of the Proposed Standard\n\nThe benefits exceed the costs.\n"
        let doc = try read(PlainTextReader(), text)
        #expect(doc.metadata.fields["contents"]?.contains("IV. Costs and Benefits of the Proposed Standard") == true)
        #expect(doc.units.filter { $0.kind == .heading }.map(\.text) == ["I. Background", "II. Pertinent Legal Authority", "III. Need for the Standard", "IV. Costs and Benefits of the Proposed Standard"])
    }

    /// A references heading laid out as a Markdown heading (# 参考文献, as the Word, OpenDocument and web readers lay a
    /// heading out) heads a notes list as the plain line does.
    @Test func aMarkdownReferencesHeadingHeadsANotesList() throws {
        let text = "# 一、问题的提出\n\n有研究指出，数据共享是关键[1]。本文认为，核心在于制度创新[2]。\n\n# 参考文献\n\n[1] 张三. 数据共享研究[J]. 中国行政管理, 2020(3): 1-10.\n\n[2] 李四. 数字治理[M]. 北京: 人民出版社, 2021.\n"
        let doc = try read(PlainTextReader(), text)
        #expect(doc.notes.count == 2 && doc.units.filter { $0.kind == .sentence }.allSatisfy { $0.noteRefs.count == 1 })
        #expect(doc.units.filter { $0.kind == .heading }.map(\.text) == ["一、问题的提出"])
    }

    /// An author's note marked with a dagger may head the numbered notes under a Notes heading.
    @Test func aDaggerNoteBeforeTheNumberedOnes() throws {
        let text = "Ada violates no moral norm. Yet the colleague blames her.1\n\nIt is true of other cases.2\n\nNotes\n\n† Department of Philosophy, University of Leeds.\n\n1 For a similar account, see Scanlon (2008, ch. 4).\n\n2 See also McKenna (2012, 17).\n"
        let doc = try read(PlainTextReader(), text)
        #expect(doc.notes.map(\.marker) == ["†", "1", "2"])
        #expect(doc.notes.map(\.text) == ["Department of Philosophy, University of Leeds.", "For a similar account, see Scanlon (2008, ch. 4).", "See also McKenna (2012, 17)."])
        #expect(doc.units.filter { $0.kind == .sentence }.map(\.noteRefs) == [[], [doc.notes[1].id], [doc.notes[2].id]])
    }

    @Test func anAuthorYearReferenceListIsReadAsNotes() throws {
        let text = "Conclusion\nProducers bargain.\nReferences\nArrighi, G. and Drangel, J. (1986). The stratification of the world-economy. Review, 10(1), 9–74.\nVernon, Raymond. 1971. Sovereignty at Bay. New York: Basic Books.\n王名，乐园．中国民间组织参与公共服务购买的模式分析．中共浙江省委党校学报，2008(4)．\n"
        let doc = try read(PlainTextReader(), text)
        #expect(doc.notes.count == 3)
        #expect(doc.units.filter { $0.kind == .sentence }.map(\.text) == ["Producers bargain."])
        // A body section called "Sources" that opens with prose stays body text, dates or not.
        let body = try read(PlainTextReader(), "Sources\nIn 2019, the agency published data. We use them (2020 edition).\nThe survey ran in 2021.\n")
        #expect(body.notes.isEmpty && body.units.filter { $0.kind == .sentence }.count == 3)
    }

    @Test func chineseSetWithFullWidthFullStopsReadsAsSentencesUnderItsHeadings() throws {
        let doc = try read(PlainTextReader(), "一．引言\n我们认为定价应当保留．保险公司需要调整费率．\n增长３．５％．\n二．方法\n我们采用回归．\n")
        #expect(doc.units.map(\.kind) == [.heading, .sentence, .sentence, .sentence, .heading, .sentence])
        #expect(doc.units.map(\.text) == ["一．引言", "我们认为定价应当保留．", "保险公司需要调整费率．", "增长３．５％．", "二．方法", "我们采用回归．"])
    }

    @Test func aReferenceListSetFullWidthOrHardWrappedIsStillNotes() throws {
        // Full-width letters and digits, as some Chinese typesetting sets an English reference (the year read as one).
        let fullWidth = try read(PlainTextReader(), "结语\n保险定价应当保留。\n参考文献\nＣａｒｔｅｒ, Ｍ. (２０１７). Ｉｎｄｅｘ ｉｎｓｕｒａｎｃｅ.\nＤｉｘｏｎ, Ｌ. （２００６）. Ｍａｒｋｅｔ ｐｅｎｅｔｒａｔｉｏｎ.\n")
        #expect(fullWidth.units.filter { $0.kind == .sentence }.map(\.text) == ["保险定价应当保留。"])
        #expect(fullWidth.notes.count == 2)
        let fullWidthPunctuation = try read(PlainTextReader(), "结语\n保险定价应当保留。\n参考文献\nＣａｒｔｅｒ，Ｍ．（２０１７）．Ｉｎｄｅｘ ｉｎｓｕｒａｎｃｅ．\nＤｉｘｏｎ，Ｌ．（２００６）．Ｍａｒｋｅｔ ｐｅｎｅｔｒａｔｉｏｎ．\n")
        #expect(fullWidthPunctuation.units.map(\.text) == ["结语", "保险定价应当保留。"])
        #expect(fullWidthPunctuation.notes.count == 2)
        // Hard-wrapped: the first entry's year is on its second line, and the second entry opens on its third.
        let wrapped = try read(PlainTextReader(), "结语\n保险定价应当保留。\n参考文献\nCarter, M., de Janvry, A., Sadoulet,\nE. and Sarris, A. (2017). Index insurance.\nDixon, L. and Clancy, N. (2006). Market penetration.\n")
        #expect(wrapped.units.filter { $0.kind == .sentence }.map(\.text) == ["保险定价应当保留。"])
        #expect(!wrapped.notes.isEmpty)
        // Chinese entries closed by full-width full stops read like headings; they do not end the list.
        let chinese = try read(PlainTextReader(), "结语\n保险定价应当保留。\n参考文献\n王名，乐园．中国民间组织参与公共服务购买的模式分析．中共浙江省委党校学报，2008(4)．\n李强，张三．城市治理研究．北京：人民出版社，2015．\n")
        #expect(chinese.units.map(\.text) == ["结语", "保险定价应当保留。"])
        #expect(chinese.notes.count == 2)
        // A references heading over prose whose later line merely names a year stays body text.
        let prose = try read(PlainTextReader(), "References\nWe thank the reviewers for their comments.\nSmith, J. (2020). A later line.\n")
        #expect(prose.notes.isEmpty)
        // A body section whose first sentence cites a work, then goes on in prose, stays body text: after a whole
        // first line only the very next one may open the second entry.
        let cited = try read(PlainTextReader(), "Sources\nWorld Bank (2020) estimates the gap.\nWe use its data.\nThe IMF (2021) agrees.\n")
        #expect(cited.notes.isEmpty && cited.units.filter { $0.kind == .sentence }.count == 3)
    }

    /// A comment's "Thank you," closes it as Sincerely, does; "Thank you." is a sentence, after which the comment goes on.
    @Test func thankYouClosesACommentOnlyWithItsComma() throws {
        let closed = try read(PlainTextReader(), "Dear Chair Smith:\nI oppose the proposed zoning change. It would double traffic on our street.\n\nThank you,\nTamika R.\nDayton, Ohio\n")
        #expect(closed.metadata.fields["signature"] == "Tamika R.; Dayton, Ohio")
        let goesOn = try read(PlainTextReader(), "Dear Commissioners,\nI urge you to reject the proposed rate increase. It would raise bills for seniors.\nThank you.\nPlease vote no.\nProtect our seniors.\nJane Smith\n")
        #expect(goesOn.units.map(\.text).contains("Please vote no.") && goesOn.units.map(\.text).contains("Protect our seniors."))
        #expect(goesOn.metadata.fields["signature"] == "Jane Smith")
    }

    @Test func aLettersFrameBecomesMetadata() throws {
        let doc = try PlainTextReader().read(
            ReaderInput(bytes: try fixture("public-comment.en.txt"), sourcePath: nil, documentID: "public-comment.en"))
        // The salutation and the close stay body sentences (background under the guideline); nothing above the
        // salutation or in the signature block becomes a heading or a sentence.
        #expect(doc.units.map(\.text) == [
            "Dear Commissioners:", "I. Summary", "We support the proposed rule.",
            "Hidden fees raise the real rent by about 6 percent.", "Sincerely,",
        ])
        #expect(doc.units.map(\.kind) == [.sentence, .heading, .sentence, .sentence, .sentence])
        #expect(doc.metadata.fields["subject"] == "Rental Fee Disclosure, Proposed Rule; Docket No. FTC-2026-0001")
        #expect(doc.metadata.fields["letterhead"] == "RIVERSIDE TENANTS' ASSOCIATION; 42 Mill Street · Easton, Ohio 44000; March 3, 2026; Office of the Secretary; Federal Trade Commission")
        #expect(doc.metadata.fields["signature"] == "Ana Ruiz; Chair, Riverside Tenants' Association")
        #expect(doc.metadata.titles.isEmpty)
        #expect(doc.notes.count == 2)
        // A first line that reads as a title is the title; a text that opens "Dear …" has no frame above it, but
        // its signature is one.
        let titled = try read(PlainTextReader(), "Comment on the Proposed Rental Fee Rule\nDear Commissioners,\nWe support it.\n")
        #expect(titled.metadata.titles == ["en": "Comment on the Proposed Rental Fee Rule"])
        #expect(titled.units.map(\.text) == ["Dear Commissioners,", "We support it."])
        let unframed = try read(PlainTextReader(), "Dear colleagues,\nThe meeting moved.\nRegards,\nAna\n")
        #expect(unframed.metadata.fields == ["signature": "Ana"] && unframed.units.map(\.text) == ["Dear colleagues,", "The meeting moved.", "Regards,"])
        // A comment that ends without a close still signs: the short lines after its last sentence are the signature.
        let unsigned = try read(PlainTextReader(), "To whom it may concern,\n\nI oppose the proposed rule. It raises my costs.\n\nThe agency should exempt small landlords. Thank you.\n\nMark T.\nColumbus, OH\n")
        #expect(unsigned.metadata.fields["signature"] == "Mark T.; Columbus, OH")
        #expect(unsigned.units.first?.text == "To whom it may concern," && unsigned.units.last?.text == "Thank you.")
        // So does one without a salutation, when every line above its writer's name ends a sentence; a text with a
        // heading, or whose last line names no person, keeps its lines.
        let bare = try read(PlainTextReader(), "I oppose this rule. It will hurt farmers.\nStop wasting our tax dollars!!!\nBill Hargrove\nRural Route 2, Ogallala NE\n")
        #expect(bare.metadata.fields["signature"] == "Bill Hargrove; Rural Route 2, Ogallala NE" && bare.units.allSatisfy { $0.kind == .sentence })
        let headed = try read(PlainTextReader(), "Background\nThe rule is new. It will hurt farmers.\nBill Hargrove\nOgallala NE\n")
        #expect(headed.metadata.fields["signature"] == nil)
        let unnamed = try read(PlainTextReader(), "The rule is new. It will hurt farmers.\nNext Steps\n")
        #expect(unnamed.metadata.fields["signature"] == nil)
        let slogan = try read(PlainTextReader(), "Mining would poison the lakes. The permits must be denied.\nProtect The Boundary Waters\n")
        #expect(slogan.metadata.fields["signature"] == nil)
        // An essay's byline in lower case, a brief's series line above its title.
        let essay = try read(PlainTextReader(), "Should Voting Be Compulsory?\n\nby J. T. Alvarez\n\nDemocracies pride themselves on government by the people. Yet turnout keeps falling.\n")
        #expect(essay.metadata.authors == ["J. T. Alvarez"] && essay.units.filter { $0.kind == .sentence }.count == 2)
        let brief = try read(PlainTextReader(), "POLICY BRIEF No. 27 | September 2024\nUnlocking Supply: Zoning Reform as Housing Policy\nBy Rachel Ng and Tomás Herrera\n"
            + "Zoning limits supply. Cities should legalize duplexes.\n")
        #expect(brief.metadata.titles["en"] == "Unlocking Supply: Zoning Reform as Housing Policy" && brief.metadata.authors == ["Rachel Ng", "Tomás Herrera"])
        #expect(brief.metadata.fields["date"] == "September 2024" && !brief.units.contains { $0.text.hasPrefix("POLICY BRIEF") })
        // A witness's testimony opens with its head (Testimony of … / Before the … / Hearing on … / date): metadata.
        let testimony = try read(PlainTextReader(), "Testimony of Dr. Elena Marquez\nDirector, Center for Workforce Policy\nBefore the Subcommittee on Higher Education\n"
            + "U.S. House of Representatives\nHearing on \"Modernizing the Workforce Act\"\nMarch 5, 2025\n\nChairman Owens and members of the Subcommittee, thank you. "
            + "The Act's measures reward programs for enrolling easy cases.\n")
        #expect(testimony.metadata.titles["en"] == "Testimony of Dr. Elena Marquez" && testimony.metadata.authors == ["Elena Marquez"])
        #expect(testimony.metadata.fields["date"] == "March 5, 2025" && testimony.metadata.fields["hearing"] == "Hearing on \"Modernizing the Workforce Act\"")
        #expect(testimony.units.allSatisfy { $0.kind == .sentence })
        let work = try read(PlainTextReader(), "Statement of Work\nScope\n\nThe contractor shall deliver the report.\n")
        #expect(work.units.contains { $0.kind == .heading && $0.text == "Statement of Work" })
        // A last short paragraph that asks or argues stays text.
        let asking = try read(PlainTextReader(), "Dear Director,\n\nThe rule is too broad. It should be narrowed.\n\nWhy now?\n")
        #expect(asking.metadata.fields["signature"] == nil)
        // An organisation's name with its small words signs too.
        let organisation = try read(PlainTextReader(), "Dear Commissioners,\n\nI oppose the rule. It raises costs.\n\nThank you.\nJohn Smith\nCoalition for Clean Air\n")
        #expect(organisation.metadata.fields["signature"] == "John Smith; Coalition for Clean Air")
        // Nor does the letter's own last sentence or call (The rule must go. / Please reconsider).
        for ending in ["The rule must go.", "Please withdraw it.", "Please reconsider\nThis matters to us"] {
            let own = try read(PlainTextReader(), "Dear Commissioners,\n\nI oppose the rule. It raises costs for small landlords.\n\n\(ending)\n")
            #expect(own.metadata.fields["signature"] == nil, "\(ending)")
        }
    }

    /// A memorandum's header (TO: / FROM: / DATE: / RE: / CC:) is metadata, not a heading per line; a text that
    /// merely has a "Date:" line is left alone.
    @Test func aMemosHeaderBecomesMetadata() throws {
        let memo = try read(PlainTextReader(), "MEMORANDUM\n\nTO: Mayor Linda Carrasco\nFROM: Office of Budget and Policy Analysis\nDATE: February 6, 2024\nRE: Options for Reducing Police Overtime Costs\nCC: City Manager Tom Reyes\n\nSUMMARY\n\nOvertime reached $31.6 million in FY2023. We recommend a cap.\n")
        #expect(memo.units.map(\.text) == ["SUMMARY", "Overtime reached $31.6 million in FY2023.", "We recommend a cap."])
        #expect(memo.metadata.fields == [
            "to": "Mayor Linda Carrasco", "from": "Office of Budget and Policy Analysis", "date": "February 6, 2024",
            "subject": "Options for Reducing Police Overtime Costs", "cc": "City Manager Tom Reyes", "letterhead": "MEMORANDUM",
        ])
        #expect(memo.metadata.titles == ["en": "Options for Reducing Police Overtime Costs"])
        let wrapped = try read(PlainTextReader(), "TO: Mayor Linda Carrasco\nFROM: Office of Budget\nRE: Options for Reducing Police Overtime Costs in the\n    Coming Fiscal Year\n\nWe recommend a cap.\n")
        #expect(wrapped.metadata.fields["subject"] == "Options for Reducing Police Overtime Costs in the Coming Fiscal Year" && wrapped.units.count == 1)
        let dated = try read(PlainTextReader(), "Date: 2024\nWe recommend a cap.\n")
        #expect(dated.metadata.fields.isEmpty && dated.units.count == 2)
    }

    /// A Chinese report or speech names its title, occasion and speaker in its first lines: they are the document's
    /// metadata, and stay in the text as headings, so that sentence ids and offsets do not move.
    @Test func aSpeechsHeadIsMetadataAndStaysText() throws {
        let report = try read(PlainTextReader(), "政府工作报告\n\n——2024年3月5日在第十四届全国人民代表大会第二次会议上\n\n国务院总理　李　强\n\n各位代表：\n\n现在，我代表国务院，向大会报告政府工作，请予审议。\n")
        #expect(report.metadata.titles == ["zh": "政府工作报告"] && report.metadata.authors == ["李强"])
        #expect(report.metadata.fields == ["occasion": "2024年3月5日在第十四届全国人民代表大会第二次会议上", "byline": "国务院总理 李强"])
        #expect(report.units.first?.text == "政府工作报告" && report.units.count == 5)
        let article = try read(PlainTextReader(), "规则竞争的实质\n——一个分析框架\n本文认为，规则竞争的实质是发展模式之争。\n")
        #expect(article.metadata.fields["occasion"] == nil)
        // Laid out from a web page or Word file, the title comes with its heading mark, which is no part of it.
        let laidOut = try read(PlainTextReader(), "# 政府工作报告\n\n——2024年3月5日在第十四届全国人民代表大会第二次会议上\n\n国务院总理　李　强\n\n各位代表：\n")
        #expect(laidOut.metadata.titles == ["zh": "政府工作报告"] && laidOut.metadata.authors == ["李强"])
        // A numbered heading under the occasion line is no speaker.
        let noSpeaker = try read(PlainTextReader(), "政府工作报告\n——2024年3月5日在第十四届全国人民代表大会第二次会议上\n一、 总体要求\n本文认为，规则竞争的实质是发展模式之争。\n")
        #expect(noSpeaker.metadata.authors.isEmpty && noSpeaker.metadata.fields["byline"] == nil && noSpeaker.metadata.titles == ["zh": "政府工作报告"])
        // Two speakers; and a speech as Xinhua sets it: its title, its date in parentheses, the speaker's name.
        let two = try read(PlainTextReader(), "政府工作报告\n——2024年3月5日在第十四届全国人民代表大会第二次会议上\n国务院总理　李　强\n国务院副总理　丁薛祥\n各位代表：\n")
        #expect(two.metadata.authors == ["李强", "丁薛祥"] && two.metadata.fields["byline"] == "国务院总理 李强; 国务院副总理 丁薛祥")
        let xinhua = try read(PlainTextReader(), "在全国科技大会上的讲话\n（2024年6月24日）\n习近平\n同志们：\n今天，我们召开全国科技大会。\n")
        // A press conference's transcript under its title: the title, its date the occasion (its first line had been a
        // heading only); a heading that merely ends so, above no turn, is none.
        let briefing = try read(PlainTextReader(), "2025年6月10日外交部发言人林剑主持例行记者会\n\n问：据报道，菲方船只再次闯入黄岩岛邻近海域。中方对此有何回应？\n\n答：黄岩岛是中国固有领土。\n")
        #expect(briefing.metadata.titles["zh"] == "2025年6月10日外交部发言人林剑主持例行记者会" && briefing.metadata.fields["occasion"] == "2025年6月10日")
        #expect(briefing.units.first?.kind == .heading)
        let section = try read(PlainTextReader(), "关于新闻发布会\n本文认为，新闻发布会制度是政府信息公开的重要渠道。\n其作用在于回应关切。\n")
        #expect(section.metadata.titles.isEmpty)
        #expect(xinhua.metadata.titles == ["zh": "在全国科技大会上的讲话"] && xinhua.metadata.authors == ["习近平"] && xinhua.metadata.fields["occasion"] == "2024年6月24日")
    }

    /// A Markdown file's YAML front matter (Pandoc, Quarto, Jekyll) is metadata: its lines had been read as body
    /// sentences. Lists, quoted values, a folded abstract and a Chinese title are read; a rule over a passage, or a
    /// header that names nothing about the document, stays text.
    @Test func yamlFrontMatterBecomesMetadata() throws {
        let pandoc = try read(PlainTextReader(), "---\ntitle: \"The Case for Carbon Border Adjustments\"\nauthor:\n  - A. Scholar\n  - B. Writer\ndate: 2024-05-01\nkeywords: [trade, climate]\nabstract: >\n  Border adjustments\n  stop leakage.\n---\n\n# Introduction\n\nWe argue that large economies should adopt them.\n")
        #expect(pandoc.units.map(\.text) == ["Introduction", "We argue that large economies should adopt them."])
        #expect(pandoc.metadata.titles == ["en": "The Case for Carbon Border Adjustments"])
        #expect(pandoc.metadata.authors == ["A. Scholar", "B. Writer"])
        #expect(pandoc.metadata.keywords == ["en": ["trade", "climate"]])
        #expect(pandoc.metadata.abstracts == ["en": "Border adjustments stop leakage."])
        #expect(pandoc.metadata.fields == ["date": "2024-05-01"])
        let chinese = try read(PlainTextReader(), "---\ntitle: 数字贸易规则的竞争\nauthor: 王明\n...\n本文认为，规则竞争的实质是发展模式之争。\n")
        #expect(chinese.metadata.titles == ["zh": "数字贸易规则的竞争"] && chinese.metadata.authors == ["王明"] && chinese.units.count == 1)
        let rule = try read(PlainTextReader(), "---\nWe argue that cities should act.\n---\nThey should act now.\n")
        #expect(rule.metadata.isEmpty && rule.units.map(\.text).contains("We argue that cities should act."))
        let unclosed = try read(PlainTextReader(), "---\ntitle: A\nWe argue that cities should act.\n")
        #expect(unclosed.metadata.titles.isEmpty)
        // Pandoc's author items (name, with an affiliation under it), quoted list items holding commas, escapes,
        // comments, and a nested mapping (format:) passed over.
        let quarto = try read(PlainTextReader(), "---\ntitle: \"She said \\\"no\\\"\" # draft\nauthor:\n  - name: Jane Doe\n    affiliation: MIT\n  - name: 'O''Brien'\neditor: [\"Doe, Jane\", 'Roe, John']\nformat:\n  html:\n    toc: true\ntags: policy; cities\n---\nWe argue that cities should act.\n")
        #expect(quarto.metadata.titles == ["en": "She said \"no\""])
        #expect(quarto.metadata.authors == ["Jane Doe", "O'Brien"])
        #expect(quarto.metadata.fields == ["editor": "Doe, Jane; Roe, John"])
        #expect(quarto.metadata.keywords == ["en": ["policy", "cities"]])
        // Affiliations listed under an author (as items or mappings) are no authors; a name may be given as its parts;
        // a listed keyword keeps its comma, and tags join the keywords; a literal block keeps its paragraphs.
        let nested = try read(PlainTextReader(), "---\ntitle: T\nauthor:\n- name: Norah Jones\n  affiliations:\n  - name: Carnegie Mellon University\n- name:\n    given: John\n    family: Roe\n- name: {given: Li, family: Wei}\n  affiliation:\n    - id: cmu\n      name: CMU\nkeywords: [a, \"b, c\"]\ntags:\n  - d\nabstract: |\n  One.\n\n  Two.\n---\nWe argue that cities should act.\n")
        #expect(nested.metadata.authors == ["Norah Jones", "John Roe", "Li Wei"])
        #expect(nested.metadata.keywords == ["en": ["a", "b, c", "d"]] && nested.metadata.abstracts == ["en": "One.\n\nTwo."])
        // Hugo's TOML header (+++), its tables passed over.
        let hugo = try read(PlainTextReader(), "+++\ntitle = \"Hugo post\"\ndate = 2024-01-01\ntags = [\"a\", \"b\"]\n[params]\nauthor = \"Nobody\"\n+++\n\nWe argue that the rule is wrong.\n")
        #expect(hugo.metadata.titles == ["en": "Hugo post"] && hugo.metadata.keywords == ["en": ["a", "b"]] && hugo.metadata.authors.isEmpty)
        #expect(hugo.metadata.fields == ["date": "2024-01-01"] && hugo.units.map(\.text) == ["We argue that the rule is wrong."])
        // A Markdown file's one level-1 heading on its first line is its title, and stays its heading.
        let markdown = try PlainTextReader().read(ReaderInput(bytes: Array("# Carbon Borders\n\n## Introduction\n\nWe argue that cities should act.\n".utf8), sourcePath: "a.md", documentID: "a"))
        #expect(markdown.metadata.titles == ["en": "Carbon Borders"] && markdown.units.first?.text == "Carbon Borders")
    }

    /// An English translation's title page: the names under the title (with By or without it) over a translator's
    /// line are the authors and the translator, and a keynote's or lecture's occasion is the paper's occasion; none
    /// of their lines becomes a heading.
    @Test func anEnglishTitlePageNamesItsTranslatorAndOccasion() throws {
        let body = "\n\nWe argue that digital sovereignty is a political project. Therefore, states should invest.\n"
        let translated = try read(PlainTextReader(), "The Politics of Digital Sovereignty in Europe\nJohn Smith\nTranslated by Li Wei" + body)
        #expect(translated.metadata.authors == ["John Smith"] && translated.metadata.fields["translator"] == "Li Wei")
        #expect(translated.units.map(\.kind) == [.heading, .sentence, .sentence])
        let from = try read(PlainTextReader(), "The Politics of Digital Sovereignty in Europe\nBy John Smith\nTranslated from the German by Li Wei and Anna Roe" + body)
        #expect(from.metadata.authors == ["John Smith"] && from.metadata.fields["translator"] == "Li Wei, Anna Roe")
        let two = try read(PlainTextReader(), "The Politics of Digital Sovereignty in Europe\nAnna Roe and John Smith\nTranslated by Li Wei" + body)
        #expect(two.metadata.authors == ["Anna Roe", "John Smith"] && two.metadata.fields["translator"] == "Li Wei")
        let keynote = try read(PlainTextReader(), "The Politics of Digital Sovereignty in Europe\nJohn Smith\nKeynote address at the Annual Conference of the European Studies Association, Berlin, 2025" + body)
        #expect(keynote.metadata.authors == ["John Smith"] && keynote.metadata.fields["occasion"]?.hasPrefix("Keynote address at") == true)
        #expect(keynote.units.map(\.kind) == [.heading, .sentence, .sentence])
        // A part of the work over the translator's line is no author (Chapter One, Selected Essays).
        let chapter = try read(PlainTextReader(), "The State and the Market in Europe\nChapter One\nTranslated by Li Wei" + body)
        #expect(chapter.metadata.authors.isEmpty && chapter.units.contains { $0.text == "Chapter One" })
        let essays = try read(PlainTextReader(), "The State and the Market in Europe\nSelected Essays\nTranslated from the French by Anna Roe" + body)
        #expect(essays.metadata.authors.isEmpty && essays.units.contains { $0.text == "Selected Essays" })
        // A sentence that says who translated is no title page's line.
        #expect(FrameLines.englishTranslators("Translated by Li Wei, the text was shortened.") == nil)
        #expect(FrameLines.englishTranslators("Trans. Li Wei") == ["Li Wei"])
    }

    /// A report's title set over two lines at its subtitle's colon, as a CRS cover sets it, is one title and one
    /// heading, and the date under it the document's date; a lead-in that ends with a colon over a list stays text.
    @Test func aTitleWrappedAtItsSubtitlesColonIsOneTitle() throws {
        let cover = try read(PlainTextReader(), "Critical Minerals and U.S. Supply Chains:\nIssues for Congress\n\nUpdated March 12, 2025\n\nSummary\nCritical minerals are essential inputs to defense systems. This report discusses options for Congress.\n")
        #expect(cover.metadata.titles == ["en": "Critical Minerals and U.S. Supply Chains: Issues for Congress"])
        #expect(cover.units.first?.kind == .heading && cover.units.first?.text == "Critical Minerals and U.S. Supply Chains: Issues for Congress")
        #expect(cover.metadata.fields["date"] == "March 12, 2025")
        let leadIn = try read(PlainTextReader(), "The committee makes the following recommendations:\nsupport the states\n\nWe argue that the states need support. Congress should act.\n")
        #expect(leadIn.metadata.titles.isEmpty)
    }

    /// A note number set on a paragraph's closing stop (…the Department of Energy.2) leaves the paragraph closed: the
    /// heading after it is a section of the same level, not a fragment one level down; a decimal still ends open.
    @Test func aNoteNumberOnTheStopClosesTheParagraph() throws {
        let text = "Oil Markets and the Reserve\n\nIntroduction\n\nThe reserve was created in 1975 by the Department of Energy.2\n\nBackground\n\nThe reserve holds crude oil in salt caverns.\n\nIssues for Congress\n\nCongress may consider whether to refill the reserve.\n"
        let document = try read(PlainTextReader(), text)
        #expect(document.sections.map(\.level) == [1, 1, 1, 1])
        let scalars = Array("增长了3.5".unicodeScalars)
        #expect(HeadingDetector.endsOpen(scalars, scalars.indices))
        let stopped = Array("所得。¹²".unicodeScalars)
        #expect(!HeadingDetector.endsOpen(stopped, stopped.indices))
    }

    /// An author's name with a full-width star (王立新＊, as Chinese journals set the mark of the author's note)
    /// confirms the title above it, as one with an ASCII star does.
    @Test func aFullWidthStarAfterTheAuthorIsTheNotesMark() throws {
        for star in ["*", "＊"] {
            let document = try read(PlainTextReader(), "个人信息跨境流动的规制路径：比较与选择\n王立新\(star)\n\n一、引言\n\n个人信息跨境流动日益频繁。本文认为，应当建立分级分类的规制框架。\n")
            #expect(document.metadata.titles == ["zh": "个人信息跨境流动的规制路径：比较与选择"], "\(star)")
        }
    }

    /// YAML keys need not be words: one with a space, in another script or quoted is a key, so that one unusual
    /// key does not send the whole header into the body; a double-quoted value's escapes are resolved. A line of
    /// prose with a colon is still no key.
    @Test func yamlKeysOfAnyShapeAndEscapes() throws {
        let odd = try read(PlainTextReader(), "---\ntitle: Good Title\nweird key: x\n\"date: published\": 2024-01-02\n来源: 新华网\nsubtitle: \"Tab\\there \\u00e9t\\u00e9 \\x41\\/\\q\"\n---\n\nWe argue that governance matters.\n")
        #expect(odd.metadata.titles == ["en": "Good Title"] && odd.units.map(\.text) == ["We argue that governance matters."])
        #expect(odd.metadata.fields == ["weird key": "x", "date: published": "2024-01-02", "来源": "新华网", "subtitle": "Tab\there été A/\\q"])
        let prose = try read(PlainTextReader(), "---\ntitle: T\nWe argue, as others do: cities should act.\n---\nThey should act now.\n")
        #expect(prose.metadata.isEmpty && prose.units.map(\.text).contains("They should act now."))
        // A speaker before a colon, or a quoted sentence, in a block opened by --- is prose, not a key.
        let speaker = try read(PlainTextReader(), "---\nDate: March 5, 2024\nSenator Warren: The merger will raise prices for families\n---\n\nThe committee should block the merger.\n")
        #expect(speaker.metadata.fields["senator warren"] == nil && speaker.units.map(\.text).contains { $0.hasPrefix("Senator Warren:") })
        let quoted = try read(PlainTextReader(), "---\nauthor: Jane Roe\n\"We must act now, before it is too late\": the minister said so\n---\nCities should act.\n")
        #expect(quoted.metadata.authors.isEmpty && quoted.units.map(\.text).contains { $0.hasPrefix("\"We must act now") })
        // A control character written as an escape is kept as written.
        let control = try read(PlainTextReader(), "---\ntitle: \"Bad\\u0001 Title\\0\"\n---\nCities should act.\n")
        #expect(control.metadata.titles == ["en": "Bad\\u0001 Title\\0"])
    }

    /// A paper in Markdown with YAML front matter and an abstract is read as an article, its header as metadata.
    @Test func yamlFrontMatterAboveAnArticle() throws {
        let text = "---\ntitle: Carbon Borders\nauthor: Jane Doe\ndate: 2024-05-01\n---\n\nAbstract: This paper argues that border adjustments are lawful.\n\nKeywords: trade, climate\n\n1. Introduction\n\nWe argue that cities should act.\n"
        let paper = try ArticleReader().read(ReaderInput(bytes: Array(text.utf8), sourcePath: "p.md", documentID: "p"))
        #expect(paper.metadata.titles["en"] == "Carbon Borders" && paper.metadata.authors == ["Jane Doe"])
        #expect(paper.metadata.abstracts["en"] == "This paper argues that border adjustments are lawful.")
        #expect(paper.metadata.fields["date"] == "2024-05-01" && !paper.units.contains { $0.text.contains("---") || $0.text.contains("title:") })
    }

    /// A Federal Register rule's preamble (the agency's header lines, the title, AGENCY: … SUPPLEMENTARY INFORMATION:)
    /// is metadata: the title its title, the summary its abstract, the fields by name; the text begins after it. The
    /// title had run into the AGENCY: line and the header lines had headed empty sections.
    @Test func aFederalRegisterPreambleBecomesMetadata() throws {
        let rule = try PlainTextReader().read(ReaderInput(bytes: try fixture("federal-register-rule.en.txt"), sourcePath: nil, documentID: "rule"))
        #expect(rule.units.map(\.text) == [
            "I. Background", "Trusts hold a growing share of private wealth in the United States.",
            "Between 2015 and 2024 the assets held in domestic trusts doubled, according to the Federal Reserve.",
            "FinCEN believes that the current exemption for small trusts is no longer justified.",
        ])
        #expect(rule.metadata.titles == ["en": "Beneficial Ownership Reporting for Small Trusts"])
        #expect(rule.metadata.abstracts["en"]?.hasPrefix("FinCEN is proposing to require trustees") == true)
        #expect(rule.metadata.fields["agency"] == "Financial Crimes Enforcement Network (FinCEN), Department of the Treasury.")
        #expect(rule.metadata.fields["action"] == "Proposed rule; request for comments.")
        #expect(rule.metadata.fields["dates"] == "Written comments must be received on or before March 3, 2026.")
        #expect(rule.metadata.fields["addresses"]?.hasSuffix("P.O. Box 39, Vienna, VA 22183.") == true)
        #expect(rule.metadata.fields["contact"] == "The FinCEN Regulatory Support Section at 1-800-767-2825.")
        #expect(rule.metadata.fields["header"] == "DEPARTMENT OF THE TREASURY; Financial Crimes Enforcement Network; 31 CFR Part 1010; [Docket No. FINCEN-2025-0004]; RIN 1506-AB99")
        // Without SUPPLEMENTARY INFORMATION: each field is one paragraph, and the text after them is the text's.
        let notice = try read(PlainTextReader(), "AGENCY: Environmental Protection Agency.\nACTION: Notice.\n\nThe agency received 40 comments. Most supported the plan.\n")
        #expect(notice.units.map(\.text) == ["The agency received 40 comments.", "Most supported the plan."])
        #expect(notice.metadata.fields == ["agency": "Environmental Protection Agency.", "action": "Notice."])
        // govinfo's text sets a rule of dashes under ACTION:; a summary may run over paragraphs; a comment that quotes
        // the preamble under its own first paragraph keeps that paragraph.
        let govinfo = try read(PlainTextReader(), "[Rules and Regulations]\n\n-----------------------------------------------------------------------\n\nENVIRONMENTAL PROTECTION AGENCY\n\nAir Plan Approval; Michigan\n\nAGENCY: Environmental Protection Agency (EPA).\n\nACTION: Final rule.\n\n-----------------------------------------------------------------------\n\nSUMMARY: The EPA is approving a plan.\n\nIt keeps ozone low.\n\nDATES: Effective July 22, 2024.\n\nSUPPLEMENTARY INFORMATION:\n\nMichigan submitted the plan in 2023.\n")
        #expect(govinfo.units.map(\.text) == ["Michigan submitted the plan in 2023."])
        #expect(govinfo.metadata.abstracts["en"] == "The EPA is approving a plan. It keeps ozone low.")
        #expect(govinfo.metadata.fields["dates"] == "Effective July 22, 2024." && govinfo.metadata.titles["en"] == "Air Plan Approval; Michigan")
        let comment = try read(PlainTextReader(), "I am a dairy farmer in Ohio and I oppose the proposed rule.\n\nAGENCY: Environmental Protection Agency (EPA).\nACTION: Proposed rule.\n\nThe agency underestimates compliance costs.\n")
        #expect(comment.units.first?.text == "I am a dairy farmer in Ohio and I oppose the proposed rule." && comment.metadata.fields.isEmpty)
        // An AGENCY: line without ACTION: is a text's own.
        let prose = try read(PlainTextReader(), "AGENCY: the capacity to act.\nStructures constrain agency. They do not abolish it.\n")
        #expect(prose.metadata.fields.isEmpty && prose.units.count >= 3)
    }

    @Test func aSourceNoteAndAnOccasionLineBecomeMetadata() throws {
        let report = try read(PlainTextReader(), "一、制裁的代价\n制裁导致药品短缺。\n（本报告所引数据截至2026年10月，资料来源于有关国际组织。）\n")
        #expect(report.units.map(\.text) == ["一、制裁的代价", "制裁导致药品短缺。"])
        #expect(report.metadata.fields["sourceNote"] == "本报告所引数据截至2026年10月，资料来源于有关国际组织。")
        // A parenthesised aside that dates nothing stays in the body.
        let aside = try read(PlainTextReader(), "制裁导致药品短缺。\n（下文第三部分还将讨论这一点。）\n")
        #expect(aside.units.count == 2 && aside.metadata.fields.isEmpty)
        let paper = try read(PlainTextReader(), "Ore and Rent: Minerals in the Transition\nNadia Ferreira and Tom Li\nCentre for Transitions, University of Harrowgate\nPosition paper prepared for the workshop on extraction, November 2025\nThe transition is a mining programme. Demand grows.\n")
        #expect(paper.units.map(\.text) == ["Ore and Rent: Minerals in the Transition", "The transition is a mining programme.", "Demand grows."])
        #expect(paper.metadata.authors == ["Nadia Ferreira", "Tom Li"])
        #expect(paper.metadata.fields["affiliation"] == "Centre for Transitions, University of Harrowgate")
        #expect(paper.metadata.fields["occasion"] == "Position paper prepared for the workshop on extraction, November 2025")
        // Without "prepared", as workshop papers often put it.
        let workshop = try read(PlainTextReader(), "Ore and Rent\nNadia Ferreira\nPosition paper for the workshop “Extraction”, Halvorsen Centre, November 2025\nThe transition is a mining programme.\n")
        #expect(workshop.units.map(\.text) == ["Ore and Rent", "The transition is a mining programme."])
        #expect(workshop.metadata.fields["occasion"] == "Position paper for the workshop “Extraction”, Halvorsen Centre, November 2025")
        // Prose that mentions what a report was prepared for, further down, is a sentence.
        let prose = try read(PlainTextReader(), "Title of the Report\nPrepared for the committee, the study found gaps.\nIt goes on.\n")
        #expect(prose.units.count == 3 && prose.metadata.fields.isEmpty)
        // A Chinese paper's title page (a translation's, its author's name transliterated): the title is the title.
        let chinese = try read(PlainTextReader(), "矿与租——能源转型中的矿产政治\n娜迪娅·费雷拉（Nadia Ferreira）\n哈罗盖特大学转型研究中心\n为“采掘与转型”研讨会撰写的立场文件（哈尔沃森中心，2025年11月）\n能源转型是一项采矿计划。需求在增长。\n")
        #expect(chinese.units.map(\.text) == ["矿与租——能源转型中的矿产政治", "能源转型是一项采矿计划。", "需求在增长。"])
        #expect(chinese.metadata.titles == ["zh": "矿与租——能源转型中的矿产政治"])
        #expect(chinese.metadata.fields["affiliation"] == "哈罗盖特大学转型研究中心")
        #expect(chinese.metadata.fields["occasion"] == "为“采掘与转型”研讨会撰写的立场文件（哈尔沃森中心，2025年11月）")
        #expect(chinese.metadata.authors.count == 1)
        // A sentence that says what the paper is for is prose, with its stop or without: a clause (为此，…; …指出，…;
        // …中，…) is no occasion, nor is a line under a section's heading.
        let chineseProse = try read(PlainTextReader(), "矿与租\n为研讨会撰写的这篇论文认为，转型是一项采矿计划。\n需求在增长。\n")
        #expect(chineseProse.units.count == 3 && chineseProse.metadata.fields.isEmpty)
        for unpunctuated in ["近年来，城市灾害频发。\n为此，我们撰写了这份研究报告\n我们认为，韧性是关键。\n",
                             "城市韧性\n提交给国务院的报告指出，城市韧性亟待提升\n韧性是关键。\n",
                             "城市韧性\n张明\n北京大学\n提交年会的论文中，有三分之一涉及城市韧性\n韧性是关键。\n",
                             "城市韧性治理的理论建构\n一、引言\n为本次研讨会撰写的报告\n韧性是关键。\n",
                             // Headings that name a report (why it was written, its findings, its background).
                             "数字经济发展年度报告\n为何撰写本报告\n近年来，数字经济规模持续扩大。\n",
                             "关于系统性金融风险的研究\n系统性风险监测：提交年度报告的主要发现\n金融风险总体可控。\n",
                             "提高农村养老保障水平\n提交本报告的背景\n当前，农村老龄化程度不断加深。\n",
                             "城市更新政策评估\n张三\n为推动城市更新，市政府准备了本报告\n城市更新成效明显。\n",
                             // A text that opens with a section's heading has no title page.
                             "一、引言\n张三\n为“气候风险的分配”研讨会撰写的立场文件\n洪水保险正在重新定价。\n"] {
            let read = try read(PlainTextReader(), unpunctuated)
            #expect(read.metadata.fields["occasion"] == nil && read.metadata.authors.isEmpty, "\(unpunctuated)")
        }
        // Numbered affiliations are the title page's; a translation's byline says who wrote and who translated, on
        // one line or two, a nationality before a foreign name no part of it.
        let numbered = try read(PlainTextReader(), "算法治理\n李明¹　王芳²\n1. 北京大学法学院　2. 清华大学法学院\n提交中国法学会2024年年会的论文\n算法已深度嵌入社会生活。\n")
        #expect(numbered.metadata.fields["occasion"] == "提交中国法学会2024年年会的论文" && numbered.metadata.authors == ["李明", "王芳"])
        for byline in ["[德]汉斯·穆勒　著　王丽　译\n", "[德]汉斯·穆勒　著\n王丽　译\n", "汉斯·穆勒　著；王丽　译\n", "汉斯·穆勒著　王丽译\n",
                       "作者：汉斯·穆勒　译者：王丽\n", "汉斯·穆勒著；王丽译\n", "汉斯·穆勒 著 / 王丽 译\n"] {
            let translated = try read(PlainTextReader(), "数字主权研究\n" + byline + "柏林自由大学\n为“数字主权”研讨会撰写的立场文件（2024年5月，柏林）\n数字主权是一个新概念。\n")
            #expect(translated.metadata.authors == ["汉斯·穆勒"] && translated.metadata.fields["translator"] == "王丽")
            #expect(translated.metadata.fields["affiliation"] == "柏林自由大学")
        }
    }

    /// The cover sheet of an article CNKI publishes online first (网络首发时间 / 网络首发地址 / 引用格式) is metadata, not
    /// the title and byline; so are an English paper's "To cite this article:" and dates.
    @Test func anOnlineFirstCoverSheetIsMetadata() throws {
        let cover = "网络首发时间：2025-03-12 10:21:33\n网络首发地址：https://link.cnki.net/urlid/11.1343.D.20250311.1520.002\n引用格式：某某．网络空间秩序[J/OL]．某刊．\n【摘要】本文认为秩序在演变。\n【关键词】秩序；治理\n一、引言\n网络空间秩序不断演变。\n"
        let article = try ArticleReader().read(ReaderInput(bytes: Array(cover.utf8), sourcePath: nil, documentID: "a"))
        #expect(article.metadata.titles.isEmpty)
        #expect(article.metadata.fields["onlineFirst"] == "2025-03-12 10:21:33")
        #expect(article.metadata.fields["onlineFirstAddress"] == "https://link.cnki.net/urlid/11.1343.D.20250311.1520.002")
        #expect(article.metadata.fields["citation"] == "某某．网络空间秩序[J/OL]．某刊．")
        #expect(article.units.map(\.text) == ["一、引言", "网络空间秩序不断演变。"])
        // The full cover sheet: 网络首发论文, its fields and boilerplate, then the article's own title and front matter.
        let full = "网络首发论文\n题目：论出口增长的结构性动因\n作者：张三，李四\n网络首发日期：2024-02-01\n网络首发：在编辑部工作流程中，稿件从录用到出版要经历录用定稿等阶段。\n出版确认：纸质期刊编辑部创办与纸质期刊内容一致的网络版。\n论出口增长的结构性动因\n张三　李四\n【摘要】本文研究出口增长。\n【关键词】出口；增长\n一、引言\n本文研究出口问题。\n"
        let covered = try ArticleReader().read(ReaderInput(bytes: Array(full.utf8), sourcePath: nil, documentID: "c"))
        #expect(covered.metadata.titles["zh"] == "论出口增长的结构性动因")
        #expect(covered.metadata.authors == ["张三", "李四"])
        #expect(covered.metadata.abstracts["zh"] == "本文研究出口增长。")
        #expect(covered.metadata.fields["publicationConfirmation"] != nil && covered.metadata.fields["onlineFirstNotice"] != nil)
        #expect(covered.units.map(\.text) == ["一、引言", "本文研究出口问题。"])
        let paper = "Cables and Power\nJane Doe\nTo cite this article: Jane Doe (2021) Cables and power, Journal of Infrastructure, 4:2, 11-29\nPublished online: 12 Mar 2021\nAbstract: Cables matter.\n1. Introduction\nCables carry data.\n"
        let english = try ArticleReader().read(ReaderInput(bytes: Array(paper.utf8), sourcePath: nil, documentID: "p"))
        #expect(english.metadata.titles["en"] == "Cables and Power")
        #expect(english.metadata.fields["onlineFirst"] == "12 Mar 2021")
        #expect(english.metadata.fields["citation"]?.hasPrefix("Jane Doe (2021)") == true)
        #expect(english.units.map(\.text) == ["1. Introduction", "Cables carry data."])
    }

    /// Numbered notes and then a reference list are two lists: the references are notes of their own, not the last
    /// note's continuation lines.
    @Test func notesThenReferencesAreTwoLists() throws {
        let text = "1. Introduction\nAlliances bargain over burdens.[1] Members free-ride.[2]\nNotes\n[1] Communiqué, 2023.\n[2] Declaration,\n2025.\nReferences\nOlson, M. (1966). An economic theory of alliances.\nSandler, T. (1999). The Political Economy of NATO.\n"
        for reader in [ArticleReader() as any DocumentReader, PlainTextReader()] {
            let doc = try read(reader, text)
            #expect(doc.notes.map(\.text) == [
                "Communiqué, 2023.", "Declaration, 2025.", "Olson, M. (1966). An economic theory of alliances.",
                "Sandler, T. (1999). The Political Economy of NATO.",
            ])
            #expect(doc.units.map(\.text) == ["1. Introduction", "Alliances bargain over burdens.[1]", "Members free-ride.[2]"])
        }
    }

    /// Back matter (author information, a disclaimer, acknowledgements, declarations) goes to metadata, not into the
    /// argument; a numbered heading or a references heading after it carries the body or the notes on.
    @Test func backMatterIsMetadata() throws {
        let crs = "Internet Architecture\nIntroduction\nThe internet is layered. Congress could act.\nAuthor Information\n\nLing Zhu\nAnalyst in Telecommunications Policy\n\nDisclaimer\nThis document was prepared by the Congressional Research Service (CRS). It operates solely at the behest of Congress.\n"
        let report = try read(PlainTextReader(), crs)
        #expect(report.units.map(\.text) == ["Internet Architecture", "Introduction", "The internet is layered.", "Congress could act."])
        #expect(report.metadata.fields["authorInformation"] == "Ling Zhu Analyst in Telecommunications Policy")
        #expect(report.metadata.fields["disclaimer"]?.hasPrefix("This document was prepared") == true)
        let paper = "1. Introduction\nCables carry data.\nAcknowledgements\nWe thank the reviewers.\n2. Conclusion\nLicensing is geopolitics.\nDeclaration of competing interest: None.\nReferences\nOlson, M. (1966). An economic theory of alliances.\nSandler, T. (1999). The Political Economy of NATO.\n"
        for reader in [ArticleReader() as any DocumentReader, PlainTextReader()] {
            let doc = try read(reader, paper)
            #expect(doc.units.map(\.text) == ["1. Introduction", "Cables carry data.", "2. Conclusion", "Licensing is geopolitics."])
            #expect(doc.metadata.fields["acknowledgements"] == "We thank the reviewers.")
            #expect(doc.metadata.fields["competingInterests"] == "None.")
            #expect(doc.notes.count == 2)
        }
        let zh = try read(PlainTextReader(), "一、结论\n合作是出路。\n致谢\n感谢匿名评审专家提出的宝贵意见。\n")
        #expect(zh.units.map(\.text) == ["一、结论", "合作是出路。"])
        #expect(zh.metadata.fields["acknowledgements"] == "感谢匿名评审专家提出的宝贵意见。")
        // A thesis's list of the candidate's publications is back matter too, every entry and numbered part of it,
        // never split at its entries' full stops nor linked to the references.
        let thesis = try read(PlainTextReader(), "第五章　结论\n合作是出路。\n\n致  谢\n感谢导师的指导。\n\n攻读硕士学位期间取得的研究成果\n一、发表的学术论文\n"
            + "[1] 陈某某. 数字政府回应性的测量[J]. 电子政务, 2022(6): 33-41.\n二、参与的科研项目\n1. 国家社会科学基金青年项目（22CSH012），主要参与人。\n")
        #expect(thesis.units.map(\.text) == ["第五章　结论", "合作是出路。"])
        #expect(thesis.metadata.fields["publications"]
            == "一、发表的学术论文; [1] 陈某某. 数字政府回应性的测量[J]. 电子政务, 2022(6): 33-41.; 二、参与的科研项目; 1. 国家社会科学基金青年项目（22CSH012），主要参与人。")
        // Without headings after it, the block takes one paragraph and the body goes on; a heading before a colon takes
        // its own line only.
        let comment = try read(PlainTextReader(), "Acknowledgments: I thank my colleagues.\nThe rule is flawed. It raises costs.\nThe Bureau should withdraw it.\n")
        #expect(comment.units.map(\.text) == ["The rule is flawed.", "It raises costs.", "The Bureau should withdraw it."])
        #expect(comment.metadata.fields["acknowledgements"] == "I thank my colleagues.")
        let first = try read(PlainTextReader(), "DISCLAIMER\nThe views are the author's own.\nThe rule is flawed.\nThe Bureau should withdraw it.\n")
        #expect(first.units.map(\.text) == ["The rule is flawed.", "The Bureau should withdraw it."])
        // In a Chinese article the English title block after the acknowledgements is still the English metadata.
        let article = try ArticleReader().read(ReaderInput(bytes: Array("【摘要】本文认为合作重要。\n一、结论\n合作是出路。\n致谢\n感谢评审专家。\nCooperation and Order\nLi Ming\nAbstract: Cooperation matters.\n".utf8), sourcePath: nil, documentID: "a"))
        #expect(article.metadata.fields["acknowledgements"] == "感谢评审专家。")
        #expect(article.metadata.titles["en"] == "Cooperation and Order")
        #expect(article.metadata.abstracts["en"] == "Cooperation matters.")
        // An English paragraph of the body a few lines above the English block, with a Chinese heading and sentence
        // between them, stays body text: the block starts at the title right above the abstract.
        let quoting = try ArticleReader().read(ReaderInput(bytes: Array("【摘要】本文认为合作重要。\n一、引言\n本文认为合作重要。\(String(repeating: "数字经济正在深刻改变各国之间的合作方式与竞争格局。", count: 4))\nAs Joseph Nye argued, soft power matters more than ever in the digital age. Governments should therefore invest in digital diplomacy.\n二、结论\n我们必须加强国际合作。\nCooperation and Order\nAbstract: Cooperation matters.\n".utf8), sourcePath: nil, documentID: "q"))
        #expect(quoting.units.filter { $0.kind == .sentence }.map(\.text) == [
            "本文认为合作重要。", "数字经济正在深刻改变各国之间的合作方式与竞争格局。", "数字经济正在深刻改变各国之间的合作方式与竞争格局。",
            "数字经济正在深刻改变各国之间的合作方式与竞争格局。", "数字经济正在深刻改变各国之间的合作方式与竞争格局。", "As Joseph Nye argued, soft power matters more than ever in the digital age.",
            "Governments should therefore invest in digital diplomacy.", "我们必须加强国际合作。",
        ])
        #expect(quoting.metadata.titles["en"] == "Cooperation and Order" && quoting.metadata.fields["authors.en"] == nil)
        // Nor does a paragraph right above the title open it.
        let prose = try ArticleReader().read(ReaderInput(bytes: Array("【摘要】本文认为合作重要。\n一、结论\n合作是出路。\(String(repeating: "数字经济正在深刻改变各国之间的合作方式与竞争格局。", count: 4))\nAs Joseph Nye argued, soft power matters more than ever in the digital age and beyond it.\nCooperation and Order\nLi Ming\nAbstract: Cooperation matters.\n".utf8), sourcePath: nil, documentID: "p"))
        #expect(prose.units.last?.text == "As Joseph Nye argued, soft power matters more than ever in the digital age and beyond it.")
        #expect(prose.metadata.titles["en"] == "Cooperation and Order" && prose.metadata.fields["authors.en"] == "Li Ming")
        // Acknowledgements at a paper's start end at the first heading with body text after it.
        let early = try read(PlainTextReader(), "Acknowledgements\nThe authors thank the reviewers.\nIntroduction\nZoning rules restrict supply.\nConclusion\nReform is overdue.\n")
        #expect(early.units.map(\.text) == ["Introduction", "Zoning rules restrict supply.", "Conclusion", "Reform is overdue."])
        #expect(early.metadata.fields["acknowledgements"] == "The authors thank the reviewers.")
        // Notes on contributors after the notes list is back matter, not the last note's continuation.
        let tf = try ArticleReader().read(ReaderInput(bytes: Array("Abstract\nCables matter.\n1. Introduction\nCables carry data.[1]\nNotes\n1. A note.\nNotes on contributors\nJane Doe is a lecturer at Somewhere University.\n".utf8), sourcePath: nil, documentID: "tf"))
        #expect(tf.notes.map(\.text) == ["A note."])
        #expect(tf.metadata.fields["authorInformation"] == "Jane Doe is a lecturer at Somewhere University.")
        // A heading-like line with a paragraph after it opens the next section; address lines stay in the block.
        let authors = try read(PlainTextReader(), "About the Authors\nJane Doe\nSenior Fellow, Center for Fiscal Policy\njdoe@example.org\nExecutive Summary\nThe United States faces a deficit. We propose a tax.\n")
        #expect(authors.metadata.fields["authorInformation"] == "Jane Doe Senior Fellow, Center for Fiscal Policy jdoe@example.org")
        #expect(authors.units.map(\.text) == ["Executive Summary", "The United States faces a deficit.", "We propose a tax."])
        // A section about disclaimers in the body is a heading with its text when it is no such heading alone.
        let body = try read(PlainTextReader(), "Disclaimers in Consumer Contracts\nFirms hide fees in fine print.\n")
        #expect(body.units.count == 2 && body.metadata.fields.isEmpty)
    }

    /// A work report's glossary (附：名词解释, then “两重”：… entries) is read as notes, not as sentences to label.
    @Test func aGlossaryIsReadAsNotes() throws {
        let text = "各位代表：\n过去一年，全省经济持续回升向好。\n附：名词解释\n“两重”：国家重大战略实施和重点领域安全能力建设的简称。\n湾长制：以海湾为单元的责任体系。\n"
        for reader in [ArticleReader() as any DocumentReader, PlainTextReader()] {
            let doc = try read(reader, text)
            #expect(doc.units.map(\.text).last == "过去一年，全省经济持续回升向好。")
            #expect(doc.notes.map(\.text) == ["“两重”：国家重大战略实施和重点领域安全能力建设的简称。", "湾长制：以海湾为单元的责任体系。"])
        }
        // Entries a report numbers (1.专精特新：…, 2.…; or （1）…, ①…) are notes as well.
        let numbered = try read(PlainTextReader(), "过去一年，全省经济持续回升向好。\n名词解释\n1.专精特新：指专业化、精细化的中小企业。\n2.首发经济：新产品首发的经济活动。\n3.智改数转：智能化改造、数字化转型的简称。\n")
        #expect(numbered.units.map(\.text) == ["过去一年，全省经济持续回升向好。"])
        #expect(numbered.notes.count == 3)
        // … counting up in one form: the body's (1) after 1. 2. is no entry.
        let body = try read(PlainTextReader(), "名词解释\n1.专精特新：指专业化的中小企业。\n2.首发经济：新产品首发的经济活动。\n\n（1）稳增长：要把稳增长放在更加突出的位置。\n")
        #expect(body.notes.count == 2 && body.units.last?.text == "（1）稳增长：要把稳增长放在更加突出的位置。", "\(body.units.map(\.text))")
        // A section called 名词解释 with prose under it stays body text; a glossary ends at its last entry.
        let prose = try read(PlainTextReader(), "名词解释\n本节解释几个常用的名词，便于读者理解。\n")
        #expect(prose.units.count == 2 && prose.notes.isEmpty)
        let paper = "Cooperation under Uncertainty\nGlossary\nReputation: beliefs about a state's type.\n1. Introduction\nCooperation is puzzling. We argue that reputation matters.\n"
        for reader in [ArticleReader() as any DocumentReader, PlainTextReader()] {
            let doc = try read(reader, paper)
            #expect(doc.notes.map(\.text) == ["Reputation: beliefs about a state's type."])
            #expect(doc.units.suffix(3).map(\.text) == ["1. Introduction", "Cooperation is puzzling.", "We argue that reputation matters."])
        }
    }

    /// A table of contents copied from a report's PDF goes to metadata: read as headings, each entry opened an empty
    /// section before the body began.
    @Test func aTableOfContentsGoesToMetadata() throws {
        let report = """
            Broadband Subsidies: Issues for Congress

            Contents

            Introduction ..................................................... 1
            Federal Programs ................................................. 3

            Figures

            Figure 1. Broadband Availability by State ....................... 4

            Introduction

            Congress has appropriated $65 billion for broadband. Congress should require better maps.

            """
        for reader in [ArticleReader() as any DocumentReader, PlainTextReader()] {
            let doc = try read(reader, report)
            #expect(doc.metadata.fields["contents"] == "Introduction; Federal Programs; Figures; Figure 1. Broadband Availability by State")
            #expect(doc.units.map(\.text).suffix(3) == [
                "Introduction", "Congress has appropriated $65 billion for broadband.", "Congress should require better maps.",
            ])
            #expect(!doc.units.contains { $0.text.hasPrefix("Contents") || $0.text.contains("....") })
        }
        // A white paper's 目录 without page numbers ends where its first entry comes again, as the body's heading.
        let whitePaper = "中国的数字治理\n\n目录\n\n前言\n\n一、坚持以人民为中心\n\n二、完善数字规则\n\n结束语\n\n前言\n\n数字技术深刻改变着人们的生活。\n\n一、坚持以人民为中心\n\n数字治理以人民为中心。\n"
        let doc = try read(PlainTextReader(), whitePaper)
        #expect(doc.metadata.fields["contents"] == "前言; 一、坚持以人民为中心; 二、完善数字规则; 结束语")
        #expect(doc.units.map(\.text) == ["中国的数字治理", "前言", "数字技术深刻改变着人们的生活。", "一、坚持以人民为中心", "数字治理以人民为中心。"])
        // A section named Contents with prose under it stays body text.
        let prose = try read(PlainTextReader(), "Contents\n\nThe contents of the bill are short. It has two sections.\n")
        #expect(prose.units.count == 3 && prose.metadata.fields["contents"] == nil)
    }

    /// The shapes a contents list takes in reports copied from PDFs: lists of figures and tables whose pages start
    /// again, an entry the PDF wrapped, page ranges and appendix pages, a body heading in capitals repeating an
    /// unpaged entry; a table's figures after the contents are no entries.
    @Test func tablesOfContentsInTheirUsualShapes() throws {
        let report = "Water Funding\n\nContents\n\nSummary ........ i\nIntroduction ........ 1\nFederal Programs Serving\nRural Communities ........ 3–5\nAppendix ........ A-1\n\nList of Tables\n\nTable 1. Appropriations ........ 2\n\nIntroduction\n\nCongress funds water systems.\n"
        let doc = try read(PlainTextReader(), report)
        #expect(doc.metadata.fields["contents"]
            == "Summary; Introduction; Federal Programs Serving; Rural Communities; Appendix; List of Tables; Table 1. Appropriations")
        #expect(doc.units.map(\.text) == ["Water Funding", "Introduction", "Congress funds water systems."])
        let unpaged = try read(PlainTextReader(), "目录\n前  言\n一、总体要求\n二、主要任务\n前言\n数字经济发展迅速。\n")
        #expect(unpaged.metadata.fields["contents"] == "前  言; 一、总体要求; 二、主要任务")
        // Pages in brackets, as a white paper's PDF sets them (前言……（1）).
        let bracketed = try read(PlainTextReader(), "新时代的中国水安全\n\n目　　录\n\n前言……………………（1）\n一、水安全形势深刻变化………（3）\n二、节水优先的治水思路………（5）\n结束语………（8）\n前言\n水是生存之本、文明之源。\n一、水安全形势深刻变化\n中国水资源总量约2.8万亿立方米。\n")
        #expect(bracketed.metadata.fields["contents"] == "前言; 一、水安全形势深刻变化; 二、节水优先的治水思路; 结束语", "\(bracketed.metadata.fields)")
        #expect(bracketed.units.map(\.text) == ["新时代的中国水安全", "前言", "水是生存之本、文明之源。", "一、水安全形势深刻变化", "中国水资源总量约2.8万亿立方米。"])
        let table = try read(PlainTextReader(), "目录\n一、回顾 …… 1\n二、目标 …… 5\n\n主要预期目标\n城镇新增就业（万人）    1200\n")
        #expect(table.metadata.fields["contents"] == "一、回顾; 二、目标")
        #expect(table.units.map(\.text).contains("城镇新增就业（万人）    1200") || table.units.contains { $0.text.hasPrefix("城镇新增就业") })
    }

    /// A GAO report's front as pdftotext leaves it: title page, contents, a rights notice, page feet numbered in
    /// Roman then Arabic figures, then the transmittal letter's address block, date, addressee and salutation. None
    /// of it is argument: the first sentence of the letter's body opens the text.
    @Test func aReportsTransmittalLetterAndRightsNoticeGoToMetadata() throws {
        let foot = { (page: String) in "Page \(page)                GAO-24-105123  Broadband Access" }
        let text = [
            "United States Government Accountability Office", "", "BROADBAND ACCESS", "",
            "Contents", "", "Letter           1", "Background       4", "Conclusions      9", "",
            "This is a work of the U.S. government and is not subject to copyright protection in the United States.", "",
            foot("i") + "\u{0C}", "441 G St. N.W.", "Washington, DC 20548", "", "May 1, 2024", "",
            "The Honorable Maria Cantwell", "Chair", "Committee on Commerce, Science, and Transportation", "United States Senate", "",
            "Dear Madam Chair:", "", "Rural households still lack affordable broadband service. FCC has spent $9 billion.", "",
            foot("1") + "\u{0C}", "Background", "", "The fund was established in 1996. USAC administers it.", "",
            foot("2") + "\u{0C}", "Conclusions", "", "FCC's oversight is weak.", "",
        ].joined(separator: "\n")
        let doc = try read(PlainTextReader(), text)
        #expect(doc.metadata.fields["rights"]?.hasPrefix("This is a work of the U.S. government") == true)
        #expect(doc.metadata.fields["letterhead"] == "441 G St. N.W.; Washington, DC 20548; May 1, 2024; The Honorable Maria Cantwell; Chair; Committee on Commerce, Science, and Transportation; United States Senate")
        #expect(doc.metadata.fields["salutation"] == "Dear Madam Chair:")
        #expect(doc.units.filter { $0.kind == .sentence }.first?.text == "Rural households still lack affordable broadband service.")
        #expect(!doc.units.contains { $0.text.hasPrefix("Page ") })
        // A sentence about copyright is no rights notice; a letter in a paper without a report's front matter, or
        // with prose right above its salutation, is no transmittal letter.
        let law = try read(PlainTextReader(), "Copyright Reform\n\nCopyright law changed in 1998 when Congress extended terms.\nWe argue it went too far.\n")
        #expect(law.metadata.fields["rights"] == nil && law.units.contains { $0.text.hasPrefix("Copyright law changed") })
        let letterInPaper = try read(PlainTextReader(), (1...20).map { "Paragraph \($0) says something here." }.joined(separator: "\n")
            + "\n\n2. An Early Letter\n\n12 Main Street\nSpringfield, IL 62701\nMay 3, 1921\n\nDear Mr. Smith,\n\nWe must act now.\n")
        #expect(letterInPaper.metadata.fields["salutation"] == nil && letterInPaper.units.contains { $0.text == "Dear Mr. Smith," })
        let quoted = try read(PlainTextReader(), (1...20).map { "Paragraph \($0) says something here." }.joined(separator: "\n") + "\nThe senator wrote on 3 May 2021 as follows.\nDear colleagues,\nWe must act.\n")
        #expect(quoted.metadata.fields["salutation"] == nil && quoted.units.contains { $0.text == "Dear colleagues," })
    }

    /// Contents whose pages follow a single space, as a page copied from the web reads, go to metadata when at least
    /// three entries' pages never go back; a short list of numbered items under a Contents heading stays body text.
    @Test func singleSpacedContentsGoToMetadata() throws {
        let report = "Housing Affordability\n\nContents\n\nSummary 1\nIntroduction 3\nRising Rents 5\nPolicy Options 9\n\nSummary\n\nRents rose 8 percent in 2023.\n"
        let doc = try read(PlainTextReader(), report)
        #expect(doc.metadata.fields["contents"] == "Summary; Introduction; Rising Rents; Policy Options")
        #expect(doc.units.map(\.text) == ["Housing Affordability", "Summary", "Rents rose 8 percent in 2023."])
        let zh = try read(PlainTextReader(), "统计公报解读\n\n目录\n\n一、综合 1\n二、农业 4\n三、工业 6\n\n一、综合\n\n全年国内生产总值比上年增长5.2%。\n")
        #expect(zh.metadata.fields["contents"] == "一、综合; 二、农业; 三、工业")
        // Pages that go back, or items that end sentences, are no contents.
        let back = try read(PlainTextReader(), "Contents\n\nPhase 3\nPhase 1\nPhase 2\n\nThe plan has three phases.\n")
        #expect(back.metadata.fields["contents"] == nil)
        let sentences = try read(PlainTextReader(), "Contents\n\nIt held 3\nWe found 4.\nThey saw 5\n\nThe box held items.\n")
        #expect(sentences.metadata.fields["contents"] == nil)
    }

    /// A list of abbreviations (Abbreviations, Acronyms, 缩略语) is read as notes like a glossary, its terms set off by a
    /// colon, a tab or a run of spaces; a section of that name with prose under it stays body text.
    @Test func aListOfAbbreviationsIsReadAsNotes() throws {
        let text = "Broadband Programs\n\nAbbreviations\n\nFCC        Federal Communications Commission\nNTIA\tNational Telecommunications and Information Administration\n\nUSDA: U.S. Department of Agriculture\n\nIntroduction\n\nFifteen agencies run broadband programs.\n"
        for reader in [ArticleReader() as any DocumentReader, PlainTextReader()] {
            let doc = try read(reader, text)
            #expect(doc.notes.count == 3)
            #expect(doc.units.map(\.text).suffix(2) == ["Introduction", "Fifteen agencies run broadband programs."])
        }
        let zh = try read(PlainTextReader(), "报告\n\n缩略语\nWTO  世界贸易组织\nRCEP  区域全面经济伙伴关系协定\n\n一、引言\n\n区域合作不断深化。\n")
        #expect(zh.notes.count == 2)
        let prose = try read(PlainTextReader(), "Abbreviations\n\nThe report spells out every abbreviation at first use.\n")
        #expect(prose.notes.isEmpty && prose.units.count == 2)
        // A meaning the PDF wrapped goes on in its column; unit signs are terms; a numbered heading ends the list;
        // prose with two spaces after a full stop is no entry.
        let wrapped = try read(PlainTextReader(), "Report\n\nAbbreviations\nARPA       Advanced Research Projects Agency and the programs of\n           the Department of Defense\n°C         degrees Celsius\nGDP  gross domestic product\n1  Introduction\nWe study prices.\n")
        #expect(wrapped.notes.count == 4)
        #expect(wrapped.units.map(\.text) == ["Report", "1  Introduction", "We study prices."])
        let terms = try read(PlainTextReader(), "Glossary\n\nWe use few terms.  Each is defined below.\n")
        #expect(terms.notes.isEmpty)
    }

    @Test func longChineseTitleOnTheFirstLineIsAHeading() throws {
        let title = "关于2025年国民经济和社会发展计划执行情况与2026年国民经济和社会发展计划草案的报告"
        let doc = try read(PlainTextReader(), title + "\n受国务院委托，现将计划草案提请审查。\n" + title + "\n")
        #expect(doc.units.map(\.kind) == [.heading, .sentence, .sentence])
    }

    @Test func sameInputSameIds() throws {
        let text = "Title\nOne sentence. Two sentences.\n中文句子。另一句。\n"
        #expect(try read(PlainTextReader(), text) == read(PlainTextReader(), text))
    }

    @Test func textBeforeAnyHeadingOpensAnUnheadedSection() throws {
        let doc = try read(PlainTextReader(), "这是第一段，没有标题。第二句。\n")
        #expect(doc.sections == [Section(id: "d1", level: 1, heading: nil, parent: nil)])
    }

    /// A line of nothing but marks (a break between parts, a rule, a stray full stop) is neither a heading that opens
    /// a section nor a sentence to label.
    @Test func aLineOfMarksIsNoHeadingAndNoSentence() throws {
        let doc = try read(PlainTextReader(), "Courts and platforms\n\nRegulators must act now.\n\n* * *\n\n---\n\n———\n\n。\n\n……\n\nThey should start today.\n")
        #expect(doc.units.map(\.text) == ["Courts and platforms", "Regulators must act now.", "They should start today."])
        #expect(doc.sections.count == 1)
        #expect(doc.validate().isEmpty)
    }

    /// Bulleted items are lines of text and rows of figures set in columns a table, not a section each (a report's
    /// sections were titled "West 5.1 5.6 9.5%").
    @Test func bulletsAndFigureRowsOpenNoSections() throws {
        let doc = try read(PlainTextReader(), "一、现状\n各地区发展不平衡。\n• 加大财政投入\n• 完善基础设施\nEast    12.3    13.5    9.8%\nWest    5.1    5.6    9.5%\n二、对策\n各国应当加强合作。\n")
        #expect(doc.units.filter { $0.kind == .heading }.map(\.text) == ["一、现状", "二、对策"])
        #expect(doc.units.filter { $0.kind == .caption }.map(\.text) == ["East    12.3    13.5    9.8%", "West    5.1    5.6    9.5%"])
        #expect(doc.units.filter { $0.kind == .sentence }.map(\.text) == ["各地区发展不平衡。", "• 加大财政投入", "• 完善基础设施", "各国应当加强合作。"])
        // The private-use bullet pdftotext leaves for a Word document's list is a bullet too.
        let word = try read(PlainTextReader(), "Findings\nThe review found these.\n\u{F0B7} Curbside demand has tripled since 2015\n\u{F0B7} Vans double-park\nEnd\nThat is all.\n")
        #expect(word.units.filter { $0.kind == .heading }.map(\.text) == ["Findings", "End"])
    }

    @Test func paragraphLanguages() throws {
        let doc = try read(PlainTextReader(), "中文段落，讨论网络治理。\nAn English paragraph about governance.\n中国提出倡议。The European Union disagreed with it entirely.\n")
        #expect(doc.paragraphs.map(\.language) == [.zh, .en, .mixed])
        #expect(doc.units.suffix(2).map(\.language) == [.zh, .en])
        // A Chinese frame around English words is the Chinese writer's sentence (mixed, for the Chinese labellers);
        // an English sentence quoting a Chinese term stays English.
        let framed = try read(PlainTextReader(), "约瑟夫·奈指出：“Soft power is the ability to get what you want through attraction rather than coercion.”例如，the European Union adopted the Digital Services Act in 2022. The term “天下” names an order that the authors of this essay read as a claim to universal rule.\n")
        #expect(framed.units.map(\.language) == [.mixed, .mixed, .en])
        let table = try SentenceTableReader().read(ReaderInput(bytes: Array("id\ttext\ns1\t例如，the European Union adopted the Digital Services Act in 2022.\n".utf8), sourcePath: nil, documentID: "t"))
        #expect(table.units.map(\.language) == [.mixed])
        // Full-width English (typed with a Chinese input method) is English.
        #expect(LanguageDetector.detect("Ｔｈｅ ｇｏｖｅｒｎｍｅｎｔ ｓｈｏｕｌｄ ａｃｔ ｎｏｗ.") == .en)
    }
}

struct SentenceLinesReaderTests {
    @Test func keepsSegmentationExactly() throws {
        let doc = try read(SentenceLinesReader(), "# 一、引言\n这是第一句。这仍是第一行。\nSecond line. Still second.\n\n新段落。\n")
        #expect(doc.units.map(\.text) == ["一、引言", "这是第一句。这仍是第一行。", "Second line. Still second.", "新段落。"])
        #expect(doc.units.map(\.kind) == [.heading, .sentence, .sentence, .sentence])
        #expect(doc.units[1].paragraph == doc.units[2].paragraph)
        #expect(doc.units[3].paragraph != doc.units[2].paragraph)
        #expect(doc.units[0].start == 2)
    }
}

/// A sentence table is read as segmented, under its own ids, as the labelled corpora ship it.
struct SentenceTableReaderTests {
    static let table = "id\tpara\tkind\ttext\ns1\tp1\tHEAD\t一、引言\ns2\tp2\tS\t本文认为合作是出路。这仍是一句。\ns3\tp2\tS\tIt grew by 8%.\ns5\tp3\tS\t例如，某国加强了对话。\n"

    func table(_ text: String) throws(DocumentReadError) -> Document {
        try SentenceTableReader().read(ReaderInput(bytes: Array(text.utf8), sourcePath: "t_sentences.tsv", documentID: "t"))
    }

    func refusal(_ text: String) -> String {
        do { _ = try table(text); return "" } catch { return error.description }
    }

    @Test func keepsSegmentationIDsAndParagraphs() throws {
        let doc = try table(Self.table)
        #expect(doc.units.map(\.id) == ["s1", "s2", "s3", "s5"])
        #expect(doc.units.map(\.kind) == [.heading, .sentence, .sentence, .sentence])
        #expect(doc.units[1].text == "本文认为合作是出路。这仍是一句。")
        #expect(doc.units[1].paragraph == doc.units[2].paragraph && doc.units[3].paragraph != doc.units[2].paragraph)
        #expect(doc.units.map(\.language) == [.zh, .zh, .en, .zh])
        #expect(doc.sections.first?.heading == "s1")
        // Offsets point at each text cell of the file.
        let scalars = Array(Self.table.unicodeScalars)
        for unit in doc.units {
            #expect(String(String.UnicodeScalarView(scalars[unit.start..<unit.end])) == unit.text)
        }
        #expect(doc.validate().isEmpty)
        #expect(doc.units.allSatisfy { $0.annotation.label == nil })
    }

    @Test func readsAsItsSentenceLinesDo() throws {
        let lines = "# 一、引言\n\n本文认为合作是出路。这仍是一句。\nIt grew by 8%.\n\n例如，某国加强了对话。\n"
        let fromLines = try SentenceLinesReader().read(ReaderInput(bytes: Array(lines.utf8), sourcePath: nil, documentID: "t"))
        let fromTable = try table(Self.table)
        #expect(fromTable.units.map(\.text) == fromLines.units.map(\.text))
        #expect(fromTable.units.map(\.paragraph) == fromLines.units.map(\.paragraph))
        #expect(fromTable.paragraphs.map(\.language) == fromLines.paragraphs.map(\.language))
        #expect(fromTable.sections.map(\.level) == fromLines.sections.map(\.level))
        // Numbered headings nest alike in both: 第一章 › 一、, as a text's reading nests them.
        let nestedLines = "# 第一章　总论\n\n# 一、发展环境\n\n当前发展仍处于重要战略机遇期。\n"
        let nestedTable = "id\tpara\tkind\ttext\nh1\t1\tHEAD\t第一章　总论\nh2\t2\tHEAD\t一、发展环境\ns1\t3\tS\t当前发展仍处于重要战略机遇期。\n"
        let nestedFromLines = try SentenceLinesReader().read(ReaderInput(bytes: Array(nestedLines.utf8), sourcePath: nil, documentID: "n"))
        let nestedFromTable = try table(nestedTable)
        #expect(nestedFromLines.sections.map(\.level) == [1, 2])
        #expect(nestedFromTable.sections.map(\.level) == [1, 2])
    }

    /// A table whose ids are the reader's own paragraph and section ids (p1, p2, d1, …) gets paragraphs and sections
    /// numbered otherwise, so that every id of the document is its own (TEI's xml:ids must be).
    @Test func idsLikeParagraphAndSectionIDsStayApart() throws {
        let doc = try table("id\tpara\tkind\ttext\nd1\t0\tHEAD\tIntroduction\np1\tA\tS\tWe argue that policy matters.\np2\tA\tS\tFor example, Finland raised spending.\npara1\tB\tS\tTherefore, states should invest.\n")
        #expect(doc.units.map(\.id) == ["d1", "p1", "p2", "para1"])
        let ids = doc.units.map(\.id) + doc.paragraphs.map(\.id) + doc.sections.map(\.id)
        #expect(Set(ids).count == ids.count)
        #expect(doc.paragraphs.map(\.id) == ["par1", "par2", "par3"] && doc.sections.map(\.id) == ["div1"])
        #expect(doc.units.map(\.paragraph) == ["par1", "par2", "par2", "par3"] && doc.units.allSatisfy { $0.section == "div1" })
        #expect(doc.validate().isEmpty)
        // A table of other ids keeps the reader's own numbering.
        #expect(try table(Self.table).paragraphs.map(\.id).allSatisfy { $0.hasPrefix("p") && !$0.hasPrefix("par") })
    }

    /// Columns in any order, a byte-order mark, Windows line ends, numeric ids, a label column, one doc_id, no para
    /// column, and tabs inside a last text column.
    @Test func toleratesTheTablesPeopleHave() throws {
        let doc = try table("\u{FEFF}Text\tID\tlabel\tdoc_id\r\nA claim.\t7\tclaim\tD1\r\nA second one.\t8\tevidence\tD1\r\n")
        #expect(doc.units.map(\.id) == ["s7", "s8"])
        #expect(doc.paragraphs.count == 1)
        #expect(doc.units.allSatisfy { $0.annotation.label == nil })
        let tabbed = try table("id\ttext\ns1\tA cell\twith a tab.\n")
        #expect(tabbed.units.map(\.text) == ["A cell\twith a tab."])
    }

    /// A corpus table is read one document at a time, each under its own unit ids and with offsets in the file, from
    /// the lines `parts(of:)` found for it.
    @Test func aCorpusTableIsReadDocumentByDocument() throws {
        let corpus = "\u{FEFF}doc_id\tunit_id\ttext\tlabel\r\na:1\ts1\t我们应当行动。\tclaim\r\n b/2 \ts1\tIt rose.\tevidence\r\n\r\nb/2\ts2\tFor example, Chile.\texample\r\na:1\ts2\tIt works.\tevidence\r\n"
        let reader = SentenceTableReader()
        let parts = try reader.parts(of: Array(corpus.utf8))
        #expect(parts.map(\.id) == ["a:1", "b/2"])
        #expect(parts.map { $0.lines.map(\.number) } == [[0, 1, 5], [0, 2, 4]])
        #expect(try reader.parts(of: Array(Self.table.utf8)) == [])
        func part(_ k: Int) throws(DocumentReadError) -> Document {
            try reader.read(ReaderInput(bytes: Array(corpus.utf8), sourcePath: nil, documentID: parts[k].id, part: parts[k]))
        }
        let first = try part(0)
        #expect(first.units.map(\.text) == ["我们应当行动。", "It works."])
        #expect(try part(1).units.map(\.id) == ["s1", "s2"])
        // Offsets point into the whole file (the byte-order mark not counted), as for a table read whole.
        let scalars = Array(corpus.unicodeScalars.dropFirst())
        for unit in first.units + (try part(1)).units {
            #expect(String(String.UnicodeScalarView(scalars[unit.start..<unit.end])) == unit.text)
        }
        // A part the file no longer holds where it was found is named, not misread.
        #expect(throws: DocumentReadError.self) {
            try reader.read(ReaderInput(bytes: Array("doc_id\ttext\n".utf8), sourcePath: nil, documentID: "a:1", part: parts[0]))
        }
    }

    @Test func refusesWhatItCannotRead() throws {
        #expect(refusal("").contains("the file is empty"))
        #expect(refusal("id\tpara\tkind\ttext\n").contains("no sentences found"))
        #expect(refusal("sentence\tlabel\nA claim.\tclaim\n").contains("line 1: a sentence table's header names its columns, among them id and text (this one has sentence, label)"))
        #expect(refusal("id\tpara\tkind\ttext\ns1\tp1\tS\n").contains("line 2: the row has 3 columns and the header 4"))
        #expect(refusal("id\tlabel\tparent\trelation\ns1\tclaim\tROOT\t-\n").contains("line 1: this is a label table"))
        // A tab inside a text that is not the last column would cut it: refused, not read short.
        #expect(refusal("id\ttext\tpara\ns1\tWe argue that rents\tprices must be indexed.\tp1\n").contains("line 2: the row has 4 columns and the header 3"))
        #expect(try table("id\ttext\tpara\ns1\tOne.\tp1\t\n").units.map(\.text) == ["One."])
        #expect(refusal("id\ttext\ns1\tOne.\ns1\tTwo.\n").contains("line 3: the id s1 is taken already (line 2)"))
        #expect(refusal("id\ttext\n1\tOne.\ns1\tTwo.\n").contains("line 3: the id s1 is taken already (line 2)"))
        #expect(refusal("id\ttext\n\tOne.\n").contains("line 2: the row has no id"))
        #expect(refusal("id\ttext\ns 1\tOne.\n").contains("holds a space"))
        #expect(refusal("id\tkind\ttext\ns1\tS\t \n").contains("line 2: sentence s1 has no text"))
        #expect(refusal("doc_id\tunit_id\ttext\na\ts1\tOne.\nb\ts1\tTwo.\n").contains("line 3: a second document (doc_id b after a)"))
        #expect(refusal("doc_id\tunit_id\ttext\na\ts1\tOne.\n \ts2\tTwo.\n").contains("line 3: the doc_id is empty"))
        #expect(refusal("id\tkind\ttext\ns1\tHEAD\t标题\n").contains("no sentences found"))
        // An empty heading row stays, so that every row of the table has its unit.
        #expect(try table("id\tkind\ttext\ns1\tHEAD\t \ns2\tS\tOne.\n").units.map(\.id) == ["s1", "s2"])
    }
}

struct BadInputTests {
    static let utf16LittleEndianWithMark: [UInt8] = [0xFF, 0xFE] + "It rose.".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
    static let utf16BigEndian: [UInt8] = "It rose again.".utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
    /// Chinese in UTF-16 without a mark: NULs only in its line breaks, so no NUL at every other place.
    static let chinese = "一年来，我们坚持稳中求进工作总基调。\n经济回升向好，高质量发展扎实推进。\n"
    static let chineseUTF16LittleEndian: [UInt8] = chinese.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
    static let chineseUTF16BigEndian: [UInt8] = chinese.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
    static let strayByte: [UInt8] = Array("好的\n第二行".utf8) + [0xFF]
    static let shortWithStrayByte: [UInt8] = Array("好\n".utf8) + [0xFF]
    static let latin1: [UInt8] = Array("caf".utf8) + [0xE9] + Array(" au lait, cr".utf8) + [0xE8, 0x6D, 0x65]
    /// A long Chinese text in UTF-8 with a pasted byte on seven of its lines: still a few bytes to retype, where
    /// converting the whole file from GB18030, as a fixed count of three had advised, garbles it.
    static let curlyQuotesAndPastedApostrophes: [UInt8] = Array("“Cities” and “towns”".utf8) + [0x92, 0x0A]
        + Array("The “council” said “yes”, “no” and “maybe”".utf8) + [0x92, 0x20, 0x92, 0x20, 0x92, 0x0A]
    static let longWithSevenStrayBytes: [UInt8] = (1...20).flatMap { n -> [UInt8] in
        Array(String(repeating: "经济回升向好，高质量发展扎实推进。", count: 3).utf8) + (n <= 7 ? [0xFF] : []) + [0x0A]
    }

    @Test(arguments: [
        ([UInt8](), DocumentReadError.empty),
        (Array("  \n\n\t \n".utf8), .empty),
        ([0x41, 0x00, 0x42], .binary(byteOffset: 1)),
        // A stray byte in UTF-8 text is mended where it stands, not by converting the whole file.
        (BadInputTests.strayByte, .strayBytes(byteOffset: 16, lines: [2], count: 1)),
        (BadInputTests.shortWithStrayByte, .invalidUTF8(byteOffset: 4, line: 2)),
        (BadInputTests.longWithSevenStrayBytes, .strayBytes(byteOffset: 153, lines: [1, 2, 3, 4, 5, 6], count: 7)),
        // Curly quotes beside four apostrophes pasted from Windows-1252: mended where they stand, not converted whole.
        (BadInputTests.curlyQuotesAndPastedApostrophes, .strayBytes(byteOffset: 28, lines: [1, 2], count: 4)),
        (BadInputTests.latin1, .invalidUTF8(byteOffset: 3, line: 1)),
        (BadInputTests.chineseUTF16LittleEndian, .utf16(bigEndian: false)),
        (BadInputTests.chineseUTF16BigEndian, .utf16(bigEndian: true)),
        ([0xE4, 0xB8], .invalidUTF8(byteOffset: 0, line: 1)),
        ([0xC0, 0xAF], .invalidUTF8(byteOffset: 0, line: 1)),
        ([0xED, 0xA0, 0x80], .invalidUTF8(byteOffset: 0, line: 1)),
        (BadInputTests.utf16LittleEndianWithMark, .utf16(bigEndian: false)),
        (BadInputTests.utf16BigEndian, .utf16(bigEndian: true)),
        // UTF-32 with its mark is named as such, not as UTF-16 with a command that would garble it.
        ([0xFF, 0xFE, 0, 0] + "It rose.".unicodeScalars.flatMap { [UInt8($0.value & 0xFF), 0, 0, 0] }, .utf32(bigEndian: false)),
        ([0, 0, 0xFE, 0xFF, 0, 0, 0, 0x41], .utf32(bigEndian: true)),
    ])
    func rejected(_ bytes: [UInt8], _ expected: DocumentReadError) {
        #expect(throws: expected) {
            try PlainTextReader().read(ReaderInput(bytes: bytes, sourcePath: nil, documentID: "x"))
        }
    }

    /// Five lines are named, and a sixth says there are more.
    @Test func strayBytesNameFiveLinesAndSayThereAreMore() {
        let message = DocumentReadError.strayBytes(byteOffset: 153, lines: [1, 2, 3, 4, 5, 6], count: 7).description
        #expect(message.hasPrefix("lines 1, 2, 3, 4, 5, …: 7 bytes that are not UTF-8"))
    }

    /// A long line is measured in characters, as its limit is: a Chinese character is one, not its three bytes.
    @Test func aHugeChineseLineIsMeasuredInCharacters() {
        let bytes = Array(String(repeating: "长", count: 1_000_100).utf8)
        #expect {
            try PlainTextReader().read(ReaderInput(bytes: bytes, sourcePath: nil, documentID: "x"))
        } throws: { error in
            guard case DocumentReadError.lineTooLong(_, let length, _) = error else { return false }
            return length == 1_000_100
        }
    }

    @Test func hugeLine() {
        let bytes = Array(repeating: UInt8(ascii: "a"), count: 2_000_100)
        #expect {
            try PlainTextReader().read(ReaderInput(bytes: bytes, sourcePath: nil, documentID: "x"))
        } throws: { error in
            guard case DocumentReadError.lineTooLong(let line, let length, _) = error else { return false }
            return line == 1 && length >= 2_000_000
        }
    }

    /// Markdown footnotes: a definition ([^1]: …, [^label]: …) is a note wherever it stands, its reference links the
    /// sentence to it, and a one-sentence paragraph closing on a reference is a sentence, not a heading.
    @Test func markdownFootnotesAreNotes() throws {
        let text = """
            # Harbour Policy

            The tax was repealed in 1851. Merchants did not gain.[^merchants]

            [^merchants]: As the guild's minutes show.

            According to the ledger, fees fell by 12% in 1852.[^1]

            [^1]: Harbour ledger, 1852, p. 4.
            """
        let doc = try read(PlainTextReader(), text)
        #expect(doc.units.map(\.text) == [
            "Harbour Policy", "The tax was repealed in 1851.", "Merchants did not gain.[^merchants]",
            "According to the ledger, fees fell by 12% in 1852.[^1]",
        ])
        #expect(doc.units.map(\.kind) == [.heading, .sentence, .sentence, .sentence])
        #expect(doc.notes.map(\.marker) == ["merchants", "1"])
        #expect(doc.notes.map(\.text) == ["As the guild's minutes show.", "Harbour ledger, 1852, p. 4."])
        #expect(doc.units[2].noteRefs == ["n1"] && doc.units[3].noteRefs == ["n2"])
    }

    /// Text with old-Mac line ends (a CR alone) is read line by line as with LF or CRLF: each line is counted
    /// against the length limit and in error messages, instead of the whole file being one over-long line.
    @Test func carriageReturnsEndLines() throws {
        let paragraph = String(repeating: "This sentence is one of many in a long paragraph. ", count: 400)
        let text = "Title of the report\n\n" + paragraph + "\n\nSecond paragraph here. It has two sentences.\n"
        let lf = try read(PlainTextReader(), text)
        let cr = try read(PlainTextReader(), text.replacingOccurrences(of: "\n", with: "\r"))
        let crlf = try read(PlainTextReader(), text.replacingOccurrences(of: "\n", with: "\r\n"))
        #expect(cr.units.map(\.text) == lf.units.map(\.text))
        #expect(crlf.units.map(\.text) == lf.units.map(\.text))
        #expect(cr.paragraphs.count == lf.paragraphs.count)
        // 30,000 lines of 50 characters: 1.5 million in all, but no line over the limit.
        let many = Array(String(repeating: String(repeating: "x", count: 49) + ".\r", count: 30_000).utf8)
        #expect(throws: Never.self) { try TextDecoder.decode(many) }
        #expect(throws: DocumentReadError.invalidUTF8(byteOffset: 6, line: 3)) {
            try TextDecoder.decode(Array("好\r\r\n".utf8) + [0xFF])
        }
        // A byte pasted among good characters is named at its line, counted the same way.
        #expect(throws: DocumentReadError.strayBytes(byteOffset: 12, lines: [3], count: 1)) {
            try TextDecoder.decode(Array("好的\r好\r\n".utf8) + [0xFF])
        }
    }

    /// A one-line comment without final punctuation looks like a title; with nothing after it, its lines are the
    /// text's sentences rather than headings of an empty document.
    @Test func headingLikeLinesOnlyAreSentences() throws {
        let comment = try read(PlainTextReader(), "Ban all debt buyers now\n")
        #expect(comment.units.map(\.kind) == [.sentence])
        #expect(comment.units[0].text == "Ban all debt buyers now")
        let twoLines = try read(PlainTextReader(), "标题\n另一个标题\n")
        #expect(twoLines.units.map(\.text) == ["标题", "另一个标题"])
        #expect(twoLines.units.allSatisfy { $0.kind == .sentence })
        #expect(twoLines.paragraphs.count == 2)
        // A title with a body keeps its heading.
        let titled = try read(PlainTextReader(), "Ban all debt buyers now\nThey resell the same debt again and again.\n")
        #expect(titled.units.map(\.kind) == [.heading, .sentence])
    }

    /// A short line that cites a web address is a sentence with its source, not a heading.
    @Test func aLineWithAWebAddressIsNoHeading() throws {
        let doc = try read(PlainTextReader(), "Debt collectors call at all hours.\nThe piece has more. https://example.org/installment-loans\n")
        #expect(doc.units.map(\.kind) == [.sentence, .sentence])
        #expect(doc.units[1].text == "The piece has more. https://example.org/installment-loans")
        #expect(HeadingDetector.level(of: "Sources: https://example.org") == nil)
        #expect(HeadingDetector.level(of: "Sources and Methods") == 1)
    }

    /// A Markdown table is table furniture with or without a caption above it: caption units, never sentences or
    /// headings, and the paragraph after it goes on in the same section.
    @Test func aMarkdownTableIsReadAsCaptionUnits() throws {
        let text = "## Results\n\nCruising is common.\n\n| City | Share cruising |\n|---|:---:|\n| A | 30% |\n\nCities should price parking.\n"
        let document = try read(PlainTextReader(), text)
        #expect(document.units.map(\.kind) == [.heading, .sentence, .caption, .caption, .caption, .sentence])
        #expect(document.sections.count == 1)
    }

    /// The unit line under a figure's title, in brackets or naming a unit, is the figure's, and so are the source and
    /// notes lines after it; a sentence after the figure is a sentence.
    @Test func aFiguresUnitLineIsTheFigures() throws {
        let text = "Trends\nOutlays rose sharply. They have since fallen.\nFigure 2. Federal Outlays, FY2000–FY2023\n(as a percentage of GDP)\nSource: CRS, using data from OMB.\nNotes: FY = fiscal year. Shaded areas indicate recessions.\nFigure 3 shows that most of the increase came from mandatory programs.\nFigure 4. Mandatory and Discretionary Outlays\nBillions of 2023 dollars\nSource: CBO.\nSpending on interest has also grown.\n"
        let doc = try read(PlainTextReader(), text)
        #expect(doc.units.filter { $0.kind == .caption }.map(\.text) == ["Figure 2. Federal Outlays, FY2000–FY2023", "(as a percentage of GDP)",
            "Source: CRS, using data from OMB.", "Notes: FY = fiscal year. Shaded areas indicate recessions.",
            "Figure 4. Mandatory and Discretionary Outlays", "Billions of 2023 dollars", "Source: CBO."])
        #expect(doc.units.filter { $0.kind == .heading }.map(\.text) == ["Trends"])
        // A heading right after a caption stays a heading, unit words or not.
        let headed = try read(PlainTextReader(), "Trends\nOutlays rose sharply. They fell.\nFigure 2. Interest Costs\nPer Capita Spending Trends\nSpending per person grew fast. It will keep growing.\n")
        #expect(headed.units.filter { $0.kind == .heading }.map(\.text) == ["Trends", "Per Capita Spending Trends"])
    }

    /// A figure's or table's caption, its rows and the source line under it are caption units in the section they
    /// sit in: no headings opening sections, no sentences to label ("Figure 1." is no sentence of its own).
    /// APA sets a table's number and its title on lines of their own: the title and the column heads under it are
    /// the caption's, not headings that open a section.
    @Test func aTablesNumberAndTitleOnTheirOwnLinesAreOneCaption() throws {
        let text = "Results\n\nStructured feedback raised revision counts.\n\nTable 1\nMeans and Standard Deviations by Condition\nMeasure                  Structured   Unstructured\nGlobal revisions         7.4 (2.9)    4.8 (2.6)\nNote. N = 50.\n\nThe effect held for surface revisions too.\n"
        let document = try read(PlainTextReader(), text)
        #expect(document.units.filter { $0.kind == .heading }.map(\.text) == ["Results"])
        #expect(document.units.filter { $0.kind == .caption }.count == 5)
        #expect(document.units.last?.kind == .sentence && document.units.last?.section == document.units[1].section)
        // A figure's number whose image is lost takes no heading after a blank line as its title.
        let lost = try read(PlainTextReader(), "Results\n\nStructured feedback raised revision counts.\n\nFigure 1\n\n4. Discussion\n\nThe effect held.\n")
        #expect(lost.units.filter { $0.kind == .heading }.map(\.text) == ["Results", "4. Discussion"])
    }

    @Test func figuresAndTablesAreCaptionsInTheirSection() throws {
        let zh = try read(PlainTextReader(), """
            一、问题的提出
            海底电缆承载了全球95%以上的国际数据流量。
            表1 2015—2023年各国海缆登陆许可情况
            国家 许可数 拒绝数
            美国 42 3
            图1 太平洋海缆登陆站分布示意图
            资料来源：作者根据公开数据整理。
            例如，2020年有关部门建议拒绝一条光缆登陆。
            图1显示，登陆站集中在少数港口。
            二、结论
            """)
        #expect(zh.units.map(\.kind) == [.heading, .sentence, .caption, .caption, .caption, .caption, .caption, .sentence, .sentence, .heading])
        #expect(zh.sections.count == 2)
        #expect(zh.units[7].section == "d1")
        #expect(zh.paragraphs.map { $0.units.count } == [1, 1, 3, 2, 1, 1, 1])
        #expect(zh.validate().isEmpty)
        let en = try read(PlainTextReader(), """
            1. Introduction
            Cables carry most data.
            Table 1. Licences granted, 2015–2023
            Country    Licences    Denied
            USA        42          3
            Source: FCC.
            Figure 1. Map of landing stations. Pacific only.
            Figure 2 illustrates the route of a message.
            Table 2 (below) shows the same.
            2. Licensing
            """)
        #expect(en.units.map(\.kind) == [.heading, .sentence, .caption, .caption, .caption, .caption, .caption, .sentence, .sentence, .heading])
        #expect(en.units[6].text == "Figure 1. Map of landing stations. Pacific only.")
        func kind(_ line: String) -> Caption.Kind? { Caption.kind(Array(line.unicodeScalars), 0..<line.unicodeScalars.count) }
        #expect(kind("图 1 显示了增长。") == nil)
        #expect(kind("图 2 显示，出口在 2020 年达到峰值") == nil)
        #expect(kind("表1显示，出口增长。") == nil)
        #expect(kind("表 1 列出了东部,中部和西部的情况") == nil)
        #expect(kind("Figure 2 illustrates the route.") == nil)
        #expect(kind("Table Idea one") == nil)
        for caption in ["Table 3: Costs", "Figure 2-1. Outlays", "Table A-1. Sources", "Table II: Votes", "Fig 2: Wages", "TABLE 4", "表 2-1：主要指标", "续表1", "表4-1　主要变量的描述性统计（N=1,236）"] {
            #expect(kind(caption) != nil, "\(caption)")
        }
        func isSource(_ line: String) -> Bool { Caption.isSourceLine(Array(line.unicodeScalars), 0..<line.unicodeScalars.count) }
        #expect(isSource("SOURCE: CRS.") && isSource("Note. Data are from the BLS.") && isSource("资料来源：作者整理。"))
        #expect(!isSource("Notes.") && !isSource("Notably, wages rose."))
        // Rows end at a sentence (…创下新高。[3]), at a heading with few figures, and after the source line.
        let rows = try read(PlainTextReader(), "表 1 主要指标\n指标 2019 年 2023 年\n出口额 12.5 18.3\n2020 年以来，出口增长了 5%，创下新高。[3]\n")
        #expect(rows.units.map(\.kind) == [.caption, .caption, .caption, .sentence])
        let english = try read(PlainTextReader(), "Table 1. Top exporters\nRank  Country  Exports\n1.  China  3.6\n2.  Germany  1.7\nSource: WTO.\nThe 2020 Election\nVoters turned out.\n")
        #expect(english.units.map(\.kind) == [.caption, .caption, .caption, .caption, .caption, .heading, .sentence])
        let prose = try read(PlainTextReader(), "Table 1. Costs\nRegion  Cost\nOur view is simple.  The Bureau should act now\n表1 主要指标\n指标 2019 年\n2020 年以来的政策调整\n政策调整的效果明显。\n")
        #expect(prose.units.map(\.kind) == [.caption, .caption, .heading, .caption, .caption, .heading, .sentence])
        #expect(kind("Figure 2 The effect of tariffs on prices was large.") == nil)
        #expect(kind("Figure 3 — which many readers misread — shows the opposite.") == nil)
        #expect(kind("Figure 1 — Map of stations") == .figure)
        #expect(english.sections.count == 2)
        // A text that is nothing but captions and headings is read as sentences, captions too.
        let only = try read(PlainTextReader(), "Introduction\nFigure 1. Wages by year\nSource: BLS.\n")
        #expect(only.units.map(\.text) == ["Introduction", "Figure 1.", "Wages by year", "Source: BLS."])
        #expect(only.units.allSatisfy { $0.kind == .sentence })
        // A source line needs a caption above it; a line that only looks like a row ends the table.
        let plain = try read(PlainTextReader(), "States hedge.\nSource: interviews.\n")
        #expect(plain.units.map(\.kind) == [.sentence, .sentence])
        let afterTable = try read(PlainTextReader(), "Table 1. Costs\nRegion  Cost\nPolicy Options for Congress\nCongress could act.\n")
        #expect(afterTable.units.map(\.kind) == [.caption, .caption, .heading, .sentence])
        let spacedHeading = try read(PlainTextReader(), "表2 各国许可情况\n国家 许可数\n结 语\n合作是出路。\n")
        #expect(spacedHeading.units.map(\.kind) == [.caption, .caption, .heading, .sentence])
    }

    /// Markdown headings get their level and lose their marks; a quoted line loses its quote mark.
    @Test func markdownHeadingsAndQuotes() throws {
        let doc = try read(PlainTextReader(), "# Middle Powers\n\n## 1. Introduction ##\n\nStates hedge.\n\n> A quoted passage.\n\n#hashtag is no heading.\n\n# of complaints rose by 40 percent.\n")
        #expect(doc.units.map(\.text) == ["Middle Powers", "1. Introduction", "States hedge.", "A quoted passage.", "#hashtag is no heading.", "# of complaints rose by 40 percent."])
        #expect(doc.units.map(\.kind) == [.heading, .heading, .sentence, .sentence, .sentence, .sentence])
        #expect(doc.sections.map(\.level) == [1, 2])
        #expect(doc.units[1].start == 20)
        let dotted = try read(PlainTextReader(), "## 2. Methods.\n\nText here.\n")
        #expect(dotted.units.map(\.kind) == [.heading, .sentence])
        #expect(dotted.units[0].text == "2. Methods.")
    }

    /// An editor line (spaced out as CNKI sets it) is a line of its own even after a full wrapped line, and English
    /// keywords that ran on into Chinese stay English.
    @Test func editorLinesAndEnglishKeywords() {
        let spaced = Array("责 编∕韩 拓 美 编∕周群英".unicodeScalars)
        #expect(EditorLine.opens(spaced, spaced.indices))
        let body = Array("编辑出版工作日益数字化。".unicodeScalars)
        #expect(!EditorLine.opens(body, body.indices))
        #expect(FrontMatter.isEnglish("cyberspace order, security dilemma, a community with shared future in cyberspace责编∕韩拓"))
        #expect(!FrontMatter.isEnglish("网络空间秩序；安全困境；AI治理"))
        // The brackets journals set it in, and 法学研究's 本文责任编辑.
        for line in ["[本文责任编辑：陈　默]", "〔责任编辑：陈默〕", "（责任编辑：陈默）"] {
            var metadata = DocumentMetadata()
            #expect(EditorLine.parse(line, into: &metadata) && metadata.fields["editor"] == "陈默", "\(line)")
        }
        var unbracketed = DocumentMetadata()
        #expect(!EditorLine.parse("本文编辑过程中得到匿名审稿人的宝贵意见，特此致谢。", into: &unbracketed))
        #expect(!EditorLine.parse("编辑是出版工作的核心环节。", into: &unbracketed) && unbracketed.fields.isEmpty)
    }

    /// A displayed equation with its number is read as a caption unit: never labelled, opening no section, and no
    /// part of the sentence above or below it; a sentence with an equals sign in it stays a sentence.
    @Test func aDisplayedEquationIsNoSentenceOrHeading() throws {
        let text = "（三）模型设定\n本文构建如下模型：\nEntre_ijt = α0 + α1DIF_jt + γX_ijt + μi + λt + εijt　　（1）\n其中，i、j、t分别表示个体、城市和年份。\n\nWe estimate the model below.\n\nY_it = α_i + γ_t + β Closure_it + ε_it        (1)\n\nTable 2 shows that turnout fell by 1.9 points (s.e. = 0.5).\n"
        let document = try read(PlainTextReader(), text)
        #expect(document.units.filter { $0.kind == .caption }.map(\.text) == [
            "Entre_ijt = α0 + α1DIF_jt + γX_ijt + μi + λt + εijt　　（1）", "Y_it = α_i + γ_t + β Closure_it + ε_it        (1)",
        ])
        #expect(document.units.filter { $0.kind == .heading }.map(\.text) == ["（三）模型设定"])
        #expect(document.units.last?.kind == .sentence)
        // A wrapped sentence whose first line cites a formula and ends on a column's number is no equation.
        let cited = HardWrapTests.wrapGreedily(String(repeating: "The model fits the data well across all the samples we study. ", count: 3), width: 80)
            + "\nThe estimated elasticity is large and stable (β = 0.42) in the model of column (2)\nof Table 3, which also adds the controls for income and region.\n"
        #expect(try read(PlainTextReader(), cited).units.allSatisfy { $0.kind == .sentence })
        // A formula's functions are no words of prose.
        let logs = try read(PlainTextReader(), "We estimate the model.\nln Y_it = a + b log wage_it + c log hours_it + d log capital_it + e_it        (1)\nThe errors are clustered.\n")
        #expect(logs.units.filter { $0.kind == .caption }.count == 1)
    }

    /// A transcript that sets each speaker's label on a line of its own: the label opens the paragraph below it, as an
    /// inline label does, instead of standing as a sentence (and a thesis) of its own. A bare name must recur; a title,
    /// an outlet's journalist or Q: may speak once; a salutation (同志们：) and a lead-in (主要任务如下：) are no labels.
    @Test func speakersLabelsOnLinesOfTheirOwnOpenTheirTurns() throws {
        let text = "寿小丽：\n女士们、先生们，大家上午好！欢迎出席发布会。\n盛来运：\n\n一季度国民经济开局良好。\n彭博社记者：\n名义增速为何偏低？\n"
            + "盛来运：\n主要是价格水平偏低所致。\n寿小丽：\n今天的发布会就到这里。\n同志们：\n今年任务艰巨。\n主要任务如下：\n一是扩大内需。\n"
        let sentences = try read(PlainTextReader(), "新闻发布会实录\n" + text).units.filter { $0.kind == .sentence }.map(\.text)
        #expect(sentences == ["寿小丽：女士们、先生们，大家上午好！", "欢迎出席发布会。", "盛来运：一季度国民经济开局良好。", "彭博社记者：名义增速为何偏低？",
                              "盛来运：主要是价格水平偏低所致。", "寿小丽：今天的发布会就到这里。", "今年任务艰巨。", "主要任务如下：", "一是扩大内需。"], "\(sentences)")
        let english = try read(PlainTextReader(), "MS. JEAN-PIERRE:\nGood afternoon, everyone. Our position has not changed.\nQ:\nWill the President sign the bill?\n")
        #expect(english.units.map(\.text) == ["MS. JEAN-PIERRE: Good afternoon, everyone.", "Our position has not changed.", "Q: Will the President sign the bill?"])
        // An addressee (尊敬的主席：), a lead-in's noun (主要做法：, twice), a heading in capitals (THE PROBLEM:, GENERAL
        // COMMENTS:) are no speakers; 问： and 答： are.
        for (head, body) in [("尊敬的主席：", "中方欢迎本次会议。"), ("主要做法：", "1.建立村级议事会。"), ("THE PROBLEM:", "Vouchers expire unused."),
                             ("GENERAL COMMENTS:", "The Association supports the rule.")] {
            let twice = try read(PlainTextReader(), "Comments\n\(head)\n\(body)\n\(head)\n\(body)\n")
            #expect(!twice.units.contains { $0.text.hasPrefix(head) && $0.text.count > head.count }, "\(head)")
        }
        let interview = try read(PlainTextReader(), "专访\n问：\n近期出台的措施有哪些亮点？\n答：\n这次出台的措施着力解决市场准入问题。\n")
        #expect(interview.units.filter { $0.kind == .sentence }.map(\.text) == ["问：近期出台的措施有哪些亮点？", "答：这次出台的措施着力解决市场准入问题。"])
        // A name that speaks once is no label (附件：, 张三：).
        let once = try read(PlainTextReader(), "张三：\n今年任务艰巨。\n")
        #expect(once.units.map(\.text).first != "张三：今年任务艰巨。")
    }

    @Test func notesOnlyHasNoSentences() {
        #expect(throws: DocumentReadError.noSentences) { try read(PlainTextReader(), "注释\n[1] 某某：《某书》，2020年。\n[2] 同上。\n") }
    }

    /// A file that is only a table (caption, rows, source) holds no prose: its rows are not read as sentences.
    @Test func aTableOnlyHasNoSentences() throws {
        #expect(throws: DocumentReadError.noSentences) {
            try read(PlainTextReader(), "Table 1. Results\nRegion\t2022\t2023\nNorth\t10\t12\nSource: survey.\n")
        }
        #expect(throws: DocumentReadError.noSentences) { try read(PlainTextReader(), "| a | b |\n|---|---|\n| 1 | 2 |\n") }
        // A one-line comment without a full stop is still a sentence.
        #expect(try read(PlainTextReader(), "Ban all debt buyers now\n").units.map(\.kind) == [.sentence])
    }

    @Test func byteOrderMarkIsDropped() throws {
        let doc = try PlainTextReader().read(ReaderInput(bytes: [0xEF, 0xBB, 0xBF] + Array("句子。".utf8), sourcePath: nil, documentID: "x"))
        #expect(doc.units[0].start == 0)
        #expect(doc.units[0].text == "句子。")
    }

    @Test func messagesSayWhatToDo() {
        #expect(DocumentReadError.invalidUTF8(byteOffset: 3, line: 2).description.contains("convert the file to UTF-8"))
        #expect(DocumentReadError.binary(byteOffset: 0).description.contains("binary"))
    }
}
