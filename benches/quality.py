#!/usr/bin/env python3
"""Matching quality against ground truth: pairwise precision, recall and F1.

    python3 benches/quality.py --rows 10000          # generate, run, score
    python3 benches/quality.py --lineage OUT/lineage.csv --truth TRUTH.csv   # score only

With --rows it generates `bench-data/customers_N.csv` and its truth (benches/
gen_customers.py, once per size), runs the release binary end to end
(`rollcall clean FILE --csv -o bench-data/out_N`), then joins the Lineage sheet's
`source_row, customer_id` to the truth's `row, entity` and counts pairs: a pair of rows
is predicted when they share a customer id and true when they share an entity. Pairs
are counted from cluster sizes (n choose 2), never enumerated. Rejected rows count as
customers of their own.
"""
import argparse
import csv
import os
import subprocess
import sys
import time
from collections import Counter

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))


def pairs(counter):
    return sum(n * (n - 1) // 2 for n in counter.values())


def score(lineage_path, truth_path):
    truth = {}
    with open(truth_path, encoding="utf-8") as f:
        next(f)
        for line in f:
            row, entity = line.rstrip("\n").split(",")
            truth[int(row)] = entity
    predicted = {}
    with open(lineage_path, encoding="utf-8-sig", newline="") as f:
        for rec in csv.DictReader(f):
            row = int(rec["source_row"])
            predicted[row] = rec["customer_id"] or f"rejected:{row}"
    missing = set(truth) - set(predicted)
    if missing:
        sys.exit(f"{len(missing)} rows of the truth are not in the lineage (e.g. row {min(missing)})")
    clusters = Counter(predicted[r] for r in truth)
    entities = Counter(truth.values())
    both = Counter((predicted[r], truth[r]) for r in truth)
    tp, pred, true = pairs(both), pairs(clusters), pairs(entities)
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


def run(rows, seed):
    data = os.path.join(ROOT, "bench-data")
    name = f"customers_{rows}" + ("" if seed == 7 else f"_seed{seed}")
    csv_path = os.path.join(data, f"{name}.csv")
    truth_path = os.path.join(data, f"{name}.truth.csv")
    out = os.path.join(data, f"out_{name}")
    if not (os.path.exists(csv_path) and os.path.exists(truth_path)):
        t = time.time()
        subprocess.run([sys.executable, os.path.join(ROOT, "benches", "gen_customers.py"), "--rows", str(rows),
                        "--out", csv_path, "--truth", truth_path, "--seed", str(seed)], check=True)
        print(f"generated {rows} rows in {time.time() - t:.1f} s")
    subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
    binary = os.path.join(ROOT, "target", "release", "rollcall")
    timing = os.path.join(data, f"time_{name}.txt")
    cmd = ["/usr/bin/time", "-o", timing, "-f", "%e s wall, %M KB max RSS", binary, "clean", csv_path, "--csv", "-o", out]
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    with open(timing) as f:
        print(f"rollcall clean end to end (read, normalize, match, write): {f.read().strip()}")
    return score(os.path.join(out, "lineage.csv"), truth_path)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rows", type=int)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--lineage")
    ap.add_argument("--truth")
    a = ap.parse_args()
    if a.rows:
        result = run(a.rows, a.seed)
    elif a.lineage and a.truth:
        result = score(a.lineage, a.truth)
    else:
        ap.error("give --rows N, or --lineage and --truth")
    print(" ".join(f"{k}={v:.4f}" if isinstance(v, float) else f"{k}={v}" for k, v in result.items()))


if __name__ == "__main__":
    main()
