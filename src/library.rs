//! The library: every place folio looks up titles in (the bundled articles, `--library`
//! folders and archives, the folder of the file opened), and opening an article from it:
//! all documents of a title merged, redirects followed.

mod aim;
mod merge;
mod wikis;

pub use aim::{Aim, aim};
pub use wikis::TextFound;

pub use merge::merge;

use crate::article::Article;
use crate::format::{self, Format, ReadError, Reading};
use crate::source::bundled::Bundled;
use crate::source::file::{self, FileError, FileId, Kind};
use crate::source::folder::Folder;
use crate::source::one_file::OneFile;
use crate::source::search::{self, Results};
use crate::source::zim::{self, Zim};
use crate::source::{Document, Presence, Source, SourceError, Wanted};
use crate::text::title_key;
use std::collections::HashSet;
use std::ffi::OsStr;
use std::hash::{BuildHasher, RandomState};
use std::ops::ControlFlow;
use std::path::Path;
use std::sync::Mutex;

/// How many redirects are followed before giving up (a loop or a chain).
const MAX_REDIRECTS: usize = 5;

#[derive(Debug, thiserror::Error)]
pub enum LibraryError {
    #[error("{0} : no such file, and no article of that title in the library")]
    NotFound(String),
    #[error("{name} : {error}")]
    Read { name: String, error: ReadError },
    #[error("{0}")]
    Source(#[from] SourceError),
    /// With what the folder's walk skipped, if anything: it may be why nothing was found.
    #[error("{folder} : no articles found in this folder{}", skipped.as_ref().map(|line| format!(" ({line})")).unwrap_or_default())]
    EmptyFolder {
        folder: String,
        skipped: Option<String>,
    },
    #[error("{path} : {error}")]
    Io { path: String, error: std::io::Error },
    #[error("{0} : a title names an article inside a folder or an archive, not inside a file")]
    TitleInFile(String),
    #[error("{archive} : no article titled \"{title}\" in this archive or the library")]
    NotInArchive { archive: String, title: String },
    #[error("{0} : the archive has no main page and no articles")]
    EmptyArchive(String),
    #[error(transparent)]
    Wiki(#[from] crate::wiki::WikiError),
    #[error(
        "full-text search needs a live wiki: open a wiki's article URL, or start folio with --wiki URL|NAME"
    )]
    NoWiki,
    #[error("{wiki} : folio is offline, and {what} needs the network")]
    Offline { wiki: String, what: &'static str },
}

pub struct Library {
    sources: Vec<Box<dyn Source>>,
    /// The sources whose skipped entries were told already (by position in `sources`); behind
    /// a lock, as the library is shared with the thread that searches it.
    told: Mutex<HashSet<usize>>,
    /// The live wikis named (none until one is: no network before).
    wikis: crate::wiki::Wikis,
}

/// A source's titles, and what listing them passed over.
pub struct Titles {
    pub titles: Vec<String>,
    pub warnings: Vec<String>,
}

impl Default for Library {
    fn default() -> Self {
        Library::new()
    }
}

impl Library {
    /// A library of the bundled articles alone.
    pub fn new() -> Library {
        Library {
            sources: vec![Box::new(Bundled::new())],
            told: Mutex::default(),
            wikis: crate::wiki::Wikis::default(),
        }
    }

    /// Adds a source; its documents join those of the same title already here.
    pub fn add(&mut self, source: Box<dyn Source>) {
        self.sources.push(source);
    }

    /// Adds a `--library PATH`: a folder or an archive.
    pub fn add_path(&mut self, path: &Path) -> Result<(), LibraryError> {
        let name = path.display().to_string();
        if !self.sources.iter().any(|source| source.name() == name) {
            self.add(source_for(path)?);
        }
        Ok(())
    }

    /// The title opened when no target is given: the first bundled article.
    pub fn default_title(&self) -> Option<String> {
        self.sources.first().and_then(|source| source.main_title())
    }

    /// Each source's name and its facts, for an info view.
    pub fn info(&self) -> Vec<(String, Vec<(String, String)>)> {
        self.sources
            .iter()
            .map(|source| (source.name(), source.info()))
            .collect()
    }

    /// Every title the sources can list, sorted, each once.
    pub fn titles(&self) -> Vec<String> {
        let mut titles: Vec<String> = self
            .sources
            .iter()
            .flat_map(|source| source.titles().unwrap_or_default())
            .collect();
        titles.sort_by_key(|t| title_key(t));
        titles.dedup_by(|a, b| title_key(a) == title_key(b));
        titles
    }

    /// Titles matching `query`, best first (see `source::search`).
    pub fn search(&self, query: &str, limit: usize) -> Vec<String> {
        search::search_all(&self.source_list(), query, limit)
    }

    /// The same search, its results handed to `results` in batches as they are found.
    pub fn search_into(&self, query: &str, limit: usize, results: &mut dyn Results) {
        search::search(&self.source_list(), query, limit, results);
    }

    fn source_list(&self) -> Vec<&dyn Source> {
        self.sources.iter().map(|source| source.as_ref()).collect()
    }

    /// What the sources passed over while indexing (a folder's FIFOs, devices, link loops…)
    /// that has not been told yet: each source's line is given once.
    pub fn untold_skips(&self) -> Vec<String> {
        let Ok(mut told) = self.told.lock() else {
            return Vec::new();
        };
        let mut lines = Vec::new();
        for (position, source) in self.sources.iter().enumerate() {
            if !told.contains(&position)
                && let Some(line) = source.skipped()
            {
                told.insert(position);
                lines.push(line);
            }
        }
        lines
    }

    /// Whether some source has the title, or may have it (a source that cannot tell without
    /// fetching): true when opening it may find an article.
    pub fn contains(&self, title: &str) -> bool {
        self.presence(title) != Presence::Absent
    }

    /// Whether some source has the title (`Present`), else whether one may (`Unknown`).
    pub fn presence(&self, title: &str) -> Presence {
        let key = title_key(title);
        let wanted = Wanted { title, key: &key };
        let mut presence = Presence::Absent;
        for source in &self.sources {
            match source.contains(wanted) {
                Presence::Present => return Presence::Present,
                Presence::Unknown => presence = Presence::Unknown,
                Presence::Absent => {}
            }
        }
        presence
    }

    /// The name of the first source holding `title`: where opening it reads from.
    pub fn source_of(&self, title: &str) -> Option<String> {
        let key = title_key(title);
        let wanted = Wanted { title, key: &key };
        self.sources
            .iter()
            .find(|source| source.contains(wanted) != Presence::Absent)
            .map(|source| source.name())
    }

    /// Opens an article by title: every document of that title, merged; redirects followed.
    pub fn open(&self, title: &str) -> Result<Reading, LibraryError> {
        self.open_with(title, Gathered::default(), None)
    }

    /// Opens `title` with the readings `first` gathered already, from the source at position
    /// `read_from` (not asked again for them).
    fn open_with(
        &self,
        title: &str,
        first: Gathered,
        mut read_from: Option<usize>,
    ) -> Result<Reading, LibraryError> {
        let mut warnings = Vec::new();
        let mut title = title.to_string();
        let mut gathered = first;
        for _ in 0..=MAX_REDIRECTS {
            let (found, mut missed) = self.documents(&title, read_from.take());
            for document in found {
                gathered.read(document);
            }
            let mut reading = gathered.finish(&title).map_err(|error| match error {
                // A source that failed may be why nothing was found.
                LibraryError::NotFound(_) if !missed.is_empty() => missed.remove(0).into(),
                error => error,
            })?;
            warnings.extend(missed.iter().map(ToString::to_string));
            warnings.append(&mut reading.warnings);
            let readers = std::mem::take(&mut reading.readers);
            match reading.article.redirect.clone() {
                Some(target)
                    if self.contains(&target) && title_key(&target) != title_key(&title) =>
                {
                    warnings.push(format!("redirected from {title}"));
                    title = target;
                    gathered = Gathered::default();
                }
                _ => {
                    // Opening asked every source, so every folder's index is built by now.
                    warnings.extend(self.untold_skips());
                    return Ok(Reading {
                        article: reading.article,
                        warnings,
                        readers,
                    });
                }
            }
        }
        Err(LibraryError::NotFound(title))
    }

    /// Every document of `title` the sources give (but the source at position `except`), and
    /// the errors of those that failed (a warning while another document reads). A source is
    /// asked unless it knows it has none.
    fn documents(&self, title: &str, except: Option<usize>) -> (Vec<Document>, Vec<SourceError>) {
        let key = title_key(title);
        let wanted = Wanted { title, key: &key };
        let mut documents = Vec::new();
        let mut errors = Vec::new();
        for (position, source) in self.sources.iter().enumerate() {
            if Some(position) == except || source.contains(wanted) == Presence::Absent {
                continue;
            }
            match source.documents(wanted) {
                Ok(found) => documents.extend(found),
                Err(error) => errors.push(error),
            }
        }
        (documents, errors)
    }

    /// Opens what the command line names: nothing (the bundled article), a folder (with a
    /// title, or its first article), a file (merged with the library's documents of its
    /// title; its folder joins the library), or a title in the library. A path need not be
    /// UTF-8.
    pub fn open_target(
        &mut self,
        target: Option<&OsStr>,
        title: Option<&str>,
        from: Option<Format>,
    ) -> Result<Reading, LibraryError> {
        if let Some(reading) = self.open_wiki_target(target, title)? {
            return Ok(reading);
        }
        let Some(target) = target else {
            let title = self.default_title().unwrap_or_default();
            return self.open(&title);
        };
        let path = Path::new(target);
        let name = path.display().to_string();
        match file::kind_of(path) {
            Some(Kind::Regular) if zim::is_archive(path) => self.open_archive(path, title),
            Some(Kind::Folder) => {
                self.add_path(path)?;
                let title = match title {
                    Some(title) => title.to_string(),
                    // The folder by name: it may have joined before, as a `--library`.
                    None => {
                        let folder = self.sources.iter().find(|source| source.name() == name);
                        match folder.and_then(|folder| folder.main_title()) {
                            Some(title) => title,
                            None => {
                                return Err(LibraryError::EmptyFolder {
                                    skipped: folder.and_then(|folder| folder.skipped()),
                                    folder: name,
                                });
                            }
                        }
                    }
                };
                self.open(&title)
            }
            Some(Kind::Regular) => {
                if title.is_some() {
                    return Err(LibraryError::TitleInFile(name));
                }
                self.open_file(path, from)
            }
            kind => match (target.to_str(), kind) {
                (Some(title), _) if self.contains(title) => self.open(title),
                // The null device holds nothing: the empty document it is, without reading it.
                (_, Some(Kind::Device)) if is_null_device(path) => Err(LibraryError::Read {
                    name,
                    error: ReadError::Empty,
                }),
                // Something is there, but folio never reads a FIFO, socket or device.
                (_, Some(kind)) => Err(SourceError::File {
                    path: name,
                    error: FileError::NotRegular(kind),
                }
                .into()),
                (_, None) => Err(LibraryError::NotFound(name)),
            },
        }
    }

    /// Opens a document file, merged with the library's documents of its title; its folder
    /// joins the library. The file is read and parsed once: its reading gives the title, and
    /// its folder leaves it out.
    fn open_file(&mut self, path: &Path, from: Option<Format>) -> Result<Reading, LibraryError> {
        let name = path.display().to_string();
        let (bytes, id) = read_target(path)?;
        let mut first = Gathered::default();
        first.read(Document {
            name: name.clone(),
            bytes,
            format: from,
            warnings: Vec::new(),
        });
        let title = match (first.articles.first(), first.first_error.take()) {
            (Some(article), _) => article.title.clone(),
            (None, error) => return Err(error.unwrap_or(LibraryError::NotFound(name))),
        };
        // Ahead of its folder, as on this first opening.
        let position = self.sources.len();
        self.add(Box::new(OneFile::new(
            path.to_path_buf(),
            title.clone(),
            from,
        )));
        if let Some(parent) = path.parent() {
            let parent = if parent.as_os_str().is_empty() {
                Path::new(".")
            } else {
                parent
            };
            let folder = parent.display().to_string();
            if !self.sources.iter().any(|source| source.name() == folder) {
                self.add(Box::new(Folder::without(parent, Some(id))));
            }
        }
        self.open_with(&title, first, Some(position))
    }

    /// Opens an archive's main page, or `title` in it; the archive joins the library so that
    /// its links resolve.
    fn open_archive(&mut self, path: &Path, title: Option<&str>) -> Result<Reading, LibraryError> {
        self.add_path(path)?;
        let archive = path.display().to_string();
        let title = match title {
            Some(title) => title.to_string(),
            None => self
                .sources
                .iter()
                .find(|source| source.name() == archive)
                .and_then(|source| source.main_title())
                .ok_or_else(|| LibraryError::EmptyArchive(archive.clone()))?,
        };
        self.open(&title).map_err(|error| match error {
            LibraryError::NotFound(title) => LibraryError::NotInArchive { archive, title },
            other => other,
        })
    }
}

/// The source a path names: a folder or a ZIM archive.
pub fn source_for(path: &Path) -> Result<Box<dyn Source>, LibraryError> {
    if path.is_dir() {
        Ok(Box::new(Folder::new(path)))
    } else if path.is_file() && zim::is_archive(path) {
        Ok(Box::new(Zim::open(path)?))
    } else {
        Err(LibraryError::Io {
            path: path.display().to_string(),
            error: std::io::Error::new(std::io::ErrorKind::NotFound, "not a folder or an archive"),
        })
    }
}

/// The titles `folio list TARGET` prints: a folder's or archive's titles, or a file's own.
pub fn titles_of(target: &OsStr, from: Option<Format>) -> Result<Titles, LibraryError> {
    let mut titles = Vec::new();
    let warnings = each_title_of(target, from, &mut |title| {
        titles.push(title);
        ControlFlow::Continue(())
    })?;
    Ok(Titles { titles, warnings })
}

/// The same titles handed to `each` as they are read, until it says to stop, so that an archive
/// of millions of titles is listed in memory that does not grow with it; then the warnings (what
/// a folder's walk passed over).
pub fn each_title_of(
    target: &OsStr,
    from: Option<Format>,
    each: &mut dyn FnMut(String) -> ControlFlow<()>,
) -> Result<Vec<String>, LibraryError> {
    let path = Path::new(target);
    let name = path.display().to_string();
    if file::kind_of(path) == Some(Kind::Regular) && !zim::is_archive(path) {
        let (bytes, _) = read_target(path)?;
        let _ = each(document_title(&bytes, &name, from)?);
        return Ok(Vec::new());
    }
    let source = source_for(path)?;
    let mut any = false;
    let _ = source.each_title(&mut |title| {
        any = true;
        each(title)
    });
    if !any && path.is_file() {
        return Err(LibraryError::EmptyArchive(name));
    }
    if !any {
        return Err(LibraryError::EmptyFolder {
            folder: name,
            skipped: source.skipped(),
        });
    }
    Ok(source.skipped().into_iter().collect())
}

/// A document named on the command line, read whole (a regular file only, within the cap), and
/// which file it is.
fn read_target(path: &Path) -> Result<(Vec<u8>, FileId), LibraryError> {
    file::read_document_with_id(path).map_err(|error| {
        SourceError::File {
            path: path.display().to_string(),
            error,
        }
        .into()
    })
}

fn is_null_device(path: &Path) -> bool {
    std::fs::canonicalize(path).is_ok_and(|real| real == Path::new("/dev/null"))
}

/// The title of a document named on the command line.
fn document_title(bytes: &[u8], name: &str, from: Option<Format>) -> Result<String, LibraryError> {
    format::title(bytes, name, from).map_err(|error| LibraryError::Read {
        name: name.to_string(),
        error,
    })
}

/// The readings of one title's documents, gathered to be merged. A document that cannot be
/// read is a warning while another one can; an exact copy of one read already is skipped.
#[derive(Default)]
struct Gathered {
    /// A keyed hash of each document read: the same article found twice (a copy in another
    /// folder) is read once, without keeping every document's bytes to compare.
    seen: HashSet<u64>,
    hasher: RandomState,
    articles: Vec<Article>,
    warnings: Vec<String>,
    readers: Vec<(String, Format)>,
    first_error: Option<LibraryError>,
}

impl Gathered {
    /// Reads a document, its bytes handed over to the reader.
    fn read(&mut self, document: Document) {
        if !self.seen.insert(self.hasher.hash_one(&document.bytes)) {
            return;
        }
        let mut told = document.warnings;
        match format::read(document.bytes, &document.name, document.format) {
            Ok(mut reading) => {
                self.warnings.append(&mut told);
                self.warnings.append(&mut reading.warnings);
                self.readers.append(&mut reading.readers);
                self.articles.push(reading.article);
            }
            Err(error) => {
                self.warnings.push(format!("{}: {error}", document.name));
                self.first_error.get_or_insert(LibraryError::Read {
                    name: document.name,
                    error,
                });
            }
        }
    }

    /// The readings merged into one article, or why there is none.
    fn finish(self, title: &str) -> Result<Reading, LibraryError> {
        if self.articles.is_empty() {
            return Err(self
                .first_error
                .unwrap_or_else(|| LibraryError::NotFound(title.to_string())));
        }
        Ok(Reading {
            article: merge(self.articles),
            warnings: self.warnings,
            readers: self.readers,
        })
    }
}
