//! The full-text search and the languages in the info view, without a terminal or a wiki: the
//! state after actions, with the results the event loop would hand back given by the test.

mod app_support;

use app_support::{BUNDLED, Session};
use folio::action::{Action, Effect, Navigation};
use folio::app::languages::Languages;
use folio::app::overlay::{Overlay, Row};
use folio::wiki::languages::Language;
use folio::wiki::search::Hit;
use folio::wiki::snippet::Snippet;

const WIKI: &str = "http://127.0.0.1:9";

fn hit(title: &str, snippet: &str) -> Hit {
    Hit {
        title: title.to_string(),
        snippet: Snippet::from_html(snippet),
        wiki: WIKI.to_string(),
    }
}

fn hits() -> Vec<Hit> {
    vec![
        hit(
            "Camp Ashraf",
            r#"the <span class="searchmatch">camp</span> north of Baghdad"#,
        ),
        hit(
            "Camp Liberty",
            r#"moved from <span class="searchmatch">Camp</span> Ashraf &amp; resettled"#,
        ),
    ]
}

/// Types into the prompt and returns the effect of the last character.
fn type_in(session: &mut Session, text: &str) -> Option<Effect> {
    text.chars()
        .map(|c| session.app.update(Action::Type(c)))
        .last()
        .flatten()
}

fn text_search(session: &Session) -> &folio::app::text_search::TextSearch {
    match session.app.overlay() {
        Some(Overlay::TextSearch(search)) => search,
        other => panic!("{other:?}"),
    }
}

#[test]
fn words_are_searched_on_enter_and_a_result_opens_from_its_wiki() {
    let mut session = Session::open(BUNDLED, 100, 30);
    assert_eq!(session.app.update(Action::SearchText), None);
    // Typing asks nothing: each search is a request to every wiki.
    assert_eq!(type_in(&mut session, "camp"), None);
    let effect = session.app.update(Action::Confirm);
    let Some(Effect::SearchText { query, generation }) = effect else {
        panic!("{effect:?}");
    };
    assert_eq!(query, "camp");
    assert_eq!(
        session.app.status().detail,
        "Searching the full text for “camp”…"
    );
    session.app.text_search_asking(generation, WIKI.to_string());
    assert_eq!(
        session.app.status().detail,
        format!("Searching the full text of {WIKI} for “camp”…")
    );
    // Enter again while it searches asks nothing more.
    assert_eq!(session.app.update(Action::Confirm), None);
    session
        .app
        .show_text_results(generation, Ok((hits(), Vec::new())));
    assert!(!session.app.is_searching_text());
    assert!(!session.app.status().detail.starts_with("Searching"));
    let search = text_search(&session);
    assert_eq!(search.results.items.len(), 2);
    assert_eq!(
        search.results.items[1].snippet.text(),
        "moved from Camp Ashraf & resettled"
    );
    session.app.update(Action::Down);
    let effect = session.app.update(Action::Confirm);
    assert_eq!(
        effect,
        Some(Effect::OpenOnWiki {
            title: "Camp Liberty".to_string(),
            wiki: WIKI.to_string(),
        })
    );
    assert!(session.app.overlay().is_none());
    let loading = session.app.loading().cloned();
    assert_eq!(
        loading.map(|l| (l.title, l.via)),
        Some(("Camp Liberty".to_string(), Navigation::Follow))
    );
}

#[test]
fn words_changed_are_searched_again_and_older_results_are_dropped() {
    let mut session = Session::open(BUNDLED, 100, 30);
    session.app.update(Action::SearchText);
    type_in(&mut session, "camp");
    let Some(Effect::SearchText {
        generation: first, ..
    }) = session.app.update(Action::Confirm)
    else {
        panic!("no search");
    };
    session
        .app
        .show_text_results(first, Ok((hits(), Vec::new())));
    type_in(&mut session, "s");
    // The results shown are for other words now: Enter searches rather than opens.
    let effect = session.app.update(Action::Confirm);
    let Some(Effect::SearchText { query, generation }) = effect else {
        panic!("{effect:?}");
    };
    assert_eq!(query, "camps");
    assert!(generation > first);
    assert!(text_search(&session).results.items.is_empty());
    session
        .app
        .show_text_results(first, Ok((hits(), Vec::new())));
    assert!(text_search(&session).results.items.is_empty());
    assert!(session.app.is_searching_text());
    // Esc while it searches closes it and stops asking the wikis.
    assert_eq!(
        session.app.update(Action::Close),
        Some(Effect::CancelSearch)
    );
    assert!(session.app.overlay().is_none());
    session
        .app
        .show_text_results(generation, Ok((hits(), Vec::new())));
    assert!(session.app.overlay().is_none());
}

#[test]
fn tab_switches_between_titles_and_full_text_with_the_words_typed() {
    let mut session = Session::open(BUNDLED, 100, 30);
    session.keys("s");
    type_in(&mut session, "ashraf");
    session.keys("tab");
    let search = text_search(&session);
    assert_eq!(search.query, "ashraf");
    // The words brought along are searched at once (the test library has no wiki to ask).
    assert_eq!(search.asked.as_deref(), Some("ashraf"));
    session.keys("tab");
    match session.app.overlay() {
        Some(Overlay::Search(search)) => assert_eq!(search.query, "ashraf"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn without_a_wiki_full_text_search_says_it_needs_one() {
    let mut session = Session::open(BUNDLED, 100, 30);
    session.keys("S");
    session.type_text("massacre");
    session.keys("enter");
    let search = text_search(&session);
    assert!(!search.searching);
    assert!(search.results.items.is_empty());
    assert!(
        search.problems[0].starts_with("full-text search needs a live wiki"),
        "{:?}",
        search.problems
    );
    session.keys("esc");
    assert!(session.app.overlay().is_none());
}

fn language(code: &str, name: &str, title: &str) -> Language {
    Language {
        code: code.to_string(),
        name: Some(name.to_string()),
        title: title.to_string(),
        url: Some(format!(
            "https://{code}.example.org/wiki/{}",
            title.replace(' ', "_")
        )),
    }
}

fn info_rows(session: &Session) -> Vec<Row> {
    match session.app.overlay() {
        Some(Overlay::Info(sheet)) => sheet.rows.clone(),
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_local_article_has_no_languages_in_its_info() {
    let mut session = Session::open(BUNDLED, 100, 30);
    session.keys("i");
    let rows = info_rows(&session);
    assert!(!rows.contains(&Row::Heading("Other languages".to_string())));
    assert!(session.app.wants_languages());
    assert_eq!(session.app.page_languages(), None);
    // Down scrolls as before; Enter closes.
    session.keys("j enter");
    assert!(session.app.overlay().is_none());
}

#[test]
fn languages_arrive_in_the_open_info_view_and_one_opens_by_its_url() {
    let mut session = Session::open(BUNDLED, 100, 30);
    let sources = session.app.page().article.sources.clone();
    session.keys("i");
    session.app.asking_languages();
    assert!(!session.app.wants_languages());
    assert!(info_rows(&session).contains(&Row::Entry(String::new(), "asking the wiki…".into())));
    // An answer for another page is dropped.
    session
        .app
        .show_languages(vec!["elsewhere".into()], Ok(Vec::new()));
    assert_eq!(session.app.page_languages(), Some(&Languages::Asking));
    let found = vec![
        language("de", "Deutsch", "Camp Ashraf"),
        language("fr", "français", "Camp d'Achraf"),
    ];
    session.app.show_languages(sources, Ok(found));
    let rows = info_rows(&session);
    assert!(rows.contains(&Row::Choice(
        "fr".into(),
        "français: Camp d'Achraf".into(),
        1
    )));
    session.keys("j j");
    let effect = session.app.update(Action::Confirm);
    assert_eq!(
        effect,
        Some(Effect::OpenArticleUrl {
            url: "https://fr.example.org/wiki/Camp_d'Achraf".to_string(),
            title: "Camp d'Achraf".to_string(),
        })
    );
    assert!(session.app.overlay().is_none());
    assert_eq!(
        session.app.loading().map(|loading| loading.title.clone()),
        Some("Camp d'Achraf".to_string())
    );
}

#[test]
fn languages_that_could_not_be_had_are_said_in_the_info_view() {
    let mut session = Session::open(BUNDLED, 100, 30);
    let sources = session.app.page().article.sources.clone();
    session.keys("i");
    session.app.asking_languages();
    session.app.show_languages(
        sources,
        Err("http://127.0.0.1:9 : connection refused".into()),
    );
    assert!(info_rows(&session).contains(&Row::Entry(
        String::new(),
        "not known: http://127.0.0.1:9 : connection refused".into()
    )));
    // With nothing to choose, Enter closes the view as before.
    session.keys("j enter");
    assert!(session.app.overlay().is_none());
    // What failed is asked again when the view opens again.
    assert!(session.app.wants_languages());
}
