/// A lint rule: a stable code (a contract, documented in `docs/lint.md`) and its default
/// severity.
///
/// Codes are what users write in `strata.yaml` (`lint: {rules: {CODE: error|warning|off}}`) and
/// in `-- strata:lint-ignore CODE` comments, and what JSON output carries; they never change
/// meaning once published.
public enum LintRule: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    case indexNotConcurrent = "index-not-concurrent"
    case dropIndexNotConcurrent = "drop-index-not-concurrent"
    case concurrentIndexIfNotExists = "concurrent-index-if-not-exists"
    case volatileDefault = "volatile-default"
    case rewritingColumn = "rewriting-column"
    case columnTypeRewrite = "column-type-rewrite"
    case setNotNullScan = "set-not-null-scan"
    case notNullColumnWithoutDefault = "not-null-column-without-default"
    case constraintNotValidMissing = "constraint-not-valid-missing"
    case validateInSameTransaction = "validate-in-same-transaction"
    case uniqueConstraintBuildsIndex = "unique-constraint-builds-index"
    case primaryKeyNullableColumns = "primary-key-nullable-columns"
    case exclusionConstraint = "exclusion-constraint"
    case lockTimeoutMissing = "lock-timeout-missing"
    case enumValueSameTransaction = "enum-value-same-transaction"
    case unbatchedUpdate = "unbatched-update"
    case foreignKeyMissingIndex = "foreign-key-missing-index"
    case dropColumn = "drop-column"
    case dropTable = "drop-table"
    case dropSchema = "drop-schema"
    case renameColumn = "rename-column"
    case renameTable = "rename-table"
    case identifierTooLong = "identifier-too-long"
    case notIdempotent = "not-idempotent"
    /// Observed mode only: the statement wrote a new file for an existing table or index.
    case tableRewrite = "table-rewrite"
    /// Observed mode only: the statement read a whole existing table while the migration held
    /// ACCESS EXCLUSIVE on it.
    case accessExclusiveScan = "access-exclusive-scan"
    /// Observed mode only: a statement failed when the migrations were run on the scratch
    /// database (so files after it were not observed).
    case replayFailed = "replay-failed"
    /// A file that cannot be linted or run: a lexical error or a statement a migration may not
    /// contain (the message names the validation problem).
    case invalidFile = "invalid-file"
    /// A `-- strata:lint-ignore` comment naming a code that is not a rule.
    case unknownIgnoreCode = "unknown-ignore-code"

    public var code: String { rawValue }

    /// The severity when `strata.yaml` says nothing about the rule.
    public var defaultSeverity: LintSeverity {
        switch self {
        case .indexNotConcurrent, .volatileDefault, .rewritingColumn, .columnTypeRewrite, .setNotNullScan,
            .notNullColumnWithoutDefault, .constraintNotValidMissing, .uniqueConstraintBuildsIndex,
            .primaryKeyNullableColumns, .enumValueSameTransaction, .tableRewrite, .replayFailed, .invalidFile:
            .error
        case .dropIndexNotConcurrent, .concurrentIndexIfNotExists, .validateInSameTransaction, .exclusionConstraint,
            .lockTimeoutMissing, .unbatchedUpdate, .foreignKeyMissingIndex, .dropColumn, .dropTable, .dropSchema,
            .renameColumn, .renameTable, .identifierTooLong, .accessExclusiveScan, .unknownIgnoreCode:
            .warning
        case .notIdempotent:
            .off
        }
    }

    /// Whether only `strata lint --observe` can report it.
    public var needsObservation: Bool {
        self == .tableRewrite || self == .accessExclusiveScan || self == .replayFailed
    }

    /// One line on what the rule flags, for `strata lint --rules` and the docs index.
    public var summary: String {
        switch self {
        case .indexNotConcurrent: "CREATE INDEX without CONCURRENTLY on an existing table blocks writes while it builds"
        case .dropIndexNotConcurrent: "DROP INDEX without CONCURRENTLY takes ACCESS EXCLUSIVE on the existing table"
        case .concurrentIndexIfNotExists: "CREATE INDEX CONCURRENTLY IF NOT EXISTS keeps an INVALID index left by a failed build"
        case .volatileDefault: "ADD COLUMN with a volatile default rewrites the table"
        case .rewritingColumn: "ADD COLUMN that is stored generated, identity or serial rewrites the table"
        case .columnTypeRewrite: "ALTER COLUMN TYPE that is not binary-coercible rewrites the table and its indexes"
        case .setNotNullScan: "SET NOT NULL scans the table under ACCESS EXCLUSIVE unless a validated CHECK proves it"
        case .notNullColumnWithoutDefault: "ADD COLUMN NOT NULL without a default fails on a table with rows"
        case .constraintNotValidMissing: "ADD CHECK or FOREIGN KEY without NOT VALID scans the table under a strong lock"
        case .validateInSameTransaction: "VALIDATE CONSTRAINT in the transaction that added it scans under the add's lock"
        case .uniqueConstraintBuildsIndex: "ADD UNIQUE or PRIMARY KEY builds its index under ACCESS EXCLUSIVE"
        case .primaryKeyNullableColumns: "PRIMARY KEY over nullable columns scans for NULLs under ACCESS EXCLUSIVE"
        case .exclusionConstraint: "ADD EXCLUDE builds an index and checks every row under ACCESS EXCLUSIVE"
        case .lockTimeoutMissing: "ACCESS EXCLUSIVE on an existing table with no lock_timeout queues every query behind it"
        case .enumValueSameTransaction: "a value added by ALTER TYPE … ADD VALUE cannot be used before its transaction commits"
        case .unbatchedUpdate: "UPDATE or DELETE of a whole existing table while the migration holds DDL locks"
        case .foreignKeyMissingIndex: "a foreign key whose referencing columns have no index"
        case .dropColumn: "DROP COLUMN loses data and breaks code that still reads the column"
        case .dropTable: "DROP TABLE loses data and breaks code that still uses the table"
        case .dropSchema: "DROP SCHEMA loses everything in it"
        case .renameColumn: "RENAME COLUMN breaks running code that uses the old name"
        case .renameTable: "RENAME TO breaks running code that uses the old name"
        case .identifierTooLong: "an identifier longer than 63 bytes is truncated by PostgreSQL"
        case .notIdempotent: "CREATE without IF NOT EXISTS or OR REPLACE fails when run again"
        case .tableRewrite: "observed: the statement rewrote an existing table or index"
        case .accessExclusiveScan: "observed: the statement scanned an existing table while holding ACCESS EXCLUSIVE on it"
        case .replayFailed: "observed: the statement failed when the migrations ran on a scratch database"
        case .invalidFile: "the file cannot be run: a lexical error or a statement a migration may not contain"
        case .unknownIgnoreCode: "a lint-ignore comment names a code that is not a rule"
        }
    }

    public static func < (lhs: LintRule, rhs: LintRule) -> Bool { lhs.rawValue < rhs.rawValue }
}
