import StrataMigrate

/// How a source tool records what it applied, and which adopted migrations that makes
/// applied.
///
/// Pure: ``selectStatement(table:)`` is the query to run (every value as text) and
/// ``applied(rows:migrations:)`` reads its rows. A failed or dirty record stops the
/// adoption with an ``AdoptError``: it is never recorded as applied.
///
/// | tool | table | applied |
/// | --- | --- | --- |
/// | goose | `goose_db_version` | the newest row (by `id`) of each `version_id` has `is_applied`; `version_id` 0 is goose's own |
/// | dbmate | `schema_migrations` | every `version` |
/// | golang-migrate | `schema_migrations` | every migration up to the one `version`; `dirty` stops |
/// | sqlx | `_sqlx_migrations` | every `version`; `success = false` stops |
/// | Flyway | `flyway_schema_history` | rows in `installed_rank` order: migrations add, undo and `DELETE` rows remove, a baseline adds every version up to it; `success = false` stops |
/// | Diesel | `__diesel_schema_migrations` | every `version` |
/// | popx | `schema_migration` | every `version`, also as its first 14 digits (pop's older versions) |
public struct ToolHistory: Sendable {
    public var format: AdoptFormat
    /// The history table as messages name it: the tool's own (``AdoptFormat/historyTable``)
    /// unless `--history-table` gave another.
    public var table: String

    public init(format: AdoptFormat, table: String? = nil) {
        self.format = format
        self.table = table ?? format.historyTable
    }

    /// The columns the query reads; a table without them is not the tool's history.
    public var columns: [String] {
        switch format {
        case .goose: ["id", "version_id", "is_applied"]
        case .dbmate, .diesel, .popx: ["version"]
        case .golangMigrate: ["version", "dirty"]
        case .sqlx: ["version", "success"]
        case .flyway: ["installed_rank", "version", "type", "success"]
        }
    }

    /// The query that reads the history from `table` (already quoted and qualified).
    public func selectStatement(table: String) -> String {
        switch format {
        case .goose: "SELECT id::text, version_id::text, is_applied::text FROM \(table) ORDER BY id"
        case .dbmate, .diesel, .popx: "SELECT version::text FROM \(table) ORDER BY version"
        case .golangMigrate: "SELECT version::text, dirty::text FROM \(table)"
        case .sqlx: "SELECT version::text, success::text FROM \(table) ORDER BY version"
        case .flyway: "SELECT installed_rank::text, version::text, type::text, success::text FROM \(table) ORDER BY installed_rank"
        }
    }

    /// What the history says of the adopted migrations.
    public struct Match: Sendable, Hashable {
        /// The Strata versions of the migrations the tool applied, sorted.
        public var applied: [MigrationVersion]
        /// Versions the tool records as applied that no adopted migration has (Go or Java
        /// migrations, files deleted since), as the tool writes them.
        public var withoutFile: [String]
        /// How many rows the table holds.
        public var rows: Int
    }

    /// Reads the rows of ``selectStatement(table:)``.
    ///
    /// - Throws: ``AdoptError`` with code `dirtyHistory` for a failed or dirty record, or
    ///   `historyUnreadable` for a row the tool would not write.
    public func applied(rows: [[String?]], migrations: [AdoptedMigration]) throws -> Match {
        let byKey = Dictionary(migrations.map { ($0.historyKey, $0) }, uniquingKeysWith: { first, _ in first })
        var keys: [String] = []
        switch format {
        case .goose: keys = try gooseApplied(rows)
        case .dbmate, .diesel: keys = rows.compactMap { $0.first ?? nil }
        case .popx: keys = popxApplied(rows, migrations: migrations)
        case .sqlx: keys = try sqlxApplied(rows)
        case .golangMigrate: keys = try golangMigrateApplied(rows, migrations: migrations)
        case .flyway: keys = try flywayApplied(rows, migrations: migrations)
        }
        var applied: [MigrationVersion] = []
        var withoutFile: [String] = []
        var seen = Set<String>()
        for key in keys where seen.insert(key).inserted {
            if let migration = byKey[key] { applied.append(migration.version) } else { withoutFile.append(key) }
        }
        return Match(applied: applied.sorted(), withoutFile: withoutFile, rows: rows.count)
    }

    // MARK: - Per tool

    private func gooseApplied(_ rows: [[String?]]) throws -> [String] {
        var latest: [String: Bool] = [:]
        var order: [String] = []
        for row in rows {
            guard row.count >= 3, let version = row[1], VersionText.isDigits(version) else {
                throw unreadable(row)
            }
            let key = VersionText.number(version)
            if latest[key] == nil { order.append(key) }
            latest[key] = row[2] == "true"
        }
        return order.filter { $0 != "0" && latest[$0] == true }
    }

    private func sqlxApplied(_ rows: [[String?]]) throws -> [String] {
        try rows.map { row in
            guard row.count >= 2, let version = row[0] else { throw unreadable(row) }
            guard row[1] == "true" else {
                throw AdoptError(
                    .dirtyHistory, "\(table) records version \(version) as failed (success = false): sqlx stopped midway there",
                    hint: "finish or undo that migration by hand, then delete its row (or set success = true), and adopt again"
                )
            }
            return VersionText.number(version)
        }
    }

    private func golangMigrateApplied(_ rows: [[String?]], migrations: [AdoptedMigration]) throws -> [String] {
        guard !rows.isEmpty else { return [] }
        guard rows.count == 1, let version = rows[0].first ?? nil else {
            throw AdoptError(
                .historyUnreadable, "\(table) holds \(rows.count) rows, but golang-migrate keeps exactly one (the current version)",
                hint: "check that this is golang-migrate's table (dbmate uses the same name: adopt with dbmate then)"
            )
        }
        if rows[0].count > 1, rows[0][1] == "true" {
            throw AdoptError(
                .dirtyHistory, "golang-migrate left version \(version) dirty: it failed midway and may be half applied",
                hint: "finish or undo it by hand, then run `migrate force <version>` with the version that is really applied, and adopt again"
            )
        }
        guard let current = MigrationVersion(VersionText.number(version)) else { throw unreadable(rows[0]) }
        var keys = migrations.filter { $0.version <= current }.map(\.historyKey)
        if !keys.contains(VersionText.number(version)) { keys.append(VersionText.number(version)) }
        return keys
    }

    private func popxApplied(_ rows: [[String?]], migrations: [AdoptedMigration]) -> [String] {
        let recorded = Set(rows.compactMap { $0.first ?? nil })
        var matched = Set<String>()
        var keys: [String] = []
        for migration in migrations {
            let key = migration.historyKey
            if recorded.contains(key) {
                keys.append(key)
                matched.insert(key)
            } else if key.count > 14, recorded.contains(String(key.prefix(14))) {
                keys.append(key)
                matched.insert(String(key.prefix(14)))
            }
        }
        return keys + recorded.subtracting(matched).sorted()
    }

    private func flywayApplied(_ rows: [[String?]], migrations: [AdoptedMigration]) throws -> [String] {
        var applied: [String] = []
        func add(_ key: String) { if !applied.contains(key) { applied.append(key) } }
        for row in rows {
            guard row.count >= 4, let type = row[2] else { throw unreadable(row) }
            guard let versionText = row[1] else { continue }  // repeatable migrations have no version
            guard let version = FlywayVersion(versionText) else { throw unreadable(row) }
            if type == "SCHEMA" { continue }
            guard row[3] == "true" else {
                throw AdoptError(
                    .dirtyHistory, "\(table) records version \(versionText) (\(type)) as failed",
                    hint: "fix the database by hand and run `flyway repair`, then adopt again"
                )
            }
            if type.contains("BASELINE") {
                for migration in migrations {
                    if let other = FlywayVersion(migration.historyKey), other <= version { add(other.canonical) }
                }
            } else if type.hasPrefix("UNDO") || type == "DELETE" {
                applied.removeAll { $0 == version.canonical }
            } else {
                add(version.canonical)
            }
        }
        return applied
    }

    private func unreadable(_ row: [String?]) -> AdoptError {
        AdoptError(
            .historyUnreadable,
            "\(table) holds a row \(format.displayName) would not write: (\(row.map { $0 ?? "NULL" }.joined(separator: ", ")))",
            hint: "check that this is \(format.displayName)'s history table, or fix the row by hand"
        )
    }
}
