import StrataSQL
import StrataSchema

/// Renders a ``SchemaChange`` as one SQL statement without the trailing semicolon.
///
/// Every name goes through `SQLIdentifier` and every string constant through `SQLLiteral`;
/// the only text inserted verbatim is PostgreSQL's own deparsed SQL from the model (types,
/// expressions, definitions), which is already quoted and schema-qualified.
enum SQLRenderer {
    static func sql(for change: SchemaChange) -> String {
        switch change {
        case .createSchema, .dropSchema, .createExtension, .dropExtension, .updateExtension, .setExtensionSchema,
             .createCollation, .dropCollation:
            return namespaceSQL(change)
        case .createEnum, .addEnumValue, .renameType, .dropType, .createDomain, .dropDomain, .alterDomain,
             .createCompositeType, .addAttribute, .dropAttribute, .alterAttributeType:
            return typeSQL(change)
        case .createRangeType, .createStatistics, .setStatisticsTarget, .dropStatistics, .createCast, .dropCast,
             .createOperator, .dropOperator, .createTextSearchDictionary, .dropTextSearchDictionary,
             .createTextSearchConfiguration, .dropTextSearchConfiguration, .addTextSearchMapping,
             .alterTextSearchMapping, .dropTextSearchMapping:
            return objectSQL(change)
        case .createSequence, .alterSequence, .setSequenceOwner, .dropSequence, .restartSequence:
            return sequenceSQL(change)
        case .createTable, .dropTable, .renameTable, .setUnlogged, .setRowSecurity, .setForceRowSecurity,
             .setTableOptions, .resetTableOptions, .attachPartition, .detachPartition, .inherit, .noInherit,
             .setReplicaIdentity:
            return tableSQL(change)
        case .addColumn, .dropColumn, .renameColumn, .alterColumnType, .setDefault, .dropDefault, .setNotNull,
             .dropNotNull, .addIdentity, .dropIdentity, .setIdentity, .dropExpression:
            return columnSQL(change)
        case .setColumnOptions, .resetColumnOptions, .setColumnStatistics, .setColumnStorage, .setColumnCompression:
            return columnSettingSQL(change)
        case .createRule, .replaceRule, .dropRule, .setRuleEnabled:
            return ruleSQL(change)
        case .addConstraint, .dropConstraint, .validateConstraint, .renameConstraint:
            return constraintSQL(change)
        case .createIndex, .dropIndex, .renameIndex:
            return indexSQL(change)
        case .createView, .replaceView, .dropView:
            return viewSQL(change)
        case .createRoutine, .replaceRoutine, .dropRoutine:
            return routineSQL(change)
        case .createTrigger, .dropTrigger, .setTriggerEnabled:
            return triggerSQL(change)
        case .createPolicy, .alterPolicy, .dropPolicy:
            return policySQL(change)
        case .setComment(let target, let text):
            return commentSQL(target, text)
        case .grant, .revoke, .grantDefaultPrivileges, .revokeDefaultPrivileges, .setObjectOwner:
            return privilegeSQL(change)
        case .setFunctionBodyChecks(let on, _):
            // RESET, not SET … on: the session's own default (a PGOPTIONS setting, say) comes back.
            return on ? "RESET check_function_bodies" : "SET check_function_bodies = off"
        }
    }

    // MARK: Helpers

    /// `schema.name`, each part quoted when needed.
    static func name(_ name: QualifiedName) -> String {
        SQLIdentifier.qualified(name.schema, name.name)
    }

    /// One identifier, quoted when needed.
    static func identifier(_ name: String) -> String {
        SQLIdentifier.quoteIfNeeded(name)
    }

    static func alterTable(_ table: QualifiedName) -> String {
        "ALTER TABLE " + name(table)
    }

    /// `(name = 'value', …)` for storage parameters stored as `name=value`.
    static func storageParameters(_ options: [String]) -> String { SQLOptionList.list(options) }

    /// A storage parameter name; namespaced ones (`toast.fillfactor`) quote each part.
    static func parameterName(_ name: String) -> String { SQLOptionList.name(name) }

    /// SQL text from the catalog without a trailing semicolon or surrounding whitespace.
    static func trimmed(_ text: String) -> String {
        var result = Substring(text)
        while let last = result.last, last.isWhitespace || last == ";" { result = result.dropLast() }
        while let first = result.first, first.isWhitespace { result = result.dropFirst() }
        return String(result)
    }

    /// The sequence options clause of `CREATE SEQUENCE` (every option, explicitly).
    static func sequenceOptions(_ options: SequenceOptions, includeType: Bool) -> String {
        var parts: [String] = []
        if includeType { parts.append("AS " + options.dataType) }
        parts.append("INCREMENT BY \(options.increment)")
        parts.append("MINVALUE \(options.minValue)")
        parts.append("MAXVALUE \(options.maxValue)")
        parts.append("START WITH \(options.start)")
        parts.append("CACHE \(options.cache)")
        parts.append(options.cycle ? "CYCLE" : "NO CYCLE")
        return parts.joined(separator: " ")
    }

    /// The options that differ, as `ALTER SEQUENCE` clauses.
    static func changedSequenceOptions(from old: SequenceOptions, to new: SequenceOptions, includeType: Bool) -> [String] {
        var parts: [String] = []
        if includeType, old.dataType != new.dataType { parts.append("AS " + new.dataType) }
        if old.increment != new.increment { parts.append("INCREMENT BY \(new.increment)") }
        if old.minValue != new.minValue { parts.append("MINVALUE \(new.minValue)") }
        if old.maxValue != new.maxValue { parts.append("MAXVALUE \(new.maxValue)") }
        if old.start != new.start { parts.append("START WITH \(new.start)") }
        if old.cache != new.cache { parts.append("CACHE \(new.cache)") }
        if old.cycle != new.cycle { parts.append(new.cycle ? "CYCLE" : "NO CYCLE") }
        return parts
    }

    /// The default options PostgreSQL gives an identity or sequence of `dataType` with `increment`.
    static func defaultSequenceOptions(dataType: String, increment: Int64 = 1) -> SequenceOptions {
        let maximum: Int64
        switch dataType {
        case "smallint": maximum = Int64(Int16.max)
        case "integer": maximum = Int64(Int32.max)
        default: maximum = Int64.max
        }
        let minimum = -maximum - 1
        if increment > 0 {
            return SequenceOptions(dataType: dataType, start: 1, increment: increment, minValue: 1, maxValue: maximum, cache: 1, cycle: false)
        }
        return SequenceOptions(dataType: dataType, start: -1, increment: increment, minValue: minimum, maxValue: -1, cache: 1, cycle: false)
    }
}
