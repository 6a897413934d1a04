//! `rollcall inspect`: what rollcall would read, without writing anything.

use std::fmt::Write;
use std::path::PathBuf;

use crate::console;
use crate::error::Error;
use crate::pipeline;
use crate::rules::Rules;
use crate::write::model::{file_report, FileReport, SkippedFile};

#[derive(Debug, clap::Args)]
pub struct Args {
    #[arg(required = true)]
    pub inputs: Vec<PathBuf>,
    /// Rules directory overriding the built-in rules.
    #[arg(long)]
    pub rules: Option<PathBuf>,
    /// Print JSON for scripts.
    #[arg(long)]
    pub json: bool,
    /// Report unreadable inputs and go on (exit code 1).
    #[arg(long)]
    pub keep_going: bool,
}

/// `rollcall inspect`.
pub fn run(args: Args) -> Result<u8, Error> {
    let rules = Rules::load(args.rules.as_deref())?;
    let (lists, lock_notes) = pipeline::leave_out_lock_files(&args.inputs);
    for note in &lock_notes {
        console::say(&format!("note: {note}"));
    }
    let (files, skipped) = pipeline::read_inputs(&lists, &rules, args.keep_going)?;
    let reports: Vec<_> = files.iter().map(file_report).collect();
    if args.json {
        let value = serde_json::json!({ "files": reports, "skipped_files": skipped });
        console::out_line(&serde_json::to_string_pretty(&value).unwrap_or_default());
    } else {
        console::out(&render_text(&reports, &skipped));
    }
    for s in &skipped {
        console::say(&format!("rollcall: skipped {}", s.error));
    }
    Ok(if skipped.is_empty() { 0 } else { 1 })
}

/// The human-readable inspection of the files.
pub fn render_text(files: &[FileReport], skipped: &[SkippedFile]) -> String {
    let mut out = String::new();
    for f in files {
        let mut about = vec![f.format.clone()];
        about.extend(f.encoding.clone());
        about.extend(f.delimiter.as_ref().map(|d| format!("{d}-delimited")));
        let _ = writeln!(out, "{} ({})", f.file, about.join(", "));
        for s in &f.sheets {
            let name = if s.sheet.is_empty() {
                String::new()
            } else {
                format!("sheet {:?}: ", s.sheet)
            };
            let _ = writeln!(
                out,
                "  {name}header at row {}; {} data rows: {} records, {} rejected; {} empty rows skipped",
                s.header_row, s.rows, s.records, s.rejected, s.empty_rows
            );
            let width = s
                .columns
                .iter()
                .map(|c| crate::write::xlsx::display_width(&c.header))
                .max()
                .unwrap_or(0);
            for c in &s.columns {
                if c.header.is_empty() && c.field.is_none() {
                    continue;
                }
                let pad = width.saturating_sub(crate::write::xlsx::display_width(&c.header));
                let target = match &c.field {
                    Some(field) => format!("{field} ({:.0}%)", c.certainty * 100.0),
                    None => "(unmapped: carried through)".to_string(),
                };
                let _ = writeln!(out, "    {:<3}{}{} -> {target}", c.column, c.header, " ".repeat(pad));
            }
        }
        for s in &f.skipped_sheets {
            let _ = writeln!(out, "  sheet {:?}: skipped ({})", s.sheet, s.why);
        }
        for w in &f.warnings {
            let _ = writeln!(out, "  warning: {w}");
        }
    }
    for s in skipped {
        let _ = writeln!(out, "skipped: {}", s.error);
    }
    out
}
