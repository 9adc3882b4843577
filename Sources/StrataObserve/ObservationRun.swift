import StrataGenerate
import StrataLint
import StrataPostgres
import StrataSQL

/// One observation: the files run in order on one session (the runner) of a scratch database;
/// files that are not reported are replayed as they are, reported files statement by
/// statement with their locks, files and scans read after each statement.
struct ObservationRun {
    let configuration: LintConfiguration
    let settings: ConnectionSettings
    let runner: PostgresSession
    let runnerPid: String
    /// The second session, opened for the first statement that cannot run in a transaction block.
    var watch: ConcurrentWatch?

    var statements: [StatementObservation] = []
    var findings: [LintFinding] = []
    var ignored = 0
    var notObserved: [String] = []
    /// The server's error when a statement stopped the run.
    var failure: ServerError?

    // The file being observed.
    var relationFiles = RelationFiles([])
    /// Names of relations by oid, for locks on relations dropped since.
    var knownNames: [String: String] = [:]

    // The transaction being observed.
    /// `oid|mode` of the relation locks held after the previous statement.
    var heldLocks: Set<String> = []
    /// Sequential scans counted per table oid so far.
    var scanCounts: [String: Int] = [:]

    init(configuration: LintConfiguration, settings: ConnectionSettings, runner: PostgresSession, runnerPid: String) {
        self.configuration = configuration
        self.settings = settings
        self.runner = runner
        self.runnerPid = runnerPid
    }

    /// The file a statement belongs to, and how findings on it are reported.
    struct FileContext {
        var file: LintFile
        var script: MigrationScript
    }

    // MARK: - Files

    /// Runs the files in order; stops at the first file that is invalid or fails.
    mutating func run(_ files: [LintFile]) async throws {
        for (index, file) in files.enumerated() {
            let script = MigrationScript.parse(file.text)
            let context = FileContext(file: file, script: script)
            let completed: Bool
            if !script.isValid {
                reportInvalid(context)
                completed = false
            } else if file.isReported {
                completed = try await observe(context)
            } else {
                completed = try await replay(context)
            }
            guard completed else {
                notObserved = files[index...].filter(\.isReported).map(\.name)
                return
            }
            if !script.standardConformingStringsAfterUp {
                // As `strata up` does: the next file is read with the setting on.
                try await own("SET standard_conforming_strings = on", context)
            }
        }
    }

    /// Ends the second session, if one was opened.
    mutating func close() async {
        await watch?.close()
        watch = nil
    }

    /// Runs a file that is not reported, as `strata up` would, to build the schema.
    private mutating func replay(_ context: FileContext) async throws -> Bool {
        let script = context.script
        var isOpen = false
        if script.isTransactional {
            try await own("BEGIN", context)
            isOpen = true
        }
        for statement in script.up {
            if let error = try await runMigrationStatement(statement, context).error {
                if isOpen { await rollback() }
                reportFailure(error, statement: statement, context)
                return false
            }
            if !script.isTransactional { isOpen = Self.leavesTransactionOpen(statement, wasOpen: isOpen) }
        }
        guard isOpen else { return true }
        return try await commit(context)
    }

    /// Runs a reported file and observes each statement.
    private mutating func observe(_ context: FileContext) async throws -> Bool {
        let relations = try await ownQuery(ObservationQueries.relations, context).compactMap { CatalogRelation(row: $0) }
        relationFiles = RelationFiles(relations)
        knownNames = Dictionary(relations.filter { $0.kind != .toast }.map { ($0.oid, $0.display) }, uniquingKeysWith: { first, _ in first })
        let script = context.script
        if script.isTransactional {
            try await beginObserved(context)
            for statement in script.up {
                if let error = try await observeInTransaction(statement, .file, context) {
                    await rollback()
                    reportFailure(error, statement: statement, context)
                    return false
                }
            }
            return try await commit(context)
        }
        var isExplicit = false
        for statement in script.up {
            switch statement.kind {
            case .transactionControl:
                let outcome = try await runMigrationStatement(statement, context)
                if let error = outcome.error {
                    if isExplicit { await rollback() }
                    reportFailure(error, statement: statement, context)
                    return false
                }
                record(statement, context, transaction: .explicit, durationMs: outcome.durationMs)
                isExplicit = Self.leavesTransactionOpen(statement, wasOpen: isExplicit)
                if isExplicit { try await startObservedTransaction(context) }
            case .nonTransactional where !isExplicit:
                guard try await observeConcurrently(statement, context) else { return false }
            default:
                if isExplicit {
                    if let error = try await observeInTransaction(statement, .explicit, context) {
                        await rollback()
                        reportFailure(error, statement: statement, context)
                        return false
                    }
                    continue
                }
                try await beginObserved(context)
                if let error = try await observeInTransaction(statement, .statement, context) {
                    await rollback()
                    // A statement PostgreSQL refuses in a transaction block that the text did not
                    // show (REINDEX of a partitioned table…): run it as it will run, outside one.
                    if error.sqlState == "25001" {
                        guard try await observeConcurrently(statement, context) else { return false }
                        continue
                    }
                    reportFailure(error, statement: statement, context)
                    return false
                }
                guard try await commit(context) else { return false }
            }
        }
        // A BEGIN without COMMIT: the file's session commits at its end.
        guard isExplicit else { return true }
        return try await commit(context)
    }

    /// Whether a transaction the file opened itself is open after `statement`.
    static func leavesTransactionOpen(_ statement: SQLStatement, wasOpen: Bool) -> Bool {
        guard statement.kind == .transactionControl, let first = statement.leadingKeywords.first else { return wasOpen }
        if first == "BEGIN" || first == "START" { return true }
        // COMMIT PREPARED and ROLLBACK PREPARED end another (prepared) transaction.
        if statement.leadingKeywords.dropFirst().first == "PREPARED" { return wasOpen }
        return false
    }

    // MARK: - Transactions

    private mutating func beginObserved(_ context: FileContext) async throws {
        try await own("BEGIN", context)
        try await startObservedTransaction(context)
    }

    /// Resets what the transaction holds and reads the scans counted before it: PostgreSQL
    /// keeps a backend's counts until it reports them between transactions.
    private mutating func startObservedTransaction(_ context: FileContext) async throws {
        heldLocks = []
        scanCounts = [:]
        for row in try await ownQuery(ObservationQueries.pendingScans, context) {
            if let oid = row[0], let count = row[1].flatMap({ Int($0) }) { scanCounts[oid] = count }
        }
    }

    /// Commits; a failing COMMIT (a deferred constraint) is the file's failure.
    private mutating func commit(_ context: FileContext) async throws -> Bool {
        do {
            try await runner.execute("COMMIT")
            return true
        } catch let error as DatabaseError {
            guard let server = error.server, !server.isConnectionLoss else { throw Self.scratchError(error, doing: "committing \(context.file.name)") }
            await rollback()
            reportFailure(server, statement: nil, context)
            return false
        } catch {
            throw Self.scratchError(error, doing: "committing \(context.file.name)")
        }
    }

    private func rollback() async {
        _ = try? await runner.execute("ROLLBACK")
    }

    // MARK: - Running

    /// Runs one of the migration's statements; a server error is the statement's failure.
    func runMigrationStatement(_ statement: SQLStatement, _ context: FileContext) async throws -> (durationMs: Double, error: ServerError?) {
        let clock = ContinuousClock()
        let start = clock.now
        do {
            try await runner.execute(statement.text)
            return (ConcurrentWatch.milliseconds(clock.now - start), nil)
        } catch let error as DatabaseError {
            guard let server = error.server, !server.isConnectionLoss else { throw Self.scratchError(error, doing: "running \(context.file.name):\(statement.span.start)") }
            return (ConcurrentWatch.milliseconds(clock.now - start), server)
        } catch {
            throw Self.scratchError(error, doing: "running \(context.file.name):\(statement.span.start)")
        }
    }

    /// Runs one of the observer's own statements.
    func own(_ sql: String, _ context: FileContext) async throws {
        do {
            try await runner.execute(sql)
        } catch {
            throw Self.scratchError(error, doing: "observing \(context.file.name)")
        }
    }

    /// Runs one of the observer's own queries.
    func ownQuery(_ sql: String, _ context: FileContext) async throws -> [Row] {
        do {
            return try await runner.query(sql)
        } catch {
            throw Self.scratchError(error, doing: "observing \(context.file.name)")
        }
    }

    static func scratchError(_ error: any Error, doing what: String) -> GenerateError {
        let database = error as? DatabaseError
        return GenerateError(
            .scratch, "the scratch database failed while \(what): \(database?.server?.message ?? database?.message ?? "\(error)")",
            hint: database?.hint ?? "run the command again; if it keeps failing, check the scratch server (its log, its connection limit)",
            server: database?.server
        )
    }
}
