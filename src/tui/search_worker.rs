//! Searches off the event loop: a thread takes the latest query. A title search searches the
//! library, then asks the library's wikis, and sends the results back in batches tagged with
//! the query's generation (local titles first, the wikis' appended); a full-text search asks
//! the wikis and sends what they found. All go on the event loop's one channel; a newer query,
//! or closing the search, cancels the search under way between the wikis asked. The event loop
//! hands the results to `App`, which drops those of an older search.

use super::message::Message;
use super::worker;
use crate::app::SEARCH_LIMIT;
use crate::library::{Library, TextFound};
use crate::source::search::Results;
use std::io;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{self, Sender};

/// Some of the titles found for one search.
#[derive(Debug)]
pub struct Batch {
    pub generation: u64,
    pub titles: Vec<String>,
    pub done: bool,
}

/// What a full-text search found (hits and the wikis' problems), or why it could not be made;
/// text made fit for the screen.
pub type TextResults = Result<(Vec<crate::wiki::search::Hit>, Vec<String>), String>;

/// How many pages a full-text search shows.
pub const TEXT_LIMIT: usize = 50;

/// What the worker is asked to search.
enum Request {
    Titles(String),
    Text(String),
}

/// The event loop's end of the worker.
pub struct SearchWorker {
    requests: Sender<(u64, Request)>,
    /// The generation of the newest search asked for: a search of another one stops.
    latest: Arc<AtomicU64>,
}

impl SearchWorker {
    /// Starts the worker on a thread of its own, which ends when the worker is dropped (at the
    /// end of the search under way, which the drop cancels). Batches go to `sender`.
    pub fn start(library: Arc<Library>, sender: Sender<Message>) -> io::Result<SearchWorker> {
        let (requests, asked) = mpsc::channel::<(u64, Request)>();
        let latest = Arc::new(AtomicU64::new(0));
        let cancel = Arc::clone(&latest);
        worker::spawn("folio-search", sender.clone(), move || {
            while let Ok(mut request) = asked.recv() {
                // Only the newest query of those typed meanwhile is worth searching for.
                while let Ok(newer) = asked.try_recv() {
                    request = newer;
                }
                match request {
                    (generation, Request::Titles(query)) => {
                        search_titles(&library, &sender, &cancel, generation, &query);
                    }
                    (generation, Request::Text(query)) => {
                        search_text(&library, &sender, &cancel, generation, &query);
                    }
                }
            }
        })?;
        Ok(SearchWorker { requests, latest })
    }

    /// Searches for `query` as search number `generation`, cancelling the one under way.
    pub fn ask(&self, generation: u64, query: String) {
        self.latest.store(generation, Ordering::Relaxed);
        let _ = self.requests.send((generation, Request::Titles(query)));
    }

    /// Searches the wikis' full text for `query` as search number `generation`, cancelling
    /// the one under way.
    pub fn ask_text(&self, generation: u64, query: String) {
        self.latest.store(generation, Ordering::Relaxed);
        let _ = self.requests.send((generation, Request::Text(query)));
    }

    /// The search under way is no longer wanted: no further wiki is asked for it.
    pub fn cancel(&self) {
        // No search has generation 0: every one asked for is cancelled.
        self.latest.store(0, Ordering::Relaxed);
    }
}

/// A title search: the library's titles, then the wikis'.
fn search_titles(
    library: &Library,
    sender: &Sender<Message>,
    latest: &AtomicU64,
    generation: u64,
    query: &str,
) {
    let mut results = Sending {
        generation,
        latest,
        sender,
        titles: Vec::new(),
    };
    library.search_into(query, SEARCH_LIMIT, &mut results);
    if results.cancelled() {
        return;
    }
    let cancelled = || results.cancelled();
    let more = library.search_wiki_titles(query, SEARCH_LIMIT, &results.titles, &cancelled);
    let mut titles = std::mem::take(&mut results.titles);
    titles.extend(more);
    results.send(&titles, true);
}

/// A full-text search of the wikis: first which wikis are asked, then what they found.
fn search_text(
    library: &Library,
    sender: &Sender<Message>,
    latest: &AtomicU64,
    generation: u64,
    query: &str,
) {
    let cancelled = || latest.load(Ordering::Relaxed) != generation;
    let wikis: Vec<&str> = library
        .wikis()
        .list()
        .iter()
        .map(|wiki| wiki.origin())
        .collect();
    if !wikis.is_empty() {
        let wikis = super::for_the_screen(wikis.join(", "));
        let _ = sender.send(Message::TextSearching { generation, wikis });
    }
    let found = text_results(library.search_wiki_text(query, TEXT_LIMIT, &cancelled));
    if !cancelled() {
        let _ = sender.send(Message::FoundText { generation, found });
    }
}

/// What a full-text search came to, its titles and messages cleaned for the screen (the
/// snippets are cleaned as they are read).
pub fn text_results(found: Result<TextFound, crate::library::LibraryError>) -> TextResults {
    match found {
        Ok(TextFound { hits, problems }) => Ok((
            hits.into_iter()
                .map(|mut hit| {
                    hit.title = super::for_the_screen(hit.title);
                    hit
                })
                .collect(),
            problems.into_iter().map(super::for_the_screen).collect(),
        )),
        Err(error) => Err(super::for_the_screen(error.to_string())),
    }
}

impl Drop for SearchWorker {
    /// Stops the search under way, so that its thread ends soon.
    fn drop(&mut self) {
        self.latest.store(u64::MAX, Ordering::Relaxed);
    }
}

/// A search's results, sent to the event loop.
struct Sending<'a> {
    generation: u64,
    latest: &'a AtomicU64,
    sender: &'a Sender<Message>,
    /// The local titles found so far, for the wikis' to be appended to.
    titles: Vec<String>,
}

impl Sending<'_> {
    fn send(&self, titles: &[String], done: bool) {
        let _ = self.sender.send(Message::Found(Batch {
            generation: self.generation,
            titles: titles.iter().cloned().map(super::for_the_screen).collect(),
            done,
        }));
    }
}

impl Results for Sending<'_> {
    /// The local search is never the last batch: the wikis are asked after it.
    fn batch(&mut self, titles: &[String], _done: bool) {
        self.titles = titles.to_vec();
        self.send(titles, false);
    }

    fn cancelled(&self) -> bool {
        self.latest.load(Ordering::Relaxed) != self.generation
    }
}
