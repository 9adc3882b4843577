/// A targets file (`strata fleet --targets FILE`): one target per line, a URL alone (a
/// database) or a URL and a schema (a tenant), separated by spaces or tabs. A schema with
/// spaces is written in double quotes (`""` for a quote inside). Blank lines and text
/// from a `#` that starts a line or follows a space are ignored. Pure: text in, lines out.
public enum FleetTargetsFile {
    /// One target line as written.
    public struct Entry: Sendable, Hashable {
        /// The URL as written (before `${VAR}` expansion).
        public var url: String
        /// The tenant schema, or nil for the database itself.
        public var schema: String?
        /// 1-based.
        public var line: Int
    }

    /// - Throws: ``FleetError`` (`targetsFile`) naming `file:line` for a line with more
    ///   than two fields or an unterminated quote.
    public static func parse(_ text: String, file: String) throws -> [Entry] {
        var entries: [Entry] = []
        var number = 0
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            number += 1
            let fields = try fields(of: rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine, origin: "\(file):\(number)")
            switch fields.count {
            case 0: continue
            case 1: entries.append(Entry(url: fields[0], schema: nil, line: number))
            case 2: entries.append(Entry(url: fields[0], schema: fields[1], line: number))
            default:
                throw FleetError(
                    .targetsFile, "expected a URL and at most one schema, found \(fields.count) fields",
                    hint: "write one target per line: URL, or URL and schema; quote a schema with spaces in \"…\"",
                    origin: "\(file):\(number)"
                )
            }
        }
        return entries
    }

    private static func fields(of line: Substring, origin: String) throws -> [String] {
        var fields: [String] = []
        var index = line.startIndex
        while index < line.endIndex {
            let character = line[index]
            if character == " " || character == "\t" {
                index = line.index(after: index)
                continue
            }
            if character == "#" { break }
            if character == "\"" {
                var field = ""
                var position = line.index(after: index)
                var closed = false
                while position < line.endIndex {
                    if line[position] == "\"" {
                        let after = line.index(after: position)
                        if after < line.endIndex, line[after] == "\"" {
                            field.append("\"")
                            position = line.index(after: after)
                            continue
                        }
                        closed = true
                        position = after
                        break
                    }
                    field.append(line[position])
                    position = line.index(after: position)
                }
                guard closed else {
                    throw FleetError(.targetsFile, "unterminated quote", hint: "close the quoted schema name with \"", origin: origin)
                }
                fields.append(field)
                index = position
                continue
            }
            let end = line[index...].firstIndex { $0 == " " || $0 == "\t" } ?? line.endIndex
            fields.append(String(line[index..<end]))
            index = end
        }
        return fields
    }
}
