#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Crypto
import Foundation
import StrataPostgres

/// A file's size and SHA-256, read in one pass: what a manifest records of its archive
/// and what a restore checks before trusting it.
public struct ArchiveDigest: Sendable, Hashable, Codable {
    /// The lowercase hex SHA-256 of the file's bytes.
    public var sha256: String
    /// The size in bytes.
    public var size: Int64

    public init(sha256: String, size: Int64) {
        self.sha256 = sha256
        self.size = size
    }

    /// Reads `path` on a thread of its own (the file may be gigabytes).
    ///
    /// - Parameter displayName: the file as messages name it.
    /// - Throws: ``BackupError`` `fileAccess` when the file cannot be read.
    public static func compute(_ path: String, displayName: String) async throws -> ArchiveDigest {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<ArchiveDigest, any Error>) in
            Thread.detachNewThread {
                continuation.resume(with: Result { try computeBlocking(path, displayName: displayName) })
            }
        }
    }

    static func computeBlocking(_ path: String, displayName: String) throws -> ArchiveDigest {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw BackupError(.fileAccess, "cannot read \(displayName): \(String(cString: strerror(errno)))", file: displayName)
        }
        defer { close(descriptor) }
        var hasher = SHA256()
        var size: Int64 = 0
        let chunk = 1 << 20
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: chunk, alignment: 16)
        defer { buffer.deallocate() }
        while true {
            let count = read(descriptor, buffer.baseAddress, chunk)
            if count < 0 {
                if errno == EINTR { continue }
                throw BackupError(.fileAccess, "cannot read \(displayName): \(String(cString: strerror(errno)))", file: displayName)
            }
            if count == 0 { break }
            hasher.update(bufferPointer: UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
            size += Int64(count)
        }
        let hex = hasher.finalize().map { byte in
            let text = String(byte, radix: 16)
            return byte < 16 ? "0" + text : text
        }.joined()
        return ArchiveDigest(sha256: hex, size: size)
    }
}
