//! Links to a section of the article itself: `[[#History]]`, `href="#History"`, and Parsoid's
//! `./Title#History` on the page Title. Each stays a link, to the article's own title, when one
//! of its headings is the section named; otherwise it is its text, as anchors folio cannot go to
//! (a bibliography entry's `#CITEREF…`, a harvard link's `#Walton`) are not links to follow.
//!
//! Run after the model boundary (`sanitize`), on clean headings and fragments, so that reading
//! folio's JSON of an article gives the same decisions again.

use crate::article::{Article, Inline, LinkTarget};
use crate::text::title_key;
use crate::wiki::anchor::Headings;

pub fn resolve(article: &mut Article) {
    let own = title_key(&article.title);
    let is_own = |inline: &Inline| match inline {
        Inline::Link {
            target: LinkTarget::Section(link),
            ..
        } => link.title.is_empty() || title_key(&link.title) == own,
        _ => false,
    };
    if !article.all_inlines().any(is_own) {
        return;
    }
    let headings = Headings::of(article);
    let title = article.title.clone();
    for run in article.all_inline_runs_mut() {
        for inline in run.iter_mut().filter(|inline| is_own(inline)) {
            let Inline::Link {
                text,
                target: LinkTarget::Section(link),
            } = inline
            else {
                continue;
            };
            if headings.section_of(&link.section).is_some() {
                link.title.clone_from(&title);
            } else {
                *inline = Inline::text(std::mem::take(text));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::{Block, Section};

    fn link(title: &str, section: &str) -> Inline {
        Inline::Link {
            text: format!("to {section}"),
            target: LinkTarget::section(title.to_string(), section.to_string()),
        }
    }

    fn article(inlines: Vec<Inline>) -> Article {
        Article {
            title: "Dog".to_string(),
            sections: vec![
                Section {
                    heading: None,
                    level: 0,
                    blocks: vec![Block::Paragraph { inlines }],
                },
                Section {
                    heading: Some("Early history".to_string()),
                    level: 2,
                    blocks: Vec::new(),
                },
            ],
            ..Article::default()
        }
    }

    #[test]
    fn a_link_to_a_heading_of_the_article_names_the_article() {
        let mut dog = article(vec![
            link("", "Early_history"),
            link("dog", "Early history"),
            link("Cat", "Early history"),
        ]);
        resolve(&mut dog);
        assert_eq!(
            dog.sections[0].inlines().cloned().collect::<Vec<_>>(),
            [
                link("Dog", "Early_history"),
                link("Dog", "Early history"),
                link("Cat", "Early history"),
            ]
        );
    }

    #[test]
    fn a_link_to_an_anchor_that_is_no_heading_is_its_text() {
        let mut dog = article(vec![link("", "CITEREFWalton2009"), link("Dog", "Walton")]);
        resolve(&mut dog);
        assert_eq!(
            dog.sections[0].inlines().cloned().collect::<Vec<_>>(),
            [
                Inline::text("to CITEREFWalton2009"),
                Inline::text("to Walton")
            ]
        );
        // Resolving again changes nothing (reading folio's JSON of it runs it again).
        let once = dog.clone();
        resolve(&mut dog);
        assert_eq!(dog, once);
    }
}
