import StrataDiff
import StrataSchema
import Testing

private typealias F = Fixtures
private let t = F.name("t")
private let v = F.name("v")

private func view(_ definition: String, _ columns: [(String, String)], materialized: Bool = false, options: [String] = [], indexes: [Index] = []) -> View {
    View(name: v, isMaterialized: materialized, definition: definition, columns: columns.map { View.Column(name: $0.0, type: $0.1) }, options: options, indexes: indexes)
}

private let base = Table(name: t, columns: [Column(name: "a", type: "integer"), Column(name: "b", type: "text")])
private let viewDeps = [Dependency(from: .view(v), to: .column(table: t, name: "a")), Dependency(from: .view(v), to: .table(t))]

private func schema(_ views: View..., routines: [Routine] = [], dependencies: [Dependency] = viewDeps) -> Schema {
    F.schema(tables: [base], views: views, routines: routines, dependencies: views.isEmpty ? [] : dependencies)
}

private func function(_ body: String, returns: String = "integer", arguments: String = "x integer") -> Routine {
    Routine(
        name: F.name("f"), arguments: arguments, returns: returns, language: "sql",
        definition: "CREATE OR REPLACE FUNCTION public.f(\(arguments))\n RETURNS \(returns)\n LANGUAGE sql\n IMMUTABLE\nAS $function$\(body)$function$\n"
    )
}

@Suite struct ViewRoutineTests {
    static let cases: [DiffCase] = [
        DiffCase(
            "create a view with options and comments", from: schema(),
            to: schema({ var view = view(" SELECT t.a\n   FROM public.t", [("a", "integer")], options: ["security_barrier=true"]); view.comment = "view"; view.columns[0].comment = "col"; return view }()),
            sql: [
                "CREATE VIEW public.v WITH (security_barrier = 'true') AS\n SELECT t.a\n   FROM public.t",
                "COMMENT ON COLUMN public.v.a IS 'col'",
                "COMMENT ON VIEW public.v IS 'view'",
            ]
        ),
        DiffCase(
            "a view that appends a column is replaced", from: schema(view(" SELECT t.a\n   FROM public.t", [("a", "integer")])),
            to: schema(view(" SELECT t.a,\n    t.b\n   FROM public.t", [("a", "integer"), ("b", "text")])),
            sql: ["CREATE OR REPLACE VIEW public.v AS\n SELECT t.a,\n    t.b\n   FROM public.t"], hazards: [[]]
        ),
        DiffCase(
            "a view whose columns change is dropped and created", from: schema(view(" SELECT t.a\n   FROM public.t", [("a", "integer")])),
            to: schema(view(" SELECT t.b\n   FROM public.t", [("b", "text")])),
            sql: ["DROP VIEW public.v", "CREATE VIEW public.v AS\n SELECT t.b\n   FROM public.t"]
        ),
        DiffCase(
            "a materialized view is rebuilt with its index",
            from: schema(view(" SELECT t.a\n   FROM public.t", [("a", "integer")], materialized: true, indexes: [Index(name: F.name("v_a_idx"), table: v, definition: "CREATE INDEX v_a_idx ON public.v USING btree (a)")])),
            to: schema(view(" SELECT t.a\n   FROM public.t\n  WHERE (t.a > 0)", [("a", "integer")], materialized: true, indexes: [Index(name: F.name("v_a_idx"), table: v, definition: "CREATE INDEX v_a_idx ON public.v USING btree (a)")])),
            sql: [
                "DROP MATERIALIZED VIEW public.v",
                "CREATE MATERIALIZED VIEW public.v AS\n SELECT t.a\n   FROM public.t\n  WHERE (t.a > 0)",
                "CREATE INDEX v_a_idx ON public.v USING btree (a)",
            ],
            hazards: [[], [], []]
        ),
        DiffCase(
            "view becomes a materialized view", from: schema(view(" SELECT 1 AS a", [("a", "integer")])),
            to: schema(view(" SELECT 1 AS a", [("a", "integer")], materialized: true)),
            sql: ["DROP VIEW public.v", "CREATE MATERIALIZED VIEW public.v AS\n SELECT 1 AS a"]
        ),
        DiffCase(
            "unpopulated materialized view", from: schema(),
            to: schema({ var view = view(" SELECT 1 AS a", [("a", "integer")], materialized: true); view.isPopulated = false; return view }()),
            sql: ["CREATE MATERIALIZED VIEW public.v AS\n SELECT 1 AS a\n  WITH NO DATA"]
        ),
        DiffCase(
            "create, replace and drop functions",
            from: F.schema(routines: [function("select x"), Routine(name: F.name("p"), arguments: "", kind: .procedure, definition: "CREATE OR REPLACE PROCEDURE public.p()\n LANGUAGE sql\nAS $procedure$select 1$procedure$\n")]),
            to: F.schema(routines: [function("select x + 1"), function("select 1", arguments: "")]),
            sql: [
                "DROP PROCEDURE public.p()",
                "CREATE OR REPLACE FUNCTION public.f(x integer)\n RETURNS integer\n LANGUAGE sql\n IMMUTABLE\nAS $function$select x + 1$function$",
                "CREATE OR REPLACE FUNCTION public.f()\n RETURNS integer\n LANGUAGE sql\n IMMUTABLE\nAS $function$select 1$function$",
            ]
        ),
        DiffCase(
            "a function whose result type changes is dropped and created",
            from: F.schema(routines: [function("select x")]), to: F.schema(routines: [function("select x::bigint", returns: "bigint")]),
            sql: [
                "DROP FUNCTION public.f(x integer)",
                "CREATE OR REPLACE FUNCTION public.f(x integer)\n RETURNS bigint\n LANGUAGE sql\n IMMUTABLE\nAS $function$select x::bigint$function$",
            ]
        ),
        DiffCase(
            "routine comment", from: F.schema(routines: [function("select x")]),
            to: F.schema(routines: [{ var routine = function("select x"); routine.comment = "adds"; return routine }()]),
            sql: ["COMMENT ON FUNCTION public.f(x integer) IS 'adds'"]
        ),
    ]

    @Test(arguments: cases) func plan(_ testCase: DiffCase) throws { try testCase.check() }
}
