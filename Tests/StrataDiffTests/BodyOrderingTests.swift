import StrataDiff
import StrataSchema
import Testing

private typealias F = Fixtures

/// A routine as `pg_get_functiondef` prints it.
private func routine(
    _ name: String, schema: String = "public", arguments: String = "", returns: String = "integer", language: String = "sql",
    searchPath: String? = nil, _ body: String
) -> Routine {
    Routine(
        name: F.name(name, schema: schema), arguments: arguments, returns: returns, language: language,
        definition: "CREATE OR REPLACE FUNCTION \(schema).\(name)(\(arguments))\n RETURNS \(returns)\n LANGUAGE \(language)\n"
            + (searchPath.map { " SET search_path TO \($0)\n" } ?? "") + "AS $function$\(body)$function$\n"
    )
}

/// The objects of the plan's statements, as `action name`.
private func steps(_ target: Schema, from source: Schema = F.schema()) throws -> [String] {
    try F.plan(source, target).statements.map { "\($0.action) \($0.object.name)" }
}

/// Plans order routines by what their bodies use, and never fail on a cycle through a body.
@Suite struct BodyOrderingTests {
    @Test func aCalleeIsCreatedBeforeItsCallerWhateverTheNames() throws {
        let target = F.schema(routines: [
            routine("a_caller", "SELECT z_callee() + 1"),
            routine("z_callee", "SELECT 41"),
        ])
        #expect(try steps(target) == ["create public.z_callee()", "create public.a_caller()"])
    }

    @Test func aTableABodyReadsComesFirstAndAPlainBodyDoesNotMove() throws {
        let target = F.schema(
            tables: [Table(name: F.name("zebra"), columns: [Column(name: "id", type: "integer")])],
            routines: [routine("count_zebras", "SELECT count(*)::int FROM zebra"), routine("one", "SELECT 1")]
        )
        let order = try steps(target)
        #expect(order.firstIndex(of: "create public.zebra")! < order.firstIndex(of: "create public.count_zebras()")!)
        #expect(!order.contains { $0.hasPrefix("set ") })
    }

    @Test func unqualifiedNamesResolveThroughTheRoutinesSchemaAndSearchPath() throws {
        // app.caller calls f(): app.f, not public.f; other.caller's search path says other first.
        let target = F.schema(
            namespaces: [Namespace(name: "public"), Namespace(name: "app"), Namespace(name: "other")],
            routines: [
                routine("caller", schema: "app", "SELECT f()"),
                routine("f", schema: "app", "SELECT 1"),
                routine("f", "SELECT 2"),
                routine("caller", schema: "other", searchPath: "'other', 'public'", "SELECT f()"),
                routine("f", schema: "other", "SELECT 3"),
            ]
        )
        let order = try steps(target)
        func position(_ step: String) -> Int { order.firstIndex(of: step) ?? -1 }
        #expect(position("create app.f()") < position("create app.caller()"))
        #expect(position("create other.f()") < position("create other.caller()"))
        #expect(!order.contains { $0.hasPrefix("set ") })
    }

    @Test func mutualRecursionBetweenPLpgSQLFunctionsPlansWithoutTurningChecksOff() throws {
        let target = F.schema(routines: [
            routine("is_even", arguments: "n integer", returns: "boolean", language: "plpgsql",
                    "BEGIN IF n = 0 THEN RETURN true; END IF; RETURN is_odd(n - 1); END"),
            routine("is_odd", arguments: "n integer", returns: "boolean", language: "plpgsql",
                    "BEGIN IF n = 0 THEN RETURN false; END IF; RETURN is_even(n - 1); END"),
        ])
        let order = try steps(target)
        #expect(order.count == 2)
        #expect(!order.contains { $0.hasPrefix("set ") }, "PL/pgSQL does not resolve calls at creation")
    }

    @Test func mutualRecursionBetweenSQLFunctionsTurnsChecksOffAroundTheFirst() throws {
        let target = F.schema(routines: [
            routine("ping", arguments: "n integer", "SELECT CASE WHEN n > 0 THEN pong(n - 1) ELSE 0 END"),
            routine("pong", arguments: "n integer", "SELECT CASE WHEN n > 0 THEN ping(n - 1) ELSE 1 END"),
        ])
        let plan = try F.plan(F.schema(), target)
        #expect(plan.statements.map(\.sql).filter { !$0.hasPrefix("CREATE") } == ["SET check_function_bodies = off", "RESET check_function_bodies"])
        #expect(plan.statements.first?.action == "set" && plan.statements[2].action == "set")
        #expect(plan.statements.count == 4)
    }

    @Test func aBodyThatReadsTheTableWhoseDefaultCallsItIsNoCycleError() throws {
        let function = routine("next_code", "SELECT coalesce(max(code), 0) + 1 FROM tickets")
        let table = Table(name: F.name("tickets"), columns: [Column(name: "code", type: "integer", defaultExpression: "public.next_code()")])
        let target = F.schema(
            tables: [table], routines: [function],
            dependencies: [Dependency(from: .column(table: table.name, name: "code"), to: function.id)]
        )
        let plan = try F.plan(F.schema(), target)
        #expect(plan.statements.map { "\($0.action) \($0.object.name)" } == [
            "set public.next_code()", "create public.next_code()", "set public.next_code()", "create public.tickets",
        ])
    }

    @Test func theOrderIsDeterministic() throws {
        let routines = (0..<12).map { index in routine("f\(index)", index == 0 ? "SELECT 0" : "SELECT f\(index - 1)() + f\((index + 5) % 12)()") }
        let first = try F.plan(F.schema(), F.schema(routines: routines))
        for _ in 0..<5 {
            #expect(try F.plan(F.schema(), F.schema(routines: routines.reversed())) == first)
        }
    }
}
