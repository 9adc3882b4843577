#!/usr/bin/env python3
"""Real-world generate benchmark (issue 9): `strata generate` of pagila and of synapse from
an empty history (the vendored fixtures in Tests/Fixtures/realworld), with the wall time
split into load, introspection, planning and proof (from `--format json`), median of N.

Printed beside it, measured in the same run:
- the floor: psql loading the same files into an empty database (what any tool that reads
  SQL schema files does at least once);
- the peer: migra planning the same change (an empty database to one where psql loaded
  the files), plus the same psql load it needs first, when migra is installed
  (pip install migra psycopg2-binary, e.g. into /work/venv-peers).

    python3 Benchmarks/realworld_generate.py [--runs 5] [--no-build] [--migra PATH]
"""
import argparse
import json
import os
import shutil
import subprocess
import tempfile
import time

from common import RELEASE_BINARY, ROOT, Cluster, build_release, log, median, timed, wait_for_quiet_io

FIXTURES = os.path.join(ROOT, "Tests", "Fixtures", "realworld")
SCHEMAS = {
    "pagila": [os.path.join(FIXTURES, "pagila", "pagila-schema.sql")],
    "synapse": [os.path.join(FIXTURES, "synapse", name + ".sql") for name in ("common", "main", "state")],
}


def write_project(base, name, files, scratch_url):
    project = os.path.join(base, name)
    os.makedirs(os.path.join(project, "migrations"))
    os.makedirs(os.path.join(project, "schema"))
    with open(os.path.join(project, "strata.yaml"), "w") as f:
        f.write(f'scratch_url: "{scratch_url}"\n')
    for index, path in enumerate(files):
        shutil.copy(path, os.path.join(project, "schema", f"{index + 1:02d}_{os.path.basename(path)}"))
    return project


def psql_load(cluster, database, files):
    argv = [cluster.psql, "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", cluster.url(database)]
    for path in files:
        argv += ["-f", path]
    return timed(argv, env={**os.environ, "PGOPTIONS": "-c client_min_messages=warning"})


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--no-build", action="store_true")
    parser.add_argument("--migra", default=shutil.which("migra") or "/work/venv-peers/bin/migra")
    args = parser.parse_args()

    strata = RELEASE_BINARY if args.no_build else build_release()
    base = tempfile.mkdtemp(prefix="strata-bench-realworld-")
    cluster = Cluster(strata, os.path.join(base, "cluster"))
    # The fixtures grant to and own as `postgres`, which the cluster's superuser is.
    results = {}
    try:
        for name, files in SCHEMAS.items():
            project = write_project(base, name, files, cluster.url("postgres"))
            walls, phases, floors, peers = [], {}, [], []
            for run in range(args.runs):
                for entry in os.listdir(os.path.join(project, "migrations")):
                    os.remove(os.path.join(project, "migrations", entry))
                wait_for_quiet_io()
                started = time.perf_counter()
                result = subprocess.run([strata, "-C", project, "generate", "init", "--format", "json"],
                                        capture_output=True, text=True)
                walls.append(time.perf_counter() - started)
                if result.returncode != 0:
                    raise SystemExit(f"strata generate of {name} failed:\n{result.stdout}\n{result.stderr}")
                document = json.loads(result.stdout)
                for key, value in document["timings"].items():
                    phases.setdefault(key, []).append(value)

                cluster.fresh("bench_floor")
                floors.append(psql_load(cluster, "bench_floor", files))

                if args.migra and os.path.exists(args.migra):
                    cluster.fresh("bench_empty")
                    cluster.fresh("bench_loaded")
                    load = psql_load(cluster, "bench_loaded", files)
                    plan = timed([args.migra, "--unsafe", "--with-privileges",
                                  cluster.url("bench_empty").replace("postgres://", "postgresql://"),
                                  cluster.url("bench_loaded").replace("postgres://", "postgresql://")], ok=(0, 2))
                    peers.append(load + plan)
                log(f"{name} run {run + 1}/{args.runs}: generate {walls[-1]:.3f}s, psql load {floors[-1]:.3f}s"
                    + (f", migra (load + plan) {peers[-1]:.3f}s" if peers else ""))
            results[name] = (walls, phases, floors, peers)
    finally:
        cluster.stop()
        shutil.rmtree(base, ignore_errors=True)

    for name, (walls, phases, floors, peers) in results.items():
        print(f"\n{name}: strata generate from an empty history (median of {args.runs}): {median(walls):.3f} s wall")
        for key in ["load_ms", "replay_ms", "introspection_ms", "planning_ms", "proof_ms"]:
            print(f"  {key[:-3]:14} {median(phases[key]):6.0f} ms")
        print("  (the desired schema loads on its own scratch database while the empty history replays;"
              " the proof applies up and down on the replayed one and introspects after each)")
        print(f"  floor, psql -f of the same files: {median(floors):.3f} s -> strata is {median(walls) / median(floors):.1f}x the floor")
        if peers:
            print(f"  peer, migra (psql load + plan, no proof): {median(peers):.3f} s -> strata takes "
                  f"{median(walls) / median(peers):.2f}x migra's time, and proves both directions")


if __name__ == "__main__":
    main()
