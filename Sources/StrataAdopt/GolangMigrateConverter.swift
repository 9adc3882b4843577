import Foundation

/// golang-migrate: `<version>_<title>.up.<ext>` and `<version>_<title>.down.<ext>`, the
/// version an unsigned integer. golang-migrate wraps nothing in a transaction: the
/// PostgreSQL driver sends each file as one text, which the server runs as one implicit
/// transaction unless the file controls transactions itself. So a file is transactional
/// here; a `BEGIN` … `COMMIT` around the whole file is commented out (Strata opens the
/// transaction), and a file with other transaction control or with statements that cannot
/// run in a transaction runs outside one, as it did. golang-migrate records the one
/// current version (and a dirty flag) in `schema_migrations`.
struct GolangMigrateConverter: FormatConverter {
    /// One parsed file name.
    struct Name {
        var version: String
        var title: String
        var isUp: Bool
        var fileExtension: String
    }

    func drafts(from files: [SourceFile], report: inout ConversionReport) -> [MigrationDraft] {
        var ups: [String: (SourceFile, Name)] = [:]
        var downs: [String: (SourceFile, Name)] = [:]
        for file in files {
            guard !file.isInSubfolder else {
                report.skip(file, "in a subfolder; golang-migrate reads only the folder itself")
                continue
            }
            guard let name = Self.parseName(file.name) else {
                report.skip(file, "not a golang-migrate migration (golang-migrate reads <version>_<title>.up.sql and .down.sql)")
                continue
            }
            guard name.fileExtension == "sql" else {
                report.leaveUnconverted(file, "a golang-migrate migration in .\(name.fileExtension), not SQL")
                continue
            }
            let key = VersionText.number(name.version)
            if let earlier = (name.isUp ? ups : downs)[key] {
                report.problem(
                    .duplicateVersion, "\(file.name) and \(earlier.0.name) are both the \(name.isUp ? "up" : "down") file of version \(key); golang-migrate refuses them",
                    hint: "keep one of them", file: file.path, line: 1, column: 1
                )
                continue
            }
            if report.reportUnreadable(file) { continue }
            if name.isUp { ups[key] = (file, name) } else { downs[key] = (file, name) }
        }
        var drafts: [MigrationDraft] = []
        for (key, down) in downs.sorted(by: { $0.key < $1.key }) where ups[key] == nil {
            report.leaveUnconverted(down.0, "a down file without an up file of version \(down.1.version)")
        }
        for (key, up) in ups {
            var draft = MigrationDraft(
                version: up.1.version, sourceVersion: up.1.version, historyKey: key, originalName: up.1.title, sources: [up.0.path]
            )
            draft.up = ScriptLine.lines(of: up.0)
            if let down = downs[key] {
                draft.sources.append(down.0.path)
                draft.down = ScriptLine.lines(of: down.0)
            }
            decideTransaction(&draft)
            drafts.append(draft)
        }
        return drafts.sorted { VersionOrder.numeric($0.version, $1.version) }
    }

    private func decideTransaction(_ draft: inout MigrationDraft) {
        var unwrapped = PartAnalysis.commentOutTransactionWrapper(&draft.up)
        if var down = draft.down {
            unwrapped = PartAnalysis.commentOutTransactionWrapper(&down) || unwrapped
            draft.down = down
        }
        if unwrapped {
            draft.notes.append("The file's own BEGIN and COMMIT are commented out: Strata runs it in a transaction.")
        }
        let statement = PartAnalysis.firstStatementNeedingNoTransaction(draft.up)
            ?? draft.down.flatMap(PartAnalysis.firstStatementNeedingNoTransaction)
        if let statement {
            draft.isTransactional = false
            draft.notes.append("golang-migrate ran this file as written, and its \(PartAnalysis.command(statement)) cannot run inside Strata's transaction, so it runs outside one.")
        }
    }

    /// `^([0-9]+)_(.*)\.(down|up)\.(.*)$`: the last `.up.` or `.down.` separates the title
    /// from the extension.
    static func parseName(_ fileName: String) -> Name? {
        guard let underscore = fileName.firstIndex(of: "_") else { return nil }
        let version = fileName[..<underscore]
        guard VersionText.isDigits(version) else { return nil }
        let rest = fileName[fileName.index(after: underscore)...]
        let up = rest.range(of: ".up.", options: .backwards)
        let down = rest.range(of: ".down.", options: .backwards)
        let chosen: (Range<Substring.Index>, Bool)
        switch (up, down) {
        case (nil, nil): return nil
        case (let up?, nil): chosen = (up, true)
        case (nil, let down?): chosen = (down, false)
        case (let up?, let down?): chosen = up.lowerBound > down.lowerBound ? (up, true) : (down, false)
        }
        return Name(
            version: String(version), title: String(rest[..<chosen.0.lowerBound]), isUp: chosen.1,
            fileExtension: String(rest[chosen.0.upperBound...])
        )
    }
}
