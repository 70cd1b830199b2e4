//! Every corpus HTML file read through `format::read` (detection included), checked against what
//! the HTML itself holds. Counts are taken from the raw markup by plain string scanning, a method
//! independent of the reader's tokenizer and builder, and asserted equal.

use folio::article::{Article, Inline, LinkTarget, Place, plain_text};
use folio::format::{self, Format};
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::LazyLock;

fn fixtures_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/html")
}

fn fixture_names() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(fixtures_dir())
        .expect("tests/fixtures/html exists")
        .filter_map(|entry| entry.ok())
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".html"))
        .collect();
    names.sort();
    names
}

fn html_of(name: &str) -> String {
    std::fs::read_to_string(fixtures_dir().join(name)).expect("fixture is UTF-8")
}

/// Every fixture read once and shared by the tests (the large ones are slow in debug builds).
static ARTICLES: LazyLock<HashMap<String, Article>> = LazyLock::new(|| {
    fixture_names()
        .into_iter()
        .map(|name| {
            let path = fixtures_dir().join(&name);
            let bytes = std::fs::read(&path).expect("fixture readable");
            let article = format::read(&bytes, &path.to_string_lossy(), None)
                .expect("fixture reads")
                .article;
            (name, article)
        })
        .collect()
});

fn read(name: &str) -> &'static Article {
    ARTICLES
        .get(name)
        .expect("a fixture of tests/fixtures/html")
}

/// Start tags `<tag …>` whose attribute text contains `needle`.
fn count_tags(html: &str, tag: &str, needle: &str) -> usize {
    start_tags(html, tag)
        .into_iter()
        .filter(|(_, attributes)| attributes.contains(needle))
        .count()
}

/// Each `<tag …>` start tag: its byte offset and its attribute text.
fn start_tags<'a>(html: &'a str, tag: &str) -> Vec<(usize, &'a str)> {
    let open = format!("<{tag}");
    html.match_indices(&open)
        .filter_map(|(at, _)| {
            let rest = &html[at + open.len()..];
            let is_tag = rest.starts_with(|c: char| c.is_ascii_whitespace() || c == '>');
            let end = tag_end(rest)?;
            is_tag.then(|| (at, &rest[..end]))
        })
        .collect()
}

/// Where a start tag's attributes end: the first `>` outside quotes (Parsoid's `data-mw`
/// attributes hold raw `>` characters).
fn tag_end(attributes: &str) -> Option<usize> {
    let mut quote = None;
    for (at, c) in attributes.char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(open), c) if c == open => quote = None,
            (None, '>') => return Some(at),
            _ => {}
        }
    }
    None
}

/// Markers in the infobox, the text and the references' own text: (label, reference).
fn all_citations(article: &Article) -> Vec<(String, Option<usize>)> {
    let cited = article
        .citations()
        .into_iter()
        .map(|c| (c.label, c.reference));
    let nested = article
        .references
        .iter()
        .flat_map(|reference| &reference.text)
        .filter_map(|inline| match inline {
            Inline::Citation { label, reference } => Some((label.clone(), *reference)),
            _ => None,
        });
    cited.chain(nested).collect()
}

/// For each `li#cite_note-…` in document order, how many markers (`sup#cite_ref-…`) link to
/// it: the marker's own `href="…#cite_note-…"` read from the markup.
fn markers_per_reference(html: &str) -> Vec<usize> {
    let mut per_note: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for (at, attributes) in start_tags(html, "sup") {
        if !attributes.contains("id=\"cite_ref") {
            continue;
        }
        // The marker's own link comes right after its start tag (`<sup` + attributes + `>`).
        let after = &html[at + "<sup".len() + attributes.len() + 1..];
        let Some(link) = after.find("#cite_note-").filter(|&link| link < 300) else {
            continue;
        };
        let note = &after[link + 1..];
        let note = &note[..note.find('"').unwrap_or(note.len())];
        // Hrefs may be percent-encoded where ids are not (`183%E2%80%93186`).
        let note = percent_encoding::percent_decode_str(note).decode_utf8_lossy();
        *per_note.entry(note.into_owned()).or_default() += 1;
    }
    start_tags(html, "li")
        .into_iter()
        .filter_map(|(_, attributes)| {
            let id = attributes.split("id=\"").nth(1)?;
            let id = &id[..id.find('"')?];
            id.starts_with("cite_note")
                .then(|| per_note.get(id).copied().unwrap_or(0))
        })
        .collect()
}

/// Section headings in the markup: MediaWiki 1.42+ wraps each in `div.mw-heading`, older
/// desktop pages put the text of `h2`–`h6` in `span.mw-headline` (chrome headings have none),
/// Parsoid and Kiwix have bare `h2`–`h6`.
fn heading_count(html: &str) -> usize {
    let wrapped = count_tags(html, "div", "class=\"mw-heading ");
    if wrapped > 0 {
        return wrapped;
    }
    let tags: Vec<usize> = (2..=6)
        .flat_map(|level| start_tags(html, &format!("h{level}")))
        .map(|(at, _)| at)
        .collect();
    if html.contains("<h2><span class=\"mw-headline\"") {
        let with_headline = |at: &usize| {
            let head = &html[*at..html.len().min(*at + 60)];
            head.contains("class=\"mw-headline\"")
        };
        return tags.iter().filter(|at| with_headline(at)).count();
    }
    tags.len()
}

fn field_text(article: &Article, label: &str) -> Option<String> {
    article
        .infobox
        .fields
        .iter()
        .find(|field| field.label == label)
        .map(|field| plain_text(&field.value))
}

fn headings(article: &Article) -> Vec<String> {
    article
        .sections
        .iter()
        .filter_map(|section| section.heading.clone())
        .collect()
}

fn all_text(article: &Article) -> String {
    article
        .sections
        .iter()
        .map(folio::format::json::section_text)
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn the_corpus_is_all_there() {
    assert_eq!(fixture_names().len(), 12);
}

#[test]
fn every_fixture_is_detected_as_html() {
    for name in fixture_names() {
        let text = html_of(&name);
        assert_eq!(format::detect(&text, &name), Format::Html, "{name}");
        // Content alone decides, without the extension's hint.
        assert_eq!(format::detect(&text, "document"), Format::Html, "{name}");
    }
}

#[test]
fn reference_lists_match_the_markup() {
    for name in fixture_names() {
        let html = html_of(&name);
        let article = read(&name);
        assert_eq!(
            article.references.len(),
            count_tags(&html, "li", "id=\"cite_note"),
            "{name}: references"
        );
    }
}

#[test]
fn every_marker_is_read_and_tied_to_its_reference() {
    for name in fixture_names() {
        let html = html_of(&name);
        let article = read(&name);
        let citations = all_citations(article);
        assert_eq!(
            citations.len(),
            count_tags(&html, "sup", "id=\"cite_ref"),
            "{name}: markers"
        );
        for (label, reference) in &citations {
            let reference = reference.unwrap_or_else(|| panic!("{name}: [{label}] unresolved"));
            assert_eq!(&article.references[reference].label, label, "{name}");
        }
    }
}

#[test]
fn each_reference_is_cited_by_the_markers_that_link_to_it() {
    for name in fixture_names() {
        let html = html_of(&name);
        let article = read(&name);
        let mut cited = vec![0; article.references.len()];
        for (_, reference) in all_citations(article) {
            if let Some(index) = reference {
                cited[index] += 1;
            }
        }
        assert_eq!(cited, markers_per_reference(&html), "{name}");
    }
}

#[test]
fn backlinks_tie_references_to_their_markers() {
    // `^ a b`: the Linnaeus reference of the legacy page links back to two markers…
    let html = html_of("en-Dog.action-parse.html");
    let article = read("en-Dog.action-parse.html");
    let linnaeus = article
        .references
        .iter()
        .position(|r| plain_text(&r.text).starts_with("Linnaeus, C. (1758)."))
        .expect("the Linnaeus reference");
    assert_eq!(markers_per_reference(&html)[linnaeus], 3);
    // …and the page repeats marker `cite_ref-Linnaeus1758_1-0` (infobox), so three markers
    // point at it; each one resolves to it.
    let cites = all_citations(article)
        .into_iter()
        .filter(|(_, reference)| *reference == Some(linnaeus))
        .count();
    assert_eq!(cites, 3);
    assert_eq!(html.matches("href=\"#cite_ref-Linnaeus1758_1-").count(), 2);
}

#[test]
fn headings_match_the_markup() {
    for name in fixture_names() {
        let html = html_of(&name);
        let article = read(&name);
        assert_eq!(article.sections[0].heading, None, "{name}: lead");
        assert_eq!(article.sections[0].level, 0, "{name}: lead");
        assert_eq!(headings(article).len(), heading_count(&html), "{name}");
        for section in &article.sections[1..] {
            assert!((2..=6).contains(&section.level), "{name}: {section:?}");
        }
    }
}

#[test]
fn titles_come_from_the_document_else_the_file_name() {
    let expected = [
        ("ar-Mathematics.parsoid-1.7.0.html", "رياضيات"),
        // A bare action=parse fragment has no title: the file name gives it.
        ("en-Dog.action-parse.html", "en-Dog.action-parse"),
        ("en-Dog.parsoid-1.7.0.html", "Dog"),
        (
            "en-Michael_Lewis.infobox-only.html",
            "en-Michael Lewis.infobox-only",
        ),
        ("en-Mike_Potts_disambig.parsoid-2.4.0.html", "Mike Potts"),
        ("en-Ray_Charles.kiwix-2015-06.html", "Ray Charles"),
        ("en-Ray_Charles.kiwix-mini-2020-03.html", "Ray Charles"),
        (
            "en-Ray_Charles_discography.kiwix-2015-06.html",
            "Ray Charles discography",
        ),
        ("en-United_States.parsoid-2.1.0.html", "United States"),
        (
            "en-William_Clark_(inventor).parsoid-2.4.0.html",
            "William Clark (inventor)",
        ),
        (
            "readability-wikipedia-4.source.html",
            "List of films featuring time loops",
        ),
        ("readability-wikipedia.source.html", "Mozilla"),
    ];
    for (name, title) in expected {
        assert_eq!(read(name).title, title, "{name}");
    }
}

#[test]
fn see_also_lists_the_linked_articles() {
    let expected: [(&str, &[&str]); 4] = [
        (
            "readability-wikipedia.source.html",
            &[
                "-zilla (suffix)",
                "Mozilla (mascot)",
                "The Book of Mozilla",
                "Timeline of web browsers",
            ],
        ),
        (
            "readability-wikipedia-4.source.html",
            &[
                "List of time travel works of fiction",
                "Time travel in fiction",
                "Day Break",
            ],
        ),
        (
            "en-United_States.parsoid-2.1.0.html",
            &[
                "Index of United States-related articles",
                "Lists of U.S. state topics",
                "Outline of the United States",
            ],
        ),
        ("en-William_Clark_(inventor).parsoid-2.4.0.html", &[]),
    ];
    for (name, titles) in expected {
        assert_eq!(read(name).see_also(), titles, "{name}");
    }
    let dog = read("en-Dog.parsoid-1.7.0.html").see_also();
    assert_eq!(dog.len(), 18);
    assert_eq!(dog[0], "Aging in dogs");
    assert_eq!(dog[17], "List of individual dogs");
    assert!(dog.contains(&"Hachikō".to_string()));
}

#[test]
fn infoboxes_read_as_shown() {
    let lewis = read("en-Michael_Lewis.infobox-only.html");
    assert_eq!(lewis.infobox.caption.as_deref(), Some("Michael Lewis"));
    assert_eq!(
        field_text(lewis, "Born").as_deref(),
        Some("November 14, 1971\nNew Orleans, Louisiana")
    );
    assert_eq!(
        field_text(lewis, "Position").as_deref(),
        Some("Team ambassador")
    );
    // The nested statistics box is flattened into the main one.
    assert_eq!(field_text(lewis, "Receptions").as_deref(), Some("28"));
    assert_eq!(field_text(lewis, "Return yards").as_deref(), Some("7,807"));
    // Header rows are separators; the picture and its caption are gone.
    let headers: Vec<String> = lewis
        .infobox
        .fields
        .iter()
        .filter(|field| field.label.is_empty())
        .map(|field| plain_text(&field.value))
        .take(3)
        .collect();
    assert_eq!(
        headers,
        [
            "New Orleans Saints",
            "Personal information",
            "Career information"
        ]
    );
    assert!(
        lewis
            .infobox
            .fields
            .iter()
            .all(|field| !plain_text(&field.value).contains("Lewis in 2007"))
    );

    let dog = read("en-Dog.parsoid-1.7.0.html");
    assert_eq!(dog.infobox.caption.as_deref(), Some("Domestic dog"));
    assert_eq!(field_text(dog, "Kingdom").as_deref(), Some("Animalia"));
    assert_eq!(field_text(dog, "Family").as_deref(), Some("Canidae"));
    assert_eq!(
        field_text(dog, "Subspecies").as_deref(),
        Some("C.\u{a0}l. familiaris[1]")
    );

    let ray = read("en-Ray_Charles.kiwix-2015-06.html");
    assert_eq!(ray.infobox.caption.as_deref(), Some("Ray Charles"));
    assert_eq!(
        field_text(ray, "Birth name").as_deref(),
        Some("Ray Charles Robinson")
    );
    assert_eq!(
        field_text(ray, "Born").as_deref(),
        Some("September 23, 1930\nAlbany, Georgia, U.S.[1]")
    );

    let mini = read("en-Ray_Charles.kiwix-mini-2020-03.html");
    let labels = mini
        .infobox
        .fields
        .iter()
        .find(|field| field.label == "Labels")
        .expect("a Labels row");
    assert!(labels.value.contains(&Inline::article_link(
        "Tangerine",
        "Tangerine Records (1962)"
    )));
    assert!(plain_text(&labels.value).starts_with("Atlantic · ABC · Tangerine"));

    let us = read("en-United_States.parsoid-2.1.0.html");
    assert_eq!(
        us.infobox.caption.as_deref(),
        Some("United States of America")
    );
    assert_eq!(
        field_text(us, "Capital").map(|v| v.starts_with("Washington, D.C.")),
        Some(true)
    );
    assert_eq!(field_text(us, "Calling code").as_deref(), Some("+1"));
    // A marker in a label (`Religion (2017)[7]`) is kept, at the end of the value.
    assert_eq!(
        field_text(us, "Religion (2017)").map(|v| v.ends_with("[7]")),
        Some(true)
    );

    let mozilla = read("readability-wikipedia.source.html");
    assert_eq!(mozilla.infobox.caption.as_deref(), Some("Mozilla"));
    assert_eq!(
        field_text(mozilla, "Founded").as_deref(),
        Some("February\u{a0}28, 1998")
    );
}

#[test]
fn markers_point_at_the_right_reference_text() {
    let clark = read("en-William_Clark_(inventor).parsoid-2.4.0.html");
    let site = &clark.citations()[0];
    assert_eq!((site.label.as_str(), site.place), ("1", Place::Section(1)));
    let reference = &clark.references[site.reference.expect("resolved")];
    assert!(plain_text(&reference.text).starts_with("The drainage of Calcutta: a paper read"));
    assert_eq!(
        reference.urls,
        [
            "https://books.google.com/books/about/The_drainage_of_Calcutta.html?id=oQVbAAAAQAAJ&redir_esc=y"
        ]
    );

    // Parsoid: notes (lower-alpha group) and references are separate lists.
    let dog = read("en-Dog.parsoid-1.7.0.html");
    assert_eq!(dog.references[0].label, "a");
    assert_eq!(dog.references[0].group.as_deref(), Some("lower-alpha"));
    assert_eq!(dog.references[1].label, "1");
    assert_eq!(dog.references[1].group, None);
    assert!(plain_text(&dog.references[1].text).starts_with("Wozencraft, W.C. (2005)."));
    let cites_of_first = all_citations(dog)
        .iter()
        .filter(|(_, reference)| *reference == Some(1))
        .count();
    assert_eq!(cites_of_first, 3);
    assert!(dog.citations().iter().any(|site| site.label == "a"));
    // `{{rp}}` page numbers (`sup.reference` without a footnote link) stay text.
    assert!(all_text(dog).contains(":35 The teeth"));

    // Legacy parser: `sup.reference`, `^ a b` backlinks.
    let legacy = read("en-Dog.action-parse.html");
    let (_, first) = all_citations(legacy)
        .into_iter()
        .find(|(label, _)| label == "1")
        .expect("marker [1] (in the infobox)");
    let reference = &legacy.references[first.expect("resolved")];
    assert!(plain_text(&reference.text).starts_with("Linnaeus, C. (1758)."));

    // Kiwix 2015: bare `sup id="cite_ref-…"`, archive URLs.
    let ray = read("en-Ray_Charles.kiwix-2015-06.html");
    assert_eq!(
        ray.references[0].urls,
        [
            "https://web.archive.org/web/20071012222755/http://www.raycharles.com/the_man_biography.html"
        ]
    );
    assert!(plain_text(&ray.references[1].text).starts_with("Van Morrison."));

    // DOIs are among a reference's URLs.
    assert!(
        dog.references
            .iter()
            .any(|reference| { reference.urls.iter().any(|url| url.contains("doi.org/10.")) })
    );
}

#[test]
fn parsoid_groups_keep_their_own_list() {
    let html = html_of("en-United_States.parsoid-2.1.0.html");
    let start = html
        .find("data-mw-group=\"lower-alpha\" id=")
        .expect("a notes list");
    let end = start + html[start..].find("</ol>").expect("closed");
    let notes_in_markup = count_tags(&html[start..end], "li", "id=\"cite_note");
    let us = read("en-United_States.parsoid-2.1.0.html");
    let notes = us
        .references
        .iter()
        .filter(|reference| reference.group.as_deref() == Some("lower-alpha"))
        .count();
    assert_eq!(notes, notes_in_markup);
    assert_eq!(us.references.len() - notes, 731 - notes_in_markup);
}

#[test]
fn page_chrome_and_clutter_are_stripped() {
    for name in fixture_names() {
        let article = read(&name);
        let text = all_text(article);
        for clutter in [
            "[edit]",
            "Jump to navigation",
            "Navigation menu",
            "Retrieved from \"",
            "This article is issued from",
            "mw-parser-output",
            "{\\displaystyle",
        ] {
            assert!(!text.contains(clutter), "{name}: {clutter}");
        }
    }
    let potts = read("en-Mike_Potts_disambig.parsoid-2.4.0.html");
    assert!(!all_text(potts).contains("disambiguation page"));
    let clark = all_text(read("en-William_Clark_(inventor).parsoid-2.4.0.html"));
    // The hatnote ({{Other people}}) is gone; the article starts with its first sentence.
    assert!(clark.starts_with("William Clark (17 March 1821 – 22 January 1880)"));
}

#[test]
fn links_become_article_titles_or_urls() {
    let potts = read("en-Mike_Potts_disambig.parsoid-2.4.0.html");
    let targets: Vec<LinkTarget> = potts.links().into_iter().map(|site| site.target).collect();
    let expected = [
        "Michael Potts (actor)",
        "Michael Potts (footballer)",
        "Mike Potts (baseball)",
        "Mike Potts (American football)",
        "Michael Potts (diplomat)",
    ]
    .map(|title| LinkTarget::Article(title.to_string()));
    assert_eq!(targets, expected);

    let ray = read("en-Ray_Charles.kiwix-2015-06.html");
    assert!(
        ray.links()
            .iter()
            .any(|site| site.target == LinkTarget::Article("I Got a Woman".to_string()))
    );
    let mozilla = read("readability-wikipedia.source.html");
    assert!(
        mozilla
            .links()
            .iter()
            .any(|site| site.target == LinkTarget::Article("Mozilla Foundation".to_string()))
    );
}

#[test]
fn arabic_text_keeps_its_logical_order() {
    let article = read("ar-Mathematics.parsoid-1.7.0.html");
    let see_also = article
        .sections
        .iter()
        .find(|section| section.heading.as_deref() == Some("انظر أيضاً"))
        .expect("the Arabic See also section");
    let first_link = see_also.inlines().find_map(|inline| match inline {
        Inline::Link { text, .. } => Some(text.clone()),
        _ => None,
    });
    assert_eq!(first_link.as_deref(), Some("الرموز الرياضية"));
    let text = all_text(article);
    assert!(text.contains("الرياضيات[1] علم عبارة عن مفاهيم مجردة"));
    // No bidirectional controls are added (nor let through) to reorder lines.
    assert!(!text.contains(['\u{202A}', '\u{202B}', '\u{202C}', '\u{202D}', '\u{202E}']));
    // Formulas read as their TeX alt text.
    assert!(text.contains("1,2,\\ldots"));
}

#[test]
fn blocks_are_lists_tables_and_paragraphs() {
    use folio::article::Block;
    let discography = read("en-Ray_Charles_discography.kiwix-2015-06.html");
    let tables = discography
        .sections
        .iter()
        .flat_map(|section| &section.blocks)
        .filter(|block| matches!(block, Block::Table { .. }))
        .count();
    let html = html_of("en-Ray_Charles_discography.kiwix-2015-06.html");
    // Every table but the infobox and the navigation box (two `table` tags) is a table block.
    let boxes = count_tags(&html, "table", "infobox") + count_tags(&html, "table", "navbox");
    assert_eq!(tables, count_tags(&html, "table", "") - boxes);
    let Some(Block::Table { rows, .. }) = discography.sections[2].blocks.first() else {
        panic!("The Atlantic years opens with its table");
    };
    let header: Vec<String> = rows[0]
        .cells
        .iter()
        .map(|c| plain_text(&c.inlines))
        .collect();
    assert_eq!(header, ["Year", "Album", "US", "Label"]);
    assert!(rows[0].cells.iter().all(|cell| cell.header));

    let potts = read("en-Mike_Potts_disambig.parsoid-2.4.0.html");
    let Some(Block::List { items }) = potts.sections[0].blocks.get(1) else {
        panic!("a list after the first line");
    };
    assert_eq!(items.len(), 5);
    assert_eq!(
        plain_text(&items[0].inlines),
        "Michael Potts (actor), American actor"
    );
}

/// A link to a section of the page itself (`href="#Early_history"` in legacy and desktop HTML,
/// `./Title#Section` in Parsoid's) is a link to the article's own title when a heading is that
/// section; an anchor that is no heading (a harvard link's `#Walton`) is its text.
#[test]
fn links_to_the_pages_own_sections_are_links_where_a_heading_is_named() {
    let page = "<html><head><title>Dog</title></head><body>\
        <p>See <a href=\"#Early_history\">below</a>, <a href=\"#CITEREFWalton2009\">Walton \
        2009</a> and <a href=\"./Dog#Caf%C3%A9\">the café</a>.</p>\
        <h2>Early history</h2><p>Text.</p><h2>Café</h2><p>More.</p></body></html>";
    let dog = format::read(page.as_bytes(), "dog.html", Some(format::Format::Html))
        .expect("reads")
        .article;
    let targets: Vec<(String, LinkTarget)> = dog
        .links()
        .into_iter()
        .map(|site| (site.text, site.target))
        .collect();
    assert_eq!(
        targets,
        [
            (
                "below".to_string(),
                LinkTarget::section("Dog".into(), "Early history".into())
            ),
            (
                "the café".to_string(),
                LinkTarget::section("Dog".into(), "Café".into())
            ),
        ]
    );
    assert!(all_text(&dog).contains("See below, Walton 2009 and the café."));

    // The United States page's short references link their harvard anchors
    // (`./United_States#Walton`): none is a heading, so each is its text.
    let us = read("en-United_States.parsoid-2.1.0.html");
    let reference_links: Vec<&LinkTarget> = us
        .references
        .iter()
        .flat_map(|reference| &reference.text)
        .filter_map(|inline| match inline {
            Inline::Link { target, .. } => Some(target),
            _ => None,
        })
        .collect();
    assert!(!reference_links.is_empty());
    assert!(
        reference_links
            .iter()
            .all(|target| target.title() != Some(us.title.as_str())),
        "{reference_links:?}"
    );
    assert!(
        us.references
            .iter()
            .any(|reference| plain_text(&reference.text) == "Walton, 2009, chapter 3")
    );
}
