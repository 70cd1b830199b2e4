//! Overlays drawn over the panes: help, info and messages (sheets), contents and title search
//! (pickers). The keys their titles name come from the keymap in force.

use super::status::truncate;
use crate::action::Action;
use crate::app::App;
use crate::app::overlay::{Overlay, Picker, Row, Sheet};
use crate::app::references::{ExportPrompt, UrlChooser, UrlPurpose};
use crate::cite::export::Style as CiteStyle;
use crate::keymap::Context;
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Padding, Paragraph};
use unicode_width::UnicodeWidthStr;

pub fn render(app: &App, overlay: &Overlay, frame: &mut Frame) {
    let area = app.overlay_area();
    let theme = app.theme();
    let (name, context, verbs): (String, Context, &[(Action, &str)]) = match overlay {
        Overlay::Help(_) => ("Help".into(), Context::List, &[(Action::Close, "closes")]),
        Overlay::Info(_) => ("Info".into(), Context::List, &[(Action::Close, "closes")]),
        Overlay::Messages(_) => (
            "Messages".into(),
            Context::List,
            &[(Action::Close, "closes")],
        ),
        Overlay::Card(_) => (
            "Reference".into(),
            Context::List,
            &[(Action::Close, "closes")],
        ),
        Overlay::Contents(_) => (
            "Contents".into(),
            Context::List,
            &[(Action::Confirm, "jumps"), (Action::Close, "closes")],
        ),
        Overlay::Search(_) => (
            "Search titles".into(),
            Context::Prompt,
            &[
                (Action::Confirm, "opens"),
                (Action::SearchText, "full text"),
                (Action::Close, "closes"),
            ],
        ),
        Overlay::TextSearch(search) => (
            "Search the wikis' full text".into(),
            Context::Prompt,
            if search.current() && !search.results.items.is_empty() {
                &[
                    (Action::Confirm, "opens"),
                    (Action::SearchText, "titles"),
                    (Action::Close, "closes"),
                ]
            } else {
                &[
                    (Action::Confirm, "searches"),
                    (Action::SearchText, "titles"),
                    (Action::Close, "closes"),
                ]
            },
        ),
        Overlay::Urls(chooser) => match chooser.purpose {
            UrlPurpose::Open => (
                format!("Open which URL of [{}]?", chooser.label),
                Context::List,
                &[(Action::Confirm, "opens"), (Action::Close, "closes")],
            ),
            UrlPurpose::Copy => (
                format!("Copy which URL of [{}]?", chooser.label),
                Context::List,
                &[(Action::Confirm, "copies"), (Action::Close, "closes")],
            ),
        },
        Overlay::Export(_) => (
            "Export the references".into(),
            Context::Prompt,
            &[(Action::Confirm, "writes"), (Action::Close, "closes")],
        ),
        // The find prompt lives in the status line.
        Overlay::Find(_) => return,
    };
    let hints: Vec<String> = verbs
        .iter()
        .filter_map(|&(action, verb)| {
            app.key_hint(context, action)
                .map(|key| format!("{key} {verb}"))
        })
        .collect();
    let title = if hints.is_empty() {
        format!(" {name} ")
    } else {
        format!(" {name} · {} ", hints.join(", "))
    };
    frame.render_widget(Clear, area);
    let mut block = Block::bordered()
        .padding(Padding::horizontal(1))
        .border_style(theme.focused_border)
        .title(Span::styled(title, theme.focused_border));
    let searching = match overlay {
        Overlay::Search(search) => search.searching && !search.results.items.is_empty(),
        Overlay::TextSearch(search) => search.searching,
        _ => false,
    };
    if searching {
        block = block.title_bottom(Span::styled(" searching… ", theme.focused_border));
    }
    if let Overlay::Help(sheet)
    | Overlay::Info(sheet)
    | Overlay::Messages(sheet)
    | Overlay::Card(sheet) = overlay
    {
        let rows = usize::from(area.height.saturating_sub(2));
        if sheet.scroll + rows < sheet.lines.len() {
            let keys: Vec<String> = [Action::Down, Action::PageDown]
                .into_iter()
                .filter_map(|action| app.key_hint(Context::List, action))
                .collect();
            let more = if keys.is_empty() {
                " ↓ more ".to_string()
            } else {
                format!(" ↓ more ({}) ", keys.join(", "))
            };
            block = block.title_bottom(Span::styled(more, theme.focused_border));
        }
    }
    let inner = block.inner(area);
    frame.render_widget(block, area);
    match overlay {
        Overlay::Help(sheet)
        | Overlay::Info(sheet)
        | Overlay::Messages(sheet)
        | Overlay::Card(sheet) => {
            render_sheet(app, sheet, inner, frame);
        }
        Overlay::Urls(chooser) => {
            frame.render_widget(Paragraph::new(url_lines(app, chooser, inner)), inner);
        }
        Overlay::Export(prompt) => render_export(app, prompt, inner, frame),
        Overlay::Contents(picker) => {
            let lines = picker_lines(app, picker, inner, |entry| {
                let indent = "  ".repeat(usize::from(entry.level.saturating_sub(2)));
                format!("{indent}{}", entry.heading)
            });
            frame.render_widget(Paragraph::new(lines), inner);
        }
        Overlay::Search(search) => {
            let prompt = format!("Title: {}", search.query);
            let rule = "─".repeat(usize::from(inner.width));
            let [query_row, rule_row, list] = split(inner);
            frame.render_widget(Paragraph::new(prompt.as_str()), query_row);
            frame.render_widget(Paragraph::new(Span::styled(rule, theme.border)), rule_row);
            let cursor = u16::try_from(prompt.width()).unwrap_or(u16::MAX);
            frame.set_cursor_position(Position::new(
                query_row.x + cursor.min(query_row.width.saturating_sub(1)),
                query_row.y,
            ));
            if search.results.items.is_empty() {
                let none = match search.searching {
                    true => "searching…",
                    false => "no title matches",
                };
                let none = Span::styled(none, theme.decoration);
                frame.render_widget(Paragraph::new(none), list);
            } else {
                let lines = picker_lines(app, &search.results, list, String::clone);
                frame.render_widget(Paragraph::new(lines), list);
            }
        }
        Overlay::TextSearch(search) => super::text_search::render(app, search, inner, frame),
        Overlay::Find(_) => {}
    }
}

/// The chooser's rows: each URL's kind (a dead one marked) in a column, then the URL.
fn url_lines<'a>(app: &App, chooser: &'a UrlChooser, area: Rect) -> Vec<Line<'a>> {
    let theme = app.theme();
    let width = usize::from(area.width);
    let label_width = chooser
        .urls
        .items
        .iter()
        .map(|url| url.label().width())
        .max()
        .unwrap_or(0)
        .min(width / 3);
    chooser
        .urls
        .items
        .iter()
        .enumerate()
        .skip(chooser.urls.offset)
        .take(usize::from(area.height))
        .map(|(index, url)| {
            let highlight = |style: Style| {
                if index == chooser.urls.selected {
                    style.patch(theme.selection)
                } else {
                    style
                }
            };
            let label_style = if url.mark.is_some() {
                theme.dead_link
            } else {
                theme.label
            };
            let label = format!("{:<label_width$}  ", truncate(&url.label(), label_width));
            let room = width.saturating_sub(label.width());
            let address = truncate(&url.url, room);
            let padding = " ".repeat(room.saturating_sub(address.width()));
            Line::from(vec![
                Span::styled(label, highlight(label_style)),
                Span::styled(address, highlight(theme.external_link)),
                Span::styled(padding, highlight(Style::new())),
            ])
        })
        .collect()
}

/// The export prompt: the formats (the chosen one highlighted), the file name being typed, a
/// rule, and what will be written, or that the file is there, or what went wrong.
fn render_export(app: &App, prompt: &ExportPrompt, area: Rect, frame: &mut Frame) {
    let theme = app.theme();
    let [formats_row, name_row, rest] = split(area);
    let mut formats = vec![Span::raw("Format: ")];
    for style in CiteStyle::ALL {
        let shown = format!(" {} ", style.name());
        formats.push(if style == prompt.style {
            Span::styled(shown, theme.selection)
        } else {
            Span::raw(shown)
        });
    }
    let keys: Vec<String> = [Action::Up, Action::Down]
        .into_iter()
        .filter_map(|action| app.key_hint(Context::Prompt, action))
        .collect();
    if !keys.is_empty() {
        formats.push(Span::styled(
            format!("  ({} change it)", keys.join(" ")),
            theme.decoration,
        ));
    }
    frame.render_widget(Paragraph::new(Line::from(formats)), formats_row);
    let label = "File:   ";
    let room = usize::from(name_row.width).saturating_sub(label.width() + 1);
    let name = super::status::truncate_start(&prompt.file_name, room);
    frame.render_widget(Paragraph::new(format!("{label}{name}")), name_row);
    let cursor = u16::try_from(label.width() + name.width()).unwrap_or(u16::MAX);
    frame.set_cursor_position(Position::new(
        name_row.x + cursor.min(name_row.width.saturating_sub(1)),
        name_row.y,
    ));
    let [rule_row, note_row, _] = split(rest);
    let rule = "─".repeat(usize::from(area.width));
    frame.render_widget(Paragraph::new(Span::styled(rule, theme.border)), rule_row);
    let width = usize::from(note_row.width);
    let note = match (&prompt.problem, prompt.exists) {
        (Some(problem), _) => Span::styled(truncate(problem, width), theme.dead_link),
        (None, true) => {
            let replace = app
                .key_hint(Context::Prompt, Action::Confirm)
                .map_or_else(String::new, |key| format!("{key} replaces it, or "));
            Span::styled(
                truncate(
                    &format!("That file is there: {replace}type another name."),
                    width,
                ),
                theme.dead_link,
            )
        }
        (None, false) => Span::styled(
            truncate(
                &format!(
                    "{} entries: the article's own and one per reference.",
                    prompt.entries
                ),
                width,
            ),
            theme.decoration,
        ),
    };
    frame.render_widget(Paragraph::new(note), note_row);
}

fn split(area: Rect) -> [Rect; 3] {
    let row = |y: u16, height: u16| Rect { y, height, ..area };
    let top = area.y;
    [
        row(top, area.height.min(1)),
        row(top + 1, area.height.saturating_sub(1).min(1)),
        row(top + 2, area.height.saturating_sub(2)),
    ]
}

fn render_sheet(app: &App, sheet: &Sheet, area: Rect, frame: &mut Frame) {
    let theme = app.theme();
    let key_width = sheet.key_width;
    let lines: Vec<Line> = sheet
        .lines
        .iter()
        .skip(sheet.scroll)
        .take(usize::from(area.height))
        .map(|row| match row {
            Row::Heading(heading) => Line::from(Span::styled(heading.as_str(), theme.heading)),
            Row::Entry(key, value) => Line::from(vec![
                Span::styled(
                    format!("{:<key_width$}  ", truncate(key, key_width)),
                    theme.citation,
                ),
                Span::styled(value.as_str(), theme.text),
            ]),
            // The config name at the right edge, so the names stand in a column.
            Row::Binding(key, value, name) => {
                let used = key_width + 2 + value.width() + name.width();
                let gap = usize::from(area.width).saturating_sub(used).max(2);
                Line::from(vec![
                    Span::styled(
                        format!("{:<key_width$}  ", truncate(key, key_width)),
                        theme.citation,
                    ),
                    Span::styled(value.as_str(), theme.text),
                    Span::raw(" ".repeat(gap)),
                    Span::styled(name.as_str(), theme.label),
                ])
            }
            Row::Choice(key, value, index) => {
                let style = match sheet.chosen == Some(*index) {
                    true => theme.selection,
                    false => theme.text,
                };
                let value = format!(
                    "{value:<width$}",
                    width = usize::from(area.width).saturating_sub(key_width + 2)
                );
                Line::from(vec![
                    Span::styled(
                        format!("{:<key_width$}  ", truncate(key, key_width)),
                        theme.citation,
                    ),
                    Span::styled(value, style),
                ])
            }
            Row::Blank => Line::default(),
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), area);
}

fn picker_lines<'a, T>(
    app: &App,
    picker: &'a Picker<T>,
    area: Rect,
    label: impl Fn(&T) -> String,
) -> Vec<Line<'a>> {
    let theme = app.theme();
    let width = usize::from(area.width);
    picker
        .items
        .iter()
        .enumerate()
        .skip(picker.offset)
        .take(usize::from(area.height))
        .map(|(index, item)| {
            let text = truncate(&label(item), width);
            let style = if index == picker.selected {
                theme.selection
            } else {
                Style::new()
            };
            Line::from(Span::styled(format!("{text:<width$}"), style))
        })
        .collect()
}
