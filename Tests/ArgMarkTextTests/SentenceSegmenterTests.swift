import Testing

@testable import ArgMarkText

/// Segmentation tables: each input paragraph and the sentences a careful reader would cut it into.
struct SentenceSegmenterTests {
    static func sentences(_ text: String) -> [String] {
        let scalars = Array(text.unicodeScalars)
        return SentenceSegmenter().segment(scalars, scalars.indices).map { scalars.string($0) }
    }

    @Test(arguments: [
        ("我们认为这是对的。他们不同意！为什么？", ["我们认为这是对的。", "他们不同意！", "为什么？"]),
        ("他说：“我们要发展。”随后离开了。", ["他说：“我们要发展。”", "随后离开了。"]),
        // A short attribution after a quotation closes its sentence; a clause that goes on after the verb starts one.
        ("“四季度经济明显回升，社会信心有效提振。”康义说。他表示，也要看到困难。", ["“四季度经济明显回升，社会信心有效提振。”康义说。", "他表示，也要看到困难。"]),
        ("“这就是所谓的效应。”国家统计局副局长盛来运补充道。", ["“这就是所谓的效应。”国家统计局副局长盛来运补充道。"]),
        ("“我们将继续实施积极的财政政策。”蓝佛安表示，今年赤字率拟按4%安排。", ["“我们将继续实施积极的财政政策。”", "蓝佛安表示，今年赤字率拟按4%安排。"]),
        ("“市场回暖。”随后离开。“价格上涨。”说。", ["“市场回暖。”", "随后离开。", "“价格上涨。”", "说。"]),
        // Not after a quotation set inside a sentence, nor a clause of its own, nor a word that ends as a verb does.
        ("鲁迅写道：“我翻开历史一查。”这是中国第一部白话小说。", ["鲁迅写道：“我翻开历史一查。”", "这是中国第一部白话小说。"]),
        ("他曾说：“科学技术是第一生产力。”这一论断被称为重要学说。", ["他曾说：“科学技术是第一生产力。”", "这一论断被称为重要学说。"]),
        ("“要坚持人民至上。”这是总书记反复强调。", ["“要坚持人民至上。”", "这是总书记反复强调。"]),
        ("“这就是所谓的“布鲁塞尔效应”。”他补充道。", ["“这就是所谓的“布鲁塞尔效应”。”他补充道。"]),
        ("这是事实。[1]下一句开始了。", ["这是事实。[1]", "下一句开始了。"]),
        ("这是事实。[1][2]下一句。", ["这是事实。[1][2]", "下一句。"]),
        ("这是事实。［3］下一句。", ["这是事实。［3］", "下一句。"]),
        ("这是事实。①下一句。", ["这是事实。①", "下一句。"]),
        // 〔1〕 as some journals set a note marker; a document's number (国发〔2024〕3号) is none.
        ("这是事实。〔1〕下一句。依据国发〔2024〕3号文件。", ["这是事实。〔1〕", "下一句。", "依据国发〔2024〕3号文件。"]),
        ("参见《关于加强网络安全。的决定》的规定。然后继续。", ["参见《关于加强网络安全。的决定》的规定。", "然后继续。"]),
        // An initial in a transliterated name goes on into the surname.
        ("詹姆斯·N.罗西瑙指出，治理不同于统治。小约瑟夫·S.奈则提出了软实力概念。", ["詹姆斯·N.罗西瑙指出，治理不同于统治。", "小约瑟夫·S.奈则提出了软实力概念。"]),
        ("亨利・A.基辛格认为，秩序正在重构。该指数由A.T.科尔尼公司发布。", ["亨利・A.基辛格认为，秩序正在重构。", "该指数由A.T.科尔尼公司发布。"]),
        ("事情就是这样……我们继续。", ["事情就是这样……我们继续。"]),
        ("事情就是这样…… 我们继续。", ["事情就是这样……", "我们继续。"]),
        ("他问：“为什么？”，没有人回答。", ["他问：“为什么？”，没有人回答。"]),
        ("这（尚？）不存在。下一句。", ["这（尚？）不存在。", "下一句。"]),
        ("增长8.1%,创历史新高。全年完成。", ["增长8.1%,创历史新高。", "全年完成。"]),
        ("CNKI式半角标点也能切分?是的!就这样。", ["CNKI式半角标点也能切分?", "是的!", "就这样。"]),
        // The full-width full stop as science journals set it for 。; not in a decimal, an abbreviation or a number.
        ("定价应当保留．保险公司需要调整“费率”．增长３．５％．随后检验．", ["定价应当保留．", "保险公司需要调整“费率”．", "增长３．５％．", "随后检验．"]),
        ("Ｕ．Ｓ．政府提出了方案．这是原因之一．2024年以来，ChatGPT．[1]随后．", ["Ｕ．Ｓ．政府提出了方案．", "这是原因之一．", "2024年以来，ChatGPT．[1]", "随后．"]),
        // A wrap by character count carries the stop to the next line; a numbered line stays whole.
        ("布局未来产业\n．大力发展服务业．\n二．完善制度．", ["布局未来产业．", "大力发展服务业．", "二．完善制度．"]),
        ("吉𠮷祥。如意。", ["吉𠮷祥。", "如意。"]),
        ("各国在两极之间对冲。¹²下一句开始了。", ["各国在两极之间对冲。¹²", "下一句开始了。"]),
        ("增长较快。2023年，情况变化。", ["增长较快。", "2023年，情况变化。"]),
        // Set in ASCII punctuation: a stop after a Han character ends the sentence before a letter, a digit or a
        // circled note number; after a digit or a Latin letter it stays a decimal point or an initial.
        ("各地做法差异较大.A市要求企业备案.2023年,B市出台了办法.该办法明确了功能.①然而,效果有限.",
         ["各地做法差异较大.", "A市要求企业备案.", "2023年,B市出台了办法.", "该办法明确了功能.①", "然而,效果有限."]),
        ("图1.2显示增长3.5%.美国U.S.的做法不同.", ["图1.2显示增长3.5%.", "美国U.S.的做法不同."]),
        ("没有结尾标点的句子", ["没有结尾标点的句子"]),
    ])
    func chinese(_ input: String, _ expected: [String]) {
        #expect(Self.sentences(input) == expected)
    }

    @Test(arguments: [
        ("The U.S. economy grew. It slowed later.", ["The U.S. economy grew.", "It slowed later."]),
        // A slogan quoted whole inside a sentence; quoted speech that ends the sentence still does.
        ("The federal \"Water. Rest. Shade.\" campaign is voluntary. It has no force.", ["The federal \"Water. Rest. Shade.\" campaign is voluntary.", "It has no force."]),
        ("The slogan was “Stop. Think. Act.” and it worked.", ["The slogan was “Stop. Think. Act.” and it worked."]),
        ("She said: \"We are done. Go home.\" The crowd left.", ["She said: \"We are done.", "Go home.\"", "The crowd left."]),
        // A transcript's speaker label in capitals; a dotted abbreviation before a clear opener.
        ("MS. JEAN-PIERRE: Our position has not changed. MR. KIRBY: We are looking into it.", ["MS. JEAN-PIERRE: Our position has not changed.", "MR. KIRBY: We are looking into it."]),
        // A numbered label opening a paragraph stays with what it labels.
        ("Recommendation 1. The Administrator should update the methodology. It is overdue.", ["Recommendation 1. The Administrator should update the methodology.", "It is overdue."]),
        ("We made one recommendation 1. The Administrator agreed.", ["We made one recommendation 1.", "The Administrator agreed."]),
        // … and one opening a sentence inside the paragraph; after an ordinary word it is a reference that ends one.
        ("It has three steps. Step 1. Register early. Step 2. Apply.", ["It has three steps.", "Step 1. Register early.", "Step 2. Apply."]),
        ("Do as in Step 1. The next step differs.", ["Do as in Step 1.", "The next step differs."]),
        ("It is described in Sect. 3 and its loss in Sect. 4. We begin.", ["It is described in Sect. 3 and its loss in Sect. 4.", "We begin."]),
        ("See Proc. Natl. Acad. Sci. U.S.A. as an outlier. Others agree.", ["See Proc. Natl. Acad. Sci. U.S.A. as an outlier.", "Others agree."]),
        ("MR. O'BRIEN: We agree. DR. Fauci: The data are clear.", ["MR. O'BRIEN: We agree.", "DR. Fauci: The data are clear."]),
        // MS. elsewhere (Member States, a disease) ends a sentence before an opener.
        ("Transposition was completed by only twelve MS. The Commission will act.", ["Transposition was completed by only twelve MS.", "The Commission will act."]),
        ("Heat kills more workers in the U.S. Between 1992 and 2022, 986 died.", ["Heat kills more workers in the U.S.", "Between 1992 and 2022, 986 died."]),
        ("We met the U.S. Trade Representative. She agreed.", ["We met the U.S. Trade Representative.", "She agreed."]),
        ("See e.g. the report. Next sentence.", ["See e.g. the report.", "Next sentence."]),
        ("Smith et al. argue this. Others disagree.", ["Smith et al. argue this.", "Others disagree."]),
        ("Dr. Jones left. Mr. Lee stayed.", ["Dr. Jones left.", "Mr. Lee stayed."]),
        ("J. N. Rosenau wrote it. It is old.", ["J. N. Rosenau wrote it.", "It is old."]),
        ("This was first shown by Card et al. Their estimates remain influential.", ["This was first shown by Card et al.", "Their estimates remain influential."]),
        ("Smith et al. (2019) find the same. Table 2 (col. 3) reports it. See paras. 14–16 and Arts. 5 and 6 of the Act.",
         ["Smith et al. (2019) find the same.", "Table 2 (col. 3) reports it.", "See paras. 14–16 and Arts. 5 and 6 of the Act."]),
        ("It authorized approx. $1.2 trillion, incl. $550 billion in new spending. Results are in App. B of the report. It is at Ft. Worth.",
         ["It authorized approx. $1.2 trillion, incl. $550 billion in new spending.", "Results are in App. B of the report.", "It is at Ft. Worth."]),
        ("I downloaded the NHS App. It crashed twice. See Annex C of it.", ["I downloaded the NHS App.", "It crashed twice.", "See Annex C of it."]),
        ("The fines were imposed on X. When the court ruled, it complied.", ["The fines were imposed on X.", "When the court ruled, it complied."]),
        ("Areas graded D. Portland shows it.", ["Areas graded D.", "Portland shows it."]),
        ("It can say no. Its claim rests on that. See no. 5 and art. 3.", ["It can say no.", "Its claim rests on that.", "See no. 5 and art. 3."]),
        ("It is the state of the art. Nobody disputes it.", ["It is the state of the art.", "Nobody disputes it."]),
        ("It was written by J. Smith and Harry S. Truman. Done.", ["It was written by J. Smith and Harry S. Truman.", "Done."]),
        // A bracketed tag closing the paragraph stays with its sentence; one followed by more text does not.
        ("CMS should require reports. (Recommendation 1)", ["CMS should require reports. (Recommendation 1)"]),
        ("It fell. (See Table 2.) Then it rose.", ["It fell.", "(See Table 2.)", "Then it rose."]),
        ("Growth was 3.5 percent. Good.", ["Growth was 3.5 percent.", "Good."]),
        // The Bluebook's abbreviations of a case name, a court or a state go on; before a sentence opener they end.
        ("See Galaria v. Nationwide Mut. Ins. Co., 663 F. App'x 384 (6th Cir. 2016); Restatement (Am. L. Inst. 1977) and (W.D. Okla. 2021). Next.",
         ["See Galaria v. Nationwide Mut. Ins. Co., 663 F. App'x 384 (6th Cir. 2016); Restatement (Am. L. Inst. 1977) and (W.D. Okla. 2021).", "Next."]),
        ("He moved to Tex. The court agreed.", ["He moved to Tex.", "The court agreed."]),
        // A note number set on a firm's name closes the sentence (Microsoft Corp.7 What …); Corp. alone does not.
        ("It sued Microsoft Corp.7 What changed was the object.", ["It sued Microsoft Corp.7", "What changed was the object."]),
        ("It sued Microsoft Corp. and others.", ["It sued Microsoft Corp. and others."]),
        // "No." as an answer ends its sentence; "No. 7" does not.
        ("Should voting be compulsory? No. It forces the uninterested to choose.", ["Should voting be compulsory?", "No.", "It forces the uninterested to choose."]),
        ("No. Compulsory voting forces people to the polls.", ["No.", "Compulsory voting forces people to the polls."]),
        ("See No. 7 of the series. Done.", ["See No. 7 of the series.", "Done."]),
        // Not after an abbreviation's stop, and not before a docket number.
        ("Comments were filed in Dkt. No. FDA-2019-N-1234 on time. See U.N. Doc. No. A/HRC/47/30 for details.",
         ["Comments were filed in Dkt. No. FDA-2019-N-1234 on time.", "See U.N. Doc. No. A/HRC/47/30 for details."]),
        // The Bluebook's words end a sentence outside a citation (Big Tech., Virginia Tech.).
        ("Regulators worried about Big Tech. Lawmakers acted first. It was run at Virginia Tech. Researchers found it.",
         ["Regulators worried about Big Tech.", "Lawmakers acted first.", "It was run at Virginia Tech.", "Researchers found it."]),
        // A journal's abbreviated name goes on to its volume (94 Am. Econ. Rev. 112); "No." answers before a quote too.
        ("See 94 Am. Econ. Rev. 112 (2004) and 45 Am. J. Pol. Sci. 112. Next.", ["See 94 Am. Econ. Rev. 112 (2004) and 45 Am. J. Pol. Sci. 112.", "Next."]),
        ("Should voting be compulsory? No. \"It forces people,\" critics say.", ["Should voting be compulsory?", "No.", "\"It forces people,\" critics say."]),
        // A note marker after a space, or in Markdown's [^1] form, closes the sentence before it.
        ("Fees fell in 1852. [1] Trade grew.", ["Fees fell in 1852. [1]", "Trade grew."]),
        ("Fees fell in 1852. [3–5]", ["Fees fell in 1852. [3–5]"]),
        ("Fees fell in 1852.[^1] Trade grew.[^2]", ["Fees fell in 1852.[^1]", "Trade grew.[^2]"]),
        ("Fees fell. [1]Trade grew.", ["Fees fell.", "[1]Trade grew."]),
        ("See No. 5 and Fig. 2 here. Done.", ["See No. 5 and Fig. 2 here.", "Done."]),
        ("Visit https://example.org/a.pdf today. Then stop.", ["Visit https://example.org/a.pdf today.", "Then stop."]),
        ("The DOI is 10.1000/xyz.2020.3 here. Yes.", ["The DOI is 10.1000/xyz.2020.3 here.", "Yes."]),
        ("He paused... and went on. Then... The end.", ["He paused... and went on.", "Then...", "The end."]),
        ("It is small, i.e. tiny. Right?", ["It is small, i.e. tiny.", "Right?"]),
        ("\"Why?\" he asked. Nobody knew.", ["\"Why?\" he asked.", "Nobody knew."]),
        // A name with a small first letter opens a sentence; after an abbreviation it does not, nor does a unit.
        ("The network was sold. eLoran could replace it. Was it? iPhone sales fell.", ["The network was sold.", "eLoran could replace it.", "Was it?", "iPhone sales fell."]),
        ("See e.g. iPhone users and the U.S. eBay market. The pH. of it is low.", ["See e.g. iPhone users and the U.S. eBay market.", "The pH. of it is low."]),
        ("She said \"Go.\" Then she left.", ["She said \"Go.\"", "Then she left."]),
        ("This was in the U.S. The rest followed.", ["This was in the U.S.", "The rest followed."]),
        ("It began in the U.S. Later it spread. The plant went to Acme Co. Eventually it closed.", ["It began in the U.S.", "Later it spread.", "The plant went to Acme Co.", "Eventually it closed."]),
        ("The U.S. Navy and Acme Co. Ltd. agreed.", ["The U.S. Navy and Acme Co. Ltd. agreed."]),
        // The Fed, a lettered part, Jr., St. and a month end a sentence before a capital; a citation's journal after
        // its volume, a grant's number and a section after Id. go on.
        ("Policy should rest with the Fed. Congress has held hearings. See 91 Fed. Reg. 40112 and Fed. R. Civ. P. 12.",
         ["Policy should rest with the Fed.", "Congress has held hearings.", "See 91 Fed. Reg. 40112 and Fed. R. Civ. P. 12."]),
        ("It appears in 134 Harv. L. Rev. 1, 5 (2020) and 34 J. Fin. Intermediation 51 (2018). Id. § 1605(a).",
         ["It appears in 134 Harv. L. Rev. 1, 5 (2020) and 34 J. Fin. Intermediation 51 (2018).", "Id. § 1605(a)."]),
        ("It was funded under grant no. FZ-271836-20 by the agency. No. It was not.", ["It was funded under grant no. FZ-271836-20 by the agency.", "No.", "It was not."]),
        ("Coverage came under Medicare Part D. Manufacturers say prices rose. Harry S. Truman signed it.",
         ["Coverage came under Medicare Part D.", "Manufacturers say prices rose.", "Harry S. Truman signed it."]),
        ("He met Robert F. Kennedy Jr. He accepted. They live on Main St. They hear trains near St. Louis.",
         ["He met Robert F. Kennedy Jr.", "He accepted.", "They live on Main St.", "They hear trains near St. Louis."]),
        ("It was extended to Sept. Lawmakers complained. It fell on Sept. 12 and in Jan. Feb. and Mar. nothing changed.",
         ["It was extended to Sept.", "Lawmakers complained.", "It fell on Sept. 12 and in Jan. Feb. and Mar. nothing changed."]),
        ("We used surveys, interviews, etc. Section 3 presents the results.", ["We used surveys, interviews, etc.", "Section 3 presents the results."]),
        // … but a unit or a word after a figure ends its sentence, "no." after a verb is the word, and a citation's
        // Fed. or month goes on.
        ("Peak demand was roughly 50 GW. LBNL reported a decline. It was amended on 18 March. Defence spending rose.",
         ["Peak demand was roughly 50 GW.", "LBNL reported a decline.", "It was amended on 18 March.", "Defence spending rose."]),
        ("The minister said no. G20 leaders met. It was set for 5 Sept. Lawmakers objected.",
         ["The minister said no.", "G20 leaders met.", "It was set for 5 Sept.", "Lawmakers objected."]),
        ("See Fed. Trade Comm'n v. Qualcomm and Commission, Dec. No. 2020/45. Willie H. Soon disagreed.",
         ["See Fed. Trade Comm'n v. Qualcomm and Commission, Dec. No. 2020/45.", "Willie H. Soon disagreed."]),
        ("1. Introduction of the topic is here.", ["1. Introduction of the topic is here."]),
        ("Fines rose (see Art. 34). Firms complied.", ["Fines rose (see Art. 34).", "Firms complied."]),
        ("It ends here [4]. Next one.", ["It ends here [4].", "Next one."]),
        ("It was cited.[4] Next one.", ["It was cited.[4]", "Next one."]),
        ("The Act—H.R. 6983—passed. It was signed.", ["The Act—H.R. 6983—passed.", "It was signed."]),
        ("See 91 Fed. Reg. 40112 (2026) and 136 Stat. 1818. It passed.", ["See 91 Fed. Reg. 40112 (2026) and 136 Stat. 1818.", "It passed."]),
        // A web address after a sentence's end is its source: it stays with the sentence, which ends after it.
        ("Experts warn about debt. http://www.cbc.ca/news/debt-1.2 I can replace Canada.",
         ["Experts warn about debt. http://www.cbc.ca/news/debt-1.2", "I can replace Canada."]),
        ("The piece has more. https://example.org/a https://example.org/b", ["The piece has more. https://example.org/a https://example.org/b"]),
        ("Is this fair? www.example.org/fair So I ask.", ["Is this fair? www.example.org/fair", "So I ask."]),
        ("It rose. __URL__ __URL__ And it fell.", ["It rose. __URL__ __URL__", "And it fell."]),
        ("See the report. http://example.org for details.", ["See the report. http://example.org for details."]),
        // A note number set after the full stop (PDF text) belongs to the sentence before; a year or decimal does not.
        ("States hedge between the poles.12 The next one begins.", ["States hedge between the poles.12", "The next one begins."]),
        ("It could change that.3,4 Critics disagree. It was returned in 2022–23.6 Most households gained.",
         ["It could change that.3,4", "Critics disagree.", "It was returned in 2022–23.6", "Most households gained."]),
        ("States hedge between the poles.¹² The next one begins.", ["States hedge between the poles.¹²", "The next one begins."]),
        ("It was \"hedging.\"3 Others disagree.", ["It was \"hedging.\"3", "Others disagree."]),
        // After a year a bare number before a capital is a PDF's note number; a decimal keeps its sentence.
        ("Growth was 3.5 percent in 2020.3 Then it fell.", ["Growth was 3.5 percent in 2020.3", "Then it fell."]),
        ("Speeds reached 10.25 Mbps. Then they fell.", ["Speeds reached 10.25 Mbps.", "Then they fell."]),
        ("The index stood at 2020.35 points in May. Then it fell.", ["The index stood at 2020.35 points in May.", "Then it fell."]),
        ("Version 2.2020.3 Beta shipped. Done.", ["Version 2.2020.3 Beta shipped.", "Done."]),
        ("See p.12 The table is there.", ["See p.12 The table is there."]),
        ("See tab.2 The data follow.", ["See tab.2 The data follow."]),
        ("Download example.org/report.2 The file is big.", ["Download example.org/report.2 The file is big."]),
        ("Between the poles.12\r\nThe next one begins.", ["Between the poles.12", "The next one begins."]),
        ("Users must download the app.14 The ministry agreed.", ["Users must download the app.14", "The ministry agreed."]),
        ("States hedge (Goh 2005, p.12).3 Others bandwagon.", ["States hedge (Goh 2005, p.12).3", "Others bandwagon."]),
        // A citation or cross-reference set after the stop is the sentence's source; an enumeration opens the next.
        ("Trust has fallen. (Smith 2020) Courts went further.", ["Trust has fallen. (Smith 2020)", "Courts went further."]),
        ("Trust has fallen. (Jones et al. 2019, p. 12) \"Courts\" went further.", ["Trust has fallen. (Jones et al. 2019, p. 12)", "\"Courts\" went further."]),
        ("The data are clear. (See Table 2) Most claims fail.", ["The data are clear. (See Table 2)", "Most claims fail."]),
        ("Two steps follow. (1) Courts decide. (a) Firms comply.", ["Two steps follow.", "(1) Courts decide.", "(a) Firms comply."]),
        ("Trust has fallen. (Smith 2020) and more.", ["Trust has fallen.", "(Smith 2020) and more."]),
        // Markdown emphasis closing after the stop stays with its sentence.
        ("**Platforms are not neutral.** Courts have held otherwise.", ["**Platforms are not neutral.**", "Courts have held otherwise."]),
        ("Regulators must act. *This is urgent.* They should start.", ["Regulators must act.", "*This is urgent.*", "They should start."]),
        ("It is __done.__", ["It is __done.__"]),
        ("See file_name.txt and a._b here. Done.", ["See file_name.txt and a._b here.", "Done."]),
        ("See 12 C.F.R. pt. 1026 and App. 3 of the rule. Done.", ["See 12 C.F.R. pt. 1026 and App. 3 of the rule.", "Done."]),
        // A spaced ellipsis, as legal writing sets it, ends a sentence only at its last dot before a capital.
        ("The Secretary . . . shall issue rules. The law ends there. . . . Congress acted.", ["The Secretary . . . shall issue rules.", "The law ends there. . . .", "Congress acted."]),
        // The Bluebook's and Hansard's abbreviations go on; a firm's Inc., a statute's et seq. and a Ph.D. may end.
        ("The Court overruled Chevron U.S.A. Inc. v. Nat. Res. Def. Council, Inc., 467 U.S. 837 (1984). It did so.", ["The Court overruled Chevron U.S.A. Inc. v. Nat. Res. Def. Council, Inc., 467 U.S. 837 (1984).", "It did so."]),
        ("The claim arose under Cal. Lab. Code § 226.7 and Tex. Gov't Code § 552. See Compl. ¶ 14. See 116 Cong. Rec. 37,326 (1970).", ["The claim arose under Cal. Lab. Code § 226.7 and Tex. Gov't Code § 552.", "See Compl. ¶ 14.", "See 116 Cong. Rec. 37,326 (1970)."]),
        ("Bell Atl. Corp. v. Twombly, 550 U.S. 544 (2007). It is made in Derrida, 91 n. 3, and later.", ["Bell Atl. Corp. v. Twombly, 550 U.S. 544 (2007).", "It is made in Derrida, 91 n. 3, and later."]),
        // A note number a PDF leaves on the stop after an acronym; a Roman numeral's number is a section's.
        ("The losses reached a quarter of GDP.1 Events of this scale are rare.", ["The losses reached a quarter of GDP.1", "Events of this scale are rare."]),
        // An assessment report's traceability reference in braces stays with the finding before it.
        ("Changes have occurred (high confidence). {2.1.2, Table 2.1} Vulnerable communities are affected. {2.1.2, 4.4}", ["Changes have occurred (high confidence). {2.1.2, Table 2.1}", "Vulnerable communities are affected. {2.1.2, 4.4}"]),
        // A code's words carry a citation on only in its shapes (Gov't, Code §): a state's abbreviation still ends.
        ("The bill passed in Atlanta, Ga. Gov. Brian Kemp signed it. It happened in Sacramento, Cal. Code enforcement officers arrived.", ["The bill passed in Atlanta, Ga.", "Gov. Brian Kemp signed it.", "It happened in Sacramento, Cal.", "Code enforcement officers arrived."]),
        ("See Box SPM.1 Observed changes are large.", ["See Box SPM.1 Observed changes are large."]),
        ("See Minn. Stat. § 609.02 and 123 Cal. Rptr. 3d 456 (2020). Also Cal. Code Regs. tit. 8 and Cal. Code Civ. Proc. § 425.16. It failed.", ["See Minn. Stat. § 609.02 and 123 Cal. Rptr. 3d 456 (2020).", "Also Cal. Code Regs. tit. 8 and Cal. Code Civ. Proc. § 425.16.", "It failed."]),
        ("It follows Nat. Res. Def. Council v. EPA and 5 Ill. Comp. Stat. 140/1. It failed.", ["It follows Nat. Res. Def. Council v. EPA and 5 Ill. Comp. Stat. 140/1.", "It failed."]),
        ("Will the hon. Lady give way? As the Rt. Hon. Gentleman knows, my hon. Friend agrees.", ["Will the hon. Lady give way?", "As the Rt. Hon. Gentleman knows, my hon. Friend agrees."]),
        ("It is codified at 5 U.S.C. 601 et seq. The Panel met. The firm is Sunbelt Logistics, Inc. The plaintiff sued. She holds a Ph.D. The board agreed.", ["It is codified at 5 U.S.C. 601 et seq.", "The Panel met.", "The firm is Sunbelt Logistics, Inc.", "The plaintiff sued.", "She holds a Ph.D.", "The board agreed."]),
    ])
    func english(_ input: String, _ expected: [String]) {
        #expect(Self.sentences(input) == expected)
    }

    @Test(arguments: [
        ("中国提出了倡议。The EU disagreed. 双方继续谈判。", ["中国提出了倡议。", "The EU disagreed.", "双方继续谈判。"]),
        ("WTO改革陷入僵局。PM2.5浓度下降。", ["WTO改革陷入僵局。", "PM2.5浓度下降。"]),
        ("全年增长２.５%，达到１２３.４亿元。政府表示支持。", ["全年增长２.５%，达到１２３.４亿元。", "政府表示支持。"]),
        ("网络治理日益重要。（王五，2019）各国纷纷立法。", ["网络治理日益重要。（王五，2019）", "各国纷纷立法。"]),
        // A quotation inside a sentence keeps its own marks; quoted speech after a colon ends with them.
        ("本文试图回答“中国之治何以可能？”这一问题。他反问道：“难道不能更好吗？”随后陷入了沉默。", ["本文试图回答“中国之治何以可能？”这一问题。", "他反问道：“难道不能更好吗？”", "随后陷入了沉默。"]),
        ("“数字政府是什么？”是一个难以回答的问题。", ["“数字政府是什么？”是一个难以回答的问题。"]),
        ("他们的口号是“不忘初心！牢记使命！”，并以此激励党员。下一句。", ["他们的口号是“不忘初心！牢记使命！”，并以此激励党员。", "下一句。"]),
        ("会议强调“要坚持人民至上。”会议还指出，必须加强监管。", ["会议强调“要坚持人民至上。”", "会议还指出，必须加强监管。"]),
        ("主要任务如下。（1）加快发展。（一）深化改革。", ["主要任务如下。", "（1）加快发展。", "（一）深化改革。"]),
        // An enumeration with an ASCII full stop inside a sentence opens its item; a number ending a clause does not.
        ("调研发现存在三个问题：1. 资金不足；2. 人才缺乏；3. 机制不顺。下一步要整改。", ["调研发现存在三个问题：1. 资金不足；2. 人才缺乏；3. 机制不顺。", "下一步要整改。"]),
        ("我们的建议是：一.加大投入；二.培养人才。这些措施已初见成效。", ["我们的建议是：一.加大投入；二.培养人才。", "这些措施已初见成效。"]),
        // Emoji after the end mark close their sentence.
        ("为什么能引发共鸣？🤔我认为，它戳中了焦虑。这个数据太惊人了！😱😱 据统计，失业率上升。", ["为什么能引发共鸣？🤔", "我认为，它戳中了焦虑。", "这个数据太惊人了！😱😱", "据统计，失业率上升。"]),
        ("Rents rose again! 😱 We need more homes. 👍🏽", ["Rents rose again! 😱", "We need more homes. 👍🏽"]),
    ])
    func mixed(_ input: String, _ expected: [String]) {
        #expect(Self.sentences(input) == expected)
    }

    @Test func offsetsPointIntoTheText() {
        let text = "  吉𠮷祥。 The end. "
        let scalars = Array(text.unicodeScalars)
        let ranges = SentenceSegmenter().segment(scalars, scalars.indices)
        #expect(ranges == [2..<6, 7..<15])
    }
}
