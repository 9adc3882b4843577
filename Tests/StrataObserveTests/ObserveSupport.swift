import StrataGenerate
import StrataLint
import StrataObserve
import StrataTesting
import Testing

/// Observes migration files on a scratch database of the test server.
enum ObserveSupport {
    static func scratch() async throws -> ScratchServer {
        ScratchServer(adminSettings: try await TestServer.adminSettings())
    }

    /// Observes files given as text, named `1.sql`, `2.sql`, …; only the last `reported` files
    /// are reported (observed), the earlier ones build the schema.
    static func observe(
        _ texts: [String], reported: Int = 1, configuration: LintConfiguration = LintConfiguration(postgresVersion: 15)
    ) async throws -> ObservationReport {
        let files = texts.enumerated().map { index, text in
            LintFile(name: "\(index + 1).sql", text: text, isReported: index >= texts.count - reported)
        }
        return try await LockObserver(configuration: configuration).observe(files, on: try await scratch())
    }
}

extension ObservationReport {
    /// The codes of the findings, in order.
    var codes: [String] { findings.map(\.rule.code) }

    /// The observed statements of a file.
    func statements(of file: String) -> [StatementObservation] {
        statements.filter { $0.file == file }
    }
}
