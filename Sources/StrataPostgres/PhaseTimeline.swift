#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where a command's time goes, for `Benchmarks/timeline.py`: with `STRATA_TIMELINE` set in
/// the environment, each point and span is written to standard error as
/// `strata-timeline mark <phase> <CLOCK_MONOTONIC ns>` or
/// `strata-timeline span <phase> <ns>`. The clock is the system's monotonic clock, so the
/// script can also time what happens before `main` and after the last mark. Without the
/// variable nothing is written and a mark costs one check.
public enum PhaseTimeline {
    /// Whether `STRATA_TIMELINE` is set (read once).
    public static let isEnabled: Bool = getenv("STRATA_TIMELINE") != nil

    /// The monotonic clock in nanoseconds.
    public static func now() -> UInt64 {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
    }

    /// A point in time: `phase` has been reached.
    public static func mark(_ phase: StaticString) {
        guard isEnabled else { return }
        write("strata-timeline mark \(phase) \(now())\n")
    }

    /// A duration spent in `phase` (spans of one phase add up, e.g. every catalog query).
    public static func span(_ phase: StaticString, since start: UInt64) {
        guard isEnabled else { return }
        span(phase, from: start, to: now())
    }

    /// The duration from `start` to `end` spent in `phase`.
    public static func span(_ phase: StaticString, from start: UInt64, to end: UInt64) {
        guard isEnabled else { return }
        write("strata-timeline span \(phase) \(end &- start)\n")
    }

    private static func write(_ line: String) {
        var line = line
        line.withUTF8 { bytes in
            // File descriptor 2: one write(2) per line, unbuffered, safe from any thread.
            #if canImport(Glibc)
            _ = Glibc.write(2, bytes.baseAddress, bytes.count)
            #else
            _ = Darwin.write(2, bytes.baseAddress, bytes.count)
            #endif
        }
    }
}
