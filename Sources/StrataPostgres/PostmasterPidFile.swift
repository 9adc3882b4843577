/// The lines of a data directory's `postmaster.pid` that Strata reads.
///
/// PostgreSQL writes, one per line: the process id, the data directory, the start time,
/// the port, the first socket directory, the first listen address, the shared-memory key
/// and the status (`starting`, `ready`, `stopping`, `standby`). Lines past the first may be
/// missing while the server starts.
struct PostmasterPidFile: Sendable, Hashable {
    var pid: Int
    var port: Int?
    var socketDirectory: String?
    var listenAddress: String?
    var state: String?

    init?(text: String) {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { String($0).trimmingWhitespace() }
        guard let first = lines.first, let pid = Int(first), pid > 0 else { return nil }
        func line(_ number: Int) -> String? {
            lines.count >= number && !lines[number - 1].isEmpty ? lines[number - 1] : nil
        }
        self.pid = pid
        port = line(4).flatMap { Int($0) }
        socketDirectory = line(5)
        listenAddress = line(6)
        state = line(8)
    }
}
