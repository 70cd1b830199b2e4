//! What is drawn over the panes, each with its own small state: a sheet to read (help, info), a
//! list to pick from (contents, title search), the find prompt; the find itself; and how
//! actions open, move and close them.

use super::references::{ExportPrompt, UrlChooser};
use super::screen;
use super::text_search::TextSearch;
use super::{App, Pane, WHEEL_LINES};
use crate::action::{Action, Effect, Navigation};
use crate::layout::Layout;
use ratatui::layout::Rect;
use textwrap::core::Word;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Overlay {
    Help(Sheet),
    Info(Sheet),
    Messages(Sheet),
    Contents(Picker<ContentsEntry>),
    Search(TitleSearch),
    /// The full-text search of the live wikis.
    TextSearch(TextSearch),
    Find(FindPrompt),
    /// Which of a reference's URLs to open or copy.
    Urls(UrlChooser),
    /// A reference's fields.
    Card(Sheet),
    /// Where and how to write the references.
    Export(ExportPrompt),
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
    pub scroll: usize,
    /// The line in `lines` each `Row::Choice` starts on, in order.
    pub choice_lines: Vec<usize>,
    /// The choice highlighted (by its order), if any.
    pub chosen: Option<usize>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Row {
    Heading(String),
    /// Two columns: keys and what they do, or a fact's name and value.
    Entry(String, String),
    /// A help line: keys, what they do, and the action's name in the config file (drawn at
    /// the right).
    Binding(String, String, String),
    /// An entry that can be picked (another language of the article): a key, its text, and
    /// what it stands for (an index the sheet's owner knows).
    Choice(String, String, usize),
    Blank,
}

impl Sheet {
    pub fn new(title: &'static str, rows: Vec<Row>, width: usize) -> Sheet {
        let mut sheet = Sheet {
            title,
            rows,
            lines: Vec::new(),
            key_width: 0,
            scroll: 0,
            choice_lines: Vec::new(),
            chosen: None,
        };
        sheet.wrap(width);
        sheet
    }

    /// Wraps the second column so the rows fit `width`; continuation lines have no key.
    pub fn wrap(&mut self, width: usize) {
        self.key_width = self
            .rows
            .iter()
            .map(|row| match row {
                Row::Entry(key, _) | Row::Binding(key, _, _) | Row::Choice(key, _, _) => {
                    key.width()
                }
                _ => 0,
            })
            .max()
            .unwrap_or(0)
            .min(width / 3);
        let text_width = width.saturating_sub(self.key_width + 2).max(8);
        self.lines.clear();
        self.choice_lines.clear();
        let options = textwrap::Options::new(text_width)
            .word_separator(textwrap::WordSeparator::Custom(break_at_separators));
        for row in &self.rows {
            match row {
                Row::Entry(key, text) => {
                    for (index, piece) in textwrap::wrap(text, &options).into_iter().enumerate() {
                        let key = if index == 0 {
                            key.clone()
                        } else {
                            String::new()
                        };
                        self.lines.push(Row::Entry(key, piece.into_owned()));
                    }
                }
                Row::Choice(key, text, index) => {
                    self.choice_lines.push(self.lines.len());
                    for (at, piece) in textwrap::wrap(text, &options).into_iter().enumerate() {
                        let key = if at == 0 { key.clone() } else { String::new() };
                        self.lines
                            .push(Row::Choice(key, piece.into_owned(), *index));
                    }
                }
                Row::Binding(keys, text, name) => {
                    let pieces = textwrap::wrap(text, &options);
                    let last = pieces.len().saturating_sub(1);
                    for (index, piece) in pieces.into_iter().enumerate() {
                        let key = if index == 0 {
                            keys.clone()
                        } else {
                            String::new()
                        };
                        let fits = piece.width() + 2 + name.width() <= text_width;
                        if index == last && fits {
                            self.lines
                                .push(Row::Binding(key, piece.into_owned(), name.clone()));
                        } else {
                            self.lines.push(Row::Entry(key, piece.into_owned()));
                            if index == last {
                                self.lines.push(Row::Binding(
                                    String::new(),
                                    String::new(),
                                    name.clone(),
                                ));
                            }
                        }
                    }
                }
                Row::Heading(text) => {
                    let pieces = textwrap::wrap(text, width.max(8));
                    self.lines
                        .extend(pieces.into_iter().map(|p| Row::Heading(p.into_owned())));
                }
                Row::Blank => self.lines.push(Row::Blank),
            }
        }
        self.scroll = self.scroll.min(self.lines.len().saturating_sub(1));
    }

    pub fn scroll_by(&mut self, delta: isize, visible: usize) {
        let last = self.lines.len().saturating_sub(visible);
        self.scroll = self.scroll.saturating_add_signed(delta).min(last);
    }
}

/// Words for wrapping a sheet's values: at spaces, and after the separators of long values
/// written without spaces (an archive's `Counter`, `text/html=120;image/png=3;…`).
fn break_at_separators(line: &str) -> Box<dyn Iterator<Item = Word<'_>> + '_> {
    let mut words = Vec::new();
    let mut start = 0;
    let mut chars = line.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        let next = chars.peek().map(|&(_, next)| next);
        let end = at + c.len_utf8();
        let after_space = c == ' ' && next.is_some_and(|next| next != ' ');
        let after_separator = matches!(c, ';' | ',' | '|' | '&') && next.is_some_and(|n| n != ' ');
        if after_space || after_separator {
            words.push(Word::from(&line[start..end]));
            start = end;
        }
    }
    if start < line.len() {
        words.push(Word::from(&line[start..]));
    }
    Box::new(words.into_iter())
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
    /// Which earlier search ↑ has brought back, by index into the searches so far.
    pub recall: Option<usize>,
    /// The search whose results are shown; batches of an older one are dropped.
    pub generation: u64,
    /// True until the last batch of the search has come.
    pub searching: bool,
    /// Enter came before any title did: the first title found is opened when it comes.
    pub confirm_pending: bool,
}

impl TitleSearch {
    /// A title search for `query`, before it is asked for.
    pub fn new(query: String) -> TitleSearch {
        TitleSearch {
            query,
            results: Picker::new(Vec::new()),
            recall: None,
            generation: 0,
            searching: false,
            confirm_pending: false,
        }
    }
}

/// The find being typed, and where the text was when it started (Esc goes back there).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FindPrompt {
    pub query: String,
    pub origin_scroll: usize,
    /// Which earlier find ↑ has brought back, by index into the finds so far.
    pub recall: Option<usize>,
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

/// How actions change the overlays, and how they are opened.
impl App {
    /// A batch of the titles the library found for a search, the best so far (`done` on the
    /// last); batches of an older search are dropped. A highlight moved down the list stays on
    /// its title while later batches reorder the list.
    /// Returns the article to open when Enter was pressed before any title had come.
    pub fn show_search_results(
        &mut self,
        generation: u64,
        titles: Vec<String>,
        done: bool,
    ) -> Option<Effect> {
        let rows = self.search_rows();
        if let Some(Overlay::Search(search)) = &mut self.overlay
            && search.generation == generation
        {
            let highlighted = (search.results.selected > 0)
                .then(|| search.results.current().cloned())
                .flatten();
            search.results = Picker::new(titles);
            if let Some(index) =
                highlighted.and_then(|title| search.results.items.iter().position(|t| *t == title))
            {
                search.results.select(index, rows);
            }
            search.searching = !done;
            let open_now = search.confirm_pending && !search.results.items.is_empty();
            search.confirm_pending &= !done;
            if open_now && let Some(Overlay::Search(search)) = self.overlay.take() {
                let effect = self.open_searched(&search);
                return self.begin_loading(effect);
            }
        }
        None
    }

    /// Opens the highlighted title of a search and keeps the query for ↑.
    fn open_searched(&mut self, search: &TitleSearch) -> Option<Effect> {
        if !search.query.is_empty() && self.searches.last() != Some(&search.query) {
            self.searches.push(search.query.clone());
        }
        search.results.current().map(|title| Effect::Open {
            title: title.clone(),
            via: Navigation::Follow,
        })
    }

    /// True while a title search is waiting for more results.
    pub fn is_searching(&self) -> bool {
        matches!(&self.overlay, Some(Overlay::Search(search)) if search.searching)
    }

    /// Asks for the titles matching the search's query, as a new search. The titles of the
    /// last query go: they may not match this one.
    pub(super) fn ask_for_titles(&mut self, search: &mut TitleSearch) -> Effect {
        self.search_generation += 1;
        search.generation = self.search_generation;
        search.searching = true;
        search.confirm_pending = false;
        search.results = Picker::new(Vec::new());
        Effect::SearchTitles {
            query: search.query.clone(),
            generation: search.generation,
        }
    }

    /// The info view: the article on screen (its sources and their readers, what reading it
    /// warned about, what it holds), then each source of the library with its facts.
    pub fn show_info(&mut self, sources: Vec<(String, Vec<(String, String)>)>) {
        self.info_sources = sources;
        self.overlay = Some(Overlay::Info(self.info_sheet()));
    }

    /// The info view's sheet, from what is known now: the page, its languages, the sources.
    pub(super) fn info_sheet(&self) -> Sheet {
        let page = &self.page;
        let article = &page.article;
        let entry = |key: &str, value: String| Row::Entry(key.to_string(), value);
        let mut rows = vec![Row::Heading(format!("This article: {}", article.title))];
        for source in &article.sources {
            let reader = page
                .readers
                .iter()
                .find(|(name, _)| name == source)
                .map_or_else(String::new, |(_, format)| format!(" (read as {format})"));
            rows.push(entry("Source", format!("{source}{reader}")));
        }
        let count = |n: usize, one: &str, many: &str| match n {
            1 => format!("1 {one}"),
            n => format!("{n} {many}"),
        };
        rows.push(entry(
            "Contents",
            [
                count(article.sections.len(), "section", "sections"),
                count(
                    article.infobox.fields.len(),
                    "infobox field",
                    "infobox fields",
                ),
                count(article.references.len(), "reference", "references"),
                count(page.citations.len(), "citation marker", "citation markers"),
                count(page.links.len(), "link", "links"),
            ]
            .join(", "),
        ));
        if let Some(target) = &article.redirect {
            rows.push(entry("Redirect", target.clone()));
        }
        if page.warnings.is_empty() {
            rows.push(entry("Warnings", "none".to_string()));
        }
        rows.extend(page.warnings.iter().map(|w| entry("Warning", w.clone())));
        rows.extend(self.language_rows());
        for (name, facts) in &self.info_sources {
            rows.push(Row::Blank);
            rows.push(Row::Heading(format!("Library source: {name}")));
            if facts.is_empty() {
                rows.push(Row::Entry(String::new(), "(no details)".to_string()));
            }
            rows.extend(
                facts
                    .iter()
                    .map(|(key, value)| Row::Entry(key.clone(), value.clone())),
            );
        }
        Sheet::new("Info", rows, self.sheet_width())
    }

    /// The message log, newest first, each message whole.
    pub(super) fn open_messages(&mut self) {
        self.message = None;
        self.message_until_read = false;
        let mut rows = Vec::new();
        for message in self.messages.iter().rev() {
            if !rows.is_empty() {
                rows.push(Row::Blank);
            }
            rows.extend(
                message
                    .lines()
                    .map(|line| Row::Entry(String::new(), line.to_string())),
            );
        }
        if rows.is_empty() {
            rows.push(Row::Entry(String::new(), "No messages yet.".to_string()));
        }
        self.overlay = Some(Overlay::Messages(Sheet::new(
            "Messages",
            rows,
            self.sheet_width(),
        )));
    }

    pub(super) fn help_sheet(&self) -> Sheet {
        let mut rows = Vec::new();
        for section in self.keymap.help() {
            if !rows.is_empty() {
                rows.push(Row::Blank);
            }
            rows.push(Row::Heading(section.heading.to_string()));
            for entry in section.entries {
                rows.push(Row::Binding(
                    entry.keys,
                    entry.description.to_string(),
                    entry.name,
                ));
            }
        }
        rows.push(Row::Blank);
        rows.push(Row::Entry(
            "mouse".to_string(),
            "the wheel scrolls the pane under it; a click selects a marker or link, a second click follows it".to_string(),
        ));
        Sheet::new("Help", rows, self.sheet_width())
    }

    pub(super) fn open_contents(&mut self) {
        let mut entries = vec![ContentsEntry {
            level: 1,
            heading: format!("(top) {}", self.page.title()),
            section: None,
        }];
        for (index, section) in self.page.article.sections.iter().enumerate() {
            if let Some(heading) = &section.heading {
                entries.push(ContentsEntry {
                    level: section.level,
                    heading: heading.clone(),
                    section: Some(index),
                });
            }
        }
        let mut picker = Picker::new(entries);
        // Start on the section being read.
        let entry = self.section_being_read().and_then(|reading| {
            picker
                .items
                .iter()
                .position(|entry| entry.section == Some(reading))
        });
        picker.select(entry.unwrap_or(0), self.list_rows());
        self.overlay = Some(Overlay::Contents(picker));
    }

    /// Where the open overlay is drawn: the screen's overlay area, shortened to fit a short
    /// list or sheet.
    pub fn overlay_area(&self) -> Rect {
        let most = self.screen.overlay;
        let wanted = match &self.overlay {
            Some(Overlay::Contents(picker)) => picker.items.len(),
            Some(Overlay::Urls(chooser)) => chooser.urls.items.len(),
            Some(Overlay::Info(sheet) | Overlay::Messages(sheet) | Overlay::Card(sheet)) => {
                sheet.lines.len()
            }
            // The formats, the file name, a rule and what will be written (or what went wrong).
            Some(Overlay::Export(_)) => 4,
            _ => usize::MAX,
        };
        let height = u16::try_from(wanted.saturating_add(2))
            .unwrap_or(u16::MAX)
            .min(most.height);
        Rect {
            y: most.y + (most.height - height) / 2,
            height,
            ..most
        }
    }

    /// The width of the text inside an overlay's frame and padding.
    pub(super) fn sheet_width(&self) -> usize {
        usize::from(screen::inner(self.screen.overlay).width)
    }

    /// Rows of a list overlay inside its frame.
    pub(super) fn list_rows(&self) -> usize {
        usize::from(self.overlay_area().height.saturating_sub(2))
    }

    /// Rows of the search results, under the query line and a rule.
    pub(super) fn search_rows(&self) -> usize {
        self.list_rows().saturating_sub(2)
    }

    /// An action while an overlay is open; the overlay is put back unless the action closes it.
    pub(super) fn update_overlay(&mut self, overlay: Overlay, action: Action) -> Option<Effect> {
        let closing = matches!(action, Action::Close | Action::Help)
            || matches!(action, Action::Click { column, row }
                if !self.overlay_area().contains((column, row).into()));
        if closing {
            return match overlay {
                Overlay::Find(prompt) => {
                    self.find = None;
                    self.scroll_to(Pane::Text, prompt.origin_scroll);
                    None
                }
                // The wikis need not be asked any further.
                Overlay::Search(TitleSearch {
                    searching: true, ..
                })
                | Overlay::TextSearch(TextSearch {
                    searching: true, ..
                }) => Some(Effect::CancelSearch),
                _ => None,
            };
        }
        match overlay {
            Overlay::Help(sheet) => {
                self.overlay = self.read_sheet(sheet, action).map(Overlay::Help);
                None
            }
            Overlay::Info(sheet) => self.read_info(sheet, action),
            Overlay::Messages(sheet) => {
                self.overlay = self.read_sheet(sheet, action).map(Overlay::Messages);
                None
            }
            Overlay::Card(sheet) => {
                self.overlay = self.read_sheet(sheet, action).map(Overlay::Card);
                None
            }
            Overlay::Urls(chooser) => self.pick_url(chooser, action),
            Overlay::Export(prompt) => self.type_export(prompt, action),
            Overlay::Contents(picker) => self.pick_section(picker, action),
            Overlay::Search(search) => self.search_titles(search, action),
            Overlay::TextSearch(search) => self.search_text(search, action),
            Overlay::Find(prompt) => {
                self.type_find(prompt, action);
                None
            }
        }
    }

    /// How far a movement action moves in a list of `rows` rows.
    pub(super) fn list_step(action: Action, rows: usize) -> Option<isize> {
        let page = rows.max(1) as isize;
        match action {
            Action::Down => Some(1),
            Action::Up => Some(-1),
            Action::PageDown | Action::HalfPageDown => Some(page),
            Action::PageUp | Action::HalfPageUp => Some(-page),
            Action::Top => Some(isize::MIN / 2),
            Action::Bottom => Some(isize::MAX / 2),
            Action::Scroll { lines, .. } => Some(isize::from(lines) * WHEEL_LINES),
            _ => None,
        }
    }

    /// A sheet after an action: scrolled, or closed (`None`) by Enter.
    pub(super) fn read_sheet(&self, mut sheet: Sheet, action: Action) -> Option<Sheet> {
        if action == Action::Confirm {
            return None;
        }
        let rows = self.list_rows();
        if let Some(step) = App::list_step(action, rows) {
            sheet.scroll_by(step, rows);
        }
        Some(sheet)
    }

    pub(super) fn pick_section(
        &mut self,
        mut picker: Picker<ContentsEntry>,
        action: Action,
    ) -> Option<Effect> {
        let rows = self.list_rows();
        if let Some(step) = App::list_step(action, rows) {
            picker.move_by(step, rows);
        } else if action == Action::Confirm {
            return self.jump_to_section(&picker);
        } else if let Some(index) = self.clicked_row(action, 1, picker.offset) {
            // A click highlights an entry; a click on the highlighted one jumps.
            if index == picker.selected {
                return self.jump_to_section(&picker);
            }
            picker.select(index, rows);
        }
        self.overlay = Some(Overlay::Contents(picker));
        None
    }

    pub(super) fn search_titles(
        &mut self,
        mut search: TitleSearch,
        action: Action,
    ) -> Option<Effect> {
        let rows = self.search_rows();
        let mut effect = None;
        match action {
            // ↑ on the first result goes back through the searches made before.
            Action::Up if search.results.selected == 0 => {
                if let Some((recall, query)) = recall(&self.searches, search.recall, true) {
                    search.recall = recall;
                    search.query = query;
                    effect = Some(self.ask_for_titles(&mut search));
                }
            }
            Action::Type(c) => {
                search.query.push(c);
                effect = Some(self.ask_for_titles(&mut search));
            }
            Action::DeleteBack | Action::DeleteWord | Action::ClearLine => {
                edit(&mut search.query, action);
                effect = Some(self.ask_for_titles(&mut search));
            }
            // The same words, in the wikis' full text.
            Action::SearchText => return self.open_text_search(search.query),
            Action::Confirm if !search.results.items.is_empty() => {
                return self.open_searched(&search);
            }
            // Typed ahead of the titles: open the first one when it comes.
            Action::Confirm if search.searching => search.confirm_pending = true,
            _ => match App::list_step(action, rows) {
                Some(step) => search.results.move_by(step, rows),
                None => {
                    if let Some(index) = self.clicked_row(action, 3, search.results.offset) {
                        if index == search.results.selected {
                            return self.open_searched(&search);
                        }
                        search.results.select(index, rows);
                    }
                }
            },
        }
        self.overlay = Some(Overlay::Search(search));
        effect
    }

    /// Typing a find: the matches follow every keystroke; Enter keeps them.
    pub(super) fn type_find(&mut self, mut prompt: FindPrompt, action: Action) {
        match action {
            Action::Type(c) => prompt.query.push(c),
            Action::DeleteBack | Action::DeleteWord | Action::ClearLine => {
                edit(&mut prompt.query, action);
            }
            // ↑ and ↓ go through the finds confirmed before, as in less.
            Action::Up | Action::Down => {
                match recall(&self.finds, prompt.recall, action == Action::Up) {
                    Some((recall, query)) => {
                        prompt.recall = recall;
                        prompt.query = query;
                    }
                    None => {
                        self.overlay = Some(Overlay::Find(prompt));
                        return;
                    }
                }
            }
            Action::Confirm => {
                if !prompt.query.is_empty() && self.finds.last() != Some(&prompt.query) {
                    self.finds.push(prompt.query);
                }
                if let Some(find) = self.find.as_ref().filter(|f| f.matches.is_empty()) {
                    self.say(format!("No match for “{}”.", find.query));
                }
                return;
            }
            _ => {
                self.overlay = Some(Overlay::Find(prompt));
                return;
            }
        }
        let (query, origin) = (prompt.query.clone(), prompt.origin_scroll);
        self.overlay = Some(Overlay::Find(prompt));
        self.find_as_typed(&query, origin);
    }
}

/// Steps through the entries typed before (oldest first in `entries`) from the one recalled
/// now (`None`: the new line): the older one, or the newer one and at the end the empty new
/// line. `None` when there is nothing to step to.
fn recall(
    entries: &[String],
    current: Option<usize>,
    older: bool,
) -> Option<(Option<usize>, String)> {
    let next = match (current, older) {
        (None, true) => entries.len().checked_sub(1),
        (Some(index), true) => Some(index.saturating_sub(1)),
        (None, false) => return None,
        (Some(index), false) => Some(index + 1).filter(|&next| next < entries.len()),
    };
    let query = next.map_or_else(String::new, |index| entries[index].clone());
    if older && next.is_none() {
        return None;
    }
    Some((next, query))
}

/// A prompt's line after an editing action: the last character, the last word (with the
/// spaces after it, as Ctrl-w in a shell), or everything.
pub(super) fn edit(query: &mut String, action: Action) {
    match action {
        Action::DeleteBack => {
            query.pop();
        }
        Action::DeleteWord => {
            let kept = query
                .trim_end()
                .trim_end_matches(|c: char| !c.is_whitespace());
            query.truncate(kept.len());
        }
        Action::ClearLine => query.clear(),
        _ => {}
    }
}

impl App {
    /// The list entry under a click: `first_row` rows into the overlay's frame, from `offset`.
    pub(super) fn clicked_row(
        &self,
        action: Action,
        first_row: u16,
        offset: usize,
    ) -> Option<usize> {
        let Action::Click { row, .. } = action else {
            return None;
        };
        let area = self.overlay_area();
        let top = area.y + first_row;
        let bottom = area.y + area.height.saturating_sub(1);
        (row >= top && row < bottom).then(|| offset + usize::from(row - top))
    }

    pub(super) fn jump_to_section(&mut self, picker: &Picker<ContentsEntry>) -> Option<Effect> {
        let entry = picker.current()?;
        let left = self.position();
        if self.land_on_section(entry.section) {
            self.history.push(left);
        }
        None
    }
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

#[cfg(test)]
mod sheet_tests {
    use super::*;

    #[test]
    fn long_values_break_at_their_separators_and_stay_in_their_column() {
        let counter =
            "text/html=3;application/javascript=8;text/css=2;image/png=14;image/svg+xml=1";
        let rows = vec![
            Row::Entry("Title".to_string(), "Ray Charles".to_string()),
            Row::Entry("Counter".to_string(), counter.to_string()),
        ];
        let sheet = Sheet::new("Info", rows, 40);
        assert_eq!(sheet.key_width, 7);
        let pieces: Vec<&str> = sheet
            .lines
            .iter()
            .skip(1)
            .map(|row| match row {
                Row::Entry(_, text) => text.as_str(),
                other => panic!("{other:?}"),
            })
            .collect();
        assert_eq!(pieces.concat(), counter);
        for piece in &pieces[..pieces.len() - 1] {
            assert!(piece.ends_with(';'), "{pieces:?}");
            assert!(piece.width() <= 40 - 7 - 2, "{pieces:?}");
        }
        // Continuation lines leave the key column empty, so the values stay aligned.
        assert!(
            sheet.lines[2..]
                .iter()
                .all(|row| matches!(row, Row::Entry(key, _) if key.is_empty()))
        );
    }

    #[test]
    fn a_help_line_keeps_its_config_name_at_the_end() {
        let rows = vec![Row::Binding(
            "PgDn Space".to_string(),
            "scroll down one page".to_string(),
            "page_down".to_string(),
        )];
        let wide = Sheet::new("Help", rows.clone(), 80);
        assert_eq!(wide.lines, rows);
        let narrow = Sheet::new("Help", rows, 24);
        assert_eq!(
            narrow.lines.last(),
            Some(&Row::Binding(
                String::new(),
                String::new(),
                "page_down".to_string()
            ))
        );
    }
}
