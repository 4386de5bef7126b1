import ArgMarkCore
import ArgMarkPipeline

/// Writes the argument tree in the Argument Interchange Format's JSON (AIF, as AIFdb, OVA and the argument-mining
/// libraries that read AIFdb corpora exchange it): each argumentative sentence is an information node (`I`, its
/// `nodeID` the sentence id), each support a rule-application node (`RA`, "Default Inference") and each attack a
/// conflict node (`CA`, "Default Conflict") between the child and its parent, edges running child → scheme →
/// parent. Background sentences and headings are no propositions of the argument and are left out. AIF has no
/// slot for the guideline's labels, the thesis or the scores, so each I-node also carries `label`, `thesis`
/// (true for the thesis only), `labeledBy`, `confidence` (null for a person's label), `confidenceScale` (what a machine
/// confidence is: `calibrated` or `share`, as the labelling run recorded it) and `score` (null when not scored), and each
/// scheme node `linkedBy`, keys AIF readers pass over. A monologue has
/// no dialogue, so `locutions` is empty.
public struct AIFWriter: DocumentWriter {
    public init() {}

    public let descriptor = PluginDescriptor(
        id: "write.aif.v1", kind: .writer,
        summary: "the argument tree in AIF JSON: sentences as I-nodes, supports as RA and attacks as CA nodes (AIFdb, OVA)")
    public var formatName: String { "aif" }
    public var fileExtension: String { "aif.json" }

    public func write(_ document: Document) throws(DocumentWriteError) -> [UInt8] {
        var json = JSONBuffer(capacity: document.units.count * 160)
        let propositions = document.units.filter { $0.kind == .sentence && $0.annotation.label?.isArgumentative == true }
        let ids = Set(propositions.map(\.id))
        json.raw("{\"nodes\":[")
        var first = true
        func separate() {
            json.raw(first ? "\n" : ",\n")
            first = false
        }
        let thesis = document.thesisIndex.map { document.units[$0].id }
        for unit in propositions {
            let a = unit.annotation
            separate()
            json.raw("{\"nodeID\":")
            json.string(unit.id)
            json.raw(",\"text\":")
            json.string(unit.text)
            json.raw(",\"type\":\"I\",\"label\":")
            json.string(a.label?.rawValue)
            json.raw(",\"thesis\":")
            json.raw(unit.id == thesis ? "true" : "false")
            // Every node says who labelled it; a person's label has no machine confidence (null), so that the
            // key is always there.
            json.raw(",\"labeledBy\":")
            json.string(a.labeledBy?.description)
            json.raw(",\"confidence\":")
            if let confidence = a.confidence { json.fixed(confidence) } else { json.raw("null") }
            if let scale = a.recordedConfidenceScale {
                json.raw(",\"confidenceScale\":")
                json.string(scale.rawValue)
            }
            // Always there, as confidence is: null for a sentence without a score (annotate --no-tree).
            json.raw(",\"score\":")
            if let score = a.score { json.fixed(score) } else { json.raw("null") }
            json.raw("}")
        }
        // One scheme node per link, numbered in reading order of the child.
        var links: [(child: String, scheme: String, parent: String)] = []
        for unit in propositions {
            guard let parent = unit.annotation.parent, ids.contains(parent) else { continue }
            let attack = unit.annotation.relation == .attack
            var scheme = (attack ? "CA" : "RA") + String(links.count + 1)
            // Node ids share one space: a source's own sentence id RA1 keeps its node.
            while ids.contains(scheme) { scheme += "_" }
            links.append((unit.id, scheme, parent))
            separate()
            json.raw("{\"nodeID\":")
            json.string(scheme)
            json.raw(attack ? ",\"text\":\"Default Conflict\",\"type\":\"CA\"" : ",\"text\":\"Default Inference\",\"type\":\"RA\"")
            // Who set the link, as labeledBy says who set the label: a person's link is told from a linker's.
            json.raw(",\"linkedBy\":")
            json.string(unit.annotation.linkedBy?.description)
            json.raw("}")
        }
        json.raw("\n],\"edges\":[")
        first = true
        var edge = 0
        for link in links {
            for (from, to) in [(link.child, link.scheme), (link.scheme, link.parent)] {
                edge += 1
                separate()
                json.raw("{\"edgeID\":")
                json.string("E\(edge)")
                json.raw(",\"fromID\":")
                json.string(from)
                json.raw(",\"toID\":")
                json.string(to)
                json.raw("}")
            }
        }
        json.raw("\n],\"locutions\":[]}\n")
        return json.bytes
    }
}
