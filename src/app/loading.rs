//! An article being opened off the event loop: what the status line says meanwhile, `Esc`
//! cancelling it, and its result taken only while the reader still waits for it. Each load gets
//! a generation; a result of another generation (cancelled, or overtaken by a newer load, back
//! or forward) is dropped.

use super::App;
use crate::action::{Effect, Navigation};
use std::time::Duration;

/// What the status line calls a random article while it loads (its title is not known yet).
pub const RANDOM: &str = "a random article";

/// The load under way.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Loading {
    pub title: String,
    /// Where it is read from, once the worker has said.
    pub from: Option<String>,
    pub via: Navigation,
    /// The section a followed link names, which the article opens at.
    pub section: Option<String>,
    /// Tags the result, so one of a load the reader has moved on from is known.
    pub generation: u64,
    /// How long it has taken so far, as the event loop last said.
    pub elapsed: Duration,
}

impl Loading {
    /// The status line's words: `Loading “Camp Ashraf” from en.wikipedia.org… 3 s`.
    pub fn describe(&self) -> String {
        let verb = match self.via {
            Navigation::Reload => "Reloading",
            _ => "Loading",
        };
        let from = self
            .from
            .as_deref()
            .map(|from| format!(" from {from}"))
            .unwrap_or_default();
        // The seconds appear once there is a second to count, so a quick load is no flicker.
        let seconds = match self.elapsed.as_secs() {
            0 => String::new(),
            seconds => format!(" {seconds} s"),
        };
        format!("{verb} “{}”{from}…{seconds}", self.title)
    }
}

impl App {
    /// The load under way, if any.
    pub fn loading(&self) -> Option<&Loading> {
        self.loading.as_ref()
    }

    /// Notes the load an effect asks for (it supersedes any under way) and passes the effect on.
    pub(super) fn begin_loading(&mut self, effect: Option<Effect>) -> Option<Effect> {
        let wanted = match &effect {
            Some(Effect::Open { title, via }) => Some((title.clone(), via.clone())),
            Some(Effect::OpenRandom) => Some((RANDOM.to_string(), Navigation::Follow)),
            Some(Effect::OpenOnWiki { title, .. } | Effect::OpenArticleUrl { title, .. }) => {
                Some((title.clone(), Navigation::Follow))
            }
            _ => None,
        };
        // Only the load the link starts opens at its section.
        let section = self.link_section.take();
        if let Some((title, via)) = wanted {
            self.load_generation += 1;
            self.loading = Some(Loading {
                title,
                from: None,
                via,
                section,
                generation: self.load_generation,
                elapsed: Duration::ZERO,
            });
        }
        effect
    }

    /// The worker says where load `generation` reads from.
    pub fn loading_from(&mut self, generation: u64, from: String) {
        if let Some(loading) = &mut self.loading
            && loading.generation == generation
        {
            loading.from = Some(from);
        }
    }

    /// The event loop says how long the load under way has taken; true when the status line
    /// changes (it counts whole seconds).
    pub fn loading_took(&mut self, elapsed: Duration) -> bool {
        let Some(loading) = &mut self.loading else {
            return false;
        };
        let changed = loading.elapsed.as_secs() != elapsed.as_secs();
        loading.elapsed = elapsed;
        changed
    }

    /// `Esc` while loading: the reader stays where they are, and the result will be dropped.
    pub(super) fn cancel_loading(&mut self) {
        if let Some(loading) = self.loading.take() {
            self.say(format!("Cancelled loading “{}”.", loading.title));
        }
    }

    /// The reader went somewhere else (back or forward within the article): the load under
    /// way is no longer wanted.
    pub(super) fn forget_loading(&mut self) {
        self.loading = None;
    }

    /// The result of load `generation`; true when it was taken, false when the reader had
    /// moved on and it was dropped. Back and forward land only if history still leads there.
    pub fn loaded(&mut self, generation: u64, result: Result<super::page::Page, String>) -> bool {
        let Some(loading) = self
            .loading
            .take_if(|loading| loading.generation == generation)
        else {
            return false;
        };
        let still_there = match &loading.via {
            Navigation::Back(target) => self.history.peek_back() == Some(target),
            Navigation::Forward(target) => self.history.peek_forward() == Some(target),
            Navigation::Reload => self.page.title() == loading.title,
            Navigation::Follow => true,
        };
        if still_there {
            self.arrive(loading.via, result, loading.section);
        }
        still_there
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn loading(via: Navigation, from: Option<&str>, seconds: u64) -> Loading {
        Loading {
            title: "Camp Ashraf".to_string(),
            from: from.map(str::to_string),
            via,
            section: None,
            generation: 1,
            elapsed: Duration::from_millis(seconds * 1000 + 400),
        }
    }

    #[test]
    fn the_status_says_what_loads_from_where_and_for_how_long() {
        let cases = [
            (Navigation::Follow, None, 0, "Loading “Camp Ashraf”…"),
            (
                Navigation::Follow,
                Some("en.wikipedia.org"),
                3,
                "Loading “Camp Ashraf” from en.wikipedia.org… 3 s",
            ),
            (
                Navigation::Reload,
                Some("/home/me/articles"),
                12,
                "Reloading “Camp Ashraf” from /home/me/articles… 12 s",
            ),
        ];
        for (via, from, seconds, said) in cases {
            assert_eq!(loading(via, from, seconds).describe(), said);
        }
    }
}
