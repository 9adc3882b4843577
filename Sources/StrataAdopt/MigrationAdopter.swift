import StrataMigrate
import StrataSQL

/// Converts another tool's migration folder into Strata migration files.
///
/// Pure: it takes the folder's files (names and contents) and returns the files to
/// write, every other file named with the reason it was not converted, and every
/// problem found. Versions and their order are kept (Flyway's dotted versions are mapped
/// to digits, see ``FlywayVersion``); names are lower-cased and sanitised; each file's
/// header names its source files. Every produced file is parsed and validated with
/// Strata's own parser, and a problem it finds is reported at the source file's line
/// and column.
public struct MigrationAdopter: Sendable {
    public var format: AdoptFormat

    public init(format: AdoptFormat) {
        self.format = format
    }

    /// Converts the files of one source folder.
    public func adopt(_ files: [SourceFile]) -> Adoption {
        var report = ConversionReport()
        let drafts = converter.drafts(from: files.sorted { $0.path < $1.path }, report: &report)
        var migrations: [AdoptedMigration] = []
        for draft in drafts {
            if let migration = finish(draft, report: &report) { migrations.append(migration) }
        }
        report.problems += duplicateProblems(drafts) + orderProblems(drafts)
        migrations.sort { $0.version < $1.version }
        return Adoption(
            format: format, migrations: migrations, skipped: report.skipped, unconverted: report.unconverted,
            problems: report.problems
        )
    }

    private var converter: any FormatConverter {
        switch format {
        case .goose: GooseConverter()
        case .dbmate: DbmateConverter()
        case .golangMigrate: GolangMigrateConverter()
        case .sqlx: SqlxConverter()
        case .flyway: FlywayConverter()
        case .diesel: DieselConverter()
        case .popx: PopxConverter()
        }
    }

    // MARK: - One migration

    private func finish(_ draft: MigrationDraft, report: inout ConversionReport) -> AdoptedMigration? {
        let primary = draft.sources.first ?? draft.fileName
        guard let version = MigrationVersion(draft.version) else {
            report.problem(
                .malformedVersion, "the version \(draft.sourceVersion) does not become digits, which Strata's versions are",
                hint: "rename the migration in the source folder with a numeric version, then adopt again", file: primary
            )
            return nil
        }
        guard MigrationDirectory.parseFileName(draft.fileName) != nil else {
            report.problem(.malformedVersion, "\(draft.fileName) is not a valid Strata file name", file: primary)
            return nil
        }
        let lines = render(draft)
        let text = lines.joinedText + "\n"
        let script = MigrationScript.parse(text)
        for diagnostic in script.diagnostics {
            let index = diagnostic.position.line - 1
            let origin = lines.indices.contains(index) ? lines[index].origin : nil
            if let origin {
                report.problem(
                    AdoptionProblem.Code(rawValue: diagnostic.code.rawValue), diagnostic.message, hint: diagnostic.hint,
                    file: origin.file, line: origin.line, column: max(diagnostic.position.column - origin.columnShift, 1)
                )
            } else {
                report.problem(
                    AdoptionProblem.Code(rawValue: diagnostic.code.rawValue),
                    "in the converted \(draft.fileName), line \(diagnostic.position.line): \(diagnostic.message)",
                    hint: diagnostic.hint, file: primary
                )
            }
        }
        return AdoptedMigration(
            fileName: draft.fileName, version: version, name: draft.name, sourceVersion: draft.sourceVersion,
            historyKey: draft.historyKey, sources: draft.sources, isTransactional: draft.isTransactional,
            hasDown: draft.down != nil, notes: draft.notes, text: text
        )
    }

    /// The file's lines: a header naming the sources and the notes, the source's own
    /// leading comments, the directives, the up part and the down part.
    private func render(_ draft: MigrationDraft) -> [ScriptLine] {
        var lines: [ScriptLine] = [.generated("-- Adopted from \(format.displayName): " + draft.sources.map(printable).joined(separator: ", "))]
        if draft.sourceVersion != draft.version {
            lines.append(.generated("-- \(format.displayName) version \(printable(draft.sourceVersion)) is version \(draft.version) here."))
        }
        lines += draft.notes.map { .generated("-- " + printable($0)) }
        lines += draft.leadingLines
        if !draft.isTransactional { lines.append(.generated("-- strata:no-transaction")) }
        lines.append(.generated("-- strata:up"))
        lines += draft.up
        if let down = draft.down {
            // The tools run each part as a whole text, so a last statement may lack its `;`;
            // Strata's down marker would cut it short.
            if PartAnalysis.endsUnterminated(draft.up) { lines.append(.generated(";")) }
            lines.append(.generated("-- strata:down"))
            lines += down
        }
        return lines
    }

    /// Text for a header comment: no line breaks or other control characters.
    private func printable(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.map { $0.properties.generalCategory == .control ? "?" : $0 }))
    }

    // MARK: - The whole folder

    private func duplicateProblems(_ drafts: [MigrationDraft]) -> [AdoptionProblem] {
        var groups: [MigrationVersion: [MigrationDraft]] = [:]
        var order: [MigrationVersion] = []
        for draft in drafts {
            guard let version = MigrationVersion(draft.version) else { continue }
            if groups[version] == nil { order.append(version) }
            groups[version, default: []].append(draft)
        }
        return order.compactMap { version in
            guard let group = groups[version], group.count > 1 else { return nil }
            let files = group.map { $0.sources.first ?? $0.fileName }
            return AdoptionProblem(
                code: .duplicateVersion,
                message: "\(files.joined(separator: " and ")) would all be version \(version) (Strata compares versions as numbers)",
                hint: "give each of them a version of its own in the source folder, then adopt again",
                file: files.first, line: 1, column: 1
            )
        }
    }

    /// Drafts come in the tool's order; Strata orders by number, which must agree.
    private func orderProblems(_ drafts: [MigrationDraft]) -> [AdoptionProblem] {
        var problems: [AdoptionProblem] = []
        for (earlier, later) in zip(drafts, drafts.dropFirst()) {
            guard let first = MigrationVersion(earlier.version), let second = MigrationVersion(later.version), first > second else { continue }
            let earlierFile = earlier.sources.first ?? earlier.fileName
            let laterFile = later.sources.first ?? later.fileName
            problems.append(AdoptionProblem(
                code: .orderChanged,
                message: "\(format.displayName) applies \(earlierFile) before \(laterFile), but Strata, comparing versions as numbers, would apply it after",
                hint: "give the versions the same number of digits in the source folder (pad with zeros), then adopt again",
                file: earlierFile, line: 1, column: 1
            ))
        }
        return problems
    }
}
