import StrataGenerate
import StrataLint
import StrataPostgres

/// Observed mode of the linter: runs migration files on a scratch database and records, per
/// statement, what PostgreSQL really did — the relation locks it took (`pg_locks` of its own
/// backend), the tables and indexes it rewrote (`relfilenode` changes), the tables it scanned
/// (`pg_stat_xact_user_tables`) and how long it took — and reports what only observation
/// proves: `table-rewrite`, `access-exclusive-scan`, and `replay-failed` for a statement
/// that fails.
///
/// ```swift
/// let observer = LockObserver(configuration: LintConfiguration(postgresVersion: 15))
/// let report = try await observer.observe(files, on: ScratchServer(adminSettings: admin))
/// for statement in report.statements {
///     print(statement.file, statement.line, statement.locks.map { "\($0.mode.name) \($0.relation ?? $0.lockType)" })
/// }
/// ```
///
/// Files run in the order given, on one session, as `strata up` runs them one file at a time:
/// files whose ``LintFile/isReported`` is false are replayed without observation (they build
/// the schema); reported files are observed. Only the up part of a file runs. A transactional
/// file runs in one transaction; in a `-- strata:no-transaction` file each statement runs in a
/// transaction of its own, except those that cannot run in a transaction block (`CREATE INDEX
/// CONCURRENTLY` and friends), which are watched from a second session. An invalid file or a
/// failing statement stops the run: the files after it build on it.
///
/// `-- strata:lint-ignore CODE` comments and the configured severities apply as in the linter.
public struct LockObserver: Sendable {
    public var configuration: LintConfiguration

    public init(configuration: LintConfiguration = LintConfiguration()) {
        self.configuration = configuration
    }

    /// Creates a scratch database on `scratch`, observes the files there, and drops the
    /// database, also when something fails.
    ///
    /// On Strata's own cluster (``ScratchServer/createsMissingRoles``) a role that a file needs
    /// and the server lacks is created (`NOLOGIN`) and the files run again on a fresh database.
    ///
    /// - Throws: ``GenerateError`` (`.scratch`) when the scratch server cannot be used or stops
    ///   answering; ``DatabaseError`` when it cannot be reached. A statement that fails is a
    ///   `replay-failed` finding, not an error.
    public func observe(_ files: [LintFile], on scratch: ScratchServer) async throws -> ObservationReport {
        var created: Set<String> = []
        while true {
            let (report, failure) = try await scratch.withDatabase("observing migrations") { settings in
                try await run(files, in: settings)
            }
            if scratch.createsMissingRoles, let failure,
               let role = ScratchServer.missingRole(sqlState: failure.sqlState, message: failure.message),
               created.insert(role).inserted
            {
                try await scratch.createRole(role)
                continue
            }
            return report
        }
    }

    /// Observes the files on a database the caller provides, which should be empty: what the
    /// files create stays there.
    public func observe(_ files: [LintFile], in database: ConnectionSettings) async throws -> ObservationReport {
        try await run(files, in: database).report
    }

    private func run(_ files: [LintFile], in settings: ConnectionSettings) async throws -> (report: ObservationReport, failure: ServerError?) {
        let runner = try await PostgresSession.connect(settings)
        let pid: String
        let version: String
        do {
            // Scratch work needs no durability.
            try await runner.execute("SET synchronous_commit = off")
            guard let backend = try await runner.scalar("SELECT pg_catalog.pg_backend_pid()::text"),
                  let serverVersion = try await runner.scalar("SELECT pg_catalog.current_setting('server_version')")
            else {
                throw GenerateError(.scratch, "the scratch database did not say which backend serves the observation")
            }
            pid = backend
            version = serverVersion
        } catch {
            await runner.close()
            throw error
        }
        var run = ObservationRun(configuration: configuration, settings: settings, runner: runner, runnerPid: pid)
        do {
            try await run.run(files)
        } catch {
            await run.close()
            await runner.close()
            throw error
        }
        await run.close()
        await runner.close()
        let report = ObservationReport(
            serverVersion: version, statements: run.statements, findings: run.findings, ignored: run.ignored, notObserved: run.notObserved
        )
        return (report, run.failure)
    }
}
