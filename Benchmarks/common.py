"""Shared helpers for Strata's benchmarks: build, a durable local cluster, timing."""
import glob
import json
import os
import shutil
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def log(message):
    print(message, file=sys.stderr, flush=True)


# The release binary as the README's install section builds it: statically linked.
RELEASE_BINARY = os.path.join(ROOT, ".build-release", "release", "strata")


def build_release():
    log("building strata (release, static Swift runtime)…")
    subprocess.run(["swift", "build", "-c", "release", "--product", "strata", "--scratch-path", ".build-release",
                    "-Xswiftc", "-static-stdlib"], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
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
