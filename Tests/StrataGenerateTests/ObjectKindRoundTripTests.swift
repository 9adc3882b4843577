import Foundation
import StrataDiff
import StrataSchema
import Testing

/// Round trips on a real server for the kinds of issue 9 part 2 (DESIGN §9): aggregates,
/// window functions, range types, column settings, storage parameters, replica identity,
/// rules, extended statistics, casts, operators and text search. Each case is planned both
/// ways (A→B and B→A); the plan must apply, leave nothing to re-plan, and give equal
/// fingerprints.
@Suite(.serialized) struct ObjectKindRoundTripTests {
    static let cases: [RoundTripCase] = [
        RoundTripCase(name: "aggregates: created, replaced, dropped, ordered-set, used by a view", a: """
            create function cat(text, text) returns text language sql immutable as $$ select $1 || ',' || $2 $$;
            create aggregate joined(text) (sfunc = cat, stype = text);
            create aggregate gone(int) (sfunc = int4pl, stype = int);
            create table t (name text, n int);
            """, b: """
            create function cat(text, text) returns text language sql immutable as $$ select $1 || ',' || $2 $$;
            create aggregate joined(text) (sfunc = cat, stype = text, initcond = '');
            create aggregate median(float8 order by float8) (sfunc = ordered_set_transition, stype = internal,
                finalfunc = percentile_disc_final, finalfunc_extra);
            create aggregate counted(*) (sfunc = int8inc, stype = int8, initcond = '0');
            create table t (name text, n int);
            create view names as select joined(name) as all_names, counted(*) as how_many from t;
            comment on aggregate joined(text) is 'names joined by commas';
            """),
        RoundTripCase(name: "window functions", a: """
            create table t (id int);
            """, b: """
            create function my_rank() returns bigint language internal window immutable as 'window_rank';
            create table t (id int);
            """),
        RoundTripCase(name: "range types: created, dropped, changed with a column and a function using them", a: """
            create type floatrange as range (subtype = float8);
            create type gone as range (subtype = int4);
            create table t (id int, span floatrange);
            create function width(r floatrange) returns float8 language sql immutable as $$ select upper(r) - lower(r) $$;
            """, b: """
            create type floatrange as range (subtype = float8, subtype_diff = float8mi);
            create type textrange as range (subtype = text, collation = "C", multirange_type_name = text_ranges);
            create table t (id int, span floatrange, names textrange);
            create function width(r floatrange) returns float8 language sql immutable as $$ select upper(r) - lower(r) $$;
            comment on type textrange is 'ranges of names';
            """),
        RoundTripCase(name: "column settings: options, statistics targets, storage, compression", a: """
            create table t (a int, b text, c text, d text compression lz4, e numeric);
            alter table t alter column a set (n_distinct = -0.5), alter column a set statistics 500,
                alter column b set storage main, alter column e set storage plain;
            create table p (id int, note text) partition by list (id);
            create table p1 partition of p for values in (1);
            """, b: """
            create table t (a int, b text, c text, d text, e numeric, f text compression pglz);
            alter table t alter column a set (n_distinct = 100, n_distinct_inherited = 5), alter column c set storage external,
                alter column c set statistics 50;
            create table p (id int, note text) partition by list (id);
            alter table only p alter column note set storage main, alter column id set statistics 1000;
            create table p1 partition of p for values in (1);
            alter table only p1 alter column note set storage external;
            """),
        RoundTripCase(name: "storage set back to the type's own (main for inet, extended for text)", a: """
            create table t (ip inet, note text);
            alter table t alter column ip set storage external, alter column note set storage main;
            """, b: """
            create table t (ip inet, note text);
            """),
        RoundTripCase(name: "privileges on aggregates over all rows and ordered-set aggregates", a: """
            create aggregate counted(*) (sfunc = int8inc, stype = int8, initcond = '0');
            create aggregate median(float8 order by float8) (sfunc = ordered_set_transition, stype = internal,
                finalfunc = percentile_disc_final, finalfunc_extra);
            """, b: """
            create aggregate counted(*) (sfunc = int8inc, stype = int8, initcond = '0');
            create aggregate median(float8 order by float8) (sfunc = ordered_set_transition, stype = internal,
                finalfunc = percentile_disc_final, finalfunc_extra);
            revoke execute on function counted() from public;
            revoke execute on function median(float8, float8) from public;
            """),
        RoundTripCase(name: "column settings survive a type change", a: """
            create table t (a text, b varchar(10));
            alter table t alter column a set storage main, alter column b set (n_distinct = 3);
            """, b: """
            create table t (a varchar(20), b text);
            alter table t alter column a set storage main, alter column b set (n_distinct = 3), alter column b set storage external;
            """),
        RoundTripCase(name: "storage parameters of a table and its TOAST table", a: """
            create table t (id int, body text) with (fillfactor = 70, toast.autovacuum_enabled = false);
            """, b: """
            create table t (id int, body text) with (autovacuum_vacuum_scale_factor = 0.01, toast.autovacuum_vacuum_cost_delay = 5);
            """),
        RoundTripCase(name: "replica identity: full, nothing, using an index, and an index rebuilt under it", a: """
            create table a (id int not null, code text not null);
            create unique index a_code on a (code);
            alter table a replica identity using index a_code;
            create table b (id int);
            create table c (id int primary key);
            alter table c replica identity full;
            """, b: """
            create table a (id int not null, code text not null);
            create unique index a_code on a (code, id);
            alter table a replica identity using index a_code;
            create table b (id int);
            alter table b replica identity nothing;
            create table c (id int primary key, key int not null constraint c_key unique);
            alter table c replica identity using index c_key;
            """),
        RoundTripCase(name: "rules on tables and views: created, replaced, disabled, dropped", a: """
            create table t (id int, note text);
            create table log (id int);
            create rule t_keep as on delete to t do instead nothing;
            create rule t_log as on insert to t do also insert into log values (new.id);
            create view v as select id, note from t;
            """, b: """
            create table t (id int, note text);
            create table log (id int);
            create rule t_log as on insert to t do also insert into log values (new.id * 10);
            alter table t disable rule t_log;
            create view v as select id, note from t;
            create rule v_insert as on insert to v do instead insert into t values (new.id, new.note);
            comment on rule v_insert on v is 'writable view';
            """),
        RoundTripCase(name: "extended statistics: created, changed, target set, dropped, on a rebuilt table", a: """
            create table t (a int, b int, c int);
            create statistics t_ab (ndistinct) on a, b from t;
            create statistics t_gone on a, c from t;
            create table r (x int, y int) partition by range (x);
            create statistics r_xy on x, y from r;
            """, b: """
            create table t (a int, b int, c int);
            create statistics t_ab (ndistinct, dependencies) on a, b from t;
            alter statistics t_ab set statistics 500;
            create statistics t_expr on (a + b), c from t;
            create table r (x int, y int) partition by list (x);
            create statistics r_xy on x, y from r;
            """),
        RoundTripCase(name: "casts: function and inout, context changed, dropped", a: """
            create type pair as (a int, b int);
            create function pair_sum(pair) returns int language sql immutable as $$ select $1.a + $1.b $$;
            create cast (pair as int) with function pair_sum(pair);
            create cast (pair as text) with inout as assignment;
            """, b: """
            create type pair as (a int, b int);
            create function pair_sum(pair) returns int language sql immutable as $$ select $1.a + $1.b $$;
            create cast (pair as int) with function pair_sum(pair) as implicit;
            create cast (text as pair) with inout;
            comment on cast (pair as int) is 'sum of the pair';
            """),
        RoundTripCase(name: "operators: a commutator pair, changed, dropped, used by a view", a: """
            create function lt_abs(int, int) returns boolean language sql immutable as $$ select abs($1) < abs($2) $$;
            create function gt_abs(int, int) returns boolean language sql immutable as $$ select abs($1) > abs($2) $$;
            create operator <<< (function = lt_abs, leftarg = int, rightarg = int);
            create operator !!! (function = gt_abs, leftarg = int, rightarg = int);
            create table t (x int);
            """, b: """
            create function lt_abs(int, int) returns boolean language sql immutable as $$ select abs($1) < abs($2) $$;
            create function gt_abs(int, int) returns boolean language sql immutable as $$ select abs($1) > abs($2) $$;
            create operator <<< (function = lt_abs, leftarg = int, rightarg = int, commutator = >>>, restrict = scalarltsel);
            create operator >>> (function = gt_abs, leftarg = int, rightarg = int, commutator = <<<);
            create function neg(int) returns int language sql immutable as $$ select -$1 $$;
            create operator ~~~ (function = neg, rightarg = int);
            create table t (x int);
            create view small as select x from t where x <<< 10;
            """),
        RoundTripCase(name: "text search: dictionaries and configurations with mappings", a: """
            create text search dictionary english_stem_nostop (template = snowball, language = 'english');
            create text search configuration docs (parser = default);
            alter text search configuration docs add mapping for asciiword, word with english_stem_nostop;
            alter text search configuration docs add mapping for email with simple;
            create text search configuration gone (copy = simple);
            """, b: """
            create text search dictionary english_stem_nostop (template = snowball, language = 'english', stopwords = 'english');
            create text search dictionary simple_accents (template = simple, accept = false);
            create text search configuration docs (parser = default);
            alter text search configuration docs add mapping for asciiword with english_stem_nostop, simple;
            alter text search configuration docs add mapping for word, numword with simple_accents;
            create table articles (body text);
            create index articles_fts on articles using gin (to_tsvector('docs'::regconfig, body));
            comment on text search configuration docs is 'for articles';
            """),
    ]

    @Test(arguments: cases) func roundTrip(_ testCase: RoundTripCase) async {
        var checked = testCase
        checked.expectations = { plan, direction in #expect(!plan.isEmpty, "\(testCase.name) \(direction): nothing was planned") }
        await RoundTrip.check(checked)
    }
}
