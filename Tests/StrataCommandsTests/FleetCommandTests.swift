import Foundation
import StrataTesting
import Testing

/// `strata fleet` against two real servers: databases on each, and one database with
/// 200 tenant schemas (issue 15's acceptance).
@Suite("fleet: two servers and 200 tenants")
struct FleetCommandTests {
    static let migrations: [String: String] = [
        "0001_customers.sql": """
            -- strata:up
            CREATE TABLE customers (id bigint PRIMARY KEY, name text NOT NULL);
            -- strata:down
            DROP TABLE customers;

            """,
        "0002_orders.sql": """
            -- strata:up
            CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint NOT NULL REFERENCES customers);
            -- strata:down
            DROP TABLE orders;

            """,
    ]

    static let databases: [(name: String, cluster: TestCluster)] = [
        ("app_a1", .first), ("app_a2", .first), ("app_b1", .second), ("app_b2", .second), ("shared", .first),
    ]

    static func config(_ variables: [String]) -> String {
        var text = "environments:\n  dev: {}\nfleet:\n  parallel: 8\n  per_server: 6\n  targets:\n"
        for variable in variables.dropLast() { text += FleetYAML.database(variable) }
        return text + FleetYAML.tenants(variables[variables.count - 1])
    }

    @Test func upFailsOneTenantAloneThenResumesReportsAndRollsBack() async throws {
        try await FleetScenario.with(Self.databases, migrations: Self.migrations, config: Self.config) { fleet in
            let shared = fleet.databases[4]
            try await shared.createTenants(200)
            // tenant_077 already has an orders table: its 0002 fails, and its batch rolls back whole.
            try await shared.execute("CREATE TABLE tenant_077.orders (note text)")

            let first = await fleet.run(["fleet", "up", "--continue-on-error", "--format", "json"])
            expectStatus(first, 1)
            let document = try requireJSON(first)
            let targets = try #require(document["targets"].array)
            #expect(targets.count == 204)
            expectKeys(targets[0], ["target", "schema", "outcome", "applied", "pending", "duration_ms", "error"])
            let failed = targets.filter { $0["outcome"].string == "failed" }
            #expect(failed.count == 1)
            #expect(failed.first?["schema"].string == "tenant_077")
            #expect(failed.first?["error"]["code"].string == "statement-failed")
            #expect(failed.first?["error"]["exit_code"].int == 1)
            #expect(failed.first?["error"]["sql_state"].string == "42P07")
            #expect(failed.first?["error"]["file"].string == "migrations/0002_orders.sql")
            #expect(failed.first?["applied"].int == 0)
            #expect(failed.first?["pending"].int == 2)
            #expect(targets.filter { $0["outcome"].string == "applied" && $0["applied"].int == 2 && $0["pending"].int == 0 }.count == 203)
            #expect(targets.first?["schema"].isNull == true)
            #expect(targets.first?["target"].string?.contains("fleet_app_a1") == true)
            #expect(targets.first?["target"].string?.hasPrefix("postgres://") == true)
            let summary = document["summary"]
            #expect(summary["targets"].int == 204)
            #expect(summary["applied"].int == 203)
            #expect(summary["failed"].int == 1)
            #expect(summary["skipped"].int == 0)
            #expect(summary["migrations_applied"].int == 406)
            #expect(summary["exit_code"].int == 1)

            var histories = try await shared.tenantHistories()
            #expect(histories.count == 200)
            #expect(histories["tenant_077"] == "", "the failed tenant's batch left no history")
            #expect(histories.filter { $0.value == "0001@1,0002@1" }.count == 199)
            #expect(try await shared.value("SELECT to_regclass('tenant_077.customers') IS NULL") == "t", "0001 rolled back with 0002")
            #expect(try await shared.tenantsWithTable("customers") == 199)
            #expect(try await shared.userTables().isEmpty, "nothing went to public of the shared database")
            for database in fleet.databases.prefix(4) {
                #expect(try await database.historyLine() == "0001@1,0002@1")
            }

            // The fix, then the rerun: only the failed tenant has anything to do.
            try await shared.execute("DROP TABLE tenant_077.orders")
            let rerun = await fleet.run(["fleet", "up"])
            expectStatus(rerun, 0)
            expectContains(rerun.stdout, "applied 2")
            expectContains(rerun.stdout, "fleet_shared/tenant_077  applied 2")
            expectContains(rerun.stdout, "Fleet up: 204 of 204 targets succeeded; 2 migrations applied")
            #expect(rerun.stdout.components(separatedBy: "applied 2").count - 1 == 1, "only tenant_077 applied: \(rerun.stdout.prefix(2000))")
            histories = try await shared.tenantHistories()
            #expect(histories["tenant_077"] == "0001@1,0002@1")
            #expect(Set(histories.values) == ["0001@1,0002@1"])

            // Status shows every target.
            let status = await fleet.run(["fleet", "status"])
            expectStatus(status, 0)
            for number in [1, 77, 200] {
                expectContains(status.stdout, String(format: "fleet_shared/tenant_%03d  up-to-date", number))
            }
            for name in ["app_a1", "app_a2", "app_b1", "app_b2"] { expectContains(status.stdout, name) }
            #expect(status.stdout.components(separatedBy: "up-to-date").count - 1 >= 204)
            let statusJSON = try requireJSON(await fleet.run(["fleet", "status", "--format", "json"]))
            #expect(statusJSON["targets"].array?.allSatisfy { $0["outcome"].string == "up-to-date" && $0["applied"].int == 2 && $0["pending"].int == 0 } == true)

            // Down rolls every target back (tenant_077 by its own last batch, the others by theirs).
            let down = await fleet.run(["fleet", "down", "--format", "json"])
            expectStatus(down, 0)
            let downDocument = try requireJSON(down)
            #expect(downDocument["targets"].array?.allSatisfy { $0["outcome"].string == "reverted" && $0["reverted"].int == 2 } == true)
            #expect(downDocument["summary"]["migrations_reverted"].int == 408)
            histories = try await shared.tenantHistories()
            #expect(Set(histories.values) == [""])
            #expect(try await shared.tenantsWithTable("customers") == 0)
            for database in fleet.databases.prefix(4) {
                #expect(try await database.userTables().isEmpty)
            }
        }
    }
}
