//! folio's own text dump (`folio dump`, src/dump.rs) read back: the title over a `═` rule, the
//! infobox in two columns, headings over `─` (level 2) or `┄` (deeper) rules, `•` and `N.`
//! lists, `│` quotes and tables, and the closing `References` list of `N. text` entries with
//! a hanging indent. A dump saved beside its article is then the same sections again, which the
//! library's merge recognises, instead of one long lead of text.

use crate::article::{
    Article, Block, Field, Inline, ListItem, ListKind, Reference, Section, TableCell, TableRow,
};
use crate::format::markers;
use crate::text::collapse_whitespace;
use unicode_width::UnicodeWidthStr;

const TITLE_RULE: char = '═';
const SECTION_RULE: char = '─';
const SUBSECTION_RULE: char = '┄';
const QUOTE_PREFIX: &str = "│ ";
const CELL_BORDER: char = '│';

/// How many lines a title wrapped at the narrowest dump width may take.
const MAX_TITLE_LINES: usize = 16;

/// True when the text starts as folio's dump does: the title (wrapped at the dump's width), then
/// a `═` rule under it.
pub fn looks_like(text: &str) -> bool {
    let lines: Vec<&str> = text
        .lines()
        .skip_while(|line| line.trim().is_empty())
        .take(MAX_TITLE_LINES + 1)
        .collect();
    title_rule(&lines).is_some()
}

/// Where the rule under the title is: after one or more title lines, none of them blank.
fn title_rule(lines: &[&str]) -> Option<usize> {
    let at = lines
        .iter()
        .take(MAX_TITLE_LINES + 1)
        .position(|line| line.trim().is_empty() || is_rule(line, TITLE_RULE))?;
    (at > 0 && is_rule(lines[at], TITLE_RULE)).then_some(at)
}

/// A line made only of `rule` characters.
fn is_rule(line: &str, rule: char) -> bool {
    let line = line.trim_end();
    !line.is_empty() && line.chars().all(|c| c == rule)
}

/// What a run of lines between blank lines holds, before markers are split.
enum Piece {
    Heading(String, u8),
    Text(Block),
}

pub fn read(text: &str) -> Article {
    let lines: Vec<&str> = text
        .lines()
        .skip_while(|line| line.trim().is_empty())
        .collect();
    let rule = title_rule(&lines).unwrap_or(1);
    let mut article = Article {
        title: joined(lines.get(..rule).unwrap_or_default()),
        ..Article::default()
    };
    let blocks = blocks(lines.get(rule + 1..).unwrap_or_default());
    let mut blocks = blocks.into_iter().peekable();
    if let Some(first) = blocks.peek()
        && let Some(infobox) = infobox(first)
    {
        article.infobox = infobox;
        blocks.next();
    }
    let mut pieces = Vec::new();
    for block in blocks {
        if let Some(entries) = references_list(&block) {
            read_references(&mut article, entries);
        } else if is_web_links(&block) {
            // The URLs of links the text already shows by their words.
            continue;
        } else {
            pieces.extend(read_block(&block));
        }
    }
    super::read_reference_fields(&mut article);
    let labels: std::collections::HashSet<String> =
        article.references.iter().map(|r| r.label.clone()).collect();
    // The infobox's `[1]` markers are citations as the text's are.
    for field in &mut article.infobox.fields {
        let value = std::mem::take(&mut field.value);
        field.value = split_runs(value, &labels);
    }
    article.sections.push(Section::default());
    for piece in pieces {
        match piece {
            Piece::Heading(heading, level) => article.sections.push(Section {
                heading: Some(heading),
                level,
                blocks: Vec::new(),
            }),
            Piece::Text(block) => {
                let block = split_markers(block, &labels);
                if let Some(section) = article.sections.last_mut() {
                    section.blocks.push(block);
                }
            }
        }
    }
    if article.sections.len() > 1 && article.sections[0].blocks.is_empty() {
        article.sections.remove(0);
    }
    article.resolve_citations_by_label();
    article
}

/// The lines in runs separated by blank lines.
fn blocks<'a>(lines: &[&'a str]) -> Vec<Vec<&'a str>> {
    let mut blocks: Vec<Vec<&str>> = vec![Vec::new()];
    for &line in lines {
        if line.trim().is_empty() {
            blocks.push(Vec::new());
        } else if let Some(block) = blocks.last_mut() {
            block.push(line.trim_end());
        }
    }
    blocks.retain(|block| !block.is_empty());
    blocks
}

/// The first block as an infobox: a caption line, then `Label  value` rows whose values all
/// start at one column, continued on rows indented to that column.
fn infobox(block: &[&str]) -> Option<crate::article::Infobox> {
    let value_column = block.iter().find_map(|line| {
        let gap = line
            .find("  ")
            .filter(|&at| at > 0 && !line.starts_with(' '))?;
        let value = line[gap..].len() - line[gap..].trim_start().len();
        Some(line[..gap + value].width())
    })?;
    let mut infobox = crate::article::Infobox::default();
    let mut values: Vec<(String, Vec<String>)> = Vec::new();
    for (index, line) in block.iter().enumerate() {
        let indent = line.len() - line.trim_start().len();
        if indent > 0 {
            // A value continued under its column.
            if indent != value_column {
                return None;
            }
            values.last_mut()?.1.push(line.trim().to_string());
            continue;
        }
        match line.find("  ") {
            Some(gap) if line[..gap + 2].width() <= value_column => {
                let value = line[gap..].trim_start();
                if line.width() - value.width() != value_column {
                    return None;
                }
                values.push((line[..gap].trim().to_string(), vec![value.to_string()]));
            }
            Some(_) => return None,
            None if index == 0 => infobox.caption = Some(line.trim().to_string()),
            // A heading inside the infobox (a field without a label).
            None => values.push((String::new(), vec![line.trim().to_string()])),
        }
    }
    if values.iter().all(|(label, _)| label.is_empty()) {
        return None;
    }
    infobox.fields = values
        .into_iter()
        .map(|(label, lines)| Field::new(label, vec![Inline::text(lines.join(" "))]))
        .collect();
    Some(infobox)
}

/// The closing references: `References` over a `─` rule, entries right under it.
fn references_list<'a, 'b>(block: &'b [&'a str]) -> Option<&'b [&'a str]> {
    match block {
        [heading, rule, first, ..]
            if heading.trim() == "References"
                && is_rule(rule, SECTION_RULE)
                && entry(first).is_some() =>
        {
            Some(&block[2..])
        }
        _ => None,
    }
}

/// The closing list of the text's web links, `Web links` over a `─` rule.
fn is_web_links(block: &[&str]) -> bool {
    matches!(block, [heading, rule, ..] if heading.trim() == crate::dump::WEB_LINKS && is_rule(rule, SECTION_RULE))
}

/// A line of a reference that is one of its URLs, as the dump writes them under its text.
fn url_line(line: &str) -> Option<&str> {
    let line = line.trim();
    (!line.contains(char::is_whitespace)
        && ["http://", "https://", "ftp://", "//"]
            .iter()
            .any(|scheme| line.starts_with(scheme)))
    .then_some(line)
}

/// `  12. text` → ("12", "text", the width of its hanging indent).
fn entry(line: &str) -> Option<(&str, &str, usize)> {
    let text = line.trim_start();
    let (label, rest) = text.split_once(". ")?;
    if label.is_empty() || label.contains(char::is_whitespace) {
        return None;
    }
    let indent = line.len() - text.len() + label.len() + 2;
    Some((label, rest.trim(), indent))
}

fn read_references(article: &mut Article, lines: &[&str]) {
    let mut hang = 0;
    for line in lines {
        let indent = line.len() - line.trim_start().len();
        let continued = indent >= hang && hang > 0;
        match entry(line).filter(|_| !continued) {
            Some((label, text, entry_hang)) => {
                hang = entry_hang;
                article.references.push(Reference {
                    label: label.to_string(),
                    group: None,
                    text: vec![Inline::text(text)],
                    urls: Vec::new(),
                    cite: None,
                });
            }
            None if continued && url_line(line).is_some() => {
                if let (Some(reference), Some(url)) =
                    (article.references.last_mut(), url_line(line))
                {
                    reference.urls.push(url.to_string());
                }
            }
            None if continued => {
                if let Some(Inline::Text { text, .. }) = article
                    .references
                    .last_mut()
                    .and_then(|reference| reference.text.last_mut())
                {
                    text.push(' ');
                    text.push_str(line.trim());
                }
            }
            // A group's heading ("Notes") before its entries.
            None => hang = 0,
        }
    }
}

/// One block of the body: headings (a line over a rule) and the text between them.
fn read_block(block: &[&str]) -> Vec<Piece> {
    if is_table(block) {
        return vec![Piece::Text(table(block))];
    }
    let mut pieces = Vec::new();
    let mut start = 0;
    for (index, line) in block.iter().enumerate() {
        let level = if is_rule(line, SECTION_RULE) {
            2
        } else if is_rule(line, SUBSECTION_RULE) {
            3
        } else {
            continue;
        };
        if index == start {
            continue;
        }
        let heading = block[start..index].join(" ");
        pieces.push(Piece::Heading(
            collapse_whitespace(heading.trim()).into_owned(),
            level,
        ));
        start = index + 1;
    }
    if start < block.len() {
        pieces.push(Piece::Text(text_block(&block[start..])));
    }
    pieces
}

/// A run of body lines as the block the layout drew them from.
fn text_block(lines: &[&str]) -> Block {
    if lines
        .iter()
        .all(|line| line.trim_start().starts_with(QUOTE_PREFIX.trim_end()))
    {
        let text: Vec<&str> = lines
            .iter()
            .map(|line| line.trim_start().trim_start_matches('│').trim())
            .collect();
        return Block::Quote {
            inlines: vec![Inline::text(text.join(" "))],
        };
    }
    if let Some(items) = list_items(lines) {
        return Block::List { items };
    }
    if lines.iter().all(|line| line.starts_with("  ")) {
        let text: Vec<&str> = lines.iter().map(|line| &line[2..]).collect();
        return Block::Preformatted {
            text: text.join("\n"),
        };
    }
    Block::Paragraph {
        inlines: vec![Inline::text(joined(lines))],
    }
}

/// Wrapped lines joined again: the layout breaks lines only at spaces.
fn joined(lines: &[&str]) -> String {
    collapse_whitespace(lines.join(" ").trim()).into_owned()
}

/// A table's lines: a cell border `│` stands inside a line (a quotation's bar only leads it).
fn is_table(block: &[&str]) -> bool {
    block.iter().any(|line| {
        let mut chars = line.trim_start().chars();
        chars.next();
        chars.as_str().contains(CELL_BORDER)
    })
}

/// A table as the layout draws it: a caption centred over a rule, rows of cells between `│`
/// (a row wrapped onto more lines continues with an empty first cell), a line without
/// borders spanning the table, rules dropped.
fn table(lines: &[&str]) -> Block {
    let mut lines = lines.iter().peekable();
    let mut caption = Vec::new();
    if let Some(first) = lines.peek()
        && !first.contains(CELL_BORDER)
        && !is_rule(first, SECTION_RULE)
    {
        caption.push(Inline::text(collapse_whitespace(first.trim()).into_owned()));
        lines.next();
    }
    let mut rows: Vec<TableRow> = Vec::new();
    let mut columns = 1;
    for line in lines.filter(|line| !is_rule(line, SECTION_RULE)) {
        if !line.contains(CELL_BORDER) {
            rows.push(TableRow {
                cells: vec![TableCell {
                    inlines: vec![Inline::text(collapse_whitespace(line.trim()).into_owned())],
                    colspan: u16::try_from(columns).unwrap_or(u16::MAX),
                    ..TableCell::default()
                }],
            });
            continue;
        }
        let cells: Vec<&str> = line.split(CELL_BORDER).map(str::trim).collect();
        let continues = cells.first().is_some_and(|cell| cell.is_empty())
            && rows
                .last()
                .is_some_and(|row| row.cells.len() == cells.len());
        match rows.last_mut().filter(|_| continues) {
            Some(row) => {
                for (cell, more) in row.cells.iter_mut().zip(&cells) {
                    if let (false, Some(Inline::Text { text, .. })) =
                        (more.is_empty(), cell.inlines.last_mut())
                    {
                        if !text.is_empty() {
                            text.push(' ');
                        }
                        text.push_str(more);
                    }
                }
            }
            None => {
                columns = columns.max(cells.len());
                rows.push(TableRow {
                    cells: cells
                        .iter()
                        .map(|cell| TableCell {
                            inlines: vec![Inline::text(*cell)],
                            ..TableCell::default()
                        })
                        .collect(),
                });
            }
        }
    }
    Block::Table { rows, caption }
}

/// `  • item` and `  1. item` lines (two spaces a level), each continued on lines indented
/// past its marker.
fn list_items(lines: &[&str]) -> Option<Vec<ListItem>> {
    let mut items: Vec<(ListItem, usize, Vec<&str>)> = Vec::new();
    for line in lines {
        let text = line.trim_start();
        let indent = line.len() - text.len();
        if let Some((_, continued, words)) = items.last_mut()
            && indent >= *continued
        {
            words.push(text);
            continue;
        }
        let (kind, rest) = if let Some(rest) = text.strip_prefix("• ") {
            (ListKind::Bullet, rest)
        } else {
            let (number, rest) = text.split_once(". ")?;
            if number.is_empty() || !number.chars().all(|c| c.is_ascii_digit()) {
                return None;
            }
            (ListKind::Numbered, rest)
        };
        if indent < 2 || indent % 2 != 0 {
            return None;
        }
        let depth = u8::try_from(indent / 2).unwrap_or(u8::MAX);
        let marker = text[..text.len() - rest.len()].width();
        let item = ListItem {
            kind,
            depth,
            inlines: Vec::new(),
        };
        items.push((item, indent + marker, vec![rest]));
    }
    Some(
        items
            .into_iter()
            .map(|(mut item, _, words)| {
                item.inlines = vec![Inline::text(joined(&words))];
                item
            })
            .collect(),
    )
}

/// The `[N]` markers in text runs as citations of the references read.
fn split_runs(inlines: Vec<Inline>, labels: &std::collections::HashSet<String>) -> Vec<Inline> {
    inlines
        .into_iter()
        .flat_map(|inline| match inline {
            Inline::Text { text, .. } => markers::split(&text, labels),
            other => vec![other],
        })
        .collect()
}

/// The `[N]` markers in a block's text as citations of the references read.
fn split_markers(block: Block, labels: &std::collections::HashSet<String>) -> Block {
    let split = |inlines: Vec<Inline>| split_runs(inlines, labels);
    match block {
        Block::Paragraph { inlines } => Block::Paragraph {
            inlines: split(inlines),
        },
        Block::Quote { inlines } => Block::Quote {
            inlines: split(inlines),
        },
        Block::List { items } => Block::List {
            items: items
                .into_iter()
                .map(|item| ListItem {
                    inlines: split(item.inlines),
                    ..item
                })
                .collect(),
        },
        Block::Table { rows, caption } => Block::Table {
            caption,
            rows: rows
                .into_iter()
                .map(|row| TableRow {
                    cells: row
                        .cells
                        .into_iter()
                        .map(|cell| TableCell {
                            inlines: split(cell.inlines),
                            ..cell
                        })
                        .collect(),
                })
                .collect(),
        },
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::plain_text;

    const DUMP: &str = "Topic\n═════\n\nTopic\nBorn          1 May 1900\nKnown for     Things, and\n              more things\n\nLead text[1] over\ntwo lines.\n\nHistory\n───────\n\nEarly\n┄┄┄┄┄\n\n  • first item\n    continued\n  • second[2]\n\nReferences\n──────────\n  1. Smith, J. (1999). A book.\n  2. Jones, K. (2001). A paper that\n     goes on.\n";

    #[test]
    fn a_title_wrapped_at_a_narrow_width_is_read_back_whole() {
        let dump = "2013 Camp Ashraf\nmassacre\n════════════════\n\nLead text.\n";
        assert!(looks_like(dump));
        let article = read(dump);
        assert_eq!(article.title, "2013 Camp Ashraf massacre");
        assert_eq!(article.sections.len(), 1);
        assert!(!looks_like("A line\n\n════\n"));
    }

    #[test]
    fn the_dump_is_read_back_into_its_parts() {
        assert!(looks_like(DUMP));
        let article = read(DUMP);
        assert_eq!(article.title, "Topic");
        assert_eq!(article.infobox.caption.as_deref(), Some("Topic"));
        let fields: Vec<(String, String)> = article
            .infobox
            .fields
            .iter()
            .map(|f| (f.label.clone(), plain_text(&f.value)))
            .collect();
        assert_eq!(
            fields,
            [
                ("Born".to_string(), "1 May 1900".to_string()),
                (
                    "Known for".to_string(),
                    "Things, and more things".to_string()
                )
            ]
        );
        let headings: Vec<(Option<&str>, u8)> = article
            .sections
            .iter()
            .map(|s| (s.heading.as_deref(), s.level))
            .collect();
        assert_eq!(
            headings,
            [(None, 0), (Some("History"), 2), (Some("Early"), 3)]
        );
        let Block::List { items } = &article.sections[2].blocks[0] else {
            panic!("{:?}", article.sections[2]);
        };
        assert_eq!(plain_text(&items[0].inlines), "first item continued");
        assert_eq!(article.references.len(), 2);
        assert_eq!(
            plain_text(&article.references[1].text),
            "Jones, K. (2001). A paper that goes on."
        );
        assert_eq!(article.citations().len(), 2);
        assert!(article.citations().iter().all(|c| c.reference.is_some()));
    }

    #[test]
    fn infobox_markers_are_read_back_as_citations() {
        let dump = "Nation\n══════\n\nMotto    \"In God We Trust\"[1][a]\nCapital  Washington\n\nA lead.[2]\n\nReferences\n──────────\n  a. A note.\n  1. McKenna 2007.\n  2. A census.\n";
        let article = read(dump);
        let sites: Vec<(String, crate::article::Place)> = article
            .citations()
            .into_iter()
            .filter(|site| site.reference.is_some())
            .map(|site| (site.label, site.place))
            .collect();
        use crate::article::Place::{Infobox, Section};
        assert_eq!(
            sites,
            [
                ("1".to_string(), Infobox),
                ("a".to_string(), Infobox),
                ("2".to_string(), Section(0))
            ]
        );
    }

    #[test]
    fn reference_urls_and_web_links_are_read_as_the_dump_writes_them() {
        let dump = "Topic\n═════\n\nText with a link.\n\nReferences\n──────────\n  1. Smith, J. (1999). A\n     book.\n     https://example.org/book\n  2. Jones.\n\nWeb links\n─────────\nthe link\n  https://example.org/\n";
        let article = read(dump);
        assert_eq!(article.sections.len(), 1);
        assert_eq!(article.references.len(), 2);
        assert_eq!(
            crate::article::plain_text(&article.references[0].text),
            "Smith, J. (1999). A book."
        );
        assert_eq!(article.references[0].urls, ["https://example.org/book"]);
        assert!(article.references[1].urls.is_empty());
    }

    #[test]
    fn a_heading_rule_is_not_a_table_rule() {
        let text = "T\n═\n\nA table:\n\n────────\na │ b\n────────\n\nNext\n────\n\nText.\n";
        let article = read(text);
        assert!(matches!(article.sections[0].blocks[1], Block::Table { .. }));
        assert_eq!(article.sections[1].heading.as_deref(), Some("Next"));
    }
}
