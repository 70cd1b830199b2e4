//! Infobox rows without a label: a lone header cell is a header, a lone value cell keeps its
//! lines and its list, drawn as a value (not as a heading).

use folio::article::{Article, Inline};
use folio::format::{self, Format};
use folio::layout::{self, Role};
use std::path::Path;

fn read_html(html: &str) -> Article {
    match format::read(html.as_bytes(), "t.html", Some(Format::Html)) {
        Ok(reading) => reading.article,
        Err(error) => panic!("{error}"),
    }
}

/// An infobox as the Chinese Wikipedia's cat article shapes its synonyms: a header row, then a
/// row with one cell holding a list.
const SYNONYMS: &str = "<html><body><table class=\"infobox biota\"><tbody>\
    <tr><th colspan=\"2\">家貓</th></tr>\
    <tr><th colspan=\"2\">異名</th></tr>\
    <tr><td colspan=\"2\"><ul><li><i>Felis catus</i> Linnaeus, 1758</li>\
    <li><i>Felis domesticus</i> Erxleben, 1777</li></ul></td></tr>\
    <tr><th>界</th><td>動物界</td></tr></tbody></table><p>貓。</p></body></html>";

#[test]
fn a_lone_header_cell_is_a_header_and_a_lone_value_cell_a_value() {
    let article = read_html(SYNONYMS);
    let fields = &article.infobox.fields;
    assert_eq!(article.infobox.caption.as_deref(), Some("家貓"));
    assert_eq!((fields[0].label.as_str(), fields[0].header), ("", true));
    assert_eq!((fields[1].label.as_str(), fields[1].header), ("", false));
    // The list keeps its items apart, each with its bullet.
    assert!(fields[1].value.contains(&Inline::LineBreak));
    assert_eq!(
        folio::article::plain_text(&fields[1].value),
        "• Felis catus Linnaeus, 1758\n• Felis domesticus Erxleben, 1777"
    );
}

#[test]
fn a_value_without_a_label_is_drawn_line_by_line_as_a_value() {
    let article = read_html(SYNONYMS);
    let lines = layout::infobox(&article, 40, false).lines;
    let texts: Vec<String> = lines
        .iter()
        .map(|line| line.text().trim_end().to_string())
        .collect();
    assert_eq!(
        texts,
        [
            "異名",
            "• Felis catus Linnaeus, 1758",
            "• Felis domesticus Erxleben, 1777",
            "界  動物界"
        ]
    );
    let heading = |line: &layout::Line| {
        line.spans
            .iter()
            .any(|span| matches!(span.style.role, Role::Heading(_)))
    };
    assert!(heading(&lines[0]), "the header row is a heading");
    assert!(
        !heading(&lines[1]) && !heading(&lines[2]),
        "the synonyms are not"
    );
}

#[test]
fn the_united_states_motto_row_keeps_its_lines() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/html/en-United_States.parsoid-2.1.0.html");
    let bytes = std::fs::read(&path).unwrap_or_else(|error| panic!("{path:?}: {error}"));
    let article = match format::read(&bytes, "en-United_States.html", None) {
        Ok(reading) => reading.article,
        Err(error) => panic!("{error}"),
    };
    let lines = layout::infobox(&article, 60, false).lines;
    let texts: Vec<String> = lines
        .iter()
        .map(|line| line.text().trim_end().to_string())
        .collect();
    let motto = texts
        .iter()
        .position(|text| text == "Motto:")
        .unwrap_or_else(|| panic!("no motto line: {texts:#?}"));
    assert_eq!(
        texts[motto + 1..motto + 5],
        [
            "\"In God We Trust\"[1][a]",
            "Other traditional mottos",
            "\"E pluribus unum\"\u{a0}(Latin) (de facto)",
            "\"Out of many, one\"",
        ]
    );
    // A collapsible list shows no bullets.
    assert!(!texts[motto + 3].starts_with('•'));
    assert!(
        lines[motto + 1]
            .spans
            .iter()
            .all(|span| !matches!(span.style.role, Role::Heading(_)))
    );
}

#[test]
fn header_rows_survive_the_json_round_trip() {
    let article = read_html(SYNONYMS);
    let json = format::json::write(&article);
    let back = match format::read(json.as_bytes(), "t.json", Some(Format::Json)) {
        Ok(reading) => reading.article,
        Err(error) => panic!("{error}"),
    };
    assert_eq!(back.infobox, article.infobox);
}
