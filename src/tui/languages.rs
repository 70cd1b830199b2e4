//! The other languages of the article on screen, asked of its wiki when the info view opens:
//! on a thread of its own (the answer goes to the event loop as `Message::Languages`), or
//! waited for where nothing else runs (the tests' `perform`).

use super::message::Message;
use super::worker;
use crate::app::App;
use crate::library::Library;
use crate::wiki::languages::Language;
use std::sync::Arc;
use std::sync::mpsc::Sender;

/// Asks for the languages of the page on screen when it came from a wiki and they are not
/// known yet: the app is told they are being asked for, and `ask` is handed the page's title
/// and sources.
pub fn when_wanted(app: &mut App, library: &Library, ask: impl FnOnce(String, Vec<String>)) {
    let article = &app.page().article;
    if !app.wants_languages() || library.wiki_of(article).is_none() {
        return;
    }
    let (title, sources) = (article.title.clone(), article.sources.clone());
    app.asking_languages();
    ask(title, sources);
}

/// The languages of the page titled `title` read from `sources`, text made fit for the screen.
pub fn find(library: &Library, title: String, sources: &[String]) -> Result<Vec<Language>, String> {
    let article = crate::article::Article {
        title,
        sources: sources.to_vec(),
        ..crate::article::Article::default()
    };
    match library.languages_of(&article) {
        Some(Ok(found)) => Ok(found
            .into_iter()
            .map(|language| Language {
                code: super::for_the_screen(language.code),
                name: language.name.map(super::for_the_screen),
                title: super::for_the_screen(language.title),
                url: language.url,
            })
            .collect()),
        Some(Err(error)) => Err(super::for_the_screen(error.to_string())),
        None => Ok(Vec::new()),
    }
}

/// Finds them on a thread of its own and sends them to the event loop.
pub fn ask(library: &Arc<Library>, sender: &Sender<Message>, title: String, sources: Vec<String>) {
    let library = Arc::clone(library);
    let answer = sender.clone();
    let asked = sources.clone();
    let started = worker::spawn("folio-languages", sender.clone(), move || {
        let found = find(&library, title, &asked);
        let _ = answer.send(Message::Languages {
            sources: asked,
            found,
        });
    });
    // The page's sources, so that the app takes the failure and stops saying "asking".
    if let Err(error) = started {
        let _ = sender.send(Message::Languages {
            sources,
            found: Err(format!("could not start asking: {error}")),
        });
    }
}
