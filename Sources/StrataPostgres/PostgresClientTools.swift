/// Where `pg_dump` and `pg_restore` live (one directory holds both, so that the archive
/// one writes the other reads), and which version they are.
public struct PostgresClientTools: Sendable, Hashable {
    /// The directory holding `pg_dump` and `pg_restore`.
    public var directory: String
    /// The version `pg_dump --version` reports.
    public var version: PostgresVersion

    public init(directory: String, version: PostgresVersion) {
        self.directory = directory
        self.version = version
    }

    /// The full path of `pg_dump`.
    public var pgDump: String { path("pg_dump") }
    /// The full path of `pg_restore`.
    public var pgRestore: String { path("pg_restore") }

    func path(_ tool: String) -> String {
        directory.hasSuffix("/") ? directory + tool : directory + "/" + tool
    }

    /// Finds `pg_dump` and `pg_restore` of at least `minimum`'s major release (the server's,
    /// for a backup), looking in this order and taking the first that is new enough:
    ///
    /// 1. `STRATA_PG_BINDIR` — when set, only there.
    /// 2. `pg_config --bindir`, with `pg_config` from `PATH`.
    /// 3. `/usr/lib/postgresql/<N>/bin`, highest `N` first (Debian and Ubuntu).
    /// 4. Each `PATH` directory (Debian's `/usr/bin/pg_dump` picks the newest installed).
    /// 5. Homebrew: `postgresql@*/bin` and `libpq/bin` kegs, `/opt/homebrew/bin`, `/usr/local/bin`.
    ///
    /// - Throws: ``BackupError`` `toolNotFound` naming what was searched and the package to
    ///   install (`postgresql-client`), or `toolTooOld` naming the newest `pg_dump` found,
    ///   the version needed and how to get it.
    public static func locate(environment: [String: String], minimum: PostgresVersion?) throws -> PostgresClientTools {
        try locate(environment: environment, minimum: minimum, places: .standard)
    }

    static func locate(
        environment: [String: String], minimum: PostgresVersion?, places: PostgresBinaries.InstallPlaces
    ) throws -> PostgresClientTools {
        var found: [PostgresClientTools] = []
        var searched: [String] = []
        let override = environment["STRATA_PG_BINDIR"].flatMap { $0.isEmpty ? nil : $0 }
        for directory in candidateDirectories(environment: environment, places: places, searched: &searched) {
            let inspected: PostgresClientTools?
            do {
                inspected = try inspect(directory, environment: environment)
            } catch where override == nil {
                continue  // a broken install elsewhere does not hide a working one
            }
            guard let tools = inspected else { continue }
            if let minimum, !tools.version.isSameOrNewerMajor(than: minimum) {
                found.append(tools)
                continue
            }
            return tools
        }
        if let minimum, let newest = found.max(by: { $0.version < $1.version }) {
            throw tooOld(newest, server: minimum)
        }
        throw BackupError(
            .toolNotFound,
            override.map { "STRATA_PG_BINDIR is set to \($0), but that directory has no runnable pg_dump and pg_restore" }
                ?? "PostgreSQL's client programs pg_dump and pg_restore were not found; searched: " + searched.joined(separator: ", "),
            hint: installAdvice(major: minimum?.majorText) + ", or set STRATA_PG_BINDIR to the directory holding pg_dump"
        )
    }

    /// The error for a `pg_dump` older than the server it would dump (pure, for tests).
    public static func tooOld(_ tools: PostgresClientTools, server: PostgresVersion) -> BackupError {
        BackupError(
            .toolTooOld,
            "pg_dump \(tools.version) (\(tools.pgDump)) is older than the server, PostgreSQL \(server); "
                + "pg_dump cannot back up a server of a newer major version",
            hint: "install pg_dump \(server.majorText) or newer — " + installAdvice(major: server.majorText)
                + " — and set STRATA_PG_BINDIR to its bin directory if Strata does not find it"
        )
    }

    static func installAdvice(major: String?) -> String {
        let debian = major.map { "`sudo apt-get install -y postgresql-client-\($0)`" } ?? "`sudo apt-get install -y postgresql-client`"
        let brew = major.map { "`brew install postgresql@\($0)`" } ?? "`brew install libpq`"
        return "on Debian/Ubuntu \(debian) (the package postgresql-client; from apt.postgresql.org when the release lacks that version), on macOS \(brew)"
    }

    /// The directories to try, in order, without duplicates; `searched` describes them for
    /// the not-found message.
    private static func candidateDirectories(
        environment: [String: String], places: PostgresBinaries.InstallPlaces, searched: inout [String]
    ) -> [String] {
        if let override = environment["STRATA_PG_BINDIR"], !override.isEmpty {
            searched.append("STRATA_PG_BINDIR (\(override))")
            return [override]
        }
        var directories: [String] = []
        let path = (environment["PATH"] ?? "").split(separator: ":").map(String.init).filter { !$0.isEmpty }
        if let pgConfig = path.lazy.map({ $0.hasSuffix("/") ? $0 + "pg_config" : $0 + "/pg_config" }).first(where: isExecutable),
           let result = try? Subprocess(pgConfig, ["--bindir"], environment: environment).runBlocking(), result.succeeded {
            directories.append(result.standardOutput.trimmingWhitespace())
        }
        searched.append("pg_config --bindir")
        let versions = directoryEntries(places.versionedRoot).compactMap { Int($0) }.sorted(by: >)
        directories += versions.map { "\(places.versionedRoot)/\($0)/bin" }
        searched.append("\(places.versionedRoot)/*/bin")
        directories += path
        searched.append("PATH")
        for root in places.kegRoots {
            let kegs = directoryEntries(root).filter { $0.hasPrefix("postgresql@") }
                .sorted { (Int($0.dropFirst("postgresql@".count)) ?? 0) > (Int($1.dropFirst("postgresql@".count)) ?? 0) }
            directories += kegs.map { "\(root)/\($0)/bin" } + ["\(root)/libpq/bin"]
            searched.append("\(root)/postgresql@*/bin, \(root)/libpq/bin")
        }
        directories += places.plainDirectories
        searched += places.plainDirectories
        var seen = Set<String>()
        return directories.filter { seen.insert(realPath($0) ?? $0).inserted }
    }

    /// The tools in `directory` when it holds runnable `pg_dump` and `pg_restore`.
    private static func inspect(_ directory: String, environment: [String: String]) throws -> PostgresClientTools? {
        let probe = PostgresClientTools(directory: directory, version: PostgresVersion(major: 0, minor: 0, text: "?"))
        guard isExecutable(probe.pgDump), isExecutable(probe.pgRestore) else { return nil }
        let result: Subprocess.Output
        do {
            result = try Subprocess(probe.pgDump, ["--version"], environment: environment).runBlocking()
        } catch let failure as Subprocess.SpawnFailure {
            throw BackupError(.toolNotFound, "cannot run \(probe.pgDump): \(failure.reason)", hint: installAdvice(major: nil))
        }
        guard result.succeeded, let version = PostgresVersion(versionOutput: result.standardOutput) else {
            throw BackupError(
                .toolNotFound,
                "cannot tell the version of \(probe.pgDump): `pg_dump --version` printed \"\(result.combined.trimmingWhitespace())\"",
                hint: "set STRATA_PG_BINDIR to a working PostgreSQL bin directory; " + installAdvice(major: nil)
            )
        }
        return PostgresClientTools(directory: directory, version: version)
    }
}
