#!/usr/bin/env python3
"""Apply benchmark (issue 2): N generated migrations, each a CREATE TABLE and a CREATE INDEX,
applied to a fresh database on a durable local cluster (default settings, fsync on).

Floor: `psql -X -q -1 -f all.sql` of the same statements, measured in the same run. A
second floor for `--transaction each`: `psql -f` of the same statements with each file in
its own transaction (BEGIN, the file, COMMIT), which pays the same 1,000 durable commits
that each mode must make; against the one-transaction floor those commits alone (a WAL
flush each) are more than the 15% the target allows.
Contenders: strata up (batch), strata up --transaction each, and the peers dbmate and
sql-migrate when installed. Prints medians, ratios to the floor and to the fastest peer of
the same rounds, the per-migration overhead and strata's peak memory. Targets (issue 11):
batch at most 1.1x the floor, each at most 1.15x (reported against both floors).

    python3 Benchmarks/apply.py [--count 1000] [--runs 9] [--no-build]
"""
import argparse
import os
import shutil
import subprocess
import tempfile

from common import RELEASE_BINARY, Cluster, build_release, log, median, print_ratio_table, shuffled_rounds, peak_rss_kib, timed, ROOT


def statements(i):
    return (f"CREATE TABLE bench_{i:04d} (id bigint PRIMARY KEY, name text NOT NULL, created_at timestamptz NOT NULL DEFAULT now());\n"
            f"CREATE INDEX bench_{i:04d}_name_idx ON bench_{i:04d} (name);\n")


def write_project(base, count):
    strata_dir = os.path.join(base, "strata", "migrations")
    dbmate_dir = os.path.join(base, "dbmate")
    sqlmigrate_dir = os.path.join(base, "sqlmigrate")
    for folder in (strata_dir, dbmate_dir, sqlmigrate_dir):
        os.makedirs(folder)
    with open(os.path.join(base, "all.sql"), "w") as floor, open(os.path.join(base, "each.sql"), "w") as each_floor:
        for i in range(1, count + 1):
            up = statements(i)
            down = f"DROP TABLE bench_{i:04d};\n"
            floor.write(up)
            each_floor.write(f"BEGIN;\n{up}COMMIT;\n")
            version = f"{i:06d}"
            with open(os.path.join(strata_dir, f"{version}_bench_{i}.sql"), "w") as f:
                f.write(f"-- strata:up\n{up}\n-- strata:down\n{down}")
            with open(os.path.join(dbmate_dir, f"{version}_bench_{i}.sql"), "w") as f:
                f.write(f"-- migrate:up\n{up}\n-- migrate:down\n{down}")
            with open(os.path.join(sqlmigrate_dir, f"{version}_bench_{i}.sql"), "w") as f:
                f.write(f"-- +migrate Up\n{up}\n-- +migrate Down\n{down}")
    return os.path.join(base, "strata")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--no-build", action="store_true")
    parser.add_argument("--no-peers", action="store_true")
    args = parser.parse_args()

    strata = RELEASE_BINARY if args.no_build else build_release()
    base = tempfile.mkdtemp(prefix="strata-bench-apply-")
    project = write_project(base, args.count)
    cluster = Cluster(strata, os.path.join(base, "cluster"))
    dbmate = shutil.which("dbmate") or (os.path.exists("/work/venv-peers/bin/dbmate") and "/work/venv-peers/bin/dbmate")
    sqlmigrate = shutil.which("sql-migrate")
    env = dict(os.environ, NO_COLOR="1")

    def run_psql(db):
        return timed([cluster.psql, "-X", "-q", "-1", "-v", "ON_ERROR_STOP=1", "-f", os.path.join(base, "all.sql"), "-d", cluster.url(db)], env=env)

    def run_psql_each(db):
        return timed([cluster.psql, "-X", "-q", "-v", "ON_ERROR_STOP=1", "-f", os.path.join(base, "each.sql"), "-d", cluster.url(db)], env=env)

    def run_strata(mode):
        def run(db):
            return timed([strata, "-C", project, "--url", cluster.url(db), "--quiet", "up", "--transaction", mode], env=env)
        return run

    def run_dbmate(db):
        return timed([dbmate, "--url", cluster.url(db) + "&sslmode=disable", "--migrations-dir", os.path.join(base, "dbmate"),
                      "--no-dump-schema", "up"], env=env)

    def run_sqlmigrate(db):
        config = os.path.join(base, "dbconfig.yml")
        with open(config, "w") as f:
            f.write(f"bench:\n  dialect: postgres\n  datasource: {cluster.dsn(db)}\n  dir: {os.path.join(base, 'sqlmigrate')}\n")
        return timed([sqlmigrate, "up", "-config", config, "-env", "bench"], env=env)

    contenders = [("psql -1 -f (floor)", run_psql), ("strata up (batch)", run_strata("batch")),
                  ("strata up --transaction each", run_strata("each")),
                  ("psql -f, a transaction per file", run_psql_each)]
    if not args.no_peers and dbmate:
        contenders.append(("dbmate up", run_dbmate))
    if not args.no_peers and sqlmigrate:
        contenders.append(("sql-migrate up", run_sqlmigrate))

    try:
        times = shuffled_rounds(cluster, contenders, args.runs, "bench_apply")
        cluster.fresh("bench_memory")
        rss = peak_rss_kib([strata, "-C", project, "--url", cluster.url("bench_memory"), "--quiet", "up"], env=env)
    finally:
        cluster.stop()
        shutil.rmtree(base, ignore_errors=True)

    print(f"\nApply {args.count} migrations (CREATE TABLE + CREATE INDEX each), fresh database, fsync on; "
          f"{args.runs} rounds after a warm-up, contenders shuffled within each round")
    print_ratio_table(contenders, times, args.count, peers=("dbmate up", "sql-migrate up"))
    each, each_floor = times["strata up --transaction each"], times["psql -f, a transaction per file"]
    print(f"strata up --transaction each vs psql -f with a transaction per file (the floor of each mode): "
          f"{median([t / f for t, f in zip(each, each_floor)]):.2f}x")
    print(f"\nstrata up (batch) peak memory: {rss / 1024:.1f} MiB")


if __name__ == "__main__":
    main()
