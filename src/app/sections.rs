//! Opening an article at a section: `folio URL#Section` and links such as `[[Dog#Senses]]`.
//! The section's heading comes to the top of the text (the status line and the contents then
//! name it); a section the article lacks leaves the article at its top and says so.

use super::{App, Pane};
use crate::layout::Anchor;
use crate::text::{clean, display_title};
use crate::wiki::anchor;

impl App {
    /// Scrolls the text so the heading `fragment` names is at the top, or says there is none.
    pub fn go_to_section(&mut self, fragment: &str) {
        let Some(index) = anchor::section_of(&self.page.article, fragment) else {
            // The fragment may come from the command line, which no reader cleaned.
            let section = clean(&display_title(fragment)).into_owned();
            self.say(format!(
                "No section “{section}” in “{}”: showing the top.",
                self.page.title()
            ));
            return;
        };
        // The heading may lie past the first screen, which is all a new article lays out.
        self.complete_layout();
        if let Some(line) = self.line_of(Pane::Text, Anchor::Section(index)) {
            self.set_focus(Pane::Text);
            self.scroll_to(Pane::Text, line);
        }
    }
}
