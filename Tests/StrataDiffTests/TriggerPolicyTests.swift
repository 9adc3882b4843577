import StrataDiff
import StrataSchema
import Testing

private typealias F = Fixtures
private let t = F.name("t")
private let stamp = Routine(
    name: F.name("stamp"), arguments: "", returns: "trigger", language: "plpgsql",
    definition: "CREATE OR REPLACE FUNCTION public.stamp()\n RETURNS trigger\n LANGUAGE plpgsql\nAS $function$begin return new; end$function$\n"
)

private func trigger(_ name: String, _ events: String, enabled: Trigger.Enabled = .origin) -> Trigger {
    Trigger(name: name, definition: "CREATE TRIGGER \(name) BEFORE \(events) ON public.t FOR EACH ROW EXECUTE FUNCTION public.stamp()", enabled: enabled, function: stamp.id)
}

private func schema(triggers: [Trigger] = [], policies: [Policy] = [], routines: [Routine] = [stamp]) -> Schema {
    F.schema(tables: [Table(name: t, columns: [Column(name: "owner", type: "text")], triggers: triggers, policies: policies, rowSecurity: !policies.isEmpty)], routines: routines)
}

@Suite struct TriggerPolicyTests {
    static let cases: [DiffCase] = [
        DiffCase(
            "trigger function created before the trigger", from: schema(routines: []), to: schema(triggers: [trigger("t_stamp", "INSERT")]),
            sql: [
                "CREATE OR REPLACE FUNCTION public.stamp()\n RETURNS trigger\n LANGUAGE plpgsql\nAS $function$begin return new; end$function$",
                "CREATE TRIGGER t_stamp BEFORE INSERT ON public.t FOR EACH ROW EXECUTE FUNCTION public.stamp()",
            ],
            hazards: [[], ["blocking-lock"]]
        ),
        DiffCase(
            "changed trigger is dropped and created; dropped trigger goes before its function",
            from: schema(triggers: [trigger("t_stamp", "INSERT OR UPDATE"), trigger("t_gone", "INSERT")]),
            to: schema(triggers: [trigger("t_stamp", "UPDATE")]),
            sql: [
                "DROP TRIGGER t_gone ON public.t",
                "DROP TRIGGER t_stamp ON public.t",
                "CREATE TRIGGER t_stamp BEFORE UPDATE ON public.t FOR EACH ROW EXECUTE FUNCTION public.stamp()",
            ]
        ),
        DiffCase(
            "trigger and its function dropped", from: schema(triggers: [trigger("t_stamp", "INSERT")]), to: schema(routines: []),
            sql: ["DROP TRIGGER t_stamp ON public.t", "DROP FUNCTION public.stamp()"]
        ),
        DiffCase(
            "disabled trigger", from: schema(triggers: [trigger("t_stamp", "INSERT")]), to: schema(triggers: [trigger("t_stamp", "INSERT", enabled: .disabled)]),
            sql: ["ALTER TABLE public.t DISABLE TRIGGER t_stamp"], hazards: [["blocking-lock"]]
        ),
        DiffCase(
            "new trigger enabled always", from: schema(), to: schema(triggers: [trigger("t_stamp", "INSERT", enabled: .always)]),
            sql: [
                "CREATE TRIGGER t_stamp BEFORE INSERT ON public.t FOR EACH ROW EXECUTE FUNCTION public.stamp()",
                "ALTER TABLE public.t ENABLE ALWAYS TRIGGER t_stamp",
            ]
        ),
        DiffCase(
            "create a policy", from: schema(),
            to: schema(policies: [Policy(name: "own rows", command: .select, roles: ["app_user", "public"], using: "(owner = CURRENT_USER)")]),
            sql: [
                "ALTER TABLE public.t ENABLE ROW LEVEL SECURITY",
                "CREATE POLICY \"own rows\" ON public.t AS PERMISSIVE FOR SELECT TO app_user, PUBLIC USING ((owner = CURRENT_USER))",
            ],
            hazards: [["blocking-lock"], ["blocking-lock"]]
        ),
        DiffCase(
            "alter a policy's roles and expressions",
            from: schema(policies: [Policy(name: "p", roles: ["public"], using: "true")]),
            to: schema(policies: [Policy(name: "p", roles: ["Admins"], using: "(owner = CURRENT_USER)", withCheck: "false")]),
            sql: ["ALTER POLICY p ON public.t TO \"Admins\" USING ((owner = CURRENT_USER)) WITH CHECK (false)"]
        ),
        DiffCase(
            "permissive to restrictive drops and creates",
            from: schema(policies: [Policy(name: "p", using: "true")]),
            to: schema(policies: [Policy(name: "p", isPermissive: false, using: "true")]),
            sql: ["DROP POLICY p ON public.t", "CREATE POLICY p ON public.t AS RESTRICTIVE FOR ALL TO PUBLIC USING (true)"]
        ),
        DiffCase(
            "removing a policy's USING clause drops and creates",
            from: schema(policies: [Policy(name: "p", command: .insert, using: "true", withCheck: "true")]),
            to: schema(policies: [Policy(name: "p", command: .insert, withCheck: "true")]),
            sql: ["DROP POLICY p ON public.t", "CREATE POLICY p ON public.t AS PERMISSIVE FOR INSERT TO PUBLIC WITH CHECK (true)"]
        ),
        DiffCase(
            "policy dropped and row security disabled", from: schema(policies: [Policy(name: "p", using: "true")]), to: schema(),
            sql: ["DROP POLICY p ON public.t", "ALTER TABLE public.t DISABLE ROW LEVEL SECURITY"]
        ),
    ]

    @Test(arguments: cases) func plan(_ testCase: DiffCase) throws { try testCase.check() }

    /// An INSTEAD OF trigger on a view is recreated with the view.
    @Test func viewTriggersFollowTheirView() throws {
        let v = F.name("v")
        let trigger = Trigger(name: "on_insert", definition: "CREATE TRIGGER on_insert INSTEAD OF INSERT ON public.v FOR EACH ROW EXECUTE FUNCTION public.stamp()", function: stamp.id)
        func schema(_ definition: String, _ columns: [View.Column]) -> Schema {
            F.schema(
                tables: [Table(name: t, columns: [Column(name: "owner", type: "text"), Column(name: "at", type: "date")])],
                views: [View(name: v, definition: definition, columns: columns, triggers: [trigger])], routines: [stamp],
                dependencies: [Dependency(from: .view(v), to: .table(t))]
            )
        }
        let source = schema(" SELECT t.owner\n   FROM public.t", [.init(name: "owner", type: "text")])
        let target = schema(" SELECT t.at,\n    t.owner\n   FROM public.t", [.init(name: "at", type: "date"), .init(name: "owner", type: "text")])
        #expect(try F.sql(source, target) == [
            "DROP VIEW public.v",
            "CREATE VIEW public.v AS\n SELECT t.at,\n    t.owner\n   FROM public.t",
            "CREATE TRIGGER on_insert INSTEAD OF INSERT ON public.v FOR EACH ROW EXECUTE FUNCTION public.stamp()",
        ])
        #expect(try F.sql(F.schema(tables: source.tables, routines: [stamp]), source).suffix(1) == [
            "CREATE TRIGGER on_insert INSTEAD OF INSERT ON public.v FOR EACH ROW EXECUTE FUNCTION public.stamp()",
        ])
        #expect(try F.plan(source, source).isEmpty)
    }
}
