#!/usr/bin/env python3
"""Dedupes a contact list of benches/gen_contacts.py with Splink, for issue #14's ratio.

    python3 benches/splink_bench.py bench-data/contacts_100000.csv \
        [--truth bench-data/contacts_100000.truth.csv] [--max-pairs 2e6] [--seed 1]

Run by benches/clean_bench.sh under /usr/bin/time, which reads its wall time and peak
RSS next to rollcall's on the same file in the same run. The steps are those of the
measurement in issue #14: read the CSV into DuckDB, a light generic cleaning (trim,
lower case, phone numbers to their digits), u trained by random sampling, m by EM on two
blocking rules, predict at match probability 0.9, cluster the pairs at 0.9.

The model is Splink's sensible defaults for these columns, not tuned to the truth:
name: NameComparison (exact, Jaro-Winkler 0.92/0.88/0.7); company, address:
Jaro-Winkler 0.9/0.7; mobile: exact; landline: exact, Levenshtein <= 1; email:
EmailComparison; city, postcode: exact. Blocking for prediction: same mobile, same email,
same landline, same name and city, same address.

Prints to stdout: rows, candidate pairs (those scored by predict), pairs at >= 0.9,
clusters, wall seconds (of this script's work, from before reading the CSV), and with
--truth the pairwise precision, recall and F1 of the clusters against `row,entity`
(`row` being the CSV line of the record: header on line 1, first record on line 2).
The header may be Chinese or English (gen_contacts.py --lang): columns are taken by
position.
"""
import argparse
import logging
import time

START = time.perf_counter()

import duckdb  # noqa: E402
import splink  # noqa: E402
import splink.blocking_rule_library as brl  # noqa: E402
import splink.comparison_library as cl  # noqa: E402
from splink import DuckDBAPI, Linker, SettingsCreator  # noqa: E402

FIELDS = ["name", "company", "mobile", "landline", "email", "address", "city", "state", "postcode"]
BLOCKING_KEYS = [("mobile",), ("email",), ("landline",), ("name", "city"), ("address",)]
FULLWIDTH = "０１２３４５６７８９"


def text(col):
    # Trimmed, lower case, NULL when empty.
    return f"nullif(lower(trim({col})), '') AS {col}"


def digits(col, keep_last=None):
    # Full-width digits folded, every other character dropped, NULL when none is left.
    d = f"regexp_replace(translate(coalesce({col}, ''), '{FULLWIDTH}', '0123456789'), '[^0-9]', '', 'g')"
    if keep_last:
        # A mobile written with its country prefix (0086, +86, +1) is the same mobile.
        d = f"right({d}, {keep_last})"
    return f"nullif({d}, '') AS {col}"


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("csv")
    ap.add_argument("--truth", help="row,entity CSV of gen_contacts.py: print pairwise P/R/F1")
    ap.add_argument("--max-pairs", type=float, default=2e6, help="u sampling pairs (default 2e6)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--exact-candidates", action="store_true",
                    help="also count candidate pairs each once (after the wall time)")
    ap.add_argument("--threshold", type=float, default=0.9)
    args = ap.parse_args()

    con = duckdb.connect(":memory:")
    names = ", ".join(f"'{f}'" for f in FIELDS)
    path = args.csv.replace("'", "''")
    con.execute(
        f"""CREATE TABLE raw AS
            SELECT row_number() OVER () + 1 AS unique_id, *
            FROM read_csv('{path}', header = true, all_varchar = true, names = [{names}],
                          quote = '"', escape = '"')"""
    ).fetchall()
    con.execute(
        f"""CREATE TABLE contacts AS SELECT unique_id,
            {text('name')}, {text('company')}, {digits('mobile', 11)}, {digits('landline')},
            {text('email')}, {text('address')}, {text('city')}, {text('state')},
            {digits('postcode')}
            FROM raw"""
    ).fetchall()
    con.execute("DROP TABLE raw").fetchall()
    rows = con.execute("SELECT count(*) FROM contacts").fetchall()[0][0]

    db_api = DuckDBAPI(connection=con)
    df = db_api.register("contacts")
    settings = SettingsCreator(
        link_type="dedupe_only",
        unique_id_column_name="unique_id",
        comparisons=[
            cl.NameComparison("name"),
            cl.JaroWinklerAtThresholds("company", [0.9, 0.7]),
            cl.ExactMatch("mobile"),
            cl.LevenshteinAtThresholds("landline", 1),
            cl.EmailComparison("email"),
            cl.JaroWinklerAtThresholds("address", [0.9, 0.7]),
            cl.ExactMatch("city"),
            cl.ExactMatch("postcode"),
        ],
        blocking_rules_to_generate_predictions=[brl.block_on(*keys) for keys in BLOCKING_KEYS],
        retain_intermediate_calculation_columns=False,
        retain_matching_columns=False,
    )
    linker = Linker(df, settings, log_level=logging.WARNING)

    # Prior: pairs that share a mobile or an email are taken as matches at recall 0.7.
    linker.training.estimate_probability_two_random_records_match(
        [brl.block_on("mobile"), brl.block_on("email")], recall=0.7
    )
    linker.training.estimate_u_using_random_sampling(max_pairs=args.max_pairs, seed=args.seed)
    linker.training.estimate_parameters_using_expectation_maximisation(brl.block_on("mobile"))
    linker.training.estimate_parameters_using_expectation_maximisation(brl.block_on("name", "city"))

    pairs = linker.inference.predict(threshold_match_probability=args.threshold)
    clusters = linker.clustering.cluster_pairwise_predictions_at_threshold(pairs, args.threshold)

    n_pairs = con.execute(f"SELECT count(*) FROM {pairs.physical_name}").fetchall()[0][0]
    n_clusters, n_multi = con.execute(
        f"""SELECT count(*), count(*) FILTER (WHERE n > 1) FROM (
              SELECT cluster_id, count(*) AS n FROM {clusters.physical_name} GROUP BY cluster_id)"""
    ).fetchall()[0]
    wall = time.perf_counter() - START
    # Candidate pairs: the pairs each prediction blocking rule makes (n(n-1)/2 per key),
    # summed over the rules; a pair two rules make is counted twice (Splink scores it
    # once). --exact-candidates counts each pair once (a self-join per rule: slower).
    per_rule = [
        con.execute(
            f"""SELECT coalesce(sum(n * (n - 1) / 2), 0) FROM (SELECT count(*) AS n FROM contacts
                WHERE {' AND '.join(f'{k} IS NOT NULL' for k in keys)} GROUP BY {', '.join(keys)})"""
        ).fetchall()[0][0]
        for keys in BLOCKING_KEYS
    ]
    exact = None
    if args.exact_candidates:
        union = " UNION ".join(
            f"""SELECT l.unique_id AS a, r.unique_id AS b FROM contacts l JOIN contacts r
                ON {' AND '.join(f'l.{k} = r.{k}' for k in keys)} AND l.unique_id < r.unique_id"""
            for keys in BLOCKING_KEYS
        )
        exact = con.execute(f"SELECT count(*) FROM ({union})").fetchall()[0][0]

    print(f"splink {splink.__version__}, duckdb {duckdb.__version__}")
    print(f"rows: {rows}")
    print(f"candidate pairs: {int(sum(per_rule))} (sum over rules "
          f"{', '.join(str(int(n)) for n in per_rule)})"
          + (f", {exact} distinct" if exact is not None else ""))
    print(f"pairs >= {args.threshold}: {n_pairs}")
    print(f"clusters: {n_clusters} ({n_multi} of 2 or more records)")
    print(f"wall: {wall:.1f} s")

    if args.truth:
        tpath = args.truth.replace("'", "''")
        tp, pred, true = con.execute(
            f"""WITH t AS (SELECT "row"::BIGINT AS unique_id, entity
                           FROM read_csv('{tpath}', header = true, all_varchar = true)),
                   c AS (SELECT unique_id::BIGINT AS unique_id, cluster_id
                         FROM {clusters.physical_name}),
                   j AS (SELECT c.cluster_id, t.entity FROM c JOIN t USING (unique_id))
              SELECT
                (SELECT coalesce(sum(n * (n - 1) / 2), 0) FROM
                   (SELECT count(*) AS n FROM j GROUP BY cluster_id, entity)),
                (SELECT coalesce(sum(n * (n - 1) / 2), 0) FROM
                   (SELECT count(*) AS n FROM j GROUP BY cluster_id)),
                (SELECT coalesce(sum(n * (n - 1) / 2), 0) FROM
                   (SELECT count(*) AS n FROM j GROUP BY entity))"""
        ).fetchall()[0]
        p = tp / pred if pred else 0.0
        r = tp / true if true else 0.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        print(f"pairwise precision {p:.4f}, recall {r:.4f}, F1 {f1:.4f} "
              f"({int(tp)} of {int(pred)} predicted pairs true, of {int(true)} true pairs)")


if __name__ == "__main__":
    main()
