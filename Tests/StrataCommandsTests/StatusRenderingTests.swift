import Foundation
import StrataMigrate
import Testing
@testable import StrataCommands

/// `strata status` writes its table and its JSON by hand; the oracles here are the
/// straightforward forms: the JSON that `JSONEncoder` gives for the same document, and a
/// table built cell by cell from strings.
@Suite struct StatusRenderingTests {
    /// Every state, missing values, and names and paths that need escaping in JSON or are
    /// wider in bytes than on screen.
    private static let status: MigrationStatus = {
        func version(_ text: String) -> MigrationVersion { MigrationVersion(text)! }
        let files = [
            Migration(version: version("001"), name: "create_users", path: "migrations/001_create_users.sql", text: "", checksum: "aa"),
            Migration(version: version("002"), name: "changed", path: "migrations/002_changed.sql", text: "", checksum: "bb"),
            Migration(version: version("004"), name: "late", path: "migrations/004_late.sql", text: "", checksum: "dd"),
            Migration(version: version("006"), name: "next", path: "migrations/a \"quoted\"\\path/006_next.sql", text: "", checksum: "ff"),
        ]
        func row(_ text: String, _ name: String, state: AppliedMigration.State = .applied) -> AppliedMigration {
            AppliedMigration(
                version: version(text), name: name, checksum: text == "002" ? "old" : "aa", batch: Int(text)!,
                appliedAt: "2024-01-0\(text.suffix(1))T10:00:00.123Z", executionMs: 7, appliedBy: "me", state: state
            )
        }
        return MigrationStatus(migrations: files, applied: [
            row("001", "create_users"), row("002", "changed"), row("003", "gone\u{1}\tnämé/ü"),
            row("005", "broke", state: .failed),
        ])
    }()

    /// The document as `JSONEncoder` would write it from the entries' `Encodable` form.
    private struct EncodedStatus: Encodable {
        var target: TargetSummary
        var migrations: [MigrationStatusEntry]
        var repeatables: [ScriptStatusEntry]
        var summary: [String: Int]
    }

    private static let targets = [
        TargetSummary(environment: "dev", url: "postgres://u@h/db?host=%2Ftmp", source: "--url", protected: false),
        TargetSummary(environment: "prod", url: nil, source: "environment", protected: true),
    ]

    @Test func jsonIsWhatJSONEncoderWrites() {
        #expect(Set(Self.status.entries.map(\.state)) == Set(MigrationState.allCases))
        for target in Self.targets {
            var withScripts = Self.status
            withScripts.repeatables = [
                ScriptStatusEntry(state: .applied, name: "views/a.sql", file: "repeatable/views/a.sql", checksum: "c1", changed: false, batch: 2, appliedAt: "2024-01-01T00:00:00.000Z", executionMs: 3),
                ScriptStatusEntry(state: .pending, name: "views/b \"q\".sql", file: "repeatable/views/b \"q\".sql", checksum: "c2", changed: true, batch: 1, appliedAt: "2024-01-01T00:00:00.000Z", executionMs: 0),
                ScriptStatusEntry(state: .missing, name: "gone.sql", file: nil, checksum: "c3", changed: false, batch: 1, appliedAt: nil, executionMs: nil),
            ]
            for status in [Self.status, withScripts, MigrationStatus(migrations: [], applied: [])] {
                let expected = JSON.encode(EncodedStatus(
                    target: target, migrations: status.entries, repeatables: status.repeatables,
                    summary: StatusRenderer.summaryCounts(status)
                ))
                #expect(StatusRenderer.document(status, target: target).text == expected)
            }
        }
    }

    @Test(arguments: [false, true])
    func tableIsTheCellByCellTable(colored: Bool) {
        let output = Output(
            format: .text, useColor: colored, quiet: false, verbose: false,
            environment: CommandEnvironment(
                variables: [:], workingDirectory: "/", standardOutput: .buffer(), standardError: .buffer(),
                outputIsTerminal: colored, inputIsTerminal: false
            )
        )
        let table = StatusTable(entries: Self.status.entries, output: output).text
        #expect(table == Self.referenceTable(Self.status.entries, output: output))
        #expect(table.contains("2024-01-01 10:00:00"))
        #expect(!table.split(separator: "\n").contains { $0.hasSuffix(" ") })
    }

    /// The table built from strings: headers and cells padded to the widest cell by
    /// characters, two spaces apart, trailing empty cells and padding left out.
    private static func referenceTable(_ entries: [MigrationStatusEntry], output: Output) -> String {
        let headers = ["VERSION", "NAME", "STATE", "BATCH", "APPLIED AT (UTC)", "TIME"]
        let rows = entries.map { entry -> [String] in
            let batch: String = entry.batch.map { String($0) } ?? ""
            let applied: String = entry.appliedAt.map { String($0.prefix(19)).replacingOccurrences(of: "T", with: " ") } ?? ""
            let time: String = entry.executionMs.map { "\($0) ms" } ?? ""
            return [entry.version.text, entry.name, entry.state.rawValue, batch, applied, time]
        }
        var widths = headers.map(\.count)
        for row in rows { for (index, cell) in row.enumerated() { widths[index] = max(widths[index], cell.count) } }
        func line(_ cells: [String], painted: String? = nil) -> String {
            var cells = cells
            while cells.last?.isEmpty == true { cells.removeLast() }
            var parts: [String] = []
            for (index, cell) in cells.enumerated() {
                let shown = index == 2 ? (painted ?? cell) : cell
                let padding = index == cells.count - 1 ? 0 : widths[index] - cell.count
                parts.append(shown + String(repeating: " ", count: padding))
            }
            return parts.joined(separator: "  ")
        }
        var text = output.paint(line(headers), .bold) + "\n"
        for (entry, row) in zip(entries, rows) {
            text += line(row, painted: output.paint(row[2], StatusRenderer.color(entry.state))) + "\n"
        }
        return text
    }
}
