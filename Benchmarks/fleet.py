#!/usr/bin/env python3
"""Fleet benchmark (issue 15): two migrations over many targets, on durable local clusters.

Scenario 1: N tenant schemas (default 1,000) in one database.
Scenario 2: D databases (default 100) spread over two local clusters.

Contenders, each on fresh targets of its own in every round (shuffled order):
- floor: `psql -X -q -1 -f up.sql` per target, P at a time (`xargs -P P`), a tenant's
  search_path given in the URL's options;
- `strata fleet up --parallel P` (targets from strata.yaml's schemas query, or a targets file);
- "invoke it in a loop" (what Flyway's documentation suggests): one `strata up` per target,
  one after the other (a tenant through its own config file with history_schema and the URL's
  options); timed once, not every round, since it takes longest.

Prints medians and ratios to the floor. Target (issue 15): fleet at most 1.3x the floor.

    python3 Benchmarks/fleet.py [--tenants 1000] [--databases 100] [--parallel 8] [--runs 3] [--no-build] [--no-loop]
"""
import argparse
import os
import random
import shutil
import subprocess
import tempfile
import urllib.parse

from common import RELEASE_BINARY, Cluster, build_release, log, median, timed, wait_for_quiet_io

MIGRATIONS = {
    "0001_customers.sql": ("CREATE TABLE customers (id bigint PRIMARY KEY, name text NOT NULL, created_at timestamptz NOT NULL DEFAULT now());\n"
                           "CREATE INDEX customers_name_idx ON customers (name);\n", "DROP TABLE customers;\n"),
    "0002_orders.sql": ("CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint NOT NULL REFERENCES customers, total numeric NOT NULL);\n"
                        "CREATE INDEX orders_customer_idx ON orders (customer_id);\n", "DROP TABLE orders;\n"),
}


def write_project(base):
    project = os.path.join(base, "project")
    os.makedirs(os.path.join(project, "migrations"))
    for name, (up, down) in MIGRATIONS.items():
        with open(os.path.join(project, "migrations", name), "w") as f:
            f.write(f"-- strata:up\n{up}-- strata:down\n{down}")
    with open(os.path.join(base, "up.sql"), "w") as f:
        f.write("".join(up for up, _ in MIGRATIONS.values()))
    return project


def with_options(url, schema):
    return url + "&options=" + urllib.parse.quote(f"-csearch_path={schema}", safe="")


def xargs_psql(cluster, urls, up_sql, parallel, base):
    """The floor: psql -1 -f per URL, `parallel` at a time."""
    listing = os.path.join(base, "urls.txt")
    with open(listing, "w") as f:
        f.write("\n".join(urls) + "\n")
    return timed(["sh", "-c", f'xargs -P {parallel} -I URL "{cluster.psql}" -X -q -1 -v ON_ERROR_STOP=1 -f "{up_sql}" -d URL < "{listing}"'])


def create_tenants(cluster, database, count):
    cluster.fresh(database)
    subprocess.run([cluster.psql, "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", cluster.url(database), "-c",
                    f"DO $$ BEGIN FOR i IN 1..{count} LOOP EXECUTE format('CREATE SCHEMA %I', 'tenant_' || lpad(i::text, 4, '0')); END LOOP; END $$"],
                   check=True, stdout=subprocess.DEVNULL)
    subprocess.run([cluster.psql, "-X", "-q", "-d", cluster.url(database), "-c", "CHECKPOINT"], check=True, stdout=subprocess.DEVNULL)
    wait_for_quiet_io()
    return [f"tenant_{i:04d}" for i in range(1, count + 1)]


def check_migrated(cluster, url, expected):
    """Checks, outside the timing, that every target got both migrations: the orders tables."""
    out = subprocess.run([cluster.psql, "-X", "-q", "-A", "-t", "-d", url, "-c",
                          "SELECT count(*) FROM pg_tables WHERE tablename = 'orders'"], check=True, capture_output=True, text=True).stdout
    if int(out.strip()) != expected:
        raise RuntimeError(f"expected {expected} orders tables in {url}, found {out.strip()}")


def tenants_scenario(strata, cluster, base, project, args, env):
    count = args.tenants
    up_sql = os.path.join(base, "up.sql")
    query = "SELECT nspname FROM pg_namespace WHERE nspname LIKE ''tenant\\_%'' ORDER BY 1"

    def floor(database):
        schemas = create_tenants(cluster, database, count)
        seconds = xargs_psql(cluster, [with_options(cluster.url(database), s) for s in schemas], up_sql, args.parallel, base)
        check_migrated(cluster, cluster.url(database), count)
        return seconds

    def fleet(database):
        create_tenants(cluster, database, count)
        config = os.path.join(project, f"fleet-{database}.yaml")
        with open(config, "w") as f:
            f.write(f"fleet:\n  targets:\n    - url: \"{cluster.url(database)}\"\n      schemas: '{query}'\n")
        seconds = timed([strata, "-C", project, "--config", config, "--quiet", "fleet", "up", "--parallel", str(args.parallel)], env=env)
        check_migrated(cluster, cluster.url(database), count)
        return seconds

    contenders = [(f"psql -1 -f per schema, xargs -P {args.parallel} (floor)", floor),
                  (f"strata fleet up --parallel {args.parallel}", fleet)]
    times = rounds(contenders, args.runs, "bench_fleet_t")
    loop = None
    if not args.no_loop:
        database = "bench_fleet_t_loop"
        schemas = create_tenants(cluster, database, count)
        configs = os.path.join(base, "tenant-configs")
        os.makedirs(configs, exist_ok=True)
        for schema in schemas:
            with open(os.path.join(configs, schema + ".yaml"), "w") as f:
                f.write(f"migrations: {os.path.join(project, 'migrations')}\nhistory_schema: {schema}\n")
        log(f"sequential loop over {count} tenants…")
        loop = sum(timed([strata, "-C", project, "--config", os.path.join(configs, s + ".yaml"), "--quiet",
                          "--url", with_options(cluster.url(database), s), "up"], env=env) for s in schemas)
        check_migrated(cluster, cluster.url(database), count)
    report(f"{count} tenant schemas in one database, 2 migrations each", contenders, times, loop, "one strata up per schema")


def databases_scenario(strata, clusters, base, project, args, env):
    count = args.databases
    up_sql = os.path.join(base, "up.sql")

    def make(prefix):
        urls = []
        for i in range(count):
            cluster = clusters[i % len(clusters)]
            name = f"{prefix}_{i:03d}"
            cluster.drop(name)
            cluster.admin(f'CREATE DATABASE "{name}"')
            urls.append(cluster.url(name))
        for cluster in clusters:
            cluster.admin("CHECKPOINT")
        wait_for_quiet_io()
        return urls

    def check(urls):
        for url in urls:
            check_migrated(clusters[0], url, 1)

    def floor(prefix):
        urls = make(prefix)
        seconds = xargs_psql(clusters[0], urls, up_sql, args.parallel, base)
        check(urls)
        return seconds

    def fleet(prefix):
        urls = make(prefix)
        targets = os.path.join(base, f"{prefix}.txt")
        with open(targets, "w") as f:
            f.write("\n".join(urls) + "\n")
        seconds = timed([strata, "-C", project, "--quiet", "fleet", "up", "--parallel", str(args.parallel), "--targets", targets], env=env)
        check(urls)
        return seconds

    contenders = [(f"psql -1 -f per database, xargs -P {args.parallel} (floor)", floor),
                  (f"strata fleet up --parallel {args.parallel}", fleet)]
    times = rounds(contenders, args.runs, "bench_fleet_d")
    loop = None
    if not args.no_loop:
        urls = make("bench_fleet_d_loop")
        log(f"sequential loop over {count} databases…")
        loop = sum(timed([strata, "-C", project, "--quiet", "--url", url, "up"], env=env) for url in urls)
        check(urls)
    report(f"{count} databases over {len(clusters)} local clusters, 2 migrations each", contenders, times, loop, "one strata up per database")


def rounds(contenders, runs, prefix):
    """Each contender once per round on targets of its own, in a new random order each round."""
    times = {name: [] for name, _ in contenders}
    for run in range(runs):
        order = contenders[:]
        random.shuffle(order)
        for number, (name, runner) in enumerate(order):
            times[name].append(runner(f"{prefix}_{run}_{number}"))
        log(f"run {run + 1}/{runs}: " + ", ".join(f"{n}={times[n][-1]:.2f}s" for n, _ in contenders))
    return times


def report(title, contenders, times, loop, loop_name):
    floor_name = contenders[0][0]
    floor = median(times[floor_name])
    print(f"\n{title}; median of {len(times[floor_name])} rounds")
    print(f"{'contender':56} {'median s':>9} {'vs floor':>9}")
    for name, _ in contenders:
        ratio = median([t / f for t, f in zip(times[name], times[floor_name])])
        print(f"{name:56} {median(times[name]):9.2f} {ratio:8.2f}x")
    if loop is not None:
        print(f"{'sequential loop: ' + loop_name + ' (1 round)':56} {loop:9.2f} {loop / floor:8.2f}x")
    print("target (issue 15): strata fleet up at most 1.3x the floor")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--tenants", type=int, default=1000)
    parser.add_argument("--databases", type=int, default=100)
    parser.add_argument("--parallel", type=int, default=8)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-build", action="store_true")
    parser.add_argument("--no-loop", action="store_true", help="skip the sequential loops")
    parser.add_argument("--only", choices=["tenants", "databases"])
    args = parser.parse_args()

    strata = RELEASE_BINARY if args.no_build else build_release()
    base = tempfile.mkdtemp(prefix="strata-bench-fleet-")
    project = write_project(base)
    env = dict(os.environ, NO_COLOR="1")
    clusters = []
    try:
        clusters = [Cluster(strata, os.path.join(base, "cluster-a")), Cluster(strata, os.path.join(base, "cluster-b"))]
        if args.only != "databases":
            tenants_scenario(strata, clusters[0], base, project, args, env)
        if args.only != "tenants":
            databases_scenario(strata, clusters, base, project, args, env)
    finally:
        for cluster in clusters:
            cluster.stop()
        shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    main()
