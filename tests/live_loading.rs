//! The screen never freezes on a live wiki: a library holding the test MediaWiki (behind the
//! fault proxy, which holds one page back) is browsed through `tui::Browser`, as the event loop
//! does. While the held page loads the status line says what loads and from which wiki, keys are
//! answered, `Esc` cancels, and the page that comes later is dropped. The test handles each
//! message itself, so no step depends on how long anything takes.

mod support;

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use folio::app::page::Page;
use folio::app::{App, TextSelection};
use folio::article::LinkTarget;
use folio::config::Config;
use folio::library::Library;
use folio::tui::{Browser, Handled, Message};
use folio::wiki::http::{Client, Settings};
use folio::wiki::{Wiki, WikiSource};
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver};
use std::time::Duration;
use support::fault_proxy::{Fault, FaultProxy};
use support::http;
use support::mediawiki::{self, ALPHA, BETA};

/// How long the proxy holds the page back: the test has pressed its keys long before.
const HELD: Duration = Duration::from_secs(5);

fn key(code: KeyCode) -> Message {
    Message::Input(Ok(Event::Key(KeyEvent::new(code, KeyModifiers::NONE))))
}

fn press(browser: &mut Browser, code: KeyCode) {
    let handled = browser.handle(key(code));
    assert!(
        matches!(handled, Ok(Handled::Redraw)),
        "{code:?}: {handled:?}"
    );
}

/// Handles messages until load `generation` is done.
fn until_loaded(browser: &mut Browser, messages: &Receiver<Message>, generation: u64) {
    loop {
        let message = messages
            .recv()
            .unwrap_or_else(|error| panic!("the channel: {error}"));
        let done = matches!(&message, Message::Loaded { generation: g, .. } if *g == generation);
        let handled = browser.handle(message);
        assert!(handled.is_ok(), "{handled:?}");
        if done {
            return;
        }
    }
}

#[test]
fn a_held_page_leaves_the_keys_answered_and_esc_cancels_it() {
    let wiki = mediawiki::Wiki::start();
    let proxy = FaultProxy::start(wiki.address());
    let url = format!("{}/wiki/{}", proxy.url(), http::encode_title(ALPHA));
    let parsed = folio::wiki::url::parse(&url).unwrap_or_else(|error| panic!("{error}"));
    let source = Wiki::new(
        &parsed,
        Arc::new(Client::new(Settings::default())),
        None,
        false,
    );
    let mut library = Library::new();
    library.add(Box::new(WikiSource(Arc::new(source))));
    let reading = library
        .open(ALPHA)
        .unwrap_or_else(|error| panic!("{ALPHA} from the test wiki: {error}"));
    let page = Page::of_reading(reading, |title| library.contains(title));
    let config = Config::defaults(true);
    let mut app = App::new(page, &config, 120, 40);
    app.complete_layout();
    let (sender, messages) = mpsc::channel();
    let mut browser = Browser::new(app, config.keymap, Arc::new(library), sender)
        .unwrap_or_else(|error| panic!("the workers: {error}"));

    proxy.inject(&http::encode_title(BETA), Fault::Delay(HELD));
    let beta = browser
        .app()
        .page()
        .links
        .iter()
        .position(|link| link.target == LinkTarget::Article(BETA.to_string()))
        .unwrap_or_else(|| panic!("no link to {BETA}"));
    while browser.app().selection() != Some(TextSelection::Link(beta)) {
        press(&mut browser, KeyCode::Char('}'));
    }
    press(&mut browser, KeyCode::Enter);
    let generation = browser
        .app()
        .loading()
        .map(|loading| loading.generation)
        .unwrap_or_else(|| panic!("following {BETA} started no load"));
    // The worker says where it reads from before the request.
    let Ok(message) = messages.recv() else {
        panic!("the channel closed");
    };
    assert!(
        matches!(&message, Message::LoadingFrom { .. }),
        "{message:?}"
    );
    assert!(browser.handle(message).is_ok());
    let detail = browser.app().status().detail;
    assert_eq!(
        detail,
        format!("Loading “{BETA}” from {}…", proxy.url()),
        "{detail}"
    );

    // While the proxy holds the page: the help opens and closes, the text scrolls.
    press(&mut browser, KeyCode::Char('?'));
    assert!(browser.app().overlay().is_some());
    press(&mut browser, KeyCode::Esc);
    assert!(browser.app().overlay().is_none());
    assert!(
        browser.app().loading().is_some(),
        "Esc closed the help only"
    );
    press(&mut browser, KeyCode::Char('j'));
    press(&mut browser, KeyCode::Esc);
    assert_eq!(
        browser.app().status().detail,
        format!("Cancelled loading “{BETA}”.")
    );
    until_loaded(&mut browser, &messages, generation);
    assert_eq!(browser.app().page().title(), ALPHA);
    let asked = proxy
        .exchanges()
        .iter()
        .any(|exchange| exchange.target().contains(&http::encode_title(BETA)));
    assert!(
        asked,
        "the page was never asked for: {:?}",
        proxy.exchanges()
    );
}
