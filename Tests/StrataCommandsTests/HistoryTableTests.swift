import Foundation
import StrataTesting
import Testing

/// The history table's place and checksums (DESIGN §3 "Checksum", §4).
@Suite("history table")
struct HistoryTableTests {
    /// The checksum is the SHA-256 of the file with line endings normalised to `\n`: a
    /// file saved with CRLF records the LF checksum, and converting it is no change.
    @Test func checksumNormalisesLineEndings() async throws {
        let lf = "-- strata:up\nCREATE TABLE crlf (id int);\n-- strata:down\nDROP TABLE crlf;\n"
        let crlf = lf.replacingOccurrences(of: "\n", with: "\r\n")
        try await withProject({ try Project.make(migrations: ["0001_crlf.sql": crlf], databaseURL: $0) }) { project, database in
            expectStatus(await project.run(["up"]), 0)
            let reference = try Project.make(config: nil, migrations: ["0001_crlf.sql": lf])
            defer { reference.delete() }
            let expected = try await Tools.sha256(ofFile: reference.path("migrations/0001_crlf.sql"))
            #expect(try await database.history().first?.checksum == expected)

            try project.writeMigration("0001_crlf.sql", lf)
            let status = await project.run(["status", "--format", "json"])
            expectStatus(status, 0)
            #expect(try requireJSON(status)["migrations"][0]["state"].string == "applied", "\(status)")
            expectStatus(await project.run(["validate"]), 0)
        }
    }

    /// `history_schema` puts `strata_migrations` in that schema, created on first use.
    @Test func historySchemaFromConfigurationIsUsed() async throws {
        let files = ["0001_a.sql": "-- strata:up\nCREATE TABLE a (id int);\n-- strata:down\nDROP TABLE a;\n"]
        try await withProject({ try Project.make(config: "history_schema: strata_meta\n", migrations: files, databaseURL: $0) }) { project, database in
            expectStatus(await project.run(["up"]), 0)
            #expect(try await database.historyTableExists() == false)
            let rows = try await database.rows("SELECT version, batch, state FROM strata_meta.strata_migrations")
            #expect(rows.map { $0.values } == [["0001", "1", "applied"]])
            let status = await project.run(["status"])
            expectContains(status.stdout, "1 migration: 1 applied")
            expectStatus(await project.run(["down"]), 0)
            #expect(try await database.value("SELECT count(*) FROM strata_meta.strata_migrations") == "0")
        }
    }
}
