//! The full-text search overlay's body: the words typed, a rule, and the pages found, each its
//! title and its snippet on up to two lines with the matched words highlighted.

use super::status::truncate;
use crate::app::App;
use crate::app::text_search::{ROWS_PER_HIT, TextSearch};
use crate::wiki::snippet::Snippet;
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// How many lines a snippet is given under its title.
const SNIPPET_LINES: usize = ROWS_PER_HIT - 1;

pub fn render(app: &App, search: &TextSearch, area: Rect, frame: &mut Frame) {
    let theme = app.theme();
    let prompt = format!("Words: {}", search.query);
    let row = |y: u16, height: u16| Rect { y, height, ..area };
    let query_row = row(area.y, area.height.min(1));
    let rule_row = row(area.y + 1, area.height.saturating_sub(1).min(1));
    let mut list = row(area.y + 2, area.height.saturating_sub(2));
    frame.render_widget(Paragraph::new(prompt.as_str()), query_row);
    let rule = "─".repeat(usize::from(area.width));
    frame.render_widget(Paragraph::new(Span::styled(rule, theme.border)), rule_row);
    let cursor = u16::try_from(prompt.width()).unwrap_or(u16::MAX);
    frame.set_cursor_position(Position::new(
        query_row.x + cursor.min(query_row.width.saturating_sub(1)),
        query_row.y,
    ));
    let width = usize::from(area.width);
    // What went wrong stays on the last row, under whatever was found.
    if let Some(problem) = search.problems.first() {
        let more = match search.problems.len() {
            1 => String::new(),
            n => format!(" (and {} more)", n - 1),
        };
        let last = row(list.y + list.height.saturating_sub(1), list.height.min(1));
        let said = Span::styled(
            truncate(&format!("{problem}{more}"), width),
            theme.dead_link,
        );
        frame.render_widget(Paragraph::new(said), last);
        list.height = list.height.saturating_sub(1);
    }
    if search.results.items.is_empty() {
        let none = match (search.searching, &search.asked) {
            (true, _) => "searching…",
            (false, None) => "Enter searches the live wikis' full text",
            (false, Some(_)) if search.problems.is_empty() => "no page matches",
            (false, Some(_)) => "",
        };
        let none = Span::styled(truncate(none, width), theme.decoration);
        frame.render_widget(Paragraph::new(none), list);
        return;
    }
    let mut lines = Vec::new();
    let shown = usize::from(list.height) / ROWS_PER_HIT;
    for (index, hit) in search
        .results
        .items
        .iter()
        .enumerate()
        .skip(search.results.offset)
        .take(shown.max(1))
    {
        let style = if index == search.results.selected {
            theme.selection
        } else {
            theme.heading
        };
        let title = truncate(&hit.title, width);
        let padding = " ".repeat(width.saturating_sub(title.width()));
        lines.push(Line::from(vec![
            Span::styled(title, style),
            Span::styled(padding, style),
        ]));
        let mut snippet = wrap(&hit.snippet, width, SNIPPET_LINES)
            .into_iter()
            .map(|pieces| {
                Line::from(
                    pieces
                        .into_iter()
                        .map(|(text, matched)| {
                            let style = if matched {
                                theme.find_match
                            } else {
                                theme.text
                            };
                            Span::styled(text, style)
                        })
                        .collect::<Vec<_>>(),
                )
            })
            .collect::<Vec<_>>();
        snippet.resize_with(SNIPPET_LINES, Line::default);
        lines.extend(snippet);
    }
    frame.render_widget(Paragraph::new(lines), list);
}

/// A snippet's pieces broken into at most `most` lines of `width` columns, at spaces where it
/// can (anywhere in a word longer than a line); what does not fit ends the last line with `…`.
fn wrap(snippet: &Snippet, width: usize, most: usize) -> Vec<Vec<(String, bool)>> {
    let mut lines: Vec<Vec<(String, bool)>> = vec![Vec::new()];
    let mut used = 0;
    // The words, each with its pieces: a word may be part matched ("Ashraf's").
    let mut words: Vec<Vec<(String, bool)>> = vec![Vec::new()];
    for piece in &snippet.pieces {
        for (at, part) in piece.text.split(' ').enumerate() {
            if at > 0 {
                words.push(Vec::new());
            }
            if !part.is_empty()
                && let Some(word) = words.last_mut()
            {
                word.push((part.to_string(), piece.matched));
            }
        }
    }
    let mut cut = false;
    'words: for word in words.into_iter().filter(|word| !word.is_empty()) {
        let word_width: usize = word.iter().map(|(text, _)| text.width()).sum();
        let space = usize::from(used > 0);
        if used + space + word_width > width && used > 0 {
            if lines.len() == most {
                cut = true;
                break;
            }
            lines.push(Vec::new());
            used = 0;
        } else if used > 0 {
            push(&mut lines, " ", false);
            used += 1;
        }
        for (text, matched) in word {
            for c in text.chars() {
                let w = c.width().unwrap_or(0);
                if used + w > width {
                    if lines.len() == most {
                        cut = true;
                        break 'words;
                    }
                    lines.push(Vec::new());
                    used = 0;
                }
                push(&mut lines, c.encode_utf8(&mut [0; 4]), matched);
                used += w;
            }
        }
    }
    if cut && let Some(last) = lines.last_mut() {
        // Room for the ellipsis: the last line gives up its last characters.
        let mut text: String = last.iter().map(|(text, _)| text.as_str()).collect();
        while text.width() + 1 > width && text.pop().is_some() {}
        let mut kept = Vec::new();
        let mut left = text.len();
        for (piece, matched) in last.drain(..) {
            let take = piece.len().min(left);
            left -= take;
            if take > 0 {
                kept.push((piece[..take].to_string(), matched));
            }
        }
        kept.push(("…".to_string(), false));
        *last = kept;
    }
    lines
}

/// Appends text to the last line, to its last piece when that is of the same kind.
fn push(lines: &mut [Vec<(String, bool)>], text: &str, matched: bool) {
    let Some(line) = lines.last_mut() else {
        return;
    };
    match line.last_mut() {
        Some((last, kind)) if *kind == matched => last.push_str(text),
        _ => line.push((text.to_string(), matched)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(lines: &[Vec<(String, bool)>]) -> Vec<String> {
        lines
            .iter()
            .map(|line| line.iter().map(|(text, _)| text.as_str()).collect())
            .collect()
    }

    #[test]
    fn snippets_wrap_at_spaces_keep_their_matches_and_end_in_an_ellipsis() {
        let snippet = Snippet::from_html(
            r#"the <span class="searchmatch">massacre</span> at the camp in 2013 was reported widely"#,
        );
        let lines = wrap(&snippet, 16, 2);
        assert_eq!(text(&lines), ["the massacre at", "the camp in 201…"]);
        assert!(
            lines[0].contains(&("massacre".to_string(), true)),
            "{lines:?}"
        );
        assert!(
            lines
                .iter()
                .all(|line| line.iter().map(|(t, _)| t.width()).sum::<usize>() <= 16)
        );
    }

    #[test]
    fn a_word_longer_than_the_line_is_broken() {
        let snippet = Snippet::from_html("abcdefghijklmnop qr");
        assert_eq!(text(&wrap(&snippet, 6, 3)), ["abcdef", "ghijkl", "mnop…"]);
        let wide = Snippet::from_html("日本語の百科事典");
        for line in text(&wrap(&wide, 5, 2)) {
            assert!(line.width() <= 5, "{line}");
        }
    }
}
