//! Both seed renderings of "2013 Camp Ashraf massacre", each read by its own reader, every
//! detail asserted by value.

use folio::article::{Article, Block, Inline, LinkTarget, ListKind, Place, plain_text};
use folio::format::{self, Format};

const OUTLINE: &[u8] = include_bytes!("../assets/000_2fa5264a87595d6d.txt");
const PLAINTEXT: &[u8] = include_bytes!("../assets/001_1b985710a8456a24.txt");

fn read(bytes: &[u8], name: &str) -> Article {
    format::read(bytes, name, None)
        .unwrap_or_else(|error| panic!("{name}: {error}"))
        .article
}

fn fields(article: &Article) -> Vec<(String, String)> {
    article
        .infobox
        .fields
        .iter()
        .map(|field| (field.label.clone(), plain_text(&field.value)))
        .collect()
}

fn headings(article: &Article) -> Vec<(Option<String>, u8)> {
    article
        .sections
        .iter()
        .map(|section| (section.heading.clone(), section.level))
        .collect()
}

fn list_items(block: &Block) -> Vec<String> {
    match block {
        Block::List { items } => items.iter().map(|item| plain_text(&item.inlines)).collect(),
        other => panic!("expected a list, found {other:?}"),
    }
}

#[test]
fn formats_are_detected_from_content() {
    let outline = String::from_utf8_lossy(OUTLINE);
    let plaintext = String::from_utf8_lossy(PLAINTEXT);
    assert_eq!(format::detect(&outline, "000.txt"), Format::Outline);
    assert_eq!(format::detect(&plaintext, "001.txt"), Format::Plaintext);
}

#[test]
fn outline_seed_title_infobox_and_sections() {
    let article = read(OUTLINE, "000_2fa5264a87595d6d.txt");
    assert_eq!(article.title, "2013 Camp Ashraf massacre");
    assert_eq!(
        article.infobox.caption.as_deref(),
        Some("2013 Camp Ashraf massacre")
    );
    assert_eq!(
        fields(&article),
        [
            ("Part of", "Iraq Conflict"),
            ("Location", "Camp Ashraf, Iraq"),
            ("Date", "2013-09-01"),
            ("Fatalities", "52"),
            ("Victims", "People's Mujahedin of Iran"),
        ]
        .map(|(l, v)| (l.to_string(), v.to_string()))
    );
    assert_eq!(
        headings(&article),
        [
            (None, 0),
            (Some("Reactions".to_string()), 2),
            (Some("See also".to_string()), 2)
        ]
    );
    assert!(article.references.is_empty());
    assert!(article.citations().is_empty());
}

#[test]
fn outline_seed_keeps_editorial_brackets_and_dashes() {
    let article = read(OUTLINE, "000.txt");
    let lead = &article.sections[0];
    assert_eq!(lead.blocks.len(), 2);
    let second = plain_text(lead.blocks[1].inline_runs()[0]);
    assert!(second.contains("and then spirited [away] seven members"));
    assert!(second.starts_with("On 17 December 2013, Foreign Policy magazine stated"));
    assert!(second.ends_with("but they didn't do the shooting.\""));
}

#[test]
fn outline_seed_reactions_and_see_also() {
    let article = read(OUTLINE, "000.txt");
    let reactions = list_items(&article.sections[1].blocks[0]);
    assert_eq!(reactions.len(), 5);
    assert!(reactions[0].starts_with("\u{2013} In a statement, UN Secretary-General Ban Ki-moon"));
    assert!(reactions[1].starts_with("\u{2013} The U.S. State Department condemned"));
    assert!(reactions[2].starts_with("\u{2013} High Representative of the European Union"));
    assert!(reactions[3].starts_with("Foreign Minister Alistair Burt stated"));
    assert_eq!(
        reactions[4],
        "Amnesty International \u{2013} The human rights organization called for \"the Iraqi \
         authorities to conduct a thorough and impartial investigation.\""
    );
    let Block::List { items } = &article.sections[2].blocks[0] else {
        panic!("See also is a list");
    };
    assert!(items.iter().all(|item| item.kind == ListKind::Bullet));
    assert_eq!(
        items[0].inlines,
        [Inline::Link {
            text: "2011 Camp Ashraf raid".into(),
            target: LinkTarget::Article("2011 Camp Ashraf raid".into()),
        }]
    );
    assert_eq!(
        article.see_also(),
        ["2011 Camp Ashraf raid", "2023 Tirana camp raid"]
    );
}

#[test]
fn plaintext_seed_infobox_split_as_shown() {
    let article = read(PLAINTEXT, "001_1b985710a8456a24.txt");
    assert_eq!(article.title, "2013 Camp Ashraf massacre");
    assert_eq!(
        fields(&article),
        [
            ("Part of", "Iraq Conflict"),
            ("Location", "Camp Ashraf, Iraq"),
            ("Date", "September\u{a0}1,\u{a0}2013\u{a0}(2013-09-01)"),
            ("Deaths", "52"),
            ("Victims", "People's Mujahedin of Iran"),
        ]
        .map(|(l, v)| (l.to_string(), v.to_string()))
    );
}

#[test]
fn plaintext_seed_sections_and_markers() {
    let article = read(PLAINTEXT, "001.txt");
    assert_eq!(
        headings(&article),
        [
            (None, 0),
            (Some("Reactions".to_string()), 2),
            (Some("See also".to_string()), 2)
        ]
    );
    assert!(article.sections[1].blocks.is_empty());
    assert!(article.sections[2].blocks.is_empty());
    let citations: Vec<(String, Option<usize>, Place)> = article
        .citations()
        .into_iter()
        .map(|site| (site.label, site.reference, site.place))
        .collect();
    assert_eq!(
        citations,
        [
            ("1".to_string(), Some(0), Place::Section(0)),
            ("2".to_string(), Some(1), Place::Section(0)),
            ("3".to_string(), Some(2), Place::Section(0))
        ]
    );
    let lead = &article.sections[0];
    let first = plain_text(lead.blocks[0].inline_runs()[0]);
    assert!(first.ends_with("with guidance and support from the Iranian government.[1][2]"));
    let second = plain_text(lead.blocks[1].inline_runs()[0]);
    assert!(second.ends_with("but they didn't do the shooting.\"[3]"));
}

#[test]
fn plaintext_seed_has_all_nine_references() {
    let article = read(PLAINTEXT, "001.txt");
    let references: Vec<(String, String)> = article
        .references
        .iter()
        .map(|r| (r.label.clone(), plain_text(&r.text)))
        .collect();
    assert_eq!(references.len(), 9);
    let labels: Vec<&str> = references.iter().map(|(l, _)| l.as_str()).collect();
    assert_eq!(labels, ["1", "2", "3", "4", "5", "6", "7", "8", "9"]);
    assert_eq!(
        references[0].1,
        "Williams, Carol J. (19 September 2013). \"Envoys urge U.N. probe of massacre at Iranian \
         exile camp in Iraq\". Los Angeles Times. Archived from the original on 5 November 2013. \
         Retrieved 30 October 2013."
    );
    assert_eq!(
        references[2].1,
        "Dreazen, Yochi (17 December 2013). \"Exclusive: U.S. Fingers Iranian Commandos for \
         Kidnapping Raid Inside Iraq\". Foreign Policy. Archived from the original on 20 December \
         2013. Retrieved 20 December 2013."
    );
    assert_eq!(
        references[4].1,
        "\"Iraq: UN human rights office, UN mission condemn attack on Camp Ashraf\". UN News \
         Centre. 3 September 2013."
    );
    assert_eq!(
        references[8].1,
        "\"Iraq: Impartial investigation of Camp Ashraf deaths crucial\". Amnesty International. \
         2 September 2013. Archived from the original on 2014-01-20. Retrieved 2023-05-27."
    );
    assert!(references.iter().all(|(_, text)| !text.starts_with('^')));
}

#[test]
fn plaintext_references_cited_several_times_lose_their_backlinks() {
    let text =
        "Title\n\nBody text.[1] More.[1]\n\nReferences\n\n  1. ^ a b Smith, J. (2001). Book.\n";
    let article = read(text.as_bytes(), "x.txt");
    assert_eq!(
        plain_text(&article.references[0].text),
        "Smith, J. (2001). Book."
    );
    let sites = article.citations();
    assert_eq!(sites.len(), 2);
    assert!(sites.iter().all(|site| site.reference == Some(0)));
}
