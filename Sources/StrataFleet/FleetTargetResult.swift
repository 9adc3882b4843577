import StrataMigrate
import StrataPostgres

/// One target's part of a fleet run.
public struct FleetTargetResult: Sendable {
    /// The target this result is about.
    public var target: FleetTarget
    /// The target's position in the plan.
    public var index: Int
    /// Its wave, 0-based.
    public var wave: Int
    /// What happened to it.
    public var outcome: FleetOutcome
    /// Migrations this run applied (`up`); for `status` and `validate`, the migrations
    /// applied in the target's history.
    public var applied: Int
    /// Migrations this run rolled back (`down`).
    public var reverted: Int
    /// Migrations pending after the run; nil when it could not be read.
    public var pending: Int?
    /// History entries that block `up` (modified, missing, failed, out-of-order).
    public var problems: Int?
    /// Wall time from connecting to closing its session.
    public var durationMs: Int
    /// Why the target failed, or (for a skipped one) why it did not start: a
    /// `MigrationError` or `DatabaseError` from the engine, or a ``FleetError``.
    public var error: (any Error)?
    /// What `up` or `down` did (also for a failed run, when it got that far).
    public var report: MigrationRunReport?
    /// The target's migrations after the run, when read.
    public var status: MigrationStatus?
    /// Why a skipped target did not start.
    public var skipReason: FleetStopReason?

    public init(
        target: FleetTarget, index: Int, wave: Int, outcome: FleetOutcome, applied: Int = 0, reverted: Int = 0,
        pending: Int? = nil, problems: Int? = nil, durationMs: Int = 0, error: (any Error)? = nil,
        report: MigrationRunReport? = nil, status: MigrationStatus? = nil, skipReason: FleetStopReason? = nil
    ) {
        self.target = target
        self.index = index
        self.wave = wave
        self.outcome = outcome
        self.applied = applied
        self.reverted = reverted
        self.pending = pending
        self.problems = problems
        self.durationMs = durationMs
        self.error = error
        self.report = report
        self.status = status
        self.skipReason = skipReason
    }

    /// True when the target failed because its server could not be reached (connection
    /// refused, timed out, authentication or TLS failed), as opposed to failing once
    /// connected.
    public var isUnreachable: Bool {
        guard outcome == .failed, let error else { return false }
        return Self.isUnreachable(error)
    }

    static func isUnreachable(_ error: any Error) -> Bool {
        switch error {
        case let error as DatabaseError:
            return error.code.isConnectionFailure && error.code != .invalidSettings
        case let error as MigrationError:
            return error.code == .connection && (error.databaseError.map(isUnreachable) ?? false)
        case let error as FleetError:
            return error.underlying.map(isUnreachable) ?? false
        default:
            return false
        }
    }
}
