import StrataPostgres
import StrataSQL

/// The history table `<schema>.strata_migrations` (DESIGN §4) and the SQL that reads
/// and writes it. Every statement binds its values; names are quoted by StrataSQL.
public struct HistoryTable: Sendable {
    public static let tableName = "strata_migrations"

    public let schema: String
    /// `"schema".strata_migrations`, quoted.
    public let qualifiedName: String

    public init(schema: String) {
        self.schema = schema
        self.qualifiedName = SQLIdentifier.qualified(schema, Self.tableName)
    }

    /// Creates the schema (unless `public`) and the table when missing.
    func ensure(on session: any DatabaseSession) async throws {
        if schema != "public" {
            try await session.execute("CREATE SCHEMA IF NOT EXISTS \(SQLIdentifier.quoteIfNeeded(schema))")
        }
        try await session.execute("""
            CREATE TABLE IF NOT EXISTS \(qualifiedName) (
                version text PRIMARY KEY,
                name text NOT NULL,
                checksum text NOT NULL,
                batch integer NOT NULL,
                applied_at timestamptz NOT NULL DEFAULT clock_timestamp(),
                execution_ms integer NOT NULL DEFAULT 0,
                applied_by text NOT NULL DEFAULT current_user,
                state text NOT NULL DEFAULT 'applied' CHECK (state IN ('applied', 'failed'))
            )
            """)
    }

    /// The key of a repeatable script's row: `repeatable:` and the script's name (its
    /// path in the repeatable folder). Versions are digits, so the keys never meet.
    public static func repeatableKey(_ name: String) -> String { repeatableKeyPrefix + name }

    static let repeatableKeyPrefix = "repeatable:"

    /// Every versioned migration's row, sorted by version; empty when the table (or its
    /// schema) does not exist. Reads without creating anything and without the lock.
    public func load(on session: any DatabaseSession) async throws -> [AppliedMigration] {
        try await loadAll(on: session).migrations
    }

    /// Every row: the versioned migrations' sorted by version and the repeatable scripts'
    /// sorted by name; empty when the table (or its schema) does not exist. Reads without
    /// creating anything and without the lock.
    ///
    /// The rows come as one row of arrays, a column each (``DatabaseSession/queryColumns(_:)``):
    /// for a history of 1,000 migrations, decoding 8,000 cells one by one took a sixth of a
    /// `strata status` run.
    public func loadAll(on session: any DatabaseSession) async throws -> HistoryRows {
        let columns: [[String?]]
        do {
            columns = try await session.queryColumns("""
                SELECT array_agg(version), array_agg(name), array_agg(checksum), array_agg(batch),
                       array_agg(applied_at), array_agg(execution_ms), array_agg(applied_by), array_agg(state)
                FROM \(qualifiedName)
                """)
        } catch let error as DatabaseError where ["42P01", "3F000"].contains(error.server?.sqlState ?? "") {
            return HistoryRows(migrations: [], repeatables: [])
        }
        guard columns.count == 8, let count = columns.first?.count, columns.allSatisfy({ $0.count == count }) else {
            throw MigrationError(
                .validation, "reading the history table \(qualifiedName) gave \(columns.count) columns of different lengths",
                hint: "report this as a bug; nothing was changed"
            )
        }
        var applied: [AppliedMigration] = []
        var repeatables: [AppliedScript] = []
        applied.reserveCapacity(count)
        for index in 0..<count {
            let versionText = columns[0][index]
            guard let versionText, let batch = columns[3][index].flatMap({ Int($0) }) else {
                throw unreadableRow(versionText)
            }
            let appliedAt = columns[4][index].map(Self.milliseconds) ?? ""
            let executionMs = columns[5][index].flatMap { Int($0) } ?? 0
            let state = AppliedMigration.State(rawValue: columns[7][index] ?? "") ?? .failed
            if versionText.hasPrefix(Self.repeatableKeyPrefix) {
                repeatables.append(AppliedScript(
                    name: String(versionText.dropFirst(Self.repeatableKeyPrefix.count)), checksum: columns[2][index] ?? "",
                    batch: batch, appliedAt: appliedAt, executionMs: executionMs, appliedBy: columns[6][index] ?? "", state: state
                ))
                continue
            }
            guard let version = MigrationVersion(versionText) else { throw unreadableRow(versionText) }
            applied.append(AppliedMigration(
                version: version, name: columns[1][index] ?? "", checksum: columns[2][index] ?? "", batch: batch,
                appliedAt: appliedAt, executionMs: executionMs, appliedBy: columns[6][index] ?? "", state: state
            ))
        }
        applied.sort { $0.version < $1.version }
        repeatables.sort { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }
        return HistoryRows(migrations: applied, repeatables: repeatables)
    }

    private func unreadableRow(_ versionText: String?) -> MigrationError {
        MigrationError(
            .validation, "the history table \(qualifiedName) holds a row Strata cannot read (version \(versionText ?? "NULL"))",
            hint: "fix or delete the row by hand; versions must be digits (or `repeatable:` and a script's path) and batch a number"
        )
    }

    /// `2024-01-02T03:04:05.123456Z` (the session's text for a timestamptz) as the
    /// history's `2024-01-02T03:04:05.123Z`: milliseconds, truncated.
    static func milliseconds(_ timestamp: String) -> String {
        guard timestamp.utf8.count == 27, timestamp.hasSuffix("Z") else { return timestamp }
        return String(decoding: timestamp.utf8.prefix(23), as: UTF8.self) + "Z"
    }

    func insert(
        _ migration: Migration, batch: Int, executionMs: Int, state: AppliedMigration.State,
        on session: any DatabaseSession
    ) async throws {
        _ = try await session.query(
            """
            INSERT INTO \(qualifiedName) (version, name, checksum, batch, execution_ms, state)
            VALUES ($1, $2, $3, $4::integer, $5::integer, $6)
            ON CONFLICT (version) DO UPDATE SET name = EXCLUDED.name, checksum = EXCLUDED.checksum,
                batch = EXCLUDED.batch, execution_ms = EXCLUDED.execution_ms, state = EXCLUDED.state,
                applied_at = clock_timestamp(), applied_by = current_user
            """,
            [migration.historyKey, migration.name, migration.checksum, String(batch), String(executionMs), state.rawValue]
        )
    }

    /// `PREPARE`s `name` as the INSERT of one applied migration's row; ``executeRecord(named:_:batch:executionMs:)``
    /// runs it. A prepared statement belongs to the session and outlives a rollback.
    func prepareRecord(named name: String) -> String {
        """
        PREPARE \(name) (text, text, text, integer, integer) AS
        INSERT INTO \(qualifiedName) (version, name, checksum, batch, execution_ms) VALUES ($1, $2, $3, $4, $5)
        """
    }

    /// `EXECUTE`s the prepared record statement `name` for `migration`, the values written
    /// into the statement as escape strings (``SQLLiteral/escapeString(_:)``).
    func executeRecord(named name: String, _ migration: Migration, batch: Int, executionMs: Int) -> String {
        "EXECUTE \(name)(\(SQLLiteral.escapeString(migration.historyKey)), \(SQLLiteral.escapeString(migration.name)), "
            + "\(SQLLiteral.escapeString(migration.checksum)), \(batch), \(executionMs))"
    }

    /// Records several applied migrations with one statement per 1,000 rows (one round
    /// trip instead of one per migration, inside the migrations' own transaction).
    func insert(
        _ rows: [(migration: Migration, executionMs: Int)], batch: Int, upsert: Bool = true, on session: any DatabaseSession
    ) async throws {
        for statement in insertStatements(rows, batch: batch, upsert: upsert) {
            _ = try await session.query(statement.sql, statement.parameters)
        }
    }

    /// The statements that record several applied migrations: one per 1,000 rows.
    ///
    /// - Parameter upsert: whether a row may exist already and is replaced. Without it the
    ///   statement is a plain INSERT, which the server plans in about half the time (in
    ///   `each` mode, right after a migration's DDL, planning the upsert cost more than
    ///   running it); `up` knows that a pending migration has no row, under the lock, and a
    ///   row that appeared anyway fails the insert and rolls the migration back.
    func insertStatements(_ rows: [(migration: Migration, executionMs: Int)], batch: Int, upsert: Bool) -> [QueuedStatement] {
        var statements: [QueuedStatement] = []
        var start = 0
        while start < rows.count {
            let chunk = rows[start..<min(start + 1000, rows.count)]
            var values: [String] = []
            var parameters: [String?] = []
            values.reserveCapacity(chunk.count)
            parameters.reserveCapacity(chunk.count * 4 + 1)
            parameters.append(String(batch))
            for row in chunk {
                let base = parameters.count
                values.append("($\(base + 1), $\(base + 2), $\(base + 3), $1::integer, $\(base + 4)::integer)")
                parameters += [row.migration.historyKey, row.migration.name, row.migration.checksum, String(row.executionMs)]
            }
            let conflict = upsert ? """

                ON CONFLICT (version) DO UPDATE SET name = EXCLUDED.name, checksum = EXCLUDED.checksum,
                    batch = EXCLUDED.batch, execution_ms = EXCLUDED.execution_ms, state = 'applied',
                    applied_at = clock_timestamp(), applied_by = current_user
                """ : ""
            statements.append(QueuedStatement(
                """
                INSERT INTO \(qualifiedName) (version, name, checksum, batch, execution_ms)
                VALUES \(values.joined(separator: ", "))
                """ + conflict,
                parameters
            ))
            start += chunk.count
        }
        return statements
    }

    /// Deletes several history rows with one statement.
    func delete(_ versions: [MigrationVersion], on session: any DatabaseSession) async throws {
        guard let statement = deleteStatement(versions) else { return }
        _ = try await session.query(statement.sql, statement.parameters)
    }

    /// The statement that deletes several history rows; nil for none.
    func deleteStatement(_ versions: [MigrationVersion]) -> QueuedStatement? {
        guard !versions.isEmpty else { return nil }
        let placeholders = (1...versions.count).map { "$\($0)" }.joined(separator: ", ")
        return QueuedStatement("DELETE FROM \(qualifiedName) WHERE version IN (\(placeholders))", versions.map(\.text))
    }

    func delete(_ version: MigrationVersion, on session: any DatabaseSession) async throws {
        _ = try await session.query(
            "DELETE FROM \(qualifiedName) WHERE version = $1", [version.text]
        )
    }

    func setState(_ version: MigrationVersion, _ state: AppliedMigration.State, on session: any DatabaseSession) async throws {
        _ = try await session.query(
            "UPDATE \(qualifiedName) SET state = $2 WHERE version = $1", [version.text, state.rawValue]
        )
    }

    /// The advisory-lock key for this history table: a stable 64-bit FNV-1a hash of its
    /// qualified name, so every Strata process agrees on it (Swift's `Hasher` is seeded).
    var lockKey: Int64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in "strata:\(schema).\(Self.tableName)".utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return Int64(bitPattern: hash)
    }
}
