import StrataSchema

/// A model set: what one model file declares, or the merge of every layer.
///
/// Lists keep declaration order (layer order, then file order, then order in the file),
/// which is also the order the compiled SQL creates them in.
public struct ModelSet: Sendable, Hashable {
    public var extensions: [ModelExtension] = []
    public var schemas: [ModelNamespace] = []
    public var enums: [ModelEnum] = []
    public var domains: [ModelDomain] = []
    public var sequences: [ModelSequence] = []
    public var functions: [ModelStatement] = []
    public var tables: [ModelTable] = []
    public var views: [ModelView] = []
    public var materializedViews: [ModelView] = []

    public init() {}

    public var isEmpty: Bool {
        extensions.isEmpty && schemas.isEmpty && enums.isEmpty && domains.isEmpty && sequences.isEmpty
            && functions.isEmpty && tables.isEmpty && views.isEmpty && materializedViews.isEmpty
    }
}

public struct ModelExtension: Sendable, Hashable {
    public var name: String
    public var schema: String?
    public var version: String?
    public var location: ModelLocation
}

public struct ModelNamespace: Sendable, Hashable {
    public var name: String
    public var comment: String?
    public var location: ModelLocation
}

public struct ModelEnum: Sendable, Hashable {
    public var name: QualifiedName
    public var values: [String]
    public var comment: String?
    public var location: ModelLocation
}

public struct ModelDomain: Sendable, Hashable {
    public var name: QualifiedName
    public var type: ModelType
    public var notNull: Bool
    public var defaultSQL: String?
    public var collation: String?
    /// Named checks; an unnamed `check:` is named `{domain}_check`.
    public var checks: [ModelCheck]
    public var comment: String?
    public var location: ModelLocation
}

public struct ModelSequence: Sendable, Hashable {
    public var name: QualifiedName
    public var type: String?
    public var start: Int64?
    public var increment: Int64?
    public var minValue: Int64?
    public var maxValue: Int64?
    public var cache: Int64?
    public var cycle: Bool
    /// `table.column` (or `schema.table.column`).
    public var ownedBy: ModelColumnReference?
    public var comment: String?
    public var location: ModelLocation
}

/// A type as written, with where it was written (for "unknown type" errors).
public struct ModelType: Sendable, Hashable {
    public var spelling: String
    public var location: ModelLocation
}

/// An object declared as a whole SQL statement under a name (functions, triggers).
public struct ModelStatement: Sendable, Hashable {
    public var name: String
    public var sql: String
    public var comment: String?
    public var location: ModelLocation
}

public struct ModelColumnReference: Sendable, Hashable {
    public var table: QualifiedName
    public var column: String
    public var location: ModelLocation
}

public struct ModelColumn: Sendable, Hashable {
    public struct Identity: Sendable, Hashable {
        public var always: Bool
        public var start: Int64?
        public var increment: Int64?
        public var minValue: Int64?
        public var maxValue: Int64?
        public var cache: Int64?
        public var cycle: Bool
    }

    public var name: String
    public var type: ModelType
    public var nullable: Bool
    /// The default as SQL: a `default:` literal already quoted, or `default_sql:` as written.
    public var defaultSQL: String?
    public var primaryKey: Bool
    /// Present when the column is unique; the constraint's name when given.
    public var unique: ModelNamed?
    public var identity: Identity?
    public var generated: String?
    public var check: String?
    public var references: ModelForeignKey?
    public var collation: String?
    public var comment: String?
    /// Attribute options (`options: {n_distinct: -0.02}`), each `name=value`.
    public var options: [String] = []
    /// `statistics: 500` (`ALTER COLUMN … SET STATISTICS`).
    public var statistics: Int?
    /// `storage: main` — `plain`, `external`, `extended` or `main`.
    public var storage: String?
    /// `compression: lz4` — `pglz` or `lz4`.
    public var compression: String?
    public var override: Bool
    public var location: ModelLocation
}

/// An optional name, where it was declared.
public struct ModelNamed: Sendable, Hashable {
    public var name: String?
    public var comment: String?
    public var location: ModelLocation
}

/// A primary key or unique constraint.
public struct ModelKey: Sendable, Hashable {
    public var columns: [String]
    public var name: String?
    public var nullsNotDistinct: Bool = false
    public var deferrable: Bool = false
    public var initiallyDeferred: Bool = false
    public var comment: String?
    public var location: ModelLocation
}

public struct ModelCheck: Sendable, Hashable {
    public var name: String?
    public var expression: String
    /// The column a column-level check belongs to (for the naming convention).
    public var column: String?
    public var notValid: Bool = false
    public var comment: String?
    public var location: ModelLocation
}

public struct ModelForeignKey: Sendable, Hashable {
    public var columns: [String]
    public var table: QualifiedName
    /// Empty: the referenced table's primary key.
    public var referencedColumns: [String]
    public var onDelete: String?
    public var onUpdate: String?
    public var match: String?
    public var name: String?
    public var deferrable: Bool = false
    public var initiallyDeferred: Bool = false
    public var notValid: Bool = false
    public var comment: String?
    public var location: ModelLocation
}

public struct ModelExclusion: Sendable, Hashable {
    public var name: String
    public var body: String
    public var comment: String?
    public var location: ModelLocation
}

public struct ModelIndex: Sendable, Hashable {
    /// Column names (with `ASC`/`DESC`/`NULLS …`) or expressions, as written.
    public var keys: [String]
    public var unique: Bool
    public var whereClause: String?
    public var method: String?
    public var include: [String]
    public var name: String?
    public var comment: String?
    public var location: ModelLocation
}

public struct ModelPolicy: Sendable, Hashable {
    public var name: String
    public var command: String
    public var roles: [String]
    public var using: String?
    public var withCheck: String?
    public var restrictive: Bool
    public var comment: String?
    public var location: ModelLocation
}

public struct ModelTable: Sendable, Hashable {
    public var name: QualifiedName
    public var comment: String?
    public var commentLocation: ModelLocation?
    public var unlogged: Bool?
    public var partitionBy: String?
    public var partitionParent: QualifiedName?
    public var partitionBound: String?
    public var inherits: [QualifiedName] = []
    public var options: [String] = []
    public var columns: [ModelColumn] = []
    public var primaryKey: ModelKey?
    public var uniques: [ModelKey] = []
    public var checks: [ModelCheck] = []
    public var foreignKeys: [ModelForeignKey] = []
    public var exclusions: [ModelExclusion] = []
    public var indexes: [ModelIndex] = []
    public var triggers: [ModelStatement] = []
    public var rowLevelSecurity: Bool?
    public var forceRowLevelSecurity: Bool?
    public var policies: [ModelPolicy] = []
    /// Where this table's first declaration is.
    public var location: ModelLocation

    public init(name: QualifiedName, location: ModelLocation) {
        self.name = name
        self.location = location
    }

    public func column(_ name: String) -> ModelColumn? { columns.first { $0.name == name } }
}

public struct ModelView: Sendable, Hashable {
    public var name: QualifiedName
    public var query: String
    public var options: [String]
    public var indexes: [ModelIndex]
    public var triggers: [ModelStatement]
    public var comment: String?
    /// False for a materialized view created `WITH NO DATA` (`with_data: false`).
    public var withData: Bool = true
    public var location: ModelLocation
}
