import Foundation
import StrataTesting
import Testing

/// `strata up` and its options on `Examples/quickstart` (README "strata up"; DESIGN §5, §7).
@Suite("up on the example project")
struct ExampleUpTests {
    static let versions = ["20240101090000", "20240102090000", "20240103090000", "20240104090000"]

    @Test(arguments: Format.allCases)
    func upAppliesEveryMigrationAsOneBatch(format: Format) async throws {
        try await withProject({ try Project.quickstart(databaseURL: $0) }) { project, database in
            let result = await project.run(["up"] + format.flags)
            expectStatus(result, 0)
            switch format {
            case .text:
                expectContains(result.stdout, "Target: postgres://")
                expectContains(result.stdout, "(DATABASE_URL, environment dev)")
                for name in Paths.quickstartMigrations {
                    expectContains(result.stdout, "✓ applied " + name.replacingOccurrences(of: ".sql", with: ""))
                }
                expectContains(result.stdout, "Applied 4 migrations in batch 1 (batch mode")
                expectContains(result.stdout, "4 migrations: 4 applied")
            case .json:
                let document = try requireJSON(result)
                expectKeys(document, ["target", "direction", "batch", "dry_run", "transaction_mode", "migrations", "summary"])
                #expect(document["direction"].string == "up")
                #expect(document["batch"].int == 1)
                #expect(document["dry_run"].bool == false)
                #expect(document["transaction_mode"].string == "batch")
                #expect(document["target"]["source"].string == "DATABASE_URL", "\(document["target"])")
                #expect(document["target"]["environment"].string == "dev")
                #expect(document["target"]["protected"].bool == false)
                let migrations = document["migrations"].array ?? []
                #expect(migrations.map { $0["version"].string } == Self.versions)
                for entry in migrations {
                    expectKeys(entry, ["version", "name", "outcome", "duration_ms"])
                    #expect(entry["outcome"].string == "applied", "\(entry)")
                    #expect(entry["duration_ms"].int != nil, "\(entry)")
                }
                // Progress goes to stderr, so that stdout holds only the document.
                expectContains(result.stderr, "✓ applied 20240101090000_create_users")
                #expect(document["summary"]["applied"].int == 4, "\(document["summary"])")
                #expect(document["summary"]["pending"].int == 0, "\(document["summary"])")
                #expect(document["summary"]["total"].int == 4, "\(document["summary"])")
            }

            // The history: one row per file, batch 1, the file's SHA-256.
            let history = try await database.history()
            #expect(history.map(\.version) == Self.versions)
            for (row, file) in zip(history, Paths.quickstartMigrations) {
                #expect(row.batch == 1, "\(row)")
                #expect(row.state == "applied", "\(row)")
                #expect(row.appliedBy == "postgres", "\(row)")
                #expect(row.name + ".sql" == String(file.drop { $0 != "_" }.dropFirst()), "\(row)")
                #expect(row.checksum == (try await Tools.sha256(ofFile: project.path("migrations/" + file))), "\(row)")
            }
            // The schema: tables, the concurrently built index (valid), the view and the
            // BEGIN ATOMIC function all work.
            #expect(try await database.userTables() == ["orders", "users"])
            #expect(try await database.value(
                "SELECT indisvalid FROM pg_index WHERE indexrelid = 'public.orders_user_id_idx'::regclass"
            ) == "t")
            try await database.execute("INSERT INTO users (email) VALUES ('a@example.com')")
            try await database.execute("INSERT INTO orders (user_id, total_cents) SELECT id, 250 FROM users")
            #expect(try await database.value("SELECT order_count(id) FROM users") == "1")
            #expect(try await database.value("SELECT total_cents FROM user_order_totals") == "250")

            // A second run finds nothing to do.
            let again = await project.run(["up"] + format.flags)
            expectStatus(again, 0)
            if format == .text {
                expectContains(again.stdout, "Nothing to apply")
            } else {
                #expect(try requireJSON(again)["migrations"].array == [], "\(again)")
            }
            #expect(try await database.history().count == 4)
        }
    }

    @Test(arguments: Format.allCases)
    func dryRunShowsTheSQLWithTransactionBoundariesAndChangesNothing(format: Format) async throws {
        try await withProject({ try Project.quickstart(databaseURL: $0) }) { project, database in
            let result = await project.run(["up", "--dry-run"] + format.flags)
            expectStatus(result, 0)
            switch format {
            case .text:
                let out = result.stdout
                // Files 1-2 in one transaction, the no-transaction index alone, then file 4.
                let marks = [
                    "BEGIN;", "CREATE TABLE users", "CREATE TYPE order_status", "COMMIT;",
                    "CREATE INDEX CONCURRENTLY orders_user_id_idx", "BEGIN;", "BEGIN ATOMIC", "COMMIT;",
                ]
                var position = out.startIndex
                for mark in marks {
                    let found = out.range(of: mark, range: position..<out.endIndex)
                    #expect(found != nil, "\"\(mark)\" missing or out of order in:\n\(out)")
                    if let found { position = found.upperBound }
                }
                expectContains(out, "(no transaction)")
                expectContains(out, "Nothing was changed")
            case .json:
                let document = try requireJSON(result)
                #expect(document["dry_run"].bool == true)
                let migrations = document["migrations"].array ?? []
                #expect(migrations.map { $0["version"].string } == Self.versions)
                #expect(migrations.map { $0["outcome"].string } == Array(repeating: "planned", count: 4))
                #expect(migrations.map { $0["transactional"].bool } == [true, true, false, true])
                #expect(migrations.allSatisfy { !($0["statements"].array ?? []).isEmpty }, "\(document)")
            }
            #expect(try await database.historyTableExists() == false)
            #expect(try await database.userTables() == [])
        }
    }

    @Test(arguments: Format.allCases)
    func upToAndStepsApplyPartOfTheQueueInNewBatches(format: Format) async throws {
        try await withProject({ try Project.quickstart(databaseURL: $0) }) { project, database in
            let to = await project.run(["up", "--to", "20240102090000"] + format.flags)
            expectStatus(to, 0)
            #expect(try await database.appliedVersions() == Array(Self.versions.prefix(2)))

            // `migrate` is an alias of `up`.
            let steps = await project.run(["migrate", "--steps", "1"] + format.flags)
            expectStatus(steps, 0)
            switch format {
            case .text:
                expectContains(to.stdout, "Applied 2 migrations in batch 1")
                expectContains(to.stdout, "4 migrations: 2 applied, 2 pending")
                expectContains(steps.stdout, "✓ applied 20240103090000_index_orders_by_user")
                expectContains(steps.stdout, "Applied 1 migration in batch 2")
            case .json:
                let first = try requireJSON(to), second = try requireJSON(steps)
                #expect(first["batch"].int == 1)
                #expect(first["migrations"].array?.count == 2)
                #expect(first["summary"]["pending"].int == 2, "\(first["summary"])")
                #expect(second["batch"].int == 2)
                #expect(second["migrations"].array?.map { $0["version"].string } == ["20240103090000"])
            }
            expectStatus(await project.run(["up"] + format.flags), 0)
            #expect(try await database.history().map(\.batch) == [1, 1, 2, 3])
        }
    }

    /// `--quiet` prints only the result; `--verbose` adds each statement on stderr.
    @Test func quietAndVerboseChangeOnlyHowMuchIsPrinted() async throws {
        try await withProject({ try Project.quickstart(databaseURL: $0) }) { project, database in
            let quiet = await project.run(["up", "--to", "20240101090000", "--quiet"])
            expectStatus(quiet, 0)
            expectLacks(quiet.output, "Target:")
            expectLacks(quiet.output, "✓ applied")
            expectContains(quiet.stdout, "Applied 1 migration in batch 1")

            let verbose = await project.run(["up", "--verbose"])
            expectStatus(verbose, 0)
            expectContains(verbose.stderr, "CREATE TYPE order_status")
            expectContains(verbose.stderr, "CREATE INDEX CONCURRENTLY orders_user_id_idx")
            expectContains(verbose.stdout, "Applied 3 migrations in batch 2")
            let batches = try await database.history().map(\.batch)
            #expect(batches == [1, 2, 2, 2])
        }
    }

    /// Global flags may come before the command, and `-C` runs in another folder
    /// (README "Commands"); here through the real executable.
    @Test func globalFlagsBeforeTheCommandWorkInTheExecutable() async throws {
        try await withProject({ try Project.quickstart(databaseURL: $0) }) { project, database in
            let elsewhere = try Project.empty()
            defer { elsewhere.delete() }
            let result = try await elsewhere.runProcess(
                ["-C", project.directory, "--url", database.url, "--format", "json", "up", "--to", "20240101090000"]
            )
            expectStatus(result, 0)
            let document = try requireJSON(result)
            #expect(document["target"]["source"].string == "--url", "\(document)")
            #expect(document["migrations"].array?.count == 1)
            #expect(try await database.appliedVersions() == ["20240101090000"])
        }
    }
}
