#!/usr/bin/env python3
"""Lint benchmark (issue 10), three figures measured in one run:

1. `strata lint --format json` of a whole generated project of 2,000 replayable migration
   files (about 12 statements each: tables with keys and foreign keys, indexes, concurrent
   index builds in no-transaction files, constant and volatile defaults, widening and
   rewriting type changes, renames, updates and deletes, functions, SET NOT NULL, NOT VALID
   constraints and their validation, dropped indexes) against the peer `squawk` (PyPI
   `squawk-cli`) given the same 2,000 files in one invocation, as a user types
   `squawk migrations/*.sql`. Floor: `cat` of the same files. Both tools report JSON; the
   number of findings each reported shows that they analysed the files.
2. `strata lint --pending --format json` of 10 new files on a project whose first 1,000
   migrations are applied to a database on the benchmark cluster (target under 0.5 s).
3. `strata lint --pending --observe --format json` of the same 10 files.

The files replay: every run applies the first 1,000 to an empty database for figures 2 and
3, and --verify first applies all of them (a few minutes on a busy machine). The files have
no down part, so both tools analyse exactly the same statements (squawk reads a down part as
SQL too). squawk runs with its defaults, as `squawk migrations/*.sql` does. Besides wall
times the script reports the CPU time (user + system) of the timed program itself (not the
PostgreSQL server's), which stays meaningful when other jobs share the machine.

    python3 Benchmarks/lint.py [--files 2000] [--runs 10] [--pending-runs 20]
                               [--observe-runs 5] [--no-build] [--verify] [--squawk PATH]
    python3 Benchmarks/lint.py --generate-only DIR   # only write the project of figure 1
"""
import argparse
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time

from common import RELEASE_BINARY, Cluster, build_release, log, median, pg_bindir, timed

PEER_VENV_SQUAWK = "/work/venv-peers/bin/squawk"
NO_TRANSACTION_EVERY = 10


def statements(i):
    """The up part of migration `i`: two new tables with keys, a foreign key to the
    previous migration's table and their indexes, then changes to the tables that earlier
    migrations created (which have rows in production), so that the rules that depend on
    what is new and what exists both have work. Migration `i` only touches objects of
    migrations `i - 1` and `i - 2`, in a way every later migration leaves intact, so any
    prefix of the sequence replays on an empty database."""
    concurrent = i % NO_TRANSACTION_EVERY == 0
    p, q = i - 1, i - 2
    out = []
    if not concurrent and i % 6 == 0:
        out.append("SET LOCAL lock_timeout = '3s';")
    elif concurrent and i % 20 == 0:
        out.append("SET lock_timeout = '5s';")
    parent = f",\n    parent_id bigint REFERENCES acct_{p} (id)" if p >= 1 else ""
    out.append(f"CREATE TABLE acct_{i} (\n    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,\n"
               f"    code varchar(32) NOT NULL UNIQUE,\n    name varchar(40),\n    amount integer NOT NULL DEFAULT 0,\n"
               f"    created_at timestamptz NOT NULL DEFAULT now(){parent}\n);")
    out.append(f"CREATE TABLE item_{i} (\n    id bigint PRIMARY KEY,\n    acct_id bigint NOT NULL REFERENCES acct_{i} (id),\n"
               f"    label text,\n    qty integer,\n    price numeric(10, 2),\n    UNIQUE (acct_id, label)\n);")
    out.append(f"CREATE INDEX item_{i}_acct_idx ON item_{i} (acct_id);")
    out.append(f"CREATE INDEX acct_{i}_created_idx ON acct_{i} (created_at);")
    if i % 2 == 0:
        out.append(f"CREATE TABLE note_{i} (id bigint PRIMARY KEY, acct_id bigint, body text);")
    if p < 1:
        return out
    # Changes to the previous migration's tables, which now exist.
    if concurrent:
        exists = " IF NOT EXISTS" if i % 20 == 0 else ""
        out.append(f"CREATE INDEX CONCURRENTLY{exists} acct_{p}_name_idx ON acct_{p} (name);")
        out.append(f"CREATE UNIQUE INDEX CONCURRENTLY item_{p}_price_idx ON item_{p} (acct_id, price);")
    elif i % 4 == 0:
        out.append(f"CREATE INDEX acct_{p}_name_idx ON acct_{p} (name);")
    out.append(f"ALTER TABLE acct_{p} ADD COLUMN " + [
        "active boolean NOT NULL DEFAULT true;",          # constant: no rewrite
        "token uuid DEFAULT gen_random_uuid();",          # volatile: rewrite
        "touched_at timestamptz DEFAULT now();",          # stable: no rewrite
        "seen_at timestamptz DEFAULT clock_timestamp();",  # volatile: rewrite
    ][i % 4])
    out.append(f"ALTER TABLE " + [
        f"acct_{p} ALTER COLUMN name TYPE varchar(80);",  # widening: no rewrite
        f"item_{p} ALTER COLUMN qty TYPE bigint;",        # rewrite
        f"item_{p} ALTER COLUMN label TYPE varchar(200);",  # text to varchar(n): rewrite
        f"acct_{p} ALTER COLUMN code TYPE text;",         # varchar to text: no rewrite
    ][i % 4])
    if i % 5 == 1:
        out.append(f"ALTER TABLE item_{p} ADD COLUMN sku text NOT NULL;")
    if i % 6 == 3:
        out.append(f"ALTER TABLE acct_{p} ADD CONSTRAINT acct_{p}_amount_check CHECK (amount >= 0);")
    if i % 8 == 5:
        out.append(f"ALTER TABLE item_{p} ADD CONSTRAINT item_{p}_id_label_key UNIQUE (id, label);")
    if i % 2 == 1:
        out.append(f"ALTER TABLE item_{p} RENAME COLUMN price TO unit_price;")
    out.append([
        f"UPDATE acct_{p} SET amount = 0;",
        f"UPDATE acct_{p} SET amount = amount + 1 WHERE id < 100;",
        f"DELETE FROM item_{p} WHERE qty IS NULL;",
    ][i % 3])
    if i % 4 == 0:
        out.append(f"CREATE FUNCTION acct_{i}_items(p_acct bigint) RETURNS bigint LANGUAGE plpgsql STABLE AS $$\n"
                   f"BEGIN\n    RETURN (SELECT count(*) FROM item_{i} WHERE acct_id = p_acct);\nEND\n$$;")
    if i % 3 == 2:
        out.append(f"ALTER TABLE acct_{p} ADD CONSTRAINT acct_{p}_name_present CHECK (name IS NOT NULL) NOT VALID;")
        out.append(f"ALTER TABLE acct_{p} VALIDATE CONSTRAINT acct_{p}_name_present;")
    out.append(f"ALTER TABLE acct_{p} ALTER COLUMN name SET NOT NULL;")
    if i % 2 == 1:
        out.append(f"ALTER TABLE note_{p} ADD CONSTRAINT note_{p}_acct_fk FOREIGN KEY (acct_id) REFERENCES acct_{p} (id) NOT VALID;")
    elif q >= 1:
        # The safe pattern: validated by the next migration, the one after the add.
        out.append(f"ALTER TABLE note_{q} VALIDATE CONSTRAINT note_{q}_acct_fk;")
    if concurrent:
        out.append(f"DROP INDEX CONCURRENTLY acct_{p}_created_idx;")
    else:
        out.append(f"DROP INDEX acct_{p}_created_idx;")
    if i % 9 == 4:
        out.append(f"ALTER TABLE acct_{p} DROP COLUMN amount;")
    if q >= 2 and i % 14 == 0:
        out.append(f"ALTER TABLE note_{q} RENAME TO note_{q}_archived;")
    elif q >= 2 and i % 50 == 26:
        out.append(f"DROP TABLE note_{q};")
    return out


def migration_text(i):
    header = "-- strata:no-transaction\n" if i % NO_TRANSACTION_EVERY == 0 else ""
    return f"-- Generated migration {i} for the lint benchmark.\n{header}-- strata:up\n" + "\n".join(statements(i)) + "\n"


def write_migrations(folder, first, last):
    os.makedirs(folder, exist_ok=True)
    names = []
    for i in range(first, last + 1):
        name = f"{i:06d}_step_{i}.sql"
        with open(os.path.join(folder, name), "w") as f:
            f.write(migration_text(i))
        names.append(name)
    return names


def write_project(base, name, count, scratch_url, postgres_version=None):
    project = os.path.join(base, name)
    os.makedirs(project)
    with open(os.path.join(project, "strata.yaml"), "w") as f:
        f.write(f'migrations: migrations\nscratch_url: "{scratch_url}"\n')
        if postgres_version:
            # The benchmark cluster's version, which `lint` of the whole project has no server to ask.
            f.write(f"lint: {{postgres_version: {postgres_version}}}\n")
    names = write_migrations(os.path.join(project, "migrations"), 1, count)
    return project, [os.path.join("migrations", n) for n in names]


def find_squawk(explicit):
    candidates = [explicit] if explicit else [shutil.which("squawk"), PEER_VENV_SQUAWK]
    for candidate in candidates:
        if candidate and os.path.isfile(candidate) and os.access(candidate, os.X_OK):
            return candidate
    where = explicit or f"PATH or {PEER_VENV_SQUAWK}"
    sys.exit(f"squawk not found in {where}: install the peer with `pip install squawk-cli` "
             "(for example into /work/venv-peers) or pass --squawk PATH")


def check_postgres():
    bindir = pg_bindir()
    missing = [p for p in ("initdb", "pg_ctl", "postgres", "psql") if not os.path.exists(os.path.join(bindir, p))]
    if missing:
        sys.exit(f"PostgreSQL binaries missing in {bindir}: {', '.join(missing)} "
                 "(apt-get install -y postgresql, or brew install postgresql@15)")


def check_lint_command(strata):
    """Exits when `strata lint` is missing; returns whether it has --observe."""
    # An unknown subcommand's --help prints the top-level help (and exits 0).
    result = subprocess.run([strata, "lint", "--help"], capture_output=True, text=True)
    if result.returncode != 0 or "USAGE: strata lint" not in result.stdout:
        sys.exit(f"{strata} has no `lint` command: build a Strata that has it (issue 10)")
    return "--observe" in result.stdout


def server_major(cluster):
    result = subprocess.run([cluster.psql, "-X", "-At", "-d", cluster.url("postgres"), "-c", "SHOW server_version_num"],
                            capture_output=True, text=True, check=True)
    return int(result.stdout.strip()) // 10000


def run_json(argv, cwd=None, ok=(0,)):
    result = subprocess.run(argv, cwd=cwd, capture_output=True, text=True)
    if result.returncode not in ok:
        raise RuntimeError(f"{argv[0]} exited {result.returncode}: {result.stderr[-2000:]}")
    return result.stdout


def strata_counts(output):
    document = json.loads(output)
    findings = document["findings"]
    codes = {}
    for finding in findings:
        codes[finding["code"]] = codes.get(finding["code"], 0) + 1
    return len(findings), document["summary"], codes


def squawk_count(output):
    """squawk's JSON reporter prints one array of violations (older versions: one per file)."""
    text = output.strip()
    if not text:
        return 0, {}
    decoder = json.JSONDecoder()
    violations, position = [], 0
    while position < len(text):
        value, end = decoder.raw_decode(text, position)
        violations.extend(value if isinstance(value, list) else [value])
        position = end
        while position < len(text) and text[position].isspace():
            position += 1
    codes = {}
    for violation in violations:
        code = violation.get("rule_name") or violation.get("rule") or "?"
        codes[code] = codes.get(code, 0) + 1
    return len(violations), codes


def timed_cpu(argv, cwd=None, ok=(0,)):
    """Wall time and CPU time (user + system, all threads) of one run. The CPU time shows
    the work done when other jobs share the machine and stretch the wall time."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    wall = timed(argv, cwd=cwd, ok=ok)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def shuffled(contenders, runs, cwd):
    """`runs` rounds after an uncounted warm-up round, contenders in a new random order each
    round. Returns {name: [seconds per round]} for the wall time and the CPU time."""
    times = {name: [] for name, _, _ in contenders}
    cpu = {name: [] for name, _, _ in contenders}
    for run in range(-1, runs):
        order = contenders[:]
        random.shuffle(order)
        for name, argv, ok in order:
            wall, used = timed_cpu(argv, cwd=cwd, ok=ok)
            if run >= 0:
                times[name].append(wall)
                cpu[name].append(used)
        if run >= 0:
            log(f"run {run + 1}/{runs}: " + ", ".join(f"{n}={times[n][-1]:.3f}s" for n, _, _ in contenders))
    return times, cpu


def repeat(argv, runs, cwd=None, ok=(0,)):
    timed(argv, cwd=cwd, ok=ok)  # warm-up
    walls, cpus = [], []
    for run in range(runs):
        wall, used = timed_cpu(argv, cwd=cwd, ok=ok)
        walls.append(wall)
        cpus.append(used)
        log(f"  {run + 1}/{runs}: {wall:.3f}s (CPU {used:.3f}s)")
    return walls, cpus


def print_codes(title, codes):
    listed = ", ".join(f"{code} {count}" for code, count in sorted(codes.items(), key=lambda kv: (-kv[1], kv[0])))
    print(f"  {title}: {listed or 'none'}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--files", type=int, default=2000, help="migration files in the whole-project figure")
    parser.add_argument("--applied", type=int, default=1000, help="applied migrations in the --pending figures")
    parser.add_argument("--pending", type=int, default=10, help="new files in the --pending figures")
    parser.add_argument("--runs", type=int, default=10, help="rounds of the whole-project figure")
    parser.add_argument("--pending-runs", type=int, default=20)
    parser.add_argument("--observe-runs", type=int, default=5)
    parser.add_argument("--no-build", action="store_true")
    parser.add_argument("--verify", action="store_true", help="first check that all the files replay (strata up)")
    parser.add_argument("--squawk", help="path of the squawk executable")
    parser.add_argument("--generate-only", metavar="DIR",
                        help="write the whole project into DIR (the files only) and stop")
    args = parser.parse_args()

    if args.generate_only:
        project, _ = write_project(os.path.abspath(args.generate_only), "project", args.files, "")
        print(project)
        return

    squawk = find_squawk(args.squawk)
    check_postgres()
    strata = RELEASE_BINARY if args.no_build else build_release()
    has_observe = check_lint_command(strata)
    if not has_observe:
        log("this strata's lint has no --observe: figure 3 is skipped")

    base = tempfile.mkdtemp(prefix="strata-bench-lint-")
    cluster = Cluster(strata, os.path.join(base, "cluster"))
    scratch = cluster.url("postgres")
    try:
        version = server_major(cluster)
        project, files = write_project(base, "whole", args.files, scratch, version)
        log(f"wrote {len(files)} migration files to {project}")
        if args.verify:
            cluster.fresh("bench_lint_replay")
            started = time.perf_counter()
            result = subprocess.run([strata, "-C", project, "--url", cluster.url("bench_lint_replay"), "--quiet", "up"],
                                    capture_output=True, text=True)
            if result.returncode != 0:
                sys.exit(f"the generated files do not replay (strata up exited {result.returncode}):\n{result.stderr[-3000:]}")
            log(f"replay check: strata up applied {len(files)} files to an empty database in {time.perf_counter() - started:.1f}s")
            cluster.drop("bench_lint_replay")

        # 1. The whole project: floor, strata, squawk.
        lint_all = [strata, "-C", project, "lint", "--format", "json"]
        squawk_all = [squawk, "--reporter", "json"] + files
        contenders = [("cat (floor)", ["cat"] + files, (0,)),
                      ("strata lint --format json", lint_all, (0, 4)),
                      ("squawk --reporter json", squawk_all, (0, 1))]
        strata_findings, strata_summary, strata_codes = strata_counts(run_json(lint_all, cwd=project, ok=(0, 4)))
        squawk_findings, squawk_codes = squawk_count(run_json(squawk_all, cwd=project, ok=(0, 1)))
        log(f"whole project: strata {strata_findings} findings, squawk {squawk_findings} findings")
        whole, whole_cpu = shuffled(contenders, args.runs, project)

        # 2 and 3. Pending files on a project with applied migrations.
        pending_project, _ = write_project(base, "pending", args.applied, scratch, version)
        cluster.fresh("bench_lint_pending")
        url = cluster.url("bench_lint_pending")
        started = time.perf_counter()
        timed([strata, "-C", pending_project, "--url", url, "--quiet", "up"])
        log(f"applied {args.applied} migrations in {time.perf_counter() - started:.1f}s")
        write_migrations(os.path.join(pending_project, "migrations"), args.applied + 1, args.applied + args.pending)
        lint_pending = [strata, "-C", pending_project, "--url", url, "lint", "--pending", "--format", "json"]
        lint_observe = lint_pending + ["--observe"]
        pending_findings, pending_summary, pending_codes = strata_counts(run_json(lint_pending, ok=(0, 4)))
        if has_observe:
            observe_findings, observe_summary, observe_codes = strata_counts(run_json(lint_observe, ok=(0, 4)))
        log("lint --pending:")
        pending, pending_cpu = repeat(lint_pending, args.pending_runs, ok=(0, 4))
        if has_observe:
            log("lint --pending --observe:")
            observe, observe_cpu = repeat(lint_observe, args.observe_runs, ok=(0, 4))
    finally:
        cluster.stop()
        shutil.rmtree(base, ignore_errors=True)

    floor_name = contenders[0][0]
    peer = subprocess.run([squawk, "--version"], capture_output=True, text=True).stdout.strip()
    print(f"\n1. Lint a whole project of {args.files} migration files; {args.runs} rounds after a warm-up, "
          "contenders shuffled within each round")
    print("ratio: median over rounds of (contender / floor of the same round)")
    print(f"{'contender':28} {'median s':>9} {'vs floor':>9} {'CPU s':>7} {'findings':>9}")
    counts = {contenders[1][0]: strata_findings, contenders[2][0]: squawk_findings}
    for name, _, _ in contenders:
        ratio = median([t / f for t, f in zip(whole[name], whole[floor_name])])
        found = counts.get(name)
        print(f"{name:28} {median(whole[name]):9.3f} {ratio:8.2f}x {median(whole_cpu[name]):7.3f} "
              f"{'' if found is None else found:>9}")
    strata_name, squawk_name = contenders[1][0], contenders[2][0]
    versus = median([s / p for s, p in zip(whole[strata_name], whole[squawk_name])])
    versus_cpu = median(whole_cpu[strata_name]) / median(whole_cpu[squawk_name])
    print(f"strata / squawk: {versus:.2f}x wall (median over rounds; below 1 is faster than squawk), "
          f"{versus_cpu:.2f}x CPU (ratio of medians); peer: {peer}")
    print(f"  strata summary: {strata_summary}")
    print_codes("strata findings by code", strata_codes)
    print_codes("squawk findings by rule", squawk_codes)

    print(f"\n2. strata lint --pending: {args.pending} new files, {args.applied} applied; median of {args.pending_runs}")
    print(f"  {median(pending) * 1000:.1f} ms (min {min(pending) * 1000:.1f}, max {max(pending) * 1000:.1f}; "
          f"CPU {median(pending_cpu) * 1000:.1f} ms); "
          f"target under 500 ms; {pending_findings} findings, summary {pending_summary}")
    print_codes("findings by code", pending_codes)
    if not has_observe:
        print("\n3. strata lint --pending --observe: skipped, this strata's lint has no --observe")
        return
    print(f"\n3. strata lint --pending --observe: the same files; median of {args.observe_runs}")
    print(f"  {median(observe) * 1000:.1f} ms (min {min(observe) * 1000:.1f}, max {max(observe) * 1000:.1f}; "
          f"CPU {median(observe_cpu) * 1000:.1f} ms); "
          f"{observe_findings} findings, summary {observe_summary}")
    print_codes("findings by code", observe_codes)


if __name__ == "__main__":
    main()
