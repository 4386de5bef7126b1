import ArgMarkCore
@testable import ArgMarkHTML
import ArgMarkPipeline
import ArgMarkPlugins
import Testing

/// Web pages read as their main text: headings at their levels, a paragraph per block, navigation and the rest of
/// the page left out. The pages are invented for these tests.
struct HTMLReaderTests {
    func read(_ html: String, id: String = "page") throws -> Document {
        try HTMLReader().read(ReaderInput(bytes: Array(html.utf8), sourcePath: "page.html", documentID: id))
    }

    /// A page's head names the document for citation managers (Highwire citation_*, Dublin Core): its metadata; without
    /// such tags the page's h1 (not a <title> that carries the site's name) is the title. The h1 stays a heading.
    @Test func theHeadsCitationTagsAreMetadata() throws {
        let article = try read("<html><head><title>Borders | Journal</title><meta name=\"citation_title\" content=\"Carbon Borders and the WTO\"><meta name=\"citation_author\" content=\"Smith, Jane\"><meta name=\"citation_author\" content=\"Li, Wei\"><meta name=\"citation_doi\" content=\"doi:10.1234/jt.5\"><meta name=\"citation_publication_date\" content=\"2024/05/01\"><meta name=\"keywords\" content=\"trade, climate\"></head><body><article><h1>Carbon Borders</h1><p>We argue that they are lawful.</p></article></body></html>")
        #expect(article.metadata.titles == ["en": "Carbon Borders and the WTO"] && article.metadata.authors == ["Smith, Jane", "Li, Wei"])
        #expect(article.metadata.doi == "10.1234/jt.5" && article.metadata.fields["date"] == "2024/05/01")
        #expect(article.metadata.keywords == ["en": ["trade", "climate"]] && article.units.first?.text == "Carbon Borders")
        let page = try read("<html><head><title>答记者问 - 外交部</title></head><body><article><h1>关于数据跨境流动的立场</h1><p>中方认为，数据安全是国家安全的重要组成部分。</p></article></body></html>")
        #expect(page.metadata.titles == ["zh": "关于数据跨境流动的立场"])
        // A page's address is no DOI; one tag per keyword (as repositories write them) keeps them all; a fragment with
        // no head still has its h1.
        let repository = try read("<html><head><meta name=\"DC.identifier\" content=\"http://www.example.gov.cn/zhengce/content/2024-10/content_6979010.htm\"><meta name=\"citation_keywords\" content=\"trade; climate\"><meta name=\"citation_keywords\" content=\"tariffs\"></head><body><h1>Borders</h1><p>We argue that they are lawful.</p></body></html>")
        #expect(repository.metadata.doi == nil && repository.metadata.keywords == ["en": ["trade", "climate", "tariffs"]])
        #expect(HTMLReader.doi("https://doi.org/10.1234/jt.5") == "10.1234/jt.5" && HTMLReader.doi("10.htm") == nil)
        // gov.cn's ArticleTitle over a <title> with the site's name; keywords and Keywords tags sharing words; the older
        // citation_authors with every name in one.
        let gov = try read("<html><head><title>关于……的指导意见_中国政府网</title><meta name=\"ArticleTitle\" content=\"关于促进平台经济规范健康发展的指导意见\"><meta name=\"keywords\" content=\"平台经济,规范\"><meta name=\"Keywords\" content=\"平台经济\"><meta name=\"citation_authors\" content=\"Doe, Jane; Roe, Richard\"></head><body><p>各地区应当加强协调。</p></body></html>")
        #expect(gov.metadata.titles == ["zh": "关于促进平台经济规范健康发展的指导意见"] && gov.metadata.keywords == ["zh": ["平台经济", "规范"]])
        #expect(gov.metadata.authors == ["Doe, Jane", "Roe, Richard"])
        let fragment = try read("<h1>Carbon Borders</h1><p>We argue that they are lawful.</p>")
        #expect(fragment.metadata.titles == ["en": "Carbon Borders"] && fragment.metadata.fields["sourceFormat"] == "html")
    }

    func texts(_ document: Document) -> [String] { document.units.map { "\($0.kind) \($0.text)" } }

    /// A ministry's page: a menu, a breadcrumb, the report in a content block with its title above it, a footer.
    /// A `<br>` inside a sentence (例如，2018年的贸易摩擦<br>造成了…; the 2018 trade war<br>cost billions) runs on; one
    /// after a sentence's end, a numbered heading or a line that is no clause, and a double one, part lines as before.
    @Test func aBreakInsideASentenceRunsOn() throws {
        let page = try read("""
            <html><body><article><h2>一、引言</h2>
            <p>例如，2018年的贸易摩擦<br>造成了巨大损失。我们必须坚持改革开放。</p>
            <p>For example, the 2018 trade war<br>cost billions of dollars.</p>
            <p>二、主要任务<br>加快建设现代化产业体系。</p>
            <p>各地要加强协调。<br>要压实责任。</p>
            <p>The committee met twice,<br><br>Members agreed on a plan.</p>
            </article></body></html>
            """)
        let texts = page.units.map { "\($0.kind) \($0.text)" }
        #expect(texts.contains("sentence 例如，2018年的贸易摩擦造成了巨大损失。"))
        #expect(texts.contains("sentence For example, the 2018 trade war cost billions of dollars."))
        #expect(texts.contains("heading 二、主要任务") && texts.contains("sentence 加快建设现代化产业体系。"))
        #expect(texts.contains("sentence 各地要加强协调。") && texts.contains("sentence 要压实责任。"))
        #expect(!texts.contains { $0.contains("twice, Members") })
        // A salutation and a close, a heading with a comma before an indented paragraph, and label: value lines keep
        // their lines.
        let letter = try read("""
            <html><body>
            <p>Dear Chair Smith and Members of the Committee,<br>I write to oppose the proposed rule. It raises costs.</p>
            <p>坚持创新驱动，推动高质量发展<br>　　数字经济是推动经济增长的重要引擎。</p>
            <p>联系人：张三，电话：010-12345678<br>地址：北京市西城区</p>
            </body></html>
            """)
        let lines = letter.units.map(\.text)
        #expect(lines.contains("I write to oppose the proposed rule.") && !lines.contains { $0.contains("Committee, I write") })
        #expect(!lines.contains { $0.contains("发展数字经济") } && !lines.contains { $0.contains("12345678地址") })
    }

    @Test func aMinistrysPageReadsAsItsReport() throws {
        let html = """
            <!DOCTYPE html><html><head><meta charset="utf-8"><title>关于数字贸易的报告_某部门网站</title>
            <style>p { margin: 0 }</style><script>var x = "<p>不是正文</p>";</script></head>
            <body><div class="header"><nav><a href="/">首页</a> | <a href="/news">新闻</a></nav></div>
            <div class="crumbs">当前位置：首页 &gt; 政务公开</div>
            <h1>关于数字贸易发展的报告</h1>
            <div class="content">
            <p>　　近年来，全球数字贸易快速发展，数据跨境流动规模持续扩大。</p>
            <h2>一、总体情况</h2>
            <p>　　2023年，我国数字贸易进出口总额达到2.5万亿元，比上年增长
            7.8%。</p>
            <p>　　各地区各部门应当加强协调，推动规则对接。</p>
            </div>
            <footer><p>版权所有：某部门 联系电话：010-12345678</p></footer></body></html>
            """
        let document = try read(html)
        #expect(texts(document) == [
            "heading 关于数字贸易发展的报告",
            "sentence 近年来，全球数字贸易快速发展，数据跨境流动规模持续扩大。",
            "heading 一、总体情况",
            "sentence 2023年，我国数字贸易进出口总额达到2.5万亿元，比上年增长7.8%。",
            "sentence 各地区各部门应当加强协调，推动规则对接。",
        ])
        #expect(document.sections.map(\.level) == [1, 2])
    }

    /// A journal's page of an article with CNKI-style front matter reads as an article: the abstract and keywords go
    /// to the metadata, not into the body.
    @Test func anArticlesPageKeepsItsFrontMatterApart() throws {
        let html = """
            <html><head><meta charset="utf-8"></head><body><div class="content"><h1>数字贸易规则的演变与中国方案</h1>
            <p>【摘要】随着数字经济的发展，数字贸易规则成为全球治理的重要议题。本文分析了规则演变的逻辑。</p>
            <p>【关键词】数字贸易 规则 全球治理</p>
            <h2>一、引言</h2><p>近年来，全球数字贸易快速发展。各国应当加强协调。</p></div></body></html>
            """
        let document = try read(html)
        #expect(document.metadata.abstracts["zh"] == "随着数字经济的发展，数字贸易规则成为全球治理的重要议题。本文分析了规则演变的逻辑。")
        #expect(document.metadata.keywords["zh"] == ["数字贸易", "规则", "全球治理"])
        #expect(texts(document) == ["heading 一、引言", "sentence 近年来，全球数字贸易快速发展。", "sentence 各国应当加强协调。"])
    }

    /// An English brief in an `article`: list items and a block quote are paragraphs of their own, a superscript
    /// note number (after a mark, or a link to the note) is a marker but an exponent is not, the page's list of
    /// footnotes becomes its notes, and a table of figures is no prose.
    @Test func anArticlesListsQuotesAndNotes() throws {
        let html = """
            <html><body><header><a href="/">Think Tank</a></header>
            <aside><p>Related: five other briefs you may like to read today.</p></aside>
            <article><h1>Who Pays for the Grid?</h1>
            <p>Large new loads are connecting to the grid.<sup>1</sup> Utilities must plan for them<sup><a href="#n2">2</a></sup> across 300 km<sup>2</sup>.</p>
            <h3>Options</h3>
            <ul><li>Congress could require <em>large-load</em> tariffs.</li><li>States could set interconnection deadlines.</li></ul>
            <blockquote><p>"The queue is the bottleneck," one regulator said.</p></blockquote>
            <table><tr><th>Year</th><th>Load (GW)</th></tr><tr><td>2023</td><td>12</td></tr></table>
            <section class="footnotes"><ol><li id="n1">U.S. Energy Information Administration, 2024. <a href="#r1">↩</a></li>
            <li id="n2">See the commission's order. <a href="#r2">↩</a></li></ol></section>
            </article></body></html>
            """
        let document = try read(html)
        #expect(document.notes.map(\.text) == ["U.S. Energy Information Administration, 2024.", "See the commission's order."])
        #expect(document.units[1].noteRefs == [document.notes[0].id] && document.units[2].noteRefs == [document.notes[1].id])
        #expect(texts(document) == [
            "heading Who Pays for the Grid?",
            "sentence Large new loads are connecting to the grid.[1]",
            "sentence Utilities must plan for them[2] across 300 km2.",
            "heading Options",
            "sentence - Congress could require large-load tariffs.",
            "sentence - States could set interconnection deadlines.",
            #"sentence "The queue is the bottleneck," one regulator said."#,
        ])
    }

    /// A page that sets its footnotes after its main text (after </article>) still has them as notes.
    @Test func notesAfterTheMainTextAreNotes() throws {
        let html = """
            <html><body><article><h1>Trade</h1><p>We argue that open trade helps growth.<sup><a href="#n1">1</a></sup> It also lowers prices for households everywhere.</p>
            <p>Tariffs raise the cost of inputs for firms that export, and they invite retaliation against farmers.</p></article>
            <ol class="footnotes"><li id="n1">World Bank, World Development Indicators, 2024. <a href="#r1">↩</a></li></ol>
            </body></html>
            """
        let document = try read(html)
        #expect(document.notes.map(\.text) == ["World Bank, World Development Indicators, 2024."])
        #expect(document.units[1].noteRefs == [document.notes[0].id])
        // A footer whose class happens to say "footnote", under a text that marks no note, is no notes list.
        let footer = try read("<html><body><article><h1>Trade</h1><p>We argue that open trade helps growth. It also lowers prices for households everywhere.</p><p>Tariffs raise the cost of inputs for firms that export.</p></article><footer class=\"site-footnote\"><p>Copyright 2024 Think Tank.</p></footer></body></html>")
        #expect(footer.notes.isEmpty)
        // A notes list inside the page footer is the page's notes too.
        let inFooter = try read(html.replacingOccurrences(of: #"<ol class="footnotes">"#, with: #"<footer><p>Copyright 2024.</p><ol class="footnotes">"#)
            .replacingOccurrences(of: "</ol>", with: "</ol></footer>"))
        #expect(inFooter.notes.map(\.text) == ["World Bank, World Development Indicators, 2024."])
        #expect(inFooter.units[1].noteRefs == [inFooter.notes[0].id])
    }

    /// A journal page's numbered list right under its 参考文献 / Notes heading is the notes, each without its own
    /// number ([1] …, <span>1</span> …), linked from the text's markers; an unnumbered list there is read as a
    /// reference list of the text, and a numbered list under another heading stays text.
    @Test func aNumberedListUnderANotesHeadingIsTheNotes() throws {
        let chinese = try read("""
            <html><body><article><h1>算法行政的问责困境</h1><p>全国已有超过2.3万项政务服务事项实现“秒批”[1]。现有研究对此关注不足[2]。</p>
            <h2>参考文献</h2><ol class="ref"><li>[1] 国务院办公厅. 全国一体化政务服务平台建设情况通报[R]. 北京，2023.</li>
            <li>[2] 张凌寒. 算法权力的兴起、异化及法律规制[J]. 法商研究，2019（4）：63-75.</li></ol></article></body></html>
            """)
        #expect(chinese.notes.map(\.marker) == ["1", "2"] && chinese.notes.first?.text.hasPrefix("国务院办公厅.") == true)
        #expect(chinese.units.filter { $0.kind == .sentence }.map(\.noteRefs) == [["n1"], ["n2"]])
        let english = try read("""
            <html><body><article><h1>Climate emergencies</h1><p>Sceptics call declarations symbolic politics.<sup><a href="#en1">1</a></sup> We test that claim.</p>
            <h2>Notes</h2><ol><li id="en1"><span>1</span> Edelman’s concept has since been applied widely.</li></ol></article></body></html>
            """)
        #expect(english.notes.map(\.text) == ["Edelman’s concept has since been applied widely."])
        // The entry's own number goes however its text runs on (<span>1</span><p>国务院办公厅…), a year stays.
        let glued = try read("<html><body><article><h1>算法行政</h1><p>全国已有2.3万项事项实现“秒批”[1]。现有研究关注不足[2]。</p><h2>参考文献</h2><ol><li><span>1</span><p>国务院办公厅. 通报[R]. 2023.</p></li><li><span>2022</span> data from the state plans.</li></ol></article></body></html>")
        #expect(glued.notes.map(\.text) == ["国务院办公厅. 通报[R]. 2023.", "2022 data from the state plans."])
        let linkedYear = try read("<html><body><article><h1>Heat</h1><p>Heat kills workers.[1] Few states regulate it.[2]</p><h2>Notes</h2><ol><li><a href=\"#c\">2023</a> Census of Fatal Occupational Injuries.</li><li>OSHA, State Plans (2024).</li></ol></article></body></html>")
        #expect(linkedYear.notes.first?.text == "2023 Census of Fatal Occupational Injuries.")
        // A numbered list under Sources is a text's own section.
        let sources = try read("<html><body><article><h1>Method</h1><p>We drew on three kinds of records for the study.</p><h2>Sources</h2><ol><li>Court filings from two services.</li><li>Profiles of workers.</li></ol></article></body></html>")
        #expect(sources.notes.isEmpty)
        let steps = try read("<html><body><article><h1>Plan</h1><p>We propose two steps for the agency to take next year.</p><h2>Recommendations</h2><ol><li>Fund the mapping first.</li><li>Cap the matching requirement.</li></ol></article></body></html>")
        #expect(steps.notes.isEmpty && steps.units.filter { $0.kind == .sentence }.count == 3)
    }

    /// A class that only says the text has notes (`has-footnotes`) makes no notes list of the article; MediaWiki's
    /// references are its notes without their ^ back-links and [edit] links; CourtListener's notes set one per
    /// `div` are notes without their numbers; Pandoc's ↩︎ goes; a list item held in a paragraph is an item, not a
    /// heading; preformatted text keeps its lines; what the browser hides is left out.
    @Test func notesListsItemsPreformattedAndHiddenText() throws {
        let wrapped = try read("""
            <html><body><main><div class="entry-content has-footnotes"><h1>Transfers</h1>
            <p>We argue that cash transfers reduce poverty faster than subsidies.<sup><a href="#fn1">1</a></sup></p>
            <p>Governments should therefore expand transfers before raising subsidies again.</p>
            <ol class="wp-block-footnotes"><li id="fn1">World Bank, 2019. <a href="#r1">↩︎</a></li></ol></div></main></body></html>
            """)
        #expect(texts(wrapped) == [
            "heading Transfers", "sentence We argue that cash transfers reduce poverty faster than subsidies.[1]",
            "sentence Governments should therefore expand transfers before raising subsidies again.",
        ])
        #expect(wrapped.notes.map(\.text) == ["World Bank, 2019."])
        let wiki = try read("""
            <html><body><div id="content"><h1>Carbon tax</h1><div class="mw-parser-output">
            <p>A carbon tax is a tax levied on the carbon emissions from producing goods.<sup class="reference"><a href="#cite_note-1">[1]</a></sup></p>
            <h2><span class="mw-headline">History</span><span class="mw-editsection">[<a href="/edit">edit</a>]</span></h2>
            <p>Finland introduced the first carbon tax in 1990, and Sweden followed a year later.</p>
            <h2>References</h2><div class="reflist"><ol class="references"><li id="cite_note-1"><span class="mw-cite-backlink"><b><a href="#cite_ref-1">^</a></b></span> <span class="reference-text">Metcalf, G. (2019). Paying for Pollution.</span></li></ol></div>
            </div></div></body></html>
            """)
        #expect(wiki.units.map(\.text).contains("History") && !wiki.units.contains { $0.text.contains("edit") })
        #expect(wiki.notes.map(\.text) == ["Metcalf, G. (2019). Paying for Pollution."])
        let opinion = try read("""
            <html><body><article><p>The district court dismissed the complaint.<sup><a href="#fn1">1</a></sup> We reverse, because the complaint states a claim.</p>
            <div class="footnotes"><div class="footnote" id="fn1"><a href="#r1">1</a> Sunbelt removed the case to federal court.</div></div></article></body></html>
            """)
        #expect(opinion.notes.map(\.text) == ["Sunbelt removed the case to federal court."])
        // A note whose link is not its number keeps its words; an inline span named after footnotes is a marker.
        let linked = try read("""
            <html><body><article><p>Governments should adopt fiscal rules.<sup><a href="#fn1">1</a></sup> Rules reduce deficits over a decade.<span class="easy-footnote"><a href="#fn2"><sup>2</sup></a></span></p>
            <section class="footnotes"><ol><li id="fn1">Ibid. at <a href="https://example.org">12</a>.</li><li id="fn2">Smith, <a href="https://doi.org">2019</a>, p. 4.</li></ol></section></article></body></html>
            """)
        #expect(linked.notes.map(\.text) == ["Ibid. at 12.", "Smith, 2019, p. 4."])
        #expect(linked.units.filter { $0.kind == .sentence }.map(\.noteRefs.count) == [1, 1])
        // docutils sets its notes in a table; a note's leading [year] is no number of its own.
        let sphinx = try read("""
            <html><body><div class="document"><p>Governments should adopt fiscal rules.<a class="footnote-reference" href="#id2">[1]</a> Rules reduce deficits.</p>
            <table class="docutils footnote" id="id2"><tbody><tr><td class="label"><a href="#id1">[1]</a></td><td>Smith, Fiscal Rules, 2019, p. 4.</td></tr></tbody></table>
            <p>A note[2] here and more text after it.</p><div class="footnotes"><p id="fn2">[2019] UKSC 41, para 12.</p></div></div></body></html>
            """)
        #expect(sphinx.notes.map(\.text) == ["Smith, Fiscal Rules, 2019, p. 4.", "[2019] UKSC 41, para 12."])
        let page = try read("""
            <html><body><article><h1>Policy options</h1><p>The committee considered two options for reform:</p>
            <ul><li><p>A carbon tax</p></li><li><p>Regulatory standards</p></li></ul>
            <div hidden><p>HIDDEN: embargoed until 10:00.</p></div><p style="display: none">Not displayed at all.</p>
            <pre>1. Summary
            The Government considers that the schedule should be simplified.

            2. Evidence
            In 2022 the average exporter spent 120 hours on forms.</pre></article></body></html>
            """)
        #expect(texts(page) == [
            "heading Policy options", "sentence The committee considered two options for reform:",
            "sentence - A carbon tax", "sentence - Regulatory standards",
            "heading 1. Summary", "sentence The Government considers that the schedule should be simplified.",
            "heading 2. Evidence", "sentence In 2022 the average exporter spent 120 hours on forms.",
        ])
    }

    /// A page Word saved as a web page (Chinese government sites publish many): its conditional comments are no text,
    /// its footnote list (mso-element:footnote-list) gives the notes, without their bracketed numbers.
    @Test func aPageWordSavedReadsItsNotes() throws {
        let html = """
            <html><head><meta charset="utf-8"><title>关于数字治理的思考</title></head><body><div class=WordSection1><h1>关于数字治理的思考</h1>
            <p class=MsoNormal>本文认为，数字治理的核心是制度创新。<a style='mso-footnote-id:ftn1' href="#_ftn1"><span class=MsoFootnoteReference><![if !supportFootnotes]><span>[1]</span><![endif]></span></a>据统计，2023年全国政务服务平台用户超过10亿。<a href="#_ftn2"><span>[2]</span></a></p>
            </div>
            <div style='mso-element:footnote-list'><![if !supportFootnotes]><br clear=all><hr size=1><![endif]>
            <div style='mso-element:footnote' id=ftn1><p class=MsoFootnoteText><a href="#_ftnref1"><span>[1]</span></a> 张三：《数字治理》，人民出版社2021年版，第5页。</p></div>
            <div style='mso-element:footnote' id=ftn2><p class=MsoFootnoteText><a href="#_ftnref2"><span>[2]</span></a> 国家统计局：《2023年统计公报》。</p></div>
            </div></body></html>
            """
        let document = try read(html)
        #expect(!document.units.contains { $0.text.contains("<![") || $0.text.contains("supportFootnotes") })
        // A hidden conditional comment around a field code keeps the field's result and the text after it.
        let fields = try read("""
            <html><body><div class=WordSection1><p class=MsoNormal>Governments should adopt fiscal rules, as the evidence shows <!--[if supportFields]><span style='mso-element:field-begin'></span> ADDIN ZOTERO<![endif]-->(Smith 2019; Lee 2021)<!--[if supportFields]><span></span><![endif]-->. Rules reduce deficits over a decade in most countries studied.</p></div></body></html>
            """)
        #expect(texts(fields) == ["sentence Governments should adopt fiscal rules, as the evidence shows (Smith 2019; Lee 2021).", "sentence Rules reduce deficits over a decade in most countries studied."])
        #expect(document.notes.map(\.text) == ["张三：《数字治理》，人民出版社2021年版，第5页。", "国家统计局：《2023年统计公报》。"])
        #expect(document.units.filter { $0.kind == .sentence }.map(\.noteRefs.count) == [1, 1])
    }

    /// An older site lays its page out in a table and declares GBK: the text in the table's cell is the page's, and
    /// the characters are read in the charset the page declares.
    @Test func aTableLaidOutPageInGBK() throws {
        // 中文报告。 in GBK, inside a layout table whose cell holds the paragraphs.
        let gbk: [UInt8] = [0xD6, 0xD0, 0xCE, 0xC4, 0xB1, 0xA8, 0xB8, 0xE6, 0xA1, 0xA3]
        let bytes = Array(#"<html><head><meta http-equiv="Content-Type" content="text/html; charset=gbk"></head><body><table><tr><td><a href="/">Home</a></td></tr><tr><td><p>"#.utf8)
            + gbk + Array("</p><p>Second paragraph of the report, in English.</p></td></tr></table></body></html>".utf8)
        let document = try HTMLReader().read(ReaderInput(bytes: bytes, sourcePath: "old.htm", documentID: "old"))
        #expect(texts(document) == ["sentence 中文报告。", "sentence Second paragraph of the report, in English."])
        // The same page without its <meta> is named as such, not read as replacement characters; a page saved as
        // UTF-8 with a byte-order mark that kept its old gb2312 <meta> is read as UTF-8.
        let undeclared = Array("<html><body><p>".utf8) + gbk + Array("</p></body></html>".utf8)
        #expect { try HTMLReader().read(ReaderInput(bytes: undeclared, sourcePath: "old.htm", documentID: "old")) } throws: { error in
            guard case DocumentReadError.malformed(_, let message) = error else { return false }
            return message.contains("declares no charset and is not UTF-8")
        }
        // A program named .html is binary data, not a page in some charset.
        let program: [UInt8] = [0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x01, 0x00, 0x00, 0xC3, 0x28]
        #expect { try HTMLReader().read(ReaderInput(bytes: program, sourcePath: "ls.html", documentID: "ls")) } throws: { error in
            guard case DocumentReadError.malformed(_, let message) = error else { return false }
            return message.contains("holds binary data (a NUL byte at byte 8), not a web page")
        }
        let marked = [0xEF, 0xBB, 0xBF] + Array(#"<html><head><meta charset="gb2312"></head><body><p>中文报告。</p></body></html>"#.utf8)
        #expect(texts(try HTMLReader().read(ReaderInput(bytes: marked, sourcePath: "new.htm", documentID: "new"))) == ["sentence 中文报告。"])
    }

    /// A page of many short pieces, none holding most of its text, is read whole (navigation still left out).
    @Test func aPageOfManyPiecesIsReadWhole() throws {
        let pieces = (1...5).map { "<article><h2>Brief \($0)</h2><p>Brief \($0) makes one point. It makes a second one.</p></article>" }
        let document = try read("<html><body><nav><a href='/'>Home</a></nav>" + pieces.joined() + "</body></html>")
        #expect(document.units.filter { $0.kind == .heading }.map(\.text) == (1...5).map { "Brief \($0)" })
        #expect(document.units.filter { $0.kind == .sentence }.count == 10)
    }

    /// `annotate` picks the reader by extension or by the content; broken markup reads as a browser reads it, and
    /// a page without text is an error that says so.
    @Test func theRegistryPicksItAndBrokenPagesRead() throws {
        let html = "<html><body><p>Unclosed paragraph one. It goes on<p>Paragraph two & more.</body>"
        // A page that declares no charset is UTF-8, not Latin-1.
        #expect(texts(try read("<html><body><p>数字贸易快速发展。Trade—fast.</p></body></html>")) == ["sentence 数字贸易快速发展。", "sentence Trade—fast."])
        let reader = try PluginRegistry.standard.reader(format: "auto", path: "brief.htm", bytes: Array(html.utf8))
        #expect(reader.formatName == "html")
        let sniffed = try PluginRegistry.standard.reader(format: "auto", path: "saved-page", bytes: Array(("<!DOCTYPE html>" + html).utf8))
        #expect(sniffed.formatName == "html")
        // A text that mentions the tag is no page.
        let essay = try PluginRegistry.standard.reader(format: "auto", path: "essay.txt", bytes: Array("Every page opens with <html> and a head.\n".utf8))
        #expect(essay.formatName == "text")
        #expect(texts(try read(html)) == [
            "sentence Unclosed paragraph one.", "sentence It goes on", "sentence Paragraph two & more.",
        ])
        #expect(throws: DocumentReadError.noSentences) { try read("<html><head><title>x</title></head><body><nav>Home</nav></body></html>") }
        #expect(throws: DocumentReadError.empty) { try read("  \n") }
        // Nesting past libxml2's depth is named, not read as an empty page.
        let deep = "<html><body>" + String(repeating: "<div>", count: 300) + "<p>Deep text. It is nested.</p></body></html>"
        #expect { try read(deep) } throws: { error in
            guard case DocumentReadError.malformed(_, let message) = error else { return false }
            return message.contains("deeper than 256 levels")
        }
    }
    /// A gov.cn policy page: the headline in <h1>, the date and source under it, the directive signed and dated at
    /// its foot. The title is the headline's text (it had kept the heading's "# "), the signature the issuer's.
    @Test func aPolicyPagesHeadlineIsItsTitle() throws {
        let html = """
            <!DOCTYPE html><html><head><meta charset="utf-8"><title>江东省人民政府关于推进某项工作的实施意见_地方政策_中国政府网</title></head><body>
            <div class="article"><h1>江东省人民政府关于推进某项工作的实施意见</h1>
            <div class="pages-date">2025-03-14 17:02　来源：江东省人民政府网站</div>
            <div class="pages_content"><p>加快5G网络建设。</p><p>推动数据共享。</p>
            <p style="text-align: right;">江东省人民政府</p><p style="text-align: right;">2025年3月10日</p></div></div></body></html>
            """
        let document = try read(html)
        #expect(document.metadata.titles["zh"] == "江东省人民政府关于推进某项工作的实施意见")
        #expect(document.metadata.fields["issuer"] == "江东省人民政府" && document.metadata.fields["issued"] == "2025年3月10日")
        #expect(document.units.filter { $0.kind == .sentence }.map(\.text) == ["加快5G网络建设。", "推动数据共享。"])
    }
}
