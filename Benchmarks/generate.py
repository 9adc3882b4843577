#!/usr/bin/env python3
"""Generate benchmark (issue 3): `strata generate` on a project with 200 migrations whose
desired schema adds a column, a table and an index; reports the wall time and the split
into replay, load, introspection, planning and proof (from `--format json`), median of N.

    python3 Benchmarks/generate.py [--migrations 200] [--runs 5] [--no-build]
"""
import argparse
import json
import os
import shutil
import subprocess
import tempfile
import time

from common import RELEASE_BINARY, Cluster, build_release, log, median


def write_project(base, count, scratch_url):
    project = os.path.join(base, "project")
    os.makedirs(os.path.join(project, "migrations"))
    os.makedirs(os.path.join(project, "schema"))
    with open(os.path.join(project, "strata.yaml"), "w") as f:
        f.write(f'scratch_url: "{scratch_url}"\n')
    schema = []
    for i in range(1, count + 1):
        if i % 10 == 0:
            table = f"t_{i - 5:03d}"
            up = f"ALTER TABLE {table} ADD COLUMN extra_{i} text;\n"
            down = f"ALTER TABLE {table} DROP COLUMN extra_{i};\n"
            schema.append(up)
        else:
            table = f"t_{i:03d}"
            up = (f"CREATE TABLE {table} (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name text NOT NULL, "
                  f"created_at timestamptz NOT NULL DEFAULT now());\nCREATE INDEX {table}_name_idx ON {table} (name);\n")
            down = f"DROP TABLE {table};\n"
            schema.append(up)
        with open(os.path.join(project, "migrations", f"{i:04d}_step_{i}.sql"), "w") as f:
            f.write(f"-- strata:up\n{up}\n-- strata:down\n{down}")
    schema.append("ALTER TABLE t_001 ADD COLUMN email text;\nCREATE INDEX t_001_email_idx ON t_001 (email);\n")
    schema.append("CREATE TABLE audit (id bigint PRIMARY KEY, note text);\n")
    with open(os.path.join(project, "schema", "schema.sql"), "w") as f:
        f.write("".join(schema))
    return project


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--migrations", type=int, default=200)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--no-build", action="store_true")
    args = parser.parse_args()

    strata = RELEASE_BINARY if args.no_build else build_release()
    base = tempfile.mkdtemp(prefix="strata-bench-generate-")
    cluster = Cluster(strata, os.path.join(base, "cluster"))
    project = write_project(base, args.migrations, cluster.url("postgres"))
    walls, phases = [], {}
    try:
        for run in range(args.runs):
            started = time.perf_counter()
            result = subprocess.run([strata, "-C", project, "generate", "--check", "--format", "json"],
                                    capture_output=True, text=True)
            check = time.perf_counter() - started
            for name in os.listdir(os.path.join(project, "migrations")):
                if "add_email" in name:
                    os.remove(os.path.join(project, "migrations", name))
            started = time.perf_counter()
            result = subprocess.run([strata, "-C", project, "generate", "add_email", "--format", "json"],
                                    capture_output=True, text=True)
            walls.append(time.perf_counter() - started)
            if result.returncode != 0:
                raise SystemExit(result.stderr)
            document = json.loads(result.stdout)
            for key, value in document["timings"].items():
                phases.setdefault(key, []).append(value)
            log(f"run {run + 1}/{args.runs}: generate {walls[-1]:.3f}s (check {check:.3f}s), files: {document['written']}")
    finally:
        cluster.stop()
        shutil.rmtree(base, ignore_errors=True)
    print(f"\nstrata generate with {args.migrations} migrations (median of {args.runs}): {median(walls):.3f} s wall")
    for key in ["replay_ms", "load_ms", "introspection_ms", "planning_ms", "proof_ms"]:
        print(f"  {key[:-3]:14} {median(phases[key]):6.0f} ms")
    print("  (load runs on its own scratch database while the migrations replay)")


if __name__ == "__main__":
    main()
