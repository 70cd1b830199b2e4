//! Markers in the infobox are markers like the text's: every reader keeps them in the field
//! values, `citations()` lists them first (place: the infobox), `dump --json` names the infobox
//! instead of a section, and the JSON reader reads them back.

use folio::article::{Article, Inline, Place, plain_text};
use folio::format::{self, json};

fn fixture(path: &str) -> Article {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(path);
    let bytes = std::fs::read(&path).unwrap_or_else(|error| panic!("{path:?}: {error}"));
    format::read(&bytes, &path.to_string_lossy(), None)
        .unwrap_or_else(|error| panic!("{path:?}: {error}"))
        .article
}

/// The markers of the infobox as `label→label of the reference it resolves to`, row by row.
fn infobox_markers(article: &Article) -> Vec<String> {
    article
        .infobox
        .inlines()
        .filter_map(|inline| match inline {
            Inline::Citation { label, reference } => Some(format!(
                "{label}→{}",
                reference
                    .and_then(|index| article.references.get(index))
                    .map_or("none", |reference| reference.label.as_str())
            )),
            _ => None,
        })
        .collect()
}

fn field_text(article: &Article, label: &str) -> String {
    article
        .infobox
        .fields
        .iter()
        .find(|field| field.label == label)
        .map(|field| plain_text(&field.value))
        .unwrap_or_else(|| panic!("no field {label}"))
}

/// The United States' infobox as wikitext (an excerpt of its parameters): `{{sfn}}`, `{{efn}}`,
/// `<ref>` and a reused `<ref name=… />` inside template parameters are markers of the values.
#[test]
fn wikitext_infobox_parameters_keep_their_markers() {
    let us = fixture("excerpt/United_States.wikitext");
    assert_eq!(
        field_text(&us, "National motto"),
        "\"In God We Trust\"[1][a]"
    );
    assert_eq!(
        field_text(&us, "March"),
        "\"The Stars and Stripes Forever\"[2][3]"
    );
    assert_eq!(
        field_text(&us, "Official languages"),
        "None at federal level[b]"
    );
    // `religion_ref` cites the religion row, where the rendered infobox shows its marker.
    assert!(field_text(&us, "Religion").ends_with("2.9% Other[6]"));
    assert!(us.infobox.fields.iter().all(|f| f.label != "Religion ref"));
    // `<ref name="IMFWEOUS"/>` comes before the ref that defines it; both are [7].
    assert_eq!(field_text(&us, "GDP PPP"), "$20.580 trillion[7]");
    assert_eq!(
        infobox_markers(&us),
        ["1→1", "a→a", "2→2", "3→3", "b→b", "6→6", "7→7", "7→7"]
    );
    let sites: Vec<(String, Place)> = us
        .citations()
        .into_iter()
        .map(|site| (site.label, site.place))
        .collect();
    assert_eq!(sites.len(), 9);
    assert!(sites[..8].iter().all(|(_, place)| *place == Place::Infobox));
    assert_eq!(sites[8], ("8".to_string(), Place::Section(0)));
    let motto_note = &us.references[us.citations()[0].reference.expect("[1] resolves")];
    assert!(plain_text(&motto_note.text).starts_with("McKenna 2007, p. 280."));
}

/// Every `<ref>` written in an infobox of the wikitext corpus is a marker of its value.
#[test]
fn wikitext_corpus_infobox_refs_are_markers() {
    for (name, count) in [
        ("al_Haytham.txt", 7),
        ("toronto.txt", 3),
        ("toronto_star.txt", 5),
        ("jodie_emery.txt", 2),
        ("Dollar-Point,-California.txt", 2),
        ("royal_cinema.txt", 1),
        ("raith_rovers.txt", 1),
        ("statoil.txt", 1),
        ("Mozilla-Firefox.txt", 1),
    ] {
        let article = fixture(&format!("wikitext/{name}"));
        let markers = infobox_markers(&article);
        assert_eq!(markers.len(), count, "{name}: {markers:?}");
        assert!(
            markers.iter().all(|marker| {
                let (label, target) = marker.split_once('→').unwrap_or_default();
                label == target
            }),
            "{name}: {markers:?}"
        );
        let infobox_sites = article
            .citations()
            .into_iter()
            .take_while(|site| site.place == Place::Infobox)
            .count();
        assert_eq!(infobox_sites, count, "{name}");
    }
}

/// Parsoid: the `[1][a]` after the motto and every other `sup.mw-ref` of the infobox table, in
/// the order the markup has them.
#[test]
fn parsoid_infobox_markers_are_kept_in_order() {
    let us = fixture("html/en-United_States.parsoid-2.1.0.html");
    let motto = us
        .infobox
        .fields
        .iter()
        .map(|field| plain_text(&field.value))
        .find(|value| value.starts_with("Motto:"))
        .expect("the motto row");
    assert!(motto.contains("\"In God We Trust\"[1][a]"), "{motto}");
    let labels: Vec<String> = us
        .citations()
        .into_iter()
        .take_while(|site| site.place == Place::Infobox)
        .map(|site| site.label)
        .collect();
    // The country infobox's markers as its table has them (the economic indicators box of the
    // Economy section, also an infobox, follows with [504]…[510]).
    assert_eq!(
        labels[..24],
        [
            "1", "a", "2", "3", "b", "c", "6", "7", "d", "8", "e", "9", "e", "10", "11", "11",
            "11", "11", "12", "13", "f", "14", "g", "h"
        ]
    );
    assert!(
        infobox_markers(&us).iter().all(|marker| {
            let (label, target) = marker.split_once('→').unwrap_or_default();
            label == target
        }),
        "{:?}",
        infobox_markers(&us)
    );
}

/// The legacy parser's `sup.reference` and Parsoid's `sup.mw-ref` in the same article's
/// infobox, and a Kiwix page's bare `sup` with a `cite_ref` id.
#[test]
fn every_html_generation_keeps_infobox_markers() {
    // Each cites its first reference twice (the `[1]` of the taxobox's authority and name).
    let parsoid = fixture("html/en-Dog.parsoid-1.7.0.html");
    assert_eq!(infobox_markers(&parsoid), ["1→1", "1→1", "2→2", "3→3"]);
    let legacy = fixture("html/en-Dog.action-parse.html");
    assert_eq!(infobox_markers(&legacy), ["1→1", "1→1", "2→2", "3→3"]);
    let kiwix = fixture("html/en-Ray_Charles.kiwix-2015-06.html");
    assert_eq!(infobox_markers(&kiwix).len(), 1);
    assert_eq!(kiwix.citations()[0].place, Place::Infobox);
}

fn json_value(article: &Article) -> serde_json::Value {
    serde_json::from_str(&json::write(article)).unwrap_or_else(|error| panic!("{error}"))
}

/// `citations` of `dump --json`: an infobox marker says `"infobox": true` and has no
/// `section`; the text's have a section and no `infobox`.
#[test]
fn json_citations_name_the_infobox() {
    let us = fixture("excerpt/United_States.wikitext");
    let value = json_value(&us);
    let citations = value["citations"].as_array().expect("citations");
    assert_eq!(citations.len(), 9);
    assert_eq!(
        citations[0],
        serde_json::json!({"label": "1", "infobox": true, "reference": 2})
    );
    assert_eq!(
        citations[1],
        serde_json::json!({"label": "a", "infobox": true, "reference": 0})
    );
    assert_eq!(
        citations[8],
        serde_json::json!({"label": "8", "section": 0, "reference": 9})
    );
    // Read back: the same article, the same citations.
    let again = json::read(&json::write(&us)).unwrap_or_else(|error| panic!("{error}"));
    assert_eq!(again, us);
    assert_eq!(again.citations(), us.citations());
}

/// A JSON file with only the plain keys (a script's output): the `[label]` markers of infobox
/// values and section texts are citations of the references with those labels.
#[test]
fn plain_json_keys_read_their_markers() {
    let us = fixture("excerpt/United_States.wikitext");
    let mut value = json_value(&us);
    for field in value["infobox"].as_array_mut().expect("infobox") {
        field.as_object_mut().map(|field| field.remove("runs"));
    }
    for section in value["sections"].as_array_mut().expect("sections") {
        section
            .as_object_mut()
            .map(|section| section.remove("blocks"));
    }
    let plain = json::read(&value.to_string()).unwrap_or_else(|error| panic!("{error}"));
    let sites: Vec<(String, Option<usize>, Place)> = plain
        .citations()
        .into_iter()
        .map(|site| (site.label, site.reference, site.place))
        .collect();
    let expected: Vec<(String, Option<usize>, Place)> = us
        .citations()
        .into_iter()
        .map(|site| (site.label, site.reference, site.place))
        .collect();
    assert_eq!(sites, expected);
}
