#if canImport(Glibc)
import Glibc
#endif
import Foundation
import StrataTesting
import Testing

/// Fleet runs under stress: two at once, one killed midway, an unreachable server, the
/// failure policy and waves.
@Suite("fleet: concurrency, kills, failures")
struct FleetRunTests {
    static let lockKey = 4343

    /// 0001 records its run in `runs`; 0002 waits for the test's advisory lock in tenants
    /// after tenant_004 (so that a run can be caught midway), and records its run too.
    static let migrations: [String: String] = [
        "0001_runs.sql": """
            -- strata:up
            CREATE TABLE runs (version text NOT NULL);
            INSERT INTO runs VALUES ('0001');
            -- strata:down
            DROP TABLE runs;

            """,
        "0002_waits.sql": """
            -- strata:up
            SELECT pg_advisory_xact_lock(\(lockKey)) FROM (SELECT 1) AS one WHERE current_schema() > 'tenant_004';
            CREATE TABLE orders (id int);
            INSERT INTO runs VALUES ('0002');
            -- strata:down
            DROP TABLE orders;
            DELETE FROM runs WHERE version = '0002';

            """,
    ]

    static func config(_ variables: [String]) -> String {
        "environments:\n  dev: {}\nfleet:\n  targets:\n" + FleetYAML.database(variables[0]) + FleetYAML.tenants(variables[1])
    }

    /// Every tenant's `runs` rows as `version,version`, read by the test.
    static func tenantRuns(_ database: TestDatabase, count: Int) async throws -> [String] {
        var runs: [String] = []
        for number in 1...count {
            let schema = String(format: "tenant_%03d", number)
            runs.append(try await database.value("SELECT coalesce(string_agg(version, ',' ORDER BY version), '') FROM \(schema).runs") ?? "?")
        }
        return runs
    }

    @Test func twoFleetUpsAtOnceApplyEachMigrationOncePerTarget() async throws {
        try await FleetScenario.with([("solo", .second), ("shared", .first)], migrations: Self.migrations, config: Self.config) { fleet in
            let shared = fleet.databases[1]
            try await shared.createTenants(30)
            let one = try fleet.spawn(["fleet", "up", "--parallel", "4", "--format", "json"])
            let two = try fleet.spawn(["fleet", "up", "--parallel", "4", "--format", "json"])
            let results = [await one.finish(timeout: .seconds(90)), await two.finish(timeout: .seconds(90))]
            for result in results { expectStatus(result, 0) }
            let applied = try results.map { try requireJSON($0)["summary"]["migrations_applied"].int ?? -1 }
            #expect(applied.reduce(0, +) == 62, "each migration once per target over both runs: \(applied)")
            let histories = try await shared.tenantHistories()
            #expect(histories.count == 30)
            #expect(Set(histories.values) == ["0001@1,0002@1"])
            #expect(Set(try await Self.tenantRuns(shared, count: 30)) == ["0001,0002"])
            #expect(try await fleet.databases[0].historyLine() == "0001@1,0002@1")
            #expect(try await fleet.databases[0].value("SELECT string_agg(version, ',' ORDER BY version) FROM runs") == "0001,0002")
        }
    }

    @Test func aFleetRunKilledMidwayIsCompletedByTheNextWithExactHistory() async throws {
        try await FleetScenario.with([("solo", .second), ("shared", .first)], migrations: Self.migrations, config: Self.config) { fleet in
            let shared = fleet.databases[1]
            try await shared.createTenants(12)
            let lock = try await HeldAdvisoryLock.take(Self.lockKey, on: shared)
            do {
                let run = try fleet.spawn(["fleet", "up", "--parallel", "4", "--continue-on-error"])
                // solo and tenants 001-004 finish; 005-008 then hold every slot, blocked in 0002.
                try await Self.waitForBlockedSessions(4, on: shared, while: { run.isRunning })
                run.send(SIGKILL)
                let killed = await run.finish(timeout: .seconds(30))
                #expect(killed.status == 128 + SIGKILL, "\(killed)")
            } catch {
                await lock.release()
                throw error
            }
            await lock.release()

            var histories = try await shared.tenantHistories()
            #expect((1...4).map { histories[String(format: "tenant_%03d", $0)] } == Array(repeating: "0001@1,0002@1", count: 4))
            #expect((5...8).allSatisfy { histories[String(format: "tenant_%03d", $0)] == "" }, "killed mid-batch: nothing recorded, \(histories)")
            #expect((9...12).allSatisfy { histories[String(format: "tenant_%03d", $0)] == "-" }, "never started: \(histories)")
            #expect(try await shared.tenantsWithTable("runs") == 4, "the killed batches rolled back whole")

            let rerun = await fleet.run(["fleet", "up", "--parallel", "4"])
            expectStatus(rerun, 0)
            expectContains(rerun.stdout, "Fleet up: 13 of 13 targets succeeded; 16 migrations applied")
            histories = try await shared.tenantHistories()
            #expect(Set(histories.values) == ["0001@1,0002@1"])
            #expect(Set(try await Self.tenantRuns(shared, count: 12)) == ["0001,0002"])
            #expect(try await fleet.databases[0].historyLine() == "0001@1,0002@1")
        }
    }

    @Test func aSignalStartsNoMoreTargetsAndRollsBackTheRunningOnes() async throws {
        try await FleetScenario.with([("solo", .second), ("shared", .first)], migrations: Self.migrations, config: Self.config) { fleet in
            let shared = fleet.databases[1]
            try await shared.createTenants(12)
            let lock = try await HeldAdvisoryLock.take(Self.lockKey, on: shared)
            let stopped: CLIResult
            do {
                let run = try fleet.spawn(["fleet", "up", "--parallel", "4", "--continue-on-error", "--format", "json"])
                try await Self.waitForBlockedSessions(4, on: shared, while: { run.isRunning })
                run.send(SIGTERM)
                // The running statements are cancelled on the server while the test still holds the lock.
                stopped = await run.finish(timeout: .seconds(30))
            } catch {
                await lock.release()
                throw error
            }
            await lock.release()
            expectStatus(stopped, 1)
            expectContains(stopped.stderr, "terminated, starting no more targets")
            let document = try requireJSON(stopped)
            #expect(document["summary"]["stopped"].string == "interrupted")
            let outcomes = document["targets"].array?.map { $0["outcome"].string ?? "" } ?? []
            #expect(outcomes == Array(repeating: "applied", count: 5) + Array(repeating: "failed", count: 4) + Array(repeating: "skipped", count: 4))
            #expect(document["targets"][5]["error"]["code"].string == "interrupted")
            let histories = try await shared.tenantHistories()
            #expect((5...8).allSatisfy { histories[String(format: "tenant_%03d", $0)] == "" }, "\(histories)")
            #expect((9...12).allSatisfy { histories[String(format: "tenant_%03d", $0)] == "-" }, "\(histories)")
            #expect(try await shared.tenantsWithTable("runs") == 4)
        }
    }

    @Test func anUnreachableServerFailsItsTargetsAndTheOthersRun() async throws {
        let port = try LoopbackSockets.freePort()
        let gone = "postgres://postgres@127.0.0.1:\(port)/nowhere?connect_timeout=2"
        try await FleetScenario.with([("reachable", .second)], migrations: Self.migrations, config: { variables in
            "fleet:\n  targets:\n    - url: \"\(gone)\"\n      schemas: 'SELECT 1'\n" + FleetYAML.database(variables[0]) + "    - url: \"\(gone)\"\n"
        }) { fleet in
            let mixed = await fleet.run(["fleet", "up", "--continue-on-error", "--format", "json"])
            expectStatus(mixed, 1)
            let targets = try #require(try requireJSON(mixed)["targets"].array)
            #expect(targets.map { $0["outcome"].string ?? "" } == ["failed", "applied", "failed"])
            #expect(targets[0]["error"]["code"].string == "schema-listing")
            #expect(targets[0]["error"]["exit_code"].int == 3)
            #expect(targets[2]["error"]["code"].string == "cannot-connect")
            #expect(targets[2]["error"]["exit_code"].int == 3)
            #expect(try requireJSON(mixed)["summary"]["unreachable"].int == 2)
            #expect(try await fleet.databases[0].historyLine() == "0001@1,0002@1")

            // Nothing reachable: exit 3. By default the first failure (the listing) stops the
            // run, so the other target is skipped and named.
            let none = await fleet.run(["fleet", "up", "--only", "nowhere"])
            expectStatus(none, 3)
            expectContains(none.stdout, "cannot list the schemas of 127.0.0.1:\(port)/nowhere")
            expectContains(none.stdout, "Skipped 1 target: stopped after the first failure.")
            expectLacks(none.output, "postgres://postgres:")
        }
    }

    @Test func theFirstFailureStopsTheFleetAndAFailedCanaryWaveStopsTheRest() async throws {
        try await FleetScenario.with([("shared", .first)], migrations: Self.migrations, config: { variables in
            "fleet:\n  parallel: 1\n  targets:\n" + FleetYAML.tenants(variables[0])
        }) { fleet in
            let shared = fleet.databases[0]
            try await shared.createTenants(6)
            try await shared.execute("CREATE TABLE tenant_003.orders (note text)")
            let stopped = await fleet.run(["fleet", "up", "--format", "json"])
            expectStatus(stopped, 1)
            let document = try requireJSON(stopped)
            #expect(document["targets"].array?.map { $0["outcome"].string ?? "" } == ["applied", "applied", "failed", "skipped", "skipped", "skipped"])
            #expect(document["targets"][3]["skip_reason"].string == "stopped after the first failure")
            #expect(document["summary"]["stopped"].string == "failure-limit")

            try fleet.project.write(
                "strata.yaml",
                "fleet:\n  parallel: 2\n  waves:\n    - match: \"tenant_003\"\n    - match: \"*\"\n  targets:\n" + FleetYAML.tenants("SHARED_URL")
            )
            let canary = await fleet.run(["fleet", "up", "--continue-on-error"])
            expectStatus(canary, 1)
            expectContains(canary.stdout, "Wave 1 of 2 (tenant_003): 1 target")
            expectLacks(canary.stdout, "Wave 2 of 2")
            expectContains(canary.stdout, "Skipped 5 targets: wave 1 had failures, so the later waves did not start.")
            #expect(try await shared.tenantHistories()["tenant_004"] == "-")

            try await shared.execute("DROP TABLE tenant_003.orders")
            let fixed = await fleet.run(["fleet", "up"])
            expectStatus(fixed, 0)
            expectContains(fixed.stdout, "Wave 2 of 2 (*): 5 targets")
            #expect(Set(try await shared.tenantHistories().values) == ["0001@1,0002@1"])
        }
    }

    @Test func aTargetsFileReplacesTheConfiguredList() async throws {
        try await FleetScenario.with([("shared", .first)], migrations: Self.migrations, config: { variables in
            "fleet:\n  targets:\n" + FleetYAML.tenants(variables[0])
        }) { fleet in
            let shared = fleet.databases[0]
            try await shared.createTenants(3)
            try fleet.project.write("tenants.txt", "# two of the three\n${SHARED_URL} tenant_001\n${SHARED_URL}\ttenant_003\n")
            let result = await fleet.run(["fleet", "up", "--targets", "tenants.txt"])
            expectStatus(result, 0)
            expectContains(result.stdout, "Fleet up: 2 of 2 targets succeeded")
            let histories = try await shared.tenantHistories()
            #expect([histories["tenant_001"], histories["tenant_002"], histories["tenant_003"]] == ["0001@1,0002@1", "-", "0001@1,0002@1"])
            let missing = await fleet.run(["fleet", "status", "--targets", "tenants.txt", "--format", "json"])
            expectStatus(missing, 0)
            try fleet.project.write("tenants.txt", "${SHARED_URL} tenant_404\n")
            let gone = await fleet.run(["fleet", "up", "--targets", "tenants.txt", "--format", "json"])
            expectStatus(gone, 1)
            #expect(try requireJSON(gone)["targets"][0]["error"]["code"].string == "schema-missing")
            #expect(try await shared.value("SELECT count(*) FROM pg_namespace WHERE nspname = 'tenant_404'") == "0")
        }
    }

    /// Waits until `count` sessions of `database` wait for a lock in a statement taking the
    /// test's advisory lock.
    static func waitForBlockedSessions(_ count: Int, on database: TestDatabase, while running: () -> Bool) async throws {
        let clock = ContinuousClock()
        let deadline = clock.now + .seconds(60)
        while clock.now < deadline && running() {
            let blocked = try await database.value("""
                SELECT count(*) FROM pg_stat_activity
                WHERE datname = current_database() AND wait_event_type = 'Lock' AND strpos(query, 'pg_advisory_xact_lock') > 0
                """)
            if Int(blocked ?? "") ?? 0 >= count { return }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw TestFailure("\(count) sessions never waited on the advisory lock")
    }
}
