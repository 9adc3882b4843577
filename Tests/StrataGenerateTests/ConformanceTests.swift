import Foundation
import StrataDiff
import StrataPostgres
import StrataSchema
import StrataTesting
import Testing

/// Every case of the vendored migra corpus (`Tests/Fixtures/conformance/migra`), both ways
/// (A→B and B→A), and phase 2 (the case's `additions.sql` applied to A first) where a case
/// has one. A case passes when the plan applies, re-planning gives an empty plan, and both
/// oracles (``SchemaFingerprint`` and ``SchemaDump``) see the same schema on both sides.
@Suite(.serialized) struct ConformanceTests {
    /// Cases that test something other than Strata's diff, with the reason. They are not
    /// run; `corpusIsPresent` checks that each one exists and that nothing else is left out.
    static let unsupported: [String: String] = [
        "singleschema_ext": "migra's --create-extensions-only mode (create missing extensions, compare nothing else) is not a Strata feature",
    ]

    /// How a case is compared: what Strata inspects and what the oracles look at.
    struct Scope: Sendable {
        var inspection = SchemaInspector.Options()
        var oracles = RoundTrip.Oracles.standard
    }

    /// The scope of each case. Schema filters come from the corpus's case table; any other
    /// narrowing names the kind of object Strata does not compare yet.
    static func scope(_ name: String) -> Scope {
        switch name {
        case "singleschema":
            return Scope(
                inspection: SchemaInspector.Options(includeSchemas: ["goodschema"]),
                oracles: .init(fingerprint: .init(includeSchemas: ["goodschema"]), dump: .init(includeSchemas: ["goodschema"]))
            )
        case "excludeschema":
            return Scope(
                inspection: SchemaInspector.Options(excludeSchemas: ["excludedschema"]),
                oracles: .init(fingerprint: .init(excludeSchemas: ["excludedschema"]), dump: .init(excludeSchemas: ["excludedschema"]))
            )
        case "inherit2":
            // Kind not compared: column locality (attislocal). B→A adds `e` to the parent
            // while the child declares its own `e`; PostgreSQL merges them and the child's
            // column stays locally declared (making it inherited-only would drop its data).
            return Scope(oracles: .init(
                fingerprint: .init(columnLocality: false),
                dump: .init(ignoredPrefixes: ["CREATE TABLE public.a ("])
            ))
        default:
            return Scope()
        }
    }

    /// Every case folder of the corpus.
    static let corpus: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: Fixtures.path("conformance/migra"))) ?? []
        return names.filter { !$0.contains(".") && $0 != "LICENSE" }.sorted()
    }()

    /// The cases run: the corpus without the ones listed in ``unsupported``.
    static let cases: [String] = corpus.filter { unsupported[$0] == nil }

    @Test func corpusIsPresent() throws {
        #expect(Self.corpus.count >= 26, "Tests/Fixtures/conformance/migra has \(Self.corpus.count) cases")
        #expect(Self.cases.count == Self.corpus.count - Self.unsupported.count)
        for name in Self.unsupported.keys { #expect(Self.corpus.contains(name), "\(name) is listed as unsupported but is not in the corpus") }
    }

    @Test(arguments: cases) func conformance(_ name: String) async throws {
        let directory = RoundTrip.conformanceCase(name)
        let a = directory + "/a.sql", b = directory + "/b.sql", additions = directory + "/additions.sql"
        let hasAdditions = ((try? String(contentsOfFile: additions, encoding: .utf8)) ?? "").contains { !$0.isWhitespace }
        let scope = Self.scope(name)
        var directions: [(String, RoundTrip.Side, RoundTrip.Side)] = [
            ("A→B", .init(files: [a]), .init(files: [b])),
            ("B→A", .init(files: [b]), .init(files: [a])),
        ]
        if hasAdditions { directions.append(("A+additions→B", .init(files: [a, additions]), .init(files: [b]))) }
        for (direction, from, to) in directions {
            do {
                let outcome = try await RoundTrip.run(from: from, to: to, inspection: scope.inspection, oracles: scope.oracles, label: name)
                outcome.expectSameSchema("\(name) \(direction)")
            } catch {
                Issue.record("\(name) \(direction): \(error)")
            }
        }
    }
}
