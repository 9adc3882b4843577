/// What a statement means for how a migration can run it.
///
/// Encodes as its raw value (`ordinary`, `transaction-control`, `non-transactional`,
/// `meta-command`, `copy-from-stdin`).
public enum StatementKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// Anything that can run inside a transaction block.
    case ordinary
    /// Starts or ends a transaction: `BEGIN`, `START TRANSACTION`, `COMMIT`, `END`, `ROLLBACK`
    /// (but not `ROLLBACK TO [SAVEPOINT]`), `ABORT`, `PREPARE TRANSACTION`, `COMMIT PREPARED`,
    /// `ROLLBACK PREPARED`.
    case transactionControl = "transaction-control"
    /// PostgreSQL refuses it inside a transaction block ("cannot be executed inside a transaction
    /// block"): `CREATE [UNIQUE] INDEX CONCURRENTLY`, `DROP INDEX CONCURRENTLY`,
    /// `REINDEX … CONCURRENTLY`, `REINDEX SCHEMA|DATABASE|SYSTEM`, `VACUUM`,
    /// `CREATE|DROP DATABASE`, `CREATE|DROP TABLESPACE`, `ALTER SYSTEM`,
    /// `ALTER DATABASE … SET TABLESPACE`, `ALTER TABLE … DETACH PARTITION … CONCURRENTLY`,
    /// `CLUSTER` without a table, `CREATE|ALTER|DROP SUBSCRIPTION`, `DISCARD ALL`.
    ///
    /// Cases that depend on the catalog (such as `REINDEX TABLE` or `CLUSTER` on a partitioned
    /// table) cannot be seen in the text and are `ordinary` here.
    case nonTransactional = "non-transactional"
    /// A psql backslash command such as `\i file.sql`; not SQL.
    case metaCommand = "meta-command"
    /// `COPY … FROM STDIN`, which needs psql's data stream after the statement.
    case copyFromStdin = "copy-from-stdin"
}
