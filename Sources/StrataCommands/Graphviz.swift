import Foundation
import StrataPostgres

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
        let result: Subprocess.Output
        do {
            result = try await Subprocess(executable, ["-Tsvg", "-o", output, source], environment: ProcessInfo.processInfo.environment).run()
        } catch let failure as Subprocess.SpawnFailure {
            throw ConfigurationError("cannot run \(executable): \(failure.reason)", hint: "check that Graphviz is installed and that \(executable) can be run")
        }
        guard result.succeeded else {
            let printed = result.standardError.trimmingCharacters(in: .whitespacesAndNewlines)
            throw ConfigurationError(
                "\(executable) could not draw \(source): \(printed.isEmpty ? "exit status \(result.status)" : printed)",
                hint: "the DOT source is Strata's; please report this with the schema"
            )
        }
    }
}
