import StrataPostgres
import StrataSQL

/// One migration ready to run in one direction.
struct PlannedMigration: Sendable {
    var migration: Migration
    var steps: MigrationSteps
    /// The version as recorded in the history (for `down`), which may be spelled
    /// differently from the file's (`1` and `0001`).
    var recordedVersion: MigrationVersion?
}

/// Runs planned migrations on one session, owning transaction boundaries, history
/// writes and the account of what a failure left behind.
struct MigrationExecutor {
    let session: any DatabaseSession
    let history: HistoryTable
    let mode: MigratorConfiguration.TransactionMode
    let direction: MigrationDirection
    let batch: Int
    let events: MigrationEventHandler
    let interruption: InterruptFlag?

    private struct Progress {
        var entries: [MigrationRunReport.Entry] = []
        /// Indexes into `entries` that ran in the open transaction.
        var uncommitted: [Int] = []
        /// History writes for the open transaction, flushed in one statement before COMMIT.
        var unrecorded: [(item: PlannedMigration, executionMs: Int)] = []
        var inTransaction = false
        /// Whether each commit records its migration through a prepared statement
        /// (``HistoryTable/prepareRecord(named:)``).
        var recordsPrepared = false
        /// The prepared record statement's name; nil before the first and after a
        /// migration that may have deallocated it.
        var recordStatement: String?
        /// How many record statements this run has prepared, for their names.
        var recordStatementCount = 0
        /// Names this run's record statements: `strata_record_<token>_<n>`.
        let runToken = String(UInt32.random(in: 0...UInt32.max), radix: 16)
        /// The statements of the migration at `index`, sent while the one before it ran
        /// (``lookAheadStatements(after:plan:)``), and when the engine saw that one finish:
        /// the server may have started them since, so the migration is timed from then.
        var lookahead: (index: Int, run: QueuedRun, since: ContinuousClock.Instant?)?
    }

    func run(_ plan: [PlannedMigration]) async throws -> [MigrationRunReport.Entry] {
        var progress = Progress()
        // In `each` mode every commit writes one row. Prepared once, the row's INSERT is
        // neither parsed nor planned again: about half its server time, measured after a
        // migration's DDL. Preparing costs about one insert, so it pays from three on.
        progress.recordsPrepared = mode == .each && direction == .up
            && plan.count { $0.steps.isTransactional && $0.migration.role == .versioned } >= 3
        do {
            try await run(plan, progress: &progress)
        } catch {
            await releaseRecordStatements(progress)
            throw error
        }
        await releaseRecordStatements(progress)
        return progress.entries
    }

    private func run(_ plan: [PlannedMigration], progress: inout Progress) async throws {
        let clock = ContinuousClock()
        let versionedCount = plan.count { $0.migration.role == .versioned }
        var versionedIndex = 0
        for (index, item) in plan.enumerated() {
            let migration = item.migration
            if isInterrupted {
                throw await stop(plan: plan, at: index, progress: &progress, failedStep: nil, error: nil)
            }
            if item.steps.isTransactional {
                if !progress.inTransaction {
                    try await begin(plan: plan, at: index, progress: &progress)
                }
            } else if progress.inTransaction {
                try await commit(plan: plan, at: index, progress: &progress)
            }
            if migration.role == .versioned {
                versionedIndex += 1
                events(.migrationStarted(version: migration.version, name: migration.name, direction: direction, index: versionedIndex, count: versionedCount))
            } else {
                events(.scriptStarted(kind: migration.role, name: migration.name, file: migration.path))
            }
            // A migration sent ahead (always this one) is timed from when the one before it finished.
            let started = progress.lookahead?.since ?? clock.now
            if progress.inTransaction, let statements = queuedStatements(item) {
                try await runQueued(statements, of: item, at: index, plan: plan, progress: &progress)
            } else {
                try await runSteps(of: item, at: index, plan: plan, progress: &progress)
            }
            if item.steps.mayDeallocatePreparedStatements {
                // DEALLOCATE ALL or DISCARD may have taken the record statement; the next
                // commit prepares another under a new name.
                progress.recordStatement = nil
            }
            if item.steps.restoresStandardConformingStrings {
                // The file turned standard_conforming_strings off; the next file is lexed with it on.
                do {
                    try await session.execute("SET standard_conforming_strings = on")
                } catch {
                    throw await stop(plan: plan, at: index, progress: &progress, failedStep: item.steps.steps.count - 1, error: error)
                }
            }
            let elapsed = Int((clock.now - started).wholeMilliseconds)
            if !migration.isRecorded {
                // Pre and post scripts run every time and leave no row.
            } else if progress.inTransaction {
                progress.unrecorded.append((item, elapsed))
            } else {
                do {
                    try await record(item, executionMs: elapsed)
                } catch {
                    throw await stop(plan: plan, at: index, progress: &progress, failedStep: nil, error: error, duringHistoryWrite: true)
                }
            }
            progress.entries.append(.init(
                version: migration.version, name: migration.name,
                outcome: direction == .up ? .applied : .reverted, durationMs: elapsed, file: migration.path, kind: migration.role
            ))
            if migration.role == .versioned {
                events(.migrationFinished(version: migration.version, name: migration.name, direction: direction, durationMs: elapsed))
            } else {
                events(.scriptFinished(kind: migration.role, name: migration.name, file: migration.path, durationMs: elapsed))
            }
            if progress.inTransaction {
                progress.uncommitted.append(progress.entries.count - 1)
                if mode == .each {
                    // The next migration's transaction starts with this one's COMMIT (one
                    // round trip instead of COMMIT and BEGIN), unless this migration may
                    // have changed what a chained transaction would inherit.
                    let next = index + 1 < plan.count ? plan[index + 1] : nil
                    let chain = next?.steps.isTransactional == true && !item.steps.mayChangeTransactionCharacteristics
                    try await commit(plan: plan, at: index + 1, progress: &progress, chain: chain)
                }
            } else if migration.role == .versioned {
                events(.committed(versions: [migration.version]))
            }
        }
        if progress.inTransaction {
            try await commit(plan: plan, at: plan.count, progress: &progress)
        }
    }

    /// Runs a migration's steps one at a time.
    private func runSteps(of item: PlannedMigration, at index: Int, plan: [PlannedMigration], progress: inout Progress) async throws {
        for (stepIndex, step) in item.steps.steps.enumerated() {
            if isInterrupted {
                throw await stop(plan: plan, at: index, progress: &progress, failedStep: stepIndex, error: nil)
            }
            do {
                switch step {
                case .statement(let statement):
                    statementStarted(statement, of: item.migration)
                    try await session.execute(statement.text)
                case .code(let body):
                    try await body(session)
                }
            } catch {
                throw await stop(plan: plan, at: index, progress: &progress, failedStep: stepIndex, error: error)
            }
        }
    }

    /// The statements of a migration that runs queued in an open transaction
    /// (``runQueued(_:of:at:plan:progress:)``): plain statements, more than one, or in
    /// `batch` mode any number, so that the next migration can be sent ahead.
    private func queuedStatements(_ item: PlannedMigration) -> [SQLStatement]? {
        guard let statements = item.steps.plainStatements, !statements.isEmpty,
              statements.count > 1 || mode == .batch else { return nil }
        return statements
    }

    /// The statements of the migration after `index`, to send while the one at `index`
    /// runs: only in `batch` mode, where both share the open transaction, so that a
    /// failure ahead of them makes the server refuse them (25P02) and the rollback that
    /// follows undoes everything. Nil when the next migration does not run queued in the
    /// same transaction, or when `index` turns `standard_conforming_strings` back on
    /// after it (the next file must not run before that).
    private func lookAheadStatements(after index: Int, plan: [PlannedMigration]) -> [SQLStatement]? {
        guard mode == .batch, index + 1 < plan.count, !plan[index].steps.restoresStandardConformingStrings else { return nil }
        let next = plan[index + 1]
        guard next.steps.isTransactional else { return nil }
        return queuedStatements(next)
    }

    /// Runs a migration's statements queued on the connection together
    /// (``DatabaseSession/sendQueued(_:)``), which only an open transaction allows: there
    /// a failure stops every statement behind it. In `batch` mode the next migration's
    /// statements are sent before this one's are waited for, so that the server never
    /// waits for the engine between two migrations. At most one migration is sent ahead,
    /// so an interrupt that the server misses between two statements lets at most one
    /// more migration run before the rollback.
    private func runQueued(
        _ statements: [SQLStatement], of item: PlannedMigration, at index: Int, plan: [PlannedMigration], progress: inout Progress
    ) async throws {
        if isInterrupted {
            throw await stop(plan: plan, at: index, progress: &progress, failedStep: 0, error: nil)
        }
        // A migration sent ahead runs queued next (the same tests decide both).
        assert(progress.lookahead.map { $0.index == index } ?? true, "sent ahead, then skipped")
        let run = progress.lookahead?.run ?? session.sendQueued(statements.map { QueuedStatement($0.text) })
        progress.lookahead = lookAheadStatements(after: index, plan: plan).map { next in
            (index + 1, session.sendQueued(next.map { QueuedStatement($0.text) }), nil)
        }
        do {
            try await run.wait { stepIndex in
                statementStarted(statements[stepIndex], of: item.migration)
            }
            progress.lookahead?.since = .now
        } catch {
            let failure = error as? QueuedStatementFailure
            throw await stop(plan: plan, at: index, progress: &progress, failedStep: failure?.index ?? 0, error: failure?.error ?? error)
        }
        if isInterrupted {
            // Raised while the statements ran: the migration is rolled back, as if it had
            // stopped before its last statement.
            throw await stop(plan: plan, at: index, progress: &progress, failedStep: statements.count - 1, error: nil)
        }
    }

    private func statementStarted(_ statement: SQLStatement, of migration: Migration) {
        events(.statementStarted(source: migration.label, line: statement.span.start.line, text: statement.text))
    }

    private var isInterrupted: Bool {
        (interruption?.isRaised ?? false) || Task.isCancelled
    }

    private func record(_ item: PlannedMigration, executionMs: Int) async throws {
        switch direction {
        case .up:
            try await history.insert(item.migration, batch: batch, executionMs: executionMs, state: .applied, on: session)
        case .down:
            try await history.delete(item.recordedVersion ?? item.migration.version, on: session)
        }
    }

    /// The statements that write the open transaction's history rows.
    private func historyStatements(_ progress: Progress) -> [QueuedStatement] {
        guard !progress.unrecorded.isEmpty else { return [] }
        switch direction {
        case .up:
            // A pending migration has no row (the plan read the history under the lock); a
            // changed repeatable script replaces its row.
            let upsert = progress.unrecorded.contains { $0.item.migration.role != .versioned }
            return history.insertStatements(progress.unrecorded.map { ($0.item.migration, $0.executionMs) }, batch: batch, upsert: upsert)
        case .down:
            return history.deleteStatement(progress.unrecorded.map { $0.item.recordedVersion ?? $0.item.migration.version }).map { [$0] } ?? []
        }
    }

    /// The statements that write the open transaction's one history row through the
    /// run's prepared statement, preparing it first when needed; nil when the run does
    /// not prepare or the transaction holds anything but one versioned migration.
    private func recordStatements(_ progress: inout Progress) -> [QueuedStatement]? {
        guard progress.recordsPrepared, progress.unrecorded.count == 1 else { return nil }
        let row = progress.unrecorded[0]
        guard row.item.migration.role == .versioned else { return nil }
        var statements: [QueuedStatement] = []
        let name: String
        if let prepared = progress.recordStatement {
            name = prepared
        } else {
            progress.recordStatementCount += 1
            name = "strata_record_\(progress.runToken)_\(progress.recordStatementCount)"
            statements.append(QueuedStatement(history.prepareRecord(named: name)))
            // Prepared statements outlive a rollback, so the name holds from here on.
            progress.recordStatement = name
        }
        statements.append(QueuedStatement(history.executeRecord(named: name, row.item.migration, batch: batch, executionMs: row.executionMs)))
        return statements
    }

    /// Deallocates the record statements this run prepared, so that a connection the
    /// application lent keeps none of them. Best effort: the run's outcome is decided,
    /// and a statement that cannot be deallocated ends with the session.
    private func releaseRecordStatements(_ progress: Progress) async {
        guard progress.recordStatementCount > 0 else { return }
        if progress.recordStatementCount == 1, let name = progress.recordStatement {
            _ = try? await session.execute("DEALLOCATE \(name)")
            return
        }
        // A migration may have deallocated some already: ask which remain.
        let remaining = (try? await session.query(
            "SELECT name FROM pg_prepared_statements WHERE name LIKE $1", ["strata\\_record\\_\(progress.runToken)\\_%"]
        )) ?? []
        for row in remaining {
            if let name = row[0] { _ = try? await session.execute("DEALLOCATE \(SQLIdentifier.quoteIfNeeded(name))") }
        }
    }

    private func begin(plan: [PlannedMigration], at index: Int, progress: inout Progress) async throws {
        do {
            try await session.execute("BEGIN")
            progress.inTransaction = true
        } catch {
            throw await stop(plan: plan, at: index, progress: &progress, failedStep: nil, error: error)
        }
    }

    /// Writes the open transaction's history rows and commits it, the rows and the
    /// `COMMIT` queued together. `index` is the first migration that has not run. With
    /// `chain`, `COMMIT AND CHAIN` starts the next transaction at once.
    private func commit(plan: [PlannedMigration], at index: Int, progress: inout Progress, chain: Bool = false) async throws {
        let statement = chain ? "COMMIT AND CHAIN" : "COMMIT"
        var statements = recordStatements(&progress) ?? historyStatements(progress)
        statements.append(QueuedStatement(statement))
        do {
            try await session.executeQueued(statements) { _ in }
        } catch {
            let failure = error as? QueuedStatementFailure
            let cause = failure?.error ?? error
            guard let failure, failure.index < statements.count - 1 else {
                throw await commitFailed(plan: plan, nextIndex: index, progress: &progress, error: cause, statement: statement)
            }
            // A history row failed; the COMMIT behind it found the transaction aborted and
            // rolled it back (a chained one opened anew, which this ends).
            if (cause as? DatabaseError)?.code != .connectionLost {
                _ = try? await session.execute("ROLLBACK")
            }
            throw await commitFailed(plan: plan, nextIndex: index, progress: &progress, error: cause, statement: "(writing the history rows)")
        }
        progress.unrecorded = []
        progress.inTransaction = chain
        let versions = progress.uncommitted.map { progress.entries[$0] }.filter { $0.kind == .versioned }.map(\.version)
        progress.uncommitted = []
        if !versions.isEmpty { events(.committed(versions: versions)) }
    }

    // MARK: - Failures

    /// Ends a run that failed or was interrupted at migration `index`, step `failedStep`:
    /// rolls back what it can, records a broken no-transaction migration as failed, and
    /// builds the error that says what state the database is in.
    private func stop(
        plan: [PlannedMigration], at index: Int, progress: inout Progress, failedStep: Int?,
        error: (any Error)?, duringHistoryWrite: Bool = false
    ) async -> MigrationError {
        let item = plan[index]
        let migration = item.migration
        let databaseError = error as? DatabaseError
        let connectionLost = databaseError?.code == .connectionLost
        let interrupted = error == nil || databaseError?.code == .cancelled || error is CancellationError
        let startedThisOne = failedStep != nil || duringHistoryWrite

        var rollbackFailed = false
        if progress.inTransaction && !connectionLost {
            do { try await session.execute("ROLLBACK") } catch { rollbackFailed = true }
        }
        let rolledBack = progress.uncommitted
        for entryIndex in rolledBack { progress.entries[entryIndex].outcome = .rolledBack }
        progress.unrecorded = []

        // A no-transaction migration that stopped after changing something stays marked.
        var recordedFailed = false
        var partialNote = ""
        if !item.steps.isTransactional, startedThisOne, !connectionLost, migration.role != .versioned {
            let ranSteps = failedStep ?? item.steps.steps.count
            partialNote = "\(migration.displayName) runs outside a transaction: \(ranSteps) of \(item.steps.steps.count) statements took effect"
                + (migration.role == .repeatable ? "; it is not recorded, so the next `up` runs it again." : "; it runs again at the next `up`.")
        } else if !item.steps.isTransactional, startedThisOne, !connectionLost {
            let ranSteps = failedStep ?? item.steps.steps.count
            let failedStatementWasAtomic: Bool = {
                guard let failedStep, case .statement(let statement) = item.steps.steps[failedStep] else { return false }
                return statement.kind == .ordinary
            }()
            if ranSteps > 0 || !failedStatementWasAtomic {
                do {
                    switch direction {
                    case .up: try await history.insert(migration, batch: batch, executionMs: 0, state: .failed, on: session)
                    case .down: try await history.setState(item.recordedVersion ?? migration.version, .failed, on: session)
                    }
                    recordedFailed = true
                } catch {}
                partialNote = "\(migration.displayName) runs outside a transaction: \(ranSteps) of \(item.steps.steps.count) statements took effect"
                    + (recordedFailed ? ", and it is recorded as failed" : ", and recording it as failed did not work either")
                    + ". Finish or undo it by hand, then run `strata mark \(migration.version) --applied` or `--pending`."
            }
        }
        if startedThisOne {
            progress.entries.append(.init(version: migration.version, name: migration.name, outcome: .failed, durationMs: nil, file: migration.path, kind: migration.role))
        }

        let committed = progress.entries.filter { [.applied, .reverted].contains($0.outcome) }.map(\.label)
        let notRun = plan[(startedThisOne ? index + 1 : index)...].map { $0.migration.label }
        var state: [String] = []
        let verb = direction == .up ? "applied" : "reverted"
        if connectionLost && progress.inTransaction {
            state.append("The connection broke inside a transaction; the server rolls it back, so "
                + ((rolledBack.map { progress.entries[$0].label } + [migration.label]).joined(separator: ", "))
                + " did not take effect.")
        } else if !rolledBack.isEmpty || (progress.inTransaction && startedThisOne) {
            let names = rolledBack.map { progress.entries[$0].label } + (item.steps.isTransactional && startedThisOne ? [migration.label] : [])
            state.append(rollbackFailed
                ? "Rolling back failed too; the session was discarded, which rolls back: \(names.joined(separator: ", "))."
                : "Rolled back: \(names.joined(separator: ", ")).")
        } else if item.steps.isTransactional && startedThisOne {
            state.append("\(migration.label) was rolled back.")
        }
        if !partialNote.isEmpty { state.append(partialNote) }
        state.append(committed.isEmpty
            ? "Nothing from this run stays \(verb)."
            : "Committed and kept \(verb): \(committed.joined(separator: ", ")).")
        if !notRun.isEmpty { state.append("Not run: \(notRun.joined(separator: ", ")).") }
        progress.inTransaction = false
        progress.uncommitted = []

        var failure = MigrationFailure(
            version: migration.role == .versioned ? migration.version : nil, name: migration.name, kind: migration.role,
            file: migration.path, line: nil, column: nil,
            direction: direction, statement: nil, sqlState: databaseError?.server?.sqlState,
            message: databaseError?.server?.message ?? databaseError?.message ?? error.map { "\($0)" } ?? "interrupted",
            detail: databaseError?.server?.detail, hint: databaseError?.server?.hint,
            context: databaseError?.server?.context, databaseState: state.joined(separator: " ")
        )
        if let failedStep, case .statement(let statement) = item.steps.steps[failedStep] {
            let position = databaseError?.server?.position.map { statement.sourcePosition(forCharacterPosition: $0) }
                ?? statement.span.start
            failure.line = position.line
            failure.column = position.column
            failure.statement = Self.excerpt(statement.text)
            failure.sourceLine = Self.sourceLine(of: migration, statement: statement, at: position)
        } else if duringHistoryWrite {
            failure.statement = "(writing the history row)"
        }
        let report = MigrationRunReport(
            direction: direction, batch: batch, dryRun: false, transactionMode: mode,
            migrations: progress.entries, durationMs: 0
        )
        if interrupted {
            return MigrationError(
                .interrupted, "interrupted during \(migration.displayName)",
                hint: "run `strata status` to see where things stand, then run the command again",
                failure: failure, report: report, databaseError: databaseError
            )
        }
        if connectionLost {
            return MigrationError(
                .connection, "the connection was lost during \(migration.displayName)",
                hint: "check the server, then run `strata status` and the command again",
                failure: failure, report: report, databaseError: databaseError
            )
        }
        var location = migration.displayName
        if let line = failure.line, let column = failure.column { location += ":\(line):\(column)" }
        return MigrationError(
            .statementFailed,
            "\(location): \(failure.sqlState.map { "[\($0)] " } ?? "")\(failure.message)",
            hint: failure.hint, failure: failure, report: report, databaseError: databaseError
        )
    }

    private func commitFailed(
        plan: [PlannedMigration], nextIndex: Int, progress: inout Progress, error: any Error, statement: String
    ) async -> MigrationError {
        let databaseError = error as? DatabaseError
        let names = progress.uncommitted.map { progress.entries[$0].label }
        for entryIndex in progress.uncommitted { progress.entries[entryIndex].outcome = .rolledBack }
        let lost = databaseError?.code == .connectionLost
        let last = progress.uncommitted.last.map { progress.entries[$0] }
        let committed = progress.entries.filter { [.applied, .reverted].contains($0.outcome) }.map(\.label)
        progress.unrecorded = []
        var state = lost
            ? "The connection broke during \(statement), so whether \(names.joined(separator: ", ")) took effect is unknown; run `strata status`."
            : "\(statement) failed, so the transaction was rolled back: \(names.joined(separator: ", ")) did not take effect."
        if !committed.isEmpty { state += " Committed earlier: \(committed.joined(separator: ", "))." }
        let notRun = plan[min(nextIndex, plan.count)...].map { $0.migration.label }
        if !notRun.isEmpty { state += " Not run: \(notRun.joined(separator: ", "))." }
        progress.inTransaction = false
        progress.uncommitted = []
        let failure = MigrationFailure(
            version: last.map { $0.kind == .versioned ? $0.version : nil } ?? nil, name: last?.name ?? "",
            kind: last?.kind ?? .versioned, file: last?.file,
            line: nil, column: nil, direction: direction, statement: statement,
            sqlState: databaseError?.server?.sqlState,
            message: databaseError?.server?.message ?? databaseError?.message ?? "\(error)",
            detail: databaseError?.server?.detail, hint: databaseError?.server?.hint,
            context: databaseError?.server?.context, databaseState: state
        )
        let report = MigrationRunReport(direction: direction, batch: batch, dryRun: false, transactionMode: mode, migrations: progress.entries, durationMs: 0)
        return MigrationError(
            lost ? .connection : .statementFailed,
            "\(statement) failed after \(last?.file ?? names.last ?? "the migrations"): \(failure.sqlState.map { "[\($0)] " } ?? "")\(failure.message)",
            hint: failure.hint ?? "a deferred constraint or a serialization conflict fails at COMMIT; check the detail",
            failure: failure, report: report, databaseError: databaseError
        )
    }

    /// The text of the file's line at `position` (for a Swift migration, the
    /// statement's line).
    static func sourceLine(of migration: Migration, statement: SQLStatement, at position: SourcePosition) -> String? {
        let text: Substring
        let index: Int
        if case .file(_, let fileText) = migration.kind {
            text = Substring(fileText)
            index = position.line - 1
        } else {
            text = Substring(statement.text)
            index = position.line - statement.span.start.line
        }
        var lineNumber = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if lineNumber == index {
                return line.hasSuffix("\r") ? String(line.dropLast()) : String(line)
            }
            lineNumber += 1
        }
        return nil
    }

    /// The first lines of a statement, for messages.
    static func excerpt(_ text: String) -> String {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        if lines.count <= 6 { return text }
        return lines.prefix(6).joined(separator: "\n") + "\n…"
    }
}
