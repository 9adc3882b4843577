/// goose: `<version>_<name>.sql` with `-- +goose Up` / `-- +goose Down` annotations,
/// `-- +goose StatementBegin` / `StatementEnd` around statements with semicolons inside
/// (Strata's lexer needs neither), `-- +goose NO TRANSACTION`, and `.go` migrations, which
/// are Go code and cannot be converted. Annotations are case-insensitive and start at the
/// beginning of a line. goose reads only the folder itself, orders by the version as an
/// integer and records `version_id` in `goose_db_version`.
struct GooseConverter: FormatConverter {
    private enum Section { case header, up, down }

    func drafts(from files: [SourceFile], report: inout ConversionReport) -> [MigrationDraft] {
        var drafts: [MigrationDraft] = []
        for file in files {
            guard !file.isInSubfolder else {
                report.skip(file, "in a subfolder; goose reads only the folder itself")
                continue
            }
            let isSQL = file.name.hasSuffix(".sql")
            let isGo = file.name.hasSuffix(".go") && !file.name.hasSuffix("_test.go")
            guard isSQL || isGo, let (version, name) = Self.parseName(file.name) else {
                if isSQL {
                    report.problem(
                        .invalidSource, "\(file.name) is not named <version>_<name>.sql with a positive integer version; goose refuses it",
                        hint: "rename it like 00001_create_users.sql, or move it out of the folder", file: file.path, line: 1, column: 1
                    )
                } else {
                    report.skip(file, "not a goose migration (goose reads <version>_<name>.sql and .go files)")
                }
                continue
            }
            if isGo {
                report.leaveUnconverted(file, "a goose Go migration is Go code, which cannot be converted; write it as SQL or as a Swift migration (Migration(version:name:up:down:)) with version \(version)")
                continue
            }
            if report.reportUnreadable(file) { continue }
            if let draft = convert(file, version: version, name: name, report: &report) { drafts.append(draft) }
        }
        return drafts.sorted { VersionOrder.numeric($0.version, $1.version) }
    }

    /// `<digits>_<name>.sql|.go` with a version from 1 to Int64.max.
    static func parseName(_ fileName: String) -> (String, String)? {
        let stem = fileName.hasSuffix(".sql") ? fileName.dropLast(4) : fileName.dropLast(3)
        guard let underscore = stem.firstIndex(of: "_") else { return nil }
        let digits = stem[..<underscore]
        guard VersionText.isDigits(digits), VersionText.fitsInt64(digits), VersionText.number(digits) != "0" else { return nil }
        return (String(digits), String(stem[stem.index(after: underscore)...]))
    }

    private func convert(_ file: SourceFile, version: String, name: String, report: inout ConversionReport) -> MigrationDraft? {
        var draft = MigrationDraft(
            version: version, sourceVersion: version, historyKey: VersionText.number(version), originalName: name, sources: [file.path]
        )
        var section = Section.header
        var valid = true
        for line in ScriptLine.lines(of: file) {
            if let annotation = Self.annotation(line.text) {
                switch annotation {
                case "up":
                    guard section == .header else {
                        report.problem(.invalidSource, "a second -- +goose Up annotation; goose refuses this file", hint: "keep one -- +goose Up", at: line, file: file.path)
                        valid = false
                        continue
                    }
                    section = .up
                    continue
                case "down":
                    guard section == .up else {
                        report.problem(
                            .invalidSource, section == .header ? "-- +goose Down before -- +goose Up; goose refuses this file" : "a second -- +goose Down annotation; goose refuses this file",
                            hint: "put -- +goose Up first and keep one -- +goose Down", at: line, file: file.path
                        )
                        valid = false
                        continue
                    }
                    section = .down
                    draft.down = []
                    continue
                case "statementbegin", "statementend", "envsub off", "envsubst off":
                    continue
                case "no transaction":
                    draft.isTransactional = false
                    continue
                case "envsub on", "envsubst on":
                    report.problem(
                        .unsupportedFeature, "-- +goose ENVSUB ON substitutes environment variables, which Strata does not do",
                        hint: "write the values into the SQL (or remove the annotation if nothing is substituted), then adopt again",
                        at: line, file: file.path
                    )
                    valid = false
                    continue
                default:
                    break
                }
            }
            switch section {
            case .header: draft.leadingLines.append(line)
            case .up: draft.up.append(line)
            case .down: draft.down?.append(line)
            }
        }
        if section == .header {
            report.problem(
                .invalidSource, "\(file.name) has no -- +goose Up annotation; goose refuses it",
                hint: "add -- +goose Up above the statements that apply the migration", file: file.path, line: 1, column: 1
            )
            return nil
        }
        return valid ? draft : nil
    }

    /// The annotation of a `-- +goose …` line, lower-cased with single spaces, or nil.
    static func annotation(_ line: String) -> String? {
        guard line.hasPrefix("--") else { return nil }
        let words = line.dropFirst(2).split(whereSeparator: { $0 == " " || $0 == "\t" })
        guard let first = words.first, first.lowercased() == "+goose" else { return nil }
        return words.dropFirst().map { $0.lowercased() }.joined(separator: " ")
    }
}
