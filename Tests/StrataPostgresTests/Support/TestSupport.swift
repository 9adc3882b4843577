#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
@testable import StrataPostgres
import StrataTesting
import Testing

/// Helpers shared by the integration tests.
enum Support {
    /// Waits until the server process `pid` is running a statement that contains `text`,
    /// as `admin` sees it in pg_stat_activity; records an issue after 20 seconds. (A run's
    /// statements share one process, so "active" alone may be an earlier statement.)
    static func waitUntilRunning(
        _ pid: String, _ text: String, seenBy admin: PostgresSession, sourceLocation: SourceLocation = #_sourceLocation
    ) async throws {
        for _ in 0..<800 {
            let running = try await admin.scalar(
                "SELECT state = 'active' AND position($2 in query) > 0 FROM pg_stat_activity WHERE pid = $1::int", [pid, text]
            )
            if running == "t" { return }
            try await Task.sleep(for: .milliseconds(25))
        }
        Issue.record("server process \(pid) did not start running \(text) within 20 seconds", sourceLocation: sourceLocation)
    }

    /// A new, empty, short directory under /tmp that the server's user can enter.
    static func makeTemporaryDirectory(_ prefix: String) throws -> String {
        let path = "/tmp/\(prefix)-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        guard mkdir(path, 0o755) == 0 else {
            throw DatabaseError(.localCluster, "cannot create \(path): \(String(cString: strerror(errno)))")
        }
        chmod(path, 0o755)
        return path
    }

    /// Runs a program found on PATH and returns its output, failing on a non-zero exit.
    @discardableResult
    static func runTool(_ name: String, _ arguments: [String]) throws -> Subprocess.Output {
        let environment = ProcessInfo.processInfo.environment
        let path = (environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":").map(String.init)
        guard let executable = path.map({ "\($0)/\(name)" }).first(where: isExecutable) else {
            throw DatabaseError(.localCluster, "\(name) is not on PATH")
        }
        let output = try Subprocess(executable, arguments, environment: environment).runBlocking()
        guard output.succeeded else {
            throw DatabaseError(.localCluster, "\(name) failed: \(output.combined)")
        }
        return output
    }

    /// Makes a self-signed certificate for `localhost` and its key in `directory`, readable
    /// by the server's user, and returns their paths.
    static func makeCertificate(in directory: String, name: String) throws -> (certificate: String, key: String) {
        let certificate = "\(directory)/\(name).crt"
        let key = "\(directory)/\(name).key"
        try runTool("openssl", [
            "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
            "-keyout", key, "-out", certificate, "-days", "2", "-subj", "/CN=localhost",
            "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
        ])
        chmod(key, 0o600)
        chmod(certificate, 0o644)
        let account = try ServerAccount.forCurrentProcess()
        try account.adopt(key)
        try account.adopt(certificate)
        return (certificate, key)
    }

    /// Runs `body` with a session on a fresh test database, then closes the session and
    /// drops the database, also when `body` throws.
    static func withSession<T: Sendable>(
        _ label: String = #function, _ body: (PostgresSession) async throws -> T
    ) async throws -> T {
        try await TestDatabase.withDatabase(label) { database in
            let session = try await database.session()
            do {
                let result = try await body(session)
                await session.close()
                return result
            } catch {
                await session.close()
                throw error
            }
        }
    }

    /// How long `body` took, in seconds.
    static func seconds<T>(_ body: () async throws -> T) async rethrows -> (T, Double) {
        let start = ContinuousClock.now
        let result = try await body()
        let elapsed = ContinuousClock.now - start
        return (result, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
    }

    /// Whether a process with this id exists (a zombie counts as gone).
    static func processExists(_ pid: Int) -> Bool {
        guard kill(pid_t(pid), 0) == 0 || errno == EPERM else { return false }
        #if os(Linux)
        guard let stat = try? readTextFile("/proc/\(pid)/stat"), let close = stat.lastIndex(of: ")") else { return false }
        return !stat[close...].hasPrefix(") Z")
        #else
        return true
        #endif
    }
}

/// A TCP listener on 127.0.0.1 that completes the TCP handshake (the kernel does that)
/// but never says a word: a connection to it hangs until the client's own timeout.
final class SilentListener: @unchecked Sendable {
    // Sendable: the descriptor is set once in init and closed once in close().
    private var descriptor: Int32
    let port: Int

    init() throws {
        #if canImport(Glibc)
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let descriptor = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = in_addr_t(UInt32(0x7f00_0001).bigEndian)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard descriptor >= 0, bound == 0, listen(descriptor, 16) == 0 else {
            if descriptor >= 0 { closeDescriptor(descriptor) }
            throw DatabaseError(.cannotConnect, "cannot listen on 127.0.0.1")
        }
        var actual = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &actual) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        self.descriptor = descriptor
        port = Int(UInt16(bigEndian: actual.sin_port))
    }

    func close() {
        if descriptor >= 0 { closeDescriptor(descriptor) }
        descriptor = -1
    }

    deinit { close() }
}

private func closeDescriptor(_ descriptor: Int32) {
    close(descriptor)
}
