import Synchronization

/// A flag a signal handler (or any other task) raises to stop a run between statements.
///
/// The engine checks it, and `Task.isCancelled`, before every migration and every
/// statement that runs outside a transaction; a transaction's statements are queued on the
/// connection together, so there it is checked when they are done. A run that sees it
/// rolls back its open transaction and throws ``MigrationError`` with code `interrupted`. To stop a statement that is already running, also cancel it on the
/// server (the CLI does this with `pg_cancel_backend` from a second connection).
public final class InterruptFlag: Sendable {
    private let raised = Atomic<Bool>(false)

    public init() {}

    public func raise() { raised.store(true, ordering: .sequentiallyConsistent) }

    public var isRaised: Bool { raised.load(ordering: .sequentiallyConsistent) }
}
