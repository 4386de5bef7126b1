import ArgMarkCore
import Foundation

/// The frame a Chinese text carries when copied from a newspaper's or a government's web page, or from a white
/// paper's cover: under the title, a byline (本报评论员, 本报记者　李红梅　王浩), the page's date and source line
/// (2024年03月06日08:31 | 来源：人民网－人民日报, 来源：外交部网站), its buttons (分享到：, 【字体：大 中 小】打印本页), a
/// cover's issuer and month (中华人民共和国 / 国务院新闻办公室 / 2023年1月) or a date in brackets (（2024年7月31日）); at
/// the end the editor's and the print edition's lines (（责编：…）, 《 人民日报 》（ 2024年03月06日 02 版）), （完） and a
/// signature without a document number (中共中央 / 国务院 / 2024年7月31日). They say who wrote or issued the text and
/// where it ran, and argue nothing: read as text each became a heading that opened a section or a sentence. They go
/// to the metadata (`authors`, `byline`, `source`, `date`, `issuer`, `issued`, `editor`, `printEdition`; the first
/// line as the title); the page's furniture, the addressees and the tail leave the body, while a byline, a subtitle,
/// a cover and a date under the title stay as the headings they are read as (`kept`).
struct MediaFrame {
    /// Indices of the frame's lines that leave the body: a page's furniture, the addressees, the tail's lines.
    var lines: Set<Int> = []
    /// Indices of the head's lines that are recorded but stay in the text as the headings they are read as (a cover's
    /// issuer and month, a byline, a subtitle, a date under the title), as a speech's head does (`SpeechHeader`): the
    /// project's gold keeps such lines as headings, and sentence ids and offsets do not move.
    var kept: Set<Int> = []
    var title: String?
    var authors: [String] = []
    var fields: [(key: String, value: String)] = []

    /// The frame of `lines`, when the head under a title line or the tail holds any of its lines.
    static func find(_ scalars: [Unicode.Scalar], _ lines: [Range<Int>]) -> MediaFrame? {
        let text = LineTexts(scalars: scalars, lines: lines)
        guard let first = text.indices.first(where: { !text.isEmpty($0) }) else { return nil }
        if LanguageDetector.detect(text[first]) == .en { return english(text, title: first) }
        guard text[first].unicodeScalars.contains(where: \.isHanIdeograph), text[first].count <= 80, !text[first].contains("。")
        else { return nil }
        var frame = MediaFrame()
        // The head: the lines under the title while each is part of the frame.
        var k = first + 1
        var cover: [String] = []
        // Whether a bracketed date stands under the title, a white paper's month (（2024年11月）), not a page's time.
        var bracketedDate = false
        // The first line under the title, a blank line between them or not.
        func underTitle(_ k: Int) -> Bool { k == first + 1 || (text[first + 1].isEmpty && k == first + 2) }
        while k < text.count, k <= first + 8 {
            let line = text[k]
            if line.isEmpty {
                k += 1
                continue
            }
            // Furniture and addressees leave the body; the rest is recorded and stays as the headings it is read as.
            var leaves = false
            if underTitle(k), line.hasPrefix("——"), line.count <= 60, !line.contains("。") {
                // A commentary's subtitle (——论学习贯彻……精神): the title's, and the frame goes on under it.
                frame.fields.append(("subtitle", String(line.drop { $0 == "—" })))
            } else if let names = Self.byline(line) {
                frame.authors += names
                frame.fields.append(("byline", line))
            } else if cover.count < 3, Self.isCoverIssuer(line) {
                cover.append(line)
            } else if !cover.isEmpty, Self.isMonth(line) || OfficialDocumentFrame.isDate(line) {
                // The issuer's date under its name (国家统计局 / 2025年2月28日) is the cover's, not a page's timestamp.
                frame.fields += [("issuer", cover.joined(separator: " ")), ("issued", line)]
                cover = []
            } else if let (date, source) = Self.pageDateAndSource(line) {
                if let date { frame.fields.append(("date", date)) }
                if let source { frame.fields.append(("source", source)) }
                leaves = true
            } else if Self.isButton(line) {
                // Nothing to keep: 分享到：, 打印本页.
                leaves = true
            } else if underTitle(k), let date = Self.bracketedDate(line) {
                frame.fields.append(("date", date))
                bracketedDate = true
            } else if OfficialDocumentFrame.isTitle(text[first]), Self.isAddressees(line) {
                // A directive without its document number still names whom it is sent to.
                frame.fields.append(("addressees", String(line.dropLast())))
                leaves = true
            } else {
                break
            }
            if leaves { frame.lines.insert(k) } else { frame.kept.insert(k) }
            k += 1
        }
        // A white paper's issuer under its bracketed month (（2024年11月） / 中华人民共和国 / 国务院新闻办公室) has that date.
        if !cover.isEmpty, bracketedDate,
           !frame.fields.contains(where: { $0.key == "issuer" }) {
            frame.fields.append(("issuer", cover.joined(separator: " ")))
            cover = []
        }
        // An issuer without its date is a line of the text after all.
        if !cover.isEmpty {
            for line in frame.kept where cover.contains(text[line]) { frame.kept.remove(line) }
        }
        let headEnd = frame.lines.union(frame.kept).max() ?? first
        // The tail: from the last line up while each is part of the frame.
        var tail: [(key: String, value: String)] = []
        var j = text.count - 1
        var dateLine: Int?
        while j > headEnd + 1 {
            let line = text[j]
            if line.isEmpty {
                j -= 1
                continue
            }
            if line == "（完）" || line == "(完)" || line == "【纠错】" {
                // The wire's end mark, the page's button.
            } else if Self.isContribution(line) {
                tail.append(("contributors", String(line.dropFirst().dropLast())))
            } else if OfficialDocumentFrame.isDistributionNote(line), dateLine == nil {
                tail.append(("distribution", String(line.dropFirst().dropLast())))
            } else if let editor = Self.editor(line) {
                tail.append(("editor", editor))
            } else if Self.isPrintEdition(line) {
                tail.append(("printEdition", line.filter { $0 != " " && $0 != "　" }))
            } else if OfficialDocumentFrame.isDate(line), dateLine == nil {
                tail.append(("issued", line))
                dateLine = j
            } else if dateLine != nil, OfficialDocumentFrame.isOrgan(line) || line == "中共中央" {
                tail.append(("issuer", line))
            } else if Self.isButton(line) || line.hasPrefix("关注公众号") {
            } else {
                break
            }
            frame.lines.insert(j)
            j -= 1
        }
        // A date alone at the end without its issuer is the text's own last line (a letter's date is LetterFrame's).
        if let line = dateLine, !tail.contains(where: { $0.key == "issuer" }) {
            frame.lines.remove(line)
            tail.removeAll { $0.key == "issued" }
        }
        // The signature's organs were met last first: 中共中央 above 国务院.
        let issuers = tail.filter { $0.key == "issuer" }.map(\.value).reversed()
        frame.fields += tail.filter { $0.key != "issuer" }.reversed()
        if !issuers.isEmpty { frame.fields.append(("issuer", issuers.joined(separator: " "))) }
        guard !frame.lines.isEmpty || !frame.kept.isEmpty else { return nil }
        // A page read from HTML marks its headline as a heading (# 关于…的实施意见); the title is its text.
        frame.title = String(text[first].drop { $0 == "#" }).trimmingCharacters(in: .whitespaces)
        return frame
    }

    /// Whether a line under a title names a part of the work (Chapter One, Selected Essays, Volume II, Introduction)
    /// rather than people: capitalised words both, which only the words tell apart.
    static func namesAWork(_ line: String) -> Bool {
        let words = line.lowercased().split(whereSeparator: { !$0.isLetter })
        return words.contains { workWords.contains(String($0)) }
    }

    private static let workWords: Set<String> = [
        "chapter", "part", "volume", "vol", "book", "section", "essays", "essay", "selected", "collected", "works", "letters",
        "papers", "lectures", "introduction", "preface", "foreword", "afterword", "contents", "edition", "appendix", "notes",
        "translation", "translator", "translated", "abstract", "summary", "the", "of", "on", "in",
    ]

    /// An English commentary's or op-ed's frame: under a title, its byline (By Jennifer A. Hillman and David Sacks, in
    /// Markdown's emphasis too), a date line (June 3, 2024), the outlet's line (Council on Foreign Relations |
    /// Commentary | June 3, 2024) and the page's share buttons; and, only under such a byline, the disclaimer at the end
    /// (The views expressed in this commentary are solely those of the authors. …). The byline is what tells such a
    /// head: without it nothing is taken.
    static func english(_ text: LineTexts, title top: Int) -> MediaFrame? {
        func bare(_ line: String) -> String { line.trimmingCharacters(in: CharacterSet(charactersIn: "*_# ")) }
        // A series line above the title (POLICY BRIEF No. 27 | September 2024) names the outlet and the date.
        var series: [(key: String, value: String)] = []
        var first = top
        if case let parts = bare(text[top]).split(separator: "|").map({ $0.trimmingCharacters(in: .whitespaces) }), parts.count >= 2,
           let date = parts.last, Self.isDateLine(date), bare(text[top]).count <= 120,
           let next = ((top + 1)..<min(text.count, top + 3)).first(where: { !text.isEmpty($0) }) {
            series = [("source", parts.dropLast().joined(separator: " | ")), ("date", date)]
            first = next
        }
        let title = bare(text[first])
        guard title.split(separator: " ").count <= 20, !title.hasSuffix("."), let firstScalar = title.unicodeScalars.first,
              ScalarClass.isUpper(firstScalar) || ScalarClass.isDigit(firstScalar) else { return nil }
        var frame = MediaFrame()
        var k = first + 1
        while k < text.count, k <= first + 6 {
            let line = bare(text[k])
            if line.isEmpty {
                k += 1
                continue
            }
            // The names under the title without By, when the line under them says who translated (John Smith |
            // Translated by Li Wei): a translation's title page.
            let nextLine = ((k + 1)..<min(text.count, k + 3)).first(where: { !text.isEmpty($0) }).map { bare(text[$0]) }
            if frame.authors.isEmpty, line.hasPrefix("By ") || line.hasPrefix("by "), line.count <= 120, !line.hasSuffix("."),
               let (names, _) = FrontMatter.englishPersons(String(line.dropFirst(3))) {
                frame.authors = names
                frame.fields.append(("byline", line))
            } else if frame.authors.isEmpty, let nextLine, FrameLines.englishTranslators(nextLine) != nil, line.count <= 120,
                      !line.hasSuffix("."), !Self.namesAWork(line), let (names, _) = FrontMatter.englishPersons(line), !names.isEmpty {
                frame.authors = names
                frame.fields.append(("byline", line))
            } else if let translators = FrameLines.englishTranslators(line) {
                frame.fields.append(("translator", translators.joined(separator: ", ")))
            } else if Self.isEnglishDate(line) {
                frame.fields.append(("date", line))
            } else if line.contains("|"), line.count <= 120, case let parts = line.split(separator: "|").map({ $0.trimmingCharacters(in: .whitespaces) }),
                      let date = parts.last, Self.isEnglishDate(date) {
                frame.fields += [("source", parts.dropLast().joined(separator: " | ")), ("date", date)]
            } else if line.hasPrefix("Share:") || line == "Share" || line.hasPrefix("Share this") {
            } else {
                break
            }
            frame.lines.insert(k)
            k += 1
        }
        guard !frame.authors.isEmpty else { return nil }
        // The tail, from the last line up (a Markdown file's footnote definitions aside): the disclaimer and the
        // authors' notes (Jennifer A. Hillman is a senior fellow at …), each opening with a name of the byline.
        var j = text.count - 1
        var notes: [String] = []
        while j >= k {
            let line = bare(text[j])
            if line.isEmpty || line.hasPrefix("[^") {
                j -= 1
                continue
            }
            if line.hasPrefix("The views expressed"), line.count <= 300, frame.fields.last?.key != "disclaimer" {
                frame.fields.append(("disclaimer", line))
            } else if line.count <= 400, frame.authors.contains(where: { name in
                // A note on the author says what they are (… is a senior fellow at …), not what they said.
                ["is a ", "is an ", "is the ", "was a ", "was an ", "was the ", "is professor ", "is Professor "].contains { line.hasPrefix(name + " " + $0) }
            }) {
                notes.insert(line, at: 0)
            } else {
                break
            }
            frame.lines.insert(j)
            j -= 1
        }
        if !notes.isEmpty { frame.fields.append(("authorNote", notes.joined(separator: " "))) }
        if !series.isEmpty {
            frame.lines.insert(top)
            frame.fields = series + frame.fields
        }
        frame.title = title
        return frame
    }

    /// A date on a head's line of its own, its month alone too and a full stop after it: March 5, 2025.; July 2024.
    static func isDateLine(_ line: String) -> Bool {
        let date = line.hasSuffix(".") ? String(line.dropLast()) : line
        if isEnglishDate(date) { return true }
        let words = date.split(separator: " ")
        return words.count == 2 && months.prefix(12).contains(String(words[0])) && words[1].count == 4 && words[1].allSatisfy(\.isNumber)
    }

    private static let months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December",
                                 "Jan.", "Feb.", "Mar.", "Apr.", "Jun.", "Jul.", "Aug.", "Sept.", "Sep.", "Oct.", "Nov.", "Dec."]

    /// June 3, 2024; 3 June 2024; Jun. 3, 2024; 2024-06-03.
    static func isEnglishDate(_ line: String) -> Bool {
        guard line.count <= 22 else { return false }
        let words = line.replacingOccurrences(of: ",", with: " ").split(separator: " ")
        if words.count == 3, words.contains(where: { months.contains(String($0)) }),
           words.filter({ $0.allSatisfy(\.isNumber) }).count == 2, let year = words.last(where: { $0.count == 4 }), year.allSatisfy(\.isNumber) {
            return true
        }
        let s = Array(line.unicodeScalars)
        return s.count == 10 && s.enumerated().allSatisfy { i, c in [4, 7].contains(i) ? c == "-" : ScalarClass.isDigit(c) }
    }

    /// 本报评论员, 人民日报评论员, 本报评论部 (as a byline, the authors it names: none), 本报记者　李红梅　王浩 (李红梅, 王浩).
    static func byline(_ line: String) -> [String]? {
        let compact = line.filter { $0 != " " && $0 != "　" }
        let desks = ["评论员", "评论员文章", "评论部", "特约评论员"]
        for outlet in ["", "本报", "本刊", "人民日报", "新华社", "光明日报", "经济日报", "求是", "解放军报"] {
            if desks.contains(where: { compact == outlet + $0 }) { return [] }
        }
        // A reporter's byline: the desk, then two- to four-character names set apart by spaces.
        for desk in ["本报记者", "新华社记者", "记者"] where line.hasPrefix(desk) {
            let names = line.dropFirst(desk.count).split(whereSeparator: { $0 == " " || $0 == "　" || $0 == "、" }).map(String.init)
            guard !names.isEmpty, names.count <= 6, names.allSatisfy({ (2...4).contains($0.count) && $0.unicodeScalars.allSatisfy(\.isHanIdeograph) }) else { return nil }
            return names
        }
        return nil
    }

    /// A web page's date and source line: 2024年03月06日08:31 | 来源：人民网－人民日报, 来源：外交部网站, 2024-03-12 19:30,
    /// 发布时间：2024-03-12 来源：新华社.
    static func pageDateAndSource(_ line: String) -> (date: String?, source: String?)? {
        guard line.count <= 80, !line.contains("。") else { return nil }
        var date: String?
        var source: String?
        for part in line.split(whereSeparator: { $0 == "|" || $0 == "｜" }).map({ $0.trimmingCharacters(in: .whitespaces) }) {
            for piece in part.components(separatedBy: "  ").map({ $0.trimmingCharacters(in: .whitespaces) }) where !piece.isEmpty {
                if let value = Self.value(piece, labels: ["来源", "信息来源", "稿件来源"]) {
                    source = value
                } else if let value = Self.value(piece, labels: ["发布时间", "发布日期", "时间", "日期"]) ?? (Self.isTimestamp(piece) ? piece : nil) {
                    date = value
                } else {
                    return nil
                }
            }
        }
        return date == nil && source == nil ? nil : (date, source)
    }

    private static func value(_ piece: String, labels: [String]) -> String? {
        for label in labels where piece.hasPrefix(label + "：") || piece.hasPrefix(label + ":") {
            let value = piece.dropFirst(label.count + 1).trimmingCharacters(in: .whitespaces)
            return value.isEmpty ? nil : value
        }
        return nil
    }

    /// 2024年03月06日08:31, 2024-03-12 19:30, 2024-03-12, 2024/03/12.
    static func isTimestamp(_ piece: String) -> Bool {
        let s = Array(piece.unicodeScalars)
        guard (8...24).contains(s.count), s.prefix(4).allSatisfy(ScalarClass.isDigit) else { return false }
        // A day at least (2023年1月 is a cover's month, not a page's timestamp).
        let day = s.contains("日") || s.filter({ $0 == "-" || $0 == "/" }).count == 2
        return day && s.allSatisfy { ScalarClass.isDigit($0) || "年月日-/:： ".unicodeScalars.contains($0) }
    }

    /// A page's buttons and furniture: 分享到：, 【字体：大 中 小】打印本页, 打印本页, 关闭窗口, 【打印本页】 【关闭窗口】.
    static func isButton(_ line: String) -> Bool {
        let compact = line.filter { $0 != " " && $0 != "　" }
        let unbracketed = compact.filter { !"【】[]".contains($0) }
        return (compact.count <= 40 && (compact.hasPrefix("分享到") || compact.hasPrefix("【字体") || compact.hasPrefix("字号：")
            || compact.hasPrefix("字号:") || compact.hasPrefix("字号大")
            || unbracketed.hasSuffix("打印本页") || unbracketed.hasSuffix("关闭窗口") || compact == "打印" || compact.hasPrefix("【打印】")
            || compact.hasPrefix("【我要纠错】")))
            || isToolbar(line)
    }

    /// Whether a line may be a web page's buttons (【打印本页】, Share  Tweet  Email  Print, 下载PDF | 导出引用):
    /// at most 80 characters, it opens with a bracket, a Latin letter or the first character of a Chinese button and
    /// ends no sentence. (Only such a line is turned into a string to be asked: a string per heading made reading a
    /// report slower.)
    static func mayBeButtons(_ scalars: [Unicode.Scalar], _ line: Range<Int>) -> Bool {
        let text = scalars.trimmed(line)
        guard line.count <= 80, let first = text.first, let last = text.last.map({ scalars[$0] }) else { return false }
        let opening = scalars[first]
        return (buttonOpenings.contains(opening) || ScalarClass.isLatinLetter(opening)) && !".。!?！？;；,，".unicodeScalars.contains(last)
    }

    /// The characters a Chinese button or toolbar opens with (【打印本页】, 分享到：, 字号：, 下载PDF, 导出引用, 收藏, 点赞, 关闭窗口).
    private static let buttonOpenings = Set("【[分打关字下导收点".unicodeScalars)

    /// A web page's toolbar copied with its text: two or more buttons on one line, apart by spaces or bars (Share
    /// Tweet  Email  Print; 下载PDF | 导出引用 | 收藏 | 阅读次数：1523).
    static func isToolbar(_ line: String) -> Bool {
        guard line.count <= 80 else { return false }
        let buttons = line.lowercased().split(whereSeparator: { " 　|｜·/\t".contains($0) })
        return buttons.count >= 2 && buttons.allSatisfy { button in
            toolbarButtons.contains(String(button))
                || ["阅读次数", "浏览次数", "阅读量", "下载次数", "点击数", "访问量", "views"].contains { count in
                    button.hasPrefix(count) && button.dropFirst(count.count).drop { "：: ".contains($0) }.allSatisfy(\.isNumber)
                }
        }
    }

    /// The buttons of a toolbar, in lower case.
    static let toolbarButtons: Set<String> = [
        // Actions only: the platforms' names (Facebook | Twitter, 微信　微博) are as often a table's row in a text on them.
        "share", "tweet", "email", "e-mail", "print", "save", "download", "pdf", "cite", "citation", "bookmark", "reprints",
        "permissions", "下载pdf", "导出引用", "收藏", "分享", "打印", "关闭", "点赞", "html全文",
    ]

    /// A web page's heading over links to other pages (相关文章, Related articles, People also read), which ends its
    /// text: what follows is navigation and the site's footer.
    static func isRelatedLinksHeading(_ line: String) -> Bool {
        let key = line.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: " 　:：【】[]"))
        return relatedLinksHeadings.contains(key)
    }

    static let relatedLinksHeadings: Set<String> = [
        "相关文章", "相关阅读", "相关链接", "相关新闻", "相关稿件", "推荐阅读", "热点文章", "热门文章", "猜你喜欢", "相关推荐",
        "related articles", "related", "related content", "related reading", "people also read", "recommended articles",
        "you may also like", "most read", "most popular", "more on this topic",
    ]

    /// Where a web page's tail begins: its last related-links heading (`isRelatedLinksHeading`) after the text, when
    /// every line from there to the end is a short one that ends no sentence (a link's title, the site's footer), a
    /// headline's question or exclamation (人工智能进课堂，家长该关注什么？) or a rights notice.
    static func webTailStart(_ scalars: [Unicode.Scalar], _ lines: [Range<Int>]) -> Int? {
        var index = lines.count - 1
        func isTailLine(_ line: Range<Int>) -> Bool {
            guard line.count <= 120 else { return false }
            if !HardWrap.endsSentence(scalars, before: line.upperBound, from: line.lowerBound) { return true }
            let text = scalars.string(line)
            let end = text.last { !"”\"’）)".contains($0) }
            return (line.count <= 40 && end.map { "？！?!".contains($0) } == true) || FrameLines.isRightsNotice(text)
        }
        // (From the end up, as far as lines are such: a long text costs only its tail.)
        while index > 0, isTailLine(lines[index]) {
            if lines[index].count <= 24, isRelatedLinksHeading(scalars.string(lines[index])) { return index }
            index -= 1
        }
        return nil
    }

    /// A cover's issuer: 中华人民共和国, 国务院新闻办公室.
    static func isCoverIssuer(_ line: String) -> Bool {
        line == "中华人民共和国" || line == "中共中央" || OfficialDocumentFrame.isOrgan(line)
    }

    /// 2023年1月: a cover's month.
    static func isMonth(_ line: String) -> Bool {
        let s = Array(line.unicodeScalars)
        guard (7...8).contains(s.count), s.prefix(4).allSatisfy(ScalarClass.isDigit), s[4] == "年", s.last == "月" else { return false }
        return s[5..<(s.count - 1)].allSatisfy(ScalarClass.isDigit)
    }

    /// （2024年7月31日） under a title: the date, without its brackets.
    static func bracketedDate(_ line: String) -> String? {
        guard (line.hasPrefix("（") && line.hasSuffix("）")) || (line.hasPrefix("(") && line.hasSuffix(")")) else { return nil }
        let inner = String(line.dropFirst().dropLast())
        // A white paper's month (（2024年11月）, as gov.cn sets it under the title) as well as a day.
        return OfficialDocumentFrame.isDate(inner) || isMonth(inner) ? inner : nil
    }

    /// 各省、自治区、直辖市人民政府，国务院各部委、各直属机构：: every part an organ (各… or a name ending as an organ's
    /// does, 自治区 and 直辖市 too) and no clause (为深入贯彻党中央、国务院决策部署，……现提出如下意见： is the text's).
    static func isAddressees(_ line: String) -> Bool {
        guard line.hasSuffix("："), line.count <= 200, !line.contains("。") else { return false }
        let parts = line.dropLast().split(whereSeparator: { $0 == "、" || $0 == "，" || $0 == "," }).map(String.init)
        let regions = ["省", "自治区", "直辖市", "市", "县", "区", "州", "盟", "旗", "兵团", "单位", "部门", "机构", "部委", "乡镇", "街道"]
        // 委、办、局: the kinds of organ, one character each, after 市政府各….
        let kinds: Set<String> = ["委", "办", "局", "厅", "部", "署", "院", "所", "室", "处", "科"]
        func organ(_ part: String) -> Bool {
            kinds.contains(part) || OfficialDocumentFrame.organSuffixes.contains(where: part.hasSuffix) || regions.contains(where: part.hasSuffix)
        }
        // One addressee alone names an organ (各乡镇人民政府：, 各有关单位：); 各地要重点抓好以下工作： is the text's.
        return !parts.isEmpty && (parts.count >= 2 || organ(parts[0])) && parts.allSatisfy { part in
            part.count <= 24 && !["为", "现", "要", "如下", "以下", "提出", "通知", "意见", "决策", "部署", "贯彻", "工作"].contains(where: part.contains)
                && (part.hasPrefix("各") || organ(part))
        }
    }

    /// （本报记者刘志强参与采写）: who else reported the piece.
    static func isContribution(_ line: String) -> Bool {
        line.count <= 40 && (line.hasPrefix("（") || line.hasPrefix("(")) && (line.hasSuffix("参与采写）") || line.hasSuffix("参与采写)"))
    }

    /// （责编：王楠、李昉）, 【责任编辑:李四】 → 王楠、李昉.
    static func editor(_ line: String) -> String? {
        guard line.count <= 40, line.hasPrefix("（") || line.hasPrefix("(") || line.hasPrefix("【") else { return nil }
        let inner = line.dropFirst().dropLast()
        for label in ["责编", "责任编辑", "编辑"] where inner.hasPrefix(label + "：") || inner.hasPrefix(label + ":") {
            return String(inner.dropFirst(label.count + 1))
        }
        return nil
    }

    /// 《 人民日报 》（ 2024年03月06日 02 版）.
    static func isPrintEdition(_ line: String) -> Bool {
        let compact = line.filter { $0 != " " && $0 != "　" }
        return compact.count <= 40 && compact.hasPrefix("《") && compact.contains("》（") && compact.hasSuffix("版）")
    }

    func record(into metadata: inout DocumentMetadata) {
        for (key, value) in fields {
            metadata.fields[key] = metadata.fields[key].map { $0 + "; " + value } ?? value
        }
        for author in authors where !metadata.authors.contains(author) { metadata.authors.append(author) }
        if let title { metadata.offerTitle(title) }
    }
}

/// A text's lines as strings, each made when asked for: a frame reads a text's head and tail, and a string for every
/// line of a long text costs more than the rest of its reading.
struct LineTexts {
    let scalars: [Unicode.Scalar]
    let lines: [Range<Int>]

    var count: Int { lines.count }
    var indices: Range<Int> { lines.indices }
    subscript(_ k: Int) -> String { scalars.string(scalars.trimmed(lines[k])) }
    func isEmpty(_ k: Int) -> Bool { scalars.trimmed(lines[k]).isEmpty }
}
