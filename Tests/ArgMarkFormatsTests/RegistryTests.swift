import Foundation
import ArgMarkPipeline
import ArgMarkPlugins
import Testing

/// Pins the registry: a plugin added without its registry line (or removed) fails here.
struct RegistryTests {
    @Test func everyPluginIsListedOnceWithAVersionedID() {
        let ids = PluginRegistry.standard.all.map(\.descriptor.id)
        #expect(ids == [
            "read.text.v1", "read.article.v1", "read.lines.v1", "read.jsonl.v1", "read.tei.v1", "write.jsonl.v1", "write.tei.v1",
            "link.tree.v1", "score.dfquad.v1",
        ],
                "registry out of date: update PluginRegistry.standard and this list together")
        #expect(Set(ids).count == ids.count)
        #expect(ids.allSatisfy { $0.range(of: #"\.v\d+$"#, options: .regularExpression) != nil })
    }

    @Test(arguments: [
        ("a.zh.txt", "一、标题\n正文。\n", "text"),
        ("a.txt", "【摘要】摘要。\n【关键词】甲 乙\n正文。\n", "article"),
        ("a.jsonl", "{\"type\":\"document\"}\n", "jsonl"),
        ("a.lines", "句子。\n", "lines"),
        ("noext", "{\"type\":\"document\",\"id\":\"x\"}\n", "jsonl"),
        ("a.zh.tei.xml", "<TEI xmlns=\"http://www.tei-c.org/ns/1.0\"/>", "tei"),
        ("a.xml", "<TEI/>", "tei"),
        ("-", "<?xml version=\"1.0\"?>\n<TEI xmlns=\"http://www.tei-c.org/ns/1.0\">", "tei"),
    ])
    func autoDetection(_ path: String, _ content: String, _ format: String) throws {
        let reader = try PluginRegistry.standard.reader(format: "auto", path: path, bytes: Array(content.utf8))
        #expect(reader.formatName == format)
    }

    @Test func unknownFormatListsTheKnownOnes() {
        #expect(throws: DocumentReadError.unknownFormat("tex", available: ["auto", "text", "article", "lines", "jsonl", "tei"])) {
            try PluginRegistry.standard.reader(format: "tex", path: nil, bytes: [])
        }
    }
}
