import Foundation
import StrataTesting
import Testing

/// What `strata` finds in the migrations folder, and how it reads each file: every entry is a
/// migration or a problem (exit 4), and `standard_conforming_strings` set in a file is followed
/// as psql follows it.
@Suite("discovery")
struct DiscoveryTests {
    static let first = "-- strata:up\nCREATE TABLE first (id int);\n-- strata:down\nDROP TABLE first;\n"

    @Test func strayFilesAndFoldersStopUpAndValidateNamingThem() async throws {
        try await withProject({ try Project.make(migrations: ["0010_first.sql": Self.first], databaseURL: $0) }) { project, database in
            try project.write("migrations/NOTES.md", "# why we migrate\n")
            try project.write("migrations/archive/0001_old.sql", "SELECT 1;\n")
            try project.write("migrations/.gitkeep", "")

            for command in [["up"], ["validate"]] {
                let result = await project.run(command)
                expectStatus(result, 4)
                expectContains(result.output, "migrations/NOTES.md is not a migration")
                expectContains(result.output, "[stray-file]")
                expectContains(result.output, "migrations/archive is a folder")
                expectContains(result.output, "[stray-folder]")
                #expect(!result.output.contains(".gitkeep"), "\(result)")
            }
            let json = await project.run(["validate", "--format", "json"])
            expectStatus(json, 4)
            let codes = (try requireJSON(json)["problems"].array ?? []).compactMap { $0["code"].string }
            #expect(codes.sorted() == ["stray-file", "stray-folder"], "\(json)")
            #expect(try await database.userTables() == [])

            try project.remove("migrations/NOTES.md")
            try project.remove("migrations/archive")
            expectStatus(await project.run(["up"]), 0)
            #expect(try await database.userTables() == ["first"])
        }
    }

    @Test func anUpperCaseExtensionIsNamedWithTheFix() async throws {
        try await withProject({ try Project.make(migrations: ["0010_first.sql": Self.first], databaseURL: $0) }) { project, database in
            try project.write("migrations/0020_second.SQL", "CREATE TABLE second (id int);\n")
            let result = await project.run(["up"])
            expectStatus(result, 4)
            expectContains(result.stderr, "migrations/0020_second.SQL")
            expectContains(result.stderr, "rename it to 0020_second.sql")
            #expect(try await database.userTables() == [])
        }
    }

    @Test func backslashEscapesAfterTurningStandardConformingStringsOffAreAppliedAsPsqlWould() async throws {
        let off = #"""
            -- strata:up
            SET standard_conforming_strings = off;
            CREATE TABLE quotes (id int PRIMARY KEY, v text);
            INSERT INTO quotes VALUES (1, 'it\'s; C:\\temp');
            -- strata:down
            DROP TABLE quotes;
            """#
        // Runs after the first file on the same session: read with the setting on again.
        let on = #"""
            -- strata:up
            INSERT INTO quotes VALUES (2, 'D:\');
            -- strata:down
            DELETE FROM quotes WHERE id = 2;
            """#
        try await withProject({ try Project.make(migrations: ["0010_off.sql": off, "0020_on.sql": on], databaseURL: $0) }) { project, database in
            expectStatus(await project.run(["validate"]), 0)
            expectStatus(await project.run(["up"]), 0)
            #expect(try await database.value("SELECT v FROM quotes WHERE id = 1") == #"it's; C:\temp"#)
            #expect(try await database.value("SELECT v FROM quotes WHERE id = 2") == #"D:\"#)
            // psql reads the first file the same way.
            let psql = try await Tools.psql(database.url, "SELECT count(*) FROM quotes WHERE v = E'it\\'s; C:\\\\temp'")
            #expect(psql.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "1", "\(psql)")
            expectStatus(await project.run(["down", "--steps", "2"]), 0)
            #expect(try await database.userTables() == [])
        }
    }
}
