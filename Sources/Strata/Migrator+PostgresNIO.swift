import Logging
import PostgresNIO
import StrataMigrate
import StrataPostgres

extension Migrator {
    // MARK: On a connection the application owns

    /// Applies pending migrations on an open PostgresNIO connection, which stays open.
    ///
    /// The run holds the migration advisory lock on this connection, so several
    /// instances of an app starting at once apply each migration exactly once; the
    /// connection's `lock_timeout` and `statement_timeout` are restored afterwards.
    ///
    /// ```swift
    /// let migrator = try Migrator(directory: MigrationDirectory(path: "migrations"))
    /// try await migrator.up(on: connection)
    /// ```
    @discardableResult
    public func up(
        on connection: PostgresConnection, options: UpOptions = .init(), events: MigrationEventHandler? = nil
    ) async throws -> MigrationRunReport {
        try await up(on: PostgresSession(connection: connection), options: options, events: events)
    }

    /// Reverts migrations on an open connection (by default the last batch).
    @discardableResult
    public func down(
        on connection: PostgresConnection, options: DownOptions = .init(), events: MigrationEventHandler? = nil
    ) async throws -> MigrationRunReport {
        try await down(on: PostgresSession(connection: connection), options: options, events: events)
    }

    /// Every migration with its state, read on an open connection.
    public func status(on connection: PostgresConnection) async throws -> MigrationStatus {
        try await status(on: PostgresSession(connection: connection))
    }

    // MARK: On a pool

    /// Applies pending migrations on one connection leased from `client` for the whole
    /// run (the lock and session settings must stay on one connection). The client must
    /// be running (`client.run()` in a task or a service group).
    @discardableResult
    public func up(
        on client: PostgresClient, options: UpOptions = .init(), events: MigrationEventHandler? = nil
    ) async throws -> MigrationRunReport {
        try await client.withConnection { connection in
            try await up(on: connection, options: options, events: events)
        }
    }

    /// Reverts migrations on one connection leased from `client`.
    @discardableResult
    public func down(
        on client: PostgresClient, options: DownOptions = .init(), events: MigrationEventHandler? = nil
    ) async throws -> MigrationRunReport {
        try await client.withConnection { connection in
            try await down(on: connection, options: options, events: events)
        }
    }

    /// Every migration with its state, read on a connection leased from `client`.
    public func status(on client: PostgresClient) async throws -> MigrationStatus {
        try await client.withConnection { connection in
            try await status(on: connection)
        }
    }

    // MARK: On connection settings

    /// Connects with `settings` (or a `postgres://` URL parsed with
    /// ``ConnectionSettings/init(url:defaults:)``), applies pending migrations, and
    /// disconnects.
    @discardableResult
    public func up(
        settings: ConnectionSettings, options: UpOptions = .init(), events: MigrationEventHandler? = nil
    ) async throws -> MigrationRunReport {
        let session = try await PostgresSession.connect(settings)
        do {
            let report = try await up(on: session, options: options, events: events)
            await session.close()
            return report
        } catch {
            await session.close()
            throw error
        }
    }
}

extension DatabaseSession {
    /// The PostgresNIO connection behind this session, for Swift migrations that want
    /// the driver's typed API (`connection.query("… \(value)")` binds values safely).
    public var postgresConnection: PostgresConnection? {
        (self as? PostgresSession)?.connection
    }
}
