import Foundation
import StrataTesting
import Testing

/// Configuration and usage errors exit 2 and name the file, line and column, or the
/// variable or flag at fault (DESIGN §5, §6; README "Configuration").
@Suite("configuration errors")
struct ConfigurationErrorTests {
    static let oneMigration = ["0001_a.sql": "-- strata:up\nCREATE TABLE a (id int);\n-- strata:down\nDROP TABLE a;\n"]

    @Test(arguments: Format.allCases)
    func unknownKeyInStrataYAMLNamesLineAndColumn(format: Format) async throws {
        let project = try Project.make(config: "migrations: migrations\nlock_timout: 5s\n", migrations: Self.oneMigration)
        defer { project.delete() }
        let result = await project.run(["status"] + format.flags)
        expectStatus(result, 2)
        expectContains(result.stderr, "strata.yaml:2:1")
        expectContains(result.stderr, "lock_timout")
        if format == .json {
            let error = try requireJSON(result)["error"]
            #expect(error["exit_code"].int == 2, "\(error)")
            #expect(error["file"].string == "strata.yaml", "\(error)")
            #expect(error["line"].int == 2, "\(error)")
            #expect(error["column"].int == 1, "\(error)")
        }
    }

    @Test func invalidYAMLNamesTheLine() async throws {
        let project = try Project.make(config: "migrations: migrations\nschema: [one, two\nversioning: sequential\n", migrations: Self.oneMigration)
        defer { project.delete() }
        let result = await project.run(["validate", "--offline"])
        expectStatus(result, 2)
        expectContains(result.stderr, "strata.yaml:")
        // The error is somewhere after the unclosed flow sequence on line 2.
        let location = result.stderr.range(of: #"strata\.yaml:(\d+):(\d+)"#, options: .regularExpression).map { String(result.stderr[$0]) }
        let line = location.flatMap { Int($0.split(separator: ":")[1]) }
        #expect(line.map { (2...4).contains($0) } == true, "\(result)")
    }

    @Test func unsetVariableInAnEnvironmentURLIsNamed() async throws {
        let config = """
            environments:
              dev: {}
              test:
                url: "${STRATA_ACCEPT_UNSET_URL}"

            """
        try await withProject({ try Project.make(config: config, migrations: Self.oneMigration, databaseURL: $0) }) { project, database in
            let result = await project.run(["--env", "test", "up"])
            expectStatus(result, 2)
            expectContains(result.stderr, "STRATA_ACCEPT_UNSET_URL")
            expectContains(result.stderr, "strata.yaml:4:")
            // Not silently replaced by DATABASE_URL (which is set) or the local cluster.
            #expect(try await database.historyTableExists() == false)
            #expect(!project.exists(".strata"))

            // STRATA_ENV selects the environment just as --env does.
            let viaVariable = await project.run(["status", "--format", "json"], variables: ["STRATA_ENV": "test"])
            expectStatus(viaVariable, 2)
            let message = try requireJSON(viaVariable)["error"]["message"].string ?? ""
            expectContains(message, "STRATA_ACCEPT_UNSET_URL")
        }
    }

    @Test func unknownEnvironmentIsAnError() async throws {
        let project = try Project.make(config: "environments:\n  dev: {}\n  test: {}\n", migrations: Self.oneMigration)
        defer { project.delete() }
        let result = await project.run(["status", "--env", "staging"])
        expectStatus(result, 2)
        expectContains(result.stderr, "staging")
        expectContains(result.stderr, "dev")
        expectContains(result.stderr, "test")
        #expect(!project.exists(".strata"))
    }

    @Test func protectedEnvironmentRefusesDownAndRedoWithoutForce() async throws {
        let config = "environments:\n  dev: {}\n  prod: { url: \"${PROD_URL}\", protected: true }\n"
        try await withProject({ try Project.make(config: config, migrations: Self.oneMigration, databaseURL: $0) }) { project, database in
            let variables = ["PROD_URL": database.url, "DATABASE_URL": ""]
            let up = await project.run(["--env", "prod", "up"], variables: variables)
            expectStatus(up, 0)
            expectContains(up.stdout, "protected")
            let applied = try await database.appliedVersions()
            #expect(applied == ["0001"])

            for command in [["down"], ["redo"], ["reset"], ["down", "--steps", "1"]] {
                let refused = await project.run(["--env", "prod"] + command, variables: variables)
                expectStatus(refused, 2)
                expectContains(refused.stderr, "--force")
                #expect(try await database.appliedVersions() == ["0001"], "\(command) changed the database")
                #expect(try await database.relationExists("a"))
            }

            let forced = await project.run(["--env", "prod", "down", "--force"], variables: variables)
            expectStatus(forced, 0)
            #expect(try await database.history() == [])
            #expect(try await database.relationExists("a") == false)
        }
    }

    /// A protected environment without a URL never falls back to the local cluster.
    @Test func protectedEnvironmentWithoutDatabaseIsAnError() async throws {
        let project = try Project.make(config: "environments:\n  prod: { protected: true }\n", migrations: Self.oneMigration)
        defer { project.delete() }
        let result = await project.run(["--env", "prod", "status"])
        expectStatus(result, 2)
        expectContains(result.stderr, "prod")
        #expect(!project.exists(".strata"))
    }

    @Test func versionFlagsRejectWhatIsNotAVersion() async throws {
        try await withProject({ try Project.make(migrations: Self.oneMigration, databaseURL: $0) }) { project, database in
            for arguments in [
                ["up", "--to", "latest"], ["down", "--to", "first"], ["up", "--to", "12a"],
                ["baseline", "v1"], ["mark", "abc", "--applied"],
                ["up", "--steps", "0"], ["up", "--transaction", "sometimes"], ["up", "--lock-wait", "soon"],
                ["up", "--to", "99999999"], ["down", "--to", "99999999"],
            ] {
                let result = await project.run(arguments)
                expectStatus(result, 2)
                #expect(!result.stderr.isEmpty, "\(arguments): no message")
            }
            let to = await project.run(["up", "--to", "latest"])
            expectContains(to.stderr, "--to")
            expectContains(to.stderr, "latest")
            let history = try await database.history()
            #expect(history == [])
            #expect(try await database.userTables() == [])
        }
    }
}
