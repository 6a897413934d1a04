//! Ctrl-C and SIGTERM while rollcall writes: what is half-written is removed and the
//! process exits 130 (SIGINT) or 143 (SIGTERM). Writers list the paths they are filling
//! (a staging directory, a temporary file) in [`pending`]; a thread waiting for the
//! signals removes them. A writer moving finished files into place holds the list's
//! lock while it does, so an interrupt then waits for the move to end and never leaves
//! a mix of two runs.

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, Once};

use signal_hook::consts::{SIGINT, SIGTERM};
use signal_hook::iterator::Signals;

/// Paths to remove when the process is interrupted.
static PENDING: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

static INSTALL: Once = Once::new();

/// The list of paths to remove on an interrupt, locked: holding it keeps an interrupt
/// waiting.
pub fn pending() -> MutexGuard<'static, Vec<PathBuf>> {
    PENDING.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Removes `path` on an interrupt, from now until [`forget`].
pub fn watch(path: &Path) {
    install();
    pending().push(path.to_path_buf());
}

/// No longer removes `path` on an interrupt.
pub fn forget(path: &Path) {
    forget_in(&mut pending(), path);
}

/// [`forget`], for a caller already holding the list.
pub fn forget_in(list: &mut Vec<PathBuf>, path: &Path) {
    list.retain(|p| p != path);
}

/// Starts the thread that waits for SIGINT and SIGTERM, once. If the handlers cannot be
/// installed the signals keep their default action (the process ends), which is what
/// happened before.
fn install() {
    INSTALL.call_once(|| {
        let Ok(mut signals) = Signals::new([SIGINT, SIGTERM]) else {
            return;
        };
        std::thread::spawn(move || {
            if let Some(signal) = signals.forever().next() {
                let mut list = pending();
                for path in list.drain(..) {
                    remove(&path);
                }
                std::process::exit(128 + signal);
            }
        });
    });
}

/// Removes a file or a directory with what it holds, never following a link; a writer
/// still creating files in the directory may make the first attempts fail.
pub fn remove(path: &Path) {
    for _ in 0..5 {
        let done = match std::fs::symlink_metadata(path) {
            Err(_) => true,
            Ok(m) if m.is_dir() => std::fs::remove_dir_all(path).is_ok(),
            Ok(_) => std::fs::remove_file(path).is_ok(),
        };
        if done {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
}
