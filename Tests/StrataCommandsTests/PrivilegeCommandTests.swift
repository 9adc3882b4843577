import Foundation
import StrataPostgres
import StrataTesting
import Testing

/// `compare: {privileges, owners}` through the CLI: two databases that differ only by a
/// `GRANT` (or an owner) differ exactly when that facet is compared, and the output says
/// what was not compared.
@Suite("privileges and owners in the CLI")
struct PrivilegeCommandTests {
    static func ensureRoles(_ database: TestDatabase) async throws {
        for role in ["strata_cli_reader", "strata_cli_owner"] {
            try await database.execute("""
                DO $$ BEGIN
                  IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = '\(role)') THEN CREATE ROLE \(role); END IF;
                EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
                END $$
                """)
        }
    }

    /// Two databases with the same table; `B` runs `extra` too.
    static func withPair(_ extra: String, label: String = #function, _ body: (TestDatabase, TestDatabase) async throws -> Void) async throws {
        try await withTestDatabase(label: label + "_a") { a in
            try await TestDatabase.withDatabase(label + "_b") { b in
                try await ensureRoles(a)
                try await a.execute("CREATE TABLE t (id int)")
                try await b.execute("CREATE TABLE t (id int)")
                try await b.execute(extra)
                try await body(a, b)
            }
        }
    }

    @Test func aGrantIsADifferenceUnlessPrivilegesAreNotCompared() async throws {
        try await Self.withPair("GRANT SELECT ON t TO strata_cli_reader") { a, b in
            let compared = try Project.make()
            defer { compared.delete() }
            let sql = await compared.run(["diff", "--from", a.url, "--to", b.url])
            expectStatus(sql, 2)
            expectContains(sql.stdout, "GRANT SELECT ON TABLE public.t TO strata_cli_reader;")
            expectContains(sql.stdout, "-- Not compared: owners (compare: in strata.yaml).")
            let text = await compared.run(["diff", "--from", a.url, "--to", b.url, "--format", "text"])
            expectStatus(text, 2)
            expectContains(text.stdout, "~ grant table public.t")
            let json = try requireJSON(await compared.run(["diff", "--from", a.url, "--to", b.url, "--format", "json"]))
            #expect(json["compared"]["privileges"].bool == true && json["compared"]["owners"].bool == false, "\(json)")
            #expect(json["statements"][0]["action"].string == "grant", "\(json)")

            // Revoking it the other way is a hazard.
            let back = await compared.run(["diff", "--from", b.url, "--to", a.url])
            expectStatus(back, 2)
            expectContains(back.stdout, "-- hazard privilege-revoked:")
            expectContains(back.stdout, "REVOKE SELECT ON TABLE public.t FROM strata_cli_reader;")

            let ignored = try Project.make(config: "compare:\n  privileges: false\n")
            defer { ignored.delete() }
            let same = await ignored.run(["diff", "--from", a.url, "--to", b.url])
            expectStatus(same, 0)
            expectContains(same.stdout, "No differences")
            expectContains(same.stdout, "Not compared: privileges, owners (compare: in strata.yaml).")
            let sameText = await ignored.run(["diff", "--from", a.url, "--to", b.url, "--format", "text"])
            expectContains(sameText.stdout, "Not compared: privileges, owners")
            let sameJSON = try requireJSON(await ignored.run(["diff", "--from", a.url, "--to", b.url, "--format", "json"]))
            #expect(sameJSON["empty"].bool == true && sameJSON["compared"]["privileges"].bool == false, "\(sameJSON)")
        }
    }

    @Test func ownersAreComparedWhenAskedFor() async throws {
        try await Self.withPair("ALTER TABLE t OWNER TO strata_cli_owner") { a, b in
            let byDefault = try Project.make()
            defer { byDefault.delete() }
            expectStatus(await byDefault.run(["diff", "--from", a.url, "--to", b.url]), 0)

            let owners = try Project.make(config: "compare: {privileges: true, owners: true}\n")
            defer { owners.delete() }
            let sql = await owners.run(["diff", "--from", a.url, "--to", b.url])
            expectStatus(sql, 2)
            expectContains(sql.stdout, "-- hazard owner-changed:")
            expectContains(sql.stdout, "ALTER TABLE public.t OWNER TO strata_cli_owner;")
            expectLacks(sql.stdout, "Not compared")
        }
    }

    @Test func compareSettingsAreCheckedWithTheirPosition() async throws {
        let badValue = try Project.make(config: "compare:\n  privileges: maybe\n")
        defer { badValue.delete() }
        let value = await badValue.run(["status"])
        expectStatus(value, 2)
        expectContains(value.stderr, "strata.yaml:2:15")
        expectContains(value.stderr, "compare.privileges must be true or false")

        let badKey = try Project.make(config: "compare:\n  owner: true\n")
        defer { badKey.delete() }
        let key = await badKey.run(["status"])
        expectStatus(key, 2)
        expectContains(key.stderr, "strata.yaml:2:3")
        expectContains(key.stderr, "unknown key \"owner\" in compare")
    }
}
