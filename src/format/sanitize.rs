//! The model boundary: whatever a reader produced, no string in the article may carry a control
//! character or an escape sequence (entities such as `&#27;` can bring them back after decoding).

use crate::article::{Article, Block, Inline, LinkTarget};
use crate::text::clean;
use std::borrow::Cow;

pub fn article(article: &mut Article) {
    scrub(&mut article.title);
    for source in &mut article.sources {
        scrub(source);
    }
    if let Some(redirect) = &mut article.redirect {
        scrub(redirect);
    }
    if let Some(caption) = &mut article.infobox.caption {
        scrub(caption);
    }
    for field in &mut article.infobox.fields {
        scrub(&mut field.label);
        inlines(&mut field.value);
    }
    for section in &mut article.sections {
        if let Some(heading) = &mut section.heading {
            scrub(heading);
        }
        for block in &mut section.blocks {
            if let Block::Preformatted { text } = block {
                scrub(text);
            }
            for run in block.inline_runs_mut() {
                inlines(run);
            }
        }
    }
    for reference in &mut article.references {
        scrub(&mut reference.label);
        if let Some(group) = &mut reference.group {
            scrub(group);
        }
        inlines(&mut reference.text);
        for url in &mut reference.urls {
            scrub(url);
        }
        if let Some(cite) = &mut reference.cite {
            cite.strings_mut().into_iter().for_each(scrub);
        }
    }
}

fn inlines(run: &mut [Inline]) {
    for inline in run {
        match inline {
            Inline::Text { text, .. } => scrub(text),
            Inline::Link { text, target } => {
                scrub(text);
                match target {
                    LinkTarget::Article(title) | LinkTarget::External(title) => scrub(title),
                    LinkTarget::Section(link) => {
                        scrub(&mut link.title);
                        scrub(&mut link.section);
                    }
                }
            }
            Inline::Citation { label, .. } => scrub(label),
            Inline::LineBreak => {}
        }
    }
}

fn scrub(text: &mut String) {
    if let Cow::Owned(cleaned) = clean(text) {
        *text = cleaned;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::Reference;

    #[test]
    fn every_reference_string_is_cleaned() {
        let mut dirty = Article {
            references: vec![Reference {
                label: "1\u{1b}[2J".to_string(),
                group: Some("notes\u{202e}\u{2066}\u{9b}31m\u{7f}".to_string()),
                text: vec![Inline::text("text\u{7}")],
                urls: vec!["https://e.org/\u{85}".to_string()],
                cite: Some(Box::new(crate::cite::Cite {
                    title: Some("title\u{1b}]0;x\u{7}".to_string()),
                    ..crate::cite::Cite::default()
                })),
            }],
            ..Article::default()
        };
        article(&mut dirty);
        let reference = &dirty.references[0];
        assert_eq!(reference.label, "1");
        assert_eq!(reference.group.as_deref(), Some("notes"));
        assert_eq!(reference.text, vec![Inline::text("text")]);
        assert_eq!(reference.urls, ["https://e.org/"]);
        let cite = reference.cite.as_deref().map(|cite| cite.title.as_deref());
        assert_eq!(cite, Some(Some("title")));
    }
}
