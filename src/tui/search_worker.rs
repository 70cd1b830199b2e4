//! Title searches off the event loop: a thread takes the latest query, searches the library,
//! then asks the library's wikis, and sends the results back in batches tagged with the query's
//! generation (local titles first, the wikis' appended), on the event loop's one channel; a
//! newer query cancels the search under way. The event loop hands the
//! batches to `App`, which drops those of an older search.

use super::message::Message;
use super::worker;
use crate::app::SEARCH_LIMIT;
use crate::library::Library;
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

/// The event loop's end of the worker.
pub struct SearchWorker {
    requests: Sender<(u64, String)>,
    /// The generation of the newest search asked for: a search of another one stops.
    latest: Arc<AtomicU64>,
}

impl SearchWorker {
    /// Starts the worker on a thread of its own, which ends when the worker is dropped (at the
    /// end of the search under way, which the drop cancels). Batches go to `sender`.
    pub fn start(library: Arc<Library>, sender: Sender<Message>) -> io::Result<SearchWorker> {
        let (requests, asked) = mpsc::channel::<(u64, String)>();
        let latest = Arc::new(AtomicU64::new(0));
        let cancel = Arc::clone(&latest);
        worker::spawn("folio-search", sender.clone(), move || {
            while let Ok(mut request) = asked.recv() {
                // Only the newest query of those typed meanwhile is worth searching for.
                while let Ok(newer) = asked.try_recv() {
                    request = newer;
                }
                let (generation, query) = request;
                let mut results = Sending {
                    generation,
                    latest: &cancel,
                    sender: &sender,
                    titles: Vec::new(),
                };
                library.search_into(&query, SEARCH_LIMIT, &mut results);
                if results.cancelled() {
                    continue;
                }
                let cancelled = || results.cancelled();
                let more =
                    library.search_wiki_titles(&query, SEARCH_LIMIT, &results.titles, &cancelled);
                let mut titles = std::mem::take(&mut results.titles);
                titles.extend(more);
                results.send(&titles, true);
            }
        })?;
        Ok(SearchWorker { requests, latest })
    }

    /// Searches for `query` as search number `generation`, cancelling the one under way.
    pub fn ask(&self, generation: u64, query: String) {
        self.latest.store(generation, Ordering::Relaxed);
        let _ = self.requests.send((generation, query));
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
