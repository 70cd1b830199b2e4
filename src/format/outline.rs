//! The outline rendering: `= Title =`, an `Infobox` block of `- Key: Value` lines, `==Heading==`
//! sections, `- ` list items and blank-line paragraphs. See also items become links.

use super::{labels, markers};
use crate::article::{Article, Block, Field, Inline, ListItem, ListKind, Section};
use crate::text::collapse_whitespace;
use std::collections::HashSet;

/// The first line is `= Title =` with a single `=` on each side.
pub fn looks_like(head: &str) -> bool {
    head.lines()
        .next()
        .is_some_and(|line| title_of(line).is_some())
}

pub fn peek_title(head: &str) -> Option<String> {
    head.lines().next().and_then(title_of).map(str::to_string)
}

fn title_of(line: &str) -> Option<&str> {
    let inner = line.trim().strip_prefix("= ")?.strip_suffix(" =")?;
    (!inner.trim().is_empty() && !inner.starts_with('=')).then(|| inner.trim())
}

/// `==Heading==` → (2, "Heading").
fn heading_of(line: &str) -> Option<(u8, &str)> {
    let line = line.trim_end();
    let level = line.chars().take_while(|&c| c == '=').count();
    let closing = line.chars().rev().take_while(|&c| c == '=').count();
    if level < 2 || level != closing || line.len() <= level * 2 {
        return None;
    }
    let inner = line[level..line.len() - level].trim();
    (!inner.is_empty()).then_some((level.min(6) as u8, inner))
}

pub fn read(text: &str, fallback_title: &str) -> Article {
    let mut article = Article {
        title: fallback_title.to_string(),
        ..Article::default()
    };
    let mut section = Section::default();
    let mut paragraph: Vec<&str> = Vec::new();
    let mut items: Vec<&str> = Vec::new();
    let mut in_infobox = false;
    for (number, line) in text.lines().enumerate() {
        let trimmed = line.trim();
        if number == 0
            && let Some(title) = title_of(line)
        {
            article.title = title.to_string();
            continue;
        }
        if trimmed.eq_ignore_ascii_case("infobox") && article.infobox.is_empty() {
            flush(&mut section, &mut paragraph, &mut items);
            in_infobox = true;
            continue;
        }
        if in_infobox {
            if let Some((key, value)) = trimmed.strip_prefix("- ").and_then(|f| f.split_once(':')) {
                add_field(&mut article, key.trim(), value.trim());
                continue;
            }
            in_infobox = false;
        }
        if let Some((level, heading)) = heading_of(line) {
            flush(&mut section, &mut paragraph, &mut items);
            article.sections.push(std::mem::take(&mut section));
            section.heading = Some(heading.to_string());
            section.level = level;
        } else if let Some(item) = trimmed.strip_prefix("- ").or(trimmed.strip_prefix("* ")) {
            if !paragraph.is_empty() {
                flush(&mut section, &mut paragraph, &mut Vec::new());
            }
            items.push(item);
        } else if trimmed.is_empty() {
            flush(&mut section, &mut paragraph, &mut items);
        } else {
            if !items.is_empty() {
                flush(&mut section, &mut Vec::new(), &mut items);
            }
            paragraph.push(trimmed);
        }
    }
    flush(&mut section, &mut paragraph, &mut items);
    article.sections.push(section);
    article
}

fn add_field(article: &mut Article, key: &str, value: &str) {
    if value.is_empty() {
        return;
    }
    if key.eq_ignore_ascii_case("title") || key.eq_ignore_ascii_case("name") {
        article.infobox.caption = Some(value.to_string());
        return;
    }
    article
        .infobox
        .fields
        .push(Field::new(labels::respace(key), vec![Inline::text(value)]));
}

/// Ends the open paragraph and list, adding them to the section as blocks.
fn flush(section: &mut Section, paragraph: &mut Vec<&str>, items: &mut Vec<&str>) {
    if !paragraph.is_empty() {
        let text = collapse_whitespace(&paragraph.join(" ")).into_owned();
        section.blocks.push(Block::Paragraph {
            inlines: markers::split(&text, &HashSet::new()),
        });
        paragraph.clear();
    }
    if !items.is_empty() {
        let see_also = section
            .heading
            .as_deref()
            .is_some_and(|h| h.eq_ignore_ascii_case("see also"));
        let items: Vec<ListItem> = items
            .drain(..)
            .map(|item| ListItem {
                kind: ListKind::Bullet,
                depth: 1,
                inlines: if see_also {
                    vec![Inline::article_link(item, item)]
                } else {
                    markers::split(&collapse_whitespace(item), &HashSet::new())
                },
            })
            .collect();
        section.blocks.push(Block::List { items });
    }
}
