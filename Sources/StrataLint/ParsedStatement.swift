import StrataSQL

/// What the linter understood of one statement: the DDL forms whose locks, rewrites and facts
/// matter, and `other` for everything else (which still counts for transactions, literals and
/// identifiers).
enum ParsedStatement {
    case createTable(CreateTable)
    case createIndex(CreateIndex)
    case dropIndex(names: [ObjectName], concurrently: Bool)
    case alterTable(table: ObjectName, actions: [AlterAction])
    case renameTable(table: ObjectName, to: String)
    case renameColumn(table: ObjectName, from: String, to: String)
    case dropTable(names: [ObjectName])
    case dropSchema(names: [String])
    case createSchema(name: String)
    case createEnum(name: ObjectName, values: [String])
    case addEnumValue(type: ObjectName, value: String)
    case createFunction(name: ObjectName, volatility: Volatility)
    case update(table: ObjectName, hasWhere: Bool)
    case delete(table: ObjectName, hasWhere: Bool)
    case truncate(names: [ObjectName])
    case lockTable(names: [ObjectName], mode: LockMode)
    /// `SET [LOCAL|SESSION] name …`; `value` nil for `TO DEFAULT`.
    case set(parameter: String, value: String?, isLocal: Bool)
    case reset(parameter: String)
    case begin
    case commit
    case rollback
    /// A statement that takes a known lock on a table and changes nothing the linter tracks
    /// (CREATE TRIGGER, CREATE POLICY, VACUUM FULL, CLUSTER, REINDEX, REFRESH …).
    case tableLock(command: String, table: ObjectName, mode: LockMode)
    case other
}

/// A routine's volatility: `VOLATILE` is PostgreSQL's default.
enum Volatility: String, Sendable {
    case immutable, stable, volatile
}

struct CreateTable {
    var name: ObjectName
    var columns: [ColumnDefinition]
    var constraints: [ConstraintDefinition]
    var isPartitioned: Bool
    /// `PARTITION OF parent`.
    var parent: ObjectName?
    /// `CREATE MATERIALIZED VIEW` (its columns are not read).
    var isMaterializedView = false
}

struct CreateIndex {
    var name: String?
    var table: ObjectName
    var isUnique: Bool
    var isConcurrent: Bool
    var ifNotExists: Bool
    /// `ON ONLY table`: the index on a partitioned table's parent alone.
    var isOnly: Bool
    /// Key columns; nil for an expression.
    var columns: [String?]
    var isPartial: Bool
}

struct ColumnDefinition {
    var name: String
    var position: SourcePosition
    /// The type as written, normalized (lower case, single spaces), e.g. `character varying(32)`.
    var type: String
    var isNotNull: Bool
    var isPrimaryKey: Bool
    var isUnique: Bool
    /// The words of `DEFAULT expr`; nil without a default.
    var defaultExpression: ArraySlice<Word>?
    var isStoredGenerated: Bool
    var isIdentity: Bool
    var references: ObjectName?
    var hasCheck: Bool

    var isSerial: Bool { ["serial", "bigserial", "smallserial", "serial4", "serial8", "serial2"].contains(type) }
    /// Whether PostgreSQL fills the column itself on existing rows.
    var fillsItself: Bool { isIdentity || isStoredGenerated || isSerial }
}

struct ConstraintDefinition {
    enum Kind {
        case check(notNullColumn: String?)
        case foreignKey(columns: [String], references: ObjectName)
        case primaryKey(columns: [String], usingIndex: String?)
        case unique(columns: [String], usingIndex: String?)
        case exclude
    }

    var name: String?
    var kind: Kind
    var isNotValid: Bool
    var position: SourcePosition
}

enum AlterAction {
    case addColumn(ColumnDefinition)
    case dropColumn(name: String)
    case alterType(column: String, type: String, usingExpression: ArraySlice<Word>?, position: SourcePosition)
    case setNotNull(column: String, position: SourcePosition)
    case dropNotNull(column: String)
    case addConstraint(ConstraintDefinition)
    case validateConstraint(name: String, position: SourcePosition)
    case dropConstraint(name: String)
    case attachPartition(ObjectName)
    case detachPartition(ObjectName, concurrently: Bool)
    /// Any other subcommand, with the lock PostgreSQL takes for it.
    case other(command: String, lock: LockMode, rewrites: Bool)
}
