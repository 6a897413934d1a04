//! What matching compares, taken once from each record's clean values: folded name and
//! its pinyin key, company key, numbers and emails split into personal and shared ones,
//! ID number, address, postcode, city, and the term-frequency weights of name and
//! company.
//!
//! The one place that reads records for matching; the other modules see only
//! [`Features`]. Numbers shared by clearly different names (a switchboard, a company
//! fax, `info@`) are found here, from the data: they are an organization's, not a
//! person's.

use std::borrow::Cow;
use std::collections::HashSet;
use std::hash::{BuildHasherDefault, Hasher};

use rayon::prelude::*;

// A circle inside matching/, on purpose: compare reads Features, and features asks
// compare whether two names (or two companies) clearly differ, to tell a personal
// number or email from a shared one. Both must mean the same by "clearly different",
// so there is one definition, in compare.
use super::compare;
use super::rules::{Level, MatchField, MatchRules, TermFrequency};
use crate::record::{Field, PhoneKind, Record};
use crate::text::keys::{fold, fold_into, latin_words, name_key};
use crate::text::romanize;

/// The comparable form of one record, compact (one allocation for its texts, one for
/// its numbers): a million of them must fit in a few hundred megabytes.
#[derive(Debug, Clone, Default)]
pub struct Features {
    /// The texts of [`Text`], one after another.
    text: Box<str>,
    /// Where each text ends in `text`.
    ends: [u32; TEXTS],
    /// Hashes of the numbers and emails, by [`Contacts`] kind, one kind after another.
    contacts: Box<[u64]>,
    /// How many of each kind.
    counts: [u8; CONTACTS],
    /// The name is written in Chinese characters.
    pub han: bool,
    /// Weights of an exact name and an exact company for this record's values.
    pub name_weight: f64,
    pub company_weight: f64,
}

/// The texts of a record's features.
#[derive(Debug, Clone, Copy)]
pub enum Text {
    /// Name key: simplified, lower case, no spaces or punctuation, Latin words sorted.
    Name,
    /// Pinyin syllables sorted and joined (see [`romanize::roman_key`]).
    Roman,
    /// Family and given name in pinyin, sorted and joined (see [`romanize::words_key`]).
    Words,
    /// The first of the name's sorted pinyin syllables (or its first letters), for
    /// blocking by postcode and name.
    Initial,
    Company,
    IdNumber,
    Address,
    Postcode,
    City,
    /// The birth date's digits (`19560409`).
    Birth,
    /// A name in Latin letters as its words, lower case, sorted, one space between
    /// (`green mitchell`); empty for a name in characters.
    Parts,
}

const TEXTS: usize = 11;

/// The kinds of a record's numbers and emails.
#[derive(Debug, Clone, Copy)]
pub enum Contacts {
    /// Mobiles, and landlines seen with one name only.
    PersonalPhones,
    /// Emails seen with one name only.
    PersonalEmails,
    /// Faxes and switchboards: an organization's numbers.
    SharedPhones,
    /// Emails seen with clearly different names (`info@`).
    SharedEmails,
    /// The personal emails whose user name is the record's own name (`liu_yan@`,
    /// `jsmith@`): also listed among [`Contacts::PersonalEmails`].
    NamedEmails,
}

const CONTACTS: usize = 5;

impl Features {
    /// Features with these texts (in [`Text`] order) and no numbers.
    pub fn new(texts: [&str; TEXTS], han: bool) -> Features {
        let mut text = String::with_capacity(texts.iter().map(|t| t.len()).sum());
        let mut ends = [0u32; TEXTS];
        for (i, t) in texts.iter().enumerate() {
            text.push_str(t);
            ends[i] = text.len() as u32;
        }
        Features {
            text: text.into(),
            ends,
            han,
            ..Features::default()
        }
    }

    /// Features of a name as written, alone (for tests).
    pub fn named(name: &str) -> Features {
        let key = name_key(name);
        let name_key = key.as_str();
        let roman = romanize::roman_key(name_key);
        let han = !name_key.is_empty() && name_key.chars().all(romanize::in_pinyin_blocks);
        let mut texts = [""; TEXTS];
        texts[Text::Name as usize] = name_key;
        texts[Text::Roman as usize] = &roman;
        let words = romanize::words_key(name_key);
        texts[Text::Words as usize] = &words;
        let parts = if han {
            String::new()
        } else {
            latin_words(name).join(" ")
        };
        texts[Text::Parts as usize] = &parts;
        Features::new(texts, han)
    }

    pub fn text(&self, which: Text) -> &str {
        let i = which as usize;
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        &self.text[start..self.ends[i] as usize]
    }

    /// A hash of one text, 0 when it is empty: equal hashes are equal texts.
    ///
    /// Worked out when asked for, not kept: comparisons test the texts themselves, and
    /// eleven kept hashes would take 88 bytes on each of a million records.
    pub fn key(&self, which: Text) -> u64 {
        match self.text(which) {
            "" => 0,
            text => hash(b't', text) | 1,
        }
    }

    pub fn name(&self) -> &str {
        self.text(Text::Name)
    }

    pub fn roman(&self) -> &str {
        self.text(Text::Roman)
    }

    pub fn company(&self) -> &str {
        self.text(Text::Company)
    }

    pub fn contacts(&self, which: Contacts) -> &[u64] {
        let i = which as usize;
        let start: usize = self.counts[..i].iter().map(|c| *c as usize).sum();
        &self.contacts[start..start + self.counts[i] as usize]
    }

    /// Sets the numbers and emails, by kind (at most 255 of each are kept).
    pub fn set_contacts(&mut self, lists: [Vec<u64>; CONTACTS]) {
        let mut all = Vec::new();
        for (i, mut list) in lists.into_iter().enumerate() {
            list.truncate(u8::MAX as usize);
            self.counts[i] = list.len() as u8;
            all.extend(list);
        }
        self.contacts = all.into();
    }
}

/// A number or email before it is known to be personal or shared.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Contact {
    /// Personal whatever names it is seen with.
    Mobile,
    /// Personal unless seen with clearly different names.
    Landline,
    Email,
    /// An email whose user name is the record's own name (see [`romanize::named_by`]).
    NamedEmail,
    /// An organization's, always.
    Fax,
}

impl Contact {
    fn is_email(self) -> bool {
        matches!(self, Contact::Email | Contact::NamedEmail)
    }
}

/// The features of every record, in record order, weighted by `rules`.
pub fn extract(records: &[Record], rules: &MatchRules) -> Vec<Features> {
    let mut features = extract_unweighted(records, rules);
    set_weights(&mut features, rules);
    features
}

/// The features of every record without the exact-level weights of names and
/// companies, which [`set_weights`] adds once the model is known.
pub fn extract_unweighted(records: &[Record], rules: &MatchRules) -> Vec<Features> {
    let mut features: Vec<Features> = records
        .par_iter()
        .map_init(Scratch::default, |s, r| own_values(r, s, rules))
        .collect();
    let contacts: Vec<Vec<(u64, Contact)>> = records
        .par_iter()
        .zip(features.par_iter())
        .map(|(r, f)| contacts(r, f))
        .collect();
    let shared = shared_contacts(&features, &contacts, rules.shared_names);
    features
        .par_iter_mut()
        .zip(contacts.par_iter())
        .for_each(|(f, cs)| split_contacts(f, cs, &shared));
    features
}

/// Each record's exact-level weight of its name and company: the value's own
/// frequency in the list (see [`tf_weight`]) under the model's m.
pub fn set_weights(features: &mut [Features], rules: &MatchRules) {
    let name_tf = rules.field(MatchField::Name).term_frequency;
    let company_tf = rules.field(MatchField::Company).term_frequency;
    let name_exact = rules.field(MatchField::Name).weight(Level::Exact);
    let company_exact = rules.field(MatchField::Company).weight(Level::Exact);
    let (names, named) = frequencies(features, Text::Name);
    let (companies, with_company) = frequencies(features, Text::Company);
    features.par_iter_mut().enumerate().for_each(|(i, f)| {
        f.name_weight = tf_weight(name_tf, names[i], named, name_exact);
        f.company_weight = tf_weight(company_tf, companies[i], with_company, company_exact);
    });
}

/// Reusable buffers for folding one record's texts.
#[derive(Default)]
struct Scratch {
    address: String,
    postcode: String,
    city: String,
    birth: String,
}

/// Everything but the contacts and the weights.
fn own_values(r: &Record, scratch: &mut Scratch, rules: &MatchRules) -> Features {
    let c = &r.clean;
    let name = c.name_key.as_str();
    let company: Cow<str> = if c.company_key.is_empty() {
        Cow::Owned(fold(c.value(Field::Company)))
    } else {
        Cow::Borrowed(&c.company_key)
    };
    let (roman, initial, words) = romanize::name_keys(name);
    let han = !name.is_empty() && name.chars().all(romanize::in_pinyin_blocks);
    let parts = if han {
        String::new()
    } else {
        latin_words(c.value(Field::Name)).join(" ")
    };
    let id = c.value(Field::IdNumber);
    let id: Cow<str> = if id.bytes().any(|b| b.is_ascii_lowercase()) {
        Cow::Owned(id.to_uppercase())
    } else {
        Cow::Borrowed(id)
    };
    fold_address(&mut scratch.address, c.value(Field::Address), &rules.address_words);
    fold_into(&mut scratch.postcode, c.value(Field::Postcode));
    fold_into(&mut scratch.city, c.value(Field::City));
    fold_into(&mut scratch.birth, c.value(Field::BirthDate));
    let texts = [
        name,
        roman.as_str(),
        words.as_str(),
        initial.as_str(),
        &*company,
        &*id,
        scratch.address.as_str(),
        scratch.postcode.as_str(),
        scratch.city.trim_end_matches('市'),
        scratch.birth.as_str(),
        parts.as_str(),
    ];
    Features::new(texts, han)
}

/// An address folded as [`fold`], its short street words written in full first
/// (`5772 Madison Ave` -> `5772madisonavenue`).
fn fold_address(out: &mut String, address: &str, words: &std::collections::HashMap<String, String>) {
    if words.is_empty() || !address.is_ascii() {
        return fold_into(out, address);
    }
    let mut full = String::with_capacity(address.len() + 8);
    for word in address.split(|c: char| !c.is_ascii_alphanumeric()) {
        let lower = word.to_ascii_lowercase();
        full.push_str(words.get(&lower).map_or(lower.as_str(), String::as_str));
    }
    fold_into(out, &full);
}

fn contacts(r: &Record, f: &Features) -> Vec<(u64, Contact)> {
    let c = &r.clean;
    let phones = c.phones.iter().map(|p| {
        let kind = if p.kind == PhoneKind::Mobile {
            Contact::Mobile
        } else {
            Contact::Landline
        };
        (hash(b'p', &p.e164), kind)
    });
    let faxes = c.faxes.iter().map(|p| (hash(b'p', &p.e164), Contact::Fax));
    let emails = c.emails.iter().map(|e| {
        let user = e.split('@').next().unwrap_or("");
        let named = romanize::named_by(user, f.name(), f.text(Text::Parts));
        let kind = if named { Contact::NamedEmail } else { Contact::Email };
        (email_hash(e), kind)
    });
    phones.chain(faxes).chain(emails).collect()
}

/// The numbers and emails that belong to an organization: every fax, and every
/// landline or email seen with `min_names` or more clearly different names. A mobile is
/// always personal.
fn shared_contacts(features: &[Features], contacts: &[Vec<(u64, Contact)>], min_names: usize) -> U64Set {
    let mut seen: Vec<(u64, Contact, u32)> = contacts
        .iter()
        .enumerate()
        .flat_map(|(i, cs)| cs.iter().map(move |(h, c)| (*h, *c, i as u32)))
        .collect();
    seen.par_sort_unstable();
    seen.dedup();
    seen.par_chunk_by(|a, b| a.0 == b.0)
        .filter(|group| {
            let kinds = || group.iter().map(|g| g.1);
            if kinds().any(|k| k == Contact::Mobile) {
                false
            } else if kinds().any(|k| k == Contact::Fax) {
                true
            } else {
                let email = kinds().any(Contact::is_email);
                group.len() >= min_names && distinct_names(features, group, email) >= min_names
            }
        })
        .map(|group| group[0].0)
        .collect()
}

/// How many clearly different names the records of one number carry (counting stops
/// at a handful: only "two or more" matters). Rows that name no person count by their
/// company instead: an `info@` address seen on two companies' own rows is neither's.
fn distinct_names(features: &[Features], group: &[(u64, Contact, u32)], email: bool) -> usize {
    let mut names: Vec<&Features> = Vec::new();
    let mut companies: Vec<&Features> = Vec::new();
    for (_, _, i) in group {
        let f = &features[*i as usize];
        if f.name().is_empty() {
            let other = |n: &&Features| compare::field_level(MatchField::Company, n, f) == Level::Different;
            if !f.company().is_empty() && companies.len() < 4 && companies.iter().all(other) {
                companies.push(f);
            }
            continue;
        }
        // A partial name (same surname, another given name) is another person on a
        // landline: relatives share a home number, which is then a household's, not
        // personal. An email address is one person's, and a partial name beside it is
        // a slip of that person's name.
        let other = |n: &&Features| match compare::name_level(n, f) {
            Level::Different => true,
            Level::Partial => !email,
            _ => false,
        };
        if names.iter().all(other) {
            names.push(f);
            if names.len() >= 4 {
                break;
            }
        }
    }
    names.len().max(companies.len())
}

fn split_contacts(f: &mut Features, cs: &[(u64, Contact)], shared: &U64Set) {
    let mut lists: [Vec<u64>; CONTACTS] = Default::default();
    for (h, c) in cs {
        if *c == Contact::NamedEmail && !shared.contains(h) {
            let named = &mut lists[Contacts::NamedEmails as usize];
            if !named.contains(h) {
                named.push(*h);
            }
        }
        let kind = match (shared.contains(h), c.is_email()) {
            (false, false) => Contacts::PersonalPhones,
            (false, true) => Contacts::PersonalEmails,
            (true, false) => Contacts::SharedPhones,
            (true, true) => Contacts::SharedEmails,
        };
        let list = &mut lists[kind as usize];
        if !list.contains(h) {
            list.push(*h);
        }
    }
    f.set_contacts(lists);
}

/// How many records hold each record's value of one text (0 for an empty one), and how
/// many hold any: by sorting hashes, in parallel.
fn frequencies(features: &[Features], which: Text) -> (Vec<u32>, u32) {
    let mut keyed: Vec<(u64, u32)> = features
        .par_iter()
        .enumerate()
        .filter_map(|(i, f)| Some(f.key(which)).filter(|k| *k != 0).map(|k| (k, i as u32)))
        .collect();
    keyed.par_sort_unstable();
    let mut counts = vec![0u32; features.len()];
    for group in keyed.chunk_by(|a, b| a.0 == b.0) {
        for (_, i) in group {
            counts[*i as usize] = group.len() as u32;
        }
    }
    (counts, keyed.len() as u32)
}

/// The exact-level weight of a value held by `count` of `total` records: log2(m / u)
/// with u the value's share, smoothed towards the rules' u by one pseudo-observation
/// worth 1/u records (so small files keep the rules' weight), never below the floor,
/// never above the cap.
fn tf_weight(tf: Option<TermFrequency>, count: u32, total: u32, exact: f64) -> f64 {
    let Some(tf) = tf else {
        return exact;
    };
    if count == 0 {
        return 0.0;
    }
    let prior = 1.0 / tf.u;
    let u = ((count as f64 + 1.0) / (total as f64 + prior)).max(tf.u_floor);
    (tf.m / u).log2().min(tf.max_weight)
}

/// A set of values that are already hashes (see [`hash`]): no hashing again.
pub type U64Set = HashSet<u64, BuildHasherDefault<PassThrough>>;

/// The hasher of [`U64Map`]: the key is its own hash.
#[derive(Default)]
pub struct PassThrough(u64);

impl Hasher for PassThrough {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = self.0.rotate_left(8) ^ *b as u64;
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

/// A 64-bit hash of a tagged string (FNV-1a, then mixed), the same in every run.
pub fn hash(tag: u8, s: &str) -> u64 {
    hash_bytes(tag, s.bytes())
}

/// The hash a number (E.164) has among a record's contacts.
pub fn phone_hash(e164: &str) -> u64 {
    hash(b'p', e164)
}

/// The hash an email has among a record's contacts (ignoring ASCII case).
pub fn email_hash(email: &str) -> u64 {
    hash_bytes(b'e', email.bytes().map(|b| b.to_ascii_lowercase()))
}

/// [`hash`] of any bytes.
fn hash_bytes(tag: u8, bytes: impl Iterator<Item = u8>) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325 ^ tag as u64;
    for b in bytes {
        h ^= b as u64;
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^ (h >> 33)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_are_stable_and_tagged() {
        assert_eq!(hash(b'p', "+8613800138000"), hash(b'p', "+8613800138000"));
        assert_ne!(hash(b'p', "x"), hash(b'e', "x"));
    }
}
