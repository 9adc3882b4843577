import StrataSchema

/// One typed change from a source schema towards a target schema. Each change renders as
/// exactly one SQL statement (see ``PlannedStatement``); hazards are derived from it.
///
/// Text fields (types, expressions, definitions) are PostgreSQL's deparsed, schema-qualified
/// forms taken from the model; names are quoted when rendered.
public enum SchemaChange: Sendable, Hashable, Codable {
    // MARK: Schemas, extensions, collations
    case createSchema(Namespace)
    case dropSchema(String)
    case createExtension(Extension)
    case dropExtension(String)
    /// `ALTER EXTENSION … UPDATE TO version`.
    case updateExtension(name: String, version: String)
    /// `ALTER EXTENSION … SET SCHEMA`.
    case setExtensionSchema(name: String, schema: String)
    case createCollation(Collation)
    case dropCollation(QualifiedName)

    // MARK: Types
    case createEnum(EnumType)
    /// `ALTER TYPE … ADD VALUE label [BEFORE|AFTER other]`.
    case addEnumValue(QualifiedName, label: String, placement: EnumValuePlacement)
    /// Renames a type out of the way while it is rebuilt (enum labels removed or reordered,
    /// domain base type changed); `dataLoss` when the rebuilt type loses values.
    case renameType(QualifiedName, to: String, isRebuild: Bool, dataLoss: Bool)
    /// `DROP TYPE` of an enum or composite type.
    case dropType(QualifiedName)
    case createDomain(DomainType)
    case dropDomain(QualifiedName)
    case alterDomain(QualifiedName, DomainAlteration)
    case createCompositeType(CompositeType)
    case addAttribute(QualifiedName, CompositeType.Attribute)
    case dropAttribute(QualifiedName, name: String)
    case alterAttributeType(QualifiedName, name: String, type: String, collation: QualifiedName?)
    /// `CREATE TYPE … AS RANGE (…)`; dropped with ``dropType(_:)``.
    case createRangeType(RangeType)

    // MARK: Sequences
    case createSequence(Sequence)
    case alterSequence(QualifiedName, from: SequenceOptions, to: SequenceOptions)
    /// `ALTER SEQUENCE … OWNED BY table.column` (or `OWNED BY NONE` for nil).
    case setSequenceOwner(QualifiedName, owner: Sequence.Owner?)
    case dropSequence(QualifiedName)
    /// Moves a sequence (or an identity column's) to `start` (`setval(…, start, false)`)
    /// when it was never used or its current value lies outside `range`, so that options
    /// narrowing its range can be applied: PostgreSQL checks the current value against them.
    case restartSequence(SequenceReference, start: Int64, range: ClosedRange<Int64>)

    // MARK: Tables
    /// `CREATE TABLE` with its columns and the constraints that can be declared inline
    /// (primary key, unique, check, exclusion); foreign keys, indexes, triggers, policies,
    /// row security and comments are separate changes.
    case createTable(Table)
    /// `isRebuild` when the same table is created again (kind or partition key changed).
    case dropTable(QualifiedName, isRebuild: Bool)
    case renameTable(QualifiedName, to: String)
    /// `SET UNLOGGED` when `unlogged`, else `SET LOGGED`.
    case setUnlogged(QualifiedName, Bool)
    /// `ENABLE`/`DISABLE ROW LEVEL SECURITY`.
    case setRowSecurity(QualifiedName, enabled: Bool)
    /// `FORCE`/`NO FORCE ROW LEVEL SECURITY`.
    case setForceRowSecurity(QualifiedName, forced: Bool)
    /// `SET (…)` storage parameters, each `name=value`.
    case setTableOptions(QualifiedName, options: [String])
    /// `RESET (…)` storage parameters, by name.
    case resetTableOptions(QualifiedName, names: [String])
    /// `ALTER TABLE parent ATTACH PARTITION partition bound`.
    case attachPartition(parent: QualifiedName, partition: QualifiedName, bound: String)
    case detachPartition(parent: QualifiedName, partition: QualifiedName)
    case inherit(QualifiedName, parent: QualifiedName)
    case noInherit(QualifiedName, parent: QualifiedName)
    /// `ALTER TABLE … REPLICA IDENTITY …`.
    case setReplicaIdentity(QualifiedName, Table.ReplicaIdentity)

    // MARK: Columns
    case addColumn(QualifiedName, Column)
    /// `isRebuild` when the column is added again right after (its generation expression changed);
    /// `dataLoss` when its stored values are lost for good.
    case dropColumn(QualifiedName, column: String, isRebuild: Bool, dataLoss: Bool)
    case renameColumn(QualifiedName, from: String, to: String)
    /// `ALTER COLUMN … TYPE to [COLLATE …] USING column::to` (`using` overrides the cast).
    case alterColumnType(QualifiedName, column: String, from: String, to: String, collation: QualifiedName?, using: String?)
    case setDefault(QualifiedName, column: String, expression: String)
    case dropDefault(QualifiedName, column: String)
    case setNotNull(QualifiedName, column: String)
    case dropNotNull(QualifiedName, column: String)
    case addIdentity(QualifiedName, column: String, Column.Identity)
    case dropIdentity(QualifiedName, column: String)
    /// `SET GENERATED …` and `SET` sequence options of an identity column.
    case setIdentity(QualifiedName, column: String, from: Column.Identity, to: Column.Identity)
    /// `ALTER COLUMN … DROP EXPRESSION`: a generated column becomes an ordinary one.
    case dropExpression(QualifiedName, column: String)
    /// `ALTER COLUMN … SET (…)`: attribute options, each `name=value`.
    case setColumnOptions(QualifiedName, column: String, options: [String])
    /// `ALTER COLUMN … RESET (…)`, by name.
    case resetColumnOptions(QualifiedName, column: String, names: [String])
    /// `ALTER COLUMN … SET STATISTICS n` (`-1`, the default, for nil).
    case setColumnStatistics(QualifiedName, column: String, target: Int?)
    /// `ALTER COLUMN … SET STORAGE …`.
    case setColumnStorage(QualifiedName, column: String, storage: String)
    /// `ALTER COLUMN … SET COMPRESSION …` (`default` for nil).
    case setColumnCompression(QualifiedName, column: String, compression: String?)

    // MARK: Constraints and indexes
    case addConstraint(QualifiedName, Constraint)
    case dropConstraint(QualifiedName, name: String)
    case validateConstraint(QualifiedName, name: String)
    case createIndex(Index, concurrently: Bool)
    case dropIndex(QualifiedName, concurrently: Bool)
    /// `ALTER INDEX … RENAME TO`: also renames the key or exclusion constraint the index
    /// backs. Used for a partition's copies of its parent's indexes and keys, which cannot
    /// be dropped and created again under another name.
    case renameIndex(QualifiedName, to: String)
    /// `ALTER TABLE … RENAME CONSTRAINT`: a partition's copy of its parent's foreign key.
    case renameConstraint(QualifiedName, from: String, to: String)

    // MARK: Views and routines
    case createView(View)
    /// `CREATE OR REPLACE VIEW`: the new column list starts with all the old columns.
    case replaceView(View)
    case dropView(QualifiedName, materialized: Bool)
    case createRoutine(Routine)
    /// `CREATE OR REPLACE FUNCTION|PROCEDURE`: same identity arguments and result type.
    case replaceRoutine(Routine)
    case dropRoutine(QualifiedName, arguments: String, kind: Routine.Kind)

    // MARK: Triggers and policies
    case createTrigger(QualifiedName, Trigger)
    case dropTrigger(QualifiedName, name: String)
    /// `ENABLE [REPLICA|ALWAYS]` / `DISABLE TRIGGER`.
    case setTriggerEnabled(QualifiedName, name: String, Trigger.Enabled)
    case createPolicy(QualifiedName, Policy)
    /// `ALTER POLICY … TO roles USING (…) WITH CHECK (…)`.
    case alterPolicy(QualifiedName, Policy)
    case dropPolicy(QualifiedName, name: String)

    // MARK: Rules
    /// `CREATE RULE` on a table or view.
    case createRule(QualifiedName, Rule)
    /// `CREATE OR REPLACE RULE`: the same rule name on the same relation.
    case replaceRule(QualifiedName, Rule)
    case dropRule(QualifiedName, name: String)
    /// `ENABLE [REPLICA|ALWAYS]` / `DISABLE RULE`.
    case setRuleEnabled(QualifiedName, name: String, Trigger.Enabled)

    // MARK: Statistics, casts, operators, text search
    case createStatistics(StatisticsObject)
    /// `ALTER STATISTICS … SET STATISTICS n` (`-1`, the default, for nil).
    case setStatisticsTarget(QualifiedName, target: Int?)
    case dropStatistics(QualifiedName)
    case createCast(Cast)
    case dropCast(source: String, target: String)
    case createOperator(Operator)
    case dropOperator(QualifiedName, arguments: String)
    case createTextSearchDictionary(TextSearchDictionary)
    case dropTextSearchDictionary(QualifiedName)
    /// `CREATE TEXT SEARCH CONFIGURATION … (PARSER = …)`; its mappings are added one by one.
    case createTextSearchConfiguration(TextSearchConfiguration)
    case dropTextSearchConfiguration(QualifiedName)
    /// `ALTER TEXT SEARCH CONFIGURATION … ADD MAPPING FOR token WITH dictionaries`.
    case addTextSearchMapping(QualifiedName, TextSearchConfiguration.Mapping)
    /// `… ALTER MAPPING FOR token WITH dictionaries`.
    case alterTextSearchMapping(QualifiedName, TextSearchConfiguration.Mapping)
    /// `… DROP MAPPING FOR token`.
    case dropTextSearchMapping(QualifiedName, tokenType: String)

    // MARK: Comments
    /// `COMMENT ON … IS text` (`IS NULL` for nil).
    case setComment(CommentTarget, String?)

    // MARK: Privileges and owners
    /// `GRANT privileges ON object TO grantee [WITH GRANT OPTION]` (for a column,
    /// `GRANT SELECT (column) ON TABLE …`).
    case grant(PrivilegeTarget, privileges: [String], to: Grantee, withGrantOption: Bool)
    /// `REVOKE [GRANT OPTION FOR] privileges ON object FROM grantee`; `onExistingObject`
    /// when the object was there before the plan (someone may be using the privilege).
    case revoke(PrivilegeTarget, privileges: [String], from: Grantee, grantOptionOnly: Bool, onExistingObject: Bool)
    /// `ALTER DEFAULT PRIVILEGES [FOR ROLE r] [IN SCHEMA s] GRANT … ON kind TO grantee`.
    case grantDefaultPrivileges(DefaultPrivileges.Key, privileges: [String], to: Grantee, withGrantOption: Bool)
    /// `ALTER DEFAULT PRIVILEGES [FOR ROLE r] [IN SCHEMA s] REVOKE [GRANT OPTION FOR] … ON kind FROM grantee`.
    case revokeDefaultPrivileges(DefaultPrivileges.Key, privileges: [String], from: Grantee, grantOptionOnly: Bool)
    /// `ALTER kind object OWNER TO role`; `onExistingObject` when the object was there
    /// before the plan.
    case setObjectOwner(PrivilegeTarget, role: String, onExistingObject: Bool)

    // MARK: Session
    /// `SET check_function_bodies = off` (`on: false`) before creating a routine whose body uses
    /// objects that can only be created after it (a dependency cycle through the body), and
    /// `RESET check_function_bodies` (`on: true`) after it; `routine` is the first routine
    /// created in between for `SET`, the last one for `RESET`.
    case setFunctionBodyChecks(on: Bool, routine: ObjectID)
}
