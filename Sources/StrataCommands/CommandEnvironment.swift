import Foundation
import Synchronization

/// Where a command's text goes: the process's stdout or stderr, or a buffer in tests.
public final class TextSink: Sendable {
    private enum Target: Sendable { case descriptor(Int32), buffer }
    private let target: Target
    private let captured = Mutex<String>("")

    private init(_ target: Target) { self.target = target }

    public static let standardOutput = TextSink(.descriptor(1))
    public static let standardError = TextSink(.descriptor(2))

    /// A sink that keeps everything written, for tests.
    public static func buffer() -> TextSink { TextSink(.buffer) }

    public func write(_ text: String) {
        switch target {
        case .descriptor(let descriptor):
            var text = text
            text.withUTF8 { bytes in
                var offset = 0
                while offset < bytes.count {
                    let written = Foundation.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                    if written <= 0 { break }
                    offset += written
                }
            }
        case .buffer:
            captured.withLock { $0 += text }
        }
    }

    /// Everything written so far (buffers only).
    public var text: String { captured.withLock { $0 } }
}

/// What a command sees of the outside world: variables, working directory, output and
/// whether it talks to a terminal. Tests run commands in-process with their own.
public struct CommandEnvironment: Sendable {
    public var variables: [String: String]
    public var workingDirectory: String
    public var standardOutput: TextSink
    public var standardError: TextSink
    public var outputIsTerminal: Bool
    public var inputIsTerminal: Bool
    /// The clock reading used for new migration versions (injected for tests).
    public var now: @Sendable () -> Date
    /// Whether closing a database session waits for the server to end it; a process
    /// that exits right after its command need not.
    public var waitsForClose = true

    public init(
        variables: [String: String], workingDirectory: String, standardOutput: TextSink, standardError: TextSink,
        outputIsTerminal: Bool, inputIsTerminal: Bool, now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.variables = variables
        self.workingDirectory = workingDirectory
        self.standardOutput = standardOutput
        self.standardError = standardError
        self.outputIsTerminal = outputIsTerminal
        self.inputIsTerminal = inputIsTerminal
        self.now = now
    }

    /// The real process environment.
    public static var process: CommandEnvironment {
        CommandEnvironment(
            variables: ProcessInfo.processInfo.environment,
            workingDirectory: FileManager.default.currentDirectoryPath,
            standardOutput: .standardOutput, standardError: .standardError,
            outputIsTerminal: isatty(1) == 1, inputIsTerminal: isatty(0) == 1
        )
    }

    @TaskLocal public static var current: CommandEnvironment = .process
}
