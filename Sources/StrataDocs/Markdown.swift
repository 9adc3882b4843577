/// Small pieces of Markdown, escaped for where they go: code spans, table cells, links.
enum Markdown {
    /// A code span that shows `text` exactly, whatever backticks it holds (a longer fence
    /// and padding when needed); line breaks become spaces.
    static func code(_ text: String) -> String {
        let flat = text.replacingOccurrences(of: "\r\n", with: " ").replacingOccurrences(of: "\n", with: " ")
        guard !flat.isEmpty else { return "" }
        var longest = 0, run = 0
        for character in flat {
            run = character == "`" ? run + 1 : 0
            longest = max(longest, run)
        }
        let fence = String(repeating: "`", count: longest + 1)
        let padded = flat.hasPrefix("`") || flat.hasSuffix("`") || flat.hasPrefix(" ") && flat.hasSuffix(" ") ? " \(flat) " : flat
        return fence + padded + fence
    }

    /// A code span for a table cell: `|` escaped too (GitHub splits cells before it reads spans).
    static func codeCell(_ text: String) -> String {
        cell(code(text))
    }

    /// Text for a table cell: `|` escaped, line breaks as `<br>`.
    static func cell(_ text: String) -> String {
        text.replacingOccurrences(of: "|", with: "\\|")
            .replacingOccurrences(of: "\r\n", with: "<br>")
            .replacingOccurrences(of: "\n", with: "<br>")
    }

    /// Plain text in a paragraph or heading: characters that start Markdown syntax escaped.
    static func text(_ text: String) -> String {
        var result = ""
        for character in text {
            if "\\`*[]<>#".contains(character) { result.append("\\") }
            result.append(character)
        }
        return result.replacingOccurrences(of: "\r\n", with: " ").replacingOccurrences(of: "\n", with: " ")
    }

    /// A comment as a block quote, every line quoted.
    static func quote(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            line.isEmpty ? ">" : "> " + Self.text(String(line))
        }.joined(separator: "\n")
    }

    /// `[label](target)`; the target's spaces and parentheses percent-encoded.
    static func link(_ label: String, to target: String) -> String {
        "[\(label)](\(linkTarget(target)))"
    }

    static func linkTarget(_ target: String) -> String {
        var result = ""
        for byte in target.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "/"), UInt8(ascii: "#"), UInt8(ascii: "~"):
                result.append(Character(UnicodeScalar(byte)))
            default:
                result += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return result
    }

    /// A table: a header row, the separator, one row per entry (cells already escaped).
    static func table(_ header: [String], _ rows: [[String]]) -> String {
        var text = "| " + header.joined(separator: " | ") + " |\n"
        text += "|" + header.map { _ in " --- |" }.joined() + "\n"
        for row in rows { text += "| " + row.joined(separator: " | ") + " |\n" }
        return text
    }

    /// A fenced block of `language` holding `body`, with a fence longer than any run of
    /// backticks in it.
    static func fenced(_ body: String, language: String) -> String {
        var longest = 2, run = 0
        for character in body {
            run = character == "`" ? run + 1 : 0
            longest = max(longest, run)
        }
        let fence = String(repeating: "`", count: longest + 1)
        let trimmed = body.hasSuffix("\n") ? String(body.dropLast()) : body
        return "\(fence)\(language)\n\(trimmed)\n\(fence)\n"
    }
}

extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
