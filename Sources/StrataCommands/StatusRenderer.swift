import StrataMigrate

/// `strata status` as a table or a JSON document (DESIGN §5).
struct StatusRenderer {
    let output: Output

    static func summaryCounts(_ status: MigrationStatus) -> [String: Int] {
        var counts: [String: Int] = [:]
        for (state, count) in status.stateCounts { counts[state.rawValue] = count }
        counts["total"] = status.entries.count
        return counts
    }

    /// The JSON document (`target`, `migrations`, `summary`), written by hand: the same
    /// text `JSONEncoder` gives for the entries, in a fraction of its time for thousands of
    /// migrations.
    static func document(_ status: MigrationStatus, target: TargetSummary) -> JSONNode {
        var targetMembers: [(String, JSONNode)] = [
            ("environment", .string(target.environment)), ("protected", .bool(target.protected)),
            ("source", .string(target.source)),
        ]
        if let url = target.url { targetMembers.append(("url", .string(url))) }
        return .object([
            ("target", .object(targetMembers)),
            ("migrations", .array(status.entries.map { entry in
                // In key order, so that writing need not sort them.
                .object([
                    ("applied_at", .string(entry.appliedAt)), ("batch", .int(entry.batch)),
                    ("checksum", .string(entry.checksum)), ("execution_ms", .int(entry.executionMs)),
                    ("file", .string(entry.file)), ("name", .string(entry.name)),
                    ("state", .string(entry.state.rawValue)), ("version", .string(entry.version.text)),
                ])
            })),
            ("repeatables", .array(status.repeatables.map { entry in
                .object([
                    ("applied_at", .string(entry.appliedAt)), ("batch", .int(entry.batch)),
                    ("changed", .bool(entry.changed)), ("checksum", .string(entry.checksum)),
                    ("execution_ms", .int(entry.executionMs)), ("file", .string(entry.file)),
                    ("name", .string(entry.name)), ("state", .string(entry.state.rawValue)),
                ])
            })),
            ("summary", .object(summaryCounts(status).map { ($0.key, .int($0.value)) })),
        ])
    }

    func render(_ status: MigrationStatus, target: TargetSummary) {
        if output.format == .json {
            output.result(Self.document(status, target: target).text)
            return
        }
        var text = TargetLine.describe(target, output: output) + "\n"
        if status.entries.isEmpty {
            text += "\nNo migrations yet. Create one with `strata new <name>`.\n"
            output.result(text)
            return
        }
        text += "\n" + StatusTable(entries: status.entries, output: output).text
        text += "\n" + Self.summaryLine(status, output: output) + "\n"
        if !status.repeatables.isEmpty { text += "\n" + Self.repeatablesText(status.repeatables, output: output) }
        output.result(text)
    }

    /// The repeatable scripts: a line each with its state, then a count.
    static func repeatablesText(_ entries: [ScriptStatusEntry], output: Output) -> String {
        let stateWidth = entries.map { $0.state.rawValue.count + ($0.changed ? " (changed)".count : 0) }.max() ?? 0
        var text = output.paint("REPEATABLE SCRIPTS", .bold) + "\n"
        for entry in entries {
            let state = entry.state.rawValue + (entry.changed ? " (changed)" : "")
            let padding = String(repeating: " ", count: stateWidth - state.count)
            var line = output.paint(state, color(entry.state)) + padding + "  " + (entry.file ?? entry.name)
            if let appliedAt = entry.appliedAt, entry.state != .pending || entry.changed {
                line += output.paint("  last ran \(appliedAt) in batch \(entry.batch ?? 0)", .gray)
            }
            text += line + "\n"
        }
        let pending = entries.count { $0.state == .pending }
        text += "\(entries.count) repeatable script\(entries.count == 1 ? "" : "s")" + (pending > 0 ? ": \(pending) to run at the next `up`" : "") + "\n"
        return text
    }

    static func color(_ state: MigrationState) -> Output.Color {
        switch state {
        case .applied: return .green
        case .pending: return .yellow
        case .modified, .missing, .failed, .outOfOrder: return .red
        }
    }

    /// "5 migrations: 3 applied, 2 pending".
    static func summaryLine(_ status: MigrationStatus, output: Output) -> String {
        let parts = status.stateCounts.compactMap { state, count -> String? in
            guard count > 0 else { return nil }
            return output.paint("\(count) \(state.rawValue)", color(state))
        }
        let total = status.entries.count
        return "\(total) migration\(total == 1 ? "" : "s")" + (parts.isEmpty ? "" : ": " + parts.joined(separator: ", "))
    }
}

/// "Target: postgres://… (local cluster, environment dev)".
enum TargetLine {
    static func describe(_ target: TargetSummary, output: Output) -> String {
        var origin = target.source
        if target.source == ResolvedTarget.Source.environmentURL.rawValue {
            origin = "url of environment \(target.environment)"
        } else {
            origin += ", environment \(target.environment)"
        }
        if target.protected { origin += ", protected" }
        return "Target: " + output.paint(target.url ?? "(not connected)", .cyan) + " (" + origin + ")"
    }
}
