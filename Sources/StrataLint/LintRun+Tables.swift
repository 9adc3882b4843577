/// CREATE TABLE, DROP TABLE, DROP SCHEMA, renames.
extension LintRun {
    mutating func createTable(_ table: CreateTable, context: StatementContext) {
        catalog.createTable(table, file: fileIndex)
        for constraint in table.constraints {
            if case .foreignKey(let columns, let target) = constraint.kind {
                pendingForeignKeys.append((LintCatalog.ForeignKeyFacts(table: table.name, columns: columns, references: target), context))
                takeLock(.shareRowExclusive, on: target, command: "CREATE TABLE … REFERENCES", context: context)
            }
        }
        for column in table.columns {
            if let target = column.references {
                pendingForeignKeys.append((LintCatalog.ForeignKeyFacts(table: table.name, columns: [column.name], references: target), context))
                takeLock(.shareRowExclusive, on: target, command: "CREATE TABLE … REFERENCES", context: context)
            }
        }
    }

    mutating func dropTables(_ names: [ObjectName], context: StatementContext) {
        for name in names {
            if !catalog.isNew(name, since: newSince) {
                report(
                    .dropTable, context,
                    "DROP TABLE \(name) deletes the table and its rows; code that still uses it fails",
                    hint: "deploy code that no longer uses \(name) first; keep a backup (pg_dump -t \(name)) if the rows may be needed"
                )
            }
            takeLock(.accessExclusive, on: name, command: "DROP TABLE", context: context)
            catalog.dropTable(name)
        }
    }

    mutating func dropSchemas(_ names: [String], context: StatementContext) {
        for name in names where (catalog.schemaOrigin(name) ?? -1) < newSince {
            report(
                .dropSchema, context,
                "DROP SCHEMA \(name) deletes the schema (and with CASCADE every object and row in it)",
                hint: "check what it holds first: SELECT relname FROM pg_class WHERE relnamespace = '\(name)'::regnamespace;"
            )
        }
        for name in names { catalog.dropSchema(name) }
    }

    mutating func renameTable(_ table: ObjectName, to newName: String, context: StatementContext) {
        if !catalog.isNew(table, since: newSince) {
            report(
                .renameTable, context,
                "renaming \(table) to \(newName) breaks running code that still uses the old name",
                hint: "rename in steps: CREATE VIEW \(table) AS SELECT * FROM \(newName); after the rename, deploy code using \(newName), then drop the view"
            )
        }
        takeLock(.accessExclusive, on: table, command: "ALTER TABLE … RENAME", context: context)
        catalog.renameTable(table, to: newName)
    }

    mutating func renameColumn(_ table: ObjectName, from: String, to: String, context: StatementContext) {
        if !catalog.isNew(table, since: newSince) && !catalog.isNewColumn(from, of: table, since: newSince) {
            report(
                .renameColumn, context,
                "renaming \(table).\(from) to \(to) breaks running code that still uses the old name",
                hint: "add the new column, write both from the code, backfill, switch reads, then drop \(from) in a later migration"
            )
        }
        takeLock(.accessExclusive, on: table, command: "ALTER TABLE … RENAME COLUMN", context: context)
        catalog.renameColumn(from, to: to, of: table)
    }

    /// After the last file: every foreign key added needs an index on its columns by then, or
    /// deletes and key updates on the referenced table scan the referencing one.
    mutating func checkForeignKeyIndexes() {
        for (key, context) in pendingForeignKeys where !key.columns.isEmpty {
            guard !catalog.hasIndex(leading: key.columns, on: key.table), catalog.table(key.table) != nil else { continue }
            let columns = key.columns.joined(separator: ", ")
            report(
                .foreignKeyMissingIndex, context,
                "the foreign key \(key.table) (\(columns)) → \(key.references) has no index on its columns: every DELETE or key UPDATE on \(key.references) scans \(key.table)",
                hint: "CREATE INDEX CONCURRENTLY ON \(key.table) (\(columns)); (or plain CREATE INDEX in the migration that creates the table)"
            )
        }
        pendingForeignKeys = []
    }
}
