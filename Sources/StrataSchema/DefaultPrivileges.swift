/// One entry of `pg_default_acl` (`ALTER DEFAULT PRIVILEGES`): the privileges that
/// objects of ``kind`` get when ``role`` creates them, everywhere (``schema`` nil) or in
/// one schema.
///
/// A global entry holds the whole ACL new objects start with, replacing the built-in
/// default (``ObjectPrivileges/builtInDefault(for:)``); an entry for a schema holds only
/// what is granted on top. In ``grants``, ``Grantee/owner`` is ``role`` itself.
public struct DefaultPrivileges: Sendable, Hashable, Codable {
    /// The kinds of object default privileges exist for, as `ALTER DEFAULT PRIVILEGES`
    /// names them.
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
        /// Tables, views and materialized views (`defaclobjtype` `r`).
        case tables = "TABLES"
        case sequences = "SEQUENCES"
        /// Functions and procedures (`f`).
        case functions = "FUNCTIONS"
        case types = "TYPES"
        /// Schemas (`n`); only global entries exist.
        case schemas = "SCHEMAS"

        public static func < (lhs: Self, rhs: Self) -> Bool {
            allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
        }

        /// What a new object of this kind gets when no default privileges apply.
        public var builtInDefault: [PrivilegeGrant] {
            switch self {
            case .tables: return ObjectPrivileges.builtInDefault(for: .table(QualifiedName("", ""))) ?? []
            case .sequences: return ObjectPrivileges.builtInDefault(for: .sequence(QualifiedName("", ""))) ?? []
            case .functions: return ObjectPrivileges.builtInDefault(for: .routine(QualifiedName("", ""), arguments: "")) ?? []
            case .types: return ObjectPrivileges.builtInDefault(for: .type(QualifiedName("", ""))) ?? []
            case .schemas: return [PrivilegeGrant(.owner, "CREATE"), PrivilegeGrant(.owner, "USAGE")]
            }
        }

        /// The kind of default privileges that applies to a new object, if any.
        public init?(for object: ObjectID) {
            switch object {
            case .table, .view: self = .tables
            case .sequence: self = .sequences
            case .routine: self = .functions
            case .type: self = .types
            case .namespace: self = .schemas
            case .extension, .collation, .column, .constraint, .index, .trigger, .policy, .defaultPrivileges, .rule, .statistics,
                 .cast, .operator, .textSearchConfiguration, .textSearchDictionary:
                return nil
            }
        }
    }

    /// The role whose new objects get these privileges; nil for the role Strata connects
    /// as (written without `FOR ROLE`), so that the entries a migration's role made
    /// compare equal whatever that role is called in each environment.
    public var role: String?
    /// The schema the entry is limited to; nil for a global entry.
    public var schema: String?
    public var kind: Kind
    /// Sorted, one entry per grantee and privilege.
    public var grants: [PrivilegeGrant]

    public init(role: String?, schema: String?, kind: Kind, grants: [PrivilegeGrant]) {
        self.role = role
        self.schema = schema
        self.kind = kind
        self.grants = PrivilegeGrant.normalized(grants)
    }

    /// What identifies an entry: role, schema and kind.
    public struct Key: Sendable, Hashable, Comparable, Codable {
        public var role: String?
        public var schema: String?
        public var kind: Kind

        public init(role: String?, schema: String?, kind: Kind) {
            self.role = role
            self.schema = schema
            self.kind = kind
        }

        public static func < (lhs: Self, rhs: Self) -> Bool {
            if lhs.role != rhs.role { return precedes(lhs.role, rhs.role) }
            if lhs.schema != rhs.schema { return precedes(lhs.schema, rhs.schema) }
            return lhs.kind < rhs.kind
        }

        /// nil first, then byte order.
        private static func precedes(_ a: String?, _ b: String?) -> Bool {
            switch (a, b) {
            case (nil, .some): return true
            case (.some(let a), .some(let b)): return a.utf8.lexicographicallyPrecedes(b.utf8)
            default: return false
            }
        }
    }

    public var key: Key { Key(role: role, schema: schema, kind: kind) }

    /// What an entry that does not exist means: the built-in default for a global one,
    /// nothing on top for one limited to a schema.
    public static func absent(_ key: Key) -> [PrivilegeGrant] {
        key.schema == nil ? key.kind.builtInDefault : []
    }
}
