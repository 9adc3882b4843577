import Foundation
import StrataTesting
import Testing

/// Which database a command acts on, first match wins: `--url`, `DATABASE_URL`, `PG*`,
/// `DB_*` (DESIGN §6); `status` shows the choice with the password hidden (README
/// "Configuration").
@Suite("target resolution")
struct TargetResolutionTests {
    enum Source: String, CaseIterable, Sendable {
        case urlFlag, databaseURL, libpq, dbVariables

        /// How `status` names the source.
        var shown: String {
            switch self {
            case .urlFlag: return "--url"
            case .databaseURL: return "DATABASE_URL"
            case .libpq: return "PG* variables"
            case .dbVariables: return "DB_* variables"
            }
        }
    }

    /// Sets every source of lower precedence than `winner` too, each pointing at a
    /// database that does not exist, so that picking the wrong one fails.
    static func setUp(
        winner: Source, role: String, password: String, database: String, port: Int
    ) -> (arguments: [String], variables: [String: String]) {
        func url(_ name: String) -> String { "postgres://\(role):\(password)@127.0.0.1:\(port)/\(name)" }
        let all = Source.allCases
        var arguments: [String] = []
        var variables: [String: String] = [:]
        for source in all[all.firstIndex(of: winner)!...] {
            let name = source == winner ? database : "no_such_db_\(source.rawValue.lowercased())"
            switch source {
            case .urlFlag:
                arguments = ["--url", url(name)]
            case .databaseURL:
                variables["DATABASE_URL"] = url(name)
            case .libpq:
                variables.merge(["PGHOST": "127.0.0.1", "PGPORT": String(port), "PGUSER": role, "PGPASSWORD": password, "PGDATABASE": name]) { $1 }
            case .dbVariables:
                variables.merge(["DB_HOST": "127.0.0.1", "DB_PORT": String(port), "DB_USER": role, "DB_PASSWORD": password, "DB_NAME": name]) { $1 }
            }
        }
        return (arguments, variables)
    }

    @Test(arguments: Source.allCases)
    func firstSourceWinsAndThePasswordIsHidden(winner: Source) async throws {
        try await withTestDatabase { database in
            try await withPasswordRole(on: database) { role, password in
                let port = try await TestDatabase.tcpPort()
                let (arguments, variables) = Self.setUp(winner: winner, role: role, password: password, database: database.name, port: port)
                let project = try Project.make(migrations: ["0001_a.sql": "-- strata:up\nCREATE TABLE a (id int);\n"])
                defer { project.delete() }

                let text = await project.run(["status"] + arguments, variables: variables)
                expectStatus(text, 0)
                let targetLine = text.stdout.split(separator: "\n").first.map(String.init) ?? ""
                #expect(targetLine.hasPrefix("Target: postgres://\(role)"), "\(text)")
                expectContains(targetLine, "@127.0.0.1:\(port)/\(database.name) ")
                expectContains(targetLine, "(\(winner.shown), environment dev)")
                expectLacks(text.output, password)

                let json = await project.run(["status", "--format", "json"] + arguments, variables: variables)
                expectStatus(json, 0)
                let target = try requireJSON(json)["target"]
                #expect(target["source"].string == winner.shown, "\(target)")
                #expect(target["environment"].string == "dev", "\(target)")
                #expect(target["url"].string?.contains("127.0.0.1:\(port)/\(database.name)") == true, "\(target)")
                expectLacks(json.output, password)

                // And the command really acts on that database (as that role).
                try await database.execute("GRANT CREATE ON SCHEMA public TO \(role)")
                let up = await project.run(["up", "--verbose"] + arguments, variables: variables)
                expectStatus(up, 0)
                expectLacks(up.output, password)
                #expect(try await database.appliedVersions() == ["0001"])
                #expect(try await database.history().first?.appliedBy == role)
            }
        }
    }

    /// `${VAR:-default}` in an environment's url uses the default when VAR is unset.
    @Test func environmentURLDefaultAppliesWhenTheVariableIsUnset() async throws {
        try await withProject({ url in
            try Project.make(config: "environments:\n  dev: {}\n  ci:\n    url: \"${STRATA_ACCEPT_UNSET_URL:-\(url)}\"\n", migrations: [
                "0001_a.sql": "-- strata:up\nCREATE TABLE a (id int);\n",
            ])
        }) { project, database in
            let result = await project.run(["--env", "ci", "up", "--format", "json"], variables: ["DATABASE_URL": ""])
            expectStatus(result, 0)
            let target = try requireJSON(result)["target"]
            #expect(target["environment"].string == "ci", "\(target)")
            #expect(target["source"].string == "environment", "\(target)")
            #expect(try await database.appliedVersions() == ["0001"])
        }
    }

    /// The environment's own url comes after `--url` and before `DATABASE_URL`.
    @Test func environmentURLComesBetweenTheFlagAndDatabaseURL() async throws {
        let config = "environments:\n  dev: {}\n  staging: { url: \"${STAGING_URL}\" }\n"
        try await withProject({ try Project.make(config: config, migrations: [:], databaseURL: $0) }) { project, database in
            let variables = ["STAGING_URL": database.url, "DATABASE_URL": "postgres://postgres@127.0.0.1:1/no_such_db"]
            let result = await project.run(["--env", "staging", "status", "--format", "json"], variables: variables)
            expectStatus(result, 0)
            let target = try requireJSON(result)["target"]
            #expect(target["environment"].string == "staging", "\(target)")
            #expect(target["url"].string?.contains(database.name) == true, "\(target)")

            let text = await project.run(["--env", "staging", "status"], variables: variables)
            expectContains(text.stdout, "(url of environment staging)")

            let flag = await project.run(["--env", "staging", "status", "--format", "json", "--url", "postgres://postgres@127.0.0.1:1/flag_db"], variables: variables)
            expectStatus(flag, 3)
        }
    }
}
