/// CREATE INDEX and DROP INDEX.
extension LintRun {
    mutating func createIndex(_ index: CreateIndex, context: StatementContext) {
        let table = index.table
        let isExisting = !catalog.isNew(table, since: newSince)
        // PostgreSQL names an unnamed index <table>_<columns>_idx.
        let name = index.name ?? "\(table.name)_\(index.columns.map { $0 ?? "expr" }.joined(separator: "_"))_idx"
        if index.isConcurrent && index.ifNotExists {
            report(
                .concurrentIndexIfNotExists, context,
                "CREATE INDEX CONCURRENTLY IF NOT EXISTS: when a build fails it leaves an INVALID index named \(name), and a retry then skips it, keeping an index that is never used",
                hint: "drop a leftover first and build without IF NOT EXISTS: DROP INDEX CONCURRENTLY IF EXISTS \(name); CREATE INDEX CONCURRENTLY \(name) ON \(table) (…);"
            )
        }
        if !index.isConcurrent && isExisting {
            if catalog.table(table)?.isPartitioned == true && !index.isOnly {
                report(
                    .indexNotConcurrent, context,
                    "CREATE INDEX on the existing partitioned table \(table) takes SHARE on it and every partition, blocking writes until all partitions are indexed",
                    hint: "CREATE INDEX \(name) ON ONLY \(table) (…); then per partition CREATE INDEX CONCURRENTLY … ON partition (…); ALTER INDEX \(name) ATTACH PARTITION partition_index;"
                )
            } else if catalog.table(table)?.isMaterializedView == true {
                report(
                    .indexNotConcurrent, context,
                    "CREATE INDEX on the existing materialized view \(table) takes SHARE on it: REFRESH MATERIALIZED VIEW waits until the index is built",
                    hint: "build it without blocking refreshes, in a -- strata:no-transaction migration: CREATE INDEX CONCURRENTLY \(name) ON \(table) (…);"
                )
            } else if !index.isOnly {
                report(
                    .indexNotConcurrent, context,
                    "CREATE INDEX on the existing table \(table) takes SHARE on it: every INSERT, UPDATE and DELETE waits until the index is built",
                    hint: "build it without blocking writes, in a -- strata:no-transaction migration: CREATE INDEX CONCURRENTLY \(name) ON \(table) (…);"
                )
            }
        }
        takeLock(index.isConcurrent ? .shareUpdateExclusive : .share, on: table, command: "CREATE INDEX", context: context)
        catalog.addIndex(named: index.name, on: table, columns: index.columns, file: fileIndex)
    }

    mutating func dropIndexes(_ names: [ObjectName], concurrently: Bool, context: StatementContext) {
        for name in names {
            let facts = catalog.index(name)
            // The lock is on the table: an index made earlier in the file (or run) does not make it new.
            let isExisting = facts.map { !catalog.isNew($0.table, since: newSince) } ?? true
            if !concurrently && isExisting {
                let table = facts.map { "\($0.table)" } ?? "its table"
                report(
                    .dropIndexNotConcurrent, context,
                    "DROP INDEX \(name) takes ACCESS EXCLUSIVE on \(table): every query on it waits, behind any long-running query",
                    hint: "in a -- strata:no-transaction migration: DROP INDEX CONCURRENTLY IF EXISTS \(name);"
                )
            }
            if let table = facts?.table {
                takeLock(concurrently ? .shareUpdateExclusive : .accessExclusive, on: table, command: "DROP INDEX", context: context)
            }
            catalog.dropIndex(name)
        }
    }
}
