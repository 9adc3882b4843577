import Foundation
import StrataTesting
import Testing

/// A failing statement is reported with file, line, column, SQLSTATE and the source
/// line (DESIGN §7; README "strata up"), and a no-transaction migration that breaks
/// midway is recorded as failed until repaired with `strata mark` (README "strata mark").
@Suite("statement failures")
struct StatementFailureTests {
    static let createOrders = "-- strata:up\nCREATE TABLE orders (id int, total_cents int);\n-- strata:down\nDROP TABLE orders;\n"

    @Test func syntaxErrorNamesFileLineColumnSQLStateAndShowsTheLine() async throws {
        let files = [
            "0001_orders.sql": Self.createOrders,
            "0002_add_index.sql": "-- strata:up\n-- an index for the totals report\nCREATE INDX orders_total_idx ON orders (total_cents);\n",
        ]
        try await withProject({ try Project.make(migrations: files, databaseURL: $0) }) { project, database in
            let text = await project.run(["up"])
            expectStatus(text, 1)
            expectContains(text.stderr, "migrations/0002_add_index.sql:3:8")
            expectContains(text.stderr, "[42601]")
            expectContains(text.stderr, "syntax error at or near \"INDX\"")
            expectContains(text.stderr, "3 | CREATE INDX orders_total_idx ON orders (total_cents);")
            // The caret sits under column 8: "  3 | CREATE…" then "    |        ^".
            let caretLine = text.stderr.split(separator: "\n").first { $0.hasSuffix("^") && $0.contains("|") }
            if let caretLine, let bar = caretLine.firstIndex(of: "|"), let caret = caretLine.lastIndex(of: "^") {
                #expect(caretLine.distance(from: bar, to: caret) - 2 == 7, "caret under the wrong column:\n\(text.stderr)")
            } else {
                Issue.record("no caret line in:\n\(text.stderr)")
            }
            expectContains(text.stderr, "state: ")

            let json = await project.run(["up", "--format", "json"])
            expectStatus(json, 1)
            let error = try requireJSON(json)["error"]
            expectKeys(error, ["code", "exit_code", "message", "file", "line", "column", "sql_state", "failure"])
            #expect(error["exit_code"].int == 1)
            #expect(error["file"].string == "migrations/0002_add_index.sql", "\(error)")
            #expect(error["line"].int == 3, "\(error)")
            #expect(error["column"].int == 8, "\(error)")
            #expect(error["sql_state"].string == "42601", "\(error)")
            let failure = error["failure"]
            #expect(failure["line"].int == 3, "\(failure)")
            #expect(failure["column"].int == 8, "\(failure)")
            #expect(failure["sql_state"].string == "42601", "\(failure)")
            #expect(failure["file"].string == "migrations/0002_add_index.sql", "\(failure)")
            #expect(failure["database_state"].string?.isEmpty == false, "\(failure)")

            #expect(try await database.history() == [])
            #expect(try await database.userTables() == [])
        }
    }

    /// The server's error position inside a long, indented statement after others in the
    /// same file maps to the file's own line and column.
    @Test func errorPositionInsideAMultiLineStatementMapsToTheFile() async throws {
        let files = [
            "0001_tables.sql": """
                -- strata:up
                CREATE TABLE fine (id int);

                CREATE TABLE broken (
                    id int,
                    name text NOT NULL DEFALT 'x'
                );

                """,
        ]
        try await withProject({ try Project.make(migrations: files, databaseURL: $0) }) { project, database in
            let result = await project.run(["up", "--format", "json"])
            expectStatus(result, 1)
            expectContains(result.stderr, "migrations/0001_tables.sql:6:24")
            expectContains(result.stderr, "6 |     name text NOT NULL DEFALT 'x'")
            let failure = try requireJSON(result)["error"]["failure"]
            #expect(failure["line"].int == 6, "\(failure)")
            #expect(failure["column"].int == 24, "\(failure)")
            #expect(failure["sql_state"].string == "42601", "\(failure)")
            #expect(try await database.userTables() == [])
        }
    }

    static let noTransactionFailingMidway: [String: String] = [
        "0001_items.sql": "-- strata:up\nCREATE TABLE items (a int, b int);\n-- strata:down\nDROP TABLE items;\n",
        "0002_indexes.sql": """
            -- strata:no-transaction
            -- strata:up
            CREATE INDEX CONCURRENTLY items_a_idx ON items (a);
            CREATE INDEX CONCURRENTLY items_c_idx ON items (c);
            -- strata:down
            DROP INDEX CONCURRENTLY IF EXISTS items_c_idx;
            DROP INDEX CONCURRENTLY IF EXISTS items_a_idx;

            """,
        "0003_after.sql": "-- strata:up\nCREATE TABLE after_indexes (id int);\n-- strata:down\nDROP TABLE after_indexes;\n",
    ]

    enum Repair: String, CaseIterable, Sendable {
        /// Finish the migration by hand, then `mark --applied`.
        case applied
        /// Undo it by hand and fix the file, then `mark --pending`.
        case pending
    }

    @Test(arguments: Repair.allCases)
    func noTransactionMigrationFailingMidwayBlocksUntilMarked(repair: Repair) async throws {
        try await withProject({ try Project.make(migrations: Self.noTransactionFailingMidway, databaseURL: $0) }) { project, database in
            let failed = await project.run(["up"])
            expectStatus(failed, 1)
            expectContains(failed.stderr, "migrations/0002_indexes.sql:4:")
            expectContains(failed.stderr, "42703")
            expectContains(failed.stderr, "strata mark 0002")
            // What came before the no-transaction file committed; the first index stays.
            let history = try await database.history()
            #expect(history.map(\.version) == ["0001", "0002"], "\(history)")
            #expect(history.map(\.state) == ["applied", "failed"], "\(history)")
            #expect(try await database.relationExists("items_a_idx"))
            #expect(try await database.relationExists("after_indexes") == false)

            let status = await project.run(["status", "--format", "json"])
            expectStatus(status, 0)
            let document = try requireJSON(status)
            #expect(document["migrations"].array?.map { $0["state"].string } == ["applied", "failed", "pending"], "\(document)")
            #expect(document["summary"]["failed"].int == 1, "\(document)")
            let statusText = await project.run(["status"])
            #expect(statusText.stdout.split(separator: "\n").contains { $0.hasPrefix("0002") && $0.contains("failed") }, "\(statusText)")

            // Blocked until repaired.
            let blocked = await project.run(["up"])
            expectStatus(blocked, 4)
            expectContains(blocked.stderr, "migrations/0002_indexes.sql")
            expectContains(blocked.stderr, "failed")
            expectStatus(await project.run(["validate"]), 4)
            #expect(try await database.relationExists("after_indexes") == false)

            switch repair {
            case .applied:
                try await database.execute("ALTER TABLE items ADD COLUMN c int")
                try await database.execute("CREATE INDEX items_c_idx ON items (c)")
                expectStatus(await project.run(["mark", "0002", "--applied"]), 0)
                expectStatus(await project.run(["up"]), 0)
                let repaired = try await database.history()
                #expect(repaired.map(\.version) == ["0001", "0002", "0003"])
                #expect(repaired.map(\.state) == ["applied", "applied", "applied"])
                #expect(repaired.map(\.batch) == [1, 1, 2], "\(repaired)")
            case .pending:
                try await database.execute("DROP INDEX items_a_idx")
                try project.writeMigration(
                    "0002_indexes.sql",
                    try project.read("migrations/0002_indexes.sql").replacingOccurrences(of: "ON items (c)", with: "ON items (b)")
                )
                expectStatus(await project.run(["mark", "0002", "--pending"]), 0)
                expectStatus(await project.run(["up"]), 0)
                let repaired = try await database.history()
                #expect(repaired.map(\.version) == ["0001", "0002", "0003"])
                #expect(repaired.map(\.state) == ["applied", "applied", "applied"])
                #expect(repaired.map(\.batch) == [1, 2, 2], "\(repaired)")
            }
            #expect(try await database.relationExists("items_a_idx"))
            #expect(try await database.relationExists("items_c_idx"))
            #expect(try await database.relationExists("after_indexes"))
        }
    }
}
