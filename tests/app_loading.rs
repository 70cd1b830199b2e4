//! Loads run off the event loop: with a source that holds an article back until the test lets
//! it go, keys are answered while it loads, the status line says what is loading and from where,
//! Esc cancels, and a result the reader has moved on from is dropped. Driven through
//! `tui::Browser` (what the event loop does with each message) and through `tui::event_loop`
//! itself, with the channel and the screen in the test's hands. No test waits on a clock: every
//! wait is for a message or a frame.

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use folio::app::page::Page;
use folio::app::{App, Pane, TextSelection};
use folio::config::Config;
use folio::format::Format;
use folio::library::Library;
use folio::source::{Document, Presence, Source, SourceError, Wanted};
use folio::text::title_key;
use folio::tui::{Browser, Handled, Message, Revalidated, event_loop};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::io;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Condvar, Mutex};
use std::thread::{Scope, ScopedJoinHandle};
use std::time::{Duration, Instant};

const START: &str = "Start";
const SLOW: &str = "Slow";
const QUICK: &str = "Quick";
const BROKEN: &str = "Broken";
const SOURCE: &str = "gate.test";

/// A gate the slow article waits behind until the test opens it.
#[derive(Default)]
struct Gate {
    open: Mutex<bool>,
    opened: Condvar,
}

impl Gate {
    fn wait(&self) {
        let mut open = self
            .open
            .lock()
            .unwrap_or_else(|poison| poison.into_inner());
        while !*open {
            open = self
                .opened
                .wait(open)
                .unwrap_or_else(|poison| poison.into_inner());
        }
    }

    fn release(&self) {
        *self
            .open
            .lock()
            .unwrap_or_else(|poison| poison.into_inner()) = true;
        self.opened.notify_all();
    }
}

/// Four articles: the start (long, linking the others), one held behind the gate, one that
/// opens at once (and says which time it was read, for reloads), and one that cannot be read.
struct Held {
    gate: Arc<Gate>,
    reads: AtomicUsize,
}

impl Held {
    fn text(&self, key: &str) -> Option<String> {
        if key == title_key(START) {
            let mut text = format!("Links: [[{SLOW}]], [[{QUICK}]] and [[{BROKEN}]].\n\n");
            for paragraph in 1..=80 {
                text.push_str(&format!("Paragraph {paragraph} of the start.\n\n"));
            }
            Some(text)
        } else if key == title_key(SLOW) {
            Some("The slow article, back to [[Start]].\n".to_string())
        } else if key == title_key(QUICK) {
            let read = self.reads.fetch_add(1, Ordering::Relaxed) + 1;
            let mut text =
                format!("Quick, read {read} times.<ref>A note.</ref> On to [[{SLOW}]].\n\n");
            for paragraph in 1..=80 {
                text.push_str(&format!("Quick paragraph {paragraph}.\n\n"));
            }
            text.push_str("== Notes ==\n<references/>\n");
            Some(text)
        } else {
            None
        }
    }
}

/// Every title the held source has.
const TITLES: [&str; 4] = [BROKEN, QUICK, SLOW, START];

impl Source for Held {
    fn name(&self) -> String {
        SOURCE.to_string()
    }

    fn titles(&self) -> Option<Vec<String>> {
        Some(TITLES.map(str::to_string).to_vec())
    }

    fn contains(&self, wanted: Wanted) -> Presence {
        if TITLES.iter().any(|title| title_key(title) == wanted.key) {
            Presence::Present
        } else {
            Presence::Absent
        }
    }

    fn documents(&self, wanted: Wanted) -> Result<Vec<Document>, SourceError> {
        let key = wanted.key;
        if key == title_key(BROKEN) {
            return Err(SourceError::Broken("the test's broken article".to_string()));
        }
        if key == title_key(SLOW) {
            self.gate.wait();
        }
        let title = TITLES.iter().find(|t| title_key(t) == key);
        match (title, self.text(key)) {
            (Some(title), Some(text)) => Ok(vec![Document {
                name: format!("{title}.wiki"),
                bytes: text.into_bytes(),
                format: Some(Format::Wikitext),
                warnings: Vec::new(),
            }]),
            _ => Ok(Vec::new()),
        }
    }
}

struct Test {
    browser: Browser,
    messages: Receiver<Message>,
    gate: Arc<Gate>,
}

impl Drop for Test {
    /// A load still held lets go, so no thread waits forever.
    fn drop(&mut self) {
        self.gate.release();
    }
}

fn library(gate: &Arc<Gate>) -> Library {
    let mut library = Library::new();
    library.add(Box::new(Held {
        gate: Arc::clone(gate),
        reads: AtomicUsize::new(0),
    }));
    library
}

/// The start article in a browser whose workers answer on a channel the test reads.
fn start() -> (Browser, Sender<Message>, Receiver<Message>, Arc<Gate>) {
    let gate = Arc::new(Gate::default());
    let library = library(&gate);
    let reading = library
        .open(START)
        .unwrap_or_else(|error| panic!("the start article: {error}"));
    let page = Page::of_reading(reading, |title| library.contains(title));
    let config = Config::defaults(true);
    let mut app = App::new(page, &config, 80, 24);
    app.complete_layout();
    let (sender, messages) = mpsc::channel();
    let browser = Browser::new(app, config.keymap, Arc::new(library), sender.clone())
        .unwrap_or_else(|error| panic!("the workers: {error}"));
    (browser, sender, messages, gate)
}

fn test() -> Test {
    let (browser, _, messages, gate) = start();
    Test {
        browser,
        messages,
        gate,
    }
}

/// A key as the terminal sends it, written as in the config file (a few names).
fn key(name: &str) -> Message {
    let code = match name {
        "enter" => KeyCode::Enter,
        "esc" => KeyCode::Esc,
        "backspace" => KeyCode::Backspace,
        _ => match name.chars().collect::<Vec<_>>().as_slice() {
            [c] => KeyCode::Char(*c),
            _ => panic!("no such key in the test: {name}"),
        },
    };
    Message::Input(Ok(Event::Key(KeyEvent::new(code, KeyModifiers::NONE))))
}

/// The status line as drawn.
fn status_line(app: &App) -> String {
    let mut terminal = Terminal::new(TestBackend::new(80, 24))
        .unwrap_or_else(|error| panic!("the test terminal: {error}"));
    if let Err(error) = terminal.draw(|frame| folio::ui::render(app, frame)) {
        panic!("drawing: {error}");
    }
    row(terminal.backend(), 23)
}

fn row(backend: &TestBackend, y: u16) -> String {
    let buffer = backend.buffer();
    (0..buffer.area.width)
        .map(|x| buffer[(x, y)].symbol().to_string())
        .collect()
}

impl Test {
    fn press(&mut self, keys: &str) {
        for name in keys.split(' ') {
            let handled = self.browser.handle(key(name));
            assert!(
                matches!(handled, Ok(Handled::Redraw)),
                "{name}: {handled:?}"
            );
        }
    }

    /// Handles what the workers send until load `generation` is done; true if the app took it.
    fn until_loaded(&mut self, generation: u64) -> bool {
        loop {
            let message = self
                .messages
                .recv()
                .unwrap_or_else(|error| panic!("the channel: {error}"));
            let done =
                matches!(&message, Message::Loaded { generation: g, .. } if *g == generation);
            let title = self.browser.app().page().title().to_string();
            let handled = self.browser.handle(message);
            assert!(handled.is_ok(), "{handled:?}");
            if done {
                return self.browser.app().page().title() != title;
            }
        }
    }

    /// Handles messages until the worker has said where the load reads from.
    fn until_from_is_known(&mut self) {
        while self
            .browser
            .app()
            .loading()
            .is_some_and(|loading| loading.from.is_none())
        {
            let message = self
                .messages
                .recv()
                .unwrap_or_else(|error| panic!("the channel: {error}"));
            let handled = self.browser.handle(message);
            assert!(handled.is_ok(), "{handled:?}");
        }
    }

    fn generation(&self) -> u64 {
        self.browser
            .app()
            .loading()
            .map(|loading| loading.generation)
            .unwrap_or_else(|| panic!("no load under way"))
    }

    fn title(&self) -> &str {
        self.browser.app().page().title()
    }

    /// Selects the link to `title` and follows it.
    fn follow(&mut self, title: &str) {
        let links = [SLOW, QUICK, BROKEN];
        let Some(index) = links.iter().position(|link| *link == title) else {
            panic!("no link to {title}");
        };
        self.press("g");
        while self.browser.app().selection() != Some(TextSelection::Link(index)) {
            self.press("}");
        }
        self.press("enter");
    }

    /// Presses `keys`, which start a load, and waits for it: true if it landed.
    fn press_and_load(&mut self, keys: &str) -> bool {
        self.press(keys);
        let generation = self.generation();
        self.until_loaded(generation)
    }

    /// Follows the link to `title` and waits for the article.
    fn visit(&mut self, title: &str) {
        self.follow(title);
        let generation = self.generation();
        assert!(self.until_loaded(generation), "{title} did not land");
        assert_eq!(self.title(), title);
    }
}

#[test]
fn keys_are_answered_while_an_article_loads_and_the_status_says_what_loads_from_where() {
    let mut test = test();
    test.follow(SLOW);
    let generation = test.generation();
    test.until_from_is_known();
    let status = status_line(test.browser.app());
    assert!(
        status.contains(&format!("Loading “{SLOW}” from {SOURCE}…")),
        "{status}"
    );
    // The seconds count up (the event loop ticks with the clock; here the test says when).
    let (changed, _) = test.browser.tick(Instant::now() + Duration::from_secs(3));
    assert!(changed);
    let status = status_line(test.browser.app());
    let seconds = status
        .split_once(&format!("from {SOURCE}… "))
        .and_then(|(_, rest)| rest.split_once(" s"))
        .and_then(|(seconds, _)| seconds.parse::<u64>().ok());
    assert!(seconds.is_some_and(|seconds| seconds >= 3), "{status}");
    // The gate is still shut: every one of these is answered while the load is held.
    test.press("j j j");
    assert_eq!(test.browser.app().scroll(Pane::Text), 3);
    assert_eq!(test.title(), START);
    test.press("/");
    assert!(test.browser.app().overlay().is_some());
    test.press("esc");
    assert!(
        test.browser.app().overlay().is_none(),
        "Esc closes the prompt first"
    );
    assert!(test.browser.app().loading().is_some(), "the load goes on");
    test.gate.release();
    assert!(test.until_loaded(generation));
    assert_eq!(test.title(), SLOW);
    assert!(test.browser.app().loading().is_none());
    // Back to the link followed.
    assert!(test.press_and_load("backspace"));
    assert_eq!(test.title(), START);
    assert_eq!(test.browser.app().selection(), Some(TextSelection::Link(0)));
}

#[test]
fn esc_cancels_a_load_and_its_late_result_is_dropped() {
    let mut test = test();
    test.follow(SLOW);
    let generation = test.generation();
    test.press("esc");
    assert!(test.browser.app().loading().is_none());
    let status = status_line(test.browser.app());
    assert!(
        status.contains(&format!("Cancelled loading “{SLOW}”.")),
        "{status}"
    );
    test.gate.release();
    assert!(!test.until_loaded(generation), "the late result was taken");
    assert_eq!(test.title(), START);
    // Nothing of the cancelled load is left in history either.
    test.press("backspace");
    assert_eq!(test.browser.app().status().detail, "Nothing to go back to.");
}

#[test]
fn a_newer_load_overtakes_a_slow_one() {
    let mut test = test();
    test.follow(SLOW);
    let slow = test.generation();
    test.visit(QUICK);
    test.gate.release();
    assert!(!test.until_loaded(slow), "the overtaken load landed");
    assert_eq!(test.title(), QUICK);
}

#[test]
fn going_back_while_loading_drops_the_load() {
    let mut test = test();
    test.visit(QUICK);
    test.follow(SLOW);
    let slow = test.generation();
    assert!(test.press_and_load("backspace"));
    assert_eq!(test.title(), START);
    test.gate.release();
    assert!(!test.until_loaded(slow));
    assert_eq!(test.title(), START);
}

#[test]
fn a_way_back_that_history_no_longer_leads_to_is_dropped() {
    let mut test = test();
    test.visit(QUICK);
    test.press("backspace");
    let back = test.generation();
    // Before the start article comes, the reader follows a marker: a step of its own in
    // history, so the way back asked for is no longer the one back leads to.
    test.press("] enter");
    assert!(!test.until_loaded(back));
    assert_eq!(test.title(), QUICK);
    assert!(test.browser.app().loading().is_none());
}

#[test]
fn an_error_is_one_status_message() {
    let mut test = test();
    test.follow(BROKEN);
    let generation = test.generation();
    test.until_loaded(generation);
    assert_eq!(test.title(), START);
    let detail = test.browser.app().status().detail;
    assert!(
        detail.starts_with(&format!("Could not open “{BROKEN}”:"))
            && detail.contains("the test's broken article")
            && !detail.contains('\n'),
        "{detail}"
    );
}

#[test]
fn reload_swaps_the_article_in_and_keeps_the_place() {
    let mut test = test();
    test.visit(QUICK);
    test.press("j j j j");
    test.press("R");
    let status = status_line(test.browser.app());
    assert!(status.contains(&format!("Reloading “{QUICK}”")), "{status}");
    let generation = test.generation();
    // The same title: `until_loaded` cannot tell by the title, so look at the text.
    test.until_loaded(generation);
    let article = &test.browser.app().page().article;
    let first = article
        .sections
        .first()
        .and_then(|section| section.blocks.first());
    assert!(format!("{first:?}").contains("read 2 times"), "{first:?}");
    assert_eq!(test.browser.app().scroll(Pane::Text), 4);
    assert_eq!(
        test.browser.app().status().detail,
        format!("Reloaded “{QUICK}”.")
    );
    // A reload is no step in history.
    assert!(test.press_and_load("backspace"));
    assert_eq!(test.title(), START);
}

/// A newer revision of `title` as the revalidation worker would send it: read again (the held
/// source counts its reads of QUICK), its sources naming revision 7 of a wiki.
fn newer_revision(test: &Test, title: &str, sources: Vec<String>) -> Message {
    let library = library(&test.gate);
    let mut reading = library
        .open(title)
        .unwrap_or_else(|error| panic!("{title}: {error}"));
    reading.article.sources = vec![format!(
        "http://wiki.test/w/index.php?title={title}&oldid=7"
    )];
    let newer = Page::of_reading(reading, |title| library.contains(title));
    Message::Revalidated(Box::new(Revalidated {
        title: title.to_string(),
        sources,
        newer: Ok(Some(newer)),
        warning: None,
    }))
}

fn sources(test: &Test) -> Vec<String> {
    test.browser.app().page().article.sources.clone()
}

/// A newer revision found in the background is swapped in where the reader is, and said.
#[test]
fn a_newer_revision_is_swapped_in_keeping_the_place() {
    let mut test = test();
    test.visit(QUICK);
    test.press("j j j j");
    let newer = newer_revision(&test, QUICK, sources(&test));
    let handled = test.browser.handle(newer);
    assert!(matches!(handled, Ok(Handled::Redraw)), "{handled:?}");
    assert_eq!(test.title(), QUICK);
    assert_eq!(
        sources(&test),
        [format!(
            "http://wiki.test/w/index.php?title={QUICK}&oldid=7"
        )]
    );
    assert_eq!(test.browser.app().scroll(Pane::Text), 4);
    assert_eq!(
        test.browser.app().status().detail,
        format!("Newer revision of “{QUICK}” loaded (revision 7)")
    );
    // A swap is no step in history.
    assert!(test.press_and_load("backspace"));
    assert_eq!(test.title(), START);
}

/// A newer revision is dropped when the reader left the page, when the page on screen is no
/// longer the revision asked after, and while a load is pending.
#[test]
fn a_newer_revision_the_reader_moved_on_from_is_dropped() {
    let mut test = test();
    let asked = sources(&test);
    test.visit(QUICK);
    let left = newer_revision(&test, START, asked.clone());
    assert!(matches!(test.browser.handle(left), Ok(Handled::Nothing)));
    assert_eq!(test.title(), QUICK);
    let other = newer_revision(&test, QUICK, vec!["elsewhere".to_string()]);
    assert!(matches!(test.browser.handle(other), Ok(Handled::Nothing)));
    assert_eq!(sources(&test), [format!("{QUICK}.wiki")]);
    test.follow(SLOW);
    let pending = newer_revision(&test, QUICK, sources(&test));
    assert!(matches!(test.browser.handle(pending), Ok(Handled::Nothing)));
    assert_eq!(sources(&test), [format!("{QUICK}.wiki")]);
    assert!(test.browser.app().loading().is_some());
}

/// `x` asks for a random article off the event loop; a library with no live wiki says so.
#[test]
fn a_random_article_needs_a_live_wiki() {
    let mut test = test();
    test.press("x");
    let status = status_line(test.browser.app());
    assert!(status.contains("Loading “a random article”"), "{status}");
    let generation = test.generation();
    assert!(!test.until_loaded(generation));
    assert_eq!(test.title(), START);
    let said = &test.browser.app().status().detail;
    assert!(
        said.starts_with("No random article: no live wiki"),
        "{said}"
    );
}

/// The event loop on a thread of `scope`, drawing into an 80×24 test screen; of each frame, the
/// text's first line and the status line are sent on `frames`.
fn spawn_loop<'scope>(
    scope: &'scope Scope<'scope, '_>,
    browser: &'scope mut Browser,
    messages: Receiver<Message>,
    stop: &'scope AtomicBool,
    frames: Sender<(String, String)>,
) -> ScopedJoinHandle<'scope, io::Result<()>> {
    scope.spawn(move || {
        let mut terminal = Terminal::new(TestBackend::new(80, 24))
            .unwrap_or_else(|error| panic!("the test terminal: {error}"));
        event_loop(browser, &messages, stop, |app| {
            terminal
                .draw(|frame| folio::ui::render(app, frame))
                .unwrap_or_else(|error| panic!("drawing: {error}"));
            let backend = terminal.backend();
            let _ = frames.send((row(backend, 1), row(backend, 23)));
            Ok(())
        })
    })
}

/// Waits for a frame (text's first line, status line) that `wanted` picks.
fn frame_where(
    drawn: &Receiver<(String, String)>,
    wanted: impl Fn(&str, &str) -> bool,
) -> (String, String) {
    loop {
        let Ok((top, status)) = drawn.recv() else {
            panic!("the loop ended before the frame came");
        };
        if wanted(&top, &status) {
            return (top, status);
        }
    }
}

#[test]
fn the_event_loop_answers_keys_and_quits_while_a_load_is_held() {
    let (mut browser, sender, messages, gate) = start();
    let (frames, drawn) = mpsc::channel();
    let stop = AtomicBool::new(false);
    let ended = std::thread::scope(|scope| {
        let looping = spawn_loop(scope, &mut browser, messages, &stop, frames);
        for name in ["}", "enter"] {
            let _ = sender.send(key(name));
        }
        let (top_before, _) = frame_where(&drawn, |_, status| {
            status.contains(&format!("Loading “{SLOW}” from {SOURCE}"))
        });
        let _ = sender.send(key("j"));
        // The next frame with the loading text still up shows the text one line on.
        let (top_after, status) = frame_where(&drawn, |top, _| top != top_before);
        assert!(status.contains(&format!("Loading “{SLOW}”")), "{status}");
        let _ = sender.send(key("q"));
        let ended = looping.join();
        // Only now does the article come: quitting did not wait for it.
        gate.release();
        assert_ne!(top_before, top_after);
        ended
    });
    assert!(matches!(ended, Ok(Ok(()))), "{ended:?}");
    assert_eq!(browser.app().page().title(), START);
}

#[test]
fn a_signal_ends_the_event_loop_while_a_load_is_held() {
    let (mut browser, sender, messages, gate) = start();
    let (frames, drawn) = mpsc::channel();
    let stop = AtomicBool::new(false);
    let ended = std::thread::scope(|scope| {
        let looping = spawn_loop(scope, &mut browser, messages, &stop, frames);
        for name in ["}", "enter"] {
            let _ = sender.send(key(name));
        }
        frame_where(&drawn, |_, status| {
            status.contains(&format!("Loading “{SLOW}”"))
        });
        // What the signal handler does: the loop sees it without any message coming.
        stop.store(true, Ordering::Relaxed);
        let ended = looping.join();
        gate.release();
        ended
    });
    assert!(matches!(ended, Ok(Ok(()))), "{ended:?}");
    assert!(browser.app().loading().is_some());
}
