#!/usr/bin/env python3
"""Codegen benchmark (issue 12): `strata codegen` over a 100-table schema with 200 named
queries (selects with joins, inserts with RETURNING, updates), release binary, scratch
databases on a durable local cluster. Prints the run's own split (scratch database: the
migrations applied; describe: the catalog and every query; render: the Swift text) and the
wall time, against the floor measured in the same run: psql loading the same schema into a
fresh database and preparing the same 200 statements. No peer generates Swift; sqlc (Go) is
not measured here. Target: under 3 s in all.

    python3 Benchmarks/codegen.py [--tables 100] [--queries 200] [--runs 5] [--no-build]
"""
import argparse
import json
import os
import re
import shutil
import subprocess
import tempfile
import time

from common import RELEASE_BINARY, Cluster, build_release, log, median


def write_project(base, tables, queries, scratch_url):
    os.makedirs(os.path.join(base, "migrations"))
    os.makedirs(os.path.join(base, "queries"))
    schema = ["CREATE TYPE state AS ENUM ('new', 'open', 'closed');"]
    for i in range(tables):
        parent = f", parent_id bigint REFERENCES t{i - 1:03d} (id)" if i else ""
        schema.append(f"CREATE TABLE t{i:03d} (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name text NOT NULL, "
                      f"note text, state state NOT NULL DEFAULT 'new', amount numeric(12,2), tags text[] NOT NULL DEFAULT '{{}}', "
                      f"created_at timestamptz NOT NULL DEFAULT now(){parent});")
    with open(os.path.join(base, "migrations", "20240101000000_schema.sql"), "w") as f:
        f.write("-- strata:up\n" + "\n".join(schema) + "\n")
    texts = []
    for q in range(queries):
        i = q % tables
        j = max(i - 1, 0)
        kind = q % 4
        if kind == 0:
            texts.append(f"-- name: Select{q} :many\nSELECT a.id, a.name, b.note, coalesce(b.name, '') AS other FROM t{i:03d} a "
                         f"LEFT JOIN t{j:03d} b ON b.id = a.id WHERE a.state = @state AND a.id = ANY(@ids);\n")
        elif kind == 1:
            texts.append(f"-- name: Insert{q} :one\nINSERT INTO t{i:03d} (name, note) VALUES (@name, strata.narg(note)) RETURNING id, created_at;\n")
        elif kind == 2:
            texts.append(f"-- name: Count{q} :one\nSELECT count(*) AS n, max(amount) AS biggest FROM t{i:03d} WHERE name = @name;\n")
        else:
            texts.append(f"-- name: Update{q} :execrows\nUPDATE t{i:03d} SET note = @note WHERE id = @id;\n")
    with open(os.path.join(base, "queries", "all.sql"), "w") as f:
        f.write("\n".join(texts))
    with open(os.path.join(base, "strata.yaml"), "w") as f:
        f.write(f'migrations: migrations\nscratch_url: "{scratch_url}"\ncodegen: {{queries: queries, output: Database.swift}}\n')
    floor = "\n".join(schema) + "\n"
    for q, text in enumerate(texts):
        sql = text.split("\n", 1)[1].strip().rstrip(";")
        names = []
        def number(match):
            name = match.group(1) or match.group(2)
            if name not in names:
                names.append(name)
            return f"${names.index(name) + 1}"
        sql = re.sub(r"@(\w+)|strata\.narg\((\w+)\)", number, sql)
        floor += f"PREPARE p{q} AS {sql};\n"
    with open(os.path.join(base, "floor.sql"), "w") as f:
        f.write(floor)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--tables", type=int, default=100)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--no-build", action="store_true")
    args = parser.parse_args()

    strata = RELEASE_BINARY if args.no_build else build_release()
    base = tempfile.mkdtemp(prefix="strata-bench-codegen-")
    cluster = Cluster(strata, os.path.join(base, "cluster"))
    project = os.path.join(base, "project")
    write_project(project, args.tables, args.queries, cluster.url("postgres"))
    runs = {"scratch": [], "describe": [], "render": [], "wall": [], "floor": []}
    try:
        for run in range(args.runs + 1):
            if os.path.exists(os.path.join(project, "Database.swift")):
                os.remove(os.path.join(project, "Database.swift"))
            start = time.perf_counter()
            out = subprocess.run([strata, "-C", project, "codegen", "--format", "json"], check=True, capture_output=True, text=True).stdout
            wall = time.perf_counter() - start
            cluster.fresh("bench_codegen_floor")
            start = time.perf_counter()
            subprocess.run([cluster.psql, "-X", "-q", "-v", "ON_ERROR_STOP=1", "-f", os.path.join(project, "floor.sql"),
                            "-d", cluster.url("bench_codegen_floor")], check=True, stdout=subprocess.DEVNULL)
            floor = time.perf_counter() - start
            if run == 0:
                continue  # warm-up
            timings = json.loads(out)["timings"]
            runs["scratch"].append(timings["scratch_ms"] / 1000)
            runs["describe"].append(timings["describe_ms"] / 1000)
            runs["render"].append(timings["render_ms"] / 1000)
            runs["wall"].append(wall)
            runs["floor"].append(floor)
            log(f"run {run}/{args.runs}: codegen {wall:.3f}s, floor {floor:.3f}s")
        size = os.path.getsize(os.path.join(project, "Database.swift"))
    finally:
        cluster.stop()
        shutil.rmtree(base, ignore_errors=True)

    floor = median(runs["floor"])
    print(f"\nstrata codegen: {args.tables} tables, {args.queries} queries; median of {args.runs} runs ({size / 1024:.0f} KiB of Swift)")
    print(f"{'part':34} {'median s':>9} {'vs floor':>9}")
    for name, label in [("scratch", "scratch database (migrations)"), ("describe", "describe (catalog + queries)"),
                        ("render", "render (Swift text)"), ("wall", "whole run (process)")]:
        print(f"{label:34} {median(runs[name]):9.3f} {median(runs[name]) / floor:8.2f}x")
    print(f"{'floor: psql schema + PREPAREs':34} {floor:9.3f} {1:8.2f}x")
    print("target (issue 12): the whole run under 3 s")


if __name__ == "__main__":
    main()
