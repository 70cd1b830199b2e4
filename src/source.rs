//! Where documents come from: the articles bundled into the binary, folders of files, the file
//! opened, and (in src/source/) archives. A source answers by title; the library asks every
//! source.

pub mod bundled;
pub mod file;
pub mod folder;
pub mod one_file;
pub mod search;
pub mod zim;

use crate::format::Format;
use std::ops::ControlFlow;

/// One document's raw bytes and where they came from.
#[derive(Debug, Clone)]
pub struct Document {
    /// A path, or `bundled:NAME`.
    pub name: String,
    pub bytes: Vec<u8>,
    /// A reader forced for this document (`--from`), else detected.
    pub format: Option<Format>,
    /// What the reader should be told about where it came from (a live wiki's redirect
    /// followed, an offline copy's date), carried into the reading's warnings.
    pub warnings: Vec<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum SourceError {
    #[error("{path} : {error}")]
    File {
        path: String,
        error: file::FileError,
    },
    #[error("{0}")]
    Broken(String),
}

/// A title asked of a source: as the reader wrote it, which a live wiki fetches (MediaWiki
/// titles are case-sensitive past the first letter), and its key (`text::title_key`), which
/// sources that index their titles compare.
#[derive(Debug, Clone, Copy)]
pub struct Wanted<'a> {
    pub title: &'a str,
    pub key: &'a str,
}

/// Whether a source holds a title, as far as it can tell without reading the document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Presence {
    Present,
    Absent,
    /// Only fetching would tell (a live wiki, whose links say in the article's HTML whether
    /// their page exists): the library asks for the documents when it opens the title.
    Unknown,
}

/// A set of documents addressed by title. Sources are shared with the thread that searches
/// them. The shape fits local sources, which index every title (the bundled articles, a folder,
/// an archive), and remote ones, which cannot list their titles or answer "do you have X" for
/// every link (a live wiki):
/// - `contains` is cheap and never fetches: a remote source answers `Unknown`;
/// - `documents` is asked for every source that did not answer `Absent`, and may find none;
///   the library may ask it without asking `contains` first;
/// - listing (`titles`, `each_title`) is optional: a source that cannot list keeps the
///   defaults, lists nothing and is searched through `titles_starting_with` alone.
pub trait Source: Send + Sync {
    /// Where the source is, for messages.
    fn name(&self) -> String;
    /// Every title, sorted, each once; None when the source cannot list its titles.
    fn titles(&self) -> Option<Vec<String>> {
        None
    }
    /// Every title, in the source's order, handed to `each` as it is read, until `each` says
    /// to stop: a large archive is listed and searched without holding all its titles.
    fn each_title(&self, each: &mut dyn FnMut(String) -> ControlFlow<()>) -> ControlFlow<()> {
        for title in self.titles().unwrap_or_default() {
            each(title)?;
        }
        ControlFlow::Continue(())
    }
    /// Up to `limit` titles whose title key starts with `key`, found through an index without
    /// reading every title; `None` when the source has no such index.
    fn titles_starting_with(&self, _key: &str, _limit: usize) -> Option<Vec<String>> {
        None
    }
    /// Whether a document with this title is here, without reading (or fetching) it.
    fn contains(&self, wanted: Wanted) -> Presence;
    /// Every document with this title; none when the source turns out not to have it.
    fn documents(&self, wanted: Wanted) -> Result<Vec<Document>, SourceError>;
    /// Facts about the source for an info view (an archive's Title, Language, Date, Creator…).
    fn info(&self) -> Vec<(String, String)> {
        Vec::new()
    }
    /// What indexing the source passed over (a folder's FIFOs, devices, link loops…), in one
    /// line for the person to be told; None when nothing was, or the index is not built yet.
    fn skipped(&self) -> Option<String> {
        None
    }
    /// The article to open when the source itself is the target (an archive's main page, a
    /// folder's first article by title, a wiki's main page).
    fn main_title(&self) -> Option<String> {
        self.titles()?.into_iter().next()
    }
}
