/// The counts of a fleet run: targets per outcome, and the migrations run.
public struct FleetSummary: Sendable, Hashable, Codable {
    /// Every target, including listing failures and skipped ones.
    public var targets: Int
    /// Targets per outcome; every outcome is present (0 when none).
    public var outcomes: [FleetOutcome: Int]
    /// Failed targets whose server could not be reached.
    public var unreachable: Int
    /// Migrations this run applied over all targets (also those a failed `each`-mode
    /// run committed before its failure); 0 for `status` and `validate`.
    public var migrationsApplied: Int
    /// Migrations this run rolled back over all targets.
    public var migrationsReverted: Int
    /// Wall time of the run.
    public var durationMs: Int

    public init(_ results: [FleetTargetResult], action: FleetAction, durationMs: Int) {
        let countsRuns = action.changesTargets
        var outcomes = Dictionary(uniqueKeysWithValues: FleetOutcome.allCases.map { ($0, 0) })
        var unreachable = 0, applied = 0, reverted = 0
        for result in results {
            outcomes[result.outcome, default: 0] += 1
            if result.isUnreachable { unreachable += 1 }
            if countsRuns {
                applied += result.applied
                reverted += result.reverted
            }
        }
        self.targets = results.count
        self.outcomes = outcomes
        self.unreachable = unreachable
        self.migrationsApplied = applied
        self.migrationsReverted = reverted
        self.durationMs = durationMs
    }

    /// Targets with this outcome.
    public subscript(outcome: FleetOutcome) -> Int { outcomes[outcome] ?? 0 }

    /// Targets that failed (including listing failures and unreachable ones).
    public var failed: Int { self[.failed] }
    /// Targets that never started.
    public var skipped: Int { self[.skipped] }
    /// Targets that ran and succeeded.
    public var succeeded: Int { targets - failed - skipped }

    /// True when every target succeeded.
    public var isSuccess: Bool { failed == 0 && skipped == 0 }

    /// True when targets failed and every one that was tried failed as unreachable: no
    /// server of the fleet could be reached.
    public var noneReached: Bool { failed > 0 && unreachable == failed && succeeded == 0 }
}
