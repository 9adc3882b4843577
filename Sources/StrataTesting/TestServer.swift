import Foundation
import StrataPostgres
import StrataSQL

/// The PostgreSQL server that this test process uses.
///
/// By default one ``LocalCluster`` per test process, started on first use in
/// `/tmp/strata-test-<pid>` (SCRAM passwords over TCP, not durable), and stopped and
/// deleted when the process exits. Clusters left by crashed runs are removed when the
/// next run starts. `STRATA_TEST_URL` (a superuser URL) points the tests at an existing
/// server instead.
///
/// When PostgreSQL is not installed every test that needs the server fails with the
/// message that says how to install it; none is skipped.
public enum TestServer {
    /// The superuser on the `postgres` database: for creating databases and roles.
    public static func adminSettings() async throws -> ConnectionSettings {
        try await TestEnvironment.shared.server().admin
    }

    /// The superuser on the `postgres` database of `cluster`.
    public static func adminSettings(on cluster: TestCluster) async throws -> ConnectionSettings {
        try await TestEnvironment.shared.server(cluster).admin
    }

    /// Creates each role on the test server unless it exists, also when another test
    /// creates it at the same moment. Roles belong to the server, not to a test's database,
    /// so tests share them. `attributes` follow `CREATE ROLE name`, e.g. `LOGIN PASSWORD '…'`.
    public static func ensureRoles(_ roles: [String], attributes: String = "") async throws {
        let admin = try await PostgresSession.connect(try await adminSettings())
        do {
            for role in roles {
                try await admin.execute("""
                    DO $$ BEGIN
                      IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = \(SQLLiteral.quote(role))) THEN
                        CREATE ROLE \(SQLIdentifier.quote(role)) \(attributes);
                      END IF;
                    EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;  -- created concurrently
                    END $$
                    """)
            }
            await admin.close()
        } catch {
            await admin.close()
            throw error
        }
    }

    /// The PostgreSQL programs (`psql`, `pg_dump`, …), found as Strata finds them.
    public static func binaries() throws -> PostgresBinaries {
        try PostgresBinaries.locate(environment: ProcessInfo.processInfo.environment)
    }

    /// The test server's TCP endpoint (`127.0.0.1` for the local cluster) with the given
    /// credentials, for tests of password authentication and TLS.
    public static func tcpSettings(user: String, password: String?, database: String) async throws -> ConnectionSettings {
        let server = try await TestEnvironment.shared.server()
        return ConnectionSettings(
            endpoint: .tcp(host: server.tcpHost, port: server.tcpPort),
            user: user,
            password: password,
            database: database,
            sslMode: server.tcpSSLMode
        )
    }
}
