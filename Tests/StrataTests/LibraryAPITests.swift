import Foundation
import Logging
import NIOPosix
import PostgresNIO
import Strata
import StrataTesting
import Testing

/// The library API as an app uses it: SQL files and Swift migrations together, on a
/// PostgresNIO connection the app opened itself.
@Suite struct LibraryAPITests {
    /// A temporary folder with two SQL migrations (versions 1 and 3).
    static func sqlFolder() throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("strata-lib-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try """
            -- strata:up
            CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL);
            -- strata:down
            DROP TABLE users;
            """.write(toFile: folder + "/0001_create_users.sql", atomically: true, encoding: .utf8)
        try """
            -- strata:up
            ALTER TABLE users ADD COLUMN display_name text;
            -- strata:down
            ALTER TABLE users DROP COLUMN display_name;
            """.write(toFile: folder + "/0003_add_display_name.sql", atomically: true, encoding: .utf8)
        return folder
    }

    /// A Swift migration (version 2) that runs between the two files, using the driver's
    /// typed API through the session it is given.
    static let seedUsers = Migration(
        version: MigrationVersion("0002")!, name: "seed_users",
        up: { session in
            guard let connection = session.postgresConnection else { throw SeedError() }
            let email = "ada@example.com"
            try await connection.query("INSERT INTO users (id, email) VALUES (1, \(email))", logger: Logger(label: "test"))
        },
        down: { session in try await session.execute("DELETE FROM users") }
    )

    struct SeedError: Error {}

    /// Opens a PostgresNIO connection the way an app does, independent of Strata.
    static func appConnection(_ database: TestDatabase) async throws -> PostgresConnection {
        let settings = database.settings
        guard case .socket(let directory, let port) = settings.endpoint else { throw SeedError() }
        let configuration = PostgresConnection.Configuration(
            unixSocketPath: "\(directory)/.s.PGSQL.\(port)", username: settings.user, password: settings.password,
            database: settings.database
        )
        return try await PostgresConnection.connect(configuration: configuration, id: 7, logger: Logger(label: "app"))
    }

    @Test func sqlAndSwiftMigrationsRunInterleavedOnTheAppsConnection() async throws {
        try await TestDatabase.withDatabase { database in
            let folder = try Self.sqlFolder()
            defer { try? FileManager.default.removeItem(atPath: folder) }
            let connection = try await Self.appConnection(database)
            defer { Task { try? await connection.close() } }
            _ = try await connection.query("SET lock_timeout = '123ms'", logger: Logger(label: "app"))

            let migrator = try Migrator(directory: MigrationDirectory(path: folder), code: [Self.seedUsers])
            #expect(migrator.migrations.map(\.version.text) == ["0001", "0002", "0003"])
            #expect(migrator.problems.isEmpty)

            let events = EventLog()
            let report = try await migrator.up(on: connection, events: events.record)
            #expect(report.migrations.map(\.outcome) == [.applied, .applied, .applied])
            #expect(report.batch == 1)
            #expect(events.started == ["0001", "0002", "0003"])

            // The Swift migration ran after the table was created and before the column was added.
            let rows = try await connection.query("SELECT email, display_name FROM users", logger: Logger(label: "app")).collect()
            #expect(rows.count == 1)
            let (email, name) = try rows[0].decode((String, String?).self)
            #expect(email == "ada@example.com")
            #expect(name == nil)

            // The app's connection is still open and its own session settings are restored.
            let lockTimeout = try await connection.query("SHOW lock_timeout", logger: Logger(label: "app")).collect()
            #expect(try lockTimeout[0].decode(String.self) == "123ms")

            // History: three rows in one batch; the Swift migration has a code checksum.
            let status = try await migrator.status(on: connection)
            #expect(status.entries.map(\.state) == [.applied, .applied, .applied])
            #expect(status.entries[1].checksum.hasPrefix("swift:"))
            #expect(status.entries.allSatisfy { $0.batch == 1 })

            // Running again is a no-op; rolling back runs the Swift down closure too.
            #expect(try await migrator.up(on: connection).migrations.isEmpty)
            let down = try await migrator.down(on: connection)
            #expect(down.migrations.map(\.version.text) == ["0003", "0002", "0001"])
            let tables = try await connection.query("SELECT count(*)::int FROM pg_tables WHERE tablename = 'users'", logger: Logger(label: "app")).collect()
            #expect(try tables[0].decode(Int.self) == 0)
            try await connection.close()
        }
    }

    @Test func aFailingSwiftMigrationRollsBackTheBatch() async throws {
        try await TestDatabase.withDatabase { database in
            let folder = try Self.sqlFolder()
            defer { try? FileManager.default.removeItem(atPath: folder) }
            let failing = Migration(version: MigrationVersion("0002")!, name: "broken", up: { session in
                try await session.execute("INSERT INTO users (id, email) VALUES (1, NULL)")
            })
            let migrator = try Migrator(directory: MigrationDirectory(path: folder), code: [failing])
            let error = try await #require(throws: MigrationError.self) {
                try await migrator.up(settings: database.settings)
            }
            #expect(error.code == .statementFailed)
            #expect(error.failure?.sqlState == "23502")
            #expect(error.failure?.file == nil)
            #expect(error.failure?.databaseState.contains("Rolled back: 0001, 0002") == true)
            let session = try await database.session()
            #expect(try await session.scalar("SELECT to_regclass('users')::text") == nil)
            #expect(try await session.scalar("SELECT count(*) FROM strata_migrations") == "0")
            await session.close()
        }
    }

    /// In `each` mode the history rows go through a prepared statement with the values
    /// written into its text: a Swift migration's name with quotes, a backslash and a
    /// non-ASCII letter arrives whole, a migration that runs `DEALLOCATE ALL` does not
    /// break the next row, and the app's connection keeps no prepared statement.
    @Test func eachModeRecordsEveryRowExactlyAndLeavesNoPreparedStatement() async throws {
        try await TestDatabase.withDatabase { database in
            let folder = try Self.sqlFolder()
            defer { try? FileManager.default.removeItem(atPath: folder) }
            try "-- strata:up\nCREATE TABLE plans (id int);\nDEALLOCATE ALL;\n"
                .write(toFile: folder + "/0004_forget_plans.sql", atomically: true, encoding: .utf8)
            try "-- strata:up\nCREATE TABLE more (id int);\n"
                .write(toFile: folder + "/0005_more.sql", atomically: true, encoding: .utf8)
            let oddName = #"seed 'users' \ café"#
            let seed = Migration(version: MigrationVersion("0002")!, name: oddName, up: { session in
                try await session.execute("SET standard_conforming_strings = off")
                try await session.execute("INSERT INTO users (id, email) VALUES (1, 'ada@example.com')")
            })
            let connection = try await Self.appConnection(database)
            defer { Task { try? await connection.close() } }
            let migrator = try Migrator(
                directory: MigrationDirectory(path: folder), code: [seed], configuration: MigratorConfiguration(transactionMode: .each)
            )
            let report = try await migrator.up(on: connection)
            #expect(report.migrations.map(\.outcome) == Array(repeating: .applied, count: 5))

            let logger = Logger(label: "app")
            let rows = try await connection.query(
                "SELECT version, name, checksum, batch FROM strata_migrations ORDER BY version", logger: logger
            ).collect().map { try $0.decode((String, String, String, Int).self) }
            #expect(rows.map(\.0) == ["0001", "0002", "0003", "0004", "0005"])
            #expect(rows.map(\.1) == ["create_users", oddName, "add_display_name", "forget_plans", "more"])
            #expect(rows.map(\.2) == migrator.migrations.map(\.checksum))
            #expect(rows.allSatisfy { $0.3 == 1 })
            let left = try await connection.query("SELECT count(*)::int FROM pg_prepared_statements", logger: logger)
                .collect().first?.decode(Int.self)
            #expect(left == 0)
        }
    }

    @Test func duplicateVersionsAcrossFilesAndCodeAreProblems() throws {
        let folder = try Self.sqlFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let clash = Migration(version: MigrationVersion("1")!, name: "clash", up: { _ in })
        let migrator = try Migrator(directory: MigrationDirectory(path: folder), code: [clash])
        #expect(migrator.problems.map(\.code) == [.duplicateVersion])
    }

    @Test func theMigrationsRunOnAPooledClient() async throws {
        try await TestDatabase.withDatabase { database in
            let folder = try Self.sqlFolder()
            defer { try? FileManager.default.removeItem(atPath: folder) }
            guard case .socket(let directory, let port) = database.settings.endpoint else { throw SeedError() }
            let client = PostgresClient(configuration: .init(
                unixSocketPath: "\(directory)/.s.PGSQL.\(port)", username: database.settings.user,
                password: nil, database: database.settings.database
            ))
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { await client.run() }
                let migrator = try Migrator(directory: MigrationDirectory(path: folder), code: [Self.seedUsers])
                let report = try await migrator.up(on: client)
                #expect(report.completedCount == 3)
                #expect(try await migrator.status(on: client).entries.allSatisfy { $0.state == .applied })
                group.cancelAll()
            }
        }
    }
}

/// Collects events from a run, thread-safely.
final class EventLog: Sendable {
    private let versions = Mutex<[String]>([])

    var record: MigrationEventHandler {
        { [self] event in
            if case .migrationStarted(let version, _, _, _, _) = event { self.versions.withLock { $0.append(version.text) } }
        }
    }

    var started: [String] { versions.withLock { $0 } }
}

import Synchronization
