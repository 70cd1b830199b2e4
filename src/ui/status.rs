//! The status line: where you are (title, the section at the top of the text, pane), what the
//! selection points at or the latest message, and how far down you are or which match of the
//! find; the find prompt while typing. Parts are shortened only when the line is full.

use crate::action::Action;
use crate::app::App;
use crate::app::overlay::Overlay;
use crate::keymap::Context;
use ratatui::Frame;
use ratatui::layout::Position;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// What the title and a message keep at least before anything else gives way.
const TITLE_FLOOR: usize = 12;
const SECTION_FLOOR: usize = 12;
const DETAIL_FLOOR: usize = 20;

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
    let right = truncate(&format!(" {} ", status.position), width);
    let detail = if status.detail.is_empty() {
        app.key_hint(Context::Browse, Action::Help)
            .map(|key| format!("{key} help"))
            .unwrap_or_default()
    } else {
        status.detail.clone()
    };
    let more = app
        .key_hint(Context::Browse, Action::Messages)
        .map(|key| format!(" ({key}: more)"))
        .unwrap_or_default();
    let parts = Parts {
        title: status.title.width(),
        section: status.section.as_deref().map_or(0, UnicodeWidthStr::width),
        pane: status.pane.width(),
        detail: detail.width(),
    };
    let fitted = fit(parts, width.saturating_sub(right.width()));
    let mut left = format!(" {}", truncate(&status.title, fitted.title));
    if fitted.section > 0
        && let Some(section) = &status.section
    {
        left.push_str(" › ");
        left.push_str(&truncate(section, fitted.section));
    }
    left.push_str(" │ ");
    if fitted.pane > 0 {
        left.push_str(status.pane);
        left.push_str(" │ ");
    }
    let room = width.saturating_sub(left.width() + right.width());
    // A message cut short, or one of several lines, says where to read it whole.
    let cut = status.is_message && (status.message_continues || detail.width() > room);
    let detail = if cut && more.width() < room {
        format!("{}{more}", truncate(&detail, room - more.width()))
    } else {
        truncate(&detail, room)
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

/// The widths of the status line's parts (0: left out).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Parts {
    title: usize,
    section: usize,
    pane: usize,
    detail: usize,
}

impl Parts {
    /// The columns the left side and the detail take: ` title › section │ pane │ detail`.
    fn width(self) -> usize {
        let section = if self.section > 0 {
            self.section + 3
        } else {
            0
        };
        let pane = if self.pane > 0 { self.pane + 3 } else { 0 };
        1 + self.title + section + 3 + pane + self.detail
    }
}

/// Shortens the parts only as far as `room` needs, giving way in this order: the section to a
/// few words, the detail to a few words, the title to a few words, the section, the pane,
/// then the detail and the title entirely.
fn fit(wanted: Parts, room: usize) -> Parts {
    let mut parts = wanted;
    let steps: [fn(&mut Parts) -> &mut usize; 7] = [
        |p| &mut p.section,
        |p| &mut p.detail,
        |p| &mut p.title,
        |p| &mut p.section,
        |p| &mut p.pane,
        |p| &mut p.detail,
        |p| &mut p.title,
    ];
    let floors = [SECTION_FLOOR, DETAIL_FLOOR, TITLE_FLOOR, 0, 0, 0, 1];
    for (step, floor) in steps.into_iter().zip(floors) {
        let excess = parts.width().saturating_sub(room);
        if excess == 0 {
            break;
        }
        let part = step(&mut parts);
        let floor = floor.min(*part);
        // A part given up whole (floor 0) goes with its separator.
        *part = if floor == 0 || *part - floor <= excess {
            floor
        } else {
            *part - excess
        };
    }
    parts
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

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(title: usize, section: usize, pane: usize, detail: usize) -> Parts {
        Parts {
            title,
            section,
            pane,
            detail,
        }
    }

    #[test]
    fn nothing_is_shortened_while_it_fits() {
        let wanted = parts(25, 0, 4, 6);
        assert_eq!(fit(wanted, 75), wanted);
    }

    #[test]
    fn the_title_gives_way_only_after_the_section_and_the_detail() {
        let wanted = parts(25, 20, 10, 60);
        let fitted = fit(wanted, 80);
        assert_eq!(fitted.width(), 80);
        assert_eq!((fitted.title, fitted.section), (25, 12));
        let fitted = fit(wanted, 60);
        assert!(fitted.width() <= 60);
        assert_eq!(fitted.detail, 20);
        assert!(fitted.title < 25);
    }

    #[test]
    fn a_tiny_line_keeps_some_title() {
        let fitted = fit(parts(25, 9, 4, 6), 15);
        assert!(fitted.width() <= 15, "{fitted:?}");
        assert!(fitted.title > 0);
        assert_eq!((fitted.section, fitted.pane, fitted.detail), (0, 0, 0));
    }
}
