import StrataPostgres

/// A fleet target as configured, before its schemas are listed: a database, one schema
/// in it, or every schema a query returns (`fleet.targets` in `strata.yaml`, a line of a
/// targets file, or built in code).
public struct FleetTargetSpec: Sendable, Hashable {
    /// What the entry names in its database.
    public enum Selection: Sendable, Hashable {
        /// The database itself.
        case database
        /// One schema.
        case schema(String)
        /// One target per row of this query (its first column: schema names).
        case schemas(query: String)
    }

    /// How to connect to the entry's database.
    public var settings: ConnectionSettings
    /// The database itself, one schema, or a schemas query.
    public var selection: Selection
    /// Where the entry is written, for messages (`strata.yaml:14:7`).
    public var origin: String

    public init(settings: ConnectionSettings, selection: Selection = .database, origin: String) {
        self.settings = settings
        self.selection = selection
        self.origin = origin
    }

    /// The database as a target (also what a failed schema listing is reported as).
    public var databaseTarget: FleetTarget {
        FleetTarget(settings: settings, schema: nil, origin: origin)
    }
}
