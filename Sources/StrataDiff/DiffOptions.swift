/// How ``SchemaDiffer`` plans.
public struct DiffOptions: Sendable, Hashable {
    /// Table and column renames the user asserts; applied before anything else is compared.
    public var renames: [Rename]
    /// Build new indexes on tables that already exist with `CREATE INDEX CONCURRENTLY`, and
    /// drop indexes with `DROP INDEX CONCURRENTLY`. Such statements cannot run inside a
    /// transaction (``PlannedStatement/isTransactional`` is false) and carry no
    /// `index-build` hazard. Never used for partitioned tables, which PostgreSQL does not allow.
    public var concurrentIndexes: Bool

    public init(renames: [Rename] = [], concurrentIndexes: Bool = false) {
        self.renames = renames
        self.concurrentIndexes = concurrentIndexes
    }
}
