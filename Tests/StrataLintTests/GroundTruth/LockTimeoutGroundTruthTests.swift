import StrataLint
import StrataTesting
import Testing

/// lock-timeout-missing claims ACCESS EXCLUSIVE on an existing table: checked against `pg_locks`
/// for statements across the linter's lock model, with no lock_timeout configured.
///
/// One case at a time: each holds a database and two or three connections of the test server,
/// which every other suite shares.
@Suite(.serialized) struct LockTimeoutGroundTruthTests {
    static let tables = """
        CREATE TABLE users (id int PRIMARY KEY, email text);
        INSERT INTO users SELECT i, 'user' || i FROM generate_series(1, 20) AS i;
        CREATE TABLE t (id int NOT NULL, user_id int, note text);
        INSERT INTO t SELECT i, i % 20 + 1, 'note' FROM generate_series(1, 100) AS i;
        CREATE INDEX t_user_id ON t (user_id);
        CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
        CREATE TRIGGER t_touch BEFORE UPDATE ON t FOR EACH ROW EXECUTE FUNCTION touch();
        CREATE MATERIALIZED VIEW t_counts AS SELECT user_id, count(*) FROM t GROUP BY user_id;
        CREATE TABLE events (id int, at date) PARTITION BY RANGE (at);
        CREATE TABLE events_2024 PARTITION OF events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
        CREATE TABLE events_2025 (id int, at date);
        """

    static func statement(_ name: String, _ sql: String, accessExclusive: Bool) -> (GroundTruthCase, accessExclusive: Bool) {
        (GroundTruthCase(name, setup: [tables], sql), accessExclusive)
    }

    static let cases: [(GroundTruthCase, accessExclusive: Bool)] = [
        statement("add column", "ALTER TABLE t ADD COLUMN extra int;", accessExclusive: true),
        statement("drop column", "ALTER TABLE t DROP COLUMN note;", accessExclusive: true),
        statement("set default", "ALTER TABLE t ALTER COLUMN note SET DEFAULT 'x';", accessExclusive: true),
        statement("set statistics", "ALTER TABLE t ALTER COLUMN note SET STATISTICS 500;", accessExclusive: false),
        statement("set storage parameters", "ALTER TABLE t SET (fillfactor = 80);", accessExclusive: false),
        statement("add check not valid", "ALTER TABLE t ADD CONSTRAINT t_id_positive CHECK (id > 0) NOT VALID;", accessExclusive: true),
        statement("add foreign key not valid", "ALTER TABLE t ADD CONSTRAINT t_user FOREIGN KEY (user_id) REFERENCES users NOT VALID;", accessExclusive: false),
        statement("rename column", "ALTER TABLE t RENAME COLUMN note TO remark;", accessExclusive: true),
        statement("rename table", "ALTER TABLE t RENAME TO things;", accessExclusive: true),
        statement("enable trigger", "ALTER TABLE t DISABLE TRIGGER t_touch;", accessExclusive: false),
        statement("enable row level security", "ALTER TABLE t ENABLE ROW LEVEL SECURITY;", accessExclusive: true),
        statement("create trigger", "CREATE TRIGGER t_touch_again BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION touch();", accessExclusive: false),
        statement("drop trigger", "DROP TRIGGER t_touch ON t;", accessExclusive: true),
        statement("create policy", "CREATE POLICY t_own ON t USING (user_id = 1);", accessExclusive: true),
        statement("truncate", "TRUNCATE t;", accessExclusive: true),
        statement("lock table", "LOCK TABLE t;", accessExclusive: true),
        statement("lock table in share mode", "LOCK TABLE t IN SHARE MODE;", accessExclusive: false),
        statement("drop table", "DROP TABLE t CASCADE;", accessExclusive: true),
        statement("refresh materialized view", "REFRESH MATERIALIZED VIEW t_counts;", accessExclusive: true),
        statement("cluster", "CLUSTER t USING t_user_id;", accessExclusive: true),
        statement("reindex table", "REINDEX TABLE t;", accessExclusive: false),
        statement("attach partition", "ALTER TABLE events ATTACH PARTITION events_2025 FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');", accessExclusive: true),
        statement("detach partition", "ALTER TABLE events DETACH PARTITION events_2024;", accessExclusive: true),
        statement("create index", "CREATE INDEX t_note ON t (note);", accessExclusive: false),
        statement("update", "UPDATE t SET note = 'y' WHERE id = 1;", accessExclusive: false),
        statement("alter table on a new table", "CREATE TABLE s (id int);\nALTER TABLE s ADD COLUMN extra int;", accessExclusive: false),
    ]

    @Test(arguments: cases)
    func accessExclusive(_ testCase: GroundTruthCase, accessExclusive: Bool) async throws {
        let effect = try await GroundTruth.run(testCase)
        #expect(effect.error == nil, "\(testCase.name): \(effect.error?.message ?? "")")
        #expect(effect.accessExclusiveOnExistingTable == accessExclusive, "\(testCase.name)")
        testCase.expectLockTimeoutAgreement(effect)
    }
}
