//! The terminal: set up and always restored (on quit, on a panic, on every catchable signal that
//! ends the process), and the event loop. The loop waits on one channel for everything: terminal
//! events (read on a thread of their own, `input`) and the workers' results (articles opened by
//! `loader`, titles found by `search_worker`). It draws → takes a message → keymap → `App::update`
//! → hands slow effects to a worker and performs the quick ones, so no load ever holds up a key.

pub mod clipboard;
mod export;
mod input;
mod languages;
mod loader;
mod message;
mod revalidate;
mod search_worker;
mod worker;

pub use loader::Opened;
pub use message::Message;
pub use revalidate::Revalidated;
pub use search_worker::Batch;

use crate::action::{Action, Effect, Navigation};
use crate::app::page::Page;
use crate::app::{App, SEARCH_LIMIT};
use crate::config::Config;
use crate::format::Reading;
use crate::keymap::{Key, Keymap};
use crate::library::Library;
use crossterm::event::{
    self, DisableMouseCapture, EnableMouseCapture, Event, KeyEventKind, MouseEventKind,
};
use crossterm::{cursor, execute};
use loader::Loader;
use revalidate::Revalidator;
use search_worker::SearchWorker;
use std::borrow::Cow;
use std::io::{self, IsTerminal, Write};
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::time::{Duration, Instant};

/// How long to wait for a message before checking for a signal.
const SIGNAL_CHECK: Duration = Duration::from_millis(200);
/// How often to check that the terminal is still there.
const TERMINAL_CHECK: Duration = Duration::from_millis(500);
/// The exit status of a process ended by a hang-up (128 + SIGHUP).
const EXIT_HANG_UP: i32 = 129;
/// The signals whose default action ends the process and that a program may catch; each one
/// restores the terminal first. (SIGBUS, SIGTRAP, SIGSYS and SIGABRT report faults in folio
/// itself and keep their default; SIGINT comes only from outside, as Ctrl-c is a key in raw mode.)
const ENDING_SIGNALS: &[i32] = &[
    signal_hook::consts::SIGHUP,
    signal_hook::consts::SIGINT,
    signal_hook::consts::SIGQUIT,
    signal_hook::consts::SIGUSR1,
    signal_hook::consts::SIGUSR2,
    signal_hook::consts::SIGPIPE,
    signal_hook::consts::SIGALRM,
    signal_hook::consts::SIGTERM,
    signal_hook::consts::SIGVTALRM,
    signal_hook::consts::SIGPROF,
    signal_hook::consts::SIGXCPU,
    signal_hook::consts::SIGXFSZ,
];

/// How browsing ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ending {
    /// The reader quit.
    Quit,
    /// A signal arrived (its number); the process should exit with 128 + it.
    Signal(i32),
}

/// Restores the terminal before any panic message is printed. Call it before anything else, so
/// whatever panics later leaves a usable terminal.
pub fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        previous(info);
    }));
}

/// Leaves the alternate screen, stops mouse reporting, shows the cursor, ends raw mode.
/// Safe to call more than once.
pub fn restore() {
    let _ = execute!(io::stdout(), DisableMouseCapture, cursor::Show);
    ratatui::restore();
}

/// Browses `reading` (at `section`, when the command line named one) until the reader quits or
/// a signal arrives. Quitting never waits for a load or a search under way: their threads end
/// with the process.
pub fn run(
    library: Library,
    reading: Reading,
    section: Option<String>,
    config: Config,
    config_problem: Option<String>,
) -> io::Result<Ending> {
    let stop = Arc::new(AtomicBool::new(false));
    let signal = Arc::new(AtomicUsize::new(0));
    // SIGIO ends a process on Linux only; elsewhere it is ignored unless caught.
    let io_signal: &[i32] = if cfg!(target_os = "linux") {
        &[signal_hook::consts::SIGIO]
    } else {
        &[]
    };
    for &number in ENDING_SIGNALS.iter().chain(io_signal) {
        // A second signal while the first is still being handled ends folio at once.
        signal_hook::flag::register_conditional_shutdown(number, 128 + number, Arc::clone(&stop))?;
        signal_hook::flag::register_usize(number, Arc::clone(&signal), number as usize)?;
        signal_hook::flag::register(number, Arc::clone(&stop))?;
    }
    watch_for_a_closed_terminal();
    let library = Arc::new(library);
    let mut terminal = ratatui::try_init()?;
    let result = execute!(io::stdout(), EnableMouseCapture)
        .and_then(|()| terminal.size())
        .and_then(|size| {
            let warning = warnings_message(&reading.warnings);
            let page = page_of(&library, reading);
            let mut app = App::new(page, &config, size.width, size.height);
            if let Some(message) = warning {
                app.notify(for_the_screen(message));
            }
            if let Some(section) = section {
                app.go_to_section(&section);
            }
            if let Some(problem) = config_problem {
                app.notify_until_read(for_the_screen(problem));
            }
            let (sender, messages) = mpsc::channel();
            input::start(sender.clone())?;
            let mut browser = Browser::new(app, config.keymap, library, sender)?;
            event_loop(&mut browser, &messages, &stop, |app| {
                terminal
                    .draw(|frame| crate::ui::render(app, frame))
                    .map(drop)
            })
        });
    restore();
    // A signal's ending wins over an error it may have caused (a hang-up closes the terminal).
    match signal.load(Ordering::Relaxed) {
        0 => result.map(|()| Ending::Quit),
        number => Ok(Ending::Signal(i32::try_from(number).unwrap_or(i32::MAX))),
    }
}

/// Ends the process once its terminal is gone (a killed tmux pane, a dropped ssh session). A
/// hang-up does not always bring SIGHUP, and crossterm's event reader (on the input thread) then
/// spins on the terminal's end of file without ever returning, so the event loop never hears of it.
/// There is no terminal left to restore.
fn watch_for_a_closed_terminal() {
    std::thread::spawn(|| {
        loop {
            std::thread::sleep(TERMINAL_CHECK);
            if !io::stdout().is_terminal() {
                std::process::exit(EXIT_HANG_UP);
            }
        }
    });
}

/// The page of a reading: a link is missing when the wiki the article came from said so (its
/// red links), else when no source of the library may have it.
fn page_of(library: &Library, reading: Reading) -> Page {
    match library.wiki_of(&reading.article) {
        Some(wiki) => Page::of_reading(reading, |title| wiki.presence(title) != Some(false)),
        None => Page::of_reading(reading, |title| library.contains(title)),
    }
}

/// The browser as the event loop drives it: the app, the keys, and the workers doing its slow
/// effects, whose results come back as `Message`s on the channel given to `new`.
pub struct Browser {
    app: App,
    keymap: Keymap,
    library: Arc<Library>,
    loads: Loader,
    revalidations: Revalidator,
    searches: SearchWorker,
    /// Where the threads asking for an article's languages send them.
    sender: Sender<Message>,
    /// The load under way (its generation) and when it began, for the seconds counted.
    load_began: Option<(u64, Instant)>,
}

/// What handling a message came to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Handled {
    /// Nothing changed (a mouse move, a key bound to nothing).
    Nothing,
    /// The screen is to be drawn again.
    Redraw,
    Quit,
}

impl Browser {
    /// A browser whose workers send their results on `sender`.
    pub fn new(
        app: App,
        keymap: Keymap,
        library: Arc<Library>,
        sender: Sender<Message>,
    ) -> io::Result<Browser> {
        let searches = SearchWorker::start(Arc::clone(&library), sender.clone())?;
        let revalidations = Revalidator::new(Arc::clone(&library), sender.clone());
        // The page opened before browsing may be a cached copy.
        revalidations.check(app.page());
        Ok(Browser {
            app,
            keymap,
            revalidations,
            loads: Loader::new(Arc::clone(&library), sender.clone()),
            library,
            searches,
            sender,
            load_began: None,
        })
    }

    pub fn app(&self) -> &App {
        &self.app
    }

    /// Takes one message: a key is answered, a result handed to the app. An error reading the
    /// terminal, or a worker's panic, ends browsing.
    pub fn handle(&mut self, message: Message) -> io::Result<Handled> {
        let handled = match message {
            Message::Input(event) => match action_of(event?, &self.app, &self.keymap) {
                Some(action) => {
                    let effect = self.app.update(action);
                    self.perform(effect)
                }
                None => Handled::Nothing,
            },
            Message::LoadingFrom { generation, from } => {
                self.app.loading_from(generation, from);
                Handled::Redraw
            }
            Message::Loaded { generation, opened } => {
                let Opened { page, warning } = *opened;
                let read = page.is_ok();
                if self.app.loaded(generation, page) {
                    if let Some(warning) = warning {
                        self.app.notify(warning);
                    }
                    if read {
                        self.revalidations.check(self.app.page());
                    }
                }
                Handled::Redraw
            }
            Message::Revalidated(revalidated) => self.revalidated(*revalidated),
            Message::Found(batch) => {
                let effect =
                    self.app
                        .show_search_results(batch.generation, batch.titles, batch.done);
                self.perform(effect)
            }
            Message::TextSearching { generation, wikis } => {
                self.app.text_search_asking(generation, wikis);
                Handled::Redraw
            }
            Message::FoundText { generation, found } => {
                self.app.show_text_results(generation, found);
                Handled::Redraw
            }
            Message::Languages { sources, found } => {
                self.app.show_languages(sources, found);
                Handled::Redraw
            }
            Message::WorkerFailed(what) => {
                return Err(io::Error::other(format!("a worker thread failed ({what})")));
            }
        };
        Ok(handled)
    }

    /// A newer revision of a page is swapped in, keeping the reader's place, only while that
    /// very page is on screen and no load is pending; otherwise it is dropped (it is in the
    /// cache already, for the next open).
    fn revalidated(&mut self, revalidated: Revalidated) -> Handled {
        let Revalidated {
            title,
            sources,
            newer,
            warning,
        } = revalidated;
        let page = &self.app.page().article;
        if self.app.loading().is_some() || page.title != title || page.sources != sources {
            return Handled::Nothing;
        }
        match newer {
            Ok(Some(newer)) => {
                let revision = revision_of(&newer.article.sources)
                    .map(|revision| format!(" (revision {revision})"))
                    .unwrap_or_default();
                self.app.opened(Navigation::Reload, Ok(newer));
                if let Some(warning) = warning {
                    self.app.notify(warning);
                }
                // Last, so that it is what the status line shows.
                self.app.notify(for_the_screen(format!(
                    "Newer revision of “{title}” loaded{revision}"
                )));
                Handled::Redraw
            }
            Ok(None) => Handled::Nothing,
            Err(error) => {
                self.app.notify(error);
                Handled::Redraw
            }
        }
    }

    /// Hands a slow effect to its worker, performs a quick one.
    fn perform(&mut self, effect: Option<Effect>) -> Handled {
        let flow = match effect {
            None => Flow::Continue,
            Some(Effect::Open { title, via }) => match self.app.loading() {
                Some(loading) => {
                    let generation = loading.generation;
                    self.load_began = Some((generation, Instant::now()));
                    let from = loader::opened_from(self.app.page(), &title, &via);
                    self.loads.load(generation, title, from);
                    Flow::Continue
                }
                // Only `App::update` makes this effect, and it notes the load first.
                None => perform(
                    Effect::Open { title, via },
                    &mut self.app,
                    &self.library,
                    launch_opener,
                ),
            },
            Some(Effect::SearchTitles { query, generation }) => {
                self.searches.ask(generation, query);
                Flow::Continue
            }
            Some(Effect::SearchText { query, generation }) => {
                self.searches.ask_text(generation, query);
                Flow::Continue
            }
            Some(Effect::CancelSearch) => {
                self.searches.cancel();
                Flow::Continue
            }
            Some(Effect::OpenOnWiki { title, wiki }) => {
                if let Some(generation) = self.app.loading().map(|loading| loading.generation) {
                    self.load_began = Some((generation, Instant::now()));
                    self.loads
                        .load(generation, title, Some(loader::on_wiki(wiki)));
                }
                Flow::Continue
            }
            Some(Effect::OpenArticleUrl { url, title }) => {
                if let Some(generation) = self.app.loading().map(|loading| loading.generation) {
                    self.load_began = Some((generation, Instant::now()));
                    self.loads.load_url(generation, url, title);
                }
                Flow::Continue
            }
            Some(Effect::ShowInfo) => {
                show_info(&mut self.app, &self.library);
                let (library, sender) = (&self.library, &self.sender);
                languages::when_wanted(&mut self.app, library, |title, sources| {
                    languages::ask(library, sender, title, sources);
                });
                Flow::Continue
            }
            Some(Effect::OpenRandom) => {
                if let Some(generation) = self.app.loading().map(|loading| loading.generation) {
                    self.load_began = Some((generation, Instant::now()));
                    self.loads
                        .load_random(generation, loader::origin_of(self.app.page()));
                }
                Flow::Continue
            }
            Some(effect) => perform(effect, &mut self.app, &self.library, launch_opener),
        };
        match flow {
            Flow::Continue => Handled::Redraw,
            Flow::Quit => Handled::Quit,
        }
    }

    /// Counts the seconds of the load under way into the status line: true when it changed.
    /// Also says how long until the count next changes, if a load is under way.
    pub fn tick(&mut self, now: Instant) -> (bool, Option<Duration>) {
        let Some(generation) = self.app.loading().map(|loading| loading.generation) else {
            self.load_began = None;
            return (false, None);
        };
        let began = match self.load_began {
            Some((began_generation, began)) if began_generation == generation => began,
            _ => {
                self.load_began = Some((generation, now));
                now
            }
        };
        let elapsed = now.saturating_duration_since(began);
        let changed = self.app.loading_took(elapsed);
        let next_second = Duration::from_secs(elapsed.as_secs() + 1);
        (changed, Some(next_second.saturating_sub(elapsed)))
    }

    /// The first screen of a new article is up: lays out the rest. True if there was any.
    fn complete_layout(&mut self) -> bool {
        let pending = self.app.layout_pending();
        if pending {
            self.app.complete_layout();
        }
        pending
    }
}

/// Draws the app with `draw` whenever it changed and handles each message from `messages` as
/// it comes, until the reader quits or `stop` is set (by a signal: it is looked at every
/// `SIGNAL_CHECK` at least).
pub fn event_loop(
    browser: &mut Browser,
    messages: &Receiver<Message>,
    stop: &AtomicBool,
    mut draw: impl FnMut(&App) -> io::Result<()>,
) -> io::Result<()> {
    let mut dirty = true;
    while !stop.load(Ordering::Relaxed) {
        let (ticked, next_tick) = browser.tick(Instant::now());
        if dirty || ticked {
            draw(&browser.app)?;
            dirty = false;
        }
        // The first screen of a new article is up; lay out the rest before reading keys.
        if browser.complete_layout() {
            dirty = true;
            continue;
        }
        let wait = next_tick.map_or(SIGNAL_CHECK, |tick| tick.min(SIGNAL_CHECK));
        let message = match messages.recv_timeout(wait) {
            Ok(message) => message,
            Err(RecvTimeoutError::Timeout) => continue,
            // The browser holds a sender, so the channel outlives the loop.
            Err(RecvTimeoutError::Disconnected) => return Ok(()),
        };
        match browser.handle(message)? {
            Handled::Nothing => {}
            Handled::Redraw => dirty = true,
            Handled::Quit => break,
        }
    }
    Ok(())
}

/// What a terminal event asks for, if anything.
fn action_of(event: Event, app: &App, keymap: &Keymap) -> Option<Action> {
    match event {
        Event::Key(key) if key.kind == KeyEventKind::Press => {
            keymap.action(app.context(), Key::from_event(key))
        }
        Event::Mouse(mouse) => {
            let (column, row) = (mouse.column, mouse.row);
            match mouse.kind {
                MouseEventKind::ScrollDown => Some(Action::Scroll {
                    column,
                    row,
                    lines: 1,
                }),
                MouseEventKind::ScrollUp => Some(Action::Scroll {
                    column,
                    row,
                    lines: -1,
                }),
                MouseEventKind::Down(event::MouseButton::Left) => {
                    Some(Action::Click { column, row })
                }
                _ => None,
            }
        }
        Event::Resize(width, height) => Some(Action::Resize { width, height }),
        _ => None,
    }
}

/// The revision a wiki article was read at, from its permanent URL among its sources.
fn revision_of(sources: &[String]) -> Option<u64> {
    sources
        .iter()
        .find_map(|source| crate::wiki::url::parse(source).ok()?.oldid)
}

/// A program that could not be started to open a URL, and why.
#[derive(Debug)]
pub struct OpenFailure {
    pub program: String,
    pub error: io::Error,
}

/// Whether the event loop goes on after an effect.
#[derive(Debug, PartialEq, Eq)]
pub enum Flow {
    Continue,
    Quit,
}

/// Performs an effect and feeds its outcome back into the app. `open_url` hands a URL that
/// `url_policy` allows to a program and says which; tests pass one that only records. Text from
/// the library that did not pass a reader (titles, archive metadata, error messages naming
/// files) is cleaned on its way to the screen. What goes to the clipboard is written to the
/// terminal on stdout.
pub fn perform(
    effect: Effect,
    app: &mut App,
    library: &Library,
    open_url: impl FnOnce(&str) -> Result<String, OpenFailure>,
) -> Flow {
    perform_on(effect, app, library, open_url, &mut io::stdout())
}

/// `perform`, writing what goes to the clipboard to `terminal` (tests pass a buffer).
pub fn perform_on(
    effect: Effect,
    app: &mut App,
    library: &Library,
    open_url: impl FnOnce(&str) -> Result<String, OpenFailure>,
    terminal: &mut dyn Write,
) -> Flow {
    match effect {
        Effect::Quit => return Flow::Quit,
        // The event loop opens on its worker; here (in tests) the article is waited for.
        Effect::Open { title, via } => {
            let from = loader::opened_from(app.page(), &title, &via);
            let opened = loader::open(library, &title, from.as_ref());
            app.opened(via, opened.page);
            if let Some(warning) = opened.warning {
                app.notify(warning);
            }
        }
        Effect::OpenRandom => {
            let opened = loader::open_random(library, &loader::origin_of(app.page()));
            app.opened(Navigation::Follow, opened.page);
            if let Some(warning) = opened.warning {
                app.notify(warning);
            }
        }
        Effect::OpenUrl(url) => match crate::url_policy::openable(&url) {
            Ok(url) => match open_url(&url) {
                Ok(program) => app.notify(for_the_screen(format!("Opening {url} with {program}"))),
                Err(OpenFailure { program, error }) => {
                    // Short, so that the way out ($BROWSER) fits on the status line.
                    let why = match error.kind() {
                        io::ErrorKind::NotFound => "not found".to_string(),
                        io::ErrorKind::PermissionDenied => "not allowed to run".to_string(),
                        _ => error.to_string(),
                    };
                    app.notify(for_the_screen(format!(
                        "Could not start {program} ({why}); set $BROWSER to choose another"
                    )));
                }
            },
            // The reason first: a long URL is what the status line cuts.
            Err(refusal) => app.notify(for_the_screen(format!("Not opened: {refusal} ({url})"))),
        },
        // The event loop searches on its worker; here (in tests) the answer is waited for.
        Effect::SearchTitles { query, generation } => {
            let mut titles = library.search(&query, SEARCH_LIMIT);
            let more = library.search_wiki_titles(&query, SEARCH_LIMIT, &titles, &|| false);
            titles.extend(more);
            let titles = titles.into_iter().map(for_the_screen).collect();
            if let Some(effect) = app.show_search_results(generation, titles, true) {
                return perform_on(effect, app, library, open_url, terminal);
            }
        }
        Effect::SearchText { query, generation } => {
            let found = library.search_wiki_text(&query, search_worker::TEXT_LIMIT, &|| false);
            app.show_text_results(generation, search_worker::text_results(found));
        }
        Effect::CancelSearch => {}
        Effect::OpenOnWiki { title, wiki } => {
            let opened = loader::open(library, &title, Some(&loader::on_wiki(wiki)));
            app.opened(Navigation::Follow, opened.page);
            if let Some(warning) = opened.warning {
                app.notify(warning);
            }
        }
        Effect::OpenArticleUrl { url, title } => {
            let opened = loader::open_url(library, &url, &title);
            app.opened(Navigation::Follow, opened.page);
            if let Some(warning) = opened.warning {
                app.notify(warning);
            }
        }
        // Here (in tests) the languages are waited for.
        Effect::ShowInfo => {
            show_info(app, library);
            let mut asked = None;
            languages::when_wanted(app, library, |title, sources| {
                asked = Some((title, sources));
            });
            if let Some((title, sources)) = asked {
                let found = languages::find(library, title, &sources);
                app.show_languages(sources, found);
            }
        }
        Effect::Copy { text, what } => match clipboard::copy(terminal, &text) {
            Ok(bytes) => app.notify(for_the_screen(format!("Copied {what} ({bytes} bytes)"))),
            Err(error) => app.notify(for_the_screen(format!("Not copied: {error}"))),
        },
        Effect::Export {
            path,
            style,
            overwrite,
        } => export::write(app, &path, style, overwrite),
    }
    Flow::Continue
}

/// Opens the info view: the article, and the library's sources with their facts.
fn show_info(app: &mut App, library: &Library) {
    app.show_info(
        library
            .info()
            .into_iter()
            .map(|(source, facts)| {
                let facts = facts
                    .into_iter()
                    .map(|(name, value)| (for_the_screen(name), for_the_screen(value)))
                    .collect();
                (for_the_screen(source), facts)
            })
            .collect(),
    );
}

/// Text cleaned of control characters, bidi controls and escape sequences for the screen.
fn for_the_screen(text: String) -> String {
    match crate::text::clean(&text) {
        Cow::Borrowed(_) => text,
        Cow::Owned(cleaned) => cleaned,
    }
}

/// What reading an article warned about, in one status line.
fn warnings_message(warnings: &[String]) -> Option<String> {
    let first = warnings.first()?;
    Some(match warnings.len() {
        1 => format!("Warning: {first}"),
        n => format!("Warning: {first} (and {} more)", n - 1),
    })
}

/// Hands a URL to `$BROWSER` (its first entry; `%s` stands for the URL) or the system opener,
/// as an argument vector: no shell ever sees the URL. A failure names the program tried.
fn launch_opener(url: &str) -> Result<String, OpenFailure> {
    let mut argv: Vec<String> = match std::env::var("BROWSER") {
        Ok(browser) if !browser.trim().is_empty() => {
            let first = browser.split(':').next().unwrap_or_default();
            first.split_whitespace().map(str::to_string).collect()
        }
        _ if cfg!(target_os = "macos") => vec!["open".to_string()],
        _ => vec!["xdg-open".to_string()],
    };
    // `%s` stands for the URL in the arguments only: a URL is never the program run.
    if argv.iter().skip(1).any(|arg| arg.contains("%s")) {
        for arg in argv.iter_mut().skip(1) {
            *arg = arg.replace("%s", url);
        }
    } else {
        argv.push(url.to_string());
    }
    let Some((program, args)) = argv.split_first() else {
        return Err(OpenFailure {
            program: "$BROWSER".to_string(),
            error: io::Error::new(io::ErrorKind::NotFound, "it names no program"),
        });
    };
    let mut child = Command::new(program)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|error| OpenFailure {
            program: program.clone(),
            error,
        })?;
    // Reap the opener when it exits, so it leaves no zombie behind while folio runs.
    std::thread::spawn(move || child.wait());
    Ok(program.clone())
}
