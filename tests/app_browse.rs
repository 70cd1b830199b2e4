//! The browser's behaviour, key by key, without a terminal: state after actions only.

mod app_support;

use app_support::{ALPHA, BETA, BUNDLED, Session};
use folio::action::{Action, Effect, Navigation};
use folio::app::overlay::{Overlay, Row};
use folio::app::screen::Arrangement;
use folio::app::{Pane, TextSelection};
use folio::article::{Article, Block, Inline, Reference, Section};
use folio::layout::Anchor;

fn bundled() -> Session {
    Session::open(BUNDLED, 120, 40)
}

fn anchor_in_view(session: &Session, pane: Pane, anchor: Anchor) -> bool {
    let line = session
        .app
        .pane_lines(pane)
        .and_then(|lines| lines.line_of(anchor));
    line.is_some_and(|line| session.shows_line(pane, line))
}

#[test]
fn markers_are_selected_in_reading_order_and_the_status_names_the_reference() {
    let mut session = bundled();
    session.keys("]");
    assert_eq!(session.app.selection(), Some(TextSelection::Citation(0)));
    session.keys("] ]");
    assert_eq!(session.app.selection(), Some(TextSelection::Citation(2)));
    let status = session.app.status();
    assert!(
        status
            .detail
            .starts_with("[3] Dreazen, Yochi (17 December 2013). \"Exclusive:"),
        "{}",
        status.detail
    );
    assert_eq!(status.title, BUNDLED);
    assert_eq!(status.pane, "text");
    session.keys("[");
    assert_eq!(session.app.selection(), Some(TextSelection::Citation(1)));
}

#[test]
fn the_selected_marker_is_scrolled_into_view() {
    let mut session = Session::open(BUNDLED, 80, 24);
    session.keys("] ] ]");
    assert!(anchor_in_view(&session, Pane::Text, Anchor::Citation(2)));
    session.keys("G");
    assert!(!anchor_in_view(&session, Pane::Text, Anchor::Citation(2)));
    // Out of view, `[` starts again from what is on screen: the last marker above.
    session.keys("[");
    assert_eq!(session.app.selection(), Some(TextSelection::Citation(2)));
    assert!(anchor_in_view(&session, Pane::Text, Anchor::Citation(2)));
}

#[test]
fn enter_on_a_marker_focuses_its_reference() {
    let mut session = Session::open(BUNDLED, 80, 24);
    session.keys("] ] enter");
    assert_eq!(session.app.focus(), Pane::References);
    assert_eq!(session.app.selected_reference(), Some(1));
    assert!(anchor_in_view(
        &session,
        Pane::References,
        Anchor::Reference(1)
    ));
    session.keys("backspace ] enter");
    assert_eq!(session.app.selected_reference(), Some(2));
    // The whole entry is in view, not only its first line.
    let (first, last) = session
        .app
        .pane_lines(Pane::References)
        .and_then(|lines| lines.lines_of(Anchor::Reference(2)))
        .unwrap_or_default();
    assert!(session.shows_line(Pane::References, first));
    assert!(session.shows_line(Pane::References, last));
}

#[test]
fn back_after_a_footnote_jump_returns_exactly_and_forward_again() {
    let mut session = Session::open(BUNDLED, 80, 24);
    session.keys("j j ] ] ]");
    let before = session.app.position();
    session.keys("enter");
    let after = session.app.position();
    assert_ne!(before, after);
    session.keys("backspace");
    assert_eq!(session.app.position(), before);
    session.keys("L");
    assert_eq!(session.app.position(), after);
    session.keys("H");
    assert_eq!(session.app.position(), before);
}

#[test]
fn enter_on_a_reference_goes_to_each_place_citing_it_in_turn() {
    let cited_twice = Article {
        title: "Twice".to_string(),
        sections: vec![Section {
            heading: None,
            level: 0,
            blocks: vec![Block::Paragraph {
                inlines: vec![
                    Inline::text("First claim."),
                    Inline::Citation {
                        label: "1".to_string(),
                        reference: Some(0),
                    },
                    Inline::text(" Second claim."),
                    Inline::Citation {
                        label: "2".to_string(),
                        reference: Some(1),
                    },
                    Inline::text(" Third claim."),
                    Inline::Citation {
                        label: "1".to_string(),
                        reference: Some(0),
                    },
                ],
            }],
        }],
        references: vec![
            Reference {
                label: "1".to_string(),
                text: vec![Inline::text("A source.")],
                urls: vec!["https://example.org/source".to_string()],
                ..Reference::default()
            },
            Reference {
                label: "2".to_string(),
                text: vec![Inline::text("Another source.")],
                ..Reference::default()
            },
        ],
        ..Article::default()
    };
    let mut session = Session::of_article(cited_twice, 120, 40);
    session.keys("tab");
    assert_eq!(session.app.focus(), Pane::References);
    session.keys("j");
    assert_eq!(session.app.selected_reference(), Some(0));
    session.keys("enter");
    assert_eq!(session.app.selection(), Some(TextSelection::Citation(0)));
    assert_eq!(session.app.focus(), Pane::References);
    session.keys("enter");
    assert_eq!(session.app.selection(), Some(TextSelection::Citation(2)));
    session.keys("enter");
    assert_eq!(session.app.selection(), Some(TextSelection::Citation(0)));
    session.keys("backspace backspace");
    assert_eq!(session.app.selection(), Some(TextSelection::Citation(0)));
    session.keys("backspace");
    assert_eq!(session.app.selection(), None);
    // `o` opens the reference's URL through the opener, never a shell.
    session.keys("o");
    assert_eq!(session.opened_urls, ["https://example.org/source"]);
    session.keys("j o");
    assert_eq!(session.opened_urls.len(), 1);
    assert_eq!(session.app.message(), Some("Reference [2] has no URL."));
}

#[test]
fn a_reference_nobody_cites_says_so() {
    let mut session = bundled();
    session.keys("tab tab G enter");
    assert_eq!(session.app.selected_reference(), Some(8));
    assert_eq!(
        session.app.message(),
        Some("No marker in the text or the infobox cites [9].")
    );
    assert_eq!(session.app.selection(), None);
}

#[test]
fn a_marker_without_a_reference_explains_and_stays() {
    let mut session = Session::open(ALPHA, 120, 40);
    session.keys("]");
    assert_eq!(session.app.selection(), Some(TextSelection::Citation(0)));
    assert!(session.status_detail().contains("no matching reference"));
    let before = session.app.position();
    session.keys("enter");
    assert_eq!(session.app.position(), before);
    assert_eq!(
        session.app.message(),
        Some("[1] has no matching reference in this article.")
    );
}

#[test]
fn links_name_their_target_and_a_missing_one_changes_nothing() {
    let mut session = bundled();
    session.keys("}");
    assert_eq!(session.app.selection(), Some(TextSelection::Link(0)));
    assert_eq!(
        session.status_detail(),
        "→ 2011 Camp Ashraf raid: not in the library"
    );
    session.keys("}");
    let before = session.app.position();
    session.keys("enter");
    assert_eq!(session.app.position(), before);
    assert_eq!(
        session.app.message(),
        Some("“2023 Tirana camp raid” is not in the library.")
    );
    assert_eq!(session.app.page().link_available, [false, false]);
    session.keys("{");
    assert_eq!(session.app.selection(), Some(TextSelection::Link(0)));
}

#[test]
fn following_a_link_opens_the_article_and_back_and_forward_return() {
    let mut session = Session::open(ALPHA, 80, 24);
    assert_eq!(session.app.page().link_available, [true, false]);
    session.keys("j }");
    assert!(session.status_detail().contains("in the library"));
    let in_alpha = session.app.position();
    session.keys("enter");
    assert_eq!(session.title(), BETA);
    assert_eq!(session.app.selection(), None);
    assert_eq!(session.app.scroll(Pane::Text), 0);
    session.keys("} enter");
    assert_eq!(session.title(), ALPHA);
    session.keys("backspace");
    assert_eq!(session.title(), BETA);
    session.keys("backspace");
    assert_eq!(session.title(), ALPHA);
    assert_eq!(session.app.position(), in_alpha);
    session.keys("L");
    assert_eq!(session.title(), BETA);
    session.keys("H");
    assert_eq!(session.app.position(), in_alpha);
    session.keys("H");
    assert_eq!(session.app.message(), Some("Nothing to go back to."));
}

#[test]
fn tab_cycles_the_panes_and_narrow_screens_fold_them() {
    let mut session = Session::open(BUNDLED, 80, 24);
    assert_eq!(session.app.screen().arrangement, Arrangement::Stacked);
    assert!(session.app.screen().pane(Pane::References).is_some());
    assert!(session.app.screen().pane(Pane::Infobox).is_none());
    session.keys("tab");
    assert_eq!(session.app.focus(), Pane::Infobox);
    assert!(session.app.screen().pane(Pane::Infobox).is_some());
    session.keys("tab");
    assert_eq!(session.app.focus(), Pane::References);
    session.keys("tab");
    assert_eq!(session.app.focus(), Pane::Text);
    session.keys("shift-tab");
    assert_eq!(session.app.focus(), Pane::References);
    // An article without infobox or references has nothing to cycle to.
    let mut beta = Session::open(BETA, 80, 24);
    beta.keys("tab");
    assert_eq!(beta.app.focus(), Pane::Text);
}

#[test]
fn scrolling_keys_move_the_focused_pane() {
    let mut session = Session::open(BUNDLED, 60, 20);
    let height = session
        .app
        .screen()
        .inner(Pane::Text)
        .map_or(0, |r| usize::from(r.height));
    session.keys("j j j");
    assert_eq!(session.app.scroll(Pane::Text), 3);
    session.keys("k");
    assert_eq!(session.app.scroll(Pane::Text), 2);
    session.keys("down up");
    assert_eq!(session.app.scroll(Pane::Text), 2);
    session.keys("g");
    assert_eq!(session.app.scroll(Pane::Text), 0);
    session.keys("pgdn");
    assert_eq!(session.app.scroll(Pane::Text), height - 2);
    session.keys("pgup space");
    assert_eq!(session.app.scroll(Pane::Text), height - 2);
    session.keys("g ctrl-d");
    assert_eq!(session.app.scroll(Pane::Text), height / 2);
    session.keys("ctrl-u");
    assert_eq!(session.app.scroll(Pane::Text), 0);
    session.keys("G");
    let last = session.app.pane_lines(Pane::Text).map_or(0, |l| l.len()) - height;
    assert_eq!(session.app.scroll(Pane::Text), last);
    session.keys("j");
    assert_eq!(session.app.scroll(Pane::Text), last);
    session.keys("home");
    assert_eq!(session.app.scroll(Pane::Text), 0);
    session.keys("end");
    assert_eq!(session.app.scroll(Pane::Text), last);
    // In the references pane the keys move the selected reference.
    session.keys("tab tab");
    assert_eq!(session.app.focus(), Pane::References);
    session.keys("j j");
    assert_eq!(session.app.selected_reference(), Some(1));
    session.keys("G");
    assert_eq!(session.app.selected_reference(), Some(8));
    assert!(anchor_in_view(
        &session,
        Pane::References,
        Anchor::Reference(8)
    ));
    session.keys("g");
    assert_eq!(session.app.selected_reference(), Some(0));
    session.keys("pgdn");
    assert!(
        session
            .app
            .selected_reference()
            .is_some_and(|r| anchor_in_view(&session, Pane::References, Anchor::Reference(r)))
    );
}

#[test]
fn help_lists_every_binding_and_closes() {
    let mut session = bundled();
    session.keys("?");
    let Some(Overlay::Help(sheet)) = session.app.overlay() else {
        panic!("no help");
    };
    let described: Vec<(&str, &str, &str)> = sheet
        .rows
        .iter()
        .filter_map(|row| match row {
            Row::Binding(keys, description, name) => {
                Some((keys.as_str(), description.as_str(), name.as_str()))
            }
            _ => None,
        })
        .collect();
    // Each action with its keys, its description and the name the config file uses for it.
    for (keys, action, name) in [
        ("? q", Action::Help, "help"),
        ("] ", Action::NextCitation, "next_citation"),
        ("Backspace H", Action::Back, "back"),
        ("PgDn Space", Action::PageDown, "page_down"),
    ] {
        let first = keys.split(' ').next().unwrap_or_default();
        assert!(
            described
                .iter()
                .any(|(k, d, n)| k.split(' ').any(|key| key == first)
                    && *d == action.description()
                    && *n == name),
            "{keys} → {action:?} not in the help: {described:?}"
        );
    }
    session.keys("j");
    let Some(Overlay::Help(sheet)) = session.app.overlay() else {
        panic!("help closed on j");
    };
    assert_eq!(sheet.scroll, 1, "j scrolls the help");
    session.keys("?");
    assert!(session.app.overlay().is_none());
    session.keys("? esc");
    assert!(session.app.overlay().is_none());
}

#[test]
fn contents_jump_to_a_section_and_back_returns() {
    let mut session = Session::open(BUNDLED, 80, 24);
    session.keys("t");
    let Some(Overlay::Contents(picker)) = session.app.overlay() else {
        panic!("no contents");
    };
    let headings: Vec<&str> = picker.items.iter().map(|e| e.heading.as_str()).collect();
    assert_eq!(
        headings,
        ["(top) 2013 Camp Ashraf massacre", "Reactions", "See also"]
    );
    session.keys("j j enter");
    assert!(session.app.overlay().is_none());
    let see_also = session
        .app
        .pane_lines(Pane::Text)
        .and_then(|lines| lines.line_of(Anchor::Section(2)));
    assert!(see_also.is_some_and(|line| session.shows_line(Pane::Text, line)));
    session.keys("backspace");
    assert_eq!(session.app.scroll(Pane::Text), 0);
}

/// "Long": sections "Part 0"… of paragraphs a few lines long, each ending in a marker [1].
fn long_article(sections: usize, paragraphs: usize) -> Article {
    let paragraph = Block::Paragraph {
        inlines: vec![
            Inline::text("A sentence that fills some of a line, again and again. ".repeat(6)),
            Inline::Citation {
                label: "1".to_string(),
                reference: None,
            },
        ],
    };
    Article {
        title: "Long".to_string(),
        sections: (0..sections)
            .map(|index| Section {
                heading: Some(format!("Part {index}")),
                level: 2,
                blocks: vec![paragraph.clone(); paragraphs],
            })
            .collect(),
        ..Article::default()
    }
}

#[test]
fn back_after_a_resize_returns_to_the_same_text() {
    let page = folio::app::page::Page::new(long_article(60, 2), |_| false);
    let config = folio::config::Config::defaults(true);
    let mut app = folio::app::App::new(page, &config, 120, 30);
    app.complete_layout();
    let in_view = |app: &folio::app::App, anchor: Anchor| {
        let line = app.pane_lines(Pane::Text).and_then(|l| l.line_of(anchor));
        let top = app.scroll(Pane::Text);
        line.is_some_and(|line| (top..top + 20).contains(&line))
    };
    // Contents → Part 40, then → Part 50: history holds the place at Part 40.
    let jump = |app: &mut folio::app::App, downs: usize| {
        app.update(Action::Contents);
        app.update(Action::Top);
        for _ in 0..downs {
            app.update(Action::Down);
        }
        app.update(Action::Confirm);
    };
    jump(&mut app, 41);
    let part_40 = Anchor::Section(40);
    assert!(in_view(&app, part_40));
    jump(&mut app, 51);
    assert!(!in_view(&app, part_40));
    app.update(Action::Resize {
        width: 60,
        height: 30,
    });
    app.update(Action::Back);
    assert!(
        in_view(&app, part_40),
        "top {} but Part 40 at {:?}",
        app.scroll(Pane::Text),
        app.pane_lines(Pane::Text).and_then(|l| l.line_of(part_40))
    );
}

#[test]
fn find_highlights_matches_and_counts_them() {
    let mut session = Session::open(BUNDLED, 80, 24);
    session.keys("/");
    session.type_text("ashraf");
    let count = session.app.find().map_or(0, |f| f.matches.len());
    assert!(count > 5, "{count}");
    assert_eq!(session.app.status().position, format!("1 of {count}"));
    session.keys("enter");
    assert!(session.app.overlay().is_none());
    session.keys("n n");
    assert_eq!(session.app.status().position, format!("3 of {count}"));
    let current = session.app.find().and_then(|f| f.current_match());
    assert!(current.is_some_and(|m| session.shows_line(Pane::Text, m.line)));
    session.keys("N N N");
    assert_eq!(session.app.status().position, format!("{count} of {count}"));
    assert_eq!(
        session.app.message(),
        Some("The find went round the article.")
    );
    session.keys("esc");
    assert!(session.app.find().is_none());
    // Esc while typing cancels the find and returns where the text was.
    session.keys("g j / ");
    session.type_text("zzz");
    assert_eq!(session.app.status().position, "/zzz: no match");
    session.keys("esc");
    assert!(session.app.find().is_none());
    assert_eq!(session.app.scroll(Pane::Text), 1);
}

#[test]
fn search_filters_titles_as_typed_and_opens_one() {
    let mut session = bundled();
    session.keys("s");
    let titles = |session: &Session| match session.app.overlay() {
        Some(Overlay::Search(search)) => search.results.items.clone(),
        _ => panic!("no search"),
    };
    assert_eq!(titles(&session).len(), 3);
    session.type_text("folio test");
    // Both start with the query: the shorter title first.
    assert_eq!(titles(&session), [BETA, ALPHA]);
    session.type_text("zq");
    assert!(titles(&session).is_empty());
    session.keys("backspace backspace down enter");
    assert_eq!(session.title(), ALPHA);
    session.keys("backspace");
    assert_eq!(session.title(), BUNDLED);
}

#[test]
fn search_batches_replace_the_results_and_stale_ones_are_dropped() {
    let mut session = bundled();
    session.keys("s");
    session.type_text("folio");
    let search = |session: &Session| match session.app.overlay() {
        Some(Overlay::Search(search)) => search.clone(),
        _ => panic!("no search"),
    };
    let current = search(&session).generation;
    assert!(!search(&session).searching);
    let batch = |titles: &[&str]| titles.iter().map(|t| t.to_string()).collect::<Vec<_>>();
    // A batch of the search before this one is dropped.
    session
        .app
        .show_search_results(current - 1, batch(&["Stale"]), true);
    assert_eq!(search(&session).results.items, [BETA, ALPHA]);
    // Batches of this one replace the list; a moved highlight stays on its title.
    session.keys("down");
    session
        .app
        .show_search_results(current, batch(&["First", ALPHA, BETA]), false);
    let shown = search(&session);
    assert_eq!(shown.results.current().map(String::as_str), Some(ALPHA));
    assert!(shown.searching);
    session
        .app
        .show_search_results(current, batch(&[ALPHA]), true);
    assert!(!search(&session).searching);
    // A key typed asks for a new search; the titles of the last query go meanwhile.
    let effect = session.app.update(Action::Type('x'));
    assert_eq!(
        effect,
        Some(Effect::SearchTitles {
            query: "foliox".to_string(),
            generation: current + 1
        })
    );
    let waiting = search(&session);
    assert!(waiting.searching && waiting.results.items.is_empty());
}

/// Enter typed ahead of the titles (a quick "alpha⏎") opens the first title when it comes;
/// it was dropped while the list was empty.
#[test]
fn enter_before_the_titles_come_opens_the_first_one() {
    let mut session = bundled();
    session.keys("s");
    session.type_text("alph");
    let generation = match session.app.overlay() {
        Some(Overlay::Search(search)) => search.generation,
        _ => panic!("no search"),
    };
    // The worker's answer to "alpha" has not come yet: the list is empty.
    session.app.update(Action::Type('a'));
    assert_eq!(session.app.update(Action::Confirm), None);
    // A batch of the last query is no answer to Enter.
    let stale = session
        .app
        .show_search_results(generation, vec![BETA.to_string()], true);
    assert_eq!(stale, None);
    let effect = session
        .app
        .show_search_results(generation + 1, vec![ALPHA.to_string()], false);
    assert_eq!(
        effect,
        Some(Effect::Open {
            title: ALPHA.to_string(),
            via: Navigation::Follow
        })
    );
    assert!(session.app.overlay().is_none());
}

#[test]
fn info_lists_the_sources() {
    let mut session = bundled();
    session.keys("i");
    let Some(Overlay::Info(sheet)) = session.app.overlay() else {
        panic!("no info");
    };
    let headings: Vec<&str> = sheet
        .rows
        .iter()
        .filter_map(|row| match row {
            Row::Heading(name) => Some(name.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(headings.len(), 3, "{headings:?}");
    assert_eq!(headings[0], format!("This article: {BUNDLED}"));
    assert_eq!(headings[1], "Library source: bundled articles");
    assert!(headings[2].ends_with("tests/fixtures/library"));
    session.keys("q");
    assert!(session.app.overlay().is_none());
}

#[test]
fn the_mouse_scrolls_the_pane_under_it_and_clicks_select_then_follow() {
    let mut session = Session::open(ALPHA, 120, 40);
    let references_or_infobox = session.app.screen().pane(Pane::Infobox);
    assert!(references_or_infobox.is_some());
    // The marker [1] is on the first lines of the text; find its cell.
    let (x, y) = session.cell_of(Pane::Text, Anchor::Citation(0));
    session.act(Action::Click { column: x, row: y });
    assert_eq!(session.app.selection(), Some(TextSelection::Citation(0)));
    session.act(Action::Click { column: x, row: y });
    assert_eq!(
        session.app.message(),
        Some("[1] has no matching reference in this article.")
    );
    let (x, y) = session.cell_of(Pane::Text, Anchor::Link(0));
    session.act(Action::Click { column: x, row: y });
    assert_eq!(session.app.selection(), Some(TextSelection::Link(0)));
    session.act(Action::Click { column: x, row: y });
    assert_eq!(session.title(), BETA);

    let mut session = Session::open(BUNDLED, 80, 24);
    let references = session
        .app
        .screen()
        .inner(Pane::References)
        .unwrap_or_default();
    session.act(Action::Scroll {
        column: references.x + 1,
        row: references.y + 1,
        lines: 1,
    });
    assert_eq!(session.app.scroll(Pane::References), 3);
    assert_eq!(session.app.scroll(Pane::Text), 0);
    assert_eq!(session.app.focus(), Pane::Text);
}

/// The row and column (inside the text pane) of an anchor on screen.
#[test]
fn resizing_relays_out_and_a_tiny_terminal_has_no_panes() {
    let mut session = bundled();
    session.keys("] ] ]");
    session.act(Action::Resize {
        width: 40,
        height: 20,
    });
    assert_eq!(session.app.screen().arrangement, Arrangement::Stacked);
    assert_eq!(
        session.app.pane_lines(Pane::Text).map(|l| l.layout.width),
        Some(36)
    );
    assert!(anchor_in_view(&session, Pane::Text, Anchor::Citation(2)));
    session.act(Action::Resize {
        width: 19,
        height: 5,
    });
    assert_eq!(session.app.screen().arrangement, Arrangement::TooSmall);
    session.keys("] j tab");
    session.act(Action::Resize {
        width: 120,
        height: 40,
    });
    assert_eq!(session.app.screen().arrangement, Arrangement::SideBySide);
}

#[test]
fn q_and_ctrl_c_quit_from_anywhere() {
    let mut session = bundled();
    session.keys("q");
    assert!(session.quit);
    let mut session = bundled();
    session.keys("? ctrl-c");
    assert!(session.quit);
}

#[test]
fn ctrl_c_in_a_prompt_cancels_it_as_in_less() {
    let mut session = bundled();
    session.keys("/ c a m p ctrl-c");
    assert!(!session.quit);
    assert!(session.app.overlay().is_none());
    assert!(session.app.find().is_none());
    session.keys("s ctrl-c");
    assert!(!session.quit);
    assert!(session.app.overlay().is_none());
}

#[test]
fn esc_clears_the_selection_and_enter_with_nothing_selected_explains() {
    let mut session = bundled();
    session.keys("enter");
    assert_eq!(
        session.app.message(),
        Some("Nothing selected: ] selects a marker, } a link.")
    );
    session.keys("] esc");
    assert_eq!(session.app.selection(), None);
    assert_eq!(session.app.message(), None);
}

#[test]
fn a_long_article_first_lays_out_one_screen_then_the_rest_the_same() {
    let page = folio::app::page::Page::new(long_article(400, 3), |_| false);
    let mut app = folio::app::App::new(page, &folio::config::Config::defaults(true), 80, 24);
    assert!(app.layout_pending());
    let first: Vec<_> = app
        .pane_lines(Pane::Text)
        .map(|lines| lines.layout.lines.clone())
        .unwrap_or_default();
    assert!(first.len() > 20 && first.len() < 400, "{}", first.len());
    app.complete_layout();
    assert!(!app.layout_pending());
    let all = app
        .pane_lines(Pane::Text)
        .map(|lines| lines.layout.lines.clone())
        .unwrap_or_default();
    assert!(all.len() > 4000);
    assert_eq!(all[..first.len() - 1], first[..first.len() - 1]);
    // An action before completion completes first: the last marker is reachable at once.
    let page = app.page().clone();
    let mut app = folio::app::App::new(page, &folio::config::Config::defaults(true), 80, 24);
    app.update(Action::Bottom);
    assert!(!app.layout_pending());
    let height = app
        .screen()
        .inner(Pane::Text)
        .map_or(0, |r| usize::from(r.height));
    assert_eq!(app.scroll(Pane::Text), all.len() - height);
}

// ----- issue 12: reading polish -----

/// An article whose references are long enough that each takes several lines of the pane.
fn long_references() -> Article {
    let labels = ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j"];
    let sentence = "A long note that goes on and on about its source, with page numbers and a quotation that fills line after line of the references pane. ";
    let mut inlines = vec![Inline::text("Text citing every note.")];
    for (n, label) in labels.iter().enumerate() {
        inlines.push(Inline::Citation {
            label: label.to_string(),
            reference: Some(n),
        });
    }
    Article {
        title: "Long notes".to_string(),
        sections: vec![Section {
            heading: None,
            level: 0,
            blocks: vec![Block::Paragraph { inlines }],
        }],
        references: labels
            .iter()
            .enumerate()
            .map(|(n, label)| Reference {
                label: label.to_string(),
                group: None,
                text: vec![Inline::text(sentence.repeat(1 + n % 3))],
                urls: Vec::new(),
                cite: None,
            })
            .collect(),
        ..Article::default()
    }
}

#[test]
fn paging_the_references_moves_a_page_of_lines_and_keeps_the_selection_on_screen() {
    let mut session = Session::of_article(long_references(), 80, 24);
    session.keys("tab");
    assert_eq!(session.app.focus(), Pane::References);
    let height = session
        .app
        .screen()
        .inner(Pane::References)
        .map_or(0, |rect| usize::from(rect.height));
    let len = session
        .app
        .pane_lines(Pane::References)
        .map_or(0, |lines| lines.len());
    let mut selected = Vec::new();
    for key in ["pgdn", "ctrl-d", "space", "pgdn", "ctrl-d", "space"] {
        let before = session.app.scroll(Pane::References);
        session.keys(key);
        let moved = session.app.scroll(Pane::References) - before;
        let page = if key == "ctrl-d" {
            height / 2
        } else {
            height - 2
        };
        assert_eq!(
            moved,
            page.min(len - height - before),
            "{key} moved {moved}"
        );
        let reference = session.app.selected_reference();
        let Some(reference) = reference else {
            panic!("{key}: nothing selected");
        };
        let (first, last) = session
            .app
            .pane_lines(Pane::References)
            .and_then(|lines| lines.lines_of(Anchor::Reference(reference)))
            .unwrap_or_default();
        assert!(
            (first..=last).any(|line| session.shows_line(Pane::References, line)),
            "{key}: the selected reference {reference} is off screen"
        );
        selected.push(reference);
    }
    // The selection moves on with the pages.
    assert!(
        selected.windows(2).all(|pair| pair[0] <= pair[1]),
        "{selected:?}"
    );
    assert!(selected.last() > selected.first(), "{selected:?}");
}

#[test]
fn enter_on_a_reference_cited_once_says_so_and_adds_no_history_step() {
    let mut session = bundled();
    session.keys("] ] ] enter");
    assert_eq!(session.app.focus(), Pane::References);
    session.keys("enter");
    assert_eq!(
        session.app.message(),
        Some("[3] is cited once in the text, here.")
    );
    assert_eq!(session.app.selection(), Some(TextSelection::Citation(2)));
    // One Back returns to the marker the reference was reached from; there is no step more.
    session.keys("backspace");
    assert_eq!(session.app.focus(), Pane::Text);
    assert_eq!(session.app.selection(), Some(TextSelection::Citation(2)));
    session.keys("backspace");
    assert_eq!(session.app.message(), Some("Nothing to go back to."));
}

#[test]
fn o_on_a_link_to_a_missing_article_says_it_is_missing() {
    let mut session = Session::open(ALPHA, 120, 40);
    session.keys("} }");
    assert_eq!(session.app.selection(), Some(TextSelection::Link(1)));
    session.keys("o");
    let message = session.app.message().unwrap_or_default().to_string();
    assert!(message.contains("Folio test article Gamma"), "{message}");
    assert!(message.contains("missing"), "{message}");
    assert!(session.opened_urls.is_empty());
    // A link to an article the library has: Enter opens it, and the message names the key.
    session.keys("{ o");
    assert_eq!(
        session.app.message(),
        Some("That link is an article, not a URL: Enter opens it.")
    );
}

#[test]
fn prompts_take_ctrl_u_ctrl_w_and_earlier_entries() {
    let mut session = bundled();
    session.keys("/");
    session.type_text("camp ashraf");
    session.keys("ctrl-w");
    assert_eq!(find_query(&session), "camp ");
    session.keys("ctrl-u");
    assert_eq!(find_query(&session), "");
    session.type_text("iraq");
    session.keys("enter /");
    session.type_text("massacre");
    session.keys("enter /");
    session.keys("up");
    assert_eq!(find_query(&session), "massacre");
    session.keys("up");
    assert_eq!(find_query(&session), "iraq");
    session.keys("up");
    assert_eq!(find_query(&session), "iraq");
    session.keys("down");
    assert_eq!(find_query(&session), "massacre");
    session.keys("down");
    assert_eq!(find_query(&session), "");
    session.keys("esc s");
    session.type_text("camp ashraf");
    session.keys("ctrl-w");
    let search_query = |session: &Session| match session.app.overlay() {
        Some(Overlay::Search(search)) => search.query.clone(),
        other => panic!("no search: {other:?}"),
    };
    assert_eq!(search_query(&session), "camp ");
    // A search that opened an article comes back with ↑ on the first result.
    session.keys("ctrl-u");
    session.type_text("alpha");
    session.keys("enter");
    assert_eq!(session.title(), ALPHA);
    session.keys("s up");
    assert_eq!(search_query(&session), "alpha");
}

fn find_query(session: &Session) -> String {
    match session.app.overlay() {
        Some(Overlay::Find(prompt)) => prompt.query.clone(),
        other => panic!("no find prompt: {other:?}"),
    }
}

#[test]
fn hints_and_messages_name_the_keys_in_force() {
    let text = "[keys.browse]\nf1 = \"help\"\n\"?\" = \"quit\"\nf = \"follow\"\n\"]\" = \"next_link\"\n\"ctrl-n\" = \"next_citation\"\n";
    let config = folio::config::Config::parse(text, true).unwrap_or_else(|e| panic!("{e:?}"));
    let mut session = Session::with_config(config, 120, 40);
    assert_eq!(
        session
            .app
            .key_hint(folio::keymap::Context::Browse, Action::Help),
        Some("F1".to_string())
    );
    session.keys("enter");
    assert_eq!(
        session.app.message(),
        Some("Nothing selected: Ctrl-n selects a marker, ] a link.")
    );
    session.keys("ctrl-n f");
    assert!(
        session
            .status_detail()
            .contains("cited once, Enter goes there"),
        "{}",
        session.status_detail()
    );
}

#[test]
fn the_status_names_the_section_at_the_top_of_the_text() {
    let mut session = Session::open(BUNDLED, 80, 24);
    assert_eq!(session.app.status().section, None);
    let line = session
        .app
        .pane_lines(Pane::Text)
        .and_then(|lines| lines.line_of(Anchor::Section(1)))
        .unwrap_or_default();
    for _ in 0..line {
        session.keys("j");
    }
    assert_eq!(session.app.status().section.as_deref(), Some("Reactions"));
    session.keys("k");
    assert_eq!(session.app.status().section, None);
}

#[test]
fn a_key_hides_the_side_panes_and_brings_them_back() {
    let mut session = Session::open(BUNDLED, 80, 24);
    let text_rows = |session: &Session| session.app.screen().pane(Pane::Text).map(|r| r.height);
    assert_eq!(text_rows(&session), Some(14));
    session.keys("] ] ] z");
    assert!(session.app.zoomed());
    assert_eq!(text_rows(&session), Some(23));
    assert!(session.app.screen().pane(Pane::References).is_none());
    assert!(anchor_in_view(&session, Pane::Text, Anchor::Citation(2)));
    // Zoomed, the references take the whole screen when focused; the text keeps its place.
    session.keys("enter");
    assert!(session.app.screen().pane(Pane::Text).is_none());
    session.keys("tab");
    assert_eq!(session.app.focus(), Pane::Text);
    assert!(anchor_in_view(&session, Pane::Text, Anchor::Citation(2)));
    session.keys("esc j j j");
    let top = session.app.scroll(Pane::Text);
    assert!(top > 0);
    session.keys("tab tab tab");
    assert_eq!(session.app.focus(), Pane::Text);
    assert_eq!(session.app.scroll(Pane::Text), top);
    session.keys("z");
    assert_eq!(text_rows(&session), Some(14));
    assert!(session.app.screen().pane(Pane::References).is_some());
}

#[test]
fn a_find_match_stays_in_view_across_a_resize() {
    let mut session = Session::open(BUNDLED, 120, 40);
    session.keys("/");
    session.type_text("Catherine");
    session.keys("enter");
    let current = |session: &Session| session.app.find().and_then(|f| f.current_match());
    let Some(found) = current(&session) else {
        panic!("no match");
    };
    assert!(session.shows_line(Pane::Text, found.line));
    for (width, height) in [(40, 20), (80, 24), (30, 8), (120, 40)] {
        session.act(Action::Resize { width, height });
        let Some(found) = current(&session) else {
            panic!("the match is lost at {width}×{height}");
        };
        assert!(
            session.shows_line(Pane::Text, found.line),
            "the match is out of view at {width}×{height}"
        );
    }
}

#[test]
fn a_long_message_can_be_read_whole_in_the_message_log() {
    let mut session = Session::open(BUNDLED, 40, 20);
    let long = "Warning: a very long message that cannot fit on a status line forty columns wide, ending here.";
    session.app.notify(long);
    session.keys("m");
    let Some(Overlay::Messages(sheet)) = session.app.overlay() else {
        panic!("no message log");
    };
    let shown: String = sheet
        .lines
        .iter()
        .filter_map(|row| match row {
            Row::Entry(_, text) => Some(text.as_str()),
            _ => None,
        })
        .collect::<Vec<_>>()
        .join(" ");
    assert_eq!(shown, long);
    session.keys("esc");
    assert!(session.app.overlay().is_none());
}

#[test]
fn config_problems_stay_until_read() {
    let mut session = bundled();
    session.app.notify_until_read(
        "Config: 2 problems, using the defaults — /x/config.toml\nline 2: a\nline 3: b",
    );
    session.keys("j ] j");
    let status = session.app.status();
    assert!(status.is_message && status.message_continues);
    assert_eq!(
        status.detail,
        "Config: 2 problems, using the defaults — /x/config.toml"
    );
    session.keys("m");
    let Some(Overlay::Messages(sheet)) = session.app.overlay() else {
        panic!("no message log");
    };
    assert!(
        sheet
            .rows
            .contains(&Row::Entry(String::new(), "line 3: b".to_string()))
    );
    session.keys("esc");
    assert_eq!(session.app.message(), None);
}

#[test]
fn info_tells_about_the_article_and_each_source() {
    let mut session = bundled();
    session.keys("i");
    let Some(Overlay::Info(sheet)) = session.app.overlay() else {
        panic!("no info");
    };
    let facts: Vec<(&str, &str)> = sheet
        .rows
        .iter()
        .filter_map(|row| match row {
            Row::Entry(key, value) => Some((key.as_str(), value.as_str())),
            _ => None,
        })
        .collect();
    let has = |key: &str, value: &str| facts.iter().any(|&(k, v)| k == key && v == value);
    assert!(
        has(
            "Source",
            "bundled:000_2fa5264a87595d6d.txt (read as outline)"
        ),
        "{facts:?}"
    );
    assert!(
        has(
            "Source",
            "bundled:001_1b985710a8456a24.txt (read as plaintext)"
        ),
        "{facts:?}"
    );
    assert!(has("Warnings", "none"), "{facts:?}");
    assert!(has("Articles", BUNDLED), "{facts:?}");
    let library = app_support::library_path();
    assert!(has("Path", &library), "{facts:?}");
    assert!(has("Articles", "2"), "{facts:?}");
}
