//! What a person asks the browser to do (`Action`, bindable to keys in the config file), and what
//! the browser asks the outside world to do in return (`Effect`, performed by the event loop).

use crate::app::history::Position;
use serde::{Deserialize, Serialize};

/// Declares `Action` with one description per variant: the variant's doc line and the text the
/// help shows are the same string, so they cannot drift apart.
macro_rules! actions {
    ($( $(#[$attr:meta])* $variant:ident $({ $($field:ident : $type:ty),* })? $(($tuple:ty))? => $description:literal, )*) => {
        /// One thing the browser can do. Bindable variants are named in the config file in
        /// snake_case (`"]" = "next_citation"`); those carrying terminal data are never bound.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum Action {
            $( #[doc = $description] $(#[$attr])* $variant $({ $($field: $type),* })? $(($tuple))?, )*
        }

        impl Action {
            /// The one-line description the help shows for this action.
            pub fn description(self) -> &'static str {
                match self {
                    $( Action::$variant { .. } => $description, )*
                }
            }
        }
    };
}

actions! {
    Help => "show or hide this help",
    Quit => "quit",
    FocusNext => "focus the next pane",
    FocusPrevious => "focus the previous pane",
    Down => "scroll down, or select the next entry (in the find prompt: a later find)",
    Up => "scroll up, or select the previous entry (in a prompt: an earlier one typed)",
    PageDown => "scroll down one page",
    PageUp => "scroll up one page",
    HalfPageDown => "scroll down half a page",
    HalfPageUp => "scroll up half a page",
    Top => "go to the top",
    Bottom => "go to the bottom",
    NextCitation => "select the next citation marker",
    PreviousCitation => "select the previous citation marker",
    NextLink => "select the next link",
    PreviousLink => "select the previous link",
    Follow => "follow: marker → its reference, link → its article, reference → where it is cited",
    Back => "back to where you were",
    Forward => "forward again",
    Reload => "load the article again from its source, keeping your place",
    RandomArticle => "open a random article of a live wiki",
    Contents => "table of contents: jump to a section",
    Find => "find in the article",
    FindNext => "next match of the find",
    FindPrevious => "previous match of the find",
    Search => "search the library's titles and open one",
    SearchText => "search the live wikis' full text (in a search: titles ↔ text)",
    OpenUrl => "open the reference's or link's URL in the web browser",
    CopyReference => "copy the reference (as text, or as [cite] copy_format says)",
    CopyUrl => "copy the reference's or link's URL to the clipboard",
    ReferenceCard => "the reference's fields, as a card",
    ExportReferences => "write all references to a file (BibTeX, RIS, CSL-JSON, text)",
    Info => "about the article on screen and what the library is made of",
    Messages => "the messages so far, each in full",
    Zoom => "hide the side panes to give the text the whole screen, or bring them back",
    Clear => "cancel the load, or clear the selection, the find and the message",
    Confirm => "open the highlighted entry",
    Close => "close",
    DeleteBack => "delete the last character typed",
    DeleteWord => "delete the last word typed",
    ClearLine => "delete everything typed",
    #[serde(skip)]
    Type(char) => "a character typed into a prompt",
    #[serde(skip)]
    Resize { width: u16, height: u16 } => "the terminal changed size",
    #[serde(skip)]
    Scroll { column: u16, row: u16, lines: i16 } => "the mouse wheel scrolls the pane under it",
    #[serde(skip)]
    Click { column: u16, row: u16 } => "a click selects a marker or link; a second click follows it",
}

impl Action {
    /// The name the config file gives this action (`page_down`); `None` for the actions that
    /// carry terminal data and cannot be bound.
    pub fn config_name(self) -> Option<String> {
        match serde_json::to_value(self) {
            Ok(serde_json::Value::String(name)) => Some(name),
            _ => None,
        }
    }

    /// The action a config file names, if it names one that can be bound.
    pub fn from_config_name(name: &str) -> Option<Action> {
        use serde::de::IntoDeserializer;
        let deserializer: serde::de::value::StrDeserializer<'_, serde::de::value::Error> =
            name.into_deserializer();
        Action::deserialize(deserializer).ok()
    }
}

/// Work the browser cannot do itself (it does no I/O): the event loop performs it and feeds the
/// result back into the `App`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Open an article from the library, then `App::opened` (in the event loop: off it, on a
    /// worker, then `App::loaded` with the generation `App::loading` gave it).
    Open {
        title: String,
        via: Navigation,
    },
    /// Open a random article of a live wiki, as `Open` does (`Navigation::Follow`).
    OpenRandom,
    /// Open a URL with the system opener.
    OpenUrl(String),
    /// Search the library's titles, then `App::show_search_results` with each batch found,
    /// tagged with the search's generation.
    SearchTitles {
        query: String,
        generation: u64,
    },
    /// Search the full text of the library's wikis, then `App::show_text_results` with what
    /// search `generation` found.
    SearchText {
        query: String,
        generation: u64,
    },
    /// The search under way is no longer wanted (its overlay closed): stop asking the wikis.
    CancelSearch,
    /// Open a title from the wiki at `wiki` (its origin), as `Open` does (`Navigation::Follow`).
    OpenOnWiki {
        title: String,
        wiki: String,
    },
    /// Open a wiki article by its URL (another language of the article), as `Open` does.
    OpenArticleUrl {
        url: String,
        title: String,
    },
    /// Describe the library's sources, then `App::show_info`; for an article from a wiki, also
    /// ask for its other languages, then `App::show_languages`.
    ShowInfo,
    /// Put text on the system clipboard through the terminal (OSC 52), then say so, naming
    /// `what` was copied (`reference [3] as BibTeX`).
    Copy {
        text: String,
        what: String,
    },
    /// Write the article's references to a file in a format, then `App::export_file_exists`
    /// when the file is there and `overwrite` was not asked for, or say what was written.
    Export {
        path: std::path::PathBuf,
        style: crate::cite::export::Style,
        overwrite: bool,
    },
    Quit,
}

/// Why an article is being opened, which decides what history does once it has loaded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Navigation {
    /// A link or a search result: the place left is pushed on the back stack.
    Follow,
    /// Back to this position.
    Back(Position),
    /// Forward to this position.
    Forward(Position),
    /// The article on screen again (changed at its source): the reader keeps their place.
    Reload,
}
