#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// The cluster's files: reading the server's records, preparing directories, cleaning up.
extension LocalCluster {
    /// The port the server used last, from the port file.
    func rememberedPort() -> Int? {
        guard let text = try? readTextFile(portFile), let port = Int(text.trimmingWhitespace()),
              (1...65535).contains(port) else { return nil }
        return port
    }

    func rememberPort(_ port: Int) throws {
        try writeTextFile(portFile, "\(port)\n")
    }

    /// Whether `pid` is alive and is the postmaster of this cluster. A crash can leave a
    /// `postmaster.pid` naming a process id that the system has since given to
    /// something else.
    ///
    /// The server always runs as a user this process may signal (itself, or `postgres`
    /// when this process is root), so a process it may not signal is not the server. On
    /// Linux the postmaster's working directory is also checked: it is the data directory.
    func isPostmaster(pid: Int) -> Bool {
        guard pid > 0, pid <= Int(Int32.max), kill(pid_t(pid), 0) == 0 else { return false }
        #if os(Linux)
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let length = readlink("/proc/\(pid)/cwd", &buffer, buffer.count - 1)
        // Failing to read it means gone, a zombie, or not ours.
        guard length > 0 else { return false }
        let workingDirectory = String(decoding: buffer[0..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return workingDirectory == dataDirectory || workingDirectory == realPath(dataDirectory)
        #else
        return true
        #endif
    }

    /// Creates the cluster directory and any missing parents, mode 0755 so that the
    /// server's user can pass through.
    func createClusterDirectory() throws {
        var path = ""
        for component in directory.split(separator: "/") {
            path += "/" + component
            if mkdir(path, 0o755) == 0 {
                chmod(path, 0o755)
            } else if errno != EEXIST {
                throw DatabaseError(
                    .localCluster, "cannot create \(path): \(String(cString: strerror(errno)))",
                    hint: "check the permissions of \(parentDirectory(of: path))"
                )
            }
        }
    }

    /// Creates (if needed) the private socket directory, owned by the server's user,
    /// mode 0700, and returns it.
    func prepareSocketDirectory(for account: ServerAccount) throws -> String {
        let path = socketDirectory
        if mkdir(path, 0o700) != 0 && errno != EEXIST {
            throw DatabaseError(.localCluster, "cannot create the socket directory \(path): \(String(cString: strerror(errno)))")
        }
        var info = stat()
        guard lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR else {
            throw DatabaseError(
                .localCluster, "\(path) should be the local cluster's socket directory, but it is not a directory",
                hint: "remove \(path) and start again"
            )
        }
        if info.st_uid != account.uid {
            if account.switchesUser && info.st_uid == geteuid() {
                try account.adopt(path)
            } else {
                throw DatabaseError(
                    .localCluster, "the socket directory \(path) belongs to another user (uid \(info.st_uid))",
                    hint: "remove \(path) (it holds only sockets) and start again"
                )
            }
        }
        chmod(path, 0o700)
        return path
    }

    /// Removes what a crashed server leaves behind: `postmaster.pid` and the socket and
    /// its lock file. Only call this while holding the cluster lock with the server down.
    func removeStaleServerFiles(socketDirectory: String) {
        unlink(dataDirectory + "/postmaster.pid")
        for name in directoryEntries(socketDirectory) where name.hasPrefix(".s.PGSQL.") {
            unlink(socketDirectory + "/" + name)
        }
    }

    /// Creates the log file if needed and gives it to the server's user; returns its size.
    func prepareLogFile(for account: ServerAccount) throws -> Int {
        let descriptor = open(logFile, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o640)
        guard descriptor >= 0 else {
            throw DatabaseError(.localCluster, "cannot create \(logFile): \(String(cString: strerror(errno)))")
        }
        close(descriptor)
        try account.adopt(logFile)
        var info = stat()
        return stat(logFile, &info) == 0 ? Int(info.st_size) : 0
    }

    /// The last `count` lines the log gained after `offset`.
    func logTail(from offset: Int, lines count: Int = 20) -> String {
        guard let handle = FileHandle(forReadingAtPath: logFile) else { return "" }
        defer { try? handle.close() }
        try? handle.seek(toOffset: UInt64(max(0, offset)))
        let data = (try? handle.readToEnd()) ?? Data()
        return lastLines(String(decoding: data, as: UTF8.self), count)
    }

    /// Whether `directory` holds only things a local cluster creates (or nothing), so that
    /// deleting it cannot destroy someone's unrelated files.
    func directoryLooksLikeCluster() -> Bool {
        let ours: Set<String> = ["data", "data.initdb", "server.log", "port", "cluster.lock"]
        if directoryEntries(directory).allSatisfy(ours.contains) { return true }
        var info = stat()
        return stat(dataDirectory + "/PG_VERSION", &info) == 0
    }

    /// Deletes the cluster directory and the socket directory.
    func removeClusterFiles() throws {
        var info = stat()
        if lstat(directory, &info) == 0 {
            try checkLooksLikeCluster()
            try removeTree(directory)
        }
        try removeTree(socketDirectory)
    }

    func checkLooksLikeCluster() throws {
        guard directoryLooksLikeCluster() else {
            throw DatabaseError(
                .localCluster,
                "refusing to delete \(directory): it does not look like a Strata local cluster (no data/PG_VERSION, and other files)",
                hint: "delete it by hand if you are sure"
            )
        }
    }
}

/// The file's text, or nil when it does not exist.
func readTextFile(_ path: String) throws -> String? {
    let descriptor = open(path, O_RDONLY | O_CLOEXEC)
    if descriptor < 0 {
        if errno == ENOENT || errno == ENOTDIR { return nil }
        throw DatabaseError(
            .localCluster, "cannot read \(path): \(String(cString: strerror(errno)))",
            hint: "run Strata as the user who created the local cluster"
        )
    }
    defer { close(descriptor) }
    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 4096)
    while true {
        let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
        if count > 0 {
            bytes.append(contentsOf: buffer[0..<count])
        } else if count == 0 || errno != EINTR {
            break
        }
    }
    return String(decoding: bytes, as: UTF8.self)
}

/// Replaces the file's contents with `text`.
func writeTextFile(_ path: String, _ text: String) throws {
    do {
        try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
    } catch {
        throw DatabaseError(.localCluster, "cannot write \(path)", cause: "\(error)")
    }
}

/// Deletes a file or directory tree; nothing when it does not exist.
func removeTree(_ path: String) throws {
    var info = stat()
    guard lstat(path, &info) == 0 else { return }
    do {
        try FileManager.default.removeItem(atPath: path)
    } catch {
        throw DatabaseError(.localCluster, "cannot delete \(path)", hint: "delete it by hand", cause: "\(error)")
    }
}

/// The last `count` non-empty lines of `text`, indented for a message.
func lastLines(_ text: String, _ count: Int) -> String {
    text.split(separator: "\n").suffix(count).map { "  " + $0 }.joined(separator: "\n")
}
