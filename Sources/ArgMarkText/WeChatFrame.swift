import ArgMarkCore

/// A WeChat public account's article (公众号文章) copied from its page, as many scholars get a journal article or a
/// commentary: above the text the column and authors on the title line (学术前沿｜陈立新 周雨桐：标题), the account's line
/// (原创 陈立新 周雨桐 公共治理评论 2024-06-18 08:30 北京), its card (name, motto, 1028篇原创内容, 公众号), 点击上方蓝字关注我们, and
/// the repost's source and staff (来源：《公共管理学报》2024年第3期, 编辑：林晓, 审核：王强); below it the note on where it first
/// appeared (本文原载于……，注释从略), the account's recommendations (往期推荐 and their titles) and the page's buttons (阅读原文,
/// 分享 收藏 点赞 在看). Read as text, all of it became headings, a sentence or two and a second copy of the abstract. The
/// frame's lines leave the text; what they say goes to the metadata.
struct WeChatFrame: PageFrameLines {
    /// Indices (into the lines searched) of the frame's lines, and where its tail begins.
    var frameLines: Set<Int> = []
    var tailStart: Int?
    var title: String?
    var authors: [String] = []
    var fields: [(key: String, value: String)] = []

    /// How far from the top the account's line may stand.
    static let headLines = 14

    /// The frame of `lines`, when the account's line stands among the first lines: 原创 / 转载 … 2024-06-18 …, or without
    /// 原创 under the follow prompt (点击上方蓝字关注).
    static func find(_ scalars: [Unicode.Scalar], _ lines: [Range<Int>]) -> WeChatFrame? {
        let text = LineTexts(scalars: scalars, lines: lines)
        let head = Array(text.indices.prefix(headLines))
        let prompt = head.first { isFollowPrompt(text[$0]) }
        // The account's line is the page's mark (a site's menu may say 关注我们 too).
        guard let k = head.first(where: { Self.accountLine(text[$0], prompted: prompt != nil) != nil }),
              let parsed = Self.accountLine(text[k], prompted: prompt != nil)
        else { return nil }
        var frame = WeChatFrame()
        if let prompt { frame.frameLines.insert(prompt) }
        let account = parsed.account
        frame.frameLines.insert(k)
        frame.authors = parsed.authors
        frame.fields.append(("date", parsed.date))
        // The title line right above it: the column, the authors and the title (学术前沿｜陈立新 周雨桐：标题), or the
        // title (not the prompt, nor the account's name set above it).
        if let t = text.indices.prefix(k).last(where: { !text.isEmpty($0) }), t != prompt, text[t] != parsed.account {
            frame.frameLines.insert(t)
            let (column, names, title) = Self.titleLine(text[t])
            frame.title = title
            if let column { frame.fields.append(("column", column)) }
            if frame.authors.isEmpty { frame.authors = names }
            // The account's name alone above the title, as some copies begin.
            if let above = text.indices.prefix(t).last(where: { !text.isEmpty($0) }), text[above] == parsed.account { frame.frameLines.insert(above) }
        }
        // The account's card, the staff and the source under the head, up to the article's own front matter (摘要 …)
        // or its first long paragraph; the 作者简介 block may stand among them.
        let frontMatter = ["摘要", "【摘要】", "内容提要", "内容摘要", "关键词", "【关键词】", "Abstract"]
        var headEnd = min(text.count, k + 30)
        var previous = ""
        for j in k + 1..<headEnd where !text.isEmpty(j) {
            // A sentence of the text's own ends the head (a figure's 来源：国家统计局 further down is the text's); the
            // authors' note under its label and the editor's note are the head's.
            if frontMatter.contains(where: text[j].hasPrefix)
                || (text[j].contains("。") && !text[j].hasPrefix("编者按") && !text[j].hasPrefix("【编者按】") && !previous.hasPrefix("作者简介")) {
                headEnd = j
                break
            }
            previous = text[j]
        }
        // The account's card first: its count (1028篇原创内容) with the name and motto above it.
        for j in 0..<headEnd where text[j].hasSuffix("篇原创内容") && text[j].dropLast(5).allSatisfy(\.isNumber) {
            frame.frameLines.insert(j)
            for above in stride(from: j - 1, through: max(0, j - 3), by: -1) where !text.isEmpty(above) {
                guard text[above].count <= 30, !text[above].contains("。"), !frame.frameLines.contains(above) else { break }
                frame.frameLines.insert(above)
            }
        }
        var afterAuthorsNote = false
        for j in 0..<headEnd where !text.isEmpty(j) && !frame.frameLines.contains(j) {
            let line = text[j]
            // Under the account's line the head runs on only through lines of its own (and the authors' note under its
            // label): a figure's 来源：… 编辑：… before the text's first sentence is the text's.
            let authorsNote = afterAuthorsNote
            afterAuthorsNote = line.hasPrefix("作者简介") && line.count <= 6
            if line == "公众号" || line == "图片" || isFollowPrompt(line) {
                frame.frameLines.insert(j)
            } else if let note = ["编者按：", "编者按:", "【编者按】", "编者按 "].first(where: line.hasPrefix) {
                // The account's note on why it reposts the text.
                frame.frameLines.insert(j)
                frame.fields.append(("editorsNote", String(line.dropFirst(note.count)).trimmingCharacters(in: .whitespaces)))
            } else if let (key, value) = Self.staffLine(line) {
                frame.frameLines.insert(j)
                frame.fields.append((key, value))
            } else if j > k, !authorsNote, !afterAuthorsNote, !line.hasPrefix("作者简介") {
                break
            }
        }
        frame.fields.insert(("wechatAccount", account), at: 0)
        frame.readTail(text, account: account)
        return frame
    }

    /// The account's line: 原创 陈立新 周雨桐 公共治理评论 2024-06-18 08:30 北京 → the authors (all names but the last, the
    /// account's), the account and the date. Without 原创 / 转载 only under the follow prompt.
    static func accountLine(_ line: String, prompted: Bool) -> (authors: [String], account: String, date: String)? {
        // (Cheap tests first: a regular expression per line of every text's head cost a tenth of reading.)
        guard prompted || line.hasPrefix("原创") || line.hasPrefix("转载"), line.contains("-"), line.count <= 80, !line.contains("。"),
              let match = line.firstMatch(of: /^(?:(原创|转载)\s+)?(.+?)\s+(\d{4}-\d{2}-\d{2})(?:\s+\d{1,2}:\d{2})?(?:\s+\S{2,8})?$/)
        else { return nil }
        guard match.1 != nil || prompted else { return nil }
        let names = match.2.split(whereSeparator: { $0 == " " || $0 == "　" }).map(String.init)
        guard let account = names.last, names.count <= 6 else { return nil }
        let authors = names.dropLast().filter { name in
            (2...4).contains(name.count) && name.unicodeScalars.allSatisfy { ScalarClass.isHan($0) || $0 == "·" }
        }
        return (authors, account, String(match.3))
    }

    /// The title line: 学术前沿｜陈立新 周雨桐：县域数字治理中的…… → (学术前沿, [陈立新, 周雨桐], 县域数字治理中的……).
    static func titleLine(_ line: String) -> (column: String?, authors: [String], title: String) {
        var rest = Substring(line)
        var column: String?
        if let bar = rest.firstIndex(where: { $0 == "｜" || $0 == "|" }), rest.distance(from: rest.startIndex, to: bar) <= 10 {
            column = String(rest[..<bar]).trimmingCharacters(in: .whitespaces)
            rest = rest[rest.index(after: bar)...]
        }
        // (Names before a colon only after a column: 共同富裕：内涵、路径与政策选择 is a title.)
        if column != nil, let colon = rest.firstIndex(of: "："), rest.distance(from: rest.startIndex, to: colon) <= 20 {
            let names = rest[..<colon].split(whereSeparator: { $0 == " " || $0 == "　" || $0 == "、" }).map(String.init)
            if !names.isEmpty, names.allSatisfy({ (2...4).contains($0.count) && $0.unicodeScalars.allSatisfy(ScalarClass.isHan) }) {
                return (column, names, String(rest[rest.index(after: colon)...]).trimmingCharacters(in: .whitespaces))
            }
        }
        return (column, [], String(rest).trimmingCharacters(in: .whitespaces))
    }

    /// A line of the repost's source or staff: 来源：《公共管理学报》2024年第3期, 编辑：林晓, 审核：王强, 排版：…, 责编：….
    static func staffLine(_ line: String) -> (key: String, value: String)? {
        guard line.count <= 60, !line.contains("。"),
              let match = line.firstMatch(of: /^(来源|文章来源|编辑|责编|责任编辑|审核|排版|美编|校对|初审|复审|终审)\s*[：:]\s*(\S.*)$/)
        else { return nil }
        let key: String
        switch match.1 {
        case "来源", "文章来源": key = "source"
        case "编辑", "责编", "责任编辑": key = "editor"
        case "审核", "初审", "复审", "终审": key = "reviewer"
        // (As an editor's line names them elsewhere: EditorLine.roles.)
        case "美编": key = "artEditor"
        case "校对": key = "proofreader"
        default: key = "layout"
        }
        return (key, String(match.2).trimmingCharacters(in: .whitespaces))
    }

    /// 点击上方蓝字关注我们, 点击蓝字 关注我们, 点击上方关注 (not （蓝字为新增内容）).
    static func isFollowPrompt(_ line: String) -> Bool {
        line.count <= 20 && line.contains("关注") && (line.contains("蓝字") || line.hasPrefix("点击上方"))
    }

    /// The page's tail: from the recommendations heading (往期推荐 …) or the buttons, every line to the end is the page's;
    /// the note on where the text first appeared, just above, is its source.
    private mutating func readTail(_ text: LineTexts, account: String) {
        let tailWords: Set<String> = ["阅读原文", "继续滑动看下一个", "向上滑动看下一个", "轻触阅读原文", "预览时标签不可点", "图片", "在看", "点赞",
                                      "分享", "收藏", "微信扫一扫关注该公众号", "微信扫一扫可打开此内容，使用完整服务", "喜欢此内容的人还喜欢"]
        let recommendations: Set<String> = ["往期推荐", "往期回顾", "推荐阅读", "精彩推荐", "往期精选", "相关阅读", "延伸阅读"]
        let window = max(0, text.count - 40)..<text.count
        func isTailLine(_ k: Int) -> Bool {
            text.isEmpty(k) || text[k] == account || MediaFrame.isToolbar(text[k])
                || text[k].split(whereSeparator: { $0 == " " || $0 == "　" }).allSatisfy { tailWords.contains(String($0)) }
        }
        // (Titles under it are short and end no sentence; the page's buttons follow them, or each title is numbered or
        // marked, 1. … / ▶ …: a text's own section may be headed 延伸阅读.)
        func isListed(_ j: Int) -> Bool { text[j].first.map { $0.isNumber || "▶►•·▪-—".contains($0) } ?? false }
        if let heading = window.last(where: { recommendations.contains(text[$0]) }),
           (heading + 1..<text.count).allSatisfy({ isTailLine($0) || (text[$0].count <= 60 && !text[$0].contains("。")) }),
           (heading + 1..<text.count).contains(where: { !text.isEmpty($0) && isTailLine($0) })
               || (heading + 1..<text.count).allSatisfy({ text.isEmpty($0) || isListed($0) }) {
            // The recommendations and their titles, then the buttons.
            tailStart = heading
        } else {
            var k = text.count
            while k > window.lowerBound, isTailLine(k - 1) { k -= 1 }
            if (k..<text.count).contains(where: { !text.isEmpty($0) }) { tailStart = k }
        }
        // The note on the original publication, the last line of the text above the tail.
        let end = tailStart ?? text.count
        if let note = text.indices.prefix(end).last(where: { !text.isEmpty($0) }), text.count - note <= 40,
           ["本文原载", "原文刊载", "本文刊载", "本文转载自", "原文载于", "本文原刊"].contains(where: text[note].hasPrefix) {
            frameLines.insert(note)
            fields.append(("sourceNote", text[note]))
        }
    }

    func record(into metadata: inout DocumentMetadata) {
        if let title, !title.isEmpty { metadata.titles[DocumentMetadata.languageKey(of: title)] = title }
        // (The authors' notes may name only the first of them: the account's line names them all.)
        if !authors.isEmpty, Set(metadata.authors).isSubset(of: authors) { metadata.authors = authors }
        for (key, value) in fields where metadata.fields[key] == nil {
            // A source naming a journal and its issue is the journal the article appeared in.
            if key == "source", value.hasPrefix("《") {
                if metadata.fields["journal"] == nil { metadata.fields["journal"] = value }
                continue
            }
            metadata.fields[key] = value
        }
    }
}

/// A page's frame around a text copied from it: the lines it takes from the top and the tail it cuts off the end.
protocol PageFrameLines {
    /// Indices (into the lines searched) of the frame's lines.
    var frameLines: Set<Int> { get }
    /// Where the page's tail begins, if it has one.
    var tailStart: Int? { get }
}

extension PageFrameLines {
    /// `lines` without the frame's lines and its tail.
    func kept(_ lines: [Range<Int>]) -> [Range<Int>] {
        lines.indices.filter { !frameLines.contains($0) && $0 < (tailStart ?? lines.count) }.map { lines[$0] }
    }
}
