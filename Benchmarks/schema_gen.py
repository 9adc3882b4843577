"""Generates the issue-3 benchmark schema pair: about 500 tables (~5,000 columns), 300
foreign keys, 800 indexes, 20 enums, 50 views, 50 functions, 20 triggers; and a copy
with about 5% of it changed. Deterministic (seeded)."""
import random

TYPES = ["text", "integer", "bigint", "numeric(12,2)", "timestamptz", "boolean", "jsonb", "uuid", "varchar(80)", "date"]


def generate(tables=500, seed=42):
    rng = random.Random(seed)
    model = {"enums": {}, "tables": {}, "indexes": [], "views": {}, "functions": {}, "triggers": []}
    for e in range(20):
        model["enums"][f"kind_{e:02d}"] = [f"k{v}" for v in range(4)]
    for t in range(tables):
        name = f"t_{t:03d}"
        columns = [("id", "bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY")]
        for c in range(8):
            kind = rng.choice(TYPES)
            spec = kind
            if rng.random() < 0.3:
                spec += " NOT NULL" + {"text": " DEFAULT ''", "integer": " DEFAULT 0", "bigint": " DEFAULT 0",
                                       "numeric(12,2)": " DEFAULT 0", "timestamptz": " DEFAULT now()",
                                       "boolean": " DEFAULT false", "jsonb": " DEFAULT '{}'",
                                       "uuid": " DEFAULT gen_random_uuid()", "varchar(80)": " DEFAULT 'x'",
                                       "date": " DEFAULT CURRENT_DATE"}[kind]
            columns.append((f"c{c}", spec))
        if t % 25 == 0:
            columns.append(("kind", f"kind_{(t // 25) % 20:02d} NOT NULL DEFAULT 'k0'"))
        if 0 < t <= 300:
            columns.append(("ref_id", f"bigint REFERENCES t_{rng.randrange(0, t):03d} (id) ON DELETE CASCADE"))
        model["tables"][name] = columns
    index_number = 0
    while len(model["indexes"]) < 800:
        t = index_number % tables
        column = f"c{(index_number // tables) % 8}"
        model["indexes"].append((f"t_{t:03d}_{column}_idx", f"t_{t:03d}", column))
        index_number += 1
    for v in range(50):
        a, b = f"t_{v * 2 + 1:03d}", f"t_{v * 2 + 2:03d}"
        model["views"][f"v_{v:02d}"] = (f"SELECT a.id, a.c0, b.c1 FROM {a} a JOIN {b} b ON b.ref_id = a.id")
    for f in range(50):
        model["functions"][f"f_{f:02d}"] = f"SELECT count(*) FROM t_{f:03d} WHERE id > p_min"
    for g in range(20):
        model["triggers"].append((f"t_{g * 7:03d}_touch", f"t_{g * 7:03d}"))
    return model


def change(model, seed=7):
    """About 5% of the objects changed: columns added, dropped and retyped, indexes added
    and dropped, views and functions rewritten, an enum value added, tables added and dropped."""
    rng = random.Random(seed)
    changed = {key: (dict(value) if isinstance(value, dict) else list(value)) for key, value in model.items()}
    changed["tables"] = {name: list(columns) for name, columns in model["tables"].items()}
    names = sorted(changed["tables"])
    for name in rng.sample(names[301:], 10):
        changed["tables"][name].append(("added", "text NOT NULL DEFAULT 'new'"))
    for name in rng.sample(names[301:], 5):
        changed["tables"][name] = [c for c in changed["tables"][name] if c[0] != "c7"]
        changed["indexes"] = [i for i in changed["indexes"] if not (i[1] == name and i[2] == "c7")]
    for name in rng.sample(names[301:], 5):
        changed["tables"][name] = [(c, "bigint" if s.startswith("integer") else s) for c, s in changed["tables"][name]]
    for t in range(10):
        changed["indexes"].append((f"t_{400 + t:03d}_c0_c1_idx", f"t_{400 + t:03d}", "c0, c1"))
    dropped = set(rng.sample(range(len(changed["indexes"]) - 10), 20))
    changed["indexes"] = [i for n, i in enumerate(changed["indexes"]) if n not in dropped]
    for v in range(3):
        changed["views"][f"v_{v:02d}"] += " WHERE a.id > 0"
    for f in range(3):
        changed["functions"][f"f_{f:02d}"] = changed["functions"][f"f_{f:02d}"].replace("id > p_min", "id >= p_min")
    changed["enums"] = dict(model["enums"])
    changed["enums"]["kind_00"] = model["enums"]["kind_00"] + ["k9"]
    for t in range(5):
        changed["tables"][f"new_{t}"] = [("id", "bigint PRIMARY KEY"), ("label", "text NOT NULL")]
    for name in ["t_495", "t_496", "t_497"]:
        del changed["tables"][name]
        changed["indexes"] = [i for i in changed["indexes"] if i[1] != name]
    return changed


def render(model):
    out = ["CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;"]
    for name, labels in model["enums"].items():
        out.append(f"CREATE TYPE {name} AS ENUM (" + ", ".join(f"'{l}'" for l in labels) + ");")
    for name, columns in model["tables"].items():
        out.append(f"CREATE TABLE {name} (\n    " + ",\n    ".join(f"{c} {s}" for c, s in columns) + "\n);")
    for name, table, columns in model["indexes"]:
        if table in model["tables"]:
            out.append(f"CREATE INDEX {name} ON {table} ({columns});")
    for name, query in model["views"].items():
        out.append(f"CREATE VIEW {name} AS {query};")
    for name, body in model["functions"].items():
        out.append(f"CREATE FUNCTION {name}(p_min bigint) RETURNS bigint LANGUAGE sql STABLE AS $$ {body} $$;")
    for name, table in model["triggers"]:
        if table in model["tables"]:
            out.append(f"CREATE TRIGGER {name} BEFORE UPDATE ON {table} FOR EACH ROW EXECUTE FUNCTION touch();")
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    import sys
    base = generate()
    sys.stdout.write(render(change(base) if "--changed" in sys.argv else base))
