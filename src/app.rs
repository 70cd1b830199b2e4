//! The browser's state and how actions change it. No I/O and no terminal: what needs the
//! outside world (opening an article, a URL, searching the library) is returned as an `Effect`,
//! and the event loop feeds the result back (`opened`, `show_search_results`, `show_info`).

pub mod history;
pub mod languages;
pub mod loading;
pub mod overlay;
pub mod page;
pub mod references;
pub mod screen;
mod sections;
pub mod text_search;

use crate::action::{Action, Effect, Navigation};
use crate::article::{LinkTarget, plain_text};
use crate::config::{CiteSettings, Config, Theme};
use crate::keymap::{Context, Keymap};
use crate::layout::Anchor;
use crate::text::title_key;
use history::{History, Position};
use loading::Loading;
use overlay::{Find, FindPrompt, Overlay, TitleSearch, find_matches};
use page::{Page, PaneLines, lay_out, lay_out_start};
use screen::{Contents, Screen, arrange};
use std::collections::HashMap;

/// How many titles the search shows.
pub const SEARCH_LIMIT: usize = 200;
/// How many lines a turn of the mouse wheel scrolls.
const WHEEL_LINES: isize = 3;
/// How many messages the message log keeps.
const MESSAGE_LOG: usize = 200;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Pane {
    Text,
    Infobox,
    References,
}

impl Pane {
    pub const ALL: [Pane; 3] = [Pane::Text, Pane::Infobox, Pane::References];

    pub fn index(self) -> usize {
        match self {
            Pane::Text => 0,
            Pane::Infobox => 1,
            Pane::References => 2,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Pane::Text => "text",
            Pane::Infobox => "infobox",
            Pane::References => "references",
        }
    }
}

/// What is selected in the text: a citation marker or a link, by reading-order index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextSelection {
    Citation(usize),
    Link(usize),
}

impl TextSelection {
    pub fn anchor(self) -> Anchor {
        match self {
            TextSelection::Citation(index) => Anchor::Citation(index),
            TextSelection::Link(index) => Anchor::Link(index),
        }
    }
}

/// What the status line says, in parts the UI lays out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    pub title: String,
    /// The heading of the section being read: the one the top of the text is in, or the one a
    /// jump just brought into view (none in the lead).
    pub section: Option<String>,
    pub pane: &'static str,
    /// The message, or what the selection points at.
    pub detail: String,
    pub is_message: bool,
    /// The message goes on beyond its first line (the message log shows it whole).
    pub message_continues: bool,
    /// Find progress (`2 of 5`) or how far down the focused pane is.
    pub position: String,
}

pub struct App {
    page: Page,
    theme: Theme,
    keymap: Keymap,
    focus: Pane,
    /// The side panes are hidden: the text (or the focused pane) has the whole screen.
    zoomed: bool,
    /// The side pane shown under the text when the screen is too narrow for both.
    side: Pane,
    /// Top line of each pane, by `Pane::index`.
    scroll: [usize; 3],
    selection: Option<TextSelection>,
    /// The selected reference in the references pane.
    reference: Option<usize>,
    overlay: Option<Overlay>,
    find: Option<Find>,
    history: History<Position>,
    message: Option<String>,
    /// The message stays after the next key, until the reader clears it or reads the log.
    message_until_read: bool,
    /// Every message so far, oldest first.
    messages: Vec<String>,
    /// Finds confirmed so far, oldest first, for ↑ in the find prompt.
    finds: Vec<String>,
    /// Title searches that opened an article, oldest first, for ↑ in the title search.
    searches: Vec<String>,
    screen: Screen,
    /// Pane lines by pane and width: computed on load and resize, never while drawing.
    lines: HashMap<(Pane, u16), PaneLines>,
    /// The number of title searches asked for, which tags their results.
    search_generation: u64,
    /// The article being opened off the event loop.
    loading: Option<Loading>,
    /// The section the link just followed names, for the load it starts (`Loading::section`).
    link_section: Option<String>,
    /// The section a jump last brought into view, while the text stays where it left it.
    landed: Option<sections::Landing>,
    /// The number of loads asked for, which tags their results.
    load_generation: u64,
    /// The formats references are copied and exported in.
    cite: CiteSettings,
    /// The selected reference's URLs under it in the references pane.
    details: Option<references::Details>,
    /// The other languages of the page (or of the last page they were asked for).
    languages: Option<languages::PageLanguages>,
    /// The library's sources and their facts, as the info view last showed them.
    info_sources: Vec<(String, Vec<(String, String)>)>,
}

impl App {
    pub fn new(page: Page, config: &Config, width: u16, height: u16) -> App {
        let mut app = App {
            page,
            theme: config.theme.clone(),
            keymap: config.keymap.clone(),
            focus: Pane::Text,
            zoomed: false,
            side: Pane::References,
            scroll: [0; 3],
            selection: None,
            reference: None,
            overlay: None,
            find: None,
            history: History::default(),
            message: None,
            message_until_read: false,
            messages: Vec::new(),
            finds: Vec::new(),
            searches: Vec::new(),
            screen: Screen::default(),
            lines: HashMap::new(),
            search_generation: 0,
            loading: None,
            link_section: None,
            landed: None,
            load_generation: 0,
            cite: config.cite,
            details: None,
            languages: None,
            info_sources: Vec::new(),
        };
        app.screen.area.width = width;
        app.screen.area.height = height;
        app.relayout(Extent::FirstScreen);
        app
    }

    pub fn page(&self) -> &Page {
        &self.page
    }

    pub fn theme(&self) -> &Theme {
        &self.theme
    }

    pub fn focus(&self) -> Pane {
        self.focus
    }

    pub fn scroll(&self, pane: Pane) -> usize {
        self.scroll[pane.index()]
    }

    pub fn selection(&self) -> Option<TextSelection> {
        self.selection
    }

    pub fn selected_reference(&self) -> Option<usize> {
        self.reference
    }

    pub fn overlay(&self) -> Option<&Overlay> {
        self.overlay.as_ref()
    }

    pub fn find(&self) -> Option<&Find> {
        self.find.as_ref()
    }

    pub fn message(&self) -> Option<&str> {
        self.message.as_deref()
    }

    /// Every message so far, oldest first.
    pub fn messages(&self) -> &[String] {
        &self.messages
    }

    /// True while the side panes are hidden by `Action::Zoom`.
    pub fn zoomed(&self) -> bool {
        self.zoomed
    }

    /// The key bound to an action in a context, as the help writes it: every hint on screen
    /// comes from here, so a rebinding changes the hints too.
    pub fn key_hint(&self, context: Context, action: Action) -> Option<String> {
        self.keymap
            .key_for(context, action)
            .map(|key| key.to_string())
    }

    /// A key to name in a message: the bound key, else the action's config name.
    fn key_name(&self, context: Context, action: Action) -> String {
        self.key_hint(context, action)
            .unwrap_or_else(|| format!("{} (unbound)", action.config_name().unwrap_or_default()))
    }

    pub fn screen(&self) -> &Screen {
        &self.screen
    }

    /// A pane's lines at the width it is shown at; `None` while it is folded away.
    pub fn pane_lines(&self, pane: Pane) -> Option<&PaneLines> {
        let width = self.screen.inner(pane)?.width;
        self.lines.get(&(pane, width))
    }

    /// Where you are now, as history remembers it.
    pub fn position(&self) -> Position {
        Position {
            title: self.page.title().to_string(),
            sources: self.page.article.sources.clone(),
            focus: self.focus,
            scroll: self.scroll,
            extents: Pane::ALL.map(|pane| {
                let width = self.screen.inner(pane).map_or(0, |rect| rect.width);
                (width, self.pane_lines(pane).map_or(0, PaneLines::len))
            }),
            selection: self.selection,
            reference: self.reference,
        }
    }

    /// Which bindings apply now.
    pub fn context(&self) -> Context {
        match self.overlay {
            None => Context::Browse,
            Some(
                Overlay::Help(_)
                | Overlay::Info(_)
                | Overlay::Messages(_)
                | Overlay::Contents(_)
                | Overlay::Urls(_)
                | Overlay::Card(_),
            ) => Context::List,
            Some(
                Overlay::Search(_) | Overlay::TextSearch(_) | Overlay::Find(_) | Overlay::Export(_),
            ) => Context::Prompt,
        }
    }

    /// Tells the reader something (an effect's outcome, a warning).
    pub fn notify(&mut self, message: impl Into<String>) {
        self.say(message);
    }

    /// Tells the reader something that stays on the status line until it is cleared or the
    /// message log is read (a config file's problems).
    pub fn notify_until_read(&mut self, message: impl Into<String>) {
        self.say(message);
        self.message_until_read = true;
    }

    /// Shows a message and keeps it in the log.
    fn say(&mut self, message: impl Into<String>) {
        let message = message.into();
        if self.messages.last() != Some(&message) {
            if self.messages.len() == MESSAGE_LOG {
                self.messages.remove(0);
            }
            self.messages.push(message.clone());
        }
        self.message = Some(message);
        self.message_until_read = false;
    }

    /// True while a pane shows only its first screen (after a load): `complete_layout` next.
    pub fn layout_pending(&self) -> bool {
        Pane::ALL
            .into_iter()
            .any(|pane| self.pane_lines(pane).is_some_and(|lines| !lines.complete))
    }

    /// Lays out the rest of what `load` laid out only the start of.
    pub fn complete_layout(&mut self) {
        if self.layout_pending() {
            self.relayout(Extent::Full);
        }
    }

    pub fn update(&mut self, action: Action) -> Option<Effect> {
        // Esc cancels a load before it clears anything; in an overlay it closes the overlay.
        if action == Action::Clear && self.overlay.is_none() && self.loading.is_some() {
            self.cancel_loading();
            return None;
        }
        let effect = self.act(action);
        // Whatever the action did to the selected reference, its URLs show under it.
        if self.details_reference() != self.reference {
            self.refresh_details();
        }
        self.begin_loading(effect)
    }

    fn act(&mut self, action: Action) -> Option<Effect> {
        // Every action may need the whole text (G, find, markers below the first screen).
        self.complete_layout();
        if let Action::Resize { width, height } = action {
            self.resize(width, height);
            return None;
        }
        if action == Action::Quit {
            return Some(Effect::Quit);
        }
        if !self.message_until_read {
            self.message = None;
        }
        if let Some(overlay) = self.overlay.take() {
            return self.update_overlay(overlay, action);
        }
        match action {
            Action::Help => self.overlay = Some(Overlay::Help(self.help_sheet())),
            Action::FocusNext => self.cycle_focus(1),
            Action::FocusPrevious => self.cycle_focus(-1),
            Action::Down => self.move_in_focus(1),
            Action::Up => self.move_in_focus(-1),
            Action::PageDown => self.page_in_focus(1, 1),
            Action::PageUp => self.page_in_focus(-1, 1),
            Action::HalfPageDown => self.page_in_focus(1, 2),
            Action::HalfPageUp => self.page_in_focus(-1, 2),
            Action::Top => self.edge_in_focus(false),
            Action::Bottom => self.edge_in_focus(true),
            Action::NextCitation => self.step_selection(Kind::Citation, true),
            Action::PreviousCitation => self.step_selection(Kind::Citation, false),
            Action::NextLink => self.step_selection(Kind::Link, true),
            Action::PreviousLink => self.step_selection(Kind::Link, false),
            Action::Follow => return self.follow(),
            Action::Back => return self.back(),
            Action::Forward => return self.forward(),
            Action::Reload => {
                return Some(Effect::Open {
                    title: self.page.title().to_string(),
                    via: Navigation::Reload,
                });
            }
            Action::Contents => self.open_contents(),
            Action::Find => {
                self.overlay = Some(Overlay::Find(FindPrompt {
                    query: String::new(),
                    origin_scroll: self.scroll(Pane::Text),
                    recall: None,
                }));
            }
            Action::FindNext => self.step_find(true),
            Action::FindPrevious => self.step_find(false),
            Action::Search => {
                let mut search = TitleSearch::new(String::new());
                let effect = self.ask_for_titles(&mut search);
                self.overlay = Some(Overlay::Search(search));
                return Some(effect);
            }
            Action::SearchText => return self.open_text_search(String::new()),
            Action::OpenUrl => return self.open_url(),
            Action::CopyReference => return self.copy_reference(),
            Action::CopyUrl => return self.copy_url(),
            Action::ReferenceCard => self.show_card(),
            Action::ExportReferences => self.open_export(),
            Action::Info => return Some(Effect::ShowInfo),
            Action::RandomArticle => return Some(Effect::OpenRandom),
            Action::Messages => self.open_messages(),
            Action::Zoom => {
                self.zoomed = !self.zoomed;
                self.rearrange();
            }
            Action::Clear => {
                self.selection = None;
                self.find = None;
                self.message = None;
                self.message_until_read = false;
            }
            Action::Scroll { column, row, lines } => {
                if let Some(pane) = self.screen.pane_at(column, row) {
                    self.scroll_by(pane, isize::from(lines) * WHEEL_LINES);
                }
            }
            Action::Click { column, row } => return self.click(column, row),
            Action::Quit
            | Action::Resize { .. }
            | Action::Confirm
            | Action::Close
            | Action::DeleteBack
            | Action::DeleteWord
            | Action::ClearLine
            | Action::Type(_) => {}
        }
        None
    }

    /// An article the event loop opened for an `Effect::Open`, or why it could not.
    pub fn opened(&mut self, via: Navigation, result: Result<Page, String>) {
        let section = self.loading.take().and_then(|loading| loading.section);
        self.arrive(via, result, section);
    }

    /// The article opened, placed as `via` says, or at `section` when a link named one.
    fn arrive(&mut self, via: Navigation, result: Result<Page, String>, section: Option<String>) {
        self.loading = None;
        let page = match result {
            Ok(page) => page,
            Err(error) => {
                self.say(error);
                return;
            }
        };
        let left = self.position();
        let arriving = match &via {
            Navigation::Follow => {
                self.history.push(left);
                None
            }
            Navigation::Back(_) => self.history.back(left),
            Navigation::Forward(_) => self.history.forward(left),
            // The same article again: the reader keeps their place in it.
            Navigation::Reload => Some(left),
        };
        self.load(page);
        if let Some(position) = arriving {
            self.restore(position);
        }
        if via == Navigation::Reload {
            self.say(format!("Reloaded “{}”.", self.page.title()));
        }
        if let Some(section) = section {
            self.go_to_section(&section);
        }
    }

    pub fn status(&self) -> Status {
        let loading =
            self.loading
                .as_ref()
                .map(Loading::describe)
                .or_else(|| match &self.overlay {
                    Some(Overlay::TextSearch(search)) => search.describe(),
                    _ => None,
                });
        let (detail, is_message, message_continues) = match (&self.message, loading) {
            // A lasting message (a config file's problem) gives way to the load under way.
            (Some(_), Some(loading)) if self.message_until_read => (loading, true, false),
            (None, Some(loading)) => (loading, true, false),
            (Some(message), _) => {
                let mut lines = message.lines();
                let first = lines.next().unwrap_or_default().to_string();
                (first, true, lines.next().is_some())
            }
            (None, None) => (self.describe_selection(), false, false),
        };
        let position = match &self.find {
            Some(find) if find.matches.is_empty() => format!("/{}: no match", find.query),
            Some(find) => format!("{} of {}", find.current + 1, find.matches.len()),
            None => self.scroll_position(),
        };
        Status {
            title: self.page.title().to_string(),
            section: self.section_heading_being_read(),
            pane: self.focus.name(),
            detail,
            is_message,
            message_continues,
            position,
        }
    }

    /// The heading of the section being read (`section_being_read`).
    fn section_heading_being_read(&self) -> Option<String> {
        let index = self.section_being_read()?;
        self.page.article.sections.get(index)?.heading.clone()
    }

    /// The section being read: the one a jump landed on while the text stays where it left it,
    /// else the one the top line of the text is in (an index into the article's sections; none
    /// in the lead).
    fn section_being_read(&self) -> Option<usize> {
        if let Some(landing) = self.landed
            && self.still_landed(landing)
        {
            return Some(landing.section);
        }
        let top = self.scroll(Pane::Text);
        let lines = self.pane_lines(Pane::Text)?;
        // Sections are laid out in order, so the last heading at or above the top is the one.
        let mut current = None;
        for (index, section) in self.page.article.sections.iter().enumerate() {
            if section.heading.is_none() {
                continue;
            }
            match lines.line_of(Anchor::Section(index)) {
                Some(line) if line <= top => current = Some(index),
                Some(_) => break,
                None => {}
            }
        }
        current
    }

    // ----- layout -----

    fn resize(&mut self, width: u16, height: u16) {
        let match_in_view = self
            .find
            .as_ref()
            .and_then(Find::current_match)
            .is_some_and(|found| self.in_view(Pane::Text, found.line));
        self.screen.area.width = width;
        self.screen.area.height = height;
        self.rearrange();
        // The match being looked at stays in view, as a selected marker does.
        if let Some(found) = self.find.as_ref().and_then(Find::current_match)
            && match_in_view
        {
            self.reveal(Pane::Text, found.line);
        }
        if let Some(reference) = self.reference {
            self.reveal_anchor(Pane::References, Anchor::Reference(reference));
        }
        let sheet_width = self.sheet_width();
        if let Some(
            Overlay::Help(sheet)
            | Overlay::Info(sheet)
            | Overlay::Messages(sheet)
            | Overlay::Card(sheet),
        ) = &mut self.overlay
        {
            sheet.wrap(sheet_width);
        }
    }

    /// Arranges the panes for the size and focus, and lays out every pane shown at its width:
    /// all of it, or (for a new article) first only what fills the screen.
    fn relayout(&mut self, extent: Extent) {
        let article = &self.page.article;
        let contents = Contents {
            focus: self.focus,
            side: self.side,
            has_infobox: !article.infobox.is_empty(),
            has_references: !article.references.is_empty(),
            zoomed: self.zoomed,
            infobox_lines: |width: u16| {
                lay_out(&self.page, Pane::Infobox, usize::from(width)).len()
            },
        };
        let (width, height) = (self.screen.area.width, self.screen.area.height);
        self.screen = arrange(width, height, &contents);
        let mut wanted = Vec::new();
        for pane in Pane::ALL {
            if let Some(inner) = self.screen.inner(pane) {
                wanted.push((pane, inner.width));
            }
        }
        // Keep the layouts of the widths in use and a few others (a resize back is common).
        if self.lines.len() > 8 {
            self.lines.retain(|key, _| wanted.contains(key));
        }
        for (pane, width) in wanted {
            let cached = self.lines.get(&(pane, width));
            let wanted_complete = extent == Extent::Full;
            if cached.is_some_and(|lines| lines.complete || !wanted_complete) {
                continue;
            }
            let lines = match extent {
                Extent::Full => lay_out(&self.page, pane, usize::from(width)),
                Extent::FirstScreen => {
                    let rows = self.height(pane);
                    lay_out_start(&self.page, pane, usize::from(width), rows)
                }
            };
            if pane == Pane::References {
                self.forget_details(width);
            }
            self.lines.insert((pane, width), lines);
        }
        self.refresh_details();
        self.refresh_find();
    }

    fn load(&mut self, page: Page) {
        self.page = page;
        self.landed = None;
        self.lines.clear();
        self.details = None;
        self.focus = Pane::Text;
        self.scroll = [0; 3];
        self.selection = None;
        self.reference = None;
        self.find = None;
        self.relayout(Extent::FirstScreen);
    }

    fn restore(&mut self, position: Position) {
        self.focus = position.focus;
        if position.focus != Pane::Text {
            self.side = position.focus;
        }
        self.selection = position.selection;
        self.reference = position.reference;
        self.relayout(Extent::Full);
        for pane in Pane::ALL {
            let (width, len) = position.extents[pane.index()];
            let top = position.scroll[pane.index()];
            if self.screen.inner(pane).map(|rect| rect.width) == Some(width) {
                self.scroll_to(pane, top);
            } else {
                self.scroll_in_proportion(pane, top, len);
            }
        }
        self.reveal_selection();
        if let Some(reference) = self.reference {
            self.reveal_anchor(Pane::References, Anchor::Reference(reference));
        }
    }

    // ----- scrolling -----

    fn height(&self, pane: Pane) -> usize {
        self.screen
            .inner(pane)
            .map_or(0, |rect| usize::from(rect.height))
    }

    /// Scrolls to where `top` was in a layout of `len` lines, in proportion to this one (the
    /// pane was laid out at another width since).
    fn scroll_in_proportion(&mut self, pane: Pane, top: usize, len: usize) {
        let now = self.pane_lines(pane).map_or(0, PaneLines::len);
        self.scroll_to(pane, (top * now).checked_div(len).unwrap_or(top));
    }

    fn scroll_to(&mut self, pane: Pane, top: usize) {
        // A folded pane keeps its place for when it is shown again.
        let Some(len) = self.pane_lines(pane).map(PaneLines::len) else {
            return;
        };
        let last = len.saturating_sub(self.height(pane));
        self.scroll[pane.index()] = top.min(last);
    }

    fn scroll_by(&mut self, pane: Pane, delta: isize) {
        self.scroll_to(pane, self.scroll(pane).saturating_add_signed(delta));
    }

    fn in_view(&self, pane: Pane, line: usize) -> bool {
        let top = self.scroll(pane);
        line >= top && line < top + self.height(pane)
    }

    /// Scrolls so a line is in view, a third of the way down when it has to move.
    fn reveal(&mut self, pane: Pane, line: usize) {
        self.reveal_lines(pane, line, line);
    }

    /// Scrolls so lines `first..=last` are in view (as much of them as fits), with some of what
    /// comes before them when it has to move.
    fn reveal_lines(&mut self, pane: Pane, first: usize, last: usize) {
        if self.in_view(pane, first) && self.in_view(pane, last) {
            return;
        }
        let height = self.height(pane);
        let spare = height.saturating_sub(last - first + 1);
        self.scroll_to(pane, first.saturating_sub(spare.min(height / 3)));
    }

    fn reveal_anchor(&mut self, pane: Pane, anchor: Anchor) {
        let lines = self
            .pane_lines(pane)
            .and_then(|lines| lines.lines_of(anchor));
        if let Some((first, last)) = lines {
            self.reveal_lines(pane, first, last);
        }
    }

    /// Scrolls the pane the selected marker or link is drawn in so it is in view.
    fn reveal_selection(&mut self) {
        if let Some(selection) = self.selection {
            let anchor = selection.anchor();
            self.reveal_anchor(self.page.pane_of(anchor), anchor);
        }
    }

    fn line_of(&self, pane: Pane, anchor: Anchor) -> Option<usize> {
        self.pane_lines(pane)?.line_of(anchor)
    }

    /// The line an anchor is on in the pane it is drawn in, while that pane is shown.
    fn anchor_line(&self, anchor: Anchor) -> Option<(Pane, usize)> {
        let pane = self.page.pane_of(anchor);
        self.line_of(pane, anchor).map(|line| (pane, line))
    }

    fn scroll_position(&self) -> String {
        let len = self.pane_lines(self.focus).map_or(0, PaneLines::len);
        let height = self.height(self.focus);
        let top = self.scroll(self.focus);
        if len <= height {
            "all".to_string()
        } else if top == 0 {
            "top".to_string()
        } else if top + height >= len {
            "end".to_string()
        } else {
            format!("{}%", (top + height) * 100 / len)
        }
    }

    // ----- panes -----

    fn cycle_focus(&mut self, step: isize) {
        let article = &self.page.article;
        let available: Vec<Pane> = Pane::ALL
            .into_iter()
            .filter(|pane| match pane {
                Pane::Text => true,
                Pane::Infobox => !article.infobox.is_empty(),
                Pane::References => !article.references.is_empty(),
            })
            .collect();
        let current = available
            .iter()
            .position(|&pane| pane == self.focus)
            .unwrap_or(0);
        let next = (current as isize + step).rem_euclid(available.len() as isize) as usize;
        self.set_focus(available[next]);
    }

    fn set_focus(&mut self, pane: Pane) {
        if pane != Pane::Text {
            self.side = pane;
        }
        if pane != self.focus {
            self.focus = pane;
            self.rearrange();
        }
    }

    /// Arranges the panes again after a change of size, focus or zoom, keeping each pane's
    /// place.
    fn rearrange(&mut self) {
        let text_width = self.screen.inner(Pane::Text).map(|r| r.width);
        let text_top = self.scroll(Pane::Text);
        let text_len = self.pane_lines(Pane::Text).map_or(0, PaneLines::len);
        self.relayout(Extent::Full);
        if self.screen.inner(Pane::Text).map(|r| r.width) != text_width {
            // Keep the reader's place: the selection if there is one, else the same fraction.
            self.scroll_in_proportion(Pane::Text, text_top, text_len);
            self.reveal_selection();
        }
        for pane in Pane::ALL {
            self.scroll_to(pane, self.scroll(pane));
        }
    }

    fn move_in_focus(&mut self, step: isize) {
        match self.focus {
            Pane::References => {
                let count = self.page.article.references.len();
                if count == 0 {
                    return;
                }
                let next = match self.reference {
                    Some(current) => current.saturating_add_signed(step).min(count - 1),
                    None => self.first_reference_in_view().unwrap_or(0),
                };
                self.select_reference(next);
            }
            pane => self.scroll_by(pane, step),
        }
    }

    /// Pages down (`direction` 1) or up (-1) by a page (`divisor` 1) or half a page (2).
    fn page_in_focus(&mut self, direction: isize, divisor: usize) {
        let height = self.height(self.focus);
        // A full page keeps two lines of the previous one for context.
        let amount = if divisor == 1 {
            height.saturating_sub(2)
        } else {
            height / divisor
        };
        self.scroll_by(self.focus, direction * amount.max(1) as isize);
        self.keep_reference_in_view();
    }

    fn edge_in_focus(&mut self, bottom: bool) {
        let pane = self.focus;
        let top = if bottom { usize::MAX } else { 0 };
        self.scroll_to(pane, top);
        if pane == Pane::References {
            let count = self.page.article.references.len();
            if count > 0 {
                self.select_reference(if bottom { count - 1 } else { 0 });
            }
        }
    }

    fn select_reference(&mut self, index: usize) {
        self.reference = Some(index);
        self.refresh_details();
        self.reveal_anchor(Pane::References, Anchor::Reference(index));
    }

    fn first_reference_in_view(&self) -> Option<usize> {
        (0..self.page.article.references.len()).find(|&index| {
            self.line_of(Pane::References, Anchor::Reference(index))
                .is_some_and(|line| line >= self.scroll(Pane::References))
        })
    }

    /// After paging the references, the selection follows into the view: a selected
    /// reference whose label is on screen stays; else the first one whose label is, else the
    /// one filling the view.
    fn keep_reference_in_view(&mut self) {
        if self.focus != Pane::References {
            return;
        }
        let top = self.scroll(Pane::References);
        let bottom = top + self.height(Pane::References);
        let lines_of = |index: usize| {
            self.pane_lines(Pane::References)
                .and_then(|lines| lines.lines_of(Anchor::Reference(index)))
        };
        let label_on_screen =
            |index: usize| lines_of(index).is_some_and(|(first, _)| first >= top && first < bottom);
        if self.reference.is_some_and(label_on_screen) {
            return;
        }
        let count = self.page.article.references.len();
        let covering =
            |index: usize| lines_of(index).is_some_and(|(first, last)| first < top && last >= top);
        self.reference = (0..count)
            .find(|&index| label_on_screen(index))
            .or_else(|| (0..count).find(|&index| covering(index)))
            .or(self.reference);
        self.refresh_details();
    }

    // ----- markers and links -----

    /// `]` `[` step through every marker in reading order, the infobox's first; `}` `{`
    /// through the text's links. A marker in the infobox focuses the infobox.
    fn step_selection(&mut self, kind: Kind, forward: bool) {
        let count = match kind {
            Kind::Citation => self.page.citations.len(),
            Kind::Link => self.page.links.len(),
        };
        if count == 0 || kind == Kind::Link {
            self.set_focus(Pane::Text);
        }
        if count == 0 {
            self.say(format!("This article has no {}.", kind.plural()));
            return;
        }
        let current = match (kind, self.selection) {
            (Kind::Citation, Some(TextSelection::Citation(index)))
            | (Kind::Link, Some(TextSelection::Link(index))) => Some(index),
            _ => None,
        }
        .filter(|&index| {
            self.anchor_line(kind.anchor(index))
                .is_some_and(|(pane, line)| self.in_view(pane, line))
        });
        let next = match (current, forward) {
            (Some(index), true) if index + 1 < count => index + 1,
            (Some(index), false) if index > 0 => index - 1,
            (Some(_), true) => {
                self.say(format!("Back to the first {}.", kind.singular()));
                0
            }
            (Some(_), false) => {
                self.say(format!("On to the last {}.", kind.singular()));
                count - 1
            }
            // Nothing selected in view: start from what the reader is looking at.
            (None, true) => self.first_in_view(kind, count).unwrap_or(0),
            (None, false) => self.last_in_view(kind, count).unwrap_or(count - 1),
        };
        self.select(match kind {
            Kind::Citation => TextSelection::Citation(next),
            Kind::Link => TextSelection::Link(next),
        });
    }

    /// The first marker or link at or below the top of what is shown: the infobox's markers
    /// count while the infobox is focused or the text is at its start (the infobox is read
    /// before the lead), even while the infobox is folded away.
    fn first_in_view(&self, kind: Kind, count: usize) -> Option<usize> {
        let from_infobox = self.focus == Pane::Infobox || self.scroll(Pane::Text) == 0;
        (0..count).find(|&index| {
            let anchor = kind.anchor(index);
            match self.page.pane_of(anchor) {
                Pane::Infobox => {
                    from_infobox
                        && self
                            .line_of(Pane::Infobox, anchor)
                            .is_none_or(|line| line >= self.scroll(Pane::Infobox))
                }
                pane => self
                    .line_of(pane, anchor)
                    .is_some_and(|line| line >= self.scroll(pane)),
            }
        })
    }

    /// The last marker or link above the bottom of what is shown; the text's are passed over
    /// while the infobox, which comes before them, is focused.
    fn last_in_view(&self, kind: Kind, count: usize) -> Option<usize> {
        (0..count)
            .rev()
            .find(|&index| match self.anchor_line(kind.anchor(index)) {
                Some((Pane::Text, _)) if self.focus == Pane::Infobox => false,
                Some((pane, line)) => line < self.scroll(pane) + self.height(pane),
                None => false,
            })
    }

    /// Selects a marker or link, focusing and scrolling the pane it is drawn in.
    fn select(&mut self, selection: TextSelection) {
        self.selection = Some(selection);
        let pane = self.page.pane_of(selection.anchor());
        self.set_focus(pane);
        self.reveal_anchor(pane, selection.anchor());
    }

    fn follow(&mut self) -> Option<Effect> {
        match (self.focus, self.selection, self.reference) {
            (Pane::References, _, Some(reference)) => self.go_to_citing_place(reference),
            (Pane::References, _, None) => {
                self.say(format!(
                    "Select a reference first ({}, {}).",
                    self.key_name(Context::Browse, Action::Down),
                    self.key_name(Context::Browse, Action::Up)
                ));
            }
            (Pane::Text, Some(TextSelection::Citation(index)), _) => self.follow_marker(index),
            (Pane::Infobox, Some(selection @ TextSelection::Citation(index)), _)
                if self.page.pane_of(selection.anchor()) == Pane::Infobox =>
            {
                self.follow_marker(index);
            }
            (Pane::Text, Some(TextSelection::Link(index)), _) => return self.follow_link(index),
            (Pane::Text, None, _) => {
                self.say(format!(
                    "Nothing selected: {} selects a marker, {} a link.",
                    self.key_name(Context::Browse, Action::NextCitation),
                    self.key_name(Context::Browse, Action::NextLink)
                ));
            }
            (Pane::Infobox, _, _) => {
                self.say(format!(
                    "Nothing selected in the infobox: {} selects its markers.",
                    self.key_name(Context::Browse, Action::NextCitation)
                ));
            }
        }
        None
    }

    fn follow_marker(&mut self, index: usize) {
        let Some(citation) = self.page.citations.get(index) else {
            return;
        };
        let Some(reference) = citation.reference else {
            self.say(format!(
                "[{}] has no matching reference in this article.",
                citation.label
            ));
            return;
        };
        self.history.push(self.position());
        self.set_focus(Pane::References);
        self.select_reference(reference);
    }

    fn follow_link(&mut self, index: usize) -> Option<Effect> {
        let link = self.page.links.get(index)?;
        match &link.target {
            LinkTarget::External(url) => Some(Effect::OpenUrl(url.clone())),
            LinkTarget::Section(to) if title_key(&to.title) == title_key(self.page.title()) => {
                let (section, left) = (to.section.clone(), self.position());
                // A section not there leaves the reader in place: nothing to go back to.
                if self.go_to_section(&section) {
                    self.history.push(left);
                }
                None
            }
            target => {
                let title = target.title().unwrap_or_default().to_string();
                if !self.page.link_available[index] {
                    self.say(format!("“{title}” is not in the library."));
                    return None;
                }
                self.link_section = match target {
                    LinkTarget::Section(to) => Some(to.section.clone()),
                    _ => None,
                };
                Some(Effect::Open {
                    title,
                    via: Navigation::Follow,
                })
            }
        }
    }

    /// Enter on a reference: the next marker that cites it, after the selected one.
    fn go_to_citing_place(&mut self, reference: usize) {
        let places = self.page.citing.get(reference).cloned().unwrap_or_default();
        let label = self
            .page
            .article
            .references
            .get(reference)
            .map_or_else(String::new, |r| r.label.clone());
        if places.is_empty() {
            self.go_to_citing_note(reference, &label);
            return;
        }
        let current = match self.selection {
            Some(TextSelection::Citation(index)) => places.iter().position(|&p| p == index),
            _ => None,
        };
        let place = current.map_or(0, |k| (k + 1) % places.len());
        // One place only: showing it is no step anywhere, so Back does not have to undo it.
        if places.len() > 1 {
            self.history.push(self.position());
        }
        self.selection = Some(TextSelection::Citation(places[place]));
        let anchor = Anchor::Citation(places[place]);
        let pane = self.page.pane_of(anchor);
        if self.screen.pane(pane).is_none() {
            self.set_focus(pane);
        }
        self.reveal_anchor(pane, anchor);
        if places.len() > 1 {
            self.say(format!(
                "[{label}] is cited {} times; this is place {} ({}: the next).",
                places.len(),
                place + 1,
                self.key_name(Context::Browse, Action::Follow)
            ));
        } else if pane == Pane::Infobox {
            self.say(format!("[{label}] is cited once, here in the infobox."));
        } else {
            self.say(format!("[{label}] is cited once in the text, here."));
        }
    }

    /// Enter on a reference no marker cites: the note whose text cites it, if one does.
    fn go_to_citing_note(&mut self, reference: usize, label: &str) {
        let notes = self
            .page
            .cited_in_notes
            .get(reference)
            .cloned()
            .unwrap_or_default();
        let Some(&note) = notes.first() else {
            self.say(format!(
                "No marker in the text or the infobox cites [{label}]."
            ));
            return;
        };
        self.history.push(self.position());
        self.select_reference(note);
        let note_label = self
            .page
            .article
            .references
            .get(note)
            .map_or_else(String::new, |note| note.label.clone());
        self.say(format!("[{label}] is cited in note [{note_label}], here."));
    }

    fn back(&mut self) -> Option<Effect> {
        let Some(target) = self.history.peek_back().cloned() else {
            self.say("Nothing to go back to.".to_string());
            return None;
        };
        if target.title == self.page.title() {
            self.forget_loading();
            let position = self.position();
            if let Some(target) = self.history.back(position) {
                self.restore(target);
            }
            return None;
        }
        Some(Effect::Open {
            title: target.title.clone(),
            via: Navigation::Back(target),
        })
    }

    fn forward(&mut self) -> Option<Effect> {
        let Some(target) = self.history.peek_forward().cloned() else {
            self.say("Nothing to go forward to.".to_string());
            return None;
        };
        if target.title == self.page.title() {
            self.forget_loading();
            let position = self.position();
            if let Some(target) = self.history.forward(position) {
                self.restore(target);
            }
            return None;
        }
        Some(Effect::Open {
            title: target.title.clone(),
            via: Navigation::Forward(target),
        })
    }

    fn open_url(&mut self) -> Option<Effect> {
        if self.focus != Pane::References
            && let Some(TextSelection::Link(index)) = self.selection
        {
            let target = self.page.links.get(index).map(|link| link.target.clone());
            return match target {
                Some(LinkTarget::External(url)) => Some(Effect::OpenUrl(url)),
                Some(target @ (LinkTarget::Article(_) | LinkTarget::Section(_)))
                    if !self.page.link_available[index] =>
                {
                    self.say(format!(
                        "“{}” is missing: no such article in the library.",
                        target.title().unwrap_or_default()
                    ));
                    None
                }
                _ => {
                    self.say(format!(
                        "That link is an article, not a URL: {} opens it.",
                        self.key_name(Context::Browse, Action::Follow)
                    ));
                    None
                }
            };
        }
        self.open_reference_url()
    }

    fn describe_selection(&self) -> String {
        match (self.focus, self.selection, self.reference) {
            (Pane::References, _, Some(index)) => {
                let Some(reference) = self.page.article.references.get(index) else {
                    return String::new();
                };
                let places = self.page.citing.get(index).map_or(0, Vec::len);
                let note = self
                    .page
                    .cited_in_notes
                    .get(index)
                    .and_then(|notes| notes.first())
                    .and_then(|&note| self.page.article.references.get(note));
                let cited = match (places, note) {
                    (0, Some(note)) => format!(
                        "cited in note [{}], {} goes there",
                        note.label,
                        self.key_name(Context::Browse, Action::Follow)
                    ),
                    (0, None) => "not cited in the text".to_string(),
                    (1, _) => format!(
                        "cited once, {} goes there",
                        self.key_name(Context::Browse, Action::Follow)
                    ),
                    (n, _) => format!(
                        "cited {n} times, {} goes there",
                        self.key_name(Context::Browse, Action::Follow)
                    ),
                };
                format!(
                    "[{}] {}{cited}: {}",
                    reference.label,
                    references::url_note(reference),
                    plain_text(&reference.text)
                )
            }
            (_, Some(TextSelection::Citation(index)), _) => {
                let Some(citation) = self.page.citations.get(index) else {
                    return String::new();
                };
                match citation
                    .reference
                    .and_then(|r| self.page.article.references.get(r))
                {
                    Some(reference) => format!(
                        "[{}] {}{}",
                        citation.label,
                        references::url_note(reference),
                        plain_text(&reference.text)
                    ),
                    None => format!("[{}] has no matching reference", citation.label),
                }
            }
            (_, Some(TextSelection::Link(index)), _) => {
                let Some(link) = self.page.links.get(index) else {
                    return String::new();
                };
                match &link.target {
                    LinkTarget::External(url) => format!(
                        "→ {url} ({} opens it)",
                        self.key_name(Context::Browse, Action::OpenUrl)
                    ),
                    LinkTarget::Article(title) if self.page.link_available[index] => format!(
                        "→ {title} (in the library; {} opens it)",
                        self.key_name(Context::Browse, Action::Follow)
                    ),
                    LinkTarget::Section(to)
                        if title_key(&to.title) == title_key(self.page.title()) =>
                    {
                        format!(
                            "→ § {} (in this article; {} goes there)",
                            to.section,
                            self.key_name(Context::Browse, Action::Follow)
                        )
                    }
                    LinkTarget::Section(to) if self.page.link_available[index] => format!(
                        "→ {} § {} (in the library; {} opens it)",
                        to.title,
                        to.section,
                        self.key_name(Context::Browse, Action::Follow)
                    ),
                    target => format!(
                        "→ {}: not in the library",
                        target.title().unwrap_or_default()
                    ),
                }
            }
            _ => String::new(),
        }
    }

    // ----- find -----

    fn step_find(&mut self, forward: bool) {
        let Some(find) = &mut self.find else {
            self.say(format!(
                "No find yet: {} starts one.",
                self.key_name(Context::Browse, Action::Find)
            ));
            return;
        };
        let count = find.matches.len();
        if count == 0 {
            let message = format!("No match for “{}”.", find.query);
            self.say(message);
            return;
        }
        find.current = if forward {
            (find.current + 1) % count
        } else {
            (find.current + count - 1) % count
        };
        let wrapped = if forward {
            find.current == 0
        } else {
            find.current == count - 1
        };
        let line = find.matches[find.current].line;
        if wrapped && count > 1 {
            self.say("The find went round the article.".to_string());
        }
        self.reveal(Pane::Text, line);
    }

    /// Finds `query` again from the top of `origin_scroll`, as it is typed.
    fn find_as_typed(&mut self, query: &str, origin_scroll: usize) {
        if query.is_empty() {
            self.find = None;
            self.scroll_to(Pane::Text, origin_scroll);
            return;
        }
        let matches = self
            .pane_lines(Pane::Text)
            .map(|lines| find_matches(&lines.layout, query))
            .unwrap_or_default();
        let current = matches
            .iter()
            .position(|m| m.line >= origin_scroll)
            .unwrap_or(0);
        let line = matches.get(current).map(|m| m.line);
        self.find = Some(Find {
            query: query.to_string(),
            matches,
            current,
        });
        match line {
            Some(line) => {
                self.scroll_to(Pane::Text, origin_scroll);
                self.reveal(Pane::Text, line);
            }
            None => self.scroll_to(Pane::Text, origin_scroll),
        }
    }

    /// The text was laid out again: find the same words in the new lines, near the same match.
    fn refresh_find(&mut self) {
        let Some(find) = self.find.take() else {
            return;
        };
        let matches = self
            .pane_lines(Pane::Text)
            .map(|lines| find_matches(&lines.layout, &find.query))
            .unwrap_or_default();
        let current = find.current.min(matches.len().saturating_sub(1));
        self.find = Some(Find {
            query: find.query,
            matches,
            current,
        });
    }

    // ----- mouse -----

    fn click(&mut self, column: u16, row: u16) -> Option<Effect> {
        let pane = self.screen.pane_at(column, row)?;
        self.set_focus(pane);
        let inner = self.screen.inner(pane)?;
        if !inner.contains((column, row).into()) {
            return None;
        }
        let line = self.scroll(pane) + usize::from(row - inner.y);
        let anchor = self
            .pane_lines(pane)?
            .anchor_at(line, usize::from(column - inner.x));
        match anchor? {
            Anchor::Citation(index) => self.click_selection(TextSelection::Citation(index)),
            Anchor::Link(index) => self.click_selection(TextSelection::Link(index)),
            Anchor::Reference(index) if self.reference == Some(index) => self.follow(),
            Anchor::Reference(index) => {
                self.reference = Some(index);
                None
            }
            Anchor::Section(_) => None,
        }
    }

    fn click_selection(&mut self, selection: TextSelection) -> Option<Effect> {
        if self.selection == Some(selection) {
            self.follow()
        } else {
            self.selection = Some(selection);
            None
        }
    }
}

/// How much of a pane `relayout` lays out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Extent {
    FirstScreen,
    Full,
}

/// Which kind of anchor `]` `[` and `}` `{` step through.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Citation,
    Link,
}

impl Kind {
    fn anchor(self, index: usize) -> Anchor {
        match self {
            Kind::Citation => Anchor::Citation(index),
            Kind::Link => Anchor::Link(index),
        }
    }

    fn singular(self) -> &'static str {
        match self {
            Kind::Citation => "marker",
            Kind::Link => "link",
        }
    }

    fn plural(self) -> &'static str {
        match self {
            Kind::Citation => "citation markers",
            Kind::Link => "links",
        }
    }
}
