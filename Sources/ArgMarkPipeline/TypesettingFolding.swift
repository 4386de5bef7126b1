import ArgMarkCore

/// What text extracted from a PDF carries that says nothing about an argument but hides its words from cues and
/// features: ligatures (ﬁnd, signiﬁcant), soft hyphens, and the runs of spaces a justified layout leaves
/// (For   example). The stages read such a sentence with them undone, as a person reads it; the text written out
/// is the source's own.
public enum TypesettingFolding {
    /// The units whose text holds a ligature, a soft hyphen, a no-break space or a run of spaces.
    public static func unitsToFold(_ document: Document) -> [Int] {
        // One pass over each text's UTF-8: ﬀ–ﬆ open with EF AC (most of EF's other followers are full-width
        // punctuation, which stays), the soft hyphen is C2 AD and the no-break space C2 A0.
        document.units.indices.filter { i in
            var previous: UInt8 = 0
            for byte in document.units[i].text.utf8 {
                if (previous == 0xEF && byte == 0xAC) || (previous == 0xC2 && (byte == 0xAD || byte == 0xA0)) { return true }
                if (byte == 0x20 || byte == 0x09) && (previous == 0x20 || previous == 0x09) { return true }
                previous = byte
            }
            return false
        }
    }

    /// `text` with ligatures spelt out, soft hyphens dropped, and each run of spaces, tabs and no-break spaces as one
    /// space.
    public static func folded(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        var previousSpace = false
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0xFB00: out.append(contentsOf: "ff".unicodeScalars)
            case 0xFB01: out.append(contentsOf: "fi".unicodeScalars)
            case 0xFB02: out.append(contentsOf: "fl".unicodeScalars)
            case 0xFB03: out.append(contentsOf: "ffi".unicodeScalars)
            case 0xFB04: out.append(contentsOf: "ffl".unicodeScalars)
            case 0xFB05, 0xFB06: out.append(contentsOf: "st".unicodeScalars)
            case 0xAD: continue
            case 0x20, 0x09, 0xA0:
                if !previousSpace { out.append(" ") }
                previousSpace = true
                continue
            default: out.append(scalar)
            }
            previousSpace = false
        }
        return String(out)
    }
}
