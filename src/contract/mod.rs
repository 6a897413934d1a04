//! The output contract: the one place that knows every sheet and column rollcall writes
//! and reads back (the master's sheets, its CSV copies, the call sheet, the roster),
//! each with a stable key, its English and Chinese header, its kind, and the vocabulary
//! of its values in both languages ([`vocab`]).
//!
//! Writers take their headers and value words from here; readers find columns and sheets
//! by either language's name and map either language's words back to the stable keys.
//! It imports only the shared vocabulary of `record` and no stage or writer, so the
//! readers and the writers both stand on it without importing each other.

pub mod cells;
pub mod columns;
pub mod vocab;
pub mod zh;

pub use columns::{Column, Sheet};
pub use vocab::Vocab;

/// The language of headers, sheet names and the values rollcall itself writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    En,
    Zh,
}

impl Lang {
    /// `en` or `zh`, as the language asks.
    pub fn pick<'a>(self, en: &'a str, zh: &'a str) -> &'a str {
        match self {
            Lang::En => en,
            Lang::Zh => zh,
        }
    }
}

/// How a column's cells are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Text Excel must never turn into a number (ids, postcodes, ID numbers).
    Text,
    /// A phone number or a list of them: text, never a number.
    Phone,
    /// A count or a score.
    Number,
    /// A date as text (`2024-03-05`).
    Date,
    /// A share of a whole (`49.8%`).
    Share,
    /// Anything else: text as the cell holds it.
    General,
}

impl Kind {
    /// True when Excel must keep the cell as text.
    pub fn is_text(self) -> bool {
        matches!(self, Kind::Text | Kind::Phone)
    }
}

/// A header cell as read: trimmed, without a byte-order mark.
pub fn clean_header(header: &str) -> &str {
    header.trim().trim_start_matches('\u{FEFF}')
}

/// Excel's letter for a 0-based column index: 0 -> A, 26 -> AA.
pub fn column_letter(mut index: usize) -> String {
    let mut letters = Vec::new();
    loop {
        letters.push(b'A' + (index % 26) as u8);
        if index < 26 {
            break;
        }
        index = index / 26 - 1;
    }
    letters.reverse();
    String::from_utf8(letters).unwrap_or_default()
}

/// The delimiter as shown to users.
pub fn delimiter_name(d: u8) -> &'static str {
    match d {
        b',' => "comma",
        b';' => "semicolon",
        b'\t' => "tab",
        b'|' => "pipe",
        _ => "other",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_letters_match_excel() {
        assert_eq!(column_letter(0), "A");
        assert_eq!(column_letter(25), "Z");
        assert_eq!(column_letter(26), "AA");
        assert_eq!(column_letter(27), "AB");
        assert_eq!(column_letter(701), "ZZ");
        assert_eq!(column_letter(702), "AAA");
    }
}
