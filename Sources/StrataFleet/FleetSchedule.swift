/// Decides which target starts next: the fleet's scheduler, pure (no clock, no I/O).
///
/// Targets start in listed order within their wave, as long as fewer than `parallel`
/// run in all (or the wave's own limit), fewer than `perServer` run on the target's
/// server, and the run has not stopped. A wave starts when every target of the waves
/// before it has finished; when one of them failed, the run stops there. Once
/// `maxFailures` targets have failed, no target starts (running ones finish).
///
/// The runner calls ``next()`` until it returns nil, starts those targets, and calls
/// ``finish(_:failed:)`` as each ends, until ``isFinished``.
public struct FleetSchedule: Sendable {
    /// The targets of one wave that have not started, queued per server in listed order.
    private struct WaveQueue: Sendable {
        var servers: [String] = []
        var queues: [String: [Int]] = [:]
        var heads: [String: Int] = [:]
        var remaining = 0

        mutating func append(_ index: Int, server: String) {
            if queues[server] == nil {
                servers.append(server)
                queues[server] = []
                heads[server] = 0
            }
            queues[server]!.append(index)
            remaining += 1
        }

        /// The first queued target (lowest index) among the servers that `hasRoom` allows.
        mutating func take(where hasRoom: (String) -> Bool) -> Int? {
            var best: (server: String, index: Int)?
            for server in servers {
                guard let head = heads[server], let queue = queues[server], head < queue.count, hasRoom(server) else { continue }
                if best == nil || queue[head] < best!.index { best = (server, queue[head]) }
            }
            guard let best else { return nil }
            heads[best.server]! += 1
            remaining -= 1
            return best.index
        }

        /// Every target still queued, in index order.
        var queued: [Int] {
            servers.flatMap { server in queues[server]![heads[server]!...] }.sorted()
        }
    }

    private let servers: [String]
    private let waveOf: [Int]
    private let waveLimits: [Int?]
    private let parallel: Int
    private let perServer: Int?
    private let maxFailures: Int?
    private var queues: [WaveQueue]
    private var runningOnServer: [String: Int] = [:]
    private var runningInWave: [Int]
    private var failedInWave: [Int]
    /// The wave whose targets may start now.
    public private(set) var currentWave = 0
    /// How many targets run now.
    public private(set) var running = 0
    /// How many targets have failed, including failures recorded before the start.
    public private(set) var failures = 0
    /// Why the run stopped starting targets, once it has.
    public private(set) var stopReason: FleetStopReason?

    /// - Parameters:
    ///   - servers: each target's server (``FleetTarget/server``).
    ///   - waves: each target's wave, 0-based.
    ///   - waveLimits: each wave's own parallel limit, if any.
    public init(servers: [String], waves: [Int], waveLimits: [Int?] = [], parallel: Int, perServer: Int?, maxFailures: Int?) {
        self.servers = servers
        self.waveOf = waves
        let waveCount = max((waves.max() ?? -1) + 1, waveLimits.count, 1)
        self.waveLimits = waveLimits + Array(repeating: nil, count: waveCount - waveLimits.count)
        self.parallel = max(parallel, 1)
        self.perServer = perServer.map { max($0, 1) }
        self.maxFailures = maxFailures
        var queues = Array(repeating: WaveQueue(), count: waveCount)
        for (index, wave) in waves.enumerated() { queues[wave].append(index, server: servers[index]) }
        self.queues = queues
        self.runningInWave = Array(repeating: 0, count: waveCount)
        self.failedInWave = Array(repeating: 0, count: waveCount)
        advanceWave()
    }

    /// Counts a failure that happened before any target started (a schema listing that
    /// failed), as a failure of the first wave.
    public mutating func recordFailureBeforeStart() {
        failures += 1
        failedInWave[0] += 1
        checkFailureLimit()
        advanceWave()
    }

    /// The next target to start now, marked running; nil when none may start now.
    public mutating func next() -> Int? {
        guard stopReason == nil, currentWave < queues.count else { return nil }
        let limit = min(parallel, waveLimits[currentWave] ?? parallel)
        guard running < limit else { return nil }
        let perServer = self.perServer
        let onServer = runningOnServer
        guard let index = queues[currentWave].take(where: { server in
            perServer.map { (onServer[server] ?? 0) < $0 } ?? true
        }) else { return nil }
        running += 1
        runningInWave[currentWave] += 1
        runningOnServer[servers[index], default: 0] += 1
        return index
    }

    /// Records that a started target ended.
    public mutating func finish(_ index: Int, failed: Bool) {
        let wave = waveOf[index]
        running -= 1
        runningInWave[wave] -= 1
        runningOnServer[servers[index], default: 1] -= 1
        if failed {
            failures += 1
            failedInWave[wave] += 1
            checkFailureLimit()
        }
        advanceWave()
    }

    /// Starts no more targets (targets already running finish).
    public mutating func stop(_ reason: FleetStopReason) {
        if stopReason == nil { stopReason = reason }
    }

    /// True when nothing runs and nothing more will start.
    public var isFinished: Bool {
        running == 0 && (stopReason != nil || currentWave >= queues.count)
    }

    /// The targets that never started (once the run has stopped or finished).
    public var notStarted: [Int] {
        queues.flatMap(\.queued).sorted()
    }

    private mutating func checkFailureLimit() {
        if let maxFailures, failures >= maxFailures {
            stop(.failureLimit(failures: failures, limit: maxFailures))
        }
    }

    /// Moves past waves that are done; stops when a finished wave had failures.
    private mutating func advanceWave() {
        while currentWave < queues.count, queues[currentWave].remaining == 0, runningInWave[currentWave] == 0 {
            if failedInWave[currentWave] > 0 && currentWave + 1 < queues.count && queues[(currentWave + 1)...].contains(where: { $0.remaining > 0 }) {
                stop(.waveFailed(wave: currentWave))
                return
            }
            currentWave += 1
        }
    }
}
