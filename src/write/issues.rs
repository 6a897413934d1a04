//! Field issues with their detail: per field and kind of problem, how many and one
//! example (where, the cell as written, what is wrong), so `mobile 1` in a report says
//! which row to open. Built from the records' issues; ID numbers in examples are masked,
//! since the reports never show one whole.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::record::Record;
use crate::text::mask::mask_ids;

/// One kind of problem in one field (`field_issue_details` in report.json).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldIssue {
    /// The field's key (`mobile`).
    pub field: String,
    /// The problem's code (`phone.invalid`).
    pub code: String,
    pub count: usize,
    /// The first row with it: `客户.xlsx [Sheet1] row 7: 1380013800 (too short)`.
    pub example: String,
}

/// The issues of every record, grouped by field and code, in that order.
pub fn field_issue_details(records: &[Record]) -> Vec<FieldIssue> {
    let mut groups: BTreeMap<(&str, &str), FieldIssue> = BTreeMap::new();
    for r in records {
        for issue in &r.issues {
            let entry = groups
                .entry((issue.field.key(), issue.code))
                .or_insert_with(|| FieldIssue {
                    field: issue.field.key().to_string(),
                    code: issue.code.to_string(),
                    count: 0,
                    example: example(r, issue),
                });
            entry.count += 1;
        }
    }
    groups.into_values().collect()
}

/// Where the issue is, the cell as written, and what is wrong with it.
fn example(r: &Record, issue: &crate::record::Issue) -> String {
    let cell = r.raw_values(issue.field).collect::<Vec<_>>().join("; ");
    let text = if cell.is_empty() {
        format!("{}: {}", r.origin, issue.detail)
    } else {
        format!("{}: {cell} ({})", r.origin, issue.detail)
    };
    mask_ids(&text)
}
