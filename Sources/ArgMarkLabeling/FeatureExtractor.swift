import ArgMarkCore

/// A sparse feature vector: hashed indices and values.
public struct FeatureVector: Sendable {
    public var indices: [Int32] = []
    public var values: [Float] = []

    mutating func add(_ index: Int32, _ value: Float = 1) {
        indices.append(index)
        values.append(value)
    }
}

/// FNV-1a over a feature's kind tag and content, folded into the model's dimension.
struct FeatureHash {
    private var state: UInt64 = 0xCBF2_9CE4_8422_2325

    init(_ tag: UInt8) { mix(UInt32(tag)) }

    @inline(__always)
    mutating func mix(_ value: UInt32) {
        var v = value
        for _ in 0..<4 {
            state ^= UInt64(v & 0xFF)
            state &*= 0x0000_0100_0000_01B3
            v >>= 8
        }
    }

    mutating func mix(_ text: String) {
        for scalar in text.unicodeScalars { mix(scalar.value) }
    }

    func index(_ dimensions: Int) -> Int32 { Int32(truncatingIfNeeded: state % UInt64(dimensions)) }

    /// The index of a feature named by its tag and a number.
    static func index(_ tag: UInt8, _ number: Int, dimensions: Int) -> Int32 {
        var h = FeatureHash(tag)
        h.mix(UInt32(truncatingIfNeeded: number))
        return h.index(dimensions)
    }

    /// The index of a feature named by its tag and a text.
    static func index(_ tag: UInt8, _ text: String, dimensions: Int) -> Int32 {
        var h = FeatureHash(tag)
        h.mix(text)
        return h.index(dimensions)
    }
}

/// Turns a sentence and its context into features for the statistical labeller.
///
/// Sentence: character 1–3-grams (Chinese) or word 1–2-grams (English) with digits folded, the first characters
/// or words after list markers, cue hits per label (weighted) and per cue, figures, percentages, years, quotes,
/// named documents 《》, note markers, question marks, length. Context: position in paragraph, section and document,
/// the cues and first characters of the neighbouring sentences, how far back in the paragraph an illustration was
/// opened (例如 … and the case goes on), words of the enclosing section headings (回顾 vs 任务 decides whether a bare
/// verb reports or prescribes), and whether the paragraph is a dash bullet. Version 3 added the paragraph's place in
/// its section, the next sentence's first characters and the running illustration; version 4 whether the sentence
/// shares names with that illustration (the same case goes on); version 5 the order of cue labels in the sentence
/// (a call someone reported reads evidence > prescription), how argued the section is (its share of sentences with
/// a cue of each label) and the short-text copy of every feature; version 6 a work-report copy of every feature in
/// Chinese work and plan reports; version 7 a rebuttal copy in Chinese point-by-point rebuttals (谬误 … 事实真相);
/// version 8 folds punctuation typesetting varies (`PunctuationFolding`: 因此, as 因此，, don’t as don't), version 9
/// also full-width Latin letters in Chinese (ＧＤＰ as gdp), version 10 the spaces some Chinese texts put between
/// Chinese and Latin letters or digits (AI 治理 as AI治理), version 11 where a sentence starts after any common list
/// marker or bullet (12. / (a) / （十一） / ① / •; `SentenceHead`), where it knew only one-character numbers; version
/// 12 scales down the n-grams of sentences longer than 60 characters (Chinese) or 30 words (English), so that a long
/// sentence's n-grams weigh what a sentence of that length's do (`lengthScale`).
public struct FeatureExtractor: Sendable {
    public static let version = 12
    public let dimensions: Int
    public let lexicon: CueLexicon
    public let language: LanguageTag

    /// The indices of the features that name a fixed thing (a label, a position, a bucket), hashed once here
    /// rather than once per sentence.
    private let fixed: FixedFeatures

    public init(dimensions: Int, lexicon: CueLexicon, language: LanguageTag) {
        self.dimensions = dimensions
        self.lexicon = lexicon
        self.language = language
        fixed = FixedFeatures(dimensions: dimensions)
    }

    /// Per-sentence facts computed once per document and shared with the neighbours' context features.
    struct SentenceFacts {
        var cueLabels: CueWeights
        var cueTexts: [String]
        /// Label pairs of consecutive cues in reading order ("evidence>prescription": a call someone reported).
        var cueOrder: [String]
        /// The text with digits folded to 0 and Latin letters to lower case.
        var folded: [UInt32]
        /// Where the text proper starts (after dashes, quotes, list numbers).
        var headStart: Int
    }

    /// Features of every sentence of `document` in this model's language (empty vectors for headings and for
    /// sentences in other languages). Short texts (comments, microtexts) argue differently from papers and reports:
    /// each of their features gets a second, short-text copy beside the shared one (feature augmentation), so that
    /// one model learns both what the genres share and where they differ. Chinese work and plan reports get a
    /// work-report copy the same way, and point-by-point rebuttals a rebuttal copy.
    public func features(for document: Document) -> [FeatureVector] {
        var vectors = [FeatureVector](repeating: FeatureVector(), count: document.units.count)
        forEachFeatureVector(of: document) { i, v in vectors[i] = v }
        return vectors
    }

    /// Calls `body` with the features of each sentence `features(for:)` gives features, in document order (unit
    /// index, vector), so that a labeller can score a vector and let it go: a long document's vectors held
    /// together take hundreds of megabytes, and building them all before scoring any cost a tenth of labelling.
    public func forEachFeatureVector(of document: Document, _ body: (Int, FeatureVector) -> Void) {
        forEachSharedFeatureVector(of: document, copy: genreCopy(for: document), body)
    }

    /// Documents with at most this many sentences are short texts (arg-microtexts run 3–8, most CDCP comments
    /// 2–10; papers, reports and long comments have dozens).
    public static let shortTextSentences = 15

    /// The genre-specific copies of the features (feature augmentation), each hashed apart by its own tag.
    enum CopyTag: UInt8 {
        case shortText = 60
        case workReport = 61
        case rebuttal = 62
    }

    /// The genre copy `document`'s features get, if any: a short text's, else a Chinese work report's or
    /// point-by-point rebuttal's.
    func genreCopy(for document: Document) -> CopyTag? {
        // Units are read in place through their indices here and below: iterating the array copies each unit,
        // retaining every string and array it holds.
        if document.units.indices.count(where: { document.units[$0].kind == .sentence }) <= Self.shortTextSentences { return .shortText }
        if Self.isWorkReport(document, language: language) { return .workReport }
        if Self.isPointByPointRebuttal(document, language: language) { return .rebuttal }
        return nil
    }

    /// Appends a genre's copy of every feature.
    func augment(_ v: inout FeatureVector, copy: CopyTag) {
        let count = v.indices.count
        v.indices.reserveCapacity(2 * count)
        v.values.reserveCapacity(2 * count)
        for k in 0..<count {
            var h = FeatureHash(copy.rawValue)
            h.mix(UInt32(bitPattern: v.indices[k]))
            v.add(h.index(dimensions), v.values[k])
        }
    }

    /// Whether `document` is a Chinese government work report, plan report, five-year plan outline (规划纲要) or
    /// directive (关于…的意见 / 通知 / 方案 / 决定): its title says so, or it addresses the congress (各位代表) in its
    /// first lines. Its bare verbs prescribe this year's tasks or report last year's
    /// work, where the same verbs in an article or a rebuttal report state claims and facts, so its sentences get
    /// a second, work-report copy of their features.
    public static func isWorkReport(_ document: Document, language: LanguageTag) -> Bool {
        guard language == .zh else { return false }
        let title = document.metadata.titles["zh"] ?? document.units.first(where: { $0.kind == .heading })?.text ?? ""
        if ["工作报告", "计划执行情况", "预算执行情况"].contains(where: title.contains) { return true }
        // A plan's outline by its title's form (…第十五个五年规划, …五年规划和二〇三五年远景目标纲要), not an article
        // about plans (中国五年规划的制度逻辑).
        if title.hasSuffix("五年规划") || title.hasSuffix("规划纲要") || (title.contains("五年规划") && title.hasSuffix("纲要")) { return true }
        // A State Council or ministry directive (关于…的意见 / 通知 / 方案 / 决定) sets its tasks in the same bare verbs, and
        // so does a local government's plan named by its form (…实施方案（2024—2026年）, …三年行动计划, …工作要点).
        if title.contains("关于"), ["意见", "通知", "方案", "决定"].contains(where: title.hasSuffix) { return true }
        // (Its issuer leads the title: a commentary on such plans, 理性看待各地竞相出台的三年行动计划, names none.)
        if Self.planForms.contains(where: Self.withoutYears(title).hasSuffix),
           Self.issuers.contains(where: String(title.prefix(12)).contains) { return true }
        return document.units.prefix(6).contains { $0.text.hasPrefix("各位代表") }
    }

    /// What names a plan's issuer or scope near its title's start.
    private static let issuers = ["省", "市", "县", "区", "州", "盟", "旗", "国务院", "部", "委", "局", "厅", "办公室", "全国", "全省", "全市", "全县"]

    /// The forms a plan's or directive's title ends in without 关于.
    private static let planForms = ["实施方案", "行动方案", "工作方案", "行动计划", "实施意见", "指导意见", "工作要点", "实施细则"]

    /// `title` without the years in brackets that close a plan's title (（2024—2026年）, (2024-2026年)).
    private static func withoutYears(_ title: String) -> String {
        guard let last = title.last, last == "）" || last == ")", let open = title.lastIndex(where: { $0 == "（" || $0 == "(" }),
              title[open...].contains("年") else { return title }
        return String(title[..<open])
    }

    /// Whether `document` is a Chinese point-by-point rebuttal (a foreign-ministry fact sheet): at least two of its
    /// lines open with the position it refutes (谬误 / 谎言 / 谬论 N：) or with the refutation (事实真相：). Such a
    /// document states its opponent's view, then refutes it with dated facts and cases, and has almost no
    /// context-setting background, so its sentences get a rebuttal copy of their features.
    public static func isPointByPointRebuttal(_ document: Document, language: LanguageTag) -> Bool {
        guard language == .zh else { return false }
        let refuted = document.units.indices.count { i in Self.refutedPositionMarkers.contains { document.units[i].text.hasPrefix($0) } }
        return refuted >= 2 || document.units.indices.count(where: { document.units[$0].text.hasPrefix("事实真相") }) >= 2
    }

    private static let refutedPositionMarkers = ["谬误", "谎言", "谬论"]

    /// The features every document's sentences have, whatever its length.
    func sharedFeatures(for document: Document) -> [FeatureVector] {
        var vectors = [FeatureVector](repeating: FeatureVector(), count: document.units.count)
        forEachSharedFeatureVector(of: document) { i, v in vectors[i] = v }
        return vectors
    }

    /// The shared features of each sentence of this model's language, in document order (unit index, vector), each
    /// followed by the genre copy `copy` of them, if any.
    func forEachSharedFeatureVector(of document: Document, copy: CopyTag? = nil, _ body: (Int, FeatureVector) -> Void) {
        // Only this model's sentences get features, and their context lies in their own sections: the English
        // model skips a Chinese report's body and the Chinese model an English abstract.
        var ownSections = Set<String>()
        for i in document.units.indices where document.units[i].kind == .sentence && accepts(document.units[i].language) {
            ownSections.insert(document.units[i].section)
        }
        let facts = document.units.indices.map { i -> SentenceFacts in
            guard document.units[i].kind == .sentence, ownSections.contains(document.units[i].section) else {
                return SentenceFacts(cueLabels: CueWeights(), cueTexts: [], cueOrder: [], folded: [], headStart: 0)
            }
            let text = document.units[i].text
            let matches = lexicon.matches(in: text)
            var labels = CueWeights()
            for m in matches { labels.add(m.cue.weight, to: m.cue.label!) }
            var folded: [UInt32] = []
            folded.reserveCapacity(text.utf8.count)
            for scalar in text.unicodeScalars { folded.append(fold(scalar)) }
            if language != .en { PunctuationFolding.dropSpacesInChinese(&folded) }
            var order: [String] = []
            for (a, b) in zip(matches, matches.dropFirst()) where a.cue.label != b.cue.label {
                order.append(a.cue.label!.rawValue + ">" + b.cue.label!.rawValue)
            }
            return SentenceFacts(
                cueLabels: labels, cueTexts: matches.map(\.cue.text), cueOrder: order, folded: folded, headStart: SentenceHead.start(of: folded))
        }
        var headingText: [String: String] = [:]
        for section in document.sections {
            if let h = section.heading, let unit = document.unit(h) { headingText[section.id] = unit.text }
        }
        var sectionParent: [String: String] = [:]
        for section in document.sections { sectionParent[section.id] = section.parent }
        // Heading features of a section and its ancestors (up to three levels), computed once per section.
        var headingVectors: [String: FeatureVector] = [:]
        for section in document.sections {
            var v = FeatureVector()
            var current: String? = section.id
            var depth = 0
            while let s = current, depth < 3 {
                if let heading = headingText[s] { headingFeatures(heading, into: &v) }
                current = sectionParent[s]
                depth += 1
            }
            headingVectors[section.id] = v
        }
        // How argued each section is: the share of its sentences with a cue of each label (an expository section
        // that defines and describes has few claim or prescription cues; a task section is full of them).
        var sectionCueCounts: [String: [ArgumentLabel: Int]] = [:]
        var sectionSentences: [String: Int] = [:]
        for i in document.units.indices where document.units[i].kind == .sentence {
            let section = document.units[i].section
            sectionSentences[section, default: 0] += 1
            for label in ArgumentLabel.allCases where facts[i].cueLabels[label] != nil {
                sectionCueCounts[section, default: [:]][label, default: 0] += 1
            }
        }
        for (section, total) in sectionSentences {
            for label in ArgumentLabel.allCases {
                let share = Double(sectionCueCounts[section]?[label] ?? 0) / Double(total)
                let bucket = share == 0 ? 0 : share < 0.1 ? 1 : share < 0.25 ? 2 : share < 0.5 ? 3 : 4
                headingVectors[section, default: FeatureVector()].add(hash(14, label.rawValue + String(bucket)))
            }
        }
        // Figure and table captions are left out of every position, so that a figure set between two paragraphs
        // changes no label: `readingIndex[i]` is unit i's place among the other units.
        let hasCaptions = document.units.indices.contains { document.units[$0].kind == .caption }
        var readingIndex: [Int] = []
        if hasCaptions {
            readingIndex.reserveCapacity(document.units.count)
            var n = 0
            for i in document.units.indices {
                readingIndex.append(n)
                if document.units[i].kind != .caption { n += 1 }
            }
        }
        let sentenceCount = max(1, hasCaptions ? document.units.indices.count { document.units[$0].kind != .caption } : document.units.count)
        // Each paragraph's place in its section: an opening paragraph states, a closing one concludes.
        var sectionParagraphs: [String: [Int]] = [:]
        for (n, paragraph) in document.paragraphs.enumerated() where document.units[paragraph.units.lowerBound].kind != .caption {
            sectionParagraphs[paragraph.section, default: []].append(n)
        }
        for (n, paragraph) in document.paragraphs.enumerated() {
            let range = paragraph.units
            let bullet = document.units[range.lowerBound].text.hasPrefix("——")
            let siblings = sectionParagraphs[paragraph.section] ?? [n]
            let place: FixedFeatures.Place = siblings.count == 1 ? .only : siblings.first == n ? .first : siblings.last == n ? .last : .mid
            // The latest sentence before this one in the paragraph with an illustration cue (kept as we go, so a
            // paragraph of any length costs linear time).
            var lastIllustration: Int?
            // Its CJK bigrams (names of people, places, agencies), computed once for all the sentences after it.
            var illustrationNames = Set<UInt64>()
            for i in range where document.units[i].kind == .sentence {
                defer {
                    if facts[i].cueLabels[.example] != nil {
                        lastIllustration = i
                        illustrationNames = Self.cjkBigrams(facts[i].folded)
                    }
                }
                // Sentences in another language are the other model's; the unit's fields are read in place below,
                // since copying a whole unit costs more than its features.
                guard accepts(document.units[i].language) else { continue }
                var v = FeatureVector()
                let headings = headingVectors[document.units[i].section]
                // Room for every feature, and for the genre copy's, so that the vector grows once.
                let expected = 3 * facts[i].folded.count + 2 * facts[i].cueTexts.count + 48 + (headings?.indices.count ?? 0)
                v.indices.reserveCapacity(copy == nil ? expected : 2 * expected)
                v.values.reserveCapacity(copy == nil ? expected : 2 * expected)
                v.add(fixed.bias)
                textFeatures(facts[i], into: &v)
                // Labels in guideline order, never a dictionary's: the order of a vector's features decides how
                // its dot product rounds, and a per-process hash order made training differ run to run.
                for (n, label) in ArgumentLabel.allCases.enumerated() {
                    if let weight = facts[i].cueLabels[label] { v.add(fixed.cueLabel[n], Float(min(weight, 4))) }
                }
                for cue in facts[i].cueTexts { v.add(hash(11, cue)) }
                for pair in facts[i].cueOrder { v.add(hash(12, pair)) }
                shapeFeatures(facts[i].folded, hasNoteRefs: !document.units[i].noteRefs.isEmpty, into: &v)
                // Context.
                let position: FixedFeatures.Place = range.count == 1 ? .only : i == range.lowerBound ? .first : i == range.upperBound - 1 ? .last : .mid
                v.add(fixed.position[position.rawValue])
                v.add(fixed.placeAndPosition[place.rawValue][position.rawValue])
                if bullet { v.add(fixed.bulletPosition[position.rawValue]) }
                v.add(fixed.tenth[10 * (hasCaptions ? readingIndex[i] : i) / sentenceCount])
                if i > range.lowerBound {
                    for (n, label) in ArgumentLabel.allCases.enumerated() where facts[i - 1].cueLabels[label] != nil { v.add(fixed.previousCue[n]) }
                    // An illustration opened earlier in the paragraph may still be running (the case goes on).
                    if let opened = lastIllustration {
                        v.add(fixed.illustrationDistance[min(3, i - opened)])
                        // The same case goes on when the sentence shares names with the illustration.
                        v.add(fixed.sharesNames[Self.cjkBigrams(facts[i].folded).intersection(illustrationNames).count >= 3 ? 1 : 0])
                    }
                    v.add(headHash(24, facts[i - 1], length: 2))
                } else {
                    v.add(fixed.paragraphStart)
                }
                if i + 1 < range.upperBound {
                    for (n, label) in ArgumentLabel.allCases.enumerated() where facts[i + 1].cueLabels[label] != nil { v.add(fixed.nextCue[n]) }
                    v.add(headHash(27, facts[i + 1], length: 2))
                } else {
                    v.add(fixed.paragraphEnd)
                }
                if let headings {
                    v.indices += headings.indices
                    v.values += headings.values
                }
                if let copy { augment(&v, copy: copy) }
                body(i, v)
            }
        }
    }

    /// The sentences a model of this language labels, in order, with their neighbours in the paragraph and their
    /// section: the frame for the second, stacked stage.
    public struct Frame: Sendable {
        /// Unit indices of the candidate sentences.
        public var units: [Int] = []
        /// Candidate index of the previous / next sentence in the same paragraph.
        public var previous: [Int?] = []
        public var next: [Int?] = []
        /// A group number per section.
        public var section: [Int] = []
    }

    /// Whether this extractor's model labels a sentence in `language`.
    public func accepts(_ language: LanguageTag) -> Bool { Self.accepts(language, model: self.language) }

    /// Whether a model of language `model` reads (and learns from) a sentence of `language`: a Chinese model also
    /// reads mixed sentences.
    public static func accepts(_ language: LanguageTag, model: LanguageTag) -> Bool {
        model == .zh ? (language == .zh || language == .mixed) : language == model
    }

    public func frame(for document: Document) -> Frame {
        var frame = Frame()
        var sectionNumber: [String: Int] = [:]
        for paragraph in document.paragraphs {
            var previous: Int?
            for i in paragraph.units where document.units[i].kind == .sentence && accepts(document.units[i].language) {
                let n = frame.units.count
                frame.units.append(i)
                frame.previous.append(previous)
                frame.next.append(nil)
                if let p = previous { frame.next[p] = n }
                let section = document.units[i].section
                if sectionNumber[section] == nil { sectionNumber[section] = sectionNumber.count }
                frame.section.append(sectionNumber[section]!)
                previous = n
            }
        }
        return frame
    }

    /// Label probabilities of the candidate sentences with features `base`: the marginals given the paragraph when
    /// the model is a linear chain, else each sentence's softmax; then the stacked second stage, if there is one.
    /// The shipped labeller and cross-validation both label through here, so they cannot drift apart.
    public func probabilities(
        _ base: [FeatureVector], frame: Frame, model: LinearModel, chain: LabelChain?, stage2: LinearModel?
    ) -> [[Double]] {
        var probabilities = Self.firstStage(scores: base.map(model.scores), frame: frame, chain: chain)
        if let stage2 { probabilities = stacked(base, frame: frame, probabilities: probabilities).map(stage2.probabilities) }
        return probabilities
    }

    /// The first stage's label probabilities from its label scores: the paragraph chain's marginals, or each
    /// sentence's softmax without a chain.
    public static func firstStage(scores: [[Double]], frame: Frame, chain: LabelChain?) -> [[Double]] {
        chain.map { $0.marginals(scores: scores, previous: frame.previous) } ?? scores.map(LinearModel.softmax)
    }

    /// Second-stage features: the first stage's label probabilities of the previous and next sentence and the
    /// mean over the section (a review section reports, a task section prescribes), added to the base features.
    public func stacked(_ base: [FeatureVector], frame: Frame, probabilities: [[Double]]) -> [FeatureVector] {
        let k = probabilities.first?.count ?? 0
        var sectionSum: [Int: [Double]] = [:]
        var sectionCount: [Int: Double] = [:]
        for (n, p) in probabilities.enumerated() {
            let s = frame.section[n]
            sectionSum[s, default: [Double](repeating: 0, count: k)] = zip(sectionSum[s] ?? [Double](repeating: 0, count: k), p).map(+)
            sectionCount[s, default: 0] += 1
        }
        return frame.units.indices.map { n in
            var v = base[n]
            for c in 0..<k {
                let tag = String(c)
                if let p = frame.previous[n] { v.add(hash(50, tag), Float(probabilities[p][c])) } else { v.add(hash(53, "start")) }
                if let q = frame.next[n] { v.add(hash(51, tag), Float(probabilities[q][c])) } else { v.add(hash(53, "end")) }
                let s = frame.section[n]
                v.add(hash(52, tag), Float(sectionSum[s]![c] / sectionCount[s]!))
                v.add(hash(54, tag), Float(probabilities[n][c]))
            }
            return v
        }
    }

    /// The CJK character bigrams of a folded text: shared ones are shared names of people, places, agencies.
    private static func cjkBigrams(_ s: [UInt32]) -> Set<UInt64> {
        var result = Set<UInt64>()
        guard s.count > 1 else { return result }
        for k in 0..<(s.count - 1) where s[k] >= 0x4E00 && s[k + 1] >= 0x4E00 { result.insert(UInt64(s[k]) << 32 | UInt64(s[k + 1])) }
        return result
    }

    private func hash(_ tag: UInt8, _ number: Int) -> Int32 { FeatureHash.index(tag, number, dimensions: dimensions) }

    private func hash(_ tag: UInt8, _ text: String) -> Int32 { FeatureHash.index(tag, text, dimensions: dimensions) }

    /// Digits fold to 0, Latin letters to lower case, punctuation and in Chinese full-width letters as
    /// `PunctuationFolding` says (因此, reads as 因此，, ＧＤＰ as gdp, don’t as don't).
    @inline(__always)
    private func fold(_ s: Unicode.Scalar) -> UInt32 {
        let v = language == .en ? PunctuationFolding.english(s.value) : PunctuationFolding.chinese(s.value)
        if v >= 0x30 && v <= 0x39 { return 0x30 }
        if v >= 0xFF10 && v <= 0xFF19 { return 0x30 }
        if v >= 0x41 && v <= 0x5A { return v + 0x20 }
        return v
    }

    private func textFeatures(_ facts: SentenceFacts, into v: inout FeatureVector) {
        let s = facts.folded
        if language == .en {
            var words: [[UInt32]] = []
            var current: [UInt32] = []
            for c in s {
                if (c >= 0x61 && c <= 0x7A) || c == 0x30 || c == 0x27 || c == 0x2D {
                    current.append(c)
                } else {
                    if !current.isEmpty { words.append(current) }
                    current = []
                    if c == 0x3F || c == 0x25 || c == 0x24 { words.append([c]) }  // ? % $
                }
            }
            if !current.isEmpty { words.append(current) }
            let scale = Self.lengthScale(words.count, typical: Self.typicalEnglishWords)
            for (k, w) in words.enumerated() {
                var h = FeatureHash(1)
                for c in w { h.mix(c) }
                v.add(h.index(dimensions), scale)
                if k > 0 {
                    var b = FeatureHash(2)
                    for c in words[k - 1] { b.mix(c) }
                    b.mix(0x20)
                    for c in w { b.mix(c) }
                    v.add(b.index(dimensions), scale)
                }
                if k < 2 {
                    var f = FeatureHash(3)
                    f.mix(UInt32(k))
                    for c in w { f.mix(c) }
                    v.add(f.index(dimensions))
                }
            }
        } else {
            let scale = Self.lengthScale(s.count, typical: Self.typicalChineseCharacters)
            for i in s.indices {
                var h1 = FeatureHash(1)
                h1.mix(s[i])
                v.add(h1.index(dimensions), 0.5 * scale)
                if i + 1 < s.count {
                    var h2 = FeatureHash(2)
                    h2.mix(s[i])
                    h2.mix(s[i + 1])
                    v.add(h2.index(dimensions), scale)
                    if i + 2 < s.count {
                        var h3 = FeatureHash(4)
                        h3.mix(s[i])
                        h3.mix(s[i + 1])
                        h3.mix(s[i + 2])
                        v.add(h3.index(dimensions), scale)
                    }
                }
            }
            for length in 1...3 { v.add(headHash(3, facts, length: length)) }
        }
    }

    /// Sentences up to this long keep their n-grams at full value; a longer one's are scaled down so that their
    /// sum of squares stays about that of a sentence this long: a long sentence's many n-grams outvoted its cues and
    /// structure (a call that goes on to list what it calls for read as a claim, its 应该 notwithstanding).
    public static let typicalChineseCharacters = 60
    public static let typicalEnglishWords = 30

    static func lengthScale(_ count: Int, typical: Int) -> Float {
        count <= typical ? 1 : Float((Double(typical) / Double(count)).squareRoot())
    }

    /// A feature for the first `length` characters (Chinese) or words (English) of the text proper.
    private func headHash(_ tag: UInt8, _ facts: SentenceFacts, length: Int) -> Int32 {
        var h = FeatureHash(tag)
        h.mix(UInt32(length))
        let s = facts.folded
        var i = facts.headStart
        if language == .en {
            var words = 0
            while i < s.count {
                if s[i] == 0x20 {
                    words += 1
                    if words == length { break }
                }
                h.mix(s[i])
                i += 1
            }
        } else {
            for k in i..<min(s.count, i + length) { h.mix(s[k]) }
        }
        return h.index(dimensions)
    }

    private func shapeFeatures(_ folded: [UInt32], hasNoteRefs: Bool, into v: inout FeatureVector) {
        var digits = 0
        var hasPercent = false
        var year = false
        var quote = false
        var bookTitle = false
        var question = false
        var colon = false
        var commas = 0
        let s = folded
        let zero: UInt32 = 0x30
        let address = PunctuationFolding.webAddressMask(s)
        for (i, c) in s.enumerated() {
            if let address, address[i] { continue }
            switch Unicode.Scalar(c)! {
            case "0":
                digits += 1
                if i + 4 < s.count, s[i + 4] == 0x5E74, i == 0 || s[i - 1] != zero { year = true }  // 年
            case "%", "％": hasPercent = true
            case "“", "「", "\"": quote = true
            case "《": bookTitle = true
            case "？", "?": question = true
            case "：", ":": colon = true
            case "，", ",", "、", "；": commas += 1
            default: break
            }
        }
        if digits > 0 { v.add(fixed.digits[digits > 6 ? 2 : 1]) }
        if hasPercent { v.add(fixed.percent) }
        if year { v.add(fixed.year) }
        if quote { v.add(fixed.quote) }
        if bookTitle { v.add(fixed.bookTitle) }
        if question { v.add((s.last == 0xFF1F || s.last == 0x3F) && address?.last != true ? fixed.finalQuestion : fixed.innerQuestion) }
        if colon { v.add(fixed.colon) }
        if hasNoteRefs || s.contains(0x5B) { v.add(fixed.note) }
        let length = language == .en ? (s.count { $0 == 0x20 } + 1) * 3 : s.count
        v.add(fixed.length[min(8, Int(Double(length).squareRoot() / 2))])
        v.add(fixed.commas[min(6, commas)])
    }

    private func headingFeatures(_ heading: String, into v: inout FeatureVector) {
        var s = Array(heading.unicodeScalars.map(fold))
        if language != .en { PunctuationFolding.dropSpacesInChinese(&s) }
        if language == .en {
            for word in heading.lowercased().split(whereSeparator: { !$0.isLetter }) where word.count > 2 {
                v.add(hash(40, String(word)))
            }
        } else {
            for i in s.indices.dropLast() {
                var h = FeatureHash(41)
                h.mix(s[i])
                h.mix(s[i + 1])
                v.add(h.index(dimensions))
            }
        }
    }
}

/// Each label's summed cue weight in a sentence, and which labels had a cue at all (a cue may weigh 0): five
/// numbers in place of a dictionary, read several times per sentence.
struct CueWeights {
    private var weights: (Double, Double, Double, Double, Double) = (0, 0, 0, 0, 0)
    private var present: UInt8 = 0

    subscript(label: ArgumentLabel) -> Double? {
        let n = label.ordinal
        guard present & (1 << n) != 0 else { return nil }
        switch n {
        case 0: return weights.0
        case 1: return weights.1
        case 2: return weights.2
        case 3: return weights.3
        default: return weights.4
        }
    }

    mutating func add(_ weight: Double, to label: ArgumentLabel) {
        let n = label.ordinal
        present |= 1 << n
        switch n {
        case 0: weights.0 += weight
        case 1: weights.1 += weight
        case 2: weights.2 += weight
        case 3: weights.3 += weight
        default: weights.4 += weight
        }
    }
}

extension ArgumentLabel {
    /// The label's place in `allCases` (the guideline's order).
    fileprivate var ordinal: Int {
        switch self {
        case .claim: 0
        case .evidence: 1
        case .example: 2
        case .prescription: 3
        case .background: 4
        }
    }
}

/// The hashed indices of the features that name a fixed thing, computed once per extractor: the same indices
/// `FeatureHash` gives their tag and text or number, which trained models were hashed with.
struct FixedFeatures: Sendable {
    /// A sentence's or paragraph's place: alone, first, last or between.
    enum Place: Int, CaseIterable {
        case only, first, last, mid
        /// The name its features were hashed with.
        var name: String { ["only", "first", "last", "mid"][rawValue] }
    }

    let bias: Int32
    /// Per label in `allCases` order: the sentence's own cues, the previous and the next sentence's.
    let cueLabel: [Int32], previousCue: [Int32], nextCue: [Int32]
    let paragraphStart: Int32, paragraphEnd: Int32
    /// By `Place.rawValue`: the sentence's place in its paragraph, the paragraph's and the sentence's together
    /// (`placeAndPosition[paragraph][sentence]`), and the sentence's in a dash bullet.
    let position: [Int32], placeAndPosition: [[Int32]], bulletPosition: [Int32]
    /// Numbers: tenths of the document, sentences since an illustration (1–3), shared names (0, 1), digit-count
    /// class (1, 2), length bucket (0–8), comma count (0–6).
    let tenth: [Int32], illustrationDistance: [Int32], sharesNames: [Int32], digits: [Int32], length: [Int32], commas: [Int32]
    let percent: Int32, year: Int32, quote: Int32, bookTitle: Int32, finalQuestion: Int32, innerQuestion: Int32, colon: Int32,
        note: Int32

    init(dimensions: Int) {
        func text(_ tag: UInt8, _ text: String) -> Int32 { FeatureHash.index(tag, text, dimensions: dimensions) }
        func numbers(_ tag: UInt8, _ range: ClosedRange<Int>) -> [Int32] {
            (0...range.upperBound).map { FeatureHash.index(tag, $0, dimensions: dimensions) }
        }
        let labels = ArgumentLabel.allCases.map(\.rawValue)
        let places = Place.allCases.map(\.name)
        bias = text(0, "bias")
        cueLabel = labels.map { text(10, $0) }
        previousCue = labels.map { text(23, $0) }
        nextCue = labels.map { text(25, $0) }
        paragraphStart = text(23, "start")
        paragraphEnd = text(25, "end")
        position = places.map { text(20, $0) }
        placeAndPosition = places.map { paragraph in places.map { text(28, paragraph + $0) } }
        bulletPosition = places.map { text(21, $0) }
        tenth = numbers(22, 0...10)
        illustrationDistance = numbers(26, 0...3)
        sharesNames = numbers(29, 0...1)
        digits = numbers(30, 0...2)
        length = numbers(38, 0...8)
        commas = numbers(39, 0...6)
        percent = text(31, "%")
        year = text(32, "year")
        quote = text(33, "quote")
        bookTitle = text(34, "book")
        finalQuestion = text(35, "final")
        innerQuestion = text(35, "inner")
        colon = text(36, "colon")
        note = text(37, "note")
    }
}
