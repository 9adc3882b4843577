#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Runs a program to completion with `posix_spawn`, capturing what it prints.
///
/// The child gets `/dev/null` as standard input, default signal handlers and an empty
/// signal mask, and no descriptor but those three (``SpawnDescriptors``). Every
/// descriptor this type opens is close-on-exec too, so no program started elsewhere in
/// the process, nor a long-lived grandchild (the postmaster that `pg_ctl` starts), holds
/// our pipes open. The child is always waited for: no zombies.
package struct Subprocess: Sendable {
    /// What a finished program printed and how it ended.
    package struct Output: Sendable {
        /// The exit status, or 128 + the signal number when a signal ended the program.
        package var status: Int32
        package var standardOutput: String
        package var standardError: String

        package var succeeded: Bool { status == 0 }

        /// Standard error and standard output, for messages.
        package var combined: String {
            [standardError, standardOutput].filter { !$0.isEmpty }.joined(separator: "\n")
        }
    }

    /// The program could not be started at all.
    package struct SpawnFailure: Error, Sendable {
        package var executable: String
        package var errorNumber: Int32

        package var reason: String { String(cString: strerror(errorNumber)) }
    }

    package var executable: String
    package var arguments: [String]
    /// The complete environment of the child.
    package var environment: [String: String]

    package init(_ executable: String, _ arguments: [String], environment: [String: String]) {
        self.executable = executable
        self.arguments = arguments
        self.environment = environment
    }

    /// Runs the program on a dedicated thread, so no task-pool thread blocks on it.
    package func run() async throws -> Output {
        let copy = self
        return try await onDedicatedThread { try copy.runBlocking() }
    }

    /// Runs the program on the calling thread and blocks until it has exited.
    package func runBlocking() throws -> Output {
        // Creating the pipes and spawning happen under one lock, so that no other spawn of
        // ours can inherit these pipes in the moment before they are marked close-on-exec.
        Self.spawnLock.lock()
        let output: Pipe2
        let errors: Pipe2
        do {
            output = try Pipe2()
            errors = try Pipe2()
        } catch {
            Self.spawnLock.unlock()
            throw error
        }

        #if canImport(Glibc)
        var actions = posix_spawn_file_actions_t()
        var attributes = posix_spawnattr_t()
        #else
        var actions: posix_spawn_file_actions_t?
        var attributes: posix_spawnattr_t?
        #endif
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }

        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, output.writeEnd, 1)
        posix_spawn_file_actions_adddup2(&actions, errors.writeEnd, 2)
        #if canImport(Glibc)
        SpawnDescriptors.closeFromThree(&actions)
        #endif
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        var defaultSignals = sigset_t()
        sigfillset(&defaultSignals)
        sigdelset(&defaultSignals, SIGKILL)
        sigdelset(&defaultSignals, SIGSTOP)
        posix_spawnattr_setsigdefault(&attributes, &defaultSignals)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        let envp = environment.sorted { $0.key < $1.key }.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { envp.forEach { free($0) } }

        var pid = pid_t()
        var spawned = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        // ETXTBSY: the program was just written, and a process forked elsewhere in this one
        // (by another thread, before it runs its own program) still holds the file open for
        // writing. That lasts until the fork's exec, so a few short waits see it pass.
        for attempt in 1...8 where spawned == ETXTBSY {
            usleep(useconds_t(attempt * 10_000))
            spawned = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        }
        Self.spawnLock.unlock()
        guard spawned == 0 else {
            throw SpawnFailure(executable: executable, errorNumber: spawned)
        }
        // Only the child may hold the write ends now, so the reads below end at its exit.
        output.closeWriteEnd()
        errors.closeWriteEnd()
        let (standardOutput, standardError) = Self.drain(output.readEnd, errors.readEnd)
        output.closeBoth()
        errors.closeBoth()
        let status = Self.wait(for: pid)
        return Output(
            status: status,
            standardOutput: String(decoding: standardOutput, as: UTF8.self),
            standardError: String(decoding: standardError, as: UTF8.self)
        )
    }

    private static let spawnLock = NSLock()

    /// Reads both descriptors until both reach end-of-file.
    private static func drain(_ first: Int32, _ second: Int32) -> ([UInt8], [UInt8]) {
        var collected: [[UInt8]] = [[], []]
        var descriptors = [pollfd(fd: first, events: Int16(POLLIN), revents: 0), pollfd(fd: second, events: Int16(POLLIN), revents: 0)]
        var open = [true, true]
        var buffer = [UInt8](repeating: 0, count: 16 * 1024)
        while open.contains(true) {
            for index in 0..<2 { descriptors[index].fd = open[index] ? (index == 0 ? first : second) : -1 }
            let ready = poll(&descriptors, nfds_t(descriptors.count), -1)
            if ready < 0 {
                if errno == EINTR { continue }
                break
            }
            for index in 0..<2 where open[index] && descriptors[index].revents != 0 {
                let count = buffer.withUnsafeMutableBytes { read(descriptors[index].fd, $0.baseAddress, $0.count) }
                if count > 0 {
                    collected[index].append(contentsOf: buffer[0..<count])
                } else if count == 0 || errno != EINTR {
                    open[index] = false
                }
            }
        }
        return (collected[0], collected[1])
    }

    /// Waits for the child and returns its exit status (128 + signal when signalled).
    private static func wait(for pid: pid_t) -> Int32 {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            if errno != EINTR { return 127 }
        }
        let low = status & 0x7f
        if low == 0 { return (status >> 8) & 0xff }
        return 128 + low
    }
}

/// A pipe whose two ends are close-on-exec (set right after creation, under the spawn lock).
private final class Pipe2: @unchecked Sendable {
    // Sendable: used by one thread at a time inside Subprocess.runBlocking.
    private(set) var readEnd: Int32
    private(set) var writeEnd: Int32

    init() throws {
        var ends: [Int32] = [-1, -1]
        let result = pipe(&ends)
        if result == 0 {
            _ = fcntl(ends[0], F_SETFD, FD_CLOEXEC)
            _ = fcntl(ends[1], F_SETFD, FD_CLOEXEC)
        }
        guard result == 0 else {
            throw Subprocess.SpawnFailure(executable: "pipe", errorNumber: errno)
        }
        readEnd = ends[0]
        writeEnd = ends[1]
    }

    func closeWriteEnd() {
        if writeEnd >= 0 { close(writeEnd) }
        writeEnd = -1
    }

    func closeBoth() {
        closeWriteEnd()
        if readEnd >= 0 { close(readEnd) }
        readEnd = -1
    }

    deinit { closeBoth() }
}

/// Runs blocking work (a child process, a file lock) on a thread of its own and
/// resumes the caller when it is done, so the shared task pool never blocks.
func onDedicatedThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
        Thread.detachNewThread {
            continuation.resume(with: Result { try body() })
        }
    }
}
