//! Documents that share a title are one article: infobox fields merged by label, sections by
//! heading (the version with citation markers preferred, else the fuller one), references from
//! the document that has them, and every document recorded in `sources`.

use crate::article::{Article, Block, Inline, Reference};
use crate::format::labels::squash;
use std::collections::HashSet;

/// Merges renderings of one article. The primary document (most citation markers, then most
/// references, then first given) gives the title, the order of sections and the references.
pub fn merge(mut articles: Vec<Article>) -> Article {
    if articles.len() <= 1 {
        return articles.pop().unwrap_or_default();
    }
    let primary_index = (0..articles.len())
        .max_by_key(|&i| {
            let article = &articles[i];
            (
                article.citations().len(),
                article.references.len(),
                std::cmp::Reverse(i),
            )
        })
        .unwrap_or(0);
    let sources: Vec<String> = articles.iter().flat_map(|a| a.sources.clone()).collect();
    let primary = articles.remove(primary_index);
    let others = articles;

    let mut merged = Article {
        title: primary.title.clone(),
        sources,
        infobox: primary.infobox.clone(),
        sections: Vec::new(),
        references: primary.references.clone(),
        redirect: primary.redirect.clone(),
    };
    for other in &others {
        merge_infobox(&mut merged, other);
        if merged.redirect.is_some() && other.redirect.is_none() {
            merged.redirect = None;
        }
    }
    let mut reference_owner = &primary;
    if merged.references.is_empty()
        && let Some(with_references) = others.iter().max_by_key(|a| a.references.len())
    {
        merged.references = with_references.references.clone();
        reference_owner = with_references;
    }

    let all: Vec<&Article> = std::iter::once(&primary).chain(others.iter()).collect();
    let mut picks: Vec<(String, &Article, usize)> = Vec::new();
    for key in section_order(&all) {
        let candidates: Vec<(&Article, usize)> = all
            .iter()
            .filter_map(|article| {
                let index = article
                    .sections
                    .iter()
                    .position(|section| section_key(section) == key)?;
                Some((*article, index))
            })
            .collect();
        let best = candidates
            .iter()
            .enumerate()
            .max_by_key(|(order, (article, index))| {
                let section = &article.sections[*index];
                (
                    section.has_citations(),
                    !section.is_empty(),
                    std::cmp::Reverse(*order),
                )
            })
            .map(|(_, candidate)| *candidate);
        if let Some((article, index)) = best {
            picks.push((key, article, index));
        }
    }
    // A section the primary lacks whose text is already here, under another heading (a second
    // rendering, a dump saved beside its article), would repeat it.
    let primary_keys: HashSet<String> = primary.sections.iter().map(section_key).collect();
    let mut texts: HashSet<String> = picks
        .iter()
        .filter(|(key, _, _)| primary_keys.contains(key))
        .map(|(_, article, index)| section_text(&article.sections[*index]))
        .collect();
    for (key, article, index) in picks {
        if !primary_keys.contains(&key) {
            let text = section_text(&article.sections[index]);
            if !text.is_empty() && !texts.insert(text) {
                continue;
            }
        }
        let mut section = article.sections[index].clone();
        if !std::ptr::eq(article, reference_owner) {
            relink_citations(&mut section.blocks, article, &merged);
        }
        merged.sections.push(section);
    }
    merged
}

/// The lead is keyed by the empty string, sections by their heading in lower case.
fn section_key(section: &crate::article::Section) -> String {
    section
        .heading
        .as_deref()
        .map(|h| h.trim().to_lowercase())
        .unwrap_or_default()
}

/// A section's words without spacing, case or punctuation, as renderings of it share them.
fn section_text(section: &crate::article::Section) -> String {
    section
        .blocks
        .iter()
        .flat_map(|block| match block {
            Block::Preformatted { text } => vec![squash(text)],
            _ => block
                .inline_runs()
                .into_iter()
                .map(|run| squash(&crate::article::plain_text(run)))
                .collect(),
        })
        .collect()
}

/// Every section key, in the primary's order, each other document's extra sections inserted
/// after the section that precedes them there.
fn section_order(articles: &[&Article]) -> Vec<String> {
    let mut order: Vec<String> = Vec::new();
    for article in articles {
        let mut insert_at = 0;
        for section in &article.sections {
            let key = section_key(section);
            match order.iter().position(|k| *k == key) {
                Some(position) => insert_at = position + 1,
                None => {
                    order.insert(insert_at, key);
                    insert_at += 1;
                }
            }
        }
    }
    order
}

/// Adds the other document's fields whose label (and value) the merged infobox lacks.
fn merge_infobox(merged: &mut Article, other: &Article) {
    if merged.infobox.caption.is_none() {
        merged.infobox.caption = other.infobox.caption.clone();
    }
    for field in &other.infobox.fields {
        let label = squash(&field.label);
        let value = squash(&crate::article::plain_text(&field.value));
        let known = merged.infobox.fields.iter().any(|existing| {
            squash(&existing.label) == label
                || (!value.is_empty()
                    && squash(&crate::article::plain_text(&existing.value)) == value)
        });
        if !known {
            merged.infobox.fields.push(field.clone());
        }
    }
}

/// Points the citations of a section taken from `from` at the merged references, by label and
/// group. Labels repeat when a list numbers again from 1, so the same occurrence of the label
/// is taken as in `from` (the second "1" stays the second), else the first.
fn relink_citations(blocks: &mut [Block], from: &Article, merged: &Article) {
    for block in blocks {
        for run in block.inline_runs_mut() {
            for inline in run.iter_mut() {
                if let Inline::Citation { label, reference } = inline {
                    let cited = reference.and_then(|index| from.references.get(index));
                    let group = cited.and_then(|cited| cited.group.clone());
                    let occurrence = reference
                        .and_then(|index| from.references.get(..index))
                        .map_or(0, |before| {
                            before
                                .iter()
                                .filter(|r| has_label(r, label, &group))
                                .count()
                        });
                    let mut matching = (0..merged.references.len())
                        .filter(|&i| has_label(&merged.references[i], label, &group));
                    let first = matching.next();
                    *reference = match occurrence {
                        0 => first,
                        n => matching.nth(n - 1).or(first),
                    };
                }
            }
        }
    }
}

/// True when the reference has this label in this group.
fn has_label(reference: &Reference, label: &str, group: &Option<String>) -> bool {
    reference.label == label && reference.group == *group
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::Section;

    fn cite(label: &str, reference: usize) -> Inline {
        Inline::Citation {
            label: label.to_string(),
            reference: Some(reference),
        }
    }

    fn section(heading: Option<&str>, inlines: Vec<Inline>) -> Section {
        Section {
            heading: heading.map(str::to_string),
            level: if heading.is_some() { 2 } else { 0 },
            blocks: vec![Block::Paragraph { inlines }],
        }
    }

    #[test]
    fn a_section_whose_text_is_already_there_is_not_appended() {
        let text = || {
            vec![
                Inline::text("Born in 1900, "),
                Inline::text("died in 1990."),
            ]
        };
        let primary = Article {
            title: "T".to_string(),
            sections: vec![
                section(None, vec![Inline::text("Lead."), cite("1", 0)]),
                section(Some("Life"), text()),
            ],
            references: vec![Reference {
                label: "1".to_string(),
                ..Reference::default()
            }],
            ..Article::default()
        };
        let other = Article {
            title: "T".to_string(),
            sections: vec![
                section(None, vec![Inline::text("Lead.")]),
                section(
                    Some("Biography"),
                    vec![Inline::text("born in 1900 died in 1990")],
                ),
                section(Some("Legacy"), vec![Inline::text("New text.")]),
            ],
            ..Article::default()
        };
        let merged = merge(vec![primary, other]);
        let headings: Vec<Option<&str>> = merged
            .sections
            .iter()
            .map(|s| s.heading.as_deref())
            .collect();
        // Extra sections go after the one before them in their document (the lead here).
        assert_eq!(headings, [None, Some("Legacy"), Some("Life")]);
    }

    #[test]
    fn a_repeated_label_is_relinked_to_the_same_occurrence() {
        let references: Vec<Reference> = ["1", "2", "1"]
            .iter()
            .enumerate()
            .map(|(index, label)| Reference {
                label: label.to_string(),
                text: vec![Inline::text(format!("entry {index}"))],
                ..Reference::default()
            })
            .collect();
        let primary = Article {
            title: "T".to_string(),
            sections: vec![section(
                None,
                vec![cite("1", 0), cite("2", 1), cite("1", 2)],
            )],
            references: references.clone(),
            ..Article::default()
        };
        let other = Article {
            title: "T".to_string(),
            sections: vec![
                section(None, vec![Inline::text("lead")]),
                section(Some("Extra"), vec![Inline::text("x"), cite("1", 2)]),
            ],
            references,
            ..Article::default()
        };
        let merged = merge(vec![primary, other]);
        let extra = &merged.sections[1];
        assert_eq!(extra.heading.as_deref(), Some("Extra"));
        let Block::Paragraph { inlines } = &extra.blocks[0] else {
            panic!("{extra:?}");
        };
        assert_eq!(inlines[1], cite("1", 2));
    }
}
