import StrataMigrate
import StrataPostgres
import StrataSQL
import Synchronization

/// `strata up`'s lint of the files about to run (`lint:` in strata.yaml), once per
/// distinct set of pending migrations rather than once per target: a fleet's targets
/// mostly have the same files pending, and the findings would repeat hundreds of times.
/// Targets with the same pending set share the outcome (an error stops each of them).
/// The server version is the first such target's, unless `lint.postgres_version` is set.
final class FleetLintCheck: Sendable {
    private let inner: (@Sendable ([Migration], any DatabaseSession) async throws -> Void)?
    private let runs = Mutex<[String: Task<Void, any Error>]>([:])

    init(
        context: CommandContext, migrator: Migrator, transactionMode: MigratorConfiguration.TransactionMode?,
        parses: ScriptParseCache? = nil
    ) {
        inner = UpCommand.lintCheck(context: context, migrator: migrator, transactionMode: transactionMode, parses: parses)
    }

    /// The `beforeRun` hook for every target's `up`; nil when linting is off.
    var check: (@Sendable ([Migration], any DatabaseSession) async throws -> Void)? {
        guard let inner else { return nil }
        return { [self] pending, session in
            let key = pending.map(\.version.text).joined(separator: ",")
            let task = runs.withLock { runs -> Task<Void, any Error> in
                if let running = runs[key] { return running }
                // The first target of a pending set lints on its own session, which stays
                // open while it waits for this task; the others wait for the same result.
                let task = Task { try await inner(pending, session) }
                runs[key] = task
                return task
            }
            try await task.value
        }
    }
}
