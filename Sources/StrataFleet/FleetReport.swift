/// What a fleet run did: every target's result in plan order, the counts, and why it
/// stopped early, if it did.
public struct FleetReport: Sendable {
    /// The action's name (`up`, `down`, `status`, `validate`).
    public var action: String
    /// Listing failures first, then the plan's targets in order.
    public var targets: [FleetTargetResult]
    /// The counts.
    public var summary: FleetSummary
    /// Why targets were skipped, if the run stopped early.
    public var stopReason: FleetStopReason?
    /// Schemas queries that returned no schema (their origins).
    public var emptyListings: [String]

    public init(action: String, targets: [FleetTargetResult], summary: FleetSummary, stopReason: FleetStopReason?, emptyListings: [String]) {
        self.action = action
        self.targets = targets
        self.summary = summary
        self.stopReason = stopReason
        self.emptyListings = emptyListings
    }
}
