#!/usr/bin/env python3
"""What matching missed and what it merged wrongly, grouped by cause, with examples.

    python3 benches/misses.py --out bench-data/out_contacts_10000 \
        --truth bench-data/contacts_10000.truth.csv --explain bench-data/contacts_10000.explain.csv
    python3 benches/misses.py --out bench-data/out_febrl3 --truth bench-data/febrl3.truth.csv
    python3 benches/misses.py --out bench-data/out_restaurants --truth bench-data/restaurants.truth.csv --cross

Reads a run's output (`lineage.csv`, `review.csv` from `rollcall clean --csv`), the truth
(`row,entity` or `file,row,entity`, as benches/quality.py writes them) and the input
files the Lineage names (their rows are read back by line number, as rollcall counts
them). Then:
- missed pairs: two rows of one entity that ended in two customers; grouped by the
  variations benches/gen_contacts.py applied to the two rows (--explain), and by which
  fields agree, differ or are empty in the pair; each group with how many of its pairs
  sit on the Review sheet and a few examples with the field values;
- false pairs: two rows of different entities in one customer, grouped the same way (and
  by the generator's tags: colleagues, same name);
- the Review sheet: how many pairs are true duplicates and how many are not.
--cross counts only pairs across two files (FEBRL 4, Fodors/Zagat).
"""
import argparse
import csv
import os
import random
import re
import sys
import unicodedata
from collections import Counter, defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, ".."))
sys.path.insert(0, HERE)
from quality import read_lineage, read_truth  # noqa: E402

PHONE_HEADER = re.compile(r"phone|mobile|tel|fax|cell|手机|座机|电话|传真|固话", re.I)
SKIP_HEADER = re.compile(r"^(rec_id|id)$", re.I)
EXTENSION = re.compile(r"(转|分机|ext\.?|x)\s*\d+.*$", re.I)
PUNCT = re.compile(r"[\s\W_]+", re.U)


# The order in which a pair's variations are named as its main cause: what a matcher
# finds hardest first.
PRIORITY = ["name:replaced", "name:dropped", "name:homophone", "name:typo", "name:traditional", "name:space",
            "name:last_first", "name:swapped", "name:upper", "name:lower", "move:mobile", "move:email",
            "move:landline", "move:address", "company:suffix_dropped", "company:suffix_shortened",
            "company:traditional", "email:domain", "email:digits", "email:case", "postcode:typo",
            "address:fullwidth", "address:ave_avenue"]


def norm_text(v):
    return PUNCT.sub("", unicodedata.normalize("NFKC", v).lower())


def norm_phone(v):
    s = EXTENSION.sub("", unicodedata.normalize("NFKC", v))
    m = re.match(r"^(.*\d)[-\s](\d{1,4})\s*$", s)
    if m and len(re.sub(r"\D", "", m.group(1))) >= 10:
        s = m.group(1)
    d = re.sub(r"\D", "", s)
    return d[-10:]


def read_inputs(paths, wanted):
    """{(basename, row): (header, values)} for the wanted rows, rows numbered by start line."""
    rows = {}
    for path in paths:
        base = os.path.basename(path)
        with open(path, encoding="utf-8-sig", errors="replace", newline="") as f:
            reader = csv.reader(f, skipinitialspace=True)
            header = [h.strip() for h in next(reader)]
            start = reader.line_num + 1
            for values in reader:
                key = (base, start)
                if key in wanted:
                    rows[key] = (header, [v.strip() for v in values])
                start = reader.line_num + 1
    return rows


def edits(a, b, cap=3):
    """Optimal string alignment distance (a transposition is one edit), capped."""
    if abs(len(a) - len(b)) >= cap:
        return cap
    prev2, prev = None, list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        cur = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = a[i - 1] != b[j - 1]
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        prev2, prev = prev, cur
    return min(prev[-1], cap)


def level(h, a, b):
    """'=' same text, '~' same once case, width, spaces and punctuation are folded (phones:
    the same last 10 digits), 's' a slip (at most 2 edits, or the same words in another
    order), 'x' clearly different, '' one side empty."""
    if not a or not b:
        return ""
    if a == b:
        return "="
    if PHONE_HEADER.search(h):
        return "~" if norm_phone(a) and norm_phone(a) == norm_phone(b) else "x"
    na, nb = norm_text(a), norm_text(b)
    if na == nb:
        return "~"
    if edits(na, nb) <= 2 or sorted(a.lower().split()) == sorted(b.lower().split()):
        return "s"
    return "x"


def compare(ra, rb):
    """Per column, the level of agreement of two rows; and columns whose values are swapped."""
    header, va = ra
    _, vb = rb
    cols = [(i, h) for i, h in enumerate(header) if not SKIP_HEADER.match(h)]
    get = (lambda v, i: v[i] if i < len(v) else "")
    out = {h: level(h, get(va, i), get(vb, i)) for i, h in cols}
    swaps = []
    for x, (i, hi) in enumerate(cols):
        for j, hj in cols[x + 1:]:
            if out[hi] == "x" and out[hj] == "x" and level(hi, get(va, i), get(vb, j)) in "=~s" and \
                    level(hj, get(va, j), get(vb, i)) in "=~s" and get(va, i) and get(va, j):
                swaps.append(f"{hi}<->{hj}")
                out[hi] = out[hj] = "swap"
    return out, swaps


def signature(cmp):
    out, swaps = cmp
    agree = [h for h, v in out.items() if v in ("=", "~")]
    slip = [h for h, v in out.items() if v == "s"]
    differ = [h for h, v in out.items() if v == "x"]
    return (f"agree: {', '.join(agree) or '-'} | slip: {', '.join(slip) or '-'} | differ: {', '.join(differ) or '-'}"
            + (f" | swapped: {', '.join(swaps)}" if swaps else ""))


def clear_differences(cmp):
    out, swaps = cmp
    differ = [h for h, v in out.items() if v == "x"]
    return ("clearly differ: " + (", ".join(differ) or "nothing")
            + (f"; swapped: {', '.join(swaps)}" if swaps else ""))


def variation_kinds(explain, key):
    e = explain.get((None, key[1])) or explain.get(key)
    if not e:
        return []
    return [v.split("(")[0] for v in e["variations"].split(";") if v]


def describe(key, inputs, explain):
    header, values = inputs.get(key, ([], []))
    cells = "; ".join(f"{h}={v}" for h, v in zip(header, values) if v)
    e = explain.get((None, key[1])) or explain.get(key)
    extra = ""
    if e:
        bits = [x for x in (e["variations"], e["blanks"] and "empty: " + e["blanks"], e["tags"]) if x]
        extra = f"  [{' / '.join(bits)}]" if bits else ""
    label = f"{key[0]}:{key[1]}" if key[0] else f"row {key[1]}"
    return f"{label}: {cells}{extra}"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", required=True, help="the run's output directory (rollcall clean --csv -o DIR)")
    ap.add_argument("--truth", required=True)
    ap.add_argument("--explain", help="gen_contacts.py --explain file")
    ap.add_argument("--inputs", nargs="*", help="the input files (default: as the Lineage names them)")
    ap.add_argument("--cross", action="store_true", help="only pairs across files count")
    ap.add_argument("--examples", type=int, default=3)
    ap.add_argument("--groups", type=int, default=12, help="groups shown per grouping")
    ap.add_argument("--seed", type=int, default=0, help="which examples are shown")
    a = ap.parse_args()
    rnd = random.Random(a.seed)

    truth = read_truth(a.truth)
    with_file = next(iter(truth))[0] is not None
    predicted = read_lineage(os.path.join(a.out, "lineage.csv"), with_file)
    sources = []
    with open(os.path.join(a.out, "lineage.csv"), encoding="utf-8-sig", newline="") as f:
        for rec in csv.DictReader(f):
            if not sources or sources[-1] != rec["source_file"]:
                if rec["source_file"] not in sources:
                    sources.append(rec["source_file"])
    paths = a.inputs or [p if os.path.exists(p) else os.path.join(ROOT, p) for p in sources]
    explain = {}
    if a.explain:
        with open(a.explain, encoding="utf-8", newline="") as f:
            for r in csv.DictReader(f):
                explain[(None, int(r["row"]))] = r

    review = {}
    review_true = review_false = 0
    with open(os.path.join(a.out, "review.csv"), encoding="utf-8-sig", newline="") as f:
        for r in csv.DictReader(f):
            review[frozenset((r["customer_id_a"], r["customer_id_b"]))] = r["score"]
    by_entity = defaultdict(list)
    by_cluster = defaultdict(list)
    for k, ent in truth.items():
        by_entity[ent].append(k)
        by_cluster[predicted[k]].append(k)
    ents_of_cluster = {c: {truth[k] for k in ks} for c, ks in by_cluster.items()}
    for pair in review:
        ids = list(pair)
        if len(ids) == 2 and ents_of_cluster.get(ids[0], set()) & ents_of_cluster.get(ids[1], set()):
            review_true += 1
        else:
            review_false += 1

    def cross_ok(x, y):
        return not a.cross or x[0] != y[0]

    missed = []
    for ent, ks in by_entity.items():
        for i in range(len(ks)):
            for j in range(i + 1, len(ks)):
                x, y = ks[i], ks[j]
                if cross_ok(x, y) and predicted[x] != predicted[y]:
                    missed.append((x, y))
    false = []
    for c, ks in by_cluster.items():
        if len(ents_of_cluster[c]) < 2:
            continue
        cand = [(ks[i], ks[j]) for i in range(len(ks)) for j in range(i + 1, len(ks))
                if truth[ks[i]] != truth[ks[j]] and cross_ok(ks[i], ks[j])]
        false.extend(cand)

    wanted = {k for p in missed + false for k in p}
    inputs = read_inputs(paths, {(os.path.basename(k[0]) if k[0] else os.path.basename(paths[0]), k[1])
                                 for k in wanted})

    def rowkey(k):
        return (k[0] if k[0] else os.path.basename(paths[0]), k[1])

    def in_review(x, y):
        return review.get(frozenset((predicted[x], predicted[y])))

    def report(title, plist, with_variations):
        print(f"\n## {title}: {len(plist):,} pairs"
              f" ({sum(1 for x, y in plist if in_review(x, y)):,} of them on the Review sheet)\n")
        if not plist:
            return
        groupings = []
        if with_variations and explain:
            def main_key(p):
                kinds = set(variation_kinds(explain, p[0]) + variation_kinds(explain, p[1]))
                main = next((k for k in PRIORITY if k in kinds), None)
                if main is None:
                    main = next(iter(sorted(kinds)), "(no variation: written forms and empty fields only)")
                return main
            groupings.append(("by main cause (the strongest variation of the two rows)", main_key))

            def var_key(p):
                kinds = sorted(set(variation_kinds(explain, p[0]) + variation_kinds(explain, p[1])))
                return " + ".join(kinds) or "(no variation: written forms and empty fields only)"
            groupings.append(("by every variation applied to the two rows", var_key))

            def kind_key(p):
                e = explain.get((None, p[0][1])) or {}
                return e.get("kind", "?")
            groupings.append(("by kind of entity", kind_key))
        if not with_variations and explain:
            def tag_key(p):
                tags = []
                for k in p:
                    e = explain.get((None, k[1]))
                    if e and e["tags"]:
                        tags += [t.split(":")[0] for t in e["tags"].split(";")]
                return " + ".join(sorted(set(tags))) or "(no tag)"
            groupings.append(("by generator tag", tag_key))
        def cmp_of(p):
            return compare(inputs.get(rowkey(p[0]), ([], [])), inputs.get(rowkey(p[1]), ([], [])))
        groupings.append(("by the fields that clearly differ (a slip of 2 edits or less, or the same words "
                          "in another order, counts as agreeing)", lambda p: clear_differences(cmp_of(p))))
        groupings.append(("by which fields agree, slip and differ", lambda p: signature(cmp_of(p))))
        for gtitle, keyf in groupings:
            groups = defaultdict(list)
            for p in plist:
                groups[keyf(p)].append(p)
            print(f"### {gtitle}\n")
            print("| pairs | on Review | cause |\n|---:|---:|---|")
            ordered = sorted(groups.items(), key=lambda kv: -len(kv[1]))
            for g, ps in ordered[:a.groups]:
                print(f"| {len(ps):,} | {sum(1 for x, y in ps if in_review(x, y)):,} | {g} |")
            if len(ordered) > a.groups:
                rest = sum(len(ps) for _, ps in ordered[a.groups:])
                print(f"| {rest:,} | | ({len(ordered) - a.groups} other groups) |")
            print()
            for g, ps in ordered[:a.groups]:
                print(f"{g} ({len(ps):,}):")
                for x, y in rnd.sample(ps, min(a.examples, len(ps))):
                    score = in_review(x, y)
                    where = f"on Review, score {score}" if score else "not on Review"
                    print(f"  - {where}; customers {predicted[x]} / {predicted[y]}")
                    print(f"      {describe(rowkey(x), inputs, explain)}")
                    print(f"      {describe(rowkey(y), inputs, explain)}")
                print()

    print(f"# Misses and false merges: {a.out}\n")
    print(f"rows {len(truth):,}; entities {len(by_entity):,}; customers {len(by_cluster):,}; "
          f"Review sheet {len(review):,} pairs: {review_true:,} true duplicates, {review_false:,} not")
    report("Missed true pairs", missed, True)
    report("False pairs (different entities in one customer)", false, False)


if __name__ == "__main__":
    main()
