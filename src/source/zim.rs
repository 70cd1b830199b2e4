//! Kiwix ZIM archives (offline Wikipedia) as a library source. Only the header, the MIME types
//! and a few positions are read on open; directory entries and clusters are read when needed,
//! with positioned reads of the file, so memory does not grow with the archive.
//!
//! Both layouts are read: the old one (articles in namespace `A`, a title pointer list in the
//! header) and the new one of version 6.1 on (everything in `C`, the article titles in the
//! `X/listing/titleOrdered/v1` listing).

mod cluster;
mod dirent;
mod file;
mod header;
mod index;
mod scan;

use super::{Document, Presence, Source, SourceError, Wanted};
use crate::format::Format;
use crate::text::{self, title_key};
use cluster::{Blob, ClusterCache, Extent};
use dirent::{Dirent, Kind};
use file::ArchiveFile;
use header::{HEADER_LEN, Header};
use index::SortedList;
use std::collections::HashMap;
use std::ops::{ControlFlow, Range};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};

/// A redirect chain longer than this is a loop.
const MAX_REDIRECTS: usize = 16;
/// Directory entries are short; one is read with this many bytes, a longer one with up to
/// `MAX_DIRENT_LEN`, and one longer still is corrupt.
const DIRENT_READ: usize = 512;
const MAX_DIRENT_LEN: usize = 64 * 1024;
/// Entries and lookups remembered: the top of every binary search is read again and again.
const CACHED_DIRENTS: usize = 8192;
const CACHED_LOOKUPS: usize = 4096;
/// The most entries a site archive may have for a link to be looked for by a scan.
const MAX_SCANNED_ENTRIES: usize = 100_000;
/// Entries looked at per spelling in a title search, beyond the hits asked for (some entries
/// under a prefix are not articles).
const SEARCH_SLACK: usize = 64;
/// Metadata entries shown in the info view, and the length of each value.
const MAX_METADATA: u32 = 64;
const MAX_METADATA_CHARS: usize = 1000;
/// Metadata shown first, in this order; the rest follow in the archive's order.
const METADATA_ORDER: &[&str] = &[
    "Title",
    "Description",
    "Language",
    "Date",
    "Creator",
    "Publisher",
];
const TITLE_LISTING: &str = "listing/titleOrdered/v1";

#[derive(Debug, thiserror::Error)]
pub enum ZimError {
    #[error("{0}")]
    Io(#[from] std::io::Error),
    #[error("not a ZIM archive (it does not start with the ZIM magic number)")]
    NotZim,
    #[error("too short for a ZIM archive ({0} bytes; the header alone is 80)")]
    TooShort(u64),
    #[error("ZIM version {0}.{1} is not supported (folio reads versions 5 and 6)")]
    Version(u16, u16),
    #[error(
        "truncated or corrupt: a read at byte {offset} goes past the end of the file ({len} bytes)"
    )]
    PastEnd { offset: u64, len: u64 },
    #[error("{0} are not supported")]
    Unsupported(&'static str),
    #[error("{0}")]
    Corrupt(String),
    #[error(
        "an entry expands beyond {0} MiB, more than any article: the archive is corrupt or hostile"
    )]
    TooLarge(usize),
    #[error("not enough memory for an entry of {0} bytes")]
    OutOfMemory(u64),
}

/// True when `path` is a ZIM archive by its first bytes, or claims to be one by its name (then
/// opening it says what is wrong with it).
pub fn is_archive(path: &Path) -> bool {
    let named_zim = path
        .extension()
        .is_some_and(|extension| extension.eq_ignore_ascii_case("zim"));
    named_zim
        || crate::source::file::read_head(path, 4)
            .is_ok_and(|magic| magic == header::MAGIC.to_le_bytes())
}

/// How the archive's article titles are ordered for lookups and search.
enum TitleOrder {
    /// The header's title pointer list: `u32` entry numbers at this position, every namespace.
    Header(u64),
    /// The title listing of the new layout (article titles only), stored uncompressed.
    Listing { at: u64, count: u32 },
    /// The same listing from a compressed cluster.
    LoadedListing(Vec<u8>),
    /// No title index at all: the URL list stands in.
    Urls,
}

pub struct Zim {
    path: PathBuf,
    file: ArchiveFile,
    header: Header,
    mime_types: Vec<String>,
    /// Positions in the URL list of the article namespace.
    article_urls: Range<u32>,
    title_order: TitleOrder,
    /// Positions in the title order of the article titles.
    article_titles: Range<u32>,
    clusters: ClusterCache,
    dirents: Mutex<HashMap<u32, Dirent>>,
    /// Title key → the entry it names (before redirects), for `contains` then `documents`.
    lookups: Mutex<HashMap<String, Option<u32>>>,
    /// A site archive's pages by the last segment of their URL, built on first need.
    last_segments: OnceLock<HashMap<String, u32>>,
}

/// The URL list (position = entry number), sorted by namespace then URL.
struct ByUrl<'a>(&'a Zim);

impl SortedList for ByUrl<'_> {
    fn sort_key(&self, position: u32) -> Result<String, ZimError> {
        Ok(self.0.dirent(position)?.url)
    }
}

/// The title order, sorted by title (the URL where the title is empty).
struct ByTitle<'a>(&'a Zim);

impl SortedList for ByTitle<'_> {
    fn sort_key(&self, position: u32) -> Result<String, ZimError> {
        let dirent = self.0.dirent(self.entry(position)?)?;
        Ok(dirent.sort_title().to_string())
    }
}

impl Zim {
    pub fn open(path: &Path) -> Result<Zim, SourceError> {
        Zim::open_archive(path).map_err(|error| broken(path, error))
    }

    fn open_archive(path: &Path) -> Result<Zim, ZimError> {
        let file = ArchiveFile::open(path)?;
        let header = Header::read(&file)?;
        let mime_types = header.mime_types(&file)?;
        let article_namespace = if header.new_namespaces() { b'C' } else { b'A' };
        let mut zim = Zim {
            path: path.to_path_buf(),
            file,
            header,
            mime_types,
            article_urls: 0..0,
            title_order: TitleOrder::Urls,
            article_titles: 0..0,
            clusters: ClusterCache::default(),
            dirents: Mutex::new(HashMap::new()),
            lookups: Mutex::new(HashMap::new()),
            last_segments: OnceLock::new(),
        };
        zim.article_urls = zim.namespace_range(&ByUrl(&zim), article_namespace)?;
        zim.title_order = zim.title_order()?;
        zim.article_titles = match &zim.title_order {
            TitleOrder::Header(_) => zim.namespace_range(&ByTitle(&zim), article_namespace)?,
            TitleOrder::Listing { count, .. } => 0..*count,
            TitleOrder::LoadedListing(bytes) => 0..count(bytes.len()),
            TitleOrder::Urls => zim.article_urls.clone(),
        };
        Ok(zim)
    }

    /// The title listing of the new layout, else the header's title pointer list, else none.
    fn title_order(&self) -> Result<TitleOrder, ZimError> {
        if self.header.new_namespaces()
            && let Some(listing) = self.entry_by_url(b'X', TITLE_LISTING)?
            && let Kind::Content { cluster, blob, .. } = self.dirent(listing)?.kind
        {
            return Ok(
                match self
                    .clusters
                    .locate(&self.file, self.extent(cluster)?, blob)?
                {
                    Blob::InFile { offset, len } => TitleOrder::Listing {
                        at: offset,
                        count: count(len),
                    },
                    Blob::Loaded(bytes) => TitleOrder::LoadedListing(bytes),
                },
            );
        }
        Ok(match self.header.title_pointers {
            Some(at) => TitleOrder::Header(at),
            None => TitleOrder::Urls,
        })
    }

    /// The positions of `list` (sorted by namespace first) in namespace `namespace`.
    fn namespace_range(
        &self,
        list: &impl EntryList,
        namespace: u8,
    ) -> Result<Range<u32>, ZimError> {
        let namespace_at =
            |p: u32| -> Result<u8, ZimError> { Ok(self.dirent(list.entry(p)?)?.namespace) };
        let all = 0..list.len();
        let start = index::partition_point(all.clone(), |p| Ok(namespace_at(p)? < namespace))?;
        let end = index::partition_point(start..all.end, |p| Ok(namespace_at(p)? <= namespace))?;
        Ok(start..end)
    }

    /// The entry with exactly this namespace and URL.
    fn entry_by_url(&self, namespace: u8, url: &str) -> Result<Option<u32>, ZimError> {
        let list = ByUrl(self);
        let range = self.namespace_range(&list, namespace)?;
        let position =
            index::partition_point(range.clone(), |p| Ok(self.dirent(p)?.url.as_str() < url))?;
        if position < range.end && self.dirent(position)?.url == url {
            return Ok(Some(position));
        }
        Ok(None)
    }

    /// The entry at `position` of the title order.
    fn entry_by_title(&self, position: u32) -> Result<u32, ZimError> {
        let entry = match &self.title_order {
            TitleOrder::Header(at) | TitleOrder::Listing { at, .. } => {
                self.file.u32_at(at + 4 * u64::from(position))?
            }
            TitleOrder::LoadedListing(bytes) => {
                let at = position as usize * 4;
                match bytes.get(at..at + 4) {
                    Some(word) => u32::from_le_bytes([word[0], word[1], word[2], word[3]]),
                    None => return Err(ZimError::Corrupt("the title listing is cut short".into())),
                }
            }
            TitleOrder::Urls => position,
        };
        Ok(entry)
    }

    /// Directory entry number `entry`.
    fn dirent(&self, entry: u32) -> Result<Dirent, ZimError> {
        if entry >= self.header.entry_count {
            return Err(ZimError::Corrupt(format!(
                "entry {entry} is referred to, but there are only {}",
                self.header.entry_count
            )));
        }
        if let Some(dirent) = self
            .dirents
            .lock()
            .ok()
            .and_then(|cache| cache.get(&entry).cloned())
        {
            return Ok(dirent);
        }
        let dirent = self.read_dirent(entry)?;
        if let Ok(mut cache) = self.dirents.lock() {
            if cache.len() >= CACHED_DIRENTS {
                cache.clear();
            }
            cache.insert(entry, dirent.clone());
        }
        Ok(dirent)
    }

    /// Directory entry number `entry` (checked to exist), read from the file.
    fn read_dirent(&self, entry: u32) -> Result<Dirent, ZimError> {
        let at = self
            .file
            .u64_at(self.header.url_pointers + 8 * u64::from(entry))?;
        let mut dirent = Dirent::parse(&self.file.read_up_to(at, DIRENT_READ)?);
        if dirent.is_none() {
            dirent = Dirent::parse(&self.file.read_up_to(at, MAX_DIRENT_LEN)?);
        }
        dirent.ok_or_else(|| {
            ZimError::Corrupt(format!(
                "directory entry {entry} (at byte {at}) is cut short"
            ))
        })
    }

    /// The entries at `positions` of the title order, read in one go.
    fn entries_by_title(&self, positions: Range<u32>) -> Result<Vec<u32>, ZimError> {
        let words = |bytes: &[u8]| {
            bytes
                .chunks_exact(4)
                .map(|w| u32::from_le_bytes([w[0], w[1], w[2], w[3]]))
                .collect()
        };
        let (start, len) = (positions.start as usize * 4, positions.len() * 4);
        match &self.title_order {
            TitleOrder::Header(at) | TitleOrder::Listing { at, .. } => {
                Ok(words(&self.file.read_exact_at(at + start as u64, len)?))
            }
            TitleOrder::LoadedListing(bytes) => match bytes.get(start..start + len) {
                Some(bytes) => Ok(words(bytes)),
                None => Err(ZimError::Corrupt("the title listing is cut short".into())),
            },
            TitleOrder::Urls => Ok(positions.collect()),
        }
    }

    /// Where cluster `number` lies: up to the next cluster, or the checksum after the last.
    fn extent(&self, number: u32) -> Result<Extent, ZimError> {
        let count = self.header.cluster_count;
        if number >= count {
            return Err(ZimError::Corrupt(format!(
                "cluster {number} is referred to, but there are only {count}"
            )));
        }
        let pointer = |n: u32| {
            self.file
                .u64_at(self.header.cluster_pointers + 8 * u64::from(n))
        };
        let start = pointer(number)?;
        let next = if number + 1 < count {
            pointer(number + 1)?
        } else {
            self.header.checksum
        };
        let end = if next > start && next <= self.file.len() {
            next
        } else {
            self.file.len()
        };
        if start < HEADER_LEN as u64 || start >= end {
            return Err(ZimError::Corrupt(format!(
                "cluster {number} starts at byte {start}, outside the file"
            )));
        }
        Ok(Extent { number, start, end })
    }

    /// Follows redirects from `entry` to an entry with content.
    fn resolve(&self, entry: u32) -> Result<Dirent, ZimError> {
        self.follow(self.dirent(entry)?, |entry| self.dirent(entry))
    }

    /// Follows redirects from `dirent` to an entry with content, reading entries with `read`.
    fn follow(
        &self,
        mut dirent: Dirent,
        read: impl Fn(u32) -> Result<Dirent, ZimError>,
    ) -> Result<Dirent, ZimError> {
        for _ in 0..MAX_REDIRECTS {
            match dirent.kind {
                Kind::Content { .. } => return Ok(dirent),
                Kind::Redirect(target) if target < self.header.entry_count => {
                    dirent = read(target)?;
                }
                Kind::Redirect(target) => {
                    return Err(ZimError::Corrupt(format!(
                        "{} redirects to entry {target}, which does not exist",
                        describe(&dirent)
                    )));
                }
                Kind::Placeholder => {
                    return Err(ZimError::Corrupt(format!(
                        "{} has no content",
                        describe(&dirent)
                    )));
                }
            }
        }
        Err(ZimError::Corrupt(format!(
            "{} is a redirect loop",
            describe(&dirent)
        )))
    }

    fn content(&self, dirent: &Dirent) -> Result<Vec<u8>, ZimError> {
        match dirent.kind {
            Kind::Content { cluster, blob, .. } => {
                self.clusters.blob(&self.file, self.extent(cluster)?, blob)
            }
            _ => Err(ZimError::Corrupt(format!(
                "{} has no content",
                describe(dirent)
            ))),
        }
    }

    fn mime_type(&self, dirent: &Dirent) -> &str {
        match dirent.kind {
            Kind::Content { mime, .. } => self
                .mime_types
                .get(usize::from(mime))
                .map_or("", String::as_str),
            _ => "",
        }
    }

    /// The title an entry is listed under: pages a person reads and redirects to them, not
    /// images, scripts or styles. A redirect whose title is its target's but for case or
    /// spacing ("Ray charles") is left out: the article is listed in its own spelling, and
    /// nothing needs remembering to list each title once. Redirects are followed with `read`.
    fn listed_title(
        &self,
        dirent: &Dirent,
        read: impl Fn(u32) -> Result<Dirent, ZimError>,
    ) -> Option<String> {
        let followed;
        let target = match dirent.kind {
            Kind::Redirect(_) => {
                followed = self.follow(dirent.clone(), read).ok()?;
                &followed
            }
            _ => dirent,
        };
        let mime = self.mime_type(target);
        if !(mime.starts_with("text/html") || mime.starts_with("text/plain")) {
            return None;
        }
        let title = dirent.display_title();
        let same_as_target = !matches!(dirent.kind, Kind::Content { .. })
            && title
                .chars()
                .flat_map(char::to_lowercase)
                .eq(target.display_title().chars().flat_map(char::to_lowercase));
        (!same_as_target).then_some(title)
    }

    /// The entries whose URL spells the key, with or without an `.html`/`.htm` ending.
    fn entries_by_url(&self, key: &str) -> Result<Vec<u32>, ZimError> {
        index::find(
            &ByUrl(self),
            self.article_urls.clone(),
            key,
            &["", ".html", ".htm"],
        )
    }

    /// The folder of the main page's URL (`tonedear.com` for `tonedear.com/index.html`), the
    /// title key of the place a site archive's relative links start from.
    fn main_page_folder(&self) -> Option<String> {
        let main = self.header.main_page?;
        let page = self.resolve(main).ok()?;
        let (folder, _) = page.url.rsplit_once('/')?;
        Some(title_key(folder)).filter(|folder| !folder.is_empty())
    }

    /// A page of a site archive whose URL ends in `/key`, for links relative to a page in a
    /// subfolder (`ear-training/intervals` links `chord-identification`), which the reader
    /// gives by their last segments. The last segments are indexed once, on the first such
    /// link, and only in archives small enough to scan.
    fn entry_in_a_subfolder(&self, key: &str) -> Result<Option<u32>, ZimError> {
        if self.article_urls.len() > MAX_SCANNED_ENTRIES {
            return Ok(None);
        }
        if self.last_segments.get().is_none() {
            let mut segments = HashMap::new();
            for entry in self.article_urls.clone() {
                let url = self.dirent(entry)?.url;
                let last = url.rsplit('/').next().unwrap_or(&url);
                let stem = last
                    .strip_suffix(".html")
                    .or_else(|| last.strip_suffix(".htm"))
                    .unwrap_or(last);
                segments.entry(title_key(stem)).or_insert(entry);
            }
            let _ = self.last_segments.set(segments);
        }
        Ok(self
            .last_segments
            .get()
            .and_then(|segments| segments.get(key).copied()))
    }

    /// The entry a title key names, before redirects: among the entries whose title or URL
    /// spells the key, one whose URL does (links name URLs), then one with content.
    fn find(&self, key: &str) -> Result<Option<u32>, ZimError> {
        if let Some(found) = self
            .lookups
            .lock()
            .ok()
            .and_then(|cache| cache.get(key).copied())
        {
            return Ok(found);
        }
        let mut candidates: Vec<(u32, u8)> = Vec::new();
        let by_title = ByTitle(self);
        for position in index::find(&by_title, self.article_titles.clone(), key, &[""])? {
            candidates.push((by_title.entry(position)?, 1));
        }
        for entry in self.entries_by_url(key)? {
            match candidates.iter_mut().find(|(e, _)| *e == entry) {
                Some((_, score)) => *score += 2,
                None => candidates.push((entry, 2)),
            }
        }
        if candidates.is_empty() {
            // Archives of whole sites (zimit) keep pages under the site's folder
            // (`tonedear.com/contact`) while their links are relative to it (`contact`).
            if let Some(folder) = self.main_page_folder() {
                for entry in self.entries_by_url(&format!("{folder}/{key}"))? {
                    candidates.push((entry, 2));
                }
                if candidates.is_empty() {
                    candidates.extend(self.entry_in_a_subfolder(key)?.map(|entry| (entry, 2)));
                }
            }
        }
        let mut best: Option<(u32, (u8, bool))> = None;
        for (entry, score) in candidates {
            let has_content = matches!(self.dirent(entry)?.kind, Kind::Content { .. });
            if best.is_none_or(|(_, rank)| (score, has_content) > rank) {
                best = Some((entry, (score, has_content)));
            }
        }
        let found = best.map(|(entry, _)| entry);
        if let Ok(mut cache) = self.lookups.lock() {
            if cache.len() >= CACHED_LOOKUPS {
                cache.clear();
            }
            cache.insert(key.to_string(), found);
        }
        Ok(found)
    }
}

impl Source for Zim {
    fn name(&self) -> String {
        self.path.display().to_string()
    }

    /// The article titles in title order (redirects too: they are titles one can open).
    fn titles(&self) -> Option<Vec<String>> {
        let mut titles = Vec::new();
        let _ = self.each_title(&mut |title| {
            titles.push(title);
            ControlFlow::Continue(())
        });
        Some(titles)
    }

    fn each_title(&self, each: &mut dyn FnMut(String) -> ControlFlow<()>) -> ControlFlow<()> {
        scan::each_title(self, each)
    }

    /// Titles starting with the key, found through the title index without reading it all:
    /// a few binary searches, however large the archive.
    fn titles_starting_with(&self, key: &str, limit: usize) -> Option<Vec<String>> {
        let list = ByTitle(self);
        let Ok(spellings) = index::spellings(&list, self.article_titles.clone(), key) else {
            return Some(Vec::new());
        };
        let mut found = Vec::new();
        for (_, range) in spellings {
            let wanted = found.len() + limit;
            for position in range.take(limit + SEARCH_SLACK) {
                if let Ok(dirent) = list.entry(position).and_then(|entry| self.dirent(entry))
                    && let Some(title) = self.listed_title(&dirent, |entry| self.dirent(entry))
                {
                    found.push(title);
                    if found.len() >= wanted {
                        break;
                    }
                }
            }
        }
        found.sort_by_key(|title| title_key(title));
        found.truncate(limit);
        Some(found)
    }

    /// A lookup that fails on a corrupt archive answers yes, so that opening the title reports
    /// what is wrong instead of "not found".
    fn contains(&self, wanted: Wanted) -> Presence {
        match self.find(wanted.key) {
            Ok(None) => Presence::Absent,
            _ => Presence::Present,
        }
    }

    fn documents(&self, wanted: Wanted) -> Result<Vec<Document>, SourceError> {
        let read = || -> Result<Vec<Document>, ZimError> {
            let Some(entry) = self.find(wanted.key)? else {
                return Ok(Vec::new());
            };
            let dirent = self.resolve(entry)?;
            let bytes = self.content(&dirent)?;
            let format = self
                .mime_type(&dirent)
                .starts_with("text/html")
                .then_some(Format::Html);
            Ok(vec![Document {
                name: format!(
                    "{}/{}/{}",
                    self.path.display(),
                    char::from(dirent.namespace),
                    dirent.url
                ),
                bytes,
                format,
                warnings: Vec::new(),
            }])
        };
        read().map_err(|error| broken(&self.path, error))
    }

    /// The archive's metadata (namespace `M`), then facts about the file.
    fn info(&self) -> Vec<(String, String)> {
        let mut metadata = Vec::new();
        let range = match self.namespace_range(&ByUrl(self), b'M') {
            Ok(range) => range,
            Err(error) => return vec![("Error".to_string(), error.to_string())],
        };
        for entry in range.take(MAX_METADATA as usize) {
            let Ok(dirent) = self.dirent(entry) else {
                continue;
            };
            if !self.mime_type(&dirent).starts_with("text/") {
                continue;
            }
            match self.content(&dirent) {
                Ok(bytes) => {
                    let value = text::collapse_whitespace(&text::decode(bytes).text).into_owned();
                    let value: String = value.trim().chars().take(MAX_METADATA_CHARS).collect();
                    if !value.is_empty() {
                        metadata.push((dirent.url, value));
                    }
                }
                Err(error) => metadata.push((dirent.url, format!("unreadable: {error}"))),
            }
        }
        metadata.sort_by_key(|(name, _)| {
            METADATA_ORDER
                .iter()
                .position(|first| first == name)
                .unwrap_or(METADATA_ORDER.len())
        });
        if let Some(main) = self.main_title() {
            metadata.push(("Main page".to_string(), main));
        }
        let header = &self.header;
        let uuid: String = header
            .uuid
            .iter()
            .map(|byte| format!("{byte:02x}"))
            .collect();
        metadata.extend([
            (
                "Format".to_string(),
                format!("ZIM {}.{}", header.major_version, header.minor_version),
            ),
            ("Entries".to_string(), header.entry_count.to_string()),
            ("Clusters".to_string(), header.cluster_count.to_string()),
            ("UUID".to_string(), uuid),
        ]);
        metadata
    }

    /// The main page's title; without one, the first article's.
    fn main_title(&self) -> Option<String> {
        let Some(main) = self.header.main_page else {
            return self.titles_starting_with("", 1)?.into_iter().next();
        };
        let Ok(page) = self.resolve(main) else {
            // Opening it then says why it cannot be read.
            return self.dirent(main).ok().map(|dirent| dirent.display_title());
        };
        let title = page.display_title();
        // The main page's title may also be another article's ("Ray Charles"); then its URL
        // names it without doubt.
        let names_page = self
            .find(&title_key(&title))
            .ok()
            .flatten()
            .and_then(|entry| self.resolve(entry).ok())
            .is_some_and(|found| found == page);
        Some(if names_page {
            title
        } else {
            url_title(&page.url)
        })
    }
}

/// A URL read as a title: `index.htm` → "index", `Ray_Charles.html` → "Ray Charles".
fn url_title(url: &str) -> String {
    let stem = url
        .strip_suffix(".html")
        .or_else(|| url.strip_suffix(".htm"))
        .unwrap_or(url);
    text::display_title(stem)
}

/// One of the archive's lists of entries.
trait EntryList {
    fn entry(&self, position: u32) -> Result<u32, ZimError>;
    fn len(&self) -> u32;
}

impl EntryList for ByUrl<'_> {
    fn entry(&self, position: u32) -> Result<u32, ZimError> {
        Ok(position)
    }

    fn len(&self) -> u32 {
        self.0.header.entry_count
    }
}

impl EntryList for ByTitle<'_> {
    fn entry(&self, position: u32) -> Result<u32, ZimError> {
        self.0.entry_by_title(position)
    }

    fn len(&self) -> u32 {
        match &self.0.title_order {
            TitleOrder::Listing { count, .. } => *count,
            TitleOrder::LoadedListing(bytes) => count(bytes.len()),
            TitleOrder::Header(_) | TitleOrder::Urls => self.0.header.entry_count,
        }
    }
}

/// The number of `u32` entry numbers in a listing of `len` bytes.
fn count(len: usize) -> u32 {
    u32::try_from(len / 4).unwrap_or(u32::MAX)
}

/// An entry as a message names it: `A/Ray_Charles.html`.
fn describe(dirent: &Dirent) -> String {
    format!("entry {}/{}", char::from(dirent.namespace), dirent.url)
}

fn broken(path: &Path, error: ZimError) -> SourceError {
    SourceError::Broken(format!("{} : {error}", path.display()))
}
