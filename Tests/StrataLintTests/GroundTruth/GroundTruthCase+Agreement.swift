import StrataLint
import Testing

extension GroundTruthCase {
    /// Checks that the linter's verdict on `rule` is what the server showed, and that the case is
    /// the kind (positive or negative) it was written as.
    func expectAgreement(
        _ rule: LintRule, serverSays: Bool, expected: Bool, _ what: String, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let verdict = linterFlags(rule)
        #expect(
            verdict == serverSays,
            "\(name): the linter \(verdict ? "reports" : "does not report") \(rule.code) (\(lintCodes())), but on the server \(what) is \(serverSays)",
            sourceLocation: sourceLocation
        )
        #expect(serverSays == expected, "\(name): on the server \(what) is \(serverSays)", sourceLocation: sourceLocation)
    }

    /// lock-timeout-missing (with no lock_timeout configured) is reported exactly when the server
    /// shows ACCESS EXCLUSIVE held on a table that existed before the migration.
    func expectLockTimeoutAgreement(_ effect: ServerEffect, sourceLocation: SourceLocation = #_sourceLocation) {
        let verdict = lintCodes(lockTimeout: false).contains(LintRule.lockTimeoutMissing.code)
        #expect(
            verdict == effect.accessExclusiveOnExistingTable,
            "\(name): lock-timeout-missing is \(verdict ? "" : "not ")reported, but ACCESS EXCLUSIVE on an existing table is \(effect.accessExclusiveOnExistingTable) on the server",
            sourceLocation: sourceLocation
        )
    }
}
