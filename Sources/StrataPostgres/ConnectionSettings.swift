/// Everything needed to open a session on a PostgreSQL server.
///
/// Built from a URL (``init(url:)``), from libpq-style environment variables, or by
/// hand. The password is never part of ``description`` or ``redactedURL``: print those.
public struct ConnectionSettings: Sendable, Hashable, CustomStringConvertible {
    /// Where the server listens.
    public enum Endpoint: Sendable, Hashable {
        /// A TCP host name or address, and a port.
        case tcp(host: String, port: Int)
        /// A unix-domain socket: the directory holding `.s.PGSQL.<port>`, and the port.
        case socket(directory: String, port: Int)
    }

    /// libpq's `sslmode`.
    public enum SSLMode: String, Sendable, Hashable, CaseIterable, Codable {
        case disable, allow, prefer, require
        case verifyCA = "verify-ca"
        case verifyFull = "verify-full"
    }

    public var endpoint: Endpoint
    public var user: String
    public var password: String?
    public var database: String
    public var sslMode: SSLMode
    /// A PEM file of trusted root certificates (`sslrootcert`); the system roots when nil.
    public var sslRootCertificate: String?
    /// A PEM client certificate and key (`sslcert`, `sslkey`) for certificate authentication.
    public var sslCertificate: String?
    public var sslKey: String?
    /// Seconds allowed for connecting and authenticating (`connect_timeout`, default 10).
    public var connectTimeout: Double
    public var applicationName: String
    /// Run-time parameters sent in the startup message (`search_path`, …): the session
    /// starts with them as its defaults, so `RESET` and `RESET ALL` return to them. Values
    /// are PostgreSQL's text forms (`"tenant_a"` quoted as `search_path` wants it). Read
    /// from and written to a URL's `options` (`-c name=value`), as libpq does.
    public var startupParameters: [String: String] = [:]

    public init(
        endpoint: Endpoint,
        user: String,
        password: String? = nil,
        database: String,
        sslMode: SSLMode = .prefer,
        sslRootCertificate: String? = nil,
        sslCertificate: String? = nil,
        sslKey: String? = nil,
        connectTimeout: Double = 10,
        applicationName: String = "strata"
    ) {
        self.endpoint = endpoint
        self.user = user
        self.password = password
        self.database = database
        self.sslMode = sslMode
        self.sslRootCertificate = sslRootCertificate
        self.sslCertificate = sslCertificate
        self.sslKey = sslKey
        self.connectTimeout = connectTimeout
        self.applicationName = applicationName
    }

    /// The port, whichever endpoint.
    public var port: Int {
        switch endpoint {
        case .tcp(_, let port), .socket(_, let port): return port
        }
    }

    /// The host as a user would write it: a host name, or the socket directory.
    public var host: String {
        switch endpoint {
        case .tcp(let host, _): return host
        case .socket(let directory, _): return directory
        }
    }

    /// The same settings pointing at another database on the same server.
    public func with(database: String) -> ConnectionSettings {
        var copy = self
        copy.database = database
        return copy
    }

    /// A `postgres://` URL for these settings with the password shown as `***`.
    public var redactedURL: String { url(includingPassword: false) }

    /// A `postgres://` URL for these settings. Only pass `includingPassword: true`
    /// when handing the URL to a child process, never to output or logs.
    public func url(includingPassword: Bool) -> String {
        var userInfo = URLComponentEncoding.encode(user, allowing: .userInfo)
        if password != nil {
            userInfo += ":" + (includingPassword ? URLComponentEncoding.encode(password ?? "", allowing: .userInfo) : "***")
        }
        var query: [String] = []
        let hostPart: String
        switch endpoint {
        case .tcp(let host, let port):
            let shownHost = host.contains(":") ? "[\(host)]" : URLComponentEncoding.encode(host, allowing: .host)
            hostPart = "\(shownHost):\(port)"
        case .socket(let directory, let port):
            hostPart = ""
            query.append("host=" + URLComponentEncoding.encode(directory, allowing: .queryValue))
            query.append("port=\(port)")
        }
        if sslMode != .prefer, case .tcp = endpoint { query.append("sslmode=\(sslMode.rawValue)") }
        if let sslRootCertificate { query.append("sslrootcert=" + URLComponentEncoding.encode(sslRootCertificate, allowing: .queryValue)) }
        if let sslCertificate { query.append("sslcert=" + URLComponentEncoding.encode(sslCertificate, allowing: .queryValue)) }
        if let sslKey { query.append("sslkey=" + URLComponentEncoding.encode(sslKey, allowing: .queryValue)) }
        if !startupParameters.isEmpty { query.append("options=" + URLComponentEncoding.encode(optionsText, allowing: .queryValue)) }
        var text = "postgres://\(userInfo)@\(hostPart)/\(URLComponentEncoding.encode(database, allowing: .path))"
        if !query.isEmpty { text += "?" + query.joined(separator: "&") }
        return text
    }

    public var description: String { redactedURL }
}
