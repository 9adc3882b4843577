#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Finding TCP ports on `127.0.0.1` that nothing listens on.
enum LoopbackPort {
    /// A port the system considers free now: bind port 0 and read what it chose.
    static func pickFree() throws -> Int {
        guard let port = probe(0) else {
            throw DatabaseError(
                .localCluster, "cannot find a free TCP port on 127.0.0.1: \(String(cString: strerror(errno)))",
                hint: "check that the loopback interface is up"
            )
        }
        return port
    }

    /// Whether a server could listen on `port` now (with `SO_REUSEADDR`, as PostgreSQL
    /// binds, so connections lingering in TIME_WAIT do not count).
    static func isFree(_ port: Int) -> Bool {
        guard (1...65535).contains(port) else { return false }
        return probe(port) != nil
    }

    /// Binds a TCP socket to `127.0.0.1:port`, closes it, and returns the bound port.
    private static func probe(_ port: Int) -> Int? {
        #if canImport(Glibc)
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        #else
        let descriptor = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var reuse: Int32 = 1
        setsockopt(descriptor, SOL_SOCKET, SO_REUSEADDR, &reuse, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = in_addr_t(UInt32(0x7f00_0001).bigEndian)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0, listen(descriptor, 1) == 0 else { return nil }
        var actual = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let named = withUnsafeMutablePointer(to: &actual) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        guard named == 0 else { return nil }
        return Int(UInt16(bigEndian: actual.sin_port))
    }
}
