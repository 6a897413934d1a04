//! What every fuzz target does: the input's bytes become a file with the reader's
//! extension, read through `read_file`, the entry point the CLI uses for each input.
//! An error is a fine outcome; a panic escaping, an abort or too much memory is a crash.

use std::path::PathBuf;
use std::sync::OnceLock;

use rollcall::read::{mapping::Mapper, read_file};
use rollcall::rules::Rules;

fn mapper() -> &'static Mapper {
    static MAPPER: OnceLock<Mapper> = OnceLock::new();
    MAPPER.get_or_init(|| Mapper::new(&Rules::defaults().column_aliases))
}

fn scratch(ext: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("rollcall-fuzz-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir.join(format!("input.{ext}"))
}

/// Reads `data` as a file named `input.EXT`.
pub fn read_as(ext: &str, data: &[u8]) {
    let path = scratch(ext);
    std::fs::write(&path, data).expect("write temp input");
    let _ = read_file(&path, mapper());
}
