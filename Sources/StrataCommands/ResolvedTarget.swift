import StrataPostgres

/// The database a command acts on, and where that choice came from (DESIGN §6).
public struct ResolvedTarget: Sendable {
    /// Which rule of the resolution order picked the target.
    public enum Source: String, Sendable, Codable {
        case flag = "--url"
        case environmentURL = "environment"
        case databaseURL = "DATABASE_URL"
        case libpq = "PG* variables"
        case dbVariables = "DB_* variables"
        case localCluster = "local cluster"
    }

    public var environment: String
    public var isProtected: Bool
    public var source: Source
    /// Connection settings; for the local cluster they are known once it runs.
    public var settings: ConnectionSettings?
    /// The project's local cluster, when the target is on it.
    public var localCluster: LocalCluster?
    /// The database on the local cluster (named after the environment).
    public var localDatabase: String?
    /// The URL to show when it differs from the connection URL: for the local cluster,
    /// its TCP URL, which psql and other tools can use.
    public var displayURL: String?

    /// How output shows the target: the URL without password, and its source.
    public var summary: TargetSummary {
        TargetSummary(
            environment: environment, url: displayURL ?? settings?.redactedURL, source: source.rawValue,
            protected: isProtected
        )
    }
}

/// The target as `status` and JSON output show it; never holds a password.
public struct TargetSummary: Sendable, Codable, Hashable {
    public var environment: String
    public var url: String?
    public var source: String
    public var protected: Bool
}
