//! Panics inside a reader: a damaged or hostile file can make a format library panic
//! (an index out of range, a slice past its end). Here such a panic is caught and turned
//! into an error that names the file (and the sheet being read), so that it stops the
//! run cleanly or is skipped with `--keep-going`, never killing the whole run.
//!
//! The panic hook stays quiet for a caught panic (no "thread panicked at" on stderr):
//! the error message says what happened instead. Panics elsewhere print as before.

use std::cell::Cell;
use std::panic::{self, AssertUnwindSafe};
use std::sync::Once;

thread_local! {
    /// Depth of `catch` calls on this thread: a panic here is expected and caught.
    static CATCHING: Cell<u32> = const { Cell::new(0) };
}

static QUIET_HOOK: Once = Once::new();

/// Runs `f`; a panic inside it comes back as `Err` with the panic's message.
pub fn catch<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    install_quiet_hook();
    CATCHING.with(|c| c.set(c.get() + 1));
    let result = panic::catch_unwind(AssertUnwindSafe(f));
    CATCHING.with(|c| c.set(c.get() - 1));
    result.map_err(|payload| panic_message(payload.as_ref()))
}

/// Wraps the current panic hook once: it is skipped while a `catch` is running on the
/// panicking thread, and called as before otherwise.
fn install_quiet_hook() {
    QUIET_HOOK.call_once(|| {
        let previous = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if CATCHING.with(|c| c.get()) == 0 {
                previous(info);
            }
        }));
    });
}

/// The text of a panic payload (`panic!("...")` gives a `&str` or a `String`).
fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_string()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "unknown failure".to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_comes_back_as_its_message() {
        let v: Vec<u32> = Vec::new();
        let err = catch(|| v[999_999]).unwrap_err();
        assert!(err.contains("index out of bounds"), "{err}");
        assert_eq!(catch(|| 7).unwrap(), 7);
        let err = catch(|| panic!("bad {}", "record")).unwrap_err();
        assert_eq!(err, "bad record");
    }
}
