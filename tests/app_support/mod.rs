//! A browser session without a terminal: keys go through the default keymap to
//! `App::update`, and effects are performed as the event loop does, against a test library.

#![allow(dead_code)]

use folio::action::Action;
use folio::app::page::Page;
use folio::app::{App, Pane};
use folio::article::Article;
use folio::config::Config;
use folio::keymap::Key;
use folio::layout::Anchor;
use folio::library::Library;
use folio::tui::{Flow, perform_on};
use std::path::Path;

pub const ALPHA: &str = "Folio test article Alpha";
pub const BETA: &str = "Folio test article Beta";
pub const BUNDLED: &str = "2013 Camp Ashraf massacre";

pub struct Session {
    pub app: App,
    pub library: Library,
    pub config: Config,
    pub opened_urls: Vec<String>,
    /// What was written to the terminal (the clipboard's OSC 52 sequences).
    pub terminal: Vec<u8>,
    pub quit: bool,
}

/// The folder of the two test articles, relative to the package root (where cargo runs the
/// tests), so that screens showing it are the same in every checkout.
pub fn library_path() -> String {
    "tests/fixtures/library".to_string()
}

/// The bundled articles and the two test articles that link each other.
pub fn library() -> Library {
    let mut library = Library::new();
    let fixtures = library_path();
    if let Err(error) = library.add_path(Path::new(&fixtures)) {
        panic!("the test library: {error}");
    }
    library
}

impl Session {
    /// Opens a title of the test library at a terminal size (monochrome, so snapshots and
    /// assertions do not depend on the environment's NO_COLOR).
    pub fn open(title: &str, width: u16, height: u16) -> Session {
        let library = library();
        let reading = library
            .open(title)
            .unwrap_or_else(|error| panic!("{title}: {error}"));
        let page = Page::of_reading(reading, |t| library.contains(t));
        Session::with_page(page, library, width, height)
    }

    /// A session on an article made in the test.
    pub fn of_article(article: Article, width: u16, height: u16) -> Session {
        let library = library();
        let page = Page::new(article, |t| library.contains(t));
        Session::with_page(page, library, width, height)
    }

    /// A fixture file under tests/fixtures, read as the library reads it.
    pub fn of_fixture(path: &str, width: u16, height: u16) -> Session {
        let bytes = std::fs::read(path).unwrap_or_else(|error| panic!("{path}: {error}"));
        let reading = folio::format::read(&bytes, path, None)
            .unwrap_or_else(|error| panic!("{path}: {error}"));
        Session::of_article(reading.article, width, height)
    }

    /// This session's article with a config of the test's own.
    pub fn configured(mut self, config: Config) -> Session {
        let (width, height) = (self.app.screen().area.width, self.app.screen().area.height);
        let page = self.app.page().clone();
        self.app = App::new(page, &config, width, height);
        self.app.complete_layout();
        self.config = config;
        self
    }

    /// The bundled article with a config of the test's own.
    pub fn with_config(config: Config, width: u16, height: u16) -> Session {
        let mut session = Session::open(BUNDLED, width, height);
        let page = session.app.page().clone();
        session.app = App::new(page, &config, width, height);
        session.app.complete_layout();
        session.config = config;
        session
    }

    fn with_page(page: Page, library: Library, width: u16, height: u16) -> Session {
        let config = Config::defaults(true);
        let mut app = App::new(page, &config, width, height);
        // As the event loop does once the first screen is drawn.
        app.complete_layout();
        Session {
            app,
            library,
            config,
            opened_urls: Vec::new(),
            terminal: Vec::new(),
            quit: false,
        }
    }

    /// Does an action and performs its effect.
    pub fn act(&mut self, action: Action) {
        if let Some(effect) = self.app.update(action) {
            let mut opened = None;
            let opener = |url: &str| {
                opened = Some(url.to_string());
                Ok("test-opener".to_string())
            };
            let flow = perform_on(
                effect,
                &mut self.app,
                &self.library,
                opener,
                &mut self.terminal,
            );
            self.opened_urls.extend(opened);
            self.quit |= flow == Flow::Quit;
        }
        // As the event loop does once a new article's first screen is drawn.
        self.app.complete_layout();
    }

    /// Presses keys, written as in the config file and separated by spaces: `"] ] enter"`.
    pub fn keys(&mut self, keys: &str) {
        for name in keys.split(' ').filter(|name| !name.is_empty()) {
            let key = Key::parse(name).unwrap_or_else(|error| panic!("{error}"));
            match self.config.keymap.action(self.app.context(), key) {
                Some(action) => self.act(action),
                None => panic!("{name} is bound to nothing in {:?}", self.app.context()),
            }
        }
    }

    /// Types text into the open prompt.
    pub fn type_text(&mut self, text: &str) {
        for c in text.chars() {
            self.act(Action::Type(c));
        }
    }

    pub fn title(&self) -> &str {
        self.app.page().title()
    }

    pub fn status_detail(&self) -> String {
        self.app.status().detail
    }

    /// The first line (in the pane's lines) shown at the top of a pane, and whether `line` is in
    /// view.
    pub fn shows_line(&self, pane: Pane, line: usize) -> bool {
        let top = self.app.scroll(pane);
        let height = self
            .app
            .screen()
            .inner(pane)
            .map_or(0, |rect| usize::from(rect.height));
        line >= top && line < top + height
    }

    /// The screen cell (column, row) where an anchor starts in a pane; the anchor's line must be
    /// in view.
    pub fn cell_of(&self, pane: Pane, anchor: Anchor) -> (u16, u16) {
        let lines = self
            .app
            .pane_lines(pane)
            .unwrap_or_else(|| panic!("{pane:?} is not shown"));
        let line = lines
            .line_of(anchor)
            .unwrap_or_else(|| panic!("{anchor:?} is not in {pane:?}"));
        let column: usize = lines.layout.lines[line]
            .spans
            .iter()
            .take_while(|span| span.anchor != Some(anchor))
            .map(|span| span.width())
            .sum();
        let inner = self.app.screen().inner(pane).unwrap_or_default();
        let row = line - self.app.scroll(pane);
        (
            inner.x + u16::try_from(column).unwrap_or(0),
            inner.y + u16::try_from(row).unwrap_or(0),
        )
    }
}
