//! What rollcall prints to the terminal. `println!` panics when the reader has gone
//! (`rollcall inspect big.xlsx | head`); here a closed pipe, or any failure to print,
//! ends the printing quietly and the command runs to its end with its own exit code.
//!
//! Progress bars and spinners ([`bar`], [`spinner`]) show only when standard error is a
//! terminal, so logs and pipes get plain lines and no control characters. `--quiet`
//! ([`set_quiet`]) silences them and every [`say`]; [`error`] always prints.

use std::io::{IsTerminal, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use indicatif::{MultiProgress, ProgressBar, ProgressStyle};

static STDOUT_GONE: AtomicBool = AtomicBool::new(false);
static STDERR_GONE: AtomicBool = AtomicBool::new(false);
static QUIET: AtomicBool = AtomicBool::new(false);

/// `--quiet`: from now on, no progress and nothing from [`say`]; errors still print.
pub fn set_quiet(quiet: bool) {
    QUIET.store(quiet, Ordering::Relaxed);
}

/// True when progress is drawn: standard error is a terminal and `--quiet` is off.
pub fn shows_progress() -> bool {
    !QUIET.load(Ordering::Relaxed) && std::io::stderr().is_terminal()
}

/// Every bar and spinner drawn, so that two at once (a CSV written beside the workbook)
/// each keep a line of their own.
fn shown(bar: ProgressBar) -> ProgressBar {
    static ALL: std::sync::OnceLock<MultiProgress> = std::sync::OnceLock::new();
    ALL.get_or_init(MultiProgress::new).add(bar)
}

/// A progress bar of `len` steps on standard error, saying `message`; hidden when
/// progress is not shown.
pub fn bar(len: u64, message: impl Into<String>) -> ProgressBar {
    if !shows_progress() {
        return ProgressBar::hidden();
    }
    let bar = shown(ProgressBar::new(len));
    if let Ok(style) = ProgressStyle::with_template("{msg} [{bar:30}] {percent}% {eta}") {
        bar.set_style(style.progress_chars("=> "));
    }
    bar.set_message(message.into());
    bar.enable_steady_tick(Duration::from_millis(200));
    bar
}

/// A spinner on standard error for work whose length is unknown, saying `message`;
/// hidden when progress is not shown.
pub fn spinner(message: impl Into<String>) -> ProgressBar {
    if !shows_progress() {
        return ProgressBar::hidden();
    }
    let bar = shown(ProgressBar::new_spinner());
    if let Ok(style) = ProgressStyle::with_template("{spinner} {msg} ({elapsed})") {
        bar.set_style(style);
    }
    bar.set_message(message.into());
    bar.enable_steady_tick(Duration::from_millis(120));
    bar
}

/// The time each stage of a run took, in order, for the line that ends the run.
#[derive(Debug, Default)]
pub struct Timings {
    stages: Vec<(&'static str, Duration)>,
}

impl Timings {
    /// Runs `work` under a spinner saying `message`, and records its time as `stage`.
    pub fn stage<T>(&mut self, stage: &'static str, message: &str, work: impl FnOnce() -> T) -> T {
        let spin = spinner(message);
        let start = Instant::now();
        let out = work();
        self.add(stage, start.elapsed());
        spin.finish_and_clear();
        out
    }

    /// Records `took` for `stage`, added to its earlier time if it ran before.
    pub fn add(&mut self, stage: &'static str, took: Duration) {
        match self.stages.iter_mut().find(|(s, _)| *s == stage) {
            Some((_, t)) => *t += took,
            None => self.stages.push((stage, took)),
        }
    }

    /// `read 1.0 s, normalize 4.1 s, ...`.
    pub fn line(&self) -> String {
        self.stages
            .iter()
            .map(|(s, t)| format!("{s} {:.1} s", t.as_secs_f64()))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// Prints `text` on standard output as it is.
pub fn out(text: &str) {
    write_to(&mut std::io::stdout().lock(), &STDOUT_GONE, text);
}

/// Prints `line` and a line end on standard output.
pub fn out_line(line: &str) {
    out(&format!("{line}\n"));
}

/// Prints `line` and a line end on standard error, unless `--quiet`.
pub fn say(line: &str) {
    if QUIET.load(Ordering::Relaxed) {
        return;
    }
    error(line);
}

/// Prints `line` and a line end on standard error, even with `--quiet`: for errors.
pub fn error(line: &str) {
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

    #[test]
    fn timings_add_up_a_stage_that_runs_twice_and_keep_their_order() {
        let mut t = Timings::default();
        t.add("read", Duration::from_millis(1500));
        t.add("match", Duration::from_millis(200));
        t.add("read", Duration::from_millis(500));
        let took = t.stage("write", "writing", || 7);
        assert_eq!(took, 7);
        assert!(
            t.line().starts_with("read 2.0 s, match 0.2 s, write 0.0 s"),
            "{}",
            t.line()
        );
    }
}
