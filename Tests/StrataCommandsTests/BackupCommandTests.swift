import Foundation
import StrataPostgres
import StrataTesting
import Testing

/// `strata backup` and `strata restore`: archives checked and recorded, restored into
/// another database with an equal schema and equal row counts, refused on a protected
/// environment, and taken by `up` (`backup.before_up`).
@Suite struct BackupCommandTests {
    /// The quickstart migrations with dev and a protected prod on the test database.
    static func project(databaseURL: String, extra: String = "", scratchURL: String? = nil) async throws -> Project {
        let admin = try await TestServer.adminSettings()
        let project = try Project.quickstart(databaseURL: databaseURL)
        try project.write("strata.yaml", """
            migrations: migrations
            scratch_url: "\(scratchURL ?? admin.url(includingPassword: true))"
            environments:
              dev: {url: "${DATABASE_URL}"}
              prod: {url: "${DATABASE_URL}", protected: true}
            \(extra)
            """)
        return project
    }

    /// Rows in the quickstart tables, a grant to a role, and a second schema.
    static func fill(_ database: TestDatabase) async throws {
        try await TestServer.ensureRoles(["strata_backup_reader"])
        for statement in [
            "INSERT INTO users (email, display_name) SELECT 'user' || g || '@example.com', 'User ' || g FROM generate_series(1, 250) g",
            """
            INSERT INTO orders (user_id, status, total_cents)
                SELECT 1 + g % 250, (ARRAY['pending', 'paid', 'shipped']::order_status[])[1 + g % 3], g * 7 FROM generate_series(1, 500) g
            """,
            "CREATE SCHEMA audit",
            "CREATE TABLE audit.events (id bigserial PRIMARY KEY, happened_at timestamptz NOT NULL DEFAULT now(), payload jsonb)",
            "INSERT INTO audit.events (payload) SELECT jsonb_build_object('n', g) FROM generate_series(1, 40) g",
            "CREATE TABLE audit.empty (id int)",
            "GRANT SELECT ON users, audit.events TO strata_backup_reader",
        ] {
            try await database.execute(statement)
        }
    }

    /// The exact row count of every table, read by the test itself.
    static func rowCounts(_ database: TestDatabase) async throws -> [String: Int] {
        var counts: [String: Int] = [:]
        for table in ["public.users", "public.orders", "public.strata_migrations", "audit.events", "audit.empty"] {
            counts[table] = Int(try await database.value("SELECT count(*) FROM \(table)") ?? "") ?? -1
        }
        return counts
    }

    @Test func aBackupRestoredIntoAnotherDatabaseHasTheSameSchemaAndRows() async throws {
        try await withTestDatabase { source in
            try await TestDatabase.withDatabase("backup_restored") { copy in
                let project = try await Self.project(databaseURL: source.url)
                defer { project.delete() }
                expectStatus(await project.run(["up"]), 0)
                try await Self.fill(source)

                let backup = await project.run(["backup", "--output", "out/shop.dump", "--format", "json"])
                try #require(backup.status == 0, "\(backup)")
                let document = try requireJSON(backup)
                expectKeys(document, [
                    "archive", "manifest", "sha256", "size", "schema_only", "taken_at", "source", "server_version", "pg_dump_version",
                    "pg_dump", "entries", "table_data_entries", "tables", "rows", "pruned", "dump_ms", "check_ms",
                ])
                #expect(document["archive"].string == "out/shop.dump")
                #expect(document["manifest"].string == "out/shop.dump.json")
                let sha256 = try await Tools.sha256(ofFile: project.path("out/shop.dump"))
                #expect(document["sha256"].string == sha256)
                let size = try FileManager.default.attributesOfItem(atPath: project.path("out/shop.dump"))[.size] as? Int
                #expect(document["size"].int == size)
                #expect(document["rows"].int == 250 + 500 + 40 + 4)
                #expect(document["table_data_entries"].int == 5)

                let manifest = try #require(JSONValue.parse(try project.read("out/shop.dump.json")))
                #expect(manifest["strata_backup"].int == 1)
                #expect(manifest["sha256"].string == sha256)
                #expect(manifest["source"]["environment"].string == "dev")
                let tables = manifest["tables"].array ?? []
                let recorded = Dictionary(uniqueKeysWithValues: tables.map { ("\($0["schema"].string ?? "").\($0["name"].string ?? "")", $0["rows"].int ?? -1) })
                #expect(recorded == (try await Self.rowCounts(source)))

                let restored = await project.run(["restore", "out/shop.dump", "--url", copy.url])
                try #require(restored.status == 0, "\(restored)")
                expectContains(restored.stdout, "Restored out/shop.dump into env:dev")
                expectContains(restored.stdout, "match out/shop.dump.json")
                let expected = try await SchemaFingerprint.read(source.settings, options: .init(owners: false))
                let actual = try await SchemaFingerprint.read(copy.settings, options: .init(owners: false))
                #expect(expected == actual, "\(expected.difference(to: actual))")
                #expect(try await Self.rowCounts(copy) == (try await Self.rowCounts(source)))

                // Without --output: the backup folder, named after environment, database and time.
                let text = await project.run(["backup"])
                try #require(text.status == 0, "\(text)")
                expectContains(text.stdout, "Backed up env:dev (")
                expectContains(text.stdout, "to .strata/backups/dev-\(source.name)-")
                expectContains(text.stdout, "5 tables with 794 rows counted in the dump's snapshot")
                let folder = try FileManager.default.contentsOfDirectory(atPath: project.path(".strata/backups")).sorted()
                #expect(folder.count == 2 && folder[0].hasSuffix(".dump") && folder[1].hasSuffix(".dump.json"), "\(folder)")
            }
        }
    }

    @Test func restoreIsRefusedOnAProtectedEnvironmentWithoutForce() async throws {
        try await withTestDatabase { source in
            try await TestDatabase.withDatabase("backup_protected") { target in
                let project = try await Self.project(databaseURL: source.url)
                defer { project.delete() }
                expectStatus(await project.run(["up"]), 0)
                expectStatus(await project.run(["backup", "--env", "prod", "--output", "prod.dump"]), 0)

                let variables = ["DATABASE_URL": target.url]
                let refused = await project.run(["restore", "prod.dump", "--env", "prod"], variables: variables)
                expectStatus(refused, 2)
                expectContains(refused.stderr, "environment prod is protected; `strata restore` into it needs --force")
                #expect(try await target.userTables().isEmpty, "nothing was restored")
                let json = await project.run(["restore", "prod.dump", "--env", "prod", "--format", "json"], variables: variables)
                expectStatus(json, 2)
                #expect(try requireJSON(json)["error"]["code"].string == "configuration")

                let forced = await project.run(["restore", "prod.dump", "--env", "prod", "--force", "--jobs", "1"], variables: variables)
                try #require(forced.status == 0, "\(forced)")
                #expect(try await target.userTables() == ["orders", "users"])
                #expect(try await target.appliedVersions().count == 4, "the history comes with the backup")
            }
        }
    }

    @Test func restoringOverExistingObjectsNeedsClean() async throws {
        try await withTestDatabase { database in
            let project = try await Self.project(databaseURL: database.url)
            defer { project.delete() }
            expectStatus(await project.run(["up"]), 0)
            try await Self.fill(database)
            let before = try await Self.rowCounts(database)
            expectStatus(await project.run(["backup", "--output", "before.dump"]), 0)
            try await database.execute("DELETE FROM orders WHERE id % 2 = 0")
            try await database.execute("INSERT INTO users (email) VALUES ('late@example.com')")

            let conflict = await project.run(["restore", "before.dump"])
            expectStatus(conflict, 1)
            expectContains(conflict.stderr, "pg_restore of before.dump into")
            expectContains(conflict.stderr, "already exists")
            expectContains(conflict.stderr, "add --clean")

            let cleaned = await project.run(["restore", "before.dump", "--clean", "--format", "json"])
            try #require(cleaned.status == 0, "\(cleaned)")
            #expect(try requireJSON(cleaned)["clean"].bool == true)
            #expect(try await Self.rowCounts(database) == before, "back to the rows of the backup")
        }
    }

    @Test func upTakesABackupFirstWhenSomethingIsPendingAndPrunes() async throws {
        try await withTestDatabase { database in
            let project = try await Self.project(databaseURL: database.url, extra: "backup: {before_up: always, dir: backups, keep: 2}")
            defer { project.delete() }
            let migrations = Paths.quickstartMigrations
            for name in migrations.dropFirst() { try project.remove("migrations/" + name) }

            var clock = Date(timeIntervalSince1970: 1_738_324_800)  // 2025-01-31T12:00:00Z
            func archives() -> [String] {
                ((try? FileManager.default.contentsOfDirectory(atPath: project.path("backups"))) ?? []).filter { $0.hasSuffix(".dump") }.sorted()
            }
            let first = await project.run(["up"], now: clock)
            try #require(first.status == 0, "\(first)")
            expectContains(first.stdout, "Backing up env:dev before migrating (backup.before_up: always)")
            expectContains(first.stdout, "Backed up to backups/dev-\(database.name)-20250131T120000Z.dump")
            #expect(archives() == ["dev-\(database.name)-20250131T120000Z.dump"])
            // Taken before anything was applied: the manifest has no users table.
            let manifest = try #require(JSONValue.parse(try project.read("backups/" + archives()[0] + ".json")))
            #expect(manifest["tables"].array?.isEmpty == true, "\(manifest["tables"])")

            clock += 60
            let idle = await project.run(["up"], now: clock)
            expectStatus(idle, 0)
            expectLacks(idle.stdout, "Backed up")
            #expect(archives().count == 1, "nothing pending: no backup")

            for (index, name) in migrations.dropFirst().enumerated() {
                try project.writeMigration(name, try String(contentsOfFile: Paths.quickstart + "/migrations/" + name, encoding: .utf8))
                clock += 60
                let run = await project.run(["up", "--steps", "1"], now: clock)
                try #require(run.status == 0, "\(run)")
                if index == 1 { expectContains(run.stdout, "Pruned 1 older.") }
            }
            #expect(archives() == ["dev-\(database.name)-20250131T120300Z.dump", "dev-\(database.name)-20250131T120400Z.dump"])
            #expect(project.exists("backups/dev-\(database.name)-20250131T120400Z.dump.json"))
            #expect(!project.exists("backups/dev-\(database.name)-20250131T120000Z.dump.json"), "pruned with its archive")
            #expect(try await database.appliedVersions().count == 4)
        }
    }

    @Test func byDefaultOnlyProtectedEnvironmentsAreBackedUpBeforeUp() async throws {
        try await withTestDatabase { database in
            let project = try await Self.project(databaseURL: database.url)
            defer { project.delete() }
            let name = Paths.quickstartMigrations[3]
            try project.remove("migrations/" + name)
            let dev = await project.run(["up"])
            expectStatus(dev, 0)
            expectLacks(dev.stdout, "Backing up")
            #expect(!project.exists(".strata/backups"))

            try project.writeMigration(name, try String(contentsOfFile: Paths.quickstart + "/migrations/" + name, encoding: .utf8))
            let prod = await project.run(["up", "--env", "prod", "--format", "json"])
            try #require(prod.status == 0, "\(prod)")
            expectContains(prod.stderr, "Backed up to .strata/backups/prod-\(database.name)-")
            #expect(try requireJSON(prod)["migrations"].array?.count == 1, "stdout holds the run report only")
            let folder = (try? FileManager.default.contentsOfDirectory(atPath: project.path(".strata/backups"))) ?? []
            #expect(folder.filter { $0.hasSuffix(".dump") }.count == 1, "\(folder)")
        }
    }

    @Test func aPasswordNeverAppearsInOutputOrManifest() async throws {
        try await withTestDatabase { database in
            try await withPasswordRole(on: database) { role, password in
                for statement in ["CREATE TABLE t (id int)", "INSERT INTO t VALUES (1), (2)", "GRANT SELECT ON t TO \(role)"] {
                    try await database.execute(statement)
                }
                let url = try await database.tcpURL(user: role, password: password)
                let project = try Project.make()
                defer { project.delete() }
                for format in [["--format", "json"], []] {
                    let backup = await project.run(["backup", "--url", url, "--output", "t.dump"] + format)
                    try #require(backup.status == 0, "\(backup)")
                    expectLacks(backup.output, password)
                    expectContains(backup.output, "\(role):***@")
                }
                expectLacks(try project.read("t.dump.json"), password)
                let wrong = await project.run(["backup", "--url", url.replacingOccurrences(of: password, with: password + "x"), "--output", "u.dump"])
                expectStatus(wrong, 3)
                expectLacks(wrong.output, password)
                #expect(!project.exists("u.dump") && !project.exists("u.dump.partial"))
                let wrongRestore = await project.run(["restore", "t.dump", "--url", url.replacingOccurrences(of: password, with: password + "x")])
                expectStatus(wrongRestore, 3)
                expectLacks(wrongRestore.output, password)
            }
        }
    }
}
