/// Paths to a document's source as a file that names it should hold them: relative to that file's own folder, as
/// TEI tools resolve the prefixDef's pointer and `idno type="path"` (against the TEI file's base URI), not to the
/// folder a command happened to run in. Lexical: symbolic links are not followed.
public enum SourcePath {
    /// `path` with "." and empty components dropped and "x/.." folded ("a/./b/../c" → "a/c"); leading ".." of a
    /// relative path are kept, and "/.." is "/".
    public static func normalized(_ path: String) -> String {
        let absolute = path.hasPrefix("/")
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == "..", let last = parts.last, last != ".." {
                parts.removeLast()
            } else if part == "..", absolute {
                continue
            } else {
                parts.append(part)
            }
        }
        let joined = parts.joined(separator: "/")
        return absolute ? "/" + joined : (joined.isEmpty ? "." : joined)
    }

    /// The folder of `path` ("." for a bare name).
    public static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    /// `path` made absolute against `workingDirectory` (itself absolute), normalized.
    public static func absolute(_ path: String, in workingDirectory: String) -> String {
        normalized(path.hasPrefix("/") ? path : workingDirectory + "/" + path)
    }

    /// The relative reference from the folder `base` to `target`, both absolute ("/a/out", "/a/in/x.txt" →
    /// "../in/x.txt").
    public static func relative(_ target: String, from base: String) -> String {
        let to = normalized(target).split(separator: "/")
        let from = normalized(base).split(separator: "/")
        var common = 0
        while common < min(to.count, from.count), to[common] == from[common] { common += 1 }
        let up = Array(repeating: "..", count: from.count - common)
        let parts = up + to[common...].map(String.init)
        return parts.isEmpty ? "." : parts.joined(separator: "/")
    }

    /// `reference` (as a file holds it, relative to its folder) resolved against the folder `base`; an absolute one
    /// stays as it is.
    public static func resolved(_ reference: String, against base: String) -> String {
        reference.hasPrefix("/") ? normalized(reference) : normalized(base + "/" + reference)
    }
}
