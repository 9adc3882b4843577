import Foundation
import StrataDiff
import StrataPostgres
import StrataSchema
import StrataTesting
import Testing

/// Round trips of privileges, default privileges and owners on the real server, both ways:
/// load A and B, plan A→B with privileges compared, apply it to A; the re-plan must be
/// empty and an ACL oracle of this file's own (every object's exploded ACL, read with
/// `pg_describe_object`, and `pg_default_acl`) must read the same on both databases.
@Suite(.serialized) struct PrivilegeRoundTripTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var a: String
        var b: String
        var testDescription: String { name }
    }

    static let roles = ["strata_rt_reader", "strata_rt_writer", "strata_rt_owner"]

    static let cases: [Case] = [
        Case(name: "schema", a: "create schema app;", b: """
            create schema app;
            grant usage, create on schema app to strata_rt_reader;
            revoke usage on schema public from public;
            """),
        Case(name: "table, PUBLIC and WITH GRANT OPTION", a: "create table t (id int);", b: """
            create table t (id int);
            grant select, insert on t to strata_rt_reader;
            grant select on t to public;
            grant delete on t to strata_rt_writer with grant option;
            revoke truncate on t from current_user;
            """),
        Case(name: "columns", a: """
            create table t (a int, b text);
            grant select (a) on t to strata_rt_writer;
            """, b: """
            create table t (a int, b text);
            grant select (a, b), update (b) on t to strata_rt_reader;
            """),
        Case(name: "sequence", a: "create sequence s;", b: """
            create sequence s;
            grant usage, select on sequence s to strata_rt_reader;
            grant update on sequence s to strata_rt_writer with grant option;
            """),
        Case(name: "function and procedure: revoke EXECUTE from PUBLIC", a: """
            create function f(x int) returns int language sql as 'select x';
            create procedure p() language sql as 'select 1';
            """, b: """
            create function f(x int) returns int language sql as 'select x';
            revoke execute on function f(int) from public;
            grant execute on function f(int) to strata_rt_reader;
            create procedure p() language sql as 'select 1';
            revoke execute on procedure p() from public;
            """),
        Case(name: "enum, domain and composite types", a: """
            create type mood as enum ('ok');
            create domain positive as int check (value > 0);
            create type pair as (a int, b int);
            """, b: """
            create type mood as enum ('ok');
            revoke usage on type mood from public;
            create domain positive as int check (value > 0);
            grant usage on domain positive to strata_rt_reader with grant option;
            create type pair as (a int, b int);
            grant usage on type pair to strata_rt_writer;
            """),
        Case(name: "default privileges, global and in a schema for a role", a: "create schema app;", b: """
            create schema app;
            alter default privileges revoke execute on functions from public;
            alter default privileges in schema app grant select on tables to strata_rt_reader;
            alter default privileges for role strata_rt_owner in schema app grant usage on sequences to strata_rt_reader with grant option;
            alter default privileges grant usage on types to strata_rt_writer;
            """),
        Case(name: "objects created under default privileges", a: "", b: """
            alter default privileges in schema public grant select on tables to strata_rt_reader;
            alter default privileges revoke execute on functions from public;
            create table t (id int);
            create table u (id int);
            revoke select on u from strata_rt_reader;
            create function f() returns int language sql as 'select 1';
            grant execute on function f() to strata_rt_writer;
            """),
        Case(name: "a rebuilt table keeps its grants", a: """
            create table t (id int, v text);
            grant select on t to strata_rt_reader;
            grant update (v) on t to strata_rt_writer;
            """, b: """
            create table t (id int, v text) partition by range (id);
            grant select on t to strata_rt_reader;
            grant update (v) on t to strata_rt_writer;
            """),
        Case(name: "views: replaced, rebuilt, materialized", a: """
            create view v as select 1 as x;
            grant select on v to strata_rt_reader;
            create view w as select 1 as x, 2 as y;
            grant select on w to strata_rt_reader;
            create materialized view m as select 1 as x;
            """, b: """
            create view v as select 1 as x, 2 as y;
            grant select on v to strata_rt_reader, strata_rt_writer;
            create view w as select 'a'::text as x;
            grant select on w to strata_rt_reader;
            grant select (x) on w to strata_rt_writer;
            create materialized view m as select 1 as x;
            grant select on m to strata_rt_reader;
            """),
    ]

    @Test(arguments: cases) func roundTrip(_ testCase: Case) async throws {
        try await Self.ensureRoles()
        let a = try RoundTrip.temporaryFile(testCase.a, name: "privileges-a")
        let b = try RoundTrip.temporaryFile(testCase.b, name: "privileges-b")
        for (direction, from, to) in [("A→B", a, b), ("B→A", b, a)] {
            do {
                let outcome = try await Self.run(from: from, to: to)
                #expect(!outcome.plan.isEmpty, "\(testCase.name) \(direction): nothing was planned")
                #expect(outcome.replan.isEmpty, "\(testCase.name) \(direction): re-planning is not empty:\n\(outcome.replan.sql())\nplan was:\n\(outcome.plan.sql())")
                #expect(outcome.aclA == outcome.aclB, "\(testCase.name) \(direction): privileges differ\n\(LineDifference(old: outcome.aclA.split(separator: "\n").map(String.init), new: outcome.aclB.split(separator: "\n").map(String.init)))\nplan was:\n\(outcome.plan.sql())")
            } catch {
                Issue.record("\(testCase.name) \(direction): \(error)")
            }
        }
    }

    @Test func ownersRoundTripWhenCompared() async throws {
        try await Self.ensureRoles()
        let a = try RoundTrip.temporaryFile("create schema app; create table app.t (id serial); create type app.mood as enum ('ok');", name: "owners-a")
        let b = try RoundTrip.temporaryFile("""
            create schema app authorization strata_rt_owner;
            create table app.t (id serial); alter table app.t owner to strata_rt_owner;
            create type app.mood as enum ('ok'); alter type app.mood owner to strata_rt_owner;
            create function app.f() returns int language sql as 'select 1'; alter function app.f() owner to strata_rt_owner;
            """, name: "owners-b")
        let both = ComparisonScope(privileges: true, owners: true)
        for (direction, from, to) in [("A→B", a, b), ("B→A", b, a)] {
            let outcome = try await Self.run(from: from, to: to, comparison: both)
            #expect(outcome.plan.statements.contains { if case .setObjectOwner = $0.change { return true } else { return false } }, "\(direction)")
            #expect(outcome.replan.isEmpty, "\(direction): re-planning is not empty:\n\(outcome.replan.sql())\nplan was:\n\(outcome.plan.sql())")
            #expect(outcome.ownersA == outcome.ownersB, "\(direction)\n\(LineDifference(old: outcome.ownersA.split(separator: "\n").map(String.init), new: outcome.ownersB.split(separator: "\n").map(String.init)))")
        }
        // Not compared: the same two databases plan no owner change.
        let privilegesOnly = try await Self.run(from: a, to: b)
        #expect(!privilegesOnly.plan.statements.contains { if case .setObjectOwner = $0.change { return true } else { return false } })
    }

    // MARK: Support

    struct Outcome {
        var plan: Plan
        var replan: Plan
        var aclA: String
        var aclB: String
        var ownersA: String
        var ownersB: String
    }

    static func run(from a: String, to b: String, comparison: ComparisonScope = .default) async throws -> Outcome {
        try await TestDatabase.withDatabase("privileges_a") { databaseA in
            try await TestDatabase.withDatabase("privileges_b") { databaseB in
                try await RoundTrip.psql(file: a, database: databaseA)
                try await RoundTrip.psql(file: b, database: databaseB)
                let inspector = SchemaInspector(options: .init(comparison: comparison))
                let sessionA = try await databaseA.session()
                let sessionB = try await databaseB.session()
                do {
                    let schemaB = try await inspector.inspect(sessionB)
                    let plan = try SchemaDiffer.plan(from: try await inspector.inspect(sessionA), to: schemaB)
                    for statement in plan.statements {
                        do {
                            try await sessionA.execute(statement.sql)
                        } catch {
                            throw RoundTrip.ApplyFailure(statement: statement.sql, error: String(reflecting: error), plan: plan.sql())
                        }
                    }
                    let replan = try SchemaDiffer.plan(from: try await inspector.inspect(sessionA), to: schemaB)
                    let outcome = Outcome(
                        plan: plan, replan: replan,
                        aclA: try await oracle(Self.aclOracle, sessionA), aclB: try await oracle(Self.aclOracle, sessionB),
                        ownersA: try await oracle(Self.ownerOracle, sessionA), ownersB: try await oracle(Self.ownerOracle, sessionB)
                    )
                    await sessionA.close()
                    await sessionB.close()
                    return outcome
                } catch {
                    await sessionA.close()
                    await sessionB.close()
                    throw error
                }
            }
        }
    }

    static func oracle(_ sql: String, _ session: PostgresSession) async throws -> String {
        try await session.query(sql, []).compactMap { $0[0] }.joined(separator: "\n")
    }

    /// Every user object's ACL (its default when NULL) as sorted `grantee:privilege:grantable`
    /// entries, and every default ACL; grantors left out, as the model does.
    static let aclOracle = #"""
        WITH o AS (
            SELECT 'pg_namespace'::regclass AS c, n.oid, 0 AS s, n.nspacl AS acl, acldefault('n'::"char", n.nspowner) AS d
            FROM pg_namespace n WHERE n.nspname NOT LIKE 'pg\_%' AND n.nspname <> 'information_schema'
            UNION ALL
            SELECT 'pg_class'::regclass, c.oid, 0, c.relacl, acldefault(CASE c.relkind WHEN 'S' THEN 's' ELSE 'r' END::"char", c.relowner)
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname NOT LIKE 'pg\_%' AND n.nspname <> 'information_schema' AND c.relkind IN ('r', 'p', 'v', 'm', 'S')
            UNION ALL
            SELECT 'pg_class'::regclass, a.attrelid, a.attnum, a.attacl, NULL
            FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname NOT LIKE 'pg\_%' AND n.nspname <> 'information_schema' AND a.attnum > 0 AND a.attacl IS NOT NULL
            UNION ALL
            SELECT 'pg_proc'::regclass, p.oid, 0, p.proacl, acldefault('f'::"char", p.proowner)
            FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
            WHERE n.nspname NOT LIKE 'pg\_%' AND n.nspname <> 'information_schema'
            UNION ALL
            SELECT 'pg_type'::regclass, t.oid, 0, t.typacl, acldefault('T'::"char", t.typowner)
            FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
            WHERE n.nspname NOT LIKE 'pg\_%' AND n.nspname <> 'information_schema' AND t.typtype IN ('e', 'd', 'c')
              AND (t.typrelid = 0 OR (SELECT r.relkind FROM pg_class r WHERE r.oid = t.typrelid) = 'c')
        )
        SELECT line FROM (
            SELECT pg_describe_object(o.c, o.oid, o.s) || ': ' || coalesce((
                SELECT string_agg(e, ' ' ORDER BY e COLLATE "C") FROM (
                    SELECT CASE WHEN x.grantee = 0 THEN 'PUBLIC' ELSE x.grantee::regrole::text END || ':' || x.privilege_type
                           || CASE WHEN x.is_grantable THEN '*' ELSE '' END AS e
                FROM aclexplode(coalesce(o.acl, o.d)) x) entries), '') AS line
            FROM o
            UNION ALL
            SELECT 'default ' || d.defaclrole::regrole::text || ' ' || coalesce(n.nspname, '*') || ' ' || d.defaclobjtype::text || ': ' || coalesce((
                SELECT string_agg(e, ' ' ORDER BY e COLLATE "C") FROM (
                    SELECT CASE WHEN x.grantee = 0 THEN 'PUBLIC' ELSE x.grantee::regrole::text END || ':' || x.privilege_type
                           || CASE WHEN x.is_grantable THEN '*' ELSE '' END AS e
                FROM aclexplode(d.defaclacl) x) entries), '')
            FROM pg_default_acl d LEFT JOIN pg_namespace n ON n.oid = d.defaclnamespace
        ) lines ORDER BY line COLLATE "C"
        """#

    /// Every user schema's, relation's, routine's and type's owner.
    static let ownerOracle = #"""
        SELECT line FROM (
            SELECT 'schema ' || n.nspname || ': ' || n.nspowner::regrole::text AS line
            FROM pg_namespace n WHERE n.nspname NOT LIKE 'pg\_%' AND n.nspname <> 'information_schema'
            UNION ALL
            SELECT pg_describe_object('pg_class'::regclass, c.oid, 0) || ': ' || c.relowner::regrole::text
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname NOT LIKE 'pg\_%' AND n.nspname <> 'information_schema' AND c.relkind IN ('r', 'p', 'v', 'm', 'S')
            UNION ALL
            SELECT pg_describe_object('pg_proc'::regclass, p.oid, 0) || ': ' || p.proowner::regrole::text
            FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
            WHERE n.nspname NOT LIKE 'pg\_%' AND n.nspname <> 'information_schema'
            UNION ALL
            SELECT pg_describe_object('pg_type'::regclass, t.oid, 0) || ': ' || t.typowner::regrole::text
            FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
            WHERE n.nspname NOT LIKE 'pg\_%' AND n.nspname <> 'information_schema' AND t.typtype IN ('e', 'd')
        ) lines ORDER BY line COLLATE "C"
        """#

    /// The roles the cases grant to, made once on the test cluster.
    static func ensureRoles() async throws {
        try await TestServer.ensureRoles(roles)
    }
}
