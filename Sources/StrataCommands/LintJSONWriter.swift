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

    /// A JSON string literal, escaped as `JSONEncoder` escapes it.
    static func quoted(_ text: String) -> String {
        var out: [UInt8] = []
        JSONNode.quote(text, into: &out)
        return String(decoding: out, as: UTF8.self)
    }
}
