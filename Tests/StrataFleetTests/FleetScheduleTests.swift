import StrataFleet
import Testing

/// The scheduler driven by hand: which targets start, in what order, under which limits.
@Suite("fleet scheduler")
struct FleetScheduleTests {
    /// Starts every target that may start now.
    static func drain(_ schedule: inout FleetSchedule) -> [Int] {
        var started: [Int] = []
        while let index = schedule.next() { started.append(index) }
        return started
    }

    @Test func startsInListedOrderUpToTheParallelLimit() {
        var schedule = FleetSchedule(servers: Array(repeating: "a", count: 5), waves: Array(repeating: 0, count: 5), parallel: 2, perServer: nil, maxFailures: 1)
        #expect(Self.drain(&schedule) == [0, 1])
        schedule.finish(1, failed: false)
        #expect(Self.drain(&schedule) == [2])
        schedule.finish(0, failed: false)
        schedule.finish(2, failed: false)
        #expect(Self.drain(&schedule) == [3, 4])
        #expect(!schedule.isFinished)
        schedule.finish(3, failed: false)
        schedule.finish(4, failed: false)
        #expect(schedule.isFinished)
        #expect(schedule.notStarted.isEmpty)
        #expect(schedule.stopReason == nil)
    }

    @Test func perServerLimitLetsOtherServersFillTheParallelSlots() {
        // Targets 0-3 on server a, 4-5 on b; at most 2 per server, 4 in all.
        let servers = ["a", "a", "a", "a", "b", "b"]
        var schedule = FleetSchedule(servers: servers, waves: Array(repeating: 0, count: 6), parallel: 4, perServer: 2, maxFailures: nil)
        #expect(Self.drain(&schedule) == [0, 1, 4, 5])
        schedule.finish(4, failed: false)
        // b has room but nothing left; a is full.
        #expect(Self.drain(&schedule).isEmpty)
        schedule.finish(0, failed: false)
        #expect(Self.drain(&schedule) == [2])
        #expect(schedule.running == 3)
    }

    @Test func theFirstFailureStopsNewStartsAndRunningTargetsFinish() {
        var schedule = FleetSchedule(servers: Array(repeating: "a", count: 6), waves: Array(repeating: 0, count: 6), parallel: 3, perServer: nil, maxFailures: 1)
        #expect(Self.drain(&schedule) == [0, 1, 2])
        schedule.finish(1, failed: true)
        #expect(schedule.stopReason == .failureLimit(failures: 1, limit: 1))
        #expect(Self.drain(&schedule).isEmpty)
        #expect(!schedule.isFinished)
        schedule.finish(0, failed: false)
        schedule.finish(2, failed: false)
        #expect(schedule.isFinished)
        #expect(schedule.notStarted == [3, 4, 5])
    }

    @Test func maxFailuresAllowsThatManyBeforeStopping() {
        var schedule = FleetSchedule(servers: Array(repeating: "a", count: 6), waves: Array(repeating: 0, count: 6), parallel: 1, perServer: nil, maxFailures: 2)
        #expect(Self.drain(&schedule) == [0])
        schedule.finish(0, failed: true)
        #expect(Self.drain(&schedule) == [1])
        schedule.finish(1, failed: true)
        #expect(schedule.stopReason == .failureLimit(failures: 2, limit: 2))
        #expect(schedule.isFinished)
        #expect(schedule.notStarted == [2, 3, 4, 5])
    }

    @Test func withoutALimitEveryTargetStartsDespiteFailures() {
        var schedule = FleetSchedule(servers: Array(repeating: "a", count: 4), waves: Array(repeating: 0, count: 4), parallel: 2, perServer: nil, maxFailures: nil)
        var order: [Int] = []
        while !schedule.isFinished {
            let started = Self.drain(&schedule)
            order += started
            for index in started { schedule.finish(index, failed: true) }
        }
        #expect(order == [0, 1, 2, 3])
        #expect(schedule.failures == 4)
        #expect(schedule.stopReason == nil)
    }

    @Test func aWaveStartsOnlyWhenTheOneBeforeItHasFinished() {
        // Wave 0: targets 1 and 3 (the canaries); wave 1: the rest.
        var schedule = FleetSchedule(servers: Array(repeating: "a", count: 5), waves: [1, 0, 1, 0, 1], parallel: 8, perServer: nil, maxFailures: nil)
        #expect(schedule.currentWave == 0)
        #expect(Self.drain(&schedule) == [1, 3])
        schedule.finish(3, failed: false)
        #expect(Self.drain(&schedule).isEmpty)
        schedule.finish(1, failed: false)
        #expect(schedule.currentWave == 1)
        #expect(Self.drain(&schedule) == [0, 2, 4])
    }

    @Test func aFailedWaveFinishesAndStopsBeforeTheNext() {
        var schedule = FleetSchedule(servers: Array(repeating: "a", count: 4), waves: [0, 0, 1, 1], parallel: 1, perServer: nil, maxFailures: nil)
        #expect(Self.drain(&schedule) == [0])
        schedule.finish(0, failed: true)
        // Continue on error within the wave: the other canary still runs.
        #expect(Self.drain(&schedule) == [1])
        schedule.finish(1, failed: false)
        #expect(schedule.stopReason == .waveFailed(wave: 0))
        #expect(schedule.isFinished)
        #expect(schedule.notStarted == [2, 3])
    }

    @Test func aFailureInTheLastWaveIsNoWaveStop() {
        var schedule = FleetSchedule(servers: ["a", "a"], waves: [0, 1], parallel: 1, perServer: nil, maxFailures: nil)
        #expect(Self.drain(&schedule) == [0])
        schedule.finish(0, failed: false)
        #expect(Self.drain(&schedule) == [1])
        schedule.finish(1, failed: true)
        #expect(schedule.isFinished)
        #expect(schedule.stopReason == nil)
    }

    @Test func aWaveHasItsOwnParallelLimit() {
        var schedule = FleetSchedule(
            servers: Array(repeating: "a", count: 6), waves: [0, 0, 0, 1, 1, 1], waveLimits: [1, nil], parallel: 3, perServer: nil, maxFailures: nil
        )
        #expect(Self.drain(&schedule) == [0])
        schedule.finish(0, failed: false)
        #expect(Self.drain(&schedule) == [1])
        schedule.finish(1, failed: false)
        #expect(Self.drain(&schedule) == [2])
        schedule.finish(2, failed: false)
        #expect(Self.drain(&schedule) == [3, 4, 5])
    }

    @Test func emptyWavesArePassedOver() {
        var schedule = FleetSchedule(servers: ["a"], waves: [2], waveLimits: [nil, nil, nil], parallel: 2, perServer: nil, maxFailures: 1)
        #expect(schedule.currentWave == 2)
        #expect(Self.drain(&schedule) == [0])
    }

    @Test func aFailureBeforeTheStartCountsTowardTheLimit() {
        var schedule = FleetSchedule(servers: ["a", "a"], waves: [0, 0], parallel: 2, perServer: nil, maxFailures: 1)
        schedule.recordFailureBeforeStart()
        #expect(Self.drain(&schedule).isEmpty)
        #expect(schedule.isFinished)
        #expect(schedule.notStarted == [0, 1])
    }

    @Test func stoppingKeepsTheFirstReason() {
        var schedule = FleetSchedule(servers: ["a", "a", "a"], waves: [0, 0, 0], parallel: 1, perServer: nil, maxFailures: 5)
        #expect(Self.drain(&schedule) == [0])
        schedule.stop(.interrupted)
        schedule.stop(.waveFailed(wave: 0))
        #expect(schedule.stopReason == .interrupted)
        #expect(Self.drain(&schedule).isEmpty)
        schedule.finish(0, failed: true)
        #expect(schedule.isFinished)
        #expect(schedule.notStarted == [1, 2])
    }

    @Test func noTargetsIsFinishedAtOnce() {
        var schedule = FleetSchedule(servers: [], waves: [], parallel: 4, perServer: 2, maxFailures: 1)
        #expect(schedule.isFinished)
        #expect(schedule.next() == nil)
    }
}
