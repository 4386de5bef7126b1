import ArgMarkCore

/// The frame of a Chinese official document (公文: 意见, 通知, 决定, 方案 …): its document number (国办发〔2024〕18号)
/// with the title beside it and the addressees (各省、自治区、直辖市人民政府，国务院各部委、各直属机构：) at the top,
/// and at the end the attachments (附件：1.…), the issuing body and date, the publication note (（此件公开发布）), the
/// copies (抄送：…) and the printing line (…2024年3月4日印发). They say who issued what to whom and argue nothing: read
/// as text, each became a heading that opened a section, and 抄送 a sentence labelled a prescription. They go to the
/// metadata (`documentNumber`, `addressees`, `attachments`, `issuer`, `issued`, `distribution`, `copyTo`, `printed`;
/// the title too, when there is none).
struct OfficialDocumentFrame {
    /// Indices of the frame's lines.
    var lines: Set<Int>
    var title: String?
    var fields: [(key: String, value: String)]

    /// The frame of `lines`, when one of the first six holds a document number alone.
    static func find(_ scalars: [Unicode.Scalar], _ lines: [Range<Int>]) -> OfficialDocumentFrame? {
        let text = lines.map { scalars.string(scalars.trimmed($0)) }
        let head = text.indices.prefix(6)
        guard let numberLine = head.first(where: { isDocumentNumber(text[$0]) }) else { return nil }
        var frame = OfficialDocumentFrame(lines: [numberLine], title: nil, fields: [("documentNumber", text[numberLine])])
        // The title stands just above the number (as agencies publish them) or just below it (GB/T 9704's layout).
        for candidate in [numberLine - 1, numberLine + 1] where text.indices.contains(candidate) && isTitle(text[candidate]) {
            frame.title = text[candidate]
            frame.lines.insert(candidate)
            break
        }
        // The lines above the number and title: the issuing organ's banner (国务院办公厅文件).
        let top = frame.lines.min()!
        for k in 0..<top where text[k].count <= 30 && !text[k].contains("。") { frame.lines.insert(k) }
        // The addressees: the first line after the frame so far that ends in a colon and names organs.
        if let next = (frame.lines.max()! + 1..<min(text.count, frame.lines.max()! + 3)).first(where: { !text[$0].isEmpty }),
           text[next].hasSuffix("："), text[next].count <= 200, !text[next].contains("。"),
           text[next].contains("、") || text[next].contains("，") || organSuffixes.contains(where: { text[next].dropLast().hasSuffix($0) }) {
            frame.lines.insert(next)
            frame.fields.append(("addressees", String(text[next].dropLast())))
        }
        // A notice that transmits a plan (关于印发…的通知) signs and dates itself after its short text, before the plan.
        let afterHead = frame.lines.max()! + 1
        for k in afterHead..<min(text.count, afterHead + 8) where isDate(text[k]) && k > afterHead && isOrgan(text[k - 1]) {
            frame.lines.formUnion([k - 1, k])
            frame.fields += [("issuer", text[k - 1]), ("issued", text[k])]
            if k + 1 < text.count, isDistributionNote(text[k + 1]) {
                frame.lines.insert(k + 1)
                frame.fields.append(("distribution", String(text[k + 1].dropFirst().dropLast())))
            }
            break
        }
        frame.readEnd(text)
        return frame
    }

    static func isOrgan(_ line: String) -> Bool {
        line.count <= 30 && !line.contains("。") && !line.contains("，") && organSuffixes.contains(where: { line.hasSuffix($0) })
    }

    /// （此件公开发布）, （此件主动公开）.
    static func isDistributionNote(_ line: String) -> Bool {
        line.count <= 20 && (line.hasPrefix("（此件") || line.hasPrefix("(此件")) && (line.hasSuffix("）") || line.hasSuffix(")"))
    }

    /// The end of the document, read back from its last line while each line is part of the frame.
    private mutating func readEnd(_ text: [String]) {
        var k = text.count - 1
        var found: [(key: String, value: String)] = []
        var attachmentItems: [Int] = []
        let topEnd = lines.max() ?? 0
        while k > topEnd {
            let line = text[k]
            if line.isEmpty {
                k -= 1
                continue
            }
            if let value = Self.labelled(line, "抄送") {
                found.append(("copyTo", value))
            } else if line.hasSuffix("印发"), line.count <= 60, Self.containsDate(line) {
                // The organ that printed it and the date, set apart by a run of spaces.
                found.append(("printed", line.split(whereSeparator: { $0 == " " || $0 == "　" }).joined(separator: " ")))
            } else if Self.isDistributionNote(line) {
                found.append(("distribution", String(line.dropFirst().dropLast())))
            } else if Self.isDate(line) {
                found.append(("issued", line))
            } else if Self.isOrgan(line), found.contains(where: { $0.key == "issued" }) {
                found.append(("issuer", line))
            } else if let value = Self.labelled(line, "附件") {
                found.append(("attachments", ([value] + attachmentItems.map { text[$0] }.reversed()).joined(separator: "; ")))
                lines.formUnion(attachmentItems)
                attachmentItems = []
            } else if line.count <= 60, !line.contains("。"), let first = line.unicodeScalars.first, ScalarClass.isDigit(first),
                      k > 0, text[k - 1].hasPrefix("附件") || text[k - 1].first?.isNumber == true {
                // An attachment list's later items (2.数据交易场所名录) under 附件：1.…, the frame's only once the 附件
                // line above them is found (the body's own last list stays the body's).
                attachmentItems.append(k)
                k -= 1
                continue
            } else {
                break
            }
            lines.insert(k)
            k -= 1
        }
        fields += found.reversed()
    }

    /// `国办发〔2024〕18号`, `京政发[2023]5号`, `财税〔2022〕14号`: an organ's short name, the year in brackets, the number.
    static func isDocumentNumber(_ line: String) -> Bool {
        let scalars = Array(line.unicodeScalars)
        guard scalars.count <= 24, let last = scalars.last, last == "号",
              let open = scalars.firstIndex(where: { "〔[［(（".unicodeScalars.contains($0) }), open >= 1, open + 5 < scalars.count,
              scalars[..<open].allSatisfy(ScalarClass.isHan),
              scalars[(open + 1)..<(open + 5)].allSatisfy(ScalarClass.isDigit),
              "〕]］)）".unicodeScalars.contains(scalars[open + 5])
        else { return false }
        let number = scalars[(open + 6)..<(scalars.count - 1)]
        return !number.isEmpty && number.allSatisfy(ScalarClass.isDigit)
    }

    /// A document's title: 关于…的意见 / 通知 / 决定 …, without a sentence's end.
    static func isTitle(_ line: String) -> Bool {
        line.count <= 80 && !line.contains("。") && line.contains("关于")
            && ["意见", "通知", "决定", "方案", "办法", "规定", "规划", "纲要", "报告", "批复", "函", "公告", "通告", "指引", "细则", "条例"]
                .contains(where: { line.hasSuffix($0) })
    }

    static let organSuffixes = ["政府", "办公厅", "办公室", "委员会", "人民政府", "国务院", "部", "局", "厅", "委", "署", "院", "中心", "党委", "党组"]

    /// `抄送：…` → its value.
    private static func labelled(_ line: String, _ label: String) -> String? {
        guard line.hasPrefix(label + "：") || line.hasPrefix(label + ":") else { return nil }
        let value = line.dropFirst(label.count + 1).trimmingCharacters(in: .whitespaces)
        return value.isEmpty ? nil : value
    }

    /// A date alone: 2024年5月20日 (digits or Chinese numerals).
    static func isDate(_ line: String) -> Bool {
        line.count <= 16 && line.hasSuffix("日") && line.contains("年") && line.contains("月") && !line.contains("，")
    }

    private static func containsDate(_ line: String) -> Bool { line.contains("年") && line.contains("月") && line.contains("日") }

    func record(into metadata: inout DocumentMetadata) {
        for (key, value) in fields {
            metadata.fields[key] = metadata.fields[key].map { $0 + "; " + value } ?? value
        }
        if let title { metadata.offerTitle(title) }
    }
}
