import StrataDiff
import StrataSchema
import Testing

private typealias F = Fixtures
private let t = F.name("t")

@Suite struct OrderingTests {
    // A view reading a column whose type changes is dropped before and created after.
    static let viewOnRetypedColumn: DiffCase = {
        let v = F.name("v")
        func schema(_ type: String) -> Schema {
            F.schema(
                tables: [Table(name: t, columns: [Column(name: "a", type: type), Column(name: "b", type: "text")])],
                views: [View(name: v, definition: " SELECT t.a\n   FROM public.t", columns: [.init(name: "a", type: type)])],
                dependencies: [Dependency(from: .view(v), to: .column(table: t, name: "a"))]
            )
        }
        return DiffCase(
            "view on a column whose type changes", from: schema("integer"), to: schema("bigint"),
            sql: [
                "DROP VIEW public.v",
                "ALTER TABLE public.t ALTER COLUMN a TYPE bigint USING a::bigint",
                "CREATE VIEW public.v AS\n SELECT t.a\n   FROM public.t",
            ]
        )
    }()

    // Two new tables referencing each other: foreign keys after both tables.
    static let foreignKeyCycle: DiffCase = {
        let a = F.name("a"), b = F.name("b")
        func table(_ name: QualifiedName, references other: QualifiedName) -> Table {
            Table(
                name: name,
                columns: [Column(name: "id", type: "integer", isNotNull: true), Column(name: "other_id", type: "integer")],
                constraints: [
                    Constraint(name: "\(name.name)_pkey", kind: .primaryKey, definition: "PRIMARY KEY (id)", columns: ["id"], indexName: "\(name.name)_pkey"),
                    Constraint(name: "\(name.name)_other_id_fkey", kind: .foreignKey, definition: "FOREIGN KEY (other_id) REFERENCES public.\(other.name)(id)",
                               columns: ["other_id"], referencedTable: other, referencedColumns: ["id"]),
                ]
            )
        }
        return DiffCase(
            "foreign key cycle between two new tables", from: F.schema(), to: F.schema(tables: [table(a, references: b), table(b, references: a)]),
            sql: [
                "CREATE TABLE public.a (\n    id integer NOT NULL,\n    other_id integer,\n    CONSTRAINT a_pkey PRIMARY KEY (id)\n)",
                "CREATE TABLE public.b (\n    id integer NOT NULL,\n    other_id integer,\n    CONSTRAINT b_pkey PRIMARY KEY (id)\n)",
                "ALTER TABLE public.a ADD CONSTRAINT a_other_id_fkey FOREIGN KEY (other_id) REFERENCES public.b(id)",
                "ALTER TABLE public.b ADD CONSTRAINT b_other_id_fkey FOREIGN KEY (other_id) REFERENCES public.a(id)",
            ],
            hazards: [[], [], [], []]
        )
    }()

    static let foreignKeyCycleDropped: DiffCase = DiffCase(
        "dropping two tables that reference each other", from: foreignKeyCycle.target, to: F.schema(),
        sql: [
            "ALTER TABLE public.a DROP CONSTRAINT a_other_id_fkey",
            "ALTER TABLE public.b DROP CONSTRAINT b_other_id_fkey",
            "DROP TABLE public.a",
            "DROP TABLE public.b",
        ]
    )

    // serial: sequence, table with nextval default, then OWNED BY.
    static let serial: DiffCase = {
        let sequence = StrataSchema.Sequence(
            name: F.name("t_id_seq"), options: SequenceOptions(dataType: "integer", maxValue: 2147483647),
            ownedBy: .init(table: t, column: "id")
        )
        let table = Table(name: t, columns: [Column(name: "id", type: "integer", isNotNull: true, defaultExpression: "nextval('public.t_id_seq'::regclass)")])
        return DiffCase(
            "serial column", from: F.schema(), to: F.schema(sequences: [sequence], tables: [table]),
            sql: [
                "CREATE SEQUENCE public.t_id_seq AS integer INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1 NO CYCLE",
                "CREATE TABLE public.t (\n    id integer DEFAULT nextval('public.t_id_seq'::regclass) NOT NULL\n)",
                "ALTER SEQUENCE public.t_id_seq OWNED BY public.t.id",
            ]
        )
    }()

    static let serialDropped = DiffCase(
        "dropping a table drops its serial sequence with it", from: serial.target, to: F.schema(),
        sql: ["DROP TABLE public.t"], hazards: [["data-loss"]]
    )

    static let serialToInteger: DiffCase = {
        var target = serial.target
        target.sequences = []
        target.tables[0].columns[0].defaultExpression = nil
        return DiffCase(
            "serial becomes a plain integer", from: serial.target, to: target,
            sql: ["ALTER TABLE public.t ALTER COLUMN id DROP DEFAULT", "DROP SEQUENCE public.t_id_seq"],
            hazards: [["blocking-lock"], ["data-loss"]]
        )
    }()

    static let integerToSerial: DiffCase = {
        var source = serial.target
        source.sequences = []
        source.tables[0].columns[0].defaultExpression = nil
        return DiffCase(
            "a plain integer becomes serial", from: source, to: serial.target,
            sql: [
                "CREATE SEQUENCE public.t_id_seq AS integer INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1 NO CYCLE",
                "ALTER TABLE public.t ALTER COLUMN id SET DEFAULT nextval('public.t_id_seq'::regclass)",
                "ALTER SEQUENCE public.t_id_seq OWNED BY public.t.id",
            ]
        )
    }()

    static let sequenceChanges: DiffCase = {
        let s = F.name("s")
        return DiffCase(
            "sequence options and ownership change",
            from: F.schema(sequences: [StrataSchema.Sequence(name: s, ownedBy: .init(table: t, column: "id"))], tables: [Table(name: t, columns: [Column(name: "id", type: "bigint")])]),
            to: F.schema(sequences: [StrataSchema.Sequence(name: s, options: SequenceOptions(dataType: "integer", increment: 10, maxValue: 2147483647, cache: 5, cycle: true))], tables: [Table(name: t, columns: [Column(name: "id", type: "bigint")])]),
            sql: [
                // The range narrows to integer's: an unused sequence, or one past it, moves to the start first.
                "SELECT pg_catalog.setval(s.seq, 1, false) FROM (SELECT 'public.s'::pg_catalog.regclass AS seq) s"
                    + " WHERE coalesce(pg_catalog.pg_sequence_last_value(s.seq) NOT BETWEEN 1 AND 2147483647, true)",
                "ALTER SEQUENCE public.s AS integer INCREMENT BY 10 MAXVALUE 2147483647 CACHE 5 CYCLE",
                "ALTER SEQUENCE public.s OWNED BY NONE",
            ],
            hazards: [["sequence-restart"], [], []]
        )
    }()

    // A function used by a default and a check: created first, and when rebuilt, the
    // default and the check are dropped before and restored after.
    static func functionSchema(returns: String) -> Schema {
        let f = Routine(name: F.name("next_code"), arguments: "", returns: returns, language: "sql",
                        definition: "CREATE OR REPLACE FUNCTION public.next_code()\n RETURNS \(returns)\n LANGUAGE sql\nAS $function$select 1$function$\n")
        let table = Table(
            name: t,
            columns: [Column(name: "code", type: "integer", defaultExpression: "public.next_code()")],
            constraints: [Constraint(name: "code_check", kind: .check, definition: "CHECK ((code <> public.next_code()))", columns: ["code"])]
        )
        return F.schema(tables: [table], routines: [f], dependencies: [
            Dependency(from: .column(table: t, name: "code"), to: f.id),
            Dependency(from: .constraint(table: t, name: "code_check"), to: f.id),
        ])
    }

    static let functionUsedByDefaultAndCheck = DiffCase(
        "function used by a default and a check is created first", from: F.schema(), to: functionSchema(returns: "integer"),
        sql: [
            "CREATE OR REPLACE FUNCTION public.next_code()\n RETURNS integer\n LANGUAGE sql\nAS $function$select 1$function$",
            "CREATE TABLE public.t (\n    code integer DEFAULT public.next_code(),\n    CONSTRAINT code_check CHECK ((code <> public.next_code()))\n)",
        ]
    )

    static let functionRebuiltUnderDefaultAndCheck = DiffCase(
        "function rebuilt under a default and a check", from: functionSchema(returns: "integer"), to: functionSchema(returns: "bigint"),
        sql: [
            "ALTER TABLE public.t DROP CONSTRAINT code_check",
            "ALTER TABLE public.t ALTER COLUMN code DROP DEFAULT",
            "DROP FUNCTION public.next_code()",
            "CREATE OR REPLACE FUNCTION public.next_code()\n RETURNS bigint\n LANGUAGE sql\nAS $function$select 1$function$",
            "ALTER TABLE public.t ALTER COLUMN code SET DEFAULT public.next_code()",
            "ALTER TABLE public.t ADD CONSTRAINT code_check CHECK ((code <> public.next_code()))",
        ]
    )

    // A chain of views: changing the first one rebuilds the ones reading it.
    static let viewChain: DiffCase = {
        func schema(_ first: String, _ firstColumns: [View.Column]) -> Schema {
            let v1 = View(name: F.name("v1"), definition: first, columns: firstColumns)
            let v2 = View(name: F.name("v2"), definition: " SELECT v1.a\n   FROM public.v1", columns: [.init(name: "a", type: "integer")])
            let v3 = View(name: F.name("v3"), definition: " SELECT v2.a\n   FROM public.v2", columns: [.init(name: "a", type: "integer")])
            return F.schema(views: [v1, v2, v3], dependencies: [
                Dependency(from: .view(F.name("v2")), to: .view(F.name("v1"))),
                Dependency(from: .view(F.name("v3")), to: .view(F.name("v2"))),
            ])
        }
        return DiffCase(
            "view chain dropped and recreated in dependency order",
            from: schema(" SELECT 1 AS b,\n    2 AS a", [.init(name: "b", type: "integer"), .init(name: "a", type: "integer")]),
            to: schema(" SELECT 2 AS a", [.init(name: "a", type: "integer")]),
            sql: [
                "DROP VIEW public.v3",
                "DROP VIEW public.v2",
                "DROP VIEW public.v1",
                "CREATE VIEW public.v1 AS\n SELECT 2 AS a",
                "CREATE VIEW public.v2 AS\n SELECT v1.a\n   FROM public.v1",
                "CREATE VIEW public.v3 AS\n SELECT v2.a\n   FROM public.v2",
            ]
        )
    }()

    // A table replaced by a view of the same name, with a view reading it.
    static let tableToView: DiffCase = {
        let x = "x"
        let data = QualifiedName(x, "data"), tData = QualifiedName(x, "t_data"), q = QualifiedName(x, "q")
        let columns = [Column(name: "id", type: "uuid"), Column(name: "name", type: "text")]
        let viewColumns = [View.Column(name: "id", type: "uuid"), View.Column(name: "name", type: "text")]
        let namespaces = [Namespace(name: "public"), Namespace(name: x)]
        let source = F.schema(
            namespaces: namespaces, tables: [Table(name: data, columns: columns)],
            views: [View(name: q, definition: " SELECT data.id,\n    data.name\n   FROM x.data", columns: viewColumns)],
            dependencies: [Dependency(from: .view(q), to: .column(table: data, name: "id")), Dependency(from: .view(q), to: .column(table: data, name: "name"))]
        )
        let target = F.schema(
            namespaces: namespaces, tables: [Table(name: tData, columns: columns)],
            views: [
                View(name: data, definition: " SELECT t_data.id,\n    t_data.name\n   FROM x.t_data", columns: viewColumns),
                View(name: q, definition: " SELECT data.id,\n    data.name\n   FROM x.data", columns: viewColumns),
            ],
            dependencies: [Dependency(from: .view(q), to: .view(data)), Dependency(from: .view(data), to: .column(table: tData, name: "id")), Dependency(from: .view(data), to: .column(table: tData, name: "name"))]
        )
        return DiffCase(
            "table replaced by a view of the same name", from: source, to: target,
            sql: [
                "DROP VIEW x.q",
                "DROP TABLE x.data",
                "CREATE TABLE x.t_data (\n    id uuid,\n    name text\n)",
                "CREATE VIEW x.data AS\n SELECT t_data.id,\n    t_data.name\n   FROM x.t_data",
                "CREATE VIEW x.q AS\n SELECT data.id,\n    data.name\n   FROM x.data",
            ]
        )
    }()

    static let viewToTable = DiffCase(
        "view replaced by a table of the same name", from: tableToView.target, to: tableToView.source,
        sql: [
            "DROP VIEW x.q",
            "DROP VIEW x.data",
            "DROP TABLE x.t_data",
            "CREATE TABLE x.data (\n    id uuid,\n    name text\n)",
            "CREATE VIEW x.q AS\n SELECT data.id,\n    data.name\n   FROM x.data",
        ]
    )

    // A view that depends on a primary key (functional dependency) comes after it.
    static let viewOnPrimaryKey: DiffCase = {
        let v = F.name("v")
        let table = Table(
            name: t, columns: [Column(name: "id", type: "integer", isNotNull: true), Column(name: "a", type: "text")],
            constraints: [Constraint(name: "t_pkey", kind: .primaryKey, definition: "PRIMARY KEY (id)", columns: ["id"], indexName: "t_pkey")]
        )
        var plain = table
        plain.constraints = []
        let view = View(name: v, definition: " SELECT t.id,\n    t.a\n   FROM public.t\n  GROUP BY t.id", columns: [.init(name: "id", type: "integer"), .init(name: "a", type: "text")])
        return DiffCase(
            "view relying on a primary key", from: F.schema(tables: [plain]),
            to: F.schema(tables: [table], views: [view], dependencies: [Dependency(from: .view(v), to: .constraint(table: t, name: "t_pkey")), Dependency(from: .view(v), to: .table(t))]),
            sql: [
                "ALTER TABLE public.t ADD CONSTRAINT t_pkey PRIMARY KEY (id)",
                "CREATE VIEW public.v AS\n SELECT t.id,\n    t.a\n   FROM public.t\n  GROUP BY t.id",
            ]
        )
    }()

    // Partitions: detach before the parent's new column, attach after; new partitions after.
    static let partitions: DiffCase = {
        let m = F.name("measurement")
        let columns = [Column(name: "city_id", type: "integer", isNotNull: true), Column(name: "logdate", type: "date", isNotNull: true)]
        let inherited = columns.map { column -> Column in var copy = column; copy.isLocal = false; return copy }
        let extra = Column(name: "extra", type: "text")
        var extraInherited = extra
        extraInherited.isLocal = false
        func parent(_ columns: [Column]) -> Table { Table(name: m, kind: .partitioned, partitionKey: "RANGE (logdate)", columns: columns) }
        func partition(_ name: String, _ bound: String?, _ columns: [Column]) -> Table {
            Table(name: F.name(name), partitionOf: bound.map { .init(parent: m, bound: $0) }, columns: columns)
        }
        let feb = "FOR VALUES FROM ('2006-02-01') TO ('2006-03-01')", mar = "FOR VALUES FROM ('2006-03-01') TO ('2006-04-01')"
        let source = F.schema(tables: [parent(columns), partition("m_feb", feb, inherited), partition("m_mar", mar, inherited), Table(name: F.name("m_apr"), columns: columns)])
        let target = F.schema(tables: [
            parent(columns + [extra]), partition("m_feb", feb, inherited + [extraInherited]), partition("m_mar", nil, columns),
            partition("m_jan", "FOR VALUES FROM ('2006-01-01') TO ('2006-02-01')", inherited + [extraInherited]),
            partition("m_apr", "FOR VALUES FROM ('2006-04-01') TO ('2006-05-01')", columns + [extra]),
        ])
        return DiffCase(
            "partitions attached, detached and created around a new parent column", from: source, to: target,
            sql: [
                "ALTER TABLE public.measurement DETACH PARTITION public.m_mar",
                "ALTER TABLE public.m_apr ADD COLUMN extra text",
                "ALTER TABLE public.measurement ADD COLUMN extra text",
                "ALTER TABLE public.measurement ATTACH PARTITION public.m_apr FOR VALUES FROM ('2006-04-01') TO ('2006-05-01')",
                "CREATE TABLE public.m_jan PARTITION OF public.measurement FOR VALUES FROM ('2006-01-01') TO ('2006-02-01')",
            ],
            hazards: [["blocking-lock"], ["blocking-lock"], ["blocking-lock"], ["blocking-lock", "validation-scan"], []]
        )
    }()

    // Inheritance: the parent drops a column its child inherits, and the child adds it back as its own.
    static let inheritance: DiffCase = {
        let base = F.name("base"), child = F.name("child")
        let created = Column(name: "created_at", type: "timestamp without time zone", defaultExpression: "now()")
        var createdInherited = created
        createdInherited.isLocal = false
        let e = Column(name: "e", type: "integer")
        var eInherited = e
        eInherited.isLocal = false
        let source = F.schema(tables: [
            Table(name: base, columns: [created, e]),
            Table(name: child, inherits: [base], columns: [createdInherited, eInherited, Column(name: "a1", type: "integer"), Column(name: "a2", type: "integer")]),
        ])
        let target = F.schema(tables: [
            Table(name: base, columns: [created]),
            Table(name: child, inherits: [base], columns: [createdInherited, Column(name: "a1", type: "integer"), e]),
        ])
        return DiffCase(
            "parent drops an inherited column that the child keeps", from: source, to: target,
            sql: [
                "ALTER TABLE public.base DROP COLUMN e",
                "ALTER TABLE public.child DROP COLUMN a2",
                "ALTER TABLE public.child ADD COLUMN e integer",
            ]
        )
    }()

    static let newInheritingTables: DiffCase = {
        let base = F.name("entity"), child = F.name("entity_a")
        let id = Column(name: "id", type: "bigint", isNotNull: true)
        var inheritedID = id
        inheritedID.isLocal = false
        let check = Constraint(name: "type must be A", kind: .check, definition: "CHECK ((id > 0))", columns: ["id"])
        return DiffCase(
            "a new child table lists only its own columns", from: F.schema(),
            to: F.schema(tables: [
                Table(name: base, columns: [id]),
                Table(name: child, inherits: [base], columns: [inheritedID, Column(name: "note", type: "text")], constraints: [check]),
            ]),
            sql: [
                "CREATE TABLE public.entity (\n    id bigint NOT NULL\n)",
                "CREATE TABLE public.entity_a (\n    note text,\n    CONSTRAINT \"type must be A\" CHECK ((id > 0))\n) INHERITS (public.entity)",
            ]
        )
    }()

    static let joinAndLeaveParents: DiffCase = {
        let base = F.name("base"), a = F.name("a"), b = F.name("b")
        let id = Column(name: "id", type: "integer")
        let note = Column(name: "note", type: "text")
        return DiffCase(
            "a table joins one parent and leaves another",
            from: F.schema(tables: [Table(name: base, columns: [id]), Table(name: a, inherits: [base], columns: [id, note]), Table(name: b, columns: [id])]),
            to: F.schema(tables: [Table(name: base, columns: [id]), Table(name: a, columns: [id]), Table(name: b, inherits: [base], columns: [id])]),
            sql: [
                "ALTER TABLE public.a NO INHERIT public.base",
                "ALTER TABLE public.a DROP COLUMN note",
                "ALTER TABLE public.b INHERIT public.base",
            ],
            hazards: [["blocking-lock"], ["data-loss", "blocking-lock"], ["blocking-lock"]]
        )
    }()

    /// The order of the model's lists does not change the plan.
    @Test func inputOrderDoesNotMatter() throws {
        for testCase in Self.cases {
            var source = testCase.source, target = testCase.target
            source.tables.reverse()
            target.tables.reverse()
            target.views.reverse()
            target.dependencies.reverse()
            for index in target.tables.indices { target.tables[index].constraints.reverse() }
            #expect(try SchemaDiffer.plan(from: source, to: target) == SchemaDiffer.plan(from: testCase.source, to: testCase.target), "\(testCase.name)")
        }
    }

    static let cases: [DiffCase] = [
        joinAndLeaveParents,
        viewOnRetypedColumn, foreignKeyCycle, foreignKeyCycleDropped, serial, serialDropped, serialToInteger, integerToSerial,
        sequenceChanges, functionUsedByDefaultAndCheck, functionRebuiltUnderDefaultAndCheck, viewChain, tableToView, viewToTable,
        viewOnPrimaryKey, partitions, inheritance, newInheritingTables,
    ]

    @Test(arguments: cases) func plan(_ testCase: DiffCase) throws { try testCase.check() }
}
