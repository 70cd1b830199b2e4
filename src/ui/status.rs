//! The status line: where you are (title, pane), what the selection points at or the latest
//! message, and how far down you are or which match of the find; the find prompt while typing.

use crate::app::App;
use crate::app::overlay::Overlay;
use ratatui::Frame;
use ratatui::layout::Position;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

pub fn render(app: &App, frame: &mut Frame) {
    let area = app.screen().status;
    let theme = app.theme();
    let status = app.status();
    let width = usize::from(area.width);
    if let Some(Overlay::Find(prompt)) = app.overlay() {
        let right = format!(" {} ", status.position);
        let left = format!("/{}", prompt.query);
        let room = width.saturating_sub(right.width() + 1);
        let shown = truncate_start(&left, room);
        let line = Line::from(vec![
            Span::styled(format!("{shown:<room$} "), theme.status),
            Span::styled(right, theme.status),
        ]);
        frame.render_widget(Paragraph::new(line), area);
        let cursor = u16::try_from(shown.width()).unwrap_or(area.width);
        frame.set_cursor_position(Position::new(area.x + cursor.min(area.width - 1), area.y));
        return;
    }
    // On a narrow screen the title gets less room, to keep some for what the selection
    // points at.
    let title_room = if width < 60 { width / 5 } else { width / 4 };
    let title = truncate(&status.title, title_room.max(6));
    let left = format!(" {title} │ {} │ ", status.pane);
    let right = format!(" {} ", status.position);
    let room = width.saturating_sub(left.width() + right.width());
    let detail = if status.detail.is_empty() {
        truncate("? help", room)
    } else {
        truncate(&status.detail, room)
    };
    let detail_style = if status.is_message {
        theme.message
    } else {
        theme.status
    };
    let padding = room.saturating_sub(detail.width());
    let line = Line::from(vec![
        Span::styled(left, theme.status),
        Span::styled(detail, detail_style),
        Span::styled(" ".repeat(padding), theme.status),
        Span::styled(right, theme.status),
    ]);
    frame.render_widget(Paragraph::new(line), area);
}

/// The start of `text` that fits in `width` columns, with `…` when cut.
pub fn truncate(text: &str, width: usize) -> String {
    if text.width() <= width {
        return text.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        out.push(c);
        used += w;
    }
    if width > 0 {
        out.push('…');
    }
    out
}

/// The end of `text` that fits in `width` columns (a long prompt shows what is being typed).
fn truncate_start(text: &str, width: usize) -> String {
    let mut kept: Vec<char> = Vec::new();
    let mut used = 0;
    for c in text.chars().rev() {
        let w = c.width().unwrap_or(0);
        if used + w > width {
            break;
        }
        kept.push(c);
        used += w;
    }
    kept.into_iter().rev().collect()
}
