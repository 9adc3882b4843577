/// Why a fleet run stopped starting targets before it had started them all.
public enum FleetStopReason: Sendable, Hashable, CustomStringConvertible {
    /// `failures` targets failed, reaching the limit (``FleetOptions/maxFailures``).
    case failureLimit(failures: Int, limit: Int)
    /// A target of this wave (0-based) failed, so the later waves did not start.
    case waveFailed(wave: Int)
    /// The run was interrupted (a signal, ``FleetInterruption/interrupt()``, cancellation).
    case interrupted

    public var description: String {
        switch self {
        case .failureLimit(let failures, let limit):
            if limit == 1 { return "stopped after the first failure" }
            return "stopped after \(failures) failures (the limit is \(limit))"
        case .waveFailed(let wave):
            return "wave \(wave + 1) had failures, so the later waves did not start"
        case .interrupted:
            return "interrupted"
        }
    }

    /// A stable name for JSON output.
    public var code: String {
        switch self {
        case .failureLimit: return "failure-limit"
        case .waveFailed: return "wave-failed"
        case .interrupted: return "interrupted"
        }
    }
}
