import StrataAdopt
import Testing

@Suite("adopt goose")
struct GooseAdoptTests {
    @Test("up, down and a leading comment become a Strata file; StatementBegin/End lines go")
    func basicFile() throws {
        let adoption = adopt(.goose, [
            "00001_create_users.sql": """
                -- Users of the app.
                -- +goose Up
                -- +goose StatementBegin
                CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL);
                -- +goose StatementEnd

                -- +goose Down
                DROP TABLE users;

                """,
        ])
        expectValid(adoption)
        let migration = try #require(adoption.migration("00001_create_users.sql"))
        #expect(migration.text == """
            -- Adopted from goose: 00001_create_users.sql
            -- Users of the app.
            -- strata:up
            CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL);

            -- strata:down
            DROP TABLE users;

            """)
        #expect(migration.version.text == "00001")
        #expect(migration.historyKey == "1")
        #expect(migration.sources == ["00001_create_users.sql"])
    }

    @Test("a function body with semicolons is one statement; annotations are case-insensitive")
    func functionBody() {
        let adoption = adopt(.goose, [
            "20240102030405_touch.sql": """
                -- +goose up
                -- +goose statementbegin
                CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                  NEW.updated_at := now();
                  RETURN NEW;
                END;
                $$;
                -- +goose statementend
                -- +goose down
                DROP FUNCTION touch();
                """,
        ])
        expectValid(adoption)
        let parts = statements(adoption.migration("20240102030405_touch.sql"))
        #expect(parts.up.count == 1)
        #expect(parts.up.first?.hasPrefix("CREATE FUNCTION touch()") == true)
        #expect(parts.down == ["DROP FUNCTION touch()"])
    }

    @Test("NO TRANSACTION becomes the no-transaction marker before the up marker")
    func noTransaction() throws {
        let adoption = adopt(.goose, [
            "00002_index_users.sql": """
                -- +goose NO TRANSACTION
                -- +goose Up
                CREATE INDEX CONCURRENTLY users_email ON users (email);
                -- +goose Down
                DROP INDEX CONCURRENTLY users_email;
                """,
        ])
        expectValid(adoption)
        let migration = try #require(adoption.migration("00002_index_users.sql"))
        #expect(!migration.isTransactional)
        #expect(migration.text.contains("-- strata:no-transaction\n-- strata:up\n"))
    }

    @Test("a file without Down has no down part")
    func noDown() throws {
        let adoption = adopt(.goose, ["3_seed.sql": "-- +goose Up\nINSERT INTO t VALUES (1);\n"])
        expectValid(adoption)
        let migration = try #require(adoption.migration("3_seed.sql"))
        #expect(!migration.hasDown)
        #expect(statements(migration).up == ["INSERT INTO t VALUES (1)"])
    }

    @Test("Go migrations are named as not converted; other files as skipped; versions ordered as numbers")
    func otherFiles() {
        let adoption = adopt(.goose, [
            "1_a.sql": "-- +goose Up\nSELECT 1;\n",
            "2_backfill.go": "package migrations\n",
            "10_c.sql": "-- +goose Up\nSELECT 10;\n",
            "migrations_test.go": "package migrations\n",
            "README.md": "# migrations\n",
            "old/4_d.sql": "-- +goose Up\nSELECT 4;\n",
        ])
        expectValid(adoption)
        #expect(adoption.migrations.map(\.fileName) == ["1_a.sql", "10_c.sql"])
        #expect(adoption.unconvertedReason("2_backfill.go")?.contains("Go code") == true)
        #expect(adoption.skipReason("README.md") != nil)
        #expect(adoption.skipReason("migrations_test.go") != nil)
        #expect(adoption.skipReason("old/4_d.sql")?.contains("subfolder") == true)
    }

    @Test("files goose refuses and features Strata lacks are problems at their line")
    func problems() {
        let adoption = adopt(.goose, [
            "1_no_up.sql": "CREATE TABLE t (id int);\n",
            "2_envsub.sql": "-- +goose Up\n-- +goose ENVSUB ON\nCREATE TABLE ${TABLE} (id int);\n",
            "3_concurrently.sql": "-- +goose Up\nSELECT 1;\n  CREATE INDEX CONCURRENTLY i ON t (id);\n",
            "x_bad.sql": "-- +goose Up\nSELECT 1;\n",
        ])
        #expect(adoption.migrations.map(\.fileName) == ["3_concurrently.sql"])
        let byFile = Dictionary(grouping: adoption.problems, by: { $0.file ?? "" })
        #expect(byFile["1_no_up.sql"]?.first?.code == .invalidSource)
        #expect(byFile["2_envsub.sql"]?.first?.code == .unsupportedFeature)
        #expect(byFile["2_envsub.sql"]?.first?.line == 2)
        let concurrently = byFile["3_concurrently.sql"]?.first
        #expect(concurrently?.code.rawValue == "not-allowed-in-transaction")
        #expect(concurrently?.line == 3)
        #expect(concurrently?.column == 3)
        #expect(byFile["x_bad.sql"]?.first?.code == .invalidSource)
    }
}

@Suite("adopt: line endings and positions")
struct LineEndingAdoptTests {
    @Test("CRLF and lone CR files convert to LF, and problems keep the source's line numbers")
    func lineEndings() throws {
        let adoption = adopt(.goose, [
            "1_crlf.sql": "-- +goose Up\r\nCREATE TABLE t (id int);\r\n-- +goose Down\r\nDROP TABLE t;\r\n",
            "2_cr.sql": "-- +goose Up\rSELECT 1;\r\rSELECT 'unterminated;\r",
        ])
        let crlf = try #require(adoption.migration("1_crlf.sql"))
        #expect(!crlf.text.contains("\r"))
        #expect(statements(crlf).down == ["DROP TABLE t"])
        let problem = try #require(adoption.problems.first)
        #expect(problem.file == "2_cr.sql")
        #expect(problem.code.rawValue == "unterminated-string")
        #expect(problem.line == 4)
        #expect(problem.column == 8)
    }
}
