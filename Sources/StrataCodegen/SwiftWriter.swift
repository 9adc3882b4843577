/// Lines of Swift, indented by four spaces per open brace.
struct SwiftWriter {
    private(set) var text = ""
    private var depth = 0

    mutating func line(_ content: String) {
        if content.isEmpty {
            text += "\n"
        } else {
            text += String(repeating: "    ", count: depth) + content + "\n"
        }
    }

    /// A line that opens a block.
    mutating func open(_ content: String) {
        line(content)
        depth += 1
    }

    /// A line that closes a block.
    mutating func close(_ content: String) {
        depth -= 1
        line(content)
    }

    /// A line that closes a block and opens the next (`} else {`).
    mutating func reopen(_ content: String) {
        depth -= 1
        line(content)
        depth += 1
    }

    /// A Swift string literal for `text` (a multi-line raw literal for SQL).
    static func literal(_ text: String) -> String {
        var escaped = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": escaped += "\\\\"
            case "\"": escaped += "\\\""
            case "\n": escaped += "\\n"
            case "\r": escaped += "\\r"
            case "\t": escaped += "\\t"
            default:
                if scalar.value < 0x20 {
                    escaped += "\\u{\(String(scalar.value, radix: 16))}"
                } else {
                    escaped.unicodeScalars.append(scalar)
                }
            }
        }
        return "\"" + escaped + "\""
    }
}
