//! What arrives on the event loop's one channel: the terminal's events and the workers' results.

use super::loader::Opened;
use super::revalidate::Revalidated;
use super::search_worker::{Batch, TextResults};
use crate::wiki::languages::Language;
use crossterm::event::Event;
use std::io;

#[derive(Debug)]
pub enum Message {
    /// A terminal event, or why none could be read.
    Input(io::Result<Event>),
    /// Load `generation` reads from this source (its name).
    LoadingFrom { generation: u64, from: String },
    /// Load `generation` is done (boxed: a page is large beside a key).
    Loaded {
        generation: u64,
        opened: Box<Opened>,
    },
    /// What asking after a cached wiki page came to (boxed: a page is large beside a key).
    Revalidated(Box<Revalidated>),
    /// Some titles found for a title search.
    Found(Batch),
    /// Full-text search `generation` asks these wikis (their origins, for the status line).
    TextSearching { generation: u64, wikis: String },
    /// What full-text search `generation` found.
    FoundText { generation: u64, found: TextResults },
    /// The other languages of the page read from `sources`, or why they are not known.
    Languages {
        sources: Vec<String>,
        found: Result<Vec<Language>, String>,
    },
    /// A worker thread panicked (its name and the panic's message).
    WorkerFailed(String),
}
