/// Which facets of a schema, beyond its objects, are read and compared (`compare:` in
/// `strata.yaml`). A facet that is off is neither read from the catalogs nor compared,
/// and commands say so in their output.
public struct ComparisonScope: Sendable, Hashable, Codable {
    /// `GRANT`s and `REVOKE`s on schemas, tables, views, sequences, columns, routines and
    /// types, and `ALTER DEFAULT PRIVILEGES`. On by default.
    public var privileges: Bool
    /// Who owns each object (`ALTER … OWNER TO`). Off by default: owners usually differ
    /// between environments (the role a laptop's scratch server loads files as is not the
    /// production application's role).
    public var owners: Bool

    public init(privileges: Bool = true, owners: Bool = false) {
        self.privileges = privileges
        self.owners = owners
    }

    /// Privileges compared, owners not.
    public static let `default` = ComparisonScope()
}
