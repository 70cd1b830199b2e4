//! Opening the cache's database: settings for sharing between processes and surviving a kill,
//! then the tables checked or made.

use super::schema::{self, SchemaError};
use rusqlite::{Connection, ErrorCode, OpenFlags};
use std::path::Path;
use std::time::Duration;

/// How long a write waits for another process's write to finish before giving up. Writes are
/// single pages (a few milliseconds); this is generous so a slow disk is no error.
const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// Why a database could not be opened as a cache.
#[derive(Debug, thiserror::Error)]
pub enum ConnectError {
    /// The file is not a usable cache: it should be set aside and a new one made.
    #[error("{0}")]
    Damaged(String),
    /// Anything else (a directory that cannot be written, a lock held too long): the file may
    /// be fine, so it is left alone.
    #[error(transparent)]
    Sqlite(rusqlite::Error),
    /// Some file systems (network ones) cannot share the write-ahead log between processes.
    #[error("the cache cannot use a write-ahead log here (journal mode {0})")]
    NoWal(String),
}

impl From<rusqlite::Error> for ConnectError {
    fn from(error: rusqlite::Error) -> ConnectError {
        if is_damage(&error) {
            ConnectError::Damaged(error.to_string())
        } else {
            ConnectError::Sqlite(error)
        }
    }
}

impl From<SchemaError> for ConnectError {
    fn from(error: SchemaError) -> ConnectError {
        match error {
            SchemaError::Sqlite(error) => error.into(),
            other => ConnectError::Damaged(other.to_string()),
        }
    }
}

/// True for the errors that mean the file's content is wrong, as opposed to its access.
pub fn is_damage(error: &rusqlite::Error) -> bool {
    match error {
        rusqlite::Error::Utf8Error(..) | rusqlite::Error::FromSqlConversionFailure(..) => true,
        rusqlite::Error::InvalidColumnType(..) => true,
        error => matches!(
            error.sqlite_error_code(),
            Some(ErrorCode::DatabaseCorrupt | ErrorCode::NotADatabase)
        ),
    }
}

/// Opens (creating if needed) the database at `path` and makes sure it is a cache.
pub fn connect(path: &Path) -> Result<Connection, ConnectError> {
    let mut connection = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    connection.busy_timeout(BUSY_TIMEOUT)?;
    // Checked before anything is written, so that a file which is not a cache stays as it was.
    schema::prepare(&mut connection)?;
    // WAL: readers never wait for a writer, and a process killed mid-write leaves the last
    // commit intact. NORMAL syncs at checkpoints only: a kill loses nothing committed, a power
    // cut may lose the last pages fetched, which a cache can afford.
    let mode = journal_mode_wal(&connection)?;
    if !mode.eq_ignore_ascii_case("wal") {
        return Err(ConnectError::NoWal(mode));
    }
    connection.pragma_update(None, "synchronous", "NORMAL")?;
    // A burst of large pages grows the log; past a checkpoint it is cut back to this.
    connection.pragma_update(None, "journal_size_limit", 32 << 20)?;
    // Cheap (it reads the small `pages` rows only) and catches a file cut short.
    connection.query_row(
        "SELECT count(*), coalesce(sum(size), 0) FROM pages",
        [],
        |_| Ok(()),
    )?;
    Ok(connection)
}

/// Switches the file to WAL and says the mode it is in. Switching wants the file to itself, and
/// SQLite answers "busy" at once rather than waiting when another process holds it (processes
/// making a new cache together do, briefly): asked again until the busy timeout has passed.
fn journal_mode_wal(connection: &Connection) -> rusqlite::Result<String> {
    let start = std::time::Instant::now();
    loop {
        match connection.pragma_update_and_check(None, "journal_mode", "WAL", |row| row.get(0)) {
            Err(error)
                if error.sqlite_error_code() == Some(ErrorCode::DatabaseBusy)
                    && start.elapsed() < BUSY_TIMEOUT =>
            {
                std::thread::sleep(Duration::from_millis(5));
            }
            result => return result,
        }
    }
}
