import Foundation
import StrataPostgres
import Testing
@testable import StrataMigrate

/// Where pre and post scripts run in each transaction mode, against the recording session
/// (ScriptsCommandTests runs the same against a real server).
@Suite struct ScriptOrderTests {
    static func script(_ role: Migration.Role, _ name: String, _ text: String) -> Migration {
        Migration(script: role, name: name, path: "db/\(name)", text: text, checksum: Checksum.of(Array(text.utf8)))
    }

    static let scripts = MigrationScripts(
        pre: [script(.pre, "pre.sql", "CREATE EXTENSION IF NOT EXISTS citext;")],
        post: [script(.post, "post.sql", "GRANT SELECT ON a TO PUBLIC;")]
    )

    @Test func batchModeRunsEverythingInOneTransaction() async throws {
        let session = RecordingSession()
        let migrator = Migrator(migrations: [EngineTransactionTests.file("1", "CREATE TABLE a ();")], scripts: Self.scripts)
        let report = try await migrator.up(on: session)
        #expect(report.migrations.map(\.kind) == [.pre, .versioned, .post])
        #expect(report.batch == 1)
        #expect(session.statements == [
            "BEGIN", "CREATE EXTENSION IF NOT EXISTS citext", "CREATE TABLE a ()", "GRANT SELECT ON a TO PUBLIC",
            "INSERT", "COMMIT", "ROLLBACK",
        ])
    }

    @Test func eachModeGivesEveryScriptItsOwnTransaction() async throws {
        let session = RecordingSession()
        let migrator = Migrator(
            migrations: [EngineTransactionTests.file("1", "CREATE TABLE a ();")],
            configuration: MigratorConfiguration(transactionMode: .each), scripts: Self.scripts
        )
        _ = try await migrator.up(on: session)
        #expect(session.statements == [
            "BEGIN", "CREATE EXTENSION IF NOT EXISTS citext", "COMMIT AND CHAIN", "CREATE TABLE a ()", "INSERT",
            "COMMIT AND CHAIN", "GRANT SELECT ON a TO PUBLIC", "COMMIT", "ROLLBACK", "BEGIN", "COMMIT",
        ])
    }

    @Test func nothingPendingStillRunsPreAndPostWithoutABatch() async throws {
        let session = RecordingSession()
        let migrator = Migrator(migrations: [], scripts: Self.scripts)
        let report = try await migrator.up(on: session)
        #expect(report.batch == nil)
        #expect(report.completedCount == 0)
        #expect(report.completedScriptCount == 2)
        #expect(session.statements == ["BEGIN", "CREATE EXTENSION IF NOT EXISTS citext", "GRANT SELECT ON a TO PUBLIC", "COMMIT", "ROLLBACK"])
    }

    @Test func repeatableStatesFollowTheRecordedChecksums() {
        let view = Self.script(.repeatable, "views/v.sql", "CREATE OR REPLACE VIEW v AS SELECT 1;")
        let function = Self.script(.repeatable, "functions/f.sql", "CREATE OR REPLACE FUNCTION f() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$;")
        let migrator = Migrator(migrations: [], scripts: MigrationScripts(repeatables: [function, view]))
        let status = migrator.status(history: HistoryRows(migrations: [], repeatables: [
            AppliedScript(name: "functions/f.sql", checksum: function.checksum, batch: 1, appliedAt: "t", executionMs: 1, appliedBy: "u", state: .applied),
            AppliedScript(name: "views/v.sql", checksum: "old", batch: 1, appliedAt: "t", executionMs: 1, appliedBy: "u", state: .applied),
            AppliedScript(name: "views/gone.sql", checksum: "x", batch: 1, appliedAt: "t", executionMs: 1, appliedBy: "u", state: .applied),
        ]))
        #expect(status.repeatables.map(\.name) == ["functions/f.sql", "views/v.sql", "views/gone.sql"])
        #expect(status.repeatables.map(\.state) == [.applied, .pending, .missing])
        #expect(status.repeatables.map(\.changed) == [false, true, false])
        #expect(migrator.pendingRepeatables(status.repeatables.isEmpty ? [] : [
            AppliedScript(name: "views/v.sql", checksum: "old", batch: 1, appliedAt: "t", executionMs: 1, appliedBy: "u", state: .applied),
        ]).map(\.name) == ["functions/f.sql", "views/v.sql"])
    }
}
