//! The status line: where you are (title, the section being read, pane), what the selection
//! points at or the latest message, and how far down you are or which match of the find; the
//! find prompt while typing. Parts are shortened only when the line is full.

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
/// What the position keeps beside a message (` 13% `, ` 2 of 14 `), unless the line is narrower
/// than `NARROW`.
const POSITION_FLOOR: usize = 10;
const NARROW: usize = 40;

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
    let more = app
        .key_hint(Context::Browse, Action::Messages)
        .map(|key| format!(" ({key}: more)"))
        .unwrap_or_default();
    let detail_is = if status.is_message {
        Detail::Message { more: more.width() }
    } else if status.detail.is_empty() {
        Detail::Hint
    } else {
        Detail::Selection
    };
    let detail = if status.detail.is_empty() {
        app.key_hint(Context::Browse, Action::Help)
            .map(|key| format!("{key} help"))
            .unwrap_or_default()
    } else {
        status.detail.clone()
    };
    // On a narrow line a long position (a find's) gives way to a message's first words and a
    // few letters of the title before them; on a very narrow one, wholly.
    let right_room = if let Detail::Message { more } = detail_is {
        let message = detail.width().min(DETAIL_FLOOR + more);
        let left = 1 + TITLE_FLOOR / 2 + " │ ".width() + message;
        let floor = if width >= NARROW { POSITION_FLOOR } else { 0 };
        width.saturating_sub(left).max(floor)
    } else {
        width
    };
    let right = truncate(&format!(" {} ", status.position), right_room);
    let parts = Parts {
        title: status.title.width(),
        section: status.section.as_deref().map_or(0, UnicodeWidthStr::width),
        pane: status.pane.width(),
        detail: detail.width(),
    };
    let fitted = fit(parts, width.saturating_sub(right.width()), detail_is);
    let mut left = format!(" {}", truncate(&status.title, fitted.title));
    if fitted.section > 0
        && let Some(section) = &status.section
    {
        left.push_str(" › ");
        left.push_str(&truncate(section, fitted.section));
    }
    if fitted.pane > 0 {
        left.push_str(" │ ");
        left.push_str(status.pane);
    }
    if fitted.detail > 0 {
        left.push_str(" │ ");
    }
    let room = width.saturating_sub(left.width() + right.width());
    // A message cut short, or one of several lines, says where to read it whole.
    let cut = status.is_message && (status.message_continues || detail.width() > room);
    let detail = if fitted.detail == 0 {
        String::new()
    } else if cut && more.width() < room {
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

/// What the detail part is, which decides how soon it gives way.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Detail {
    /// The help hint, shown when there is nothing else to say.
    Hint,
    /// What the selection points at.
    Selection,
    /// The latest message; `more` columns say where to read it whole when it is cut.
    Message { more: usize },
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
        let with_separator = |part: usize| if part > 0 { part + 3 } else { 0 };
        1 + self.title
            + with_separator(self.section)
            + with_separator(self.pane)
            + with_separator(self.detail)
    }
}

/// One of the parts, for `fit` to shorten.
type PartOf = fn(&mut Parts) -> &mut usize;
/// A part and the width it may shrink to (`None`: it goes whole, with its separator).
type Step = (PartOf, Option<usize>);

/// Shortens the parts only as far as `room` needs, giving way in this order: the section to a
/// few words, the detail to a few words, the title to a few words (a message keeps its words
/// longer than the title), the pane, the title to a word, the section, then the detail and
/// the title entirely.
fn fit(wanted: Parts, room: usize, detail_is: Detail) -> Parts {
    let mut parts = wanted;
    let detail: PartOf = |p| &mut p.detail;
    let title: PartOf = |p| &mut p.title;
    // A floor of `None`: the part goes whole, with its separator.
    let (second, third) = match detail_is {
        Detail::Message { more } => (
            (title, Some(TITLE_FLOOR)),
            (detail, Some(DETAIL_FLOOR + more)),
        ),
        Detail::Selection => ((detail, Some(DETAIL_FLOOR)), (title, Some(TITLE_FLOOR))),
        Detail::Hint => ((title, Some(TITLE_FLOOR)), (detail, None)),
    };
    let steps: [Step; 8] = [
        (|p| &mut p.section, Some(SECTION_FLOOR)),
        second,
        third,
        (|p| &mut p.pane, None),
        (title, Some(TITLE_FLOOR / 2)),
        (|p| &mut p.section, None),
        (detail, Some(0)),
        (title, Some(1)),
    ];
    for (step, floor) in steps {
        let excess = parts.width().saturating_sub(room);
        if excess == 0 {
            break;
        }
        let part = step(&mut parts);
        *part = match floor {
            None => 0,
            Some(floor) => part.saturating_sub(excess).max(floor.min(*part)),
        };
    }
    // What a part given up whole left over goes back to the title.
    let spare = room.saturating_sub(parts.width());
    parts.title = (parts.title + spare).min(wanted.title);
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
pub fn truncate_start(text: &str, width: usize) -> String {
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
        assert_eq!(fit(wanted, 75, Detail::Hint), wanted);
    }

    #[test]
    fn the_title_gives_way_only_after_the_section_and_the_detail() {
        let wanted = parts(25, 20, 10, 60);
        let fitted = fit(wanted, 80, Detail::Selection);
        assert_eq!(fitted.width(), 80);
        assert_eq!((fitted.title, fitted.section), (25, 12));
        let fitted = fit(wanted, 60, Detail::Selection);
        assert!(fitted.width() <= 60);
        assert_eq!(fitted.detail, 20);
        assert!(fitted.title < 25);
        // A message keeps more of itself, the title gives way first.
        let fitted = fit(wanted, 80, Detail::Message { more: 0 });
        assert_eq!(fitted.width(), 80);
        assert_eq!(fitted.title, TITLE_FLOOR);
    }

    #[test]
    fn a_tiny_line_keeps_some_title() {
        let fitted = fit(parts(25, 9, 4, 6), 15, Detail::Hint);
        assert!(fitted.width() <= 15, "{fitted:?}");
        assert!(fitted.title > 0);
        assert_eq!((fitted.section, fitted.pane, fitted.detail), (0, 0, 0));
    }
}
