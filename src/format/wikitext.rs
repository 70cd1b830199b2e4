//! MediaWiki wikitext, raw or XML-escaped as in dumps (a whole `<page>` too).
//!
//! A hand-written reader rather than parse-wiki-text-2: that crate drops text before `<nowiki>`
//! and `<math>` and gives `<ref>` nodes no attributes, and refs with names and groups are what
//! this reader is for. The reader parses into a tree (`tree.rs`, linear, depth-bounded), splits
//! it into lines and blocks (`blocks.rs`), renders inline runs (`inline.rs`), templates
//! (`templates.rs`), block quotations (`quote.rs`) and references (`cite.rs`).

mod blocks;
mod cite;
mod cite_fields;
mod inline;
mod quote;
mod templates;
mod tree;

use crate::article::{Article, Inline, Section};
use crate::text::display_title;
use std::borrow::Cow;

/// Redirect keywords of the corpus' languages (en, de, af, nn/no, fr, es).
const REDIRECT_KEYWORDS: &[&str] = &[
    "#redirect",
    "#weiterleitung",
    "#doorverwysing",
    "#omdirigering",
    "#redirection",
    "#redirección",
];

/// True when the head of a document reads as wikitext: a redirect, a dump page, or at least
/// two kinds of wiki markup.
pub fn looks_like(head: &str) -> bool {
    let trimmed = head.trim_start();
    if redirect_keyword_len(trimmed).is_some()
        || trimmed.starts_with("<mediawiki")
        || trimmed.starts_with("<page>")
    {
        return true;
    }
    let signals = [
        head.contains("[[") && head.contains("]]"),
        head.contains("{{") && head.contains("}}"),
        head.contains("'''") || head.contains("''"),
        head.contains("<ref") || head.contains("&lt;ref"),
        head.starts_with("==") || head.contains("\n=="),
        head.contains("\n* ") || head.contains("\n*[["),
    ];
    signals.iter().filter(|&&signal| signal).count() >= 2
}

fn redirect_keyword_len(text: &str) -> Option<usize> {
    REDIRECT_KEYWORDS.iter().find_map(|keyword| {
        text.get(..keyword.len())
            .filter(|head| head.to_lowercase() == *keyword)
            .map(|_| keyword.len())
    })
}

pub use cite::template_fields;

pub fn read(text: &str, fallback_title: &str) -> Article {
    let (page_title, body) = unwrap_page(text);
    let source = unescape_if_escaped(body);
    let title = title_or(page_title, fallback_title);
    if let Some(target) = redirect_target(&source) {
        return Article {
            title,
            sections: vec![Section::default()],
            redirect: Some(target),
            ..Article::default()
        };
    }
    let nodes = tree::parse(&source);
    let mut renderer = inline::Renderer::new();
    let mut sections = blocks::sections(&mut renderer, blocks::Lines::new(nodes));
    let mut infobox = renderer.infobox.take().unwrap_or_default();
    let finished = renderer.refs.finish();
    let mut references = finished.references;
    let renumber = |run: &mut Vec<Inline>| {
        for inline in run.iter_mut() {
            if let Inline::Citation { reference, .. } = inline {
                *reference = reference.and_then(|id| finished.index_of.get(id).copied().flatten());
            }
        }
    };
    for section in &mut sections {
        for block in &mut section.blocks {
            block.inline_runs_mut().into_iter().for_each(renumber);
        }
    }
    for field in &mut infobox.fields {
        renumber(&mut field.value);
    }
    for reference in &mut references {
        renumber(&mut reference.text);
    }
    Article {
        title,
        sources: Vec::new(),
        infobox,
        sections,
        references,
        redirect: None,
    }
}

/// The title `read` gives the document whose head this is: a dump page's `<title>`, else the
/// fallback (the file name). Only the head is looked at.
pub fn peek_title(head: &str, fallback_title: &str) -> String {
    title_or(unwrap_page(head).0, fallback_title)
}

fn title_or(page_title: Option<String>, fallback_title: &str) -> String {
    page_title
        .map(|title| display_title(&title))
        .filter(|title| !title.is_empty())
        .unwrap_or_else(|| fallback_title.to_string())
}

/// A dump's `<page>`: its title and the content of its `<text>`; other input as it is.
fn unwrap_page(text: &str) -> (Option<String>, &str) {
    let trimmed = text.trim_start();
    if !(trimmed.starts_with("<mediawiki") || trimmed.starts_with("<page")) {
        return (None, text);
    }
    let between = |open: &str, close: &str| -> Option<&str> {
        let start = text.find(open)?;
        let content_start = start + text[start..].find('>')? + 1;
        let end = content_start + text[content_start..].find(close)?;
        Some(&text[content_start..end])
    };
    let title = between("<title", "</title>").map(crate::text::decode_entities);
    (title, between("<text", "</text>").unwrap_or(""))
}

/// Dumps escape `<`, `>`, `&` and quotes; wikitext with `&lt;ref&gt;` and no raw tags is
/// unescaped once (so `&amp;nbsp;` becomes `&nbsp;` and is decoded later like any entity).
fn unescape_if_escaped(text: &str) -> Cow<'_, str> {
    // Split at `&` (a memchr search) rather than `matches("&lt;")`, a substring search.
    let escaped_tags = text
        .split('&')
        .skip(1)
        .filter(|after| after.starts_with("lt;"))
        .count();
    let raw_tags = text.matches('<').count();
    if escaped_tags == 0 || raw_tags >= escaped_tags {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp..];
        let entity = [
            ("&lt;", '<'),
            ("&gt;", '>'),
            ("&quot;", '"'),
            ("&apos;", '\''),
            ("&#39;", '\''),
            ("&amp;", '&'),
        ]
        .into_iter()
        .find(|(name, _)| after.starts_with(name));
        match entity {
            Some((name, character)) => {
                out.push(character);
                rest = &after[name.len()..];
            }
            None => {
                out.push('&');
                rest = &after[1..];
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// `#REDIRECT [[Target#Section]]` → "Target".
fn redirect_target(source: &str) -> Option<String> {
    let trimmed = source.trim_start();
    let keyword_len = redirect_keyword_len(trimmed)?;
    let rest = trimmed[keyword_len..]
        .trim_start()
        .trim_start_matches(':')
        .trim_start();
    let inner = rest.strip_prefix("[[")?;
    let end = inner.find("]]")?;
    let target = inner[..end].split(['|', '#']).next().unwrap_or("");
    let target = display_title(&crate::text::decode_entities(target));
    (!target.is_empty()).then_some(target)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detection_needs_two_kinds_of_markup_or_a_redirect() {
        assert!(looks_like("'''Foo''' is a [[bar]]."));
        assert!(looks_like("#REDIRECT [[Toronto]]"));
        assert!(looks_like("{{Infobox x\n| a = b\n}}\n'''X'''"));
        assert!(!looks_like(
            "2013 Camp Ashraf massacre\nPart of Iraq Conflict\n[1][2]"
        ));
        assert!(!looks_like("A [[single]] signal only."));
    }

    #[test]
    fn redirects_name_their_target() {
        let article = read("#REDIRECT [[Toronto#History|x]]\n[[Category:R]]", "T");
        assert_eq!(article.redirect.as_deref(), Some("Toronto"));
        assert_eq!(
            read("#Weiterleitung: [[Köln]]", "K").redirect.as_deref(),
            Some("Köln")
        );
    }

    #[test]
    fn escaped_text_is_unescaped_once() {
        assert_eq!(
            unescape_if_escaped("a&lt;ref&gt;&quot;x&quot; &amp;nbsp;&lt;/ref&gt;"),
            "a<ref>\"x\" &nbsp;</ref>"
        );
        assert_eq!(unescape_if_escaped("<ref>&lt;</ref>"), "<ref>&lt;</ref>");
    }

    #[test]
    fn a_dump_page_gives_its_title_and_text() {
        let page = "<page><title>Foo_bar</title><revision><text xml:space=\"preserve\">'''Foo''' [[x]]&lt;ref&gt;r&lt;/ref&gt;</text></revision></page>";
        let article = read(page, "fallback");
        assert_eq!(article.title, "Foo bar");
        assert_eq!(article.references.len(), 1);
    }
}
