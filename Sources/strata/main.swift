import Foundation
import NIOCore
import NIOPosix
import StrataCommands

// A command-line run talks to one database connection at a time. Running Swift
// concurrency on NIO's single event-loop thread, where the connection's I/O happens,
// spares every query two thread hops (measured: about 10% of a 1,000-migration run).
NIOSingletons.groupLoopCountSuggestion = 1
NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()

exit(await StrataCLI.run(Array(CommandLine.arguments.dropFirst())))
