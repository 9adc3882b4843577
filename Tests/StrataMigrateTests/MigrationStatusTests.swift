import Testing
@testable import StrataMigrate

@Suite struct MigrationStatusTests {
    static func migration(_ version: String, checksum: String = "c") -> Migration {
        Migration(version: MigrationVersion(version)!, name: "m", path: "migrations/\(version)_m.sql", text: "", checksum: checksum)
    }

    static func applied(_ version: String, checksum: String = "c", state: AppliedMigration.State = .applied) -> AppliedMigration {
        AppliedMigration(version: MigrationVersion(version)!, name: "m", checksum: checksum, batch: 1, appliedAt: "", executionMs: 0, appliedBy: "", state: state)
    }

    @Test func everyStateIsDerivedFromFilesAndHistory() {
        let status = MigrationStatus(
            migrations: [Self.migration("1"), Self.migration("2", checksum: "new"), Self.migration("3"), Self.migration("5"), Self.migration("7")],
            applied: [Self.applied("1"), Self.applied("2"), Self.applied("4"), Self.applied("6"), Self.applied("7", state: .failed)]
        )
        let states = status.entries.map { "\($0.version):\($0.state.rawValue)" }
        #expect(states == ["1:applied", "2:modified", "3:out-of-order", "4:missing", "5:out-of-order", "6:missing", "7:failed"])
        #expect(status.hasProblems)
    }

    @Test func versionsCompareAsNumbers() {
        #expect(MigrationVersion("9")! < MigrationVersion("10")!)
        #expect(MigrationVersion("0001")! == MigrationVersion("1")!)
        #expect(MigrationVersion("20240101000000")! > MigrationVersion("0999")!)
        #expect(MigrationVersion("12a") == nil)
        #expect(MigrationVersion("") == nil)
    }

    @Test func checksumNormalisesLineEndings() {
        let unix = Checksum.of(Array("a\nb\n".utf8))
        #expect(Checksum.of(Array("a\r\nb\r\n".utf8)) == unix)
        #expect(Checksum.of(Array("a\rb\r".utf8)) == unix)
        #expect(unix.count == 64)
        #expect(Checksum.of(Array("a\nb".utf8)) != unix)
    }

    @Test func fileNamesAreParsedStrictly() {
        #expect(MigrationDirectory.parseFileName("20240101_create_users.sql").map { "\($0.0)|\($0.1)" } == "20240101|create_users")
        #expect(MigrationDirectory.parseFileName("001_Create.sql") == nil)
        #expect(MigrationDirectory.parseFileName("001-create.sql") == nil)
        #expect(MigrationDirectory.parseFileName("create.sql") == nil)
        #expect(MigrationDirectory.parseFileName("001_.sql") == nil)
        #expect(MigrationDirectory.parseFileName("001_a.up.sql") == nil)
        #expect(MigrationDirectory.normalizedName("Add Users-Email!") == "add_users_email")
    }
}
