import Foundation
import StrataFleet
import StrataMigrate
import Synchronization

/// Shows a fleet run: on a terminal a progress line rewritten in place (done/total,
/// failures, rate, time left) with failures printed above it as they happen; otherwise
/// one line per finished target. At the end: the failures with their errors, why targets
/// were skipped, a table, and a summary line; or the JSON document.
final class FleetRenderer: Sendable {
    private struct State {
        var done = 0
        var failed = 0
        var total = 0
        var lastDraw: ContinuousClock.Instant?
        var lineOpen = false
    }

    private let output: Output
    private let action: FleetAction
    private let waves: [FleetWave]
    private let rewritesInPlace: Bool
    private let clock = ContinuousClock()
    private let started: ContinuousClock.Instant
    private let state = Mutex(State())

    init(output: Output, action: FleetAction, waves: [FleetWave]) {
        self.output = output
        self.action = action
        self.waves = waves
        self.rewritesInPlace = output.format == .text && output.environment.outputIsTerminal && !output.quiet
        self.started = clock.now
    }

    var errors: ErrorRenderer { ErrorRenderer(environment: output.environment, format: output.format) }

    /// Whether a line per finished target is shown (without a terminal): not for
    /// `status`, whose final table lists every target.
    private var listsTargets: Bool {
        if case .status = action { return false }
        return true
    }

    var handler: FleetEventHandler {
        { [self] event in self.handle(event) }
    }

    /// `Fleet up: 204 targets on 2 servers, 8 at a time (at most 4 per server).`
    func header(_ plan: FleetPlan, options: FleetOptions) {
        let servers = Set(plan.targets.map(\.server) + plan.listingFailures.map(\.target.server)).count
        let count = plan.targets.count + plan.listingFailures.count
        var text = "Fleet \(action.name): \(count) target\(count == 1 ? "" : "s") on \(servers) server\(servers == 1 ? "" : "s"), \(options.parallel) at a time"
        if let perServer = options.perServer { text += " (at most \(perServer) per server)" }
        if waves.count > 1 { text += ", in \(waves.count) waves" }
        output.progress(text + ".")
    }

    private func handle(_ event: FleetEvent) {
        switch event {
        case .started(let targets, _):
            state.withLock { $0.total = targets }
        case .waveStarted(let wave, let targets):
            guard waves.count > 1 else { return }
            print("Wave \(wave + 1) of \(waves.count) (\(waves[wave].match)): \(targets) target\(targets == 1 ? "" : "s")")
        case .targetFinished(let result):
            let line = self.line(result)
            let failed = result.outcome == .failed
            state.withLock { state in
                state.done += 1
                if failed { state.failed += 1 }
            }
            if rewritesInPlace {
                if failed { print(line) } else { drawProgress(force: false) }
            } else if listsTargets {
                output.progress(line)
            }
        case .stopping(let reason):
            if reason == .interrupted {
                print(output.paint("Interrupted: no more targets start; running ones roll back.", .yellow))
            } else {
                print(output.paint("Stopping: \(reason); running targets finish.", .yellow))
            }
        case .migration(let target, _, let event):
            detail(event, of: target)
        case .targetStarted:
            break
        }
    }

    /// With --verbose, a target's lock waits and migrations (on stderr).
    private func detail(_ event: MigrationEvent, of target: FleetTarget) {
        switch event {
        case .waitingForLock(let holder):
            output.detail("    \(target.path): waiting for the migration lock held by " + (holder.map { "session \($0.pid)" } ?? "another run"))
        case .migrationFinished(let version, let name, let direction, let durationMs):
            output.detail("    \(target.path): \(direction == .up ? "applied" : "reverted") \(version.text)_\(name) \(durationMs) ms")
        default:
            break
        }
    }

    /// Prints a line above the progress line (which is redrawn under it).
    private func print(_ text: String) {
        guard !output.quiet else { return }
        if rewritesInPlace {
            output.environment.standardOutput.write("\r\u{1B}[2K" + text + "\n")
            drawProgress(force: true)
        } else {
            output.progress(text)
        }
    }

    private func drawProgress(force: Bool) {
        let now = clock.now
        let text: String? = state.withLock { state in
            if !force, let last = state.lastDraw, now - last < .milliseconds(100), state.done < state.total { return nil }
            state.lastDraw = now
            state.lineOpen = true
            let elapsed = now - started
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            return FleetProgress(done: state.done, total: state.total, failed: state.failed, elapsed: seconds).line
        }
        if let text { output.environment.standardOutput.write("\r\u{1B}[2K" + text) }
    }

    /// One finished target: `✓ server/db/schema  applied 2  34 ms`.
    func line(_ result: FleetTargetResult) -> String {
        let mark: String
        switch result.outcome {
        case .failed: mark = output.paint("✗", .red)
        case .skipped: mark = output.paint("-", .gray)
        case .pending, .planned: mark = output.paint("•", .yellow)
        default: mark = output.paint("✓", .green)
        }
        var text = "  \(mark) \(result.target.path)  "
        switch result.outcome {
        case .applied: text += "applied \(result.applied)"
        case .reverted: text += "rolled back \(result.reverted)"
        case .upToDate: text += "up to date"
        case .unchanged: text += "nothing to roll back"
        case .pending: text += "\(result.pending ?? 0) pending"
        case .planned: text += "would run \(result.report?.migrations.count ?? 0)"
        case .valid: text += "valid"
        case .skipped: text += "skipped"
        case .failed:
            let message = result.error.map { errors.describe($0).1.first ?? "" } ?? "failed"
            text += output.paint("failed: ", .red) + message
        }
        return text + "  " + output.paint("\(result.durationMs) ms", .gray)
    }

    /// The end of the run: text or JSON.
    func finish(_ report: FleetReport, exitCode: Int32) {
        if output.format == .json {
            output.result(JSON.encode(FleetDocument(report, exitCode: exitCode, errors: errors)))
            return
        }
        if rewritesInPlace, state.withLock({ $0.lineOpen }) {
            output.environment.standardOutput.write("\r\u{1B}[2K")
        }
        // A blank line after the lines of finished targets.
        var text = !rewritesInPlace && listsTargets && !output.quiet && !report.targets.isEmpty ? "\n" : ""
        let failures = report.targets.filter { $0.outcome == .failed }
        if !failures.isEmpty {
            text += output.paint("Failed:", .red) + "\n"
            for result in failures {
                text += "  \(result.target.path)" + output.paint(" (\(result.target.origin))", .gray) + "\n"
                let lines = result.error.map { errors.describe($0).1 } ?? ["failed"]
                for (index, line) in lines.enumerated() {
                    text += "    " + (index == 0 ? output.paint("error: ", .red) : "") + line.replacingOccurrences(of: "\n", with: "\n    ") + "\n"
                }
            }
            text += "\n"
        }
        let skipped = report.summary.skipped
        if skipped > 0, let reason = report.stopReason {
            text += output.paint("Skipped \(skipped) target\(skipped == 1 ? "" : "s"): \(reason).", .yellow)
            if case .failureLimit = reason { text += " --continue-on-error or --max-failures N keeps going past failures." }
            text += "\n\n"
        }
        for origin in report.emptyListings {
            text += output.paint("note: ", .yellow) + "the schemas query at \(origin) returned no schemas\n"
        }
        if case .status = action { text += statusTable(report) + "\n" }
        text += serverTable(report) + "\n"
        text += summaryLine(report)
        output.result(text)
    }

    private var columns: [FleetOutcome] {
        switch action {
        case .up(let options): return options.dryRun ? [.planned, .upToDate, .failed, .skipped] : [.applied, .upToDate, .failed, .skipped]
        case .down(let options): return options.dryRun ? [.planned, .unchanged, .failed, .skipped] : [.reverted, .unchanged, .failed, .skipped]
        case .status: return [.upToDate, .pending, .failed, .skipped]
        case .validate: return [.valid, .failed, .skipped]
        }
    }

    /// Targets per outcome on each server, and the total.
    private func serverTable(_ report: FleetReport) -> String {
        let columns = self.columns
        var table = TextTable(
            headers: ["SERVER", "TARGETS"] + columns.map { $0.rawValue.uppercased() },
            alignments: [.left] + Array(repeating: .right, count: columns.count + 1)
        )
        var order: [String] = []
        var counts: [String: [FleetOutcome: Int]] = [:]
        for result in report.targets {
            if counts[result.target.server] == nil { order.append(result.target.server) }
            counts[result.target.server, default: [:]][result.outcome, default: 0] += 1
        }
        for server in order {
            let row = counts[server] ?? [:]
            table.append([server, String(row.values.reduce(0, +))] + columns.map { String(row[$0] ?? 0) })
        }
        if order.count > 1 {
            table.append(["total", String(report.summary.targets)] + columns.map { String(report.summary[$0]) })
        }
        return table.render(output)
    }

    /// Every target with its migrations' state (`fleet status`).
    private func statusTable(_ report: FleetReport) -> String {
        var table = TextTable(
            headers: ["TARGET", "STATE", "APPLIED", "PENDING", "PROBLEMS", "LATEST"],
            alignments: [.left, .left, .right, .right, .right, .left]
        )
        for result in report.targets {
            let latest = result.status?.entries.last { $0.state == .applied || $0.state == .modified }
            table.append([
                result.target.path, result.outcome.rawValue, String(result.applied), result.pending.map(String.init) ?? "?",
                result.problems.map(String.init) ?? "?", latest.map { "\($0.version.text)_\($0.name)" } ?? "-",
            ])
        }
        return table.render(output)
    }

    /// `Fleet up: 203 of 204 targets succeeded, 1 failed; 406 migrations applied in 4.2 s (48.5 targets/s).`
    /// (`status`: up to date and pending; `validate`: valid.)
    private func summaryLine(_ report: FleetReport) -> String {
        let summary = report.summary
        let of = "\(summary.targets) target\(summary.targets == 1 ? "" : "s")"
        var text = "Fleet \(report.action): "
        switch action {
        case .status:
            text += "\(summary[.upToDate]) of \(of) up to date"
            if summary[.pending] > 0 { text += ", " + output.paint("\(summary[.pending]) with pending migrations", .yellow) }
        case .validate:
            text += "\(summary[.valid]) of \(of) valid"
        case .up, .down:
            text += "\(summary.succeeded) of \(of) succeeded"
        }
        if summary.failed > 0 {
            text += ", " + output.paint("\(summary.failed) failed", .red)
            if summary.unreachable > 0 { text += " (\(summary.unreachable) unreachable)" }
        }
        if summary.skipped > 0 { text += ", \(summary.skipped) skipped" }
        if summary.migrationsApplied > 0 { text += "; \(summary.migrationsApplied) migration\(summary.migrationsApplied == 1 ? "" : "s") applied" }
        if summary.migrationsReverted > 0 { text += "; \(summary.migrationsReverted) migration\(summary.migrationsReverted == 1 ? "" : "s") rolled back" }
        let seconds = Double(summary.durationMs) / 1000
        text += " in " + FleetProgress.format(seconds: seconds)
        let ran = summary.targets - summary.skipped
        if seconds > 0, ran > 0 { text += " (\(FleetProgress(done: ran, total: ran, failed: 0, elapsed: seconds).rate.map { String(format: "%.1f", $0) } ?? "?") targets/s)" }
        return text + "."
    }
}
