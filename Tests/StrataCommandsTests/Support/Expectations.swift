import Testing

/// `--format text` or `--format json`, for tests that check a command both ways.
enum Format: String, CaseIterable, Sendable {
    case text, json

    /// The flags that select this format.
    var flags: [String] { self == .json ? ["--format", "json"] : [] }
}

/// Checks the exit status, showing everything the command printed when it differs.
func expectStatus(_ result: CLIResult, _ status: Int32, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(result.status == status, "expected exit \(status); got \(result)", sourceLocation: sourceLocation)
}

/// Checks that `text` contains `part`, showing the text when it does not.
func expectContains(_ text: String, _ part: String, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(text.contains(part), "expected to find \"\(part)\" in:\n\(text)", sourceLocation: sourceLocation)
}

/// Checks that `text` does not contain `part`.
func expectLacks(_ text: String, _ part: String, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(!text.contains(part), "did not expect \"\(part)\" in:\n\(text)", sourceLocation: sourceLocation)
}

/// The JSON document on stdout; fails the test when stdout is not exactly one.
func requireJSON(_ result: CLIResult, sourceLocation: SourceLocation = #_sourceLocation) throws -> JSONValue {
    try #require(result.json, "stdout is not one JSON document: \(result)", sourceLocation: sourceLocation)
}

/// Checks that a JSON object has at least these keys.
func expectKeys(_ value: JSONValue, _ keys: Set<String>, sourceLocation: SourceLocation = #_sourceLocation) {
    let missing = keys.subtracting(value.keys)
    #expect(missing.isEmpty, "missing keys \(missing.sorted()) in \(value)", sourceLocation: sourceLocation)
}

extension String {
    /// The index of the first occurrence of `part`, or nil; for checking order in output.
    func offset(of part: String) -> Int? {
        range(of: part).map { distance(from: startIndex, to: $0.lowerBound) }
    }
}
