import ArgMarkCore

/// The head of a government site's policy page copied whole (gov.cn's 政策文件库 and the provincial sites built alike):
/// the breadcrumb (首页 > 政策 > 国务院政策文件库 > …) and the document's index table, two labelled cells to a row
/// (索  引  号：000014349/2024-00045	主题分类：…; 发文机关：国务院办公厅	成文日期：2024年05月20日; 标　　题：…; 发文字号：国办发〔2024〕23号
/// 发布日期：…). It says what the document is and argues nothing: read as text, its rows became headings and a
/// sentence, and the document's own frame under it (title, number, addressees, signature) went unseen, the title
/// with it. The rows go to the metadata, and the text is read from the line after them.
struct GovernmentPageHeader {
    /// How many lines from the text's first the header takes.
    var lineCount: Int
    var breadcrumb: String?
    var fields: [(key: String, value: String)]

    /// The index table's labels, spaces removed, and the metadata fields they fill.
    static let labels: [String: String] = [
        "索引号": "indexNumber", "主题分类": "topic", "发文机关": "issuer", "成文日期": "issued", "标题": "title", "发文字号": "documentNumber",
        "发布日期": "published", "主题词": "subjectTerms", "有效性": "validity", "文号": "documentNumber", "公开方式": "disclosure",
        "信息来源": "source", "生成日期": "generated", "公开范围": "disclosureScope", "发布机构": "issuer", "效力状态": "validity",
    ]

    /// The header at the top of `lines`: an optional breadcrumb, then at least two rows of the index table; above a
    /// breadcrumb the site's own lines, which go with it (中国政府网 | 首页 | 简 | 繁 | EN | 国务院 | 总理 | 新闻 | 政策 …, at most
    /// `siteLines` of them; a document's title or issuer above its table is no site's line).
    static func find(_ scalars: [Unicode.Scalar], _ lines: [Range<Int>]) -> GovernmentPageHeader? {
        for start in 0...min(siteLines, lines.count) {
            if start > 0 {
                let line = scalars.string(scalars.trimmed(lines[start - 1]))
                guard line.isEmpty || isSiteLine(line) else { return nil }
            }
            if let header = find(scalars, lines, from: start), start == 0 || header.breadcrumb != nil { return header }
        }
        return nil
    }

    /// A site's own line above a page's breadcrumb: its menu or language bar (items apart by | or spaces, most of them
    /// at most six characters: 首页 | 简 | 繁 | EN, 国务院　总理　新闻 … 国家政务服务平台) or its name (中国政府网, 江东省人民政府门户网站, 江东省人民政府).
    static func isSiteLine(_ line: String) -> Bool {
        guard line.count <= 80, !line.contains(where: { "。！？，：:".contains($0) }) else { return false }
        let items = line.split(whereSeparator: { " 　|｜".contains($0) })
        if items.count >= 3, items.allSatisfy({ $0.count <= 10 }), items.filter({ $0.count <= 6 }).count * 4 >= items.count * 3 { return true }
        return line.count <= 16 && (["网", "网站", "门户网站", "政府网"].contains(where: line.hasSuffix) || OfficialDocumentFrame.isOrgan(line))
    }

    /// Lines of the site's own (its name, language bar and menu) the header may have above it.
    static let siteLines = 6

    private static func find(_ scalars: [Unicode.Scalar], _ lines: [Range<Int>], from start: Int) -> GovernmentPageHeader? {
        var k = start
        while k < lines.count, scalars.trimmed(lines[k]).isEmpty { k += 1 }
        var header = GovernmentPageHeader(lineCount: 0, breadcrumb: nil, fields: [])
        if k < lines.count, lines[k].count <= 120, case let crumb = scalars.string(scalars.trimmed(lines[k])), FrontMatter.isBreadcrumb(crumb) {
            header.breadcrumb = crumb
            k += 1
            while k < lines.count, scalars.trimmed(lines[k]).isEmpty { k += 1 }
        }
        var rows = 0
        while k < lines.count, k < start + 14, lines[k].count <= 240, let cells = row(scalars.string(scalars.trimmed(lines[k]))) {
            header.fields += cells
            rows += 1
            k += 1
        }
        guard rows >= 2, header.fields.contains(where: { $0.key == "title" || $0.key == "documentNumber" }) else { return nil }
        header.lineCount = k
        return header
    }

    /// The labelled cells of one row of the table (标　　题：… or 发文机关：…	成文日期：…), when every label in it is one
    /// of the table's.
    static func row(_ line: String) -> [(key: String, value: String)]? {
        // (Cheap tests first: this is asked of every text's first line, and the expression costs a tenth of reading
        // a short comment.)
        guard let first = line.unicodeScalars.first, ScalarClass.isHan(first),
              line.unicodeScalars.prefix(40).contains(where: { $0 == "：" || $0 == ":" })
        else { return nil }
        // A label: Han characters, perhaps spaced out (索  引  号, 标　　题), then a colon.
        let matches = line.matches(of: /([\p{Han}][\p{Han} 　]{0,8}?)[ 　]*[：:]/)
        guard !matches.isEmpty, matches[0].range.lowerBound == line.startIndex else { return nil }
        var cells: [(key: String, value: String)] = []
        for (n, match) in matches.enumerated() {
            let label = String(match.1).filter { $0 != " " && $0 != "　" }
            guard let key = labels[label] else { return nil }
            let end = n + 1 < matches.count ? matches[n + 1].range.lowerBound : line.endIndex
            let value = line[match.range.upperBound..<end].trimmingCharacters(in: .whitespaces)
            if !value.isEmpty { cells.append((key, value)) }
        }
        return cells
    }

    func record(into metadata: inout DocumentMetadata) {
        if let breadcrumb, metadata.fields["breadcrumb"] == nil { metadata.fields["breadcrumb"] = breadcrumb }
        for (key, value) in fields {
            if key == "title" {
                metadata.offerTitle(value)
            } else if metadata.fields[key] == nil {
                metadata.fields[key] = value
            }
        }
    }
}
