import Foundation
import StrataTesting
import Testing

/// Round trips with real-world schemas from the vendored fixtures.
@Suite(.serialized) struct RealWorldRoundTripTests {
    /// pagila's `payment` is partitioned by month; its partitions were created on their own
    /// and attached, with indexes of their own names attached to the parent's. Detaching
    /// three of them and attaching them again must keep every key and index as it is.
    @Test func pagilaPartitionsDetachedAndAttached() async throws {
        let pagila = Fixtures.path("realworld/pagila/pagila-schema.sql")
        let detach = try RoundTrip.temporaryFile("""
            alter table payment detach partition payment_p2022_01;
            alter table payment detach partition payment_p2022_02;
            alter table payment detach partition payment_p2022_03;
            """, name: "pagila-detach")
        defer { try? FileManager.default.removeItem(atPath: detach) }
        let attached = RoundTrip.Side(files: [pagila]), detached = RoundTrip.Side(files: [pagila, detach])
        for (direction, from, to) in [("attached→detached", attached, detached), ("detached→attached", detached, attached)] {
            do {
                let outcome = try await RoundTrip.run(from: from, to: to, label: "pagila")
                outcome.expectSameSchema("pagila \(direction)")
                #expect(outcome.plan.statements.count == 3, "pagila \(direction): one statement per partition\n\(outcome.plan.sql())")
            } catch {
                Issue.record("pagila \(direction): \(error)")
            }
        }
    }
}
