import StrataPostgres
import StrataTesting
import Testing

/// The oracles must see every kind of difference: for each category, two databases that
/// differ by exactly one thing of that kind give different fingerprints (also when only
/// that category is described), equal ones when that category (and any other that sees
/// the same change, such as an owner) is left out, and, where pg_dump writes the thing,
/// different dumps. (One case at a time: each holds two databases, sessions and pg_dump.)
@Suite(.serialized) struct FingerprintCategoryTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var category: SchemaFingerprint.Category
        var base: String
        var variant: String
        /// Other categories that see the same change.
        var alsoSeenBy: Set<SchemaFingerprint.Category> = []
        /// The categories of the objects a comment, privilege or owner is on: describing
        /// those needs the objects' own category too.
        var context: Set<SchemaFingerprint.Category> = []
        /// Whether `pg_dump --schema-only` writes the difference.
        var dumpSees = true
        var testDescription: String { "\(category.rawValue): \(name)" }
    }

    static let table = "create table t (a int, b text);"
    static let trigger = "create function f() returns trigger language plpgsql as $$ begin return new; end $$; create trigger tr before insert on t for each row execute function f();"
    static let eventFunction = "create function et() returns event_trigger language plpgsql as $$ begin end $$;"
    static let transformFunction = "create function tf_from(internal) returns internal language internal strict immutable as 'int4recv';"
    static let castSetup = "create type e as enum ('a'); create function e_int(e) returns int language sql immutable as 'select 1';"

    static let cases: [Case] = [
        Case(name: "a schema", category: .schemas, base: "", variant: "create schema extra;", alsoSeenBy: [.owners]),
        Case(name: "an extension", category: .extensions, base: "", variant: "create extension citext;", alsoSeenBy: [.comments]),
        Case(name: "an extension's version", category: .extensions, base: "create extension hstore version '1.7';",
             variant: "create extension hstore version '1.8';", dumpSees: false),
        Case(name: "enum labels", category: .types, base: "create type e as enum ('a', 'b');", variant: "create type e as enum ('a', 'c');"),
        Case(name: "a domain constraint", category: .types, base: "create domain d as int check (value > 0);", variant: "create domain d as int check (value > 1);"),
        Case(name: "a composite attribute", category: .types, base: "create type c as (x int, y text);", variant: "create type c as (x int, y varchar);"),
        Case(name: "a range subtype", category: .types, base: "create type r as range (subtype = int4);", variant: "create type r as range (subtype = int8);"),
        Case(name: "a shell type", category: .types, base: "", variant: "create type sh;", alsoSeenBy: [.owners]),
        Case(name: "a sequence option", category: .sequences, base: "create sequence s;", variant: "create sequence s increment 2;"),
        Case(name: "persistence", category: .tables, base: "create table t (a int);", variant: "create unlogged table t (a int);"),
        Case(name: "a toast option", category: .tables, base: "create table t (a text);", variant: "create table t (a text) with (toast.autovacuum_enabled = false);"),
        Case(name: "replica identity", category: .tables, base: table, variant: table + "alter table t replica identity full;"),
        Case(name: "a partition bound", category: .tables,
             base: "create table p (a int) partition by range (a); create table p1 partition of p for values from (0) to (10);",
             variant: "create table p (a int) partition by range (a); create table p1 partition of p for values from (0) to (20);"),
        Case(name: "a column type", category: .columns, base: "create table t (a int);", variant: "create table t (a bigint);"),
        Case(name: "an identity option", category: .columns, base: "create table t (a int generated always as identity);",
             variant: "create table t (a int generated always as identity (start with 5));"),
        Case(name: "a locally defined inherited column", category: .columns,
             base: "create table p (a int); create table c () inherits (p);", variant: "create table p (a int); create table c (a int) inherits (p);"),
        Case(name: "n_distinct", category: .columnOptions, base: table, variant: table + "alter table t alter a set (n_distinct = 10);", context: [.columns]),
        Case(name: "a statistics target", category: .columnOptions, base: table, variant: table + "alter table t alter a set statistics 500;", context: [.columns]),
        Case(name: "storage", category: .columnOptions, base: table, variant: table + "alter table t alter b set storage external;", context: [.columns]),
        Case(name: "compression", category: .columnOptions, base: table, variant: table + "alter table t alter b set compression pglz;", context: [.columns]),
        Case(name: "a check", category: .constraints, base: "create table t (a int check (a > 0));", variant: "create table t (a int check (a > 1));"),
        Case(name: "an index definition", category: .indexes, base: table + "create index i on t (a);", variant: table + "create index i on t (a desc);"),
        Case(name: "a clustered index", category: .indexes, base: table + "create index i on t (a);", variant: table + "create index i on t (a); alter table t cluster on i;"),
        Case(name: "a view definition", category: .views, base: table + "create view v as select a from t;", variant: table + "create view v as select a from t where a > 0;"),
        Case(name: "a view option", category: .views, base: table + "create view v as select a from t;",
             variant: table + "create view v with (security_barrier) as select a from t;"),
        Case(name: "a materialized view without data", category: .views, base: table + "create materialized view m as select a from t;",
             variant: table + "create materialized view m as select a from t with no data;", dumpSees: false),
        Case(name: "a disabled trigger", category: .triggers, base: table + trigger, variant: table + trigger + "alter table t disable trigger tr;"),
        Case(name: "a policy expression", category: .policies, base: table + "create policy p on t using (true);", variant: table + "create policy p on t using (false);"),
        Case(name: "a rule", category: .rules, base: table, variant: table + "create rule r as on insert to t do instead nothing;"),
        Case(name: "a statistics kind", category: .statistics, base: table + "create statistics st (dependencies) on a, b from t;",
             variant: table + "create statistics st (ndistinct) on a, b from t;"),
        Case(name: "a function body", category: .routines, base: "create function f() returns int language sql as 'select 1';",
             variant: "create function f() returns int language sql as 'select 2';"),
        Case(name: "an aggregate's initial value", category: .aggregates, base: "create aggregate agg(int) (sfunc = int4pl, stype = int);",
             variant: "create aggregate agg(int) (sfunc = int4pl, stype = int, initcond = '0');"),
        Case(name: "a cast's context", category: .casts, base: castSetup + "create cast (e as int) with function e_int(e);",
             variant: castSetup + "create cast (e as int) with function e_int(e) as assignment;"),
        Case(name: "an operator's commutator", category: .operators, base: "create operator === (leftarg = int, rightarg = int, function = int4eq);",
             variant: "create operator === (leftarg = int, rightarg = int, function = int4eq, commutator = ===);"),
        Case(name: "an operator family member", category: .operatorClasses, base: "create operator family f using btree;",
             variant: "create operator family f using btree; alter operator family f using btree add function 1 (int, int) btint4cmp(int, int);"),
        Case(name: "a text search mapping", category: .textSearch, base: "create text search configuration cfg (copy = english);",
             variant: "create text search configuration cfg (copy = english); alter text search configuration cfg drop mapping for email;"),
        Case(name: "a collation's locale", category: .collations, base: "create collation co (locale = 'C');", variant: "create collation co (locale = 'POSIX');"),
        Case(name: "a default conversion", category: .conversions, base: "create conversion conv for 'LATIN1' to 'UTF8' from iso8859_1_to_utf8;",
             variant: "create default conversion conv for 'LATIN1' to 'UTF8' from iso8859_1_to_utf8;"),
        Case(name: "a wrapper option", category: .foreignData, base: "create foreign data wrapper w;", variant: "create foreign data wrapper w options (debug 'true');"),
        Case(name: "a server option", category: .foreignData, base: "create foreign data wrapper w; create server s foreign data wrapper w;",
             variant: "create foreign data wrapper w; create server s foreign data wrapper w options (host 'x');"),
        Case(name: "event trigger tags", category: .eventTriggers, base: eventFunction + "create event trigger e on ddl_command_start execute function et();",
             variant: eventFunction + "create event trigger e on ddl_command_start when tag in ('CREATE TABLE') execute function et();"),
        Case(name: "what a publication publishes", category: .publications, base: table + "create publication pub for table t;",
             variant: table + "create publication pub for table t with (publish = 'insert');"),
        Case(name: "a language", category: .languages, base: "", variant: "create language mylang handler plpgsql_call_handler;", alsoSeenBy: [.owners]),
        Case(name: "an access method", category: .accessMethods, base: "", variant: "create access method myam type table handler heap_tableam_handler;"),
        Case(name: "a transform", category: .transforms, base: transformFunction,
             variant: transformFunction + "create transform for int language sql (from sql with function tf_from(internal));"),
        Case(name: "a table comment", category: .comments, base: table + "comment on table t is 'x';", variant: table + "comment on table t is 'y';", context: [.tables]),
        Case(name: "a grant", category: .privileges, base: table, variant: table + "grant select on t to public;", context: [.tables]),
        Case(name: "a revoke from the owner", category: .privileges, base: table, variant: table + "revoke delete on t from current_user;", context: [.tables]),
        Case(name: "a column grant", category: .privileges, base: table, variant: table + "grant update (b) on t to \(OracleSupport.otherRole);", context: [.columns]),
        Case(name: "default privileges", category: .defaultPrivileges, base: "", variant: "alter default privileges grant select on tables to public;"),
        Case(name: "a table's owner", category: .owners, base: table, variant: table + "alter table t owner to \(OracleSupport.otherRole);", context: [.tables]),
    ]

    @Test(arguments: cases) func differenceIsSeen(_ testCase: Case) async throws {
        try await OracleSupport.withPair(testCase.base, testCase.variant, label: "fingerprint_\(testCase.category.rawValue)") { base, variant in
            let everything = SchemaFingerprint.Options()
            let baseAll = try await SchemaFingerprint.read(base.settings, options: everything)
            let variantAll = try await SchemaFingerprint.read(variant.settings, options: everything)
            #expect(baseAll != variantAll, "the fingerprint does not see \(testCase.name)")

            let others = Set(SchemaFingerprint.Category.allCases).subtracting(testCase.context.union([testCase.category]))
            let only = SchemaFingerprint.Options(excluding: others)
            let baseOnly = try await SchemaFingerprint.read(base.settings, options: only)
            let variantOnly = try await SchemaFingerprint.read(variant.settings, options: only)
            #expect(baseOnly != variantOnly, "category \(testCase.category.rawValue) alone does not see \(testCase.name)")

            let without = SchemaFingerprint.Options(excluding: testCase.alsoSeenBy.union([testCase.category]))
            let baseWithout = try await SchemaFingerprint.read(base.settings, options: without)
            let variantWithout = try await SchemaFingerprint.read(variant.settings, options: without)
            #expect(baseWithout == variantWithout, "\(testCase.name) is seen outside \(testCase.category.rawValue):\n\(baseWithout.difference(to: variantWithout))")

            let dumpOptions = SchemaDump.Options(owners: true)
            let baseDump = try await SchemaDump.read(base.settings, options: dumpOptions)
            let variantDump = try await SchemaDump.read(variant.settings, options: dumpOptions)
            #expect((baseDump != variantDump) == testCase.dumpSees, "pg_dump \(testCase.dumpSees ? "does not see" : "sees") \(testCase.name):\n\(baseDump.difference(to: variantDump))")
        }
    }
}
