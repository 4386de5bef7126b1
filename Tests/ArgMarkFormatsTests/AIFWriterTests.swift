import ArgMarkCore
import ArgMarkFormats
import ArgMarkPipeline
import Foundation
import Testing

/// The argument tree in AIF JSON: a graph AIF readers can walk (every edge between existing nodes, each scheme node
/// between one child and one parent) that holds exactly the document's propositions and links.
struct AIFWriterTests {
    @Test func exportMatchesGolden() throws {
        try assertGolden(try AIFWriter().write(try annotatedFixture()), "annotated.aif.json")
    }

    @Test func theGraphIsTheDocumentsTree() throws {
        let document = try annotatedFixture()
        let json = try #require(try JSONSerialization.jsonObject(with: Data(try AIFWriter().write(document))) as? [String: Any])
        let nodes = try #require(json["nodes"] as? [[String: Any]])
        let edges = try #require(json["edges"] as? [[String: String]])
        #expect((json["locutions"] as? [Any])?.isEmpty == true)
        let types = Dictionary(uniqueKeysWithValues: nodes.map { ($0["nodeID"] as! String, $0["type"] as! String) })
        #expect(types.count == nodes.count)
        // The I-nodes are the argumentative sentences, and nothing else.
        let propositions = document.units.filter { $0.kind == .sentence && $0.annotation.label?.isArgumentative == true }
        #expect(Set(types.filter { $0.value == "I" }.keys) == Set(propositions.map(\.id)))
        // Every edge joins existing nodes; each scheme node takes one child in and leads to one parent.
        #expect(edges.allSatisfy { types[$0["fromID"]!] != nil && types[$0["toID"]!] != nil })
        var links: [(child: String, type: String, parent: String)] = []
        for (scheme, type) in types where type != "I" {
            let incoming = edges.filter { $0["toID"] == scheme }.map { $0["fromID"]! }
            let outgoing = edges.filter { $0["fromID"] == scheme }.map { $0["toID"]! }
            #expect(incoming.count == 1 && outgoing.count == 1)
            links.append((incoming[0], type, outgoing[0]))
        }
        let expected = propositions.compactMap { unit -> (String, String, String)? in
            guard let parent = unit.annotation.parent else { return nil }
            return (unit.id, unit.annotation.relation == .attack ? "CA" : "RA", parent)
        }
        #expect(links.sorted { $0.child < $1.child }.map { "\($0.child) \($0.type) \($0.parent)" }
            == expected.sorted { $0.0 < $1.0 }.map { "\($0.0) \($0.1) \($0.2)" })
        #expect(expected.contains { $0.1 == "CA" })
        // The guideline's labels and the thesis ride along on the I-nodes.
        let thesis = nodes.filter { $0["thesis"] as? Bool == true }.map { $0["nodeID"] as! String }
        #expect(thesis == ["s2"])
        for node in nodes where node["type"] as? String == "I" {
            let unit = try #require(document.unit(node["nodeID"] as! String))
            #expect(node["label"] as? String == unit.annotation.label?.rawValue && node["text"] as? String == unit.text)
        }
    }
}
