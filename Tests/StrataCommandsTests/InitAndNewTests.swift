import Foundation
import StrataTesting
import Testing

/// `strata init` and `strata new` (DESIGN §3, §5; README "strata init", "strata new").
@Suite("init and new")
struct InitAndNewTests {
    @Test func initCreatesTheProjectAndSaysSoOnlyOnce() async throws {
        let project = try Project.empty()
        defer { project.delete() }

        let first = await project.run(["init"])
        expectStatus(first, 0)
        expectContains(first.stdout, "strata.yaml")
        expectContains(first.stdout, "migrations/")
        expectContains(first.stdout, "schema/")
        #expect(project.exists("strata.yaml"))
        #expect(project.exists("migrations"))
        #expect(project.exists("schema"))
        let gitignore = try project.read(".gitignore")
        #expect(gitignore.split(separator: "\n").contains(".strata/"), "\(gitignore)")

        // The written configuration is valid: an offline check reads it.
        expectStatus(await project.run(["validate", "--offline"]), 0)

        let second = await project.run(["init"])
        expectStatus(second, 0)
        expectContains(second.stdout, "Already initialised")
        #expect(try project.read(".gitignore") == gitignore)
    }

    @Test func initInJSONAddsStrataToAnExistingGitignore() async throws {
        let project = try Project.empty()
        defer { project.delete() }
        try project.write(".gitignore", "node_modules/\n*.log")

        let first = await project.run(["init", "--format", "json"])
        expectStatus(first, 0)
        let document = try requireJSON(first)
        expectKeys(document, ["directory", "created"])
        let created = document["created"].array?.compactMap(\.string) ?? []
        #expect(created.contains("strata.yaml"), "\(document)")
        #expect(created.contains("migrations/"), "\(document)")
        #expect(created.contains("schema/"), "\(document)")
        #expect(created.contains { $0.hasPrefix(".gitignore") }, "\(document)")
        let lines = try project.read(".gitignore").split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.contains("node_modules/"))
        #expect(lines.contains("*.log"))
        #expect(lines.filter { $0 == ".strata/" }.count == 1, "\(lines)")

        let second = await project.run(["init", "--format", "json"])
        expectStatus(second, 0)
        #expect(try requireJSON(second)["created"].array == [], "\(second)")
        #expect(try project.read(".gitignore").split(separator: "\n").filter { $0 == ".strata/" }.count == 1)
    }

    /// 2024-03-01 12:34:56 UTC.
    private let fixedNow = Date(timeIntervalSince1970: 1_709_296_496)

    @Test func newNamesFilesWithTheUTCTimeAndNormalisesTheName() async throws {
        let project = try Project.make()
        defer { project.delete() }

        let first = await project.run(["new", "add_users_email"], now: fixedNow)
        expectStatus(first, 0)
        expectContains(first.stdout, "Created migrations/20240301123456_add_users_email.sql")
        let text = try project.read("migrations/20240301123456_add_users_email.sql")
        let up = try #require(text.offset(of: "-- strata:up"), "\(text)")
        let down = try #require(text.offset(of: "-- strata:down"), "\(text)")
        #expect(up < down)
        expectLacks(text, "strata:no-transaction")

        // Same second again: the version moves past the newest one. The name is
        // lower-cased with everything else turned into single underscores.
        let second = await project.run(["new", "Add  Orders-Index!", "--no-transaction"], now: fixedNow)
        expectStatus(second, 0)
        expectContains(second.stdout, "Created migrations/20240301123457_add_orders_index.sql")
        let noTransaction = try project.read("migrations/20240301123457_add_orders_index.sql")
        let marker = try #require(noTransaction.offset(of: "-- strata:no-transaction"), "\(noTransaction)")
        #expect(marker < (noTransaction.offset(of: "-- strata:up") ?? 0))

        let json = await project.run(["new", "Backfill Names", "--format", "json"], now: fixedNow.addingTimeInterval(3600))
        expectStatus(json, 0)
        let document = try requireJSON(json)
        #expect(document["file"].string == "migrations/20240301133456_backfill_names.sql", "\(document)")
        #expect(document["version"].string == "20240301133456", "\(document)")
        #expect(document["name"].string == "backfill_names", "\(document)")

        #expect(project.migrationFiles() == [
            "20240301123456_add_users_email.sql", "20240301123457_add_orders_index.sql", "20240301133456_backfill_names.sql",
        ])
        // What `new` writes is a valid migration.
        expectStatus(await project.run(["validate", "--offline"]), 0)

        let empty = await project.run(["new", "--", "-!-"], now: fixedNow)
        expectStatus(empty, 2)
        #expect(project.migrationFiles().count == 3)
    }

    @Test func newCountsUpWithSequentialVersioning() async throws {
        let project = try Project.make(config: "versioning: sequential\n")
        defer { project.delete() }

        expectContains(await project.run(["new", "create_users"]).stdout, "Created migrations/0001_create_users.sql")
        expectContains(await project.run(["new", "Create Orders"]).stdout, "Created migrations/0002_create_orders.sql")
        let json = await project.run(["new", "index_orders", "--format", "json"])
        expectStatus(json, 0)
        let document = try requireJSON(json)
        #expect(document["version"].string == "0003", "\(document)")
        #expect(document["file"].string == "migrations/0003_index_orders.sql", "\(document)")
        #expect(project.migrationFiles() == ["0001_create_users.sql", "0002_create_orders.sql", "0003_index_orders.sql"])
    }
}
