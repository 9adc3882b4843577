import StrataMigrate
import StrataPostgres

/// Where a schema comes from (DESIGN §5): a database, the desired-schema files, the
/// result of replaying the migrations, or a path to `.sql` files.
public enum SchemaSource: Sendable {
    /// A live database (an environment or a URL); read, never changed.
    case database(ConnectionSettings, label: String)
    /// SQL files loaded into a scratch database.
    case files(SchemaFiles, label: String)
    /// The migrations replayed into a scratch database.
    case migrations(Migrator, label: String)

    /// Whether reading it needs a scratch database (everything but a live database).
    public var needsScratch: Bool {
        if case .database = self { return false }
        return true
    }

    public var label: String {
        switch self {
        case .database(_, let label), .files(_, let label), .migrations(_, let label): return label
        }
    }

    /// How a user writes a source: `env:NAME`, a `postgres://` URL, `schema`,
    /// `migrations`, or a path.
    public enum Spelling: Sendable, Hashable {
        case environment(String)
        case url(String)
        case desiredSchema
        case migrations
        case path(String)

        public init(_ text: String) {
            if text.hasPrefix("env:") {
                self = .environment(String(text.dropFirst(4)))
            } else if text.hasPrefix("postgres://") || text.hasPrefix("postgresql://") {
                self = .url(text)
            } else if text == "schema" {
                self = .desiredSchema
            } else if text == "migrations" {
                self = .migrations
            } else {
                self = .path(text)
            }
        }
    }
}

/// How long each part of a command took, in milliseconds (reported by `generate`).
public struct PhaseTimings: Sendable, Codable, Hashable {
    public var replayMs = 0
    public var loadMs = 0
    public var introspectionMs = 0
    public var planningMs = 0
    public var proofMs = 0

    public init() {}

    enum CodingKeys: String, CodingKey {
        case replayMs = "replay_ms", loadMs = "load_ms", introspectionMs = "introspection_ms"
        case planningMs = "planning_ms", proofMs = "proof_ms"
    }
}

/// Measures a phase.
public struct Stopwatch: Sendable {
    private let clock = ContinuousClock()
    private var started: ContinuousClock.Instant

    public init() { started = clock.now }

    /// Milliseconds since the last lap (or creation), and starts a new lap.
    public mutating func lap() -> Int {
        let now = clock.now
        let elapsed = now - started
        started = now
        let (seconds, attoseconds) = elapsed.components
        return Int(seconds * 1000 + attoseconds / 1_000_000_000_000_000)
    }
}
