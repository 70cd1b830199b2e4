//! The library's live wikis: an article URL opens from its wiki, `--wiki` wikis answer titles
//! before the local library, the config's default wiki answers titles the library lacks, and a
//! link opens from the wiki its article came from. A wiki joins the library only when named,
//! so a library that names none makes no request.

use super::{Library, LibraryError};
use crate::article::Article;
use crate::format::Reading;
use crate::source::file;
use crate::text::title_key;
use crate::wiki::languages::Language;
use crate::wiki::page::Want;
use crate::wiki::search::Hit;
use crate::wiki::url::ArticleUrl;
use crate::wiki::{self, Settings, Wiki, WikiError, WikiSource, Wikis};
use std::collections::HashSet;
use std::ffi::OsStr;
use std::path::Path;
use std::sync::Arc;

impl Library {
    /// The config's wiki settings (names, default wiki, contact, timeouts, offline), set
    /// before any wiki is named.
    pub fn set_wiki_settings(&mut self, settings: Settings) {
        self.wikis = Wikis::new(settings);
    }

    pub fn wikis(&self) -> &Wikis {
        &self.wikis
    }

    /// `--wiki URL|NAME`: the wiki joins the library, and titles open from it first.
    pub fn add_wiki(&mut self, name_or_url: &str) -> Result<Arc<Wiki>, LibraryError> {
        self.join_wiki(name_or_url, true)
    }

    fn join_wiki(&mut self, name_or_url: &str, explicit: bool) -> Result<Arc<Wiki>, LibraryError> {
        let (wiki, new) = self.wikis.add(name_or_url, explicit)?;
        if new {
            self.add(Box::new(WikiSource(Arc::clone(&wiki))));
        }
        Ok(wiki)
    }

    /// The wiki an article was read from, if it was.
    pub fn wiki_of(&self, article: &Article) -> Option<Arc<Wiki>> {
        self.wikis.of_sources(&article.sources)
    }

    /// Opens a link's target: from the wiki the article came from, else from the library.
    pub fn open_link(&self, title: &str, from: &Article) -> Result<Reading, LibraryError> {
        match self.wiki_of(from) {
            Some(wiki) => Ok(self.told(wiki.open(Want::Title(title), None)?)),
            None => self.open(title),
        }
    }

    /// Asks the wiki an article was read from whether the page changed since it was cached:
    /// the newer revision's reading, or None (unchanged, not from a wiki, or not cached). For
    /// the browser's worker, after a cached copy opened at once (`Wikis::set_revalidate_later`).
    pub fn revalidate(&self, article: &Article) -> Result<Option<Reading>, LibraryError> {
        match self.wiki_of(article) {
            Some(wiki) => Ok(wiki.revalidate_title(&article.title)?),
            None => Ok(None),
        }
    }

    /// Titles the library's wikis find starting like `query`, for a title search to append
    /// to the local titles `found`: each title once, none of `found` again, `limit` at most in
    /// all. Stops asking once `cancelled` says so. A wiki that cannot answer is passed over: the
    /// local titles still stand, and opening a title from it says what is wrong.
    pub fn search_wiki_titles(
        &self,
        query: &str,
        limit: usize,
        found: &[String],
        cancelled: &dyn Fn() -> bool,
    ) -> Vec<String> {
        let mut seen: HashSet<String> = found.iter().map(|title| title_key(title)).collect();
        let mut titles = Vec::new();
        if query.trim().is_empty() {
            return titles;
        }
        for wiki in self.wikis.list() {
            if cancelled() || seen.len() >= limit {
                break;
            }
            let Ok(answer) = wiki.search_titles(query, limit) else {
                continue;
            };
            for title in answer {
                if seen.len() < limit && seen.insert(title_key(&title)) {
                    titles.push(title);
                }
            }
        }
        titles
    }

    /// Pages of the library's wikis whose text matches `query`, each wiki's best first, with
    /// what each wiki that could not answer said. Stops asking once `cancelled` says so.
    pub fn search_wiki_text(
        &self,
        query: &str,
        limit: usize,
        cancelled: &dyn Fn() -> bool,
    ) -> Result<TextFound, LibraryError> {
        if self.wikis.list().is_empty() {
            return Err(LibraryError::NoWiki);
        }
        let mut found = TextFound::default();
        for wiki in self.wikis.list() {
            if cancelled() || found.hits.len() >= limit {
                break;
            }
            if wiki.offline() {
                let wiki = wiki.origin().to_string();
                let what = "full-text search";
                found
                    .problems
                    .push(LibraryError::Offline { wiki, what }.to_string());
                continue;
            }
            match wiki.search_text(query, limit - found.hits.len()) {
                Ok(hits) => found.hits.extend(hits),
                Err(error) => found.problems.push(error.to_string()),
            }
        }
        Ok(found)
    }

    /// The other languages of an article read from a wiki; None for one that was not.
    pub fn languages_of(&self, article: &Article) -> Option<Result<Vec<Language>, LibraryError>> {
        let wiki = self.wiki_of(article)?;
        if wiki.offline() {
            let wiki = wiki.origin().to_string();
            let what = "asking for the other languages";
            return Some(Err(LibraryError::Offline { wiki, what }));
        }
        Some(wiki.languages(&article.title).map_err(LibraryError::from))
    }

    /// Opens an article URL met while browsing (another language of the article on screen)
    /// from its wiki, which the library reaches without taking it as a source of titles.
    pub fn open_url_reached(&self, text: &str) -> Result<Reading, LibraryError> {
        let url = wiki::url::parse(text).map_err(WikiError::from)?;
        let wiki = self.wikis.reach(&url);
        let title = url.title.clone();
        Ok(self.told(open_at(&wiki, &url, title)?))
    }

    /// Opens a random article of the wiki `from` came from, else of the first wiki named; None
    /// when the library has no wiki, or the wiki gave no title (it has no articles).
    pub fn open_random(&self, from: &Article) -> Result<Option<Reading>, LibraryError> {
        let Some(wiki) = self
            .wiki_of(from)
            .or_else(|| self.wikis.list().first().cloned())
        else {
            return Ok(None);
        };
        let Some(title) = wiki.random()? else {
            return Ok(None);
        };
        Ok(Some(self.told(wiki.open(Want::Title(&title), None)?)))
    }

    /// For the browser: cached wiki pages open at once, revalidated later (`revalidate`).
    pub fn set_revalidate_later(&mut self, later: bool) {
        self.wikis.set_revalidate_later(later);
    }

    /// What the command line's target means when it involves a wiki: an article URL, a title
    /// when `--wiki` named wikis (or when the library lacks it and the config names a default
    /// wiki), or no target with `--wiki` (the wiki's main page). None leaves it to the files.
    pub(super) fn open_wiki_target(
        &mut self,
        target: Option<&OsStr>,
        title: Option<&str>,
    ) -> Result<Option<Reading>, LibraryError> {
        let Some(target) = target else {
            return match self.wikis.list().first().cloned() {
                Some(wiki) if self.wikis.explicit() => {
                    let main = wiki.main_page()?;
                    Ok(Some(self.told(wiki.open(Want::Title(&main), None)?)))
                }
                _ => Ok(None),
            };
        };
        let Some(text) = target.to_str() else {
            return Ok(None);
        };
        if wiki::url::looks_like_url(text) {
            return self.open_url(text, title).map(Some);
        }
        if file::kind_of(Path::new(target)).is_some() || title.is_some() {
            return Ok(None);
        }
        if self.wikis.explicit() {
            return self.open_from_wikis(text).map(Some);
        }
        match self.wikis.settings().default.clone() {
            Some(default) if !self.contains(text) => {
                let wiki = self.join_wiki(&default, false)?;
                Ok(Some(self.told(wiki.open(Want::Title(text), None)?)))
            }
            _ => Ok(None),
        }
    }

    /// `folio URL [TITLE]`: the article the URL names (that revision, with `oldid`), or TITLE
    /// on the URL's wiki, or the wiki's main page.
    fn open_url(&mut self, text: &str, title: Option<&str>) -> Result<Reading, LibraryError> {
        let url = wiki::url::parse(text).map_err(WikiError::from)?;
        let wiki = self.join_wiki(text, false)?;
        let title = title.map(str::to_string).or_else(|| url.title.clone());
        Ok(self.told(open_at(&wiki, &url, title)?))
    }

    /// A title from the `--wiki` wikis, the first that has it.
    fn open_from_wikis(&self, title: &str) -> Result<Reading, LibraryError> {
        let mut missing = None;
        for wiki in self.wikis.list() {
            match wiki.open(Want::Title(title), None) {
                Ok(reading) => return Ok(self.told(reading)),
                Err(error @ WikiError::NotFound { .. }) => missing = Some(error),
                Err(error) => return Err(error.into()),
            }
        }
        Err(match missing {
            Some(error) => error.into(),
            None => LibraryError::NotFound(title.to_string()),
        })
    }

    /// The reading with what the wikis have to tell (the cache set aside, say).
    fn told(&self, mut reading: Reading) -> Reading {
        reading.warnings.extend(self.wikis.take_notes());
        reading
    }
}

/// What a full-text search of the wikis found, and what the wikis that could not answer said.
#[derive(Debug, Default)]
pub struct TextFound {
    pub hits: Vec<Hit>,
    pub problems: Vec<String>,
}

/// The article an URL names on `wiki`: that revision (with `oldid`), else `title`, else the
/// wiki's main page.
fn open_at(wiki: &Wiki, url: &ArticleUrl, title: Option<String>) -> Result<Reading, WikiError> {
    match (url.oldid, title) {
        (Some(id), title) => wiki.open(Want::Revision(id), title.as_deref()),
        (None, Some(title)) => wiki.open(Want::Title(&title), None),
        (None, None) => {
            let main = wiki.main_page()?;
            wiki.open(Want::Title(&main), None)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wiki::CachePlace;

    fn library() -> Library {
        let mut library = Library::new();
        library.set_wiki_settings(Settings {
            named: vec![("here".into(), "http://127.0.0.1:9".into())],
            cache: CachePlace::Nowhere,
            ..Settings::default()
        });
        library
    }

    #[test]
    fn no_wiki_named_no_network() {
        let mut library = library();
        let reading = library.open_target(None, None, None);
        assert!(reading.is_ok());
        let missing = library.open_target(Some(OsStr::new("No Such Title Anywhere")), None, None);
        assert!(
            matches!(missing, Err(LibraryError::NotFound(_))),
            "{:?}",
            missing.err()
        );
        assert!(!library.wikis().online_yet());
        assert!(library.wikis().list().is_empty());
    }

    #[test]
    fn a_default_wiki_is_asked_only_for_titles_the_library_lacks() {
        let mut library = library();
        let mut settings = library.wikis().settings().clone();
        settings.default = Some("here".into());
        settings.offline = true;
        library.set_wiki_settings(settings);
        let bundled = library.default_title().unwrap_or_default();
        assert!(
            library
                .open_target(Some(OsStr::new(&bundled)), None, None)
                .is_ok()
        );
        assert!(library.wikis().list().is_empty());
        let error = library
            .open_target(Some(OsStr::new("Elsewhere")), None, None)
            .err()
            .map(|error| error.to_string())
            .unwrap_or_default();
        assert!(
            error.contains("not cached, and folio is offline"),
            "{error}"
        );
        assert_eq!(library.wikis().list().len(), 1);
    }

    #[test]
    fn full_text_search_and_languages_need_a_wiki_and_the_network() {
        let mut library = library();
        let said = |error: LibraryError| error.to_string();
        let none = library
            .search_wiki_text("camp", 10, &|| false)
            .err()
            .map(said);
        assert!(none.is_some_and(|error| error.starts_with("full-text search needs a live wiki")),);
        let mut settings = library.wikis().settings().clone();
        settings.offline = true;
        library.set_wiki_settings(settings);
        assert!(library.add_wiki("here").is_ok());
        let found = library.search_wiki_text("camp", 10, &|| false);
        let found = found.unwrap_or_else(|error| panic!("{error}"));
        assert!(found.hits.is_empty());
        assert_eq!(
            found.problems,
            ["http://127.0.0.1:9 : folio is offline, and full-text search needs the network"]
        );
        let article = |source: &str| Article {
            title: "Camp Ashraf".into(),
            sources: vec![source.to_string()],
            ..Article::default()
        };
        let languages = library
            .languages_of(&article("http://127.0.0.1:9/index.php?title=Camp_Ashraf"))
            .map(|found| found.err().map(said));
        assert_eq!(
            languages,
            Some(Some(
                "http://127.0.0.1:9 : folio is offline, and asking for the other languages needs the network"
                    .to_string()
            ))
        );
        assert!(library.languages_of(&article("bundled:x.txt")).is_none());
    }

    #[test]
    fn a_url_names_its_wiki_and_offline_it_is_not_fetched() {
        let mut library = library();
        let mut settings = library.wikis().settings().clone();
        settings.offline = true;
        library.set_wiki_settings(settings);
        let error = library
            .open_target(
                Some(OsStr::new("http://127.0.0.1:9/wiki/Camp_Ashraf")),
                None,
                None,
            )
            .err()
            .map(|error| error.to_string())
            .unwrap_or_default();
        assert_eq!(
            error,
            "http://127.0.0.1:9 : “Camp Ashraf” is not cached, and folio is offline"
        );
        let error = library
            .open_target(Some(OsStr::new("ftp://127.0.0.1/wiki/X")), None, None)
            .err()
            .map(|error| error.to_string())
            .unwrap_or_default();
        assert!(error.contains("only http and https"), "{error}");
    }
}
