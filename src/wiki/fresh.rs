//! Opening a wiki page through the page cache: a cached copy opens at once and is revalidated
//! (`If-None-Match` with its ETag, a 304 costing no body; else its revision compared with the
//! wiki's); offline, the cache alone answers; a wiki that cannot be reached opens its cached
//! copy with the date it was fetched. The browser opens the cached copy first and revalidates
//! on its worker; `dump` revalidates before printing.

use super::WikiError;
use super::cache::CachedPage;
use super::http::HttpError;
use super::page::{self, Fetched, Page, Want};
use super::source::{Wiki, lock};
use crate::format::Reading;
use std::sync::atomic::Ordering;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

impl Wiki {
    /// The cached copy of what `want` names, if the cache has it (a revision only when the
    /// cached copy is that revision of `title`).
    pub fn cached(&self, want: Want<'_>, title: Option<&str>) -> Option<CachedPage> {
        let cache = self.cache.as_ref()?;
        let (title, revision) = match want {
            Want::Title(title) => (title, None),
            Want::Revision(id) => (title?, Some(id)),
        };
        let page = cache.get(&self.origin, title).ok().flatten()?;
        if revision.is_some() && page.revision != revision {
            return None;
        }
        let _ = cache.mark_read(&self.origin, &page.title);
        Some(page)
    }

    /// Reads a cached copy, with no request.
    pub fn read_cached(&self, cached: &CachedPage) -> Result<Reading, WikiError> {
        self.read(&page_of(cached))
    }

    /// Opens a page: from the cache when it has the page (revalidated unless offline), else
    /// fetched and kept. `title` is the page's title when `want` is a revision (`?oldid=N`
    /// with `title=`), so that a cached copy of that revision can serve.
    pub fn open(&self, want: Want<'_>, title: Option<&str>) -> Result<Reading, WikiError> {
        let (page, notes) = self.page(want, title)?;
        let mut reading = self.read(&page)?;
        reading.warnings.extend(notes);
        Ok(reading)
    }

    /// The page `open` reads, and what to tell the reader about where it came from.
    pub fn page(
        &self,
        want: Want<'_>,
        title: Option<&str>,
    ) -> Result<(Page, Vec<String>), WikiError> {
        let cached = self.cached(want, title);
        if self.offline {
            return match cached {
                Some(cached) => Ok((page_of(&cached), Vec::new())),
                None => Err(WikiError::Offline {
                    wiki: self.origin.clone(),
                    title: describe(want, title),
                }),
            };
        }
        let Some(cached) = cached else {
            return self.fetch_and_keep(want);
        };
        if self.revalidate_later.load(Ordering::Relaxed) {
            return Ok((page_of(&cached), Vec::new()));
        }
        match self.refresh(&cached) {
            Ok(Some(newer)) => Ok(newer),
            Ok(None) => Ok((page_of(&cached), Vec::new())),
            Err(error) if unreachable(&error) => {
                Ok((page_of(&cached), vec![offline_note(&cached)]))
            }
            Err(error) => Err(error),
        }
    }

    /// Asks the wiki whether a cached page changed: None when it has not (its fetch time is
    /// renewed), else the newer revision, read and kept. For the browser's worker to call
    /// after it showed the cached copy (`read_cached`); an error is for a status message.
    pub fn revalidate(&self, cached: &CachedPage) -> Result<Option<Reading>, WikiError> {
        let Some((page, notes)) = self.refresh(cached)? else {
            return Ok(None);
        };
        let mut reading = self.read(&page)?;
        reading.warnings.extend(notes);
        Ok(Some(reading))
    }

    /// `revalidate` for the cached copy of `title`, if there is one (None when there is not).
    pub fn revalidate_title(&self, title: &str) -> Result<Option<Reading>, WikiError> {
        match self.cached(Want::Title(title), None) {
            Some(cached) if !self.offline => self.revalidate(&cached),
            _ => Ok(None),
        }
    }

    /// Whether a cached copy opens at once, its revalidation left to the caller
    /// (`revalidate_title`), or is revalidated before it opens (the default).
    pub fn set_revalidate_later(&self, later: bool) {
        self.revalidate_later.store(later, Ordering::Relaxed);
    }

    fn refresh(&self, cached: &CachedPage) -> Result<Option<(Page, Vec<String>)>, WikiError> {
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
                self.keep(&page);
                Ok(None)
            }
            Fetched::Page(page) => {
                let notes = self.keep(&page).into_iter().collect();
                Ok(Some((page, notes)))
            }
        }
    }

    fn fetch_and_keep(&self, want: Want<'_>) -> Result<(Page, Vec<String>), WikiError> {
        match self.fetch(want, None)? {
            Fetched::Page(page) => {
                // An old revision is not kept: the cache holds a title's current page.
                let notes = match want {
                    Want::Title(_) => self.keep(&page).into_iter().collect(),
                    Want::Revision(_) => Vec::new(),
                };
                Ok((page, notes))
            }
            // Asked without an ETag, a server has nothing to say "not modified" about.
            Fetched::NotModified => Err(WikiError::BadAnswer {
                url: self.origin.clone(),
                why: "“not modified” to a request that asked for the page".into(),
            }),
        }
    }

    /// Stores a page fetched; a cache that fails is a warning, not a failure to read.
    fn keep(&self, page: &Page) -> Option<String> {
        let cache = self.cache.as_ref()?;
        let cached = CachedPage {
            wiki: self.origin.clone(),
            title: page.title.clone(),
            revision: page.revision,
            etag: page.etag.clone(),
            html: page.html.clone(),
            fetched_unix: now_unix(),
        };
        cache.put(&cached).err().map(|error| error.to_string())
    }

    /// A cached page found current: its fetch time becomes now.
    fn renew(&self, cached: &CachedPage) {
        if let Some(cache) = &self.cache {
            let renewed = CachedPage {
                fetched_unix: now_unix(),
                ..cached.clone()
            };
            let _ = cache.put(&renewed);
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

/// A cached page as the fetched page it was.
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
