/// sqlx: `<version>_<description>.sql` (up only) or `<version>_<description>.up.sql` and
/// `.down.sql`, the version a positive 64-bit integer; a file whose text starts with
/// `-- no-transaction` runs outside a transaction. sqlx reads only the folder itself,
/// orders by version and records `version` and `success` in `_sqlx_migrations`.
struct SqlxConverter: FormatConverter {
    private enum Kind { case simple, up, down }

    func drafts(from files: [SourceFile], report: inout ConversionReport) -> [MigrationDraft] {
        var ups: [String: (file: SourceFile, version: String, description: String, simple: Bool)] = [:]
        var downs: [String: SourceFile] = [:]
        for file in files {
            guard !file.isInSubfolder else {
                report.skip(file, "in a subfolder; sqlx reads only the folder itself")
                continue
            }
            guard file.name.hasSuffix(".sql"), let underscore = file.name.firstIndex(of: "_") else {
                report.skip(file, "not an sqlx migration (sqlx reads <version>_<description>.sql files)")
                continue
            }
            let digits = file.name[..<underscore]
            guard VersionText.isDigits(digits), VersionText.fitsInt64(digits) else {
                report.problem(
                    .invalidSource, "\(file.name) does not start with an integer version; sqlx refuses it",
                    hint: "rename it like 20240101000000_create_users.sql, or move it out of the folder", file: file.path, line: 1, column: 1
                )
                continue
            }
            var description = String(file.name[file.name.index(after: underscore)...].dropLast(4))
            var kind = Kind.simple
            if description.hasSuffix(".up") {
                kind = .up
                description.removeLast(3)
            } else if description.hasSuffix(".down") {
                kind = .down
                description.removeLast(5)
            }
            let key = VersionText.number(digits)
            let taken = kind == .down ? downs[key]?.name : ups[key]?.file.name
            if let taken {
                report.problem(
                    .duplicateVersion, "\(file.name) and \(taken) have the same version \(key); sqlx refuses them",
                    hint: "keep one of them, or give one a new version", file: file.path, line: 1, column: 1
                )
                continue
            }
            if report.reportUnreadable(file) { continue }
            if kind == .down {
                downs[key] = file
            } else {
                ups[key] = (file, String(digits), description, kind == .simple)
            }
        }
        for (key, down) in downs.sorted(by: { $0.key < $1.key }) {
            if ups[key] == nil {
                report.leaveUnconverted(down, "a down file without an up file of version \(key)")
            } else if ups[key]?.simple == true {
                report.problem(
                    .invalidSource, "\(down.name) is a down file for \(ups[key]?.file.name ?? ""), which is not named .up.sql; sqlx refuses the pair",
                    hint: "rename the up file to end in .up.sql", file: down.path, line: 1, column: 1
                )
            }
        }
        var drafts: [MigrationDraft] = []
        for (key, up) in ups {
            var draft = MigrationDraft(
                version: up.version, sourceVersion: up.version, historyKey: key, originalName: up.description, sources: [up.file.path]
            )
            let upOutside = Self.takeNoTransaction(ScriptLine.lines(of: up.file), into: &draft.up)
            var downOutside = false
            if !up.simple, let down = downs[key] {
                draft.sources.append(down.path)
                var lines: [ScriptLine] = []
                downOutside = Self.takeNoTransaction(ScriptLine.lines(of: down), into: &lines)
                draft.down = lines
            }
            if upOutside || downOutside {
                draft.isTransactional = false
                if upOutside != downOutside {
                    draft.notes.append("sqlx ran only the \(upOutside ? "up" : "down") file outside a transaction (-- no-transaction); Strata runs the whole file outside one.")
                }
            }
            drafts.append(draft)
        }
        return drafts.sorted { VersionOrder.numeric($0.version, $1.version) }
    }

    /// Copies `lines` into `part` without a first line starting with `-- no-transaction`
    /// (sqlx's marker, which must be the file's first bytes); true when it was there.
    private static func takeNoTransaction(_ lines: [ScriptLine], into part: inout [ScriptLine]) -> Bool {
        if let first = lines.first, first.text.hasPrefix("-- no-transaction") {
            part = Array(lines.dropFirst())
            return true
        }
        part = lines
        return false
    }
}
