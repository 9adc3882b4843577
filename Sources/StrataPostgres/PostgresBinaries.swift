#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where PostgreSQL's programs (`initdb`, `pg_ctl`, `postgres`, `psql`, `pg_dump`) live,
/// and which major version they are.
public struct PostgresBinaries: Sendable, Hashable {
    /// The directory holding `initdb`, `pg_ctl` and `postgres`.
    public var directory: String
    /// The major version, e.g. `15` or `17`.
    public var majorVersion: Int

    /// Binaries known by their directory and version, without searching.
    public init(directory: String, majorVersion: Int) {
        self.directory = directory
        self.majorVersion = majorVersion
    }

    /// The full path of a program in ``directory``, e.g. `path("pg_ctl")`.
    public func path(_ tool: String) -> String {
        directory.hasSuffix("/") ? directory + tool : directory + "/" + tool
    }

    /// Finds the server programs, looking only where `environment` and the usual
    /// install locations say, in this order:
    ///
    /// 1. `STRATA_PG_BINDIR` — when set, it must hold `initdb`; nothing else is tried.
    /// 2. `pg_config --bindir`, with `pg_config` from `PATH`, if that directory has `initdb`.
    /// 3. `/usr/lib/postgresql/<N>/bin`, highest `N` first (Debian and Ubuntu).
    /// 4. `initdb` on `PATH` (symbolic links followed).
    /// 5. Homebrew: `/opt/homebrew/opt/postgresql@*/bin`, `/usr/local/opt/postgresql@*/bin`,
    ///    `/opt/homebrew/bin`, `/usr/local/bin`.
    ///
    /// - Throws: ``DatabaseError`` with code `binariesNotFound`, saying what was
    ///   searched and how to install PostgreSQL.
    public static func locate(environment: [String: String]) throws -> PostgresBinaries {
        try locate(environment: environment, places: .standard)
    }

    /// The fixed places searched after the environment; tests replace them.
    struct InstallPlaces: Sendable {
        /// Debian's root holding `<N>/bin`.
        var versionedRoot: String
        /// Directories holding `postgresql@<N>` installs, each with a `bin`.
        var kegRoots: [String]
        /// Plain directories that may hold `initdb`.
        var plainDirectories: [String]

        static let standard = InstallPlaces(
            versionedRoot: "/usr/lib/postgresql",
            kegRoots: ["/opt/homebrew/opt", "/usr/local/opt"],
            plainDirectories: ["/opt/homebrew/bin", "/usr/local/bin"]
        )
    }

    static func locate(environment: [String: String], places: InstallPlaces) throws -> PostgresBinaries {
        var searched: [String] = []

        if let override = environment["STRATA_PG_BINDIR"], !override.isEmpty {
            if let found = try candidate(override, environment: environment) { return found }
            throw DatabaseError(
                .binariesNotFound,
                "STRATA_PG_BINDIR is set to \(override), but that directory has no runnable initdb, pg_ctl and postgres",
                hint: "point STRATA_PG_BINDIR at PostgreSQL's bin directory (the output of pg_config --bindir), "
                    + "or unset it to search the usual places; " + installAdvice
            )
        }
        searched.append("STRATA_PG_BINDIR (not set)")

        let path = (environment["PATH"] ?? "").split(separator: ":").map(String.init).filter { !$0.isEmpty }
        if let pgConfig = firstExecutable("pg_config", in: path) {
            let result = try? Subprocess(pgConfig, ["--bindir"], environment: environment).runBlocking()
            if let result, result.succeeded {
                let directory = result.standardOutput.trimmingWhitespace()
                if let found = try candidate(directory, environment: environment) { return found }
                searched.append("\(pgConfig) --bindir (\(directory), which has no initdb)")
            } else {
                searched.append("\(pgConfig) --bindir (it failed)")
            }
        } else {
            searched.append("pg_config on PATH (none)")
        }

        for version in versionDirectories(in: places.versionedRoot) {
            if let found = try candidate("\(places.versionedRoot)/\(version)/bin", environment: environment) { return found }
        }
        searched.append("\(places.versionedRoot)/*/bin")

        if let initdb = firstExecutable("initdb", in: path) {
            let resolved = realPath(initdb) ?? initdb
            if let found = try candidate(parentDirectory(of: resolved), environment: environment) { return found }
        }
        searched.append("initdb on PATH")

        for root in places.kegRoots {
            for keg in kegDirectories(in: root) {
                if let found = try candidate("\(root)/\(keg)/bin", environment: environment) { return found }
            }
            searched.append("\(root)/postgresql@*/bin")
        }
        for directory in places.plainDirectories {
            if let initdb = realPath(directory + "/initdb"),
               let found = try candidate(parentDirectory(of: initdb), environment: environment) {
                return found
            }
            searched.append(directory)
        }

        throw DatabaseError(
            .binariesNotFound,
            "PostgreSQL's server programs (initdb, pg_ctl, postgres) were not found; searched: " + searched.joined(separator: ", "),
            hint: installAdvice + ", or set STRATA_PG_BINDIR to the directory holding initdb"
        )
    }

    static let installAdvice =
        "install PostgreSQL with `sudo apt-get install -y postgresql` on Debian/Ubuntu or `brew install postgresql@17` on macOS"

    /// The binaries in `directory` if it holds runnable `initdb`, `pg_ctl` and `postgres`.
    private static func candidate(_ directory: String, environment: [String: String]) throws -> PostgresBinaries? {
        let binaries = PostgresBinaries(directory: directory, majorVersion: 0)
        guard ["initdb", "pg_ctl", "postgres"].allSatisfy({ isExecutable(binaries.path($0)) }) else { return nil }
        if let version = versionFromDirectory(directory) {
            return PostgresBinaries(directory: directory, majorVersion: version)
        }
        let result: Subprocess.Output
        do {
            result = try Subprocess(binaries.path("postgres"), ["--version"], environment: environment).runBlocking()
        } catch let failure as Subprocess.SpawnFailure {
            throw DatabaseError(
                .binariesNotFound, "cannot run \(binaries.path("postgres")): \(failure.reason)", hint: installAdvice
            )
        }
        guard result.succeeded, let version = majorVersion(fromVersionOutput: result.standardOutput) else {
            throw DatabaseError(
                .binariesNotFound,
                "cannot tell the version of \(binaries.path("postgres")): `postgres --version` printed \"\(result.combined.trimmingWhitespace())\"",
                hint: "set STRATA_PG_BINDIR to a working PostgreSQL bin directory; " + installAdvice
            )
        }
        return PostgresBinaries(directory: directory, majorVersion: version)
    }

    /// `15` for `/usr/lib/postgresql/15/bin` and `…/postgresql@15/bin`.
    static func versionFromDirectory(_ directory: String) -> Int? {
        let parts = directory.split(separator: "/")
        guard parts.count >= 2, parts[parts.count - 1] == "bin" else { return nil }
        let parent = parts[parts.count - 2]
        if let version = Int(parent), parts.count >= 3, parts[parts.count - 3] == "postgresql" { return version }
        if parent.hasPrefix("postgresql@"), let version = Int(parent.dropFirst("postgresql@".count)) { return version }
        return nil
    }

    /// `17` from `postgres (PostgreSQL) 17.2`; `9` from `9.6.24`.
    static func majorVersion(fromVersionOutput text: String) -> Int? {
        guard let marker = text.range(of: "(PostgreSQL) ") else { return nil }
        let digits = text[marker.upperBound...].prefix(while: { $0.isNumber })
        return Int(digits)
    }

    private static func versionDirectories(in root: String) -> [Int] {
        directoryEntries(root).compactMap { Int($0) }.sorted(by: >)
    }

    private static func kegDirectories(in root: String) -> [String] {
        directoryEntries(root)
            .filter { $0.hasPrefix("postgresql@") }
            .sorted { (Int($0.dropFirst("postgresql@".count)) ?? 0) > (Int($1.dropFirst("postgresql@".count)) ?? 0) }
    }

    private static func firstExecutable(_ name: String, in path: [String]) -> String? {
        path.lazy.map { $0.hasSuffix("/") ? $0 + name : $0 + "/" + name }.first(where: isExecutable)
    }
}

/// True when `path` is a regular file (after following links) that this process may run.
func isExecutable(_ path: String) -> Bool {
    var info = stat()
    guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return false }
    return access(path, X_OK) == 0
}

/// The names in a directory, without `.` and `..`; empty when it cannot be read.
func directoryEntries(_ path: String) -> [String] {
    guard let stream = opendir(path) else { return [] }
    defer { closedir(stream) }
    var names: [String] = []
    while let entry = readdir(stream) {
        let name = withUnsafePointer(to: entry.pointee.d_name) {
            $0.withMemoryRebound(to: CChar.self, capacity: Int(NAME_MAX) + 1) { String(cString: $0) }
        }
        if name != "." && name != ".." { names.append(name) }
    }
    return names
}

/// The canonical path with every symbolic link resolved, or nil if it does not exist.
func realPath(_ path: String) -> String? {
    guard let resolved = realpath(path, nil) else { return nil }
    defer { free(resolved) }
    return String(cString: resolved)
}

/// `/a/b` for `/a/b/c`; `/` for `/a`.
func parentDirectory(of path: String) -> String {
    guard let slash = path.lastIndex(of: "/") else { return "." }
    let parent = String(path[..<slash])
    return parent.isEmpty ? "/" : parent
}
