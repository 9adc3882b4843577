import Foundation
import StrataPostgres
import StrataTesting
import Testing

/// Nothing silently ignored (DESIGN §9) through the commands: what was once dropped
/// without a word (an aggregate, a column's `n_distinct`) is planned, and what Strata does
/// not compare (a foreign table) is named by `diff`, and stops `generate` and `push`
/// unless `--allow-unsupported`.
@Suite("not compared objects", .serialized) struct NotComparedTests {
    static let base = """
        CREATE TABLE items (id int PRIMARY KEY, name text, score numeric);
        CREATE FUNCTION join_names(text, text) RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT $1 || ', ' || $2 $$;
        """
    static let foreign = """
        CREATE FOREIGN DATA WRAPPER strata_test_wrapper;
        CREATE SERVER strata_test_remote FOREIGN DATA WRAPPER strata_test_wrapper;
        CREATE FOREIGN TABLE remote_items (id int) SERVER strata_test_remote;
        """

    /// Two databases on the test server, loaded with psql.
    static func withPair(_ a: String, _ b: String, _ body: (TestDatabase, TestDatabase) async throws -> Void) async throws {
        try await withTestDatabase(label: "notcompared_a") { databaseA in
            try await TestDatabase.withDatabase("notcompared_b") { databaseB in
                for (database, sql) in [(databaseA, a), (databaseB, b)] {
                    let loaded = try await Tools.psql(database.url, sql)
                    try #require(loaded.status == 0, "\(loaded)")
                }
                try await body(databaseA, databaseB)
            }
        }
    }

    @Test func diffPlansAnAggregateAndColumnStatistics() async throws {
        let b = Self.base + """
            CREATE AGGREGATE all_names(text) (SFUNC = join_names, STYPE = text);
            ALTER TABLE items ALTER COLUMN score SET (n_distinct = -0.2), ALTER COLUMN name SET STATISTICS 400;
            """
        try await Self.withPair(Self.base, b) { a, b in
            let project = try Project.make()
            defer { project.delete() }
            let sql = await project.run(["diff", "--from", a.url, "--to", b.url])
            #expect(sql.status == 2, "\(sql)")
            #expect(sql.stdout.contains("CREATE OR REPLACE AGGREGATE public.all_names(text) (SFUNC = public.join_names, STYPE = text)"), "\(sql.stdout)")
            #expect(sql.stdout.contains("ALTER TABLE ONLY public.items ALTER COLUMN score SET (n_distinct = '-0.2')"), "\(sql.stdout)")
            #expect(sql.stdout.contains("ALTER TABLE ONLY public.items ALTER COLUMN name SET STATISTICS 400"), "\(sql.stdout)")
            #expect(!sql.stdout.contains("No differences"))

            let back = await project.run(["diff", "--from", b.url, "--to", a.url, "--format", "json"])
            #expect(back.status == 2, "\(back)")
            let document = try requireJSON(back)
            let statements = document["statements"].array?.compactMap { $0["sql"].string } ?? []
            #expect(statements.contains("DROP AGGREGATE public.all_names(text)"), "\(statements)")
            #expect(statements.contains("ALTER TABLE ONLY public.items ALTER COLUMN score RESET (n_distinct)"), "\(statements)")
            #expect(statements.contains("ALTER TABLE ONLY public.items ALTER COLUMN name SET STATISTICS -1"), "\(statements)")
        }
    }

    @Test func diffNamesWhatItDoesNotCompare() async throws {
        try await Self.withPair(Self.base + Self.foreign, Self.base + Self.foreign) { a, b in
            let project = try Project.make()
            defer { project.delete() }
            let both = await project.run(["diff", "--from", a.url, "--to", b.url, "--format", "text"])
            #expect(both.status == 0, "present on both sides: nothing known to differ: \(both)")
            #expect(both.stdout.contains("No differences in the compared objects"), "\(both.stdout)")
            #expect(both.stdout.contains("not compared: foreign table public.remote_items (in both; not compared)"), "\(both.stdout)")
            #expect(both.stdout.contains("not compared: server strata_test_remote"), "\(both.stdout)")
            #expect(!both.stdout.contains("No differences:"), "\(both.stdout)")

            try await b.execute("DROP FOREIGN TABLE remote_items")
            let one = await project.run(["diff", "--from", a.url, "--to", b.url, "--format", "json"])
            #expect(one.status == 2, "a foreign table on one side only is a difference: \(one)")
            let document = try requireJSON(one)
            #expect(document["empty"].bool == false)
            let entries = document["not_compared"].array ?? []
            #expect(entries.contains { $0["kind"].string == "foreign table" && $0["name"].string == "public.remote_items" && $0["in"].string == "from" }, "\(entries)")
        }
    }

    @Test func generateAndPushStopOnUnsupportedObjectsUnlessAllowed() async throws {
        try await withTestDatabase { database in
            let project = try Project.make(config: nil, databaseURL: database.url)
            defer { project.delete() }
            let admin = try await TestServer.adminSettings()
            try project.write("strata.yaml", "environments:\n  dev: {}\nscratch_url: \"\(admin.url(includingPassword: true))\"\n")
            try project.write("schema/01_items.sql", Self.base + "CREATE AGGREGATE all_names(text) (SFUNC = join_names, STYPE = text);\n")
            try project.write("schema/02_remote.sql", Self.foreign)

            let refused = await project.run(["generate", "init"])
            #expect(refused.status == 4, "\(refused)")
            #expect(refused.stderr.contains("foreign table public.remote_items"), "\(refused.stderr)")
            #expect(refused.stderr.contains("--allow-unsupported"), "\(refused.stderr)")
            #expect(project.migrationFiles().isEmpty)

            let json = await project.run(["generate", "init", "--format", "json"])
            #expect(json.status == 4)
            let error = try requireJSON(json)["error"]
            #expect(error["code"].string == "unsupported", "\(error)")
            #expect(error["differences"].array?.contains { $0.string == "foreign table public.remote_items" } == true, "\(error)")

            let allowed = await project.run(["generate", "init", "--allow-unsupported"])
            #expect(allowed.status == 0, "\(allowed)")
            let files = project.migrationFiles()
            try #require(files.count == 1, "\(files)")
            let text = try project.read("migrations/" + files[0])
            #expect(text.contains("-- Not compared (create or change these by hand):"), "\(text)")
            #expect(text.contains("--   foreign table public.remote_items (only in the target; not planned)"), "\(text)")
            #expect(text.contains("CREATE OR REPLACE AGGREGATE public.all_names(text)"), "\(text)")
            #expect(!text.contains("FOREIGN TABLE"), "\(text)")
            #expect(allowed.stdout.contains("not compared: foreign table public.remote_items"), "\(allowed.stdout)")

            let push = await project.run(["push", "--yes"])
            #expect(push.status == 4, "\(push)")
            #expect(push.stderr.contains("foreign table public.remote_items"), "\(push.stderr)")
        }
    }

    @Test func generateCheckIsOutOfSyncWhenOnlyAnObjectThatIsNotComparedDiffers() async throws {
        try await withTestDatabase { database in
            let project = try Project.make(config: nil, databaseURL: database.url)
            defer { project.delete() }
            let admin = try await TestServer.adminSettings()
            try project.write("strata.yaml", "environments:\n  dev: {}\nscratch_url: \"\(admin.url(includingPassword: true))\"\n")
            try project.write("schema/01_items.sql", Self.base)
            try project.writeMigration("20240101000000_items.sql", "-- strata:up\n" + Self.base + Self.foreign)

            let check = await project.run(["generate", "--check"])
            #expect(check.status == 4, "a foreign table only the migrations make is a difference: \(check)")
            #expect(check.stdout.contains("Out of sync only in objects Strata does not compare"), "\(check.stdout)")
            #expect(check.stdout.contains("foreign table public.remote_items (only in the source; not planned)"), "\(check.stdout)")

            let generate = await project.run(["generate", "more"])
            #expect(generate.status == 0, "\(generate)")
            #expect(project.migrationFiles().count == 1, "nothing is written")
        }
    }
}
