import Foundation
import StrataTesting
import Testing

/// `down`, `redo`, `reset`, `baseline` and `mark` on `Examples/quickstart`
/// (README "strata down" … "strata mark").
@Suite("rollback and repair on the example project")
struct ExampleRollbackTests {
    @Test(arguments: Format.allCases)
    func downRollsBackTheLastBatch(format: Format) async throws {
        try await withProject({ try Project.quickstart(databaseURL: $0) }) { project, database in
            expectStatus(await project.run(["up", "--to", "20240102090000"]), 0)
            expectStatus(await project.run(["up"]), 0)

            // A dry run shows the down parts and changes nothing.
            let dryRun = await project.run(["down", "--dry-run"] + format.flags)
            expectStatus(dryRun, 0)
            switch format {
            case .text:
                expectContains(dryRun.stdout, "DROP VIEW user_order_totals")
                expectContains(dryRun.stdout, "DROP INDEX CONCURRENTLY IF EXISTS orders_user_id_idx")
                expectLacks(dryRun.stdout, "DROP TABLE users")
            case .json:
                let document = try requireJSON(dryRun)
                #expect(document["dry_run"].bool == true, "\(document)")
                #expect(document["migrations"].array?.map { $0["outcome"].string } == ["planned", "planned"], "\(document)")
            }
            #expect(try await database.history().count == 4)
            #expect(try await database.relationExists("user_order_totals"))

            let result = await project.run(["down"] + format.flags)
            expectStatus(result, 0)
            switch format {
            case .text:
                expectContains(result.stdout, "✓ reverted 20240104090000_user_order_totals")
                expectContains(result.stdout, "✓ reverted 20240103090000_index_orders_by_user")
                expectContains(result.stdout, "Rolled back 2 migrations")
                expectContains(result.stdout, "4 migrations: 2 applied, 2 pending")
            case .json:
                let document = try requireJSON(result)
                #expect(document["direction"].string == "down")
                #expect(document["batch"].int == 2)
                #expect(document["migrations"].array?.map { $0["version"].string } == ["20240104090000", "20240103090000"])
                #expect(document["migrations"].array?.map { $0["outcome"].string } == ["reverted", "reverted"])
                #expect(document["summary"]["applied"].int == 2)
            }
            #expect(try await database.appliedVersions() == ["20240101090000", "20240102090000"])
            #expect(try await database.relationExists("user_order_totals") == false)
            #expect(try await database.relationExists("orders_user_id_idx") == false)
            #expect(try await database.userTables() == ["orders", "users"])
        }
    }

    @Test(arguments: Format.allCases)
    func downStepsAndDownToRollBackNewestFirst(format: Format) async throws {
        try await withProject({ try Project.quickstart(databaseURL: $0) }) { project, database in
            expectStatus(await project.run(["up"]), 0)

            let steps = await project.run(["down", "--steps", "1"] + format.flags)
            expectStatus(steps, 0)
            let afterSteps = try await database.appliedVersions()
            #expect(afterSteps == ["20240101090000", "20240102090000", "20240103090000"])

            let to = await project.run(["down", "--to", "20240101090000"] + format.flags)
            expectStatus(to, 0)
            #expect(try await database.appliedVersions() == ["20240101090000"])
            #expect(try await database.userTables() == ["users"])
            #expect(try await database.value("SELECT count(*) FROM pg_type WHERE typname = 'order_status'") == "0")
            switch format {
            case .text:
                expectContains(steps.stdout, "Rolled back 1 migration")
                let reverted = to.stdout.split(separator: "\n").filter { $0.contains("✓ reverted") }
                #expect(reverted.count == 2, "\(to)")
                #expect(reverted.first?.contains("20240103090000") == true, "\(to)")
                #expect(reverted.last?.contains("20240102090000") == true, "\(to)")
            case .json:
                #expect(try requireJSON(steps)["migrations"].array?.map { $0["version"].string } == ["20240104090000"])
                #expect(try requireJSON(to)["migrations"].array?.map { $0["version"].string } == ["20240103090000", "20240102090000"])
            }

            // The rest of the batch goes with a plain `down`.
            expectStatus(await project.run(["down"] + format.flags), 0)
            #expect(try await database.history() == [])
            #expect(try await database.userTables() == [])
        }
    }

    @Test(arguments: Format.allCases)
    func redoRevertsAndReappliesTheLastBatch(format: Format) async throws {
        try await withProject({ try Project.quickstart(databaseURL: $0) }) { project, database in
            expectStatus(await project.run(["up", "--to", "20240102090000"]), 0)
            expectStatus(await project.run(["up"]), 0)
            let viewBefore = try await database.value("SELECT 'public.user_order_totals'::regclass::oid")

            let result = await project.run(["redo"] + format.flags)
            expectStatus(result, 0)
            switch format {
            case .text:
                expectContains(result.stdout, "Rolled back 2 migrations")
                expectContains(result.stdout, "Applied 2 migrations in batch 2")
            case .json:
                let document = try requireJSON(result)
                let runs = document["runs"].array ?? []
                #expect(runs.map { $0["direction"].string } == ["down", "up"], "\(document)")
                #expect(runs.last?["migrations"].array?.map { $0["outcome"].string } == ["applied", "applied"])
                #expect(document["summary"]["applied"].int == 4, "\(document)")
            }
            #expect(try await database.history().map(\.batch) == [1, 1, 2, 2])
            // The view was dropped and created again, not left alone.
            let viewAfter = try await database.value("SELECT 'public.user_order_totals'::regclass::oid")
            #expect(viewAfter != nil && viewAfter != viewBefore)
            #expect(try await database.userTables() == ["orders", "users"])
        }
    }

    @Test(arguments: Format.allCases)
    func resetNeedsForceThenRollsBackEverything(format: Format) async throws {
        try await withProject({ try Project.quickstart(databaseURL: $0) }) { project, database in
            expectStatus(await project.run(["up", "--to", "20240102090000"]), 0)
            expectStatus(await project.run(["up"]), 0)

            let refused = await project.run(["reset"] + format.flags)
            expectStatus(refused, 2)
            expectContains(refused.stderr, "--force")
            if format == .json {
                let document = try requireJSON(refused)
                #expect(document["error"]["exit_code"].int == 2, "\(document)")
                #expect(document["error"]["message"].string?.contains("--force") == true, "\(document)")
            }
            #expect(try await database.history().count == 4)

            let dryRun = await project.run(["reset", "--dry-run"] + format.flags)
            expectStatus(dryRun, 0)
            #expect(try await database.history().count == 4)

            let forced = await project.run(["reset", "--force"] + format.flags)
            expectStatus(forced, 0)
            switch format {
            case .text:
                expectContains(dryRun.stdout, "DROP VIEW user_order_totals")
                expectContains(forced.stdout, "Rolled back 4 migrations")
            case .json:
                #expect(try requireJSON(dryRun)["migrations"].array?.count == 4)
                #expect(try requireJSON(forced)["migrations"].array?.map { $0["version"].string }
                    == ["20240104090000", "20240103090000", "20240102090000", "20240101090000"])
            }
            #expect(try await database.history() == [])
            #expect(try await database.userTables() == [])
        }
    }

    /// Adopting Strata on a database that already has the first two migrations' schema.
    @Test(arguments: Format.allCases)
    func baselineRecordsWithoutRunningThenUpContinues(format: Format) async throws {
        try await withProject({ try Project.quickstart(databaseURL: $0) }) { project, database in
            for file in Paths.quickstartMigrations.prefix(2) {
                let text = try project.read("migrations/" + file)
                let up = try #require(text.range(of: "-- strata:up")?.upperBound)
                let down = try #require(text.range(of: "-- strata:down")?.lowerBound)
                expectStatus(try await Tools.psql(database.url, String(text[up..<down])), 0)
            }

            let result = await project.run(["baseline", "20240102090000"] + format.flags)
            expectStatus(result, 0)
            switch format {
            case .text:
                expectContains(result.stdout, "Recorded 2 migration(s) up to 20240102090000")
                expectContains(result.stdout, "4 migrations: 2 applied, 2 pending")
            case .json:
                let document = try requireJSON(result)
                #expect(document["migrations"].array?.map { $0["outcome"].string } == ["recorded", "recorded"], "\(document)")
                #expect(document["summary"]["applied"].int == 2, "\(document)")
            }
            let history = try await database.history()
            #expect(history.map(\.version) == ["20240101090000", "20240102090000"])
            #expect(history.map(\.batch) == [1, 1])
            #expect(history.first?.checksum == (try await Tools.sha256(ofFile: project.path("migrations/" + Paths.quickstartMigrations[0]))))

            // Running the baselined files again would fail (their tables exist): up must not.
            expectStatus(await project.run(["up"]), 0)
            #expect(try await database.history().map(\.batch) == [1, 1, 2, 2])
        }
    }

    @Test(arguments: Format.allCases)
    func markAppliedAndPendingRepairTheHistoryWithoutRunningAnything(format: Format) async throws {
        try await withProject({ try Project.quickstart(databaseURL: $0) }) { project, database in
            let applied = await project.run(["mark", "20240101090000", "--applied"] + format.flags)
            expectStatus(applied, 0)
            let history = try await database.history()
            #expect(history.map(\.version) == ["20240101090000"])
            #expect(history.first?.state == "applied")
            #expect(history.first?.checksum == (try await Tools.sha256(ofFile: project.path("migrations/" + Paths.quickstartMigrations[0]))))
            #expect(try await database.userTables() == [], "mark --applied ran the migration")

            let pending = await project.run(["mark", "20240101090000", "--pending"] + format.flags)
            expectStatus(pending, 0)
            #expect(try await database.history() == [])
            switch format {
            case .text:
                expectContains(applied.stdout, "Marked 20240101090000_create_users as applied")
                expectContains(pending.stdout, "pending now")
            case .json:
                #expect(try requireJSON(applied)["migrations"][0]["outcome"].string == "recorded", "\(applied)")
                #expect(try requireJSON(pending)["migrations"][0]["outcome"].string == "unrecorded", "\(pending)")
            }

            // Marking needs exactly one of the two flags, and a version that exists.
            expectStatus(await project.run(["mark", "20240101090000"]), 2)
            expectStatus(await project.run(["mark", "20991231000000", "--applied"]), 2)
        }
    }
}
