import ArgMarkCore
import ArgMarkEval
import ArgMarkFormats
import ArgMarkIO
import ArgMarkLabeling
import ArgMarkPipeline
import ArgMarkPlugins
import ArgMarkTraining
import ArgumentParser
import Foundation

struct Train: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Train the statistical labeller for one language (deterministic for the same data and seed).",
        discussion: """
            --data takes ArgMark JSONL gold, *_sentences.tsv + *_gold.tsv pairs, corpus TSVs with a doc_id column, \
            or directories of them; PATH:WEIGHT weighs a source (default 1). --cross-validate PATH (repeatable) \
            runs leave-one-document-out over that source's documents, training each fold on everything else, and \
            records the pooled scores in the manifest. Writes manifest.json and weights.bin to --out. \
            annotate loads a model from a folder named label.model.LANG.NAME.vN in the models directory \
            (Models/, --models DIR): train into Models/label.model.zh.mine.v1 and choose it with \
            --labelers label.model.zh.mine.v1 (label.model.zh.v1 and label.model.en.v1 are the shipped models, \
            which the default pipeline uses).
            """)

    @Option(name: .long, help: "Model language: zh or en.")
    var lang: String

    @Option(name: .long, help: "Training data PATH[:WEIGHT] (repeatable).")
    var data: [String]

    @Option(name: .long, help: "Output directory, e.g. Models/label.model.zh.mine.v1 (omit to only cross-validate).")
    var out: String?

    @Option(name: .long, help: "Cue lexicon, relative to --models.")
    var lexicon: String?

    @Option(name: .customLong("models"), help: "The Models/ directory holding the lexicons (default: $ARGMARK_MODELS, else Models).")
    var modelsOption: String?

    private var models: String {
        modelsOption ?? ProcessInfo.processInfo.environment["ARGMARK_MODELS"].flatMap { $0.isEmpty ? nil : $0 } ?? "Models"
    }

    @Option(name: .long, help: "Hold out each document of this source in turn (repeatable; must also be in --data).")
    var crossValidate: [String] = []

    @Option(name: .long, help: "During --cross-validate, combine the fold model with this labeller from --models, ID[:WEIGHT] (repeatable).")
    var combineWith: [String] = []

    @Option(name: .long, help: "With --cross-validate, write each held-out document as its fold labelled it (JSONL) into this directory.")
    var predictions: String?
    @Option(name: .long, help: "With --cross-validate, write every held-out sentence's gold label and each labeller's scores as TSV to this file (for studying combiner weights).")
    var proposalScores: String?
    // The numbers are taken as given even when they start with a minus sign (--rate -1), so that validate() says
    // what is wrong with them rather than the parser reporting the value missing.
    @Option(name: .long, parsing: .unconditional, help: "Passes over the data (1 to 1000).") var epochs: Int = 8
    @Option(name: .long) var seed: UInt64 = 20_261_125
    @Option(name: .long, parsing: .unconditional, help: "Shuffles (seeds derived from --seed) whose averaged weights make the model.") var shuffles: Int = 5
    @Option(name: .long, parsing: .unconditional, help: "Feature-hash dimensions as a power of two.") var bits: Int = 18
    @Option(name: .long, parsing: .unconditional, help: "Class-balance exponent: 0 none, 1 fully balanced.") var balance: Double = 0.5
    @Option(name: .long, parsing: .unconditional, help: "L2 regularisation per update (0 to below 1).") var l2: Double = 1e-6
    @Option(name: .long, parsing: .unconditional, help: "AdaGrad learning rate (above 0, at most 10).") var rate: Double = 0.2
    @Flag(name: .long, help: "Train a linear chain over each paragraph's sentences (learned label transitions; marginals as probabilities).") var chain = false
    @Flag(name: .long, help: "Also train the stacked second stage (neighbours' and section's first-stage predictions).") var stacked = false
    @Option(name: .long, parsing: .unconditional, help: "With --cross-validate, K models each trained without every K-th held-out document instead of one model per document (for corpora of many short texts).")
    var folds: Int?

    func validate() throws {
        guard ["zh", "en"].contains(lang) else { throw ValidationError("--lang must be zh or en") }
        guard (1...64).contains(shuffles) else { throw ValidationError("--shuffles must be between 1 and 64") }
        guard out != nil || !crossValidate.isEmpty else { throw ValidationError("give --out, --cross-validate or both") }
        guard !(chain && stacked) else { throw ValidationError("--chain and --stacked are alternatives; give one") }
        guard proposalScores == nil || !crossValidate.isEmpty else { throw ValidationError("--proposal-scores needs --cross-validate") }
        guard predictions == nil || !crossValidate.isEmpty else { throw ValidationError("--predictions needs --cross-validate") }
        guard folds == nil || !crossValidate.isEmpty else { throw ValidationError("--folds needs --cross-validate") }
        if let folds { guard folds >= 2 else { throw ValidationError("--folds must be at least 2 (without it, each document is a fold)") } }
        guard (10...22).contains(bits) else { throw ValidationError("--bits must be between 10 and 22") }
        // Each of these trained a model that labels every sentence alike (or with certainty, wrongly) and exited 0.
        guard (1...1000).contains(epochs) else { throw ValidationError("--epochs must be between 1 and 1000 (8 trains the shipped models)") }
        guard rate.isFinite, rate >= 1e-4, rate <= 10 else { throw ValidationError("--rate must be a number from 0.0001 to 10 (0.2 is usual; a smaller one leaves the weights near zero, every sentence labelled alike)") }
        guard l2.isFinite, l2 >= 0, l2 < 1 else { throw ValidationError("--l2 must be a number from 0 to below 1 (a weight's shrinking per update; 1e-6 is usual)") }
        guard balance.isFinite, (0...1).contains(balance) else { throw ValidationError("--balance must be a number from 0 (none) to 1 (fully balanced)") }
        try Self.requireDirectories([("--out", out), ("--predictions", predictions)])
        try Self.refuseOutputsOverInputs(
            directories: [("--predictions", predictions), ("--out", out)], files: [("--proposal-scores", proposalScores)],
            inputs: data.map { Self.parse($0).path })
        // The folder name is the model's id, and the registry takes label.model.zh.v1 for the Chinese model.
        if let out {
            let name = (out as NSString).lastPathComponent
            let parts = name.split(separator: ".")
            if parts.count >= 4, parts[0] == "label", parts[1] == "model", ["zh", "en"].contains(parts[2]), parts[2] != lang {
                throw ValidationError("--out \(out) is the \(parts[2]) model's folder, but --lang is \(lang); name it label.model.\(lang).NAME.v1")
            }
        }
    }

    func run() throws {
        let language = LanguageTag(rawValue: lang)!
        let lexiconFile = lexicon ?? "cues/\(lang).tsv"
        let lexiconPath = (models as NSString).appendingPathComponent(lexiconFile)
        let lexiconText: String
        do {
            guard let read = try ModelLibrary.text(at: lexiconPath) else {
                throw fail("\(lexiconPath): no such cue lexicon; pass --models or --lexicon")
            }
            lexiconText = read
        } catch let error as ModelFileError { throw fail(error.description) }
        let cues: CueLexicon
        do { cues = try CueLexicon(tsv: lexiconText, wordBoundaries: language == .en) } catch { throw fail("\(lexiconPath): \(error)") }

        // Which sentences the model learns from: those in its language.
        let learns = { (unit: TextUnit) in FeatureExtractor.accepts(unit.language, model: language) }
        var documents: [WeightedDocument] = []
        var sources: [ModelManifest.TrainingSource] = []
        for spec in data {
            let (path, weight) = Self.parse(spec)
            // PATH:O.5 is a mistyped weight, not a file of that name.
            if let colon = spec.lastIndex(of: ":"), path == spec, !FileManager.default.fileExists(atPath: spec),
               FileManager.default.fileExists(atPath: String(spec[..<colon])) {
                throw fail("--data \(spec): the weight '\(spec[spec.index(after: colon)...])' is not a number (PATH:WEIGHT, e.g. corpus:0.5)")
            }
            // A weight of 1e40 overflowed the updates and trained an empty model.
            guard weight.isFinite, weight > 0, weight <= 100 else {
                throw fail("--data \(spec): a source's weight is a number above 0 and at most 100 (0.5 counts each sentence half)")
            }
            let loaded: [GoldDocument]
            do { loaded = try TrainingCorpus.load(path) } catch { throw fail(error.description) }
            let heldOut = crossValidate.contains { Self.samePlace($0, path) }
            documents += loaded.map { WeightedDocument(gold: $0, weight: weight, heldOut: heldOut) }
            // What the model learns from: the labelled sentences in its language (a directory may hold both).
            let learned = loaded.map { $0.document.units.filter { $0.kind == .sentence && $0.annotation.label != nil && learns($0) } }
            let sentences = learned.reduce(0) { $0 + $1.count }
            let inLanguage = learned.count { !$0.isEmpty }
            sources.append(.init(path: path, documents: inLanguage, sentences: sentences, weight: weight,
                                 licence: LicenceCatalog.licence(for: path)))
            let unlabelled = loaded.count { !$0.document.units.contains { $0.kind == .sentence && $0.annotation.label != nil } }
            let otherLanguage = loaded.count - inLanguage - unlabelled
            note("\(path): \(inLanguage) documents, \(sentences) labelled sentences in \(lang), weight \(weight)"
                + (otherLanguage > 0 ? " (\(otherLanguage) document\(otherLanguage == 1 ? "" : "s") in another language left out)" : "")
                + (unlabelled > 0 ? " (\(unlabelled) document\(unlabelled == 1 ? "" : "s") with no labelled sentence left out)" : ""))
            // annotate's output is no gold: a model trained on it learns the labellers' own mistakes back.
            var machine = 0
            for units in learned { machine += units.count { $0.annotation.labeledBy?.isHuman == false } }
            if machine * 2 > sentences {
                Terminal.warning("\(path): \(machine) of its \(sentences) labels were set by labellers (labeledBy label.…), not by people: is it annotate's output rather than gold? Review it first (argmark review), or train on the gold")
            }
            guard sentences > 0 else {
                let labelled = loaded.reduce(0) { $0 + $1.document.units.count { $0.kind == .sentence && $0.annotation.label != nil } }
                throw fail(labelled > 0
                    ? "\(path): none of its \(labelled) labelled sentences is in \(lang); check --lang"
                    : "\(path): no labelled sentences (JSONL gold, *_gold.tsv with *_sentences.tsv, or a TSV with doc_id, text and label)")
            }
        }
        // A document given twice (two --data naming it, or a copy) would be trained on while it is held out, and
        // its cross-validated score would be inflated; counting it double is what --data PATH:WEIGHT is for.
        // Within one corpus table the same text under two ids is the corpus's own (CDCP holds comments sent twice);
        // in two files, of one folder or of two sources, it is a copy. Messages name the files.
        var firstSource: [String: (source: String, text: String)] = [:]
        var firstText: [String: (id: String, source: String)] = [:]
        for document in documents {
            let source = document.gold.source
            let id = document.gold.document.id
            let text = document.gold.document.units.filter { $0.kind == .sentence }.map(\.text).joined(separator: "\n")
            if let earlier = firstSource[id] {
                if earlier.text == text {
                    throw fail("the document \(id) is given twice (in \(earlier.source) and \(source)); give each document once, and a weight (PATH:2) to count one more")
                }
                // Results, predictions and folds go by id: two documents of one id would be mixed up.
                let places = earlier.source == source ? "both in \(source)" : "in \(earlier.source) and \(source)"
                throw fail("two different documents have the id \(id) (\(places)); give them ids of their own")
            }
            firstSource[id] = (source, text)
            if !text.isEmpty, let twin = firstText[text], twin.source != source {
                throw fail("\(id) in \(source) has the sentences of \(twin.id) in \(twin.source): a copy? Give each document once, and a weight (PATH:2) to count one more")
            }
            if firstText[text] == nil { firstText[text] = (id, source) }
        }
        // The model learns from the sentences in its language (data directories may hold both); with none it would
        // learn nothing it meets.
        let languages = documents.flatMap { $0.gold.document.units.filter { $0.kind == .sentence && $0.annotation.label != nil }.map(\.language) }
        guard languages.contains(where: { $0 == language || $0 == .mixed }) else {
            throw fail("none of the \(languages.count) labelled sentences is in \(lang); check --lang and --data")
        }
        // A model taught one label can say nothing else.
        let taught = Set(documents.flatMap { $0.gold.document.units.compactMap { $0.kind == .sentence && learns($0) ? $0.annotation.label : nil } })
        if taught.count == 1, let only = taught.first {
            Terminal.warning("every labelled sentence in \(lang) is \(only.rawValue): the model will label every sentence \(only.rawValue); train on gold with the other labels too")
        } else if taught.count > 1, case let absent = ArgumentLabel.allCases.filter({ !taught.contains($0) }), !absent.isEmpty {
            // It still lists all five labels, and will give the missing ones almost nothing.
            Terminal.warning("no labelled sentence in \(lang) is \(absent.map(\.rawValue).joined(separator: " or ")): the model will hardly ever say \(absent.count == 1 ? "it" : "them"); train on gold that has \(absent.count == 1 ? "it" : "them") too")
        }
        for path in crossValidate where !data.contains(where: { Self.samePlace(Self.parse($0).path, path) }) {
            throw fail("--cross-validate \(path) is not among the --data sources")
        }
        if !crossValidate.isEmpty {
            let heldOut = documents.count { $0.heldOut }
            guard heldOut > 0, documents.count >= 2 else {
                throw fail("--cross-validate holds out each document in turn and trains on the others: it needs at least two documents (the data have \(documents.count))")
            }
        }
        // A fold's predictions are all a machine's: a file already there with a person's labels or links (a copy of
        // the gold, a reviewed output) would lose them. Found before training, not after it.
        if let predictions {
            for document in documents where document.heldOut {
                var machine = document.gold.document
                for i in machine.units.indices { machine.units[i].annotation = SentenceAnnotation() }
                let (problem, lock) = BatchRunner.personsWorkAt(
                    predictionPath(for: machine, in: predictions), wouldBeLostTo: machine, registry: PluginRegistry.standard,
                    keep: "give --predictions another directory; to start over, move that file away first")
                lock?.release()
                if let problem { throw fail("--predictions: not written: \(problem)") }
                // Labels with no labeledBy (hand-made JSONL) are someone's work too, as annotate keeps them.
                let path = predictionPath(for: machine, in: predictions)
                if FileManager.default.fileExists(atPath: path), let bytes = try? FileAccess.read(path),
                   let old = try? JSONLinesReader().read(ReaderInput(bytes: bytes, sourcePath: path, documentID: machine.id)),
                   old.units.contains(where: { $0.annotation.label != nil && $0.annotation.labeledBy == nil }) {
                    throw fail("--predictions: not written: \(path) holds labels with no labeledBy, which annotate keeps as someone's work; give --predictions another directory, or move that file away first")
                }
            }
        }
        var settings = TrainingSettings(language: language)
        settings.epochs = epochs
        settings.seed = seed
        settings.shuffles = shuffles
        settings.dimensions = 1 << bits
        settings.classBalance = balance
        settings.l2 = l2
        settings.learningRate = rate
        settings.stacked = stacked
        settings.chain = chain
        let trainer = Trainer(settings: settings, lexicon: cues)
        var scores: [String: Double] = [:]
        if !crossValidate.isEmpty {
            let registry = try LoadedRegistry.load(models: models)
            var alongside: [any Labeler] = []
            var weights: [String: Double] = [:]
            for spec in combineWith {
                let (id, weight) = Self.parse(spec)
                guard let labeler = registry.labeler(id: id) else { throw fail("unknown labeller \(id) in --combine-with") }
                guard PluginRegistry.labelerWeights.contains(weight) else {
                    throw fail("--combine-with \(spec): \(PluginRegistry.labelerWeightRule)")
                }
                guard weights[id] == nil else { throw fail("--combine-with names \(id) twice; give it once, with its weight") }
                // A trained model beside the fold model was trained on the held-out documents (the shipped models
                // are trained on all the gold): the fold's score would measure its memory.
                guard !(labeler is StatisticalLabeler) else {
                    throw fail("--combine-with \(id): a trained model cannot sit beside the fold models, as it was trained on the documents held out; combine with cue lexicons, rules or external labellers")
                }
                guard labeler.descriptor.languages.contains(language) else {
                    throw fail("--combine-with \(id) labels \(labeler.descriptor.languages.map(\.rawValue).joined(separator: ", ")), not \(lang)")
                }
                alongside.append(labeler)
                weights[id] = weight
            }
            let result = CrossValidation.leaveOneDocumentOut(
                documents, trainer: trainer, alongside: alongside, combiner: LabelCombiner(weights: weights), folds: folds) { note($0) }
            if let predictions {
                for document in result.labelled { try writePrediction(document, into: predictions) }
            }
            if let proposalScores { try writeProposalScores(result, gold: documents, to: proposalScores) }
            var report = EvaluationReport(evaluation: result.pooled, perDocument: result.perDocument.map { ($0.name, $0.evaluation, .id) })
            // How sure the pooled figure is: the held-out documents drawn with replacement (sentences for fewer than ten).
            let interval = Bootstrap.estimate(
                result.perDocument.map(\.evaluation), unit: .automatic(documents: result.perDocument.count), resamples: 1000)
            report.bootstrap = interval
            print(report.text(), terminator: "")
            // Named by how they were measured: a K-fold figure is not a leave-one-document-out one.
            let heldOutCount = documents.count { $0.heldOut }
            let scheme = folds.map { $0 < heldOutCount ? "\($0)fold" : "lodo" } ?? "lodo"
            if let folds, folds >= heldOutCount {
                note("--folds \(folds) is at least the \(heldOutCount) held-out documents: each is its own fold (leave-one-document-out)")
            }
            scores["\(scheme).macroF1"] = result.pooled.macroF1
            scores["\(scheme).macroF1.lower95"] = interval.macroF1.lower
            scores["\(scheme).macroF1.upper95"] = interval.macroF1.upper
            scores["\(scheme).accuracy"] = result.pooled.accuracy
            scores["\(scheme).kappa"] = result.pooled.kappa
            for s in result.pooled.scores where s.support > 0 { scores["\(scheme).f1.\(s.label.rawValue)"] = s.f1 }
        }
        guard let out else { return }
        let start = Date()
        let model = trainer.train(documents.map { trainer.prepare($0.gold.document, weight: $0.weight) })
        note("trained on \(sources.reduce(0) { $0 + $1.documents }) documents in \(String(format: "%.1f", Date().timeIntervalSince(start))) s")
        let id = (out as NSString).lastPathComponent
        var manifest = ModelManifest(
            id: id, version: id.wholeMatch(of: /.*\.v([0-9]+)/).flatMap { Int($0.1) } ?? 1, language: lang, labels: model.stage1.labels.map(\.rawValue), dimensions: model.stage1.dimensions,
            featureSet: "char 1-3-grams (zh) / word 1-2-grams (en), scaled down in sentences over "
                + "\(FeatureExtractor.typicalChineseCharacters) characters / \(FeatureExtractor.typicalEnglishWords) words to that length's weight, sentence heads, cue hits, figures, years, quotes, "
                + "named documents, note markers, length, cue order, paragraph, section and document position, neighbour cues and heads, a running illustration and whether it goes on, section headings; "
                + "in short texts (≤ \(FeatureExtractor.shortTextSentences) sentences) a second, short-text copy of each; "
                + "in Chinese work and plan reports a second, work-report copy of each; "
                + "in Chinese point-by-point rebuttals (谬误 … 事实真相) a second, rebuttal copy of each; "
                + "punctuation folded (Chinese ASCII as full width, full-width letters and digits as ASCII, no space beside Latin; English ’ as ')",
            featureVersion: FeatureExtractor.version, lexicon: lexiconFile, seed: seed, epochs: epochs, l2: settings.l2,
            shuffles: shuffles,
            transitions: model.chain?.rows,
            trainingData: sources, scores: scores,
            summary: chain
                ? "linear-chain model over each paragraph's sentences: logistic-regression scores from sentence and context features plus learned label transitions (\(lang))"
                : "multinomial logistic regression over sentence and context features (\(lang))")
        manifest.classBalance = balance
        manifest.learningRate = rate
        manifest.stacked = stacked
        if !crossValidate.isEmpty {
            manifest.crossValidated = crossValidate
            manifest.scoresCombinedWith = Dictionary(combineWith.map { Self.parse($0) }.map { ($0.path, $0.weight) }, uniquingKeysWith: { a, _ in a })
        }
        do {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            // The folder changes as a whole: a failed write leaves the old model, not a new manifest beside old weights.
            var files: [(name: String, bytes: [UInt8])] = [
                ("weights.bin", model.stage1.serialized()), ("manifest.json", Array(try encoder.encode(manifest)) + [0x0A]),
            ]
            if let stage2 = model.stage2 { files.append(("weights.stage2.bin", stage2.serialized())) }
            try FileAccess.replaceFiles(in: out, with: files, dropping: ["weights.stage2.bin"])
        } catch let error as FileAccessError {
            throw fail(error.description)  // it names the path
        } catch {
            throw fail("\(out): \(error)")
        }
        note("wrote \(out)/manifest.json and weights.bin")
        note(Self.howToUse(out, id: id, lang: lang))
    }

    /// How annotate finds the model written to `out` under `id`, or why it will not: it loads models only from
    /// folders named as model ids in the models directory, and a shipped model's id is the default pipeline's.
    static func howToUse(_ out: String, id: String, lang: String) -> String {
        guard id.wholeMatch(of: /label\.model\.[^\/]+\.v[0-9]+/) != nil else {
            return "annotate will not find this model: it loads one only from a folder named label.model.\(lang).NAME.vN in the models directory (Models/, or --models DIR); move it there under such a name (Models/label.model.\(lang).mine.v1) to choose it with --labelers"
        }
        let directory = FileAccess.directoryPart(of: out)
        let models = directory.isEmpty ? "." : directory
        if ModelLibrary.models.contains(id) {
            return "the default pipeline labels \(lang) with it where \(models) is the models directory (Models/, or --models \(models))"
        }
        return "choose it with argmark annotate FILE --models \(models) --labelers \(id) (beside the cue lexicon and rules: --labelers \(id),label.cue.\(lang).v1:\(lang == "zh" ? "0.75" : "0.25"),label.rules.\(lang).v1:2); \(models) must hold the cue lexicons (cues/) too, as Models/ does"
    }

    /// One row per held-out sentence and labeller: document, unit id, paragraph id, gold label, plugin id and the
    /// five label scores in guideline order (empty where the plugin gave none).
    private func writeProposalScores(_ result: CrossValidation.Result, gold: [WeightedDocument], to path: String) throws {
        let goldByID = Dictionary(gold.map { ($0.gold.document.id, $0.gold.document) }, uniquingKeysWith: { first, _ in first })
        var out = "document\tunit\tparagraph\tgold\tplugin\t" + ArgumentLabel.allCases.map(\.rawValue).joined(separator: "\t") + "\n"
        for (document, proposals) in zip(result.labelled, result.proposals) {
            guard let goldDocument = goldByID[document.id] else { continue }
            for proposal in proposals.sorted(by: { ($0.unitIndex, $0.pluginID) < ($1.unitIndex, $1.pluginID) }) {
                let unit = goldDocument.units[proposal.unitIndex]
                guard unit.kind == .sentence, let label = unit.annotation.label else { continue }
                let scores = ArgumentLabel.allCases.map { proposal.scores[$0].map { String(format: "%.5f", $0) } ?? "" }
                out += [document.id, unit.id, unit.paragraph, label.rawValue, proposal.pluginID].joined(separator: "\t")
                    + "\t" + scores.joined(separator: "\t") + "\n"
            }
        }
        do { try FileAccess.writeAtomically(Array(out.utf8), to: path) } catch { throw fail("\(path): \(error)") }
    }

    /// Whether two spellings of a path (`dir`, `dir/`, `./dir`, an absolute path, a link to it) name one place.
    /// Refuses, before any training, an output option that names a file: --out and --predictions are directories,
    /// and finding so after an hour's cross-validation loses the hour.
    static func requireDirectories(_ options: [(option: String, path: String?)]) throws {
        for (option, path) in options {
            guard let path else { continue }
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue {
                throw ValidationError("\(option) \(path) is a file; give a directory")
            }
            // The folder is made when the work is done: a file where one of its parents should be is found now.
            let ancestor = existingPart(of: path).existing
            if !FileAccess.isDirectory(ancestor.path) {
                throw ValidationError("\(option) \(path) cannot be made: \(ancestor.path) is a file; give a directory")
            }
        }
    }

    /// Refuses, before any work, an output that would write over an input or into its folder: a directory output
    /// (`--predictions`) that is an input directory or the folder of an input file, and a file output that is an
    /// input file or lies in an input directory. Predictions written into the gold folder had replaced the gold.
    static func refuseOutputsOverInputs(directories: [(option: String, path: String?)], files: [(option: String, path: String?)], inputs: [String]) throws {
        func folder(_ path: String) -> String {
            let part = FileAccess.directoryPart(of: path)
            return part.isEmpty ? "." : part
        }
        for case let (option, path?) in directories {
            for input in inputs where samePlace(path, FileAccess.isDirectory(input) ? input : folder(input)) {
                throw ValidationError("\(option) \(path) is \(FileAccess.isDirectory(input) ? "the input directory \(input)" : "the folder of the input \(input)"); its files would be written over: give another directory")
            }
            // Inside an input directory, what is written would be read as input the next time.
            for input in inputs where FileAccess.isDirectory(input) && lies(path, inside: input) {
                throw ValidationError("\(option) \(path) lies in the input directory \(input), whose files are all read as input: give a directory elsewhere")
            }
        }
        for case let (option, path?) in files where path != "-" {
            for input in inputs {
                if FileAccess.isSameFile(path, input) {
                    throw ValidationError("\(option) \(path) is the input \(input); it would be written over: give another file")
                }
                if FileAccess.isDirectory(input), samePlace(folder(path), input) {
                    throw ValidationError("\(option) \(path) lies in the input directory \(input), among the files read as input: give a file elsewhere")
                }
            }
        }
    }

    /// The longest leading part of `path` that exists, and the components after it that do not (yet).
    static func existingPart(of path: String) -> (existing: URL, rest: [String]) {
        var url = URL(fileURLWithPath: path).standardizedFileURL
        var rest: [String] = []
        while !FileManager.default.fileExists(atPath: url.path), url.path != "/" {
            rest.insert(url.lastPathComponent, at: 0)
            url.deleteLastPathComponent()
        }
        return (url, rest)
    }

    /// Whether `path` (which need not exist yet) lies below the directory `directory`.
    static func lies(_ path: String, inside directory: String) -> Bool {
        // The part that exists is resolved (links), the rest kept as written.
        func canonical(_ path: String) -> [String] {
            let (existing, rest) = existingPart(of: path)
            return existing.resolvingSymlinksInPath().pathComponents + rest
        }
        let inner = canonical(path), outer = canonical(directory)
        return inner.count > outer.count && Array(inner.prefix(outer.count)) == outer
    }

    static func samePlace(_ a: String, _ b: String) -> Bool {
        func canonical(_ path: String) -> String { URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path }
        return a == b || canonical(a) == canonical(b)
    }

    static func parse(_ spec: String) -> (path: String, weight: Double) {
        // A file or folder whose name ends in :2 is that path, not the path before it at weight 2.
        if spec.contains(":"), FileManager.default.fileExists(atPath: spec) { return (spec, 1) }
        if let colon = spec.lastIndex(of: ":"), let weight = Double(spec[spec.index(after: colon)...]) {
            return (String(spec[..<colon]), weight)
        }
        return (spec, 1)
    }

    private func note(_ message: String) {
        Terminal.write("argmark: \(message)\n")
    }

    private func fail(_ message: String) -> Error {
        Terminal.write("argmark: error: \(message)\n")
        return ExitCode.failure
    }
}

/// Writes a held-out document as a fold labelled or linked it to DIR/ID.jsonl (atomically), for `--predictions`;
/// the document of a sentence table and its labels (NAME_gold.tsv) to DIR/NAME_sentences.jsonl, as annotate names
/// it and eval looks for it.
func writePrediction(_ document: Document, into directory: String) throws {
    let path = predictionPath(for: document, in: directory)
    do {
        try FileAccess.writeAtomically(try JSONLinesWriter().write(document), to: path)
    } catch {
        throw AnalysedDocument.failure("predictions: \(error)")
    }
}

/// Where `writePrediction` writes `document` in `directory`.
func predictionPath(for document: Document, in directory: String) -> String {
    let name = document.id.hasSuffix("_gold.tsv") ? String(document.id.dropLast("_gold.tsv".count)) + "_sentences" : document.id
    return (directory as NSString).appendingPathComponent(name + ".jsonl")
}
