/// A plain text table: a header and rows, columns padded to their widest cell and
/// separated by two spaces, numbers aligned right, no trailing spaces.
struct TextTable {
    enum Alignment { case left, right }

    var headers: [String]
    var alignments: [Alignment]
    var rows: [[String]] = []

    init(headers: [String], alignments: [Alignment]) {
        self.headers = headers
        self.alignments = alignments
    }

    mutating func append(_ row: [String]) {
        rows.append(row)
    }

    /// The lines, each ending in a newline; the header painted bold when `output` colours.
    func render(_ output: Output) -> String {
        var widths = headers.map(\.count)
        for row in rows {
            for (column, cell) in row.enumerated() where column < widths.count {
                widths[column] = max(widths[column], cell.count)
            }
        }
        func line(_ cells: [String]) -> String {
            var text = ""
            for (column, cell) in cells.enumerated() {
                let padding = String(repeating: " ", count: max(widths[column] - cell.count, 0))
                if column > 0 { text += "  " }
                text += alignments[column] == .right ? padding + cell : cell + (column == cells.count - 1 ? "" : padding)
            }
            return text
        }
        var text = output.paint(line(headers), .bold) + "\n"
        for row in rows { text += line(row) + "\n" }
        return text
    }
}
