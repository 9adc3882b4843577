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
        var widths = headers.map(Self.width)
        for row in rows {
            for (index, cell) in row.enumerated() { widths[index] = max(widths[index], Self.width(cell)) }
        }
        text += "\n" + output.paint(Self.line(headers, widths: widths), .bold) + "\n"
        for (entry, row) in zip(status.entries, rows) {
            text += Self.line(row, widths: widths, painting: 2, output.paint(row[2], Self.color(entry.state)))
            text += "\n"
        }
        text += "\n" + Self.summaryLine(status, output: output) + "\n"
        output.result(text)
    }

    /// How many columns `text` takes on a terminal: its bytes when ASCII (every cell
    /// but a missing migration's recorded name), else its characters.
    static func width(_ text: String) -> Int {
        text.utf8.allSatisfy { $0 < 0x80 } ? text.utf8.count : text.count
    }

    /// Cells padded to `widths` and separated by two spaces, with no trailing spaces;
    /// cell `painting` is shown as `painted` (its coloured form) but padded by its own width.
    static func line(_ cells: [String], widths: [Int], painting: Int = -1, _ painted: String = "") -> String {
        var last = cells.count - 1
        while last >= 0 && cells[last].isEmpty { last -= 1 }
        guard last >= 0 else { return "" }
        var out = ""
        for index in 0...last {
            if index > 0 { out += "  " }
            out += index == painting ? painted : cells[index]
            if index < last {
                let padding = widths[index] - width(cells[index])
                if padding > 0 { out += String(repeating: " ", count: padding) }
            }
        }
        return out
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
