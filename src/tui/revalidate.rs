//! A wiki page opened from the cache is asked after on a worker: the browser opens the cached
//! copy at once (`Library::set_revalidate_later`), and a newer revision found meanwhile comes
//! back as `Message::Revalidated`, which `Browser` swaps in only while the reader is still on
//! that revision and no load is pending.

use super::message::Message;
use super::worker;
use crate::app::page::Page;
use crate::library::Library;
use std::sync::Arc;
use std::sync::mpsc::Sender;

/// What asking after a page came to, for the page it was asked for (its title and sources: a
/// wiki page's sources name its revision, so a page reloaded since is not the same).
#[derive(Debug)]
pub struct Revalidated {
    pub title: String,
    pub sources: Vec<String>,
    /// The newer revision, None when the cached copy is current, or why it could not be asked.
    pub newer: Result<Option<Page>, String>,
    /// What reading the newer revision warned about.
    pub warning: Option<String>,
}

/// The event loop's end of the revalidations.
pub struct Revalidator {
    library: Arc<Library>,
    sender: Sender<Message>,
}

impl Revalidator {
    pub fn new(library: Arc<Library>, sender: Sender<Message>) -> Revalidator {
        Revalidator { library, sender }
    }

    /// Asks the wiki `page` came from, on a thread of its own, whether it has a newer revision.
    /// A page from no wiki is not asked after; a thread that cannot be started leaves the copy
    /// on screen as it is (it was only a check).
    pub fn check(&self, page: &Page) {
        let article = super::loader::origin_of(page);
        if self.library.wiki_of(&article).is_none() {
            return;
        }
        let library = Arc::clone(&self.library);
        let sender = self.sender.clone();
        let _ = worker::spawn("folio-revalidate", self.sender.clone(), move || {
            let (newer, warning) = match library.revalidate(&article) {
                Ok(Some(reading)) => {
                    let warning =
                        super::warnings_message(&reading.warnings).map(super::for_the_screen);
                    (Ok(Some(super::page_of(&library, reading))), warning)
                }
                Ok(None) => (Ok(None), None),
                Err(error) => (
                    Err(super::for_the_screen(format!(
                        "Could not ask after a newer revision of “{}”: {error}",
                        article.title
                    ))),
                    None,
                ),
            };
            let revalidated = Revalidated {
                title: article.title,
                sources: article.sources,
                newer,
                warning,
            };
            let _ = sender.send(Message::Revalidated(Box::new(revalidated)));
        });
    }
}
