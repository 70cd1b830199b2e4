//! The text dump: what `folio dump` prints and what `folio` prints into a pipe. Built from the
//! same layout as the browser's panes, so both show the same wrapping. The URLs the browser opens
//! with `o` are written out: under each reference its URLs, and at the end the web links.
//! A URL is never broken, so its line may be wider than the width asked for.

use crate::article::{Article, Inline, LinkTarget, plain_text};
use crate::layout;
use std::io::{self, Write};
use unicode_width::UnicodeWidthStr;

/// The narrowest width the dump is laid out at.
pub const MIN_WIDTH: usize = 20;

/// The article as plain text at `width` columns (at least `MIN_WIDTH`): title, infobox,
/// sections, references.
pub fn text(article: &Article, width: usize) -> String {
    let mut out = Vec::new();
    write_text(article, width, &mut out).expect("writing to memory cannot fail");
    String::from_utf8(out).expect("the dump is written from strings")
}

/// Writes the article as plain text to `out` as it is laid out: a long article's lines, and its
/// references, are never all held at once.
pub fn write_text(article: &Article, width: usize, out: &mut impl Write) -> io::Result<()> {
    let width = width.max(MIN_WIDTH);
    // The title wraps like the text, and its rule is as wide as its widest line.
    let title = textwrap::wrap(&article.title, width);
    for line in &title {
        writeln!(out, "{line}")?;
    }
    let title_width = title.iter().map(|line| line.width()).max().unwrap_or(0);
    writeln!(out, "{}\n", "═".repeat(title_width.clamp(1, width)))?;
    // The title is printed above; a caption equal to it would repeat it.
    let show_caption = article.infobox.caption.as_deref() != Some(article.title.as_str());
    let infobox = layout::infobox(article, width, show_caption);
    if !infobox.lines.is_empty() {
        writeln!(out, "{}", infobox.to_text())?;
    }
    let mut written = Ok(());
    layout::article_text_each(article, width, |line| {
        if written.is_ok() {
            written = writeln!(out, "{}", line.text().trim_end());
        }
    });
    written?;
    if !article.references.is_empty() {
        writeln!(out, "\nReferences\n{}", "─".repeat("References".len()))?;
        write_references(article, width, out)?;
    }
    let links = web_links(article);
    if !links.is_empty() {
        writeln!(out, "\n{WEB_LINKS}\n{}", "─".repeat(WEB_LINKS.len()))?;
        for (text, url) in links {
            if !text.is_empty() && text != url {
                for line in textwrap::wrap(&text, width) {
                    writeln!(out, "{line}")?;
                }
            }
            writeln!(out, "{URL_INDENT}{url}")?;
        }
    }
    Ok(())
}

/// The heading of the closing list of web links (the text reader knows it as the dump's own).
pub const WEB_LINKS: &str = "Web links";
/// Where a web link's URL stands under its text.
const URL_INDENT: &str = "  ";

/// The references as laid out, each followed by the URLs its text does not already show,
/// indented like its text (past its label).
fn write_references(article: &Article, width: usize, out: &mut impl Write) -> io::Result<()> {
    let mut written = Ok(());
    layout::references_each(article, width, |reference, lines| {
        written = lines
            .iter()
            .try_for_each(|line| writeln!(out, "{}", line.text().trim_end()));
        if let (Ok(()), Some(index)) = (&written, reference) {
            let indent = lines
                .first()
                .and_then(|line| line.spans.first())
                .filter(|span| span.anchor.is_none())
                .map_or(0, |label| label.width());
            written = write_urls(out, article, index, indent);
        }
        written.is_ok()
    });
    written
}

fn write_urls(
    out: &mut impl Write,
    article: &Article,
    index: usize,
    indent: usize,
) -> io::Result<()> {
    let Some(reference) = article.references.get(index) else {
        return Ok(());
    };
    let shown = plain_text(&reference.text);
    for url in reference
        .urls
        .iter()
        .filter(|url| !shown.contains(url.as_str()))
    {
        writeln!(out, "{:indent$}{url}", "")?;
    }
    Ok(())
}

/// The external links of the infobox and the text, each URL once, with the text it is shown as.
fn web_links(article: &Article) -> Vec<(String, String)> {
    let infobox = article
        .infobox
        .fields
        .iter()
        .flat_map(|field| field.value.iter())
        .filter_map(|inline| match inline {
            Inline::Link {
                text,
                target: LinkTarget::External(url),
            } => Some((text.clone(), url.clone())),
            _ => None,
        });
    let text = article
        .links()
        .into_iter()
        .filter_map(|link| match link.target {
            LinkTarget::External(url) => Some((link.text, url)),
            LinkTarget::Article(_) | LinkTarget::Section(_) => None,
        });
    let mut seen = std::collections::HashSet::new();
    infobox
        .chain(text)
        .filter(|(_, url)| seen.insert(url.clone()))
        .map(|(text, url)| (text.trim().to_string(), url))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::{Block, Field, Reference, Section};

    fn article() -> Article {
        let link = |text: &str, url: &str| Inline::Link {
            text: text.to_string(),
            target: LinkTarget::External(url.to_string()),
        };
        Article {
            title: "Links".to_string(),
            infobox: crate::article::Infobox {
                caption: None,
                fields: vec![Field::new(
                    "Website",
                    vec![link("example.org", "https://example.org/")],
                )],
            },
            sections: vec![Section {
                heading: None,
                level: 0,
                blocks: vec![Block::Paragraph {
                    inlines: vec![
                        Inline::text("See "),
                        link("the archive", "https://archive.example/x"),
                        Inline::text(" and "),
                        link("again", "https://example.org/"),
                    ],
                }],
            }],
            references: vec![
                Reference {
                    label: "1".to_string(),
                    text: vec![Inline::text(
                        "A source with a long title that wraps. ".repeat(3),
                    )],
                    urls: vec![
                        "https://news.example/story".to_string(),
                        "https://web.archive.example/story".to_string(),
                    ],
                    ..Reference::default()
                },
                Reference {
                    label: "2".to_string(),
                    text: vec![Inline::text("Bare https://shown.example/ in text.")],
                    urls: vec!["https://shown.example/".to_string()],
                    ..Reference::default()
                },
            ],
            ..Article::default()
        }
    }

    #[test]
    fn the_title_wraps_and_its_rule_is_as_wide_as_it() {
        let article = Article {
            title: "2013 Camp Ashraf massacre".to_string(),
            ..Article::default()
        };
        assert!(text(&article, 20).starts_with("2013 Camp Ashraf\nmassacre\n════════════════\n\n"));
        assert!(
            text(&article, 80)
                .starts_with("2013 Camp Ashraf massacre\n═════════════════════════\n\n")
        );
    }

    #[test]
    fn each_reference_is_followed_by_its_urls() {
        let dump = text(&article(), 40);
        let after = dump.split("\nReferences\n").nth(1).unwrap_or_default();
        let lines: Vec<&str> = after.lines().collect();
        let first_url = lines
            .iter()
            .position(|line| line.trim() == "https://news.example/story");
        assert!(first_url.is_some(), "{dump}");
        let at = first_url.unwrap_or_default();
        assert_eq!(lines[at + 1], "   https://web.archive.example/story");
        assert_eq!(lines[at], "   https://news.example/story");
        assert!(lines[at + 2].starts_with("2. Bare"), "{dump}");
        // A URL the text already shows is not repeated.
        assert_eq!(dump.matches("https://shown.example/").count(), 1, "{dump}");
    }

    #[test]
    fn external_links_are_listed_once_with_their_text() {
        let dump = text(&article(), 40);
        let links = dump.split("\nWeb links\n").nth(1).unwrap_or_default();
        assert_eq!(
            links,
            "─────────\nexample.org\n  https://example.org/\nthe archive\n  https://archive.example/x\n"
        );
    }
}
