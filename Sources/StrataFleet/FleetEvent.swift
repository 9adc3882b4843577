import StrataMigrate

/// What a fleet run reports while it works, per target. Targets run concurrently, so a
/// handler is called from several tasks (never twice at once for one target).
public enum FleetEvent: Sendable {
    /// The run starts: this many targets in these waves (sizes per wave).
    case started(targets: Int, waveSizes: [Int])
    /// The targets of a wave (0-based) start.
    case waveStarted(wave: Int, targets: Int)
    /// A target starts (its session is being opened).
    case targetStarted(FleetTarget, index: Int)
    /// An event of a target's migration run (lock waits, migrations started and finished).
    case migration(FleetTarget, index: Int, MigrationEvent)
    /// A target ended: its result, with outcome, counts and any error.
    case targetFinished(FleetTargetResult)
    /// The run starts no more targets; running ones finish.
    case stopping(FleetStopReason)
}

/// Receives fleet events; must be safe to call from several tasks.
public typealias FleetEventHandler = @Sendable (FleetEvent) -> Void
