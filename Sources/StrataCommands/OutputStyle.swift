import ArgumentParser

/// `--format`. `sql` is for `strata diff` only; `github` (workflow annotations) for `strata lint` only.
public enum OutputFormat: String, Sendable, ExpressibleByArgument, CaseIterable {
    case text, json, sql, github, markdown
}

/// How a command writes: format, colour, verbosity, and the two streams.
///
/// Text results go to stdout. With `--format json` stdout receives exactly one JSON
/// document and every message (progress, warnings) goes to stderr.
struct Output: Sendable {
    let format: OutputFormat
    let useColor: Bool
    let quiet: Bool
    let verbose: Bool
    let environment: CommandEnvironment

    /// Results: tables, summaries, the JSON document.
    func result(_ text: String) {
        environment.standardOutput.write(text.hasSuffix("\n") ? text : text + "\n")
    }

    /// Progress and notes: stdout in text mode, stderr in JSON mode; none with --quiet.
    /// The text is built only when it is shown.
    func progress(_ text: @autoclosure () -> String) {
        guard !quiet else { return }
        let text = text()
        let line = text.hasSuffix("\n") ? text : text + "\n"
        if format == .json { environment.standardError.write(line) } else { environment.standardOutput.write(line) }
    }

    /// Details shown only with --verbose (always on stderr), built only then.
    func detail(_ text: @autoclosure () -> String) {
        guard verbose else { return }
        let text = text()
        environment.standardError.write(text.hasSuffix("\n") ? text : text + "\n")
    }

    func warning(_ text: String) {
        environment.standardError.write(paint("warning: ", .yellow) + text + "\n")
    }

    enum Color: String {
        case red = "31", green = "32", yellow = "33", blue = "34", magenta = "35", cyan = "36", gray = "90", bold = "1"
    }

    func paint(_ text: String, _ color: Color) -> String {
        useColor ? "\u{1B}[\(color.rawValue)m\(text)\u{1B}[0m" : text
    }
}
