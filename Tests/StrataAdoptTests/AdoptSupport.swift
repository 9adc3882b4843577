import StrataAdopt
import StrataMigrate
import StrataSQL
import Testing

/// Converts a folder given as `path: text` pairs.
func adopt(_ format: AdoptFormat, _ files: [String: String]) -> Adoption {
    MigrationAdopter(format: format).adopt(files.map { SourceFile(path: $0.key, text: $0.value) })
}

extension Adoption {
    /// The migration made into `fileName`; records an issue when there is none.
    func migration(_ fileName: String, sourceLocation: SourceLocation = #_sourceLocation) -> AdoptedMigration? {
        let found = migrations.first { $0.fileName == fileName }
        if found == nil {
            Issue.record("no migration \(fileName); made: \(migrations.map(\.fileName)), problems: \(problems)", sourceLocation: sourceLocation)
        }
        return found
    }

    /// The reason `file` was skipped, or nil.
    func skipReason(_ file: String) -> String? { skipped.first { $0.file == file }?.reason }

    /// The reason `file` was left unconverted, or nil.
    func unconvertedReason(_ file: String) -> String? { unconverted.first { $0.file == file }?.reason }
}

/// Checks that every converted file has a valid Strata name, parses without diagnostics,
/// and that its statements are what `up` and `down` list (texts, in order).
func expectValid(_ adoption: Adoption, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(adoption.problems.isEmpty, "problems: \(adoption.problems)", sourceLocation: sourceLocation)
    for migration in adoption.migrations {
        #expect(MigrationDirectory.parseFileName(migration.fileName) != nil, "\(migration.fileName)", sourceLocation: sourceLocation)
        let script = MigrationScript.parse(migration.text)
        #expect(script.diagnostics.isEmpty, "\(migration.fileName): \(script.diagnostics)", sourceLocation: sourceLocation)
        #expect(script.isTransactional == migration.isTransactional, "\(migration.fileName)", sourceLocation: sourceLocation)
        #expect((script.down != nil) == migration.hasDown, "\(migration.fileName)", sourceLocation: sourceLocation)
    }
}

/// The statements of a converted file's parts, as text.
func statements(_ migration: AdoptedMigration?) -> (up: [String], down: [String]?) {
    guard let migration else { return ([], nil) }
    let script = MigrationScript.parse(migration.text)
    return (script.up.map(\.text), script.down?.map(\.text))
}
