import Dispatch
import Foundation

/// Runs one of PostgreSQL's client programs (`psql`, `pg_dump`) to completion for a test,
/// off the task pool, and returns what it printed on standard output.
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
        return try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Result { try runBlocking(path, arguments, environment: environment, shown: shown) })
            }
        }
    }

    private static func runBlocking(_ path: String, _ arguments: [String], environment: [String: String], shown: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        process.environment = environment
        process.standardInput = FileHandle.nullDevice
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        do {
            try process.run()
        } catch {
            throw Failure(command: shown, status: -1, message: "cannot start \(path): \(error)")
        }
        // Standard error is read on another thread, so that neither pipe can fill up and
        // stall the program while the other is being read.
        final class Box: @unchecked Sendable { var data = Data() }  // written before `group.wait()` returns
        let errorText = Box()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async {
            errorText.data = errors.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failure(command: shown, status: process.terminationStatus, message: String(decoding: errorText.data, as: UTF8.self))
        }
        return String(decoding: outputData, as: UTF8.self)
    }
}
