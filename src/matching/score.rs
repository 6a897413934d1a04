//! The match score of a compared pair: Fellegi-Sunter weights (log2 m/u, from
//! `rules/match.toml`) summed over the person fields, plus the single strongest
//! organization field, and whether a veto forbids the merge. Also the evidence text that
//! explains a score to a person, field by field.
//!
//! The organization fields (company, shared number, address, postcode, city) count
//! once: their strongest agreement plus their strongest disagreement, never the sum of
//! the agreements. Colleagues share all of them, so adding them up would merge
//! colleagues.

use std::fmt::Write;

use super::compare::Levels;
use super::features::{email_hash, phone_hash, Contacts, Features};
use super::rules::{Group, Level, MatchField, MatchRules};
use crate::record::Record;

/// A scored pair.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Scored {
    pub score: f64,
    /// A field is at its veto level: never merge.
    pub vetoed: bool,
    /// Nothing but the name and the place (city, postcode, a close address) agree: never merged and never
    /// asked, whatever the score (two people of one name in one city are common, and a
    /// person shown the pair could not tell either).
    pub name_and_place_only: bool,
}

/// The weight one field's level adds, with the term-frequency weight of an exact name
/// or company (the rarer of the two values decides nothing: the commoner one does).
pub fn field_weight(f: MatchField, level: Level, a: &Features, b: &Features, rules: &MatchRules) -> f64 {
    match (f, level) {
        (MatchField::Name, Level::Exact) => a.name_weight.min(b.name_weight),
        (MatchField::Company, Level::Exact) => a.company_weight.min(b.company_weight),
        _ => rules.field(f).weight(level),
    }
}

/// True when a veto of field `f` does not hold for this pair: the name's veto yields
/// when the ID number and birth date together weigh at least the merge threshold. One
/// ID number on both records is one person, however differently the name was typed
/// (`jaco b` and `Jacob Kopievsky`, `Erni Humphreys` and `Erin Humpjeys` under one
/// social security number); so is an ID number with one slip on the same birth date.
/// A mobile or email alone never lifts it: relatives and colleagues share those.
pub fn veto_lifted(f: MatchField, levels: &Levels, rules: &MatchRules) -> bool {
    f == MatchField::Name && {
        let weight = |f: MatchField| match levels[f as usize] {
            Level::Null => 0.0,
            level => rules.field(f).weight(level),
        };
        weight(MatchField::IdNumber) + weight(MatchField::BirthDate) >= rules.merge_threshold
    }
}

/// True when field `f` at `level` forbids the merge: its veto level, not lifted.
pub fn vetoes(f: MatchField, level: Level, levels: &Levels, rules: &MatchRules) -> bool {
    level != Level::Null && rules.field(f).veto == Some(level) && !veto_lifted(f, levels, rules)
}

/// True when the pair is vetoed, comparing only the fields a veto or its lifting reads
/// (what [`score`] would say, at a fraction of the work: clustering asks it of many
/// pairs across two groups).
pub fn vetoed(a: &Features, b: &Features, rules: &MatchRules) -> bool {
    let mut levels: Levels = [Level::Null; MatchField::ALL.len()];
    let read =
        |f: MatchField| rules.field(f).veto.is_some() || matches!(f, MatchField::IdNumber | MatchField::BirthDate);
    for f in MatchField::ALL.into_iter().filter(|f| read(*f)) {
        levels[f as usize] = super::compare::field_level(f, a, b);
    }
    MatchField::ALL
        .into_iter()
        .any(|f| vetoes(f, levels[f as usize], &levels, rules))
}

/// True when a row read again from the place last run's Lineage gave to a customer
/// still says what it said then: nothing vetoes it beside the customer's master row,
/// and its name agrees (exact, romanized or a slip). A nameless row needs one field that
/// agrees, or none that can be compared: then its place is all that tells who it is.
pub fn says_the_same(row: &Features, master: &Features, rules: &MatchRules) -> bool {
    if vetoed(row, master, rules) {
        return false;
    }
    let level = |f: MatchField| super::compare::field_level(f, row, master);
    let agrees = |l: Level| matches!(l, Level::Exact | Level::Romanized | Level::Close);
    if !row.name().is_empty() {
        return agrees(level(MatchField::Name));
    }
    let levels: Vec<Level> = MatchField::ALL.into_iter().map(level).collect();
    levels.iter().all(|l| *l == Level::Null) || levels.into_iter().any(agrees)
}

/// Scores compared levels.
pub fn score(levels: &Levels, a: &Features, b: &Features, rules: &MatchRules) -> Scored {
    let mut person = 0.0;
    let (mut for_org, mut against_org) = (0.0f64, 0.0f64);
    let mut vetoed = false;
    let once = organization_counts_once(a, b);
    let mut weights = [0.0; MatchField::ALL.len()];
    for f in MatchField::ALL {
        let level = levels[f as usize];
        if level == Level::Null {
            continue;
        }
        let model = rules.field(f);
        vetoed |= vetoes(f, level, levels, rules);
        let w = field_weight(f, level, a, b, rules);
        weights[f as usize] = w;
        match model.group {
            Group::Organization if !once => person += w,
            Group::Person => person += w,
            Group::Organization => {
                for_org = for_org.max(w);
                against_org = against_org.min(w);
            }
        }
    }
    if email_is_the_name(levels, a, b) {
        let (name, email) = (weights[MatchField::Name as usize], weights[MatchField::Email as usize]);
        person -= name.min(email).max(0.0);
    }
    Scored {
        score: person + for_org + against_org,
        vetoed,
        name_and_place_only: !beyond_name_and_place(levels, rules),
    }
}

/// True when the two records agree on their name (in part at least) and on an email
/// only through addresses spelled from the name (`liu_yan@gmail.com` beside 刘艳):
/// then the name and the email are one piece of evidence and count once, the stronger
/// of the two. People of one name are given each other's address (`liu_yan@` at
/// another domain, a digit added), so such an email agrees far more often between two
/// people of that name than between strangers.
pub fn email_is_the_name(levels: &Levels, a: &Features, b: &Features) -> bool {
    levels[MatchField::Email as usize] == Level::Exact
        && !matches!(levels[MatchField::Name as usize], Level::Null | Level::Different)
        && {
            let (pa, pb) = (
                a.contacts(Contacts::PersonalEmails),
                b.contacts(Contacts::PersonalEmails),
            );
            let (na, nb) = (a.contacts(Contacts::NamedEmails), b.contacts(Contacts::NamedEmails));
            pa.iter()
                .filter(|h| pb.contains(h))
                .all(|h| na.contains(h) || nb.contains(h))
        }
}

/// Organization evidence counts once between two rows of which at least one names a
/// person: colleagues share all of it. Between two rows that name nobody (a company's
/// own row: its name, switchboard, address) the organization is the customer, and its
/// fields add up like a person's.
pub fn organization_counts_once(a: &Features, b: &Features) -> bool {
    !(a.name().is_empty() && b.name().is_empty())
}

/// True when a field other than the name, city and postcode agrees (adds weight): a
/// number, an email, an ID number, a birth date, the company or the address. A close
/// address (`73 Park Road` and `65 Park Road`) is a neighbour's: place, like the city.
pub fn beyond_name_and_place(levels: &Levels, rules: &MatchRules) -> bool {
    MatchField::ALL.into_iter().any(|f| {
        let level = levels[f as usize];
        let place = match f {
            MatchField::Name | MatchField::City | MatchField::Postcode => true,
            MatchField::Address => level == Level::Close,
            _ => false,
        };
        !place && level != Level::Null && rules.field(f).weight(level) > 0.0
    })
}

/// The evidence of a pair, for the Duplicates and Review sheets: every non-null field
/// with its level, the values compared and its weight, agreements first; organization
/// fields other than the strongest agreement and disagreement are marked as not counted.
/// `name: exact (张三 | 張三) +9.5; phone: exact +16.3; company: exact (某某科技) +7.0`.
pub fn evidence(levels: &Levels, ra: &Record, rb: &Record, a: &Features, b: &Features, rules: &MatchRules) -> String {
    let org: Vec<(MatchField, f64)> = MatchField::ALL
        .into_iter()
        .filter(|f| rules.field(*f).group == Group::Organization && levels[*f as usize] != Level::Null)
        .map(|f| (f, field_weight(f, levels[f as usize], a, b, rules)))
        .collect();
    let strongest = |sign: f64| {
        org.iter()
            .filter(|(_, w)| w * sign > 0.0)
            .max_by(|x, y| (x.1 * sign).total_cmp(&(y.1 * sign)).then(y.0.cmp(&x.0)))
            .map(|(f, _)| *f)
    };
    let counted = [strongest(1.0), strongest(-1.0)];
    let once = organization_counts_once(a, b);
    let spelled = spelled_out(levels, a, b, rules);
    let (mut agree, mut disagree) = (String::with_capacity(160), String::new());
    for f in MatchField::ALL {
        let level = levels[f as usize];
        if level == Level::Null {
            continue;
        }
        let w = field_weight(f, level, a, b, rules);
        let out = if w < 0.0 { &mut disagree } else { &mut agree };
        if !out.is_empty() {
            out.push_str("; ");
        }
        let _ = write!(out, "{}: {}", f.key(), level.key());
        shown_values(out, f, level, (ra, a), (rb, b));
        let _ = write!(out, " {w:+.1}");
        if once && rules.field(f).group == Group::Organization && !counted.contains(&Some(f)) {
            out.push_str(" (not counted: organization evidence counts once)");
        }
        if spelled == Some(f) {
            out.push_str(" (not counted: the email spells the name)");
        }
        if rules.field(f).veto == Some(level) {
            out.push_str(if veto_lifted(f, levels, rules) {
                " (no veto)"
            } else {
                " (veto: never merged)"
            });
        }
    }
    if !agree.is_empty() && !disagree.is_empty() {
        agree.push_str("; ");
    }
    agree.push_str(&disagree);
    agree
}

/// Which of the name and an email spelled from it [`score`] leaves out: the weaker of
/// the two (the name on a tie); `None` when the email is not the name or the name adds
/// nothing.
fn spelled_out(levels: &Levels, a: &Features, b: &Features, rules: &MatchRules) -> Option<MatchField> {
    if !email_is_the_name(levels, a, b) {
        return None;
    }
    let name = field_weight(MatchField::Name, levels[MatchField::Name as usize], a, b, rules);
    let email = field_weight(MatchField::Email, Level::Exact, a, b, rules);
    match name.min(email) {
        w if w <= 0.0 => None,
        _ if name <= email => Some(MatchField::Name),
        _ => Some(MatchField::Email),
    }
}

/// The values behind a level, as the user wrote them after cleaning: ` (张三 | 張三)`,
/// or the shared number itself.
fn shown_values(out: &mut String, f: MatchField, level: Level, a: (&Record, &Features), b: (&Record, &Features)) {
    use crate::record::Field;
    let (ra, rb) = (a.0, b.0);
    let mut pair = |field: Field| {
        let (x, y) = (ra.clean.value(field), rb.clean.value(field));
        let _ = if x == y {
            write!(out, " ({x})")
        } else {
            write!(out, " ({x} | {y})")
        };
    };
    let kinds: &[Contacts] = match f {
        MatchField::Name => return pair(Field::Name),
        MatchField::Company => return pair(Field::Company),
        MatchField::Address => return pair(Field::Address),
        MatchField::Postcode => return pair(Field::Postcode),
        MatchField::City => return pair(Field::City),
        MatchField::BirthDate => return pair(Field::BirthDate),
        _ if level != Level::Exact => return,
        MatchField::Phone => &[Contacts::PersonalPhones],
        MatchField::Email => &[Contacts::PersonalEmails],
        MatchField::SharedNumber => &[Contacts::SharedPhones, Contacts::SharedEmails],
        MatchField::IdNumber => return,
    };
    let common = common_contacts(a, b, kinds);
    let _ = write!(out, " ({})", common.join(", "));
}

/// The numbers and emails of the given kinds that two records share, as written in the
/// first record after cleaning.
fn common_contacts<'a>(a: (&'a Record, &Features), b: (&Record, &Features), kinds: &[Contacts]) -> Vec<&'a str> {
    let in_both = |h: u64| {
        kinds
            .iter()
            .any(|k| a.1.contacts(*k).contains(&h) && b.1.contacts(*k).contains(&h))
    };
    let c = &a.0.clean;
    let numbers = c
        .phones
        .iter()
        .chain(&c.faxes)
        .map(|p| (phone_hash(&p.e164), p.e164.as_str()));
    let emails = c.emails.iter().map(|e| (email_hash(e), e.as_str()));
    let mut common: Vec<&str> = numbers
        .chain(emails)
        .filter(|(h, _)| in_both(*h))
        .map(|(_, v)| v)
        .collect();
    common.dedup();
    common
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::matching::compare::compare;

    /// 刘艳 with one email hash, listed as spelled from the name or not.
    fn liu_yan(email: u64, named: bool) -> Features {
        let mut f = Features::named("刘艳");
        f.name_weight = 9.0;
        let named = if named { vec![email] } else { vec![] };
        f.set_contacts([vec![], vec![email], vec![], vec![], named]);
        f
    }

    #[test]
    fn an_email_spelled_from_the_name_counts_once_with_the_name() {
        let rules = MatchRules::defaults();
        let (a, b) = (liu_yan(7, true), liu_yan(7, true));
        let levels = compare(&a, &b);
        assert!(email_is_the_name(&levels, &a, &b));
        let name = field_weight(MatchField::Name, Level::Exact, &a, &b, &rules);
        let email = rules.field(MatchField::Email).weight(Level::Exact);
        assert!(name > 0.0 && email > 0.0);
        let s = score(&levels, &a, &b, &rules).score;
        assert!(
            (s - name.max(email)).abs() < 1e-9,
            "{s} is the stronger of {name} and {email}"
        );
    }

    #[test]
    fn an_email_of_its_own_adds_to_the_name() {
        let rules = MatchRules::defaults();
        let (a, b) = (liu_yan(7, false), liu_yan(7, false));
        let levels = compare(&a, &b);
        assert!(!email_is_the_name(&levels, &a, &b));
        let name = field_weight(MatchField::Name, Level::Exact, &a, &b, &rules);
        let email = rules.field(MatchField::Email).weight(Level::Exact);
        let s = score(&levels, &a, &b, &rules).score;
        assert!((s - (name + email)).abs() < 1e-9);
    }

    #[test]
    fn a_row_read_again_says_the_same_when_its_name_agrees_and_nothing_vetoes() {
        let rules = MatchRules::defaults();
        let (row, master) = (liu_yan(7, false), liu_yan(7, false));
        assert!(says_the_same(&row, &master, &rules));
        let other = Features::named("王芳");
        assert!(!says_the_same(&other, &master, &rules), "someone else at that place");
        let nameless = Features::named("");
        assert!(
            says_the_same(&nameless, &master, &rules),
            "nothing to compare, nothing against"
        );
        let mut by_email = Features::named("");
        by_email.set_contacts([vec![], vec![7], vec![], vec![], vec![]]);
        assert!(says_the_same(&by_email, &master, &rules));
        let mut other_email = Features::named("");
        other_email.set_contacts([vec![], vec![8], vec![], vec![], vec![]]);
        assert!(
            !says_the_same(&other_email, &master, &rules),
            "only a field that differs"
        );
    }
}
