import StrataFleet
import Testing

@Suite("fleet progress")
struct FleetProgressTests {
    @Test func rateAndTimeLeftFollowTheTargetsDoneSoFar() {
        let progress = FleetProgress(done: 50, total: 200, failed: 1, elapsed: 2)
        #expect(progress.rate == 25)
        #expect(progress.secondsLeft == 6)
        #expect(progress.line == "[50/200] 1 failed · 25.0 targets/s · about 6.0 s left")
        #expect(FleetProgress(done: 10, total: 11, failed: 0, elapsed: 1).line == "[10/11] · 10.0 targets/s · about 100 ms left")
    }

    @Test func nothingIsEstimatedBeforeTheFirstTargetEnds() {
        let progress = FleetProgress(done: 0, total: 10, failed: 0, elapsed: 1)
        #expect(progress.rate == nil)
        #expect(progress.line == "[0/10]")
    }

    @Test func aFinishedRunShowsNoTimeLeft() {
        #expect(FleetProgress(done: 400, total: 400, failed: 0, elapsed: 2).line == "[400/400] · 200 targets/s")
    }

    @Test(arguments: [(0.42, "420 ms"), (4.24, "4.2 s"), (12.4, "12 s"), (185, "3 min 5 s"), (7440, "2 h 4 min")])
    func durationsReadNaturally(seconds: Double, text: String) {
        #expect(FleetProgress.format(seconds: seconds) == text)
    }
}
