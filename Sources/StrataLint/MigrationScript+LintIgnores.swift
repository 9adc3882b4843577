import StrataSQL

extension MigrationScript {
    /// The rule codes that `-- strata:lint-ignore` comments keep out of the report for one
    /// statement of the up part, by the rule the linter uses: every
    /// `-- strata:lint-ignore-file` code, and the codes of the `-- strata:lint-ignore`
    /// comments that start at or after the previous statement's start and before this
    /// statement's start (for the first statement, every such comment before it).
    ///
    /// The linter and observed mode both use it; the codes are lower-cased as written,
    /// unknown codes included.
    public func lintIgnoredCodes(for statement: SQLStatement) -> Set<String> {
        let start = statement.span.start
        // The up part is in file order: the previous statement is found by bisection.
        var low = 0
        var high = up.count
        while low < high {
            let middle = (low + high) / 2
            if up[middle].span.start < start { low = middle + 1 } else { high = middle }
        }
        let previousStart = low > 0 ? up[low - 1].span.start : nil
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
