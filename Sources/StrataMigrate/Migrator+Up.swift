import StrataPostgres
import StrataSQL

/// Options for ``Migrator/up(on:options:events:interruption:)``.
public struct UpOptions: Sendable {
    /// Apply pending migrations up to and including this version.
    public var target: MigrationVersion?
    /// Apply at most this many pending migrations.
    public var steps: Int?
    /// Report what would run without running it (no lock, no history writes).
    public var dryRun: Bool
    /// Overrides the configured transaction mode.
    public var transactionMode: MigratorConfiguration.TransactionMode?
    /// Apply pending migrations older than the newest applied one.
    public var allowOutOfOrder: Bool
    /// Run even though applied files changed since.
    public var allowModified: Bool
    /// Run even though applied files are gone.
    public var allowMissing: Bool
    /// Overrides the configured lock wait.
    public var lockWait: Duration?
    /// Restricts the run to these versions (used by `redo`).
    public var only: Set<MigrationVersion>?
    /// Called with the versioned migrations the run will apply, in order, and the run's
    /// session, after every check and before anything runs (under the lock, outside any
    /// transaction; also for a dry run). Not called when no versioned migration is pending.
    /// Throwing stops the run with nothing applied. `strata up` lints the files here.
    public var beforeRun: (@Sendable (_ pending: [Migration], _ session: any DatabaseSession) async throws -> Void)?
    /// Where the run keeps the parse of each file it will apply, for a ``beforeRun`` that
    /// parses the same files (the linter), so that none is parsed twice. Nil: parses are
    /// dropped once the statements are cut out.
    public var parses: ScriptParseCache?

    public init(
        target: MigrationVersion? = nil, steps: Int? = nil, dryRun: Bool = false,
        transactionMode: MigratorConfiguration.TransactionMode? = nil, allowOutOfOrder: Bool = false,
        allowModified: Bool = false, allowMissing: Bool = false, lockWait: Duration? = nil,
        only: Set<MigrationVersion>? = nil, beforeRun: (@Sendable (_ pending: [Migration], _ session: any DatabaseSession) async throws -> Void)? = nil,
        parses: ScriptParseCache? = nil
    ) {
        self.target = target
        self.steps = steps
        self.dryRun = dryRun
        self.transactionMode = transactionMode
        self.allowOutOfOrder = allowOutOfOrder
        self.allowModified = allowModified
        self.allowMissing = allowMissing
        self.lockWait = lockWait
        self.only = only
        self.beforeRun = beforeRun
        self.parses = parses
    }
}

extension Migrator {
    /// Applies pending migrations in version order, as one batch, with the scripts around
    /// them (``MigrationScripts``): the `pre` scripts first, then the pending migrations,
    /// then the repeatable scripts that are new or changed (only when the run leaves no
    /// versioned migration pending, so that `--target` and `--steps` never run a script
    /// against a schema it was not written for), then the `post` scripts. Pre and post
    /// scripts run even when nothing is pending.
    ///
    /// Takes the migration lock, creates the history table if needed, and checks the
    /// history against the files (failed, modified, missing, out-of-order) and parses
    /// every migration and script it will run; one problem means nothing runs and the error
    /// lists them all (code `validation`). In `batch` mode everything shares one
    /// transaction; in `each` mode every migration and script commits on its own.
    ///
    /// - Returns: what was applied. A report without entries means there was nothing to do.
    /// - Throws: ``MigrationError``. After a failed statement its `failure` says where
    ///   (file, line, column, SQLSTATE) and what state the database is in, and its
    ///   `report` lists what was applied or rolled back.
    public func up(
        on session: any DatabaseSession, options: UpOptions = .init(),
        events: MigrationEventHandler? = nil, interruption: InterruptFlag? = nil
    ) async throws -> MigrationRunReport {
        let events = events ?? { _ in }
        let mode = options.transactionMode ?? configuration.transactionMode
        if let target = options.target, migration(target) == nil {
            throw MigrationError(.usage, "there is no migration with version \(target)", hint: "run `strata status` to list the versions")
        }
        if options.dryRun {
            return try await timed { try await planUp(on: session, options: options, mode: mode).report }
        }
        return try await timed {
            try await locked(session, mode: mode, lockWait: options.lockWait, events: events) {
                PhaseTimeline.mark("locked")
                try await history.ensure(on: session)
                let (plan, batch, report) = try await planUp(on: session, options: options, mode: mode)
                PhaseTimeline.mark("planned")
                if plan.isEmpty { return report }
                let executor = MigrationExecutor(
                    session: session, history: history, mode: mode, direction: .up, batch: batch,
                    events: events, interruption: interruption
                )
                var done = report
                done.migrations = try await executor.run(plan)
                return done
            }
        }
    }

    /// Reads the history and returns the migrations `up` would run, after every check.
    func planUp(
        on session: any DatabaseSession, options: UpOptions, mode: MigratorConfiguration.TransactionMode
    ) async throws -> (plan: [PlannedMigration], batch: Int, report: MigrationRunReport) {
        let rows = try await history.loadAll(on: session)
        PhaseTimeline.mark("history-read")
        let applied = rows.migrations
        let status = MigrationStatus(migrations: migrations, applied: applied)
        var found = problems + scripts.problems
        found += historyProblems(
            status, allowModified: options.allowModified, allowMissing: options.allowMissing,
            allowOutOfOrder: options.allowOutOfOrder
        )
        if let steps = options.steps, steps < 1 {
            throw MigrationError(.usage, "--steps must be at least 1")
        }
        let pendingStates: Set<MigrationState> = options.allowOutOfOrder ? [.pending, .outOfOrder] : [.pending]
        let pendingVersions = Set(status.entries.filter { pendingStates.contains($0.state) }.map(\.version))
        var selected = migrations.filter { pendingVersions.contains($0.version) }
        if let target = options.target { selected = selected.filter { $0.version <= target } }
        if let only = options.only { selected = selected.filter { only.contains($0.version) } }
        if let steps = options.steps { selected = Array(selected.prefix(steps)) }

        // Repeatable scripts follow the migrations once none is left pending.
        let leavesNonePending = selected.count == pendingVersions.count
        let repeatables = leavesNonePending ? pendingRepeatables(rows.repeatables) : []

        let parseStarted = PhaseTimeline.now()
        var plan: [PlannedMigration] = []
        plan.reserveCapacity(scripts.pre.count + selected.count + repeatables.count + scripts.post.count)
        // Parsed on every core: a thousand pending files take a few milliseconds each way.
        let toRun = scripts.pre + selected + repeatables + scripts.post
        let parses = options.parses
        let parsed = ScriptParseCache.concurrentMap(toRun) { $0.steps(.up, parses: parses) }
        for (migration, steps) in zip(toRun, parsed) {
            switch steps {
            case .success(let steps): plan.append(PlannedMigration(migration: migration, steps: steps))
            case .failure(let parseProblems): found += parseProblems.problems
            }
        }
        // Every script parses, not only the ones this run needs: they run at every `up`.
        for script in scripts.repeatables where !repeatables.contains(where: { $0.name == script.name }) {
            if case .failure(let parseProblems) = script.steps(.up) { found += parseProblems.problems }
        }
        PhaseTimeline.span("parse", since: parseStarted)
        if !found.isEmpty {
            throw MigrationError(
                .validation,
                found.count == 1 ? "1 problem stops the migration; nothing was run" : "\(found.count) problems stop the migration; nothing was run",
                problems: found
            )
        }
        if let beforeRun = options.beforeRun, !selected.isEmpty {
            try await beforeRun(selected, session)
        }
        let batch = rows.lastBatch + 1
        let records = !selected.isEmpty || !repeatables.isEmpty
        let report = MigrationRunReport(
            direction: .up, batch: records ? batch : nil, dryRun: options.dryRun, transactionMode: mode,
            migrations: plan.map { item in
                MigrationRunReport.Entry(
                    version: item.migration.version, name: item.migration.name, outcome: .planned, durationMs: nil,
                    statements: options.dryRun ? item.steps.sqlText : nil, file: item.migration.path,
                    isTransactional: item.steps.isTransactional, kind: item.migration.role
                )
            },
            durationMs: 0
        )
        return (plan, batch, report)
    }
}

extension Migrator {
    /// The repeatable scripts that are new, changed since they ran, or left failed.
    func pendingRepeatables(_ applied: [AppliedScript]) -> [Migration] {
        ScriptStatusEntry.entries(scripts: scripts.repeatables, applied: applied)
            .enumerated()
            .filter { $0.element.state == .pending }
            .map { scripts.repeatables[$0.offset] }
    }
}

extension MigrationSteps {
    /// The SQL of each step; Swift steps show as a comment.
    var sqlText: [String] {
        steps.map { step in
            switch step {
            case .statement(let statement): return statement.text
            case .code: return "-- (Swift code)"
            }
        }
    }
}
