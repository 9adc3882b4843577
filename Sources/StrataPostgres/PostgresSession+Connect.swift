import Logging
import NIOCore
import NIOPosix
import NIOSSL
import PostgresNIO

extension PostgresSession {
    /// Opens a session: connects, sets up TLS as `sslMode` asks, authenticates.
    ///
    /// The whole handshake is bounded by `settings.connectTimeout`.
    ///
    /// - Throws: ``DatabaseError`` with a connection code (`cannotConnect`,
    ///   `authenticationFailed`, `tls`, `connectTimedOut`, `invalidSettings`).
    public static func connect(_ settings: ConnectionSettings, logger: Logger = .strataQuiet) async throws -> PostgresSession {
        let started = PhaseTimeline.isEnabled ? PhaseTimeline.now() : 0
        defer { PhaseTimeline.span("connect", since: started) }
        let configuration = try makeConfiguration(settings)
        let timeout = settings.connectTimeout
        let connection: PostgresConnection = try await withThrowingTaskGroup(of: PostgresConnection?.self) { group in
            group.addTask {
                do {
                    return try await PostgresConnection.connect(
                        on: MultiThreadedEventLoopGroup.singleton.any(),
                        configuration: configuration,
                        id: 1,
                        logger: logger
                    )
                } catch {
                    throw DatabaseError.fromConnect(error, settings: settings)
                }
            }
            group.addTask {
                try await Task.sleep(nanoseconds: UInt64(timeout * 1_000_000_000))
                return nil
            }
            defer { group.cancelAll() }
            while let result = try await group.next() {
                if let connection = result {
                    return connection
                }
                // The timer fired first. Close a connection that still arrives late.
                group.cancelAll()
                while let late = try? await group.next() { try? await late?.close() }
                throw DatabaseError(
                    .connectTimedOut,
                    "connecting to \(settings.describedEndpoint) timed out after \(formatSeconds(timeout))",
                    hint: "check that the host and port are right and reachable (firewall, VPN); "
                        + "if the server is just slow, raise connect_timeout in the URL"
                )
            }
            throw DatabaseError(.cannotConnect, "connecting to \(settings.describedEndpoint) was cancelled")
        }
        return PostgresSession(owning: connection, logger: logger)
    }

    static func makeConfiguration(_ settings: ConnectionSettings) throws -> PostgresConnection.Configuration {
        var configuration: PostgresConnection.Configuration
        switch settings.endpoint {
        case .tcp(let host, let port):
            configuration = .init(
                host: host, port: port, username: settings.user, password: settings.password,
                database: settings.database, tls: try makeTLS(settings)
            )
        case .socket(let directory, let port):
            configuration = .init(
                unixSocketPath: "\(directory)/.s.PGSQL.\(port)", username: settings.user,
                password: settings.password, database: settings.database
            )
        }
        configuration.options.connectTimeout = .milliseconds(Int64(settings.connectTimeout * 1000))
        configuration.options.additionalStartupParameters = [("application_name", settings.applicationName)]
            + settings.startupParameters.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        return configuration
    }

    private static func makeTLS(_ settings: ConnectionSettings) throws -> PostgresConnection.Configuration.TLS {
        if settings.sslMode == .disable { return .disable }
        var tls = TLSConfiguration.makeClientConfiguration()
        switch settings.sslMode {
        case .disable, .allow, .prefer, .require:
            tls.certificateVerification = .none
        case .verifyCA:
            tls.certificateVerification = .noHostnameVerification
        case .verifyFull:
            tls.certificateVerification = .fullVerification
        }
        do {
            if let root = settings.sslRootCertificate {
                tls.trustRoots = .file(root)
            } else if tls.certificateVerification == .none {
                // Nothing is verified, so the system's certificate store is not needed:
                // loading it cost more CPU than the rest of `strata status`.
                tls.trustRoots = .certificates([])
            }
            if let certificate = settings.sslCertificate {
                tls.certificateChain = try NIOSSLCertificate.fromPEMFile(certificate).map { .certificate($0) }
            }
            if let key = settings.sslKey {
                tls.privateKey = .privateKey(try NIOSSLPrivateKey(file: key, format: .pem))
            }
            let context = try NIOSSLContext(configuration: tls)
            switch settings.sslMode {
            case .require, .verifyCA, .verifyFull: return .require(context)
            default: return .prefer(context)
            }
        } catch {
            throw DatabaseError(
                .tls, "cannot set up TLS for sslmode=\(settings.sslMode.rawValue)",
                hint: "check the files named by sslrootcert, sslcert and sslkey", cause: "\(error)"
            )
        }
    }
}

extension ConnectionSettings {
    /// `host:port` or the socket path, for messages.
    public var describedEndpoint: String {
        switch endpoint {
        case .tcp(let host, let port): return host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
        case .socket(let directory, let port): return "\(directory)/.s.PGSQL.\(port)"
        }
    }
}

func formatSeconds(_ seconds: Double) -> String {
    seconds == seconds.rounded() ? "\(Int(seconds)) s" : "\(seconds) s"
}
