import StrataPostgres

/// Runs versioned migrations against a database session.
///
/// A `Migrator` is a value: the migrations (from files, Swift code, or both, ordered
/// by version), the problems found while reading them, and a configuration. Every
/// command that changes the database holds a PostgreSQL advisory lock on the session
/// for its whole run, so concurrent runs wait for each other and each migration is
/// applied exactly once; the history row of a transactional migration is written in
/// the same transaction as the migration itself.
public struct Migrator: Sendable {
    /// All migrations, sorted by version.
    public let migrations: [Migration]
    /// Problems found while reading the migrations (malformed names, duplicates,
    /// unreadable files). Commands that run migrations refuse to start while any exist.
    public let problems: [MigrationProblem]
    public var configuration: MigratorConfiguration
    /// The pre, repeatable and post scripts every `up` runs around the migrations
    /// (and so every scratch replay, which is an `up`).
    public var scripts: MigrationScripts

    /// The history table this migrator reads and writes.
    public var history: HistoryTable { configuration.history }

    /// A migrator over migrations from any source. Duplicate versions become problems.
    public init(
        migrations: [Migration], problems: [MigrationProblem] = [], configuration: MigratorConfiguration = .init(),
        scripts: MigrationScripts = .none
    ) {
        let sorted = migrations.sortedByVersion(\.version)
        var problems = problems
        var index = 0
        while index + 1 < sorted.count {
            let current = sorted[index], next = sorted[index + 1]
            if current.version == next.version,
               !problems.contains(where: { $0.code == .duplicateVersion && $0.version == current.version }) {
                problems.append(MigrationProblem(
                    code: .duplicateVersion,
                    message: "version \(current.version) is used by both \(current.displayName) and \(next.displayName)",
                    hint: "give each migration its own version",
                    file: current.path ?? next.path, line: 1, column: 1, version: current.version
                ))
            }
            index += 1
        }
        self.migrations = sorted
        self.problems = problems
        self.configuration = configuration
        self.scripts = scripts
    }

    /// A migrator over the SQL files in `directory`, plus any migrations written in Swift.
    public init(
        directory: MigrationDirectory, code: [Migration] = [], configuration: MigratorConfiguration = .init(),
        scripts: MigrationScripts = .none
    ) throws {
        let contents = try directory.load()
        self.init(migrations: contents.migrations + code, problems: contents.problems, configuration: configuration, scripts: scripts)
    }

    /// Every migration with its state. Reads the history table without creating it and
    /// without taking the lock.
    public func status(on session: any DatabaseSession) async throws -> MigrationStatus {
        status(history: try await history.loadAll(on: session))
    }

    /// Every migration with its state, given the versioned rows (``HistoryTable/load(on:)``),
    /// so that a caller may read the history while the files are still being read.
    /// Repeatable scripts show as never applied; pass all the rows to know them.
    public func status(applied: [AppliedMigration]) -> MigrationStatus {
        status(history: HistoryRows(migrations: applied, repeatables: []))
    }

    /// Every migration and repeatable script with its state, given the history rows
    /// (``HistoryTable/loadAll(on:)``).
    public func status(history rows: HistoryRows) -> MigrationStatus {
        var status = MigrationStatus(migrations: migrations, applied: rows.migrations)
        status.repeatables = ScriptStatusEntry.entries(scripts: scripts.repeatables, applied: rows.repeatables)
        return status
    }

    /// Every problem that would stop `up`: file problems, every file's parse problems
    /// (not only pending ones), and, given a session, history problems (modified,
    /// missing, out-of-order, failed). Changes nothing.
    public func validate(on session: (any DatabaseSession)?) async throws -> [MigrationProblem] {
        var found = problems + scripts.problems
        for migration in migrations + scripts.pre + scripts.repeatables + scripts.post {
            if case .failure(let parseProblems) = migration.steps(.up) {
                found += parseProblems.problems
            }
        }
        if let session {
            let status = try await status(on: session)
            found += historyProblems(status, allowModified: false, allowMissing: false, allowOutOfOrder: false)
        }
        return found
    }

    /// The problems in the history that keep `up` from running.
    func historyProblems(
        _ status: MigrationStatus, allowModified: Bool, allowMissing: Bool, allowOutOfOrder: Bool
    ) -> [MigrationProblem] {
        var found: [MigrationProblem] = []
        for entry in status.entries {
            let where_ = entry.file ?? "\(entry.version.text)_\(entry.name)"
            switch entry.state {
            case .failed:
                found.append(MigrationProblem(
                    code: .failed,
                    message: "\(where_) failed midway outside a transaction and is recorded as failed",
                    hint: "finish or undo its statements by hand, then run `strata mark \(entry.version) --applied` (finished) or `--pending` (undone)",
                    file: entry.file, line: entry.file == nil ? nil : 1, version: entry.version
                ))
            case .modified where !allowModified:
                found.append(MigrationProblem(
                    code: .modified,
                    message: "\(where_) was applied (batch \(entry.batch ?? 0)) but the file changed since",
                    hint: "restore the file as it was applied and put the change in a new migration; or accept it with `strata mark \(entry.version) --applied` or `--allow-modified`",
                    file: entry.file, line: entry.file == nil ? nil : 1, version: entry.version
                ))
            case .missing where !allowMissing:
                found.append(MigrationProblem(
                    code: .missing,
                    message: "\(entry.version.text)_\(entry.name) was applied (batch \(entry.batch ?? 0)) but its file is gone",
                    hint: "restore the file, or remove the record with `strata mark \(entry.version) --pending` if it was undone by hand",
                    version: entry.version
                ))
            case .outOfOrder where !allowOutOfOrder:
                found.append(MigrationProblem(
                    code: .outOfOrder,
                    message: "\(where_) is pending but older than the newest applied migration",
                    hint: "give it a version newer than the last applied one (rename the file), or apply it anyway with --allow-out-of-order",
                    file: entry.file, line: entry.file == nil ? nil : 1, version: entry.version
                ))
            default:
                break
            }
        }
        return found
    }

    func migration(_ version: MigrationVersion) -> Migration? {
        migrations.first { $0.version == version }
    }
}
