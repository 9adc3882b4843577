#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The values libpq falls back to when a connection string leaves them out.
public struct ConnectionDefaults: Sendable {
    /// The user name when none is given (libpq: the operating-system user).
    public var user: String
    /// The socket directory for a port when no host is given.
    public var socketDirectory: @Sendable (Int) -> String

    public init(user: String, socketDirectory: @escaping @Sendable (Int) -> String) {
        self.user = user
        self.socketDirectory = socketDirectory
    }

    /// The operating-system user, and the first of `/var/run/postgresql` and `/tmp` that
    /// holds a socket for the port (Debian's server uses the first, upstream builds the second).
    public static var system: ConnectionDefaults {
        ConnectionDefaults(user: currentUserName()) { port in
            let candidates = ["/var/run/postgresql", "/tmp"]
            for directory in candidates where access("\(directory)/.s.PGSQL.\(port)", F_OK) == 0 {
                return directory
            }
            return access(candidates[0], F_OK) == 0 ? candidates[0] : candidates[1]
        }
    }

    /// The effective user's login name, or `postgres` if it cannot be read.
    public static func currentUserName() -> String {
        if let entry = getpwuid(geteuid()), let name = entry.pointee.pw_name {
            return String(cString: name)
        }
        return "postgres"
    }
}
