import Foundation
import StrataDiff
import StrataPostgres
import StrataSchema
import StrataTesting
import Testing

/// Round trips on a real server: load A and B into fresh databases, plan A→B from their
/// inspected schemas, apply the plan to A, and judge the result by re-planning (must be
/// empty) and by the independent fingerprint oracle (`shared/tools/schema-fingerprint.sql`).
enum RoundTrip {
    struct Outcome: Sendable {
        var plan: Plan
        var replan: Plan
        var fingerprintA: String
        var fingerprintB: String
    }

    /// What one side of a case loads: SQL text files, in order.
    struct Side: Sendable {
        var files: [String]
    }

    /// Runs A→B: returns the plan, the plan after applying it, and both fingerprints
    /// (restricted by `lineFilter`).
    static func run(
        from a: Side, to b: Side, options: DiffOptions = .init(), inspection: SchemaInspector.Options = .init(),
        lineFilter: @Sendable (String) -> Bool = { _ in true }, label: String = #function
    ) async throws -> Outcome {
        try await ensureRoles()
        return try await TestDatabase.withDatabase(label + "_a") { databaseA in
            try await TestDatabase.withDatabase(label + "_b") { databaseB in
                for file in a.files { try psql(file: file, database: databaseA) }
                for file in b.files { try psql(file: file, database: databaseB) }
                let inspector = SchemaInspector(options: inspection)
                let sessionA = try await databaseA.session()
                let sessionB = try await databaseB.session()
                do {
                    let schemaB = try await inspector.inspect(sessionB)
                    let plan = try SchemaDiffer.plan(from: try await inspector.inspect(sessionA), to: schemaB, options: options)
                    for statement in plan.statements {
                        do {
                            try await sessionA.execute(statement.sql)
                        } catch {
                            throw ApplyFailure(statement: statement.sql, error: String(reflecting: error), plan: plan.sql())
                        }
                    }
                    let replan = try SchemaDiffer.plan(from: try await inspector.inspect(sessionA), to: schemaB)
                    await sessionA.close()
                    await sessionB.close()
                    return Outcome(
                        plan: plan, replan: replan,
                        fingerprintA: try fingerprint(databaseA).split(separator: "\n").map(String.init).filter(lineFilter).joined(separator: "\n"),
                        fingerprintB: try fingerprint(databaseB).split(separator: "\n").map(String.init).filter(lineFilter).joined(separator: "\n")
                    )
                } catch {
                    await sessionA.close()
                    await sessionB.close()
                    throw error
                }
            }
        }
    }

    struct ApplyFailure: Error, CustomStringConvertible {
        var statement: String
        var error: String
        var plan: String
        var description: String { "applying\n\(statement)\nfailed: \(error)\nplan:\n\(plan)" }
    }

    struct ToolFailure: Error, CustomStringConvertible {
        var description: String
    }

    /// The roles the conformance cases grant to or name in policies.
    static func ensureRoles() async throws {
        let admin = try await PostgresSession.connect(try await TestServer.adminSettings())
        defer { Task { await admin.close() } }
        for role in ["schemainspect_test_role", "postgres"] {
            try await admin.execute("""
                DO $$ BEGIN
                  IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = \(quoteLiteral(role))) THEN
                    CREATE ROLE \(quoteIdentifier(role));
                  END IF;
                EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;  -- created concurrently
                END $$
                """)
        }
    }

    private static func quoteLiteral(_ text: String) -> String { "'" + text.replacingOccurrences(of: "'", with: "''") + "'" }
    private static func quoteIdentifier(_ text: String) -> String { "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }

    /// Runs a SQL file with psql, stopping at the first error.
    static func psql(file: String, database: TestDatabase) throws {
        _ = try runPsql(["-X", "-q", "-v", "ON_ERROR_STOP=1", "-f", file, "-d", database.settings.url(includingPassword: true)])
    }

    /// The oracle's description of the database's schema.
    static func fingerprint(_ database: TestDatabase) throws -> String {
        try runPsql(["-X", "-q", "-v", "ON_ERROR_STOP=1", "-f", sharedDirectory() + "/tools/schema-fingerprint.sql", "-d", database.settings.url(includingPassword: true)])
    }

    private static func runPsql(_ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try TestServer.binaries().path("psql"))
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["PGOPTIONS"] = "-c client_min_messages=warning"
        process.environment = environment
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        let errorData = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw ToolFailure(description: "psql \(arguments.first { $0.hasSuffix(".sql") } ?? "") failed: " + (String(data: errorData, encoding: .utf8) ?? ""))
        }
        return String(data: outputData, encoding: .utf8) ?? ""
    }

    /// `shared/` beside the repository (or above the worktree), or `STRATA_SHARED_DIR`.
    static func sharedDirectory() throws -> String {
        if let directory = ProcessInfo.processInfo.environment["STRATA_SHARED_DIR"] { return directory }
        var url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        for _ in 0..<6 {
            url.deleteLastPathComponent()
            let candidate = url.appendingPathComponent("shared")
            if FileManager.default.fileExists(atPath: candidate.appendingPathComponent("conformance").path) { return candidate.path }
        }
        throw ToolFailure(description: "cannot find shared/conformance beside the repository; set STRATA_SHARED_DIR")
    }

    /// Writes SQL text to a temporary file for psql.
    static func temporaryFile(_ text: String, name: String) throws -> String {
        let path = NSTemporaryDirectory() + "strata-roundtrip-\(getpid())-\(name).sql"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }
}
