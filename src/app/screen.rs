//! Where each pane goes at a terminal size: computed in `App::update` on every resize, so
//! drawing, paging and mouse hit-testing all use the same rectangles.

use super::Pane;
use ratatui::layout::Rect;

/// Below this the browser only says the terminal is too small.
pub const MIN_WIDTH: u16 = 20;
pub const MIN_HEIGHT: u16 = 6;
/// From this width the infobox and references stand beside the text.
const SIDE_BY_SIDE_WIDTH: u16 = 100;
/// From this many rows (status line excluded) a side pane fits under the text.
const STACKED_ROWS: u16 = 16;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Arrangement {
    #[default]
    TooSmall,
    /// Text on the left, infobox above references on the right.
    SideBySide,
    /// Text above one side pane (the focused one, or the last one focused).
    Stacked,
    /// Only the focused pane.
    Single,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Screen {
    pub area: Rect,
    pub arrangement: Arrangement,
    /// Each pane's frame (borders included), by `Pane::index`; `None` when folded away.
    pub panes: [Option<Rect>; 3],
    pub status: Rect,
    /// Where help, contents, search and info are drawn.
    pub overlay: Rect,
}

/// What the arrangement depends on besides the size.
pub struct Contents<F: Fn(u16) -> usize> {
    pub focus: Pane,
    /// The side pane shown under the text when the text is focused on a stacked screen.
    pub side: Pane,
    pub has_infobox: bool,
    pub has_references: bool,
    /// The side panes are hidden: the focused pane has the whole screen.
    pub zoomed: bool,
    /// How many lines the infobox takes at an inner width.
    pub infobox_lines: F,
}

impl Screen {
    pub fn pane(&self, pane: Pane) -> Option<Rect> {
        self.panes[pane.index()]
    }

    /// The area inside a pane's frame where its lines go.
    pub fn inner(&self, pane: Pane) -> Option<Rect> {
        self.pane(pane).map(inner)
    }

    /// The pane whose frame holds a cell.
    pub fn pane_at(&self, column: u16, row: u16) -> Option<Pane> {
        Pane::ALL.into_iter().find(|&pane| {
            self.pane(pane)
                .is_some_and(|rect| rect.contains((column, row).into()))
        })
    }
}

/// The inside of a pane's frame: one row of border above and below, a border and a space of
/// padding left and right.
pub fn inner(frame: Rect) -> Rect {
    Rect {
        x: frame.x.saturating_add(2),
        y: frame.y.saturating_add(1),
        width: frame.width.saturating_sub(4),
        height: frame.height.saturating_sub(2),
    }
}

pub fn arrange<F: Fn(u16) -> usize>(width: u16, height: u16, contents: &Contents<F>) -> Screen {
    let area = Rect::new(0, 0, width, height);
    if width < MIN_WIDTH || height < MIN_HEIGHT {
        return Screen {
            area,
            ..Screen::default()
        };
    }
    let body = Rect::new(0, 0, width, height - 1);
    let status = Rect::new(0, height - 1, width, 1);
    let overlay_width = width.saturating_sub(4).clamp(MIN_WIDTH - 2, 96);
    let overlay_height = body.height.saturating_sub(2).max(MIN_HEIGHT - 2);
    let overlay = Rect::new(
        (width - overlay_width) / 2,
        (body.height - overlay_height) / 2,
        overlay_width,
        overlay_height,
    );
    let mut panes = [None; 3];
    let has_side = contents.has_infobox || contents.has_references;
    let arrangement = if contents.zoomed {
        Arrangement::Single
    } else if width >= SIDE_BY_SIDE_WIDTH && has_side {
        Arrangement::SideBySide
    } else if body.height >= STACKED_ROWS && has_side {
        Arrangement::Stacked
    } else {
        Arrangement::Single
    };
    match arrangement {
        Arrangement::SideBySide => {
            let side_width = (width * 2 / 5).clamp(36, 60);
            let text = Rect::new(0, 0, width - side_width, body.height);
            panes[Pane::Text.index()] = Some(text);
            let column = Rect::new(text.width, 0, side_width, body.height);
            match (contents.has_infobox, contents.has_references) {
                (true, true) => {
                    let wanted = (contents.infobox_lines)(inner(column).width) + 2;
                    let infobox_height = u16::try_from(wanted)
                        .unwrap_or(u16::MAX)
                        .min(column.height / 2)
                        .max(3);
                    let (top, bottom) = split_rows(column, infobox_height);
                    panes[Pane::Infobox.index()] = Some(top);
                    panes[Pane::References.index()] = Some(bottom);
                }
                (true, false) => panes[Pane::Infobox.index()] = Some(column),
                _ => panes[Pane::References.index()] = Some(column),
            }
        }
        Arrangement::Stacked => {
            let shown = match contents.focus {
                Pane::Text => contents.side,
                side => side,
            };
            let shown = match shown {
                Pane::Infobox if !contents.has_infobox => Pane::References,
                Pane::References if !contents.has_references => Pane::Infobox,
                other => other,
            };
            let side_height = (body.height * 2 / 5).max(5);
            let (top, bottom) = split_rows(body, body.height - side_height);
            panes[Pane::Text.index()] = Some(top);
            panes[shown.index()] = Some(bottom);
        }
        Arrangement::Single | Arrangement::TooSmall => {
            panes[contents.focus.index()] = Some(body);
        }
    }
    Screen {
        area,
        arrangement,
        panes,
        status,
        overlay,
    }
}

fn split_rows(rect: Rect, top_height: u16) -> (Rect, Rect) {
    let top = Rect {
        height: top_height.min(rect.height),
        ..rect
    };
    let bottom = Rect {
        y: rect.y + top.height,
        height: rect.height - top.height,
        ..rect
    };
    (top, bottom)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn contents(focus: Pane) -> Contents<impl Fn(u16) -> usize> {
        Contents {
            focus,
            side: Pane::References,
            has_infobox: true,
            has_references: true,
            zoomed: false,
            infobox_lines: |_| 5,
        }
    }

    #[test]
    fn a_wide_terminal_puts_the_side_panes_beside_the_text() {
        let screen = arrange(120, 40, &contents(Pane::Text));
        assert_eq!(screen.arrangement, Arrangement::SideBySide);
        assert_eq!(screen.pane(Pane::Text), Some(Rect::new(0, 0, 72, 39)));
        assert_eq!(screen.pane(Pane::Infobox), Some(Rect::new(72, 0, 48, 7)));
        assert_eq!(
            screen.pane(Pane::References),
            Some(Rect::new(72, 7, 48, 32))
        );
        assert_eq!(screen.status, Rect::new(0, 39, 120, 1));
    }

    #[test]
    fn a_narrow_terminal_stacks_the_focused_side_pane_under_the_text() {
        let screen = arrange(80, 24, &contents(Pane::Infobox));
        assert_eq!(screen.arrangement, Arrangement::Stacked);
        assert!(screen.pane(Pane::References).is_none());
        let text = screen.pane(Pane::Text).map(|r| r.width);
        assert_eq!(text, Some(80));
        assert!(screen.pane(Pane::Infobox).is_some());
    }

    #[test]
    fn a_short_terminal_shows_only_the_focused_pane() {
        let screen = arrange(60, 10, &contents(Pane::References));
        assert_eq!(screen.arrangement, Arrangement::Single);
        assert_eq!(screen.pane(Pane::References), Some(Rect::new(0, 0, 60, 9)));
        assert!(screen.pane(Pane::Text).is_none());
    }

    #[test]
    fn zoomed_the_focused_pane_has_the_whole_screen() {
        let zoomed = Contents {
            zoomed: true,
            ..contents(Pane::Text)
        };
        let screen = arrange(120, 40, &zoomed);
        assert_eq!(screen.arrangement, Arrangement::Single);
        assert_eq!(screen.pane(Pane::Text), Some(Rect::new(0, 0, 120, 39)));
        assert!(screen.pane(Pane::References).is_none());
        assert_eq!(arrange(19, 30, &zoomed).arrangement, Arrangement::TooSmall);
    }

    #[test]
    fn a_tiny_terminal_has_no_panes() {
        let screen = arrange(19, 30, &contents(Pane::Text));
        assert_eq!(screen.arrangement, Arrangement::TooSmall);
        assert_eq!(screen.panes, [None; 3]);
        assert_eq!(
            arrange(80, 5, &contents(Pane::Text)).arrangement,
            Arrangement::TooSmall
        );
    }

    #[test]
    fn hit_testing_finds_the_pane_under_a_cell() {
        let screen = arrange(120, 40, &contents(Pane::Text));
        assert_eq!(screen.pane_at(10, 10), Some(Pane::Text));
        assert_eq!(screen.pane_at(100, 3), Some(Pane::Infobox));
        assert_eq!(screen.pane_at(100, 20), Some(Pane::References));
        assert_eq!(screen.pane_at(100, 39), None);
    }
}
