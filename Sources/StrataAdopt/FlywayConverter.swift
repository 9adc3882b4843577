/// Flyway: versioned migrations `V<version>__<description>.sql`, undo migrations
/// `U<version>__<description>.sql` (the down part of the same version), repeatable
/// migrations `R__<description>.sql` (Strata has none yet), and a script configuration
/// `<script>.sql.conf` beside a script (`executeInTransaction=false`). Flyway reads the
/// folder and its subfolders, runs a migration in a transaction unless the script
/// configuration says otherwise or it holds statements that PostgreSQL refuses in one,
/// replaces `${…}` placeholders, and records versions in `flyway_schema_history`.
struct FlywayConverter: FormatConverter {
    /// A parsed versioned or undo script name.
    struct ScriptName {
        var prefix: Character
        var version: FlywayVersion
        var description: String
    }

    private struct Script {
        var file: SourceFile
        var name: ScriptName
    }

    func drafts(from files: [SourceFile], report: inout ConversionReport) -> [MigrationDraft] {
        var versioned: [FlywayVersion: Script] = [:]
        var undo: [FlywayVersion: Script] = [:]
        var configurations: [String: SourceFile] = [:]
        for file in files {
            if file.name.hasSuffix(".sql.conf") {
                configurations[String(file.path.dropLast(5))] = file
                continue
            }
            guard file.name.hasSuffix(".sql") else {
                if let name = Self.parseName(file.name, suffix: nil), name.prefix == "V" || name.prefix == "U" {
                    report.leaveUnconverted(file, "a Flyway migration written as code (\(file.name.split(separator: ".").last ?? "")), which cannot be converted; write it as SQL")
                } else {
                    report.skip(file, "not a Flyway SQL migration")
                }
                continue
            }
            if file.name.hasPrefix("R__") {
                report.leaveUnconverted(file, "a Flyway repeatable migration; Strata has no repeatable scripts yet, so apply it by hand or keep it outside the migrations")
                continue
            }
            if Self.isCallback(file.name) {
                report.leaveUnconverted(file, "a Flyway callback script; Strata runs no scripts around migrations yet")
                continue
            }
            guard let name = Self.parseName(file.name, suffix: ".sql") else {
                report.skip(file, "not a Flyway migration name (V<version>__<description>.sql, U…, R__…)")
                continue
            }
            if name.prefix == "B" {
                report.leaveUnconverted(file, "a Flyway baseline migration, which stands in for the versioned migrations up to \(name.version) on new databases; Strata replays those instead")
                continue
            }
            if report.reportUnreadable(file) { continue }
            let isUndo = name.prefix == "U"
            if let earlier = (isUndo ? undo : versioned)[name.version] {
                report.problem(
                    .duplicateVersion, "\(file.path) and \(earlier.file.path) are both \(isUndo ? "undo" : "versioned") migrations of version \(name.version); Flyway refuses them",
                    hint: "keep one of them", file: file.path, line: 1, column: 1
                )
                continue
            }
            if isUndo { undo[name.version] = Script(file: file, name: name) } else { versioned[name.version] = Script(file: file, name: name) }
        }
        for (version, script) in undo.sorted(by: { $0.key < $1.key }) where versioned[version] == nil {
            report.leaveUnconverted(script.file, "an undo migration without a versioned migration of version \(version)")
        }
        for (path, file) in configurations.sorted(by: { $0.key < $1.key }) {
            let used = versioned.values.contains { $0.file.path == path } || undo.values.contains { $0.file.path == path && versioned[$0.name.version] != nil }
            if !used { report.skip(file, "a script configuration for \(path), which is not a converted migration") }
        }
        let digits = FlywayVersion.digits(for: Array(versioned.keys))
        var drafts: [MigrationDraft] = []
        for (version, script) in versioned.sorted(by: { $0.key < $1.key }) {
            var draft = MigrationDraft(
                version: digits[version] ?? version.text, sourceVersion: version.text, historyKey: version.canonical,
                originalName: script.name.description, sources: [script.file.path]
            )
            draft.up = ScriptLine.lines(of: script.file)
            var outside = Self.runsOutside(configurations[script.file.path], draft: &draft, report: &report)
            if let down = undo[version] {
                draft.sources.append(down.file.path)
                draft.down = ScriptLine.lines(of: down.file)
                outside = Self.runsOutside(configurations[down.file.path], draft: &draft, report: &report) || outside
            }
            if outside {
                draft.isTransactional = false
            } else if let statement = PartAnalysis.firstStatementNeedingNoTransaction(draft.up)
                ?? draft.down.flatMap(PartAnalysis.firstStatementNeedingNoTransaction), statement.kind == .nonTransactional {
                draft.isTransactional = false
                draft.notes.append("Flyway runs a script with \(PartAnalysis.command(statement)) outside a transaction, and so does Strata.")
            }
            if Self.reportPlaceholders(in: draft, report: &report) { drafts.append(draft) }
        }
        return drafts
    }

    /// Reads `executeInTransaction` from a script configuration; other keys become notes.
    private static func runsOutside(_ configuration: SourceFile?, draft: inout MigrationDraft, report: inout ConversionReport) -> Bool {
        guard let configuration, !report.reportUnreadable(configuration) else { return false }
        draft.sources.append(configuration.path)
        var outside = false
        for line in ScriptLine.lines(of: configuration) {
            let text = Substring(line.text).trimmingBlanks
            guard !text.isEmpty, !text.hasPrefix("#"), let equals = text.firstIndex(of: "=") else { continue }
            let key = text[..<equals].trimmingBlanks, value = text[text.index(after: equals)...].trimmingBlanks
            if key == "executeInTransaction" {
                outside = outside || value.lowercased() == "false"
            } else {
                draft.notes.append("The script configuration's \(key)=\(value) has no meaning in Strata.")
            }
        }
        return outside
    }

    /// Reports `${…}` placeholders; true when there are none.
    private static func reportPlaceholders(in draft: MigrationDraft, report: inout ConversionReport) -> Bool {
        var clean = true
        for part in [draft.up, draft.down ?? []] {
            for place in PartAnalysis.occurrences(of: "${", in: part) {
                report.problem(
                    .unsupportedFeature, "Flyway replaces ${…} placeholders here, which Strata does not do",
                    hint: "write the value into the SQL, then adopt again; if placeholder replacement was off in Flyway, the text is literal: keep $ and { apart, e.g. '$' || '{'",
                    at: part[place.line], column: place.column, file: draft.sources[0]
                )
                clean = false
            }
        }
        return clean
    }

    /// `V|U|B<version>__<description><suffix>`; with a nil suffix, any extension.
    static func parseName(_ fileName: String, suffix: String?) -> ScriptName? {
        guard let prefix = fileName.first, "VUB".contains(prefix) else { return nil }
        var stem = Substring(fileName.dropFirst())
        if let suffix {
            guard stem.hasSuffix(suffix) else { return nil }
            stem = stem.dropLast(suffix.count)
        } else {
            guard let dot = stem.lastIndex(of: ".") else { return nil }
            stem = stem[..<dot]
        }
        guard let separator = stem.firstRange(of: "__") else { return nil }
        guard let version = FlywayVersion(String(stem[..<separator.lowerBound])) else { return nil }
        return ScriptName(prefix: prefix, version: version, description: String(stem[separator.upperBound...]))
    }

    /// Flyway's callbacks: `beforeMigrate.sql`, `afterEachMigrate__note.sql`, `createSchema.sql`, ….
    static func isCallback(_ fileName: String) -> Bool {
        let event = fileName.dropLast(4).prefix { $0 != "_" && $0 != "." }
        if event == "createSchema" { return true }
        for prefix in ["before", "after"] where event.hasPrefix(prefix) {
            if let next = event.dropFirst(prefix.count).first, next.isUppercase { return true }
        }
        return false
    }
}
