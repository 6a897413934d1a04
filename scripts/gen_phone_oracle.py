#!/usr/bin/env python3
"""Generate tests/data/phone_oracle.csv: Google's libphonenumber as the oracle for rollcall's
phone parser (src/normalize/phone/, test tests/phone_oracle.rs).

The oracle is the Python port `phonenumbers`, pinned to the metadata release the Rust
`phonenumber` crate embeds (0.3.10+9.0.33 -> libphonenumber 9.0.33):

    pip install phonenumbers==9.0.33
    python3 scripts/gen_phone_oracle.py            # writes tests/data/phone_oracle.csv

Every row is one number written the way a person types it (spaces, dashes, dots, brackets,
full-width digits, +cc, IDD + cc, cc without plus, national prefix), parsed by
`phonenumbers.parse(raw, region)`. Columns: region, raw, e164 (empty where the oracle cannot
parse), valid (true/false). The output is deterministic (fixed seed, sorted regions, no
set iteration).

Rows deliberately left out, because rollcall answers them with a variant the oracle has no
counterpart for (the table test in phone/mod.rs covers them instead):
  * invalid numbers with fewer than 7 digits: rollcall calls them Malformed (no e164);
  * mainland local numbers without an area code (7-8 digits starting 2-8, no prefix):
    rollcall answers NeedsAreaCode or infers the code from the record's city;
  * extensions, labels and several numbers in one cell.
"""

import csv
import os
import random
import re
import sys

import phonenumbers
from phonenumbers import PhoneMetadata, PhoneNumberFormat, PhoneNumberType

SEED = 20250101
ROWS_PER_REGION = 460
REGIONS = ["AU", "BR", "CN", "DE", "FR", "GB", "HK", "IN", "IT", "JP", "KR", "SG", "TW", "US"]
TYPES = [
    PhoneNumberType.FIXED_LINE,
    PhoneNumberType.MOBILE,
    PhoneNumberType.TOLL_FREE,
    PhoneNumberType.PREMIUM_RATE,
    PhoneNumberType.SHARED_COST,
    PhoneNumberType.VOIP,
    PhoneNumberType.PERSONAL_NUMBER,
    PhoneNumberType.PAGER,
    PhoneNumberType.UAN,
    PhoneNumberType.VOICEMAIL,
]
FULL_WIDTH = {str(d): chr(0xFF10 + d) for d in range(10)}


def examples(region):
    """National significant numbers of the region's example numbers, one per type."""
    out = []
    for kind in TYPES:
        num = phonenumbers.example_number_for_type(region, kind)
        if num is not None:
            out.append(phonenumbers.national_significant_number(num))
    return out


def mutate_tail(rng, nsn):
    """Keep a leading prefix of an example and randomise the rest (mostly still valid)."""
    keep = rng.randint(min(2, len(nsn)), max(2, len(nsn) - 1))
    return nsn[:keep] + "".join(rng.choice("0123456789") for _ in range(len(nsn) - keep))


def broken(rng, nsn):
    """An invalid shape: a digit too many or too few, a changed lead, or random digits."""
    pick = rng.randrange(4)
    if pick == 0:
        pos = rng.randrange(len(nsn) + 1)
        return nsn[:pos] + rng.choice("0123456789") + nsn[pos:]
    if pick == 1 and len(nsn) > 4:
        pos = rng.randrange(len(nsn))
        return nsn[:pos] + nsn[pos + 1:]
    if pick == 2:
        return rng.choice("0123456789") + nsn[1:]
    return "".join(rng.choice("0123456789") for _ in range(rng.randint(7, 13)))


def idd_for(region):
    """The international prefix a person in `region` dials, if it is a plain digit string."""
    meta = PhoneMetadata.metadata_for_region(region)
    if meta.preferred_international_prefix and meta.preferred_international_prefix.isdigit():
        return meta.preferred_international_prefix
    if meta.international_prefix.isdigit():
        return meta.international_prefix
    if re.fullmatch(meta.international_prefix, "00"):
        return "00"
    return None


def regroup(rng, text):
    """Re-separate the digit groups of a formatted number the way people do."""
    sep = rng.choice([" ", " ", "-", "-", ".", "", "  ", " - "])
    groups = [g for g in text.replace("-", " ").replace("(", " ").replace(")", " ").split() if g]
    if not groups:
        return text
    if rng.random() < 0.2 and len(groups) > 2 and groups[0][0] != "+":
        return "(" + groups[0] + ") " + sep.join(groups[1:])
    return sep.join(groups)


def widen(rng, text):
    """Full-width digits (and plus) for some rows, as Chinese input methods type them."""
    if rng.random() < 0.12:
        return "".join(FULL_WIDTH.get(c, "\uff0b" if c == "+" else c) for c in text)
    return text


def written_forms(rng, region, num, home):
    """Ways of writing `num` (a PhoneNumber of region `region`) for a user in `home`."""
    cc = str(num.country_code)
    nsn = phonenumbers.national_significant_number(num)
    intl = phonenumbers.format_number(num, PhoneNumberFormat.INTERNATIONAL)
    forms = [intl, "+" + cc + nsn, "+" + cc + " " + nsn]
    idd = idd_for(home)
    if idd:
        forms.append(idd + " " + intl[1:])
        forms.append(idd + cc + nsn)
    if region == home:
        national = phonenumbers.format_number(num, PhoneNumberFormat.NATIONAL)
        forms += [national, national, phonenumbers.normalize_digits_only(national)]
        forms.append(cc + " " + nsn)
        if region == "CN" and nsn[0] != "1":
            forms.append("+86 (0)" + nsn[:2] + " " + nsn[2:])
    return forms


def oracle(raw, region):
    try:
        num = phonenumbers.parse(raw, region)
    except phonenumbers.NumberParseException:
        return "", False
    return phonenumbers.format_number(num, PhoneNumberFormat.E164), phonenumbers.is_valid_number(num)


def wanted(raw, region, e164, valid):
    """Filter out the forms rollcall deliberately answers differently (module docstring)."""
    digits = phonenumbers.normalize_digits_only(raw)
    if not valid and len(digits) < 7:
        return False
    international = raw.lstrip().startswith(("+", "\uff0b")) or (
        idd_for(region) is not None and digits.startswith(idd_for(region))
    )
    if region == "CN" and not valid and not international:
        if 7 <= len(digits) <= 8 and digits[0] in "2345678":
            return False
    return True


def candidates(rng, region):
    """National significant numbers for one region: examples, near-examples, broken ones."""
    base = examples(region)
    nsns = list(base)
    for _ in range(ROWS_PER_REGION // 3):
        seed = rng.choice(base)
        nsns.append(mutate_tail(rng, seed) if rng.random() < 0.7 else broken(rng, seed))
    return nsns


def main():
    rng = random.Random(SEED)
    rows, seen, skipped = [], set(), 0
    for region in REGIONS:
        count = 0
        for nsn in candidates(rng, region):
            code = PhoneMetadata.metadata_for_region(region).country_code
            num = phonenumbers.PhoneNumber(country_code=code, national_number=int(nsn))
            if nsn.startswith("0") and len(nsn) > 1:
                num.italian_leading_zero = True
                num.number_of_leading_zeros = len(nsn) - len(nsn.lstrip("0"))
            homes = [region] * 4 + [rng.choice(REGIONS)]
            for home in homes:
                forms = written_forms(rng, region, num, home)
                raw = widen(rng, regroup(rng, rng.choice(forms)))
                if (home, raw) in seen:
                    continue
                e164, valid = oracle(raw, home)
                if not wanted(raw, home, e164, valid):
                    skipped += 1
                    continue
                seen.add((home, raw))
                rows.append((home, raw, e164, "true" if valid else "false"))
                count += 1
        print(f"{region}: {count} rows", file=sys.stderr)
    here = os.path.dirname(os.path.abspath(__file__))
    path = os.path.join(here, "..", "tests", "data", "phone_oracle.csv")
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["region", "raw", "e164", "valid"])
        writer.writerows(rows)
    valid = sum(1 for r in rows if r[3] == "true")
    print(
        f"phonenumbers {phonenumbers.__version__}: {len(rows)} rows, {valid} valid, "
        f"{skipped} left out (see module docstring)",
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()
