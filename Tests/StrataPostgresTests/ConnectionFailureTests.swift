#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import StrataSQL
@testable import StrataPostgres
import StrataTesting
import Testing

/// Connecting fails with the right code, quickly, and without leaking the password.
/// The test server checks passwords over TCP (SCRAM), so these tests make a role with one.
@Suite("Connection failures")
struct ConnectionFailureTests {
    /// Creates a login role with a password for the duration of `body`.
    private func withRole(
        _ label: String = #function, _ body: (_ role: String, _ password: String, _ database: TestDatabase) async throws -> Void
    ) async throws {
        try await TestDatabase.withDatabase(label) { database in
            let role = "strata_r_\(getpid())_\(UInt32.random(in: 0...UInt32.max))"
            let password = "Right-\(UInt32.random(in: 0...UInt32.max))-p@ss"
            let admin = try await PostgresSession.connect(try await TestServer.adminSettings())
            try await admin.execute("CREATE ROLE \(SQLIdentifier.quote(role)) LOGIN PASSWORD '\(password)'")
            do {
                try await body(role, password, database)
            } catch {
                try? await admin.execute("DROP ROLE IF EXISTS \(SQLIdentifier.quote(role))")
                await admin.close()
                throw error
            }
            try? await admin.execute("DROP ROLE IF EXISTS \(SQLIdentifier.quote(role))")
            await admin.close()
        }
    }

    @Test func rightPasswordConnectsOverTCP() async throws {
        try await withRole { role, password, database in
            let settings = try await TestServer.tcpSettings(user: role, password: password, database: database.name)
            let session = try await PostgresSession.connect(settings)
            #expect(try await session.scalar("SELECT current_user") == role)
            await session.close()
        }
    }

    @Test func wrongPasswordIsAuthenticationFailedAndNeverShown() async throws {
        try await withRole { role, _, database in
            let wrong = "Wr0ng-secret-\(UInt32.random(in: 0...UInt32.max))"
            let settings = try await TestServer.tcpSettings(user: role, password: wrong, database: database.name)
            let error = await #expect(throws: DatabaseError.self) { try await PostgresSession.connect(settings) }
            #expect(error?.code == .authenticationFailed)
            #expect(error?.server?.sqlState == "28P01")
            if let error {
                #expect(!String(describing: error).contains(wrong))
                #expect(!error.description.contains(wrong))
                #expect(!String(reflecting: error).contains(wrong))
                #expect(!error.message.contains(wrong))
                #expect(!(error.cause ?? "").contains(wrong))
            }
        }
    }

    @Test func missingPasswordIsAuthenticationFailed() async throws {
        try await withRole { role, _, database in
            let settings = try await TestServer.tcpSettings(user: role, password: nil, database: database.name)
            let error = await #expect(throws: DatabaseError.self) { try await PostgresSession.connect(settings) }
            #expect(error?.code == .authenticationFailed)
            #expect(error?.hint?.contains("password") == true)
        }
    }

    @Test func unknownDatabaseIsCannotConnect() async throws {
        let settings = try await TestServer.adminSettings().with(database: "strata_no_such_database")
        let error = await #expect(throws: DatabaseError.self) { try await PostgresSession.connect(settings) }
        #expect(error?.code == .cannotConnect)
        #expect(error?.server?.sqlState == "3D000")
        #expect(error?.message.contains("strata_no_such_database") == true)
    }

    @Test func refusedPortIsCannotConnectQuickly() async throws {
        let port = try LoopbackPort.pickFree()
        let settings = ConnectionSettings(endpoint: .tcp(host: "127.0.0.1", port: port), user: "postgres", database: "postgres")
        let (error, seconds) = await Support.seconds {
            await #expect(throws: DatabaseError.self) { try await PostgresSession.connect(settings) }
        }
        #expect(error?.code == .cannotConnect)
        #expect(error?.message.contains("127.0.0.1:\(port)") == true)
        // Refused, not timed out (the default connect timeout is 10 s); the bound only
        // tells a refusal from a hang on a loaded machine.
        #expect(error?.message.contains("timed out") == false)
        #expect(seconds < 60)
    }

    @Test func missingSocketIsCannotConnect() async throws {
        let settings = ConnectionSettings(endpoint: .socket(directory: "/tmp/strata-no-such-dir", port: 5432), user: "postgres", database: "postgres")
        let error = await #expect(throws: DatabaseError.self) { try await PostgresSession.connect(settings) }
        #expect(error?.code == .cannotConnect)
    }

    /// A server that accepts the TCP connection but never answers stands in for an
    /// unroutable address (this machine may send no traffic off loopback): the whole
    /// handshake is bounded by connect_timeout.
    @Test func silentServerTimesOutWithinConnectTimeout() async throws {
        let listener = try SilentListener()
        defer { listener.close() }
        let settings = ConnectionSettings(
            endpoint: .tcp(host: "127.0.0.1", port: listener.port), user: "postgres", database: "postgres",
            sslMode: .disable, connectTimeout: 2
        )
        let (error, seconds) = await Support.seconds {
            await #expect(throws: DatabaseError.self) { try await PostgresSession.connect(settings) }
        }
        #expect(error?.code == .connectTimedOut || error?.code == .cannotConnect)
        #expect(seconds >= 1.5)
        // A generous bound that tells "gave up" from "hung", not a benchmark.
        #expect(seconds < 60)
    }
}
