#if canImport(Glibc)
import Glibc
#endif
import Foundation
import StrataPostgres
import Synchronization
import Testing

/// A program started by a test, with stdout and stderr going to files (so that a chatty
/// child can never block on a full pipe) and its exit awaited without blocking a thread.
///
/// Spawned with `posix_spawn` and reaped with `waitpid(pid, WNOHANG)` polled from the
/// awaiting task: unlike Foundation's `Process`, this does not depend on a process-wide
/// SIGCHLD handler, which the in-process commands' signal handling (and libdispatch's)
/// can disturb. The child starts with every signal at its default disposition and none
/// blocked, and with no descriptor but 0, 1 and 2, whatever the test process had at that
/// moment.
final class ChildProcess: Sendable {
    /// The child's process id.
    let pid: pid_t
    let executable: String
    let arguments: [String]
    private let stdoutPath: String
    private let stderrPath: String
    private let exitStatus = Mutex<Int32?>(nil)

    /// Starts `executable` in `directory`. `environment` is the child's whole environment.
    init(executable: String, arguments: [String], environment: [String: String], directory: String) throws {
        self.executable = executable
        self.arguments = arguments
        let scratch = FileManager.default.temporaryDirectory.path + "/strata-accept-out-\(getpid())-\(UUID().uuidString)"
        stdoutPath = scratch + ".stdout"
        stderrPath = scratch + ".stderr"

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, stdoutPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, stderrPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        // Nothing else: a server this child starts must not hold another test's pipe open.
        SpawnDescriptors.closeFromThree(&actions)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        var allSignals = sigset_t()
        sigfillset(&allSignals)
        sigdelset(&allSignals, SIGKILL)
        sigdelset(&allSignals, SIGSTOP)
        posix_spawnattr_setsigdefault(&attributes, &allSignals)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        // The shell changes to `directory` and replaces itself with the program, so `pid`
        // is the program's own (signals reach it directly).
        let command = ["/bin/sh", "-c", "cd \"$0\" && exec \"$@\"", directory, executable] + arguments
        let argv = command.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        let envp = environment.sorted { $0.key < $1.key }.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { envp.forEach { free($0) } }

        var pid = pid_t()
        let spawned = posix_spawn(&pid, "/bin/sh", &actions, &attributes, argv, envp)
        guard spawned == 0 else {
            throw TestFailure("cannot start \(executable): \(String(cString: strerror(spawned)))")
        }
        self.pid = pid
    }

    deinit {
        try? FileManager.default.removeItem(atPath: stdoutPath)
        try? FileManager.default.removeItem(atPath: stderrPath)
    }

    /// Sends `signal` to the child (unless it has been reaped already).
    func send(_ signal: Int32) {
        exitStatus.withLock { status in
            if status == nil { kill(pid, signal) }
        }
    }

    /// Reaps the child if it has exited; its status as a shell shows it (128 + signal
    /// for a child killed by a signal).
    private func poll() -> Int32? {
        exitStatus.withLock { status -> Int32? in
            if let status { return status }
            var raw: Int32 = 0
            let result = waitpid(pid, &raw, WNOHANG)
            if result == pid {
                let signal = raw & 0x7f
                status = signal == 0 ? (raw >> 8) & 0xff : 128 + signal
            } else if result < 0 && errno == ECHILD {
                status = -1
            }
            return status
        }
    }

    /// Whether the child is still running (reaps it if it has exited).
    var isRunning: Bool { poll() == nil }

    /// Waits for the child to exit and returns what it printed. A child still running
    /// after `timeout` is killed and the test fails: no test may hang.
    func finish(timeout: Duration = .seconds(120), sourceLocation: SourceLocation = #_sourceLocation) async -> CLIResult {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        var status = poll()
        while status == nil {
            if clock.now >= deadline {
                Issue.record("\(executable) \(arguments.joined(separator: " ")) still ran after \(timeout); killed it", sourceLocation: sourceLocation)
                kill(pid, SIGKILL)
            }
            try? await Task.sleep(for: .milliseconds(20))
            status = poll()
        }
        return CLIResult(status: status ?? -1, stdout: Self.read(stdoutPath), stderr: Self.read(stderrPath))
    }

    private static func read(_ path: String) -> String {
        (FileManager.default.contents(atPath: path)).map { String(decoding: $0, as: UTF8.self) } ?? ""
    }
}
