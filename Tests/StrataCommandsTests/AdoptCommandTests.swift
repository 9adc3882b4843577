import Foundation
import Testing

/// `strata adopt` in-process, without a database: what it writes, what it refuses, and
/// how it says so (exit codes per DESIGN §5).
@Suite("adopt command")
struct AdoptCommandTests {
    private static let gooseFiles = [
        "legacy/00001_create_users.sql": "-- +goose Up\nCREATE TABLE users (id bigint PRIMARY KEY);\n-- +goose Down\nDROP TABLE users;\n",
        "legacy/00002_index_users.sql": """
            -- +goose NO TRANSACTION
            -- +goose Up
            CREATE INDEX CONCURRENTLY users_id ON users (id);
            -- +goose Down
            DROP INDEX CONCURRENTLY users_id;
            """,
        "legacy/README.md": "goose migrations\n",
    ]

    private func project(_ files: [String: String]) throws -> Project {
        let project = try Project.make()
        for (path, text) in files { try project.write(path, text) }
        return project
    }

    @Test("writes one Strata file per migration, names what it skipped, and the result validates")
    func writes() async throws {
        let project = try project(Self.gooseFiles)
        defer { project.delete() }
        let result = await project.run(["adopt", "goose", "legacy"])
        expectStatus(result, 0)
        #expect(project.migrationFiles() == ["00001_create_users.sql", "00002_index_users.sql"])
        expectContains(result.stdout, "Adopting goose migrations from legacy into migrations:")
        expectContains(result.stdout, "wrote migrations/00001_create_users.sql  <- 00001_create_users.sql")
        expectContains(result.stdout, "skipped README.md: not a goose migration")
        expectContains(result.stdout, "Wrote 2 migration file(s) to migrations; 1 file(s) skipped, 0 not converted.")
        let text = try project.read("migrations/00002_index_users.sql")
        #expect(text.hasPrefix("-- Adopted from goose: 00002_index_users.sql\n-- strata:no-transaction\n-- strata:up\n"))
        expectStatus(await project.run(["validate", "--offline"]), 0)

        let again = await project.run(["adopt", "goose", "legacy", "--format", "json"])
        expectStatus(again, 0)
        let json = try requireJSON(again)
        #expect(json["migrations"].array?.compactMap { $0["action"].string } == ["unchanged", "unchanged"])
    }

    @Test("--dry-run writes nothing and the JSON document lists every file")
    func dryRun() async throws {
        let project = try project(Self.gooseFiles)
        defer { project.delete() }
        let result = await project.run(["adopt", "goose", "legacy", "--dry-run", "--format", "json"])
        expectStatus(result, 0)
        #expect(project.migrationFiles().isEmpty)
        let json = try requireJSON(result)
        expectKeys(json, ["format", "source", "migrations_folder", "dry_run", "written", "migrations", "skipped", "not_converted", "problems", "history"])
        #expect(json["written"].bool == false)
        let first = json["migrations"][0]
        #expect(first["file"].string == "migrations/00001_create_users.sql")
        #expect(first["sources"][0].string == "00001_create_users.sql")
        #expect(first["action"].string == "write")
        #expect(json["migrations"][1]["transactional"].bool == false)
        #expect(json["skipped"][0]["file"].string == "README.md")
    }

    @Test("a different file of the same name is not overwritten without --force (exit 2)")
    func conflicts() async throws {
        let project = try project(Self.gooseFiles)
        defer { project.delete() }
        try project.writeMigration("00001_create_users.sql", "-- strata:up\nSELECT 1;\n")
        let refused = await project.run(["adopt", "goose", "legacy"])
        expectStatus(refused, 2)
        expectContains(refused.stdout, "differ from the converted ones; nothing was written. Add --force")
        #expect(project.migrationFiles() == ["00001_create_users.sql"])
        let forced = await project.run(["adopt", "goose", "legacy", "--force"])
        expectStatus(forced, 0)
        expectContains(forced.stdout, "1 overwritten")
        #expect(try project.read("migrations/00001_create_users.sql").hasPrefix("-- Adopted from goose"))
    }

    @Test("problems name the source file, line and column; nothing is written (exit 4)")
    func problems() async throws {
        let project = try project([
            "legacy/00001_a.sql": "-- +goose Up\nSELECT 1;\nCREATE INDEX CONCURRENTLY i ON t (a);\n",
            "legacy/00002_b.sql": "-- +goose Up\nSELECT 2;\n",
        ])
        defer { project.delete() }
        let text = await project.run(["adopt", "goose", "legacy"])
        expectStatus(text, 4)
        expectContains(text.stdout, "legacy/00001_a.sql:3:1: CREATE INDEX CONCURRENTLY cannot run inside a transaction block")
        expectContains(text.stdout, "1 problem found; nothing was written.")
        #expect(project.migrationFiles().isEmpty)
        let json = try requireJSON(await project.run(["adopt", "goose", "legacy", "--format", "json"]))
        let problem = json["problems"][0]
        #expect(problem["code"].string == "not-allowed-in-transaction")
        #expect(problem["file"].string == "00001_a.sql")
        #expect(problem["line"].int == 3)
        #expect(problem["column"].int == 1)
    }

    @Test("migrations that cannot be converted stop it unless --allow-unconverted")
    func unconverted() async throws {
        let project = try project([
            "legacy/00001_a.sql": "-- +goose Up\nSELECT 1;\n",
            "legacy/00002_backfill.go": "package migrations\n",
        ])
        defer { project.delete() }
        let refused = await project.run(["adopt", "goose", "legacy"])
        expectStatus(refused, 4)
        expectContains(refused.stdout, "not converted: legacy/00002_backfill.go")
        #expect(project.migrationFiles().isEmpty)
        let allowed = await project.run(["adopt", "goose", "legacy", "--allow-unconverted"])
        expectStatus(allowed, 0)
        #expect(project.migrationFiles() == ["00001_a.sql"])
    }

    @Test("a version the migrations folder already uses under another name is a problem")
    func versionTaken() async throws {
        let project = try project(["legacy/00001_a.sql": "-- +goose Up\nSELECT 1;\n"])
        defer { project.delete() }
        try project.writeMigration("1_other.sql", "-- strata:up\nSELECT 1;\n")
        let result = await project.run(["adopt", "goose", "legacy", "--format", "json"])
        expectStatus(result, 4)
        #expect(try requireJSON(result)["problems"][0]["code"].string == "duplicate-version")
    }

    @Test("an unknown format or folder is a usage error (exit 2)")
    func usage() async throws {
        let project = try project([:])
        defer { project.delete() }
        let format = await project.run(["adopt", "liquibase", "legacy"])
        expectStatus(format, 2)
        expectContains(format.stderr, "the formats are goose, dbmate, golang-migrate, sqlx, flyway, diesel, popx")
        let folder = await project.run(["adopt", "goose", "nowhere"])
        expectStatus(folder, 2)
        expectContains(folder.stderr, "nowhere: no such folder")
    }
}
