#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Keeps a spawned program from inheriting descriptors it was not given.
///
/// A descriptor opened without close-on-exec anywhere in this process (Foundation's
/// `Pipe` and `FileHandle` open theirs that way) is otherwise inherited by every program
/// started while it is open. A long-lived child, such as the postmaster that `pg_ctl`
/// starts, then holds the write end of another program's output pipe until it exits,
/// and whoever reads that pipe to its end waits as long (the likely cause of a test run
/// that never finished).
package enum SpawnDescriptors {
    /// Adds to `actions` the closing of every descriptor from 3 up in the child, after the
    /// actions already added (which set up 0, 1 and 2).
    ///
    /// Uses glibc's `posix_spawn_file_actions_addclosefrom_np` (2.34 and later), looked up
    /// at run time because its header declares it only under `_GNU_SOURCE`. Older C
    /// libraries lack it; there the child inherits what is not close-on-exec, as before.
    #if canImport(Glibc)
    package static func closeFromThree(_ actions: inout posix_spawn_file_actions_t) {
        guard let closeFrom = addCloseFrom else { return }
        _ = closeFrom(&actions, 3)
    }

    private typealias AddCloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32

    private static let addCloseFrom: AddCloseFrom? = {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addclosefrom_np") else {
            return nil
        }
        return unsafeBitCast(symbol, to: AddCloseFrom.self)
    }()
    #endif

    /// Whether spawned children start with only the descriptors they were given.
    package static var closesInherited: Bool {
        #if canImport(Glibc)
        addCloseFrom != nil
        #else
        false
        #endif
    }
}
