import ArgMarkCore
import ArgMarkEval
import ArgMarkFormats
import ArgMarkIO
import ArgMarkPipeline
import ArgMarkPlugins
import ArgMarkTraining
import ArgumentParser
import Foundation

struct Evaluate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Score predicted labels against gold (or two annotators against each other).",
        discussion: """
            GOLD and PRED are ArgMark JSONL or TEI files, or directories of them matched by file name (NAME.jsonl or NAME.tei.xml with NAME.jsonl or NAME.tei.xml; a gold NAME.tei.xml beside NAME.jsonl is the same document, scored once from its JSONL). \
            GOLD may also be a sentence table's labels, NAME_gold.tsv (id label parent relation) beside its \
            NAME_sentences.tsv, as labelled corpora ship them; its prediction is what annotate wrote for the sentence \
            table (NAME_sentences.jsonl, or NAME.jsonl), paired by the table's ids. PRED may also be the guideline's \
            label table that annotate --to tsv writes (NAME.labels.tsv: id label parent relation), or another \
            annotator's NAME_gold.tsv, laid over the gold's sentences by id. GOLD may be a corpus table of several \
            documents (doc_id, unit_id, text, label, as arg-microtexts and CDCP ship) with PRED the directory annotate \
            wrote its documents to (DOC_ID.jsonl or DOC_ID.labels.tsv). Sentences are \
            paired by id, or, when the files were segmented differently, by their text (spaces left out, so a \
            re-spaced copy or one with an added note still pairs; --match offsets pairs by source offsets). A \
            prediction that does not hold most of the gold's text is an error. Reports per-label precision, \
            recall and F1, macro-F1 over the labels present in the gold, accuracy, Cohen's kappa and the \
            confusion matrix; gold labels a labeller set (a file reviewed in part) are counted in a warning. Between two annotators give --agreement: a sentence either left unlabelled, or \
            whose label in either file a labeller rather than a person set, is skipped, and macro-F1 is over the labels either annotator used, so that where the two files share their sentences, the figures do not depend on the order \
            of the files (where they were segmented differently each gold sentence is paired with the one it \
            overlaps most, which is not symmetric). \
            --bootstrap N adds percentile intervals for macro-F1, accuracy, kappa and each label's F1 from N resamples, drawing whole \
            documents (at least 10 of them) or else sentences (--resample chooses). --compare OTHER scores a second \
            prediction of the same gold (file or directory, matched as PRED is) and compares PRED with it on the \
            same sentences: the difference in macro-F1 and accuracy with a paired bootstrap interval (1000 \
            resamples unless --bootstrap says otherwise), the share of resamples in which PRED is higher (ties count half), and the \
            exact McNemar test of which sentences each labels right. Resampling is seeded: the same files give the \
            same intervals. --errors FILE writes each sentence the two label differently to a tab-separated table (with \
            the prediction's confidence and what it is, the labeller that decided and the proposals behind it), for reading the \
            errors or adjudicating two annotators; --errors - prints that table instead of the report.
            """)

    @Argument(help: "Gold JSONL file (or NAME_gold.tsv beside NAME_sentences.tsv) or directory.")
    var gold: String

    @Argument(help: "Predicted JSONL, TEI or label table (NAME.labels.tsv) file, or directory.")
    var pred: String

    @Option(name: .long, help: "Output: text or json.")
    var format: String = "text"

    @Option(name: .long, help: "Sentence pairing: auto, id, text or offsets.")
    var match: String = "auto"

    @Flag(name: .long, help: "Two annotators: skip sentences either file leaves unlabelled or a labeller labelled (symmetric where the sentences are shared).")
    var agreement = false

    // Unconditional, so that a negative count (-5) is refused for what it is, not as a missing value.
    @Option(name: .long, parsing: .unconditional, help: "Bootstrap intervals (95%) for macro-F1, accuracy, kappa and each label's F1 from this many resamples (0: none).")
    var bootstrap: Int = 0

    @Option(name: .long, help: "What the bootstrap draws: auto (documents when there are at least 10, else sentences), documents or sentences.")
    var resample: String = "auto"

    @Option(name: .long, help: "A second prediction of the same gold (file or directory) to compare PRED with, sentence by sentence.")
    var compare: String?

    @Option(name: .long, help: ArgumentHelp(
        "Write every sentence the prediction labels otherwise to this tab-separated file (document, sentence, labels, confidence, who labelled it, why, text; - for standard output instead of the report).",
        valueName: "file"))
    var errors: String?

    func validate() throws {
        guard ["text", "json"].contains(format) else { throw ValidationError("--format must be text or json") }
        guard SentenceMatching(rawValue: match) != nil else { throw ValidationError("--match must be auto, id, text or offsets") }
        // A 95 % interval is the 2.5th and 97.5th percentiles of the resamples: fewer than 40 cannot place them.
        guard bootstrap == 0 || (40...100_000).contains(bootstrap) else {
            throw ValidationError("--bootstrap takes a number of resamples from 40 (1000 is usual) to 100000, or 0 for none")
        }
        guard resample == "auto" || ResamplingUnit(rawValue: resample) != nil else {
            throw ValidationError("--resample must be auto, documents or sentences")
        }
        if compare != nil && agreement { throw ValidationError("--compare compares two labellings against one gold; --agreement compares two annotators") }
        try Train.refuseOutputsOverInputs(directories: [], files: [("--errors", errors)], inputs: [gold, pred] + (compare.map { [$0] } ?? []))
        // Only an earlier errors table is replaced: any other file there (a second annotator's JSONL, notes) is
        // someone's work.
        if let errors, errors != "-", FileManager.default.fileExists(atPath: errors) {
            var head = Data()
            if let handle = FileHandle(forReadingAtPath: errors) {
                head = (try? handle.read(upToCount: 512)) ?? Data()
                try? handle.close()
            }
            if FileAccess.isDirectory(errors) { throw ValidationError("--errors \(errors) is a directory; give a file") }
            // (Saved again by a spreadsheet or an editor on Windows, its lines end in CRLF.)
            // (A spreadsheet's UTF-8 save puts a byte-order mark first.)
            let bytes = [UInt8](head).starts(with: [0xEF, 0xBB, 0xBF]) ? Array([UInt8](head).dropFirst(3)) : [UInt8](head)
            // A table of this version or an earlier one (before its last column was added).
            let isTable = EvaluationReport.disagreementHeaders.contains { written in
                let header = Array(written.utf8.dropLast())
                return bytes.starts(with: header + [0x0A]) || bytes.starts(with: header + [0x0D, 0x0A])
            }
            guard head.isEmpty || isTable else {
                throw ValidationError("--errors \(errors) exists and is no errors table of an earlier run; give another file, or move it away first")
            }
        }
    }

    func run() throws {
        let matching = SentenceMatching(rawValue: match)!
        let pairs = try filePairs(predictions: pred)
        let (overall, perDocument) = try score(pairs, matching: matching)
        guard overall.total > 0 else {
            throw fail(agreement
                ? "no sentence is labelled by a person in both files (\(overall.unlabeledGold + overall.unlabeledPredicted) left unlabelled by one of them, \(overall.machineLabelsSkipped) labelled by a labeller): nothing to compare; to score labellers' output, leave out --agreement"
                : "no gold sentence is labelled (\(overall.unlabeledGold) unlabelled): nothing to score against; is \(gold) the gold?")
        }
        var report = EvaluationReport(evaluation: overall, perDocument: perDocument)
        report.missingPredictions = pairs.filter { $0.2 == nil }.map(\.0)
        let unit = ResamplingUnit(rawValue: resample) ?? .automatic(documents: perDocument.count)
        // One document drawn again and again is the same document: its interval would have no width at all.
        if unit == .documents, perDocument.count < 2, bootstrap > 0 || compare != nil {
            throw fail("--resample documents draws whole documents, and there is \(perDocument.count == 1 ? "one" : "none"): give --resample sentences (or auto) for a single document")
        }
        if bootstrap > 0 {
            report.bootstrap = Bootstrap.estimate(perDocument.map(\.evaluation), unit: unit, resamples: bootstrap)
        }
        if let compare {
            let (_, baseline) = try score(try filePairs(predictions: compare), matching: matching, warningsAbout: compare)
            let baselineByName = Dictionary(baseline.map { ($0.name, $0.evaluation) }, uniquingKeysWith: { first, _ in first })
            let shared = perDocument.compactMap { d in baselineByName[d.name].map { (name: d.name, candidate: d.evaluation, baseline: $0) } }
            if shared.count < perDocument.count {
                warn("\(perDocument.count - shared.count) of \(perDocument.count) documents left out of the comparison: no prediction in \(compare)")
            }
            let unit = ResamplingUnit(rawValue: resample) ?? .automatic(documents: shared.count)
            do {
                report.comparison = (compare, try Bootstrap.compare(shared, unit: unit, resamples: bootstrap > 0 ? bootstrap : 1000))
            } catch {
                throw fail(error.description)
            }
        }
        if let errors {
            let table = report.disagreementTable()
            let count = overall.disagreements.count
            if errors == "-" {
                do { try FileAccess.writeStandardOutput(Array(table.utf8)) } catch { throw fail(error.description) }
                return
            }
            do { try FileAccess.writeAtomically(Array(table.utf8), to: errors) } catch { throw fail("--errors \(errors): \(error.description)") }
            Terminal.write("argmark: \(count) of \(overall.total) sentences labelled otherwise written to \(errors)\n")
        }
        print(format == "json" ? report.json() : report.text(), terminator: "")
    }

    /// Each document pair scored, with warnings about the pairing (for a second prediction, `warningsAbout` names
    /// it in each).
    private func score(
        _ pairs: [(String, String, String?, Document?)], matching: SentenceMatching, warningsAbout other: String? = nil
    ) throws -> (LabelEvaluation, [(name: String, evaluation: LabelEvaluation, matching: SentenceMatching)]) {
        let warn: (String) -> Void = { message in self.warn(other.map { "\($0): \(message)" } ?? message) }
        var overall = LabelEvaluation()
        var perDocument: [(name: String, evaluation: LabelEvaluation, matching: SentenceMatching)] = []
        // Read first: whether the predictions have trees decides how a missing one's tree is scored.
        var loaded: [(name: String, goldPath: String, predPath: String?, gold: Document, predicted: Document)] = []
        for (name, goldPath, predPath, corpusDocument) in pairs {
            let goldDocument = try corpusDocument ?? load(goldPath)
            // A document with no prediction is scored as one with no labels: leaving it out would score a labeller
            // that failed on the hard documents better.
            let predDocument = try predPath.map { try loadPrediction($0, over: goldDocument) } ?? goldDocument.removingAnnotations()
            loaded.append((name, goldPath, predPath, goldDocument, predDocument))
        }
        // Where the others were linked, a missing document's links count as missed, as its labels do.
        let predictionsHaveTrees = loaded.contains { $0.predPath != nil && $0.predicted.units.contains { $0.annotation.parent != nil || $0.annotation.linkedBy != nil } }
        for (name, goldPath, predPath, goldDocument, predDocument) in loaded {
            // A document the second annotator did not annotate is compared in nothing: no sentence, no link, nothing
            // skipped (scoring a labeller, its sentences are misses and its links missed).
            var gold = goldDocument
            var predicted = predDocument
            if agreement && predPath == nil {
                gold.units = []
                predicted = gold
            }
            let (evaluation, used) = LabelEvaluator.evaluate(
                gold: gold, predicted: predicted, matching: matching,
                agreement: agreement, missing: predPath == nil && predictionsHaveTrees && !agreement, noPredictionFile: predPath == nil)
            let sentences = goldDocument.units.count { $0.kind == .sentence }
            if evaluation.textNotFound * 2 > sentences, let predPath {
                throw fail("\(predPath) does not hold the text of \(goldPath) (\(evaluation.textNotFound) of its \(sentences) sentences are not in it): another document, or another version of it? --match offsets pairs by offsets anyway")
            }
            if evaluation.textNotFound > 0 {
                // Paired in order, a sentence whose text stands elsewhere (paragraphs moved) is no missing text.
                let elsewhere = evaluation.textOutOfOrder == 0 ? ""
                    : " (\(evaluation.textOutOfOrder == evaluation.textNotFound ? (evaluation.textNotFound == 1 ? "it" : "all of them") : "\(evaluation.textOutOfOrder) of them")"
                        + " stand\(evaluation.textOutOfOrder == 1 ? "s" : "") elsewhere in it, out of the gold's order: paragraphs in another order? text is paired in order; pair by id (--match id) if the ids agree, or put the prediction in the gold's order)"
                warn("\(name): \(evaluation.textNotFound) of \(sentences) gold sentences are not in the prediction's text where the others place them\(elsewhere); each is paired by the place its neighbours leave it, or counts as unlabelled")
            }
            // A prediction file that holds fewer sentences or labels than the gold (a label table cut short, a run
            // stopped half-way) would otherwise be scored without a word.
            if let predPath, evaluation.goldWithoutPrediction > 0 {
                warn("\(name): \(evaluation.goldWithoutPrediction) of the \(sentences) gold sentences have no sentence in \(predPath) (--match \(used.rawValue)): scored as unlabelled (column none); a prediction cut short, or another segmentation (--match text pairs by text)?")
            }
            if let predPath, evaluation.predictionsWithoutLabel > 0 {
                // A label table is laid over the gold's sentences: its missing rows are sentences left unlabelled.
                warn(predPath.hasSuffix(".tsv")
                    ? "\(name): \(predPath) has no label for \(evaluation.predictionsWithoutLabel) of the \(sentences) gold sentences (no row, or - in it): scored as misses (column none); a table cut short?"
                    : "\(name): the prediction leaves \(evaluation.predictionsWithoutLabel) of the \(sentences) gold sentences unlabelled: scored as misses (column none)")
            }
            if evaluation.pairedTextDiffers > 0 {
                warn("\(name): \(evaluation.pairedTextDiffers) of \(sentences) gold sentences are paired (--match \(used.rawValue)) with a predicted sentence of another text: another document, or another reading of it? --match text pairs by text")
            }
            if evaluation.humanPredictions > 0 {
                // Named once: a second prediction's warnings already start with its file (warningsAbout).
                let subject = predPath != nil && predPath == other ? "" : "\(predPath ?? name): "
                warn("\(subject)\(evaluation.humanPredictions) of the prediction's labels were set by a person (labeledBy human:…) or have no labeledBy, which annotate keeps as someone's work, as when the gold itself is re-annotated; they measure no labeller (--agreement compares two annotators; to relabel a file, remove its labels first)")
            }
            if evaluation.machineGold > 0 {
                warn("\(name): \(evaluation.machineGold) of the gold's \(evaluation.total) scored labels were set by a labeller (labeledBy \(Self.machineLabellers(goldDocument))), not a person, and are scored as gold: they measure agreement with that labeller (review them first; a reviewed file's accepted labels are a person's)")
            }
            if evaluation.tree.machineGoldLinks > 0 {
                warn("\(name): \(evaluation.tree.machineGoldLinks) of the gold's \(evaluation.tree.linked) scored links were set by a linker (linkedBy \(Self.machineLinkers(goldDocument))), not a person, and are scored as gold: the tree figures measure agreement with that linker (review the links first; a link a person confirmed is theirs)")
            }
            if evaluation.machineLabelsSkipped > 0 {
                warn("\(name): \(evaluation.machineLabelsSkipped) sentences where a labeller, not a person, set one of the two labels are left out (an annotator's file keeps the labels annotate gave it; counted, they would inflate the agreement)")
            }
            if evaluation.total == 0 && evaluation.unlabeledGold > 0 && !agreement {
                warn("\(name): the gold has no labelled sentence; nothing is scored")
            }
            overall.merge(evaluation)
            perDocument.append((name, evaluation, used))
        }
        return (overall, perDocument)
    }

    private func warn(_ message: String) {
        Terminal.write("argmark: warning: \(message)\n")
    }

    /// The (name, gold, prediction) files to compare, with the gold document already read for a corpus table's
    /// documents.
    private func filePairs(predictions pred: String) throws -> [(String, String, String?, Document?)] {
        var goldIsDirectory: ObjCBool = false
        var predIsDirectory: ObjCBool = false
        let fm = FileManager.default
        guard fm.fileExists(atPath: gold, isDirectory: &goldIsDirectory) else { throw fail(FileAccessError.notFound(gold).description) }
        guard fm.fileExists(atPath: pred, isDirectory: &predIsDirectory) else { throw fail(FileAccessError.notFound(pred).description) }
        switch (goldIsDirectory.boolValue, predIsDirectory.boolValue) {
        case (false, false):
            return [((gold as NSString).lastPathComponent, gold, pred, nil)]
        case (false, true) where gold.lowercased().hasSuffix(".tsv") && !gold.hasSuffix(Self.goldTableSuffix):
            return try corpusPairs(predictions: pred)
        case (true, true):
            // Reviewed TEI (review writes NAME.tei.xml back) is gold as much as reviewed JSONL.
            let found = InputDiscovery.discover([gold], extensions: ["jsonl"], nameSuffixes: [Self.goldTableSuffix, ".tei.xml"]).inputs
            guard !found.isEmpty else { throw fail("\(gold) holds no .jsonl, .tei.xml or \(Self.goldTableSuffix) file to score against") }
            // One gold file per document: NAME.tei.xml beside NAME.jsonl (export writes it there) is the same
            // document, scored once, from its JSONL.
            let jsonlStems = Set(found.filter { !$0.path.hasSuffix(".tei.xml") }.map(\.outputStem))
            let twins = found.filter { $0.path.hasSuffix(".tei.xml") && jsonlStems.contains($0.outputStem) }
            if !twins.isEmpty {
                warn("\(twins.count) TEI file\(twins.count == 1 ? "" : "s") in \(gold) stand\(twins.count == 1 ? "s" : "") beside the JSONL of the same document (\(Self.listed(twins.map { ($0.path as NSString).lastPathComponent }))); the JSONL is scored")
            }
            let goldFiles = found.filter { input in !twins.contains { $0.path == input.path } }
            var pairs: [(String, String, String?, Document?)] = []
            var unmatched: [String] = []
            for input in goldFiles {
                // The report names the gold file that was read.
                var relative = input.path.hasSuffix(".tei.xml") ? input.outputStem + ".tei.xml" : input.outputStem + ".jsonl"
                // A prediction directory from annotate --to tei holds NAME.tei.xml; annotate names the prediction for
                // a sentence table after the table (NAME_sentences.jsonl), not after its labels (NAME_gold.tsv).
                var names = [input.outputStem + ".jsonl", input.outputStem + ".tei.xml", input.outputStem + ".labels.tsv"]
                if input.path.hasSuffix(Self.goldTableSuffix) {
                    relative = input.outputStem + ".tsv"
                    let table = String(input.outputStem.dropLast("_gold".count))
                    names = [table + "_sentences", table].flatMap { [$0 + ".jsonl", $0 + ".tei.xml", $0 + ".labels.tsv"] }
                    // Another annotator's labels of the same table, under the same name.
                    names.append(relative)
                }
                let candidates = names.map { (pred as NSString).appendingPathComponent($0) }
                if let candidate = candidates.first(where: { fm.fileExists(atPath: $0) }) {
                    pairs.append((relative, input.path, candidate, nil))
                } else {
                    unmatched.append(relative)
                    pairs.append((relative, input.path, nil, nil))
                }
            }
            guard unmatched.count < pairs.count else {
                // Namesakes in a format eval does not read (annotate --to csv, aif, dot) are named as such.
                let others = goldFiles.compactMap { input in
                    [".csv", ".aif.json", ".dot", ".svg"].map { (pred as NSString).appendingPathComponent(input.outputStem + $0) }
                        .first { fm.fileExists(atPath: $0) }
                }
                if let other = others.first {
                    throw fail("\(pred) holds \(other) and the like, which eval does not read; predictions are JSONL, TEI or label tables (annotate --to jsonl, tei or tsv)")
                }
                throw fail("no file in \(gold) has a namesake in \(pred); name predictions after their gold files")
            }
            if !unmatched.isEmpty {
                warn(agreement
                    ? "no file in \(pred) for \(unmatched.count) of the \(pairs.count) files of \(gold) (\(Self.listed(unmatched))); nothing of them is compared"
                    : "no prediction in \(pred) for \(unmatched.count) of the \(pairs.count) gold files (\(Self.listed(unmatched))); their sentences are scored as unlabelled")
            }
            // A prediction no gold file takes is a misnamed one as often as an extra: said, not passed over.
            let used = Set(pairs.compactMap(\.2).map { ($0 as NSString).standardizingPath })
            let predicted = InputDiscovery.discover([pred], extensions: ["jsonl", "xml", "tsv"]).inputs.map(\.path)
            // A sentence table beside an annotator's labels (NAME_sentences.tsv) is their text, not a prediction.
            let unused = predicted.filter { !used.contains(($0 as NSString).standardizingPath) && !$0.hasSuffix("_sentences.tsv") }
            if !unused.isEmpty {
                warn("\(unused.count) file\(unused.count == 1 ? "" : "s") in \(pred) match\(unused.count == 1 ? "es" : "") no gold file and \(unused.count == 1 ? "is" : "are") not scored (\(Self.listed(unused.map { ($0 as NSString).lastPathComponent })))")
            }
            return pairs
        default:
            throw fail("give two files or two directories, not one of each (or a corpus table of several documents and the directory of its predictions)")
        }
    }

    /// A corpus table's documents (doc_id) against the predictions annotate wrote for them in `pred` (or in its
    /// sub-directory named after the table): `DOC_ID.jsonl`, `.tei.xml` or `.labels.tsv`.
    private func corpusPairs(predictions pred: String) throws -> [(String, String, String?, Document?)] {
        let documents: [GoldDocument]
        do { documents = try TrainingCorpus.load(gold, keepingTableIDs: true) } catch { throw fail(error.description) }
        let fm = FileManager.default
        let stem = InputDiscovery.stem((gold as NSString).lastPathComponent)
        var pairs: [(String, String, String?, Document?)] = []
        var unmatched: [String] = []
        let bytes = try? FileAccess.read(gold)
        let parts = bytes.flatMap { try? PluginRegistry.standard.reader(format: "tsv", path: gold, bytes: $0).parts(of: $0) } ?? []
        let partsByID = Dictionary(parts.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        for document in documents {
            let name = BatchRunner.fileName(document.document.id)
            let candidates = [pred, (pred as NSString).appendingPathComponent(stem)].flatMap { directory in
                ["jsonl", "tei.xml", "labels.tsv"].map { (directory as NSString).appendingPathComponent(name + "." + $0) }
            }
            if let candidate = candidates.first(where: { fm.fileExists(atPath: $0) }) {
                // Read as annotate read it only when there is a prediction to pair it with.
                var gold = document.document
                if let bytes, let part = partsByID[gold.id] { gold = Self.asRead(gold, bytes: bytes, path: self.gold, part: part) }
                pairs.append((gold.id, document.source, candidate, gold))
            } else {
                unmatched.append(document.document.id)
                pairs.append((document.document.id, document.source, nil, document.document))
            }
        }
        guard unmatched.count < pairs.count else {
            throw fail("no document of \(gold) has a prediction in \(pred); annotate \(gold) --out \(pred) writes them")
        }
        if !unmatched.isEmpty {
            warn("no prediction in \(pred) for \(unmatched.count) of the \(documents.count) documents of \(gold) (\(Self.listed(unmatched))); their sentences are scored as unlabelled")
        }
        return pairs
    }

    /// The labellers whose labels a gold document holds, for the warning that they are scored as gold.
    static func machineLabellers(_ document: Document) -> String {
        var seen: [String] = []
        for unit in document.units {
            if let by = unit.annotation.labeledBy, !by.isHuman, unit.annotation.label != nil, !seen.contains(by.description) { seen.append(by.description) }
        }
        return listed(seen)
    }

    /// The linkers that set the gold's links, named as the labellers are.
    static func machineLinkers(_ document: Document) -> String {
        var seen: [String] = []
        for unit in document.units {
            if let by = unit.annotation.linkedBy, !by.isHuman, unit.annotation.parent != nil, !seen.contains(by.description) { seen.append(by.description) }
        }
        return listed(seen)
    }

    /// The first few names, then how many more.
    static func listed(_ names: [String]) -> String {
        names.prefix(5).joined(separator: ", ") + (names.count > 5 ? ", and \(names.count - 5) more" : "")
    }


    /// A table's gold as `annotate` reads the table (offsets in the file, so that `--match offsets` pairs it with a
    /// prediction), with the labels and links `TrainingCorpus` read and checked; the gold as it is when the two
    /// readings do not hold the same units.
    static func asRead(_ gold: Document, bytes: [UInt8], path: String, part: DocumentPart?) -> Document {
        guard let reader = try? PluginRegistry.standard.reader(format: "tsv", path: path, bytes: bytes),
              var read = try? reader.read(ReaderInput(bytes: bytes, sourcePath: path, documentID: gold.id, part: part)),
              read.units.map(\.id) == gold.units.map(\.id)
        else { return gold }
        for i in read.units.indices { read.units[i].annotation = gold.units[i].annotation }
        return read
    }

    /// The labels of a sentence table, beside its `_sentences.tsv`.
    static let goldTableSuffix = "_gold.tsv"

    /// A prediction: a document, or a label table (annotate --to tsv, or a second annotator's NAME_gold.tsv) laid
    /// over the gold's sentences by id. With --agreement the table is a person's work, else a labeller's.
    private func loadPrediction(_ path: String, over gold: Document) throws -> Document {
        guard path.hasSuffix(".tsv"), !path.hasSuffix("_sentences.tsv") else { return try load(path) }
        do {
            // Decoded as every input is, so that a table in another encoding is named as such, not misread.
            let scalars = try TextDecoder.decode(try FileAccess.read(path))
            let rows = try LabelTable.rows(String(String.UnicodeScalarView(scalars)))
            let name = (path as NSString).lastPathComponent
            return try LabelTable.apply(rows, to: gold, by: agreement ? .human(name) : .plugin("table"))
        } catch let error as FileAccessError {
            throw fail(error.description)
        } catch let error as DocumentReadError {
            throw fail("\(path): \(error.description)")
        }
    }

    private func load(_ path: String) throws -> Document {
        if path.hasSuffix(Self.goldTableSuffix) {
            let gold: Document
            do { gold = try TrainingCorpus.load(path, keepingTableIDs: true)[0].document } catch { throw fail(error.description) }
            let sentences = String(path.dropLast(Self.goldTableSuffix.count)) + "_sentences.tsv"
            guard let bytes = try? FileAccess.read(sentences) else { return gold }
            return Self.asRead(gold, bytes: bytes, path: sentences, part: nil)
        }
        if path.hasSuffix("_sentences.tsv") {
            throw fail("\(path) is a sentence table without labels: score against its labels, \(path.dropLast("_sentences.tsv".count))\(Self.goldTableSuffix), or annotate the table first to get a prediction")
        }
        if path.lowercased().hasSuffix(".tsv") {
            // Read as JSON it would only be called malformed; say which tables a gold can be.
            throw fail("\(path): a gold table is read as NAME\(Self.goldTableSuffix) beside its NAME_sentences.tsv, or as a corpus table (doc_id, text, label) against a directory of predictions; rename the file or give the gold as JSONL")
        }
        do {
            let bytes = try FileAccess.read(path)
            return try JSONLinesReaderAccess.read(bytes: bytes, path: path)
        } catch let error as FileAccessError {
            throw fail(error.description)
        } catch let error as DocumentReadError {
            throw fail("\(path): \(error.description)")
        }
    }

    private func fail(_ message: String) -> Error {
        Terminal.write("argmark: error: \(message)\n")
        return ExitCode.failure
    }
}

/// Reads an annotated document through the registry's reader: ArgMark JSONL, or TEI (whose own exports keep every
/// annotation) when the file opens with markup.
enum JSONLinesReaderAccess {
    static func read(bytes: [UInt8], path: String) throws(DocumentReadError) -> Document {
        let start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        let isMarkup = bytes[start...].first { ![0x20, 0x09, 0x0A, 0x0D].contains($0) } == UInt8(ascii: "<")
        // Read as JSON it would only be called malformed.
        if let export = PluginRegistry.exportForOtherTools(bytes) {
            throw .unsupported("\(export), which is not read back: give the JSONL or TEI it was exported from")
        }
        let reader = try PluginRegistry.standard.reader(format: isMarkup ? "tei" : "jsonl", path: path, bytes: bytes)
        let document = try reader.read(ReaderInput(bytes: bytes, sourcePath: path, documentID: InputDiscovery.documentID(ofFile: path)))
        if !isMarkup { warnOfUnreadKeys(in: bytes, of: document, path: path) }
        return document
    }

    /// The keys of a JSONL file that reading `document` from it passed over (a hand-typed "lable", a project's own
    /// field).
    static func unreadKeys(in bytes: [UInt8], of document: Document) -> [PassedOverKey] {
        JSONLinesReader().passedOver(in: bytes, readAs: document)
    }

    /// Says which keys of a JSONL file reading passed over: they count for nothing in what the command does with it.
    static func warnOfUnreadKeys(in bytes: [UInt8], of document: Document, path: String) {
        let unread = unreadKeys(in: bytes, of: document)
        guard !unread.isEmpty else { return }
        Terminal.warning(PassedOverKey.warning(unread, path: path))
    }
}
