import StrataTesting
import Testing

/// Equal schemas built in different orders look equal to both oracles; only the column
/// order (when asked for) tells them apart.
@Suite struct FingerprintOrderTests {
    static let forwards = """
        create schema app;
        create type app.mood as enum ('ok', 'sad');
        create table app.t (id int primary key, name text not null, m app.mood, extra int);
        create index t_name on app.t (name);
        create table app.u (id int references app.t, note text);
        create view app.v as select id, name from app.t;
        create function app.f(x int) returns int language sql as 'select x';
        comment on table app.t is 'T';
        comment on column app.t.name is 'the name';
        grant select on app.t to public;
        grant usage on schema app to public;
        create sequence app.s owned by app.t.extra;
        alter table app.t alter extra set default nextval('app.s');
        create table app.p (k int not null, v text) partition by list (k);
        create table app.p1 partition of app.p for values in (1);
        create index p_v on app.p (v);
        create policy own on app.u using (note is not null);
        alter table app.u enable row level security;
        """

    static let backwards = """
        create schema app;
        grant usage on schema app to public;
        create function app.f(x int) returns int language sql as 'select x';
        create table app.p (k int not null, v text) partition by list (k);
        create index p_v on app.p (v);
        create table app.p1 partition of app.p for values in (1);
        create sequence app.s;
        create type app.mood as enum ('ok', 'sad');
        create table app.t (dropped int, extra int default nextval('app.s'), m app.mood, name text not null, id int);
        alter table app.t drop column dropped;
        alter table app.t add primary key (id);
        comment on column app.t.name is 'the name';
        alter sequence app.s owned by app.t.extra;
        create table app.u (note text, id int references app.t);
        alter table app.u enable row level security;
        create policy own on app.u using (note is not null);
        create view app.v as select id, name from app.t;
        create index t_name on app.t (name);
        grant select on app.t to public;
        comment on table app.t is 'T';
        """

    @Test func sameSchemaInAnotherOrderIsEqual() async throws {
        try await OracleSupport.withPair(Self.forwards, Self.backwards) { one, two in
            let first = try await SchemaFingerprint.read(one.settings)
            let second = try await SchemaFingerprint.read(two.settings)
            #expect(first == second, "fingerprints differ:\n\(first.difference(to: second))")
            #expect(first.lines.count > 40, "the fingerprint describes the whole schema:\n\(first)")

            let firstDump = try await SchemaDump.read(one.settings)
            let secondDump = try await SchemaDump.read(two.settings)
            #expect(firstDump == secondDump, "dumps differ:\n\(firstDump.difference(to: secondDump))")

            let ordered = SchemaFingerprint.Options(columnOrder: true)
            let firstOrdered = try await SchemaFingerprint.read(one.settings, options: ordered)
            let secondOrdered = try await SchemaFingerprint.read(two.settings, options: ordered)
            #expect(firstOrdered != secondOrdered, "column order is compared when asked for")
            let orderedDump = SchemaDump.Options(columnOrder: true)
            let firstOrderedDump = try await SchemaDump.read(one.settings, options: orderedDump)
            let secondOrderedDump = try await SchemaDump.read(two.settings, options: orderedDump)
            #expect(firstOrderedDump != secondOrderedDump, "column order is compared when asked for")
        }
    }

    @Test func columnLocalityCanBeLeftOut() async throws {
        let inherited = "create table p (a int); create table c () inherits (p);"
        let merged = "create table p (a int); create table c (a int) inherits (p);"
        try await OracleSupport.withPair(inherited, merged) { one, two in
            let first = try await SchemaFingerprint.read(one.settings)
            let second = try await SchemaFingerprint.read(two.settings)
            #expect(first != second, "attislocal is compared by default")
            let options = SchemaFingerprint.Options(columnLocality: false)
            let firstWithout = try await SchemaFingerprint.read(one.settings, options: options)
            let secondWithout = try await SchemaFingerprint.read(two.settings, options: options)
            #expect(firstWithout == secondWithout, "\(firstWithout.difference(to: secondWithout))")
        }
    }

    @Test func historyTablesAndSchemaFiltersAreLeftOut() async throws {
        let history = """
            create schema other;
            create table other.x (a int);
            create table public.strata_migrations (version text primary key, applied_at timestamptz);
            create table public.goose_db_version (id serial primary key, version_id bigint);
            comment on table public.strata_migrations is 'history';
            """
        try await OracleSupport.withPair("create schema other;", history) { one, two in
            let narrowed = SchemaFingerprint.Options(excludeSchemas: ["other"])
            let first = try await SchemaFingerprint.read(one.settings, options: narrowed)
            let second = try await SchemaFingerprint.read(two.settings, options: narrowed)
            #expect(first == second, "history tables and excluded schemas are left out:\n\(first.difference(to: second))")
            let included = SchemaFingerprint.Options(includeSchemas: ["public"])
            #expect(try await SchemaFingerprint.read(one.settings, options: included) == SchemaFingerprint.read(two.settings, options: included))
            #expect(try await SchemaFingerprint.read(one.settings) != SchemaFingerprint.read(two.settings), "other.x is seen without a filter")

            let dumpOptions = SchemaDump.Options(excludeSchemas: ["other"])
            let firstDump = try await SchemaDump.read(one.settings, options: dumpOptions)
            let secondDump = try await SchemaDump.read(two.settings, options: dumpOptions)
            #expect(firstDump == secondDump, "history tables and excluded schemas are left out:\n\(firstDump.difference(to: secondDump))")
        }
    }
}
