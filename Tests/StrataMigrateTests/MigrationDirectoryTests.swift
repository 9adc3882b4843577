import Foundation
import Testing
@testable import StrataMigrate

/// Every entry of a migrations folder is a migration or a problem that names it.
@Suite struct MigrationDirectoryTests {
    /// A fresh folder with `files` (name → text) and `folders`, removed after `body`.
    private func withFolder<T>(_ files: [String: String], folders: [String] = [], _ body: (MigrationDirectory) throws -> T) throws -> T {
        let path = NSTemporaryDirectory() + "strata-directory-\(getpid())-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: path) }
        for (name, text) in files { try text.write(toFile: path + "/" + name, atomically: true, encoding: .utf8) }
        for folder in folders { try FileManager.default.createDirectory(atPath: path + "/" + folder, withIntermediateDirectories: true) }
        return try body(MigrationDirectory(path: path, displayPath: "migrations"))
    }

    @Test func everyEntryIsAMigrationOrAProblem() throws {
        let contents = try withFolder([
            "001_create.sql": "CREATE TABLE a ();",
            "002_more.SQL": "CREATE TABLE b ();",
            "003_Other Name.Sql": "CREATE TABLE c ();",
            "notes.md": "# notes",
            "001_create.sql~": "CREATE TABLE a ();",
            "README": "",
        ], folders: ["old"]) { try $0.load() }
        #expect(contents.migrations.map(\.name) == ["create"])
        let problems = Dictionary(uniqueKeysWithValues: contents.problems.map { ($0.file ?? "", $0) })
        #expect(Set(problems.keys) == [
            "migrations/002_more.SQL", "migrations/003_Other Name.Sql", "migrations/notes.md", "migrations/001_create.sql~",
            "migrations/README", "migrations/old",
        ])
        #expect(problems["migrations/002_more.SQL"]?.code == .malformedName)
        #expect(problems["migrations/002_more.SQL"]?.hint?.contains("rename it to 002_more.sql") == true)
        #expect(problems["migrations/003_Other Name.Sql"]?.hint?.contains("rename it to 003_other_name.sql") == true)
        #expect(problems["migrations/notes.md"]?.code == .strayFile)
        #expect(problems["migrations/001_create.sql~"]?.code == .strayFile)
        #expect(problems["migrations/001_create.sql~"]?.hint?.contains("leftover") == true)
        #expect(problems["migrations/old"]?.code == .strayFolder)
        #expect(problems["migrations/old"]?.message.contains("is a folder") == true)
    }

    @Test func hiddenEntriesAreSkipped() throws {
        let contents = try withFolder([".gitkeep": "", ".DS_Store": "x", ".001_create.sql.swp": "x", "001_create.sql": "SELECT 1;"], folders: [".git"]) {
            try $0.load()
        }
        #expect(contents.problems.isEmpty, "\(contents.problems)")
        #expect(contents.migrations.map(\.name) == ["create"])
        #expect(MigrationDirectory.isHidden(".gitkeep") && !MigrationDirectory.isHidden("001_x.sql"))
    }
}
