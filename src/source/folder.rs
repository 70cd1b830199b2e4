//! A folder of article files (and its subfolders), indexed by the titles the files carry.
//! Whatever the folder holds, indexing opens regular files only, follows a link only to a
//! regular file or to a folder not read yet, and reads a bounded head of each file.

mod walk;

use super::file::{self, FileError, FileId};
use super::{Document, Presence, Source, SourceError, Wanted};
use crate::format;
use crate::text::title_key;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

pub struct Folder {
    root: PathBuf,
    /// A file the library read already (the one opened from the command line): not indexed.
    known: Option<FileId>,
    /// Built on first use.
    index: OnceLock<Index>,
}

struct Index {
    /// (title, title key, path), sorted by title key.
    entries: Vec<(String, String, PathBuf)>,
    /// What the walk and the title peeks passed over, in one line.
    skipped: Option<String>,
}

impl Folder {
    pub fn new(root: impl Into<PathBuf>) -> Folder {
        Folder::without(root, None)
    }

    /// The folder without the file `known`, which the library holds already.
    pub fn without(root: impl Into<PathBuf>, known: Option<FileId>) -> Folder {
        Folder {
            root: root.into(),
            known,
            index: OnceLock::new(),
        }
    }

    fn index(&self) -> &Index {
        self.index.get_or_init(|| {
            let mut walk = walk::article_files(&self.root, self.known);
            let mut entries: Vec<(String, String, PathBuf)> = Vec::new();
            for path in walk.files.drain(..) {
                match file_title(&path) {
                    Ok(Some(title)) => entries.push((title.clone(), title_key(&title), path)),
                    Ok(None) => {}
                    Err(FileError::NotRegular(kind)) => walk.skipped.count(kind),
                    Err(FileError::TooLarge(_)) => walk.skipped.too_large += 1,
                    Err(FileError::Io(_)) => walk.skipped.unreadable += 1,
                }
            }
            // By key, so that lookups are binary searches (the browser asks for every link).
            entries.sort_by(|a, b| (&a.1, &a.0, &a.2).cmp(&(&b.1, &b.0, &b.2)));
            Index {
                entries,
                skipped: walk.skipped.summary(&self.root),
            }
        })
    }

    /// The index entries whose title key is `key`.
    fn entries_with_key(&self, key: &str) -> &[(String, String, PathBuf)] {
        let index = &self.index().entries;
        let start = index.partition_point(|(_, k, _)| k.as_str() < key);
        let end = start + index[start..].partition_point(|(_, k, _)| k == key);
        &index[start..end]
    }
}

/// The title of an article file: from its head where that tells, else from reading it all.
/// None for a file that is no text document.
fn file_title(path: &Path) -> Result<Option<String>, FileError> {
    let name = path.to_string_lossy();
    let head = file::read_head(path, format::PEEK_BYTES)?;
    if let Some(title) = format::peek_title(&head, &name) {
        return Ok(Some(title));
    }
    // The whole document reads as binary exactly when its head does: no need to read it.
    if format::looks_binary(&head) {
        return Ok(None);
    }
    let bytes = file::read_document(path)?;
    Ok(format::read(bytes, &name, None)
        .ok()
        .map(|reading| reading.article.title))
}

impl Source for Folder {
    fn name(&self) -> String {
        self.root.display().to_string()
    }

    fn titles(&self) -> Option<Vec<String>> {
        let mut titles: Vec<String> = self
            .index()
            .entries
            .iter()
            .map(|(t, _, _)| t.clone())
            .collect();
        titles.dedup_by(|a, b| title_key(a) == title_key(b));
        Some(titles)
    }

    fn contains(&self, wanted: Wanted) -> Presence {
        if self.entries_with_key(wanted.key).is_empty() {
            Presence::Absent
        } else {
            Presence::Present
        }
    }

    /// The folder's path and how many articles and files it holds, for the info view.
    fn info(&self) -> Vec<(String, String)> {
        vec![
            ("Path".to_string(), self.root.display().to_string()),
            (
                "Articles".to_string(),
                self.titles().unwrap_or_default().len().to_string(),
            ),
            ("Files".to_string(), self.index().entries.len().to_string()),
        ]
    }

    fn documents(&self, wanted: Wanted) -> Result<Vec<Document>, SourceError> {
        self.entries_with_key(wanted.key)
            .iter()
            .map(|(_, _, path)| {
                let bytes = file::read_document(path).map_err(|error| SourceError::File {
                    path: path.display().to_string(),
                    error,
                })?;
                Ok(Document {
                    name: path.display().to_string(),
                    bytes,
                    format: None,
                    warnings: Vec::new(),
                })
            })
            .collect()
    }

    fn skipped(&self) -> Option<String> {
        self.index.get().and_then(|index| index.skipped.clone())
    }
}
