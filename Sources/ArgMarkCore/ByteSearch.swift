/// A search for a run of bytes, for the few places that look for a marker in a file's bytes without decoding them.
extension Collection where Element == UInt8 {
    /// Whether the bytes hold `needle` (its UTF-8) as a run. A tight loop over contiguous storage: a re-run of a
    /// batch looks through each earlier output this way.
    public func containsUTF8(_ needle: String) -> Bool {
        let pattern = Array(needle.utf8)
        guard let first = pattern.first else { return true }
        if let found = withContiguousStorageIfAvailable({ buffer -> Bool in
            guard buffer.count >= pattern.count else { return false }
            let last = buffer.count - pattern.count
            var i = 0
            while i <= last {
                if buffer[i] == first {
                    var k = 1
                    while k < pattern.count, buffer[i + k] == pattern[k] { k += 1 }
                    if k == pattern.count { return true }
                }
                i += 1
            }
            return false
        }) {
            return found
        }
        return Array(self).containsUTF8(needle)
    }
}
