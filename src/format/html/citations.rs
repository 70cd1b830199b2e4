//! Footnote markers and reference lists come apart in HTML: a marker links to its footnote by
//! id (`#cite_note-…`), a footnote links back to its markers (`#cite_ref-…`). Markers are given
//! a provisional slot while reading; `resolve` ties every slot to its reference at the end and
//! settles the labels and groups the article shows.

use crate::article::{Article, Inline};
use crate::format::markers;
use std::collections::HashMap;
use std::ops::Range;

/// Where one marker points, as far as its markup tells.
struct MarkerTarget {
    note_id: Option<String>,
    marker_id: Option<String>,
}

/// One `ol.references` list: its group (Parsoid's `data-mw-group`) and its references.
struct ReferenceList {
    group: Option<String>,
    range: Range<usize>,
}

#[derive(Default)]
pub struct Citations {
    markers: Vec<MarkerTarget>,
    /// Footnote element id → reference index.
    note_index: HashMap<String, usize>,
    /// Marker element id (from a footnote's backlinks) → reference index.
    backlink_index: HashMap<String, usize>,
    lists: Vec<ReferenceList>,
}

impl Citations {
    /// Records a marker and returns the provisional slot its `Inline::Citation` carries.
    pub fn marker(&mut self, note_id: Option<String>, marker_id: Option<String>) -> usize {
        self.markers.push(MarkerTarget { note_id, marker_id });
        self.markers.len() - 1
    }

    pub fn open_list(&mut self, group: Option<String>, first_reference: usize) {
        self.lists.push(ReferenceList {
            group,
            range: first_reference..first_reference,
        });
    }

    /// Records the reference at `index`, with its element id and the marker ids it links back to.
    pub fn reference(&mut self, index: usize, id: Option<String>, backlinks: Vec<String>) {
        if let Some(id) = id {
            self.note_index.entry(id).or_insert(index);
        }
        for marker_id in backlinks {
            self.backlink_index.entry(marker_id).or_insert(index);
        }
        if let Some(list) = self.lists.last_mut() {
            list.range.end = index + 1;
        }
    }

    /// Points every marker at its reference, then labels references as their markers show them
    /// (or by their place in the list when nothing cites them).
    pub fn resolve(self, article: &mut Article) {
        let targets: Vec<Option<usize>> = self
            .markers
            .iter()
            .map(|marker| {
                let by_note = marker
                    .note_id
                    .as_ref()
                    .and_then(|id| self.note_index.get(id));
                let by_backlink = marker
                    .marker_id
                    .as_ref()
                    .and_then(|id| self.backlink_index.get(id));
                by_note.or(by_backlink).copied()
            })
            .collect();

        let mut first_label: Vec<Option<String>> = vec![None; article.references.len()];
        for_each_citation(article, |label, reference| {
            *reference = reference.and_then(|slot| targets.get(slot).copied().flatten());
            if let Some(index) = *reference
                && let Some(slot @ None) = first_label.get_mut(index)
                && !label.is_empty()
            {
                *slot = Some(label.clone());
            }
        });

        for list in &self.lists {
            let group = list.group.clone().or_else(|| {
                list.range
                    .clone()
                    .find_map(|index| first_label.get(index).cloned().flatten())
                    .and_then(|label| group_of_label(&label))
            });
            for (position, index) in list.range.clone().enumerate() {
                let label = first_label
                    .get(index)
                    .cloned()
                    .flatten()
                    .unwrap_or_else(|| markers::label(group.as_deref(), position + 1));
                if let Some(reference) = article.references.get_mut(index) {
                    reference.label = label;
                    reference.group.clone_from(&group);
                }
            }
        }

        // A marker whose own text was empty (counter-generated) shows its reference's label.
        let labels: Vec<String> = article.references.iter().map(|r| r.label.clone()).collect();
        for_each_citation(article, |label, reference| {
            if label.is_empty()
                && let Some(known) = reference.and_then(|index| labels.get(index))
            {
                label.clone_from(known);
            }
        });
        article.resolve_citations_by_label();
    }
}

/// Visits every citation marker: in the sections, the infobox and the references' own text.
fn for_each_citation(
    article: &mut Article,
    mut visit: impl FnMut(&mut String, &mut Option<usize>),
) {
    let infobox_runs = article.infobox.fields.iter_mut().map(|f| &mut f.value);
    let reference_runs = article.references.iter_mut().map(|r| &mut r.text);
    let section_runs = article
        .sections
        .iter_mut()
        .flat_map(|section| section.blocks.iter_mut())
        .flat_map(|block| block.inline_runs_mut());
    for run in infobox_runs.chain(section_runs).chain(reference_runs) {
        for inline in run.iter_mut() {
            if let Inline::Citation { label, reference } = inline {
                visit(label, reference);
            }
        }
    }
}

/// The group a rendered label belongs to: `note 2` → "note", `c` → "lower-alpha", `7` → none.
fn group_of_label(label: &str) -> Option<String> {
    if let Some((group, _)) = label.rsplit_once(' ') {
        return Some(group.to_string());
    }
    if !label.is_empty() && label.chars().all(|c| c.is_ascii_lowercase()) {
        return Some("lower-alpha".to_string());
    }
    None
}

/// A marker's label as a browser shows it: the brackets go, and a group named after a CSS
/// counter style (`[lower-alpha 1]`, which Parsoid's style sheet shows as `[a]`) is counted in it.
pub fn rendered_label(text: &str) -> String {
    let label = text
        .trim()
        .trim_start_matches('[')
        .trim_end_matches(']')
        .trim();
    label
        .rsplit_once(' ')
        .and_then(|(group, number)| markers::counter_style(group, number.parse().ok()?))
        .unwrap_or_else(|| label.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_tell_their_group() {
        assert_eq!(group_of_label("note 2").as_deref(), Some("note"));
        assert_eq!(group_of_label("c").as_deref(), Some("lower-alpha"));
        assert_eq!(group_of_label("12"), None);
    }

    #[test]
    fn markers_show_labels_as_rendered() {
        assert_eq!(rendered_label("[1]"), "1");
        assert_eq!(rendered_label("[note 1]"), "note 1");
        assert_eq!(rendered_label("[lower-alpha 2]"), "b");
        assert_eq!(rendered_label("[upper-roman 4]"), "IV");
        assert_eq!(rendered_label("[lower-greek 3]"), "γ");
        assert_eq!(rendered_label(" [a] "), "a");
    }

    #[test]
    fn positions_become_labels_in_the_group_style() {
        assert_eq!(markers::label(None, 3), "3");
        assert_eq!(markers::label(Some("lower-alpha"), 1), "a");
        assert_eq!(markers::label(Some("lower-alpha"), 28), "ab");
        assert_eq!(markers::label(Some("upper-alpha"), 2), "B");
        assert_eq!(markers::label(Some("note"), 4), "note 4");
    }
}
