//! Spreadsheet cells as the user sees them: numbers without float noise, dates as ISO.
//!
//! Excel stores a phone typed as a number as the float 13800138000 and shows it as
//! `1.38001E+10`; the user means `13800138000`, and that is what rollcall reads. Date
//! cells become `2023-01-05`, date-times `2023-01-05 14:30:00`. An error value (`#N/A`,
//! `#REF!`, ...) reads as Excel shows it; [`is_error_value`] tells it from data, in a
//! workbook's error cells and in CSV text alike.

use calamine::{Data, ExcelDateTime};

/// The text of one cell, as the user sees it (without the display rounding).
pub fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => float_text(*f),
        Data::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
        Data::DateTime(dt) => datetime_text(dt),
        Data::DateTimeIso(s) => s.strip_suffix("T00:00:00").unwrap_or(s).replace('T', " "),
        Data::DurationIso(s) => s.clone(),
        Data::Error(e) => e.to_string(),
    }
}

/// Spreadsheet error values, as Excel, WPS and LibreOffice show them.
const ERROR_VALUES: &[&str] = &[
    "#N/A",
    "#VALUE!",
    "#REF!",
    "#DIV/0!",
    "#NAME?",
    "#NULL!",
    "#NUM!",
    "#SPILL!",
    "#CALC!",
    "#GETTING_DATA",
    "#FIELD!",
    "#BLOCKED!",
    "#CONNECT!",
    "#BUSY!",
    "#UNKNOWN!",
    "#DATA!",
];

/// True when a cell's text is a spreadsheet error value (a formula that failed), which
/// is no data: `#N/A`, `#VALUE!`, `#REF!`, ... in any case, spaces around it ignored.
pub fn is_error_value(text: &str) -> bool {
    let t = text.trim();
    t.starts_with('#') && ERROR_VALUES.iter().any(|e| e.eq_ignore_ascii_case(t))
}

/// A float as a person writes it: integral values without `.0` or an exponent.
pub fn float_text(f: f64) -> String {
    if f.is_finite() && f.fract() == 0.0 && f.abs() < 1e21 {
        format!("{f:.0}")
    } else {
        let s = format!("{f}");
        // Rust prints the shortest digits that round-trip; Excel keeps 15 significant.
        match s.parse::<f64>() {
            Ok(_) if s.len() > 17 => trim_float(&format!("{f:.15}")),
            _ => s,
        }
    }
}

fn trim_float(s: &str) -> String {
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s.to_string()
    }
}

fn datetime_text(dt: &ExcelDateTime) -> String {
    if dt.is_duration() {
        return float_text(dt.as_f64());
    }
    let (y, mo, d, h, mi, s, _) = dt.to_ymd_hms_milli();
    let has_time = h != 0 || mi != 0 || s != 0;
    if dt.as_f64() < 1.0 {
        format!("{h:02}:{mi:02}:{s:02}")
    } else if has_time {
        format!("{y:04}-{mo:02}-{d:02} {h:02}:{mi:02}:{s:02}")
    } else {
        format!("{y:04}-{mo:02}-{d:02}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use calamine::ExcelDateTimeType;

    #[test]
    fn phones_stored_as_numbers_read_as_written() {
        assert_eq!(cell_text(&Data::Float(13800138000.0)), "13800138000");
        assert_eq!(cell_text(&Data::Float(862162345678.0)), "862162345678");
        assert_eq!(cell_text(&Data::Int(13800138000)), "13800138000");
        assert_eq!(cell_text(&Data::Float(100080.0)), "100080");
    }

    #[test]
    fn fractions_read_without_noise() {
        assert_eq!(cell_text(&Data::Float(3.5)), "3.5");
        assert_eq!(cell_text(&Data::Float(0.1 + 0.2)), "0.3");
        assert_eq!(cell_text(&Data::Float(-2.25)), "-2.25");
    }

    #[test]
    fn error_values_are_told_from_data() {
        for e in [
            "#N/A",
            "#n/a",
            " #VALUE! ",
            "#REF!",
            "#DIV/0!",
            "#NAME?",
            "#NULL!",
            "#NUM!",
        ] {
            assert!(is_error_value(e), "{e}");
        }
        for d in ["N/A", "#1", "#N/A 张三", "", "张三", "#"] {
            assert!(!is_error_value(d), "{d}");
        }
        let cell = Data::Error(calamine::CellErrorType::NA);
        assert!(is_error_value(&cell_text(&cell)));
        let cell = Data::Error(calamine::CellErrorType::Div0);
        assert!(is_error_value(&cell_text(&cell)));
    }

    #[test]
    fn dates_read_as_iso() {
        let date = ExcelDateTime::new(44931.0, ExcelDateTimeType::DateTime, false);
        assert_eq!(cell_text(&Data::DateTime(date)), "2023-01-05");
        let stamp = ExcelDateTime::new(44931.5, ExcelDateTimeType::DateTime, false);
        assert_eq!(cell_text(&Data::DateTime(stamp)), "2023-01-05 12:00:00");
        assert_eq!(
            cell_text(&Data::DateTimeIso("2023-01-05T00:00:00".into())),
            "2023-01-05"
        );
    }
}
