/// Converts ArgMark's Unicode-scalar offsets into UTF-16 code-unit offsets (as counted by INCEpTION,
/// WebAnno, JavaScript and Java), for one document text.
public struct TextOffsetConverter: Sendable {
    /// UTF-16 offset at every astral scalar boundary; the conversion is O(log n) per offset.
    private let astralScalarOffsets: [Int]

    public init(text: String) {
        var astral: [Int] = []
        for (index, scalar) in text.unicodeScalars.enumerated() where scalar.value > 0xFFFF {
            astral.append(index)
        }
        astralScalarOffsets = astral
    }

    /// The UTF-16 offset of the scalar offset `scalarOffset`: each astral scalar before it counts twice.
    public func utf16Offset(ofScalarOffset scalarOffset: Int) -> Int {
        var low = 0
        var high = astralScalarOffsets.count
        while low < high {
            let mid = (low + high) / 2
            if astralScalarOffsets[mid] < scalarOffset { low = mid + 1 } else { high = mid }
        }
        return scalarOffset + low
    }
}
