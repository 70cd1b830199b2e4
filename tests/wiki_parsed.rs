//! A cached wiki page's parsed form (src/wiki/parsed.rs, src/wiki/cache/parsed.rs): kept beside
//! the HTML by the first open, it gives the very reading the HTML gives; it goes with the HTML
//! it was read from (replaced, evicted, cleared), survives a revalidation that found the page
//! current, counts toward the cap; a damaged form or one another build wrote is passed over and
//! the HTML read again; a cache of the first version gains the table without losing a page.
//! No network: the wiki is offline, its pages put in the cache by the test.

use folio::format::Reading;
use folio::wiki::Wiki;
use folio::wiki::cache::{Cache, CachedPage};
use folio::wiki::http::{Client, Settings};
use folio::wiki::page::Want;
use folio::wiki::parsed::{self, Parsed};
use std::path::{Path, PathBuf};
use std::sync::Arc;

const WIKI: &str = "http://127.0.0.1:9";

const SMALL: &str = r##"<!DOCTYPE html><html><head><title>Camp Ashraf</title></head><body><p>Camp Ashraf was a camp in <a href="./Iraq">Iraq</a> near <a class="new" href="./Nowhere?action=edit&amp;redlink=1">nowhere</a>.<sup class="mw-ref reference"><a href="#cite_note-1">[1]</a></sup></p><ol class="references"><li id="cite_note-1">A survey of the camp.</li></ol></body></html>"##;

fn temp() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap_or_else(|error| panic!("no temporary folder: {error}"));
    let path = dir.path().join("folio").join("pages.sqlite");
    (dir, path)
}

fn open_cache(path: &Path) -> Arc<Cache> {
    match Cache::open(path) {
        Ok(opened) => {
            assert_eq!(opened.message, None);
            Arc::new(opened.cache)
        }
        Err(error) => panic!("{error}"),
    }
}

fn page(title: &str, html: &str) -> CachedPage {
    CachedPage {
        wiki: WIKI.to_string(),
        title: title.to_string(),
        revision: Some(42),
        etag: Some("\"42/abc\"".to_string()),
        html: html.to_string(),
        fetched_unix: 1_764_600_000,
    }
}

fn put(cache: &Cache, page: &CachedPage) {
    cache
        .put(page)
        .unwrap_or_else(|error| panic!("put {}: {error}", page.title));
}

/// An offline wiki on `cache`: every page opens from the cache.
fn wiki(cache: &Arc<Cache>) -> Wiki {
    let url = folio::wiki::url::parse(&format!("{WIKI}/wiki/Main_Page"))
        .unwrap_or_else(|error| panic!("{error}"));
    Wiki::new(
        &url,
        Arc::new(Client::new(Settings::default())),
        Some(Arc::clone(cache)),
        true,
    )
}

fn open(wiki: &Wiki, title: &str) -> Reading {
    wiki.open(Want::Title(title), None)
        .unwrap_or_else(|error| panic!("open {title}: {error}"))
}

fn stamp() -> &'static str {
    parsed::stamp().unwrap_or_else(|| panic!("this test's executable has no stamp"))
}

fn form_of(cache: &Cache, title: &str) -> Option<Parsed> {
    cache
        .get_parsed(WIKI, title, stamp())
        .unwrap_or_else(|error| panic!("{error}"))
        .and_then(|(_, form)| Parsed::decode(&form))
}

fn assert_same(a: &Reading, b: &Reading) {
    assert_eq!(a.article, b.article);
    assert_eq!(a.warnings, b.warnings);
    assert_eq!(a.readers, b.readers);
}

#[test]
fn the_united_states_page_reads_the_same_from_its_form_as_from_its_html() {
    let path = format!(
        "{}/tests/fixtures/html/en-United_States.parsoid-2.1.0.html",
        env!("CARGO_MANIFEST_DIR")
    );
    let html = std::fs::read_to_string(&path).unwrap_or_else(|error| panic!("{path}: {error}"));
    let (_dir, file) = temp();
    let cache = open_cache(&file);
    put(&cache, &page("United States", &html));
    let wiki = wiki(&cache);
    assert!(form_of(&cache, "United States").is_none());
    let from_html = open(&wiki, "United States");
    assert!(
        form_of(&cache, "United States").is_some(),
        "the first open keeps the form"
    );
    let from_form = open(&wiki, "United States");
    assert_same(&from_form, &from_html);
    assert!(from_form.article.references.len() > 700);
    // The red links the form kept are known as the HTML's were.
    let fresh = self::wiki(&cache);
    open(&fresh, "United States");
    for title in ["United States", "united States"] {
        assert_eq!(fresh.presence(title), Some(true));
    }
}

#[test]
fn the_form_is_what_opens_once_kept() {
    let (_dir, file) = temp();
    let cache = open_cache(&file);
    let stored = page("Camp Ashraf", SMALL);
    put(&cache, &stored);
    let wiki = wiki(&cache);
    let from_html = open(&wiki, "Camp Ashraf");
    assert_eq!(wiki.presence("Nowhere"), Some(false));
    // A form the test wrote stands for the page: the HTML is not read again.
    let mut decoy = Parsed::read(
        "<html><head><title>X</title></head><body><p>Decoy text.</p></body></html>",
        "decoy",
        WIKI,
    )
    .unwrap_or_else(|error| panic!("{error}"));
    decoy.missing = vec!["Elsewhere".to_string()];
    let bytes = decoy.encode().unwrap_or_default();
    assert_eq!(cache.put_parsed(&stored, stamp(), &bytes).ok(), Some(true));
    let fresh = self::wiki(&cache);
    let reading = open(&fresh, "Camp Ashraf");
    assert_eq!(reading.article.title, from_html.article.title);
    assert_eq!(reading.article.sources, from_html.article.sources);
    let text = folio::dump::text(&reading.article, 80);
    assert!(text.contains("Decoy text."), "{text}");
    assert_eq!(fresh.presence("Elsewhere"), Some(false));
}

#[test]
fn a_damaged_form_or_another_builds_is_passed_over_and_replaced() {
    let (_dir, file) = temp();
    let cache = open_cache(&file);
    let stored = page("Camp Ashraf", SMALL);
    put(&cache, &stored);
    let expected = open(&wiki(&cache), "Camp Ashraf");
    let kept = form_of(&cache, "Camp Ashraf");
    assert!(kept.is_some());
    let damaged: [(&str, &[u8]); 4] = [
        (stamp(), b"{\"article\":{\"title\":\"Camp"),
        (stamp(), &[0xff, 0x00, 0x13]),
        (stamp(), b"{\"missing\":[]}"),
        ("folio 0.0.1 another build", b"{}"),
    ];
    for (stamp, form) in damaged {
        assert_eq!(cache.put_parsed(&stored, stamp, form).ok(), Some(true));
        let reading = open(&wiki(&cache), "Camp Ashraf");
        assert_same(&reading, &expected);
        assert_eq!(form_of(&cache, "Camp Ashraf"), kept, "stamp {stamp}");
    }
}

#[test]
fn the_form_goes_with_its_html() {
    let (_dir, file) = temp();
    let cache = open_cache(&file);
    let stored = page("Camp Ashraf", SMALL);
    put(&cache, &stored);
    open(&wiki(&cache), "Camp Ashraf");
    assert!(form_of(&cache, "Camp Ashraf").is_some());

    // Renewed after a revalidation found it current: the form stays.
    assert_eq!(
        cache.renew(WIKI, "Camp_Ashraf", 1_800_000_000).ok(),
        Some(true)
    );
    assert!(form_of(&cache, "Camp Ashraf").is_some());
    let renewed = cache.get(WIKI, "Camp Ashraf").ok().flatten();
    assert_eq!(renewed.map(|page| page.fetched_unix), Some(1_800_000_000));
    // What revalidating needs, without the HTML.
    let head = cache.head(WIKI, "camp_Ashraf").ok().flatten();
    assert_eq!(
        head,
        Some(CachedPage {
            html: String::new(),
            fetched_unix: 1_800_000_000,
            ..stored.clone()
        })
    );

    // Another revision's HTML: the form of the old one goes.
    let newer = CachedPage {
        revision: Some(43),
        etag: Some("\"43/def\"".to_string()),
        html: SMALL.replace("a camp", "a former camp"),
        ..stored.clone()
    };
    put(&cache, &newer);
    assert!(form_of(&cache, "Camp Ashraf").is_none());
    // A form read from the old HTML is not kept beside the new one.
    let old_form = Parsed::read(SMALL, "old", WIKI)
        .ok()
        .and_then(|form| form.encode())
        .unwrap_or_default();
    assert_eq!(
        cache.put_parsed(&stored, stamp(), &old_form).ok(),
        Some(false)
    );
    let reading = open(&wiki(&cache), "Camp Ashraf");
    let text = folio::dump::text(&reading.article, 80);
    assert!(text.contains("a former camp"), "{text}");
    assert!(form_of(&cache, "Camp Ashraf").is_some());

    // The form counts toward the pages' size, and is cleared with them.
    let size = cache.stats().map(|stats| stats.bytes).unwrap_or(0);
    let form = cache
        .get_parsed(WIKI, "Camp Ashraf", stamp())
        .ok()
        .flatten()
        .map_or(0, |(_, form)| form.len());
    let etag = newer.etag.as_ref().map_or(0, String::len);
    let page_size = newer.html.len() + newer.title.len() + WIKI.len() + etag;
    assert!(form > 0);
    assert_eq!(size, (page_size + form) as u64);
    assert!(cache.clear().is_ok());
    assert!(form_of(&cache, "Camp Ashraf").is_none());
    assert!(cache.put_parsed(&newer, stamp(), &old_form).ok() == Some(false));
}

#[test]
fn eviction_takes_the_form_with_its_page() {
    let (_dir, file) = temp();
    let cache = Arc::new(
        Cache::open(&file)
            .unwrap_or_else(|error| panic!("{error}"))
            .cache
            .with_max_bytes(2_500),
    );
    let first = page("Camp Ashraf", SMALL);
    put(&cache, &first);
    open(&wiki(&cache), "Camp Ashraf");
    assert!(form_of(&cache, "Camp Ashraf").is_some());
    for n in 0..6 {
        put(
            &cache,
            &page(&format!("Page {n}"), &SMALL.replace("Camp", "Field")),
        );
    }
    assert!(cache.get(WIKI, "Camp Ashraf").ok().flatten().is_none());
    assert!(form_of(&cache, "Camp Ashraf").is_none());
    let bytes = cache.stats().map(|stats| stats.bytes).unwrap_or(u64::MAX);
    assert!(bytes <= 2_500, "{bytes}");
}

#[test]
fn a_cache_of_the_first_version_gains_the_forms_and_keeps_its_pages() {
    let (_dir, file) = temp();
    if let Some(folder) = file.parent() {
        std::fs::create_dir_all(folder).unwrap_or_else(|error| panic!("{error}"));
    }
    {
        // The first version's tables, as folio wrote them before parsed forms.
        let connection =
            rusqlite::Connection::open(&file).unwrap_or_else(|error| panic!("{error}"));
        let made = connection.execute_batch(
            "PRAGMA page_size = 16384;
             CREATE TABLE pages (id INTEGER PRIMARY KEY, wiki TEXT NOT NULL, title TEXT NOT NULL,
                 exact_key TEXT NOT NULL, folded_key TEXT NOT NULL, revision INTEGER, etag TEXT,
                 fetched_unix INTEGER NOT NULL, last_read INTEGER NOT NULL, size INTEGER NOT NULL,
                 UNIQUE (wiki, exact_key));
             CREATE INDEX pages_by_folded_key ON pages (wiki, folded_key);
             CREATE INDEX pages_by_last_read ON pages (last_read, size);
             CREATE TABLE bodies (id INTEGER PRIMARY KEY, html BLOB NOT NULL);
             CREATE TABLE sites (origin TEXT PRIMARY KEY, rest TEXT, action TEXT);
             PRAGMA application_id = 1718578281;
             PRAGMA user_version = 1;",
        );
        assert!(made.is_ok(), "{made:?}");
        let inserted = connection.execute(
            "INSERT INTO pages VALUES (1, ?1, 'Camp Ashraf', 'Camp Ashraf', 'Camp Ashraf', 42,
                 '\"42/abc\"', 1764600000, 1, ?2)",
            rusqlite::params![WIKI, SMALL.len() as i64],
        );
        assert!(inserted.is_ok(), "{inserted:?}");
        let body = connection.execute("INSERT INTO bodies VALUES (1, ?1)", [SMALL.as_bytes()]);
        assert!(body.is_ok(), "{body:?}");
    }
    let cache = open_cache(&file);
    assert_eq!(
        cache
            .get(WIKI, "Camp Ashraf")
            .ok()
            .flatten()
            .map(|page| page.html),
        Some(SMALL.to_string())
    );
    open(&wiki(&cache), "Camp Ashraf");
    assert!(form_of(&cache, "Camp Ashraf").is_some());
    drop(cache);
    // Opened again, it is the current version: nothing more to do, nothing set aside.
    let again = open_cache(&file);
    assert!(form_of(&again, "Camp Ashraf").is_some());
}
