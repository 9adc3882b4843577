/// One wave of a fleet run (`fleet.waves` in `strata.yaml`): the targets its pattern
/// matches that no earlier wave took. A wave starts when the one before it has finished
/// without failures; a wave with a failure ends the run once its running targets finish.
public struct FleetWave: Sendable, Hashable {
    /// The targets this wave takes (see ``FleetPattern``).
    public var match: FleetPattern
    /// At most this many of the wave's targets at once (never more than the fleet's
    /// `parallel`); nil: the fleet's limit.
    public var parallel: Int?

    public init(match: FleetPattern, parallel: Int? = nil) {
        self.match = match
        self.parallel = parallel
    }
}
