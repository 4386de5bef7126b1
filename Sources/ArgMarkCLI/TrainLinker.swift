import ArgMarkCore
import ArgMarkIO
import ArgMarkFormats
import ArgMarkLinking
import ArgMarkPipeline
import ArgMarkTraining
import ArgumentParser
import Foundation

struct TrainLinker: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train-linker",
        abstract: "Train the learned attachment model of link.learned.v1 from gold trees (deterministic).",
        discussion: """
            --data takes ArgMark JSONL gold or *_sentences.tsv + *_gold.tsv pairs (files or directories); every \
            document with a gold tree is used. --cross-validate holds out one group of documents at a time (a \
            document and its translation, e.g. x.jsonl and x.zh.jsonl, form one group; 10 groups) and reports, per \
            source, how often the learned and the rule linker give each argumentative sentence its gold parent. \
            Writes manifest.json and weights.tsv to --out.
            """)

    @Option(name: .long, help: "Gold data PATH (repeatable).") var data: [String]
    @Option(name: .long, help: "Output directory, e.g. Models/link.learned.v1.") var out: String?
    @Flag(name: .long, help: "Report held-out attachment (10 groups of documents).") var crossValidate = false
    @Flag(name: .long, help: "With --cross-validate, also print each held-out document's attachment.") var perDocument = false
    @Option(name: .long, help: "With --cross-validate, write each held-out document as linked by its fold's model (JSONL) into this directory.")
    var predictions: String?
    @Option(name: .long, help: "With --cross-validate, link each held-out document with the labels of DIR/ID.jsonl (e.g. from train --predictions) instead of the gold labels: end-to-end attachment.")
    var labelsFrom: String?
    @Option(name: .long, help: "Evaluate on this --data source but never train on it (repeatable): transfer to a genre or a licence kept out.")
    var evaluateOnly: [String] = []
    @Option(name: .long) var epochs: Int = 10
    @Option(name: .long) var seed: UInt64 = 20_261_203

    func validate() throws {
        guard out != nil || crossValidate else { throw ValidationError("give --out, --cross-validate or both") }
        try Train.requireDirectories([("--out", out), ("--predictions", predictions)])
        try Train.refuseOutputsOverInputs(
            directories: [("--predictions", predictions), ("--out", out)], files: [], inputs: data + (labelsFrom.map { [$0] } ?? []))
        // The same source twice would count every document twice, in the model and in its scores.
        for (k, path) in data.enumerated() where data[..<k].contains(where: { Train.samePlace($0, path) }) {
            throw ValidationError("--data \(path) is given twice; give each source once")
        }
        // A source kept out of training by name must be one of the sources, however it is spelt (kept-out/).
        for path in evaluateOnly where !data.contains(where: { Train.samePlace($0, path) }) {
            throw ValidationError("--evaluate-only \(path) is not among the --data sources (\(data.joined(separator: ", ")))")
        }
        guard labelsFrom == nil || crossValidate else { throw ValidationError("--labels-from needs --cross-validate") }
        guard predictions == nil || crossValidate else { throw ValidationError("--predictions needs --cross-validate") }
        if let labelsFrom {
            guard FileAccess.isDirectory(labelsFrom) else {
                throw ValidationError("--labels-from \(labelsFrom): no such directory (the held-out labels, e.g. train --predictions DIR)")
            }
        }
    }

    /// `document` with every sentence's label, confidence and labeller taken from DIR/ID.jsonl (matched by sentence
    /// id; a sentence missing there is unlabelled); nil when there is no such file.
    static func relabelled(_ document: Document, from directory: String) throws -> Document? {
        let path = (directory as NSString).appendingPathComponent(document.id + ".jsonl")
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        let labelled: Document
        do {
            labelled = try JSONLinesReader().read(ReaderInput(bytes: Array(data), sourcePath: path, documentID: document.id))
        } catch {
            throw AnalysedDocument.failure("\(path): \(error.description)")
        }
        var byID: [String: SentenceAnnotation] = [:]
        for unit in labelled.units { byID[unit.id] = unit.annotation }
        var result = document
        for i in result.units.indices where result.units[i].kind == .sentence {
            let annotation = byID[result.units[i].id]
            result.units[i].annotation.label = annotation?.label
            result.units[i].annotation.confidence = annotation?.confidence
            result.units[i].annotation.confidenceScale = annotation?.confidenceScale
            result.units[i].annotation.labeledBy = annotation?.labeledBy
        }
        return result
    }

    /// A gold document with its links removed (what a linker sees), its gold parents, and its group.
    struct Example {
        var source: String
        var group: String
        var unlinked: Document
        var gold: [String: String?]
        var instances: [AttachmentModel.Instance]
    }

    /// Whether `source` is one of the --evaluate-only sources (the same place, however it is spelt).
    func isEvaluateOnly(_ source: String) -> Bool { evaluateOnly.contains { Train.samePlace($0, source) } }

    func run() throws {
        var examples: [Example] = []
        var sources: [(path: String, documents: Int, sentences: Int)] = []
        for path in data {
            let loaded: [GoldDocument]
            do { loaded = try TrainingCorpus.load(path) } catch { throw AnalysedDocument.failure(error.description) }
            var used = 0
            var sentences = 0
            for document in loaded {
                guard let example = Self.example(document, source: path) else { continue }
                used += 1
                sentences += example.gold.count
                examples.append(example)
            }
            sources.append((path, used, sentences))
            Terminal.write("argmark: \(path): \(used) documents with a gold tree, \(sentences) argumentative sentences\n")
        }
        guard !examples.isEmpty else { throw AnalysedDocument.failure("no document with a gold tree in \(data.joined(separator: ", "))") }
        var scores: [String: [String: Double]] = [:]
        if crossValidate {
            var learned: [String: (Int, Int)] = [:]
            var missingLabels = 0
            var rules: [String: (Int, Int)] = [:]
            for fold in 0..<10 {
                let held = examples.filter { Self.fold($0.group) == fold }
                guard !held.isEmpty else { continue }
                let training = examples.filter { Self.fold($0.group) != fold && !isEvaluateOnly($0.source) }
                // A model trained on nothing would be scored as if it were one.
                guard !training.isEmpty else {
                    throw AnalysedDocument.failure("--cross-validate holds out one group of documents at a time and trains on the others, but \(held.map(\.group).joined(separator: ", ")) leave\(held.count == 1 ? "s" : "") nothing to train on: give documents of more groups")
                }
                let model = AttachmentModel.train(training.flatMap(\.instances), epochs: epochs, seed: seed)
                let linker = LearnedLinker(model: model)
                for example in held {
                    let input: Document
                    if let labelsFrom {
                        guard let relabelled = try Self.relabelled(example.unlinked, from: labelsFrom) else {
                            missingLabels += 1
                            continue
                        }
                        input = relabelled
                    } else {
                        input = example.unlinked
                    }
                    let predicted = linker.link(input)
                    // By document id: a paper and its translation share a group but not an id.
                    if let predictions { try writePrediction(predicted, into: predictions) }
                    let (a, n) = AttachmentModel.attachment(predicted, gold: example.gold)
                    let (r, _) = AttachmentModel.attachment(TreeLinker().link(input), gold: example.gold)
                    if perDocument {
                        print("\(example.group)\tattachment learned \(Self.fixed(Double(a) / Double(max(1, n))))\trules \(Self.fixed(Double(r) / Double(max(1, n))))\t(\(n) sentences)")
                    }
                    learned[example.source, default: (0, 0)].0 += a
                    learned[example.source, default: (0, 0)].1 += n
                    rules[example.source, default: (0, 0)].0 += r
                    rules[example.source, default: (0, 0)].1 += n
                }
            }
            if let labelsFrom {
                Terminal.write("argmark: labels from \(labelsFrom); \(missingLabels) held-out documents had no labelled file there and were skipped\n")
                guard learned.values.contains(where: { $0.1 > 0 }) else {
                    Terminal.write("argmark: error: no held-out document has its labels in \(labelsFrom) (DIR/ID.jsonl, named by document id): nothing was scored\n")
                    throw ExitCode.failure
                }
            }
            var pooled = (0, 0, 0)
            for (path, _, _) in sources {
                guard let (a, n) = learned[path], n > 0, let (r, _) = rules[path] else { continue }
                pooled.0 += a
                pooled.1 += r
                pooled.2 += n
                scores[path] = ["learned": Self.round(Double(a) / Double(n)), "rules": Self.round(Double(r) / Double(n)), "sentences": Double(n)]
                print("\(path)\tattachment learned \(Self.fixed(Double(a) / Double(n)))\trules \(Self.fixed(Double(r) / Double(n)))\t(\(n) sentences)")
            }
            if pooled.2 > 0 {
                print("pooled\tattachment learned \(Self.fixed(Double(pooled.0) / Double(pooled.2)))\trules \(Self.fixed(Double(pooled.1) / Double(pooled.2)))\t(\(pooled.2) sentences)")
            }
        }
        guard let out else { return }
        let model = AttachmentModel.train(examples.filter { !isEvaluateOnly($0.source) }.flatMap(\.instances), epochs: epochs, seed: seed)
        let manifest = LinkerManifest(
            id: "link.learned.v1", featureVersion: AttachmentModel.featureVersion, epochs: epochs, seed: seed,
            trainedOn: sources.filter { !isEvaluateOnly($0.path) }.map { .init(path: $0.path, documents: $0.documents, sentences: $0.sentences, licence: LicenceCatalog.licence(for: $0.path)) },
            crossValidation: scores, weightCount: model.weights.count)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // The model folder changes as a whole: a failed write leaves the old model, not a new manifest beside old weights.
        do {
            try FileAccess.replaceFiles(in: out, with: [
                ("weights.tsv", Array(model.serialized().utf8)), ("manifest.json", Array(try encoder.encode(manifest))),
            ])
        } catch let error as FileAccessError {
            throw AnalysedDocument.failure(error.description)  // it names the path
        } catch {
            throw AnalysedDocument.failure("\(out): \(error)")
        }
        Terminal.write("argmark: wrote \(out) (\(model.weights.count) weights)\n")
    }

    static func example(_ gold: GoldDocument, source: String) -> Example? {
        guard let training = AttachmentModel.trainingExample(gold.document) else { return nil }
        var group = (gold.source as NSString).lastPathComponent
        for suffix in [".jsonl", ".tsv", "_gold", ".zh", ".en"] where group.hasSuffix(suffix) { group = String(group.dropLast(suffix.count)) }
        return Example(source: source, group: group, unlinked: training.unlinked, gold: training.gold, instances: training.instances)
    }

    static func fold(_ group: String) -> Int { Int(FNV1a.hash(group.utf8) % 10) }

    static func round(_ x: Double) -> Double { (x * 10_000).rounded() / 10_000 }
    static func fixed(_ x: Double) -> String { String(format: "%.3f", x) }
}

/// What `Models/link.learned.v1/manifest.json` records.
struct LinkerManifest: Codable {
    struct Source: Codable {
        var path: String
        var documents: Int
        var sentences: Int
        var licence: String
    }

    var id: String
    var featureVersion: Int
    var epochs: Int
    var seed: UInt64
    var trainedOn: [Source]
    var crossValidation: [String: [String: Double]]
    /// How many lines weights.tsv holds, so that a cut-off copy is found when it loads.
    var weightCount: Int?
}
