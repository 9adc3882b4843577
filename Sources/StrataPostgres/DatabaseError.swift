/// The fields of an error reported by the PostgreSQL server (an `ErrorResponse`).
public struct ServerError: Sendable, Hashable, Codable {
    /// The five-character SQLSTATE, e.g. `42P01`.
    public var sqlState: String
    public var severity: String?
    public var message: String
    public var detail: String?
    public var hint: String?
    /// 1-based character index into the statement text where the error was found.
    public var position: Int?
    /// The call stack context (`CONTEXT:` in psql), e.g. a PL/pgSQL line.
    public var context: String?
    public var schema: String?
    public var table: String?
    public var column: String?
    public var dataType: String?
    public var constraint: String?

    public init(
        sqlState: String, severity: String? = nil, message: String, detail: String? = nil,
        hint: String? = nil, position: Int? = nil, context: String? = nil, schema: String? = nil,
        table: String? = nil, column: String? = nil, dataType: String? = nil, constraint: String? = nil
    ) {
        self.sqlState = sqlState
        self.severity = severity
        self.message = message
        self.detail = detail
        self.hint = hint
        self.position = position
        self.context = context
        self.schema = schema
        self.table = table
        self.column = column
        self.dataType = dataType
        self.constraint = constraint
    }

    /// SQLSTATE class 08 (connection exception), 57P0x (operator intervention: the server
    /// is shutting down or the backend was terminated), or a timeout that ends the
    /// session (`idle_session_timeout` 57P05, `idle_in_transaction_session_timeout` 25P03).
    public var isConnectionLoss: Bool {
        sqlState.hasPrefix("08") || ["57P01", "57P02", "57P03", "57P05", "25P03"].contains(sqlState)
    }
}

/// An error from connecting to or talking with PostgreSQL, or from the local cluster.
///
/// `message` says what happened, `hint` what to do. Passwords never appear in either.
public struct DatabaseError: Error, Sendable, CustomStringConvertible {
    /// A stable category. New codes may be added.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private enum Base: String, Sendable {
            case invalidSettings = "invalid-settings"
            case cannotConnect = "cannot-connect"
            case authenticationFailed = "authentication-failed"
            case tls = "tls"
            case connectTimedOut = "connect-timed-out"
            case connectionLost = "connection-lost"
            case server = "server"
            case cancelled = "cancelled"
            case unexpectedResult = "unexpected-result"
            case localCluster = "local-cluster"
            case binariesNotFound = "binaries-not-found"
        }
        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// A connection string, URL or setting is malformed.
        public static let invalidSettings = Code(.invalidSettings)
        /// The server could not be reached (refused, unknown host, no socket).
        public static let cannotConnect = Code(.cannotConnect)
        /// The server rejected the user, password or database.
        public static let authenticationFailed = Code(.authenticationFailed)
        /// TLS could not be set up as `sslmode` demands.
        public static let tls = Code(.tls)
        /// Connecting and authenticating took longer than `connect_timeout`.
        public static let connectTimedOut = Code(.connectTimedOut)
        /// An open connection broke.
        public static let connectionLost = Code(.connectionLost)
        /// A statement failed on the server; see ``DatabaseError/server``.
        public static let server = Code(.server)
        /// The operation was cancelled by the caller.
        public static let cancelled = Code(.cancelled)
        /// The server answered in a shape Strata did not expect.
        public static let unexpectedResult = Code(.unexpectedResult)
        /// The local development cluster could not be set up, started or stopped.
        public static let localCluster = Code(.localCluster)
        /// PostgreSQL's server programs (initdb, pg_ctl, postgres) were not found.
        public static let binariesNotFound = Code(.binariesNotFound)

        public var description: String { base.rawValue }

        /// True for the codes that mean "could not open a usable session".
        public var isConnectionFailure: Bool {
            [Base.cannotConnect, .authenticationFailed, .tls, .connectTimedOut, .invalidSettings].contains(base)
        }
    }

    public var code: Code
    public var message: String
    public var hint: String?
    /// The server's error fields when the server reported the error.
    public var server: ServerError?
    /// The statement that failed, when there is one.
    public var statement: String?
    /// A short description of the underlying cause (a socket error, say).
    public var cause: String?

    public init(
        _ code: Code, _ message: String, hint: String? = nil, server: ServerError? = nil,
        statement: String? = nil, cause: String? = nil
    ) {
        self.code = code
        self.message = message
        self.hint = hint
        self.server = server
        self.statement = statement
        self.cause = cause
    }

    public var description: String {
        var text = message
        if let server, server.message != message { text += ": " + server.message }
        if let cause { text += " (\(cause))" }
        if let hint { text += "\nhint: " + hint }
        return text
    }
}
