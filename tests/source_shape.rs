//! The shape of a source that cannot list its titles or tell which it has without fetching (a
//! live wiki): the library opens titles from it all the same, never lists it, treats its links
//! as openable, and a failure of it is a warning while another source has the article.

use folio::format::Format;
use folio::library::Library;
use folio::source::{Document, Presence, Source, SourceError, Wanted};
use std::sync::{Arc, Mutex};

/// A source that answers every `contains` with `Unknown`, holds pages by exact title (as a
/// MediaWiki site does, past the first letter), and records what it was asked.
struct Remote {
    pages: Vec<(&'static str, &'static str)>,
    fails: bool,
    asked: Arc<Mutex<Vec<String>>>,
}

impl Remote {
    fn new(pages: Vec<(&'static str, &'static str)>) -> Remote {
        Remote {
            pages,
            fails: false,
            asked: Arc::default(),
        }
    }
}

impl Source for Remote {
    fn name(&self) -> String {
        "remote".to_string()
    }

    fn contains(&self, _wanted: Wanted) -> Presence {
        Presence::Unknown
    }

    fn documents(&self, wanted: Wanted) -> Result<Vec<Document>, SourceError> {
        self.asked.lock().unwrap().push(wanted.title.to_string());
        if self.fails {
            return Err(SourceError::Broken("remote : unreachable".to_string()));
        }
        Ok(self
            .pages
            .iter()
            .filter(|(title, _)| *title == wanted.title)
            .map(|(title, html)| Document {
                name: format!("remote:{title}"),
                bytes: html.as_bytes().to_vec(),
                format: Some(Format::Html),
                warnings: Vec::new(),
            })
            .collect())
    }
}

const PAGE: &str = "<html><head><title>iPhone</title></head><body><p>A phone.</p></body></html>";

#[test]
fn a_title_opens_from_a_source_that_cannot_tell_it_has_it() {
    let remote = Remote::new(vec![("iPhone", PAGE)]);
    let asked = remote.asked.clone();
    let mut library = Library::new();
    library.add(Box::new(remote));
    assert_eq!(library.presence("iPhone"), Presence::Unknown);
    assert!(library.contains("Anything at all"));
    assert!(asked.lock().unwrap().is_empty(), "contains fetches nothing");
    let reading = library
        .open("iPhone")
        .expect("opens from the remote source");
    assert_eq!(reading.article.title, "iPhone");
    assert_eq!(reading.article.sources, ["remote:iPhone"]);
    assert_eq!(*asked.lock().unwrap(), ["iPhone"], "fetched once");
}

#[test]
fn the_source_is_asked_the_title_as_written_not_its_key() {
    let remote = Remote::new(vec![("iPhone", PAGE)]);
    let mut library = Library::new();
    library.add(Box::new(remote));
    // "IPhone" is another page on a wiki: the source is asked for it and has none.
    assert!(matches!(
        library.open("IPhone"),
        Err(folio::library::LibraryError::NotFound(_))
    ));
}

#[test]
fn a_source_that_cannot_list_is_not_listed_and_local_titles_stay_present() {
    let mut library = Library::new();
    library.add(Box::new(Remote::new(vec![("iPhone", PAGE)])));
    assert_eq!(library.titles(), ["2013 Camp Ashraf massacre"]);
    assert_eq!(
        library.presence("2013 Camp Ashraf massacre"),
        Presence::Present
    );
}

#[test]
fn a_failing_source_is_a_warning_while_another_has_the_article() {
    let mut remote = Remote::new(Vec::new());
    remote.fails = true;
    let mut library = Library::new();
    library.add(Box::new(remote));
    let reading = library
        .open("2013 Camp Ashraf massacre")
        .expect("the bundled article opens");
    assert!(
        reading
            .warnings
            .iter()
            .any(|warning| warning.contains("remote : unreachable")),
        "{:?}",
        reading.warnings
    );
}

#[test]
fn a_failing_source_is_the_error_when_nothing_else_has_the_title() {
    let mut remote = Remote::new(Vec::new());
    remote.fails = true;
    let mut library = Library::new();
    library.add(Box::new(remote));
    let error = library.open("Elsewhere").expect_err("nothing to open");
    assert_eq!(error.to_string(), "remote : unreachable");
}
