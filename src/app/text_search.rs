//! The full-text search of the live wikis: a query line, searched on Enter (each search is a
//! request to every wiki, too many to make at each keystroke, as the wikis' own search pages
//! do), and the pages found, each with the snippet that matched; Enter opens the highlighted
//! one from its wiki. Reached from the title search (with what is typed there) or by its key.

use super::App;
use super::overlay::{Overlay, Picker, TitleSearch, edit};
use crate::action::{Action, Effect};
use crate::wiki::search::Hit;

/// Rows a result takes: its title, then its snippet on up to two lines.
pub const ROWS_PER_HIT: usize = 3;

/// The full-text search: what is typed, and what the last search found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextSearch {
    pub query: String,
    /// The query the results are for; None before the first search.
    pub asked: Option<String>,
    pub results: Picker<Hit>,
    /// The search whose results are awaited; those of another are dropped.
    pub generation: u64,
    /// True until the results of the search asked for have come.
    pub searching: bool,
    /// What the wikis asked are called, once the search has said (for the status line).
    pub wikis: Option<String>,
    /// Why there are fewer results than asked: no wiki to ask, or a wiki's error.
    pub problems: Vec<String>,
}

impl TextSearch {
    pub fn new(query: String) -> TextSearch {
        TextSearch {
            query,
            asked: None,
            results: Picker::new(Vec::new()),
            generation: 0,
            searching: false,
            wikis: None,
            problems: Vec::new(),
        }
    }

    /// True when the results shown are for the query as typed now.
    pub fn current(&self) -> bool {
        self.asked.as_deref() == Some(self.query.as_str())
    }

    /// What the status line says while the search runs.
    pub fn describe(&self) -> Option<String> {
        if !self.searching {
            return None;
        }
        let asked = self.asked.as_deref().unwrap_or_default();
        Some(match &self.wikis {
            Some(wikis) => format!("Searching the full text of {wikis} for “{asked}”…"),
            None => format!("Searching the full text for “{asked}”…"),
        })
    }
}

impl App {
    /// Opens the full-text search, searching at once for a query brought from the title search.
    pub(super) fn open_text_search(&mut self, query: String) -> Option<Effect> {
        let mut search = TextSearch::new(query);
        let effect = (!search.query.trim().is_empty()).then(|| self.ask_for_text(&mut search));
        self.overlay = Some(Overlay::TextSearch(search));
        effect
    }

    /// Asks the wikis for the pages whose text matches the query, as a new search.
    fn ask_for_text(&mut self, search: &mut TextSearch) -> Effect {
        self.search_generation += 1;
        search.generation = self.search_generation;
        search.searching = true;
        search.asked = Some(search.query.clone());
        search.wikis = None;
        search.problems.clear();
        search.results = Picker::new(Vec::new());
        Effect::SearchText {
            query: search.query.clone(),
            generation: search.generation,
        }
    }

    /// Rows of results the overlay shows, in whole results.
    fn text_rows(&self) -> usize {
        (self.search_rows() / ROWS_PER_HIT).max(1)
    }

    /// An action in the full-text search.
    pub(super) fn search_text(&mut self, mut search: TextSearch, action: Action) -> Option<Effect> {
        let rows = self.text_rows();
        let mut effect = None;
        match action {
            Action::Type(c) if !c.is_control() => search.query.push(c),
            Action::DeleteBack | Action::DeleteWord | Action::ClearLine => {
                edit(&mut search.query, action);
            }
            // Back to the titles, with the words typed.
            Action::SearchText => {
                let mut titles = TitleSearch::new(search.query);
                let effect = self.ask_for_titles(&mut titles);
                self.overlay = Some(Overlay::Search(titles));
                return Some(effect);
            }
            Action::Confirm if search.current() && !search.results.items.is_empty() => {
                return self.open_text_hit(&search);
            }
            Action::Confirm if search.query.trim().is_empty() => {
                search.problems = vec!["Type the words to search for.".to_string()];
            }
            Action::Confirm if !(search.current() && search.searching) => {
                effect = Some(self.ask_for_text(&mut search));
            }
            _ => match App::list_step(action, rows) {
                Some(step) => search.results.move_by(step, rows),
                None => {
                    if let Some(row) = self.clicked_row(action, 3, 0) {
                        let index = search.results.offset + row / ROWS_PER_HIT;
                        if index < search.results.items.len() {
                            if index == search.results.selected {
                                return self.open_text_hit(&search);
                            }
                            search.results.select(index, rows);
                        }
                    }
                }
            },
        }
        self.overlay = Some(Overlay::TextSearch(search));
        effect
    }

    /// Opens the highlighted result from its wiki.
    fn open_text_hit(&mut self, search: &TextSearch) -> Option<Effect> {
        let hit = search.results.current()?;
        Some(Effect::OpenOnWiki {
            title: hit.title.clone(),
            wiki: hit.wiki.clone(),
        })
    }

    /// The full-text search `generation` is asking these wikis (their names, for the status).
    pub fn text_search_asking(&mut self, generation: u64, wikis: String) {
        if let Some(Overlay::TextSearch(search)) = &mut self.overlay
            && search.generation == generation
        {
            search.wikis = Some(wikis);
        }
    }

    /// What full-text search `generation` found (or why it found nothing); dropped when the
    /// reader has moved on.
    pub fn show_text_results(
        &mut self,
        generation: u64,
        found: Result<(Vec<Hit>, Vec<String>), String>,
    ) {
        let Some(Overlay::TextSearch(search)) = &mut self.overlay else {
            return;
        };
        if search.generation != generation || !search.searching {
            return;
        }
        search.searching = false;
        match found {
            Ok((hits, problems)) => {
                search.results = Picker::new(hits);
                search.problems = problems;
            }
            Err(problem) => search.problems = vec![problem],
        }
    }

    /// True while a full-text search waits for its results.
    pub fn is_searching_text(&self) -> bool {
        matches!(&self.overlay, Some(Overlay::TextSearch(search)) if search.searching)
    }
}
