import Foundation

/// Graphviz's `dot`, found on `PATH`, which lays out the DOT source of `strata docs` and
/// draws it as SVG.
struct Graphviz: Sendable {
    /// The `dot` program, absolute.
    let executable: String

    /// What to tell when `dot` is not installed: the package that brings it.
    static let missing = "Graphviz's `dot` is not on PATH, so the SVG diagram was not made; install the graphviz package "
        + "(Debian and Ubuntu: apt-get install graphviz; macOS: brew install graphviz) and run strata docs again"

    /// `dot` on `path` (a `PATH` value), or nil.
    static func find(path: String?) -> Graphviz? {
        for folder in (path ?? "").split(separator: ":") where !folder.isEmpty {
            let candidate = String(folder) + "/dot"
            if FileManager.default.isExecutableFile(atPath: candidate) { return Graphviz(executable: candidate) }
        }
        return nil
    }

    /// Draws `source` (a `.dot` file) as SVG into `output`.
    ///
    /// - Throws: ``ConfigurationError`` with what `dot` printed when it fails.
    func svg(from source: String, to output: String) async throws {
        let executable = self.executable
        let failure: String? = try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                do {
                    continuation.resume(returning: try Self.run(executable, ["-Tsvg", "-o", output, source]))
                } catch {
                    continuation.resume(throwing: error)
                }
            }
        }
        if let failure {
            throw ConfigurationError("\(executable) could not draw \(source): \(failure)", hint: "the DOT source is Strata's; please report this with the schema")
        }
    }

    /// Runs the program and waits; nil when it succeeded, else what it printed on stderr.
    private static func run(_ executable: String, _ arguments: [String]) throws -> String? {
        let errors = FileManager.default.temporaryDirectory.appendingPathComponent("strata-dot-\(UUID().uuidString).err")
        _ = FileManager.default.createFile(atPath: errors.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: errors) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = try FileHandle(forWritingTo: errors)
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus != 0 else { return nil }
        let text = (try? String(contentsOf: errors, encoding: .utf8)) ?? ""
        return text.isEmpty ? "exit status \(process.terminationStatus)" : text.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
