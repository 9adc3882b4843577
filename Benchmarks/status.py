#!/usr/bin/env python3
"""Status benchmark (issue 2): `strata status` with N applied migrations against the floor
`psql -X -c 'SELECT 1'` on the same database, measured in the same run (and the peers'
status commands when installed). Prints medians and ratios to the floor and to the fastest
peer.

    python3 Benchmarks/status.py [--count 1000] [--runs 30] [--no-build]
"""
import argparse
import os
import random
import shutil
import tempfile

from apply import write_project
from common import RELEASE_BINARY, Cluster, build_release, log, median, timed, ROOT


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--no-build", action="store_true")
    parser.add_argument("--no-peers", action="store_true")
    args = parser.parse_args()

    strata = RELEASE_BINARY if args.no_build else build_release()
    base = tempfile.mkdtemp(prefix="strata-bench-status-")
    project = write_project(base, args.count)
    cluster = Cluster(strata, os.path.join(base, "cluster"))
    env = dict(os.environ, NO_COLOR="1")
    dbmate = shutil.which("dbmate") or (os.path.exists("/work/venv-peers/bin/dbmate") and "/work/venv-peers/bin/dbmate")
    sqlmigrate = shutil.which("sql-migrate")
    try:
        databases = {"strata": "bench_status", "dbmate": "bench_status_dbmate", "sqlmigrate": "bench_status_sqlmigrate"}
        cluster.fresh(databases["strata"])
        timed([strata, "-C", project, "--url", cluster.url(databases["strata"]), "--quiet", "up"], env=env)
        contenders = [
            ("psql -X -c 'SELECT 1' (floor)", [cluster.psql, "-X", "-q", "-c", "SELECT 1", "-d", cluster.url(databases["strata"])]),
            ("strata status", [strata, "-C", project, "--url", cluster.url(databases["strata"]), "status"]),
            ("strata status --format json", [strata, "-C", project, "--url", cluster.url(databases["strata"]), "status", "--format", "json"]),
        ]
        if not args.no_peers and dbmate:
            cluster.fresh(databases["dbmate"])
            url = cluster.url(databases["dbmate"]) + "&sslmode=disable"
            migrations = os.path.join(base, "dbmate")
            timed([dbmate, "--url", url, "--migrations-dir", migrations, "--no-dump-schema", "up"], env=env)
            contenders.append(("dbmate status", [dbmate, "--url", url, "--migrations-dir", migrations, "status"]))
        if not args.no_peers and sqlmigrate:
            cluster.fresh(databases["sqlmigrate"])
            config = os.path.join(base, "dbconfig.yml")
            with open(config, "w") as f:
                f.write(f"bench:\n  dialect: postgres\n  datasource: {cluster.dsn(databases['sqlmigrate'])}\n  dir: {os.path.join(base, 'sqlmigrate')}\n")
            timed([sqlmigrate, "up", "-config", config, "-env", "bench"], env=env)
            contenders.append(("sql-migrate status", [sqlmigrate, "status", "-config", config, "-env", "bench"]))
        for _, argv in contenders:  # warm the page cache
            timed(argv, env=env)
        times = {name: [] for name, _ in contenders}
        for _ in range(args.runs):
            order = contenders[:]
            random.shuffle(order)
            for name, argv in order:
                times[name].append(timed(argv, env=env))
    finally:
        cluster.stop()
        shutil.rmtree(base, ignore_errors=True)

    floor = median(times[contenders[0][0]])
    peers = [name for name in ("dbmate status", "sql-migrate status") if name in times]
    peer = min(peers, key=lambda name: median(times[name])) if peers else None
    print(f"\nStatus with {args.count} applied migrations; median of {args.runs} runs, contenders shuffled in each run")
    print(f"{'contender':32} {'median ms':>10} {'vs floor':>9}" + (f" {'vs ' + peer:>20}" if peer else ""))
    for name, _ in contenders:
        value = median(times[name])
        line = f"{name:32} {value * 1000:10.1f} {value / floor:8.2f}x"
        if peer:
            line += f" {value / median(times[peer]):19.2f}x"
        print(line)
    if peer:
        print(f"target (issue 11): strata status at most 0.90x {peer}")


if __name__ == "__main__":
    main()
