import Foundation
import StrataTesting
import Testing

/// Problems that stop a run before anything executes (DESIGN §3, §5, §7): exit 4, a
/// message with the file and line, and no change to the schema or the history. `validate`
/// reports the same problems with exit 4.
@Suite("validation problems")
struct ValidationProblemTests {
    /// Two applied migrations and one good pending one; each case then breaks something.
    static let base: [String: String] = [
        "0010_base.sql": "-- strata:up\nCREATE TABLE base (id int);\n-- strata:down\nDROP TABLE base;\n",
        "0020_base_two.sql": "-- strata:up\nCREATE TABLE base_two (id int);\n-- strata:down\nDROP TABLE base_two;\n",
    ]
    static let goodPending = "-- strata:up\nCREATE TABLE should_not_exist (id int);\n-- strata:down\nDROP TABLE should_not_exist;\n"

    enum Problem: String, CaseIterable, Sendable {
        case editedAppliedFile, missingAppliedFile, outOfOrderFile, duplicateVersion, malformedFileName, upperCaseExtension
        case psqlMetaCommand, transactionControlInTransactionalFile, concurrentlyInTransactionalFile, unterminatedDollarQuote

        /// The problem code in JSON output.
        var code: String {
            switch self {
            case .editedAppliedFile: return "modified"
            case .missingAppliedFile: return "missing"
            case .outOfOrderFile: return "out-of-order"
            case .duplicateVersion: return "duplicate-version"
            case .malformedFileName, .upperCaseExtension: return "malformed-name"
            case .psqlMetaCommand: return "meta-command"
            case .transactionControlInTransactionalFile: return "transaction-control"
            case .concurrentlyInTransactionalFile: return "not-allowed-in-transaction"
            case .unterminatedDollarQuote: return "unterminated-dollar-quote"
            }
        }

        /// The file and line the message must name (`file:line`), and as JSON fields. A
        /// missing file has no line: the message names the migration instead.
        var file: String? {
            switch self {
            case .editedAppliedFile: return "migrations/0010_base.sql"
            case .missingAppliedFile: return nil
            case .outOfOrderFile: return "migrations/0015_late.sql"
            case .duplicateVersion: return "migrations/0040_dup_a.sql"
            case .malformedFileName: return "migrations/0040_Bad-Name.sql"
            case .upperCaseExtension: return "migrations/0040_shouting.SQL"
            case .psqlMetaCommand: return "migrations/0040_meta.sql"
            case .transactionControlInTransactionalFile: return "migrations/0040_transaction.sql"
            case .concurrentlyInTransactionalFile: return "migrations/0040_concurrently.sql"
            case .unterminatedDollarQuote: return "migrations/0040_dollar.sql"
            }
        }

        var line: Int? {
            switch self {
            case .missingAppliedFile: return nil
            case .editedAppliedFile, .outOfOrderFile, .duplicateVersion, .malformedFileName, .upperCaseExtension: return 1
            case .psqlMetaCommand, .transactionControlInTransactionalFile, .concurrentlyInTransactionalFile: return 3
            case .unterminatedDollarQuote: return 2
            }
        }

        /// What the message must contain.
        var location: String {
            guard let file, let line else { return "0020_base_two" }
            return "\(file):\(line)"
        }

        /// Breaks the project, whose first two migrations are applied.
        func apply(to project: Project) throws {
            switch self {
            case .editedAppliedFile:
                try project.writeMigration("0010_base.sql", try project.read("migrations/0010_base.sql") + "-- an afterthought\n")
            case .missingAppliedFile:
                try project.remove("migrations/0020_base_two.sql")
            case .outOfOrderFile:
                try project.writeMigration("0015_late.sql", "-- strata:up\nCREATE TABLE late (id int);\n")
            case .duplicateVersion:
                try project.writeMigration("0040_dup_a.sql", "-- strata:up\nCREATE TABLE dup_a (id int);\n")
                try project.writeMigration("0040_dup_b.sql", "-- strata:up\nCREATE TABLE dup_b (id int);\n")
            case .malformedFileName:
                try project.writeMigration("0040_Bad-Name.sql", "-- strata:up\nCREATE TABLE bad_name (id int);\n")
            case .upperCaseExtension:
                try project.writeMigration("0040_shouting.SQL", "-- strata:up\nCREATE TABLE shouting (id int);\n")
            case .psqlMetaCommand:
                try project.writeMigration("0040_meta.sql", "-- strata:up\nCREATE TABLE meta (id int);\n\\set ON_ERROR_STOP on\n")
            case .transactionControlInTransactionalFile:
                try project.writeMigration(
                    "0040_transaction.sql", "-- strata:up\nCREATE TABLE tc (id int);\nBEGIN;\nINSERT INTO tc VALUES (1);\nCOMMIT;\n"
                )
            case .concurrentlyInTransactionalFile:
                try project.writeMigration(
                    "0040_concurrently.sql", "-- strata:up\nCREATE TABLE ci (id int);\nCREATE INDEX CONCURRENTLY ci_idx ON ci (id);\n"
                )
            case .unterminatedDollarQuote:
                try project.writeMigration(
                    "0040_dollar.sql", "-- strata:up\nCREATE FUNCTION f() RETURNS int LANGUAGE sql AS $body$\nSELECT 1;\n"
                )
            }
        }
    }

    /// For the history problems: the state `status` shows, and the `up` flag that accepts it.
    static let historyProblems: [(Problem, version: String, state: String, flag: String)] = [
        (.editedAppliedFile, "0010", "modified", "--allow-modified"),
        (.missingAppliedFile, "0020", "missing", "--allow-missing"),
        (.outOfOrderFile, "0015", "out-of-order", "--allow-out-of-order"),
    ]

    @Test(arguments: historyProblems.map(\.0))
    func statusShowsHistoryProblemsAsStates(problem: Problem) async throws {
        let expected = try #require(Self.historyProblems.first { $0.0 == problem })
        try await withProject({ try Project.make(migrations: Self.base, databaseURL: $0) }) { project, database in
            expectStatus(await project.run(["up"]), 0)
            try project.writeMigration("0030_good.sql", Self.goodPending)
            try problem.apply(to: project)

            let text = await project.run(["status"])
            expectStatus(text, 0)
            #expect(text.stdout.split(separator: "\n").contains { $0.hasPrefix(expected.version) && $0.contains(expected.state) }, "\(text)")
            let json = await project.run(["status", "--format", "json"])
            expectStatus(json, 0)
            let document = try requireJSON(json)
            let entry = (document["migrations"].array ?? []).first { $0["version"].string == expected.version }
            #expect(entry?["state"].string == expected.state, "\(document)")
            #expect(document["summary"][expected.state].int == 1, "\(document)")
        }
    }

    @Test(arguments: historyProblems.map(\.0))
    func allowFlagLetsUpProceedPastTheHistoryProblem(problem: Problem) async throws {
        let expected = try #require(Self.historyProblems.first { $0.0 == problem })
        try await withProject({ try Project.make(migrations: Self.base, databaseURL: $0) }) { project, database in
            expectStatus(await project.run(["up"]), 0)
            try project.writeMigration("0030_good.sql", Self.goodPending)
            try problem.apply(to: project)

            let result = await project.run(["up", expected.flag])
            expectStatus(result, 0)
            #expect(try await database.relationExists("should_not_exist"), "the pending migration did not run")
            if problem == .outOfOrderFile {
                #expect(try await database.relationExists("late"))
                #expect(try await database.appliedVersions().contains("0015"))
            }
        }
    }

    @Test(arguments: Problem.allCases)
    func problemStopsUpBeforeAnythingRuns(problem: Problem) async throws {
        try await withProject({ try Project.make(migrations: Self.base, databaseURL: $0) }) { project, database in
            expectStatus(await project.run(["up"]), 0)
            let historyBefore = try await database.history()
            try project.writeMigration("0030_good.sql", Self.goodPending)
            try problem.apply(to: project)

            let text = await project.run(["up"])
            expectStatus(text, 4)
            expectContains(text.stderr, problem.location)
            expectContains(text.stderr, "nothing was run")

            let json = await project.run(["up", "--format", "json"])
            expectStatus(json, 4)
            let document = try requireJSON(json)
            #expect(document["error"]["exit_code"].int == 4, "\(document)")
            #expect(document["error"]["code"].string == "validation", "\(document)")
            let problems = document["error"]["problems"].array ?? []
            let found = problems.first { $0["code"].string == problem.code }
            #expect(found != nil, "no \(problem.code) problem in \(document)")
            if let found, let file = problem.file, let line = problem.line {
                #expect(found["file"].string == file, "\(found)")
                #expect(found["line"].int == line, "\(found)")
            }

            #expect(try await database.history() == historyBefore)
            #expect(try await database.userTables() == ["base", "base_two"])
        }
    }

    @Test(arguments: Problem.allCases)
    func validateReportsTheProblemWithExitFour(problem: Problem) async throws {
        try await withProject({ try Project.make(migrations: Self.base, databaseURL: $0) }) { project, database in
            expectStatus(await project.run(["up"]), 0)
            try project.writeMigration("0030_good.sql", Self.goodPending)
            try problem.apply(to: project)

            let text = await project.run(["validate"])
            expectStatus(text, 4)
            expectContains(text.output, problem.location)
            expectContains(text.output, "[\(problem.code)]")

            let json = await project.run(["validate", "--format", "json"])
            expectStatus(json, 4)
            let document = try requireJSON(json)
            #expect(document["valid"].bool == false, "\(document)")
            let found = (document["problems"].array ?? []).first { $0["code"].string == problem.code }
            #expect(found != nil, "no \(problem.code) problem in \(document)")
            if let found, let file = problem.file, let line = problem.line {
                #expect(found["file"].string == file, "\(found)")
                #expect(found["line"].int == line, "\(found)")
            }
            #expect(try await database.userTables() == ["base", "base_two"])
            #expect(try await database.history().count == 2)
        }
    }
}
