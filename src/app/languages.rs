//! The other languages of an article from a live wiki, listed in the info view: asked for (off
//! the event loop) when the view opens, kept for the page, and each one opened from its own
//! wiki by Enter on it. Articles from files have none: their info view is as before.

use super::App;
use super::overlay::{Overlay, Row, Sheet};
use crate::action::{Action, Effect};
use crate::wiki::languages::Language;

/// What is known of the page's other languages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Languages {
    /// Asked for; the answer has not come.
    Asking,
    Found(Vec<Language>),
    /// Why they could not be had, in a line.
    Failed(String),
}

/// The languages of one page, known by its sources (the revision read).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageLanguages {
    pub sources: Vec<String>,
    pub languages: Languages,
}

impl App {
    /// True when the page's languages are not known nor asked for yet, or asking failed: the
    /// event loop asks the page's wiki, if it came from one, and says so with
    /// `asking_languages`.
    pub fn wants_languages(&self) -> bool {
        self.languages.as_ref().is_none_or(|known| {
            known.sources != self.page.article.sources
                || matches!(known.languages, Languages::Failed(_))
        })
    }

    /// The page's languages are being asked for.
    pub fn asking_languages(&mut self) {
        self.languages = Some(PageLanguages {
            sources: self.page.article.sources.clone(),
            languages: Languages::Asking,
        });
        self.refresh_info();
    }

    /// The languages of the page read from `sources`, or why they could not be had; dropped
    /// when the page on screen is another by now.
    pub fn show_languages(&mut self, sources: Vec<String>, found: Result<Vec<Language>, String>) {
        if sources != self.page.article.sources {
            return;
        }
        let languages = match found {
            Ok(found) => Languages::Found(found),
            Err(why) => Languages::Failed(why),
        };
        self.languages = Some(PageLanguages { sources, languages });
        self.refresh_info();
    }

    /// The languages known for the page on screen.
    pub fn page_languages(&self) -> Option<&Languages> {
        self.languages
            .as_ref()
            .filter(|known| known.sources == self.page.article.sources)
            .map(|known| &known.languages)
    }

    /// The info view's rows about the page's languages: none for a page from a file.
    pub(super) fn language_rows(&self) -> Vec<Row> {
        let Some(languages) = self.page_languages() else {
            return Vec::new();
        };
        let mut rows = vec![Row::Blank, Row::Heading("Other languages".to_string())];
        let note = |text: String| Row::Entry(String::new(), text);
        match languages {
            Languages::Asking => rows.push(note("asking the wiki…".to_string())),
            Languages::Failed(why) => rows.push(note(format!("not known: {why}"))),
            Languages::Found(found) if found.is_empty() => {
                rows.push(note(
                    "none: the wiki links this article to no other language".into(),
                ));
            }
            Languages::Found(found) => {
                rows.extend(found.iter().enumerate().map(|(index, language)| {
                    let text = match &language.name {
                        Some(name) => format!("{name}: {}", language.title),
                        None => language.title.clone(),
                    };
                    Row::Choice(language.code.clone(), text, index)
                }));
                let keys = [Action::Down, Action::Confirm]
                    .map(|action| self.key_hint(crate::keymap::Context::List, action));
                if let [Some(down), Some(open)] = keys {
                    rows.push(note(format!("{down} selects one, {open} opens it")));
                }
            }
        }
        rows
    }

    /// The info view open is made again with what is known now, keeping its place.
    fn refresh_info(&mut self) {
        let Some(Overlay::Info(old)) = &self.overlay else {
            return;
        };
        let (scroll, chosen) = (old.scroll, old.chosen);
        let mut sheet = self.info_sheet();
        sheet.chosen = chosen.filter(|&chosen| chosen < sheet.choice_lines.len());
        sheet.scroll = scroll.min(sheet.lines.len().saturating_sub(1));
        self.overlay = Some(Overlay::Info(sheet));
    }

    /// An action in the info view: its languages are chosen with ↓ ↑ and opened with Enter;
    /// the rest scrolls it, or closes it.
    pub(super) fn read_info(&mut self, mut sheet: Sheet, action: Action) -> Option<Effect> {
        let count = sheet.choice_lines.len();
        let rows = self.list_rows();
        match action {
            Action::Down | Action::Up if count > 0 => {
                let down = action == Action::Down;
                match (sheet.chosen, down) {
                    (None, true) => sheet.chosen = Some(0),
                    (Some(at), true) if at + 1 < count => sheet.chosen = Some(at + 1),
                    (Some(at), false) if at > 0 => sheet.chosen = Some(at - 1),
                    // At either end of the languages, the rest of the sheet scrolls.
                    _ => sheet.scroll_by(if down { 1 } else { -1 }, rows),
                }
                reveal_choice(&mut sheet, rows);
            }
            Action::Confirm => {
                return match sheet.chosen {
                    Some(chosen) => {
                        let effect = self.open_language(chosen);
                        if effect.is_none() {
                            self.overlay = Some(Overlay::Info(sheet));
                        }
                        effect
                    }
                    None => None,
                };
            }
            Action::Click { .. } => {
                let line = self.clicked_row(action, 1, sheet.scroll);
                if let Some(Row::Choice(_, _, index)) = line.and_then(|line| sheet.lines.get(line))
                {
                    let index = *index;
                    if sheet.chosen == Some(index) {
                        return self.open_language(index);
                    }
                    sheet.chosen = Some(index);
                }
            }
            _ => {
                if let Some(step) = App::list_step(action, rows) {
                    sheet.scroll_by(step, rows);
                }
            }
        }
        self.overlay = Some(Overlay::Info(sheet));
        None
    }

    /// Opens the page's language number `index` by its URL, from that language's wiki.
    fn open_language(&mut self, index: usize) -> Option<Effect> {
        let Some(Languages::Found(found)) = self.page_languages() else {
            return None;
        };
        let language = found.get(index)?;
        match &language.url {
            Some(url) => Some(Effect::OpenArticleUrl {
                url: url.clone(),
                title: language.title.clone(),
            }),
            None => {
                let said = format!(
                    "The wiki gave no address for “{}” ({}).",
                    language.title, language.code
                );
                self.say(said);
                None
            }
        }
    }
}

/// Scrolls a sheet so its chosen entry is in view, `rows` rows tall.
fn reveal_choice(sheet: &mut Sheet, rows: usize) {
    let Some(line) = sheet
        .chosen
        .and_then(|chosen| sheet.choice_lines.get(chosen))
    else {
        return;
    };
    let line = *line;
    if line < sheet.scroll {
        sheet.scroll = line;
    } else if line >= sheet.scroll + rows.max(1) {
        sheet.scroll = line + 1 - rows.max(1);
    }
}
