"""Shared helpers for Strata's benchmarks: build, a durable local cluster, timing."""
import glob
import json
import random
import os
import shutil
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def log(message):
    print(message, file=sys.stderr, flush=True)


# The release binary as the README's install section builds it: the Swift runtime linked in,
# position-dependent, no exported symbols, no run path into the build folder.
RELEASE_BINARY = os.path.join(ROOT, ".build-release", "release", "strata")


def build_release():
    log("building strata (release, static Swift runtime)…")
    subprocess.run(["swift", "build", "-c", "release", "--product", "strata", "--scratch-path", ".build-release",
                    "--disable-local-rpath", "-Xswiftc", "-static-stdlib", "-Xlinker", "--no-export-dynamic",
                    "-Xlinker", "-no-pie"],
                   cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    return RELEASE_BINARY


def pg_bindir():
    """PostgreSQL's programs: Debian's versioned folders first (newest), then PATH."""
    folders = sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(p.split("/")[4]))
    if folders:
        return folders[-1]
    psql = shutil.which("psql")
    if psql:
        return os.path.dirname(psql)
    sys.exit("PostgreSQL binaries not found: apt-get install -y postgresql")


class Cluster:
    """A durable cluster (default settings, fsync on) run by Strata's own dev command."""

    def __init__(self, strata, project):
        self.strata = strata
        self.project = project
        os.makedirs(project, exist_ok=True)
        # When run as root the server runs as the postgres user, which must reach the folder.
        parent = project
        while parent not in ("/", "/tmp"):
            os.chmod(parent, os.stat(parent).st_mode | 0o711)
            parent = os.path.dirname(parent)
        out = subprocess.run([strata, "-C", project, "dev", "start", "--format", "json"], check=True,
                             capture_output=True, text=True).stdout
        status = json.loads(out)["status"]
        self.socket = status["socket_directory"]
        self.port = status["port"]
        self.psql = os.path.join(pg_bindir(), "psql")

    def url(self, database):
        return f"postgres://postgres@/{database}?host={self.socket}&port={self.port}"

    def dsn(self, database):
        return f"host={self.socket} port={self.port} user=postgres dbname={database} sslmode=disable"

    def admin(self, sql):
        subprocess.run([self.psql, "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", self.url("postgres"), "-c",
                        "SET client_min_messages = warning", "-c", sql], check=True, stdout=subprocess.DEVNULL)

    def fresh(self, database):
        """An empty database, with the server's background writes settled, so that one
        contender's leftovers do not slow the next one down."""
        self.admin(f'DROP DATABASE IF EXISTS "{database}"')
        self.admin(f'CREATE DATABASE "{database}"')
        self.admin("CHECKPOINT")
        wait_for_quiet_io()

    def drop(self, database):
        self.admin(f'DROP DATABASE IF EXISTS "{database}"')

    def stop(self):
        subprocess.run([self.strata, "-C", self.project, "dev", "destroy"], stdout=subprocess.DEVNULL)


def load_schemas(cluster, base, schemas):
    """Loads each {database: sql} into a fresh database with psql and analyzes it, like a
    database in service whose catalogs autovacuum has analyzed, so that every contender's
    catalog queries get the same planner statistics."""
    for database, sql in schemas.items():
        path = os.path.join(base, database + ".sql")
        with open(path, "w") as f:
            f.write(sql)
        cluster.fresh(database)
        subprocess.run([cluster.psql, "-X", "-q", "-v", "ON_ERROR_STOP=1", "-f", path, "-d", cluster.url(database)],
                       check=True, stdout=subprocess.DEVNULL)
        subprocess.run([cluster.psql, "-X", "-q", "-c", "VACUUM ANALYZE", "-d", cluster.url(database)],
                       check=True, stdout=subprocess.DEVNULL)


def write_catalog_queries(strata, base):
    """Strata's introspection queries as one psql script (`strata debug catalog-queries`): the
    floor of reading a schema."""
    path = os.path.join(base, "catalog.sql")
    with open(path, "w") as f:
        f.write(subprocess.run([strata, "debug", "catalog-queries"], check=True, capture_output=True, text=True).stdout)
    return path


def wait_for_quiet_io(limit=2.0, longest=120):
    """Waits until the machine's I/O pressure (Linux PSI, `full avg10`) is below `limit`
    percent, or `longest` seconds. Deleting files (a dropped database, a removed cluster)
    keeps a disk mounted with `discard` busy long afterwards, which would slow whichever
    contender runs next."""
    deadline = time.time() + longest
    while time.time() < deadline:
        try:
            with open("/proc/pressure/io") as f:
                full = next(line for line in f if line.startswith("full"))
            if float(full.split("avg10=")[1].split()[0]) < limit:
                return
        except (OSError, StopIteration, ValueError, IndexError):
            return
        time.sleep(1)


def timed(argv, env=None, cwd=None, ok=(0,)):
    """Wall time of one run; raises when the command exits with a status not in `ok`."""
    started = time.perf_counter()
    result = subprocess.run(argv, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    elapsed = time.perf_counter() - started
    if result.returncode not in ok:
        raise RuntimeError(f"{argv[0]} exited {result.returncode}: {result.stderr[-2000:]}")
    return elapsed


def peak_rss_kib(argv, env=None, cwd=None):
    """Peak resident set size of a command, from GNU time."""
    result = subprocess.run(["/usr/bin/time", "-f", "%M"] + argv, env=env, cwd=cwd, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True)
    if result.returncode != 0:
        raise RuntimeError(result.stderr[-2000:])
    return int(result.stderr.strip().splitlines()[-1])


def median(values):
    return statistics.median(values)


def shuffled_rounds(cluster, contenders, runs, prefix):
    """Times each (name, runner(database)) contender on a fresh database of its own, `runs`
    rounds after a warm-up round that is not counted, in a new random order each round.
    Every database is kept until the caller stops the cluster: ext4 creates files much more
    slowly right after a mass deletion, which would slow the next contender.
    Returns {name: [seconds per round]}."""
    times = {name: [] for name, _ in contenders}
    for run in range(-1, runs):
        order = contenders[:]
        random.shuffle(order)
        round_times = {}
        for number, (name, runner) in enumerate(order):
            database = f"{prefix}_{run + 1}_{number}"
            cluster.fresh(database)
            round_times[name] = runner(database)
        if run < 0:
            continue
        for name, value in round_times.items():
            times[name].append(value)
        log(f"run {run + 1}/{runs}: " + ", ".join(f"{n}={times[n][-1]:.3f}s" for n, _ in contenders))
    return times


def print_ratio_table(contenders, times, count, peers=()):
    """Median seconds per contender, its ratio to the first (the floor): the median over
    rounds of (contender / floor of the same round), the extra milliseconds that makes per
    migration, and its ratio to the fastest of `peers` (names of other tools' contenders)
    measured in the same rounds. Also the ratio of best times (each contender's fastest
    round over the floor's): on a machine whose disk and CPU are shared, noise only ever
    adds time, so the best round is each contender's least disturbed one, and this ratio
    moves far less from run to run than the median does."""
    floor_name = contenders[0][0]
    floor = median(times[floor_name])
    measured_peers = [name for name in peers if name in times]
    best_peer = min(measured_peers, key=lambda name: median(times[name])) if measured_peers else None
    print("ratio: median over rounds of (contender / floor of the same round)"
          + (f"; vs peer: the same against {best_peer}, the fastest peer" if best_peer else ""))
    print(f"{'contender':32} {'median s':>9} {'ratio':>7} {'ms/migration over floor':>24}" + (f" {'vs peer':>8}" if best_peer else "")
          + f" {'best s':>7} {'best ratio':>10}")
    for name, _ in contenders:
        value = median(times[name])
        ratio = median([t / f for t, f in zip(times[name], times[floor_name])])
        overhead = (ratio - 1) * floor / count * 1000
        line = f"{name:32} {value:9.3f} {ratio:6.2f}x {overhead:24.3f}"
        if best_peer:
            line += f" {median([t / p for t, p in zip(times[name], times[best_peer])]):7.2f}x"
        line += f" {min(times[name]):7.3f} {min(times[name]) / min(times[floor_name]):9.2f}x"
        print(line)
