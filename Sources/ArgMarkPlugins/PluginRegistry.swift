import ArgMarkCore
import ArgMarkOffice
import ArgMarkFormats
import ArgMarkHTML
import ArgMarkLabeling
import ArgMarkLinking
import ArgMarkPipeline
import ArgMarkTEI
import ArgMarkText

/// The one list of every plugin ArgMark ships. Adding a plugin is one new file plus one line here;
/// `RegistryTests` pins the ids so a forgotten line fails a test.
public struct PluginRegistry: Sendable {
    /// The weights a labeller may have in a pipeline: above this the combiner's sums overflow (two labellers at
    /// 1e308 each labelled nothing as two at 1 do), and below it the four decimals a document's provenance records
    /// would write 0, a weight no pipeline takes.
    public static let labelerWeights: ClosedRange<Double> = 0.0001...10_000
    public static let labelerWeightRule = "a labeller's weight is a number from 0.0001 to 10000 (1 counts its scores as they are)"

    public var readers: [any DocumentReader]
    public var writers: [any DocumentWriter]
    public var labelers: [any Labeler]
    public var linkers: [any Linker]
    public var scorers: [any Scorer]
    /// The labellers of the default pipeline and their weights; nil picks them as ``defaultPipeline()`` says.
    public var defaultLabelers: PipelineSpecification?
    /// Why Models/pipeline.json could not be read as the default pipeline, if it was present and could not.
    public var defaultPipelineProblem: String?
    /// Traditional → simplified characters for every pipeline (`Models/fold/zh-hant.tsv`), if loaded.
    public var characterFolding: CharacterFolding?
    /// The models library whose labellers are not loaded yet (``ModelLibrary/init(directory:labellers:)``), if any:
    /// ``labelers`` and the default pipeline's labellers are then still to come.
    public var unloadedLabellers: ModelLibrary?

    /// Everything built in.
    public static let standard = PluginRegistry(
        readers: [
            PlainTextReader(),
            ArticleReader(),
            SentenceLinesReader(),
            SentenceTableReader(),
            CommentTableReader(),
            JSONLinesReader(),
            TEIReader(),
            HTMLReader(),
            DOCXReader(),
            ODTReader(),
        ],
        writers: [
            JSONLinesWriter(),
            TEIWriter(),
            LabelTableWriter(),
            AIFWriter(),
            SentenceCSVWriter(),
        ],
        labelers: [],
        linkers: [
            TreeLinker()
        ],
        scorers: [
            SupportScorer()
        ]
    )

    public init(
        readers: [any DocumentReader], writers: [any DocumentWriter], labelers: [any Labeler], linkers: [any Linker],
        scorers: [any Scorer]
    ) {
        self.readers = readers
        self.writers = writers
        self.labelers = labelers
        self.linkers = linkers
        self.scorers = scorers
        defaultLabelers = nil
    }

    /// Every plugin, readers first, in registry order.
    public var all: [any Plugin] {
        var list: [any Plugin] = readers
        list += writers as [any Plugin]
        list += labelers as [any Plugin]
        list += linkers as [any Plugin]
        list += scorers as [any Plugin]
        return list
    }

    public var inputFormats: [String] { ["auto"] + readers.map(\.formatName) }
    public var outputFormats: [String] { writers.map(\.formatName) }

    /// The reader for `format`; for `auto`, the one whose extension matches the path, else the one whose content
    /// sniff scores highest (plain text as the fallback).
    public func reader(format: String, path: String?, bytes: [UInt8]) throws(DocumentReadError) -> any DocumentReader {
        if format != "auto" {
            guard let reader = readers.first(where: { $0.formatName == format }) else {
                throw .unknownFormat(format, available: inputFormats)
            }
            return reader
        }
        if let refusal = Self.otherFormat(bytes) { throw .unsupported(refusal) }
        let name = (path?.split(separator: "/").last).map { $0.lowercased() } ?? ""
        let prefix = TextDecoder.prefix(of: bytes)
        var best: (reader: any DocumentReader, score: Int)?
        for reader in readers {
            let extensionMatch = reader.fileExtensions.contains { name.hasSuffix("." + $0) }
            var score = reader.sniff(prefix)
            if extensionMatch { score += reader.formatName == "text" ? 2 : 100 }
            if best == nil || score > best!.score { best = (reader, score) }
        }
        return best!.reader
    }

    /// What `bytes` are when they are one of ArgMark's exports for other tools, which no reader takes back: "ArgMark's
    /// CSV export (a row per sentence, for spreadsheets)", "an AIF argument graph (argmark export --to aif)", "a
    /// Graphviz graph (argmark export --to dot)", "an SVG drawing of the tree"; nil otherwise.
    public static func exportForOtherTools(_ bytes: [UInt8]) -> String? {
        let head = String(decoding: bytes.prefix(4096), as: UTF8.self).drop { $0 == "\u{FEFF}" || $0.isWhitespace }
        if head.hasPrefix("document,id,section,") { return "ArgMark's CSV export (a row per sentence, for spreadsheets)" }
        if head.hasPrefix("{\"nodes\":") && head.contains("\"nodeID\"") { return "an AIF argument graph (argmark export --to aif)" }
        if head.hasPrefix("digraph ") { return "a Graphviz graph (argmark export --to dot)" }
        if head.hasPrefix("<svg") || (head.hasPrefix("<?xml") && head.contains("<svg") && !head.contains("<TEI")) {
            return "an SVG drawing of the tree (argmark export --to svg)"
        }
        return nil
    }

    /// What to do with a file of a format no reader takes, known by its first bytes: without this, a PDF, an old
    /// Word file, an image or a compressed file would be called text that is not UTF-8.
    static func otherFormat(_ bytes: [UInt8]) -> String? {
        func starts(_ magic: [UInt8]) -> Bool { bytes.count >= magic.count && Array(bytes.prefix(magic.count)) == magic }
        if starts(Array("%PDF-".utf8)) {
            return "a PDF: extract its text with pdftotext -enc UTF-8 FILE.pdf (poppler-utils) and annotate the .txt, whose pages, running heads and foot notes ArgMark reads as such"
        }
        if starts([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
            return "a Word 97–2003 (.doc) or other OLE file: save it as .docx (soffice --headless --convert-to docx FILE.doc), which ArgMark reads"
        }
        // Images (a scanned page) and compressed files, which would otherwise be called text in another encoding.
        let images: [(magic: [UInt8], name: String)] = [
            ([0x89, 0x50, 0x4E, 0x47], "a PNG image"), ([0xFF, 0xD8, 0xFF], "a JPEG image"),
            (Array("GIF87a".utf8), "a GIF image"), (Array("GIF89a".utf8), "a GIF image"),
            ([0x49, 0x49, 0x2A, 0x00], "a TIFF image"), ([0x4D, 0x4D, 0x00, 0x2A], "a TIFF image"),
        ]
        if let image = images.first(where: { starts($0.magic) }) {
            return "\(image.name): ArgMark reads text; run OCR on a scanned page first (tesseract FILE out -l chi_sim+eng) and annotate the .txt"
        }
        if starts(Array("RIFF".utf8)), bytes.count >= 12, Array(bytes[8..<12]) == Array("WEBP".utf8) {
            return "a WebP image: ArgMark reads text; run OCR on a scanned page first (tesseract FILE out -l chi_sim+eng) and annotate the .txt"
        }
        let archives: [(magic: [UInt8], name: String)] = [
            ([0x1F, 0x8B], "gzip"), ([0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00], "xz"),
            ([0x37, 0x7A, 0xBC, 0xAF, 0x27, 0x1C], "7-Zip"), ([0x28, 0xB5, 0x2F, 0xFD], "zstd"),
        ]
        // bzip2: "BZh", the block size and the block magic (a text may well start with "BZh").
        let bzip2 = bytes.count >= 10 && starts(Array("BZh".utf8)) && (0x31...0x39).contains(bytes[3])
            && Array(bytes[4..<10]) == [0x31, 0x41, 0x59, 0x26, 0x53, 0x59]
        if let name = bzip2 ? "bzip2" : archives.first(where: { starts($0.magic) })?.name {
            return "a \(name)-compressed file: unpack it first and annotate what it holds"
        }
        if starts(Array("{\\rtf".utf8)) {
            return "an RTF file: save it as .docx or .odt (soffice --headless --convert-to docx FILE.rtf), which ArgMark reads"
        }
        // ArgMark's own exports for other tools, which would otherwise be read as prose (a CSV header labelled a
        // prescription) with every label a person set lost.
        if let export = exportForOtherTools(bytes) {
            return "\(export), which is not read back: annotate the JSONL or TEI it was exported from"
        }
        if starts([0x50, 0x4B, 0x03, 0x04]) {
            // The member names stand in the central directory at the archive's end, whatever order the members
            // come in (a thumbnail first pushes word/document.xml far past the start): its last 256 KB and the first
            // 4 KB are searched.
            func holds(_ name: String) -> Bool {
                ByteSearch.firstIndex(bytes, Array(name.utf8), from: max(0, bytes.count - 262_144)) != nil
                    || ByteSearch.firstIndex(bytes, Array(name.utf8), to: 4096) != nil
            }
            if !holds("word/document") && !holds("word\\document") && !holds("opendocument.text") && !holds("content.xml") {
                return "a ZIP archive that is no .docx or .odt (a spreadsheet, slides, an e-book?): ArgMark reads Word and OpenDocument texts; unpack it or save the text as .docx"
            }
        }
        return nil
    }

    public func writer(format: String) -> (any DocumentWriter)? {
        writers.first { $0.formatName == format }
    }

    /// The labeller with `id`.
    public func labeler(id: String) -> (any Labeler)? {
        labelers.first { $0.descriptor.id == id }
    }

    /// The default pipeline: the labellers of `defaultLabelers` that are present (Models/pipeline.json), else the
    /// trained models where they exist and the cue lexicons for the other languages; then the first linker and
    /// scorer.
    public func defaultPipeline() -> Pipeline {
        if let specification = defaultLabelers,
            let pipeline = try? pipeline(PipelineSpecification(
                labelers: specification.labelers.filter { labeler(id: $0.id) != nil }, calibrations: specification.calibrations))
        {
            return pipeline
        }
        let trained = labelers.filter { $0.descriptor.id.hasPrefix("label.model.") }
        var chosen = trained
        let covered = Set(trained.flatMap(\.descriptor.languages))
        for candidate in labelers where candidate.descriptor.id.hasPrefix("label.cue.") {
            if !candidate.descriptor.languages.contains(where: covered.contains) { chosen.append(candidate) }
        }
        return Pipeline(labelers: chosen, linker: linkers.first, scorer: scorers.first, characterFolding: characterFolding)
    }

    /// The labellers `Models/pipeline.json` names that no plugin provides: the default pipeline runs without them.
    /// (None while the labellers are still to load.)
    public var absentDefaultLabelers: [String] {
        guard unloadedLabellers == nil else { return [] }
        return (defaultLabelers?.labelers ?? []).map(\.id).filter { labeler(id: $0) == nil }
    }

    /// A pipeline from a specification; unknown ids are an error listing the known ones.
    public func pipeline(_ specification: PipelineSpecification) throws(PluginError) -> Pipeline {
        var chosen: [any Labeler] = []
        var weights: [String: Double] = [:]
        guard !specification.labelers.isEmpty else {
            throw PluginError(pluginID: "pipeline", message: "names no labeller; list at least one (argmark plugins lists them), or give --labelers none for no labels")
        }
        for entry in specification.labelers {
            // Named twice, its weights would add up unannounced (and no calibration fitted for one weight would hold).
            guard weights[entry.id] == nil else {
                throw PluginError(pluginID: entry.id, message: "named twice in the pipeline; name it once, with the weight it should have")
            }
            guard let found = labeler(id: entry.id) else {
                throw PluginError(pluginID: entry.id, message: labelers.isEmpty
                    ? "no such labeller: the models directory loaded none (see the warnings above)"
                    : "no such labeller; available: \(labelers.map(\.descriptor.id).joined(separator: ", "))")
            }
            guard Self.labelerWeights.contains(entry.weight) else {
                throw PluginError(pluginID: entry.id, message: "weight \(entry.weight): \(Self.labelerWeightRule)")
            }
            chosen.append(found)
            weights[entry.id] = entry.weight
        }
        return Pipeline(
            labelers: chosen, combiner: LabelCombiner(weights: weights, calibrations: specification.calibrations),
            linker: linkers.first, scorer: scorers.first, characterFolding: characterFolding)
    }
}
