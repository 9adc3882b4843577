import StrataSQL

extension MigrationScript {
    /// The rule codes that `-- strata:lint-ignore` comments keep out of the report for one
    /// statement of the up part, by the rule the linter uses: every
    /// `-- strata:lint-ignore-file` code, and the codes of the `-- strata:lint-ignore`
    /// comments that start at or after the previous statement's start and before this
    /// statement's start (for the first statement, every such comment before it).
    ///
    /// For analyses outside the linter (observed mode) that report findings on statements;
    /// the codes are lower-cased as written, unknown codes included.
    public func lintIgnoredCodes(for statement: SQLStatement) -> Set<String> {
        let start = statement.span.start
        let previousStart = up.lazy.map(\.span.start).filter { $0 < start }.max()
        var codes: Set<String> = []
        for ignore in lintIgnores {
            switch ignore.scope {
            case .file:
                codes.formUnion(ignore.codes)
            case .nextStatement:
                guard ignore.position < start else { continue }
                if let previousStart, ignore.position < previousStart { continue }
                codes.formUnion(ignore.codes)
            }
        }
        return codes
    }
}
