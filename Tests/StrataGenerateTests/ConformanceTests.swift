import Foundation
import StrataDiff
import StrataPostgres
import StrataSchema
import StrataTesting
import Testing

/// Every case of `shared/conformance/migra`, both ways (A→B and B→A), and phase 2 (the
/// case's `additions.sql` applied to A first) where a case has one. A case passes when
/// the plan applies, re-planning gives an empty plan, and the fingerprints are equal.
@Suite(.serialized) struct ConformanceTests {
    /// Cases that test something other than Strata's diff, with the reason. They are not
    /// run; `corpusIsPresent` checks that each one exists and that nothing else is left out.
    static let unsupported: [String: String] = [
        "singleschema_ext": "migra's --create-extensions-only mode (create missing extensions, compare nothing else) is not a Strata feature",
    ]

    /// Cases whose comparison is scoped, per the corpus README.
    static func scope(_ name: String) -> (SchemaInspector.Options, @Sendable (String) -> Bool) {
        switch name {
        case "singleschema":
            return (SchemaInspector.Options(includeSchemas: ["goodschema"]), { $0.contains("goodschema") })
        case "excludeschema":
            return (SchemaInspector.Options(excludeSchemas: ["excludedschema"]), { !$0.contains("excludedschema") })
        default:
            return (SchemaInspector.Options(), { _ in true })
        }
    }

    /// Every case folder of the corpus.
    static let corpus: [String] = {
        guard let shared = try? RoundTrip.sharedDirectory(),
              let names = try? FileManager.default.contentsOfDirectory(atPath: shared + "/conformance/migra")
        else { return [] }
        return names.filter { !$0.contains(".") && $0 != "LICENSE" }.sorted()
    }()

    /// The cases run: the corpus without the ones listed in ``unsupported``.
    static let cases: [String] = corpus.filter { unsupported[$0] == nil }

    @Test func corpusIsPresent() throws {
        #expect(Self.corpus.count >= 26, "shared/conformance/migra has \(Self.corpus.count) cases")
        #expect(Self.cases.count == Self.corpus.count - Self.unsupported.count)
        for name in Self.unsupported.keys { #expect(Self.corpus.contains(name), "\(name) is listed as unsupported but is not in the corpus") }
    }

    @Test(arguments: cases) func conformance(_ name: String) async throws {
        let directory = try RoundTrip.sharedDirectory() + "/conformance/migra/" + name
        let a = directory + "/a.sql", b = directory + "/b.sql", additions = directory + "/additions.sql"
        let hasAdditions = ((try? String(contentsOfFile: additions, encoding: .utf8)) ?? "").contains { !$0.isWhitespace }
        let (inspection, filter) = Self.scope(name)
        var directions: [(String, RoundTrip.Side, RoundTrip.Side)] = [
            ("A→B", .init(files: [a]), .init(files: [b])),
            ("B→A", .init(files: [b]), .init(files: [a])),
        ]
        if hasAdditions { directions.append(("A+additions→B", .init(files: [a, additions]), .init(files: [b]))) }
        for (direction, from, to) in directions {
            do {
                let outcome = try await RoundTrip.run(from: from, to: to, inspection: inspection, lineFilter: filter, label: "\(name)")
                #expect(outcome.replan.isEmpty, "\(name) \(direction): re-planning after applying is not empty:\n\(outcome.replan.sql())\nplan was:\n\(outcome.plan.sql())")
                #expect(outcome.fingerprintA == outcome.fingerprintB, "\(name) \(direction): fingerprints differ\n\(Self.difference(outcome.fingerprintA, outcome.fingerprintB))\nplan was:\n\(outcome.plan.sql())")
            } catch {
                Issue.record("\(name) \(direction): \(error)")
            }
        }
    }

    static func difference(_ a: String, _ b: String) -> String {
        let linesA = Set(a.split(separator: "\n")), linesB = Set(b.split(separator: "\n"))
        return (linesA.subtracting(linesB).sorted().map { "- " + $0 } + linesB.subtracting(linesA).sorted().map { "+ " + $0 }).joined(separator: "\n")
    }
}
