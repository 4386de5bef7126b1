import ArgMarkCore

/// A plain text's first line as its title, when no frame read one: a report, fact sheet or paper copied as text opens
/// with its title on a line of its own (美国对古巴封锁的谬误与事实真相; Federal Wildland Fire Management and Funding:
/// …), which had been only the body's first heading, so that a TEI export named the file instead. Only a line the
/// line under it confirms counts: the first section's name (前言, Summary, Key Findings) or a report's number; or a
/// date (2026年1月; September 29, 2025; Report R49021, December 6, 2026), an author's name or affiliation, or a
/// paper's occasion, under an English line that reads as a title (title case, three words or more) or a Chinese line
/// that is no saying. Text copied from a page or PDF opens as often with a site's name, an outlet's, a journal's
/// running head, a series label or a wrapped sentence's first line, which a wrong title would misname: none is
/// better. The title's line stays the text's heading, as a speech's or a Markdown file's
/// title does, so no sentence, id or label moves. A date alone on the next line is the document's `date`.
enum TitleLine {
    /// The title `document`'s first unit gives, when that unit is a heading read from the text's first line and
    /// reads as a title rather than a section's name, a numbered heading, a label or an organisation's name.
    static func title(_ scalars: [Unicode.Scalar], _ lines: [Range<Int>], document: Document) -> String? {
        let filled = lines.lazy.map { scalars.trimmed($0) }.filter { !$0.isEmpty }
        guard let range = filled.first, let unit = document.units.first, unit.kind == .heading else { return nil }
        let text = scalars.string(range)
        let english = LanguageDetector.detect(scalars, range) == .en
        guard unit.text == text, isTitle(scalars, range, text, english: english) else { return nil }
        // The line right under it: a title wrapped or subtitled onto a second line (Auditing Recommender Systems for
        // Political | Bias: A Sock-Puppet Study …) would be taken only in part.
        // (A column's label under a title, 学术前沿, is passed over.)
        let under = filled.dropFirst().drop { columnLabels.contains(scalars.string($0)) }
        guard let next = under.first else { return nil }
        func isFrameLine(_ line: Range<Int>) -> Bool { line.count <= 120 && !FrameLines.isSentenceFinal(scalars[line.upperBound - 1]) }
        // A paper's title page: its occasion under names and affiliations of any form (a translated author's name,
        // 伊莎贝尔·容克-奥卡福, is no Chinese byline) confirms the title, as the frame reading drops those lines.
        let page = Array(under.prefix(FrameLines.occasionWithin))
        if let occasion = page.firstIndex(where: { FrameLines.isOccasion(scalars.string($0)) }),
           page[...occasion].allSatisfy({ FrameLines.isTitlePageLine(scalars, $0) }) {
            return text
        }
        if isFrameLine(next) {
            switch confirmation(scalars.string(next)) {
            case .section?, .reportNumber?:
                return text
            case .name? where isQuotation(text) || (english && text.contains(",") && !subtitled(text)):
                // A saying over who said it (“绿水青山就是金山银山” | 习近平; "The Only Thing …" | Franklin D. Roosevelt;
                // Give Me Your Tired, Your Poor | Emma Lazarus).
                return nil
            case .date?, .name?, .affiliation?:
                // A date, a name or an affiliation follows an outlet's or a label's line too (BBC News | 5 March 2025;
                // FOR IMMEDIATE RELEASE | March 5, 2025), and a name an epigraph: an English title reads as one
                // (three words or more, in title case or with a subtitle) or has more of a title page under its
                // author (The politics of fiscal rules | Lukas Brenner | To cite this article: …); a Chinese one over
                // a name is no saying (天下兴亡，匹夫有责 | 顾炎武).
                if english {
                    if readsAsEnglishTitle(text) { return text }
                    guard text.split(separator: " ").count >= 3, let third = under.dropFirst().first, isFrameLine(third) || scalars.string(third).hasPrefix("To cite") else { return nil }
                    let line = scalars.string(third)
                    return line.hasPrefix("To cite") || [.section, .date, .affiliation, .reportNumber].contains(confirmation(line)) ? text : nil
                }
                return text.contains("，") && !subtitled(text) ? nil : text
            case nil:
                return nil
            }
        }
        // A title with its subtitle (谁的种子？全球南方的…; Cooling the Cloud, Draining the Commons: …) over the text's
        // first paragraph, as a translation without its author lines sets it, or a plan's or directive's title by its
        // form (…三年行动方案（2024—2026年）).
        // (Not one a wrapped date ends: Issues for Congress Report R49021, December 6, 2026.)
        return (subtitled(text) || (!english && isDocumentTitle(text))) && !endsWithDate(text) ? text : nil
    }

    /// What the line under a first line says of it.
    enum Confirmation {
        /// The first section's name (前言, Summary, Key Findings), which only a title page's last line precedes.
        case section
        /// A report's number (GAO-24-105980, Report R49021 …).
        case reportNumber
        /// A date or a dated line.
        case date
        /// An author's name (By …, Posted by …) or a paper's occasion (Position paper for …).
        case name
        /// An affiliation or an issuer (南溪国际人权研究会).
        case affiliation
    }

    /// Whether `text` is wholly in quotation marks.
    static func isQuotation(_ text: String) -> Bool {
        guard let first = text.first, let last = text.last, text.count > 2 else { return false }
        return ["“": "”", "\"": "\"", "「": "」", "『": "』", "‘": "’", "'": "'"][first] == last
    }

    /// Whether an English line reads as a title: three words or more, in title case (its words of four letters or
    /// more capitalised) or in capitals, or with a subtitle.
    static func readsAsEnglishTitle(_ text: String) -> Bool {
        let words = text.split(separator: " ")
        guard words.count >= 3 else { return false }
        if subtitled(text) { return true }
        let long = words.filter { $0.filter(\.isLetter).count >= 4 }
        return long.count >= 2 && long.allSatisfy { $0.first(where: \.isLetter)?.isUppercase == true }
    }

    /// A plan's or directive's title by its form: it ends in the document's kind (方案, 意见, 通知, 办法 …), a bracketed
    /// span of years after it at most, and holds no comma.
    static func isDocumentTitle(_ text: String) -> Bool {
        guard !text.contains("，"), text.count >= 6 else { return false }
        var title = Substring(text)
        if title.hasSuffix("）"), let open = title.lastIndex(of: "（"), title[open...].contains("年") { title = title[..<open] }
        return ["方案", "意见", "通知", "办法", "规定", "决定", "规划", "纲要", "条例", "细则", "要点", "计划", "公告", "通报"].contains(where: title.hasSuffix)
    }

    /// Whether `text` holds a subtitle after a colon, a question mark or a dash, past its first words.
    static func subtitled(_ text: String) -> Bool {
        guard let mark = text.firstRange(of: /：|: |？|\? |——/) else { return false }
        return text.distance(from: text.startIndex, to: mark.lowerBound) >= 4 && text.distance(from: mark.upperBound, to: text.endIndex) >= 4
    }

    /// What `line`, right under the text's first line, says of that line, if anything.
    static func confirmation(_ line: String) -> Confirmation? {
        if isDate(line) || endsWithDate(line) { return .date }
        if line.wholeMatch(of: /GAO-\d{2}-\d{3,6}/) != nil || line.firstMatch(of: /^(CRS )?Report (No\. )?R\d{5}/) != nil { return .reportNumber }
        // (Numbered too: 1. Summary, I. INTRODUCTION; a section's name is no person's.)
        let name = line.replacing(/^([0-9]+|[IVX]+)\.\s+/, with: "").lowercased()
        if firstSections.contains(name) { return .section }
        if sectionNames.contains(name) { return nil }
        if FrameLines.isOccasion(line) || FrontMatter.isChineseByline(line) { return .name }
        // An author line: names apart by commas, each perhaps with its affiliation (not a title's words, which
        // `englishPersons` tells apart), after By or Posted by.
        let byline = ["Posted by ", "By ", "by ", "BY "].first(where: line.hasPrefix).map { String(line.dropFirst($0.count)) } ?? line
        if let (persons, _) = FrontMatter.englishPersons(byline), !persons.isEmpty { return .name }
        if (FrontMatter.isAffiliation(line) && !line.contains(where: { "。.".contains($0) }))
            || (line.count <= 24 && issuerEnds.contains(where: line.hasSuffix)) {
            return .affiliation
        }
        return nil
    }

    /// A date alone: 2026年1月, 2024年5月20日, September 29, 2025, July 2024, 2024-06-03.
    static func isDate(_ line: String) -> Bool {
        MediaFrame.isDateLine(line) || OfficialDocumentFrame.isDate(line) || line.wholeMatch(of: /\d{4}年\d{1,2}月/) != nil
    }

    /// A short line that ends with a date (Updated October 7, 2025; Report R49021, December 6, 2026; Policy Brief |
    /// October 2025).
    static func endsWithDate(_ line: String, within longest: Int = 100) -> Bool {
        guard line.count <= longest else { return false }
        return line.firstMatch(of: /(January|February|March|April|May|June|July|August|September|October|November|December)( \d{1,2},)? \d{4}$/) != nil
            || line.firstMatch(of: /\d{4}年\d{1,2}月(\d{1,2}日)?$/) != nil
    }

    /// The first sections a report or paper opens with under its title page, lower case.
    private static let firstSections: Set<String> = [
        "前言", "引言", "导言", "序言", "摘要", "内容摘要", "内容提要", "提要", "概要", "summary", "abstract", "introduction",
        "executive summary", "overview", "foreword", "preface", "key findings", "key points", "highlights", "in brief",
        "what gao found", "问责局的发现", "美国政府问责局的发现",
    ]

    /// The date alone on the line after the title's, or nil.
    static func date(_ scalars: [Unicode.Scalar], _ lines: [Range<Int>]) -> String? {
        let filled = lines.lazy.map { scalars.trimmed($0) }.filter { !$0.isEmpty }
        guard let second = filled.dropFirst().first, second.count <= 32 else { return nil }
        var text = scalars.string(second)
        // (A report's revision date: Updated October 7, 2025.)
        if let prefix = ["Updated ", "Published ", "Posted "].first(where: text.hasPrefix) { text = String(text.dropFirst(prefix.count)) }
        return isDate(text) ? (text.hasSuffix(".") ? String(text.dropLast()) : text) : nil
    }

    static func isTitle(_ s: [Unicode.Scalar], _ range: Range<Int>, _ text: String, english: Bool) -> Bool {
        // A word or two is a label (MEMORANDUM, DRAFT, 前言), not a title; a long line is a sentence cut short.
        let words = text.split(separator: " ").count
        guard english ? words >= 2 : text.count >= 4, text.count <= 160 else { return false }
        // A line that ends a sentence, a site's trail or menu, a running head set apart by bars or wide spaces
        // (世界经济与政治　2024年第3期; POLICY BRIEF | No. 14; 2023] PLATFORM IMMUNITY … 1187), a contents line, a
        // thesis's running head (…大学硕士学位论文) and a web page's furniture (Skip to main content) are no title.
        if FrameLines.isSentenceFinal(s[range.upperBound - 1]) || text.contains(" | ") || text.contains("　") || text.contains("....")
            || text.contains("……") || text.contains(">") || text.contains("》>") || text.contains("http")
            || (text.contains("]") && !text.contains("[")) || text.hasSuffix("学位论文") || furniture.contains(where: { text.hasPrefix($0) }) {
            return false
        }
        // A numbered heading (一、…, 1. Introduction, I. Introduction and Summary, Chapter 2) opens a section.
        guard HeadingDetector.numberedLevel(s, range, latin: english) == nil, HeadingDetector.bareNumberLevel(s, range) == nil,
              !numberedOpenings.contains(where: { text.hasPrefix($0) }), text.firstMatch(of: /^第[一二三四五六七八九十百0-9]+[章节编部篇]/) == nil
        else { return false }
        // A section's own name (前言, Executive Summary, What GAO Found), a labelled line (Re: …, 摘要：…, Docket No. …),
        // a date and an organisation's name (United States Government Accountability Office, 东澜国际战略研究院) head
        // no document.
        let name = text.lowercased().trimmingCharacters(in: .whitespaces.union(.init(charactersIn: ":：")))
        if sectionNames.contains(name) || text.hasSuffix(":") || text.hasSuffix("：") { return false }
        if labels.contains(where: { name.hasPrefix($0) }) || FrontMatter.labelledField(text) != nil || isLeadIn(text) { return false }
        // (Nor a title a hard wrap ran into the dated line under it: … Issues for Congress Report R49021, December 6, 2026.)
        if isDate(text) || endsWithDate(text, within: .max) || text.wholeMatch(of: /\d{4}年/) != nil { return false }
        // (An organisation's name has no subtitle: … School Meals as an Institution after a question is a title.)
        if english, !subtitled(text), let last = text.split(separator: " ").last, organisationHeads.contains(last.lowercased()) { return false }
        // An English organisation's name (Council on Foreign Relations, Brookings Institution), a person's (Sarah
        // Patel), a volume's or a series' line (Vol. 12, No. 3; Issue Brief No. 12) and a line of section words
        // (Policy Recommendations, Acknowledgements and Disclosures).
        if english, !text.contains(":"), !text.contains("?") {
            if FrontMatter.isAffiliation(text) || (words <= 4 && FrontMatter.isPersonsName(text)) { return false }
            if words <= 5, text.split(separator: " ").allSatisfy({ sectionWords.contains($0.lowercased()) }) { return false }
        }
        if english, text.firstMatch(of: /\b(Vol\.|Volume|No\.|Issue)\s*\d/) != nil { return false }
        if !english, organisationEnds.contains(where: text.hasSuffix) { return false }
        return true
    }

    /// A lead-in before a colon that labels what follows rather than titles it (特别提示：…, 本文来源：…, 阅读提示：…,
    /// Editor's Note: …, Correction: …, Listen to this article: …), or a Chinese colon followed by a clause (核心提示：
    /// 今年以来，…; 温馨提示：点击上方…).
    static func isLeadIn(_ text: String) -> Bool {
        guard let colon = text.firstIndex(where: { $0 == "：" || $0 == ":" }) else { return false }
        let label = text[..<colon].trimmingCharacters(in: .whitespaces)
        let rest = text[text.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        if ["提示", "声明", "来源", "导读", "按", "注", "说明", "摘要", "编者按"].contains(where: label.hasSuffix) { return true }
        if text[colon] == "：", rest.contains("，") || ["本文", "点击", "全文"].contains(where: rest.hasPrefix) { return true }
        return leadIns.contains(label.lowercased())
    }

    /// English lead-ins before a colon, lower case.
    private static let leadIns: Set<String> = [
        "editor's note", "editors' note", "editor’s note", "note", "update", "updated", "correction", "clarification", "source",
        "sources", "photo", "photo illustration", "credit", "listen to this article", "trigger warning", "content warning",
        "disclaimer", "summary", "abstract", "keywords", "key words", "watch", "read more", "related", "opinion", "analysis",
    ]

    /// How a web page's or a feed's furniture opens.
    private static let furniture = [
        "Skip to", "Posted by", "Home", "Menu", "Search", "Proceedings of", "Journal of", "United Nations", "首页", "当前位置", "您的位置",
        "推荐阅读", "相关阅读", "相关文章", "学习强国", "=====", "For Immediate Release", "FOR IMMEDIATE RELEASE", "Press Release",
        "PRESS RELEASE", "News Release", "Media Release", "Embargoed", "EMBARGOED", "Draft", "DRAFT", "CRS Report", "Issue Brief",
        "Working Paper", "WORKING PAPER", "Sign up", "Sign Up", "Subscribe", "SUBSCRIBE", "Share", "Follow us", "Follow Us",
    ]

    /// Words of a section's or a series' name, lower case.
    private static let sectionWords: Set<String> = [
        "summary", "executive", "abstract", "foreword", "preface", "acknowledgements", "acknowledgments", "contents", "introduction",
        "overview", "highlights", "findings", "key", "background", "conclusion", "conclusions", "recommendations", "policy",
        "disclosures", "methods", "methodology", "results", "discussion", "appendix", "references", "notes", "and", "of", "the",
        "for", "to", "further", "reading", "about", "authors", "author", "report", "brief", "paper", "working", "series",
    ]

    /// Openings of a division's heading that `HeadingDetector.numberedLevel` does not count as numbers.
    private static let numberedOpenings = ["Chapter ", "CHAPTER ", "Part ", "PART ", "Section ", "SECTION ", "Appendix", "APPENDIX", "Annex", "附件", "附录"]

    /// Sections' own names, lower case.
    private static let sectionNames: Set<String> = Set<String>([
        "前言", "引言", "导言", "序言", "绪论", "绪言", "摘要", "内容摘要", "内容提要", "提要", "目录", "概要", "概述", "背景", "结语",
        "结论", "编者按", "按语", "说明", "问责局的发现", "summary", "abstract", "introduction", "contents", "table of contents",
        "executive summary", "overview", "background", "foreword", "preface", "key findings", "key points", "highlights",
        "conclusion", "conclusions", "acknowledgements", "acknowledgments", "notes", "references", "what gao found",
        "why gao did this study", "in brief", "summary of recommendations", "gao highlights",
        // A series' label above the title (政策简报, Policy Brief).
        "政策简报", "研究报告", "工作论文", "专题报告", "调研报告", "policy brief", "issue brief", "working paper", "discussion paper",
        "research report", "report", "brief", "insight", "in focus",
    ]).union(columnLabels)

    /// A column's label above or under a title (专家解读 | 刘洋), lower case.
    private static let columnLabels: Set<String> = [
        "专家解读", "权威解读", "理论周刊", "学术前沿", "特别策划", "本期关注", "深度观察", "专题研究", "热点聚焦", "理论探索",
    ]

    /// Labels that open a line of a letter's, memo's or docket's head, lower case.
    private static let labels = ["re:", "re ", "subject:", "to:", "from:", "date:", "docket", "attn", "attention:", "cc:", "rin "]

    /// The last word of an English organisation's name, lower case (a report for Congress names it first, not last).
    private static let organisationHeads: Set<String> = [
        "university", "institute", "college", "school", "department", "center", "centre", "academy", "foundation", "ministry",
        "council", "bureau", "agency", "office", "commission", "association", "society", "corporation", "inc.", "ltd.", "ltd",
        "committee", "secretariat", "administration", "senate", "representatives", "service", "nations", "institution", "house",
        "endowment", "organization", "organisation", "review", "quarterly", "series", "journal", "press", "news", "magazine",
    ]

    /// How the issuer's line under a Chinese title ends (南溪国际人权研究会): an organisation's name, a society, a centre.
    private static let issuerEnds = organisationEnds + ["研究会", "中心", "智库"]

    /// How a Chinese organisation's name ends (东澜国际战略研究院, 中华人民共和国外交部).
    private static let organisationEnds = [
        "大学", "学院", "研究院", "研究所", "研究中心", "委员会", "办公室", "办公厅", "人民政府", "协会", "学会", "基金会", "有限公司",
        "集团", "外交部", "国务院", "新闻办公室", "编辑部",
    ]
}
