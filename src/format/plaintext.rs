//! A web page copied as text: the first line is the title, the infobox block under it has each
//! label glued to its value, footnote markers stand inline as `[1]`, a short line alone between
//! blank lines is a heading, and the `References` list has entries `  N. ^ text`. folio's own
//! text dump is a plain text of its own kind (plaintext/dump.rs).

mod dump;

use super::{labels, markers};
use crate::article::{
    Article, Block, Field, Inline, ListItem, ListKind, Reference, Section, plain_text,
};
use crate::cite::rendered::{self, Rendering};
use crate::text::collapse_whitespace;
use std::collections::HashSet;

/// Headings under which numbered entries are the article's references.
const REFERENCE_HEADINGS: &[&str] = &["references", "notes", "footnotes", "citations", "sources"];

/// The longest line read as a heading when it stands alone between blank lines.
const MAX_HEADING_CHARS: usize = 60;
/// The longest line read as an infobox row.
const MAX_INFOBOX_LINE_CHARS: usize = 160;

enum Piece<'a> {
    Heading(&'a str),
    Paragraph(String),
    Items(Vec<&'a str>),
}

pub fn read(text: &str, fallback_title: &str) -> Article {
    if dump::looks_like(text) {
        return dump::read(text);
    }
    let mut article = Article {
        title: fallback_title.to_string(),
        ..Article::default()
    };
    let mut blocks = split_on_blank_lines(text)
        .into_iter()
        .filter(|block| !block.is_empty());
    if let Some(first) = blocks.next() {
        article.title = title_line(first[0]);
        read_infobox(&mut article, &first[1..]);
    }

    let mut pieces: Vec<(usize, Piece)> = Vec::new();
    let mut section_index = 0;
    let mut headings: Vec<&str> = Vec::new();
    let mut in_references = false;
    for block in blocks {
        if let [line] = block.as_slice()
            && is_heading(line)
        {
            let heading = line.trim();
            in_references = REFERENCE_HEADINGS.contains(&heading.to_lowercase().as_str());
            if !in_references {
                headings.push(heading);
                section_index += 1;
                pieces.push((section_index, Piece::Heading(heading)));
            }
            continue;
        }
        if in_references {
            read_references(&mut article, &block);
            continue;
        }
        let items: Vec<&str> = block.iter().filter_map(|line| list_item(line)).collect();
        if items.len() == block.len() {
            pieces.push((section_index, Piece::Items(items)));
        } else {
            let text = block.iter().map(|l| l.trim()).collect::<Vec<_>>().join(" ");
            pieces.push((
                section_index,
                Piece::Paragraph(collapse_whitespace(&text).into_owned()),
            ));
        }
    }

    read_reference_fields(&mut article);
    let labels: HashSet<String> = article.references.iter().map(|r| r.label.clone()).collect();
    article.sections.push(Section::default());
    for (_, piece) in pieces {
        match piece {
            Piece::Heading(heading) => article.sections.push(Section {
                heading: Some(heading.to_string()),
                level: 2,
                blocks: Vec::new(),
            }),
            Piece::Paragraph(text) => push_block(
                &mut article,
                Block::Paragraph {
                    inlines: markers::split(&text, &labels),
                },
            ),
            Piece::Items(items) => {
                let items = items
                    .into_iter()
                    .map(|item| ListItem {
                        kind: ListKind::Bullet,
                        depth: 1,
                        inlines: markers::split(&collapse_whitespace(item), &labels),
                    })
                    .collect();
                push_block(&mut article, Block::List { items });
            }
        }
    }
    article.resolve_citations_by_label();
    article
}

/// The title is the first line that is not blank.
pub fn peek_title(head: &str) -> Option<String> {
    head.lines()
        .find(|line| !line.trim().is_empty())
        .map(title_line)
}

fn title_line(line: &str) -> String {
    collapse_whitespace(line.trim()).into_owned()
}

fn push_block(article: &mut Article, block: Block) {
    if let Some(section) = article.sections.last_mut() {
        section.blocks.push(block);
    }
}

/// The document's lines, in blocks separated by lines that hold only white space.
fn split_on_blank_lines(text: &str) -> Vec<Vec<&str>> {
    let mut blocks = vec![Vec::new()];
    for line in text.lines() {
        if line.trim().is_empty() {
            blocks.push(Vec::new());
        } else if let Some(block) = blocks.last_mut() {
            block.push(line);
        }
    }
    blocks
}

fn read_infobox(article: &mut Article, lines: &[&str]) {
    let fields: Option<Vec<(String, String)>> = lines
        .iter()
        .map(|line| {
            let line = line.trim();
            if line.chars().count() > MAX_INFOBOX_LINE_CHARS {
                None
            } else {
                labels::split_glued(line)
            }
        })
        .collect();
    for (label, value) in fields.unwrap_or_default() {
        article
            .infobox
            .fields
            .push(Field::new(label, vec![Inline::text(value)]));
    }
}

fn is_heading(line: &str) -> bool {
    let line = line.trim();
    !line.is_empty()
        && line.chars().count() <= MAX_HEADING_CHARS
        && !line.ends_with(['.', ',', ';', ':', '!', '?', ']', ')'])
        && list_item(line).is_none()
        && line.chars().next().is_some_and(|c| !c.is_lowercase())
}

fn list_item(line: &str) -> Option<&str> {
    let line = line.trim_start();
    ["- ", "* ", "\u{2022} "]
        .iter()
        .find_map(|bullet| line.strip_prefix(bullet))
}

/// `  3. ^ a b Text` → reference "3" with text "Text"; other lines continue the previous entry.
fn read_references(article: &mut Article, lines: &[&str]) {
    for line in lines {
        let line = line.trim();
        let entry = line
            .split_once(". ")
            .filter(|(number, _)| !number.is_empty() && number.chars().all(|c| c.is_ascii_digit()));
        match entry {
            Some((number, rest)) => article.references.push(Reference {
                label: number.to_string(),
                group: None,
                text: vec![Inline::text(strip_backlinks(rest))],
                urls: Vec::new(),
                cite: None,
            }),
            None => {
                if let Some(Inline::Text { text, .. }) = article
                    .references
                    .last_mut()
                    .and_then(|reference| reference.text.last_mut())
                {
                    text.push(' ');
                    text.push_str(line);
                }
            }
        }
    }
}

/// Each reference's fields, read back from its CS1 rendering (and a dump's URLs under it).
fn read_reference_fields(article: &mut Article) {
    for reference in &mut article.references {
        let rendering = Rendering::from_text(&plain_text(&reference.text), &reference.urls);
        reference.cite = rendered::read(&rendering).map(Box::new);
    }
}

/// Drops the `^` and the backlink letters `a b c …` of a reference cited several times.
fn strip_backlinks(entry: &str) -> String {
    let Some(rest) = entry.trim_start().strip_prefix('^') else {
        return entry.trim().to_string();
    };
    let words: Vec<&str> = rest.split_whitespace().collect();
    let letters = words
        .iter()
        .zip('a'..='z')
        .take_while(|(word, letter)| word.len() == 1 && word.starts_with(*letter))
        .count();
    let skip = if letters >= 2 { letters } else { 0 };
    let mut rest = rest.trim_start();
    for _ in 0..skip {
        rest = rest[1..].trim_start();
    }
    rest.trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backlinks_are_dropped() {
        assert_eq!(strip_backlinks("^ a b Smith, J."), "Smith, J.");
        assert_eq!(strip_backlinks("^ Smith, J."), "Smith, J.");
        assert_eq!(strip_backlinks("^ a study"), "a study");
        assert_eq!(strip_backlinks("no caret"), "no caret");
    }
}
