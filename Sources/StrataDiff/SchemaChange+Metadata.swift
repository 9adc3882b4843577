import StrataSchema

extension SchemaChange {
    /// The object the change acts on.
    public var object: ObjectID {
        switch self {
        case .createSchema(let namespace): return .namespace(namespace.name)
        case .dropSchema(let name): return .namespace(name)
        case .createExtension(let item): return .extension(item.name)
        case .dropExtension(let name), .updateExtension(let name, _), .setExtensionSchema(let name, _): return .extension(name)
        case .createCollation(let item): return .collation(item.name)
        case .dropCollation(let name): return .collation(name)
        case .createEnum(let item): return .type(item.name)
        case .createDomain(let item): return .type(item.name)
        case .createCompositeType(let item): return .type(item.name)
        case .createRangeType(let item): return .type(item.name)
        case .addEnumValue(let name, _, _), .renameType(let name, _, _, _), .dropType(let name), .dropDomain(let name),
             .alterDomain(let name, _), .addAttribute(let name, _), .dropAttribute(let name, _),
             .alterAttributeType(let name, _, _, _):
            return .type(name)
        case .createSequence(let item): return .sequence(item.name)
        case .alterSequence(let name, _, _), .setSequenceOwner(let name, _), .dropSequence(let name): return .sequence(name)
        case .restartSequence(let sequence, _, _): return sequence.object
        case .createTable(let table): return .table(table.name)
        case .dropTable(let name, _), .renameTable(let name, _), .setUnlogged(let name, _), .setRowSecurity(let name, _),
             .setForceRowSecurity(let name, _), .setTableOptions(let name, _), .resetTableOptions(let name, _),
             .inherit(let name, _), .noInherit(let name, _), .setReplicaIdentity(let name, _):
            return .table(name)
        case .attachPartition(_, let partition, _), .detachPartition(_, let partition): return .table(partition)
        case .addColumn(let table, let column): return .column(table: table, name: column.name)
        case .dropColumn(let table, let column, _, _), .alterColumnType(let table, let column, _, _, _, _),
             .setDefault(let table, let column, _), .dropDefault(let table, let column), .setNotNull(let table, let column),
             .dropNotNull(let table, let column), .addIdentity(let table, let column, _), .dropIdentity(let table, let column),
             .setIdentity(let table, let column, _, _), .dropExpression(let table, let column),
             .setColumnOptions(let table, let column, _), .resetColumnOptions(let table, let column, _),
             .setColumnStatistics(let table, let column, _), .setColumnStorage(let table, let column, _),
             .setColumnCompression(let table, let column, _):
            return .column(table: table, name: column)
        case .renameColumn(let table, let from, _): return .column(table: table, name: from)
        case .addConstraint(let table, let constraint): return .constraint(table: table, name: constraint.name)
        case .dropConstraint(let table, let name), .validateConstraint(let table, let name): return .constraint(table: table, name: name)
        case .renameConstraint(let table, let from, _): return .constraint(table: table, name: from)
        case .createIndex(let index, _): return .index(index.name)
        case .dropIndex(let name, _), .renameIndex(let name, _): return .index(name)
        case .createView(let view), .replaceView(let view): return .view(view.name)
        case .dropView(let name, _): return .view(name)
        case .createRoutine(let routine), .replaceRoutine(let routine): return routine.id
        case .dropRoutine(let name, let arguments, _): return .routine(name, arguments: arguments)
        case .createTrigger(let table, let trigger): return .trigger(table: table, name: trigger.name)
        case .dropTrigger(let table, let name), .setTriggerEnabled(let table, let name, _): return .trigger(table: table, name: name)
        case .createPolicy(let table, let policy), .alterPolicy(let table, let policy): return .policy(table: table, name: policy.name)
        case .dropPolicy(let table, let name): return .policy(table: table, name: name)
        case .createRule(let table, let rule), .replaceRule(let table, let rule): return .rule(table: table, name: rule.name)
        case .dropRule(let table, let name), .setRuleEnabled(let table, let name, _): return .rule(table: table, name: name)
        case .createStatistics(let item): return item.id
        case .setStatisticsTarget(let name, _), .dropStatistics(let name): return .statistics(name)
        case .createCast(let item): return item.id
        case .dropCast(let source, let target): return .cast(source: source, target: target)
        case .createOperator(let item): return item.id
        case .dropOperator(let name, let arguments): return .operator(name, arguments: arguments)
        case .createTextSearchDictionary(let item): return .textSearchDictionary(item.name)
        case .dropTextSearchDictionary(let name): return .textSearchDictionary(name)
        case .createTextSearchConfiguration(let item): return .textSearchConfiguration(item.name)
        case .dropTextSearchConfiguration(let name), .addTextSearchMapping(let name, _), .alterTextSearchMapping(let name, _),
             .dropTextSearchMapping(let name, _):
            return .textSearchConfiguration(name)
        case .setComment(let target, _): return target.object
        case .grant(let target, _, _, _), .revoke(let target, _, _, _, _), .setObjectOwner(let target, _, _): return target.object
        case .grantDefaultPrivileges(let key, _, _, _), .revokeDefaultPrivileges(let key, _, _, _): return .defaultPrivileges(key)
        case .setFunctionBodyChecks(_, let routine): return routine
        }
    }

    /// `create`, `drop`, `alter`, `replace`, `rename`, `comment`, `grant`, `revoke`, `owner`,
    /// or `set` for a session setting around other statements.
    public var action: String {
        switch self {
        case .createSchema, .createExtension, .createCollation, .createEnum, .createDomain, .createCompositeType,
             .createSequence, .createTable, .addColumn, .addConstraint, .createIndex, .createView, .createRoutine,
             .createTrigger, .createPolicy, .createRangeType, .createRule, .createStatistics, .createCast, .createOperator,
             .createTextSearchDictionary, .createTextSearchConfiguration:
            return "create"
        case .dropSchema, .dropExtension, .dropCollation, .dropType, .dropDomain, .dropSequence, .dropTable, .dropColumn,
             .dropConstraint, .dropIndex, .dropView, .dropRoutine, .dropTrigger, .dropPolicy, .dropRule, .dropStatistics,
             .dropCast, .dropOperator, .dropTextSearchDictionary, .dropTextSearchConfiguration:
            return "drop"
        case .replaceView, .replaceRoutine, .replaceRule:
            return "replace"
        case .renameTable, .renameColumn, .renameType, .renameIndex, .renameConstraint:
            return "rename"
        case .setComment:
            return "comment"
        case .grant, .grantDefaultPrivileges:
            return "grant"
        case .revoke, .revokeDefaultPrivileges:
            return "revoke"
        case .setObjectOwner:
            return "owner"
        case .setFunctionBodyChecks:
            return "set"
        case .updateExtension, .setExtensionSchema, .addEnumValue, .alterDomain, .addAttribute, .dropAttribute,
             .alterAttributeType, .alterSequence, .setSequenceOwner, .restartSequence, .setUnlogged, .setRowSecurity, .setForceRowSecurity,
             .setTableOptions, .resetTableOptions, .attachPartition, .detachPartition, .inherit, .noInherit,
             .alterColumnType, .setDefault, .dropDefault, .setNotNull, .dropNotNull, .addIdentity, .dropIdentity,
             .setIdentity, .dropExpression, .validateConstraint, .setTriggerEnabled, .alterPolicy, .setColumnOptions,
             .resetColumnOptions, .setColumnStatistics, .setColumnStorage, .setColumnCompression, .setReplicaIdentity,
             .setRuleEnabled, .setStatisticsTarget, .addTextSearchMapping, .alterTextSearchMapping, .dropTextSearchMapping:
            return "alter"
        }
    }

    /// The table whose lock the statement takes, if it acts on a table or one of its members.
    var lockedTable: QualifiedName? {
        switch self {
        case .createTrigger(let table, _), .dropTrigger(let table, _), .setTriggerEnabled(let table, _, _),
             .createRule(let table, _), .replaceRule(let table, _), .dropRule(let table, _), .setRuleEnabled(let table, _, _):
            return table
        case .createTable, .createSchema, .dropSchema, .createExtension, .dropExtension, .updateExtension,
             .setExtensionSchema, .createCollation, .dropCollation, .createEnum, .addEnumValue, .renameType, .dropType,
             .createDomain, .dropDomain, .alterDomain, .createCompositeType, .addAttribute, .dropAttribute,
             .alterAttributeType, .createSequence, .alterSequence, .setSequenceOwner, .dropSequence, .restartSequence, .createView,
             .replaceView, .dropView, .createRoutine, .replaceRoutine, .dropRoutine, .setComment, .createRangeType,
             .createStatistics, .setStatisticsTarget, .dropStatistics, .createCast, .dropCast, .createOperator, .dropOperator,
             .createTextSearchDictionary, .dropTextSearchDictionary, .createTextSearchConfiguration,
             .dropTextSearchConfiguration, .addTextSearchMapping, .alterTextSearchMapping, .dropTextSearchMapping, .grant, .revoke,
             .grantDefaultPrivileges, .revokeDefaultPrivileges, .setObjectOwner, .setFunctionBodyChecks:
            return nil
        case .dropTable(let name, _): return name
        case .attachPartition(let parent, _, _), .detachPartition(let parent, _): return parent
        case .createIndex(let index, _): return index.table
        case .dropIndex, .renameIndex: return object.table
        default:
            if case .table(let name) = object { return name }
            return object.table
        }
    }
}
