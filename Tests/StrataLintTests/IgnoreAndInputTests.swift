import StrataLint
import Testing

/// `-- strata:lint-ignore` comments, unknown-ignore-code, and invalid-file.
@Suite struct IgnoreAndInputTests {
    static let table = "CREATE TABLE t (id int, note text);"

    // MARK: - Ignores

    @Test func ignoreBeforeAStatement() {
        let report = lint(
            Self.table,
            """
            -- strata:lint-ignore index-not-concurrent t has 40 rows
            CREATE INDEX t_note ON t (note);
            CREATE INDEX t_id ON t (id);
            """
        )
        #expect(located(report) == ["index-not-concurrent 3:1"])
        #expect(report.summary.ignored == 1)
    }

    @Test func ignoreReachesOnlyTheCodesItNames() {
        let report = lint(
            Self.table,
            """
            -- strata:lint-ignore drop-column, rename-column  both unused since v2
            ALTER TABLE t DROP COLUMN note, ADD COLUMN n int NOT NULL;
            -- strata:lint-ignore drop-table
            ALTER TABLE t RENAME COLUMN id TO key;
            """
        )
        #expect(located(report) == ["not-null-column-without-default 2:44", "rename-column 4:1"])
        #expect(report.summary.ignored == 1)
    }

    @Test func ignoreCodesAreCaseInsensitive() {
        let report = lint(Self.table, "-- strata:lint-ignore Index-Not-Concurrent reviewed\nCREATE INDEX t_note ON t (note);")
        #expect(located(report) == [])
        #expect(report.summary.ignored == 1)
    }

    @Test func ignoreForTheWholeFile() {
        let report = lint(
            Self.table,
            """
            -- Backfills and indexes t; the table is tiny.
            -- strata:lint-ignore-file index-not-concurrent
            -- strata:up
            CREATE INDEX t_note ON t (note);
            CREATE INDEX t_id ON t (id);
            DROP TABLE t;
            """
        )
        #expect(located(report) == ["drop-table 6:1"])
        #expect(report.summary.ignored == 2)
    }

    @Test func ignoredFindingsDoNotCountAsErrors() {
        let report = lint(Self.table, "-- strata:lint-ignore-file index-not-concurrent\nCREATE INDEX t_note ON t (note);")
        #expect(report.findings.isEmpty)
        #expect(!report.hasErrors)
        #expect(report.summary.errors == 0)
    }

    // MARK: - unknown-ignore-code

    @Test func unknownCodeInAnIgnore() throws {
        let report = lint(
            Self.table,
            """
            CREATE TABLE s (id int);
              -- strata:lint-ignore index-not-concurent, drop-table typo
            CREATE INDEX t_note ON t (note);
            """
        )
        #expect(located(report) == ["unknown-ignore-code 2:3", "index-not-concurrent 3:1"])
        let found = try #require(finding("unknown-ignore-code", in: report))
        #expect(found.message.contains("index-not-concurent is not a lint rule"))
        #expect(found.severity == .warning)
    }

    @Test func ignoreWithoutCodes() {
        let report = lint(Self.table, "-- strata:lint-ignore-file\nCREATE INDEX t_note ON t (note);")
        #expect(located(report) == ["unknown-ignore-code 1:1", "index-not-concurrent 2:1"])
        #expect(report.findings.first?.message.contains("names no rule code") == true)
    }

    @Test func knownCodesAreNotReported() {
        let codes = LintRule.allCases.map(\.code).joined(separator: ", ")
        let report = lint(Self.table, "-- strata:lint-ignore-file \(codes)\nDROP TABLE t;")
        #expect(located(report) == [])
    }

    // MARK: - invalid-file

    @Test func unterminatedStringIsReportedAndTheNextFileIsLinted() throws {
        let report = lint(
            Self.table,
            "CREATE TABLE s (id int);\nINSERT INTO s VALUES ('oops);\nCREATE INDEX s_id ON s (id);\n",
            "DROP TABLE t;",
            reportAll: true
        )
        #expect(located(report, withFile: true) == ["2.sql:invalid-file 2:23", "3.sql:drop-table 1:1"])
        let found = try #require(finding("invalid-file", in: report))
        #expect(found.severity == .error)
        #expect(found.message.contains("unterminated-string"))
        #expect(found.message.contains("the rest of the file was not linted"))
        #expect(report.summary.files == 3)
    }

    @Test func invalidFileBuildsNoSchema() {
        // Nothing of an invalid file is modelled: its table is unknown, so treated as existing.
        let report = lint("CREATE TABLE s (id int);\nSELECT 'oops;", "CREATE INDEX s_id ON s (id);", reportAll: true)
        #expect(located(report, withFile: true) == ["1.sql:invalid-file 2:8", "2.sql:index-not-concurrent 1:1"])
    }

    @Test func statementsAMigrationMayNotContain() {
        let report = lint(
            Self.table,
            """
            BEGIN;
            CREATE INDEX CONCURRENTLY t_note ON t (note);
            \\i other.sql
            COMMIT;
            """
        )
        #expect(located(report) == ["invalid-file 1:1", "invalid-file 2:1", "invalid-file 3:1", "invalid-file 4:1"])
        #expect(report.findings.map { $0.message.contains("(transaction-control)") } == [true, false, false, true])
        #expect(report.findings[1].message.contains("(not-allowed-in-transaction)"))
        #expect(report.findings[2].message.contains("(meta-command)"))
    }
}
