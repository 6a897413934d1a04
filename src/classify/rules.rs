//! Classify's rules: the types of `outcomes.toml` (the words of every call outcome) and
//! their checks. `crate::rules` reads the file and calls [`check_outcomes`], as it does
//! for every stage's file; classify receives the checked [`Outcomes`] only.

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::record::Reason;
use crate::text::keys::phrase_key;

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

/// Checks the outcome vocabulary: known reason codes, words that fold to something and
/// belong to one outcome only, labels given once; returns the usable vocabulary.
pub fn check_outcomes(rules: &OutcomeRules, label: &str, problems: &mut Vec<String>) -> Outcomes {
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

fn reason_codes() -> String {
    Reason::ALL.iter().map(|r| r.code()).collect::<Vec<_>>().join(", ")
}
