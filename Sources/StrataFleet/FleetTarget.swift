import StrataPostgres

/// One target of a fleet run: a database, or one schema in a database (a tenant).
///
/// A schema target runs its migrations with `search_path` set to the schema and keeps
/// its own history table (and so its own migration lock) in it; a database target uses
/// the migrator's configured history schema.
public struct FleetTarget: Sendable, Hashable {
    /// How to connect (the password is never shown; see ``url``).
    public var settings: ConnectionSettings
    /// The tenant schema, or nil for a database target.
    public var schema: String?
    /// Where the target was listed, for messages: `strata.yaml:12:9`, `targets.txt:4`.
    public var origin: String

    public init(settings: ConnectionSettings, schema: String? = nil, origin: String) {
        self.settings = settings
        self.schema = schema
        self.origin = origin
    }

    /// The server as `host:port` (a socket directory and port for a unix socket): the
    /// unit of the `per_server` limit. Two spellings of one host count as two servers.
    public var server: String {
        switch settings.endpoint {
        case .tcp(let host, let port): return host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
        case .socket(let directory, let port): return "\(directory):\(port)"
        }
    }

    /// The database's name.
    public var database: String { settings.database }

    /// The schema of a schema target, else the database.
    public var name: String { schema ?? database }

    /// `server/database` or `server/database/schema`: unique in a fleet, used in messages.
    public var path: String {
        server + "/" + database + (schema.map { "/" + $0 } ?? "")
    }

    /// The database's URL without the password.
    public var url: String { settings.redactedURL }
}
