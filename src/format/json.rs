//! folio's own JSON (`folio dump --json`): the schema of SPEC.md, whose plain-text keys a script
//! reads, plus the full structure (`blocks`, `runs`) that lets folio read its own output back.

use super::ReadError;
use crate::article::{
    Article, Block, Field, Infobox, Inline, LinkTarget, ListKind, Reference, Section, plain_text,
};
use serde::{Deserialize, Serialize};

pub fn looks_like(head: &str) -> bool {
    head.starts_with('{') && head.contains("\"title\"")
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
    let mut article = Article {
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
            })
            .collect(),
        redirect: json.redirect,
    };
    unresolve_dangling_citations(&mut article);
    Ok(article)
}

/// A marker whose reference index lies past the references (a damaged or hand-edited file)
/// becomes an unresolved marker, as the model has every index point at a reference.
fn unresolve_dangling_citations(article: &mut Article) {
    let count = article.references.len();
    let runs = article
        .sections
        .iter_mut()
        .flat_map(|section| section.blocks.iter_mut())
        .flat_map(|block| block.inline_runs_mut())
        .chain(
            article
                .infobox
                .fields
                .iter_mut()
                .map(|field| &mut field.value),
        )
        .chain(
            article
                .references
                .iter_mut()
                .map(|reference| &mut reference.text),
        );
    for inline in runs.flatten() {
        if let Inline::Citation { reference, .. } = inline
            && reference.is_some_and(|index| index >= count)
        {
            *reference = None;
        }
    }
}
