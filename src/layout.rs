//! Pure layout: an article at a width becomes lines of styled runs that carry anchors (citation
//! markers, links, headings, references). No terminal types here, so the browser, the text dump,
//! mouse hit-testing and paging all use the same numbers.

mod table;
mod wrap;

use crate::article::{Article, Block, Inline, LinkTarget, ListKind};
use unicode_width::UnicodeWidthStr;
pub use wrap::wrap;

/// What a run of text is, for styling.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Body,
    Title,
    Heading(u8),
    Link,
    ExternalLink,
    Citation,
    /// A bullet, a number or a table rule: structure rather than content.
    Decoration,
    Label,
    Quote,
    Code,
    /// A figure's or a table's caption.
    Caption,
    /// The mark on a URL that no longer serves what was cited (`dead`, `unfit`, `usurped`).
    DeadLink,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Style {
    pub role: Role,
    pub bold: bool,
    pub italic: bool,
}

impl Style {
    pub const fn of(role: Role) -> Style {
        Style {
            role,
            bold: false,
            italic: false,
        }
    }
}

/// What a run points at. Indices are into `Article::citations()`, `Article::links()`,
/// `Article::references` and `Article::sections`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Anchor {
    Citation(usize),
    Link(usize),
    Reference(usize),
    Section(usize),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    pub text: String,
    pub style: Style,
    pub anchor: Option<Anchor>,
}

impl Span {
    pub fn new(text: impl Into<String>, style: Style) -> Span {
        Span {
            text: text.into(),
            style,
            anchor: None,
        }
    }

    pub fn width(&self) -> usize {
        self.text.width()
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Line {
    pub spans: Vec<Span>,
}

impl Line {
    pub fn width(&self) -> usize {
        self.spans.iter().map(Span::width).sum()
    }

    pub fn text(&self) -> String {
        self.spans.iter().map(|span| span.text.as_str()).collect()
    }

    fn plain(text: impl Into<String>, style: Style) -> Line {
        Line {
            spans: vec![Span::new(text, style)],
        }
    }
}

/// Lines of one pane, and where each anchor first appears in them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Layout {
    pub width: usize,
    pub lines: Vec<Line>,
}

impl Layout {
    /// The index of the first line holding `anchor`.
    pub fn line_of(&self, anchor: Anchor) -> Option<usize> {
        self.lines
            .iter()
            .position(|line| line.spans.iter().any(|span| span.anchor == Some(anchor)))
    }

    /// The plain text of every line, trailing spaces trimmed.
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        for line in &self.lines {
            out.push_str(line.text().trim_end());
            out.push('\n');
        }
        out
    }
}

/// Ends the lines with a blank one, unless they are empty or end with one already.
fn blank(lines: &mut Vec<Line>) {
    if lines.last().is_some_and(|line| !line.spans.is_empty()) {
        lines.push(Line::default());
    }
}

/// Numbers the citations and links of an article in reading order while laying it out, so the
/// anchors match `Article::citations()` (the infobox's markers, then the text's) and
/// `Article::links()` (the text's only).
#[derive(Default)]
struct Counters {
    citations: usize,
    links: usize,
}

/// The article text: headings, paragraphs, lists, tables, quotes, preformatted blocks.
pub fn article_text(article: &Article, width: usize) -> Layout {
    article_text_start(article, width, usize::MAX).0
}

/// The article text laid out until it has more than `lines` lines (whole blocks), and whether
/// that is all of it: enough to draw a first screen of a long article. The lines are those the
/// whole layout starts with, since text is laid out in reading order.
pub fn article_text_start(article: &Article, width: usize, lines: usize) -> (Layout, bool) {
    let width = width.max(1);
    let mut layout = Layout {
        width,
        lines: Vec::new(),
    };
    let complete = lay_out_text(article, width, &mut layout.lines, |so_far| {
        so_far.len() <= lines
    });
    (layout, complete)
}

/// The lines of `article_text`, handed to `line` one by one as they are laid out, so that a
/// long article is never laid out whole (the text dump).
pub fn article_text_each(article: &Article, width: usize, mut line: impl FnMut(&Line)) {
    let mut lines = Vec::new();
    lay_out_text(article, width.max(1), &mut lines, |so_far| {
        // From the last line with text on: the layout looks at it to place the next blank
        // line, and drops blank lines that end the text.
        let keep = so_far
            .iter()
            .rposition(|line| !line.spans.is_empty())
            .unwrap_or(0);
        so_far.drain(..keep).for_each(|done| line(&done));
        true
    });
    lines.iter().for_each(line);
}

/// Lays the article text out into `lines`, asking `go_on` before each block (with the lines so
/// far, which it may take from the front); true when all of it was laid out.
fn lay_out_text(
    article: &Article,
    width: usize,
    lines: &mut Vec<Line>,
    mut go_on: impl FnMut(&mut Vec<Line>) -> bool,
) -> bool {
    // The infobox's markers come first in reading order (`Article::citations()`).
    let mut counters = Counters {
        citations: article.infobox.citation_count(),
        links: 0,
    };
    for (index, section) in article.sections.iter().enumerate() {
        if let Some(heading) = &section.heading {
            blank(lines);
            let style = Style {
                bold: true,
                ..Style::of(Role::Heading(section.level))
            };
            let mut span = Span::new(heading.clone(), style);
            span.anchor = Some(Anchor::Section(index));
            lines.extend(wrap(vec![span], width, "", ""));
            let rule = if section.level <= 2 { '─' } else { '┄' };
            let underline = heading.width().clamp(1, width);
            lines.push(Line::plain(
                rule.to_string().repeat(underline),
                Style::of(Role::Decoration),
            ));
        }
        for block in &section.blocks {
            if !go_on(lines) {
                return false;
            }
            blank(lines);
            block_lines(block, width, &mut counters, lines);
        }
    }
    while lines.last().is_some_and(|line| line.spans.is_empty()) {
        lines.pop();
    }
    true
}

fn block_lines(block: &Block, width: usize, counters: &mut Counters, out: &mut Vec<Line>) {
    match block {
        Block::Paragraph { inlines } => out.extend(wrap(spans(inlines, counters), width, "", "")),
        Block::Quote { inlines } => {
            let quoted: Vec<Span> = spans(inlines, counters)
                .into_iter()
                .map(|mut span| {
                    span.style.italic = true;
                    span
                })
                .collect();
            out.extend(wrap(quoted, width, "  │ ", "  │ "));
        }
        Block::Preformatted { text } => {
            for source_line in text.lines() {
                let source_line = source_line.replace('\t', "    ");
                // Wrapping collapses white space: the indentation goes into the prefix instead.
                let code = source_line.trim_start();
                let indent = format!("  {}", &source_line[..source_line.len() - code.len()]);
                let span = Span::new(code, Style::of(Role::Code));
                out.extend(wrap(vec![span], width, &indent, &indent));
            }
        }
        Block::List { items } => {
            let mut number = 0;
            for item in items {
                let indent = "  ".repeat(usize::from(item.depth.max(1)));
                let marker = match item.kind {
                    ListKind::Bullet => "• ".to_string(),
                    ListKind::Numbered => {
                        number += 1;
                        format!("{number}. ")
                    }
                    ListKind::Term => String::new(),
                    ListKind::Definition => "  ".to_string(),
                };
                let first = format!("{indent}{marker}");
                let rest = " ".repeat(first.width());
                let mut item_spans = spans(&item.inlines, counters);
                if item.kind == ListKind::Term {
                    for span in &mut item_spans {
                        span.style.bold = true;
                    }
                }
                out.extend(wrap(item_spans, width, &first, &rest));
            }
        }
        Block::Table { rows, caption } => table::lines(rows, caption, width, counters, out),
        Block::Caption { inlines } => {
            let caption = caption_spans(inlines, counters);
            // Set apart like a quotation, with a dashed bar: it describes a picture not shown.
            out.extend(wrap(caption, width, "  ┆ ", "  ┆ "));
        }
    }
}

/// A caption's spans: its text in the caption style, its links and markers as they are.
fn caption_spans(inlines: &[Inline], counters: &mut Counters) -> Vec<Span> {
    let mut caption = spans(inlines, counters);
    for span in caption
        .iter_mut()
        .filter(|span| span.style.role == Role::Body)
    {
        span.style.role = Role::Caption;
    }
    caption
}

/// Turns inline runs into styled spans, numbering citation and link anchors.
fn spans(inlines: &[Inline], counters: &mut Counters) -> Vec<Span> {
    let mut out = Vec::with_capacity(inlines.len());
    for inline in inlines {
        match inline {
            Inline::Text { text, emphasis } => out.push(Span::new(
                text.replace(['\t', '\n'], " "),
                Style {
                    role: Role::Body,
                    bold: emphasis.bold,
                    italic: emphasis.italic,
                },
            )),
            Inline::Link { text, target } => {
                let role = match target {
                    LinkTarget::Article(_) | LinkTarget::Section(_) => Role::Link,
                    LinkTarget::External(_) => Role::ExternalLink,
                };
                out.push(Span {
                    text: text.replace(['\t', '\n'], " "),
                    style: Style::of(role),
                    anchor: Some(Anchor::Link(counters.links)),
                });
                counters.links += 1;
            }
            Inline::Citation { label, .. } => {
                out.push(Span {
                    text: format!("[{label}]"),
                    style: Style::of(Role::Citation),
                    anchor: Some(Anchor::Citation(counters.citations)),
                });
                counters.citations += 1;
            }
            Inline::LineBreak => out.push(Span::new("\n", Style::of(Role::Body))),
        }
    }
    out
}

/// The infobox: the caption (when asked for), then each label and its value, values aligned.
pub fn infobox(article: &Article, width: usize, show_caption: bool) -> Layout {
    let width = width.max(1);
    let mut layout = Layout {
        width,
        lines: Vec::new(),
    };
    let infobox = &article.infobox;
    if let Some(caption) = infobox.caption.as_ref().filter(|_| show_caption) {
        let style = Style {
            bold: true,
            ..Style::of(Role::Title)
        };
        layout
            .lines
            .extend(wrap(vec![Span::new(caption.clone(), style)], width, "", ""));
    }
    // Labels take up to a third of the width, more (up to half) rather than break a word.
    let longest_word = infobox
        .fields
        .iter()
        .flat_map(|field| field.label.split_whitespace())
        .map(UnicodeWidthStr::width)
        .max()
        .unwrap_or(0);
    let label_width = infobox
        .fields
        .iter()
        .map(|field| field.label.width())
        .max()
        .unwrap_or(0)
        .min((width / 3).max(longest_word.min(width / 2)))
        .max(1);
    let mut counters = Counters::default();
    for field in &infobox.fields {
        if field.label.is_empty() {
            // A header names the rows under it; a value without a label spans the box. Both
            // keep their lines (a motto and its translations, a list of other names).
            let mut value = unlinked(spans(&field.value, &mut counters));
            if field.header {
                for span in value
                    .iter_mut()
                    .filter(|span| span.style.role == Role::Body)
                {
                    span.style = Style {
                        bold: true,
                        ..Style::of(Role::Heading(3))
                    };
                }
            }
            layout.lines.extend(wrap(value, width, "", ""));
            continue;
        }
        let label_span = Span::new(field.label.clone(), Style::of(Role::Label));
        if label_width + 2 + MIN_INFOBOX_VALUE_WIDTH > width {
            // Too narrow for two columns: the label above its value.
            layout.lines.extend(wrap(vec![label_span], width, "", ""));
            let value = unlinked(spans(&field.value, &mut counters));
            layout.lines.extend(wrap(value, width, "  ", "  "));
            continue;
        }
        let label_lines = wrap(vec![label_span], label_width, "", "");
        let value_width = width - label_width - 2;
        let value_lines = wrap(spans(&field.value, &mut counters), value_width, "", "");
        for row in 0..label_lines.len().max(value_lines.len()) {
            let mut line = label_lines.get(row).cloned().unwrap_or_default();
            let pad = label_width + 2 - line.width().min(label_width);
            line.spans
                .push(Span::new(" ".repeat(pad), Style::of(Role::Body)));
            if let Some(value) = value_lines.get(row) {
                line.spans.extend(unlinked(value.spans.clone()));
            }
            layout.lines.push(line);
        }
    }
    layout
}

/// The narrowest value column beside the labels before the infobox stacks them.
const MIN_INFOBOX_VALUE_WIDTH: usize = 8;

/// Infobox links are not part of the text's order of links (`}` `{` step through the text);
/// its markers keep their anchors, as they are selected and followed like the text's.
fn unlinked(spans: Vec<Span>) -> Vec<Span> {
    spans
        .into_iter()
        .map(|mut span| {
            if matches!(span.anchor, Some(Anchor::Link(_))) {
                span.anchor = None;
            }
            span
        })
        .collect()
}

/// The heading of a group's list: a group named after its label style (`{{efn}}` notes are
/// `lower-alpha`) is the notes, as Wikipedia heads them; other groups by their name.
fn group_heading(group: &str) -> String {
    if crate::format::markers::counter_style(group, 1).is_some() {
        "Notes".to_string()
    } else {
        crate::format::labels::humanize(group)
    }
}

/// The references: `N. text` with a hanging indent, lists after the first headed by their group.
pub fn references(article: &Article, width: usize) -> Layout {
    references_start(article, width, usize::MAX).0
}

/// The references laid out until there are more than `lines` lines (whole references), and
/// whether that is all of them.
pub fn references_start(article: &Article, width: usize, lines: usize) -> (Layout, bool) {
    let mut layout = Layout {
        width: width.max(1),
        lines: Vec::new(),
    };
    // Checked after whole references only: a heading is never left without its list.
    let all = references_each(article, width, |reference, piece| {
        layout.lines.extend(piece);
        reference.is_none() || layout.lines.len() <= lines
    });
    (layout, all)
}

/// Lays the references out one piece at a time, so that all their lines are never held at once:
/// `piece` gets the lines between two references (a blank line, a group's heading) with no index,
/// then each reference's own lines with its index, and says whether to go on; true when all of
/// them were laid out.
pub fn references_each(
    article: &Article,
    width: usize,
    mut piece: impl FnMut(Option<usize>, Vec<Line>) -> bool,
) -> bool {
    let width = width.max(1);
    let label_width = article
        .references
        .iter()
        .map(|reference| reference.label.width() + 2)
        .max()
        .unwrap_or(3)
        .min(width / 2);
    let mut current_group: Option<&str> = None;
    let mut counters = Counters::default();
    for (index, reference) in article.references.iter().enumerate() {
        let group = reference.group.as_deref();
        // A list of the same group that numbers again from the start is a list of its own.
        let restarts = reference.label == crate::format::markers::label(group, 1);
        let mut between = Vec::new();
        // Every reference has a line with its label, so the one before never ends blank.
        if index > 0 && (group != current_group || restarts) {
            between.push(Line::default());
        }
        // Groups are headed; the main list only when another came before it.
        let heading = match group {
            Some(name) => Some(group_heading(name)),
            None if index > 0 => Some("References".to_string()),
            None => None,
        };
        if group != current_group
            && let Some(heading) = heading
        {
            let style = Style {
                bold: true,
                ..Style::of(Role::Heading(3))
            };
            between.extend(wrap(vec![Span::new(heading, style)], width, "", ""));
        }
        if !between.is_empty() && !piece(None, between) {
            return false;
        }
        current_group = group;
        let marker = format!("{}. ", reference.label);
        let first = format!("{marker:>label_width$}");
        let rest = " ".repeat(first.width());
        let mut reference_spans = spans(&reference.text, &mut counters);
        for span in &mut reference_spans {
            span.anchor = Some(Anchor::Reference(index));
        }
        if reference_spans.is_empty() {
            reference_spans.push(Span {
                text: String::new(),
                style: Style::of(Role::Body),
                anchor: Some(Anchor::Reference(index)),
            });
        }
        let mut lines = wrap(reference_spans, width, &first, &rest);
        if let Some(first_span) = lines.first_mut().and_then(|line| line.spans.first_mut()) {
            first_span.style = Style::of(Role::Label);
        }
        if !piece(Some(index), lines) {
            return index + 1 == article.references.len();
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::{Section, TableCell, TableRow};

    fn table_article(columns: usize) -> Article {
        let cell = |text: &str| TableCell::new(false, vec![Inline::text(text)]);
        let row = TableRow {
            cells: (0..columns)
                .map(|i| cell(&format!("cell number {i}")))
                .collect(),
        };
        Article {
            sections: vec![Section {
                heading: None,
                level: 0,
                blocks: vec![Block::Table {
                    rows: vec![row.clone(), row],
                    caption: Vec::new(),
                }],
            }],
            ..Article::default()
        }
    }

    #[test]
    fn tables_fit_any_width() {
        for columns in [1, 2, 5, 12] {
            for width in [1, 5, 10, 20, 40, 80] {
                let layout = article_text(&table_article(columns), width);
                assert!(layout.lines.iter().all(|line| line.width() <= width));
                let text = layout.to_text();
                assert!(
                    text.contains("cell") || width < 4,
                    "{columns} columns at {width}: {text}"
                );
            }
        }
    }

    #[test]
    fn a_table_that_fits_keeps_its_columns_side_by_side() {
        let text = article_text(&table_article(2), 80).to_text();
        assert!(text.contains("cell number 0 │ cell number 1"), "{text}");
    }

    #[test]
    fn note_groups_are_headed_notes_and_named_groups_by_name() {
        let reference = |group: Option<&str>, label: &str| crate::article::Reference {
            label: label.to_string(),
            group: group.map(str::to_string),
            text: vec![Inline::text("r")],
            ..crate::article::Reference::default()
        };
        let article = Article {
            references: vec![
                reference(None, "1"),
                reference(Some("lower-alpha"), "a"),
                reference(Some("note"), "note 1"),
            ],
            ..Article::default()
        };
        let text = references(&article, 40).to_text();
        assert_eq!(
            text.lines().map(str::trim).collect::<Vec<_>>(),
            ["1. r", "", "Notes", "a. r", "", "Note", "note 1. r"],
            "{text}"
        );
        let notes_first = Article {
            references: vec![reference(Some("lower-alpha"), "a"), reference(None, "1")],
            ..Article::default()
        };
        let text = references(&notes_first, 40).to_text();
        assert_eq!(
            text.lines().map(str::trim).collect::<Vec<_>>(),
            ["Notes", "a. r", "", "References", "1. r"],
            "{text}"
        );
    }

    #[test]
    fn a_list_that_numbers_again_stands_apart() {
        let reference = |label: &str| crate::article::Reference {
            label: label.to_string(),
            text: vec![Inline::text("r")],
            ..crate::article::Reference::default()
        };
        let article = Article {
            references: ["1", "2", "1", "2"].map(reference).to_vec(),
            ..Article::default()
        };
        let text = references(&article, 40).to_text();
        assert_eq!(
            text.lines().map(str::trim).collect::<Vec<_>>(),
            ["1. r", "2. r", "", "1. r", "2. r"],
            "{text}"
        );
    }

    #[test]
    fn infobox_labels_widen_rather_than_break_a_word() {
        let field =
            |label: &str, value: &str| crate::article::Field::new(label, vec![Inline::text(value)]);
        let article = Article {
            infobox: crate::article::Infobox {
                fields: vec![
                    field("Geboortedatum", "19 Oktober 1963"),
                    field("Beroep", "Skrywer"),
                ],
                ..crate::article::Infobox::default()
            },
            ..Article::default()
        };
        let text = infobox(&article, 36, false).to_text();
        assert_eq!(
            text.lines().map(str::trim_end).collect::<Vec<_>>(),
            ["Geboortedatum  19 Oktober 1963", "Beroep         Skrywer"],
            "{text}"
        );
    }

    #[test]
    fn preformatted_lines_keep_their_indentation() {
        let article = Article {
            sections: vec![Section {
                blocks: vec![Block::Preformatted {
                    text: "if x:\n    y = 1\n\tz".to_string(),
                }],
                ..Section::default()
            }],
            ..Article::default()
        };
        let text = article_text(&article, 40).to_text();
        assert_eq!(text.trim_end(), "  if x:\n      y = 1\n      z");
    }

    #[test]
    fn lines_handed_out_one_by_one_are_the_whole_layout() {
        let paragraph = |text: &str| Block::Paragraph {
            inlines: vec![Inline::text(text)],
        };
        let section = |heading: Option<&str>, blocks: Vec<Block>| Section {
            heading: heading.map(str::to_string),
            level: 2,
            blocks,
        };
        let article = Article {
            sections: vec![
                section(None, vec![paragraph("A lead."), paragraph("Two\n\nlines.")]),
                section(Some("Empty"), Vec::new()),
                section(Some("Next"), vec![paragraph(&"word ".repeat(40))]),
                section(Some("Tables"), table_article(3).sections[0].blocks.clone()),
                section(Some("Ends blank"), vec![paragraph(""), paragraph("")]),
            ],
            ..Article::default()
        };
        for width in [10, 40, 80] {
            let mut each = Vec::new();
            article_text_each(&article, width, |line| each.push(line.clone()));
            assert_eq!(each, article_text(&article, width).lines, "width {width}");
        }
    }

    #[test]
    fn references_come_in_whole_pieces_and_stop_after_a_whole_reference() {
        use crate::article::Reference;
        let reference = |label: &str, group: Option<&str>, text: &str| Reference {
            label: label.to_string(),
            group: group.map(str::to_string),
            text: vec![Inline::text(text)],
            ..Reference::default()
        };
        let article = Article {
            references: vec![
                reference("1", None, &"A long source. ".repeat(8)),
                reference("2", None, "Short."),
                reference("a", Some("lower-alpha"), "A note."),
                reference("b", Some("lower-alpha"), &"Another note. ".repeat(6)),
            ],
            ..Article::default()
        };
        let mut pieces = Vec::new();
        assert!(references_each(&article, 30, |index, lines| {
            pieces.push((index, lines));
            true
        }));
        let indexes: Vec<_> = pieces.iter().map(|(index, _)| *index).collect();
        // The notes are headed, after a blank line, between the two lists.
        assert_eq!(indexes, [Some(0), Some(1), None, Some(2), Some(3)]);
        let all: Vec<Line> = pieces.into_iter().flat_map(|(_, lines)| lines).collect();
        assert_eq!(all, references(&article, 30).lines);
        // Past three lines, the reference under way is finished and the rest left out.
        let (start, complete) = references_start(&article, 30, 3);
        assert!(!complete);
        let first = references_each(&article, 30, |_, _| false);
        assert!(!first);
        let first_lines = wrap_count(&article, 0);
        assert_eq!(start.lines.len(), first_lines);
        assert!(first_lines > 3);
    }

    /// The number of lines reference `index` alone is laid out in at width 30.
    fn wrap_count(article: &Article, index: usize) -> usize {
        let mut count = 0;
        references_each(article, 30, |piece, lines| {
            if piece == Some(index) {
                count = lines.len();
            }
            true
        });
        count
    }
}
