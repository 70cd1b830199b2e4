//! Citation fields from Wikipedia's HTML: the COinS span (`span.Z3988`) CS1 writes after each
//! citation, in action=parse, Parsoid and Kiwix HTML (issue 11, item 2).

use folio::article::Article;
use folio::cite::{Cite, Kind, Name};
use folio::format::{self, Format};

fn fixture(name: &str) -> Article {
    let path = format!("{}/tests/fixtures/html/{name}", env!("CARGO_MANIFEST_DIR"));
    let bytes = std::fs::read(&path).unwrap_or_else(|error| panic!("{path}: {error}"));
    match format::read(&bytes, &path, Some(Format::Html)) {
        Ok(reading) => reading.article,
        Err(error) => panic!("{error}"),
    }
}

fn cites(article: &Article) -> Vec<&Cite> {
    article
        .references
        .iter()
        .filter_map(|reference| reference.cite.as_deref())
        .collect()
}

#[test]
fn action_parse_html_gives_each_citation_its_coins_fields() {
    let article = fixture("en-Dog.action-parse.html");
    let cites = cites(&article);
    assert!(
        cites.len() >= 240,
        "{} of {}",
        cites.len(),
        article.references.len()
    );
    let satunin = cites
        .iter()
        .find(|cite| cite.title.as_deref() == Some("The Black Wild Cat of Transcaucasia"))
        .unwrap_or_else(|| panic!("no Satunin"));
    assert_eq!(satunin.kind, Kind::JournalArticle);
    assert_eq!(
        satunin.container_title.as_deref(),
        Some("Proceedings of the Zoological Society of London")
    );
    assert_eq!(
        satunin.author,
        [Name::Person {
            family: "Satunin".into(),
            given: Some("C.".into())
        }]
    );
    assert_eq!(satunin.year(), Some(1904));
    assert_eq!(satunin.volume.as_deref(), Some("II"));
    assert_eq!(satunin.page.as_deref(), Some("162-163"));
    assert_eq!(
        satunin.url.as_deref(),
        Some("https://archive.org/details/proceedingsofzoo19042zool")
    );
}

#[test]
fn parsoid_and_kiwix_html_too() {
    for (name, at_least) in [
        ("en-Dog.parsoid-1.7.0.html", 200),
        ("en-United_States.parsoid-2.1.0.html", 600),
        ("en-Ray_Charles.kiwix-2015-06.html", 45),
    ] {
        let article = fixture(name);
        let cites = cites(&article);
        assert!(
            cites.len() >= at_least,
            "{name}: {} with fields",
            cites.len()
        );
        assert!(
            cites
                .iter()
                .all(|cite| cite.title.is_some() || cite.url.is_some())
        );
        // Entities CS1 leaves in COinS values are decoded.
        assert!(
            cites
                .iter()
                .all(|cite| !cite.title.as_deref().unwrap_or("").contains("&nbsp;"))
        );
    }
}

#[test]
fn a_coins_span_outside_the_references_gives_no_reference_fields() {
    let html = "<html><body><p>Text<sup id=\"cite_ref-1\" class=\"reference\"><a href=\"#cite_note-1\">[1]</a></sup> \
        <span class=\"Z3988\" title=\"rft.btitle=Stray\"></span></p>\
        <ol class=\"references\"><li id=\"cite_note-1\"><span class=\"reference-text\">Plain note \
        <span class=\"Z3988\" title=\"rft.genre=book&amp;rft.btitle=Kept&amp;rft.aulast=A&amp;rft_id=file%3A%2F%2F%2Fetc\"></span>\
        </span></li><li id=\"cite_note-2\"><span class=\"reference-text\">Second</span></li></ol></body></html>";
    let article = match format::read(html.as_bytes(), "x.html", Some(Format::Html)) {
        Ok(reading) => reading.article,
        Err(error) => panic!("{error}"),
    };
    assert_eq!(article.references.len(), 2);
    let first = article.references[0].cite.as_deref();
    assert_eq!(first.and_then(|cite| cite.title.as_deref()), Some("Kept"));
    assert_eq!(first.and_then(|cite| cite.url.as_deref()), None);
    assert_eq!(article.references[1].cite, None);
}

#[test]
fn parsoid_data_mw_gives_what_coins_lacks() {
    let article = fixture("en-Dog.parsoid-1.7.0.html");
    let cites = cites(&article);
    let linnaeus = cites
        .iter()
        .find(|cite| {
            cite.title
                .as_deref()
                .is_some_and(|title| title.starts_with("Domestic PetDog Classified By Linnaeus"))
        })
        .unwrap_or_else(|| panic!("no encyclocenter page"));
    assert_eq!(linnaeus.kind, Kind::WebPage);
    assert_eq!(
        linnaeus.publisher.as_deref(),
        Some("www.encyclocentral.com")
    );
    assert_eq!(
        linnaeus.accessed.as_ref().map(|d| d.iso()).as_deref(),
        Some("2008-06-18")
    );
    assert_eq!(
        linnaeus.archive_date.as_ref().map(|d| d.iso()).as_deref(),
        Some("2013-05-21")
    );
    assert_eq!(linnaeus.url_status, Some(folio::cite::UrlStatus::Dead));
}
