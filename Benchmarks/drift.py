#!/usr/bin/env python3
"""Drift benchmark (issue 13): `strata drift` of a database built from a 500-table migration
(the schema of the diff benchmark) against the migrations applied there, beside `strata diff`
of the same pair of schemas as two databases (the target, and a copy psql loaded), measured
in the same run. The drift check's extra cost over diff is the replay of the migration on a
scratch database.

    python3 Benchmarks/drift.py [--runs 5] [--no-build]
"""
import argparse
import os
import shutil
import tempfile

from common import RELEASE_BINARY, Cluster, build_release, load_schemas, log, median, timed
from schema_gen import generate, render


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--no-build", action="store_true")
    args = parser.parse_args()

    strata = RELEASE_BINARY if args.no_build else build_release()
    base = tempfile.mkdtemp(prefix="strata-bench-drift-")
    cluster = Cluster(strata, os.path.join(base, "cluster"))
    env = dict(os.environ, NO_COLOR="1")
    try:
        sql = render(generate())
        project = os.path.join(base, "project")
        os.makedirs(os.path.join(project, "migrations"))
        with open(os.path.join(project, "migrations", "20240101000000_schema.sql"), "w") as f:
            f.write("-- strata:up\n" + sql + "\n")
        with open(os.path.join(project, "strata.yaml"), "w") as f:
            f.write(f'migrations: migrations\nscratch_url: "{cluster.url("postgres")}"\n')
        cluster.fresh("bench_target")
        timed([strata, "-C", project, "--url", cluster.url("bench_target"), "--quiet", "up"], env=env)
        load_schemas(cluster, base, {"bench_copy": sql})
        drift = [strata, "-C", project, "--url", cluster.url("bench_target"), "drift"]
        diff = [strata, "-C", project, "diff", "--from", cluster.url("bench_target"), "--to", cluster.url("bench_copy"), "--format", "text"]
        timed(drift, env=env)  # warm-up, and in sync
        timed(diff, env=env)
        times = {"diff": [], "drift": []}
        for run in range(args.runs):
            times["diff"].append(timed(diff, env=env))
            times["drift"].append(timed(drift, env=env))
            log(f"run {run + 1}/{args.runs}: diff {times['diff'][-1]:.3f}s, drift {times['drift'][-1]:.3f}s")
    finally:
        cluster.stop()
        shutil.rmtree(base, ignore_errors=True)

    floor = median(times["diff"])
    print(f"\nDrift of a 500-table database against its migration; median of {args.runs} runs")
    print(f"{'contender':40} {'median s':>9} {'vs diff':>8}")
    print(f"{'strata diff of the same pair (floor)':40} {floor:9.3f} {1:7.2f}x")
    print(f"{'strata drift':40} {median(times['drift']):9.3f} {median(times['drift']) / floor:7.2f}x")
    print("the difference is the replay of the migration on a scratch database")


if __name__ == "__main__":
    main()
