//! Containers checked before a format library opens them, so that a reader never
//! allocates more than the file can hold:
//!
//! - zip (xlsx, xlsm, xlsb, ods): the central directory's sizes. An entry that unpacks
//!   to far more than it takes in the file, or a total past a sane limit, is a zip bomb
//!   and is refused before anything is unpacked.
//! - compound file (xls): the header, the sector tables and every sector chain the xls
//!   reader follows. A sector number past the end of the file, a chain that loops, or a
//!   length longer than the file would make the reader ask for terabytes or loop for
//!   ever; such a file is refused as damaged.

use std::io::{Read, Seek, SeekFrom};
use std::path::Path;

use crate::error::Error;

/// An entry may unpack to at most this many times its packed size once it is larger
/// than [`RATIO_FROM`].
pub const MAX_RATIO: u64 = 100;
/// Entries up to this size are never refused for their ratio (a small, very regular
/// part such as styles.xml compresses well).
pub const RATIO_FROM: u64 = 16 << 20;
/// At most this much unpacked data in one workbook.
pub const MAX_TOTAL: u64 = 1 << 30;

/// Refuses a zip whose central directory promises a zip bomb.
pub fn check_zip(path: &Path) -> Result<(), Error> {
    let entries = match read_zip_directory(path) {
        Ok(Some(entries)) => entries,
        // No directory found: the zip reader says what is wrong with the file.
        Ok(None) => return Ok(()),
        Err(e) => {
            return Err(Error::Io {
                path: path.to_path_buf(),
                source: e,
            })
        }
    };
    judge_zip(&entries).map_err(|detail| Error::Refused {
        path: path.to_path_buf(),
        detail,
    })
}

/// One central directory entry: its name and sizes.
#[derive(Debug, Clone, PartialEq)]
pub struct ZipEntry {
    pub name: String,
    pub packed: u64,
    pub unpacked: u64,
}

/// Says why a list of entries looks like a zip bomb.
pub fn judge_zip(entries: &[ZipEntry]) -> Result<(), String> {
    let mut total: u64 = 0;
    for e in entries {
        if e.unpacked > RATIO_FROM && e.unpacked > e.packed.saturating_mul(MAX_RATIO) {
            return Err(format!(
                "looks like a zip bomb: {} unpacks to {} from {} ({}:1; at most {}:1 is read)",
                e.name,
                human(e.unpacked),
                human(e.packed),
                e.unpacked / e.packed.max(1),
                MAX_RATIO
            ));
        }
        total = total.saturating_add(e.unpacked);
    }
    if total > MAX_TOTAL {
        return Err(format!(
            "looks like a zip bomb: its parts unpack to {} in all (at most {} is read)",
            human(total),
            human(MAX_TOTAL)
        ));
    }
    Ok(())
}

fn human(bytes: u64) -> String {
    match bytes {
        b if b >= 1 << 30 => format!("{:.1} GB", b as f64 / (1u64 << 30) as f64),
        b if b >= 1 << 20 => format!("{:.1} MB", b as f64 / (1u64 << 20) as f64),
        b if b >= 1 << 10 => format!("{:.1} KB", b as f64 / 1024.0),
        b => format!("{b} bytes"),
    }
}

/// Reads the central directory: `None` when the file has no end-of-directory record.
fn read_zip_directory(path: &Path) -> std::io::Result<Option<Vec<ZipEntry>>> {
    let mut file = std::fs::File::open(path)?;
    let len = file.metadata()?.len();
    // The end record is 22 bytes plus a comment of at most 65535.
    let tail_len = len.min(22 + 65535);
    file.seek(SeekFrom::Start(len - tail_len))?;
    let mut tail = vec![0u8; tail_len as usize];
    file.read_exact(&mut tail)?;
    let Some(eocd) = find_back(&tail, b"PK\x05\x06") else {
        return Ok(None);
    };
    let end = &tail[eocd..];
    if end.len() < 22 {
        return Ok(None);
    }
    let mut count = u64::from(u16_at(end, 10));
    let mut size = u64::from(u32_at(end, 12));
    let mut offset = u64::from(u32_at(end, 16));
    if let Some((c, s, o)) = zip64_end(&mut file, &tail, eocd)? {
        (count, size, offset) = (c, s, o);
    }
    if offset.saturating_add(size) > len {
        // A directory past the end: the zip reader reports the damage.
        return Ok(None);
    }
    file.seek(SeekFrom::Start(offset))?;
    let mut dir = vec![0u8; size as usize];
    file.read_exact(&mut dir)?;
    Ok(Some(parse_entries(&dir, count)))
}

/// The zip64 end record's entry count, directory size and offset, when there is one.
fn zip64_end(file: &mut std::fs::File, tail: &[u8], eocd: usize) -> std::io::Result<Option<(u64, u64, u64)>> {
    if eocd < 20 || &tail[eocd - 20..eocd - 16] != b"PK\x06\x07" {
        return Ok(None);
    }
    let record_at = u64_at(tail, eocd - 20 + 8);
    let len = file.metadata()?.len();
    if record_at.saturating_add(56) > len {
        return Ok(None);
    }
    file.seek(SeekFrom::Start(record_at))?;
    let mut rec = [0u8; 56];
    file.read_exact(&mut rec)?;
    if &rec[0..4] != b"PK\x06\x06" {
        return Ok(None);
    }
    Ok(Some((u64_at(&rec, 32), u64_at(&rec, 40), u64_at(&rec, 48))))
}

/// The entries of a central directory, as far as they can be read.
fn parse_entries(dir: &[u8], count: u64) -> Vec<ZipEntry> {
    let mut entries = Vec::new();
    let mut at = 0usize;
    while (entries.len() as u64) < count && at + 46 <= dir.len() && &dir[at..at + 4] == b"PK\x01\x02" {
        let name_len = usize::from(u16_at(dir, at + 28));
        let extra_len = usize::from(u16_at(dir, at + 30));
        let comment_len = usize::from(u16_at(dir, at + 32));
        let name_end = (at + 46 + name_len).min(dir.len());
        let extra_end = (name_end + extra_len).min(dir.len());
        let mut packed = u64::from(u32_at(dir, at + 20));
        let mut unpacked = u64::from(u32_at(dir, at + 24));
        zip64_sizes(&dir[name_end..extra_end], &mut unpacked, &mut packed);
        entries.push(ZipEntry {
            name: String::from_utf8_lossy(&dir[at + 46..name_end]).into_owned(),
            packed,
            unpacked,
        });
        at = extra_end + comment_len;
    }
    entries
}

/// Replaces sizes saved as 0xFFFFFFFF by the ones in the zip64 extra field.
fn zip64_sizes(extra: &[u8], unpacked: &mut u64, packed: &mut u64) {
    let mut at = 0;
    while at + 4 <= extra.len() {
        let id = u16_at(extra, at);
        let len = usize::from(u16_at(extra, at + 2));
        let body = &extra[at + 4..(at + 4 + len).min(extra.len())];
        if id == 1 {
            let mut pos = 0;
            for size in [unpacked, packed] {
                if *size == 0xFFFF_FFFF && pos + 8 <= body.len() {
                    *size = u64_at(body, pos);
                    pos += 8;
                }
            }
            return;
        }
        at += 4 + len;
    }
}

fn find_back(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).rposition(|w| w == needle)
}

fn u16_at(b: &[u8], at: usize) -> u16 {
    u16::from_le_bytes([b[at], b[at + 1]])
}

fn u32_at(b: &[u8], at: usize) -> u32 {
    u32::from_le_bytes([b[at], b[at + 1], b[at + 2], b[at + 3]])
}

fn u64_at(b: &[u8], at: usize) -> u64 {
    u64::from(u32_at(b, at)) | (u64::from(u32_at(b, at + 4)) << 32)
}

const ENDOFCHAIN: u32 = 0xFFFF_FFFE;
const RESERVED: u32 = 0xFFFF_FFFA;
const DIFSECT: u32 = 0xFFFF_FFFC;

/// The streams the xls reader opens.
const XLS_STREAMS: [&str; 4] = [
    "Workbook",
    "Book",
    "\u{5}SummaryInformation",
    "\u{5}DocumentSummaryInformation",
];

/// Refuses a compound file (xls) whose tables would send the reader past its end.
pub fn check_cfb(path: &Path) -> Result<(), Error> {
    let bytes = std::fs::read(path).map_err(|e| Error::Io {
        path: path.to_path_buf(),
        source: e,
    })?;
    judge_cfb(&bytes).map_err(|why| Error::Corrupt {
        path: path.to_path_buf(),
        detail: format!("compound file: {why}"),
    })
}

/// A compound file's sectors, as the xls reader will see them.
struct Cfb<'a> {
    bytes: &'a [u8],
    size: usize,
    /// Whole sectors after the header.
    count: usize,
}

impl Cfb<'_> {
    fn sector(&self, id: u32) -> Result<&[u8], String> {
        let id = id as usize;
        if id >= self.count {
            return Err(format!(
                "sector {id} is past the end of the file ({} sectors)",
                self.count
            ));
        }
        let start = (id + 1) * self.size;
        Ok(&self.bytes[start..start + self.size])
    }

    /// The sectors of a chain, checked to end within the table and not to loop.
    fn chain(&self, start: u32, table: &[u32], what: &str) -> Result<Vec<u32>, String> {
        let mut ids = Vec::new();
        let mut id = start;
        while id != ENDOFCHAIN {
            if id as usize >= table.len() || id as usize >= self.count {
                return Err(format!(
                    "the {what} chain points past the end of the file (sector {id})"
                ));
            }
            if ids.len() >= table.len() {
                return Err(format!("the {what} chain loops"));
            }
            ids.push(id);
            id = table[id as usize];
        }
        Ok(ids)
    }

    fn bytes_of(&self, ids: &[u32]) -> Result<Vec<u8>, String> {
        let mut out = Vec::with_capacity(ids.len() * self.size);
        for &id in ids {
            out.extend_from_slice(self.sector(id)?);
        }
        Ok(out)
    }
}

/// Says why a compound file would send the xls reader astray.
pub fn judge_cfb(bytes: &[u8]) -> Result<(), String> {
    if bytes.len() < 512 {
        return Err(format!("the header is cut short ({} bytes)", bytes.len()));
    }
    let size = match u16_at(bytes, 30) {
        9 => 512,
        12 => 4096,
        s => return Err(format!("sector size 2^{s} is not 512 or 4096")),
    };
    let cfb = Cfb {
        bytes,
        size,
        count: (bytes.len() / size).saturating_sub(1),
    };
    let fat = read_fat(&cfb)?;
    let dir_ids = cfb.chain(u32_at(bytes, 48), &fat, "directory")?;
    let dirs = cfb.bytes_of(&dir_ids)?;
    let entries: Vec<&[u8]> = dirs.chunks_exact(128).collect();
    let Some(root) = entries.first() else {
        return Err("no directory".to_string());
    };
    let entry_len = |e: &[u8]| -> u64 {
        if size == 512 {
            u64::from(u32_at(e, 120))
        } else {
            u64_at(e, 120)
        }
    };
    let file_len = bytes.len() as u64;
    let mini_fat_len = u32_at(bytes, 64) as usize;
    let mut mini_fat = Vec::new();
    if mini_fat_len > 0 {
        if mini_fat_len > cfb.count || entry_len(root) > file_len {
            return Err("the mini stream is longer than the file".to_string());
        }
        cfb.chain(u32_at(root, 116), &fat, "mini stream")?;
        let ids = cfb.chain(u32_at(bytes, 60), &fat, "mini FAT")?;
        mini_fat = cfb.bytes_of(&ids)?.chunks_exact(4).map(|c| u32_at(c, 0)).collect();
    }
    let mut workbook = None;
    for name in XLS_STREAMS {
        let Some(entry) = entries.iter().find(|e| entry_name(e).eq_ignore_ascii_case(name)) else {
            continue;
        };
        let len = entry_len(entry);
        if len > file_len {
            return Err(format!("stream {name:?} is longer than the file"));
        }
        let start = u32_at(entry, 116);
        let ids = if len < 4096 {
            check_mini_chain(start, &mini_fat, name)?
        } else {
            cfb.chain(start, &fat, name)?
        };
        if workbook.is_none() && (name == "Workbook" || name == "Book") {
            workbook = Some((ids, len as usize));
        }
    }
    match workbook {
        Some((ids, len)) if len >= 4096 => judge_biff(&cfb.bytes_of(&ids)?[..len.min(ids.len() * size)]),
        Some((ids, len)) => {
            let mini = cfb.bytes_of(&cfb.chain(u32_at(root, 116), &fat, "mini stream")?)?;
            let mut stream = Vec::new();
            for id in ids {
                let at = id as usize * 64;
                stream.extend_from_slice(mini.get(at..at + 64).unwrap_or_default());
            }
            stream.truncate(len);
            judge_biff(&stream)
        }
        None => Ok(()),
    }
}

/// Record types that put a value in a cell, each starting with its row and column.
const CELL_RECORDS: [u16; 9] = [0x0203, 0x0204, 0x00D6, 0x0205, 0x027E, 0x00FD, 0x00BD, 0x0006, 0x0201];

/// Refuses a workbook stream whose sheet declares (DIMENSIONS) or spreads its cells over
/// a range far larger than its cells: the xls reader lays that range out in memory.
pub fn judge_biff(stream: &[u8]) -> Result<(), String> {
    let mut sheet = SheetExtent::default();
    let mut at = 0;
    while at + 4 <= stream.len() {
        let typ = u16_at(stream, at);
        let len = usize::from(u16_at(stream, at + 2));
        let data = &stream[at + 4..(at + 4 + len).min(stream.len())];
        at += 4 + len;
        match typ {
            0x0809 => {
                sheet.judge()?;
                sheet = SheetExtent::default();
            }
            0x0200 => sheet.declared = sheet.declared.max(declared_area(data)),
            t if CELL_RECORDS.contains(&t) && data.len() >= 4 => {
                let row = u32::from(u16_at(data, 0));
                let col = u32::from(u16_at(data, 2));
                sheet.add(row, col);
                if t == 0x00BD && data.len() >= 6 {
                    sheet.add(row, u32::from(u16_at(data, data.len() - 2)));
                }
            }
            _ => {}
        }
    }
    sheet.judge()
}

/// One sheet's cells as the xls reader will lay them out.
#[derive(Default)]
struct SheetExtent {
    declared: u64,
    cells: u64,
    lo: (u32, u32),
    hi: (u32, u32),
}

impl SheetExtent {
    fn add(&mut self, row: u32, col: u32) {
        if self.cells == 0 {
            (self.lo, self.hi) = ((row, col), (row, col));
        }
        self.lo = (self.lo.0.min(row), self.lo.1.min(col));
        self.hi = (self.hi.0.max(row), self.hi.1.max(col));
        self.cells += 1;
    }

    fn judge(&self) -> Result<(), String> {
        let spread = if self.cells == 0 {
            0
        } else {
            u64::from(self.hi.0 - self.lo.0 + 1) * u64::from(self.hi.1 - self.lo.1 + 1)
        };
        let area = spread.max(self.declared);
        if area > crate::read::excel::MAX_SPARSE_AREA && area > self.cells.saturating_mul(16) {
            return Err(format!(
                "a sheet's {} cells are spread over {} positions; delete the stray cells far from the data",
                self.cells, area
            ));
        }
        Ok(())
    }
}

/// The number of cells a DIMENSIONS record makes the xls reader reserve, computed as
/// it does (a last row before the first wraps around to a huge count).
fn declared_area(r: &[u8]) -> u64 {
    let (rf, rl, mut cf, cl) = match r.len() {
        10 => (
            u32::from(u16_at(r, 0)),
            u32::from(u16_at(r, 2)),
            u32::from(u16_at(r, 4)),
            u32::from(u16_at(r, 6)),
        ),
        14 | 16 => (
            u32_at(r, 0),
            u32_at(r, 4),
            u32::from(u16_at(r, 8)),
            u32::from(u16_at(r, 10)),
        ),
        _ => return 0,
    };
    if 0xFF < cf || cl < cf {
        cf = 0;
    }
    let (end_r, end_c) = if rl >= 1 && cl >= 1 { (rl - 1, cl - 1) } else { (rf, cf) };
    let rows = u64::from(end_r.wrapping_sub(rf).wrapping_add(1));
    let cols = u64::from(end_c.wrapping_sub(cf).wrapping_add(1));
    rows.saturating_mul(cols)
}

/// The FAT, read through the header's DIFAT and the DIFAT chain as the reader does.
fn read_fat(cfb: &Cfb) -> Result<Vec<u32>, String> {
    let mut difat: Vec<u32> = cfb.bytes[76..512].chunks_exact(4).map(|c| u32_at(c, 0)).collect();
    let mut id = u32_at(cfb.bytes, 68);
    let mut steps = 0;
    while id < RESERVED {
        steps += 1;
        if steps > cfb.count {
            return Err("the DIFAT chain loops".to_string());
        }
        difat.extend(cfb.sector(id)?.chunks_exact(4).map(|c| u32_at(c, 0)));
        id = difat.pop().unwrap_or(ENDOFCHAIN);
    }
    let mut fat = Vec::new();
    for id in difat.into_iter().filter(|id| *id < DIFSECT) {
        fat.extend(cfb.sector(id)?.chunks_exact(4).map(|c| u32_at(c, 0)));
    }
    Ok(fat)
}

/// A small stream's chain in the mini FAT: within the table and not looping.
fn check_mini_chain(start: u32, mini_fat: &[u32], name: &str) -> Result<Vec<u32>, String> {
    let mut ids = Vec::new();
    let mut id = start;
    while id != ENDOFCHAIN {
        if id as usize >= mini_fat.len() {
            return Err(format!("stream {name:?} points past the end of the mini stream"));
        }
        if ids.len() >= mini_fat.len() {
            return Err(format!("stream {name:?} loops"));
        }
        ids.push(id);
        id = mini_fat[id as usize];
    }
    Ok(ids)
}

/// A directory entry's name (UTF-16, up to the first NUL).
fn entry_name(entry: &[u8]) -> String {
    let units: Vec<u16> = entry[..64]
        .chunks_exact(2)
        .map(|c| u16::from_le_bytes([c[0], c[1]]))
        .take_while(|u| *u != 0)
        .collect();
    String::from_utf16_lossy(&units)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(name: &str, packed: u64, unpacked: u64) -> ZipEntry {
        ZipEntry {
            name: name.to_string(),
            packed,
            unpacked,
        }
    }

    #[test]
    fn a_zip_bomb_is_named_by_its_entry() {
        let err = judge_zip(&[entry("xl/sharedStrings.xml", 1 << 20, 1 << 30)]).unwrap_err();
        assert!(
            err.starts_with("looks like a zip bomb: xl/sharedStrings.xml unpacks to 1.0 GB"),
            "{err}"
        );
        // A small, regular part may compress very well.
        assert!(judge_zip(&[entry("xl/styles.xml", 1000, 1 << 20)]).is_ok());
        let many: Vec<ZipEntry> = (0..9).map(|i| entry(&format!("s{i}"), 100 << 20, 200 << 20)).collect();
        assert!(judge_zip(&many).unwrap_err().contains("in all"));
    }

    #[test]
    fn a_short_or_odd_compound_file_is_refused() {
        assert!(judge_cfb(&[0u8; 100]).unwrap_err().contains("cut short"));
        let mut header = vec![0u8; 1024];
        header[30] = 7;
        assert!(judge_cfb(&header).unwrap_err().contains("sector size"));
    }

    #[test]
    fn a_sheet_declared_or_spread_far_past_its_cells_is_refused() {
        let record = |typ: u16, data: &[u8]| {
            let mut r = typ.to_le_bytes().to_vec();
            r.extend((data.len() as u16).to_le_bytes());
            r.extend(data);
            r
        };
        let mut dims = Vec::new();
        for v in [0u32, 0x00FF_FFFF] {
            dims.extend(v.to_le_bytes());
        }
        dims.extend([0, 0, 200, 0, 0, 0]);
        let stream = [record(0x0809, &[0; 16]), record(0x0200, &dims)].concat();
        assert!(judge_biff(&stream).unwrap_err().contains("0 cells"));
        let far = [0xFFu8, 0xFF, 0xFF, 0x00, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
        let near = [0u8; 14];
        let stream = [record(0x0809, &[0; 16]), record(0x0203, &near), record(0x0203, &far)].concat();
        assert!(judge_biff(&stream).unwrap_err().contains("2 cells"));
        let stream = [record(0x0809, &[0; 16]), record(0x0203, &near)].concat();
        assert!(judge_biff(&stream).is_ok());
    }
}
