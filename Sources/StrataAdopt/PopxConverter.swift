/// popx (Ory's migrator on gobuffalo/pop): `<version>_<name>[.<dialect>][.autocommit].<up|down>.sql`.
/// For each version and direction the file for PostgreSQL (`.postgres.`, also spelt
/// `postgresql` or `pg`) wins over the dialect-neutral one; other dialects are for other
/// databases. `.autocommit.` runs the file outside a transaction. popx reads the folder
/// and its subfolders, orders versions as text, skips files that hold only comments, and
/// records versions in `schema_migration`. `.fizz` files are written in the Fizz language
/// and cannot be converted.
struct PopxConverter: FormatConverter {
    /// A parsed file name.
    struct Name {
        var version: String
        var name: String
        /// `all`, `postgres`, or another dialect's canonical name.
        var dialect: String
        var isAutocommit: Bool
        var isUp: Bool
        var isFizz: Bool
    }

    private struct Chosen {
        var file: SourceFile
        var name: Name
    }

    func drafts(from files: [SourceFile], report: inout ConversionReport) -> [MigrationDraft] {
        var chosen: [String: (up: Chosen?, down: Chosen?)] = [:]
        for file in files {
            guard let name = Self.parseName(file.name) else {
                report.skip(file, "not a popx migration (popx reads <version>_<name>[.<dialect>][.autocommit].<up|down>.sql)")
                continue
            }
            if name.isFizz {
                report.leaveUnconverted(file, "written in Fizz, pop's migration language, which cannot be converted; write it as SQL")
                continue
            }
            guard name.dialect == "all" || name.dialect == "postgres" else {
                report.skip(file, "for \(name.dialect), not PostgreSQL")
                continue
            }
            var entry = chosen[name.version] ?? (nil, nil)
            let current = name.isUp ? entry.up : entry.down
            if let current {
                if current.name.dialect == name.dialect {
                    report.problem(
                        .duplicateVersion, "\(file.path) and \(current.file.path) are both the \(name.isUp ? "up" : "down") file of version \(name.version) for \(name.dialect == "all" ? "every database" : "PostgreSQL")",
                        hint: "keep one of them", file: file.path, line: 1, column: 1
                    )
                    continue
                }
                let (winner, loser) = name.dialect == "postgres" ? (Chosen(file: file, name: name), current) : (current, Chosen(file: file, name: name))
                report.skip(loser.file, "the PostgreSQL file \(winner.file.name) of the same version wins")
                if name.isUp { entry.up = winner } else { entry.down = winner }
            } else if name.isUp {
                entry.up = Chosen(file: file, name: name)
            } else {
                entry.down = Chosen(file: file, name: name)
            }
            chosen[name.version] = entry
        }
        var drafts: [MigrationDraft] = []
        for (version, entry) in chosen.sorted(by: { $0.key < $1.key }) {
            guard let up = entry.up else {
                if let down = entry.down { report.leaveUnconverted(down.file, "a down file without an up file of version \(version)") }
                continue
            }
            if report.reportUnreadable(up.file) { continue }
            var draft = MigrationDraft(version: version, sourceVersion: version, historyKey: version, originalName: up.name.name, sources: [up.file.path])
            draft.up = ScriptLine.lines(of: up.file)
            var outside = up.name.isAutocommit
            if let down = entry.down {
                if report.reportUnreadable(down.file) { continue }
                draft.sources.append(down.file.path)
                draft.down = ScriptLine.lines(of: down.file)
                if down.name.isAutocommit != up.name.isAutocommit {
                    draft.notes.append("popx ran only the \(up.name.isAutocommit ? "up" : "down") file outside a transaction (.autocommit.); Strata runs the whole file outside one.")
                }
                outside = outside || down.name.isAutocommit
            } else {
                draft.notes.append("popx has no down file of this version for PostgreSQL.")
            }
            draft.isTransactional = !outside
            if reportTemplates(in: draft, report: &report) { drafts.append(draft) }
        }
        return drafts
    }

    /// popx renders SQL files as Go templates; `{{` means one is used. True when none is.
    private func reportTemplates(in draft: MigrationDraft, report: inout ConversionReport) -> Bool {
        var clean = true
        for part in [draft.up, draft.down ?? []] {
            for place in PartAnalysis.occurrences(of: "{{", in: part) {
                report.problem(
                    .unsupportedFeature, "popx renders this file as a Go template ({{ … }}), which Strata does not do",
                    hint: "write the rendered SQL into the file, then adopt again", at: part[place.line], column: place.column,
                    file: draft.sources[0]
                )
                clean = false
            }
        }
        return clean
    }

    /// Parses a popx file name. Like popx, a `.autocommit` right after the name marks an
    /// autocommit file for every dialect.
    static func parseName(_ fileName: String) -> Name? {
        var parts = fileName.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard parts.count >= 3, let type = parts.popLast(), type == "sql" || type == "fizz",
              let direction = parts.popLast(), direction == "up" || direction == "down" else { return nil }
        var isAutocommit = false
        if parts.count > 1, parts.last == "autocommit" {
            isAutocommit = true
            parts.removeLast()
        }
        var dialect = "all"
        if parts.count == 2 {
            let written = parts.removeLast()
            guard !written.isEmpty, written.utf8.allSatisfy({ ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) }) else { return nil }
            dialect = canonicalDialect(written)
        }
        guard parts.count == 1, let underscore = parts[0].firstIndex(of: "_") else { return nil }
        let version = parts[0][..<underscore], name = parts[0][parts[0].index(after: underscore)...]
        guard VersionText.isDigits(version), !name.isEmpty else { return nil }
        if type == "fizz" && dialect != "all" { return nil }
        return Name(
            version: String(version), name: String(name), dialect: dialect, isAutocommit: isAutocommit,
            isUp: direction == "up", isFizz: type == "fizz"
        )
    }

    /// pop's dialect synonyms.
    static func canonicalDialect(_ name: String) -> String {
        switch name {
        case "postgresql", "pg", "pgx": "postgres"
        case "crdb", "cockroachdb": "cockroach"
        case "sqlite": "sqlite3"
        case "mariadb": "mysql"
        default: name
        }
    }
}
