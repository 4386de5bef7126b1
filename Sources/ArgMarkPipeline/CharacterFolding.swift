import ArgMarkCore

/// Traditional Chinese characters folded to their simplified forms before the analysis stages run, so that the cue
/// lexicons and the models, written and trained on simplified text, read a Traditional text (Taiwanese or Hong Kong
/// scholarship, 應當 for 应当) as they read its simplified form. Only a document that reads as Traditional is folded,
/// or a paragraph that does in a simplified one, so that a simplified text quoting a Traditional name keeps its
/// labels; the labels, links and scores are then set on the text as written (`Pipeline.run`). One character stands
/// for one, so every offset stays where it was.
public struct CharacterFolding: Sendable, Hashable {
    /// Traditional character → simplified character.
    public let table: [Unicode.Scalar: Unicode.Scalar]

    /// The share of a document's Han characters that must be table keys for it to read as Traditional: a simplified
    /// text that quotes 臺灣 or 《後漢書》 stays far below it, a Traditional one has a fifth or more.
    public static let traditionalShare = 0.05

    /// One bit per Basic Multilingual Plane scalar: set for the table's keys there. Counting a document's
    /// Traditional forms asks about every Han character of every text, and a bit is far cheaper than a hash lookup.
    private let basicPlaneKeys: [UInt64]

    public init(table: [Unicode.Scalar: Unicode.Scalar]) {
        self.table = table
        var bits = [UInt64](repeating: 0, count: 0x1_0000 / 64)
        for key in table.keys where key.value < 0x1_0000 { bits[Int(key.value) >> 6] |= 1 << UInt64(key.value & 63) }
        basicPlaneKeys = bits
    }

    /// Whether the table folds `scalar`.
    @inline(__always) private func folds(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        return v < 0x1_0000 ? basicPlaneKeys[Int(v) >> 6] & (1 << UInt64(v & 63)) != 0 : table[scalar] != nil
    }

    /// Reads `traditional<TAB>simplified` lines (one character each; `#` comments and blank lines skipped).
    public init(tsv: String) throws(FoldingTableError) {
        var table: [Unicode.Scalar: Unicode.Scalar] = [:]
        for (index, line) in tsv.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let text = line.hasSuffix("\r") ? line.dropLast() : line
            if text.isEmpty || text.hasPrefix("#") { continue }
            let fields = text.split(separator: "\t", omittingEmptySubsequences: false)
            guard fields.count == 2, let from = Self.single(fields[0]), let to = Self.single(fields[1]) else {
                throw FoldingTableError(line: index + 1, message: "expected a Traditional character, a tab and its simplified form, got \(text.prefix(40))")
            }
            guard table[from] == nil else {
                throw FoldingTableError(line: index + 1, message: "\(from) is folded twice; keep one line for it")
            }
            table[from] = to
        }
        self.init(table: table)
    }

    private static func single(_ field: Substring) -> Unicode.Scalar? {
        let scalars = field.unicodeScalars
        return scalars.count == 1 ? scalars.first : nil
    }

    /// How many Han characters `readsAsTraditional` looks at: a text keeps to one script, and a long one need not
    /// be read through before labelling starts.
    public static let sampledCharacters = 20_000

    /// Whether at least `traditionalShare` of the Han characters in the document's sentences and headings (the first
    /// `sampledCharacters` of them) are Traditional forms the table folds.
    public func readsAsTraditional(_ document: Document) -> Bool {
        var han = 0
        var traditional = 0
        units: for unit in document.units {
            for scalar in unit.text.unicodeScalars where scalar.isHanIdeograph {
                han += 1
                if folds(scalar) { traditional += 1 }
                if han >= Self.sampledCharacters { break units }
            }
        }
        return traditional >= 10 && Double(traditional) >= Self.traditionalShare * Double(han)
    }

    /// The units to fold: all of a document that reads as Traditional; else those of each paragraph that does (a
    /// Traditional quotation or abstract in a simplified text), by the same share, with at least
    /// `paragraphCharacters` Traditional forms, so that a simplified paragraph quoting 臺灣 keeps its text.
    public func unitsToFold(_ document: Document) -> [Int] {
        if readsAsTraditional(document) { return Array(document.units.indices) }
        var units: [Int] = []
        for paragraph in document.paragraphs {
            var han = 0
            var traditional = 0
            for i in paragraph.units {
                for scalar in document.units[i].text.unicodeScalars where scalar.isHanIdeograph {
                    han += 1
                    if folds(scalar) { traditional += 1 }
                }
            }
            if traditional >= Self.paragraphCharacters && Double(traditional) >= Self.traditionalShare * Double(han) {
                units += paragraph.units
            }
        }
        return units
    }

    /// The fewest Traditional forms that make a paragraph of a simplified document read as Traditional.
    public static let paragraphCharacters = 3

    /// `text` with every Traditional character of the table in its simplified form.
    public func folded(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        var changed = false
        for scalar in text.unicodeScalars {
            if let simplified = table[scalar] {
                scalars.append(simplified)
                changed = true
            } else {
                scalars.append(scalar)
            }
        }
        return changed ? String(scalars) : text
    }

    /// The document with its units' texts folded.
    public func folded(_ document: consuming Document) -> Document {
        for i in document.units.indices { document.units[i].text = folded(document.units[i].text) }
        return document
    }
}

/// A line of the folding table that could not be read.
public struct FoldingTableError: Error, Sendable, CustomStringConvertible {
    public let line: Int
    public let message: String

    public var description: String { "line \(line): \(message)" }
}
