import Foundation
import StrataTesting
import Testing

/// Concurrent runs wait for the migration lock and each migration is applied exactly
/// once (DESIGN §7), with real `strata` processes.
@Suite("concurrent runs")
struct ConcurrentRunTests {
    /// Fifty migrations; each records its own version in `runs`, which has no unique
    /// constraint, so a migration applied twice would show as a duplicate row.
    static func fiftyMigrations() -> [String: String] {
        var files: [String: String] = [:]
        for number in 1...50 {
            let version = String(format: "%04d", number)
            var up = ""
            if number == 1 { up += "CREATE TABLE runs (version text NOT NULL, pid int NOT NULL DEFAULT pg_backend_pid());\n" }
            up += "CREATE TABLE t_\(version) (id int);\n"
            up += "INSERT INTO runs (version) VALUES ('\(version)');\n"
            files["\(version)_step_\(version).sql"] = "-- strata:up\n\(up)-- strata:down\nDROP TABLE t_\(version);\n"
        }
        return files
    }

    @Test func eightProcessesApplyFiftyMigrationsExactlyOnce() async throws {
        try await withProject({ try Project.make(migrations: Self.fiftyMigrations(), databaseURL: $0) }) { project, database in
            let processes = try (0..<8).map { _ in try project.spawn(["up"]) }
            var results: [CLIResult] = []
            for process in processes {
                results.append(await process.finish(timeout: .seconds(90)))
            }
            for result in results {
                expectStatus(result, 0)
                expectLacks(result.stderr, "error:")
            }
            // Exactly one run applied everything; the others found nothing left to do.
            #expect(results.filter { $0.stdout.contains("Applied 50 migrations in batch 1") }.count == 1, "\(results)")
            #expect(results.filter { $0.stdout.contains("Nothing to apply") }.count == 7, "\(results)")

            let history = try await database.history()
            #expect(history.count == 50)
            #expect(Set(history.map(\.batch)) == [1])
            #expect(history.allSatisfy { $0.state == "applied" })
            #expect(try await database.value("SELECT count(*) FROM runs") == "50")
            #expect(try await database.value("SELECT count(DISTINCT version) FROM runs") == "50")
            #expect(try await database.value("SELECT count(DISTINCT pid) FROM runs") == "1")
            #expect(try await database.userTables().count == 51)
        }
    }
}
