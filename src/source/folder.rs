//! A folder of article files (and its subfolders), indexed by the titles the files carry.

use super::{Document, Source, SourceError};
use crate::format;
use crate::text::title_key;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// How deep subfolders are searched, and how many files are indexed at most.
const MAX_DEPTH: usize = 4;
const MAX_FILES: usize = 100_000;

pub struct Folder {
    root: PathBuf,
    /// (title, title key, path), sorted by title key; built on first use.
    index: OnceLock<Vec<(String, String, PathBuf)>>,
}

impl Folder {
    pub fn new(root: impl Into<PathBuf>) -> Folder {
        Folder {
            root: root.into(),
            index: OnceLock::new(),
        }
    }

    fn index(&self) -> &[(String, String, PathBuf)] {
        self.index.get_or_init(|| {
            let mut entries: Vec<(String, String, PathBuf)> = article_files(&self.root)
                .into_iter()
                .filter_map(|path| {
                    let title = file_title(&path)?;
                    Some((title.clone(), title_key(&title), path))
                })
                .collect();
            // By key, so that lookups are binary searches (the browser asks for every link).
            entries.sort_by(|a, b| (&a.1, &a.0, &a.2).cmp(&(&b.1, &b.0, &b.2)));
            entries
        })
    }

    /// The index entries whose title key is `key`.
    fn entries_with_key(&self, key: &str) -> &[(String, String, PathBuf)] {
        let index = self.index();
        let start = index.partition_point(|(_, k, _)| k.as_str() < key);
        let end = start + index[start..].partition_point(|(_, k, _)| k == key);
        &index[start..end]
    }
}

/// The title of an article file: from its head where that tells, else from reading it all.
fn file_title(path: &Path) -> Option<String> {
    use std::io::Read;
    let name = path.to_string_lossy();
    let mut head = Vec::new();
    std::fs::File::open(path)
        .ok()?
        .take(format::PEEK_BYTES as u64)
        .read_to_end(&mut head)
        .ok()?;
    format::peek_title(&head, &name).or_else(|| {
        // The head told nothing, so the whole document is read.
        let bytes = std::fs::read(path).ok()?;
        format::read(&bytes, &name, None)
            .ok()
            .map(|reading| reading.article.title)
    })
}

/// The files under `root` worth reading as articles: no hidden files, no archives.
fn article_files(root: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut pending = vec![(root.to_path_buf(), 0)];
    while let Some((dir, depth)) = pending.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        paths.sort();
        for path in paths {
            let hidden = path
                .file_name()
                .is_some_and(|name| name.to_string_lossy().starts_with('.'));
            if hidden || files.len() >= MAX_FILES {
                continue;
            }
            if path.is_dir() {
                if depth < MAX_DEPTH {
                    pending.push((path, depth + 1));
                }
            } else if is_article_file(&path) {
                files.push(path);
            }
        }
    }
    files
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

impl Source for Folder {
    fn name(&self) -> String {
        self.root.display().to_string()
    }

    fn titles(&self) -> Vec<String> {
        let mut titles: Vec<String> = self.index().iter().map(|(t, _, _)| t.clone()).collect();
        titles.dedup_by(|a, b| title_key(a) == title_key(b));
        titles
    }

    fn contains(&self, key: &str) -> bool {
        !self.entries_with_key(key).is_empty()
    }

    fn documents(&self, key: &str) -> Result<Vec<Document>, SourceError> {
        self.entries_with_key(key)
            .iter()
            .map(|(_, _, path)| {
                let bytes = std::fs::read(path).map_err(|error| SourceError::Io {
                    path: path.display().to_string(),
                    error,
                })?;
                Ok(Document {
                    name: path.display().to_string(),
                    bytes,
                    format: None,
                })
            })
            .collect()
    }
}
