import StrataLint

/// Writes the lint report's JSON by hand: thousands of findings through `JSONEncoder` cost
/// more than linting them. Same layout as the other commands' JSON (sorted keys, two-space
/// indent, `"key" : value`).
enum LintJSONWriter {
    static func document(_ report: LintReport, observed: String?) -> String {
        var out = "{\n  \"findings\" : ["
        for (index, finding) in report.findings.enumerated() {
            out += index == 0 ? "\n" : ",\n"
            out += "    {\n"
            out += "      \"code\" : \(quoted(finding.rule.code)),\n"
            out += "      \"column\" : \(finding.column),\n"
            out += "      \"file\" : \(quoted(finding.file)),\n"
            out += "      \"hint\" : \(quoted(finding.hint)),\n"
            out += "      \"line\" : \(finding.line),\n"
            out += "      \"message\" : \(quoted(finding.message)),\n"
            out += "      \"severity\" : \(quoted(finding.severity.rawValue)),\n"
            out += "      \"statement\" : \(quoted(finding.statement))\n"
            out += "    }"
        }
        out += report.findings.isEmpty ? "],\n" : "\n  ],\n"
        if let observed { out += "  \"observed\" : \(observed),\n" }
        let summary = report.summary
        out += "  \"summary\" : {\n"
        out += "    \"errors\" : \(summary.errors),\n    \"files\" : \(summary.files),\n"
        out += "    \"ignored\" : \(summary.ignored),\n    \"warnings\" : \(summary.warnings)\n  }\n}"
        return out
    }

    /// A JSON string literal: `"` and `\` escaped, control characters as `\n`, `\t` or `\u00XX`.
    static func quoted(_ text: String) -> String {
        // Nearly every text needs no escape at all.
        if !text.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
            return "\"" + text + "\""
        }
        var out = "\""
        out.reserveCapacity(text.utf8.count + 2)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
