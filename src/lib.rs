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
//! - [`write`]: one view model rendered to the workbook and reports, all or nothing.
//! - [`text`]: the text layer under every stage: width folding, white space, traditional
//!   to simplified, phrase keys and header tokens. It imports no stage.
//! - [`contract`]: every sheet and column written and read back: keys, English and
//!   Chinese headers, kinds, value vocabularies.
//!
//! Invariants: inputs are never written; rows in = Lineage rows; stages meet only in
//! [`pipeline`], through the types of [`record`].

pub mod calls;
pub mod classify;
pub mod cli;
pub mod commands;
pub mod console;
pub mod contract;
pub mod error;
pub mod inspect;
pub mod matching;
pub mod normalize;
pub mod pipeline;
pub mod read;
pub mod record;
pub mod roster;
pub mod rules;
pub mod salespeople;
pub mod since;
pub mod text;
pub mod write;
