/// A small, fast, seedable generator, so shuffles and samples are the same on every machine.
public struct SplitMix64: Sendable {
    public var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// 64-bit FNV-1a: a stable hash (unlike `Hasher`, the same in every process) for file versions, fold assignment
/// and feature keys.
public enum FNV1a {
    public static let offset: UInt64 = 0xcbf2_9ce4_8422_2325
    public static let prime: UInt64 = 0x0000_0100_0000_01B3

    public static func hash(_ bytes: some Sequence<UInt8>) -> UInt64 {
        var h = offset
        for byte in bytes { h = (h ^ UInt64(byte)) &* prime }
        return h
    }

    /// A file's fingerprint, eight bytes at a time (little-endian words, the last zero-padded), then its length:
    /// `fnv1a64w:` and 16 hex digits. Cheap enough to take of a model's weights at every start, even unoptimised;
    /// tools/fit_calibration.py computes the same.
    public static func wordDigest(_ bytes: [UInt8]) -> String {
        var h = offset
        bytes.withUnsafeBufferPointer { buffer in
            var i = 0
            while i + 8 <= buffer.count {
                var word: UInt64 = 0
                for k in 0..<8 { word |= UInt64(buffer[i + k]) << (8 * UInt64(k)) }
                h = (h ^ word) &* prime
                i += 8
            }
            if i < buffer.count {
                var word: UInt64 = 0
                for k in 0..<(buffer.count - i) { word |= UInt64(buffer[i + k]) << (8 * UInt64(k)) }
                h = (h ^ word) &* prime
            }
        }
        h = (h ^ UInt64(bytes.count)) &* prime
        let hex = String(h, radix: 16)
        return "fnv1a64w:" + String(repeating: "0", count: 16 - hex.count) + hex
    }
}

/// Byte-wise substring search over UTF-8, with no locale-aware Foundation machinery.
public enum ByteSearch {
    /// Where `needle` first starts in `haystack[from..<to]`, if it does.
    public static func firstIndex(_ haystack: UnsafeBufferPointer<UInt8>, _ needle: [UInt8], from: Int = 0, to: Int? = nil) -> Int? {
        let end = min(to ?? haystack.count, haystack.count)
        guard let first = needle.first else { return from }
        guard end - from >= needle.count else { return nil }
        var i = from
        let last = end - needle.count
        while i <= last {
            if haystack[i] == first {
                var k = 1
                while k < needle.count && haystack[i + k] == needle[k] { k += 1 }
                if k == needle.count { return i }
            }
            i += 1
        }
        return nil
    }

    public static func firstIndex(_ haystack: [UInt8], _ needle: [UInt8], from: Int = 0, to: Int? = nil) -> Int? {
        haystack.withUnsafeBufferPointer { firstIndex($0, needle, from: from, to: to) }
    }

    public static func contains(_ haystack: UnsafeBufferPointer<UInt8>, _ needle: [UInt8]) -> Bool {
        firstIndex(haystack, needle) != nil
    }

    public static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        haystack.withUnsafeBufferPointer { contains($0, needle) }
    }

    /// Whether `needle` (written in lower case) occurs in `haystack` with its ASCII letters in any case, without a
    /// lower-cased copy of the haystack.
    public static func containsIgnoringASCIICase(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty else { return true }
        @inline(__always) func lower(_ byte: UInt8) -> UInt8 { (0x41...0x5A).contains(byte) ? byte | 0x20 : byte }
        return haystack.withUnsafeBufferPointer { buffer in
            guard buffer.count >= needle.count else { return false }
            for i in 0...(buffer.count - needle.count) where lower(buffer[i]) == needle[0] {
                var k = 1
                while k < needle.count && lower(buffer[i + k]) == needle[k] { k += 1 }
                if k == needle.count { return true }
            }
            return false
        }
    }

    public static func contains(_ text: String, _ needle: [UInt8]) -> Bool {
        var text = text
        return text.withUTF8 { contains($0, needle) }
    }
}
