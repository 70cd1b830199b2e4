//! The article being read and what the browser derives from it once per load (markers, links,
//! which link targets the library has, which markers cite each reference), and its panes' lines
//! at a width with an index of where each anchor is.

use super::Pane;
use crate::article::{Article, CitationSite, Inline, LinkSite, Place};
use crate::format::{Format, Reading};
use crate::layout::{self, Anchor, Layout};
use crate::text::title_key;
use std::collections::HashMap;

#[derive(Debug, Clone)]
pub struct Page {
    pub article: Article,
    /// Every marker in reading order (`Anchor::Citation` indexes this).
    pub citations: Vec<CitationSite>,
    /// Every link in reading order (`Anchor::Link` indexes this).
    pub links: Vec<LinkSite>,
    /// For each link: whether following it can work (the library has the article; external
    /// links always can).
    pub link_available: Vec<bool>,
    /// For each reference: the markers citing it, in reading order.
    pub citing: Vec<Vec<usize>>,
    /// For each reference: the references whose own text cites it (a note citing a source).
    pub cited_in_notes: Vec<Vec<usize>>,
    /// What reading the article warned about.
    pub warnings: Vec<String>,
    /// Each document read and the reader that read it.
    pub readers: Vec<(String, Format)>,
}

impl Page {
    /// Derives everything the browser needs; `in_library` says whether a title can be opened.
    pub fn new(article: Article, in_library: impl Fn(&str) -> bool) -> Page {
        let citations = article.citations();
        let links = article.links();
        // The article itself is there, whatever the library holds (a link to its own section).
        let own = title_key(&article.title);
        let link_available = links
            .iter()
            .map(|link| {
                link.target
                    .title()
                    .is_none_or(|title| title_key(title) == own || in_library(title))
            })
            .collect();
        let mut citing = vec![Vec::new(); article.references.len()];
        for (index, citation) in citations.iter().enumerate() {
            if let Some(places) = citation.reference.and_then(|r| citing.get_mut(r)) {
                places.push(index);
            }
        }
        let mut cited_in_notes = vec![Vec::new(); article.references.len()];
        for (note, reference) in article.references.iter().enumerate() {
            for inline in &reference.text {
                if let Inline::Citation {
                    reference: Some(cited),
                    ..
                } = inline
                    && let Some(notes) = cited_in_notes.get_mut(*cited)
                    && !notes.contains(&note)
                {
                    notes.push(note);
                }
            }
        }
        Page {
            article,
            citations,
            links,
            link_available,
            citing,
            cited_in_notes,
            warnings: Vec::new(),
            readers: Vec::new(),
        }
    }

    /// A page for what the library read, keeping its warnings and readers for the info view.
    pub fn of_reading(reading: Reading, in_library: impl Fn(&str) -> bool) -> Page {
        Page {
            warnings: reading.warnings,
            readers: reading.readers,
            ..Page::new(reading.article, in_library)
        }
    }

    /// The pane an anchor is drawn in: a marker of the infobox in the infobox, other markers,
    /// links and headings in the text, references in theirs.
    pub fn pane_of(&self, anchor: Anchor) -> Pane {
        match anchor {
            Anchor::Citation(index)
                if self
                    .citations
                    .get(index)
                    .is_some_and(|citation| citation.place == Place::Infobox) =>
            {
                Pane::Infobox
            }
            Anchor::Reference(_) => Pane::References,
            Anchor::Citation(_) | Anchor::Link(_) | Anchor::Section(_) => Pane::Text,
        }
    }

    pub fn title(&self) -> &str {
        &self.article.title
    }

    /// The infobox caption, unless it only repeats the title shown above it.
    pub fn shows_caption(&self) -> bool {
        self.article.infobox.caption.as_deref() != Some(self.article.title.as_str())
    }
}

/// One pane's lines at one width, and the first and last line of every anchor in them.
#[derive(Debug, Clone, Default)]
pub struct PaneLines {
    pub layout: Layout,
    anchors: HashMap<Anchor, (usize, usize)>,
    /// False while only the start of the pane is laid out (see `lay_out_start`).
    pub complete: bool,
}

impl PaneLines {
    pub fn new(layout: Layout) -> PaneLines {
        let mut anchors = HashMap::new();
        for (index, line) in layout.lines.iter().enumerate() {
            for span in &line.spans {
                if let Some(anchor) = span.anchor {
                    anchors
                        .entry(anchor)
                        .and_modify(|(_, last)| *last = index)
                        .or_insert((index, index));
                }
            }
        }
        PaneLines {
            layout,
            anchors,
            complete: true,
        }
    }

    /// Replaces `removed` lines from `at` with `lines`, keeping the anchor index right: an
    /// anchor's lines after them move, and the new lines' anchors extend their anchors.
    pub fn splice(&mut self, at: usize, removed: usize, lines: Vec<layout::Line>) {
        let added = lines.len();
        let end = (at + removed).min(self.layout.lines.len());
        self.layout.lines.splice(at..end, lines);
        let moved = |line: usize| line + added - (end - at);
        // An anchor only on the lines taken away is gone.
        self.anchors
            .retain(|_, (first, last)| !(*first >= at && *first < end && *last < end));
        for (first, last) in self.anchors.values_mut() {
            if *first >= end {
                *first = moved(*first);
            } else if *first >= at {
                *first = moved(end);
            }
            if *last >= end {
                *last = moved(*last);
            } else if *last >= at {
                *last = at.saturating_sub(1).max(*first);
            }
        }
        for (offset, line) in self.layout.lines[at..at + added].iter().enumerate() {
            for anchor in line.spans.iter().filter_map(|span| span.anchor) {
                let here = at + offset;
                let (first, last) = self.anchors.entry(anchor).or_insert((here, here));
                *first = (*first).min(here);
                *last = (*last).max(here);
            }
        }
    }

    pub fn line_of(&self, anchor: Anchor) -> Option<usize> {
        self.lines_of(anchor).map(|(first, _)| first)
    }

    /// The first and last line an anchor is on (a reference or a link can wrap).
    pub fn lines_of(&self, anchor: Anchor) -> Option<(usize, usize)> {
        self.anchors.get(&anchor).copied()
    }

    pub fn len(&self) -> usize {
        self.layout.lines.len()
    }

    pub fn is_empty(&self) -> bool {
        self.layout.lines.is_empty()
    }

    /// The anchor under column `column` of line `line`.
    pub fn anchor_at(&self, line: usize, column: usize) -> Option<Anchor> {
        let mut start = 0;
        for span in &self.layout.lines.get(line)?.spans {
            let end = start + span.width();
            if (start..end).contains(&column) {
                return span.anchor;
            }
            start = end;
        }
        None
    }
}

/// Lays a pane out: the pure layout of `crate::layout`, indexed.
pub fn lay_out(page: &Page, pane: Pane, width: usize) -> PaneLines {
    let article = &page.article;
    PaneLines::new(match pane {
        Pane::Text => layout::article_text(article, width),
        Pane::Infobox => layout::infobox(article, width, page.shows_caption()),
        Pane::References => layout::references(article, width),
    })
}

/// Lays out only the start of a pane, enough to fill `rows` lines (one more: the last line of
/// a block may still grow), so the first screen of a large article is drawn before the rest is
/// laid out. Lines and anchors are those of the whole layout.
pub fn lay_out_start(page: &Page, pane: Pane, width: usize, rows: usize) -> PaneLines {
    let article = &page.article;
    let (layout, complete) = match pane {
        Pane::Text => layout::article_text_start(article, width, rows + 1),
        Pane::References => layout::references_start(article, width, rows + 1),
        Pane::Infobox => return lay_out(page, pane, width),
    };
    PaneLines {
        complete,
        ..PaneLines::new(layout)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::{Line, Role, Span, Style};

    fn line(text: &str, anchor: Option<Anchor>) -> Line {
        Line {
            spans: vec![Span {
                text: text.to_string(),
                style: Style::of(Role::Body),
                anchor,
            }],
        }
    }

    #[test]
    fn splicing_lines_keeps_the_anchor_index_right() {
        let (a, b, c) = (
            Anchor::Reference(0),
            Anchor::Reference(1),
            Anchor::Reference(2),
        );
        let mut lines = PaneLines::new(Layout {
            width: 20,
            lines: vec![
                line("a1", Some(a)),
                line("a2", Some(a)),
                line("b1", Some(b)),
                line("c1", Some(c)),
            ],
        });
        lines.splice(2, 0, vec![line("a url", Some(a)), line("more", Some(a))]);
        assert_eq!(lines.lines_of(a), Some((0, 3)));
        assert_eq!(lines.lines_of(b), Some((4, 4)));
        assert_eq!(lines.lines_of(c), Some((5, 5)));
        lines.splice(2, 2, Vec::new());
        let fresh = PaneLines::new(lines.layout.clone());
        for anchor in [a, b, c] {
            assert_eq!(lines.lines_of(anchor), fresh.lines_of(anchor), "{anchor:?}");
        }
        lines.splice(2, 1, Vec::new());
        assert_eq!(lines.lines_of(b), None);
        assert_eq!(lines.lines_of(c), Some((2, 2)));
    }
}
