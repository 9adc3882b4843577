import StrataPostgres

/// Lists the targets of configured entries: a database or schema entry is its own
/// target; a schemas query runs on its database (one session each, at most `parallel`
/// at once) and gives one target per row.
enum FleetLister {
    static func list(_ specs: [FleetTargetSpec], parallel: Int) async -> [FleetPlan.Listing] {
        var listings = [FleetPlan.Listing?](repeating: nil, count: specs.count)
        var queried: [Int] = []
        for (index, spec) in specs.enumerated() {
            switch spec.selection {
            case .database: listings[index] = .listed(spec, [spec.databaseTarget])
            case .schema(let schema): listings[index] = .listed(spec, [FleetTarget(settings: spec.settings, schema: schema, origin: spec.origin)])
            case .schemas: queried.append(index)
            }
        }
        await withTaskGroup(of: (Int, FleetPlan.Listing).self) { group in
            var next = 0
            func startOne() {
                let index = queried[next]
                next += 1
                group.addTask { (index, await listSchemas(specs[index])) }
            }
            while next < queried.count && next < max(parallel, 1) { startOne() }
            while let (index, listing) = await group.next() {
                listings[index] = listing
                if next < queried.count { startOne() }
            }
        }
        return listings.compactMap { $0 }
    }

    static func listSchemas(_ spec: FleetTargetSpec) async -> FleetPlan.Listing {
        guard case .schemas(let query) = spec.selection else { return .listed(spec, [spec.databaseTarget]) }
        let place = spec.databaseTarget.path
        do {
            let session = try await PostgresSession.connect(spec.settings)
            let rows: [Row]
            do {
                rows = try await session.query(query)
                await session.close()
            } catch {
                await session.close()
                throw error
            }
            var targets: [FleetTarget] = []
            targets.reserveCapacity(rows.count)
            for (number, row) in rows.enumerated() {
                guard let name = row[0], !name.isEmpty else {
                    return .failed(spec, FleetError(
                        .schemaListing, "the schemas query on \(place) returned an empty or NULL name in row \(number + 1)",
                        hint: "the query's first column must be schema names", origin: spec.origin
                    ))
                }
                targets.append(FleetTarget(settings: spec.settings, schema: name, origin: spec.origin))
            }
            return .listed(spec, targets)
        } catch {
            return .failed(spec, FleetError(
                .schemaListing, "cannot list the schemas of \(place): \(Self.describe(error))",
                hint: FleetTargetResult.isUnreachable(error)
                    ? "its tenants were not migrated; check that the server is up and reachable, then run the fleet again"
                    : "check the schemas query; its tenants were not migrated",
                origin: spec.origin, underlying: error
            ))
        }
    }

    /// A one-line account of an error, for the listing failure's message.
    static func describe(_ error: any Error) -> String {
        if let error = error as? DatabaseError {
            var text = error.message
            if let server = error.server, server.message != error.message { text += ": " + server.message }
            return text
        }
        return "\(error)"
    }
}
