import ArgMarkCore
import ArgMarkLabeling
import ArgMarkLinking
import ArgMarkPipeline
import Foundation

/// The labellers that load data from `Models/`: cue lexicons (`cues/zh.tsv`, `cues/en.tsv`) and trained models
/// (`label.model.<lang>.v1/manifest.json` + `weights.bin`). Loading is the only I/O; the plugins are pure.
public struct ModelLibrary: Sendable {
    public let directory: String
    public private(set) var labelers: [any Labeler] = []
    /// Linkers with trained weights (`link.learned.v1/manifest.json` + `weights.tsv`), preferred to the built-in ones.
    public private(set) var linkers: [any Linker] = []
    /// Files that were present but could not be loaded, phrased for the user.
    public private(set) var problems: [String] = []
    /// The default pipeline from `pipeline.json`, if present and valid.
    public private(set) var pipeline: PipelineSpecification?
    /// Why a `pipeline.json` that is present cannot be the default pipeline (not JSON, a labeller named twice or
    /// weighted 0), if it cannot: labelling on without it would drop the labellers it names, with exit 0.
    public private(set) var pipelineProblem: String?
    /// Traditional → simplified characters (`fold/zh-hant.tsv`), if present and valid.
    public private(set) var characterFolding: CharacterFolding?
    static let characterFoldingFile = "fold/zh-hant.tsv"

    /// Cue lexicons: plugin id, file, language, word-boundary matching.
    static let lexicons: [(id: String, file: String, languages: [LanguageTag], words: Bool, rules: Bool)] = [
        ("label.cue.zh.v1", "cues/zh.tsv", [.zh, .mixed], false, false),
        ("label.cue.en.v1", "cues/en.tsv", [.en], true, false),
        ("label.rules.zh.v1", "cues/zh.rules.tsv", [.zh, .mixed], false, true),
        ("label.rules.en.v1", "cues/en.rules.tsv", [.en], true, true),
    ]
    /// The file under the models directory that the lexicon labeller `id` reads (`cues/zh.tsv`), nil for any other id.
    public static func lexiconFile(of id: String) -> String? {
        lexicons.first { $0.id == id }?.file
    }

    /// Trained models, in default-pipeline order.
    public static let models = ["label.model.zh.v1", "label.model.en.v1"]

    /// Whether the labellers (cue lexicons, trained models) are still to load: a library made with `labellers: false`
    /// until ``loadLabellers()``.
    public private(set) var labellersUnloaded = false

    /// - Parameter labellers: load the labellers too. A command that shows or exports a labelled file needs only the
    ///   linker and the pipeline's file, and loading every lexicon and model was two thirds of its run; it loads them
    ///   (``loadLabellers()``) when a file leaves a sentence unlabelled.
    public init(directory: String, labellers: Bool = true) {
        self.directory = directory
        let lexiconByFile = labellers ? loadLexicons() : [:]
        loadCharacterFolding()
        if labellers { checkTraditionalCues(lexiconByFile) }
        loadPipelineFile()
        let linkerFolder = (directory as NSString).appendingPathComponent("link.learned.v1")
        if FileManager.default.fileExists(atPath: linkerFolder) {
            do { linkers.append(try Self.loadLinker(folder: linkerFolder)) } catch { problems.append("\(linkerFolder): \(error)") }
        }
        if labellers { loadModels(lexiconByFile) } else { labellersUnloaded = true }
    }

    /// Loads the labellers a library made with `labellers: false` left out; their problems are added to ``problems``.
    public mutating func loadLabellers() {
        guard labellersUnloaded else { return }
        labellersUnloaded = false
        let lexiconByFile = loadLexicons()
        checkTraditionalCues(lexiconByFile)
        loadModels(lexiconByFile)
    }

    /// Whether the directory holds a labeller's file (a cue lexicon, a model folder loading would try), loaded or not.
    public var holdsLabellerFiles: Bool {
        !labelers.isEmpty || Self.lexicons.contains { FileManager.default.fileExists(atPath: (directory as NSString).appendingPathComponent($0.file)) }
            || ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).contains {
                Self.isModelFolderName($0) && Self.isDirectory((directory as NSString).appendingPathComponent($0))
            }
    }

    /// A model's folder is named as its id, ending in a version (`label.model.zh.v1`): a backup
    /// `label.model.zh.v1.bak` or an archive is none.
    static func isModelFolderName(_ name: String) -> Bool {
        name.hasPrefix("label.model.") && name.wholeMatch(of: /label\.model\.[^\/]+\.v[0-9]+/) != nil
    }

    private mutating func loadLexicons() -> [String: CueLexicon] {
        var lexiconByFile: [String: CueLexicon] = [:]
        for entry in Self.lexicons {
            let path = (directory as NSString).appendingPathComponent(entry.file)
            let text: String
            do {
                guard let read = try Self.text(at: path) else { continue }
                text = read
            } catch {
                problems.append(error.description)
                continue
            }
            do {
                let lexicon = try CueLexicon(tsv: text, wordBoundaries: entry.words)
                lexiconByFile[entry.file] = lexicon
                var labeler = entry.rules
                    ? CueLabeler(id: entry.id, languages: entry.languages, lexicon: lexicon, fallbackScore: nil,
                                 summary: "decision rules (Models/\(entry.file)): illustration openers → example; \(entry.words ? "" : "questions, ")definitions and signposting → background; \(entry.words ? "a main-verb should → prescription; " : "")reported findings → evidence; speaks only when they fire")
                    : CueLabeler(id: entry.id, languages: entry.languages, lexicon: lexicon)
                labeler.descriptor.fingerprint = FNV1a.wordDigest(Array(text.utf8))
                labelers.append(labeler)
            } catch {
                problems.append("\(path): \(error.description)")
            }
        }
        return lexiconByFile
    }

    private mutating func loadCharacterFolding() {
        let foldingPath = (directory as NSString).appendingPathComponent(Self.characterFoldingFile)
        do {
            if let text = try Self.text(at: foldingPath) {
                do {
                    characterFolding = try CharacterFolding(tsv: text)
                } catch {
                    problems.append("\(foldingPath): \(error.description); Traditional Chinese is labelled as written")
                }
            }
        } catch {
            problems.append(error.description + "; Traditional Chinese is labelled as written")
        }
    }

    private mutating func checkTraditionalCues(_ lexiconByFile: [String: CueLexicon]) {
        // Texts in Traditional characters are matched folded to simplified ones, so a cue written in Traditional
        // characters would never fire: said, rather than left dead.
        if let characterFolding {
            for entry in Self.lexicons where !entry.words {
                guard let lexicon = lexiconByFile[entry.file] else { continue }
                let traditional = lexicon.cues.filter { cue in cue.text.unicodeScalars.contains { characterFolding.table[$0] != nil } }
                guard let first = traditional.first else { continue }
                problems.append("\((directory as NSString).appendingPathComponent(entry.file)): the cue \(first.text)\(traditional.count > 1 ? " (and \(traditional.count - 1) more)" : "") is written in Traditional characters, but texts are matched in simplified ones (\(characterFolding.folded(first.text))); write it so")
            }
        }
    }

    private var pipelinePath: String { (directory as NSString).appendingPathComponent("pipeline.json") }

    private mutating func loadPipelineFile() {
        let pipelinePath = self.pipelinePath
        if let data = FileManager.default.contents(atPath: pipelinePath) {
            do {
                // Only the confidences depend on a calibration: a bad entry is left out, the labels stay the same.
                let (specification, calibrationProblems) = try PipelineSpecification.lenient(json: data)
                pipeline = specification
                let ids = specification.labelers.map(\.id)
                if let twice = ids.first(where: { id in ids.count { $0 == id } > 1 }) {
                    pipelineProblem = "\(pipelinePath): names \(twice) twice; name it once, with the weight it should have"
                } else if ids.isEmpty {
                    pipelineProblem = "\(pipelinePath): names no labeller; list the labellers of the default pipeline (argmark plugins lists them)"
                } else if let entry = specification.labelers.first(where: { !PluginRegistry.labelerWeights.contains($0.weight) }) {
                    pipelineProblem = "\(pipelinePath): gives \(entry.id) the weight \(entry.weight); \(PluginRegistry.labelerWeightRule)"
                }
                for problem in calibrationProblems { problems.append("\(pipelinePath): \(problem); it is not used") }
                for problem in specification.unusedCalibrations { problems.append("\(pipelinePath): \(problem)") }
            } catch {
                pipelineProblem = "\(pipelinePath): \(error)"
            }
            if let pipelineProblem {
                pipeline = nil
                problems.append(pipelineProblem)
            }
        }
    }

    private mutating func loadModels(_ lexiconByFile: [String: CueLexicon]) {
        // The shipped models first, in the default pipeline's order, then any other model folder (a model trained
        // with `argmark train --out Models/label.model.en.mine.v1`), which `--labelers` and a pipeline file name by id.
        // (Only a folder whose name ends in a version, as ids do: a backup label.model.zh.v1.bak or an archive is none.)
        let others = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [])
            .filter { name in
                Self.isModelFolderName(name) && !Self.models.contains(name) && Self.isDirectory((directory as NSString).appendingPathComponent(name))
            }.sorted()
        var weightDigests: [String: String?] = [:]
        for id in Self.models + others {
            let folder = (directory as NSString).appendingPathComponent(id)
            guard FileManager.default.fileExists(atPath: folder) else { continue }
            do {
                let (model, weightsDigest) = try Self.loadModel(folder: folder, lexicons: lexiconByFile)
                weightDigests[id] = weightsDigest
                // The pipeline and `--labelers` find a model by its manifest's id, so a model trained into another
                // folder and copied here would load under a name nothing asks for.
                guard model.descriptor.id == id else {
                    problems.append("\(folder): its manifest.json names the model \(model.descriptor.id), not \(id); set \"id\" to \(id) (`argmark train --out Models/\(id)` names it so)")
                    continue
                }
                // The pipeline picks a model by the paragraph's language: a Chinese model declaring English would
                // label English with Chinese weights and leave Chinese to the cue lexicon.
                let folderLanguage = id.split(separator: ".").dropFirst(2).first.map(String.init) ?? ""
                guard model.manifest.language == folderLanguage || !["zh", "en"].contains(folderLanguage) else {
                    problems.append("\(folder): its manifest.json says the model is for \"\(model.manifest.language)\", but the folder is the \(folderLanguage) model's; retrain it with `argmark train --lang \(folderLanguage) --out Models/\(id)`")
                    continue
                }
                labelers.append(model)
            } catch {
                problems.append("\(folder): \(error)")
            }
        }
        // A calibration fitted with another version of a model (retrained since) would give its confidences the old
        // model's meaning: it is left out, and the confidences are the combiner's share.
        if var specification = pipeline, specification.calibrations.contains(where: { !$0.models.isEmpty }) {
            var digests: [String: String?] = weightDigests
            func digest(_ id: String) -> String? {
                if let known = digests[id] { return known }
                let path = ((directory as NSString).appendingPathComponent(id) as NSString).appendingPathComponent("weights.bin")
                let value = FileManager.default.contents(atPath: path).map { FNV1a.wordDigest([UInt8]($0)) }
                digests[id] = value
                return value
            }
            // A model that did not load has its own warning, and the pipeline that needs it stops; a language's
            // calibrations (short texts and the rest) share one warning.
            let loaded = Set(labelers.map(\.descriptor.id))
            var reported = Set<String>()
            specification.calibrations.removeAll { calibration in
                guard let (id, _) = calibration.models.sorted(by: { $0.key < $1.key }).first(where: { digest($0.key) != $0.value }) else { return false }
                let languages = calibration.languages.map(\.rawValue).joined(separator: ", ")
                let problem = "\(pipelinePath): the calibration for \(languages) was fitted with another \(id) than the one in \(directory) (retrained since?); its confidences are the combiner's share until it is fitted again (tools/fit_calibration.py, which tools/train_models.sh runs)"
                if loaded.contains(id), reported.insert(problem).inserted { problems.append(problem) }
                return true
            }
            pipeline = specification
        }
    }

    static func isDirectory(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    /// A model is read with the cue lexicon it was trained with, from the models directory it sits in: one trained
    /// into a folder of its own (train --out tr/label.model.zh.mine.v1) finds none there.
    static func lexiconNotBeside(_ lexicon: String, modelFolder folder: String) -> ModelError {
        let directory = (folder as NSString).deletingLastPathComponent
        let shown = directory.isEmpty ? "." : directory
        let path = (shown as NSString).appendingPathComponent(lexicon)
        // One of the project's lexicons comes with Models/; a lexicon of the user's own, with whoever trained on it.
        let remedy = lexicons.contains(where: { $0.file == lexicon })
            ? "copy the project's Models/cues there, or move the model into Models/"
            : "put the lexicon it was trained with there (train --lexicon), or move the model beside it"
        return .dependency("not loaded: it is read with its cue lexicon \(lexicon), which is not in \(shown) (\(path)); \(remedy)")
    }

    /// The text of a file a person may edit (a lexicon, the character table), nil when there is none. One saved in
    /// another encoding (GB18030, UTF-16) is an error that says so, not a file silently left out.
    public static func text(at path: String) throws(ModelFileError) -> String? {
        guard let data = FileManager.default.contents(atPath: path) else {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
                throw ModelFileError("\(path): \(isDirectory.boolValue ? "is a directory, not a file" : "cannot be read (check its permissions)")")
            }
            return nil
        }
        guard let text = String(validating: data, as: UTF8.self) else {
            // Told as an input is told: a stray byte pasted into a UTF-8 file names its line (converting the whole
            // file, as for one saved in GB18030, would garble it).
            do {
                _ = try TextDecoder.decode([UInt8](data))
            } catch .strayBytes(let offset, let lines, let count) {
                throw ModelFileError("\(path): \(DocumentReadError.strayBytes(byteOffset: offset, lines: lines, count: count).description)")
            } catch {
                // Converted into another folder, as an input would be, the file loaded from here would stay broken.
                throw ModelFileError("\(path): \(error.description); then put the converted file in this one's place")
            }
            throw ModelFileError("\(path): is not UTF-8 text; save it as UTF-8")
        }
        // A lexicon emptied by mistake (a failed conversion redirected over it) would load as no cues and label
        // without them, the model's cue features silent too.
        if path.hasSuffix(".tsv"), !text.dataFileLines.contains(where: { line in
            let content = line.trimmingCharacters(in: .whitespaces)
            return !content.isEmpty && !content.hasPrefix("#") && content != "\u{FEFF}"
        }) {
            let shipped = "Models/" + path.split(separator: "/").suffix(2).joined(separator: "/")
            throw ModelFileError("\(path): holds no line but comments; restore it from the project's \(shipped) (git checkout -- \(shipped) in the project's folder) or give it its lines")
        }
        return text
    }

    /// The model in `folder` and the digest of its weights.bin (what a calibration's `models` name).
    static func loadModel(folder: String, lexicons: [String: CueLexicon]) throws -> (model: StatisticalLabeler, weightsDigest: String) {
        let manifestPath = (folder as NSString).appendingPathComponent("manifest.json")
        guard let data = FileManager.default.contents(atPath: manifestPath) else { throw ModelError.missing(manifestPath) }
        let manifest: ModelManifest
        do { manifest = try JSONDecoder().decode(ModelManifest.self, from: data) } catch let error as DecodingError {
            throw ModelError.corrupt("manifest.json \(ModelFileError(error, data: data).description)")
        }
        guard manifest.featureVersion == FeatureExtractor.version else {
            throw ModelError.corrupt("trained with feature set v\(manifest.featureVersion), this ArgMark computes v\(FeatureExtractor.version)")
        }
        let labels = try manifest.labels.map { name -> ArgumentLabel in
            guard let label = ArgumentLabel(rawValue: name) else { throw ModelError.corrupt("unknown label \(name) in the manifest") }
            return label
        }
        guard Set(labels).count == labels.count else { throw ModelError.corrupt("the manifest lists a label twice (\(manifest.labels.joined(separator: ", ")))") }
        // The model's cue features come from the lexicon: without it the model would score other features.
        let lexicon: CueLexicon
        let lexiconPath = ((folder as NSString).deletingLastPathComponent as NSString).appendingPathComponent(manifest.lexicon)
        if let loaded = lexicons[manifest.lexicon] {
            lexicon = loaded
        } else if Self.lexicons.contains(where: { $0.file == manifest.lexicon }) {
            throw FileManager.default.fileExists(atPath: lexiconPath)
                ? ModelError.dependency("not loaded, as its cue lexicon \(manifest.lexicon) did not load (see its problem above)")
                : Self.lexiconNotBeside(manifest.lexicon, modelFolder: folder)
        } else {
            // A lexicon of the user's own (train --lexicon cues/zh-mine.tsv), which no labeller loads.
            do {
                guard let text = try Self.text(at: lexiconPath) else { throw Self.lexiconNotBeside(manifest.lexicon, modelFolder: folder) }
                lexicon = try CueLexicon(tsv: text, wordBoundaries: manifest.language == LanguageTag.en.rawValue)
            } catch let error as ModelError {
                throw error
            } catch {
                throw ModelError.dependency("not loaded, as its cue lexicon \(lexiconPath) did not load: \(error)")
            }
        }
        let weightsPath = (folder as NSString).appendingPathComponent("weights.bin")
        guard let weights = FileManager.default.contents(atPath: weightsPath) else { throw ModelError.missing(weightsPath) }
        let model = try LinearModel(serialized: weights, labels: labels)
        let stage2Path = (folder as NSString).appendingPathComponent("weights.stage2.bin")
        let stage2Data = FileManager.default.contents(atPath: stage2Path)
        let stage2 = try stage2Data.map { try LinearModel(serialized: $0, labels: labels) }
        // What labels a sentence: the weights, the manifest (its transitions) and the lexicon its cue features read.
        // The weights are digested once (the calibration check takes the same digest), the rest with their digest,
        // each part on a line of its own.
        let weightsDigest = FNV1a.wordDigest([UInt8](weights))
        var parts = [UInt8](data) + Array(("\nweights.bin " + weightsDigest + "\n").utf8)
        if let stage2Data { parts += Array(("weights.stage2.bin " + FNV1a.wordDigest([UInt8](stage2Data)) + "\n").utf8) }
        if let lexiconBytes = FileManager.default.contents(atPath: lexiconPath) { parts += Array("\(manifest.lexicon)\n".utf8) + lexiconBytes }
        let fingerprint = FNV1a.wordDigest(parts)
        var chain: LabelChain?
        if let rows = manifest.transitions {
            guard let table = LabelChain(rows: rows), table.count == labels.count else {
                throw ModelError.corrupt("the manifest's transitions are not a \(labels.count) × \(labels.count) table of numbers")
            }
            chain = table
        }
        var labeler = StatisticalLabeler(manifest: manifest, model: model, stage2: stage2, chain: chain, lexicon: lexicon)
        labeler.descriptor.fingerprint = fingerprint
        return (labeler, weightsDigest)
    }

    static func loadLinker(folder: String) throws -> LearnedLinker {
        struct Manifest: Decodable {
            var id: String
            var featureVersion: Int
            var weightCount: Int?
        }
        let manifestPath = (folder as NSString).appendingPathComponent("manifest.json")
        guard let data = FileManager.default.contents(atPath: manifestPath) else { throw ModelError.missing(manifestPath) }
        let manifest = try JSONDecoder().decode(Manifest.self, from: data)
        guard manifest.featureVersion == AttachmentModel.featureVersion else {
            throw ModelError.corrupt("trained with attachment features v\(manifest.featureVersion), this ArgMark computes v\(AttachmentModel.featureVersion); retrain with tools/train_models.sh")
        }
        let weightsPath = (folder as NSString).appendingPathComponent("weights.tsv")
        guard let text = try? String(contentsOfFile: weightsPath, encoding: .utf8) else { throw ModelError.missing(weightsPath) }
        // A copy cut off mid-way still parses line by line, and would link with what is left: its last line is cut
        // (no line end), or it holds fewer weights than the manifest says.
        // (A line ends in \n, \r\n or, saved on classic Mac OS, \r.)
        guard text.isEmpty || text.utf8.last == 0x0A || text.utf8.last == 0x0D else { throw ModelError.dependency("weights.tsv ends in the middle of a line (cut off?); restore it, or retrain the linker (argmark train-linker, as tools/train_models.sh does)") }
        let model = try AttachmentModel(serialized: text)
        if let expected = manifest.weightCount, model.weights.count != expected {
            throw ModelError.dependency("weights.tsv holds \(model.weights.count) weights where manifest.json says \(expected) (cut off?); restore it, or retrain the linker (argmark train-linker, as tools/train_models.sh does)")
        }
        var linker = LearnedLinker(model: model, id: manifest.id)
        linker.descriptor.fingerprint = FNV1a.wordDigest([UInt8](data) + Array(text.utf8))
        return linker
    }

    /// Where Models/ is: `$ARGMARK_MODELS`, `./Models`, or beside the package the executable was built in.
    public static func locate(executable: String = CommandLine.arguments[0]) -> String? {
        if let explicit = ProcessInfo.processInfo.environment["ARGMARK_MODELS"], !explicit.isEmpty { return explicit }
        var candidates = ["Models"]
        var url = URL(fileURLWithPath: executable).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<4 {
            candidates.append(url.appendingPathComponent("Models").path)
            url = url.deletingLastPathComponent()
        }
        return candidates.first { FileManager.default.fileExists(atPath: ($0 as NSString).appendingPathComponent("cues")) }
    }
}

extension PluginRegistry {
    /// The built-in plugins plus the labellers and linkers of `library` (a trained linker first, so the default
    /// pipeline uses it), with its `pipeline.json` as the default pipeline.
    public func adding(_ library: ModelLibrary) -> PluginRegistry {
        var registry = self
        registry.unloadedLabellers = library.labellersUnloaded ? library : nil
        registry.labelers += library.labelers
        registry.linkers = library.linkers + registry.linkers
        if let pipeline = library.pipeline { registry.defaultLabelers = pipeline }
        registry.defaultPipelineProblem = library.pipelineProblem
        if let folding = library.characterFolding { registry.characterFolding = folding }
        return registry
    }
}

/// Why a file of a models directory (pipeline.json, a model's manifest.json) cannot be read, in the file's own terms
/// (where the decoder's message would name Swift types).
public struct ModelFileError: Error, Sendable, CustomStringConvertible {
    public var description: String

    public init(_ description: String) { self.description = description }

    /// `error` described, a syntax error placed at its line and column in `data` (JSONDecoder does not say where,
    /// and a hand-edited file needs to be told).
    init(_ error: DecodingError, data: Data) {
        self.init(error)
        if case .dataCorrupted(let context) = error, context.codingPath.isEmpty, let place = Self.syntaxErrorPlace(data) {
            description = "is not valid JSON (\(place))"
        }
    }

    /// "line L, column C" of the syntax error JSONSerialization reports as "around character N" (N counted in UTF-8
    /// bytes from 0), or nil when it names no place.
    static func syntaxErrorPlace(_ data: Data) -> String? {
        do { _ = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]); return nil } catch {
            let text = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? "\(error)"
            guard let range = text.range(of: #"character \d+"#, options: .regularExpression),
                  let offset = Int(text[range].dropFirst("character ".count)), offset <= data.count else { return nil }
            let before = data.prefix(offset)
            let line = before.count { $0 == UInt8(ascii: "\n") } + 1
            let lineStart = before.lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? before.startIndex
            let column = String(decoding: before[lineStart...], as: UTF8.self).count + 1
            return "line \(line), column \(column)"
        }
    }

    init(_ error: DecodingError) {
        func path(_ context: DecodingError.Context) -> String {
            let keys = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
            return keys.hasPrefix(".") ? String(keys.dropFirst()) : keys
        }
        switch error {
        case .keyNotFound(let key, let context):
            let at = path(context)
            description = (at.isEmpty ? "has no" : "\(at) has no") + " \"\(key.stringValue)\""
                + (key.stringValue == "labelers" ? ": a pipeline file is {\"labelers\":[{\"id\":…,\"weight\":…}]}" : "")
        case .typeMismatch(let type, let context), .valueNotFound(let type, let context):
            let expected = type == Double.self ? "a number" : type == String.self ? "text" : type is [Any].Type ? "a list" : "an object"
            description = "\(path(context).isEmpty ? "the file" : path(context)) is not \(expected)"
        case .dataCorrupted(let context):
            description = context.codingPath.isEmpty ? "is not valid JSON" : "\(path(context)): \(context.debugDescription)"
        @unknown default:
            description = "cannot be read"
        }
    }
}

/// Which labellers run, in order, with their combiner weights (`Models/pipeline.json` or `--pipeline FILE`), and the
/// confidence calibrations fitted for them (tools/fit_calibration.py).
public struct PipelineSpecification: Sendable, Hashable {
    public var labelers: [(id: String, weight: Double)]
    public var calibrations: [ConfidenceCalibration]

    public init(labelers: [(id: String, weight: Double)], calibrations: [ConfidenceCalibration] = []) {
        self.labelers = labelers
        self.calibrations = calibrations
    }

    /// Reads a pipeline file. A fault in its labeller list throws the decoding error; a fault in a calibration
    /// entry throws ``CalibrationError`` (``lenient(json:)`` keeps the other entries instead).
    public init(json: Data) throws {
        let (specification, problems) = try Self.lenient(json: json)
        if let first = problems.first { throw CalibrationError(first) }
        self = specification
    }

    /// The pipeline file with every calibration entry that can be used, and why the others cannot: the default
    /// pipeline runs on with the rest, since only confidences depend on them.
    public static func lenient(json: Data) throws -> (PipelineSpecification, calibrationProblems: [String]) {
        struct File: Decodable {
            struct Entry: Decodable {
                var id: String
                var weight: Double?
            }
            var labelers: [Entry]
        }
        let file: File
        do { file = try JSONDecoder().decode(File.self, from: json) } catch let error as DecodingError { throw ModelFileError(error, data: json) }
        // A misspelt key ("wieght") would be ignored and its value lost without a word: refused instead.
        if let object = try? JSONSerialization.jsonObject(with: json) as? [String: Any] {
            let fileKeys: Set = ["description", "labelers", "calibration"]
            if let unknown = object.keys.sorted().first(where: { !fileKeys.contains($0) }) {
                throw ModelFileError("has the key \"\(unknown)\", which a pipeline file does not have (\(fileKeys.sorted().joined(separator: ", ")))")
            }
            for (n, entry) in (object["labelers"] as? [[String: Any]] ?? []).enumerated() {
                if let unknown = entry.keys.sorted().first(where: { $0 != "id" && $0 != "weight" }) {
                    throw ModelFileError("labelers[\(n)] has the key \"\(unknown)\"; a labeller's entry has \"id\" and \"weight\"")
                }
            }
        }
        let labelers = file.labelers.map { ($0.id, $0.weight ?? 1) }
        var specification = PipelineSpecification(labelers: labelers)
        var problems: [String] = []
        guard let object = try? JSONSerialization.jsonObject(with: json) as? [String: Any], let raw = object["calibration"] else {
            return (specification, [])
        }
        guard let entries = raw as? [[String: Any]] else {
            return (specification, ["its calibration is not an array of {\"languages\":[…],\"maxSentences\":N (optional),\"labelers\":{id: weight},\"coefficients\":{name: number}}"])
        }
        let known: Set = ["languages", "maxSentences", "labelers", "coefficients", "fittedOn", "models"]
        for entry in entries {
            let names = entry["languages"] as? [String] ?? []
            let named = "the calibration for " + (names.isEmpty ? "(no language)" : names.joined(separator: ", "))
            do throws(CalibrationError) {
                // A key this version does not know might change which documents the entry covers: refused, not ignored.
                if let unknown = entry.keys.sorted().first(where: { !known.contains($0) }) {
                    throw CalibrationError("has the key \"\(unknown)\", which this version of ArgMark does not know (\(known.sorted().joined(separator: ", ")))")
                }
                guard let languageNames = entry["languages"] as? [String] else { throw CalibrationError("needs \"languages\": a list such as [\"en\"]") }
                var languages: [LanguageTag] = []
                for name in languageNames {
                    guard let tag = LanguageTag(rawValue: name) else {
                        throw CalibrationError("names the language \"\(name)\"; languages are \(LanguageTag.allCases.map(\.rawValue).joined(separator: ", "))")
                    }
                    languages.append(tag)
                }
                guard let weights = Self.numbers(entry["labelers"]) else { throw CalibrationError("needs \"labelers\": {id: weight}") }
                guard let coefficients = Self.numbers(entry["coefficients"]) else { throw CalibrationError("needs \"coefficients\": {name: number}") }
                var maxSentences: Int?
                if let value = entry["maxSentences"] {
                    guard let number = value as? NSNumber, String(cString: number.objCType) != "c", let n = Int(exactly: number.doubleValue) else {
                        throw CalibrationError("gives maxSentences \(value); it is a whole number of sentences")
                    }
                    maxSentences = n
                }
                var calibration = try ConfidenceCalibration(languages: languages, labelers: weights, coefficients: coefficients, maxSentences: maxSentences)
                if let models = entry["models"] {
                    guard let digests = models as? [String: String] else { throw CalibrationError("gives \"models\" as something other than {model id: weights fingerprint}") }
                    calibration.models = digests
                }
                specification.calibrations.append(calibration)
            } catch {
                problems.append("\(named) \(error.description)")
            }
        }
        return (specification, problems)
    }

    /// A JSON object of numbers (not booleans), or nil.
    private static func numbers(_ value: Any?) -> [String: Double]? {
        guard let object = value as? [String: Any] else { return nil }
        var out: [String: Double] = [:]
        for (key, value) in object {
            guard let number = value as? NSNumber, String(cString: number.objCType) != "c" else { return nil }
            out[key] = number.doubleValue
        }
        return out
    }

    /// Why each calibration would not be used by this pipeline, for a warning: its labellers or weights differ, or
    /// one listed before it covers the same sentences (the combiner takes the first that fits).
    public var unusedCalibrations: [String] {
        let weights = Dictionary(labelers.map { ($0.id, $0.weight) }, uniquingKeysWith: { first, _ in first })
        func name(_ c: ConfidenceCalibration) -> String {
            "the calibration for \(c.languages.map(\.rawValue).joined(separator: ", "))"
                + (c.maxSentences.map { " (documents of at most \($0) sentences)" } ?? "")
        }
        return calibrations.enumerated().compactMap { n, c in
            if c.holds(for: weights), let earlier = calibrations[..<n].first(where: { e in
                e.holds(for: weights) && Set(c.languages).isSubset(of: Set(e.languages))
                    && (e.maxSentences == nil || (c.maxSentences.map { $0 <= e.maxSentences! } ?? false))
            }) {
                return "\(name(c)) is never used: \(name(earlier)), listed before it, covers the same sentences; list the narrower one first"
            }
            guard !c.holds(for: weights) else { return nil }
            let listed = c.labelers.sorted { $0.key < $1.key }.map { "\($0.key):\($0.value)" }.joined(separator: ", ")
            return "\(name(c)) was fitted with \(listed), which this pipeline's labellers and weights are not; its confidences are the combiner's share"
        }
    }

    public static func == (a: Self, b: Self) -> Bool {
        a.labelers.map(\.id) == b.labelers.map(\.id) && a.labelers.map(\.weight) == b.labelers.map(\.weight)
            && a.calibrations == b.calibrations
    }

    public func hash(into hasher: inout Hasher) {
        for entry in labelers {
            hasher.combine(entry.id)
            hasher.combine(entry.weight)
        }
        hasher.combine(calibrations)
    }
}
