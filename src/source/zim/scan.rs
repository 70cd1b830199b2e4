//! Every article title, in title order, read front to back: the title positions a run at a
//! time, and the URL pointers and directory entries they lead to through read-ahead buffers
//! (neighbours in title order are mostly neighbours in the file), so listing or searching an
//! archive of millions of titles costs a few large reads per thousand titles, in memory that
//! does not grow with the archive.

use super::dirent::Dirent;
use super::file::ReadAhead;
use super::{DIRENT_READ, Zim};
use std::collections::{HashSet, VecDeque};
use std::hash::{BuildHasher, Hasher, RandomState};
use std::ops::ControlFlow;

/// Title positions read at once.
const TITLES_AT_ONCE: u32 = 4096;
/// Title keys remembered from the titles listed last.
const RECENT_KEYS: usize = 65_536;

/// Hands each article title to `each` in title order, until it says to stop. An entry that
/// cannot be read is skipped; a title list that cannot be read ends the scan.
pub fn each_title(zim: &Zim, each: &mut dyn FnMut(String) -> ControlFlow<()>) -> ControlFlow<()> {
    let mut pointers = ReadAhead::new(&zim.file);
    let mut dirents = ReadAhead::new(&zim.file);
    let mut recent = RecentKeys::default();
    let range = zim.article_titles.clone();
    let mut start = range.start;
    while start < range.end {
        let end = start + (range.end - start).min(TITLES_AT_ONCE);
        let Ok(entries) = zim.entries_by_title(start..end) else {
            break;
        };
        for entry in entries {
            let Some(dirent) = read(zim, entry, &mut pointers, &mut dirents) else {
                continue;
            };
            // Redirect targets lie anywhere: read past the buffers and the entry cache, which
            // the lookups of the screen being read keep.
            if let Some(title) = zim.listed_title(&dirent, |target| zim.read_dirent(target))
                && recent.is_new(&title)
            {
                each(title)?;
            }
        }
        start = end;
    }
    ControlFlow::Continue(())
}

/// Directory entry `entry`, through the buffers; a long one is read on its own.
fn read(
    zim: &Zim,
    entry: u32,
    pointers: &mut ReadAhead,
    dirents: &mut ReadAhead,
) -> Option<Dirent> {
    if entry >= zim.header.entry_count {
        return None;
    }
    let pointer = pointers
        .up_to(zim.header.url_pointers + 8 * u64::from(entry), 8)
        .ok()?;
    let at = u64::from_le_bytes(pointer.try_into().ok()?);
    match Dirent::parse(dirents.up_to(at, DIRENT_READ).ok()?) {
        Some(dirent) => Some(dirent),
        None => zim.read_dirent(entry).ok(),
    }
}

/// The keys of the titles listed last. Spellings of one title that differ in case ("Hit the
/// Road, Jack" and "Hit the road, jack", two redirects) sort near each other, so remembering a
/// bounded number of recent keys lists such a title once without memory growing with the
/// archive.
#[derive(Default)]
struct RecentKeys {
    hasher: RandomState,
    order: VecDeque<u64>,
    seen: HashSet<u64>,
}

impl RecentKeys {
    /// True the first time a title's key is seen lately. The title is in display form, so its
    /// key is its lower case, hashed as it is made.
    fn is_new(&mut self, title: &str) -> bool {
        let mut hasher = self.hasher.build_hasher();
        for c in title.chars().flat_map(char::to_lowercase) {
            hasher.write_u32(u32::from(c));
        }
        let hash = hasher.finish();
        if !self.seen.insert(hash) {
            return false;
        }
        self.order.push_back(hash);
        if self.order.len() > RECENT_KEYS
            && let Some(oldest) = self.order.pop_front()
        {
            self.seen.remove(&oldest);
        }
        true
    }
}
