/// Diesel: one folder per migration, `<version>_<name>/` with `up.sql`, an optional
/// `down.sql` and an optional `metadata.toml` (`run_in_transaction = false`). The version
/// is the folder name up to the first `_` without its dashes (`2024-01-15-093000_x` is
/// version `20240115093000`); Diesel ignores folders starting with `.`, orders versions as
/// text and records them in `__diesel_schema_migrations`.
struct DieselConverter: FormatConverter {
    func drafts(from files: [SourceFile], report: inout ConversionReport) -> [MigrationDraft] {
        var folders: [String: [SourceFile]] = [:]
        for file in files {
            let parents = file.folders
            guard parents.count == 1 else {
                report.skip(file, parents.isEmpty
                    ? "not in a migration folder; Diesel reads <version>_<name>/up.sql and down.sql"
                    : "nested too deep; Diesel reads <version>_<name>/up.sql and down.sql")
                continue
            }
            folders[parents[0], default: []].append(file)
        }
        var drafts: [MigrationDraft] = []
        for (folder, contents) in folders.sorted(by: { $0.key < $1.key }) {
            if folder.hasPrefix(".") {
                for file in contents { report.skip(file, "in a hidden folder, which Diesel ignores") }
                continue
            }
            if let draft = convert(folder: folder, contents: contents, report: &report) { drafts.append(draft) }
        }
        return drafts.sorted { $0.sourceVersionKey < $1.sourceVersionKey }
    }

    private func convert(folder: String, contents: [SourceFile], report: inout ConversionReport) -> MigrationDraft? {
        let byName = Dictionary(contents.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        for file in contents where !["up.sql", "down.sql", "metadata.toml"].contains(file.name) {
            report.skip(file, "not a Diesel migration file (up.sql, down.sql, metadata.toml)")
        }
        guard let upFile = byName["up.sql"] else {
            report.problem(
                .invalidSource, "the migration folder \(folder) has no up.sql; Diesel refuses it",
                hint: "add up.sql, or move the folder out of the migrations folder", file: folder, line: nil, column: nil
            )
            return nil
        }
        let underscore = folder.firstIndex(of: "_") ?? folder.endIndex
        let sourceVersion = String(folder[..<underscore])
        let version = sourceVersion.filter { $0 != "-" }
        let name = underscore < folder.endIndex ? String(folder[folder.index(after: underscore)...]) : ""
        var draft = MigrationDraft(version: version, sourceVersion: sourceVersion, historyKey: version, originalName: name, sources: [upFile.path])
        guard !report.reportUnreadable(upFile) else { return nil }
        draft.up = ScriptLine.lines(of: upFile)
        if draft.up.isEmpty {
            draft.notes.append("Diesel refuses to run an empty up.sql; here it does nothing.")
        }
        if let downFile = byName["down.sql"] {
            guard !report.reportUnreadable(downFile) else { return nil }
            draft.sources.append(downFile.path)
            draft.down = ScriptLine.lines(of: downFile)
        }
        if let metadata = byName["metadata.toml"] {
            guard !report.reportUnreadable(metadata) else { return nil }
            draft.sources.append(metadata.path)
            for line in ScriptLine.lines(of: metadata) {
                let text = Substring(line.text).trimmingBlanks
                guard !text.isEmpty, !text.hasPrefix("#"), let equals = text.firstIndex(of: "=") else { continue }
                let key = text[..<equals].trimmingBlanks
                let value = text[text.index(after: equals)...].prefix { $0 != "#" }.trimmingBlanks
                if key == "run_in_transaction" {
                    if value == "false" { draft.isTransactional = false }
                } else {
                    draft.notes.append("metadata.toml's \(key) = \(value) has no meaning in Strata.")
                }
            }
        }
        return draft
    }
}

private extension MigrationDraft {
    /// Diesel orders migrations by their version as text.
    var sourceVersionKey: String { historyKey }
}
