import Logging
import NIOCore
import NIOPosix
import NIOSSL
import PostgresNIO

extension PostgresSession {
    /// Opens a session: connects, sets up TLS as `sslMode` asks, authenticates.
    ///
    /// The whole handshake is bounded by `settings.connectTimeout`. Strata opens the
    /// socket itself and hands it to PostgresNIO, so that it can add the handler that
    /// pipelines queued statements (``PipelineHandler``) once the session is set up.
    ///
    /// - Throws: ``DatabaseError`` with a connection code (`cannotConnect`,
    ///   `authenticationFailed`, `tls`, `connectTimedOut`, `invalidSettings`).
    public static func connect(_ settings: ConnectionSettings, logger: Logger = .strataQuiet) async throws -> PostgresSession {
        let started = PhaseTimeline.isEnabled ? PhaseTimeline.now() : 0
        defer { PhaseTimeline.span("connect", since: started) }
        // TLS over TCP only, as libpq: a Unix-domain socket never negotiates it.
        let tls: PostgresConnection.Configuration.TLS
        switch settings.endpoint {
        case .tcp: tls = try makeTLS(settings)
        case .socket: tls = .disable
        }
        let loop = MultiThreadedEventLoopGroup.singleton.any()
        let timeout = settings.connectTimeout
        let (connection, channel) = try await withThrowingTaskGroup(of: (PostgresConnection, any Channel)?.self) { group in
            group.addTask {
                let channel: any Channel
                do {
                    channel = try await openSocket(settings, on: loop)
                } catch {
                    throw DatabaseError.fromConnect(error, settings: settings)
                }
                do {
                    let connection = try await PostgresConnection.connect(
                        on: loop,
                        configuration: makeConfiguration(settings, channel: channel, tls: tls),
                        id: 1,
                        logger: logger
                    )
                    return (connection, channel)
                } catch {
                    try? await channel.close()
                    throw DatabaseError.fromConnect(error, settings: settings)
                }
            }
            group.addTask {
                try await Task.sleep(nanoseconds: UInt64(timeout * 1_000_000_000))
                return nil
            }
            defer { group.cancelAll() }
            while let result = try await group.next() {
                if let opened = result {
                    return opened
                }
                // The timer fired first. Close a connection that still arrives late.
                group.cancelAll()
                while let late = try? await group.next() { try? await late?.0.close() }
                throw DatabaseError(
                    .connectTimedOut,
                    "connecting to \(settings.describedEndpoint) timed out after \(formatSeconds(timeout))",
                    hint: "check that the host and port are right and reachable (firewall, VPN); "
                        + "if the server is just slow, raise connect_timeout in the URL"
                )
            }
            throw DatabaseError(.cannotConnect, "connecting to \(settings.describedEndpoint) was cancelled")
        }
        let pipeline: NIOLoopBound<PipelineHandler>
        do {
            pipeline = try await loop.submit {
                let handler = PipelineHandler()
                let operations = channel.pipeline.syncOperations
                // Next to PostgresNIO's handlers: after TLS, where the bytes are plain.
                if let tls = try? operations.context(handlerType: NIOSSLClientHandler.self) {
                    try operations.addHandler(handler, position: .after(tls.handler))
                } else {
                    try operations.addHandler(handler, position: .first)
                }
                return NIOLoopBound(handler, eventLoop: loop)
            }.get()
        } catch {
            try? await connection.close()
            throw DatabaseError(.cannotConnect, "the connection to \(settings.describedEndpoint) closed while it was set up", cause: "\(error)")
        }
        return PostgresSession(owning: connection, logger: logger, pipeline: pipeline)
    }

    /// A connected socket to the server, TCP or Unix-domain.
    private static func openSocket(_ settings: ConnectionSettings, on loop: any EventLoop) async throws -> any Channel {
        let bootstrap = ClientBootstrap(group: loop).connectTimeout(.milliseconds(Int64(settings.connectTimeout * 1000)))
        switch settings.endpoint {
        case .tcp(let host, let port):
            return try await bootstrap.connect(host: host, port: port).get()
        case .socket(let directory, let port):
            return try await bootstrap.connect(unixDomainSocketPath: "\(directory)/.s.PGSQL.\(port)").get()
        }
    }

    static func makeConfiguration(
        _ settings: ConnectionSettings, channel: any Channel, tls: PostgresConnection.Configuration.TLS
    ) -> PostgresConnection.Configuration {
        var configuration = PostgresConnection.Configuration(
            establishedChannel: channel, tls: tls, username: settings.user, password: settings.password,
            database: settings.database
        )
        // As PostgresNIO names the server for TLS when it opens the socket: by host name,
        // never by address (not valid in SNI).
        if case .tcp(let host, _) = settings.endpoint, (try? SocketAddress(ipAddress: host, port: 0)) == nil {
            configuration.options.tlsServerName = host
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
