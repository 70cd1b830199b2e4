//! No list vanishes: every form of the column and div-col templates keeps its items, and a
//! template folio does not know never swallows the list inside it.

use folio::article::{Article, Block, plain_text};
use folio::format::{self, Format};

fn read(source: &str) -> Article {
    match format::read(source.as_bytes(), "t.wiki", Some(Format::Wikitext)) {
        Ok(reading) => reading.article,
        Err(error) => panic!("{error}"),
    }
}

/// The items of every list of the article, in order.
fn items(article: &Article) -> Vec<String> {
    article
        .sections
        .iter()
        .flat_map(|section| &section.blocks)
        .filter_map(|block| match block {
            Block::List { items } => Some(items),
            _ => None,
        })
        .flatten()
        .map(|item| plain_text(&item.inlines))
        .collect()
}

#[test]
fn a_column_count_first_keeps_the_see_also_list() {
    let article = read("Lead.\n\n==See also==\n{{columns-list|3|\n*[[Alpha]]\n*[[Beta]]\n}}\n");
    assert_eq!(items(&article), ["Alpha", "Beta"]);
    assert_eq!(article.see_also(), ["Alpha", "Beta"]);
}

#[test]
fn an_empty_first_argument_keeps_the_list() {
    let article = read("==See also==\n{{columns-list||*[[Alpha]]\n*[[Beta]]}}\n");
    assert_eq!(items(&article), ["Alpha", "Beta"]);
    assert_eq!(article.see_also(), ["Alpha", "Beta"]);
}

#[test]
fn every_column_template_form_keeps_its_items() {
    for source in [
        "{{columns-list|colwidth=30em|\n*[[A]]\n*[[B]]\n}}",
        "{{columns-list|content=\n*[[A]]\n*[[B]]\n}}",
        "{{Columns-list|2|list=\n*[[A]]\n*[[B]]\n}}",
        "{{div col}}\n*[[A]]\n*[[B]]\n{{div col end}}",
        "{{div col|3}}\n*[[A]]\n*[[B]]\n{{div col end}}",
        "{{Div col|30em}}\n*[[A]]\n*[[B]]\n{{Div col end}}",
        "{{div col|colwidth=22em|\n*[[A]]\n*[[B]]\n}}",
        "{{col-begin}}\n{{col-2}}\n*[[A]]\n{{col-2}}\n*[[B]]\n{{col-end}}",
    ] {
        let article = read(&format!("==See also==\n{source}\n"));
        assert_eq!(items(&article), ["A", "B"], "{source}");
        // A column count or width is not text.
        let text = folio::format::json::section_text(&article.sections[1]);
        assert!(
            !text.contains("30em") && !text.contains('3'),
            "{source}: {text}"
        );
    }
}

#[test]
fn an_unknown_template_does_not_swallow_its_list() {
    let article =
        read("==Works==\n{{Some wrapper nobody knows|style=font-size:90%|\n*[[A]]\n*[[B]]\n}}\n");
    assert_eq!(items(&article), ["A", "B"]);
}

#[test]
fn navigation_boxes_stay_dropped() {
    let article = read("Text.\n{{Navbox|name=X|list1=\n*[[A]]\n*[[B]]\n}}\n");
    assert!(items(&article).is_empty());
}

#[test]
fn a_list_template_inside_a_value_keeps_its_list() {
    let article = read("{{Infobox thing\n| members = {{columns-list|2|\n* A\n* B\n}}\n}}\nText.");
    let members = article
        .infobox
        .fields
        .iter()
        .find(|field| field.label == "Members")
        .unwrap_or_else(|| panic!("no members: {:?}", article.infobox));
    assert_eq!(plain_text(&members.value), "A\nB");
}
