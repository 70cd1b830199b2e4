//! The on-disk cache of pages read from live wikis, `$XDG_CACHE_HOME/folio/pages.sqlite`: each
//! page by wiki and title, with its revision, ETag, HTML and fetch time; and per site, the API
//! endpoints found for it. Least recently read pages are evicted past a size cap.
//!
//! SQLite (rusqlite, with SQLite bundled so every build has the same, recent one) rather than
//! redb: its write-ahead log lets several folio processes read and write one file at once
//! (redb takes an exclusive lock, so a second folio could not use the cache at all), a commit
//! survives the process being killed at any instant, and damage is reported as an error
//! rather than a panic, so a damaged file can be set aside.

mod connect;
mod evict;
mod parsed;
mod schema;
mod set_aside;
mod title;

pub use connect::ConnectError;
use connect::{connect, is_damage};
use rusqlite::{Connection, ErrorCode, OptionalExtension, TransactionBehavior, params};
use set_aside::{Identity, set_aside};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};

/// The size cap unless the config file sets one (`[cache] max_size`).
pub const DEFAULT_MAX_BYTES: u64 = 1 << 30;

/// The largest page HTML kept (the largest Wikipedia articles are about 5 MB of HTML).
pub const MAX_PAGE_BYTES: usize = 64 << 20;

/// The longest wiki name, title, ETag or endpoint kept (MediaWiki titles are 255 bytes at most).
pub const MAX_NAME_BYTES: usize = 4096;

/// The database's file name in the cache folder.
pub const FILE_NAME: &str = "pages.sqlite";

/// A page as fetched from a wiki.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CachedPage {
    /// The wiki it came from, as the caller names wikis (its base URL, say).
    pub wiki: String,
    /// The page's title as the wiki gave it.
    pub title: String,
    pub revision: Option<u64>,
    pub etag: Option<String>,
    pub html: String,
    /// When it was fetched (or last revalidated), in seconds since 1970.
    pub fetched_unix: i64,
}

/// The API endpoints found for a site (full URLs), so they are looked for once.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SiteEndpoints {
    /// The REST API, `…/rest.php`.
    pub rest: Option<String>,
    /// The Action API, `…/api.php`.
    pub action: Option<String>,
}

/// How much the cache holds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Stats {
    pub pages: u64,
    /// The pages' size, which the cap counts: HTML, title, ETag and wiki name.
    pub bytes: u64,
    /// The database's files on disk (with the write-ahead log), free space included.
    pub disk_bytes: u64,
}

/// A cache just opened, and what to tell the reader about it: a damaged file set aside.
pub struct Opened {
    pub cache: Cache,
    pub message: Option<String>,
}

/// Why the cache could not do what was asked.
#[derive(Debug, thiserror::Error)]
pub enum CacheError {
    #[error("no folder for the page cache: neither XDG_CACHE_HOME nor a home folder is set")]
    NoFolder,
    #[error("page cache folder {path}: {source}")]
    Folder {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("page cache {path}: {source}")]
    Open { path: PathBuf, source: ConnectError },
    /// Said once, when it happens; the cache goes on with a new, empty file.
    #[error(
        "the page cache {path} was damaged ({reason}); it was set aside as {aside} and a new one begun"
    )]
    SetAside {
        path: PathBuf,
        reason: String,
        aside: PathBuf,
    },
    #[error("the page cache {path} is damaged ({reason}) and could not be set aside: {source}")]
    NotSetAside {
        path: PathBuf,
        reason: String,
        source: std::io::Error,
    },
    #[error("the page cache is unavailable since it was found damaged")]
    Unavailable,
    #[error("{what} is too large for the page cache ({size} bytes; at most {max})")]
    TooLarge {
        what: &'static str,
        size: usize,
        max: usize,
    },
    #[error("page cache: {0}")]
    Invalid(&'static str),
    #[error("page cache: {0}")]
    Sqlite(rusqlite::Error),
}

/// The cache: one connection, shared by the threads of a process (`Cache` is `Sync`); other
/// processes have their own.
pub struct Cache {
    path: PathBuf,
    max_bytes: u64,
    live: Mutex<Live>,
}

struct Live {
    /// None once the file was found damaged and no new one could be made.
    connection: Option<Connection>,
    /// The file the connection has open, so that a damaged one is set aside only if no other
    /// process has done so already.
    identity: Option<Identity>,
}

impl Cache {
    /// `$XDG_CACHE_HOME/folio/pages.sqlite`, else `~/.cache/folio/pages.sqlite`.
    pub fn default_path() -> Result<PathBuf, CacheError> {
        let dirs = directories::BaseDirs::new().ok_or(CacheError::NoFolder)?;
        Ok(dirs.cache_dir().join("folio").join(FILE_NAME))
    }

    /// Opens the cache at its default place.
    pub fn open_default() -> Result<Opened, CacheError> {
        Cache::open(&Cache::default_path()?)
    }

    /// Opens the cache at `path`, making it and its folder if needed. A damaged file is set
    /// aside and a new one made, with a message saying so.
    pub fn open(path: &Path) -> Result<Opened, CacheError> {
        if let Some(folder) = path
            .parent()
            .filter(|folder| !folder.as_os_str().is_empty())
        {
            std::fs::create_dir_all(folder).map_err(|source| CacheError::Folder {
                path: folder.to_path_buf(),
                source,
            })?;
        }
        let opened = Identity::of(path);
        let (connection, message) = match connect(path) {
            Ok(connection) => (connection, None),
            Err(ConnectError::Damaged(reason)) => {
                let message = put_aside(path, opened, reason)?;
                let connection = connect(path).map_err(|source| CacheError::Open {
                    path: path.to_path_buf(),
                    source,
                })?;
                (connection, Some(message.to_string()))
            }
            Err(source) => {
                return Err(CacheError::Open {
                    path: path.to_path_buf(),
                    source,
                });
            }
        };
        let cache = Cache {
            path: path.to_path_buf(),
            max_bytes: DEFAULT_MAX_BYTES,
            live: Mutex::new(Live {
                connection: Some(connection),
                identity: Identity::of(path),
            }),
        };
        Ok(Opened { cache, message })
    }

    /// The same cache with another size cap (applied at the next `put`).
    pub fn with_max_bytes(mut self, max_bytes: u64) -> Cache {
        self.max_bytes = max_bytes;
        self
    }

    pub fn max_bytes(&self) -> u64 {
        self.max_bytes
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The page of `wiki` titled `title`. Titles match as MediaWiki matches them: `_` and
    /// spaces are one; the same title exactly is preferred, else one differing in the case of
    /// its first letter. On a wiki whose titles are case-sensitive throughout (Wiktionary),
    /// compare the page's `title` with the one asked for.
    pub fn get(&self, wiki: &str, title: &str) -> Result<Option<CachedPage>, CacheError> {
        self.run(|connection| {
            let Some(id) = find(connection, wiki, title)? else {
                return Ok(None);
            };
            connection
                .prepare_cached(
                    "SELECT p.title, p.revision, p.etag, p.fetched_unix, b.html \
                     FROM pages p JOIN bodies b ON b.id = p.id WHERE p.id = ?1",
                )?
                .query_row([id], |row| {
                    let html: Vec<u8> = row.get(4)?;
                    Ok(CachedPage {
                        // Stored from a String; anything else was written by someone else.
                        html: String::from_utf8(html).unwrap_or_else(|error| {
                            String::from_utf8_lossy(error.as_bytes()).into_owned()
                        }),
                        ..head_of(wiki, row)?
                    })
                })
                .optional()
        })
    }

    /// `get` without the HTML (left empty): what asking the wiki about a page needs.
    pub fn head(&self, wiki: &str, title: &str) -> Result<Option<CachedPage>, CacheError> {
        self.run(|connection| {
            let Some(id) = find(connection, wiki, title)? else {
                return Ok(None);
            };
            connection
                .prepare_cached(
                    "SELECT title, revision, etag, fetched_unix FROM pages WHERE id = ?1",
                )?
                .query_row([id], |row| head_of(wiki, row))
                .optional()
        })
    }

    /// Stores a page (replacing the one of the same wiki and title), counts it as just read,
    /// then evicts the least recently read others while the cache is over its cap.
    pub fn put(&self, page: &CachedPage) -> Result<(), CacheError> {
        check_size("the page", page.html.len(), MAX_PAGE_BYTES)?;
        check_size("the wiki name", page.wiki.len(), MAX_NAME_BYTES)?;
        check_size("the title", page.title.len(), MAX_NAME_BYTES)?;
        check_size(
            "the ETag",
            page.etag.as_ref().map_or(0, String::len),
            MAX_NAME_BYTES,
        )?;
        let exact = title::exact_key(&page.title);
        if exact.is_empty() {
            return Err(CacheError::Invalid("a page needs a title"));
        }
        let revision = page
            .revision
            .map(i64::try_from)
            .transpose()
            .map_err(|_| CacheError::Invalid("a revision number beyond 2^63"))?;
        let size = page.html.len()
            + page.title.len()
            + page.wiki.len()
            + page.etag.as_ref().map_or(0, String::len);
        let max_bytes = self.max_bytes;
        self.run(|connection| {
            let transaction =
                connection.transaction_with_behavior(TransactionBehavior::Immediate)?;
            let clock = next_read(&transaction)?;
            let id: i64 = transaction
                .prepare_cached(
                    "INSERT INTO pages (wiki, title, exact_key, folded_key, revision, etag, \
                     fetched_unix, last_read, size) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) \
                     ON CONFLICT (wiki, exact_key) DO UPDATE SET title = excluded.title, \
                     folded_key = excluded.folded_key, revision = excluded.revision, \
                     etag = excluded.etag, fetched_unix = excluded.fetched_unix, \
                     last_read = excluded.last_read, size = excluded.size RETURNING id",
                )?
                .query_row(
                    params![
                        page.wiki,
                        page.title,
                        exact,
                        title::folded_key(&page.title),
                        revision,
                        page.etag,
                        page.fetched_unix,
                        clock,
                        size as i64,
                    ],
                    |row| row.get(0),
                )?;
            transaction
                .prepare_cached("INSERT OR REPLACE INTO bodies (id, html) VALUES (?1, ?2)")?
                .execute(params![id, page.html.as_bytes()])?;
            // A parsed form belongs to the HTML it was read from, which this one replaces.
            transaction
                .prepare_cached("DELETE FROM parsed WHERE id = ?1")?
                .execute([id])?;
            evict::evict(&transaction, max_bytes, id)?;
            transaction.commit()
        })
    }

    /// Counts the page as just read, so that eviction takes it last. False when it is not
    /// cached.
    pub fn mark_read(&self, wiki: &str, title: &str) -> Result<bool, CacheError> {
        self.run(|connection| {
            let transaction =
                connection.transaction_with_behavior(TransactionBehavior::Immediate)?;
            let Some(id) = find(&transaction, wiki, title)? else {
                return Ok(false);
            };
            let clock = next_read(&transaction)?;
            transaction
                .prepare_cached("UPDATE pages SET last_read = ?1 WHERE id = ?2")?
                .execute(params![clock, id])?;
            transaction.commit()?;
            Ok(true)
        })
    }

    /// A cached page found current by its wiki: its fetch time becomes `fetched_unix`, its
    /// HTML and parsed form stay as they are. False when it is not cached (any more).
    pub fn renew(&self, wiki: &str, title: &str, fetched_unix: i64) -> Result<bool, CacheError> {
        self.run(|connection| {
            let transaction =
                connection.transaction_with_behavior(TransactionBehavior::Immediate)?;
            let Some(id) = find(&transaction, wiki, title)? else {
                return Ok(false);
            };
            transaction
                .prepare_cached("UPDATE pages SET fetched_unix = ?1 WHERE id = ?2")?
                .execute(params![fetched_unix, id])?;
            transaction.commit()?;
            Ok(true)
        })
    }

    /// The endpoints remembered for a site (`https://en.wikipedia.org`, say).
    pub fn site(&self, origin: &str) -> Result<Option<SiteEndpoints>, CacheError> {
        self.run(|connection| {
            connection
                .prepare_cached("SELECT rest, action FROM sites WHERE origin = ?1")?
                .query_row([origin], |row| {
                    Ok(SiteEndpoints {
                        rest: row.get(0)?,
                        action: row.get(1)?,
                    })
                })
                .optional()
        })
    }

    /// Remembers the endpoints found for a site, replacing what was known.
    pub fn put_site(&self, origin: &str, endpoints: &SiteEndpoints) -> Result<(), CacheError> {
        check_size("the site", origin.len(), MAX_NAME_BYTES)?;
        for endpoint in [&endpoints.rest, &endpoints.action] {
            check_size(
                "the endpoint",
                endpoint.as_ref().map_or(0, String::len),
                MAX_NAME_BYTES,
            )?;
        }
        self.run(|connection| {
            connection
                .prepare_cached(
                    "INSERT OR REPLACE INTO sites (origin, rest, action) VALUES (?1, ?2, ?3)",
                )?
                .execute(params![origin, endpoints.rest, endpoints.action])
                .map(drop)
        })
    }

    /// How many pages, how large.
    pub fn stats(&self) -> Result<Stats, CacheError> {
        let (pages, bytes) = self.run(|connection| {
            connection
                .prepare_cached("SELECT count(*), coalesce(sum(size), 0) FROM pages")?
                .query_row([], |row| Ok((row.get::<_, i64>(0)?, row.get::<_, i64>(1)?)))
        })?;
        Ok(Stats {
            pages: u64::try_from(pages).unwrap_or(0),
            bytes: u64::try_from(bytes).unwrap_or(0),
            disk_bytes: self.disk_bytes(),
        })
    }

    /// Reads the whole file to check it is sound (SQLite's `quick_check`): a damaged file is set
    /// aside (the error says so) and a new one begun. Seconds for a cache of gigabytes, so it is
    /// for `folio cache`, not for every open.
    pub fn check(&self) -> Result<(), CacheError> {
        self.run(|connection| {
            let findings: Vec<String> = connection
                .prepare("PRAGMA quick_check(3)")?
                .query_map([], |row| row.get(0))?
                .collect::<Result<_, _>>()?;
            if findings.len() == 1 && findings[0] == "ok" {
                return Ok(());
            }
            let findings: Vec<&str> = findings
                .iter()
                .flat_map(|finding| finding.lines())
                .filter(|line| !line.starts_with("***"))
                .take(3)
                .collect();
            Err(rusqlite::Error::SqliteFailure(
                rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_CORRUPT),
                Some(findings.join("; ")),
            ))
        })
    }

    /// Empties the cache (pages and sites) and gives the space back to the file system.
    /// Returns what it held.
    pub fn clear(&self) -> Result<Stats, CacheError> {
        let held = self.stats()?;
        self.run(|connection| {
            let transaction =
                connection.transaction_with_behavior(TransactionBehavior::Immediate)?;
            transaction.execute_batch(
                "DELETE FROM pages; DELETE FROM bodies; DELETE FROM parsed; DELETE FROM sites;",
            )?;
            transaction.commit()?;
            // Cheap on an empty database, it gives the file's pages back; then the log is folded
            // into the file and truncated. Another process busy with the cache at this moment
            // only delays that: the pages are gone either way.
            match connection.execute_batch("VACUUM").and_then(|()| {
                connection.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
            }) {
                Err(error) if is_busy(&error) => Ok(()),
                other => other,
            }
        })?;
        Ok(held)
    }

    /// The size of the database file and its log.
    fn disk_bytes(&self) -> u64 {
        let mut log = self.path.as_os_str().to_owned();
        log.push("-wal");
        [self.path.as_path(), Path::new(&log)]
            .iter()
            .filter_map(|path| std::fs::metadata(path).ok())
            .map(|meta| meta.len())
            .sum()
    }

    /// Runs `work` on the connection. If it finds the file damaged, the file is set aside and
    /// a new one made for the calls that follow; this call returns the one message saying so.
    fn run<T>(
        &self,
        work: impl FnOnce(&mut Connection) -> rusqlite::Result<T>,
    ) -> Result<T, CacheError> {
        // A panic elsewhere while holding the lock left no transaction open (it rolls back
        // when dropped), so the connection is still good.
        let mut live = self.live.lock().unwrap_or_else(PoisonError::into_inner);
        let connection = live.connection.as_mut().ok_or(CacheError::Unavailable)?;
        match work(connection) {
            Ok(value) => Ok(value),
            Err(error) if is_damage(&error) => Err(self.start_afresh(&mut live, error.to_string())),
            Err(error) => Err(CacheError::Sqlite(error)),
        }
    }

    fn start_afresh(&self, live: &mut Live, reason: String) -> CacheError {
        // Closed first: a closing connection removes its log by name, which would be the new
        // file's.
        if let Some(connection) = live.connection.take() {
            drop(connection.close());
        }
        let message = match put_aside(&self.path, live.identity, reason) {
            Ok(message) => message,
            Err(error) => return error,
        };
        match connect(&self.path) {
            Ok(connection) => {
                live.connection = Some(connection);
                live.identity = Identity::of(&self.path);
                message
            }
            Err(source) => CacheError::Open {
                path: self.path.clone(),
                source,
            },
        }
    }
}

/// Sets the damaged file aside; the message to give (also when another process did it first).
fn put_aside(
    path: &Path,
    opened: Option<Identity>,
    reason: String,
) -> Result<CacheError, CacheError> {
    // One line, whatever SQLite said.
    let reason = reason.split_whitespace().collect::<Vec<_>>().join(" ");
    match set_aside(path, opened) {
        Ok(Some(aside)) => Ok(CacheError::SetAside {
            path: path.to_path_buf(),
            reason,
            aside,
        }),
        Ok(None) => Ok(CacheError::SetAside {
            path: path.to_path_buf(),
            reason,
            aside: PathBuf::from("(by another folio)"),
        }),
        Err(source) => Err(CacheError::NotSetAside {
            path: path.to_path_buf(),
            reason,
            source,
        }),
    }
}

/// The id of the page `title` of `wiki`: the exact title, else the one its first letter folded.
fn find(connection: &Connection, wiki: &str, title: &str) -> rusqlite::Result<Option<i64>> {
    let exact = connection
        .prepare_cached("SELECT id FROM pages WHERE wiki = ?1 AND exact_key = ?2")?
        .query_row(params![wiki, title::exact_key(title)], |row| row.get(0))
        .optional()?;
    if exact.is_some() {
        return Ok(exact);
    }
    connection
        .prepare_cached(
            "SELECT id FROM pages WHERE wiki = ?1 AND folded_key = ?2 \
             ORDER BY last_read DESC LIMIT 1",
        )?
        .query_row(params![wiki, title::folded_key(title)], |row| row.get(0))
        .optional()
}

/// A page of `wiki` without its HTML, from a row whose first columns are its title, revision,
/// ETag and fetch time.
fn head_of(wiki: &str, row: &rusqlite::Row<'_>) -> rusqlite::Result<CachedPage> {
    let revision: Option<i64> = row.get(1)?;
    Ok(CachedPage {
        wiki: wiki.to_string(),
        title: row.get(0)?,
        revision: revision.and_then(|revision| u64::try_from(revision).ok()),
        etag: row.get(2)?,
        html: String::new(),
        fetched_unix: row.get(3)?,
    })
}

/// The next tick of the read clock: a counter, not the time, so the order of reads is exact
/// even within a second and whatever the clocks of the processes sharing the cache say.
fn next_read(connection: &Connection) -> rusqlite::Result<i64> {
    connection
        .prepare_cached("SELECT coalesce(max(last_read), 0) + 1 FROM pages")?
        .query_row([], |row| row.get(0))
}

fn is_busy(error: &rusqlite::Error) -> bool {
    matches!(
        error.sqlite_error_code(),
        Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked)
    )
}

fn check_size(what: &'static str, size: usize, max: usize) -> Result<(), CacheError> {
    if size > max {
        return Err(CacheError::TooLarge { what, size, max });
    }
    Ok(())
}
