/// What ``LocalCluster/status()`` found: read from files, without talking to the server.
public struct LocalClusterStatus: Sendable, Codable, Hashable {
    /// `initdb` has completed in the data directory.
    public var isInitialized: Bool
    /// A postmaster for this data directory is alive.
    public var isRunning: Bool
    /// The postmaster's process id, when running.
    public var pid: Int?
    /// The TCP port on `127.0.0.1`: the server's own when running (from `postmaster.pid`),
    /// otherwise the port it used last and will try first, if any.
    public var port: Int?
    /// The directory holding the server's unix socket: the server's own when running,
    /// otherwise where the next start will put it.
    public var socketDirectory: String?
    /// The cluster's data directory (`PGDATA`).
    public var dataDirectory: String
    /// The major version the cluster was created with (its `PG_VERSION` file), if initialized.
    public var majorVersion: Int?
    /// The superuser role Strata connects as.
    public var superuser: String

    /// A status with every field given; ``LocalCluster/status()`` makes the real ones.
    public init(
        isInitialized: Bool, isRunning: Bool, pid: Int?, port: Int?, socketDirectory: String?,
        dataDirectory: String, majorVersion: Int?, superuser: String
    ) {
        self.isInitialized = isInitialized
        self.isRunning = isRunning
        self.pid = pid
        self.port = port
        self.socketDirectory = socketDirectory
        self.dataDirectory = dataDirectory
        self.majorVersion = majorVersion
        self.superuser = superuser
    }

    enum CodingKeys: String, CodingKey {
        case isInitialized = "initialized", isRunning = "running", pid, port, socketDirectory = "socket_directory"
        case dataDirectory = "data_directory", majorVersion = "major_version", superuser
    }

    /// A URL for `database` over TCP, usable by `psql` and other tools:
    /// `postgres://postgres@127.0.0.1:PORT/database`. The local cluster needs no password
    /// from the superuser in development mode.
    public func url(database: String) -> String {
        let user = URLComponentEncoding.encode(superuser, allowing: .userInfo)
        let name = URLComponentEncoding.encode(database, allowing: .path)
        let host = port.map { "127.0.0.1:\($0)" } ?? "127.0.0.1"
        return "postgres://\(user)@\(host)/\(name)"
    }
}
