import Foundation
@testable import StrataPostgres
import Testing

@Suite("PostgresBinaries")
struct PostgresBinariesTests {
    private let nowhere = PostgresBinaries.InstallPlaces(versionedRoot: "/nonexistent", kegRoots: [], plainDirectories: [])

    @Test func findsTheInstalledServer() throws {
        let binaries = try PostgresBinaries.locate(environment: ProcessInfo.processInfo.environment)
        #expect(binaries.majorVersion >= 10)
        #expect(isExecutable(binaries.path("initdb")))
        #expect(isExecutable(binaries.path("pg_ctl")))
        #expect(binaries.path("psql").hasSuffix("/psql"))
    }

    @Test func overrideWins() throws {
        let installed = try PostgresBinaries.locate(environment: ProcessInfo.processInfo.environment)
        let binaries = try PostgresBinaries.locate(environment: ["STRATA_PG_BINDIR": installed.directory], places: nowhere)
        #expect(binaries == installed)
    }

    @Test func pathIsSearched() throws {
        let installed = try PostgresBinaries.locate(environment: ProcessInfo.processInfo.environment)
        let binaries = try PostgresBinaries.locate(environment: ["PATH": "/nonexistent:\(installed.directory)"], places: nowhere)
        #expect(binaries.directory == installed.directory)
        #expect(binaries.majorVersion == installed.majorVersion)
    }

    @Test func badOverrideIsOneClearMessage() throws {
        let empty = try Support.makeTemporaryDirectory("strata-bin")
        defer { try? removeTree(empty) }
        let error = #expect(throws: DatabaseError.self) {
            try PostgresBinaries.locate(environment: ["STRATA_PG_BINDIR": empty, "PATH": empty])
        }
        #expect(error?.code == .binariesNotFound)
        let text = error.map { String(describing: $0) } ?? ""
        #expect(text.contains("STRATA_PG_BINDIR"))
        #expect(text.contains(empty))
        #expect(text.contains("sudo apt-get install -y postgresql"))
        #expect(text.contains("brew install postgresql@17"))
    }

    @Test func nothingFoundListsWhatWasSearched() throws {
        let empty = try Support.makeTemporaryDirectory("strata-bin")
        defer { try? removeTree(empty) }
        let places = PostgresBinaries.InstallPlaces(
            versionedRoot: empty + "/lib/postgresql", kegRoots: [empty + "/opt"], plainDirectories: [empty + "/bin"]
        )
        let error = #expect(throws: DatabaseError.self) {
            try PostgresBinaries.locate(environment: ["PATH": empty], places: places)
        }
        #expect(error?.code == .binariesNotFound)
        let text = error.map { String(describing: $0) } ?? ""
        for searched in ["STRATA_PG_BINDIR", "pg_config", empty + "/lib/postgresql/*/bin", "initdb on PATH", empty + "/opt/postgresql@*/bin", empty + "/bin"] {
            #expect(text.contains(searched), "\(searched)")
        }
        #expect(text.contains("sudo apt-get install -y postgresql"))
        #expect(text.contains("brew install postgresql@17"))
        #expect(text.split(separator: "\n").count == 2, "one message and one hint line")
    }

    @Test func versionParsing() {
        #expect(PostgresBinaries.majorVersion(fromVersionOutput: "postgres (PostgreSQL) 17.2\n") == 17)
        #expect(PostgresBinaries.majorVersion(fromVersionOutput: "postgres (PostgreSQL) 15.18 (Debian 15.18-0+deb12u1)") == 15)
        #expect(PostgresBinaries.majorVersion(fromVersionOutput: "something else") == nil)
        #expect(PostgresBinaries.versionFromDirectory("/usr/lib/postgresql/16/bin") == 16)
        #expect(PostgresBinaries.versionFromDirectory("/opt/homebrew/opt/postgresql@17/bin") == 17)
        #expect(PostgresBinaries.versionFromDirectory("/usr/local/bin") == nil)
    }
}
