import StrataSchema

extension SchemaInspector {
    /// Reads the schema inside the transaction the caller has open on `session`, so that
    /// it shows that transaction's snapshot: what a backup taken with the snapshot
    /// exported there (`pg_export_snapshot()`) holds.
    ///
    /// The transaction must be `REPEATABLE READ` (or `SERIALIZABLE`) for every catalog query
    /// to see the same snapshot. It is left open; `search_path` is `pg_catalog` for the rest
    /// of it (set as `SET LOCAL` would), so later statements in it must qualify names.
    ///
    /// - Throws: ``DatabaseError`` as ``inspect(_:)`` does.
    public func inspect(inTransactionOf session: any DatabaseSession) async throws -> Schema {
        let version = try await session.scalar(
            "SELECT current_setting('server_version_num') FROM pg_catalog.set_config('search_path', 'pg_catalog', true)"
        )
        return try await read(session, serverVersion: version.flatMap { Int($0) } ?? CatalogQueries.newestVersion)
    }
}
