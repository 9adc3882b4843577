#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import StrataPostgres
import StrataSQL
import Synchronization

/// A server on which Strata creates throwaway databases to load schemas and replay
/// migrations: the project's local cluster, or `scratch_url` from the configuration.
///
/// Every scratch database is uniquely named `strata_scratch_<pid>_<n>`, registered while
/// it exists, and dropped afterwards: on success, on failure, and — through
/// ``dropAllRegistered()``, which the CLI calls from its signal handler — on Ctrl-C.
/// Leftovers of crashed runs (a name whose process is gone) are dropped on first use.
public final class ScratchServer: Sendable {
    /// A superuser (or CREATEDB) connection to the server's maintenance database.
    public let adminSettings: ConnectionSettings
    /// Whether a role that loaded files or replayed migrations name but the server lacks
    /// is created (`NOLOGIN`) and the load tried again: true for Strata's own local
    /// cluster, never for a server the user gave (``SchemaReader``).
    public let createsMissingRoles: Bool
    /// One counter for the whole process: several servers (or in-process runs) may
    /// create scratch databases at once.
    private static let counter = Atomic<Int>(0)
    private let cleaned = Atomic<Bool>(false)

    private static let registry = Mutex<[String: ConnectionSettings]>([:])

    public init(adminSettings: ConnectionSettings, createsMissingRoles: Bool = false) {
        self.adminSettings = adminSettings
        self.createsMissingRoles = createsMissingRoles
    }

    /// Creates a database, runs `body`, and drops the database whatever happens.
    public func withDatabase<T: Sendable>(
        _ purpose: String, _ body: (ConnectionSettings) async throws -> T
    ) async throws -> T {
        let settings = try await create(purpose)
        do {
            let result = try await body(settings)
            await drop(settings.database)
            return result
        } catch {
            await drop(settings.database)
            throw error
        }
    }

    /// Creates an empty database (from `template0`) and registers it for clean-up.
    public func create(_ purpose: String) async throws -> ConnectionSettings {
        let admin = try await connectAdmin()
        if !cleaned.exchange(true, ordering: .relaxed) {
            await dropLeftovers(admin)
        }
        let number = Self.counter.add(1, ordering: .relaxed).newValue
        let name = "strata_scratch_\(getpid())_\(number)"
        Self.registry.withLock { $0[name] = adminSettings }
        do {
            try await admin.execute("CREATE DATABASE \(SQLIdentifier.quote(name)) TEMPLATE template0 ENCODING 'UTF8'")
            await admin.close()
        } catch let error as DatabaseError {
            await admin.close()
            Self.registry.withLock { _ = $0.removeValue(forKey: name) }
            throw GenerateError(
                .scratch,
                "cannot create a scratch database (for \(purpose)) on \(adminSettings.redactedURL): \(error.server?.message ?? error.message)",
                hint: "the scratch server needs a role that may CREATE DATABASE; set scratch_url in strata.yaml, or leave it out to use the local cluster",
                server: error.server
            )
        }
        return adminSettings.with(database: name)
    }

    /// Drops a scratch database, ending any session still using it. Never throws.
    public func drop(_ name: String) async {
        Self.registry.withLock { _ = $0.removeValue(forKey: name) }
        guard let admin = try? await connectAdmin() else { return }
        await Self.drop(name, on: admin)
        await admin.close()
    }

    /// Drops every scratch database this process still has, for a signal handler.
    public static func dropAllRegistered() async {
        let live = registry.withLock { databases -> [String: ConnectionSettings] in
            let copy = databases
            databases = [:]
            return copy
        }
        for (name, settings) in live {
            guard let admin = try? await PostgresSession.connect(settings) else { continue }
            await drop(name, on: admin)
            await admin.close()
        }
    }

    private static func drop(_ name: String, on admin: PostgresSession) async {
        // WITH (FORCE) (PostgreSQL 13+) ends sessions still connected to it.
        _ = try? await admin.execute("DROP DATABASE IF EXISTS \(SQLIdentifier.quote(name)) WITH (FORCE)")
    }

    private func connectAdmin() async throws -> PostgresSession {
        do {
            return try await PostgresSession.connect(adminSettings)
        } catch let error as DatabaseError {
            throw GenerateError(
                .scratch,
                "cannot reach the scratch server \(adminSettings.redactedURL): \(error.message)",
                hint: error.hint ?? "check scratch_url in strata.yaml, or leave it out to use the local cluster",
                server: error.server
            )
        }
    }

    /// Drops `strata_scratch_<pid>_*` databases whose process is gone and that nobody uses.
    private func dropLeftovers(_ admin: PostgresSession) async {
        guard let rows = try? await admin.query("""
            SELECT d.datname FROM pg_database d
            WHERE d.datname LIKE 'strata\\_scratch\\_%'
              AND NOT EXISTS (SELECT 1 FROM pg_stat_activity a WHERE a.datid = d.oid)
            """) else { return }
        for row in rows {
            guard let name = row[0] else { continue }
            let parts = name.split(separator: "_")
            guard parts.count >= 4, let pid = Int32(parts[2]), pid != getpid() else { continue }
            if kill(pid, 0) == 0 || errno == EPERM { continue }
            await Self.drop(name, on: admin)
        }
    }
}
