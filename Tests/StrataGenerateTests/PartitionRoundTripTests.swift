import StrataDiff
import Testing

/// Round trips of partitioned tables whose partitions hold copies of their parent's keys,
/// indexes and foreign keys: PostgreSQL creates those copies itself (or attaches an
/// equivalent index or key the partition already has), keeps them as the partition's own
/// when it is detached, and names them after the partition, so a plan must neither add a
/// key a partition already has nor lose the names B gives them.
@Suite(.serialized) struct PartitionRoundTripTests {
    static let parent = """
        create table ref (id int primary key);
        create table m (id int not null, at date not null, v int, r int) partition by range (at);
        """
    static let bounds2024 = "for values from ('2024-01-01') to ('2025-01-01')"
    static let bounds2025 = "for values from ('2025-01-01') to ('2026-01-01')"

    static let cases: [RoundTripCase] = [
        RoundTripCase(name: "copies of an index and a key with INCLUDE columns are named after them too", a: """
            create table q (a int, b int, c int) partition by list (a);
            """, b: """
            create table q (a int, b int, c int) partition by list (a);
            create index on q (a) include (b);
            alter table q add unique (a, b) include (c);
            create table q1 partition of q for values in (1);
            """),
        RoundTripCase(name: "a parent gains a primary key, a unique key, an index and a foreign key while partitions exist", a: """
            \(parent)
            create table m1 partition of m \(bounds2024);
            create table m2 partition of m \(bounds2025);
            """, b: """
            \(parent)
            create table m1 partition of m \(bounds2024);
            create table m2 partition of m \(bounds2025);
            alter table m add primary key (id, at);
            alter table m add constraint m_v_key unique (v, at);
            create index m_v on m (v);
            alter table m add constraint m_r_fkey foreign key (r) references ref;
            """),
        RoundTripCase(name: "a partition's own keys and indexes become its copies of the parent's", a: """
            \(parent)
            create table m1 partition of m \(bounds2024);
            alter table m1 add constraint m1_own_pk primary key (id, at);
            create index m1_own_v on m1 (v);
            """, b: """
            \(parent)
            create table m1 partition of m \(bounds2024);
            alter table m1 add constraint m1_own_pk primary key (id, at);
            create index m1_own_v on m1 (v);
            alter table m add primary key (id, at);
            create index m_v on m (v);
            """, expectations: { plan, direction in
                if direction == "A→B" { #expect(PartitionRoundTripTests.statements(plan) == ["ALTER TABLE public.m ADD CONSTRAINT m_pkey PRIMARY KEY (id, at)", "CREATE INDEX m_v ON public.m USING btree (v)"]) }
            }),
        RoundTripCase(name: "a table attached as a partition keeps the equivalent key and index it has", a: """
            \(parent)
            alter table m add primary key (id, at);
            create index m_v on m (v);
            create table m1 partition of m \(bounds2024);
            create table m2 (id int not null, at date not null, v int, r int, constraint m2_pk primary key (id, at));
            create index m2_v on m2 (v);
            """, b: """
            \(parent)
            alter table m add primary key (id, at);
            create index m_v on m (v);
            create table m1 partition of m \(bounds2024);
            create table m2 (id int not null, at date not null, v int, r int, constraint m2_pk primary key (id, at));
            create index m2_v on m2 (v);
            alter table m attach partition m2 \(bounds2025);
            """, expectations: { plan, direction in
                let attach = "ALTER TABLE public.m ATTACH PARTITION public.m2 FOR VALUES FROM ('2025-01-01') TO ('2026-01-01')"
                #expect(PartitionRoundTripTests.statements(plan) == [direction == "A→B" ? attach : "ALTER TABLE public.m DETACH PARTITION public.m2"])
            }),
        RoundTripCase(name: "a partition created by PARTITION OF and the same one attached with its own names", a: """
            \(parent)
            alter table m add primary key (id, at);
            create index m_v on m (v);
            alter table m add constraint m_r_fkey foreign key (r) references ref;
            create table m2 partition of m \(bounds2025);
            """, b: """
            \(parent)
            alter table m add primary key (id, at);
            create index m_v on m (v);
            alter table m add constraint m_r_fkey foreign key (r) references ref;
            create table m2 (id int not null, at date not null, v int, r int, constraint m2_pk primary key (id, at));
            create index m2_v on m2 (v);
            alter table m attach partition m2 \(bounds2025);
            """),
        RoundTripCase(name: "a new partition whose copies carry names of its own", a: """
            \(parent)
            alter table m add primary key (id, at);
            create index m_v on m (v);
            """, b: """
            \(parent)
            alter table m add primary key (id, at);
            create index m_v on m (v);
            create table m2 (id int not null, at date not null, v int, r int, constraint m2_pk primary key (id, at));
            create index m2_v on m2 (v);
            alter table m attach partition m2 \(bounds2025);
            """),
        RoundTripCase(name: "a detached partition keeps its copies of keys, indexes and foreign keys", a: """
            \(parent)
            alter table m add primary key (id, at);
            create index m_v on m (v);
            alter table m add constraint m_r_fkey foreign key (r) references ref;
            alter table m add constraint m_v_check check (v > 0);
            create table m1 partition of m \(bounds2024);
            create table m2 partition of m \(bounds2025);
            """, b: """
            \(parent)
            alter table m add primary key (id, at);
            create index m_v on m (v);
            alter table m add constraint m_r_fkey foreign key (r) references ref;
            alter table m add constraint m_v_check check (v > 0);
            create table m1 partition of m \(bounds2024);
            create table m2 partition of m \(bounds2025);
            alter table m detach partition m2;
            """, expectations: { plan, direction in
                let attach = "ALTER TABLE public.m ATTACH PARTITION public.m2 FOR VALUES FROM ('2025-01-01') TO ('2026-01-01')"
                #expect(PartitionRoundTripTests.statements(plan) == [direction == "A→B" ? "ALTER TABLE public.m DETACH PARTITION public.m2" : attach])
            }),
        RoundTripCase(name: "multi-level partitions gain keys and indexes, and a middle level is detached", a: """
            create table m (id int not null, at date not null, kind text not null, v int) partition by range (at);
            create table m_2024 partition of m \(bounds2024) partition by list (kind);
            create table m_2024_a partition of m_2024 for values in ('a');
            create table m_2024_b partition of m_2024 for values in ('b');
            create table m_2025 partition of m \(bounds2025);
            """, b: """
            create table m (id int not null, at date not null, kind text not null, v int) partition by range (at);
            create table m_2024 partition of m \(bounds2024) partition by list (kind);
            create table m_2024_a partition of m_2024 for values in ('a');
            create table m_2024_b partition of m_2024 for values in ('b');
            create table m_2025 partition of m \(bounds2025);
            alter table m add primary key (id, at, kind);
            create index m_v on m (v);
            """),
        RoundTripCase(name: "a middle level of partitions is detached with its own partitions", a: """
            create table m (id int not null, at date not null, kind text not null, v int, primary key (id, at, kind)) partition by range (at);
            create index m_v on m (v);
            create table m_2024 partition of m \(bounds2024) partition by list (kind);
            create table m_2024_a partition of m_2024 for values in ('a');
            create table m_2025 partition of m \(bounds2025);
            """, b: """
            create table m (id int not null, at date not null, kind text not null, v int, primary key (id, at, kind)) partition by range (at);
            create index m_v on m (v);
            create table m_2024 partition of m \(bounds2024) partition by list (kind);
            create table m_2024_a partition of m_2024 for values in ('a');
            create table m_2025 partition of m \(bounds2025);
            alter table m detach partition m_2024;
            """),
        RoundTripCase(name: "foreign keys from and to partitioned tables", a: """
            create table pm (id int primary key) partition by range (id);
            create table pm1 partition of pm for values from (0) to (100);
            create table pm2 partition of pm for values from (100) to (200);
            create table t (pm_id int, at date not null) partition by range (at);
            create table t1 partition of t \(bounds2024);
            create table plain (pm_id int);
            """, b: """
            create table pm (id int primary key) partition by range (id);
            create table pm1 partition of pm for values from (0) to (100);
            create table pm2 partition of pm for values from (100) to (200);
            create table t (pm_id int references pm, at date not null) partition by range (at);
            create table t1 partition of t \(bounds2024);
            create table plain (pm_id int references pm);
            """),
    ]

    /// A plan's statements without the hazard comments.
    static func statements(_ plan: Plan) -> [String] {
        plan.statements.map(\.sql)
    }

    @Test(arguments: cases) func roundTrip(_ testCase: RoundTripCase) async {
        await RoundTrip.check(testCase)
    }
}
