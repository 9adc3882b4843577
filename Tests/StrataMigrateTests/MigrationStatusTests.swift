import StrataTestSupport
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

    /// The one-pass match equals matching through a dictionary (the straightforward form)
    /// on random folders and histories: gaps, duplicate versions spelled differently
    /// (`7` and `007`), failed rows, changed checksums, and input in any order.
    @Test func onePassMatchEqualsMatchingThroughADictionary() {
        var random = SplitMix64(seed: 11)
        for _ in 0..<500 {
            var files: [Migration] = []
            var rows: [AppliedMigration] = []
            for number in 1...Int.random(in: 1...12, using: &random) {
                let spelling = Bool.random(using: &random) ? "\(number)" : "00\(number)"
                switch Int.random(in: 0..<6, using: &random) {
                case 0: files.append(Self.migration(spelling))
                case 1: rows.append(Self.applied(spelling))
                case 2: files.append(Self.migration(spelling, checksum: "changed")); rows.append(Self.applied("\(number)"))
                case 3: files.append(Self.migration(spelling)); rows.append(Self.applied(spelling, state: .failed))
                case 4: files.append(Self.migration("\(number)")); files.append(Self.migration("0\(number)", checksum: "dup"))
                default: rows.append(Self.applied("\(number)")); rows.append(Self.applied("0\(number)", checksum: "x"))
                }
            }
            if Bool.random(using: &random) { files.shuffle(using: &random) }
            if Bool.random(using: &random) { rows.shuffle(using: &random) }
            let status = MigrationStatus(migrations: files, applied: rows)
            #expect(status.entries == Self.dictionaryMatch(files, rows), "\(files.map(\.version)) \(rows.map(\.version))")
            #expect(status.stateCounts.map(\.state) == MigrationState.allCases)
            #expect(status.stateCounts.allSatisfy { status.summary[$0.state] == $0.count })
        }
    }

    /// Matching through a dictionary of rows by version, then sorting.
    private static func dictionaryMatch(_ files: [Migration], _ rows: [AppliedMigration]) -> [MigrationStatusEntry] {
        let files = files.sorted { $0.version < $1.version }
        let rows = rows.sorted { $0.version < $1.version }
        var byVersion: [MigrationVersion: AppliedMigration] = [:]
        for row in rows { byVersion[row.version] = row }
        var seen = Set<MigrationVersion>()
        var entries: [MigrationStatusEntry] = []
        for file in files where seen.insert(file.version).inserted {
            if let row = byVersion[file.version] {
                let state: MigrationState = row.state == .failed ? .failed : row.checksum != file.checksum ? .modified : .applied
                entries.append(MigrationStatusEntry(
                    version: file.version, name: file.name, state: state, batch: row.batch, appliedAt: row.appliedAt,
                    executionMs: row.executionMs, checksum: file.checksum, file: file.path
                ))
            } else {
                let old = rows.last.map { file.version < $0.version } ?? false
                entries.append(MigrationStatusEntry(
                    version: file.version, name: file.name, state: old ? .outOfOrder : .pending, checksum: file.checksum, file: file.path
                ))
            }
        }
        for row in rows where !seen.contains(row.version) {
            entries.append(MigrationStatusEntry(
                version: row.version, name: row.name, state: row.state == .failed ? .failed : .missing, batch: row.batch,
                appliedAt: row.appliedAt, executionMs: row.executionMs, checksum: row.checksum, file: nil
            ))
        }
        return entries.sorted { $0.version < $1.version }
    }
}
