//! Citation fields from wikitext: CS1/CS2 templates with their aliases, `{{dead link}}`, short
//! citations pointing at their full entry, the corpus fixtures, and bad input (issue 11, items 2
//! and 6). The fields survive `dump --json` and reading it back.

use folio::article::{Article, Reference, plain_text};
use folio::cite::{Cite, Kind, Name, UrlStatus};
use folio::format::{self, Format};

fn read(source: &str) -> Article {
    match format::read(source.as_bytes(), "case.wiki", Some(Format::Wikitext)) {
        Ok(reading) => reading.article,
        Err(error) => panic!("{error}"),
    }
}

fn fixture(name: &str) -> Article {
    let path = format!(
        "{}/tests/fixtures/wikitext/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    let bytes = std::fs::read(&path).unwrap_or_else(|error| panic!("{path}: {error}"));
    match format::read(&bytes, &path, Some(Format::Wikitext)) {
        Ok(reading) => reading.article,
        Err(error) => panic!("{error}"),
    }
}

fn cite(reference: &Reference) -> &Cite {
    reference
        .cite
        .as_deref()
        .unwrap_or_else(|| panic!("no fields: {}", plain_text(&reference.text)))
}

fn person(family: &str, given: &str) -> Name {
    Name::Person {
        family: family.into(),
        given: Some(given.into()),
    }
}

#[test]
fn a_cite_web_gives_its_fields_under_their_aliases() {
    let article = read(
        "A<ref>{{cite web |author1-last=Dreazen |author1-first=Yochi |last2=Smith |given2=Ann \
         |title=Exclusive |website=Foreign Policy |date=17 December 2013 |accessdate=2014-01-05 \
         |url=https://example.org/x |archive-url=https://web.archive.org/x |archivedate=1 May 2015 \
         |url-status=dead |language=en |oclc=123 |quote=It was so.}}</ref>\n<references/>",
    );
    let cite = cite(&article.references[0]);
    assert_eq!(cite.kind, Kind::WebPage);
    assert_eq!(
        cite.author,
        [person("Dreazen", "Yochi"), person("Smith", "Ann")]
    );
    assert_eq!(cite.title.as_deref(), Some("Exclusive"));
    assert_eq!(cite.container_title.as_deref(), Some("Foreign Policy"));
    assert_eq!(
        cite.issued.as_ref().map(|d| d.iso()).as_deref(),
        Some("2013-12-17")
    );
    assert_eq!(
        cite.accessed.as_ref().map(|d| d.iso()).as_deref(),
        Some("2014-01-05")
    );
    assert_eq!(cite.url.as_deref(), Some("https://example.org/x"));
    assert_eq!(
        cite.archive_url.as_deref(),
        Some("https://web.archive.org/x")
    );
    assert_eq!(
        cite.archive_date.as_ref().map(|d| d.iso()).as_deref(),
        Some("2015-05-01")
    );
    assert_eq!(cite.url_status, Some(UrlStatus::Dead));
    assert_eq!(cite.language.as_deref(), Some("en"));
    assert_eq!(cite.quote.as_deref(), Some("It was so."));
    assert_eq!(cite.identifiers[0].scheme, "OCLC");
    // The text is what it was.
    assert!(plain_text(&article.references[0].text).starts_with("Dreazen, Yochi; Smith, Ann"));
}

#[test]
fn a_book_chapter_with_editors_and_identifiers() {
    let article = read(
        "A<ref>{{cite book |last=Thomas |first=Paul |chapter=Marx |title=Karl Marx and the \
         Anarchists |editor-last=Ward |editor-first=Colin |editor2=Reuters |year=1985 \
         |publisher=Routledge |location=London |pages=10–20 |edition=2nd |series=Studies \
         |isbn=0-7102-0685-2 |doi=10.1000/x |pmc=123 |volume=3}}</ref>\n<references/>",
    );
    let cite = cite(&article.references[0]);
    assert_eq!(cite.kind, Kind::Chapter);
    assert_eq!(cite.title.as_deref(), Some("Marx"));
    assert_eq!(
        cite.container_title.as_deref(),
        Some("Karl Marx and the Anarchists")
    );
    assert_eq!(
        cite.editor,
        [
            person("Ward", "Colin"),
            Name::Literal {
                literal: "Reuters".into()
            }
        ]
    );
    assert_eq!(cite.year(), Some(1985));
    assert_eq!(cite.publisher.as_deref(), Some("Routledge"));
    assert_eq!(cite.publisher_place.as_deref(), Some("London"));
    assert_eq!(cite.page.as_deref(), Some("10–20"));
    assert_eq!(cite.edition.as_deref(), Some("2nd"));
    assert_eq!(cite.collection_title.as_deref(), Some("Studies"));
    assert_eq!(cite.isbn.as_deref(), Some("0-7102-0685-2"));
    assert_eq!(cite.doi.as_deref(), Some("10.1000/x"));
    assert_eq!(cite.pmcid.as_deref(), Some("PMC123"));
    assert_eq!(cite.volume.as_deref(), Some("3"));
}

#[test]
fn citation_and_journal_kinds() {
    let article = read(
        "A<ref>{{citation |last=Doe |title=On X |journal=Nature |volume=1 |issue=2}}</ref> \
         B<ref>{{cite news |title=N |newspaper=The Times}}</ref> \
         C<ref>{{Citation |author=World Health Organization |title=Book}}</ref>\n<references/>",
    );
    assert_eq!(cite(&article.references[0]).kind, Kind::Document);
    assert_eq!(
        cite(&article.references[0]).container_title.as_deref(),
        Some("Nature")
    );
    assert_eq!(cite(&article.references[0]).issue.as_deref(), Some("2"));
    assert_eq!(cite(&article.references[1]).kind, Kind::NewsArticle);
    let who = cite(&article.references[2]);
    assert_eq!(who.kind, Kind::Book);
    assert_eq!(
        who.author,
        [Name::Literal {
            literal: "World Health Organization".into()
        }]
    );
}

#[test]
fn a_dead_link_marks_the_url_dead_even_without_a_template() {
    let article = read(
        "A<ref>{{cite web|url=http://e.org/a|title=T}}{{dead link|date=February 2012}}</ref> \
         B<ref>[http://e.org/b B]{{Dead link}}</ref> C<ref>plain</ref>\n<references/>",
    );
    assert_eq!(
        cite(&article.references[0]).url_status,
        Some(UrlStatus::Dead)
    );
    let bare = cite(&article.references[1]);
    assert_eq!(bare.url.as_deref(), Some("http://e.org/b"));
    assert_eq!(bare.url_status, Some(UrlStatus::Dead));
    assert_eq!(article.references[2].cite, None);
}

#[test]
fn a_short_citation_points_at_its_full_entrys_fields() {
    let article = read(
        "A{{sfn|Thomas|1985|p=4}} B{{sfn|Nobody|1900}}\n\n== Notes ==\n{{reflist}}\n\n\
         == Sources ==\n* {{cite book |last=Thomas |first=Paul |title=Karl Marx and the \
         Anarchists |year=1985}}\n",
    );
    let short = cite(&article.references[0]);
    assert_eq!(short.title.as_deref(), Some("Karl Marx and the Anarchists"));
    assert_eq!(short.author, [person("Thomas", "Paul")]);
    // No full entry: no fields rather than someone else's.
    assert_eq!(article.references[1].cite, None);
}

#[test]
fn corpus_anarchism_and_toronto() {
    let anarchism = fixture("anarchism.txt");
    let with_fields: Vec<&Cite> = anarchism
        .references
        .iter()
        .filter_map(|reference| reference.cite.as_deref())
        .collect();
    assert!(with_fields.len() >= 80, "{} with fields", with_fields.len());
    let malatesta = with_fields
        .iter()
        .find(|cite| cite.title.as_deref() == Some("Towards Anarchism"))
        .unwrap_or_else(|| panic!("no Malatesta"));
    assert_eq!(malatesta.kind, Kind::JournalArticle);
    assert_eq!(malatesta.author, [person("Malatesta", "Errico")]);
    assert_eq!(malatesta.container_title.as_deref(), Some("MAN!"));
    assert_eq!(malatesta.publisher_place.as_deref(), Some("Los Angeles"));
    assert_eq!(malatesta.url_status, Some(UrlStatus::Live));
    assert_eq!(
        malatesta.archive_date.as_ref().map(|d| d.iso()).as_deref(),
        Some("2012-11-07")
    );
    // Harvard short citations inside refs carry their full entry's fields.
    let thomas = anarchism
        .references
        .iter()
        .find(|reference| plain_text(&reference.text).starts_with("Thomas 1985, p. 4"))
        .map(cite)
        .unwrap_or_else(|| panic!("no Thomas 1985"));
    assert_eq!(thomas.isbn.as_deref(), Some("0-7102-0685-2"));

    let toronto = fixture("toronto.txt");
    let competes = toronto
        .references
        .iter()
        .filter_map(|reference| reference.cite.as_deref())
        .find(|cite| cite.title.as_deref() == Some("Toronto Competes"))
        .unwrap_or_else(|| panic!("no Toronto Competes"));
    assert_eq!(
        competes.author,
        [Name::Literal {
            literal: "ICF Consulting".into()
        }]
    );
    assert_eq!(
        competes.issued.as_ref().map(|d| d.iso()).as_deref(),
        Some("2000-02")
    );
    assert_eq!(
        competes.accessed.as_ref().map(|d| d.iso()).as_deref(),
        Some("2007-03-01")
    );
    assert_eq!(competes.url_status, Some(UrlStatus::Dead));
}

#[test]
fn bad_input_keeps_the_text_and_only_the_fields_that_make_sense() {
    let many: String = (1..=10_000).map(|n| format!("|last{n}=A{n}")).collect();
    let source = format!(
        "A<ref>{{{{cite web |url=javascript:alert(1) |archive-url=file:///etc/passwd \
         |date=not a date |accessdate=31 February 2013 |title= |website=W\u{1b}[31m\u{7}}}}}</ref> \
         B<ref>{{{{cite book {many} |year=2001 |title=Many}}}}</ref> \
         C<ref>{{{{cite web}}}}</ref>\n<references/>"
    );
    let article = read(&source);
    assert_eq!(article.references.len(), 3);
    let broken = cite(&article.references[0]);
    assert_eq!(broken.url, None);
    assert_eq!(broken.archive_url, None);
    assert_eq!(broken.issued, None);
    assert!(broken.accessed.as_ref().is_some_and(|d| d.parts.is_empty()));
    assert_eq!(broken.title, None);
    assert_eq!(broken.container_title.as_deref(), Some("W"));
    assert!(plain_text(&article.references[0].text).contains('W'));
    let many = cite(&article.references[1]);
    assert_eq!(many.author.len(), 10_000);
    assert_eq!(many.author[9_999].family(), "A10000");
    assert!(plain_text(&article.references[1].text).contains("et al."));
    // An empty template says nothing: no fields.
    assert_eq!(article.references[2].cite, None);
}

#[test]
fn fields_survive_dump_json_and_reading_it_back() {
    let article = fixture("anarchism.txt");
    let json = folio::format::json::write(&article);
    let value: serde_json::Value = serde_json::from_str(&json).unwrap_or_default();
    let first = value["references"]
        .as_array()
        .and_then(|refs| refs.iter().find(|r| r.get("cite").is_some()))
        .unwrap_or_else(|| panic!("no cite key in the JSON"));
    assert!(first["cite"]["type"].is_string());
    let back = match format::read(json.as_bytes(), "a.json", Some(Format::Json)) {
        Ok(reading) => reading.article,
        Err(error) => panic!("{error}"),
    };
    assert_eq!(back.references, article.references);
}

#[test]
fn a_cite_folio_cannot_read_in_json_is_dropped_and_the_document_still_reads() {
    let json = r#"{"title":"T","references":[
        {"label":"1","text":"one","cite":{"type":"book","issued":{"date-parts":[["spring"]]}}},
        {"label":"2","text":"two","cite":{"type":"book","title":"Kept"}}]}"#;
    let article = match format::read(json.as_bytes(), "t.json", Some(Format::Json)) {
        Ok(reading) => reading.article,
        Err(error) => panic!("{error}"),
    };
    assert_eq!(article.references[0].cite, None);
    assert_eq!(plain_text(&article.references[0].text), "one");
    let kept = article.references[1].cite.as_deref();
    assert_eq!(kept.and_then(|cite| cite.title.as_deref()), Some("Kept"));
}
