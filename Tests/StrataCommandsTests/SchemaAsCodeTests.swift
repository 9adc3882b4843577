#if canImport(Glibc)
import Glibc
#endif
import Foundation
import StrataDiff
import StrataGenerate
import StrataMigrate
import StrataPostgres
import StrataTesting
import Testing

/// `diff`, `generate` and `push` on the quickstart example (issue 3): the whole loop,
/// renames, output formats, every class of bad input, and failed proofs. Serialized:
/// several tests check that no scratch database of this process is left behind.
@Suite("schema as code", .serialized) struct SchemaAsCodeTests {
    /// A copy of the quickstart with its desired schema, whose scratch databases live on
    /// the test server (`scratch_url`) rather than on a local cluster of its own: by default
    /// created by this suite's own role (``ownScratchURL()``), so that
    /// ``leftoverScratchDatabases()`` sees only this suite's.
    static func project(_ database: TestDatabase, scratchURL: String? = nil) async throws -> Project {
        let project = try Project.quickstart(databaseURL: database.url)
        for name in try FileManager.default.contentsOfDirectory(atPath: Paths.quickstart + "/schema").sorted() {
            try project.write("schema/" + name, try String(contentsOfFile: Paths.quickstart + "/schema/" + name, encoding: .utf8))
        }
        let url: String
        if let scratchURL { url = scratchURL } else { url = try await ownScratchURL() }
        try project.write("strata.yaml", try project.read("strata.yaml") + "scratch_url: \"\(url)\"\n")
        return project
    }

    /// The superuser whose scratch databases this suite checks for leftovers. Every command
    /// of every suite runs in this test process, so the scratch databases of suites running
    /// alongside carry the same process id in their names; they are told apart by owner.
    static let scratchRole = "strata_test_scratch_owner"

    /// The test server as ``scratchRole`` (over TCP, with its password).
    static func ownScratchURL() async throws -> String {
        let password = "Scratch-owner-pw"
        try await TestServer.ensureRoles([scratchRole], attributes: "SUPERUSER LOGIN PASSWORD '\(password)'")
        return try await TestServer.tcpSettings(user: scratchRole, password: password, database: "postgres").url(includingPassword: true)
    }

    /// Scratch databases of this test process made by this suite's role that still exist.
    static func leftoverScratchDatabases() async throws -> [String] {
        let session = try await PostgresSession.connect(try await TestServer.adminSettings())
        let rows = try await session.query(
            """
            SELECT d.datname::text FROM pg_database d JOIN pg_roles r ON r.oid = d.datdba
            WHERE d.datname LIKE $1 AND r.rolname = $2 ORDER BY 1
            """,
            ["strata\\_scratch\\_\(getpid())\\_%", scratchRole]
        )
        await session.close()
        return rows.compactMap { $0[0] }
    }

    /// Changes the example's desired schema: a new column, an index on an existing table,
    /// an enum value and a comment.
    static func editSchema(_ project: Project) throws {
        var users = try project.read("schema/02_users.sql")
        users = users.replacingOccurrences(of: "    display_name text,", with: "    display_name text,\n    nickname varchar(40),")
        users += "\nCREATE INDEX users_created_at_idx ON users (created_at);\nCOMMENT ON TABLE users IS 'People who can order.';\n"
        try project.write("schema/02_users.sql", users)
        let types = try project.read("schema/01_types.sql").replacingOccurrences(of: "'cancelled')", with: "'cancelled', 'refunded')")
        try project.write("schema/01_types.sql", types)
    }

    // MARK: - The whole loop

    @Test func generateUpStatusDownUpOnTheQuickstart() async throws {
        try await TestDatabase.withDatabase { database in
            let project = try await Self.project(database)
            defer { project.delete() }

            let inSync = await project.run(["generate", "--check"])
            #expect(inSync.status == 0, "\(inSync)")
            #expect(inSync.stdout.contains("In sync"))

            try Self.editSchema(project)
            let check = await project.run(["generate", "--check"])
            #expect(check.status == 4, "\(check)")
            #expect(check.stdout.contains("public.users.nickname"))
            #expect(project.migrationFiles().count == 4, "--check writes nothing")

            let now = Date(timeIntervalSince1970: 1_800_000_000)  // 2027-01-15 08:00:00 UTC
            let generated = await project.run(["generate", "add_nickname"], now: now)
            #expect(generated.status == 0, "\(generated)")
            let files = project.migrationFiles().filter { $0.contains("add_nickname") }
            #expect(files.first == "20270115080000_add_nickname.sql", "\(files)")
            #expect(files.count >= 2, "the concurrent index build gets a file of its own: \(files)")
            let texts = try files.map { try project.read("migrations/" + $0) }
            #expect(texts.contains { $0.contains("-- strata:no-transaction") && $0.contains("CREATE INDEX CONCURRENTLY users_created_at_idx") })
            try #require(!texts.isEmpty, "generate wrote no file: \(generated)")
            #expect(texts[0].contains("ADD COLUMN nickname"))
            #expect(texts[0].contains("-- Hazards:"))
            #expect(texts[0].contains("enum-value-added"))
            #expect(texts.allSatisfy { $0.contains("-- strata:down") && $0.contains("Proved on a scratch database") })
            #expect(generated.stdout.contains("Proved on a scratch database"))

            let up = await project.run(["up"])
            #expect(up.status == 0, "\(up)")
            #expect(try await database.value("SELECT count(*) FROM information_schema.columns WHERE table_name = 'users' AND column_name = 'nickname'") == "1")
            #expect(try await database.relationExists("users_created_at_idx"))

            let status = await project.run(["status", "--format", "json"])
            let states = status.json?["migrations"].array?.compactMap { $0["state"].string }
            #expect(states == Array(repeating: "applied", count: 4 + files.count), "\(status)")

            // The database now matches the desired schema, and the migrations do too.
            #expect(await project.run(["diff"]).status == 0)
            #expect(await project.run(["generate", "--check"]).status == 0)

            let down = await project.run(["down", "--steps", "\(files.count)"])
            #expect(down.status == 0, "\(down)")
            #expect(try await database.value("SELECT count(*) FROM information_schema.columns WHERE table_name = 'users' AND column_name = 'nickname'") == "0")
            #expect(try await !database.relationExists("users_created_at_idx"))
            #expect(try await database.value("SELECT count(*) FROM pg_enum WHERE enumlabel = 'refunded'") == "0")

            let again = await project.run(["up"])
            #expect(again.status == 0, "\(again)")
            #expect(await project.run(["diff"]).status == 0)
            #expect(try await Self.leftoverScratchDatabases().isEmpty)
        }
    }

    @Test func renameKeepsTheColumnsData() async throws {
        try await TestDatabase.withDatabase { database in
            let project = try await Self.project(database)
            defer { project.delete() }
            #expect(await project.run(["up"]).status == 0)
            try await database.execute("INSERT INTO users (email, display_name) VALUES ('ada@example.com', 'Ada')")
            let users = try project.read("schema/02_users.sql").replacingOccurrences(of: "display_name text", with: "full_name text")
            try project.write("schema/02_users.sql", users)

            let withoutRename = await project.run(["generate", "--check"])
            #expect(withoutRename.stdout.contains("data-loss"), "a drop and an add lose data: \(withoutRename)")

            let generated = await project.run(["generate", "rename_display_name", "--rename", "users.display_name=full_name"])
            #expect(generated.status == 0, "\(generated)")
            let file = try #require(project.migrationFiles().first { $0.contains("rename_display_name") })
            let text = try project.read("migrations/" + file)
            #expect(text.contains("RENAME COLUMN display_name TO full_name"), "\(text)")
            #expect(!text.contains("data-loss"), "\(text)")
            #expect(await project.run(["up"]).status == 0)
            #expect(try await database.value("SELECT full_name FROM users") == "Ada")
        }
    }

    // MARK: - diff and push

    @Test func diffPrintsSQLTextOrJSONAndExitsTwoOnDifferences() async throws {
        try await TestDatabase.withDatabase { database in
            let project = try await Self.project(database)
            defer { project.delete() }
            #expect(await project.run(["up"]).status == 0)
            let same = await project.run(["diff", "--from", "migrations", "--to", "schema"])
            #expect(same.status == 0, "\(same)")
            #expect(same.stdout.contains("No differences"))

            try Self.editSchema(project)
            let sql = await project.run(["diff"])
            #expect(sql.status == 2, "\(sql)")
            #expect(sql.stdout.contains("ALTER TABLE public.users ADD COLUMN nickname character varying(40);"))
            #expect(sql.stdout.contains("-- hazard blocking-lock"))

            let text = await project.run(["diff", "--format", "text"])
            #expect(text.status == 2)
            #expect(text.stdout.contains("table public.users"))
            #expect(text.stdout.contains("hazards:"))

            let json = await project.run(["diff", "--format", "json", "--concurrently"])
            #expect(json.status == 2)
            let statements = try #require(json.json?["statements"].array)
            #expect(statements.contains { $0["transactional"].bool == false && ($0["sql"].string ?? "").contains("CONCURRENTLY") })
            #expect(json.json?["empty"].bool == false)
            #expect(json.json?["hazards"].array?.isEmpty == false)

            #expect(await project.run(["status", "--format", "sql"]).status == 2, "sql is a format for diff only")
        }
    }

    @Test func diffBetweenTwoDatabasesNeedsNoScratchServer() async throws {
        try await TestDatabase.withDatabase { database in
            // No scratch_url: a scratch server would be the project's local cluster.
            let project = try Project.quickstart(databaseURL: database.url)
            defer { project.delete() }
            #expect(await project.run(["up"]).status == 0)
            let diff = await project.run(["diff", "--from", database.url, "--to", "env:dev"])
            #expect(diff.status == 0, "\(diff)")
            #expect(!project.exists(".strata/postgres"), "reading two databases starts no local cluster")
        }
    }

    @Test func pushMakesTheDatabaseMatchAndIsRefusedWhenProtected() async throws {
        try await TestDatabase.withDatabase { database in
            let project = try await Self.project(database)
            defer { project.delete() }
            #expect(await project.run(["up"]).status == 0)
            try Self.editSchema(project)
            let withoutYes = await project.run(["push"])
            #expect(withoutYes.status == 2, "not on a terminal, push needs --yes: \(withoutYes)")

            let pushed = await project.run(["push", "--yes"])
            #expect(pushed.status == 0, "\(pushed)")
            #expect(pushed.stdout.contains("matches the desired schema"))
            #expect(await project.run(["diff"]).status == 0)

            let protected = await project.run(["--env", "prod", "push", "--yes"], variables: ["DATABASE_URL": database.url])
            #expect(protected.status == 2, "\(protected)")
            #expect(protected.stderr.contains("protected"))
        }
    }

    // MARK: - Bad input

    enum BadSchema: String, CaseIterable, Sendable {
        case syntaxError, objectFromALaterFile, unknownExtension

        var files: [String: String] {
            switch self {
            case .syntaxError: return ["schema/05_bad.sql": "-- a typo\nCREATE TABL broken (id int);\n"]
            case .objectFromALaterFile:
                return ["schema/05_early.sql": "CREATE VIEW early AS\n    SELECT * FROM later_table;\n",
                        "schema/06_later.sql": "CREATE TABLE later_table (id int);\n"]
            case .unknownExtension: return ["schema/05_bad.sql": "CREATE EXTENSION no_such_extension;\n"]
            }
        }

        var location: String {
            switch self {
            case .syntaxError: return "schema/05_bad.sql:2:8"
            case .objectFromALaterFile: return "schema/05_early.sql:2:19"
            case .unknownExtension: return "schema/05_bad.sql:1:1"
            }
        }

        var hint: String {
            switch self {
            case .syntaxError: return "42601"
            case .objectFromALaterFile: return "files load in path order"
            case .unknownExtension: return "not installed on the scratch server"
            }
        }
    }

    @Test(arguments: BadSchema.allCases) func badSchemaFileNamesFileAndLineAndLeavesNoScratchDatabase(_ bad: BadSchema) async throws {
        try await TestDatabase.withDatabase { database in
            let project = try await Self.project(database)
            defer { project.delete() }
            for (path, text) in bad.files { try project.write(path, text) }
            for arguments in [["generate", "--check"], ["generate", "broken"], ["diff"], ["push", "--yes"]] {
                let result = await project.run(arguments)
                #expect(result.status == 1, "\(arguments): \(result)")
                #expect(result.stderr.contains(bad.location), "\(arguments): \(result)")
                #expect(result.stderr.contains(bad.hint), "\(arguments): \(result)")
            }
            let json = await project.run(["diff", "--format", "json"])
            #expect(json.json?["error"]["file"].string == bad.location.split(separator: ":").first.map(String.init))
            #expect(project.migrationFiles().count == 4, "nothing was written")
            #expect(try await Self.leftoverScratchDatabases().isEmpty)
        }
    }

    @Test func unreachableScratchServerExitsThree() async throws {
        try await TestDatabase.withDatabase { database in
            let port = try LoopbackSockets.freePort()
            let project = try await Self.project(database, scratchURL: "postgres://postgres@127.0.0.1:\(port)/postgres?connect_timeout=3")
            defer { project.delete() }
            let result = await project.run(["generate", "--check"])
            #expect(result.status == 3, "\(result)")
            #expect(result.stderr.contains("scratch server"), "\(result)")
            #expect(result.stderr.contains("127.0.0.1:\(port)"))
        }
    }

    // MARK: - Failed proofs

    /// Runs the generator on the edited quickstart with a planner that breaks on purpose.
    static func generate(_ project: Project, planner: @escaping MigrationGenerator.Planner) async throws -> MigrationGenerator.Result {
        let admin = try await TestServer.adminSettings()
        let migrator = try Migrator(directory: MigrationDirectory(path: project.path("migrations"), displayPath: "migrations"))
        let generator = MigrationGenerator(reader: SchemaReader(scratch: ScratchServer(adminSettings: admin)), planner: planner)
        return try await generator.generate(MigrationGenerator.Request(
            name: "broken", migrator: migrator, desired: try SchemaFiles.read(path: project.path("schema"), displayPath: "schema"),
            renames: [], versions: { count in (0..<count).map { String(30_000_000_000_000 + $0) } }, commandLine: "test"
        ))
    }

    /// Counts calls, so that a test can break the first plan or the later (down) ones.
    final class CallCounter: Sendable {
        private let count = Mutex(0)
        func next() -> Int { count.withLock { $0 += 1; return $0 } }
    }

    @Test func anUpPlanThatFallsShortFailsItsProofAndWritesNothing() async throws {
        try await TestDatabase.withDatabase { database in
            let project = try await Self.project(database)
            defer { project.delete() }
            try Self.editSchema(project)
            let calls = CallCounter()
            let error = try await #require(throws: GenerateError.self) {
                _ = try await Self.generate(project) { from, to, options in
                    var plan = try SchemaDiffer.plan(from: from, to: to, options: options)
                    if calls.next() == 1 { plan.statements.removeAll { $0.sql.contains("nickname") } }
                    return plan
                }
            }
            #expect(error.code == .proofFailed)
            #expect(error.message.contains("does not reach the desired schema"))
            #expect(error.differences.contains { $0.contains("public.users.nickname") }, "\(error.differences)")
            #expect(project.migrationFiles().count == 4)
            #expect(try await Self.leftoverScratchDatabases().isEmpty)
        }
    }

    @Test func aDownPlanThatDoesNotReturnFailsItsProof() async throws {
        try await TestDatabase.withDatabase { database in
            let project = try await Self.project(database)
            defer { project.delete() }
            try Self.editSchema(project)
            let calls = CallCounter()
            let error = try await #require(throws: GenerateError.self) {
                _ = try await Self.generate(project) { from, to, options in
                    var plan = try SchemaDiffer.plan(from: from, to: to, options: options)
                    // Down plans come after the first plan; leave the new column in place.
                    if calls.next() > 1 { plan.statements.removeAll { $0.sql.contains("DROP COLUMN nickname") } }
                    return plan
                }
            }
            #expect(error.code == .proofFailed)
            #expect(error.message.contains("down part"))
            #expect(error.differences.contains { $0.contains("nickname") }, "\(error.differences)")
            #expect(try await Self.leftoverScratchDatabases().isEmpty)
        }
    }

    @Test func aPlanThatFailsOnTheServerFailsItsProof() async throws {
        try await TestDatabase.withDatabase { database in
            let project = try await Self.project(database)
            defer { project.delete() }
            try Self.editSchema(project)
            let calls = CallCounter()
            let error = try await #require(throws: GenerateError.self) {
                _ = try await Self.generate(project) { from, to, options in
                    var plan = try SchemaDiffer.plan(from: from, to: to, options: options)
                    if calls.next() == 1, let first = plan.statements.first {
                        var broken = first
                        broken.sql = "ALTER TABLE public.no_such_table ADD COLUMN x int"
                        plan.statements.insert(broken, at: 0)
                    }
                    return plan
                }
            }
            #expect(error.code == .proofFailed)
            #expect(error.server?.sqlState == "42P01")
            #expect(try await Self.leftoverScratchDatabases().isEmpty)
        }
    }
}

import Synchronization
