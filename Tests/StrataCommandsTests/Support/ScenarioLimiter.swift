/// Bounds how many database scenarios run at once.
///
/// Swift Testing starts every test at the same time; each scenario holds a few server
/// connections (the test's own queries, the command's session, a cancel side-channel,
/// eight processes in the concurrency test), and the per-process test cluster accepts
/// about a hundred. Waiting for a slot keeps the suite far below that without making it
/// serial. Timing checks inside a scenario start after the slot is taken.
actor ScenarioLimiter {
    static let shared = ScenarioLimiter(slots: 10)

    private var available: Int
    private var waiting: [CheckedContinuation<Void, Never>] = []

    init(slots: Int) {
        available = slots
    }

    func acquire() async {
        if available > 0 {
            available -= 1
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    func release() {
        if waiting.isEmpty {
            available += 1
        } else {
            waiting.removeFirst().resume()
        }
    }

    /// Runs `body` holding one slot.
    static func withSlot<T: Sendable>(_ body: () async throws -> T) async throws -> T {
        await shared.acquire()
        do {
            let result = try await body()
            await shared.release()
            return result
        } catch {
            await shared.release()
            throw error
        }
    }
}
