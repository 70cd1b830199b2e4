//! Markers in the infobox are selected, followed and clicked like the text's: `]` `[` step
//! through them in reading order (the infobox's first), Enter follows one to its reference and
//! Backspace comes back to it.

mod app_support;

use app_support::Session;
use folio::action::Action;
use folio::app::{Pane, TextSelection};
use folio::article::{Article, Place};
use folio::layout::Anchor;

/// The United States' infobox excerpt: markers [1][a] [2][3] [b] [6] [7][7] in the infobox,
/// then [8] in the lead.
fn united_states() -> Article {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/excerpt/United_States.wikitext");
    let bytes = std::fs::read(&path).unwrap_or_else(|error| panic!("{path:?}: {error}"));
    folio::format::read(&bytes, &path.to_string_lossy(), None)
        .unwrap_or_else(|error| panic!("{error}"))
        .article
}

fn open(width: u16, height: u16) -> Session {
    Session::of_article(united_states(), width, height)
}

/// The index of the reference labelled `label`.
fn reference(session: &Session, label: &str) -> usize {
    session
        .app
        .page()
        .article
        .references
        .iter()
        .position(|reference| reference.label == label)
        .unwrap_or_else(|| panic!("no reference [{label}]"))
}

/// Focuses the references pane and selects the reference at `index`.
fn select_reference(session: &mut Session, index: usize) {
    for _ in 0..3 {
        if session.app.focus() != Pane::References {
            session.keys("tab");
        }
    }
    session.keys("g");
    for _ in 0..index {
        session.keys("j");
    }
    assert_eq!(session.app.selected_reference(), Some(index));
}

fn in_view(session: &Session, pane: Pane, anchor: Anchor) -> bool {
    session
        .app
        .pane_lines(pane)
        .and_then(|lines| lines.line_of(anchor))
        .is_some_and(|line| session.shows_line(pane, line))
}

#[test]
fn the_first_marker_is_the_infobox_one_after_the_motto() {
    let mut session = open(120, 40);
    session.keys("]");
    assert_eq!(session.app.selection(), Some(TextSelection::Citation(0)));
    assert_eq!(session.app.focus(), Pane::Infobox);
    let status = session.app.status();
    assert_eq!(status.pane, "infobox");
    assert!(
        status.detail.starts_with("[1] McKenna 2007, p. 280."),
        "{}",
        status.detail
    );
    session.keys("]");
    assert_eq!(session.app.selection(), Some(TextSelection::Citation(1)));
    assert!(session.status_detail().starts_with("[a]"));
}

#[test]
fn enter_follows_an_infobox_marker_and_backspace_returns_to_it() {
    let mut session = open(120, 40);
    session.keys("] ] ] ]");
    assert_eq!(session.app.selection(), Some(TextSelection::Citation(3)));
    session.keys("enter");
    assert_eq!(session.app.focus(), Pane::References);
    assert_eq!(
        session.app.selected_reference(),
        Some(reference(&session, "3"))
    );
    assert!(in_view(
        &session,
        Pane::References,
        Anchor::Reference(reference(&session, "3"))
    ));
    session.keys("backspace");
    assert_eq!(session.app.focus(), Pane::Infobox);
    assert_eq!(session.app.selection(), Some(TextSelection::Citation(3)));
    assert!(in_view(&session, Pane::Infobox, Anchor::Citation(3)));
}

#[test]
fn stepping_goes_from_the_infobox_into_the_text_and_back() {
    let mut session = open(120, 40);
    let infobox_markers = session
        .app
        .page()
        .citations
        .iter()
        .filter(|site| site.place == Place::Infobox)
        .count();
    assert_eq!(infobox_markers, 8);
    for index in 0..infobox_markers {
        session.keys("]");
        assert_eq!(
            session.app.selection(),
            Some(TextSelection::Citation(index))
        );
        // The infobox pane is shorter than the infobox: it scrolls to each marker.
        assert!(
            in_view(&session, Pane::Infobox, Anchor::Citation(index)),
            "[{index}] out of view at {}",
            session.app.scroll(Pane::Infobox)
        );
    }
    assert!(session.app.scroll(Pane::Infobox) > 0);
    session.keys("]");
    assert_eq!(session.app.selection(), Some(TextSelection::Citation(8)));
    assert_eq!(session.app.focus(), Pane::Text);
    assert!(
        session
            .status_detail()
            .starts_with("[8] Areas of the 50 states")
    );
    session.keys("[");
    assert_eq!(session.app.selection(), Some(TextSelection::Citation(7)));
    assert_eq!(session.app.focus(), Pane::Infobox);
    assert!(in_view(&session, Pane::Infobox, Anchor::Citation(7)));
    // Round the end: from the last marker back to the first.
    session.keys("] ]");
    assert_eq!(session.app.selection(), Some(TextSelection::Citation(0)));
    assert_eq!(session.app.message(), Some("Back to the first marker."));
}

/// On a terminal too narrow for the side panes, the infobox folds under the text: at the start
/// of the article `]` begins with its markers all the same, and selecting one shows it there.
#[test]
fn a_narrow_terminal_shows_the_infobox_for_its_marker() {
    let mut session = open(80, 24);
    session.keys("tab");
    session.keys("tab");
    assert_eq!(session.app.focus(), Pane::References);
    session.keys("] ] ] ] ] ]");
    assert_eq!(session.app.selection(), Some(TextSelection::Citation(5)));
    assert!(session.app.screen().pane(Pane::Infobox).is_some());
    assert!(in_view(&session, Pane::Infobox, Anchor::Citation(5)));
    assert!(session.status_detail().starts_with("[6] Newport, Frank."));
}

#[test]
fn a_reference_cited_only_in_the_infobox_leads_there() {
    let mut session = open(120, 40);
    let religion = reference(&session, "6");
    select_reference(&mut session, religion);
    // It was "not cited in the text" while the infobox's markers did not count.
    assert!(
        session
            .status_detail()
            .starts_with("[6] cited once, Enter goes there: Newport, Frank."),
        "{}",
        session.status_detail()
    );
    session.keys("enter");
    assert_eq!(session.app.selection(), Some(TextSelection::Citation(5)));
    assert_eq!(
        session.app.message(),
        Some("[6] is cited once, here in the infobox.")
    );
    assert!(in_view(&session, Pane::Infobox, Anchor::Citation(5)));
    // [7] is cited twice, both times in the infobox: Enter goes to each in turn.
    let imf = reference(&session, "7");
    select_reference(&mut session, imf);
    session.keys("enter");
    assert_eq!(session.app.selection(), Some(TextSelection::Citation(6)));
    session.keys("enter");
    assert_eq!(session.app.selection(), Some(TextSelection::Citation(7)));
}

#[test]
fn a_click_on_an_infobox_marker_selects_then_follows_it() {
    let mut session = open(120, 40);
    let (column, row) = session.cell_of(Pane::Infobox, Anchor::Citation(1));
    session.act(Action::Click { column, row });
    assert_eq!(session.app.selection(), Some(TextSelection::Citation(1)));
    assert_eq!(session.app.focus(), Pane::Infobox);
    session.act(Action::Click { column, row });
    assert_eq!(session.app.focus(), Pane::References);
    let note = reference(&session, "a");
    assert_eq!(session.app.selected_reference(), Some(note));
    assert_eq!(
        session.app.page().article.references[note].group.as_deref(),
        Some("lower-alpha")
    );
}

#[test]
fn enter_in_the_infobox_without_a_marker_says_how_to_select_one() {
    let mut session = open(120, 40);
    session.keys("tab enter");
    assert_eq!(session.app.focus(), Pane::Infobox);
    assert_eq!(
        session.app.message(),
        Some("Nothing selected in the infobox: ] selects its markers.")
    );
}

/// A source cited only inside a note (`{{efn}}` holding `{{sfn}}`s) leads to that note.
#[test]
fn a_source_cited_in_a_note_leads_to_the_note() {
    let mut session = open(120, 40);
    let source = reference(&session, "4");
    let note = reference(&session, "b");
    select_reference(&mut session, source);
    assert!(
        session
            .status_detail()
            .starts_with("[4] cited in note [b], Enter goes there: Cobarrubias 1983, p. 195."),
        "{}",
        session.status_detail()
    );
    session.keys("enter");
    assert_eq!(session.app.selected_reference(), Some(note));
    assert_eq!(
        session.app.message(),
        Some("[4] is cited in note [b], here.")
    );
    session.keys("backspace");
    assert_eq!(session.app.selected_reference(), Some(source));
}
