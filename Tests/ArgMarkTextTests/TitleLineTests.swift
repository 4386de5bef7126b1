import ArgMarkCore
import Foundation
import Testing

@testable import ArgMarkText

/// A report, fact sheet or paper copied as plain text opens with its title on a line of its own: the title is the
/// document's, the line stays its first heading (no unit, id or label moves), and a date alone under it is its date.
struct TitleLineTests {
    func titleAndDate(_ text: String) throws -> (title: String?, date: String?, units: [String]) {
        let document = try read(PlainTextReader(), text)
        return (document.metadata.titles.values.first, document.metadata.fields["date"], document.units.map(\.text))
    }

    @Test func aFactSheetsFirstLineIsItsTitleAndTheDateUnderItItsDate() throws {
        let found = try titleAndDate("""
            美国对古巴封锁的谬误与事实真相
            2026年1月
            前言
            古巴是加勒比地区的主权国家。这场封锁至今已持续六十多年。
            """)
        #expect(found.title == "美国对古巴封锁的谬误与事实真相")
        #expect(found.date == "2026年1月")
        // (The lines stay the text's, as before.)
        #expect(found.units == ["美国对古巴封锁的谬误与事实真相", "2026年1月", "前言", "古巴是加勒比地区的主权国家。", "这场封锁至今已持续六十多年。"])
    }

    @Test func aReportsTitleAndItsDate() throws {
        let found = try titleAndDate("""
            Colorado River Shortage and Federal Drought Policy: Issues for Congress
            September 29, 2025
            Summary
            The Colorado River supplies water to about 40 million people. Its reservoirs have fallen since 2000.
            """)
        #expect(found.title == "Colorado River Shortage and Federal Drought Policy: Issues for Congress")
        #expect(found.date == "September 29, 2025")
        let undated = try titleAndDate("""
            Who Pays for the Free Lunch? Universal School Meals as an Institution
            Universal school meals spread quickly after 2020. Their cost is now debated in many states.
            """)
        #expect(undated.title == "Who Pays for the Free Lunch? Universal School Meals as an Institution" && undated.date == nil)
    }

    /// A title page whose next line names the author or the issuer, or a title with its subtitle over the text (a
    /// translation without its author lines).
    @Test func anAuthorsOrIssuersLineOrASubtitleConfirmsTheTitle() throws {
        #expect(try titleAndDate("某大国南部边境移民和寻求庇护者人权状况报告\n南溪国际人权研究会\n2026年2月\n前言\n近年来，该国南部边境的移民人数持续增加。\n").title
            == "某大国南部边境移民和寻求庇护者人权状况报告")
        #expect(try titleAndDate("Tied to the Household: Migrant Domestic Workers and ILO Convention 189\nTeresa M. Villanueva-Holt\nSchool of Social Policy, University of Carrowmore\nCare chains rest on more than wages.\n").title
            == "Tied to the Household: Migrant Domestic Workers and ILO Convention 189")
        #expect(try titleAndDate("谁的种子？全球南方的植物品种保护与种子公地\n在撒哈拉以南非洲播下的种子，大部分并非购自种子公司。本文认为，冲突并非创新与传统之争。\n").title
            == "谁的种子？全球南方的植物品种保护与种子公地")
    }

    /// What a date, a name or an affiliation also follows — an outlet, a label, a person, an organisation, a journal or
    /// series, a volume line, an epigraph, a sentence — is no title (the second review's probes); a report's number,
    /// a byline after "Posted by", a plan's title by its form and a title over its column's label are.
    @Test func onlyWhatReadsAsATitleIsConfirmedByADateOrAName() throws {
        for head in [
            "BBC News\n5 March 2025\n", "FOR IMMEDIATE RELEASE\nMarch 5, 2025\n", "Associated Press\nMarch 5, 2025\n", "Sarah Patel\nKey Findings\n",
            "Brookings Institution\nForeign Policy\n", "Council on Foreign Relations\nCenter for Preventive Action\n",
            "AMERICAN POLITICAL SCIENCE REVIEW\nPartisan Sorting and Affective Polarization\n", "NBER WORKING PAPER SERIES\nTRADE SHOCKS AND POPULISM\n",
            "Vol. 12, No. 3\nMarch 2025\n", "Issue Brief No. 12\nMarch 2025\n", "Policy Recommendations\nJohn Smith\n",
            "Those who cannot remember the past are condemned to repeat it\nGeorge Santayana\n", "CRS Report for Congress\nPrepared for Members and Committees of Congress\n",
            "Below are my notes from the hearing on the border bill\nMarch 5, 2025\n", "天下兴亡，匹夫有责\n顾炎武\n", "专家解读\n刘洋\n",
            // (The third review's: lead-ins before a colon, sayings over who said them, a site's sign-up line.)
            "特别提示：本文仅代表作者个人观点\n", "核心提示：今年以来，我国经济持续回升向好\n", "Editor's Note: This Essay Is Adapted From a Lecture\n",
            "Correction: An Earlier Version Misstated the Date\n", "“绿水青山就是金山银山”\n习近平\n",
            "\"The Only Thing We Have to Fear Is Fear Itself\"\nFranklin D. Roosevelt\n", "Sign Up for Our Daily Newsletter Today\nSummary\n",
            // (A title a hard wrap ran into its dated line.)
            "Biosimilars: Approval, Patents, Medicare Payment, and Issues for Congress Report R49021, December 6, 2026\nSummary\n",
        ] {
            #expect(try titleAndDate(head + "The program grew quickly after 2020. Its costs are now debated in many states.\n").title == nil, "\(head)")
        }
        #expect(try titleAndDate("Election Security: Federal Support to States Needs Better Coordination\nGAO-24-106123\nWhat GAO Found\nStates asked for help.\n").title
            == "Election Security: Federal Support to States Needs Better Coordination")
        #expect(try titleAndDate("Why Deliberative Polls Don't Scale\nPosted by Alex Romero\nDeliberative polls work in small rooms. They cost a lot.\n").title
            == "Why Deliberative Polls Don't Scale")
        #expect(try titleAndDate("江东市城市更新三年行动方案（2024—2026年）\n为贯彻落实国家关于实施城市更新行动的部署，结合本市实际，制定本方案。\n").title
            == "江东市城市更新三年行动方案（2024—2026年）")
        #expect(try titleAndDate("人工智能时代个人信息保护的制度困境与出路选择\n学术前沿\n\n刘洋\n个人信息保护正在成为数字治理的核心议题。\n").title
            == "人工智能时代个人信息保护的制度困境与出路选择")
        let sentenceCase = try titleAndDate("The politics of fiscal rules\nLukas Brenner\nTo cite this article: Lukas Brenner (2023) The politics of fiscal rules.\nIntroduction\nFiscal rules spread after 1990.\n")
        #expect(sentenceCase.title == "The politics of fiscal rules")
        #expect(try titleAndDate("Federal Wildland Fire Management and Funding: Issues for Congress\nUpdated October 7, 2025\nSummary\nFires grew.\n").date == "October 7, 2025")
    }

    /// Text copied from a page or a PDF: a site's name, a journal's running head, a series label or a wrapped first
    /// line above the text is no title.
    @Test func aPagesOrPDFsFurnitureIsNoTitle() throws {
        for head in [
            "世界经济与政治　2024年第3期\n全球治理理念的制度化\n", "Skip to main content\nNews\n", "United Nations S/RES/2712 (2023)\nSecurity Council\n",
            "POLICY BRIEF | No. 14 | July 2025\nHelena Marsh, Senior Fellow\n", "政策简报\n2025年6月\n", "华中科技大学硕士学位论文\n第一章 绪论\n",
            "自20世纪90年代以来，全球治\n理研究经历了从概念到制度的转变。\n",
        ] {
            let found = try titleAndDate(head + "这一领域的研究持续增加。学者们提出了不同的解释。\n")
            #expect(found.title == nil, "\(head)")
        }
    }

    /// A first line that opens a section, names one, labels a letter's head, names an organisation, or is a word
    /// or a date is no title; nor is a first line of text.
    @Test func aSectionsHeadingALabelOrAnOrganisationIsNoTitle() throws {
        for first in [
            "一、既有研究与分析框架", "I. Introduction and Summary", "1. Introduction", "Chapter 2 The Origins of the Dispute", "第一章 问题的提出",
            "前言", "Executive Summary", "What GAO Found", "Re: Docket No. CFPB-2026-0031", "United States Government Accountability Office",
            "东澜国际战略研究院", "MEMORANDUM", "2026年1月", "September 29, 2025", "附件1 重点任务分工",
        ] {
            let found = try titleAndDate(first + "\nThe program grew quickly after 2020. Its costs are now debated in many states.\n")
            #expect(found.title == nil, "\(first)")
        }
        let sentence = try titleAndDate("这场封锁至今已持续六十多年。古巴人民为此付出了沉重代价。\n二、封锁的代价\n")
        #expect(sentence.title == nil)
    }

    /// What a frame read stays the title and date: a speech's head (its date the occasion's).
    @Test func aFramesTitleStays() throws {
        let speech = try read(PlainTextReader(), "在全国科技大会上的讲话\n（2024年6月24日）\n习近平\n同志们：\n今天，我们召开全国科技大会。\n")
        #expect(speech.metadata.titles == ["zh": "在全国科技大会上的讲话"] && speech.metadata.fields["date"] == nil)
    }
}
