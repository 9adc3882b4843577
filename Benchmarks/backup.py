#!/usr/bin/env python3
"""Backup benchmark (issue 13): `strata backup` + `strata restore --verify` of a ~1 GB database
against the floor of `pg_dump -Fc` plus `pg_restore` of the same data into a fresh database,
measured in the same rounds. Target: at most 1.2x the floor.

What each side does:
  floor   pg_dump -Fc -f FILE; createdb (CREATE DATABASE); pg_restore --jobs J -d NEW FILE
  strata  strata backup --output FILE   (pg_dump -Fc on an exported snapshot, while Strata's own
          session reads the schema and counts every table's rows in that snapshot; SHA-256 of the
          archive; pg_restore --list; manifest)
          strata restore FILE --verify --jobs J   (SHA-256 against the manifest; pg_restore --list;
          scratch database; pg_restore --jobs J; schema read and compared; every table counted;
          scratch database dropped)
Both sides use the same pg_dump and pg_restore, the default compression and the same J (the
number of cores). Strata's side also pays for dropping its scratch copy; the floor keeps its
copy (dropped outside the timing).

The machine may be shared: every round runs both sides, in alternating order, the ratio is the
median over rounds of (strata / floor of the same round), and the load average is printed
with each round so that a noisy round can be told apart.

    python3 Benchmarks/backup.py [--runs 4] [--size-gb 1.0] [--no-build | --strata PATH] [--jobs N]
"""
import argparse
import json
import os
import shutil
import subprocess
import tempfile
import time

from common import RELEASE_BINARY, Cluster, build_release, log, median, pg_bindir, wait_for_quiet_io


def build_source(cluster, database, size_gb):
    """Tables filled with generate_series, with primary keys, foreign keys and secondary
    indexes, to about `size_gb` GB on disk (tables and indexes)."""
    scale = size_gb
    users, orders, events = int(400_000 * scale), int(2_400_000 * scale), int(3_600_000 * scale)
    sql = f"""
    SET client_min_messages = warning;
    CREATE TYPE order_status AS ENUM ('pending', 'paid', 'shipped', 'cancelled');
    CREATE TABLE users (
        id bigint PRIMARY KEY, email text NOT NULL, display_name text, created_at timestamptz NOT NULL
    );
    CREATE TABLE orders (
        id bigint PRIMARY KEY, user_id bigint NOT NULL REFERENCES users, status order_status NOT NULL,
        total numeric(12, 2) NOT NULL, note text, created_at timestamptz NOT NULL
    );
    CREATE TABLE events (
        id bigint PRIMARY KEY, order_id bigint NOT NULL REFERENCES orders, kind text NOT NULL,
        payload jsonb NOT NULL, happened_at timestamptz NOT NULL
    );
    INSERT INTO users
        SELECT g, 'user' || g || '@example.com', 'User number ' || g, timestamptz '2020-01-01' + g * interval '1 minute'
        FROM generate_series(1::bigint, {users}) g;
    INSERT INTO orders
        SELECT g, 1 + (g * 7919) % {users}, (ARRAY['pending', 'paid', 'shipped', 'cancelled']::order_status[])[1 + g % 4],
               (g % 100000) / 100.0, CASE WHEN g % 3 = 0 THEN md5(g::text) END,
               timestamptz '2021-01-01' + g * interval '10 seconds'
        FROM generate_series(1::bigint, {orders}) g;
    INSERT INTO events
        SELECT g, 1 + (g * 104729) % {orders}, (ARRAY['created', 'paid', 'packed', 'shipped'])[1 + g % 4],
               jsonb_build_object('seq', g, 'hash', md5(g::text), 'ok', g % 2 = 0),
               timestamptz '2022-01-01' + g * interval '1 second'
        FROM generate_series(1::bigint, {events}) g;
    CREATE INDEX users_email_idx ON users (email);
    CREATE INDEX orders_user_id_idx ON orders (user_id);
    CREATE INDEX orders_created_at_idx ON orders (created_at);
    CREATE INDEX events_order_id_idx ON events (order_id);
    CREATE INDEX events_kind_happened_at_idx ON events (kind, happened_at);
    CREATE VIEW order_totals AS SELECT user_id, count(*) AS orders, sum(total) AS total FROM orders GROUP BY user_id;
    VACUUM ANALYZE;
    """
    cluster.fresh(database)
    started = time.perf_counter()
    subprocess.run([cluster.psql, "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", cluster.url(database)], input=sql, text=True,
                   check=True, stdout=subprocess.DEVNULL)
    size = int(subprocess.run([cluster.psql, "-X", "-A", "-t", "-d", cluster.url(database), "-c",
                               "SELECT pg_database_size(current_database())"], check=True, capture_output=True,
                              text=True).stdout.strip())
    log(f"built {database}: {size / 1e9:.2f} GB in {time.perf_counter() - started:.0f} s")
    return size


def run(argv, env=None):
    """Wall time and standard output of one command; raises on failure."""
    started = time.perf_counter()
    result = subprocess.run(argv, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(argv[:3])} exited {result.returncode}: {result.stderr[-2000:]}")
    return elapsed, result.stdout


def load():
    with open("/proc/loadavg") as f:
        return float(f.read().split()[0])


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=4)
    parser.add_argument("--size-gb", type=float, default=1.0)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--no-build", action="store_true")
    parser.add_argument("--strata", help="a strata binary to use instead of building the release one")
    args = parser.parse_args()

    strata = args.strata or (RELEASE_BINARY if args.no_build else build_release())
    bindir = pg_bindir()
    pg_dump, pg_restore = os.path.join(bindir, "pg_dump"), os.path.join(bindir, "pg_restore")
    base = tempfile.mkdtemp(prefix="strata-bench-backup-")
    cluster = Cluster(strata, os.path.join(base, "cluster"))
    env = dict(os.environ, NO_COLOR="1")
    pg_env = dict(os.environ, PGOPTIONS="-c client_min_messages=warning")
    project = os.path.join(base, "project")
    os.makedirs(project)
    with open(os.path.join(project, "strata.yaml"), "w") as f:
        f.write(f'scratch_url: "{cluster.url("postgres")}"\n')
    rounds = []
    try:
        size = build_source(cluster, "bench_source", args.size_gb)

        def floor():
            archive = os.path.join(base, "floor.dump")
            dump, _ = run([pg_dump, "-Fc", "-f", archive, "-d", cluster.url("bench_source")], env=pg_env)
            started = time.perf_counter()
            cluster.admin('CREATE DATABASE "bench_floor_copy"')
            create = time.perf_counter() - started
            restore, _ = run([pg_restore, f"--jobs={args.jobs}", "--exit-on-error", "-d", cluster.url("bench_floor_copy"), archive],
                             env=pg_env)
            archive_size = os.path.getsize(archive)
            cluster.drop("bench_floor_copy")
            os.remove(archive)
            return {"dump": dump, "restore": create + restore, "total": dump + create + restore, "archive": archive_size}

        def strata_side():
            archive = os.path.join(base, "strata.dump")
            backup, out = run([strata, "-C", project, "--url", cluster.url("bench_source"), "backup", "--output", archive,
                               "--format", "json"], env=env)
            taken = json.loads(out)
            verify, out = run([strata, "-C", project, "restore", archive, "--verify", "--jobs", str(args.jobs), "--format", "json"],
                              env=env)
            report = json.loads(out)
            if not report["passed"]:
                raise RuntimeError(f"verification failed: {out[:2000]}")
            os.remove(archive)
            os.remove(archive + ".json")
            return {"backup": backup, "verify": verify, "total": backup + verify, "archive": taken["size"],
                    "dump_ms": taken["dump_ms"], "check_ms": taken["check_ms"], "restore_ms": report["restore_ms"],
                    "compare_ms": report["compare_ms"], "rows": taken["rows"]}

        contenders = [("floor", floor), ("strata", strata_side)]
        for number in range(args.runs):
            # Alternating order, so that neither side always runs after the other's writes.
            order = contenders[:] if number % 2 == 0 else contenders[::-1]
            result = {"load_before": load()}
            for name, body in order:
                subprocess.run([cluster.psql, "-X", "-q", "-d", cluster.url("postgres"), "-c", "CHECKPOINT"], check=True)
                wait_for_quiet_io()
                result[name] = body()
            result["load_after"] = load()
            rounds.append(result)
            log(f"run {number + 1}/{args.runs} (order {', '.join(n for n, _ in order)}; load {result['load_before']:.1f} → "
                f"{result['load_after']:.1f}): floor {result['floor']['total']:.1f}s "
                f"(dump {result['floor']['dump']:.1f} + restore {result['floor']['restore']:.1f}), "
                f"strata {result['strata']['total']:.1f}s (backup {result['strata']['backup']:.1f} + verify {result['strata']['verify']:.1f}), "
                f"ratio {result['strata']['total'] / result['floor']['total']:.2f}x")
    finally:
        cluster.stop()
        shutil.rmtree(base, ignore_errors=True)

    def m(side, key):
        return median([r[side][key] for r in rounds])

    ratio = median([r["strata"]["total"] / r["floor"]["total"] for r in rounds])
    print(f"\nBackup and verified restore of a {size / 1e9:.2f} GB database ({rounds[0]['strata']['rows']:,} rows; "
          f"archive {rounds[0]['strata']['archive'] / 1e6:.0f} MB), pg_restore --jobs {args.jobs}, "
          f"{os.cpu_count()} cores (shared: load average {min(r['load_before'] for r in rounds):.1f}–"
          f"{max(r['load_after'] for r in rounds):.1f}); median of {args.runs} rounds")
    print(f"{'contender':52} {'median s':>9}")
    print(f"{'pg_dump -Fc':52} {m('floor', 'dump'):9.1f}")
    print(f"{'createdb + pg_restore':52} {m('floor', 'restore'):9.1f}")
    print(f"{'floor: the sum':52} {m('floor', 'total'):9.1f}")
    print(f"{'strata backup':52} {m('strata', 'backup'):9.1f}")
    print(f"{'  of which pg_dump with schema read and rows counted':52} {m('strata', 'dump_ms') / 1000:9.1f}")
    print(f"{'  of which SHA-256, pg_restore --list, manifest':52} {m('strata', 'check_ms') / 1000:9.1f}")
    print(f"{'strata restore --verify':52} {m('strata', 'verify'):9.1f}")
    print(f"{'  of which scratch database + pg_restore':52} {m('strata', 'restore_ms') / 1000:9.1f}")
    print(f"{'  of which schema read and compared, rows counted':52} {m('strata', 'compare_ms') / 1000:9.1f}")
    print(f"{'strata: the sum':52} {m('strata', 'total'):9.1f}")
    print(f"ratio (median over rounds of strata / floor): {ratio:.2f}x (target: at most 1.20x)")


if __name__ == "__main__":
    main()
