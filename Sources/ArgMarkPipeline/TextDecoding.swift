/// Decodes UTF-8 input into Unicode scalars in one pass, rejecting what is not a text document with the
/// byte offset and line of the first problem.
public enum TextDecoder {
    /// The longest line accepted, in scalars. Real paragraphs stay far below; longer lines are minified data,
    /// base64 blobs or binary files.
    public static let defaultMaxLineLength = 1_000_000

    /// Whether `bytes` are UTF-32 with a byte-order mark (FF FE 00 00, 00 00 FE FF), and if so whether big-endian.
    static func utf32ByteOrder(_ bytes: [UInt8]) -> (isUTF32: Bool, bigEndian: Bool) {
        guard bytes.count >= 4 else { return (false, false) }
        if bytes[0] == 0xFF, bytes[1] == 0xFE, bytes[2] == 0, bytes[3] == 0 { return (true, false) }
        if bytes[0] == 0, bytes[1] == 0, bytes[2] == 0xFE, bytes[3] == 0xFF { return (true, true) }
        return (false, false)
    }

    /// Whether `bytes` are UTF-16, and if so whether big-endian: a byte-order mark (FF FE, FE FF), or text whose
    /// first bytes have a NUL at every other place (ASCII in UTF-16 without a mark), which would otherwise be called
    /// binary.
    static func utf16ByteOrder(_ bytes: [UInt8]) -> (isUTF16: Bool, bigEndian: Bool) {
        if bytes.count >= 2, bytes[0] == 0xFF, bytes[1] == 0xFE { return (true, false) }
        if bytes.count >= 2, bytes[0] == 0xFE, bytes[1] == 0xFF { return (true, true) }
        let head = bytes.prefix(64)
        guard head.count >= 8, head.count % 2 == 0 else { return (false, false) }
        let even = stride(from: 0, to: head.count, by: 2).map { head[$0] }
        let odd = stride(from: 1, to: head.count, by: 2).map { head[$0] }
        if even.allSatisfy({ $0 == 0 }) && !odd.contains(0) { return (true, true) }
        if odd.allSatisfy({ $0 == 0 }) && !even.contains(0) { return (true, false) }
        return (false, false)
    }

    /// Whether bytes with NULs that are not at every other place are UTF-16 without a byte-order mark, and if so
    /// whether big-endian: Chinese in UTF-16 has NULs only in its line breaks and ASCII, so its first 4 KB, read as
    /// UTF-16 one way, are nearly all characters of text (ASCII, Latin, punctuation, CJK, full-width forms) with no
    /// stray surrogate. Asked only of bytes already found binary for their NULs: ASCII read as UTF-16 pairs looks like
    /// CJK too, and so do Shift-JIS and GBK, which hold no NUL.
    static func utf16WithoutMark(_ bytes: [UInt8]) -> Bool? {
        let head = Array(bytes.prefix(4096))
        guard head.count >= 16 else { return nil }
        let pairs = head.count / 2
        func unit(_ k: Int, bigEndian: Bool) -> UInt16 {
            let (high, low) = bigEndian ? (head[2 * k], head[2 * k + 1]) : (head[2 * k + 1], head[2 * k])
            return UInt16(high) << 8 | UInt16(low)
        }
        func plausibleShare(bigEndian: Bool) -> Double {
            var plausible = 0
            var k = 0
            while k < pairs {
                switch unit(k, bigEndian: bigEndian) {
                case 0x09, 0x0A, 0x0D, 0x20...0x7E, 0xA0...0x024F, 0x2000...0x206F, 0x3000...0x303F, 0x3400...0x9FFF, 0xFF00...0xFFEF:
                    plausible += 1
                case 0xD800...0xDBFF:
                    // A high surrogate counts with the low one that must follow it.
                    if k + 1 < pairs, (0xDC00...0xDFFF).contains(unit(k + 1, bigEndian: bigEndian)) {
                        plausible += 2
                        k += 1
                    }
                default:
                    break
                }
                k += 1
            }
            return Double(plausible) / Double(pairs)
        }
        let little = plausibleShare(bigEndian: false)
        let big = plausibleShare(bigEndian: true)
        guard max(little, big) >= 0.97 else { return nil }
        // A text of some length breaks its lines, and in UTF-16 a line break is a unit of its own (0A 00); Shift-JIS
        // or GBK read two bytes at a time land in the CJK range as often, but never on one.
        if pairs >= 256, !(0..<pairs).contains(where: { unit($0, bigEndian: big > little) == 0x0A || unit($0, bigEndian: big > little) == 0x0D }) {
            return nil
        }
        return big > little
    }

    /// How many byte sequences of `bytes` are not UTF-8 and how many are multi-byte UTF-8 characters, and the lines of
    /// the first few bad ones (up to six): a file that is UTF-8 but for a character or two pasted from another encoding is mended
    /// at those lines, not converted whole (which would garble every other character).
    static func strayBytes(_ bytes: [UInt8]) -> (invalid: Int, multiByte: Int, lines: [Int]) {
        var invalid = 0
        var multiByte = 0
        var lines: [Int] = []
        var line = 1
        var i = 0
        while i < bytes.count {
            let b0 = bytes[i]
            if b0 < 0x80 {
                // LF, CRLF and a lone CR end lines, as the decoder counts them.
                if b0 == 0x0A || (b0 == 0x0D && (i + 1 == bytes.count || bytes[i + 1] != 0x0A)) { line += 1 }
                i += 1
                continue
            }
            let length = b0 >= 0xC2 && b0 <= 0xDF ? 2 : b0 >= 0xE0 && b0 <= 0xEF ? 3 : b0 >= 0xF0 && b0 <= 0xF4 ? 4 : 0
            if length > 0, i + length <= bytes.count, bytes[(i + 1)..<(i + length)].allSatisfy({ $0 & 0xC0 == 0x80 }) {
                multiByte += 1
                i += length
            } else {
                invalid += 1
                // Five to name, and a sixth to say that there are more.
                if lines.count < 6, lines.last != line { lines.append(line) }
                i += 1
            }
        }
        return (invalid, multiByte, lines)
    }

    /// Decodes `bytes` (a leading byte-order mark is dropped and not counted in offsets).
    public static func decode(
        _ bytes: [UInt8], maxLineLength: Int = defaultMaxLineLength
    ) throws(DocumentReadError) -> [Unicode.Scalar] {
        do {
            return try decodeUTF8(bytes, maxLineLength: maxLineLength)
        } catch .binary(let offset) {
            if let bigEndian = utf16WithoutMark(bytes) { throw .utf16(bigEndian: bigEndian) }
            throw .binary(byteOffset: offset)
        } catch .invalidUTF8(let offset, let line) {
            let stray = strayBytes(bytes)
            // A few bad bytes among good characters, or at least twice as many good characters as bad bytes (curly
            // quotes beside apostrophes pasted from Windows-1252; a long text with a dozen pasted bytes): text in
            // another encoding has a bad sequence in most of its characters (GB18030 or Big5 makes a few in seven
            // valid by chance, Windows-1252 next to none).
            if (stray.multiByte >= 5 && stray.invalid <= 3) || (stray.multiByte >= 2 && stray.multiByte >= 2 * stray.invalid) {
                throw .strayBytes(byteOffset: offset, lines: stray.lines, count: stray.invalid)
            }
            throw .invalidUTF8(byteOffset: offset, line: line)
        } catch {
            throw error
        }
    }

    private static func decodeUTF8(
        _ bytes: [UInt8], maxLineLength: Int
    ) throws(DocumentReadError) -> [Unicode.Scalar] {
        var result: [Unicode.Scalar] = []
        result.reserveCapacity(bytes.count)
        var line = 1
        var lineLength = 0
        var i = 0
        let n = bytes.count
        if n >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { i = 3 }
        let utf32 = Self.utf32ByteOrder(bytes)
        if utf32.isUTF32 { throw .utf32(bigEndian: utf32.bigEndian) }
        let utf16 = Self.utf16ByteOrder(bytes)
        if utf16.isUTF16 { throw .utf16(bigEndian: utf16.bigEndian) }
        var controlBytes = 0
        try bytes.withUnsafeBufferPointer { (buffer) throws(DocumentReadError) in
            while i < n {
                let b0 = buffer[i]
                var value: UInt32
                var length: Int
                if b0 >= 0x20 && b0 < 0x80 {
                    // Printable ASCII: the common case, no validation needed.
                    result.append(Unicode.Scalar(b0))
                    lineLength += 1
                    if lineLength > maxLineLength {
                        throw .lineTooLong(line: line, length: longLineLength(buffer, from: i, limit: maxLineLength), limit: maxLineLength)
                    }
                    i += 1
                    continue
                } else if b0 < 0x80 {
                    value = UInt32(b0)
                    length = 1
                    if b0 == 0 { throw .binary(byteOffset: i) }
                    if b0 < 0x20, b0 != 0x0A, b0 != 0x0D, b0 != 0x09, b0 != 0x0C {
                        controlBytes += 1
                        // A stray control byte happens in real text; many of them means binary data.
                        if controlBytes > 8 && controlBytes * 100 > i + 1 { throw .binary(byteOffset: i) }
                    }
                } else if b0 >= 0xC2 && b0 <= 0xDF {
                    length = 2
                    value = UInt32(b0 & 0x1F)
                } else if b0 >= 0xE0 && b0 <= 0xEF {
                    length = 3
                    value = UInt32(b0 & 0x0F)
                } else if b0 >= 0xF0 && b0 <= 0xF4 {
                    length = 4
                    value = UInt32(b0 & 0x07)
                } else {
                    throw Self.notUTF8(buffer, at: i, line: line)
                }
                if length > 1 {
                    guard i + length <= n else { throw Self.notUTF8(buffer, at: i, line: line) }
                    for k in 1..<length {
                        let b = buffer[i + k]
                        guard b & 0xC0 == 0x80 else { throw Self.notUTF8(buffer, at: i, line: line) }
                        value = (value << 6) | UInt32(b & 0x3F)
                    }
                    // Overlong forms, surrogates and values past U+10FFFF are not UTF-8.
                    let minimum: UInt32 = length == 2 ? 0x80 : length == 3 ? 0x800 : 0x10000
                    guard value >= minimum, value <= 0x10FFFF, !(0xD800...0xDFFF).contains(value) else {
                        throw Self.notUTF8(buffer, at: i, line: line)
                    }
                }
                if value == 0x0A {
                    line += 1
                    lineLength = 0
                } else if value == 0x0D {
                    // A CR ends a line too (old Mac text, some exports); in CRLF the LF counts the line.
                    if i + 1 >= n || buffer[i + 1] != 0x0A { line += 1 }
                    lineLength = 0
                } else {
                    lineLength += 1
                    if lineLength > maxLineLength {
                        throw .lineTooLong(line: line, length: longLineLength(buffer, from: i, limit: maxLineLength), limit: maxLineLength)
                    }
                }
                result.append(Unicode.Scalar(value)!)
                i += length
            }
        }
        return result
    }

    /// Why bytes that are no UTF-8 at `offset` cannot be read: text in another encoding (GB18030, Big5, Latin-1 hold
    /// no NUL and few control bytes), or binary data, which holds both (random bytes: one NUL in 256) — called so
    /// rather than sent to iconv.
    static func notUTF8(_ buffer: UnsafeBufferPointer<UInt8>, at offset: Int, line: Int) -> DocumentReadError {
        let window = buffer[..<min(buffer.count, 8192)]
        if let nul = window.firstIndex(of: 0) { return .binary(byteOffset: nul) }
        let controls = window.count { $0 < 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 && $0 != 0x0C && $0 != 0x1B }
        if controls * 50 > window.count { return .binary(byteOffset: offset) }
        return .invalidUTF8(byteOffset: offset, line: line)
    }

    /// Measures (in bytes, roughly characters) the rest of an over-long line for the error message.
    private static func longLineLength(_ buffer: UnsafeBufferPointer<UInt8>, from start: Int, limit: Int) -> Int {
        // Characters, as the limit counts them: a Chinese character is three bytes.
        var j = start
        var characters = 0
        while j < buffer.count, buffer[j] != 0x0A, buffer[j] != 0x0D {
            if buffer[j] & 0xC0 != 0x80 { characters += 1 }
            j += 1
        }
        return limit + characters
    }

    /// A short decoded prefix for format sniffing; invalid bytes are replaced.
    public static func prefix(of bytes: [UInt8], maxBytes: Int = 16_384) -> Substring {
        Substring(String(decoding: bytes.prefix(maxBytes), as: UTF8.self))
    }
}
