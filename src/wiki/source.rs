//! One wiki: its site (APIs found once), what its pages said about the pages they link to, and
//! opening a page as an article. `WikiSource` makes it a library source: it cannot list its
//! titles, and knows of a title only what pages read so far said (red or blue links).

use super::cache::Cache;
use super::discover::{self, Site};
use super::http::Client;
use super::page::{self, Fetched, Page, Want};
use super::parsed::Parsed;
use super::search::Hit;
use super::url::ArticleUrl;
use super::{WikiError, api, languages, search};
use crate::format::{Format, Reading};
use crate::source::{Document, Presence, Source, SourceError, Wanted};
use crate::text::title_key;
use std::collections::{HashMap, HashSet};
use std::sync::atomic::AtomicBool;
use std::sync::{Arc, Mutex, PoisonError};

/// A wiki folio reads from.
pub struct Wiki {
    pub(super) origin: String,
    /// The page to find the APIs from: the URL the reader gave, else the site's root.
    entry: String,
    pub(super) client: Arc<Client>,
    pub(super) offline: bool,
    pub(super) cache: Option<Arc<Cache>>,
    pub(super) site: Mutex<Option<Site>>,
    /// True when a cached copy opens without asking the wiki, the caller revalidating it
    /// later (the browser's worker); false for `dump`, which revalidates before printing.
    pub(super) revalidate_later: AtomicBool,
    /// Title keys of pages opened from the cache without asking the wiki, not asked after yet.
    pub(super) unchecked: Mutex<HashSet<String>>,
    /// Title keys of pages linked from pages read, with the title and whether it exists.
    known: Mutex<HashMap<String, (String, bool)>>,
}

impl Wiki {
    /// A wiki at `url`'s site; `cache` keeps its pages and endpoints (none in some tests).
    pub fn new(
        url: &ArticleUrl,
        client: Arc<Client>,
        cache: Option<Arc<Cache>>,
        offline: bool,
    ) -> Wiki {
        Wiki {
            origin: url.origin.clone(),
            entry: url.page.clone(),
            client,
            offline,
            cache,
            site: Mutex::default(),
            revalidate_later: AtomicBool::new(false),
            unchecked: Mutex::default(),
            known: Mutex::default(),
        }
    }

    /// `https://en.wikipedia.org`
    pub fn origin(&self) -> &str {
        &self.origin
    }

    pub fn offline(&self) -> bool {
        self.offline
    }

    /// The site's APIs, found on first use (or remembered in the cache from an earlier run).
    pub fn site(&self) -> Result<Site, WikiError> {
        if let Some(site) = lock(&self.site).clone() {
            return Ok(site);
        }
        if let Some(endpoints) = self
            .cache
            .as_ref()
            .and_then(|cache| cache.site(&self.origin).ok().flatten())
            .filter(|endpoints| endpoints.action.is_some() || endpoints.rest.is_some())
        {
            let site = Site {
                origin: self.origin.clone(),
                action: endpoints.action,
                rest: endpoints.rest,
            };
            *lock(&self.site) = Some(site.clone());
            return Ok(site);
        }
        if self.offline {
            return Err(WikiError::Offline {
                wiki: self.origin.clone(),
                title: String::new(),
            });
        }
        let site = discover::discover(&self.client, &self.origin, &self.entry)?;
        *lock(&self.site) = Some(site.clone());
        self.remember_site();
        Ok(site)
    }

    /// Fetches a page (with an ETag: only if it changed), remembering what the site taught
    /// (no REST API) and what the page says of the pages it links to.
    pub fn fetch(&self, want: Want<'_>, etag: Option<&str>) -> Result<Fetched, WikiError> {
        if self.offline {
            return Err(WikiError::Offline {
                wiki: self.origin.clone(),
                title: match want {
                    Want::Title(title) => crate::text::display_title(title),
                    Want::Revision(id) => format!("revision {id}"),
                },
            });
        }
        let mut site = self.site()?;
        let had_rest = site.rest.is_some();
        let fetched = page::fetch(&self.client, &mut site, want, etag);
        *lock(&self.site) = Some(site);
        if had_rest
            && lock(&self.site)
                .as_ref()
                .is_some_and(|site| site.rest.is_none())
        {
            self.remember_site();
        }
        fetched
    }

    /// Reads a fetched (or cached) page into an article, learning its red links.
    pub fn read(&self, page: &Page) -> Result<Reading, WikiError> {
        let form = self.parse(page)?;
        Ok(self.reading(page, form))
    }

    /// Reads a page's HTML (the slow part of opening a page, which the cache's parsed form
    /// spares).
    pub(super) fn parse(&self, page: &Page) -> Result<Parsed, WikiError> {
        Parsed::read(&page.html, &self.source_of(page), &self.origin).map_err(|error| {
            WikiError::Read {
                wiki: self.origin.clone(),
                why: error.to_string(),
            }
        })
    }

    /// The article of a page read (`form`), titled and sourced as the wiki says, learning its
    /// red links.
    pub(super) fn reading(&self, page: &Page, form: Parsed) -> Reading {
        self.learn(&page.title, form.missing);
        let source = self.source_of(page);
        let mut article = form.article;
        article.retitle(&page.title);
        article.sources = vec![source.clone()];
        Reading {
            article,
            warnings: notes_on(page, &source),
            readers: vec![(source, Format::Html)],
        }
    }

    /// The revision's permanent URL once the site is known, else the page's URL by title.
    fn source_of(&self, page: &Page) -> String {
        match lock(&self.site).as_ref() {
            Some(site) => permanent_url(site, page),
            None => format!(
                "{}/index.php?title={}",
                self.origin,
                api::encode_title(&page.title)
            ),
        }
    }

    /// Whether a page of this title exists, as far as the pages read so far tell: Some(false)
    /// for a red link's, Some(true) for a page read, None otherwise (a blue link's page too:
    /// opening it will tell).
    pub fn presence(&self, title: &str) -> Option<bool> {
        lock(&self.known)
            .get(&title_key(title))
            .map(|(_, exists)| *exists)
    }

    /// Titles starting like `query`, best first.
    pub fn search_titles(&self, query: &str, limit: usize) -> Result<Vec<String>, WikiError> {
        search::titles(&self.client, &self.online_site()?, query, limit)
    }

    /// Pages whose text matches `query`, with snippets.
    pub fn search_text(&self, query: &str, limit: usize) -> Result<Vec<Hit>, WikiError> {
        search::full_text(&self.client, &self.online_site()?, query, limit)
    }

    /// A random article's title.
    pub fn random(&self) -> Result<Option<String>, WikiError> {
        search::random(&self.client, &self.online_site()?)
    }

    /// The article in other languages.
    pub fn languages(&self, title: &str) -> Result<Vec<languages::Language>, WikiError> {
        languages::languages(&self.client, &self.online_site()?, title)
    }

    /// The site's main page title (what a site URL without a title opens).
    pub fn main_page(&self) -> Result<String, WikiError> {
        discover::main_page(&self.client, &self.online_site()?)
    }

    fn online_site(&self) -> Result<Site, WikiError> {
        if self.offline {
            return Err(WikiError::Offline {
                wiki: self.origin.clone(),
                title: String::new(),
            });
        }
        self.site()
    }

    /// What a page read says: it exists, and its red links' pages (`missing`) do not.
    fn learn(&self, title: &str, missing: Vec<String>) {
        let mut known = lock(&self.known);
        known.insert(title_key(title), (title.to_string(), true));
        for title in missing {
            known.insert(title_key(&title), (title, false));
        }
    }

    /// The title a key stands for, as a page read wrote it.
    fn title_of(&self, key: &str) -> Option<String> {
        lock(&self.known).get(key).map(|(title, _)| title.clone())
    }
}

/// What the reader is told about a page fetched, besides its text.
fn notes_on(page: &Page, source: &str) -> Vec<String> {
    let mut notes = Vec::new();
    if page.lossy {
        notes.push(format!("{source}: invalid UTF-8 replaced with \u{fffd}"));
    }
    if let Some(from) = &page.redirected_from {
        notes.push(format!("redirected from {from}"));
    }
    notes
}

/// `…/index.php?title=Camp_Ashraf&oldid=123`: the revision read, for good.
pub fn permanent_url(site: &Site, page: &Page) -> String {
    let title = api::encode_title(&page.title);
    match page.revision {
        Some(revision) => format!("{}?title={title}&oldid={revision}", site.index()),
        None => format!("{}?title={title}", site.index()),
    }
}

pub(super) fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

/// A wiki as a source of the library: it lists no titles, and knows of a title only what the
/// pages read so far said of it (a red or a blue link); the rest it fetches when opened.
pub struct WikiSource(pub Arc<Wiki>);

impl Source for WikiSource {
    fn name(&self) -> String {
        self.0.origin.clone()
    }

    /// Never a request: asking the wiki about every title would be a request per link.
    fn contains(&self, wanted: Wanted) -> Presence {
        match self.0.presence(wanted.title) {
            Some(true) => Presence::Present,
            Some(false) => Presence::Absent,
            None => Presence::Unknown,
        }
    }

    fn documents(&self, wanted: Wanted) -> Result<Vec<Document>, SourceError> {
        let title = self
            .0
            .title_of(wanted.key)
            .unwrap_or_else(|| wanted.title.to_string());
        match self.0.page(Want::Title(&title), None) {
            Ok((page, notes)) => {
                let name = match lock(&self.0.site).as_ref() {
                    Some(site) => permanent_url(site, &page),
                    None => self.0.origin.clone(),
                };
                // The redirect followed and the copy's notes (an offline copy's date) go with
                // the document, so that opening by title tells them as opening a link does.
                let mut warnings = notes_on(&page, &name);
                warnings.extend(notes);
                Ok(vec![Document {
                    name,
                    bytes: page.html.into_bytes(),
                    format: Some(Format::Html),
                    warnings,
                }])
            }
            Err(WikiError::NotFound { .. }) => {
                lock(&self.0.known).insert(wanted.key.to_string(), (title, false));
                Ok(Vec::new())
            }
            Err(error) => Err(SourceError::Broken(error.to_string())),
        }
    }

    fn info(&self) -> Vec<(String, String)> {
        let mut facts = vec![("Wiki".to_string(), self.0.origin.clone())];
        if let Some(site) = lock(&self.0.site).as_ref() {
            if let Some(action) = &site.action {
                facts.push(("Action API".into(), action.clone()));
            }
            if let Some(rest) = &site.rest {
                facts.push(("REST API".into(), rest.clone()));
            }
        }
        facts
    }

    fn main_title(&self) -> Option<String> {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wiki::http::Settings;
    use crate::wiki::links;

    fn wiki() -> Wiki {
        let url = crate::wiki::url::parse("http://127.0.0.1:9/wiki/Camp_Ashraf")
            .unwrap_or_else(|error| panic!("{error}"));
        Wiki::new(
            &url,
            Arc::new(Client::new(Settings::default())),
            None,
            false,
        )
    }

    fn page(html: &str) -> Page {
        Page {
            title: "Camp Ashraf".into(),
            revision: Some(42),
            etag: None,
            html: html.into(),
            redirected_from: Some("Ashraf".into()),
            lossy: true,
        }
    }

    #[test]
    fn a_page_read_is_an_article_from_its_revision() {
        let wiki = wiki();
        *lock(&wiki.site) = Some(Site::from_action(
            "http://127.0.0.1:9",
            "http://127.0.0.1:9/w/api.php",
        ));
        let reading = wiki
            .read(&page(
                "<html><head><title>Camp Ashraf</title></head><body><p>A camp in <a href=\"./Iraq\">Iraq</a>.</p></body></html>",
            ))
            .unwrap_or_else(|error| panic!("{error}"));
        assert_eq!(reading.article.title, "Camp Ashraf");
        assert_eq!(
            reading.article.sources,
            ["http://127.0.0.1:9/w/index.php?title=Camp_Ashraf&oldid=42"]
        );
        assert!(
            reading
                .warnings
                .iter()
                .any(|w| w == "redirected from Ashraf"),
            "{:?}",
            reading.warnings
        );
        assert!(
            reading.warnings.iter().any(|w| w.contains("invalid UTF-8")),
            "{:?}",
            reading.warnings
        );
    }

    #[test]
    fn red_links_and_pages_read_are_known_without_a_request() {
        let wiki = Arc::new(wiki());
        let page = page(
            r#"<a href="./Iraq">Iraq</a><a class="new" href="./Nowhere?action=edit&amp;redlink=1">x</a>"#,
        );
        wiki.learn(&page.title, links::missing(&page.html, &wiki.origin));
        assert_eq!(wiki.presence("camp ashraf"), Some(true));
        assert_eq!(wiki.presence("Nowhere"), Some(false));
        assert_eq!(wiki.presence("Iraq"), None);
        let source = WikiSource(Arc::clone(&wiki));
        let presence = |title: &str| {
            let key = title_key(title);
            source.contains(Wanted { title, key: &key })
        };
        assert_eq!(presence("Camp_Ashraf"), Presence::Present);
        assert_eq!(presence("Nowhere"), Presence::Absent);
        assert_eq!(presence("Iraq"), Presence::Unknown);
        assert!(source.titles().is_none());
    }

    #[test]
    fn offline_fetches_nothing() {
        let url =
            crate::wiki::url::parse("http://127.0.0.1:9/wiki/X").unwrap_or_else(|e| panic!("{e}"));
        let wiki = Wiki::new(&url, Arc::new(Client::new(Settings::default())), None, true);
        let error = wiki
            .open(Want::Title("X"), None)
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(
            error.contains("not cached, and folio is offline"),
            "{error}"
        );
    }
}
