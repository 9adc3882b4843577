/// The numbers of a fleet's progress line: done of total, failures, rate, time left.
/// Pure: the caller passes the elapsed time.
public struct FleetProgress: Sendable, Hashable {
    /// Targets finished (succeeded or failed).
    public var done: Int
    /// Targets in the run.
    public var total: Int
    /// Targets failed so far.
    public var failed: Int
    /// Seconds since the run started.
    public var elapsed: Double

    public init(done: Int, total: Int, failed: Int, elapsed: Double) {
        self.done = done
        self.total = total
        self.failed = failed
        self.elapsed = elapsed
    }

    /// Targets finished per second so far; nil until one has finished.
    public var rate: Double? {
        guard done > 0, elapsed > 0 else { return nil }
        return Double(done) / elapsed
    }

    /// Seconds left at the rate so far; nil until a rate is known.
    public var secondsLeft: Double? {
        guard let rate else { return nil }
        return Double(max(total - done, 0)) / rate
    }

    /// `[120/204] 1 failed · 35.2 targets/s · about 3 s left`.
    public var line: String {
        var parts = ["[\(done)/\(total)]"]
        if failed > 0 { parts[0] += " \(failed) failed" }
        if let rate { parts.append(Self.format(rate: rate)) }
        if let secondsLeft, done < total { parts.append("about " + Self.format(seconds: secondsLeft) + " left") }
        return parts.joined(separator: " · ")
    }

    static func format(rate: Double) -> String {
        let rounded = rate >= 100 ? String(Int(rate.rounded())) : String(Double(Int(rate * 10 + 0.5)) / 10)
        return rounded + " targets/s"
    }

    /// `420 ms`, `4.2 s`, `12 s`, `3 min 5 s`, `2 h 4 min`.
    public static func format(seconds: Double) -> String {
        if seconds < 1 { return "\(Int((seconds * 1000).rounded())) ms" }
        if seconds < 10 { return String(Double(Int(seconds * 10 + 0.5)) / 10) + " s" }
        let whole = Int(seconds.rounded())
        if whole < 60 { return "\(whole) s" }
        if whole < 3600 { return "\(whole / 60) min \(whole % 60) s" }
        return "\(whole / 3600) h \(whole % 3600 / 60) min"
    }
}
