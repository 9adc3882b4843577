import Foundation
import StrataPostgres

/// Runs one of PostgreSQL's client programs (`psql`, `pg_dump`) to completion for a test,
/// off the task pool, and returns what it printed on standard output.
///
/// Started through the library's `Subprocess`, whose pipes are close-on-exec and whose
/// children inherit no other descriptor: with Foundation's `Process` and `Pipe`, a server
/// that another test started at the same moment could inherit the output pipe and keep
/// it open, and reading the output to its end would wait as long as that server ran.
public enum ToolProcess {
    /// A program that could not be started or that failed.
    public struct Failure: Error, CustomStringConvertible, Sendable {
        /// The program and its arguments, with any password in a URL left out.
        public var command: String
        /// The exit status (or -1 when the program could not be started).
        public var status: Int32
        /// What it printed on standard error (or why it could not be started).
        public var message: String

        public var description: String {
            "\(command) failed (status \(status)): \(message.trimmingCharacters(in: .whitespacesAndNewlines))"
        }
    }

    /// Runs `program` from the test server's binaries (``TestServer/binaries()``) with
    /// `arguments`; client messages below warnings are silenced.
    ///
    /// - Parameter redacting: text to replace with `…` in the failure's command (a URL with
    ///   a password).
    /// - Throws: ``Failure`` when the program cannot be started or exits with a status other than 0.
    public static func run(_ program: String, _ arguments: [String], redacting secret: String? = nil) async throws -> String {
        let path = try TestServer.binaries().path(program)
        var settings = ProcessInfo.processInfo.environment
        settings["PGOPTIONS"] = "-c client_min_messages=warning"
        let environment = settings
        let shown = ([program] + arguments.map { argument in secret.map { argument.replacingOccurrences(of: $0, with: "…") } ?? argument })
            .joined(separator: " ")
        let output: Subprocess.Output
        do {
            output = try await Subprocess(path, arguments, environment: environment).run()
        } catch let failure as Subprocess.SpawnFailure {
            throw Failure(command: shown, status: -1, message: "cannot start \(path): \(failure.reason)")
        }
        guard output.succeeded else {
            throw Failure(command: shown, status: output.status, message: output.standardError)
        }
        return output.standardOutput
    }
}
