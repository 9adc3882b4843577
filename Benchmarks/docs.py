#!/usr/bin/env python3
"""Docs benchmark (issue 14): `strata docs` on the 500-table schema of the diff benchmark
(~5,000 columns, 300 foreign keys, 800 indexes, 50 views, 50 functions), read from a
database on a durable local cluster.

Measured in the same run, medians of N:
- floor: the catalog queries Strata runs to read a schema (`strata debug catalog-queries`),
  run by psql: what reading the schema costs at least;
- the Markdown: `strata docs --from URL --no-svg` into an empty folder (read the schema,
  render every page, write the files); target under 2 s;
- the SVG: Graphviz's `dot -Tsvg` on the DOT source(s) that run wrote, timed alone;
- the whole command: `strata docs --from URL` into an empty folder (Markdown and SVG).

    python3 Benchmarks/docs.py [--runs 5] [--no-build] [--binary PATH]

--binary times another build of strata (a debug build, say) instead of the release build.
"""
import argparse
import glob
import os
import shutil
import subprocess
import tempfile

from common import RELEASE_BINARY, Cluster, build_release, load_schemas, log, median, timed, write_catalog_queries
from schema_gen import generate, render


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--no-build", action="store_true")
    parser.add_argument("--binary", help="time this strata executable instead of the release build")
    args = parser.parse_args()

    dot = shutil.which("dot")
    if not dot:
        raise SystemExit("Graphviz's dot is not on PATH: apt-get install graphviz")
    strata = args.binary or (RELEASE_BINARY if args.no_build else build_release())
    base = tempfile.mkdtemp(prefix="strata-bench-docs-")
    cluster = Cluster(strata, os.path.join(base, "cluster"))
    env = dict(os.environ, NO_COLOR="1")
    try:
        load_schemas(cluster, base, {"bench_docs": render(generate())})
        cluster.admin("CHECKPOINT")
        queries = write_catalog_queries(strata, base)
        url = cluster.url("bench_docs")
        project = os.path.join(base, "project")
        os.makedirs(project)

        def fresh(name):
            folder = os.path.join(project, name)
            shutil.rmtree(folder, ignore_errors=True)
            return folder

        def markdown():
            return timed([strata, "-C", project, "docs", "--from", url, "--no-svg", "--output", fresh("md")], env=env)

        def svg():
            total = 0.0
            for source in sorted(glob.glob(os.path.join(project, "md", "**", "*.dot"), recursive=True)):
                total += timed([dot, "-Tsvg", "-o", source[:-4] + ".svg", source], env=env)
            return total

        contenders = [
            ("catalog queries by psql (floor)", lambda: timed([cluster.psql, "-X", "-q", "-o", "/dev/null", "-f", queries, "-d", url], env=env)),
            ("strata docs --no-svg (Markdown)", markdown),
            ("dot -Tsvg (the SVG alone)", svg),
            ("strata docs (Markdown and SVG)", lambda: timed([strata, "-C", project, "docs", "--from", url, "--output", fresh("all")], env=env)),
        ]
        markdown()  # warm-up
        times = {name: [] for name, _ in contenders}
        for run in range(args.runs):
            for name, runner in contenders:
                times[name].append(runner())
            log(f"run {run + 1}/{args.runs}: " + ", ".join(f"{n}={times[n][-1]:.3f}s" for n, _ in contenders))
        pages = [p for p in glob.glob(os.path.join(project, "all", "**", "*"), recursive=True) if os.path.isfile(p)]
        size = sum(os.path.getsize(p) for p in pages)
        svgs = [p for p in pages if p.endswith(".svg")]
        svg_size = sum(os.path.getsize(p) for p in svgs)
    finally:
        cluster.stop()
        shutil.rmtree(base, ignore_errors=True)

    floor = median(times[contenders[0][0]])
    print(f"\nstrata docs of a 500-table schema (read from a database); {strata}; median of {args.runs} runs")
    print(f"{'contender':34} {'median s':>9} {'vs floor':>9}")
    for name, _ in contenders:
        value = median(times[name])
        print(f"{name:34} {value:9.3f} {value / floor:8.2f}x")
    print(f"Markdown target: under 2 s ({'met' if median(times[contenders[1][0]]) < 2 else 'NOT met'})")
    print(f"written: {len(pages)} files, {size / 1e6:.1f} MB; SVG: {len(svgs)} file(s), {svg_size / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
