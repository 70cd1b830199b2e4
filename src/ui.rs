//! Drawing: `render(&App, &mut Frame)` reads the state and the cached pane lines and draws
//! them. Nothing here changes the state or computes a layout of the article.

mod lines;
mod overlay;
mod status;
mod text_search;

use crate::action::Action;
use crate::app::screen::{Arrangement, MIN_HEIGHT, MIN_WIDTH};
use crate::app::{App, Pane};
use crate::keymap::Context;
use ratatui::Frame;
use ratatui::layout::{Alignment, Margin};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Scrollbar, ScrollbarOrientation, ScrollbarState, Wrap};
use unicode_width::UnicodeWidthStr;

pub fn render(app: &App, frame: &mut Frame) {
    let screen = app.screen();
    if screen.arrangement == Arrangement::TooSmall {
        let notice = Paragraph::new(vec![
            Line::from("Terminal too small"),
            Line::from(format!("(at least {MIN_WIDTH}×{MIN_HEIGHT})")),
        ])
        .alignment(Alignment::Center)
        .wrap(Wrap { trim: true });
        frame.render_widget(notice, frame.area());
        return;
    }
    for pane in Pane::ALL {
        render_pane(app, frame, pane);
    }
    status::render(app, frame);
    if let Some(overlay) = app.overlay() {
        overlay::render(app, overlay, frame);
    }
}

fn render_pane(app: &App, frame: &mut Frame, pane: Pane) {
    let screen = app.screen();
    let (Some(area), Some(inner)) = (screen.pane(pane), screen.inner(pane)) else {
        return;
    };
    let theme = app.theme();
    let focused = app.focus() == pane;
    let article = &app.page().article;
    let name = match pane {
        Pane::Text => app.page().title().to_string(),
        Pane::Infobox => "Infobox".to_string(),
        Pane::References => format!("References ({})", article.references.len()),
    };
    // When side panes are folded or hidden, say how to reach them (with the keys in force).
    let has_side = !article.infobox.is_empty() || !article.references.is_empty();
    let next_pane = app
        .key_hint(Context::Browse, Action::FocusNext)
        .map(|key| format!("{key}: next pane"));
    let zoom = app
        .key_hint(Context::Browse, Action::Zoom)
        .map(|key| format!("{key}: side panes"));
    let hints: Vec<String> = match (screen.arrangement, pane) {
        (Arrangement::Single, _) if app.zoomed() && has_side => {
            next_pane.into_iter().chain(zoom).collect()
        }
        (Arrangement::Stacked, Pane::Infobox | Pane::References) => next_pane.into_iter().collect(),
        (Arrangement::Single, _) if has_side => next_pane.into_iter().collect(),
        _ => Vec::new(),
    };
    let title = if hints.is_empty() {
        format!(" {name} ")
    } else {
        // The hints are what the frame is for; the name (also on the status line) gives way.
        let hints = hints.join(" · ");
        let room = usize::from(area.width).saturating_sub(hints.width() + 7);
        if room < 6 {
            format!(" {hints} ")
        } else {
            format!(" {} · {hints} ", status::truncate(&name, room))
        }
    };
    let border = if focused {
        theme.focused_border
    } else {
        theme.border
    };
    let block = Block::bordered()
        .border_style(border)
        .title(Span::styled(title, border));
    frame.render_widget(block, area);
    let Some(pane_lines) = app.pane_lines(pane) else {
        return;
    };
    let scroll = app.scroll(pane);
    let height = usize::from(inner.height);
    let shown = pane_lines
        .layout
        .lines
        .iter()
        .enumerate()
        .skip(scroll)
        .take(height)
        .map(|(index, line)| lines::styled(app, pane, index, line))
        .collect::<Vec<_>>();
    frame.render_widget(Paragraph::new(shown), inner);
    if pane_lines.len() > height {
        let mut state = ScrollbarState::new(pane_lines.len().saturating_sub(height))
            .position(scroll)
            .viewport_content_length(height);
        let scrollbar = Scrollbar::new(ScrollbarOrientation::VerticalRight)
            .begin_symbol(None)
            .end_symbol(None)
            .track_symbol(Some("│"))
            .thumb_style(border)
            .track_style(theme.border);
        frame.render_stateful_widget(
            scrollbar,
            area.inner(Margin {
                horizontal: 0,
                vertical: 1,
            }),
            &mut state,
        );
    }
}
