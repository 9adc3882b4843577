import StrataMigrate

/// Runs one set of migrations over many databases, servers and tenant schemas in
/// parallel, with the guarantees of a single-target run on every target.
///
/// Each target's run is exactly the single-target command (``Migrator/up(on:options:events:interruption:)``
/// and friends): validation first, its own migration lock, its history, batch or each
/// mode; a failure rolls back that target only. Targets already up to date have nothing
/// to do, so running a fleet again after a fix resumes it.
///
/// ```swift
/// let fleet = Fleet(
///     targets: [
///         FleetTargetSpec(settings: try ConnectionSettings(url: tenantsURL),
///                         selection: .schemas(query: "SELECT nspname FROM pg_namespace WHERE nspname LIKE 'tenant\\_%'"),
///                         origin: "tenants"),
///     ],
///     options: FleetOptions(parallel: 8, perServer: 4, maxFailures: nil)
/// )
/// let report = try await fleet.run(.up(UpOptions()), migrator: migrator) { event in
///     if case .targetFinished(let result) = event { logger.info("\(result.target.path): \(result.outcome)") }
/// }
/// ```
public struct Fleet: Sendable {
    /// The configured entries, listed by ``plan(only:)``.
    public var targets: [FleetTargetSpec]
    /// Limits, waves and the failure policy.
    public var options: FleetOptions

    public init(targets: [FleetTargetSpec], options: FleetOptions = .init()) {
        self.targets = targets
        self.options = options
    }

    /// Lists the targets (running schemas queries), keeps those `only` matches, and puts
    /// them into waves.
    ///
    /// - Throws: ``FleetError`` for bad options, no targets, duplicates, an `only` that
    ///   matches nothing, or targets no wave takes. A schemas query that fails is not
    ///   thrown: the plan carries it as a failed target.
    public func plan(only: [FleetPattern] = []) async throws -> FleetPlan {
        try options.validate()
        guard !targets.isEmpty else {
            throw FleetError(.noTargets, "the fleet has no targets", hint: "list them under fleet.targets in strata.yaml, or pass --targets FILE")
        }
        let listings = await FleetLister.list(targets, parallel: options.parallel)
        return try FleetPlan(listings: listings, only: only, waves: options.waves)
    }

    /// Lists the targets and runs `action` on them (``plan(only:)`` then
    /// ``run(_:migrator:plan:events:interruption:waitsForClose:)``).
    public func run(
        _ action: FleetAction, migrator: Migrator, only: [FleetPattern] = [], events: FleetEventHandler? = nil,
        interruption: FleetInterruption = FleetInterruption()
    ) async throws -> FleetReport {
        let plan = try await plan(only: only)
        return await run(action, migrator: migrator, plan: plan, events: events, interruption: interruption)
    }

    /// Runs `action` on the plan's targets, at most ``FleetOptions/parallel`` at once
    /// (one session each) and ``FleetOptions/perServer`` per server, wave by wave, until
    /// done or stopped by the failure limit, a failed wave or `interruption`.
    ///
    /// Never throws: every target's error is in its result. Results are in plan order,
    /// after the targets whose schemas could not be listed.
    ///
    /// - Parameter waitsForClose: whether closing each session waits for the server to
    ///   end it (a process about to exit need not).
    public func run(
        _ action: FleetAction, migrator: Migrator, plan: FleetPlan, events: FleetEventHandler? = nil,
        interruption: FleetInterruption = FleetInterruption(), waitsForClose: Bool = true
    ) async -> FleetReport {
        let events = events ?? { _ in }
        let clock = ContinuousClock()
        let started = clock.now
        let offset = plan.listingFailures.count
        var results: [FleetTargetResult?] = plan.listingFailures.enumerated().map { index, failure in
            FleetTargetResult(target: failure.target, index: index, wave: 0, outcome: .failed, error: failure.error)
        }
        results += Array(repeating: nil, count: plan.targets.count)
        var schedule = FleetSchedule(
            servers: plan.targets.map(\.server), waves: plan.waves, waveLimits: plan.waveDefinitions.map(\.parallel),
            parallel: options.parallel, perServer: options.perServer, maxFailures: options.maxFailures
        )
        events(.started(targets: results.count, waveSizes: plan.waveSizes))
        for result in results.prefix(offset) {
            schedule.recordFailureBeforeStart()
            if let result { events(.targetFinished(result)) }
        }
        var announcedStop = false
        var announcedWave = -1
        let waveSizes = plan.waveSizes
        await withTaskGroup(of: FleetTargetResult.self) { group in
            while true {
                if interruption.isInterrupted || Task.isCancelled { schedule.stop(.interrupted) }
                if let reason = schedule.stopReason, !announcedStop {
                    announcedStop = true
                    events(.stopping(reason))
                }
                while let index = schedule.next() {
                    let wave = plan.waves[index]
                    if wave != announcedWave {
                        announcedWave = wave
                        events(.waveStarted(wave: wave, targets: waveSizes[wave]))
                    }
                    let target = plan.targets[index]
                    events(.targetStarted(target, index: offset + index))
                    let run = FleetTargetRun(
                        target: target, index: offset + index, wave: wave, migrator: migrator, action: action,
                        searchPath: options.searchPath, events: events, interruption: interruption, waitsForClose: waitsForClose
                    )
                    group.addTask { await run.run() }
                }
                guard let result = await group.next() else { break }
                results[result.index] = result
                schedule.finish(result.index - offset, failed: result.outcome == .failed)
                events(.targetFinished(result))
            }
        }
        if let reason = schedule.stopReason, !announcedStop { events(.stopping(reason)) }
        for index in schedule.notStarted {
            results[offset + index] = FleetTargetResult(
                target: plan.targets[index], index: offset + index, wave: plan.waves[index], outcome: .skipped,
                skipReason: schedule.stopReason
            )
        }
        let finished = results.compactMap { $0 }
        let elapsed = FleetTargetRun.milliseconds(clock.now - started)
        return FleetReport(
            action: action.name, targets: finished, summary: FleetSummary(finished, action: action, durationMs: elapsed),
            stopReason: schedule.stopReason, emptyListings: plan.emptyListings
        )
    }
}
