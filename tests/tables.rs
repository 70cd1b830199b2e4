//! Tables read like tables: `colspan`, `rowspan` and captions from wikitext and HTML into the
//! model, and the laid-out text of the real tables that used to garble.

use folio::article::{Article, Block, Inline, TableRow, plain_text};
use folio::format::{self, Format};
use std::path::Path;

fn read(bytes: &[u8], name: &str, format: Format) -> Article {
    match format::read(bytes, name, Some(format)) {
        Ok(reading) => reading.article,
        Err(error) => panic!("{error}"),
    }
}

fn fixture(path: &str) -> Article {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(path);
    let bytes = std::fs::read(&path).unwrap_or_else(|error| panic!("{path:?}: {error}"));
    match format::read(&bytes, &path.to_string_lossy(), None) {
        Ok(reading) => reading.article,
        Err(error) => panic!("{error}"),
    }
}

fn first_table(article: &Article) -> (&[TableRow], &[Inline]) {
    article
        .sections
        .iter()
        .flat_map(|section| &section.blocks)
        .find_map(|block| match block {
            Block::Table { rows, caption } => Some((rows.as_slice(), caption.as_slice())),
            _ => None,
        })
        .unwrap_or_else(|| panic!("no table in {article:?}"))
}

/// Each row's cells as (text, colspan, rowspan).
fn spans(rows: &[TableRow]) -> Vec<Vec<(String, u16, u16)>> {
    rows.iter()
        .map(|row| {
            row.cells
                .iter()
                .map(|cell| (plain_text(&cell.inlines), cell.colspan, cell.rowspan))
                .collect()
        })
        .collect()
}

fn cells(list: &[(&str, u16, u16)]) -> Vec<(String, u16, u16)> {
    list.iter()
        .map(|&(text, colspan, rowspan)| (text.to_string(), colspan, rowspan))
        .collect()
}

#[test]
fn wikitext_cells_keep_their_spans_and_the_caption() {
    let article = read(
        b"{| class=\"wikitable\"\n|+ style=\"x\" | Results\n! colspan=\"2\" | Head\n|-\n| rowspan=2 | a || b\n|-\n| c\n|-\n|colspan=2;|d\n|}",
        "t.wiki",
        Format::Wikitext,
    );
    assert_results_table(&article, 2);
}

/// The table both readers' tests write: caption "Results", a header over two columns, a cell
/// over two rows, and a last cell spanning `last_span` columns.
fn assert_results_table(article: &Article, last_span: u16) {
    let (rows, caption) = first_table(article);
    assert_eq!(plain_text(caption), "Results");
    assert_eq!(
        spans(rows),
        [
            cells(&[("Head", 2, 1)]),
            cells(&[("a", 1, 2), ("b", 1, 1)]),
            cells(&[("c", 1, 1)]),
            cells(&[("d", last_span, 1)]),
        ]
    );
}

#[test]
fn html_cells_keep_their_spans_and_the_caption() {
    let article = read(
        b"<html><body><p>x</p><table><caption>Results</caption><tr><th colspan=\"2\">Head</th></tr>\
          <tr><td rowspan=\"2\">a</td><td>b</td></tr><tr><td>c</td></tr>\
          <tr><td colspan=\"0\">d</td></tr></table></body></html>",
        "t.html",
        Format::Html,
    );
    // `colspan="0"` reads as 1, as browsers read it.
    assert_results_table(&article, 1);
    // The caption is the table's, not a paragraph before it.
    assert!(!article.sections[0].blocks.iter().any(
        |block| matches!(block, Block::Paragraph { inlines } if plain_text(inlines) == "Results")
    ));
}

#[test]
fn spans_and_captions_survive_the_json_round_trip() {
    let article = read(
        b"{|\n|+ Results\n! colspan=2 | Head\n|-\n| rowspan=2 | a || b\n|-\n| c\n|}",
        "t.wiki",
        Format::Wikitext,
    );
    let json = format::json::write(&article);
    let back = read(json.as_bytes(), "t.json", Format::Json);
    assert_eq!(back.sections, article.sections);
}

fn dump(article: &Article, width: usize) -> Vec<String> {
    folio::layout::article_text(article, width)
        .to_text()
        .lines()
        .map(str::to_string)
        .collect()
}

#[test]
fn the_motogp_results_span_their_report_row_and_break_no_name() {
    let article = fixture("wikitext/2008-British-motorcycle-Grand-Prix.txt");
    let lines = dump(&article, 80);
    let header = lines
        .iter()
        .find(|line| line.starts_with("Pos."))
        .unwrap_or_else(|| panic!("no header row: {lines:#?}"));
    // The first column is as wide as "Pos.", not as the report link's words.
    assert!(header.starts_with("Pos. │ No. │ Rider"), "{header}");
    let report = lines
        .iter()
        .find(|line| line.contains("OFFICIAL MOTOGP REPORT"))
        .unwrap_or_else(|| panic!("no report row: {lines:#?}"));
    assert!(!report.contains('│'), "the report row spans: {report}");
    // Names wrap between words, never inside one.
    let text = lines.join("\n");
    assert!(text.contains("│ Valentino"), "{text}");
    assert!(!text.contains("Valentin\n") && !text.contains("Manufactur\n"));
    assert!(lines.iter().all(|line| line.chars().count() <= 80));
}

#[test]
fn the_motogp_results_fold_into_labelled_lines_when_narrow() {
    let article = fixture("wikitext/2008-British-motorcycle-Grand-Prix.txt");
    let lines = dump(&article, 40);
    assert!(lines.iter().all(|line| line.chars().count() <= 40));
    let text = lines.join("\n");
    assert!(text.contains("Rider: Valentino Rossi"), "{text}");
    assert!(text.contains("Manufacturer: Yamaha"), "{text}");
    assert!(lines.iter().any(|line| line == "OFFICIAL MOTOGP REPORT"));
}

#[test]
fn the_historical_population_title_spans_the_table() {
    let article = fixture("html/en-United_States.parsoid-2.1.0.html");
    let lines = dump(&article, 80);
    let title = lines
        .iter()
        .position(|line| line.contains("Historical population"))
        .unwrap_or_else(|| panic!("no Historical population: {lines:#?}"));
    assert!(!lines[title].contains('│'), "{}", lines[title]);
    // Its columns: census, population, change; the empty spacer column is gone.
    let header = &lines[title + 2];
    let columns: Vec<&str> = header.split('│').map(str::trim).collect();
    assert_eq!(columns, ["Census", "Pop.", "%±"], "{header}");
    let first = &lines[title + 4];
    let columns: Vec<&str> = first.split('│').map(str::trim).collect();
    assert_eq!(columns, ["1790", "3,929,214", "—"], "{first}");
}

#[test]
fn vietnamese_stays_whole_in_the_language_table() {
    let article = fixture("html/en-United_States.parsoid-2.1.0.html");
    for width in (40..=120).step_by(10) {
        let text = dump(&article, width).join("\n");
        assert!(text.contains("Vietnamese"), "{width}: {text}");
        assert!(!text.contains("Vietnames\n"), "{width}: {text}");
    }
}
