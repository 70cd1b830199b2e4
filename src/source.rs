//! Where documents come from: the articles bundled into the binary, folders of files, and
//! (in src/source/) archives. A source answers by title; the library asks every source.

pub mod bundled;
pub mod file;
pub mod folder;
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

/// A set of documents addressed by title. Titles are compared with `text::title_key`. Sources
/// are shared with the thread that searches them.
pub trait Source: Send + Sync {
    /// Where the source is, for messages.
    fn name(&self) -> String;
    /// Every title, sorted, each once.
    fn titles(&self) -> Vec<String>;
    /// Every title, in the source's order, handed to `each` as it is read, until `each` says
    /// to stop: a large archive is listed and searched without holding all its titles.
    fn each_title(&self, each: &mut dyn FnMut(String) -> ControlFlow<()>) -> ControlFlow<()> {
        for title in self.titles() {
            each(title)?;
        }
        ControlFlow::Continue(())
    }
    /// Up to `limit` titles whose title key starts with `key`, found through an index without
    /// reading every title; `None` when the source has no such index.
    fn titles_starting_with(&self, _key: &str, _limit: usize) -> Option<Vec<String>> {
        None
    }
    /// True when a document with this title key is here.
    fn contains(&self, key: &str) -> bool;
    /// Every document with this title key.
    fn documents(&self, key: &str) -> Result<Vec<Document>, SourceError>;
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
    /// folder's first article by title).
    fn main_title(&self) -> Option<String> {
        self.titles().into_iter().next()
    }
}
