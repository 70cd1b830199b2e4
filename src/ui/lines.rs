//! One laid-out line as styled terminal text: roles to theme styles, red links and markers
//! without a reference, the selection, and find matches.

use crate::app::{App, Pane};
use crate::config::Theme;
use crate::layout::{self, Anchor, Role};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthChar;

/// A column range drawn with a style over whatever is there.
struct Mark {
    start: usize,
    end: usize,
    style: Style,
}

pub fn styled<'a>(app: &'a App, pane: Pane, index: usize, line: &'a layout::Line) -> Line<'a> {
    let theme = app.theme();
    let selected_anchor = match pane {
        // The infobox draws its own markers; a selected one is highlighted there.
        Pane::Text | Pane::Infobox => app.selection().map(|selection| selection.anchor()),
        Pane::References => app.selected_reference().map(Anchor::Reference),
    };
    // A selected reference is highlighted across its whole lines, label included.
    let whole_line_selected = pane == Pane::References
        && line
            .spans
            .iter()
            .any(|span| span.anchor.is_some() && span.anchor == selected_anchor);
    let style_of = |span: &layout::Span| {
        let style = role_style(app, theme, span);
        if whole_line_selected || (span.anchor.is_some() && span.anchor == selected_anchor) {
            style.patch(theme.selection)
        } else {
            style
        }
    };
    let marks: Vec<Mark> = match (pane, app.find()) {
        (Pane::Text, Some(find)) => {
            let current = find.current_match();
            find.on_line(index)
                .iter()
                .map(|m| Mark {
                    start: m.start,
                    end: m.end,
                    style: if Some(*m) == current {
                        theme.current_match
                    } else {
                        theme.find_match
                    },
                })
                .collect()
        }
        _ => Vec::new(),
    };
    let mut spans = Vec::with_capacity(line.spans.len());
    let mut column = 0;
    for span in &line.spans {
        let style = style_of(span);
        let width = span.width();
        if marks
            .iter()
            .all(|mark| mark.end <= column || mark.start >= column + width)
        {
            spans.push(Span::styled(span.text.as_str(), style));
        } else {
            split_by_marks(&span.text, column, style, &marks, &mut spans);
        }
        column += width;
    }
    Line::from(spans)
}

/// Cuts a run where marks begin and end, so each piece gets its own style.
fn split_by_marks<'a>(
    text: &'a str,
    mut column: usize,
    style: Style,
    marks: &[Mark],
    out: &mut Vec<Span<'a>>,
) {
    let mark_at = |column: usize| marks.iter().find(|m| (m.start..m.end).contains(&column));
    let mut piece_start = 0;
    let mut piece_style = None;
    for (offset, c) in text.char_indices() {
        let here = mark_at(column).map_or(style, |mark| style.patch(mark.style));
        if piece_style != Some(here) {
            if let Some(previous) = piece_style {
                out.push(Span::styled(&text[piece_start..offset], previous));
            }
            piece_start = offset;
            piece_style = Some(here);
        }
        column += c.width().unwrap_or(0);
    }
    if let Some(previous) = piece_style {
        out.push(Span::styled(&text[piece_start..], previous));
    }
}

fn role_style(app: &App, theme: &Theme, span: &layout::Span) -> Style {
    let page = app.page();
    let base = match span.style.role {
        Role::Body | Role::Quote | Role::Code => theme.text,
        Role::Title | Role::Heading(_) => theme.heading,
        Role::Label => theme.label,
        Role::Decoration => theme.decoration,
        Role::Caption => theme.caption,
        Role::DeadLink => theme.dead_link,
        Role::ExternalLink => theme.external_link,
        Role::Link => match span.anchor {
            Some(Anchor::Link(index))
                if !page.link_available.get(index).copied().unwrap_or(true) =>
            {
                theme.missing_link
            }
            _ => theme.link,
        },
        Role::Citation => match span.anchor {
            Some(Anchor::Citation(index))
                if page
                    .citations
                    .get(index)
                    .is_some_and(|citation| citation.reference.is_none()) =>
            {
                theme.missing_citation
            }
            _ => theme.citation,
        },
    };
    let mut modifiers = Modifier::empty();
    if span.style.bold {
        modifiers |= Modifier::BOLD;
    }
    if span.style.italic || span.style.role == Role::Quote {
        modifiers |= Modifier::ITALIC;
    }
    base.add_modifier(modifiers)
}
