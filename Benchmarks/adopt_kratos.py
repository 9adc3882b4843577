#!/usr/bin/env python3
"""Adopt benchmark (issue 9): Ory Kratos' popx history (Tests/Fixtures/realworld/kratos, 346
migrations) adopted with `strata adopt popx`, then applied to a fresh database on a durable
local cluster (default settings, fsync on).

Floor: `psql -X -q -f` of the same source files (per version the `.postgres.` file, else the
dialect-neutral one), as one transaction broken only around the `.autocommit.` files, which
is what `strata up` in batch mode does; measured in the same run. Contenders: strata up
(batch) and strata up --transaction each. Prints medians, ratios to the floor, the
per-migration overhead, and how long the conversion itself took (with and without writing).

    python3 Benchmarks/adopt_kratos.py [--runs 5] [--no-build]
"""
import argparse
import os
import re
import shutil
import subprocess
import tempfile

from common import RELEASE_BINARY, Cluster, build_release, log, median, print_ratio_table, shuffled_rounds, timed, ROOT

KRATOS = os.path.join(ROOT, "Tests", "Fixtures", "realworld", "kratos", "migrations")
NAME = re.compile(r"^(\d+)_([^.]+)(\.[a-z0-9]+)?(\.autocommit)?\.up\.sql$")


def up_files():
    """(version, path, autocommit) of the up file popx runs on PostgreSQL, by version."""
    chosen = {}
    for name in sorted(os.listdir(KRATOS)):
        match = NAME.match(name)
        if not match:
            continue
        version, _, dialect, autocommit = match.groups()
        if dialect == ".autocommit":  # popx reads `.autocommit` in the dialect place as autocommit for all
            dialect, autocommit = None, ".autocommit"
        if dialect not in (None, ".postgres"):
            continue
        if version in chosen and dialect is None:
            continue  # the .postgres. file wins
        chosen[version] = (os.path.join(KRATOS, name), autocommit is not None)
    return [(version, path, autocommit) for version, (path, autocommit) in sorted(chosen.items())]


def write_floor(path, files):
    """A psql script that includes every file: runs of transactional files inside one
    BEGIN … COMMIT, each autocommit file on its own."""
    with open(path, "w") as script:
        open_transaction = False
        for _, file, autocommit in files:
            if autocommit and open_transaction:
                script.write("COMMIT;\n")
                open_transaction = False
            if not autocommit and not open_transaction:
                script.write("BEGIN;\n")
                open_transaction = True
            script.write(f"\\i '{file}'\n")
        if open_transaction:
            script.write("COMMIT;\n")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--no-build", action="store_true")
    args = parser.parse_args()

    strata = RELEASE_BINARY if args.no_build else build_release()
    base = tempfile.mkdtemp(prefix="strata-bench-adopt-")
    project = os.path.join(base, "project")
    os.makedirs(project)
    env = dict(os.environ, NO_COLOR="1")
    convert_times, adopt_times = [], []
    for _ in range(args.runs):
        convert_times.append(timed([strata, "-C", project, "--quiet", "adopt", "popx", KRATOS, "--dry-run"], env=env))
        shutil.rmtree(os.path.join(project, "migrations"), ignore_errors=True)
        adopt_times.append(timed([strata, "-C", project, "--quiet", "adopt", "popx", KRATOS], env=env))
    count = len(os.listdir(os.path.join(project, "migrations")))
    files = up_files()
    if count != len(files):
        raise SystemExit(f"strata adopt wrote {count} migrations, but popx runs {len(files)} up files")
    floor_script = os.path.join(base, "floor.sql")
    write_floor(floor_script, files)
    cluster = Cluster(strata, os.path.join(base, "cluster"))

    def run_psql(db):
        return timed([cluster.psql, "-X", "-q", "-v", "ON_ERROR_STOP=1", "-f", floor_script, "-d", cluster.url(db)], env=env)

    def run_strata(mode):
        def run(db):
            return timed([strata, "-C", project, "--url", cluster.url(db), "--quiet", "up", "--transaction", mode], env=env)
        return run

    contenders = [("psql -f (floor)", run_psql), ("strata up (batch)", run_strata("batch")),
                  ("strata up --transaction each", run_strata("each"))]
    try:
        times = shuffled_rounds(cluster, contenders, args.runs, "bench_kratos")
    finally:
        cluster.stop()
        shutil.rmtree(base, ignore_errors=True)

    print(f"\nkratos: {count} migrations adopted from popx, applied to a fresh database, fsync on; "
          f"{args.runs} rounds after a warm-up, contenders shuffled within each round")
    print_ratio_table(contenders, times, count)
    print(f"\nstrata adopt popx ({count} migrations from {len(os.listdir(KRATOS))} files): "
          f"median {median(convert_times) * 1000:.0f} ms with --dry-run (read, convert, validate), "
          f"{median(adopt_times) * 1000:.0f} ms writing the files (each written atomically and fsynced)")


if __name__ == "__main__":
    main()
