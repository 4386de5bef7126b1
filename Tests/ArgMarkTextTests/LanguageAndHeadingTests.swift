import ArgMarkCore
import Testing

@testable import ArgMarkText

struct LanguageDetectorTests {
    @Test(arguments: [
        ("网络空间治理已从最初单纯的互联网治理转向综合治理。", LanguageTag.zh),
        ("PM2.5浓度下降了，WTO改革仍在继续。", .zh),
        ("Cyberspace governance has shifted from technical to political questions.", .en),
        ("The concept of 命运共同体 is central to the argument made in this long English paper.", .en),
        ("中国提出了倡议。The European Union disagreed with the proposal entirely.", .mixed),
        ("2.5", .und),
    ])
    func detects(_ text: String, _ expected: LanguageTag) {
        #expect(LanguageDetector.detect(text) == expected)
    }
}

struct HeadingDetectorTests {
    @Test(arguments: [
        ("一、2021年工作回顾", 1), ("（一）规则分化的表现", 2), ("(二) 新的挑战", 2), ("第一章 导论", 1), ("第二节 方法", 2),
        ("1. Introduction", 1), ("1.1 Scope", 2), ("2.3.1 Data sources", 3), ("IV. Results", 1), ("Chapter 3 Findings", 1),
        ("结论", 1), ("全球网络空间面临的安全困境", 1), ("各位代表：", 1), ("同志们：", 1), ("Findings:", 1), ("Conclusion", 1), ("2.5", 1), ("(2) Findings", 4),
        // A report heading that states a finding, in title case, may run past the usual length.
        ("Most People Who Lost Coverage During the Unwinding Were Disenrolled for Procedural Reasons, and Many Appear to Have Remained Eligible", 1),
        // A numbered heading may ask a question.
        ("6. Do Governments Ignore Voters?", 1), ("三、谁来承担改造成本？", 1), ("6. “Do Governments Ignore Voters?”", 1),
        // A speech's date and occasion, or a subtitle, after dashes still heads.
        ("——2024年3月5日在第十四届全国人民代表大会第二次会议上", 1), ("——以长三角城市群为例", 1),
        // A division's number alone on its line, as a court opinion nests them (I. › A. › 1.).
        ("I.", 1), ("IV.", 1), ("A.", 2), ("B.", 2), ("1.", 3), ("12.", 3),
        // A proposal's or report's section label with its colon heads what follows.
        ("提案内容：", 1), ("案由：", 1), ("基本情况：", 1), ("推荐阅读：", 1), ("有关情况说明：", 1), ("提出理由：", 1),
        // A textbook's heading on a kind of fallacy; a heading that wraps at ", and"; 陆、 as the word for land.
        ("谬误一：非形式谬误的分类", 1), ("II. Tariffs, Quotas, and", 1), ("陆、海、空三军联合训练", 1),
    ])
    func headings(_ text: String, _ level: Int) {
        #expect(HeadingDetector.level(of: text) == level)
    }

    @Test(arguments: [
        "（一）着力稳定宏观经济大盘，保持经济运行在合理区间。", "各位代表！", "这是一个完整的句子。",
        "Platforms shape public debate. We study them", "and this line continues a broken sentence",
        "States that had completed their system changes before the unwinding renewed far more enrollees on the basis of data they already held",
        "2024年全球数字贸易额超过4万亿美元，比上年增长10%，其中数据跨境流动的贡献最大，增速也最快，远超其他领域",
        "Is that enough?", "（二）谁来付费？这是问题。", "2. Why did the rule fail? Because costs rose sharply for everyone involved?",
        // A one-sentence paragraph whose note markers follow its full stop.
        "Fees fell by 12% in 1852.[1]", "Fees fell by 12% in 1852. [12, 14]", "Fees fell by 12% in 1852.[^1]",
        "Fees fell by 12% after the reform.¹²", "Fees fell by 12% after the reform.12",
        "We don't really get into that here.\"4", "She said “no.”12", "(b) adopt a safe harbor of $14; and",
        // … or whose full stop closing quotes or brackets follow.
        "The minister said that \"fees fell after the reform.\"", "The minister said that “fees fell after the reform.”",
        "Fees fell after the reform (see Table 2.)", "The minister asked “who pays?”", "Fees fell after the reform.”[3]",
        "“States must act now.” (Smith 2020, 45)", "Fees fell after the reform. (Table 2)",
        // List items, a quotation's attribution, a year a wrap put at a line's start, a lead-in to what follows.
        "- local veto points", "* fiscal incentives for cities", "– expand access", "— A planning director, interviewed in 2023",
        "1. cap the fee at the benchmark", "(2) cap the breakeven fee", "3. Cap the fee.", "4. Expand the program to all wards.",
        // A numbered line with a full stop, in title case or not, is a list's item (1. Require Disclosure.).
        "1. Require Disclosure.", "2. Lessons from the Pilots.", "(2018) of the Allegheny Family Screening Tool",
        "研究发现：", "我们要重点做好以下工作：", "现提出如下建议：", "存在以下情况：", "提出几点建议：",
        // An epigraph's attribution.
        "——习近平", "——约瑟夫·奈",
        // A rebuttal's statement of the position it refutes, with or without its stop.
        "谬误一：新疆存在“强迫劳动”", "谬论3：美国不寻求冲突", "误区：数据出境一律需要审批",
    ])
    func notHeadings(_ text: String) {
        #expect(HeadingDetector.level(of: text) == nil)
    }

    /// Numbers after a dot number headings, and a marker without a full stop before it may close one: neither is a
    /// sentence's note marker.
    @Test(arguments: ["Appendix A.1", "Section 3.12", "Results [1]", "Table 2.3", "Elections and Turnout (1990–2020)", "Smith v. Jones (2020)"])
    func headingsEndingInNumbers(_ text: String) {
        #expect(HeadingDetector.level(of: text) != nil)
    }
}

/// A heading too long for its line, wrapped where no heading ends, is one heading; a heading that ends on a word
/// (研究目的, 风险应对), or a short one that is complete (What to Watch For), and the line below it stay apart.
struct WrappedHeadingTests {
    static let paragraph = "数字技术为基层治理提供了新的工具。这说明基层减负仍有较大空间。"
    /// The paragraph hard-wrapped at 20 characters (40 columns), twice.
    static let wrapped = [String](repeating: HardWrapTests.wrapByCharacters(String(repeating: paragraph, count: 3), width: 20), count: 2)
        .joined(separator: "\n")

    @Test func aChineseHeadingWrappedWhereNoHeadingEndsIsOneHeading() throws {
        let text = "二、数字技术赋能基层治理能力提升的内在机理与\n分析框架\n\(Self.wrapped)\n（一）技术赋能基层治理的制度逻辑与实践的\n三重维度\n\(Self.wrapped)\n"
        let document = try read(PlainTextReader(), text)
        let headings = document.units.filter { $0.kind == .heading }
        #expect(headings.map(\.text) == ["二、数字技术赋能基层治理能力提升的内在机理与分析框架", "（一）技术赋能基层治理的制度逻辑与实践的三重维度"])
    }

    @Test func anEnglishHeadingWrappedOnAFunctionWordIsOneHeading() throws {
        let paragraph = HardWrapTests.wrapGreedily(String(repeating: "Export controls have become a central instrument of policy. ", count: 4), width: 60)
        let text = "1. The Limits of Enforcement and the Capacity of\nthe Bureau of Industry\n\n\(paragraph)\n\nWhat to Watch For\nInflation\n\n\(paragraph)\n"
        let headings = try read(PlainTextReader(), text).units.filter { $0.kind == .heading }.map(\.text)
        #expect(headings == ["1. The Limits of Enforcement and the Capacity of the Bureau of Industry", "What to Watch For", "Inflation"])
    }

    /// In a text of a line per paragraph (a Word or web export) the width says nothing: a Chinese head ending on 的
    /// joins its tail, an English one a tail that goes on in lower case.
    @Test func aWrappedHeadingInATextOfALinePerParagraph() throws {
        let chinese = try read(PlainTextReader(), "（一）技术赋能的\n三重逻辑\n\(Self.paragraph)\n")
        #expect(chinese.units.filter { $0.kind == .heading }.map(\.text) == ["（一）技术赋能的三重逻辑"])
        let english = try read(PlainTextReader(), "1. The Limits of Enforcement and\nthe Bureau of Industry\n\nExport controls matter. They shape markets.\n")
        #expect(english.units.filter { $0.kind == .heading }.map(\.text) == ["1. The Limits of Enforcement and the Bureau of Industry"])
    }

    /// pdftotext sets a paper's section number on a line of its own above the title (2 | Background, 2.1 | Earlier
    /// codes): number and title are one heading, nested by the number. A page number above a running head (the same
    /// head under two numbers), or numbers that do not count from 1, stay apart.
    @Test func aSectionNumberOnALineOfItsOwnJoinsItsTitle() throws {
        let paragraph = "Online platforms now govern the speech of billions. Their rules are written in private.\n"
        let text = "1\nIntroduction\n\n\(paragraph)\n2\n\nBackground\n\n\(paragraph)\n2.1\nEarlier codes\n\n\(paragraph)\n3\n引言\n\n\(paragraph)"
        let document = try read(PlainTextReader(), text)
        #expect(document.units.filter { $0.kind == .heading }.map(\.text) == ["1 Introduction", "2 Background", "2.1 Earlier codes", "3引言"])
        #expect(document.sections.map(\.level) == [1, 1, 2, 1])
        for lines in ["14\nRIBEIRO AND KELLER\n\n\(paragraph)\n15\nRIBEIRO AND KELLER\n\n\(paragraph)",
                      "14\nMethods\n\n\(paragraph)\n15\nResults\n\n\(paragraph)", "1\nIntroduction\n\n\(paragraph)"] {
            let apart = try read(PlainTextReader(), lines).units.filter { $0.kind == .heading }.map(\.text)
            #expect(!apart.contains { $0.contains(" ") && $0.first!.isNumber }, "\(apart)")
        }
    }

    @Test(arguments: [
        "二、研究目的\n分析框架\n", "三、风险应对\n制度建设\n", "Results and\n2. Discussion\n", "一、问题的\n\n提出\n", "Findings\nCongress\n",
    ])
    func linesThatAreNoWrappedHeadingStayApart(_ lines: String) throws {
        let document = try read(PlainTextReader(), lines + Self.paragraph + "\n")
        let expected = lines.split(separator: "\n").map(String.init)
        #expect(document.units.filter { $0.kind == .heading }.map(\.text) == expected)
    }
}
