import ArgMarkCore

/// Lines about a document rather than part of its argument, which the plain-text reader puts into metadata: a
/// report's note on its sources and data cutoff, and a paper's note on the occasion it was prepared for, with the
/// author and affiliation lines between it and the title.
enum FrameLines {
    /// Whether a line opening with `first` can be a source note.
    static func opensParenthesis(_ first: Unicode.Scalar) -> Bool { first == "（" || first == "(" }

    /// A whole line in parentheses that dates the data or names the sources: "（本报告所引数据截至2026年10月，资料
    /// 来源于……）" at the end of a fact sheet. Its text, without the parentheses.
    static func sourceNote(_ text: String) -> String? {
        guard let first = text.first, let last = text.last,
              (first == "（" && last == "）") || (first == "(" && last == ")"), text.count >= 8
        else { return nil }
        let inner = String(text.dropFirst().dropLast())
        let lower = inner.lowercased()
        let cutoff = lower.contains("截至") || lower.contains("as of")
        let sources = ["资料", "数据", "来源", "data", "sources"].contains { lower.contains($0) }
        return cutoff && sources ? inner : nil
    }

    /// How a rights notice opens, in lower case.
    private static let rightsOpenings = ["this is a work of the u.s. government", "copyright", "all rights reserved", "©", "版权所有", "主办"]
        .map { Array($0.unicodeScalars) }

    /// Whether `line` opens as a rights notice can (ASCII letters compared in lower case): asked of every line, so
    /// only such a line is turned into a string for `isRightsNotice`.
    static func mayBeRightsNotice(_ scalars: [Unicode.Scalar], _ line: Range<Int>) -> Bool {
        guard line.count <= 600 else { return false }
        return rightsOpenings.contains { opening in
            opening.count <= line.count && opening.indices.allSatisfy { k in
                let c = scalars[line.lowerBound + k]
                return (c.value >= 0x41 && c.value <= 0x5A ? Unicode.Scalar(c.value + 32)! : c) == opening[k]
            }
        }
    }

    /// A paragraph on the text's copyright status, as a government report's title page carries one ("This is a
    /// work of the U.S. government and is not subject to copyright protection in the United States. …",
    /// "© 2024 …", "Copyright © 2024 …", "Copyright 2024 …", a line "All rights reserved.", 版权所有…): no part of the
    /// argument. A sentence about copyright ("Copyright law changed in 1998 …") is not one.
    static func isRightsNotice(_ text: String) -> Bool {
        guard text.count <= 600 else { return false }
        let lower = text.lowercased()
        if lower.hasPrefix("this is a work of the u.s. government") || lower.hasPrefix("©") || lower.hasPrefix("版权所有") {
            return true
        }
        // A site's own notice (人民网版权所有，未经书面授权禁止使用).
        if lower.count <= 80, lower.prefix(12).contains("版权所有"), lower.contains("禁止") || lower.contains("授权") { return true }
        // A government site's footer (主办：…办公厅　版权所有　网站标识码：…, …ICP备…号).
        if lower.hasPrefix("主办"), lower.count <= 160, ["版权所有", "网站标识码", "icp备", "公网安备"].contains(where: lower.contains) { return true }
        if lower.count <= 40, lower.hasPrefix("all rights reserved") { return true }
        guard lower.hasPrefix("copyright") else { return false }
        // Copyright, then ©, (c) or nothing, then a year.
        var rest = lower.dropFirst("copyright".count).drop(while: { $0 == " " })
        for mark in ["©", "(c)"] where rest.hasPrefix(mark) { rest = rest.dropFirst(mark.count).drop(while: { $0 == " " }) }
        return rest.prefix(4).count == 4 && rest.prefix(4).allSatisfy { $0.isASCII && $0.isNumber }
    }

    /// The occasion line of a paper near its top: "Position paper prepared for the workshop …", "Position paper
    /// for the workshop …", "Paper prepared for delivery at the Annual Meeting …", "Prepared for …".
    /// In Chinese: "为“…”研讨会撰写的立场文件（…，2026年11月）", "提交…年会的论文", "本文为…会议宣读的论文" — a line
    /// that opens by saying for which meeting the paper was written and ends with the kind of paper it is.
    static func isOccasion(_ text: String) -> Bool {
        let lower = text.lowercased()
        if ["prepared for ", "paper prepared for ", "position paper prepared for ", "working paper prepared for ",
            "conference paper prepared for ", "paper presented at ", "position paper for ", "working paper for ",
            "discussion paper for ", "paper for the ", "paper delivered at ", "paper to be presented at ",
            // A lecture's or an address's occasion (Keynote address at the Annual Conference of …).
            "keynote address at ", "keynote address to ", "keynote address delivered at ", "keynote speech at ",
            "keynote lecture at ", "keynote lecture delivered at ", "address delivered at ", "lecture delivered at ",
            "lecture given at ", "remarks delivered at ", "remarks prepared for ", "text of a lecture given at ",
            "text of an address given at "].contains(where: { lower.hasPrefix($0) }) {
            return true
        }
        // A noun phrase that ends with the kind of paper, perhaps with a parenthesis after it (where, when): no
        // clause of a sentence (为此，我们撰写了这份研究报告; 提交给国务院的报告指出……; 提交年会的论文中，……).
        var phrase = Substring(text.trimmingCharacters(in: .whitespaces))
        if phrase.hasSuffix("）") || phrase.hasSuffix(")"), let open = phrase.lastIndex(where: { $0 == "（" || $0 == "(" }) {
            phrase = phrase[..<open]
        }
        // A meeting's name in quotation marks may hold any punctuation (“气候风险的分配：保险、适应与公平”).
        let unquoted = phrase.replacing(/“[^”]*”|《[^》]*》|「[^」]*」|"[^"]*"/, with: "")
        let meetings = ["研讨会", "年会", "会议", "论坛", "工作坊", "研讨班", "大会", "峰会", "座谈会", "讲习班"]
        // (Not a heading that asks why: 为何撰写本报告; nor 系统…: 系 only as 本文系.)
        return ["为", "提交", "本文为", "本文系", "本文是"].contains(where: { phrase.hasPrefix($0) })
            && !["为何", "为什么"].contains(where: { phrase.hasPrefix($0) })
            && meetings.contains(where: { phrase.contains($0) })
            && (["撰写", "准备", "提交", "宣读", "而作"].contains(where: { phrase.contains($0) })
                || meetings.contains(where: { phrase.hasSuffix($0 + "论文") }))
            && ["立场文件", "论文", "工作论文", "报告", "讨论稿", "发言稿", "政策简报"].contains(where: { phrase.hasSuffix($0) })
            && !unquoted.contains(where: { "，。；：！？,;:".contains($0) })
    }

    /// A section's numbered heading (一、引言; （一）; 1. Introduction; 第一章), which no title page holds; numbered
    /// affiliations (1. 北京大学法学院　2. 清华大学法学院) are the title page's.
    static func isNumberedHeading(_ text: String) -> Bool {
        text.firstMatch(of: /^\s*([一二三四五六七八九十]+[、．.]|[（(][一二三四五六七八九十\d]+[）)]|\d+(\.\d+)*[\.、．\s]|第[一二三四五六七八九十\d]+[章节部分篇])/) != nil
            && !FrontMatter.isChineseAffiliation(text) && !FrontMatter.isAffiliation(text)
    }

    /// Only this near the top (title, authors, affiliations, then the occasion) is an occasion line read.
    static let occasionWithin = 6

    /// The occasion line's index, when one of the first lines after the title is one and neither it nor any line
    /// between ends a sentence (names and affiliations, not prose: "Prepared for the committee, the study found
    /// gaps." is a sentence).
    static func occasion(_ scalars: [Unicode.Scalar], _ lines: [Range<Int>]) -> Int? {
        // (A text that opens with a section's heading, 一、引言, has no title page.)
        guard lines.count > 2, !isNumberedHeading(scalars.string(lines[0])) else { return nil }
        for index in 1..<min(lines.count - 1, occasionWithin) where isOccasion(scalars.string(lines[index])) {
            return lines[1...index].allSatisfy { isTitlePageLine(scalars, $0) } ? index : nil
        }
        return nil
    }

    /// Whether a line may stand on a title page between the title and the occasion: a name or an affiliation, not
    /// prose (no sentence's end, at most 200 characters) nor a section's heading (一、引言).
    static func isTitlePageLine(_ scalars: [Unicode.Scalar], _ line: Range<Int>) -> Bool {
        line.count <= 200 && !isSentenceFinal(scalars[line.upperBound - 1]) && !isNumberedHeading(scalars.string(line))
    }

    /// Punctuation that ends a sentence, which a frame line (a name, a title, an affiliation) does not end with.
    static func isSentenceFinal(_ last: Unicode.Scalar) -> Bool {
        last == "." || last == "!" || last == "?" || ScalarClass.isCJKTerminator(last)
    }

    /// Puts the occasion line (`occasion`), the author line after the title (`authors`) and any lines between them
    /// (`affiliation`) into `metadata`.
    static func recordOccasion(_ scalars: [Unicode.Scalar], _ lines: [Range<Int>], at index: Int,
                               into metadata: inout DocumentMetadata) {
        metadata.fields["occasion"] = scalars.string(lines[index])
        guard index > 1 else { return }
        var (authors, translators) = byline(scalars.string(lines[1]))
        var affiliations: [String] = []
        for line in lines[2..<index] {
            let text = scalars.string(line)
            // A translator's line of its own (王丽　译; Translated by Li Wei) under the author's.
            if let translating = englishTranslators(text) {
                translators += translating
            } else if isRoleLine(text) {
                let (more, translating) = byline(text)
                authors += more
                translators += translating
            } else {
                affiliations.append(["单位：", "单位:", "作者单位：", "作者单位:"].first(where: text.hasPrefix).map { String(text.dropFirst($0.count)) } ?? text)
            }
        }
        metadata.authors = authors
        if !translators.isEmpty { metadata.fields["translator"] = translators.joined(separator: "、") }
        if !affiliations.isEmpty { metadata.fields["affiliation"] = affiliations.joined(separator: "; ") }
    }

    /// The translators an English title page names on a line of their own (Translated by Li Wei; Translated from
    /// the Chinese by Li Wei and Anna Roe; Translation by …; Trans. …), or nil for another line.
    static func englishTranslators(_ line: String) -> [String]? {
        guard let match = line.wholeMatch(of: /(?:(?:Translated|Translation)(?: from (?:the )?[A-Z][A-Za-z-]+)? by|Trans\.) (.+)/) else { return nil }
        let names = String(match.1).trimmingCharacters(in: .whitespaces)
        guard names.count <= 120, !isSentenceFinal(names.unicodeScalars.last ?? "."),
              let (persons, _) = FrontMatter.englishPersons(names), !persons.isEmpty else { return nil }
        return persons
    }

    private static let authorRoles: Set<String> = ["著", "编著", "主编", "编"]
    private static let translatorRoles: Set<String> = ["译", "编译", "翻译"]
    /// Labels before a byline's names: the author's (作者：, 著者：, 主编：) and the translator's (译者：).
    private static let roleLabels: Set<String> = ["作者：", "著者：", "编者：", "主编：", "译者：", "翻译："]
    /// The role words, longest first (编译 before 译), as they are looked for at a name's end.
    private static let rolesLongestFirst = authorRoles.union(translatorRoles).sorted { $0.count > $1.count || ($0.count == $1.count && $0 < $1) }

    /// Whether a line names who wrote or translated (约翰·史密斯　著; 王丽　译; 汉斯·穆勒著　王丽译; 译者：王丽).
    static func isRoleLine(_ line: String) -> Bool {
        roleWords(line).contains { authorRoles.contains($0) || translatorRoles.contains($0) || roleLabels.contains($0) }
    }

    /// A byline's words: names, role words (著, 译) and labels (译者：), apart by spaces or by the marks that list
    /// them (；、，), a role word written onto its name (王丽译) set apart when the line ends so.
    private static func roleWords(_ line: String) -> [String] {
        var words: [String] = []
        for piece in line.split(whereSeparator: { " 　；;，,、/／".contains($0) }).map(String.init) {
            var piece = piece
            // A label and the name after it (译者：王丽).
            if let colon = piece.firstIndex(where: { $0 == "：" || $0 == ":" }) {
                words.append(String(piece[...colon]).replacingOccurrences(of: ":", with: "："))
                piece = String(piece[piece.index(after: colon)...])
                if piece.isEmpty { continue }
            }
            // (A piece ends where a space or a listing mark does: 约翰·史密斯著；张三译.)
            if piece.count > 2, let role = rolesLongestFirst.first(where: { piece.hasSuffix($0) }) {
                words.append(String(piece.dropLast(role.count)))
                words.append(role)
            } else {
                words.append(piece)
            }
        }
        return words
    }

    /// A title page's author line: its authors, and the translators a translation names after them (约翰·史密斯　著
    /// 李晓梅　译: the words 著 and 译 say who did which; 作者：…　译者：… the labels before them); a label before the
    /// names alone (作者：) is no name.
    static func byline(_ line: String) -> (authors: [String], translators: [String]) {
        let text = ["作者：", "作者:"].first(where: line.hasPrefix).map { String(line.dropFirst($0.count)) } ?? line
        guard isRoleLine(text) else { return (FrontMatter.splitNames(text), []) }
        var authors: [String] = [], translators: [String] = [], pending: [String] = []
        // A label says whose the names after it are; a role word, whose the names before it are.
        var labelled: Bool?
        func flush(translating: Bool) {
            if translating { translators += pending } else { authors += pending }
            pending = []
        }
        for word in roleWords(text) {
            if roleLabels.contains(word) {
                // (Names before any label or role word are the authors'.)
                flush(translating: labelled ?? false)
                labelled = word.contains("译")
            } else if authorRoles.contains(word) {
                flush(translating: false)
                labelled = nil
            } else if translatorRoles.contains(word) {
                flush(translating: true)
                labelled = nil
            } else {
                // A nationality before a foreign author's name ([德]汉斯·穆勒, 〔美〕) is no part of it.
                pending += FrontMatter.splitNames(word.replacing(/^[\[〔［【(（][^\]〕］】)）]{1,3}[\]〕］】)）]/, with: ""))
            }
        }
        flush(translating: labelled ?? false)
        return (authors, translators)
    }
}
