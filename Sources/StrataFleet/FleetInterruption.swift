import StrataMigrate
import StrataPostgres
import Synchronization

/// Stops a fleet run cleanly: no target starts after ``interrupt()``, and every running
/// target's engine sees its ``InterruptFlag`` between statements while the statement it
/// is running is cancelled on its server (`pg_cancel_backend` from a second connection),
/// so each target rolls back as its transaction mode says and reports what it left.
///
/// The CLI calls ``interrupt()`` on SIGINT and SIGTERM; an app may call it from anywhere.
public final class FleetInterruption: Sendable {
    /// The flag every running target's engine checks.
    public let flag = InterruptFlag()
    private let backends = Mutex<[Int: (settings: ConnectionSettings, pid: String)]>([:])

    public init() {}

    /// Whether ``interrupt()`` was called.
    public var isInterrupted: Bool { flag.isRaised }

    /// Raises the flag and cancels the statements that running targets are executing.
    public func interrupt() {
        flag.raise()
        let running = backends.withLock { Array($0.values) }
        for backend in running {
            Task { await Self.cancel(backend.pid, settings: backend.settings) }
        }
    }

    /// Registers a running target's server process; if the run is already interrupted,
    /// cancels at once.
    func register(_ index: Int, settings: ConnectionSettings, pid: String) {
        backends.withLock { $0[index] = (settings, pid) }
        if isInterrupted {
            Task { await Self.cancel(pid, settings: settings) }
        }
    }

    func unregister(_ index: Int) {
        _ = backends.withLock { $0.removeValue(forKey: index) }
    }

    private static func cancel(_ pid: String, settings: ConnectionSettings) async {
        var side = settings
        side.startupParameters = [:]
        guard let session = try? await PostgresSession.connect(side) else { return }
        _ = try? await session.query("SELECT pg_cancel_backend($1::int)", [pid])
        await session.close()
    }
}
