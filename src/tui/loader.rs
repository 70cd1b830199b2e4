//! Articles opened off the event loop. Each load runs on a thread of its own, so that a slow
//! one (a live wiki, a large archive) the reader gave up on never holds up the next; its result
//! goes back on the event loop's channel tagged with the load's generation, and `App` takes it
//! only if the reader still waits for that load.
//!
//! A later source that revalidates in the background sends what it finds as a `Loaded` for a
//! `Navigation::Reload` load: `App::loaded` swaps the newer page in, keeping the reader's place.

use super::message::Message;
use super::worker;
use crate::app::page::Page;
use crate::library::Library;
use std::sync::Arc;
use std::sync::mpsc::Sender;

/// What opening a title came to: the page or the one-line reason it could not be opened, and
/// what reading it warned about.
#[derive(Debug)]
pub struct Opened {
    pub page: Result<Page, String>,
    pub warning: Option<String>,
}

/// Opens `title` from the library, its text made fit for the screen. The slow part of a load,
/// wherever it runs.
pub fn open(library: &Library, title: &str) -> Opened {
    match library.open(title) {
        Ok(reading) => Opened {
            warning: super::warnings_message(&reading.warnings).map(super::for_the_screen),
            page: Ok(super::page_of(library, reading)),
        },
        Err(error) => Opened {
            page: Err(super::for_the_screen(format!(
                "Could not open “{title}”: {error}"
            ))),
            warning: None,
        },
    }
}

/// The event loop's end of the loads.
pub struct Loader {
    library: Arc<Library>,
    sender: Sender<Message>,
}

impl Loader {
    pub fn new(library: Arc<Library>, sender: Sender<Message>) -> Loader {
        Loader { library, sender }
    }

    /// Opens `title` as load `generation`: first where it is read from, then the result, are
    /// sent to the event loop, which drops the result if the reader has moved on meanwhile. A
    /// thread that cannot be started is said as the load's failure.
    pub fn load(&self, generation: u64, title: String) {
        let library = Arc::clone(&self.library);
        let sender = self.sender.clone();
        let started = worker::spawn("folio-load", self.sender.clone(), move || {
            if let Some(from) = library.source_of(&title) {
                let from = super::for_the_screen(from);
                let _ = sender.send(Message::LoadingFrom { generation, from });
            }
            let opened = open(&library, &title);
            let opened = Box::new(opened);
            let _ = sender.send(Message::Loaded { generation, opened });
        });
        if let Err(error) = started {
            let _ = self.sender.send(Message::Loaded {
                generation,
                opened: Box::new(Opened {
                    page: Err(format!("Could not start loading: {error}")),
                    warning: None,
                }),
            });
        }
    }
}
