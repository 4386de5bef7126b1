import ArgMarkCore

/// The head of a Chinese report or speech delivered at a meeting (政府工作报告, 讲话): its title, the occasion line
/// under it (——2024年3月5日在第十四届全国人民代表大会第二次会议上) and the speaker (国务院总理　李　强). They say what
/// the document is and who gave it: the title becomes the document's title, the occasion (or date) the field
/// `occasion`, each speaker an author (and the lines `byline`). The lines stay in the text as the headings they are read as, so
/// that sentence ids and offsets do not move (gold made on the text keeps them).
struct SpeechHeader {
    var title: String
    var occasion: String
    /// The speakers' lines (an office and a name each), in order.
    var bylines: [String]

    /// The header at the top of `lines`: a title line with no sentence's end, then a line opening with a dash that
    /// names where the speech was given (在……上) or when (……年……月……日), then the speakers; or, as Xinhua sets a
    /// speech, a title naming it (在……上的讲话), its date in parentheses and the speaker's name.
    static func find(_ scalars: [Unicode.Scalar], _ lines: [Range<Int>]) -> SpeechHeader? {
        guard lines.count >= 3 else { return nil }
        // A web page's or Word file's lines come laid out with Markdown heading marks (# 政府工作报告).
        func text(_ line: Range<Int>) -> String {
            String(scalars.string(line).drop { $0 == "#" || $0 == " " })
        }
        let title = text(lines[0])
        let second = text(lines[1])
        guard title.count <= 80, title.unicodeScalars.contains(where: \.isHanIdeograph),
              !FrameLines.isSentenceFinal(scalars[lines[0].upperBound - 1]), second.count <= 80
        else { return nil }
        if second.hasPrefix("（"), second.hasSuffix("）"), title.hasSuffix("讲话") || title.hasSuffix("致辞") || title.hasSuffix("报告") {
            // （2024年6月24日） and the speaker's name alone.
            let date = String(second.dropFirst().dropLast())
            let name = text(lines[2]).filter { $0 != " " && $0 != "　" }
            guard date.contains("年"), date.contains("月") else { return nil }
            // The speaker's name may be left out (a transcript that opens with 同志们：).
            let named = (2...4).contains(name.count) && name.unicodeScalars.allSatisfy(\.isHanIdeograph)
            return SpeechHeader(title: title, occasion: date, bylines: named ? [name] : [])
        }
        // A press conference's transcript under its title (2025年6月10日外交部发言人林剑主持例行记者会), its first turn below:
        // the title, and the date it opens with as the occasion.
        // (A turn: 问：…, or a speaker's label, 主持人：/ …记者：/ …发言人…：; a page's 发布时间：… and 来源：… lines are
        // its frame's, which MediaFrame reads.)
        let label = second.split(separator: "：", maxSplits: 1).first.map(String.init) ?? ""
        if ["记者会", "新闻发布会", "发布会", "答记者问", "吹风会"].contains(where: title.hasSuffix), second.contains("："),
           label == "问" || label.hasSuffix("主持人") || label.hasSuffix("记者") || label.contains("发言人") {
            return SpeechHeader(title: title, occasion: title.prefixMatch(of: /\d{4}年\d{1,2}月\d{1,2}日/).map { String($0.0) } ?? "", bylines: [])
        }
        guard second.hasPrefix("——") || second.hasPrefix("－－") || second.hasPrefix("—") else { return nil }
        let occasion = String(second.drop { $0 == "—" || $0 == "－" || $0 == " " || $0 == "　" })
        let atMeeting = occasion.contains("在") && occasion.hasSuffix("上")
        let dated = occasion.contains("年") && occasion.contains("月") && occasion.contains("日")
        guard atMeeting || dated else { return nil }
        // The speakers: an office and a name each (国务院总理　李　强; 青澜市人民政府市长　沈立文), not a section's heading.
        var bylines: [String] = []
        for line in lines.dropFirst(2).prefix(4) {
            let speaker = text(line)
            let office = speaker.prefix { $0 != " " && $0 != "　" }
            guard speaker.count <= 40, office.count < speaker.count, offices.contains(where: office.hasSuffix) else { break }
            bylines.append(speaker)
        }
        return SpeechHeader(title: title, occasion: occasion, bylines: bylines)
    }

    /// What a speaker's office ends with.
    private static let offices = [
        "总理", "主席", "委员长", "市长", "省长", "县长", "区长", "州长", "旗长", "乡长", "镇长", "主任", "书记", "部长", "局长", "厅长",
        "院长", "检察长", "行长", "署长", "秘书长", "会长", "理事长", "校长", "代表", "发言人", "负责人", "大使", "总统", "首相",
    ]

    func record(into metadata: inout DocumentMetadata) {
        if metadata.titles["zh"] == nil { metadata.titles["zh"] = title }
        if metadata.fields["occasion"] == nil, !occasion.isEmpty { metadata.fields["occasion"] = occasion }
        var recorded: [String] = []
        for byline in bylines {
            // The name follows the office, set with spaces inside a two-character name (李　强); a name alone is one.
            let parts = byline.split(whereSeparator: { $0 == " " || $0 == "　" })
            let name = parts.count == 1 ? String(parts[0]) : parts.dropFirst().joined()
            guard (2...4).contains(name.count) else { continue }
            recorded.append(parts.count == 1 ? name : parts[0] + " " + name)
            if !metadata.authors.contains(name) { metadata.authors.append(name) }
        }
        if !recorded.isEmpty, metadata.fields["byline"] == nil { metadata.fields["byline"] = recorded.joined(separator: "; ") }
    }
}
