//! A page's parsed form beside its HTML: what a reader made of the HTML, as bytes its caller
//! encodes, stamped with the reader that wrote it so that only the same reader takes it back.
//! It is deleted whenever the page's HTML is replaced, and counts toward the size cap.

use super::{
    Cache, CacheError, CachedPage, MAX_NAME_BYTES, MAX_PAGE_BYTES, check_size, evict, find, head_of,
};
use rusqlite::{OptionalExtension, TransactionBehavior, params};

impl Cache {
    /// The page `title` of `wiki` and its parsed form, if the cache holds one stamped `stamp`.
    /// The page's `html` is left empty and unread: the form stands for it.
    pub fn get_parsed(
        &self,
        wiki: &str,
        title: &str,
        stamp: &str,
    ) -> Result<Option<(CachedPage, Vec<u8>)>, CacheError> {
        self.run(|connection| {
            let Some(id) = find(connection, wiki, title)? else {
                return Ok(None);
            };
            connection
                .prepare_cached(
                    "SELECT p.title, p.revision, p.etag, p.fetched_unix, f.form \
                     FROM pages p JOIN parsed f ON f.id = p.id WHERE p.id = ?1 AND f.stamp = ?2",
                )?
                .query_row(params![id, stamp], |row| {
                    Ok((head_of(wiki, row)?, row.get(4)?))
                })
                .optional()
        })
    }

    /// Keeps `form`, the parsed form of `page` stamped `stamp`, if the cache still holds that
    /// very page (its revision, ETag and HTML's length); false when it does not, the page
    /// having been replaced or evicted meanwhile by this process or another.
    pub fn put_parsed(
        &self,
        page: &CachedPage,
        stamp: &str,
        form: &[u8],
    ) -> Result<bool, CacheError> {
        check_size("the parsed page", form.len(), MAX_PAGE_BYTES)?;
        check_size("the stamp", stamp.len(), MAX_NAME_BYTES)?;
        let revision = page
            .revision
            .and_then(|revision| i64::try_from(revision).ok());
        let html_length = i64::try_from(page.html.len()).unwrap_or(i64::MAX);
        let max_bytes = self.max_bytes;
        self.run(|connection| {
            let transaction =
                connection.transaction_with_behavior(TransactionBehavior::Immediate)?;
            let Some(id) = find(&transaction, &page.wiki, &page.title)? else {
                return Ok(false);
            };
            let same: bool = transaction
                .prepare_cached(
                    "SELECT p.revision IS ?2 AND p.etag IS ?3 AND length(b.html) = ?4 \
                     FROM pages p JOIN bodies b ON b.id = p.id WHERE p.id = ?1",
                )?
                .query_row(params![id, revision, page.etag, html_length], |row| {
                    row.get(0)
                })
                .optional()?
                .unwrap_or(false);
            if !same {
                return Ok(false);
            }
            // The page's size counts its form: a form it had before is taken off first.
            transaction
                .prepare_cached(
                    "UPDATE pages SET size = size \
                     - coalesce((SELECT length(form) FROM parsed WHERE id = ?1), 0) + ?2 \
                     WHERE id = ?1",
                )?
                .execute(params![id, form.len() as i64])?;
            transaction
                .prepare_cached(
                    "INSERT OR REPLACE INTO parsed (id, stamp, form) VALUES (?1, ?2, ?3)",
                )?
                .execute(params![id, stamp, form])?;
            evict::evict(&transaction, max_bytes, id)?;
            transaction.commit()?;
            Ok(true)
        })
    }
}
