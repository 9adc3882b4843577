import Foundation
import StrataDocs
import StrataGenerate
import StrataMigrate
import StrataPostgres
import StrataSchema
import StrataTesting

/// The example projects' schemas, read as `strata docs` reads them (the migrations replayed
/// on a scratch database of the test server), and golden folders to compare pages with.
enum ExampleSupport {
    /// The package root, from this file's place in `Tests/StrataDocsTests/`.
    static let packageRoot: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    /// The label `strata docs` gives the default source.
    static let source = "the migrations in migrations/"

    /// The schema the example's migrations build.
    static func schema(of example: String) async throws -> Schema {
        let reader = SchemaReader(scratch: ScratchServer(adminSettings: try await TestServer.adminSettings(), createsMissingRoles: true))
        let migrator = try Migrator(directory: MigrationDirectory(path: packageRoot + "/Examples/\(example)/migrations", displayPath: "migrations"))
        var timings = PhaseTimings()
        return try await reader.read(.migrations(migrator, label: "migrations"), timings: &timings)
    }

    /// Every file under `folder` that `strata docs` would write (`.md`, `.dot`), by relative path.
    static func files(in folder: String) -> [String: String] {
        var files: [String: String] = [:]
        guard let enumerator = FileManager.default.enumerator(atPath: folder) else { return files }
        while let relative = enumerator.nextObject() as? String {
            guard relative.hasSuffix(".md") || relative.hasSuffix(".dot") else { continue }
            files[relative] = (try? String(contentsOfFile: folder + "/" + relative, encoding: .utf8)) ?? ""
        }
        return files
    }

    /// Rewrites `folder` with `pages` (when `STRATA_UPDATE_GOLDENS=1`).
    static func write(_ pages: [DocsPage], to folder: String) throws {
        for (relative, _) in files(in: folder) { try FileManager.default.removeItem(atPath: folder + "/" + relative) }
        for page in pages {
            let path = folder + "/" + page.path
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try page.text.write(toFile: path, atomically: true, encoding: .utf8)
        }
    }

    /// `dot` on the test process's `PATH`, or nil.
    static func dot() -> String? {
        for folder in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
            let candidate = String(folder) + "/dot"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }
}
