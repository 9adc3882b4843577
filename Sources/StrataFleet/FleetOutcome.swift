/// What happened to one target (the `outcome` of `strata fleet --format json`).
public enum FleetOutcome: String, Sendable, Hashable, Codable, CaseIterable {
    /// `up` applied at least one migration.
    case applied
    /// `down` rolled back at least one migration.
    case reverted
    /// `up`: nothing to apply; `status`: nothing pending.
    case upToDate = "up-to-date"
    /// `down`: nothing to roll back.
    case unchanged
    /// `status`: migrations are pending.
    case pending
    /// `--dry-run`: the migrations listed would run.
    case planned
    /// `validate`: no problems.
    case valid
    /// The target's run failed (and was rolled back as its transaction mode says), it
    /// could not be reached, or `validate` found problems.
    case failed
    /// Not started: the run stopped first (failures, a failed wave, an interruption).
    case skipped

    /// Whether the target counts as succeeded.
    public var isSuccess: Bool { self != .failed && self != .skipped }
}
