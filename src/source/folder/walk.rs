//! Listing a folder's article files: regular files only, links followed only to a regular file
//! or a folder not read yet, a bounded depth and number of entries; what was passed over is
//! counted so that it can be said once.

use crate::source::file::{FileId, Kind, file_id};
use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

/// How deep subfolders are searched.
const MAX_DEPTH: usize = 4;
/// How many files are indexed at most.
const MAX_FILES: usize = 100_000;
/// How many folder entries are looked at at most (files, folders and everything else).
const MAX_ENTRIES: usize = 1_000_000;

/// The article files found, and what was passed over.
pub struct Walk {
    pub files: Vec<PathBuf>,
    pub skipped: Skipped,
}

/// What a walk (or the title peeks after it) passed over, by reason.
#[derive(Default)]
pub struct Skipped {
    /// FIFOs, sockets, devices and other special files, never opened.
    special: BTreeMap<Kind, usize>,
    /// Folders reached a second time (a link loop, or two links to one folder).
    pub repeated_folders: usize,
    /// Documents larger than folio reads.
    pub too_large: usize,
    /// Entries that could not be listed, followed or opened (a dangling link, no permission).
    pub unreadable: usize,
    /// The limit the walk stopped at, if it did.
    stopped_at: Option<String>,
}

impl Skipped {
    /// Counts an entry passed over for what it is.
    pub fn count(&mut self, kind: Kind) {
        *self.special.entry(kind).or_default() += 1;
    }

    /// One line: `skipped 3 entries in d: 1 FIFO, 2 devices`; None when nothing was skipped.
    pub fn summary(&self, root: &Path) -> Option<String> {
        let mut parts: Vec<String> = self
            .special
            .iter()
            .map(|(kind, &count)| format!("{count} {}", kind.name(count)))
            .collect();
        let mut part = |count: usize, one: &str, many: &str| {
            if count > 0 {
                parts.push(format!("{count} {}", if count == 1 { one } else { many }));
            }
        };
        part(
            self.repeated_folders,
            "link to a folder already read",
            "links to folders already read",
        );
        part(self.too_large, "file too large", "files too large");
        part(self.unreadable, "unreadable entry", "unreadable entries");
        let total = self.special.values().sum::<usize>()
            + self.repeated_folders
            + self.too_large
            + self.unreadable;
        let root = root.display();
        let skipped = (total > 0).then(|| {
            let entries = if total == 1 { "entry" } else { "entries" };
            format!("skipped {total} {entries} in {root}: {}", parts.join(", "))
        });
        match (skipped, &self.stopped_at) {
            (None, None) => None,
            (Some(skipped), None) => Some(skipped),
            (None, Some(limit)) => Some(format!("read {root} only up to {limit}")),
            (Some(skipped), Some(limit)) => Some(format!("{skipped}; stopped at {limit}")),
        }
    }
}

/// The files under `root` worth reading as articles: regular files, no hidden files, no
/// archives, at most `MAX_DEPTH` folders down; `known` (a file read already) is left out.
pub fn article_files(root: &Path, known: Option<FileId>) -> Walk {
    let mut walk = Walk {
        files: Vec::new(),
        skipped: Skipped::default(),
    };
    let mut read_folders: HashSet<FileId> = HashSet::new();
    let mut seen_files: HashSet<FileId> = known.into_iter().collect();
    let mut entries_seen = 0;
    // Folders reached through a link wait until the real ones are read, so that a folder is
    // listed under its own path whenever the walk reaches it both ways.
    let mut folders = vec![(root.to_path_buf(), 0)];
    let mut linked_folders = Vec::new();
    'walk: while let Some((folder, depth)) = folders.pop().or_else(|| linked_folders.pop()) {
        let Ok(metadata) = std::fs::metadata(&folder) else {
            walk.skipped.unreadable += 1;
            continue;
        };
        if !read_folders.insert(file_id(&metadata)) {
            walk.skipped.repeated_folders += 1;
            continue;
        }
        let Ok(listing) = std::fs::read_dir(&folder) else {
            walk.skipped.unreadable += 1;
            continue;
        };
        let mut entries = Vec::new();
        for entry in listing {
            if entries_seen >= MAX_ENTRIES {
                walk.skipped.stopped_at = Some(format!("the limit of {MAX_ENTRIES} entries"));
                break;
            }
            entries_seen += 1;
            match entry.and_then(|entry| Ok((entry.path(), entry.file_type()?))) {
                Ok(entry) => entries.push(entry),
                Err(_) => walk.skipped.unreadable += 1,
            }
        }
        // Links after the entries they may point to, so that a file keeps its own name.
        entries.sort_by(|(a, a_type), (b, b_type)| {
            (a_type.is_symlink(), a).cmp(&(b_type.is_symlink(), b))
        });
        for (path, file_type) in entries {
            let hidden = path
                .file_name()
                .is_some_and(|name| name.as_encoded_bytes().starts_with(b"."));
            if hidden {
                continue;
            }
            let linked = file_type.is_symlink();
            // The link's target, read without opening it.
            let metadata = match std::fs::metadata(&path) {
                Ok(metadata) => metadata,
                Err(_) => {
                    walk.skipped.unreadable += 1;
                    continue;
                }
            };
            match Kind::of(metadata.file_type()) {
                Kind::Folder if depth < MAX_DEPTH => {
                    let pending = if linked {
                        &mut linked_folders
                    } else {
                        &mut folders
                    };
                    pending.push((path, depth + 1));
                }
                Kind::Folder => {}
                Kind::Regular => {
                    if !is_article_file(&path) || !seen_files.insert(file_id(&metadata)) {
                        continue;
                    }
                    if walk.files.len() >= MAX_FILES {
                        walk.skipped.stopped_at = Some(format!("the limit of {MAX_FILES} files"));
                        break 'walk;
                    }
                    walk.files.push(path);
                }
                kind => walk.skipped.count(kind),
            }
        }
        if walk.skipped.stopped_at.is_some() {
            break;
        }
    }
    walk
}

fn is_article_file(path: &Path) -> bool {
    let extension = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase());
    !matches!(
        extension.as_deref(),
        Some("zim" | "gz" | "zip" | "png" | "jpg" | "jpeg" | "gif" | "svg" | "pdf" | "lock")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_summary_is_one_line_naming_each_reason() {
        let root = Path::new("d");
        let mut skipped = Skipped::default();
        assert_eq!(skipped.summary(root), None);
        skipped.count(Kind::Device);
        skipped.count(Kind::Fifo);
        skipped.count(Kind::Device);
        assert_eq!(
            skipped.summary(root).as_deref(),
            Some("skipped 3 entries in d: 1 FIFO, 2 devices")
        );
        skipped.repeated_folders = 1;
        skipped.unreadable = 2;
        skipped.too_large = 1;
        skipped.stopped_at = Some(format!("the limit of {MAX_FILES} files"));
        assert_eq!(
            skipped.summary(root).as_deref(),
            Some(
                "skipped 7 entries in d: 1 FIFO, 2 devices, 1 link to a folder already read, \
                 1 file too large, 2 unreadable entries; stopped at the limit of 100000 files"
            )
        );
        let only_stopped = Skipped {
            stopped_at: Some(format!("the limit of {MAX_ENTRIES} entries")),
            ..Skipped::default()
        };
        assert_eq!(
            only_stopped.summary(root).as_deref(),
            Some("read d only up to the limit of 1000000 entries")
        );
    }
}
