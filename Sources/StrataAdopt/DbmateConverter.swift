/// dbmate: files whose names start with digits and end in `.sql` (the digits are the
/// version), with `-- migrate:up` and `-- migrate:down` lines; options follow on the same
/// line (`transaction:false`). Newer dbmate allows several up/down pairs in one file; they
/// are joined into one up and one down part. dbmate reads only the folder itself, orders
/// by file name and records the version digits in `schema_migrations`.
struct DbmateConverter: FormatConverter {
    private enum Section { case header, up, down }

    /// A `-- migrate:up` or `-- migrate:down` line.
    struct Directive {
        var isUp: Bool
        var options: [(key: String, value: String)]
    }

    func drafts(from files: [SourceFile], report: inout ConversionReport) -> [MigrationDraft] {
        var drafts: [(fileName: String, draft: MigrationDraft)] = []
        for file in files {
            guard !file.isInSubfolder else {
                report.skip(file, "in a subfolder; dbmate reads only the folder itself")
                continue
            }
            let digits = VersionText.leadingDigits(file.name)
            guard !digits.isEmpty, file.name.hasSuffix(".sql"), file.name.count > digits.count + 3 else {
                report.skip(file, "not a dbmate migration (dbmate reads files whose names start with digits and end in .sql)")
                continue
            }
            if report.reportUnreadable(file) { continue }
            let name = String(file.name.dropFirst(digits.count).dropLast(4))
            if let draft = convert(file, version: String(digits), name: name, report: &report) {
                drafts.append((file.name, draft))
            }
        }
        return drafts.sorted { $0.fileName < $1.fileName }.map(\.draft)
    }

    private func convert(_ file: SourceFile, version: String, name: String, report: inout ConversionReport) -> MigrationDraft? {
        var draft = MigrationDraft(version: version, sourceVersion: version, historyKey: version, originalName: name, sources: [file.path])
        var section = Section.header
        var sections = 0
        var valid = true
        var upOutside = false, downOutside = false
        var otherOptions: [String] = []
        var down: [ScriptLine] = []
        for line in ScriptLine.lines(of: file) {
            guard let directive = Self.directive(line.text) else {
                switch section {
                case .header: draft.leadingLines.append(line)
                case .up: draft.up.append(line)
                case .down: down.append(line)
                }
                continue
            }
            for option in directive.options {
                if option.key == "transaction" {
                    if option.value == "false" { if directive.isUp { upOutside = true } else { downOutside = true } }
                } else {
                    otherOptions.append("\(option.key):\(option.value)")
                }
            }
            if directive.isUp {
                if section == .up {
                    report.problem(.invalidSource, "-- migrate:up follows another -- migrate:up without -- migrate:down between them", hint: "end each up part with -- migrate:down", at: line, file: file.path)
                    valid = false
                }
                section = .up
                sections += 1
            } else {
                if section != .up {
                    report.problem(.invalidSource, "-- migrate:down without a -- migrate:up before it; dbmate refuses this file", hint: "put -- migrate:up first", at: line, file: file.path)
                    valid = false
                }
                section = .down
            }
        }
        if sections == 0 {
            report.problem(.invalidSource, "\(file.name) has no -- migrate:up line; dbmate refuses it", hint: "add -- migrate:up above the statements that apply the migration", file: file.path, line: 1, column: 1)
            return nil
        }
        if section != .down {
            report.problem(
                .invalidSource, "\(file.name) has no -- migrate:down after its last -- migrate:up; dbmate refuses it",
                hint: "add -- migrate:down (its part may be empty), then adopt again", file: file.path, line: 1, column: 1
            )
            return nil
        }
        draft.down = down
        if sections > 1 { draft.notes.append("dbmate's \(sections) up/down sections are joined into one up part and one down part.") }
        if upOutside || downOutside {
            draft.isTransactional = false
            if upOutside != downOutside {
                draft.notes.append("dbmate ran only the \(upOutside ? "up" : "down") part outside a transaction (transaction:false); Strata runs the whole file outside one.")
            }
        }
        if !otherOptions.isEmpty {
            draft.notes.append("dbmate options with no meaning in Strata: \(otherOptions.joined(separator: " ")).")
        }
        return valid ? draft : nil
    }

    /// `--` then blanks, `migrate:up` or `migrate:down`, then the end of the line or
    /// blanks and `key:value` options.
    static func directive(_ line: String) -> Directive? {
        guard line.hasPrefix("--") else { return nil }
        let rest = line.dropFirst(2).drop { $0 == " " || $0 == "\t" }
        let isUp: Bool
        let after: Substring
        if rest.hasPrefix("migrate:up") {
            isUp = true
            after = rest.dropFirst("migrate:up".count)
        } else if rest.hasPrefix("migrate:down") {
            isUp = false
            after = rest.dropFirst("migrate:down".count)
        } else {
            return nil
        }
        guard after.isEmpty || after.first == " " || after.first == "\t" else { return nil }
        let options = after.split(whereSeparator: { $0 == " " || $0 == "\t" }).compactMap { pair -> (key: String, value: String)? in
            let parts = pair.split(separator: ":", omittingEmptySubsequences: false)
            return parts.count == 2 ? (String(parts[0]), String(parts[1])) : nil
        }
        return Directive(isUp: isUp, options: options)
    }
}
