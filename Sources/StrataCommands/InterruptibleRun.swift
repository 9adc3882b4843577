import Dispatch
import Foundation
import StrataMigrate
import StrataPostgres
import Synchronization

/// Runs a migration command so that SIGINT and SIGTERM stop it cleanly.
///
/// The first signal raises the engine's ``InterruptFlag`` (checked between statements)
/// and cancels the running statement on the server with `pg_cancel_backend` from a
/// second connection; the engine then rolls back and reports what state it left. A
/// second signal exits at once; the server still rolls back the open transaction when
/// the connection drops.
enum InterruptibleRun {
    static func run<T: Sendable>(
        session: PostgresSession, settings: ConnectionSettings, output: Output,
        _ body: (InterruptFlag) async throws -> T
    ) async throws -> T {
        let flag = InterruptFlag()
        let backend = try await session.scalar("SELECT pg_backend_pid()") ?? ""
        let signals = Mutex(0)
        let watcher = SignalWatcher(signals: [SIGINT, SIGTERM]) { number in
            let count = signals.withLock { $0 += 1; return $0 }
            if count > 1 {
                output.environment.standardError.write("\nstrata: second signal, exiting now; the server rolls back the open transaction\n")
                _exit(130)
            }
            flag.raise()
            output.environment.standardError.write("\nstrata: \(number == SIGINT ? "interrupted" : "terminated"), cancelling the running statement and rolling back…\n")
            Task {
                guard let side = try? await PostgresSession.connect(settings) else { return }
                _ = try? await side.query("SELECT pg_cancel_backend($1::int)", [backend])
                await side.close()
            }
        }
        defer { watcher.stop() }
        return try await body(flag)
    }
}

/// Delivers POSIX signals to a handler through Dispatch while it is alive.
///
/// `@unchecked Sendable`: the stored properties never change after `init`, and
/// dispatch sources may be cancelled from any thread.
final class SignalWatcher: @unchecked Sendable {
    private let sources: [any DispatchSourceSignal]
    private let numbers: [Int32]
    /// The dispositions before, restored by ``stop()`` (an embedding app keeps its own).
    private let previous: [sigaction]

    init(signals numbers: [Int32], handler: @escaping @Sendable (Int32) -> Void) {
        self.numbers = numbers
        var sources: [any DispatchSourceSignal] = []
        var previous: [sigaction] = []
        for number in numbers {
            var old = sigaction()
            sigaction(number, nil, &old)
            previous.append(old)
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { handler(number) }
            source.resume()
            sources.append(source)
        }
        self.sources = sources
        self.previous = previous
    }

    func stop() {
        for source in sources { source.cancel() }
        for (number, old) in zip(numbers, previous) {
            var restored = old
            sigaction(number, &restored, nil)
        }
    }
}
