//! folio's own JSON (`folio dump --json`): the schema of SPEC.md, whose plain-text keys a script
//! reads, plus the full structure (`blocks`, `runs`) that lets folio read its own output back.

use super::ReadError;
use crate::article::{
    Article, Block, Field, Infobox, Inline, LinkTarget, ListKind, Place, Reference, Section,
    plain_text,
};
use crate::cite::Cite;
use crate::format::markers;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

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

// The writing side borrows the article (`Cow`) and computes each plain-text key as it is
// written (`PlainText`), so `dump --json` holds no second copy of a large article.

#[derive(Serialize, Deserialize)]
struct JsonArticle<'a> {
    title: Cow<'a, str>,
    #[serde(default)]
    sources: Cow<'a, [String]>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    infobox_caption: Option<Cow<'a, str>>,
    #[serde(default)]
    infobox: Vec<JsonField<'a>>,
    #[serde(default)]
    sections: Vec<JsonSection<'a>>,
    #[serde(default)]
    references: Vec<JsonReference<'a>>,
    #[serde(default)]
    citations: Vec<JsonCitation>,
    #[serde(default)]
    links: Vec<JsonLink>,
    #[serde(default)]
    see_also: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    redirect: Option<Cow<'a, str>>,
}

#[derive(Serialize, Deserialize)]
struct JsonField<'a> {
    label: Cow<'a, str>,
    value: PlainText<'a>,
    #[serde(default)]
    runs: Option<Cow<'a, [Inline]>>,
    /// A header row inside the box (its label is empty).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    header: bool,
}

#[derive(Serialize, Deserialize)]
struct JsonSection<'a> {
    heading: Option<Cow<'a, str>>,
    level: u8,
    #[serde(default)]
    text: PlainText<'a>,
    #[serde(default)]
    blocks: Option<Cow<'a, [Block]>>,
}

#[derive(Serialize, Deserialize)]
struct JsonReference<'a> {
    label: Cow<'a, str>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    group: Option<Cow<'a, str>>,
    text: PlainText<'a>,
    #[serde(default)]
    urls: Cow<'a, [String]>,
    #[serde(default)]
    runs: Option<Cow<'a, [Inline]>>,
    /// The reference's fields, named as CSL-JSON names them. Fields folio cannot read (edited
    /// by hand, another tool's CSL) are dropped rather than failing the whole document.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "lenient_cite"
    )]
    // Boxed like the model's: an owned `Cite` in each entry made the entries of a long
    // article's references weigh twice its text.
    cite: Option<Cow<'a, Box<Cite>>>,
}

fn lenient_cite<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<Cow<'static, Box<Cite>>>, D::Error> {
    let value = serde_json::Value::deserialize(deserializer)?;
    Ok(serde_json::from_value(value).ok().map(Cow::Owned))
}

/// A marker in the text names its section; a marker in the infobox says so and has none.
#[derive(Serialize, Deserialize)]
struct JsonCitation {
    label: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    section: Option<usize>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    infobox: bool,
    /// Index into `references`, when the marker resolves.
    reference: Option<usize>,
}

#[derive(Serialize, Deserialize)]
struct JsonLink {
    text: String,
    target: String,
    external: bool,
    section: usize,
    /// The section of the target the link names (`[[Dog#Senses]]`: `Senses`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    anchor: Option<String>,
}

/// A plain-text key: a string when read, made from the model only while it is written.
enum PlainText<'a> {
    Read(String),
    Runs(&'a [Inline]),
    Section(&'a Section),
}

impl PlainText<'_> {
    fn into_string(self) -> String {
        match self {
            PlainText::Read(text) => text,
            PlainText::Runs(runs) => plain_text(runs),
            PlainText::Section(section) => section_text(section),
        }
    }
}

impl Default for PlainText<'_> {
    fn default() -> Self {
        PlainText::Read(String::new())
    }
}

impl Serialize for PlainText<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            PlainText::Read(text) => serializer.serialize_str(text),
            PlainText::Runs(runs) => serializer.serialize_str(&plain_text(runs)),
            PlainText::Section(section) => serializer.serialize_str(&section_text(section)),
        }
    }
}

impl<'de> Deserialize<'de> for PlainText<'_> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(PlainText::Read)
    }
}

/// The article as folio JSON, pretty-printed.
pub fn write(article: &Article) -> String {
    let mut out = Vec::new();
    // Writing into memory cannot fail, and serde_json writes UTF-8.
    let _ = write_to(article, &mut out);
    String::from_utf8(out).unwrap_or_default()
}

/// Writes the article as folio JSON, pretty-printed, to `out` as it goes.
pub fn write_to(article: &Article, out: impl std::io::Write) -> std::io::Result<()> {
    let json = JsonArticle {
        title: Cow::Borrowed(&article.title),
        sources: Cow::Borrowed(&article.sources),
        infobox_caption: article.infobox.caption.as_deref().map(Cow::Borrowed),
        infobox: article
            .infobox
            .fields
            .iter()
            .map(|field| JsonField {
                label: Cow::Borrowed(&field.label),
                value: PlainText::Runs(&field.value),
                runs: Some(Cow::Borrowed(&field.value)),
                header: field.header,
            })
            .collect(),
        sections: article
            .sections
            .iter()
            .map(|section| JsonSection {
                heading: section.heading.as_deref().map(Cow::Borrowed),
                level: section.level,
                text: PlainText::Section(section),
                blocks: Some(Cow::Borrowed(&section.blocks)),
            })
            .collect(),
        references: article
            .references
            .iter()
            .map(|reference| JsonReference {
                label: Cow::Borrowed(&reference.label),
                group: reference.group.as_deref().map(Cow::Borrowed),
                text: PlainText::Runs(&reference.text),
                urls: Cow::Borrowed(&reference.urls),
                runs: Some(Cow::Borrowed(&reference.text)),
                cite: reference.cite.as_ref().map(Cow::Borrowed),
            })
            .collect(),
        citations: article
            .citations()
            .into_iter()
            .map(|site| JsonCitation {
                label: site.label,
                section: site.place.section(),
                infobox: site.place == Place::Infobox,
                reference: site.reference,
            })
            .collect(),
        links: article
            .links()
            .into_iter()
            .map(|site| {
                let (target, external, anchor) = match site.target {
                    LinkTarget::Article(title) => (title, false, None),
                    LinkTarget::Section(link) => (link.title, false, Some(link.section)),
                    LinkTarget::External(url) => (url, true, None),
                };
                JsonLink {
                    text: site.text,
                    target,
                    external,
                    section: site.section,
                    anchor,
                }
            })
            .collect(),
        see_also: article.see_also(),
        redirect: article.redirect.as_deref().map(Cow::Borrowed),
    };
    serde_json::to_writer_pretty(out, &json).map_err(std::io::Error::from)
}

/// The section as text: paragraphs separated by a blank line, list items as `- ` lines, table
/// rows as ` | `-separated cells, citations as `[label]`.
pub fn section_text(section: &Section) -> String {
    let mut paragraphs = Vec::new();
    for block in &section.blocks {
        let text = match block {
            Block::Paragraph { inlines } | Block::Caption { inlines } => plain_text(inlines),
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
            Block::Table { rows, caption } => {
                let rows = rows.iter().map(|row| {
                    row.cells
                        .iter()
                        .map(|cell| plain_text(&cell.inlines))
                        .collect::<Vec<_>>()
                        .join(" | ")
                });
                let caption = Some(plain_text(caption)).filter(|caption| !caption.is_empty());
                caption
                    .into_iter()
                    .chain(rows)
                    .collect::<Vec<_>>()
                    .join("\n")
            }
        };
        paragraphs.push(text);
    }
    paragraphs.join("\n\n")
}

/// Reads folio JSON. The structural keys win; a file with only the plain keys still reads, its
/// section texts as paragraphs, the `[label]` markers in them and in infobox values as citations.
pub fn read(text: &str) -> Result<Article, ReadError> {
    let json: JsonArticle = serde_json::from_str(text)?;
    let labels = PlainLabels::of(&json.references);
    let sections = json
        .sections
        .into_iter()
        .map(|section| Section {
            heading: section.heading.map(Cow::into_owned),
            level: section.level,
            blocks: match section.blocks {
                Some(blocks) => blocks.into_owned(),
                None => section
                    .text
                    .into_string()
                    .split("\n\n")
                    .filter(|p| !p.trim().is_empty())
                    .map(|p| Block::Paragraph {
                        inlines: labels.runs(p),
                    })
                    .collect(),
            },
        })
        .collect();
    let mut article = Article {
        title: json.title.into_owned(),
        sources: json.sources.into_owned(),
        infobox: Infobox {
            caption: json.infobox_caption.map(Cow::into_owned),
            fields: json
                .infobox
                .into_iter()
                .map(|field| Field {
                    label: field.label.into_owned(),
                    value: match field.runs {
                        Some(runs) => runs.into_owned(),
                        None => labels.runs(&field.value.into_string()),
                    },
                    header: field.header,
                })
                .collect(),
        },
        sections,
        references: json
            .references
            .into_iter()
            .map(|reference| Reference {
                label: reference.label.into_owned(),
                group: reference.group.map(Cow::into_owned),
                text: match reference.runs {
                    Some(runs) => runs.into_owned(),
                    None => vec![Inline::text(reference.text.into_string())],
                },
                urls: reference.urls.into_owned(),
                cite: reference.cite.map(Cow::into_owned),
            })
            .collect(),
        redirect: json.redirect.map(Cow::into_owned),
    };
    unresolve_dangling_citations(&mut article);
    Ok(article)
}

/// The references' labels, to read the markers of a plain-text key as citations.
struct PlainLabels {
    labels: HashSet<String>,
    /// Label → its first reference.
    index: HashMap<String, usize>,
}

impl PlainLabels {
    fn of(references: &[JsonReference]) -> PlainLabels {
        let mut index = HashMap::with_capacity(references.len());
        for (position, reference) in references.iter().enumerate() {
            index.entry(reference.label.to_string()).or_insert(position);
        }
        PlainLabels {
            labels: index.keys().cloned().collect(),
            index,
        }
    }

    /// A plain-text key as runs: its text, and its markers pointing at their references.
    fn runs(&self, text: &str) -> Vec<Inline> {
        let mut runs = markers::split(text, &self.labels);
        for inline in &mut runs {
            if let Inline::Citation { label, reference } = inline {
                *reference = self.index.get(label.as_str()).copied();
            }
        }
        runs
    }
}

/// A marker whose reference index lies past the references (a damaged or hand-edited file)
/// becomes an unresolved marker, as the model has every index point at a reference.
fn unresolve_dangling_citations(article: &mut Article) {
    let count = article.references.len();
    for inline in article.all_inline_runs_mut().flatten() {
        if let Inline::Citation { reference, .. } = inline
            && reference.is_some_and(|index| index >= count)
        {
            *reference = None;
        }
    }
}
