//! The CS1 rendering of a reference read back into fields (issue 11, item 2): the bundled plain
//! text article (seed 001), HTML saved without COinS spans, and the archive and access dates
//! COinS pages take from their rendered citations.

use folio::article::{Article, plain_text};
use folio::cite::{Cite, Date, Name};
use folio::format::{self, Format};
use std::path::PathBuf;

fn read_file(path: &str, format: Option<Format>) -> Article {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(path);
    let bytes = std::fs::read(&path).unwrap_or_else(|error| panic!("{path:?}: {error}"));
    read_bytes(&bytes, &path.to_string_lossy(), format)
}

fn read_bytes(bytes: &[u8], name: &str, format: Option<Format>) -> Article {
    match format::read(bytes, name, format) {
        Ok(reading) => reading.article,
        Err(error) => panic!("{name} not read: {error}"),
    }
}

fn iso(date: &Option<Date>) -> String {
    date.as_ref().map(Date::iso).unwrap_or_default()
}

fn first_author(cite: &Cite) -> String {
    cite.author.first().map(Name::sorted).unwrap_or_default()
}

/// (first author, issued, title, work, archive date, access date) of seed 001's references, as
/// its text renders them.
const SEED_001: &[(&str, &str, &str, &str, &str, &str)] = &[
    (
        "Williams, Carol J.",
        "2013-09-19",
        "Envoys urge U.N. probe of massacre at Iranian exile camp in Iraq",
        "Los Angeles Times",
        "2013-11-05",
        "2013-10-30",
    ),
    (
        "Ashish Kumar Sen",
        "2013-09-01",
        "52 Iranian exiles killed at Iraq's Camp Ashraf",
        "The Washington Times",
        "2013-11-07",
        "2013-10-30",
    ),
    (
        "Dreazen, Yochi",
        "2013-12-17",
        "Exclusive: U.S. Fingers Iranian Commandos for Kidnapping Raid Inside Iraq",
        "Foreign Policy",
        "2013-12-20",
        "2013-12-20",
    ),
    (
        "",
        "2013-09-01",
        "Secretary-General Deplores Deaths at Camp Ashraf in Iraq, Urging Investigation",
        "United Nations",
        "2013-10-19",
        "2023-05-27",
    ),
    (
        "",
        "2013-09-03",
        "Iraq: UN human rights office, UN mission condemn attack on Camp Ashraf",
        "UN News Centre",
        "",
        "",
    ),
    (
        "",
        "2013-09-06",
        "Situation at Camp Ashraf in Iraq",
        "U.S. Department of State",
        "2022-07-01",
        "2023-05-27",
    ),
    (
        "",
        "2013-09-02",
        "Statement by High Representative Catherine Ashton on the killing of residents at Camp \
         Ashraf",
        "European Union",
        "2013-12-20",
        "2013-12-20",
    ),
    (
        "",
        "2013-09-02",
        "Foreign Office Minister condemns violence at Camp Ashraf, Iraq",
        "Amnesty International",
        "2013-12-20",
        "2013-12-20",
    ),
    (
        "",
        "2013-09-02",
        "Iraq: Impartial investigation of Camp Ashraf deaths crucial",
        "Amnesty International",
        "2014-01-20",
        "2023-05-27",
    ),
];

#[test]
fn seed_001_references_have_their_fields() {
    let article = read_file("assets/001_1b985710a8456a24.txt", None);
    assert_eq!(article.references.len(), SEED_001.len());
    for (reference, expected) in article.references.iter().zip(SEED_001) {
        let Some(cite) = reference.cite.as_deref() else {
            panic!("no fields: {}", plain_text(&reference.text));
        };
        let (author, issued, title, work, archived, accessed) = *expected;
        let got = (
            first_author(cite),
            iso(&cite.issued),
            cite.title.clone().unwrap_or_default(),
            cite.container_title.clone().unwrap_or_default(),
            iso(&cite.archive_date),
            iso(&cite.accessed),
        );
        assert_eq!(
            got,
            (
                author.to_string(),
                issued.to_string(),
                title.to_string(),
                work.to_string(),
                archived.to_string(),
                accessed.to_string()
            ),
            "reference {}",
            reference.label
        );
        // The text stays as it was.
        assert!(
            plain_text(&reference.text).contains(title),
            "{}",
            plain_text(&reference.text)
        );
    }
}

#[test]
fn folio_dump_read_back_keeps_the_fields_and_the_urls() {
    let dump = "Topic\n═════\n\nText.[1]\n\nReferences\n──────────\n  1. Smith, Ann (2001). \
                \"A title\". The Work. Archived from the original on 2 May 2010.\n     Retrieved 3 \
                May 2011.\n     https://example.org/a\n     https://web.archive.org/web/1/a\n";
    let article = read_bytes(dump.as_bytes(), "topic.txt", Some(Format::Plaintext));
    let Some(cite) = article.references.first().and_then(|r| r.cite.as_deref()) else {
        panic!("no fields: {:?}", article.references);
    };
    assert_eq!(first_author(cite), "Smith, Ann");
    assert_eq!(cite.title.as_deref(), Some("A title"));
    assert_eq!(iso(&cite.accessed), "2011-05-03");
    assert_eq!(cite.url.as_deref(), Some("https://example.org/a"));
    assert_eq!(
        cite.archive_url.as_deref(),
        Some("https://web.archive.org/web/1/a")
    );
}

const DESKTOP: &str = "tests/fixtures/html/readability-wikipedia.source.html";

/// The desktop page as a page saved without COinS: its spans renamed (the spans are empty, so
/// the text is the same).
fn without_coins(html: &str) -> String {
    html.replace("class=\"Z3988\"", "class=\"no-coins\"")
}

/// Compares the fields of one reference read from COinS with those read back from its
/// rendering; returns the names of the fields that differ.
fn differing(coins: &Cite, rendered: &Cite) -> Vec<&'static str> {
    // This page's COinS lost `’` and `·` to replacement characters: titles are compared by
    // their letters and digits.
    let letters = |cite: &Cite| -> Option<String> {
        let title = cite.title.as_deref()?;
        Some(title.chars().filter(|c| c.is_alphanumeric()).collect())
    };
    // The HTML reader keeps a link's address without its fragment.
    let url = |cite: &Cite| -> Option<String> {
        let url = cite.url.as_deref()?;
        Some(url.split('#').next().unwrap_or(url).to_string())
    };
    // An unfit original is not linked in the rendering (the title links the archive copy).
    let unlinked = rendered.url.is_none() && rendered.archive_url.is_some();
    let mut fields = Vec::new();
    if letters(coins) != letters(rendered) {
        fields.push("title");
    }
    if coins.author.first().map(Name::family) != rendered.author.first().map(Name::family) {
        fields.push("author");
    }
    if coins.year() != rendered.year() {
        fields.push("year");
    }
    if url(coins) != url(rendered) && !unlinked {
        fields.push("URL");
    }
    if coins.doi != rendered.doi {
        fields.push("DOI");
    }
    fields
}

#[test]
fn a_desktop_page_without_coins_reads_its_rendered_citations() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(DESKTOP);
    let html = std::fs::read_to_string(&path).unwrap_or_else(|error| panic!("{error}"));
    assert!(html.contains("Z3988"));
    let with = read_bytes(html.as_bytes(), "with.html", Some(Format::Html));
    let stripped = without_coins(&html);
    assert!(!stripped.contains("Z3988"));
    let without = read_bytes(stripped.as_bytes(), "without.html", Some(Format::Html));
    assert_eq!(with.references.len(), without.references.len());
    let mut compared = 0;
    let mut disagreements = Vec::new();
    for (a, b) in with.references.iter().zip(&without.references) {
        assert_eq!(a.text, b.text);
        let Some(coins) = a.cite.as_deref() else {
            continue;
        };
        let Some(rendered) = b.cite.as_deref() else {
            panic!("no fields read back: {}", plain_text(&b.text));
        };
        compared += 1;
        let fields = differing(coins, rendered);
        if !fields.is_empty() {
            disagreements.push(format!(
                "[{}] {fields:?}\n  COinS:    {coins:?}\n  rendered: {rendered:?}",
                a.label
            ));
        }
        // Both take the archive and access dates from the rendering.
        assert_eq!(coins.accessed, rendered.accessed, "[{}]", a.label);
        assert_eq!(coins.archive_date, rendered.archive_date, "[{}]", a.label);
    }
    assert!(compared >= 60, "only {compared} references compared");
    assert!(
        disagreements.is_empty(),
        "{} of {compared} differ:\n{}",
        disagreements.len(),
        disagreements.join("\n")
    );
}

#[test]
fn coins_pages_take_archive_and_access_dates_from_the_rendering() {
    for name in [
        "readability-wikipedia.source.html",
        "en-Dog.action-parse.html",
        "en-Ray_Charles.kiwix-2015-06.html",
    ] {
        let article = read_file(&format!("tests/fixtures/html/{name}"), Some(Format::Html));
        let (mut retrieved, mut archived) = (0, 0);
        for reference in &article.references {
            let text = plain_text(&reference.text);
            let Some(cite) = reference.cite.as_deref() else {
                continue;
            };
            if text.contains("Retrieved ") && cite.title.is_some() {
                retrieved += 1;
                assert!(cite.accessed.is_some(), "{name}: no access date: {text}");
            }
            if text.contains("Archived from the original on ") {
                archived += 1;
                assert!(
                    cite.archive_date.is_some(),
                    "{name}: no archive date: {text}"
                );
                assert!(cite.archive_url.is_some(), "{name}: no archive URL: {text}");
            }
        }
        assert!(retrieved > 0, "{name}: no reference says Retrieved");
        if name == "en-Dog.action-parse.html" {
            assert!(archived > 0, "{name}: no archived reference");
        }
    }
}

/// Renderings at a large size (issue 11, item 6): each step of the read-back is one pass, so
/// these read in a moment; a quadratic regression shows as a test that takes minutes. No
/// duration is asserted.
#[test]
fn huge_renderings_are_read_in_one_pass() {
    const LARGE: usize = 100_000;
    let authors: Vec<String> = (0..LARGE).map(|n| format!("Family{n}, G.")).collect();
    let parts: String = (0..LARGE).map(|n| format!("Part {n}. ")).collect();
    let quotes = "\"a".repeat(LARGE);
    let parentheses = "(x) ".repeat(LARGE);
    let entries = [
        format!("{} (2001). \"Title\". Work.", authors.join("; ")),
        format!("\"Title\". {parts}Retrieved 5 May 2010."),
        format!("{quotes}\". Work."),
        format!("{parentheses}(2001). \"T\"."),
        format!("Smith (2001). {}", "U.S. ".repeat(LARGE)),
    ];
    let mut text = String::from("Huge\n\nText.[1]\n\nReferences\n\n");
    for (n, entry) in entries.iter().enumerate() {
        text.push_str(&format!("  {}. ^ {entry}\n", n + 1));
    }
    let article = read_bytes(text.as_bytes(), "huge.txt", Some(Format::Plaintext));
    assert_eq!(article.references.len(), entries.len());
    let cite = |n: usize| article.references[n].cite.as_deref();
    assert_eq!(cite(0).map(|c| c.author.len()), Some(LARGE));
    assert_eq!(cite(1).map(|c| iso(&c.accessed)), Some("2010-05-05".into()));
    assert!(cite(2).is_some_and(|c| c.title.is_some()));

    // HTML without COinS: one citation with many links (fewer: the HTML reader's own list of
    // a reference's URLs is searched once per link).
    let links: String = (0..LARGE / 20)
        .map(|n| format!("<a class=\"external\" href=\"https://e.org/{n}\">link {n}</a>. "))
        .collect();
    let html = format!(
        "<html><head><title>Links - Wikipedia</title></head><body><p>Text.<sup \
         class=\"reference\" id=\"cite_ref-1\"><a href=\"#cite_note-1\">[1]</a></sup></p><ol \
         class=\"references\"><li id=\"cite_note-1\"><cite class=\"citation\">Smith, A. \
         (2001). \"<a class=\"external\" href=\"https://e.org/t\">T</a>\". {links}</cite></li>\
         </ol></body></html>"
    );
    let article = read_bytes(html.as_bytes(), "links.html", Some(Format::Html));
    let cite = article.references.first().and_then(|r| r.cite.as_deref());
    assert_eq!(cite.and_then(|c| c.url.as_deref()), Some("https://e.org/t"));
}
