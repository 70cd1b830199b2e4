//! The back/forward stack of places, as in a web browser: following something pushes the place
//! left; back returns to it and keeps the place it came from for forward.

use super::{Pane, TextSelection};

/// How many places back are remembered; older ones are forgotten.
const LIMIT: usize = 1000;

/// Where the reader was: the article, the focused pane, each pane's scroll and the selections.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Position {
    pub title: String,
    /// Where the article was read from: back and forward open it from there again (a wiki's
    /// article from that wiki, not from another source with the same title).
    pub sources: Vec<String>,
    pub focus: Pane,
    /// Top line of the text, infobox and references panes.
    pub scroll: [usize; 3],
    /// Each pane's width and number of lines then: coming back at another width, the top
    /// line is found again in proportion, as a resize does.
    pub extents: [(u16, usize); 3],
    pub selection: Option<TextSelection>,
    pub reference: Option<usize>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct History<T> {
    back: Vec<T>,
    forward: Vec<T>,
}

impl<T> Default for History<T> {
    fn default() -> Self {
        History {
            back: Vec::new(),
            forward: Vec::new(),
        }
    }
}

impl<T> History<T> {
    /// Remembers the place being left; a new path forgets the places ahead.
    pub fn push(&mut self, left: T) {
        if self.back.len() == LIMIT {
            self.back.remove(0);
        }
        self.back.push(left);
        self.forward.clear();
    }

    /// The place back would go to.
    pub fn peek_back(&self) -> Option<&T> {
        self.back.last()
    }

    /// The place forward would go to.
    pub fn peek_forward(&self) -> Option<&T> {
        self.forward.last()
    }

    /// Goes back from `current`, which forward will return to.
    pub fn back(&mut self, current: T) -> Option<T> {
        let target = self.back.pop()?;
        self.forward.push(current);
        Some(target)
    }

    /// Goes forward from `current`, which back will return to.
    pub fn forward(&mut self, current: T) -> Option<T> {
        let target = self.forward.pop()?;
        self.back.push(current);
        Some(target)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn back_returns_the_place_left_and_forward_the_place_back_left() {
        let mut history = History::default();
        history.push(1);
        history.push(2);
        assert_eq!(history.back(3), Some(2));
        assert_eq!(history.back(2), Some(1));
        assert_eq!(history.back(1), None);
        assert_eq!(history.forward(1), Some(2));
        assert_eq!(history.forward(2), Some(3));
        assert_eq!(history.forward(3), None);
    }

    #[test]
    fn a_new_path_forgets_the_places_ahead() {
        let mut history = History::default();
        history.push(1);
        assert_eq!(history.back(2), Some(1));
        assert_eq!(history.peek_forward(), Some(&2));
        history.push(1);
        assert_eq!(history.peek_forward(), None);
        assert_eq!(history.peek_back(), Some(&1));
    }

    #[test]
    fn old_places_are_forgotten_past_the_limit() {
        let mut history = History::default();
        for place in 0..LIMIT + 5 {
            history.push(place);
        }
        let mut count = 0;
        let mut current = usize::MAX;
        while let Some(place) = history.back(current) {
            current = place;
            count += 1;
        }
        assert_eq!(count, LIMIT);
        assert_eq!(current, 5);
    }

    #[derive(Debug, Clone)]
    enum Step {
        Push(u8),
        Back(u8),
        Forward(u8),
    }

    fn step() -> impl Strategy<Value = Step> {
        prop_oneof![
            any::<u8>().prop_map(Step::Push),
            any::<u8>().prop_map(Step::Back),
            any::<u8>().prop_map(Step::Forward),
        ]
    }

    proptest! {
        #[test]
        fn back_then_forward_is_the_identity(steps in proptest::collection::vec(step(), 0..40), current: u8) {
            let mut history = History::default();
            for step in steps {
                match step {
                    Step::Push(place) => history.push(place),
                    Step::Back(place) => { history.back(place); }
                    Step::Forward(place) => { history.forward(place); }
                }
            }
            let before = history.clone();
            if let Some(place) = history.back(current) {
                prop_assert_eq!(history.forward(place), Some(current));
                prop_assert_eq!(history, before);
            }
        }
    }
}
