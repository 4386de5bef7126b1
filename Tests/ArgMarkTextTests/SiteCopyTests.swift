import ArgMarkCore
import Foundation
import Testing

@testable import ArgMarkText

/// Pages and letters as researchers copy them from the sites that publish them: a government site's policy page with
/// its menu above the index table, a comment letter whose notes stand under a rule, a citizen's comment written
/// without capitals.
struct SiteCopyTests {
    func sentences(_ document: Document) -> [String] { document.units.filter { $0.kind == .sentence }.map(\.text) }

    /// gov.cn copied from the top of the page: the site's name, language bar and menu above the breadcrumb and the
    /// index table go with them (they had hidden the table: the title became 中国政府网, the rows headings, the
    /// directive's frame unseen and its tasks labelled as a plain text's).
    @Test func aPolicyPagesMenuGoesWithItsIndexTable() throws {
        let text = """
            中国政府网
            首页 | 简 | 繁 | EN | 登录 | 无障碍
            国务院 | 总理 | 新闻 | 政策 | 互动 | 服务 | 数据 | 国情 | 国家政务服务平台
            首页 > 政策 > 政策文件库 > 地方政策

            索 引 号：000014349/2025-00031
            主题分类：科技、教育\\其他
            发文机关：江东省人民政府
            标　　题：江东省人民政府关于加快推进城市数字化转型的实施意见
            发文字号：江政发〔2025〕8号

            江东省人民政府关于加快推进城市数字化转型的实施意见
            江政发〔2025〕8号
            各市、县人民政府，省政府各部门、各直属机构：
            为加快推进全省城市数字化转型，现提出如下意见。
            一、重点任务
            加快5G网络和千兆光网建设。推动数据中心集约化发展。

            """
        let doc = try read(PlainTextReader(), text)
        #expect(doc.metadata.titles["zh"] == "江东省人民政府关于加快推进城市数字化转型的实施意见")
        #expect(doc.metadata.fields["breadcrumb"] == "首页 > 政策 > 政策文件库 > 地方政策" && doc.metadata.fields["documentNumber"] == "江政发〔2025〕8号")
        #expect(doc.units.map(\.text) == ["为加快推进全省城市数字化转型，现提出如下意见。", "一、重点任务", "加快5G网络和千兆光网建设。", "推动数据中心集约化发展。"])
        // Lines above that end a sentence are the text's: no table is looked for under them.
        let prose = try read(PlainTextReader(), "城市是数字化转型的主战场。\n索 引 号：000014349/2025-00031\n发文字号：江政发〔2025〕8号\n")
        #expect(prose.metadata.fields["indexNumber"] == nil)
        // A document's own title above a table without a breadcrumb is no site's line: the text reads as before.
        let titled = try read(PlainTextReader(), "关于印发《江东市数据要素市场化配置改革实施方案》的通知\n发文字号：江政办发〔2024〕12号\n发布日期：2024-05-20\n\n各区县人民政府，市政府各部门：\n现将方案印发给你们，请认真贯彻执行。\n")
        #expect(titled.units.first?.text.hasPrefix("关于印发") == true && titled.metadata.fields["breadcrumb"] == nil)
        #expect(GovernmentPageHeader.isSiteLine("首页 | 简 | 繁 | EN | 登录") && !GovernmentPageHeader.isSiteLine("关于做好2024年防汛工作的通知"))
    }
    /// A citizen's comment written without capitals: its sentences end at each stop, question or exclamation before a
    /// small letter (they had run together, an anecdote and a question inside one claim); abbreviations still go on,
    /// and so does a paragraph whose writer capitalises.
    @Test func aCommentWithoutCapitalsEndsItsSentences() throws {
        let comment = try read(PlainTextReader(), "i think these fees are a ripoff and the banks know it. my daughter got hit with four fees in one week, how is that fair?? nobody would agree to that, e.g. not me. the banks say its a service but its really a trap!! make them charge what it costs.\n")
        #expect(sentences(comment) == [
            "i think these fees are a ripoff and the banks know it.", "my daughter got hit with four fees in one week, how is that fair??",
            "nobody would agree to that, e.g. not me.", "the banks say its a service but its really a trap!!", "make them charge what it costs.",
        ])
        let capitalised = try read(PlainTextReader(), "The fee is approx. thirty dollars. Banks charge it, i.e. they profit. Who pays? the poorest, says the report.\n")
        #expect(sentences(capitalised) == ["The fee is approx. thirty dollars.", "Banks charge it, i.e. they profit.", "Who pays? the poorest, says the report."])
        #expect(SentenceSegmenter.endsOnPlainWord("ripoff") && !SentenceSegmenter.endsOnPlainWord("etc") && !SentenceSegmenter.endsOnPlainWord("e.g"))
        // A law review's note that opens small cites id. at … and goes on.
        let note = try read(PlainTextReader(), "id. at 12; see also id. at 14. the court agreed in part.\n")
        #expect(sentences(note).first?.hasPrefix("id. at 12; see also id. at 14") == true)
    }
    /// A comment letter's notes under the rule a word processor leaves ([1] …, numbered as the text cites them) are
    /// notes, linked from their markers (they had been the conclusion's last sentences); a list numbered so under a
    /// rule that the text never cites stays text.
    @Test func aLettersBracketedNotesUnderARuleAreNotes() throws {
        let letter = """
            The Bureau should allow institutions to include fraud-prevention costs.[1] The benchmark rests on a sample of very large banks.[2]

            We appreciate your consideration of these comments.

            ________________________________
            [1] MCCUA member cost survey, February 2024 (on file with the Association).
            [2] 89 Fed. Reg. 13852, 13870 (Feb. 23, 2024).

            """
        let doc = try read(PlainTextReader(), letter)
        #expect(doc.notes.map(\.text) == ["MCCUA member cost survey, February 2024 (on file with the Association).", "89 Fed. Reg. 13852, 13870 (Feb. 23, 2024)."])
        #expect(sentences(doc).count == 3 && doc.units.first?.noteRefs == [doc.notes[0].id])
        let list = try read(PlainTextReader(), "Our members asked for two things.\n\n__________\n[1] Real-time alerts before a charge posts.\n[2] A cap on daily fees.\n")
        #expect(list.notes.isEmpty && sentences(list).count == 3)
        let named = try read(PlainTextReader(), "Option [1] would cap fees. Option [2] would require alerts. We recommend option [1].\n\n__________\n[1] Cap daily fees.\n[2] Require real-time alerts.\n")
        #expect(named.notes.isEmpty)
        // Cited after a space before the stop, as IEEE sets them, they are notes.
        let spaced = try read(PlainTextReader(), "Models are used in public administration [1]. Their errors are poorly understood [2].\n\n__________\n[1] OECD, Governing with Artificial Intelligence (2024).\n[2] J. Smith, Hallucination in Public Services (2024).\n")
        #expect(spaced.notes.count == 2)
    }
    /// A CNKI article's PDF through pdftotext: its long title wrapped onto a second line is one title, and the byline
    /// under it gives the authors (the title had been cut at 对冲策, its second line taken for two authors).
    @Test func aPDFsWrappedTitleIsOneTitle() throws {
        let text = """
            国际政治研究　2024 年第 2 期

            中美战略竞争背景下东南亚国家的对冲策
            略：动因、模式与限度

            孙嘉明 1  何 静 2

            （1. 复旦大学国际关系与公共事务学院，上海 200433；2. 上海国际问题研究院，上海 200233）

            内容提要：中美战略竞争的加剧使东南亚国家面临日益严峻的选边压力。

            关键词：对冲策略；中美战略竞争；东南亚

            一、问题的提出

            2017年以来，中美关系逐步转向以竞争为主的新阶段。东南亚国家普遍面临选边站队的压力。

            """
        let doc = try read(ArticleReader(), text)
        #expect(doc.metadata.titles["zh"] == "中美战略竞争背景下东南亚国家的对冲策略：动因、模式与限度")
        #expect(doc.metadata.authors == ["孙嘉明", "何静"])
        #expect(FrontMatter.continuesWrappedTitle("中美战略竞争背景下东南亚国家的对冲策", "略：动因、模式与限度"))
        #expect(!FrontMatter.continuesWrappedTitle("中美战略竞争背景下东南亚国家的对冲策略", "孙嘉明　何静"))
        #expect(!FrontMatter.continuesWrappedTitle("中美战略竞争背景下东南亚国家的对冲策略", "复旦大学国际关系与公共事务学院"))
        #expect(!FrontMatter.continuesWrappedTitle("新时代民族地区基层治理现代化的实践路径探析", "阿依古丽·买买提"))
        #expect(!FrontMatter.continuesWrappedTitle("新时代民族地区基层治理现代化的实践路径探析", "本刊特约评论员"))
        #expect(!FrontMatter.continuesWrappedTitle("新时代民族地区基层治理现代化的实践路径探析", "人民日报评论部"))
        #expect(FrontMatter.opensSubtitle(after: "平台经济领域反垄断的法律规制研究", "以算法合谋为中心的考察"))
    }
    /// A theory channel's article copied from the top of its page: the site's home link and the channel's trail
    /// (人民网>>理论>>理论前沿) go to the breadcrumb, the buttons out, the date and source line to the date and source;
    /// the title is the headline and the author the name under it (they had been 人民网首页 and the trail).
    @Test func aTheoryChannelsPageReadsItsHeadline() throws {
        let text = """
            人民网首页
            人民网>>理论>>理论前沿
            以高水平对外开放推动构建人类命运共同体
            刘建华
            2024年03月15日08:21 | 来源：人民网－理论频道
            字号 大 中 小
            分享到：
            小字号

            【摘要】经济全球化遭遇逆流。高水平对外开放是破解全球发展赤字的重要途径。

            【关键词】高水平对外开放 人类命运共同体

            当前，世界经济复苏乏力。开放是当代中国的鲜明标识。

            """
        let doc = try read(ArticleReader(), text)
        #expect(doc.metadata.titles["zh"] == "以高水平对外开放推动构建人类命运共同体" && doc.metadata.authors == ["刘建华"])
        #expect(doc.metadata.fields["breadcrumb"] == "人民网>>理论>>理论前沿" && doc.metadata.fields["source"] == "人民网－理论频道")
        #expect(doc.metadata.fields["date"] == "2024年03月15日08:21" && doc.metadata.fields["byline"] == nil)
        #expect(sentences(doc) == ["当前，世界经济复苏乏力。", "开放是当代中国的鲜明标识。"])
        #expect(!FrontMatter.isSiteTrail("Inputs, outputs > outcomes") && FrontMatter.isSiteTrail("光明网 > 理论 > 学术"))
        #expect(!FrontMatter.isSiteTrail("数据 > 信息 > 知识 > 智慧"))
    }
    /// A journal article reposted by a WeChat account, copied from its page: the column, authors and title on the
    /// first line, the account's line and card, the follow prompt, the repost's source and staff, the note on the
    /// original and the recommendations and buttons below leave the text for the metadata (they had been 19 headings,
    /// a sentence, and the abstract read twice).
    @Test func aWeChatRepostReadsAsItsArticle() throws {
        let text = """
            学术前沿｜陈立新 周雨桐：县域数字治理中的“数字形式主义”
            原创 陈立新 周雨桐 公共治理评论 2024-06-18 08:30 北京
            点击上方蓝字关注我们

            编者按：本文作者长期在中部三省开展田野调查。现将全文推送，以飨读者。

            公共治理评论
            致力于传播公共管理与政治学前沿研究
            1028篇原创内容
            公众号

            作者简介
            陈立新，华中师范大学政治与国际关系学院教授。

            来源：《公共管理学报》2024年第3期
            编辑：林晓
            审核：王强

            摘要：数字技术嵌入县域治理，也催生了数字形式主义。
            关键词：数字治理；数字形式主义

            / 01 /
            问题的提出

            近年来，数字技术在县域治理中得到了广泛应用。这表明，数字形式主义已经成为治理难题。

            图片

            本文原载于《公共管理学报》2024年第3期，注释从略，引用请参考原文。

            往期推荐
            1. 学术前沿｜王浦劬：国家治理现代化的理论逻辑
            2. 新刊速递｜《公共管理学报》2024年第2期目录与摘要

            阅读原文
            继续滑动看下一个
            公共治理评论
            分享 收藏 点赞 在看

            """
        let doc = try read(ArticleReader(), text)
        let m = doc.metadata
        #expect(m.titles["zh"] == "县域数字治理中的“数字形式主义”" && m.authors == ["陈立新", "周雨桐"])
        #expect(m.fields["wechatAccount"] == "公共治理评论" && m.fields["column"] == "学术前沿" && m.fields["date"] == "2024-06-18")
        #expect(m.fields["journal"] == "《公共管理学报》2024年第3期" && m.fields["editor"] == "林晓" && m.fields["reviewer"] == "王强")
        #expect(m.fields["authorInfo"] == "陈立新，华中师范大学政治与国际关系学院教授。" && m.fields["sourceNote"]?.hasPrefix("本文原载于") == true)
        #expect(m.abstracts["zh"] == "数字技术嵌入县域治理，也催生了数字形式主义。" && m.fields["editorsNote"]?.hasPrefix("本文作者") == true)
        #expect(sentences(doc) == ["近年来，数字技术在县域治理中得到了广泛应用。", "这表明，数字形式主义已经成为治理难题。"])
        #expect(doc.units.filter { $0.kind == .heading }.allSatisfy { !$0.text.contains("公共治理评论") && !$0.text.contains("推荐") })

        // A commentary reposted without front matter reads through the plain-text reader alike.
        let commentary = try read(PlainTextReader(), "以制度创新推动基层减负\n转载 理论周刊 2024-05-02 09:15\n点击蓝字 关注我们\n\n基层减负需要制度保障。各地要建立长效机制。\n\n阅读原文\n分享 收藏 点赞 在看\n")
        #expect(commentary.metadata.titles["zh"] == "以制度创新推动基层减负" && commentary.metadata.fields["wechatAccount"] == "理论周刊")
        #expect(commentary.units.map(\.text) == ["基层减负需要制度保障。", "各地要建立长效机制。"])
        // The staff's roles under the keys an editor's line gives them elsewhere (美编 artEditor, 校对 proofreader).
        #expect(WeChatFrame.staffLine("美编：赵敏")! == ("artEditor", "赵敏") && WeChatFrame.staffLine("校对：孙杰")! == ("proofreader", "孙杰"))
        #expect(WeChatFrame.staffLine("排版：李青")! == ("layout", "李青"))
        // A title with a term before its colon names no authors without a column.
        #expect(WeChatFrame.titleLine("共同富裕：内涵、路径与政策选择").authors.isEmpty)
        // A text naming no account and no prompt is no repost.
        #expect(WeChatFrame.find(Array("数字治理的逻辑\n2024-06-18\n正文。\n".unicodeScalars), [0..<7, 8..<18, 19..<22]) == nil)
    }
    /// A public comment copied from its page on regulations.gov: the submitter, the agency's posting line, the
    /// document id, the attachments and the submitter's details leave the text for the metadata (they had been a
    /// dozen headings and a sentence around the comment).
    @Test func aCommentsPageReadsAsItsComment() throws {
        let text = """
            Comment Submitted by Jane Doe
            Posted by the Consumer Financial Protection Bureau on Mar 4, 2024
            Document ID
            CFPB-2024-0002-0153
            Comment
            I am writing in support of the proposed rule. The Bureau should finalize it.
            Attachments (1)
            Doe_comment_overdraft
            View Attachment:
            Name:
            Jane Doe
            City:
            Columbus
            State:
            OH

            """
        let doc = try read(PlainTextReader(), text)
        #expect(doc.units.map(\.text) == ["I am writing in support of the proposed rule.", "The Bureau should finalize it."])
        #expect(doc.metadata.authors == ["Jane Doe"] && doc.metadata.fields["agency"] == "Consumer Financial Protection Bureau")
        #expect(doc.metadata.fields["date"] == "Mar 4, 2024" && doc.metadata.fields["documentId"] == "CFPB-2024-0002-0153")
        #expect(doc.metadata.fields["attachments"] == "Doe_comment_overdraft" && doc.metadata.fields["city"] == "Columbus" && doc.metadata.fields["state"] == "OH")
        // A blog's posting line alone, or with a comment's number under it, is the text's; so are a comment's own
        // labelled requests at its end.
        let blog = try read(PlainTextReader(), "Posted by Jane on Mar 4, 2024\n\nThe rule is overdue. It should be final.\n")
        #expect(blog.metadata.fields["agency"] == nil)
        let numbered = try read(PlainTextReader(), "Posted by the Urban Institute on Mar 4, 2024\nComment ID: 42\n\nThe rule is overdue. It should be final.\n")
        #expect(numbered.metadata.fields["agency"] == nil)
        let requests = try read(PlainTextReader(), "Comment Submitted by John Smith\nPosted by the Environmental Protection Agency on Feb 9, 2024\nComment\nMy requests are simple.\nName: the pollutants you will monitor\nCity: every city within ten miles\n")
        #expect(requests.metadata.authors == ["John Smith"] && requests.metadata.fields["city"] == nil && requests.units.count == 3)
    }
}
