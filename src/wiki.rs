//! Live MediaWiki sites as sources: any wiki named by an article URL, `--wiki URL|NAME` or the
//! config file is read over its API (REST, else the Action API), its pages read by the HTML
//! reader. Nothing here is touched, and no request made, unless the reader named a wiki.
//!
//! `url` takes article URLs apart, `anchor` finds the section a `#fragment` names, `discover` finds a site's APIs, `http` is the one client
//! (manners, limits, errors), `page` fetches HTML, `search` and `languages` the rest of the API,
//! `links` reads which linked pages exist, `cache` keeps pages read on disk, `source` makes a wiki a library source, `settings`
//! reads the config file's `[wiki]` and `[wikis]` tables.

pub mod anchor;
pub mod api;
pub mod cache;
pub mod discover;
mod fresh;
pub mod http;
pub mod languages;
pub mod links;
pub mod page;
pub mod parsed;
pub mod search;
pub mod settings;
pub mod snippet;
pub mod source;
mod tags;
pub mod url;

pub use fresh::offline_note;
pub use settings::{CachePlace, Settings};
pub use source::{Wiki, WikiSource};

use std::sync::{Arc, Mutex, OnceLock};

#[derive(Debug, thiserror::Error)]
pub enum WikiError {
    #[error(transparent)]
    Url(#[from] self::url::UrlError),
    #[error(transparent)]
    Http(#[from] http::HttpError),
    #[error(
        "{0} : no MediaWiki API found (looked for the page's EditURI link, /w/api.php and /api.php)"
    )]
    NoApi(String),
    #[error("{wiki} : no page titled “{title}”")]
    NotFound { wiki: String, title: String },
    #[error("{wiki} : no revision {id}")]
    NoRevision { wiki: String, id: u64 },
    #[error("{0} : too many redirects (a loop or a long chain)")]
    RedirectLoop(String),
    #[error("{url} : the wiki answered with an error: {info} ({code})")]
    Api {
        url: String,
        code: String,
        info: String,
    },
    #[error("{url} : the answer could not be read: {why}")]
    BadAnswer { url: String, why: String },
    #[error("{wiki} : “{title}” is not cached, and folio is offline")]
    Offline { wiki: String, title: String },
    #[error("“{name}” names no wiki (give a URL, or name it under [wikis] in the config file{})", known_names(.known))]
    UnknownName { name: String, known: Vec<String> },
    #[error("{wiki} : the page read is not HTML folio can read: {why}")]
    Read { wiki: String, why: String },
}

fn known_names(names: &[String]) -> String {
    match names.is_empty() {
        true => String::new(),
        false => format!("; named there: {}", names.join(", ")),
    }
}

/// The wikis a library knows of: those named so far, with the settings and the one HTTP client
/// they share. The client is made on first use, so a library that names no wiki makes none.
#[derive(Default)]
pub struct Wikis {
    settings: Settings,
    client: OnceLock<Arc<http::Client>>,
    /// The page cache, opened with the first wiki; None when it cannot be (said in `notes`).
    cache: OnceLock<Option<Arc<cache::Cache>>>,
    /// What the reader should be told once: the cache set aside or unusable.
    notes: Mutex<Vec<String>>,
    list: Vec<Arc<Wiki>>,
    /// Wikis reached while browsing (an article's other language): their articles' links
    /// open from them, but they are not sources of the library, asked for titles.
    reached: Mutex<Vec<Arc<Wiki>>>,
    /// True once a wiki was named on the command line (`--wiki`): titles then open from the
    /// wikis rather than the local library.
    explicit: bool,
    /// Cached copies open without a request, revalidated later by the caller.
    revalidate_later: bool,
}

impl Wikis {
    pub fn new(settings: Settings) -> Wikis {
        Wikis {
            settings,
            ..Wikis::default()
        }
    }

    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// True when a request could have been made: a client exists.
    pub fn online_yet(&self) -> bool {
        self.client.get().is_some()
    }

    pub fn list(&self) -> &[Arc<Wiki>] {
        &self.list
    }

    pub fn explicit(&self) -> bool {
        self.explicit
    }

    /// The wiki `name_or_url` names (a URL, or a name under `[wikis]`), added if new; the
    /// second value is true when it was.
    pub fn add(
        &mut self,
        name_or_url: &str,
        explicit: bool,
    ) -> Result<(Arc<Wiki>, bool), WikiError> {
        let url_text = match self.settings.url_of(name_or_url) {
            Some(url) => url.to_string(),
            None if self::url::looks_like_url(name_or_url) => name_or_url.to_string(),
            None => {
                return Err(WikiError::UnknownName {
                    name: name_or_url.to_string(),
                    known: self
                        .settings
                        .named
                        .iter()
                        .map(|(name, _)| name.clone())
                        .collect(),
                });
            }
        };
        let parsed = self::url::parse(&url_text)?;
        let parsed = match self::url::upgraded(&url_text, &self.settings.plain_http) {
            Some(secure) => {
                let secure = self::url::parse(&secure)?;
                self.note_upgrade(&parsed.origin, &secure.origin);
                secure
            }
            None => parsed,
        };
        self.explicit |= explicit;
        if let Some(wiki) = self.list.iter().find(|wiki| wiki.origin() == parsed.origin) {
            return Ok((Arc::clone(wiki), false));
        }
        let wiki = self.make(&parsed);
        self.list.push(Arc::clone(&wiki));
        Ok((wiki, true))
    }

    /// The wiki of an article URL met while browsing (another language's), from the
    /// library's wikis or those reached before, else made and kept among the reached.
    pub fn reach(&self, url: &self::url::ArticleUrl) -> Arc<Wiki> {
        if let Some(wiki) = self.list.iter().find(|wiki| wiki.origin() == url.origin) {
            return Arc::clone(wiki);
        }
        let mut reached = source::lock(&self.reached);
        if let Some(wiki) = reached.iter().find(|wiki| wiki.origin() == url.origin) {
            return Arc::clone(wiki);
        }
        let wiki = self.make(url);
        reached.push(Arc::clone(&wiki));
        wiki
    }

    /// A wiki sharing the library's client, cache and settings.
    fn make(&self, url: &self::url::ArticleUrl) -> Arc<Wiki> {
        let client = Arc::clone(
            self.client
                .get_or_init(|| Arc::new(http::Client::new(self.settings.http.clone()))),
        );
        let cache = self.cache().clone();
        let wiki = Arc::new(Wiki::new(url, client, cache, self.settings.offline));
        wiki.set_revalidate_later(self.revalidate_later);
        wiki
    }

    /// For the browser: cached copies of this library's wikis open at once, and the caller
    /// revalidates them (`Wiki::revalidate_title`, `Library::revalidate`) off the event loop.
    pub fn set_revalidate_later(&mut self, later: bool) {
        self.revalidate_later = later;
        for wiki in self.list.iter().chain(source::lock(&self.reached).iter()) {
            wiki.set_revalidate_later(later);
        }
    }

    /// The page cache, opened on first use; what went wrong is told once, through `notes`.
    fn cache(&self) -> &Option<Arc<cache::Cache>> {
        self.cache.get_or_init(|| {
            let opened = match &self.settings.cache {
                CachePlace::Nowhere => return None,
                CachePlace::Default => cache::Cache::open_default(),
                CachePlace::At(path) => cache::Cache::open(path),
            };
            let mut notes = self
                .notes
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner());
            match opened {
                Ok(opened) => {
                    notes.extend(opened.message);
                    let max = self.settings.cache_cap();
                    Some(Arc::new(opened.cache.with_max_bytes(max)))
                }
                Err(error) => {
                    notes.push(format!("{error}; pages are not kept"));
                    None
                }
            }
        })
    }

    /// Says once per site that an `http://` wiki is read over HTTPS, and how to keep plain HTTP.
    fn note_upgrade(&self, plain: &str, secure: &str) {
        if self.list.iter().any(|wiki| wiki.origin() == secure) {
            return;
        }
        self.notes
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .push(format!(
                "{plain} is read over HTTPS, as {secure} (plain HTTP only for this machine's wikis and [wiki] allow_http)"
            ));
    }

    /// What the reader has not been told yet about the wikis' cache.
    pub fn take_notes(&self) -> Vec<String> {
        std::mem::take(
            &mut *self
                .notes
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner()),
        )
    }

    /// The wiki an article came from: the one whose origin its first source starts with.
    pub fn of_sources(&self, sources: &[String]) -> Option<Arc<Wiki>> {
        let source = sources.first()?;
        let read_there = |wiki: &&Arc<Wiki>| {
            source
                .strip_prefix(wiki.origin())
                .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
        };
        if let Some(wiki) = self.list.iter().find(read_there) {
            return Some(Arc::clone(wiki));
        }
        source::lock(&self.reached).iter().find(read_there).cloned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn naming_no_wiki_makes_no_client() {
        let wikis = Wikis::new(Settings::default());
        assert!(!wikis.online_yet());
        assert!(wikis.list().is_empty());
    }

    #[test]
    fn a_public_http_wiki_is_read_over_https_and_told_once() {
        let settings = Settings {
            named: vec![("plain".into(), "http://wiki.example.org/wiki/".into())],
            cache: CachePlace::Nowhere,
            ..Settings::default()
        };
        let mut wikis = Wikis::new(settings.clone());
        let origin = |added: Result<(Arc<Wiki>, bool), WikiError>| {
            added.map(|(wiki, _)| wiki.origin().to_string()).ok()
        };
        assert_eq!(
            origin(wikis.add("http://en.wikipedia.org/wiki/Dog", false)).as_deref(),
            Some("https://en.wikipedia.org")
        );
        assert_eq!(
            origin(wikis.add("http://en.wikipedia.org/wiki/Cat", false)).as_deref(),
            Some("https://en.wikipedia.org")
        );
        assert_eq!(
            origin(wikis.add("plain", true)).as_deref(),
            Some("https://wiki.example.org")
        );
        let notes = wikis.take_notes();
        assert_eq!(notes.len(), 2, "{notes:?}");
        assert!(
            notes[0].starts_with(
                "http://en.wikipedia.org is read over HTTPS, as https://en.wikipedia.org"
            ),
            "{notes:?}"
        );
        // This machine's wikis, and those the config allows, stay plain HTTP, unsaid.
        assert_eq!(
            origin(wikis.add("http://127.0.0.1:9/wiki/X", false)).as_deref(),
            Some("http://127.0.0.1:9")
        );
        let mut allowed = Wikis::new(Settings {
            plain_http: self::url::PlainHttp::Hosts(vec!["wiki.example.org".into()]),
            ..settings
        });
        assert_eq!(
            origin(allowed.add("plain", true)).as_deref(),
            Some("http://wiki.example.org")
        );
        assert!(wikis.take_notes().is_empty() && allowed.take_notes().is_empty());
    }

    #[test]
    fn wikis_are_named_by_url_or_by_config_name() {
        let settings = Settings {
            named: vec![("local".into(), "http://127.0.0.1:9/".into())],
            cache: CachePlace::Nowhere,
            ..Settings::default()
        };
        let mut wikis = Wikis::new(settings);
        let added = wikis
            .add("local", true)
            .map(|(wiki, new)| (wiki.origin().to_string(), new));
        assert_eq!(added.ok(), Some(("http://127.0.0.1:9".to_string(), true)));
        let again = wikis
            .add("http://127.0.0.1:9/wiki/Other", false)
            .map(|(_, new)| new);
        assert_eq!(again.ok(), Some(false));
        assert_eq!(wikis.list().len(), 1);
        assert!(wikis.explicit());
        let error = wikis
            .add("nowhere", true)
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(
            error.contains("“nowhere” names no wiki") && error.contains("local"),
            "{error}"
        );
        let from = wikis.of_sources(&["http://127.0.0.1:9/index.php?title=A&oldid=3".to_string()]);
        assert!(from.is_some());
        assert!(
            wikis
                .of_sources(&["http://127.0.0.1:90/x".to_string()])
                .is_none()
        );
    }
}
