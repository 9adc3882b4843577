#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
@testable import StrataPostgres
import Testing

/// Each test makes its own cluster in a fresh directory and destroys it.
@Suite("LocalCluster")
struct LocalClusterTests {
    private func withCluster(
        _ options: LocalCluster.Options = .init(durable: false), _ body: (LocalCluster) async throws -> Void
    ) async throws {
        let cluster = LocalCluster(directory: try Support.makeTemporaryDirectory("strata-lc"), options: options)
        do {
            try await body(cluster)
        } catch {
            try? cluster.destroyImmediately()
            throw error
        }
        try? cluster.destroyImmediately()
    }

    private func selectOne(_ cluster: LocalCluster) async throws -> String? {
        let session = try await PostgresSession.connect(cluster.settings(database: "postgres"))
        let value = try await session.scalar("SELECT 1")
        await session.close()
        return value
    }

    @Test func statusOfAMissingClusterIsCheapAndEmpty() throws {
        let cluster = LocalCluster(directory: "/tmp/strata-lc-missing-\(getpid())/postgres")
        let status = try cluster.status()
        #expect(!status.isInitialized)
        #expect(!status.isRunning)
        #expect(status.pid == nil)
        #expect(status.port == nil)
        #expect(status.majorVersion == nil)
        #expect(status.superuser == "postgres")
        #expect(status.dataDirectory == "/tmp/strata-lc-missing-\(getpid())/postgres/data")
    }

    @Test func startIsIdempotentAndStatusReportsTheServer() async throws {
        try await withCluster { cluster in
            let first = try await cluster.start()
            #expect(first.isInitialized)
            #expect(first.isRunning)
            let pid = try #require(first.pid)
            let port = try #require(first.port)
            #expect(first.socketDirectory == cluster.socketDirectory)
            #expect(cluster.socketDirectory.utf8.count < 40)
            #expect(first.majorVersion == (try TestServerBinaries.located().majorVersion))
            #expect(first.url(database: "app") == "postgres://postgres@127.0.0.1:\(port)/app")

            var info = stat()
            #expect(stat(cluster.socketDirectory + "/.s.PGSQL.\(port)", &info) == 0)
            #expect(stat(cluster.socketDirectory, &info) == 0 && info.st_mode & 0o777 == 0o700)

            let second = try await cluster.start()
            #expect(second.pid == pid)
            #expect(second.port == port)
            #expect(try cluster.status() == second)
            #expect(try await selectOne(cluster) == "1")
            #expect(cluster.settings(database: "x").endpoint == .socket(directory: cluster.socketDirectory, port: port))
        }
    }

    @Test func stopThenStartAgainReusesThePort() async throws {
        try await withCluster { cluster in
            let running = try await cluster.start()
            try await cluster.stop()
            let stopped = try cluster.status()
            #expect(stopped.isInitialized)
            #expect(!stopped.isRunning)
            #expect(stopped.pid == nil)
            #expect(stopped.port == running.port, "the remembered port")
            try await cluster.stop()  // no error when not running

            let again = try await cluster.start()
            #expect(again.isRunning)
            #expect(again.pid != running.pid)
            #expect(again.port == running.port)
            #expect(try await selectOne(cluster) == "1")
        }
    }

    @Test func takenPortIsReplaced() async throws {
        try await withCluster { cluster in
            let running = try await cluster.start()
            try await cluster.stop()
            let listener = try SilentListener()
            defer { listener.close() }
            try rememberPortForTest(cluster, listener.port)
            let again = try await cluster.start()
            #expect(again.port != listener.port)
            #expect(again.port != nil)
            #expect(running.isRunning)
            #expect(try await selectOne(cluster) == "1")
        }
    }

    @Test func startsAgainAfterThePostmasterWasKilled() async throws {
        try await withCluster { cluster in
            let running = try await cluster.start()
            let pid = try #require(running.pid)
            let session = try await PostgresSession.connect(cluster.settings(database: "postgres"))
            #expect(kill(pid_t(pid), SIGKILL) == 0)

            // postmaster.pid and the socket lock file now name a dead process.
            let restarted = try await cluster.start()
            #expect(restarted.isRunning)
            #expect(restarted.pid != pid)
            #expect(!Support.processExists(pid))
            #expect(try await selectOne(cluster) == "1")
            await session.close()
        }
    }

    @Test func staleProcessIdReusedByAnotherProcessIsIgnored() async throws {
        try await withCluster { cluster in
            let running = try await cluster.start()
            try await cluster.stop()
            // Leave a postmaster.pid naming a live process that is not a postmaster: this one.
            let stale = "\(getpid())\n\(cluster.dataDirectory)\n0\n\(running.port ?? 0)\n\(cluster.socketDirectory)\n127.0.0.1\n0 0\nready\n"
            try writeTextFile(cluster.dataDirectory + "/postmaster.pid", stale)
            #expect(try !cluster.status().isRunning)
            let again = try await cluster.start()
            #expect(again.isRunning)
            #expect(again.pid != Int(getpid()))
        }
    }

    @Test func concurrentStartsShareOneServer() async throws {
        try await withCluster { cluster in
            let statuses = try await withThrowingTaskGroup(of: LocalClusterStatus.self) { group in
                for _ in 0..<4 {
                    group.addTask { try await cluster.start() }
                }
                var all: [LocalClusterStatus] = []
                for try await status in group { all.append(status) }
                return all
            }
            #expect(statuses.count == 4)
            #expect(Set(statuses.map(\.pid)).count == 1)
            #expect(statuses.allSatisfy { $0.isRunning })
            #expect(try await selectOne(cluster) == "1")
        }
    }

    @Test func destroyRemovesEverything() async throws {
        let cluster = LocalCluster(directory: try Support.makeTemporaryDirectory("strata-lc"), options: .init(durable: false))
        let running = try await cluster.start()
        let pid = try #require(running.pid)
        try await cluster.destroy()
        var info = stat()
        #expect(stat(cluster.directory, &info) != 0)
        #expect(stat(cluster.socketDirectory, &info) != 0)
        #expect(!Support.processExists(pid))
        #expect(try !cluster.status().isInitialized)
        try await cluster.destroy()  // nothing left: no error
    }

    @Test func destroyRefusesAForeignDirectory() async throws {
        let directory = try Support.makeTemporaryDirectory("strata-lc")
        try writeTextFile(directory + "/precious.txt", "keep me")
        let cluster = LocalCluster(directory: directory)
        let error = await #expect(throws: DatabaseError.self) { try await cluster.destroy() }
        #expect(error?.code == .localCluster)
        #expect(try readTextFile(directory + "/precious.txt") == "keep me")
        #expect(directoryEntries(directory) == ["precious.txt"])
        try removeTree(directory)
    }

    @Test func ensureDatabaseCreatesOnceWithAnyName() async throws {
        try await withCluster { cluster in
            try await cluster.start()
            let name = "My \"odd\" db"
            try await cluster.ensureDatabase(name)
            try await cluster.ensureDatabase(name)
            let session = try await PostgresSession.connect(cluster.settings(database: name))
            #expect(try await session.scalar("SELECT current_database()") == name)
            await session.close()
        }
    }

    @Test func failedStartNamesTheDirectoryAndShowsTheLog() async throws {
        try await withCluster(.init(durable: false, settings: ["shared_buffers": "lots"])) { cluster in
            let error = await #expect(throws: DatabaseError.self) { try await cluster.start() }
            #expect(error?.code == .localCluster)
            #expect(error?.message.contains(cluster.dataDirectory) == true)
            #expect(error?.message.contains("shared_buffers") == true)
            #expect(error?.hint != nil)
        }
    }

    @Test func invalidSettingNameIsRejected() async throws {
        try await withCluster(.init(durable: false, settings: ["bad name; rm": "x"])) { cluster in
            let error = await #expect(throws: DatabaseError.self) { try await cluster.start() }
            #expect(error?.code == .invalidSettings)
        }
    }

    @Test func relativeDirectoriesBecomeAbsolute() {
        let cluster = LocalCluster(directory: "some/../project/.strata/./postgres")
        #expect(cluster.directory.hasPrefix("/"))
        #expect(cluster.directory.hasSuffix("/project/.strata/postgres"))
        #expect(LocalCluster.absolutePath("/") == "/")
        #expect(LocalCluster.hexHash("").count == 8)
        #expect(LocalCluster.hexHash("a") != LocalCluster.hexHash("b"))
    }

    @Test func serverOptionsAreShellQuoted() throws {
        let cluster = LocalCluster(directory: "/tmp/x", options: .init(durable: false, settings: ["application_name": "it's"]))
        let options = try cluster.serverOptions(port: 5999, socketDirectory: "/tmp/strata-00000000")
        #expect(options.contains("-c 'port=5999'"))
        #expect(options.contains("-c 'fsync=off'"))
        #expect(options.contains(#"-c 'application_name=it'\''s'"#))
        let durable = LocalCluster(directory: "/tmp/x")
        #expect(!(try durable.serverOptions(port: 1, socketDirectory: "/s")).contains("fsync"))
    }

    private func rememberPortForTest(_ cluster: LocalCluster, _ port: Int) throws {
        try cluster.rememberPort(port)
    }
}

/// The binaries the machine has, for comparisons.
enum TestServerBinaries {
    static func located() throws -> PostgresBinaries {
        try PostgresBinaries.locate(environment: ProcessInfo.processInfo.environment)
    }
}
