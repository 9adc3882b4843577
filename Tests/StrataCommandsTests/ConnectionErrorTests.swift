import Foundation
import StrataTesting
import Testing

/// Exit 3 for every way of not getting a session, quickly, and never showing the
/// password (DESIGN §5: "Passwords never appear in any output or log").
@Suite("connection errors")
struct ConnectionErrorTests {
    @Test func wrongPasswordExitsThreeAndIsNeverPrinted() async throws {
        try await withTestDatabase { database in
            try await withPasswordRole(on: database) { role, _ in
                let wrong = "Wr0ngPa55-\(UInt32.random(in: 0...UInt32.max))-zq"
                let url = try await database.tcpURL(user: role, password: wrong)
                let project = try Project.make(migrations: ["0001_a.sql": "-- strata:up\nCREATE TABLE a (id int);\n"])
                defer { project.delete() }

                let runs: [[String]] = [
                    ["status", "--url", url],
                    ["status", "--url", url, "--format", "json"],
                    ["status", "--url", url, "--verbose"],
                    ["up", "--url", url, "--verbose", "--format", "json"],
                ]
                for arguments in runs {
                    let result = await project.run(arguments)
                    expectStatus(result, 3)
                    expectLacks(result.stdout, wrong)
                    expectLacks(result.stderr, wrong)
                    expectContains(result.stderr.lowercased(), "password")
                    if arguments.contains("json") {
                        #expect(try requireJSON(result)["error"]["exit_code"].int == 3, "\(result)")
                    }
                }
                // The same through DATABASE_URL and PGPASSWORD, in the real executable.
                let viaVariable = try await project.runProcess(["status", "--verbose"], variables: ["DATABASE_URL": url])
                expectStatus(viaVariable, 3)
                expectLacks(viaVariable.output, wrong)
                let libpq = try await project.runProcess(["status", "--verbose"], variables: [
                    "PGHOST": "127.0.0.1", "PGPORT": String(try await TestDatabase.tcpPort()), "PGUSER": role,
                    "PGPASSWORD": wrong, "PGDATABASE": database.name,
                ])
                expectStatus(libpq, 3)
                expectLacks(libpq.output, wrong)
                #expect(try await database.historyTableExists() == false)
            }
        }
    }

    @Test func silentServerTimesOutAfterConnectTimeout() async throws {
        let listener = try SilentListener()
        let project = try Project.make()
        defer { project.delete() }
        let clock = ContinuousClock()
        let started = clock.now
        let result = await project.run(["status", "--url", "postgres://postgres@127.0.0.1:\(listener.port)/app?connect_timeout=3&sslmode=disable"])
        let elapsed = clock.now - started
        expectStatus(result, 3)
        expectContains(result.stderr, "127.0.0.1:\(listener.port)")
        expectContains(result.stderr, "timed out")
        expectContains(result.stderr, "3 s")
        // Bounds that tell "gave up at the timeout" from "hung", not a benchmark: the
        // machine may be loaded by other work.
        #expect(elapsed >= .seconds(3) && elapsed < .seconds(60), "took \(elapsed)")
        withExtendedLifetime(listener) {}
    }

    /// Without `connect_timeout` the default of 10 s applies (README "Configuration").
    @Test func silentServerTimesOutAfterTheDefaultTenSeconds() async throws {
        let listener = try SilentListener()
        let project = try Project.make()
        defer { project.delete() }
        let clock = ContinuousClock()
        let started = clock.now
        let result = await project.run(["status", "--url", "postgres://postgres@127.0.0.1:\(listener.port)/app?sslmode=disable"])
        let elapsed = clock.now - started
        expectStatus(result, 3)
        expectContains(result.stderr, "timed out")
        expectContains(result.stderr, "10 s")
        #expect(elapsed >= .seconds(10) && elapsed < .seconds(90), "took \(elapsed)")
        withExtendedLifetime(listener) {}
    }

    @Test(arguments: Format.allCases)
    func refusedConnectionExitsThreeQuickly(format: Format) async throws {
        let port = try LoopbackSockets.freePort()
        let project = try Project.make()
        defer { project.delete() }
        let clock = ContinuousClock()
        let started = clock.now
        let result = await project.run(["up", "--url", "postgres://postgres@127.0.0.1:\(port)/app"] + format.flags)
        let elapsed = clock.now - started
        expectStatus(result, 3)
        expectContains(result.stderr, "127.0.0.1:\(port)")
        // Refused at once, not after the 10 s connect timeout (which would say "timed out").
        expectLacks(result.stderr, "timed out")
        #expect(elapsed < .seconds(60), "took \(elapsed)")
        if format == .json {
            let error = try requireJSON(result)["error"]
            #expect(error["exit_code"].int == 3, "\(error)")
            #expect(error["message"].string?.contains("127.0.0.1:\(port)") == true, "\(error)")
        }
    }
}
