//! Opening an article at a section: `folio URL#Section` and links such as `[[Dog#Senses]]`.
//! The section's heading comes to the top of the text (the status line and the contents then
//! name it); a section the article lacks leaves the article at its top and says so.

use super::page::lay_out;
use super::{App, Pane};
use crate::layout::Anchor;
use crate::text::{clean, display_title};
use crate::wiki::anchor;

/// The section a jump brought into view (the contents, a link, `#Section`), with the text's top
/// line and width it left: while the text stays there, that section is the one being read,
/// though near the end of the text its heading cannot reach the top.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Landing {
    pub section: usize,
    top: usize,
    width: Option<u16>,
}

impl App {
    /// Scrolls the text so the heading `fragment` names is at the top, or says there is none;
    /// true when there is one.
    pub fn go_to_section(&mut self, fragment: &str) -> bool {
        let Some(index) = anchor::section_of(&self.page.article, fragment) else {
            // The fragment may come from the command line, which no reader cleaned.
            let section = clean(&display_title(fragment)).into_owned();
            self.say(format!(
                "No section “{section}” in “{}”: showing the top.",
                self.page.title()
            ));
            return false;
        };
        self.land_on_section(Some(index))
    }

    /// Brings a section's heading to the top of the text (the top of the article for none), as
    /// far as the text's end lets it, and remembers the landing for the status and contents;
    /// false, changing nothing, when the section has no heading to go to.
    pub(super) fn land_on_section(&mut self, section: Option<usize>) -> bool {
        // The heading may lie past the first screen, which is all a new article lays out: the
        // text is laid out whole now, the other panes (a long reference list) after the frame.
        self.lay_out_text();
        let line = match section {
            Some(index) => match self.line_of(Pane::Text, Anchor::Section(index)) {
                Some(line) => line,
                None => return false,
            },
            None => 0,
        };
        self.set_focus(Pane::Text);
        self.scroll_to(Pane::Text, line);
        self.landed = section.map(|section| Landing {
            section,
            top: self.scroll(Pane::Text),
            width: self.text_width(),
        });
        true
    }

    /// True while the text is where `landing` left it: the same top line at the same width.
    pub(super) fn still_landed(&self, landing: Landing) -> bool {
        landing.top == self.scroll(Pane::Text) && landing.width == self.text_width()
    }

    fn text_width(&self) -> Option<u16> {
        self.screen.inner(Pane::Text).map(|rect| rect.width)
    }

    /// Lays out the whole text pane at its width, if only its start is.
    fn lay_out_text(&mut self) {
        let Some(width) = self.text_width() else {
            return;
        };
        if self
            .lines
            .get(&(Pane::Text, width))
            .is_some_and(|lines| lines.complete)
        {
            return;
        }
        let lines = lay_out(&self.page, Pane::Text, usize::from(width));
        self.lines.insert((Pane::Text, width), lines);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::action::{Action, Effect, Navigation};
    use crate::app::TextSelection;
    use crate::app::overlay::Overlay;
    use crate::app::page::Page;
    use crate::article::{Article, Block, Inline, LinkTarget, Section};
    use crate::config::Config;

    fn link(text: &str, title: &str, section: &str) -> Inline {
        Inline::Link {
            text: text.to_string(),
            target: LinkTarget::section(title.to_string(), section.to_string()),
        }
    }

    /// An article of twelve sections, each longer than a screen's third, whose lead links to a
    /// section of another article and to one of its own.
    fn page(title: &str) -> Page {
        Page::new(article(title), |_| true)
    }

    fn article(title: &str) -> Article {
        let paragraph = |words: &str| Block::Paragraph {
            inlines: vec![Inline::text(words.repeat(40))],
        };
        let mut sections = vec![Section {
            heading: None,
            level: 0,
            blocks: vec![Block::Paragraph {
                inlines: vec![
                    Inline::text("See "),
                    link("the other's sixth", "Other", "Part_6"),
                    Inline::text(" and "),
                    link("our ninth", title, "part_9"),
                    Inline::text(" but not "),
                    link("our last", title, "Part_99"),
                    Inline::text("."),
                ],
            }],
        }];
        sections.extend((1..=12).map(|number| Section {
            heading: Some(format!("Part {number}")),
            level: 2,
            blocks: vec![paragraph("words and more words ")],
        }));
        Article {
            title: title.to_string(),
            sections,
            ..Article::default()
        }
    }

    fn app(title: &str) -> App {
        App::new(page(title), &Config::defaults(true), 80, 24)
    }

    fn top_line_is(app: &App, section: usize) -> bool {
        app.line_of(Pane::Text, Anchor::Section(section)) == Some(app.scroll(Pane::Text))
    }

    #[test]
    fn the_heading_comes_to_the_top_and_the_status_and_contents_agree() {
        let mut app = app("Long");
        app.go_to_section("Part_5");
        assert!(top_line_is(&app, 5), "top {}", app.scroll(Pane::Text));
        assert_eq!(app.status().section.as_deref(), Some("Part 5"));
        assert_eq!(app.message(), None);
        app.update(Action::Contents);
        let Some(Overlay::Contents(picker)) = app.overlay() else {
            panic!("no contents: {:?}", app.overlay().is_some());
        };
        assert_eq!(
            picker.current().map(|entry| entry.heading.as_str()),
            Some("Part 5")
        );
    }

    #[test]
    fn the_last_section_is_the_one_being_read_after_a_jump_though_it_cannot_reach_the_top() {
        let mut app = app("Long");
        assert!(app.go_to_section("Part_12"));
        assert!(!top_line_is(&app, 12), "the premise: the text ends first");
        assert_eq!(app.status().section.as_deref(), Some("Part 12"));
        app.update(Action::Contents);
        let Some(Overlay::Contents(picker)) = app.overlay() else {
            panic!("no contents: {:?}", app.overlay().is_some());
        };
        assert_eq!(
            picker.current().map(|entry| entry.heading.as_str()),
            Some("Part 12")
        );
        // Picking it from the contents lands there again; scrolled away, the top line's section
        // is named, and back at the landing's view, the landing's.
        app.update(Action::Confirm);
        assert_eq!(app.status().section.as_deref(), Some("Part 12"));
        app.update(Action::Up);
        let above = app.status().section;
        assert!(
            above.is_some() && above.as_deref() != Some("Part 12"),
            "{above:?}"
        );
        app.update(Action::Down);
        assert_eq!(app.status().section.as_deref(), Some("Part 12"));
        // The same size again (a spurious resize) keeps the landing; another width lays the
        // text out anew, and the top line's section is named once more.
        app.update(Action::Resize {
            width: 80,
            height: 24,
        });
        assert_eq!(app.status().section.as_deref(), Some("Part 12"));
        app.update(Action::Resize {
            width: 100,
            height: 24,
        });
        assert_ne!(app.status().section.as_deref(), Some("Part 12"));
    }

    #[test]
    fn an_unknown_section_leaves_the_top_and_says_so() {
        let mut app = app("Long");
        app.go_to_section("Part_99\u{1b}[31m");
        assert_eq!(app.scroll(Pane::Text), 0);
        assert_eq!(
            app.message(),
            Some("No section “Part 99” in “Long”: showing the top.")
        );
    }

    #[test]
    fn a_link_to_a_section_of_another_article_opens_there() {
        let mut app = app("Long");
        app.update(Action::NextLink);
        assert_eq!(app.selection(), Some(TextSelection::Link(0)));
        let effect = app.update(Action::Follow);
        assert_eq!(
            effect,
            Some(Effect::Open {
                title: "Other".to_string(),
                via: Navigation::Follow,
            })
        );
        let generation = app.loading().map(|loading| loading.generation);
        assert!(app.loaded(generation.unwrap_or_default(), Ok(page("Other"))));
        assert_eq!(app.page().title(), "Other");
        assert!(top_line_is(&app, 6), "top {}", app.scroll(Pane::Text));
        // Another load, not from a link, opens at the top.
        let effect = app.update(Action::Back);
        assert!(matches!(effect, Some(Effect::Open { .. })), "{effect:?}");
        let generation = app.loading().map(|loading| loading.generation);
        assert!(app.loaded(generation.unwrap_or_default(), Ok(page("Long"))));
        assert_eq!(app.scroll(Pane::Text), 0);
    }

    #[test]
    fn a_link_to_a_section_of_the_same_article_goes_there_without_a_load() {
        let mut app = app("Long");
        app.update(Action::NextLink);
        app.update(Action::NextLink);
        assert_eq!(app.selection(), Some(TextSelection::Link(1)));
        assert_eq!(
            app.status().detail,
            "→ § part_9 (in this article; Enter goes there)"
        );
        assert_eq!(app.update(Action::Follow), None);
        assert!(app.loading().is_none());
        assert!(top_line_is(&app, 9), "top {}", app.scroll(Pane::Text));
        assert_eq!(app.update(Action::Back), None);
        assert_eq!(app.scroll(Pane::Text), 0);
    }

    #[test]
    fn a_link_to_its_own_section_is_there_whatever_the_library_holds() {
        let page = Page::new(article("Long"), |_| false);
        assert_eq!(page.link_available, [false, true, true]);
        let mut app = App::new(page, &Config::defaults(true), 80, 24);
        app.update(Action::NextLink);
        app.update(Action::NextLink);
        assert_eq!(app.update(Action::Follow), None);
        assert!(top_line_is(&app, 9), "top {}", app.scroll(Pane::Text));
    }

    #[test]
    fn a_link_to_a_section_the_article_lacks_says_so_and_stays() {
        let mut app = app("Long");
        app.update(Action::NextLink);
        app.update(Action::NextLink);
        app.update(Action::NextLink);
        assert_eq!(app.selection(), Some(TextSelection::Link(2)));
        assert_eq!(app.update(Action::Follow), None);
        assert_eq!(app.scroll(Pane::Text), 0);
        assert_eq!(
            app.message(),
            Some("No section “Part 99” in “Long”: showing the top.")
        );
        app.update(Action::Back);
        assert_eq!(app.message(), Some("Nothing to go back to."));
    }
}
