#!/usr/bin/env python3
"""Round-trip benchmark (issue 11): where `strata up --transaction each` spends the time the
server does not, and what sending fewer round trips would save.

The same N migrations as apply.py (a CREATE TABLE and a CREATE INDEX each) are applied to a
fresh database on a cluster in /dev/shm (memory, so that no disk flush hides the rest),
autovacuum off, the server pinned to core 0 and the client to core 1. For each run it
records wall time, the client's CPU time (its process and children) and the server's CPU
time (the postmaster's reaped children, read after the backend has exited). Wall time less
the server's CPU time is what the server spent waiting for the client or the kernel: the
cost of the client and of each round trip, which is what this benchmark compares.

Contenders:
- psql -1 -f (floor): every statement in one transaction, a round trip per statement.
- psql -f, a transaction per file: BEGIN, the file, COMMIT; four round trips per migration.
- strata up (batch) and strata up --transaction each (each: the two statements, then the
  history row and COMMIT AND CHAIN; Strata pipelines each group, so two round trips per
  migration).
- libpq, 4 round trips: what each mode sends (including a history row), a statement per
  round trip, through libpq (psycopg 3); the client runs in Python, whose start and import
  are in its client time.
- libpq, pipelined: the same four statements per migration sent in one pipeline with one
  Sync, so one round trip per migration: what pipelining saves with libpq's client.
The libpq rows need psycopg (`pip install "psycopg[binary]"`) and are left out, with a
note, when it is missing.

    python3 Benchmarks/roundtrips.py [--count 1000] [--runs 7] [--no-build]
"""
import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import time

from apply import statements, write_project
from common import RELEASE_BINARY, Cluster, build_release, log, median


HISTORY = ("CREATE TABLE history (version text PRIMARY KEY, name text NOT NULL, checksum text NOT NULL, "
           "batch integer NOT NULL, applied_at timestamptz NOT NULL DEFAULT clock_timestamp(), "
           "execution_ms integer NOT NULL DEFAULT 0)")
RECORD = "INSERT INTO history (version, name, checksum, batch, execution_ms) VALUES (%s, %s, %s, 1, 0)"


def libpq_client(url, mode, count):
    """Runs as a child process: each mode's statements through libpq, sequentially or
    pipelined."""
    import psycopg
    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute(HISTORY)
        connection.execute("BEGIN")
        for i in range(1, count + 1):
            first, second = [line for line in statements(i).splitlines() if line]
            record = (f"{i:06d}", f"bench_{i}", "0" * 64)
            if mode == "pipelined":
                with connection.pipeline() as pipeline:
                    connection.execute(first)
                    connection.execute(second)
                    connection.execute(RECORD, record, prepare=True)
                    connection.execute("COMMIT AND CHAIN")
                    pipeline.sync()
            else:
                connection.execute(first)
                connection.execute(second)
                connection.execute(RECORD, record, prepare=True)
                connection.execute("COMMIT AND CHAIN")
        connection.execute("COMMIT")


def postmaster_pid(strata, cluster_dir):
    status = json.loads(subprocess.run([strata, "-C", cluster_dir, "dev", "status", "--format", "json"],
                                       check=True, capture_output=True, text=True).stdout)["status"]
    data = status["data_directory"]
    if not os.path.isabs(data):
        data = os.path.join(cluster_dir, data)
    with open(os.path.join(data, "postmaster.pid")) as f:
        return int(f.readline())


def reaped_children_cpu(pid):
    """CPU seconds of the process's children that it has waited for (cutime + cstime)."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[13]) + int(fields[14])) / os.sysconf("SC_CLK_TCK")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--no-build", action="store_true")
    parser.add_argument("--libpq-client", nargs=3, metavar=("URL", "MODE", "COUNT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.libpq_client:
        url, mode, count = args.libpq_client
        libpq_client(url, mode, int(count))
        return
    if not os.path.isdir("/dev/shm"):
        sys.exit("roundtrips.py needs /dev/shm for a cluster in memory")
    pinned = os.cpu_count() >= 2 and shutil.which("taskset") is not None
    if not pinned:
        log("fewer than two cores or no taskset: server and client are not pinned, so their times overlap less cleanly")

    strata = RELEASE_BINARY if args.no_build else build_release()
    base = os.path.join("/dev/shm", f"strata-bench-roundtrips-{os.getpid()}")
    os.makedirs(base)
    project = write_project(base, args.count)
    cluster_dir = os.path.join(base, "cluster")
    cluster = Cluster(strata, cluster_dir)
    env = dict(os.environ, NO_COLOR="1")
    try:
        import psycopg  # noqa: F401
        has_psycopg = True
    except ImportError:
        has_psycopg = False
        log('psycopg is not installed (pip install "psycopg[binary]"): the libpq rows are left out')

    contenders = [
        ("psql -1 -f (floor)", lambda db: [cluster.psql, "-X", "-q", "-1", "-v", "ON_ERROR_STOP=1",
                                           "-f", os.path.join(base, "all.sql"), "-d", cluster.url(db)]),
        ("psql -f, a transaction per file", lambda db: [cluster.psql, "-X", "-q", "-v", "ON_ERROR_STOP=1",
                                                        "-f", os.path.join(base, "each.sql"), "-d", cluster.url(db)]),
        ("strata up (batch)", lambda db: [strata, "-C", project, "--url", cluster.url(db), "--quiet", "up"]),
        ("strata up --transaction each", lambda db: [strata, "-C", project, "--url", cluster.url(db), "--quiet",
                                                     "up", "--transaction", "each"]),
    ]
    if has_psycopg:
        for mode, name in (("sequential", "libpq, 4 round trips"), ("pipelined", "libpq, pipelined")):
            contenders.append((name, lambda db, mode=mode: [sys.executable, os.path.abspath(__file__), "--libpq-client",
                                                            cluster.url(db), mode, str(args.count)]))

    try:
        cluster.admin("ALTER SYSTEM SET autovacuum = off")
        cluster.admin("SELECT pg_reload_conf()")
        postmaster = postmaster_pid(strata, cluster_dir)
        if pinned:
            subprocess.run(["taskset", "-a", "-p", "-c", "0", str(postmaster)], check=True, stdout=subprocess.DEVNULL)
        results = {name: [] for name, _ in contenders}
        for run in range(-1, args.runs):
            for number, (name, argv) in enumerate(contenders):
                database = f"bench_rt_{run + 1}_{number}"
                cluster.fresh(database)
                command = (["taskset", "-c", "1"] if pinned else []) + argv(database)
                client_before = resource.getrusage(resource.RUSAGE_CHILDREN)
                server_before = reaped_children_cpu(postmaster)
                started = time.perf_counter()
                subprocess.run(command, check=True, env=env, stdout=subprocess.DEVNULL)
                wall = time.perf_counter() - started
                # The backend exits after the client has gone; wait until the postmaster has reaped it.
                time.sleep(0.5)
                client_after = resource.getrusage(resource.RUSAGE_CHILDREN)
                client = (client_after.ru_utime + client_after.ru_stime) - (client_before.ru_utime + client_before.ru_stime)
                server = reaped_children_cpu(postmaster) - server_before
                cluster.drop(database)
                if run >= 0:
                    results[name].append((wall, client, server))
            if run >= 0:
                log(f"run {run + 1}/{args.runs}: " + ", ".join(f"{n}={results[n][-1][0]:.3f}s" for n, _ in contenders))
    finally:
        cluster.stop()
        shutil.rmtree(base, ignore_errors=True)

    floor = [wall for wall, _, _ in results[contenders[0][0]]]
    print(f"\nApply {args.count} migrations on a cluster in memory, {args.runs} rounds after a warm-up"
          + (", server on core 0 and client on core 1" if pinned else ""))
    print("medians in ms; ratio: median over rounds of (wall / floor's wall); wall - server: what the server "
          "waited for, the client's and the round trips' cost")
    print(f"{'contender':32} {'wall':>7} {'ratio':>7} {'client CPU':>11} {'server CPU':>11} {'wall - server':>14}")
    for name, _ in contenders:
        rows = results[name]
        wall, client, server = (median([row[i] for row in rows]) * 1000 for i in range(3))
        waited = median([row[0] - row[2] for row in rows]) * 1000
        ratio = median([row[0] / f for row, f in zip(rows, floor)])
        print(f"{name:32} {wall:7.1f} {ratio:6.2f}x {client:11.1f} {server:11.1f} {waited:14.1f}")
    if has_psycopg:
        sequential = median([row[0] for row in results["libpq, 4 round trips"]])
        pipelined = median([row[0] for row in results["libpq, pipelined"]])
        print(f"\npipelining each mode's four statements per migration saved {(sequential - pipelined) * 1000:.0f} ms "
              f"of wall time through libpq ({(sequential - pipelined) / args.count * 1e6:.0f} µs per migration)")


if __name__ == "__main__":
    main()
