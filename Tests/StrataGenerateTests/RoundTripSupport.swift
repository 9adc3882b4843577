import Foundation
import StrataDiff
import StrataPostgres
import StrataSQL
import StrataSchema
import StrataTesting
import Testing

/// Round trips on a real server: load A and B into fresh databases, plan A→B from their
/// inspected schemas, apply the plan to A, and judge the result by re-planning (must be
/// empty) and by the project's two independent oracles: ``SchemaFingerprint`` (its own
/// catalog queries) and ``SchemaDump`` (normalised `pg_dump --schema-only`).
enum RoundTrip {
    /// How the two oracles compare a case. The standard scope compares everything they can
    /// see (pg_dump without `OWNER TO` lines; the fingerprint names owners).
    struct Oracles: Sendable {
        var fingerprint = SchemaFingerprint.Options()
        var dump = SchemaDump.Options()

        static let standard = Oracles()
    }

    struct Outcome: Sendable {
        var plan: Plan
        var replan: Plan
        var fingerprintA: SchemaFingerprint
        var fingerprintB: SchemaFingerprint
        var dumpA: SchemaDump
        var dumpB: SchemaDump

        /// Records an issue for each way the result differs from B: a non-empty re-plan,
        /// different fingerprints, different dumps.
        func expectSameSchema(_ context: String, sourceLocation: SourceLocation = #_sourceLocation) {
            #expect(replan.isEmpty, "\(context): re-planning after applying is not empty:\n\(replan.sql())\nplan was:\n\(plan.sql())", sourceLocation: sourceLocation)
            #expect(fingerprintA == fingerprintB, "\(context): fingerprints differ\n\(fingerprintA.difference(to: fingerprintB))\nplan was:\n\(plan.sql())", sourceLocation: sourceLocation)
            #expect(dumpA == dumpB, "\(context): pg_dump differs\n\(dumpA.difference(to: dumpB))\nplan was:\n\(plan.sql())", sourceLocation: sourceLocation)
        }
    }

    /// What one side of a case loads: SQL text files, in order.
    struct Side: Sendable {
        var files: [String]
    }

    /// Runs A→B: returns the plan, the plan after applying it, and both sides as the
    /// oracles see them.
    static func run(
        from a: Side, to b: Side, options: DiffOptions = .init(), inspection: SchemaInspector.Options = .init(),
        oracles: Oracles = .standard, label: String = #function
    ) async throws -> Outcome {
        try await ensureRoles()
        return try await TestDatabase.withDatabase(label + "_a") { databaseA in
            try await TestDatabase.withDatabase(label + "_b") { databaseB in
                for file in a.files { try await psql(file: file, database: databaseA) }
                for file in b.files { try await psql(file: file, database: databaseB) }
                let inspector = SchemaInspector(options: inspection)
                let sessionA = try await databaseA.session()
                let sessionB = try await databaseB.session()
                let plan: Plan, replan: Plan
                do {
                    let schemaB = try await inspector.inspect(sessionB)
                    plan = try SchemaDiffer.plan(from: try await inspector.inspect(sessionA), to: schemaB, options: options)
                    for statement in plan.statements {
                        do {
                            try await sessionA.execute(statement.sql)
                        } catch {
                            throw ApplyFailure(statement: statement.sql, error: String(reflecting: error), plan: plan.sql())
                        }
                    }
                    replan = try SchemaDiffer.plan(from: try await inspector.inspect(sessionA), to: schemaB)
                    await sessionA.close()
                    await sessionB.close()
                } catch {
                    await sessionA.close()
                    await sessionB.close()
                    throw error
                }
                return Outcome(
                    plan: plan, replan: replan,
                    fingerprintA: try await SchemaFingerprint.read(databaseA.settings, options: oracles.fingerprint),
                    fingerprintB: try await SchemaFingerprint.read(databaseB.settings, options: oracles.fingerprint),
                    dumpA: try await SchemaDump.read(databaseA.settings, options: oracles.dump),
                    dumpB: try await SchemaDump.read(databaseB.settings, options: oracles.dump)
                )
            }
        }
    }

    struct ApplyFailure: Error, CustomStringConvertible {
        var statement: String
        var error: String
        var plan: String
        var description: String { "applying\n\(statement)\nfailed: \(error)\nplan:\n\(plan)" }
    }

    /// The roles the conformance cases grant to or name in policies.
    static func ensureRoles() async throws {
        try await TestServer.ensureRoles(["schemainspect_test_role", "postgres"])
    }

    /// Runs a SQL file with psql, stopping at the first error.
    static func psql(file: String, database: TestDatabase) async throws {
        let url = database.settings.url(includingPassword: true)
        _ = try await ToolProcess.run("psql", ["-X", "-q", "-v", "ON_ERROR_STOP=1", "-f", file, "-d", url], redacting: url)
    }

    /// A migra conformance case's folder in the vendored fixtures.
    static func conformanceCase(_ name: String) -> String {
        Fixtures.path("conformance/migra/" + name)
    }

    /// Writes SQL text to a temporary file for psql (a new file each time: suites run side by side).
    static func temporaryFile(_ text: String, name: String) throws -> String {
        let path = temporaryDirectory + "/\(UUID().uuidString)-\(name).sql"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// A folder of this test process for the files psql loads, removed when the process exits.
    static let temporaryDirectory: String = {
        let path = NSTemporaryDirectory() + "strata-roundtrip-\(getpid())"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        atexit { try? FileManager.default.removeItem(atPath: NSTemporaryDirectory() + "strata-roundtrip-\(getpid())") }
        return path
    }()

    /// Runs a case A→B (with its renames) and, unless it is one-way, B→A; records an issue
    /// for every way a direction fails.
    static func check(_ testCase: RoundTripCase, oracles: Oracles = .standard) async {
        do {
            let a = try temporaryFile(testCase.a, name: "a")
            let b = try temporaryFile(testCase.b, name: "b")
            defer {
                try? FileManager.default.removeItem(atPath: a)
                try? FileManager.default.removeItem(atPath: b)
            }
            var directions = [("A→B", a, b, testCase.renames)]
            if testCase.bothWays { directions.append(("B→A", b, a, [])) }
            for (direction, from, to, renames) in directions {
                do {
                    let outcome = try await run(
                        from: .init(files: [from]), to: .init(files: [to]), options: DiffOptions(renames: renames), oracles: oracles, label: "roundtrip"
                    )
                    outcome.expectSameSchema("\(testCase.name) \(direction)")
                    if !renames.isEmpty {
                        #expect(!outcome.plan.hazards.contains { $0.code == .dataLoss }, "\(testCase.name): a told rename loses no data")
                    }
                    testCase.expectations(outcome.plan, direction)
                } catch {
                    Issue.record("\(testCase.name) \(direction): \(error)")
                }
            }
        } catch {
            Issue.record("\(testCase.name): \(error)")
        }
    }
}

/// A round-trip case: two schemas as SQL text, planned A→B and (unless `bothWays` is false) B→A.
struct RoundTripCase: Sendable, CustomTestStringConvertible {
    var name: String
    var a: String
    var b: String
    var renames: [Rename] = []
    var bothWays = true
    /// Further checks of the plan of each direction (`A→B` or `B→A`).
    var expectations: @Sendable (Plan, String) -> Void = { _, _ in }
    var testDescription: String { name }

    init(
        name: String, a: String, b: String, renames: [Rename] = [], bothWays: Bool = true,
        expectations: @escaping @Sendable (Plan, String) -> Void = { _, _ in }
    ) {
        self.name = name
        self.a = a
        self.b = b
        self.renames = renames
        self.bothWays = bothWays
        self.expectations = expectations
    }
}
