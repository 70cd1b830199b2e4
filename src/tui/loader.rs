//! Articles opened off the event loop. Each load runs on a thread of its own, so that a slow
//! one (a live wiki, a large archive) the reader gave up on never holds up the next; its result
//! goes back on the event loop's channel tagged with the load's generation, and `App` takes it
//! only if the reader still waits for that load.
//!
//! A later source that revalidates in the background sends what it finds as a `Loaded` for a
//! `Navigation::Reload` load: `App::loaded` swaps the newer page in, keeping the reader's place.

use super::message::Message;
use super::worker;
use crate::action::Navigation;
use crate::app::loading::RANDOM;
use crate::app::page::Page;
use crate::article::Article;
use crate::format::Reading;
use crate::library::{Library, LibraryError};
use std::sync::Arc;
use std::sync::mpsc::Sender;

/// What opening a title came to: the page or the one-line reason it could not be opened, and
/// what reading it warned about.
#[derive(Debug)]
pub struct Opened {
    pub page: Result<Page, String>,
    pub warning: Option<String>,
}

/// Opens `title` from the library, its text made fit for the screen: a link of `from` (or
/// `from` itself again) from the wiki `from` came from. The slow part of a load, wherever it runs.
pub fn open(library: &Library, title: &str, from: Option<&Article>) -> Opened {
    let read = match from {
        Some(from) => library.open_link(title, from),
        None => library.open(title),
    };
    opened(library, read.map(Some), title)
}

/// Opens a wiki article by its URL (another language of the article on screen).
pub fn open_url(library: &Library, url: &str, title: &str) -> Opened {
    opened(library, library.open_url_reached(url).map(Some), title)
}

/// What a title found on the wiki at `origin` is opened from: an article of that wiki.
pub fn on_wiki(origin: String) -> Article {
    Article {
        sources: vec![origin],
        ..Article::default()
    }
}

/// Opens a random article of the wiki `from` came from, else of the library's first wiki.
pub fn open_random(library: &Library, from: &Article) -> Opened {
    opened(library, library.open_random(from), RANDOM)
}

/// A reading (None: no random article to be had) made fit for the screen.
fn opened(library: &Library, read: Result<Option<Reading>, LibraryError>, title: &str) -> Opened {
    match read {
        Ok(None) => Opened {
            page: Err(
                "No random article: no live wiki is in the library (name one: a URL or --wiki), or it has no articles"
                    .to_string(),
            ),
            warning: None,
        },
        Ok(Some(reading)) => Opened {
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

/// What a title opened as `via` is opened from: the page on screen when the title is one of its
/// links or the page itself reloaded, so that a wiki article's links open from its wiki; the
/// place in history gone back or forward to, so that it opens from where it was read. Only
/// the title and sources are kept: they are all `Library::open_link` looks at.
pub fn opened_from(page: &Page, title: &str, via: &Navigation) -> Option<Article> {
    let linked = match via {
        Navigation::Reload => page.title() == title,
        Navigation::Follow => page
            .links
            .iter()
            .any(|link| link.target.title() == Some(title)),
        Navigation::Back(place) | Navigation::Forward(place) => {
            return (!place.sources.is_empty()).then(|| Article {
                title: place.title.clone(),
                sources: place.sources.clone(),
                ..Article::default()
            });
        }
    };
    linked.then(|| origin_of(page))
}

/// The page's title and sources: all the library needs to know which wiki it came from.
pub fn origin_of(page: &Page) -> Article {
    Article {
        title: page.article.title.clone(),
        sources: page.article.sources.clone(),
        ..Article::default()
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
    pub fn load(&self, generation: u64, title: String, from: Option<Article>) {
        self.spawn(generation, move |library, sender| {
            let wiki = from.as_ref().and_then(|from| library.wiki_of(from));
            let source = match wiki {
                Some(wiki) => Some(wiki.origin().to_string()),
                None => library.source_of(&title),
            };
            if let Some(source) = source {
                let from = super::for_the_screen(source);
                let _ = sender.send(Message::LoadingFrom { generation, from });
            }
            open(library, &title, from.as_ref())
        });
    }

    /// Opens a random article of the wiki `from` came from (else the first wiki) as load
    /// `generation`.
    pub fn load_random(&self, generation: u64, from: Article) {
        self.spawn(generation, move |library, sender| {
            let wiki = library
                .wiki_of(&from)
                .or_else(|| library.wikis().list().first().cloned());
            if let Some(wiki) = wiki {
                let from = super::for_the_screen(wiki.origin().to_string());
                let _ = sender.send(Message::LoadingFrom { generation, from });
            }
            open_random(library, &from)
        });
    }

    /// Opens a wiki article by its URL as load `generation` (`title` names it meanwhile).
    pub fn load_url(&self, generation: u64, url: String, title: String) {
        self.spawn(generation, move |library, sender| {
            if let Ok(parsed) = crate::wiki::url::parse(&url) {
                let from = super::for_the_screen(parsed.origin);
                let _ = sender.send(Message::LoadingFrom { generation, from });
            }
            open_url(library, &url, &title)
        });
    }

    /// Runs `load` on a thread of its own and sends what it opened as load `generation`.
    fn spawn(
        &self,
        generation: u64,
        load: impl FnOnce(&Library, &Sender<Message>) -> Opened + Send + 'static,
    ) {
        let library = Arc::clone(&self.library);
        let sender = self.sender.clone();
        let started = worker::spawn("folio-load", self.sender.clone(), move || {
            let opened = Box::new(load(&library, &sender));
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
