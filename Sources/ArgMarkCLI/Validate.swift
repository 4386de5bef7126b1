import ArgMarkIO
import ArgMarkXML
import ArgumentParser
import Foundation

struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Validate XML files against a RELAX NG schema (TEI P5 tei_all by default), in-process through libxml2.",
        discussion: """
            The schema is compiled once for all files (tei_all takes libxml2 about 16 s). Errors are printed as \
            FILE:LINE:COLUMN: error: MESSAGE (FILE:LINE: for schema errors, which have no column). The default schema is $ARGMARK_TEI_SCHEMA, else ../shared/tei/tei_all.rng \
            or shared/tei/tei_all.rng from the current directory. Exit status 1 when any file is invalid or unreadable.
            """)

    @Argument(help: "XML files to validate.") var files: [String]
    @Option(name: .long, help: "The RELAX NG schema (XML syntax).") var schema: String?

    /// Where the default schema is looked for, from the current folder (the project's checkout beside ../shared).
    static let schemaPlaces = ["../shared/tei/tei_all.rng", "shared/tei/tei_all.rng"]

    /// The default schema and where its path came from (ARGMARK_TEI_SCHEMA, or a place searched).
    static func defaultSchema() -> (path: String, origin: String)? {
        if let path = ProcessInfo.processInfo.environment["ARGMARK_TEI_SCHEMA"], !path.isEmpty { return (path, "ARGMARK_TEI_SCHEMA") }
        return schemaPlaces.first { FileManager.default.fileExists(atPath: $0) }.map { ($0, "the default place") }
    }

    /// `FILE:LINE:COLUMN`, leaving out what libxml2 does not know (RELAX NG errors have no column).
    static func location(_ file: String, _ error: XMLError) -> String {
        file + (error.line > 0 ? ":\(error.line)" : "") + (error.line > 0 && error.column > 0 ? ":\(error.column)" : "")
    }

    func run() throws {
        guard let (schemaPath, origin) = schema.map({ ($0, "--schema") }) ?? Self.defaultSchema() else {
            // A usage error would print the usage; the command was typed right, the schema is what is missing.
            throw AnalysedDocument.failure(
                "no schema to validate against: ARGMARK_TEI_SCHEMA is not set, and from \(FileManager.default.currentDirectoryPath) there is no \(Self.schemaPlaces.joined(separator: " or ")) (ArgMark ships no copy of TEI's tei_all); pass --schema PATH/tei_all.rng (from https://tei-c.org/release/xml/tei/custom/schema/relaxng/tei_all.rng) or set ARGMARK_TEI_SCHEMA")
        }
        let compiled: RelaxNGSchema
        // Named with where the path came from: --schema, or the environment a user may have forgotten.
        do { compiled = try RelaxNGSchema(path: schemaPath) } catch { throw AnalysedDocument.failure(error.message + " (given by \(origin))") }
        var failed = 0
        for file in files {
            let document: XMLDocument
            do {
                document = try XMLDocument.parse(try FileAccess.read(file))
            } catch let error as XMLError {
                print("\(Self.location(file, error)): error: \(error.message)")
                failed += 1
                continue
            } catch {
                print("\(file): error: \(error)")
                failed += 1
                continue
            }
            let errors = compiled.validate(document)
            if errors.isEmpty {
                print("\(file): valid")
            } else {
                failed += 1
                for error in errors { print("\(Self.location(file, error)): error: \(error.message)") }
            }
        }
        if failed > 0 {
            Terminal.write("argmark: \(failed) of \(files.count) file\(files.count == 1 ? "" : "s") invalid\n")
            throw ExitCode.failure
        }
    }
}
