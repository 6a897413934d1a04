//! rollcall turns messy customer lists into one clean, verified customer master.
//!
//! ```text
//! files --read--> Record{origin, raw} --normalize--> Record{clean, changes, issues}
//!       --matching--> Customers (side table) --classify--> Verdicts (side table)
//!       --write--> master.xlsx, report.json, report.html
//! ```
//!
//! - [`read`]: formats, encodings, headers, column mapping; every row accounted for.
//! - [`normalize`]: clean values and field issues; every change logged.
//! - [`salespeople`]: one name per salesperson across spellings (`Wang Fang`, `王芳`),
//!   a step after normalize that needs every record.
//! - [`matching`]: duplicates found and merged into customers with stable ids.
//! - [`classify`]: valid or invalid, with a reason: call results, then remarks, then the
//!   data checks.
//! - [`since`]: with `--previous`, what changed since last run: a step after classify,
//!   reading the types of [`record`] like the stages.
//! - [`write`]: one view model rendered to the workbook and reports, all or nothing.
//! - [`text`]: the text layer under every stage: width folding, white space, traditional
//!   to simplified, phrase keys and header tokens, names in pinyin, ID masking. It
//!   imports no stage.
//! - [`contract`]: every sheet and column written and read back: keys, English and
//!   Chinese headers, kinds, value vocabularies.
//! - [`rules`]: reads `rules/*.toml` and hands each file to the check of the stage that
//!   owns its types (`read::rules`, `normalize::rules`, `matching::rules`,
//!   `classify::rules`, `salespeople`); each stage receives only its own slice.
//! - [`cmd`]: one room per command (`clean`, `inspect`, `calls`, `roster`, `rules`), each
//!   with its arguments and its `run`; [`pipeline`] alone orders the stages.
//!
//! Invariants: inputs are never written; rows in = Lineage rows; stages meet only in
//! [`pipeline`], through the types of [`record`] and the [`contract`]: no stage imports
//! another. What crosses stages lives in `record`: read's [`record::file_read`], matching's
//! [`record::matched`], last run against this one in [`record::since`].

pub mod classify;
pub mod cmd;
pub mod console;
pub mod contract;
pub mod error;
pub mod matching;
pub mod normalize;
pub mod pipeline;
pub mod read;
pub mod record;
pub mod rules;
pub mod salespeople;
pub mod since;
pub mod text;
pub mod write;
