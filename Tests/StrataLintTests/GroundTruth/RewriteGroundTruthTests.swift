import StrataLint
import StrataTesting
import Testing

/// column-type-rewrite, volatile-default and rewriting-column against what PostgreSQL 15 does:
/// a rewrite gives the table a new relfilenode.
///
/// One case at a time: each holds a database and two or three connections of the test server,
/// which every other suite shares.
@Suite(.serialized) struct RewriteGroundTruthTests {
    static let table = """
        CREATE TABLE t (
            id int, name varchar(32), amount numeric(10,2), note text, code char(4), at timestamp(3),
            flags bit(4), bits varbit(4), at_tz timestamptz(3), span interval(3), addr cidr
        );
        INSERT INTO t SELECT i, 'name ' || i, i, 'note', 'c', '2024-01-01'::timestamp, B'1010', B'10', now(), '1 day', '10.0.0.0/8'
        FROM generate_series(1, 100) AS i;
        UPDATE t SET flags = NULL;  -- bit(4) → bit(8) fails on a value of 4 bits; on NULLs it shows the rewrite
        CREATE FUNCTION next_code() RETURNS text LANGUAGE sql AS $$ SELECT md5(random()::text) $$;
        CREATE FUNCTION tenant() RETURNS int STABLE LANGUAGE sql AS $$ SELECT 1 $$;
        """

    /// The three rules that claim a rewrite.
    static let rewriteRules: [LintRule] = [.columnTypeRewrite, .volatileDefault, .rewritingColumn]

    static func alter(_ name: String, _ sql: String, on relation: String = "t") -> GroundTruthCase {
        GroundTruthCase(name, setup: [table], sql, table: relation)
    }

    static let typeChanges: [(GroundTruthCase, rewrites: Bool)] = [
        (alter("int to bigint", "ALTER TABLE t ALTER COLUMN id TYPE bigint;"), true),
        (alter("varchar 32 to 64", "ALTER TABLE t ALTER COLUMN name TYPE varchar(64);"), false),
        (alter("varchar to text", "ALTER TABLE t ALTER COLUMN name TYPE text;"), false),
        (alter("varchar to unlimited varchar", "ALTER TABLE t ALTER COLUMN name TYPE character varying;"), false),
        (alter("varchar 32 respelled", "ALTER TABLE t ALTER COLUMN name SET DATA TYPE character varying(32);"), false),
        (alter("varchar 32 to 16", "ALTER TABLE t ALTER COLUMN name TYPE varchar(16);"), true),
        (alter("numeric precision up", "ALTER TABLE t ALTER COLUMN amount TYPE numeric(12,2);"), false),
        (alter("numeric unconstrained", "ALTER TABLE t ALTER COLUMN amount TYPE numeric;"), false),
        (alter("numeric scale change", "ALTER TABLE t ALTER COLUMN amount TYPE numeric(10,3);"), true),
        (alter("text to varchar 100", "ALTER TABLE t ALTER COLUMN note TYPE varchar(100);"), true),
        (alter("text to varchar", "ALTER TABLE t ALTER COLUMN note TYPE varchar;"), false),
        (alter("char to text", "ALTER TABLE t ALTER COLUMN code TYPE text;"), true),
        (alter("varchar to text using upper", "ALTER TABLE t ALTER COLUMN name TYPE text USING upper(name);"), true),
        (alter("varchar to text using cast", "ALTER TABLE t ALTER COLUMN name TYPE text USING name::text;"), false),
        (alter("timestamp precision up", "ALTER TABLE t ALTER COLUMN at TYPE timestamp(6);"), false),
        (alter("timestamptz precision up", "ALTER TABLE t ALTER COLUMN at_tz TYPE timestamptz(6);"), false),
        (alter("interval precision up", "ALTER TABLE t ALTER COLUMN span TYPE interval(6);"), false),
        (alter("char 4 to 8", "ALTER TABLE t ALTER COLUMN code TYPE char(8);"), true),
        (alter("varbit 4 to 8", "ALTER TABLE t ALTER COLUMN bits TYPE varbit(8);"), false),
        (alter("bit 4 to varbit", "ALTER TABLE t ALTER COLUMN flags TYPE varbit(4);"), true),
        (alter("bit 4 to 8", "ALTER TABLE t ALTER COLUMN flags TYPE bit(8);"), true),
        (alter("cidr to inet", "ALTER TABLE t ALTER COLUMN addr TYPE inet;"), false),
        (alter("timestamp to timestamptz outside UTC", "SET LOCAL TimeZone = 'Europe/Paris';\nALTER TABLE t ALTER COLUMN at TYPE timestamptz(3);"), true),
        (alter("type of a column added in the same file", "ALTER TABLE t ADD COLUMN extra int;\nALTER TABLE t ALTER COLUMN extra TYPE bigint;"), true),
        (alter("type change on a new table", "CREATE TABLE s (id int);\nINSERT INTO s VALUES (1);\nALTER TABLE s ALTER COLUMN id TYPE bigint;", on: "s"), false),
    ]

    static let defaults: [(GroundTruthCase, rewrites: Bool)] = [
        (alter("default gen_random_uuid", "ALTER TABLE t ADD COLUMN token uuid DEFAULT gen_random_uuid();"), true),
        (alter("default clock_timestamp", "ALTER TABLE t ADD COLUMN token timestamptz DEFAULT clock_timestamp();"), true),
        (alter("default volatile user function", "ALTER TABLE t ADD COLUMN token text DEFAULT next_code();"), true),
        (alter("default now", "ALTER TABLE t ADD COLUMN token timestamptz NOT NULL DEFAULT now();"), false),
        (alter("default constant", "ALTER TABLE t ADD COLUMN token int NOT NULL DEFAULT 0;"), false),
        (alter("default constant text", "ALTER TABLE t ADD COLUMN token text DEFAULT 'draft';"), false),
        (alter("default stable user function", "ALTER TABLE t ADD COLUMN token int DEFAULT tenant();"), false),
        (alter("volatile default on a new table", "CREATE TABLE s (id int);\nALTER TABLE s ADD COLUMN token uuid DEFAULT gen_random_uuid();", on: "s"), false),
    ]

    static let columns: [(GroundTruthCase, rewrites: Bool)] = [
        (alter("identity always", "ALTER TABLE t ADD COLUMN serial_id bigint GENERATED ALWAYS AS IDENTITY;"), true),
        (alter("identity by default", "ALTER TABLE t ADD COLUMN serial_id int GENERATED BY DEFAULT AS IDENTITY;"), true),
        (alter("stored generated", "ALTER TABLE t ADD COLUMN doubled numeric GENERATED ALWAYS AS (amount * 2) STORED;"), true),
        (alter("serial", "ALTER TABLE t ADD COLUMN serial_id serial;"), true),
        (alter("bigserial", "ALTER TABLE t ADD COLUMN serial_id bigserial;"), true),
        (alter("plain column", "ALTER TABLE t ADD COLUMN serial_id bigint;"), false),
        (alter("identity on a new table", "CREATE TABLE s (id int);\nALTER TABLE s ADD COLUMN serial_id bigint GENERATED ALWAYS AS IDENTITY;", on: "s"), false),
    ]

    @Test(arguments: typeChanges)
    func columnTypeRewrite(_ testCase: GroundTruthCase, rewrites: Bool) async throws {
        try await check(testCase, rewrites: rewrites, rule: .columnTypeRewrite)
    }

    @Test(arguments: defaults)
    func volatileDefault(_ testCase: GroundTruthCase, rewrites: Bool) async throws {
        try await check(testCase, rewrites: rewrites, rule: .volatileDefault)
    }

    @Test(arguments: columns)
    func rewritingColumn(_ testCase: GroundTruthCase, rewrites: Bool) async throws {
        try await check(testCase, rewrites: rewrites, rule: .rewritingColumn)
    }

    /// The linter reports `rule` (and no other rewrite rule) exactly when the server rewrote the table.
    private func check(_ testCase: GroundTruthCase, rewrites: Bool, rule: LintRule) async throws {
        let effect = try await GroundTruth.run(testCase)
        #expect(effect.error == nil, "\(testCase.name): \(effect.error?.message ?? "")")
        testCase.expectAgreement(rule, serverSays: effect.rewrote, expected: rewrites, "a rewrite of \(testCase.table)")
        let others = Self.rewriteRules.filter { $0 != rule && testCase.linterFlags($0) }
        #expect(others.isEmpty, "\(testCase.name): also reported \(others)")
        testCase.expectLockTimeoutAgreement(effect)
    }
}
