import ArgMarkCore
import ArgMarkPipeline
import Testing

@testable import ArgMarkText

/// Hard-wrapped text (pdftotext output, e-mail, archive exports) reads as the same sentences as its unwrapped form.
struct HardWrapTests {
    static let chineseParagraphs = [
        "2022年底以来，生成式人工智能快速扩散，使人工智能治理从少数专家讨论的技术伦理议题迅速上升为全球议程。欧盟于2024年完成《人工智能法》的立法程序，当年相关投资增长41.5%。[3]各国政府和国际组织竞相介入，规则之争日趋激烈。",
        "本文认为，全球人工智能治理中的规范竞争是围绕风险由谁界定、规则在哪里制定、能力如何分配三个问题展开的分层竞争。这一竞争既有制度层面的分歧，也有能力层面的差距，单一模式难以取代其他模式。",
        "因此，中国应当以联合国框架下的能力建设为支点，在风险分级和安全测试等技术性规范上与各方对接，并支持企业参与国际安全承诺和标准制定，把能力建设做实做细。",
    ]

    static let englishParagraphs = [
        "Much of the practical content of artificial intelligence regulation is now written not by legislatures but by standardisation committees. The EU Artificial Intelligence Act grants a presumption of conformity to systems that follow harmonised standards, and U.S. policy leans on voluntary frameworks issued by NIST.",
        "This paper argues that technical standards have become a central and weakly accountable site of AI governance. They translate contested value choices about error, bias and oversight into apparently neutral engineering requirements, in forums where the firms to be governed hold most of the seats.",
        "Legislatures should therefore retain the normative choices, fund public participation in drafting and require independent review of standards that embed value choices. For example, the Act could name the error rates a standard may not exceed.",
    ]

    /// Every `width` characters, as a wrap by character count leaves Chinese text (numbers and markers split too).
    static func wrapByCharacters(_ paragraph: String, width: Int) -> String {
        let characters = Array(paragraph)
        return stride(from: 0, to: characters.count, by: width)
            .map { String(characters[$0..<min($0 + width, characters.count)]) }.joined(separator: "\n")
    }

    /// Greedily at word boundaries, as fmt, mail clients and text editors wrap English.
    static func wrapGreedily(_ paragraph: String, width: Int) -> String {
        var lines: [String] = []
        var line = ""
        for word in paragraph.split(separator: " ") {
            if !line.isEmpty, line.count + 1 + word.count > width {
                lines.append(line)
                line = ""
            }
            line += (line.isEmpty ? "" : " ") + word
        }
        return (lines + [line]).joined(separator: "\n")
    }

    func texts(_ document: Document) -> [String] { document.units.map { "\($0.kind) \($0.text)" } }

    /// pdftotext -layout sets the body six columns in, each paragraph's first line ten, headings and a page's foot at
    /// the edge: the body's margin is where most lines start, so its lines carry their paragraphs on and each
    /// paragraph's first line opens one (the first lines had been headings, the rest cut-off sentences).
    @Test func aLayoutWithItsBodySetInReadsAsWritten() throws {
        func layout(_ paragraph: String) -> String {
            Self.wrapGreedily(paragraph, width: 66).split(separator: "\n").enumerated()
                .map { (String(repeating: " ", count: $0.offset == 0 ? 10 : 6)) + $0.element }.joined(separator: "\n")
        }
        let text = "Summary\n" + Self.englishParagraphs.map(layout).joined(separator: "\n") + "\nRecommendations\n" + layout(Self.englishParagraphs[0]) + "\n23-22941 (E)\n"
        let doc = try read(PlainTextReader(), text)
        let expected = try read(PlainTextReader(), "Summary\n\n" + Self.englishParagraphs.joined(separator: "\n\n") + "\n\nRecommendations\n\n" + Self.englishParagraphs[0] + "\n\n23-22941 (E)\n")
        #expect(texts(doc) == texts(expected))
        #expect(doc.paragraphs.count == expected.paragraphs.count)
    }

    /// A figure's caption right under a full line that ends a sentence opens its own paragraph, and the numbered
    /// heading under it stays a heading: joined on, the caption and the heading had become three sentences.
    @Test func aCaptionUnderAFullLineStandsAlone() throws {
        let text = """
            Municipalities that adopted participatory budgeting ran smaller deficits in
            the years that followed, and the difference grew with every year of the
            programme. We draw on fiscal records for all municipalities and on our own
            survey of adoption. We estimate a two-way fixed effects model (see Fig. 2
            for the event-study plot). Standard errors are clustered by municipality.
            Figure 2. Event-study estimates of PB adoption on primary deficits
            4. Results
            The estimated effect is -0.015 (s.e. 0.004), significant at the 1%
            level. By the fifth year after adoption, deficits are 2.3 percentage
            points lower. Excluding state capitals leaves the estimate unchanged,
            and so does dropping the municipalities that adopted before the reform.

            """
        let doc = try read(PlainTextReader(), text)
        #expect(doc.units.contains { $0.kind == .caption && $0.text == "Figure 2. Event-study estimates of PB adoption on primary deficits" })
        #expect(doc.units.contains { $0.kind == .heading && $0.text == "4. Results" })
        #expect(!doc.units.contains { $0.text.hasPrefix("Figure 2.") && $0.kind == .sentence })
    }

    /// Long block quotations set in four columns do not move the margin: the quotation after a full line of text
    /// stays a paragraph of its own.
    @Test func blockQuotationsDoNotMoveTheMargin() throws {
        let quote = Self.wrapGreedily(Self.englishParagraphs[1] + " " + Self.englishParagraphs[1], width: 66).split(separator: "\n").map { "    " + $0 }.joined(separator: "\n")
        let body = Self.wrapGreedily(Self.englishParagraphs[0], width: 70)
        let text = body + "\n" + quote + "\n" + body + "\n" + quote + "\n" + Self.wrapGreedily(Self.englishParagraphs[2], width: 70) + "\n"
        let doc = try read(PlainTextReader(), text)
        #expect(doc.paragraphs.count == 5)
    }

    /// A work report copied from its PDF: the occasion line, wider than the wrap (half-width digits), ends at its 上,
    /// and the speaker's office and name under it are the byline, not the occasion's tail.
    @Test func aWrappedSpeechsOccasionEndsAtItsMeeting() throws {
        let body = Self.chineseParagraphs.map { "　　" + Self.wrapByCharacters($0, width: 28) }.joined(separator: "\n")
        let text = "政府工作报告\n——2025年1月20日在江南省第十四届人民代表大会第三次会议上\n江南省省长　刘振华\n　　各位代表：\n" + body + "\n"
        let document = try read(PlainTextReader(), text)
        #expect(document.metadata.fields["occasion"] == "2025年1月20日在江南省第十四届人民代表大会第三次会议上")
        #expect(document.metadata.authors == ["刘振华"])
        #expect(!document.units.contains { $0.kind == .sentence && $0.text.contains("刘振华") })
    }

    /// An affiliation set smaller than the body, and so wider than the wrap, ends where 摘要： opens the abstract.
    @Test func aWideAffiliationEndsAtTheAbstract() throws {
        let body = Self.chineseParagraphs.map { Self.wrapByCharacters($0, width: 28) }.joined(separator: "\n")
        let text = "城市更新中的居民参与\n吴海燕1，许志刚2\n（1.同济大学 政治与国际关系学院，上海 200092；2.中山大学 政治与公共事务管理学院，广州 510275）\n"
            + "摘　要：城市更新是城市治理的重要议题。本文比较了三市的\n居民参与机制。\n关键词：城市更新；居民参与\n一、引言\n" + body + "\n"
        let document = try read(ArticleReader(), text)
        #expect(document.metadata.abstracts["zh"] == "城市更新是城市治理的重要议题。本文比较了三市的居民参与机制。", "\(document.metadata)")
    }

    @Test func chineseWrappedByCharacterCountReadsAsUnwrapped() throws {
        let plain = "一、问题的提出\n\(Self.chineseParagraphs[0])\n二、规范竞争的层次\n\(Self.chineseParagraphs[1])\n\(Self.chineseParagraphs[2])\n"
        let wrapped = "一、问题的提出\n\(Self.wrapByCharacters(Self.chineseParagraphs[0], width: 30))\n二、规范竞争的层次\n"
            + Self.chineseParagraphs[1...].map { Self.wrapByCharacters($0, width: 30) }.joined(separator: "\n") + "\n"
        #expect(wrapped.split(separator: "\n").count > 12)
        let expected = try read(PlainTextReader(), plain)
        let document = try read(PlainTextReader(), wrapped)
        #expect(texts(document) == texts(expected))
        #expect(document.units.filter { $0.kind == .heading }.count == 2)
        // Offsets still point into the wrapped source text.
        let source = Array(wrapped.unicodeScalars)
        for unit in document.units {
            #expect(String(String.UnicodeScalarView(source[unit.start..<unit.end].filter { $0 != "\n" })) == unit.text)
        }
    }

    /// A text too short to tell its wrap width (a pasted comment, an e-mail) still joins a line that breaks off where
    /// no paragraph ends — after a comma or a lower-case word, before a lower-case word, or after a Chinese comma —
    /// and keeps every other line apart: a letterhead, a glossary's padded entries, a list's items.
    @Test func aShortTextJoinsOnlyTheLinesThatBreakOffMidSentence() throws {
        let comment = "Cities underprice curb parking across most of the country, and\nfree parking raises traffic, as drivers cruise for spaces in\ndistricts where every space is taken.\nCities should price parking.\n"
        #expect(texts(try read(PlainTextReader(), comment)) == [
            "sentence Cities underprice curb parking across most of the country, and free parking raises traffic, as drivers cruise for spaces in districts where every space is taken.",
            "sentence Cities should price parking.",
        ])
        let names = "Several large cities have priced their curbs for years, such as\nNew York and Boston.\n"
        #expect(texts(try read(PlainTextReader(), names)) == ["sentence Several large cities have priced their curbs for years, such as New York and Boston."])
        // Short lines are items, headings or verse, a run that ends no sentence is no wrapped sentence, and a heading
        // above a paragraph on one long line is no wrap: every unit stays within its line.
        for kept in ["great idea\nterrible plan\nmore parking please\n", "Who we are\nWe are a group of researchers.\n",
                     "import numpy as np and the rest of the pipeline used in the\nanalysis of the data\n",
                     "Care deficits and the demand for living in\n" + String(repeating: "None of this is likely to fade on its own. ", count: 5) + "\n",
                     "honestly the council should ban debt buyers from the city now\nthey harass people every single day and nobody does anything\nthe law should change before more families lose their homes.\n"] {
            let lines = kept.split(separator: "\n").map(String.init)
            #expect(try read(PlainTextReader(), kept).units.allSatisfy { unit in lines.contains { $0.contains(unit.text) } }, "\(kept)")
        }
        // An e-mail wrapped at 72 columns: breaks before a hyphenated word, after the pronoun I, before a word and a
        // full stop.
        let letter = "Thank you for the draft report on parking policy in Leeds. I think the section on pricing is convincing, but the evidence on cruising in Manchester needs a better source. The authors call 30% an upper bound. I would suggest that the report recommends pricing on-street parking in the city centre, and that it cites the SFpark evaluation as its main evidence."
        for width in [60, 66, 72, 80] {
            let mail = Self.wrapGreedily(letter, width: width) + "\n"
            #expect(mail.split(separator: "\n").count < 8)
            #expect(texts(try read(PlainTextReader(), mail)) == texts(try read(PlainTextReader(), letter + "\n")), "width \(width)")
        }
        let chinese = "各国应当加强合作。数据显示，贸易增长了百分之五，\n这表明合作是有效的。\n"
        #expect(texts(try read(PlainTextReader(), chinese)) == [
            "sentence 各国应当加强合作。", "sentence 数据显示，贸易增长了百分之五，这表明合作是有效的。",
        ])
        let apart = "Very Large Financial Institutions\nc/o Legal Division Docket Manager\n\nppm  parts per million\nbtu  british thermal unit\n\n- cheaper loans\n- fewer fees\n"
        #expect(try read(PlainTextReader(), apart).units.count == 6)
        // A list item ending in "and" goes on to the next item, not into it.
        let items = "The Bureau should take three steps:\n(1) publish the benchmark each year;\n(2) cap the breakeven fee at the benchmark; and\n(3) review the benchmark every five years.\n"
        #expect(try read(PlainTextReader(), items).units.map(\.text).last == "(3) review the benchmark every five years.")
    }

    /// A wrap right after a number's full stop (…2025.13.|003) is no sentence's end, so a short line after it that
    /// looks like a heading carries on the paragraph.
    @Test func aWrapAfterANumbersFullStopCarriesOn() throws {
        let filler = String(repeating: "网络空间治理研究", count: 6) + "编号"  // 50 characters
        let paragraph = filler + "2025.13." + "003"
        let paragraphs = Self.chineseParagraphs + [paragraph] + Self.chineseParagraphs
        #expect(String(Array(paragraph)[50..<58]) == "2025.13.")
        let plain = paragraphs.joined(separator: "\n") + "\n"
        let wrapped = paragraphs.map { Self.wrapByCharacters($0, width: 29) }.joined(separator: "\n") + "\n"
        #expect(wrapped.contains("2025.13.\n003"))
        #expect(texts(try read(PlainTextReader(), wrapped)) == texts(try read(PlainTextReader(), plain)))
    }

    /// A block quotation set in five spaces and wrapped at its own, narrower measure is one paragraph, as the text
    /// around it is wrapped at the text's measure; a verse or list set in the same way, whose lines are not full, is not.
    @Test func aBlockQuotationWrappedAtItsOwnMeasureIsOneParagraph() throws {
        let before = "Stoler, writing about the Dutch colonial archive, went further than Foucault had. She urged historians to read along the archival grain, attending to the categories and anxieties of the officials who produced the documents, and she put the point this way:"
        let quote = "Rather than treat the archive as a site of knowledge retrieval, I treat it as a site of knowledge production, as monuments of states as well as sites of state ethnography. Archival conventions might designate who were subjects and who were not, but such conventions were never fixed."
        let after = "Stoler's method has been enormously productive for a generation of historians of empire. Yet it has a limitation that is seldom acknowledged in the literature that follows her, and it matters for what follows here."
        let indentedQuote = Self.wrapGreedily(quote, width: 57).split(separator: "\n").map { "     " + $0 }.joined(separator: "\n")
        let text = Self.wrapGreedily(before, width: 72) + "\n\n" + indentedQuote + "\n\n" + Self.wrapGreedily(after, width: 72) + "\n"
        let document = try read(PlainTextReader(), text)
        #expect(document.units.allSatisfy { $0.kind == .sentence })
        #expect(document.paragraphs.count == 3)
        #expect(document.units.map(\.text).contains("Archival conventions might designate who were subjects and who were not, but such conventions were never fixed."))
        // A quatrain of near-equal lines and a numbered list set in the same way keep their lines.
        let verse = "     Shall I compare thee to a summer's day?\n     Thou art more lovely and more temperate:\n     Rough winds do shake the darling buds of May,\n     And summer's lease hath all too short a date;"
        // (Prose long enough around them that the text reads as hard-wrapped.)
        let prose = Self.wrapGreedily(after + " " + before, width: 72)
        let withVerse = try read(PlainTextReader(), prose + "\n\n" + verse + "\n\n" + prose + "\n")
        #expect(withVerse.paragraphs.count == 6, "\(withVerse.units.map(\.text))")
        #expect(withVerse.units.map(\.text).contains("Rough winds do shake the darling buds of May,"))
        // A quotation one of whose lines ends a sentence and one on a comma is still one paragraph.
        let quoted = try read(PlainTextReader(), String(decoding: try fixture("block-quotation.txt"), as: UTF8.self))
        #expect(quoted.units.allSatisfy { $0.kind == .sentence } && quoted.paragraphs.count == 3, "\(quoted.units.map(\.text))")
        #expect(quoted.units.map(\.text).contains("The public paid little attention to any of it, and the press hardly reported the breaches at all."))
        let list = "     1. Congress could require large new loads to pay for the upgrades\n     that their connection makes necessary, as several states already do.\n     2. Congress could set deadlines for interconnection studies and fund\n     the staff that the commission needs to meet them within two years."
        let withList = try read(PlainTextReader(), prose + "\n\n" + list + "\n\n" + prose + "\n")
        #expect(withList.units.contains { $0.text.hasPrefix("2. Congress could set deadlines") }, "\(withList.units.map(\.text))")
    }

    /// A note marker that a wrap put at a line's start after a sentence's end closes that sentence, even when the
    /// rest of the line reads like a heading; in a notes list the same line opens the next entry.
    @Test func aNoteMarkerAtALinesStartClosesTheSentenceAbove() throws {
        // 32 characters to the full stop, so that the wrap puts the marker at the next line's start.
        let paragraph = "微软宣布向阿联酋人工智能企业投资十五亿美元，该企业停用中国设备。[33]2025年5月，美国与阿联酋又宣布在阿布扎比合作建设大型人工智能园区，该企业是其主要建设方之一。"
        let paragraphs = HardWrapTests.chineseParagraphs + [paragraph] + HardWrapTests.chineseParagraphs
        let wrapped = paragraphs.map { Self.wrapByCharacters($0, width: 32) }.joined(separator: "\n") + "\n"
        #expect(wrapped.contains("设备。\n[33]2025年5月，美国与阿联酋又宣布在阿布扎比合作建设大型\n"))
        #expect(HeadingDetector.level(of: "[33]2025年5月，美国与阿联酋又宣布在阿布扎比合作建设大型") != nil)
        #expect(texts(try read(PlainTextReader(), wrapped)) == texts(try read(PlainTextReader(), paragraphs.joined(separator: "\n") + "\n")))
    }

    /// In wrapped front matter, a keywords line after an abstract whose last line is full begins a field of its own,
    /// and the numbered heading after the keywords stays a heading (both had run on into the abstract).
    @Test func keywordsAndTheFirstHeadingAfterFullLinesAreTheirOwn() throws {
        let lines = [
            "Does Deliberation Change Minds? A Field Experiment in Participatory Budgeting",
            "Ana Ribeiro and Thomas Keller",
            "Abstract",
            "Participatory budgeting (PB) is often praised for its deliberative qualities, yet evidence",
            "that deliberation changes citizens' preferences is thin. We report a randomised field",
            "experiment in 48 neighbourhood assemblies in Porto Alegre and Lisbon. Deliberation shifted",
            "support toward projects benefitting poorer districts by 7.2 percentage points (p < .01).",
            "Keywords: participatory budgeting, deliberation, field experiment, local democracy",
            "I. INTRODUCTION",
            "Participatory budgeting began in Porto Alegre in 1989 and has since spread to over 7,000",
            "cities worldwide (Wampler, McNulty & Touchton 2021, pp. 3–5). Its advocates claim that",
            "deliberation among citizens produces \"better\" decisions, i.e., decisions that are more",
            "equitable and more informed.1 Skeptics respond that assemblies are dominated by the",
            "already-engaged (Fung 2006; cf. Baiocchi 2005, ch. 4). Who is right? Surprisingly, few",
            "studies have measured preference change directly.2",
            "Our design addresses this gap. We randomly assigned 2,412 residents to either a"
        ]
        let doc = try read(ArticleReader(), lines.joined(separator: "\n") + "\n")
        #expect(doc.metadata.keywords["en"] == ["participatory budgeting", "deliberation", "field experiment", "local democracy"])
        #expect(doc.metadata.abstracts["en"]?.hasSuffix("(p < .01).") == true)
        #expect(doc.units.first?.text == "I. INTRODUCTION" && doc.units.first?.kind == .heading)
    }

    /// A short comment whose wide line ends in a number goes on into the lower-case line after it.
    @Test func aWideLineEndingInANumberGoesOn() throws {
        let text = """
            I am writing to support the proposed rule on overdraft fees. My family has paid too many of them.
            Please finalize the rule and cap fees at $5. Banks made approx. $7.7
            billion in overdraft fees in 2023 according to the CFPB's own data. They
            can afford it.

            """
        let doc = try read(PlainTextReader(), text)
        #expect(doc.units.map(\.text).contains("Banks made approx. $7.7 billion in overdraft fees in 2023 according to the CFPB's own data."))
    }

    /// A numbered heading after a paragraph that closes with a note marker (…无从提出建议。[4]) or a closing quote at a
    /// full line's end is a heading, not the paragraph's next sentence.
    @Test func aHeadingAfterANoteMarkerAtAFullLinesEndIsAHeading() throws {
        // 38 characters each, so that the line is full and ends with the marker or the closing quote.
        let paragraph = "另一些代表团则认为法律和技术委员会在缺乏规章的情况下根本无从提出建议。[4]"
        let quoted = "各方最终只同意在声明中写入“继续谈判，尽早完成规章制定工作，不设任何时限。”"
        #expect(paragraph.count == 38 && quoted.count == 38)
        let lines = HardWrapTests.chineseParagraphs + [paragraph, "三、利益分化：谁想要什么", quoted, "四、结论"] + HardWrapTests.chineseParagraphs
        let wrapped = lines.map { Self.wrapByCharacters($0, width: 38) }.joined(separator: "\n") + "\n"
        let expected = try read(PlainTextReader(), lines.joined(separator: "\n") + "\n")
        let document = try read(PlainTextReader(), wrapped)
        #expect(texts(document) == texts(expected))
        #expect(document.units.filter { $0.kind == .heading }.map(\.text) == ["三、利益分化：谁想要什么", "四、结论"])
        #expect(HardWrap.endsSentence(Array("建议。[4]\n".unicodeScalars), before: 7))
        #expect(!HardWrap.endsSentence(Array("2025.13.\n".unicodeScalars), before: 8))
    }

    /// A numbered heading that fills most of a wrapped line stays a heading when the next line's first word would
    /// have fitted on it; a numbered paragraph whose next word would not have fitted carries on.
    @Test func aWideNumberedHeadingAboveAWrappedParagraphIsAHeading() throws {
        let heading = "2. Coalitions, burden-sharing and maritime security: the literature"
        let item = "3. The state has failed for years to give adequate funding to rural hospitals"
        let itemRest = "Pennsylvania's among them, and the gap has widened since 2020."
        let paragraphs = HardWrapTests.englishParagraphs
        let wrapped = ["1. Introduction", Self.wrapGreedily(paragraphs[0], width: 78), heading, Self.wrapGreedily(paragraphs[1], width: 78),
                       Self.wrapGreedily(item + " " + itemRest, width: 78), Self.wrapGreedily(paragraphs[2], width: 78)]
            .joined(separator: "\n") + "\n"
        #expect(wrapped.contains(heading + "\nThis paper argues"))
        #expect(wrapped.contains("rural hospitals\nPennsylvania's"))
        let document = try read(PlainTextReader(), wrapped)
        #expect(document.units.filter { $0.kind == .heading }.map(\.text) == ["1. Introduction", heading])
        #expect(document.units.contains { $0.kind == .sentence && $0.text.hasPrefix("3. The state has failed") && $0.text.hasSuffix("since 2020.") })
        #expect(document.units.contains { $0.kind == .sentence && $0.text.hasPrefix("This paper argues") })
    }

    /// A caption or the source line under it stands alone in hard-wrapped text however full it is: the paragraph
    /// after it is no continuation. So does a line opening a front-matter field (引用格式：… then 网络首发：…).
    @Test func aCaptionOrSourceLineStandsAlone() throws {
        let source = "资料来源：国家统计局《中国统计年鉴2021》，中国统计出版社2021年版。"
        let after = "从图1可以看出，出口增长在2020年以后明显放缓，而进口增长保持稳定，两者的差距逐步缩小，值得关注。"
        let lines = HardWrapTests.chineseParagraphs + ["图1 出口与进口增长率", source, after] + HardWrapTests.chineseParagraphs
        let wrapped = lines.map { Self.wrapByCharacters($0, width: 37) }.joined(separator: "\n") + "\n"
        let document = try read(PlainTextReader(), wrapped)
        #expect(document.units.filter { $0.kind == .caption }.map(\.text) == ["图1 出口与进口增长率", source])
        #expect(document.units.contains { $0.kind == .sentence && $0.text == "从图1可以看出，出口增长在2020年以后明显放缓，而进口增长保持稳定，两者的差距逐步缩小，值得关注。" })
        let english = Self.englishParagraphs + ["Figure 1. Average Tariff Rate on Imports from China by Product Category, 2023", "The average rate rose sharply after 2018, and it has stayed high since then, as the figure shows."] + Self.englishParagraphs
        let englishWrapped = english.map { Self.wrapGreedily($0, width: 78) }.joined(separator: "\n") + "\n"
        let englishDocument = try read(PlainTextReader(), englishWrapped)
        #expect(englishDocument.units.filter { $0.kind == .caption }.count == 1)
        #expect(englishDocument.units.contains { $0.text.hasPrefix("The average rate rose sharply") && $0.kind == .sentence })
        let field = Array("网络首发：在编辑部工作流程中".unicodeScalars)
        #expect(FrontMatter.opensLabelledField(field, field.indices))
        let body = Array("我们认为：合作是出路".unicodeScalars)
        #expect(!FrontMatter.opensLabelledField(body, body.indices))
        let label = Array("Abstract".unicodeScalars)
        #expect(FrontMatter.isBareLabel(label, label.indices))
        let lower = Array("title: the Harbor Fund".unicodeScalars)
        #expect(!FrontMatter.opensLabelledField(lower, lower.indices))
        // A wrapped paragraph that opens with a figure's number is no caption, and a table note that does not end its
        // sentence takes its next line.
        let figureParagraph = "图 1 展示了样本期内企业数字化转型指数的变化趋势和各行业之间的差异。从图中可以看出数字化转型在2018年以后明显加快。"
        let note = "注：括号内为稳健标准误；***、**和*分别表示在1%、5%和10%的水平上显著。"
        let more = HardWrapTests.chineseParagraphs + [figureParagraph, "表2 回归结果", note] + HardWrapTests.chineseParagraphs
        let moreWrapped = more.map { Self.wrapByCharacters($0, width: 38) }.joined(separator: "\n") + "\n"
        let moreDocument = try read(PlainTextReader(), moreWrapped)
        #expect(moreDocument.units.contains { $0.kind == .sentence && $0.text.hasPrefix("图 1 展示了样本期内") })
        #expect(moreDocument.units.filter { $0.kind == .caption }.map(\.text) == ["表2 回归结果", note])
    }

    /// When a sentence ends exactly at a line's end, the next line, full and without a sentence end of its own,
    /// reads like a heading but is the paragraph's next line.
    @Test func aFullLineAfterASentenceEndCarriesOn() throws {
        // 30 characters to the first full stop, then a 30-character line without one.
        let paragraph = "全球人工智能治理的规则之争正在从原则层面转向具体规则。" + "各国围绕风险分级与安全测试标准展开的竞争日趋激烈并且逐步外溢到贸易"
            + "和投资领域，发展中国家的参与空间因此受到挤压。"
        #expect(Array(paragraph).prefix(27).last == "。")
        let paragraphs = HardWrapTests.chineseParagraphs + [paragraph] + HardWrapTests.chineseParagraphs
        let wrapped = paragraphs.map { Self.wrapByCharacters($0, width: 27) }.joined(separator: "\n") + "\n"
        let expected = try read(PlainTextReader(), paragraphs.joined(separator: "\n") + "\n")
        let document = try read(PlainTextReader(), wrapped)
        #expect(texts(document) == texts(expected))
        let third = try #require(document.units.firstIndex { $0.text.hasPrefix("各国围绕风险分级") })
        #expect(document.units[third].paragraph == document.units[third - 1].paragraph)
    }

    @Test func englishWrappedGreedilyReadsAsUnwrapped() throws {
        let plain = "Who Writes the Rules?\n\n" + Self.englishParagraphs.joined(separator: "\n") + "\n"
        let wrapped = "Who Writes the Rules?\n\n" + Self.englishParagraphs.map { Self.wrapGreedily($0, width: 64) }.joined(separator: "\n") + "\n"
        let expected = try read(PlainTextReader(), plain)
        let document = try read(PlainTextReader(), wrapped)
        #expect(document.units.count == expected.units.count)
        #expect(texts(document) == texts(expected))
    }

    /// A line break is dropped in Chinese (also inside a number or marker a character count split) and after a word's
    /// end-of-line hyphen before a lower-case letter, and elsewhere it is a space.
    @Test(arguments: [
        ("规范\n竞争", "规范竞争"), ("增长41.\n5%", "增长41.5%"), ("治理。[1\n2]", "治理。[12]"), ("access-\nrequest", "access-request"),
        ("the\nrule", "the rule"), ("in 2020\n(see", "in 2020 (see"), ("  the  \n  rule", "  the rule"), ("Anthropic、谷歌、Inflect\nion", "Anthropic、谷歌、Inflect ion"),
    ])
    func lineBreaksJoin(_ text: String, _ joined: String) {
        let scalars = Array(text.unicodeScalars)
        #expect(scalars.string(0..<scalars.count) == joined)
    }

    /// The scalar offset of the first `scalar` in `text`.
    static func offset(of scalar: Unicode.Scalar, in text: String) -> Int {
        text.unicodeScalars.distance(from: text.unicodeScalars.startIndex, to: text.unicodeScalars.firstIndex(of: scalar)!)
    }

    /// A word hyphenated at a line's end loses its hyphen when the text writes it whole elsewhere; a compound the
    /// text writes with its hyphen, or a word it never writes whole, keeps it.
    @Test func aHyphenatedWordTheTextWritesWholeLosesItsHyphen() throws {
        let text = "Global governance and an access-request.\nThe gover-\nnance of the access-\nrequest and the well-\nknown case."
        let scalars = Array(text.unicodeScalars)
        let hyphenation = try #require(Hyphenation(scalars))
        let second = Self.offset(of: "T", in: text)
        #expect(scalars.string(second..<scalars.count, hyphenation: hyphenation) == "The governance of the access-request and the well-known case.")
        #expect(scalars.string(second..<scalars.count) == "The gover-nance of the access-request and the well-known case.")
        #expect(Hyphenation(Array("No line-end hyphen here.\nNone.".unicodeScalars)) == nil)
    }

    /// A word the text writes neither whole nor with its hyphen: a syllable's rest that is no word of the text
    /// (delibera-|tive, acci-|dent, chal-|lenged) runs on without the hyphen, as pdftotext leaves a journal's page; a
    /// compound's parts (evidence-|based, well-|known, twenty-|first, cross-|border) and an abbreviation's
    /// (U.S.-|based) keep it.
    @Test func aLineEndHyphenBeforeNoWordIsASyllableBreak() throws {
        let text = "Models.\nThe delibera-\ntive view is no acci-\ndent; it was chal-\nlenged by evidence-\nbased, well-\nknown, twenty-\nfirst, cross-\nborder and U.S.-\nbased work."
        let scalars = Array(text.unicodeScalars)
        let hyphenation = try #require(Hyphenation(scalars))
        let second = Self.offset(of: "T", in: text)
        #expect(scalars.string(second..<scalars.count, hyphenation: hyphenation)
            == "The deliberative view is no accident; it was challenged by evidence-based, well-known, twenty-first, cross-border and U.S.-based work.")
        // Short or unknown parts are a compound's as often: kept (ex-|ante, lump-|sum, right-|wing).
        let compounds = "Models.\nThe gover-\nnance of ex-\nante, lump-\nsum and right-\nwing rules."
        let compoundScalars = Array(compounds.unicodeScalars)
        let compoundHyphenation = try #require(Hyphenation(compoundScalars))
        #expect(compoundScalars.string(Self.offset(of: "T", in: compounds)..<compoundScalars.count, hyphenation: compoundHyphenation)
            == "The governance of ex-ante, lump-sum and right-wing rules.")
        // A web address cut after a slash runs on only into what reads as an address.
        let links = Array("See https://www.example.gov/\nand https://www.regulations.\ngov/docket/EPA-1 today.".unicodeScalars)
        #expect(links.string(links.indices) == "See https://www.example.gov/ and https://www.regulations.gov/docket/EPA-1 today.")
        // A ragged wrap that breaks only at compounds' own hyphens keeps every one of them, whatever their parts.
        let ragged = "Models.\nThe product-\nsafety regime and the facial-\nrecognition checks of adalimumab-\natto."
        let raggedScalars = Array(ragged.unicodeScalars)
        let raggedHyphenation = try #require(Hyphenation(raggedScalars))
        #expect(raggedScalars.string(Self.offset(of: "T", in: ragged)..<raggedScalars.count, hyphenation: raggedHyphenation)
            == "The product-safety regime and the facial-recognition checks of adalimumab-atto.")
    }

    /// A PDF's ligature is a letter of its word: signiﬁ-|cant runs on like gover-|nance, found whole with or
    /// without the ligature elsewhere, and a compound ending in one (self-deﬁ-|ned) keeps no space either.
    @Test func aLigatureBeforeALineEndHyphenJoinsItsWord() throws {
        let text = "A significant effect and a ﬂawed one.\nThe signiﬁ-\ncant ﬁnding of the ﬂaw-\nless self-deﬁ-\nned test."
        let scalars = Array(text.unicodeScalars)
        let hyphenation = try #require(Hyphenation(scalars))
        let second = Self.offset(of: "T", in: text)
        #expect(scalars.string(second..<scalars.count, hyphenation: hyphenation) == "The signiﬁcant ﬁnding of the ﬂaw-less self-deﬁ-ned test.")
        #expect(scalars.string(second..<scalars.count) == "The signiﬁ-cant ﬁnding of the ﬂaw-less self-deﬁ-ned test.")
    }

    /// A list item set narrower than the text breaks short of the width; a line that stops on a lower-case word above
    /// one that goes on in lower case is wrapped all the same.
    @Test func aNarrowerListItemCarriesItsLinesOn() throws {
        let body = HardWrapTests.wrapGreedily(HardWrapTests.englishParagraphs[0], width: 80)
        let text = body + "\n\n3. The committee should direct the Government Accountability Office to review\nwhether current cost-share formulas under 43 U.S.C. 390h discourage\nmaintenance of aging facilities.\n\n" + body + "\n"
        let document = try read(PlainTextReader(), text)
        #expect(document.units.contains { $0.text == "3. The committee should direct the Government Accountability Office to review whether current cost-share formulas under 43 U.S.C. 390h discourage maintenance of aging facilities." })
    }

    /// A committee report set in columns numbers its paragraphs with a run of spaces after the number, and sets the
    /// paragraph's wrapped lines in under its text: each paragraph is one, not a heading and a line per sentence.
    @Test func numberedParagraphsSetInColumnsCarryTheirLinesOn() throws {
        let text = """
            Conduct of the inquiry
            1.2     The committee advertised the inquiry on its website and wrote to
                    relevant organisations inviting submissions. The committee received
                    84 submissions, which are listed at Appendix 1. Public hearings were
                    held in Dubbo, Toowoomba and Canberra.
            1.3     The committee thanks all those who made submissions and gave
                    evidence. The committee particularly acknowledges the residents of
                    towns such as Walgett and Stanthorpe, who spoke frankly about their
                    experiences of running out of water in the last drought.
            1.4     The committee recommends that the Australian Government establish a
                    dedicated Regional Water Security Fund of at least $500 million over
                    five years, targeted at towns with populations under 10,000 people.

            """
        let document = try read(PlainTextReader(), text)
        #expect(document.units.filter { $0.kind == .heading }.map(\.text) == ["Conduct of the inquiry"])
        #expect(document.paragraphs.count == 4)
        #expect(document.units.last?.text == "1.4     The committee recommends that the Australian Government establish a dedicated Regional Water Security Fund of at least $500 million over five years, targeted at towns with populations under 10,000 people.")
    }

    /// A hanging indent carries its item on: the lines set in under a numbered item's first word are its own, not
    /// paragraphs of their own (the item's first line had read as a heading).
    @Test func aHangingIndentCarriesItsItemOn() throws {
        let text = """
            Recommendations
            Our findings carry a clear message for policymakers at every level of government.
            Cities should not assume that publishing a list of their algorithms will build
            trust, and they should pair disclosure with meaningful avenues for appeal. The
            evidence from fourteen cities points the same way, regardless of the size of the
            city, its region or the party in control of the city council, and it is robust
            to the inclusion of controls for income, education, age and prior contact with
            the agencies that administer the benefit programs we studied in the survey. We
            therefore make three recommendations to Congress and to the federal agencies.
            1. Congress should require agencies that receive federal funds to publish an
               inventory of the automated decision systems they use to determine
               eligibility for benefits.
            2. Agencies should give every applicant a written explanation of any adverse
               decision, including the main factors that the system weighed.

            """
        let doc = try read(PlainTextReader(), text)
        #expect(doc.units.filter { $0.kind == .heading }.map(\.text) == ["Recommendations"])
        // A paragraph whose first line is set in further than the item's text opens a paragraph of its own.
        let indented = try read(PlainTextReader(), text + "      The second point is that disclosure alone does not build trust.\n")
        #expect(indented.units.last?.text == "The second point is that disclosure alone does not build trust.")
        #expect(doc.units.suffix(2).map(\.text) == [
            "1. Congress should require agencies that receive federal funds to publish an inventory of the automated decision systems they use to determine eligibility for benefits.",
            "2. Agencies should give every applicant a written explanation of any adverse decision, including the main factors that the system weighed.",
        ])
    }

    /// A compound broken at its hyphen before a capital or a figure runs on with it (no syllable break comes before
    /// one); a soft hyphen where a word broke goes.
    @Test func aCompoundBrokenBeforeACapitalOrAFigureKeepsItsHyphenAndNoSpace() throws {
        let text = "The U.S.-\nChina talks on COVID-\n19 relief in the Indo-\nPacific, reported in GAO-\n21-519SP, were alloca\u{AD}\nted funds - \nThen more."
        let scalars = Array(text.unicodeScalars)
        #expect(scalars.string(0..<scalars.count) == "The U.S.-China talks on COVID-19 relief in the Indo-Pacific, reported in GAO-21-519SP, were allocated funds - Then more.")
    }

    /// Texts that are not hard-wrapped keep a paragraph per line: a list of items of about one length, lines too
    /// narrow for a wrap, paragraphs that are each one line, and one-sentence paragraphs of about one length.
    @Test func otherTextsKeepAParagraphPerLine() throws {
        let items = (1...12).map { "- The agency reported item number \($0) to the committee." }.joined(separator: "\n")
        #expect(try read(PlainTextReader(), items + "\n").paragraphs.count == 12)
        let narrow = (1...12).map { "第\($0)项工作已经按期完成。" }.joined(separator: "\n")
        #expect(try read(PlainTextReader(), narrow + "\n").paragraphs.count == 12)
        let oneLineEach = (Self.chineseParagraphs + Self.chineseParagraphs + Self.chineseParagraphs).joined(separator: "\n")
        #expect(try read(PlainTextReader(), oneLineEach + "\n").paragraphs.count == 9)
        let oneSentenceEach = (1...12).map { "一是第\($0)项重点工作已经按照年初部署全部按期完成并通过了验收。" }.joined(separator: "\n")
        #expect(try read(PlainTextReader(), oneSentenceEach + "\n").paragraphs.count == 12)
    }

    /// A Chinese excerpt wrapped in too few lines for the text to count as hard-wrapped keeps its sentences whole
    /// (…全球治理的基本格 | 局，…), also where a wrap cut a note marker or a book title; a long heading ending in a Han
    /// character stays apart from the paragraph under it.
    @Test func aShortChineseWrapJoinsButAHeadingStaysApart() throws {
        let paragraph = "数字经济深刻改变了全球治理。各国围绕数据流动展开竞争。因此，我国应当加快完善相关法律制度。与此同时，还需要加强国际合作，共同应对网络安全挑战。"
        for width in [20, 22, 24, 26, 30] {
            let wrapped = Self.wrapByCharacters(paragraph, width: width)
            let sentences = try read(PlainTextReader(), wrapped + "\n").units.filter { $0.kind == .sentence }.map(\.text)
            #expect(sentences.joined() == paragraph && sentences.count == 4, "width \(width)")
        }
        let cut = "2018年3月，美国国会通过《澄清境外数据合法使用法》，规定服务提供者须按照美国法律的要求披露其控制的数据。[3]由此，美国以数据控制者标准取代了数据存储地标准。"
        let marker = Array(cut).firstIndex(of: "]")!
        let cutLines = String(Array(cut)[..<marker]) + "\n" + String(Array(cut)[marker...]) + "\n"
        #expect(try read(PlainTextReader(), cutLines).paragraphs.count == 1)
        // Two lines: the first ends a sentence before the one it breaks off, as no heading or list item does.
        let twoLines = "本文认为，算法问责需要在既有行政法框架内寻找制度接口，而不是另起炉灶。这一判\n断建立在对国内外实践的系统考察之上。\n"
        #expect(try read(PlainTextReader(), twoLines).units.map(\.text).last == "这一判断建立在对国内外实践的系统考察之上。")
        let title = "网络空间秩序的中国方案：全球治理中的规则竞争与制度建构研究"
        let underTitle = try read(PlainTextReader(), title + "\n" + Self.wrapByCharacters(paragraph, width: 26) + "\n")
        #expect(underTitle.units.first { $0.kind == .heading }?.text == title)
        #expect(underTitle.units.filter { $0.kind == .sentence }.map(\.text).joined() == paragraph)
        let shortParagraph = "数字经济的发展深刻改变了全球治理的基本格局。"
        #expect(try read(PlainTextReader(), title + "\n" + shortParagraph + "\n").units.map(\.text) == [title, shortParagraph])
        // Lines a wrap cannot have left stay apart: a numbered heading with a comma above its paragraph, parallel items
        // of one length ending without punctuation, a post of two lines, items with commas above a closing sentence,
        // an interval above a sentence.
        let kept = [
            "一、深入贯彻新发展理念，加快构建网络空间新发展格局\n数字经济的发展深刻改变了全球治理的基本格局和规则体系。",
            "加强数据安全管理，完善个人信息保护制度和数据分类分级保护制度\n推进数字基础设施建设，提升关键信息基础设施的网络安全防护能力\n健全网络综合治理体系，营造清朗的网络空间和良好的网络生态环境。",
            "今天去参加了数据治理研讨会，感觉收获很多也认识了不少新朋友\n专家们普遍认为数据主权是国家主权在网络空间的自然延伸。",
            "完善数据跨境流动规则，健全数据安全治理体系和监管机制\n加强关键信息基础设施保护，提升网络安全防护能力水平\n以上措施将在年内陆续出台。",
            "Distribution of normalised support scores on the interval [0, 1)\nThe scores cluster near the middle of the range, as expected.",
            "问：个人信息出境需要经过哪些程序？答：一般需要通过安全评估\n问：安全评估由哪个部门负责组织实施？答：由国家网信部门负责\n问：评估结果的有效期是多长时间？答：有效期一般为两年时间。",
            "1 加强组织领导。各单位主要负责同志要亲自抓、负总责\n2 强化督促检查。对工作不力的单位要及时予以通报批评\n3 做好宣传引导。要及时回应社会关切，营造良好氛围。",
            "2021年6月10日，全国人大常委会通过数据安全法。该法自9月1日起施行\n2021年8月20日，全国人大常委会通过个人信息保护法。该法自11月1日起施行\n2022年7月7日，国家网信办公布数据出境安全评估办法。该办法自9月1日起施行。",
        ]
        for text in kept {
            // No unit runs across a line break.
            let lines = text.split(separator: "\n").map(String.init)
            let units = try read(PlainTextReader(), text + "\n").units
            #expect(units.allSatisfy { unit in lines.contains { $0.contains(unit.text) } }, "\(units.map(\.text))")
        }
    }

    /// pdftotext output of a report's contents: each entry fills the width with dot leaders, and must not run on into
    /// the next as a wrapped paragraph would.
    @Test func dottedContentsEntriesStandAloneInWrappedText() throws {
        func entry(_ title: String, _ page: String) -> String {
            title + " " + String(repeating: ".", count: 70 - title.count - page.count - 2) + " " + page
        }
        let body = Self.englishParagraphs.map { Self.wrapGreedily($0, width: 70) }.joined(separator: "\n\n")
        let text = "Contents\n\n" + [entry("Summary", "1"), entry("Standards and the Act", "3"), entry("Options for Congress", "9")]
            .joined(separator: "\n") + "\n\nIntroduction\n\n" + body + "\n"
        let document = try read(PlainTextReader(), text)
        #expect(document.metadata.fields["contents"] == "Summary; Standards and the Act; Options for Congress")
        #expect(document.units.first?.text == "Introduction")
        #expect(!document.units.contains { $0.text.contains("....") })
    }

    /// pdftotext -layout output of a GAO report's front: contents entries padded out to their pages, appendix, table
    /// and figure lists after blank lines, then a list of abbreviations, all in a hard-wrapped text. Nothing of it
    /// may run together or become a sentence.
    @Test func paddedContentsAndAbbreviationsStandAloneInWrappedText() throws {
        func padded(_ label: String, _ title: String, _ page: String) -> String {
            let head = label.padding(toLength: 20, withPad: " ", startingAt: 0) + title
            return head + String(repeating: " ", count: max(2, 72 - head.count - page.count)) + page
        }
        func abbreviation(_ term: String, _ meaning: String) -> String { term.padding(toLength: 20, withPad: " ", startingAt: 0) + meaning }
        let body = Self.englishParagraphs.map { Self.wrapGreedily($0, width: 74) }.joined(separator: "\n\n")
        let front = [
            "Contents", "", padded("Letter", "", "1"), padded("", "Federal Broadband Efforts Are Fragmented and Overlapping", "12"),
            padded("", "Agency Comments", "32"), "", padded("Appendix I", "Objectives, Scope, and Methodology", "35"),
            padded("Appendix II", "Comments from the Department of Commerce", "40"), "",
            padded("Tables", "Table 1: Federal Broadband Programs by Agency, Fiscal Year 2022", "13"), "",
            "Abbreviations", abbreviation("FCC", "Federal Communications Commission"),
            abbreviation("NTIA", "National Telecommunications and Information Administration"),
            abbreviation("USDA", "U.S. Department of Agriculture"), "", "Letter", "",
        ]
        let document = try read(PlainTextReader(), front.joined(separator: "\n") + body + "\n")
        #expect(document.metadata.fields["contents"] == "Letter; Federal Broadband Efforts Are Fragmented and Overlapping; "
            + "Agency Comments; Appendix I Objectives, Scope, and Methodology; Appendix II Comments from the Department of "
            + "Commerce; Tables Table 1: Federal Broadband Programs by Agency, Fiscal Year 2022")
        #expect(document.notes.map { $0.text.split(separator: " ").first.map(String.init) } == ["FCC", "NTIA", "USDA"])
        #expect(document.units.first?.text == "Letter")
        #expect(!document.units.contains { $0.text.contains("   ") })
    }

    /// Justified pdftotext -layout prose spreads runs of spaces along its lines: a heading set off by spaces before it
    /// is no list of abbreviations, and a line ending in a number or a Roman numeral after a long run is no contents
    /// entry, so every paragraph still wraps into whole sentences.
    @Test func justifiedLayoutProseStillWraps() throws {
        let document = try PlainTextReader().read(
            ReaderInput(bytes: try fixture("justified-layout.en.txt"), sourcePath: nil, documentID: "justified"))
        let sentences = document.units.filter { $0.kind == .sentence }.map(\.text)
        #expect(sentences.count == 12)
        #expect(sentences.allSatisfy { $0.hasSuffix(".") && $0.first!.isUppercase })
        #expect(sentences.contains { $0.hasPrefix("The  data  that we used") && $0.hasSuffix("in the spring of 2020.") })
        #expect(sentences.contains { $0.contains("fiscal  year    2019") && $0.contains("World War    II") })
        #expect(document.notes.isEmpty && document.metadata.fields["contents"] == nil)
    }
}
