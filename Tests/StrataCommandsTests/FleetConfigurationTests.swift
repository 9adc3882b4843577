import Foundation
import Testing

/// `strata fleet` refusing bad configuration before it touches any target. The targets
/// point at a port nothing listens on: a command that tried to connect would exit 3.
@Suite("fleet configuration")
struct FleetConfigurationTests {
    static let unreachable = "postgres://postgres@127.0.0.1:1/nowhere?connect_timeout=2"

    static let migration = ["0001_a.sql": "-- strata:up\nCREATE TABLE a (id int);\n-- strata:down\nDROP TABLE a;\n"]

    static func project(_ fleet: String, migrations: [String: String] = migration) throws -> Project {
        try Project.make(config: "environments:\n  dev: {}\n" + fleet, migrations: migrations)
    }

    static func run(_ fleet: String, _ arguments: [String], migrations: [String: String] = migration) async throws -> CLIResult {
        let project = try project(fleet, migrations: migrations)
        defer { project.delete() }
        return await project.run(arguments)
    }

    @Test func withoutTargetsTheFleetSaysWhereToListThem() async throws {
        let result = try await Self.run("", ["fleet", "status"])
        expectStatus(result, 2)
        expectContains(result.stderr, "no fleet targets: strata.yaml has no fleet.targets")
        expectContains(result.stderr, "--targets FILE")
    }

    @Test func urlAndEnvAreRefusedRatherThanIgnored() async throws {
        let fleet = "fleet:\n  targets:\n    - url: \"\(Self.unreachable)\"\n"
        let result = try await Self.run(fleet, ["fleet", "up", "--url", Self.unreachable])
        expectStatus(result, 2)
        expectContains(result.stderr, "--url and --env choose one target")
    }

    @Test func anUnsetVariableIsNamedWithItsPlace() async throws {
        let result = try await Self.run("fleet:\n  targets:\n    - url: \"${TENANT_A_URL}\"\n", ["fleet", "up"])
        expectStatus(result, 2)
        expectContains(result.stderr, "strata.yaml:5:12: fleet.targets[1].url uses ${TENANT_A_URL}, but the environment variable TENANT_A_URL is not set")
    }

    @Test(arguments: [
        ("fleet:\n  paralel: 4\n", "strata.yaml:4:3: unknown key \"paralel\" in fleet"),
        ("fleet:\n  parallel: 0\n", "fleet.parallel must be a whole number of at least 1"),
        ("fleet:\n  targets:\n    - schemas: 'SELECT 1'\n", "a fleet target needs url:"),
        ("fleet:\n  targets:\n    - url: x\n      schema: a\n      schemas: 'SELECT 1'\n", "not both"),
        ("fleet:\n  search_path: public\n", "fleet.search_path must name {schema}"),
        ("fleet:\n  waves:\n    - parallel: 2\n", "a wave needs match:"),
    ])
    func badSettingsAreNamed(fleet: String, message: String) async throws {
        let result = try await Self.run(fleet, ["fleet", "status"])
        expectStatus(result, 2)
        expectContains(result.stderr, message)
    }

    @Test func targetsNoWaveTakesAreNamed() async throws {
        let fleet = "fleet:\n  waves:\n    - match: \"tenant_*\"\n  targets:\n    - url: \"\(Self.unreachable)\"\n"
        let result = try await Self.run(fleet, ["fleet", "up"])
        expectStatus(result, 2)
        expectContains(result.stderr, "no wave matches 127.0.0.1:1/nowhere")
        expectContains(result.stderr, "{match: \"*\"}")
    }

    @Test func anOnlyThatMatchesNothingAndDuplicatesAreErrors() async throws {
        let fleet = "fleet:\n  targets:\n    - url: \"\(Self.unreachable)\"\n    - url: \"\(Self.unreachable)\"\n"
        let duplicate = try await Self.run(fleet, ["fleet", "up"])
        expectStatus(duplicate, 2)
        expectContains(duplicate.stderr, "strata.yaml:6:12: 127.0.0.1:1/nowhere is listed twice (first at strata.yaml:5:12)")
        let single = "fleet:\n  targets:\n    - url: \"\(Self.unreachable)\"\n"
        let none = try await Self.run(single, ["fleet", "up", "--only", "tenant_*", "--format", "json"])
        expectStatus(none, 2)
        expectContains(none.stderr, "--only tenant_* matches none of the 1 targets")
        #expect(try requireJSON(none)["error"]["code"].string == "no-match")
    }

    @Test func aMalformedTargetsFileIsNamedByLine() async throws {
        let project = try Self.project("")
        defer { project.delete() }
        try project.write("targets.txt", "\(Self.unreachable)\n\(Self.unreachable) a b\n")
        let result = await project.run(["fleet", "up", "--targets", "targets.txt"])
        expectStatus(result, 2)
        expectContains(result.stderr, "targets.txt:2: expected a URL and at most one schema, found 3 fields")
    }

    @Test func aProtectedFleetNeedsForceToRollBack() async throws {
        let fleet = "fleet:\n  protected: true\n  targets:\n    - url: \"\(Self.unreachable)\"\n"
        let result = try await Self.run(fleet, ["fleet", "down"])
        expectStatus(result, 2)
        expectContains(result.stderr, "the fleet is protected")
        let forced = try await Self.run(fleet, ["fleet", "down", "--force"])
        expectStatus(forced, 3)
    }

    @Test func aBrokenMigrationFileStopsTheFleetBeforeAnyTarget() async throws {
        let fleet = "fleet:\n  targets:\n    - url: \"\(Self.unreachable)\"\n"
        let broken = ["0001_a.sql": "-- strata:up\nCREATE INDEX CONCURRENTLY a_id ON a (id);\n"]
        let result = try await Self.run(fleet, ["fleet", "up"], migrations: broken)
        expectStatus(result, 4)
        expectContains(result.stderr, "1 problem in the migration files; no target was touched")
        let valid = try await Self.run(fleet, ["fleet", "validate"], migrations: broken)
        expectStatus(valid, 4)
    }

    @Test func optionsAreCheckedByTheParser() async throws {
        let fleet = "fleet:\n  targets:\n    - url: \"\(Self.unreachable)\"\n"
        for arguments in [["--parallel", "0"], ["--max-failures", "0"], ["--per-server", "0"]] {
            let result = try await Self.run(fleet, ["fleet", "up"] + arguments)
            expectStatus(result, 2)
        }
    }
}
