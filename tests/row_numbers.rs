//! Every data row of a delimited text is read once, at the line a text editor shows it
//! on, whatever its line ends (LF, CRLF, CR or mixed), quoted line breaks, title rows,
//! blank lines, a stray quote, or where the parallel chunks are cut. Generated lists are
//! read through the library (`read_text_in_chunks` with small chunks), not the binary.

use std::path::Path;
use std::sync::{Arc, LazyLock};

use proptest::prelude::*;
use rollcall::read::{delimited, mapping::Mapper};
use rollcall::record::file_read::{FileRead, Format};
use rollcall::record::Field;
use rollcall::rules::Rules;

/// The line ends a file is written with.
#[derive(Debug, Clone, Copy)]
enum Ends {
    Lf,
    Crlf,
    Cr,
    /// Each line end picked from the three.
    Mixed,
}

/// The remark column of a data row.
#[derive(Debug, Clone, Copy)]
enum Remark {
    Empty,
    Plain,
    /// Quoted, with a delimiter inside.
    Comma,
    /// Quoted, with a line break inside.
    Broken,
    /// Quoted, with an escaped quote inside.
    Escaped,
    /// A quote that opens a cell and never closes.
    Stray,
}

/// One line (or more, for a quoted line break) of the file under the header.
#[derive(Debug, Clone, Copy)]
enum Line {
    /// A data row; without a name and phone it is rejected, but still accounted for.
    Data {
        named: bool,
        phone: bool,
        remark: Remark,
    },
    Blank,
    /// Delimiters only: an empty row, not data.
    OnlyDelimiters,
}

#[derive(Debug, Clone)]
struct Case {
    ends: Ends,
    /// Picks for mixed line ends, used in turn.
    picks: Vec<u8>,
    titles: usize,
    lines: Vec<Line>,
    final_end: bool,
    chunk_bytes: usize,
}

/// A data row written: the line it starts on, and its name if it has one.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Expected {
    line: u32,
    name: Option<String>,
}

/// Writes a case's text; returns it with the rows expected and the line of the stray
/// quote's row, if any.
fn render(case: &Case) -> (String, Vec<Expected>, Option<u32>) {
    let mut turn = 0usize;
    let mut end = || {
        let pick = match case.ends {
            Ends::Lf => 0,
            Ends::Crlf => 1,
            Ends::Cr => 2,
            Ends::Mixed => case.picks[turn % case.picks.len()] % 3,
        };
        turn += 1;
        ["\n", "\r\n", "\r"][pick as usize]
    };
    let mut text = String::new();
    for _ in 0..case.titles {
        text.push_str("2023年客户名单");
        text.push_str(end());
    }
    text.push_str("姓名,手机,备注");
    let mut rows = Vec::new();
    let mut stray = None;
    for (i, line) in case.lines.iter().enumerate() {
        text.push_str(end());
        let start = text.len();
        match *line {
            Line::Blank => {}
            Line::OnlyDelimiters => text.push_str(",,"),
            Line::Data { named, phone, remark } => {
                let name = named.then(|| format!("客户{i}"));
                text.push_str(name.as_deref().unwrap_or(""));
                text.push(',');
                if phone {
                    text.push_str(&format!("139{i:08}"));
                }
                text.push(',');
                let cell = match remark {
                    Remark::Empty => String::new(),
                    Remark::Plain => "老客户".to_string(),
                    Remark::Comma => "\"老客户,转介绍\"".to_string(),
                    Remark::Broken => format!("\"第一行{}第二行\"", end()),
                    Remark::Escaped => "\"说\"\"好\"\"\"".to_string(),
                    Remark::Stray => "\"未闭合的备注".to_string(),
                };
                text.push_str(&cell);
                let line = editor_line(&text, start);
                if matches!(remark, Remark::Stray) {
                    stray = Some(line);
                }
                if named || phone || !cell.is_empty() {
                    rows.push(Expected { line, name });
                }
            }
        }
    }
    if case.final_end {
        text.push_str(end());
    }
    (text, rows, stray)
}

/// The editor line of the byte at `byte`: `\r\n`, `\n` and `\r` each end one line
/// (counted here independently of the reader's own counter).
fn editor_line(text: &str, byte: usize) -> u32 {
    let mut line = 1;
    let mut chars = text[..byte].chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\n' || (c == '\r' && chars.peek() != Some(&'\n')) {
            line += 1;
        }
    }
    line
}

/// The default rules' column mapper, built once.
static MAPPER: LazyLock<Mapper> = LazyLock::new(|| Mapper::new(&Rules::defaults().column_aliases));

fn read(dir: &Path, text: &str, chunk_bytes: usize) -> FileRead {
    let path = dir.join("list.csv");
    std::fs::write(&path, text).unwrap();
    delimited::read_text_in_chunks(&path, Arc::from("list.csv"), Format::Csv, &MAPPER, chunk_bytes).unwrap()
}

/// Every row read (records and rejected rows), as Lineage lists them.
fn rows_read(file: &mut FileRead) -> Vec<Expected> {
    let mut rows = Vec::new();
    for sheet in &mut file.sheets {
        for r in sheet.take_records() {
            rows.push(Expected {
                line: r.origin.row,
                name: r.raw_value(Field::Name).map(str::to_string),
            });
        }
        rows.extend(sheet.rejected.iter().map(|r| Expected {
            line: r.origin.row,
            name: None,
        }));
    }
    rows.sort();
    rows
}

fn remark() -> impl Strategy<Value = Remark> {
    prop_oneof![
        3 => Just(Remark::Empty),
        3 => Just(Remark::Plain),
        1 => Just(Remark::Comma),
        2 => Just(Remark::Broken),
        1 => Just(Remark::Escaped),
    ]
}

fn line() -> impl Strategy<Value = Line> {
    prop_oneof![
        8 => (any::<bool>(), any::<bool>(), remark()).prop_map(|(named, phone, remark)| Line::Data { named, phone, remark }),
        1 => Just(Line::Blank),
        1 => Just(Line::OnlyDelimiters),
    ]
}

fn ends() -> impl Strategy<Value = Ends> {
    prop_oneof![Just(Ends::Lf), Just(Ends::Crlf), Just(Ends::Cr), Just(Ends::Mixed)]
}

/// A case, with a stray quote in at most one data row.
fn case() -> impl Strategy<Value = Case> {
    (
        ends(),
        prop::collection::vec(any::<u8>(), 1..16),
        0usize..3,
        prop::collection::vec(line(), 0..80),
        any::<bool>(),
        prop_oneof![1usize..64, 64usize..512, Just(delimited::CHUNK_BYTES)],
        prop::option::of(any::<prop::sample::Index>()),
    )
        .prop_map(|(ends, picks, titles, mut lines, final_end, chunk_bytes, stray)| {
            if let (Some(at), false) = (stray, lines.is_empty()) {
                let i = at.index(lines.len());
                lines[i] = Line::Data {
                    named: true,
                    phone: true,
                    remark: Remark::Stray,
                };
            }
            Case {
                ends,
                picks,
                titles,
                lines,
                final_end,
                chunk_bytes,
            }
        })
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 256,
        failure_persistence: None,
        rng_seed: proptest::test_runner::RngSeed::Fixed(10),
        ..ProptestConfig::default()
    })]

    #[test]
    fn every_row_is_read_once_at_its_editor_line(case in case()) {
        let (text, mut expected, stray) = render(&case);
        let dir = tempfile::tempdir().unwrap();
        let mut file = read(dir.path(), &text, case.chunk_bytes);
        expected.sort();
        prop_assert_eq!(rows_read(&mut file), expected, "text: {:?}", text);
        prop_assert!(file.warnings.len() <= 1, "{:?}", file.warnings);
        if let Some(w) = file.warnings.first() {
            let row = stray.map(|l| format!("list.csv: row {l}: a stray quote"));
            prop_assert_eq!(Some(w.split(" (\"").next().unwrap().to_string()), row);
        }
    }
}

#[test]
fn a_large_crlf_file_split_into_chunks_keeps_every_row_number() {
    // The file of issue #10: 120,000 rows with CRLF, past one parallel chunk.
    let mut text = String::from("姓名,手机,备注\r\n");
    for i in 0..120_000 {
        text.push_str(&format!("客户{i},139{i:08},备注内容比较长一些以便超过分块大小\r\n"));
    }
    assert!(text.len() > delimited::CHUNK_BYTES);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.csv");
    std::fs::write(&path, &text).unwrap();
    let mut file = rollcall::read::read_file(&path, &MAPPER).unwrap();
    let rows: Vec<u32> = rows_read(&mut file).iter().map(|r| r.line).collect();
    let expected: Vec<u32> = (2..=120_001).collect();
    assert_eq!(rows.len(), expected.len());
    assert!(rows == expected, "each of lines 2..=120001 once");
}
