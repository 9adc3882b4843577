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
        var widths = Self.headers.map { $0.utf8.count }
        for index in entries.indices {
            let entry = entries[index]
            widths[0] = max(widths[0], Self.width(entry.version.text))
            widths[1] = max(widths[1], Self.width(entry.name))
            widths[2] = max(widths[2], entry.state.rawValue.utf8.count)
            if let batch = entry.batch { widths[3] = max(widths[3], Self.digits(batch)) }
            widths[4] = max(widths[4], Self.appliedWidth(entry.appliedAt))
            if let ms = entry.executionMs { widths[5] = max(widths[5], Self.digits(ms) + 3) }
        }
        var out: [UInt8] = []
        out.reserveCapacity((widths.reduce(0, +) + 12) * (entries.count + 1))
        out.append(contentsOf: output.paint(Self.header(widths: widths), .bold).utf8)
        out.append(UInt8(ascii: "\n"))
        let prefixes = output.useColor
            ? MigrationState.allCases.map { Array("\u{1B}[\(StatusRenderer.color($0).rawValue)m".utf8) } : nil
        for index in entries.indices {
            let entry = entries[index]
            // Trailing empty cells are left out: the state is never empty.
            let appliedWidth = Self.appliedWidth(entry.appliedAt)
            let last = entry.executionMs != nil ? 5 : appliedWidth > 0 ? 4 : entry.batch != nil ? 3 : 2
            func pad(_ column: Int, used: Int) {
                if column < last, widths[column] > used { out.append(contentsOf: repeatElement(0x20, count: widths[column] - used)) }
                if column < last { out.append(contentsOf: [0x20, 0x20]) }
            }
            out.append(contentsOf: entry.version.text.utf8)
            pad(0, used: Self.width(entry.version.text))
            out.append(contentsOf: entry.name.utf8)
            pad(1, used: Self.width(entry.name))
            let state = entry.state.rawValue
            if let prefixes, let position = MigrationState.allCases.firstIndex(of: entry.state) {
                out.append(contentsOf: prefixes[position])
                out.append(contentsOf: state.utf8)
                out.append(contentsOf: [0x1B, UInt8(ascii: "["), UInt8(ascii: "0"), UInt8(ascii: "m")])
            } else {
                out.append(contentsOf: state.utf8)
            }
            pad(2, used: state.utf8.count)
            if last >= 3 {
                let batch = entry.batch.map { String($0) } ?? ""
                out.append(contentsOf: batch.utf8)
                pad(3, used: batch.utf8.count)
            }
            if last >= 4 {
                if let at = entry.appliedAt {
                    for byte in at.utf8.prefix(19) { out.append(byte == UInt8(ascii: "T") ? 0x20 : byte) }
                }
                pad(4, used: appliedWidth)
            }
            if last >= 5, let ms = entry.executionMs {
                out.append(contentsOf: String(ms).utf8)
                out.append(contentsOf: [0x20, UInt8(ascii: "m"), UInt8(ascii: "s")])
            }
            out.append(UInt8(ascii: "\n"))
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The width of the applied-at cell: the timestamp to the second (19 characters).
    private static func appliedWidth(_ appliedAt: String?) -> Int {
        guard let appliedAt else { return 0 }
        let shown = appliedAt.utf8.prefix(19)
        return shown.allSatisfy { $0 < 0x80 } ? shown.count : String(decoding: shown, as: UTF8.self).count
    }

    /// How many digits (and sign) `value` takes.
    private static func digits(_ value: Int) -> Int {
        var count = value < 0 ? 2 : 1
        var rest = value.magnitude / 10
        while rest > 0 {
            count += 1
            rest /= 10
        }
        return count
    }

    /// How many columns a cell takes on a terminal: its bytes when ASCII (every cell but
    /// a missing migration's recorded name), else its characters.
    static func width(_ cell: String) -> Int {
        cell.utf8.allSatisfy { $0 < 0x80 } ? cell.utf8.count : cell.count
    }

    /// The header line: each header padded to its column's width, two spaces apart.
    private static func header(widths: [Int]) -> String {
        var line = ""
        for (index, header) in headers.enumerated() {
            line += header
            if index < headers.count - 1 { line += String(repeating: " ", count: widths[index] - header.utf8.count + 2) }
        }
        return line
    }
}
