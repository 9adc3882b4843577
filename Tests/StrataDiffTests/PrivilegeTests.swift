import Foundation
import StrataDiff
import StrataSchema
import Testing

private typealias F = Fixtures
private let users = F.users
private let reader = Grantee.role("reader")
private let double = Routine(
    name: F.name("double"), arguments: "x integer", returns: "integer", language: "sql",
    definition: "CREATE OR REPLACE FUNCTION public.double(x integer)\n RETURNS integer\n LANGUAGE sql\nAS $function$select x * 2$function$\n"
)
private let counter = StrataSchema.Sequence(name: F.name("counter"), options: SequenceOptions())
private let email = DomainType(name: F.name("email"), baseType: "text")

/// The built-in default of `id` plus `extra`.
private func acl(_ id: ObjectID, plus extra: [PrivilegeGrant] = [], minus removed: [PrivilegeGrant] = []) -> ObjectPrivileges {
    ObjectPrivileges(object: id, grants: (ObjectPrivileges.builtInDefault(for: id) ?? []).filter { !removed.contains($0) } + extra)
}

private func schema(
    tables: [Table] = [users], routines: [Routine] = [], sequences: [StrataSchema.Sequence] = [], domains: [DomainType] = [],
    enums: [EnumType] = [], privileges: [ObjectPrivileges] = [], defaults: [DefaultPrivileges] = [], owners: [ObjectOwner] = []
) -> Schema {
    var schema = F.schema(enums: enums, domains: domains, sequences: sequences, tables: tables, routines: routines)
    schema.privileges = privileges
    schema.defaultPrivileges = defaults
    schema.owners = owners
    return schema.sorted()
}

@Suite struct PrivilegeTests {
    static let cases: [DiffCase] = [
        DiffCase(
            "grant on an existing table", from: schema(),
            to: schema(privileges: [acl(.table(users.name), plus: [PrivilegeGrant(reader, "SELECT"), PrivilegeGrant(reader, "INSERT")])]),
            sql: ["GRANT INSERT, SELECT ON TABLE public.users TO reader"], hazards: [[]]
        ),
        DiffCase(
            "revoke on an existing table is a hazard",
            from: schema(privileges: [acl(.table(users.name), plus: [PrivilegeGrant(reader, "SELECT")])]), to: schema(),
            sql: ["REVOKE SELECT ON TABLE public.users FROM reader"], hazards: [["privilege-revoked"]]
        ),
        DiffCase(
            "column privileges, quoted role",
            from: schema(),
            to: schema(privileges: [ObjectPrivileges(object: .column(table: users.name, name: "email"), grants: [
                PrivilegeGrant(.role("Support Team"), "SELECT"), PrivilegeGrant(.role("Support Team"), "UPDATE"),
            ])]),
            sql: [#"GRANT SELECT (email), UPDATE (email) ON TABLE public.users TO "Support Team""#]
        ),
        DiffCase(
            "grant option given and taken",
            from: schema(privileges: [acl(.table(users.name), plus: [PrivilegeGrant(reader, "SELECT", withGrantOption: true), PrivilegeGrant(.public, "SELECT")])]),
            to: schema(privileges: [acl(.table(users.name), plus: [PrivilegeGrant(reader, "SELECT"), PrivilegeGrant(.public, "SELECT", withGrantOption: true)])]),
            sql: [
                "REVOKE GRANT OPTION FOR SELECT ON TABLE public.users FROM reader",
                "GRANT SELECT ON TABLE public.users TO PUBLIC WITH GRANT OPTION",
            ],
            hazards: [["privilege-revoked"], []]
        ),
        DiffCase(
            "a new function without EXECUTE for PUBLIC: revoked after it is created, no hazard",
            from: schema(),
            to: schema(routines: [double], privileges: [acl(double.id, minus: [PrivilegeGrant(.public, "EXECUTE")])]),
            sql: [
                "CREATE OR REPLACE FUNCTION public.double(x integer)\n RETURNS integer\n LANGUAGE sql\nAS $function$select x * 2$function$",
                "REVOKE EXECUTE ON ROUTINE public.double(x integer) FROM PUBLIC",
            ],
            hazards: [[], []]
        ),
        DiffCase(
            "schema, sequence, domain and enum privileges",
            from: schema(sequences: [counter], domains: [email], enums: [F.orderStatus]),
            to: schema(sequences: [counter], domains: [email], enums: [F.orderStatus], privileges: [
                acl(.namespace("public"), minus: [PrivilegeGrant(.public, "USAGE")]),
                acl(.sequence(counter.name), plus: [PrivilegeGrant(reader, "USAGE")]),
                acl(.type(email.name), plus: [PrivilegeGrant(reader, "USAGE", withGrantOption: true)]),
                acl(.type(F.orderStatus.name), minus: [PrivilegeGrant(.public, "USAGE")]),
            ]),
            sql: [
                "REVOKE USAGE ON SCHEMA public FROM PUBLIC",
                "GRANT USAGE ON DOMAIN public.email TO reader WITH GRANT OPTION",
                "REVOKE USAGE ON TYPE public.order_status FROM PUBLIC",
                "GRANT USAGE ON SEQUENCE public.counter TO reader",
            ]
        ),
        DiffCase(
            "default privileges: global for the connecting role, and in a schema for a named role",
            from: schema(),
            to: schema(defaults: [
                DefaultPrivileges(role: nil, schema: nil, kind: .functions, grants: [PrivilegeGrant(.owner, "EXECUTE")]),
                DefaultPrivileges(role: "app", schema: "public", kind: .tables, grants: [PrivilegeGrant(reader, "SELECT")]),
            ]),
            sql: [
                "ALTER DEFAULT PRIVILEGES REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC",
                "ALTER DEFAULT PRIVILEGES FOR ROLE app IN SCHEMA public GRANT SELECT ON TABLES TO reader",
            ],
            hazards: [[], []]
        ),
        DiffCase(
            "default privileges removed",
            from: schema(defaults: [DefaultPrivileges(role: nil, schema: "public", kind: .sequences, grants: [PrivilegeGrant(reader, "USAGE", withGrantOption: true)])]),
            to: schema(),
            sql: ["ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE USAGE ON SEQUENCES FROM reader"]
        ),
        DiffCase(
            "owners: changed on an existing table, set on a new function",
            from: schema(owners: [ObjectOwner(object: .table(users.name), role: "postgres")]),
            to: schema(routines: [double], owners: [ObjectOwner(object: .table(users.name), role: "app"), ObjectOwner(object: double.id, role: "app")]),
            sql: [
                "CREATE OR REPLACE FUNCTION public.double(x integer)\n RETURNS integer\n LANGUAGE sql\nAS $function$select x * 2$function$",
                "ALTER TABLE public.users OWNER TO app",
                "ALTER ROUTINE public.double(x integer) OWNER TO app",
            ],
            hazards: [[], ["owner-changed"], []]
        ),
    ]

    @Test(arguments: cases) func plan(_ diff: DiffCase) throws {
        try diff.check()
    }

    @Test func defaultPrivilegesApplyToTablesTheyCreateSoNoGrantFollows() throws {
        let inSchema = DefaultPrivileges(role: nil, schema: "public", kind: .tables, grants: [PrivilegeGrant(reader, "SELECT")])
        let target = schema(tables: [users, F.orders], enums: [F.orderStatus], privileges: [
            acl(.table(F.orders.name), plus: [PrivilegeGrant(reader, "SELECT")]),
        ], defaults: [inSchema])
        let plan = try SchemaDiffer.plan(from: schema(enums: [F.orderStatus]), to: target)
        let sql = plan.statements.map(\.sql)
        let alter = try #require(sql.firstIndex(of: "ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON TABLES TO reader"))
        let create = try #require(sql.firstIndex { $0.hasPrefix("CREATE TABLE public.orders") })
        #expect(alter < create)
        #expect(!sql.contains { $0.hasPrefix("GRANT") })
    }

    @Test func aRebuiltTableGetsItsGrantsAgainAfterItIsCreated() throws {
        var partitioned = users
        partitioned.kind = .partitioned
        partitioned.partitionKey = "RANGE (id)"
        let grants = [
            acl(.table(users.name), plus: [PrivilegeGrant(reader, "SELECT")]),
            ObjectPrivileges(object: .column(table: users.name, name: "email"), grants: [PrivilegeGrant(reader, "UPDATE")]),
        ]
        let plan = try SchemaDiffer.plan(from: schema(privileges: grants), to: schema(tables: [partitioned], privileges: grants))
        let sql = plan.statements.map(\.sql)
        let create = try #require(sql.firstIndex { $0.hasPrefix("CREATE TABLE public.users") })
        let table = try #require(sql.firstIndex(of: "GRANT SELECT ON TABLE public.users TO reader"))
        let column = try #require(sql.firstIndex(of: "GRANT UPDATE (email) ON TABLE public.users TO reader"))
        #expect(create < table && create < column)
        #expect(!sql.contains { $0.hasPrefix("REVOKE") })
    }

    @Test func privilegesFollowARenamedTable() throws {
        let renamed = Table(name: F.name("members"), columns: users.columns, constraints: users.constraints)
        let plan = try SchemaDiffer.plan(
            from: schema(privileges: [acl(.table(users.name), plus: [PrivilegeGrant(reader, "SELECT")])]),
            to: schema(tables: [renamed], privileges: [acl(.table(renamed.name), plus: [PrivilegeGrant(reader, "SELECT")])]),
            options: DiffOptions(renames: [.table(users.name, to: "members")])
        )
        #expect(plan.statements.map(\.sql) == ["ALTER TABLE public.users RENAME TO members"])
    }

    /// By name when owners are compared; otherwise looked up where the statement runs
    /// (production's owner need not be the role that runs the migration).
    @Test func theOwnerMarkerIsTheOwnerByNameWhenOwnersAreCompared() throws {
        let target = schema(
            privileges: [acl(.table(users.name), minus: [PrivilegeGrant(.owner, "TRUNCATE")])],
            owners: [ObjectOwner(object: .table(users.name), role: "app")]
        )
        let plan = try SchemaDiffer.plan(from: schema(owners: [ObjectOwner(object: .table(users.name), role: "app")]), to: target)
        #expect(plan.statements.map(\.sql) == ["REVOKE TRUNCATE ON TABLE public.users FROM app"])
        let anonymous = try SchemaDiffer.plan(from: schema(), to: schema(privileges: target.privileges))
        #expect(anonymous.statements.map(\.sql) == [
            "DO $strata$ BEGIN EXECUTE pg_catalog.format('REVOKE TRUNCATE ON TABLE public.users FROM %s', "
                + "(SELECT relowner::pg_catalog.regrole::text FROM pg_catalog.pg_class WHERE oid = 'public.users'::pg_catalog.regclass)); END $strata$",
        ])
    }

    @Test func defaultPrivilegesAndGranteesSurviveJSON() throws {
        let ids: [ObjectID] = [
            .defaultPrivileges(DefaultPrivileges.Key(role: nil, schema: nil, kind: .functions)),
            .defaultPrivileges(DefaultPrivileges.Key(role: "app", schema: "public", kind: .tables)),
        ]
        let decoded = try JSONDecoder().decode([ObjectID].self, from: JSONEncoder().encode(ids))
        #expect(decoded == ids)
        let grants = [PrivilegeGrant(.public, "USAGE"), PrivilegeGrant(.owner, "USAGE"), PrivilegeGrant(.role("owner"), "USAGE", withGrantOption: true)]
        #expect(try JSONDecoder().decode([PrivilegeGrant].self, from: JSONEncoder().encode(grants)) == grants)
    }
}
