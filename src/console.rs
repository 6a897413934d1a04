//! What rollcall prints to the terminal. `println!` panics when the reader has gone
//! (`rollcall inspect big.xlsx | head`); here a closed pipe, or any failure to print,
//! ends the printing quietly and the command runs to its end with its own exit code.

use std::io::Write;
use std::sync::atomic::{AtomicBool, Ordering};

static STDOUT_GONE: AtomicBool = AtomicBool::new(false);
static STDERR_GONE: AtomicBool = AtomicBool::new(false);

/// Prints `text` on standard output as it is.
pub fn out(text: &str) {
    write_to(&mut std::io::stdout().lock(), &STDOUT_GONE, text);
}

/// Prints `line` and a line end on standard output.
pub fn out_line(line: &str) {
    out(&format!("{line}\n"));
}

/// Prints `line` and a line end on standard error.
pub fn say(line: &str) {
    write_to(&mut std::io::stderr().lock(), &STDERR_GONE, &format!("{line}\n"));
}

/// Writes and flushes, unless an earlier write found the stream gone; a failed write
/// marks it gone.
fn write_to(stream: &mut impl Write, gone: &AtomicBool, text: &str) {
    if gone.load(Ordering::Relaxed) {
        return;
    }
    if stream.write_all(text.as_bytes()).and_then(|()| stream.flush()).is_err() {
        gone.store(true, Ordering::Relaxed);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A stream whose reader has gone.
    struct Closed(usize);

    impl Write for Closed {
        fn write(&mut self, _: &[u8]) -> std::io::Result<usize> {
            self.0 += 1;
            Err(std::io::ErrorKind::BrokenPipe.into())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn a_closed_stream_is_given_up_quietly() {
        let gone = AtomicBool::new(false);
        let mut closed = Closed(0);
        write_to(&mut closed, &gone, "one\n");
        write_to(&mut closed, &gone, "two\n");
        assert!(gone.load(Ordering::Relaxed));
        assert_eq!(closed.0, 1, "nothing is tried after the first failure");
    }
}
