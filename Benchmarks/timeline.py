#!/usr/bin/env python3
"""Where the time of `strata status` and `strata diff` goes (issue 11), phase by phase.

The release binary, run with STRATA_TIMELINE=1, writes `strata-timeline mark <phase> <ns>`
(a point reached, on the system's monotonic clock) and `strata-timeline span <phase> <ns>`
(a duration, summed per phase) to stderr. This script reads the same clock (Python's
time.monotonic_ns is CLOCK_MONOTONIC on Linux) just before starting the process and just
after it exits, so it also times what happens before `main` (exec, loading, runtime start-up)
and after the last mark (exit). Each phase is reported as its median over the runs, beside
the whole run's median and the floor (`psql -X -c 'SELECT 1'` for status; psql running the
same catalog queries for diff) measured in the same run.

    python3 Benchmarks/timeline.py [--count 1000] [--runs 30] [--diff-runs 10] [--no-build]

status phases: start → main (process start, before any of our code), main → parsed
(argument parsing), parsed → configured (strata.yaml, output), configured → connected
(target resolution, the connection: `connect` is the part inside PostgresSession.connect),
connected → history-read (the history query), history-read → files-read (waiting for the
migration files read in parallel), files-read → rendered (status and output), rendered →
exit (closing the session, leaving the task), exit → end (process teardown).

diff phases: start → main, main → configured, configured → schemas-read (both databases read
in parallel: the spans `connect`, `catalog-queries` (from handing every query to the session
at once until the last rows came back: the server runs them back to back while the client
decodes and builds the model, so it holds server time, transfer and whatever decoding and
model building the server did not wait for), `decoding` (rows to catalog items, inside the
previous span) and `introspection` (the whole read; introspection − catalog-queries is what
was left after the last rows: the end of model building and sorting), summed over both
databases), schemas-read → planned
(the differ), planned → rendered (SQL text), rendered → end.

up phases (the same migrations as Benchmarks/apply.py, on a fresh database each run, in
batch and each mode): configured → connected (the migration files are read meanwhile, on
another thread), connected → files-read (waiting for them), files-read → locked (session
settings, the advisory lock), locked → history-read (the history table made if missing,
then read), history-read → planned (the checks, every file to apply parsed on every core
(span `parse`), and the lint of the files (span `lint`, which reads those parses)),
planned → applied (running the migrations and writing the history), applied → status-read
(the history read again for the summary), status-read → rendered, rendered → end. Floor:
`psql -1 -f` of the same statements.
"""
import argparse
import os
import shutil
import subprocess
import tempfile
import time

from apply import write_project
from common import RELEASE_BINARY, Cluster, build_release, load_schemas, log, median, write_catalog_queries
from schema_gen import change, generate, render

STATUS_MARKS = ["main", "parsed", "configured", "connected", "history-read", "files-read", "rendered", "exit"]
DIFF_MARKS = ["main", "parsed", "configured", "schemas-read", "planned", "rendered", "exit"]
UP_MARKS = ["main", "parsed", "configured", "connected", "files-read", "locked", "history-read", "planned", "applied",
            "status-read", "rendered", "exit"]


def run_traced(argv, env, ok=(0,)):
    """Runs argv with the timeline on; returns (marks in ms from start, spans in ms, total ms)."""
    start = time.monotonic_ns()
    result = subprocess.run(argv, env=dict(env, STRATA_TIMELINE="1"), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    end = time.monotonic_ns()
    if result.returncode not in ok:
        raise SystemExit(f"{' '.join(argv)} exited {result.returncode}:\n{result.stderr}")
    marks, spans = {}, {}
    for line in result.stderr.splitlines():
        parts = line.split()
        if len(parts) == 4 and parts[0] == "strata-timeline":
            value = int(parts[3])
            if parts[1] == "mark":
                marks[parts[2]] = (value - start) / 1e6
            else:
                spans[parts[2]] = spans.get(parts[2], 0.0) + value / 1e6
    marks["end"] = (end - start) / 1e6
    return marks, spans, (end - start) / 1e6


def timed_ms(argv, env, ok=(0,)):
    start = time.monotonic_ns()
    result = subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    if result.returncode not in ok:
        raise SystemExit(f"{' '.join(argv)} exited {result.returncode}")
    return (time.monotonic_ns() - start) / 1e6


def report(title, marks_order, runs, floor_times, floor_name):
    """Prints the median of each phase (between consecutive marks) and of each span."""
    print(f"\n{title}: median of {len(runs)} runs, milliseconds")
    totals = [total for _, _, total in runs]
    previous = "start"
    for mark in marks_order + ["end"]:
        durations = [m[mark] - (m[previous] if previous != "start" else 0.0) for m, _, _ in runs if mark in m and (previous == "start" or previous in m)]
        if durations:
            print(f"  {previous:>13} → {mark:<13} {median(durations):8.2f}")
            previous = mark
    span_names = sorted({name for _, spans, _ in runs for name in spans})
    for name in span_names:
        print(f"  span {name:<22} {median([s.get(name, 0.0) for _, s, _ in runs]):8.2f}")
    if "introspection" in span_names:
        building = [s.get("introspection", 0) - s.get("catalog-queries", 0) for _, s, _ in runs]
        print(f"  span {'after the last rows (derived)':<22} {median(building):8.2f}")
    floor = median(floor_times)
    print(f"  whole run {median(totals):8.2f} ms; floor ({floor_name}) {floor:8.2f} ms; ratio {median(totals) / floor:5.2f}x")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=1000, help="applied migrations for status")
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--diff-runs", type=int, default=10)
    parser.add_argument("--up-runs", type=int, default=5, help="runs of up per mode (0 to skip)")
    parser.add_argument("--no-build", action="store_true")
    args = parser.parse_args()

    strata = RELEASE_BINARY if args.no_build else build_release()
    base = tempfile.mkdtemp(prefix="strata-bench-timeline-")
    cluster = Cluster(strata, os.path.join(base, "cluster"))
    env = dict(os.environ, NO_COLOR="1")
    try:
        project = write_project(base, args.count)
        cluster.fresh("timeline_status")
        url = cluster.url("timeline_status")
        subprocess.run([strata, "-C", project, "--url", url, "--quiet", "up"], env=env, check=True, stdout=subprocess.DEVNULL)
        status_runs, status_floor = [], []
        for _ in range(args.runs):
            status_runs.append(run_traced([strata, "-C", project, "--url", url, "status"], env))
            status_floor.append(timed_ms([cluster.psql, "-X", "-q", "-c", "SELECT 1", "-d", url], env))
        report(f"strata status, {args.count} applied", STATUS_MARKS, status_runs, status_floor, "psql -c 'SELECT 1'")

        model = generate()
        load_schemas(cluster, base, {"timeline_a": render(model), "timeline_b": render(change(model))})
        queries = write_catalog_queries(strata, base)
        a, b = cluster.url("timeline_a"), cluster.url("timeline_b")
        diff_runs, diff_floor = [], []
        for _ in range(args.diff_runs):
            diff_runs.append(run_traced([strata, "diff", "--from", a, "--to", b, "--format", "sql"], env, ok=(0, 2)))
            diff_floor.append(sum(timed_ms([cluster.psql, "-X", "-q", "-o", "/dev/null", "-f", queries, "-d", u], env) for u in (a, b)))
        report("strata diff, two 500-table databases", DIFF_MARKS, diff_runs, diff_floor, "psql running the catalog queries on both")

        for mode in ("batch", "each") if args.up_runs > 0 else ():
            up_runs, up_floor = [], []
            for run in range(args.up_runs):
                cluster.fresh(f"timeline_up_{mode}_{run}")
                up_runs.append(run_traced([strata, "-C", project, "--url", cluster.url(f"timeline_up_{mode}_{run}"), "--quiet", "up",
                                           "--transaction", mode], env))
                cluster.fresh(f"timeline_floor_{mode}_{run}")
                up_floor.append(timed_ms([cluster.psql, "-X", "-q", "-1", "-v", "ON_ERROR_STOP=1", "-f", os.path.join(base, "all.sql"),
                                          "-d", cluster.url(f"timeline_floor_{mode}_{run}")], env))
            report(f"strata up --transaction {mode}, {args.count} migrations", UP_MARKS, up_runs, up_floor, "psql -1 -f")
    finally:
        cluster.stop()
        shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    log("timeline benchmark")
    main()
