import StrataMigrate

/// The table of `strata status`: a header and one line per migration, columns padded to
/// their widest cell and separated by two spaces, no trailing spaces, the state coloured
/// when the output is.
///
/// Written straight into UTF-8 bytes: a status of thousands of migrations is a common
/// command before every deploy, and building it from per-cell strings cost more than
/// reading the history.
struct StatusTable {
    let entries: [MigrationStatusEntry]
    let output: Output

    static let headers = ["VERSION", "NAME", "STATE", "BATCH", "APPLIED AT (UTC)", "TIME"]

    /// The header line, the entries' lines, each ending in a newline.
    var text: String {
        let rows = entries.map(Self.cells)
        var widths = Self.headers.map { $0.utf8.count }
        for row in rows {
            for (index, cell) in row.enumerated() { widths[index] = max(widths[index], Self.width(cell)) }
        }
        var out: [UInt8] = []
        out.reserveCapacity((widths.reduce(0, +) + 12) * (rows.count + 1))
        var header: [UInt8] = []
        Self.append(Self.headers, widths: widths, to: &header)
        out.append(contentsOf: output.paint(String(decoding: header, as: UTF8.self), .bold).utf8)
        out.append(UInt8(ascii: "\n"))
        for (entry, row) in zip(entries, rows) {
            Self.append(row, widths: widths, to: &out, painting: 2, prefix: paintPrefix(entry.state))
            out.append(UInt8(ascii: "\n"))
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The colour code written before a state, and `ESC[0m` after it, when colouring.
    private func paintPrefix(_ state: MigrationState) -> String? {
        guard output.useColor else { return nil }
        return "\u{1B}[\(StatusRenderer.color(state).rawValue)m"
    }

    /// version, name, state, batch, applied at (`2024-01-01 12:00:03`), time (`12 ms`).
    /// Nearly every cell fits in a small string, so a row costs one allocation or two.
    static func cells(_ entry: MigrationStatusEntry) -> [String] {
        var applied = ""
        if let at = entry.appliedAt {
            let shown = at.utf8.prefix(19)
            applied = shown.contains(UInt8(ascii: "T"))
                ? String(decoding: shown.map { $0 == UInt8(ascii: "T") ? UInt8(ascii: " ") : $0 }, as: UTF8.self)
                : String(decoding: shown, as: UTF8.self)
        }
        return [
            entry.version.text, entry.name, entry.state.rawValue, entry.batch.map { String($0) } ?? "", applied,
            entry.executionMs.map { String($0) + " ms" } ?? "",
        ]
    }

    /// How many columns a cell takes on a terminal: its bytes when ASCII (every cell but
    /// a missing migration's recorded name), else its characters.
    static func width(_ cell: String) -> Int {
        cell.utf8.allSatisfy { $0 < 0x80 } ? cell.utf8.count : cell.count
    }

    /// One line: cells padded to `widths`, two spaces apart, empty trailing cells and
    /// trailing padding left out; cell `painting` wrapped in `prefix` and `ESC[0m`.
    static func append(
        _ cells: [String], widths: [Int], to out: inout [UInt8], painting: Int = -1, prefix: String? = nil
    ) {
        var last = cells.count - 1
        while last >= 0 && cells[last].isEmpty { last -= 1 }
        guard last >= 0 else { return }
        for index in 0...last {
            if index > 0 { out.append(contentsOf: [0x20, 0x20]) }
            if index == painting, let prefix {
                out.append(contentsOf: prefix.utf8)
                out.append(contentsOf: cells[index].utf8)
                out.append(contentsOf: [0x1B, UInt8(ascii: "["), UInt8(ascii: "0"), UInt8(ascii: "m")])
            } else {
                out.append(contentsOf: cells[index].utf8)
            }
            if index < last {
                let padding = widths[index] - width(cells[index])
                if padding > 0 { out.append(contentsOf: repeatElement(0x20, count: padding)) }
            }
        }
    }
}
