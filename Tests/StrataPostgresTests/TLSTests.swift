@testable import StrataPostgres
import StrataTesting
import Testing

@Suite("TLS")
struct TLSTests {
    /// A second local cluster with `ssl=on` and a self-signed certificate for localhost.
    @Test func sslModesAgainstATLSServer() async throws {
        let certificates = try Support.makeTemporaryDirectory("strata-certs")
        let directory = try Support.makeTemporaryDirectory("strata-tls")
        let server = try Support.makeCertificate(in: certificates, name: "server")
        let otherAuthority = try Support.makeCertificate(in: certificates, name: "other")
        let cluster = LocalCluster(
            directory: directory,
            options: .init(durable: false, settings: [
                "ssl": "on", "ssl_cert_file": server.certificate, "ssl_key_file": server.key,
            ])
        )
        do {
            let status = try await cluster.start()
            let port = try #require(status.port)

            var require = ConnectionSettings(
                endpoint: .tcp(host: "127.0.0.1", port: port), user: LocalCluster.superuser, database: "postgres",
                sslMode: .require
            )
            let session = try await PostgresSession.connect(require)
            #expect(try await session.scalar("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()") == "t")
            await session.close()

            var verified = require
            verified.endpoint = .tcp(host: "localhost", port: port)
            verified.sslMode = .verifyFull
            verified.sslRootCertificate = server.certificate
            let verifiedSession = try await PostgresSession.connect(verified)
            #expect(try await verifiedSession.scalar("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()") == "t")
            await verifiedSession.close()

            var wrongAuthority = verified
            wrongAuthority.sslRootCertificate = otherAuthority.certificate
            let error = await #expect(throws: DatabaseError.self) { try await PostgresSession.connect(wrongAuthority) }
            #expect(error?.code == .tls)

            require.sslMode = .disable
            let plain = try await PostgresSession.connect(require)
            #expect(try await plain.scalar("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()") == "f")
            await plain.close()
        } catch {
            try? await cluster.destroy()
            try? removeTree(certificates)
            throw error
        }
        try await cluster.destroy()
        try removeTree(certificates)
    }

    @Test func requireAgainstAServerWithoutTLSFails() async throws {
        var settings = try await TestServer.tcpSettings(user: "postgres", password: nil, database: "postgres")
        settings.sslMode = .require
        let error = await #expect(throws: DatabaseError.self) { try await PostgresSession.connect(settings) }
        #expect(error?.code == .tls)
    }
}
