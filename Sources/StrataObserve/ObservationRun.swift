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

    /// The files of the relations that existed when the observed file began.
    var relationFiles = RelationFiles()
    /// Where ``relationFiles`` was last brought up to date: an xid (``ObservationQueries/syncPoint``);
    /// nil before the first reported file.
    var syncPoint: String?
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
        try await refreshRelations(context)
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
        // A BEGIN the file never closed: committed here, so that the files after it build on it.
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

    /// Brings ``relationFiles`` up to date before a reported file: the whole catalog the first
    /// time, then only what changed since the last sync point.
    private mutating func refreshRelations(_ context: FileContext) async throws {
        if let since = syncPoint {
            let changed = try await relations(changedSince: since, context)
            relationFiles.merge(changed, gone: try await goneRelations(context))
        } else {
            let relations = try await ownQuery(ObservationQueries.relations, context).compactMap { CatalogRelation(row: $0) }
            relationFiles = RelationFiles(relations)
            remember(relations)
        }
        syncPoint = try await newSyncPoint(context)
    }

    /// A sync point for ``relations(changedSince:_:)``.
    func newSyncPoint(_ context: FileContext) async throws -> String {
        guard let xid = try await ownQuery(ObservationQueries.syncPoint, context).first?[0] else {
            throw GenerateError(.scratch, "the scratch database did not give its next transaction id while observing \(context.file.name)")
        }
        return xid
    }

    /// The relations whose catalog rows changed since `since`, remembering their names.
    mutating func relations(changedSince since: String, _ context: FileContext) async throws -> [CatalogRelation] {
        let relations = try await ownQuery(ObservationQueries.relationsChangedSince, parameters: [since], context).compactMap { CatalogRelation(row: $0) }
        remember(relations)
        return relations
    }

    /// The followed relations that no longer exist.
    func goneRelations(_ context: FileContext) async throws -> Set<String> {
        let oids = relationFiles.followedOids
        guard !oids.isEmpty else { return [] }
        let rows = try await ownQuery(ObservationQueries.gone, parameters: ["{" + oids.joined(separator: ",") + "}"], context)
        return Set(rows.compactMap { $0[0] })
    }

    private mutating func remember(_ relations: [CatalogRelation]) {
        for relation in relations where relation.kind != .toast && !relation.display.isEmpty {
            knownNames[relation.oid] = relation.display
        }
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
    func ownQuery(_ sql: String, parameters: [String?] = [], _ context: FileContext) async throws -> [Row] {
        do {
            return try await runner.query(sql, parameters)
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
