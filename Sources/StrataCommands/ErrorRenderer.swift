import ArgumentParser
import Foundation
import StrataAdopt
import StrataFleet
import StrataGenerate
import StrataMigrate
import StrataModels
import StrataPostgres

/// The one place that turns errors into `error:` / `hint:` lines (or a JSON document)
/// and an exit status.
struct ErrorRenderer {
    let environment: CommandEnvironment
    let format: OutputFormat

    /// A machine-readable error, as JSON output carries it.
    struct Document: Encodable {
        struct ErrorBody: Encodable {
            var code: String
            var exitCode: Int32
            var message: String
            var hint: String?
            var file: String?
            var line: Int?
            var column: Int?
            var sqlState: String?
            var problems: [MigrationProblem]?
            var failure: MigrationFailure?
            var modelProblems: [ModelProblem]?
            /// The objects that differ after a failed proof, or that are not compared.
            var differences: [String]?
            /// What `pg_dump` or `pg_restore` printed, for a backup or restore error.
            var toolOutput: String?

            enum CodingKeys: String, CodingKey {
                case code, exitCode = "exit_code", message, hint, file, line, column, sqlState = "sql_state", problems, failure
                case modelProblems = "model_problems", differences, toolOutput = "tool_output"
            }
        }
        var error: ErrorBody
        var report: MigrationRunReport?
    }

    func render(_ error: any Error) -> Int32 {
        let (document, lines) = describe(error)
        let useColor = format == .text && isatty(2) == 1 && (environment.variables["NO_COLOR"] ?? "").isEmpty
            && environment.standardError === TextSink.standardError
        if format == .json {
            environment.standardOutput.write(JSON.encode(document) + "\n")
        }
        var text = ""
        for (index, line) in lines.enumerated() {
            if index == 0 {
                text += (useColor ? "\u{1B}[31merror:\u{1B}[0m " : "error: ") + line + "\n"
            } else {
                text += line + "\n"
            }
        }
        environment.standardError.write(text)
        return document.error.exitCode
    }

    func describe(_ error: any Error) -> (Document, [String]) {
        switch error {
        case let error as MigrationError:
            return describe(error)
        case let error as ConfigurationError:
            var lines = [error.description]
            if let hint = error.hint { lines.append("hint: " + hint) }
            return (Document(error: .init(
                code: "configuration", exitCode: ExitStatus.usage, message: error.message, hint: error.hint,
                file: error.file, line: error.line, column: error.column
            )), lines)
        case let error as DatabaseError:
            return describe(error)
        case let error as GenerateError:
            return describe(error)
        case let error as ModelError:
            return describe(error)
        case let error as BackupError:
            return describe(error)
        case let error as AdoptError:
            var lines = [error.message]
            if let hint = error.hint { lines.append("hint: " + hint) }
            let status = error.code == .historyMissing ? ExitStatus.usage : ExitStatus.validation
            return (Document(error: .init(code: error.code.description, exitCode: status, message: error.message, hint: error.hint)), lines)
        case let error as FleetError:
            return describe(error)
        case let error as ValidationError:
            return (Document(error: .init(code: "usage", exitCode: ExitStatus.usage, message: error.message)), [error.message])
        default:
            let message = "\(error)"
            return (Document(error: .init(code: "internal", exitCode: ExitStatus.failed, message: message)), [message])
        }
    }

    private func describe(_ error: GenerateError) -> (Document, [String]) {
        let status: Int32
        switch error.code {
        case .scratch: status = ExitStatus.connection
        case .source, .usage: status = ExitStatus.usage
        case .unsupported: status = ExitStatus.validation
        default: status = ExitStatus.failed
        }
        var location = ""
        if let file = error.file {
            location = file + (error.line.map { ":\($0)" + (error.column.map { ":\($0)" } ?? "") } ?? "") + ": "
        }
        var lines = [location + error.message]
        if let sourceLine = error.sourceLine, let line = error.line, let column = error.column {
            let gutter = String(line)
            lines.append("  \(gutter) | " + sourceLine)
            lines.append("  " + String(repeating: " ", count: gutter.count) + " | " + String(repeating: " ", count: max(column - 1, 0)) + "^")
        }
        if let detail = error.server?.detail { lines.append("detail: " + detail) }
        if let hint = error.hint { lines.append("hint: " + hint) }
        lines += error.differences.map { "  " + $0 }
        return (Document(error: .init(
            code: error.code.description, exitCode: status, message: error.message, hint: error.hint,
            file: error.file, line: error.line, column: error.column, sqlState: error.server?.sqlState,
            differences: error.differences.isEmpty ? nil : error.differences
        )), lines)
    }

    /// A backup or restore error: the message (naming the archive), what the program
    /// printed, indented, and the hint.
    private func describe(_ error: BackupError) -> (Document, [String]) {
        let status: Int32
        switch error.code {
        case .corruptArchive, .manifest: status = ExitStatus.validation
        case .dumpFailed, .restoreFailed: status = ExitStatus.failed
        default: status = ExitStatus.usage
        }
        var lines = [error.message]
        if let printed = error.toolOutput, !printed.isEmpty {
            lines += printed.split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 }
        }
        if let hint = error.hint { lines.append("hint: " + hint) }
        return (Document(error: .init(
            code: error.code.description, exitCode: status, message: error.message, hint: error.hint, file: error.file,
            toolOutput: error.toolOutput
        )), lines)
    }

    /// Model problems: one `file:line:column: message` line each, with its hint and the
    /// other declaration of a conflict (exit 4).
    private func describe(_ error: ModelError) -> (Document, [String]) {
        let count = error.problems.count
        let first = error.problems.first
        var lines: [String] = []
        for (index, problem) in error.problems.enumerated() {
            let text = "\(problem.location): \(problem.message)"
            lines.append(index == 0 ? text : "error: " + text)
            if let related = problem.related { lines.append("  first declared at \(related)") }
            if let hint = problem.hint { lines.append("  hint: " + hint) }
        }
        if count > 1 { lines.append("\(count) problems in the models; nothing was compiled") }
        return (Document(error: .init(
            code: "models", exitCode: ExitStatus.validation, message: first?.message ?? "the models have problems", hint: first?.hint,
            file: first?.location.file, line: first?.location.line, column: first?.location.column, modelProblems: error.problems
        )), lines)
    }

    private func describe(_ error: DatabaseError) -> (Document, [String]) {
        let status: Int32
        if error.code == .invalidSettings {
            status = ExitStatus.usage
        } else if error.code.isConnectionFailure || error.code == .connectionLost || error.code == .localCluster || error.code == .binariesNotFound {
            status = ExitStatus.connection
        } else {
            status = ExitStatus.failed
        }
        var lines = [error.message]
        if let server = error.server, server.message != error.message {
            lines[0] += ": " + server.message
        }
        if let detail = error.server?.detail { lines.append("detail: " + detail) }
        if let cause = error.cause, error.server == nil { lines.append("cause: " + cause) }
        if let hint = error.hint { lines.append("hint: " + hint) }
        return (Document(error: .init(
            code: error.code.description, exitCode: status, message: error.message, hint: error.hint,
            sqlState: error.server?.sqlState
        )), lines)
    }

    private func describe(_ error: MigrationError) -> (Document, [String]) {
        let status: Int32
        switch error.code {
        case .validation: status = ExitStatus.validation
        case .statementFailed, .interrupted: status = ExitStatus.failed
        case .lockTimeout: status = ExitStatus.lockTimeout
        case .connection: status = ExitStatus.connection
        default: status = ExitStatus.usage
        }
        var lines = [error.message]
        for problem in error.problems {
            lines.append("  " + problem.description + " [\(problem.code)]")
            if let hint = problem.hint { lines.append("    hint: " + hint) }
        }
        if let failure = error.failure {
            if let sourceLine = failure.sourceLine, let column = failure.column, let line = failure.line {
                let gutter = String(line)
                lines.append("  \(gutter) | " + sourceLine)
                lines.append("  " + String(repeating: " ", count: gutter.count) + " | " + String(repeating: " ", count: max(column - 1, 0)) + "^")
            }
            if let detail = failure.detail { lines.append("detail: " + detail) }
            if let context = failure.context { lines.append("context: " + context.replacingOccurrences(of: "\n", with: "\n  ")) }
            if let hint = failure.hint { lines.append("hint: " + hint) }
            lines.append("state: " + failure.databaseState)
        } else if let hint = error.hint {
            lines.append("hint: " + hint)
        }
        if let cause = error.cause { lines.append("cause: " + cause) }
        if error.failure == nil, let databaseError = error.databaseError, let detail = databaseError.server?.detail {
            lines.append("detail: " + detail)
        }
        return (Document(
            error: .init(
                code: error.code.description, exitCode: status, message: error.message,
                hint: error.failure?.hint ?? error.hint, file: error.failure?.file, line: error.failure?.line,
                column: error.failure?.column, sqlState: error.failure?.sqlState,
                problems: error.problems.isEmpty ? nil : error.problems, failure: error.failure
            ),
            report: error.report
        ), lines)
    }
}

/// JSON encoding with stable key order, for every `--format json` document.
enum JSON {
    static func encode(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(value) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }
}
