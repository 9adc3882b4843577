import StrataSQL

/// ALTER TABLE: each subcommand is checked against the schema as the earlier subcommands left it.
extension LintRun {
    mutating func alterTable(_ table: ObjectName, actions: [AlterAction], context: StatementContext) {
        let isExisting = !catalog.isNew(table, since: newSince)
        var strongest: (mode: LockMode, command: String)?
        func lock(_ mode: LockMode, _ command: String) {
            if mode > (strongest?.mode ?? .accessShare) || strongest == nil { strongest = (mode, command) }
        }
        // PostgreSQL runs a statement's DROP CONSTRAINT subcommands before the others (AT_PASS_DROP),
        // so a check dropped here no longer proves a column NOT NULL for a SET NOT NULL beside it.
        for case .dropConstraint(let name) in actions {
            catalog.dropConstraint(name, of: table)
        }
        for action in actions {
            switch action {
            case .addColumn(let column):
                lock(.accessExclusive, "ADD COLUMN")
                if isExisting { checkAddedColumn(column, table: table, context: context) }
                catalog.addColumn(column, to: table, file: fileIndex)
                if let target = column.references {
                    pendingForeignKeys.append((LintCatalog.ForeignKeyFacts(table: table, columns: [column.name], references: target), context))
                }
            case .dropColumn(let name):
                lock(.accessExclusive, "DROP COLUMN")
                if isExisting && !catalog.isNewColumn(name, of: table, since: newSince) {
                    report(
                        .dropColumn, context,
                        "dropping \(table).\(name) deletes its data; code that still reads or writes it fails",
                        hint: "deploy code that no longer uses \(name) first (in an ORM, mark it ignored), then drop it in a later migration"
                    )
                }
                catalog.dropColumn(name, of: table)
            case .alterType(let column, let type, let using, let position):
                lock(.accessExclusive, "ALTER COLUMN TYPE")
                // A column added earlier in the file is stored in every existing row all the same.
                if isExisting {
                    checkTypeChange(table: table, column: column, to: type, using: using, context: context, at: position)
                }
                catalog.setColumnType(column, of: table, to: type)
            case .setNotNull(let column, let position):
                lock(.accessExclusive, "SET NOT NULL")
                if isExisting {
                    checkSetNotNull(table: table, column: column, context: context, at: position)
                }
                catalog.setNotNull(column, of: table, true)
            case .dropNotNull(let column):
                lock(.accessExclusive, "DROP NOT NULL")
                catalog.setNotNull(column, of: table, false)
            case .addConstraint(let constraint):
                lock(constraintLock(constraint), "ADD CONSTRAINT")
                if isExisting { checkAddedConstraint(constraint, table: table, context: context) }
                if case .foreignKey(let columns, let target) = constraint.kind {
                    pendingForeignKeys.append((LintCatalog.ForeignKeyFacts(table: table, columns: columns, references: target), context))
                    takeLock(.shareRowExclusive, on: target, command: "ADD FOREIGN KEY", context: context)
                }
                let name = constraintName(constraint, table: table)
                transaction?.addedConstraints.insert("\(table.resolved).\(name)")
                catalog.addConstraint(constraint, to: table, file: fileIndex)
            case .validateConstraint(let name, let position):
                lock(.shareUpdateExclusive, "VALIDATE CONSTRAINT")
                if transaction?.addedConstraints.contains("\(table.resolved).\(name)") == true {
                    report(
                        .validateInSameTransaction, context,
                        "VALIDATE CONSTRAINT \(name) runs in the transaction that added it, so its scan of \(table) runs while the ADD's lock is still held",
                        hint: "validate in a later migration (or a -- strata:no-transaction one), after the migration that adds it NOT VALID has committed",
                        at: position
                    )
                }
                catalog.validateConstraint(name, of: table)
            case .dropConstraint(let name):
                lock(.accessExclusive, "DROP CONSTRAINT")
                catalog.dropConstraint(name, of: table)
            case .attachPartition(let partition):
                lock(.shareUpdateExclusive, "ATTACH PARTITION")
                takeLock(.accessExclusive, on: partition, command: "ATTACH PARTITION", context: context)
            case .detachPartition(_, let concurrently):
                lock(concurrently ? .shareUpdateExclusive : .accessExclusive, "DETACH PARTITION")
            case .other(let command, let mode, _):
                lock(mode, command)
            }
        }
        if let strongest {
            takeLock(strongest.mode, on: table, command: "ALTER TABLE … \(strongest.command)", context: context)
        }
    }

    private func constraintLock(_ constraint: ConstraintDefinition) -> LockMode {
        if case .foreignKey = constraint.kind { return .shareRowExclusive }
        return .accessExclusive
    }

    /// PostgreSQL's name for a constraint written without one.
    private func constraintName(_ constraint: ConstraintDefinition, table: ObjectName) -> String {
        if let name = constraint.name { return name }
        switch constraint.kind {
        case .check(let column): return "\(table.name)_\(column ?? "")_check"
        case .foreignKey(let columns, _): return "\(table.name)_\(columns.joined(separator: "_"))_fkey"
        case .primaryKey: return "\(table.name)_pkey"
        case .unique(let columns, _): return "\(table.name)_\(columns.joined(separator: "_"))_key"
        case .exclude: return "\(table.name)_excl"
        }
    }

    // MARK: - Columns

    private mutating func checkAddedColumn(_ column: ColumnDefinition, table: ObjectName, context: StatementContext) {
        let at = column.position
        if column.isStoredGenerated || column.isIdentity || column.isSerial {
            let what = column.isStoredGenerated ? "a stored generated column" : column.isIdentity ? "an identity column" : "a \(column.type) column"
            report(
                .rewritingColumn, context,
                "adding \(what) \(table).\(column.name) rewrites the whole table under ACCESS EXCLUSIVE to fill in its values",
                hint: column.isStoredGenerated
                    ? "add a plain nullable column, fill it in batches, and keep it up to date with a trigger"
                    : "add a plain nullable bigint column, attach a sequence as its DEFAULT (no rewrite), backfill in batches, then SET NOT NULL after a validated CHECK",
                at: at
            )
        } else if let expression = column.defaultExpression {
            if configuration.postgresVersion < 11 {
                report(
                    .volatileDefault, context,
                    "before PostgreSQL 11 any DEFAULT on ADD COLUMN rewrites the table: \(table).\(column.name)",
                    hint: "add the column without a default, then ALTER COLUMN \(column.name) SET DEFAULT …; and backfill in batches",
                    at: at
                )
            } else if let function = DefaultVolatility.volatileCall(in: expression, functions: catalog.functions) {
                report(
                    .volatileDefault, context,
                    "the default of \(table).\(column.name) calls \(function)(), which is volatile: PostgreSQL rewrites the whole table under ACCESS EXCLUSIVE to store a value per row",
                    hint: "ALTER TABLE \(table) ADD COLUMN \(column.name) \(column.type); ALTER TABLE \(table) ALTER COLUMN \(column.name) SET DEFAULT \(function)(); then backfill existing rows in batches",
                    at: at
                )
            }
        }
        if column.isNotNull && column.defaultExpression == nil && !column.fillsItself {
            report(
                .notNullColumnWithoutDefault, context,
                "adding \(table).\(column.name) NOT NULL without a default fails as soon as \(table) has a row",
                hint: "give it a constant default (no rewrite on PostgreSQL ≥ 11): ADD COLUMN \(column.name) \(column.type) NOT NULL DEFAULT …; or add it nullable, backfill, then SET NOT NULL",
                at: at
            )
        }
        if column.hasCheck {
            // A new column's foreign key is not checked (the column is all NULL), but its CHECK is.
            report(
                .constraintNotValidMissing, context,
                "the CHECK of the new column \(table).\(column.name) is checked against every row of \(table) while ADD COLUMN holds ACCESS EXCLUSIVE",
                hint: "add the column without the check; then ALTER TABLE \(table) ADD CONSTRAINT … CHECK (…) NOT VALID; and VALIDATE CONSTRAINT it in a later migration",
                at: at
            )
        }
        if column.isPrimaryKey || column.isUnique {
            report(
                .uniqueConstraintBuildsIndex, context,
                "adding \(table).\(column.name) with \(column.isPrimaryKey ? "PRIMARY KEY" : "UNIQUE") builds its index under ACCESS EXCLUSIVE",
                hint: "add the column, CREATE UNIQUE INDEX CONCURRENTLY on it, then ADD CONSTRAINT … \(column.isPrimaryKey ? "PRIMARY KEY" : "UNIQUE") USING INDEX",
                at: at
            )
        }
    }

    private mutating func checkTypeChange(
        table: ObjectName, column: String, to type: String, using: ArraySlice<Word>?, context: StatementContext, at position: SourcePosition
    ) {
        let usesOnlyColumn = using.map { expression in
            let items = Array(expression)
            return items.count == 1 && items[0].name == column
                || items.count == 3 && items[0].name == column && items[1].keyword == "::"
        } ?? true
        guard let current = catalog.table(table)?.columns[column] else {
            report(
                .columnTypeRewrite, context,
                "changing the type of \(table).\(column) to \(type) may rewrite the table and its indexes under ACCESS EXCLUSIVE; its current type is unknown to the migrations linted",
                hint: "changes that only widen (varchar(n) to a larger n or to text, numeric to more precision) do not rewrite; for others add a new column, backfill in batches, and switch over",
                at: position
            )
            return
        }
        guard !(usesOnlyColumn && TypeCoercion.keepsFiles(from: current.type, to: type)) else { return }
        report(
            .columnTypeRewrite, context,
            "changing \(table).\(column) from \(current.type) to \(type) rewrites the table and rebuilds its indexes under ACCESS EXCLUSIVE",
            hint: "add a column of the new type, fill it in batches (and from a trigger), then swap names in a short migration; widening changes such as varchar(n) → text do not rewrite",
            at: position
        )
    }

    private mutating func checkSetNotNull(table: ObjectName, column: String, context: StatementContext, at position: SourcePosition) {
        if configuration.postgresVersion >= 12 && catalog.hasValidatedNotNullCheck(column, of: table) { return }
        if catalog.table(table)?.columns[column]?.isNotNull == true { return }
        let alternative = catalog.isNewColumn(column, of: table, since: newSince)
            ? "add the column NOT NULL with a constant DEFAULT in one step (ADD COLUMN \(column) … NOT NULL DEFAULT …), which neither scans nor rewrites on PostgreSQL ≥ 11"
            : configuration.postgresVersion >= 12
            ? "ALTER TABLE \(table) ADD CONSTRAINT \(table.name)_\(column)_not_null CHECK (\(column) IS NOT NULL) NOT VALID; then in a later migration VALIDATE CONSTRAINT it, SET NOT NULL (no scan), and drop the check"
            : "before PostgreSQL 12 SET NOT NULL always scans; keep a validated CHECK (\(column) IS NOT NULL) NOT VALID constraint instead"
        report(
            .setNotNullScan, context,
            "SET NOT NULL on \(table).\(column) scans the whole table under ACCESS EXCLUSIVE: no validated CHECK (\(column) IS NOT NULL) proves it",
            hint: alternative,
            at: position
        )
    }

    // MARK: - Constraints

    private mutating func checkAddedConstraint(_ constraint: ConstraintDefinition, table: ObjectName, context: StatementContext) {
        let at = constraint.position
        switch constraint.kind {
        case .check, .foreignKey:
            guard !constraint.isNotValid else { return }
            let isKey: Bool = if case .foreignKey = constraint.kind { true } else { false }
            let name = constraint.name ?? (isKey ? "the foreign key" : "the check")
            report(
                .constraintNotValidMissing, context,
                "adding \(name) to \(table) without NOT VALID checks every row while holding \(isKey ? "SHARE ROW EXCLUSIVE (writes blocked)" : "ACCESS EXCLUSIVE")",
                hint: "ADD CONSTRAINT \(constraint.name ?? "name") … NOT VALID; then VALIDATE CONSTRAINT \(constraint.name ?? "name") in a later migration (it takes only SHARE UPDATE EXCLUSIVE)",
                at: at
            )
        case .primaryKey(let columns, let usingIndex), .unique(let columns, let usingIndex):
            let isPrimary: Bool = if case .primaryKey = constraint.kind { true } else { false }
            let keyword = isPrimary ? "PRIMARY KEY" : "UNIQUE"
            if usingIndex == nil {
                report(
                    .uniqueConstraintBuildsIndex, context,
                    "ADD \(keyword) on \(table) builds its unique index under ACCESS EXCLUSIVE: no query can use \(table) until it is built",
                    hint: "CREATE UNIQUE INDEX CONCURRENTLY \(table.name)_\(columns.joined(separator: "_"))_idx ON \(table) (\(columns.joined(separator: ", "))); then ADD CONSTRAINT … \(keyword) USING INDEX \(table.name)_\(columns.joined(separator: "_"))_idx",
                    at: at
                )
            }
            if isPrimary {
                let keyColumns = usingIndex.flatMap { catalog.index(ObjectName(schema: table.resolved.schema, name: $0))?.columns.compactMap { $0 } } ?? columns
                let nullable = keyColumns.filter { column in
                    guard let facts = catalog.table(table)?.columns[column], !facts.isNotNull else { return false }
                    return !(configuration.postgresVersion >= 12 && catalog.hasValidatedNotNullCheck(column, of: table))
                }
                if !nullable.isEmpty {
                    report(
                        .primaryKeyNullableColumns, context,
                        "PRIMARY KEY on \(table) makes \(nullable.joined(separator: ", ")) NOT NULL, which scans the whole table under ACCESS EXCLUSIVE",
                        hint: "first ADD CONSTRAINT … CHECK (\(nullable[0]) IS NOT NULL) NOT VALID, VALIDATE it in a later migration, and SET NOT NULL; then add the key USING INDEX",
                        at: at
                    )
                }
            }
        case .exclude:
            report(
                .exclusionConstraint, context,
                "ADD EXCLUDE on \(table) builds its index and checks every row under ACCESS EXCLUSIVE; it cannot be added NOT VALID or from a concurrent index",
                hint: "add it while \(table) is small or in a maintenance window, or enforce the rule another way (a trigger) first",
                at: at
            )
        }
    }
}
