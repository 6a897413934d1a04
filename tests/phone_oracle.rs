//! Agreement of rollcall's phone parser with Google's libphonenumber.
//!
//! `tests/data/phone_oracle.csv` is written by `scripts/gen_phone_oracle.py` with the Python
//! port `phonenumbers` 9.0.33 (the metadata release the `phonenumber` crate embeds): one number
//! per row, written in the messy ways people type numbers, in 14 regions. A row agrees when
//! the first entry `parse_cell` returns has the oracle's E.164 (empty where the oracle cannot
//! parse) and the same validity.

use rollcall::normalize::phone::{parse_cell, PhoneParse, PhoneRules};
use std::collections::BTreeSet;

const ORACLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/phone_oracle.csv");
const RULES: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/rules/area_codes.toml"));

/// E.164 (empty when none) and validity of the first entry for a cell.
fn answer(raw: &str, region: &str, rules: &PhoneRules) -> (String, bool) {
    match parse_cell(raw, region, None, rules).into_iter().next() {
        Some(PhoneParse::Valid(p)) => (p.e164, true),
        Some(PhoneParse::Invalid { e164, .. }) => (e164.unwrap_or_default(), false),
        _ => (String::new(), false),
    }
}

#[test]
fn agrees_with_libphonenumber() {
    let rules = PhoneRules::from_toml(RULES).expect("rules/area_codes.toml parses");
    let mut reader = csv::Reader::from_path(ORACLE).expect("oracle CSV present");
    let (mut total, mut agree) = (0usize, 0usize);
    let mut regions = BTreeSet::new();
    let mut misses = Vec::new();
    for record in reader.records() {
        let record = record.expect("oracle CSV row");
        let (region, raw, e164, valid) = (&record[0], &record[1], &record[2], &record[3] == "true");
        regions.insert(region.to_string());
        total += 1;
        let got = answer(raw, region, &rules);
        if got.0 == e164 && got.1 == valid {
            agree += 1;
        } else {
            misses.push(format!(
                "{region} {raw:?}: oracle {e164:?} {valid}, rollcall {:?} {}",
                got.0, got.1
            ));
        }
    }
    let share = 100.0 * agree as f64 / total.max(1) as f64;
    println!("agreement: {share:.2}% ({agree}/{total})");
    for miss in misses.iter().take(40) {
        println!("  {miss}");
    }
    assert!(total >= 5000, "oracle has only {total} rows");
    assert!(regions.len() >= 10, "oracle covers only {} regions", regions.len());
    assert!(share >= 99.5, "agreement {share:.2}% is below 99.5%");
}

#[test]
fn display_forms_parse_back() {
    let rules = PhoneRules::from_toml(RULES).expect("rules/area_codes.toml parses");
    let mut reader = csv::Reader::from_path(ORACLE).expect("oracle CSV present");
    let mut checked = 0;
    for record in reader.records() {
        let record = record.expect("oracle CSV row");
        let (region, raw) = (&record[0], &record[1]);
        let Some(PhoneParse::Valid(phone)) = parse_cell(raw, region, None, &rules).into_iter().next() else {
            continue;
        };
        let again = answer(&phone.national, region, &rules);
        assert_eq!(
            again,
            (phone.e164.clone(), true),
            "{region} {raw:?} -> {:?}",
            phone.national
        );
        checked += 1;
    }
    assert!(checked >= 5000, "only {checked} valid rows");
}
