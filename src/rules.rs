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
use crate::record::Field;

/// One default rules file: its name in `rules/` and its text.
pub struct DefaultFile {
    pub name: &'static str,
    pub text: &'static str,
}

/// The defaults, as shipped in the project's `rules/` directory.
pub const DEFAULT_FILES: &[DefaultFile] = &[
    DefaultFile {
        name: "columns.toml",
        text: include_str!("../rules/columns.toml"),
    },
    DefaultFile {
        name: "area_codes.toml",
        text: include_str!("../rules/area_codes.toml"),
    },
    DefaultFile {
        name: "company.toml",
        text: include_str!("../rules/company.toml"),
    },
    DefaultFile {
        name: "countries.toml",
        text: include_str!("../rules/countries.toml"),
    },
    DefaultFile {
        name: "email.toml",
        text: include_str!("../rules/email.toml"),
    },
    DefaultFile {
        name: "match.toml",
        text: include_str!("../rules/match.toml"),
    },
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

/// Every rule table, loaded and checked.
#[derive(Debug, Clone)]
pub struct Rules {
    /// (field, alias as written) in file order.
    pub column_aliases: Vec<(Field, String)>,
    pub company: CompanyRules,
    pub email: EmailRules,
    pub phone: PhoneRules,
    /// Folded country name -> ISO 3166 alpha-2 code.
    pub countries: BTreeMap<String, String>,
    /// `match.toml`: the matching model, blocking and merge rules.
    pub matching: MatchRules,
}

/// `countries.toml`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct CountryRules {
    names: BTreeMap<String, String>,
}

impl Rules {
    /// The ISO code of a country cell: a two-letter code, or a name from the rules.
    pub fn country_code(&self, cell: &str) -> Option<String> {
        let folded: String = crate::normalize::text::fold_width(cell)
            .to_lowercase()
            .chars()
            .filter(|c| c.is_alphanumeric())
            .collect();
        if folded.len() == 2 && folded.chars().all(|c| c.is_ascii_alphabetic()) {
            return Some(folded.to_ascii_uppercase());
        }
        self.countries.get(&folded).cloned()
    }
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
        let company = parse_file(dir, "company.toml", &mut problems);
        let phone: Option<PhoneRules> = parse_file(dir, "area_codes.toml", &mut problems);
        let countries: Option<CountryRules> = parse_file(dir, "countries.toml", &mut problems);
        if let Some(c) = &countries {
            check_countries(c, &file_label(dir, "countries.toml"), &mut problems);
        }
        let email: Option<EmailRules> = parse_file(dir, "email.toml", &mut problems);
        if let Some(e) = &email {
            check_email(e, &file_label(dir, "email.toml"), &mut problems);
        }
        let matching: Option<MatchFile> = parse_file(dir, "match.toml", &mut problems);
        let matching = matching.and_then(|m| check_match(&m, &file_label(dir, "match.toml"), &mut problems));
        match matching {
            Some(matching) if problems.is_empty() => Ok(Rules {
                column_aliases,
                company: company.unwrap_or_default(),
                email: email.unwrap_or_default(),
                phone: phone.unwrap_or_default(),
                countries: countries.map(|c| c.names).unwrap_or_default(),
                matching,
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
            let folded = crate::read::mapping::header_tokens(alias);
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

/// Country names must be folded (lower case, no spaces) and name a two-letter code.
fn check_countries(rules: &CountryRules, label: &str, problems: &mut Vec<String>) {
    for (name, code) in &rules.names {
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
    fn syntax_errors_name_the_file() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("columns.toml"), "[fields.name\n").unwrap();
        let Err(Error::Rules { problems }) = Rules::load(Some(dir.path())) else {
            panic!("bad rules accepted");
        };
        assert!(problems[0].contains("columns.toml"), "{problems:?}");
    }
}
