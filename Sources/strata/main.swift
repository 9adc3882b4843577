import Foundation
import NIOCore
import NIOPosix
import StrataCommands
import StrataPostgres

/// Runs Swift tasks on a NIO event loop: the thread where PostgresNIO does the
/// connection's I/O. A command-line run talks to its database one query at a time, so
/// running the command there spares every query two thread hops (measured: about 10%
/// of applying 1,000 migrations). Unlike taking over the global executor, this needs no
/// runtime hook, so it also works in a statically linked binary.
final class EventLoopTaskExecutor: TaskExecutor, @unchecked Sendable {
    // @unchecked: the loop is immutable and EventLoop.execute is thread-safe.
    private let loop: any EventLoop

    init(_ loop: any EventLoop) {
        self.loop = loop
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        loop.execute { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }
}

PhaseTimeline.mark("main")
NIOSingletons.groupLoopCountSuggestion = 1
let executor = EventLoopTaskExecutor(MultiThreadedEventLoopGroup.singleton.next())
var environment = CommandEnvironment.process
// The process exits when the command returns: closed sessions need not wait for the server.
environment.waitsForClose = false
let status = await CommandEnvironment.$current.withValue(environment) {
    await withTaskExecutorPreference(executor) {
        await StrataCLI.run(Array(CommandLine.arguments.dropFirst()))
    }
}
PhaseTimeline.mark("exit")
exit(status)
