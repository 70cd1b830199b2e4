//! A damaged cache file is renamed aside, never deleted (the reader may want to look at it),
//! with its write-ahead log and shared-memory index, so that the new database does not pick
//! up the old one's log.

use std::io;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

/// Which file a path named when it was opened: if another process has already set it aside
/// and started afresh, the new file is not set aside again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Identity {
    device: u64,
    inode: u64,
}

impl Identity {
    pub fn of(path: &Path) -> Option<Identity> {
        std::fs::metadata(path).ok().map(|meta| Identity {
            device: meta.dev(),
            inode: meta.ino(),
        })
    }
}

/// Renames `path` (and its `-wal` and `-shm`) to `path.corrupt-<unix time>`, unless the file
/// at `path` is no longer the one that was opened. Returns the new name when it renamed.
pub fn set_aside(path: &Path, opened: Option<Identity>) -> io::Result<Option<PathBuf>> {
    let now = Identity::of(path);
    if now.is_none() || (opened.is_some() && now != opened) {
        return Ok(None);
    }
    let seconds = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |elapsed| elapsed.as_secs());
    let aside = free_name(path, seconds);
    std::fs::rename(path, &aside)?;
    for suffix in ["-wal", "-shm"] {
        let from = with_suffix(path, suffix);
        match std::fs::rename(&from, with_suffix(&aside, suffix)) {
            Err(error) if error.kind() != io::ErrorKind::NotFound => return Err(error),
            _ => {}
        }
    }
    Ok(Some(aside))
}

/// `path.corrupt-SECONDS`, or `…-SECONDS.N` when that is taken (two set asides in a second).
fn free_name(path: &Path, seconds: u64) -> PathBuf {
    let base = with_suffix(path, &format!(".corrupt-{seconds}"));
    let mut candidate = base.clone();
    let mut n = 1;
    while candidate.exists() || with_suffix(&candidate, "-wal").exists() {
        candidate = with_suffix(&base, &format!(".{n}"));
        n += 1;
    }
    candidate
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_file_and_its_log_move_together() -> io::Result<()> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("pages.sqlite");
        std::fs::write(&path, b"garbage")?;
        std::fs::write(with_suffix(&path, "-wal"), b"log")?;
        let opened = Identity::of(&path);
        let aside = set_aside(&path, opened)?.ok_or(io::ErrorKind::NotFound)?;
        assert!(!path.exists());
        assert_eq!(std::fs::read(&aside)?, b"garbage");
        assert_eq!(std::fs::read(with_suffix(&aside, "-wal"))?, b"log");
        // A second damaged file in the same second gets a name of its own.
        std::fs::write(&path, b"more garbage")?;
        let again = set_aside(&path, None)?.ok_or(io::ErrorKind::NotFound)?;
        assert_ne!(again, aside);
        assert_eq!(std::fs::read(&again)?, b"more garbage");
        Ok(())
    }

    #[test]
    fn a_file_replaced_meanwhile_stays() -> io::Result<()> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("pages.sqlite");
        std::fs::write(&path, b"old")?;
        let opened = Identity::of(&path);
        std::fs::rename(&path, dir.path().join("elsewhere"))?;
        std::fs::write(&path, b"new")?;
        assert_eq!(set_aside(&path, opened)?, None);
        assert_eq!(std::fs::read(&path)?, b"new");
        Ok(())
    }
}
