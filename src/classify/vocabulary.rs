//! The outcome vocabulary at work: which outcome an outcome cell or a remark means.
//!
//! The words come from `rules/outcomes.toml`, checked into [`Outcomes`]; this module finds
//! words in phrase keys ([`phrase_key`], from the text layer). It knows nothing of
//! customers or calls.

use std::collections::HashMap;

use super::rules::{Outcome, Outcomes};
use crate::text::keys::phrase_key;

/// A word of the vocabulary found in a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Found<'a> {
    pub outcome: &'a Outcome,
    /// The word as written in the rules.
    pub word: &'a str,
}

/// Where a text comes from: remarks are free text, where a word may be a field label.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Context {
    OutcomeCell,
    Remark,
}

/// The vocabulary with every word folded, ready to look up.
pub struct Vocabulary<'a> {
    outcomes: &'a Outcomes,
    /// (folded word, entry index, word as written), longest first.
    words: Vec<(String, usize, &'a str)>,
    exact: HashMap<String, (usize, &'a str)>,
    negations: Vec<String>,
    labels: Vec<String>,
}

impl<'a> Vocabulary<'a> {
    pub fn new(outcomes: &'a Outcomes) -> Vocabulary<'a> {
        let mut words = Vec::new();
        let mut exact = HashMap::new();
        for (i, entry) in outcomes.entries.iter().enumerate() {
            for word in &entry.words {
                let key = phrase_key(word);
                if key.is_empty() {
                    continue;
                }
                exact.entry(key.clone()).or_insert((i, word.as_str()));
                words.push((key, i, word.as_str()));
            }
        }
        words.sort_by_key(|(k, i, _)| (std::cmp::Reverse(k.chars().count()), *i));
        Vocabulary {
            outcomes,
            words,
            exact,
            negations: outcomes.negations.iter().map(|n| phrase_key(n)).collect(),
            labels: outcomes.labels.iter().map(|l| phrase_key(l)).collect(),
        }
    }

    /// The outcome a call sheet's outcome cell reports: the cell is one of the words, or
    /// the longest word inside it.
    pub fn outcome(&self, cell: &str) -> Option<Found<'a>> {
        let key = phrase_key(cell);
        if let Some((i, word)) = self.exact.get(&key) {
            return Some(self.found(*i, word));
        }
        self.search(&key, Context::OutcomeCell)
    }

    /// The outcome a remark mentions: the longest word in it that is not negated
    /// ("不是空号") and not a label in front of a number ("传真: 010 6234 5678").
    pub fn in_remark(&self, remark: &str) -> Option<Found<'a>> {
        self.search(&phrase_key(remark), Context::Remark)
    }

    /// True when a result with this outcome is a failed call (no answer, busy).
    pub fn is_failure(&self, outcome: &Outcome) -> bool {
        outcome
            .reason
            .is_some_and(|r| self.outcomes.failure_reasons.contains(&r))
    }

    /// Failed calls in a row that make a customer unreachable.
    pub fn failure_times(&self) -> usize {
        self.outcomes.failure_times
    }

    fn found(&self, i: usize, word: &'a str) -> Found<'a> {
        Found {
            outcome: &self.outcomes.entries[i],
            word,
        }
    }

    /// The longest word found in `key` (words are sorted longest first).
    fn search(&self, key: &str, context: Context) -> Option<Found<'a>> {
        for (word_key, i, word) in &self.words {
            let hit = key.match_indices(word_key.as_str()).any(|(at, _)| {
                let end = at + word_key.len();
                whole_word(key, at, end)
                    && !self.negated(key, at)
                    && !(context == Context::Remark && self.labels_number(word_key, &key[end..]))
            });
            if hit {
                return Some(self.found(*i, word));
            }
        }
        None
    }

    /// True when a negation ends right before the word at `at`, or runs into it
    /// ("不是" in "不是空号", whose word "是空号" starts inside the negation).
    fn negated(&self, key: &str, at: usize) -> bool {
        let stop = key[..at].trim_end().len();
        self.negations.iter().filter(|n| !n.is_empty()).any(|n| {
            key.match_indices(n.as_str())
                .any(|(p, _)| p < at && p + n.len() >= stop && whole_word(key, p, p + n.len()))
        })
    }

    /// True when `word` is a label and a number follows it.
    fn labels_number(&self, word: &str, after: &str) -> bool {
        self.labels.iter().any(|l| l == word) && after.trim_start().starts_with(|c: char| c.is_ascii_digit())
    }
}

/// True when `key[at..end]` does not cut a Latin word or number in two.
fn whole_word(key: &str, at: usize, end: usize) -> bool {
    let latin = |c: char| c.is_ascii_alphanumeric();
    let word = &key[at..end];
    let starts_latin = word.chars().next().is_some_and(latin);
    let ends_latin = word.chars().next_back().is_some_and(latin);
    let before_ok = !starts_latin || !key[..at].chars().next_back().is_some_and(latin);
    let after_ok = !ends_latin || !key[end..].chars().next().is_some_and(latin);
    before_ok && after_ok
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::Reason;
    use crate::rules::Rules;

    fn meaning(found: Option<Found>) -> Option<String> {
        found.map(|f| match f.outcome.reason {
            Some(r) => r.code().to_string(),
            None => f.outcome.label.clone(),
        })
    }

    #[test]
    fn outcome_cells_read_every_spelling_users_write() {
        let rules = Rules::defaults();
        let v = Vocabulary::new(&rules.outcomes);
        let table = [
            ("无人接听", "no_answer"),
            ("没人接", "no_answer"),
            ("No answer", "no_answer"),
            ("響鈴無人接", "no_answer"),
            ("占线", "busy"),
            ("Line busy", "busy"),
            ("号码不符", "wrong_number"),
            ("不是本人", "wrong_number"),
            ("一直联系不上", "unreachable"),
            ("传真", "fax"),
            ("传真音", "fax"),
            ("fax tone", "fax"),
            ("空号", "disconnected"),
            ("停机", "disconnected"),
            ("停机空号", "disconnected"),
            ("号码不存在", "disconnected"),
            ("客户说已经停机了", "disconnected"),
            ("号码无效", "invalid_number"),
            ("号码格式错误", "malformed_phone"),
            ("无联系电话", "no_phone"),
            ("联动商机提供", "联动商机提供"),
            ("有商机", "联动商机提供"),
            ("在伙伴服务期限内", "在伙伴服务期限内"),
            ("换了代理商", "更换代理商的客户"),
            ("不需要服务", "不需要服务的客户"),
            ("Not interested", "不需要服务的客户"),
            ("有抵触情绪", "有抵触情绪的客户"),
            ("不清楚服务商", "不清楚自己服务商的客户"),
            ("其它情况(停用或更换软件)", "其它情况(停用或更换软件)"),
        ];
        for (cell, expected) in table {
            assert_eq!(meaning(v.outcome(cell)).as_deref(), Some(expected), "cell {cell:?}");
        }
        for cell in ["", "下周再打", "fairfax", "ok"] {
            assert_eq!(meaning(v.outcome(cell)), None, "cell {cell:?}");
        }
    }

    #[test]
    fn every_label_and_reason_name_reads_back_as_itself() {
        let rules = Rules::defaults();
        let v = Vocabulary::new(&rules.outcomes);
        for entry in &rules.outcomes.entries {
            let found = v.outcome(&entry.label).map(|f| f.outcome);
            assert_eq!(found, Some(entry), "label {:?}", entry.label);
        }
        for reason in Reason::ALL {
            let found = v.outcome(reason.zh()).and_then(|f| f.outcome.reason);
            assert_eq!(found, Some(*reason));
        }
    }

    #[test]
    fn remarks_skip_negated_words_and_labels_before_numbers() {
        let rules = Rules::defaults();
        let v = Vocabulary::new(&rules.outcomes);
        assert_eq!(
            meaning(v.in_remark("2023年回访：空号")).as_deref(),
            Some("disconnected")
        );
        assert_eq!(meaning(v.in_remark("不是空号, 是传真")).as_deref(), Some("fax"));
        assert_eq!(meaning(v.in_remark("不是空号")), None);
        assert_eq!(meaning(v.in_remark("传真: 010-6234 5678")), None);
        assert_eq!(meaning(v.in_remark("fax +86 10 6234 5678")), None);
        assert_eq!(meaning(v.in_remark("打过去是传真音")).as_deref(), Some("fax"));
        assert_eq!(meaning(v.in_remark("老客户，人很好")), None);
        assert_eq!(meaning(v.in_remark("he is not busy")), None);
    }

    #[test]
    fn failures_are_no_answer_and_busy_three_times() {
        let rules = Rules::defaults();
        let v = Vocabulary::new(&rules.outcomes);
        let failure = |cell: &str| v.is_failure(v.outcome(cell).unwrap().outcome);
        assert!(failure("没人接"));
        assert!(failure("占线"));
        assert!(!failure("空号"));
        assert!(!failure("联动商机提供"));
        assert_eq!(v.failure_times(), 3);
    }
}
