import NIOCore
import NIOSSL
import PostgresNIO

extension ServerError {
    /// The fields of a server error, read once from the driver's error.
    init?(_ error: PSQLError) {
        guard let info = error.serverInfo, let sqlState = info[.sqlState] else { return nil }
        self.init(
            sqlState: sqlState,
            severity: info[.severity],
            message: info[.message] ?? "(no message)",
            detail: info[.detail],
            hint: info[.hint],
            position: info[.position].flatMap { Int($0) },
            context: info[.locationContext],
            schema: info[.schemaName],
            table: info[.tableName],
            column: info[.columnName],
            dataType: info[.dataTypeName],
            constraint: info[.constraintName]
        )
    }
}

extension DatabaseError {
    /// `statement` met a connection that had already closed, or that closed before the
    /// server answered it.
    static func connectionClosed(statement: String?) -> DatabaseError {
        DatabaseError(
            .connectionLost, "the connection to the server was closed",
            hint: "the server may have restarted or ended the session, or a network link dropped; run the command again to see the database's state",
            statement: statement
        )
    }

    /// Maps an error the server reported for a statement.
    static func from(_ server: ServerError, statement: String?) -> DatabaseError {
        if server.isConnectionLoss {
            return DatabaseError(.connectionLost, "the server ended the session: \(server.message)", server: server, statement: statement)
        }
        if server.sqlState == "57014" {
            return DatabaseError(.cancelled, "the statement was cancelled: \(server.message)", server: server, statement: statement)
        }
        return DatabaseError(.server, server.message, hint: server.hint, server: server, statement: statement)
    }

    /// Maps an error from running a statement on an open connection.
    static func from(_ error: any Error, statement: String?) -> DatabaseError {
        if let error = error as? DatabaseError { return error }
        if error is CancellationError {
            return DatabaseError(.cancelled, "the statement was cancelled", statement: statement)
        }
        guard let psql = error as? PSQLError else {
            return DatabaseError(.unexpectedResult, "the database driver failed", statement: statement, cause: String(describing: type(of: error)))
        }
        if let server = ServerError(psql) {
            return from(server, statement: statement)
        }
        switch psql.code {
        case .queryCancelled:
            return DatabaseError(.cancelled, "the statement was cancelled", statement: statement)
        case .serverClosedConnection, .clientClosedConnection, .uncleanShutdown, .connectionError:
            return DatabaseError(
                .connectionLost, "the connection to the server was lost",
                hint: "the server may have restarted or a network link dropped; run the command again to see the database's state",
                statement: statement, cause: psql.underlying.map { "\($0)" }
            )
        case .tooManyParameters:
            return DatabaseError(.unexpectedResult, "too many parameters in one statement", statement: statement)
        default:
            return DatabaseError(
                .unexpectedResult, "the database driver reported \(psql.code)",
                statement: statement, cause: psql.underlying.map { "\($0)" }
            )
        }
    }

    /// Maps an error from connecting and authenticating.
    static func fromConnect(_ error: any Error, settings: ConnectionSettings) -> DatabaseError {
        let place = settings.describedEndpoint
        if let error = error as? DatabaseError { return error }
        if error is CancellationError {
            return DatabaseError(.cancelled, "connecting to \(place) was cancelled")
        }
        if error is NIOSSLError {
            return DatabaseError(
                .tls, "the TLS handshake with \(place) failed (sslmode=\(settings.sslMode.rawValue))",
                hint: "check sslmode and sslrootcert; verify-full also checks that the certificate names the host",
                cause: "\(error)"
            )
        }
        guard let psql = error as? PSQLError else {
            // Opening the socket failed (Strata opens it before PostgresNIO takes over).
            return socketFailure("\(error)", settings: settings)
        }
        if let server = ServerError(psql) {
            switch server.sqlState {
            case "28P01", "28000":
                return DatabaseError(
                    .authenticationFailed,
                    "the server at \(place) rejected user \"\(settings.user)\": \(server.message)",
                    hint: "check the user name and password (URL, PGPASSWORD or ~/.pgpass) and the server's pg_hba.conf",
                    server: server
                )
            case "3D000":
                return DatabaseError(
                    .cannotConnect, "database \"\(settings.database)\" does not exist on \(place)",
                    hint: "create it (createdb \(settings.database)) or fix the database name in the URL",
                    server: server
                )
            case "57P03":
                return DatabaseError(
                    .cannotConnect, "the server at \(place) is not accepting connections yet: \(server.message)",
                    hint: "wait for it to finish starting up or recovering, then try again", server: server
                )
            case "53300":
                return DatabaseError(
                    .cannotConnect, "the server at \(place) has no free connection slots: \(server.message)",
                    hint: "close idle connections or raise max_connections", server: server
                )
            default:
                return DatabaseError(.cannotConnect, "the server at \(place) refused the session: \(server.message)", hint: server.hint, server: server)
            }
        }
        switch psql.code {
        case .authMechanismRequiresPassword:
            return DatabaseError(
                .authenticationFailed,
                "the server at \(place) asks for a password for user \"\(settings.user)\", but none was given",
                hint: "put the password in the URL, in PGPASSWORD or in ~/.pgpass"
            )
        case .unsupportedAuthMechanism, .saslError:
            return DatabaseError(
                .authenticationFailed, "authentication with \(place) failed for user \"\(settings.user)\"",
                hint: "the server asked for an authentication method Strata cannot use; password, md5 and scram-sha-256 are supported",
                cause: psql.underlying.map { "\($0)" }
            )
        case .sslUnsupported:
            return DatabaseError(
                .tls, "the server at \(place) does not offer TLS, but sslmode=\(settings.sslMode.rawValue) requires it",
                hint: "enable ssl on the server, or use sslmode=prefer or sslmode=disable"
            )
        case .failedToAddSSLHandler, .receivedUnencryptedDataAfterSSLRequest:
            return DatabaseError(.tls, "TLS could not be set up with \(place)", cause: psql.underlying.map { "\($0)" })
        default:
            break
        }
        if let underlying = psql.underlying, underlying is NIOSSLError {
            return DatabaseError(
                .tls, "the TLS handshake with \(place) failed (sslmode=\(settings.sslMode.rawValue))",
                hint: "check sslmode and sslrootcert; verify-full also checks that the certificate names the host",
                cause: "\(underlying)"
            )
        }
        return socketFailure(psql.underlying.map { "\($0)" }, settings: settings)
    }

    /// The server could not be reached: `cause` says why, in the socket layer's words.
    private static func socketFailure(_ cause: String?, settings: ConnectionSettings) -> DatabaseError {
        var hint = "is the server running and accepting connections there? Check host and port."
        if case .socket = settings.endpoint {
            hint = "is the server running? A socket connection needs the server's socket directory (host=/path) and port."
        }
        return DatabaseError(
            .cannotConnect, "cannot connect to \(settings.describedEndpoint)\(describeSocketFailure(cause))", hint: hint, cause: cause
        )
    }

    private static func describeSocketFailure(_ cause: String?) -> String {
        guard let cause = cause?.lowercased() else { return "" }
        if cause.contains("refused") { return ": connection refused" }
        if cause.contains("no such file") { return ": no such socket" }
        if cause.contains("dns") || cause.contains("resolve") || cause.contains("name or service") { return ": the host name cannot be resolved" }
        if cause.contains("unreachable") { return ": network unreachable" }
        if cause.contains("timed out") || cause.contains("timeout") { return ": timed out" }
        return ""
    }
}
