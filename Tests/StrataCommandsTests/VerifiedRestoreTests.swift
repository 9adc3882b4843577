import Foundation
import StrataPostgres
import StrataTesting
import Testing

/// `strata restore --verify`: a good archive restores on a scratch database with the
/// source's schema and row counts; a corrupt or truncated one fails, naming the file; a
/// manifest that disagrees with the copy is a mismatch (exit 4).
@Suite struct VerifiedRestoreTests {
    @Test func aGoodArchivePassesAndADamagedOneFailsNamingIt() async throws {
        try await withTestDatabase { source in
            let project = try await BackupCommandTests.project(databaseURL: source.url, scratchURL: try await Self.scratchURL())
            defer { project.delete() }
            expectStatus(await project.run(["up"]), 0)
            try await BackupCommandTests.fill(source)
            try #require(await project.run(["backup", "--output", "good.dump"]).status == 0)

            let verified = await project.run(["restore", "good.dump", "--verify", "--format", "json"])
            try #require(verified.status == 0, "\(verified)")
            let report = try requireJSON(verified)
            #expect(report["passed"].bool == true)
            #expect(report["outcome"].string == "passed")
            #expect(report["manifest"].string == "good.dump.json")
            #expect(report["schema_differences"].array?.isEmpty == true, "\(report["schema_differences"])")
            let tables = report["tables"].array ?? []
            #expect(tables.count == 5)
            #expect(tables.allSatisfy { $0["matches"].bool == true && $0["expected"] == $0["actual"] }, "\(tables)")
            #expect(tables.first { $0["name"].string == "orders" }?["actual"].int == 500)
            let text = await project.run(["restore", "good.dump", "--verify"])
            expectStatus(text, 0)
            expectContains(text.stdout, "Verified good.dump: passed")
            expectContains(text.stdout, "schema    equal to the source's")
            expectContains(text.stdout, "5 tables, 794 rows in the source: every count equal")
            #expect(try await Self.scratchDatabases().isEmpty, "the scratch database is dropped")

            // Bytes flipped in the middle: the SHA-256 no longer matches the manifest.
            var bytes = try Data(contentsOf: URL(fileURLWithPath: project.path("good.dump")))
            try Self.copy(project, "good.dump.json", to: "flipped.dump.json")
            for offset in stride(from: bytes.count / 2, to: bytes.count / 2 + 64, by: 1) { bytes[offset] ^= 0xFF }
            try bytes.write(to: URL(fileURLWithPath: project.path("flipped.dump")))
            let flipped = await project.run(["restore", "flipped.dump", "--verify"])
            expectStatus(flipped, 4)
            expectContains(flipped.stderr, "flipped.dump is corrupt: its SHA-256 is ")
            expectContains(flipped.stderr, "but its manifest flipped.dump.json records")

            // Cut short: the size says so first.
            let whole = try Data(contentsOf: URL(fileURLWithPath: project.path("good.dump")))
            try whole.prefix(whole.count * 2 / 3).write(to: URL(fileURLWithPath: project.path("short.dump")))
            try Self.copy(project, "good.dump.json", to: "short.dump.json")
            let short = await project.run(["restore", "short.dump", "--verify", "--format", "json"])
            expectStatus(short, 4)
            let error = try requireJSON(short)["error"]
            #expect(error["code"].string == "corrupt-archive")
            #expect(error["file"].string == "short.dump")
            expectContains(error["message"].string ?? "", "short.dump is \(whole.count * 2 / 3) bytes, but its manifest short.dump.json records \(whole.count): the archive is truncated")

            // Without a manifest, pg_restore itself finds the damage while restoring.
            try project.remove("short.dump.json")
            let bare = await project.run(["restore", "short.dump", "--verify"])
            expectStatus(bare, 4)
            expectContains(bare.stderr, "short.dump is damaged: pg_restore could not read its data")
            // Nor is a damaged archive restored into a target.
            let intoTarget = await project.run(["restore", "flipped.dump"])
            expectStatus(intoTarget, 4)
            expectContains(intoTarget.stderr, "flipped.dump is corrupt")
            #expect(try await Self.scratchDatabases().isEmpty, "scratch databases are dropped after failures too")
        }
    }

    @Test func aCopyThatDiffersFromTheManifestIsAMismatch() async throws {
        try await withTestDatabase { source in
            let project = try await BackupCommandTests.project(databaseURL: source.url)
            defer { project.delete() }
            expectStatus(await project.run(["up"]), 0)
            try await BackupCommandTests.fill(source)
            try #require(await project.run(["backup", "--output", "a.dump"]).status == 0)

            // The manifest says the source had one more user and a column the copy lacks.
            var manifest = try project.read("a.dump.json")
            let rows = try #require(manifest.range(of: "\"name\" : \"users\",\n      \"rows\" : 250"))
            manifest.replaceSubrange(rows, with: "\"name\" : \"users\",\n      \"rows\" : 251")
            manifest = manifest.replacingOccurrences(of: "\"name\" : \"display_name\"", with: "\"name\" : \"nickname\"")
            try project.write("a.dump.json", manifest)

            let text = await project.run(["restore", "a.dump", "--verify"])
            expectStatus(text, 4)
            expectContains(text.stdout, "Verified a.dump: MISMATCH")
            expectContains(text.stdout, "public.users: 251 in the source, 250 restored")
            expectContains(text.stdout, "nickname")
            let json = await project.run(["restore", "a.dump", "--verify", "--format", "json"])
            expectStatus(json, 4)
            let report = try requireJSON(json)
            #expect(report["passed"].bool == false && report["outcome"].string == "mismatch")
            #expect((report["schema_differences"].array ?? []).contains { ($0["sql"].string ?? "").contains("nickname") }, "\(report["schema_differences"])")
        }
    }

    @Test(arguments: RealWorldTests.corpora) func aRealWorldSchemaVerifies(_ corpus: RealWorldTests.Corpus) async throws {
        try await withTestDatabase(label: "verify_\(corpus.name)") { source in
            try await RealWorldTests.psqlLoad(corpus, into: source)
            let project = try await BackupCommandTests.project(databaseURL: source.url)
            defer { project.delete() }
            for schemaOnly in [false, true] {
                let backup = await project.run(["backup", "--output", "rw.dump"] + (schemaOnly ? ["--schema-only"] : []))
                try #require(backup.status == 0, "\(backup)")
                let verified = await project.run(["restore", "rw.dump", "--verify", "--jobs", "2"])
                #expect(verified.status == 0, "\(corpus.name), schema only: \(schemaOnly): \(verified)")
                if schemaOnly { expectContains(verified.stdout, "(schema only: rows not compared)") }
            }
        }
    }

    static func copy(_ project: Project, _ from: String, to: String) throws {
        try FileManager.default.copyItem(atPath: project.path(from), toPath: project.path(to))
    }

    /// The role whose scratch databases this suite checks for leftovers: every suite runs in
    /// this test process, so scratch databases are told apart by owner.
    static let scratchRole = "strata_test_verify_owner"

    /// The test server as ``scratchRole`` (over TCP, with its password).
    static func scratchURL() async throws -> String {
        let password = "Verify-owner-pw"
        try await TestServer.ensureRoles([scratchRole], attributes: "SUPERUSER LOGIN PASSWORD '\(password)'")
        return try await TestServer.tcpSettings(user: scratchRole, password: password, database: "postgres").url(includingPassword: true)
    }

    /// Scratch databases of this test process made by ``scratchRole`` that still exist.
    static func scratchDatabases() async throws -> [String] {
        let session = try await PostgresSession.connect(try await TestServer.adminSettings())
        do {
            let rows = try await session.query(
                """
                SELECT d.datname::text FROM pg_database d JOIN pg_roles r ON r.oid = d.datdba
                WHERE d.datname LIKE $1 AND r.rolname = $2
                """,
                ["strata\\_scratch\\_\(getpid())\\_%", scratchRole]
            )
            await session.close()
            return rows.compactMap { $0[0] }
        } catch {
            await session.close()
            throw error
        }
    }
}
