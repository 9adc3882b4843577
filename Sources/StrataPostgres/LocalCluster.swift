import StrataSQL
import Foundation

/// A PostgreSQL cluster that Strata creates and runs itself: the development database
/// behind `strata dev start|stop|status|url|destroy`, and the per-process test server.
///
/// Layout under ``directory``:
///
/// - `data/` — the data directory (`PGDATA`), created once by `initdb`;
/// - `server.log` — the server's log;
/// - `port` — the TCP port the server used last, tried first on the next start;
/// - `cluster.lock` — serialises starts, stops and `initdb` across processes.
///
/// The server listens on `127.0.0.1` on a free port and on a unix socket in a short private
/// directory, `/tmp/strata-<hash of the data directory>` (socket paths are limited to about
/// 107 bytes, which a project path can exceed). The superuser is `postgres`; Strata's own
/// connections use the socket, where it needs no password.
///
/// When the process runs as root the programs run as the `postgres` system user through
/// `runuser`, because PostgreSQL refuses to run as root.
///
/// A value of this type holds no state beyond its configuration: every method reads the
/// files on disk, so several values (or processes) for the same directory agree.
public struct LocalCluster: Sendable {
    /// How TCP clients authenticate (`initdb --auth-host`). The unix socket always trusts
    /// local users. Fixed when the cluster is created.
    public enum HostAuthentication: String, Sendable, Hashable, Codable {
        /// No password over TCP: the development default.
        case trust
        /// Passwords checked with SCRAM-SHA-256, so that tests can try wrong passwords.
        case scramSHA256 = "scram-sha-256"
    }

    /// How a cluster is created and started.
    public struct Options: Sendable, Hashable {
        /// Authentication for TCP connections, applied by `initdb` when the cluster is created.
        public var hostAuthentication: HostAuthentication
        /// `true` keeps PostgreSQL's crash-safe defaults. `false` (for throwaway test
        /// clusters) turns off `fsync`, `synchronous_commit` and `full_page_writes`, which
        /// is fast but can lose or corrupt data if the machine crashes.
        public var durable: Bool
        /// Extra server settings, passed as `-c name=value` on every start; they win over
        /// Strata's own (`port`, `listen_addresses`, `unix_socket_directories`, …).
        public var settings: [String: String]

        /// Development defaults: trust over TCP, durable, no extra settings.
        public init(hostAuthentication: HostAuthentication = .trust, durable: Bool = true, settings: [String: String] = [:]) {
            self.hostAuthentication = hostAuthentication
            self.durable = durable
            self.settings = settings
        }
    }

    /// The superuser role `initdb` creates and Strata connects as.
    public static let superuser = "postgres"

    /// The cluster's directory as an absolute path, with symbolic links resolved as far
    /// as it exists.
    public let directory: String
    /// How the cluster is created and started.
    public var options: Options
    /// The programs to use; located with ``PostgresBinaries/locate(environment:)`` on
    /// first need when nil.
    public var binaries: PostgresBinaries?

    /// - Parameters:
    ///   - directory: where the cluster lives, e.g. `<project>/.strata/postgres`; a
    ///     relative path is taken from the current directory now.
    ///   - options: creation and start options.
    ///   - binaries: the PostgreSQL programs; found on first need when nil.
    public init(directory: String, options: Options = .init(), binaries: PostgresBinaries? = nil) {
        self.directory = Self.absolutePath(directory)
        self.options = options
        self.binaries = binaries
    }

    /// `<directory>/data`.
    public var dataDirectory: String { directory + "/data" }
    /// `<directory>/server.log`.
    public var logFile: String { directory + "/server.log" }
    var portFile: String { directory + "/port" }
    var lockFile: String { directory + "/cluster.lock" }
    var stagingDirectory: String { directory + "/data.initdb" }

    /// The short private directory for the server's unix socket:
    /// `/tmp/strata-<8 hex digits of a hash of the data directory>`.
    public var socketDirectory: String {
        "/tmp/strata-" + Self.hexHash(dataDirectory)
    }

    /// What is on disk now: whether the cluster exists and its server runs, and where.
    ///
    /// Cheap enough for every command: it reads `postmaster.pid`, `PG_VERSION` and the port
    /// file and checks that the recorded process is alive and is this cluster's postmaster
    /// (a process id left behind by a crash may have been reused). No server round trip.
    ///
    /// - Throws: ``DatabaseError`` (`localCluster`) when the files exist but cannot be read.
    public func status() throws -> LocalClusterStatus {
        let version = try readTextFile(dataDirectory + "/PG_VERSION").flatMap { Int($0.trimmingWhitespace()) }
        let pidFile = try readTextFile(dataDirectory + "/postmaster.pid").flatMap(PostmasterPidFile.init(text:))
        let running = pidFile.map { isPostmaster(pid: $0.pid) } ?? false
        return LocalClusterStatus(
            isInitialized: version != nil,
            isRunning: running,
            pid: running ? pidFile?.pid : nil,
            port: running ? (pidFile?.port ?? rememberedPort()) : rememberedPort(),
            socketDirectory: running ? (pidFile?.socketDirectory ?? socketDirectory) : socketDirectory,
            dataDirectory: dataDirectory,
            majorVersion: version,
            superuser: Self.superuser
        )
    }

    /// Settings for Strata's own connections to `database`: the superuser over the unix
    /// socket. Meaningful once ``start()`` has returned.
    public func settings(database: String) -> ConnectionSettings {
        let current = try? status()
        return ConnectionSettings(
            endpoint: .socket(directory: current?.socketDirectory ?? socketDirectory, port: current?.port ?? 5432),
            user: Self.superuser,
            database: database,
            sslMode: .disable
        )
    }

    /// Creates `name` unless it exists. Cheap when it does: one query. Safe when several
    /// processes ensure the same database at once.
    public func ensureDatabase(_ name: String) async throws {
        let session = try await PostgresSession.connect(settings(database: "postgres"))
        do {
            let exists = try await session.scalar("SELECT 1 FROM pg_catalog.pg_database WHERE datname = $1", [name]) != nil
            if !exists {
                do {
                    try await session.execute("CREATE DATABASE " + SQLIdentifier.quote(name))
                } catch let error as DatabaseError where error.server?.sqlState == "42P04" {
                    // Created by someone else meanwhile: that is what we wanted.
                }
            }
            await session.close()
        } catch {
            await session.close()
            throw error
        }
    }

    /// The binaries given at creation, or the ones found in this process's environment.
    func resolvedBinaries() throws -> PostgresBinaries {
        if let binaries { return binaries }
        return try PostgresBinaries.locate(environment: ProcessInfo.processInfo.environment)
    }

    /// An absolute, lexically normalised path whose existing part has its links resolved.
    static func absolutePath(_ path: String) -> String {
        let base = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        var components: [Substring] = []
        for component in base.split(separator: "/") {
            switch component {
            case ".": continue
            case "..": _ = components.popLast()
            default: components.append(component)
            }
        }
        var missing: [Substring] = []
        while !components.isEmpty {
            if let resolved = realPath("/" + components.joined(separator: "/")) {
                return ([resolved == "/" ? "" : resolved] + missing.reversed().map(String.init)).joined(separator: "/")
            }
            missing.append(components.removeLast())
        }
        return "/" + missing.reversed().joined(separator: "/")
    }

    /// Eight lowercase hex digits of the 32-bit FNV-1a hash of `text`.
    static func hexHash(_ text: String) -> String {
        var hash: UInt32 = 0x811c_9dc5
        for byte in text.utf8 {
            hash ^= UInt32(byte)
            hash = hash &* 0x0100_0193
        }
        let digits = String(hash, radix: 16)
        return String(repeating: "0", count: 8 - digits.count) + digits
    }
}
