//! Where last run put an input row: one row of a master's Lineage sheet. Read reads it
//! with `--previous`; matching uses it to give a row read again the customer it had.

/// An input row last run gave to a customer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LastPlace {
    /// The input file as last run's user named it (`q1/客户.xlsx`).
    pub file: String,
    /// Its sheet; empty for a CSV.
    pub sheet: String,
    /// 1-based row, as Excel or a text editor shows it.
    pub row: u32,
    pub customer_id: String,
    /// Where the master says so: `q1/master.xlsx [Lineage] row 9`.
    pub listed_at: String,
}
