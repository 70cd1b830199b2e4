//! Opening a wiki page through the page cache: a cached copy opens at once and is revalidated
//! (`If-None-Match` with its ETag, a 304 costing no body; else its revision compared with the
//! wiki's); offline, the cache alone answers; a wiki that cannot be reached opens its cached
//! copy with the date it was fetched. The browser opens the cached copy first and revalidates
//! on its worker (only pages opened so: a page just fetched is current); `dump` revalidates
//! before printing. A page read is kept read too (`parsed`): opened from the cache again, its
//! article is decoded rather than its HTML read.

use super::WikiError;
use super::cache::CachedPage;
use super::http::HttpError;
use super::page::{self, Fetched, Page, Want};
use super::parsed::{self, Parsed};
use super::source::{Wiki, lock};
use crate::format::Reading;
use crate::text::title_key;
use std::sync::atomic::Ordering;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// What a page was opened from.
enum Got {
    /// The cache's copy, with its parsed form when one this folio wrote was kept (its `html`
    /// is then left unread and empty).
    Cached(CachedPage, Option<Parsed>),
    /// The wiki, just now.
    Fetched(Fetch),
}

/// A page fetched, and the cache's copy of it when it was kept (its parsed form joins it).
struct Fetch {
    page: Page,
    kept: Option<CachedPage>,
    notes: Vec<String>,
}

impl Wiki {
    /// The cached copy of what `want` names, if the cache has it (a revision only when the
    /// cached copy is that revision of `title`); with `parsed`, its parsed form instead of its
    /// HTML when a sound one is kept.
    fn cached(&self, want: Want<'_>, title: Option<&str>, parsed: bool) -> Option<Got> {
        let cache = self.cache.as_ref()?;
        let (title, revision) = match want {
            Want::Title(title) => (title, None),
            Want::Revision(id) => (title?, Some(id)),
        };
        let form = parsed
            .then(parsed::stamp)
            .flatten()
            .and_then(|stamp| cache.get_parsed(&self.origin, title, stamp).ok().flatten())
            .and_then(|(page, form)| Some((page, Parsed::decode(&form)?)));
        let (page, form) = match form {
            Some((page, form)) => (page, Some(form)),
            None => (cache.get(&self.origin, title).ok().flatten()?, None),
        };
        if revision.is_some() && page.revision != revision {
            return None;
        }
        let _ = cache.mark_read(&self.origin, &page.title);
        Some(Got::Cached(page, form))
    }

    /// Opens a page: from the cache when it has the page (revalidated unless offline or left
    /// to the caller), else fetched and kept. `title` is the page's title when `want` is a
    /// revision (`?oldid=N` with `title=`), so that a cached copy of that revision can serve.
    pub fn open(&self, want: Want<'_>, title: Option<&str>) -> Result<Reading, WikiError> {
        let (got, notes) = self.find(want, title, true)?;
        let mut reading = match got {
            Got::Cached(cached, Some(form)) => self.reading(&page_of(&cached), form),
            Got::Cached(cached, None) => {
                let form = self.parse(&page_of(&cached))?;
                self.keep_parsed(&cached, &form);
                self.reading(&page_of(&cached), form)
            }
            Got::Fetched(fetch) => self.read_fetched(fetch)?,
        };
        reading.warnings.extend(notes);
        Ok(reading)
    }

    /// The page `open` reads, and what to tell the reader about where it came from.
    pub fn page(
        &self,
        want: Want<'_>,
        title: Option<&str>,
    ) -> Result<(Page, Vec<String>), WikiError> {
        let (got, mut notes) = self.find(want, title, false)?;
        Ok(match got {
            Got::Cached(cached, _) => (page_of(&cached), notes),
            Got::Fetched(fetch) => {
                notes.extend(fetch.notes);
                (fetch.page, notes)
            }
        })
    }

    /// Where a page comes from: the cache when it has it (offline, or its revalidation left
    /// to the caller, as it is; else once the wiki says it is current), else the wiki.
    fn find(
        &self,
        want: Want<'_>,
        title: Option<&str>,
        parsed: bool,
    ) -> Result<(Got, Vec<String>), WikiError> {
        let cached = self.cached(want, title, parsed);
        if self.offline {
            return match cached {
                Some(cached) => Ok((self.unchecked(cached), Vec::new())),
                None => Err(WikiError::Offline {
                    wiki: self.origin.clone(),
                    title: describe(want, title),
                }),
            };
        }
        let Some(Got::Cached(cached, form)) = cached else {
            return Ok((Got::Fetched(self.fetch_and_keep(want)?), Vec::new()));
        };
        if self.revalidate_later.load(Ordering::Relaxed) {
            return Ok((self.unchecked(Got::Cached(cached, form)), Vec::new()));
        }
        match self.refresh(&cached) {
            Ok(Some(fetch)) => Ok((Got::Fetched(fetch), Vec::new())),
            Ok(None) => Ok((Got::Cached(cached, form), Vec::new())),
            Err(error) if unreachable(&error) => {
                let note = offline_note(&cached);
                Ok((Got::Cached(cached, form), vec![note]))
            }
            Err(error) => Err(error),
        }
    }

    /// A cached copy opened without asking the wiki: the one kind of page `revalidate_title`
    /// asks after (a page just fetched is current).
    fn unchecked(&self, got: Got) -> Got {
        if let Got::Cached(cached, _) = &got {
            lock(&self.unchecked).insert(title_key(&cached.title));
        }
        got
    }

    /// The wiki was asked about `title` (or gave it) just now: it is not to be asked again.
    fn checked(&self, title: &str) {
        lock(&self.unchecked).remove(&title_key(title));
    }

    /// Asks the wiki whether a cached page changed: None when it has not (its fetch time is
    /// renewed), else the newer revision, read and kept. An error is for a status message.
    fn revalidate(&self, cached: &CachedPage) -> Result<Option<Reading>, WikiError> {
        self.refresh(cached)?
            .map(|fetch| self.read_fetched(fetch))
            .transpose()
    }

    /// `revalidate` for the cached copy of `title`, if it was opened from the cache without
    /// asking the wiki (None when it was not: a page fetched is not asked after again at once).
    pub fn revalidate_title(&self, title: &str) -> Result<Option<Reading>, WikiError> {
        if !lock(&self.unchecked).remove(&title_key(title)) || self.offline {
            return Ok(None);
        }
        // Its metadata only: this runs beside the browser's first frame.
        let cached = self
            .cache
            .as_ref()
            .and_then(|cache| cache.head(&self.origin, title).ok().flatten());
        match cached {
            Some(cached) => self.revalidate(&cached),
            None => Ok(None),
        }
    }

    /// Whether a cached copy opens at once, its revalidation left to the caller
    /// (`revalidate_title`), or is revalidated before it opens (the default).
    pub fn set_revalidate_later(&self, later: bool) {
        self.revalidate_later.store(later, Ordering::Relaxed);
    }

    /// The newer page if the wiki has one (kept), None when the cached copy is current.
    fn refresh(&self, cached: &CachedPage) -> Result<Option<Fetch>, WikiError> {
        self.checked(&cached.title);
        let want = Want::Title(&cached.title);
        if cached.etag.is_none() {
            // The Action API gives no ETag: the wiki's current revision says if it changed.
            let site = self.site()?;
            let current = page::current_revision(&self.client, &site, &cached.title)?;
            if current.is_some() && current == cached.revision {
                self.renew(cached);
                return Ok(None);
            }
            return self.fetch_and_keep(want).map(Some);
        }
        match self.fetch(want, cached.etag.as_deref())? {
            Fetched::NotModified => {
                self.renew(cached);
                Ok(None)
            }
            Fetched::Page(page) if page.revision.is_some() && page.revision == cached.revision => {
                let _ = self.keep(&page);
                Ok(None)
            }
            Fetched::Page(page) => Ok(Some(self.kept(page))),
        }
    }

    fn fetch_and_keep(&self, want: Want<'_>) -> Result<Fetch, WikiError> {
        match self.fetch(want, None)? {
            // An old revision is not kept: the cache holds a title's current page.
            Fetched::Page(page) => Ok(match want {
                Want::Title(_) => self.kept(page),
                Want::Revision(_) => Fetch {
                    page,
                    kept: None,
                    notes: Vec::new(),
                },
            }),
            // Asked without an ETag, a server has nothing to say "not modified" about.
            Fetched::NotModified => Err(WikiError::BadAnswer {
                url: self.origin.clone(),
                why: "“not modified” to a request that asked for the page".into(),
            }),
        }
    }

    /// A page fetched, kept in the cache.
    fn kept(&self, page: Page) -> Fetch {
        self.checked(&page.title);
        let (kept, notes) = match self.keep(&page) {
            Ok(kept) => (kept, Vec::new()),
            Err(note) => (None, vec![note]),
        };
        Fetch { page, kept, notes }
    }

    /// A page fetched as an article, its parsed form kept beside it in the cache.
    fn read_fetched(&self, fetch: Fetch) -> Result<Reading, WikiError> {
        let form = self.parse(&fetch.page)?;
        if let Some(kept) = &fetch.kept {
            self.keep_parsed(kept, &form);
        }
        let mut reading = self.reading(&fetch.page, form);
        reading.warnings.extend(fetch.notes);
        Ok(reading)
    }

    /// Stores a page fetched (the copy stored, None without a cache); a cache that fails is a
    /// warning, not a failure to read.
    fn keep(&self, page: &Page) -> Result<Option<CachedPage>, String> {
        let Some(cache) = self.cache.as_ref() else {
            return Ok(None);
        };
        let cached = CachedPage {
            wiki: self.origin.clone(),
            title: page.title.clone(),
            revision: page.revision,
            etag: page.etag.clone(),
            html: page.html.clone(),
            fetched_unix: now_unix(),
        };
        cache.put(&cached).map_err(|error| error.to_string())?;
        Ok(Some(cached))
    }

    /// Keeps a page's parsed form beside its cached HTML. Failing costs only the next open's
    /// reading of the HTML, so it is not said.
    fn keep_parsed(&self, cached: &CachedPage, form: &Parsed) {
        let (Some(cache), Some(stamp)) = (&self.cache, parsed::stamp()) else {
            return;
        };
        if let Some(bytes) = form.encode() {
            let _ = cache.put_parsed(cached, stamp, &bytes);
        }
    }

    /// A cached page found current: its fetch time becomes now.
    fn renew(&self, cached: &CachedPage) {
        if let Some(cache) = &self.cache {
            let _ = cache.renew(&self.origin, &cached.title, now_unix());
        }
    }

    /// Remembers a site's endpoints in the cache, for the next run.
    pub(super) fn remember_site(&self) {
        let (Some(cache), Some(site)) = (&self.cache, lock(&self.site).clone()) else {
            return;
        };
        let endpoints = super::cache::SiteEndpoints {
            rest: site.rest,
            action: site.action,
        };
        let _ = cache.put_site(&self.origin, &endpoints);
    }
}

/// A cached page as the fetched page it was (without its HTML when its parsed form stands
/// for it).
fn page_of(cached: &CachedPage) -> Page {
    Page {
        title: cached.title.clone(),
        revision: cached.revision,
        etag: cached.etag.clone(),
        html: cached.html.clone(),
        redirected_from: None,
        lossy: false,
    }
}

/// Errors that mean the wiki could not be reached (not that it answered no).
fn unreachable(error: &WikiError) -> bool {
    matches!(
        error,
        WikiError::Http(
            HttpError::Network { .. } | HttpError::Timeout { .. } | HttpError::Cut { .. }
        )
    )
}

/// `offline: copy from Tue, 01 Dec 2026 17:46:02 GMT`
pub fn offline_note(cached: &CachedPage) -> String {
    let when = UNIX_EPOCH + Duration::from_secs(u64::try_from(cached.fetched_unix).unwrap_or(0));
    format!("offline: copy from {}", httpdate::fmt_http_date(when))
}

fn describe(want: Want<'_>, title: Option<&str>) -> String {
    match (want, title) {
        (Want::Title(title), _) => crate::text::display_title(title),
        (Want::Revision(id), Some(title)) => {
            format!("{} (revision {id})", crate::text::display_title(title))
        }
        (Want::Revision(id), None) => format!("revision {id}"),
    }
}

fn now_unix() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|since| i64::try_from(since.as_secs()).unwrap_or(i64::MAX))
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_offline_note_gives_the_copys_date() {
        let cached = CachedPage {
            wiki: "https://en.wikipedia.org".into(),
            title: "Camp Ashraf".into(),
            revision: Some(1),
            etag: None,
            html: String::new(),
            fetched_unix: 1_445_412_480,
        };
        assert_eq!(
            offline_note(&cached),
            "offline: copy from Wed, 21 Oct 2015 07:28:00 GMT"
        );
    }
}
