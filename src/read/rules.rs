//! Read's rules: the types of `columns.toml` (header aliases per field) and their
//! check. `crate::rules` reads the file and calls [`check_columns`]; the reader's
//! [`Mapper`](super::mapping::Mapper) receives the checked aliases only.

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::record::Field;

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

/// Checks field keys and aliases; returns the usable aliases.
pub fn check_columns(rules: &ColumnRules, label: &str, problems: &mut Vec<String>) -> Vec<(Field, String)> {
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
