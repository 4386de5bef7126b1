/// A search for a run of bytes, for the few places that look for a marker in a file's bytes without decoding them.
extension Collection where Element == UInt8 {
    /// Whether the bytes hold `needle` (its UTF-8) as a run.
    public func containsUTF8(_ needle: String) -> Bool {
        let pattern = Array(needle.utf8)
        guard let first = pattern.first, count >= pattern.count else { return pattern.isEmpty }
        var i = startIndex
        var remaining = count
        while remaining >= pattern.count {
            if self[i] == first, self[i...].prefix(pattern.count).elementsEqual(pattern) { return true }
            i = index(after: i)
            remaining -= 1
        }
        return false
    }
}
