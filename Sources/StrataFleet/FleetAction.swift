import StrataMigrate

/// What a fleet run does on each target: exactly what the single-target command does.
public enum FleetAction: Sendable {
    /// ``Migrator/up(on:options:events:interruption:)``: validation, lock, history, batch or each mode.
    case up(UpOptions)
    /// ``Migrator/down(on:options:events:interruption:)``.
    case down(DownOptions)
    /// ``Migrator/status(on:)``: reads the history; changes nothing.
    case status
    /// ``Migrator/validate(on:)``: files and history checked; changes nothing.
    case validate

    /// The command's name: `up`, `down`, `status`, `validate`.
    public var name: String {
        switch self {
        case .up: return "up"
        case .down: return "down"
        case .status: return "status"
        case .validate: return "validate"
        }
    }

    /// Whether the action changes targets (and so takes each target's migration lock).
    public var changesTargets: Bool {
        switch self {
        case .up(let options): return !options.dryRun
        case .down(let options): return !options.dryRun
        case .status, .validate: return false
        }
    }
}
