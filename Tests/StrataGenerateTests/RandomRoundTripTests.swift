import Foundation
import StrataDiff
import StrataSchema
import StrataTestSupport
import Testing

/// Random schema pairs on a real server: each side is created from the plan from an empty
/// schema (so the generator's literals become real objects), then A is planned to B, the
/// plan applied, and the result must re-plan empty and look the same to both oracles.
/// (`RandomSchema` comes from the StrataTestSupport target, shared with StrataDiffTests.)
@Suite(.serialized) struct RandomRoundTripTests {
    static let seeds: [UInt64] = (0..<40).map { UInt64($0) &* 0x2545_F491_4F6C_DD1D &+ 17 }

    @Test(arguments: seeds) func randomPair(_ seed: UInt64) async throws {
        var generator = RandomSchema(seed: seed)
        let a = generator.schema()
        let b = generator.schema()
        let empty = Schema(namespaces: [Namespace(name: "public")])
        let fileA = try RoundTrip.temporaryFile(try SchemaDiffer.plan(from: empty, to: a).sql(), name: "random-a")
        let fileB = try RoundTrip.temporaryFile(try SchemaDiffer.plan(from: empty, to: b).sql(), name: "random-b")
        defer {
            try? FileManager.default.removeItem(atPath: fileA)
            try? FileManager.default.removeItem(atPath: fileB)
        }
        do {
            let outcome = try await RoundTrip.run(from: .init(files: [fileA]), to: .init(files: [fileB]), label: "random")
            outcome.expectSameSchema("seed \(seed)")
        } catch {
            Issue.record("seed \(seed): \(error)")
        }
    }
}
