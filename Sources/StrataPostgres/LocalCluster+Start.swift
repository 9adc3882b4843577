#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Creating and starting the cluster.
extension LocalCluster {
    /// Creates the cluster if needed (`initdb`, once), starts its server if it is not
    /// running, and returns when a real connection succeeds.
    ///
    /// Idempotent and safe to call from several tasks or processes at once: the work
    /// happens under an exclusive lock on `<directory>/cluster.lock`. Recovers from a crash:
    /// a `postmaster.pid` or socket lock file left by a dead (or reused) process id is
    /// removed, and the server itself replays its log. The remembered port is reused when
    /// it is still free; otherwise another free port is chosen.
    ///
    /// - Throws: ``DatabaseError`` with code `binariesNotFound` when PostgreSQL is not
    ///   installed, or `localCluster` naming the directory, with the end of the server log
    ///   when the server does not start.
    @discardableResult
    public func start() async throws -> LocalClusterStatus {
        _ = try serverOptions(port: 0, socketDirectory: socketDirectory)  // rejects bad setting names up front
        let account = try ServerAccount.forCurrentProcess()
        try account.checkCanReach(directory)
        try createClusterDirectory()

        let lock = try await FileLock.acquire(lockFile)
        defer { lock.release() }

        // The common case for every command: already running. No programs need finding.
        if try status().isRunning, try await waitUntilAcceptingConnections() {
            return try status()
        }

        let binaries = try resolvedBinaries()
        var current = try status()
        if !current.isInitialized {
            try await initialize(binaries: binaries, account: account)
            current = try status()
        }
        if let version = current.majorVersion, version != binaries.majorVersion {
            throw DatabaseError(
                .localCluster,
                "the local cluster in \(directory) was created by PostgreSQL \(version), but the programs in \(binaries.directory) are version \(binaries.majorVersion)",
                hint: "install PostgreSQL \(version) and point STRATA_PG_BINDIR at its bin directory, "
                    + "or delete the cluster (strata dev destroy; its data is lost) to create a new one"
            )
        }
        // A server found running may be dying (killed a moment ago): then start it anew.
        for _ in 0..<3 {
            if try !status().isRunning {
                try await launch(binaries: binaries, account: account)
            }
            if try await waitUntilAcceptingConnections() {
                return try status()
            }
        }
        throw DatabaseError(
            .localCluster, "the local PostgreSQL server in \(dataDirectory) keeps stopping right after it starts",
            hint: "look at the end of \(logFile)"
        )
    }

    /// Runs `initdb` into a staging directory and renames it to `data` when complete, so
    /// that an interrupted `initdb` never leaves a half-made data directory behind.
    private func initialize(binaries: PostgresBinaries, account: ServerAccount) async throws {
        var info = stat()
        if stat(dataDirectory, &info) == 0, !directoryEntries(dataDirectory).isEmpty {
            throw DatabaseError(
                .localCluster, "\(dataDirectory) exists but is not a PostgreSQL data directory (it has no PG_VERSION)",
                hint: "move it away, or delete \(directory) to let Strata create a new cluster"
            )
        }
        var locale = "C.UTF-8"
        while true {
            try removeTree(stagingDirectory)
            if mkdir(stagingDirectory, 0o700) != 0 {
                throw DatabaseError(.localCluster, "cannot create \(stagingDirectory): \(String(cString: strerror(errno)))")
            }
            try account.adopt(stagingDirectory)
            var arguments = [
                "-D", stagingDirectory, "-U", Self.superuser,
                "--auth-local=trust", "--auth-host=\(options.hostAuthentication.rawValue)",
                "-E", "UTF8", "--locale=\(locale)", "--no-sync",
            ]
            if binaries.majorVersion >= 14 { arguments.append("--no-instructions") }
            let output = try await run(binaries.path("initdb"), arguments, as: account)
            if output.succeeded { break }
            let text = output.combined
            if locale != "C", text.contains("invalid locale name") {
                // C.UTF-8 is missing on some systems (older macOS); plain C works everywhere.
                locale = "C"
                continue
            }
            try? removeTree(stagingDirectory)
            throw DatabaseError(
                .localCluster,
                "initdb could not create the local cluster in \(dataDirectory):\n" + lastLines(text, 20),
                hint: "fix the problem initdb names, then start again"
            )
        }
        if rename(stagingDirectory, dataDirectory) != 0 {
            throw DatabaseError(
                .localCluster, "cannot move \(stagingDirectory) to \(dataDirectory): \(String(cString: strerror(errno)))"
            )
        }
    }

    /// Starts the server with `pg_ctl start -w`, which returns once the server is ready
    /// or has died. Handles the two failures a restart after a crash can meet: the port
    /// taken meanwhile (choose another) and processes of the killed server still
    /// detaching from its shared memory (wait for them and try again).
    private func launch(binaries: PostgresBinaries, account: ServerAccount) async throws {
        let socketDirectory = try prepareSocketDirectory(for: account)
        removeStaleServerFiles(socketDirectory: socketDirectory)

        var port = try rememberedPort().flatMap { LoopbackPort.isFree($0) ? $0 : nil } ?? LoopbackPort.pickFree()
        var portChanges = 0
        var retryDelay = Duration.milliseconds(50)
        let giveUp = ContinuousClock.now + .seconds(30)
        while true {
            try rememberPort(port)
            let logOffset = try prepareLogFile(for: account)
            let arguments = [
                "start", "-w", "-t", "60", "-D", dataDirectory, "-l", logFile,
                "-o", try serverOptions(port: port, socketDirectory: socketDirectory),
            ]
            let output = try await run(binaries.path("pg_ctl"), arguments, as: account)
            if output.succeeded { return }

            let log = logTail(from: logOffset, lines: 30)
            if (log.contains("could not bind") || log.contains("could not create any TCP/IP sockets")), portChanges < 3 {
                portChanges += 1
                port = try LoopbackPort.pickFree()
                continue
            }
            let leftovers = log.contains("pre-existing shared memory block")
                || (log.contains("lock file") && log.contains("already exists"))
            if leftovers, ContinuousClock.now < giveUp {
                // A killed postmaster's children exit on their own within moments.
                try await Task.sleep(for: retryDelay)
                retryDelay = min(retryDelay * 2, .milliseconds(500))
                if try !status().isRunning { removeStaleServerFiles(socketDirectory: socketDirectory) }
                continue
            }
            let shown = log.isEmpty ? lastLines(output.combined, 20) : log
            throw DatabaseError(
                .localCluster,
                "the local PostgreSQL server in \(dataDirectory) did not start; the end of \(logFile):\n" + shown,
                hint: "fix the problem the log names and start again; if the cluster is damaged beyond repair, "
                    + "`strata dev destroy` deletes it (and its data)"
            )
        }
    }

    /// `-c 'name=value'` for every server setting, quoted for the shell `pg_ctl` uses.
    func serverOptions(port: Int, socketDirectory: String) throws -> String {
        var settings: [(String, String)] = [
            ("port", "\(port)"),
            ("listen_addresses", "127.0.0.1"),
            ("unix_socket_directories", socketDirectory),
        ]
        if !options.durable {
            settings += [("fsync", "off"), ("synchronous_commit", "off"), ("full_page_writes", "off")]
        }
        settings += options.settings.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        for (name, _) in settings {
            let valid = !name.isEmpty && name.unicodeScalars.allSatisfy {
                ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "_" || $0 == "."
            }
            if !valid {
                throw DatabaseError(
                    .invalidSettings, "\"\(name)\" is not a PostgreSQL setting name",
                    hint: "setting names use letters, digits, underscores and dots, e.g. shared_buffers"
                )
            }
        }
        return settings.map { "-c " + shellQuoted("\($0.0)=\($0.1)") }.joined(separator: " ")
    }

    /// Connects over the socket until the server accepts a session (it normally does at
    /// once after `pg_ctl start -w`), backing off briefly between attempts. Returns false
    /// when the server process is gone meanwhile.
    private func waitUntilAcceptingConnections() async throws -> Bool {
        var settings = settings(database: "postgres")
        settings.connectTimeout = 5
        let giveUp = ContinuousClock.now + .seconds(30)
        var delay = Duration.milliseconds(20)
        while true {
            do {
                let session = try await PostgresSession.connect(settings)
                await session.close()
                return true
            } catch let error as DatabaseError where error.code == .cannotConnect || error.code == .connectTimedOut {
                if try !status().isRunning { return false }
                if ContinuousClock.now >= giveUp {
                    throw DatabaseError(
                        .localCluster,
                        "the local PostgreSQL server in \(dataDirectory) is running but does not accept connections on \(settings.describedEndpoint)",
                        hint: "look at \(logFile); `strata dev stop` and start again may help",
                        cause: error.message
                    )
                }
                try await Task.sleep(for: delay)
                delay = min(delay * 2, .milliseconds(500))
            }
        }
    }

    /// Runs one of the cluster's programs as the server's user, with PostgreSQL's client variables (`PGDATA`, `PGPORT`, …) removed from its environment.
    func run(_ executable: String, _ arguments: [String], as account: ServerAccount) async throws -> Subprocess.Output {
        do {
            return try await subprocess(executable, arguments, as: account).run()
        } catch let failure as Subprocess.SpawnFailure {
            throw Self.spawnError(failure)
        }
    }

    /// Like ``run(_:_:as:)``, blocking the calling thread.
    func runBlocking(_ executable: String, _ arguments: [String], as account: ServerAccount) throws -> Subprocess.Output {
        do {
            return try subprocess(executable, arguments, as: account).runBlocking()
        } catch let failure as Subprocess.SpawnFailure {
            throw Self.spawnError(failure)
        }
    }

    private static func spawnError(_ failure: Subprocess.SpawnFailure) -> DatabaseError {
        DatabaseError(
            .localCluster, "cannot run \(failure.executable): \(failure.reason)",
            hint: "check the PostgreSQL installation, or set STRATA_PG_BINDIR to its bin directory"
        )
    }

    func subprocess(_ executable: String, _ arguments: [String], as account: ServerAccount) -> Subprocess {
        let command = account.command(executable, arguments)
        var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("PG") }
        environment["LC_ALL"] = "C"
        return Subprocess(command.executable, command.arguments, environment: environment)
    }
}

/// `text` in single quotes for a POSIX shell.
func shellQuoted(_ text: String) -> String {
    "'" + text.split(separator: "'", omittingEmptySubsequences: false).joined(separator: "'\\''") + "'"
}
