#!/usr/bin/env python3
"""Diff benchmark (issue 3): a generated schema of 500 tables (~5,000 columns, 300 foreign
keys, 800 indexes, 20 enums, 50 views, 50 functions, 20 triggers) and a copy with about 5%
changed, in two databases on a durable local cluster.

Contenders, measured in the same run, medians of N:
- floor: the same catalog queries Strata runs (printed by `strata debug catalog-queries`),
  run by psql against both databases;
- strata diff between the two databases;
- migra (when installed, e.g. in a virtual environment: pip install migra psycopg2-binary).
Then the plan is applied to the first database, and both databases must give the same
normalised `pg_dump --schema-only --no-owner` (the same normalisation as the tests'
SchemaDump oracle: no comments, blank lines or settings; lines compared as a sorted list).

    python3 Benchmarks/diff.py [--runs 5] [--no-build] [--migra PATH]
"""
import argparse
import os
import shutil
import subprocess
import tempfile

from common import RELEASE_BINARY, Cluster, build_release, load_schemas, log, median, timed, write_catalog_queries
from schema_gen import change, generate, render


def schema_dump(pg_dump, url):
    """pg_dump --schema-only of one database, normalised: sorted lines without comments,
    blank lines, settings and psql's \\restrict lines (column order does not count)."""
    text = subprocess.run([pg_dump, "--schema-only", "--no-owner", "--dbname", url],
                          check=True, capture_output=True, text=True).stdout
    noise = ("--", "SET ", "SELECT pg_catalog.set_config(", "\\restrict", "\\unrestrict")
    return sorted(line.rstrip(",") for line in text.splitlines() if line.strip() and not line.startswith(noise))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--no-build", action="store_true")
    parser.add_argument("--migra", default=shutil.which("migra") or "/work/venv-peers/bin/migra")
    args = parser.parse_args()

    strata = RELEASE_BINARY if args.no_build else build_release()
    base = tempfile.mkdtemp(prefix="strata-bench-diff-")
    cluster = Cluster(strata, os.path.join(base, "cluster"))
    env = dict(os.environ, NO_COLOR="1")
    model = generate()
    files = {"bench_a": render(model), "bench_b": render(change(model))}
    try:
        load_schemas(cluster, base, files)
        cluster.admin("CHECKPOINT")
        queries = write_catalog_queries(strata, base)
        a, b = cluster.url("bench_a"), cluster.url("bench_b")

        def floor():
            return sum(timed([cluster.psql, "-X", "-q", "-o", "/dev/null", "-f", queries, "-d", url], env=env) for url in (a, b))

        contenders = [("catalog queries by psql (floor)", floor),
                      ("strata diff", lambda: timed([strata, "diff", "--from", a, "--to", b, "--format", "sql"], env=env, ok=(0, 2)))]
        if args.migra and os.path.exists(args.migra):
            contenders.append(("migra --unsafe", lambda: timed([args.migra, "--unsafe", a.replace("postgres://", "postgresql://"),
                                                                 b.replace("postgres://", "postgresql://")], env=env, ok=(0, 2))))
        times = {name: [] for name, _ in contenders}
        for run in range(args.runs):
            for name, runner in contenders:
                times[name].append(runner())
            log(f"run {run + 1}/{args.runs}: " + ", ".join(f"{n}={times[n][-1]:.3f}s" for n, _ in contenders))

        plan = subprocess.run([strata, "diff", "--from", a, "--to", b, "--format", "sql"], capture_output=True, text=True, env=env)
        plan_path = os.path.join(base, "plan.sql")
        with open(plan_path, "w") as f:
            f.write(plan.stdout)
        subprocess.run([cluster.psql, "-X", "-q", "-v", "ON_ERROR_STOP=1", "-f", plan_path, "-d", a], check=True, stdout=subprocess.DEVNULL)
        pg_dump = os.path.join(os.path.dirname(cluster.psql), "pg_dump")
        prints = [schema_dump(pg_dump, url) for url in (a, b)]
        statements = plan.stdout.count(";\n")
    finally:
        cluster.stop()
        shutil.rmtree(base, ignore_errors=True)

    floor_time = median(times[contenders[0][0]])
    print(f"\nDiff of a 500-table schema against a ~5% changed copy; median of {args.runs} runs")
    peer = "migra --unsafe" if "migra --unsafe" in times else None
    print(f"{'contender':34} {'median s':>9} {'vs floor':>9}" + (f" {'vs migra':>9}" if peer else ""))
    for name, _ in contenders:
        value = median(times[name])
        line = f"{name:34} {value:9.3f} {value / floor_time:8.2f}x"
        if peer:
            line += f" {value / median(times[peer]):8.2f}x"
        print(line)
    if peer:
        print(f"strata is {median(times[peer]) / median(times['strata diff']):.1f}x faster than migra "
              "(target, issue 11: at least 5x, and at most 1.5x the floor)")
    print(f"plan: {statements} statements; applied to A, schema dumps equal: {prints[0] == prints[1]}")


if __name__ == "__main__":
    main()
