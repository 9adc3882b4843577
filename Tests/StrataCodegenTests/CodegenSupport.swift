import Foundation
import StrataCodegen
import StrataGenerate
import StrataMigrate
import StrataPostgres
import StrataTesting

enum CodegenSupport {
    /// The package root, from this file's place in `Tests/StrataCodegenTests/`.
    static let packageRoot: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    static var example: String { packageRoot + "/Examples/codegen" }

    /// A code generation run over a project folder's `migrations/` and `queries/`, on the
    /// test server's scratch databases.
    static func run(project: String, namespace: String = "Database", sources: String) async throws -> CodegenResult {
        let reader = SchemaReader(scratch: ScratchServer(adminSettings: try await TestServer.adminSettings(), createsMissingRoles: true))
        let migrator = try Migrator(directory: MigrationDirectory(path: project + "/migrations", displayPath: "migrations"))
        let run = CodegenRun(
            reader: reader, migrator: migrator, queriesPath: project + "/queries", queriesDisplay: "queries",
            options: CodegenOptions(namespace: namespace, sources: sources)
        )
        return try await run.run()
    }

    /// A project folder with one migration (its up part) and these query files.
    static func project(schema: String, queries: [String: String]) throws -> String {
        let directory = FileManager.default.temporaryDirectory.path + "/strata-codegen-\(getpid())-\(UUID().uuidString.prefix(8).lowercased())"
        try FileManager.default.createDirectory(atPath: directory + "/migrations", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: directory + "/queries", withIntermediateDirectories: true)
        try "-- strata:up\n\(schema)\n".write(toFile: directory + "/migrations/20240101000000_schema.sql", atomically: true, encoding: .utf8)
        for (name, text) in queries {
            try text.write(toFile: directory + "/queries/" + name, atomically: true, encoding: .utf8)
        }
        return directory
    }
}
