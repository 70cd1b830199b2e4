//! Documents that share a title are one article: infobox fields merged by label, sections by
//! heading (the version with citation markers preferred, else the fuller one), references from
//! the document that has them, and every document recorded in `sources`.

use crate::article::{Article, Block, Field, Inline, Reference};
use crate::format::labels::squash;
use crate::format::own_sections;
use std::collections::{HashMap, HashSet};

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
    let mut known = KnownFields::of(&merged);
    // The document each infobox field came from, by its place in `all` below (0: the primary).
    let mut field_origins = vec![0; merged.infobox.fields.len()];
    for (position, other) in others.iter().enumerate() {
        merge_infobox(&mut merged, other, &mut known);
        field_origins.resize(merged.infobox.fields.len(), position + 1);
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
    let mut picks: Vec<(String, usize, usize)> = Vec::new();
    let sections_by_key: Vec<HashMap<String, usize>> = all
        .iter()
        .map(|article| first_section_by_key(article))
        .collect();
    for key in section_order(&all) {
        let best = sections_by_key
            .iter()
            .enumerate()
            .filter_map(|(document, by_key)| Some((document, *by_key.get(&key)?)))
            .max_by_key(|&(document, index)| {
                let section = &all[document].sections[index];
                (
                    section.has_citations(),
                    !section.is_empty(),
                    std::cmp::Reverse(document),
                )
            });
        if let Some((document, index)) = best {
            picks.push((key, document, index));
        }
    }
    // A section the primary lacks whose text is already here, under another heading (a second
    // rendering, a dump saved beside its article), would repeat it.
    let primary_keys: HashSet<String> = primary.sections.iter().map(section_key).collect();
    let mut texts: HashSet<String> = picks
        .iter()
        .filter(|(key, _, _)| primary_keys.contains(key))
        .map(|&(_, document, index)| section_text(&all[document].sections[index]))
        .collect();
    let merged_labels = LabelIndex::of(&merged.references);
    // Each document's labels are indexed when a section of it is first relinked.
    let mut document_labels: Vec<Option<LabelIndex>> = all.iter().map(|_| None).collect();
    for (key, document, index) in picks {
        let article = all[document];
        if !primary_keys.contains(&key) {
            let text = section_text(&article.sections[index]);
            if !text.is_empty() && !texts.insert(text) {
                continue;
            }
        }
        let mut section = article.sections[index].clone();
        if !std::ptr::eq(article, reference_owner) {
            let from = document_labels[document]
                .get_or_insert_with(|| LabelIndex::of(&article.references));
            let runs = section.blocks.iter_mut().flat_map(Block::inline_runs_mut);
            relink_citations(runs, article, from, &merged_labels);
        }
        merged.sections.push(section);
    }
    // Infobox values taken from a document other than the references' cite them by its
    // numbering: relink them as its sections are.
    for (field, &document) in merged.infobox.fields.iter_mut().zip(&field_origins) {
        let article = all[document];
        if !std::ptr::eq(article, reference_owner) {
            let from = document_labels[document]
                .get_or_insert_with(|| LabelIndex::of(&article.references));
            relink_citations(
                std::iter::once(&mut field.value),
                article,
                from,
                &merged_labels,
            );
        }
    }
    // A link to one of the article's own sections may name a heading the merge left out.
    own_sections::resolve(&mut merged);
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

/// Section key → the first of the document's sections with it.
fn first_section_by_key(article: &Article) -> HashMap<String, usize> {
    let mut by_key = HashMap::with_capacity(article.sections.len());
    for (index, section) in article.sections.iter().enumerate() {
        by_key.entry(section_key(section)).or_insert(index);
    }
    by_key
}

/// Every section key, in the primary's order, each other document's extra sections inserted
/// after the section that precedes them there.
fn section_order(articles: &[&Article]) -> Vec<String> {
    // A linked list over the keys, so that inserting after a known key takes constant time.
    let mut keys: Vec<String> = Vec::new();
    let mut next: Vec<Option<usize>> = Vec::new();
    let mut head: Option<usize> = None;
    let mut node_of: HashMap<String, usize> = HashMap::new();
    for article in articles {
        // The node new keys go after; none puts them first.
        let mut previous: Option<usize> = None;
        for section in &article.sections {
            let key = section_key(section);
            if let Some(&node) = node_of.get(&key) {
                previous = Some(node);
                continue;
            }
            let node = keys.len();
            let successor = match previous {
                Some(previous) => next[previous].replace(node),
                None => head.replace(node),
            };
            next.push(successor);
            node_of.insert(key.clone(), node);
            keys.push(key);
            previous = Some(node);
        }
    }
    let mut order = Vec::with_capacity(keys.len());
    let mut node = head;
    while let Some(current) = node {
        order.push(std::mem::take(&mut keys[current]));
        node = next[current];
    }
    order
}

/// The squashed labels and values of the merged infobox's fields, to tell the fields it has.
struct KnownFields {
    labels: HashSet<String>,
    values: HashSet<String>,
}

impl KnownFields {
    fn of(article: &Article) -> KnownFields {
        let mut known = KnownFields {
            labels: HashSet::new(),
            values: HashSet::new(),
        };
        for field in &article.infobox.fields {
            known.add(field);
        }
        known
    }

    fn add(&mut self, field: &Field) {
        self.labels.insert(squash(&field.label));
        self.values
            .insert(squash(&crate::article::plain_text(&field.value)));
    }
}

/// Adds the other document's fields whose label (and value) the merged infobox lacks.
fn merge_infobox(merged: &mut Article, other: &Article, known: &mut KnownFields) {
    if merged.infobox.caption.is_none() {
        merged.infobox.caption = other.infobox.caption.clone();
    }
    for field in &other.infobox.fields {
        let label = squash(&field.label);
        let value = squash(&crate::article::plain_text(&field.value));
        let is_known =
            known.labels.contains(&label) || (!value.is_empty() && known.values.contains(&value));
        if !is_known {
            known.labels.insert(label);
            known.values.insert(value);
            merged.infobox.fields.push(field.clone());
        }
    }
}

/// (label, group) → the indices of the references with them, in order.
struct LabelIndex<'a>(HashMap<(&'a str, Option<&'a str>), Vec<usize>>);

impl<'a> LabelIndex<'a> {
    fn of(references: &'a [Reference]) -> LabelIndex<'a> {
        let mut index: HashMap<_, Vec<usize>> = HashMap::new();
        for (position, reference) in references.iter().enumerate() {
            index
                .entry((reference.label.as_str(), reference.group.as_deref()))
                .or_default()
                .push(position);
        }
        LabelIndex(index)
    }

    fn positions<'s>(&'s self, label: &'s str, group: Option<&'s str>) -> &'s [usize] {
        self.0.get(&(label, group)).map_or(&[], Vec::as_slice)
    }
}

/// Points the citations of runs taken from `from` (a section, an infobox value) at the merged
/// references, by label and group. Labels repeat when a list numbers again from 1, so the same
/// occurrence of the label is taken as in `from` (the second "1" stays the second), else the
/// first.
fn relink_citations<'r>(
    runs: impl Iterator<Item = &'r mut Vec<Inline>>,
    from: &Article,
    from_labels: &LabelIndex,
    merged_labels: &LabelIndex,
) {
    for run in runs {
        for inline in run.iter_mut() {
            if let Inline::Citation { label, reference } = inline {
                let cited = reference.and_then(|index| from.references.get(index));
                let group = cited.and_then(|cited| cited.group.as_deref());
                // How many references before the cited one have its label.
                let occurrence = reference
                    .filter(|&index| index <= from.references.len())
                    .map_or(0, |index| {
                        from_labels
                            .positions(label, group)
                            .partition_point(|&position| position < index)
                    });
                let matching = merged_labels.positions(label, group);
                let first = matching.first().copied();
                *reference = match occurrence {
                    0 => first,
                    n => matching.get(n).copied().or(first),
                };
            }
        }
    }
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

    #[test]
    fn an_infobox_value_from_another_document_cites_the_merged_references() {
        let reference = |label: &str, group: Option<&str>| Reference {
            label: label.to_string(),
            group: group.map(str::to_string),
            ..Reference::default()
        };
        // The primary numbers its notes first: its [2] is its third reference.
        let primary = Article {
            title: "T".to_string(),
            sections: vec![section(
                None,
                vec![cite("a", 0), cite("1", 1), cite("2", 2)],
            )],
            references: vec![
                reference("a", Some("lower-alpha")),
                reference("1", None),
                reference("2", None),
            ],
            ..Article::default()
        };
        let other = Article {
            title: "T".to_string(),
            infobox: crate::article::Infobox {
                fields: vec![Field::new("Deaths", vec![Inline::text("52"), cite("2", 1)])],
                ..crate::article::Infobox::default()
            },
            references: vec![reference("1", None), reference("2", None)],
            ..Article::default()
        };
        let merged = merge(vec![primary, other]);
        assert_eq!(merged.infobox.fields[0].value[1], cite("2", 2));
    }

    /// A link to one of the article's own sections whose heading the merge leaves out (here its
    /// text repeats another heading's) is its text, as reading folio's JSON of the merge gives.
    #[test]
    fn a_link_to_an_own_section_the_merge_leaves_out_is_text() {
        use crate::format::{self, Format};
        let read = |text: &str| {
            format::read(text.as_bytes(), "Dog.wiki", Some(Format::Wikitext))
                .map(|reading| reading.article)
                .unwrap_or_default()
        };
        let first = read("'''Dog''' is an animal.\n\n== History ==\nThe same story.\n");
        let second = read(
            "'''Dog''' is an animal.\n\n== Notes ==\nSee [[#Senses|the senses]] and \
             [[#History|the past]].\n\n== Senses ==\nThe same story.\n\n\
             == History ==\nAnother story.\n",
        );
        assert_eq!(second.links().len(), 2);
        let merged = merge(vec![first, second]);
        let links: Vec<(String, String)> = merged
            .links()
            .into_iter()
            .map(|site| {
                (
                    site.text,
                    site.target.title().unwrap_or_default().to_string(),
                )
            })
            .collect();
        assert_eq!(links, [("the past".to_string(), "Dog".to_string())]);
        let json = format::json::write(&merged);
        let again = format::read(json.as_bytes(), "dog.json", Some(Format::Json))
            .map(|reading| reading.article)
            .unwrap_or_default();
        assert_eq!(again, merged);
    }
}
