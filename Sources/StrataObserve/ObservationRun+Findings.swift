import StrataLint
import StrataPostgres
import StrataSQL

/// The findings only observation proves, and the failures that stop it.
extension ObservationRun {
    mutating func reportRewrite(_ rewrite: RelationFiles.Rewrite, holdsAccessExclusive: Bool, statement: SQLStatement, _ context: FileContext) {
        let table = rewrite.table
        let indexes = rewrite.indexes.joined(separator: ", ")
        let lock = holdsAccessExclusive ? "ACCESS EXCLUSIVE" : "its lock"
        let message = rewrite.tableRewritten
            ? "observed: this statement rewrote \(table) into a new file\(indexes.isEmpty ? "" : " and rebuilt its indexes \(indexes)"), copying every row while holding \(lock) on it: on a table with rows, every query on \(table) waits until the copy is done"
            : "observed: this statement rebuilt the \(rewrite.indexes.count == 1 ? "index" : "indexes") \(indexes) of \(table) into new files while holding \(lock) on \(table)"
        report(
            .tableRewrite, context, statement: statement, message,
            hint: "find the safe alternative in the statement's static finding (column-type-rewrite, volatile-default, rewriting-column); changes that keep the files do not rewrite: varchar(n) to a larger n or to text, a constant or stable default"
        )
    }

    mutating func reportScan(of table: String, statement: SQLStatement, _ context: FileContext) {
        report(
            .accessExclusiveScan, context, statement: statement,
            "observed: this statement read all of \(table) (a sequential scan) while the migration held ACCESS EXCLUSIVE on it: on a table with rows, every query on \(table) waits until the scan ends",
            hint: "prove the fact first with a constraint added NOT VALID and validated in a later migration (VALIDATE CONSTRAINT takes only SHARE UPDATE EXCLUSIVE); before SET NOT NULL, a validated CHECK (col IS NOT NULL) lets PostgreSQL ≥ 12 skip the scan"
        )
    }

    /// A statement (or, with `statement` nil, the file's COMMIT) that failed on the scratch
    /// database; the run stops.
    mutating func reportFailure(_ error: ServerError, statement: SQLStatement?, _ context: FileContext) {
        failure = error
        let position = statement.map { statement in
            error.position.map { statement.sourcePosition(forCharacterPosition: $0) } ?? statement.span.start
        } ?? context.script.up.last?.span.start ?? .start
        let what = statement == nil ? "the COMMIT of this file" : "this statement"
        let server = "[\(error.sqlState)] \(error.message)" + (error.detail.map { " (\($0))" } ?? "")
        let message = context.file.isReported
            ? "\(what) failed on the scratch database: \(server); `strata up` would stop here too, so what follows was not observed"
            : "replaying \(context.file.name), which runs before the files observed, failed on the scratch database: \(server); what follows was not observed"
        report(
            .replayFailed, context, statement: statement, message,
            hint: error.hint ?? "fix the statement: it fails on a database built by the same migrations", at: position
        )
    }

    /// A file that cannot run (lexical errors, statements a migration may not contain); the run stops.
    mutating func reportInvalid(_ context: FileContext) {
        for diagnostic in context.script.diagnostics {
            report(
                .invalidFile, context, statement: nil,
                "\(diagnostic.message) (\(diagnostic.code)); the file cannot run, so it and the files after it were not observed",
                hint: diagnostic.hint ?? "fix the file; `strata validate` reports the same problem", at: diagnostic.position
            )
        }
    }

    /// Adds a finding unless its rule is off or a lint-ignore comment names it (an invalid file
    /// cannot be ignored, as in the linter).
    private mutating func report(
        _ rule: LintRule, _ context: FileContext, statement: SQLStatement?, _ message: String, hint: String, at position: SourcePosition? = nil
    ) {
        let severity = configuration.severity(of: rule)
        guard severity != .off else { return }
        let ignores = rule == .invalidFile ? [] : statement.map { context.script.lintIgnoredCodes(for: $0) }
            ?? Set(context.script.lintIgnores.filter { $0.scope == .file }.flatMap(\.codes))
        if ignores.contains(rule.code) {
            ignored += 1
            return
        }
        findings.append(LintFinding(
            rule: rule, severity: severity, file: context.file.name, position: position ?? statement?.span.start ?? .start,
            message: message, hint: hint, statement: statement.map { LintFinding.excerpt(of: $0.text) } ?? ""
        ))
    }
}
