//! What is drawn over the panes, each with its own small state: a sheet to read (help, info), a
//! list to pick from (contents, title search), the find prompt. And the find itself.

use crate::layout::Layout;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Overlay {
    Help(Sheet),
    Info(Sheet),
    Contents(Picker<ContentsEntry>),
    Search(TitleSearch),
    Find(FindPrompt),
}

/// Rows to read (help, info), wrapped to the overlay's width, scrolled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sheet {
    pub title: &'static str,
    pub rows: Vec<Row>,
    /// The rows wrapped at `width`: recomputed when the sheet opens and on resize.
    pub lines: Vec<Row>,
    /// The width of the first column.
    pub key_width: usize,
    pub width: usize,
    pub scroll: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Row {
    Heading(String),
    /// Two columns: keys and what they do, or a fact's name and value.
    Entry(String, String),
    Blank,
}

impl Sheet {
    pub fn new(title: &'static str, rows: Vec<Row>, width: usize) -> Sheet {
        let mut sheet = Sheet {
            title,
            rows,
            lines: Vec::new(),
            key_width: 0,
            width: 0,
            scroll: 0,
        };
        sheet.wrap(width);
        sheet
    }

    /// Wraps the second column so the rows fit `width`; continuation lines have no key.
    pub fn wrap(&mut self, width: usize) {
        self.width = width;
        self.key_width = self
            .rows
            .iter()
            .map(|row| match row {
                Row::Entry(key, _) => key.width(),
                _ => 0,
            })
            .max()
            .unwrap_or(0)
            .min(width / 3);
        let text_width = width.saturating_sub(self.key_width + 2).max(8);
        self.lines.clear();
        for row in &self.rows {
            match row {
                Row::Entry(key, text) => {
                    for (index, piece) in textwrap::wrap(text, text_width).into_iter().enumerate() {
                        let key = if index == 0 {
                            key.clone()
                        } else {
                            String::new()
                        };
                        self.lines.push(Row::Entry(key, piece.into_owned()));
                    }
                }
                other => self.lines.push(other.clone()),
            }
        }
        self.scroll = self.scroll.min(self.lines.len().saturating_sub(1));
    }

    pub fn scroll_by(&mut self, delta: isize, visible: usize) {
        let last = self.lines.len().saturating_sub(visible);
        self.scroll = self.scroll.saturating_add_signed(delta).min(last);
    }
}

/// A list with one entry highlighted, scrolled so it stays in view.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Picker<T> {
    pub items: Vec<T>,
    pub selected: usize,
    pub offset: usize,
}

impl<T> Picker<T> {
    pub fn new(items: Vec<T>) -> Picker<T> {
        Picker {
            items,
            selected: 0,
            offset: 0,
        }
    }

    pub fn current(&self) -> Option<&T> {
        self.items.get(self.selected)
    }

    /// Moves the highlight by `delta` entries, clamped, keeping it in a view of `visible` rows.
    pub fn move_by(&mut self, delta: isize, visible: usize) {
        let last = self.items.len().saturating_sub(1);
        self.select(
            self.selected.saturating_add_signed(delta).min(last),
            visible,
        );
    }

    pub fn select(&mut self, index: usize, visible: usize) {
        self.selected = index.min(self.items.len().saturating_sub(1));
        let visible = visible.max(1);
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if self.selected >= self.offset + visible {
            self.offset = self.selected + 1 - visible;
        }
    }
}

/// One line of the table of contents: a heading, or the top of the article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContentsEntry {
    pub level: u8,
    pub heading: String,
    /// The section it jumps to; `None` for the top.
    pub section: Option<usize>,
}

/// The title search: what is typed and the titles that match it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TitleSearch {
    pub query: String,
    pub results: Picker<String>,
}

/// The find being typed, and where the text was when it started (Esc goes back there).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FindPrompt {
    pub query: String,
    pub origin_scroll: usize,
}

/// Where a find matched: a line of the text pane and the columns of the match.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Match {
    pub line: usize,
    pub start: usize,
    pub end: usize,
}

/// A find and its matches in the text pane's current layout.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Find {
    pub query: String,
    pub matches: Vec<Match>,
    pub current: usize,
}

impl Find {
    pub fn current_match(&self) -> Option<Match> {
        self.matches.get(self.current).copied()
    }

    /// The matches on one line, for drawing.
    pub fn on_line(&self, line: usize) -> &[Match] {
        let start = self.matches.partition_point(|m| m.line < line);
        let end = self.matches.partition_point(|m| m.line <= line);
        &self.matches[start..end]
    }
}

/// Every match of `query` in the lines, by display column. Case is ignored unless the query has
/// a capital letter (as in less and vim's smartcase).
pub fn find_matches(layout: &Layout, query: &str) -> Vec<Match> {
    let case_sensitive = query.chars().any(char::is_uppercase);
    let fold = |c: char| {
        if case_sensitive {
            c
        } else {
            c.to_lowercase().next().unwrap_or(c)
        }
    };
    let needle: Vec<char> = query.chars().map(fold).collect();
    if needle.is_empty() {
        return Vec::new();
    }
    let mut matches = Vec::new();
    let mut haystack: Vec<char> = Vec::new();
    let mut columns: Vec<usize> = Vec::new();
    for (line_index, line) in layout.lines.iter().enumerate() {
        haystack.clear();
        columns.clear();
        let mut column = 0;
        for span in &line.spans {
            for c in span.text.chars() {
                haystack.push(fold(c));
                columns.push(column);
                column += c.width().unwrap_or(0);
            }
        }
        columns.push(column);
        let mut start = 0;
        while start + needle.len() <= haystack.len() {
            if haystack[start..start + needle.len()] == needle[..] {
                matches.push(Match {
                    line: line_index,
                    start: columns[start],
                    end: columns[start + needle.len()],
                });
                start += needle.len();
            } else {
                start += 1;
            }
        }
    }
    matches
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::{Line, Role, Span, Style};

    fn layout(lines: &[&str]) -> Layout {
        Layout {
            width: 40,
            lines: lines
                .iter()
                .map(|text| Line {
                    spans: vec![Span::new(*text, Style::of(Role::Body))],
                })
                .collect(),
        }
    }

    #[test]
    fn matches_ignore_case_unless_the_query_has_capitals() {
        let text = layout(&["Camp Ashraf camp", "no"]);
        assert_eq!(find_matches(&text, "camp").len(), 2);
        assert_eq!(
            find_matches(&text, "Camp"),
            [Match {
                line: 0,
                start: 0,
                end: 4
            }]
        );
    }

    #[test]
    fn matches_are_in_display_columns() {
        let text = layout(&["日本 camp"]);
        assert_eq!(
            find_matches(&text, "camp"),
            [Match {
                line: 0,
                start: 5,
                end: 9
            }]
        );
    }

    #[test]
    fn the_picker_keeps_its_highlight_in_view() {
        let mut picker = Picker::new((0..10).collect::<Vec<_>>());
        picker.move_by(5, 3);
        assert_eq!((picker.selected, picker.offset), (5, 3));
        picker.move_by(-5, 3);
        assert_eq!((picker.selected, picker.offset), (0, 0));
        picker.move_by(100, 3);
        assert_eq!((picker.selected, picker.offset), (9, 7));
    }
}
