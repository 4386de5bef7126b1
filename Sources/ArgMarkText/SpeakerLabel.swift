/// A transcript that sets each speaker's label on a line of its own (寿小丽： | 女士们、先生们，…; MS. JEAN-PIERRE: |
/// Good afternoon …), as press conferences and hearings are published. Read apart, the label was a sentence of its
/// own, a claim and even the document's thesis; joined to the paragraph below, it opens that paragraph as an inline
/// label does (寿小丽：女士们、先生们，…), which the labellers know as a speaker's turn.
enum SpeakerLabel {
    /// `lines` with each speaker's label that stands on a line of its own joined to the line below it (right below,
    /// or after one blank line) when that line is running text, not a heading or another label.
    static func joined(_ s: [Unicode.Scalar], _ lines: [Range<Int>]) -> [Range<Int>] {
        var labels: [Int: String] = [:]
        for (k, line) in lines.enumerated() {
            if let label = label(s, s.trimmed(line)) { labels[k] = label }
        }
        guard !labels.isEmpty else { return lines }
        var counts: [String: Int] = [:]
        for label in labels.values { counts[label, default: 0] += 1 }
        let firsts = labels.keys.filter { k in
            k + 1 < lines.count && labels[k + 1] == nil && (counts[labels[k]!]! >= 2 || isTitled(labels[k]!))
                && isRunningText(s, s.trimmed(lines[k + 1])) && WrappedHeading.lineBreaks(s, between: lines[k], and: lines[k + 1]) <= 2
        }
        return WrappedHeading.merging(lines, withNext: Set(firsts))
    }

    /// The label of a line that is nothing but a speaker's label and its colon: a Chinese name of two to four
    /// characters (寿小丽：), a title or an outlet with its journalist (国家统计局新闻发言人：, 彭博社记者：, 主持人：), or in
    /// English Q: / A: or a title and a name in capitals (MS. JEAN-PIERRE:, CHAIRMAN SMITH:, THE PRESIDENT:). Not a
    /// salutation (同志们：, 各位代表：), a lead-in (…如下：, 美方称：) or a form's field (附件：).
    static func label(_ s: [Unicode.Scalar], _ line: Range<Int>) -> String? {
        guard line.count >= 2, line.count <= 40, s[line.upperBound - 1] == "：" || s[line.upperBound - 1] == ":" else { return nil }
        let label = String(String.UnicodeScalarView(s[line.lowerBound..<(line.upperBound - 1)]))
        if label.unicodeScalars.allSatisfy({ ScalarClass.isHan($0) || $0 == "·" }) {
            let count = label.unicodeScalars.count
            if label == "问" || label == "答" { return label }
            guard count >= 2, count <= 20, !label.hasPrefix("各位"), !label.hasPrefix("尊敬的"), !label.hasPrefix("亲爱的"), !label.hasSuffix("们"),
                  !saying.contains(where: label.contains), !HeadingDetector.labelNouns.contains(where: label.hasSuffix) else { return nil }
            // A bare name opens with a surname (寿小丽, 盛来运, 毛宁), not a lead-in's noun (主要做法：).
            return isTitled(label) || (count <= 4 && surnames.contains(label.first!)) ? label : nil
        }
        let words = label.split(separator: " ")
        guard let first = words.first, words.count <= 5,
              label.unicodeScalars.allSatisfy({ !ScalarClass.isLower($0) && !ScalarClass.isHan($0) && !ScalarClass.isDigit($0) }) else { return nil }
        if words.count == 1 { return ["Q", "A", "QUESTION", "ANSWER"].contains(String(first)) ? label : nil }
        // THE and an office (THE PRESIDENT:, THE PRIME MINISTER:), not a heading in capitals (THE PROBLEM:).
        if first == "THE" { return words.count <= 3 && offices.contains(String(words[1])) ? label : nil }
        return englishTitles.contains(String(first)) ? label : nil
    }

    private static let offices: Set<String> = [
        "PRESIDENT", "CHAIRMAN", "CHAIRWOMAN", "CHAIR", "SECRETARY", "SPEAKER", "CLERK", "WITNESS", "COURT", "MODERATOR",
        "INTERVIEWER", "AMBASSADOR", "MAYOR", "GOVERNOR", "MINISTER", "COMMISSIONER", "PRIME",
    ]
    /// Common Chinese surnames, the first character of a bare name.
    private static let surnames = Set("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝寿")

    /// Verbs of saying and lead-ins: what follows them is quoted or listed, not a turn.
    private static let saying = ["称", "说", "道", "表示", "指出", "认为", "强调", "回应", "介绍", "如下", "全文", "包括"]
    private static let chineseTitles = ["发言人", "记者", "主持人", "发布人", "部长", "主任", "大使", "局长", "司长", "主席", "总理", "委员", "书记", "省长", "市长"]
    private static let englishTitles: Set<String> = [
        "MR.", "MS.", "MRS.", "DR.", "SEN.", "REP.", "AMB.", "GOV.", "GEN.", "PROF.", "SECRETARY", "AMBASSADOR", "PRESIDENT",
        "CHAIRMAN", "CHAIRWOMAN", "CHAIR", "SENATOR", "REPRESENTATIVE", "JUSTICE", "MAYOR",
    ]

    /// A label that names its speaker's office or outlet, which may speak once (彭博社记者：, THE PRESIDENT:); a bare name
    /// must recur to count.
    private static func isTitled(_ label: String) -> Bool {
        chineseTitles.contains(where: label.hasSuffix) || label.contains(" ") || ["Q", "A", "QUESTION", "ANSWER", "问", "答"].contains(label)
    }

    /// Whether `line` reads as a paragraph's text: no heading, and no other speaker's label.
    private static func isRunningText(_ s: [Unicode.Scalar], _ line: Range<Int>) -> Bool {
        guard !line.isEmpty else { return false }
        return HeadingDetector.level(s, line) == nil && label(s, line) == nil
    }
}
