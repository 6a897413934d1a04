//! The one helper every integration test uses: a scratch directory, the real binary,
//! and readers for what it wrote (workbooks read back, never compared by bytes).

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use calamine::{open_workbook_auto, Data, Reader};

pub struct Workdir {
    dir: tempfile::TempDir,
}

impl Workdir {
    pub fn new() -> Workdir {
        Workdir {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// Writes a file into the work dir and returns its path.
    pub fn write(&self, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
        let p = self.path(name);
        std::fs::write(&p, bytes).expect("write fixture");
        p
    }

    /// Runs rollcall with these arguments.
    pub fn run(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_rollcall"))
            .args(args)
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .env_remove("ROLLCALL_MAX_SHEET_ROWS")
            .output()
            .expect("run rollcall")
    }

    /// Runs `clean` on the inputs into `out/` and asserts success.
    pub fn clean(&self, inputs: &[&str], extra: &[&str]) -> Output {
        let out = self.path("out");
        let mut args = vec!["clean"];
        args.extend_from_slice(inputs);
        args.extend_from_slice(&["-o", out.to_str().unwrap()]);
        args.extend_from_slice(extra);
        let o = self.run(&args);
        assert!(
            o.status.success(),
            "rollcall failed: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        o
    }

    /// Runs `clean` on the three demo lists of fixtures/demo into `out/`.
    pub fn clean_demo(&self) -> Output {
        let inputs = [
            fixture("demo/销售部客户.xlsx"),
            fixture("demo/crm_export.csv"),
            fixture("demo/老客户_GBK.csv"),
        ];
        let inputs: Vec<&str> = inputs.iter().map(String::as_str).collect();
        self.clean(&inputs, &[])
    }

    pub fn report(&self) -> serde_json::Value {
        let text = std::fs::read_to_string(self.path("out/report.json")).expect("report.json");
        serde_json::from_str(&text).expect("report.json is JSON")
    }

    /// A sheet of out/master.xlsx as rows of text.
    pub fn sheet(&self, name: &str) -> Sheet {
        read_sheet(&self.path("out/master.xlsx"), name)
    }
}

/// A sheet read back: header and rows, cells as text.
pub struct Sheet {
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

impl Sheet {
    pub fn col(&self, key: &str) -> usize {
        self.header
            .iter()
            .position(|h| h == key)
            .unwrap_or_else(|| panic!("no column {key:?} in {:?}", self.header))
    }

    /// The values of one column.
    pub fn column(&self, key: &str) -> Vec<String> {
        let c = self.col(key);
        self.rows
            .iter()
            .map(|r| r.get(c).cloned().unwrap_or_default())
            .collect()
    }

    /// The first row whose `key` column equals `value`.
    pub fn find(&self, key: &str, value: &str) -> &Vec<String> {
        let c = self.col(key);
        self.rows
            .iter()
            .find(|r| r.get(c).map(String::as_str) == Some(value))
            .unwrap_or_else(|| panic!("no row with {key} = {value:?}"))
    }

    pub fn get<'a>(&self, row: &'a [String], key: &str) -> &'a str {
        row.get(self.col(key)).map_or("", String::as_str)
    }
}

pub fn read_sheet(path: &Path, name: &str) -> Sheet {
    let mut book = open_workbook_auto(path).expect("open master.xlsx");
    let range = book
        .worksheet_range(name)
        .unwrap_or_else(|e| panic!("sheet {name}: {e}"));
    let mut rows: Vec<Vec<String>> = range.rows().map(|r| r.iter().map(text).collect()).collect();
    let header = if rows.is_empty() { Vec::new() } else { rows.remove(0) };
    Sheet { header, rows }
}

fn text(d: &Data) -> String {
    match d {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Float(f) if f.fract() == 0.0 => format!("{f:.0}"),
        Data::Float(f) => f.to_string(),
        Data::Int(i) => i.to_string(),
        other => other.to_string(),
    }
}

/// The XML of one part of an xlsx (`xl/worksheets/sheet1.xml`): what Excel will see.
pub fn xlsx_part(path: &Path, name: &str) -> String {
    use std::io::Read;
    let mut archive = zip::ZipArchive::new(std::fs::File::open(path).expect("open xlsx")).expect("xlsx is a zip");
    let mut part = archive
        .by_name(name)
        .unwrap_or_else(|_| panic!("no {name} in {}", path.display()));
    let mut text = String::new();
    part.read_to_string(&mut text).expect("part is text");
    text
}

/// Sheet names of a workbook, in order.
pub fn sheet_names(path: &Path) -> Vec<String> {
    open_workbook_auto(path).expect("open workbook").sheet_names()
}

pub fn fixture(rel: &str) -> String {
    format!("fixtures/{rel}")
}

/// Writes a copy of a call sheet (`Calls`) with an outcome, call date and caller filled
/// in on the rows whose name `said` knows, as a call team would.
pub fn fill_call_sheet(calls: &Sheet, said: &dyn Fn(&str) -> Option<&'static str>, date: &str, path: &Path) {
    let mut book = rust_xlsxwriter::Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name("Calls").unwrap();
    for (c, h) in calls.header.iter().enumerate() {
        ws.write_string(0, c as u16, h).unwrap();
    }
    for (r, row) in calls.rows.iter().enumerate() {
        let line = r as u32 + 1;
        for (c, v) in row.iter().enumerate() {
            ws.write_string(line, c as u16, v).unwrap();
        }
        if let Some(outcome) = said(calls.get(row, "name")) {
            ws.write_string(line, calls.col("outcome") as u16, outcome).unwrap();
            ws.write_string(line, calls.col("call_date") as u16, date).unwrap();
            ws.write_string(line, calls.col("caller") as u16, "小刘").unwrap();
        }
    }
    book.save(path).unwrap();
}

/// Saves a copy of a workbook, every sheet as text, with the cells `edit` changes: what
/// a person does who opens the master, types into it and saves it.
pub fn resave(from: &Path, to: &Path, edit: &dyn Fn(&str, &Sheet, usize, &str) -> Option<String>) {
    let mut book = rust_xlsxwriter::Workbook::new();
    for name in sheet_names(from) {
        let sheet = read_sheet(from, &name);
        let ws = book.add_worksheet();
        ws.set_name(&name).unwrap();
        for (c, h) in sheet.header.iter().enumerate() {
            ws.write_string(0, c as u16, h).unwrap();
        }
        for (r, row) in sheet.rows.iter().enumerate() {
            for c in 0..sheet.header.len().max(row.len()) {
                let old = row.get(c).map_or("", String::as_str);
                let key = sheet.header.get(c).map_or("", String::as_str);
                let value = edit(&name, &sheet, r, key).unwrap_or_else(|| old.to_string());
                ws.write_string(r as u32 + 1, c as u16, &value).unwrap();
            }
        }
    }
    book.save(to).unwrap();
}

/// SplitMix64: a small seeded generator, the same on every machine, for tests that
/// generate their inputs.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}
