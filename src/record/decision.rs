//! A person's decision about a pair of customers (the Review sheet's `same` or
//! `different`): read reads it, matching applies it, write writes it back.

/// The words rollcall writes for the two decisions: (English, Chinese).
pub const SAME_WORDS: (&str, &str) = ("same", "同一客户");
pub const DIFFERENT_WORDS: (&str, &str) = ("different", "不同客户");

/// Other spellings a person may type instead of picking from the drop-down.
const SAME_ALIASES: &[&str] = &[
    "same",
    "同一客户",
    "same customer",
    "yes",
    "y",
    "merge",
    "是",
    "同一",
    "同一人",
    "相同",
    "合并",
    "重复",
];
const DIFFERENT_ALIASES: &[&str] = &[
    "different",
    "不同客户",
    "different customers",
    "no",
    "n",
    "keep apart",
    "否",
    "不同",
    "不是",
    "不同人",
    "不合并",
    "不重复",
];

/// What a person said about a pair.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Choice {
    Same,
    Different,
}

impl Choice {
    /// The choice's stable key (the contract's `decision` vocabulary).
    pub fn key(self) -> &'static str {
        match self {
            Choice::Same => SAME_WORDS.0,
            Choice::Different => DIFFERENT_WORDS.0,
        }
    }

    /// Reads a typed decision; `None` for an empty cell or a word that says neither.
    pub fn parse(cell: &str) -> Option<Choice> {
        let word = cell.trim().to_lowercase();
        if SAME_ALIASES.contains(&word.as_str()) {
            Some(Choice::Same)
        } else if DIFFERENT_ALIASES.contains(&word.as_str()) {
            Some(Choice::Different)
        } else {
            None
        }
    }
}

/// One side of a decided pair: a customer id and, from a Review sheet, the row it was
/// shown by.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Side {
    pub customer_id: String,
    pub name: String,
    /// `file:row` or `file [sheet]:row`, as the Review sheet shows a source; empty on a
    /// Decisions sheet.
    pub source: String,
}

/// A pair a person decided, as read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decision {
    pub a: Side,
    pub b: Side,
    pub choice: Choice,
    /// Where the decision was made: `q1/master.xlsx [Review] row 5`, or the place a
    /// carried decision names.
    pub decided_in: String,
    /// True when read from a Decisions sheet (carried from an earlier run).
    pub carried: bool,
}
