//! folio's own JSON (`folio dump --json`): the schema of SPEC.md, whose plain-text keys a script
//! reads, plus the full structure (`blocks`, `runs`) that lets folio read its own output back.

use super::ReadError;
use crate::article::{
    Article, Block, Field, Infobox, Inline, LinkTarget, ListKind, Reference, Section, plain_text,
};
use crate::cite::Cite;
use serde::{Deserialize, Serialize};

pub fn looks_like(head: &str) -> bool {
    head.starts_with('{') && head.contains("\"title\"")
}

/// The top-level `"title"` of a document's head, found by skipping over the keys before it
/// without parsing them, so that indexing a folder of large JSON files reads a few bytes of
/// each. serde_json cannot stop after one key of a truncated document, hence the scan; the
/// strings themselves are decoded by serde_json. None when the head ends before the title.
pub fn peek_title(head: &str) -> Option<String> {
    let bytes = head.as_bytes();
    let mut at = skip_space(bytes, 0);
    if bytes.get(at) != Some(&b'{') {
        return None;
    }
    loop {
        at = skip_space(bytes, at + 1);
        let key_end = string_end(bytes, at)?;
        let key: String = serde_json::from_str(&head[at..key_end]).ok()?;
        at = skip_space(bytes, key_end);
        if bytes.get(at) != Some(&b':') {
            return None;
        }
        at = skip_space(bytes, at + 1);
        if key == "title" {
            let end = string_end(bytes, at)?;
            return serde_json::from_str(&head[at..end]).ok();
        }
        at = skip_space(bytes, value_end(bytes, at)?);
        if bytes.get(at) != Some(&b',') {
            return None;
        }
    }
}

fn skip_space(bytes: &[u8], mut at: usize) -> usize {
    while bytes
        .get(at)
        .is_some_and(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r'))
    {
        at += 1;
    }
    at
}

/// Where the string starting at `at` ends (past its closing quote).
fn string_end(bytes: &[u8], at: usize) -> Option<usize> {
    if bytes.get(at) != Some(&b'"') {
        return None;
    }
    let mut i = at + 1;
    while let Some(&byte) = bytes.get(i) {
        match byte {
            b'\\' => i += 2,
            b'"' => return Some(i + 1),
            _ => i += 1,
        }
    }
    None
}

/// Where the value starting at `at` ends: a string, an object or array (nesting counted,
/// strings in it skipped whole), or a number or literal.
fn value_end(bytes: &[u8], at: usize) -> Option<usize> {
    match bytes.get(at)? {
        b'"' => string_end(bytes, at),
        b'{' | b'[' => {
            let mut depth = 0usize;
            let mut i = at;
            while let Some(&byte) = bytes.get(i) {
                match byte {
                    b'"' => {
                        i = string_end(bytes, i)?;
                        continue;
                    }
                    b'{' | b'[' => depth += 1,
                    b'}' | b']' => {
                        depth = depth.checked_sub(1)?;
                        if depth == 0 {
                            return Some(i + 1);
                        }
                    }
                    _ => {}
                }
                i += 1;
            }
            None
        }
        _ => {
            let length = bytes[at..]
                .iter()
                .position(|b| matches!(b, b',' | b'}' | b']' | b' ' | b'\t' | b'\n' | b'\r'))?;
            (length > 0).then_some(at + length)
        }
    }
}

#[derive(Serialize, Deserialize)]
struct JsonArticle {
    title: String,
    #[serde(default)]
    sources: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    infobox_caption: Option<String>,
    #[serde(default)]
    infobox: Vec<JsonField>,
    #[serde(default)]
    sections: Vec<JsonSection>,
    #[serde(default)]
    references: Vec<JsonReference>,
    #[serde(default)]
    citations: Vec<JsonCitation>,
    #[serde(default)]
    links: Vec<JsonLink>,
    #[serde(default)]
    see_also: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    redirect: Option<String>,
}

#[derive(Serialize, Deserialize)]
struct JsonField {
    label: String,
    value: String,
    #[serde(default)]
    runs: Option<Vec<Inline>>,
}

#[derive(Serialize, Deserialize)]
struct JsonSection {
    heading: Option<String>,
    level: u8,
    #[serde(default)]
    text: String,
    #[serde(default)]
    blocks: Option<Vec<Block>>,
}

#[derive(Serialize, Deserialize)]
struct JsonReference {
    label: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    group: Option<String>,
    text: String,
    #[serde(default)]
    urls: Vec<String>,
    #[serde(default)]
    runs: Option<Vec<Inline>>,
    /// The reference's fields, named as CSL-JSON names them. Fields folio cannot read (edited
    /// by hand, another tool's CSL) are dropped rather than failing the whole document.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "lenient_cite"
    )]
    cite: Option<Box<Cite>>,
}

fn lenient_cite<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<Box<Cite>>, D::Error> {
    let value = serde_json::Value::deserialize(deserializer)?;
    Ok(serde_json::from_value(value).ok())
}

#[derive(Serialize, Deserialize)]
struct JsonCitation {
    label: String,
    section: usize,
    /// Index into `references`, when the marker resolves.
    reference: Option<usize>,
}

#[derive(Serialize, Deserialize)]
struct JsonLink {
    text: String,
    target: String,
    external: bool,
    section: usize,
}

/// The article as folio JSON, pretty-printed.
pub fn write(article: &Article) -> String {
    let json = JsonArticle {
        title: article.title.clone(),
        sources: article.sources.clone(),
        infobox_caption: article.infobox.caption.clone(),
        infobox: article
            .infobox
            .fields
            .iter()
            .map(|field| JsonField {
                label: field.label.clone(),
                value: plain_text(&field.value),
                runs: Some(field.value.clone()),
            })
            .collect(),
        sections: article
            .sections
            .iter()
            .map(|section| JsonSection {
                heading: section.heading.clone(),
                level: section.level,
                text: section_text(section),
                blocks: Some(section.blocks.clone()),
            })
            .collect(),
        references: article
            .references
            .iter()
            .map(|reference| JsonReference {
                label: reference.label.clone(),
                group: reference.group.clone(),
                text: plain_text(&reference.text),
                urls: reference.urls.clone(),
                runs: Some(reference.text.clone()),
                cite: reference.cite.clone(),
            })
            .collect(),
        citations: article
            .citations()
            .into_iter()
            .map(|site| JsonCitation {
                label: site.label,
                section: site.section,
                reference: site.reference,
            })
            .collect(),
        links: article
            .links()
            .into_iter()
            .map(|site| {
                let (target, external) = match site.target {
                    LinkTarget::Article(title) => (title, false),
                    LinkTarget::External(url) => (url, true),
                };
                JsonLink {
                    text: site.text,
                    target,
                    external,
                    section: site.section,
                }
            })
            .collect(),
        see_also: article.see_also(),
        redirect: article.redirect.clone(),
    };
    // Serialising plain data with string keys cannot fail.
    serde_json::to_string_pretty(&json).unwrap_or_default()
}

/// The section as text: paragraphs separated by a blank line, list items as `- ` lines, table
/// rows as ` | `-separated cells, citations as `[label]`.
pub fn section_text(section: &Section) -> String {
    let mut paragraphs = Vec::new();
    for block in &section.blocks {
        let text = match block {
            Block::Paragraph { inlines } => plain_text(inlines),
            Block::Quote { inlines } => format!("> {}", plain_text(inlines)),
            Block::Preformatted { text } => text.clone(),
            Block::List { items } => items
                .iter()
                .map(|item| {
                    let indent = "  ".repeat(usize::from(item.depth.saturating_sub(1)));
                    let bullet = if item.kind == ListKind::Term {
                        ""
                    } else {
                        "- "
                    };
                    format!("{indent}{bullet}{}", plain_text(&item.inlines))
                })
                .collect::<Vec<_>>()
                .join("\n"),
            Block::Table { rows } => rows
                .iter()
                .map(|row| {
                    row.cells
                        .iter()
                        .map(|cell| plain_text(&cell.inlines))
                        .collect::<Vec<_>>()
                        .join(" | ")
                })
                .collect::<Vec<_>>()
                .join("\n"),
        };
        paragraphs.push(text);
    }
    paragraphs.join("\n\n")
}

/// Reads folio JSON. The structural keys win; a file with only the plain keys still reads, its
/// section texts as paragraphs.
pub fn read(text: &str) -> Result<Article, ReadError> {
    let json: JsonArticle = serde_json::from_str(text)?;
    let sections = json
        .sections
        .into_iter()
        .map(|section| Section {
            heading: section.heading,
            level: section.level,
            blocks: section.blocks.unwrap_or_else(|| {
                section
                    .text
                    .split("\n\n")
                    .filter(|p| !p.trim().is_empty())
                    .map(|p| Block::Paragraph {
                        inlines: vec![Inline::text(p)],
                    })
                    .collect()
            }),
        })
        .collect();
    Ok(Article {
        title: json.title,
        sources: json.sources,
        infobox: Infobox {
            caption: json.infobox_caption,
            fields: json
                .infobox
                .into_iter()
                .map(|field| Field {
                    label: field.label,
                    value: field
                        .runs
                        .unwrap_or_else(|| vec![Inline::text(field.value)]),
                })
                .collect(),
        },
        sections,
        references: json
            .references
            .into_iter()
            .map(|reference| Reference {
                label: reference.label,
                group: reference.group,
                text: reference
                    .runs
                    .unwrap_or_else(|| vec![Inline::text(reference.text)]),
                urls: reference.urls,
                cite: reference.cite,
            })
            .collect(),
        redirect: json.redirect,
    })
}
