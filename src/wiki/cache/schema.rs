//! The cache's tables, made on first use and checked on every open. A page's metadata, its
//! HTML and its parsed form are apart, so that looking a page up, counting and evicting read
//! small rows only, and opening a page from its parsed form leaves the HTML unread. A cache of
//! the first version (no parsed forms) gains the table in place: no page is lost.

use rusqlite::{Connection, TransactionBehavior};

/// `PRAGMA application_id`: "foli", so that another program's database is never taken for ours.
const APPLICATION_ID: i32 = 0x666f_6c69;

/// `PRAGMA user_version`: raised whenever the tables change.
const VERSION: i32 = 2;

/// Version 1 had no parsed forms: the table is added to it.
const PARSED_TABLE: &str = "
CREATE TABLE parsed (
    id INTEGER PRIMARY KEY,
    stamp TEXT NOT NULL,
    form BLOB NOT NULL
);
";

const TABLES: &str = "
CREATE TABLE pages (
    id INTEGER PRIMARY KEY,
    wiki TEXT NOT NULL,
    title TEXT NOT NULL,
    exact_key TEXT NOT NULL,
    folded_key TEXT NOT NULL,
    revision INTEGER,
    etag TEXT,
    fetched_unix INTEGER NOT NULL,
    last_read INTEGER NOT NULL,
    size INTEGER NOT NULL,
    UNIQUE (wiki, exact_key)
);
CREATE INDEX pages_by_folded_key ON pages (wiki, folded_key);
CREATE INDEX pages_by_last_read ON pages (last_read, size);
CREATE TABLE bodies (
    id INTEGER PRIMARY KEY,
    html BLOB NOT NULL
);
CREATE TABLE parsed (
    id INTEGER PRIMARY KEY,
    stamp TEXT NOT NULL,
    form BLOB NOT NULL
);
CREATE TABLE sites (
    origin TEXT PRIMARY KEY,
    rest TEXT,
    action TEXT
);
";

/// What is wrong with a database that is not a cache folio can use.
#[derive(Debug, thiserror::Error)]
pub enum SchemaError {
    #[error("it belongs to another program (application id {0:#x})")]
    ForeignApplication(i32),
    #[error("its layout is version {0}, this folio reads version {VERSION}")]
    Version(i32),
    #[error("it has tables but not a cache's")]
    Foreign,
    #[error(transparent)]
    Sqlite(#[from] rusqlite::Error),
}

/// Makes the tables in a new database, or checks an existing one is a cache of this version.
pub fn prepare(connection: &mut Connection) -> Result<(), SchemaError> {
    match check(connection)? {
        State::Ready => return Ok(()),
        State::First => return upgrade(connection),
        State::Empty => {}
    }
    // Pages of HTML are megabytes: larger database pages make their chains a quarter as long
    // (set before the first table; a database in WAL mode keeps the size it has).
    connection.pragma_update(None, "page_size", 16_384)?;
    // Immediate: two processes starting at once on a new file make the tables once.
    let transaction = connection.transaction_with_behavior(TransactionBehavior::Immediate)?;
    if check(&transaction)? == State::Empty {
        transaction.execute_batch(TABLES)?;
        transaction.pragma_update(None, "application_id", APPLICATION_ID)?;
        transaction.pragma_update(None, "user_version", VERSION)?;
    }
    transaction.commit()?;
    Ok(())
}

/// Adds the parsed forms' table to a cache of version 1 (once, whichever process is first).
fn upgrade(connection: &mut Connection) -> Result<(), SchemaError> {
    let transaction = connection.transaction_with_behavior(TransactionBehavior::Immediate)?;
    if check(&transaction)? == State::First {
        transaction.execute_batch(PARSED_TABLE)?;
        transaction.pragma_update(None, "user_version", VERSION)?;
    }
    transaction.commit()?;
    Ok(())
}

#[derive(PartialEq, Eq)]
enum State {
    Empty,
    /// Version 1: pages, bodies and sites, no parsed forms.
    First,
    Ready,
}

fn check(connection: &Connection) -> Result<State, SchemaError> {
    let application: i32 =
        connection.pragma_query_value(None, "application_id", |row| row.get(0))?;
    let version: i32 = connection.pragma_query_value(None, "user_version", |row| row.get(0))?;
    let tables: Vec<String> = connection
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")?
        .query_map([], |row| row.get(0))?
        .collect::<Result<_, _>>()?;
    match (application, version) {
        (0, 0) if tables.is_empty() => Ok(State::Empty),
        (0, 0) => Err(SchemaError::Foreign),
        (APPLICATION_ID, VERSION) if tables == ["bodies", "pages", "parsed", "sites"] => {
            Ok(State::Ready)
        }
        (APPLICATION_ID, 1) if tables == ["bodies", "pages", "sites"] => Ok(State::First),
        (APPLICATION_ID, VERSION) => Err(SchemaError::Foreign),
        (APPLICATION_ID, other) => Err(SchemaError::Version(other)),
        (other, _) => Err(SchemaError::ForeignApplication(other)),
    }
}
