//! Which reader reads a document: detection from content (the file name only as a hint), and
//! the one entry point `read` that every caller uses.

pub(crate) mod html;
pub mod json;
pub mod labels;
pub mod markers;
mod outline;
pub(crate) mod own_sections;
mod plaintext;
mod sanitize;
mod wikitext;

use crate::article::Article;
use crate::text;
use std::borrow::Cow;
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, clap::ValueEnum)]
pub enum Format {
    Outline,
    Plaintext,
    Wikitext,
    Html,
    Json,
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Format::Outline => "outline",
            Format::Plaintext => "plaintext",
            Format::Wikitext => "wikitext",
            Format::Html => "html",
            Format::Json => "json",
        })
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("the document is empty")]
    Empty,
    #[error("not a text document (binary data)")]
    Binary,
    #[error("not folio JSON: {0}")]
    Json(#[from] serde_json::Error),
}

/// What reading a document gave: the article and anything the person should be told.
#[derive(Debug, Clone)]
pub struct Reading {
    pub article: Article,
    pub warnings: Vec<String>,
    /// Each document read and the reader that read it, for the info view.
    pub readers: Vec<(String, Format)>,
}

/// Reads a document. `name` is where it came from (a path or `bundled:…`); its file stem is the
/// title when the content carries none. `format` forces a reader; otherwise it is detected.
/// The bytes are taken over (a borrowed slice is copied, as decoding must): valid UTF-8 becomes
/// the text in place, so a large document is not held twice while it is read.
pub fn read<'b>(
    bytes: impl Into<Cow<'b, [u8]>>,
    name: &str,
    format: Option<Format>,
) -> Result<Reading, ReadError> {
    let bytes = bytes.into().into_owned();
    if looks_binary(&bytes) {
        return Err(ReadError::Binary);
    }
    let decoded = text::decode(bytes);
    if decoded.text.trim().is_empty() {
        return Err(ReadError::Empty);
    }
    let mut warnings = Vec::new();
    if decoded.lossy {
        warnings.push(format!("{name}: invalid UTF-8 replaced with \u{fffd}"));
    }
    let format = format.unwrap_or_else(|| detect(&decoded.text, name));
    let fallback_title = title_from_name(name);
    let mut article = match format {
        Format::Outline => outline::read(&decoded.text, &fallback_title),
        Format::Plaintext => plaintext::read(&decoded.text, &fallback_title),
        Format::Json => json::read(&decoded.text)?,
        Format::Wikitext => wikitext::read(&decoded.text, &fallback_title),
        Format::Html => html::read(&decoded.text, &fallback_title),
    };
    if article.sources.is_empty() {
        article.sources.push(name.to_string());
    }
    sanitize::article(&mut article);
    own_sections::resolve(&mut article);
    Ok(Reading {
        article,
        warnings,
        readers: vec![(name.to_string(), format)],
    })
}

/// A document's title: peeked at where its head tells, else read in full (which also reports
/// a document that cannot be read). A forced reader is always run in full.
pub fn title(bytes: &[u8], name: &str, format: Option<Format>) -> Result<String, ReadError> {
    if format.is_none()
        && let Some(title) = peek_title(bytes, name)
    {
        return Ok(title);
    }
    read(bytes, name, format).map(|reading| reading.article.title)
}

/// How much of a document `peek_title` looks at: callers need read no more.
pub const PEEK_BYTES: usize = 64 * 1024;

/// The title a document carries, read from its head without parsing it all, for indexing
/// folders quickly. None when only a full read can tell (the caller then reads it).
pub fn peek_title(bytes: &[u8], name: &str) -> Option<String> {
    if looks_binary(bytes) {
        return None;
    }
    let head = text::decode(bytes[..bytes.len().min(PEEK_BYTES)].to_vec()).text;
    let title = match detect(&head, name) {
        Format::Outline => outline::peek_title(&head),
        Format::Plaintext => plaintext::peek_title(&head),
        Format::Wikitext => Some(wikitext::peek_title(&head, &title_from_name(name))),
        // The reader takes its title from the head (`<title>` or `<h1>`), so reading the head
        // alone gives the same title.
        Format::Html => html::peek_title(&head)
            .or_else(|| Some(html::read(&head, "").title).filter(|title| !title.is_empty())),
        Format::Json => json::peek_title(&head),
    };
    // As the model boundary cleans a read title (sanitize), so that both agree.
    title.map(|title| text::clean(&title).into_owned())
}

/// Picks a reader from the content; the file extension only breaks ties.
pub fn detect(text: &str, name: &str) -> Format {
    let head = text.trim_start();
    let head = match head.char_indices().nth(4096) {
        Some((end, _)) => &head[..end],
        None => head,
    };
    if json::looks_like(head) {
        return Format::Json;
    }
    if outline::looks_like(head) {
        return Format::Outline;
    }
    let extension = name
        .rsplit_once('.')
        .map(|(_, ext)| ext.to_ascii_lowercase());
    let html_extension = matches!(extension.as_deref(), Some("html" | "htm"));
    if html::looks_like(head) || (html_extension && head.starts_with('<')) {
        return Format::Html;
    }
    if matches!(
        extension.as_deref(),
        Some("wiki" | "wikitext" | "mediawiki")
    ) || wikitext::looks_like(head)
    {
        return Format::Wikitext;
    }
    match extension.as_deref() {
        Some("json") => Format::Json,
        _ => Format::Plaintext,
    }
}

/// NUL bytes, or many control bytes, in the first 8 KiB mean this is no text document.
pub fn looks_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(8192)];
    if head.contains(&0) {
        return true;
    }
    let controls = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x1b | 0x0c))
        .count();
    controls * 10 > head.len().max(1)
}

/// `path/to/Ray_Charles.html` → "Ray Charles".
pub fn title_from_name(name: &str) -> String {
    let file = name.rsplit(['/', '\\']).next().unwrap_or(name);
    let file = file.strip_prefix("bundled:").unwrap_or(file);
    let stem = match file.rsplit_once('.') {
        Some((stem, _)) if !stem.is_empty() => stem,
        _ => file,
    };
    text::display_title(stem)
}
