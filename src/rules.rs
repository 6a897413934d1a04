//! The rules: serde types for the TOML files of `rules/`, the defaults compiled into the
//! binary, and loading a user's `--rules DIR` over them.
//!
//! Every file is checked whole and every problem is reported at once, each naming its
//! file, so a user fixes a rules directory in one pass. A file missing from the user's
//! directory falls back to the default.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::error::Error;
use crate::matching::rules::{check as check_match, MatchFile, MatchRules};
use crate::normalize::company::CompanyRules;
use crate::normalize::email::EmailRules;
use crate::normalize::phone::PhoneRules;
use crate::record::{Field, Reason};
use crate::text::keys::phrase_key;

/// One default rules file: its name in `rules/` and its text.
pub struct DefaultFile {
    pub name: &'static str,
    pub text: &'static str,
}

/// One [`DefaultFile`] per name, its text compiled in from `rules/`.
macro_rules! default_files {
    ($($name:literal),* $(,)?) => {
        &[$(DefaultFile { name: $name, text: include_str!(concat!("../rules/", $name)) }),*]
    };
}

/// The defaults, as shipped in the project's `rules/` directory.
pub const DEFAULT_FILES: &[DefaultFile] = default_files![
    "columns.toml",
    "area_codes.toml",
    "company.toml",
    "countries.toml",
    "email.toml",
    "match.toml",
    "outcomes.toml",
    "salespeople.toml",
];

/// `columns.toml`: header aliases per field.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ColumnRules {
    pub fields: BTreeMap<String, FieldAliases>,
}

/// The aliases of one field.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FieldAliases {
    pub aliases: Vec<String>,
}

/// `outcomes.toml`: the words of every call outcome.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OutcomeRules {
    pub repeated_failures: RepeatedFailures,
    #[serde(default)]
    pub remarks: RemarkRules,
    #[serde(default)]
    pub invalid: Vec<InvalidWords>,
    #[serde(default)]
    pub valid: Vec<ValidWords>,
}

/// When failed calls in a row make a customer `unreachable`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RepeatedFailures {
    pub times: u32,
    pub reasons: Vec<String>,
}

/// How outcome words are read in remarks.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RemarkRules {
    #[serde(default)]
    pub negations: Vec<String>,
    #[serde(default)]
    pub labels: Vec<String>,
}

/// The words of an outcome that makes a customer invalid.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InvalidWords {
    pub reason: String,
    #[serde(default)]
    pub words: Vec<String>,
}

/// The words of an outcome of a valid customer.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ValidWords {
    pub label: String,
    pub en: String,
    #[serde(default)]
    pub words: Vec<String>,
}

/// One outcome of the vocabulary, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    /// The `outcome` column's value: a valid outcome's label, or the reason's Chinese name.
    pub label: String,
    /// The English name, for English reports.
    pub en: String,
    /// `None` for an outcome of a valid customer.
    pub reason: Option<Reason>,
    /// Every word of it, as written, the implicit ones (label, names) first.
    pub words: Vec<String>,
}

/// The checked outcome vocabulary.
#[derive(Debug, Clone, Default)]
pub struct Outcomes {
    pub entries: Vec<Outcome>,
    /// Failed calls in a row that make a customer unreachable.
    pub failure_times: usize,
    /// The reasons that count as a failed call.
    pub failure_reasons: Vec<Reason>,
    pub negations: Vec<String>,
    pub labels: Vec<String>,
}

/// Every rule table, loaded and checked.
#[derive(Debug, Clone)]
pub struct Rules {
    /// (field, alias as written) in file order.
    pub column_aliases: Vec<(Field, String)>,
    pub outcomes: Outcomes,
    pub company: CompanyRules,
    pub email: EmailRules,
    pub phone: PhoneRules,
    /// Folded country name -> ISO 3166 alpha-2 code.
    pub countries: BTreeMap<String, String>,
    /// Patterns that place an address or postcode in a country: (code, pattern).
    pub address_regions: Vec<(String, regex::Regex)>,
    /// Folded state or province name or code -> ISO code (`ca` -> `US`, `ontario` -> `CA`).
    pub states: BTreeMap<String, String>,
    /// `match.toml`: the matching model, blocking and merge rules.
    pub matching: MatchRules,
    /// `salespeople.toml`: other name (folded, see [`crate::salespeople::alias_key`]) ->
    /// the name to write.
    pub salespeople: BTreeMap<String, String>,
}

/// `salespeople.toml`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct SalespeopleRules {
    #[serde(default)]
    aliases: BTreeMap<String, String>,
}

/// `countries.toml`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct CountryRules {
    names: BTreeMap<String, String>,
    #[serde(default)]
    address: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    states: BTreeMap<String, String>,
}

impl Rules {
    /// The ISO code of a country cell: a two-letter code, or a name from the rules.
    pub fn country_code(&self, cell: &str) -> Option<String> {
        let folded = fold_name(cell);
        if folded.len() == 2 && folded.chars().all(|c| c.is_ascii_alphabetic()) {
            return Some(folded.to_ascii_uppercase());
        }
        self.countries.get(&folded).cloned()
    }

    /// The country a state or province column names when written alone (`CA`,
    /// `Texas`, `Ontario`, `NSW`): `countries.toml` `[states]`.
    pub fn state_region(&self, cell: &str) -> Option<String> {
        self.states.get(&fold_name(cell)).cloned()
    }

    /// The country an address, city or postcode names: a pattern of `countries.toml`
    /// (`WA 98101`, `SW1A 1AA`), or a country name after its last comma (`..., USA`,
    /// `美国`), or the text itself when it is a country name.
    pub fn place_region(&self, text: &str) -> Option<String> {
        if let Some((code, _)) = self.address_regions.iter().find(|(_, re)| re.is_match(text)) {
            return Some(code.clone());
        }
        let last = text.rsplit([',', '，', ';', '；']).next().unwrap_or(text);
        self.countries.get(&fold_name(last)).cloned()
    }
}

/// A country or state name as `countries.toml` writes it: full-width folded, lower
/// case, letters and digits only (`New York` -> `newyork`).
fn fold_name(cell: &str) -> String {
    crate::text::fold_width(cell)
        .to_lowercase()
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect()
}

impl Rules {
    /// The compiled-in defaults.
    pub fn defaults() -> Rules {
        Rules::load(None).expect("the shipped rules are checked by the test suite")
    }

    /// Loads the defaults, with each file present in `dir` taking the place of its default.
    pub fn load(dir: Option<&Path>) -> Result<Rules, Error> {
        let mut problems = Vec::new();
        if let Some(dir) = dir {
            if !dir.is_dir() {
                return Err(Error::Rules {
                    problems: vec![format!("{}: not a directory", dir.display())],
                });
            }
        }
        let columns: Option<ColumnRules> = parse_file(dir, "columns.toml", &mut problems);
        let column_aliases = columns
            .map(|c| check_columns(&c, &file_label(dir, "columns.toml"), &mut problems))
            .unwrap_or_default();
        let company = parse_file(dir, "company.toml", &mut problems).map(CompanyRules::tidied);
        let phone: Option<PhoneRules> = parse_file(dir, "area_codes.toml", &mut problems);
        let countries: Option<CountryRules> = parse_file(dir, "countries.toml", &mut problems);
        if let Some(c) = &countries {
            check_countries(c, &file_label(dir, "countries.toml"), &mut problems);
        }
        let email = parse_file(dir, "email.toml", &mut problems).map(EmailRules::tidied);
        if let Some(e) = &email {
            check_email(e, &file_label(dir, "email.toml"), &mut problems);
        }
        let outcome_rules: Option<OutcomeRules> = parse_file(dir, "outcomes.toml", &mut problems);
        let outcomes = outcome_rules
            .map(|o| check_outcomes(&o, &file_label(dir, "outcomes.toml"), &mut problems))
            .unwrap_or_default();
        let salespeople: Option<SalespeopleRules> = parse_file(dir, "salespeople.toml", &mut problems);
        let salespeople = salespeople
            .map(|s| check_salespeople(&s, &file_label(dir, "salespeople.toml"), &mut problems))
            .unwrap_or_default();
        let matching: Option<MatchFile> = parse_file(dir, "match.toml", &mut problems);
        let matching = matching.and_then(|m| check_match(&m, &file_label(dir, "match.toml"), &mut problems));
        match matching {
            Some(matching) if problems.is_empty() => Ok(Rules {
                column_aliases,
                company: company.unwrap_or_default(),
                email: email.unwrap_or_default(),
                phone: phone.unwrap_or_default(),
                address_regions: countries.as_ref().map(compile_address_regions).unwrap_or_default(),
                states: countries.as_ref().map(|c| c.states.clone()).unwrap_or_default(),
                countries: countries.map(|c| c.names).unwrap_or_default(),
                outcomes,
                matching,
                salespeople,
            }),
            _ => Err(Error::Rules { problems }),
        }
    }
}

/// The aliases of `salespeople.toml`, keyed by their folded form; every alias that is
/// empty, or whose name to write is itself an alias, is a problem.
fn check_salespeople(rules: &SalespeopleRules, label: &str, problems: &mut Vec<String>) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for (alias, name) in &rules.aliases {
        let key = crate::salespeople::alias_key(alias);
        if key.is_empty() || name.trim().is_empty() {
            problems.push(format!("{label}: aliases: {alias:?} = {name:?}: neither may be empty"));
        } else if rules
            .aliases
            .keys()
            .any(|a| crate::salespeople::alias_key(a) == crate::salespeople::alias_key(name))
        {
            problems.push(format!(
                "{label}: aliases: {alias:?} = {name:?}: {name:?} is itself an alias; write the name it stands for"
            ));
        } else {
            out.insert(key, name.trim().to_string());
        }
    }
    out
}

/// Writes the default rules files into `dir` (created if needed), refusing to overwrite.
pub fn write_defaults(dir: &Path) -> Result<Vec<PathBuf>, Error> {
    std::fs::create_dir_all(dir).map_err(|e| Error::Write {
        path: dir.to_path_buf(),
        source: e,
    })?;
    let mut written = Vec::new();
    for file in DEFAULT_FILES {
        let path = dir.join(file.name);
        if path.exists() {
            return Err(Error::WouldOverwrite { path });
        }
        std::fs::write(&path, file.text).map_err(|e| Error::Write {
            path: path.clone(),
            source: e,
        })?;
        written.push(path);
    }
    Ok(written)
}

fn file_label(dir: Option<&Path>, name: &str) -> String {
    match dir {
        Some(d) if d.join(name).exists() => d.join(name).display().to_string(),
        _ => format!("(default) rules/{name}"),
    }
}

/// Reads and parses one rules file, from `dir` if it is there, else the default.
fn parse_file<T: for<'de> Deserialize<'de>>(dir: Option<&Path>, name: &str, problems: &mut Vec<String>) -> Option<T> {
    let label = file_label(dir, name);
    let text = match dir.map(|d| d.join(name)).filter(|p| p.exists()) {
        Some(path) => match std::fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) => {
                problems.push(format!("{label}: cannot read: {e}"));
                return None;
            }
        },
        None => default_text(name).to_string(),
    };
    match toml::from_str(&text) {
        Ok(v) => Some(v),
        Err(e) => {
            problems.push(format!("{label}: {}", e.to_string().trim_end()));
            None
        }
    }
}

fn default_text(name: &str) -> &'static str {
    DEFAULT_FILES
        .iter()
        .find(|f| f.name == name)
        .map(|f| f.text)
        .unwrap_or("")
}

/// Checks field keys and aliases; returns the usable aliases.
fn check_columns(rules: &ColumnRules, label: &str, problems: &mut Vec<String>) -> Vec<(Field, String)> {
    let mut out = Vec::new();
    let mut seen: BTreeMap<Vec<String>, Field> = BTreeMap::new();
    for (key, aliases) in &rules.fields {
        let Some(field) = Field::from_key(key) else {
            problems.push(format!("{label}: [fields.{key}] is not a known field"));
            continue;
        };
        for alias in &aliases.aliases {
            let folded = crate::text::keys::header_tokens(alias);
            if folded.is_empty() {
                problems.push(format!("{label}: [fields.{key}] alias {alias:?} is empty once folded"));
                continue;
            }
            match seen.get(&folded) {
                Some(other) if *other != field => problems.push(format!(
                    "{label}: alias {alias:?} is given to both {} and {}",
                    other.key(),
                    field.key()
                )),
                _ => {
                    seen.insert(folded, field);
                    out.push((field, alias.clone()));
                }
            }
        }
    }
    out
}

/// Checks the outcome vocabulary: known reason codes, words that fold to something and
/// belong to one outcome only, labels given once; returns the usable vocabulary.
fn check_outcomes(rules: &OutcomeRules, label: &str, problems: &mut Vec<String>) -> Outcomes {
    let mut entries = Vec::new();
    for entry in &rules.invalid {
        match Reason::from_code(&entry.reason) {
            Some(reason) => entries.push(invalid_outcome(reason, &entry.words)),
            None => problems.push(format!(
                "{label}: [[invalid]] reason {:?} is not a reason code ({})",
                entry.reason,
                reason_codes()
            )),
        }
    }
    for entry in &rules.valid {
        if phrase_key(&entry.label).is_empty() {
            problems.push(format!("{label}: [[valid]] label {:?} is empty", entry.label));
            continue;
        }
        let mut words = vec![entry.label.clone(), entry.en.clone()];
        words.extend(entry.words.iter().cloned());
        entries.push(Outcome {
            label: entry.label.clone(),
            en: entry.en.clone(),
            reason: None,
            words,
        });
    }
    check_words(&entries, label, problems);
    let failure_reasons = rules
        .repeated_failures
        .reasons
        .iter()
        .filter_map(|code| {
            let reason = Reason::from_code(code);
            if reason.is_none() {
                problems.push(format!(
                    "{label}: [repeated_failures] reason {code:?} is not a reason code ({})",
                    reason_codes()
                ));
            }
            reason
        })
        .collect();
    if rules.repeated_failures.times == 0 {
        problems.push(format!("{label}: [repeated_failures] times must be at least 1"));
    }
    Outcomes {
        entries,
        failure_times: rules.repeated_failures.times as usize,
        failure_reasons,
        negations: rules.remarks.negations.clone(),
        labels: rules.remarks.labels.clone(),
    }
}

/// An invalid outcome: its reason's names are words of it too.
fn invalid_outcome(reason: Reason, listed: &[String]) -> Outcome {
    let mut words = vec![reason.zh().to_string(), reason.code().replace('_', " ")];
    words.extend(listed.iter().cloned());
    Outcome {
        label: reason.zh().to_string(),
        en: reason.en().to_string(),
        reason: Some(reason),
        words,
    }
}

/// Every word must fold to something, and mean one outcome only.
fn check_words(entries: &[Outcome], label: &str, problems: &mut Vec<String>) {
    let mut seen: BTreeMap<String, &str> = BTreeMap::new();
    for entry in entries {
        for word in &entry.words {
            let key = phrase_key(word);
            if key.is_empty() {
                problems.push(format!("{label}: {}: word {word:?} is empty once folded", entry.label));
                continue;
            }
            match seen.get(&key) {
                Some(other) if *other != entry.label => problems.push(format!(
                    "{label}: word {word:?} is given to both {other} and {}",
                    entry.label
                )),
                Some(_) => {}
                None => {
                    seen.insert(key, &entry.label);
                }
            }
        }
    }
}

/// The address patterns of `countries.toml`, compiled (checked by [`check_countries`]).
/// Compiled ASCII-only where the pattern allows it (`\b`, `\d`, `\s` of ASCII): the
/// patterns are postcodes and state codes, and an ASCII word boundary lets the fast
/// engine run (a Unicode one does not), which every address of a list goes through.
fn compile_address_regions(rules: &CountryRules) -> Vec<(String, regex::Regex)> {
    let compile = |p: &str| {
        regex::RegexBuilder::new(p)
            .unicode(false)
            .build()
            .or_else(|_| regex::Regex::new(p))
    };
    rules
        .address
        .iter()
        .flat_map(|(code, patterns)| patterns.iter().map(move |p| (code, p)))
        .filter_map(|(code, p)| compile(p).ok().map(|re| (code.clone(), re)))
        .collect()
}

/// Country names must be folded (lower case, no spaces) and name a two-letter code;
/// address patterns must compile.
fn check_countries(rules: &CountryRules, label: &str, problems: &mut Vec<String>) {
    for (code, patterns) in &rules.address {
        if code.len() != 2 || !code.chars().all(|c| c.is_ascii_uppercase()) {
            problems.push(format!(
                "{label}: [address] {code:?} is not a two-letter upper-case country code"
            ));
        }
        for p in patterns {
            if let Err(e) = regex::Regex::new(p) {
                problems.push(format!(
                    "{label}: [address] {code}: pattern {p:?} does not compile: {e}"
                ));
            }
        }
    }
    for (name, code) in rules.names.iter().chain(&rules.states) {
        let folded: String = name.to_lowercase().chars().filter(|c| c.is_alphanumeric()).collect();
        if folded != *name {
            problems.push(format!(
                "{label}: write {name:?} as {folded:?} (lower case, no spaces or punctuation)"
            ));
        }
        if code.len() != 2 || !code.chars().all(|c| c.is_ascii_uppercase()) {
            problems.push(format!(
                "{label}: {name:?} = {code:?} is not a two-letter upper-case country code"
            ));
        }
    }
}

fn reason_codes() -> String {
    Reason::ALL.iter().map(|r| r.code()).collect::<Vec<_>>().join(", ")
}

/// A typo correction must not lead to another typo, or cleaning would not settle.
fn check_email(rules: &EmailRules, label: &str, problems: &mut Vec<String>) {
    for (typo, fix) in &rules.domain_typos {
        if rules.domain_typos.contains_key(fix) {
            problems.push(format!(
                "{label}: {typo:?} corrects to {fix:?}, which is itself listed as a typo"
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_name_their_country() {
        let rules = Rules::defaults();
        for (place, code) in [
            ("100 Pine St, Seattle, WA 98101", Some("US")),
            ("98101-1234", Some("US")),
            ("10 Downing St, London SW1A 2AA", Some("GB")),
            ("1 George St, Sydney NSW 2000", Some("AU")),
            ("Perth WA 6000", Some("AU")),
            ("12 Rue X, Paris, France", Some("FR")),
            ("美国", Some("US")),
            ("北京市海淀区中关村大街1号", None),
            ("100080", None),
            ("上海市浦东新区世纪大道100号A座", None),
        ] {
            assert_eq!(rules.place_region(place).as_deref(), code, "{place}");
        }
    }

    #[test]
    fn states_written_alone_name_their_country() {
        let rules = Rules::defaults();
        for (state, code) in [
            ("CA", Some("US")),
            ("New York", Some("US")),
            ("ＴＸ", Some("US")),
            ("Ontario", Some("CA")),
            ("qc", Some("CA")),
            ("NSW", Some("AU")),
            ("Western Australia", Some("AU")),
            ("广东省", None),
            ("Guangdong", None),
        ] {
            assert_eq!(rules.state_region(state).as_deref(), code, "{state}");
        }
    }

    #[test]
    fn shipped_rules_load_without_problems() {
        let rules = Rules::load(None).unwrap();
        assert!(rules.column_aliases.len() > 200);
    }

    #[test]
    fn every_problem_is_reported_at_once() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("columns.toml"),
            "[fields.nmae]\naliases=[\"x\"]\n[fields.name]\naliases=[\"电话\", \"!!\"]\n[fields.phone]\naliases=[\"电话\"]\n",
        )
        .unwrap();
        let Err(Error::Rules { problems }) = Rules::load(Some(dir.path())) else {
            panic!("bad rules accepted");
        };
        assert_eq!(problems.len(), 3, "{problems:?}");
        assert!(problems.iter().all(|p| p.contains("columns.toml")));
        assert!(problems
            .iter()
            .any(|p| p.contains("[fields.nmae] is not a known field")));
        assert!(problems.iter().any(|p| p.contains("empty once folded")));
        assert!(problems.iter().any(|p| p.contains("given to both")));
    }

    #[test]
    fn every_outcome_problem_is_reported_at_once() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("outcomes.toml"),
            r#"
[repeated_failures]
times = 0
reasons = ["no_answer", "nobody_home"]

[[invalid]]
reason = "no_anser"
words = ["没人接"]

[[invalid]]
reason = "busy"
words = ["占线", "!!"]

[[valid]]
label = "有商机"
en = "opportunity"
words = ["占线"]

[[valid]]
label = " "
en = "blank"
"#,
        )
        .unwrap();
        let Err(Error::Rules { problems }) = Rules::load(Some(dir.path())) else {
            panic!("bad rules accepted");
        };
        assert_eq!(problems.len(), 6, "{problems:?}");
        assert!(problems.iter().all(|p| p.contains("outcomes.toml")));
        let expected = [
            "[[invalid]] reason \"no_anser\" is not a reason code",
            "[repeated_failures] reason \"nobody_home\" is not a reason code",
            "[repeated_failures] times must be at least 1",
            "word \"!!\" is empty once folded",
            "word \"占线\" is given to both 占线 and 有商机",
            "[[valid]] label \" \" is empty",
        ];
        for e in expected {
            assert!(problems.iter().any(|p| p.contains(e)), "no {e:?} in {problems:?}");
        }
    }

    #[test]
    fn the_shipped_vocabulary_has_every_reason_and_domain_outcome() {
        let outcomes = Rules::defaults().outcomes;
        for reason in Reason::ALL {
            assert!(outcomes.entries.iter().any(|o| o.reason == Some(*reason)), "{reason:?}");
        }
        let labels: Vec<&str> = outcomes
            .entries
            .iter()
            .filter(|o| o.reason.is_none())
            .map(|o| o.label.as_str())
            .collect();
        assert_eq!(
            labels,
            [
                "联动商机提供",
                "在伙伴服务期限内",
                "更换代理商的客户",
                "不需要服务的客户",
                "有抵触情绪的客户",
                "不清楚自己服务商的客户",
                "其它情况(停用或更换软件)"
            ]
        );
        assert_eq!(outcomes.failure_times, 3);
        assert_eq!(outcomes.failure_reasons, [Reason::NoAnswer, Reason::Busy]);
    }

    #[test]
    fn a_users_company_and_email_rules_are_tidied_as_the_shipped_ones() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("email.toml"),
            "[domain_typos]\n\" QQ.CON \" = \"QQ.com \"\n",
        )
        .unwrap();
        std::fs::write(
            dir.path().join("company.toml"),
            "legal_suffixes = [\" 有限公司 \", \"\"]\nlocation_words = []\nnoise_words = []\n",
        )
        .unwrap();
        let rules = Rules::load(Some(dir.path())).expect("loads");
        assert_eq!(
            rules.email.domain_typos.get("qq.con").map(String::as_str),
            Some("qq.com")
        );
        assert_eq!(rules.company.legal_suffixes, ["有限公司"]);
    }

    #[test]
    fn syntax_errors_name_the_file() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("columns.toml"), "[fields.name\n").unwrap();
        let Err(Error::Rules { problems }) = Rules::load(Some(dir.path())) else {
            panic!("bad rules accepted");
        };
        assert!(problems[0].contains("columns.toml"), "{problems:?}");
    }
}
