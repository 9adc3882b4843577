/// What one run of `strata` returned and printed, in-process or as a child process.
struct CLIResult: Sendable, CustomStringConvertible {
    var status: Int32
    var stdout: String
    var stderr: String

    /// Both streams, for checks that do not care which one a line went to.
    var output: String { stdout + stderr }

    /// stdout parsed as one JSON document (`--format json`); nil when it is not exactly one.
    var json: JSONValue? { JSONValue.parse(stdout) }

    /// Shown by failed expectations, so that a failure says what the command printed.
    var description: String {
        "exit \(status)\n--- stdout ---\n\(stdout)\n--- stderr ---\n\(stderr)"
    }
}
