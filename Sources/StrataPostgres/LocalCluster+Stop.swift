#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Stopping and deleting the cluster.
extension LocalCluster {
    /// Stops the server with a fast shutdown (open sessions are ended, their transactions
    /// rolled back, then a checkpoint) and waits for it to exit. Does nothing when the
    /// server is not running or the cluster does not exist.
    ///
    /// - Throws: ``DatabaseError`` (`localCluster`) when the server is still running afterwards.
    public func stop() async throws {
        var info = stat()
        guard stat(dataDirectory, &info) == 0 else { return }
        let lock = try await FileLock.acquire(lockFile)
        defer { lock.release() }
        try await stopLocked(mode: "fast")
    }

    /// Stops the server, then deletes the cluster directory (data included) and the
    /// socket directory.
    ///
    /// - Throws: ``DatabaseError`` (`localCluster`) when the server cannot be stopped or
    ///   the directory holds files that a local cluster does not create.
    public func destroy() async throws {
        var info = stat()
        if stat(directory, &info) == 0 {
            try checkLooksLikeCluster()
            let lock = try await FileLock.acquire(lockFile)
            defer { lock.release() }
            try await stopLocked(mode: "fast")
            try removeClusterFiles()
        } else {
            try removeTree(socketDirectory)
        }
    }

    /// Stops the server with an immediate shutdown (no checkpoint; the next start
    /// recovers) and deletes the cluster, blocking the calling thread and taking no lock.
    ///
    /// For exit handlers and for removing clusters of crashed test runs, where async code
    /// cannot run or the cluster is known to be abandoned.
    public func destroyImmediately() throws {
        let current = try status()
        if current.isRunning {
            let binaries = try resolvedBinaries()
            let account = try ServerAccount.forCurrentProcess()
            let output = try runBlocking(
                binaries.path("pg_ctl"), ["stop", "-D", dataDirectory, "-m", "immediate", "-w", "-t", "30"], as: account
            )
            if !output.succeeded, try status().isRunning {
                throw stopFailure(pid: current.pid, output: output)
            }
        }
        try removeClusterFiles()
    }

    private func stopLocked(mode: String) async throws {
        let current = try status()
        guard current.isRunning else { return }
        let binaries = try resolvedBinaries()
        let account = try ServerAccount.forCurrentProcess()
        let output = try await run(
            binaries.path("pg_ctl"), ["stop", "-D", dataDirectory, "-m", mode, "-w", "-t", "60"], as: account
        )
        if !output.succeeded, try status().isRunning {
            throw stopFailure(pid: current.pid, output: output)
        }
    }

    private func stopFailure(pid: Int?, output: Subprocess.Output) -> DatabaseError {
        DatabaseError(
            .localCluster,
            "the local PostgreSQL server in \(dataDirectory) did not stop:\n" + lastLines(output.combined, 10),
            hint: "it may still be finishing a checkpoint; try again"
                + (pid.map { ", or end it with `kill -INT \($0)`" } ?? "")
        )
    }
}
