#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An exclusive `flock` on a file, held from ``acquire(_:)`` until ``release()``.
///
/// `flock` locks belong to the open file description, so two opens of the same file
/// exclude each other even inside one process. The descriptor is close-on-exec: a
/// child process (a postmaster) never inherits the lock.
final class FileLock: @unchecked Sendable {
    // Sendable: `descriptor` is written once by release(), which callers invoke once.
    private var descriptor: Int32

    private init(descriptor: Int32) { self.descriptor = descriptor }

    /// Opens (creating if needed) `path` and waits for an exclusive lock on it. The
    /// waiting happens on a dedicated thread.
    static func acquire(_ path: String) async throws -> FileLock {
        try await onDedicatedThread { try acquireBlocking(path) }
    }

    /// Like ``acquire(_:)``, blocking the calling thread.
    static func acquireBlocking(_ path: String) throws -> FileLock {
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw DatabaseError(
                .localCluster, "cannot open the lock file \(path): \(String(cString: strerror(errno)))",
                hint: "check that the directory exists and is writable"
            )
        }
        while flock(descriptor, LOCK_EX) != 0 {
            if errno == EINTR { continue }
            let reason = String(cString: strerror(errno))
            close(descriptor)
            throw DatabaseError(.localCluster, "cannot lock \(path): \(reason)")
        }
        return FileLock(descriptor: descriptor)
    }

    /// Releases the lock. Closing the descriptor releases it too, even if the process dies.
    func release() {
        guard descriptor >= 0 else { return }
        close(descriptor)
        descriptor = -1
    }

    deinit { release() }
}
