#if canImport(Glibc)
import Glibc
#endif
import Foundation
import StrataCommands
import StrataTesting
import Testing

/// A Strata project in its own temporary folder, and the ways to run `strata` in it:
/// in-process through ``StrataCLI/run(_:)`` (fast, output captured) or as the built
/// `strata` executable (for signals, kills and concurrent processes).
///
/// Commands see only the variables given here (never the test process's own
/// `DATABASE_URL`, `PG*` or `STRATA_ENV`): `NO_COLOR=1`, `HOME` set to the project (so no
/// `~/.pgpass` is read), `PATH`, and `DATABASE_URL` when the project has a database.
final class Project: Sendable {
    /// The project folder (absolute).
    let directory: String
    /// The URL of the test database, with its password, set as `DATABASE_URL`.
    let databaseURL: String?

    private init(directory: String, databaseURL: String?) {
        self.directory = directory
        self.databaseURL = databaseURL
    }

    // MARK: - Making projects

    /// An empty folder.
    static func empty(databaseURL: String? = nil) throws -> Project {
        let directory = FileManager.default.temporaryDirectory.path + "/strata-accept-\(getpid())-\(UUID().uuidString.prefix(8).lowercased())"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        chmod(directory, 0o755)
        return Project(directory: directory, databaseURL: databaseURL)
    }

    /// A project with `strata.yaml` (when given) and these files in `migrations/`.
    static func make(
        config: String? = "environments:\n  dev: {}\n", migrations: [String: String] = [:], databaseURL: String? = nil
    ) throws -> Project {
        let project = try empty(databaseURL: databaseURL)
        if let config { try project.write("strata.yaml", config) }
        try FileManager.default.createDirectory(atPath: project.path("migrations"), withIntermediateDirectories: true)
        for (name, text) in migrations { try project.writeMigration(name, text) }
        return project
    }

    /// A copy of `Examples/quickstart` (its `strata.yaml` and `migrations/` only).
    static func quickstart(databaseURL: String? = nil) throws -> Project {
        let project = try make(config: nil, databaseURL: databaseURL)
        let source = Paths.quickstart
        try project.write("strata.yaml", try String(contentsOfFile: source + "/strata.yaml", encoding: .utf8))
        for name in Paths.quickstartMigrations {
            try project.writeMigration(name, try String(contentsOfFile: source + "/migrations/" + name, encoding: .utf8))
        }
        return project
    }

    /// Deletes the folder.
    func delete() {
        try? FileManager.default.removeItem(atPath: directory)
    }

    // MARK: - Files

    func path(_ relative: String) -> String {
        directory + "/" + relative
    }

    func write(_ relative: String, _ text: String) throws {
        let full = path(relative)
        try FileManager.default.createDirectory(
            atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true
        )
        try text.write(toFile: full, atomically: true, encoding: .utf8)
    }

    func writeMigration(_ fileName: String, _ text: String) throws {
        try write("migrations/" + fileName, text)
    }

    func read(_ relative: String) throws -> String {
        try String(contentsOfFile: path(relative), encoding: .utf8)
    }

    func remove(_ relative: String) throws {
        try FileManager.default.removeItem(atPath: path(relative))
    }

    func exists(_ relative: String) -> Bool {
        FileManager.default.fileExists(atPath: path(relative))
    }

    /// The names of the files in `migrations/`, sorted.
    func migrationFiles() -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: path("migrations"))) ?? []).sorted()
    }

    // MARK: - Running strata

    /// The variables a command sees: the fixed ones, `DATABASE_URL` when the project has
    /// a database, then `extra` (which may override or, with an empty value, unset them).
    func variables(_ extra: [String: String]) -> [String: String] {
        var variables = [
            "NO_COLOR": "1",
            "HOME": directory,
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin",
            "LANG": "C.UTF-8",
        ]
        if let binDirectory = ProcessInfo.processInfo.environment["STRATA_PG_BINDIR"] {
            variables["STRATA_PG_BINDIR"] = binDirectory
        }
        if let databaseURL { variables["DATABASE_URL"] = databaseURL }
        for (name, value) in extra {
            variables[name] = value.isEmpty ? nil : value
        }
        return variables
    }

    /// Runs `strata ARGUMENTS` in-process with the project as working directory.
    func run(_ arguments: [String], variables extra: [String: String] = [:], now: Date? = nil) async -> CLIResult {
        let standardOutput = TextSink.buffer()
        let standardError = TextSink.buffer()
        let environment = CommandEnvironment(
            variables: variables(extra), workingDirectory: directory,
            standardOutput: standardOutput, standardError: standardError,
            outputIsTerminal: false, inputIsTerminal: false,
            now: { now ?? Date() }
        )
        let status = await CommandEnvironment.$current.withValue(environment) {
            await StrataCLI.run(arguments)
        }
        return CLIResult(status: status, stdout: standardOutput.text, stderr: standardError.text)
    }

    /// Starts the `strata` executable in the project folder without waiting for it.
    func spawn(_ arguments: [String], variables extra: [String: String] = [:]) throws -> ChildProcess {
        try ChildProcess(executable: Paths.strataExecutable, arguments: arguments, environment: variables(extra), directory: directory)
    }

    /// Runs the `strata` executable in the project folder and waits for it.
    func runProcess(
        _ arguments: [String], variables extra: [String: String] = [:], timeout: Duration = .seconds(120)
    ) async throws -> CLIResult {
        try await spawn(arguments, variables: extra).finish(timeout: timeout)
    }
}

/// Where the package's files are.
enum Paths {
    /// The package root, found from this file's place in `Tests/StrataCommandsTests/Support/`.
    static let packageRoot: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { url.deleteLastPathComponent() }
        return url.path
    }()

    static var quickstart: String { packageRoot + "/Examples/quickstart" }

    /// The example's four migration files.
    static let quickstartMigrations = [
        "20240101090000_create_users.sql",
        "20240102090000_create_orders.sql",
        "20240103090000_index_orders_by_user.sql",
        "20240104090000_user_order_totals.sql",
    ]

    /// The built `strata` executable: next to the test bundle (`.build/debug/strata`).
    static let strataExecutable: String = {
        let manager = FileManager.default
        var candidates: [String] = []
        if let executable = try? manager.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            candidates.append((executable as NSString).deletingLastPathComponent + "/strata")
        }
        if let first = CommandLine.arguments.first {
            candidates.append((first as NSString).deletingLastPathComponent + "/strata")
        }
        candidates.append(packageRoot + "/.build/debug/strata")
        return candidates.first { manager.isExecutableFile(atPath: $0) } ?? candidates[candidates.count - 1]
    }()
}
