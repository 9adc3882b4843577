import Foundation
import StrataMigrate
import Synchronization

/// Shows a run as it happens: one progress line per migration as it starts and as it
/// finishes (rewritten in place on a terminal), a line while waiting for the lock, and
/// each statement with --verbose. Also renders the final report.
final class RunRenderer: Sendable {
    private let output: Output
    private let rewritesInPlace: Bool

    init(output: Output) {
        self.output = output
        self.rewritesInPlace = output.format == .text && output.environment.outputIsTerminal && !output.quiet
    }

    var handler: MigrationEventHandler {
        { [self] event in self.handle(event) }
    }

    private func handle(_ event: MigrationEvent) {
        switch event {
        case .waitingForLock(let holder):
            var who = "another run"
            if let holder {
                who = "session \(holder.pid)"
                if let application = holder.applicationName, !application.isEmpty { who += " (\(application))" }
            }
            output.progress(output.paint("Waiting for the migration lock held by \(who)…", .yellow))
        case .lockAcquired(let waited):
            output.progress(output.paint("Got the migration lock after \(waited) ms.", .gray))
        case .migrationStarted(let version, let name, let direction, let index, let count):
            guard !output.quiet else { return }
            let line = "  \(arrow(direction)) \(version.text)_\(name) " + output.paint("(\(index)/\(count))…", .gray)
            if rewritesInPlace {
                output.environment.standardOutput.write(line)
            } else {
                output.progress(line)
            }
        case .migrationFinished(let version, let name, let direction, let durationMs):
            guard !output.quiet else { return }
            let line = "  " + output.paint("✓", .green) + " \(direction == .up ? "applied" : "reverted") \(version.text)_\(name) "
                + output.paint("\(durationMs) ms", .gray)
            if rewritesInPlace {
                output.environment.standardOutput.write("\r\u{1B}[2K" + line + "\n")
            } else {
                output.progress(line)
            }
        case .scriptStarted(let kind, let name, let file):
            guard !output.quiet else { return }
            let line = "  → \(kind.rawValue) \(file ?? name)…"
            if rewritesInPlace {
                output.environment.standardOutput.write(line)
            } else {
                output.progress(line)
            }
        case .scriptFinished(let kind, let name, let file, let durationMs):
            guard !output.quiet else { return }
            let line = "  " + output.paint("✓", .green) + " ran \(kind.rawValue) \(file ?? name) " + output.paint("\(durationMs) ms", .gray)
            if rewritesInPlace {
                output.environment.standardOutput.write("\r\u{1B}[2K" + line + "\n")
            } else {
                output.progress(line)
            }
        case .statementStarted(let source, let line, let text):
            output.detail("    [\(source):\(line)] " + text.replacingOccurrences(of: "\n", with: "\n      "))
        case .committed(let versions):
            output.detail("    committed \(versions.map(\.text).joined(separator: ", "))")
        }
    }

    /// Ends a line left open by an interrupted run on a terminal.
    func finishOpenLine() {
        if rewritesInPlace { output.environment.standardOutput.write("\n") }
    }

    private func arrow(_ direction: MigrationDirection) -> String {
        direction == .up ? "→" : "←"
    }

    /// The summary line after a run.
    static func summary(_ report: MigrationRunReport) -> String {
        let count = report.completedCount
        let noun = count == 1 ? "migration" : "migrations"
        let seconds = report.durationMs >= 1000 ? String(format: "%.2f s", Double(report.durationMs) / 1000) : "\(report.durationMs) ms"
        switch report.direction {
        case .up:
            let ranScripts = report.migrations.filter { $0.kind != .versioned && $0.outcome == .applied }
            let repeatables = ranScripts.count { $0.kind == .repeatable }
            let aroundCount = ranScripts.count - repeatables
            var scripts: [String] = []
            if repeatables > 0 { scripts.append("\(repeatables) repeatable script\(repeatables == 1 ? "" : "s")") }
            if aroundCount > 0 { scripts.append("\(aroundCount) pre/post script\(aroundCount == 1 ? "" : "s")") }
            let ran = scripts.isEmpty ? "" : "; ran " + scripts.joined(separator: " and ")
            if count == 0 && repeatables == 0 {
                return "Nothing to apply: the database is up to date" + (ran.isEmpty ? "." : " (ran \(scripts.joined(separator: " and ")), \(seconds)).")
            }
            if count == 0 {
                return "Applied no migration\(ran) in batch \(report.batch ?? 0) (\(report.transactionMode.rawValue) mode, \(seconds))."
            }
            return "Applied \(count) \(noun)\(ran) in batch \(report.batch ?? 0) (\(report.transactionMode.rawValue) mode, \(seconds))."
        case .down:
            if count == 0 { return "Nothing to roll back." }
            return "Rolled back \(count) \(noun) (\(seconds))."
        }
    }
}
