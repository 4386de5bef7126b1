import ArgMarkCore

/// A byte buffer for writing JSON with a fixed key order and fixed number formatting, so identical documents
/// serialise to identical bytes.
struct JSONBuffer {
    var bytes: [UInt8] = []

    init(capacity: Int = 0) {
        bytes.reserveCapacity(capacity)
    }

    mutating func raw(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    /// A dynamic key, escaped like any string.
    mutating func key(_ name: String, first: Bool) {
        if !first { bytes.append(UInt8(ascii: ",")) }
        string(name)
        bytes.append(UInt8(ascii: ":"))
    }

    mutating func null() { raw("null") }

    mutating func string(_ value: String?) {
        guard let value else { return null() }
        bytes.append(UInt8(ascii: "\""))
        var text = value
        text.withUTF8 { utf8 in
            var runStart = 0
            for (i, b) in utf8.enumerated() {
                let escape: StaticString?
                switch b {
                case UInt8(ascii: "\""): escape = "\\\""
                case UInt8(ascii: "\\"): escape = "\\\\"
                case 0x0A: escape = "\\n"
                case 0x0D: escape = "\\r"
                case 0x09: escape = "\\t"
                case 0x08: escape = "\\b"
                case 0x0C: escape = "\\f"
                case 0..<0x20: escape = ""
                // U+2028 / U+2029 (E2 80 A8/A9) break JavaScript consumers of JSON lines; escape them.
                case 0xE2 where i + 2 < utf8.count && utf8[i + 1] == 0x80 && (utf8[i + 2] == 0xA8 || utf8[i + 2] == 0xA9):
                    escape = utf8[i + 2] == 0xA8 ? "\\u2028" : "\\u2029"
                default: escape = nil
                }
                guard let escape else { continue }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<i]))
                if escape.utf8CodeUnitCount == 0 {
                    let hex: [UInt8] = Array("0123456789abcdef".utf8)
                    bytes.append(contentsOf: Array("\\u00".utf8))
                    bytes.append(hex[Int(b >> 4)])
                    bytes.append(hex[Int(b & 0xF)])
                    runStart = i + 1
                } else {
                    escape.withUTF8Buffer { bytes.append(contentsOf: $0) }
                    runStart = i + (b == 0xE2 ? 3 : 1)
                }
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart...]))
        }
        bytes.append(UInt8(ascii: "\""))
    }

    mutating func int(_ value: Int) {
        bytes.append(contentsOf: String(value).utf8)
    }

    mutating func int(_ value: Int?) {
        guard let value else { return null() }
        int(value)
    }

    /// A probability or score with at most four decimals and no trailing zeros (`0.75`, `1`, `0.3333`): the digits of
    /// ``FixedDecimal/format(_:)``, written as bytes (a document has several numbers per sentence, and building a
    /// string for each showed in the writer's time).
    mutating func fixed(_ value: Double?) {
        guard let value, value.isFinite else { return null() }
        let scaled = (value * 10_000).rounded()
        guard abs(scaled) < 1e15 else {
            bytes.append(contentsOf: JSONNumber.format(value).utf8)
            return
        }
        let magnitude = Int(abs(scaled))
        if scaled < 0 && magnitude != 0 { bytes.append(UInt8(ascii: "-")) }
        digits(of: magnitude / 10_000)
        var fraction = magnitude % 10_000
        guard fraction != 0 else { return }
        var places = 4
        while fraction % 10 == 0 {
            fraction /= 10
            places -= 1
        }
        bytes.append(UInt8(ascii: "."))
        var divisor = 1
        for _ in 1..<places { divisor *= 10 }
        while divisor > 0 {
            bytes.append(UInt8(ascii: "0") + UInt8(fraction / divisor % 10))
            divisor /= 10
        }
    }

    /// The decimal digits of a non-negative integer.
    private mutating func digits(of n: Int) {
        if n < 10 {
            bytes.append(UInt8(ascii: "0") + UInt8(n))
            return
        }
        digits(of: n / 10)
        bytes.append(UInt8(ascii: "0") + UInt8(n % 10))
    }

    mutating func strings(_ values: [String]) {
        bytes.append(UInt8(ascii: "["))
        for (i, value) in values.enumerated() {
            if i > 0 { bytes.append(UInt8(ascii: ",")) }
            string(value)
        }
        bytes.append(UInt8(ascii: "]"))
    }

    /// An object with its keys sorted by code point, values written by `value`.
    mutating func sortedObject<V>(_ dictionary: [String: V], _ value: (inout JSONBuffer, V) -> Void) {
        bytes.append(UInt8(ascii: "{"))
        for (i, key) in dictionary.keys.sorted().enumerated() {
            self.key(key, first: i == 0)
            value(&self, dictionary[key]!)
        }
        bytes.append(UInt8(ascii: "}"))
    }

    mutating func newline() { bytes.append(0x0A) }
}

/// Fixed formatting of fractional numbers (four decimals, no trailing zeros); see ``FixedDecimal``.
public enum JSONNumber {
    public static func format(_ value: Double) -> String { FixedDecimal.format(value) }
}
