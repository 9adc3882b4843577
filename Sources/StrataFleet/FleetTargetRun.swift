import StrataMigrate
import StrataPostgres
import StrataSQL

/// One target's run: exactly the single-target command, on a session of its own.
///
/// A schema target's session starts with `search_path` set to its schema (a startup
/// parameter, so that a migration's `RESET ALL` keeps it) and its migrator keeps the
/// history, and so the migration lock (keyed on the history schema, per database), in
/// that schema: tenants of one database migrate in parallel, and two runs on one tenant
/// wait for each other.
struct FleetTargetRun: Sendable {
    let target: FleetTarget
    let index: Int
    let wave: Int
    let migrator: Migrator
    let action: FleetAction
    let searchPath: String
    let events: FleetEventHandler
    let interruption: FleetInterruption
    let waitsForClose: Bool

    /// The connection settings: the target's, with the tenant's `search_path`.
    var settings: ConnectionSettings {
        var settings = target.settings
        if let schema = target.schema {
            settings.startupParameters["search_path"] = searchPath.replacingOccurrences(of: "{schema}", with: SQLIdentifier.quote(schema))
        }
        return settings
    }

    /// The migrator with the tenant's history table.
    var targetMigrator: Migrator {
        var migrator = self.migrator
        if let schema = target.schema { migrator.configuration.historySchema = schema }
        return migrator
    }

    func run() async -> FleetTargetResult {
        let clock = ContinuousClock()
        let started = clock.now
        var result = FleetTargetResult(target: target, index: index, wave: wave, outcome: .failed)
        defer { interruption.unregister(index) }
        let session: PostgresSession
        do {
            session = try await PostgresSession.connect(settings)
        } catch {
            result.error = error
            result.durationMs = Self.milliseconds(clock.now - started)
            return result
        }
        do {
            try await prepare(session)
            try await perform(on: session, into: &result)
        } catch {
            result.outcome = .failed
            result.error = error
            if let report = (error as? MigrationError)?.report { record(report, into: &result) }
            if result.status == nil, error is MigrationError || (error as? DatabaseError)?.code == .server,
               let status = try? await targetMigrator.status(on: session) {
                record(status, into: &result)
            }
        }
        await session.close(waiting: waitsForClose)
        result.durationMs = Self.milliseconds(clock.now - started)
        return result
    }

    /// Registers the session's server process for interruption and checks that a schema
    /// target's schema is the one its objects will go to.
    private func prepare(_ session: PostgresSession) async throws {
        let row = try await session.query("SELECT pg_backend_pid()::text, current_schema()::text").first
        if let pid = row?[0] { interruption.register(index, settings: target.settings, pid: pid) }
        if let schema = target.schema, row?[1] != schema {
            throw FleetError(
                .schemaMissing,
                "schema \(SQLIdentifier.quoteIfNeeded(schema)) does not exist in database \(target.database) (or this user lacks USAGE on it)",
                hint: "create the schema first, or take it out of the targets; nothing was run",
                origin: target.origin
            )
        }
    }

    private func perform(on session: PostgresSession, into result: inout FleetTargetResult) async throws {
        let migrator = targetMigrator
        let target = self.target, index = self.index, events = self.events
        let forward: MigrationEventHandler = { event in events(.migration(target, index: index, event)) }
        switch action {
        case .up(let options):
            let report = try await migrator.up(on: session, options: options, events: forward, interruption: interruption.flag)
            record(report, into: &result)
            record(try await migrator.status(on: session), into: &result)
            result.outcome = options.dryRun ? (report.migrations.isEmpty ? .upToDate : .planned)
                : report.completedCount > 0 ? .applied : .upToDate
        case .down(let options):
            let report = try await migrator.down(on: session, options: options, events: forward, interruption: interruption.flag)
            record(report, into: &result)
            record(try await migrator.status(on: session), into: &result)
            result.outcome = options.dryRun ? (report.migrations.isEmpty ? .unchanged : .planned)
                : report.completedCount > 0 ? .reverted : .unchanged
        case .status:
            let status = try await migrator.status(on: session)
            record(status, into: &result)
            result.applied = status.entries.filter { $0.state == .applied || $0.state == .modified }.count
            result.outcome = status.hasPendingMigrations ? .pending : .upToDate
        case .validate:
            let status = try await migrator.status(on: session)
            record(status, into: &result)
            result.applied = status.entries.filter { $0.state == .applied || $0.state == .modified }.count
            let problems = try await migrator.validate(on: session)
            result.problems = problems.count
            if problems.isEmpty {
                result.outcome = .valid
            } else {
                throw MigrationError(
                    .validation,
                    problems.count == 1 ? "1 problem in the migrations or the history" : "\(problems.count) problems in the migrations or the history",
                    problems: problems
                )
            }
        }
    }

    private func record(_ report: MigrationRunReport, into result: inout FleetTargetResult) {
        result.report = report
        guard !report.dryRun else {
            if report.direction == .up { result.pending = report.migrations.count }
            return
        }
        let done = report.migrations.filter { $0.outcome == .applied || $0.outcome == .reverted }.count
        if report.direction == .up { result.applied = done } else { result.reverted = done }
    }

    private func record(_ status: MigrationStatus, into result: inout FleetTargetResult) {
        result.status = status
        result.pending = status.entries.filter { $0.state == .pending || $0.state == .outOfOrder }.count
        if result.problems == nil {
            result.problems = status.entries.filter { [.modified, .missing, .failed, .outOfOrder].contains($0.state) }.count
        }
    }

    static func milliseconds(_ duration: Duration) -> Int {
        let (seconds, attoseconds) = duration.components
        return Int(seconds * 1000 + attoseconds / 1_000_000_000_000_000)
    }
}
