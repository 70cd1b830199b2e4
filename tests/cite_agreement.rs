//! The same reference read as wikitext and as HTML gives the same fields (issue 11, item 2).
//!
//! The paired fixtures (`tests/fixtures/wikitext/*.wikitext` beside the Parsoid HTML of the same
//! revision) hold one reference between them, a bare link with no cite template; the
//! comparison that says something is made on the Parsoid pages themselves: each citation's
//! `data-mw` is its template's wikitext of that revision, which the wikitext reader reads
//! (`src/format/html/data_mw.rs`), and the same page with `data-mw` renamed is read by the HTML
//! reader from its COinS span and rendered citation, and with COinS renamed too from the
//! rendered citation alone. The wikitext reader's own CS1 rendering is read back as well.
//!
//! Compared: title, first author's family name, year, URL and DOI: the fields every source
//! carries when the template has them. Not compared, because one side cannot have them: the
//! work/publisher split (COinS puts a website in `rft.pub` or `rft.jtitle` by template, the
//! rendering by italics), the type (COinS says book/journal/unknown, the rendering only
//! book/chapter/journal), given names (COinS abbreviates none, a rendered `vauthors` list has
//! initials), and dates beyond the year (COinS keeps CS1's date text, which may be a range).
//! Normalised before comparing: titles without letter case, quotation marks and no-break
//! spaces (CS1 changes quotes inside a title, the rendering's text has plain spaces), a literal
//! author's name up to its comma (`author=Mallory, J. R.` is a literal to the wikitext reader,
//! a family name and given name to COinS and the rendering), URLs without their fragment (the
//! HTML reader keeps a link's address without it).

use folio::article::{Article, plain_text};
use folio::cite::{Cite, Name, rendered};
use folio::format::{self, Format};
use std::path::PathBuf;

fn fixture(path: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(path);
    std::fs::read_to_string(&path).unwrap_or_else(|error| panic!("{path:?}: {error}"))
}

fn read(text: &str, format: Format) -> Article {
    match format::read(text.as_bytes(), "agreement", Some(format)) {
        Ok(reading) => reading.article,
        Err(error) => panic!("not read: {error}"),
    }
}

/// The compared fields of one reading, normalised as a reader sees them: titles compared
/// without letter case (COinS keeps the wikitext's, the rendering CS1's) and quotation marks.
#[derive(Debug, PartialEq)]
struct Compared {
    title: Option<String>,
    author: Option<String>,
    year: Option<i32>,
    url: Option<String>,
    doi: Option<String>,
}

fn compared(cite: &Cite) -> Compared {
    let title = cite.title.as_ref().map(|title| {
        let unquoted: String = title
            .chars()
            .filter(|c| !matches!(c, '"' | '\'' | '“' | '”' | '‘' | '’'))
            .map(|c| if c.is_whitespace() { ' ' } else { c })
            .collect();
        // An edition written into the title shows as the edition does; CS1 drops a final stop.
        let unquoted = match unquoted.rsplit_once(" (") {
            Some((head, note)) if note.ends_with("ed.)") => head.to_string(),
            _ => unquoted,
        };
        unquoted.trim_end_matches('.').to_lowercase()
    });
    // The first word of the family name: `author=Mallory, J. R.` is one literal name to the
    // wikitext reader, a family and given name to COinS and the rendering, and `Leroy G` is
    // rendered alike from `vauthors` (family Leroy) and `author` (one literal name).
    let author = cite.author.first().map(|name| {
        let family = name.family();
        let family = family.split(", ").next().unwrap_or(family);
        family
            .split_whitespace()
            .next()
            .unwrap_or(family)
            .to_lowercase()
    });
    // The HTML reader keeps a link's address without its fragment.
    let url = cite
        .url
        .as_ref()
        .map(|url| url.split('#').next().unwrap_or(url).to_string());
    Compared {
        title,
        author,
        year: cite.year(),
        url,
        doi: cite.doi.clone(),
    }
}

/// The fields that differ between the template's reading and another's, by name. A field the
/// other reading lacks where the template has it counts, and one it has that the template lacks.
fn differences(template: &Compared, other: &Compared) -> Vec<&'static str> {
    let mut names = Vec::new();
    if template.title != other.title {
        names.push("title");
    }
    if template.author != other.author {
        names.push("author");
    }
    if template.year != other.year {
        names.push("year");
    }
    // Without `url`, CS1 links the title to a free copy (PMC) and COinS names an address of
    // an identifier's: the other readings may find a URL the template lacks.
    if template.url.is_some() && template.url != other.url {
        names.push("URL");
    }
    if template.doi != other.doi {
        names.push("DOI");
    }
    names
}

#[test]
fn the_paired_fixture_gives_the_same_fields_from_both_readers() {
    let html = read(
        &fixture("html/en-William_Clark_(inventor).parsoid-2.4.0.html"),
        Format::Html,
    );
    let wikitext = read(
        &fixture("wikitext/en-William_Clark_(inventor).wikitext"),
        Format::Wikitext,
    );
    assert_eq!(html.references.len(), wikitext.references.len());
    assert!(!html.references.is_empty());
    for (a, b) in html.references.iter().zip(&wikitext.references) {
        assert_eq!(
            a.cite.as_deref().map(compared),
            b.cite.as_deref().map(compared),
            "{}",
            plain_text(&a.text)
        );
        assert_eq!(a.urls, b.urls);
    }
}

/// Each reference of a Parsoid page read three ways: the template's wikitext (`data-mw`), COinS
/// with the rendering, the rendering alone. Every compared field agrees, except a URL where
/// the page's rendering links the title to another address than the template's `url` (CS1
/// links a chapter to `chapter-url`; a few renderings of Dog 1.7.0 link a PMC copy): those are
/// allowed in at most 1% of the references, and listed when the test fails.
fn three_readings_agree(name: &str, minimum: usize) {
    let html = fixture(&format!("html/{name}"));
    let by_template = read(&html, Format::Html);
    let no_data_mw = html.replace("data-mw=", "data-xx=");
    let by_coins = read(&no_data_mw, Format::Html);
    let by_rendering = read(
        &no_data_mw.replace("class=\"Z3988\"", "class=\"no-coins\""),
        Format::Html,
    );
    assert_eq!(by_template.references.len(), by_coins.references.len());
    assert_eq!(by_template.references.len(), by_rendering.references.len());
    let mut compared_count = 0;
    let (mut disagreements, mut other_urls) = (Vec::new(), Vec::new());
    for ((template, coins), rendering) in by_template
        .references
        .iter()
        .zip(&by_coins.references)
        .zip(&by_rendering.references)
    {
        let Some(fields) = template.cite.as_deref() else {
            continue;
        };
        let Some(template_fields) = Some(compared(fields)).filter(|c| c.title.is_some()) else {
            continue;
        };
        compared_count += 1;
        for (reader, other) in [("COinS", coins), ("rendered", rendering)] {
            let other_fields = other.cite.as_deref().map(compared);
            let names = match &other_fields {
                Some(other_fields) => differences(&template_fields, other_fields),
                None => vec!["everything"],
            };
            let line = format!(
                "[{}] {reader} {names:?}: {}\n  template: {template_fields:?}\n  {reader}: \
                 {other_fields:?}",
                template.label,
                plain_text(&template.text)
            );
            let both_urls = template_fields.url.is_some()
                && other_fields
                    .as_ref()
                    .is_some_and(|other| other.url.is_some());
            if names == ["URL"] && both_urls {
                other_urls.push(line);
            } else if !names.is_empty() {
                disagreements.push(line);
            }
        }
    }
    assert!(
        compared_count >= minimum,
        "{name}: only {compared_count} references with template fields"
    );
    assert!(
        disagreements.is_empty() && other_urls.len() * 100 <= compared_count,
        "{name}: {} disagreements and {} other URLs over {compared_count} references:\n{}\n{}",
        disagreements.len(),
        other_urls.len(),
        disagreements.join("\n"),
        other_urls.join("\n")
    );
}

#[test]
fn parsoid_united_states_template_coins_and_rendering_agree() {
    three_readings_agree("en-United_States.parsoid-2.1.0.html", 50);
}

#[test]
fn parsoid_dog_template_coins_and_rendering_agree() {
    three_readings_agree("en-Dog.parsoid-1.7.0.html", 20);
}

/// The wikitext reader renders each cite template as CS1 does; that rendering read back gives
/// the template's fields, but for the few references whose text is more than one citation.
#[test]
fn the_wikitext_readers_rendering_reads_back_to_its_template_fields() {
    let folder = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/wikitext");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&folder)
        .unwrap_or_else(|error| panic!("{error}"))
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "txt"))
        .collect();
    files.sort();
    let mut compared_count = 0;
    let mut disagreements = Vec::new();
    for path in files {
        let text = std::fs::read_to_string(&path).unwrap_or_else(|error| panic!("{error}"));
        let article = read(&text, Format::Wikitext);
        for reference in &article.references {
            let Some(template) = reference.cite.as_deref() else {
                continue;
            };
            let template_fields = compared(template);
            if template_fields.title.is_none() {
                continue;
            }
            // A short citation shows `Smith 2001, p. 5. → ` before its full entry's rendering.
            let mut rendering = rendered::Rendering::from_inlines(&reference.text);
            if let Some((_, full)) = rendering.text.split_once(" → ") {
                let full = full.split(" → ").next().unwrap_or(full);
                rendering.text = full.to_string();
            }
            let back = rendered::read(&rendering);
            compared_count += 1;
            let back_fields = back.as_ref().map(compared);
            let names = match &back_fields {
                Some(back_fields) => differences(&template_fields, back_fields),
                None => vec!["everything"],
            };
            if !names.is_empty() {
                disagreements.push(format!(
                    "{} [{}] {names:?}: {}\n  template: {template_fields:?}\n  read back: \
                     {back_fields:?}",
                    path.display(),
                    reference.label,
                    plain_text(&reference.text)
                ));
            }
        }
    }
    assert!(compared_count >= 200, "only {compared_count} compared");
    // Plain text cannot tell where a citation starts after prose (`See, for example, …`) or
    // where the first of several ends, and the wikitext reader shows no URL for a chapter:
    // those few differ (19 of 627 when written).
    assert!(
        disagreements.len() * 100 <= compared_count * 5,
        "{} disagreements over {compared_count}:\n{}",
        disagreements.len(),
        disagreements.join("\n")
    );
}

#[test]
fn a_literal_author_stays_one_name() {
    let Some(cite) = rendered::read(&rendered::Rendering::from_text(
        "World Health Organization (2001). Global Report. Geneva: WHO.",
        &[],
    )) else {
        panic!("no fields");
    };
    assert_eq!(
        cite.author,
        [Name::Literal {
            literal: "World Health Organization".into()
        }]
    );
}
