//! A cell of a CSV copy made safe and read back: a cell a spreadsheet would run as a
//! formula gets a leading `'` when written ([`neutralize`]), and the master reader takes
//! exactly that `'` off again ([`restore`]). Both sides live here, in the contract, so the
//! writer and the reader never need each other.

use std::borrow::Cow;

/// What a spreadsheet reads as the start of a formula (OWASP's list, plus the
/// full-width forms an IME types, which some spreadsheets take as the ASCII ones).
const FORMULA_STARTS: &[char] = &['=', '+', '-', '@', '＝', '＋', '－', '＠'];

/// Characters a spreadsheet may drop from the front of a cell before looking at it.
fn is_skipped(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}')
}

/// True when a spreadsheet could read `cell` as a formula: it starts with tab or CR, or
/// its first character after any leading whitespace is one of `= + - @` (or their
/// full-width forms).
pub fn starts_formula(cell: &str) -> bool {
    if cell.starts_with(['\t', '\r']) {
        return true;
    }
    cell.trim_start_matches(is_skipped).starts_with(FORMULA_STARTS)
}

/// A plain number, as a spreadsheet reads one: an optional sign, digits with at most one
/// decimal point, an optional exponent; no spaces. `-12.5`, `+3` and the E.164 phone
/// `+8613800138000` are plain numbers (a spreadsheet shows them as numbers, it runs
/// nothing); `+1+1`, `-1+1` and `+86 138 0013 8000` are not.
pub fn is_plain_number(cell: &str) -> bool {
    let body = cell.strip_prefix(['+', '-']).unwrap_or(cell);
    let (mantissa, exponent) = match body.find(['e', 'E']) {
        Some(at) => (&body[..at], Some(&body[at + 1..])),
        None => (body, None),
    };
    let digits = mantissa.bytes().filter(u8::is_ascii_digit).count();
    let points = mantissa.bytes().filter(|b| *b == b'.').count();
    let mantissa_ok = digits > 0 && points <= 1 && digits + points == mantissa.len();
    let exponent_ok = exponent.is_none_or(|e| {
        let e = e.strip_prefix(['+', '-']).unwrap_or(e);
        !e.is_empty() && e.bytes().all(|b| b.is_ascii_digit())
    });
    mantissa_ok && exponent_ok
}

/// True when `cell` must be written with a leading `'`: it could start a formula and is
/// not a plain number, or it already starts with a `'` that [`restore`] would take off.
fn needs_quote(cell: &str) -> bool {
    (starts_formula(cell) && !is_plain_number(cell)) || is_quoted(cell)
}

/// True when `cell` is a neutralized cell: a `'` in front of a cell that needed one.
fn is_quoted(cell: &str) -> bool {
    cell.strip_prefix('\'').is_some_and(needs_quote)
}

/// A cell as it is safe to write to a CSV: one that a spreadsheet would read as a
/// formula gets a leading `'` (OWASP's advice for CSV injection), which spreadsheets
/// take as "this is text". Plain numbers pass unchanged. A cell that already starts with
/// a `'` in front of such text gets one more, so [`restore`] gives back exactly what
/// was written.
pub fn neutralize(cell: &str) -> Cow<'_, str> {
    if needs_quote(cell) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

/// Undoes [`neutralize`]: `restore(&neutralize(x)) == x` for every `x`.
pub fn restore(cell: &str) -> &str {
    if is_quoted(cell) {
        &cell[1..]
    } else {
        cell
    }
}
