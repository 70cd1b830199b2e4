//! ZIM archives as a source: the container layer (titles, main pages, redirects, metadata, raw
//! article bytes, title search) on real archives of both layouts, and broken archives.

use folio::library::{self, Library};
use folio::source::search::{self, Results};
use folio::source::zim::Zim;
use folio::source::{Presence, Source, Wanted};
use folio::text::title_key;
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};
use std::process::Command;
use tempfile::TempPath;

#[path = "../benches/support/synthetic_zim.rs"]
mod synthetic_zim;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/zim")
        .join(name)
}

const RAY_CHARLES_2015: &str = "wikipedia_en_ray_charles_2015-06.zim";
const RAY_CHARLES_MINI: &str = "wikipedia_en_ray_charles_mini_2020-03.libkiwix-zimfile.zim";
const PARSOID_SAMPLES: &str = "wikipedia_en_parsoid-samples_zstd.zim";
const WIKIBOOKS: &str = "zts-nons/wikibooks_be_all_nopic_2017-02.zim";
const SMALL_V61: &str = "zts-nons/small.zim";
const SMALL_V63: &str = "zts-noTitleListingV0/small.zim";
const FOO_ZSTD: &str = "foo-zstd.zim";

fn open(name: &str) -> Zim {
    match Zim::open(&fixture(name)) {
        Ok(zim) => zim,
        Err(error) => panic!("{name}: {error}"),
    }
}

fn wanted<'a>(title: &'a str, key: &'a str) -> Wanted<'a> {
    Wanted { title, key }
}

/// The one document a title names: its name (archive path / namespace / URL) and bytes.
fn document(zim: &Zim, title: &str) -> (String, String) {
    let key = title_key(title);
    let wanted = Wanted { title, key: &key };
    assert_eq!(zim.contains(wanted), Presence::Present, "{title} not found");
    let mut documents = zim.documents(wanted).unwrap();
    assert_eq!(documents.len(), 1, "{title}");
    let document = documents.remove(0);
    let archive = zim.name();
    let entry = document
        .name
        .strip_prefix(&format!("{archive}/"))
        .unwrap()
        .to_string();
    (entry, String::from_utf8_lossy(&document.bytes).into_owned())
}

fn fact<'a>(info: &'a [(String, String)], name: &str) -> &'a str {
    info.iter()
        .find(|(n, _)| n == name)
        .map(|(_, value)| value.as_str())
        .unwrap_or_else(|| panic!("no {name} in {info:?}"))
}

#[test]
fn every_archive_opens_with_its_main_page_and_titles() {
    // (archive, main page title, its entry, article titles listed)
    let expected = [
        (RAY_CHARLES_2015, "Summary", "A/index.htm", 85),
        (RAY_CHARLES_MINI, "Main Page", "A/index", 129),
        (PARSOID_SAMPLES, "Dog", "C/Dog", 4),
        (WIKIBOOKS, "Першая старонка", "C/Першая_старонка.html", 66),
        (SMALL_V61, "Test ZIM file", "C/main.html", 1),
        (SMALL_V63, "Test ZIM file", "C/main.html", 1),
    ];
    for (archive, main, entry, count) in expected {
        let zim = open(archive);
        assert_eq!(zim.main_title().as_deref(), Some(main), "{archive}");
        let (name, html) = document(&zim, main);
        assert_eq!(name, entry, "{archive}");
        assert!(
            html.contains("<html") || html.contains("<body"),
            "{archive}: {html:.200}"
        );
        let titles = zim.titles().unwrap();
        assert!(titles.len() >= count, "{archive}: {} titles", titles.len());
        for title in &titles {
            let key = title_key(title);
            assert_eq!(
                zim.contains(Wanted { title, key: &key }),
                Presence::Present,
                "{archive}: {title} listed but not found"
            );
        }
    }
}

#[test]
fn xz_and_zstd_clusters_give_article_html() {
    let (name, html) = document(&open(RAY_CHARLES_2015), "Ray Charles");
    assert_eq!(name, "A/Ray_Charles.html");
    assert!(html.contains("<title>Ray Charles</title>"), "{html:.300}");
    let (name, html) = document(&open(PARSOID_SAMPLES), "William Clark (inventor)");
    assert_eq!(name, "C/William_Clark_(inventor)");
    assert!(html.contains("William Clark"));
    let (name, text) = document(&open(FOO_ZSTD), "5");
    assert_eq!((name.as_str(), text.trim()), ("A/5", "this is article 5"));
}

#[test]
fn html_entries_are_read_as_html_and_others_are_detected() {
    let zim = open(RAY_CHARLES_MINI);
    let documents = zim
        .documents(wanted("Ray Charles", &title_key("Ray Charles")))
        .unwrap();
    assert_eq!(documents[0].format, Some(folio::format::Format::Html));
    let documents = open(FOO_ZSTD).documents(wanted("1", "1")).unwrap();
    assert_eq!(documents[0].format, None);
}

#[test]
fn redirects_lead_to_their_target() {
    let zim = open(RAY_CHARLES_MINI);
    // A redirect whose title differs from its target's only in case…
    assert_eq!(
        document(&zim, "A Man And His Soul").0,
        "A/A_Man_and_His_Soul"
    );
    // …and one that does not.
    assert_eq!(document(&zim, "All the lonely people").0, "A/Eleanor_Rigby");
    let zim = open(PARSOID_SAMPLES);
    assert_eq!(
        document(&zim, "United States of America").0,
        "C/United_States"
    );
    let zim = open(WIKIBOOKS);
    assert_eq!(
        document(&zim, "Галоўная старонка").0,
        "C/Першая_старонка.html"
    );
}

#[test]
fn links_find_entries_by_url_as_well_as_by_title() {
    // What the HTML reader makes of an href: the last path segment, `.html` dropped, `_` as a
    // space, in any case.
    let zim = open(RAY_CHARLES_2015);
    assert_eq!(
        document(&zim, "Ray Charles discography").0,
        "A/Ray_Charles_discography.html"
    );
    assert_eq!(document(&zim, "ray_charles").0, "A/Ray_Charles.html");
    // Title "Blues Brothers w/ Ray Charles", URL `Blues_Brothers_w__Ray_Charles.html`.
    let by_url = document(&zim, "Blues Brothers w  Ray Charles").0;
    assert_eq!(by_url, document(&zim, "Blues Brothers w/ Ray Charles").0);
    // The redirect A/The_Pages_of_My_Mind is titled "Ray Charles", as its target is: the URL
    // finds it, and the title finds the article rather than the redirect.
    let zim = open(RAY_CHARLES_MINI);
    assert_eq!(document(&zim, "The Pages of My Mind").0, "A/Ray_Charles");
    assert_eq!(document(&zim, "Ray Charles").0, "A/Ray_Charles");
    assert_eq!(
        document(&zim, "Big Baby DRAM").0,
        "A/Cash_Machine_(D.R.A.M._song)"
    );
    let key = title_key("No such article");
    let missing = wanted("No such article", &key);
    assert_eq!(zim.contains(missing), Presence::Absent);
    assert!(zim.documents(missing).unwrap().is_empty());
}

/// The whole answer to a title search of one archive.
fn search_in(zim: &Zim, query: &str, limit: usize) -> Vec<String> {
    search::search_all(&[zim], query, limit)
}

#[test]
fn search_uses_the_title_index_case_insensitively() {
    let zim = open(RAY_CHARLES_MINI);
    let found = search_in(&zim, "ray ch", 10);
    assert!(found.contains(&"Ray Charles".to_string()), "{found:?}");
    // Titles that start with the query come before the others.
    let starts = |t: &String| title_key(t).starts_with("ray ch");
    let prefixed = found.iter().take_while(|t| starts(t)).count();
    assert!(
        prefixed >= 2 && !found[prefixed..].iter().any(starts),
        "{found:?}"
    );
    assert!(found.len() <= 10);
    assert_eq!(search_in(&zim, "a man and", 10)[0], "A Man and His Soul");
    assert_eq!(search_in(&zim, "RAY", 3).len(), 3);
    assert!(search_in(&zim, "zzzz", 10).is_empty());
    let found = search_in(&open(WIKIBOOKS), "першая", 10);
    assert_eq!(found[0], "Першая старонка");
}

#[test]
fn search_finds_words_anywhere_in_archive_titles() {
    for archive in [RAY_CHARLES_2015, RAY_CHARLES_MINI] {
        let zim = open(archive);
        let found = search_in(&zim, "discography", 10);
        assert_eq!(
            found.first().map(String::as_str),
            Some("Ray Charles discography"),
            "{archive}"
        );
        let found = search_in(&zim, "on my", 10);
        assert!(
            found.contains(&"Georgia on My Mind".to_string()),
            "{archive}: {found:?}"
        );
        // A small typo, and a letter left out.
        let found = search_in(&zim, "georgia on my mnid", 10);
        assert_eq!(
            found.first().map(String::as_str),
            Some("Georgia on My Mind"),
            "{archive}"
        );
        let found = search_in(&zim, "discograpy", 10);
        assert_eq!(
            found.first().map(String::as_str),
            Some("Ray Charles discography"),
            "{archive}"
        );
    }
}

/// The batches a search hands over, and whether the last said it was done.
#[derive(Default)]
struct Batches(Vec<(Vec<String>, bool)>);

impl Results for Batches {
    fn batch(&mut self, titles: &[String], done: bool) {
        self.0.push((titles.to_vec(), done));
    }
}

#[test]
fn search_results_stream_from_the_index_first() {
    let zim = open(RAY_CHARLES_MINI);
    let mut batches = Batches::default();
    search::search(&[&zim], "ray", 50, &mut batches);
    // The first batch comes from the title index before any title is read; the last is the
    // whole answer, which also has titles with the query further in.
    let (first, done) = &batches.0[0];
    assert!(
        !done && first.iter().all(|t| title_key(t).starts_with("ray")),
        "{first:?}"
    );
    let (last, done) = batches.0.last().unwrap();
    assert!(done);
    assert!(last.len() > first.len(), "{last:?}");
    assert!(
        last.iter().any(|t| !title_key(t).starts_with("ray")),
        "{last:?}"
    );
    assert!(
        batches.0[..batches.0.len() - 1]
            .iter()
            .all(|(_, done)| !done)
    );
}

#[test]
fn listing_streams_and_stops_when_told() {
    let archive = fixture(RAY_CHARLES_2015);
    let all = library::titles_of(archive.as_os_str(), None)
        .unwrap()
        .titles;
    let mut first = Vec::new();
    library::each_title_of(archive.as_os_str(), None, &mut |title| {
        first.push(title);
        match first.len() {
            5 => ControlFlow::Break(()),
            _ => ControlFlow::Continue(()),
        }
    })
    .unwrap();
    assert_eq!(first, all[..5]);
    // Each title once, though case variants of one title are entries of their own.
    let mut keys: Vec<String> = all.iter().map(|t| title_key(t)).collect();
    keys.sort();
    keys.dedup();
    assert_eq!(keys.len(), all.len());
}

#[test]
fn metadata_is_shown_in_the_info_view() {
    let info = open(WIKIBOOKS).info();
    assert_eq!(info[0].0, "Title");
    assert_eq!(fact(&info, "Language"), "bel");
    assert_eq!(fact(&info, "Format"), "ZIM 6.1");
    assert_eq!(fact(&info, "Main page"), "Першая старонка");
    assert!(!fact(&info, "Date").is_empty());
    assert!(
        info.iter()
            .all(|(name, _)| !name.starts_with("Illustration"))
    );
    let info = open(RAY_CHARLES_MINI).info();
    assert_eq!(fact(&info, "Format"), "ZIM 5.0");
    assert_eq!(fact(&info, "Language"), "eng");
    assert_eq!(fact(&info, "Flavour"), "_mini");
}

#[test]
fn the_library_opens_archives_and_their_articles() {
    let archive = fixture(PARSOID_SAMPLES);
    let mut library = Library::new();
    let reading = library
        .open_target(Some(archive.as_os_str()), None, None)
        .unwrap();
    assert_eq!(reading.article.title, "Dog");
    assert!(reading.article.sources[0].ends_with("/C/Dog"));
    assert!(reading.article.references.len() > 100);
    assert!(
        library.contains("United States"),
        "the archive joined the library"
    );
    let found = library.search("united", 10);
    assert!(found.contains(&"United States".to_string()), "{found:?}");
    let reading = library.open("United States of America").unwrap();
    assert_eq!(reading.article.title, "United States");
    let reading = library
        .open_target(Some(archive.as_os_str()), Some("mike potts"), None)
        .unwrap();
    assert_eq!(reading.article.title, "Mike Potts");

    let titles = library::titles_of(archive.as_os_str(), None).unwrap();
    assert!(titles.titles.contains(&"Mike Potts".to_string()));

    let mut library = Library::new();
    let error = library
        .open_target(Some(fixture(FOO_ZSTD).as_os_str()), Some("nope"), None)
        .map(|_| ())
        .unwrap_err();
    assert!(
        error
            .to_string()
            .ends_with("no article titled \"nope\" in this archive or the library")
    );
    let reading = library
        .open_target(Some(fixture(FOO_ZSTD).as_os_str()), Some("16"), None)
        .unwrap();
    assert_eq!(reading.article.title, "this is article 16");
}

/// A copy of a fixture, changed, in a file of its own (removed when dropped).
fn scratch(name: &str, bytes: &[u8]) -> TempPath {
    let path = temp_file(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

/// An empty file whose name ends in `name`, removed when dropped (even when its test fails).
fn temp_file(name: &str) -> TempPath {
    tempfile::Builder::new()
        .prefix("folio-zim-")
        .suffix(&format!("-{name}"))
        .tempfile()
        .unwrap()
        .into_temp_path()
}

fn open_error(path: &Path) -> String {
    match Zim::open(path) {
        Ok(_) => panic!("{} opened", path.display()),
        Err(error) => error.to_string(),
    }
}

#[test]
fn broken_archives_say_what_is_wrong() {
    let short = fixture("zts-nons/invalid.smaller_than_header.zim");
    assert!(
        open_error(&short)
            .ends_with("too short for a ZIM archive (40 bytes; the header alone is 80)")
    );
    let offsets = fixture("zts-nons/invalid.offset_in_cluster.zim");
    assert!(
        open_error(&offsets).ends_with("cluster 1 is corrupt: a blob offset points past its end")
    );

    let not_zim = scratch("not-zim.zim", b"<html><title>Hello</title></html>");
    assert!(
        open_error(&not_zim)
            .ends_with("not a ZIM archive (it does not start with the ZIM magic number)")
    );
    let mut library = Library::new();
    let error = library
        .open_target(Some(not_zim.as_os_str()), None, None)
        .map(|_| ());
    assert!(error.unwrap_err().to_string().contains("not a ZIM archive"));

    let whole = std::fs::read(fixture(RAY_CHARLES_MINI)).unwrap();
    let truncated = scratch("truncated.zim", &whole[..100_000]);
    let error = open_error(&truncated);
    let expected = "the archive is cut short: its header says it ends at byte 569304, the file has 100000 bytes; is it truncated?";
    assert!(error.ends_with(expected), "{error}");
}

/// Entry `entry`'s directory entry position, read from the header's URL pointer list.
fn dirent_position(bytes: &[u8], entry: usize) -> usize {
    let word = |at: usize| u64::from_le_bytes(bytes[at..at + 8].try_into().unwrap()) as usize;
    word(word(32) + 8 * entry)
}

#[test]
fn a_dangling_redirect_is_an_error_not_a_panic() {
    let mut bytes = std::fs::read(fixture(PARSOID_SAMPLES)).unwrap();
    // Entry 3 is the redirect C/United_States_of_America; point it past the last entry.
    let at = dirent_position(&bytes, 3);
    assert_eq!(&bytes[at..at + 2], &[0xff, 0xff]);
    bytes[at + 8..at + 12].copy_from_slice(&1000u32.to_le_bytes());
    let path = scratch("dangling.zim", &bytes);
    let zim = Zim::open(&path).unwrap();
    let key = title_key("United States of America");
    let dangling = wanted("United States of America", &key);
    assert_eq!(zim.contains(dangling), Presence::Present);
    let error = zim.documents(dangling).unwrap_err().to_string();
    assert!(
        error.ends_with(
            "entry C/United_States_of_America redirects to entry 1000, which does not exist"
        ),
        "{error}"
    );
}

#[test]
fn damaged_bytes_anywhere_never_panic() {
    let whole = std::fs::read(fixture(SMALL_V61)).unwrap();
    let path = temp_file("damaged.zim");
    // Every byte of the header, and a sample of the directory entries, pointer lists and
    // clusters (each case rewrites the file, so the sample is kept small).
    let positions =
        (0..whole.len()).filter(|&at| at < 80 || at % 11 == 0 && at < 1100 || at % 401 == 0);
    for at in positions {
        for value in [0xff, whole[at] ^ 0x11] {
            let mut bytes = whole.clone();
            bytes[at] = value;
            std::fs::write(&path, &bytes).unwrap();
            if let Ok(zim) = Zim::open(&path) {
                let titles = zim.titles().unwrap_or_default();
                let _ = search_in(&zim, "t", 5);
                let _ = zim.info();
                for title in titles.iter().chain(zim.main_title().iter()) {
                    let _ = zim.documents(wanted(title, &title_key(title)));
                }
            }
        }
    }
    for cut in [0, 4, 79, 80, 500, 1100, 20_000, whole.len() - 1] {
        std::fs::write(&path, &whole[..cut]).unwrap();
        if let Ok(zim) = Zim::open(&path) {
            let _ = zim
                .main_title()
                .map(|title| zim.documents(wanted(&title, &title_key(&title))));
        }
    }
}

fn folio(args: &[&str]) -> (i32, String, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_folio"))
        .args(args)
        .output()
        .unwrap();
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn the_command_line_lists_dumps_and_reports_broken_archives() {
    let archive = fixture(FOO_ZSTD);
    let (status, out, _) = folio(&["list", &archive.to_string_lossy()]);
    assert_eq!(status, 0);
    assert_eq!(out.lines().count(), 16);
    let (status, out, _) = folio(&["dump", &archive.to_string_lossy(), "7"]);
    assert_eq!((status, out.lines().next()), (0, Some("this is article 7")));
    let (status, out, _) = folio(&["dump", &fixture(RAY_CHARLES_2015).to_string_lossy()]);
    assert_eq!((status, out.lines().next()), (0, Some("Summary")));
    let library = fixture(RAY_CHARLES_MINI);
    let (status, out, _) = folio(&[
        "dump",
        "--library",
        &library.to_string_lossy(),
        "ray charles",
    ]);
    assert_eq!((status, out.lines().next()), (0, Some("Ray Charles")));
    let (status, out, _) = folio(&["list", "--library", &library.to_string_lossy()]);
    assert_eq!(status, 0);
    assert!(out.lines().any(|line| line == "Ray Charles"));

    for broken in [
        "zts-nons/invalid.smaller_than_header.zim",
        "zts-nons/invalid.offset_in_cluster.zim",
    ] {
        let path = fixture(broken);
        for command in [&["dump"][..], &["list"], &[]] {
            let mut args = command.to_vec();
            let path = path.to_string_lossy();
            args.push(&path);
            let (status, out, err) = folio(&args);
            assert_eq!(status, 1, "{args:?}");
            assert!(out.is_empty());
            assert_eq!(err.lines().count(), 1, "{err}");
            assert!(err.starts_with(&format!("folio: {path} : ")), "{err}");
        }
    }
}

/// Every link of an article to another article, as the HTML reader gives it.
fn article_links(reading: &folio::format::Reading) -> Vec<String> {
    let mut links: Vec<String> = reading
        .article
        .links()
        .into_iter()
        .filter_map(|link| link.target.title().map(str::to_string))
        .collect();
    links.dedup();
    links
}

#[test]
fn links_in_archive_articles_lead_to_archive_entries() {
    // Their main pages link only to articles the archives hold (.html URLs in 2015, bare in 2020).
    for archive in [RAY_CHARLES_2015, RAY_CHARLES_MINI] {
        let mut library = Library::new();
        let path = fixture(archive);
        let reading = library
            .open_target(Some(path.as_os_str()), None, None)
            .unwrap();
        let links = article_links(&reading);
        assert!(!links.is_empty(), "{archive}");
        let absent: Vec<&String> = links
            .iter()
            .filter(|title| !library.contains(title))
            .collect();
        assert!(absent.is_empty(), "{archive}: {absent:?}");
        // Following a link reads the entry it names.
        let present = links.iter().find(|title| library.contains(title)).unwrap();
        let followed = library.open(present).unwrap();
        assert!(
            !followed.article.sections.is_empty(),
            "{archive}: {present}"
        );
    }
}

#[test]
fn a_synthetic_archive_lists_and_searches_every_title() {
    // The archive the benchmark measures, small: 20,000 titles, every tenth a redirect.
    let count = 20_000;
    let path = temp_file("synthetic.zim");
    synthetic_zim::write(&path, count).unwrap();
    let zim = Zim::open(&path).unwrap();
    let titles = zim.titles().unwrap();
    assert_eq!(titles.len(), count as usize);
    assert!(
        titles
            .iter()
            .enumerate()
            .all(|(i, t)| *t == synthetic_zim::title(i as u32))
    );
    // The second and third words of one title find it among thousands that share them one
    // at a time; with a typo too.
    let wanted = synthetic_zim::title(1007);
    let words: Vec<&str> = wanted.split(' ').collect();
    let query = format!("{} {}", words[1], words[2]);
    assert_eq!(search_in(&zim, &query, 5)[0], wanted);
    // Typed in part, a word finds every title it starts a word of (200 with it second, 100
    // with it third, one of them with it both) before anything fuzzier.
    let found = search_in(&zim, &words[2][..5], 400);
    let with_word = found
        .iter()
        .take_while(|t| t.split(' ').any(|w| w == words[2]))
        .count();
    assert_eq!(with_word, 299, "{:?}", &found[..5]);
}
