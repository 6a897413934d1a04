//! The output directory of `clean -o DIR`, all or nothing: a reader of DIR sees one
//! complete run or the one before it.
//!
//! - One run at a time: a run holds an exclusive `flock` on `DIR/.rollcall.lock` from
//!   start to end; a second run refuses at once, naming the directory and the run that
//!   holds it.
//! - Every output is written into a staging directory `DIR/.rollcall-staging-RUN`,
//!   created new (never through a planted link), each file created new with
//!   `O_NOFOLLOW` and fsynced when written.
//! - Then the run is committed: a marker `DIR/.rollcall-commit` naming the staging
//!   directory, the old manifest removed, each file renamed into place, the manifest
//!   `DIR/.rollcall-run.json` (run id, times, files and sizes) last, the directory
//!   fsynced, the marker and staging directory removed.
//! - A run killed before its commit leaves a staging directory, which the next run
//!   removes; one killed during its commit leaves the marker, and the next run finishes
//!   moving its files. Either way the next run says so in its notes.
//! - Ctrl-C or SIGTERM removes the staging directory ([`super::interrupt`]).

use std::fs::{File, OpenOptions};
use std::io::{Read, Write};
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt};
use std::os::unix::io::AsRawFd;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::interrupt;
use crate::error::Error;

/// The lock file a run holds.
pub const LOCK: &str = ".rollcall.lock";
/// The manifest of the run whose files are in the directory, written last.
pub const MANIFEST: &str = ".rollcall-run.json";
/// Present while a run moves its files into place: names its staging directory.
pub const COMMIT: &str = ".rollcall-commit";
/// Staging directories are named this and the run id.
pub const STAGING_PREFIX: &str = ".rollcall-staging-";

/// `ROLLCALL_STOP_AFTER_MOVES=N` makes a run abort after moving N files into place, as a
/// kill at that moment would; for the tests of recovery.
const STOP_AFTER_MOVES: &str = "ROLLCALL_STOP_AFTER_MOVES";

/// What `.rollcall-run.json` says: which run wrote the files beside it.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Manifest {
    pub run_id: String,
    pub started: String,
    pub finished: String,
    pub files: Vec<ManifestFile>,
}

/// One file of a run, with its size in bytes.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct ManifestFile {
    pub name: String,
    pub size: u64,
}

/// A file written into the staging directory, not yet in the manifest.
pub struct Staged {
    file: ManifestFile,
    target: PathBuf,
}

/// An output directory held by this run.
pub struct OutDir {
    dir: PathBuf,
    /// Held open for the run: closing it releases the lock.
    _lock: File,
    staging: PathBuf,
    run_id: String,
    started: String,
    inputs: Vec<PathBuf>,
    files: Vec<ManifestFile>,
    /// True once the commit marker is in place: from then on the staging directory is
    /// the next run's to finish, never removed.
    committing: bool,
    /// True when this run made the directory: a run that ends without committing then
    /// takes it away again, so a failed run leaves nothing.
    created: bool,
    /// True once the files are in place.
    committed: bool,
    /// What was found and repaired when the directory was opened.
    pub notes: Vec<String>,
}

impl OutDir {
    /// Takes `dir` for this run: creates it, locks it, repairs what an interrupted run
    /// left, and makes a fresh staging directory. `inputs` are never written over.
    pub fn open(dir: &Path, inputs: &[PathBuf]) -> Result<OutDir, Error> {
        let created = std::fs::symlink_metadata(dir).is_err();
        std::fs::create_dir_all(dir).map_err(|e| write_error(dir, e))?;
        let run_id = new_run_id();
        let started = utc_now();
        let lock = take_lock(dir, &run_id, &started)?;
        let notes = recover(dir)?;
        let staging = dir.join(format!("{STAGING_PREFIX}{run_id}"));
        std::fs::DirBuilder::new()
            .mode(0o700)
            .create(&staging)
            .map_err(|e| write_error(&staging, e))?;
        interrupt::watch(&staging);
        Ok(OutDir {
            dir: dir.to_path_buf(),
            _lock: lock,
            staging,
            run_id,
            started,
            inputs: inputs.to_vec(),
            files: Vec::new(),
            committing: false,
            created,
            committed: false,
            notes,
        })
    }

    /// This run's id: `20261206T160512Z-4711-9f2c`, time, process and a random part.
    pub fn run_id(&self) -> &str {
        &self.run_id
    }

    /// Writes the output `name`: `fill` gets the path it will have in the directory (for
    /// messages) and a new file in the staging directory, and hands the file back when
    /// done; it is then fsynced. Refuses a name that is an input.
    pub fn write(
        &mut self,
        name: &str,
        fill: impl FnOnce(&Path, File) -> Result<File, Error>,
    ) -> Result<PathBuf, Error> {
        let staged = self.stage(name, fill)?;
        Ok(self.add(staged))
    }

    /// Writes the output `name` into the staging directory as [`OutDir::write`] does, but
    /// leaves it out of the manifest until [`OutDir::add`]: several threads can stage
    /// files at once, and the manifest still lists them in the order they are added.
    pub fn stage(&self, name: &str, fill: impl FnOnce(&Path, File) -> Result<File, Error>) -> Result<Staged, Error> {
        let target = self.dir.join(name);
        if super::is_input(&target, &self.inputs) {
            return Err(Error::OutputIsInput { path: target });
        }
        let file = create_new(&self.staging.join(name))?;
        let file = fill(&target, file)?;
        file.sync_all().map_err(|e| write_error(&target, e))?;
        let size = file.metadata().map_err(|e| write_error(&target, e))?.len();
        Ok(Staged {
            file: ManifestFile {
                name: name.to_string(),
                size,
            },
            target,
        })
    }

    /// Puts a staged file in the manifest; returns the path it will have.
    pub fn add(&mut self, staged: Staged) -> PathBuf {
        self.files.push(staged.file);
        staged.target
    }

    /// Moves every file written into place, the manifest last; returns their paths.
    pub fn commit(mut self) -> Result<Vec<PathBuf>, Error> {
        let manifest = Manifest {
            run_id: self.run_id.clone(),
            started: self.started.clone(),
            finished: utc_now(),
            files: self.files.clone(),
        };
        let text = serde_json::to_string_pretty(&manifest).map_err(|e| write_error(&self.dir, e.into()))?;
        write_new(&self.staging.join(MANIFEST), text.as_bytes())?;
        write_new(&self.staging.join(COMMIT), staging_name(&self.staging).as_bytes())?;
        sync_dir(&self.staging)?;
        let mut pending = interrupt::pending();
        rename(&self.staging.join(COMMIT), &self.dir.join(COMMIT))?;
        self.committing = true;
        sync_dir(&self.dir)?;
        finish_moves(&self.dir, &self.staging, &manifest)?;
        interrupt::forget_in(&mut pending, &self.staging);
        drop(pending);
        self.committed = true;
        Ok(manifest.files.iter().map(|f| self.dir.join(&f.name)).collect())
    }
}

impl Drop for OutDir {
    /// A run that ends without committing (an error) leaves nothing: its staging
    /// directory goes. After a commit it is gone already; a commit that failed half way
    /// leaves its marker and staging directory for the next run to finish.
    fn drop(&mut self) {
        let mut pending = interrupt::pending();
        if !self.committing {
            interrupt::remove(&self.staging);
        }
        interrupt::forget_in(&mut pending, &self.staging);
        if self.created && !self.committing && !self.committed {
            let _ = std::fs::remove_file(self.dir.join(LOCK));
            let _ = std::fs::remove_dir(&self.dir);
        }
    }
}

/// The moves of a commit, from wherever they stopped: the old manifest removed, each
/// file still in the staging directory renamed into place, the manifest, then the
/// marker and the staging directory removed.
fn finish_moves(dir: &Path, staging: &Path, manifest: &Manifest) -> Result<(), Error> {
    let new_manifest = staging.join(MANIFEST);
    if new_manifest.exists() {
        remove_if_there(&dir.join(MANIFEST))?;
    }
    let stop_after: Option<usize> = std::env::var(STOP_AFTER_MOVES).ok().and_then(|v| v.parse().ok());
    for (moved, f) in manifest.files.iter().enumerate() {
        if stop_after == Some(moved) {
            std::process::abort();
        }
        let from = staging.join(&f.name);
        if from.exists() {
            rename(&from, &dir.join(&f.name))?;
        }
    }
    if new_manifest.exists() {
        rename(&new_manifest, &dir.join(MANIFEST))?;
    }
    sync_dir(dir)?;
    remove_if_there(&dir.join(COMMIT))?;
    interrupt::remove(staging);
    sync_dir(dir)
}

/// Repairs what an interrupted run left in `dir`: finishes a commit that was under way,
/// removes staging directories of runs that never committed. Returns a note for each.
fn recover(dir: &Path) -> Result<Vec<String>, Error> {
    let mut notes = Vec::new();
    let marker = dir.join(COMMIT);
    let committing = read_marker(&marker);
    if let Some(name) = &committing {
        let staging = dir.join(name);
        match read_manifest(&staging.join(MANIFEST)) {
            Some(m) if staging.is_dir() => {
                finish_moves(dir, &staging, &m)?;
                notes.push(format!(
                    "{}: run {} was stopped while moving its files into place; its move was finished",
                    dir.display(),
                    m.run_id
                ));
            }
            _ => {
                // The manifest was moved already: only the cleanup was left.
                remove_if_there(&marker)?;
                interrupt::remove(&staging);
            }
        }
    } else if std::fs::symlink_metadata(&marker).is_ok() {
        remove_if_there(&marker)?;
    }
    for name in leftover_staging(dir) {
        interrupt::remove(&dir.join(&name));
        notes.push(format!(
            "{}: removed the unfinished files of run {}, which was stopped before they were complete",
            dir.display(),
            name.trim_start_matches(STAGING_PREFIX)
        ));
    }
    Ok(notes)
}

/// The staging directory a commit marker names, if it is a plain file naming one.
fn read_marker(marker: &Path) -> Option<String> {
    let meta = std::fs::symlink_metadata(marker).ok()?;
    if !meta.is_file() {
        return None;
    }
    let name = std::fs::read_to_string(marker).ok()?;
    let name = name.trim();
    let valid = name.starts_with(STAGING_PREFIX) && !name.contains(['/', '\\']) && name != STAGING_PREFIX;
    valid.then(|| name.to_string())
}

fn read_manifest(path: &Path) -> Option<Manifest> {
    let meta = std::fs::symlink_metadata(path).ok()?;
    if !meta.is_file() {
        return None;
    }
    serde_json::from_str(&std::fs::read_to_string(path).ok()?).ok()
}

/// The manifest of the run whose files are in `dir`, if it has one.
pub fn manifest_of(dir: &Path) -> Option<Manifest> {
    read_manifest(&dir.join(MANIFEST))
}

/// Names of staging directories in `dir` (real directories, not links).
fn leftover_staging(dir: &Path) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    entries
        .flatten()
        .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
        .filter_map(|e| e.file_name().into_string().ok())
        .filter(|n| n.starts_with(STAGING_PREFIX))
        .collect()
}

/// Takes the directory's lock, or says which run holds it.
fn take_lock(dir: &Path, run_id: &str, started: &str) -> Result<File, Error> {
    let path = dir.join(LOCK);
    let mut file = OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .mode(0o644)
        .custom_flags(libc::O_NOFOLLOW | libc::O_CLOEXEC)
        .open(&path)
        .map_err(|e| write_error(&path, e))?;
    // SAFETY: flock on a descriptor this function owns; no memory is shared.
    let rc = unsafe { libc::flock(file.as_raw_fd(), libc::LOCK_EX | libc::LOCK_NB) };
    if rc != 0 {
        let e = std::io::Error::last_os_error();
        if e.raw_os_error() == Some(libc::EWOULDBLOCK) {
            let mut other = String::new();
            let _ = file.read_to_string(&mut other);
            return Err(Error::Busy {
                dir: dir.to_path_buf(),
                other: other.trim().to_string(),
            });
        }
        return Err(write_error(&path, e));
    }
    let about = format!("run {run_id}, process {}, started {started}\n", std::process::id());
    file.set_len(0).map_err(|e| write_error(&path, e))?;
    file.write_all(about.as_bytes()).map_err(|e| write_error(&path, e))?;
    Ok(file)
}

/// A file created new: fails if anything, a link included, has the name.
pub fn create_new(path: &Path) -> Result<File, Error> {
    OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o644)
        .custom_flags(libc::O_NOFOLLOW | libc::O_CLOEXEC)
        .open(path)
        .map_err(|e| write_error(path, e))
}

fn write_new(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    let mut file = create_new(path)?;
    file.write_all(bytes).map_err(|e| write_error(path, e))?;
    file.sync_all().map_err(|e| write_error(path, e))
}

fn rename(from: &Path, to: &Path) -> Result<(), Error> {
    std::fs::rename(from, to).map_err(|e| write_error(to, e))
}

fn remove_if_there(path: &Path) -> Result<(), Error> {
    match std::fs::remove_file(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(write_error(path, e)),
        _ => Ok(()),
    }
}

/// Makes the directory's entries (renames, new files) durable.
pub fn sync_dir(dir: &Path) -> Result<(), Error> {
    File::open(dir)
        .and_then(|d| d.sync_all())
        .map_err(|e| write_error(dir, e))
}

fn staging_name(staging: &Path) -> String {
    staging
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default()
}

fn write_error(path: &Path, source: std::io::Error) -> Error {
    Error::Write {
        path: path.to_path_buf(),
        source,
    }
}

/// A run id no other run has: the UTC time, the process id and 32 random bits.
fn new_run_id() -> String {
    let stamp: String = utc_now().chars().filter(|c| c.is_ascii_alphanumeric()).collect();
    format!("{stamp}-{}-{:08x}", std::process::id(), random_u32())
}

/// 32 bits from the standard library's per-process random hash keys.
pub fn random_u32() -> u32 {
    use std::hash::{BuildHasher, Hasher};
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write_u128(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos()),
    );
    h.finish() as u32
}

/// Now, as `2026-12-06T16:05:12Z`.
pub fn utc_now() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    utc_time(secs)
}

/// Seconds since 1970 as `YYYY-MM-DDThh:mm:ssZ` (the civil calendar from days, as in
/// Howard Hinnant's `civil_from_days`).
fn utc_time(secs: u64) -> String {
    let days = (secs / 86_400) as i64;
    let rem = secs % 86_400;
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_are_utc_calendar_dates() {
        assert_eq!(utc_time(0), "1970-01-01T00:00:00Z");
        assert_eq!(utc_time(951_782_400), "2000-02-29T00:00:00Z");
        assert_eq!(utc_time(1_796_573_112), "2026-12-06T16:05:12Z");
    }

    #[test]
    fn a_failed_run_leaves_nothing() {
        let dir = tempfile::tempdir().unwrap();
        {
            let mut out = OutDir::open(dir.path(), &[]).unwrap();
            out.write("a.txt", |_, mut f| {
                f.write_all(b"a").unwrap();
                Ok(f)
            })
            .unwrap();
            let failed = out.write("b.txt", |path, _| {
                Err(write_error(path, std::io::Error::other("disk full")))
            });
            assert!(failed.is_err());
        }
        let left: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .flatten()
            .map(|e| e.file_name().into_string().unwrap())
            .collect();
        assert_eq!(left, vec![LOCK.to_string()]);
    }

    #[test]
    fn a_failed_run_takes_away_the_directory_it_made() {
        let parent = tempfile::tempdir().unwrap();
        let dir = parent.path().join("out");
        drop(OutDir::open(&dir, &[]).unwrap());
        assert!(!dir.exists());
    }

    #[test]
    fn a_commit_moves_every_file_and_the_manifest_last() {
        let dir = tempfile::tempdir().unwrap();
        let mut out = OutDir::open(dir.path(), &[]).unwrap();
        let id = out.run_id().to_string();
        for name in ["a.txt", "b.txt"] {
            out.write(name, |_, mut f| {
                f.write_all(name.as_bytes()).unwrap();
                Ok(f)
            })
            .unwrap();
        }
        let written = out.commit().unwrap();
        assert_eq!(written, vec![dir.path().join("a.txt"), dir.path().join("b.txt")]);
        let m = manifest_of(dir.path()).unwrap();
        assert_eq!(m.run_id, id);
        assert_eq!(m.files.iter().map(|f| f.size).collect::<Vec<_>>(), vec![5, 5]);
        assert!(leftover_staging(dir.path()).is_empty());
        assert!(!dir.path().join(COMMIT).exists());
    }

    #[test]
    fn a_second_run_is_refused_while_the_first_holds_the_directory() {
        let dir = tempfile::tempdir().unwrap();
        let first = OutDir::open(dir.path(), &[]).unwrap();
        let Err(Error::Busy { other, .. }) = OutDir::open(dir.path(), &[]) else {
            panic!("the second run was not refused");
        };
        assert!(other.contains(first.run_id()), "{other}");
        drop(first);
        assert!(OutDir::open(dir.path(), &[]).is_ok());
    }

    #[test]
    fn a_planted_link_is_never_written_through() {
        let dir = tempfile::tempdir().unwrap();
        let victim = dir.path().join("victim.txt");
        std::fs::write(&victim, "input").unwrap();
        let link = dir.path().join("link");
        std::os::unix::fs::symlink(&victim, &link).unwrap();
        assert!(create_new(&link).is_err());
        assert_eq!(std::fs::read_to_string(&victim).unwrap(), "input");
    }
}
