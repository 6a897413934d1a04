//! The rules directory: reads the TOML files of `rules/` (compiled into the binary, a
//! user's `--rules DIR` over them), hands each file to the check of the stage that owns
//! its types (`read::rules`, `normalize::rules`, `matching::rules`, `classify::rules`,
//! `salespeople`), and collects every problem. Each stage receives only its own slice.
//!
//! Every file is checked whole and every problem is reported at once, each naming its
//! file, so a user fixes a rules directory in one pass. A file missing from the user's
//! directory falls back to the default.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::classify::rules::{check_outcomes, OutcomeRules, Outcomes};
use crate::error::Error;
use crate::matching::rules::{check as check_match, MatchFile, MatchRules};
use crate::normalize::company::CompanyRules;
use crate::normalize::email::EmailRules;
use crate::normalize::phone::PhoneRules;
use crate::normalize::rules::{check_countries, check_email, CountryRules, NormalizeRules};
use crate::read::rules::{check_columns, ColumnRules};
use crate::record::Field;
use crate::salespeople::{check_salespeople, SalespeopleRules};

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

/// Every rule table, loaded and checked.
#[derive(Debug, Clone)]
pub struct Rules {
    /// (field, alias as written) in file order.
    pub column_aliases: Vec<(Field, String)>,
    pub outcomes: Outcomes,
    /// `company.toml`, `email.toml`, `area_codes.toml`, `countries.toml`.
    pub normalize: NormalizeRules,
    /// `match.toml`: the matching model, blocking and merge rules.
    pub matching: MatchRules,
    /// `salespeople.toml`: other name (folded, see [`crate::salespeople::alias_key`]) ->
    /// the name to write.
    pub salespeople: BTreeMap<String, String>,
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
                normalize: NormalizeRules::new(
                    company.unwrap_or_default(),
                    email.unwrap_or_default(),
                    phone.unwrap_or_default(),
                    countries,
                ),
                outcomes,
                matching,
                salespeople,
            }),
            _ => Err(Error::Rules { problems }),
        }
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::Reason;

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
            assert_eq!(rules.normalize.place_region(place).as_deref(), code, "{place}");
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
            assert_eq!(rules.normalize.state_region(state).as_deref(), code, "{state}");
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
            rules.normalize.email.domain_typos.get("qq.con").map(String::as_str),
            Some("qq.com")
        );
        assert_eq!(rules.normalize.company.legal_suffixes, ["有限公司"]);
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
