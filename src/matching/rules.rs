//! `rules/match.toml`: the matching model as data. The serde types as written, and
//! [`MatchRules`], the checked form the matcher uses: match weights computed from m and
//! u, thresholds, blocking keys, merge preferences.
//!
//! Checking collects every problem, each naming the file, and never stops at the first;
//! `crate::rules` calls [`MatchRules::from_toml`] like it checks every other file.

use std::collections::BTreeMap;

use serde::Deserialize;

/// The shipped `rules/match.toml`.
pub const SHIPPED: &str = include_str!("../../rules/match.toml");

/// The file as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MatchFile {
    #[serde(default)]
    pub learning: LearningFile,
    pub thresholds: Thresholds,
    pub blocking: BlockingFile,
    pub shared: SharedFile,
    pub fields: BTreeMap<String, FieldFile>,
    pub merge: MergeFile,
    #[serde(default)]
    pub address: AddressFile,
}

/// `[address]`: street words written short, compared as their full form.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AddressFile {
    /// Short form -> full form, in lower case (`ave` -> `avenue`).
    #[serde(default)]
    pub words: BTreeMap<String, String>,
}

/// `[learning]`: whether the weights are learned from each list.
#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LearningFile {
    pub learn: bool,
}

impl Default for LearningFile {
    fn default() -> Self {
        LearningFile { learn: true }
    }
}

#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Thresholds {
    pub merge: f64,
    pub review: f64,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BlockingFile {
    pub keys: Vec<String>,
    pub max_block: usize,
    pub window: usize,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SharedFile {
    pub names: usize,
}

/// One field's comparison as written: its group, options and levels.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FieldFile {
    pub group: String,
    #[serde(default)]
    pub veto: Option<String>,
    #[serde(default)]
    pub term_frequency: bool,
    #[serde(default)]
    pub u_floor: Option<f64>,
    #[serde(default)]
    pub max_weight: Option<f64>,
    #[serde(default)]
    pub exact: Option<MU>,
    #[serde(default)]
    pub romanized: Option<MU>,
    #[serde(default)]
    pub close: Option<MU>,
    #[serde(default)]
    pub partial: Option<MU>,
    #[serde(default)]
    pub different: Option<MU>,
}

/// The two probabilities of a level.
#[derive(Debug, Clone, Copy, PartialEq, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct MU {
    pub m: f64,
    pub u: f64,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MergeFile {
    pub prefer: Vec<String>,
    pub source_priority: Vec<String>,
    pub date_field: String,
}

/// A compared field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum MatchField {
    Name,
    Phone,
    Email,
    IdNumber,
    Company,
    SharedNumber,
    Address,
    Postcode,
    City,
    BirthDate,
}

impl MatchField {
    pub const ALL: [MatchField; 10] = [
        MatchField::Name,
        MatchField::Phone,
        MatchField::Email,
        MatchField::IdNumber,
        MatchField::Company,
        MatchField::SharedNumber,
        MatchField::Address,
        MatchField::Postcode,
        MatchField::City,
        MatchField::BirthDate,
    ];

    pub fn key(self) -> &'static str {
        match self {
            MatchField::Name => "name",
            MatchField::Phone => "phone",
            MatchField::Email => "email",
            MatchField::IdNumber => "id_number",
            MatchField::Company => "company",
            MatchField::SharedNumber => "shared_number",
            MatchField::Address => "address",
            MatchField::Postcode => "postcode",
            MatchField::City => "city",
            MatchField::BirthDate => "birth_date",
        }
    }

    /// The levels this field can be at (besides null).
    pub fn levels(self) -> &'static [Level] {
        match self {
            MatchField::Name => &[
                Level::Exact,
                Level::Romanized,
                Level::Close,
                Level::Partial,
                Level::Different,
            ],
            MatchField::IdNumber => &[Level::Exact, Level::Close, Level::Partial, Level::Different],
            MatchField::Company | MatchField::Address | MatchField::BirthDate => {
                &[Level::Exact, Level::Close, Level::Different]
            }
            MatchField::SharedNumber => &[Level::Exact],
            _ => &[Level::Exact, Level::Different],
        }
    }

    fn from_key(key: &str) -> Option<MatchField> {
        MatchField::ALL.into_iter().find(|f| f.key() == key)
    }
}

/// How far two values agree. `Null` (either side empty) is no evidence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub enum Level {
    #[default]
    Null,
    Exact,
    Romanized,
    Close,
    /// Names: part of the name agrees and part clearly does not (the same surname with
    /// one given-name character replaced or left out, `张敏燕` / `张燕`; one word of a
    /// Latin name the same and another replaced). ID numbers: two numbers without a
    /// check character (social security, passport) that differ. Never a veto.
    Partial,
    Different,
}

impl Level {
    pub fn key(self) -> &'static str {
        match self {
            Level::Null => "null",
            Level::Exact => "exact",
            Level::Romanized => "romanized",
            Level::Close => "close",
            Level::Partial => "partial",
            Level::Different => "different",
        }
    }
}

/// Whose evidence a field is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Group {
    /// Weights add up.
    Person,
    /// Only the strongest level of the group counts.
    Organization,
}

/// A blocking key kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum BlockKey {
    Phone,
    Email,
    IdNumber,
    NameCompany,
    NameRomanized,
    PostcodeName,
    BirthDate,
}

impl BlockKey {
    pub const ALL: [BlockKey; 7] = [
        BlockKey::Phone,
        BlockKey::Email,
        BlockKey::IdNumber,
        BlockKey::NameCompany,
        BlockKey::NameRomanized,
        BlockKey::PostcodeName,
        BlockKey::BirthDate,
    ];

    pub fn key(self) -> &'static str {
        match self {
            BlockKey::Phone => "phone",
            BlockKey::Email => "email",
            BlockKey::IdNumber => "id_number",
            BlockKey::NameCompany => "name_company",
            BlockKey::NameRomanized => "name_romanized",
            BlockKey::PostcodeName => "postcode_name",
            BlockKey::BirthDate => "birth_date",
        }
    }
}

/// A merge criterion.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Prefer {
    Source,
    Chinese,
    Recent,
    Complete,
}

impl Prefer {
    fn from_key(key: &str) -> Option<Prefer> {
        match key {
            "source" => Some(Prefer::Source),
            "chinese" => Some(Prefer::Chinese),
            "recent" => Some(Prefer::Recent),
            "complete" => Some(Prefer::Complete),
            _ => None,
        }
    }
}

/// The checked model of one field: a weight per level.
#[derive(Debug, Clone)]
pub struct FieldModel {
    pub group: Group,
    pub veto: Option<Level>,
    /// Weights indexed by `Level as usize`; `Null` is always 0.
    pub weights: [f64; 6],
    /// The m and u each weight was computed from, indexed like `weights`; `None` for
    /// a level the field does not have (and for `Null`).
    pub mu: [Option<MU>; 6],
    /// With term frequencies: the exact level's m, u floor and weight cap.
    pub term_frequency: Option<TermFrequency>,
}

#[derive(Debug, Clone, Copy)]
pub struct TermFrequency {
    pub m: f64,
    pub u: f64,
    pub u_floor: f64,
    pub max_weight: f64,
}

impl FieldModel {
    pub fn weight(&self, level: Level) -> f64 {
        self.weights[level as usize]
    }
}

/// The matching rules, checked.
#[derive(Debug, Clone)]
pub struct MatchRules {
    /// Learn m and u from each list, with the values written here as priors.
    pub learn: bool,
    /// A model learned on an earlier run, used as it was instead of learning
    /// (`clean --previous` without `--learn`).
    pub reused: Option<super::learn::Reused>,
    pub merge_threshold: f64,
    pub review_threshold: f64,
    pub block_keys: Vec<BlockKey>,
    pub max_block: usize,
    pub window: usize,
    pub shared_names: usize,
    /// Indexed by `MatchField as usize`.
    pub fields: Vec<FieldModel>,
    pub prefer: Vec<Prefer>,
    pub source_priority: Vec<String>,
    pub date_field: crate::record::Field,
    /// Street words written short -> their full form, lower case (`ave` -> `avenue`).
    pub address_words: std::collections::HashMap<String, String>,
}

/// The `[address] words` table, checked: lower-case words of letters only.
fn address_words(
    file: &AddressFile,
    label: &str,
    problems: &mut Vec<String>,
) -> std::collections::HashMap<String, String> {
    let word = |w: &str| !w.is_empty() && w.chars().all(|c| c.is_alphabetic() && !c.is_uppercase());
    for (short, full) in &file.words {
        if !word(short) || !word(full) {
            problems.push(format!(
                "{label}: [address] words: {short:?} = {full:?}: write both as one lower-case word"
            ));
        }
    }
    file.words.clone().into_iter().collect()
}

impl MatchRules {
    pub fn field(&self, f: MatchField) -> &FieldModel {
        &self.fields[f as usize]
    }

    /// The shipped defaults.
    pub fn defaults() -> MatchRules {
        let mut problems = Vec::new();
        let rules = MatchRules::from_toml(SHIPPED, "rules/match.toml", &mut problems);
        match rules {
            Some(r) if problems.is_empty() => r,
            _ => panic!("the shipped rules/match.toml has problems: {problems:?}"),
        }
    }

    /// Parses and checks the text of a `match.toml`; every problem is pushed, naming
    /// `label`. `None` when the file cannot be used.
    pub fn from_toml(text: &str, label: &str, problems: &mut Vec<String>) -> Option<MatchRules> {
        match toml::from_str::<MatchFile>(text) {
            Ok(file) => check(&file, label, problems),
            Err(e) => {
                problems.push(format!("{label}: {}", e.to_string().trim_end()));
                None
            }
        }
    }
}

/// Checks the file as written and turns it into [`MatchRules`].
pub fn check(file: &MatchFile, label: &str, problems: &mut Vec<String>) -> Option<MatchRules> {
    let before = problems.len();
    let t = file.thresholds;
    if !(t.merge.is_finite() && t.review.is_finite() && t.review < t.merge) {
        problems.push(format!(
            "{label}: [thresholds] review ({}) must be below merge ({})",
            t.review, t.merge
        ));
    }
    let block_keys = check_block_keys(&file.blocking, label, problems);
    if file.shared.names < 2 {
        problems.push(format!("{label}: [shared] names must be at least 2"));
    }
    let fields = check_fields(&file.fields, label, problems);
    let merge = &file.merge;
    let prefer: Vec<Prefer> = merge
        .prefer
        .iter()
        .filter_map(|p| {
            let found = Prefer::from_key(p);
            if found.is_none() {
                problems.push(format!(
                    "{label}: [merge] prefer {p:?} is not one of source, chinese, recent, complete"
                ));
            }
            found
        })
        .collect();
    let date_field = crate::record::Field::from_key(&merge.date_field);
    if date_field.is_none() {
        problems.push(format!(
            "{label}: [merge] date_field {:?} is not a known field",
            merge.date_field
        ));
    }
    if problems.len() > before {
        return None;
    }
    Some(MatchRules {
        learn: file.learning.learn,
        reused: None,
        address_words: address_words(&file.address, label, problems),
        merge_threshold: t.merge,
        review_threshold: t.review,
        block_keys,
        max_block: file.blocking.max_block,
        window: file.blocking.window,
        shared_names: file.shared.names,
        fields: fields?,
        prefer,
        source_priority: merge.source_priority.clone(),
        date_field: date_field?,
    })
}

fn check_block_keys(b: &BlockingFile, label: &str, problems: &mut Vec<String>) -> Vec<BlockKey> {
    if b.max_block < 2 || b.window < 1 {
        problems.push(format!(
            "{label}: [blocking] max_block must be at least 2 and window at least 1"
        ));
    }
    let mut keys = Vec::new();
    for k in &b.keys {
        match BlockKey::ALL.into_iter().find(|x| x.key() == k) {
            Some(key) if !keys.contains(&key) => keys.push(key),
            Some(_) => problems.push(format!("{label}: [blocking] key {k:?} is listed twice")),
            None => problems.push(format!(
                "{label}: [blocking] key {k:?} is not one of {}",
                BlockKey::ALL.map(|x| x.key()).join(", ")
            )),
        }
    }
    if keys.is_empty() {
        problems.push(format!("{label}: [blocking] keys is empty: nothing would be compared"));
    }
    keys
}

fn check_fields(
    fields: &BTreeMap<String, FieldFile>,
    label: &str,
    problems: &mut Vec<String>,
) -> Option<Vec<FieldModel>> {
    for key in fields.keys() {
        if MatchField::from_key(key).is_none() {
            problems.push(format!(
                "{label}: [fields.{key}] is not one of {}",
                MatchField::ALL.map(|f| f.key()).join(", ")
            ));
        }
    }
    let mut out = Vec::new();
    for f in MatchField::ALL {
        match fields.get(f.key()).or_else(|| shipped_field(f)) {
            Some(file) => out.push(check_field(f, file, label, problems)),
            None => {
                problems.push(format!("{label}: [fields.{}] is missing", f.key()));
                out.push(None);
            }
        }
    }
    out.into_iter().collect()
}

/// The shipped model of a field, for a rules file written before the field was
/// compared (a `match.toml` kept from an earlier version leaves it out).
fn shipped_field(f: MatchField) -> Option<&'static FieldFile> {
    static FILE: std::sync::LazyLock<Option<MatchFile>> = std::sync::LazyLock::new(|| toml::from_str(SHIPPED).ok());
    FILE.as_ref()?.fields.get(f.key())
}

/// One level of a field's shipped model, for a rules file written before the level
/// existed (a `match.toml` kept from an earlier version).
fn shipped_level(f: MatchField, level: impl Fn(&FieldFile) -> Option<MU>) -> Option<MU> {
    shipped_field(f).and_then(level)
}

fn check_field(f: MatchField, file: &FieldFile, label: &str, problems: &mut Vec<String>) -> Option<FieldModel> {
    let at = format!("{label}: [fields.{}]", f.key());
    let before = problems.len();
    let group = match file.group.as_str() {
        "person" => Group::Person,
        "organization" => Group::Organization,
        g => {
            problems.push(format!("{at} group {g:?} is not person or organization"));
            Group::Person
        }
    };
    // A level left out keeps the shipped one: a file written before the level existed
    // (names' partial, ID numbers' close) still works.
    let given = [
        (Level::Exact, file.exact.or_else(|| shipped_level(f, |s| s.exact))),
        (
            Level::Romanized,
            file.romanized.or_else(|| shipped_level(f, |s| s.romanized)),
        ),
        (Level::Close, file.close.or_else(|| shipped_level(f, |s| s.close))),
        (Level::Partial, file.partial.or_else(|| shipped_level(f, |s| s.partial))),
        (
            Level::Different,
            file.different.or_else(|| shipped_level(f, |s| s.different)),
        ),
    ];
    let mut weights = [0.0; 6];
    let mut mus = [None; 6];
    for (level, mu) in given {
        let allowed = f.levels().contains(&level);
        match (mu, allowed) {
            (Some(mu), true) => match weight(mu) {
                Some(w) => {
                    weights[level as usize] = w;
                    mus[level as usize] = Some(mu);
                }
                None => problems.push(format!(
                    "{at} {}: m and u must be probabilities above 0 and at most 1",
                    level.key()
                )),
            },
            (Some(_), false) => problems.push(format!("{at} has no level {}", level.key())),
            (None, true) => problems.push(format!("{at} {} is missing", level.key())),
            (None, false) => {}
        }
    }
    let veto = match file.veto.as_deref() {
        None => None,
        Some(v) => match f.levels().iter().copied().find(|l| l.key() == v) {
            Some(l) => Some(l),
            None => {
                problems.push(format!("{at} veto {v:?} is not one of its levels"));
                None
            }
        },
    };
    let term_frequency = if file.term_frequency {
        let floor = file.u_floor.unwrap_or(0.0);
        let cap = file.max_weight.unwrap_or(f64::INFINITY);
        let usable = floor > 0.0 && floor <= 1.0 && cap > 0.0;
        if !usable {
            problems.push(format!(
                "{at} term_frequency needs u_floor in (0, 1] and a positive max_weight"
            ));
        }
        file.exact.map(|mu| TermFrequency {
            m: mu.m,
            u: mu.u,
            u_floor: floor,
            max_weight: cap,
        })
    } else {
        if file.u_floor.is_some() || file.max_weight.is_some() {
            problems.push(format!(
                "{at} u_floor and max_weight only apply with term_frequency = true"
            ));
        }
        None
    };
    if problems.len() > before {
        return None;
    }
    Some(FieldModel {
        group,
        veto,
        weights,
        mu: mus,
        term_frequency,
    })
}

/// log2(m / u), when both are probabilities.
pub fn weight(mu: MU) -> Option<f64> {
    let ok = |p: f64| p > 0.0 && p <= 1.0;
    (ok(mu.m) && ok(mu.u)).then(|| (mu.m / mu.u).log2())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_rules_check_clean() {
        let r = MatchRules::defaults();
        assert!(r.review_threshold < r.merge_threshold);
        assert_eq!(r.fields.len(), MatchField::ALL.len());
        assert!(r.field(MatchField::Name).weight(Level::Different) < 0.0);
        assert!(r.field(MatchField::Phone).weight(Level::Exact) > r.merge_threshold);
    }

    #[test]
    fn every_problem_is_reported_with_the_file() {
        let text = SHIPPED
            .replace("review = 8.0", "review = 30.0")
            .replace("\"postcode_name\"]", "\"postcode_name\", \"surname\"]")
            .replace("exact = { m = 0.80, u = 0.00001 }", "exact = { m = 0.80, u = 0.0 }")
            .replace("prefer = [\"source\",", "prefer = [\"newest\",");
        let mut problems = Vec::new();
        assert!(MatchRules::from_toml(&text, "my/match.toml", &mut problems).is_none());
        assert_eq!(problems.len(), 4, "{problems:?}");
        assert!(problems.iter().all(|p| p.starts_with("my/match.toml: ")));
        assert!(problems.iter().any(|p| p.contains("review (30) must be below merge")));
        assert!(problems.iter().any(|p| p.contains("key \"surname\" is not one of")));
        assert!(problems.iter().any(|p| p.contains("[fields.phone] exact: m and u")));
        assert!(problems.iter().any(|p| p.contains("prefer \"newest\"")));
    }

    #[test]
    fn unknown_levels_and_fields_are_named() {
        let text = SHIPPED.replace("[fields.city]", "[fields.town]");
        let mut problems = Vec::new();
        assert!(MatchRules::from_toml(&text, "m.toml", &mut problems).is_none());
        assert!(problems.iter().any(|p| p.contains("[fields.town] is not one of")));
    }

    #[test]
    fn a_field_left_out_keeps_its_shipped_model() {
        // A match.toml kept from a version that did not compare birth dates.
        let shipped = SHIPPED;
        let start = shipped.find("[fields.birth_date]").unwrap();
        let end = start + shipped[start..].find("\n\n").unwrap();
        let text = format!("{}{}", &shipped[..start], &shipped[end..]);
        let mut problems = Vec::new();
        let rules = MatchRules::from_toml(&text, "old/match.toml", &mut problems).expect("accepted");
        assert!(problems.is_empty(), "{problems:?}");
        let birth = rules.field(MatchField::BirthDate);
        let defaults = MatchRules::defaults();
        assert_eq!(birth.weights, defaults.field(MatchField::BirthDate).weights);
    }
}
