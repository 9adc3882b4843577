import StrataDiff
import StrataMigrate
import StrataPostgres
import StrataSchema

/// Turns sources into ``Schema`` values: inspects databases, loads files and replays
/// migrations on scratch databases (dropped afterwards).
public struct SchemaReader: Sendable {
    /// Where files are loaded and migrations replayed; nil when only databases are read.
    public var scratch: ScratchServer?
    /// The history table's schema, whose `strata_migrations` table is never part of a schema.
    public var historySchema: String
    /// Whether privileges and owners are read (and so compared); the same for every
    /// source this reader reads, so that both sides of a comparison agree.
    public var comparison: ComparisonScope
    /// Whether closing a database source's session waits for the server to end it; a
    /// process about to exit need not (``PostgresSession/close(waiting:)``).
    public var waitsForClose = true

    public init(scratch: ScratchServer?, historySchema: String = "public", comparison: ComparisonScope = .default) {
        self.scratch = scratch
        self.historySchema = historySchema
        self.comparison = comparison
    }

    /// The scratch server, for a source that needs one.
    public func requireScratch() throws -> ScratchServer {
        guard let scratch else {
            throw GenerateError(.usage, "loading SQL files or replaying migrations needs a scratch server, and none was given")
        }
        return scratch
    }

    var inspector: SchemaInspector {
        SchemaInspector(options: SchemaInspector.Options(
            excludeTables: [QualifiedName(historySchema, HistoryTable.tableName)], comparison: comparison
        ))
    }

    /// Reads a source.
    public func read(_ source: SchemaSource, timings: inout PhaseTimings) async throws -> Schema {
        var watch = Stopwatch()
        switch source {
        case .database(let settings, _):
            let session = try await PostgresSession.connect(settings)
            do {
                let schema = try await inspect(session)
                await session.close(waiting: waitsForClose)
                timings.introspectionMs += watch.lap()
                return schema
            } catch {
                await session.close(waiting: waitsForClose)
                throw error
            }
        case .files(let files, let label):
            return try await creatingMissingRoles {
                try await requireScratch().withDatabase("loading \(label)") { settings in
                    try await withSession(settings) { session in
                        try await files.load(into: session)
                        timings.loadMs += watch.lap()
                        let schema = try await inspect(session)
                        timings.introspectionMs += watch.lap()
                        return schema
                    }
                }
            }
        case .migrations(let migrator, let label):
            return try await creatingMissingRoles {
                try await requireScratch().withDatabase("replaying \(label)") { settings in
                    try await withSession(settings) { session in
                        try await replay(migrator, on: session)
                        timings.replayMs += watch.lap()
                        let schema = try await inspect(session)
                        timings.introspectionMs += watch.lap()
                        return schema
                    }
                }
            }
        }
    }

    /// Applies `migrator`'s migrations to a fresh scratch database and runs `body` on a
    /// session to it; the database is dropped afterwards, whatever happens.
    public func withReplayed<T: Sendable>(
        _ migrator: Migrator, purpose: String, _ body: (PostgresSession) async throws -> T
    ) async throws -> T {
        try await creatingMissingRoles {
            try await requireScratch().withDatabase(purpose) { settings in
                try await withSession(settings) { session in
                    try await replay(migrator, on: session)
                    return try await body(session)
                }
            }
        }
    }

    /// Introspects on a thread of the global pool. The CLI runs its tasks on the
    /// connection's event loop, which suits round trips (replay, loading) but would put
    /// two introspections' decoding and model building, as `diff` and `generate` run
    /// them side by side, one after the other on that one thread.
    private func inspect(_ session: PostgresSession) async throws -> Schema {
        try await withTaskExecutorPreference(globalConcurrentExecutor) {
            try await inspector.inspect(session)
        }
    }

    /// Runs a load or replay; when it fails on a role the scratch server lacks and the
    /// server is Strata's own (``ScratchServer/createsMissingRoles``), creates the role
    /// and runs it again from a fresh scratch database.
    func creatingMissingRoles<T>(_ body: () async throws -> T) async throws -> T {
        var created: Set<String> = []
        while true {
            do {
                return try await body()
            } catch {
                guard let scratch, scratch.createsMissingRoles, let role = ScratchServer.missingRole(in: error),
                      created.insert(role).inserted else { throw error }
                try await scratch.createRole(role)
            }
        }
    }

    /// Applies every migration, reporting a failure as a problem of the migrations.
    func replay(_ migrator: Migrator, on session: any DatabaseSession) async throws {
        var quick = migrator
        quick.configuration.lockTimeout = nil
        _ = try await quick.up(on: session, options: UpOptions(allowOutOfOrder: true))
    }
}

/// Opens a session, runs `body`, closes it.
func withSession<T: Sendable>(_ settings: ConnectionSettings, _ body: (PostgresSession) async throws -> T) async throws -> T {
    let session = try await PostgresSession.connect(settings)
    do {
        // Scratch work needs no durability.
        _ = try? await session.execute("SET synchronous_commit = off")
        let result = try await body(session)
        await session.close()
        return result
    } catch {
        await session.close()
        throw error
    }
}
