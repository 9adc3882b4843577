import Foundation
import StrataPostgres
import StrataTesting
import Testing

/// Rules of running migrations beyond the happy path: files without a down part, and
/// the configured `lock_timeout` (README "Migration files", "Configuration").
@Suite("migration rules")
struct MigrationRulesTests {
    /// A file without markers is all up part and cannot be rolled back: `down` refuses
    /// before reverting anything, naming the file.
    @Test func downRefusesAMigrationWithoutADownPart() async throws {
        let files = [
            "0001_reversible.sql": "-- strata:up\nCREATE TABLE reversible (id int);\n-- strata:down\nDROP TABLE reversible;\n",
            "0002_one_way.sql": "CREATE TABLE one_way (id int);\n",
        ]
        try await withProject({ try Project.make(migrations: files, databaseURL: $0) }) { project, database in
            expectStatus(await project.run(["up"]), 0)
            let history = try await database.history()
            #expect(history.map(\.version) == ["0001", "0002"])

            let result = await project.run(["down"])
            expectStatus(result, 4)
            expectContains(result.stderr, "migrations/0002_one_way.sql:1")
            expectContains(result.stderr, "[no-down]")
            #expect(try await database.history() == history)
            #expect(try await database.userTables() == ["one_way", "reversible"])

            // Rolling back only what can be rolled back still works once the other is gone.
            expectStatus(await project.run(["mark", "0002", "--pending"]), 0)
            expectStatus(await project.run(["down"]), 0)
            #expect(try await database.history() == [])
            #expect(try await database.userTables() == ["one_way"])
        }
    }

    /// `lock_timeout` in strata.yaml bounds how long a migration statement waits for a
    /// table lock (here 1 s against a lock the test holds), and the failure is reported
    /// like any other.
    @Test func configuredLockTimeoutBoundsMigrationStatements() async throws {
        let files = ["0001_alter.sql": "-- strata:up\nALTER TABLE busy ADD COLUMN note text;\n-- strata:down\nALTER TABLE busy DROP COLUMN note;\n"]
        try await withProject({ try Project.make(config: "lock_timeout: 1s\n", migrations: files, databaseURL: $0) }) { project, database in
            try await database.execute("CREATE TABLE busy (id int)")
            let holder = try await database.session()
            let result: CLIResult
            let elapsed: Duration
            do {
                try await holder.execute("BEGIN")
                try await holder.execute("LOCK TABLE busy IN ACCESS EXCLUSIVE MODE")
                let clock = ContinuousClock()
                let started = clock.now
                result = await project.run(["up"])
                elapsed = clock.now - started
                try? await holder.execute("ROLLBACK")
                await holder.close()
            } catch {
                await holder.close()
                throw error
            }
            expectStatus(result, 1)
            expectContains(result.stderr, "migrations/0001_alter.sql:2:")
            expectContains(result.stderr, "55P03")
            #expect(elapsed < .seconds(15), "a 1 s lock_timeout took \(elapsed)")
            #expect(try await database.history() == [])

            expectStatus(await project.run(["up"]), 0)
            #expect(try await database.value("SELECT count(*) FROM information_schema.columns WHERE table_name = 'busy' AND column_name = 'note'") == "1")
        }
    }
}
