import StrataPostgres

/// Which applied migrations ``Migrator/down(on:options:events:interruption:)`` reverts.
public struct DownOptions: Sendable {
    public enum Selection: Sendable, Hashable {
        /// The last batch (the default).
        case lastBatch
        /// The newest `n` applied migrations.
        case steps(Int)
        /// Every applied migration newer than this version (which stays applied).
        case to(MigrationVersion)
        /// Every applied migration (`reset`).
        case all
    }

    public var selection: Selection
    public var dryRun: Bool
    public var transactionMode: MigratorConfiguration.TransactionMode?
    /// Revert even though the files of these migrations changed since they were applied.
    public var allowModified: Bool
    public var lockWait: Duration?

    public init(
        selection: Selection = .lastBatch, dryRun: Bool = false,
        transactionMode: MigratorConfiguration.TransactionMode? = nil, allowModified: Bool = false,
        lockWait: Duration? = nil
    ) {
        self.selection = selection
        self.dryRun = dryRun
        self.transactionMode = transactionMode
        self.allowModified = allowModified
        self.lockWait = lockWait
    }
}

extension Migrator {
    /// Reverts applied migrations, newest first, running each one's down part and
    /// deleting its history row in the same transaction.
    ///
    /// Every migration to revert must still have its file (unchanged, unless
    /// `allowModified`) and a down part; otherwise nothing runs.
    public func down(
        on session: any DatabaseSession, options: DownOptions = .init(),
        events: MigrationEventHandler? = nil, interruption: InterruptFlag? = nil
    ) async throws -> MigrationRunReport {
        let events = events ?? { _ in }
        let mode = options.transactionMode ?? configuration.transactionMode
        if options.dryRun {
            return try await timed { try await planDown(on: session, options: options, mode: mode).report }
        }
        return try await timed {
            try await locked(session, mode: mode, lockWait: options.lockWait, events: events) {
                try await revert(on: session, options: options, mode: mode, events: events, interruption: interruption)
            }
        }
    }

    /// Reverts the last batch and applies the same migrations again, as two runs under
    /// one lock.
    public func redo(
        on session: any DatabaseSession, options: UpOptions = .init(),
        events: MigrationEventHandler? = nil, interruption: InterruptFlag? = nil
    ) async throws -> (down: MigrationRunReport, up: MigrationRunReport) {
        let events = events ?? { _ in }
        let mode = options.transactionMode ?? configuration.transactionMode
        return try await locked(session, mode: mode, lockWait: options.lockWait, events: events) {
            let down = try await revert(
                on: session, options: DownOptions(transactionMode: mode, allowModified: options.allowModified),
                mode: mode, events: events, interruption: interruption
            )
            var upOptions = options
            upOptions.only = Set(down.migrations.map(\.version))
            upOptions.allowOutOfOrder = true
            if upOptions.only?.isEmpty ?? true {
                return (down, MigrationRunReport(direction: .up, batch: nil, dryRun: false, transactionMode: mode, migrations: [], durationMs: 0))
            }
            let (plan, batch, report) = try await planUp(on: session, options: upOptions, mode: mode)
            var up = report
            up.migrations = try await MigrationExecutor(
                session: session, history: history, mode: mode, direction: .up, batch: batch,
                events: events, interruption: interruption
            ).run(plan)
            return (down, up)
        }
    }

    private func revert(
        on session: any DatabaseSession, options: DownOptions, mode: MigratorConfiguration.TransactionMode,
        events: @escaping MigrationEventHandler, interruption: InterruptFlag?
    ) async throws -> MigrationRunReport {
        let (plan, batch, report) = try await planDown(on: session, options: options, mode: mode)
        if plan.isEmpty { return report }
        var done = report
        done.migrations = try await MigrationExecutor(
            session: session, history: history, mode: mode, direction: .down, batch: batch ?? 0,
            events: events, interruption: interruption
        ).run(plan)
        return done
    }

    func planDown(
        on session: any DatabaseSession, options: DownOptions, mode: MigratorConfiguration.TransactionMode
    ) async throws -> (plan: [PlannedMigration], batch: Int?, report: MigrationRunReport) {
        let applied = try await history.load(on: session)
        let status = MigrationStatus(migrations: migrations, applied: applied)
        var found: [MigrationProblem] = []
        // A failed migration blocks every run until it is repaired.
        found += historyProblems(status, allowModified: true, allowMissing: true, allowOutOfOrder: true)

        let done = applied.filter { $0.state == .applied }
        var selected: [AppliedMigration]
        switch options.selection {
        case .lastBatch:
            let last = done.map(\.batch).max()
            selected = done.filter { $0.batch == last }
        case .steps(let count):
            guard count >= 1 else { throw MigrationError(.usage, "--steps must be at least 1") }
            selected = Array(done.suffix(count))
        case .to(let version):
            guard done.contains(where: { $0.version == version }) || migration(version) != nil else {
                throw MigrationError(.usage, "there is no migration with version \(version)", hint: "run `strata status` to list the versions")
            }
            selected = done.filter { $0.version > version }
        case .all:
            selected = done
        }
        selected.sort { $0.version > $1.version }

        var plan: [PlannedMigration] = []
        for row in selected {
            guard let migration = migration(row.version) else {
                found.append(MigrationProblem(
                    code: .missing,
                    message: "\(row.version.text)_\(row.name) cannot be rolled back: its file is gone",
                    hint: "restore the file, or undo it by hand and run `strata mark \(row.version) --pending`",
                    version: row.version
                ))
                continue
            }
            if migration.checksum != row.checksum && !options.allowModified {
                found.append(MigrationProblem(
                    code: .modified,
                    message: "\(migration.displayName) changed since it was applied, so its down part may not match what ran",
                    hint: "restore the file as applied, or pass --allow-modified to run the current down part",
                    file: migration.path, line: migration.path == nil ? nil : 1, version: migration.version
                ))
            }
            switch migration.steps(.down) {
            case .success(let steps): plan.append(PlannedMigration(migration: migration, steps: steps, recordedVersion: row.version))
            case .failure(let problems): found += problems.problems
            }
        }
        if !found.isEmpty {
            throw MigrationError(
                .validation,
                found.count == 1 ? "1 problem stops the rollback; nothing was run" : "\(found.count) problems stop the rollback; nothing was run",
                problems: found
            )
        }
        let batch = selected.map(\.batch).max()
        let report = MigrationRunReport(
            direction: .down, batch: batch, dryRun: options.dryRun, transactionMode: mode,
            migrations: plan.map { item in
                MigrationRunReport.Entry(
                    version: item.migration.version, name: item.migration.name, outcome: .planned, durationMs: nil,
                    statements: options.dryRun ? item.steps.sqlText : nil, file: item.migration.path,
                    isTransactional: item.steps.isTransactional
                )
            },
            durationMs: 0
        )
        return (plan, batch, report)
    }
}
