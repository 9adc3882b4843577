#if canImport(Glibc)
import Glibc
#endif

/// TCP endpoints on 127.0.0.1 for connection-failure tests.
enum LoopbackSockets {
    /// A port nothing listens on now (bound to port 0, read back, closed): connecting to
    /// it is refused at once.
    static func freePort() throws -> Int {
        let descriptor = try makeSocket()
        defer { close(descriptor) }
        try bindLoopback(descriptor)
        return port(of: descriptor)
    }

    fileprivate static func makeSocket() throws -> Int32 {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { throw TestFailure("socket() failed: \(String(cString: strerror(errno)))") }
        return descriptor
    }

    fileprivate static func bindLoopback(_ descriptor: Int32) throws {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = in_addr_t(UInt32(0x7f00_0001).bigEndian)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0 else { throw TestFailure("bind() failed: \(String(cString: strerror(errno)))") }
    }

    fileprivate static func port(of descriptor: Int32) -> Int {
        var address = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}

/// A listener on 127.0.0.1 that never accepts and never answers: the kernel completes
/// the TCP handshake, then the client waits for a server greeting that never comes. It
/// stands in for an unreachable host (this machine sends no traffic off loopback).
final class SilentListener: Sendable {
    private let descriptor: Int32
    let port: Int

    init() throws {
        let descriptor = try LoopbackSockets.makeSocket()
        do {
            try LoopbackSockets.bindLoopback(descriptor)
            guard listen(descriptor, 64) == 0 else { throw TestFailure("listen() failed: \(String(cString: strerror(errno)))") }
        } catch {
            close(descriptor)
            throw error
        }
        self.descriptor = descriptor
        port = LoopbackSockets.port(of: descriptor)
    }

    deinit {
        close(descriptor)
    }
}
