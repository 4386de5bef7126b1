import ArgMarkCore
import Foundation

/// How a file ArgMark writes names the document's source. A TEI file's pointers (the prefixDef of `source="char:…"`)
/// and its `idno type="path"` are resolved by TEI tools against the TEI file's own location, so they are written
/// relative to the folder the file goes to, not to the folder the command ran in (`annotate in/a.txt --to tei --out
/// out` names ../in/a.txt; an absolute path stays absolute). Other formats name the source as it was given.
public enum SourceReferences {
    /// `document` ready to be written in `format` to `path` (nil: standard output, where no folder is known).
    public static func forWriting(_ document: Document, to path: String?, format: String) -> Document {
        // An absolute source stays absolute: it names the file wherever the output goes.
        guard format == "tei", let path, path != "-", let source = document.sourcePath, !source.hasPrefix("/") else { return document }
        let here = FileManager.default.currentDirectoryPath
        var written = document
        written.sourcePath = SourcePath.relative(
            SourcePath.absolute(source, in: here), from: SourcePath.directory(of: SourcePath.absolute(path, in: here)))
        return written
    }
}
