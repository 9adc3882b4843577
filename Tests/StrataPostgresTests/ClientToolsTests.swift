import Foundation
@testable import StrataPostgres
import Testing

/// pg_dump and pg_restore: versions, where they are found, how they are called.
@Suite("Client tools")
struct ClientToolsTests {
    private let nowhere = PostgresBinaries.InstallPlaces(versionedRoot: "/nonexistent", kegRoots: [], plainDirectories: [])

    @Test func versionsReadFromProgramsAndServers() throws {
        let debian = try #require(PostgresVersion(versionOutput: "pg_dump (PostgreSQL) 15.18 (Debian 15.18-0+deb12u1)\n"))
        #expect(debian.major == 15 && debian.minor == 18 && debian.text == "15.18")
        let beta = try #require(PostgresVersion(versionOutput: "pg_dump (PostgreSQL) 17beta1"))
        #expect(beta.major == 17 && beta.minor == 0 && beta.text == "17beta1")
        let old = try #require(PostgresVersion(versionOutput: "pg_dump (PostgreSQL) 9.6.24"))
        #expect(old.major == 9 && old.minor == 6)
        #expect(PostgresVersion(versionOutput: "pg_dump: command not found") == nil)

        let server = PostgresVersion(serverVersionNumber: 150_004, serverVersion: "15.4 (Ubuntu 15.4-1)")
        #expect(server.major == 15 && server.minor == 4 && server.text == "15.4")
        let oldServer = PostgresVersion(serverVersionNumber: 90_624)
        #expect(oldServer.major == 9 && oldServer.minor == 6 && oldServer.text == "9.6.24")
    }

    /// pg_dump refuses servers of a newer major version; minor versions do not matter.
    @Test func dumpVersionAgainstServerVersion() {
        func version(_ major: Int, _ minor: Int) -> PostgresVersion { PostgresVersion(major: major, minor: minor, text: "\(major).\(minor)") }
        let cases: [(dump: PostgresVersion, server: PostgresVersion, allowed: Bool)] = [
            (version(15, 2), version(15, 9), true),
            (version(15, 9), version(15, 2), true),
            (version(17, 0), version(15, 4), true),
            (version(14, 11), version(15, 4), false),
            (version(16, 0), version(17, 1), false),
            (version(10, 0), version(9, 6), true),
            (version(9, 6), version(10, 0), false),
            (version(9, 5), version(9, 6), false),
            (version(9, 6), version(9, 5), true),
        ]
        for item in cases {
            #expect(item.dump.isSameOrNewerMajor(than: item.server) == item.allowed, "pg_dump \(item.dump) on server \(item.server)")
        }
        #expect(version(9, 6) < version(10, 0))
        #expect(version(15, 2) < version(15, 10))
        #expect(!(version(16, 0) < version(15, 10)))
    }

    @Test func tooOldNamesBothVersionsAndWhatToDo() {
        let tools = PostgresClientTools(directory: "/usr/lib/postgresql/14/bin", version: PostgresVersion(major: 14, minor: 11, text: "14.11"))
        let error = PostgresClientTools.tooOld(tools, server: PostgresVersion(serverVersionNumber: 150_004))
        #expect(error.code == .toolTooOld)
        let text = String(describing: error)
        for part in ["pg_dump 14.11", "/usr/lib/postgresql/14/bin/pg_dump", "PostgreSQL 15.4", "postgresql-client-15", "brew install postgresql@15", "STRATA_PG_BINDIR"] {
            #expect(text.contains(part), "\(part) in \(text)")
        }
    }

    @Test func anOldPgDumpIsRefusedAndANewEnoughOneIsTaken() throws {
        let directory = try Support.makeTemporaryDirectory("strata-tools")
        defer { try? removeTree(directory) }
        for tool in ["pg_dump", "pg_restore"] {
            try "#!/bin/sh\necho '\(tool) (PostgreSQL) 14.11'\n".write(toFile: directory + "/" + tool, atomically: true, encoding: .utf8)
            chmod(directory + "/" + tool, 0o755)
        }
        let environment = ["STRATA_PG_BINDIR": directory, "PATH": "/nonexistent"]
        let error = #expect(throws: BackupError.self) {
            try PostgresClientTools.locate(environment: environment, minimum: PostgresVersion(serverVersionNumber: 150_004), places: nowhere)
        }
        #expect(error?.code == .toolTooOld)
        #expect(error?.message.contains("pg_dump 14.11 (\(directory)/pg_dump) is older than the server, PostgreSQL 15.4") == true, "\(String(describing: error))")
        let found = try PostgresClientTools.locate(environment: environment, minimum: PostgresVersion(serverVersionNumber: 140_002), places: nowhere)
        #expect(found.directory == directory && found.version.text == "14.11")
    }

    /// A program still open for writing somewhere (a just-written script, inherited by a
    /// process another thread forked) cannot be started (ETXTBSY) until that is closed; the
    /// spawn waits for it rather than failing.
    @Test func aProgramStillOpenForWritingRunsOnceItIsClosed() throws {
        let directory = try Support.makeTemporaryDirectory("strata-tools")
        defer { try? removeTree(directory) }
        let path = directory + "/tool"
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o755)
        #expect(descriptor >= 0)
        let script = Array("#!/bin/sh\necho ran\n".utf8)
        #expect(write(descriptor, script, script.count) == script.count)
        let closer = Thread {
            usleep(20_000)
            close(descriptor)
        }
        closer.start()
        let output = try Subprocess(path, [], environment: [:]).runBlocking()
        #expect(output.succeeded)
        #expect(output.standardOutput == "ran\n")
    }

    /// A descriptor left open without close-on-exec elsewhere in the process (Foundation's
    /// `Pipe` opens its ends that way) does not reach a started program: a server started
    /// while another program's output pipe is open would keep that pipe open, and
    /// whoever reads it to its end would wait as long as the server runs.
    @Test func aStartedProgramInheritsOnlyItsThreeDescriptors() throws {
        #expect(SpawnDescriptors.closesInherited, "this C library has no posix_spawn_file_actions_addclosefrom_np")
        let stray = Pipe()
        #expect(fcntl(stray.fileHandleForWriting.fileDescriptor, F_GETFD) & FD_CLOEXEC == 0)
        // `ls` lists the descriptors of the shell that started it, which are the child's.
        let output = try Subprocess("/bin/sh", ["-c", "ls /proc/$$/fd"], environment: [:]).runBlocking()
        #expect(output.succeeded, "\(output.combined)")
        let descriptors = output.standardOutput.split(separator: "\n").map(String.init)
        #expect(descriptors == ["0", "1", "2"])
        #expect(!descriptors.contains(String(stray.fileHandleForWriting.fileDescriptor)))
    }

    @Test func missingToolsNameThePackage() throws {
        let empty = try Support.makeTemporaryDirectory("strata-tools")
        defer { try? removeTree(empty) }
        let error = #expect(throws: BackupError.self) {
            try PostgresClientTools.locate(environment: ["PATH": empty], minimum: nil, places: nowhere)
        }
        #expect(error?.code == .toolNotFound)
        let text = error.map { String(describing: $0) } ?? ""
        #expect(text.contains("pg_dump and pg_restore were not found"))
        #expect(text.contains("postgresql-client"))
        #expect(text.contains("/nonexistent/*/bin"))
        let override = #expect(throws: BackupError.self) {
            try PostgresClientTools.locate(environment: ["STRATA_PG_BINDIR": empty], minimum: nil, places: nowhere)
        }
        #expect(override?.message.contains("STRATA_PG_BINDIR is set to \(empty)") == true)
    }

    @Test func theInstalledToolsAreFound() throws {
        let tools = try PostgresClientTools.locate(environment: ProcessInfo.processInfo.environment, minimum: nil)
        #expect(isExecutable(tools.pgDump) && isExecutable(tools.pgRestore))
        #expect(tools.version.major >= 10)
    }

    /// The password reaches the child through its environment only.
    @Test func thePasswordIsNeverOnTheCommandLine() throws {
        let password = "s3cret-Pa55"
        let settings = ConnectionSettings(
            endpoint: .tcp(host: "db.example.com", port: 5433), user: "app", password: password, database: "shop=x'y",
            sslMode: .verifyFull
        )
        let tools = PostgresClientTools(directory: "/opt/pg/bin", version: PostgresVersion(major: 16, minor: 2, text: "16.2"))
        let base = ["PATH": "/usr/bin", "PGPASSWORD": "inherited", "PGSERVICE": "other", "HOME": "/home/app"]
        let dump = PgDump(tools: tools, environment: base)
        let dumpArguments = dump.arguments(archive: "/tmp/a.dump", options: .init(schemaOnly: true, snapshot: "00000003-1"))
        #expect(dumpArguments == ["--format=custom", "--no-password", "--file=/tmp/a.dump", "--schema-only", "--snapshot=00000003-1"])
        let restoreArguments = PgRestore(tools: tools, environment: base)
            .arguments(archive: "/tmp/a.dump", into: settings, options: .init(jobs: 2, clean: true, noOwner: true))
        #expect(restoreArguments == [
            "--no-password", "--exit-on-error", "--dbname=dbname='shop=x\\'y'", "--jobs=2", "--clean", "--if-exists", "--no-owner", "/tmp/a.dump",
        ])
        for argument in dumpArguments + restoreArguments {
            #expect(!argument.contains(password) && !argument.contains("db.example.com") && !argument.contains("app"))
        }
        let environment = settings.clientEnvironment(base: base, toolMajor: 16)
        #expect(environment["PGPASSWORD"] == password)
        #expect(environment["PGHOST"] == "db.example.com" && environment["PGPORT"] == "5433" && environment["PGUSER"] == "app")
        #expect(environment["PGDATABASE"] == "shop=x'y" && environment["PGSSLMODE"] == "verify-full" && environment["PGSSLROOTCERT"] == "system")
        #expect(environment["PGSERVICE"] == nil && environment["PATH"] == "/usr/bin" && environment["HOME"] == "/home/app")
        #expect(settings.with(database: "x").clientEnvironment(base: [:], toolMajor: 15)["PGSSLROOTCERT"] == nil)
        #expect(settings.scrubbingPassword("FATAL: password \(password) rejected") == "FATAL: password *** rejected")
        let restore = PgRestore(tools: tools, environment: base)
        #expect(restore.childEnvironment(into: settings, options: .init(durable: false))["PGOPTIONS"] == "-c synchronous_commit=off")
        #expect(restore.childEnvironment(into: settings, options: .init())["PGOPTIONS"] == nil)
        #expect(restore.childEnvironment(into: settings, options: .init())["PGPASSWORD"] == password)
    }

    @Test func archiveListingIsRead() {
        let listing = """
            ;
            ; Archive created at 2025-01-31 12:00:00 UTC
            ;     dbname: shop
            ;     TOC Entries: 5
            ;     Compression: -1
            ;     Dump Version: 1.14-0
            ;     Format: CUSTOM
            ;     Dumped from database version: 15.18 (Debian 15.18-0+deb12u1)
            ;     Dumped by pg_dump version: 15.18 (Debian 15.18-0+deb12u1)
            ;
            ;
            ; Selected TOC Entries:
            ;
            215; 1259 16385 TABLE public users postgres
            216; 1259 16390 SEQUENCE public users_id_seq postgres
            3337; 0 16385 TABLE DATA public users postgres
            3338; 0 16391 TABLE DATA public "order items" postgres
            3190; 2606 16395 CONSTRAINT public users users_pkey postgres
            """
        let contents = ArchiveContents(listing: listing)
        #expect(contents.format == "CUSTOM")
        #expect(contents.databaseName == "shop")
        #expect(contents.serverVersion == "15.18 (Debian 15.18-0+deb12u1)")
        #expect(contents.dumpVersion == "15.18 (Debian 15.18-0+deb12u1)")
        #expect(contents.entryCount == 5)
        #expect(contents.tableDataCount == 2)
    }

    @Test func restoreMessagesThatMeanADamagedArchive() {
        #expect(PgRestore.reportsDamage("pg_restore: error: could not read from input file: end of file"))
        #expect(PgRestore.reportsDamage("pg_restore: error: could not uncompress data: invalid distance too far back"))
        #expect(PgRestore.reportsDamage("pg_restore: error: did not find magic string in file header"))
        #expect(!PgRestore.reportsDamage("pg_restore: error: could not execute query: ERROR:  relation \"users\" already exists"))
    }
}
