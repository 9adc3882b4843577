import Foundation
import StrataTesting
import Testing

/// `strata status` and `strata validate` on `Examples/quickstart` (README "strata status",
/// "strata validate", "JSON output").
@Suite("status and validate on the example project")
struct ExampleStatusTests {
    @Test(arguments: Format.allCases)
    func statusListsEveryMigrationWithItsState(format: Format) async throws {
        try await withProject({ try Project.quickstart(databaseURL: $0) }) { project, database in
            // Before anything ran: all pending, and reading does not create the history table.
            let fresh = await project.run(["status"] + format.flags)
            expectStatus(fresh, 0)
            #expect(try await database.historyTableExists() == false)

            expectStatus(await project.run(["up", "--to", "20240102090000"]), 0)
            let result = await project.run(["status"] + format.flags)
            expectStatus(result, 0)
            switch format {
            case .text:
                expectContains(fresh.stdout, "4 migrations: 4 pending")
                let lines = result.stdout.split(separator: "\n").map(String.init)
                #expect(lines.first?.hasPrefix("Target: postgres://") == true, "\(result)")
                expectContains(lines.first ?? "", "(DATABASE_URL, environment dev)")
                #expect(lines.contains { $0.hasPrefix("VERSION") && $0.contains("NAME") && $0.contains("STATE") && $0.contains("BATCH") }, "\(result)")
                let row1 = try #require(lines.first { $0.hasPrefix("20240101090000") }, "\(result)")
                #expect(row1.split(separator: " ", omittingEmptySubsequences: true).prefix(4) == ["20240101090000", "create_users", "applied", "1"])
                let row4 = try #require(lines.first { $0.hasPrefix("20240104090000") }, "\(result)")
                #expect(row4.split(separator: " ", omittingEmptySubsequences: true) == ["20240104090000", "user_order_totals", "pending"])
                expectContains(result.stdout, "4 migrations: 2 applied, 2 pending")
            case .json:
                #expect(try requireJSON(fresh)["summary"]["pending"].int == 4, "\(fresh)")
                let document = try requireJSON(result)
                expectKeys(document, ["target", "migrations", "summary"])
                expectKeys(document["target"], ["environment", "url", "source", "protected"])
                #expect(document["target"]["environment"].string == "dev")
                #expect(document["target"]["source"].string == "DATABASE_URL")
                let migrations = document["migrations"].array ?? []
                #expect(migrations.count == 4)
                for entry in migrations {
                    expectKeys(entry, ["version", "name", "state", "batch", "applied_at", "execution_ms", "checksum", "file"])
                }
                #expect(migrations.map { $0["state"].string } == ["applied", "applied", "pending", "pending"])
                #expect(migrations[0]["batch"].int == 1)
                #expect(migrations[0]["file"].string == "migrations/20240101090000_create_users.sql")
                #expect(migrations[0]["applied_at"].string?.hasSuffix("Z") == true, "\(migrations[0])")
                #expect(migrations[0]["checksum"].string == (try await Tools.sha256(ofFile: project.path("migrations/20240101090000_create_users.sql"))))
                #expect(migrations[3]["batch"].isNull, "\(migrations[3])")
                #expect(migrations[3]["applied_at"].isNull, "\(migrations[3])")
                let summary = document["summary"]
                expectKeys(summary, ["applied", "pending", "modified", "missing", "failed", "out-of-order", "total"])
                #expect(summary["applied"].int == 2)
                #expect(summary["pending"].int == 2)
                #expect(summary["modified"].int == 0)
                #expect(summary["total"].int == 4)
            }
        }
    }

    @Test(arguments: Format.allCases)
    func validatePassesOnTheExampleOnlineAndOffline(format: Format) async throws {
        try await withProject({ try Project.quickstart(databaseURL: $0) }) { project, database in
            expectStatus(await project.run(["up", "--to", "20240102090000"]), 0)
            let online = await project.run(["validate"] + format.flags)
            expectStatus(online, 0)
            // Offline with no database anywhere: it must not need one (nor start one).
            let offline = await project.run(["validate", "--offline"] + format.flags, variables: ["DATABASE_URL": ""])
            expectStatus(offline, 0)
            #expect(!project.exists(".strata"), "validate --offline started the local cluster")
            switch format {
            case .text:
                expectContains(online.stdout, "4 migration file(s) checked: no problems")
                expectContains(offline.stdout, "no problems")
            case .json:
                let document = try requireJSON(online)
                expectKeys(document, ["valid", "problems", "migrations", "target"])
                #expect(document["valid"].bool == true)
                #expect(document["problems"].array == [])
                #expect(document["target"]["source"].string == "DATABASE_URL")
                let offlineDocument = try requireJSON(offline)
                #expect(offlineDocument["valid"].bool == true)
                #expect(offlineDocument["problems"].array == [])
            }
            #expect(try await database.history().count == 2)
        }
    }
}
