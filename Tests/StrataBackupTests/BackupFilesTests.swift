import Foundation
@testable import StrataBackup
import StrataPostgres
import StrataSchema
import Testing

/// The pure parts of backups: archive names, pruning, manifests, and the comparison of a
/// restored copy with its manifest.
@Suite struct BackupFilesTests {
    private let noon = Date(timeIntervalSince1970: 1_738_324_800)  // 2025-01-31T12:00:00Z

    @Test func archiveNamesCarryEnvironmentDatabaseAndUTCTime() throws {
        let name = BackupFileName(environment: "prod", database: "shop", takenAt: noon)
        #expect(name.text == "prod-shop-20250131T120000Z.dump")
        var second = name
        second.sequence = 2
        #expect(second.text == "prod-shop-20250131T120000Z-2.dump")
        #expect(BackupFileName(environment: "eu/prod", database: "my db", takenAt: noon).text == "eu_prod-my_db-20250131T120000Z.dump")
        let parsed = try #require(BackupFileName(parsing: "prod-shop-20250131T120000Z-2.dump", prefix: "prod-shop-"))
        #expect(parsed == second)
        #expect(name < second)
        for other in ["prod-shop-20250131T120000Z.dump.json", "prod-shop-latest.dump", "prod-shop-x-20250131T120000Z.dump", "notes.txt"] {
            #expect(BackupFileName(parsing: other, prefix: "prod-shop-") == nil, "\(other)")
        }
    }

    @Test func pruningKeepsTheNewestOfOneEnvironmentAndDatabase() {
        let names = [
            "prod-shop-20250101T000000Z.dump", "prod-shop-20250101T000000Z.dump.json",
            "prod-shop-20250102T000000Z.dump", "prod-shop-20250102T000000Z-2.dump", "prod-shop-20250103T000000Z.dump",
            "dev-shop-20240101T000000Z.dump", "prod-shop-handmade.dump", "README",
        ]
        #expect(BackupFolder.expired(names: names, prefix: "prod-shop-", keep: 2) == [
            "prod-shop-20250101T000000Z.dump", "prod-shop-20250102T000000Z.dump",
        ])
        #expect(BackupFolder.expired(names: names, prefix: "prod-shop-", keep: 4).isEmpty)
        #expect(BackupFolder.expired(names: names, prefix: "prod-shop-", keep: 0).isEmpty, "0 keeps every archive")
    }

    @Test func aManifestRoundTripsAndAForeignFileIsNamed() throws {
        let manifest = Self.manifest(rows: ["users": 3])
        let directory = FileManager.default.temporaryDirectory.path + "/strata-manifest-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let archive = directory + "/a.dump"
        try manifest.write(besideArchive: archive, displayName: "a.dump")
        let text = try String(contentsOfFile: archive + ".json", encoding: .utf8)
        #expect(text.contains("\"strata_backup\" : 1"))
        #expect(text.contains("\"taken_at\" : \"2025-01-31T12:00:00Z\""))
        #expect(try BackupManifest.read(besideArchive: archive, displayName: "a.dump") == manifest)
        #expect(try BackupManifest.read(besideArchive: directory + "/none.dump", displayName: "none.dump") == nil)

        try "{\"name\": \"something else\"}".write(toFile: archive + ".json", atomically: true, encoding: .utf8)
        let error = #expect(throws: BackupError.self) { try BackupManifest.read(besideArchive: archive, displayName: "a.dump") }
        #expect(error?.code == .manifest)
        #expect(error?.message.contains("a.dump.json is not a Strata backup manifest") == true)
    }

    @Test func aDigestThatDiffersFromTheManifestNamesTheFile() throws {
        let manifest = Self.manifest(rows: [:])
        try CheckedArchive.compare(manifest.digest, with: manifest, displayName: "b/a.dump")
        let truncated = #expect(throws: BackupError.self) {
            try CheckedArchive.compare(ArchiveDigest(sha256: manifest.sha256, size: 10), with: manifest, displayName: "b/a.dump")
        }
        #expect(truncated?.code == .corruptArchive)
        #expect(truncated?.message == "b/a.dump is 10 bytes, but its manifest b/a.dump.json records 1000: the archive is truncated")
        let flipped = #expect(throws: BackupError.self) {
            try CheckedArchive.compare(ArchiveDigest(sha256: String(repeating: "0", count: 64), size: 1000), with: manifest, displayName: "b/a.dump")
        }
        #expect(flipped?.file == "b/a.dump")
        #expect(flipped?.message.hasPrefix("b/a.dump is corrupt: its SHA-256 is 0000") == true)
    }

    @Test func everyTableOfEitherSideIsCompared() {
        let expected = [
            TableRowCount(table: QualifiedName("public", "a"), rows: 3), TableRowCount(table: QualifiedName("public", "b"), rows: 0),
            TableRowCount(table: QualifiedName("public", "gone"), rows: 1),
        ]
        let actual = [
            TableRowCount(table: QualifiedName("public", "a"), rows: 3), TableRowCount(table: QualifiedName("public", "b"), rows: 2),
            TableRowCount(table: QualifiedName("public", "new"), rows: 0),
        ]
        let checks = VerificationReport.tableChecks(expected: expected, actual: actual)
        #expect(checks.map(\.name) == ["a", "b", "gone", "new"])
        #expect(checks.map(\.matches) == [true, false, false, false])
        #expect(checks[2].actual == nil && checks[3].expected == nil)
        // Schema-only: no rows counted; present on both sides and empty is a match.
        let schemaOnly = VerificationReport.tableChecks(
            expected: [TableRowCount(table: QualifiedName("public", "a"), rows: nil)],
            actual: [TableRowCount(table: QualifiedName("public", "a"), rows: 0)]
        )
        #expect(schemaOnly.map(\.matches) == [true])
    }

    static func manifest(rows: [String: Int64]) -> BackupManifest {
        BackupManifest(
            archive: "a.dump", digest: ArchiveDigest(sha256: String(repeating: "ab", count: 32), size: 1000),
            takenAt: "2025-01-31T12:00:00Z", schemaOnly: false,
            source: .init(environment: "prod", url: "postgres://app:***@db/shop", database: "shop"),
            serverVersion: PostgresVersion(serverVersionNumber: 150_004), pgDumpVersion: PostgresVersion(major: 15, minor: 4, text: "15.4"),
            snapshot: "00000003-0000001B-1", comparison: .default,
            tables: rows.sorted { $0.key < $1.key }.map { TableRowCount(table: QualifiedName("public", $0.key), rows: $0.value) },
            schema: Schema(tables: [Table(name: QualifiedName("public", "users"))])
        )
    }
}
