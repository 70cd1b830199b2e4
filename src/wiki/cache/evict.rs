//! Keeping the cache under its size cap: the least recently read pages go first.

use rusqlite::{Connection, params};

/// Deletes the least recently read pages, but never `keep` (the page just stored), until the
/// pages' total size is at most `max_bytes`. Runs inside the caller's transaction. Returns how
/// many pages went.
pub fn evict(connection: &Connection, max_bytes: u64, keep: i64) -> rusqlite::Result<u64> {
    let total: i64 =
        connection.query_row("SELECT coalesce(sum(size), 0) FROM pages", [], |row| {
            row.get(0)
        })?;
    let mut excess = total.saturating_sub(i64::try_from(max_bytes).unwrap_or(i64::MAX));
    if excess <= 0 {
        return Ok(0);
    }
    let mut victims = Vec::new();
    {
        let mut oldest = connection
            .prepare_cached("SELECT id, size FROM pages WHERE id != ?1 ORDER BY last_read")?;
        let mut rows = oldest.query([keep])?;
        while excess > 0
            && let Some(row) = rows.next()?
        {
            let (id, size): (i64, i64) = (row.get(0)?, row.get(1)?);
            victims.push(id);
            excess -= size;
        }
    }
    let mut delete_page = connection.prepare_cached("DELETE FROM pages WHERE id = ?1")?;
    let mut delete_body = connection.prepare_cached("DELETE FROM bodies WHERE id = ?1")?;
    let mut delete_parsed = connection.prepare_cached("DELETE FROM parsed WHERE id = ?1")?;
    for id in &victims {
        delete_page.execute(params![id])?;
        delete_body.execute(params![id])?;
        delete_parsed.execute(params![id])?;
    }
    Ok(victims.len() as u64)
}
