#!/usr/bin/env python3
"""Models benchmark: `strata models compile` on a generated model set of 500 tables in
three layers (docs/models.md): about 5,000 columns, 300 foreign keys (`references`), 800
indexes, 20 enums, 50 views, 50 functions (plus the trigger function), 20 triggers; one
file per table, as a layer usually is. Deterministic (seeded).

The later layers use the merge rules: the domain layer adds columns and indexes to
shared tables, the app layer adds columns and triggers to domain tables and replaces
columns with `override: true`.

Contenders, measured in the same run, interleaved, medians of N after a warm-up:
- floor: reading and parsing the same YAML files with PyYAML (its libyaml-based
  CSafeLoader when available: Strata's YAML library, Yams, is built on libyaml too) in
  a fresh `python3` process; without PyYAML, `cat` of every file to /dev/null;
- strata models compile (the release binary, `-C <project>`), with the generated file
  already in place from the warm-up, as when a developer re-runs it.

Target: under 1 s.

    python3 Benchmarks/models_compile.py [--runs 7] [--no-build] [--write DIR]
"""
import argparse
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile

from common import RELEASE_BINARY, build_release, log, median, timed

LAYERS = ["models/shared", "models/domain", "models/app"]
TABLES = 500
SHARED, DOMAIN = range(0, 100), range(100, 400)  # the app layer: 400..499
TYPES = ["text", "integer", "bigint", "numeric(12,2)", "timestamptz", "boolean", "jsonb", "uuid", "varchar(80)", "date"]
DEFAULTS = {"text": ("default", '""'), "integer": ("default", "0"), "bigint": ("default", "0"),
            "numeric(12,2)": ("default", "0"), "timestamptz": ("default_sql", "now()"),
            "boolean": ("default", "false"), "jsonb": ("default", '"{}"'), "uuid": ("default_sql", "gen_random_uuid()"),
            "varchar(80)": ("default", "x"), "date": ("default_sql", "CURRENT_DATE")}
TARGET_MS = 1000.0

FLOOR_PYYAML = """
import sys, yaml
loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
for path in sys.argv[1:]:
    with open(path, "rb") as f:
        yaml.load(f, Loader=loader)
"""


def scalar(text):
    """A YAML scalar: plain when it is a simple word, else double-quoted (JSON strings are YAML)."""
    return text if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", text) else json.dumps(text)


def table_name(t):
    return f"t_{t:03d}"


def layer_of(t):
    return LAYERS[0] if t in SHARED else LAYERS[1] if t in DOMAIN else LAYERS[2]


def generate(seed=42):
    """Returns {relative path: file text} and the counts of what the files declare."""
    rng = random.Random(seed)
    files = {}
    counts = dict(tables=0, columns=0, references=0, indexes=0, enums=0, views=0, functions=0, triggers=0, overrides=0)
    types = {}

    # Shared layer: the enums and functions every layer uses.
    lines = ["# Shared types.", "enums:"]
    for e in range(20):
        lines.append(f"  kind_{e:02d}: [k0, k1, k2, k3]")
        counts["enums"] += 1
    files["models/shared/00_types.yaml"] = "\n".join(lines) + "\n"
    lines = ["functions:", "  touch: |",
             "    CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;"]
    for f in range(50):
        # plpgsql: its body is not checked against tables when the function is created.
        lines += [f"  f_{f:02d}: |",
                  f"    CREATE FUNCTION f_{f:02d}(p_min bigint) RETURNS bigint LANGUAGE plpgsql STABLE AS $$",
                  f"    BEGIN RETURN (SELECT count(*) FROM {table_name(f)} WHERE id > p_min); END $$;"]
        counts["functions"] += 1
    files["models/shared/01_functions.yaml"] = "\n".join(lines) + "\n"

    # Every layer: one file per table.
    extra_indexes = {}  # table -> index entries a later layer adds (shared tables)
    for t in range(TABLES):
        name = table_name(t)
        lines = [f"tables:", f"  {name}:"]
        if t % 10 == 0:
            lines.append(f"    comment: {scalar(f'Table {t} of the benchmark')}")
        lines += ["    columns:", "      id: { type: bigint, identity: always, primary_key: true }"]
        counts["tables"] += 1
        counts["columns"] += 1
        for c in range(8):
            kind = rng.choice(TYPES)
            types[(t, c)] = kind
            if rng.random() < 0.3:
                key, value = DEFAULTS[kind]
                lines.append(f"      c{c}: {{ type: {scalar(kind)}, {key}: {value} }}")
            else:
                lines.append(f"      c{c}: {scalar(kind + '?')}")
            counts["columns"] += 1
        if t % 25 == 0:
            lines.append(f"      kind: {{ type: kind_{(t // 25) % 20:02d}, default: k0 }}")
            counts["columns"] += 1
        if 0 < t <= 300:
            target = table_name(rng.randrange(0, t))
            spelling = t % 3
            if spelling == 0:
                lines.append(f"      ref_id: {{ type: bigint, nullable: true, references: {target}, on_delete: cascade }}")
            elif spelling == 1:
                lines.append(f"      ref_id: {{ type: bigint, nullable: true, references: \"{target}(id)\", on_delete: cascade }}")
            else:
                lines.append(f"      ref_id: {{ type: bigint, nullable: true, "
                             f"references: {{ table: {target}, column: id, on_delete: cascade }} }}")
            counts["columns"] += 1
            counts["references"] += 1
        # 800 indexes: one on c0 of every table, and a second on tables 0..299 in three forms.
        indexes = ["      - c0"]
        if t < 300:
            form = t % 3
            second = ("      - [c1, c2]" if form == 0 else
                      "      - c1 DESC" if form == 1 else
                      f"      - {{ columns: [c2], where: \"c2 IS NOT NULL\", name: {name}_c2_set_idx }}")
            if t in SHARED:
                extra_indexes[name] = second  # added by the domain layer
            else:
                indexes.append(second)
        lines += ["    indexes:"] + indexes
        counts["indexes"] += len(indexes)
        files[f"{layer_of(t)}/tables/{name}.yaml"] = "\n".join(lines) + "\n"

    # Domain layer: additions to shared tables (columns on 50 of them, their second indexes).
    lines = ["# The domain layer extends shared tables: only the additions.", "tables:"]
    for t in SHARED:
        name = table_name(t)
        if t >= 50 and name not in extra_indexes:
            continue
        lines.append(f"  {name}:")
        if t < 50:
            lines += ["    columns:", "      d_note: text?", "      d_flag: { type: boolean, default: false }"]
            counts["columns"] += 2
        if name in extra_indexes:
            lines += ["    indexes:", extra_indexes[name]]
            counts["indexes"] += 1
    files["models/domain/00_shared_additions.yaml"] = "\n".join(lines) + "\n"

    # App layer: additions to domain tables, overrides, triggers, views.
    lines = ["# The app layer adds to domain tables and replaces some of their columns.", "tables:"]
    triggered = {g * 7: f"{table_name(g * 7)}_touch" for g in range(20)}
    for t in sorted(set(range(100, 180)) | set(triggered)):
        name = table_name(t)
        lines.append(f"  {name}:")
        if t in range(100, 180):
            lines += ["    columns:", "      app_note: text?"]
            counts["columns"] += 1
            if t < 120:  # c7 carries no index and no view uses it
                lines.append("      c7: { type: text, nullable: true, override: true }")
                counts["overrides"] += 1
        if t in triggered:
            lines += ["    triggers:", f"      {triggered[t]}: CREATE TRIGGER {triggered[t]} BEFORE UPDATE ON {name} "
                                        f"FOR EACH ROW EXECUTE FUNCTION touch()"]
            counts["triggers"] += 1
    files["models/app/00_domain_additions.yaml"] = "\n".join(lines) + "\n"
    lines = ["views:"]
    for v in range(50):
        a, b = table_name(v * 2 + 1), table_name(v * 2 + 2)
        query = f"SELECT a.id, a.c0, b.c1 FROM {a} a JOIN {b} b ON b.ref_id = a.id"
        if v % 5 == 0:
            lines += [f"  v_{v:02d}:", f"    query: {scalar(query)}", f"    comment: {scalar(f'View {v}')}"]
        else:
            lines.append(f"  v_{v:02d}: {scalar(query)}")
        counts["views"] += 1
    files["models/app/zz_views.yaml"] = "\n".join(lines) + "\n"
    return files, counts


def write_project(base, files):
    project = os.path.join(base, "project")
    for folder in ["migrations", "schema"] + LAYERS:
        os.makedirs(os.path.join(project, folder), exist_ok=True)
    with open(os.path.join(project, "strata.yaml"), "w") as f:
        f.write("migrations: migrations\nschema: schema\nmodels: [" + ", ".join(LAYERS) + "]\n")
    for path, text in files.items():
        os.makedirs(os.path.dirname(os.path.join(project, path)), exist_ok=True)
        with open(os.path.join(project, path), "w") as f:
            f.write(text)
    return project


def compiled_counts(sql):
    patterns = {"tables": r"CREATE (?:UNLOGGED )?TABLE\b", "indexes": r"CREATE (?:UNIQUE )?INDEX\b",
                "references": r"\bREFERENCES\b", "enums": r"CREATE TYPE\b.*\bAS ENUM\b", "views": r"CREATE (?:OR REPLACE )?VIEW\b",
                "functions": r"CREATE (?:OR REPLACE )?FUNCTION\b", "triggers": r"CREATE (?:OR REPLACE )?TRIGGER\b"}
    return {key: len(re.findall(pattern, sql, re.IGNORECASE)) for key, pattern in patterns.items()}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--no-build", action="store_true")
    parser.add_argument("--write", metavar="DIR", help="only write the generated project into DIR and exit")
    args = parser.parse_args()
    if args.runs < 7:
        parser.error("--runs must be at least 7")

    files, counts = generate()
    if args.write:
        project = write_project(args.write, files)
        print(f"wrote {len(files)} model files to {project}: " + ", ".join(f"{v} {k}" for k, v in counts.items()))
        return

    strata = RELEASE_BINARY if args.no_build else build_release()
    if not os.access(strata, os.X_OK):
        sys.exit(f"error: no strata binary at {strata}; build it (run without --no-build) first")
    base = tempfile.mkdtemp(prefix="strata-bench-models-")
    env = dict(os.environ, NO_COLOR="1")
    try:
        project = write_project(base, files)
        paths = sorted(os.path.join(project, p) for p in files)
        size = sum(os.path.getsize(p) for p in paths)
        output = os.path.join(project, "schema", "models.sql")
        compile_argv = [strata, "-C", project, "models", "compile"]

        # The warm-up: also the check that this binary compiles models at all.
        result = subprocess.run(compile_argv, env=env, capture_output=True, text=True)
        if result.returncode != 0 or not os.path.exists(output):
            detail = (result.stderr or result.stdout).strip()[-3000:] or "(no output)"
            sys.exit(f"error: `strata models compile` failed (exit {result.returncode}"
                     f"{'' if result.returncode else ', no schema/models.sql written'}) with {strata}:\n{detail}\n"
                     "Does this build include the models compiler (docs/models.md)?")

        has_pyyaml = subprocess.run([sys.executable, "-c", "import yaml"], capture_output=True).returncode == 0
        if has_pyyaml:
            loader = subprocess.run([sys.executable, "-c", "import yaml; print('CSafeLoader' if hasattr(yaml, 'CSafeLoader') "
                                     "else 'SafeLoader')"], capture_output=True, text=True).stdout.strip()
            floor_name = f"PyYAML {loader} parse (floor)"
            floor_argv = [sys.executable, "-c", FLOOR_PYYAML] + paths
        else:
            log("PyYAML is not installed (python3 -c 'import yaml' failed): the floor is `cat` of every file")
            floor_name = "cat to /dev/null (floor)"
            floor_argv = ["cat"] + paths
        timed(floor_argv)  # the floor's warm-up

        contenders = [(floor_name, lambda: timed(floor_argv, env=env)),
                      ("strata models compile", lambda: timed(compile_argv, env=env))]
        times = {name: [] for name, _ in contenders}
        for run in range(args.runs):
            for name, runner in contenders:
                try:
                    times[name].append(runner())
                except RuntimeError as error:
                    sys.exit(f"error: {name} failed on run {run + 1}: {error}")
            log(f"run {run + 1}/{args.runs}: " + ", ".join(f"{n}={times[n][-1] * 1000:.0f}ms" for n, _ in contenders))

        with open(output) as f:
            sql = f.read()
    finally:
        shutil.rmtree(base, ignore_errors=True)

    floor_time = median(times[floor_name])
    compile_ms = median(times["strata models compile"]) * 1000
    print(f"\nstrata models compile: {counts['tables']} tables in {len(LAYERS)} layers, {len(files)} files, "
          f"{size / 1024:.0f} KiB of YAML; median of {args.runs} runs after a warm-up")
    print("declared: " + ", ".join(f"{v} {k}" for k, v in counts.items()))
    print(f"{'contender':34} {'median ms':>10} {'vs floor':>9}")
    for name, _ in contenders:
        value = median(times[name])
        print(f"{name:34} {value * 1000:10.1f} {value / floor_time:8.2f}x")
    if not has_pyyaml:
        print("(floor: `cat` of the files, because PyYAML is not installed; pip install pyyaml for a parsing floor)")
    print(f"target: under {TARGET_MS:.0f} ms: {'met' if compile_ms < TARGET_MS else 'NOT met'} ({compile_ms:.0f} ms)")
    found = compiled_counts(sql)
    print(f"schema/models.sql: {sql.count(chr(10))} lines; statements found: "
          + ", ".join(f"{found[k]} {k}" for k in found)
          + " (functions include the trigger function)")


if __name__ == "__main__":
    main()
