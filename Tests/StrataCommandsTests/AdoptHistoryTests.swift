import Foundation
import StrataTesting
import Testing

/// `strata adopt --history`: each tool's history table, made on a real database as the
/// tool makes it, carried over into Strata's history without running anything.
@Suite("adopt --history")
struct AdoptHistoryTests {
    /// One tool's folder and history.
    struct Case: Sendable, CustomStringConvertible {
        var format: String
        var files: [String: String]
        /// Creates and fills the tool's history table (psql, several statements).
        var history: String
        /// The Strata versions that must be recorded.
        var recorded: [String]
        var arguments: [String] = []
        var description: String { format }
    }

    static let cases: [Case] = [
        Case(
            format: "goose",
            files: [
                "00001_a.sql": "-- +goose Up\nCREATE TABLE a (id int);\n-- +goose Down\nDROP TABLE a;\n",
                "00002_b.sql": "-- +goose Up\nCREATE TABLE b (id int);\n-- +goose Down\nDROP TABLE b;\n",
                "00003_c.sql": "-- +goose Up\nCREATE TABLE c (id int);\n-- +goose Down\nDROP TABLE c;\n",
                "00004_d.sql": "-- +goose Up\nCREATE TABLE d (id int);\n-- +goose Down\nDROP TABLE d;\n",
            ],
            history: """
                CREATE TABLE goose_db_version (id serial NOT NULL, version_id bigint NOT NULL, is_applied boolean NOT NULL,
                    tstamp timestamp NULL DEFAULT now(), PRIMARY KEY (id));
                INSERT INTO goose_db_version (version_id, is_applied) VALUES (0, true), (1, true), (2, true), (3, true), (3, false);
                CREATE TABLE a (id int);
                CREATE TABLE b (id int);
                """,
            recorded: ["00001", "00002"]
        ),
        Case(
            format: "dbmate",
            files: [
                "20240101000000_a.sql": "-- migrate:up\nCREATE TABLE a (id int);\n-- migrate:down\nDROP TABLE a;\n",
                "20240102000000_b.sql": "-- migrate:up\nCREATE TABLE b (id int);\n-- migrate:down\nDROP TABLE b;\n",
                "20240103000000_c.sql": "-- migrate:up\nCREATE TABLE c (id int);\n-- migrate:down\nDROP TABLE c;\n",
            ],
            history: """
                CREATE TABLE schema_migrations (version varchar(128) PRIMARY KEY);
                INSERT INTO schema_migrations VALUES ('20240101000000'), ('20240102000000');
                CREATE TABLE a (id int);
                CREATE TABLE b (id int);
                """,
            recorded: ["20240101000000", "20240102000000"]
        ),
        Case(
            format: "golang-migrate",
            files: [
                "000001_a.up.sql": "CREATE TABLE a (id int);", "000001_a.down.sql": "DROP TABLE a;",
                "000002_b.up.sql": "CREATE TABLE b (id int);", "000002_b.down.sql": "DROP TABLE b;",
                "000003_c.up.sql": "CREATE TABLE c (id int);", "000003_c.down.sql": "DROP TABLE c;",
            ],
            history: """
                CREATE TABLE schema_migrations (version bigint NOT NULL PRIMARY KEY, dirty boolean NOT NULL);
                INSERT INTO schema_migrations VALUES (2, false);
                CREATE TABLE a (id int);
                CREATE TABLE b (id int);
                """,
            recorded: ["000001", "000002"]
        ),
        Case(
            format: "sqlx",
            files: [
                "1_a.up.sql": "CREATE TABLE a (id int);", "1_a.down.sql": "DROP TABLE a;",
                "2_b.sql": "CREATE TABLE b (id int);",
                "3_c.sql": "CREATE TABLE c (id int);",
            ],
            history: """
                CREATE TABLE _sqlx_migrations (version bigint PRIMARY KEY, description text NOT NULL,
                    installed_on timestamptz NOT NULL DEFAULT now(), success boolean NOT NULL, checksum bytea NOT NULL,
                    execution_time bigint NOT NULL);
                INSERT INTO _sqlx_migrations (version, description, success, checksum, execution_time)
                VALUES (1, 'a', true, '\\x00', 3), (2, 'b', true, '\\x00', -1);
                CREATE TABLE a (id int);
                CREATE TABLE b (id int);
                """,
            recorded: ["1", "2"]
        ),
        Case(
            format: "flyway",
            files: [
                "V1__Create_a.sql": "CREATE TABLE a (id int);",
                "V1_1__Create_b.sql": "CREATE TABLE b (id int);",
                "V2__Create_c.sql": "CREATE TABLE c (id int);",
                "R__Views.sql": "CREATE OR REPLACE VIEW v AS SELECT 1 AS one;",
            ],
            history: """
                CREATE TABLE flyway_schema_history (installed_rank integer NOT NULL PRIMARY KEY, version varchar(50),
                    description varchar(200) NOT NULL, type varchar(20) NOT NULL, script varchar(1000) NOT NULL, checksum integer,
                    installed_by varchar(100) NOT NULL, installed_on timestamp NOT NULL DEFAULT now(),
                    execution_time integer NOT NULL, success boolean NOT NULL);
                INSERT INTO flyway_schema_history (installed_rank, version, description, type, script, checksum, installed_by, execution_time, success)
                VALUES (1, '1', '<< Flyway Baseline >>', 'BASELINE', '<< Flyway Baseline >>', NULL, 'me', 0, true),
                       (2, '1.1', 'Create b', 'SQL', 'V1_1__Create_b.sql', 12345, 'me', 4, true),
                       (3, NULL, 'Views', 'SQL', 'R__Views.sql', 678, 'me', 2, true);
                CREATE TABLE a (id int);
                CREATE TABLE b (id int);
                """,
            recorded: ["10", "11"],
            arguments: ["--allow-unconverted"]
        ),
        Case(
            format: "diesel",
            files: [
                "00000000000000_diesel_initial_setup/up.sql": "CREATE TABLE setup (id int);",
                "00000000000000_diesel_initial_setup/down.sql": "DROP TABLE setup;",
                "2024-01-15-093000_create_a/up.sql": "CREATE TABLE a (id int);",
                "2024-01-15-093000_create_a/down.sql": "DROP TABLE a;",
                "2024-01-16-093000_create_b/up.sql": "CREATE TABLE b (id int);",
            ],
            history: """
                CREATE TABLE __diesel_schema_migrations (version varchar(50) PRIMARY KEY NOT NULL,
                    run_on timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP);
                INSERT INTO __diesel_schema_migrations (version) VALUES ('00000000000000'), ('20240115093000');
                CREATE TABLE setup (id int);
                CREATE TABLE a (id int);
                """,
            recorded: ["00000000000000", "20240115093000"]
        ),
        Case(
            format: "popx",
            files: [
                "20200101000000000000_a.up.sql": "CREATE TABLE a (id int);", "20200101000000000000_a.down.sql": "DROP TABLE a;",
                "20200102000000000001_b.postgres.up.sql": "CREATE TABLE b (id int);", "20200102000000000001_b.down.sql": "DROP TABLE b;",
                "20200103000000000000_c.up.sql": "CREATE TABLE c (id int);", "20200103000000000000_c.down.sql": "DROP TABLE c;",
            ],
            history: """
                CREATE TABLE schema_migration (version varchar(48) NOT NULL, version_self int NOT NULL DEFAULT 0);
                CREATE UNIQUE INDEX schema_migration_version_idx ON schema_migration (version);
                INSERT INTO schema_migration (version) VALUES ('20200101000000'), ('20200102000000000001');
                CREATE TABLE a (id int);
                CREATE TABLE b (id int);
                """,
            recorded: ["20200101000000000000", "20200102000000000001"]
        ),
    ]

    /// The project with the tool's files in `legacy/`, and the tool's history made.
    private func prepare(_ testCase: Case, _ project: Project, _ database: TestDatabase) async throws {
        for (path, text) in testCase.files { try project.write("legacy/" + path, text) }
        let made = try await Tools.psql(database.url, testCase.history)
        #expect(made.status == 0, "\(made)")
    }

    @Test("the applied versions are recorded in one batch; the rest runs with strata up", arguments: cases)
    func carriesHistoryOver(_ testCase: Case) async throws {
        try await withProject(label: "adopt_history_\(testCase.format)", { try Project.make(databaseURL: $0) }) { project, database in
            try await prepare(testCase, project, database)
            let result = await project.run(["adopt", testCase.format, "legacy", "--history", database.url] + testCase.arguments)
            expectStatus(result, 0)
            expectContains(result.stdout, "recorded \(testCase.recorded.count) as applied in batch 1 of Strata's history")
            let history = try await database.history()
            #expect(history.map(\.version) == testCase.recorded)
            #expect(history.allSatisfy { $0.batch == 1 && $0.state == "applied" && $0.executionMs == 0 })

            let up = await project.run(["up"])
            expectStatus(up, 0)
            let status = try requireJSON(await project.run(["status", "--format", "json"]))
            #expect(status["summary"]["applied"].int == project.migrationFiles().count, "\(status)")
            #expect(status["summary"]["pending"].int == 0)
        }
    }

    @Test("--dry-run reads the history but records and writes nothing")
    func dryRun() async throws {
        let testCase = Self.cases[0]
        try await withProject({ try Project.make(databaseURL: $0) }) { project, database in
            try await prepare(testCase, project, database)
            let result = await project.run(["adopt", "goose", "legacy", "--history", database.url, "--dry-run", "--format", "json"])
            expectStatus(result, 0)
            let json = try requireJSON(result)
            #expect(json["history"]["applied"].array?.compactMap(\.string) == ["00001", "00002"])
            #expect(json["history"]["rows"].int == 5)
            #expect(json["history"]["recorded"] == .null)
            #expect(project.migrationFiles().isEmpty)
            #expect(try await database.historyTableExists() == false)
        }
    }

    /// A failed or dirty record is never carried over: adoption stops before writing.
    @Test("dirty and failed histories stop with exit 4", arguments: [
        ("golang-migrate", "UPDATE schema_migrations SET dirty = true", "dirty"),
        ("sqlx", "UPDATE _sqlx_migrations SET success = false WHERE version = 2", "failed"),
        ("flyway", "UPDATE flyway_schema_history SET success = false WHERE installed_rank = 2", "failed"),
    ])
    func dirty(_ format: String, _ breakIt: String, _ word: String) async throws {
        let testCase = try #require(Self.cases.first { $0.format == format })
        try await withProject(label: "adopt_dirty_\(format)", { try Project.make(databaseURL: $0) }) { project, database in
            try await prepare(testCase, project, database)
            try await database.execute(breakIt)
            let result = await project.run(["adopt", format, "legacy", "--history", database.url] + testCase.arguments)
            expectStatus(result, 4)
            expectContains(result.stderr, word)
            #expect(project.migrationFiles().isEmpty)
            #expect(try await database.historyTableExists() == false)
        }
    }

    @Test("--history env:NAME reads an environment of strata.yaml")
    func environment() async throws {
        let testCase = Self.cases[0]
        try await withProject({ try Project.make(config: "environments:\n  legacy:\n    url: \"${LEGACY_URL}\"\n", databaseURL: $0) }) { project, database in
            try await prepare(testCase, project, database)
            let result = await project.run(
                ["adopt", "goose", "legacy", "--history", "env:legacy", "--format", "json"],
                variables: ["LEGACY_URL": database.url, "DATABASE_URL": ""]
            )
            expectStatus(result, 0)
            let json = try requireJSON(result)
            #expect(json["history"]["recorded"].array?.compactMap(\.string) == ["00001", "00002"])
            #expect(json["history"]["target"]["environment"].string == "legacy")
            #expect(try await database.history().map(\.version) == ["00001", "00002"])
        }
    }

    @Test("a database without the tool's table is a usage error (exit 2)")
    func missingTable() async throws {
        try await withProject({ try Project.make(databaseURL: $0) }) { project, database in
            try project.write("legacy/00001_a.sql", "-- +goose Up\nSELECT 1;\n")
            let result = await project.run(["adopt", "goose", "legacy", "--history", database.url, "--format", "json"])
            expectStatus(result, 2)
            expectContains(result.stderr, "has no table goose_db_version")
            #expect(try requireJSON(result)["error"]["code"].string == "history-missing")
            #expect(project.migrationFiles().isEmpty)
        }
    }
}
