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
    /// In Chinese: "为“…”研讨会撰写的立场文件（…，2026年11月）", "提交…年会的论文", "本文系…会议论文" — a line that
    /// opens by saying what the paper was written for and names the kind of paper it is.
    static func isOccasion(_ text: String) -> Bool {
        let lower = text.lowercased()
        if ["prepared for ", "paper prepared for ", "position paper prepared for ", "working paper prepared for ",
            "conference paper prepared for ", "paper presented at ", "position paper for ", "working paper for ",
            "discussion paper for ", "paper for the "].contains(where: { lower.hasPrefix($0) }) {
            return true
        }
        return ["为", "提交", "本文为", "本文系", "本文是", "系"].contains(where: { text.hasPrefix($0) })
            && ["撰写", "准备", "提交", "宣读", "而作", "会议论文"].contains(where: { text.contains($0) })
            && ["立场文件", "论文", "报告", "讨论稿", "发言稿", "政策简报"].contains(where: { text.contains($0) })
    }

    /// Only this near the top (title, authors, affiliations, then the occasion) is an occasion line read.
    static let occasionWithin = 6

    /// The occasion line's index, when one of the first lines after the title is one and neither it nor any line
    /// between ends a sentence (names and affiliations, not prose: "Prepared for the committee, the study found
    /// gaps." is a sentence).
    static func occasion(_ scalars: [Unicode.Scalar], _ lines: [Range<Int>]) -> Int? {
        guard lines.count > 2 else { return nil }
        for index in 1..<min(lines.count - 1, occasionWithin) where isOccasion(scalars.string(lines[index])) {
            let frame = lines[1...index]
            return frame.allSatisfy({ $0.count <= 200 && !isSentenceFinal(scalars[$0.upperBound - 1]) }) ? index : nil
        }
        return nil
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
        metadata.authors = FrontMatter.splitNames(scalars.string(lines[1]))
        if index > 2 {
            metadata.fields["affiliation"] = lines[2..<index].map { scalars.string($0) }.joined(separator: "; ")
        }
    }
}
