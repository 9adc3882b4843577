import StrataLint
import StrataMigrate
import StrataPostgres
import StrataSQL

/// Lints a project's migration files the way `strata lint`, `up` and `generate` need: the
/// files reported come after the ones that only build the schema.
struct ProjectLinter {
    let configuration: ProjectConfiguration

    /// Lints `reported` (in run order) after the other SQL migrations of `all` (in version
    /// order), which only build the schema.
    func lint(
        reported: [Migration], all: [Migration], serverVersion: Int?, asOneRun: Bool, eachFileAsNewest: Bool = false,
        extraFiles: [LintFile] = [], parses: ScriptParseCache? = nil
    ) -> (report: LintReport, postgresVersion: Int) {
        let lintConfiguration = configuration.lintConfiguration(serverVersion: serverVersion)
        let files = Self.files(reported: reported, all: all, extraFiles: extraFiles)
        let report = Linter(configuration: lintConfiguration)
            .lint(files, asOneRun: asOneRun, eachFileAsNewest: eachFileAsNewest, parses: parses)
        return (report, lintConfiguration.postgresVersion)
    }

    /// The SQL migrations of `all` not in `reported` (building the schema only), then
    /// `reported`, then `extraFiles`: the order in which they run.
    static func files(reported: [Migration], all: [Migration], extraFiles: [LintFile] = []) -> [LintFile] {
        let reportedVersions = Set(reported.map(\.version))
        var files: [LintFile] = []
        for migration in all where !reportedVersions.contains(migration.version) {
            if let text = migration.text { files.append(LintFile(name: migration.displayName, text: text, isReported: false)) }
        }
        for migration in reported {
            if let text = migration.text { files.append(LintFile(name: migration.displayName, text: text)) }
        }
        return files + extraFiles
    }

    /// The server's major version (`server_version_num` / 10000).
    static func serverVersion(on session: any DatabaseSession) async throws -> Int? {
        let rows = try await session.query("SELECT current_setting('server_version_num')")
        return rows.first?[0].flatMap(Int.init).map { $0 / 10_000 }
    }
}
