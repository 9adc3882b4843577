#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import StrataSQL
import Foundation
import StrataPostgres

/// Where the test server is, once it is ready.
struct TestServerEndpoint: Sendable {
    /// The superuser on the `postgres` database.
    var admin: ConnectionSettings
    var tcpHost: String
    var tcpPort: Int
    var tcpSSLMode: ConnectionSettings.SSLMode
}

/// The process-wide test server: prepared once, on first use, by whichever test asks
/// first; the others wait for the same preparation (and see the same error if it fails).
actor TestEnvironment {
    static let shared = TestEnvironment()

    private var preparation: Task<TestServerEndpoint, any Error>?
    private var secondPreparation: Task<TestServerEndpoint, any Error>?
    private var databaseCount = 0

    func server() async throws -> TestServerEndpoint {
        if let preparation { return try await preparation.value }
        TestWatchdog.arm()
        let task = Task { try await Self.prepare() }
        preparation = task
        return try await task.value
    }

    /// The server of `cluster`: the first one, or a second one on another port (for tests
    /// that need two servers, such as fleets), prepared on first use.
    func server(_ cluster: TestCluster) async throws -> TestServerEndpoint {
        guard cluster == .second else { return try await server() }
        if let secondPreparation { return try await secondPreparation.value }
        let task = Task { try await Self.prepareSecond() }
        secondPreparation = task
        return try await task.value
    }

    /// A number unique within this process, for database names.
    func nextDatabaseNumber() -> Int {
        databaseCount += 1
        return databaseCount
    }

    /// The directory of this process's cluster.
    static func clusterDirectory(pid: pid_t = getpid()) -> String {
        "/tmp/strata-test-\(pid)"
    }

    /// The directory of this process's second cluster.
    static func secondClusterDirectory(pid: pid_t = getpid()) -> String {
        "/tmp/strata-test-\(pid)-second"
    }

    private static func prepare() async throws -> TestServerEndpoint {
        let environment = ProcessInfo.processInfo.environment
        if let url = environment["STRATA_TEST_URL"], !url.isEmpty {
            return try await external(url)
        }

        removeAbandonedClusters()
        // Registered before starting, so that a half-started cluster is removed too.
        atexit {
            try? LocalCluster(directory: TestEnvironment.clusterDirectory()).destroyImmediately()
        }
        return try await started(clusterDirectory())
    }

    /// The second server: `STRATA_TEST_SECOND_URL` when set, else a second local cluster
    /// made like the first (its own directory, socket and free port), removed at exit.
    private static func prepareSecond() async throws -> TestServerEndpoint {
        let environment = ProcessInfo.processInfo.environment
        if let url = environment["STRATA_TEST_SECOND_URL"], !url.isEmpty {
            return try await external(url)
        }
        // The first server is prepared first, so that leftovers of crashed runs are gone.
        _ = try await shared.server()
        atexit {
            try? LocalCluster(directory: TestEnvironment.secondClusterDirectory()).destroyImmediately()
        }
        return try await started(secondClusterDirectory())
    }

    /// A server the environment names by URL, after dropping the test databases that
    /// crashed runs left on it.
    private static func external(_ url: String) async throws -> TestServerEndpoint {
        let admin = try ConnectionSettings(url: url).with(database: "postgres")
        await dropAbandonedDatabases(admin)
        let host: String
        switch admin.endpoint {
        case .tcp(let name, _): host = name
        case .socket: host = "127.0.0.1"
        }
        return TestServerEndpoint(admin: admin, tcpHost: host, tcpPort: admin.port, tcpSSLMode: admin.sslMode)
    }

    /// Starts a throwaway cluster in `directory` (password authentication, no durability)
    /// and describes it; the caller registers its removal at exit first.
    private static func started(_ directory: String) async throws -> TestServerEndpoint {
        let cluster = LocalCluster(
            directory: directory,
            options: .init(hostAuthentication: .scramSHA256, durable: false, settings: ["max_connections": "300"])
        )
        let status = try await cluster.start()
        return TestServerEndpoint(
            admin: cluster.settings(database: "postgres"),
            tcpHost: "127.0.0.1",
            tcpPort: status.port ?? 5432,
            tcpSSLMode: .prefer
        )
    }

    /// Deletes `/tmp/strata-test-<pid>` clusters whose process is gone, stopping their
    /// servers first.
    private static func removeAbandonedClusters() {
        let prefix = "strata-test-"
        let names = (try? FileManager.default.contentsOfDirectory(atPath: "/tmp")) ?? []
        for name in names where name.hasPrefix(prefix) {
            let rest = name.dropFirst(prefix.count)
            let digits = rest.hasSuffix("-second") ? rest.dropLast("-second".count) : rest
            guard let pid = pid_t(digits), pid != getpid(), !isAlive(pid) else { continue }
            try? LocalCluster(directory: "/tmp/" + name).destroyImmediately()
        }
    }

    /// Drops `strata_t_<pid>_…` databases on a shared server whose local process is gone
    /// and that nobody is connected to: leftovers of crashed runs from this machine.
    private static func dropAbandonedDatabases(_ admin: ConnectionSettings) async {
        guard let session = try? await PostgresSession.connect(admin) else { return }
        let rows = (try? await session.query(
            """
            SELECT d.datname::text FROM pg_catalog.pg_database d
            WHERE d.datname LIKE 'strata\\_t\\_%'
              AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_stat_activity a WHERE a.datname = d.datname)
            """
        )) ?? []
        for row in rows {
            guard let name = row[0], let pid = TestDatabase.ownerProcess(ofDatabase: name),
                  pid != getpid(), !isAlive(pid) else { continue }
            try? await session.execute("DROP DATABASE IF EXISTS " + SQLIdentifier.quote(name))
        }
        await session.close()
    }

    private static func isAlive(_ pid: pid_t) -> Bool {
        kill(pid, 0) == 0 || errno == EPERM
    }
}
