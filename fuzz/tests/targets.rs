//! Fuzz targets: one per reader, one for detection with every reader, one for ZIM archives and
//! one for laying out what a reader produced.
//!
//! Under `cargo test` each target is a bounded smoke run: it replays its folder under
//! tests/__fuzz__/NAME/ (`crashes/` keeps every input that once failed, as a regression
//! case) and then tries random inputs for about a second. `cargo bolero test NAME -p folio-fuzz`
//! fuzzes the same target with libFuzzer on stable Rust (README, Development).

use bolero::check;
use folio::article::{Article, Inline};
use folio::format::{self, Format};
use folio::layout;
use folio::source::search::search_all;
use folio::source::zim::Zim;
use folio::source::{Source, Wanted};
use std::time::Duration;
use unicode_width::UnicodeWidthStr;

/// How long each target tries random inputs under `cargo test` (BOLERO_RANDOM_TEST_TIME_MS
/// overrides it).
const SMOKE: Duration = Duration::from_secs(1);
/// The longest input a target is given (libFuzzer's `-max_len`, cargo bolero's `-l`, may set it
/// lower): documents long enough for slow paths to show, archives whole.
const MAX_DOCUMENT: usize = 64 * 1024;
const MAX_ARCHIVE: usize = 1024 * 1024;
/// Titles of an archive whose documents are opened and read, beyond its main page.
const ZIM_TITLES_READ: usize = 8;

/// What every reading must satisfy: it never panics (the harness catches that), its citations
/// point into its references, and folio's own JSON of it reads back unchanged.
fn check_reading(bytes: &[u8], name: &str, reader: Option<Format>) {
    let Ok(reading) = format::read(bytes, name, reader) else {
        return;
    };
    let article = reading.article;
    check_citations(&article);
    let json = format::json::write(&article);
    match format::read(json.as_bytes(), "fuzz.json", Some(Format::Json)) {
        Ok(again) => assert_eq!(
            again.article, article,
            "JSON round trip changed the article"
        ),
        Err(error) => panic!("folio's JSON of the article does not read back: {error}"),
    }
}

/// Citations stand in the text, the infobox and the references themselves.
fn check_citations(article: &Article) {
    let references = article.references.len();
    for inline in article.all_inlines() {
        if let Inline::Citation {
            reference: Some(index),
            label,
        } = inline
        {
            assert!(
                *index < references,
                "citation [{label}] points to reference {index} of {references}"
            );
        }
    }
}

/// A target reading any bytes with one reader; a macro, so that each target is a test of its own
/// name (bolero names a target's folder after the function `check!` stands in).
macro_rules! reader_target {
    ($name:ident, $reader:expr) => {
        #[test]
        fn $name() {
            check!()
                .with_test_time(SMOKE)
                .with_max_len(MAX_DOCUMENT)
                .for_each(|bytes: &[u8]| check_reading(bytes, "fuzz", Some($reader)));
        }
    };
}

reader_target!(outline, Format::Outline);
reader_target!(plaintext, Format::Plaintext);
reader_target!(wikitext, Format::Wikitext);
reader_target!(html, Format::Html);
reader_target!(json, Format::Json);

/// Detection picks the reader, as for a file opened by name; the title a folder index peeks at
/// is the title the full read gives.
#[test]
fn detect() {
    check!()
        .with_test_time(SMOKE)
        .with_max_len(MAX_DOCUMENT)
        .for_each(|bytes: &[u8]| {
            // The first byte picks the file name, since the extension breaks detection's ties.
            let Some((&pick, document)) = bytes.split_first() else {
                return;
            };
            let names = ["fuzz", "fuzz.txt", "fuzz.html", "fuzz.wiki", "fuzz.json"];
            let name = names[usize::from(pick) % names.len()];
            check_reading(document, name, None);
            // A document that cannot be read may still be listed by a peeked title: opening it then
            // says why it cannot be read.
            if document.len() <= format::PEEK_BYTES
                && let Ok(reading) = format::read(document, name, None)
                && let Some(peeked) = format::peek_title(document, name)
            {
                assert_eq!(
                    peeked, reading.article.title,
                    "the peeked title is not the read one"
                );
            }
        });
}

/// Any document laid out at any width: no line is wider than the width, and no line carries a
/// control character to the terminal.
#[test]
fn layout() {
    check!()
        .with_test_time(SMOKE)
        .with_max_len(MAX_DOCUMENT)
        .for_each(|bytes: &[u8]| {
            let Some((&width, document)) = bytes.split_first() else {
                return;
            };
            let width = usize::from(width % 160) + 1;
            let Ok(reading) = format::read(document, "fuzz", None) else {
                return;
            };
            let article = &reading.article;
            for pane in [
                layout::article_text(article, width),
                layout::infobox(article, width, true),
                layout::references(article, width),
            ] {
                for line in &pane.lines {
                    let text = line.text();
                    assert!(
                        line.width() <= width && text.width() <= width,
                        "{text:?} is wider than {width}"
                    );
                    assert!(
                        !text.chars().any(char::is_control),
                        "{text:?} carries a control character"
                    );
                }
            }
        });
}

/// A ZIM archive from any bytes: opening it, listing, searching and the info view never panic,
/// and every document it gives reads as the readers above require.
#[test]
fn zim() {
    let archive = tempfile::Builder::new()
        .suffix(".zim")
        .tempfile()
        .expect("a temporary file for the archive");
    check!()
        .with_test_time(SMOKE)
        .with_max_len(MAX_ARCHIVE)
        .for_each(|bytes: &[u8]| {
            if std::fs::write(archive.path(), bytes).is_err() {
                return;
            }
            let Ok(zim) = Zim::open(archive.path()) else {
                return;
            };
            let titles = zim.titles().unwrap_or_default();
            let _ = zim.info();
            let main = zim.main_title();
            let _ = search_all(&[&zim], "", 10);
            for title in main.iter().chain(titles.iter().take(ZIM_TITLES_READ)) {
                let key = folio::text::title_key(title);
                let _ = search_all(&[&zim], &key, 10);
                let wanted = Wanted { title, key: &key };
                let _ = zim.contains(wanted);
                for document in zim.documents(wanted).into_iter().flatten() {
                    check_reading(&document.bytes, &document.name, document.format);
                }
            }
        });
}
