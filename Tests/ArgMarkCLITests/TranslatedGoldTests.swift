import Foundation
import Testing

/// The Chinese translations in `Annotations/sources` (`zh-translated-*`) carry their English originals' gold line for
/// line. The two gold files must stay identical and the two `.lines` files aligned (same lines, blank lines and
/// headings in the same places), or an edit to one side would put labels on the wrong sentences.
struct TranslatedGoldTests {
    static let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Annotations/sources")

    /// The English original of a translation: zh-translated-crs-X.zh → en-crs-style-X.en, gao- → en-gao-style-,
    /// anything else → en-X.en.
    static func original(of translation: String) -> String {
        var stem = String(translation.dropFirst("zh-translated-".count).dropLast(".zh".count))
        for (short, long) in [("crs-", "crs-style-"), ("gao-", "gao-style-")] where stem.hasPrefix(short) {
            stem = long + stem.dropFirst(short.count)
        }
        return "en-" + stem + ".en"
    }

    static func lines(_ name: String) throws -> [Substring] {
        try String(contentsOf: sources.appendingPathComponent(name), encoding: .utf8)
            .split(separator: "\n", omittingEmptySubsequences: false)
    }

    @Test func originalsAreFoundByName() {
        #expect(Self.original(of: "zh-translated-crs-water-report.zh") == "en-crs-style-water-report.en")
        #expect(Self.original(of: "zh-translated-gao-disaster-aid-report.zh") == "en-gao-style-disaster-aid-report.en")
        #expect(Self.original(of: "zh-translated-position-paper-urban-heat.zh") == "en-position-paper-urban-heat.en")
    }

    @Test func translationsKeepTheirOriginalsGoldAndLines() throws {
        let translations = try FileManager.default.contentsOfDirectory(atPath: Self.sources.path)
            .filter { $0.hasPrefix("zh-translated-") && $0.hasSuffix(".gold.tsv") }
            .map { String($0.dropLast(".gold.tsv".count)) }
            .sorted()
        #expect(translations.count >= 16)
        for translation in translations {
            let original = Self.original(of: translation)
            #expect(try Self.lines(translation + ".gold.tsv") == Self.lines(original + ".gold.tsv"),
                    "\(translation).gold.tsv differs from \(original).gold.tsv")
            let chinese = try Self.lines(translation + ".lines"), english = try Self.lines(original + ".lines")
            #expect(chinese.count == english.count, "\(translation).lines has \(chinese.count) lines, \(original).lines \(english.count)")
            for (number, (zh, en)) in zip(chinese, english).enumerated()
            where zh.isEmpty != en.isEmpty || zh.hasPrefix("# ") != en.hasPrefix("# ") {
                Issue.record("\(translation).lines:\(number + 1) is not aligned with \(original).lines: \(zh.prefix(20)) | \(en.prefix(40))")
                break
            }
        }
    }
}
