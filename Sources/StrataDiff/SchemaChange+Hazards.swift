import StrataSchema

extension SchemaChange {
    /// The hazards of this change, given which tables exist with data before the plan.
    func hazards(in context: HazardContext) -> [Hazard] {
        var result: [Hazard] = []
        func add(_ code: Hazard.Code, _ message: String) { result.append(Hazard(code: code, message: message)) }
        let object = self.object
        let table: QualifiedName?
        if case .dropIndex(let index, _) = self { table = context.indexTables[index] } else { table = lockedTable }
        let onExistingTable = table.map { context.existingTables.contains($0) } ?? false
        let tableName = table?.description ?? ""
        func lock() {
            if onExistingTable { add(.blockingLock, "locks table \(tableName) against reads and writes") }
        }

        switch self {
        case .dropTable(let name, let isRebuild):
            add(.dataLoss, isRebuild ? "table \(name) is dropped and created again; its rows are lost" : "drops table \(name) and its rows")
        case .dropColumn(_, _, _, let dataLoss):
            // A generated column dropped to be added again loses nothing stored.
            if dataLoss { add(.dataLoss, "drops \(object) and its values") }
            lock()
        case .addColumn(_, let column):
            lock()
            if onExistingTable {
                if column.generatedExpression != nil {
                    add(.tableRewrite, "adding stored generated \(object) rewrites table \(tableName)")
                } else if column.identity != nil {
                    add(.tableRewrite, "adding identity \(object) rewrites table \(tableName)")
                } else if let expression = column.defaultExpression, context.isVolatile(expression) {
                    add(.tableRewrite, "adding \(object) with a volatile default rewrites table \(tableName)")
                }
            }
        case .alterColumnType(_, _, let from, let to, _, let using):
            lock()
            if onExistingTable {
                let change = TypeChange(from: from, to: to)
                if using != nil || !change.isBinaryCoercible {
                    add(.tableRewrite, "changing \(object) from \(from) to \(to) rewrites table \(tableName)")
                }
                if change.isNarrowing { add(.dataLoss, "changing \(object) from \(from) to \(to) can truncate or round values") }
            }
        case .setNotNull:
            lock()
            if onExistingTable { add(.validationScan, "SET NOT NULL scans table \(tableName) to check \(object)") }
        case .setUnlogged(let name, let unlogged):
            lock()
            if onExistingTable { add(.tableRewrite, "SET \(unlogged ? "UNLOGGED" : "LOGGED") rewrites table \(name)") }
        case .addConstraint(_, let constraint):
            lock()
            if onExistingTable {
                switch constraint.kind {
                case .foreignKey, .check:
                    if constraint.isValidated {
                        add(.validationScan, "adding \(constraint.kind.rawValue) \(constraint.name) without NOT VALID scans table \(tableName)")
                    }
                case .primaryKey, .unique, .exclusion:
                    add(.indexBuild, "adding \(constraint.kind.rawValue) \(constraint.name) builds an index on table \(tableName), blocking writes")
                }
            }
        case .attachPartition(_, let partition, _):
            lock()
            if onExistingTable { add(.validationScan, "attaching \(partition) scans it to check the partition bound") }
        case .createIndex(let index, let concurrently):
            if onExistingTable, !concurrently {
                add(.indexBuild, "building index \(index.name) without CONCURRENTLY blocks writes to \(tableName)")
            }
        case .dropIndex(_, let concurrently):
            if !concurrently { lock() }
        case .validateConstraint:
            break
        case .addEnumValue(let type, let label, _):
            add(.enumValueAdded, "label \(label) added to \(type) cannot be used in the same transaction")
        case .renameType(let type, _, let isRebuild, let dataLoss):
            if isRebuild, dataLoss { add(.dataLoss, "type \(type) is rebuilt without some of its labels; values using them are lost") }
        case .dropType(let name), .dropDomain(let name):
            if !context.temporaryTypes.contains(name) { add(.dataLoss, "drops type \(name)") }
        case .dropSchema(let name):
            add(.dataLoss, "drops schema \(name)")
        case .dropSequence(let name):
            add(.dataLoss, "drops sequence \(name) and its current value")
        case .restartSequence(let sequence, let start, let range):
            add(.sequenceRestart, "moves \(sequence) to \(start) if it was never used or its current value lies outside \(range.lowerBound)…\(range.upperBound); not undone by a rollback")
        case .renameTable, .renameColumn, .setDefault, .dropDefault, .dropNotNull, .addIdentity, .dropIdentity,
             .setIdentity, .dropExpression, .setRowSecurity, .setForceRowSecurity, .setTableOptions, .resetTableOptions,
             .detachPartition, .inherit, .noInherit, .dropConstraint, .renameConstraint, .createTrigger, .dropTrigger, .setTriggerEnabled,
             .createPolicy, .alterPolicy, .dropPolicy, .setColumnStorage, .setColumnCompression, .setReplicaIdentity,
             .createRule, .replaceRule, .dropRule, .setRuleEnabled:
            lock()
        case .setColumnOptions, .resetColumnOptions, .setColumnStatistics:
            // SHARE UPDATE EXCLUSIVE: reads and writes go on.
            break

        case .createSchema, .createExtension, .dropExtension, .updateExtension, .setExtensionSchema, .createCollation,
             .dropCollation, .createEnum, .createDomain, .alterDomain, .createCompositeType, .addAttribute, .dropAttribute,
             .alterAttributeType, .createSequence, .alterSequence, .setSequenceOwner, .createTable, .createView,
             .replaceView, .dropView, .createRoutine, .replaceRoutine, .dropRoutine, .setComment, .createRangeType,
             .createStatistics, .setStatisticsTarget, .dropStatistics, .createCast, .dropCast, .createOperator, .dropOperator,
             .createTextSearchDictionary, .dropTextSearchDictionary, .createTextSearchConfiguration,
             .dropTextSearchConfiguration, .addTextSearchMapping, .alterTextSearchMapping, .dropTextSearchMapping, .grant,
             .grantDefaultPrivileges, .revokeDefaultPrivileges, .setFunctionBodyChecks, .renameIndex:
            break
        case .revoke(let target, let privileges, let grantee, let grantOptionOnly, let onExistingObject):
            if onExistingObject {
                let what = (grantOptionOnly ? "the grant option for " : "") + privileges.joined(separator: ", ")
                add(.privilegeRevoked, "revokes \(what) on \(target.object) from \(grantee); code that uses it as that role fails")
            }
        case .setObjectOwner(let target, let role, let onExistingObject):
            if onExistingObject { add(.ownerChanged, "\(target.object) passes to role \(role); the old owner keeps only what is granted to it") }
        }
        return result
    }
}
