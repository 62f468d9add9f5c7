#!/usr/bin/env python3
"""Check sitrep's exports the way a user opens them.

Usage: check_exports.py ACLED_CSV GEOJSON [--expect-rows N] [--plover PLOVER_JSON]

- The ACLED CSV is read with Python's csv module and, when installed, with
  pandas; both must see ACLED's 31 columns in ACLED's order (sitrep_* extras
  may follow) and the same number of rows. Without pandas the pandas check
  is skipped with a message.
- ACLED's actor columns must agree: inter codes 0-8, `interaction` made
  from them as ACLED does (10 * smaller + larger; a sole actor's code * 10),
  no associated actor repeating its own side's actor.
- With --plover, the PLOVER JSON must be an array of records with `event`,
  `mode` and `weapon` (null or {kind, text}) and actor/recipient lists.
- The GeoJSON must be an RFC 7946 FeatureCollection: Features with a
  geometry (Point with [lon, lat] numbers in range, or null) and properties
  (object or null).

Prints one line per check and exits 1 on the first failure set.
"""
import csv
import json
import math
import sys

ACLED_COLUMNS = [
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type",
    "event_type", "sub_event_type", "actor1", "assoc_actor_1", "inter1",
    "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
    "iso", "region", "country", "admin1", "admin2", "admin3", "location",
    "latitude", "longitude", "geo_precision", "source", "source_scale",
    "notes", "fatalities", "tags", "timestamp",
]


def check_columns(columns, who):
    problems = []
    if list(columns[:31]) != ACLED_COLUMNS:
        problems.append(f"{who}: columns {list(columns[:31])} are not ACLED's")
    extras = [c for c in columns[31:] if not str(c).startswith("sitrep_")]
    if extras:
        problems.append(f"{who}: unexpected extra columns {extras}")
    return problems


def check_actors(rec, i):
    """inter codes, interaction and associated actors of one ACLED row."""
    problems = []
    codes = {}
    for col in ("inter1", "inter2", "interaction"):
        v = rec.get(col, "")
        codes[col] = int(v) if v.lstrip("-").isdigit() else None
    for col in ("inter1", "inter2"):
        if codes[col] is not None and not 0 <= codes[col] <= 8:
            problems.append(f"csv: record {i}: {col}={codes[col]} is not an ACLED inter code (0-8)")
    a, b, n = codes["inter1"], codes["inter2"], codes["interaction"]
    if n is not None and a:
        want = 10 * a if not b else 10 * min(a, b) + max(a, b)
        if n != want:
            problems.append(f"csv: record {i}: interaction={n} but inter1={a}, inter2={b} give {want}")
    for side in ("1", "2"):
        actor = rec.get(f"actor{side}", "").strip().lower()
        assoc = [x.strip().lower() for x in rec.get(f"assoc_actor_{side}", "").split(";") if x.strip()]
        if actor and actor in assoc:
            problems.append(f"csv: record {i}: assoc_actor_{side} repeats actor{side} {actor!r}")
        if len(set(assoc)) != len(assoc):
            problems.append(f"csv: record {i}: assoc_actor_{side} has repeats")
    return problems


def check_plover(path):
    problems = []
    with open(path, encoding="utf-8") as f:
        doc = json.load(f)
    if not isinstance(doc, list):
        return ["plover: not a JSON array"], 0
    for i, r in enumerate(doc):
        at = f"plover: [{i}]"
        if not isinstance(r, dict):
            problems.append(f"{at}: not an object")
            continue
        if not isinstance(r.get("event"), str) or not r["event"]:
            problems.append(f"{at}: event missing")
        if "mode" not in r or not (r["mode"] is None or isinstance(r["mode"], str)):
            problems.append(f"{at}: mode missing or not a string/null")
        w = r.get("weapon", "missing")
        if not (w is None or (isinstance(w, dict) and isinstance(w.get("kind"), str) and w["kind"])):
            problems.append(f"{at}: weapon {w!r} is neither null nor {{kind, text}}")
        for side in ("actor", "recipient"):
            if not isinstance(r.get(side), list):
                problems.append(f"{at}: {side} is not a list")
    weapons = sum(1 for r in doc if isinstance(r, dict) and r.get("weapon"))
    print(f"plover: {len(doc)} records, {weapons} with a weapon")
    return problems, len(doc)


def check_csv(path, expect_rows):
    problems = []
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    if not rows:
        return [f"{path}: empty file (no header)"], 0
    header, body = rows[0], rows[1:]
    problems += check_columns(header, "csv")
    for i, r in enumerate(body, start=2):
        if len(r) != len(header):
            problems.append(f"csv: record {i} has {len(r)} fields, header {len(header)}")
    for i, r in enumerate(body, start=2):
        rec = dict(zip(header, r))
        for col in ("year", "inter1", "inter2", "interaction", "iso", "fatalities", "timestamp"):
            if rec.get(col) and not rec[col].lstrip("-").isdigit():
                problems.append(f"csv: record {i}: {col}={rec[col]!r} is not an integer")
        for col, lim in (("latitude", 90), ("longitude", 180)):
            if rec.get(col):
                try:
                    v = float(rec[col])
                    if not -lim <= v <= lim:
                        problems.append(f"csv: record {i}: {col}={v} out of range")
                except ValueError:
                    problems.append(f"csv: record {i}: {col}={rec[col]!r} is not a number")
        problems += check_actors(rec, i)
        if rec.get("civilian_targeting") not in ("", "Civilian targeting"):
            problems.append(f"csv: record {i}: civilian_targeting={rec['civilian_targeting']!r}")
    if expect_rows is not None and len(body) != expect_rows:
        problems.append(f"csv: {len(body)} records, expected {expect_rows}")
    print(f"csv module: {len(header)} columns, {len(body)} records")
    try:
        import pandas as pd
    except ImportError:
        print("pandas: not installed, pandas check skipped (pip install pandas)")
        return problems, len(body)
    df = pd.read_csv(path, keep_default_na=False, dtype=str)
    problems += check_columns(list(df.columns), "pandas")
    if len(df) != len(body):
        problems.append(f"pandas: {len(df)} rows, csv module {len(body)}")
    num = pd.read_csv(path)
    for col in ("latitude", "longitude", "fatalities"):
        if col in num and len(num) and not pd.api.types.is_numeric_dtype(num[col]):
            problems.append(f"pandas: {col} is not numeric ({num[col].dtype})")
    print(f"pandas {pd.__version__}: {len(df.columns)} columns, {len(df)} rows")
    return problems, len(body)


def check_geojson(path):
    problems = []
    with open(path, encoding="utf-8") as f:
        doc = json.load(f)
    if doc.get("type") != "FeatureCollection":
        problems.append("geojson: top-level type is not FeatureCollection")
    feats = doc.get("features")
    if not isinstance(feats, list):
        return problems + ["geojson: features is not an array"], 0
    for i, ft in enumerate(feats):
        at = f"geojson: features[{i}]"
        if not isinstance(ft, dict) or ft.get("type") != "Feature":
            problems.append(f"{at}: type is not Feature")
            continue
        if "properties" not in ft or not (ft["properties"] is None or isinstance(ft["properties"], dict)):
            problems.append(f"{at}: properties missing or not an object/null")
        if "id" in ft and not isinstance(ft["id"], (str, int, float)):
            problems.append(f"{at}: id is neither string nor number")
        if "geometry" not in ft:
            problems.append(f"{at}: geometry missing")
            continue
        g = ft["geometry"]
        if g is None:
            continue
        if g.get("type") != "Point":
            problems.append(f"{at}: geometry type {g.get('type')!r} is not Point")
            continue
        c = g.get("coordinates")
        ok = (isinstance(c, list) and len(c) in (2, 3)
              and all(isinstance(x, (int, float)) and not isinstance(x, bool) and math.isfinite(x) for x in c))
        if not ok:
            problems.append(f"{at}: coordinates {c!r} are not [lon, lat] numbers")
            continue
        if not -180 <= c[0] <= 180 or not -90 <= c[1] <= 90:
            problems.append(f"{at}: coordinates {c!r} out of range for [lon, lat]")
    print(f"geojson: FeatureCollection with {len(feats)} features")
    return problems, len(feats)


def main(argv):
    args = [a for a in argv if not a.startswith("--")]
    expect = None
    if "--expect-rows" in argv:
        expect = int(argv[argv.index("--expect-rows") + 1])
        args.remove(str(expect))
    plover = None
    if "--plover" in argv:
        plover = argv[argv.index("--plover") + 1]
        args.remove(plover)
    if len(args) != 2:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    problems, _ = check_csv(args[0], expect)
    gp, _ = check_geojson(args[1])
    problems += gp
    if plover:
        pp, _ = check_plover(plover)
        problems += pp
    for p in problems:
        print("FAIL " + p)
    if problems:
        return 1
    print("exports ok")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
