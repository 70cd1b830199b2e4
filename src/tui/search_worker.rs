//! Title searches off the event loop: a thread takes the latest query, searches the library,
//! and sends the results back in batches tagged with the query's generation; a newer query
//! cancels the search under way. The event loop hands the batches to `App`, which drops those
//! of an older search.

use crate::app::SEARCH_LIMIT;
use crate::library::Library;
use crate::source::search::Results;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::thread::Scope;

/// Some of the titles found for one search.
pub struct Batch {
    pub generation: u64,
    pub titles: Vec<String>,
    pub done: bool,
}

/// The event loop's end of the worker.
pub struct SearchWorker<'scope> {
    requests: Sender<(u64, String)>,
    /// The generation of the newest search asked for: a search of another one stops.
    latest: &'scope AtomicU64,
    pub batches: Receiver<Batch>,
}

impl<'scope> SearchWorker<'scope> {
    /// Starts the worker on a thread of `scope`, which ends when the worker is dropped.
    pub fn start<'env>(
        scope: &'scope Scope<'scope, 'env>,
        library: &'env Library,
        latest: &'env AtomicU64,
    ) -> SearchWorker<'scope>
    where
        'env: 'scope,
    {
        let (requests, asked) = mpsc::channel::<(u64, String)>();
        let (sender, batches) = mpsc::channel();
        scope.spawn(move || {
            while let Ok(mut request) = asked.recv() {
                // Only the newest query of those typed meanwhile is worth searching for.
                while let Ok(newer) = asked.try_recv() {
                    request = newer;
                }
                let (generation, query) = request;
                let mut results = Sending {
                    generation,
                    latest,
                    batches: &sender,
                };
                library.search_into(&query, SEARCH_LIMIT, &mut results);
            }
        });
        SearchWorker {
            requests,
            latest,
            batches,
        }
    }

    /// Searches for `query` as search number `generation`, cancelling the one under way.
    pub fn ask(&self, generation: u64, query: String) {
        self.latest.store(generation, Ordering::Relaxed);
        let _ = self.requests.send((generation, query));
    }
}

impl Drop for SearchWorker<'_> {
    /// Stops the search under way, so that quitting does not wait for it.
    fn drop(&mut self) {
        self.latest.store(u64::MAX, Ordering::Relaxed);
    }
}

/// A search's results, sent to the event loop.
struct Sending<'a> {
    generation: u64,
    latest: &'a AtomicU64,
    batches: &'a Sender<Batch>,
}

impl Results for Sending<'_> {
    fn batch(&mut self, titles: &[String], done: bool) {
        let _ = self.batches.send(Batch {
            generation: self.generation,
            titles: titles.iter().cloned().map(super::for_the_screen).collect(),
            done,
        });
    }

    fn cancelled(&self) -> bool {
        self.latest.load(Ordering::Relaxed) != self.generation
    }
}
