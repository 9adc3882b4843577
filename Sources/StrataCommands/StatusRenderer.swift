import StrataMigrate

/// `strata status` as a table or a JSON document (DESIGN §5).
struct StatusRenderer {
    let output: Output

    struct Document: Encodable {
        var target: TargetSummary
        var migrations: [MigrationStatusEntry]
        var summary: [String: Int]
    }

    static func summaryCounts(_ status: MigrationStatus) -> [String: Int] {
        var counts: [String: Int] = [:]
        for (state, count) in status.summary { counts[state.rawValue] = count }
        counts["total"] = status.entries.count
        return counts
    }

    func render(_ status: MigrationStatus, target: TargetSummary) {
        if output.format == .json {
            output.result(JSON.encode(Document(target: target, migrations: status.entries, summary: Self.summaryCounts(status))))
            return
        }
        var text = TargetLine.describe(target, output: output) + "\n"
        if status.entries.isEmpty {
            text += "\nNo migrations yet. Create one with `strata new <name>`.\n"
            output.result(text)
            return
        }
        let rows = status.entries.map { entry -> [String] in
            [
                entry.version.text, entry.name, entry.state.rawValue, entry.batch.map(String.init) ?? "",
                entry.appliedAt.map(Self.shortTime) ?? "", entry.executionMs.map { "\($0) ms" } ?? "",
            ]
        }
        let headers = ["VERSION", "NAME", "STATE", "BATCH", "APPLIED AT (UTC)", "TIME"]
        var widths = headers.map(\.count)
        for row in rows {
            for (index, cell) in row.enumerated() { widths[index] = max(widths[index], cell.count) }
        }
        func pad(_ text: String, _ width: Int) -> String { text + String(repeating: " ", count: max(width - text.count, 0)) }
        text += "\n" + output.paint(zip(headers, widths).map { pad($0, $1) }.joined(separator: "  ").trimmingTrailingSpaces(), .bold) + "\n"
        for (entry, row) in zip(status.entries, rows) {
            var cells = zip(row, widths).map { pad($0, $1) }
            cells[2] = output.paint(cells[2], Self.color(entry.state))
            text += cells.joined(separator: "  ").trimmingTrailingSpaces() + "\n"
        }
        text += "\n" + Self.summaryLine(status, output: output) + "\n"
        output.result(text)
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
        let summary = status.summary
        let parts = MigrationState.allCases.compactMap { state -> String? in
            guard let count = summary[state], count > 0 else { return nil }
            return output.paint("\(count) \(state.rawValue)", color(state))
        }
        let total = status.entries.count
        return "\(total) migration\(total == 1 ? "" : "s")" + (parts.isEmpty ? "" : ": " + parts.joined(separator: ", "))
    }

    /// `2024-01-01T12:00:03.123Z` → `2024-01-01 12:00:03`.
    static func shortTime(_ iso: String) -> String {
        String(iso.prefix(19).map { $0 == "T" ? " " : $0 })
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

extension String {
    func trimmingTrailingSpaces() -> String {
        var copy = self
        while copy.hasSuffix(" ") { copy.removeLast() }
        return copy
    }
}
