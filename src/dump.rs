//! The text dump: what `folio dump` prints and what `folio` prints into a pipe. Built from the
//! same layout as the browser's panes, so both show the same wrapping.

use crate::article::Article;
use crate::layout::{self, Layout, Line};
use std::io::{self, Write};
use unicode_width::UnicodeWidthStr;

/// The article as plain text at `width` columns: title, infobox, sections, references.
pub fn text(article: &Article, width: usize) -> String {
    let mut out = Vec::new();
    // Writing into memory cannot fail, and every piece written is a `str`.
    let _ = write_to(article, width, &mut out);
    String::from_utf8(out).unwrap_or_default()
}

/// Writes the text dump to `out` as the article text is laid out, so that a long article is
/// never held as lines or as text whole.
pub fn write_to(article: &Article, width: usize, mut out: impl Write) -> io::Result<()> {
    let width = width.max(20);
    writeln!(out, "{}", article.title)?;
    writeln!(
        out,
        "{}\n",
        "═".repeat(article.title.width().clamp(1, width))
    )?;
    // The title is printed above; a caption equal to it would repeat it.
    let show_caption = article.infobox.caption.as_deref() != Some(article.title.as_str());
    let infobox = layout::infobox(article, width, show_caption);
    if !infobox.lines.is_empty() {
        write_lines(&infobox, &mut out)?;
        writeln!(out)?;
    }
    let mut written = Ok(());
    layout::article_text_each(article, width, |line| {
        if written.is_ok() {
            written = write_line(line, &mut out);
        }
    });
    written?;
    if !article.references.is_empty() {
        write!(out, "\nReferences\n{}\n", "─".repeat("References".len()))?;
        write_lines(&layout::references(article, width), &mut out)?;
    }
    out.flush()
}

fn write_lines(layout: &Layout, out: &mut impl Write) -> io::Result<()> {
    layout
        .lines
        .iter()
        .try_for_each(|line| write_line(line, out))
}

/// A line's text, trailing spaces trimmed, as `Layout::to_text` gives it.
fn write_line(line: &Line, out: &mut impl Write) -> io::Result<()> {
    writeln!(out, "{}", line.text().trim_end())
}
