//! The text dump: what `folio dump` prints and what `folio` prints into a pipe. Built from the
//! same layout as the browser's panes, so both show the same wrapping.

use crate::article::Article;
use crate::layout;
use unicode_width::UnicodeWidthStr;

/// The article as plain text at `width` columns: title, infobox, sections, references.
pub fn text(article: &Article, width: usize) -> String {
    let width = width.max(20);
    let mut out = String::new();
    out.push_str(&article.title);
    out.push('\n');
    out.push_str(&"═".repeat(article.title.width().clamp(1, width)));
    out.push_str("\n\n");
    // The title is printed above; a caption equal to it would repeat it.
    let show_caption = article.infobox.caption.as_deref() != Some(article.title.as_str());
    let infobox = layout::infobox(article, width, show_caption);
    if !infobox.lines.is_empty() {
        out.push_str(&infobox.to_text());
        out.push('\n');
    }
    let body = layout::article_text(article, width);
    if !body.lines.is_empty() {
        out.push_str(&body.to_text());
    }
    if !article.references.is_empty() {
        out.push_str("\nReferences\n");
        out.push_str(&"─".repeat("References".len()));
        out.push('\n');
        out.push_str(&layout::references(article, width).to_text());
    }
    out
}
