//! Hostile inputs at a large size (issue 13 item 3): each once took time quadratic in its size
//! (minutes at these sizes). The tests check the result is right and assert no duration: a
//! quadratic regression shows as a test that takes minutes. `cargo bench --bench hostile`
//! measures the same inputs from 10³ to 10⁵.

mod hostile_inputs;

use crossterm::event::{KeyCode, KeyModifiers};
use folio::action::Action;
use folio::article::{Article, Block, LinkTarget, plain_text};
use folio::config::Config;
use folio::format::{self, Format};
use folio::keymap::{Context, Key};
use hostile_inputs as inputs;

const LARGE: usize = 100_000;
/// For inputs whose reading costs more per element in a debug build (long HTML, cite templates,
/// outline infobox fields).
const MEDIUM: usize = 30_000;

fn read(text: &str, format: Format) -> Article {
    match format::read(text.as_bytes(), "hostile", Some(format)) {
        Ok(reading) => reading.article,
        Err(error) => panic!("not read: {error}"),
    }
}

/// Every citation's (label, reference index), in reading order.
fn citations(article: &Article) -> Vec<(String, Option<usize>)> {
    article
        .citations()
        .into_iter()
        .map(|site| (site.label, site.reference))
        .collect()
}

#[test]
fn an_element_with_a_hundred_thousand_attributes_reads_its_text() {
    let article = read(&inputs::html_attributes(LARGE), Format::Html);
    assert_eq!(article.title, "Attributes");
    let texts: Vec<String> = article.sections[0]
        .blocks
        .iter()
        .flat_map(|block| block.inline_runs().into_iter().map(plain_text))
        .collect();
    assert_eq!(texts, ["before inside after"]);
}

#[test]
fn markers_pointing_at_missing_notes_find_their_references_by_label() {
    let article = read(&inputs::html_missing_notes(MEDIUM), Format::Html);
    assert_eq!(article.references.len(), MEDIUM);
    let expected: Vec<(String, Option<usize>)> =
        (1..=MEDIUM).map(|i| (i.to_string(), Some(i - 1))).collect();
    assert_eq!(citations(&article), expected);
    assert_eq!(
        plain_text(&article.references[MEDIUM - 1].text),
        format!("Source {MEDIUM}.")
    );
}

#[test]
fn a_group_per_reference_numbers_each_group_from_one() {
    let article = read(&inputs::wikitext_ref_groups(LARGE), Format::Wikitext);
    assert_eq!(article.references.len(), LARGE);
    for (i, reference) in article.references.iter().enumerate() {
        assert_eq!(reference.label, format!("g{i} 1"));
        assert_eq!(reference.group.as_deref(), Some(format!("g{i}").as_str()));
        assert_eq!(plain_text(&reference.text), format!("Note {i}."));
    }
    let expected: Vec<(String, Option<usize>)> =
        (0..LARGE).map(|i| (format!("g{i} 1"), Some(i))).collect();
    assert_eq!(citations(&article), expected);
}

#[test]
fn lists_of_other_groups_leave_the_default_group_to_its_own_list() {
    let article = read(&inputs::wikitext_reference_lists(LARGE), Format::Wikitext);
    assert_eq!(article.references.len(), LARGE);
    for (i, reference) in article.references.iter().enumerate() {
        assert_eq!(reference.label, (i + 1).to_string());
        assert_eq!(reference.group, None);
        assert_eq!(plain_text(&reference.text), format!("Source {i}."));
    }
    let expected: Vec<(String, Option<usize>)> =
        (0..LARGE).map(|i| ((i + 1).to_string(), Some(i))).collect();
    assert_eq!(citations(&article), expected);
}

#[test]
fn short_citations_point_at_their_books() {
    let article = read(&inputs::wikitext_sfn(MEDIUM), Format::Wikitext);
    assert_eq!(article.references.len(), MEDIUM);
    for (i, reference) in article.references.iter().enumerate() {
        let (author, year) = inputs::sfn_source(i);
        let text = plain_text(&reference.text);
        assert!(
            text.starts_with(&format!(
                "{author} {year}. → {author}, Ann ({year}). Book {i}."
            )),
            "reference {i}: {text}"
        );
    }
    assert_eq!(article.citations().len(), MEDIUM);
}

#[test]
fn plain_text_markers_find_their_references() {
    let article = read(&inputs::plaintext_markers(LARGE), Format::Plaintext);
    assert_eq!(article.references.len(), LARGE);
    let expected: Vec<(String, Option<usize>)> =
        (1..=LARGE).map(|i| (i.to_string(), Some(i - 1))).collect();
    assert_eq!(citations(&article), expected);
}

#[test]
fn links_to_many_sections_of_the_article_find_their_headings() {
    let article = read(
        &inputs::wikitext_own_section_links(MEDIUM),
        Format::Wikitext,
    );
    assert_eq!(article.sections.len(), MEDIUM + 1);
    let expected: Vec<(String, LinkTarget)> = (0..MEDIUM)
        .map(|i| {
            let target = LinkTarget::section(article.title.clone(), format!("Part {i}"));
            (i.to_string(), target)
        })
        .collect();
    let links: Vec<(String, LinkTarget)> = article
        .links()
        .into_iter()
        .map(|site| (site.text, site.target))
        .collect();
    assert_eq!(links, expected);
    let lead = format::json::section_text(&article.sections[0]);
    assert!(
        lead.ends_with(&format!(" {} gone {}", MEDIUM - 1, MEDIUM - 1)),
        "{lead:.80}"
    );
}

#[test]
fn merging_two_large_infoboxes_keeps_each_label_once() {
    // The outline reader's label vocabulary look-up makes reading the fields the larger cost.
    let (first, second) = inputs::outline_infoboxes(MEDIUM);
    let merged = folio::library::merge(vec![
        read(&first, Format::Outline),
        read(&second, Format::Outline),
    ]);
    let fields: Vec<(String, String)> = merged
        .infobox
        .fields
        .iter()
        .map(|field| (field.label.clone(), plain_text(&field.value)))
        .collect();
    let expected: Vec<(String, String)> = (0..MEDIUM + MEDIUM / 2)
        .map(|i| (format!("Field {i}"), format!("Value {i}")))
        .collect();
    assert_eq!(fields, expected);
}

#[test]
fn merging_two_documents_of_many_sections_keeps_their_order() {
    let (first, second) = inputs::outline_sections(LARGE);
    let merged = folio::library::merge(vec![
        read(&first, Format::Outline),
        read(&second, Format::Outline),
    ]);
    let headings: Vec<Option<String>> = merged
        .sections
        .iter()
        .map(|section| section.heading.clone())
        .collect();
    let expected: Vec<Option<String>> = std::iter::once(None)
        .chain((0..LARGE + LARGE / 2).map(|i| Some(format!("Section {i}"))))
        .collect();
    assert_eq!(headings, expected);
    let Some(Block::Paragraph { inlines }) = merged.sections[LARGE].blocks.first() else {
        panic!("section {LARGE} has no paragraph");
    };
    assert_eq!(
        plain_text(inlines),
        format!("Text of section {}.", LARGE - 1)
    );
}

#[test]
fn a_hundred_thousand_key_bindings_all_bind() {
    let config = match Config::parse(&inputs::key_bindings(LARGE), false) {
        Ok(config) => config,
        Err(problems) => panic!("config refused: {problems:?}"),
    };
    for i in 0..LARGE {
        let key = Key::new(KeyCode::Char(inputs::bound_key(i)), KeyModifiers::NONE);
        let expected = match inputs::bound_action(i) {
            "quit" => Action::Quit,
            "next_citation" => Action::NextCitation,
            "page_down" => Action::PageDown,
            _ => Action::Find,
        };
        assert_eq!(config.keymap.action(Context::Browse, key), Some(expected));
    }
    // The defaults stay where the file does not rebind them.
    let q = Key::new(KeyCode::Char('q'), KeyModifiers::NONE);
    assert_eq!(config.keymap.action(Context::Browse, q), Some(Action::Quit));
    let listed: usize = config
        .keymap
        .help()
        .iter()
        .flat_map(|section| section.entries.iter())
        .map(|entry| entry.keys.split(' ').count())
        .sum();
    assert!(listed >= LARGE, "the help lists {listed} keys");
}

#[test]
fn a_reference_of_many_distinct_urls_keeps_each_once() {
    let (html, wikitext) = inputs::reference_urls(MEDIUM);
    let expected: Vec<String> = (0..MEDIUM)
        .map(|i| format!("https://example.org/{i}"))
        .collect();
    for (text, format) in [(html, Format::Html), (wikitext, Format::Wikitext)] {
        let article = read(&text, format);
        assert_eq!(article.references.len(), 1, "{format}");
        assert_eq!(article.references[0].urls, expected, "{format}");
    }
}
